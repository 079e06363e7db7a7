//! Differential test: Charter's syntax tree against the reader it replaced
//! (`saphyr-parser`, a port of libyaml's scanner), on documents mutated from the
//! templates and the YAML test suite. Wherever the oracle reads a document without error,
//! Charter must read the same data. The figures are printed.

mod oracle;

use charter_core::{templates, yaml};
use std::path::Path;

/// A small deterministic generator (xorshift64*), so a failure is reproducible by index.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// The bytes YAML gives meaning to, and a few others.
const ALPHABET: &[&str] = &[
    ":", "-", " ", "  ", "\n", "\"", "'", "#", "[", "]", "{", "}", ",", "|", ">", "&a", "*a", "!",
    "?", "\t", "x", "1", "\\", "- ", ": ", "---\n", "é",
];

fn mutate(rng: &mut Rng, base: &str) -> String {
    let mut text = base.to_string();
    for _ in 0..1 + rng.below(3) {
        let mut at = rng.below(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        match rng.below(6) {
            // Insert a YAML character.
            0 | 1 => text.insert_str(at, ALPHABET[rng.below(ALPHABET.len())]),
            // Delete a few characters.
            2 => {
                let mut end = (at + 1 + rng.below(4)).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                text.replace_range(at..end, "");
            }
            // Indent or dedent a line.
            3 => {
                let ls = text[..at].rfind('\n').map_or(0, |i| i + 1);
                if rng.below(2) == 0 {
                    text.insert_str(ls, "  ");
                } else if text[ls..].starts_with("  ") {
                    text.replace_range(ls..ls + 2, "");
                }
            }
            // Duplicate a line.
            4 => {
                let ls = text[..at].rfind('\n').map_or(0, |i| i + 1);
                let le = text[at..].find('\n').map_or(text.len(), |i| at + i + 1);
                let line = text[ls..le].to_string();
                text.insert_str(le, &line);
            }
            // Swap a line with the next.
            _ => {
                let lines: Vec<&str> = text.split_inclusive('\n').collect();
                if lines.len() > 2 {
                    let i = rng.below(lines.len() - 1);
                    let mut v: Vec<&str> = lines.clone();
                    v.swap(i, i + 1);
                    text = v.concat();
                }
            }
        }
    }
    text
}

fn seeds() -> Vec<String> {
    let mut out: Vec<String> = templates::ALL.iter().map(|t| t.text.to_string()).collect();
    let suite =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/yaml-test-suite");
    if let Ok(entries) = std::fs::read_dir(&suite) {
        let mut dirs: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        dirs.sort();
        for d in dirs {
            if d.join("error").exists() {
                continue;
            }
            if let Ok(t) = std::fs::read_to_string(d.join("in.yaml")) {
                out.push(t);
            }
        }
    }
    out
}

/// Data comparison: numbers as numbers (NaN equal to itself).
fn same(a: &Option<yaml::Node>, b: &Option<yaml::Node>) -> bool {
    let j = |n: &Option<yaml::Node>| n.as_ref().map(|n| n.to_json());
    j(a) == j(b)
}

#[test]
fn charter_reads_the_same_data_as_the_oracle_on_mutated_documents() {
    let seeds = seeds();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut docs, mut valid, mut agree) = (0usize, 0usize, 0usize);
    let (mut both, mut known) = (0usize, 0usize);
    let mut rejected = std::collections::BTreeMap::<String, usize>::new();
    let ok_kind = |k: yaml::YamlErrorKind| {
        matches!(
            k,
            yaml::YamlErrorKind::MultipleDocuments | yaml::YamlErrorKind::Lenient
        )
    };
    let mut differs = Vec::new();
    let target = 12_000;
    while docs < target {
        let seed = &seeds[docs % seeds.len()];
        // Every seed once as it is, then mutated.
        let text = if docs < seeds.len() {
            seed.clone()
        } else {
            mutate(&mut rng, seed)
        };
        docs += 1;
        let theirs = oracle::parse(&text);
        let ours = yaml::parse(&text);
        assert_eq!(ours.tree.print(&text), text, "round trip, document {docs}");
        // Valid for the oracle: no problem at all (several documents are compared by the
        // first, which is all the oracle keeps).
        let ok = |d: &yaml::Document| {
            d.errors.iter().all(|e| {
                matches!(
                    e.kind,
                    yaml::YamlErrorKind::MultipleDocuments | yaml::YamlErrorKind::Lenient
                )
            })
        };
        if !ok(&theirs) {
            continue;
        }
        valid += 1;
        if !ok(&ours) {
            // The oracle reads what YAML 1.2 forbids (the suite has the cases that decide
            // the verdict), and only the first document (so it misses duplicate keys in
            // later ones): these are counted and listed by Charter's message.
            let first = ours
                .errors
                .iter()
                .find(|e| !ok_kind(e.kind))
                .map(|e| e.message.clone())
                .unwrap_or_default();
            *rejected.entry(first).or_insert(0usize) += 1;
            continue;
        }
        // The oracle reads the non-specific tag `!` like no tag (`! 12` as a number); the
        // suite (S4JQ) and Charter read it as a string.
        let non_specific = ours.tree.tokens.iter().enumerate().any(|(i, t)| {
            t.kind == charter_core::syntax::Kind::Tag && &text[ours.tree.token_range(i)] == "!"
        });
        if non_specific {
            known += 1;
            continue;
        }
        both += 1;
        if same(&ours.root, &theirs.root) {
            agree += 1;
        } else if differs.len() < 40 {
            differs.push(format!(
                "document {docs}:\n{text}\n--- Charter: {:?}\n--- oracle: {:?}\n--- Charter's errors: {:?}",
                ours.root.as_ref().map(|n| n.to_json()),
                theirs.root.as_ref().map(|n| n.to_json()),
                ours.errors.iter().map(|e| &e.message).collect::<Vec<_>>()
            ));
        }
    }
    println!(
        "differential: {docs} documents ({} seeds, the rest mutated); the oracle (saphyr-parser) reads {valid} without error; both read {both} (and {known} with the non-specific tag `!`, which the oracle resolves unlike YAML 1.2); Charter reads the same data on {agree} of those {both}",
        seeds.len()
    );
    let refused: usize = rejected.values().sum();
    println!("differential: {refused} documents the oracle reads and Charter refuses as YAML 1.2 forbids them:");
    for (why, n) in &rejected {
        println!("  {n:5}  {why}");
    }
    if let Ok(path) = std::env::var("DIFFERENTIAL_DUMP") {
        std::fs::write(path, differs.join("\n\n=====\n")).unwrap();
    }
    assert!(differs.is_empty(), "{}", differs.join("\n\n"));
    assert!(agree >= 10_000 / 2, "too few documents compared: {agree}");
}

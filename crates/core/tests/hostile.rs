//! Hostile input, run in the test command: a corpus of our own (deep block and flow nesting,
//! wide mappings and lists, alias bombs, huge scalars and lines, control characters and
//! every line ending) through everything the CLI and the app run on a document, with loose
//! time bounds; then a bounded fuzz run of 100,000 structurally mutated documents that must
//! give no panic and reports that serialise to valid JSON and SARIF.

use charter_core::{assist, check, diff, output, templates, workspace, Report};
use std::time::{Duration, Instant};

/// Everything a document goes through: the check (validation, lint, governance), the
/// workspace summary, completion and hover, a diff both ways against a valid contract, and
/// every output format. Returns the report.
fn everything(text: &str) -> Report {
    let report = check(text);
    let summary = workspace::summarize(text, &report);
    let _ = workspace::check(text, &[&summary]);
    for at in [0, text.len() / 2, text.len()] {
        let mut at = at;
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let _ = assist::complete(text, at);
        let _ = assist::hover(text, at);
    }
    let valid = templates::ORDERS_EXAMPLE.text;
    for (a, b) in [(valid, text), (text, valid)] {
        if let Ok(r) = diff::diff_texts(a, b, diff::Mode::Full) {
            let json = diff::render::json(&r).to_string();
            serde_json::from_str::<serde_json::Value>(&json).expect("diff JSON");
            let _ = diff::render::markdown(&r);
            let _ = diff::render::github(&r, "x.yaml");
        }
    }
    let json = serde_json::to_string(&report).expect("report serialises");
    serde_json::from_str::<serde_json::Value>(&json).expect("report JSON is valid");
    let files = [("a,b:c.yaml".to_string(), report)];
    let sarif = output::sarif(&files).to_string();
    serde_json::from_str::<serde_json::Value>(&sarif).expect("SARIF is valid JSON");
    for line in output::github(&files).lines() {
        assert!(line.starts_with("::"), "one annotation per line: {line}");
    }
    let [(_, report)] = files;
    report
}

fn head(body: &str) -> String {
    format!(
        "apiVersion: v3.2.0\nkind: DataContract\nid: c1\nversion: 1.0.0\nstatus: active\n{body}"
    )
}

/// The corpus: (name, document). Sizes are a few MB at most, so the debug build stays quick.
fn corpus() -> Vec<(&'static str, String)> {
    let n = 50_000;
    vec![
        ("deep block list", head(&format!("schema:\n{}x\n", "- ".repeat(20_000)))),
        (
            "deep block mappings",
            head(&(0..5_000).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect::<String>()),
        ),
        ("deep flow", head(&format!("schema: {}{}\n", "[".repeat(20_000), "]".repeat(20_000)))),
        ("deep flow unclosed", head(&format!("schema: {}\n", "{a: [".repeat(10_000)))),
        (
            "alias bomb",
            head(&{
                let mut s = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n".to_string();
                for i in 1..40 {
                    let p = format!("*a{}", i - 1);
                    s += &format!("a{i}: &a{i} [{p}, {p}, {p}, {p}, {p}, {p}, {p}, {p}, {p}, {p}]\n");
                }
                s
            }),
        ),
        ("wide mapping", head(&(0..n).map(|i| format!("k{i}: {i}\n")).collect::<String>())),
        ("duplicate keys", head(&"name: x\n".repeat(n))),
        (
            "wide properties",
            head(&format!(
                "schema:\n  - name: t\n    properties:\n{}",
                (0..n).map(|i| format!("      - name: c{}\n        logicalType: string\n", i % 1000)).collect::<String>()
            )),
        ),
        ("wide flow list", head(&format!("tags: [{}]\n", vec!["t"; n].join(", ")))),
        ("huge scalar", head(&format!("description:\n  purpose: {}\n", "x".repeat(8 << 20)))),
        ("huge line of keys", head(&format!("{}\n", "a: ".repeat(200_000)))),
        ("huge quoted scalar", head(&format!("name: \"{}\"\n", "\\u00e9".repeat(500_000)))),
        ("huge number", head(&format!("version: {}\n", "9".repeat(100_000)))),
        ("control characters", head(&(0u8..32).map(|b| format!("k{b}: \"{}\"\n", b as char)).collect::<String>())),
        ("nul bytes", head("name: a\0b\n\0\0\0\n")),
        ("bom", format!("\u{feff}{}", templates::ORDERS_EXAMPLE.text)),
        ("crlf", templates::ORDERS_EXAMPLE.text.replace('\n', "\r\n")),
        ("lone cr", templates::ORDERS_EXAMPLE.text.replace('\n', "\r")),
        ("tabs", templates::ORDERS_EXAMPLE.text.replace("  ", "\t")),
        ("many documents", "---\na: 1\n".repeat(n)),
        ("only dashes", "- ".repeat(200_000)),
        ("unicode names", head("schema:\n  - name: \"`|<img src=x>\\n\u{202e}\u{0}\"\n    properties:\n      - name: \"\u{1f600}\"\n")),
        ("empty", String::new()),
    ]
}

#[test]
fn the_hostile_corpus_gets_reports_in_bounded_time() {
    let mut worst = (Duration::ZERO, "");
    for (name, text) in corpus() {
        let started = Instant::now();
        let report = everything(&text);
        let took = started.elapsed();
        // Loose enough for a loaded 2-core machine; a quadratic check takes minutes here.
        assert!(took < Duration::from_secs(20), "{name}: {took:?}");
        assert!(
            report.diagnostics.len() <= text.len() + 1,
            "{name}: more diagnostics than bytes"
        );
        if took > worst.0 {
            worst = (took, name);
        }
    }
    eprintln!("hostile corpus: worst case {} in {:?}", worst.1, worst.0);
}

/// A small deterministic generator (xorshift), so a failure can be replayed by its number.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const TOKENS: &[&str] = &[
    "- ",
    ": ",
    "{",
    "}",
    "[",
    "]",
    ",",
    "&a ",
    "*a",
    "!!int ",
    "!x ",
    "'",
    "\"",
    "# c",
    "\n",
    "\t",
    "  ",
    "|",
    ">-",
    "? ",
    "---\n",
    "...\n",
    "\\",
    "%YAML 1.2\n",
    "<<: *a\n",
    "é",
    "\u{0}",
    "null",
    "1e999",
    "-.inf",
    "0x1F",
    "2024-01-01",
    "yes",
    "~",
];

/// One structural mutation of `lines`: delete, duplicate, move or re-indent a block of
/// lines, or put a token somewhere in a line.
fn mutate(rng: &mut Rng, lines: &mut Vec<String>) {
    if lines.is_empty() {
        lines.push(String::new());
    }
    let at = rng.below(lines.len());
    let len = 1 + rng.below(8).min(lines.len() - at - 1);
    match rng.below(7) {
        0 => {
            lines.drain(at..at + len);
        }
        1 => {
            let block: Vec<String> = lines[at..at + len].to_vec();
            let to = rng.below(lines.len() + 1);
            lines.splice(to..to, block);
        }
        2 => {
            let block: Vec<String> = lines.drain(at..at + len).collect();
            let to = rng.below(lines.len() + 1);
            lines.splice(to..to, block);
        }
        3 => {
            let shift = rng.below(5);
            let grow = rng.below(2) == 0;
            for l in &mut lines[at..at + len] {
                if grow {
                    l.insert_str(0, &" ".repeat(shift));
                } else {
                    let cut = l.len() - l.trim_start_matches(' ').len();
                    l.drain(..cut.min(shift));
                }
            }
        }
        4 => lines[at] = lines[at].replace(": ", ":"),
        _ => {
            let l = &mut lines[at];
            let mut pos = rng.below(l.len() + 1);
            while !l.is_char_boundary(pos) {
                pos -= 1;
            }
            l.insert_str(pos, TOKENS[rng.below(TOKENS.len())]);
        }
    }
}

#[test]
fn a_hundred_thousand_mutated_documents_never_crash_and_report_valid_json() {
    // Small seeds keep each check quick: the start of every template, and a few sections.
    let seeds: Vec<Vec<String>> = templates::ALL
        .iter()
        .flat_map(|t| {
            let lines: Vec<String> = t.text.lines().map(str::to_string).collect();
            let n = lines.len();
            [
                lines[..n.min(40)].to_vec(),
                lines[n / 2..].iter().take(40).cloned().collect(),
            ]
        })
        .collect();
    let started = Instant::now();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut findings = 0usize;
    for case in 0..100_000u32 {
        let mut lines = seeds[rng.below(seeds.len())].clone();
        for _ in 0..1 + rng.below(4) {
            mutate(&mut rng, &mut lines);
        }
        let text = lines.join("\n");
        let report = std::panic::catch_unwind(|| {
            let r = check(&text);
            let json = serde_json::to_string(&r).expect("report serialises");
            serde_json::from_str::<serde_json::Value>(&json).expect("valid JSON");
            r
        })
        .unwrap_or_else(|_| panic!("case {case} panicked on:\n{text}"));
        findings += report.diagnostics.len();
        // Every thousandth document also goes through everything else.
        if case % 1000 == 0 {
            everything(&text);
        }
    }
    eprintln!(
        "fuzz: 100,000 documents, {findings} diagnostics, {:?}",
        started.elapsed()
    );
}

//! The YAML test suite (`../shared/reference/yaml-test-suite/`, MIT, read at test time and
//! never copied): Charter's YAML layer must give the suite's verdict on every case, and the
//! suite's data (`in.json`) on every case that has it. The figures are printed; the listed
//! exclusions say why a case is not compared.
//!
//! What counts as "invalid YAML" here is a syntax error or a duplicate key (YAML forbids
//! both). Charter also refuses some valid YAML it has no use for in a contract (complex keys,
//! several documents in one file, alias expansion and nesting beyond its limits); those
//! cases are compared for their verdict on the YAML only, and for data where there is one
//! document.

use charter_core::yaml::{self, YamlErrorKind};
use std::path::{Path, PathBuf};

fn suite() -> Option<PathBuf> {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference/yaml-test-suite");
    dir.is_dir().then_some(dir)
}

/// Every case folder (a case with numbered sub-folders is one case per sub-folder).
fn cases(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                if p.join("in.yaml").is_file() {
                    out.push(p);
                } else {
                    stack.push(p);
                }
            }
        }
    }
    out.sort();
    out
}

/// The JSON values of `in.json`: several in a row for a stream of documents.
fn json_values(text: &str) -> Vec<serde_json::Value> {
    serde_json::Deserializer::from_str(text)
        .into_iter::<serde_json::Value>()
        .collect::<Result<_, _>>()
        .unwrap_or_default()
}

/// Why Charter refuses this valid YAML, if it does: a policy of Charter's, not a verdict on
/// the YAML.
fn refused_by_policy(kind: YamlErrorKind) -> bool {
    matches!(
        kind,
        YamlErrorKind::ComplexKey | YamlErrorKind::AliasLimit | YamlErrorKind::NestingLimit
    )
}

/// Numbers compared as numbers (`450.00` is the suite's `450`).
fn normal(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        Value::Number(n) => n
            .as_f64()
            .and_then(serde_json::Number::from_f64)
            .map(Value::Number)
            .unwrap_or(Value::Number(n)),
        Value::Array(a) => Value::Array(a.into_iter().map(normal).collect()),
        Value::Object(o) => Value::Object(o.into_iter().map(|(k, v)| (k, normal(v))).collect()),
        other => other,
    }
}

/// Cases whose verdict Charter gives differently on purpose, with the reason.
const VERDICT_EXCLUSIONS: &[(&str, &str)] = &[(
    "2JQS",
    "two empty keys in one mapping: the suite reads them as two null keys; Charter reports the second as a duplicate key, as a contract needs",
)];

#[test]
fn yaml_test_suite_verdicts_and_data() {
    let Some(dir) = suite() else {
        eprintln!("yaml-test-suite: ../shared/reference/yaml-test-suite is missing, skipped");
        return;
    };
    let all = cases(&dir);
    assert!(all.len() >= 400, "{} cases", all.len());
    let (mut verdict_same, mut verdict_differs) = (0usize, Vec::new());
    let (mut data_cases, mut data_same, mut data_differs) = (0usize, 0usize, Vec::new());
    let mut data_skipped = 0usize;
    let (mut round_trips, mut round_trip_differs) = (0usize, Vec::new());
    for case in &all {
        let name = case
            .strip_prefix(&dir)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(case.join("in.yaml")).unwrap_or_default();
        let doc = yaml::parse(&text);
        let invalid = case.join("error").exists();
        let says_invalid = doc.errors.iter().any(|e| {
            matches!(
                e.kind,
                YamlErrorKind::Syntax | YamlErrorKind::DuplicateKey | YamlErrorKind::Lenient
            )
        });
        if doc.tree.print(&text) == text {
            round_trips += 1;
        } else {
            round_trip_differs.push(name.clone());
        }
        let id = name.split('/').next().unwrap_or("");
        if invalid == says_invalid {
            verdict_same += 1;
        } else if !VERDICT_EXCLUSIONS.iter().any(|(c, _)| *c == id) {
            verdict_differs.push(format!(
                "{name}: the suite says {}, Charter {} ({:?})",
                if invalid { "invalid" } else { "valid" },
                if says_invalid { "invalid" } else { "valid" },
                doc.errors.first().map(|e| &e.message)
            ));
        }
        // Data: one document, read without errors.
        // Data: the cases the suite reads without error (a few invalid cases have the data
        // up to the error).
        let Ok(json) = std::fs::read_to_string(case.join("in.json")) else {
            continue;
        };
        if invalid {
            continue;
        }
        let values = json_values(&json);
        data_cases += 1;
        if doc.errors.iter().any(|e| refused_by_policy(e.kind)) {
            data_skipped += 1;
            continue;
        }
        let to_json = |n: &Option<yaml::Node>| {
            n.as_ref()
                .map(|r| r.to_json())
                .unwrap_or(serde_json::Value::Null)
        };
        let mut all_docs: Vec<serde_json::Value> = vec![to_json(&doc.root)];
        all_docs.extend(doc.more.iter().map(to_json));
        // A stream that ends in an empty document has no value for it in `in.json`.
        while all_docs.len() > values.len() && all_docs.last() == Some(&serde_json::Value::Null) {
            all_docs.pop();
        }
        let ours = if values.len() == 1 && all_docs.len() == 1 {
            all_docs.pop().unwrap()
        } else {
            serde_json::Value::Array(all_docs)
        };
        let theirs = if values.len() == 1 {
            values[0].clone()
        } else {
            serde_json::Value::Array(values.clone())
        };
        if normal(ours.clone()) == normal(theirs.clone()) {
            data_same += 1;
        } else {
            data_differs.push(format!("{name}: {ours} instead of {theirs}"));
        }
    }
    println!(
        "yaml-test-suite: the same verdict as the suite on {verdict_same} of {} cases ({} excluded: {})",
        all.len(),
        VERDICT_EXCLUSIONS.len(),
        VERDICT_EXCLUSIONS
            .iter()
            .map(|(c, why)| format!("{c}, {why}"))
            .collect::<Vec<_>>()
            .join("; ")
    );
    println!(
        "yaml-test-suite: the same data as in.json on {data_same} of {data_cases} valid cases that have it ({data_skipped} not compared: a complex key or an alias limit, which Charter refuses by policy)"
    );
    println!(
        "yaml-test-suite: byte-identical round trip through the syntax tree on {round_trips} of {} in.yaml",
        all.len()
    );
    assert!(
        round_trip_differs.is_empty(),
        "round trip differs: {:?}",
        round_trip_differs
    );
    // Today's figures, as a floor: the new syntax tree must reach every case.
    for d in verdict_differs.iter().chain(&data_differs) {
        println!("  differs: {d}");
    }
    assert!(
        verdict_differs.is_empty(),
        "verdicts differ:\n{}",
        verdict_differs.join("\n")
    );
    assert!(
        data_differs.is_empty(),
        "data differs on {} cases:\n{}",
        data_differs.len(),
        data_differs.join("\n")
    );
}

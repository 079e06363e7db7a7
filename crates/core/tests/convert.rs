//! Conversion between ODCS v3 versions: every official example converts to every other
//! version (keys the target lacks removed with `lossy`), the result passes Charter's checks
//! and the target's official JSON Schema, and converting back gives the original text byte
//! for byte when nothing was removed; comments and order stay; excluded bounds are
//! rewritten both ways; what the target can't express is named.

mod common;

use charter_core::convert::convert;
use charter_core::model::ODCS_VERSIONS;
use charter_core::yaml::parse_data;

fn official(version: &str) -> jsonschema::Validator {
    common::official_validator(&format!("odcs/schemas/odcs-json-schema-{version}.json"))
}

#[test]
fn every_official_example_converts_to_every_version_and_back() {
    let validators: Vec<_> = ODCS_VERSIONS.iter().map(|v| official(v)).collect();
    let mut files = Vec::new();
    common::yaml_files(&common::reference_dir().join("odcs/examples"), &mut files);
    let (mut converted, mut lossless, mut refused) = (0, 0, 0);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        if !charter_core::check(&text).is_valid() {
            continue;
        }
        let Some(from) = parse_data(&text).root.and_then(|r| {
            r.get("apiVersion")
                .and_then(|v| v.as_str().map(str::to_string))
        }) else {
            continue;
        };
        for (i, to) in ODCS_VERSIONS.iter().enumerate() {
            if *to == from {
                continue;
            }
            let what = format!("{} → {to}", f.display());
            let c = convert(&text, to, true).unwrap_or_else(|e| panic!("{what}: {e}"));
            if !c.remaining.is_empty() {
                // Values the target doesn't allow (a `timestamp` before v3.1.0) are named,
                // never changed.
                assert!(c.remaining.iter().all(|l| !l.message.is_empty()), "{what}");
                refused += 1;
                continue;
            }
            let report = charter_core::check(&c.text);
            assert!(
                report.is_valid(),
                "{what}:\n{:#?}\n{}",
                report.diagnostics,
                c.text
            );
            let data = parse_data(&c.text).root.unwrap().to_json();
            let errors: Vec<String> = validators[i]
                .iter_errors(&data)
                .map(|e| e.to_string())
                .collect();
            assert!(errors.is_empty(), "{what}: {errors:#?}");
            converted += 1;
            if c.removed.is_empty() {
                let back = convert(&c.text, &from, false).unwrap();
                assert!(back.remaining.is_empty(), "{what}: {:?}", back.remaining);
                if back.text != text {
                    let (n, (a, b)) = back
                        .text
                        .lines()
                        .zip(text.lines())
                        .enumerate()
                        .find(|(_, (a, b))| a != b)
                        .unwrap_or((0, ("(length)", "(length)")));
                    panic!("{what} and back: line {}: `{a}` instead of `{b}`", n + 1);
                }
                lossless += 1;
            }
        }
    }
    assert!(
        converted >= 100 && lossless >= 80,
        "{converted} converted, {lossless} lossless, {refused} refused"
    );
}

const V32: &str = "apiVersion: v3.2.0 # the standard
kind: DataContract
id: shop
name: shop
version: 1.0.0
status: active
schema:
  - name: orders
    properties:
      # the amount, in cents
      - name: amount
        logicalType: integer
        logicalTypeOptions:
          minimum: 0
          exclusiveMaximum: 100000
      - name: status
        logicalType: string
        enum:
          - value: placed
        synonyms:
          - name: state
      - name: at
        logicalType: timestamp
";

#[test]
fn what_the_target_cannot_express_is_named_and_removed_only_when_asked() {
    let c = convert(V32, "v3.1.0", false).unwrap();
    assert_eq!(
        c.remaining
            .iter()
            .map(|l| (l.line, l.path.as_str()))
            .collect::<Vec<_>>(),
        [
            (18, "/schema/0/properties/1/enum"),
            (20, "/schema/0/properties/1/synonyms")
        ]
    );
    assert!(
        c.remaining[0].message.contains("`enum` was added"),
        "{}",
        c.remaining[0].message
    );
    let c = convert(V32, "3.1.0", true).unwrap();
    assert!(c.remaining.is_empty() && c.removed.len() == 2);
    assert!(
        c.text.starts_with("apiVersion: v3.1.0 # the standard\n"),
        "{}",
        c.text
    );
    assert!(c.text.contains("      # the amount, in cents\n"));
    assert!(c
        .text
        .contains("      - name: status\n        logicalType: string\n      - name: at\n"));
    // v3.0.x has no timestamp: named, never changed.
    let c = convert(&c.text, "v3.0.2", true).unwrap();
    assert_eq!(c.remaining.len(), 1);
    assert_eq!(c.remaining[0].path, "/schema/0/properties/2/logicalType");
    assert!(c.text.contains("logicalType: timestamp"));
}

#[test]
fn excluded_bounds_are_rewritten_both_ways() {
    let v31 = convert(V32, "v3.1.0", true)
        .unwrap()
        .text
        .replace("timestamp", "date");
    let v30 = convert(&v31, "v3.0.2", false).unwrap();
    assert!(v30.remaining.is_empty(), "{:?}", v30.remaining);
    assert!(
        v30.text.contains(
            "          minimum: 0\n          maximum: 100000\n          exclusiveMaximum: true\n"
        ),
        "{}",
        v30.text
    );
    let back = convert(&v30.text, "v3.1.0", false).unwrap();
    assert_eq!(back.text, v31);
    // A v3.0 flag set to false goes; an excluded minimum becomes its bound.
    let old = v30.text.replace(
        "          minimum: 0\n",
        "          minimum: 0\n          exclusiveMinimum: true\n",
    );
    let up = convert(&old, "v3.2.0", false).unwrap();
    assert!(
        up.text
            .contains("          exclusiveMinimum: 0\n          exclusiveMaximum: 100000\n"),
        "{}",
        up.text
    );
    assert!(up.remaining.is_empty(), "{:?}", up.remaining);
}

#[test]
fn bad_requests_say_why() {
    assert!(convert(V32, "v4.0.0", false)
        .unwrap_err()
        .contains("no ODCS version `v4.0.0`"));
    assert!(
        convert("apiVersion: v1.0.0\nkind: DataProduct\n", "v3.1.0", false)
            .unwrap_err()
            .contains("only a data contract")
    );
    assert!(convert("a: [", "v3.1.0", false)
        .unwrap_err()
        .contains("can't be read whole"));
}

#[test]
fn flow_mappings_convert_without_overlapping_edits() {
    let head = |v: &str| {
        format!("apiVersion: {v}\nkind: DataContract\nid: shop\nname: shop\nversion: 1.0.0\nstatus: active\nschema:\n  - name: orders\n    properties:\n")
    };
    // Two flags of one flow mapping removed (their edits would overlap in one pass).
    let v30 = head("v3.0.2")
        + "      - name: n\n        logicalType: integer\n        logicalTypeOptions: {maximum: 10, exclusiveMinimum: false, exclusiveMaximum: false}\n";
    let c = convert(&v30, "v3.1.0", false).unwrap();
    assert!(
        c.text.ends_with("logicalTypeOptions: {maximum: 10}\n"),
        "{}",
        c.text
    );
    assert!(c.remaining.is_empty(), "{:?}", c.remaining);
    // An excluded bound of a flow mapping, down and up again.
    let v31 = head("v3.1.0")
        + "      - name: n\n        logicalType: integer\n        logicalTypeOptions: {minimum: 0, exclusiveMaximum: 10}\n";
    let down = convert(&v31, "v3.0.2", false).unwrap();
    assert!(
        down.text
            .ends_with("{minimum: 0, maximum: 10, exclusiveMaximum: true}\n"),
        "{}",
        down.text
    );
    assert!(down.remaining.is_empty(), "{:?}", down.remaining);
    assert_eq!(convert(&down.text, "v3.1.0", false).unwrap().text, v31);
    // Keys of a flow mapping the target lacks, removed with --lossy.
    let v32 = head("v3.2.0")
        + "      - {name: s, logicalType: string, deprecated: false, semanticType: dimension}\n";
    let c = convert(&v32, "v3.1.0", true).unwrap();
    assert!(
        c.text.ends_with("      - {name: s, logicalType: string}\n"),
        "{}",
        c.text
    );
    assert_eq!(c.removed.len(), 2);
    assert!(c.remaining.is_empty(), "{:?}", c.remaining);
}

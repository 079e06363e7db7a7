//! Property tests of the edit API: setting any scalar of the example contract to any value
//! changes exactly that value in the data, and no byte outside the edit.

use charter_core::{edit, pointer, templates, yaml};
use proptest::prelude::*;
use serde_json::Value;

/// Pointers to every scalar of a JSON value.
fn scalars(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                scalars(x, format!("{at}/{}", pointer::escape(k)), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                scalars(x, format!("{at}/{i}"), out);
            }
        }
        _ => out.push(at),
    }
}

/// Values that need care: YAML 1.1 booleans and dates, indicators, quotes, numbers.
const VALUES: &[&str] = &[
    "plain text",
    "yes",
    "No",
    "on",
    "2024-01-01",
    "1:30",
    "a: b",
    "# not a comment",
    "x #y",
    "'single'",
    "\"double\"",
    "-dash",
    "- item",
    "[list]",
    "{map}",
    "@at",
    "`tick",
    "%pct",
    "tab\there",
    "true",
    "false",
    "null",
    "~",
    "42",
    "-7",
    "1.5",
    "1e3",
    "0x1F",
    "1.1.0",
    "v3.1.0",
    "ünïcode ✓",
    "back\\slash",
    "&anchor",
    "*alias",
    "!tag",
    "|",
    ">",
    "...",
    "---",
    "trailing ",
    " leading",
    "",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]
    #[test]
    fn setting_a_scalar_changes_that_value_and_nothing_else(which in 0usize..10_000, v in 0usize..VALUES.len()) {
        let text = templates::ORDERS_EXAMPLE.text;
        let doc = yaml::parse(text);
        let before = doc.root.as_ref().unwrap().to_json();
        let mut ptrs = Vec::new();
        scalars(&before, String::new(), &mut ptrs);
        let ptr = &ptrs[which % ptrs.len()];
        // Quoted, so the value is the string itself whatever it looks like.
        let value = VALUES[v];
        let arg = format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\"").replace('\t', "\\t"));
        let edits = edit::set(&doc, ptr, &arg).unwrap();
        prop_assert_eq!(edits.len(), 1);
        let after_text = edit::apply(text, &edits);
        // No byte outside the edit changed.
        let e = &edits[0];
        prop_assert_eq!(&after_text[..e.range.start], &text[..e.range.start]);
        prop_assert_eq!(&after_text[after_text.len() - (text.len() - e.range.end)..], &text[e.range.end..]);
        // Exactly the intended data change.
        let after = yaml::parse(&after_text);
        prop_assert!(after.errors.iter().all(|e| e.kind != yaml::YamlErrorKind::Syntax), "{:?}\n{}", after.errors, &after_text[e.range.start.saturating_sub(40)..(e.range.start + 60).min(after_text.len())]);
        let mut expected = before.clone();
        *expected.pointer_mut(ptr).unwrap() = Value::String(value.to_string());
        prop_assert_eq!(after.root.unwrap().to_json(), expected);
    }
}

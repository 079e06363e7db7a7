//! Property tests of the edit API: setting any scalar of the example contract to any value
//! changes exactly that value in the data, and no byte outside the edit.

use charter_core::{edit, pointer, templates, yaml};
use proptest::prelude::*;
use serde_json::Value;

/// Every value of a JSON value with its pointer and whether it is the value of a key
/// (`""` is the whole document), in document order.
fn values(v: &Value) -> Vec<(String, &Value, bool)> {
    let mut out = Vec::new();
    let mut stack = vec![(String::new(), v, false)];
    while let Some((at, v, keyed)) = stack.pop() {
        match v {
            Value::Object(m) => {
                for (k, x) in m.iter().rev() {
                    stack.push((format!("{at}/{}", pointer::escape(k)), x, true));
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate().rev() {
                    stack.push((format!("{at}/{i}"), x, false));
                }
            }
            _ => {}
        }
        out.push((at, v, keyed));
    }
    out
}

/// Pointers to every scalar.
fn scalars(v: &Value) -> Vec<String> {
    values(v)
        .into_iter()
        .filter(|(_, x, _)| !x.is_object() && !x.is_array())
        .map(|(p, _, _)| p)
        .collect()
}

/// Pointers to every list, with its length.
fn lists(v: &Value) -> Vec<(String, usize)> {
    values(v)
        .into_iter()
        .filter_map(|(p, x, _)| x.as_array().map(|a| (p, a.len())))
        .collect()
}

/// Pointers to every key (`keys`) or every element, key or list item (`elements`).
fn keys(v: &Value) -> Vec<String> {
    values(v).into_iter().filter(|e| e.2).map(|e| e.0).collect()
}

fn elements(v: &Value) -> Vec<String> {
    values(v)
        .into_iter()
        .filter(|(p, _, _)| !p.is_empty())
        .map(|(p, _, _)| p)
        .collect()
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
        let ptrs = scalars(&before);
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

fn sorted_lines(t: &str) -> Vec<&str> {
    let mut l: Vec<&str> = t.lines().collect();
    l.sort_unstable();
    l
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn moving_an_item_reorders_that_list_and_keeps_every_line(which in 0usize..10_000, from in 0usize..100, to in 0usize..100) {
        let text = templates::ORDERS_EXAMPLE.text;
        let doc = yaml::parse(text);
        let before = doc.root.as_ref().unwrap().to_json();
        let lists = lists(&before);
        let (list, len) = &lists[which % lists.len()];
        let (from, to) = (from % len, to % len);
        let ptr = format!("{list}/{from}");
        match edit::move_item(&doc, &ptr, to) {
            Ok(edits) => {
                let after_text = edit::apply(text, &edits);
                // The same lines, reordered.
                prop_assert_eq!(sorted_lines(&after_text), sorted_lines(text));
                let mut expected = before.clone();
                let items = expected.pointer_mut(list).unwrap().as_array_mut().unwrap();
                let item = items.remove(from);
                items.insert(to, item);
                prop_assert_eq!(yaml::parse(&after_text).root.unwrap().to_json(), expected);
            }
            // Only lists written in `[...]` can't be reordered line by line.
            Err(e) => prop_assert!(e.to_string().contains("shares its line"), "{e}"),
        }
    }

    #[test]
    fn renaming_a_key_changes_that_key_and_nothing_else(which in 0usize..10_000) {
        let text = templates::ORDERS_EXAMPLE.text;
        let doc = yaml::parse(text);
        let before = doc.root.as_ref().unwrap().to_json();
        let keys = keys(&before);
        let ptr = &keys[which % keys.len()];
        let edits = edit::rename(&doc, ptr, "renamed: key").unwrap();
        prop_assert_eq!(edits.len(), 1);
        let after_text = edit::apply(text, &edits);
        let e = &edits[0];
        prop_assert_eq!(&after_text[..e.range.start], &text[..e.range.start]);
        prop_assert_eq!(&after_text[after_text.len() - (text.len() - e.range.end)..], &text[e.range.end..]);
        // The same data with that one key renamed, in its place.
        let (parent, key) = ptr.rsplit_once('/').unwrap();
        let key = key.replace("~1", "/").replace("~0", "~");
        let mut expected = before.clone();
        let map = if parent.is_empty() { &mut expected } else { expected.pointer_mut(parent).unwrap() };
        let old = std::mem::take(map.as_object_mut().unwrap());
        let renamed: serde_json::Map<String, Value> = old
            .into_iter()
            .map(|(k, v)| (if k == key { "renamed: key".to_string() } else { k }, v))
            .collect();
        *map = Value::Object(renamed);
        prop_assert_eq!(yaml::parse(&after_text).root.unwrap().to_json(), expected);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn unsetting_an_element_removes_exactly_it(which in 0usize..10_000) {
        let text = templates::ORDERS_EXAMPLE.text;
        let doc = yaml::parse(text);
        let before = doc.root.as_ref().unwrap().to_json();
        let all = elements(&before);
        let ptr = &all[which % all.len()];
        match edit::unset(&doc, ptr) {
            Ok(edits) => {
                let after_text = edit::apply(text, &edits);
                let (parent, last) = ptr.rsplit_once('/').unwrap();
                let mut expected = before.clone();
                let holder = if parent.is_empty() { &mut expected } else { expected.pointer_mut(parent).unwrap() };
                match holder {
                    Value::Object(m) => { m.remove(&last.replace("~1", "/").replace("~0", "~")); }
                    Value::Array(a) => { a.remove(last.parse::<usize>().unwrap()); }
                    _ => unreachable!(),
                }
                let after = yaml::parse(&after_text);
                prop_assert!(after.errors.is_empty(), "{:?}\n{}", after.errors, after_text);
                prop_assert_eq!(after.root.unwrap().to_json(), expected);
            }
            Err(e) => prop_assert!(e.to_string().contains("comments sit between"), "{}: {}", ptr, e),
        }
    }
}

/// Flow lists of every shape, anchors, aliases and tags: what the example lacks.
const FLOW: &str = r#"# flow lists of every kind
tags: [a, 'b, c', "d \" e", 1, true, null, ~]
nested: [[1, 2], [], {x: 1, y: [3]}, k: v, &an anchored, *an]
multi: [
    one,   # the first
    two,
    # a comment line
    three
  ]
deep:
  - [x, y, z]
  - list: [ {a: 1}, {b: 2} ]
  - [*an, plain]
keys:
  &ka first: 1
  !!str second: 2
  third: &vb 3
  'fourth': *vb
  "fifth": [*vb, *vb]
  *an : aliased key
block:
  - &bi one
  - two
  - *bi
"#;

fn lists_of(text: &str) -> (Value, Vec<(String, usize)>) {
    let doc = yaml::parse(text);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    let v = doc.root.as_ref().unwrap().to_json();
    let l = lists(&v);
    (v, l)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn moving_any_item_of_any_list_reorders_exactly_it(which in 0usize..10_000, from in 0usize..100, to in 0usize..100) {
        let (before, lists) = lists_of(FLOW);
        let doc = yaml::parse(FLOW);
        let (list, len) = &lists[which % lists.len()];
        if *len == 0 { return Ok(()); }
        let (from, to) = (from % len, to % len);
        let mut expected = before.clone();
        let items = expected.pointer_mut(list).unwrap().as_array_mut().unwrap();
        let item = items.remove(from);
        items.insert(to, item);
        match edit::move_item(&doc, &format!("{list}/{from}"), to) {
            Ok(edits) => {
                let after_text = edit::apply(FLOW, &edits);
                let after = yaml::parse(&after_text);
                prop_assert!(after.errors.is_empty(), "{:?}\n{}", after.errors, after_text);
                prop_assert_eq!(after.root.unwrap().to_json(), expected);
                // In `[...]` one edit spans exactly the items that moved.
                if edits.len() == 1 {
                    let e = &edits[0];
                    prop_assert_eq!(&after_text[..e.range.start], &FLOW[..e.range.start]);
                    prop_assert_eq!(&after_text[after_text.len() - (FLOW.len() - e.range.end)..], &FLOW[e.range.end..]);
                }
            }
            // Only a move that would change what an alias reads is refused.
            Err(e) => prop_assert!(e.to_string().contains("alias"), "{}: {}", list, e),
        }
    }

    #[test]
    fn inserting_into_any_list_adds_exactly_that_item(which in 0usize..10_000, at in 0usize..100, v in 0usize..4) {
        let (before, lists) = lists_of(FLOW);
        let doc = yaml::parse(FLOW);
        let (list, len) = &lists[which % lists.len()];
        let at = at % (len + 1);
        let (piece, value) = [
            ("new", serde_json::json!("new")),
            ("{k: 1}", serde_json::json!({"k": 1})),
            ("[1, x]", serde_json::json!([1, "x"])),
            ("'a, b'", serde_json::json!("a, b")),
        ][v].clone();
        let edits = edit::insert(&doc, list, at, piece).unwrap();
        let after_text = edit::apply(FLOW, &edits);
        let after = yaml::parse(&after_text);
        prop_assert!(after.errors.is_empty(), "{:?}\n{}", after.errors, after_text);
        let mut expected = before.clone();
        expected.pointer_mut(list).unwrap().as_array_mut().unwrap().insert(at, value);
        prop_assert_eq!(after.root.unwrap().to_json(), expected);
    }

    #[test]
    fn renaming_a_key_with_properties_keeps_them(which in 0usize..10_000) {
        let (before, _) = lists_of(FLOW);
        let doc = yaml::parse(FLOW);
        let keys = keys(&before);
        let ptr = &keys[which % keys.len()];
        match edit::rename(&doc, ptr, "renamed") {
            Ok(edits) => {
                prop_assert_eq!(edits.len(), 1);
                let after_text = edit::apply(FLOW, &edits);
                let (parent, key) = ptr.rsplit_once('/').unwrap();
                let mut expected = before.clone();
                let map = if parent.is_empty() { &mut expected } else { expected.pointer_mut(parent).unwrap() };
                let old = std::mem::take(map.as_object_mut().unwrap());
                *map = Value::Object(old.into_iter().map(|(k, v)| (if k == key { "renamed".to_string() } else { k }, v)).collect());
                let after = yaml::parse(&after_text);
                prop_assert!(after.errors.is_empty(), "{:?}\n{}", after.errors, after_text);
                prop_assert_eq!(after.root.unwrap().to_json(), expected);
                // The properties of the key are still there.
                prop_assert_eq!(after_text.matches('&').count(), FLOW.matches('&').count());
                prop_assert_eq!(after_text.matches("!!").count(), FLOW.matches("!!").count());
            }
            Err(e) => prop_assert!(e.to_string().contains("repeats it"), "{}: {}", ptr, e),
        }
    }
}

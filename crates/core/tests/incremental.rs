//! Incremental reparse against a full parse: after any edit, the data (with every span)
//! and the problems are exactly those of reading the new text whole, or the reparse
//! declines and the caller reads it whole.

use charter_core::lint::Policy;
use charter_core::validate::Memo;
use charter_core::{gen, templates, yaml};
use proptest::prelude::*;

/// What a keystroke or a paste inserts; some of these break the YAML or reach past an item.
const PIECES: &[&str] = &[
    "x",
    "é",
    " ",
    "  ",
    "\n",
    "\n  ",
    "\n      ",
    ": ",
    ":",
    "- ",
    "- x\n",
    "#",
    " # c",
    "\"",
    "'",
    "[",
    "]",
    "{",
    "}",
    "|",
    "|\n",
    ">-\n",
    "&a ",
    "*a",
    "---\n",
    "\t",
    "name: n\n",
    "\n\n",
    "-",
    "? ",
    "!!str ",
    "1",
    "true",
    ",",
];

/// Whether the edit was re-read in place, and whether its check re-validated one item only.
fn check(text: &str, at: usize, cut: usize, insert: &str) -> Result<(bool, bool), TestCaseError> {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let mut end = (at + cut).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    let new = format!("{}{insert}{}", &text[..at], &text[end..]);
    let full = yaml::parse(&new);
    let policy = Policy::default();
    let old = yaml::parse(text);
    let mut memo = Memo::default();
    charter_core::check_document_again(&old, &policy, &mut memo);
    match yaml::reparse(old, &new) {
        Some(doc) => {
            // The check that re-validates only the item finds exactly what a whole one does.
            let again = charter_core::check_document_again(&doc, &policy, &mut memo);
            let whole = charter_core::check_document_with(&full, &policy);
            prop_assert_eq!(
                &again.diagnostics,
                &whole.diagnostics,
                "{:?} at {} in\n{}",
                insert,
                at,
                new
            );
            prop_assert_eq!(&again.standard, &whole.standard);
            let partial = memo.partial;
            prop_assert_eq!(&doc.text, &new);
            prop_assert_eq!(
                &doc.errors,
                &full.errors,
                "{:?} at {} in\n{}",
                insert,
                at,
                new
            );
            prop_assert!(
                doc.root == full.root,
                "{:?} at {}..{}:\n{}",
                insert,
                at,
                end,
                new
            );
            // And again, from the reparsed document.
            let again = format!("{}y{}", &new[..at], &new[at..]);
            if let Some(d2) = yaml::reparse(doc, &again) {
                let full2 = yaml::parse(&again);
                prop_assert!(d2.root == full2.root, "second edit at {}", at);
                prop_assert_eq!(
                    charter_core::check_document_again(&d2, &policy, &mut memo).diagnostics,
                    charter_core::check_document_with(&full2, &policy).diagnostics
                );
            }
            Ok((true, partial))
        }
        None => Ok((false, false)),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]
    #[test]
    fn a_reparse_reads_what_a_full_parse_reads(at in 0usize..100_000, cut in 0usize..4, piece in 0usize..PIECES.len(), which in 0usize..2) {
        let generated = gen::contract(2, 4);
        let text = [templates::ORDERS_EXAMPLE.text, generated.as_str()][which];
        check(text, at, cut, PIECES[piece])?;
    }
}

/// Most keystrokes inside the values of a list item are re-read in place.
#[test]
fn typing_in_a_property_is_reparsed_in_place() {
    let text = gen::contract(10, 20);
    let at = text.find("logicalType: string").unwrap() + "logicalType: string".len();
    let mut doc = yaml::parse(&text);
    let mut cur = text.clone();
    let mut in_place = 0;
    let policy = Policy::default();
    let mut memo = Memo::default();
    charter_core::check_document_again(&doc, &policy, &mut memo);
    assert!(!memo.partial);
    for (i, ch) in "xyz".chars().enumerate() {
        let new = format!("{}{ch}{}", &cur[..at + i], &cur[at + i..]);
        doc = match yaml::reparse(doc, &new) {
            Some(d) => {
                in_place += 1;
                d
            }
            None => yaml::parse(&new),
        };
        let full = yaml::parse(&new);
        assert!(doc.root == full.root);
        // Validated again in that property's table only, with the same findings
        // (`stringx` is no logical type).
        let report = charter_core::check_document_again(&doc, &policy, &mut memo);
        assert!(memo.partial);
        assert_eq!(
            report.diagnostics,
            charter_core::check_document_with(&full, &policy).diagnostics
        );
        assert!(report
            .diagnostics
            .iter()
            .any(|d| d.code.id == "invalid-enum"));
        cur = new;
    }
    assert_eq!(in_place, 3);
}

/// Every piece at offsets all through the example: each reparse that is made equals the
/// full parse, and typing inside list items is mostly re-read in place.
#[test]
fn edits_all_through_the_example() {
    let text = templates::ORDERS_EXAMPLE.text;
    let (mut made, mut partial, mut tried) = (0, 0, 0);
    for at in (0..text.len()).step_by(13) {
        for (k, piece) in PIECES.iter().enumerate() {
            tried += 1;
            let (in_place, part) = check(text, at, k % 3, piece).unwrap();
            made += in_place as usize;
            partial += part as usize;
        }
    }
    println!("incremental: {made} of {tried} edits of the example re-read in place, {partial} of them re-validated in their item only");
    assert!(made * 4 > tried, "{made} of {tried}");
    assert!(partial * 2 > made, "{partial} of {made}");
}

/// Typing in a value of the root (a fundamental such as `name`, or a line of
/// `description`) is re-read in place too, with the findings of a full check.
#[test]
fn typing_in_a_root_value_is_reparsed_in_place() {
    let text = templates::ORDERS_EXAMPLE.text;
    let policy = Policy::default();
    for (anchor, typed) in [
        ("name: orders.events.v1", "x"),
        ("  purpose: Every change", " y"),
        ("status: active", "z"),
    ] {
        let at = text.find(anchor).unwrap() + anchor.len();
        let new = format!("{}{typed}{}", &text[..at], &text[at..]);
        let doc = yaml::reparse(yaml::parse(text), &new).expect(anchor);
        let full = yaml::parse(&new);
        assert!(doc.root == full.root, "{anchor}");
        let mut memo = Memo::default();
        assert_eq!(
            charter_core::check_document_again(&doc, &policy, &mut memo).diagnostics,
            charter_core::check_document_with(&full, &policy).diagnostics
        );
    }
    // A new key at the root, or a list item at column 0 after the value, is read whole.
    let at = text.find("status: active").unwrap() + "status: active".len();
    let new = format!("{}\ntenant2: t{}", &text[..at], &text[at..]);
    assert!(yaml::reparse(yaml::parse(text), &new).is_none());
}

//! Property tests: whatever the text, checking never panics and every range it reports
//! lies inside the text on character boundaries; completion and hover never panic and
//! answer with ranges inside the text.

use charter_core::{assist, check, gen, templates};
use proptest::prelude::*;

fn spans_are_sound(text: &str) {
    let r = check(text);
    for d in &r.diagnostics {
        let (s, e) = (d.span.start.at(), d.span.end.at());
        assert!(
            s <= e && e <= text.len(),
            "{d:?} out of range for {} bytes",
            text.len()
        );
        assert!(
            text.is_char_boundary(s) && text.is_char_boundary(e),
            "{d:?}"
        );
        assert!(d.span.start.line >= 1 && d.span.start.col >= 1);
    }
}

/// The example contract with `len` bytes from `cut` replaced by `insert`.
fn damaged(cut: usize, len: usize, insert: &str) -> String {
    let base = templates::ORDERS_EXAMPLE.text;
    let mut start = cut.min(base.len());
    while !base.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (start + len).min(base.len());
    while !base.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}{}{}", &base[..start], insert, &base[end..])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        spans_are_sound(&text);
    }

    #[test]
    fn yaml_like_text_never_panics(text in "([a-zA-Z]{1,8}: ?(\\[|\\]|\\{|\\}|'|\"|&a|\\*a|-|[0-9]{1,3}|é|\\t)?\n {0,4}){0,30}") {
        spans_are_sound(&text);
    }

    #[test]
    fn damaged_contracts_never_panic(cut in 0usize..4000, len in 0usize..200, insert in "[ :\\-\\[\\]{}'\"#\n]{0,5}") {
        let text = damaged(cut, len, &insert);
        spans_are_sound(&text);
    }

    #[test]
    fn completion_and_hover_never_panic(cut in 0usize..4000, len in 0usize..60, insert in "[ a-zé:\\-\n]{0,6}", at in 0usize..4000) {
        let text = damaged(cut, len, &insert);
        let offset = at.min(text.len());
        let c = assist::complete(&text, offset);
        prop_assert!(c.from <= offset || c.options.is_empty());
        if let Some(h) = assist::hover(&text, offset) {
            prop_assert!(h.from <= h.to && h.to <= text.len());
        }
    }
}

#[test]
fn generated_large_contract_is_valid() {
    assert!(check(&gen::contract(20, 30)).is_valid());
}

/// A contract whose properties nest as deep as the YAML layer allows: every tree walk
/// (validation, lint, diff, JSON, completion, hover) finishes on a small stack, like the
/// browser's, and a deeper one is one clear error.
#[test]
fn the_deepest_documents_allowed_are_walked_on_a_small_stack() {
    // Each property level is a list and a mapping: 2 levels; the contract adds 4 more.
    let levels = (charter_core::yaml::NESTING_LIMIT - 4) / 2;
    let mut text = String::from(
        "apiVersion: v3.2.0\nkind: DataContract\nid: c1\nversion: 1.0.0\nschema:\n  - name: t\n",
    );
    let mut pad = String::from("    ");
    for i in 0..levels {
        text.push_str(&format!(
            "{pad}properties:\n{pad}  - id: p{i}\n{pad}    name: p{i}\n{pad}    logicalType: object\n"
        ));
        pad.push_str("    ");
    }
    let deeper = format!(
        "{text}{pad}properties:\n{pad}  - name: x\n{pad}    properties:\n{pad}      - name: y\n"
    );
    let changed = text.replace("name: p3\n", "name: p3_renamed\n");
    let run = move || {
        let r = check(&text);
        assert!(r.is_valid(), "{:#?}", r.diagnostics);
        let d = charter_core::diff::diff_texts(&text, &changed, charter_core::diff::Mode::Full)
            .unwrap();
        assert!(d.findings.iter().any(|f| f.rule == "property-renamed"));
        let _ = charter_core::yaml::parse(&text).root.unwrap().to_json();
        let at = text.len() - 1;
        let _ = assist::complete(&text, at);
        let _ = assist::hover(&text, text.rfind("logicalType").unwrap() + 1);
        // One error, at the limit; what is above it is still read and linted.
        let r = check(&deeper);
        let errors: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.severity == charter_core::Severity::Error)
            .collect();
        assert_eq!(errors.len(), 1, "{:#?}", r.diagnostics);
        assert_eq!(errors[0].code, "nesting-limit");
        assert_eq!(
            r.standard.map(|s| s.label()),
            Some("ODCS v3.2.0".to_string())
        );
    };
    std::thread::Builder::new()
        .stack_size(512 * 1024)
        .spawn(run)
        .unwrap()
        .join()
        .unwrap();
}

//! Property tests: whatever the text, checking never panics and every range it reports
//! lies inside the text on character boundaries; completion and hover never panic and
//! answer with ranges inside the text.

use charter_core::{assist, check, gen, templates};
use proptest::prelude::*;

fn spans_are_sound(text: &str) {
    let r = check(text);
    for d in &r.diagnostics {
        let (s, e) = (d.span.start.offset, d.span.end.offset);
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

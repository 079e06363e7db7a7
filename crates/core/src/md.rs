//! Markdown for text a contract supplies. Names, values and versions come from files anyone
//! can write; in a pull-request comment a backtick, a `|` or a line break in them must not end
//! a code span, split a table row or let raw HTML (a tracking pixel) through. Every piece of
//! contract text in a Markdown report goes through [`code`] or [`text`].

/// Contract text as an inline code span that is safe inside a table cell: line breaks become
/// spaces, `|` is escaped (GitHub splits cells at a bare `|` even inside code), and the fence is
/// one backtick longer than the longest run of backticks inside, so nothing can close it early.
pub fn code(s: &str) -> String {
    let flat = one_line(s).replace('|', "\\|");
    let mut longest = 0;
    let mut run = 0;
    for c in flat.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    if flat.is_empty() {
        return "` `".into();
    }
    let fence = "`".repeat(longest + 1);
    // A span that starts or ends with a backtick needs a space, which Markdown strips again.
    let pad = if flat.starts_with('`') || flat.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{flat}{pad}{fence}")
}

/// Contract text as plain Markdown text on one line: every character that could start
/// emphasis, a link, an image, a code span, HTML, an entity or a table cell is escaped.
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in one_line(s).chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '!' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Line breaks (and other control characters) become spaces, so text stays on its line.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_cannot_be_closed_from_inside() {
        assert_eq!(code("order_id"), "`order_id`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x`"), "`` `x` ``");
        assert_eq!(code("a|b"), "`a\\|b`");
        assert_eq!(code("a\nb"), "`a b`");
        assert_eq!(code(""), "` `");
    }

    #[test]
    fn text_has_no_markup_left() {
        assert_eq!(text("1.2.0"), "1.2.0");
        assert_eq!(
            text("<img src=x> [a](b) *c*|d\ne"),
            "\\<img src=x\\> \\[a\\](b) \\*c\\*\\|d e"
        );
    }
}

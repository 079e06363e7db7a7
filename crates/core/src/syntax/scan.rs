//! Pure look-ahead over the bytes: where a plain scalar, a quoted scalar, a tag or an
//! implicit key ends. Nothing here emits tokens; the parser decides with these and then
//! emits. Each function reads at most the text it names (a line, a quoted scalar), so
//! the parser stays linear.

pub fn is_ws(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

pub fn is_break(b: u8) -> bool {
    b == b'\n' || b == b'\r'
}

pub fn is_flow_indicator(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}')
}

/// Space, tab, line break or the end of the text at `i`.
pub fn blank_at(s: &[u8], i: usize) -> bool {
    i >= s.len() || is_ws(s[i]) || is_break(s[i])
}

/// The first line break at or after `i` (or the end of the text).
pub fn line_end(s: &[u8], i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    match memchr::memchr2(b'\n', b'\r', &s[i..]) {
        Some(k) => i + k,
        None => s.len(),
    }
}

/// Past the line break at `i` (`\r\n` is one break).
pub fn after_break(s: &[u8], i: usize) -> usize {
    if s.get(i) == Some(&b'\r') && s.get(i + 1) == Some(&b'\n') {
        i + 2
    } else if i < s.len() && is_break(s[i]) {
        i + 1
    } else {
        i
    }
}

/// `---` or `...` at `i` (which the caller knows is a line start), followed by a blank.
pub fn doc_marker(s: &[u8], i: usize) -> Option<super::Kind> {
    let m = s.get(i..i + 3)?;
    let kind = match m {
        b"---" => super::Kind::DocStart,
        b"..." => super::Kind::DocEnd,
        _ => return None,
    };
    blank_at(s, i + 3).then_some(kind)
}

/// Past the spaces (only spaces: YAML indentation) at `i`.
pub fn spaces(s: &[u8], mut i: usize) -> usize {
    while i < s.len() && s[i] == b' ' {
        i += 1;
    }
    i
}

/// Past the spaces and tabs at `i`.
pub fn inline_ws(s: &[u8], mut i: usize) -> usize {
    while i < s.len() && is_ws(s[i]) {
        i += 1;
    }
    i
}

/// Past an anchor or alias name starting at `i` (after `&` or `*`).
pub fn anchor_name(s: &[u8], mut i: usize) -> usize {
    while i < s.len() && !blank_at(s, i) && !is_flow_indicator(s[i]) {
        i += 1;
    }
    i
}

/// Past a tag starting at `i` (at `!`).
pub fn tag(s: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    if s.get(j) == Some(&b'<') {
        while j < s.len() && s[j] != b'>' && !blank_at(s, j) {
            j += 1;
        }
        return if s.get(j) == Some(&b'>') { j + 1 } else { j };
    }
    while j < s.len() && !blank_at(s, j) && !is_flow_indicator(s[j]) {
        j += 1;
    }
    j
}

/// Past the node properties (anchor, tag, in any order) at `i` and the blanks after
/// them on the same line; `i` itself when there are none.
pub fn props(s: &[u8], i: usize) -> usize {
    let mut j = i;
    let mut seen = 0;
    while seen < 2 && j < s.len() {
        let end = match s[j] {
            b'&' => anchor_name(s, j + 1),
            b'!' => tag(s, j),
            _ => break,
        };
        j = inline_ws(s, end);
        seen += 1;
    }
    j
}

/// Whether a plain scalar may start at `i`.
pub fn plain_starts(s: &[u8], i: usize, flow: bool) -> bool {
    let Some(&c) = s.get(i) else { return false };
    match c {
        b'-' | b'?' | b':' => {
            let next = s.get(i + 1).copied();
            match next {
                None => false,
                Some(n) => !(is_ws(n) || is_break(n) || (flow && is_flow_indicator(n))),
            }
        }
        b',' | b'[' | b']' | b'{' | b'}' | b'#' | b'&' | b'*' | b'!' | b'|' | b'>' | b'\''
        | b'"' | b'%' | b'@' | b'`' => false,
        b' ' | b'\t' | b'\n' | b'\r' => false,
        _ => true,
    }
}

/// Where the plain scalar starting at `i` ends on this line (trailing blanks excluded):
/// before ` #`, before `: ` (or `:` at the end of the line), and in flow context before
/// `,[]{}` and before `:` followed by one of them.
pub fn plain_line(s: &[u8], i: usize, flow: bool) -> usize {
    let mut j = i;
    let mut end = i;
    while j < s.len() {
        let c = s[j];
        if is_break(c) {
            break;
        }
        if is_ws(c) {
            j += 1;
            continue;
        }
        if c == b'#' && j > i && is_ws(s[j - 1]) {
            break;
        }
        if c == b':' {
            let n = s.get(j + 1).copied();
            let stops = match n {
                None => true,
                Some(n) => is_ws(n) || is_break(n) || (flow && is_flow_indicator(n)),
            };
            if stops {
                break;
            }
        }
        if flow && is_flow_indicator(c) {
            break;
        }
        // Multi-byte characters are skipped whole; none of their bytes is special.
        j += 1;
        end = j;
    }
    end
}

/// The result of reading a quoted scalar ahead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quoted {
    /// Closed at `end` (past the closing quote). `under` is the first continuation line
    /// indented less than required, with its indentation.
    Closed {
        end: usize,
        under: Option<(usize, usize)>,
    },
    /// Not closed before the end of the text, a document marker, or (single-line) the end
    /// of the line.
    Unclosed,
}

/// Read the quoted scalar at `i` (at its opening quote). Continuation lines must be
/// indented at least `min_indent`; `multi` false reads one line only (implicit keys).
pub fn quoted(s: &[u8], i: usize, min_indent: i64, multi: bool) -> Quoted {
    let q = s[i];
    let mut j = i + 1;
    let mut under = None;
    while j < s.len() {
        let c = s[j];
        if q == b'"' && c == b'\\' {
            j += 1;
            if j < s.len() && !is_break(s[j]) {
                j += 1;
            }
            continue;
        }
        if c == q {
            if q == b'\'' && s.get(j + 1) == Some(&b'\'') {
                j += 2;
                continue;
            }
            return Quoted::Closed { end: j + 1, under };
        }
        if is_break(c) {
            if !multi {
                return Quoted::Unclosed;
            }
            j = after_break(s, j);
            if doc_marker(s, j).is_some() {
                return Quoted::Unclosed;
            }
            let k = spaces(s, j);
            let content = inline_ws(s, k);
            if content < s.len() && !is_break(s[content]) && ((k - j) as i64) < min_indent {
                under.get_or_insert((j, k - j));
            }
            j = content;
            continue;
        }
        // Only the quote, the backslash and line breaks are special: skip other runs
        // (a `\r` before `\n` is skipped with the run; the `\n` is the break).
        let rest = &s[j..];
        let next = if q == b'"' {
            memchr::memchr3(b'"', b'\\', b'\n', rest)
        } else {
            memchr::memchr2(b'\'', b'\n', rest)
        };
        match next {
            Some(0) => j += 1,
            Some(k) => j += k,
            None => j = s.len(),
        }
    }
    Quoted::Unclosed
}

/// Where a flow collection that opens at `i` closes on this line, if it does (for
/// recognising `[a, b]: value` keys). Quoted scalars inside are skipped.
pub fn flow_on_line(s: &[u8], i: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut j = i;
    while j < s.len() && !is_break(s[j]) {
        match s[j] {
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(j + 1);
                }
            }
            b'"' | b'\'' => match quoted(s, j, 0, false) {
                Quoted::Closed { end, .. } => {
                    j = end;
                    continue;
                }
                Quoted::Unclosed => return None,
            },
            b'#' if j > i && is_ws(s[j - 1]) => return None,
            _ => {}
        }
        j += 1;
    }
    None
}

/// An implicit key is at `i` (properties allowed): returns the position of its `:`.
/// In block context the key must be followed on its line by `:` and a blank; in flow
/// context also by `:` and a flow indicator, or directly by `:` after a quoted or flow key.
pub fn implicit_key(s: &[u8], i: usize, flow: bool) -> Option<usize> {
    let start = props(s, i);
    let (end, json_like) = match s.get(start)? {
        b'*' => (anchor_name(s, start + 1), false),
        b'"' | b'\'' => match quoted(s, start, 0, false) {
            Quoted::Closed { end, .. } => (end, true),
            Quoted::Unclosed => return None,
        },
        b'[' | b'{' => (flow_on_line(s, start)?, true),
        _ if plain_starts(s, start, flow) => (plain_line(s, start, flow), false),
        // `&a : b` or `: b` — a key with properties only, or none.
        b':' if start > i => (start, false),
        _ => return None,
    };
    let colon = inline_ws(s, end);
    if s.get(colon) != Some(&b':') {
        return None;
    }
    let after = s.get(colon + 1).copied();
    let ok = match after {
        None => true,
        Some(a) if is_ws(a) || is_break(a) => true,
        Some(a) if flow => is_flow_indicator(a) || (json_like && colon == end),
        _ => false,
    };
    ok.then_some(colon)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ends() {
        let s = b"a b: c";
        assert_eq!(plain_line(s, 0, false), 3);
        let s = b"a:b #c";
        assert_eq!(plain_line(s, 0, false), 3);
        let s = b"a#b  ";
        assert_eq!(plain_line(s, 0, false), 3);
        let s = b"a, b]";
        assert_eq!(plain_line(s, 0, true), 1);
        assert_eq!(plain_line(s, 0, false), 5);
    }

    #[test]
    fn keys() {
        assert_eq!(implicit_key(b"key: v", 0, false), Some(3));
        assert_eq!(implicit_key(b"key:v", 0, false), None);
        assert_eq!(implicit_key(b"\"k\": v", 0, false), Some(3));
        assert_eq!(implicit_key(b"\"k\":v", 0, true), Some(3));
        assert_eq!(implicit_key(b"&a k : v", 0, false), Some(5));
        assert_eq!(implicit_key(b"[a, b]: v", 0, false), Some(6));
        assert_eq!(implicit_key(b"plain text", 0, false), None);
        assert_eq!(implicit_key(b"url: http://x", 0, false), Some(3));
    }

    #[test]
    fn quoted_reads() {
        assert_eq!(
            quoted(b"\"a\\\"b\" x", 0, 0, true),
            Quoted::Closed {
                end: 6,
                under: None
            }
        );
        assert_eq!(
            quoted(b"'it''s'", 0, 0, true),
            Quoted::Closed {
                end: 7,
                under: None
            }
        );
        assert_eq!(quoted(b"\"a\nb\"", 0, 1, false), Quoted::Unclosed);
        assert_eq!(
            quoted(b"\"a\nb\"", 0, 1, true),
            Quoted::Closed {
                end: 5,
                under: Some((3, 0))
            }
        );
    }
}

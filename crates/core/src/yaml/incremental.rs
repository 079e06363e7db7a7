//! Incremental reparse: a keystroke changes one place of the text, usually inside one
//! item of a list (a property, a server, a quality rule). Only that item's lines are
//! parsed again; the rest of the data is kept, its positions moved by the change.
//!
//! The item is re-read on its own (its lines, at their indentation, are a YAML document
//! of one list), which gives what the whole text gives as long as the change stays
//! inside the item's lines and nothing after them can belong to it. Whenever that is not
//! certain, the caller parses the whole text; `tests/incremental.rs` compares the result
//! with a full parse after random edits.

use super::{parse, Document, Node, NodeKind, Pos, Span, NESTING_LIMIT};
use std::ops::Range;

/// Re-read `new`, a text that differs from `old`'s in one place, reusing `old`'s data.
/// `None` when the change can't be re-read in place (the caller then parses the whole
/// text). The result has no syntax tree ([`super::parse`] gives one), unless the
/// text did not change at all.
pub fn reparse(old: Document, new: &str) -> Option<Document> {
    let mut doc = reparse_in(old, new)?;
    if doc.text != new {
        doc.text = new.to_string();
    }
    Some(doc)
}

/// [`reparse`] of a text the caller owns: the document keeps it without a copy (a 3 MB
/// text is not copied once more per keystroke); `Err` gives it back when the change can't
/// be re-read in place.
pub fn reparse_owned(old: Document, new: String) -> Result<Document, String> {
    match reparse_in(old, &new) {
        Some(mut doc) => {
            doc.text = new;
            Ok(doc)
        }
        None => Err(new),
    }
}

/// The re-read document, its text not yet replaced by `new`.
fn reparse_in(mut old: Document, new: &str) -> Option<Document> {
    if old.text == new {
        old.replaced = None;
        return Some(old);
    }
    if old.anchors
        || !old.more.is_empty()
        || !old.errors.is_empty()
        || new.len() > super::MAX_INPUT_BYTES
    {
        return None;
    }
    let (a, b) = (old.text.as_bytes(), new.as_bytes());
    let prefix = common_prefix(a, b);
    let suffix = common_suffix(&a[prefix..], &b[prefix..]);
    let old_end = a.len() - suffix;
    let root = old.root.as_ref()?;
    let Held {
        path,
        region,
        dash_col,
        depth,
        entry,
    } = holder(&old.text, root, prefix, old_end)
        .or_else(|| root_entry(&old.text, root, prefix, old_end))?;
    let delta = new.len() as i64 - a.len() as i64;
    let new_end = (region.end as i64 + delta) as usize;
    if new_end < region.start || !new.is_char_boundary(new_end) {
        return None;
    }
    let text = &new[region.start..new_end];
    let piece = parse(text);
    let block_scalar = piece
        .tree
        .tokens
        .iter()
        .any(|t| t.kind == crate::syntax::Kind::BlockHeader);
    // The line after the item must close it: at the dash's column or left of it, and
    // neither blank nor a comment (a block scalar at the item's end could take those).
    // After an entry of the root, blank lines and comments can't belong to it when it has
    // no block scalar; the next line must then be another key at column 0 (a `-` there
    // would be an item of the entry's value).
    let rest = &new[new_end..];
    let empty = |l: &str| l.trim().is_empty() || l.trim_start().starts_with('#');
    if !rest.is_empty() {
        let first = rest.split('\n').next().unwrap_or("");
        if entry {
            let next = if block_scalar {
                Some(first).filter(|l| !empty(l))
            } else {
                rest.split('\n').find(|l| !empty(l))
            };
            let key_at_0 = next.is_some_and(|l| {
                l.starts_with(|c: char| c.is_alphanumeric() || matches!(c, '_' | '"' | '\''))
            });
            // Only blank lines and comments to the end: nothing there can belong to it.
            let to_the_end = next.is_none() && !block_scalar;
            if !key_at_0 && !to_the_end {
                return None;
            }
        } else {
            let body = first.trim_start_matches(' ');
            let indent = first.len() - body.len();
            if empty(first) || indent > dash_col {
                return None;
            }
        }
    }
    let plain = piece.more.is_empty()
        && !piece.anchors
        && piece.errors.is_empty()
        && !piece.tree.tokens.iter().any(|t| {
            use crate::syntax::Kind as K;
            matches!(t.kind, K::Directive | K::DocStart | K::DocEnd | K::Bom)
        });
    let old_key = entry.then(|| match &root_of(&old).kind {
        NodeKind::Map(es) => es.get(path[0]).map(|e| e.key.clone()),
        _ => None,
    });
    let mut item = match piece.root {
        Some(Node {
            kind: NodeKind::Seq(mut items),
            ..
        }) if plain && !entry && items.len() == 1 => items.pop().expect("one item"),
        // An entry of the root: one entry again, under the same key (its key's
        // position is before the change, so only its value is new).
        Some(Node {
            kind: NodeKind::Map(mut entries),
            ..
        }) if plain
            && entry
            && entries.len() == 1
            && old_key.flatten().as_deref() == Some(entries[0].key.as_str()) =>
        {
            entries.pop().expect("one entry").value
        }
        _ => return None,
    };
    if depth + super::build::depth_of(&item) > NESTING_LIMIT {
        return None;
    }
    // The piece's positions, moved to where the region starts.
    let lines_before = memchr::memchr_iter(b'\n', &a[..region.start]).count() as i64;
    walk(&mut item, &mut |p| {
        p.offset = (p.offset as i64 + region.start as i64) as u32;
        p.line = (p.line as i64 + lines_before) as u32;
    });
    // What followed the old item moves by the change; the lists and mappings that ended
    // with it now end with the new one.
    let root = old.root.as_mut().expect("checked");
    let old_item_end = get(root, &path).span.end;
    let d_line = memchr::memchr_iter(b'\n', text.as_bytes()).count() as i64
        - memchr::memchr_iter(b'\n', &a[region.clone()]).count() as i64;
    let replaced = super::Replaced {
        path,
        old_len: a.len(),
        old_end: region.end,
        delta,
        lines: d_line,
        old_item_end,
        new_item_end: item.span.end,
    };
    // Only what moves is written (most of a big document lies before the change).
    walk(root, &mut |p| {
        if p.offset as usize >= replaced.old_end || *p == replaced.old_item_end {
            *p = replaced.shift(*p);
        }
    });
    *get_mut(root, &replaced.path) = item;
    old.tree = Default::default();
    old.replaced = Some(replaced);
    Some(old)
}

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut i = 0;
    // Whole chunks first (a slice comparison is a memcmp), then byte by byte.
    while i + 64 <= n && a[i..i + 64] == b[i..i + 64] {
        i += 64;
    }
    while i < n && a[i] == b[i] {
        i += 1;
    }
    i
}

fn common_suffix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let (la, lb) = (a.len(), b.len());
    let mut i = 0;
    while i + 64 <= n && a[la - i - 64..la - i] == b[lb - i - 64..lb - i] {
        i += 64;
    }
    while i < n && a[la - 1 - i] == b[lb - 1 - i] {
        i += 1;
    }
    i
}

/// The list item that holds a change.
struct Held {
    /// Child indices from the root (entry of a mapping, item of a list).
    path: Vec<usize>,
    /// Its whole lines: the dash line's start to the end of its last line, line break
    /// included.
    region: Range<usize>,
    dash_col: usize,
    /// How many lists and mappings hold it.
    depth: usize,
    /// It is an entry of the root mapping (its value is what is read again), not an item.
    entry: bool,
}

fn root_of(doc: &Document) -> &Node {
    doc.root.as_ref().expect("checked")
}

/// The entry of a block mapping at the root whose lines contain the change `from..to`
/// after its key (its value: `name: x`, `description:` and its lines).
fn root_entry(text: &str, root: &Node, from: usize, to: usize) -> Option<Held> {
    let NodeKind::Map(entries) = &root.kind else {
        return None;
    };
    let (i, e) = entries
        .iter()
        .enumerate()
        .find(|(_, e)| e.key_span.end.at() < from && to <= line_end(text, e.value.span.end.at()))?;
    let start = e.key_span.start.at();
    // A key at column 0: the root is a block mapping.
    if start != 0 && text.as_bytes().get(start - 1) != Some(&b'\n') {
        return None;
    }
    let end = match text[e.value.span.end.at()..].find('\n') {
        Some(n) => e.value.span.end.at() + n + 1,
        None => text.len(),
    };
    (to < end || end == text.len()).then_some(Held {
        path: vec![i],
        region: start..end,
        dash_col: 0,
        depth: 1,
        entry: true,
    })
}

/// The innermost item of a block list whose lines contain the change `from..to` after
/// its `- ` and before its last line break.
fn holder(text: &str, root: &Node, from: usize, to: usize) -> Option<Held> {
    let mut found = None;
    let mut path = Vec::new();
    let mut node = root;
    // One level down per turn, so this ends within the document's depth.
    while path.len() < NESTING_LIMIT {
        let next = match &node.kind {
            NodeKind::Map(entries) => entries
                .iter()
                .enumerate()
                .find(|(_, e)| {
                    e.key_span.start.at() <= from && to <= line_end(text, e.value.span.end.at())
                })
                .map(|(i, e)| (i, &e.value)),
            NodeKind::Seq(items) => {
                let hit = items.iter().enumerate().find_map(|(i, item)| {
                    let start = item.span.start.at();
                    let dash = text[..start].rfind('-')?;
                    let line_start = text[..dash].rfind('\n').map_or(0, |i| i + 1);
                    // A block item: its dash alone at the line's indentation.
                    let block = text[line_start..dash].bytes().all(|c| c == b' ')
                        && text[dash + 1..].starts_with([' ', '\n', '\r']);
                    let end = match text[item.span.end.at()..].find('\n') {
                        Some(i) => item.span.end.at() + i + 1,
                        None => text.len(),
                    };
                    let inside = dash + 2 <= from && (to < end || (to == end && end == text.len()));
                    (block && inside).then_some((i, line_start..end, dash - line_start))
                });
                hit.map(|(i, region, dash_col)| {
                    found = Some(Held {
                        path: [path.as_slice(), &[i]].concat(),
                        region,
                        dash_col,
                        depth: path.len() + 1,
                        entry: false,
                    });
                    (i, &items[i])
                })
            }
            NodeKind::Scalar(_) => None,
        };
        match next {
            Some((i, n)) => {
                path.push(i);
                node = n;
            }
            None => break,
        }
    }
    found
}

fn line_end(text: &str, at: usize) -> usize {
    text[at.min(text.len())..]
        .find('\n')
        .map_or(text.len(), |i| at + i)
}

fn get<'a>(mut n: &'a Node, path: &[usize]) -> &'a Node {
    for &i in path {
        n = match &n.kind {
            NodeKind::Map(entries) => &entries[i].value,
            NodeKind::Seq(items) => &items[i],
            NodeKind::Scalar(_) => return n,
        };
    }
    n
}

fn get_mut<'a>(n: &'a mut Node, path: &[usize]) -> &'a mut Node {
    let Some((&i, rest)) = path.split_first() else {
        return n;
    };
    if matches!(n.kind, NodeKind::Scalar(_)) {
        return n;
    }
    match &mut n.kind {
        NodeKind::Map(entries) => get_mut(&mut entries[i].value, rest),
        NodeKind::Seq(items) => get_mut(&mut items[i], rest),
        NodeKind::Scalar(_) => unreachable!("checked above"),
    }
}

/// Call `f` on every position of `n` (depth bounded by the nesting limit).
fn walk(n: &mut Node, f: &mut dyn FnMut(&mut Pos)) {
    let span = |s: &mut Span, f: &mut dyn FnMut(&mut Pos)| {
        f(&mut s.start);
        f(&mut s.end);
    };
    span(&mut n.span, f);
    match &mut n.kind {
        NodeKind::Scalar(_) => {}
        NodeKind::Seq(items) => {
            for i in items {
                walk(i, f);
            }
        }
        NodeKind::Map(entries) => {
            for e in entries {
                span(&mut e.key_span, f);
                walk(&mut e.value, f);
            }
        }
    }
}

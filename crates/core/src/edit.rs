//! Edits on the text through the syntax tree: each returns the minimal [`TextEdit`]s, so
//! everything else (comments, key order, quoting, blank lines) stays byte-identical.
//!
//! - [`set`]: a scalar's value (quoted when it must be, so it keeps its type), or a new
//!   key at the end of an existing mapping;
//! - [`unset`]: an entry of a mapping or an item of a list, together with the comment
//!   lines directly above it (in `[...]`/`{...}`, with its separator);
//! - [`add`]: an item at the end of a list, or the entries of a YAML mapping at the end of
//!   a mapping; [`insert`]: an item at a position of a list;
//! - [`set_ordered`]: like `set`, with a new key at its place in the model's key order;
//! - [`rename`]: a key; [`move_item`]: a list item to another position.
//!
//! Addresses are JSON pointers or name paths ([`crate::pointer`]).

use crate::pointer::{self, NotFound, Step};
use crate::syntax::{scan, Kind};
use crate::yaml::{self, Document, Entry, Node, NodeKind, Scalar};
use std::ops::Range;

/// Replace `range` of the text with `insert`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEdit {
    pub range: Range<usize>,
    pub insert: String,
}

/// Why an edit can't be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditError {
    /// The address leads nowhere.
    NotFound(NotFound),
    /// The document can't be read whole (a syntax error at this line).
    Unreadable(String),
    /// The edit does not apply to what is there.
    Unsupported(String),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::NotFound(n) => n.fmt(f),
            EditError::Unreadable(m) | EditError::Unsupported(m) => f.write_str(m),
        }
    }
}

/// Apply edits (non-overlapping, in any order) to a text. An edit that overlaps one
/// before it, or doesn't fall on the text's character boundaries, is left out rather than
/// corrupting the text (callers compute disjoint edits; this is the guard).
pub fn apply(text: &str, edits: &[TextEdit]) -> String {
    let mut sorted: Vec<&TextEdit> = edits.iter().collect();
    sorted.sort_by_key(|e| e.range.start);
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0;
    for e in sorted {
        let fits = e.range.start >= at
            && e.range.start <= e.range.end
            && text.is_char_boundary(e.range.start)
            && text.is_char_boundary(e.range.end);
        if !fits {
            continue;
        }
        out.push_str(&text[at..e.range.start]);
        out.push_str(&e.insert);
        at = e.range.end;
    }
    out.push_str(&text[at..]);
    out
}

fn readable(doc: &Document) -> Result<&Node, EditError> {
    if !doc.has_tree() {
        // `parse_data` and `reparse` keep the data only; edits need the tree.
        return Err(EditError::Unsupported(
            "this document was read without its syntax tree: read it with yaml::parse to edit it"
                .into(),
        ));
    }
    if let Some(e) = doc
        .errors
        .iter()
        .find(|e| e.kind == yaml::YamlErrorKind::Syntax)
    {
        return Err(EditError::Unreadable(format!(
            "the document has a YAML syntax error at line {}: fix it first ({})",
            e.span.start.line, e.message
        )));
    }
    doc.root
        .as_ref()
        .ok_or_else(|| EditError::Unreadable("the document is empty".into()))
}

/// Set the value at `pointer` to `value`, a YAML scalar as one would type it (`true`,
/// `1.1.0`, `"quoted"`). A string stays a string (`set /version 2` writes `"2"`). When the
/// last segment names a key the mapping lacks, the key is added at the mapping's end.
pub fn set(doc: &Document, pointer: &str, value: &str) -> Result<Vec<TextEdit>, EditError> {
    let root = readable(doc)?;
    let text = doc.text.as_str();
    match pointer::resolve(root, pointer) {
        Ok((node, _)) => {
            let NodeKind::Scalar(old) = &node.kind else {
                return Err(EditError::Unsupported(format!(
                    "`{pointer}` is {}, not a single value: use `unset` and `add` to change it",
                    node.kind_name()
                )));
            };
            let new = typed(value, matches!(old, Scalar::Str(_)));
            let rendered = render(&new);
            let range = scalar_range(doc, node);
            let insert = if range.is_empty() && !text[..range.start].ends_with(' ') {
                format!(" {rendered}")
            } else {
                rendered
            };
            Ok(vec![TextEdit { range, insert }])
        }
        Err(nf) => {
            // A new key in an existing mapping.
            let segs = pointer::segments(pointer);
            let Some((key, parent)) = segs.split_last() else {
                return Err(EditError::NotFound(nf));
            };
            let parent_ptr: String = parent
                .iter()
                .map(|s| format!("/{}", pointer::escape(s)))
                .collect();
            let (map, _) = pointer::resolve(root, &parent_ptr).map_err(EditError::NotFound)?;
            if map.as_map().is_none() {
                return Err(EditError::NotFound(nf));
            }
            let entry = format!("{}: {}", render_key(key), render(&typed(value, false)));
            append_to_map(doc, map, &[entry])
        }
    }
}

/// Remove the entry or list item at `pointer`, with the comment lines directly above it.
pub fn unset(doc: &Document, pointer: &str) -> Result<Vec<TextEdit>, EditError> {
    let root = readable(doc)?;
    let (_, steps) = pointer::resolve(root, pointer).map_err(EditError::NotFound)?;
    let Some((last, parent_steps)) = steps.split_last() else {
        return Err(EditError::Unsupported(
            "the whole document can't be removed".into(),
        ));
    };
    let parent = follow(root, parent_steps);
    let text = doc.text.as_str();
    // Each element as (start, end) in the text, and the one to remove.
    let (spans, i): (Vec<(usize, usize)>, usize) = match (last, &parent.kind) {
        (Step::Key(k), NodeKind::Map(entries)) => (
            entries
                .iter()
                .map(|e| {
                    (
                        e.key_span.start.at(),
                        e.value.span.end.at().max(e.key_span.end.at()),
                    )
                })
                .collect(),
            entries.iter().position(|e| e.key == k).expect("resolved"),
        ),
        (Step::Index(i), NodeKind::Seq(items)) => {
            // One look at the tree for the whole list (a list is flow or block throughout).
            let flow = in_flow(doc, parent.span.start.at());
            (
                items
                    .iter()
                    .map(|item| {
                        // A block item starts at its `- `.
                        let s = item.span.start.at();
                        let dash = if flow {
                            s
                        } else {
                            text[..s].rfind('-').unwrap_or(s)
                        };
                        (dash, item.span.end.at())
                    })
                    .collect(),
                *i,
            )
        }
        _ => return Err(EditError::Unsupported("nothing to remove there".into())),
    };
    let (start, end) = spans[i];
    let is_map = matches!(parent.kind, NodeKind::Map(_));
    if in_flow(doc, start) {
        // `[a, b, c]`: the element with the separator after it (or before it, for the last).
        let range = match (spans.get(i + 1), i.checked_sub(1).map(|j| spans[j])) {
            (Some(next), _) => start..next.0,
            (None, Some(prev)) => prev.1..end,
            (None, None) => start..end,
        };
        return Ok(vec![TextEdit {
            range,
            insert: String::new(),
        }]);
    }
    if spans.len() == 1 {
        // The only element: an empty collection keeps its place (`roles: []`, not null).
        return Ok(vec![TextEdit {
            range: start..end,
            insert: if is_map { "{}" } else { "[]" }.into(),
        }]);
    }
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..start];
    if !before.bytes().all(|b| b == b' ') {
        // The first element of a collection that starts on its parent item's line
        // (`- name: x`, `- - a`): the element goes, the line's `- ` stays.
        if !before.trim_start_matches([' ', '-']).is_empty() {
            return Err(EditError::Unsupported(
                "this element shares its line with other content: edit that line".into(),
            ));
        }
        let Some(&(next, _)) = spans.get(i + 1) else {
            // The last of several: the item's line holds only it, the others come
            // before, on their own lines.
            return Err(EditError::Unsupported(
                "this element shares its line with other content: edit that line".into(),
            ));
        };
        if text[end..next]
            .lines()
            .any(|l| l.trim_start().starts_with('#'))
        {
            return Err(EditError::Unsupported(
                "comments sit between this element and the next: edit those lines by hand".into(),
            ));
        }
        // `- name: x\n    type: y` becomes `- type: y`.
        return Ok(vec![TextEdit {
            range: start..next,
            insert: String::new(),
        }]);
    }
    // Its own comments: the comment lines right above it, at its indentation or deeper.
    let col = text[line_start..start].len() - text[line_start..start].trim_start_matches(' ').len();
    let from = own_comments_start(text, line_start, col);
    let to = match text[end..].find('\n') {
        Some(i) => end + i + 1,
        None => text.len(),
    };
    Ok(vec![TextEdit {
        range: from..to,
        insert: String::new(),
    }])
}

/// Add `yaml` at `pointer`: an item appended to a list, or (when `yaml` is a mapping) its
/// entries appended to a mapping.
pub fn add(doc: &Document, pointer: &str, yaml_text: &str) -> Result<Vec<TextEdit>, EditError> {
    let root = readable(doc)?;
    let (node, _) = pointer::resolve(root, pointer).map_err(EditError::NotFound)?;
    let body = readable_piece(yaml_text)?;
    let is_map = yaml::parse(body).root.is_some_and(|r| r.as_map().is_some());
    match &node.kind {
        NodeKind::Seq(items) => {
            let text = doc.text.as_str();
            if in_flow(doc, node.span.start.at()) {
                flow_piece(body)?;
                let close = node.span.end.at().saturating_sub(1);
                let sep = if items.is_empty() { "" } else { ", " };
                return Ok(vec![TextEdit {
                    range: close..close,
                    insert: format!("{sep}{body}"),
                }]);
            }
            let Some(last) = items.last() else {
                return Err(EditError::Unsupported(
                    "an empty list: write its first item by hand".into(),
                ));
            };
            let (dash, ls) = dash_of(text, &items[0]);
            let item = render_item(body, dash - ls);
            let at = line_end(text, last.span.end.at());
            Ok(vec![insert_line(text, at, &item)])
        }
        NodeKind::Map(_) => {
            if !is_map {
                return Err(EditError::Unsupported(format!(
                    "`{pointer}` is a mapping: add `key: value` entries to it"
                )));
            }
            let lines: Vec<String> = body.lines().map(str::to_string).collect();
            append_to_map(doc, node, &lines)
        }
        _ => Err(EditError::Unsupported(format!(
            "`{pointer}` is {}: only lists and mappings take new items",
            node.kind_name()
        ))),
    }
}

/// `yaml_text` without its final line breaks, when it is YAML Charter reads whole.
fn readable_piece(yaml_text: &str) -> Result<&str, EditError> {
    let piece = yaml::parse(yaml_text);
    if piece.incomplete() || piece.root.is_none() {
        return Err(EditError::Unsupported(format!(
            "`{}` is not a YAML value Charter can read",
            yaml_text.trim()
        )));
    }
    Ok(yaml_text.trim_end_matches(['\n', '\r']))
}

/// `body` when it reads as the same value inside a `[...]` list: one line, and no block
/// syntax (`- x`, `a: b: c`) that only works on lines of its own.
fn flow_piece(body: &str) -> Result<(), EditError> {
    let alone = yaml::parse(body).root.map(|r| r.to_json());
    let listed = yaml::parse(&format!("[{body}]")).root.map(|r| r.to_json());
    if body.contains('\n') || listed != alone.map(|v| serde_json::Value::Array(vec![v])) {
        return Err(EditError::Unsupported(format!(
            "`{body}` can't go into a `[...]` list as it is: write one value on one line, such as `x`, `{{a: 1}}` or `[x, y]`"
        )));
    }
    Ok(())
}

/// `body` as a list item with its dash at column `col` (its later lines indented under it).
fn render_item(body: &str, col: usize) -> String {
    let pad = " ".repeat(col);
    let mut lines = body.lines();
    let mut item = format!("{pad}- {}", lines.next().unwrap_or(""));
    for l in lines {
        item.push('\n');
        if !l.is_empty() {
            item.push_str(&pad);
            item.push_str("  ");
        }
        item.push_str(l);
    }
    item
}

/// Rename the key at `pointer` to `new_key`: only the key's text changes (its value, its
/// comments and the key's place stay).
pub fn rename(doc: &Document, pointer: &str, new_key: &str) -> Result<Vec<TextEdit>, EditError> {
    let root = readable(doc)?;
    let (_, steps) = pointer::resolve(root, pointer).map_err(EditError::NotFound)?;
    let Some((Step::Key(k), parent_steps)) = steps.split_last() else {
        return Err(EditError::Unsupported(format!(
            "`{pointer}` is not a key of a mapping: only keys can be renamed"
        )));
    };
    let entries = follow(root, parent_steps).as_map().unwrap_or_default();
    if new_key != k && entries.iter().any(|e| e.key == new_key) {
        return Err(EditError::Unsupported(format!(
            "the mapping has a `{new_key}` already: remove or rename that one first"
        )));
    }
    let e = entries.iter().find(|e| e.key == k).expect("resolved");
    Ok(vec![TextEdit {
        range: key_text(doc, e)?,
        insert: render_key(new_key),
    }])
}

/// The text of an entry's key without its properties (`&anchor`, `!tag` stay), refused
/// when an alias elsewhere repeats the key through its anchor (renaming it would rename
/// that use too).
fn key_text(doc: &Document, e: &Entry) -> Result<Range<usize>, EditError> {
    let tree = &doc.tree;
    let (start, end) = (e.key_span.start.at(), e.key_span.end.at());
    let mut t = tree.tokens.partition_point(|t| (t.start as usize) < start);
    let mut found = None;
    while t < tree.tokens.len() && (tree.tokens[t].start as usize) < end {
        match tree.tokens[t].kind {
            Kind::Anchor => {
                let name = &doc.text[tree.token_range(t)][1..];
                let used = tree.tokens.iter().enumerate().any(|(u, x)| {
                    x.kind == Kind::Alias && doc.text[tree.token_range(u)][1..] == *name
                });
                if used {
                    return Err(EditError::Unsupported(format!(
                        "`{}` is anchored as `&{name}` and `*{name}` repeats it elsewhere: renaming it would change that place too; rename both by hand",
                        e.key
                    )));
                }
            }
            Kind::Plain | Kind::SingleQuoted | Kind::DoubleQuoted | Kind::Alias => {
                found = Some(tree.token_range(t));
            }
            _ => {}
        }
        t += 1;
    }
    found.ok_or_else(|| {
        EditError::Unsupported(format!(
            "the key at line {} is empty: write its name by hand",
            e.key_span.start.line
        ))
    })
}

/// Move the list item at `pointer` to position `to` of its list (the other items keep
/// their order): its lines, with the comment lines directly above it, are cut and
/// inserted at the new place; no other byte changes.
pub fn move_item(doc: &Document, pointer: &str, to: usize) -> Result<Vec<TextEdit>, EditError> {
    let root = readable(doc)?;
    let (_, steps) = pointer::resolve(root, pointer).map_err(EditError::NotFound)?;
    let Some((Step::Index(from), parent_steps)) = steps.split_last() else {
        return Err(EditError::Unsupported(format!(
            "`{pointer}` is not an item of a list: only list items can be moved"
        )));
    };
    let list = follow(root, parent_steps);
    let items = list.as_seq().unwrap_or_default();
    if to >= items.len() {
        return Err(EditError::Unsupported(format!(
            "the list has {} items: the position is 0 to {}",
            items.len(),
            items.len() - 1
        )));
    }
    if to == *from {
        return Ok(Vec::new());
    }
    let edits = move_edits(doc, list, items, *from, to)?;
    if doc.anchors {
        // An alias moved above its anchor, or between two anchors of one name, would read
        // another value: check the result reads as the list reordered, nothing else.
        let mut expected = root.to_json();
        if let Some(serde_json::Value::Array(a)) = expected.pointer_mut(&json_pointer(parent_steps))
        {
            let item = a.remove(*from);
            a.insert(to, item);
        }
        let after = yaml::parse(&apply(&doc.text, &edits));
        if after.root.map(|r| r.to_json()) != Some(expected) {
            return Err(EditError::Unsupported(
                "moving this item changes what an alias (`*name`) in the list refers to: move it by hand".into(),
            ));
        }
    }
    Ok(edits)
}

/// Copy the list item at `pointer` (its lines and the comments right above it) to just
/// after it. A copy's `name` gets a suffix that no sibling has (`amount_copy`,
/// `amount_copy2`), so the copy is not a duplicate name; nothing else changes.
pub fn duplicate_item(doc: &Document, pointer: &str) -> Result<Vec<TextEdit>, EditError> {
    let root = readable(doc)?;
    let (item, steps) = pointer::resolve(root, pointer).map_err(EditError::NotFound)?;
    let Some((Step::Index(_), parent_steps)) = steps.split_last() else {
        return Err(EditError::Unsupported(format!(
            "`{pointer}` is not an item of a list: only list items can be duplicated"
        )));
    };
    let siblings = follow(root, parent_steps).as_seq().unwrap_or_default();
    let text = doc.text.as_str();
    let lines = item_lines(doc, item)?;
    let mut piece = text[lines.clone()].to_string();
    let at = lines.end;
    if !piece.ends_with('\n') {
        // The text's last line, without a line break: the copy goes on a line of its own.
        piece.insert_str(0, newline(text));
    }
    let shift = piece.len() - (lines.end - lines.start);
    if let Some(name) = item.get("name").filter(|n| n.as_str().is_some()) {
        let taken = |n: &str| {
            siblings
                .iter()
                .any(|s| s.get("name").and_then(Node::as_str) == Some(n))
        };
        let base = format!("{}_copy", name.as_str().unwrap_or_default());
        let new = (1..)
            .map(|i| {
                if i == 1 {
                    base.clone()
                } else {
                    format!("{base}{i}")
                }
            })
            .find(|n| !taken(n))
            .unwrap_or(base);
        let value = render_str(&new);
        let (from, to) = (name.span.start.at(), name.span.end.at());
        let (from, to) = (from - lines.start + shift, to - lines.start + shift);
        piece.replace_range(from..to, &value);
    }
    Ok(vec![TextEdit {
        range: at..at,
        insert: piece,
    }])
}

/// [`duplicate_item`] for each pointer, as one change (rows duplicated at once).
pub fn duplicate_items(doc: &Document, pointers: &[String]) -> Result<Vec<TextEdit>, EditError> {
    let mut edits = Vec::new();
    for p in pointers {
        edits.extend(duplicate_item(doc, p)?);
    }
    Ok(edits)
}

/// [`set_value`] at each pointer, as one change (a column of many rows set at once):
/// the edits of all, computed on the same text, which must not overlap.
pub fn set_values(
    doc: &Document,
    values: &[(String, serde_json::Value)],
) -> Result<Vec<TextEdit>, EditError> {
    let mut edits = Vec::new();
    for (pointer, value) in values {
        edits.extend(set_value(doc, pointer, value)?);
    }
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    if edits.windows(2).any(|w| w[1].range.start < w[0].range.end) {
        return Err(EditError::Unsupported(
            "these values overlap in the text: set them one by one".into(),
        ));
    }
    Ok(edits)
}

/// The JSON pointer of a resolved path.
fn json_pointer(steps: &[Step]) -> String {
    steps
        .iter()
        .map(|s| match s {
            Step::Key(k) => format!("/{}", pointer::escape(k)),
            Step::Index(i) => format!("/{i}"),
        })
        .collect()
}

fn move_edits(
    doc: &Document,
    list: &Node,
    items: &[Node],
    from: usize,
    to: usize,
) -> Result<Vec<TextEdit>, EditError> {
    let text = doc.text.as_str();
    if in_flow(doc, list.span.start.at()) {
        return Ok(vec![move_in_flow(text, items, from, to)]);
    }
    let block = |i: usize| item_lines(doc, &items[i]);
    let moved = block(from)?;
    let mut piece = text[moved.clone()].to_string();
    let mut cut = moved.clone();
    if !piece.ends_with('\n') {
        // The last line of a text without a final line break: the break before it goes.
        piece.push_str(newline(text));
        cut.start -= if text[..cut.start].ends_with("\r\n") {
            2
        } else {
            1
        };
    }
    let at = if to < from {
        block(to)?.start
    } else {
        let after = block(to)?.end;
        if !text[..after].ends_with('\n') {
            // After the text's last line, which has no line break.
            let insert = format!("{}{}", newline(text), piece.trim_end_matches(['\n', '\r']));
            return Ok(vec![
                TextEdit {
                    range: cut,
                    insert: String::new(),
                },
                TextEdit {
                    range: after..after,
                    insert,
                },
            ]);
        }
        after
    };
    Ok(vec![
        TextEdit {
            range: cut,
            insert: String::new(),
        },
        TextEdit {
            range: at..at,
            insert: piece,
        },
    ])
}

/// Move item `from` of a `[...]` list to `to`: the texts of the items between the two
/// places trade places and the separators (commas, line breaks, comments) stay where they
/// are, so one edit covers exactly the items that move.
fn move_in_flow(text: &str, items: &[Node], from: usize, to: usize) -> TextEdit {
    let (lo, hi) = (from.min(to), from.max(to));
    let piece = |i: usize| &text[items[i].span.start.at()..items[i].span.end.at()];
    let mut order: Vec<usize> = (lo..=hi).collect();
    let moved = order.remove(from - lo);
    order.insert(to - lo, moved);
    let mut insert = String::new();
    for (k, &i) in order.iter().enumerate() {
        insert.push_str(piece(i));
        let at = lo + k;
        if at < hi {
            insert.push_str(&text[items[at].span.end.at()..items[at + 1].span.start.at()]);
        }
    }
    TextEdit {
        range: items[lo].span.start.at()..items[hi].span.end.at(),
        insert,
    }
}

/// The `-` before a block list item and the start of its line.
fn dash_of(text: &str, item: &Node) -> (usize, usize) {
    let start = item.span.start.at();
    let dash = text[..start].rfind('-').unwrap_or(start);
    (dash, text[..dash].rfind('\n').map_or(0, |i| i + 1))
}

/// The whole lines of a block list item: from its own comment lines above its `-` to the
/// end of its last line (with the line break, when there is one).
fn item_lines(doc: &Document, item: &Node) -> Result<Range<usize>, EditError> {
    let text = doc.text.as_str();
    let (dash, line_start) = dash_of(text, item);
    if in_flow(doc, dash) || !text[line_start..dash].bytes().all(|b| b == b' ') {
        return Err(EditError::Unsupported(
            "this item shares its line with other content (a `[...]` list or `- - x`): edit that line"
                .into(),
        ));
    }
    let from = own_comments_start(text, line_start, dash - line_start);
    let end = line_end(text, item.span.end.at());
    Ok(from..(end + 1).min(text.len()))
}

/// The start of the comment lines directly above the line at `line_start`, indented at
/// `col` or deeper (a key's or item's own comments).
fn own_comments_start(text: &str, line_start: usize, col: usize) -> usize {
    let mut from = line_start;
    while from > 0 {
        let prev_start = text[..from - 1].rfind('\n').map_or(0, |i| i + 1);
        let prev = &text[prev_start..from - 1];
        let spaces = prev.len() - prev.trim_start_matches(' ').len();
        if prev.trim_start().starts_with('#') && spaces >= col {
            from = prev_start;
        } else {
            break;
        }
    }
    from
}

/// The text's line break: `\r\n` when it uses them, else `\n`.
fn newline(text: &str) -> &'static str {
    if text.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// Insert `yaml` as the item at position `index` of the list at `pointer` (after the last
/// item when `index` is its length or more).
pub fn insert(
    doc: &Document,
    pointer: &str,
    index: usize,
    yaml_text: &str,
) -> Result<Vec<TextEdit>, EditError> {
    let root = readable(doc)?;
    let (node, _) = pointer::resolve(root, pointer).map_err(EditError::NotFound)?;
    let items = match node.as_seq() {
        Some(items) if index < items.len() => items,
        _ => return add(doc, pointer, yaml_text),
    };
    let body = readable_piece(yaml_text)?;
    let text = doc.text.as_str();
    if in_flow(doc, node.span.start.at()) {
        flow_piece(body)?;
        let at = items[index].span.start.at();
        return Ok(vec![TextEdit {
            range: at..at,
            insert: format!("{body}, "),
        }]);
    }
    let at = item_lines(doc, &items[index])?;
    let (dash, line_start) = dash_of(text, &items[index]);
    let mut item = render_item(body, dash - line_start);
    item.push_str(newline(text));
    Ok(vec![TextEdit {
        range: at.start..at.start,
        insert: item,
    }])
}

/// [`set`] where a key the mapping lacks goes at its place in the standard's key order
/// (what `charter set` does).
pub fn set_in_order(
    doc: &Document,
    pointer: &str,
    value: &str,
) -> Result<Vec<TextEdit>, EditError> {
    let root = readable(doc)?;
    let parent = pointer.rsplit_once('/').map_or("", |(p, _)| p);
    if !parent.is_empty() && pointer::resolve(root, parent).is_err() {
        // The mappings that would hold it are created too.
        return create_at(
            doc,
            pointer,
            &[format!(" {}", render(&typed(value, false)))],
        );
    }
    let order = crate::assist::key_order(root, parent);
    set_ordered(doc, pointer, value, &order)
}

/// Set the value at `pointer` to a typed value, as the form, table and diagram views do:
/// a string stays a string whatever it looks like (`yes`, `2024-01-01`, `1.0`), `null`
/// removes the key (nothing to do when it is absent), and a missing key goes at its place
/// in the standard's key order.
pub fn set_value(
    doc: &Document,
    pointer: &str,
    value: &serde_json::Value,
) -> Result<Vec<TextEdit>, EditError> {
    use serde_json::Value;
    let root = readable(doc)?;
    let arg = match value {
        Value::Null => {
            return match pointer::resolve(root, pointer) {
                Ok(_) => unset(doc, pointer),
                Err(_) => Ok(Vec::new()),
            }
        }
        // A JSON string is a YAML double-quoted string: read back, exactly this text.
        Value::String(s) => serde_json::to_string(s).unwrap_or_default(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(_) | Value::Object(_) => {
            return Err(EditError::Unsupported(
                "a list or a mapping is added item by item, not set at once".into(),
            ))
        }
    };
    set_in_order(doc, pointer, &arg)
}

/// Append a typed item to the list at `pointer`: a mapping of scalars (a new column, a
/// server...) or a scalar, written as YAML (strings stay strings). A JSON array appends
/// each of its items, in one edit (rows pasted into the schema table).
pub fn add_value(
    doc: &Document,
    pointer: &str,
    value: &serde_json::Value,
) -> Result<Vec<TextEdit>, EditError> {
    let root = readable(doc)?;
    let values = match value {
        serde_json::Value::Array(items) if !items.is_empty() => &items[..],
        v => std::slice::from_ref(v),
    };
    let texts = values
        .iter()
        .map(|v| item_yaml(doc, pointer, v))
        .collect::<Result<Vec<_>, _>>()?;
    let list = pointer::resolve(root, pointer).ok().map(|(n, _)| n);
    let block = |col: usize| -> Vec<String> {
        texts
            .iter()
            .flat_map(|t| {
                render_item(t, col)
                    .lines()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    match list {
        // The first items of a list not written yet (with the mappings that hold it).
        None => create_at(doc, pointer, &block(0)),
        Some(_) if texts.len() == 1 => add(doc, pointer, &texts[0]),
        Some(n) => {
            let text = doc.text.as_str();
            let (Some(items), false) = (n.as_seq(), in_flow(doc, n.span.start.at())) else {
                return Err(EditError::Unsupported(format!(
                    "`{pointer}` is not a block list: add its items one by one"
                )));
            };
            let (Some(first), Some(last)) = (items.first(), items.last()) else {
                return Err(EditError::Unsupported(
                    "an empty list: write its first item by hand".into(),
                ));
            };
            let (dash, ls) = dash_of(text, first);
            let at = line_end(text, last.span.end.at());
            Ok(vec![insert_line(
                text,
                at,
                &block(dash - ls).join(newline(text)),
            )])
        }
    }
}

/// One item as YAML text for the list at `pointer`: a mapping's keys in the standard's
/// order for an item of that list (a key still to fill written bare: `type:`), or a scalar.
fn item_yaml(
    doc: &Document,
    pointer: &str,
    value: &serde_json::Value,
) -> Result<String, EditError> {
    use serde_json::Value;
    let scalar = |v: &Value| -> Result<String, EditError> {
        match v {
            Value::String(s) => Ok(render(&Scalar::Str(s.as_str().into()))),
            Value::Bool(b) => Ok(b.to_string()),
            Value::Number(n) => Ok(n.to_string()),
            Value::Null => Ok("null".into()),
            _ => Err(EditError::Unsupported(
                "a nested list or mapping is added in a second step".into(),
            )),
        }
    };
    match value {
        Value::Object(m) => {
            let order = doc
                .root
                .as_ref()
                .map(|r| crate::assist::key_order(r, &format!("{pointer}/0")))
                .unwrap_or_default();
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort_by_key(|k| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
            Ok(keys
                .iter()
                .map(|k| {
                    let v = match &m[k.as_str()] {
                        Value::Null => String::new(),
                        v => format!(" {}", scalar(v)?),
                    };
                    Ok(format!("{}:{v}", render_key(k)))
                })
                .collect::<Result<Vec<_>, EditError>>()?
                .join("\n"))
        }
        v => scalar(v),
    }
}

/// Like [`set`], but a key the mapping lacks is inserted at its place in `order` (the
/// model's key order: after the last present key that comes before it), not at the end.
pub fn set_ordered(
    doc: &Document,
    pointer: &str,
    value: &str,
    order: &[&str],
) -> Result<Vec<TextEdit>, EditError> {
    let root = readable(doc)?;
    let segs = pointer::segments(pointer);
    let (Some((key, parent)), Err(_)) = (segs.split_last(), pointer::resolve(root, pointer)) else {
        return set(doc, pointer, value);
    };
    let parent_ptr: String = parent
        .iter()
        .map(|s| format!("/{}", pointer::escape(s)))
        .collect();
    let (map, _) = pointer::resolve(root, &parent_ptr).map_err(EditError::NotFound)?;
    if map.as_map().is_none() {
        return set(doc, pointer, value);
    }
    let line = format!("{}: {}", render_key(key), render(&typed(value, false)));
    insert_entry(doc, map, key, &[line], order)
}

/// Insert a new entry into the mapping `map`: its `lines` (the first `key: ...`, later
/// ones indented relative to the key) go at `key`'s place in `order` (the model's key
/// order: after the last present key that comes before it), at the end when it has none.
fn insert_entry(
    doc: &Document,
    map: &Node,
    key: &str,
    lines: &[String],
    order: &[&str],
) -> Result<Vec<TextEdit>, EditError> {
    let rank = |k: &str| order.iter().position(|o| *o == k);
    let (Some(entries), Some(r)) = (map.as_map(), rank(key)) else {
        return append_to_map(doc, map, lines);
    };
    if entries.is_empty() || in_flow(doc, map.span.start.at()) {
        return append_to_map(doc, map, lines);
    }
    let text = doc.text.as_str();
    let nl = newline(text);
    let padded = |pad: &str| indent(lines, pad).join(nl);
    let before = entries
        .iter()
        .rposition(|e| rank(&e.key).is_some_and(|er| er < r));
    let after = match before {
        Some(i) => i,
        // First in order: before the first key, unless that shares its line with a `-`.
        None => {
            let first = &entries[0];
            let ks = first.key_span.start.at();
            let ls = text[..ks].rfind('\n').map_or(0, |i| i + 1);
            if text[ls..ks].bytes().all(|b| b == b' ') {
                let at = own_comments_start(text, ls, ks - ls);
                return Ok(vec![TextEdit {
                    range: at..at,
                    insert: format!("{}{nl}", padded(&text[ls..ks])),
                }]);
            }
            0
        }
    };
    if after + 1 == entries.len() {
        return append_to_map(doc, map, lines);
    }
    let e = &entries[after];
    let next = &entries[after + 1];
    // At the next key's indentation, right after the entry's own lines.
    let ks = next.key_span.start.at();
    let ls = text[..ks].rfind('\n').map_or(0, |i| i + 1);
    let pad = &text[ls..ks];
    if !pad.bytes().all(|b| b == b' ') {
        return append_to_map(doc, map, lines);
    }
    let at = line_end(text, e.value.span.end.at().max(e.key_span.end.at()));
    Ok(vec![insert_line(text, at, &padded(pad))])
}

/// `lines` each prefixed with `pad` (empty lines stay empty).
fn indent(lines: &[String], pad: &str) -> Vec<String> {
    lines
        .iter()
        .map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{pad}{l}")
            }
        })
        .collect()
}

/// Write a value at `pointer` where its key is missing, and so are perhaps the mappings
/// that would hold it (`/description/purpose` in a contract without `description`): the
/// missing keys are created as block mappings, each at its place in the standard's key
/// order, in the deepest mapping that exists. `leaf` is the value's lines after its key:
/// one line for a scalar (` value`, written on the key's line), or block lines (a list's
/// `- item` lines) that go under the key, indented by two spaces.
fn create_at(doc: &Document, pointer: &str, leaf: &[String]) -> Result<Vec<TextEdit>, EditError> {
    let root = readable(doc)?;
    let segs = pointer::segments(pointer);
    // The deepest existing ancestor: a mapping, else the value can't be written there.
    let mut have = segs.len();
    let nf = loop {
        if have == 0 {
            return Err(EditError::Unsupported(format!(
                "`{pointer}` can't be created"
            )));
        }
        have -= 1;
        let ptr: String = segs[..have]
            .iter()
            .map(|s| format!("/{}", pointer::escape(s)))
            .collect();
        match pointer::resolve(root, &ptr) {
            Ok((node, _)) if node.as_map().is_some() => break (node, ptr),
            // Not a mapping: say what is there instead of what the pointer names.
            Ok(_) => {
                return Err(match pointer::resolve(root, pointer) {
                    Err(nf) => EditError::NotFound(nf),
                    Ok(_) => EditError::Unsupported(format!("`{pointer}` can't be created")),
                })
            }
            Err(_) => continue,
        }
    };
    let (map, map_ptr) = nf;
    let keys = &segs[have..];
    // Innermost first: the leaf, then each missing mapping around it.
    let mut lines: Vec<String> = match leaf {
        [one] if !one.trim_start().starts_with('-') => {
            vec![format!("{}:{one}", render_key(&keys[keys.len() - 1]))]
        }
        block => std::iter::once(format!("{}:", render_key(&keys[keys.len() - 1])))
            .chain(indent(block, "  "))
            .collect(),
    };
    for k in keys[..keys.len() - 1].iter().rev() {
        lines = std::iter::once(format!("{}:", render_key(k)))
            .chain(indent(&lines, "  "))
            .collect();
    }
    let order = crate::assist::key_order(root, &map_ptr);
    insert_entry(doc, map, &keys[0], &lines, &order)
}

fn follow<'a>(root: &'a Node, steps: &[Step]) -> &'a Node {
    let mut n = root;
    for s in steps {
        n = match (s, &n.kind) {
            (Step::Key(k), NodeKind::Map(es)) => {
                &es.iter().find(|e| e.key == k).expect("resolved").value
            }
            (Step::Index(i), NodeKind::Seq(items)) => &items[*i],
            _ => n,
        };
    }
    n
}

/// Whether `offset` is inside a flow collection.
fn in_flow(doc: &Document, offset: usize) -> bool {
    let tree = &doc.tree;
    // The innermost collection node that contains the offset, walking down from the root.
    let mut n = crate::syntax::Tree::ROOT;
    let mut flow = false;
    'down: loop {
        for c in tree.children(n) {
            let r = tree.range(c);
            if r.start <= offset && offset < r.end.max(r.start + 1) {
                match tree.kind(c) {
                    Kind::FlowMap | Kind::FlowSeq | Kind::FlowPair => flow = true,
                    Kind::BlockMap | Kind::BlockSeq => flow = false,
                    _ => {}
                }
                n = c;
                continue 'down;
            }
        }
        return flow;
    }
}

/// The text range of a scalar's value token (properties and comments left alone); empty,
/// where the value goes, for an empty value.
fn scalar_range(doc: &Document, node: &Node) -> Range<usize> {
    let tree = &doc.tree;
    let (start, end) = (node.span.start.at(), node.span.end.at());
    let first = tree.tokens.partition_point(|t| (t.start as usize) < start);
    let mut t = first;
    while t < tree.tokens.len() && (tree.tokens[t].start as usize) < end.max(start + 1) {
        let k = tree.tokens[t].kind;
        match k {
            Kind::Plain | Kind::SingleQuoted | Kind::DoubleQuoted => return tree.token_range(t),
            Kind::BlockHeader => {
                // The header and its content lines, up to the last line break.
                let r = tree.token_range(t);
                let mut e = end.max(r.end);
                let s = doc.text.as_bytes();
                while e > r.start && matches!(s[e - 1], b'\n' | b'\r') {
                    e -= 1;
                }
                return r.start..e;
            }
            _ => t += 1,
        }
    }
    end..end
}

/// The value as typed: a quoted string, or a plain scalar resolved by the core schema (a
/// string when the old value was one).
fn typed(value: &str, keep_string: bool) -> Scalar {
    let v = value.trim();
    let quoted = (v.len() >= 2 && v.starts_with('"') && v.ends_with('"'))
        || (v.len() >= 2 && v.starts_with('\'') && v.ends_with('\''));
    if quoted {
        if let Some(Node {
            kind: NodeKind::Scalar(Scalar::Str(s)),
            ..
        }) = yaml::parse(v).root
        {
            return Scalar::Str(s);
        }
    }
    match yaml::resolve_plain(value) {
        Scalar::Str(s) => Scalar::Str(s),
        _ if keep_string => Scalar::Str(value.into()),
        other => other,
    }
}

/// A scalar as YAML text that reads back as the same value, in YAML 1.2 and in the YAML
/// 1.1 readers many tools still use (so `yes`, `2024-01-01` and `1:30` are quoted).
pub fn render(v: &Scalar) -> String {
    match v {
        Scalar::Null => "null".into(),
        Scalar::Bool(b) => b.to_string(),
        Scalar::Int(i) => i.to_string(),
        Scalar::Float(f) if f.is_nan() => ".nan".into(),
        Scalar::Float(f) if f.is_infinite() => if *f > 0.0 { ".inf" } else { "-.inf" }.into(),
        Scalar::Float(f) => {
            let s = f.to_string();
            if s.contains(['.', 'e', 'E']) {
                s
            } else {
                format!("{s}.0")
            }
        }
        Scalar::Str(s) => render_str(s),
    }
}

fn render_key(k: &str) -> String {
    render_str(k)
}

fn render_str(s: &str) -> String {
    if plain_safe(s) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Written plain, `s` reads back as the same string in YAML 1.2 and 1.1.
fn plain_safe(s: &str) -> bool {
    let b = s.as_bytes();
    if s.is_empty() || s.trim() != s || s.contains(['\n', '\r', '\t']) {
        return false;
    }
    if !scan::plain_starts(b, 0, false) || scan::plain_line(b, 0, false) != b.len() {
        return false;
    }
    if !matches!(yaml::resolve_plain(s), Scalar::Str(_)) {
        return false;
    }
    // YAML 1.1 booleans, and what 1.1 reads as numbers, dates or times.
    let lower = s.to_ascii_lowercase();
    if matches!(lower.as_str(), "y" | "n" | "yes" | "no" | "on" | "off") {
        return false;
    }
    !yaml_1_1_number_or_date(s) && !s.starts_with("---") && !s.starts_with("...")
}

/// What YAML 1.1 reads as a number, a sexagesimal time (`1:30`) or a date.
fn yaml_1_1_number_or_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit() || c == b'_');
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    if body.starts_with("0x") || body.starts_with("0b") || body.starts_with("0o") {
        return true;
    }
    // `1_000`, `1.5`, `.5`, `1e3`: at most one dot.
    let mantissa = body.split(['e', 'E']).next().unwrap_or("");
    if s.matches('.').count() <= 1
        && b.iter().any(u8::is_ascii_digit)
        && mantissa.split('.').all(|p| p.is_empty() || digits(p))
        && !body.contains(':')
    {
        return true;
    }
    // `1:30`, `190:20:30.15`
    if body.contains(':')
        && body
            .split(':')
            .all(|p| digits(p.split('.').next().unwrap_or("")))
    {
        return true;
    }
    // `2024-01-01`, `2001-12-14t21:59:43.10-05:00`
    b.len() >= 8 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-'
}

/// The end of the line holding `at`, before its line break (`\n` or `\r\n`).
fn line_end(text: &str, at: usize) -> usize {
    match text[at..].find('\n') {
        Some(i) if i > 0 && text.as_bytes()[at + i - 1] == b'\r' => at + i - 1,
        Some(i) => at + i,
        None => text.len(),
    }
}

/// Insert `line` as a new line after the line that ends at `at`.
fn insert_line(text: &str, at: usize, line: &str) -> TextEdit {
    TextEdit {
        range: at..at,
        insert: format!("{}{line}", newline(&text[..at])),
    }
}

/// Append entry lines (`key: value`, already rendered, possibly with lines indented under
/// them) to a mapping, at its keys' indentation.
fn append_to_map(doc: &Document, map: &Node, lines: &[String]) -> Result<Vec<TextEdit>, EditError> {
    let text = doc.text.as_str();
    let entries = map.as_map().unwrap_or(&[]);
    if in_flow(doc, map.span.start.at()) {
        if lines.len() > 1 {
            return Err(EditError::Unsupported(
                "a `{...}` mapping takes one-line entries".into(),
            ));
        }
        let close = map.span.end.at().saturating_sub(1);
        let sep = if entries.is_empty() { "" } else { ", " };
        return Ok(vec![TextEdit {
            range: close..close,
            insert: format!("{sep}{}", lines.join("")),
        }]);
    }
    let Some(first) = entries.first() else {
        return Err(EditError::Unsupported(
            "an empty mapping: write its first key by hand".into(),
        ));
    };
    let ks = first.key_span.start.at();
    let ls = text[..ks].rfind('\n').map_or(0, |i| i + 1);
    let col = text[ls..ks].chars().count();
    let pad = " ".repeat(col);
    let block = indent(lines, &pad);
    let last = entries.last().expect("not empty");
    let at = line_end(text, last.value.span.end.at().max(last.key_span.end.at()));
    Ok(vec![insert_line(text, at, &block.join(newline(text)))])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edited(text: &str, f: impl Fn(&Document) -> Result<Vec<TextEdit>, EditError>) -> String {
        let doc = yaml::parse(text);
        apply(text, &f(&doc).unwrap())
    }

    const TEXT: &str = "# head\napiVersion: v3.1.0 # keep me\nversion: '1.0.0'\nschema:\n  - name: orders\n    # the key\n    properties:\n      - name: id\n        required: true\n      - name: total\n";

    #[test]
    fn set_changes_only_the_value() {
        let t = edited(TEXT, |d| set(d, "/version", "1.1.0"));
        assert_eq!(t, TEXT.replace("'1.0.0'", "1.1.0"));
        let t = edited(TEXT, |d| {
            set(d, "/schema/orders/properties/id/required", "false")
        });
        assert_eq!(t, TEXT.replace("required: true", "required: false"));
        // A string stays a string; values YAML 1.1 would misread are quoted.
        let t = edited(TEXT, |d| set(d, "/version", "2"));
        assert!(t.contains("version: \"2\"\n"), "{t}");
        let t = edited(TEXT, |d| set(d, "/apiVersion", "yes"));
        assert!(t.contains("apiVersion: \"yes\" # keep me\n"), "{t}");
        let t = edited(TEXT, |d| set(d, "/apiVersion", "a: b #c"));
        assert_eq!(
            yaml::parse(&t)
                .root
                .unwrap()
                .get("apiVersion")
                .unwrap()
                .as_str(),
            Some("a: b #c")
        );
    }

    #[test]
    fn set_adds_a_missing_key_at_the_mapping_s_indentation() {
        let t = edited(TEXT, |d| {
            set(d, "/schema/orders/properties/total/logicalType", "number")
        });
        assert!(
            t.ends_with("      - name: total\n        logicalType: number\n"),
            "{t}"
        );
        let t = edited(TEXT, |d| set(d, "/status", "active"));
        assert!(t.ends_with("      - name: total\nstatus: active\n"), "{t}");
    }

    #[test]
    fn unset_removes_the_entry_and_its_comments() {
        let t = edited(TEXT, |d| unset(d, "/schema/0/properties"));
        assert_eq!(
            t,
            "# head\napiVersion: v3.1.0 # keep me\nversion: '1.0.0'\nschema:\n  - name: orders\n"
        );
        let t = edited(TEXT, |d| unset(d, "/schema/orders/properties/id"));
        assert!(
            !t.contains("name: id") && t.contains("- name: total"),
            "{t}"
        );
    }

    #[test]
    fn unset_the_first_entry_of_an_item_and_in_flow_collections() {
        let text = "l:\n  - name: x\n    type: y\n  - name: z\n";
        assert_eq!(
            edited(text, |d| unset(d, "/l/0/name")),
            "l:\n  - type: y\n  - name: z\n"
        );
        assert_eq!(
            edited(text, |d| unset(d, "/l/1/name")),
            "l:\n  - name: x\n    type: y\n  - {}\n"
        );
        assert_eq!(
            edited("a: [x, y, z]\n", |d| unset(d, "/a/1")),
            "a: [x, z]\n"
        );
        assert_eq!(
            edited("a: [x, y, z]\n", |d| unset(d, "/a/2")),
            "a: [x, y]\n"
        );
        assert_eq!(edited("a: [x]\n", |d| unset(d, "/a/0")), "a: []\n");
        assert_eq!(
            edited("a: {b: 1, c: 2}\n", |d| unset(d, "/a/b")),
            "a: {c: 2}\n"
        );
        assert_eq!(edited("- - a\n  - b\n", |d| unset(d, "/0/0")), "- - b\n");
    }

    #[test]
    fn add_appends_items_and_entries() {
        let t = edited(TEXT, |d| {
            add(
                d,
                "/schema/orders/properties",
                "name: note\nlogicalType: string\n",
            )
        });
        assert!(
            t.ends_with("      - name: total\n      - name: note\n        logicalType: string\n"),
            "{t}"
        );
        let t = edited("tags: [a, b]\n", |d| add(d, "/tags", "c"));
        assert_eq!(t, "tags: [a, b, c]\n");
    }

    #[test]
    fn rename_changes_only_the_key() {
        let t = edited(TEXT, |d| rename(d, "/schema/orders/properties", "columns"));
        assert_eq!(t, TEXT.replace("properties:", "columns:"));
        let t = edited(TEXT, |d| rename(d, "/version", "a key: with colon"));
        assert!(t.contains("\n\"a key: with colon\": '1.0.0'\n"), "{t}");
        let d = yaml::parse(TEXT);
        assert!(rename(&d, "/version", "apiVersion").is_err());
        assert!(rename(&d, "/schema/0", "x").is_err());
        // Properties stay on the renamed key; an alias key is replaced by the new name.
        let t = edited("&k a: 1\n!!str b: 2\n", |d| rename(d, "/a", "x"));
        assert_eq!(t, "&k x: 1\n!!str b: 2\n");
        let t = edited("&k a: 1\n!!str b: 2\n", |d| rename(d, "/b", "z"));
        assert_eq!(t, "&k a: 1\n!!str z: 2\n");
        let t = edited("a: &k b\nm: {*k : 1}\n", |d| rename(d, "/m/b", "c"));
        assert_eq!(t, "a: &k b\nm: {c : 1}\n");
        // An anchored key that an alias repeats: renaming it would change the alias too.
        let d = yaml::parse("m: {&k a: 1}\nn: {*k : 2}\n");
        let e = rename(&d, "/m/a", "x").unwrap_err().to_string();
        assert!(e.contains("`*k` repeats it"), "{e}");
    }

    #[test]
    fn move_item_moves_its_lines_and_comments() {
        let text = "list:\n  # first\n  - a: 1\n    b: 2\n  - c: 3\n  # third\n  - d: 4\n";
        let t = edited(text, |d| move_item(d, "/list/0", 2));
        assert_eq!(
            t,
            "list:\n  - c: 3\n  # third\n  - d: 4\n  # first\n  - a: 1\n    b: 2\n"
        );
        let t = edited(text, |d| move_item(d, "/list/2", 0));
        assert_eq!(
            t,
            "list:\n  # third\n  - d: 4\n  # first\n  - a: 1\n    b: 2\n  - c: 3\n"
        );
        // The last line without a line break, moved up and moved to.
        let text = "l:\n- x\n- y";
        assert_eq!(edited(text, |d| move_item(d, "/l/1", 0)), "l:\n- y\n- x");
        assert_eq!(edited(text, |d| move_item(d, "/l/0", 1)), "l:\n- y\n- x");
        let d = yaml::parse(text);
        assert!(move_item(&d, "/l/0", 5).is_err());
        // In `[...]`: the items trade places, the separators and comments stay.
        let text = "l: [a, 'b c', {x: 1}, [1, 2]]\n";
        assert_eq!(
            edited(text, |d| move_item(d, "/l/0", 3)),
            "l: ['b c', {x: 1}, [1, 2], a]\n"
        );
        assert_eq!(
            edited(text, |d| move_item(d, "/l/2", 0)),
            "l: [{x: 1}, a, 'b c', [1, 2]]\n"
        );
        let text = "l: [\n  a,  # first\n  b\n  ]\n";
        assert_eq!(
            edited(text, |d| move_item(d, "/l/1", 0)),
            "l: [\n  b,  # first\n  a\n  ]\n"
        );
    }

    #[test]
    fn insert_puts_an_item_at_its_position() {
        let t = edited(TEXT, |d| {
            insert(
                d,
                "/schema/orders/properties",
                1,
                "name: note\nlogicalType: string",
            )
        });
        assert!(
            t.contains("        required: true\n      - name: note\n        logicalType: string\n      - name: total\n"),
            "{t}"
        );
        // In `[...]`, at its place; what only works on lines of its own is refused.
        assert_eq!(
            edited("l: [a, b]\n", |d| insert(d, "/l", 1, "{k: v}")),
            "l: [a, {k: v}, b]\n"
        );
        let d = yaml::parse("l: [a, b]\n");
        assert!(insert(&d, "/l", 0, "- x").is_err());
        assert!(add(&d, "/l", "a: b: c").is_err());
        let t = edited(TEXT, |d| {
            insert(d, "/schema/orders/properties", 9, "name: z")
        });
        assert!(t.ends_with("      - name: total\n      - name: z\n"), "{t}");
    }

    #[test]
    fn set_value_keeps_types_and_places_new_keys() {
        use serde_json::json;
        let t = edited(TEXT, |d| {
            set_value(d, "/schema/orders/properties/id/required", &json!(false))
        });
        assert!(t.contains("        required: false\n"), "{t}");
        // A string that looks like a boolean or a date stays a string.
        for v in ["yes", "2024-01-01", "1.0", "a: b", ""] {
            let t = edited(TEXT, |d| {
                set_value(d, "/schema/orders/properties/id/description", &json!(v))
            });
            let root = yaml::parse(&t).root.unwrap();
            let got = crate::pointer::resolve(&root, "/schema/orders/properties/id/description")
                .unwrap()
                .0
                .as_str()
                .map(str::to_string);
            assert_eq!(got.as_deref(), Some(v), "{t}");
        }
        // null removes; absent stays absent.
        let t = edited(TEXT, |d| {
            set_value(d, "/schema/orders/properties/id/required", &json!(null))
        });
        assert!(!t.contains("required"), "{t}");
        let d = yaml::parse(TEXT);
        assert_eq!(
            set_value(&d, "/schema/orders/properties/total/unique", &json!(null)).unwrap(),
            vec![]
        );
        assert!(set_value(&d, "/version", &json!([1])).is_err());
    }

    #[test]
    fn add_value_appends_a_typed_item() {
        use serde_json::json;
        let t = edited(TEXT, |d| {
            add_value(
                d,
                "/schema/orders/properties",
                &json!({"name": "yes", "logicalType": "string"}),
            )
        });
        assert!(
            t.ends_with(
                "      - name: total\n      - name: \"yes\"\n        logicalType: string\n"
            ),
            "{t}"
        );
        let d = yaml::parse(TEXT);
        assert!(add_value(&d, "/schema/orders/properties", &json!({"a": [1]})).is_err());
    }

    #[test]
    fn set_value_and_add_value_create_what_holds_them() {
        use serde_json::json;
        let text = "# c\napiVersion: v3.2.0 # v\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: draft\nschema:\n  - name: t\n";
        // A missing mapping, at its place in the standard's order (after status, before schema).
        let t = edited(text, |d| {
            set_value(d, "/description/purpose", &json!("Why"))
        });
        assert_eq!(
            t,
            text.replace(
                "status: draft\n",
                "status: draft\ndescription:\n  purpose: Why\n"
            )
        );
        // Two levels missing, inside a list item.
        let t = edited(text, |d| {
            set_value(d, "/schema/0/logicalTypeOptions/maxLength", &json!(5))
        });
        assert!(
            t.ends_with("  - name: t\n    logicalTypeOptions:\n      maxLength: 5\n"),
            "{t}"
        );
        // The first item of a list not written yet, its keys in the standard's order.
        let t = edited(text, |d| {
            add_value(d, "/servers", &json!({"type": null, "server": "db"}))
        });
        assert_eq!(
            t,
            text.replace(
                "status: draft\n",
                "status: draft\nservers:\n  - server: db\n    type:\n"
            )
        );
        let t = edited(text, |d| add_value(d, "/description/tags", &json!("x")));
        assert!(t.contains("description:\n  tags:\n    - x\n"), "{t}");
        // Every result reads back as meant.
        let crlf = text.replace('\n', "\r\n");
        let t = edited(&crlf, |d| set_value(d, "/description/usage", &json!("u")));
        assert!(t.contains("description:\r\n  usage: u\r\n"), "{t:?}");
        // Where a scalar stands, nothing is created.
        let d = yaml::parse(text);
        assert!(set_value(&d, "/id/x", &json!("y")).is_err());
    }

    #[test]
    fn add_value_appends_many_items_in_one_edit() {
        use serde_json::json;
        let rows = json!([{"name": "a", "logicalType": "string"}, {"logicalType": "integer", "name": "b"}]);
        let edits = add_value(&yaml::parse(TEXT), "/schema/orders/properties", &rows).unwrap();
        assert_eq!(edits.len(), 1);
        let t = apply(TEXT, &edits);
        assert!(
            t.ends_with("      - name: total\n      - name: a\n        logicalType: string\n      - name: b\n        logicalType: integer\n"),
            "{t}"
        );
        // Into a list not written yet.
        let t = edited(
            "apiVersion: v3.2.0\nkind: DataContract\nid: x\nversion: 1.0.0\nschema:\n  - name: t\n",
            |d| add_value(d, "/schema/0/properties", &rows),
        );
        assert!(t.ends_with("  - name: t\n    properties:\n      - name: a\n        logicalType: string\n      - name: b\n        logicalType: integer\n"), "{t}");
        // A [...] list takes them one at a time.
        let flow = yaml::parse("tags: [x]\n");
        assert!(add_value(&flow, "/tags", &json!(["a", "b"])).is_err());
    }

    #[test]
    fn set_ordered_puts_a_new_key_at_its_place() {
        let order = ["apiVersion", "kind", "id", "version", "status", "schema"];
        let t = edited(TEXT, |d| set_ordered(d, "/status", "active", &order));
        assert!(
            t.contains("version: '1.0.0'\nstatus: active\nschema:\n"),
            "{t}"
        );
        let t = edited(TEXT, |d| set_ordered(d, "/kind", "DataContract", &order));
        assert!(t.contains("# keep me\nkind: DataContract\nversion:"), "{t}");
        // First in order: above the first key and its comments.
        let t = edited("# c\nversion: 1\n", |d| {
            set_ordered(d, "/apiVersion", "v3.1.0", &order)
        });
        assert_eq!(t, "apiVersion: v3.1.0\n# c\nversion: 1\n");
        // A key the order doesn't know goes at the end.
        let t = edited(TEXT, |d| set_ordered(d, "/zzz", "1", &order));
        assert!(t.ends_with("      - name: total\nzzz: 1\n"), "{t}");
    }

    #[test]
    fn missing_addresses_and_broken_documents_are_clear_errors() {
        let d = yaml::parse(TEXT);
        let e = set(&d, "/schema/nope/name", "x").unwrap_err();
        assert!(e.to_string().starts_with("`nope` is not in /schema"), "{e}");
        let d = yaml::parse("a: [1\nb: 2\n");
        assert!(matches!(set(&d, "/b", "3"), Err(EditError::Unreadable(_))));
    }

    #[test]
    fn a_duplicated_item_is_its_lines_again_under_a_new_name() {
        let text = "schema:\n  - name: t\n    properties:\n      # the id\n      - name: id # pk\n        logicalType: string\n      - name: \"id_copy\"\n";
        let t = edited(text, |d| duplicate_item(d, "/schema/0/properties/0"));
        assert_eq!(t, "schema:\n  - name: t\n    properties:\n      # the id\n      - name: id # pk\n        logicalType: string\n      # the id\n      - name: id_copy2 # pk\n        logicalType: string\n      - name: \"id_copy\"\n");
        // The last line of a text without a final line break; an item without a name.
        let t = edited("l:\n  - a: 1", |d| duplicate_item(d, "/l/0"));
        assert_eq!(t, "l:\n  - a: 1\n  - a: 1");
        let t = edited("l:\n  - name: a\n  - name: b\n", |d| {
            duplicate_items(d, &["/l/0".into(), "/l/1".into()])
        });
        assert_eq!(
            t,
            "l:\n  - name: a\n  - name: a_copy\n  - name: b\n  - name: b_copy\n"
        );
        let d = yaml::parse("l: [1, 2]\n");
        assert!(duplicate_item(&d, "/l/0").is_err());
        assert!(duplicate_item(&yaml::parse(text), "/schema/0/name").is_err());
    }

    #[test]
    fn many_values_are_set_in_one_change() {
        let text = "p:\n  - name: a\n    classification: public # keep\n  - name: b\n  - name: c\n    classification: public\n";
        let values: Vec<_> = (0..3)
            .map(|i| {
                (
                    format!("/p/{i}/classification"),
                    serde_json::json!("restricted"),
                )
            })
            .collect();
        let t = edited(text, |d| set_values(d, &values));
        assert_eq!(t, "p:\n  - name: a\n    classification: restricted # keep\n  - name: b\n    classification: restricted\n  - name: c\n    classification: restricted\n");
        // Two values for one key overlap.
        let twice = vec![values[0].clone(), values[0].clone()];
        assert!(set_values(&yaml::parse(text), &twice).is_err());
    }
}

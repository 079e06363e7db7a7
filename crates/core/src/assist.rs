//! Editor help from Charter's model: completion of keys, enum values and snippets, and
//! hover docs for keys.
//!
//! Works on the text as typed, which is often not valid YAML yet: the place of the cursor
//! in the document (`schema[] › properties[] › logicalType`) is found from indentation, line
//! by line, and the object there is looked up in the model of the document's standard and
//! version. Sibling keys (a server's `type`, a property's `logicalType`) select the parts
//! that apply, exactly as validation does.

use crate::model::{odcs, odps, Field, Model, ObjSpec, Ty, CURRENT};
use crate::yaml::{self, Node};
use serde::{Deserialize, Serialize};

/// One completion option.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Completion {
    pub label: String,
    /// `key`, `value` or `snippet`.
    #[serde(deserialize_with = "crate::intern::de")]
    pub kind: crate::intern::Static,
    /// One line shown beside the label.
    pub detail: String,
    /// The text that replaces the typed prefix.
    pub apply: String,
}

/// Completion options at a byte offset, and the byte offset where the typed prefix starts.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Completions {
    pub from: usize,
    pub options: Vec<Completion>,
}

/// Hover docs for the key at a byte offset.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hover {
    /// Byte range of the key.
    pub from: usize,
    pub to: usize,
    pub key: String,
    pub doc: String,
    /// "Added in ODCS v3.1.0" or "In ODPS since v0.9.0".
    pub version: String,
    /// The standard and version the document declares, e.g. "ODCS v3.2.0".
    pub standard: String,
}

// ------------------------------------------------------------------ lines and places

struct Line<'a> {
    start: usize,
    indent: usize,
    /// For `- ...` lines: the dash's column.
    dash: Option<usize>,
    /// Column where the content (after any dash) starts.
    content_col: usize,
    content: &'a str,
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for raw in text.split('\n') {
        let l = raw.strip_suffix('\r').unwrap_or(raw);
        let indent = l.len() - l.trim_start_matches(' ').len();
        let rest = &l[indent..];
        let (dash, content_col, content) = if rest == "-" || rest.starts_with("- ") {
            let after = rest[1..].trim_start_matches(' ');
            (Some(indent), l.len() - after.len(), after)
        } else {
            (None, indent, rest)
        };
        out.push(Line {
            start,
            indent,
            dash,
            content_col,
            content,
        });
        start += raw.len() + 1;
    }
    out
}

fn is_blank(l: &Line) -> bool {
    l.content.is_empty() || l.content.starts_with('#')
}

/// `key` of a `key: value` or `key:` content.
fn key_of(content: &str) -> Option<&str> {
    let (k, rest) = content.split_once(':')?;
    (rest.is_empty() || rest.starts_with(' ')).then_some(())?;
    let k = k.trim().trim_matches(|c| c == '"' || c == '\'');
    (!k.is_empty() && !k.contains(['{', '[', '#'])).then_some(k)
}

#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Key(String),
    Item,
}

/// The mapping that holds column `col` at line `at`: its `key: value` lines, as a node.
fn siblings(ls: &[Line], at: usize, col: usize, skip: Option<usize>) -> Node {
    let mut text = String::new();
    let mut add = |l: &Line| {
        if let Some(k) = key_of(l.content) {
            let v = l.content[l.content.find(':').unwrap_or(0) + 1..].trim();
            // Only scalars matter for choosing parts; nested values are left empty.
            let v = if v.is_empty() || v.starts_with('|') || v.starts_with('>') {
                ""
            } else {
                v
            };
            text.push_str(&format!("{}: {}\n", yaml_key(k), v));
        }
    };
    // Upward, including the item's dash line.
    let mut i = at;
    loop {
        let l = &ls[i];
        if Some(i) != skip && !is_blank(l) {
            if l.content_col == col {
                add(l);
                if l.dash.is_some() {
                    break;
                }
            } else if l.content_col < col || l.indent < col {
                break;
            }
        }
        if i == 0 {
            break;
        }
        i -= 1;
    }
    // Downward, until the mapping ends or the next item starts.
    for (j, l) in ls.iter().enumerate().skip(at + 1) {
        if is_blank(l) {
            continue;
        }
        if l.indent < col {
            break;
        }
        if l.dash.is_none() && l.indent == col && Some(j) != skip {
            add(l);
        }
    }
    yaml::parse(&text)
        .root
        .filter(|r| r.as_map().is_some())
        .unwrap_or_else(empty_map)
}

fn yaml_key(k: &str) -> String {
    if k.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        k.to_string()
    } else {
        format!("\"{}\"", k.replace('"', ""))
    }
}

fn empty_map() -> Node {
    yaml::parse("{}").root.expect("an empty mapping parses")
}

/// Where a key at column `col` on line `at` sits: the path of segments from the root,
/// each `Key` with the line and column of the mapping that holds it.
fn place(ls: &[Line], at: usize, col: usize, item_here: bool) -> Vec<(Seg, usize, usize)> {
    enum Mode {
        Map(usize),
        List(usize),
    }
    let mut segs = Vec::new();
    let mut mode = match (item_here, ls[at].dash) {
        (true, Some(d)) => {
            segs.push((Seg::Item, at, col));
            Mode::List(d)
        }
        _ => Mode::Map(col),
    };
    let mut i = at;
    while i > 0 {
        i -= 1;
        let l = &ls[i];
        if is_blank(l) {
            continue;
        }
        match mode {
            Mode::Map(c) => {
                if l.content_col == c && l.dash.is_some() {
                    // The first key of this item: the mapping is a list item.
                    segs.push((Seg::Item, i, c));
                    mode = Mode::List(l.dash.unwrap_or(0));
                } else if l.content_col == c || l.indent > c {
                    continue;
                } else if let Some(k) = key_of(l.content) {
                    segs.push((Seg::Key(k.to_string()), i, l.content_col));
                    if let Some(d) = l.dash {
                        segs.push((Seg::Item, i, l.content_col));
                        mode = Mode::List(d);
                    } else {
                        mode = Mode::Map(l.content_col);
                    }
                } else {
                    break;
                }
            }
            Mode::List(d) => {
                if l.indent > d || (l.dash == Some(d)) {
                    continue;
                }
                if let Some(k) = key_of(l.content) {
                    segs.push((Seg::Key(k.to_string()), i, l.content_col));
                    if let Some(dd) = l.dash {
                        segs.push((Seg::Item, i, l.content_col));
                        mode = Mode::List(dd);
                    } else {
                        mode = Mode::Map(l.content_col);
                    }
                } else {
                    break;
                }
            }
        }
    }
    segs.reverse();
    segs
}

// ------------------------------------------------------------------ the model at a place

/// The model of the document's standard and the index of its declared version (the
/// newest when it declares none Charter knows).
fn model(ls: &[Line]) -> Option<(&'static Model, u8)> {
    let root = siblings(ls, 0, 0, None);
    let kind = root.get("kind").and_then(Node::as_str);
    let api = root.get("apiVersion").and_then(Node::as_str);
    let model = match kind {
        Some("DataProduct") => &odps::MODEL,
        Some("CharterPolicy") => return None,
        _ => &odcs::MODEL,
    };
    let ver = api
        .and_then(|v| model.index(v))
        .unwrap_or_else(|| model.latest());
    Some((model, ver))
}

/// The fields of `spec` in version `ver` for an object with these siblings: the applying
/// parts' first, or every part's when none applies yet (so `type` can be chosen later).
fn fields_of(spec: &'static ObjSpec, node: &Node, ver: u8) -> Vec<&'static Field> {
    let mut out: Vec<&'static Field> = Vec::new();
    let applying: Vec<_> = spec
        .variants
        .iter()
        .filter(|v| v.active(ver) && (v.applies)(node))
        .collect();
    for f in applying
        .iter()
        .flat_map(|v| v.fields.iter())
        .chain(spec.fields.iter())
        .filter(|f| f.active(ver))
    {
        if !out.iter().any(|o| o.key == f.key) {
            out.push(f);
        }
    }
    out
}

enum At {
    Object(&'static ObjSpec),
    List(&'static Ty),
    Nothing,
}

/// Follow `segs` from the root. Returns what the innermost segment holds.
fn resolve(ls: &[Line], root: &'static ObjSpec, ver: u8, segs: &[(Seg, usize, usize)]) -> At {
    let mut ty: &'static Ty = &Ty::AnyObj;
    let mut spec = root;
    let mut first = true;
    for (seg, line, col) in segs {
        match seg {
            Seg::Key(k) => {
                if !first {
                    match unwrap_obj(ty) {
                        Some(s) => spec = s,
                        None => return At::Nothing,
                    }
                }
                first = false;
                let node = siblings(ls, *line, *col, None);
                let Some(f) = fields_of(spec, &node, ver).into_iter().find(|f| f.key == k) else {
                    return At::Nothing;
                };
                ty = &f.ty;
            }
            Seg::Item => match unwrap_list(ty) {
                Some(t) => ty = t,
                None => return At::Nothing,
            },
        }
    }
    if first {
        return At::Object(root);
    }
    if let Some(s) = unwrap_obj(ty) {
        return At::Object(s);
    }
    if unwrap_list(ty).is_some() {
        return At::List(ty);
    }
    At::Nothing
}

fn unwrap_obj(ty: &'static Ty) -> Option<&'static ObjSpec> {
    match ty {
        Ty::Obj(s) => Some(s),
        Ty::Either(alts) => alts.iter().find_map(unwrap_obj),
        _ => None,
    }
}

fn unwrap_list(ty: &'static Ty) -> Option<&'static Ty> {
    match ty {
        Ty::List(t) | Ty::NonEmptyList(t) => Some(t),
        Ty::Either(alts) => alts.iter().find_map(unwrap_list),
        _ => None,
    }
}

// ------------------------------------------------------------------ completion

/// Completion at byte `offset` of `text`.
pub fn complete(text: &str, offset: usize) -> Completions {
    let offset = offset.min(text.len());
    if !text.is_char_boundary(offset) {
        return Completions::default();
    }
    let ls = lines(text);
    let at = text[..offset].matches('\n').count();
    let Some(line) = ls.get(at) else {
        return Completions::default();
    };
    let before = &text[line.start..offset];
    let Some((model, ver)) = model(&ls) else {
        return Completions::default();
    };
    let root = model.root;
    let trimmed = before.trim_start_matches(' ');
    let is_item = trimmed == "-" || trimmed.starts_with("- ");
    let after_dash = if is_item {
        trimmed[1..].trim_start_matches(' ')
    } else {
        trimmed
    };
    let col = before.len() - after_dash.len();

    // `key: partial` → values of `key`.
    if let Some((k, v)) = after_dash.split_once(':') {
        if !v.is_empty() && !v.starts_with(' ') {
            return Completions::default();
        }
        let prefix = v.trim_start();
        let segs = place(&ls, at, col, is_item);
        let node = siblings(&ls, at, col, Some(at));
        let spec = match resolve(&ls, root, ver, &segs) {
            At::Object(s) => s,
            _ => return Completions::default(),
        };
        let Some(f) = fields_of(spec, &node, ver)
            .into_iter()
            .find(|f| f.key == k.trim())
        else {
            return Completions::default();
        };
        let values: Vec<&str> = match f.ty {
            Ty::Enum(vs) => vs.to_vec(),
            Ty::Bool => vec!["true", "false"],
            _ => Vec::new(),
        };
        let options = values
            .into_iter()
            .filter(|v| v.starts_with(prefix))
            .map(|v| Completion {
                label: v.to_string(),
                kind: "value",
                detail: format!("{} value", f.key),
                apply: v.to_string(),
            })
            .collect();
        return Completions {
            from: offset - prefix.len(),
            options,
        };
    }
    if !after_dash
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Completions::default();
    }
    let from = offset - after_dash.len();
    let segs = place(&ls, at, col, is_item);
    let mut options = Vec::new();
    match resolve(&ls, root, ver, &segs) {
        At::Object(spec) => {
            let node = siblings(&ls, at, col, Some(at));
            let present: Vec<String> = node
                .as_map()
                .map(|m| m.iter().map(|e| e.key.clone()).collect())
                .unwrap_or_default();
            for f in fields_of(spec, &node, ver) {
                if present.iter().any(|p| p == f.key) || !f.key.starts_with(after_dash) {
                    continue;
                }
                options.push(Completion {
                    label: f.key.to_string(),
                    kind: "key",
                    detail: f.doc.to_string(),
                    apply: key_apply(f, col),
                });
            }
            // A new list item: offer whole-item snippets too.
            if is_item && after_dash.is_empty()
                || (segs.last().map(|s| &s.0) == Some(&Seg::Item) && present.is_empty())
            {
                options.extend(
                    snippets(spec, ver, col)
                        .into_iter()
                        .filter(|s| s.label.starts_with(after_dash) || after_dash.is_empty()),
                );
            }
        }
        At::List(ty) => {
            // An empty line under a list key: start an item.
            if let Some(spec) = unwrap_list(ty).and_then(unwrap_obj) {
                for s in snippets(spec, ver, col + 2) {
                    options.push(Completion {
                        apply: format!("- {}", s.apply),
                        ..s
                    });
                }
            }
        }
        At::Nothing => {}
    }
    Completions { from, options }
}

fn key_apply(f: &Field, col: usize) -> String {
    let pad = " ".repeat(col + 2);
    match f.ty {
        Ty::List(_) | Ty::NonEmptyList(_) if !matches!(f.ty, Ty::List(Ty::Str)) => {
            format!("{}:\n{pad}- ", f.key)
        }
        Ty::Obj(_) => format!("{}:\n{pad}", f.key),
        _ => format!("{}: ", f.key),
    }
}

/// Whole-item snippets for a list of `spec` objects, with keys at column `col`.
fn snippets(spec: &'static ObjSpec, ver: u8, col: usize) -> Vec<Completion> {
    let pad = " ".repeat(col);
    let lines = |ls: &[&str]| in_version(spec, ver, ls).join(&format!("\n{pad}"));
    let snip = |label: &str, detail: &str, body: String| Completion {
        label: label.to_string(),
        kind: "snippet",
        detail: detail.to_string(),
        apply: body,
    };
    match spec.name {
        "schema object" => vec![snip(
            "schema object",
            "A table, topic or file with its properties",
            lines(&[
                "name: new_object",
                "physicalType: table",
                "description: What one row holds.",
                "properties:",
                "  - name: id",
                "    logicalType: string",
                "    required: true",
            ]),
        )],
        "schema property" => vec![snip(
            "property",
            "A column or field",
            lines(&[
                "name: new_property",
                "logicalType: string",
                "description: What the value means.",
                "required: false",
            ]),
        )],
        "quality rule" if ver >= crate::model::V3_1_0 => vec![
            snip(
                "quality: row count",
                "Library rule: the object is never empty",
                lines(&[
                    "type: library",
                    "metric: rowCount",
                    "mustBeGreaterThan: 0",
                    "dimension: completeness",
                ]),
            ),
            snip(
                "quality: no nulls",
                "Library rule: no missing values",
                lines(&[
                    "type: library",
                    "metric: nullValues",
                    "mustBe: 0",
                    "dimension: completeness",
                ]),
            ),
            snip(
                "quality: sql",
                "SQL rule compared with an operator",
                lines(&[
                    "type: sql",
                    "query: SELECT COUNT(*) FROM table WHERE condition",
                    "mustBe: 0",
                ]),
            ),
        ],
        "quality rule" => vec![snip(
            "quality: sql",
            "SQL rule",
            lines(&[
                "type: sql",
                "query: SELECT COUNT(*) FROM table WHERE condition",
                "mustBe: 0",
            ]),
        )],
        "SLA property" => vec![
            snip(
                "SLA: freshness",
                "Data is at most 5 minutes old (latency)",
                lines(&[
                    "property: latency",
                    "value: 5",
                    "unit: m",
                    "description: Data is available at most 5 minutes after it happens.",
                ]),
            ),
            snip(
                "SLA: retention",
                "Data is kept 30 days",
                lines(&["property: retention", "value: 30", "unit: d"]),
            ),
            snip(
                "SLA: availability",
                "Monthly availability",
                lines(&["property: availability", "value: 99.9%"]),
            ),
        ],
        "support channel" => vec![snip(
            "support channel",
            "Where consumers ask for help",
            lines(&[
                "channel: \"#my-data-help\"",
                "url: https://example.slack.com/archives/my-data-help",
                "tool: slack",
                "scope: interactive",
            ]),
        )],
        "team member" => vec![snip(
            "team member",
            "A member of the owning team",
            lines(&[
                "username: jane.doe@example.com",
                "name: Jane Doe",
                "role: owner",
            ]),
        )],
        "input port" => vec![snip(
            "input port",
            "Data the product reads, under its contract",
            lines(&[
                "id: upstream-events",
                "name: upstream-events",
                "version: 1.0.0",
                "contractId: urn:datacontract:upstream:events-v1",
            ]),
        )],
        "output port" => vec![snip(
            "output port",
            "Data the product serves, under its contract",
            lines(&[
                "id: my-output",
                "name: my-output",
                "description: What consumers get from this port.",
                "type: topic",
                "version: 1.0.0",
                "contractId: urn:datacontract:my-domain:my-output-v1",
            ]),
        )],
        "management port" => vec![snip(
            "management port",
            "An endpoint for observability or control",
            lines(&[
                "name: observability",
                "content: observability",
                "type: rest",
                "url: https://example.com/metrics",
            ]),
        )],
        "server" => spec
            .variants
            .iter()
            .filter(|v| v.active(ver))
            .filter_map(|v| {
                let t = server_type_of(v.label)?;
                let mut body = vec![
                    format!("server: {t}-prod"),
                    format!("type: {t}"),
                    "environment: prod".to_string(),
                ];
                for r in v.required {
                    let ty = v
                        .fields
                        .iter()
                        .find(|f| f.key == *r && f.active(ver))
                        .map(|f| &f.ty);
                    body.push(format!("{r}: {}", placeholder(r, ty)));
                }
                let refs: Vec<&str> = body.iter().map(String::as_str).collect();
                Some(snip(
                    &format!("server: {t}"),
                    &format!("A {t} server with its required fields"),
                    lines(&refs),
                ))
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The lines of a snippet whose keys version `ver` defines for `spec` (each top-level
/// line with the indented lines under it), so a snippet never inserts a key the declared
/// version lacks.
fn in_version<'s>(spec: &'static ObjSpec, ver: u8, lines: &[&'s str]) -> Vec<&'s str> {
    let node = yaml::parse(&lines.join("\n"))
        .root
        .filter(|r| r.as_map().is_some())
        .unwrap_or_else(empty_map);
    let fields = fields_of(spec, &node, ver);
    let mut keep = true;
    let mut out = Vec::new();
    for l in lines {
        if !l.starts_with(' ') {
            keep = key_of(l).is_some_and(|k| fields.iter().any(|f| f.key == k));
        }
        if keep {
            out.push(*l);
        }
    }
    out
}

/// `postgres` from "a postgres server".
fn server_type_of(label: &str) -> Option<&str> {
    let t = label
        .strip_prefix("a ")
        .or_else(|| label.strip_prefix("an "))?;
    t.strip_suffix(" server")
}

fn placeholder(key: &str, ty: Option<&Ty>) -> &'static str {
    match (key, ty) {
        ("port", _) => "5432",
        (_, Some(Ty::Int)) => "0",
        ("host", _) => "db.example.com",
        ("location", _) => "s3://bucket/path/",
        ("catalogUrl", _) => "https://catalog.example.com",
        ("format", _) => "parquet",
        ("schema", _) => "public",
        ("database", _) => "analytics",
        ("account", _) => "my-account",
        ("project", _) => "my-project",
        ("dataset", _) => "my_dataset",
        ("catalog", _) => "main",
        ("path", _) => "./data/*.parquet",
        ("serviceName", _) => "ORCL",
        ("stagingDir", _) => "s3://bucket/athena-results/",
        _ => "value",
    }
}

// ------------------------------------------------------------------ hover

/// Docs for the key under byte `offset`.
pub fn hover(text: &str, offset: usize) -> Option<Hover> {
    if offset > text.len() || !text.is_char_boundary(offset) {
        return None;
    }
    let ls = lines(text);
    let at = text[..offset.min(text.len())].matches('\n').count();
    let line = ls.get(at)?;
    let key = key_of(line.content)?;
    let from = line.start + line.content_col;
    let to = from + line.content.find(':')?;
    if offset < from || offset > to {
        return None;
    }
    let (model, ver) = model(&ls)?;
    let (root, standard) = (model.root, model.label(ver));
    let segs = place(&ls, at, line.content_col, line.dash.is_some());
    let spec = match resolve(&ls, root, ver, &segs) {
        At::Object(s) => s,
        _ => return None,
    };
    let node = siblings(&ls, at, line.content_col, None);
    let f = fields_of(spec, &node, ver)
        .into_iter()
        .find(|f| f.key == key)?;
    let since = model.name(f.since);
    let mut version = if f.since == 0 {
        format!("In {} since {since}", model.standard)
    } else {
        format!("Added in {} {since}", model.standard)
    };
    if f.until != CURRENT {
        version.push_str(&format!(", in this form until {}", model.name(f.until)));
    }
    let mut doc = f.doc.to_string();
    if let Some(advice) = f.deprecated {
        doc.push_str(&format!(" Deprecated: {advice}"));
    }
    if let Ty::Enum(vs) = f.ty {
        doc.push_str(&format!(" Values: {}.", vs.join(", ")));
    }
    Some(Hover {
        from,
        to,
        key: key.to_string(),
        doc,
        version,
        standard,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "apiVersion: v3.2.0\nkind: DataContract\nid: x\nversion: 1.0.0\nservers:\n  - server: db\n    type: postgres\n    \nschema:\n  - name: orders\n    properties:\n      - name: id\n        logicalType: string\n        \n";

    fn labels(c: &Completions) -> Vec<&str> {
        c.options.iter().map(|o| o.label.as_str()).collect()
    }

    #[test]
    fn keys_at_the_root_exclude_those_present() {
        let text = "apiVersion: v3.2.0\nkind: DataContract\nsta";
        let c = complete(text, text.len());
        assert_eq!(c.from, text.len() - 3);
        assert_eq!(labels(&c), vec!["status"]);
        assert_eq!(c.options[0].apply, "status: ");
    }

    #[test]
    fn keys_of_a_server_follow_its_type() {
        let off = DOC.find("    \nschema").unwrap() + 4;
        let c = complete(DOC, off);
        let l = labels(&c);
        for k in ["host", "port", "database", "schema", "environment"] {
            assert!(l.contains(&k), "{k}: {l:?}");
        }
        assert!(!l.contains(&"type") && !l.contains(&"location"), "{l:?}");
    }

    #[test]
    fn keys_of_a_nested_property_and_enum_values() {
        let off = DOC.rfind("        \n").unwrap() + 8;
        let l: Vec<String> = labels(&complete(DOC, off))
            .into_iter()
            .map(String::from)
            .collect();
        assert!(
            l.contains(&"logicalTypeOptions".to_string()) && l.contains(&"enum".to_string()),
            "{l:?}"
        );
        let text = DOC.replace("logicalType: string", "logicalType: ma");
        let off = text.find("logicalType: ma").unwrap() + "logicalType: ma".len();
        let c = complete(&text, off);
        assert_eq!(labels(&c), vec!["map"]);
        // v3.1.0 has no map type.
        let text = text.replace("v3.2.0", "v3.1.0");
        assert!(complete(&text, off).options.is_empty());
    }

    #[test]
    fn a_new_list_item_offers_snippets() {
        let text = "apiVersion: v3.2.0\nkind: DataContract\nservers:\n  - ";
        let c = complete(text, text.len());
        let pg = c
            .options
            .iter()
            .find(|o| o.label == "server: postgres")
            .expect("postgres snippet");
        assert_eq!(pg.apply, "server: postgres-prod\n    type: postgres\n    environment: prod\n    host: db.example.com\n    port: 5432\n    database: analytics\n    schema: public");
        let full = format!("{text}{}\n", pg.apply);
        let r = crate::check(&format!("{full}id: x\nversion: 1.0.0\n"));
        assert!(r.is_valid(), "{:#?}", r.diagnostics);
        let text = "apiVersion: v3.2.0\nkind: DataContract\nslaProperties:\n  ";
        let c = complete(text, text.len());
        assert!(
            c.options.iter().any(|o| o.label == "SLA: freshness"
                && o.apply.starts_with("- property: latency\n    value: 5")),
            "{:?}",
            labels(&c)
        );
    }

    #[test]
    fn hover_shows_the_doc_and_the_version_that_added_the_key() {
        let text = "apiVersion: v3.2.0\nkind: DataContract\nschema:\n  - name: t\n    properties:\n      - name: a\n        semanticType: measure\n";
        let off = text.find("semanticType").unwrap() + 3;
        let h = hover(text, off).unwrap();
        assert_eq!(h.key, "semanticType");
        assert_eq!(h.version, "Added in ODCS v3.2.0");
        assert!(h.doc.contains("measure"), "{}", h.doc);
        let off = text.find("name: t").unwrap() + 1;
        assert_eq!(hover(text, off).unwrap().version, "In ODCS since v3.0.0");
        assert!(hover(text, text.find("measure").unwrap()).is_none());
    }

    /// Every snippet offered in every version inserts only keys that version defines.
    #[test]
    fn snippets_insert_only_keys_of_the_declared_version() {
        let odcs = [
            "slaProperties:\n  ",
            "support:\n  ",
            "servers:\n  ",
            "schema:\n  ",
            "schema:\n  - name: t\n    quality:\n      ",
            "schema:\n  - name: t\n    properties:\n      ",
        ];
        let odps = [
            "inputPorts:\n  ",
            "outputPorts:\n  ",
            "managementPorts:\n  ",
            "support:\n  ",
            "team:\n  members:\n    ",
        ];
        let mut offered = 0;
        for (model, lists, kind) in [
            (&odcs::MODEL, &odcs[..], "DataContract"),
            (&odps::MODEL, &odps[..], "DataProduct"),
        ] {
            for v in model.versions {
                for list in lists {
                    let text = format!("apiVersion: {v}\nkind: {kind}\nid: x\n{list}");
                    for o in complete(&text, text.len()).options {
                        offered += 1;
                        let full = format!("{text}{}\n", o.apply);
                        let r = crate::check(&full);
                        let bad: Vec<_> = r
                            .diagnostics
                            .iter()
                            .filter(|d| d.code.ends_with("-key") || d.code == "needs-newer-version")
                            .collect();
                        assert!(bad.is_empty(), "{v} {}: {full}\n{bad:#?}", o.label);
                    }
                }
            }
        }
        assert!(offered > 150, "{offered}");
    }

    #[test]
    fn odps_v1_1_0_completion_offers_its_new_keys() {
        let text = "apiVersion: v1.1.0\nkind: DataProduct\nid: p\n";
        let c = complete(text, text.len());
        let l = labels(&c);
        for k in ["type", "context", "synonyms", "deprecated", "outputPorts"] {
            assert!(l.contains(&k), "{k}: {l:?}");
        }
        let old = text.replace("v1.1.0", "v1.0.0");
        assert!(!labels(&complete(&old, old.len())).contains(&"synonyms"));
        let text = "apiVersion: v1.1.0\nkind: DataProduct\nid: p\noutputPorts:\n  - name: o\n    ";
        let l: Vec<String> = labels(&complete(text, text.len()))
            .into_iter()
            .map(String::from)
            .collect();
        for k in ["id", "deprecated", "context", "contractId", "sbom"] {
            assert!(l.contains(&k.to_string()), "{k}: {l:?}");
        }
        let off = text.find("outputPorts").unwrap() + 2;
        let h = hover(text, off).unwrap();
        assert_eq!(h.standard, "ODPS v1.1.0");
        let text = format!("{text}deprecated: true\n");
        let h = hover(&text, text.rfind("deprecated").unwrap() + 1).unwrap();
        assert_eq!(h.version, "Added in ODPS v1.1.0");
    }

    #[test]
    fn never_panics_on_odd_text() {
        for t in [
            "",
            "-",
            ":",
            "a:\n  - - b\n",
            "kind: DataProduct\ninputPorts:\n  - ",
            "é: ü\n  x",
        ] {
            for i in 0..=t.len() {
                let _ = complete(t, i);
                let _ = hover(t, i);
            }
        }
    }
}

//! Editor help from Charter's model: completion of keys, enum values and snippets, and
//! hover docs for keys.
//!
//! Works on the parsed document (the same parse as the checks), whose tolerant parser
//! keeps everything around a line that is not valid YAML yet: the place of the cursor
//! (`schema[] › properties[] › logicalType`) is found by walking the data from the root by
//! the columns of its mappings and lists, and the object there is looked up in the model
//! of the document's standard and version. Sibling keys (a server's `type`, a property's
//! `logicalType`) select the parts that apply, exactly as validation does.

use crate::model::{odcs, odps, Field, Model, ObjSpec, Ty, CURRENT};
use crate::yaml::{self, Entry, Node, NodeKind, Scalar};
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
    /// The text that replaces the typed prefix; for a snippet, a CodeMirror snippet
    /// template whose `${}` fields the owner fills in with Tab (see [`snippet_text`]).
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

// ------------------------------------------------------------------ places

/// One step of the path from the root to the cursor.
enum Step<'d> {
    /// The value of `key` in `map` (the mapping that holds it selects the parts that apply).
    Key(&'d str, &'d Node),
    /// An item of a list.
    Item,
}

/// Where a key typed at the cursor goes: the path to it, and the mapping that will hold
/// it when that mapping already exists (its other keys are the siblings).
struct Place<'d> {
    steps: Vec<Step<'d>>,
    map: Option<&'d Node>,
    /// The path ends somewhere no key can go (inside a scalar, beside a list).
    nowhere: bool,
}

/// The typed line up to the cursor: its indentation, whether it starts a list item, the
/// column where keys start and what is typed there.
struct Typed<'t> {
    /// Byte range of the cursor's line (without its line break).
    line: std::ops::Range<usize>,
    /// The column this line's structure starts at: the dash of an item, else the text.
    indent: u32,
    item: bool,
    /// Column (from 0) of the text after the indentation and any dash.
    col: usize,
    /// The text from `col` to the cursor.
    word: &'t str,
}

fn typed(text: &str, offset: usize) -> Typed<'_> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    let trimmed = before.trim_start_matches(' ');
    let indent = before.len() - trimmed.len();
    let item = trimmed == "-" || trimmed.starts_with("- ");
    let word = if item {
        trimmed[1..].trim_start_matches(' ')
    } else {
        trimmed
    };
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    Typed {
        line: line_start..line_end,
        indent: indent as u32,
        item,
        col: before.len() - word.len(),
        word,
    }
}

impl Typed<'_> {
    /// Whether a position is on the cursor's line.
    fn on_line(&self, p: crate::yaml::Pos) -> bool {
        self.line.start <= p.at() && p.at() <= self.line.end
    }
    /// Whether a position is on a line above the cursor's.
    fn above(&self, p: crate::yaml::Pos) -> bool {
        p.at() < self.line.start
    }
}

/// The 0-based column of a node's first character.
fn column(n: &Node) -> u32 {
    n.span.start.col.saturating_sub(1)
}

/// Find, in the parsed document, where the line being typed belongs: from the root down,
/// by the columns of the mappings and lists around it (so it works for lists written at
/// column 0, and on lines the YAML can't read yet).
fn place<'d>(root: &'d Node, t: &Typed) -> Place<'d> {
    let mut steps = Vec::new();
    let mut node = root;
    let nowhere = |steps| Place {
        steps,
        map: None,
        nowhere: true,
    };
    // Each turn goes one level down, so this ends within the document's depth.
    loop {
        match &node.kind {
            NodeKind::Map(entries) => {
                let Some(first) = entries.first() else {
                    return Place {
                        steps,
                        map: Some(node),
                        nowhere: false,
                    };
                };
                let mc = first.key_span.start.col.saturating_sub(1);
                let starts_here = t.on_line(first.key_span.start);
                if (t.indent == mc && !t.item) || starts_here {
                    return Place {
                        steps,
                        map: Some(node),
                        nowhere: false,
                    };
                }
                if t.indent < mc {
                    return nowhere(steps);
                }
                // The last entry above the cursor's line holds it.
                let i = entries.partition_point(|e| t.above(e.key_span.start));
                let Some(e) = i.checked_sub(1).map(|i| &entries[i]) else {
                    return nowhere(steps);
                };
                let zero_indented = t.indent == mc;
                match &e.value.kind {
                    // A list at the column of its key, as in `schema:\n- name: x`.
                    NodeKind::Seq(_) if zero_indented && column(&e.value) == mc => {}
                    _ if zero_indented => return nowhere(steps),
                    _ => {}
                }
                steps.push(Step::Key(&e.key, node));
                let below = e.value.span.start.line > e.key_span.start.line;
                match &e.value.kind {
                    NodeKind::Map(_) | NodeKind::Seq(_) if below || zero_indented => {
                        node = &e.value;
                    }
                    // Nothing under the key yet: the cursor starts its value.
                    NodeKind::Scalar(Scalar::Null) => {
                        return Place {
                            steps,
                            map: None,
                            nowhere: false,
                        }
                    }
                    // Under a scalar or a flow collection on the key's line.
                    _ => return nowhere(steps),
                }
            }
            NodeKind::Seq(items) => {
                let dc = column(node);
                if t.indent < dc {
                    return nowhere(steps);
                }
                if t.indent == dc && !t.item {
                    // Beside the items: the place to start a new one.
                    return Place {
                        steps,
                        map: None,
                        nowhere: false,
                    };
                }
                let i = items.partition_point(|n| t.above(n.span.start));
                let item = if t.indent == dc {
                    // A new item on this line (its mapping, if it has one already).
                    steps.push(Step::Item);
                    return Place {
                        // The first item from this line on is this dash's: it starts
                        // here, or on the lines under a dash with nothing after it.
                        map: items.get(i).filter(|n| {
                            n.as_map().is_some() && (t.on_line(n.span.start) || column(n) > dc)
                        }),
                        steps,
                        nowhere: false,
                    };
                } else {
                    match i.checked_sub(1) {
                        Some(i) => &items[i],
                        None => return nowhere(steps),
                    }
                };
                steps.push(Step::Item);
                match &item.kind {
                    NodeKind::Map(_) | NodeKind::Seq(_) => node = item,
                    NodeKind::Scalar(Scalar::Null) => {
                        return Place {
                            steps,
                            map: None,
                            nowhere: false,
                        }
                    }
                    NodeKind::Scalar(_) => return nowhere(steps),
                }
            }
            NodeKind::Scalar(_) => return nowhere(steps),
        }
    }
}

/// The path to the key under byte `offset`, its entry and the mapping that holds it.
fn key_at(root: &Node, offset: usize) -> Option<(Vec<Step<'_>>, &Entry, &Node)> {
    let inside = |s: &crate::yaml::Span| s.start.at() <= offset && offset <= s.end.at();
    let mut steps = Vec::new();
    let mut node = root;
    loop {
        match &node.kind {
            NodeKind::Map(entries) => {
                // Entries are in text order: the last one starting at or before the offset.
                let i = entries.partition_point(|e| e.key_span.start.at() <= offset);
                let e = &entries[i.checked_sub(1)?];
                if inside(&e.key_span) {
                    return Some((steps, e, node));
                }
                if !inside(&e.value.span) {
                    return None;
                }
                steps.push(Step::Key(&e.key, node));
                node = &e.value;
            }
            NodeKind::Seq(items) => {
                let i = items.partition_point(|n| n.span.start.at() <= offset);
                let item = &items[i.checked_sub(1)?];
                if !inside(&item.span) {
                    return None;
                }
                steps.push(Step::Item);
                node = item;
            }
            NodeKind::Scalar(_) => return None,
        }
    }
}

// ------------------------------------------------------------------ the model at a place

pub(crate) fn empty_map() -> Node {
    Node {
        kind: NodeKind::Map(Vec::new()),
        span: Default::default(),
    }
}

/// The model of the document's standard and the index of its declared version (the
/// newest when it declares none Charter knows).
pub(crate) fn model(root: Option<&Node>) -> Option<(&'static Model, u8)> {
    let kind = root.and_then(|r| r.get("kind")).and_then(Node::as_str);
    let api = root
        .and_then(|r| r.get("apiVersion"))
        .and_then(Node::as_str);
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
pub(crate) fn fields_of(spec: &'static ObjSpec, node: &Node, ver: u8) -> Vec<&'static Field> {
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

/// Follow `steps` from the root. Returns what the innermost step holds.
fn resolve(root: &'static ObjSpec, ver: u8, steps: &[Step]) -> At {
    let mut ty: &'static Ty = &Ty::AnyObj;
    let mut spec = root;
    let mut first = true;
    for step in steps {
        match step {
            Step::Key(k, map) => {
                if !first {
                    match unwrap_obj(ty) {
                        Some(s) => spec = s,
                        None => return At::Nothing,
                    }
                }
                first = false;
                let Some(f) = fields_of(spec, map, ver).into_iter().find(|f| f.key == *k) else {
                    return At::Nothing;
                };
                ty = &f.ty;
            }
            Step::Item => match unwrap_list(ty) {
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
    complete_in(&yaml::parse(text), offset)
}

/// Completion at byte `offset` of an already parsed document (the editor's worker keeps
/// the one its last check parsed).
pub fn complete_in(doc: &yaml::Document, offset: usize) -> Completions {
    let text = doc.text.as_str();
    let offset = offset.min(text.len());
    if !text.is_char_boundary(offset) {
        return Completions::default();
    }
    let Some((model, ver)) = model(doc.root.as_ref()) else {
        return Completions::default();
    };
    let t = typed(text, offset);
    let place = match &doc.root {
        Some(r) if !matches!(r.kind, NodeKind::Scalar(_)) => place(r, &t),
        // Nothing readable yet (or a first word being typed): the root's keys.
        _ => Place {
            steps: Vec::new(),
            map: None,
            nowhere: false,
        },
    };
    let empty = empty_map();
    let node = place.map.unwrap_or(&empty);
    let spec = match resolve(model.root, ver, &place.steps) {
        _ if place.nowhere => None,
        At::Object(s) => Some(Ok(s)),
        At::List(ty) => Some(Err(ty)),
        At::Nothing => None,
    };

    // `key: partial` → values of `key`.
    if let Some((k, v)) = t.word.split_once(':') {
        if !v.is_empty() && !v.starts_with(' ') {
            return Completions::default();
        }
        let prefix = v.trim_start();
        let Some(Ok(spec)) = spec else {
            return Completions::default();
        };
        let Some(f) = fields_of(spec, node, ver)
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
    let word = t.word;
    if !word
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
    {
        return Completions::default();
    }
    let from = offset - word.len();
    let col = t.col;
    let mut options = Vec::new();
    match spec {
        Some(Ok(spec)) => {
            // The keys the mapping has, but for the one being typed on this line.
            let present: Vec<&str> = node
                .as_map()
                .unwrap_or_default()
                .iter()
                .filter(|e| !t.on_line(e.key_span.start))
                .map(|e| e.key.as_str())
                .collect();
            for f in fields_of(spec, node, ver) {
                if present.contains(&f.key) || !f.key.starts_with(word) {
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
            let in_item = matches!(place.steps.last(), Some(Step::Item));
            if t.item && word.is_empty() || (in_item && present.is_empty()) {
                options.extend(
                    snippets(spec, ver, col)
                        .into_iter()
                        .filter(|s| s.label.starts_with(word) || word.is_empty()),
                );
            }
        }
        Some(Err(ty)) => {
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
        None => {}
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
        apply: numbered(&body),
    };
    match spec.name {
        "schema object" => vec![snip(
            "schema object",
            "A table, topic or file with its properties",
            lines(&[
                "name: ${}",
                "physicalType: ${table}",
                "description: ${}",
                "properties:",
                "  - name: ${id}",
                "    logicalType: ${string}",
                "    required: ${true}",
            ]),
        )],
        "schema property" => vec![snip(
            "property",
            "A column or field",
            lines(&[
                "name: ${}",
                "logicalType: ${string}",
                "description: ${}",
                "required: ${false}",
            ]),
        )],
        "quality rule" if ver >= crate::model::V3_1_0 => vec![
            snip(
                "quality: row count",
                "Library rule: the object is never empty",
                lines(&[
                    "type: library",
                    "metric: rowCount",
                    "mustBeGreaterThan: ${0}",
                    "dimension: ${completeness}",
                ]),
            ),
            snip(
                "quality: no nulls",
                "Library rule: no missing values",
                lines(&[
                    "type: library",
                    "metric: nullValues",
                    "mustBe: ${0}",
                    "dimension: ${completeness}",
                ]),
            ),
            snip(
                "quality: sql",
                "SQL rule compared with an operator",
                lines(&["type: sql", "query: ${}", "mustBe: ${0}"]),
            ),
        ],
        "quality rule" => vec![snip(
            "quality: sql",
            "SQL rule",
            lines(&["type: sql", "query: ${}", "mustBe: ${0}"]),
        )],
        "SLA property" => vec![
            snip(
                "SLA: freshness",
                "Data is at most 5 minutes old (latency)",
                lines(&[
                    "property: latency",
                    "value: ${5}",
                    "unit: ${m}",
                    "description: ${}",
                ]),
            ),
            snip(
                "SLA: retention",
                "Data is kept 30 days",
                lines(&["property: retention", "value: ${30}", "unit: ${d}"]),
            ),
            snip(
                "SLA: availability",
                "Monthly availability",
                lines(&["property: availability", "value: ${99.9%}"]),
            ),
        ],
        "support channel" => vec![snip(
            "support channel",
            "Where consumers ask for help",
            lines(&[
                "channel: \"${}\"",
                "url: ${}",
                "tool: ${slack}",
                "scope: ${interactive}",
            ]),
        )],
        "team member" => vec![snip(
            "team member",
            "A member of the owning team",
            lines(&["username: ${}", "name: ${}", "role: ${owner}"]),
        )],
        "input port" => vec![snip(
            "input port",
            "Data the product reads, under its contract",
            lines(&[
                "id: ${}",
                "name: ${}",
                "version: ${1.0.0}",
                "contractId: ${}",
            ]),
        )],
        "output port" => vec![snip(
            "output port",
            "Data the product serves, under its contract",
            lines(&[
                "id: ${}",
                "name: ${}",
                "description: ${}",
                "type: ${topic}",
                "version: ${1.0.0}",
                "contractId: ${}",
            ]),
        )],
        "management port" => vec![snip(
            "management port",
            "An endpoint for observability or control",
            lines(&[
                "name: ${observability}",
                "content: ${observability}",
                "type: ${rest}",
                "url: ${}",
            ]),
        )],
        "server" => spec
            .variants
            .iter()
            .filter(|v| v.active(ver))
            .filter_map(|v| {
                let t = server_type_of(v.label)?;
                let mut body = vec![
                    format!("server: ${{{t}-prod}}"),
                    format!("type: {t}"),
                    "environment: ${prod}".to_string(),
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
            keep = l
                .split_once(':')
                .is_some_and(|(k, _)| fields.iter().any(|f| f.key == k));
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

/// The snippet field of a server's required key: the port its type usually listens on, or
/// an empty field for what only the owner knows (a host, a database).
fn placeholder(key: &str, ty: Option<&Ty>) -> &'static str {
    match (key, ty) {
        ("port", _) => "${5432}",
        (_, Some(Ty::Int)) => "${0}",
        _ => "${}",
    }
}

/// Numbers a template's fields in the order they are written (`${5}` would be CodeMirror's
/// fifth tab stop, not a field holding 5): `port: ${5432}` becomes `port: ${1:5432}`.
fn numbered(template: &str) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    let mut n = 0;
    while let Some(i) = rest.find("${") {
        n += 1;
        out.push_str(&rest[..i]);
        out.push_str(&format!("${{{n}:"));
        rest = &rest[i + 2..];
    }
    out.push_str(rest);
    out
}

/// The text a snippet template inserts when every field keeps its default: `${}` is an
/// empty field, `${text}` (or `${1:text}`) one holding `text`, `\{` a literal brace.
pub fn snippet_text(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(i) = rest.find(['$', '\\']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(brace) = tail
            .strip_prefix('\\')
            .filter(|t| t.starts_with(['{', '}']))
        {
            out.push_str(&brace[..1]);
            rest = &brace[1..];
        } else if let Some(field) = tail.strip_prefix("${") {
            let end = field.find('}').unwrap_or(field.len());
            let name = &field[..end];
            let name = match name.split_once(':') {
                Some((n, text)) if n.bytes().all(|b| b.is_ascii_digit()) && !n.is_empty() => text,
                _ if name.bytes().all(|b| b.is_ascii_digit()) => "",
                _ => name,
            };
            out.push_str(name);
            rest = field.get(end + 1..).unwrap_or("");
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

// ------------------------------------------------------------------ hover

/// Docs for the key under byte `offset`.
pub fn hover(text: &str, offset: usize) -> Option<Hover> {
    hover_in(&yaml::parse(text), offset)
}

/// Docs for the key under byte `offset` of an already parsed document.
pub fn hover_in(doc: &yaml::Document, offset: usize) -> Option<Hover> {
    let root = doc.root.as_ref()?;
    let (model, ver) = model(Some(root))?;
    let (root_spec, standard) = (model.root, model.label(ver));
    let (steps, entry, map) = key_at(root, offset)?;
    let spec = match resolve(root_spec, ver, &steps) {
        At::Object(s) => s,
        _ => return None,
    };
    let key = entry.key.as_str();
    let (from, to) = (entry.key_span.start.at(), entry.key_span.end.at());
    let f = fields_of(spec, map, ver)
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

// ------------------------------------------------------------------ key order

/// The model's key order for the mapping at `pointer` (its own fields, then those of the
/// parts that apply to it, such as a server type's), so an edit can insert a new key at
/// its place. Empty when the pointer leads to no object of the model.
pub fn key_order(root: &Node, pointer: &str) -> Vec<&'static str> {
    let Some((model, ver)) = model(Some(root)) else {
        return Vec::new();
    };
    // The object need not be written yet (the first item of a new list).
    let Some((spec, node)) = crate::form::spec_at(root, model, ver, pointer) else {
        return Vec::new();
    };
    let empty = empty_map();
    let mut order: Vec<&'static str> = spec
        .fields
        .iter()
        .filter(|f| f.active(ver))
        .map(|f| f.key)
        .collect();
    for f in fields_of(spec, node.unwrap_or(&empty), ver) {
        if !order.contains(&f.key) {
            order.push(f.key);
        }
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "apiVersion: v3.2.0\nkind: DataContract\nid: x\nversion: 1.0.0\nservers:\n  - server: db\n    type: postgres\n    \nschema:\n  - name: orders\n    properties:\n      - name: id\n        logicalType: string\n        \n";

    fn labels(c: &Completions) -> Vec<&str> {
        c.options.iter().map(|o| o.label.as_str()).collect()
    }

    fn owned(c: &Completions) -> Vec<String> {
        c.options.iter().map(|o| o.label.clone()).collect()
    }

    fn s(t: &str) -> String {
        t.to_string()
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
        assert_eq!(pg.apply, "server: ${1:postgres-prod}\n    type: postgres\n    environment: ${2:prod}\n    host: ${3:}\n    port: ${4:5432}\n    database: ${5:}\n    schema: ${6:}");
        // Fields left empty are problems on those keys, never placeholder content.
        let full = format!("{text}{}\nid: x\nversion: 1.0.0\n", snippet_text(&pg.apply));
        let r = crate::check(&full);
        let flagged: Vec<&str> = r.diagnostics.iter().map(|d| d.path.as_str()).collect();
        for key in ["host", "database", "schema"] {
            assert!(
                flagged.contains(&format!("/servers/0/{key}").as_str()),
                "{flagged:?}"
            );
        }
        // Filled in, the server is valid.
        let filled = full
            .replace("host:", "host: db.acme.com")
            .replace("database:", "database: sales")
            .replace("schema: \n", "schema: public\n");
        let r = crate::check(&filled);
        assert!(r.is_valid(), "{:#?}", r.diagnostics);
        let text = "apiVersion: v3.2.0\nkind: DataContract\nslaProperties:\n  ";
        let c = complete(text, text.len());
        assert!(
            c.options.iter().any(|o| o.label == "SLA: freshness"
                && o.apply
                    .starts_with("- property: latency\n    value: ${1:5}")),
            "{:?}",
            labels(&c)
        );
    }

    #[test]
    fn lists_at_column_0_and_new_items_offer_the_keys_the_item_lacks() {
        let head = "apiVersion: v3.2.0\nkind: DataContract\nid: x\nschema:\n- name: orders\n";
        // The second line of an object in a list written at column 0.
        let text = format!("{head}  properties:\n  - name: id\n    logicalType: string\n    ");
        let l = owned(&complete(&text, text.len()));
        assert!(
            l.contains(&s("required")) && l.contains(&s("description")),
            "{l:?}"
        );
        assert!(
            !l.contains(&s("name")) && !l.contains(&s("logicalType")),
            "{l:?}"
        );
        let text = format!("{head}  ");
        let l = owned(&complete(&text, text.len()));
        assert!(
            l.contains(&s("properties")) && !l.contains(&s("name")),
            "{l:?}"
        );
        // A new item at column 0: every key of a schema object, and the snippet.
        let text = format!("{head}- ");
        let l = owned(&complete(&text, text.len()));
        assert!(
            l.contains(&s("name")) && l.contains(&s("schema object")),
            "{l:?}"
        );
        // A new item whose later lines exist already lacks only what they don't have.
        let text = format!("{head}- \n  physicalType: table\n");
        let off = text.find("- \n").unwrap() + 2;
        let l = owned(&complete(&text, off));
        assert!(
            l.contains(&s("name")) && !l.contains(&s("physicalType")),
            "{l:?}"
        );
    }

    #[test]
    fn a_broken_line_elsewhere_leaves_completion_working() {
        let text = "apiVersion: v3.2.0\nkind: DataContract\ndescription: \"oops\nservers:\n  - server: db\n    type: postgres\n    ";
        let l = owned(&complete(text, text.len()));
        assert!(l.contains(&s("host")) && !l.contains(&s("type")), "{l:?}");
        // The line being typed is not valid YAML yet: `ty` has no colon.
        let text = "apiVersion: v3.2.0\nkind: DataContract\nservers:\n  - server: db\n    ty\n    host: h\n";
        let off = text.find("    ty").unwrap() + 6;
        let l = owned(&complete(text, off));
        assert_eq!(l, vec![s("type")]);
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

    #[test]
    fn snippet_text_fills_fields_with_their_defaults() {
        assert_eq!(
            snippet_text("a: ${1:5}\nb: ${2:}\nc: ${x}\nd: ${3}"),
            "a: 5\nb: \nc: x\nd: "
        );
        assert_eq!(
            snippet_text("q: \\{not a field\\} $5 ${"),
            "q: {not a field} $5 "
        );
        assert_eq!(numbered("a: ${5}\nb: ${}"), "a: ${1:5}\nb: ${2:}");
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
                        let full = format!("{text}{}\n", snippet_text(&o.apply));
                        let r = crate::check(&full);
                        let bad: Vec<_> = r
                            .diagnostics
                            .iter()
                            .filter(|d| {
                                d.code.id.ends_with("-key") || d.code == "needs-newer-version"
                            })
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
    fn key_order_follows_the_model() {
        let d = yaml::parse(DOC);
        let root = d.root.as_ref().unwrap();
        let o = key_order(root, "");
        let at = |k| o.iter().position(|x| *x == k).unwrap();
        assert!(at("apiVersion") < at("kind") && at("kind") < at("id") && at("id") < at("schema"));
        // A postgres server's own keys come after the common ones.
        let o = key_order(root, "/servers/0");
        assert!(o.contains(&"host") && o.contains(&"environment"), "{o:?}");
        assert!(key_order(root, "/nope").is_empty());
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

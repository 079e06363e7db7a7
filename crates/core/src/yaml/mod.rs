//! YAML data with spans: the values the official schemas see, where every node, key and
//! value carries its exact span (byte offset, 1-based line and column).
//!
//! The text is the single source of truth. [`parse`] reads it once into the lossless
//! syntax tree of [`crate::syntax`] (kept in [`Document::tree`]) and derives this data
//! model from the tree ([`build`]): YAML 1.2 core-schema scalars, duplicate keys, aliases
//! with their expansion limit, every document of the stream. A syntax error leaves the
//! rest of the document read.

mod build;
mod incremental;
mod scalar;

pub use build::Lines;
pub use incremental::{reparse, reparse_owned};

pub use scalar::{resolve_plain, resolve_plain_owned};

use serde::{Deserialize, Serialize};

/// A position in the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Pos {
    /// Byte offset into the UTF-8 text (texts are at most [`MAX_INPUT_BYTES`]).
    pub offset: u32,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub col: u32,
}

impl Pos {
    /// The byte offset, for slicing the text.
    pub fn at(self) -> usize {
        self.offset as usize
    }
}

/// A half-open range of the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub start: Pos,
    pub end: Pos,
}

impl Span {
    pub fn point(p: Pos) -> Span {
        Span { start: p, end: p }
    }
    /// An empty span at line 1, column 1.
    pub fn default_at_start() -> Span {
        Span::point(Pos {
            offset: 0,
            line: 1,
            col: 1,
        })
    }
}

/// A resolved scalar value (YAML 1.2 core schema).
/// The text of a key or a string value: short ones (most keys and many values, up to 24
/// bytes, 12 in wasm32) are kept inline, with no allocation of their own.
pub type Str = compact_str::CompactString;

#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Str),
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Scalar(Scalar),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    pub span: Span,
}

/// One `key: value` pair of a mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub key: Str,
    pub key_span: Span,
    pub value: Node,
}

impl Node {
    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.kind {
            NodeKind::Map(m) => Some(m),
            _ => None,
        }
    }
    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.kind {
            NodeKind::Seq(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar(Scalar::Str(s)) => Some(s),
            _ => None,
        }
    }
    /// The first entry with this key, if this is a mapping.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.as_map()?.iter().find(|e| e.key == key)
    }
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|e| &e.value)
    }
    /// A scalar as a reader sees it: a string as it is, a number or boolean written out;
    /// `None` for null, a list or a mapping.
    pub fn text(&self) -> Option<String> {
        match &self.kind {
            NodeKind::Scalar(Scalar::Str(s)) => Some(s.to_string()),
            NodeKind::Scalar(Scalar::Int(i)) => Some(i.to_string()),
            NodeKind::Scalar(Scalar::Float(f)) => Some(f.to_string()),
            NodeKind::Scalar(Scalar::Bool(b)) => Some(b.to_string()),
            _ => None,
        }
    }
    /// The boolean `true`.
    pub fn is_true(&self) -> bool {
        matches!(self.kind, NodeKind::Scalar(Scalar::Bool(true)))
    }
    /// A short name of this node's kind for messages ("a string", "a list", ...).
    pub fn kind_name(&self) -> &'static str {
        match &self.kind {
            NodeKind::Scalar(Scalar::Null) => "empty (null)",
            NodeKind::Scalar(Scalar::Bool(_)) => "a boolean",
            NodeKind::Scalar(Scalar::Int(_)) => "an integer",
            NodeKind::Scalar(Scalar::Float(_)) => "a number",
            NodeKind::Scalar(Scalar::Str(_)) => "a string",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }

    /// The JSON value this node denotes (the data model the JSON Schemas describe).
    /// For duplicate keys the first occurrence wins, as everywhere in Charter.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.kind {
            NodeKind::Scalar(s) => match s {
                Scalar::Null => Value::Null,
                Scalar::Bool(b) => Value::Bool(*b),
                Scalar::Int(i) => Value::from(*i),
                Scalar::Float(f) => serde_json::Number::from_f64(*f)
                    .map(Value::Number)
                    .unwrap_or(Value::Null),
                Scalar::Str(s) => Value::String(s.to_string()),
            },
            NodeKind::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeKind::Map(entries) => {
                let mut m = serde_json::Map::new();
                for e in entries {
                    if !m.contains_key(e.key.as_str()) {
                        m.insert(e.key.to_string(), e.value.to_json());
                    }
                }
                Value::Object(m)
            }
        }
    }
}

/// What kind of problem the YAML layer found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum YamlErrorKind {
    Syntax,
    DuplicateKey,
    ComplexKey,
    AliasLimit,
    NestingLimit,
    MultipleDocuments,
    /// The text is over [`MAX_INPUT_BYTES`]; it is not parsed.
    TooLarge,
    /// Not YAML 1.2, but read as PyYAML and libyaml read it (a warning).
    Lenient,
}

#[derive(Clone, Debug, PartialEq)]
pub struct YamlError {
    pub kind: YamlErrorKind,
    pub message: String,
    pub span: Span,
}

/// A parsed YAML text: the text itself, its syntax tree, the data of its (first) document
/// and the problems.
#[derive(Clone, Debug)]
pub struct Document {
    pub text: String,
    /// `None` when the text is empty, only comments, or its first document could not be
    /// read at all.
    pub root: Option<Node>,
    /// The data of the documents after the first (a stream of several).
    pub more: Vec<Option<Node>>,
    pub errors: Vec<YamlError>,
    /// The lossless syntax tree everything above is derived from (empty after
    /// [`parse_data`] and [`reparse`], which keep only the data).
    pub tree: crate::syntax::Tree,
    /// The text uses anchors or aliases (a change in one place may then change the data
    /// elsewhere, so [`reparse`] reads such a text whole).
    pub anchors: bool,
    /// Set by [`reparse`]: the one list item it read again, for checks that can re-check
    /// only that part (`None` after a whole parse).
    pub replaced: Option<Replaced>,
}

/// What [`reparse`] changed in the document it was given: one list item, every position
/// after it moved.
#[derive(Clone, Debug, PartialEq)]
pub struct Replaced {
    /// Child indices from the root to the item (entry of a mapping, item of a list).
    pub path: Vec<usize>,
    /// The old text's length.
    pub old_len: usize,
    /// Positions at or after this offset of the old text moved by `delta` bytes and
    /// `lines` lines.
    pub old_end: usize,
    pub delta: i64,
    pub lines: i64,
    /// The old item's end, and the new one's (lists and mappings that ended with the item
    /// end with the new one).
    pub old_item_end: Pos,
    pub new_item_end: Pos,
}

impl Replaced {
    /// Where a position of the old document is in the new one (positions inside the item
    /// are not asked: the item was read again).
    pub fn shift(&self, p: Pos) -> Pos {
        if p.offset as usize >= self.old_end {
            Pos {
                offset: (p.offset as i64 + self.delta) as u32,
                line: (p.line as i64 + self.lines) as u32,
                col: p.col,
            }
        } else if p == self.old_item_end {
            self.new_item_end
        } else {
            p
        }
    }
}

/// The most nodes alias expansion may produce before the document is rejected
/// (guards against "billion laughs" documents).
pub const ALIAS_EXPANSION_LIMIT: usize = 100_000;

/// The deepest nesting of lists and mappings a document may have. Real contracts nest a
/// few dozen levels at most; a limit keeps every tree walk (validation, lint, diff, JSON)
/// within its stack, in the browser too, whatever the input.
pub const NESTING_LIMIT: usize = 128;

/// The largest document Charter reads: 256 MiB, some fifty times the largest contract
/// seen in the wild. Larger text is refused before parsing, so no input can exhaust
/// memory (the CLI stops reading there too: `/dev/zero` is one clear error).
pub const MAX_INPUT_BYTES: usize = 256 << 20;

/// The message for input over [`MAX_INPUT_BYTES`].
pub fn too_large_message() -> String {
    format!(
        "this document is larger than Charter's limit of {} MiB per document. Split it into one contract per file.",
        MAX_INPUT_BYTES >> 20
    )
}

/// Parse YAML text. Never panics; every problem becomes a [`YamlError`].
pub fn parse(text: &str) -> Document {
    parse_owned(text.to_string())
}

/// [`parse`] of a text the caller owns: the document keeps it without a copy.
pub fn parse_owned(text: String) -> Document {
    if text.len() > MAX_INPUT_BYTES {
        return Document {
            text: String::new(),
            root: None,
            more: Vec::new(),
            errors: vec![YamlError {
                kind: YamlErrorKind::TooLarge,
                message: too_large_message(),
                span: Span::default_at_start(),
            }],
            tree: Default::default(),
            anchors: false,
            replaced: None,
        };
    }
    let tree = crate::syntax::parse(&text);
    let lines = Lines::new(&text);
    let mut errors: Vec<YamlError> = tree
        .errors
        .iter()
        .map(|e| {
            use crate::syntax::ErrorKind as E;
            let (kind, message) = match e.kind {
                E::Syntax => (
                    YamlErrorKind::Syntax,
                    format!("YAML syntax error: {}.", e.message),
                ),
                E::Lenient => (YamlErrorKind::Lenient, e.message.clone()),
                E::TooDeep => (YamlErrorKind::NestingLimit, e.message.clone()),
            };
            YamlError {
                kind,
                message,
                span: lines.span(e.start..e.end),
            }
        })
        .collect();
    let built = build::build(&text, &tree, &lines);
    errors.extend(built.errors);
    let mut documents = built.documents.into_iter();
    let root = documents.next().flatten();
    let more: Vec<Option<Node>> = documents.collect();
    if !more.is_empty() {
        // The second document's start.
        let at = tree
            .children(crate::syntax::Tree::ROOT)
            .filter(|&d| tree.kind(d) == crate::syntax::Kind::Document)
            .nth(1)
            .map(|d| {
                let r = tree.range(d);
                let start = tree
                    .own_token(d, crate::syntax::Kind::DocStart)
                    .map(|t| tree.token_range(t))
                    .unwrap_or(r.start..r.start);
                lines.span(start)
            })
            .unwrap_or_default();
        errors.push(YamlError {
            kind: YamlErrorKind::MultipleDocuments,
            message: "this file holds more than one YAML document; Charter reads only the first. Put each contract in its own file.".into(),
            span: at,
        });
    }
    errors.sort_by_key(|e| e.span.start.offset);
    let anchors = tree.anchors;
    drop(lines);
    Document {
        text,
        root,
        more,
        errors,
        tree,
        anchors,
        replaced: None,
    }
}

/// [`parse`] for callers that need only the data and the problems (checks, summaries,
/// diffs): the syntax tree is dropped as soon as the data is built, so documents held
/// together cost their data only. The edit API and completion need [`parse`].
pub fn parse_data(text: &str) -> Document {
    parse_data_owned(text.to_string())
}

/// [`parse_data`] of a text the caller owns (no copy of it is made).
pub fn parse_data_owned(text: String) -> Document {
    let mut doc = parse_owned(text);
    doc.tree = Default::default();
    doc
}

impl Document {
    /// Whether the document holds its syntax tree (what edits need); [`parse_data`] and
    /// [`reparse`] keep only the data.
    pub fn has_tree(&self) -> bool {
        !self.tree.tokens.is_empty() || self.text.is_empty()
    }
    /// Part of the text could not be read into the data (a syntax error, a limit), so
    /// the data may lack what the text holds.
    pub fn incomplete(&self) -> bool {
        self.errors.iter().any(|e| {
            matches!(
                e.kind,
                YamlErrorKind::Syntax | YamlErrorKind::NestingLimit | YamlErrorKind::AliasLimit
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::build::depth_of;
    use super::*;

    fn root(text: &str) -> Node {
        let d = parse(text);
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        d.root.unwrap()
    }

    #[test]
    fn spans_of_keys_and_values() {
        let text = "a: 1\nlist:\n  - name: x\n    type: \"quoted\"\n";
        let r = root(text);
        let e = r.entry("list").unwrap();
        assert_eq!((e.key_span.start.line, e.key_span.start.col), (2, 1));
        let item = &e.value.as_seq().unwrap()[0];
        let t = item.entry("type").unwrap();
        assert_eq!((t.key_span.start.line, t.key_span.start.col), (4, 5));
        assert_eq!(t.value.as_str(), Some("quoted"));
        let vs = t.value.span;
        assert_eq!(&text[vs.start.at()..vs.end.at()], "\"quoted\"");
        let a = r.entry("a").unwrap();
        assert_eq!(&text[a.value.span.start.at()..a.value.span.end.at()], "1");
    }

    #[test]
    fn byte_offsets_with_multibyte_text() {
        let text = "name: Überstunden ✓\nid: x\n";
        let r = root(text);
        let e = r.entry("id").unwrap();
        assert_eq!(&text[e.key_span.start.at()..e.key_span.end.at()], "id");
        let v = &r.entry("name").unwrap().value;
        assert_eq!(&text[v.span.start.at()..v.span.end.at()], "Überstunden ✓");
        assert_eq!(e.key_span.start.line, 2);
    }

    #[test]
    fn yaml_1_2_scalars_in_documents() {
        let r = root("d: 2024-01-01\ny: yes\nn: no\nq: '42'\ni: 42\nf: 1.5\nnul:\n");
        assert_eq!(r.get("d").unwrap().as_str(), Some("2024-01-01"));
        assert_eq!(r.get("y").unwrap().as_str(), Some("yes"));
        assert_eq!(r.get("n").unwrap().as_str(), Some("no"));
        assert_eq!(r.get("q").unwrap().as_str(), Some("42"));
        assert_eq!(r.get("i").unwrap().kind, NodeKind::Scalar(Scalar::Int(42)));
        assert_eq!(
            r.get("f").unwrap().kind,
            NodeKind::Scalar(Scalar::Float(1.5))
        );
        assert_eq!(r.get("nul").unwrap().kind, NodeKind::Scalar(Scalar::Null));
        assert_eq!(root("x: !!str 12").get("x").unwrap().as_str(), Some("12"));
    }

    #[test]
    fn duplicate_keys_are_errors_at_the_second_key() {
        let d = parse("a: 1\nb: 2\na: 3\n");
        assert_eq!(d.errors.len(), 1);
        assert_eq!(d.errors[0].kind, YamlErrorKind::DuplicateKey);
        assert_eq!(d.errors[0].span.start.line, 3);
        assert!(d.errors[0].message.contains("line 1"));
        assert_eq!(d.root.unwrap().to_json()["a"], 1);
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_one_error_at_its_line() {
        // A block list nested 20,000 levels on one line (40 KB), and a mapping 200 deep.
        let text = format!("a: 1\nb:\n{}x\n", "- ".repeat(20_000));
        let d = parse(&text);
        // What is above the limit is read; the top-level entry holding the part below it
        // is left out whole (no check reads a list cut off at depth 128).
        assert_eq!(
            d.root.as_ref().unwrap().to_json(),
            serde_json::json!({"a": 1})
        );
        assert!(d.incomplete());
        assert_eq!(d.errors.len(), 1, "{:?}", d.errors);
        assert_eq!(d.errors[0].kind, YamlErrorKind::NestingLimit);
        assert_eq!(d.errors[0].span.start.line, 3);
        assert!(d.errors[0].message.contains("deeper than 128 levels"));
        let mut deep = String::new();
        for i in 0..200 {
            deep.push_str(&format!("{}k{i}:\n", "  ".repeat(i)));
        }
        let d = parse(&deep);
        assert_eq!(d.errors[0].kind, YamlErrorKind::NestingLimit);
        assert_eq!(d.errors[0].span.start.line, 129);
        // At the limit itself the document is read.
        let ok = format!("{}x\n", "- ".repeat(NESTING_LIMIT));
        let d = parse(&ok);
        assert!(d.errors.is_empty(), "{:?}", d.errors);
        assert_eq!(depth_of(d.root.as_ref().unwrap()), NESTING_LIMIT);
    }

    #[test]
    fn aliases_do_not_nest_past_the_limit() {
        // An anchor 100 levels deep, used 100 levels deep: 200 levels in all.
        let hundred = |inner: &str| format!("{}{inner}", "[".repeat(100)) + &"]".repeat(100);
        let text = format!("a: &a {}\nb: {}\n", hundred("1"), hundred("*a"));
        let d = parse(&text);
        assert_eq!(d.errors[0].kind, YamlErrorKind::NestingLimit);
        assert_eq!(d.errors[0].span.start.line, 2);
    }

    #[test]
    fn many_keys_in_one_mapping_are_checked_for_duplicates_once_each() {
        let mut text: String = (0..50_000).map(|i| format!("k{i}: {i}\n")).collect();
        text.push_str("k7: again\n");
        let d = parse(&text);
        assert_eq!(d.errors.len(), 1);
        assert_eq!(d.errors[0].kind, YamlErrorKind::DuplicateKey);
        assert_eq!(d.errors[0].span.start.line, 50_001);
        assert!(d.errors[0].message.contains("line 8"));
    }

    #[test]
    fn aliases_expand_and_are_limited() {
        let r = root("base: &b {x: 1}\nuse: *b\n");
        assert_eq!(r.get("use").unwrap().to_json()["x"], 1);
        let mut laughs = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let p = i - 1;
            laughs.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        let d = parse(&laughs);
        assert!(d.errors.iter().any(|e| e.kind == YamlErrorKind::AliasLimit));
    }

    #[test]
    fn syntax_errors_have_positions_and_hints() {
        // The unclosed `[` is one error, at its place; the next line is still read.
        let d = parse("a: [1, 2\nb: 3\n");
        assert_eq!(d.errors.len(), 1);
        assert_eq!(d.errors[0].kind, YamlErrorKind::Syntax);
        assert_eq!(
            (d.errors[0].span.start.line, d.errors[0].span.start.col),
            (1, 4)
        );
        assert_eq!(d.root.as_ref().unwrap().to_json()["b"], 3);
        assert!(d.errors[0].message.starts_with("YAML syntax error"));
        let d = parse("a:\n\tb: 1\n");
        assert!(
            d.errors[0].message.contains("tab"),
            "{}",
            d.errors[0].message
        );
        assert_eq!(d.errors[0].span.start.line, 2);
    }

    #[test]
    fn empty_and_comment_only_text() {
        assert!(parse("").root.is_none());
        assert!(parse("# just a comment\n").root.is_none());
        assert!(parse("").errors.is_empty());
    }

    #[test]
    fn multiple_documents_warn() {
        let d = parse("a: 1\n---\nb: 2\n");
        assert_eq!(d.errors.len(), 1);
        assert_eq!(d.errors[0].kind, YamlErrorKind::MultipleDocuments);
        assert!(d.root.unwrap().get("a").is_some());
    }
}

//! Lossless YAML: the source text is kept whole and every node, key and value carries
//! its exact span (byte offset, 1-based line and column).
//!
//! The text is the single source of truth: the tree is derived from it and never printed
//! back, so comments, quoting and key order survive untouched. Edits (later: form edits,
//! codemods) are byte-range replacements on the text, addressed through these spans.
//!
//! Parsing uses `saphyr-parser`'s event stream (YAML 1.2) and builds our own tree so that
//! we control scalar resolution (YAML 1.2 core schema), duplicate keys and alias expansion.

mod scalar;

pub use scalar::resolve_plain;

use saphyr_parser::{Event, Parser, ScalarStyle, Span as PSpan};
use serde::{Deserialize, Serialize};

/// A position in the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Pos {
    /// Byte offset into the UTF-8 text.
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
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
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
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
    pub key: String,
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
                Scalar::Str(s) => Value::String(s.clone()),
            },
            NodeKind::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeKind::Map(entries) => {
                let mut m = serde_json::Map::new();
                for e in entries {
                    if !m.contains_key(&e.key) {
                        m.insert(e.key.clone(), e.value.to_json());
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
}

#[derive(Clone, Debug, PartialEq)]
pub struct YamlError {
    pub kind: YamlErrorKind,
    pub message: String,
    pub span: Span,
}

/// A parsed YAML text: the text itself, the tree of its (first) document and the errors.
#[derive(Clone, Debug)]
pub struct Document {
    pub text: String,
    /// `None` when the text is empty, only comments, or has a syntax error.
    pub root: Option<Node>,
    pub errors: Vec<YamlError>,
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
    if text.len() > MAX_INPUT_BYTES {
        return Document {
            text: String::new(),
            root: None,
            errors: vec![YamlError {
                kind: YamlErrorKind::TooLarge,
                message: too_large_message(),
                span: Span::default_at_start(),
            }],
        };
    }
    let mut b = Builder::new(text);
    let root = b.run();
    Document {
        text: text.to_string(),
        root,
        errors: b.errors,
    }
}

/// Maps the parser's character positions to byte offsets.
struct Positions {
    /// `None` when the text is ASCII (char index == byte offset).
    char_to_byte: Option<Vec<usize>>,
    len: usize,
}

impl Positions {
    fn new(text: &str) -> Self {
        let char_to_byte = if text.is_ascii() {
            None
        } else {
            let mut v: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            v.push(text.len());
            Some(v)
        };
        Positions {
            char_to_byte,
            len: text.len(),
        }
    }
    fn pos(&self, m: &saphyr_parser::Marker) -> Pos {
        let offset = match &self.char_to_byte {
            None => m.index().min(self.len),
            Some(v) => v.get(m.index()).copied().unwrap_or(self.len),
        };
        Pos {
            offset,
            line: m.line(),
            col: m.col() + 1,
        }
    }
    fn span(&self, s: &PSpan) -> Span {
        Span {
            start: self.pos(&s.start),
            end: self.pos(&s.end),
        }
    }
}

enum Frame {
    Seq {
        anchor: usize,
        start: Span,
        items: Vec<Node>,
    },
    Map {
        anchor: usize,
        start: Span,
        entries: Vec<Entry>,
        /// Each key's first entry, so duplicate keys are found in constant time.
        seen: std::collections::HashMap<String, usize>,
        pending_key: Option<(String, Span, bool)>,
    },
}

struct Builder<'a> {
    text: &'a str,
    pos: Positions,
    errors: Vec<YamlError>,
    /// Anchored nodes, with their nesting depth.
    anchors: std::collections::HashMap<usize, (Node, usize)>,
    expanded: usize,
}

impl<'a> Builder<'a> {
    fn new(text: &'a str) -> Self {
        Builder {
            text,
            pos: Positions::new(text),
            errors: Vec::new(),
            anchors: Default::default(),
            expanded: 0,
        }
    }

    fn run(&mut self) -> Option<Node> {
        let mut parser = Parser::new_from_str(self.text);
        let mut stack: Vec<Frame> = Vec::new();
        let mut root: Option<Node> = None;
        let mut documents = 0usize;
        while let Some(ev) = parser.next_event() {
            let (ev, pspan) = match ev {
                Ok(x) => x,
                Err(e) => {
                    let p = self.pos.pos(e.marker());
                    self.errors.push(YamlError {
                        kind: YamlErrorKind::Syntax,
                        message: syntax_message(e.info(), self.text, p),
                        span: Span {
                            start: p,
                            end: next_char_pos(self.text, p),
                        },
                    });
                    return None;
                }
            };
            let span = self.pos.span(&pspan);
            match ev {
                Event::StreamStart | Event::Nothing | Event::DocumentEnd => {}
                Event::StreamEnd => break,
                Event::DocumentStart(_) => {
                    documents += 1;
                    if documents == 2 {
                        self.errors.push(YamlError {
                            kind: YamlErrorKind::MultipleDocuments,
                            message: "this file holds more than one YAML document; Charter reads only the first. Put each contract in its own file.".into(),
                            span,
                        });
                    }
                }
                Event::Alias(id) => {
                    let node = match self.anchors.get(&id) {
                        Some((n, depth)) => {
                            if stack.len() + depth > NESTING_LIMIT {
                                self.too_deep(span);
                                return None;
                            }
                            let n = n.clone();
                            let size = count_nodes(&n);
                            self.expanded += size;
                            if self.expanded > ALIAS_EXPANSION_LIMIT {
                                self.errors.push(YamlError {
                                    kind: YamlErrorKind::AliasLimit,
                                    message: format!(
                                        "aliases expand to more than {ALIAS_EXPANSION_LIMIT} nodes; this looks like a 'billion laughs' document. Use fewer nested aliases."
                                    ),
                                    span,
                                });
                                return None;
                            }
                            Node { kind: n.kind, span }
                        }
                        None => Node {
                            kind: NodeKind::Scalar(Scalar::Null),
                            span,
                        },
                    };
                    if self.push_node(&mut stack, &mut root, node, documents) {
                        return root;
                    }
                }
                Event::Scalar(value, style, anchor, tag) => {
                    let scalar = resolve(&value, style, tag.as_deref());
                    let node = Node {
                        kind: NodeKind::Scalar(scalar),
                        span,
                    };
                    if anchor > 0 {
                        self.anchors.insert(anchor, (node.clone(), 0));
                    }
                    // A key is recorded with its quoting style so `"1": x` and `1: x` both work.
                    if let Some(Frame::Map {
                        pending_key: pk @ None,
                        ..
                    }) = stack.last_mut()
                    {
                        *pk = Some((value.to_string(), span, true));
                        continue;
                    }
                    if self.push_node(&mut stack, &mut root, node, documents) {
                        return root;
                    }
                }
                Event::SequenceStart(..) | Event::MappingStart(..)
                    if stack.len() >= NESTING_LIMIT =>
                {
                    self.too_deep(span);
                    return None;
                }
                Event::SequenceStart(anchor, _) => stack.push(Frame::Seq {
                    anchor,
                    start: span,
                    items: Vec::new(),
                }),
                Event::MappingStart(anchor, _) => stack.push(Frame::Map {
                    anchor,
                    start: span,
                    entries: Vec::new(),
                    seen: Default::default(),
                    pending_key: None,
                }),
                Event::SequenceEnd | Event::MappingEnd => {
                    let Some(frame) = stack.pop() else { continue };
                    let (anchor, node) = match frame {
                        Frame::Seq {
                            anchor,
                            start,
                            items,
                        } => (
                            anchor,
                            Node {
                                kind: NodeKind::Seq(items),
                                span: Span {
                                    start: start.start,
                                    end: span.end.max(start.end),
                                },
                            },
                        ),
                        Frame::Map {
                            anchor,
                            start,
                            entries,
                            ..
                        } => (
                            anchor,
                            Node {
                                kind: NodeKind::Map(entries),
                                span: Span {
                                    start: start.start,
                                    end: span.end.max(start.end),
                                },
                            },
                        ),
                    };
                    if anchor > 0 {
                        let depth = depth_of(&node);
                        self.anchors.insert(anchor, (node.clone(), depth));
                    }
                    if self.push_node(&mut stack, &mut root, node, documents) {
                        return root;
                    }
                }
            }
        }
        root
    }

    fn too_deep(&mut self, span: Span) {
        self.errors.push(YamlError {
            kind: YamlErrorKind::NestingLimit,
            message: format!(
                "the document nests lists and mappings deeper than {NESTING_LIMIT} levels here (line {}). No contract needs that many; Charter stops reading so that no tool runs out of stack. Flatten the structure.",
                span.start.line
            ),
            span: Span::point(span.start),
        });
    }

    /// Attach a finished node to its parent (or make it the root).
    /// Returns true when parsing should stop (a later document's root, which we ignore).
    fn push_node(
        &mut self,
        stack: &mut [Frame],
        root: &mut Option<Node>,
        node: Node,
        documents: usize,
    ) -> bool {
        match stack.last_mut() {
            None => {
                if documents <= 1 {
                    *root = Some(node);
                    false
                } else {
                    true
                }
            }
            Some(Frame::Seq { items, .. }) => {
                items.push(node);
                false
            }
            Some(Frame::Map {
                entries,
                seen,
                pending_key,
                ..
            }) => {
                match pending_key.take() {
                    None => {
                        // A collection used as a key.
                        self.errors.push(YamlError {
                            kind: YamlErrorKind::ComplexKey,
                            message:
                                "a list or mapping can't be used as a key; keys must be plain text"
                                    .into(),
                            span: Span::point(node.span.start),
                        });
                        *pending_key = Some((String::new(), node.span, false));
                    }
                    Some((key, key_span, valid)) => {
                        if valid {
                            if let Some(&first) = seen.get(&key) {
                                self.errors.push(YamlError {
                                    kind: YamlErrorKind::DuplicateKey,
                                    message: format!(
                                        "duplicate key `{key}`: it is already defined at line {}. Remove or rename one of them.",
                                        entries[first].key_span.start.line
                                    ),
                                    span: key_span,
                                });
                            } else {
                                seen.insert(key.clone(), entries.len());
                            }
                            entries.push(Entry {
                                key,
                                key_span,
                                value: node,
                            });
                        }
                    }
                }
                false
            }
        }
    }
}

/// How deeply lists and mappings nest in `n` (0 for a scalar). Recursion is bounded by
/// [`NESTING_LIMIT`], which every tree the builder makes respects.
fn depth_of(n: &Node) -> usize {
    match &n.kind {
        NodeKind::Scalar(_) => 0,
        NodeKind::Seq(items) => 1 + items.iter().map(depth_of).max().unwrap_or(0),
        NodeKind::Map(entries) => {
            1 + entries
                .iter()
                .map(|e| depth_of(&e.value))
                .max()
                .unwrap_or(0)
        }
    }
}

fn count_nodes(n: &Node) -> usize {
    1 + match &n.kind {
        NodeKind::Scalar(_) => 0,
        NodeKind::Seq(items) => items.iter().map(count_nodes).sum(),
        NodeKind::Map(entries) => entries.iter().map(|e| 1 + count_nodes(&e.value)).sum(),
    }
}

fn resolve(value: &str, style: ScalarStyle, tag: Option<&saphyr_parser::Tag>) -> Scalar {
    if let Some(tag) = tag {
        if tag.is_yaml_core_schema() {
            return match tag.suffix.as_str() {
                "str" => Scalar::Str(value.to_string()),
                "null" => Scalar::Null,
                "bool" | "int" | "float" => match resolve_plain(value) {
                    Scalar::Str(s) => Scalar::Str(s),
                    other => other,
                },
                _ => Scalar::Str(value.to_string()),
            };
        }
        // Non-specific `!` tag: the scalar is a string.
        if tag.handle == "!" && tag.suffix.is_empty() {
            return Scalar::Str(value.to_string());
        }
    }
    match style {
        ScalarStyle::Plain => resolve_plain(value),
        _ => Scalar::Str(value.to_string()),
    }
}

fn next_char_pos(text: &str, p: Pos) -> Pos {
    match text.get(p.offset..).and_then(|s| s.chars().next()) {
        Some(c) if c != '\n' => Pos {
            offset: p.offset + c.len_utf8(),
            line: p.line,
            col: p.col + 1,
        },
        _ => p,
    }
}

/// Turn the parser's terse message into one that says what to do.
fn syntax_message(info: &str, text: &str, p: Pos) -> String {
    let here = text.get(p.offset..).and_then(|s| s.chars().next());
    let line_text = text.lines().nth(p.line.saturating_sub(1)).unwrap_or("");
    let hint = if here == Some('\t') || line_text.starts_with('\t') {
        " YAML does not allow tabs for indentation: indent with spaces."
    } else if info.contains("mapping values are not allowed") {
        " A `key: value` pair appears where it can't: check the indentation of this line, or quote a value that contains `: `."
    } else if info.contains("did not find expected key")
        || info.contains("did not find expected '-'")
    {
        " Check that this line is indented like its siblings."
    } else if info.contains("flow sequence") || info.contains("flow mapping") {
        " A `[...]` or `{...}` is not closed, or an item in it lacks a comma."
    } else if info.contains("unclosed quote") || info.contains("quoted scalar") {
        " A quoted string is not closed: add the closing quote."
    } else if info.contains("found character that cannot start any token") {
        " Quote the value if it starts with a special character such as `@`, `` ` `` or `%`."
    } else {
        ""
    };
    format!("YAML syntax error: {info}.{hint}")
}

#[cfg(test)]
mod tests {
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
        assert_eq!(&text[vs.start.offset..vs.end.offset], "\"quoted\"");
        let a = r.entry("a").unwrap();
        assert_eq!(
            &text[a.value.span.start.offset..a.value.span.end.offset],
            "1"
        );
    }

    #[test]
    fn byte_offsets_with_multibyte_text() {
        let text = "name: Überstunden ✓\nid: x\n";
        let r = root(text);
        let e = r.entry("id").unwrap();
        assert_eq!(&text[e.key_span.start.offset..e.key_span.end.offset], "id");
        let v = &r.entry("name").unwrap().value;
        assert_eq!(
            &text[v.span.start.offset..v.span.end.offset],
            "Überstunden ✓"
        );
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
        assert!(d.root.is_none());
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
        assert!(d.root.is_none());
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
        let d = parse("a: [1, 2\nb: 3\n");
        assert!(d.root.is_none());
        assert_eq!(d.errors[0].kind, YamlErrorKind::Syntax);
        assert!(d.errors[0].message.starts_with("YAML syntax error"));
        let d = parse("a:\n\tb: 1\n");
        assert!(
            d.errors[0].message.contains("tabs"),
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

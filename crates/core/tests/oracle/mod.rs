//! The reader Charter used before its own syntax tree: `saphyr-parser`'s event stream
//! built into the same data model. Kept only as the oracle of the differential test (a
//! dev-dependency; no code of the app or the CLI uses it).

use charter_core::yaml::{
    resolve_plain, Document, Entry, Node, NodeKind, Pos, Scalar, Span, YamlError, YamlErrorKind,
    ALIAS_EXPANSION_LIMIT, NESTING_LIMIT,
};
use saphyr_parser::{Event, Parser, ScalarStyle, Span as PSpan};

/// The same document read by `saphyr-parser`'s event stream (the reader before the syntax
/// tree), kept as the oracle of the differential tests.
pub fn parse(text: &str) -> Document {
    let mut b = Builder::new(text);
    let root = b.run();
    Document {
        text: text.to_string(),
        root,
        more: Vec::new(),
        errors: b.errors,
        tree: Default::default(),
        anchors: false,
        replaced: None,
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
            offset: offset as u32,
            line: m.line() as u32,
            col: (m.col() + 1) as u32,
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
                                key: key.into(),
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
pub fn depth_of(n: &Node) -> usize {
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
                "str" => Scalar::Str(value.into()),
                "null" => Scalar::Null,
                "bool" | "int" | "float" => match resolve_plain(value) {
                    Scalar::Str(s) => Scalar::Str(s),
                    other => other,
                },
                _ => Scalar::Str(value.into()),
            };
        }
        // Non-specific `!` tag: the scalar is a string.
        if tag.handle == "!" && tag.suffix.is_empty() {
            return Scalar::Str(value.into());
        }
    }
    match style {
        ScalarStyle::Plain => resolve_plain(value),
        _ => Scalar::Str(value.into()),
    }
}

fn next_char_pos(text: &str, p: Pos) -> Pos {
    match text.get(p.at()..).and_then(|s| s.chars().next()) {
        Some(c) if c != '\n' => Pos {
            offset: p.offset + c.len_utf8() as u32,
            line: p.line,
            col: p.col + 1,
        },
        _ => p,
    }
}

/// Turn the parser's terse message into one that says what to do.
fn syntax_message(info: &str, text: &str, p: Pos) -> String {
    let here = text.get(p.at()..).and_then(|s| s.chars().next());
    let line_text = text
        .lines()
        .nth(p.line.saturating_sub(1) as usize)
        .unwrap_or("");
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

//! The data model from the syntax tree: the values the official schemas see (YAML 1.2
//! core schema), with spans for every key and value, duplicate keys, aliases with the
//! expansion limit, and every document of the stream.
//!
//! Recursion follows the tree, whose nesting the parser bounds at `NESTING_LIMIT`; alias
//! expansion is bounded by [`super::ALIAS_EXPANSION_LIMIT`] nodes and the same depth.

use super::{
    resolve_plain_owned, Entry, Node, NodeKind, Pos, Scalar, Span, Str, YamlError, YamlErrorKind,
    ALIAS_EXPANSION_LIMIT, NESTING_LIMIT,
};
use crate::syntax::{Kind, NodeId, Tree};
use std::collections::HashMap;

/// Byte offsets to lines and columns, fast for offsets asked in increasing order.
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
    ascii: bool,
    /// The last line asked for, to walk forward from.
    last: std::cell::Cell<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = Vec::with_capacity(text.len() / 32 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Lines {
            text,
            starts,
            ascii: text.is_ascii(),
            last: std::cell::Cell::new(0),
        }
    }

    pub fn pos(&self, offset: usize) -> Pos {
        let offset = offset.min(self.text.len());
        let mut l = self.last.get();
        if self.starts[l] > offset {
            l = self.starts.partition_point(|&s| s <= offset) - 1;
        } else {
            // Walk forward a few lines, then jump.
            let mut steps = 0;
            while l + 1 < self.starts.len() && self.starts[l + 1] <= offset {
                l += 1;
                steps += 1;
                if steps == 8 {
                    l = self.starts.partition_point(|&s| s <= offset) - 1;
                    break;
                }
            }
        }
        self.last.set(l);
        let ls = self.starts[l];
        let col = if self.ascii {
            offset - ls
        } else {
            let mut o = offset;
            while o > ls && !self.text.is_char_boundary(o) {
                o -= 1;
            }
            self.text[ls..o].chars().count()
        };
        Pos {
            offset: offset as u32,
            line: (l + 1) as u32,
            col: (col + 1) as u32,
        }
    }

    pub fn span(&self, r: std::ops::Range<usize>) -> Span {
        Span {
            start: self.pos(r.start),
            end: self.pos(r.end),
        }
    }
}

/// What the builder produced: the root of each document, and the problems.
pub struct Built {
    pub documents: Vec<Option<Node>>,
    pub errors: Vec<YamlError>,
}

pub fn build(text: &str, tree: &Tree, lines: &Lines) -> Built {
    let mut b = Builder {
        text,
        tree,
        lines,
        errors: Vec::new(),
        anchors: HashMap::new(),
        expanded: 0,
        stopped: false,
        deep: tree
            .errors
            .iter()
            .find(|e| e.kind == crate::syntax::ErrorKind::TooDeep)
            .map(|e| e.start),
    };
    let mut documents = Vec::new();
    for doc in tree.children(Tree::ROOT) {
        if tree.kind(doc) != Kind::Document {
            continue;
        }
        b.anchors.clear();
        // `...` alone (after a document's own `...`) is no document.
        let empty = tree.children(doc).next().is_none()
            && tree.own_tokens(doc).all(|t| {
                matches!(tree.tokens[t].kind, Kind::DocEnd) || tree.tokens[t].kind.is_trivia()
            });
        if empty {
            continue;
        }
        let body = tree.children(doc).find(|&c| tree.kind(c) != Kind::Error);
        let root = match body {
            // A too-deep part under a top-level list or scalar: nothing of it is usable.
            Some(c)
                if !matches!(tree.kind(c), Kind::BlockMap | Kind::FlowMap) && b.holds_deep(c) =>
            {
                None
            }
            Some(c) => b.node(c, 0),
            // `---` with nothing after it: an empty (null) document.
            None => tree.own_token(doc, Kind::DocStart).map(|t| {
                let end = tree.token_range(t).end;
                Node {
                    kind: NodeKind::Scalar(Scalar::Null),
                    span: lines.span(end..end),
                }
            }),
        };
        documents.push(root);
        if b.stopped {
            break;
        }
    }
    Built {
        documents,
        errors: b.errors,
    }
}

struct Builder<'a> {
    text: &'a str,
    tree: &'a Tree,
    lines: &'a Lines<'a>,
    errors: Vec<YamlError>,
    /// Anchored nodes: the node, its depth and, for a scalar, its text as a key.
    anchors: HashMap<&'a str, (Node, usize, Option<Str>)>,
    expanded: usize,
    /// An alias limit was hit: stop building (the document is unusable).
    stopped: bool,
    /// Where the text nests deeper than the limit: the top-level entry holding it is left
    /// out whole, so no check reads a structure cut off at depth 128.
    deep: Option<usize>,
}

/// A node's properties.
#[derive(Default)]
struct Props<'a> {
    anchor: Option<&'a str>,
    tag: Option<&'a str>,
}

impl<'a> Builder<'a> {
    fn tok(&self, t: usize) -> &'a str {
        &self.text[self.tree.token_range(t)]
    }

    fn props(&self, n: NodeId) -> Props<'a> {
        let mut p = Props::default();
        for t in self.tree.own_tokens(n) {
            match self.tree.tokens[t].kind {
                Kind::Anchor => p.anchor = Some(&self.tok(t)[1..]),
                Kind::Tag => p.tag = Some(self.tok(t)),
                k if k.is_trivia() => {}
                _ => break,
            }
        }
        p
    }

    /// One pass over a scalar node's tokens (a scalar node has no children): what
    /// `props`, `content_range`, `broken` and `scalar_text` would each look for.
    fn scan(&self, n: NodeId) -> Scan<'a> {
        let d = self.tree.nodes[n];
        let mut s = Scan::default();
        let (mut first, mut last) = (None, None);
        for t in d.first_token as usize..d.end_token as usize {
            let k = self.tree.tokens[t].kind;
            if k.is_trivia() {
                continue;
            }
            first.get_or_insert(t);
            last = Some(t);
            match k {
                Kind::Anchor => s.anchor = Some(&self.tok(t)[1..]),
                Kind::Tag => s.tag = Some(self.tok(t)),
                Kind::Plain | Kind::SingleQuoted | Kind::DoubleQuoted | Kind::BlockHeader
                    if s.token.is_none() =>
                {
                    s.token = Some(t)
                }
                Kind::BlockText if s.body.is_none() => s.body = Some(t),
                Kind::ErrorToken => {
                    s.broken = true;
                    s.unreadable |= s.token.is_none();
                }
                _ => {}
            }
        }
        s.range = self.range_between(n, first.zip(last));
        s
    }

    /// The range of a node: its first to last non-trivia token, properties included.
    /// Found from both ends, so it costs the trivia at the ends, not the node's size.
    fn content_range(&self, n: NodeId) -> std::ops::Range<usize> {
        let d = self.tree.nodes[n];
        let toks = &self.tree.tokens[d.first_token as usize..d.end_token as usize];
        let first = toks.iter().position(|t| !t.kind.is_trivia());
        let last = toks.iter().rposition(|t| !t.kind.is_trivia());
        let at = d.first_token as usize;
        self.range_between(n, first.zip(last).map(|(f, l)| (f + at, l + at)))
    }

    /// From the start of token `first` to the end of token `last` of node `n` (its end,
    /// empty, when it has none).
    fn range_between(&self, n: NodeId, tokens: Option<(usize, usize)>) -> std::ops::Range<usize> {
        match tokens {
            Some((f, l)) => {
                let start = self.tree.token_range(f).start;
                let mut end = self.tree.token_range(l).end;
                // A block scalar's text ends with its line break; the value ends before it.
                if self.tree.tokens[l].kind == Kind::BlockText {
                    let s = self.text.as_bytes();
                    while end > start && (s[end - 1] == b'\n' || s[end - 1] == b'\r') {
                        end -= 1;
                    }
                }
                start..end
            }
            _ => {
                let r = self.tree.range(n);
                r.end..r.end
            }
        }
    }

    fn content_span(&self, n: NodeId) -> Span {
        self.lines.span(self.content_range(n))
    }

    fn err(&mut self, kind: YamlErrorKind, message: String, span: Span) {
        self.errors.push(YamlError {
            kind,
            message,
            span,
        });
    }

    fn node(&mut self, n: NodeId, depth: usize) -> Option<Node> {
        if self.stopped {
            return None;
        }
        let tree = self.tree;
        let kind = tree.kind(n);
        if kind == Kind::Scalar {
            let scan = self.scan(n);
            return self.scalar(n, &scan);
        }
        let props = self.props(n);
        let node = match kind {
            Kind::AliasNode => return self.alias(n, depth),
            Kind::BlockSeq | Kind::FlowSeq => {
                let r = self.content_range(n);
                let start = self.lines.pos(r.start);
                // Sized once: growing by doubling leaves a quarter of a big document's
                // lists unused on average.
                let mut items = Vec::with_capacity(tree.children(n).count());
                for c in tree.children(n) {
                    let v = match tree.kind(c) {
                        Kind::SeqEntry => match tree.children(c).next() {
                            Some(v) if self.broken(v) => None,
                            Some(v) => self.node(v, depth + 1),
                            None => Some(self.empty_after(c)),
                        },
                        Kind::Error => None,
                        _ if self.broken(c) => None,
                        _ => self.node(c, depth + 1),
                    };
                    if let Some(v) = v {
                        items.push(v);
                    }
                }
                Node {
                    kind: NodeKind::Seq(items),
                    span: Span {
                        start,
                        end: self.lines.pos(r.end),
                    },
                }
            }
            Kind::BlockMap | Kind::FlowMap => {
                let r = self.content_range(n);
                let start = self.lines.pos(r.start);
                let mut entries = Vec::with_capacity(tree.children(n).count());
                let mut seen = Seen::default();
                for c in tree.children(n) {
                    if tree.kind(c) == Kind::MapEntry {
                        self.entry(c, depth, &mut entries, &mut seen);
                    }
                }
                Node {
                    kind: NodeKind::Map(entries),
                    span: Span {
                        start,
                        end: self.lines.pos(r.end),
                    },
                }
            }
            Kind::FlowPair => {
                let mut entries = Vec::new();
                let mut seen = Seen::default();
                self.entry(n, depth, &mut entries, &mut seen);
                Node {
                    kind: NodeKind::Map(entries),
                    span: self.content_span(n),
                }
            }
            _ => return None,
        };
        if let Some(a) = props.anchor {
            let d = depth_of(&node);
            self.anchors.insert(a, (node.clone(), d, None));
        }
        Some(node)
    }

    /// The scalar node `n` (scanned as `scan`); `None` when it could not be read.
    fn scalar(&mut self, n: NodeId, scan: &Scan<'a>) -> Option<Node> {
        let (text, token) = self.scalar_text(n, scan)?;
        // An anchored scalar may be used as a key later: keep its text.
        let key = scan.anchor.map(|_| text.clone());
        let node = Node {
            kind: NodeKind::Scalar(value_of(text, token, scan.tag)),
            span: self.lines.span(scan.range.clone()),
        };
        if let Some(a) = scan.anchor {
            self.anchors.insert(a, (node.clone(), 0, key));
        }
        Some(node)
    }

    /// `n` holds the place where the text nests too deep.
    fn holds_deep(&self, n: NodeId) -> bool {
        self.deep.is_some_and(|at| self.tree.range(n).contains(&at))
    }

    /// An empty node at the end of `n` (a `-` or `key:` with nothing after it).
    fn empty_after(&self, n: NodeId) -> Node {
        let d = self.tree.nodes[n];
        let mut end = self.tree.range(n).start;
        for t in d.first_token as usize..d.end_token as usize {
            if !self.tree.tokens[t].kind.is_trivia() {
                end = self.tree.token_range(t).end;
            }
        }
        Node {
            kind: NodeKind::Scalar(Scalar::Null),
            span: self.lines.span(end..end),
        }
    }

    fn alias(&mut self, n: NodeId, depth: usize) -> Option<Node> {
        let t = self.tree.own_token(n, Kind::Alias)?;
        let name = &self.tok(t)[1..];
        let span = self.lines.span(self.tree.token_range(t));
        let Some((node, d, _)) = self.anchors.get(name) else {
            self.err(
                YamlErrorKind::Syntax,
                format!("`*{name}` refers to no anchor: define `&{name}` on a value before this line, or fix the name"),
                span,
            );
            return None;
        };
        if depth + d > NESTING_LIMIT {
            self.err(
                YamlErrorKind::NestingLimit,
                format!("the document nests lists and mappings deeper than {NESTING_LIMIT} levels here (line {}), through this alias. No contract needs that many; Charter stops reading so that no tool runs out of stack. Flatten the structure.", span.start.line),
                Span::point(span.start),
            );
            self.stopped = true;
            return None;
        }
        let size = count_nodes(node);
        self.expanded += size;
        if self.expanded > ALIAS_EXPANSION_LIMIT {
            self.err(
                YamlErrorKind::AliasLimit,
                format!("aliases expand to more than {ALIAS_EXPANSION_LIMIT} nodes; this looks like a 'billion laughs' document. Use fewer nested aliases."),
                span,
            );
            self.stopped = true;
            return None;
        }
        Some(Node {
            kind: node.kind.clone(),
            span,
        })
    }

    /// The key text of an alias used as a key.
    fn alias_key(&self, n: NodeId) -> Option<Result<Str, ()>> {
        let t = self.tree.own_token(n, Kind::Alias)?;
        let name = &self.tok(t)[1..];
        let (_, _, key) = self.anchors.get(name)?;
        Some(key.clone().ok_or(()))
    }

    fn entry(&mut self, e: NodeId, depth: usize, entries: &mut Vec<Entry>, seen: &mut Seen) {
        let tree = self.tree;
        let colon = tree.own_token(e, Kind::Colon);
        let mut key_node = None;
        let mut value_node = None;
        for c in tree.children(e) {
            let before_colon = colon.is_none_or(|t| (tree.nodes[c].first_token as usize) < t);
            if before_colon && key_node.is_none() && value_node.is_none() {
                key_node = Some(c);
            } else {
                value_node = Some(c);
            }
        }
        let scan = |n: Option<NodeId>| {
            n.filter(|&n| tree.kind(n) == Kind::Scalar)
                .map(|n| self.scan(n))
        };
        let (key_scan, value_scan) = (scan(key_node), scan(value_node));
        let broken = |n: Option<NodeId>, scan: &Option<Scan>| match scan {
            Some(s) => s.broken,
            None => n.is_some_and(|n| self.broken(n)),
        };
        // A broken key or value leaves the entry out (its error is reported).
        if broken(key_node, &key_scan)
            || broken(value_node, &value_scan)
            || (depth == 0 && self.holds_deep(e))
        {
            return;
        }
        let (key, key_span) = match key_node {
            None => {
                let r = tree.range(e);
                (Str::default(), self.lines.span(r.start..r.start))
            }
            Some(k) => {
                if let Some(ks) = &key_scan {
                    let span = self.lines.span(ks.range.clone());
                    let Some((text, token)) = self.scalar_text(k, ks) else {
                        return;
                    };
                    if let Some(a) = ks.anchor {
                        let node = Node {
                            kind: NodeKind::Scalar(value_of(text.clone(), token, ks.tag)),
                            span,
                        };
                        self.anchors.insert(a, (node, 0, Some(text.clone())));
                    }
                    (text, span)
                } else {
                    let span = self.content_span(k);
                    match tree.kind(k) {
                        Kind::AliasNode => match self.alias_key(k) {
                            Some(Ok(text)) => (text, span),
                            Some(Err(())) => {
                                self.complex_key(span);
                                return;
                            }
                            None => {
                                self.alias(k, depth);
                                return;
                            }
                        },
                        _ => {
                            // Built for its anchors only: a collection key has no place in the data.
                            self.node(k, depth + 1);
                            self.complex_key(span);
                            return;
                        }
                    }
                }
            }
        };
        let value = match value_node {
            Some(v) => match match &value_scan {
                Some(vs) => self.scalar(v, vs),
                None => self.node(v, depth + 1),
            } {
                Some(v) => v,
                None => return,
            },
            None => {
                // `key:` with nothing after it, or `? key` without `:`.
                match colon {
                    Some(t) => {
                        let end = tree.token_range(t).end;
                        Node {
                            kind: NodeKind::Scalar(Scalar::Null),
                            span: self.lines.span(end..end),
                        }
                    }
                    None => Node {
                        kind: NodeKind::Scalar(Scalar::Null),
                        span: Span::point(key_span.end),
                    },
                }
            }
        };
        if let Some(first) = seen.find(entries, &key) {
            let line = entries[first].key_span.start.line;
            self.err(
                YamlErrorKind::DuplicateKey,
                format!("duplicate key `{key}`: it is already defined at line {line}. Remove or rename one of them."),
                key_span,
            );
        } else {
            seen.add(&key, entries.len());
        }
        entries.push(Entry {
            key,
            key_span,
            value,
        });
    }

    fn complex_key(&mut self, span: Span) {
        self.err(
            YamlErrorKind::ComplexKey,
            "a list or mapping can't be used as a key; keys must be plain text".into(),
            Span::point(span.start),
        );
    }

    /// A scalar's text (what a key compares by) and its token's kind (`None` when empty);
    /// `None` when the scalar could not be read.
    fn scalar_text(&mut self, n: NodeId, scan: &Scan) -> Option<(Str, Option<Kind>)> {
        let tree = self.tree;
        if scan.unreadable {
            return None;
        }
        let Some(t) = scan.token else {
            return Some((Str::default(), None));
        };
        let raw = self.tok(t);
        let kind = tree.tokens[t].kind;
        let text = match kind {
            Kind::Plain => fold_plain(raw),
            Kind::SingleQuoted => fold_quoted(&raw[1..raw.len() - 1], false).0,
            Kind::DoubleQuoted => {
                let (s, bad) = fold_quoted(&raw[1..raw.len() - 1], true);
                if let Some(off) = bad {
                    let at = tree.token_range(t).start + 1 + off;
                    let span = self.lines.span(at..at + 1);
                    self.err(
                        YamlErrorKind::Syntax,
                        "an unknown escape in a double-quoted string: write `\\\\` for a backslash, or use single quotes".into(),
                        span,
                    );
                }
                s
            }
            _ => {
                let body = scan.body.filter(|&b| b > t).map_or("", |b| self.tok(b));
                block_text(raw, body, tree.nodes[n].aux as usize).into()
            }
        };
        Some((text, Some(kind)))
    }
}

/// A scalar's core-schema value from its text, its token's kind and its tag.
fn value_of(text: Str, token: Option<Kind>, tag: Option<&str>) -> Scalar {
    let Some(kind) = token else {
        // Empty: null, unless a tag other than the core schema's null, bool, int or
        // float makes it an (empty) string.
        return match (tag, tag.map(core_tag)) {
            (None, _) | (_, Some(Some("null" | "bool" | "int" | "float"))) => Scalar::Null,
            // `!!str`, another `!!` tag, or the non-specific `!`: a string.
            (Some(_), Some(Some(_))) | (Some("!"), _) => Scalar::Str(Str::default()),
            // An application's own tag: Charter can't know its type.
            _ => Scalar::Null,
        };
    };
    match tag {
        Some(tag) => match core_tag(tag) {
            Some("null") => Scalar::Null,
            Some("bool" | "int" | "float") => resolve_plain_owned(text),
            _ => Scalar::Str(text),
        },
        None if kind == Kind::Plain => resolve_plain_owned(text),
        None => Scalar::Str(text),
    }
}

/// The keys of one mapping seen so far: a scan while it is small, a hash map beyond.
#[derive(Default)]
struct Seen {
    map: Option<HashMap<Str, usize, std::hash::BuildHasherDefault<Fnv>>>,
}

impl Seen {
    /// The first entry with this key.
    fn find(&mut self, entries: &[Entry], key: &str) -> Option<usize> {
        if self.map.is_none() {
            if entries.len() < 16 {
                return entries.iter().position(|e| e.key == key);
            }
            let mut m: HashMap<Str, usize, _> = HashMap::default();
            for (i, e) in entries.iter().enumerate() {
                m.entry(e.key.clone()).or_insert(i);
            }
            self.map = Some(m);
        }
        self.map.as_ref()?.get(key).copied()
    }

    fn add(&mut self, key: &str, index: usize) {
        if let Some(m) = &mut self.map {
            m.entry(Str::new(key)).or_insert(index);
        }
    }
}

/// FNV-1a: keys are short and not chosen by an attacker who gains from collisions here
/// (the map only finds duplicates), so a fast hash beats SipHash.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A node the text does not give whole: an error, an unclosed quote, an unclosed `[` or
/// `{`. It is left out of the data (its syntax error is reported), so no check reads a
/// half-typed value.
impl Builder<'_> {
    fn broken(&self, n: NodeId) -> bool {
        let tree = self.tree;
        match tree.kind(n) {
            Kind::Error => true,
            Kind::Scalar => self.scan(n).broken,
            Kind::FlowSeq => tree.own_token(n, Kind::RBracket).is_none(),
            Kind::FlowMap => tree.own_token(n, Kind::RBrace).is_none(),
            _ => false,
        }
    }
}

/// What [`Builder::scan`] finds in a scalar node.
#[derive(Default)]
struct Scan<'a> {
    anchor: Option<&'a str>,
    tag: Option<&'a str>,
    /// The scalar token (`None` when the scalar is empty).
    token: Option<usize>,
    /// A block scalar's content lines.
    body: Option<usize>,
    /// Text that could not be read (an unclosed quote): the node is broken...
    broken: bool,
    /// ... and, before the scalar token, has no value at all.
    unreadable: bool,
    /// First to last non-trivia token (a block scalar without its final line breaks).
    range: std::ops::Range<usize>,
}

/// The core-schema name of a tag (`!!str`, `!<tag:yaml.org,2002:str>`), if it is one.
fn core_tag(tag: &str) -> Option<&str> {
    tag.strip_prefix("!!")
        .or_else(|| tag.strip_prefix("!<tag:yaml.org,2002:")?.strip_suffix('>'))
}

/// A plain scalar's value: lines joined by a space, an empty line kept as a line break.
fn fold_plain(raw: &str) -> Str {
    if memchr::memchr2(b'\n', b'\r', raw.as_bytes()).is_none() {
        return Str::new(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut blank = 0usize;
    for (i, line) in raw.split('\n').enumerate() {
        let line = line.trim_matches([' ', '\t', '\r']);
        if i == 0 {
            out.push_str(line);
            continue;
        }
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if blank == 0 {
            out.push(' ');
        } else {
            out.extend(std::iter::repeat_n('\n', blank));
        }
        blank = 0;
        out.push_str(line);
    }
    out.into()
}

/// A quoted scalar's value (the text between the quotes): escapes (double quotes) or `''`
/// (single quotes), and line folding. Returns the offset of an unknown escape, if any.
fn fold_quoted(inner: &str, double: bool) -> (Str, Option<usize>) {
    // Nothing to fold or unescape: the text as it is (a byte search, not a char one).
    let special = if double { b'\\' } else { b'\'' };
    if memchr::memchr3(b'\n', b'\r', special, inner.as_bytes()).is_none() {
        return (Str::new(inner), None);
    }
    let b = inner.as_bytes();
    let mut out = String::with_capacity(inner.len());
    // Output length that escapes produced, which trailing-blank trimming must not cross.
    let mut keep = 0usize;
    let mut bad = None;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if double && c == b'\\' {
            i += 1;
            let Some(&e) = b.get(i) else { break };
            let simple = match e {
                b'0' => Some('\0'),
                b'a' => Some('\u{7}'),
                b'b' => Some('\u{8}'),
                b't' | b'\t' => Some('\t'),
                b'n' => Some('\n'),
                b'v' => Some('\u{b}'),
                b'f' => Some('\u{c}'),
                b'r' => Some('\r'),
                b'e' => Some('\u{1b}'),
                b' ' => Some(' '),
                b'"' => Some('"'),
                b'/' => Some('/'),
                b'\\' => Some('\\'),
                b'N' => Some('\u{85}'),
                b'_' => Some('\u{a0}'),
                b'L' => Some('\u{2028}'),
                b'P' => Some('\u{2029}'),
                _ => None,
            };
            if let Some(ch) = simple {
                out.push(ch);
                keep = out.len();
                i += 1;
                continue;
            }
            let digits = match e {
                b'x' => 2,
                b'u' => 4,
                b'U' => 8,
                b'\n' | b'\r' => {
                    // An escaped line break: the lines join with nothing between them;
                    // empty lines after it are line feeds.
                    i = skip_break(b, i);
                    loop {
                        while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
                            i += 1;
                        }
                        if i < b.len() && (b[i] == b'\n' || b[i] == b'\r') {
                            out.push('\n');
                            i = skip_break(b, i);
                        } else {
                            break;
                        }
                    }
                    keep = out.len();
                    continue;
                }
                _ => 0,
            };
            let hex = inner.get(i + 1..i + 1 + digits).unwrap_or("");
            match (digits > 0 && hex.len() == digits)
                .then(|| u32::from_str_radix(hex, 16).ok())
                .flatten()
                .and_then(char::from_u32)
            {
                Some(ch) => {
                    out.push(ch);
                    keep = out.len();
                    i += 1 + digits;
                }
                None => {
                    bad.get_or_insert(i - 1);
                    // Past the whole character after the backslash.
                    i += inner[i..].chars().next().map_or(1, char::len_utf8);
                }
            }
            continue;
        }
        if !double && c == b'\'' {
            // `''` is one quote.
            out.push('\'');
            keep = out.len();
            i += 2;
            continue;
        }
        if c == b'\n' || c == b'\r' {
            // Fold: trailing blanks go, the break becomes a space, empty lines breaks.
            while out.len() > keep && (out.ends_with(' ') || out.ends_with('\t')) {
                out.pop();
            }
            i = skip_break(b, i);
            let mut empty = 0;
            loop {
                let mut j = i;
                while j < b.len() && (b[j] == b' ' || b[j] == b'\t') {
                    j += 1;
                }
                if j < b.len() && (b[j] == b'\n' || b[j] == b'\r') {
                    empty += 1;
                    i = skip_break(b, j);
                } else {
                    i = j;
                    break;
                }
            }
            if empty == 0 {
                out.push(' ');
            } else {
                out.extend(std::iter::repeat_n('\n', empty));
            }
            keep = out.len();
            continue;
        }
        // Copy a run of ordinary bytes.
        let start = i;
        let special = if double { b'\\' } else { b'\'' };
        while i < b.len() && !matches!(b[i], b'\n' | b'\r') && b[i] != special {
            i += 1;
        }
        out.push_str(&inner[start..i]);
    }
    (out.into(), bad)
}

fn skip_break(b: &[u8], i: usize) -> usize {
    if b.get(i) == Some(&b'\r') && b.get(i + 1) == Some(&b'\n') {
        i + 2
    } else {
        i + 1
    }
}

/// A block scalar's value from its header (`|`, `>-`, `|2+`), its content lines and
/// their indentation.
fn block_text(header: &str, body: &str, indent: usize) -> String {
    let folded = header.starts_with('>');
    let chomp = if header.contains('-') {
        '-'
    } else if header.contains('+') {
        '+'
    } else {
        ' '
    };
    // The lines, without their indentation; `None` for an empty line.
    let mut lines: Vec<&str> = body
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    if body.ends_with('\n') || body.is_empty() {
        lines.pop();
    }
    let content: Vec<Option<&str>> = lines
        .iter()
        .map(|l| {
            let sp = l.bytes().take(indent).take_while(|&b| b == b' ').count();
            let rest = &l[sp..];
            if rest.is_empty() {
                None
            } else {
                Some(rest)
            }
        })
        .collect();
    // Trailing empty lines are for chomping.
    let last = content.iter().rposition(|l| l.is_some());
    let (body_lines, trailing) = match last {
        Some(i) => (&content[..=i], content.len() - i - 1),
        None => (&content[..0], content.len()),
    };
    let mut out = String::new();
    if folded {
        let mut prev_more = false;
        let mut first = true;
        let mut empties = 0usize;
        for l in body_lines {
            match l {
                None => empties += 1,
                Some(text) => {
                    let more = text.starts_with([' ', '\t']);
                    if !first {
                        if !more && !prev_more && empties == 0 {
                            out.push(' ');
                        } else if !more && !prev_more {
                            out.extend(std::iter::repeat_n('\n', empties));
                        } else {
                            out.extend(std::iter::repeat_n('\n', empties + 1));
                        }
                    } else {
                        out.extend(std::iter::repeat_n('\n', empties));
                    }
                    out.push_str(text);
                    empties = 0;
                    first = false;
                    prev_more = more;
                }
            }
        }
    } else {
        for (i, l) in body_lines.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(l.unwrap_or(""));
        }
    }
    let has_content = last.is_some();
    match chomp {
        '-' => {}
        '+' => {
            if has_content {
                out.push('\n');
            }
            out.extend(std::iter::repeat_n('\n', trailing));
        }
        _ => {
            if has_content {
                out.push('\n');
            }
        }
    }
    out
}

/// How deeply lists and mappings nest in `n` (0 for a scalar). Bounded by the tree.
pub(crate) fn depth_of(n: &Node) -> usize {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold_plain("a\n  b\n\n  c"), "a b\nc");
        assert_eq!(fold_quoted("a \\\n  b", true).0, "a b");
        assert_eq!(fold_quoted("a\\\n  b", true).0, "ab");
        assert_eq!(fold_quoted("it''s", false).0, "it's");
        assert_eq!(fold_quoted("\\x41\\u00e9", true).0, "Aé");
        assert!(fold_quoted("\\q", true).1.is_some());
    }

    #[test]
    fn block_scalars() {
        assert_eq!(block_text("|", "  a\n  b\n\n", 2), "a\nb\n");
        assert_eq!(block_text("|-", "  a\n  b\n\n", 2), "a\nb");
        assert_eq!(block_text("|+", "  a\n  b\n\n", 2), "a\nb\n\n");
        assert_eq!(block_text(">", "  a\n  b\n\n  c\n", 2), "a b\nc\n");
        assert_eq!(block_text(">", "  a\n    b\n  c\n", 2), "a\n  b\nc\n");
    }
}

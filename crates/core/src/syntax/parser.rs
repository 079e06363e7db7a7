//! The parser: text → [`Tree`], in one pass, with look-ahead from [`super::scan`].
//!
//! It follows the block structure by indentation, as the YAML 1.2 productions do:
//! a block node at indentation `n` holds content indented more than `n` (a sequence that
//! is a mapping's value may sit at the mapping's own indentation). Recursion is bounded:
//! every collection counts against [`NESTING_LIMIT`].
//!
//! Recovery: where a line cannot be read, the rest of that line (and the lines indented
//! under it) become one `Error` node with one [`SyntaxError`], and parsing goes on with
//! the next line at the enclosing indentation.

use super::scan::{self, blank_at, is_break, is_ws};
use super::{ErrorKind, Kind, NodeData, SyntaxError, Token, Tree};

/// The deepest nesting of collections the parser reads (see `yaml::NESTING_LIMIT`).
pub const NESTING_LIMIT: usize = 128;

/// Parse a text. Never panics; the text must be at most `u32::MAX` bytes.
pub fn parse(text: &str) -> Tree {
    let mut p = Parser {
        s: text.as_bytes(),
        pos: 0,
        line_start: 0,
        // Measured on generated contracts: a token per 5.5 bytes, a node per 10.
        tokens: Vec::with_capacity(text.len() / 5 + 4),
        nodes: Vec::with_capacity(text.len() / 9 + 4),
        stack: Vec::new(),
        errors: Vec::new(),
        depth: 0,
        too_deep: false,
        handles: Vec::new(),
        anchors: false,
    };
    p.stream();
    p.tokens.shrink_to_fit();
    p.nodes.shrink_to_fit();
    Tree {
        tokens: p.tokens,
        nodes: p.nodes,
        errors: p.errors,
        len: text.len(),
        anchors: p.anchors,
    }
}

/// What came just before a block node on its line.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum After {
    /// `- `: a compact sequence or mapping may follow on the same line.
    Dash,
    /// `? `: an explicit key; compact collections may follow.
    Question,
    /// `: ` after an explicit key: compact collections may follow.
    ExplicitColon,
    /// `: ` after an implicit key: only a scalar or a flow node on the same line.
    Colon,
    /// `---` or the start of a bare document.
    Document,
}

impl After {
    fn compact(self) -> bool {
        matches!(self, After::Dash | After::Question | After::ExplicitColon)
    }
    /// Block-out context: a sequence may sit at the parent's own indentation.
    fn seq_at_parent(self) -> bool {
        matches!(self, After::Colon | After::ExplicitColon | After::Question)
    }
}

/// The next line with content.
#[derive(Clone, Copy, Debug)]
struct Line {
    /// Where its content starts.
    content: usize,
    /// Its indentation in spaces.
    indent: usize,
    /// A tab between the indentation and the content.
    tab: bool,
    /// First on its line (only blanks before it): on a later line than the position
    /// looked from, or at the start of the current one.
    new_line: bool,
    /// At column 0: `---` or `...`.
    marker: bool,
}

struct Parser<'a> {
    s: &'a [u8],
    pos: usize,
    /// Start of the line that holds `pos`.
    line_start: usize,
    tokens: Vec<Token>,
    nodes: Vec<NodeData>,
    stack: Vec<usize>,
    errors: Vec<SyntaxError>,
    depth: usize,
    too_deep: bool,
    /// The named tag handles (`!e!`) the current document's `%TAG` directives declare.
    handles: Vec<Vec<u8>>,
    /// An anchor or alias token was emitted.
    anchors: bool,
}

impl<'a> Parser<'a> {
    // ----- building -----

    fn start(&mut self, kind: Kind) {
        self.stack.push(self.nodes.len());
        self.nodes.push(NodeData {
            kind,
            first_token: self.tokens.len() as u32,
            end_token: 0,
            end: 0,
            aux: 0,
        });
    }

    fn finish(&mut self) {
        if let Some(i) = self.stack.pop() {
            self.nodes[i].end_token = self.tokens.len() as u32;
            self.nodes[i].end = self.nodes.len() as u32;
        }
    }

    /// A checkpoint to wrap what follows in a node decided later.
    fn checkpoint(&self) -> (usize, usize) {
        (self.nodes.len(), self.tokens.len())
    }

    /// Open a node that starts at `cp` (its content, already emitted, becomes its children).
    fn start_at(&mut self, cp: (usize, usize), kind: Kind) {
        let (at, tok) = cp;
        for n in &mut self.nodes[at..] {
            n.end += 1;
        }
        self.nodes.insert(
            at,
            NodeData {
                kind,
                first_token: tok as u32,
                end_token: 0,
                end: 0,
                aux: 0,
            },
        );
        for s in &mut self.stack {
            if *s >= at {
                *s += 1;
            }
        }
        self.stack.push(at);
    }

    /// Emit a token from `pos` to `end`.
    fn token(&mut self, kind: Kind, end: usize) {
        let end = self.boundary(end);
        if end <= self.pos {
            return;
        }
        // Only these tokens hold line breaks.
        match kind {
            Kind::Newline => self.line_start = end,
            Kind::Plain
            | Kind::SingleQuoted
            | Kind::DoubleQuoted
            | Kind::BlockText
            | Kind::ErrorToken => {
                if let Some(k) = memchr::memrchr2(b'\n', b'\r', &self.s[self.pos..end]) {
                    self.line_start = self.pos + k + 1;
                }
            }
            Kind::Anchor | Kind::Alias => self.anchors = true,
            _ => {}
        }
        self.tokens.push(Token {
            kind,
            start: self.pos as u32,
        });
        self.pos = end;
    }

    /// A tag token to `end`; a named handle (`!e!x`) must be declared by `%TAG`.
    fn tag_token(&mut self, end: usize) {
        let t = &self.s[self.pos..end];
        if !t.starts_with(b"!<") {
            if let Some(k) = t[1..].iter().position(|&b| b == b'!') {
                let handle = &t[..k + 2];
                if handle != b"!!" && !self.handles.iter().any(|h| h == handle) {
                    let h = String::from_utf8_lossy(handle).into_owned();
                    self.error(
                        self.pos,
                        end,
                        format!("the tag handle `{h}` is not declared for this document: add `%TAG {h} <prefix>` before its `---`"),
                    );
                }
            }
        }
        self.token(Kind::Tag, end);
    }

    /// `i`, or the end of the character it falls in: tokens and errors never split one.
    fn boundary(&self, i: usize) -> usize {
        let mut i = i.min(self.s.len());
        while i < self.s.len() && (self.s[i] & 0xC0) == 0x80 {
            i += 1;
        }
        i
    }

    fn error(&mut self, start: usize, end: usize, message: impl Into<String>) {
        let start = self.boundary(start);
        self.errors.push(SyntaxError {
            start,
            end: self.boundary(end).max(start),
            message: message.into(),
            kind: ErrorKind::Syntax,
        });
    }

    fn byte(&self, i: usize) -> u8 {
        self.s.get(i).copied().unwrap_or(0)
    }

    fn eof(&self) -> bool {
        self.pos >= self.s.len()
    }

    /// The column (in characters) of byte `i` on the current line.
    fn col(&self, i: usize) -> usize {
        let line = &self.s[self.line_start..i.max(self.line_start)];
        if line.is_ascii() {
            line.len()
        } else {
            line.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
        }
    }

    // ----- trivia -----

    fn ws(&mut self) {
        let e = scan::inline_ws(self.s, self.pos);
        self.token(Kind::Whitespace, e);
    }

    /// Blanks, then a comment, up to the line break (not included).
    fn rest_of_line_trivia(&mut self) {
        self.ws();
        if self.byte(self.pos) == b'#' {
            let e = scan::line_end(self.s, self.pos);
            self.token(Kind::Comment, e);
        }
    }

    fn newline(&mut self) {
        let e = scan::after_break(self.s, self.pos);
        self.token(Kind::Newline, e);
    }

    /// Emit the trivia from `pos` up to `to` (blanks, comments, line breaks).
    fn trivia_to(&mut self, to: usize) {
        while self.pos < to {
            let c = self.byte(self.pos);
            if is_ws(c) {
                let e = scan::inline_ws(self.s, self.pos).min(to);
                self.token(Kind::Whitespace, e);
            } else if is_break(c) {
                self.newline();
            } else if c == b'#' {
                let e = scan::line_end(self.s, self.pos);
                self.token(Kind::Comment, e);
            } else {
                // Not trivia: the caller's look-ahead was wrong; keep the text anyway.
                let e = scan::line_end(self.s, self.pos).min(to).max(self.pos + 1);
                self.error(self.pos, e, "unexpected text here");
                self.token(Kind::ErrorToken, e);
            }
        }
    }

    /// The next line with content, looking from `from`.
    fn peek_line(&self, from: usize) -> Option<Line> {
        let s = self.s;
        let mut i = scan::inline_ws(s, from);
        let mut line_start = self.line_start;
        // Content that is the first thing on its line counts as a new line.
        let mut new_line = s[line_start.min(from)..from]
            .iter()
            .rev()
            .all(|&b| is_ws(b));
        loop {
            if i >= s.len() {
                return None;
            }
            if s[i] == b'#' {
                i = scan::line_end(s, i);
            }
            if i >= s.len() {
                return None;
            }
            if !is_break(s[i]) {
                let indent = if new_line {
                    scan::spaces(s, line_start) - line_start
                } else {
                    self.col(i)
                };
                let spaces_end = line_start + indent;
                return Some(Line {
                    content: i,
                    indent,
                    tab: new_line && i > spaces_end && s[spaces_end..i].contains(&b'\t'),
                    new_line,
                    marker: new_line && i == line_start && scan::doc_marker(s, i).is_some(),
                });
            }
            i = scan::after_break(s, i);
            line_start = i;
            new_line = true;
            i = scan::inline_ws(s, i);
        }
    }

    /// At the end of a node on its line: blanks, a comment, then the line break must
    /// follow. Anything else is an error to the end of the line.
    fn end_of_line(&mut self) {
        let before = self.pos;
        self.ws();
        let c = self.byte(self.pos);
        if self.eof() || is_break(c) {
            return;
        }
        if c == b'#' {
            if self.pos == before && before > self.line_start {
                self.error(
                    self.pos,
                    self.pos + 1,
                    "a comment must be separated from the value by a space: write ` #`",
                );
            }
            self.rest_of_line_trivia();
            return;
        }
        let what = match c {
            b':' => "a `key: value` pair can't start here: this value is already complete. Check the indentation of this line, or quote a value that contains `: `",
            b'"' | b'\'' => "text follows a quoted string on its line: put everything inside the quotes",
            _ => "unexpected text after the value: quote the whole value, or move this to its own line",
        };
        self.error_to_eol(what);
    }

    /// An `Error` node from `pos` to the end of the line.
    fn error_to_eol(&mut self, message: &str) {
        let e = scan::line_end(self.s, self.pos);
        self.error(self.pos, e, message);
        self.start(Kind::Error);
        self.token(Kind::ErrorToken, e);
        self.finish();
    }

    /// An `Error` node from `pos` to the end of the line and over the lines indented more
    /// than `n` below it: a broken entry and what belongs to it.
    fn error_block(&mut self, n: i64, message: &str) {
        let start = self.pos;
        let mut e = scan::line_end(self.s, self.pos);
        self.error(start, e, message);
        self.start(Kind::Error);
        loop {
            self.token(Kind::ErrorToken, e);
            match self.peek_line(self.pos) {
                Some(l) if l.new_line && !l.marker && (l.indent as i64) > n => {
                    self.trivia_to(l.content);
                    e = scan::line_end(self.s, self.pos);
                }
                _ => break,
            }
        }
        self.finish();
    }

    // ----- stream and documents -----

    fn stream(&mut self) {
        self.start(Kind::Stream);
        if self.s.starts_with("\u{feff}".as_bytes()) {
            self.token(Kind::Bom, 3);
        }
        self.check_characters();
        loop {
            match self.peek_line(self.pos) {
                None => {
                    self.trivia_to(self.s.len());
                    break;
                }
                Some(l) => {
                    let ls = self.line_start_of(l);
                    if l.new_line {
                        self.trivia_to(ls);
                    }
                }
            }
            let before = self.pos;
            self.document();
            if self.pos == before {
                // Never loop without progress.
                self.error_to_eol("unexpected text");
            }
        }
        self.finish();
    }

    /// Start of the line that holds a peeked line's content.
    fn line_start_of(&self, l: Line) -> usize {
        if l.new_line {
            let mut i = l.content;
            while i > 0 && !is_break(self.s[i - 1]) {
                i -= 1;
            }
            i
        } else {
            self.line_start
        }
    }

    /// One error for the first character YAML does not allow in a text.
    fn check_characters(&mut self) {
        let bad = self
            .s
            .iter()
            .position(|&b| b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r' || b == 0x7f);
        if let Some(i) = bad {
            self.error(
                i,
                i + 1,
                format!(
                    "this text holds a control character (byte 0x{:02X}) that YAML does not allow: is this a binary file? Remove the character, or open a text file",
                    self.s[i]
                ),
            );
        }
    }

    fn document(&mut self) {
        self.start(Kind::Document);
        let mut directives = false;
        let mut yaml_directive = false;
        self.handles.clear();
        // Directives.
        while self.pos == self.line_start && self.byte(self.pos) == b'%' {
            let start = self.pos;
            let mut e = scan::line_end(self.s, self.pos);
            // A comment after the directive.
            if let Some(h) = find_comment(&self.s[start..e]) {
                e = start + h;
            }
            let text = String::from_utf8_lossy(&self.s[start..e])
                .trim_end()
                .to_string();
            let e = start + text.len();
            if let Some(rest) = text.strip_prefix("%TAG") {
                if let Some(h) = rest.split_whitespace().next() {
                    self.handles.push(h.as_bytes().to_vec());
                }
            }
            if text.starts_with("%YAML") {
                if yaml_directive {
                    self.error(
                        start,
                        e,
                        "a second %YAML directive for the same document: keep one",
                    );
                }
                yaml_directive = true;
                let mut parts = text.split_whitespace();
                parts.next();
                let version_ok = parts
                    .next()
                    .map(|v| {
                        let mut it = v.split('.');
                        it.next()
                            .is_some_and(|a| !a.is_empty() && a.bytes().all(|b| b.is_ascii_digit()))
                            && it.next().is_some_and(|b| {
                                !b.is_empty() && b.bytes().all(|b| b.is_ascii_digit())
                            })
                            && it.next().is_none()
                    })
                    .unwrap_or(false);
                if !version_ok || parts.next().is_some() {
                    self.error(
                        start,
                        e,
                        "a %YAML directive takes one version, such as `%YAML 1.2`",
                    );
                }
            }
            self.token(Kind::Directive, e);
            self.rest_of_line_trivia();
            directives = true;
            match self.peek_line(self.pos) {
                Some(l) => {
                    let ls = self.line_start_of(l);
                    self.trivia_to(ls);
                }
                None => self.trivia_to(self.s.len()),
            }
        }
        let explicit = self.pos == self.line_start
            && scan::doc_marker(self.s, self.pos) == Some(Kind::DocStart);
        if explicit {
            self.token(Kind::DocStart, self.pos + 3);
            self.block_value(-1, After::Document);
        } else {
            if directives {
                let e = scan::line_end(self.s, self.pos);
                self.error(
                    self.pos,
                    e,
                    "directives (`%YAML`, `%TAG`) must be followed by `---` before the document",
                );
            }
            if self.pos == self.line_start
                && scan::doc_marker(self.s, self.pos) == Some(Kind::DocEnd)
            {
                // An empty bare document: `...` alone.
            } else {
                self.block_value_below(-1, After::Document, None);
            }
        }
        // After the body: trailing trivia, then `...`, `---`, the end, or leftover text.
        loop {
            match self.peek_line(self.pos) {
                None => break,
                Some(l) if l.new_line && l.marker => {
                    let ls = self.line_start_of(l);
                    self.trivia_to(ls);
                    if scan::doc_marker(self.s, self.pos) == Some(Kind::DocEnd) {
                        self.token(Kind::DocEnd, self.pos + 3);
                        self.end_of_line();
                        // Trailing trivia after `...` stays in this document.
                        if let Some(l2) = self.peek_line(self.pos) {
                            let ls2 = self.line_start_of(l2);
                            if l2.new_line {
                                self.trivia_to(ls2);
                            }
                        }
                    }
                    break;
                }
                Some(l) => {
                    if l.new_line {
                        let ls = self.line_start_of(l);
                        self.trivia_to(ls);
                        if self.byte(self.pos) == b'%' && !explicit {
                            // A directive after a bare document needs `...` first.
                            self.error_to_eol(
                                "a directive after a document: end the document with `...` first",
                            );
                            continue;
                        }
                        self.trivia_to(l.content);
                    } else {
                        self.trivia_to(l.content);
                    }
                    let before = self.pos;
                    self.error_block(
                        -1,
                        "this line is not part of the document's structure: check its indentation against the lines above",
                    );
                    if self.pos == before {
                        break;
                    }
                }
            }
        }
        self.finish();
    }

    // ----- block nodes -----

    /// A block node after `after` (the position is just past the indicator, or at the
    /// start of a bare document). `n` is the indentation of the parent collection.
    fn block_value(&mut self, n: i64, after: After) {
        let sep = self.pos;
        self.ws();
        let p = self.pos;
        if after.compact() && self.s[sep..p].contains(&b'\t') {
            // A tab may separate `- ` from a scalar, not from a nested collection.
            let c = self.byte(p);
            let nested = (matches!(c, b'-' | b'?' | b':') && blank_at(self.s, p + 1))
                || scan::implicit_key(self.s, p, false).is_some();
            if nested {
                self.error(
                    sep,
                    p,
                    "a tab before a nested list or mapping: its indentation must be spaces",
                );
            }
        }
        if self.at_line_end_or_comment(p) {
            return self.block_value_below(n, after, None);
        }
        let q = scan::props(self.s, p);
        let has_props = q > p;
        if has_props && self.at_line_end_or_comment(q) {
            return self.block_value_below(n, after, Some(p));
        }
        let c = self.byte(q);
        match c {
            b'|' | b'>' => self.block_scalar(n, has_props.then_some(q)),
            b'-' if blank_at(self.s, q + 1) && !has_props && after.compact() => {
                let col = self.col(q) as i64;
                self.block_seq(col, None);
            }
            b'?' | b':' if blank_at(self.s, q + 1) && !has_props && after.compact() => {
                let col = self.col(q) as i64;
                self.block_map(col, None);
            }
            b'-' if blank_at(self.s, q + 1) => {
                self.error_block(n, if after == After::Colon {
                    "a list can't start on the same line as its key: move `- ` to the next line, indented"
                } else {
                    "a list can't start here: put each `- ` item on its own line"
                });
            }
            _ => {
                if scan::implicit_key(self.s, p, false).is_some() {
                    if after.compact() {
                        let col = self.col(p) as i64;
                        self.block_map(col, None);
                    } else if after == After::Document {
                        self.error_block(
                            n,
                            "a mapping can't start on the `---` line: move it to the next line",
                        );
                    } else {
                        // `a: b: c`
                        self.flow_node(n + 1, false);
                        self.end_of_line();
                    }
                } else {
                    self.flow_node(n + 1, false);
                    self.end_of_line();
                }
            }
        }
    }

    fn at_line_end_or_comment(&self, i: usize) -> bool {
        i >= self.s.len() || is_break(self.s[i]) || self.s[i] == b'#'
    }

    /// A block node whose content starts on a later line (or is empty). `props` is where
    /// its properties start on this line.
    fn block_value_below(&mut self, n: i64, after: After, props: Option<usize>) {
        let from = match props {
            Some(p) => scan::inline_ws(self.s, scan::props(self.s, p)),
            None => self.pos,
        };
        enum Plan {
            Empty,
            Seq(i64),
            Map(i64),
            Scalar,
            Block,
        }
        // Lines that hold only properties belong to the node below them.
        let mut line = self.peek_line(from);
        let mut props_start = props;
        let mut props_end = from;
        while let Some(l) = line {
            if !l.new_line || l.marker || l.indent as i64 <= n {
                break;
            }
            let q = scan::props(self.s, l.content);
            if q > l.content && self.at_line_end_or_comment(q) {
                props_start.get_or_insert(l.content);
                props_end = q;
                line = self.peek_line(q);
            } else {
                break;
            }
        }
        let plan = match line {
            Some(l) if l.new_line && !l.marker => {
                let ind = l.indent as i64;
                let dash = self.byte(l.content) == b'-' && blank_at(self.s, l.content + 1);
                if dash && (ind > n || (ind == n && after.seq_at_parent())) {
                    Plan::Seq(ind)
                } else if ind > n {
                    let c = self.byte(l.content);
                    if (c == b'?' || c == b':') && blank_at(self.s, l.content + 1)
                        || scan::implicit_key(self.s, l.content, false).is_some()
                    {
                        Plan::Map(ind)
                    } else if c == b'|' || c == b'>' {
                        Plan::Block
                    } else {
                        Plan::Scalar
                    }
                } else {
                    Plan::Empty
                }
            }
            _ => Plan::Empty,
        };
        if let (Some(l), Plan::Seq(_) | Plan::Map(_)) = (line, &plan) {
            if l.tab {
                self.error(
                    l.content - 1,
                    l.content,
                    "a tab in the indentation: YAML indents with spaces only",
                );
            }
        }
        if props.is_none() {
            match (props_start, line) {
                (Some(ps), _) => self.trivia_to(ps),
                (None, Some(l)) if !matches!(plan, Plan::Empty) => self.trivia_to(l.content),
                _ => {}
            }
        }
        let props_to = props_start.and(line.map(|l| l.content));
        match plan {
            Plan::Empty => {
                if props_start.is_some() {
                    self.start(Kind::Scalar);
                    self.props_to(props_end);
                    self.finish();
                }
            }
            Plan::Seq(m) => self.block_seq(m, props_to),
            Plan::Map(m) => self.block_map(m, props_to),
            Plan::Block => self.block_scalar(n, props_to),
            Plan::Scalar => {
                // A flow node on its own line(s); its properties may be above it.
                self.flow_node(n + 1, false);
                self.end_of_line();
            }
        }
    }

    /// A node has at most one anchor and one tag (its properties are the tokens from
    /// `first`).
    fn one_anchor_and_tag(&mut self, first: usize) {
        let (mut anchors, mut tags) = (0, 0);
        for t in &self.tokens[first..] {
            match t.kind {
                Kind::Anchor => anchors += 1,
                Kind::Tag => tags += 1,
                _ => {}
            }
        }
        if anchors > 1 || tags > 1 {
            let at = self.tokens[first].start as usize;
            self.error(
                at,
                self.pos,
                "a value can have one anchor and one tag: remove the extra one",
            );
        }
    }

    /// Emit node properties (anchors, tags) and the trivia between them, up to `to`.
    fn props_to(&mut self, to: usize) {
        let first = self.tokens.len();
        self.props_to_inner(to);
        if self.tokens.len() > first {
            self.one_anchor_and_tag(first);
        }
    }

    fn props_to_inner(&mut self, to: usize) {
        while self.pos < to {
            let c = self.byte(self.pos);
            match c {
                b'&' => {
                    let e = scan::anchor_name(self.s, self.pos + 1);
                    if e == self.pos + 1 {
                        self.error(self.pos, e, "an anchor needs a name: `&name`");
                    }
                    self.token(Kind::Anchor, e.min(to));
                }
                b'!' => {
                    let e = scan::tag(self.s, self.pos);
                    self.tag_token(e.min(to));
                }
                _ if is_ws(c) => self.ws(),
                _ if is_break(c) => self.newline(),
                b'#' => {
                    let e = scan::line_end(self.s, self.pos).min(to);
                    self.token(Kind::Comment, e);
                }
                _ => {
                    let e = scan::line_end(self.s, self.pos).min(to).max(self.pos + 1);
                    self.error(self.pos, e, "unexpected text here");
                    self.token(Kind::ErrorToken, e);
                }
            }
        }
    }

    fn enter(&mut self) -> bool {
        if self.depth >= NESTING_LIMIT {
            if !self.too_deep {
                self.too_deep = true;
                self.errors.push(SyntaxError {
                    start: self.pos,
                    end: self.pos,
                    message: format!("the document nests lists and mappings deeper than {NESTING_LIMIT} levels here. No contract needs that many; Charter stops reading this part so that no tool runs out of stack. Flatten the structure."),
                    kind: ErrorKind::TooDeep,
                });
            }
            return false;
        }
        self.depth += 1;
        true
    }

    /// Swallow the rest of a too-deep node: this line and the lines indented under it.
    fn skip_deep(&mut self, n: i64) {
        let start = self.pos;
        self.start(Kind::Error);
        let mut e = scan::line_end(self.s, self.pos);
        loop {
            self.token(Kind::ErrorToken, e);
            match self.peek_line(self.pos) {
                Some(l) if l.new_line && !l.marker && (l.indent as i64) > n => {
                    self.trivia_to(l.content);
                    e = scan::line_end(self.s, self.pos);
                }
                _ => break,
            }
        }
        self.finish();
        let _ = start;
    }

    /// A block sequence whose entries are at column `m`; `pos` is at the first `-` (or at
    /// the properties above it).
    fn block_seq(&mut self, m: i64, props_to: Option<usize>) {
        if !self.enter() {
            return self.skip_deep(m - 1);
        }
        self.start(Kind::BlockSeq);
        if let Some(to) = props_to {
            self.props_to(to);
        }
        loop {
            // At a `-` in column m.
            self.start(Kind::SeqEntry);
            self.token(Kind::Dash, self.pos + 1);
            self.block_value(m, After::Dash);
            self.finish();
            match self.peek_line(self.pos) {
                Some(l) if l.new_line && !l.marker && l.indent as i64 >= m => {
                    let dash = self.byte(l.content) == b'-' && blank_at(self.s, l.content + 1);
                    if l.indent as i64 == m && dash {
                        self.trivia_to(l.content);
                        if l.tab {
                            self.error(
                                l.content - 1,
                                l.content,
                                "a tab in the indentation: YAML indents with spaces only",
                            );
                        }
                        continue;
                    }
                    if l.indent as i64 == m {
                        break;
                    }
                    self.trivia_to(l.content);
                    self.error_block(m, "this line is indented more than the list item above it, but it is not part of that item: check its indentation");
                    match self.peek_line(self.pos) {
                        Some(l)
                            if l.new_line
                                && !l.marker
                                && l.indent as i64 == m
                                && self.byte(l.content) == b'-'
                                && blank_at(self.s, l.content + 1) =>
                        {
                            self.trivia_to(l.content);
                            continue;
                        }
                        _ => break,
                    }
                }
                _ => break,
            }
        }
        self.finish();
        self.depth -= 1;
    }

    /// A block mapping whose keys are at column `m`; `pos` is at the first key (or at the
    /// properties above it).
    fn block_map(&mut self, m: i64, props_to: Option<usize>) {
        if !self.enter() {
            return self.skip_deep(m - 1);
        }
        self.start(Kind::BlockMap);
        if let Some(to) = props_to {
            self.props_to(to);
        }
        loop {
            self.map_entry(m);
            match self.peek_line(self.pos) {
                Some(l) if l.new_line && !l.marker && l.indent as i64 >= m => {
                    self.trivia_to(l.content);
                    if l.tab {
                        self.error(
                            l.content - 1,
                            l.content,
                            "a tab in the indentation: YAML indents with spaces only",
                        );
                    }
                    if l.indent as i64 > m {
                        self.error_block(m, "this line is indented more than the keys above it, but it is not part of their value: check its indentation");
                        match self.peek_line(self.pos) {
                            Some(l2) if l2.new_line && !l2.marker && l2.indent as i64 == m => {
                                self.trivia_to(l2.content);
                            }
                            _ => break,
                        }
                    }
                }
                _ => break,
            }
        }
        self.finish();
        self.depth -= 1;
    }

    /// One entry of a block mapping at column `m`; `pos` is at its first character.
    fn map_entry(&mut self, m: i64) {
        let c = self.byte(self.pos);
        if c == b'?' && blank_at(self.s, self.pos + 1) {
            self.start(Kind::MapEntry);
            self.token(Kind::Question, self.pos + 1);
            self.block_value(m, After::Question);
            if let Some(l) = self.peek_line(self.pos) {
                if l.new_line
                    && !l.marker
                    && l.indent as i64 == m
                    && self.byte(l.content) == b':'
                    && blank_at(self.s, l.content + 1)
                {
                    self.trivia_to(l.content);
                    self.token(Kind::Colon, self.pos + 1);
                    self.block_value(m, After::ExplicitColon);
                }
            }
            self.finish();
            return;
        }
        if c == b':' && blank_at(self.s, self.pos + 1) {
            // An entry with an empty key (read like an explicit value, as libyaml does:
            // `: - a` is a list).
            self.start(Kind::MapEntry);
            self.token(Kind::Colon, self.pos + 1);
            self.block_value(m, After::ExplicitColon);
            self.finish();
            return;
        }
        match scan::implicit_key(self.s, self.pos, false) {
            Some(colon) => {
                self.start(Kind::MapEntry);
                let key_start = self.pos;
                if self.s[key_start..colon].len() > 1024 {
                    self.error(key_start, colon, "a key longer than 1024 characters: YAML allows implicit keys up to 1024 characters; shorten it");
                }
                self.flow_node(i64::MAX, true);
                self.ws();
                if self.pos == colon {
                    self.token(Kind::Colon, colon + 1);
                } else {
                    // The key read differently from the look-ahead: keep the text.
                    self.trivia_or_error_to(colon);
                    self.token(Kind::Colon, colon + 1);
                }
                self.block_value(m, After::Colon);
                self.finish();
            }
            None => {
                let msg = if self.byte(self.pos) == b'-' && blank_at(self.s, self.pos + 1) {
                    "a list item where a `key:` is expected: indent the list under its key, or add the key"
                } else if self.byte(self.pos) == b'"' || self.byte(self.pos) == b'\'' {
                    "a key in quotes that is not closed on its line, or not followed by `:`: close the quote and add `: value`"
                } else {
                    "expected `key: value` here: add the `:` after the key, or indent this line under the key it belongs to"
                };
                self.error_block(m, msg);
            }
        }
    }

    fn trivia_or_error_to(&mut self, to: usize) {
        if self.pos < to {
            let start = self.pos;
            self.error(start, to, "unexpected text before `:`");
            self.token(Kind::ErrorToken, to);
        }
    }

    /// A block scalar (`|` or `>`) in a node at indentation `n`; `pos` is at its
    /// properties or its indicator.
    fn block_scalar(&mut self, n: i64, props_to: Option<usize>) {
        self.start(Kind::Scalar);
        if let Some(to) = props_to {
            self.props_to(to);
        }
        // Header: indicator, then indentation digit and chomping in either order.
        let h = self.pos;
        let mut e = h + 1;
        let mut explicit: Option<usize> = None;
        let mut bad_header = false;
        for _ in 0..2 {
            match self.byte(e) {
                b'1'..=b'9' if explicit.is_none() => {
                    explicit = Some((self.byte(e) - b'0') as usize);
                    e += 1;
                }
                b'+' | b'-' => e += 1,
                _ => {}
            }
        }
        if !blank_at(self.s, e) {
            bad_header = true;
        }
        self.token(Kind::BlockHeader, e);
        if bad_header {
            self.error_to_eol("a block scalar header is `|` or `>`, then an optional indentation digit (1-9) and `+` or `-`, then a comment or the end of the line");
        } else {
            let before = self.pos;
            self.ws();
            if self.byte(self.pos) == b'#' && self.pos == before {
                self.error(
                    self.pos,
                    self.pos + 1,
                    "a comment after a block scalar header must follow a space",
                );
            }
            if !self.at_line_end_or_comment(self.pos) {
                self.error_to_eol(
                    "text after a block scalar header: the content starts on the next line",
                );
            }
            self.rest_of_line_trivia();
        }
        if self.eof() {
            self.finish();
            return;
        }
        self.newline();
        // Content lines.
        let s = self.s;
        let base = n.max(-1);
        let start = self.pos;
        let mut indent: Option<usize> = explicit.map(|d| (base + d as i64).max(0) as usize);
        let mut i = start;
        let mut end = start;
        let mut max_leading_blank = 0usize;
        let mut leading_blank_at = 0usize;
        while i < s.len() {
            let sp = scan::spaces(s, i);
            let k = sp - i;
            let le = scan::line_end(s, sp);
            let blank = sp >= s.len() || is_break(s[sp]);
            if k == 0 && scan::doc_marker(s, i).is_some() {
                break;
            }
            if blank {
                if indent.is_none() && k > max_leading_blank {
                    max_leading_blank = k;
                    leading_blank_at = i;
                }
                i = scan::after_break(s, le);
                end = i;
                continue;
            }
            let ind = match indent {
                Some(x) => x,
                None => {
                    let x = k;
                    if s[sp] == b'\t'
                        && (x as i64) <= base.max(0)
                        && s[sp..le].iter().all(|&b| is_ws(b))
                    {
                        self.error(
                            sp,
                            sp + 1,
                            "a tab in the indentation of a block scalar: indent with spaces",
                        );
                        break;
                    }
                    if (x as i64) <= base {
                        // Less indented than the parent: the scalar is empty.
                        break;
                    }
                    if max_leading_blank > x {
                        self.error(
                            leading_blank_at,
                            leading_blank_at + max_leading_blank,
                            "a blank line at the start of a block scalar has more spaces than its first line: remove the extra spaces, or give the indentation with a digit (`|2`)",
                        );
                    }
                    indent = Some(x);
                    x
                }
            };
            if k < ind {
                // A tab where the content's indentation is expected.
                if s[sp] == b'\t' && (k as i64) > base {
                    self.error(
                        sp,
                        sp + 1,
                        "a tab in the indentation of a block scalar: indent with spaces",
                    );
                }
                break;
            }
            i = scan::after_break(s, le);
            end = i;
        }
        // Trailing blank lines belong to the scalar only up to the last content line or the
        // lines that are blank at the content's indentation; keep everything up to `end`,
        // which is at a line start.
        // With no content line, the blank lines' longest run of spaces is the indentation.
        let aux = indent.unwrap_or(((base + 1).max(0) as usize).max(max_leading_blank));
        if end > start {
            // The last line break stays in the scalar; the parent continues at a line start.
            self.token(Kind::BlockText, end);
        }
        let me = *self.stack.last().unwrap();
        self.nodes[me].aux = aux as u32;
        self.finish();
    }

    // ----- flow nodes -----

    /// A flow node (alias, quoted, plain, flow collection) with its properties.
    /// Continuation lines must be indented at least `min_indent`; `key` reads one line only.
    fn flow_node(&mut self, min_indent: i64, key: bool) {
        self.flow_node_in(min_indent, key, false)
    }

    fn flow_node_in(&mut self, min_indent: i64, key: bool, flow: bool) {
        let cp = self.checkpoint();
        let has_props = matches!(self.byte(self.pos), b'&' | b'!');
        if has_props {
            // Properties open the node; its kind is known after them. They may stand
            // on their own lines above the content.
            loop {
                self.props_any();
                if key || !self.at_line_end_or_comment(self.pos) {
                    break;
                }
                match self.peek_line(self.pos) {
                    Some(l)
                        if l.new_line
                            && !l.marker
                            && (l.indent as i64 >= min_indent || flow)
                            && !(flow && matches!(self.byte(l.content), b',' | b']' | b'}')) =>
                    {
                        self.trivia_to(l.content);
                        if !matches!(self.byte(self.pos), b'&' | b'!') {
                            break;
                        }
                    }
                    _ => break,
                }
            }
        }
        if has_props {
            self.one_anchor_and_tag(cp.1);
        }
        let c = self.byte(self.pos);
        let kind = match c {
            b'*' => Kind::AliasNode,
            b'[' => Kind::FlowSeq,
            b'{' => Kind::FlowMap,
            _ => Kind::Scalar,
        };
        if has_props {
            self.start_at(cp, kind);
        } else {
            self.start(kind);
        }
        match c {
            b'*' => {
                if has_props {
                    self.error(self.pos, self.pos + 1, "an alias can't have an anchor or a tag: remove them, or write the value here");
                }
                let e = scan::anchor_name(self.s, self.pos + 1);
                if e == self.pos + 1 {
                    self.error(self.pos, e, "an alias needs a name: `*name`");
                }
                self.token(Kind::Alias, e);
            }
            b'"' | b'\'' => self.quoted(min_indent, key, flow),
            b'[' | b'{' => self.flow_collection(min_indent),
            _ if scan::plain_starts(self.s, self.pos, flow) => self.plain(min_indent, key, flow),
            _ => {
                // Empty (properties only) or a character that can't start a value.
                let at = self.pos;
                let ends_here = self.at_line_end_or_comment(at)
                    || (flow && matches!(c, b',' | b']' | b'}' | b':'))
                    || (key && c == b':');
                if !ends_here {
                    let msg = match c {
                        b'@' | b'`' => "a value can't start with `@` or `` ` ``: put it in quotes",
                        b'%' => "a value can't start with `%`: put it in quotes",
                        b'|' | b'>' => "a block scalar (`|`, `>`) can't be used here",
                        b']' | b'}' => "a closing bracket without its opening bracket",
                        b',' => "a comma outside `[...]` or `{...}`: put the value in quotes",
                        _ => "this character can't start a value: put the value in quotes",
                    };
                    if flow {
                        let e = at + 1;
                        self.error(at, e, msg);
                        self.token(Kind::ErrorToken, e);
                    } else {
                        self.error_to_eol(msg);
                    }
                }
            }
        }
        self.finish();
    }

    fn props_any(&mut self) {
        for _ in 0..2 {
            match self.byte(self.pos) {
                b'&' => {
                    let e = scan::anchor_name(self.s, self.pos + 1);
                    if e == self.pos + 1 {
                        self.error(self.pos, e, "an anchor needs a name: `&name`");
                    }
                    self.token(Kind::Anchor, e);
                }
                b'!' => {
                    let e = scan::tag(self.s, self.pos);
                    self.tag_token(e);
                }
                _ => return,
            }
            let before = self.pos;
            self.ws();
            if self.pos == before
                && !self.at_line_end_or_comment(self.pos)
                && !matches!(self.byte(self.pos), b',' | b']' | b'}')
            {
                let e = self.pos + 1;
                self.error(self.pos, e, "node properties must be followed by a space");
            }
        }
    }

    fn quoted(&mut self, min_indent: i64, key: bool, flow: bool) {
        let start = self.pos;
        let kind = if self.byte(start) == b'"' {
            Kind::DoubleQuoted
        } else {
            Kind::SingleQuoted
        };
        let min = min_indent;
        match scan::quoted(self.s, start, if key { 0 } else { min }, !key) {
            scan::Quoted::Closed { end, under: None } => self.token(kind, end),
            scan::Quoted::Closed {
                end,
                under: Some((line, k)),
            } => {
                // Continuation lines indented less than YAML requires. PyYAML writes long
                // double-quoted strings this way (at the key's indentation) and reads them
                // back; read them too, with a warning, when the scalar ends cleanly.
                let clean = {
                    let after = scan::inline_ws(self.s, end);
                    after >= self.s.len()
                        || is_break(self.s[after])
                        || self.s[after] == b'#'
                        || (flow && matches!(self.s[after], b',' | b']' | b'}' | b':'))
                        || self.s[after] == b':'
                };
                if clean && (k as i64) + 1 >= min && !flow {
                    let row = line;
                    self.errors.push(SyntaxError {
                        start: row,
                        end: row + k,
                        message: format!(
                            "the continuation lines of this quoted string are indented {k} space{}; YAML needs at least {}. Charter (like PyYAML) reads it; indent the lines by {} more to make it valid YAML everywhere",
                            if k == 1 { "" } else { "s" },
                            min,
                            min - k as i64
                        ),
                        kind: ErrorKind::Lenient,
                    });
                    self.token(kind, end);
                } else if flow {
                    self.error(line, line + k, "this line of a quoted string is indented less than the enclosing block: indent it more");
                    self.token(kind, end);
                } else {
                    self.unclosed(kind, start);
                }
            }
            scan::Quoted::Unclosed => self.unclosed(kind, start),
        }
    }

    /// A quoted scalar that does not close: an error, and the token ends with its line so
    /// the lines after it are read as they are.
    fn unclosed(&mut self, kind: Kind, start: usize) {
        let e = scan::line_end(self.s, start);
        self.error(
            start,
            e,
            if kind == Kind::DoubleQuoted {
                "this double-quoted string is not closed: add the closing `\"` (a `\"` inside the text is written `\\\"`)"
            } else {
                "this single-quoted string is not closed: add the closing `'` (a `'` inside the text is written `''`)"
            },
        );
        self.token(Kind::ErrorToken, e);
    }

    fn plain(&mut self, min_indent: i64, key: bool, flow: bool) {
        let s = self.s;
        let mut end = scan::plain_line(s, self.pos, flow);
        if !key {
            // Continuation lines: indented at least `min_indent`, not comments, not
            // document markers; a line ending in a comment ends the scalar.
            let mut i = end;
            loop {
                let after = scan::inline_ws(s, i);
                if after >= s.len() || !is_break(s[after]) {
                    break;
                }
                // Find the next non-blank line.
                let mut j = scan::after_break(s, after);
                let next = loop {
                    if j >= s.len() {
                        break None;
                    }
                    let sp = scan::spaces(s, j);
                    let c = scan::inline_ws(s, sp);
                    if c < s.len() && is_break(s[c]) {
                        j = scan::after_break(s, c);
                        continue;
                    }
                    break Some((j, sp - j, c));
                };
                let Some((ls, k, c)) = next else { break };
                if c >= s.len() {
                    break;
                }
                if (k as i64) < min_indent && !flow {
                    break;
                }
                if flow && (k as i64) < min_indent {
                    break;
                }
                if k == 0 && scan::doc_marker(s, ls).is_some() {
                    break;
                }
                let ch = s[c];
                if ch == b'#' {
                    break;
                }
                if flow && matches!(ch, b',' | b']' | b'}' | b'[' | b'{') {
                    break;
                }
                if ch == b':' && blank_at(s, c + 1) {
                    break;
                }
                if flow && ch == b':' && s.get(c + 1).is_some_and(|&b| scan::is_flow_indicator(b)) {
                    break;
                }
                let e = scan::plain_line(s, c, flow);
                if e == c {
                    break;
                }
                end = e;
                i = e;
            }
        }
        self.token(Kind::Plain, end);
    }

    /// `[...]` or `{...}` at `pos`.
    fn flow_collection(&mut self, min_indent: i64) {
        if !self.enter() {
            // Swallow to the matching bracket (or the end of the line).
            let e = match scan::flow_on_line(self.s, self.pos) {
                Some(e) => e,
                None => scan::line_end(self.s, self.pos),
            };
            self.token(Kind::ErrorToken, e);
            return;
        }
        let open = self.pos;
        let seq = self.byte(open) == b'[';
        let close = if seq { b']' } else { b'}' };
        self.token(if seq { Kind::LBracket } else { Kind::LBrace }, open + 1);
        let min = if min_indent == i64::MAX {
            0
        } else {
            min_indent
        };
        let mut expect_entry = true;
        loop {
            let more = self.flow_trivia(min);
            let c = self.byte(self.pos);
            if !more || self.eof() {
                self.error(
                    open,
                    open + 1,
                    if seq {
                        "this `[` is not closed: add the `]`"
                    } else {
                        "this `{` is not closed: add the `}`"
                    },
                );
                break;
            }
            if c == close {
                self.token(
                    if seq { Kind::RBracket } else { Kind::RBrace },
                    self.pos + 1,
                );
                break;
            }
            if c == b']' || c == b'}' {
                self.error(
                    self.pos,
                    self.pos + 1,
                    if seq {
                        "a `}` inside `[...]`: close the list with `]`"
                    } else {
                        "a `]` inside `{...}`: close the mapping with `}`"
                    },
                );
                self.token(Kind::ErrorToken, self.pos + 1);
                continue;
            }
            if c == b',' {
                if expect_entry {
                    self.error(
                        self.pos,
                        self.pos + 1,
                        "an empty entry: remove the extra comma",
                    );
                }
                self.token(Kind::Comma, self.pos + 1);
                expect_entry = true;
                continue;
            }
            if !expect_entry {
                self.error(
                    self.pos,
                    self.pos + 1,
                    if seq {
                        "a comma is missing between these entries of `[...]`"
                    } else {
                        "a comma is missing between these entries of `{...}`"
                    },
                );
            }
            let before = self.pos;
            self.flow_entry(seq, min);
            expect_entry = false;
            if self.pos == before {
                let e = self.pos + 1;
                self.error(self.pos, e, "unexpected character in a flow collection");
                self.token(Kind::ErrorToken, e);
            }
        }
        self.depth -= 1;
    }

    /// Blanks, comments and line breaks inside a flow collection; lines must be indented
    /// at least `min`. Returns false at the end of the text.
    fn flow_trivia(&mut self, min: i64) -> bool {
        loop {
            let c = self.byte(self.pos);
            if self.eof() {
                return false;
            }
            if is_ws(c) {
                self.ws();
            } else if c == b'#' {
                if self.pos > self.line_start && !is_ws(self.s[self.pos - 1]) {
                    self.error(
                        self.pos,
                        self.pos + 1,
                        "a comment must be separated by a space: write ` #`",
                    );
                }
                let e = scan::line_end(self.s, self.pos);
                self.token(Kind::Comment, e);
            } else if is_break(c) {
                // A line indented less than the block the collection belongs to is not
                // part of it: the collection is not closed, and the line is left to the
                // block (so one missing `]` does not swallow the rest of the document).
                let next = scan::after_break(self.s, self.pos);
                let sp = scan::spaces(self.s, next);
                let content = scan::inline_ws(self.s, sp);
                let has_content =
                    content < self.s.len() && !is_break(self.s[content]) && self.s[content] != b'#';
                if has_content
                    && (((sp - next) as i64) < min
                        || (sp == next && scan::doc_marker(self.s, next).is_some()))
                {
                    return false;
                }
                self.newline();
            } else {
                return true;
            }
        }
    }

    /// One entry of a flow collection.
    fn flow_entry(&mut self, seq: bool, min: i64) {
        let c = self.byte(self.pos);
        let explicit = c == b'?' && blank_at(self.s, self.pos + 1);
        let cp = self.checkpoint();
        if !seq {
            self.start(Kind::MapEntry);
        }
        let mut pair = false;
        if explicit {
            if seq {
                self.start(Kind::FlowPair);
                pair = true;
            }
            self.token(Kind::Question, self.pos + 1);
            self.flow_trivia(min);
            if !matches!(self.byte(self.pos), b':' | b',' | b']' | b'}') {
                self.flow_node_in(min, false, true);
            }
        } else if !(c == b':'
            && (blank_at(self.s, self.pos + 1) || scan::is_flow_indicator(self.byte(self.pos + 1))))
        {
            let line = self.line_start;
            self.flow_node_in(min, false, true);
            let _ = line;
        }
        // A `:` makes this a pair (in a sequence) or gives the key its value. In a
        // mapping, or after an explicit `?`, the `:` may be on a later line.
        let save = self.pos;
        let json_key = save > 0 && matches!(self.s[save - 1], b'"' | b'\'' | b']' | b'}');
        let mut look = scan::inline_ws(self.s, save);
        if !seq || explicit {
            while look < self.s.len() {
                let b = self.s[look];
                if b == b'#' {
                    look = scan::line_end(self.s, look);
                } else if is_break(b) || is_ws(b) {
                    look += 1;
                } else {
                    break;
                }
            }
        }
        if self.byte(look) == b':' {
            let after = self.byte(look + 1);
            let ok = blank_at(self.s, look + 1)
                || scan::is_flow_indicator(after)
                || json_key
                || explicit;
            if ok {
                if seq && !pair {
                    self.start_at(cp, Kind::FlowPair);
                    pair = true;
                }
                self.flow_trivia(min);
                self.token(Kind::Colon, look + 1);
                self.flow_trivia(min);
                if !matches!(self.byte(self.pos), b',' | b']' | b'}') && !self.eof() {
                    self.flow_node_in(min, false, true);
                }
            }
        }
        if pair {
            self.finish();
        }
        if !seq {
            self.finish();
        }
    }
}

/// Where a comment starts in a directive line (` #`), if it has one.
fn find_comment(line: &[u8]) -> Option<usize> {
    (1..line.len()).find(|&i| line[i] == b'#' && is_ws(line[i - 1]))
}

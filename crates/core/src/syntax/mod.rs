//! Charter's YAML syntax tree: lossless and error-tolerant. It knows nothing about
//! contracts.
//!
//! Every byte of the input belongs to exactly one [`Token`] (comments, indentation, line
//! breaks, quotes, `-`, `:`, anchors and tags included), so printing the tokens in order
//! gives the input back byte for byte. Tokens are grouped into [`NodeData`] nodes
//! (mappings, entries, sequences, scalars) in a flat pre-order array: a node's
//! descendants follow it, up to its `end`. A syntax error becomes a [`SyntaxError`] and,
//! where text could not be read, an `Error` node covering as little as possible; parsing
//! goes on after it, so one broken line leaves the rest of the document parsed.
//!
//! The tree is a flat arena rather than a pointer tree (rowan's green tree is the model;
//! the crate is not in the package lists, and a flat array of 8-byte tokens and 20-byte
//! nodes is what keeps a 27 MB contract inside its memory budget).

mod parser;
pub mod scan;

pub use parser::parse;

/// What a token or a node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Kind {
    // Trivia.
    /// Spaces and tabs (indentation included).
    Whitespace,
    /// One line break (`\n`, `\r\n` or `\r`).
    Newline,
    /// `# ...` up to the end of its line.
    Comment,
    /// A byte-order mark at the start of the text.
    Bom,
    // Document structure.
    /// `%YAML 1.2`, `%TAG ! tag:...`.
    Directive,
    /// `---`
    DocStart,
    /// `...`
    DocEnd,
    // Indicators.
    Dash,
    Question,
    Colon,
    Comma,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    /// `&name`
    Anchor,
    /// `!tag`, `!!str`, `!<verbatim>`
    Tag,
    /// `*name`
    Alias,
    // Scalars: one token each, continuation lines included.
    Plain,
    SingleQuoted,
    DoubleQuoted,
    /// `|`, `>-`, `|2+`
    BlockHeader,
    /// The content lines of a block scalar, with their indentation and line breaks.
    BlockText,
    /// Text that could not be read.
    ErrorToken,

    // Nodes.
    Stream,
    Document,
    BlockMap,
    BlockSeq,
    FlowMap,
    FlowSeq,
    /// A single `key: value` pair inside a flow sequence (a mapping of one entry).
    FlowPair,
    /// `key: value` in a block or flow mapping (or a flow pair's one entry).
    MapEntry,
    /// `- value`
    SeqEntry,
    /// A scalar node: its properties and its scalar token (none when empty).
    Scalar,
    /// An alias node: `*name`.
    AliasNode,
    /// Text that is not YAML here, kept whole.
    Error,
}

impl Kind {
    pub fn is_trivia(self) -> bool {
        matches!(
            self,
            Kind::Whitespace | Kind::Newline | Kind::Comment | Kind::Bom
        )
    }
}

/// One token: its kind and where it starts; it ends where the next token starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: Kind,
    pub start: u32,
}

/// One node of the tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NodeData {
    pub kind: Kind,
    /// The node's tokens: `first_token..end_token`, children's tokens included.
    pub first_token: u32,
    pub end_token: u32,
    /// One past the node's last descendant in [`Tree::nodes`].
    pub end: u32,
    /// For a block scalar: the indentation of its content.
    pub aux: u32,
}

/// A syntax problem: where, and what to do about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub start: usize,
    pub end: usize,
    pub message: String,
    pub kind: ErrorKind,
}

/// What kind of syntax problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Not YAML.
    Syntax,
    /// Not YAML 1.2, but read the way common writers and readers (PyYAML, libyaml) do;
    /// a warning, not an error.
    Lenient,
    /// Nested deeper than the parser's limit; the part below is not read.
    TooDeep,
}

/// Index of a node in [`Tree::nodes`].
pub type NodeId = usize;

/// A parsed text: tokens covering every byte, the nodes over them, and the problems.
#[derive(Clone, Debug, Default)]
pub struct Tree {
    pub tokens: Vec<Token>,
    pub nodes: Vec<NodeData>,
    pub errors: Vec<SyntaxError>,
    /// Byte length of the text.
    pub len: usize,
    /// The text has an anchor (`&a`) or an alias (`*a`) token.
    pub anchors: bool,
}

impl Tree {
    /// The stream node (always node 0).
    pub const ROOT: NodeId = 0;

    pub fn kind(&self, n: NodeId) -> Kind {
        self.nodes[n].kind
    }

    /// The byte range of token `t`.
    pub fn token_range(&self, t: usize) -> std::ops::Range<usize> {
        let start = self.tokens[t].start as usize;
        let end = self
            .tokens
            .get(t + 1)
            .map(|x| x.start as usize)
            .unwrap_or(self.len);
        start..end
    }

    /// The byte range a node covers (empty, at its place, for an empty node).
    pub fn range(&self, n: NodeId) -> std::ops::Range<usize> {
        let d = &self.nodes[n];
        let start = self.tok_start(d.first_token as usize);
        let end = self.tok_start(d.end_token as usize);
        start..end
    }

    fn tok_start(&self, t: usize) -> usize {
        self.tokens
            .get(t)
            .map(|x| x.start as usize)
            .unwrap_or(self.len)
    }

    /// The node's children, in order.
    pub fn children(&self, n: NodeId) -> Children<'_> {
        Children {
            tree: self,
            next: n + 1,
            end: self.nodes[n].end as usize,
        }
    }

    /// The node's own tokens (not those of its children), in order, as token indices.
    pub fn own_tokens(&self, n: NodeId) -> impl Iterator<Item = usize> + '_ {
        let d = self.nodes[n];
        let mut kids = self.children(n).peekable();
        let mut t = d.first_token as usize;
        std::iter::from_fn(move || loop {
            if t >= d.end_token as usize {
                return None;
            }
            if let Some(&k) = kids.peek() {
                let kd = &self.nodes[k];
                if t >= kd.first_token as usize {
                    t = t.max(kd.end_token as usize);
                    kids.next();
                    continue;
                }
            }
            let here = t;
            t += 1;
            return Some(here);
        })
    }

    /// The first own token of a kind.
    pub fn own_token(&self, n: NodeId, kind: Kind) -> Option<usize> {
        self.own_tokens(n).find(|&t| self.tokens[t].kind == kind)
    }

    /// The text again, from the tokens: the input, byte for byte.
    pub fn print(&self, text: &str) -> String {
        let mut out = String::with_capacity(self.len);
        for t in 0..self.tokens.len() {
            out.push_str(&text[self.token_range(t)]);
        }
        out
    }
}

/// Iterator over a node's children.
pub struct Children<'a> {
    tree: &'a Tree,
    next: usize,
    end: usize,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next >= self.end {
            return None;
        }
        let n = self.next;
        self.next = self.tree.nodes[n].end as usize;
        Some(n)
    }
}

#[cfg(test)]
mod tests;

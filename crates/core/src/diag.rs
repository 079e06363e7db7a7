//! Diagnostics: what is wrong, where, and how to fix it.

use crate::codes::Code;
use crate::yaml::Span;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// The code's severity, or the level a policy set for a lint rule.
    pub severity: Severity,
    /// The entry of the catalogue ([`crate::codes`], lint rules included); written as its
    /// stable id in JSON.
    #[serde(deserialize_with = "code_of")]
    pub code: &'static Code,
    /// Plain-language message: what is wrong and how to fix it.
    pub message: String,
    /// JSON pointer of the value concerned (`/schema/0/properties/2/logicalType`).
    pub path: String,
    /// Exact source range to underline.
    pub span: Span,
    /// What the message was rendered from, for code that summarises diagnostics (messages
    /// are never parsed back).
    #[serde(skip)]
    pub facts: Facts,
}

/// The typed facts behind some diagnostics.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Facts {
    #[default]
    None,
    /// A value of the wrong shape or type: what it is ("a mapping", "an integer").
    Found(&'static str),
    /// Required keys that are missing.
    Missing(Vec<&'static str>),
}

fn code_of<'de, D: serde::Deserializer<'de>>(d: D) -> Result<&'static Code, D::Error> {
    let id = std::borrow::Cow::<str>::deserialize(d)?;
    crate::codes::lookup(&id)
        .ok_or_else(|| serde::de::Error::custom(format!("unknown diagnostic code `{id}`")))
}

impl Diagnostic {
    pub fn new(
        code: &'static Code,
        message: impl Into<String>,
        path: impl Into<String>,
        span: Span,
    ) -> Self {
        Diagnostic {
            severity: code.severity,
            code,
            message: message.into(),
            path: path.into(),
            span,
            facts: Facts::None,
        }
    }

    /// Whether this diagnostic has `code`.
    pub fn is(&self, code: &Code) -> bool {
        self.code.id == code.id
    }

    /// The same diagnostic with the facts its message was rendered from.
    pub fn with(self, facts: Facts) -> Self {
        Diagnostic { facts, ..self }
    }
}

/// Sort by position, then severity, so lists read top to bottom.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (a.span.start.offset, a.severity, a.code.id).cmp(&(
            b.span.start.offset,
            b.severity,
            b.code.id,
        ))
    });
}

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
    pub severity: Severity,
    /// Stable code from the catalogue in [`crate::codes`].
    #[serde(deserialize_with = "crate::intern::de")]
    pub code: crate::intern::Static,
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

impl Diagnostic {
    pub fn new(
        code: &Code,
        message: impl Into<String>,
        path: impl Into<String>,
        span: Span,
    ) -> Self {
        Diagnostic {
            severity: code.severity,
            code: code.id,
            message: message.into(),
            path: path.into(),
            span,
            facts: Facts::None,
        }
    }

    /// The same diagnostic with the facts its message was rendered from.
    pub fn with(self, facts: Facts) -> Self {
        Diagnostic { facts, ..self }
    }
}

/// Sort by position, then severity, so lists read top to bottom.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (a.span.start.offset, a.severity, a.code).cmp(&(b.span.start.offset, b.severity, b.code))
    });
}

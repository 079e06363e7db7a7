//! Diagnostics: what is wrong, where, and how to fix it.

use crate::codes::Code;
use crate::yaml::Span;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
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

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable code from the catalogue in [`crate::codes`].
    pub code: &'static str,
    /// Plain-language message: what is wrong and how to fix it.
    pub message: String,
    /// JSON pointer of the value concerned (`/schema/0/properties/2/logicalType`).
    pub path: String,
    /// Exact source range to underline.
    pub span: Span,
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
        }
    }
}

/// Sort by position, then severity, so lists read top to bottom.
pub fn sort(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (a.span.start.offset, a.severity, a.code).cmp(&(b.span.start.offset, b.severity, b.code))
    });
}

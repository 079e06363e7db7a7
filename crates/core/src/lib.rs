//! Charter's core: everything the editor and the CLI know, with no I/O and no web APIs.
//!
//! Data flow: text → [`yaml::parse`] (the lossless, error-tolerant [`syntax`] tree, and
//! the data model with spans built from it) → [`standard::validate_root`] (which standard and
//! version) → [`validate`] against that standard's [`model`] → a [`Report`] of
//! [`Diagnostic`]s with exact source ranges.

pub mod assist;
pub mod codes;
pub mod convert;
pub mod diag;
pub mod diagram;
pub mod diff;
pub mod edit;
pub mod export;
pub mod form;
pub mod gen;
pub mod import;
pub mod intern;
pub mod lint;
pub mod md;
pub mod mesh;
pub mod model;
pub mod output;
pub mod pointer;
pub mod preview;
pub mod share;
pub mod standard;
pub mod syntax;
pub mod table;
pub mod templates;
pub mod text;
pub mod validate;
pub mod workspace;
pub mod yaml;

pub use diag::{Diagnostic, Severity};
pub use standard::Standard;

use serde::{Deserialize, Serialize};

/// The result of checking one document.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Report {
    /// The detected standard, when the document says which one it follows.
    pub standard: Option<Standard>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }
    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }
    pub fn is_valid(&self) -> bool {
        self.errors() == 0
    }
    fn count(&self, s: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == s).count()
    }
}

/// Parse and validate a document. Never panics, whatever the text.
pub fn check(text: &str) -> Report {
    let doc = yaml::parse(text);
    check_document(&doc)
}

/// The report for input that never became text: a file that could not be read, text in
/// another encoding, or more than [`yaml::MAX_INPUT_BYTES`]. One error with `code`, no standard.
pub fn unreadable(code: &'static codes::Code, message: impl Into<String>) -> Report {
    Report {
        standard: None,
        diagnostics: vec![Diagnostic::new(
            code,
            message,
            "",
            yaml::Span::default_at_start(),
        )],
    }
}

/// Like [`check`], but a document that fails its declared version and passes a newer one
/// keeps every error at its own place instead of the one `needs-newer-version` message.
/// This is how the official schemas report; the conformance tests compare with it.
pub fn check_each_error(text: &str) -> Report {
    check_each_error_with(text, &lint::Policy::default())
}

/// [`check_each_error`] with a policy (e.g. one that asks for the strict v3.0.x schema).
pub fn check_each_error_with(text: &str, policy: &lint::Policy) -> Report {
    check_with(&yaml::parse(text), false, policy)
}

/// Validate an already parsed document.
pub fn check_document(doc: &yaml::Document) -> Report {
    check_with(doc, true, &lint::Policy::default())
}

/// Parse and validate a document, linting it with an organisation's policy.
pub fn check_with_policy(text: &str, policy: &lint::Policy) -> Report {
    check_with(&yaml::parse(text), true, policy)
}

/// Validate an already parsed document, linting it with `policy`.
pub fn check_document_with(doc: &yaml::Document, policy: &lint::Policy) -> Report {
    check_with(doc, true, policy)
}

/// [`check_document_with`] that re-validates only the part [`yaml::reparse`] read again
/// (where `memo` holds the check of the document it was made from); `memo` then holds
/// this check's. The report equals [`check_document_with`]'s.
pub fn check_document_again(
    doc: &yaml::Document,
    policy: &lint::Policy,
    memo: &mut validate::Memo,
) -> Report {
    check_again(doc, true, policy, Some(memo))
}

fn check_with(doc: &yaml::Document, summarise_newer: bool, policy: &lint::Policy) -> Report {
    check_again(doc, summarise_newer, policy, None)
}

fn check_again(
    doc: &yaml::Document,
    summarise_newer: bool,
    policy: &lint::Policy,
    memo: Option<&mut validate::Memo>,
) -> Report {
    let mut diagnostics: Vec<Diagnostic> = doc.errors.iter().map(yaml_diagnostic).collect();
    let standard = match &doc.root {
        None => {
            if doc.errors.is_empty() {
                diagnostics.push(Diagnostic::new(
                    &codes::EMPTY_DOCUMENT,
                    "the document is empty: start from a template (New) or paste a contract.",
                    "",
                    yaml::Span::default_at_start(),
                ));
            }
            None
        }
        Some(root) => {
            let (std, mut diags) = standard::validate_root_again(
                &doc.text,
                root,
                summarise_newer,
                policy,
                doc.replaced.as_ref(),
                memo,
            );
            if doc.incomplete() {
                // A required key (or the SLA, the column a rule names) may well be in the
                // part that could not be read: say it lacks them once the YAML reads.
                diags.retain(|d| {
                    !d.is(&codes::MISSING_REQUIRED)
                        && !lint::by_id(d.code.id).is_some_and(|r| r.absence)
                });
            }
            diagnostics.append(&mut diags);
            std
        }
    };
    diag::sort(&mut diagnostics);
    Report {
        standard,
        diagnostics,
    }
}

fn yaml_diagnostic(e: &yaml::YamlError) -> Diagnostic {
    use yaml::YamlErrorKind as K;
    let code = match e.kind {
        K::Syntax => &codes::YAML_SYNTAX,
        K::DuplicateKey => &codes::DUPLICATE_KEY,
        K::ComplexKey => &codes::COMPLEX_KEY,
        K::AliasLimit => &codes::ALIAS_LIMIT,
        K::NestingLimit => &codes::NESTING_LIMIT,
        K::MultipleDocuments => &codes::MULTIPLE_DOCUMENTS,
        K::TooLarge => &codes::INPUT_TOO_LARGE,
        K::Lenient => &codes::YAML_LENIENT,
    };
    Diagnostic::new(code, e.message.clone(), "", e.span)
}

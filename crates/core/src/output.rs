//! Machine-readable renderings of validation reports for CI: SARIF 2.1.0 (code scanning)
//! and GitHub workflow annotations. `charter validate` uses them.

use crate::{codes, lint, Report, Severity};
use serde_json::json;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn why(code: &str) -> &'static str {
    codes::by_id(code)
        .map(|c| c.why)
        .or_else(|| lint::by_id(code).map(|r| r.why))
        .unwrap_or("")
}

/// SARIF 2.1.0 for a set of `(path, report)` pairs.
pub fn sarif(files: &[(String, Report)]) -> serde_json::Value {
    let mut used: Vec<&str> = files
        .iter()
        .flat_map(|(_, r)| r.diagnostics.iter().map(|d| d.code.id))
        .collect();
    used.sort_unstable();
    used.dedup();
    json!({
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "charter",
                "rules": used.iter().map(|id| json!({ "id": id, "fullDescription": { "text": why(id) } })).collect::<Vec<_>>(),
            }},
            "results": files.iter().flat_map(|(path, r)| r.diagnostics.iter().map(move |d| json!({
                "ruleId": d.code.id,
                "level": level(d.severity),
                "message": { "text": d.message },
                "locations": [{ "physicalLocation": {
                    "artifactLocation": { "uri": path },
                    "region": {
                        "startLine": d.span.start.line,
                        "startColumn": d.span.start.col,
                        "endLine": d.span.end.line,
                        "endColumn": d.span.end.col,
                    },
                }}],
                "properties": { "path": d.path },
            }))).collect::<Vec<_>>(),
        }],
    })
}

/// GitHub workflow commands (`::error file=…,line=…::message`), one per diagnostic.
pub fn github(files: &[(String, Report)]) -> String {
    let mut s = String::new();
    for (path, r) in files {
        for d in &r.diagnostics {
            let level = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            s.push_str(&format!(
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}\n",
                github_property(path),
                d.span.start.line,
                d.span.start.col,
                d.span.end.line,
                d.span.end.col,
                github_property(d.code.id),
                github_data(&d.message),
            ));
        }
    }
    s
}

/// Escape the message of a GitHub workflow command (after `::`): `%` and line breaks.
pub fn github_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escape a property of a GitHub workflow command (`file=`, `title=`): also `:` and `,`,
/// which would otherwise end the value, so a file named `a,line=1.yaml` stays one name.
pub fn github_property(s: &str) -> String {
    github_data(s).replace(':', "%3A").replace(',', "%2C")
}

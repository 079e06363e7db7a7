//! Reports of a diff for people and tools: JSON (a stable interface), Markdown (for pull
//! requests) and a changelog entry. The CLI and the app both use these.

use super::{rules, suggested_version, DiffReport};
use crate::{md, output};
use serde_json::json;

/// The stable JSON interface of `charter diff --format json` (documented in the README).
pub fn json(r: &DiffReport) -> serde_json::Value {
    json!({
        "document": r.document,
        "verdict": r.verdict(),
        "headline": r.headline(),
        "mode": r.mode,
        "requiredBump": r.required_bump,
        "suggestedVersion": suggested_version(r),
        "declaredVersion": { "base": r.base_version, "new": r.new_version },
        "findings": r.findings.iter().map(|f| json!({
            "rule": f.rule,
            "severity": f.severity,
            "perspective": f.perspective,
            "bump": f.bump,
            "path": f.path,
            "basePath": f.base_path,
            "newPath": f.new_path,
            "old": f.old,
            "new": f.new,
            "message": f.message,
            "baseLine": f.base_line(),
            "newLine": f.new_line(),
        })).collect::<Vec<_>>(),
    })
}

/// A Markdown report, ready to paste into a pull-request comment.
pub fn markdown(r: &DiffReport) -> String {
    let mut s = format!("### {}\n\n", md::text(&r.headline()));
    if r.findings.is_empty() {
        s.push_str("No changes.\n");
        return s;
    }
    s.push_str("| severity | element | change | rule | why |\n| --- | --- | --- | --- | --- |\n");
    for f in &r.findings {
        let change = match (&f.old, &f.new) {
            (Some(o), Some(n)) => format!("{}: {} → {}", f.title, md::code(o), md::code(n)),
            _ => f.title.to_string(),
        };
        let why = rules::by_id(f.rule).map(|r| r.why).unwrap_or("");
        s.push_str(&format!(
            "| {} | {} | {change} | `{}` | {why} |\n",
            f.severity.as_str(),
            md::code(&f.subject),
            f.rule,
        ));
    }
    s
}

/// A changelog entry for the new version: breaking changes first.
pub fn changelog(r: &DiffReport) -> String {
    let version = r.new_version.clone().unwrap_or_else(|| "Unreleased".into());
    let mut s = format!("## {}\n", md::text(&version));
    let sections = [
        ("Breaking changes", rules::Impact::Breaking),
        ("Changes to check", rules::Impact::Warning),
        ("Other changes", rules::Impact::Info),
    ];
    for (title, impact) in sections {
        let items: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.severity == impact && f.rule != rules::VERSION_NOT_BUMPED.id)
            .collect();
        if items.is_empty() {
            continue;
        }
        s.push_str(&format!("\n### {title}\n\n"));
        for f in items {
            let change = match (&f.old, &f.new) {
                (Some(o), Some(n)) => format!(" ({} → {})", md::code(o), md::code(n)),
                _ => String::new(),
            };
            s.push_str(&format!(
                "- {}: {}{change}\n",
                md::code(&f.subject),
                f.title
            ));
        }
    }
    if r.findings.is_empty() {
        s.push_str(&format!("\nNo changes to the {}.\n", r.document.noun()));
    }
    s
}

/// SARIF 2.1.0, for code-scanning tools. `uri` is the new document's path.
pub fn sarif(r: &DiffReport, uri: &str) -> serde_json::Value {
    let used: Vec<&rules::Rule> = rules::ALL
        .iter()
        .copied()
        .filter(|rule| r.findings.iter().any(|f| f.rule == rule.id))
        .collect();
    json!({
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "charter",
                "rules": used.iter().map(|rule| json!({
                    "id": rule.id,
                    "shortDescription": { "text": rule.title },
                    "fullDescription": { "text": rule.why },
                })).collect::<Vec<_>>(),
            }},
            "results": r.findings.iter().map(|f| json!({
                "ruleId": f.rule,
                "level": match f.severity {
                    rules::Impact::Breaking => "error",
                    rules::Impact::Warning => "warning",
                    _ => "note",
                },
                "message": { "text": f.message },
                "locations": [{ "physicalLocation": {
                    "artifactLocation": { "uri": uri },
                    "region": { "startLine": f.new_line().or(f.base_line()).unwrap_or(1) },
                }}],
                "properties": { "perspective": f.perspective, "path": f.path },
            })).collect::<Vec<_>>(),
        }],
    })
}

/// GitHub workflow commands, one annotation per finding on the new document `uri`.
pub fn github(r: &DiffReport, uri: &str) -> String {
    let mut s = String::new();
    for f in &r.findings {
        let level = match f.severity {
            rules::Impact::Breaking => "error",
            rules::Impact::Warning => "warning",
            _ => "notice",
        };
        s.push_str(&format!(
            "::{level} file={},line={},title={}::{}\n",
            output::github_property(uri),
            f.new_line().or(f.base_line()).unwrap_or(1),
            output::github_property(f.rule),
            output::github_data(&f.message),
        ));
    }
    s
}

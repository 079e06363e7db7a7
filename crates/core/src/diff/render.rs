//! Reports of a diff for people and tools: JSON (a stable interface), Markdown (for pull
//! requests) and a changelog entry. The CLI and the app both use these.

use super::{rules, suggested_version, Bump, DiffReport, Finding};
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
            "impact": f.impact,
        })).collect::<Vec<_>>(),
        "impact": r.impact,
        "validity": r.validity,
        "releaseNotes": release_notes(r),
        "route": route(r),
    })
}

/// What makes findings the same: rule, old and new values, severity.
type GroupKey = (String, Option<String>, Option<String>, rules::Impact);

/// Items whose findings say the same of several elements (same rule, old and new
/// values, severity), in order: a group of one is a single finding. Only changes with
/// both values group ("gained `format: date`"); removals and additions name their element.
pub fn group_same<T>(
    items: impl IntoIterator<Item = T>,
    finding: impl Fn(&T) -> &Finding,
) -> Vec<Vec<T>> {
    let mut out: Vec<Vec<T>> = Vec::new();
    let mut by_key: std::collections::HashMap<GroupKey, usize> = std::collections::HashMap::new();
    for item in items {
        let f = finding(&item);
        let groupable = f.old.is_some() && f.new.is_some();
        let key = (f.rule.to_string(), f.old.clone(), f.new.clone(), f.severity);
        match by_key.get(&key) {
            Some(&i) if groupable => out[i].push(item),
            _ => {
                if groupable {
                    by_key.insert(key, out.len());
                }
                out.push(vec![item]);
            }
        }
    }
    out
}

/// The report's findings grouped by [`group_same`].
pub fn groups(r: &DiffReport) -> Vec<Vec<&Finding>> {
    group_same(&r.findings, |f| f)
}

/// Who a finding concerns, for people: "consumers", "producers" or "both".
fn who(f: &Finding) -> &'static str {
    f.perspective.as_str()
}

/// The elements of a group: `orders.a`, or `3 elements: orders.a, orders.b, orders.c`.
fn elements(group: &[&Finding]) -> String {
    match group {
        [one] => md::code(&one.subject),
        many => {
            let shown: Vec<String> = many.iter().take(5).map(|f| md::code(&f.subject)).collect();
            let more = if many.len() > 5 {
                format!(", and {} more", many.len() - 5)
            } else {
                String::new()
            };
            format!("{} elements: {}{more}", many.len(), shown.join(", "))
        }
    }
}

fn change(f: &Finding) -> String {
    match (&f.old, &f.new) {
        (Some(o), Some(n)) => format!("{}: {} → {}", f.title, md::code(o), md::code(n)),
        (Some(o), None) => format!("{}: {}", f.title, md::code(o)),
        (None, Some(n)) => format!("{}: {}", f.title, md::code(n)),
        _ => f.title.to_string(),
    }
}

/// A few sentences for release notes: what the new version breaks, for whom, and what
/// else it changes, by kind of change.
pub fn release_notes(r: &DiffReport) -> String {
    let what = r
        .name
        .as_deref()
        .or(r.id.as_deref())
        .unwrap_or(r.document.noun());
    let version = r
        .new_version
        .as_deref()
        .map(|v| format!(" {v}"))
        .unwrap_or_default();
    let kinds = |impact: rules::Impact| -> Vec<String> {
        let mut titles: Vec<(&str, usize)> = Vec::new();
        for f in r
            .findings
            .iter()
            .filter(|f| f.severity == impact && f.rule != rules::VERSION_NOT_BUMPED.id)
        {
            match titles.iter_mut().find(|t| t.0 == f.title) {
                Some(t) => t.1 += 1,
                None => titles.push((f.title, 1)),
            }
        }
        titles
            .into_iter()
            .map(|(t, n)| {
                if n == 1 {
                    t.to_string()
                } else {
                    format!("{t} ({n}×)")
                }
            })
            .collect()
    };
    let (breaking, warnings, other) = (
        kinds(rules::Impact::Breaking),
        kinds(rules::Impact::Warning),
        kinds(rules::Impact::Info),
    );
    let mut s = format!("{what}{version}");
    if breaking.is_empty() && warnings.is_empty() && other.is_empty() {
        s.push_str(" changes nothing.");
        return s;
    }
    let protected = match r.mode {
        super::Mode::Backward => "its consumers",
        super::Mode::Forward => "its producers",
        super::Mode::Full => "its consumers or producers",
    };
    if breaking.is_empty() {
        s.push_str(&format!(" keeps working for {protected}."));
    } else {
        s.push_str(&format!(" breaks {protected}: {}.", breaking.join("; ")));
    }
    if !warnings.is_empty() {
        s.push_str(&format!(" To check: {}.", warnings.join("; ")));
    }
    if !other.is_empty() {
        s.push_str(&format!(" Also: {}.", other.join("; ")));
    }
    if let Some(v) = suggested_version(r).filter(|_| r.required_bump >= Bump::Minor) {
        s.push_str(&format!(
            " It needs a {} release ({v} or later).",
            r.required_bump.as_str()
        ));
    }
    s
}

/// A Markdown report, ready to paste into a pull-request comment: the headline, release
/// notes in words, the findings (identical ones grouped), whom to notify and, for a
/// breaking change, the route that breaks no one.
pub fn markdown(r: &DiffReport) -> String {
    let mut s = format!("### {}\n\n", md::text(&r.headline()));
    for v in &r.validity {
        s.push_str(&format!("> **Note:** {}\n\n", md::text(&v.message)));
    }
    if r.findings.is_empty() {
        s.push_str("No changes.\n");
        return s;
    }
    s.push_str(&format!("{}\n\n", md::text(&release_notes(r))));
    s.push_str("| severity | concerns | element | change | rule | why |\n| --- | --- | --- | --- | --- | --- |\n");
    for group in groups(r) {
        let f = group[0];
        let why = rules::by_id(f.rule).map(|r| r.why).unwrap_or("");
        s.push_str(&format!(
            "| {} | {} | {} | {} | `{}` | {why} |\n",
            f.severity.as_str(),
            who(f),
            elements(&group),
            change(f),
            f.rule,
        ));
    }
    if !r.impact.is_empty() {
        s.push_str(&format!(
            "\n#### Who to notify\n\nThe breaking changes hit {}:\n\n",
            plural(r.impact.len(), "data product")
        ));
        s.push_str(&impact_table(r));
    }
    if let Some(route) = route(r) {
        s.push_str("\n#### A route that breaks no one\n\n");
        for (i, step) in route.iter().enumerate() {
            s.push_str(&format!("{}. {}\n", i + 1, md::text(step)));
        }
    }
    s
}

/// The products a review's breaking changes hit, as a Markdown table.
fn impact_table(r: &DiffReport) -> String {
    let mut s = String::from(
        "| data product | team | support | reads it through |\n| --- | --- | --- | --- |\n",
    );
    let or_dash = |v: &Option<String>| v.as_deref().map(md::text).unwrap_or_else(|| "—".into());
    for h in &r.impact {
        s.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            md::code(&h.product),
            or_dash(&h.team),
            or_dash(&h.support),
            h.path
                .iter()
                .map(|p| md::code(p))
                .collect::<Vec<_>>()
                .join(" → "),
        ));
    }
    s
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The next major name or id: `orders.events.v1` → `orders.events.v2`, `orders` →
/// `orders-v2`.
pub fn next_major_name(name: &str, major: u64) -> String {
    let digits = name.len() - name.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let stem = &name[..name.len() - digits];
    if digits > 0 && stem.ends_with(['v', 'V']) {
        format!("{stem}{major}")
    } else {
        format!("{name}-v{major}")
    }
}

/// The major version after the base's (2 when the base has none).
fn next_major(r: &DiffReport) -> u64 {
    r.base_version
        .as_deref()
        .and_then(super::parse_semver)
        .map(|v| v.0 + 1)
        .unwrap_or(2)
}

/// The steps that ship a breaking change without breaking anyone, when the report has
/// breaking findings.
pub fn route(r: &DiffReport) -> Option<Vec<String>> {
    if r.count(rules::Impact::Breaking) == 0 || r.document != super::DocKind::Contract {
        return None;
    }
    let major = next_major(r);
    let name = r
        .name
        .as_deref()
        .or(r.id.as_deref())
        .unwrap_or("the contract");
    let next = next_major_name(name, major);
    let id = r.id.as_deref().map(|id| next_major_name(id, major));
    let base = r.base_version.as_deref().unwrap_or("the current version");
    let consumers = if r.impact.is_empty() {
        "its consumers".to_string()
    } else {
        r.impact
            .iter()
            .map(|h| h.product.clone())
            .collect::<Vec<_>>()
            .join(", ")
    };
    Some(vec![
        format!(
            "Keep {name} {base} unchanged and mark it deprecated (status: deprecated), with the date after which it is retired."
        ),
        format!(
            "Publish the change as a new major contract, {next}{} at version {major}.0.0, beside the old one (a data product lists both as output ports).",
            id.map(|i| format!(" (id {i})")).unwrap_or_default()
        ),
        format!("Tell {consumers} and keep both versions until every one has moved; then retire {name} {base}."),
    ])
}

/// Days since 1970-01-01 as `YYYY-MM-DD` (proleptic Gregorian calendar).
pub fn date(days: i64) -> String {
    // Howard Hinnant's civil-from-days algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A deprecation notice for the consumers of a contract a change breaks, as Markdown:
/// what breaks, the timeline (from `today`, days since 1970-01-01: the new major version
/// now, consumers moved within `days` days, the old version retired then) and who must
/// move.
pub fn deprecation_notice(r: &DiffReport, today: i64, days: i64) -> String {
    let name = r
        .name
        .as_deref()
        .or(r.id.as_deref())
        .unwrap_or("the contract");
    let base = r.base_version.as_deref().unwrap_or("current");
    let major = next_major(r);
    let next = next_major_name(name, major);
    let mut s = format!(
        "# Deprecation notice: {} {}\n\n",
        md::text(name),
        md::text(base)
    );
    let breaking: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.severity == rules::Impact::Breaking && f.rule != rules::VERSION_NOT_BUMPED.id)
        .collect();
    if breaking.is_empty() {
        s.push_str(&format!(
            "The changes to {} break no consumer: no deprecation is needed.\n",
            md::code(name)
        ));
        return s;
    }
    s.push_str(&format!(
        "{} {} will be retired on **{}**. Its next version makes changes that existing readers can't follow, so it is published as a new major contract, {}, beside it.\n\n",
        md::code(name),
        md::text(base),
        date(today + days),
        md::code(&next),
    ));
    s.push_str("## Timeline\n\n| date | step |\n| --- | --- |\n");
    s.push_str(&format!(
        "| {} | {} {major}.0.0 is published; {} {} is marked deprecated. |\n",
        date(today),
        md::code(&next),
        md::code(name),
        md::text(base)
    ));
    s.push_str(&format!(
        "| {} | Halfway: consumers not yet moved are contacted again. |\n",
        date(today + days / 2)
    ));
    s.push_str(&format!(
        "| {} | {} {} is retired: it is no longer served. |\n\n",
        date(today + days),
        md::code(name),
        md::text(base)
    ));
    s.push_str("## What changes\n\n");
    for f in breaking {
        s.push_str(&format!("- {}: {}\n", md::code(&f.subject), change(f)));
    }
    s.push_str("\n## Who must move\n\n");
    if r.impact.is_empty() {
        s.push_str("No data product in the workspace reads this contract: tell its other consumers through the contract's support channel.\n");
    } else {
        s.push_str(&impact_table(r));
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

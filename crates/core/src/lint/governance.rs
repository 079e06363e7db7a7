//! Governance rules: what an organisation expects of every contract, beyond the standard.
//! Their options come from the [`super::Policy`].

use super::{key_span, name_of, seq, value_span, Doc, Lint, PropertyList};
use crate::yaml::{Node, NodeKind, Scalar};

/// Time-based SLA properties, whose value is a duration.
const DURATION_PROPERTIES: &[&str] = &["latency", "retention", "frequency", "freshness"];

/// Units ODCS lists for SLA values, in the forms people write them.
const TIME_UNITS: &[&str] = &[
    "ms",
    "millisecond",
    "milliseconds",
    "s",
    "sec",
    "second",
    "seconds",
    "m",
    "min",
    "minute",
    "minutes",
    "h",
    "hr",
    "hour",
    "hours",
    "d",
    "day",
    "days",
    "w",
    "week",
    "weeks",
    "mo",
    "month",
    "months",
    "y",
    "yr",
    "year",
    "years",
];

/// `P1Y2M10DT2H30M`, `PT5M`, `P30D`, `P2W`: an ISO 8601 duration.
pub fn is_iso_duration(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('P') else {
        return false;
    };
    if rest.is_empty() {
        return false;
    }
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) if !t.is_empty() => (d, Some(t)),
        Some(_) => return false,
        None => (rest, None),
    };
    let parts_ok = |s: &str, units: &str| {
        let mut num = String::new();
        let mut last = 0;
        for c in s.chars() {
            if c.is_ascii_digit() || (c == '.' && !num.is_empty()) {
                num.push(c);
            } else {
                let Some(pos) = units.find(c) else {
                    return false;
                };
                if num.is_empty() || pos < last {
                    return false;
                }
                last = pos + 1;
                num.clear();
            }
        }
        num.is_empty()
    };
    parts_ok(date, "YMWD") && time.is_none_or(|t| parts_ok(t, "HMS"))
}

pub fn sla_durations(l: &mut Lint, root: &Node) {
    for (i, sla) in seq(root, "slaProperties").iter().enumerate() {
        let Some(property) = sla.get("property").and_then(Node::as_str) else {
            continue;
        };
        if !DURATION_PROPERTIES.contains(&property.to_ascii_lowercase().as_str()) {
            continue;
        }
        let unit = sla.get("unit").and_then(Node::as_str);
        let value = sla.get("value");
        let numeric = matches!(
            value.map(|v| &v.kind),
            Some(NodeKind::Scalar(Scalar::Int(_) | Scalar::Float(_)))
        );
        let path = format!("/slaProperties/{i}");
        match (unit, value.and_then(Node::as_str)) {
            (Some(u), _) if !TIME_UNITS.contains(&u.to_ascii_lowercase().as_str()) => l.push(
                format!("`{u}` is not a time unit for the `{property}` SLA. Use d, h, m, s (or day, hour, minute...)."),
                format!("{path}/unit"),
                value_span(sla, "unit"),
            ),
            (Some(_), _) if !numeric => l.push(
                format!("the `{property}` SLA has a unit, so its value must be a number, e.g. `value: 5` with `unit: m`."),
                format!("{path}/value"),
                value_span(sla, "value"),
            ),
            (None, Some(s)) if !is_iso_duration(s) => l.push(
                format!("`{s}` is not a duration. Write a number with a `unit` (`value: 5`, `unit: m`) or an ISO 8601 duration such as `PT5M`."),
                format!("{path}/value"),
                value_span(sla, "value"),
            ),
            (None, None) if numeric => l.push(
                format!("the `{property}` SLA value has no unit: add one, e.g. `unit: m` for minutes."),
                format!("{path}/value"),
                value_span(sla, "value"),
            ),
            _ => {}
        }
    }
}

pub fn naming(l: &mut Lint, root: &Node) {
    let (pcase, ocase) = (l.policy.property_case, l.policy.object_case);
    for (i, obj) in seq(root, "schema").iter().enumerate() {
        if let Some(name) = name_of(obj) {
            if !ocase.matches(name) {
                l.push(
                    format!(
                        "schema object `{name}` is not {}: rename it `{}`.",
                        ocase.as_str(),
                        ocase.convert(name)
                    ),
                    format!("/schema/{i}/name"),
                    value_span(obj, "name"),
                );
            }
        }
        for PropertyList { props, path } in l.lists_of(i) {
            for (j, p) in props.iter().enumerate() {
                let Some(name) = name_of(p) else { continue };
                if !pcase.matches(name) {
                    l.push(
                        format!(
                            "property `{name}` is not {}: rename it `{}`.",
                            pcase.as_str(),
                            pcase.convert(name)
                        ),
                        format!("{path}/{j}/name"),
                        value_span(p, "name"),
                    );
                }
            }
        }
    }
}

/// The words of a name: `customerEmail`, `customer_email` → `customer`, `email`.
fn words(name: &str) -> Vec<String> {
    super::policy::Case::Snake
        .convert(name)
        .split('_')
        .map(str::to_string)
        .collect()
}

pub fn pii_classification(l: &mut Lint, root: &Node) {
    let pii: Vec<String> = l.policy.pii_words.clone();
    for i in 0..seq(root, "schema").len() {
        for PropertyList { props, path } in l.lists_of(i) {
            for (j, p) in props.iter().enumerate() {
                let Some(name) = name_of(p) else { continue };
                if p.get("classification").is_some() {
                    continue;
                }
                let w = words(name);
                let joined = w.concat();
                if let Some(hit) = pii
                    .iter()
                    .find(|word| w.iter().any(|x| x == *word) || joined == **word)
                {
                    l.push(
                        format!("`{name}` looks like personal data ({hit}) but has no `classification`: add one, e.g. `classification: restricted`."),
                        format!("{path}/{j}"),
                        key_span(p, "name"),
                    );
                }
            }
        }
    }
}

/// Where to point for something the whole document lacks: its `kind` line.
fn top(root: &Node) -> crate::yaml::Span {
    root.entry("kind")
        .or_else(|| root.as_map().and_then(|m| m.first()))
        .map(|e| e.key_span)
        .unwrap_or(root.span)
}

pub fn freshness_sla(l: &mut Lint, root: &Node) {
    let has = seq(root, "slaProperties").iter().any(|s| {
        matches!(
            s.get("property")
                .and_then(Node::as_str)
                .map(str::to_ascii_lowercase)
                .as_deref(),
            Some("latency" | "freshness")
        )
    });
    if !has {
        let span = root
            .entry("slaProperties")
            .map(|e| e.key_span)
            .unwrap_or_else(|| top(root));
        l.push(
            "the contract promises no freshness: add an SLA, e.g. `slaProperties: [{property: latency, value: 5, unit: m}]`.".into(),
            "/slaProperties".into(),
            span,
        );
    }
}

pub fn support_channel(l: &mut Lint, root: &Node) {
    if seq(root, "support").is_empty() {
        let span = root
            .entry("support")
            .map(|e| e.key_span)
            .unwrap_or_else(|| top(root));
        l.push(
            format!("the {} names no support channel: add one, e.g. `support: [{{channel: \"#orders-data\", url: https://...}}]`.", l.doc.noun()),
            "/support".into(),
            span,
        );
    }
}

pub fn team_ownership(l: &mut Lint, root: &Node) {
    let min = l.policy.min_members;
    let doc = l.doc.noun();
    let Some(entry) = root.entry("team") else {
        l.push(
            format!("the {doc} names no owning team: add `team:` with a `name` and at least {min} members, so no single person is a bottleneck."),
            "/team".into(),
            top(root),
        );
        return;
    };
    // v3.1.0+: an object with members; v3.0.x (or the deprecated form): a list of members.
    let (members, named): (Vec<&Node>, bool) = match (&entry.value.as_map(), entry.value.as_seq()) {
        (Some(_), _) => (
            seq(&entry.value, "members").iter().collect(),
            entry.value.get("name").and_then(Node::as_str).is_some(),
        ),
        (None, Some(items)) => (items.iter().collect(), true),
        _ => return,
    };
    let active: Vec<&&Node> = members
        .iter()
        .filter(|m| m.get("dateOut").is_none())
        .collect();
    if active.len() < min {
        let who = match active.len() {
            0 => "no current member".to_string(),
            1 => "a single person".to_string(),
            n => format!("{n} people"),
        };
        l.push(
            format!("the {doc} is owned by {who}: name at least {min} current members so a dependent team is never waiting on one person."),
            "/team".into(),
            entry.key_span,
        );
    } else if !named {
        l.push(
            "the owning team has no `name`: name the team, not only its people.".into(),
            "/team".into(),
            entry.key_span,
        );
    }
}

/// The lifecycle statuses ODCS and ODPS name.
const STATUSES: &[&str] = &["proposed", "draft", "active", "deprecated", "retired"];

/// Whether the declared version's schema requires `status` itself (ODCS before v3.2.0,
/// ODPS before v1.1.0): then validation already reports a missing one.
fn schema_requires_status(root: &Node, doc: Doc) -> bool {
    use crate::model::{odcs, odps, V1_1_0, V3_2_0};
    let api = root.get("apiVersion").and_then(Node::as_str);
    match doc {
        Doc::Contract => api
            .and_then(|v| odcs::MODEL.index(v))
            .is_some_and(|i| i < V3_2_0),
        Doc::Product => api
            .and_then(|v| odps::MODEL.index(v))
            .is_some_and(|i| i < V1_1_0),
    }
}

pub fn status_declared(l: &mut Lint, root: &Node) {
    let doc = l.doc.noun();
    let Some(value) = root.get("status") else {
        if !schema_requires_status(root, l.doc) {
            l.push(
                format!("the {doc} declares no `status`: add one (proposed, draft, active, deprecated or retired) so consumers know whether to rely on it."),
                "/status".into(),
                top(root),
            );
        }
        return;
    };
    let Some(status) = value.as_str() else { return };
    if !STATUSES.contains(&status) {
        let mut msg = format!("`{status}` is not a lifecycle status.");
        if let Some(best) = crate::validate::did_you_mean(status, STATUSES.iter().copied()) {
            msg.push_str(&format!(" Did you mean `{best}`?"));
        }
        msg.push_str(" Use proposed, draft, active, deprecated or retired, so tools and people read it the same way.");
        l.push(msg, "/status".into(), value.span);
    }
}

pub fn deprecation_replacement(l: &mut Lint, root: &Node) {
    let deprecated = matches!(
        root.get("status").and_then(Node::as_str),
        Some("deprecated" | "retired")
    ) || matches!(
        root.get("deprecated").map(|n| &n.kind),
        Some(NodeKind::Scalar(Scalar::Bool(true)))
    );
    if !deprecated {
        return;
    }
    let names_replacement = seq(root, "customProperties").iter().any(|c| {
        matches!(
            c.get("property").and_then(Node::as_str),
            Some("replacedBy" | "replacement" | "successor" | "sunsetDate" | "endOfLife")
        )
    });
    let has_end_date = seq(root, "slaProperties").iter().any(|s| {
        matches!(
            s.get("property").and_then(Node::as_str),
            Some("endOfSupport" | "endOfLife")
        )
    });
    if !names_replacement && !has_end_date {
        let (path, span) = match root.get("status") {
            Some(v)
                if v.as_str()
                    .is_some_and(|s| s == "deprecated" || s == "retired") =>
            {
                ("/status", v.span)
            }
            _ => ("/deprecated", value_span(root, "deprecated")),
        };
        let advice = match l.doc {
            Doc::Contract => "add a custom property `replacedBy` (the contract to move to) or an `endOfSupport` SLA",
            Doc::Product => "add a custom property `replacedBy` (the data product to move to) or `sunsetDate`",
        };
        l.push(
            format!(
                "the {} is deprecated but names no replacement or end date: {advice}.",
                l.doc.noun()
            ),
            path.into(),
            span,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_durations() {
        for ok in ["PT5M", "P30D", "P1Y2M10DT2H30M", "P2W", "PT0.5S"] {
            assert!(is_iso_duration(ok), "{ok}");
        }
        for bad in ["P", "PT", "5M", "P5", "PT5D", "P1D2Y", "P1DT"] {
            assert!(!is_iso_duration(bad), "{bad}");
        }
    }
}

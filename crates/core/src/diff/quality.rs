//! Quality rules. Matched by `id`, then `name`, then (for unnamed rules) by content and
//! position. Before comparing, a rule is read in one vocabulary: the v3.0 `rule:
//! nullCheck` is the v3.1 `metric: nullValues` with `mustBe: 0`, and so on. Thresholds
//! are compared as the set of values they accept: a smaller set breaks writers, a larger
//! one weakens readers' guarantee. The allowed values of an `invalidValues` check (the
//! v3.1 way to write an enum) are compared value by value.

use super::fields::{self, Area, How};
use super::pair::{pair, At};
use super::rules as r;
use super::{number, text, Cx};
use crate::yaml::Node;
use serde_json::Value;

const CHECK: How = How::Checked(&[&r::QUALITY_RULE_CHANGED]);
const THRESHOLD: How = How::Checked(&[
    &r::QUALITY_THRESHOLD_TIGHTENED,
    &r::QUALITY_THRESHOLD_LOOSENED,
    &r::QUALITY_RULE_CHANGED,
]);
const DETAILS: How = How::Rule(&r::QUALITY_DETAILS_CHANGED);

/// The operators of a threshold.
use crate::model::odcs::QUALITY_OPERATORS as OPERATORS;

pub(super) static QUALITY: Area = Area {
    standard: "ODCS",
    objects: &["quality rule"],
    fields: &[
        ("id", How::Pairs(&[])),
        ("name", How::Pairs(&[&r::QUALITY_DETAILS_CHANGED])),
        ("type", CHECK),
        ("metric", CHECK),
        ("rule", CHECK),
        ("query", CHECK),
        ("engine", CHECK),
        ("implementation", CHECK),
        ("method", CHECK),
        ("unit", CHECK),
        (
            "arguments",
            How::Checked(&[
                &r::ALLOWED_VALUES_WIDENED,
                &r::ALLOWED_VALUES_NARROWED,
                &r::QUALITY_RULE_CHANGED,
            ]),
        ),
        ("mustBe", THRESHOLD),
        ("mustNotBe", THRESHOLD),
        ("mustBeGreaterThan", THRESHOLD),
        ("mustBeGreaterOrEqualTo", THRESHOLD),
        ("mustBeLessThan", THRESHOLD),
        ("mustBeLessOrEqualTo", THRESHOLD),
        ("mustBeBetween", THRESHOLD),
        ("mustNotBeBetween", THRESHOLD),
        ("severity", DETAILS),
        ("businessImpact", DETAILS),
        ("dimension", DETAILS),
        ("schedule", DETAILS),
        ("scheduler", DETAILS),
        ("description", How::Rule(&r::DESCRIPTION_CHANGED)),
        ("tags", How::Rule(&r::TAGS_CHANGED)),
        ("customProperties", How::Rule(&r::CUSTOM_PROPERTIES_CHANGED)),
        (
            "authoritativeDefinitions",
            How::Rule(&r::AUTHORITATIVE_DEFINITIONS_CHANGED),
        ),
    ],
};

pub(super) fn quality(cx: &mut Cx, parent: &At) {
    let prefix = parent.subject.clone();
    let label = move |n: &Node| {
        let what = text(n.get("name"))
            .or_else(|| metric(n))
            .or_else(|| text(n.get("description")))
            .unwrap_or_else(|| "rule".into());
        format!("{prefix} quality rule {what}")
    };
    let p = pair(parent, "quality", &[&["name"]], &label);
    for at in &p.removed {
        cx.report(&r::QUALITY_RULE_REMOVED, at, Some(describe(at.b())), None);
    }
    for at in &p.added {
        cx.report(&r::QUALITY_RULE_ADDED, at, None, Some(describe(at.n())));
    }
    for at in &p.matched {
        rule(cx, at);
    }
}

/// The metric of a library rule in the v3.1 vocabulary.
fn metric(n: &Node) -> Option<String> {
    if let Some(m) = text(n.get("metric")) {
        return Some(m);
    }
    let old = text(n.get("rule"))?;
    Some(
        match old.as_str() {
            "nullCheck" | "notNull" => "nullValues",
            "duplicateCount" | "uniqueCheck" | "unique" => "duplicateValues",
            "validValues" => "invalidValues",
            "missingCheck" => "missingValues",
            other => other,
        }
        .to_string(),
    )
}

/// Metrics that count bad values: a v3.0 `rule` of these without an operator means zero.
fn counts_bad_values(metric: &str) -> bool {
    matches!(
        metric,
        "nullValues" | "missingValues" | "invalidValues" | "duplicateValues"
    )
}

/// A rule in a few words, for removals and additions: `nullValues = 0`.
fn describe(n: &Node) -> String {
    let what = text(n.get("name"))
        .or_else(|| metric(n))
        .or_else(|| text(n.get("query")))
        .or_else(|| text(n.get("description")))
        .unwrap_or_else(|| "rule".into());
    match threshold_text(n) {
        Some(t) => format!("{what} {t}"),
        None => what,
    }
}

fn threshold_text(n: &Node) -> Option<String> {
    let ops = [
        ("mustBe", "="),
        ("mustNotBe", "≠"),
        ("mustBeGreaterThan", ">"),
        ("mustBeGreaterOrEqualTo", "≥"),
        ("mustBeLessThan", "<"),
        ("mustBeLessOrEqualTo", "≤"),
        ("mustBeBetween", "between"),
        ("mustNotBeBetween", "not between"),
    ];
    let parts: Vec<String> = ops
        .iter()
        .filter_map(|(k, sym)| Some(format!("{sym} {}", super::summary(n.get(k))?)))
        .collect();
    if parts.is_empty() {
        let m = metric(n).filter(|_| n.get("metric").is_none())?;
        return counts_bad_values(&m).then(|| "= 0".to_string());
    }
    let unit = text(n.get("unit"))
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    Some(format!("{}{unit}", parts.join(", ")))
}

/// What a rule checks, without its threshold, allowed values and documentation, in one
/// vocabulary: equal for two rules that check the same thing.
fn check(n: &Node) -> Value {
    let mut args = n.get("arguments").map(Node::to_json).unwrap_or(Value::Null);
    if let Value::Object(m) = &mut args {
        m.remove("validValues");
        m.remove("invalidValues");
        if m.is_empty() {
            args = Value::Null;
        }
    }
    let get = |k: &str| n.get(k).map(Node::to_json).unwrap_or(Value::Null);
    // `library` is the standard's default type.
    let kind = text(n.get("type")).unwrap_or_else(|| "library".into());
    serde_json::json!({
        "type": kind,
        "metric": metric(n),
        "query": get("query"),
        "engine": get("engine"),
        "implementation": get("implementation"),
        "method": get("method"),
        "unit": get("unit"),
        "arguments": args,
    })
}

/// One end of an interval: a value and whether it is included.
#[derive(Clone, Copy, Debug, PartialEq)]
struct End(f64, bool);

/// The values a threshold accepts: an interval, or everything but an interval.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Accepts {
    Within(End, End),
    Outside(End, End),
}

impl Accepts {
    /// Whether every value `self` accepts, `other` accepts too.
    fn within(self, other: Accepts) -> Option<bool> {
        // `lo_a` is at least as strict a lower bound as `lo_b`.
        let lo_le = |a: End, b: End| a.0 > b.0 || (a.0 == b.0 && (!a.1 || b.1));
        let hi_le = |a: End, b: End| a.0 < b.0 || (a.0 == b.0 && (!a.1 || b.1));
        match (self, other) {
            (Accepts::Within(la, ha), Accepts::Within(lb, hb)) => {
                Some(lo_le(la, lb) && hi_le(ha, hb))
            }
            // Everything outside X is inside everything outside Y when Y is inside X.
            (Accepts::Outside(la, ha), Accepts::Outside(lb, hb)) => {
                Some(lo_le(lb, la) && hi_le(hb, ha))
            }
            _ => None,
        }
    }
}

/// The values a rule's numeric threshold accepts; `None` without one or when it is not
/// numeric (compared as written then).
fn accepts(n: &Node) -> Option<Accepts> {
    let inf = f64::INFINITY;
    let (mut lo, mut hi) = (End(-inf, false), End(inf, false));
    let mut any = false;
    let pair = |k: &str| -> Option<(f64, f64)> {
        let s = n.get(k)?.as_seq()?;
        Some((number(s.first())?, number(s.get(1))?))
    };
    let tighter_lo = |a: End, b: End| {
        if a.0 > b.0 || (a.0 == b.0 && !a.1) {
            a
        } else {
            b
        }
    };
    let tighter_hi = |a: End, b: End| {
        if a.0 < b.0 || (a.0 == b.0 && !a.1) {
            a
        } else {
            b
        }
    };
    for (k, v) in OPERATORS.iter().filter_map(|k| Some((*k, n.get(k)?))) {
        any = true;
        match k {
            "mustBe" => {
                let x = number(Some(v))?;
                lo = tighter_lo(lo, End(x, true));
                hi = tighter_hi(hi, End(x, true));
            }
            "mustBeGreaterThan" => lo = tighter_lo(lo, End(number(Some(v))?, false)),
            "mustBeGreaterOrEqualTo" => lo = tighter_lo(lo, End(number(Some(v))?, true)),
            "mustBeLessThan" => hi = tighter_hi(hi, End(number(Some(v))?, false)),
            "mustBeLessOrEqualTo" => hi = tighter_hi(hi, End(number(Some(v))?, true)),
            "mustBeBetween" => {
                let (a, b) = pair(k)?;
                lo = tighter_lo(lo, End(a.min(b), true));
                hi = tighter_hi(hi, End(a.max(b), true));
            }
            "mustNotBe" | "mustNotBeBetween" => {
                // Only alone: "outside" does not combine with bounds here.
                if OPERATORS.iter().filter(|o| n.get(o).is_some()).count() > 1 {
                    return None;
                }
                let (a, b) = if k == "mustNotBe" {
                    let x = number(Some(v))?;
                    (x, x)
                } else {
                    pair(k)?
                };
                return Some(Accepts::Outside(End(a.min(b), true), End(a.max(b), true)));
            }
            _ => {}
        }
    }
    if !any {
        // A v3.0 check of bad values (`rule: nullCheck`) has no operator: it means zero.
        let m = metric(n).filter(|_| n.get("metric").is_none())?;
        if !counts_bad_values(&m) {
            return None;
        }
        return Some(Accepts::Within(End(0.0, true), End(0.0, true)));
    }
    Some(Accepts::Within(lo, hi))
}

/// The threshold as written, for comparing non-numeric ones.
fn threshold(n: &Node) -> Value {
    Value::Object(
        OPERATORS
            .iter()
            .filter_map(|k| Some((k.to_string(), n.get(k)?.to_json())))
            .collect(),
    )
}

/// Allowed and forbidden values of a rule's arguments.
fn values(n: &Node, key: &str) -> Vec<String> {
    n.get("arguments")
        .and_then(|a| a.get(key))
        .and_then(Node::as_seq)
        .unwrap_or(&[])
        .iter()
        .map(|v| v.to_json().to_string())
        .collect()
}

fn rule(cx: &mut Cx, at: &At) {
    let (b, n) = (at.b(), at.n());
    fields::changed(cx, at, "name", &r::QUALITY_DETAILS_CHANGED);
    fields::compare(cx, at, &QUALITY);
    if check(b) != check(n) {
        let key = [
            "metric",
            "rule",
            "query",
            "implementation",
            "engine",
            "type",
            "unit",
            "method",
            "arguments",
        ]
        .into_iter()
        .find(|k| b.get(k).map(Node::to_json) != n.get(k).map(Node::to_json))
        .unwrap_or("metric");
        cx.report(
            &r::QUALITY_RULE_CHANGED,
            &at.sub(key),
            Some(describe(b)),
            Some(describe(n)),
        );
        // Another check: its threshold and values mean something else.
        return;
    }
    let key = OPERATORS
        .iter()
        .find(|k| n.get(k).is_some() || b.get(k).is_some())
        .copied()
        .unwrap_or("mustBe");
    let here = at.sub(key);
    let (old, new) = (threshold_text(b), threshold_text(n));
    match (accepts(b), accepts(n)) {
        (Some(x), Some(y)) if x == y => {}
        (Some(x), Some(y)) => match (y.within(x), x.within(y)) {
            (Some(true), _) => cx.report(&r::QUALITY_THRESHOLD_TIGHTENED, &here, old, new),
            (_, Some(true)) => cx.report(&r::QUALITY_THRESHOLD_LOOSENED, &here, old, new),
            _ => cx.report(&r::QUALITY_RULE_CHANGED, &here, old, new),
        },
        _ if threshold(b) != threshold(n) => cx.report(&r::QUALITY_RULE_CHANGED, &here, old, new),
        _ => {}
    }
    allowed_values(cx, at);
}

/// `arguments.validValues` (values allowed) and `arguments.invalidValues` (values
/// forbidden): fewer allowed values break writers, more break readers.
fn allowed_values(cx: &mut Cx, at: &At) {
    let (b, n) = (at.b(), at.n());
    let diff = |key: &str| {
        let (old, new) = (values(b, key), values(n, key));
        let gone: Vec<String> = old.iter().filter(|v| !new.contains(v)).cloned().collect();
        let came: Vec<String> = new.iter().filter(|v| !old.contains(v)).cloned().collect();
        (gone, came)
    };
    let (valid_gone, valid_came) = diff("validValues");
    let (invalid_gone, invalid_came) = diff("invalidValues");
    let here = at.sub("arguments");
    let join = |a: Vec<String>, b: Vec<String>| {
        let all: Vec<String> = a.into_iter().chain(b).collect();
        (!all.is_empty()).then(|| all.join(", "))
    };
    if let Some(lost) = join(valid_gone, invalid_came) {
        cx.report(&r::ALLOWED_VALUES_NARROWED, &here, Some(lost), None);
    }
    if let Some(gained) = join(valid_came, invalid_gone) {
        cx.report(&r::ALLOWED_VALUES_WIDENED, &here, None, Some(gained));
    }
}

//! Service levels. Matched by `id`, then by `property` and `element`, then by
//! `property`. A value is read with its unit (`5` `m`, `99.5%`, `1h`, `30 min`) and
//! compared by direction: for latency or freshness a larger value is a weaker promise,
//! for availability or retention a stronger one. Values that can't be ranked (a time of
//! day, different kinds of unit) are reported as changed for both sides.

use super::fields::{self, Area, How};
use super::pair::{pair, At};
use super::rules as r;
use super::{number, text, Cx};
use crate::yaml::Node;

const VALUE: How = How::Checked(&[&r::SLA_LOOSENED, &r::SLA_TIGHTENED, &r::SLA_CHANGED]);
const DETAILS: How = How::Rule(&r::SLA_DETAILS_CHANGED);

pub(super) static SLA: Area = Area {
    standard: "ODCS",
    objects: &["SLA property"],
    fields: &[
        ("id", How::Pairs(&[])),
        ("property", How::Pairs(&[&r::SLA_CHANGED])),
        ("value", VALUE),
        ("unit", VALUE),
        ("valueExt", VALUE),
        ("element", How::Rule(&r::SLA_ELEMENT_CHANGED)),
        ("driver", DETAILS),
        ("schedule", DETAILS),
        ("scheduler", DETAILS),
        ("description", How::Rule(&r::DESCRIPTION_CHANGED)),
        ("customProperties", How::Rule(&r::CUSTOM_PROPERTIES_CHANGED)),
        (
            "authoritativeDefinitions",
            How::Rule(&r::AUTHORITATIVE_DEFINITIONS_CHANGED),
        ),
    ],
};

pub(super) fn sla_properties(cx: &mut Cx, root: &At) {
    let label = |n: &Node| match (text(n.get("property")), text(n.get("element"))) {
        (Some(p), Some(e)) => format!("SLA {p} of {e}"),
        (p, _) => format!("SLA {}", p.unwrap_or_default()),
    };
    let p = pair(
        root,
        "slaProperties",
        &[&["property", "element"], &["property"]],
        &label,
    );
    for at in &p.removed {
        cx.report(&r::SLA_REMOVED, at, shown(at.b()), None);
    }
    for at in &p.added {
        cx.report(&r::SLA_ADDED, at, None, shown(at.n()));
    }
    for at in &p.matched {
        sla(cx, at);
    }
}

/// Kinds of unit that can be compared with each other.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Dim {
    Seconds,
    Percent,
    /// A number with another unit (or none): comparable only with the same unit.
    Plain,
}

/// A duration unit's length in seconds.
fn unit_seconds(unit: &str) -> Option<f64> {
    Some(match unit.trim().to_ascii_lowercase().as_str() {
        "ms" | "millisecond" | "milliseconds" => 0.001,
        "s" | "sec" | "second" | "seconds" => 1.0,
        "m" | "min" | "mins" | "minute" | "minutes" => 60.0,
        "h" | "hr" | "hour" | "hours" => 3600.0,
        "d" | "day" | "days" => 86_400.0,
        "w" | "week" | "weeks" => 604_800.0,
        "y" | "yr" | "year" | "years" => 31_536_000.0,
        _ => return None,
    })
}

/// A value and its unit as a comparable quantity: `5` `m` is 300 seconds, `"99.5%"` is
/// 99.5 percent, `"1h"` 3600 seconds.
fn quantity(value: Option<&Node>, unit: Option<&str>) -> Option<(f64, Dim, String)> {
    let (x, written_unit) = match number(value) {
        Some(x) => (x, String::new()),
        None => {
            let s = text(value)?;
            let s = s.trim();
            let split = s
                .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+'))
                .unwrap_or(s.len());
            let x: f64 = s[..split].parse().ok()?;
            let rest = s[split..].trim();
            // `1h`, `30 min`, `99.5%`; not `09:00` or `2024-01-31`.
            if !rest
                .chars()
                .all(|c| c.is_alphabetic() || c == '%' || c == ' ')
            {
                return None;
            }
            (x, rest.to_string())
        }
    };
    let unit = if written_unit.is_empty() {
        unit.unwrap_or("").to_string()
    } else {
        written_unit
    };
    let u = unit.trim().to_ascii_lowercase();
    if let Some(f) = unit_seconds(&u) {
        Some((x * f, Dim::Seconds, String::new()))
    } else if u == "%" || u == "percent" {
        Some((x, Dim::Percent, String::new()))
    } else {
        Some((x, Dim::Plain, u))
    }
}

/// `5 m`, `99.5%`: a service level's value as the report shows it.
fn shown(n: &Node) -> Option<String> {
    let v = text(n.get("value"))?;
    Some(match text(n.get("unit")) {
        Some(u) => format!("{v} {u}"),
        None => v,
    })
}

/// Properties for which a larger value is a weaker promise.
fn larger_is_looser(property: &str) -> bool {
    matches!(
        property.to_ascii_lowercase().as_str(),
        "latency"
            | "freshness"
            | "frequency"
            | "timetodetect"
            | "timetonotify"
            | "timetorepair"
            | "ttr"
            | "mttr"
            | "errorrate"
            | "downtime"
    )
}

fn sla(cx: &mut Cx, at: &At) {
    let (b, n) = (at.b(), at.n());
    fields::changed(cx, at, "property", &r::SLA_CHANGED);
    fields::compare(cx, at, &SLA);
    let here = at.sub("value");
    let (old, new) = (shown(b), shown(n));
    if old != new {
        let (bu, nu) = (text(b.get("unit")), text(n.get("unit")));
        match (
            quantity(b.get("value"), bu.as_deref()),
            quantity(n.get("value"), nu.as_deref()),
        ) {
            (Some((x, dx, ux)), Some((y, dy, uy))) if dx == dy && ux == uy => {
                if x != y {
                    let property = text(n.get("property")).unwrap_or_default();
                    let rule = if (y > x) == larger_is_looser(&property) {
                        &r::SLA_LOOSENED
                    } else {
                        &r::SLA_TIGHTENED
                    };
                    cx.report(rule, &here, old, new);
                }
            }
            _ => cx.report(&r::SLA_CHANGED, &here, old, new),
        }
    }
    fields::changed(cx, at, "valueExt", &r::SLA_CHANGED);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_read_with_their_units() {
        let q = |v: &str, u: Option<&str>| {
            let doc = crate::yaml::parse_data(&format!("v: {v}\n"));
            quantity(doc.root.unwrap().get("v"), u).map(|(x, d, _)| (x, d))
        };
        assert_eq!(q("5", Some("m")), Some((300.0, Dim::Seconds)));
        assert_eq!(q("1h", None), Some((3600.0, Dim::Seconds)));
        assert_eq!(q("30 min", None), Some((1800.0, Dim::Seconds)));
        assert_eq!(q("'99.5%'", None), Some((99.5, Dim::Percent)));
        assert_eq!(q("99.9", Some("percent")), Some((99.9, Dim::Percent)));
        assert_eq!(q("09:00", None), None);
    }
}

//! `logicalTypeOptions`: lengths, ranges, patterns and formats, time zones, the required
//! keys of an object, the items of an array and the definition of a vector. Each bound
//! is compared by direction: a bound that lets more values through breaks readers, one
//! that lets fewer through breaks writers.

use super::fields::{self, Area, How};
use super::pair::At;
use super::rules::{self as r, Rule};
use super::{boolean, number, text, Cx};
use crate::yaml::{Node, NodeKind, Span};

const UPPER: How = How::Checked(&[&r::RANGE_WIDENED, &r::RANGE_NARROWED]);
const LOWER: How = How::Checked(&[&r::RANGE_WIDENED, &r::RANGE_NARROWED]);
const FORM: How = How::Checked(&[&r::PATTERN_ADDED, &r::PATTERN_REMOVED, &r::PATTERN_CHANGED]);
const VECTOR: How = How::Rule(&r::VECTOR_CHANGED);

pub(super) static OPTIONS: Area = Area {
    standard: "ODCS",
    objects: &[
        "logicalTypeOptions",
        "logicalTypeOptions of a string",
        "logicalTypeOptions of a date",
        "logicalTypeOptions of a timestamp or time",
        "logicalTypeOptions of an integer",
        "logicalTypeOptions of a number",
        "logicalTypeOptions of an object",
        "logicalTypeOptions of an array",
        "logicalTypeOptions of a vector",
    ],
    fields: &[
        (
            "maxLength",
            How::Checked(&[&r::MAX_LENGTH_INCREASED, &r::MAX_LENGTH_DECREASED]),
        ),
        ("minLength", LOWER),
        ("maximum", UPPER),
        ("exclusiveMaximum", UPPER),
        ("minimum", LOWER),
        ("exclusiveMinimum", LOWER),
        ("maxItems", UPPER),
        ("minItems", LOWER),
        ("maxProperties", UPPER),
        ("minProperties", LOWER),
        (
            "multipleOf",
            How::Checked(&[&r::RANGE_WIDENED, &r::RANGE_NARROWED]),
        ),
        ("pattern", FORM),
        ("format", FORM),
        ("timezone", How::Rule(&r::TIMEZONE_CHANGED)),
        ("defaultTimezone", How::Rule(&r::TIMEZONE_CHANGED)),
        (
            "required",
            How::Checked(&[&r::PROPERTY_BECAME_REQUIRED, &r::PROPERTY_BECAME_OPTIONAL]),
        ),
        (
            "uniqueItems",
            How::Checked(&[&r::UNIQUE_ADDED, &r::UNIQUE_DROPPED]),
        ),
        ("dimensions", VECTOR),
        ("distanceMetric", VECTOR),
        ("elementType", VECTOR),
        ("embeddingModel", VECTOR),
        ("embeddingModelVersion", VECTOR),
        ("normalized", VECTOR),
    ],
};

/// Compare a property's `logicalTypeOptions` (the same logical type on both sides).
pub(super) fn options(cx: &mut Cx, at: &At) {
    let empty = Node {
        kind: NodeKind::Map(Vec::new()),
        span: Span::default(),
    };
    let opts = at.child_map("logicalTypeOptions", &empty);
    let (bo, no) = (opts.b(), opts.n());
    if bo.to_json() == no.to_json() {
        return;
    }
    fields::compare(cx, &opts, &OPTIONS);
    // Upper bounds: a larger (or removed) bound lets more values through.
    for key in [
        "maxLength",
        "maximum",
        "exclusiveMaximum",
        "maxItems",
        "maxProperties",
    ] {
        let (widen, narrow): (&'static Rule, &'static Rule) = if key == "maxLength" {
            (&r::MAX_LENGTH_INCREASED, &r::MAX_LENGTH_DECREASED)
        } else {
            (&r::RANGE_WIDENED, &r::RANGE_NARROWED)
        };
        bound(cx, &opts, key, true, widen, narrow);
    }
    // Lower bounds: a smaller (or removed) bound lets more values through.
    for key in [
        "minLength",
        "minimum",
        "exclusiveMinimum",
        "minItems",
        "minProperties",
    ] {
        bound(cx, &opts, key, false, &r::RANGE_WIDENED, &r::RANGE_NARROWED);
    }
    multiple_of(cx, &opts);
    for key in ["pattern", "format"] {
        form(cx, &opts, key);
    }
    required_keys(cx, &opts);
    let unique = |n: &Node| boolean(n.get("uniqueItems"));
    if unique(bo) != unique(no) {
        let rule = if unique(no) {
            &r::UNIQUE_ADDED
        } else {
            &r::UNIQUE_DROPPED
        };
        fields::changed(cx, &opts, "uniqueItems", rule);
    }
}

/// A bound at `key`; `upper`: a larger value lets more through. Numbers compare as
/// numbers; dates and times, written as ISO strings, compare as text.
fn bound(
    cx: &mut Cx,
    opts: &At,
    key: &str,
    upper: bool,
    widen: &'static Rule,
    narrow: &'static Rule,
) {
    use std::cmp::Ordering;
    let (b, n) = (opts.b().get(key), opts.n().get(key));
    let flag = |x: Option<&Node>| {
        matches!(
            x.map(|x| &x.kind),
            Some(NodeKind::Scalar(crate::yaml::Scalar::Bool(_)))
        )
    };
    if flag(b) || flag(n) {
        // v3.0: `exclusiveMaximum: true` excludes the bound itself.
        return match (boolean(b), boolean(n)) {
            (false, true) => {
                fields::changed(cx, opts, key, narrow);
            }
            (true, false) => {
                fields::changed(cx, opts, key, widen);
            }
            _ => {}
        };
    }
    let looser = match (b, n) {
        (Some(_), None) => Some(true),
        (None, Some(_)) => Some(false),
        (None, None) => None,
        (Some(_), Some(_)) => {
            let order = match (number(b), number(n)) {
                (Some(x), Some(y)) => x.partial_cmp(&y),
                _ => Some(text(b).cmp(&text(n))),
            };
            match order {
                Some(Ordering::Less) => Some(upper),
                Some(Ordering::Greater) => Some(!upper),
                _ => None,
            }
        }
    };
    match looser {
        Some(true) => {
            fields::changed(cx, opts, key, widen);
        }
        Some(false) => {
            fields::changed(cx, opts, key, narrow);
        }
        None => {}
    }
}

/// `multipleOf`: a new step that is a multiple of the old one allows fewer values.
fn multiple_of(cx: &mut Cx, opts: &At) {
    let (old, new) = (
        number(opts.b().get("multipleOf")),
        number(opts.n().get("multipleOf")),
    );
    let divides = |a: f64, b: f64| b != 0.0 && (a / b - (a / b).round()).abs() < 1e-9;
    let rule = match (old, new) {
        (None, Some(_)) => &r::RANGE_NARROWED,
        (Some(_), None) => &r::RANGE_WIDENED,
        (Some(o), Some(n)) if o == n => return,
        (Some(o), Some(n)) if divides(n, o) => &r::RANGE_NARROWED,
        (Some(o), Some(n)) if divides(o, n) => &r::RANGE_WIDENED,
        (Some(_), Some(_)) => {
            // Neither contains the other: some old values are lost, some new ones appear.
            fields::changed(cx, opts, "multipleOf", &r::RANGE_NARROWED);
            &r::RANGE_WIDENED
        }
        (None, None) => return,
    };
    fields::changed(cx, opts, "multipleOf", rule);
}

/// A pattern or format added (writers must match it), dropped (readers may meet any
/// form) or changed (both).
fn form(cx: &mut Cx, opts: &At, key: &str) {
    let rule = match (opts.b().get(key), opts.n().get(key)) {
        (None, Some(_)) => &r::PATTERN_ADDED,
        (Some(_), None) => &r::PATTERN_REMOVED,
        (Some(b), Some(n)) if b.to_json() != n.to_json() => &r::PATTERN_CHANGED,
        _ => return,
    };
    fields::changed(cx, opts, key, rule);
}

/// The keys an object option requires: one added is a property that became required,
/// one dropped a property that became optional.
fn required_keys(cx: &mut Cx, opts: &At) {
    let names = |n: &Node| -> Vec<String> {
        n.get("required")
            .and_then(Node::as_seq)
            .unwrap_or(&[])
            .iter()
            .filter_map(|k| text(Some(k)))
            .collect()
    };
    let (old, new) = (names(opts.b()), names(opts.n()));
    let here = opts.sub("required");
    for k in new.iter().filter(|k| !old.contains(k)) {
        cx.report(&r::PROPERTY_BECAME_REQUIRED, &here, None, Some(k.clone()));
    }
    for k in old.iter().filter(|k| !new.contains(k)) {
        cx.report(&r::PROPERTY_BECAME_OPTIONAL, &here, Some(k.clone()), None);
    }
}

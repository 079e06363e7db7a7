//! How the diff compares every field of every object of the standards.
//!
//! Each area of the engine declares a table: for each field of its object, the rule that
//! reports any difference, the rules its own code applies, the pairing that identifies
//! elements by it, the area that compares what it holds, or the reason it is ignored.
//! [`compare`] applies the simple entries and reports a field no table knows (an
//! extension, a newer standard's field) under `field-changed`, so "No changes" means no
//! changes. Objects compared as a whole under the key that holds them (a team, a support
//! channel, a custom property) are listed in [`WHOLE`]. The coverage test walks Charter's
//! model of each standard and fails for a field none of this accounts for.

use super::pair::At;
use super::rules::{self, Rule};
use super::{same, summary, Cx};

/// How one field is compared.
#[derive(Debug)]
pub enum How {
    /// Any difference is one finding of this rule, with the old and new values.
    Rule(&'static Rule),
    /// Compared by the area's own code, under these rules.
    Checked(&'static [&'static Rule]),
    /// Identifies list elements across versions: a changed value is a rename under these
    /// rules when an `id` still pairs the elements, a removal plus an addition otherwise
    /// (an `id` gained or lost by an element paired by name is `stable-id-changed`).
    Pairs(&'static [&'static Rule]),
    /// Holds elements another area compares (named by its model object).
    Area(&'static str),
    /// Not compared, and why.
    Ignored(&'static str),
}

/// The fields of one area's object and how each is compared.
#[derive(Debug)]
pub struct Area {
    /// `ODCS` or `ODPS`.
    pub standard: &'static str,
    /// The model objects this table covers (their `ObjSpec` names).
    pub objects: &'static [&'static str],
    pub fields: &'static [(&'static str, How)],
}

impl Area {
    pub fn how(&self, key: &str) -> Option<&How> {
        self.fields.iter().find(|(k, _)| *k == key).map(|(_, h)| h)
    }
}

/// Objects compared as a whole, by the rule of the key that holds them: any difference
/// inside is one finding of that rule.
pub const WHOLE: &[(&str, &str)] = &[
    ("ODCS", "custom property"),
    ("ODCS", "authoritative definition"),
    ("ODCS", "role"),
    ("ODCS", "synonym"),
    ("ODCS", "context"),
    ("ODCS", "verified statement"),
    ("ODCS", "context constraint"),
    ("ODCS", "description"),
    ("ODCS", "map"),
    ("ODCS", "support channel"),
    ("ODCS", "price"),
    ("ODCS", "team"),
    ("ODCS", "team member"),
    ("ODPS", "custom property"),
    ("ODPS", "authoritative definition"),
    ("ODPS", "synonym"),
    ("ODPS", "context"),
    ("ODPS", "verified statement"),
    ("ODPS", "context constraint"),
    ("ODPS", "description"),
    ("ODPS", "SBOM"),
    ("ODPS", "input contract"),
    ("ODPS", "support channel"),
    ("ODPS", "team"),
    ("ODPS", "team member"),
];

/// Every area's table.
pub fn areas() -> [&'static Area; 13] {
    [
        &super::contract::CONTRACT,
        &super::servers::SERVER,
        &super::schema::OBJECT,
        &super::schema::RELATIONSHIP,
        &super::properties::PROPERTY,
        &super::properties::ENUM_VALUE,
        &super::options::OPTIONS,
        &super::quality::QUALITY,
        &super::sla::SLA,
        &super::product::PRODUCT,
        &super::product::INPUT_PORT,
        &super::product::OUTPUT_PORT,
        &super::product::MANAGEMENT_PORT,
    ]
}

/// The table of a model object, if an area compares it field by field.
pub fn area_of(standard: &str, object: &str) -> Option<&'static Area> {
    areas()
        .into_iter()
        .find(|a| a.standard == standard && a.objects.contains(&object))
}

/// Apply `area`'s `Rule` entries to a pair of elements, and report the fields no entry
/// names (`field-changed`).
pub(super) fn compare(cx: &mut Cx, at: &At, area: &Area) {
    let (b, n) = (at.b(), at.n());
    for (key, how) in area.fields {
        match how {
            How::Rule(rule) => {
                changed(cx, at, key, rule);
            }
            // Paired elements whose ids differ are told apart by pairing; one with an id
            // the other lacks is the same element that gained or lost its stable id.
            How::Pairs(_) if *key == "id" => {
                changed(cx, at, key, &rules::STABLE_ID_CHANGED);
            }
            _ => {}
        }
    }
    let mut keys: Vec<&str> = [b, n]
        .into_iter()
        .flat_map(|x| x.as_map().unwrap_or(&[]))
        .map(|e| e.key.as_str())
        .filter(|k| area.how(k).is_none())
        .collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        changed(cx, at, key, &rules::FIELD_CHANGED);
    }
}

/// Report `rule` when the value at `key` differs, with both values (`(none)` for a
/// missing one); returns whether it did. When one entry of a mapping changed (a line of
/// `description`), the finding points at that entry and shows its values.
pub(super) fn changed(cx: &mut Cx, at: &At, key: &str, rule: &'static Rule) -> bool {
    let (mut b, mut n) = (at.b().get(key), at.n().get(key));
    if same(b, n) {
        return false;
    }
    let mut here = at.sub(key);
    for _ in 0..4 {
        let (Some(bm), Some(nm)) = (
            b.filter(|x| x.as_map().is_some()),
            n.filter(|x| x.as_map().is_some()),
        ) else {
            break;
        };
        let mut keys: Vec<&str> = [bm, nm]
            .into_iter()
            .flat_map(|m| m.as_map().unwrap_or(&[]))
            .map(|e| e.key.as_str())
            .filter(|k| !same(bm.get(k), nm.get(k)))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        let [k] = keys[..] else {
            break;
        };
        let (Some((_, bp, bs)), Some((_, np, ns))) = (&here.base, &here.new) else {
            break;
        };
        let inner = At {
            base: Some((bm, bp.clone(), *bs)),
            new: Some((nm, np.clone(), *ns)),
            subject: here.subject.clone(),
            added: false,
        };
        here = inner.sub(k);
        (b, n) = (bm.get(k), nm.get(k));
    }
    let none = || Some("(none)".to_string());
    cx.report(
        rule,
        &here,
        summary(b).or_else(none),
        summary(n).or_else(none),
    );
    true
}

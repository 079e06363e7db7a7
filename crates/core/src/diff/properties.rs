//! Properties (columns, fields) at any depth: names, types, required and unique flags,
//! keys, classification, values of an `enum`; their options, quality rules and
//! relationships are compared by their own areas.

use super::fields::{self, Area, How};
use super::pair::{pair, At};
use super::rules::{self as r, Rule};
use super::schema::relationships;
use super::{boolean, options, quality, same, summary, text, Cx};
use crate::yaml::Node;

const DOC: How = How::Rule(&r::DESCRIPTION_CHANGED);
const LINEAGE: How = How::Rule(&r::LINEAGE_CHANGED);
const PRIMARY_KEY: How = How::Checked(&[&r::PRIMARY_KEY_CHANGED]);
const PARTITION_KEY: How = How::Checked(&[&r::PARTITION_KEY_CHANGED]);

pub(super) static PROPERTY: Area = Area {
    standard: "ODCS",
    objects: &["schema property", "array items"],
    fields: &[
        ("id", How::Pairs(&[])),
        ("name", How::Pairs(&[&r::PROPERTY_RENAMED])),
        ("physicalName", How::Rule(&r::PHYSICAL_NAME_CHANGED)),
        ("encryptedName", How::Rule(&r::PHYSICAL_NAME_CHANGED)),
        ("logicalType", How::Rule(&r::LOGICAL_TYPE_CHANGED)),
        ("map", How::Rule(&r::LOGICAL_TYPE_CHANGED)),
        ("physicalType", How::Checked(&[&r::PHYSICAL_TYPE_CHANGED])),
        (
            "required",
            How::Checked(&[&r::PROPERTY_BECAME_REQUIRED, &r::PROPERTY_BECAME_OPTIONAL]),
        ),
        (
            "unique",
            How::Checked(&[&r::UNIQUE_ADDED, &r::UNIQUE_DROPPED]),
        ),
        ("primaryKey", PRIMARY_KEY),
        ("primaryKeyPosition", PRIMARY_KEY),
        ("partitioned", PARTITION_KEY),
        ("partitionKeyPosition", PARTITION_KEY),
        (
            "deprecated",
            How::Checked(&[&r::PROPERTY_DEPRECATED, &r::DEPRECATION_WITHDRAWN]),
        ),
        ("classification", How::Rule(&r::CLASSIFICATION_CHANGED)),
        ("criticalDataElement", How::Rule(&r::CRITICAL_DATA_CHANGED)),
        ("semanticType", How::Rule(&r::SEMANTIC_TYPE_CHANGED)),
        ("enum", How::Area("enum value")),
        ("logicalTypeOptions", How::Area("logicalTypeOptions")),
        ("items", How::Area("array items")),
        ("properties", How::Area("schema property")),
        ("quality", How::Area("quality rule")),
        ("relationships", How::Area("relationship")),
        ("description", DOC),
        ("businessName", DOC),
        ("synonyms", DOC),
        ("tags", How::Rule(&r::TAGS_CHANGED)),
        ("examples", How::Rule(&r::EXAMPLES_CHANGED)),
        ("customProperties", How::Rule(&r::CUSTOM_PROPERTIES_CHANGED)),
        (
            "authoritativeDefinitions",
            How::Rule(&r::AUTHORITATIVE_DEFINITIONS_CHANGED),
        ),
        ("transformDescription", LINEAGE),
        ("transformLogic", LINEAGE),
        ("transformSourceObjects", LINEAGE),
    ],
};

pub(super) static ENUM_VALUE: Area = Area {
    standard: "ODCS",
    objects: &["enum value"],
    fields: &[
        (
            "value",
            How::Pairs(&[&r::ENUM_VALUE_ADDED, &r::ENUM_VALUE_REMOVED]),
        ),
        (
            "id",
            How::Ignored("enum values are identified by their value"),
        ),
        ("label", DOC),
        ("description", DOC),
        ("tags", How::Rule(&r::TAGS_CHANGED)),
        ("customProperties", How::Rule(&r::CUSTOM_PROPERTIES_CHANGED)),
        (
            "authoritativeDefinitions",
            How::Rule(&r::AUTHORITATIVE_DEFINITIONS_CHANGED),
        ),
    ],
};

/// The properties of an object or a property: its key columns, then each property.
pub(super) fn properties(cx: &mut Cx, parent: &At) {
    key_columns(
        cx,
        parent,
        "primaryKey",
        "primaryKeyPosition",
        &r::PRIMARY_KEY_CHANGED,
    );
    key_columns(
        cx,
        parent,
        "partitioned",
        "partitionKeyPosition",
        &r::PARTITION_KEY_CHANGED,
    );
    let prefix = parent.subject.clone();
    let label = move |n: &Node| {
        format!(
            "{prefix}.{}",
            text(n.get("name")).unwrap_or_else(|| "(unnamed)".into())
        )
    };
    let p = pair(parent, "properties", &[&["name"]], &label);
    for at in &p.removed {
        cx.report(&r::PROPERTY_REMOVED, at, described(at.b()), None);
    }
    for at in &p.added {
        let rule = if boolean(at.n().get("required")) {
            &r::REQUIRED_PROPERTY_ADDED
        } else {
            &r::PROPERTY_ADDED
        };
        cx.report(rule, at, None, described(at.n()));
    }
    rename_hints(cx, parent, &p.removed, &p.added);
    for at in &p.matched {
        property(cx, at);
    }
}

/// A hint for each removed and added element that look like one renamed.
pub(super) fn rename_hints(cx: &mut Cx, parent: &At, removed: &[At], added: &[At]) {
    for (i, j) in super::pair::likely_renames(removed, added) {
        let (r, a) = (&removed[i], &added[j]);
        let at = At {
            base: r.base.clone(),
            new: a.new.clone(),
            subject: parent.subject.clone(),
            added: false,
        };
        cx.report(
            &r::LIKELY_RENAME,
            &at,
            text(r.b().get("name")),
            text(a.n().get("name")),
        );
    }
}

/// `amount (number, required)`: a property as a report names it.
fn described(n: &Node) -> Option<String> {
    let name = text(n.get("name"))?;
    let mut what: Vec<String> = text(n.get("logicalType")).into_iter().collect();
    if boolean(n.get("required")) {
        what.push("required".into());
    }
    Some(if what.is_empty() {
        name
    } else {
        format!("{name} ({})", what.join(", "))
    })
}

/// The properties marked `flag` (primary or partition keys), in their `position` order
/// (unpositioned ones last, in document order), with the position as written.
fn keys(n: &Node, flag: &str, position: &str) -> Vec<(String, Option<String>)> {
    let mut keys: Vec<(f64, usize, String, Option<String>)> = n
        .get("properties")
        .and_then(Node::as_seq)
        .unwrap_or(&[])
        .iter()
        .enumerate()
        .filter(|(_, p)| boolean(p.get(flag)))
        .map(|(i, p)| {
            let pos = super::number(p.get(position)).unwrap_or(f64::INFINITY);
            let name = text(p.get("name")).unwrap_or_default();
            (pos, i, name, text(p.get(position)))
        })
        .collect();
    keys.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    keys.into_iter().map(|k| (k.2, k.3)).collect()
}

/// One finding when the key columns (primary or partition) of an object changed: a key
/// column added, removed, moved to another column or to another position.
fn key_columns(cx: &mut Cx, parent: &At, flag: &str, position: &str, rule: &'static Rule) {
    let (old, new) = (
        keys(parent.b(), flag, position),
        keys(parent.n(), flag, position),
    );
    if old == new {
        return;
    }
    // Positions are shown only when they say more than the order.
    let show = |k: Vec<(String, Option<String>)>| {
        let natural = k
            .iter()
            .enumerate()
            .all(|(i, (_, p))| p.as_deref().is_none_or(|p| p == (i + 1).to_string()));
        Some(if k.is_empty() {
            "(none)".to_string()
        } else {
            k.into_iter()
                .map(|(name, p)| match p {
                    Some(p) if !natural => format!("{name} ({p})"),
                    _ => name,
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    cx.report(rule, &parent.sub("properties"), show(old), show(new));
}

pub(super) fn property(cx: &mut Cx, at: &At) {
    let (b, n) = (at.b(), at.n());
    fields::changed(cx, at, "name", &r::PROPERTY_RENAMED);
    fields::compare(cx, at, &PROPERTY);
    physical_type(cx, at);
    flag(
        cx,
        at,
        "required",
        &r::PROPERTY_BECAME_REQUIRED,
        &r::PROPERTY_BECAME_OPTIONAL,
    );
    flag(cx, at, "unique", &r::UNIQUE_ADDED, &r::UNIQUE_DROPPED);
    deprecation(cx, at, &r::PROPERTY_DEPRECATED);
    enum_values(cx, at);
    // Options mean something else under another type: the type change says it all.
    if text(b.get("logicalType")) == text(n.get("logicalType")) {
        options::options(cx, at);
    }
    if let (Some(bi), Some(ni)) = (b.get("items"), n.get("items")) {
        let items = at.sub("items");
        let items = At {
            subject: format!("{}[]", at.subject),
            base: items.base.map(|(_, p, s)| (bi, p, s)),
            new: items.new.map(|(_, p, s)| (ni, p, s)),
            added: false,
        };
        property(cx, &items);
    } else {
        fields::changed(cx, at, "items", &r::LOGICAL_TYPE_CHANGED);
    }
    properties(cx, at);
    quality::quality(cx, at);
    relationships(cx, at);
}

/// A physical type changed, ignoring case and spaces (`VARCHAR(36)` is `varchar (36)`).
pub(super) fn physical_type(cx: &mut Cx, at: &At) {
    let norm = |n: &Node| {
        text(n.get("physicalType")).map(|t| {
            t.chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase()
        })
    };
    if norm(at.b()) != norm(at.n()) {
        fields::changed(cx, at, "physicalType", &r::PHYSICAL_TYPE_CHANGED);
    }
}

/// `deprecated` set (`rule`) or withdrawn (`deprecation-withdrawn`).
pub(super) fn deprecation(cx: &mut Cx, at: &At, rule: &'static Rule) {
    flag(cx, at, "deprecated", rule, &r::DEPRECATION_WITHDRAWN);
}

/// A boolean that became true (`on_rule`) or false (`off_rule`).
pub(super) fn flag(
    cx: &mut Cx,
    at: &At,
    key: &str,
    on_rule: &'static Rule,
    off_rule: &'static Rule,
) {
    match (boolean(at.b().get(key)), boolean(at.n().get(key))) {
        (false, true) => {
            fields::changed(cx, at, key, on_rule);
        }
        (true, false) => {
            fields::changed(cx, at, key, off_rule);
        }
        _ => {}
    }
}

/// An `enum` item's value, as text.
fn enum_value(it: &Node) -> String {
    match it.get("value").map(Node::to_json) {
        Some(serde_json::Value::String(s)) => s,
        Some(v) => v.to_string(),
        None => String::new(),
    }
}

/// Values added to or removed from a property's `enum` (v3.2.0), the list added or
/// removed, and the documentation of the values both versions have.
fn enum_values(cx: &mut Cx, at: &At) {
    let here = at.sub("enum");
    let (b, n) = (at.b(), at.n());
    let (old, new) = match (
        b.get("enum").and_then(Node::as_seq),
        n.get("enum").and_then(Node::as_seq),
    ) {
        (None, None) => return,
        (None, Some(_)) => {
            return cx.report(&r::ENUM_ADDED, &here, None, summary(at.n().get("enum")))
        }
        (Some(_), None) => {
            return cx.report(&r::ENUM_REMOVED, &here, summary(at.b().get("enum")), None)
        }
        (Some(o), Some(n)) => (o, n),
    };
    let index: std::collections::HashMap<String, usize> = old
        .iter()
        .enumerate()
        .map(|(i, it)| (enum_value(it), i))
        .collect();
    let new_values: std::collections::HashSet<String> = new.iter().map(enum_value).collect();
    for (j, it) in new.iter().enumerate() {
        let v = enum_value(it);
        match index.get(&v) {
            None => cx.report(&r::ENUM_VALUE_ADDED, &here, None, Some(v)),
            Some(&i) if !same(Some(&old[i]), Some(it)) => {
                let (bp, np) = (here.base.as_ref().unwrap(), here.new.as_ref().unwrap());
                let item = At {
                    base: Some((
                        &old[i],
                        format!("{}/{i}", bp.1),
                        super::pair::item_span(&old[i]),
                    )),
                    new: Some((it, format!("{}/{j}", np.1), super::pair::item_span(it))),
                    subject: format!("{} value {v}", at.subject),
                    added: false,
                };
                fields::compare(cx, &item, &ENUM_VALUE);
            }
            Some(_) => {}
        }
    }
    for it in old {
        let v = enum_value(it);
        if !new_values.contains(&v) {
            cx.report(&r::ENUM_VALUE_REMOVED, &here, Some(v), None);
        }
    }
}

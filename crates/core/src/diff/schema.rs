//! Schema objects (tables, topics, views) and the relationships of objects and
//! properties. Objects are matched by `id`, then `name`; their properties, quality rules
//! and relationships are compared by their own areas.

use super::fields::{self, Area, How};
use super::pair::{pair, At};
use super::properties::{self, deprecation, physical_type};
use super::quality;
use super::rules as r;
use super::{text, Cx};
use crate::yaml::Node;

pub(super) static OBJECT: Area = Area {
    standard: "ODCS",
    objects: &["schema object"],
    fields: &[
        ("id", How::Pairs(&[])),
        ("name", How::Pairs(&[&r::OBJECT_RENAMED])),
        ("physicalName", How::Rule(&r::PHYSICAL_NAME_CHANGED)),
        ("physicalType", How::Checked(&[&r::PHYSICAL_TYPE_CHANGED])),
        ("logicalType", How::Rule(&r::LOGICAL_TYPE_CHANGED)),
        (
            "deprecated",
            How::Checked(&[&r::OBJECT_DEPRECATED, &r::DEPRECATION_WITHDRAWN]),
        ),
        ("description", How::Rule(&r::DESCRIPTION_CHANGED)),
        ("businessName", How::Rule(&r::DESCRIPTION_CHANGED)),
        (
            "dataGranularityDescription",
            How::Rule(&r::DESCRIPTION_CHANGED),
        ),
        ("context", How::Rule(&r::DESCRIPTION_CHANGED)),
        ("synonyms", How::Rule(&r::DESCRIPTION_CHANGED)),
        ("tags", How::Rule(&r::TAGS_CHANGED)),
        ("customProperties", How::Rule(&r::CUSTOM_PROPERTIES_CHANGED)),
        (
            "authoritativeDefinitions",
            How::Rule(&r::AUTHORITATIVE_DEFINITIONS_CHANGED),
        ),
        ("properties", How::Area("schema property")),
        ("quality", How::Area("quality rule")),
        ("relationships", How::Area("relationship")),
    ],
};

pub(super) static RELATIONSHIP: Area = Area {
    standard: "ODCS",
    objects: &["relationship"],
    fields: &[
        ("id", How::Pairs(&[])),
        ("to", How::Pairs(&[&r::RELATIONSHIP_CHANGED])),
        ("from", How::Pairs(&[&r::RELATIONSHIP_CHANGED])),
        ("type", How::Rule(&r::RELATIONSHIP_CHANGED)),
        ("customProperties", How::Rule(&r::CUSTOM_PROPERTIES_CHANGED)),
    ],
};

pub(super) fn objects(cx: &mut Cx, root: &At) {
    let label = |n: &Node| text(n.get("name")).unwrap_or_else(|| "(unnamed object)".into());
    let p = pair(root, "schema", &[&["name"]], &label);
    for at in &p.removed {
        cx.report(&r::OBJECT_REMOVED, at, text(at.b().get("name")), None);
    }
    for at in &p.added {
        cx.report(&r::OBJECT_ADDED, at, None, text(at.n().get("name")));
    }
    properties::rename_hints(cx, root, &p.removed, &p.added);
    for at in &p.matched {
        fields::changed(cx, at, "name", &r::OBJECT_RENAMED);
        fields::compare(cx, at, &OBJECT);
        physical_type(cx, at);
        deprecation(cx, at, &r::OBJECT_DEPRECATED);
        properties::properties(cx, at);
        quality::quality(cx, at);
        relationships(cx, at);
    }
}

/// The relationships of an object or a property, matched by `id`, then by their ends.
pub(super) fn relationships(cx: &mut Cx, parent: &At) {
    let prefix = parent.subject.clone();
    let label = move |n: &Node| {
        format!(
            "{prefix} relationship to {}",
            text(n.get("to")).unwrap_or_default()
        )
    };
    let p = pair(parent, "relationships", &[&["from", "to"], &["to"]], &label);
    for at in &p.removed {
        cx.report(&r::RELATIONSHIP_REMOVED, at, text(at.b().get("to")), None);
    }
    for at in &p.added {
        cx.report(&r::RELATIONSHIP_ADDED, at, None, text(at.n().get("to")));
    }
    for at in &p.matched {
        fields::changed(cx, at, "to", &r::RELATIONSHIP_CHANGED);
        fields::changed(cx, at, "from", &r::RELATIONSHIP_CHANGED);
        fields::compare(cx, at, &RELATIONSHIP);
    }
}

//! The contract's own fields: id, status, fundamentals, team, support, roles, price,
//! tags; then its servers, schema and service levels, each compared by its area.

use super::fields::{self, Area, How};
use super::pair::At;
use super::rules::{self as r, Rule};
use super::{schema, servers, sla, text, Cx};
use crate::yaml::Node;

pub(super) static CONTRACT: Area = Area {
    standard: "ODCS",
    objects: &["data contract"],
    fields: &[
        ("apiVersion", How::Rule(&r::API_VERSION_CHANGED)),
        (
            "kind",
            How::Ignored("a contract is only compared with a contract: another kind is refused before comparing"),
        ),
        ("id", How::Rule(&r::CONTRACT_ID_CHANGED)),
        ("name", How::Rule(&r::CONTRACT_DETAILS_CHANGED)),
        ("domain", How::Rule(&r::CONTRACT_DETAILS_CHANGED)),
        ("tenant", How::Rule(&r::CONTRACT_DETAILS_CHANGED)),
        ("dataProduct", How::Rule(&r::CONTRACT_DETAILS_CHANGED)),
        (
            "version",
            How::Ignored("the version is not a change of the data: the changes found are checked against it (version-not-bumped) and the headline shows it"),
        ),
        (
            "status",
            How::Checked(&[&r::STATUS_CHANGED, &r::CONTRACT_DEPRECATED, &r::STATUS_REGRESSED]),
        ),
        ("description", How::Rule(&r::DESCRIPTION_CHANGED)),
        ("context", How::Rule(&r::DESCRIPTION_CHANGED)),
        ("team", How::Rule(&r::TEAM_CHANGED)),
        ("support", How::Rule(&r::SUPPORT_CHANGED)),
        ("roles", How::Rule(&r::ROLES_CHANGED)),
        ("price", How::Rule(&r::PRICE_CHANGED)),
        ("tags", How::Rule(&r::TAGS_CHANGED)),
        ("customProperties", How::Rule(&r::CUSTOM_PROPERTIES_CHANGED)),
        (
            "authoritativeDefinitions",
            How::Rule(&r::AUTHORITATIVE_DEFINITIONS_CHANGED),
        ),
        (
            "contractCreatedTs",
            How::Ignored("when this version of the document was written: it says nothing about the data"),
        ),
        ("slaDefaultElement", How::Rule(&r::SLA_ELEMENT_CHANGED)),
        ("servers", How::Area("server")),
        ("schema", How::Area("schema object")),
        ("slaProperties", How::Area("SLA property")),
    ],
};

pub(super) fn contract(cx: &mut Cx, base: &Node, new: &Node) {
    let root = At::root(
        base,
        new,
        text(new.get("name")).unwrap_or_else(|| "contract".into()),
    );
    fields::compare(cx, &root, &CONTRACT);
    status(cx, &root, &r::CONTRACT_DEPRECATED);
    servers::servers(cx, &root);
    schema::objects(cx, &root);
    sla::sla_properties(cx, &root);
}

/// Where a status stands in a document's life, for telling a step back from a step on.
fn stage(status: Option<&str>) -> Option<u8> {
    match status? {
        "proposed" => Some(0),
        "draft" => Some(1),
        "active" => Some(2),
        "deprecated" | "retired" => Some(3),
        _ => None,
    }
}

/// A status change: to deprecated or retired (`deprecated`), back to an earlier stage
/// (`status-regressed`), back from deprecated to active
/// (`deprecation-withdrawn`), or any other (`status-changed`).
pub(super) fn status(cx: &mut Cx, at: &At, deprecated: &'static Rule) {
    let (old, new) = (text(at.b().get("status")), text(at.n().get("status")));
    if old == new {
        return;
    }
    let (o, n) = (stage(old.as_deref()), stage(new.as_deref()));
    let rule = match (o, n) {
        (Some(o), Some(3)) if o < 3 => deprecated,
        (None, Some(3)) => deprecated,
        (Some(3), Some(2)) => &r::DEPRECATION_WITHDRAWN,
        (Some(o), Some(n)) if n < o => &r::STATUS_REGRESSED,
        _ => &r::STATUS_CHANGED,
    };
    fields::changed(cx, at, "status", rule);
}

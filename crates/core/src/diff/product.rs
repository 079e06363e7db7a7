//! Data product manifests (ODPS): ports added, removed and renamed, a port's contract or
//! version changed, deprecation and status, team and support.
//!
//! Ports are matched by `id` first (v1.1.0), then by `name` and `version` (ODPS identifies
//! an output port by the two, and may list several versions side by side), then by `name`.
//! Findings are graded for the two sides of a product: **consumers**, the products and
//! people reading its output ports, and **producers**, the team and pipelines building it.

use super::contract::status;
use super::fields::{self, Area, How};
use super::pair::{pair, At};
use super::properties::{deprecation, flag};
use super::rules as r;
use super::{parse_semver, text, Cx};
use crate::yaml::Node;

/// Ports are identified by `id`, then `name` and `version`, then `name`.
const PORT_KEYS: &[&[&str]] = &[&["name", "version"], &["name"]];

const DOC: How = How::Rule(&r::DESCRIPTION_CHANGED);
const TAGS: How = How::Rule(&r::TAGS_CHANGED);
const CUSTOM: How = How::Rule(&r::CUSTOM_PROPERTIES_CHANGED);
const AUTH: How = How::Rule(&r::AUTHORITATIVE_DEFINITIONS_CHANGED);
const DETAILS: How = How::Rule(&r::PRODUCT_DETAILS_CHANGED);

pub(super) static PRODUCT: Area = Area {
    standard: "ODPS",
    objects: &["data product"],
    fields: &[
        ("apiVersion", How::Rule(&r::API_VERSION_CHANGED)),
        (
            "kind",
            How::Ignored("a manifest is only compared with a manifest: another kind is refused before comparing"),
        ),
        ("id", How::Rule(&r::PRODUCT_ID_CHANGED)),
        ("name", DETAILS),
        ("domain", DETAILS),
        ("tenant", DETAILS),
        ("type", DETAILS),
        (
            "version",
            How::Ignored("the version is not a change of the product: the changes found are checked against it (version-not-bumped) and the headline shows it"),
        ),
        (
            "status",
            How::Checked(&[&r::STATUS_CHANGED, &r::PRODUCT_DEPRECATED, &r::STATUS_REGRESSED]),
        ),
        (
            "deprecated",
            How::Checked(&[&r::PRODUCT_DEPRECATED, &r::DEPRECATION_WITHDRAWN]),
        ),
        ("description", DOC),
        ("context", DOC),
        ("synonyms", DOC),
        ("tags", TAGS),
        ("customProperties", CUSTOM),
        ("authoritativeDefinitions", AUTH),
        ("team", How::Rule(&r::TEAM_CHANGED)),
        ("support", How::Rule(&r::SUPPORT_CHANGED)),
        (
            "productCreatedTs",
            How::Ignored("when this version of the manifest was written: it says nothing about the product"),
        ),
        ("inputPorts", How::Area("input port")),
        ("outputPorts", How::Area("output port")),
        ("managementPorts", How::Area("management port")),
    ],
};

pub(super) static INPUT_PORT: Area = Area {
    standard: "ODPS",
    objects: &["input port"],
    fields: &[
        ("id", How::Pairs(&[])),
        ("name", How::Pairs(&[&r::INPUT_PORT_CHANGED])),
        ("version", How::Pairs(&[&r::INPUT_PORT_CHANGED])),
        ("contractId", How::Rule(&r::INPUT_PORT_CHANGED)),
        ("deprecated", How::Rule(&r::INPUT_PORT_CHANGED)),
        ("tags", TAGS),
        ("customProperties", CUSTOM),
        ("authoritativeDefinitions", AUTH),
    ],
};

pub(super) static OUTPUT_PORT: Area = Area {
    standard: "ODPS",
    objects: &["output port"],
    fields: &[
        ("id", How::Pairs(&[])),
        ("name", How::Pairs(&[&r::OUTPUT_PORT_RENAMED])),
        (
            "version",
            How::Pairs(&[
                &r::OUTPUT_PORT_MAJOR_VERSION,
                &r::OUTPUT_PORT_VERSION_CHANGED,
            ]),
        ),
        ("contractId", How::Rule(&r::OUTPUT_PORT_CONTRACT_CHANGED)),
        ("type", How::Rule(&r::OUTPUT_PORT_TYPE_CHANGED)),
        (
            "deprecated",
            How::Checked(&[&r::OUTPUT_PORT_DEPRECATED, &r::DEPRECATION_WITHDRAWN]),
        ),
        ("inputContracts", How::Rule(&r::LINEAGE_CHANGED)),
        ("description", DOC),
        ("context", DOC),
        ("synonyms", DOC),
        ("sbom", DOC),
        ("tags", TAGS),
        ("customProperties", CUSTOM),
        ("authoritativeDefinitions", AUTH),
    ],
};

pub(super) static MANAGEMENT_PORT: Area = Area {
    standard: "ODPS",
    objects: &["management port"],
    fields: &[
        ("id", How::Pairs(&[])),
        ("name", How::Pairs(&[&r::MANAGEMENT_PORT_CHANGED])),
        ("url", How::Rule(&r::MANAGEMENT_PORT_CHANGED)),
        ("type", How::Rule(&r::MANAGEMENT_PORT_CHANGED)),
        ("content", How::Rule(&r::MANAGEMENT_PORT_CHANGED)),
        ("channel", How::Rule(&r::MANAGEMENT_PORT_CHANGED)),
        ("deprecated", How::Rule(&r::MANAGEMENT_PORT_CHANGED)),
        ("description", DOC),
        ("tags", TAGS),
        ("customProperties", CUSTOM),
        ("authoritativeDefinitions", AUTH),
    ],
};

/// `orders-events 1.0.0`, or the port's id.
fn port_label(kind: &str, n: &Node) -> String {
    let name = text(n.get("name"))
        .or_else(|| text(n.get("id")))
        .unwrap_or_else(|| "(unnamed)".into());
    match text(n.get("version")) {
        Some(v) => format!("{kind} {name} {v}"),
        None => format!("{kind} {name}"),
    }
}

/// A port as a removal or an addition names it: `orders-events 1.0.0, contract
/// orders-events-v1`.
fn port_value(n: &Node) -> Option<String> {
    let name = port_label("", n).trim().to_string();
    Some(match text(n.get("contractId")) {
        Some(c) => format!("{name}, contract {c}"),
        None => name,
    })
}

pub(super) fn product(cx: &mut Cx, base: &Node, new: &Node) {
    let root = At::root(
        base,
        new,
        text(new.get("name"))
            .or_else(|| text(new.get("id")))
            .unwrap_or_else(|| "data product".into()),
    );
    fields::compare(cx, &root, &PRODUCT);
    status(cx, &root, &r::PRODUCT_DEPRECATED);
    deprecation(cx, &root, &r::PRODUCT_DEPRECATED);

    let kinds = [
        (
            "outputPorts",
            "output port",
            &r::OUTPUT_PORT_REMOVED,
            &r::OUTPUT_PORT_ADDED,
            &OUTPUT_PORT,
        ),
        (
            "inputPorts",
            "input port",
            &r::INPUT_PORT_REMOVED,
            &r::INPUT_PORT_ADDED,
            &INPUT_PORT,
        ),
        (
            "managementPorts",
            "management port",
            &r::MANAGEMENT_PORT_REMOVED,
            &r::MANAGEMENT_PORT_ADDED,
            &MANAGEMENT_PORT,
        ),
    ];
    for (key, kind, removed, added, area) in kinds {
        let keys: &[&[&str]] = if key == "managementPorts" {
            &[&["name"]]
        } else {
            PORT_KEYS
        };
        let p = pair(&root, key, keys, &|n| port_label(kind, n));
        for at in &p.removed {
            cx.report(removed, at, port_value(at.b()), None);
        }
        for at in &p.added {
            cx.report(added, at, None, port_value(at.n()));
        }
        for at in &p.matched {
            fields::compare(cx, at, area);
            match key {
                "outputPorts" => output_port(cx, at),
                "inputPorts" => {
                    fields::changed(cx, at, "name", &r::INPUT_PORT_CHANGED);
                    fields::changed(cx, at, "version", &r::INPUT_PORT_CHANGED);
                }
                _ => {
                    fields::changed(cx, at, "name", &r::MANAGEMENT_PORT_CHANGED);
                }
            }
        }
    }
}

fn output_port(cx: &mut Cx, at: &At) {
    let (b, n) = (at.b(), at.n());
    fields::changed(cx, at, "name", &r::OUTPUT_PORT_RENAMED);
    let (bv, nv) = (text(b.get("version")), text(n.get("version")));
    if bv != nv {
        let major = |v: &Option<String>| v.as_deref().and_then(parse_semver).map(|s| s.0);
        let rule = match (major(&bv), major(&nv)) {
            (Some(x), Some(y)) if x != y => &r::OUTPUT_PORT_MAJOR_VERSION,
            _ => &r::OUTPUT_PORT_VERSION_CHANGED,
        };
        fields::changed(cx, at, "version", rule);
    }
    flag(
        cx,
        at,
        "deprecated",
        &r::OUTPUT_PORT_DEPRECATED,
        &r::DEPRECATION_WITHDRAWN,
    );
}

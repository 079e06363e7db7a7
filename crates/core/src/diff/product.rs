//! Semantic diff of two data product manifests (ODPS): ports added, removed and renamed,
//! a port's contract or version changed, deprecation and status, team and support.
//!
//! Ports are matched by `id` first (v1.1.0), then by `name` and `version` (ODPS identifies
//! an output port by the two, and may list several versions side by side), then by `name`.
//! Findings are graded for the two sides of a product: **consumers**, the products and
//! people reading its output ports, and **producers**, the team and pipelines building it.

use super::rules::{self, Rule};
use super::{boolean, documented, each_pair, item_span, parse_semver, scalar_changed, sub, text};
use super::{At, Cx};
use crate::yaml::Node;

/// Ports are identified by `id`, then `name` and `version`, then `name`.
const PORT_KEYS: &[&[&str]] = &[&["name", "version"], &["name"]];

/// Keys that document a port without changing what it serves.
const PORT_DOC_KEYS: &[&str] = &[
    "description",
    "tags",
    "customProperties",
    "authoritativeDefinitions",
    "synonyms",
    "context",
    "sbom",
    "inputContracts",
];
/// The same for the product (its custom properties have their own rule).
const PRODUCT_DOC_KEYS: &[&str] = &[
    "description",
    "tags",
    "authoritativeDefinitions",
    "synonyms",
    "context",
];

fn deprecated(n: &Node) -> bool {
    matches!(
        text(n.get("status")).as_deref(),
        Some("deprecated" | "retired")
    ) || boolean(n.get("deprecated"))
}

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

pub(super) fn product(cx: &mut Cx, base: &Node, new: &Node) {
    let root = At {
        base: Some((base, String::new(), item_span(base))),
        new: Some((new, String::new(), item_span(new))),
        subject: text(new.get("name"))
            .or_else(|| text(new.get("id")))
            .unwrap_or_else(|| "data product".into()),
    };
    scalar_changed(cx, &root, "id", &rules::PRODUCT_ID_CHANGED);
    let became_deprecated = !deprecated(base) && deprecated(new);
    let by_status = matches!(
        text(new.get("status")).as_deref(),
        Some("deprecated" | "retired")
    );
    if became_deprecated && by_status {
        scalar_changed(cx, &root, "status", &rules::PRODUCT_DEPRECATED);
    } else {
        scalar_changed(cx, &root, "status", &rules::STATUS_CHANGED);
        if became_deprecated {
            scalar_changed(cx, &root, "deprecated", &rules::PRODUCT_DEPRECATED);
        }
    }
    for key in ["name", "domain", "tenant", "type"] {
        scalar_changed(cx, &root, key, &rules::PRODUCT_DETAILS_CHANGED);
    }
    let whole: [(&str, &'static Rule); 3] = [
        ("team", &rules::TEAM_CHANGED),
        ("support", &rules::SUPPORT_CHANGED),
        ("customProperties", &rules::CUSTOM_PROPERTIES_CHANGED),
    ];
    for (key, rule) in whole {
        if base.get(key).map(Node::to_json) != new.get(key).map(Node::to_json) {
            cx.report(rule, &sub(&root, key), None, None);
        }
    }
    documented(cx, &root, PRODUCT_DOC_KEYS);

    each_pair(
        cx,
        &root,
        "outputPorts",
        PORT_KEYS,
        &|n| port_label("output port", n),
        Some(&rules::OUTPUT_PORT_REMOVED),
        &|_| Some(&rules::OUTPUT_PORT_ADDED),
        |cx, at| output_port(cx, &at),
    );
    each_pair(
        cx,
        &root,
        "inputPorts",
        PORT_KEYS,
        &|n| port_label("input port", n),
        Some(&rules::INPUT_PORT_REMOVED),
        &|_| Some(&rules::INPUT_PORT_ADDED),
        |cx, at| {
            for key in ["contractId", "version", "name", "deprecated"] {
                if scalar_changed(cx, &at, key, &rules::INPUT_PORT_CHANGED) {
                    break;
                }
            }
            documented(cx, &at, PORT_DOC_KEYS);
        },
    );
    each_pair(
        cx,
        &root,
        "managementPorts",
        &[&["name"]],
        &|n| port_label("management port", n),
        Some(&rules::MANAGEMENT_PORT_REMOVED),
        &|_| Some(&rules::MANAGEMENT_PORT_ADDED),
        |cx, at| {
            for key in ["url", "type", "content", "channel", "name", "deprecated"] {
                if scalar_changed(cx, &at, key, &rules::MANAGEMENT_PORT_CHANGED) {
                    break;
                }
            }
            documented(cx, &at, PORT_DOC_KEYS);
        },
    );
}

fn output_port(cx: &mut Cx, at: &At) {
    let (b, n) = (at.base.as_ref().unwrap().0, at.new.as_ref().unwrap().0);
    scalar_changed(cx, at, "name", &rules::OUTPUT_PORT_RENAMED);
    scalar_changed(cx, at, "contractId", &rules::OUTPUT_PORT_CONTRACT_CHANGED);
    let (bv, nv) = (text(b.get("version")), text(n.get("version")));
    if bv != nv {
        let major = |v: &Option<String>| v.as_deref().and_then(parse_semver).map(|s| s.0);
        let rule = match (major(&bv), major(&nv)) {
            (Some(x), Some(y)) if x != y => &rules::OUTPUT_PORT_MAJOR_VERSION,
            _ => &rules::OUTPUT_PORT_VERSION_CHANGED,
        };
        scalar_changed(cx, at, "version", rule);
    }
    scalar_changed(cx, at, "type", &rules::OUTPUT_PORT_TYPE_CHANGED);
    if !boolean(b.get("deprecated")) && boolean(n.get("deprecated")) {
        scalar_changed(cx, at, "deprecated", &rules::OUTPUT_PORT_DEPRECATED);
    }
    documented(cx, at, PORT_DOC_KEYS);
}

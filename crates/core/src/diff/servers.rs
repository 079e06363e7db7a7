//! Servers: where the data is. Matched by `id`, then by `server` name; a location field
//! changed (type, host, database, path...) moves the data for readers and writers.

use super::fields::{self, Area, How};
use super::pair::{pair, At};
use super::rules as r;
use super::{text, Cx};

const LOCATION: How = How::Rule(&r::SERVER_CHANGED);

pub(super) static SERVER: Area = Area {
    standard: "ODCS",
    objects: &["server"],
    fields: &[
        ("id", How::Pairs(&[])),
        ("server", How::Pairs(&[&r::SERVER_RENAMED])),
        ("type", LOCATION),
        ("host", LOCATION),
        ("port", LOCATION),
        ("database", LOCATION),
        ("schema", LOCATION),
        ("catalog", LOCATION),
        ("catalogUrl", LOCATION),
        ("project", LOCATION),
        ("dataset", LOCATION),
        ("account", LOCATION),
        ("warehouse", LOCATION),
        ("workgroup", LOCATION),
        ("location", LOCATION),
        ("path", LOCATION),
        ("endpointUrl", LOCATION),
        ("format", LOCATION),
        ("delimiter", LOCATION),
        ("encoding", LOCATION),
        ("namespace", LOCATION),
        ("region", LOCATION),
        ("regionName", LOCATION),
        ("serviceName", LOCATION),
        ("stagingDir", LOCATION),
        ("stream", LOCATION),
        ("environment", How::Rule(&r::SERVER_ENVIRONMENT_CHANGED)),
        ("roles", How::Rule(&r::ROLES_CHANGED)),
        ("description", How::Rule(&r::DESCRIPTION_CHANGED)),
        ("customProperties", How::Rule(&r::CUSTOM_PROPERTIES_CHANGED)),
    ],
};

pub(super) fn servers(cx: &mut Cx, root: &At) {
    let label =
        |n: &crate::yaml::Node| format!("server {}", text(n.get("server")).unwrap_or_default());
    let p = pair(root, "servers", &[&["server"]], &label);
    for at in &p.removed {
        cx.report(&r::SERVER_REMOVED, at, text(at.b().get("server")), None);
    }
    for at in &p.added {
        cx.report(&r::SERVER_ADDED, at, None, text(at.n().get("server")));
    }
    for at in &p.matched {
        fields::changed(cx, at, "server", &r::SERVER_RENAMED);
        fields::compare(cx, at, &SERVER);
    }
}

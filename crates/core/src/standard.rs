//! Which standard and version a document follows, chosen from `apiVersion` and `kind`.

use crate::codes;
use crate::diag::Diagnostic;
use crate::model::{odcs_v3_1, odps};
use crate::validate::{self, did_you_mean, Cx};
use crate::yaml::{Node, Span};
use serde::Serialize;

/// The standard a document declares.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Standard {
    /// `ODCS`, `ODPS` or `DCS`.
    pub name: &'static str,
    /// The declared version, e.g. `v3.1.0`.
    pub version: String,
    /// Whether this Charter release validates this version.
    pub supported: bool,
}

impl Standard {
    pub fn label(&self) -> String {
        format!("{} {}", self.name, self.version)
    }

    /// What kind of document this standard describes, for people.
    pub fn kind_label(&self) -> &'static str {
        match self.name {
            "ODPS" => "Data product manifest",
            _ => "Data contract",
        }
    }
}

/// ODCS versions Charter validates today.
pub const SUPPORTED_ODCS: &[&str] = &[odcs_v3_1::API_VERSION];
const KNOWN_ODCS: &[&str] = &[
    "v3.0.0", "v3.0.1", "v3.0.2", "v3.1.0", "v3.2.0", "v2.2.0", "v2.2.1", "v2.2.2",
];
const KNOWN_ODPS: &[&str] = &["v0.9.0", "v1.0.0"];

/// Detect the standard of a parsed root and validate it.
pub fn validate_root(text: &str, root: &Node) -> (Option<Standard>, Vec<Diagnostic>) {
    let mut cx = Cx::new(text);
    if root.as_map().is_none() {
        cx.push(Diagnostic::new(
            &codes::NOT_A_MAPPING,
            format!(
                "a data contract is a mapping of keys (`apiVersion: v3.1.0`, `kind: DataContract`, ...), but this document is {}.",
                root.kind_name()
            ),
            "",
            Span::point(root.span.start),
        ));
        return (None, cx.diags);
    }
    let kind = root.entry("kind");
    let api = root.entry("apiVersion");
    let api_str = api.and_then(|e| e.value.as_str());

    if let Some(dcs) = root.entry("dataContractSpecification") {
        let version = scalar_text(&dcs.value);
        cx.push(Diagnostic::new(
            &codes::UNSUPPORTED_VERSION,
            format!(
                "this is a Data Contract Specification (DCS {version}) document. Charter edits ODCS contracts; importing DCS is not available yet. Start an ODCS v3.1.0 contract from New instead."
            ),
            "/dataContractSpecification",
            dcs.key_span,
        ));
        let std = Standard {
            name: "DCS",
            version,
            supported: false,
        };
        return (Some(std), cx.diags);
    }

    if kind.and_then(|e| e.value.as_str()) == Some("DataProduct") {
        let spec = match api_str {
            Some("v0.9.0") => &odps::ROOT_V0_9,
            Some("v1.0.0") | None => &odps::ROOT_V1_0,
            Some(v) => {
                let e = api.expect("a string apiVersion has an entry");
                let msg = unknown_version("ODPS apiVersion", v, KNOWN_ODPS, "ODPS", KNOWN_ODPS);
                cx.push(Diagnostic::new(
                    &codes::UNKNOWN_STANDARD,
                    msg,
                    "/apiVersion",
                    e.value.span,
                ));
                let std = Standard {
                    name: "ODPS",
                    version: v.to_string(),
                    supported: false,
                };
                return (Some(std), cx.diags);
            }
        };
        validate::validate(&mut cx, root, spec);
        let version = api_str.unwrap_or("v1.0.0").to_string();
        let std = Standard {
            name: "ODPS",
            version,
            supported: true,
        };
        return (Some(std), cx.diags);
    }

    match (api, api_str) {
        (Some(e), Some(v)) if !SUPPORTED_ODCS.contains(&v) => {
            let msg = if KNOWN_ODCS.contains(&v) {
                format!(
                    "ODCS {v} is not supported by this Charter release yet; it validates {}. If the contract follows v3.1.0, declare `apiVersion: v3.1.0`.",
                    SUPPORTED_ODCS.join(", ")
                )
            } else {
                unknown_version("apiVersion", v, KNOWN_ODCS, "ODCS", SUPPORTED_ODCS)
            };
            let code = if KNOWN_ODCS.contains(&v) {
                &codes::UNSUPPORTED_VERSION
            } else {
                &codes::UNKNOWN_STANDARD
            };
            cx.push(Diagnostic::new(code, msg, "/apiVersion", e.value.span));
            let std = Standard {
                name: "ODCS",
                version: v.to_string(),
                supported: false,
            };
            (Some(std), cx.diags)
        }
        _ => {
            validate::validate(&mut cx, root, &odcs_v3_1::ROOT);
            cx.diags.extend(crate::lint::lint(root));
            let std = Standard {
                name: "ODCS",
                version: api_str.unwrap_or(odcs_v3_1::API_VERSION).to_string(),
                supported: true,
            };
            (Some(std), cx.diags)
        }
    }
}

/// "unknown apiVersion `v9`. Did you mean `v3.1.0`? Charter validates ODCS v3.1.0."
fn unknown_version(
    what: &str,
    v: &str,
    known: &[&str],
    standard: &str,
    supported: &[&str],
) -> String {
    let mut msg = format!("unknown {what} `{v}`.");
    if let Some(best) = did_you_mean(v, known.iter().copied()) {
        msg.push_str(&format!(" Did you mean `{best}`?"));
    }
    msg.push_str(&format!(
        " Charter validates {standard} {}.",
        supported.join(", ")
    ));
    msg
}

fn scalar_text(n: &Node) -> String {
    match n.to_json() {
        serde_json::Value::String(s) => s,
        v => v.to_string(),
    }
}

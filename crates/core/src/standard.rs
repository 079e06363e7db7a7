//! Which standard and version a document follows, chosen from `apiVersion` and `kind`.

use crate::codes;
use crate::diag::{Diagnostic, Facts};
use crate::model::{odcs, odps, Model, ODCS_VERSIONS, ODPS_VERSIONS};
use crate::validate::{self, did_you_mean, Cx, Memo};
use crate::yaml::{Node, Span};
use serde::{Deserialize, Serialize};

/// The standard a document declares.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Standard {
    /// `ODCS`, `ODPS` or `DCS`.
    #[serde(deserialize_with = "crate::intern::de")]
    pub name: crate::intern::Static,
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
            "Charter" => "Governance policy",
            _ => "Data contract",
        }
    }
}

/// ODCS versions Charter validates.
pub const SUPPORTED_ODCS: &[&str] = &ODCS_VERSIONS;
const KNOWN_ODCS: &[&str] = &[
    "v3.0.0", "v3.0.1", "v3.0.2", "v3.1.0", "v3.2.0", "v2.2.0", "v2.2.1", "v2.2.2",
];
/// ODPS versions Charter validates.
pub const SUPPORTED_ODPS: &[&str] = &ODPS_VERSIONS;
const KNOWN_ODPS: &[&str] = &ODPS_VERSIONS;

/// Detect the standard of a parsed root and validate it.
///
/// With `summarise_newer`, a document that fails its declared ODCS version but passes a
/// newer one gets one message naming the newer features instead of every error.
pub fn validate_root(
    text: &str,
    root: &Node,
    summarise_newer: bool,
    policy: &crate::lint::Policy,
) -> (Option<Standard>, Vec<Diagnostic>) {
    validate_root_again(text, root, summarise_newer, policy, None, None)
}

/// [`validate_root`] of a document [`crate::yaml::reparse`] made (`replaced` says what it
/// read again), re-checking only that part where `memo` holds the validation of the
/// document before; `memo` then holds this one's.
pub fn validate_root_again(
    text: &str,
    root: &Node,
    summarise_newer: bool,
    policy: &crate::lint::Policy,
    replaced: Option<&crate::yaml::Replaced>,
    memo: Option<&mut Memo>,
) -> (Option<Standard>, Vec<Diagnostic>) {
    // Taken now: a document that isn't validated against a model leaves no memo.
    let mut memo = memo.map(|m| (std::mem::take(m), m));
    let mut again =
        |text: &str, root: &Node, model: &'static Model, ver: u8, strict: bool| match memo.take() {
            Some((prev, next)) => {
                validate_model_again(text, root, model, ver, strict, (replaced, prev), next)
            }
            None => validate_model(text, root, model, ver, strict),
        };
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
    if crate::lint::policy::is_policy(root) {
        let std = Standard {
            name: "Charter",
            version: crate::lint::policy::API_VERSION.into(),
            supported: true,
        };
        return (Some(std), crate::lint::policy::validate(root));
    }
    let kind = root.entry("kind");
    let api = root.entry("apiVersion");
    let api_str = api.and_then(|e| e.value.as_str());

    if let Some(dcs) = root.entry("dataContractSpecification") {
        let version = scalar_text(&dcs.value);
        cx.push(Diagnostic::new(
            &codes::UNSUPPORTED_VERSION,
            format!(
                "this is a Data Contract Specification (DCS {version}) document. Charter edits ODCS contracts; importing DCS is not available yet. Start an ODCS {} contract from New instead.",
                odcs::LATEST
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
        let model = &odps::MODEL;
        let ver = match api_str {
            None => model.latest(),
            Some(v) => match model.index(v) {
                Some(i) => i,
                None => {
                    let e = api.expect("a string apiVersion has an entry");
                    let msg =
                        unknown_version("ODPS apiVersion", v, KNOWN_ODPS, "ODPS", SUPPORTED_ODPS);
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
            },
        };
        let hint = format!(
            "e.g. `apiVersion: {}` (Charter validates ODPS {})",
            odps::LATEST,
            SUPPORTED_ODPS.join(", ")
        );
        let doc = (text, root, api);
        let mut diags = check_model(doc, model, ver, false, summarise_newer, &hint, &mut again);
        diags.extend(crate::lint::lint_product(root, policy));
        let std = Standard {
            name: "ODPS",
            version: model.name(ver).to_string(),
            supported: true,
        };
        return (Some(std), diags);
    }

    match (api, api_str) {
        (Some(_), Some(v)) if KNOWN_ODPS.contains(&v) && !KNOWN_ODCS.contains(&v) => {
            // An ODPS version with another kind: the kind is what's wrong.
            let (path, span) = match kind {
                Some(k) => ("/kind", k.value.span),
                None => ("", cx.anchor_of(root)),
            };
            cx.push(Diagnostic::new(
                &codes::UNKNOWN_STANDARD,
                format!("`apiVersion: {v}` is an ODPS version, so `kind` must be `DataProduct` (a data contract has `kind: DataContract` and an ODCS apiVersion such as {}).", odcs::LATEST),
                path,
                span,
            ));
            let std = Standard {
                name: "ODPS",
                version: v.to_string(),
                supported: true,
            };
            (Some(std), cx.diags)
        }
        (Some(e), Some(v)) if !SUPPORTED_ODCS.contains(&v) => {
            let msg = if KNOWN_ODCS.contains(&v) {
                format!(
                    "ODCS {v} predates v3 and its different model; Charter validates {}. Migrate the contract to v3 and declare e.g. `apiVersion: {}`.",
                    SUPPORTED_ODCS.join(", "),
                    odcs::LATEST
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
            // A missing or non-text apiVersion is reported by validation; the latest model applies.
            let version = api_str
                .filter(|v| SUPPORTED_ODCS.contains(v))
                .unwrap_or(odcs::LATEST);
            let model = &odcs::MODEL;
            let ver = model.index(version).expect("a supported version");
            let strict = policy.strict;
            let hint = format!(
                "e.g. `apiVersion: {}` (Charter validates ODCS {}, and ODPS {} with `kind: DataProduct`)",
                odcs::LATEST,
                SUPPORTED_ODCS.join(", "),
                KNOWN_ODPS.join(", ")
            );
            let doc = (text, root, api);
            let mut diags =
                check_model(doc, model, ver, strict, summarise_newer, &hint, &mut again);
            diags.extend(crate::lint::lint_with(root, policy));
            let std = Standard {
                name: "ODCS",
                version: api_str.unwrap_or(odcs::LATEST).to_string(),
                supported: true,
            };
            (Some(std), diags)
        }
    }
}

/// Validate a document against version `ver` of `model`. A document without `apiVersion`
/// is told to declare one (`hint` names the versions) where the missing key is reported;
/// with `summarise_newer`, one that passes a newer version gets one message saying so.
fn check_model(
    (text, root, api): (&str, &Node, Option<&crate::yaml::Entry>),
    model: &'static Model,
    ver: u8,
    strict: bool,
    summarise_newer: bool,
    hint: &str,
    validate: &mut ValidateModel,
) -> Vec<Diagnostic> {
    let mut diags = validate(text, root, model, ver, strict);
    match api {
        None => {
            if let Some(d) = diags
                .iter_mut()
                .find(|d| d.is(&codes::MISSING_REQUIRED) && d.path.is_empty())
            {
                d.message
                    .push_str(&format!(" Declare the standard's version, {hint}."));
            }
        }
        Some(api) if summarise_newer && api.value.as_str().is_some() => {
            if let Some(newer) = passes_newer(text, root, model, ver, strict, &diags) {
                diags = needs_newer(text, model, api, ver, newer, diags);
            }
        }
        Some(_) => {}
    }
    diags
}

fn validate_model(
    text: &str,
    root: &Node,
    model: &'static Model,
    ver: u8,
    strict: bool,
) -> Vec<Diagnostic> {
    let mut cx = Cx::for_model(text, model, ver);
    cx.strict = strict;
    validate::validate(&mut cx, root, model.root);
    cx.diags
}

/// How [`check_model`] validates against one version: whole, or again from a memo.
type ValidateModel<'a> = dyn FnMut(&str, &Node, &'static Model, u8, bool) -> Vec<Diagnostic> + 'a;

/// [`validate_model`] through [`validate::validate_again`].
fn validate_model_again(
    text: &str,
    root: &Node,
    model: &'static Model,
    ver: u8,
    strict: bool,
    change: (Option<&crate::yaml::Replaced>, Memo),
    next: &mut Memo,
) -> Vec<Diagnostic> {
    let mut cx = Cx::for_model(text, model, ver);
    cx.strict = strict;
    validate::validate_again(&mut cx, root, model.root, text.len(), change, next);
    cx.diags
}

fn has_errors(diags: &[Diagnostic]) -> bool {
    diags.iter().any(|d| d.severity == crate::Severity::Error)
}

/// The oldest version newer than `ver` that the document passes, if it fails `ver`.
fn passes_newer(
    text: &str,
    root: &Node,
    model: &'static Model,
    ver: u8,
    strict: bool,
    diags: &[Diagnostic],
) -> Option<u8> {
    if !has_errors(diags) {
        return None;
    }
    (ver + 1..model.versions.len() as u8)
        .find(|&v| !has_errors(&validate_model(text, root, model, v, strict)))
}

/// Replace the errors of a document that fails its declared version but passes `newer`
/// by one message naming the newer features and the version to declare.
fn needs_newer(
    text: &str,
    model: &Model,
    api: &crate::yaml::Entry,
    ver: u8,
    newer: u8,
    diags: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let (declared, wanted) = (model.name(ver), model.name(newer));
    let doc = if model.standard == "ODPS" {
        "manifest"
    } else {
        "contract"
    };
    let (mut errors, mut rest): (Vec<_>, Vec<_>) = diags
        .into_iter()
        .partition(|d| d.severity == crate::Severity::Error);
    if errors.len() == 1 {
        // One error keeps its own advice, and says the newer version allows it (unless
        // that advice already is to declare a newer version).
        let mut d = errors.remove(0);
        if !d.is(&codes::OTHER_VERSION_KEY) {
            d.message.push_str(&format!(
                " ({wanted} allows this: declare `apiVersion: {wanted}` to use it.)"
            ));
        }
        rest.insert(0, d);
        return rest;
    }
    let mut features: Vec<String> = Vec::new();
    for d in &errors {
        let key = d
            .path
            .rsplit('/')
            .find(|t| t.parse::<usize>().is_err())
            .unwrap_or("");
        let what = match (&d.facts, d.code.id) {
            (Facts::Found(found), _) => format!("`{key}` written as {found}"),
            (Facts::Missing(keys), _) if !keys.is_empty() => format!("no `{}`", keys[0]),
            (_, "invalid-enum") => format!("`{key}: {}`", source_of(text, d)),
            _ if key.is_empty() => d.message.clone(),
            _ => format!("`{key}`"),
        };
        let item = format!("{what} (line {})", d.span.start.line);
        if !features.contains(&item) {
            features.push(item);
        }
    }
    let shown = features.len().min(4);
    let mut list = features[..shown].join(", ");
    if features.len() > shown {
        list.push_str(&format!(" and {} more", features.len() - shown));
    }
    rest.insert(
        0,
        Diagnostic::new(
            &codes::NEWER_VERSION,
            format!(
                "this {doc} declares {declared} but uses {wanted} features: {list}. Declare `apiVersion: {wanted}` (it passes {wanted}), or remove those features."
            ),
            "/apiVersion",
            api.value.span,
        ),
    );
    rest
}

fn source_of<'t>(text: &'t str, d: &Diagnostic) -> &'t str {
    text.get(d.span.start.at()..d.span.end.at())
        .unwrap_or("")
        .trim()
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

//! Semantic diff of two ODCS contracts or two ODPS manifests: what changed, which rule it
//! falls under, whom it breaks, and which version bump it requires.
//!
//! The engine has two layers. **Pairing** (`pair.rs`) walks the two trees side by side
//! and matches the elements of lists (schema objects, properties, servers, quality rules,
//! SLA properties, ports) by their stable `id` first and by name second, so a changed
//! `name` with the same `id` is one rename rather than a removal plus an addition.
//! **Checks**, one file per area (`contract.rs`, `servers.rs`, `schema.rs`,
//! `properties.rs`, `options.rs`, `quality.rs`, `sla.rs`, `product.rs`, `version.rs`),
//! compare a matched pair under the rules of the catalogue (`rules.rs`). Each area
//! declares how it compares every field of its object (`fields.rs`): a rule, its own
//! code, pairing, another area, or a written reason to ignore it; a test walks Charter's
//! model of the standards and fails for a field with none of these.

mod contract;
pub mod fields;
mod options;
mod pair;
mod product;
mod properties;
mod quality;
pub mod render;
pub mod rules;
mod schema;
mod servers;
mod sla;
mod version;

use crate::yaml::{Node, NodeKind, Scalar, Span};
use pair::At;
pub use rules::{Bump, Perspective};
use rules::{Impact, Rule};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Whom the verdict protects.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// Consumers (readers) are protected: the new contract must serve old readers.
    Backward,
    /// Producers (writers) are protected: old writers must satisfy the new contract.
    Forward,
    /// Both.
    Full,
}

impl Mode {
    pub fn parse(s: &str) -> Option<Mode> {
        match s {
            "backward" => Some(Mode::Backward),
            "forward" => Some(Mode::Forward),
            "full" => Some(Mode::Full),
            _ => None,
        }
    }
}

/// What the compared documents are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum DocKind {
    Contract,
    DataProduct,
}

impl DocKind {
    pub fn of(root: &Node) -> DocKind {
        match root.get("kind").and_then(Node::as_str) {
            Some("DataProduct") => DocKind::DataProduct,
            _ => DocKind::Contract,
        }
    }
    /// "contract" or "data product manifest", for people.
    pub fn noun(self) -> &'static str {
        match self {
            DocKind::Contract => "contract",
            DocKind::DataProduct => "data product manifest",
        }
    }
}

/// One change found between the two documents.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Finding {
    #[serde(deserialize_with = "crate::intern::de")]
    pub rule: crate::intern::Static,
    /// Severity under the chosen mode.
    pub severity: Impact,
    /// Whom the change concerns.
    pub perspective: Perspective,
    /// The release this change needs.
    pub bump: Bump,
    /// The base document's JSON pointer, or the new document's for additions.
    pub path: String,
    pub base_path: Option<String>,
    pub new_path: Option<String>,
    pub old: Option<String>,
    pub new: Option<String>,
    /// The element concerned: `orders.order_id`, `server prod`.
    pub subject: String,
    /// What happened, from the rule: "property became optional".
    #[serde(deserialize_with = "crate::intern::de")]
    pub title: crate::intern::Static,
    pub message: String,
    pub base_span: Option<Span>,
    pub new_span: Option<Span>,
    pub document: DocKind,
    /// The data products a breaking change hits (with a workspace; see [`with_impact`]).
    #[serde(default)]
    pub impact: Vec<String>,
}

impl Finding {
    /// The heading a finding is listed under: its schema object, the contract part, or
    /// the manifest's kind of port.
    pub fn group(&self) -> String {
        let mut parts = self.path.split('/').skip(1);
        match parts.next() {
            Some("schema") if parts.next().is_some() => {
                let object = self
                    .subject
                    .split(['.', ' '])
                    .next()
                    .unwrap_or(&self.subject);
                format!("Schema: {object}")
            }
            Some("schema") => "Schema".into(),
            Some("servers") => "Servers".into(),
            Some("slaProperties") => "Service levels".into(),
            Some("outputPorts") => "Output ports".into(),
            Some("inputPorts") => "Input ports".into(),
            Some("managementPorts") => "Management ports".into(),
            _ if self.document == DocKind::DataProduct => "Data product".into(),
            _ => "Contract".into(),
        }
    }

    pub fn base_line(&self) -> Option<usize> {
        self.base_span.map(|s| s.start.line as usize)
    }
    pub fn new_line(&self) -> Option<usize> {
        self.new_span.map(|s| s.start.line as usize)
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DiffReport {
    pub document: DocKind,
    pub mode: Mode,
    pub findings: Vec<Finding>,
    pub required_bump: Bump,
    pub base_version: Option<String>,
    pub new_version: Option<String>,
    /// Every data product the breaking changes hit, nearest first (with a workspace).
    #[serde(default)]
    pub impact: Vec<crate::mesh::Hit>,
    /// What the review says first: a side that is not valid, or warnings the change
    /// brings (an SLA element left pointing at a removed column). See [`with_validity`].
    #[serde(default)]
    pub validity: Vec<Validity>,
    /// The new document's `id` and `name`, for reports and notices.
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
}

impl DiffReport {
    pub fn count(&self, i: Impact) -> usize {
        self.findings.iter().filter(|f| f.severity == i).count()
    }
    /// "breaking", "warning", "compatible" or "unchanged".
    pub fn verdict(&self) -> &'static str {
        if self.count(Impact::Breaking) > 0 {
            "breaking"
        } else if self.count(Impact::Warning) > 0 {
            "warning"
        } else if self.findings.is_empty() {
            "unchanged"
        } else {
            "compatible"
        }
    }
    /// One sentence for people: "Breaking for consumers — requires 2.0.0, declared 1.4.0".
    pub fn headline(&self) -> String {
        let who = match self.mode {
            Mode::Backward => "consumers",
            Mode::Forward => "producers",
            Mode::Full => "consumers or producers",
        };
        let head = match self.verdict() {
            "breaking" => format!("Breaking for {who}"),
            "warning" => format!("Compatible with warnings for {who}"),
            "unchanged" => return "No changes".to_string(),
            _ => format!("Compatible for {who}"),
        };
        match (
            &self.base_version,
            &self.new_version,
            suggested_version(self),
        ) {
            (_, Some(declared), Some(suggested))
                if self
                    .findings
                    .iter()
                    .any(|f| f.rule == rules::VERSION_NOT_BUMPED.id) =>
            {
                format!("{head} — requires {suggested}, declared {declared}")
            }
            (_, Some(declared), _) => format!("{head} — version {declared}"),
            _ => head,
        }
    }
}

/// Compare two documents' roots: two contracts, or two manifests when the new one is a
/// data product (see [`compare`] for documents of different kinds).
pub fn diff(base: &Node, new: &Node, mode: Mode) -> DiffReport {
    let document = DocKind::of(new);
    let mut cx = Cx {
        mode,
        document,
        out: Vec::new(),
    };
    match document {
        DocKind::Contract => contract::contract(&mut cx, base, new),
        DocKind::DataProduct => product::product(&mut cx, base, new),
    }
    let required_bump = cx.out.iter().map(|f| f.bump).max().unwrap_or(Bump::None);
    let base_version = text(base.get("version"));
    let new_version = text(new.get("version"));
    let mut report = DiffReport {
        document,
        mode,
        findings: cx.out,
        required_bump,
        base_version,
        new_version,
        impact: Vec::new(),
        validity: Vec::new(),
        id: text(base.get("id")),
        name: text(new.get("name")),
    };
    version::check(&mut report, base, new);
    report
}

/// Compare two documents of the same kind; `Err` says so when one is a contract and the
/// other a data product manifest.
pub fn compare(base: &Node, new: &Node, mode: Mode) -> Result<DiffReport, String> {
    let (b, n) = (DocKind::of(base), DocKind::of(new));
    if b != n {
        return Err(format!(
            "the base is a {} and the new document a {}: compare two versions of the same document",
            b.noun(),
            n.noun()
        ));
    }
    Ok(diff(base, new, mode))
}

/// Parse both texts and compare them; `Err` says which side failed to parse.
pub fn diff_texts(base: &str, new: &str, mode: Mode) -> Result<DiffReport, String> {
    diff_documents(
        &crate::yaml::parse_data(base),
        &crate::yaml::parse_data(new),
        mode,
    )
}

/// Compare two parsed documents (the same parses can be checked too: see
/// [`with_validity`]); `Err` says which side can't be compared and why.
pub fn diff_documents(
    b: &crate::yaml::Document,
    n: &crate::yaml::Document,
    mode: Mode,
) -> Result<DiffReport, String> {
    // Why a side has no tree to compare: a syntax error, a limit (aliases, nesting,
    // size), or no content at all.
    let why_not = |errors: &[crate::yaml::YamlError]| match errors.last() {
        None => "is empty".to_string(),
        Some(e) => {
            let what = match e.kind {
                crate::yaml::YamlErrorKind::Syntax => "is not valid YAML",
                _ => "can't be read",
            };
            format!("{what} (line {}: {})", e.span.start.line, e.message)
        }
    };
    // A side that could not be read whole is not compared: its missing part would show
    // as removals.
    let broken = |d: &crate::yaml::Document| {
        d.incomplete().then(|| {
            let e = d.errors.iter().find(|e| {
                !matches!(
                    e.kind,
                    crate::yaml::YamlErrorKind::DuplicateKey
                        | crate::yaml::YamlErrorKind::Lenient
                        | crate::yaml::YamlErrorKind::MultipleDocuments
                        | crate::yaml::YamlErrorKind::ComplexKey
                )
            });
            why_not(e.map(std::slice::from_ref).unwrap_or_default())
        })
    };
    if let Some(why) = broken(b) {
        return Err(format!("the base document {why}"));
    }
    if let Some(why) = broken(n) {
        return Err(format!("the new document {why}"));
    }
    match (&b.root, &n.root) {
        (Some(b), Some(n)) => compare(b, n, mode),
        (None, _) => Err(format!("the base document {}", why_not(&b.errors))),
        (_, None) => Err(format!("the new document {}", why_not(&n.errors))),
    }
}

/// Collects the findings of one comparison.
pub(crate) struct Cx {
    mode: Mode,
    document: DocKind,
    out: Vec<Finding>,
}

impl Cx {
    /// Report a change under `rule`, with its severity under the chosen mode.
    fn report(&mut self, rule: &'static Rule, at: &At, old: Option<String>, new: Option<String>) {
        let severity = rule.severity(self.mode);
        let change = match (&old, &new) {
            (Some(o), Some(n)) => format!(" ({o} → {n})"),
            (Some(o), None) => format!(" (was {o})"),
            (None, Some(n)) => format!(" ({n})"),
            _ => String::new(),
        };
        let message = format!("{}: {}{change}. {}", at.subject, rule.title, rule.why);
        self.push(
            rule,
            at,
            old,
            new,
            severity,
            rule.bump_at(severity),
            message,
        );
    }

    /// Report a change whose severity, release and message the caller decides (the
    /// version check: its severity follows the release that is missing).
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        rule: &'static Rule,
        at: &At,
        old: Option<String>,
        new: Option<String>,
        severity: Impact,
        bump: Bump,
        message: String,
    ) {
        let base_path = at.base.as_ref().map(|b| b.1.clone());
        let new_path = at.new.as_ref().map(|n| n.1.clone());
        let path = if at.added {
            new_path.clone()
        } else {
            base_path.clone().or_else(|| new_path.clone())
        };
        self.out.push(Finding {
            rule: rule.id,
            severity,
            perspective: rule.perspective,
            bump,
            path: path.unwrap_or_default(),
            base_path,
            new_path,
            old,
            new,
            subject: at.subject.clone(),
            title: rule.title,
            message,
            base_span: at.base.as_ref().map(|b| b.2),
            new_span: at.new.as_ref().map(|n| n.2),
            document: self.document,
            impact: Vec::new(),
        });
    }
}

/// A problem of one side of a review, said before its findings.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Validity {
    /// `base` or `new`.
    pub side: String,
    /// `invalid` (the side has errors) or `new-warnings` (the new version has warnings the
    /// base had not).
    pub kind: String,
    pub count: usize,
    /// A sentence for people.
    pub message: String,
}

/// Note what the checks of both sides say: errors in either, warnings the new version
/// brings (compared by rule and message, so moved lines don't count).
pub fn with_validity(report: &mut DiffReport, base: &crate::Report, new: &crate::Report) {
    use crate::Severity;
    let first =
        |d: &crate::Diagnostic| format!("line {}, {}: {}", d.span.start.line, d.code.id, d.message);
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("1 {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    let noun = report.document.noun();
    for (side, r, tail) in [
        (
            "new",
            new,
            "fix it before publishing: the findings below compare what is there",
        ),
        (
            "base",
            base,
            "findings about its broken parts may be missing",
        ),
    ] {
        let errors: Vec<&crate::Diagnostic> = r
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        if let Some(e) = errors.first() {
            report.validity.push(Validity {
                side: side.into(),
                kind: "invalid".into(),
                count: errors.len(),
                message: format!(
                    "The {side} {noun} is not valid: {} (first: {}); {tail}.",
                    plural(errors.len(), "error"),
                    first(e)
                ),
            });
        }
    }
    let mut known: std::collections::HashMap<(&str, &str), usize> =
        std::collections::HashMap::new();
    for d in base
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
    {
        *known.entry((d.code.id, d.message.as_str())).or_default() += 1;
    }
    let mut gained = Vec::new();
    for d in new
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
    {
        match known.get_mut(&(d.code.id, d.message.as_str())) {
            Some(n) if *n > 0 => *n -= 1,
            _ => gained.push(d),
        }
    }
    if let Some(w) = gained.first() {
        report.validity.push(Validity {
            side: "new".into(),
            kind: "new-warnings".into(),
            count: gained.len(),
            message: format!(
                "The change brings {} the base did not have (first: {}).",
                plural(gained.len(), "warning"),
                first(w)
            ),
        });
    }
}

/// Name the data products of `mesh` that the breaking findings of `report` hit: for a
/// contract, the products reading the base contract (same major version) and those
/// downstream; for a manifest, those reading the contract of each broken output port.
pub fn with_impact(report: &mut DiffReport, base: &Node, mesh: &crate::mesh::Mesh) {
    let mut all: Vec<crate::mesh::Hit> = Vec::new();
    let contract_hits = match report.document {
        DocKind::Contract => {
            text(base.get("id")).map(|id| mesh.impact(&id, text(base.get("version")).as_deref()))
        }
        DocKind::DataProduct => None,
    };
    for f in report
        .findings
        .iter_mut()
        .filter(|f| f.severity == Impact::Breaking)
    {
        let hits = match &contract_hits {
            Some(h) => h.clone(),
            None => {
                // `/outputPorts/3/...` of the base manifest.
                let port = f
                    .base_path
                    .as_deref()
                    .and_then(|p| p.strip_prefix("/outputPorts/"))
                    .and_then(|rest| rest.split('/').next()?.parse::<usize>().ok())
                    .and_then(|i| base.get("outputPorts")?.as_seq()?.get(i));
                match port.and_then(|p| Some((text(p.get("contractId"))?, text(p.get("version")))))
                {
                    Some((c, v)) => mesh.impact(&c, v.as_deref()),
                    None => Vec::new(),
                }
            }
        };
        f.impact = hits.iter().map(|h| h.product.clone()).collect();
        for h in hits {
            if !all.iter().any(|a| a.product == h.product) {
                all.push(h);
            }
        }
    }
    report.impact = all;
}

/// A scalar's text; a list or mapping as compact JSON; `None` for null or absent.
fn text(n: Option<&Node>) -> Option<String> {
    let n = n?;
    Some(match &n.kind {
        NodeKind::Scalar(Scalar::Str(s)) => s.to_string(),
        NodeKind::Scalar(Scalar::Null) => return None,
        _ => n.to_json().to_string(),
    })
}

/// [`text`] without copying a string value.
fn text_ref(n: Option<&Node>) -> Option<Cow<'_, str>> {
    match &n?.kind {
        NodeKind::Scalar(Scalar::Str(s)) => Some(Cow::Borrowed(s)),
        _ => text(n).map(Cow::Owned),
    }
}

/// A value for a report: a scalar as written, a list of scalars joined by commas, a
/// mapping as `key: value; ...`, deeper parts as `…`; long values are cut at 80
/// characters.
fn summary(n: Option<&Node>) -> Option<String> {
    let n = n?;
    let short = |v: &Node| match &v.kind {
        NodeKind::Scalar(_) => text(Some(v)).unwrap_or_else(|| "null".into()),
        _ => "…".into(),
    };
    let s = match &n.kind {
        NodeKind::Seq(items) if items.iter().all(|i| matches!(i.kind, NodeKind::Scalar(_))) => {
            items.iter().map(short).collect::<Vec<_>>().join(", ")
        }
        NodeKind::Seq(items) => items
            .iter()
            .map(|i| match i.as_map() {
                Some(m) => m.first().map(|e| short(&e.value)).unwrap_or_default(),
                None => short(i),
            })
            .collect::<Vec<_>>()
            .join(", "),
        NodeKind::Map(entries) => entries
            .iter()
            .map(|e| format!("{}: {}", e.key, short(&e.value)))
            .collect::<Vec<_>>()
            .join("; "),
        _ => text(Some(n))?,
    };
    Some(match s.char_indices().nth(80) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s,
    })
}

fn boolean(n: Option<&Node>) -> bool {
    matches!(
        n.map(|n| &n.kind),
        Some(NodeKind::Scalar(Scalar::Bool(true)))
    )
}

fn number(n: Option<&Node>) -> Option<f64> {
    match n?.kind {
        NodeKind::Scalar(Scalar::Int(i)) => Some(i as f64),
        NodeKind::Scalar(Scalar::Float(f)) => Some(f),
        _ => None,
    }
}

/// Whether two optional values are the same data.
fn same(a: Option<&Node>, b: Option<&Node>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a.to_json() == b.to_json(),
        // An explicit null is the same as no value.
        (Some(x), None) | (None, Some(x)) => matches!(x.kind, NodeKind::Scalar(Scalar::Null)),
    }
}

/// Semantic version `major.minor.patch` (a leading `v` and a suffix are tolerated).
pub fn parse_semver(s: &str) -> Option<(u64, u64, u64)> {
    let s = s.trim().trim_start_matches('v');
    let core = s.split(['-', '+']).next()?;
    let mut it = core.split('.');
    let major = it.next()?.parse().ok()?;
    let minor = it.next().unwrap_or("0").parse().ok()?;
    let patch = it.next().unwrap_or("0").parse().ok()?;
    Some((major, minor, patch))
}

/// The smallest version after `base` that carries the required bump.
pub fn suggested_version(report: &DiffReport) -> Option<String> {
    let (ma, mi, pa) = parse_semver(report.base_version.as_deref()?)?;
    Some(match report.required_bump {
        Bump::Major => format!("{}.0.0", ma + 1),
        Bump::Minor => format!("{ma}.{}.0", mi + 1),
        Bump::Patch => format!("{ma}.{mi}.{}", pa + 1),
        Bump::None => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semver() {
        assert_eq!(parse_semver("1.4.0"), Some((1, 4, 0)));
        assert_eq!(parse_semver("v2.0"), Some((2, 0, 0)));
        assert_eq!(parse_semver("1.2.3-rc.1"), Some((1, 2, 3)));
        assert_eq!(parse_semver("next"), None);
    }
}

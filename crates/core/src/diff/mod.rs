//! Semantic diff of two ODCS contracts or two ODPS manifests (`product.rs`): what
//! changed, which rule it falls under, whom it breaks, and which version bump it requires.
//!
//! Elements of lists (schema objects, properties, servers, quality rules, SLA properties,
//! ...) are matched by their stable `id` first and by name second, so a changed `name` with
//! the same `id` is one rename rather than a removal plus an addition.

mod product;
pub mod render;
pub mod rules;

use crate::validate::child;
use crate::yaml::{Node, NodeKind, Scalar, Span};
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    None,
    Patch,
    Minor,
    Major,
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
    /// Who is affected: "consumers", "producers" or "both".
    #[serde(deserialize_with = "crate::intern::de")]
    pub perspective: crate::intern::Static,
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
        DocKind::Contract => contract(&mut cx, base, new),
        DocKind::DataProduct => product::product(&mut cx, base, new),
    }
    let required_bump = cx
        .out
        .iter()
        .map(|f| bump_of(f, mode))
        .max()
        .unwrap_or(Bump::None);
    let base_version = text(base.get("version"));
    let new_version = text(new.get("version"));
    let mut report = DiffReport {
        document,
        mode,
        findings: cx.out,
        required_bump,
        base_version,
        new_version,
    };
    check_version(&mut report, base, new);
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
    let b = crate::yaml::parse_data(base);
    let n = crate::yaml::parse_data(new);
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
    if let Some(why) = broken(&b) {
        return Err(format!("the base document {why}"));
    }
    if let Some(why) = broken(&n) {
        return Err(format!("the new document {why}"));
    }
    match (b.root, n.root) {
        (Some(b), Some(n)) => compare(&b, &n, mode),
        (None, _) => Err(format!("the base document {}", why_not(&b.errors))),
        (_, None) => Err(format!("the new document {}", why_not(&n.errors))),
    }
}

fn bump_of(f: &Finding, _mode: Mode) -> Bump {
    match f.severity {
        Impact::Breaking => Bump::Major,
        Impact::Warning => Bump::Minor,
        Impact::Info if f.rule.ends_with("-added") => Bump::Minor,
        Impact::Info => Bump::Patch,
        Impact::None => Bump::Patch,
    }
}

struct Cx {
    mode: Mode,
    document: DocKind,
    out: Vec<Finding>,
}

/// Where an element sits in each document.
#[derive(Clone)]
struct At<'a> {
    base: Option<(&'a Node, String, Span)>,
    new: Option<(&'a Node, String, Span)>,
    /// Human name of the element: `orders.order_id`, `server production`.
    subject: String,
}

impl Cx {
    fn report(&mut self, rule: &'static Rule, at: &At, old: Option<String>, new: Option<String>) {
        // A change that doesn't affect the protected side is still listed, as information.
        let severity = match self.mode {
            Mode::Backward => rule.consumers,
            Mode::Forward => rule.producers,
            Mode::Full => rule.consumers.max(rule.producers),
        }
        .max(Impact::Info);
        let perspective = match (
            rule.consumers >= Impact::Warning,
            rule.producers >= Impact::Warning,
        ) {
            (true, true) => "both",
            (false, true) => "producers",
            _ => "consumers",
        };
        let change = match (&old, &new) {
            (Some(o), Some(n)) => format!(" ({o} → {n})"),
            _ => String::new(),
        };
        let message = format!("{}: {}{change}. {}", at.subject, rule.title, rule.why);
        let base_path = at.base.as_ref().map(|b| b.1.clone());
        let new_path = at.new.as_ref().map(|n| n.1.clone());
        self.out.push(Finding {
            rule: rule.id,
            severity,
            perspective,
            path: base_path
                .clone()
                .or_else(|| new_path.clone())
                .unwrap_or_default(),
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
        });
    }
}

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

fn span_of(parent: &Node, key: &str, fallback: Span) -> Span {
    parent.entry(key).map(|e| e.key_span).unwrap_or(fallback)
}

/// Where a list item is: its first key, or the item itself.
fn item_span(n: &Node) -> Span {
    n.as_map()
        .and_then(|m| m.first())
        .map(|e| e.key_span)
        .unwrap_or(n.span)
}

/// The keys list elements are matched by after `id`: the first that identifies them
/// (`name` for schema objects; `name` and `version`, then `name`, for output ports).
type MatchKeys<'k> = &'k [&'k [&'k str]];

/// Match two lists by `id`, then by each of `keys` in turn (all of a key's fields present
/// and equal). Returns matched index pairs, then the unmatched indices of each side.
/// Linear in the lists' lengths: each pass indexes the unmatched new elements.
fn match_lists<'n>(
    base: &'n [Node],
    new: &'n [Node],
    keys: MatchKeys,
) -> (Vec<(usize, usize)>, Vec<usize>, Vec<usize>) {
    use std::collections::{HashMap, VecDeque};
    let mut pairs = Vec::new();
    let mut used_new = vec![false; new.len()];
    let mut matched_base = vec![false; base.len()];
    let key_of = |n: &'n Node, fields: &[&str]| -> Option<Cow<'n, str>> {
        match fields {
            [one] => text_ref(n.get(one)),
            _ => {
                let parts: Option<Vec<Cow<str>>> =
                    fields.iter().map(|f| text_ref(n.get(f))).collect();
                parts.map(|p| Cow::Owned(p.join("\u{1f}")))
            }
        }
    };
    let take = |index: &mut HashMap<Cow<'n, str>, VecDeque<usize>>,
                key: Option<Cow<'n, str>>,
                used_new: &mut [bool],
                accept: &dyn Fn(usize) -> bool|
     -> Option<usize> {
        let queue = index.get_mut(&key?)?;
        while queue.front().is_some_and(|&j| used_new[j]) {
            queue.pop_front();
        }
        let j = *queue.front()?;
        if !accept(j) {
            return None;
        }
        queue.pop_front();
        used_new[j] = true;
        Some(j)
    };
    let id: &[&str] = &["id"];
    for fields in std::iter::once(id).chain(keys.iter().copied()) {
        if matched_base.iter().all(|m| *m) {
            break;
        }
        let mut index: HashMap<Cow<str>, VecDeque<usize>> = HashMap::new();
        for (j, n) in new.iter().enumerate().filter(|(j, _)| !used_new[*j]) {
            if let Some(k) = key_of(n, fields) {
                index.entry(k).or_default().push_back(j);
            }
        }
        for (i, b) in base.iter().enumerate() {
            if matched_base[i] {
                continue;
            }
            // An id match wins even if names differ; a name match only when ids don't contradict.
            let by_id = fields == id;
            let accept =
                |j: usize| by_id || text(b.get("id")).is_none() || text(new[j].get("id")).is_none();
            if let Some(j) = take(&mut index, key_of(b, fields), &mut used_new, &accept) {
                matched_base[i] = true;
                pairs.push((i, j));
            }
        }
    }
    // Elements without id or name (quality rules often have neither): identical content
    // first, then the same position.
    let name_key = keys
        .first()
        .and_then(|k| k.first())
        .copied()
        .unwrap_or("name");
    let anonymous = |n: &Node| n.get("id").is_none() && n.get(name_key).is_none();
    let unmatched_anonymous = base
        .iter()
        .enumerate()
        .any(|(i, b)| !matched_base[i] && anonymous(b));
    let mut index: HashMap<Cow<str>, VecDeque<usize>> = HashMap::new();
    for (j, n) in new.iter().enumerate() {
        if unmatched_anonymous && !used_new[j] && anonymous(n) {
            index
                .entry(Cow::Owned(n.to_json().to_string()))
                .or_default()
                .push_back(j);
        }
    }
    for (i, b) in base.iter().enumerate() {
        if matched_base[i] || !anonymous(b) {
            continue;
        }
        let content = Some(Cow::Owned(b.to_json().to_string()));
        if let Some(j) = take(&mut index, content, &mut used_new, &|_| true) {
            matched_base[i] = true;
            pairs.push((i, j));
        }
    }
    for (i, b) in base.iter().enumerate() {
        if !matched_base[i] && anonymous(b) && i < new.len() && !used_new[i] && anonymous(&new[i]) {
            used_new[i] = true;
            matched_base[i] = true;
            pairs.push((i, i));
        }
    }
    let removed = (0..base.len()).filter(|&i| !matched_base[i]).collect();
    let added = (0..new.len()).filter(|&j| !used_new[j]).collect();
    (pairs, removed, added)
}

fn list<'a>(n: &'a Node, key: &str) -> &'a [Node] {
    n.get(key).and_then(Node::as_seq).unwrap_or(&[])
}

/// Compare two lists of elements and call `on_pair` for each matched pair.
#[allow(clippy::too_many_arguments)]
fn each_pair<'a>(
    cx: &mut Cx,
    parent: &At<'a>,
    key: &str,
    match_keys: MatchKeys,
    label: &dyn Fn(&Node) -> String,
    removed: Option<&'static Rule>,
    added: &dyn Fn(&Node) -> Option<&'static Rule>,
    mut on_pair: impl FnMut(&mut Cx, At<'a>),
) {
    let (Some((bp, bpath, _)), Some((np, npath, _))) = (&parent.base, &parent.new) else {
        return;
    };
    let (b_items, n_items) = (list(bp, key), list(np, key));
    let (pairs, gone, new_items) = match_lists(b_items, n_items, match_keys);
    for i in gone {
        if let Some(rule) = removed {
            let b = &b_items[i];
            let at = At {
                base: Some((b, format!("{bpath}/{key}/{i}"), item_span(b))),
                new: Some((np, npath.clone(), span_of(np, key, item_span(np)))),
                subject: label(b),
            };
            cx.report(rule, &at, None, None);
        }
    }
    for j in new_items {
        let n = &n_items[j];
        if let Some(rule) = added(n) {
            let at = At {
                base: Some((bp, bpath.clone(), span_of(bp, key, item_span(bp)))),
                new: Some((n, format!("{npath}/{key}/{j}"), item_span(n))),
                subject: label(n),
            };
            cx.report(rule, &at, None, None);
        }
    }
    for (i, j) in pairs {
        let (b, n) = (&b_items[i], &n_items[j]);
        on_pair(
            cx,
            At {
                base: Some((b, format!("{bpath}/{key}/{i}"), item_span(b))),
                new: Some((n, format!("{npath}/{key}/{j}"), item_span(n))),
                subject: label(n),
            },
        );
    }
}

/// Report `rule` when the scalar at `key` differs; returns the old and new values.
fn scalar_changed(cx: &mut Cx, at: &At, key: &str, rule: &'static Rule) -> bool {
    let (Some((b, bp, bs)), Some((n, np, ns))) = (&at.base, &at.new) else {
        return false;
    };
    let (old, new) = (text(b.get(key)), text(n.get(key)));
    if old == new {
        return false;
    }
    let at = At {
        base: Some((b, child(bp, key), span_of(b, key, *bs))),
        new: Some((n, child(np, key), span_of(n, key, *ns))),
        subject: at.subject.clone(),
    };
    cx.report(
        rule,
        &at,
        old.or(Some("(none)".into())),
        new.or(Some("(none)".into())),
    );
    true
}

fn contract(cx: &mut Cx, base: &Node, new: &Node) {
    let root = At {
        base: Some((base, String::new(), item_span(base))),
        new: Some((new, String::new(), item_span(new))),
        subject: text(new.get("name")).unwrap_or_else(|| "contract".into()),
    };
    scalar_changed(cx, &root, "id", &rules::CONTRACT_ID_CHANGED);
    let (bs, ns) = (text(base.get("status")), text(new.get("status")));
    if bs != ns {
        let deprecated =
            |s: &Option<String>| matches!(s.as_deref(), Some("deprecated" | "retired"));
        let rule = if deprecated(&ns) && !deprecated(&bs) {
            &rules::CONTRACT_DEPRECATED
        } else {
            &rules::STATUS_CHANGED
        };
        scalar_changed(cx, &root, "status", rule);
    }
    // Parts compared as a whole: any difference is one finding.
    let whole: [(&str, &'static Rule); 5] = [
        ("description", &rules::DESCRIPTION_CHANGED),
        ("team", &rules::TEAM_CHANGED),
        ("support", &rules::SUPPORT_CHANGED),
        ("roles", &rules::ROLES_CHANGED),
        ("customProperties", &rules::CUSTOM_PROPERTIES_CHANGED),
    ];
    for (key, rule) in whole {
        if base.get(key).map(Node::to_json) != new.get(key).map(Node::to_json) {
            cx.report(rule, &sub(&root, key), None, None);
        }
    }

    // Servers.
    each_pair(
        cx,
        &root,
        "servers",
        &[&["server"]],
        &|n| format!("server {}", text(n.get("server")).unwrap_or_default()),
        Some(&rules::SERVER_REMOVED),
        &|_| Some(&rules::SERVER_ADDED),
        |cx, at| {
            let (b, n) = (at.base.as_ref().unwrap().0, at.new.as_ref().unwrap().0);
            let mut keys: Vec<&str> = b
                .as_map()
                .unwrap_or(&[])
                .iter()
                .chain(n.as_map().unwrap_or(&[]))
                .map(|e| e.key.as_str())
                .collect();
            keys.sort_unstable();
            keys.dedup();
            for key in keys {
                if matches!(
                    key,
                    "description" | "roles" | "customProperties" | "id" | "server" | "environment"
                ) {
                    continue;
                }
                if scalar_changed(cx, &at, key, &rules::SERVER_CHANGED) {
                    break;
                }
            }
        },
    );

    // Schema objects and their properties.
    each_pair(
        cx,
        &root,
        "schema",
        &[&["name"]],
        &|n| text(n.get("name")).unwrap_or_else(|| "(unnamed object)".into()),
        Some(&rules::OBJECT_REMOVED),
        &|_| Some(&rules::OBJECT_ADDED),
        |cx, at| {
            scalar_changed(cx, &at, "name", &rules::OBJECT_RENAMED);
            scalar_changed(cx, &at, "physicalName", &rules::PHYSICAL_NAME_CHANGED);
            documentation(cx, &at);
            properties(cx, &at);
            quality(cx, &at);
            relationships(cx, &at);
        },
    );

    // Service levels.
    each_pair(
        cx,
        &root,
        "slaProperties",
        &[&["property"]],
        &|n| format!("SLA {}", text(n.get("property")).unwrap_or_default()),
        Some(&rules::SLA_REMOVED),
        &|_| Some(&rules::SLA_ADDED),
        sla,
    );
}

fn sub<'a>(at: &At<'a>, key: &str) -> At<'a> {
    let (b, bp, bs) = at.base.clone().unwrap();
    let (n, np, ns) = at.new.clone().unwrap();
    At {
        base: Some((b, child(&bp, key), span_of(b, key, bs))),
        new: Some((n, child(&np, key), span_of(n, key, ns))),
        subject: at.subject.clone(),
    }
}

fn properties(cx: &mut Cx, parent: &At) {
    let prefix = parent.subject.clone();
    let label = move |n: &Node| {
        format!(
            "{prefix}.{}",
            text(n.get("name")).unwrap_or_else(|| "(unnamed)".into())
        )
    };
    each_pair(
        cx,
        parent,
        "properties",
        &[&["name"]],
        &label,
        Some(&rules::PROPERTY_REMOVED),
        &|n| {
            Some(if boolean(n.get("required")) {
                &rules::REQUIRED_PROPERTY_ADDED
            } else {
                &rules::PROPERTY_ADDED
            })
        },
        |cx, at| property(cx, &at),
    );
}

/// Keys that document an element without changing what the data is.
const DOC_KEYS: &[&str] = &[
    "description",
    "businessName",
    "tags",
    "examples",
    "customProperties",
    "authoritativeDefinitions",
    "dataGranularityDescription",
];

/// One `description-changed` finding for an element whose documentation changed.
fn documentation(cx: &mut Cx, at: &At) {
    documented(cx, at, DOC_KEYS);
}

/// One `description-changed` finding for the first of `keys` that differs.
fn documented(cx: &mut Cx, at: &At, keys: &[&str]) {
    let (b, n) = (at.base.as_ref().unwrap().0, at.new.as_ref().unwrap().0);
    if let Some(key) = keys
        .iter()
        .find(|k| b.get(k).map(Node::to_json) != n.get(k).map(Node::to_json))
    {
        cx.report(&rules::DESCRIPTION_CHANGED, &sub(at, key), None, None);
    }
}

fn property(cx: &mut Cx, at: &At) {
    let (b, n) = (at.base.as_ref().unwrap().0, at.new.as_ref().unwrap().0);
    documentation(cx, at);
    scalar_changed(cx, at, "name", &rules::PROPERTY_RENAMED);
    scalar_changed(cx, at, "physicalName", &rules::PHYSICAL_NAME_CHANGED);
    scalar_changed(cx, at, "logicalType", &rules::LOGICAL_TYPE_CHANGED);
    scalar_changed(cx, at, "physicalType", &rules::PHYSICAL_TYPE_CHANGED);
    flag(
        cx,
        at,
        "required",
        &rules::PROPERTY_BECAME_REQUIRED,
        &rules::PROPERTY_BECAME_OPTIONAL,
    );
    flag(
        cx,
        at,
        "unique",
        &rules::UNIQUE_ADDED,
        &rules::UNIQUE_DROPPED,
    );
    if boolean(b.get("primaryKey")) != boolean(n.get("primaryKey")) {
        scalar_changed(cx, at, "primaryKey", &rules::PRIMARY_KEY_CHANGED);
    } else if boolean(n.get("primaryKey")) {
        scalar_changed(cx, at, "primaryKeyPosition", &rules::PRIMARY_KEY_CHANGED);
    }
    if !scalar_changed(cx, at, "partitioned", &rules::PARTITION_KEY_CHANGED) {
        scalar_changed(
            cx,
            at,
            "partitionKeyPosition",
            &rules::PARTITION_KEY_CHANGED,
        );
    }
    if !boolean(b.get("deprecated")) && boolean(n.get("deprecated")) {
        scalar_changed(cx, at, "deprecated", &rules::PROPERTY_DEPRECATED);
    }
    enum_values(cx, at);
    scalar_changed(cx, at, "classification", &rules::CLASSIFICATION_CHANGED);
    scalar_changed(cx, at, "criticalDataElement", &rules::CRITICAL_DATA_CHANGED);
    if text(b.get("logicalType")) == text(n.get("logicalType")) {
        options(cx, at);
    }
    if b.get("items").is_some() && n.get("items").is_some() {
        let items = sub(at, "items");
        let items = At {
            subject: format!("{}[]", at.subject),
            base: items.base.map(|(_, p, s)| (b.get("items").unwrap(), p, s)),
            new: items.new.map(|(_, p, s)| (n.get("items").unwrap(), p, s)),
        };
        property(cx, &items);
    }
    properties(cx, at);
    quality(cx, at);
    relationships(cx, at);
}

/// The values of an `enum` list (v3.2.0), as text.
fn enum_list(n: &Node) -> Option<Vec<String>> {
    let items = n.get("enum")?.as_seq()?;
    Some(
        items
            .iter()
            .map(|it| match it.get("value").map(Node::to_json) {
                Some(serde_json::Value::String(s)) => s,
                Some(v) => v.to_string(),
                None => String::new(),
            })
            .collect(),
    )
}

/// Values added to or removed from a property's `enum`, or the list added or removed.
fn enum_values(cx: &mut Cx, at: &At) {
    let (b, n) = (at.base.as_ref().unwrap().0, at.new.as_ref().unwrap().0);
    let here = sub(at, "enum");
    match (enum_list(b), enum_list(n)) {
        (None, Some(_)) => cx.report(&rules::ENUM_ADDED, &here, None, None),
        (Some(_), None) => cx.report(&rules::ENUM_REMOVED, &here, None, None),
        (Some(old), Some(new)) => {
            for v in new.iter().filter(|v| !old.contains(v)) {
                cx.report(&rules::ENUM_VALUE_ADDED, &here, None, Some(v.clone()));
            }
            for v in old.iter().filter(|v| !new.contains(v)) {
                cx.report(&rules::ENUM_VALUE_REMOVED, &here, Some(v.clone()), None);
            }
        }
        (None, None) => {}
    }
}

/// A boolean that became true (`on_rule`) or false (`off_rule`).
fn flag(cx: &mut Cx, at: &At, key: &str, on_rule: &'static Rule, off_rule: &'static Rule) {
    let (b, n) = (at.base.as_ref().unwrap().0, at.new.as_ref().unwrap().0);
    match (boolean(b.get(key)), boolean(n.get(key))) {
        (false, true) => {
            scalar_changed(cx, at, key, on_rule);
        }
        (true, false) => {
            scalar_changed(cx, at, key, off_rule);
        }
        _ => {}
    }
}

/// Constraints in `logicalTypeOptions`: length, range and pattern.
fn options(cx: &mut Cx, at: &At) {
    let (b, n) = (at.base.as_ref().unwrap().0, at.new.as_ref().unwrap().0);
    let empty = Node {
        kind: NodeKind::Map(Vec::new()),
        span: Span::default(),
    };
    let bo = b.get("logicalTypeOptions").unwrap_or(&empty);
    let no = n.get("logicalTypeOptions").unwrap_or(&empty);
    let opts = sub(at, "logicalTypeOptions");
    let opts = At {
        base: opts.base.map(|(_, p, s)| (bo, p, s)),
        new: opts.new.map(|(_, p, s)| (no, p, s)),
        subject: at.subject.clone(),
    };
    // Upper bounds: a larger (or removed) bound lets more values through.
    for key in ["maxLength", "maximum", "exclusiveMaximum", "maxItems"] {
        let (old, new) = (number(bo.get(key)), number(no.get(key)));
        let looser = match (old, new) {
            (Some(o), Some(n)) if n > o => Some(true),
            (Some(o), Some(n)) if n < o => Some(false),
            (Some(_), None) => Some(true),
            (None, Some(_)) => Some(false),
            _ => None,
        };
        let (widen, narrow) = if key == "maxLength" {
            (&rules::MAX_LENGTH_INCREASED, &rules::MAX_LENGTH_DECREASED)
        } else {
            (&rules::RANGE_WIDENED, &rules::RANGE_NARROWED)
        };
        match looser {
            Some(true) => {
                scalar_changed(cx, &opts, key, widen);
            }
            Some(false) => {
                scalar_changed(cx, &opts, key, narrow);
            }
            None => {}
        }
    }
    // Lower bounds: a smaller (or removed) bound lets more values through.
    for key in ["minLength", "minimum", "exclusiveMinimum", "minItems"] {
        let (old, new) = (number(bo.get(key)), number(no.get(key)));
        let looser = match (old, new) {
            (Some(o), Some(n)) if n < o => Some(true),
            (Some(o), Some(n)) if n > o => Some(false),
            (Some(_), None) => Some(true),
            (None, Some(_)) => Some(false),
            _ => None,
        };
        match looser {
            Some(true) => {
                scalar_changed(cx, &opts, key, &rules::RANGE_WIDENED);
            }
            Some(false) => {
                scalar_changed(cx, &opts, key, &rules::RANGE_NARROWED);
            }
            None => {}
        }
    }
    if !scalar_changed(cx, &opts, "pattern", &rules::PATTERN_CHANGED) {
        scalar_changed(cx, &opts, "format", &rules::PATTERN_CHANGED);
    }
}

fn quality(cx: &mut Cx, parent: &At) {
    let prefix = parent.subject.clone();
    let label = move |n: &Node| {
        let what = text(n.get("name"))
            .or_else(|| text(n.get("metric")))
            .or_else(|| text(n.get("description")))
            .unwrap_or_else(|| "rule".into());
        format!("{prefix} quality rule {what}")
    };
    each_pair(
        cx,
        parent,
        "quality",
        &[&["name"]],
        &label,
        Some(&rules::QUALITY_RULE_REMOVED),
        &|_| Some(&rules::QUALITY_RULE_ADDED),
        |cx, at| {
            let (b, n) = (at.base.as_ref().unwrap().0, at.new.as_ref().unwrap().0);
            if b.to_json() != n.to_json() {
                cx.report(&rules::QUALITY_RULE_CHANGED, &at, None, None);
            }
        },
    );
}

fn relationships(cx: &mut Cx, parent: &At) {
    let prefix = parent.subject.clone();
    let label = move |n: &Node| {
        format!(
            "{prefix} relationship to {}",
            text(n.get("to")).unwrap_or_default()
        )
    };
    each_pair(
        cx,
        parent,
        "relationships",
        &[&["to"]],
        &label,
        Some(&rules::RELATIONSHIP_REMOVED),
        &|_| Some(&rules::RELATIONSHIP_ADDED),
        |_, _| {},
    );
}

/// Durations in seconds, for comparing SLA values across units.
fn seconds(value: f64, unit: Option<&str>) -> f64 {
    let factor = match unit.map(|u| u.to_ascii_lowercase()).as_deref() {
        Some("ms" | "millisecond" | "milliseconds") => 0.001,
        Some("m" | "min" | "minute" | "minutes") => 60.0,
        Some("h" | "hour" | "hours") => 3600.0,
        Some("d" | "day" | "days") => 86_400.0,
        Some("w" | "week" | "weeks") => 604_800.0,
        Some("y" | "year" | "years") => 31_536_000.0,
        _ => 1.0,
    };
    value * factor
}

fn sla(cx: &mut Cx, at: At) {
    let (b, n) = (at.base.as_ref().unwrap().0, at.new.as_ref().unwrap().0);
    let property = text(n.get("property"))
        .unwrap_or_default()
        .to_ascii_lowercase();
    let (bv, nv) = (number(b.get("value")), number(n.get("value")));
    let (bu, nu) = (text(b.get("unit")), text(n.get("unit")));
    let (Some(bv), Some(nv)) = (bv, nv) else {
        if text(b.get("value")) != text(n.get("value")) || bu != nu {
            cx.report(
                &rules::SLA_LOOSENED,
                &sub(&at, "value"),
                text(b.get("value")),
                text(n.get("value")),
            );
        }
        return;
    };
    let (old, new) = (seconds(bv, bu.as_deref()), seconds(nv, nu.as_deref()));
    if (old - new).abs() < f64::EPSILON {
        return;
    }
    // For these a larger value is a weaker promise; for the rest (retention, availability...) a stronger one.
    let larger_is_looser = matches!(
        property.as_str(),
        "latency"
            | "freshness"
            | "frequency"
            | "timeofavailability"
            | "timetodetect"
            | "timetonotify"
            | "timetorepair"
            | "ttr"
            | "mttr"
    );
    let looser = (new > old) == larger_is_looser;
    let rule = if looser {
        &rules::SLA_LOOSENED
    } else {
        &rules::SLA_TIGHTENED
    };
    let show = |v: f64, u: &Option<String>| {
        format!(
            "{v}{}",
            u.as_deref().map(|u| format!(" {u}")).unwrap_or_default()
        )
    };
    cx.report(
        rule,
        &sub(&at, "value"),
        Some(show(bv, &bu)),
        Some(show(nv, &nu)),
    );
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

fn actual_bump(base: (u64, u64, u64), new: (u64, u64, u64)) -> Bump {
    if new.0 > base.0 {
        Bump::Major
    } else if new.0 == base.0 && new.1 > base.1 {
        Bump::Minor
    } else if new.0 == base.0 && new.1 == base.1 && new.2 > base.2 {
        Bump::Patch
    } else {
        Bump::None
    }
}

fn check_version(report: &mut DiffReport, base: &Node, new: &Node) {
    if report.required_bump == Bump::None {
        return;
    }
    let (Some(bv), Some(nv)) = (report.base_version.clone(), report.new_version.clone()) else {
        return;
    };
    let (Some(b), Some(n)) = (parse_semver(&bv), parse_semver(&nv)) else {
        return;
    };
    // Before 1.0.0 anything may change in a minor release.
    let mut required = report.required_bump;
    if b.0 == 0 && required == Bump::Major {
        required = Bump::Minor;
    }
    if actual_bump(b, n) >= required {
        return;
    }
    let suggested = suggested_version(report).unwrap_or_default();
    let at = At {
        base: Some((
            base,
            "/version".into(),
            span_of(base, "version", item_span(base)),
        )),
        new: Some((
            new,
            "/version".into(),
            span_of(new, "version", item_span(new)),
        )),
        subject: "version".into(),
    };
    let mut cx = Cx {
        mode: report.mode,
        document: report.document,
        out: Vec::new(),
    };
    cx.report(&rules::VERSION_NOT_BUMPED, &at, Some(bv), Some(nv.clone()));
    if let Some(f) = cx.out.first_mut() {
        // Missing a major bump breaks consumers' upgrade decisions; a minor or patch less so.
        f.severity = match required {
            Bump::Major => Impact::Breaking,
            Bump::Minor => Impact::Warning,
            _ => Impact::Info,
        };
        f.message = format!(
            "version: the changes need a {} release, but the version went from {} to {nv}: declare {suggested} or later.",
            match required {
                Bump::Major => "major",
                Bump::Minor => "minor",
                _ => "patch",
            },
            f.old.clone().unwrap_or_default()
        );
    }
    report.findings.append(&mut cx.out);
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
        assert_eq!(actual_bump((1, 4, 0), (2, 0, 0)), Bump::Major);
        assert_eq!(actual_bump((1, 4, 0), (1, 4, 1)), Bump::Patch);
        assert_eq!(actual_bump((1, 4, 0), (1, 4, 0)), Bump::None);
    }

    #[test]
    fn sla_units_are_compared_as_durations() {
        assert_eq!(seconds(5.0, Some("m")), 300.0);
        assert_eq!(seconds(1.0, Some("h")), 3600.0);
    }
}

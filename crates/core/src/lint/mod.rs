//! Semantic lint: problems the standard's schema can't see (references that point nowhere,
//! duplicate names, inconsistent key positions, impossible ranges), and the governance
//! rules an organisation sets (naming, PII classification, ownership, SLAs, support).
//! Each rule has a stable id, a default level, a one-line why, and its own fixtures in
//! `tests/lint_rules.rs`; the reference page is generated from [`ALL`]. A [`Policy`]
//! (a small YAML file) turns rules on or off, sets their levels and options.

mod governance;
pub mod policy;

pub use policy::{Level, Policy};

use crate::diag::{Diagnostic, Severity};
use crate::yaml::{Node, NodeKind, Scalar, Span};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

pub struct LintRule {
    pub id: &'static str,
    /// The rule's entry in the catalogue of codes, which its diagnostics point at (its
    /// severity is the default level's; a policy may set another per diagnostic).
    pub code: crate::codes::Code,
    /// The level when no policy says otherwise.
    pub level: Level,
    pub why: &'static str,
    /// Whether the rule is part of governance (set by organisations) rather than
    /// consistency of the document itself.
    pub governance: bool,
    /// The rule concludes from what the document lacks (no SLA, no such column), so it
    /// stays silent while part of the text can't be read: the part may hold it.
    pub absence: bool,
    /// The documents the rule checks.
    pub applies: Applies,
    check: for<'p> fn(&mut Lint<'p>, &'p Node),
}

/// The kinds of document a rule checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applies {
    Contracts,
    Both,
}

impl Applies {
    pub fn as_str(self) -> &'static str {
        match self {
            Applies::Contracts => "contracts",
            Applies::Both => "contracts and data products",
        }
    }
    fn includes(self, doc: Doc) -> bool {
        self == Applies::Both || doc == Doc::Contract
    }
}

/// The kind of document being linted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Doc {
    Contract,
    Product,
}

impl Doc {
    /// "contract" or "data product", for messages.
    pub fn noun(self) -> &'static str {
        match self {
            Doc::Contract => "contract",
            Doc::Product => "data product",
        }
    }
}

/// Collects findings of one rule.
pub struct Lint<'p> {
    rule: &'static LintRule,
    severity: Severity,
    policy: &'p Policy,
    doc: Doc,
    shared: &'p Shared<'p>,
    out: Vec<Diagnostic>,
}

/// One `properties` list of a schema object, at any depth, with its JSON pointer.
struct PropertyList<'a> {
    props: &'a [Node],
    path: String,
}

/// What several rules read, worked out at most once per lint run, so each rule stays
/// linear in the document however many rules read the same lists.
struct Shared<'a> {
    root: &'a Node,
    /// Every properties list, object by object; `ranges[i]` are object `i`'s lists.
    lists: std::cell::OnceCell<(Vec<PropertyList<'a>>, Vec<std::ops::Range<usize>>)>,
    targets: std::cell::OnceCell<Targets<'a>>,
}

impl<'p> Lint<'p> {
    /// The properties lists of schema object `i`, nested ones included.
    fn lists_of(&self, i: usize) -> &'p [PropertyList<'p>] {
        let shared: &'p Shared<'p> = self.shared;
        let (lists, ranges) = shared.lists.get_or_init(|| {
            let mut lists = Vec::new();
            let mut ranges = Vec::new();
            for (i, o) in seq(shared.root, "schema").iter().enumerate() {
                let start = lists.len();
                property_lists(o, format!("/schema/{i}"), &mut lists);
                ranges.push(start..lists.len());
            }
            (lists, ranges)
        });
        ranges.get(i).map_or(&[], |r| &lists[r.clone()])
    }

    /// Every object and property relationships and SLAs can refer to.
    fn targets(&self) -> &'p Targets<'p> {
        let shared: &'p Shared<'p> = self.shared;
        shared.targets.get_or_init(|| Targets::new(self))
    }
}

impl Lint<'_> {
    fn push(&mut self, message: String, path: String, span: Span) {
        self.out.push(Diagnostic {
            severity: self.severity,
            code: &self.rule.code,
            message,
            path,
            span,
            facts: crate::diag::Facts::None,
        });
    }
}

macro_rules! lint_rules {
    ($($name:ident = $id:literal, $level:ident, $gov:literal, $absence:literal, $applies:ident, $check:path, $why:literal;)*) => {
        $(pub static $name: LintRule = LintRule { id: $id, code: crate::codes::Code { id: $id, severity: Level::$level.default_severity(), why: $why, example: "" }, level: Level::$level, why: $why, governance: $gov, absence: $absence, applies: Applies::$applies, check: $check };)*
        /// Every lint rule, in catalogue order.
        pub static ALL: &[&LintRule] = &[$(&$name),*];
    };
}

lint_rules! {
    DUPLICATE_NAME = "duplicate-name", Warning, false, false, Contracts, duplicate_names,
        "Two schema objects, or two properties of one object, with the same name can't both be addressed.";
    DUPLICATE_ID = "duplicate-id", Warning, false, false, Contracts, duplicate_ids,
        "Stable ids identify elements across versions and in references; a repeated id makes them ambiguous.";
    RELATIONSHIP_TARGET = "relationship-target-missing", Warning, false, true, Contracts, relationship_targets,
        "A foreign key that points to an object or property that doesn't exist can't be joined.";
    COMPOSITE_KEY_LENGTH = "composite-key-length", Warning, false, false, Contracts, composite_keys,
        "A composite foreign key pairs columns one to one: `from` and `to` need the same number of columns.";
    KEY_POSITIONS = "key-positions", Warning, false, true, Contracts, key_positions,
        "Primary- and partition-key positions must number the key's columns 1, 2, 3... once each, and only on key columns.";
    MIN_ABOVE_MAX = "min-above-max", Warning, false, false, Contracts, min_above_max,
        "A lower bound above its upper bound allows no value at all.";
    SLA_ELEMENT = "sla-element-missing", Warning, false, true, Contracts, sla_elements,
        "An SLA measured on an element that doesn't exist can't be monitored.";
    QUALITY_OPERATOR_TYPE = "quality-operator-type", Warning, false, false, Contracts, quality_operator_types,
        "Library metrics are counts: comparing them with text can never pass or fail meaningfully.";
    SLA_DURATION = "sla-duration", Warning, false, false, Contracts, governance::sla_durations,
        "A time promise (latency, retention, frequency) needs a duration: a number with a time unit, or ISO 8601 such as `PT5M`.";
    NAMING = "naming-convention", Off, true, false, Contracts, governance::naming,
        "One naming convention (snake_case by default) keeps queries and code generation predictable.";
    PII_CLASSIFICATION = "pii-classification", Warning, true, false, Contracts, governance::pii_classification,
        "Personal data (email, phone, birth date, address...) must carry a `classification` so access rules and masking apply.";
    FRESHNESS_SLA = "freshness-sla", Info, true, true, Contracts, governance::freshness_sla,
        "Consumers plan on how fresh the data is: declare a `latency` (freshness) SLA.";
    SUPPORT_CHANNEL = "support-channel", Info, true, true, Both, governance::support_channel,
        "Consumers need somewhere to ask and to hear about incidents: declare a support channel.";
    TEAM_OWNERSHIP = "team-ownership", Info, true, true, Both, governance::team_ownership,
        "A contract or data product owned by one person stalls every dependent team when that person is away: name a team with at least two members.";
    STATUS_DECLARED = "status-declared", Info, true, true, Both, governance::status_declared,
        "Consumers decide whether to rely on a contract or data product by its lifecycle status: declare one of proposed, draft, active, deprecated, retired.";
    DEPRECATION_REPLACEMENT = "deprecation-replacement", Warning, true, false, Both, governance::deprecation_replacement,
        "Consumers of a deprecated contract or data product need to know what replaces it, or until when it is served.";
}

/// Run every lint rule on a contract's root with the built-in defaults.
pub fn lint(root: &Node) -> Vec<Diagnostic> {
    lint_with(root, &Policy::default())
}

/// Run the lint rules a policy turns on, at the levels it sets, on a contract.
pub fn lint_with(root: &Node, policy: &Policy) -> Vec<Diagnostic> {
    run(root, policy, Doc::Contract)
}

/// Run the rules a policy turns on that apply to data product manifests.
pub fn lint_product(root: &Node, policy: &Policy) -> Vec<Diagnostic> {
    run(root, policy, Doc::Product)
}

fn run(root: &Node, policy: &Policy, doc: Doc) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let shared = Shared {
        root,
        lists: Default::default(),
        targets: Default::default(),
    };
    for rule in ALL.iter().filter(|r| r.applies.includes(doc)) {
        let Some(severity) = policy.level(rule).severity() else {
            continue;
        };
        let mut l = Lint {
            rule,
            severity,
            policy,
            doc,
            shared: &shared,
            out: Vec::new(),
        };
        (rule.check)(&mut l, root);
        out.append(&mut l.out);
    }
    out
}

pub fn by_id(id: &str) -> Option<&'static LintRule> {
    ALL.iter().copied().find(|r| r.id == id)
}

// ------------------------------------------------------------------ helpers

fn seq<'a>(n: &'a Node, key: &str) -> &'a [Node] {
    n.get(key).and_then(Node::as_seq).unwrap_or(&[])
}

fn name_of(n: &Node) -> Option<&str> {
    n.get("name").and_then(Node::as_str)
}

fn key_span(n: &Node, key: &str) -> Span {
    n.entry(key).map(|e| e.key_span).unwrap_or(n.span)
}

fn value_span(n: &Node, key: &str) -> Span {
    n.get(key).map(|v| v.span).unwrap_or(n.span)
}

fn number(n: Option<&Node>) -> Option<f64> {
    match n?.kind {
        NodeKind::Scalar(Scalar::Int(i)) => Some(i as f64),
        // `.inf`, `.nan` and numbers too large for a float are wrong-type errors already.
        NodeKind::Scalar(Scalar::Float(f)) if f.is_finite() => Some(f),
        _ => None,
    }
}

/// Every properties list of an object, with its JSON pointer, to any depth (the
/// parser's nesting limit bounds the depth). Pointers are written only for the
/// lists themselves, so a flat list of N properties costs N steps, not N strings.
fn property_lists<'a>(obj: &'a Node, path: String, out: &mut Vec<PropertyList<'a>>) {
    let nested = |n: &Node| n.get("properties").is_some() || n.get("items").is_some();
    let props = seq(obj, "properties");
    if !props.is_empty() {
        let list = format!("{path}/properties");
        out.push(PropertyList {
            props,
            path: list.clone(),
        });
        for (i, p) in props.iter().enumerate().filter(|(_, p)| nested(p)) {
            property_lists(p, format!("{list}/{i}"), out);
        }
    }
    if let Some(items) = obj.get("items") {
        property_lists(items, format!("{path}/items"), out);
    }
}

/// What relationship references can point at: every schema object and every
/// property at any depth, each by name and by id. Built once per document, so
/// resolving R references in a schema of N properties costs O(N + R).
struct Targets<'a> {
    objects: HashSet<&'a str>,
    properties: HashSet<(&'a str, &'a str)>,
}

impl<'a> Targets<'a> {
    fn new(l: &Lint<'a>) -> Self {
        let keys = |n: &'a Node| {
            [name_of(n), n.get("id").and_then(Node::as_str)]
                .into_iter()
                .flatten()
        };
        let mut t = Targets {
            objects: HashSet::new(),
            properties: HashSet::new(),
        };
        for (i, o) in seq(l.shared.root, "schema").iter().enumerate() {
            let objects: Vec<&str> = keys(o).collect();
            t.objects.extend(objects.iter().copied());
            for list in l.lists_of(i) {
                for p in list.props {
                    for pk in keys(p) {
                        t.properties.extend(objects.iter().map(|ok| (*ok, pk)));
                    }
                }
            }
        }
        t
    }

    /// Does `object.property` (by name or id) exist in the schema?
    fn resolves(&self, object: &str, property: Option<&str>) -> bool {
        match property {
            None => self.objects.contains(object),
            // A nested property by its dotted path (`orders.address.city`): its own name
            // is a property of the object's.
            Some(p) => {
                self.properties.contains(&(object, p))
                    || p.rsplit_once('.')
                        .is_some_and(|(_, last)| self.properties.contains(&(object, last)))
            }
        }
    }
}

/// Split a reference into object and property: `orders.order_id`, or a qualified
/// `schema/orders/properties/order_id` (a leading file part `x.yaml#` refers elsewhere: `None`).
pub(crate) fn split_reference(r: &str) -> Option<(&str, Option<&str>)> {
    if r.contains('#') {
        return None;
    }
    if let Some((o, p)) = r.split_once('.') {
        return Some((o, Some(p)));
    }
    let parts: Vec<&str> = r.trim_start_matches('/').split('/').collect();
    match parts.as_slice() {
        ["schema", o] => Some((o, None)),
        ["schema", o, "properties", p, ..] => Some((o, Some(p))),
        _ => None,
    }
}

pub(crate) fn references(n: &Node) -> Vec<(&str, Span)> {
    match &n.kind {
        NodeKind::Scalar(Scalar::Str(s)) => vec![(s.as_str(), n.span)],
        NodeKind::Seq(items) => items
            .iter()
            .filter_map(|i| i.as_str().map(|s| (s, i.span)))
            .collect(),
        _ => Vec::new(),
    }
}

// ------------------------------------------------------------------ rules

fn duplicate_names(l: &mut Lint, root: &Node) {
    let objects = seq(root, "schema");
    check_names(l, objects, "/schema");
    for i in 0..objects.len() {
        for PropertyList { props, path } in l.lists_of(i) {
            check_names(l, props, path);
        }
    }
}

fn check_names(l: &mut Lint, items: &[Node], path: &str) {
    let mut first_with: HashMap<&str, usize> = HashMap::new();
    for (i, item) in items.iter().enumerate() {
        let Some(name) = name_of(item) else { continue };
        let first = *first_with.entry(name).or_insert(i);
        if first != i {
            l.push(
                    format!("`{name}` is already the name of item {} of this list (line {}). Rename one of them.", first + 1, key_span(&items[first], "name").start.line),
                    format!("{path}/{i}/name"),
                    value_span(item, "name"),
                );
        }
    }
}

fn duplicate_ids(l: &mut Lint, root: &Node) {
    /// Walks the tree keeping the pointer in one buffer; reports an id seen before.
    fn walk<'a>(l: &mut Lint, n: &'a Node, path: &mut String, seen: &mut HashMap<&'a str, Span>) {
        match &n.kind {
            NodeKind::Map(entries) => {
                let top = path.is_empty();
                for e in entries {
                    let len = path.len();
                    path.push('/');
                    path.push_str(&e.key);
                    if e.key == "id" && !top {
                        if let Some(id) = e.value.as_str() {
                            match seen.get(id) {
                                Some(first) => l.push(
                                    format!("the id `{id}` is already used at line {}; ids must be unique in the document.", first.start.line),
                                    path.clone(),
                                    e.value.span,
                                ),
                                None => {
                                    seen.insert(id, e.value.span);
                                }
                            }
                        }
                    }
                    walk(l, &e.value, path, seen);
                    path.truncate(len);
                }
            }
            NodeKind::Seq(items) => {
                for (i, it) in items.iter().enumerate() {
                    let len = path.len();
                    path.push('/');
                    path.push_str(&i.to_string());
                    walk(l, it, path, seen);
                    path.truncate(len);
                }
            }
            NodeKind::Scalar(_) => {}
        }
    }
    walk(l, root, &mut String::new(), &mut HashMap::new());
}

fn relationship_targets<'p>(l: &mut Lint<'p>, root: &'p Node) {
    // (What references can point at is gathered at the first reference: a contract
    // without relationships never pays for it.)
    for (i, o) in seq(root, "schema").iter().enumerate() {
        let mut rels: Vec<(&Node, String)> = seq(o, "relationships")
            .iter()
            .enumerate()
            .map(|(j, r)| (r, format!("/schema/{i}/relationships/{j}")))
            .collect();
        for PropertyList { props, path } in l.lists_of(i) {
            for (k, p) in props.iter().enumerate() {
                for (j, r) in seq(p, "relationships").iter().enumerate() {
                    rels.push((r, format!("{path}/{k}/relationships/{j}")));
                }
            }
        }
        for (rel, path) in rels {
            for key in ["from", "to"] {
                let Some(v) = rel.get(key) else { continue };
                for (r, span) in references(v) {
                    let Some((obj, prop)) = split_reference(r) else {
                        continue;
                    };
                    if !l.targets().resolves(obj, prop) {
                        let what = match prop {
                            Some(p) => format!("`{obj}.{p}`"),
                            None => format!("object `{obj}`"),
                        };
                        l.push(
                            format!("`{key}` refers to {what}, which this contract doesn't define. Check the object and property names (or ids)."),
                            format!("{path}/{key}"),
                            span,
                        );
                    }
                }
            }
        }
    }
}

fn composite_keys(l: &mut Lint, root: &Node) {
    for (i, o) in seq(root, "schema").iter().enumerate() {
        for (j, rel) in seq(o, "relationships").iter().enumerate() {
            let (Some(from), Some(to)) = (
                rel.get("from").and_then(Node::as_seq),
                rel.get("to").and_then(Node::as_seq),
            ) else {
                continue;
            };
            if from.len() != to.len() {
                l.push(
                    format!("`from` lists {} columns but `to` lists {}: a composite key pairs them one to one.", from.len(), to.len()),
                    format!("/schema/{i}/relationships/{j}"),
                    key_span(rel, "to"),
                );
            }
        }
    }
}

fn key_positions(l: &mut Lint, root: &Node) {
    for (i, o) in seq(root, "schema").iter().enumerate() {
        let props = seq(o, "properties");
        for (flag, pos, what) in [
            ("primaryKey", "primaryKeyPosition", "primary key"),
            ("partitioned", "partitionKeyPosition", "partition key"),
        ] {
            // Each position's first column, and every position in order of appearance.
            let mut first_at: HashMap<i64, usize> = HashMap::new();
            let mut positions: Vec<i64> = Vec::new();
            for (k, p) in props.iter().enumerate() {
                let Some(n) = number(p.get(pos)) else {
                    continue;
                };
                let is_key = matches!(
                    p.get(flag).map(|x| &x.kind),
                    Some(NodeKind::Scalar(Scalar::Bool(true)))
                );
                let path = format!("/schema/{i}/properties/{k}/{pos}");
                if n < 0.0 {
                    continue; // -1 conventionally means "not part of the key"
                }
                if !is_key {
                    l.push(format!("`{pos}` is set but `{flag}` is not true: mark the column as part of the {what} or remove the position."), path, key_span(p, pos));
                    continue;
                }
                let n = n as i64;
                let first = *first_at.entry(n).or_insert(k);
                if first != k {
                    l.push(
                        format!(
                            "{what} position {n} is also used by `{}`.",
                            name_of(&props[first]).unwrap_or("another column")
                        ),
                        path,
                        value_span(p, pos),
                    );
                }
                positions.push(n);
            }
            positions.sort_unstable();
            positions.dedup();
            let gapless = positions.iter().zip(1..).all(|(&p, i)| p == i);
            if !gapless {
                l.push(
                    format!(
                        "{what} positions are {}; number them 1, 2, 3... without gaps.",
                        list_briefly(&positions)
                    ),
                    format!("/schema/{i}/properties"),
                    key_span(o, "properties"),
                );
            }
        }
    }
}

/// `[1, 2, 4]`, or for long lists the first and last few: `[1, 2, 3, …, 99998, 100000]`,
/// so a message stays one readable line whatever the document.
fn list_briefly(numbers: &[i64]) -> String {
    const EACH_END: usize = 5;
    if numbers.len() <= 2 * EACH_END {
        return format!("{numbers:?}");
    }
    let show = |ns: &[i64]| ns.iter().map(i64::to_string).collect::<Vec<_>>().join(", ");
    format!(
        "[{}, … ({} more), {}]",
        show(&numbers[..EACH_END]),
        numbers.len() - 2 * EACH_END,
        show(&numbers[numbers.len() - EACH_END..])
    )
}

fn min_above_max(l: &mut Lint, root: &Node) {
    const PAIRS: [(&str, &str); 4] = [
        ("minLength", "maxLength"),
        ("minimum", "maximum"),
        ("minItems", "maxItems"),
        ("minProperties", "maxProperties"),
    ];
    for i in 0..seq(root, "schema").len() {
        for PropertyList { props, path } in l.lists_of(i) {
            for (k, p) in props.iter().enumerate() {
                let Some(opts) = p.get("logicalTypeOptions") else {
                    continue;
                };
                for (lo, hi) in PAIRS {
                    if let (Some(a), Some(b)) = (number(opts.get(lo)), number(opts.get(hi))) {
                        if a > b {
                            l.push(
                                format!("`{lo}` ({a}) is above `{hi}` ({b}): no value can satisfy both."),
                                format!("{path}/{k}/logicalTypeOptions/{lo}"),
                                value_span(opts, lo),
                            );
                        }
                    }
                }
            }
        }
    }
}

fn sla_elements(l: &mut Lint, root: &Node) {
    for (i, sla) in seq(root, "slaProperties").iter().enumerate() {
        let Some(element) = sla.get("element").and_then(Node::as_str) else {
            continue;
        };
        for part in element.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (obj, prop) = match part.split_once('.') {
                Some((o, p)) => (o, Some(p)),
                None => (part, None),
            };
            if !l.targets().resolves(obj, prop) {
                l.push(
                    format!("the SLA is measured on `{part}`, which this contract doesn't define. Use `object.property` names from the schema."),
                    format!("/slaProperties/{i}/element"),
                    value_span(sla, "element"),
                );
            }
        }
    }
}

fn quality_operator_types(l: &mut Lint, root: &Node) {
    fn check(l: &mut Lint, rules: &[Node], path: &str) {
        for (j, q) in rules.iter().enumerate() {
            if q.get("metric").and_then(Node::as_str).is_none() {
                continue;
            }
            for op in ["mustBe", "mustNotBe"] {
                if let Some(v) = q.get(op) {
                    if number(Some(v)).is_none() {
                        l.push(
                            format!(
                                "`{op}` compares a count with {}; use a number.",
                                v.kind_name()
                            ),
                            format!("{path}/{j}/{op}"),
                            v.span,
                        );
                    }
                }
            }
        }
    }
    for (i, o) in seq(root, "schema").iter().enumerate() {
        check(l, seq(o, "quality"), &format!("/schema/{i}/quality"));
        for PropertyList { props, path } in l.lists_of(i) {
            for (k, p) in props.iter().enumerate() {
                check(l, seq(p, "quality"), &format!("{path}/{k}/quality"));
            }
        }
    }
}

/// The Markdown reference of the lint rules (appended to `docs/diagnostics.md`).
pub fn markdown() -> String {
    let mut s = String::from(
        "\n# Lint rules\n\nSemantic checks beyond the standard's schema, and governance rules. With the built-in levels they never fail a document; a policy file can turn each rule off or raise it to an error (see `docs/policy.md`). Rules marked † conclude from what a document lacks; they stay silent while part of its YAML can't be read.\n\n| rule | kind | checks | default level | why |\n| --- | --- | --- | --- | --- |\n",
    );
    for r in ALL {
        s.push_str(&format!(
            "| `{}`{} | {} | {} | {} | {} |\n",
            r.id,
            if r.absence { " †" } else { "" },
            if r.governance {
                "governance"
            } else {
                "consistency"
            },
            r.applies.as_str(),
            r.level.as_str(),
            r.why
        ));
    }
    s
}

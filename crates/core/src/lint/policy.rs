//! Governance policy: a small YAML file an organisation keeps with its contracts.
//!
//! ```yaml
//! kind: CharterPolicy
//! apiVersion: charter/v1
//! rules:
//!   naming-convention:          # a level, or a mapping with `level` and options
//!     level: warning
//!     properties: snake_case
//!   pii-classification: error
//!   team-ownership:
//!     minMembers: 2
//!   duplicate-name: off
//! ```
//!
//! Levels are `off`, `info`, `warning` and `error`; a rule at `error` fails the document.

use super::{by_id, LintRule, ALL};
use crate::codes;
use crate::diag::{Diagnostic, Severity};
use crate::validate::did_you_mean;
use crate::yaml::{self, Node, Span};
use std::collections::BTreeMap;

pub const KIND: &str = "CharterPolicy";
pub const API_VERSION: &str = "charter/v1";

/// How loud a rule is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    pub const NAMES: &'static [&'static str] = &["off", "info", "warning", "error"];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Off => "off",
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        match s {
            "off" => Some(Level::Off),
            "info" => Some(Level::Info),
            "warning" => Some(Level::Warning),
            "error" => Some(Level::Error),
            _ => None,
        }
    }

    /// The severity of this level, `Info` for `Off` (a rule off by default reports as an
    /// info once a policy turns it on).
    pub const fn default_severity(self) -> Severity {
        match self {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Off | Level::Info => Severity::Info,
        }
    }

    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

/// A naming convention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Case {
    Snake,
    Camel,
    Pascal,
    Kebab,
}

impl Case {
    pub const NAMES: &'static [&'static str] =
        &["snake_case", "camelCase", "PascalCase", "kebab-case"];

    pub fn parse(s: &str) -> Option<Case> {
        match s {
            "snake_case" => Some(Case::Snake),
            "camelCase" => Some(Case::Camel),
            "PascalCase" => Some(Case::Pascal),
            "kebab-case" => Some(Case::Kebab),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Case::Snake => "snake_case",
            Case::Camel => "camelCase",
            Case::Pascal => "PascalCase",
            Case::Kebab => "kebab-case",
        }
    }

    pub fn matches(self, s: &str) -> bool {
        let mut b = s.bytes();
        let Some(first) = b.next() else { return false };
        let rest_ok = |allow: &dyn Fn(u8) -> bool| s.bytes().skip(1).all(allow);
        match self {
            Case::Snake => {
                first.is_ascii_lowercase()
                    && rest_ok(&|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'_')
                    && !s.contains("__")
                    && !s.ends_with('_')
            }
            Case::Kebab => {
                first.is_ascii_lowercase()
                    && rest_ok(&|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == b'-')
                    && !s.contains("--")
                    && !s.ends_with('-')
            }
            Case::Camel => first.is_ascii_lowercase() && rest_ok(&|c| c.is_ascii_alphanumeric()),
            Case::Pascal => first.is_ascii_uppercase() && rest_ok(&|c| c.is_ascii_alphanumeric()),
        }
    }

    /// The name written in this case: `orderId` → `order_id`.
    pub fn convert(self, s: &str) -> String {
        let mut words: Vec<String> = Vec::new();
        let mut cur = String::new();
        let mut prev_lower = false;
        for c in s.chars() {
            if c == '_' || c == '-' || c == ' ' || c == '.' {
                if !cur.is_empty() {
                    words.push(std::mem::take(&mut cur));
                }
                prev_lower = false;
                continue;
            }
            if c.is_uppercase() && prev_lower && !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            prev_lower = c.is_lowercase() || c.is_ascii_digit();
            cur.extend(c.to_lowercase());
        }
        if !cur.is_empty() {
            words.push(cur);
        }
        let cap = |w: &str| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        };
        match self {
            Case::Snake => words.join("_"),
            Case::Kebab => words.join("-"),
            Case::Pascal => words.iter().map(|w| cap(w)).collect(),
            Case::Camel => words
                .iter()
                .enumerate()
                .map(|(i, w)| if i == 0 { w.clone() } else { cap(w) })
                .collect(),
        }
    }
}

/// Name fragments that mark personal data, matched against whole words of a property's
/// name (`customer_email`, `dateOfBirth`, `home-address`).
pub const DEFAULT_PII_WORDS: &[&str] = &[
    "email",
    "phone",
    "mobile",
    "ssn",
    "birth",
    "birthdate",
    "dob",
    "address",
    "street",
    "postcode",
    "zip",
    "passport",
    "iban",
    "surname",
    "firstname",
    "lastname",
    "fullname",
    "ip",
    "gender",
    "nationality",
];

/// Rule levels and options. [`Policy::default`] is Charter's built-in policy.
#[derive(Clone, Debug, PartialEq)]
pub struct Policy {
    levels: BTreeMap<&'static str, Level>,
    /// `naming-convention`: the case of property names and of schema object names.
    pub property_case: Case,
    pub object_case: Case,
    /// `pii-classification`: words that mark a property as personal data.
    pub pii_words: Vec<String>,
    /// `team-ownership`: the fewest members an owning team may have.
    pub min_members: usize,
    /// Check ODCS v3.0.x contracts against the official strict schema (every object
    /// closed; custom properties need `property` and `value`).
    pub strict: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            levels: BTreeMap::new(),
            property_case: Case::Snake,
            object_case: Case::Snake,
            pii_words: DEFAULT_PII_WORDS.iter().map(|s| s.to_string()).collect(),
            min_members: 2,
            strict: false,
        }
    }
}

impl Policy {
    /// The level of `rule` under this policy.
    pub fn level(&self, rule: &LintRule) -> Level {
        self.levels.get(rule.id).copied().unwrap_or(rule.level)
    }

    /// Set a rule's level.
    pub fn set(&mut self, id: &str, level: Level) {
        if let Some(rule) = by_id(id) {
            self.levels.insert(rule.id, level);
        }
    }

    /// A policy that runs only the rule `id` (at warning when it is off by default).
    pub fn only(id: &str) -> Policy {
        let mut p = Policy::default();
        for r in ALL {
            let level = match (r.id == id, r.level) {
                (false, _) => Level::Off,
                (true, Level::Off) => Level::Warning,
                (true, l) => l,
            };
            p.levels.insert(r.id, level);
        }
        p
    }

    /// Read a policy document. Problems come back as diagnostics on the policy's own text
    /// (with the parts that were understood still applied).
    /// The policy an already parsed policy document sets (its problems are reported by
    /// checking the document).
    pub fn from_root(root: &Node) -> Policy {
        read(root, &mut Vec::new())
    }

    pub fn parse(text: &str) -> (Policy, Vec<Diagnostic>) {
        let doc = yaml::parse(text);
        let report = crate::check_document(&doc);
        let policy = doc
            .root
            .as_ref()
            .map(|r| read(r, &mut Vec::new()))
            .unwrap_or_default();
        (policy, report.diagnostics)
    }
}

/// Whether a parsed document is a policy.
pub fn is_policy(root: &Node) -> bool {
    root.get("kind").and_then(Node::as_str) == Some(KIND)
}

/// Validate a policy document's root, reporting every problem.
pub fn validate(root: &Node) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    read(root, &mut diags);
    diags
}

fn diag(
    out: &mut Vec<Diagnostic>,
    code: &'static codes::Code,
    msg: String,
    path: &str,
    span: Span,
) {
    out.push(Diagnostic::new(code, msg, path, span));
}

fn read(root: &Node, out: &mut Vec<Diagnostic>) -> Policy {
    let mut policy = Policy::default();
    let Some(entries) = root.as_map() else {
        return policy;
    };
    for e in entries {
        let path = format!("/{}", e.key);
        match e.key.as_str() {
            "kind" => {}
            "apiVersion" => {
                if e.value.as_str() != Some(API_VERSION) {
                    diag(
                        out,
                        &codes::UNKNOWN_STANDARD,
                        format!("a Charter policy declares `apiVersion: {API_VERSION}`."),
                        &path,
                        e.value.span,
                    );
                }
            }
            "description" | "name" => {}
            "strict" => match e.value.to_json() {
                serde_json::Value::Bool(b) => policy.strict = b,
                _ => diag(
                    out,
                    &codes::WRONG_TYPE,
                    "`strict` is `true` (check v3.0.x contracts against the official strict schema) or `false`.".into(),
                    &path,
                    e.value.span,
                ),
            },
            "rules" => match e.value.as_map() {
                Some(rules) => {
                    for r in rules {
                        read_rule(&mut policy, r, &format!("/rules/{}", r.key), out);
                    }
                }
                None => diag(
                    out,
                    &codes::WRONG_TYPE,
                    "`rules` is a mapping from rule id to its level, e.g. `pii-classification: error`.".into(),
                    &path,
                    e.key_span,
                ),
            },
            other => {
                let mut msg = format!("unknown key `{other}` in the policy.");
                if let Some(best) = did_you_mean(other, ["kind", "apiVersion", "name", "description", "strict", "rules"].into_iter()) {
                    msg.push_str(&format!(" Did you mean `{best}`?"));
                } else {
                    msg.push_str(" A policy has `kind`, `apiVersion`, `name`, `description`, `strict` and `rules`.");
                }
                diag(out, &codes::UNKNOWN_KEY, msg, &path, e.key_span);
            }
        }
    }
    if root.get("apiVersion").is_none() {
        diag(
            out,
            &codes::MISSING_REQUIRED,
            format!("the policy is missing `apiVersion: {API_VERSION}`."),
            "",
            root.as_map()
                .and_then(|m| m.first())
                .map(|e| e.key_span)
                .unwrap_or(root.span),
        );
    }
    policy
}

fn read_level(v: &Node, path: &str, out: &mut Vec<Diagnostic>) -> Option<Level> {
    let s = match v.as_str() {
        Some(s) => s.to_string(),
        // `off: false`-style YAML 1.1 habits: `false` reads as a boolean.
        None => match v.to_json() {
            serde_json::Value::Bool(false) => "off".into(),
            other => other.to_string(),
        },
    };
    let level = Level::parse(&s);
    if level.is_none() {
        let mut msg = format!("`{s}` is not a level.");
        if let Some(best) = did_you_mean(&s, Level::NAMES.iter().copied()) {
            msg.push_str(&format!(" Did you mean `{best}`?"));
        }
        msg.push_str(" Use off, info, warning or error.");
        diag(out, &codes::INVALID_ENUM, msg, path, v.span);
    }
    level
}

fn read_rule(policy: &mut Policy, e: &yaml::Entry, path: &str, out: &mut Vec<Diagnostic>) {
    let Some(rule) = by_id(&e.key) else {
        let mut msg = format!("unknown rule `{}`.", e.key);
        if let Some(best) = did_you_mean(&e.key, ALL.iter().map(|r| r.id)) {
            msg.push_str(&format!(" Did you mean `{best}`?"));
        } else {
            msg.push_str(" `charter rules` lists the lint rules (and the Rules tab in the app).");
        }
        diag(out, &codes::UNKNOWN_KEY, msg, path, e.key_span);
        return;
    };
    let Some(options) = e.value.as_map() else {
        if let Some(level) = read_level(&e.value, path, out) {
            policy.levels.insert(rule.id, level);
        }
        return;
    };
    // A rule given options but no level is on at its default level, or at warning
    // when it is off by default.
    let mut level = match rule.level {
        Level::Off => Level::Warning,
        l => l,
    };
    for o in options {
        let at = crate::validate::child(path, &o.key);
        match (rule.id, o.key.as_str()) {
            (_, "level") => {
                if let Some(l) = read_level(&o.value, &at, out) {
                    level = l;
                }
            }
            ("naming-convention", "properties" | "objects") => {
                match o.value.as_str().and_then(Case::parse) {
                    Some(c) if o.key == "properties" => policy.property_case = c,
                    Some(c) => policy.object_case = c,
                    None => diag(
                        out,
                        &codes::INVALID_ENUM,
                        format!(
                            "`{}` is not a naming convention. Use one of {}.",
                            o.value.as_str().unwrap_or("this value"),
                            Case::NAMES.join(", ")
                        ),
                        &at,
                        o.value.span,
                    ),
                }
            }
            ("pii-classification", "words") => match o.value.as_seq() {
                Some(items) if items.iter().all(|i| i.as_str().is_some()) => {
                    policy.pii_words = items
                        .iter()
                        .filter_map(Node::as_str)
                        .map(str::to_ascii_lowercase)
                        .collect();
                }
                _ => diag(
                    out,
                    &codes::WRONG_TYPE,
                    "`words` is a list of name fragments, e.g. `[email, phone, birth]`.".into(),
                    &at,
                    o.value.span,
                ),
            },
            ("team-ownership", "minMembers") => match o.value.to_json().as_u64() {
                Some(n) if n >= 1 => policy.min_members = n as usize,
                _ => diag(
                    out,
                    &codes::INVALID_VALUE,
                    "`minMembers` is a whole number of 1 or more.".into(),
                    &at,
                    o.value.span,
                ),
            },
            (id, key) => {
                let known: &[&str] = match id {
                    "naming-convention" => &["level", "properties", "objects"],
                    "pii-classification" => &["level", "words"],
                    "team-ownership" => &["level", "minMembers"],
                    _ => &["level"],
                };
                let mut msg = format!("`{id}` has no option `{key}`.");
                if let Some(best) = did_you_mean(key, known.iter().copied()) {
                    msg.push_str(&format!(" Did you mean `{best}`?"));
                }
                msg.push_str(&format!(" Its options: {}.", known.join(", ")));
                diag(out, &codes::UNKNOWN_KEY, msg, &at, o.key_span);
            }
        }
    }
    policy.levels.insert(rule.id, level);
}

/// The policy template offered by New.
pub const TEMPLATE: &str = r#"# Governance policy: the lint rules every contract and data product manifest in this
# workspace is checked against. Support, team ownership, status and deprecation apply to both.
# Levels: off, info, warning, error (error fails the document in the editor and in CI).
kind: CharterPolicy
apiVersion: charter/v1
name: Data governance
rules:
  naming-convention:
    level: warning
    properties: snake_case
    objects: snake_case
  pii-classification: error
  freshness-sla: warning
  support-channel: warning
  team-ownership:
    level: warning
    minMembers: 2
  status-declared: warning
  deprecation-replacement: error
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_match_and_convert() {
        assert!(Case::Snake.matches("order_id2"));
        assert!(!Case::Snake.matches("orderId"));
        assert!(Case::Camel.matches("orderId"));
        assert!(Case::Pascal.matches("OrderEvents"));
        assert!(Case::Kebab.matches("order-events"));
        assert_eq!(Case::Snake.convert("orderID"), "order_id");
        assert_eq!(Case::Snake.convert("customerEmail"), "customer_email");
        assert_eq!(Case::Camel.convert("customer_email"), "customerEmail");
        assert_eq!(Case::Pascal.convert("order-events"), "OrderEvents");
    }

    #[test]
    fn a_policy_sets_levels_and_options_and_reports_mistakes() {
        let (p, diags) = Policy::parse(TEMPLATE);
        assert!(diags.is_empty(), "{diags:#?}");
        assert_eq!(p.level(&super::super::PII_CLASSIFICATION), Level::Error);
        assert_eq!(p.level(&super::super::NAMING), Level::Warning);
        assert_eq!(p.min_members, 2);

        let text = "kind: CharterPolicy\napiVersion: charter/v1\nrules:\n  pii-clasification: error\n  naming-convention:\n    properties: snake\n  duplicate-name: loud\n  team-ownership:\n    minMembers: 0\n";
        let (_, diags) = Policy::parse(text);
        let msgs: Vec<&str> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(diags.len(), 4, "{msgs:#?}");
        assert!(
            msgs[0].contains("Did you mean `pii-classification`?"),
            "{}",
            msgs[0]
        );
        assert_eq!(diags[0].span.start.line, 4);
        assert!(msgs[1].contains("not a naming convention"));
        assert!(msgs[2].contains("`loud` is not a level"));
        assert!(msgs[3].contains("1 or more"));
    }
}

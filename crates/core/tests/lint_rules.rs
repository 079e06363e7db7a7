//! One fixture per lint rule: the rule fires once, at the right place, and nothing else does.

use charter_core::{check, check_with_policy, lint, templates, Severity};
use lint::{Level, Policy};

const HEAD: &str =
    "apiVersion: v3.1.0\nkind: DataContract\nid: c1\nversion: 1.0.0\nstatus: active\n";

fn fixtures() -> Vec<(&'static str, String, usize)> {
    vec![
        ("duplicate-name", format!("{HEAD}schema:\n  - name: orders\n    properties:\n      - name: a\n      - name: a\n"), 10),
        ("duplicate-id", format!("{HEAD}schema:\n  - id: x1\n    name: orders\n    properties:\n      - id: x1\n        name: a\n"), 10),
        ("relationship-target-missing", format!("{HEAD}schema:\n  - name: orders\n    properties:\n      - name: customer_id\n        relationships:\n          - to: customers.id\n"), 11),
        ("composite-key-length", format!("{HEAD}schema:\n  - name: orders\n    properties:\n      - name: a\n      - name: b\n    relationships:\n      - from: [orders.a, orders.b]\n        to: [orders.a]\n"), 13),
        ("key-positions", format!("{HEAD}schema:\n  - name: orders\n    properties:\n      - name: a\n        primaryKey: true\n        primaryKeyPosition: 1\n      - name: b\n        primaryKey: true\n        primaryKeyPosition: 1\n"), 14),
        ("min-above-max", format!("{HEAD}schema:\n  - name: orders\n    properties:\n      - name: a\n        logicalType: string\n        logicalTypeOptions:\n          minLength: 10\n          maxLength: 5\n"), 12),
        ("sla-element-missing", format!("{HEAD}schema:\n  - name: orders\nslaProperties:\n  - property: latency\n    value: 5\n    element: orders.created_at\n"), 11),
        ("quality-operator-type", format!("{HEAD}schema:\n  - name: orders\n    quality:\n      - metric: rowCount\n        mustBe: many\n"), 10),
        ("sla-duration", format!("{HEAD}slaProperties:\n  - property: retention\n    value: 30 days\n"), 8),
        ("naming-convention", format!("{HEAD}schema:\n  - name: orders\n    properties:\n      - name: orderId\n"), 9),
        ("pii-classification", format!("{HEAD}schema:\n  - name: customers\n    properties:\n      - name: customer_email\n      - name: country\n"), 9),
        ("freshness-sla", format!("{HEAD}slaProperties:\n  - property: retention\n    value: 30\n    unit: d\n"), 6),
        ("support-channel", format!("{HEAD}support: []\n"), 6),
        ("team-ownership", format!("{HEAD}team:\n  name: orders-team\n  members:\n    - username: ada\n"), 6),
        ("status-declared", HEAD.replace("status: active", "status: actve"), 5),
        ("deprecation-replacement", HEAD.replace("status: active", "status: deprecated"), 5),
    ]
}

const PRODUCT: &str = "apiVersion: v1.1.0\nkind: DataProduct\nid: orders\nstatus: active\n";

/// The rules that check data product manifests, each with a manifest that fires it once.
fn product_fixtures() -> Vec<(&'static str, String, usize)> {
    vec![
        ("support-channel", format!("{PRODUCT}support: []\n"), 5),
        (
            "team-ownership",
            format!("{PRODUCT}team:\n  name: orders-team\n  members:\n    - username: ada\n"),
            5,
        ),
        (
            "status-declared",
            PRODUCT.replace("status: active\n", ""),
            2,
        ),
        (
            "deprecation-replacement",
            format!("{PRODUCT}deprecated: true\n"),
            5,
        ),
    ]
}

#[test]
fn manifest_rules_fire_on_manifests_and_contract_rules_do_not() {
    let fx = product_fixtures();
    for rule in lint::ALL {
        let has = fx.iter().any(|(id, _, _)| *id == rule.id);
        assert_eq!(
            has,
            rule.applies == lint::Applies::Both,
            "{}: a rule that checks manifests needs a manifest fixture, and only those",
            rule.id
        );
    }
    for (id, text, line) in fx {
        let r = check_with_policy(&text, &Policy::only(id));
        assert!(r.is_valid(), "{id}: {:#?}", r.diagnostics);
        let found: Vec<_> = r
            .diagnostics
            .iter()
            .map(|d| (d.code.id, d.span.start.line as usize))
            .collect();
        assert_eq!(found, vec![(id, line)], "{id}: {:#?}", r.diagnostics);
        assert!(
            r.diagnostics[0].message.contains("data product"),
            "{id}: {}",
            r.diagnostics[0].message
        );
    }
    // A policy raises a manifest rule to an error, which fails the manifest.
    let (policy, problems) = Policy::parse(
        "kind: CharterPolicy\napiVersion: charter/v1\nrules:\n  team-ownership: error\n",
    );
    assert!(problems.is_empty(), "{problems:#?}");
    assert!(!check_with_policy(PRODUCT, &policy).is_valid());
    // An older manifest whose schema requires `status` gets the schema's error only.
    let old = PRODUCT
        .replace("v1.1.0", "v1.0.0")
        .replace("status: active\n", "");
    let r = check_with_policy(&old, &Policy::only("status-declared"));
    assert!(r.diagnostics.iter().all(|d| d.code != "status-declared"));
}

#[test]
fn every_lint_rule_has_a_fixture_that_fires_it_once_at_the_right_line() {
    let fx = fixtures();
    for rule in lint::ALL {
        assert!(
            fx.iter().any(|(id, _, _)| *id == rule.id),
            "lint rule {} has no fixture",
            rule.id
        );
    }
    for (id, text, line) in fx {
        let r = check_with_policy(&text, &Policy::only(id));
        assert!(
            r.is_valid(),
            "{id}: lint must not change the verdict: {:#?}",
            r.diagnostics
        );
        let found: Vec<_> = r
            .diagnostics
            .iter()
            .map(|d| (d.code.id, d.span.start.line as usize))
            .collect();
        assert_eq!(found, vec![(id, line)], "{id}: {:#?}", r.diagnostics);
    }
}

#[test]
fn references_resolve_by_name_id_qualified_form_and_nested_path() {
    let ok = format!(
        "{HEAD}schema:\n  - id: cust\n    name: customers\n    properties:\n      - id: cid\n        name: id\n  - name: orders\n    properties:\n      - name: customer_id\n        relationships:\n          - to: customers.id\n          - to: cust.cid\n          - to: schema/customers/properties/id\n          - to: other.yaml#schema/x/properties/y\n"
    );
    let r = check_with_policy(&ok, &Policy::only("relationship-target-missing"));
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    // v3.2.0's dotted path to a nested property.
    let nested = format!(
        "{}schema:\n  - name: trips\n    properties:\n      - name: stop\n        logicalType: object\n        properties:\n          - name: city\n            logicalType: string\n        relationships:\n          - to: trips.stop.city\n",
        HEAD.replace("v3.1.0", "v3.2.0")
    );
    let r = check_with_policy(&nested, &Policy::only("relationship-target-missing"));
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
}

#[test]
fn templates_and_generated_contracts_are_lint_clean() {
    for t in templates::ALL {
        let loud: Vec<_> = check(t.text)
            .diagnostics
            .into_iter()
            .filter(|d| d.severity != Severity::Info)
            .collect();
        assert!(loud.is_empty(), "{}: {loud:#?}", t.id);
    }
    assert!(check(&charter_core::gen::contract(5, 8))
        .diagnostics
        .is_empty());
}

#[test]
fn a_policy_turns_rules_off_raises_them_to_errors_and_sets_options() {
    let text = format!("{HEAD}schema:\n  - name: Customers\n    properties:\n      - name: email\n      - name: signupDate\n");
    // Built-in defaults: PII warns, the governance hints are info, naming is off.
    let r = check(&text);
    assert!(r.is_valid());
    let codes: Vec<_> = r
        .diagnostics
        .iter()
        .map(|d| (d.code.id, d.severity))
        .collect();
    assert!(
        codes.contains(&("pii-classification", Severity::Warning)),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("team-ownership", Severity::Info)),
        "{codes:?}"
    );
    assert!(!codes.iter().any(|(c, _)| *c == "naming-convention"));

    let (policy, problems) = Policy::parse("kind: CharterPolicy\napiVersion: charter/v1\nrules:\n  pii-classification: error\n  naming-convention:\n    properties: camelCase\n  team-ownership: off\n  freshness-sla: off\n  support-channel: off\n");
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(policy.level(&lint::NAMING), Level::Warning);
    let r = check_with_policy(&text, &policy);
    assert!(!r.is_valid(), "a policy error fails the contract");
    let found: Vec<_> = r
        .diagnostics
        .iter()
        .map(|d| (d.code.id, d.severity, d.span.start.line))
        .collect();
    assert_eq!(
        found,
        vec![
            ("naming-convention", Severity::Warning, 7),
            ("pii-classification", Severity::Error, 9),
        ],
        "{:#?}",
        r.diagnostics
    );
    assert!(
        r.diagnostics[0].message.contains("rename it `customers`"),
        "{}",
        r.diagnostics[0].message
    );
}

#[test]
fn a_policy_document_is_checked_in_the_editor_like_a_contract() {
    let r =
        check("kind: CharterPolicy\napiVersion: charter/v1\nrules:\n  pii-clasification: error\n");
    assert_eq!(
        r.standard.as_ref().map(|s| s.kind_label()),
        Some("Governance policy")
    );
    assert_eq!(r.diagnostics.len(), 1);
    assert!(r.diagnostics[0]
        .message
        .contains("Did you mean `pii-classification`?"));
}

#[test]
fn a_strict_policy_checks_v3_0_x_against_the_official_strict_schema() {
    let text = format!(
        "{}servers:\n  - server: s\n    type: kafka\n    host: h\n    hots: x\n",
        HEAD.replace("v3.1.0", "v3.0.2")
    );
    let loose = check(&text);
    assert!(loose.is_valid());
    assert!(loose.diagnostics.iter().any(|d| d.code == "undeclared-key"));
    let (policy, problems) =
        Policy::parse("kind: CharterPolicy\napiVersion: charter/v1\nstrict: true\n");
    assert!(problems.is_empty(), "{problems:#?}");
    let r = check_with_policy(&text, &policy);
    assert!(!r.is_valid());
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.code == "unknown-key" && d.path == "/servers/0/hots"));
}

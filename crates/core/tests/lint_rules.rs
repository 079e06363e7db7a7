//! One fixture per lint rule: the rule fires once, at the right place, and nothing else does.

use charter_core::{check, lint, templates};

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
    ]
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
        let r = check(&text);
        assert!(
            r.is_valid(),
            "{id}: lint must not change the verdict: {:#?}",
            r.diagnostics
        );
        let found: Vec<_> = r
            .diagnostics
            .iter()
            .map(|d| (d.code, d.span.start.line))
            .collect();
        assert_eq!(found, vec![(id, line)], "{id}: {:#?}", r.diagnostics);
    }
}

#[test]
fn references_resolve_by_name_id_and_qualified_form() {
    let ok = format!(
        "{HEAD}schema:\n  - id: cust\n    name: customers\n    properties:\n      - id: cid\n        name: id\n  - name: orders\n    properties:\n      - name: customer_id\n        relationships:\n          - to: customers.id\n          - to: cust.cid\n          - to: schema/customers/properties/id\n          - to: other.yaml#schema/x/properties/y\n"
    );
    let r = check(&ok);
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
}

#[test]
fn templates_and_generated_contracts_are_lint_clean() {
    for t in templates::ALL {
        assert!(check(t.text).diagnostics.is_empty(), "{}", t.id);
    }
    assert!(check(&charter_core::gen::contract(5, 8))
        .diagnostics
        .is_empty());
}

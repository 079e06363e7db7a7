//! One before/after fixture per change rule, checked from both perspectives, plus rename
//! and nesting cases. Every rule in the catalogue must have a fixture here.

use charter_core::diff::{self, rules, Bump, Mode};

const BASE: &str = r##"apiVersion: v3.2.0
kind: DataContract
id: orders-contract
name: orders.events.v1
version: 1.0.0
status: active
tags: [orders]
authoritativeDefinitions:
  - type: businessDefinition
    url: https://example.com/orders
description:
  purpose: Order events.
price:
  priceAmount: 10
  priceCurrency: USD
  priceUnit: megabyte
team:
  name: orders-team
roles:
  - role: orders_reader
    access: read
customProperties:
  - property: owner
    value: orders
support:
  - channel: "#orders"
servers:
  - id: prod_srv
    server: prod
    type: postgres
    environment: prod
    host: db.example.com
    port: 5432
    database: orders
    schema: public
schema:
  - id: orders_obj
    name: orders
    physicalName: orders_v1
    properties:
      - id: order_id
        name: order_id
        logicalType: string
        physicalType: varchar(36)
        required: true
        unique: true
        primaryKey: true
        primaryKeyPosition: 1
        classification: internal
        enum:
          - value: A1
          - value: B2
        logicalTypeOptions:
          maxLength: 36
          pattern: "^[0-9a-f-]+$"
        quality:
          - metric: invalidValues
            arguments:
              validValues: [A1, B2]
            mustBe: 0
      - id: amount
        name: amount
        logicalType: number
        required: false
        partitioned: false
        criticalDataElement: false
        examples: [1, 2]
        logicalTypeOptions:
          minimum: 0
          maximum: 1000
      - id: customer_id
        name: customer_id
        logicalType: string
        relationships:
          - to: customers.id
      - id: created_at
        name: created_at
        logicalType: timestamp
        logicalTypeOptions:
          defaultTimezone: UTC
      - id: embedding
        name: embedding
        logicalType: vector
        logicalTypeOptions:
          dimensions: 3
      - id: lines
        name: lines
        logicalType: array
        deprecated: true
        items:
          logicalType: object
          properties:
            - id: sku
              name: sku
              logicalType: string
    quality:
      - name: has_rows
        metric: rowCount
        mustBeGreaterThan: 0
slaProperties:
  - property: latency
    element: orders.order_id
    value: 5
    unit: m
"##;

/// Apply textual edits to the base; every fixture also bumps the version to 2.0.0 so only
/// the rule under test fires (the version rule has its own fixture).
fn edit(pairs: &[(&str, &str)]) -> String {
    let mut s = BASE.replace("version: 1.0.0", "version: 2.0.0");
    for (from, to) in pairs {
        assert!(s.contains(from), "fixture text not found: {from}");
        s = s.replacen(from, to, 1);
    }
    s
}

fn fixtures() -> Vec<(&'static str, String)> {
    vec![
        ("contract-id-changed", edit(&[("id: orders-contract", "id: orders-contract-2")])),
        ("contract-deprecated", edit(&[("status: active", "status: deprecated")])),
        ("status-changed", edit(&[("status: active", "status: beta")])),
        ("status-regressed", edit(&[("status: active", "status: draft")])),
        ("api-version-changed", edit(&[("apiVersion: v3.2.0", "apiVersion: v3.1.0")])),
        ("contract-details-changed", edit(&[("name: orders.events.v1", "name: orders.events")])),
        ("price-changed", edit(&[("priceAmount: 10", "priceAmount: 12")])),
        ("object-deprecated", edit(&[("physicalName: orders_v1\n", "physicalName: orders_v1\n    deprecated: true\n")])),
        ("deprecation-withdrawn", edit(&[("        logicalType: array\n        deprecated: true\n", "        logicalType: array\n")])),
        ("semantic-type-changed", edit(&[("name: amount\n        logicalType: number\n", "name: amount\n        logicalType: number\n        semanticType: measure\n")])),
        ("lineage-changed", edit(&[("name: amount\n        logicalType: number\n", "name: amount\n        logicalType: number\n        transformDescription: Sum of the lines.\n")])),
        ("pattern-added", edit(&[("name: customer_id\n        logicalType: string\n", "name: customer_id\n        logicalType: string\n        logicalTypeOptions:\n          format: uuid\n")])),
        ("pattern-removed", edit(&[("          pattern: \"^[0-9a-f-]+$\"\n", "")])),
        ("timezone-changed", edit(&[("defaultTimezone: UTC", "defaultTimezone: Europe/Paris")])),
        ("vector-changed", edit(&[("dimensions: 3", "dimensions: 4")])),
        ("relationship-changed", edit(&[("          - to: customers.id\n", "          - to: customers.id\n            type: foreignKey\n")])),
        ("server-renamed", edit(&[("server: prod", "server: production")])),
        ("server-environment-changed", edit(&[("environment: prod", "environment: staging")])),
        ("sla-changed", edit(&[("value: 5\n    unit: m", "value: 5\n    unit: rows")])),
        ("sla-element-changed", edit(&[("element: orders.order_id", "element: orders.amount")])),
        ("sla-details-changed", edit(&[("    unit: m\n", "    unit: m\n    driver: operational\n")])),
        ("tags-changed", edit(&[("tags: [orders]", "tags: [orders, sales]")])),
        ("authoritative-definitions-changed", edit(&[("https://example.com/orders", "https://example.com/orders/v2")])),
        ("examples-changed", edit(&[("examples: [1, 2]", "examples: [1, 3]")])),
        ("likely-rename", edit(&[("      - id: customer_id\n        name: customer_id\n", "      - name: buyer_id\n")])),
        ("stable-id-changed", edit(&[("      - id: amount\n        name: amount\n", "      - name: amount\n")])),
        ("field-changed", edit(&[("host: db.example.com", "host: db.example.com\n    x-owner: dba")])),
        ("object-removed", edit(&[("schema:\n  - id: orders_obj", "schema: []\nunused:\n  - id: orders_obj")])),
        ("object-added", edit(&[("slaProperties:", "  - name: refunds\nslaProperties:")])),
        ("object-renamed", edit(&[("    name: orders\n", "    name: purchases\n")])),
        ("physical-name-changed", edit(&[("physicalName: orders_v1", "physicalName: orders_v2")])),
        ("property-removed", edit(&[("      - id: customer_id\n        name: customer_id\n        logicalType: string\n        relationships:\n          - to: customers.id\n", "")])),
        ("property-added", edit(&[("      - id: lines\n", "      - name: note\n        logicalType: string\n      - id: lines\n")])),
        ("required-property-added", edit(&[("      - id: lines\n", "      - name: channel\n        logicalType: string\n        required: true\n      - id: lines\n")])),
        ("property-renamed", edit(&[("name: customer_id", "name: buyer_id")])),
        ("logical-type-changed", edit(&[("name: amount\n        logicalType: number", "name: amount\n        logicalType: integer")])),
        ("physical-type-changed", edit(&[("physicalType: varchar(36)", "physicalType: text")])),
        ("property-became-optional", edit(&[("varchar(36)\n        required: true", "varchar(36)\n        required: false")])),
        ("property-became-required", edit(&[("name: amount\n        logicalType: number\n        required: false", "name: amount\n        logicalType: number\n        required: true")])),
        ("unique-dropped", edit(&[("unique: true", "unique: false")])),
        ("unique-added", edit(&[("name: customer_id\n        logicalType: string\n", "name: customer_id\n        logicalType: string\n        unique: true\n")])),
        ("primary-key-changed", edit(&[("primaryKey: true", "primaryKey: false")])),
        ("partition-key-changed", edit(&[("partitioned: false", "partitioned: true")])),
        ("property-deprecated", edit(&[("name: customer_id\n        logicalType: string\n", "name: customer_id\n        logicalType: string\n        deprecated: true\n")])),
        ("enum-value-added", edit(&[("          - value: B2\n", "          - value: B2\n          - value: C3\n")])),
        ("enum-value-removed", edit(&[("          - value: B2\n", "")])),
        ("enum-added", edit(&[("name: amount\n        logicalType: number\n", "name: amount\n        logicalType: number\n        enum:\n          - value: 1\n")])),
        ("enum-removed", edit(&[("        enum:\n          - value: A1\n          - value: B2\n", "")])),
        ("classification-changed", edit(&[("classification: internal", "classification: restricted")])),
        ("critical-data-changed", edit(&[("criticalDataElement: false", "criticalDataElement: true")])),
        ("max-length-increased", edit(&[("maxLength: 36", "maxLength: 64")])),
        ("max-length-decreased", edit(&[("maxLength: 36", "maxLength: 20")])),
        ("range-widened", edit(&[("maximum: 1000", "maximum: 5000")])),
        ("range-narrowed", edit(&[("minimum: 0", "minimum: 1")])),
        ("pattern-changed", edit(&[("pattern: \"^[0-9a-f-]+$\"", "pattern: \"^[0-9]+$\"")])),
        ("relationship-removed", edit(&[("        relationships:\n          - to: customers.id\n", "")])),
        ("relationship-added", edit(&[("name: amount\n", "name: amount\n        relationships:\n          - to: totals.amount\n")])),
        ("server-removed", edit(&[("servers:\n  - id: prod_srv", "servers: []\nunused:\n  - id: prod_srv")])),
        ("server-added", edit(&[("schema:\n", "  - server: dev\n    type: kafka\n    host: kafka:9092\nschema:\n")])),
        ("server-changed", edit(&[("host: db.example.com", "host: db2.example.com")])),
        ("quality-rule-removed", edit(&[("    quality:\n      - name: has_rows\n        metric: rowCount\n        mustBeGreaterThan: 0\n", "")])),
        ("quality-rule-added", edit(&[("        mustBeGreaterThan: 0\n", "        mustBeGreaterThan: 0\n      - name: no_dupes\n        metric: duplicateValues\n        mustBe: 0\n")])),
        ("quality-rule-changed", edit(&[("metric: rowCount", "metric: duplicateValues")])),
        ("quality-threshold-tightened", edit(&[("mustBeGreaterThan: 0", "mustBeGreaterThan: 10")])),
        ("quality-threshold-loosened", edit(&[("mustBeGreaterThan: 0", "mustBeGreaterOrEqualTo: 0")])),
        ("allowed-values-widened", edit(&[("validValues: [A1, B2]", "validValues: [A1, B2, C3]")])),
        ("allowed-values-narrowed", edit(&[("validValues: [A1, B2]", "validValues: [A1]")])),
        ("quality-details-changed", edit(&[("        mustBeGreaterThan: 0\n", "        mustBeGreaterThan: 0\n        dimension: completeness\n")])),
        ("sla-loosened", edit(&[("value: 5\n    unit: m", "value: 15\n    unit: m")])),
        ("sla-tightened", edit(&[("value: 5\n    unit: m", "value: 60\n    unit: s")])),
        ("sla-removed", edit(&[("slaProperties:\n  - property: latency", "slaProperties: []\nunused:\n  - property: latency")])),
        ("sla-added", edit(&[("    unit: m\n", "    unit: m\n  - property: retention\n    value: 30\n    unit: d\n")])),
        ("support-changed", edit(&[("#orders", "#orders-help")])),
        ("team-changed", edit(&[("name: orders-team", "name: checkout-team")])),
        ("roles-changed", edit(&[("role: orders_reader", "role: orders_read")])),
        ("custom-properties-changed", edit(&[("value: orders\n", "value: checkout\n")])),
        ("description-changed", edit(&[("purpose: Order events.", "purpose: All order events.")])),
        ("version-not-bumped", BASE.replace("logicalType: number", "logicalType: integer")),
    ]
}

/// Fixtures that remove a whole list move it aside under `unused:`; drop that block so
/// the fixture stays a valid contract.
fn clean(text: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in text.split_inclusive('\n') {
        if line == "unused:\n" {
            skipping = true;
            continue;
        }
        if skipping && line.starts_with(' ') {
            continue;
        }
        skipping = false;
        out.push_str(line);
    }
    out
}

const PRODUCT_BASE: &str = r##"apiVersion: v1.1.0
kind: DataProduct
id: urn:dataproduct:orders
name: orders
version: 1.0.0
status: active
domain: orders
description:
  purpose: Order data.
customProperties:
  - property: costCenter
    value: 42
inputPorts:
  - id: checkout
    name: checkout-events
    version: 2.1.0
    contractId: checkout-events-v2
outputPorts:
  - id: events
    name: orders-events
    type: topic
    version: 1.0.0
    contractId: orders-events-v1
  - name: orders-daily
    version: 1.0.0
    contractId: orders-daily-v1
managementPorts:
  - name: observability
    content: observability
    url: https://orders.example.com/metrics
support:
  - channel: "#orders"
    url: https://example.slack.com/orders
team:
  name: orders-team
  members:
    - username: ada
    - username: lin
"##;

/// Edits of the manifest, with the version bumped to 2.0.0 as for contracts.
fn product_edit(pairs: &[(&str, &str)]) -> String {
    let mut s = PRODUCT_BASE.replace("version: 1.0.0\nstatus", "version: 2.0.0\nstatus");
    for (from, to) in pairs {
        assert!(s.contains(from), "fixture text not found: {from}");
        s = s.replacen(from, to, 1);
    }
    s
}

fn product_fixtures() -> Vec<(&'static str, String)> {
    vec![
        ("product-id-changed", product_edit(&[("id: urn:dataproduct:orders", "id: urn:dataproduct:orders-2")])),
        ("product-deprecated", product_edit(&[("domain: orders", "domain: orders\ndeprecated: true")])),
        ("status-changed", product_edit(&[("status: active", "status: beta")])),
        ("product-details-changed", product_edit(&[("domain: orders", "domain: sales")])),
        ("output-port-removed", product_edit(&[("  - name: orders-daily\n    version: 1.0.0\n    contractId: orders-daily-v1\n", "")])),
        ("output-port-added", product_edit(&[("managementPorts:", "  - name: orders-hourly\n    contractId: orders-hourly-v1\nmanagementPorts:")])),
        ("output-port-renamed", product_edit(&[("name: orders-events", "name: order-events")])),
        ("output-port-contract-changed", product_edit(&[("contractId: orders-events-v1", "contractId: orders-events-v2")])),
        ("output-port-major-version", product_edit(&[("type: topic\n    version: 1.0.0", "type: topic\n    version: 2.0.0")])),
        ("output-port-version-changed", product_edit(&[("type: topic\n    version: 1.0.0", "type: topic\n    version: 1.1.0")])),
        ("output-port-type-changed", product_edit(&[("type: topic", "type: tables")])),
        ("output-port-deprecated", product_edit(&[("type: topic", "type: topic\n    deprecated: true")])),
        ("input-port-removed", product_edit(&[("inputPorts:\n  - id: checkout\n    name: checkout-events\n    version: 2.1.0\n    contractId: checkout-events-v2\n", "")])),
        ("input-port-added", product_edit(&[("outputPorts:", "  - name: payments\noutputPorts:")])),
        ("input-port-changed", product_edit(&[("contractId: checkout-events-v2", "contractId: checkout-events-v3")])),
        ("management-port-removed", product_edit(&[("managementPorts:\n  - name: observability\n    content: observability\n    url: https://orders.example.com/metrics\n", "")])),
        ("management-port-added", product_edit(&[("support:", "  - name: catalog\n    content: discoverability\nsupport:")])),
        ("management-port-changed", product_edit(&[("https://orders.example.com/metrics", "https://orders.example.com/v2/metrics")])),
        ("support-changed", product_edit(&[("#orders", "#orders-help")])),
        ("team-changed", product_edit(&[("    - username: lin\n", "    - username: lin\n    - username: max\n")])),
        ("custom-properties-changed", product_edit(&[("value: 42", "value: 43")])),
        ("description-changed", product_edit(&[("purpose: Order data.", "purpose: All order data.")])),
        ("version-not-bumped", PRODUCT_BASE.replace("id: urn:dataproduct:orders", "id: urn:dataproduct:orders-2")),
    ]
}

#[test]
fn every_rule_has_a_fixture_that_fires_it_with_its_severity_for_each_mode() {
    let fx = fixtures();
    let pfx = product_fixtures();
    for rule in rules::ALL {
        assert!(
            fx.iter().chain(&pfx).any(|(id, _)| id == &rule.id),
            "rule {} has no fixture",
            rule.id
        );
    }
    fires_once_per_mode(BASE, &fx);
    fires_once_per_mode(PRODUCT_BASE, &pfx);
}

fn fires_once_per_mode(base: &str, fx: &[(&'static str, String)]) {
    for (id, new) in fx {
        let new = clean(new);
        // Two fixtures are invalid on purpose: an older standard's version for a document
        // that uses v3.2.0 fields, and a field no version of the standard has.
        let invalid_on_purpose = ["api-version-changed", "field-changed"].contains(id);
        assert!(
            invalid_on_purpose || charter_core::check(&new).is_valid(),
            "{id}: fixture is not a valid document: {:#?}",
            charter_core::check(&new).diagnostics
        );
        let rule = rules::by_id(id).unwrap();
        for (mode, want) in [
            (Mode::Backward, rule.consumers.max(rules::Impact::Info)),
            (Mode::Forward, rule.producers.max(rules::Impact::Info)),
            (Mode::Full, rule.consumers.max(rule.producers)),
        ] {
            let report = diff::diff_texts(base, &new, mode).unwrap();
            let hits: Vec<_> = report.findings.iter().filter(|f| f.rule == *id).collect();
            assert_eq!(hits.len(), 1, "{id} ({mode:?}): {:#?}", report.findings);
            assert_eq!(hits[0].severity, want, "{id} ({mode:?})");
            // A rename hint comes with the removal and the addition it explains.
            let companions: &[&str] = match *id {
                "likely-rename" => &["property-removed", "property-added"],
                _ => &[],
            };
            let others: Vec<_> = report
                .findings
                .iter()
                // The version fixture needs a change that requires the bump.
                .filter(|f| {
                    f.rule != *id
                        && f.rule != "version-not-bumped"
                        && *id != "version-not-bumped"
                        && !companions.contains(&f.rule)
                })
                .map(|f| f.rule)
                .collect();
            assert!(others.is_empty(), "{id}: unexpected findings {others:?}");
        }
    }
}

#[test]
fn a_manifest_review_names_the_removed_output_port_and_where_it_was() {
    let new = product_edit(&[(
        "  - name: orders-daily\n    version: 1.0.0\n    contractId: orders-daily-v1\n",
        "",
    )]);
    let r = diff::diff_texts(PRODUCT_BASE, &new, Mode::Backward).unwrap();
    assert_eq!(r.verdict(), "breaking");
    assert_eq!(r.headline(), "Breaking for consumers — version 2.0.0");
    let f = &r.findings[0];
    assert_eq!(
        (f.rule, f.subject.as_str()),
        ("output-port-removed", "output port orders-daily 1.0.0")
    );
    assert_eq!(f.path, "/outputPorts/1");
    assert_eq!(f.base_line(), Some(24));
    assert_eq!(f.group(), "Output ports");
    assert!(diff::render::markdown(&r).contains("output port removed"));
    // Without the bump, the report asks for a major version.
    let r = diff::diff_texts(
        PRODUCT_BASE,
        &new.replace("version: 2.0.0\nstatus", "version: 1.0.0\nstatus"),
        Mode::Backward,
    )
    .unwrap();
    assert_eq!(
        r.headline(),
        "Breaking for consumers — requires 2.0.0, declared 1.0.0"
    );
    // A port is matched by id first, then by name and version: a new version listed beside
    // the old one is an addition, not a change.
    let both = PRODUCT_BASE.replace(
        "managementPorts:",
        "  - name: orders-daily\n    version: 2.0.0\n    contractId: orders-daily-v2\nmanagementPorts:",
    );
    let r = diff::diff_texts(PRODUCT_BASE, &both, Mode::Backward).unwrap();
    let rules: Vec<_> = r.findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, vec!["output-port-added", "version-not-bumped"]);
    // Identical manifests: no changes, in words for the manifest.
    let r = diff::diff_texts(PRODUCT_BASE, PRODUCT_BASE, Mode::Full).unwrap();
    assert_eq!(r.verdict(), "unchanged");
    assert!(diff::render::changelog(&r).contains("No changes to the data product manifest."));
    // A contract against a manifest is refused with a clear message.
    let e = diff::diff_texts(BASE, PRODUCT_BASE, Mode::Full).unwrap_err();
    assert!(
        e.contains("the base is a contract and the new document a data product manifest"),
        "{e}"
    );
}

#[test]
fn a_rename_with_the_same_id_is_one_finding_with_both_locations() {
    let new = edit(&[("name: customer_id", "name: buyer_id")]);
    let r = diff::diff_texts(BASE, &new, Mode::Backward).unwrap();
    assert_eq!(r.findings.len(), 1, "{:#?}", r.findings);
    let f = &r.findings[0];
    assert_eq!(f.rule, "property-renamed");
    assert_eq!(f.old.as_deref(), Some("customer_id"));
    assert_eq!(f.new.as_deref(), Some("buyer_id"));
    assert_eq!(f.base_path.as_deref(), Some("/schema/0/properties/2/name"));
    assert_eq!(f.new_path.as_deref(), Some("/schema/0/properties/2/name"));
    assert_eq!(f.base_line(), Some(72));
    assert_eq!(f.new_line(), Some(72));
}

#[test]
fn nested_item_properties_are_compared() {
    let new = edit(&[(
        "            - id: sku\n              name: sku\n              logicalType: string\n",
        "            - id: sku\n              name: sku\n              logicalType: integer\n",
    )]);
    let r = diff::diff_texts(BASE, &new, Mode::Backward).unwrap();
    assert_eq!(r.findings.len(), 1, "{:#?}", r.findings);
    assert_eq!(r.findings[0].rule, "logical-type-changed");
    assert!(
        r.findings[0].message.starts_with("orders.lines[].sku"),
        "{}",
        r.findings[0].message
    );
    assert_eq!(
        r.findings[0].path,
        "/schema/0/properties/5/items/properties/0/logicalType"
    );
}

#[test]
fn semver_check_suggests_the_required_version() {
    let new = BASE
        .replace("logicalType: number", "logicalType: integer")
        .replace("version: 1.0.0", "version: 1.1.0");
    let r = diff::diff_texts(BASE, &new, Mode::Backward).unwrap();
    assert_eq!(r.required_bump, Bump::Major);
    assert_eq!(r.verdict(), "breaking");
    assert_eq!(
        r.headline(),
        "Breaking for consumers — requires 2.0.0, declared 1.1.0"
    );
    let v = r
        .findings
        .iter()
        .find(|f| f.rule == "version-not-bumped")
        .unwrap();
    assert!(
        v.message.contains("declare 2.0.0 or later"),
        "{}",
        v.message
    );

    // Adding an optional property needs a minor release; 1.0.1 is too small, 1.1.0 is fine.
    let add = |v: &str| {
        BASE.replace("version: 1.0.0", v).replace(
            "      - id: lines\n",
            "      - name: note\n        logicalType: string\n      - id: lines\n",
        )
    };
    let r = diff::diff_texts(BASE, &add("version: 1.0.1"), Mode::Backward).unwrap();
    assert_eq!(r.required_bump, Bump::Minor);
    assert!(r.findings.iter().any(|f| f.rule == "version-not-bumped"));
    let r = diff::diff_texts(BASE, &add("version: 1.1.0"), Mode::Backward).unwrap();
    assert!(!r.findings.iter().any(|f| f.rule == "version-not-bumped"));
    assert_eq!(r.verdict(), "compatible");
}

#[test]
fn quality_rules_without_names_match_by_content_or_position() {
    let base = BASE.replace("      - name: has_rows\n", "      - type: library\n");
    assert!(diff::diff_texts(&base, &base, Mode::Backward)
        .unwrap()
        .findings
        .is_empty());
    let changed = base
        .replace("mustBeGreaterThan: 0", "mustBeGreaterThan: 5")
        .replace("version: 1.0.0", "version: 1.1.0");
    let r = diff::diff_texts(&base, &changed, Mode::Backward).unwrap();
    let rules: Vec<_> = r.findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, vec!["quality-threshold-tightened"]);
}

#[test]
fn documentation_changes_of_objects_and_properties_are_information() {
    let base = BASE.replace(
        "    physicalName: orders_v1\n",
        "    physicalName: orders_v1\n    description: Orders.\n",
    );
    let new = base
        .replace("description: Orders.", "description: All orders.")
        .replace("name: order_id\n", "name: order_id\n        tags: [key]\n")
        .replace("version: 1.0.0", "version: 1.0.1");
    let r = diff::diff_texts(&base, &new, Mode::Full).unwrap();
    let found: Vec<_> = r
        .findings
        .iter()
        .map(|f| (f.rule, f.path.as_str(), f.severity))
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "description-changed",
                "/schema/0/description",
                rules::Impact::Info
            ),
            (
                "tags-changed",
                "/schema/0/properties/0/tags",
                rules::Impact::Info
            ),
        ]
    );
    assert_eq!(r.required_bump, Bump::Patch);
    assert_eq!(r.verdict(), "compatible");
}

#[test]
fn identical_documents_have_no_findings() {
    let r = diff::diff_texts(BASE, BASE, Mode::Full).unwrap();
    assert!(r.findings.is_empty());
    assert_eq!(r.verdict(), "unchanged");
    assert_eq!(r.required_bump, Bump::None);
}

#[test]
fn unparsable_input_is_a_clear_error() {
    let e = diff::diff_texts(BASE, "a: [", Mode::Backward).unwrap_err();
    assert!(
        e.starts_with("the new document is not valid YAML (line"),
        "{e}"
    );
}

mod mutations {
    use super::*;
    use charter_core::gen;
    use proptest::prelude::*;

    /// A known change applied to property `c` of table `t` of a generated contract, with
    /// the rule and JSON pointer it must be reported under.
    fn apply(
        text: &str,
        t: usize,
        c: usize,
        kind: usize,
    ) -> Option<(String, &'static str, String)> {
        let id = format!("      - id: t{t:04}_c{c:04}\n");
        let start = text.find(&id)?;
        let rest = &text[start + id.len()..];
        // The property ends at the next property or at the object's quality rules.
        let end = ["      - id: ", "    quality:"]
            .iter()
            .filter_map(|m| rest.find(m))
            .min()
            .map(|e| start + id.len() + e)
            .unwrap_or(text.len());
        let block = &text[start..end];
        let prop = format!("/schema/{t}/properties/{c}");
        let (new_block, rule, path) = match kind {
            0 if block.contains("required: true") => (
                block.replacen("required: true", "required: false", 1),
                "property-became-optional",
                format!("{prop}/required"),
            ),
            1 if block.contains("required: false") => (
                block.replacen("required: false", "required: true", 1),
                "property-became-required",
                format!("{prop}/required"),
            ),
            2 => (
                block.replacen(
                    &format!("name: column_{c}\n"),
                    &format!("name: renamed_{c}\n"),
                    1,
                ),
                "property-renamed",
                format!("{prop}/name"),
            ),
            3 => (String::new(), "property-removed", prop.clone()),
            4 => (
                block.replacen("classification: internal", "classification: restricted", 1),
                "classification-changed",
                format!("{prop}/classification"),
            ),
            5 if block.contains("maxLength: 64") => (
                block.replacen("maxLength: 64", "maxLength: 128", 1),
                "max-length-increased",
                format!("{prop}/logicalTypeOptions/maxLength"),
            ),
            6 => (
                block.replacen("physicalName: col_", "physicalName: column_", 1),
                "physical-name-changed",
                format!("{prop}/physicalName"),
            ),
            7 => (
                block.replacen("unique: false", "unique: true", 1),
                "unique-added",
                format!("{prop}/unique"),
            ),
            _ => return None,
        };
        Some((
            format!("{}{}{}", &text[..start], new_block, &text[end..]),
            rule,
            path,
        ))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn every_known_change_is_reported_with_its_rule_and_path(t in 0usize..4, c in 0usize..6, kind in 0usize..8) {
            let base = gen::contract(4, 6);
            let Some((new, rule, path)) = apply(&base, t, c, kind) else { return Ok(()) };
            let new = new.replace("version: 1.0.0", "version: 2.0.0");
            prop_assert!(charter_core::check(&new).is_valid());
            let r = diff::diff_texts(&base, &new, Mode::Full).unwrap();
            let found: Vec<_> = r.findings.iter().map(|f| (f.rule, f.path.clone())).collect();
            prop_assert_eq!(found, vec![(rule, path)]);
        }
    }
}

#[test]
fn changelog_lists_breaking_changes_first() {
    let new = edit(&[
        ("unique: true", "unique: false"),
        ("purpose: Order events.", "purpose: All order events."),
    ]);
    let r = diff::diff_texts(BASE, &new, Mode::Backward).unwrap();
    let log = diff::render::changelog(&r);
    assert_eq!(
        log,
        "## 2.0.0\n\n### Breaking changes\n\n- `orders.order_id`: uniqueness dropped (`true` → `false`)\n\n### Other changes\n\n- `orders.events.v1`: documentation changed (`Order events.` → `All order events.`)\n"
    );
}

/// Names and values come from the contract: in a Markdown report they must not end a code
/// span, split a table row or put raw HTML into a pull-request comment.
#[test]
fn markdown_reports_escape_contract_text() {
    let hostile = r#""x`|<img src=https://t.example/p.gif>\n| injected | row |""#;
    let base = BASE.replace("name: order_id", &format!("name: {hostile}"));
    let new = base
        .replace("version: 1.0.0", "version: \"1.0.1<b>\"")
        .replace(
            "physicalType: varchar(36)",
            "physicalType: \"varchar(`|`)\"",
        );
    let r = diff::diff_texts(&base, &new, Mode::Backward).unwrap();
    assert!(!r.findings.is_empty());
    for report in [diff::render::markdown(&r), diff::render::changelog(&r)] {
        // Every `<` of contract text is escaped or inside a code span.
        for line in report.lines() {
            let outside_code: String = line.split('`').step_by(2).collect::<Vec<_>>().join("");
            assert!(
                !outside_code.contains("<img") && !outside_code.contains("<b>"),
                "{line}"
            );
        }
        assert!(!report.contains("\n| injected"), "{report}");
    }
    let md = diff::render::markdown(&r);
    for row in md
        .lines()
        .filter(|l| l.starts_with("| ") && !l.contains("severity"))
    {
        let cells = row.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 7, "a table row split by contract text: {row}");
    }
}

#[test]
fn pointers_to_keys_with_slashes_and_tildes_are_escaped() {
    // A server key the contract writer made up, holding `/` and `~`.
    let base = edit(&[("host: db.example.com", "host: db.example.com\n    a/b~c: 1")]);
    let new = base.replace("a/b~c: 1", "a/b~c: 2");
    let root = |t: &str| charter_core::yaml::parse(t).root.unwrap();
    let r = diff::compare(&root(&base), &root(&new), Mode::Backward).unwrap();
    let f = r
        .findings
        .iter()
        .find(|f| f.rule == "field-changed")
        .expect("the change of a field Charter does not know");
    assert!(f.path.ends_with("/a~1b~0c"), "{}", f.path);
}

#[test]
fn identical_changes_of_several_elements_are_one_line_and_notes_are_words() {
    let base = BASE.to_string();
    let mut new = base.replace("version: 1.0.0", "version: 1.1.0");
    for name in ["order_id", "customer_id", "created_at"] {
        new = new.replacen(
            &format!("name: {name}\n"),
            &format!("name: {name}\n        tags: [pii]\n"),
            1,
        );
    }
    let r = diff::diff_texts(&base, &new, Mode::Backward).unwrap();
    assert_eq!(r.findings.len(), 3, "{:#?}", r.findings);
    let groups = diff::render::groups(&r);
    assert_eq!(groups.len(), 1);
    let md = diff::render::markdown(&r);
    assert!(
        md.contains("| info | consumers | 3 elements: `orders.order_id`, `orders.customer_id`, `orders.created_at` | tags changed: `(none)` → `pii` |"),
        "{md}"
    );
    assert!(
        md.contains(
            "orders.events.v1 1.1.0 keeps working for its consumers. Also: tags changed (3×)."
        ),
        "{md}"
    );
    assert_eq!(diff::render::date(0), "1970-01-01");
    assert_eq!(diff::render::date(20_793), "2026-12-06");
    assert_eq!(diff::render::date(20_793 + 90), "2027-03-06");
    assert_eq!(
        diff::render::next_major_name("orders.events.v1", 2),
        "orders.events.v2"
    );
    assert_eq!(diff::render::next_major_name("orders", 2), "orders-v2");
}

#[test]
fn the_review_says_first_when_a_side_is_invalid_or_the_change_brings_warnings() {
    // The SLA measures amount; the new version removes amount and leaves the SLA on it.
    let base = BASE.replace("element: orders.order_id", "element: orders.amount");
    let new = base.replace(
        "      - id: amount\n        name: amount\n        logicalType: number\n        required: false\n        partitioned: false\n        criticalDataElement: false\n        examples: [1, 2]\n        logicalTypeOptions:\n          minimum: 0\n          maximum: 1000\n",
        "",
    );
    assert_ne!(new, base, "the fixture removes amount");
    let mut r = diff::diff_texts(&base, &new, Mode::Backward).unwrap();
    diff::with_validity(
        &mut r,
        &charter_core::check(&base),
        &charter_core::check(&new),
    );
    assert_eq!(r.validity.len(), 1, "{:#?}", r.validity);
    assert_eq!(r.validity[0].kind, "new-warnings");
    assert!(
        r.validity[0].message.contains("sla-element-missing"),
        "{}",
        r.validity[0].message
    );
    let md = diff::render::markdown(&r);
    assert!(
        md.contains("> **Note:** The change brings 1 warning"),
        "{md}"
    );
    // An invalid new version is said first too.
    let broken = new.replace("status: active", "status: active\nnmae: typo");
    let mut r = diff::diff_texts(&base, &broken, Mode::Backward).unwrap();
    diff::with_validity(
        &mut r,
        &charter_core::check(&base),
        &charter_core::check(&broken),
    );
    assert_eq!(r.validity[0].kind, "invalid");
    assert!(r.validity[0]
        .message
        .starts_with("The new contract is not valid: 1 error (first: line"));
}

#[test]
fn a_removed_and_an_added_column_that_look_alike_are_a_likely_rename() {
    let new = edit(&[(
        "      - id: customer_id\n        name: customer_id\n",
        "      - name: buyer_id\n",
    )]);
    let r = diff::diff_texts(BASE, &new, Mode::Backward).unwrap();
    let hint = r
        .findings
        .iter()
        .find(|f| f.rule == "likely-rename")
        .unwrap();
    assert_eq!(
        (hint.old.as_deref(), hint.new.as_deref()),
        (Some("customer_id"), Some("buyer_id"))
    );
    assert_eq!(hint.base_path.as_deref(), Some("/schema/0/properties/2"));
    assert_eq!(hint.new_path.as_deref(), Some("/schema/0/properties/2"));
    assert!(hint.message.contains("stable `id`"), "{}", hint.message);
    // Two look-alike candidates: no guess.
    let new = edit(&[
        (
            "      - id: customer_id\n        name: customer_id\n        logicalType: string\n        relationships:\n          - to: customers.id\n",
            "",
        ),
        (
            "    quality:\n      - name: has_rows",
            "      - name: buyer\n        logicalType: string\n      - name: payer\n        logicalType: string\n    quality:\n      - name: has_rows",
        ),
    ]);
    let r = diff::diff_texts(BASE, &new, Mode::Backward).unwrap();
    assert!(
        !r.findings.iter().any(|f| f.rule == "likely-rename"),
        "{:#?}",
        r.findings
    );
}

//! Starting points for new documents, written by the Charter team.

/// A template offered by "New".
#[derive(Debug, Clone, Copy)]
pub struct Template {
    pub id: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    /// Suggested file name for download.
    pub file_name: &'static str,
    pub text: &'static str,
}

pub const BLANK_ODCS: Template = Template {
    id: "odcs-blank",
    title: "Blank data contract",
    description: "The smallest valid ODCS v3.2.0 contract, ready to fill in.",
    file_name: "new-contract.odcs.yaml",
    text: r##"apiVersion: v3.2.0
kind: DataContract
id: 00000000-0000-0000-0000-000000000000
name: my.dataset.v1
version: 0.1.0
status: draft
# Add the owning team, the schema, quality rules and SLAs below.
schema: []
"##,
};

pub const ORDERS_EXAMPLE: Template = Template {
    id: "odcs-orders-example",
    title: "Example: orders.events.v1",
    description: "A retailer's order events on Kafka, with an owning team, support channel, a 5-minute freshness SLA and quality rules.",
    file_name: "orders.events.v1.odcs.yaml",
    text: r##"# Order lifecycle events published by the Orders domain.
apiVersion: v3.2.0
kind: DataContract
id: urn:datacontract:orders:orders-events-v1
name: orders.events.v1
version: 1.0.0
status: active
domain: orders
tenant: retail
tags:
  - orders
  - events
description:
  purpose: Every change in an order's life (placed, shipped, cancelled), as it happens.
  usage: Stream processing, fulfilment dashboards and near-real-time revenue reporting.
  limitations: Events may arrive out of order across partitions; deduplicate on event_id.

team:
  name: orders-team
  description: Owns checkout, order management and the order event stream.
  members:
    - username: amara.okafor@example.com
      name: Amara Okafor
      role: owner
    - username: lukas.brandt@example.com
      name: Lukas Brandt
      role: data steward

support:
  - channel: "#orders-data"
    tool: slack
    scope: interactive
    url: https://example.slack.com/archives/orders-data
  - channel: orders-team@example.com
    tool: email
    scope: issues

servers:
  - server: orders-kafka-prod
    type: kafka
    environment: prod
    host: kafka-1.prod.example.com:9092
    format: avro
    description: Production Kafka cluster of the Orders domain.

schema:
  - id: order_events
    name: order_events
    physicalName: orders.events.v1
    physicalType: topic
    businessName: Order events
    description: One message per change of an order's state.
    dataGranularityDescription: One row per order state change.
    properties:
      - id: event_id
        name: event_id
        logicalType: string
        physicalType: string
        description: Unique id of the event, used for deduplication.
        primaryKey: true
        primaryKeyPosition: 1
        required: true
        unique: true
        logicalTypeOptions:
          format: uuid
      - id: event_type
        name: event_type
        logicalType: string
        physicalType: string
        description: "What happened: ORDER_PLACED, ORDER_SHIPPED or ORDER_CANCELLED."
        required: true
        enum:
          - value: ORDER_PLACED
            label: Order placed
          - value: ORDER_SHIPPED
            label: Order shipped
          - value: ORDER_CANCELLED
            label: Order cancelled
        quality:
          - type: sql
            description: Only the three known event types occur.
            query: >-
              SELECT COUNT(*) FROM order_events
              WHERE event_type NOT IN ('ORDER_PLACED', 'ORDER_SHIPPED', 'ORDER_CANCELLED')
            mustBe: 0
            dimension: conformity
      - id: order_id
        name: order_id
        logicalType: string
        physicalType: string
        description: The order the event belongs to.
        required: true
        criticalDataElement: true
      - id: customer_id
        name: customer_id
        logicalType: string
        physicalType: string
        description: The customer who placed the order.
        required: true
        classification: restricted
      - id: occurred_at
        name: occurred_at
        logicalType: timestamp
        physicalType: timestamp-millis
        description: When the change happened, in UTC.
        required: true
        logicalTypeOptions:
          timezone: true
          defaultTimezone: UTC
      - id: order_total
        name: order_total
        logicalType: number
        physicalType: decimal(12,2)
        description: Order total in the order's currency, including tax.
        required: false
        semanticType: measure
        logicalTypeOptions:
          minimum: 0
      - id: currency
        name: currency
        logicalType: string
        physicalType: string
        description: ISO 4217 currency code.
        logicalTypeOptions:
          pattern: "^[A-Z]{3}$"
      - id: line_items
        name: line_items
        logicalType: array
        description: The ordered articles (on ORDER_PLACED only).
        items:
          logicalType: object
          properties:
            - name: sku
              logicalType: string
              required: true
            - name: quantity
              logicalType: integer
              logicalTypeOptions:
                minimum: 1
      - id: cancellation_reason
        name: cancellation_reason
        logicalType: string
        description: Why the order was cancelled (on ORDER_CANCELLED only).
    quality:
      - type: library
        metric: duplicateValues
        arguments:
          properties:
            - event_id
        mustBe: 0
        unit: rows
        dimension: uniqueness
        description: No event is published twice.
      - type: library
        metric: rowCount
        mustBeGreaterThan: 0
        schedule: "0 * * * *"
        scheduler: cron
        dimension: completeness
        description: Events keep flowing every hour.

slaProperties:
  - property: latency
    value: 5
    unit: m
    element: order_events.occurred_at
    description: Freshness — an event is on the topic at most 5 minutes after it occurred.
  - property: retention
    value: 30
    unit: d
  - property: availability
    value: 99.9%
    description: Monthly availability of the topic.

roles:
  - role: orders_events_reader
    access: read
    firstLevelApprovers: orders-team
"##,
};

pub const ODPS_EXAMPLE: Template = Template {
    id: "odps-orders-product",
    title: "Data product manifest (ODPS v1.1.0)",
    description: "The Orders domain's data product: an input port, the orders.events.v1 output port under its contract, a management port and the owning team.",
    file_name: "orders.odps.yaml",
    text: r##"# The Orders data product: what it reads, what it serves, who owns it.
apiVersion: v1.1.0
kind: DataProduct
id: urn:dataproduct:orders
name: orders
version: 1.0.0
status: active
domain: orders
type: sourceAligned
description:
  purpose: Order lifecycle data for fulfilment, finance and analytics.
  usage: Subscribe to the order events; read the contract before depending on a field.

inputPorts:
  - id: checkout-events
    name: checkout-events
    version: 2.1.0
    contractId: urn:datacontract:checkout:checkout-events-v2

outputPorts:
  - id: orders-events
    name: orders-events
    description: Every change in an order's life, as it happens.
    type: topic
    version: 1.0.0
    contractId: urn:datacontract:orders:orders-events-v1

managementPorts:
  - name: orders-observability
    content: observability
    type: rest
    url: https://orders.example.com/metrics

support:
  - channel: "#orders-data"
    url: https://example.slack.com/archives/orders-data
    tool: slack

team:
  name: orders-team
  members:
    - username: amara.okafor@example.com
      role: owner
    - username: lukas.brandt@example.com
      role: data steward
"##,
};

/// Every template, in the order "New" shows them.
pub const POLICY: Template = Template {
    id: "charter-policy",
    title: "Governance policy",
    description: "The rules every contract and manifest in the workspace is linted against: naming, PII classification, SLAs, support, team ownership, status.",
    file_name: "charter-policy.yaml",
    text: crate::lint::policy::TEMPLATE,
};

pub const ALL: &[Template] = &[BLANK_ODCS, ORDERS_EXAMPLE, ODPS_EXAMPLE, POLICY];

pub fn by_id(id: &str) -> Option<&'static Template> {
    ALL.iter().find(|t| t.id == id)
}

/// What "New contract" asks for. Blank answers are left out of the contract (the
/// checks then say what is missing), except the name and the table, which get defaults.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
pub struct NewContract {
    /// The contract's name, e.g. `orders.events.v1`.
    pub name: String,
    /// The business domain, e.g. `orders`.
    pub domain: String,
    /// The owning team, e.g. `orders-team`.
    pub team: String,
    /// The first table (schema object), e.g. `orders`.
    pub table: String,
}

/// Where the next column of a [`new_contract`] is typed: the end of its first column.
pub fn next_column_at(text: &str) -> Option<usize> {
    text.find("        required: true\n")
        .map(|i| i + "        required: true".len())
}

/// A valid ODCS v3.2.0 contract from the answers of "New contract": the fundamentals,
/// the owning team and the first table with a key column, with comments saying what to
/// add next. Every answer is written as a string, quoted where YAML needs it.
pub fn new_contract(n: &NewContract) -> String {
    use crate::yaml::Scalar;
    let text = |s: &str| crate::edit::render(&Scalar::Str(s.trim().into()));
    let or = |s: &str, default: &str| {
        if s.trim().is_empty() {
            default.to_string()
        } else {
            s.trim().to_string()
        }
    };
    let name = or(&n.name, "my.dataset.v1");
    let table = or(&n.table, "my_table");
    // A stable id from the name: letters, digits and dashes.
    let id: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let id = if id.is_empty() {
        "my-dataset".into()
    } else {
        id
    };
    let mut out = String::from("apiVersion: v3.2.0\nkind: DataContract\n");
    out.push_str(&format!(
        "id: {}\nname: {}\nversion: 0.1.0\nstatus: draft\n",
        text(&id),
        text(&name)
    ));
    if !n.domain.trim().is_empty() {
        out.push_str(&format!("domain: {}\n", text(&n.domain)));
    }
    if !n.team.trim().is_empty() {
        out.push_str(&format!("team:\n  name: {}\n", text(&n.team)));
    }
    out.push_str(&format!(
        "schema:\n  - name: {}\n    physicalType: table\n    # Next: one entry per column under `properties` (name, logicalType, required).\n    properties:\n      - name: id\n        logicalType: string\n        primaryKey: true\n        required: true\n",
        text(&table)
    ));
    out.push_str(
        "# Then: a support channel (`support`) and a freshness promise (`slaProperties`).\n",
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_contract_is_valid_whatever_the_answers() {
        let answers = [
            ("orders.events.v1", "orders", "orders-team", "orders"),
            ("", "", "", ""),
            ("yes", "no", "2024-01-01", "null"),
            ("a: b # c", "[x]", "{y}", "- z"),
            ("  Bestellungen Übersicht ✓ ", "'q'", "\"dq\"", "tab\there"),
        ];
        for (name, domain, team, table) in answers {
            let n = NewContract {
                name: name.into(),
                domain: domain.into(),
                team: team.into(),
                table: table.into(),
            };
            let text = new_contract(&n);
            let r = crate::check(&text);
            assert!(r.is_valid(), "{text}\n{:#?}", r.diagnostics);
            // The answers are the values, as typed (trimmed), whatever YAML makes of them.
            let root = crate::yaml::parse(&text).root.unwrap();
            if !name.trim().is_empty() {
                assert_eq!(root.get("name").and_then(|v| v.as_str()), Some(name.trim()));
            }
            let table_name = root
                .get("schema")
                .and_then(|s| s.as_seq())
                .and_then(|s| s[0].get("name"))
                .and_then(|v| v.as_str());
            assert_eq!(
                table_name,
                Some(if table.is_empty() {
                    "my_table"
                } else {
                    table.trim()
                })
            );
            if !team.is_empty() {
                let t = root
                    .get("team")
                    .and_then(|t| t.get("name"))
                    .and_then(|v| v.as_str());
                assert_eq!(t, Some(team.trim()));
            }
            assert_eq!(
                root.get("domain").and_then(|v| v.as_str()),
                (!domain.is_empty()).then_some(domain.trim())
            );
        }
        // With every answer, only the hints of what to add next remain.
        let text = new_contract(&NewContract {
            name: "orders.events.v1".into(),
            domain: "orders".into(),
            team: "orders-team".into(),
            table: "orders".into(),
        });
        let r = crate::check(&text);
        let ids: Vec<&str> = r.diagnostics.iter().map(|d| d.code.id).collect();
        assert!(
            r.diagnostics
                .iter()
                .all(|d| d.severity == crate::Severity::Info),
            "{ids:?}"
        );
        assert!(
            ids.contains(&"support-channel") && ids.contains(&"freshness-sla"),
            "{ids:?}"
        );
        assert!(text.starts_with("apiVersion: v3.2.0\nkind: DataContract\nid: orders-events-v1\nname: orders.events.v1\n"), "{text}");
    }

    #[test]
    fn every_template_is_valid_without_warnings() {
        for t in ALL {
            let r = crate::check(t.text);
            // The blank contract gets the governance hints (team, support, SLA) as info.
            let loud: Vec<_> = r
                .diagnostics
                .iter()
                .filter(|d| t.id != BLANK_ODCS.id || d.severity != crate::Severity::Info)
                .collect();
            assert!(loud.is_empty(), "{}: {:#?}", t.id, r.diagnostics);
        }
    }
}

/// The file name to offer when downloading a document: its `name` (or `id`) made safe
/// for file systems, with the standard's extension.
pub fn suggested_file_name(root: Option<&crate::yaml::Node>) -> String {
    if root.is_some_and(crate::lint::policy::is_policy) {
        return POLICY.file_name.to_string();
    }
    let stem = root
        .and_then(|r| r.get("name").or_else(|| r.get("id")))
        .and_then(|n| n.as_str())
        .map(|s| {
            s.chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || "._-".contains(c) {
                        c
                    } else {
                        '-'
                    }
                })
                .collect::<String>()
        })
        .map(|s| s.trim_matches(['-', '.']).to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "contract".to_string());
    let ext = match root.and_then(|r| r.get("kind")).and_then(|k| k.as_str()) {
        Some("DataProduct") => ".odps.yaml",
        _ => ".odcs.yaml",
    };
    format!("{stem}{ext}")
}

#[cfg(test)]
mod name_tests {
    use super::*;

    #[test]
    fn file_names() {
        let doc = crate::yaml::parse("name: orders.events.v1\n");
        assert_eq!(
            suggested_file_name(doc.root.as_ref()),
            "orders.events.v1.odcs.yaml"
        );
        let doc = crate::yaml::parse("id: urn:x:y\n");
        assert_eq!(suggested_file_name(doc.root.as_ref()), "urn-x-y.odcs.yaml");
        assert_eq!(suggested_file_name(None), "contract.odcs.yaml");
    }
}

//! Avro schemas of a contract's schema objects: a record per object (an array of records
//! for several), optional fields as `["null", T]` with a `null` default, logical types for
//! dates (`date`), timestamps (`timestamp-millis`) and times (`time-millis`), nested
//! records for objects, arrays, maps and enums. Names Avro refuses (`order-id`) are made
//! valid (`order_id`) and the written name kept in `aliases`.

use super::text;
use crate::yaml::{Node, NodeKind, Scalar};
use serde_json::{json, Map, Value};

/// A valid Avro name: letters, digits and `_`, not starting with a digit.
fn avro_name(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// The namespace: the contract's domain, else its id, as dotted Avro names.
fn namespace(root: &Node) -> Option<String> {
    let raw = text(root.get("domain")).or_else(|| text(root.get("id")))?;
    let parts: Vec<String> = raw
        .split(['.', ':', '/'])
        .filter(|p| !p.is_empty())
        .map(avro_name)
        .collect();
    (!parts.is_empty()).then(|| parts.join("."))
}

pub fn schema(root: &Node) -> Value {
    let ns = namespace(root);
    let records: Vec<Value> = super::schema_nodes(root)
        .iter()
        .filter_map(|o| {
            let name = text(o.get("name"))?;
            let mut r = record(&name, o, 0);
            if let (Some(ns), Value::Object(m)) = (&ns, &mut r) {
                m.insert("namespace".into(), ns.clone().into());
            }
            if let (Some(d), Value::Object(m)) = (super::description(o), &mut r) {
                m.insert("doc".into(), d.into());
            }
            Some(r)
        })
        .collect();
    match <[Value; 1]>::try_from(records) {
        Ok([one]) => one,
        Err(many) => Value::Array(many),
    }
}

fn record(name: &str, n: &Node, depth: usize) -> Value {
    let fields: Vec<Value> = n
        .get("properties")
        .and_then(Node::as_seq)
        .unwrap_or(&[])
        .iter()
        .filter_map(|p| {
            let written = text(p.get("name"))?;
            let required = matches!(
                p.get("required").map(|r| &r.kind),
                Some(NodeKind::Scalar(Scalar::Bool(true)))
            ) || matches!(
                p.get("primaryKey").map(|r| &r.kind),
                Some(NodeKind::Scalar(Scalar::Bool(true)))
            );
            let ty = field_type(&format!("{name}_{}", avro_name(&written)), p, depth + 1);
            let mut f = Map::new();
            let valid = avro_name(&written);
            f.insert("name".into(), valid.clone().into());
            if valid != written {
                f.insert("aliases".into(), json!([written]));
            }
            if required {
                f.insert("type".into(), ty);
            } else {
                f.insert("type".into(), json!(["null", ty]));
                f.insert("default".into(), Value::Null);
            }
            if let Some(d) = text(p.get("description")) {
                f.insert("doc".into(), d.into());
            }
            Some(Value::Object(f))
        })
        .collect();
    json!({ "type": "record", "name": avro_name(name), "fields": fields })
}

fn field_type(name: &str, p: &Node, depth: usize) -> Value {
    if depth > crate::yaml::NESTING_LIMIT {
        return json!("string");
    }
    let symbols: Vec<String> = p
        .get("enum")
        .and_then(Node::as_seq)
        .unwrap_or(&[])
        .iter()
        .filter_map(|e| text(e.get("value")))
        .collect();
    let symbols_ok = !symbols.is_empty() && symbols.iter().all(|s| avro_name(s) == *s);
    match text(p.get("logicalType")).as_deref() {
        Some("string") if symbols_ok => {
            json!({ "type": "enum", "name": avro_name(name), "symbols": symbols })
        }
        Some("integer") => json!("long"),
        Some("number") => json!("double"),
        Some("boolean") => json!("boolean"),
        Some("date") => json!({ "type": "int", "logicalType": "date" }),
        Some("timestamp") => json!({ "type": "long", "logicalType": "timestamp-millis" }),
        Some("time") => json!({ "type": "int", "logicalType": "time-millis" }),
        Some("object") if p.get("properties").is_some() => record(name, p, depth),
        Some("object") | Some("map") => json!({ "type": "map", "values": "string" }),
        Some("array") => {
            let items = p
                .get("items")
                .map(|i| field_type(&format!("{name}_item"), i, depth + 1))
                .unwrap_or_else(|| json!("string"));
            json!({ "type": "array", "items": items })
        }
        _ => json!("string"),
    }
}

//! Avro schemas of a contract's schema objects: a record per object (an array of records
//! for several), optional fields as `["null", T]` with a `null` default, logical types for
//! dates (`date`), timestamps (`timestamp-millis`), times (`time-millis`) and decimals
//! (`bytes` with `decimal`, from a `decimal(p,s)` physical type), nested
//! records for objects, arrays, maps and enums. Names Avro refuses (`order-id`) are made
//! valid (`order_id`) and the written name kept in `aliases`. A record's primary key is
//! written as `x-primaryKey` (Avro keeps attributes it doesn't define as metadata).

use super::text;
use crate::yaml::{Node, NodeKind, Scalar};
use serde_json::{json, Map, Value};

/// A valid Avro name: letters, digits and `_`, not starting with a digit.
pub(crate) fn avro_name(s: &str) -> String {
    super::word_name(s)
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

/// The record of the object `name` alone.
pub fn record_of(root: &Node, name: &str) -> Option<Value> {
    let o = super::schema_nodes(root)
        .iter()
        .find(|o| text(o.get("name")).as_deref() == Some(name))?;
    top_record(o, namespace(root).as_deref())
}

pub fn schema(root: &Node) -> Value {
    let ns = namespace(root);
    let records: Vec<Value> = super::schema_nodes(root)
        .iter()
        .filter_map(|o| top_record(o, ns.as_deref()))
        .collect();
    match <[Value; 1]>::try_from(records) {
        Ok([one]) => one,
        Err(many) => Value::Array(many),
    }
}

fn top_record(o: &Node, ns: Option<&str>) -> Option<Value> {
    let name = text(o.get("name"))?;
    let mut r = record(&name, o, 0);
    if let Value::Object(m) = &mut r {
        if let Some(ns) = ns {
            m.insert("namespace".into(), ns.into());
        }
        if let Some(d) = super::description(o) {
            m.insert("doc".into(), d.into());
        }
        let keys = super::key_names(o);
        if !keys.is_empty() {
            m.insert("x-primaryKey".into(), json!(keys));
        }
    }
    Some(r)
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
    let symbols: Vec<String> = super::enum_values(p)
        .filter_map(|v| text(Some(v)))
        .collect();
    let symbols_ok = !symbols.is_empty() && symbols.iter().all(|s| avro_name(s) == *s);
    match text(p.get("logicalType")).as_deref() {
        Some("string") if symbols_ok => {
            json!({ "type": "enum", "name": avro_name(name), "symbols": symbols })
        }
        Some("integer") => json!("long"),
        Some("number") => match decimal(p) {
            Some((precision, scale)) => json!({
                "type": "bytes",
                "logicalType": "decimal",
                "precision": precision,
                "scale": scale
            }),
            None => json!("double"),
        },
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

/// `decimal(p,s)` / `numeric(p,s)` / `number(p,s)` as a physical type: its precision and
/// scale (Avro's `decimal` logical type).
fn decimal(p: &Node) -> Option<(u64, u64)> {
    let t = text(p.get("physicalType"))?
        .to_ascii_lowercase()
        .replace(' ', "");
    let args = ["decimal(", "numeric(", "number("]
        .iter()
        .find_map(|pre| t.strip_prefix(pre))?
        .strip_suffix(')')?;
    let mut parts = args.split(',');
    let precision: u64 = parts.next()?.parse().ok()?;
    let scale: u64 = match parts.next() {
        Some(s) => s.parse().ok()?,
        None => 0,
    };
    (precision > 0 && scale <= precision).then_some((precision, scale))
}

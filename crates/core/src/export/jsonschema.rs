//! JSON Schema (draft 2020-12) of a contract's schema: one document whose `$defs` hold a
//! schema per object; rows of an object validate against `#/$defs/<object>`. Or one
//! object's schema alone ([`object_schema`], `--object`). Optional
//! properties also accept `null`; `enum`, lengths, patterns, ranges and formats (`date`,
//! `date-time`, `time`) carry over; nested objects and arrays nest (to
//! [`crate::yaml::NESTING_LIMIT`] levels). An object's primary key is written as
//! `x-primaryKey` (an annotation validators ignore; the import reads it back).

use super::text;
use crate::yaml::{Node, NodeKind, Scalar};
use serde_json::{json, Map, Value};

/// The schema of one object: its properties, required ones, description and key.
fn top_object(o: &Node) -> Value {
    let mut s = object(o, 0);
    if let Value::Object(m) = &mut s {
        if let Some(d) = super::description(o) {
            m.insert("description".into(), d.into());
        }
        let keys = super::key_names(o);
        if !keys.is_empty() {
            m.insert("x-primaryKey".into(), json!(keys));
        }
    }
    s
}

/// `$schema`, `$id` (the contract's id when it is a URN or URL, else `urn:charter:<id>`;
/// `/<object>` for one object's), `title`, `version`.
fn header(root: &Node, object: Option<&str>) -> Map<String, Value> {
    let mut doc = Map::new();
    doc.insert(
        "$schema".into(),
        "https://json-schema.org/draft/2020-12/schema".into(),
    );
    if let Some(id) = text(root.get("id")) {
        // An id that is a URN or URL already is the schema's id as it is.
        let base = if id.starts_with("urn:") || id.contains("://") {
            id
        } else {
            format!("urn:charter:{id}")
        };
        let id = match object {
            Some(o) => format!("{base}/{o}"),
            None => base,
        };
        doc.insert("$id".into(), id.into());
    }
    if let Some(n) = object
        .map(str::to_string)
        .or_else(|| text(root.get("name")))
    {
        doc.insert("title".into(), n.into());
    }
    if let Some(v) = text(root.get("version")) {
        doc.insert("version".into(), v.into());
    }
    doc
}

/// The standalone JSON Schema of the object `name` ("one schema per object").
pub fn object_schema(root: &Node, name: &str) -> Option<Value> {
    let o = super::schema_nodes(root)
        .iter()
        .find(|o| text(o.get("name")).as_deref() == Some(name))?;
    let mut doc = header(root, Some(name));
    if let Value::Object(m) = top_object(o) {
        doc.extend(m);
    }
    Some(Value::Object(doc))
}

/// The JSON Schema of a contract's schema objects.
pub fn schema(root: &Node) -> Value {
    let mut defs = Map::new();
    for o in super::schema_nodes(root) {
        let Some(name) = text(o.get("name")) else {
            continue;
        };
        defs.insert(name, top_object(o));
    }
    let mut doc = header(root, None);
    // A contract with one object: its rows validate against the document itself.
    if defs.len() == 1 {
        let only = defs.keys().next().cloned().unwrap_or_default();
        doc.insert(
            "$ref".into(),
            format!("#/$defs/{}", pointer_escape(&only)).into(),
        );
    } else if !defs.is_empty() {
        doc.insert(
            "anyOf".into(),
            Value::Array(
                defs.keys()
                    .map(|k| json!({ "$ref": format!("#/$defs/{}", pointer_escape(k)) }))
                    .collect(),
            ),
        );
    }
    doc.insert("$defs".into(), Value::Object(defs));
    Value::Object(doc)
}

fn pointer_escape(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// An object with `properties`: each property's schema, and the required ones.
fn object(n: &Node, depth: usize) -> Value {
    let mut props = Map::new();
    let mut required = Vec::new();
    for p in n.get("properties").and_then(Node::as_seq).unwrap_or(&[]) {
        let Some(name) = text(p.get("name")) else {
            continue;
        };
        let req = matches!(
            p.get("required").map(|r| &r.kind),
            Some(NodeKind::Scalar(Scalar::Bool(true)))
        ) || matches!(
            p.get("primaryKey").map(|r| &r.kind),
            Some(NodeKind::Scalar(Scalar::Bool(true)))
        );
        if req {
            required.push(Value::String(name.clone()));
        }
        props.insert(name, property(p, !req, depth + 1));
    }
    let mut m = Map::new();
    m.insert("type".into(), "object".into());
    m.insert("properties".into(), Value::Object(props));
    if !required.is_empty() {
        m.insert("required".into(), Value::Array(required));
    }
    Value::Object(m)
}

/// A property's schema; `nullable`: it may also be null.
fn property(p: &Node, nullable: bool, depth: usize) -> Value {
    let mut m = Map::new();
    if depth > crate::yaml::NESTING_LIMIT {
        return Value::Object(m);
    }
    let logical = text(p.get("logicalType")).unwrap_or_default();
    let opts = p.get("logicalTypeOptions");
    let opt = |k: &str| opts.and_then(|o| o.get(k)).map(Node::to_json);
    let (ty, format) = match logical.as_str() {
        "string" => (
            "string",
            opt("format").and_then(|f| f.as_str().map(str::to_string)),
        ),
        "integer" => ("integer", None),
        "number" => ("number", None),
        "boolean" => ("boolean", None),
        "date" => ("string", Some("date".to_string())),
        "timestamp" => ("string", Some("date-time".to_string())),
        "time" => ("string", Some("time".to_string())),
        "object" | "map" => ("object", None),
        "array" => ("array", None),
        _ => ("", None),
    };
    if !ty.is_empty() {
        m.insert(
            "type".into(),
            if nullable {
                json!([ty, "null"])
            } else {
                json!(ty)
            },
        );
    }
    if let Some(f) = format {
        m.insert("format".into(), f.into());
    }
    if let Some(d) = text(p.get("description")) {
        m.insert("description".into(), d.into());
    }
    match ty {
        "string" => {
            for k in ["maxLength", "minLength", "pattern"] {
                if let Some(v) = opt(k) {
                    m.insert(k.into(), v);
                }
            }
        }
        "integer" | "number" => {
            for k in [
                "minimum",
                "maximum",
                "exclusiveMinimum",
                "exclusiveMaximum",
                "multipleOf",
            ] {
                if let Some(v) = opt(k).filter(|v| v.is_number()) {
                    m.insert(k.into(), v);
                }
            }
        }
        "object" if p.get("properties").is_some() => {
            if let Value::Object(inner) = object(p, depth) {
                for (k, v) in inner {
                    if k != "type" {
                        m.insert(k, v);
                    }
                }
            }
        }
        "array" => {
            if let Some(items) = p.get("items") {
                m.insert("items".into(), property(items, false, depth + 1));
            }
            for k in ["minItems", "maxItems", "uniqueItems"] {
                if let Some(v) = opt(k) {
                    m.insert(k.into(), v);
                }
            }
        }
        _ => {}
    }
    let values: Vec<Value> = super::enum_values(p).map(Node::to_json).collect();
    if !values.is_empty() {
        let mut values = values;
        if nullable {
            values.push(Value::Null);
        }
        m.insert("enum".into(), Value::Array(values));
    }
    Value::Object(m)
}

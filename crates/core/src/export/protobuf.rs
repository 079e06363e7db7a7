//! Protocol Buffers (proto3) of a contract's schema: a message per object, fields numbered
//! in order, optional fields `optional`, timestamps as `google.protobuf.Timestamp`, nested
//! messages for objects, `repeated` for arrays, `map<string, string>` for maps, and an
//! enum (with its `_UNSPECIFIED` zero) for `enum` values.

use super::text;
use crate::yaml::{Node, NodeKind, Scalar};

fn camel(s: &str) -> String {
    let mut out = String::new();
    let mut up = true;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if up {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            up = false;
        } else {
            up = true;
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'M');
    }
    out
}

fn snake(s: &str) -> String {
    super::word_name(s).to_ascii_lowercase()
}

fn upper(s: &str) -> String {
    snake(s).to_ascii_uppercase()
}

fn flag(n: Option<&Node>) -> bool {
    matches!(
        n.map(|n| &n.kind),
        Some(NodeKind::Scalar(Scalar::Bool(true)))
    )
}

pub fn proto(root: &Node) -> String {
    let mut body = String::new();
    let mut timestamp = false;
    for o in super::schema_nodes(root) {
        let Some(name) = text(o.get("name")) else {
            continue;
        };
        if let Some(d) = super::description(o) {
            body.push_str(&format!("\n// {}", d.replace('\n', " ")));
        }
        body.push('\n');
        message(&mut body, &camel(&name), o, 0, &mut timestamp);
    }
    let package = text(root.get("domain"))
        .or_else(|| text(root.get("id")))
        .map(|p| {
            p.split(['.', ':', '/', '-'])
                .filter(|x| !x.is_empty())
                .map(snake)
                .collect::<Vec<_>>()
                .join(".")
        })
        .unwrap_or_else(|| "contract".into());
    let mut out = format!(
        "// {} {}: written by Charter from the data contract.\nsyntax = \"proto3\";\n\npackage {package};\n",
        text(root.get("name")).unwrap_or_default(),
        text(root.get("version")).unwrap_or_default()
    );
    if timestamp {
        out.push_str("\nimport \"google/protobuf/timestamp.proto\";\n");
    }
    out.push_str(&body);
    out
}

fn message(out: &mut String, name: &str, n: &Node, depth: usize, timestamp: &mut bool) {
    let pad = "  ".repeat(depth);
    out.push_str(&format!("{pad}message {name} {{\n"));
    let mut number = 0;
    for p in n.get("properties").and_then(Node::as_seq).unwrap_or(&[]) {
        let Some(field) = text(p.get("name")) else {
            continue;
        };
        number += 1;
        let required = flag(p.get("required")) || flag(p.get("primaryKey"));
        let ty = field_type(out, &field, p, depth + 1, timestamp);
        let (label, ty) = match ty.strip_prefix("repeated ") {
            Some(t) => ("repeated ".to_string(), t.to_string()),
            None if ty.starts_with("map<") => (String::new(), ty),
            None if !required => ("optional ".to_string(), ty),
            None => (String::new(), ty),
        };
        let comment = text(p.get("description"))
            .map(|d| format!("  // {}", d.replace('\n', " ")))
            .unwrap_or_default();
        out.push_str(&format!(
            "{pad}  {label}{ty} {} = {number};{comment}\n",
            snake(&field)
        ));
    }
    out.push_str(&format!("{pad}}}\n"));
}

/// A field's type; nested messages and enums are written into `out` first.
fn field_type(
    out: &mut String,
    field: &str,
    p: &Node,
    depth: usize,
    timestamp: &mut bool,
) -> String {
    if depth > crate::yaml::NESTING_LIMIT {
        return "string".into();
    }
    let pad = "  ".repeat(depth);
    let values: Vec<String> = super::enum_values(p)
        .filter_map(|v| text(Some(v)))
        .collect();
    match text(p.get("logicalType")).as_deref() {
        Some("string") if !values.is_empty() => {
            let name = camel(field);
            let prefix = upper(field);
            out.push_str(&format!(
                "{pad}enum {name} {{\n{pad}  {prefix}_UNSPECIFIED = 0;\n"
            ));
            for (i, v) in values.iter().enumerate() {
                out.push_str(&format!("{pad}  {prefix}_{} = {};\n", upper(v), i + 1));
            }
            out.push_str(&format!("{pad}}}\n"));
            name
        }
        Some("integer") => "int64".into(),
        Some("number") => "double".into(),
        Some("boolean") => "bool".into(),
        Some("timestamp") => {
            *timestamp = true;
            "google.protobuf.Timestamp".into()
        }
        Some("object") if p.get("properties").is_some() => {
            let name = camel(field);
            message(out, &name, p, depth, timestamp);
            name
        }
        Some("object") | Some("map") => "map<string, string>".into(),
        Some("array") => {
            let item = p
                .get("items")
                .map(|i| field_type(out, &format!("{field}_item"), i, depth, timestamp))
                .unwrap_or_else(|| "string".into());
            if item.starts_with("map<") {
                "repeated string".into()
            } else {
                format!("repeated {item}")
            }
        }
        _ => "string".into(),
    }
}

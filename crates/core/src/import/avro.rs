//! Avro schemas to an ODCS v3.2.0 contract: a schema object per top-level record (a
//! record, or a union of them), a property per field. A union with `null` makes a field
//! optional; logical types give dates (`date`), times (`time-*`), timestamps
//! (`timestamp-*`, `local-timestamp-*`), decimals (`number`, `physicalType:
//! decimal(p,s)`) and uuids (`format: uuid`); enums give `enum`; nested records give
//! nested properties, arrays their `items`, maps an `object`. Named types defined earlier
//! are found again by name. A field's first alias is its written name (Charter's export
//! keeps names Avro refuses, such as `order-id`, there). The namespace becomes the
//! contract's `domain`; `x-primaryKey` on a record (Charter's export) its key.

use super::{id_of, Contract, Object, Prop, Y};
use serde_json::Value;
use std::collections::HashMap;

#[derive(Default)]
struct Names<'a> {
    /// Named types (records, enums, fixed) by full and short name.
    known: HashMap<String, &'a Value>,
    /// The records being expanded: a field of a record's own type (a linked list, a tree)
    /// is written as an object without properties.
    path: Vec<*const Value>,
    budget: super::Budget,
}

impl<'a> Names<'a> {
    fn learn(&mut self, s: &'a Value, namespace: Option<&str>) {
        let Some(name) = s.get("name").and_then(Value::as_str) else {
            return;
        };
        let ns = s.get("namespace").and_then(Value::as_str).or(namespace);
        self.known.insert(name.to_string(), s);
        if let Some(ns) = ns.filter(|n| !n.is_empty() && !name.contains('.')) {
            self.known.insert(format!("{ns}.{name}"), s);
        }
    }

    fn get(&self, name: &str) -> Option<&'a Value> {
        self.known
            .get(name)
            .or_else(|| self.known.get(name.rsplit('.').next().unwrap_or(name)))
            .copied()
    }
}

/// A field's type without its `null`, and whether `null` was among the union's types.
fn without_null(t: &Value) -> (Option<&Value>, bool, usize) {
    match t {
        Value::Array(alts) => {
            let rest: Vec<&Value> = alts.iter().filter(|a| a.as_str() != Some("null")).collect();
            let nullable = rest.len() < alts.len();
            (
                rest.first().copied().filter(|_| rest.len() == 1),
                nullable,
                rest.len(),
            )
        }
        Value::String(s) if s == "null" => (None, true, 0),
        other => (Some(other), false, 1),
    }
}

/// Fills `p`'s type from the Avro type `t`.
fn type_into<'a>(
    p: &mut Prop,
    t: &'a Value,
    names: &mut Names<'a>,
    namespace: Option<&str>,
    depth: usize,
) {
    let named = match t {
        Value::String(s) => names.get(s),
        _ => None,
    };
    let t = named.unwrap_or(t);
    let ty = match t {
        Value::String(s) => s.as_str(),
        Value::Object(m) => m.get("type").and_then(Value::as_str).unwrap_or(""),
        Value::Array(_) => {
            p.logical = "string";
            p.custom.push(("avroType".into(), t.clone()));
            return;
        }
        _ => "",
    };
    let logical = t.get("logicalType").and_then(Value::as_str);
    p.logical = match (ty, logical) {
        (_, Some("date")) => "date",
        (_, Some("time-millis" | "time-micros")) => "time",
        (
            _,
            Some(
                "timestamp-millis"
                | "timestamp-micros"
                | "timestamp-nanos"
                | "local-timestamp-millis"
                | "local-timestamp-micros"
                | "local-timestamp-nanos",
            ),
        ) => "timestamp",
        (_, Some("decimal")) => {
            let precision = t.get("precision").and_then(Value::as_u64);
            let scale = t.get("scale").and_then(Value::as_u64).unwrap_or(0);
            if let Some(pr) = precision {
                p.physical = Some(format!("decimal({pr},{scale})"));
            }
            "number"
        }
        (_, Some("uuid")) => {
            p.options.push(("format".into(), "uuid".into()));
            "string"
        }
        ("boolean", _) => "boolean",
        ("int", _) => {
            p.options.push(("format".into(), "i32".into()));
            "integer"
        }
        ("long", _) => "integer",
        ("float", _) => {
            p.options.push(("format".into(), "f32".into()));
            "number"
        }
        ("double", _) => "number",
        ("record" | "error", _) => {
            names.learn(t, namespace);
            let me = t as *const Value;
            if !names.path.contains(&me)
                && names.budget.take()
                && depth < crate::yaml::NESTING_LIMIT / 4
            {
                names.path.push(me);
                p.properties = fields(t, names, namespace, depth + 1);
                names.path.pop();
            }
            "object"
        }
        ("enum", _) => {
            names.learn(t, namespace);
            p.enum_values = t
                .get("symbols")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            "string"
        }
        ("array", _) => {
            if depth < crate::yaml::NESTING_LIMIT / 4 {
                if let Some(items) = t.get("items") {
                    let mut item = Prop::default();
                    type_into(&mut item, items, names, namespace, depth + 1);
                    p.items = Some(Box::new(item));
                }
            }
            "array"
        }
        ("map", _) => "object",
        ("fixed", _) => {
            names.learn(t, namespace);
            p.custom.push(("avroType".into(), "fixed".into()));
            "string"
        }
        ("bytes", _) => {
            p.custom.push(("avroType".into(), "bytes".into()));
            "string"
        }
        _ => "string",
    };
}

fn fields<'a>(
    record: &'a Value,
    names: &mut Names<'a>,
    namespace: Option<&str>,
    depth: usize,
) -> Vec<Prop> {
    let ns = record
        .get("namespace")
        .and_then(Value::as_str)
        .or(namespace)
        .map(str::to_string);
    let mut out = Vec::new();
    for f in record
        .get("fields")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let Some(valid) = f.get("name").and_then(Value::as_str) else {
            continue;
        };
        // Charter's export keeps a name Avro refuses as the field's alias.
        let name = f
            .get("aliases")
            .and_then(Value::as_array)
            .and_then(|a| a.first())
            .and_then(Value::as_str)
            .filter(|a| crate::export::avro::avro_name(a) == valid)
            .unwrap_or(valid);
        let mut p = Prop {
            name: name.to_string(),
            description: f.get("doc").and_then(Value::as_str).map(str::to_string),
            ..Prop::default()
        };
        let t = f.get("type").unwrap_or(&Value::Null);
        let (inner, nullable, kinds) = without_null(t);
        match inner {
            Some(inner) => type_into(&mut p, inner, names, ns.as_deref(), depth),
            None if kinds > 1 => type_into(&mut p, t, names, ns.as_deref(), depth),
            None => p.logical = "string",
        }
        p.required = !nullable;
        out.push(p);
    }
    out
}

/// The contract an Avro schema describes, as YAML; `name` names it (a file's stem).
pub fn import(text: &str, name: &str) -> Result<String, String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| {
        format!(
            "the Avro schema can't be read as JSON (line {}, column {}): {e}",
            e.line(),
            e.column()
        )
    })?;
    let tops: Vec<&Value> = match &doc {
        Value::Array(a) => a.iter().collect(),
        one => vec![one],
    };
    let mut names = Names::default();
    let mut objects = Vec::new();
    let mut namespace = None;
    for t in &tops {
        let ty = t.get("type").and_then(Value::as_str);
        if !matches!(ty, Some("record" | "error")) {
            // Enums and fixed types at the top level are named types fields may use.
            if matches!(ty, Some("enum" | "fixed")) {
                names.learn(t, None);
            }
            continue;
        }
        names.learn(t, None);
        names.path.push(*t as *const Value);
        let ns = t.get("namespace").and_then(Value::as_str);
        if namespace.is_none() {
            namespace = ns.map(str::to_string);
        }
        let mut properties = fields(t, &mut names, ns, 0);
        names.path.pop();
        super::apply_key(t, &mut properties);
        objects.push(Object {
            name: t
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or(name)
                .to_string(),
            description: t.get("doc").and_then(Value::as_str).map(str::to_string),
            properties,
            ..Object::default()
        });
    }
    if names.budget.exhausted() {
        return Err(super::too_many("Avro schema"));
    }
    if objects.is_empty() {
        return Err(
            "the Avro schema has no record: nothing to make a contract of (a contract's objects are records)"
                .into(),
        );
    }
    Ok(Contract {
        id: id_of(name),
        name: name.to_string(),
        head: namespace
            .map(|ns| vec![("domain".to_string(), Y::str(ns))])
            .unwrap_or_default(),
        objects,
        ..Contract::default()
    }
    .yaml())
}

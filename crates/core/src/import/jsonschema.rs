//! JSON Schemas to an ODCS v3.2.0 contract. The objects are:
//! - the schemas a top-level `$ref`, `anyOf` or `oneOf` points at (Charter's own export:
//!   one document with a schema per object under `$defs`);
//! - else the document itself when it describes an object (`properties`), named by its
//!   `title` or the file's name, or the items of an array of objects;
//! - else every object schema under `$defs` / `definitions`.
//!
//! A property's type comes from `type` (a `null` among the types, or an `anyOf`/`oneOf`
//! with `{"type": "null"}`, makes it optional), `format` (`date`, `date-time`, `time`) and
//! `enum`/`const`; `required` lists the required ones; lengths, patterns, ranges and
//! formats become `logicalTypeOptions`; `title` the business name; local `$ref`s are
//! followed (a cycle or more than [`crate::yaml::NESTING_LIMIT`] levels ends the nesting).
//! Charter's export writes the primary key as `x-primaryKey` on each object, read back
//! here.

use super::{id_of, options_from, Contract, Object, Prop};
use serde_json::{Map, Value};

struct Reader<'a> {
    root: &'a Value,
    /// The schemas being expanded, outermost first: a `$ref` back to one of them (a
    /// recursive type) is written as an object without properties.
    path: std::cell::RefCell<Vec<*const Value>>,
    budget: super::Budget,
}

impl<'a> Reader<'a> {
    /// A local reference's target: `#/$defs/a`, `#/definitions/a`, `#` (JSON pointer).
    fn follow(&self, r: &str) -> Option<&'a Value> {
        let p = r.strip_prefix('#')?;
        if p.is_empty() {
            return Some(self.root);
        }
        let mut at = self.root;
        for step in p.split('/').skip(1) {
            let step = step.replace("~1", "/").replace("~0", "~");
            at = match at {
                Value::Object(m) => m.get(&step)?,
                Value::Array(a) => a.get(step.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(at)
    }

    /// `s` with its `$ref`s followed (to a few levels), and whether null is allowed.
    fn resolve(&self, mut s: &'a Value) -> (&'a Value, bool) {
        let mut nullable = false;
        for _ in 0..16 {
            if let Some(target) = s
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| self.follow(r))
            {
                s = target;
                continue;
            }
            // `anyOf: [T, {type: null}]`
            let alts = s
                .get("anyOf")
                .or_else(|| s.get("oneOf"))
                .and_then(Value::as_array);
            if let Some(alts) = alts {
                let (nulls, rest): (Vec<&Value>, Vec<&Value>) = alts
                    .iter()
                    .partition(|a| a.get("type").and_then(Value::as_str) == Some("null"));
                if !nulls.is_empty() && rest.len() == 1 && s.get("type").is_none() {
                    nullable = true;
                    s = rest[0];
                    continue;
                }
            }
            break;
        }
        (s, nullable)
    }
}

/// The type named in `type` other than `null`, and whether `null` is one of them.
fn type_of(s: &Value) -> (Option<&str>, bool) {
    match s.get("type") {
        Some(Value::String(t)) => (Some(t.as_str()).filter(|t| *t != "null"), *t == "null"),
        Some(Value::Array(ts)) => {
            let names: Vec<&str> = ts.iter().filter_map(Value::as_str).collect();
            (
                names.iter().copied().find(|t| *t != "null"),
                names.contains(&"null"),
            )
        }
        _ => (None, false),
    }
}

fn text(s: &Value, key: &str) -> Option<String> {
    s.get(key)
        .and_then(Value::as_str)
        .map(str::to_string)
        .filter(|t| !t.trim().is_empty())
}

/// A property of the schema `s`; `required`: listed in its parent's `required`.
fn prop(r: &Reader, name: &str, s: &Value, required: bool, depth: usize) -> Prop {
    let (s, ref_nullable) = r.resolve(s);
    let recursive = r.path.borrow().contains(&(s as *const Value));
    let expand = !recursive && r.budget.take() && depth < crate::yaml::NESTING_LIMIT / 4;
    let (ty, null_type) = type_of(s);
    let values: Vec<Value> = s
        .get("enum")
        .and_then(Value::as_array)
        .cloned()
        .or_else(|| s.get("const").map(|c| vec![c.clone()]))
        .unwrap_or_default();
    let enum_values: Vec<Value> = values.into_iter().filter(|v| !v.is_null()).collect();
    let format = s.get("format").and_then(Value::as_str);
    let has_props = s.get("properties").is_some_and(Value::is_object);
    let logical: &'static str = match (ty, format) {
        (Some("string"), Some("date")) => "date",
        (Some("string"), Some("date-time")) => "timestamp",
        (Some("string"), Some("time")) => "time",
        (Some("integer"), _) => "integer",
        (Some("number"), _) => "number",
        (Some("boolean"), _) => "boolean",
        (Some("object"), _) => "object",
        (Some("array"), _) => "array",
        (Some(_), _) => "string",
        (None, _) if has_props => "object",
        (None, _) if s.get("items").is_some() => "array",
        (None, _) => match enum_values.first() {
            Some(Value::Number(n)) if n.is_i64() || n.is_u64() => "integer",
            Some(Value::Number(_)) => "number",
            Some(Value::Bool(_)) => "boolean",
            _ => "string",
        },
    };
    let mut p = Prop {
        name: name.to_string(),
        business_name: text(s, "title"),
        description: text(s, "description"),
        logical,
        enum_values,
        required: required && !null_type && !ref_nullable,
        examples: s
            .get("examples")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default(),
        ..Prop::default()
    };
    options_from(&mut p, &|k| {
        if k == "format" && matches!(format, Some("date" | "date-time" | "time")) {
            return None;
        }
        s.get(k).cloned()
    });
    if expand {
        r.path.borrow_mut().push(s as *const Value);
        if logical == "object" {
            p.properties = props(r, s, depth + 1);
        } else if logical == "array" {
            if let Some(items) = s.get("items").filter(|i| i.is_object()) {
                p.items = Some(Box::new(prop(r, "items", items, false, depth + 1)));
            }
        }
        r.path.borrow_mut().pop();
    }
    p
}

/// The properties of the object schema `s`, in the order written.
fn props(r: &Reader, s: &Value, depth: usize) -> Vec<Prop> {
    let (s, _) = r.resolve(s);
    let required: Vec<&str> = s
        .get("required")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut out: Vec<Prop> = s
        .get("properties")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .map(|(name, ps)| prop(r, name, ps, required.contains(&name.as_str()), depth))
                .collect()
        })
        .unwrap_or_default();
    // `allOf` parts add their properties (a common way to extend a base schema).
    for part in s
        .get("allOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if depth < crate::yaml::NESTING_LIMIT / 4 {
            for p in props(r, part, depth + 1) {
                if !out.iter().any(|o| o.name == p.name) {
                    out.push(p);
                }
            }
        }
    }
    out
}

fn object(r: &Reader, name: &str, s: &Value) -> Object {
    let (resolved, _) = r.resolve(s);
    r.path.borrow_mut().push(resolved as *const Value);
    let mut properties = props(r, resolved, 0);
    r.path.borrow_mut().pop();
    super::apply_key(resolved, &mut properties);
    Object {
        name: name.to_string(),
        business_name: text(resolved, "title").filter(|t| t != name),
        description: text(resolved, "description"),
        properties,
        ..Object::default()
    }
}

fn is_object_schema(s: &Value) -> bool {
    s.get("properties").is_some_and(Value::is_object)
        || s.get("type").and_then(Value::as_str) == Some("object")
}

/// The objects of the document: see the module's documentation.
fn objects(r: &Reader, doc: &Map<String, Value>, name: &str) -> Vec<Object> {
    let def_name = |reference: &str| {
        reference
            .rsplit('/')
            .next()
            .unwrap_or(reference)
            .replace("~1", "/")
            .replace("~0", "~")
    };
    // Top-level references: the objects the document stands for.
    let mut refs: Vec<&str> = Vec::new();
    if let Some(x) = doc.get("$ref").and_then(Value::as_str) {
        refs.push(x);
    }
    for key in ["anyOf", "oneOf"] {
        for alt in doc.get(key).and_then(Value::as_array).into_iter().flatten() {
            if let Some(x) = alt.get("$ref").and_then(Value::as_str) {
                refs.push(x);
            }
        }
    }
    let from_refs: Vec<Object> = refs
        .iter()
        .filter_map(|x| Some(object(r, &def_name(x), r.follow(x)?)))
        .collect();
    if !from_refs.is_empty() {
        return from_refs;
    }
    let title = doc
        .get("title")
        .and_then(Value::as_str)
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(name);
    let whole = Value::Object(doc.clone());
    if doc.get("properties").is_some_and(Value::is_object) {
        let mut o = object(r, title, &whole);
        o.business_name = None;
        return vec![o];
    }
    if doc.get("type").and_then(Value::as_str) == Some("array") {
        if let Some(items) = doc.get("items") {
            let (items, _) = r.resolve(items);
            if is_object_schema(items) {
                return vec![object(r, title, items)];
            }
        }
    }
    let mut out = Vec::new();
    for key in ["$defs", "definitions"] {
        for (n, s) in doc
            .get(key)
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            if is_object_schema(s) {
                out.push(object(r, n, s));
            }
        }
    }
    out
}

/// The contract a JSON Schema describes, as YAML; `name` names it when the schema has no
/// `title` (a file's stem).
pub fn import(text: &str, name: &str) -> Result<String, String> {
    let doc: Value = serde_json::from_str(text).map_err(|e| {
        format!(
            "the JSON can't be read (line {}, column {}): {e}",
            e.line(),
            e.column()
        )
    })?;
    let Value::Object(map) = &doc else {
        return Err("a JSON Schema is a JSON object; this file holds something else".into());
    };
    let r = Reader {
        root: &doc,
        path: Default::default(),
        budget: Default::default(),
    };
    let objects = objects(&r, map, name);
    if r.budget.exhausted() {
        return Err(super::too_many("JSON Schema"));
    }
    if objects.iter().all(|o| o.properties.is_empty()) {
        return Err(
            "the JSON Schema describes no object with `properties`: nothing to make a contract of"
                .into(),
        );
    }
    let title = map
        .get("title")
        .and_then(Value::as_str)
        .map(str::to_string)
        .unwrap_or_else(|| name.to_string());
    let id = map
        .get("$id")
        .and_then(Value::as_str)
        .map(|i| i.strip_prefix("urn:charter:").unwrap_or(i).to_string())
        .unwrap_or_else(|| id_of(name));
    Ok(Contract {
        id,
        name: title,
        version: map
            .get("version")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string(),
        objects,
        ..Contract::default()
    }
    .yaml())
}

//! Imports: other descriptions of data made into an ODCS v3.2.0 contract that passes
//! Charter's own validation.
//!
//! - `sql.rs` reads `CREATE TABLE` scripts with a real SQL parser (the `sqlparser` crate);
//! - `jsonschema.rs` reads JSON Schemas (draft 2020-12 and older: `$defs`/`definitions`,
//!   local `$ref`s, nullable types);
//! - `avro.rs` reads Avro schemas (records, unions with null, logical types, enums, maps);
//! - `dcs.rs` reads Data Contract Specification 1.x `datacontract.yaml` files.
//!
//! Each importer fills the small model below ([`Contract`], [`Object`], [`Prop`]); one
//! writer turns it into YAML, keys in the standard's order, so every importer writes the
//! same shape and what one learns (quoting, block text) the others get.

pub mod avro;
pub mod dcs;
pub mod jsonschema;
pub mod sql;

use crate::edit::render;
use crate::export::Dialect;
use crate::yaml::Scalar;
use serde_json::Value;

/// What a file to import is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Sql,
    JsonSchema,
    Avro,
    Dcs,
}

impl Source {
    pub const ALL: [Source; 4] = [Source::Sql, Source::JsonSchema, Source::Avro, Source::Dcs];

    pub fn name(self) -> &'static str {
        match self {
            Source::Sql => "sql",
            Source::JsonSchema => "jsonschema",
            Source::Avro => "avro",
            Source::Dcs => "dcs",
        }
    }

    pub fn parse(s: &str) -> Option<Source> {
        Source::ALL.into_iter().find(|f| f.name() == s)
    }

    /// What a file is, from its name and content; `None` when it isn't one of these (an
    /// ODCS or ODPS document, or something else). A name without a telling extension
    /// (standard input) is judged by the content alone.
    pub fn detect(file_name: &str, text: &str) -> Option<Source> {
        let lower = file_name.to_ascii_lowercase();
        if lower.ends_with(".sql") || lower.ends_with(".ddl") {
            return Some(Source::Sql);
        }
        if lower.ends_with(".avsc") {
            return Some(Source::Avro);
        }
        let head: String = text.chars().take(4096).collect();
        let dcs = head
            .lines()
            .any(|l| l.trim_start().starts_with("dataContractSpecification:"));
        if lower.ends_with(".yaml") || lower.ends_with(".yml") {
            return dcs.then_some(Source::Dcs);
        }
        let json = text.trim_start().starts_with(['{', '[']);
        if lower.ends_with(".json") || json {
            let v: Value = serde_json::from_str(text).ok()?;
            if v.get("dataContractSpecification").is_some() {
                return Some(Source::Dcs);
            }
            if v.get("apiVersion").is_some() && v.get("kind").is_some() {
                return None;
            }
            let avro = |v: &Value| {
                matches!(
                    v.get("type").and_then(Value::as_str),
                    Some("record" | "enum")
                ) && v.get("name").is_some()
            };
            if avro(&v) || v.as_array().is_some_and(|a| a.iter().any(avro)) {
                return Some(Source::Avro);
            }
            if v.get("$schema").is_some()
                || v.get("properties").is_some()
                || v.get("$defs").is_some()
                || v.get("definitions").is_some()
            {
                return Some(Source::JsonSchema);
            }
            return None;
        }
        if dcs {
            return Some(Source::Dcs);
        }
        let sql = head.to_ascii_lowercase();
        (sql.contains("create table") || sql.contains("select ")).then_some(Source::Sql)
    }
}

/// The contract a file describes, as ODCS v3.2.0 YAML. `name` names it when the file
/// doesn't (a file's stem); `dialect` is for SQL.
pub fn import(
    from: Source,
    text: &str,
    dialect: Option<Dialect>,
    name: &str,
) -> Result<String, String> {
    match from {
        Source::Sql => sql::import(text, dialect, name),
        Source::JsonSchema => jsonschema::import(text, name),
        Source::Avro => avro::import(text, name),
        Source::Dcs => dcs::import(text, name),
    }
}

/// The most properties an import writes: a schema whose references multiply (a definition
/// used twice at every level) would otherwise grow without end. Past it the import stops
/// with [`too_many`].
pub(crate) const MAX_PROPERTIES: usize = 200_000;

/// Counts the properties an import makes, against [`MAX_PROPERTIES`].
#[derive(Default)]
pub(crate) struct Budget(std::cell::Cell<usize>);

impl Budget {
    /// Whether one more property fits.
    pub fn take(&self) -> bool {
        let n = self.0.get() + 1;
        self.0.set(n);
        n <= MAX_PROPERTIES
    }
    pub fn exhausted(&self) -> bool {
        self.0.get() > MAX_PROPERTIES
    }
}

/// The message of an import that went past [`MAX_PROPERTIES`].
pub(crate) fn too_many(what: &str) -> String {
    format!(
        "the {what} expands to more than {MAX_PROPERTIES} properties (its references multiply at every level): import the objects you need from a smaller file"
    )
}

/// A file's stem: `orders` of `dir/orders.avsc`, `datacontract` of `datacontract.yaml`.
pub fn stem(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    let s = base.split('.').next().unwrap_or(base);
    if s.is_empty() {
        "imported".into()
    } else {
        s.to_string()
    }
}

/// A YAML value to write: a JSON value (scalars plain or quoted, lists and maps in block
/// style), or entries in the order given.
#[derive(Clone)]
pub(crate) enum Y {
    V(Value),
    Map(Vec<(String, Y)>),
    Seq(Vec<Y>),
}

impl Y {
    pub fn str(s: impl Into<String>) -> Y {
        Y::V(Value::String(s.into()))
    }

    fn is_empty(&self) -> bool {
        match self {
            Y::V(Value::Null) => true,
            Y::V(Value::Array(a)) => a.is_empty(),
            Y::V(Value::Object(m)) => m.is_empty(),
            Y::Map(m) => m.is_empty(),
            Y::Seq(s) => s.is_empty(),
            Y::V(_) => false,
        }
    }
}

/// Entries of a mapping, skipping empty values.
#[derive(Default)]
pub(crate) struct Entries(pub Vec<(String, Y)>);

impl Entries {
    pub fn put(&mut self, key: &str, v: Y) -> &mut Self {
        if !v.is_empty() {
            self.0.push((key.to_string(), v));
        }
        self
    }
    pub fn text(&mut self, key: &str, v: &Option<String>) -> &mut Self {
        if let Some(s) = v.as_ref().filter(|s| !s.trim().is_empty()) {
            self.put(key, Y::str(s.clone()));
        }
        self
    }
    pub fn flag(&mut self, key: &str, on: bool) -> &mut Self {
        if on {
            self.put(key, Y::V(Value::Bool(true)));
        }
        self
    }
    pub fn done(self) -> Y {
        Y::Map(self.0)
    }
}

fn scalar_text(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => render(&Scalar::Str(s.as_str().into())),
        // A nested value inside a scalar slot (an example that is an object): JSON is YAML.
        other => other.to_string(),
    }
}

/// A multi-line text as a literal block (`|` or `|-`) when it can be one.
fn block_text(s: &str, pad: &str) -> Option<String> {
    // Control characters other than the line break can't stand in a literal block.
    if !s.contains('\n')
        || s.chars().any(|c| c != '\n' && c.is_control())
        || s.starts_with([' ', '\n'])
    {
        return None;
    }
    let body = s.strip_suffix('\n');
    let (indicator, body) = match body {
        Some(b) if !b.ends_with('\n') => ("|", b),
        Some(_) => return None,
        None => ("|-", s),
    };
    if body.lines().any(|l| l.ends_with(' ')) {
        return None;
    }
    let mut out = indicator.to_string();
    for l in body.split('\n') {
        out.push('\n');
        if !l.is_empty() {
            out.push_str(pad);
            out.push_str(l);
        }
    }
    Some(out)
}

/// Writes `y` as the value after `key:` or `- ` at indentation `col`.
fn emit(y: &Y, col: usize, out: &mut String, depth: usize) {
    let pad = " ".repeat(col);
    if depth > crate::yaml::NESTING_LIMIT {
        out.push_str(" null\n");
        return;
    }
    match y {
        Y::V(Value::String(s)) => {
            out.push(' ');
            out.push_str(
                &block_text(s, &pad).unwrap_or_else(|| scalar_text(&Value::String(s.clone()))),
            );
            out.push('\n');
        }
        Y::V(Value::Array(a)) if !a.is_empty() => {
            let items: Vec<Y> = a.iter().map(|v| Y::V(v.clone())).collect();
            emit(&Y::Seq(items), col, out, depth);
        }
        Y::V(Value::Object(m)) if !m.is_empty() => {
            let entries: Vec<(String, Y)> = m
                .iter()
                .map(|(k, v)| (k.clone(), Y::V(v.clone())))
                .collect();
            emit(&Y::Map(entries), col, out, depth);
        }
        Y::V(v) => {
            out.push(' ');
            out.push_str(&scalar_text(v));
            out.push('\n');
        }
        Y::Map(entries) if entries.is_empty() => out.push_str(" {}\n"),
        Y::Seq(items) if items.is_empty() => out.push_str(" []\n"),
        Y::Map(entries) => {
            out.push('\n');
            for (k, v) in entries {
                out.push_str(&pad);
                out.push_str(&render(&Scalar::Str(k.as_str().into())));
                out.push(':');
                emit(v, col + 2, out, depth + 1);
            }
        }
        Y::Seq(items) => {
            out.push('\n');
            for it in items {
                out.push_str(&pad);
                out.push('-');
                let lifted;
                let it = match it {
                    Y::V(Value::Object(m)) if !m.is_empty() => {
                        lifted = Y::Map(
                            m.iter()
                                .map(|(k, v)| (k.clone(), Y::V(v.clone())))
                                .collect(),
                        );
                        &lifted
                    }
                    other => other,
                };
                match it {
                    // A mapping item starts on the dash's line: `- name: x`.
                    Y::Map(entries) if !entries.is_empty() => {
                        let mut inner = String::new();
                        emit(it, col + 2, &mut inner, depth + 1);
                        out.push(' ');
                        out.push_str(inner.trim_start_matches('\n').trim_start());
                    }
                    _ => emit(it, col + 2, out, depth + 1),
                }
            }
        }
    }
}

/// A whole document: the top-level mapping's entries at column 0.
pub(crate) fn document(entries: Vec<(String, Y)>) -> String {
    let mut out = String::new();
    for (k, v) in &entries {
        out.push_str(&render(&Scalar::Str(k.as_str().into())));
        out.push(':');
        emit(v, 2, &mut out, 0);
    }
    out
}

/// A property (or an array's `items`) of the contract to write.
#[derive(Default, Clone)]
pub(crate) struct Prop {
    pub name: String,
    pub business_name: Option<String>,
    pub description: Option<String>,
    pub logical: &'static str,
    pub physical: Option<String>,
    /// `logicalTypeOptions`, in this order.
    pub options: Vec<(String, Value)>,
    pub enum_values: Vec<Value>,
    pub required: bool,
    pub unique: bool,
    pub key_position: Option<usize>,
    pub classification: Option<String>,
    pub tags: Vec<String>,
    pub examples: Vec<Value>,
    /// `table.column` this property refers to (a foreign key).
    pub references: Option<String>,
    pub quality: Vec<Y>,
    pub properties: Vec<Prop>,
    pub items: Option<Box<Prop>>,
    pub custom: Vec<(String, Value)>,
    pub links: Vec<(String, String)>,
}

/// A schema object (a table, a record, a model).
#[derive(Default, Clone)]
pub(crate) struct Object {
    pub name: String,
    pub physical_name: Option<String>,
    pub physical_type: Option<String>,
    pub business_name: Option<String>,
    pub description: Option<String>,
    pub tags: Vec<String>,
    pub quality: Vec<Y>,
    pub properties: Vec<Prop>,
    pub custom: Vec<(String, Value)>,
}

/// A contract: its identity, the parts only some imports fill (`extra`: description,
/// team, support, servers, SLA, ... as ready entries) and its schema.
#[derive(Default)]
pub(crate) struct Contract {
    pub id: String,
    pub name: String,
    pub version: String,
    pub status: String,
    /// Entries between `status` and `schema` (`domain`, `description`, `team`, ...).
    pub head: Vec<(String, Y)>,
    pub objects: Vec<Object>,
    /// Entries after `schema` (`slaProperties`, `tags`, `customProperties`, ...).
    pub tail: Vec<(String, Y)>,
}

/// A name as a stable id: letters, digits, `-`, `_` and `.`.
pub fn id_of(name: &str) -> String {
    let id: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.:".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    if id.is_empty() {
        "imported".into()
    } else {
        id
    }
}

pub(crate) fn custom_properties(custom: &[(String, Value)]) -> Y {
    Y::Seq(
        custom
            .iter()
            .map(|(k, v)| {
                let mut e = Entries::default();
                e.put("property", Y::str(k.clone()))
                    .put("value", Y::V(v.clone()));
                e.done()
            })
            .collect(),
    )
}

fn strings(v: &[String]) -> Y {
    Y::Seq(v.iter().map(|s| Y::str(s.clone())).collect())
}

fn values(v: &[Value]) -> Y {
    Y::Seq(v.iter().map(|s| Y::V(s.clone())).collect())
}

pub(crate) fn links(links: &[(String, String)]) -> Y {
    Y::Seq(
        links
            .iter()
            .map(|(ty, url)| {
                let mut e = Entries::default();
                e.put("type", Y::str(ty.clone()))
                    .put("url", Y::str(url.clone()));
                e.done()
            })
            .collect(),
    )
}

impl Prop {
    fn to_y(&self, item: bool, depth: usize) -> Y {
        let mut e = Entries::default();
        if !item {
            e.put("name", Y::str(self.name.clone()));
        }
        e.text("businessName", &self.business_name)
            .text("description", &self.description)
            .put("logicalType", Y::str(self.logical))
            .text("physicalType", &self.physical);
        if !self.options.is_empty() {
            e.put(
                "logicalTypeOptions",
                Y::Map(
                    self.options
                        .iter()
                        .map(|(k, v)| (k.clone(), Y::V(v.clone())))
                        .collect(),
                ),
            );
        }
        if !self.enum_values.is_empty() {
            e.put(
                "enum",
                Y::Seq(
                    self.enum_values
                        .iter()
                        .map(|v| Y::Map(vec![("value".into(), Y::V(v.clone()))]))
                        .collect(),
                ),
            );
        }
        if !item {
            e.flag("required", self.required);
            if let Some(p) = self.key_position {
                e.flag("primaryKey", true)
                    .put("primaryKeyPosition", Y::V(Value::from(p as u64)));
            }
            e.flag("unique", self.unique);
        }
        e.text("classification", &self.classification)
            .put("tags", strings(&self.tags))
            .put("examples", values(&self.examples));
        if let Some(to) = &self.references {
            e.put(
                "relationships",
                Y::Seq(vec![Y::Map(vec![
                    ("type".into(), Y::str("foreignKey")),
                    ("to".into(), Y::str(to.clone())),
                ])]),
            );
        }
        e.put("quality", Y::Seq(self.quality.clone()));
        if depth < crate::yaml::NESTING_LIMIT / 4 {
            e.put(
                "properties",
                Y::Seq(
                    self.properties
                        .iter()
                        .map(|p| p.to_y(false, depth + 1))
                        .collect(),
                ),
            );
            if let Some(items) = &self.items {
                e.put("items", items.to_y(true, depth + 1));
            }
        }
        e.put("authoritativeDefinitions", links(&self.links))
            .put("customProperties", custom_properties(&self.custom));
        e.done()
    }
}

impl Object {
    fn to_y(&self) -> Y {
        let mut e = Entries::default();
        e.put("name", Y::str(self.name.clone()))
            .text("physicalName", &self.physical_name)
            .text("physicalType", &self.physical_type)
            .text("businessName", &self.business_name)
            .text("description", &self.description)
            .put("tags", strings(&self.tags))
            .put(
                "properties",
                Y::Seq(self.properties.iter().map(|p| p.to_y(false, 0)).collect()),
            )
            .put("quality", Y::Seq(self.quality.clone()))
            .put("customProperties", custom_properties(&self.custom));
        e.done()
    }
}

impl Contract {
    pub fn yaml(self) -> String {
        let mut top = vec![
            ("apiVersion".to_string(), Y::str("v3.2.0")),
            ("kind".to_string(), Y::str("DataContract")),
            ("id".to_string(), Y::str(self.id)),
            ("name".to_string(), Y::str(self.name)),
            (
                "version".to_string(),
                Y::str(if self.version.is_empty() {
                    "0.1.0".to_string()
                } else {
                    self.version
                }),
            ),
            (
                "status".to_string(),
                Y::str(if self.status.is_empty() {
                    "draft".to_string()
                } else {
                    self.status
                }),
            ),
        ];
        top.extend(self.head.into_iter().filter(|(_, v)| !v.is_empty()));
        top.push((
            "schema".into(),
            Y::Seq(self.objects.iter().map(Object::to_y).collect()),
        ));
        top.extend(self.tail.into_iter().filter(|(_, v)| !v.is_empty()));
        document(top)
    }
}

/// The primary key Charter's JSON Schema and Avro exports write on an object
/// (`x-primaryKey: [a, b]`), applied to its properties: positions, and required.
pub(crate) fn apply_key(schema: &Value, properties: &mut [Prop]) {
    let keys = schema
        .get("x-primaryKey")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or_default();
    for (i, k) in keys.iter().filter_map(Value::as_str).enumerate() {
        if let Some(p) = properties.iter_mut().find(|p| p.name == k) {
            p.key_position = Some(i + 1);
            p.required = true;
        }
    }
}

/// Fills the `logicalTypeOptions` a JSON-Schema-like map gives (`minLength`, `minimum`,
/// `format`, ...) that the logical type has; shared by the JSON Schema and DCS imports.
pub(crate) fn options_from(p: &mut Prop, get: &dyn Fn(&str) -> Option<Value>) {
    let keys: &[&str] = match p.logical {
        "string" => &["minLength", "maxLength", "pattern", "format"],
        "integer" | "number" => &[
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
        ],
        "array" => &["minItems", "maxItems", "uniqueItems"],
        "object" => &["minProperties", "maxProperties"],
        _ => &[],
    };
    for k in keys {
        let Some(v) = get(k) else { continue };
        let ok = match *k {
            "pattern" | "format" => v.is_string(),
            "uniqueItems" => v.is_boolean(),
            "multipleOf" => v.as_f64().is_some_and(|n| n > 0.0),
            "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" => v.is_number(),
            _ => v.as_u64().is_some(),
        };
        if ok {
            p.options.push((k.to_string(), v));
        }
    }
}

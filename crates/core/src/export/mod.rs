//! Exports of a contract to where its data lives: SQL DDL for the major warehouses
//! (`sql.rs`), JSON Schema (`jsonschema.rs`), Avro (`avro.rs`), a Mermaid ER diagram,
//! the preview page (HTML, Markdown) and the contract as JSON. The CLI (`charter export`)
//! and the app write the same bytes.

pub mod avro;
pub mod dbt;
pub mod jsonschema;
pub mod migration;
pub mod protobuf;
pub mod sql;

use crate::yaml::{Node, NodeKind, Scalar};
pub use sql::Dialect;

/// The export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Sql,
    JsonSchema,
    Avro,
    Mermaid,
    Html,
    Markdown,
    Json,
    Protobuf,
    Dbt,
    DbtSources,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s {
            "sql" => Format::Sql,
            "jsonschema" | "json-schema" => Format::JsonSchema,
            "avro" => Format::Avro,
            "mermaid" => Format::Mermaid,
            "html" => Format::Html,
            "markdown" | "md" => Format::Markdown,
            "json" => Format::Json,
            "protobuf" | "proto" => Format::Protobuf,
            "dbt" => Format::Dbt,
            "dbt-sources" => Format::DbtSources,
            _ => return None,
        })
    }
    /// The file name extension of an export.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Sql => "sql",
            Format::JsonSchema => "schema.json",
            Format::Avro => "avsc",
            Format::Mermaid => "mmd",
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Json => "json",
            Format::Protobuf => "proto",
            Format::Dbt => "dbt.yml",
            Format::DbtSources => "sources.yml",
        }
    }
}

/// What an export needs besides the contract.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The SQL dialect; `None` picks it from the contract's servers (else Postgres).
    pub dialect: Option<Dialect>,
    /// The SQL schema to create the tables in.
    pub schema: Option<String>,
    /// JSON Schema and Avro: the schema of this one object alone (a standalone document),
    /// instead of one document for all.
    pub object: Option<String>,
}

/// Export a contract's root in `format`; `Err` says why there is nothing to export (a
/// contract without schema objects has no tables, records or schemas).
pub fn export(root: &Node, format: Format, options: &Options) -> Result<String, String> {
    let schema_formats = !matches!(format, Format::Html | Format::Markdown | Format::Json);
    if schema_formats && objects(root).is_empty() {
        return Err(
            "the contract describes no data (no named objects under `schema`): add a table first"
                .into(),
        );
    }
    Ok(match format {
        Format::Sql => {
            let d = options
                .dialect
                .or_else(|| Dialect::of_servers(root))
                .unwrap_or(Dialect::Postgres);
            sql::ddl(root, d, options.schema.as_deref())
        }
        Format::JsonSchema | Format::Avro if options.object.is_some() => {
            let name = options.object.as_deref().unwrap_or_default();
            let found = if format == Format::Avro {
                avro::record_of(root, name)
            } else {
                jsonschema::object_schema(root, name)
            };
            match found {
                Some(v) => pretty(&v),
                None => {
                    let names: Vec<String> = objects(root).into_iter().map(|t| t.name).collect();
                    return Err(format!(
                        "the contract has no object `{name}`: its objects are {}",
                        names.join(", ")
                    ));
                }
            }
        }
        Format::JsonSchema => pretty(&jsonschema::schema(root)),
        Format::Avro => pretty(&avro::schema(root)),
        Format::Mermaid => mermaid(root),
        Format::Html => crate::preview::page(root),
        Format::Markdown => markdown(root),
        Format::Json => pretty(&root.to_json()),
        Format::Protobuf => protobuf::proto(root),
        Format::Dbt => dbt::models(root),
        Format::DbtSources => dbt::sources(root),
    })
}

fn pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).unwrap_or_default() + "\n"
}

/// A name of letters, digits and `_`, not starting with a digit (what Avro and dbt accept):
/// every other character becomes `_`.
pub(crate) fn word_name(s: &str) -> String {
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

pub(crate) fn text(n: Option<&Node>) -> Option<String> {
    match &n?.kind {
        NodeKind::Scalar(Scalar::Str(s)) if !s.trim().is_empty() => Some(s.to_string()),
        NodeKind::Scalar(Scalar::Int(i)) => Some(i.to_string()),
        NodeKind::Scalar(Scalar::Float(f)) => Some(f.to_string()),
        _ => None,
    }
}

fn flag(n: Option<&Node>) -> bool {
    matches!(
        n.map(|n| &n.kind),
        Some(NodeKind::Scalar(Scalar::Bool(true)))
    )
}

/// A schema object as the exports read it.
#[derive(Clone, Debug)]
pub struct Table {
    pub name: String,
    /// `physicalName`, else `name`.
    pub sql_name: String,
    pub description: Option<String>,
    pub columns: Vec<Column>,
}

impl Table {
    /// The primary key's columns (their SQL names), by `primaryKeyPosition`.
    pub fn primary_key(&self) -> Vec<String> {
        let mut keys: Vec<(i64, usize, &str)> = self
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.primary_key)
            .map(|(i, c)| {
                (
                    c.key_position.filter(|p| *p >= 0).unwrap_or(i64::MAX),
                    i,
                    c.sql_name.as_str(),
                )
            })
            .collect();
        keys.sort();
        keys.into_iter().map(|k| k.2.to_string()).collect()
    }
}

/// A property of a schema object, as the exports read it.
#[derive(Clone, Debug)]
pub struct Column {
    /// Its stable `id`, if any (proves a rename).
    pub id: Option<String>,
    pub name: String,
    pub sql_name: String,
    pub logical_type: Option<String>,
    pub physical_type: Option<String>,
    pub required: bool,
    pub unique: bool,
    pub primary_key: bool,
    pub key_position: Option<i64>,
    pub description: Option<String>,
    pub max_length: Option<u64>,
    /// `logicalTypeOptions`, by key.
    pub options: std::collections::BTreeMap<String, Node>,
    /// The values of its `enum`.
    pub enum_values: Vec<Node>,
    /// `(table, column)` it references (single-column relationships).
    pub references: Vec<(String, String)>,
    /// Its custom properties, `(property, value)`.
    pub custom: Vec<(String, String)>,
}

impl Column {
    /// The `<dialect>Type` custom property's value.
    pub fn custom_type(&self, d: Dialect) -> Option<String> {
        let key = d.type_property();
        self.custom
            .iter()
            .find(|(p, _)| p.eq_ignore_ascii_case(&key))
            .map(|(_, v)| v.clone())
    }
}

/// `customers.id`, or `schema/customers/properties/id`, as `(table, column)`.
fn reference(to: &str) -> Option<(String, String)> {
    if to.contains('/') {
        let parts: Vec<&str> = to.trim_start_matches('/').split('/').collect();
        return match parts.as_slice() {
            [.., "schema", t, "properties", c] => Some((t.to_string(), c.to_string())),
            _ => None,
        };
    }
    let (t, c) = to.rsplit_once('.')?;
    // `schema.table.column`: the table is the part before the column.
    let t = t.rsplit('.').next().unwrap_or(t);
    Some((t.to_string(), c.to_string()))
}

/// The items of a contract's `schema` list.
pub(crate) fn schema_nodes(root: &Node) -> &[Node] {
    root.get("schema").and_then(Node::as_seq).unwrap_or(&[])
}

/// The schema objects of a contract, with their top-level properties.
pub fn objects(root: &Node) -> Vec<Table> {
    let mut tables: Vec<Table> = schema_nodes(root)
        .iter()
        .filter_map(|o| {
            let name = text(o.get("name"))?;
            let columns = o
                .get("properties")
                .and_then(Node::as_seq)
                .unwrap_or(&[])
                .iter()
                .filter_map(column)
                .collect();
            Some(Table {
                sql_name: text(o.get("physicalName")).unwrap_or_else(|| name.clone()),
                name,
                description: description(o),
                columns,
            })
        })
        .collect();
    // Relationships of objects: `from: orders.customer_id`, `to: customers.id`.
    let relations: Vec<(usize, String, (String, String))> = schema_nodes(root)
        .iter()
        .enumerate()
        .flat_map(|(i, o)| {
            o.get("relationships")
                .and_then(Node::as_seq)
                .unwrap_or(&[])
                .iter()
                .filter_map(move |r| {
                    let from = reference(&text(r.get("from"))?)?;
                    let to = reference(&text(r.get("to"))?)?;
                    Some((i, from.1, to))
                })
        })
        .collect();
    for (i, from, to) in relations {
        if let Some(c) = tables
            .get_mut(i)
            .and_then(|t| t.columns.iter_mut().find(|c| c.name == from))
        {
            if !c.references.contains(&to) {
                c.references.push(to);
            }
        }
    }
    tables
}

/// The `value` of each item of a property's `enum` (v3.2.0).
pub(crate) fn enum_values(p: &Node) -> impl Iterator<Item = &Node> {
    p.get("enum")
        .and_then(Node::as_seq)
        .unwrap_or(&[])
        .iter()
        .filter_map(|e| e.get("value"))
}

/// The names of an object's primary-key properties, by `primaryKeyPosition` (the JSON
/// Schema and Avro exports write them as `x-primaryKey`, which their imports read back).
pub(crate) fn key_names(o: &Node) -> Vec<String> {
    let columns: Vec<Column> = o
        .get("properties")
        .and_then(Node::as_seq)
        .unwrap_or(&[])
        .iter()
        .filter_map(column)
        .map(|c| Column {
            sql_name: c.name.clone(),
            ..c
        })
        .collect();
    Table {
        name: String::new(),
        sql_name: String::new(),
        description: None,
        columns,
    }
    .primary_key()
}

fn description(n: &Node) -> Option<String> {
    text(n.get("description")).or_else(|| text(n.get("description").and_then(|d| d.get("purpose"))))
}

fn column(p: &Node) -> Option<Column> {
    let name = text(p.get("name"))?;
    let options: std::collections::BTreeMap<String, Node> = p
        .get("logicalTypeOptions")
        .and_then(Node::as_map)
        .unwrap_or(&[])
        .iter()
        .map(|e| (e.key.to_string(), e.value.clone()))
        .collect();
    let max_length = options.get("maxLength").and_then(|n| match n.kind {
        NodeKind::Scalar(Scalar::Int(i)) if i > 0 => Some(i as u64),
        _ => None,
    });
    let enum_values = enum_values(p).cloned().collect();
    let references = p
        .get("relationships")
        .and_then(Node::as_seq)
        .unwrap_or(&[])
        .iter()
        .filter_map(|r| reference(&text(r.get("to"))?))
        .collect();
    let custom = p
        .get("customProperties")
        .and_then(Node::as_seq)
        .unwrap_or(&[])
        .iter()
        .filter_map(|c| Some((text(c.get("property"))?, text(c.get("value"))?)))
        .collect();
    Some(Column {
        id: text(p.get("id")),
        sql_name: text(p.get("physicalName")).unwrap_or_else(|| name.clone()),
        name,
        logical_type: text(p.get("logicalType")),
        physical_type: text(p.get("physicalType")),
        required: flag(p.get("required")),
        unique: flag(p.get("unique")),
        primary_key: flag(p.get("primaryKey")),
        key_position: match p.get("primaryKeyPosition").map(|n| &n.kind) {
            Some(NodeKind::Scalar(Scalar::Int(i))) => Some(*i),
            _ => None,
        },
        description: text(p.get("description")),
        max_length,
        options,
        enum_values,
        references,
        custom,
    })
}

/// The schema as a Mermaid ER diagram: each table with its columns (type, PK, FK, UK) and a
/// line per relationship.
pub fn mermaid(root: &Node) -> String {
    let tables = objects(root);
    let id = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    };
    let mut s = String::from("erDiagram\n");
    for t in &tables {
        s.push_str(&format!("  {} {{\n", id(&t.name)));
        for c in &t.columns {
            let ty = id(c.logical_type.as_deref().unwrap_or("string"));
            let mut keys = Vec::new();
            if c.primary_key {
                keys.push("PK");
            }
            if !c.references.is_empty() {
                keys.push("FK");
            }
            if c.unique && !c.primary_key {
                keys.push("UK");
            }
            let keys = if keys.is_empty() {
                String::new()
            } else {
                format!(" {}", keys.join(", "))
            };
            s.push_str(&format!("    {ty} {}{keys}\n", id(&c.name)));
        }
        s.push_str("  }\n");
    }
    for t in &tables {
        for c in &t.columns {
            for (to, col) in &c.references {
                s.push_str(&format!(
                    "  {} }}o--|| {} : \"{}\"\n",
                    id(&t.name),
                    id(to),
                    format!("{} to {col}", c.name).replace('"', "'")
                ));
            }
        }
    }
    s
}

/// The contract as a Markdown page: its fundamentals, then a table of columns per object.
pub fn markdown(root: &Node) -> String {
    use crate::md;
    let name = text(root.get("name"))
        .or_else(|| text(root.get("id")))
        .unwrap_or_else(|| "Data contract".into());
    let mut s = format!("# {}\n\n", md::text(&name));
    let facts: Vec<String> = [
        ("Version", "version"),
        ("Status", "status"),
        ("Domain", "domain"),
        ("Id", "id"),
    ]
    .iter()
    .filter_map(|(label, key)| Some(format!("**{label}:** {}", md::code(&text(root.get(key))?))))
    .collect();
    if !facts.is_empty() {
        s.push_str(&format!("{}\n\n", facts.join(" · ")));
    }
    if let Some(d) = root.get("description") {
        for key in ["purpose", "usage", "limitations"] {
            if let Some(t) = text(d.get(key)) {
                s.push_str(&format!("**{}.** {}\n\n", capitalise(key), md::text(&t)));
            }
        }
        if let Some(t) = text(Some(d)) {
            s.push_str(&format!("{}\n\n", md::text(&t)));
        }
    }
    for t in objects(root) {
        s.push_str(&format!("## {}\n\n", md::text(&t.name)));
        if let Some(d) = &t.description {
            s.push_str(&format!("{}\n\n", md::text(d)));
        }
        if t.columns.is_empty() {
            s.push_str("No columns.\n\n");
            continue;
        }
        s.push_str(
            "| column | type | required | key | description |\n| --- | --- | --- | --- | --- |\n",
        );
        let keys = t.primary_key();
        for c in &t.columns {
            let key = if keys.contains(&c.sql_name) {
                "primary".to_string()
            } else if c.unique {
                "unique".to_string()
            } else if let Some((to, col)) = c.references.first() {
                format!("→ {}", md::code(&format!("{to}.{col}")))
            } else {
                String::new()
            };
            s.push_str(&format!(
                "| {} | {} | {} | {key} | {} |\n",
                md::code(&c.name),
                c.logical_type.as_deref().map(md::code).unwrap_or_default(),
                if c.required || c.primary_key {
                    "yes"
                } else {
                    ""
                },
                c.description.as_deref().map(md::text).unwrap_or_default(),
            ));
        }
        s.push('\n');
    }
    s
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

//! SQL DDL for the major warehouses: a `CREATE TABLE` per schema object, with `NOT NULL`,
//! primary keys (composite ones by `primaryKeyPosition`), `UNIQUE`, foreign keys from
//! relationships, `CHECK` constraints for `enum` values and numeric ranges, and comments
//! from descriptions, each where the dialect has it (what it lacks is written as a SQL
//! comment, so nothing the contract says is silently dropped).
//!
//! A column's type: a `<dialect>Type` custom property (`postgresType: numeric(12,2)`),
//! else its `physicalType` when the dialect knows that type, else the mapping of its
//! `logicalType` (and `maxLength`) in [`TYPES`].

use super::{objects, text, Column, Table};
use crate::yaml::Node;

/// The SQL dialects Charter writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Postgres,
    Snowflake,
    Bigquery,
    Databricks,
    Redshift,
    Mysql,
    Sqlserver,
    Duckdb,
    Trino,
    Oracle,
}

pub const DIALECTS: [Dialect; 10] = [
    Dialect::Postgres,
    Dialect::Snowflake,
    Dialect::Bigquery,
    Dialect::Databricks,
    Dialect::Redshift,
    Dialect::Mysql,
    Dialect::Sqlserver,
    Dialect::Duckdb,
    Dialect::Trino,
    Dialect::Oracle,
];

impl Dialect {
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Postgres => "postgres",
            Dialect::Snowflake => "snowflake",
            Dialect::Bigquery => "bigquery",
            Dialect::Databricks => "databricks",
            Dialect::Redshift => "redshift",
            Dialect::Mysql => "mysql",
            Dialect::Sqlserver => "sqlserver",
            Dialect::Duckdb => "duckdb",
            Dialect::Trino => "trino",
            Dialect::Oracle => "oracle",
        }
    }

    /// A dialect by name, or by the `type` of an ODCS server (`postgresql`, `azure`...).
    pub fn parse(s: &str) -> Option<Dialect> {
        Some(match s.to_ascii_lowercase().as_str() {
            "postgres" | "postgresql" => Dialect::Postgres,
            "snowflake" => Dialect::Snowflake,
            "bigquery" => Dialect::Bigquery,
            "databricks" => Dialect::Databricks,
            "redshift" => Dialect::Redshift,
            "mysql" => Dialect::Mysql,
            "sqlserver" | "azure" | "synapse" => Dialect::Sqlserver,
            "duckdb" => Dialect::Duckdb,
            "trino" | "presto" => Dialect::Trino,
            "oracle" => Dialect::Oracle,
            _ => return None,
        })
    }

    /// The dialect of the contract's first server that has one.
    pub fn of_servers(root: &Node) -> Option<Dialect> {
        root.get("servers")?
            .as_seq()?
            .iter()
            .find_map(|s| Dialect::parse(s.get("type")?.as_str()?))
    }

    /// The custom property that overrides a column's type here: `postgresType`.
    pub fn type_property(self) -> String {
        format!("{}Type", self.name())
    }

    fn index(self) -> usize {
        DIALECTS.iter().position(|d| *d == self).unwrap_or(0)
    }

    /// A name as this dialect writes it (quoted when it must be).
    pub fn quote_name(self, name: &str) -> String {
        self.quote(name)
    }

    fn quote(self, name: &str) -> String {
        let plain = name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
            && !RESERVED.contains(&name);
        if plain {
            return name.to_string();
        }
        match self {
            Dialect::Mysql | Dialect::Databricks | Dialect::Bigquery => {
                format!("`{}`", name.replace('`', "``"))
            }
            Dialect::Sqlserver => format!("[{}]", name.replace(']', "]]")),
            _ => format!("\"{}\"", name.replace('"', "\"\"")),
        }
    }

    fn string(self, s: &str) -> String {
        match self {
            Dialect::Bigquery => format!(
                "\"{}\"",
                s.replace('\\', "\\\\")
                    .replace('"', "\\\"")
                    .replace('\n', "\\n")
            ),
            Dialect::Mysql | Dialect::Databricks => {
                format!("'{}'", s.replace('\\', "\\\\").replace('\'', "''"))
            }
            _ => format!("'{}'", s.replace('\'', "''")),
        }
    }

    /// What the dialect enforces or accepts in `CREATE TABLE`.
    pub(crate) fn has(self, what: Feature) -> bool {
        use Dialect::*;
        match what {
            Feature::PrimaryKey | Feature::ForeignKey => !matches!(self, Trino),
            Feature::Unique => !matches!(self, Trino | Bigquery | Databricks),
            Feature::Check => matches!(self, Postgres | Mysql | Sqlserver | Duckdb | Oracle),
            Feature::CommentOn => matches!(
                self,
                Postgres | Redshift | Oracle | Snowflake | Duckdb | Trino
            ),
            Feature::InlineComment => matches!(self, Mysql | Databricks),
            Feature::Options => matches!(self, Bigquery),
            Feature::NotEnforced => matches!(self, Bigquery),
            Feature::InlineForeignKey => matches!(self, Duckdb),
        }
    }
}

#[derive(Clone, Copy)]
pub(crate) enum Feature {
    PrimaryKey,
    ForeignKey,
    Unique,
    Check,
    /// `COMMENT ON TABLE/COLUMN ... IS '...'`.
    CommentOn,
    /// `col type COMMENT '...'` and a table `COMMENT`.
    InlineComment,
    /// BigQuery's `OPTIONS(description = "...")`.
    Options,
    /// Keys are declared `NOT ENFORCED`.
    NotEnforced,
    /// Foreign keys only inside `CREATE TABLE` (no `ALTER TABLE ... ADD CONSTRAINT`).
    InlineForeignKey,
}

/// Words quoted when used as names (those the dialects share).
const RESERVED: &[&str] = &[
    "all",
    "and",
    "as",
    "asc",
    "between",
    "by",
    "case",
    "check",
    "column",
    "constraint",
    "create",
    "date",
    "default",
    "desc",
    "distinct",
    "else",
    "end",
    "exists",
    "false",
    "for",
    "foreign",
    "from",
    "group",
    "having",
    "in",
    "index",
    "insert",
    "into",
    "is",
    "join",
    "key",
    "like",
    "limit",
    "not",
    "null",
    "of",
    "on",
    "or",
    "order",
    "primary",
    "references",
    "select",
    "table",
    "then",
    "time",
    "timestamp",
    "to",
    "true",
    "union",
    "unique",
    "update",
    "user",
    "values",
    "when",
    "where",
    "with",
    "level",
    "size",
    "comment",
    "number",
    "value",
    "year",
];

/// Each logical type's column type in each dialect (in [`DIALECTS`] order). `{n}` is the
/// `maxLength` when there is one; the second form is used without it.
pub const TYPES: &[(&str, [(&str, &str); 10])] = &[
    (
        "string",
        [
            ("varchar({n})", "text"),
            ("varchar({n})", "varchar"),
            ("string({n})", "string"),
            ("string", "string"),
            ("varchar({n})", "varchar(65535)"),
            ("varchar({n})", "text"),
            ("nvarchar({n})", "nvarchar(max)"),
            ("varchar({n})", "varchar"),
            ("varchar({n})", "varchar"),
            ("varchar2({n})", "varchar2(4000)"),
        ],
    ),
    (
        "integer",
        [
            ("bigint", "bigint"),
            ("number(38,0)", "number(38,0)"),
            ("int64", "int64"),
            ("bigint", "bigint"),
            ("bigint", "bigint"),
            ("bigint", "bigint"),
            ("bigint", "bigint"),
            ("bigint", "bigint"),
            ("bigint", "bigint"),
            ("number(19)", "number(19)"),
        ],
    ),
    (
        "number",
        [
            ("numeric", "numeric"),
            ("number(38,9)", "number(38,9)"),
            ("numeric", "numeric"),
            ("decimal(38,9)", "decimal(38,9)"),
            ("decimal(38,9)", "decimal(38,9)"),
            ("decimal(38,9)", "decimal(38,9)"),
            ("decimal(38,9)", "decimal(38,9)"),
            ("decimal(38,9)", "decimal(38,9)"),
            ("decimal(38,9)", "decimal(38,9)"),
            ("number", "number"),
        ],
    ),
    (
        "boolean",
        [
            ("boolean", "boolean"),
            ("boolean", "boolean"),
            ("bool", "bool"),
            ("boolean", "boolean"),
            ("boolean", "boolean"),
            ("boolean", "boolean"),
            ("bit", "bit"),
            ("boolean", "boolean"),
            ("boolean", "boolean"),
            ("number(1)", "number(1)"),
        ],
    ),
    (
        "date",
        [
            ("date", "date"),
            ("date", "date"),
            ("date", "date"),
            ("date", "date"),
            ("date", "date"),
            ("date", "date"),
            ("date", "date"),
            ("date", "date"),
            ("date", "date"),
            ("date", "date"),
        ],
    ),
    (
        "timestamp",
        [
            ("timestamptz", "timestamptz"),
            ("timestamp_tz", "timestamp_tz"),
            ("timestamp", "timestamp"),
            ("timestamp", "timestamp"),
            ("timestamptz", "timestamptz"),
            ("datetime(6)", "datetime(6)"),
            ("datetimeoffset", "datetimeoffset"),
            ("timestamptz", "timestamptz"),
            ("timestamp(6) with time zone", "timestamp(6) with time zone"),
            ("timestamp with time zone", "timestamp with time zone"),
        ],
    ),
    (
        "time",
        [
            ("time", "time"),
            ("time", "time"),
            ("time", "time"),
            ("string", "string"),
            ("time", "time"),
            ("time", "time"),
            ("time", "time"),
            ("time", "time"),
            ("time", "time"),
            ("varchar2(18)", "varchar2(18)"),
        ],
    ),
    (
        "object",
        [
            ("jsonb", "jsonb"),
            ("object", "object"),
            ("json", "json"),
            ("string", "string"),
            ("super", "super"),
            ("json", "json"),
            ("nvarchar(max)", "nvarchar(max)"),
            ("json", "json"),
            ("json", "json"),
            ("clob", "clob"),
        ],
    ),
    (
        "array",
        [
            ("jsonb", "jsonb"),
            ("array", "array"),
            ("json", "json"),
            ("string", "string"),
            ("super", "super"),
            ("json", "json"),
            ("nvarchar(max)", "nvarchar(max)"),
            ("json", "json"),
            ("json", "json"),
            ("clob", "clob"),
        ],
    ),
];

/// Type names each dialect knows, for telling a `physicalType` it can use from one written
/// for another system (`STRING` in a Postgres export, or a domain such as `Name`).
fn known_types(d: Dialect) -> &'static [&'static str] {
    use Dialect::*;
    match d {
        Postgres | Redshift => &[
            "smallint",
            "integer",
            "int",
            "int2",
            "int4",
            "int8",
            "bigint",
            "serial",
            "bigserial",
            "smallserial",
            "numeric",
            "decimal",
            "real",
            "float4",
            "float8",
            "float",
            "double precision",
            "money",
            "text",
            "varchar",
            "character varying",
            "char",
            "character",
            "bpchar",
            "uuid",
            "date",
            "time",
            "timetz",
            "timestamp",
            "timestamptz",
            "interval",
            "boolean",
            "bool",
            "bytea",
            "json",
            "jsonb",
            "xml",
            "inet",
            "cidr",
            "macaddr",
            "super",
            "varbyte",
        ],
        Snowflake => &[
            "number",
            "decimal",
            "numeric",
            "int",
            "integer",
            "bigint",
            "smallint",
            "tinyint",
            "float",
            "float4",
            "float8",
            "double",
            "real",
            "varchar",
            "char",
            "string",
            "text",
            "binary",
            "varbinary",
            "boolean",
            "date",
            "time",
            "timestamp",
            "timestamp_ltz",
            "timestamp_ntz",
            "timestamp_tz",
            "variant",
            "object",
            "array",
            "geography",
        ],
        Bigquery => &[
            "int64",
            "int",
            "integer",
            "bigint",
            "numeric",
            "bignumeric",
            "decimal",
            "float64",
            "bool",
            "boolean",
            "string",
            "bytes",
            "date",
            "datetime",
            "time",
            "timestamp",
            "json",
            "geography",
            "interval",
        ],
        Databricks => &[
            "bigint",
            "int",
            "integer",
            "smallint",
            "tinyint",
            "decimal",
            "numeric",
            "double",
            "float",
            "string",
            "varchar",
            "char",
            "boolean",
            "date",
            "timestamp",
            "timestamp_ntz",
            "binary",
            "variant",
        ],
        Mysql => &[
            "tinyint",
            "smallint",
            "mediumint",
            "int",
            "integer",
            "bigint",
            "decimal",
            "numeric",
            "float",
            "double",
            "bit",
            "char",
            "varchar",
            "text",
            "tinytext",
            "mediumtext",
            "longtext",
            "binary",
            "varbinary",
            "blob",
            "date",
            "time",
            "datetime",
            "timestamp",
            "year",
            "json",
            "boolean",
            "bool",
        ],
        Sqlserver => &[
            "bigint",
            "int",
            "smallint",
            "tinyint",
            "bit",
            "decimal",
            "numeric",
            "money",
            "float",
            "real",
            "date",
            "time",
            "datetime",
            "datetime2",
            "datetimeoffset",
            "char",
            "varchar",
            "nchar",
            "nvarchar",
            "text",
            "ntext",
            "binary",
            "varbinary",
            "uniqueidentifier",
            "xml",
        ],
        Duckdb => &[
            "bigint",
            "int8",
            "integer",
            "int",
            "int4",
            "smallint",
            "tinyint",
            "hugeint",
            "decimal",
            "numeric",
            "double",
            "float",
            "real",
            "varchar",
            "text",
            "string",
            "char",
            "boolean",
            "bool",
            "date",
            "time",
            "timestamp",
            "timestamptz",
            "interval",
            "uuid",
            "blob",
            "json",
        ],
        Trino => &[
            "boolean",
            "tinyint",
            "smallint",
            "integer",
            "int",
            "bigint",
            "real",
            "double",
            "decimal",
            "varchar",
            "char",
            "varbinary",
            "json",
            "date",
            "time",
            "timestamp",
            "uuid",
        ],
        Oracle => &[
            "number",
            "float",
            "binary_float",
            "binary_double",
            "varchar2",
            "nvarchar2",
            "char",
            "nchar",
            "clob",
            "nclob",
            "blob",
            "raw",
            "date",
            "timestamp",
            "integer",
            "int",
            "smallint",
        ],
    }
}

/// How many arguments a type takes: `(p,s)` for decimals, `(n)` for lengths and
/// precisions, none for the rest.
fn arity(base: &str) -> usize {
    match base {
        "numeric" | "decimal" | "dec" | "number" | "bignumeric" => 2,
        "varchar" | "char" | "character" | "character varying" | "bpchar" | "nvarchar"
        | "nchar" | "varchar2" | "nvarchar2" | "float" | "binary" | "varbinary" | "bit"
        | "time" | "timestamp" | "timestamptz" | "datetime2" | "datetimeoffset" | "string"
        | "bytes" | "raw" | "timestamp_tz" | "timestamp_ntz" | "timestamp_ltz" | "varbyte"
        | "interval" => 1,
        _ => 0,
    }
}

/// Whether `t` is a type of `d`: a known name, with as many numeric arguments as it takes
/// at most (`varchar(36)`, `numeric(12,2)`; not `float(3,2)`, a MySQL form).
fn usable(d: Dialect, t: &str) -> bool {
    let t = t.trim().to_ascii_lowercase();
    let (base, args) = match t.find('(') {
        Some(i) => (t[..i].trim(), Some(&t[i..])),
        None => (t.as_str(), None),
    };
    let args_ok = match args {
        None => true,
        Some(a) => {
            let inner = a.strip_prefix('(').and_then(|a| a.strip_suffix(')'));
            inner.is_some_and(|inner| {
                let parts: Vec<&str> = inner.split(',').map(str::trim).collect();
                parts.len() <= arity(base)
                    && parts
                        .iter()
                        .all(|n| *n == "max" || n.parse::<u32>().is_ok())
            })
        }
    };
    args_ok && known_types(d).contains(&base)
}

/// The mapped type of a logical type here (`None` for a logical type with no mapping).
pub fn mapped(d: Dialect, logical: &str, max_length: Option<u64>) -> Option<String> {
    let row = TYPES.iter().find(|(l, _)| *l == logical)?;
    let (with, without) = row.1[d.index()];
    Some(match max_length {
        Some(n) if with.contains("{n}") => with.replace("{n}", &n.to_string()),
        _ => without.to_string(),
    })
}

/// A column's type here, and a note when its `physicalType` could not be used.
pub(crate) fn column_type(d: Dialect, c: &Column) -> (String, Option<String>) {
    if let Some(t) = &c.custom_type(d) {
        return (t.clone(), None);
    }
    if let Some(p) = &c.physical_type {
        if usable(d, p) {
            return (p.clone(), None);
        }
    }
    let logical = c.logical_type.as_deref().unwrap_or("string");
    // A key or unique string needs a bounded type where unbounded ones can't be indexed.
    let keyed = (c.primary_key || c.unique) && c.max_length.is_none();
    let t = match (d, logical) {
        (Dialect::Mysql, "string") if keyed => "varchar(255)".to_string(),
        (Dialect::Sqlserver, "string") if keyed => "nvarchar(450)".to_string(),
        _ => mapped(d, logical, c.max_length)
            .unwrap_or_else(|| mapped(d, "string", None).unwrap_or_else(|| "text".into())),
    };
    let note = c.physical_type.as_ref().map(|p| {
        format!(
            "{}: physicalType {p} is not a {} type: {t} from logicalType {logical}",
            c.name,
            d.name()
        )
    });
    (t, note)
}

/// `1`, `2.5`, `'A'`: a value in a CHECK constraint.
fn literal(d: Dialect, v: &Node) -> Option<String> {
    use crate::yaml::{NodeKind, Scalar};
    Some(match &v.kind {
        NodeKind::Scalar(Scalar::Int(i)) => i.to_string(),
        NodeKind::Scalar(Scalar::Float(f)) if f.is_finite() => f.to_string(),
        NodeKind::Scalar(Scalar::Str(s)) => d.string(s),
        NodeKind::Scalar(Scalar::Bool(b)) => b.to_string(),
        _ => return None,
    })
}

/// The DDL of a contract's schema in dialect `d`, in schema `schema` when given.
pub fn ddl(root: &Node, d: Dialect, schema: Option<&str>) -> String {
    let tables = objects(root);
    let contract = text(root.get("name"))
        .or_else(|| text(root.get("id")))
        .unwrap_or_else(|| "contract".into());
    let version = text(root.get("version")).unwrap_or_default();
    let mut out = format!(
        "-- {contract} {version}: {} DDL written by Charter from the data contract.\n",
        d.name()
    );
    let qualify = |t: &str| match schema {
        Some(s) => format!("{}.{}", d.quote(s), d.quote(t)),
        None => d.quote(t),
    };
    if let Some(s) = schema {
        out.push_str(&format!("CREATE SCHEMA IF NOT EXISTS {};\n", d.quote(s)));
    }
    let mut after = Vec::new();
    let mut created = Vec::new();
    for i in creation_order(&tables, d) {
        let t = &tables[i];
        out.push('\n');
        if t.columns.is_empty() {
            out.push_str(&format!(
                "-- {} has no properties: no table is created (a table needs a column)\n",
                t.name
            ));
            continue;
        }
        table(&mut out, &mut after, d, t, &tables, &created, &qualify);
        created.push(t.name.clone());
    }
    if !after.is_empty() {
        out.push('\n');
        for line in after {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// The order to create the tables in: where foreign keys are written inside `CREATE
/// TABLE` (DuckDB), each table after those it references (tables in a cycle keep their
/// order); elsewhere the contract's order.
fn creation_order(tables: &[Table], d: Dialect) -> Vec<usize> {
    let n = tables.len();
    if !d.has(Feature::InlineForeignKey) {
        return (0..n).collect();
    }
    let index = |name: &str| {
        tables
            .iter()
            .position(|t| t.name == name || t.sql_name == name)
    };
    // needs[i]: the tables i references (other than itself).
    let needs: Vec<Vec<usize>> = tables
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let mut v: Vec<usize> = t
                .columns
                .iter()
                .flat_map(|c| c.references.iter().filter_map(|(to, _)| index(to)))
                .filter(|&j| j != i)
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        })
        .collect();
    let mut done = vec![false; n];
    let mut order = Vec::with_capacity(n);
    // Each pass places every table whose references are placed: at most n passes.
    loop {
        let before = order.len();
        for i in 0..n {
            if !done[i] && needs[i].iter().all(|&j| done[j]) {
                done[i] = true;
                order.push(i);
            }
        }
        if order.len() == n || order.len() == before {
            break;
        }
    }
    order.extend((0..n).filter(|&i| !done[i]));
    order
}

fn table(
    out: &mut String,
    after: &mut Vec<String>,
    d: Dialect,
    t: &Table,
    all: &[Table],
    created: &[String],
    qualify: &dyn Fn(&str) -> String,
) {
    let name = qualify(&t.sql_name);
    let mut lines: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    for c in &t.columns {
        let (ty, note) = column_type(d, c);
        notes.extend(note);
        let mut line = format!("  {} {ty}", d.quote(&c.sql_name));
        if c.required || c.primary_key {
            line.push_str(" NOT NULL");
        }
        if let Some(desc) = &c.description {
            if d.has(Feature::InlineComment) {
                line.push_str(&format!(" COMMENT {}", d.string(desc)));
            } else if d.has(Feature::Options) {
                line.push_str(&format!(" OPTIONS(description = {})", d.string(desc)));
            }
        }
        lines.push(line);
    }
    // Keys.
    let keys = t.primary_key();
    if !keys.is_empty() {
        let cols = keys
            .iter()
            .map(|k| d.quote(k))
            .collect::<Vec<_>>()
            .join(", ");
        if d.has(Feature::PrimaryKey) {
            let tail = if d.has(Feature::NotEnforced) {
                " NOT ENFORCED"
            } else {
                ""
            };
            lines.push(format!(
                "  CONSTRAINT {} PRIMARY KEY ({cols}){tail}",
                d.quote(&format!("pk_{}", t.sql_name))
            ));
        } else {
            notes.push(format!(
                "primary key ({cols}): {} declares no keys",
                d.name()
            ));
        }
    }
    for c in t
        .columns
        .iter()
        .filter(|c| c.unique && !(c.primary_key && keys.len() == 1))
    {
        if d.has(Feature::Unique) {
            lines.push(format!(
                "  CONSTRAINT {} UNIQUE ({})",
                d.quote(&format!("uq_{}_{}", t.sql_name, c.sql_name)),
                d.quote(&c.sql_name)
            ));
        } else {
            notes.push(format!(
                "{} is unique: {} has no UNIQUE constraint",
                c.name,
                d.name()
            ));
        }
    }
    // CHECK constraints: enum values, ranges.
    for c in &t.columns {
        let mut checks = Vec::new();
        let col = d.quote(&c.sql_name);
        let values: Vec<String> = c.enum_values.iter().filter_map(|v| literal(d, v)).collect();
        if !values.is_empty() {
            checks.push(format!("{col} IN ({})", values.join(", ")));
        }
        let numeric = matches!(c.logical_type.as_deref(), Some("integer" | "number"));
        for (bound, op) in [
            ("minimum", ">="),
            ("maximum", "<="),
            ("exclusiveMinimum", ">"),
            ("exclusiveMaximum", "<"),
        ] {
            if let Some(v) = c
                .options
                .get(bound)
                .filter(|_| numeric)
                .and_then(|v| literal(d, v))
                .filter(|v| !v.starts_with('\'') && v != "true" && v != "false")
            {
                checks.push(format!("{col} {op} {v}"));
            }
        }
        if checks.is_empty() {
            continue;
        }
        if d.has(Feature::Check) {
            lines.push(format!(
                "  CONSTRAINT {} CHECK ({})",
                d.quote(&format!("ck_{}_{}", t.sql_name, c.sql_name)),
                checks.join(" AND ")
            ));
        } else {
            notes.push(format!(
                "{}: {} ({} has no CHECK constraint)",
                c.name,
                checks.join(" AND "),
                d.name()
            ));
        }
    }
    // Foreign keys: inside CREATE TABLE where the dialect wants them there (the table
    // referenced is created first), else once every table exists.
    for c in &t.columns {
        for (to_table, to_column) in &c.references {
            let target = all
                .iter()
                .find(|x| &x.name == to_table || &x.sql_name == to_table);
            let target_col = target.and_then(|x| {
                x.columns
                    .iter()
                    .find(|k| &k.name == to_column || &k.sql_name == to_column)
            });
            let (Some(x), Some(k)) = (target, target_col) else {
                after.push(format!(
                    "-- {}.{} references {to_table}.{to_column}, which is not in this contract: no FOREIGN KEY",
                    t.name, c.name
                ));
                continue;
            };
            let is_key = (k.primary_key && x.primary_key().len() == 1) || k.unique;
            if !is_key {
                after.push(format!(
                    "-- {}.{} references {to_table}.{to_column}, which is neither the primary key nor unique: no FOREIGN KEY",
                    t.name, c.name
                ));
                continue;
            }
            if !d.has(Feature::ForeignKey) {
                after.push(format!(
                    "-- {}.{} references {}.{}: {} declares no foreign keys",
                    t.name,
                    c.name,
                    x.name,
                    k.name,
                    d.name()
                ));
                continue;
            }
            let tail = if d.has(Feature::NotEnforced) {
                " NOT ENFORCED"
            } else {
                ""
            };
            if d.has(Feature::InlineForeignKey) {
                if created.contains(&x.name) || x.name == t.name {
                    lines.push(format!(
                        "  CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({})",
                        d.quote(&format!("fk_{}_{}", t.sql_name, c.sql_name)),
                        d.quote(&c.sql_name),
                        qualify(&x.sql_name),
                        d.quote(&k.sql_name)
                    ));
                } else {
                    notes.push(format!(
                        "{} references {}.{}, created later (a cycle): {} adds foreign keys only in CREATE TABLE",
                        c.name,
                        x.name,
                        k.name,
                        d.name()
                    ));
                }
                continue;
            }
            after.push(format!(
                "ALTER TABLE {name} ADD CONSTRAINT {} FOREIGN KEY ({}) REFERENCES {} ({}){tail};",
                d.quote(&format!("fk_{}_{}", t.sql_name, c.sql_name)),
                d.quote(&c.sql_name),
                qualify(&x.sql_name),
                d.quote(&k.sql_name)
            ));
        }
    }
    for n in &notes {
        out.push_str(&format!("-- {}\n", one_line(n)));
    }
    out.push_str(&format!("CREATE TABLE {name} (\n{}\n)", lines.join(",\n")));
    if let Some(desc) = &t.description {
        if d.has(Feature::InlineComment) {
            out.push_str(&format!(" COMMENT {}", d.string(desc)));
        } else if d.has(Feature::Options) {
            out.push_str(&format!(" OPTIONS(description = {})", d.string(desc)));
        }
    }
    out.push_str(";\n");
    if d.has(Feature::CommentOn) {
        if let Some(desc) = &t.description {
            out.push_str(&format!("COMMENT ON TABLE {name} IS {};\n", d.string(desc)));
        }
        for c in &t.columns {
            if let Some(desc) = &c.description {
                out.push_str(&format!(
                    "COMMENT ON COLUMN {name}.{} IS {};\n",
                    d.quote(&c.sql_name),
                    d.string(desc)
                ));
            }
        }
    }
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

/// The reference page of the type mapping, in Markdown.
pub fn types_markdown() -> String {
    let mut s = String::from(
        "# SQL types of `charter export --format sql`\n\n<!-- Generated from crates/core/src/export/sql.rs by `charter export --types`. Do not edit. -->\n\n\
         A column's type is, in this order: its `<dialect>Type` custom property (`postgresType: numeric(12,2)`), its\n\
         `physicalType` when the dialect knows that type, or the mapping of its `logicalType` below (`n` is\n\
         `logicalTypeOptions.maxLength`; without it, the second form). `--dialect auto` (the default) takes the dialect\n\
         of the contract's first server with a SQL type, else `postgres`. A primary key or unique string column\n\
         without `maxLength` is `varchar(255)` in MySQL and `nvarchar(450)` in SQL Server, which can't index unbounded text.\n\n| logical type |",
    );
    for d in DIALECTS {
        s.push_str(&format!(" {} |", d.name()));
    }
    s.push_str("\n| --- |");
    for _ in DIALECTS {
        s.push_str(" --- |");
    }
    s.push('\n');
    for (logical, row) in TYPES {
        s.push_str(&format!("| `{logical}` |"));
        for (with, without) in row {
            if with == without {
                s.push_str(&format!(" `{with}` |"));
            } else {
                s.push_str(&format!(" `{}` / `{without}` |", with.replace("{n}", "n")));
            }
        }
        s.push('\n');
    }
    s.push_str("\nConstraints by dialect: primary and foreign keys everywhere but Trino (BigQuery declares them `NOT ENFORCED`);\n`UNIQUE` everywhere but Trino, BigQuery and Databricks; `CHECK` (enum values, numeric ranges) in Postgres, MySQL,\nSQL Server, DuckDB and Oracle; descriptions as `COMMENT ON` (Postgres, Redshift, Oracle, Snowflake, DuckDB, Trino),\ninline `COMMENT` (MySQL, Databricks) or `OPTIONS(description)` (BigQuery). What a dialect lacks is written as a SQL\ncomment above its table. A foreign key is declared only when it points at the primary key or a unique column of a\ntable of the same contract.\n");
    s
}

//! `CREATE TABLE` scripts to an ODCS v3.2.0 contract: a schema object per table, a property
//! per column with its logical type (from the SQL type), the SQL type as `physicalType`,
//! `NOT NULL` as `required`, primary keys (with their positions), `UNIQUE`, foreign keys as
//! relationships, and `COMMENT ON` / inline comments as descriptions. `ALTER TABLE ... ADD
//! CONSTRAINT` keys are read too.

use super::{id_of, Contract, Object, Prop};
use crate::export::Dialect;
use sqlparser::ast::{
    AlterTableOperation, ColumnOption, CommentObject, ObjectName, Statement, TableConstraint,
};
use sqlparser::dialect;
use sqlparser::parser::Parser;

#[derive(Default)]
struct Col {
    name: String,
    sql_type: String,
    required: bool,
    unique: bool,
    key_position: Option<usize>,
    description: Option<String>,
    references: Option<(String, String)>,
}

#[derive(Default)]
struct Tab {
    name: String,
    description: Option<String>,
    columns: Vec<Col>,
}

fn last(name: &ObjectName) -> String {
    name.0
        .last()
        .map(|p| p.to_string().trim_matches(['"', '`', '[', ']']).to_string())
        .unwrap_or_default()
}

fn ident(s: &str) -> String {
    s.trim_matches(['"', '`', '[', ']']).to_string()
}

/// The logical type of a SQL type, and its length when it has one.
pub fn logical_type(sql_type: &str) -> (&'static str, Option<u64>) {
    let t = sql_type.trim().to_ascii_lowercase();
    if t.ends_with("[]") || t.starts_with("array") {
        return ("array", None);
    }
    let base = t.split('(').next().unwrap_or("").trim();
    let length = t
        .split_once('(')
        .and_then(|(_, rest)| rest.split([')', ',']).next())
        .and_then(|n| n.trim().parse::<u64>().ok());
    let logical = match base {
        b if b.contains("char")
            || b.contains("text")
            || b == "string"
            || b == "uuid"
            || b == "clob"
            || b == "nclob"
            || b == "xml"
            || b == "varchar2"
            || b == "nvarchar2"
            || b == "uniqueidentifier" =>
        {
            "string"
        }
        "int" | "integer" | "bigint" | "smallint" | "tinyint" | "mediumint" | "int2" | "int4"
        | "int8" | "int64" | "serial" | "bigserial" | "smallserial" | "hugeint" => "integer",
        b if b.starts_with("numeric")
            || b.starts_with("decimal")
            || b.starts_with("number")
            || b.starts_with("float")
            || b.starts_with("double")
            || b == "real"
            || b == "money"
            || b == "bignumeric"
            || b == "dec" =>
        {
            // Oracle and Snowflake write integers as number(p,0) or number(19).
            if b == "number" && (t.contains(",0)") || t.ends_with("(19)")) {
                "integer"
            } else {
                "number"
            }
        }
        "bool" | "boolean" | "bit" => "boolean",
        "date" => "date",
        b if b.starts_with("timestamp") || b.starts_with("datetime") => "timestamp",
        b if b.starts_with("time") => "time",
        "json" | "jsonb" | "object" | "variant" | "super" | "struct" | "map" => "object",
        _ => "string",
    };
    let length = (logical == "string").then_some(length).flatten();
    (logical, length)
}

/// The parser of the `sqlparser` crate for dialect `d` (a generic one for the others).
pub fn parser_dialect(d: Option<Dialect>) -> Box<dyn dialect::Dialect> {
    match d {
        Some(Dialect::Postgres) | Some(Dialect::Redshift) => {
            Box::new(dialect::PostgreSqlDialect {})
        }
        Some(Dialect::Snowflake) => Box::new(dialect::SnowflakeDialect {}),
        Some(Dialect::Bigquery) => Box::new(dialect::BigQueryDialect {}),
        Some(Dialect::Databricks) => Box::new(dialect::DatabricksDialect {}),
        Some(Dialect::Mysql) => Box::new(dialect::MySqlDialect {}),
        Some(Dialect::Sqlserver) => Box::new(dialect::MsSqlDialect {}),
        Some(Dialect::Duckdb) => Box::new(dialect::DuckDbDialect {}),
        Some(Dialect::Trino) | Some(Dialect::Oracle) | None => Box::new(dialect::GenericDialect {}),
    }
}

fn apply_constraint(t: &mut Tab, c: &TableConstraint) {
    match c {
        TableConstraint::PrimaryKey(pk) => {
            for (i, col) in pk.columns.iter().enumerate() {
                let name = ident(&col.column.expr.to_string());
                if let Some(x) = t.columns.iter_mut().find(|x| x.name == name) {
                    x.key_position = Some(i + 1);
                    x.required = true;
                }
            }
        }
        TableConstraint::Unique(u) => {
            if let [one] = u.columns.as_slice() {
                let name = ident(&one.column.expr.to_string());
                if let Some(x) = t.columns.iter_mut().find(|x| x.name == name) {
                    x.unique = true;
                }
            }
        }
        TableConstraint::ForeignKey(fk) => {
            if let ([from], [to]) = (fk.columns.as_slice(), fk.referred_columns.as_slice()) {
                let name = ident(&from.value);
                if let Some(x) = t.columns.iter_mut().find(|x| x.name == name) {
                    x.references = Some((last(&fk.foreign_table), ident(&to.value)));
                }
            }
        }
        _ => {}
    }
}

/// The contract a SQL script describes, as YAML; `name` names it (a file's stem).
pub fn import(sql: &str, d: Option<Dialect>, name: &str) -> Result<String, String> {
    let statements = Parser::parse_sql(&*parser_dialect(d), sql)
        .map_err(|e| format!("the SQL can't be read: {e}"))?;
    let mut tables: Vec<Tab> = Vec::new();
    for s in &statements {
        match s {
            Statement::CreateTable(ct) => {
                let mut t = Tab {
                    name: last(&ct.name),
                    description: ct
                        .comment
                        .as_ref()
                        .map(|c| c.to_string().trim_matches('\'').to_string()),
                    ..Tab::default()
                };
                for c in &ct.columns {
                    let mut col = Col {
                        name: ident(&c.name.value),
                        sql_type: c.data_type.to_string(),
                        ..Col::default()
                    };
                    for o in &c.options {
                        match &o.option {
                            ColumnOption::NotNull => col.required = true,
                            ColumnOption::PrimaryKey(_) => {
                                col.key_position = Some(1);
                                col.required = true;
                            }
                            ColumnOption::Unique(_) => col.unique = true,
                            ColumnOption::ForeignKey(fk) => {
                                if let Some(to) = fk.referred_columns.first() {
                                    col.references =
                                        Some((last(&fk.foreign_table), ident(&to.value)));
                                }
                            }
                            ColumnOption::Comment(text) => col.description = Some(text.clone()),
                            _ => {}
                        }
                    }
                    t.columns.push(col);
                }
                for c in &ct.constraints {
                    apply_constraint(&mut t, c);
                }
                tables.push(t);
            }
            Statement::AlterTable(at) => {
                let table = last(&at.name);
                if let Some(t) = tables.iter_mut().find(|t| t.name == table) {
                    for op in &at.operations {
                        if let AlterTableOperation::AddConstraint { constraint, .. } = op {
                            apply_constraint(t, constraint);
                        }
                    }
                }
            }
            Statement::Comment {
                object_type,
                object_name,
                comment,
                ..
            } => {
                let Some(text) = comment.clone() else {
                    continue;
                };
                match object_type {
                    CommentObject::Table => {
                        let n = last(object_name);
                        if let Some(t) = tables.iter_mut().find(|t| t.name == n) {
                            t.description = Some(text);
                        }
                    }
                    CommentObject::Column => {
                        let parts: Vec<String> = object_name
                            .0
                            .iter()
                            .map(|p| ident(&p.to_string()))
                            .collect();
                        if let [.., table, column] = parts.as_slice() {
                            if let Some(c) = tables
                                .iter_mut()
                                .find(|t| &t.name == table)
                                .and_then(|t| t.columns.iter_mut().find(|c| &c.name == column))
                            {
                                c.description = Some(text);
                            }
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    if tables.is_empty() {
        return Err("the SQL has no CREATE TABLE statement: nothing to make a contract of".into());
    }
    Ok(yaml(&tables, name))
}

fn yaml(tables: &[Tab], name: &str) -> String {
    let objects = tables
        .iter()
        .map(|t| Object {
            name: t.name.clone(),
            physical_name: Some(t.name.clone()),
            physical_type: Some("table".into()),
            description: t.description.clone(),
            properties: t
                .columns
                .iter()
                .map(|c| {
                    let (logical, length) = logical_type(&c.sql_type);
                    Prop {
                        name: c.name.clone(),
                        description: c.description.clone(),
                        logical,
                        physical: Some(c.sql_type.to_ascii_lowercase()),
                        options: length
                            .map(|n| ("maxLength".to_string(), n.into()))
                            .into_iter()
                            .collect(),
                        required: c.required,
                        unique: c.unique,
                        key_position: c.key_position,
                        references: c.references.as_ref().map(|(t, c)| format!("{t}.{c}")),
                        ..Prop::default()
                    }
                })
                .collect(),
            ..Object::default()
        })
        .collect();
    Contract {
        id: id_of(name),
        name: name.to_string(),
        objects,
        ..Contract::default()
    }
    .yaml()
}

//! dbt YAML: a model per schema object (`--format dbt`) or the objects as the tables of a
//! source (`--format dbt-sources`, the database and schema of the contract's first server),
//! with column descriptions, data types and tests: `not_null` for required columns,
//! `unique`, `accepted_values` for `enum` values, `relationships` for references and
//! `dbt_utils.accepted_range` for numeric ranges, their arguments under `arguments` (dbt
//! 1.10 and later; dbt-core 1.10 parses the files in the tests); `data_type` is the column's type in the
//! warehouse of the contract's servers, as `--format sql` writes it. Names dbt refuses
//! (spaces, dots) are made valid, the table's own kept as `alias` / `identifier`. Strings are written double-quoted, so no
//! value can change the YAML's structure.

use super::{objects, text, Column, Table};
use crate::yaml::Node;

fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// A name dbt accepts for a model or source (letters, digits, `_`): `Orders Event Stream`
/// → `Orders_Event_Stream`; the table's own name goes to `alias` / `identifier`.
fn dbt_name(s: &str) -> String {
    super::word_name(s)
}

fn tests(c: &Column, tables: &[Table], sources: Option<&str>) -> Vec<String> {
    let mut t = Vec::new();
    if c.required || c.primary_key {
        t.push("not_null".to_string());
    }
    if c.unique || c.primary_key {
        // A composite key is unique as a whole, not per column: left to the table.
        t.push("unique".to_string());
    }
    let values: Vec<String> = c
        .enum_values
        .iter()
        .map(|v| match v.to_json() {
            serde_json::Value::String(s) => q(&s),
            other => other.to_string(),
        })
        .collect();
    if !values.is_empty() {
        t.push(format!(
            "accepted_values:\n              arguments:\n                values: [{}]",
            values.join(", ")
        ));
    }
    for (to, col) in &c.references {
        if let Some(target) = tables.iter().find(|x| &x.name == to || &x.sql_name == to) {
            let r = match sources {
                Some(s) => format!(
                    "source({}, {})",
                    q(&dbt_name(s)).replace('"', "'"),
                    q(&dbt_name(&target.sql_name)).replace('"', "'")
                ),
                None => format!("ref({})", q(&dbt_name(&target.name)).replace('"', "'")),
            };
            t.push(format!(
                "relationships:\n              arguments:\n                to: {}\n                field: {}",
                q(&r),
                q(col)
            ));
        }
    }
    let (min, max) = (c.options.get("minimum"), c.options.get("maximum"));
    if matches!(c.logical_type.as_deref(), Some("integer" | "number"))
        && (min.is_some() || max.is_some())
    {
        let mut s = String::from("dbt_utils.accepted_range:\n              arguments:");
        if let Some(v) = min {
            s.push_str(&format!("\n                min_value: {}", v.to_json()));
        }
        if let Some(v) = max {
            s.push_str(&format!("\n                max_value: {}", v.to_json()));
        }
        t.push(s);
    }
    t
}

#[allow(clippy::too_many_arguments)]
fn columns(
    out: &mut String,
    t: &Table,
    all: &[Table],
    sources: Option<&str>,
    pad: &str,
    dialect: super::Dialect,
) {
    let keys = t.primary_key();
    if t.columns.is_empty() {
        return;
    }
    out.push_str(&format!("{pad}columns:\n"));
    for c in &t.columns {
        out.push_str(&format!("{pad}  - name: {}\n", q(&c.sql_name)));
        if let Some(d) = &c.description {
            out.push_str(&format!("{pad}    description: {}\n", q(d)));
        }
        // The warehouse's type, as the SQL export writes it.
        let ty = super::sql::column_type(dialect, c).0;
        out.push_str(&format!("{pad}    data_type: {}\n", q(&ty)));
        let mut ts = tests(c, all, sources);
        if keys.len() > 1 && !c.unique {
            ts.retain(|x| x != "unique");
        }
        if !ts.is_empty() {
            out.push_str(&format!("{pad}    data_tests:\n"));
            for x in ts {
                // Indent the test's own lines under its list item.
                let x = x.replace("\n              ", &format!("\n{pad}          "));
                out.push_str(&format!("{pad}      - {x}\n"));
            }
        }
    }
}

/// The warehouse of the contract's servers (Postgres when none says).
fn dialect(root: &Node) -> super::Dialect {
    super::Dialect::of_servers(root).unwrap_or(super::Dialect::Postgres)
}

/// The models YAML.
pub fn models(root: &Node) -> String {
    let tables = objects(root);
    let mut out = String::from("version: 2\n\nmodels:\n");
    for t in &tables {
        let name = dbt_name(&t.name);
        out.push_str(&format!("  - name: {}\n", q(&name)));
        if let Some(d) = &t.description {
            out.push_str(&format!("    description: {}\n", q(d)));
        }
        if name != t.sql_name {
            out.push_str(&format!("    config:\n      alias: {}\n", q(&t.sql_name)));
        }
        columns(&mut out, t, &tables, None, "    ", dialect(root));
    }
    out
}

/// The sources YAML.
pub fn sources(root: &Node) -> String {
    let tables = objects(root);
    let server = root
        .get("servers")
        .and_then(Node::as_seq)
        .and_then(|s| s.first());
    let name = text(root.get("domain"))
        .or_else(|| text(root.get("name")))
        .unwrap_or_else(|| "contract".into());
    let mut out = format!(
        "version: 2\n\nsources:\n  - name: {}\n",
        q(&dbt_name(&name))
    );
    if let Some(d) = server.and_then(|s| text(s.get("database")).or_else(|| text(s.get("project"))))
    {
        out.push_str(&format!("    database: {}\n", q(&d)));
    }
    if let Some(s) = server.and_then(|s| text(s.get("schema")).or_else(|| text(s.get("dataset")))) {
        out.push_str(&format!("    schema: {}\n", q(&s)));
    }
    out.push_str("    tables:\n");
    for t in &tables {
        let table = dbt_name(&t.sql_name);
        out.push_str(&format!("      - name: {}\n", q(&table)));
        if table != t.sql_name {
            out.push_str(&format!("        identifier: {}\n", q(&t.sql_name)));
        }
        if let Some(d) = &t.description {
            out.push_str(&format!("        description: {}\n", q(d)));
        }
        columns(&mut out, t, &tables, Some(&name), "        ", dialect(root));
    }
    out
}

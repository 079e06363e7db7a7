//! Migration SQL from one version of a contract to the next: the `ALTER TABLE` statements
//! that take a database made from the base's DDL to the new one's — tables created and
//! dropped, columns added, dropped, renamed (when a stable `id` proves it), retyped, made
//! required or optional, primary keys and unique constraints changed. Each step that breaks
//! someone is preceded by a comment saying whom and why; a step the data may refuse (a type
//! change, `NOT NULL` on a column with empty rows) says so. Written for the dialects with
//! PostgreSQL's `ALTER TABLE` (postgres, redshift, duckdb, snowflake).

use super::sql::{self, Dialect};
use super::{objects, text, Column, Table};
use crate::yaml::Node;

/// Whether `d` takes the migration statements Charter writes.
pub fn supported(d: Dialect) -> bool {
    matches!(
        d,
        Dialect::Postgres | Dialect::Redshift | Dialect::Duckdb | Dialect::Snowflake
    )
}

fn same_column(a: &Column, b: &Column) -> bool {
    match (&a.id, &b.id) {
        (Some(x), Some(y)) => x == y,
        _ => a.sql_name == b.sql_name,
    }
}

/// The migration from `base` to `new` in dialect `d`.
pub fn migration(base: &Node, new: &Node, d: Dialect) -> Result<String, String> {
    if !supported(d) {
        return Err(format!(
            "migration SQL is written for postgres, redshift, duckdb and snowflake, not {}",
            d.name()
        ));
    }
    let (old, new_tables) = (objects(base), objects(new));
    let q = |s: &str| d.quote_name(s);
    let mut out = format!(
        "-- Migration of {} from {} to {} ({}), written by Charter from the two contracts.\n",
        text(new.get("name"))
            .or_else(|| text(new.get("id")))
            .unwrap_or_else(|| "the contract".into()),
        text(base.get("version")).unwrap_or_else(|| "?".into()),
        text(new.get("version")).unwrap_or_else(|| "?".into()),
        d.name()
    );
    let find = |list: &[Table], t: &Table| -> Option<usize> {
        list.iter()
            .position(|x| x.sql_name == t.sql_name || x.name == t.name)
    };
    // Tables created.
    let created: Vec<&Table> = new_tables
        .iter()
        .filter(|t| find(&old, t).is_none())
        .collect();
    if !created.is_empty() {
        let mut only = new.clone();
        // The new tables' DDL, as the export writes it.
        if let crate::yaml::NodeKind::Map(entries) = &mut only.kind {
            for e in entries.iter_mut().filter(|e| e.key == "schema") {
                if let crate::yaml::NodeKind::Seq(items) = &mut e.value.kind {
                    items.retain(|o| {
                        let n = text(o.get("name")).unwrap_or_default();
                        created.iter().any(|t| t.name == n)
                    });
                }
            }
        }
        let ddl = sql::ddl(&only, d, None);
        out.push_str("\n-- New tables.\n");
        out.push_str(ddl.split_once('\n').map(|x| x.1).unwrap_or("").trim_start());
    }
    for t in &old {
        let Some(j) = find(&new_tables, t) else {
            out.push_str(&format!(
                "\n-- Breaks consumers: every query reading {} fails.\nDROP TABLE {};\n",
                t.name,
                q(&t.sql_name)
            ));
            continue;
        };
        let n = &new_tables[j];
        let table = q(&t.sql_name);
        let mut steps: Vec<String> = Vec::new();
        let (old_pk, new_pk) = (t.primary_key(), n.primary_key());
        if old_pk != new_pk && !old_pk.is_empty() {
            steps.push(format!(
                "-- Breaks consumers and producers: joins, upserts and deduplication use the primary key.\nALTER TABLE {table} DROP CONSTRAINT {};",
                q(&format!("pk_{}", t.sql_name))
            ));
        }
        for c in &t.columns {
            if let Some(u) = n.columns.iter().find(|u| same_column(c, u)) {
                if u.sql_name != c.sql_name {
                    steps.push(format!(
                        "-- Breaks consumers and producers: they address the column by its name.\nALTER TABLE {table} RENAME COLUMN {} TO {};",
                        q(&c.sql_name),
                        q(&u.sql_name)
                    ));
                }
                let col = q(&u.sql_name);
                let (ot, nt) = (sql::column_type(d, c).0, sql::column_type(d, u).0);
                if !ot.eq_ignore_ascii_case(&nt) {
                    let using = if d == Dialect::Postgres || d == Dialect::Redshift {
                        format!(" USING {col}::{nt}")
                    } else {
                        String::new()
                    };
                    steps.push(format!(
                        "-- Breaks consumers and producers: {ot} → {nt} rewrites the column; values that don't convert make it fail.\nALTER TABLE {table} ALTER COLUMN {col} TYPE {nt}{using};"
                    ));
                }
                let (or, nr) = (c.required || c.primary_key, u.required || u.primary_key);
                if or && !nr {
                    steps.push(format!(
                        "-- Breaks consumers: readers that assumed a value now meet nulls.\nALTER TABLE {table} ALTER COLUMN {col} DROP NOT NULL;"
                    ));
                } else if !or && nr {
                    steps.push(format!(
                        "-- Breaks producers: writers must now give a value; fails while a row has none (backfill first).\nALTER TABLE {table} ALTER COLUMN {col} SET NOT NULL;"
                    ));
                }
                let (ou, nu) = (
                    c.unique && !(c.primary_key && old_pk.len() == 1),
                    u.unique && !(u.primary_key && new_pk.len() == 1),
                );
                if ou && !nu {
                    steps.push(format!(
                        "-- Breaks consumers: readers that join on it meet duplicates.\nALTER TABLE {table} DROP CONSTRAINT {};",
                        q(&format!("uq_{}_{}", t.sql_name, c.sql_name))
                    ));
                } else if !ou && nu {
                    steps.push(format!(
                        "-- Breaks producers: duplicates are refused (fails while some exist).\nALTER TABLE {table} ADD CONSTRAINT {} UNIQUE ({col});",
                        q(&format!("uq_{}_{}", n.sql_name, u.sql_name))
                    ));
                }
            } else {
                steps.push(format!(
                    "-- Breaks consumers: readers that select {} fail.\nALTER TABLE {table} DROP COLUMN {};",
                    c.name,
                    q(&c.sql_name)
                ));
            }
        }
        for u in n
            .columns
            .iter()
            .filter(|u| !t.columns.iter().any(|c| same_column(c, u)))
        {
            let ty = sql::column_type(d, u).0;
            let col = q(&u.sql_name);
            steps.push(format!("ALTER TABLE {table} ADD COLUMN {col} {ty};"));
            if u.required || u.primary_key {
                steps.push(format!(
                    "-- Breaks producers: a new required column; fails while a row has no value (backfill first).\nALTER TABLE {table} ALTER COLUMN {col} SET NOT NULL;"
                ));
            }
        }
        if old_pk != new_pk && !new_pk.is_empty() {
            let cols = new_pk.iter().map(|k| q(k)).collect::<Vec<_>>().join(", ");
            steps.push(format!(
                "ALTER TABLE {table} ADD CONSTRAINT {} PRIMARY KEY ({cols});",
                q(&format!("pk_{}", n.sql_name))
            ));
        }
        if !steps.is_empty() {
            out.push_str(&format!("\n-- {}\n", t.name));
            for s in steps {
                out.push_str(&s);
                out.push('\n');
            }
        }
    }
    Ok(out)
}

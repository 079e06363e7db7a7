//! Migration SQL from one version of a contract to the next: the `ALTER TABLE` statements
//! that take a database made from the base's DDL to the new one's — tables created and
//! dropped, columns added, dropped, renamed (when a stable `id` proves it), retyped, made
//! required or optional, primary keys and unique constraints changed. Each step that breaks
//! someone is preceded by a comment saying whom and why; a step the data may refuse (a type
//! change, `NOT NULL` on a column with empty rows) says so, and a step the dialect can't do
//! in place (BigQuery and Trino add no `NOT NULL` to a column, Redshift retypes only
//! `varchar`s) is written as a comment saying what to do instead. Every dialect of the SQL
//! export is written in its own syntax (`MODIFY` in MySQL and Oracle, `sp_rename` in SQL
//! Server, ...).

use super::sql::{self, Dialect, Feature};
use super::{objects, text, Column, Table};
use crate::yaml::Node;

fn same_column(a: &Column, b: &Column) -> bool {
    match (&a.id, &b.id) {
        (Some(x), Some(y)) => x == y,
        _ => a.sql_name == b.sql_name,
    }
}

/// One change to a table, before it is written in a dialect.
enum Step<'a> {
    Rename(&'a str, &'a str),
    /// Column, old type, new type, required after the change.
    Retype(&'a str, String, String, bool),
    /// Column, its type, required after the change.
    Nullability(&'a str, String, bool),
    /// Column, and whether an index (key or unique) uses a column after it (DuckDB can't
    /// drop it then).
    Drop(&'a str, bool),
    Add(&'a str, String),
    DropKey(String),
    /// Constraint name, columns, whether a key was there before.
    AddKey(String, String, bool),
    DropUnique(String),
    AddUnique(String, &'a str),
}

/// `step` in dialect `d` on `table` (quoted): the statement, or why it can't be done in
/// place (written as a comment).
fn statement(d: Dialect, table: &str, step: &Step) -> Result<String, String> {
    use Dialect::*;
    let q = |s: &str| d.quote_name(s);
    let null = |required: bool| if required { "NOT NULL" } else { "NULL" };
    Ok(match step {
        Step::Rename(from, to) => match d {
            Sqlserver => format!(
                "EXEC sp_rename '{}.{}', '{}', 'COLUMN';",
                table.replace('\'', "''"),
                q(from).replace('\'', "''"),
                to.replace('\'', "''")
            ),
            _ => format!("ALTER TABLE {table} RENAME COLUMN {} TO {};", q(from), q(to)),
        },
        Step::Retype(col, old, ty, required) => match d {
            Postgres => format!(
                "ALTER TABLE {table} ALTER COLUMN {c} TYPE {ty} USING {c}::{ty};",
                c = q(col)
            ),
            Redshift
                if old.to_ascii_lowercase().starts_with("varchar")
                    && ty.to_ascii_lowercase().starts_with("varchar") =>
            {
                format!("ALTER TABLE {table} ALTER COLUMN {} TYPE {ty};", q(col))
            }
            Redshift => {
                return Err(format!(
                    "Redshift changes only a varchar's length in place: add a {ty} column, copy the values, drop {col} and rename the new one"
                ))
            }
            Duckdb | Snowflake | Databricks => {
                format!("ALTER TABLE {table} ALTER COLUMN {} TYPE {ty};", q(col))
            }
            Mysql => format!(
                "ALTER TABLE {table} MODIFY COLUMN {} {ty} {};",
                q(col),
                null(*required)
            ),
            Sqlserver => format!(
                "ALTER TABLE {table} ALTER COLUMN {} {ty} {};",
                q(col),
                null(*required)
            ),
            Oracle => format!("ALTER TABLE {table} MODIFY {} {ty};", q(col)),
            Bigquery | Trino => {
                format!("ALTER TABLE {table} ALTER COLUMN {} SET DATA TYPE {ty};", q(col))
            }
        },
        Step::Nullability(col, ty, required) => match (d, required) {
            (Mysql, _) => format!("ALTER TABLE {table} MODIFY COLUMN {} {ty} {};", q(col), null(*required)),
            (Sqlserver, _) => format!("ALTER TABLE {table} ALTER COLUMN {} {ty} {};", q(col), null(*required)),
            (Oracle, _) => format!("ALTER TABLE {table} MODIFY {} {};", q(col), null(*required)),
            (Redshift, _) => {
                return Err(format!(
                    "Redshift can't change {col}'s NOT NULL in place: add a new {} column, copy the values, drop {col} and rename the new one",
                    if *required { "NOT NULL" } else { "nullable" }
                ))
            }
            (Bigquery | Trino, true) => {
                return Err(format!(
                    "{} can't make an existing column NOT NULL: add a new required column, copy the values, drop {col} and rename the new one",
                    d.name()
                ))
            }
            (_, true) => format!("ALTER TABLE {table} ALTER COLUMN {} SET NOT NULL;", q(col)),
            (_, false) => format!("ALTER TABLE {table} ALTER COLUMN {} DROP NOT NULL;", q(col)),
        },
        Step::Drop(col, true) if d == Duckdb => {
            return Err(format!(
                "DuckDB drops no column while a key or UNIQUE index uses a column after it: create the table anew without {col} and copy the rows"
            ))
        }
        Step::Drop(col, _) => format!("ALTER TABLE {table} DROP COLUMN {};", q(col)),
        Step::Add(col, ty) => match d {
            Sqlserver | Oracle => format!("ALTER TABLE {table} ADD {} {ty};", q(col)),
            _ => format!("ALTER TABLE {table} ADD COLUMN {} {ty};", q(col)),
        },
        Step::DropKey(name) => match d {
            Mysql | Bigquery => format!("ALTER TABLE {table} DROP PRIMARY KEY;"),
            Duckdb => {
                return Err(
                    "DuckDB drops no constraint in place: create the table anew with the new key and copy the rows".into(),
                )
            }
            _ if !d.has(Feature::PrimaryKey) => {
                return Err(format!("{} declares no keys", d.name()))
            }
            _ => format!("ALTER TABLE {table} DROP CONSTRAINT {};", q(name)),
        },
        Step::AddKey(name, cols, replacing) => match d {
            _ if !d.has(Feature::PrimaryKey) => {
                return Err(format!("{} declares no keys: the key is ({cols})", d.name()))
            }
            Duckdb if *replacing => {
                return Err(format!(
                    "DuckDB keeps the old key: the new one, ({cols}), comes with the table created anew"
                ))
            }
            Bigquery => format!("ALTER TABLE {table} ADD PRIMARY KEY ({cols}) NOT ENFORCED;"),
            _ => format!(
                "ALTER TABLE {table} ADD CONSTRAINT {} PRIMARY KEY ({cols}){};",
                q(name),
                if d.has(Feature::NotEnforced) { " NOT ENFORCED" } else { "" }
            ),
        },
        Step::DropUnique(name) => match d {
            _ if !d.has(Feature::Unique) => return Err(format!("{} has no UNIQUE constraint", d.name())),
            Duckdb => {
                return Err(
                    "DuckDB drops no constraint in place: create the table anew and copy the rows".into(),
                )
            }
            Mysql => format!("ALTER TABLE {table} DROP INDEX {};", q(name)),
            _ => format!("ALTER TABLE {table} DROP CONSTRAINT {};", q(name)),
        },
        Step::AddUnique(name, col) => match d {
            _ if !d.has(Feature::Unique) => return Err(format!("{} has no UNIQUE constraint", d.name())),
            Duckdb => {
                return Err(format!(
                    "DuckDB adds no UNIQUE constraint to a table: create it anew with UNIQUE ({})",
                    q(col)
                ))
            }
            _ => format!("ALTER TABLE {table} ADD CONSTRAINT {} UNIQUE ({});", q(name), q(col)),
        },
    })
}

/// The migration from `base` to `new` in dialect `d`.
pub fn migration(base: &Node, new: &Node, d: Dialect) -> Result<String, String> {
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
        // (why it breaks someone, the step)
        let mut steps: Vec<(Option<String>, Step)> = Vec::new();
        let (old_pk, new_pk) = (t.primary_key(), n.primary_key());
        if old_pk != new_pk && !old_pk.is_empty() {
            steps.push((
                Some("Breaks consumers and producers: joins, upserts and deduplication use the primary key.".into()),
                Step::DropKey(format!("pk_{}", t.sql_name)),
            ));
        }
        // The last column a key or unique index uses.
        let last_indexed = t
            .columns
            .iter()
            .rposition(|c| c.primary_key || c.unique)
            .unwrap_or(0);
        for (at, c) in t.columns.iter().enumerate() {
            let Some(u) = n.columns.iter().find(|u| same_column(c, u)) else {
                steps.push((
                    Some(format!(
                        "Breaks consumers: readers that select {} fail.",
                        c.name
                    )),
                    Step::Drop(&c.sql_name, at < last_indexed),
                ));
                continue;
            };
            if u.sql_name != c.sql_name {
                steps.push((
                    Some(
                        "Breaks consumers and producers: they address the column by its name."
                            .into(),
                    ),
                    Step::Rename(&c.sql_name, &u.sql_name),
                ));
            }
            let (ot, nt) = (sql::column_type(d, c).0, sql::column_type(d, u).0);
            let (or, nr) = (c.required || c.primary_key, u.required || u.primary_key);
            if !ot.eq_ignore_ascii_case(&nt) {
                steps.push((
                    Some(format!("Breaks consumers and producers: {ot} → {nt} rewrites the column; values that don't convert make it fail.")),
                    Step::Retype(&u.sql_name, ot.clone(), nt.clone(), nr),
                ));
            }
            // MySQL and SQL Server restate the whole column: the retype sets its NOT NULL too.
            let restated =
                !ot.eq_ignore_ascii_case(&nt) && matches!(d, Dialect::Mysql | Dialect::Sqlserver);
            if or != nr && restated {
                if let Some((Some(why), _)) = steps.last_mut() {
                    why.push_str(if nr {
                        " Writers must now give a value; fails while a row has none."
                    } else {
                        " Readers that assumed a value now meet nulls."
                    });
                }
            } else if or && !nr {
                steps.push((
                    Some("Breaks consumers: readers that assumed a value now meet nulls.".into()),
                    Step::Nullability(&u.sql_name, nt.clone(), false),
                ));
            } else if !or && nr {
                steps.push((
                    Some("Breaks producers: writers must now give a value; fails while a row has none (backfill first).".into()),
                    Step::Nullability(&u.sql_name, nt.clone(), true),
                ));
            }
            let (ou, nu) = (
                c.unique && !(c.primary_key && old_pk.len() == 1),
                u.unique && !(u.primary_key && new_pk.len() == 1),
            );
            if ou && !nu {
                steps.push((
                    Some("Breaks consumers: readers that join on it meet duplicates.".into()),
                    Step::DropUnique(format!("uq_{}_{}", t.sql_name, c.sql_name)),
                ));
            } else if !ou && nu {
                steps.push((
                    Some(
                        "Breaks producers: duplicates are refused (fails while some exist).".into(),
                    ),
                    Step::AddUnique(format!("uq_{}_{}", n.sql_name, u.sql_name), &u.sql_name),
                ));
            }
        }
        for u in n
            .columns
            .iter()
            .filter(|u| !t.columns.iter().any(|c| same_column(c, u)))
        {
            let ty = sql::column_type(d, u).0;
            steps.push((None, Step::Add(&u.sql_name, ty.clone())));
            if u.required || u.primary_key {
                steps.push((
                    Some("Breaks producers: a new required column; fails while a row has no value (backfill first).".into()),
                    Step::Nullability(&u.sql_name, ty, true),
                ));
            }
        }
        if old_pk != new_pk && !new_pk.is_empty() {
            let cols = new_pk.iter().map(|k| q(k)).collect::<Vec<_>>().join(", ");
            steps.push((
                None,
                Step::AddKey(format!("pk_{}", n.sql_name), cols, !old_pk.is_empty()),
            ));
        }
        let steps: Vec<String> = steps
            .iter()
            .map(|(why, step)| {
                let why = why
                    .as_ref()
                    .map(|w| format!("-- {w}\n"))
                    .unwrap_or_default();
                match statement(d, &table, step) {
                    Ok(sql) => format!("{why}{sql}"),
                    Err(instead) => format!("{why}-- Not in place in {}: {instead}.", d.name()),
                }
            })
            .collect();
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

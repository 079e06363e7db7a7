//! The SQL DDL `charter export` writes runs on a real PostgreSQL server: every official
//! example, in a schema of its own; the catalog then holds its tables, columns and keys.
//! `scripts/with-postgres` starts the server (scripts/test does); without it (no
//! `CHARTER_PG_PORT`) the test says so and passes.

use std::io::Write;

use std::process::{Command, Stdio};

mod common;
use common::official_examples as examples;

fn psql(port: &str, sql: &str) -> (bool, String) {
    let mut child = Command::new("psql")
        .args([
            "-X",
            "-q",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            "127.0.0.1",
            "-p",
            port,
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-At",
            "-f",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("psql runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(sql.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn the_postgres_ddl_of_every_official_example_runs_on_postgresql() {
    let Ok(port) = std::env::var("CHARTER_PG_PORT") else {
        eprintln!("skipped: no PostgreSQL server (run through scripts/with-postgres)");
        return;
    };
    let files = examples();
    assert!(files.len() > 20, "the official examples are missing");
    let mut ran = 0;
    for (i, f) in files.iter().enumerate() {
        let schema = format!("ex{i}");
        let out = Command::new(env!("CARGO_BIN_EXE_charter"))
            .args([
                "export",
                "--format",
                "sql",
                "--dialect",
                "postgres",
                "--schema",
                &schema,
            ])
            .arg(f)
            .output()
            .unwrap();
        // A contract that describes no data has nothing to create.
        if String::from_utf8_lossy(&out.stderr).contains("nothing to export") {
            continue;
        }
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}",
            f.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let ddl = String::from_utf8(out.stdout).unwrap();
        let (ok, msg) = psql(&port, &ddl);
        assert!(
            ok,
            "{} does not run on PostgreSQL: {msg}\n{ddl}",
            f.display()
        );
        // The catalog holds a table per CREATE TABLE and a column per column line.
        let tables = ddl.matches("CREATE TABLE ").count();
        let (_, count) = psql(
            &port,
            &format!(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = '{schema}';"
            ),
        );
        assert_eq!(count.trim(), tables.to_string(), "{}", f.display());
        let keys = ddl.matches(" PRIMARY KEY (").count();
        let (_, count) = psql(
            &port,
            &format!("SELECT count(*) FROM information_schema.table_constraints WHERE table_schema = '{schema}' AND constraint_type = 'PRIMARY KEY';"),
        );
        assert_eq!(count.trim(), keys.to_string(), "{}", f.display());
        ran += 1;
    }
    eprintln!("{ran} official examples exported and created on PostgreSQL");
}

const MIGRATION_BASE: &str = include_str!("../../../tests/exports/migration/base.odcs.yaml");
const MIGRATION_NEW: &str = include_str!("../../../tests/exports/migration/new.odcs.yaml");

fn charter_out(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(args)
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_migration_sql_takes_the_base_database_to_the_new_contracts_tables() {
    let Ok(port) = std::env::var("CHARTER_PG_PORT") else {
        eprintln!("skipped: no PostgreSQL server (run through scripts/with-postgres)");
        return;
    };
    let dir = std::env::temp_dir().join(format!("charter-mig-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (b, n) = (dir.join("base.odcs.yaml"), dir.join("new.odcs.yaml"));
    std::fs::write(&b, MIGRATION_BASE).unwrap();
    std::fs::write(&n, MIGRATION_NEW).unwrap();
    let (b, n) = (b.display().to_string(), n.display().to_string());
    let base_ddl = charter_out(&["export", "--dialect", "postgres", &b]);
    let new_ddl = charter_out(&["export", "--dialect", "postgres", &n]);
    let migration = charter_out(&["diff", "--format", "sql", "--dialect", "postgres", &b, &n]);
    assert!(
        migration.contains("ALTER TABLE orders RENAME COLUMN buyer TO customer;"),
        "{migration}"
    );
    assert!(migration.contains("-- Breaks consumers: readers that select legacy fail.\nALTER TABLE orders DROP COLUMN legacy;"), "{migration}");
    assert!(
        migration
            .contains("ALTER TABLE orders ALTER COLUMN amount TYPE numeric USING amount::numeric;"),
        "{migration}"
    );
    assert!(migration.contains("DROP TABLE archive;"), "{migration}");
    // The base database, migrated, equals the new contract's database.
    let run = |schema: &str, sql: &str| {
        let (ok, msg) = psql(
            &port,
            &format!("CREATE SCHEMA {schema}; SET search_path TO {schema};\n{sql}"),
        );
        assert!(ok, "{schema}: {msg}\n{sql}");
    };
    run("migrated", &format!("{base_ddl}\n{migration}"));
    run("target", &new_ddl);
    let catalog = |schema: &str| {
        psql(&port, &format!(
            "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = '{schema}' ORDER BY 1, 2;\
             SELECT tc.table_name, tc.constraint_type, kcu.column_name, kcu.ordinal_position FROM information_schema.table_constraints tc \
             JOIN information_schema.key_column_usage kcu ON tc.constraint_name = kcu.constraint_name AND tc.table_schema = kcu.table_schema \
             WHERE tc.table_schema = '{schema}' AND tc.constraint_type IN ('PRIMARY KEY', 'UNIQUE') ORDER BY 1, 2, 4;"
        ))
        .1
    };
    assert_eq!(catalog("migrated"), catalog("target"));
    let _ = std::fs::remove_dir_all(&dir);
}

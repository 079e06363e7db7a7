//! The SQL DDL `charter export` writes runs on a real PostgreSQL server: every official
//! example, in a schema of its own; the catalog then holds its tables, columns and keys.
//! `scripts/with-postgres` starts the server (scripts/test does); without it (no
//! `CHARTER_PG_PORT`) the test says so and passes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn examples() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "yaml") {
                out.push(p);
            }
        }
    }
    let dir = std::env::var_os("CHARTER_REFERENCE")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference"))
        .join("odcs/examples");
    let mut out = Vec::new();
    walk(&dir, &mut out);
    out.sort();
    out
}

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

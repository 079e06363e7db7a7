//! Exports checked by real engines: the DuckDB DDL of every official example runs in
//! DuckDB, and every Avro schema parses with fastavro (the Apache Avro implementation for
//! Python) and round-trips a record, every Protobuf file compiles with protoc, and dbt-core
//! parses the dbt models and sources YAML; the DuckDB migration runs on a database made from
//! the base's DDL and gives the new DDL's columns. `CHARTER_PYTHON` names a Python with these
//! (scripts/setup makes `.venv`); without it the test says so and passes.

use std::path::Path;
use std::process::Command;

mod common;
use common::official_examples as examples;

#[test]
fn duckdb_runs_the_ddl_fastavro_reads_the_schemas_protoc_compiles_the_protos_and_dbt_parses_the_yaml_of_every_official_example(
) {
    let python = match std::env::var("CHARTER_PYTHON") {
        Ok(p) if Path::new(&p).exists() => p,
        _ => {
            eprintln!("skipped: no CHARTER_PYTHON with duckdb and fastavro (run scripts/setup)");
            return;
        }
    };
    let dir = std::env::temp_dir().join(format!("charter-engines-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let files = examples();
    assert!(files.len() > 20);
    for (i, f) in files.iter().enumerate() {
        for (format, dialect, out) in [
            ("sql", "duckdb", format!("ex{i}.duckdb.sql")),
            ("avro", "auto", format!("ex{i}.avsc")),
            ("protobuf", "auto", format!("ex{i}.proto")),
            ("dbt", "auto", format!("ex{i}.dbt.yml")),
            ("dbt-sources", "auto", format!("ex{i}.dbt-sources.yml")),
        ] {
            let out = Command::new(env!("CARGO_BIN_EXE_charter"))
                .args(["export", "--format", format, "--dialect", dialect, "-o"])
                .arg(dir.join(&out))
                .arg(f)
                .output()
                .unwrap();
            // A contract that describes no data has nothing to export.
            if String::from_utf8_lossy(&out.stderr).contains("nothing to export") {
                continue;
            }
            assert!(out.status.success(), "{}", f.display());
        }
    }
    // The migration fixtures: the base's DuckDB DDL, then the migration to the new one.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/exports/migration");
    let (base, new) = (
        fixtures.join("base.odcs.yaml"),
        fixtures.join("new.odcs.yaml"),
    );
    let (base, new) = (base.to_str().unwrap(), new.to_str().unwrap());
    let ddl = ["export", "--format", "sql", "--dialect", "duckdb"];
    for (args, out) in [
        ([&ddl[..], &[base]].concat(), "migration.base.ddl"),
        ([&ddl[..], &[new]].concat(), "migration.new.ddl"),
        (
            vec!["diff", "--format", "sql", "--dialect", "duckdb", base, new],
            "migration.steps.ddl",
        ),
    ] {
        let o = Command::new(env!("CARGO_BIN_EXE_charter"))
            .args(&args)
            .output()
            .unwrap();
        assert!(
            !o.stdout.is_empty(),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        std::fs::write(dir.join(out), &o.stdout).unwrap();
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/exports/check_engines.py");
    let out = Command::new(&python)
        .arg(script)
        .arg(&dir)
        .output()
        .unwrap();
    let report = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!("{report}");
    assert!(out.status.success(), "{report}");
}

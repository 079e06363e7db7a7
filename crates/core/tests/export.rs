//! Exports: SQL DDL per dialect (keys, constraints, comments, type precedence), JSON Schema
//! that compiles and accepts the rows the contract allows (and rejects the others), Avro,
//! Mermaid; every format for every official example.

use charter_core::export::{self, sql::DIALECTS, Dialect, Format, Options};
use charter_core::yaml::{parse_data, Node};
use serde_json::json;

const CONTRACT: &str = r#"apiVersion: v3.2.0
kind: DataContract
id: orders-contract
name: orders.events.v1
version: 1.0.0
status: active
domain: sales
servers:
  - server: prod
    type: snowflake
    account: acme
    database: ORDERS
    schema: PUBLIC
schema:
  - name: customers
    description: People who order.
    properties:
      - name: id
        logicalType: string
        primaryKey: true
        logicalTypeOptions:
          maxLength: 36
  - name: orders
    physicalName: orders_v1
    description: "One row per order; it's the source of truth."
    properties:
      - name: order_id
        logicalType: string
        required: true
        primaryKey: true
        primaryKeyPosition: 1
      - name: line
        logicalType: integer
        primaryKey: true
        primaryKeyPosition: 2
      - name: customer_id
        logicalType: string
        relationships:
          - to: customers.id
      - name: status
        logicalType: string
        required: true
        enum:
          - value: placed
          - value: shipped
      - name: amount
        logicalType: number
        description: Total in EUR.
        logicalTypeOptions:
          minimum: 0
          maximum: 100000
        customProperties:
          - property: postgresType
            value: numeric(12,2)
      - name: note
        logicalType: string
        physicalType: Flag
      - name: placed_at
        logicalType: timestamp
        required: true
      - name: address
        logicalType: object
        properties:
          - name: city
            logicalType: string
            required: true
      - name: tags
        logicalType: array
        items:
          logicalType: string
"#;

fn root() -> Node {
    parse_data(CONTRACT).root.unwrap()
}

fn sql(d: Dialect) -> String {
    export::export(
        &root(),
        Format::Sql,
        &Options {
            dialect: Some(d),
            schema: None,
            ..Options::default()
        },
    )
    .unwrap()
}

#[test]
fn postgres_ddl_has_keys_constraints_comments_and_the_right_types() {
    let s = sql(Dialect::Postgres);
    assert!(
        s.contains("CREATE TABLE orders_v1 (\n  order_id text NOT NULL,\n  line bigint NOT NULL,"),
        "{s}"
    );
    assert!(
        s.contains("  CONSTRAINT pk_orders_v1 PRIMARY KEY (order_id, line)"),
        "{s}"
    );
    assert!(
        s.contains("  CONSTRAINT ck_orders_v1_status CHECK (status IN ('placed', 'shipped'))"),
        "{s}"
    );
    assert!(
        s.contains("  CONSTRAINT ck_orders_v1_amount CHECK (amount >= 0 AND amount <= 100000)"),
        "{s}"
    );
    // The custom property wins; an unknown physical type falls back to the logical type, said so.
    assert!(s.contains("  amount numeric(12,2),"), "{s}");
    assert!(
        s.contains(
            "-- note: physicalType Flag is not a postgres type: text from logicalType string"
        ),
        "{s}"
    );
    assert!(s.contains("  id varchar(36) NOT NULL,"), "{s}");
    assert!(s.contains("  placed_at timestamptz NOT NULL,"), "{s}");
    assert!(
        s.contains(
            "COMMENT ON TABLE orders_v1 IS 'One row per order; it''s the source of truth.';"
        ),
        "{s}"
    );
    assert!(
        s.contains("COMMENT ON COLUMN orders_v1.amount IS 'Total in EUR.';"),
        "{s}"
    );
    assert!(s.contains("ALTER TABLE orders_v1 ADD CONSTRAINT fk_orders_v1_customer_id FOREIGN KEY (customer_id) REFERENCES customers (id);"), "{s}");
}

#[test]
fn each_dialect_writes_what_it_has_and_says_what_it_lacks() {
    let bq = sql(Dialect::Bigquery);
    assert!(
        bq.contains("PRIMARY KEY (order_id, line) NOT ENFORCED"),
        "{bq}"
    );
    assert!(
        bq.contains("OPTIONS(description = \"Total in EUR.\")"),
        "{bq}"
    );
    assert!(
        bq.contains(
            "-- status: status IN (\"placed\", \"shipped\") (bigquery has no CHECK constraint)"
        ),
        "{bq}"
    );
    let my = sql(Dialect::Mysql);
    assert!(
        my.contains("amount decimal(38,9) COMMENT 'Total in EUR.'"),
        "{my}"
    );
    assert!(
        my.contains("CHECK (status IN ('placed', 'shipped'))"),
        "{my}"
    );
    let ms = sql(Dialect::Sqlserver);
    assert!(
        ms.contains("order_id nvarchar(max) NOT NULL") || ms.contains("order_id nvarchar"),
        "{ms}"
    );
    let tr = sql(Dialect::Trino);
    assert!(
        tr.contains("-- primary key (order_id, line): trino declares no keys"),
        "{tr}"
    );
    assert!(!tr.contains("FOREIGN KEY"), "{tr}");
    // Auto: the contract's server is Snowflake.
    let auto = export::export(&root(), Format::Sql, &Options::default()).unwrap();
    assert!(auto.contains(": snowflake DDL"), "{auto}");
    assert!(auto.contains("placed_at timestamp_tz NOT NULL"), "{auto}");
    // In a schema.
    let s = export::export(
        &root(),
        Format::Sql,
        &Options {
            dialect: Some(Dialect::Postgres),
            schema: Some("Sales".into()),
            ..Options::default()
        },
    )
    .unwrap();
    assert!(
        s.contains("CREATE SCHEMA IF NOT EXISTS \"Sales\";\n"),
        "{s}"
    );
    assert!(s.contains("CREATE TABLE \"Sales\".orders_v1 ("), "{s}");
    for d in DIALECTS {
        assert_eq!(Dialect::parse(d.name()), Some(d));
    }
}

#[test]
fn the_json_schema_compiles_and_accepts_the_rows_the_contract_allows() {
    let s: serde_json::Value = serde_json::from_str(
        &export::export(&root(), Format::JsonSchema, &Options::default()).unwrap(),
    )
    .unwrap();
    let mut orders = s.clone();
    orders["$ref"] = json!("#/$defs/orders");
    orders.as_object_mut().unwrap().remove("anyOf");
    let v = jsonschema::validator_for(&orders).expect("a valid 2020-12 schema");
    let good = json!({"order_id": "A1", "line": 1, "status": "placed", "placed_at": "2024-01-31T09:30:00Z", "amount": 12.5, "address": {"city": "Lyon"}, "tags": ["x"], "note": null});
    assert!(
        v.is_valid(&good),
        "{:?}",
        v.iter_errors(&good)
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
    );
    for bad in [
        json!({"line": 1, "status": "placed", "placed_at": "2024-01-31T09:30:00Z"}),
        json!({"order_id": "A1", "line": 1, "status": "lost", "placed_at": "2024-01-31T09:30:00Z"}),
        json!({"order_id": "A1", "line": 1.5, "status": "placed", "placed_at": "2024-01-31T09:30:00Z"}),
        json!({"order_id": "A1", "line": 1, "status": "placed", "placed_at": "2024-01-31T09:30:00Z", "amount": -1}),
        json!({"order_id": "A1", "line": 1, "status": "placed", "placed_at": "2024-01-31T09:30:00Z", "address": {}}),
    ] {
        assert!(!v.is_valid(&bad), "accepted {bad}");
    }
}

#[test]
fn avro_has_records_nullable_unions_and_logical_types() {
    let a: serde_json::Value =
        serde_json::from_str(&export::export(&root(), Format::Avro, &Options::default()).unwrap())
            .unwrap();
    let orders = &a.as_array().unwrap()[1];
    assert_eq!(orders["name"], "orders");
    assert_eq!(orders["namespace"], "sales");
    let field = |n: &str| {
        orders["fields"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["name"] == n)
            .unwrap()
            .clone()
    };
    assert_eq!(field("order_id")["type"], "string");
    assert_eq!(field("customer_id")["type"], json!(["null", "string"]));
    assert_eq!(
        field("placed_at")["type"],
        json!({"type": "long", "logicalType": "timestamp-millis"})
    );
    assert_eq!(
        field("status")["type"]["symbols"],
        json!(["placed", "shipped"])
    );
    assert_eq!(field("address")["type"][1]["type"], "record");
    assert_eq!(
        field("tags")["type"][1],
        json!({"type": "array", "items": "string"})
    );
}

#[test]
fn mermaid_draws_tables_keys_and_relationships() {
    let m = export::export(&root(), Format::Mermaid, &Options::default()).unwrap();
    assert!(
        m.starts_with("erDiagram\n  customers {\n    string id PK\n"),
        "{m}"
    );
    assert!(
        m.contains("  orders }o--|| customers : \"customer_id to id\""),
        "{m}"
    );
}

mod common;

/// The official ODCS examples.
fn examples() -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    common::yaml_files(&common::reference_dir().join("odcs/examples"), &mut out);
    out
}

#[test]
fn every_format_of_every_official_example() {
    let files = examples();
    assert!(files.len() > 20);
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let root = parse_data(&text).root.unwrap();
        let tables = export::objects(&root);
        if tables.is_empty() {
            let e = export::export(&root, Format::Sql, &Options::default()).unwrap_err();
            assert!(e.contains("no named objects"), "{e}");
            assert!(export::export(&root, Format::Json, &Options::default()).is_ok());
            continue;
        }
        let with_columns = tables.iter().filter(|t| !t.columns.is_empty()).count();
        for d in DIALECTS {
            let options = Options {
                dialect: Some(d),
                schema: None,
                ..Options::default()
            };
            let s = export::export(&root, Format::Sql, &options).unwrap();
            assert_eq!(
                s.matches("CREATE TABLE ").count(),
                with_columns,
                "{} {}",
                f.display(),
                d.name()
            );
        }
        let js: serde_json::Value = serde_json::from_str(
            &export::export(&root, Format::JsonSchema, &Options::default()).unwrap(),
        )
        .unwrap();
        jsonschema::validator_for(&js).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        let avro: serde_json::Value = serde_json::from_str(
            &export::export(&root, Format::Avro, &Options::default()).unwrap(),
        )
        .unwrap();
        assert!(avro.is_object() || avro.is_array(), "{}", f.display());
        assert!(export::export(&root, Format::Mermaid, &Options::default())
            .unwrap()
            .starts_with("erDiagram\n"));
        for dbt in [Format::Dbt, Format::DbtSources] {
            let y = export::export(&root, dbt, &Options::default()).unwrap();
            assert!(parse_data(&y).errors.is_empty(), "{}: {y}", f.display());
        }
        let proto = export::export(&root, Format::Protobuf, &Options::default()).unwrap();
        assert!(proto.contains("syntax = \"proto3\";"), "{}", f.display());
        let md = export::export(&root, Format::Markdown, &Options::default()).unwrap();
        assert!(md.starts_with("# "), "{}", f.display());
        assert!(export::export(&root, Format::Html, &Options::default())
            .unwrap()
            .contains("<html"));
        let json: serde_json::Value = serde_json::from_str(
            &export::export(&root, Format::Json, &Options::default()).unwrap(),
        )
        .unwrap();
        assert_eq!(json, root.to_json());
    }
}

#[test]
fn protobuf_dbt_and_markdown() {
    let p = export::export(&root(), Format::Protobuf, &Options::default()).unwrap();
    assert!(
        p.contains(
            "syntax = \"proto3\";\n\npackage sales;\n\nimport \"google/protobuf/timestamp.proto\";"
        ),
        "{p}"
    );
    assert!(
        p.contains("  optional double amount = 5;  // Total in EUR.\n"),
        "{p}"
    );
    assert!(
        p.contains("    STATUS_UNSPECIFIED = 0;\n    STATUS_PLACED = 1;"),
        "{p}"
    );
    assert!(p.contains("  repeated string tags = 9;"), "{p}");
    let d = export::export(&root(), Format::Dbt, &Options::default()).unwrap();
    let doc = parse_data(&d);
    assert!(doc.errors.is_empty(), "{d}");
    let models = doc.root.unwrap().to_json();
    let orders = &models["models"][1];
    assert_eq!(orders["name"], "orders");
    let status = orders["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "status")
        .unwrap();
    assert_eq!(
        status["data_tests"][1]["accepted_values"]["arguments"]["values"],
        json!(["placed", "shipped"])
    );
    assert_eq!(status["data_type"], "varchar");
    let customer = orders["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "customer_id")
        .unwrap();
    assert_eq!(
        customer["data_tests"][0]["relationships"]["arguments"]["to"],
        "ref('customers')"
    );
    // A column of a composite key is not unique on its own.
    let line = orders["columns"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "line")
        .unwrap();
    assert_eq!(line["data_tests"], json!(["not_null"]));
    let s = export::export(&root(), Format::DbtSources, &Options::default()).unwrap();
    let src = parse_data(&s).root.unwrap().to_json();
    assert_eq!(src["sources"][0]["schema"], "PUBLIC");
    assert_eq!(src["sources"][0]["tables"][1]["name"], "orders_v1");
    let m = export::export(&root(), Format::Markdown, &Options::default()).unwrap();
    assert!(m.starts_with("# orders.events.v1\n"), "{m}");
    assert!(
        m.contains("| `customer_id` | `string` |  | → `customers.id` |  |"),
        "{m}"
    );
}

#[test]
fn sql_imports_to_a_valid_contract_and_round_trips_the_export() {
    use charter_core::import;
    let sql = "CREATE TABLE customers (id varchar(36) NOT NULL PRIMARY KEY, name text);\n\
               CREATE TABLE orders (order_id text NOT NULL, line bigint NOT NULL, customer_id varchar(36) REFERENCES customers(id), amount numeric(12,2), placed_at timestamptz, CONSTRAINT pk PRIMARY KEY (order_id, line), UNIQUE (amount));\n\
               COMMENT ON TABLE orders IS 'One row per order.';\nCOMMENT ON COLUMN orders.amount IS 'Total in EUR.';";
    let y = import::sql::import(sql, Some(Dialect::Postgres), "orders").unwrap();
    let report = charter_core::check(&y);
    assert!(report.is_valid(), "{y}\n{:#?}", report.diagnostics);
    let c = parse_data(&y).root.unwrap().to_json();
    let orders = &c["schema"][1];
    assert_eq!(orders["description"], "One row per order.");
    let p = |n: &str| {
        orders["properties"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["name"] == n)
            .unwrap()
            .clone()
    };
    assert_eq!(p("order_id")["primaryKeyPosition"], 1);
    assert_eq!(p("line")["primaryKeyPosition"], 2);
    assert_eq!(p("line")["logicalType"], "integer");
    assert_eq!(p("amount")["logicalType"], "number");
    assert_eq!(p("amount")["unique"], true);
    assert_eq!(p("amount")["description"], "Total in EUR.");
    assert_eq!(p("customer_id")["relationships"][0]["to"], "customers.id");
    assert_eq!(p("customer_id")["logicalTypeOptions"]["maxLength"], 36);
    assert_eq!(p("placed_at")["logicalType"], "timestamp");
    assert!(import::sql::import("SELECT 1;", None, "x")
        .unwrap_err()
        .contains("no CREATE TABLE"));
    assert!(import::sql::import("CREATE TABLE (", None, "x")
        .unwrap_err()
        .starts_with("the SQL can't be read"));

    // Round trip: the Postgres DDL of the test contract, imported, has the same tables,
    // columns, required flags, keys and logical types.
    let ddl = sql_of(Dialect::Postgres);
    let back = parse_data(&import::sql::import(&ddl, Some(Dialect::Postgres), "orders").unwrap())
        .root
        .unwrap();
    let (a, b) = (export::objects(&root()), export::objects(&back));
    assert_eq!(
        a.iter().map(|t| &t.sql_name).collect::<Vec<_>>(),
        b.iter().map(|t| &t.name).collect::<Vec<_>>()
    );
    for (ta, tb) in a.iter().zip(&b) {
        assert_eq!(ta.primary_key(), tb.primary_key(), "{}", ta.name);
        for (ca, cb) in ta.columns.iter().zip(&tb.columns) {
            assert_eq!(ca.sql_name, cb.name);
            assert_eq!(ca.required || ca.primary_key, cb.required, "{}", ca.name);
            if ca.physical_type.is_none()
                && ca.custom_type(Dialect::Postgres).is_none()
                && ca.logical_type.as_deref() != Some("array")
            {
                assert_eq!(ca.logical_type, cb.logical_type, "{}", ca.name);
            }
        }
    }
}

fn sql_of(d: Dialect) -> String {
    sql(d)
}

#[test]
fn the_postgres_ddl_of_every_official_example_imports_back_to_a_valid_contract() {
    use charter_core::import;
    for f in examples() {
        let text = std::fs::read_to_string(&f).unwrap();
        let root = parse_data(&text).root.unwrap();
        let tables = export::objects(&root);
        if tables.iter().all(|t| t.columns.is_empty()) {
            continue;
        }
        let ddl = export::export(
            &root,
            Format::Sql,
            &Options {
                dialect: Some(Dialect::Postgres),
                schema: None,
                ..Options::default()
            },
        )
        .unwrap();
        let y = import::sql::import(&ddl, Some(Dialect::Postgres), "imported")
            .unwrap_or_else(|e| panic!("{}: {e}\n{ddl}", f.display()));
        let report = charter_core::check(&y);
        assert!(
            report.is_valid(),
            "{}: {y}\n{:#?}",
            f.display(),
            report.diagnostics
        );
        let back = export::objects(&parse_data(&y).root.unwrap());
        let with_columns: Vec<_> = tables.iter().filter(|t| !t.columns.is_empty()).collect();
        assert_eq!(with_columns.len(), back.len(), "{}", f.display());
        for (ta, tb) in with_columns.iter().zip(&back) {
            assert_eq!(ta.sql_name, tb.name, "{}", f.display());
            assert_eq!(
                ta.primary_key(),
                tb.primary_key(),
                "{} {}",
                f.display(),
                ta.name
            );
            let names: Vec<_> = ta.columns.iter().map(|c| &c.sql_name).collect();
            assert_eq!(
                names,
                tb.columns.iter().map(|c| &c.name).collect::<Vec<_>>(),
                "{}",
                f.display()
            );
            for (ca, cb) in ta.columns.iter().zip(&tb.columns) {
                assert_eq!(
                    ca.required || ca.primary_key,
                    cb.required,
                    "{} {}",
                    f.display(),
                    ca.name
                );
            }
        }
    }
}

/// The migration fixtures the PostgreSQL test of the CLI applies too.
const MIGRATION_BASE: &str = include_str!("../../../tests/exports/migration/base.odcs.yaml");
const MIGRATION_NEW: &str = include_str!("../../../tests/exports/migration/new.odcs.yaml");

#[test]
fn migration_sql_is_written_in_every_dialect_and_each_statement_parses() {
    let base = root_of(MIGRATION_BASE);
    let new = root_of(MIGRATION_NEW);
    for d in DIALECTS {
        let m = export::migration::migration(&base, &new, d).unwrap();
        let statements: Vec<&str> = m
            .lines()
            .filter(|l| !l.starts_with("--") && !l.trim().is_empty())
            .collect();
        // Renamed, retyped, optional, dropped, added, keys: every change is there.
        assert!(
            m.contains("buyer") && m.contains("customer"),
            "{}: {m}",
            d.name()
        );
        assert!(m.contains("DROP TABLE"), "{}: {m}", d.name());
        assert!(
            m.contains("-- Breaks consumers: readers that select legacy fail."),
            "{m}"
        );
        assert!(statements.len() >= 4, "{}: {m}", d.name());
        for s in &statements {
            // `sp_rename` is a procedure call, and CREATE TABLE was checked by the export's
            // own tests; sqlparser 0.64 doesn't read T-SQL's `ALTER COLUMN c type [NOT] NULL`.
            let tsql_alter = d == Dialect::Sqlserver && s.contains(" ALTER COLUMN ");
            if s.starts_with("EXEC ")
                || s.starts_with("  ")
                || s.starts_with(')')
                || s.starts_with("CREATE")
                || tsql_alter
            {
                continue;
            }
            if let Err(e) = sqlparser::parser::Parser::parse_sql(
                &*charter_core::import::sql::parser_dialect(Some(d)),
                s,
            ) {
                panic!("{}: {s}\n{e}\n{m}", d.name());
            }
        }
    }
    let mysql = export::migration::migration(&base, &new, Dialect::Mysql).unwrap();
    assert!(
        mysql.contains("ALTER TABLE orders MODIFY COLUMN note varchar(255) NULL;")
            || mysql.contains("MODIFY COLUMN note"),
        "{mysql}"
    );
    assert!(
        mysql.contains("ALTER TABLE orders DROP PRIMARY KEY;"),
        "{mysql}"
    );
    let mssql = export::migration::migration(&base, &new, Dialect::Sqlserver).unwrap();
    assert!(
        mssql.contains("EXEC sp_rename 'orders.buyer', 'customer', 'COLUMN';"),
        "{mssql}"
    );
    assert!(
        mssql.contains("ALTER TABLE orders ADD line bigint;"),
        "{mssql}"
    );
    let bq = export::migration::migration(&base, &new, Dialect::Bigquery).unwrap();
    assert!(
        bq.contains("-- Not in place in bigquery: bigquery can't make an existing column NOT NULL"),
        "{bq}"
    );
    // Redshift retypes a varchar's length only; Databricks writes `ALTER COLUMN c TYPE t`.
    let redshift = export::migration::migration(&base, &new, Dialect::Redshift).unwrap();
    assert!(
        redshift.contains(
            "-- Not in place in redshift: Redshift changes only a varchar's length in place"
        ),
        "{redshift}"
    );
    let widened = MIGRATION_BASE.replace("        name: code\n        logicalType: string\n", "        name: code\n        logicalType: string\n        logicalTypeOptions:\n          maxLength: 10\n");
    let wider = widened.replace("maxLength: 10", "maxLength: 20");
    let m = export::migration::migration(&root_of(&widened), &root_of(&wider), Dialect::Redshift)
        .unwrap();
    assert!(
        m.contains("ALTER TABLE orders ALTER COLUMN code TYPE varchar(20);"),
        "{m}"
    );
    let databricks = export::migration::migration(&base, &new, Dialect::Databricks).unwrap();
    assert!(
        databricks.contains("ALTER TABLE orders ALTER COLUMN amount TYPE decimal(38,9);"),
        "{databricks}"
    );
    let trino = export::migration::migration(&base, &new, Dialect::Trino).unwrap();
    assert!(
        trino.contains("-- Not in place in trino: trino declares no keys"),
        "{trino}"
    );
}

fn root_of(text: &str) -> Node {
    parse_data(text).root.unwrap()
}

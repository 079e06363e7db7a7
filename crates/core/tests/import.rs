//! Imports: JSON Schema, Avro and DCS files become contracts that pass Charter's own
//! validation and the official ODCS v3.2.0 JSON Schema; the JSON Schema and Avro exports of
//! every official example import back to the same objects, properties, types, keys and
//! required flags; the JSON Schema export accepts rows generated from the contract and
//! rejects rows that break it.

mod common;

use charter_core::export::{self, Format, Options, Table};
use charter_core::import::{self, Source};
use charter_core::yaml::{parse_data, Node, NodeKind, Scalar};
use serde_json::{json, Value};

fn examples() -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    common::yaml_files(&common::reference_dir().join("odcs/examples"), &mut out);
    out
}

fn official_v3_2() -> jsonschema::Validator {
    common::official_validator("odcs/schemas/odcs-json-schema-v3.2.0.json")
}

/// `yaml` passes Charter's validation (no errors) and the official v3.2.0 schema.
fn assert_valid(yaml: &str, official: &jsonschema::Validator, what: &str) {
    let report = charter_core::check(yaml);
    assert!(
        report.is_valid(),
        "{what}:\n{yaml}\n{:#?}",
        report
            .diagnostics
            .iter()
            .filter(|d| d.severity == charter_core::Severity::Error)
            .collect::<Vec<_>>()
    );
    let data = parse_data(yaml).root.unwrap().to_json();
    let errors: Vec<String> = official.iter_errors(&data).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}\n{yaml}");
}

fn root(yaml: &str) -> Node {
    parse_data(yaml).root.unwrap()
}

#[test]
fn every_dcs_example_imports_to_a_valid_contract() {
    let official = official_v3_2();
    let mut files = Vec::new();
    common::yaml_files(&common::reference_dir().join("dcs/examples"), &mut files);
    assert!(files.len() >= 10, "{files:?}");
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        let name = f.to_string_lossy();
        assert_eq!(Source::detect(&name, &text), Some(Source::Dcs), "{name}");
        let y = import::dcs::import(&text, "imported").unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_valid(&y, &official, &name);
    }
}

#[test]
fn dcs_orders_keeps_what_odcs_can_say_and_lists_the_rest() {
    let path = common::reference_dir().join("dcs/examples/orders-latest/datacontract.yaml");
    let y = import::dcs::import(&std::fs::read_to_string(path).unwrap(), "x").unwrap();
    let r = root(&y);
    let tables = export::objects(&r);
    assert_eq!(
        tables.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        ["orders", "line_items"]
    );
    // `primaryKey: [order_id, line_item_id]` on the model: positions in that order.
    assert_eq!(tables[1].primary_key(), ["order_id", "line_item_id"]);
    assert_eq!(tables[0].primary_key(), ["order_id"]);
    // `$ref: '#/definitions/order_id'`: the definition's type, format and classification.
    let order_id = &tables[0].columns[0];
    assert_eq!(order_id.logical_type.as_deref(), Some("string"));
    assert!(y.contains("format: uuid"));
    assert!(y.contains("classification: restricted"));
    // `references: orders.order_id`
    assert_eq!(
        tables[1].columns[1].references,
        [("orders".to_string(), "order_id".to_string())]
    );
    assert!(y.contains("team:\n  name: Checkout Team\n"));
    assert!(y.contains("priceAmount: 5000\n  priceCurrency: USD\n  priceUnit: month"));
    assert!(y.contains("  - property: retention\n    value: 1\n    unit: \"y\""));
    assert!(y.contains(
        "  - property: latency\n    value: 25\n    unit: h\n    element: orders.order_timestamp"
    ));
    assert!(y.starts_with("# Imported from Data Contract Specification 1.2.0 by Charter.\n"));
    assert!(y.contains("#   models.orders.fields.customer_email_address.lineage\n"));
    // Multi-line text stays a readable block.
    assert!(y.contains("  purpose: |\n    Successful customer orders in the webshop.\n"));
}

#[test]
fn bad_input_says_what_and_where() {
    let e = import::jsonschema::import("{\"type\": ", "x").unwrap_err();
    assert!(e.contains("line 1"), "{e}");
    let e = import::jsonschema::import("{\"type\": \"string\"}", "x").unwrap_err();
    assert!(e.contains("no object"), "{e}");
    let e = import::avro::import("{\"type\": \"string\"}", "x").unwrap_err();
    assert!(e.contains("no record"), "{e}");
    let e = import::dcs::import("id: x\n", "x").unwrap_err();
    assert!(e.contains("dataContractSpecification"), "{e}");
    let e = import::dcs::import("a: [\n", "x").unwrap_err();
    assert!(e.contains("line"), "{e}");
    assert_eq!(
        Source::detect("a.yaml", "apiVersion: v3.2.0\nkind: DataContract\n"),
        None
    );
    assert_eq!(
        Source::detect(
            "a.json",
            "{\"apiVersion\": \"v3.2.0\", \"kind\": \"DataContract\"}"
        ),
        None
    );
    assert_eq!(Source::detect("a.avsc", ""), Some(Source::Avro));
    assert_eq!(
        Source::detect(
            "a.json",
            "{\"type\": \"record\", \"name\": \"a\", \"fields\": []}"
        ),
        Some(Source::Avro)
    );
    assert_eq!(
        Source::detect("a.json", "{\"$schema\": \"x\", \"properties\": {}}"),
        Some(Source::JsonSchema)
    );
    assert_eq!(Source::detect("a.SQL", ""), Some(Source::Sql));
    // Deep nesting: no stack overflow, a contract or a clear message.
    let deep = "{\"properties\": {\"a\": ".repeat(60) + "{}" + &"}}".repeat(60);
    let _ = import::jsonschema::import(&deep, "deep");
}

#[test]
fn json_schemas_written_by_others_import() {
    let official = official_v3_2();
    let schema = r##"{
      "$schema": "http://json-schema.org/draft-07/schema#",
      "title": "Customer",
      "type": "object",
      "required": ["id", "email"],
      "definitions": {
        "money": {"type": "number", "minimum": 0, "description": "An amount in EUR."},
        "address": {"type": "object", "properties": {"city": {"type": "string"}}, "required": ["city"]}
      },
      "allOf": [{"properties": {"created": {"type": "string", "format": "date-time"}}}],
      "properties": {
        "id": {"type": "string", "format": "uuid", "title": "Customer id"},
        "email": {"type": "string", "format": "email", "maxLength": 254},
        "tier": {"enum": ["gold", "silver", null]},
        "balance": {"$ref": "#/definitions/money"},
        "home": {"anyOf": [{"$ref": "#/definitions/address"}, {"type": "null"}]},
        "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 10},
        "born": {"type": ["string", "null"], "format": "date"}
      }
    }"##;
    let y = import::jsonschema::import(schema, "customer").unwrap();
    assert_valid(&y, &official, "customer");
    let t = &export::objects(&root(&y))[0];
    assert_eq!(t.name, "Customer");
    let col = |n: &str| t.columns.iter().find(|c| c.name == n).unwrap();
    assert!(col("id").required && col("email").required && !col("tier").required);
    assert_eq!(col("balance").logical_type.as_deref(), Some("number"));
    assert_eq!(col("home").logical_type.as_deref(), Some("object"));
    assert_eq!(col("born").logical_type.as_deref(), Some("date"));
    assert_eq!(col("created").logical_type.as_deref(), Some("timestamp"));
    assert_eq!(col("email").max_length, Some(254));
    assert_eq!(col("tier").enum_values.len(), 2);
    assert!(y.contains("        businessName: Customer id\n"));
    assert!(y.contains("          city:") || y.contains("name: city"));
}

#[test]
fn avro_schemas_written_by_others_import() {
    let official = official_v3_2();
    let schema = r#"{
      "type": "record", "name": "Payment", "namespace": "com.acme.payments",
      "doc": "A payment.",
      "fields": [
        {"name": "id", "type": {"type": "string", "logicalType": "uuid"}},
        {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}},
        {"name": "at", "type": {"type": "long", "logicalType": "timestamp-micros"}},
        {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["OK", "FAILED"]}},
        {"name": "previous", "type": ["null", "Status"], "default": null},
        {"name": "card", "type": ["null", {"type": "record", "name": "Card", "fields": [
            {"name": "last4", "type": "string"}, {"name": "expires", "type": {"type": "int", "logicalType": "date"}}]}]},
        {"name": "cards", "type": {"type": "array", "items": "Card"}},
        {"name": "meta", "type": {"type": "map", "values": "string"}},
        {"name": "count", "type": "int"}
      ]
    }"#;
    let y = import::avro::import(schema, "payment").unwrap();
    assert_valid(&y, &official, "payment");
    assert!(y.contains("domain: com.acme.payments\n"));
    let t = &export::objects(&root(&y))[0];
    let col = |n: &str| t.columns.iter().find(|c| c.name == n).unwrap();
    assert_eq!(
        col("amount").physical_type.as_deref(),
        Some("decimal(12,2)")
    );
    assert_eq!(col("at").logical_type.as_deref(), Some("timestamp"));
    assert_eq!(col("status").enum_values.len(), 2);
    // A named type used again keeps its symbols; a union with null is optional.
    assert_eq!(col("previous").enum_values.len(), 2);
    assert!(!col("previous").required && col("status").required);
    assert_eq!(col("card").logical_type.as_deref(), Some("object"));
    assert!(y.contains("name: expires\n"));
    assert_eq!(col("meta").logical_type.as_deref(), Some("object"));
}

/// The logical type as JSON Schema and Avro carry it (`map` is an object there, and the
/// types they don't have are strings).
fn carried(t: Option<&str>) -> &str {
    match t {
        Some(
            t @ ("integer" | "number" | "boolean" | "date" | "timestamp" | "time" | "array"
            | "object"),
        ) => t,
        Some("map") => "object",
        _ => "string",
    }
}

/// `a` (exported) and `b` (imported back) have the same objects, properties, logical
/// types, primary keys and required flags.
fn same_objects(a: &[Table], b: &[Table], what: &str) {
    assert_eq!(
        a.iter().map(|t| &t.name).collect::<Vec<_>>(),
        b.iter().map(|t| &t.name).collect::<Vec<_>>(),
        "{what}"
    );
    for (ta, tb) in a.iter().zip(b) {
        let names = |t: &Table| t.columns.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(ta), names(tb), "{what} {}", ta.name);
        let key = |t: &Table| {
            let mut t = t.clone();
            for c in &mut t.columns {
                c.sql_name = c.name.clone();
            }
            t.primary_key()
        };
        assert_eq!(key(ta), key(tb), "{what} {}", ta.name);
        for (ca, cb) in ta.columns.iter().zip(&tb.columns) {
            assert_eq!(
                carried(ca.logical_type.as_deref()),
                carried(cb.logical_type.as_deref()),
                "{what} {}.{}",
                ta.name,
                ca.name
            );
            assert_eq!(
                ca.required || ca.primary_key,
                cb.required,
                "{what} {}.{}",
                ta.name,
                ca.name
            );
        }
    }
}

#[test]
fn json_schema_and_avro_exports_of_every_official_example_import_back() {
    let official = official_v3_2();
    let mut checked = 0;
    for f in examples() {
        let text = std::fs::read_to_string(&f).unwrap();
        let r = root(&text);
        let tables: Vec<Table> = export::objects(&r)
            .into_iter()
            .filter(|t| !t.columns.is_empty())
            .collect();
        if tables.is_empty() {
            continue;
        }
        for (format, source) in [
            (Format::JsonSchema, Source::JsonSchema),
            (Format::Avro, Source::Avro),
        ] {
            let out = export::export(&r, format, &Options::default()).unwrap();
            let what = format!("{} {source:?}", f.display());
            let y = import::import(source, &out, None, "imported")
                .unwrap_or_else(|e| panic!("{what}: {e}\n{out}"));
            assert_valid(&y, &official, &what);
            let back: Vec<Table> = export::objects(&root(&y))
                .into_iter()
                .filter(|t| !t.columns.is_empty())
                .collect();
            same_objects(&tables, &back, &what);
            checked += 1;
        }
    }
    assert!(checked >= 60, "{checked}");
}

// ------------------------------------------------------------ rows from the contract

fn num(n: &Node) -> Option<f64> {
    match n.kind {
        NodeKind::Scalar(Scalar::Int(i)) => Some(i as f64),
        NodeKind::Scalar(Scalar::Float(f)) => Some(f),
        _ => None,
    }
}

/// A value the property `p` allows, or `None` when the test can't make one (a pattern
/// without an example).
fn value_of(p: &Node, depth: usize) -> Option<Value> {
    if depth > 20 {
        return None;
    }
    let opts = p.get("logicalTypeOptions");
    let opt = |k: &str| opts.and_then(|o| o.get(k));
    if let Some(first) = p
        .get("enum")
        .and_then(Node::as_seq)
        .and_then(|e| e.first())
        .and_then(|e| e.get("value"))
    {
        return Some(first.to_json());
    }
    let logical = match p.get("logicalType").and_then(Node::as_str) {
        None if p.get("properties").is_some() => "object",
        l => l.unwrap_or(""),
    };
    Some(match logical {
        "string" | "" => {
            if opt("pattern").is_some() {
                return p
                    .get("examples")
                    .and_then(Node::as_seq)
                    .and_then(|e| e.first())
                    .filter(|e| e.as_str().is_some())
                    .map(Node::to_json);
            }
            let min = opt("minLength").and_then(num).unwrap_or(1.0).max(1.0) as usize;
            let max = opt("maxLength").and_then(num).map(|m| m as usize);
            if max.is_some_and(|m| m < min) {
                return None;
            }
            json!("x".repeat(min))
        }
        "integer" | "number" => {
            let lo = opt("minimum")
                .and_then(num)
                .or_else(|| opt("exclusiveMinimum").and_then(num).map(|v| v + 1.0))
                .unwrap_or(0.0);
            let hi = opt("maximum")
                .and_then(num)
                .or_else(|| opt("exclusiveMaximum").and_then(num).map(|v| v - 1.0));
            let mut v = lo.ceil();
            if let Some(m) = opt("multipleOf").and_then(num).filter(|m| *m > 0.0) {
                v = (v / m).ceil() * m;
            }
            if hi.is_some_and(|h| v > h) {
                return None;
            }
            if logical == "integer" {
                json!(v as i64)
            } else {
                json!(v)
            }
        }
        "boolean" => json!(true),
        "date" => json!("2024-01-31"),
        "timestamp" => json!("2024-01-31T09:30:00Z"),
        "time" => json!("09:30:00"),
        "object" | "map" => {
            let mut m = serde_json::Map::new();
            for c in p.get("properties").and_then(Node::as_seq).unwrap_or(&[]) {
                let name = c.get("name").and_then(Node::as_str)?;
                m.insert(name.to_string(), value_of(c, depth + 1)?);
            }
            Value::Object(m)
        }
        "array" => {
            let min = opt("minItems").and_then(num).unwrap_or(0.0) as usize;
            if min == 0 {
                json!([])
            } else {
                let item = value_of(p.get("items")?, depth + 1)?;
                if min > 1 && opt("uniqueItems").is_some_and(|u| u.to_json() == json!(true)) {
                    return None;
                }
                Value::Array(vec![item; min])
            }
        }
        _ => json!("x"),
    })
}

#[test]
fn the_json_schema_of_every_official_example_accepts_its_rows_and_rejects_broken_ones() {
    let mut accepted = 0;
    let mut rejected = 0;
    for f in examples() {
        let text = std::fs::read_to_string(&f).unwrap();
        let r = root(&text);
        for o in r.get("schema").and_then(Node::as_seq).unwrap_or(&[]) {
            let Some(name) = o.get("name").and_then(Node::as_str) else {
                continue;
            };
            let props = o.get("properties").and_then(Node::as_seq).unwrap_or(&[]);
            if props.is_empty() {
                continue;
            }
            let what = format!("{} {name}", f.display());
            let options = Options {
                object: Some(name.to_string()),
                ..Options::default()
            };
            let s: Value =
                serde_json::from_str(&export::export(&r, Format::JsonSchema, &options).unwrap())
                    .unwrap();
            let v = jsonschema::validator_for(&s).unwrap_or_else(|e| panic!("{what}: {e}"));
            let Some(row) = value_of(o, 0) else { continue };
            assert!(
                v.is_valid(&row),
                "{what}: {row}\n{:?}",
                v.iter_errors(&row)
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
            );
            accepted += 1;
            // Broken rows: a required value missing, a value of the wrong type, a value
            // outside the enum, a string too long.
            for p in props {
                let Some(col) = p.get("name").and_then(Node::as_str) else {
                    continue;
                };
                let required = p.get("required").is_some_and(Node::is_true)
                    || p.get("primaryKey").is_some_and(Node::is_true);
                let logical = p.get("logicalType").and_then(Node::as_str).unwrap_or("");
                let mut broken = Vec::new();
                if required {
                    let mut b = row.clone();
                    b.as_object_mut().unwrap().remove(col);
                    broken.push(b);
                }
                let wrong = match logical {
                    "integer" | "number" | "boolean" | "object" | "array" => Some(json!("text")),
                    "string" | "date" | "timestamp" | "time" => Some(json!(12)),
                    _ => None,
                };
                if let Some(w) = wrong {
                    let mut b = row.clone();
                    b[col] = w;
                    broken.push(b);
                }
                if p.get("enum").is_some() && logical == "string" {
                    let mut b = row.clone();
                    b[col] = json!("not-one-of-the-values");
                    broken.push(b);
                }
                if let Some(max) = p
                    .get("logicalTypeOptions")
                    .and_then(|o| o.get("maxLength"))
                    .and_then(num)
                {
                    let mut b = row.clone();
                    b[col] = json!("x".repeat(max as usize + 1));
                    broken.push(b);
                }
                for b in broken {
                    assert!(!v.is_valid(&b), "{what}: accepted {b}");
                    rejected += 1;
                }
            }
        }
    }
    assert!(
        accepted >= 30 && rejected >= 200,
        "{accepted} rows, {rejected} broken rows"
    );
}

#[test]
fn recursive_and_multiplying_references_end() {
    // A tree: the recursion is written as an object without properties.
    let tree = r##"{"$ref": "#/$defs/node", "$defs": {"node": {"type": "object", "properties": {
        "left": {"$ref": "#/$defs/node"}, "right": {"$ref": "#/$defs/node"}, "v": {"type": "integer"}}}}}"##;
    let y = import::jsonschema::import(tree, "tree").unwrap();
    assert!(
        y.contains("      - name: left\n        logicalType: object\n      - name: right\n"),
        "{y}"
    );
    let list = r#"{"type": "record", "name": "Node", "fields": [{"name": "v", "type": "long"},
        {"name": "next", "type": ["null", "Node"]}, {"name": "kids", "type": {"type": "array", "items": "Node"}}]}"#;
    let y = import::avro::import(list, "list").unwrap();
    assert!(
        y.contains("      - name: next\n        logicalType: object\n      - name: kids\n"),
        "{y}"
    );
    // A definition used twice at each of 40 levels: 2^40 properties, refused at once.
    let mut defs = serde_json::Map::new();
    for i in 0..40 {
        let next = json!({"$ref": format!("#/$defs/d{}", i + 1)});
        defs.insert(
            format!("d{i}"),
            json!({"type": "object", "properties": {"a": next, "b": next}}),
        );
    }
    defs.insert("d40".into(), json!({"type": "string"}));
    let doc = json!({"$ref": "#/$defs/d0", "$defs": defs}).to_string();
    let e = import::jsonschema::import(&doc, "big").unwrap_err();
    assert!(e.contains("more than 200000 properties"), "{e}");
}

#[test]
fn control_characters_and_line_breaks_stay_in_their_place() {
    // A description with a control character is quoted (a literal block can't hold it).
    let y = import::jsonschema::import(
        r#"{"title": "t", "properties": {"a": {"type": "string", "description": "one\u0007\ntwo\n"}}}"#,
        "t",
    )
    .unwrap();
    let back = export::objects(&root(&y));
    assert_eq!(
        back[0].columns[0].description.as_deref(),
        Some("one\u{7}\ntwo\n")
    );
    // A DCS version or model name with a line break doesn't end the comment it is named in.
    let dcs = "dataContractSpecification: \"1.1\\nstatus: hacked\"\nid: x\ninfo:\n  title: x\n  version: 1.0.0\nmodels:\n  \"m\\nkind: Other\":\n    fields:\n      a:\n        type: string\n    examples: []\n";
    let y = import::dcs::import(dcs, "x").unwrap();
    assert!(
        y.starts_with(
            "# Imported from Data Contract Specification 1.1 status: hacked by Charter.\n"
        ),
        "{y}"
    );
    assert!(y.contains("#   models.m kind: Other.examples\n"), "{y}");
    assert!(charter_core::check(&y).is_valid(), "{y}");
    assert_eq!(
        root(&y).get("kind").and_then(Node::as_str),
        Some("DataContract")
    );
}

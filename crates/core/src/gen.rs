//! Generated contracts of a chosen size, for benchmarks and timing scripts.

use std::fmt::Write;

const TYPES: &[(&str, &str)] = &[
    ("string", "varchar(64)"),
    ("integer", "bigint"),
    ("number", "decimal(12,2)"),
    ("timestamp", "timestamp"),
    ("date", "date"),
    ("boolean", "boolean"),
];

/// A valid ODCS v3.2.0 contract with `tables` schema objects of `columns` properties each
/// (10 × 20 is about 120 KB; 100 × 50 about 2.8 MB).
pub fn contract(tables: usize, columns: usize) -> String {
    let mut s = String::with_capacity(tables * columns * 600 + 1024);
    s.push_str(
        "apiVersion: v3.2.0\nkind: DataContract\nid: generated-contract\nname: generated.v1\nversion: 1.0.0\nstatus: active\n\
         domain: benchmarks\ndescription:\n  purpose: Generated for benchmarks.\nteam:\n  name: bench-team\n  members:\n    - username: a@example.com\n    - username: b@example.com\n\
         support:\n  - channel: \"#bench\"\n\
         servers:\n  - server: warehouse\n    type: postgres\n    host: db.example.com\n    port: 5432\n    database: dwh\n    schema: public\nschema:\n",
    );
    for t in 0..tables {
        let _ = write!(
            s,
            "  - id: t{t:04}\n    name: table_{t}\n    physicalName: tbl_{t}\n    physicalType: table\n    description: Generated table number {t}, one row per business event of kind {t}.\n    properties:\n"
        );
        for c in 0..columns {
            let (lt, pt) = TYPES[(t + c) % TYPES.len()];
            let _ = write!(
                s,
                "      - id: t{t:04}_c{c:04}\n        name: column_{c}\n        physicalName: col_{c}\n        businessName: Column {c}\n        \
                 description: Generated column {c} of table {t}; it holds a value of logical type {lt} for reporting and reconciliation.\n        \
                 logicalType: {lt}\n        physicalType: {pt}\n        required: {}\n        unique: false\n        classification: internal\n        \
                 criticalDataElement: false\n        tags:\n          - generated\n          - bench\n        customProperties:\n          - property: sourceColumn\n            value: SRC_{c}\n",
                c % 3 == 0
            );
            if lt == "string" {
                s.push_str("        logicalTypeOptions:\n          maxLength: 64\n");
            }
        }
        let _ = write!(
            s,
            "    quality:\n      - type: library\n        metric: rowCount\n        mustBeGreaterThan: 0\n        dimension: completeness\n"
        );
    }
    s.push_str("slaProperties:\n  - property: latency\n    value: 5\n    unit: m\n");
    s
}

/// The shapes of [`wide`]: each makes one part of a document as long as asked, the
/// way hostile or machine-written input does.
pub const WIDE_SHAPES: &[&str] = &[
    "tables",
    "properties",
    "same-names",
    "nested-properties",
    "relationships",
    "ids",
    "key-positions",
    "quality-rules",
    "servers",
    "sla-elements",
    "mapping-keys",
    "flow-list",
    "product-ports",
];

/// A contract (or, for `product-ports`, a data product) whose `shape` part has `n`
/// elements: the input of the scaling benchmarks and tests, and of the hostile corpus.
/// `None` for an unknown shape.
pub fn wide(shape: &str, n: usize) -> Option<String> {
    let mut s = String::from(
        "apiVersion: v3.1.0\nkind: DataContract\nid: wide\nversion: 1.0.0\nstatus: active\n",
    );
    let each = |s: &mut String, header: &str, item: &dyn Fn(&mut String, usize)| {
        s.push_str(header);
        for i in 0..n {
            item(s, i);
        }
    };
    let one_table = "schema:\n  - name: t\n    properties:\n";
    match shape {
        "tables" => each(&mut s, "schema:\n", &|s, i| {
            let _ = writeln!(s, "  - name: t{i}");
        }),
        "properties" => each(&mut s, one_table, &|s, i| {
            let _ = writeln!(s, "      - name: c{i}\n        logicalType: string");
        }),
        "same-names" => each(&mut s, one_table, &|s, _| s.push_str("      - name: c\n")),
        "nested-properties" => each(&mut s, one_table, &|s, i| {
            let _ = writeln!(
                s,
                "      - name: c{i}\n        logicalType: object\n        properties:\n          - name: x\n            logicalType: string"
            );
        }),
        "relationships" => each(&mut s, one_table, &|s, i| {
            let _ = writeln!(
                s,
                "      - name: c{i}\n        relationships:\n          - to: t.c{}",
                (i * 7 + 3) % n.max(1)
            );
        }),
        "ids" => each(&mut s, one_table, &|s, i| {
            let _ = writeln!(s, "      - name: c{i}\n        id: i{i}");
        }),
        "key-positions" => each(&mut s, one_table, &|s, i| {
            let _ = writeln!(
                s,
                "      - name: c{i}\n        primaryKey: true\n        primaryKeyPosition: {}",
                n - i
            );
        }),
        "quality-rules" => each(&mut s, "schema:\n  - name: t\n    quality:\n", &|s, i| {
            let _ = writeln!(s, "      - metric: nullValues\n        mustBe: {i}");
        }),
        "servers" => each(&mut s, "servers:\n", &|s, i| {
            let _ = writeln!(
                s,
                "  - server: s{i}\n    type: postgres\n    host: h\n    port: 5432\n    database: d\n    schema: s"
            );
        }),
        "sla-elements" => each(&mut s, "slaProperties:\n", &|s, i| {
            let _ = writeln!(
                s,
                "  - property: latency\n    value: {i}\n    unit: d\n    element: t.c{i}"
            );
        }),
        "mapping-keys" => each(
            &mut s,
            "customProperties:\n  - property: p\n    value:\n",
            &|s, i| {
                let _ = writeln!(s, "      k{i}: {i}");
            },
        ),
        "flow-list" => {
            s.push_str("tags: [");
            for i in 0..n {
                s.push_str(if i == 0 { "a" } else { ",a" });
            }
            s.push_str("]\n");
        }
        "product-ports" => {
            s = "apiVersion: v1.0.0\nkind: DataProduct\nid: wide\nstatus: active\n".into();
            for list in ["inputPorts", "outputPorts"] {
                each(&mut s, &format!("{list}:\n"), &|s, i| {
                    let _ = writeln!(
                        s,
                        "  - name: p{i}\n    version: 1.0.0\n    contractId: c{i}"
                    );
                });
            }
        }
        _ => return None,
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    #[test]
    fn generated_contracts_are_valid_and_sized_as_documented() {
        let small = super::contract(10, 20);
        let r = crate::check(&small);
        assert!(
            r.diagnostics.is_empty(),
            "{:#?}",
            &r.diagnostics[..r.diagnostics.len().min(3)]
        );
        assert!((100_000..160_000).contains(&small.len()), "{}", small.len());
    }

    #[test]
    fn every_wide_shape_is_generated_and_parses() {
        for shape in super::WIDE_SHAPES {
            let text = super::wide(shape, 50).unwrap();
            let doc = crate::yaml::parse(&text);
            assert!(doc.errors.is_empty(), "{shape}: {:?}", doc.errors);
        }
        assert!(super::wide("nonsense", 1).is_none());
    }
}

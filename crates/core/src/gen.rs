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
}

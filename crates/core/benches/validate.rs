//! Benchmarks of the editor's hot path: the syntax tree, parse (tree + data), validate (+ lint), parse + validate, diff,
//! completion, exports and imports (JSON Schema, SQL) and conversion to ODCS v3.1.0, on generated ODCS v3.2.0 contracts of 10 × 20 (~120 KB) and 100 × 50
//! (~2.8 MB); and the scaling group: every wide shape of `gen::wide` at 10,000 and 20,000
//! elements. Run: `cargo bench -p charter-core` (`-- scaling` for that group only).

use charter_core::{assist, convert, diff, export, gen, import, standard, yaml};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    for (tables, columns) in [(10, 20), (100, 50)] {
        let text = gen::contract(tables, columns);
        let id = format!("{tables}x{columns}");
        let mut g = c.benchmark_group("check");
        g.throughput(Throughput::Bytes(text.len() as u64));
        if tables >= 100 {
            g.sample_size(20);
        }
        // The syntax tree alone, then the tree and the data model built from it.
        g.bench_with_input(BenchmarkId::new("syntax", &id), &text, |b, t| {
            b.iter(|| charter_core::syntax::parse(black_box(t)))
        });
        g.bench_with_input(BenchmarkId::new("parse", &id), &text, |b, t| {
            b.iter(|| yaml::parse(black_box(t)))
        });
        let doc = yaml::parse(&text);
        let root = doc.root.clone().unwrap();
        g.bench_with_input(BenchmarkId::new("validate", &id), &root, |b, r| {
            b.iter(|| {
                standard::validate_root(black_box(&text), black_box(r), true, &Default::default())
            })
        });
        g.bench_with_input(BenchmarkId::new("parse+validate", &id), &text, |b, t| {
            b.iter(|| charter_core::check(black_box(t)))
        });
        // A keystroke in the last table's first property: re-read in place (the editor's
        // worker does this per keystroke; the full parse is `parse` above).
        let at = text.rfind("logicalType: string").unwrap() + "logicalType: string".len();
        let typed = format!("{}x{}", &text[..at], &text[at..]);
        g.bench_with_input(BenchmarkId::new("reparse", &id), &typed, |b, t| {
            b.iter_batched(
                || yaml::parse(&text),
                |old| yaml::reparse(old, black_box(t)).map(|d| d.root.is_some()),
                criterion::BatchSize::LargeInput,
            )
        });
        // Completion of a property's keys, deep in the last table, on the document the
        // check parsed (as the editor's worker does).
        let at = text.rfind("        logicalType:").unwrap();
        g.bench_with_input(BenchmarkId::new("complete", &id), &doc, |b, d| {
            b.iter(|| assist::complete_in(black_box(d), at))
        });
        // Diff against a copy with one changed classification per table.
        let changed = text.replace("classification: internal\n        criticalDataElement: false\n        tags:\n          - generated\n          - bench\n        customProperties:\n          - property: sourceColumn\n            value: SRC_1\n", "classification: restricted\n        criticalDataElement: false\n        tags:\n          - generated\n          - bench\n        customProperties:\n          - property: sourceColumn\n            value: SRC_1\n");
        let new_root = yaml::parse(&changed).root.unwrap();
        g.bench_with_input(BenchmarkId::new("diff", &id), &new_root, |b, n| {
            b.iter(|| diff::diff(black_box(&root), black_box(n), diff::Mode::Backward))
        });
        g.bench_with_input(BenchmarkId::new("parse+diff", &id), &changed, |b, n| {
            b.iter(|| diff::diff_texts(black_box(&text), black_box(n), diff::Mode::Backward))
        });
        // Exports and imports: the JSON Schema written and read back, the Postgres DDL
        // read back, and the contract converted to v3.1.0 (two checks included).
        let options = export::Options::default();
        g.bench_with_input(BenchmarkId::new("export-jsonschema", &id), &root, |b, r| {
            b.iter(|| export::export(black_box(r), export::Format::JsonSchema, &options))
        });
        let schema = export::export(&root, export::Format::JsonSchema, &options).unwrap();
        g.bench_with_input(
            BenchmarkId::new("import-jsonschema", &id),
            &schema,
            |b, s| b.iter(|| import::jsonschema::import(black_box(s), "bench")),
        );
        let ddl = export::export(&root, export::Format::Sql, &options).unwrap();
        g.bench_with_input(BenchmarkId::new("import-sql", &id), &ddl, |b, s| {
            b.iter(|| import::sql::import(black_box(s), None, "bench"))
        });
        g.bench_with_input(BenchmarkId::new("convert-v3.1.0", &id), &text, |b, t| {
            b.iter(|| convert::convert(black_box(t), "v3.1.0", false))
        });
        g.finish();
    }
}

/// Each wide shape at 10,000 and 20,000 elements: the time per element stays flat when
/// every check is linear (compare the two rows of a shape; `tests/scaling.rs` asserts it).
fn scaling(c: &mut Criterion) {
    let mut g = c.benchmark_group("scaling");
    g.sample_size(10);
    for shape in gen::WIDE_SHAPES {
        for n in [10_000, 20_000] {
            let text = gen::wide(shape, n).unwrap();
            g.throughput(Throughput::Elements(n as u64));
            g.bench_with_input(BenchmarkId::new(*shape, n), &text, |b, t| {
                b.iter(|| charter_core::check(black_box(t)))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench, scaling);
criterion_main!(benches);

//! Charter's verdicts must equal the official JSON Schema's.
//!
//! The official schemas and examples are read from `../shared/reference/` at test time
//! (never copied into the project) and run through the `jsonschema` crate.

use charter_core::lint::Policy;
use charter_core::yaml;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::PathBuf;

mod common;
use common::{official_validator, reference_dir, yaml_files};

/// Every ODCS version Charter models, with its official schema.
const ODCS: [(&str, &str); 5] = [
    ("v3.0.0", "odcs/schemas/odcs-json-schema-v3.0.0.json"),
    ("v3.0.1", "odcs/schemas/odcs-json-schema-v3.0.1.json"),
    ("v3.0.2", "odcs/schemas/odcs-json-schema-v3.0.2.json"),
    ("v3.1.0", "odcs/schemas/odcs-json-schema-v3.1.0.json"),
    ("v3.2.0", "odcs/schemas/odcs-json-schema-v3.2.0.json"),
];

fn declares(text: &str, version: &str) -> bool {
    yaml::parse(text)
        .root
        .and_then(|r| {
            r.get("apiVersion")
                .and_then(|v| v.as_str())
                .map(|v| v == version)
        })
        .unwrap_or(false)
}

/// The files among `files` that declare `apiVersion: version`, as the JSON data model.
fn declaring(files: &[PathBuf], version: &str) -> Vec<(String, Value)> {
    files
        .iter()
        .filter_map(|p| {
            let t = std::fs::read_to_string(p).unwrap();
            declares(&t, version).then(|| {
                (
                    p.display().to_string(),
                    yaml::parse(&t).root.unwrap().to_json(),
                )
            })
        })
        .collect()
}

#[test]
fn conformance_official_examples_get_the_official_verdict_of_their_declared_version() {
    let mut files = Vec::new();
    yaml_files(&reference_dir().join("odcs/examples"), &mut files);
    let mut counted = 0;
    for (version, schema) in ODCS {
        let official = official_validator(schema);
        let examples = declaring(&files, version);
        let (valid, _) = assert_same_verdicts(&official, &examples);
        println!(
            "conformance: {} official examples declare {version}, {valid} valid, all verdicts equal",
            examples.len()
        );
        counted += examples.len();
    }
    assert!(
        counted >= 40,
        "expected the official examples, found {counted}"
    );
}

/// Every official example under `dir`, whatever version it declares, re-declared as
/// `version`: for ODCS v3.1.0 the v3.0.x examples mostly pass and the v3.2.0 ones use newer
/// keys and mostly fail.
fn examples_redeclared(dir: &str, version: &str) -> Vec<(String, Value)> {
    let mut files = Vec::new();
    yaml_files(&reference_dir().join(dir), &mut files);
    files
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            let mut v = yaml::parse(&text).root?.to_json();
            v.as_object_mut()?
                .insert("apiVersion".into(), json!(version));
            Some((p.display().to_string(), v))
        })
        .collect()
}

/// The places the official schema reports: each error's instance path, and for unknown
/// properties the property's own path (Charter points at the key).
///
/// When any part of an object fails, draft 2019-09 drops that part's annotations, so
/// `unevaluatedProperties` then also lists the keys it had declared, valid as they are.
/// An object's unevaluated keys are therefore certain only when nothing else in it
/// fails; otherwise they are possible places (returned second), which Charter may or
/// may not report.
fn official_paths(
    official: &jsonschema::Validator,
    value: &Value,
) -> (BTreeSet<String>, BTreeSet<String>) {
    use jsonschema::error::ValidationErrorKind as K;
    let errors: Vec<_> = official.iter_errors(value).collect();
    let (mut certain, mut possible) = (BTreeSet::new(), BTreeSet::new());
    for e in &errors {
        let at = e.instance_path().to_string();
        match e.kind() {
            K::AdditionalProperties { unexpected } | K::UnevaluatedProperties { unexpected } => {
                let follow_on = matches!(e.kind(), K::UnevaluatedProperties { .. })
                    && errors.iter().any(|o| {
                        let p = o.instance_path().to_string();
                        !matches!(o.kind(), K::UnevaluatedProperties { .. })
                            && (p == at || p.starts_with(&format!("{at}/")))
                    });
                let into = if follow_on {
                    &mut possible
                } else {
                    &mut certain
                };
                for k in unexpected {
                    into.insert(format!("{at}/{}", k.replace('~', "~0").replace('/', "~1")));
                }
            }
            _ => {
                certain.insert(at);
            }
        }
    }
    (certain, possible)
}

/// The places Charter reports errors at.
fn charter_paths(report: &charter_core::Report) -> BTreeSet<String> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity == charter_core::Severity::Error)
        .map(|d| d.path.clone())
        .collect()
}

/// Whether the failing places agree: each certain official place lies on a path
/// (ancestor or descendant) of a place Charter reports, and each place Charter reports
/// lies on a path of an official one. A schema's `oneOf` reports at the alternative's
/// root where Charter names the key inside; both are the same place.
fn same_places(
    (certain, possible): &(BTreeSet<String>, BTreeSet<String>),
    ours: &BTreeSet<String>,
) -> bool {
    let related = |x: &str, y: &str| {
        x == y
            || (y.starts_with(x) && y.as_bytes().get(x.len()) == Some(&b'/'))
            || (x.starts_with(y) && x.as_bytes().get(y.len()) == Some(&b'/'))
    };
    certain.iter().all(|x| ours.iter().any(|y| related(x, y)))
        && ours
            .iter()
            .all(|y| certain.iter().chain(possible).any(|x| related(x, y)))
}

/// Charter's verdict on each example equals the official one, and so do the failing
/// places; returns how many were valid and how many had equal places.
fn assert_same_verdicts(
    official: &jsonschema::Validator,
    examples: &[(String, Value)],
) -> (usize, usize) {
    assert_same_verdicts_with(official, examples, &Policy::default())
}

fn assert_same_verdicts_with(
    official: &jsonschema::Validator,
    examples: &[(String, Value)],
    policy: &Policy,
) -> (usize, usize) {
    let mut valid = 0;
    let mut places = 0;
    for (name, value) in examples {
        let want = official.is_valid(value);
        let text = serde_json::to_string_pretty(value).unwrap();
        let report = charter_core::check_each_error_with(&text, policy);
        let ours: Vec<String> = report
            .diagnostics
            .iter()
            .map(|d| format!("{} {} {}", d.code, d.path, d.message))
            .collect();
        let theirs: Vec<String> = official
            .iter_errors(value)
            .map(|e| format!("{} {e}", e.instance_path()))
            .collect();
        assert_eq!(
            report.is_valid(),
            want,
            "{name}: official {theirs:#?}\ncharter {ours:#?}"
        );
        let (o, c) = (official_paths(official, value), charter_paths(&report));
        assert!(
            same_places(&o, &c),
            "{name}: official places {o:?}, Charter's {c:?}\nofficial {theirs:#?}\ncharter {ours:#?}"
        );
        places += 1;
        valid += usize::from(want);
    }
    (valid, places)
}

#[test]
fn conformance_every_official_example_redeclared_as_each_version_gets_the_official_verdict() {
    for (version, schema) in ODCS {
        let official = official_validator(schema);
        let examples = examples_redeclared("odcs/examples", version);
        let (valid, _) = assert_same_verdicts(&official, &examples);
        println!(
            "conformance: {} official examples re-declared as {version} ({valid} valid, {} invalid), verdicts and failing places equal",
            examples.len(),
            examples.len() - valid
        );
    }
}

/// Every way we perturb a valid document, applied at every place it fits.
/// Seeds are sampled (every n-th place) so that each yields at most 600 mutations and
/// large seeds fewer, keeping the bytes checked per seed about the same.
fn mutations(v: &Value, mut out: impl FnMut(Value)) {
    let size = v.to_string().len();
    let per_seed = (6_000_000 / size.max(1)).clamp(60, 900);
    let mut ptrs = Vec::new();
    collect_pointers(v, String::new(), &mut ptrs);
    let stride = (ptrs.len() * 4 / per_seed).max(1);
    for p in ptrs.iter().step_by(stride) {
        let node = v.pointer(p).unwrap();
        let mut push = |f: &dyn Fn(&mut Value)| {
            let mut m = v.clone();
            f(m.pointer_mut(p).unwrap());
            out(m);
        };
        match node {
            Value::Object(map) => {
                for k in map.keys() {
                    let k = k.clone();
                    push(&|n| {
                        n.as_object_mut().unwrap().remove(&k);
                    });
                }
                push(&|n| {
                    n.as_object_mut()
                        .unwrap()
                        .insert("xUnknownKey".into(), json!("x"));
                });
                // Keys that some versions or objects define and others don't.
                for (k, probe) in [
                    ("id", json!("probe-1")),
                    ("description", json!("probe")),
                    ("name", json!("probe")),
                    ("physicalName", json!("probe")),
                    ("customProperties", json!([])),
                    ("metric", json!("rowCount")),
                    ("context", json!("probe")),
                    ("deprecated", json!(true)),
                    ("semanticType", json!("measure")),
                    ("port", json!("${PORT}")),
                    ("type", json!("sourceAligned")),
                    ("synonyms", json!([{ "synonym": "probe" }])),
                    ("vendor", json!("probe")),
                    ("version", json!("1.0.0")),
                    ("status", json!("active")),
                    ("url", json!("https://example.com/probe")),
                    ("contractId", json!("probe-contract")),
                ] {
                    if !map.contains_key(k) {
                        push(&|n| {
                            n.as_object_mut().unwrap().insert(k.into(), probe.clone());
                        });
                    }
                }
                push(&|n| *n = json!("text instead of a mapping"));
                push(&|n| *n = json!([]));
            }
            Value::Array(items) => {
                push(&|n| *n = json!({ "item": n.clone() }));
                push(&|n| *n = json!("text instead of a list"));
                if !items.is_empty() {
                    push(&|n| n.as_array_mut().unwrap().clear());
                    push(&|n| n.as_array_mut().unwrap().push(json!(42)));
                }
            }
            Value::String(s) => {
                push(&|n| *n = json!({ "nested": n.clone() }));
                push(&|n| *n = json!([n.clone()]));
                push(&|n| *n = json!(7));
                push(&|n| *n = json!(true));
                let s = s.clone();
                push(&|n| *n = json!(format!("{s}x y")));
                push(&|n| *n = json!(null));
            }
            Value::Number(_) => {
                push(&|n| *n = json!([n.clone()]));
                push(&|n| *n = json!("12"));
                push(&|n| *n = json!(-3));
                push(&|n| *n = json!(2.5));
                push(&|n| *n = json!(0));
            }
            Value::Bool(_) => {
                push(&|n| *n = json!("yes"));
                push(&|n| *n = json!(1));
            }
            Value::Null => push(&|n| *n = json!("x")),
        }
    }
}

fn collect_pointers(v: &Value, at: String, out: &mut Vec<String>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let tok = k.replace('~', "~0").replace('/', "~1");
                collect_pointers(x, format!("{at}/{tok}"), out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                collect_pointers(x, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// Mutate every seed and require Charter's verdict to equal the official one on each
/// mutation that still declares `version`.
fn assert_mutations_agree(
    official: &jsonschema::Validator,
    seeds: &[(String, Value)],
    version: &str,
    min: usize,
) {
    assert_mutations_agree_with(official, seeds, version, min, &Policy::default())
}

fn assert_mutations_agree_with(
    official: &jsonschema::Validator,
    seeds: &[(String, Value)],
    version: &str,
    min: usize,
    policy: &Policy,
) {
    let (mut total, mut agree, mut places) = (0usize, 0usize, 0usize);
    let mut disagreements = Vec::new();
    let mut place_disagreements = Vec::new();
    for (name, seed) in seeds {
        mutations(seed, |m| {
            // Keep the declared version so the model under test is the one compared.
            if m.get("apiVersion") != Some(&json!(version)) {
                return;
            }
            total += 1;
            let text = serde_json::to_string_pretty(&m).unwrap();
            let want = official.is_valid(&m);
            let got = charter_core::check_each_error_with(&text, policy);
            if got.is_valid() == want {
                agree += 1;
                let (o, c) = (official_paths(official, &m), charter_paths(&got));
                if same_places(&o, &c) {
                    places += 1;
                } else if place_disagreements.len() < 10 {
                    place_disagreements.push(format!("{name}: official {o:?}, Charter {c:?}"));
                }
            } else if disagreements.len() < 10 {
                let errs: Vec<String> = official
                    .iter_errors(&m)
                    .map(|e| format!("{} {e}", e.instance_path()))
                    .collect();
                let ours: Vec<String> = got
                    .diagnostics
                    .iter()
                    .map(|d| format!("{} {} {}", d.code, d.path, d.message))
                    .collect();
                disagreements.push(format!(
                    "{name}: official valid={want} {errs:?}\n  charter: {ours:?}"
                ));
            }
        });
    }
    println!(
        "conformance: {agree}/{total} mutated {version}{} documents get the official verdict ({:.2} %), {places}/{total} the same failing places ({:.2} %)",
        if policy.strict { " (strict)" } else { "" },
        100.0 * agree as f64 / total.max(1) as f64,
        100.0 * places as f64 / total.max(1) as f64
    );
    assert!(total >= min, "too few mutations: {total}");
    assert!(
        disagreements.is_empty(),
        "{} of {total} disagree; first ones:\n{}",
        total - agree,
        disagreements.join("\n")
    );
    assert!(
        place_disagreements.is_empty(),
        "{} of {total} report other places; first ones:\n{}",
        agree - places,
        place_disagreements.join("\n")
    );
}

/// Mutation seeds: the examples the official schema accepts, plus the templates of `kind`
/// re-declared as `version` when the official schema accepts them too.
fn valid_seeds(
    official: &jsonschema::Validator,
    examples: Vec<(String, Value)>,
    kind: &str,
    version: &str,
) -> Vec<(String, Value)> {
    let mut seeds: Vec<(String, Value)> = examples
        .into_iter()
        .filter(|(_, v)| official.is_valid(v))
        .collect();
    for t in charter_core::templates::ALL {
        let mut v = yaml::parse(t.text).root.unwrap().to_json();
        if v["kind"] == kind {
            v["apiVersion"] = json!(version);
            if official.is_valid(&v) {
                seeds.push((t.id.to_string(), v));
            }
        }
    }
    seeds
}

#[test]
fn conformance_mutated_documents_get_the_official_verdict_in_every_version() {
    for (version, schema) in ODCS {
        let official = official_validator(schema);
        let seeds = valid_seeds(
            &official,
            examples_redeclared("odcs/examples", version),
            "DataContract",
            version,
        );
        assert_mutations_agree(&official, &seeds, version, 10_000);
    }
}

/// The official strict v3.0.2 schema (every object closed) is no `apiVersion`'s: a policy
/// with `strict: true` asks for it.
#[test]
fn conformance_strict_v3_0_2_matches_the_official_strict_schema() {
    let official = official_validator("odcs/schemas/odcs-json-schema-v3.0.2-strict.json");
    let mut strict = Policy::default();
    strict.strict = true;
    let examples = examples_redeclared("odcs/examples", "v3.0.2");
    let (valid, _) = assert_same_verdicts_with(&official, &examples, &strict);
    println!(
        "conformance: {} official examples re-declared as v3.0.2, strict ({valid} valid), verdicts and failing places equal",
        examples.len()
    );
    let seeds = valid_seeds(&official, examples, "DataContract", "v3.0.2");
    assert_mutations_agree_with(&official, &seeds, "v3.0.2", 10_000, &strict);
}

/// Every ODPS version Charter models, with its official schema.
const ODPS: [(&str, &str); 3] = [
    ("v0.9.0", "odps/schemas/odps-json-schema-v0.9.0.json"),
    ("v1.0.0", "odps/schemas/odps-json-schema-v1.0.0.json"),
    ("v1.1.0", "odps/schemas/odps-json-schema-v1.1.0.json"),
];

#[test]
fn conformance_odps_examples_and_mutations_get_the_official_verdict() {
    let mut files = Vec::new();
    yaml_files(&reference_dir().join("odps/examples"), &mut files);
    for (version, schema) in ODPS {
        let official = official_validator(schema);
        let declared = declaring(&files, version);
        let (valid, _) = assert_same_verdicts(&official, &declared);
        println!(
            "conformance: {} official ODPS examples declare {version} ({valid} valid), verdicts and failing places equal",
            declared.len()
        );
        let examples = examples_redeclared("odps/examples", version);
        assert!(examples.len() >= 6);
        let (valid, _) = assert_same_verdicts(&official, &examples);
        println!(
            "conformance: {} ODPS examples re-declared as {version} ({valid} valid), verdicts and failing places equal",
            examples.len()
        );
        let seeds = valid_seeds(&official, examples, "DataProduct", version);
        let min = if version == "v1.1.0" { 2_000 } else { 500 };
        assert_mutations_agree(&official, &seeds, version, min);
    }
}

/// What the released v3.2.0 changed from its release candidate, probed one by one against
/// the official schemas of v3.1.0 and v3.2.0: Actian servers, wider ids, properties without
/// `logicalType`.
#[test]
fn conformance_released_v3_2_0_differences_get_the_official_verdict() {
    let base = |version: &str| {
        json!({
            "apiVersion": version, "kind": "DataContract", "id": "c1", "version": "1.0.0",
            "status": "active",
            "schema": [{ "name": "orders", "properties": [{ "name": "a", "logicalType": "string" }] }],
        })
    };
    let mut cases: Vec<(String, Value)> = Vec::new();
    for version in ["v3.1.0", "v3.2.0"] {
        for t in [
            "ingres",
            "vectorwise",
            "versant",
            "poet",
            "fastobjects",
            "btrieve",
            "zen",
        ] {
            for fields in [
                json!({}),
                json!({ "database": "d" }),
                json!({ "database": "d", "host": "h" }),
                json!({ "database": "d", "host": "h", "port": "${PORT}" }),
                json!({ "database": "d", "host": "h", "port": 21064, "schema": "s" }),
            ] {
                let mut v = base(version);
                let mut server = json!({ "server": "s", "type": t });
                for (k, x) in fields.as_object().unwrap() {
                    server[k] = x.clone();
                }
                v["servers"] = json!([server]);
                cases.push((format!("{version} {t} {fields}"), v));
            }
        }
        for id in [
            "fdir:ISU:TAD",
            "urn:uuid:1234",
            "größe",
            "a+b",
            "a.b",
            "a#b",
            "a/b",
            "a\\b",
            "a@b",
            "a!b",
            "a%b",
            "a&b",
            "a^b",
            "a b",
            "",
        ] {
            let mut v = base(version);
            v["schema"][0]["id"] = json!(id);
            v["schema"][0]["properties"][0]["id"] = json!(id);
            cases.push((format!("{version} id {id:?}"), v.clone()));
            v["schema"][0]["relationships"] =
                json!([{ "from": "orders.a", "to": format!("schema/{id}/properties/x") }]);
            cases.push((format!("{version} reference to {id:?}"), v));
        }
        for property in [
            json!({ "name": "a" }),
            json!({ "name": "a", "logicalTypeOptions": {} }),
            json!({ "name": "a", "logicalTypeOptions": { "dimensions": 3 } }),
            json!({ "name": "a", "logicalTypeOptions": { "minLength": 1 } }),
            json!({ "name": "a", "map": { "key": { "logicalType": "string" }, "value": { "logicalType": "string" } } }),
            json!({ "name": "a", "logicalType": "map" }),
            json!({ "name": "a", "logicalType": "vector" }),
            json!({ "name": "a", "logicalType": "vector", "logicalTypeOptions": { "dimensions": 3 } }),
            json!({ "name": "a", "items": { "logicalType": "string" }, "properties": [{ "name": "b" }] }),
        ] {
            let mut v = base(version);
            v["schema"][0]["properties"] = json!([property]);
            cases.push((format!("{version} property {property}"), v));
        }
        let mut v = base(version);
        v["dataProduct"] = json!("orders");
        cases.push((format!("{version} dataProduct"), v));
    }
    let mut counted = 0;
    for (version, schema) in [
        ("v3.1.0", "odcs/schemas/odcs-json-schema-v3.1.0.json"),
        ("v3.2.0", "odcs/schemas/odcs-json-schema-v3.2.0.json"),
    ] {
        let official = official_validator(schema);
        let mine: Vec<(String, Value)> = cases
            .iter()
            .filter(|(n, _)| n.starts_with(version))
            .cloned()
            .collect();
        let (valid, _) = assert_same_verdicts(&official, &mine);
        println!(
            "conformance: {} probes of the released v3.2.0 changes as {version} ({valid} valid), verdicts and failing places equal",
            mine.len()
        );
        counted += mine.len();
    }
    assert!(counted > 100);
    // `dataProduct` is deprecated again in the release: a warning, not an error.
    let r = charter_core::check(&serde_json::to_string_pretty(&cases.last().unwrap().1).unwrap());
    assert!(r.is_valid());
    assert!(r
        .diagnostics
        .iter()
        .any(|d| d.code == "deprecated" && d.path == "/dataProduct"));
}

//! What the core's test files share: where the official reference data is, its files and
//! its schemas.

use std::path::{Path, PathBuf};

/// `../shared/reference/` (or `CHARTER_REFERENCE`): read at test time, never copied.
pub fn reference_dir() -> PathBuf {
    let dir = std::env::var_os("CHARTER_REFERENCE")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference"));
    assert!(
        dir.join("README.md").exists(),
        "the official reference data is missing at {}: check out `shared/` beside the repository or set CHARTER_REFERENCE",
        dir.display()
    );
    dir
}

/// The official schema at `rel` (e.g. `odcs/schemas/odcs-json-schema-v3.1.0.json`).
#[allow(dead_code)] // not every test file asks for one
pub fn official_validator(rel: &str) -> jsonschema::Validator {
    let path = reference_dir().join(rel);
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

/// The YAML files under `dir`, added to `out`, sorted.
pub fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            yaml_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "yaml" || x == "yml") {
            out.push(p);
        }
    }
    out.sort();
}

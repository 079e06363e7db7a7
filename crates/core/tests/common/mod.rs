//! What the core's test files share: where the official reference data is, and its files.

use std::path::{Path, PathBuf};

/// `../shared/reference/` (or `CHARTER_REFERENCE`): read at test time, never copied.
pub fn reference_dir() -> PathBuf {
    std::env::var_os("CHARTER_REFERENCE")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference"))
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

//! What the CLI's test files share.

use std::path::{Path, PathBuf};

/// The official ODCS examples (read from `../shared/reference/` at test time), sorted.
pub fn official_examples() -> Vec<PathBuf> {
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

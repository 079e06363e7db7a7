//! Imports: other descriptions of data made into an ODCS v3.2.0 contract that passes
//! Charter's own validation. `sql.rs` reads `CREATE TABLE` scripts with a real SQL parser
//! (the `sqlparser` crate).

pub mod sql;

/// A name as a YAML scalar: plain when it reads back as the same string, else quoted.
pub(crate) fn scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-.".contains(c))
        && !s.starts_with(|c: char| c.is_ascii_digit() || c == '-' || c == '.')
        && !matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "y" | "n"
        );
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
    }
}

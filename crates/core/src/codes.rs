//! The catalogue of diagnostic codes: every problem Charter reports has a stable id, a
//! severity and a one-line why. Lint rules carry their `Code` too (`lint::LintRule::code`),
//! so a [`crate::Diagnostic`] always points at one entry of one catalogue ([`lookup`]). `docs/diagnostics.md` is generated from this list
//! (`charter codes --markdown`), and a test keeps the two in step.

use crate::diag::Severity;

#[derive(Debug, PartialEq, Eq)]
pub struct Code {
    pub id: &'static str,
    pub severity: Severity,
    /// One line: why this is a problem.
    pub why: &'static str,
    /// A short example of text that triggers it.
    pub example: &'static str,
}

/// A code compares with its id (`d.code == "missing-required"`).
impl PartialEq<str> for Code {
    fn eq(&self, other: &str) -> bool {
        self.id == other
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id)
    }
}

/// A code is written as its id.
impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id)
    }
}

macro_rules! codes {
    ($($name:ident = $id:literal, $sev:ident, $why:literal, $example:literal;)*) => {
        $(pub static $name: Code = Code { id: $id, severity: Severity::$sev, why: $why, example: $example };)*
        /// Every code, in catalogue order.
        pub static ALL: &[&Code] = &[$(&$name),*];
    };
}

codes! {
    YAML_SYNTAX = "yaml-syntax", Error,
        "The text is not valid YAML here; Charter reads the rest of the document around it, but no tool reads this part.",
        "servers: [kafka";
    YAML_LENIENT = "yaml-lenient-indentation", Warning,
        "A quoted string continued at its key's indentation (as PyYAML writes it) is read, but strict YAML 1.2 readers refuse it.",
        "description: \"a long text\nwrapped here\"";
    DUPLICATE_KEY = "duplicate-key", Error,
        "YAML forbids the same key twice in one mapping; tools silently keep different ones.",
        "name: a\nname: b";
    COMPLEX_KEY = "complex-key", Error,
        "A list or mapping used as a key has no meaning in a contract.",
        "? [a, b]\n: c";
    ALIAS_LIMIT = "alias-limit", Error,
        "Aliases that expand exponentially would freeze every tool that reads the file.",
        "a: &a [x, x]\nb: &b [*a, *a]";
    NESTING_LIMIT = "nesting-limit", Error,
        "Lists and mappings nested deeper than any contract needs (128 levels) would exhaust the stack of every tool that walks them.",
        "a:\n  - - - - - - - - - - ...  # 129 levels";
    MULTIPLE_DOCUMENTS = "multiple-documents", Warning,
        "One file should hold one contract; only the first document is read.",
        "kind: DataContract\n---\nkind: DataContract";
    INPUT_TOO_LARGE = "input-too-large", Error,
        "Charter reads documents up to 256 MiB; larger input is refused rather than exhausting memory.",
        "(a 300 MB file, or /dev/zero)";
    INPUT_UNREADABLE = "input-unreadable", Error,
        "The input could not be read as UTF-8 text (a missing file, another encoding, binary data).",
        "(a UTF-16 file, or a path that doesn't exist)";
    EMPTY_DOCUMENT = "empty-document", Error,
        "An empty file is not a contract.",
        "";
    NOT_A_MAPPING = "not-a-mapping", Error,
        "A contract or manifest is a mapping of keys at the top level.",
        "- a\n- b";
    UNKNOWN_STANDARD = "unknown-standard", Error,
        "Without a known `kind` and `apiVersion` Charter cannot tell which standard applies.",
        "kind: Contract";
    UNSUPPORTED_VERSION = "unsupported-version", Error,
        "The declared standard version is known but not validated by this Charter release yet.",
        "apiVersion: v3.0.2";
    UNKNOWN_KEY = "unknown-key", Error,
        "The standard does not define this key here; it is usually a typo and would be ignored or rejected downstream.",
        "nmae: orders";
    UNDECLARED_KEY = "undeclared-key", Warning,
        "The key is not defined by the standard. This version's schema leaves the object open, so it is allowed, but it is usually a typo and newer versions reject it.",
        "apiVersion: v3.0.2\nservers:\n  - server: prod\n    type: postgres\n    hots: db.example.com";
    OTHER_VERSION_KEY = "other-version-key", Error,
        "The key belongs to another version of the standard than the one the document declares: declare that version to use it, or remove the key.",
        "apiVersion: v3.1.0\nschema:\n  - name: orders\n    properties:\n      - name: total\n        semanticType: measure  # added in v3.2.0";
    NEWER_VERSION_KEY = "newer-version-key", Warning,
        "The key is defined by a newer version of the standard. The declared version leaves this object open, so it is accepted, but tools of that version don't know what it means: declare the newer version.",
        "apiVersion: v3.0.2\nslaProperties:\n  - property: latency\n    value: 5\n    description: Fresh within 5 minutes.  # added in v3.1.0";
    NEWER_VERSION = "needs-newer-version", Error,
        "The document fails the version it declares but passes a newer one: it uses that version's features, so declare it.",
        "apiVersion: v3.0.2\nteam:\n  name: orders-team";
    MISSING_REQUIRED = "missing-required", Error,
        "The standard requires this key; consumers and tools rely on it.",
        "kind: DataContract  # no id, version, status";
    WRONG_TYPE = "wrong-type", Error,
        "The value has the wrong type (text, number, list, ...) for this key.",
        "port: \"5432\"";
    EXPECTED_LIST = "expected-list", Error,
        "This key takes a list of items, each starting with `- `, not a mapping.",
        "schema:\n  orders:\n    properties: []";
    INVALID_ENUM = "invalid-enum", Error,
        "The value is not one of the values the standard allows here.",
        "logicalType: strin";
    INVALID_PATTERN = "invalid-pattern", Error,
        "The value does not have the required form (ids, references, URLs).",
        "id: order id";
    INVALID_FORMAT = "invalid-format", Warning,
        "The value does not follow the key's declared format (date, date-time, uri). The official schemas treat formats as annotations, so Charter warns instead of failing the document.",
        "dateIn: 31.01.2024";
    INVALID_VALUE = "invalid-value", Error,
        "The value is outside the allowed range or size.",
        "maxLength: -1";
    ONE_OPERATOR = "one-operator", Error,
        "A library or SQL quality rule compares its result with exactly one operator.",
        "mustBeGreaterThan: 0\nmustBeLessThan: 10";
    RELATIONSHIP_SHAPE = "relationship-shape", Error,
        "A relationship's `from` and `to` must both be single references or both be lists.",
        "from: a.b\nto: [c.d]";
    CONTRACT_NOT_FOUND = "contract-not-found", Warning,
        "A data product port names a contract (`contractId`) that no document in the workspace defines.",
        "inputPorts:\n  - name: orders\n    version: 1.0.0\n    contractId: orders-contract-v9";
    CONTRACT_VERSION_MISMATCH = "contract-version-mismatch", Warning,
        "A port expects another major version of its contract than the workspace holds: the data it reads or writes differs.",
        "inputPorts:\n  - name: orders\n    version: 2.0.0\n    contractId: orders-contract  # the contract is 1.4.0";
    DEPRECATED = "deprecated", Warning,
        "The key or form is deprecated in this version of the standard and will be removed.",
        "team:\n  - username: ada";
}

/// Look a code up by id.
pub fn by_id(id: &str) -> Option<&'static Code> {
    ALL.iter().copied().find(|c| c.id == id)
}

/// Look a code up by id in the whole catalogue: these codes and the lint rules'.
pub fn lookup(id: &str) -> Option<&'static Code> {
    by_id(id).or_else(|| crate::lint::by_id(id).map(|r| &r.code))
}

/// The Markdown reference page of all codes.
pub fn markdown() -> String {
    let mut s = String::from(
        "# Diagnostic codes\n\n<!-- Generated from crates/core/src/codes.rs by `charter codes --markdown`. Do not edit. -->\n\n\
         Every problem Charter reports carries one of these stable codes.\n\n\
         | code | severity | why |\n| --- | --- | --- |\n",
    );
    for c in ALL {
        s.push_str(&format!(
            "| `{}` | {} | {} |\n",
            c.id,
            c.severity.as_str(),
            c.why
        ));
    }
    for c in ALL {
        s.push_str(&format!(
            "\n## `{}`\n\n{}\n\nSeverity: {}.\n",
            c.id,
            c.why,
            c.severity.as_str()
        ));
        if !c.example.is_empty() {
            s.push_str(&format!("\nExample:\n\n```yaml\n{}\n```\n", c.example));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case() {
        let mut seen = std::collections::HashSet::new();
        for c in ALL {
            assert!(seen.insert(c.id), "duplicate id {}", c.id);
            assert!(
                c.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                c.id
            );
            assert!(!c.why.is_empty());
        }
    }

    /// One catalogue: every code and every lint rule is found by its id, and a diagnostic
    /// read back from JSON points at the same entry.
    #[test]
    fn one_catalogue_and_diagnostics_read_back_to_their_entry() {
        for c in ALL {
            assert!(std::ptr::eq(lookup(c.id).unwrap(), *c));
        }
        for r in crate::lint::ALL {
            assert!(std::ptr::eq(lookup(r.id).unwrap(), &r.code));
            assert!(by_id(r.id).is_none(), "{} is in both catalogues", r.id);
        }
        let report = crate::check("apiVersion: v3.2.0\nkind: DataContract\nid: x\nversion: 1\n");
        let json = serde_json::to_string(&report).unwrap();
        assert!(json.contains("\"code\":\"wrong-type\""), "{json}");
        let back: crate::Report = serde_json::from_str(&json).unwrap();
        for (a, b) in report.diagnostics.iter().zip(&back.diagnostics) {
            assert!(std::ptr::eq(a.code, b.code));
        }
        let bad = json.replace("wrong-type", "no-such-code");
        let e = serde_json::from_str::<crate::Report>(&bad).unwrap_err();
        assert!(
            e.to_string()
                .contains("unknown diagnostic code `no-such-code`"),
            "{e}"
        );
    }
}

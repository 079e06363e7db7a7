//! Charter's own models of the standards, written from the standards' facts.
//!
//! A model is a graph of [`ObjSpec`]s: the keys an object may hold, their types, which are
//! required, and *variants*: parts that apply only when the object's content says so
//! (a `postgres` server needs `host`, `port`, `database`, `schema`; `logicalTypeOptions`
//! depend on `logicalType`). The same model drives validation and, later, completion and
//! hover docs.

pub mod odcs_v3_1;
pub mod odps;

use crate::yaml::Node;

/// The type of a value.
#[derive(Debug, Clone, Copy)]
pub enum Ty {
    Str,
    Int,
    /// An integer `>= 0`.
    Count,
    Num,
    /// A number `> 0`.
    Positive,
    Bool,
    /// Anything at all.
    Any,
    /// A string, number, boolean or null (no list, no mapping).
    Scalar,
    /// A string from a fixed list.
    Enum(&'static [&'static str]),
    /// A string of a given form.
    Pattern(Pat),
    List(&'static Ty),
    /// A list with at least one item.
    NonEmptyList(&'static Ty),
    /// A non-empty list of distinct strings.
    StrSet,
    /// A list of exactly two distinct numbers (`mustBeBetween`).
    NumPair,
    Obj(&'static ObjSpec),
    /// Any mapping.
    AnyObj,
    /// One of several types, told apart by shape (mapping, list or scalar).
    Either(&'static [Ty]),
}

/// Forms a string can be required to have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pat {
    /// Letters, digits, `_` and `-`.
    StableId,
    /// `table.column`.
    Shorthand,
    /// `table.column` or a fully qualified reference (`schema/orders/properties/id`).
    Reference,
    /// Starts with `sftp://`.
    SftpUrl,
}

#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub key: &'static str,
    pub ty: Ty,
    /// One line for hover and completion.
    pub doc: &'static str,
    /// When set, using this key warns with this advice.
    pub deprecated: Option<&'static str>,
}

/// A conditional part of an object.
#[derive(Debug)]
pub struct Variant {
    /// Used in messages: "a postgres server", "a string property".
    pub label: &'static str,
    /// Whether this part applies to the object.
    pub applies: fn(&Node) -> bool,
    /// Fields this part adds; they take precedence over the object's own fields.
    pub fields: &'static [Field],
    pub required: &'static [&'static str],
}

#[derive(Debug)]
pub struct ObjSpec {
    /// Used in messages: "server", "schema property".
    pub name: &'static str,
    pub fields: &'static [Field],
    pub required: &'static [&'static str],
    /// When true, keys not listed (here or in an applying variant) are errors.
    pub closed: bool,
    pub variants: &'static [Variant],
    /// Checks across fields that the types alone can't express.
    pub check: Option<fn(&mut crate::validate::Cx, &Node, &str)>,
}

impl ObjSpec {
    /// A closed object (unknown keys are errors) with no variants and no extra checks.
    pub const fn closed(
        name: &'static str,
        fields: &'static [Field],
        required: &'static [&'static str],
    ) -> ObjSpec {
        ObjSpec {
            name,
            fields,
            required,
            closed: true,
            variants: &[],
            check: None,
        }
    }
}

/// Shorthand for a field with no deprecation.
pub const fn f(key: &'static str, ty: Ty, doc: &'static str) -> Field {
    Field {
        key,
        ty,
        doc,
        deprecated: None,
    }
}

impl Pat {
    pub fn matches(self, s: &str) -> bool {
        match self {
            Pat::StableId => {
                !s.is_empty()
                    && s.bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
            }
            Pat::Shorthand => is_shorthand(s),
            Pat::Reference => is_shorthand(s) || is_qualified_reference(s),
            Pat::SftpUrl => s.starts_with("sftp://"),
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Pat::StableId => "an id made of letters, digits, `_` and `-` (no spaces)",
            Pat::Shorthand => "a `table.column` reference",
            Pat::Reference => {
                "a `table.column` reference or a qualified one such as `schema/orders/properties/order_id`"
            }
            Pat::SftpUrl => "a URL starting with `sftp://`",
        }
    }
}

fn is_ident(s: &str) -> bool {
    let mut b = s.bytes();
    matches!(b.next(), Some(c) if c.is_ascii_alphabetic() || c == b'_')
        && b.all(|c| c.is_ascii_alphanumeric() || c == b'_')
}

fn is_id_chars(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
}

fn is_shorthand(s: &str) -> bool {
    match s.split_once('.') {
        Some((a, b)) => is_ident(a) && is_ident(b),
        None => false,
    }
}

/// `[[http(s)://]file.yaml#][/]kind/id[/kind/id]...`
fn is_qualified_reference(s: &str) -> bool {
    let rest = match s.split_once('#') {
        Some((file, rest)) => {
            let file = file
                .strip_prefix("https://")
                .or_else(|| file.strip_prefix("http://"))
                .unwrap_or(file);
            let Some(stem) = file.strip_suffix(".yaml") else {
                return false;
            };
            if stem.is_empty()
                || !stem
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || b"._-/".contains(&c))
            {
                return false;
            }
            rest
        }
        None => s,
    };
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let parts: Vec<&str> = rest.split('/').collect();
    parts.len() >= 2
        && parts.len().is_multiple_of(2)
        && parts.chunks(2).all(|p| is_ident(p[0]) && is_id_chars(p[1]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        assert!(Pat::StableId.matches("order_id-1"));
        assert!(!Pat::StableId.matches("order id"));
        assert!(!Pat::StableId.matches(""));
        assert!(Pat::Shorthand.matches("orders.order_id"));
        assert!(!Pat::Shorthand.matches("orders.order.id"));
        assert!(!Pat::Shorthand.matches("1orders.id"));
        assert!(Pat::Reference.matches("schema/orders/properties/order_id"));
        assert!(Pat::Reference.matches("/schema/orders"));
        assert!(Pat::Reference.matches("https://example.com/c.yaml#/schema/orders"));
        assert!(Pat::Reference.matches("other.yaml#schema/x-1"));
        assert!(!Pat::Reference.matches("schema/orders/properties"));
        assert!(!Pat::Reference.matches("ftp://x.yaml#schema/orders"));
        assert!(!Pat::Reference.matches(".yaml#schema/orders"));
        assert!(Pat::SftpUrl.matches("sftp://host/x"));
    }
}

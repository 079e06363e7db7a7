//! Charter's own models of the standards, written from the standards' facts.
//!
//! A model is a graph of [`ObjSpec`]s: the keys an object may hold, their types, which are
//! required, and *variants*: parts that apply only when the object's content says so
//! (a `postgres` server needs `host`, `port`, `database`, `schema`; `logicalTypeOptions`
//! depend on `logicalType`). The same model drives validation and, later, completion and
//! hover docs.

pub mod odcs;
pub mod odps;

/// ODCS versions Charter models, oldest first. A field's `since` and `until` are indexes
/// into this list, so one model serves every version.
pub const ODCS_VERSIONS: [&str; 5] = ["v3.0.0", "v3.0.1", "v3.0.2", "v3.1.0", "v3.2.0"];
pub const V3_0_0: u8 = 0;
pub const V3_0_1: u8 = 1;
pub const V3_0_2: u8 = 2;
pub const V3_1_0: u8 = 3;
pub const V3_2_0: u8 = 4;

/// ODPS versions Charter models, oldest first (indexes for the ODPS model's `since`/`until`).
pub const ODPS_VERSIONS: [&str; 3] = ["v0.9.0", "v1.0.0", "v1.1.0"];
pub const V0_9_0: u8 = 0;
pub const V1_0_0: u8 = 1;
pub const V1_1_0: u8 = 2;

/// `until` of a field that is still current.
pub const CURRENT: u8 = u8::MAX;

/// A standard as Charter models it: its versions, oldest first, and the root object whose
/// fields, parts and required keys carry the versions they belong to.
#[derive(Debug)]
pub struct Model {
    /// `ODCS` or `ODPS`.
    pub standard: &'static str,
    pub versions: &'static [&'static str],
    pub root: &'static ObjSpec,
}

impl Model {
    /// The index of a declared `apiVersion`, if Charter models it.
    pub fn index(&self, api_version: &str) -> Option<u8> {
        self.versions
            .iter()
            .position(|v| *v == api_version)
            .map(|i| i as u8)
    }
    /// The newest version.
    pub fn latest(&self) -> u8 {
        (self.versions.len() - 1) as u8
    }
    /// `v3.1.0` for index 3 of ODCS; the newest version for an index past the end.
    pub fn name(&self, ver: u8) -> &'static str {
        self.versions
            .get(ver as usize)
            .or(self.versions.last())
            .copied()
            .unwrap_or("")
    }
    /// `ODCS v3.1.0`.
    pub fn label(&self, ver: u8) -> String {
        format!("{} {}", self.standard, self.name(ver))
    }
}

/// How many of `values` (each with the version that added it) exist in version `ver`.
pub const fn count_in(values: &[(&str, u8)], ver: u8) -> usize {
    let (mut n, mut i) = (0, 0);
    while i < values.len() {
        if values[i].1 <= ver {
            n += 1;
        }
        i += 1;
    }
    n
}

/// The values that exist in version `ver`, in order; `N` is [`count_in`] of the same.
pub const fn values_in<const N: usize>(
    values: &[(&'static str, u8)],
    ver: u8,
) -> [&'static str; N] {
    let mut out = [""; N];
    let (mut i, mut j) = (0, 0);
    while i < values.len() {
        if values[i].1 <= ver {
            out[j] = values[i].0;
            j += 1;
        }
        i += 1;
    }
    out
}

/// The index of an ODCS `apiVersion` in [`ODCS_VERSIONS`].
pub fn odcs_version_index(api_version: &str) -> Option<u8> {
    odcs::MODEL.index(api_version)
}

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
    /// An integer `>= 1`.
    PosInt,
    Bool,
    /// Anything at all.
    Any,
    /// A string, number, boolean or null (no list, no mapping).
    Scalar,
    /// A string from a fixed list.
    Enum(&'static [&'static str]),
    /// A string of a given form.
    Pattern(Pat),
    /// A string with a declared `format`. The official schemas treat formats as annotations
    /// (they don't fail validation), so a value that doesn't fit only warns.
    Formatted(Fmt),
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

/// Formats a string is expected to follow (JSON Schema `format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fmt {
    /// `2024-01-31`
    Date,
    /// `2024-01-31T09:30:00Z` (RFC 3339)
    DateTime,
    /// `https://example.com/x`, `s3://bucket/key` (RFC 3986: a scheme, then `:`)
    Uri,
}

impl Fmt {
    pub fn matches(self, s: &str) -> bool {
        match self {
            Fmt::Date => is_date(s),
            Fmt::DateTime => is_date_time(s),
            Fmt::Uri => is_uri(s),
        }
    }
    pub fn describe(self) -> &'static str {
        match self {
            Fmt::Date => "a date like `2024-01-31`",
            Fmt::DateTime => "a date and time like `2024-01-31T09:30:00Z`",
            Fmt::Uri => "an absolute URI like `https://example.com/path` or `s3://bucket/key`",
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Fmt::Date => "date",
            Fmt::DateTime => "date-time",
            Fmt::Uri => "uri",
        }
    }
}

fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

fn is_date(s: &str) -> bool {
    let (Some(y), Some(m), Some(d)) = (
        s.get(0..4).and_then(|x| digits(x, 4)),
        s.get(5..7).and_then(|x| digits(x, 2)),
        s.get(8..10).and_then(|x| digits(x, 2)),
    ) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    s.len() == 10
        && &s[4..5] == "-"
        && &s[7..8] == "-"
        && (1..=12).contains(&m)
        && d >= 1
        && d <= days[(m - 1) as usize]
}

fn is_date_time(s: &str) -> bool {
    let Some((date, time)) = s.split_once(['T', 't']) else {
        return false;
    };
    if !is_date(date) || time.len() < 8 {
        return false;
    }
    let (Some(h), Some(mi), Some(sec)) = (
        digits(&time[0..2], 2),
        digits(&time[3..5], 2),
        digits(&time[6..8], 2),
    ) else {
        return false;
    };
    if &time[2..3] != ":" || &time[5..6] != ":" || h > 23 || mi > 59 || sec > 60 {
        return false;
    }
    let mut rest = &time[8..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    match rest {
        "Z" | "z" => true,
        off if off.len() == 6 && (off.starts_with('+') || off.starts_with('-')) => {
            matches!((digits(&off[1..3], 2), &off[3..4], digits(&off[4..6], 2)), (Some(oh), ":", Some(om)) if oh < 24 && om < 60)
        }
        _ => false,
    }
}

fn is_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    let mut b = scheme.bytes();
    matches!(b.next(), Some(c) if c.is_ascii_alphabetic())
        && b.all(|c| c.is_ascii_alphanumeric() || b"+-.".contains(&c))
        && !rest.is_empty()
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>\"{}|\\^`".contains(c))
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
    /// v3.2.0 references: names may hold `-`, shorthands may have more than one dot
    /// (`schema.table.column`), and files may end in `.yml`.
    Reference32,
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
    /// First version (index into the standard's version list) that has this field.
    pub since: u8,
    /// First version that no longer has it in this form ([`CURRENT`] when it still does).
    pub until: u8,
}

impl Field {
    pub const fn since(self, v: u8) -> Field {
        Field { since: v, ..self }
    }
    pub const fn until(self, v: u8) -> Field {
        Field { until: v, ..self }
    }
    pub const fn deprecated(self, advice: &'static str) -> Field {
        Field {
            deprecated: Some(advice),
            ..self
        }
    }
    /// Whether the field exists in version `v`.
    pub fn active(&self, v: u8) -> bool {
        self.since <= v && v < self.until
    }
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
    /// Versions this part belongs to: `since <= v < until`.
    pub since: u8,
    pub until: u8,
}

impl Variant {
    pub const fn since(self, v: u8) -> Variant {
        Variant { since: v, ..self }
    }
    pub const fn until(self, v: u8) -> Variant {
        Variant { until: v, ..self }
    }
    pub fn active(&self, v: u8) -> bool {
        self.since <= v && v < self.until
    }
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
    /// Before this version the object was open: unknown keys only warn.
    pub open_before: u8,
    /// Keys required only in some versions: `(key, since, until)`.
    pub required_in: &'static [(&'static str, u8, u8)],
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
            open_before: 0,
            required_in: &[],
        }
    }

    /// The same object, open (unknown keys only warn) before version `v`.
    pub const fn open_before(self, v: u8) -> ObjSpec {
        ObjSpec {
            open_before: v,
            ..self
        }
    }

    /// The same object with keys required only in some versions.
    pub const fn required_in(self, keys: &'static [(&'static str, u8, u8)]) -> ObjSpec {
        ObjSpec {
            required_in: keys,
            ..self
        }
    }

    /// Whether unknown keys are errors in version `v` (`strict`: the official strict
    /// reading, which closes every object).
    pub fn closed_in(&self, v: u8, strict: bool) -> bool {
        self.closed && (strict || v >= self.open_before)
    }
}

// Team-member fields that ODCS and ODPS define the same way.
pub const MEMBER_USERNAME: Field = f("username", Ty::Str, "User name or email of the member.");
pub const MEMBER_NAME: Field = f("name", Ty::Str, "Full name.");
pub const MEMBER_DESCRIPTION: Field = f("description", Ty::Str, "Notes about the member.");
pub const MEMBER_ROLE: Field = f("role", Ty::Str, "Role in the team: owner, data steward...");
pub const MEMBER_DATE_IN: Field = f(
    "dateIn",
    Ty::Formatted(Fmt::Date),
    "Date the member joined (YYYY-MM-DD).",
);
pub const MEMBER_DATE_OUT: Field = f(
    "dateOut",
    Ty::Formatted(Fmt::Date),
    "Date the member left (YYYY-MM-DD).",
);
pub const MEMBER_REPLACED_BY: Field = f("replacedByUsername", Ty::Str, "Who replaced the member.");

/// `SYNONYM` and `SYNONYM_TY`: another name of an object (RFC 0041), as ODCS v3.2.0 and
/// ODPS v1.1.0 define it, with the standard's own `id` field and custom properties.
macro_rules! synonym_object {
    ($id:expr, $custom:expr) => {
        static SYNONYM: ObjSpec = ObjSpec::closed(
            "synonym",
            &[
                $id,
                f("synonym", Ty::Str, "The other name."),
                f("description", Ty::Str, "When the name is used."),
                f("locale", Ty::Str, "Language of the name, e.g. fr-FR."),
                f(
                    "source",
                    Ty::Str,
                    "Where the name comes from, e.g. glossary.",
                ),
                f("status", Ty::Str, "Status of the name, e.g. active."),
                $custom,
            ],
            &["synonym"],
        );
        static SYNONYM_TY: Ty = Ty::Obj(&SYNONYM);
    };
}
pub(crate) use synonym_object;

/// `CONTEXT` (RFC 0038): instructions, verified statements and constraints for people and
/// AI agents using the data, as ODCS v3.2.0 and ODPS v1.1.0 define it, with the standard's
/// own authoritative definitions, tags and custom properties.
macro_rules! context_objects {
    ($auth:expr, $tags:expr, $custom:expr) => {
        static CONTEXT_STATEMENT: ObjSpec = ObjSpec::closed(
            "verified statement",
            &[
                f("id", Ty::Str, "Id of the statement."),
                f("question", Ty::Str, "A question about the data."),
                f("answer", Ty::Str, "Its verified answer."),
                $auth,
                $tags,
                $custom,
            ],
            &["question"],
        );
        static CONTEXT_CONSTRAINT: ObjSpec = ObjSpec::closed(
            "context constraint",
            &[
                f("id", Ty::Str, "Id of the constraint."),
                f(
                    "constraint",
                    Ty::Str,
                    "A rule to respect when using the data.",
                ),
                $auth,
                $tags,
                $custom,
            ],
            &["constraint"],
        );
        static CONTEXT_STATEMENT_TY: Ty = Ty::Obj(&CONTEXT_STATEMENT);
        static CONTEXT_CONSTRAINT_TY: Ty = Ty::Obj(&CONTEXT_CONSTRAINT);
        static CONTEXT: ObjSpec = ObjSpec::closed(
            "context",
            &[
                f(
                    "instructions",
                    Ty::Str,
                    "Instructions for using the data, in plain words.",
                ),
                f(
                    "verifiedStatements",
                    Ty::List(&CONTEXT_STATEMENT_TY),
                    "Questions about the data with verified answers.",
                ),
                f(
                    "constraints",
                    Ty::List(&CONTEXT_CONSTRAINT_TY),
                    "Rules to respect when using the data.",
                ),
            ],
            &[],
        );
    };
}
pub(crate) use context_objects;

/// Shorthand for a field with no deprecation.
pub const fn f(key: &'static str, ty: Ty, doc: &'static str) -> Field {
    Field {
        key,
        ty,
        doc,
        deprecated: None,
        since: 0,
        until: CURRENT,
    }
}

impl Pat {
    /// Whether `s` has this form in version `ver` of the standard (ODCS ids widened in
    /// v3.2.0).
    pub fn matches(self, s: &str, ver: u8) -> bool {
        match self {
            Pat::StableId if ver >= V3_2_0 => is_id_v3_2(s),
            Pat::StableId => is_id_chars(s),
            Pat::Shorthand => is_shorthand(s),
            Pat::Reference => is_shorthand(s) || is_qualified_reference(s, false),
            Pat::Reference32 => is_dotted_name(s) || is_qualified_reference(s, true),
            Pat::SftpUrl => s.starts_with("sftp://"),
        }
    }

    pub fn describe(self, ver: u8) -> &'static str {
        match self {
            Pat::StableId if ver >= V3_2_0 => {
                "an id without spaces and without any of `. # / \\ @ ! % & ^`"
            }
            Pat::StableId => "an id made of letters, digits, `_` and `-` (no spaces)",
            Pat::Shorthand => "a `table.column` reference",
            Pat::Reference | Pat::Reference32 => {
                "a `table.column` reference or a qualified one such as `schema/orders/properties/order_id`"
            }
            Pat::SftpUrl => "a URL starting with `sftp://`",
        }
    }
}

/// The characters a v3.2.0 id may not hold (RFC 0026a): whitespace and `.#/\@!%&^`.
fn is_id_v3_2(s: &str) -> bool {
    !s.is_empty()
        && !s
            .chars()
            .any(|c| c.is_whitespace() || ".#/\\@!%&^".contains(c))
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

/// `name.name[.name]...` where names may also hold `-` (v3.2.0).
fn is_dotted_name(s: &str) -> bool {
    let mut parts = 0;
    for part in s.split('.') {
        let mut b = part.bytes();
        if !matches!(b.next(), Some(c) if c.is_ascii_alphabetic() || c == b'_')
            || !b.all(|c| c.is_ascii_alphanumeric() || c == b'_' || c == b'-')
        {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

/// `[[http(s)://]file.yaml#][/]kind/id[/kind/id]...`; v3.2.0 also takes `.yml` files and
/// its wider ids.
fn is_qualified_reference(s: &str, v3_2: bool) -> bool {
    let rest = match s.split_once('#') {
        Some((file, rest)) => {
            let file = file
                .strip_prefix("https://")
                .or_else(|| file.strip_prefix("http://"))
                .unwrap_or(file);
            let stem = file
                .strip_suffix(".yaml")
                .or_else(|| file.strip_suffix(".yml").filter(|_| v3_2));
            let Some(stem) = stem else {
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
        && parts.chunks(2).all(|p| {
            is_ident(p[0])
                && if v3_2 {
                    is_id_v3_2(p[1])
                } else {
                    is_id_chars(p[1])
                }
        })
}

/// Every object of a model reachable from its root, each once (by address), with every
/// field it may hold in any version (its own and its variants'), in model order. Tools that
/// must account for every field of a standard (the diff's coverage test) walk this list.
pub fn objects(model: &Model) -> Vec<(&'static ObjSpec, Vec<&'static Field>)> {
    fn objects_of(ty: &'static Ty, out: &mut Vec<&'static ObjSpec>) {
        match ty {
            Ty::Obj(s) => out.push(s),
            Ty::List(t) | Ty::NonEmptyList(t) => objects_of(t, out),
            Ty::Either(alts) => alts.iter().for_each(|t| objects_of(t, out)),
            _ => {}
        }
    }
    let mut seen: Vec<*const ObjSpec> = Vec::new();
    let mut out = Vec::new();
    let mut todo = vec![model.root];
    // The model is a finite graph of statics: each object is visited once, so the walk
    // ends without a depth limit.
    while let Some(spec) = todo.pop() {
        if seen.contains(&(spec as *const ObjSpec)) {
            continue;
        }
        seen.push(spec);
        let fields: Vec<&'static Field> = spec
            .fields
            .iter()
            .chain(spec.variants.iter().flat_map(|v| v.fields.iter()))
            .collect();
        let mut children = Vec::new();
        for f in &fields {
            objects_of(&f.ty, &mut children);
        }
        todo.extend(children.into_iter().rev());
        out.push((spec, fields));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns() {
        let m = |p: Pat, s: &str| p.matches(s, V3_1_0);
        assert!(m(Pat::StableId, "order_id-1"));
        assert!(!m(Pat::StableId, "order id"));
        assert!(!m(Pat::StableId, ""));
        assert!(!m(Pat::StableId, "fdir:ISU:TAD"));
        assert!(m(Pat::Shorthand, "orders.order_id"));
        assert!(!m(Pat::Shorthand, "orders.order.id"));
        assert!(!m(Pat::Shorthand, "1orders.id"));
        assert!(m(Pat::Reference, "schema/orders/properties/order_id"));
        assert!(m(Pat::Reference, "/schema/orders"));
        assert!(m(
            Pat::Reference,
            "https://example.com/c.yaml#/schema/orders"
        ));
        assert!(m(Pat::Reference, "other.yaml#schema/x-1"));
        assert!(!m(Pat::Reference, "schema/orders/properties"));
        assert!(!m(Pat::Reference, "ftp://x.yaml#schema/orders"));
        assert!(!m(Pat::Reference, ".yaml#schema/orders"));
        assert!(m(Pat::SftpUrl, "sftp://host/x"));
        assert!(!m(Pat::Reference, "db.orders.order_id"));
        assert!(m(Pat::Reference32, "db.orders.order-id"));
        assert!(m(Pat::Reference32, "c.yml#schema/orders"));
        assert!(!m(Pat::Reference, "c.yml#schema/orders"));
        assert!(!m(Pat::Reference32, "orders"));
        assert!(!m(Pat::Reference, "schema/fdir:ISU:TAD"));
    }

    #[test]
    fn v3_2_ids_are_a_deny_list() {
        let m = |p: Pat, s: &str| p.matches(s, V3_2_0);
        for ok in [
            "fdir:ISU:TAD",
            "urn:uuid:1234",
            "kunde_größe",
            "a-b_c",
            "x+y",
        ] {
            assert!(m(Pat::StableId, ok), "{ok}");
        }
        for bad in [
            "", "a.b", "a#b", "a/b", "a\\b", "a@b", "a!b", "a%b", "a&b", "a^b", "a b", "a\tb",
        ] {
            assert!(!m(Pat::StableId, bad), "{bad}");
        }
        assert!(m(Pat::Reference32, "schema/fdir:ISU:TAD/properties/urn:x"));
        assert!(!m(Pat::Reference32, "schema/a@b"));
    }

    #[test]
    fn formats() {
        assert!(Fmt::Date.matches("2024-02-29"));
        assert!(!Fmt::Date.matches("2023-02-29"));
        assert!(!Fmt::Date.matches("2024-13-01"));
        assert!(!Fmt::Date.matches("31.01.2024"));
        assert!(Fmt::DateTime.matches("2024-01-31T09:30:00Z"));
        assert!(Fmt::DateTime.matches("2024-01-31T09:30:00.123+02:00"));
        assert!(!Fmt::DateTime.matches("2024-01-31 09:30:00"));
        assert!(!Fmt::DateTime.matches("2024-01-31T25:00:00Z"));
        assert!(!Fmt::DateTime.matches("2024-01-31T09:30:00"));
        assert!(Fmt::Uri.matches("https://example.com/a?b=c"));
        assert!(Fmt::Uri.matches("s3://bucket/key/*.json"));
        assert!(Fmt::Uri.matches("abfss://c@acc.dfs.core.windows.net/x"));
        assert!(!Fmt::Uri.matches("example.com/path"));
        assert!(!Fmt::Uri.matches("https://exa mple.com"));
    }
}

//! Validation of a YAML tree against a model: every finding becomes a [`Diagnostic`]
//! with the exact source range and a message that says how to fix it.

use crate::codes::{self, Code};
use crate::diag::{Diagnostic, Facts};
use crate::model::{Field, Model, ObjSpec, Ty, Variant};
use crate::yaml::{Node, NodeKind, Replaced, Scalar, Span};

/// The validation context: collects diagnostics.
pub struct Cx<'a> {
    text: &'a str,
    pub diags: Vec<Diagnostic>,
    /// The version being validated, an index into the standard's version list
    /// ([`Model::versions`]).
    pub ver: u8,
    /// The standard being validated, to name versions in messages.
    pub model: Option<&'static Model>,
    /// The official "strict" reading of v3.0.x: every object closed, custom properties
    /// need `property` and `value` (`odcs-json-schema-v3.0.2-strict.json`).
    pub strict: bool,
    /// "Allowed keys: …" of each object with its parts (by address), made once: a mapping
    /// of 100,000 unknown keys names them 100,000 times.
    allowed_keys: Vec<(usize, Vec<usize>, String)>,
}

impl<'a> Cx<'a> {
    pub fn new(text: &'a str) -> Self {
        Cx {
            text,
            diags: Vec::new(),
            ver: 0,
            model: None,
            strict: false,
            allowed_keys: Vec::new(),
        }
    }

    /// A context for version `ver` (an index into `model.versions`) of a standard.
    pub fn for_model(text: &'a str, model: &'static Model, ver: u8) -> Self {
        Cx {
            ver,
            model: Some(model),
            ..Cx::new(text)
        }
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    /// Where to point for a problem with a whole node: a mapping's first key, or the node.
    pub fn anchor_of(&self, n: &Node) -> Span {
        match n.as_map().and_then(|m| m.first()) {
            Some(e) => e.key_span,
            None => n.span,
        }
    }

    fn source(&self, span: Span) -> &'a str {
        self.text.get(span.start.at()..span.end.at()).unwrap_or("")
    }

    fn diag(&mut self, code: &'static Code, msg: String, path: &str, span: Span) {
        self.diags.push(Diagnostic::new(code, msg, path, span));
    }
}

/// Validate `root` against the object model `spec`.
pub fn validate(cx: &mut Cx, root: &Node, spec: &'static ObjSpec) {
    let mut path = String::new();
    let anchor = cx.anchor_of(root);
    check_value(cx, root, &Ty::Obj(spec), &mut path, anchor, "document");
    order(&mut cx.diags);
}

/// What the last validation of a document found, kept so that the next version of it
/// (one list item read again, [`Replaced`]) re-checks only that part.
#[derive(Clone, Debug, Default)]
pub struct Memo {
    /// The model (by address), version, strictness and text length it was made for.
    made_for: Option<(usize, u8, bool, usize)>,
    diags: Vec<Diagnostic>,
    /// This validation re-checked one list item only.
    pub partial: bool,
}

/// [`validate`] of a document [`crate::yaml::reparse`] made from the one `prev` was made
/// for: only the top-level list item holding the change (a schema object, a server, a
/// team member...) is checked again, the other findings are kept, moved with the text.
/// Falls back to the whole document whenever that can't be sure to give the same
/// findings. `next` receives the memo of this validation.
pub fn validate_again(
    cx: &mut Cx,
    root: &Node,
    spec: &'static ObjSpec,
    text_len: usize,
    (replaced, prev): (Option<&Replaced>, Memo),
    next: &mut Memo,
) {
    let (model, ver, strict) = (cx.model, cx.ver, cx.strict);
    let made_for = |len| model.map(|m| (m as *const Model as usize, ver, strict, len));
    let fits =
        replaced.is_some_and(|r| prev.made_for.is_some() && prev.made_for == made_for(r.old_len));
    let partial = match replaced.filter(|_| fits) {
        Some(r) => again(cx, root, spec, r, prev.diags).is_some(),
        None => false,
    };
    if partial {
        order(&mut cx.diags);
    } else {
        validate(cx, root, spec);
    }
    *next = Memo {
        made_for: made_for(text_len),
        diags: cx.diags.clone(),
        partial,
    };
}

/// Re-check the top-level list item holding `r`; `None` (nothing done) when the model
/// can't promise that the rest gives the same findings.
fn again(
    cx: &mut Cx,
    root: &Node,
    spec: &'static ObjSpec,
    r: &Replaced,
    diags: Vec<Diagnostic>,
) -> Option<()> {
    // The root's own checks read only the shape of its values, which an item of one of
    // its lists can't change; parts chosen by content could change with the item.
    let (&[e, i, ..], true) = (r.path.as_slice(), spec.variants.is_empty()) else {
        return None;
    };
    let entry = root.as_map()?.get(e)?;
    let item = entry.value.as_seq()?.get(i)?;
    let field = spec
        .fields
        .iter()
        .find(|f| f.key == entry.key && f.active(cx.ver))?;
    let (Ty::List(ty) | Ty::NonEmptyList(ty)) = &field.ty else {
        return None;
    };
    // A duplicate key at the root: which entry counts is not this one's to say.
    if root.as_map()?.iter().filter(|x| x.key == entry.key).count() > 1 {
        return None;
    }
    let mut path = String::from("/");
    push_pointer_token(&mut path, &entry.key);
    path.push('/');
    path.push_str(&i.to_string());
    let inside = |p: &str| {
        p.strip_prefix(path.as_str())
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    cx.diags = diags
        .into_iter()
        .filter(|d| !inside(&d.path))
        .map(|mut d| {
            d.span.start = r.shift(d.span.start);
            d.span.end = r.shift(d.span.end);
            d
        })
        .collect();
    let anchor = cx.anchor_of(item);
    check_value(cx, item, ty, &mut path, anchor, field.key);
    Some(())
}

/// One order for the findings of a validation, whatever order they were found in (by
/// place, then severity, code, pointer and message), so a partial re-check lists them
/// exactly as a whole one.
fn order(diags: &mut [Diagnostic]) {
    diags.sort_by(|a, b| {
        (
            a.span.start.offset,
            a.severity,
            a.code.id,
            &a.path,
            &a.message,
        )
            .cmp(&(
                b.span.start.offset,
                b.severity,
                b.code.id,
                &b.path,
                &b.message,
            ))
    });
}

fn check_value(cx: &mut Cx, n: &Node, ty: &Ty, path: &mut String, anchor: Span, key: &str) {
    match ty {
        Ty::Any => {}
        Ty::Str => {
            if n.as_str().is_none() {
                wrong_type(cx, n, ty, path, key, anchor);
            }
        }
        Ty::Int => {
            if integer(n).is_none() {
                wrong_type(cx, n, ty, path, key, anchor);
            }
        }
        Ty::Count => match integer(n) {
            None => wrong_type(cx, n, ty, path, key, anchor),
            Some(i) if i < 0.0 => cx.diag(
                &codes::INVALID_VALUE,
                format!("`{key}` can't be negative; use 0 or more."),
                path,
                n.span,
            ),
            _ => {}
        },
        Ty::Num => {
            if number(n).is_none() {
                wrong_type(cx, n, ty, path, key, anchor);
            }
        }
        Ty::Positive => match number(n) {
            None => wrong_type(cx, n, ty, path, key, anchor),
            Some(x) if x <= 0.0 => cx.diag(
                &codes::INVALID_VALUE,
                format!("`{key}` must be greater than 0."),
                path,
                n.span,
            ),
            _ => {}
        },
        Ty::PosInt => match integer(n) {
            None => wrong_type(cx, n, ty, path, key, anchor),
            Some(i) if i < 1.0 => cx.diag(
                &codes::INVALID_VALUE,
                format!("`{key}` must be 1 or more."),
                path,
                n.span,
            ),
            _ => {}
        },
        Ty::Bool => {
            if !matches!(n.kind, NodeKind::Scalar(Scalar::Bool(_))) {
                wrong_type(cx, n, ty, path, key, anchor);
            }
        }
        Ty::Scalar => {
            if !matches!(n.kind, NodeKind::Scalar(_)) || is_non_finite(n) {
                wrong_type(cx, n, ty, path, key, anchor);
            }
        }
        Ty::Enum(values) => match n.as_str() {
            None => wrong_type(cx, n, ty, path, key, anchor),
            Some(s) if !values.contains(&s) => {
                let mut msg = format!("`{s}` is not a valid `{key}`.");
                if let Some(best) = did_you_mean(s, values.iter().copied()) {
                    msg.push_str(&format!(" Did you mean `{best}`?"));
                }
                msg.push_str(&format!(" Allowed values: {}.", values.join(", ")));
                cx.diag(&codes::INVALID_ENUM, msg, path, n.span);
            }
            _ => {}
        },
        Ty::Pattern(p) => match n.as_str() {
            None => wrong_type(cx, n, ty, path, key, anchor),
            Some(s) if !p.matches(s, cx.ver) => cx.diag(
                &codes::INVALID_PATTERN,
                format!("`{key}` must be {}; `{s}` is not.", p.describe(cx.ver)),
                path,
                n.span,
            ),
            _ => {}
        },
        Ty::Formatted(fmt) => match n.as_str() {
            None => wrong_type(cx, n, ty, path, key, anchor),
            // `${VAR}` references are resolved by tooling at run time.
            Some(s) if !fmt.matches(s) && !s.contains("${") => cx.diag(
                &codes::INVALID_FORMAT,
                format!(
                    "`{key}` should be {} (format `{}`); `{s}` is not. The standard's schema does not enforce formats, so this is a warning.",
                    fmt.describe(),
                    fmt.name()
                ),
                path,
                n.span,
            ),
            _ => {}
        },
        Ty::List(item) | Ty::NonEmptyList(item) => {
            let Some(items) = n.as_seq() else {
                return wrong_type(cx, n, ty, path, key, anchor);
            };
            if matches!(ty, Ty::NonEmptyList(_)) && items.is_empty() {
                cx.diag(
                    &codes::INVALID_VALUE,
                    format!("`{key}` must list at least one item."),
                    path,
                    n.span,
                );
            }
            let len = path.len();
            for (i, it) in items.iter().enumerate() {
                path.push('/');
                path.push_str(&i.to_string());
                let a = cx.anchor_of(it);
                check_value(cx, it, item, path, a, key);
                path.truncate(len);
            }
        }
        Ty::StrSet => {
            let Some(items) = n.as_seq() else {
                return wrong_type(cx, n, ty, path, key, anchor);
            };
            if items.is_empty() {
                cx.diag(
                    &codes::INVALID_VALUE,
                    format!("`{key}` must list at least one name."),
                    path,
                    n.span,
                );
            }
            let len = path.len();
            let mut seen = foldhash::HashSet::default();
            for (i, it) in items.iter().enumerate() {
                path.push_str(&format!("/{i}"));
                if it.as_str().is_none() {
                    wrong_type(cx, it, &Ty::Str, path, key, it.span);
                } else if !seen.insert(it.as_str()) {
                    cx.diag(
                        &codes::INVALID_VALUE,
                        format!("`{key}` lists `{}` twice.", it.as_str().unwrap_or("")),
                        path,
                        it.span,
                    );
                }
                path.truncate(len);
            }
        }
        Ty::NumPair => {
            let Some(items) = n.as_seq() else {
                return wrong_type(cx, n, ty, path, key, anchor);
            };
            let nums: Vec<Option<f64>> = items.iter().map(number).collect();
            if items.len() != 2 || nums.iter().any(Option::is_none) {
                cx.diag(
                    &codes::INVALID_VALUE,
                    format!("`{key}` takes exactly two numbers, e.g. `[0, 100]`."),
                    path,
                    n.span,
                );
            } else if nums[0] == nums[1] {
                cx.diag(
                    &codes::INVALID_VALUE,
                    format!("`{key}` needs two different numbers."),
                    path,
                    n.span,
                );
            }
        }
        Ty::AnyObj => {
            if n.as_map().is_none() {
                wrong_type(cx, n, ty, path, key, anchor);
            }
        }
        Ty::Obj(spec) => {
            if n.as_map().is_none() {
                return wrong_type(cx, n, ty, path, key, anchor);
            }
            check_obj(cx, n, spec, path, anchor);
        }
        Ty::Either(alts) => {
            // The first alternative of the right shape that passes; else the first's errors.
            let fitting: Vec<&Ty> = alts.iter().filter(|t| shape_fits(t, n)).collect();
            let Some(first) = fitting.first() else {
                return wrong_type(cx, n, ty, path, key, anchor);
            };
            let mark = cx.diags.len();
            for t in &fitting {
                check_value(cx, n, t, path, anchor, key);
                if !cx.diags[mark..]
                    .iter()
                    .any(|d| d.severity == crate::Severity::Error)
                {
                    return;
                }
                cx.diags.truncate(mark);
            }
            check_value(cx, n, first, path, anchor, key);
        }
    }
}

fn check_obj(cx: &mut Cx, n: &Node, spec: &'static ObjSpec, path: &mut String, anchor: Span) {
    let entries = n.as_map().unwrap_or(&[]);
    let ver = cx.ver;
    let applying: Vec<&Variant> = spec
        .variants
        .iter()
        .filter(|v| v.active(ver) && (v.applies)(n))
        .collect();
    let lookup = |key: &str| -> Option<&'static Field> {
        applying
            .iter()
            .flat_map(|v| v.fields.iter())
            .chain(spec.fields.iter())
            .find(|f| f.key == key && f.active(ver))
    };
    let len = path.len();
    let mark = cx.diags.len();
    // Keys of a part that doesn't apply, e.g. `host` when the server `type` is misspelt.
    let mut other_part_keys = Vec::new();
    for e in entries {
        path.push('/');
        push_pointer_token(path, &e.key);
        match lookup(&e.key) {
            Some(field) => {
                if let Some(advice) = field.deprecated {
                    cx.diag(&codes::DEPRECATED, advice.to_string(), path, e.key_span);
                }
                check_value(cx, &e.value, &field.ty, path, e.key_span, field.key);
            }
            None if spec.closed_in(ver, cx.strict)
                && applying.is_empty()
                && belongs_to_a_part(spec, &e.key, ver) =>
            {
                other_part_keys.push((e, path.clone()));
            }
            None if spec.closed_in(ver, cx.strict) => {
                unknown_key(cx, spec, n, &applying, &e.key, path, e.key_span, true)
            }
            None if spec.closed => {
                unknown_key(cx, spec, n, &applying, &e.key, path, e.key_span, false)
            }
            None => {}
        }
        path.truncate(len);
    }
    // When what selects the part (e.g. `type`) is itself wrong, that error says it all.
    let selector_failed = cx.diags[mark..].iter().any(|d| {
        matches!(d.code.id, "invalid-enum" | "wrong-type")
            && d.path.matches('/').count() == path.matches('/').count() + 1
    });
    if !selector_failed {
        for (e, p) in other_part_keys {
            unknown_key(cx, spec, n, &applying, &e.key, &p, e.key_span, true);
        }
    }

    let has = |k: &&str| entries.iter().any(|e| e.key == *k);
    let missing: Vec<&str> = spec
        .required
        .iter()
        .copied()
        .chain(
            spec.required_in
                .iter()
                // Strict v3.0.x takes the tightening v3.1.0 brought to the open objects.
                .filter(|(_, since, until)| {
                    (*since <= ver || (cx.strict && spec.open_before > ver)) && ver < *until
                })
                .map(|(k, _, _)| *k),
        )
        .filter(|k| !has(k))
        .collect();
    if !missing.is_empty() {
        let msg = format!(
            "the {} is missing required {} {}.",
            spec.name,
            if missing.len() == 1 { "key" } else { "keys" },
            list_keys(&missing)
        );
        cx.push(
            Diagnostic::new(&codes::MISSING_REQUIRED, msg, path.as_str(), anchor)
                .with(Facts::Missing(missing)),
        );
    }
    for v in &applying {
        let missing: Vec<&str> = v.required.iter().filter(|k| !has(k)).copied().collect();
        if !missing.is_empty() {
            let msg = format!(
                "{} needs {}; missing: {}.",
                v.label,
                list_keys(v.required),
                list_keys(&missing)
            );
            cx.push(
                Diagnostic::new(&codes::MISSING_REQUIRED, msg, path.as_str(), anchor)
                    .with(Facts::Missing(missing)),
            );
        }
    }
    if let Some(check) = spec.check {
        check(cx, n, path);
    }
}

#[allow(clippy::too_many_arguments)]
fn unknown_key(
    cx: &mut Cx,
    spec: &'static ObjSpec,
    n: &Node,
    applying: &[&Variant],
    key: &str,
    path: &str,
    span: Span,
    closed: bool,
) {
    let ver = cx.ver;
    // A key a newer version added here is told so. A key an older version had here, only
    // when this version has it in no other part either (`mustBe` of a v3.1.0 rule without
    // `type` belongs to its library part, which the generic message below names).
    let other = other_version(spec, n, key, ver)
        .filter(|o| o.since > ver || !belongs_to_a_part(spec, key, ver));
    if let Some(other) = other {
        if let Some((code, msg)) = other.message(cx, key, closed) {
            cx.diag(code, msg, path, span);
            return;
        }
    }
    let allowed = applying
        .iter()
        .flat_map(|v| v.fields.iter())
        .chain(spec.fields.iter())
        .filter(|f| f.active(ver))
        .map(|f| f.key);
    let owner = applying.first().map(|v| v.label).unwrap_or(spec.name);
    let mut msg = format!("unknown key `{key}` in {}{owner}.", article(owner));
    if let Some(best) = did_you_mean(key, allowed) {
        msg.push_str(&format!(" Did you mean `{best}`?"));
    } else {
        let elsewhere: Vec<&str> = spec
            .variants
            .iter()
            .filter(|v| v.active(ver) && !applying.iter().any(|a| std::ptr::eq(*a, *v)))
            .filter(|v| v.fields.iter().any(|f| f.key == key && f.active(ver)))
            .map(|v| v.label)
            .collect();
        if !elsewhere.is_empty() {
            let shown: Vec<&str> = elsewhere.iter().take(3).copied().collect();
            msg.push_str(&format!(
                " `{key}` belongs to {}{}.",
                shown.join(", "),
                if elsewhere.len() > 3 { ", ..." } else { "" }
            ));
        } else {
            let id = (
                spec as *const ObjSpec as usize,
                applying
                    .iter()
                    .map(|v| *v as *const Variant as usize)
                    .collect::<Vec<_>>(),
            );
            let known = cx
                .allowed_keys
                .iter()
                .position(|(s, v, _)| *s == id.0 && *v == id.1);
            let i = known.unwrap_or_else(|| {
                // A part may restate a common key with its own type: name each key once.
                let mut listed = foldhash::HashSet::default();
                let keys: Vec<&str> = applying
                    .iter()
                    .flat_map(|v| v.fields.iter())
                    .chain(spec.fields.iter())
                    .filter(|f| f.active(ver) && listed.insert(f.key))
                    .map(|f| f.key)
                    .collect();
                let list = if keys.is_empty() {
                    String::new()
                } else {
                    format!(" Allowed keys: {}.", keys.join(", "))
                };
                cx.allowed_keys.push((id.0, id.1, list));
                cx.allowed_keys.len() - 1
            });
            msg.push_str(&cx.allowed_keys[i].2);
        }
    }
    if closed {
        cx.diag(&codes::UNKNOWN_KEY, msg, path, span);
    } else {
        msg.push_str(" This version of the standard allows extra keys here, so this is a warning; newer versions reject it.");
        cx.diag(&codes::UNDECLARED_KEY, msg, path, span);
    }
}

/// Where a key that version `ver` doesn't define here is defined in other versions.
#[derive(Clone, Copy)]
struct OtherVersion {
    /// The object or part that defines it: "SLA property", "an sql quality rule".
    owner: &'static str,
    /// The versions that define it: `since <= v < until`.
    since: u8,
    until: u8,
}

/// The nearest versions in which `key` is a field of this object or of a part whose
/// condition holds for `n` (newer versions first: they are what people reach for).
fn other_version(spec: &'static ObjSpec, n: &Node, key: &str, ver: u8) -> Option<OtherVersion> {
    let parts = spec
        .variants
        .iter()
        .filter(|v| (v.applies)(n))
        .flat_map(|v| {
            v.fields
                .iter()
                .map(move |f| (f, v.label, v.since.max(f.since), v.until.min(f.until)))
        });
    let own = spec.fields.iter().map(|f| (f, spec.name, f.since, f.until));
    let ranges: Vec<OtherVersion> = parts
        .chain(own)
        .filter(|(f, _, since, until)| f.key == key && since < until)
        .map(|(_, owner, since, until)| OtherVersion {
            owner,
            since,
            until,
        })
        .collect();
    if ranges.iter().any(|r| r.since <= ver && ver < r.until) {
        return None;
    }
    let newer = ranges
        .iter()
        .filter(|r| r.since > ver)
        .min_by_key(|r| r.since);
    let older = ranges
        .iter()
        .filter(|r| r.until <= ver)
        .max_by_key(|r| r.until);
    newer.or(older).copied()
}

impl OtherVersion {
    /// The diagnostic for a key of another version: an error in a closed object, a
    /// warning in one the declared version leaves open (`None` for an older key there).
    fn message(&self, cx: &Cx, key: &str, closed: bool) -> Option<(&'static Code, String)> {
        let model = cx.model?;
        let (std, declared) = (model.standard, model.name(cx.ver));
        let doc = if std == "ODPS" {
            "manifest"
        } else {
            "contract"
        };
        let owner = format!("{}{}", article(self.owner), self.owner);
        let added = model.name(self.since);
        if self.since > cx.ver {
            return Some(if closed {
                (
                    &codes::OTHER_VERSION_KEY,
                    format!(
                        "`{key}` was added to {owner} in {std} {added}, but this {doc} declares {declared}. Declare `apiVersion: {added}` (or newer) to use it, or remove it."
                    ),
                )
            } else {
                (
                    &codes::NEWER_VERSION_KEY,
                    format!(
                        "`{key}` is defined for {owner} from {std} {added} on. {declared} leaves this object open, so it is accepted with a warning, but tools of {declared} don't know what it means: declare `apiVersion: {added}` to use it."
                    ),
                )
            });
        }
        if !closed {
            return None;
        }
        let last = model.name(self.until.saturating_sub(1));
        let span = if added == last {
            format!("{std} {added} only")
        } else {
            format!("{std} {added} to {last}")
        };
        // An older range ends at a version, the first that no longer has the key here.
        let gone = model.name(self.until);
        Some((
            &codes::OTHER_VERSION_KEY,
            format!(
                "`{key}` belongs to {owner} in {span}; {gone} no longer has it here. This {doc} declares {declared}: remove `{key}`, or declare `apiVersion: {last}` if the {doc} follows that version."
            ),
        ))
    }
}

/// Whether `key` belongs to one of the object's conditional parts in version `ver`.
fn belongs_to_a_part(spec: &ObjSpec, key: &str, ver: u8) -> bool {
    spec.variants
        .iter()
        .filter(|v| v.active(ver))
        .any(|v| v.fields.iter().any(|f| f.key == key && f.active(ver)))
}

fn article(label: &str) -> &'static str {
    // Variant labels already start with "a"/"an".
    if label.starts_with("a ") || label.starts_with("an ") {
        ""
    } else {
        "the "
    }
}

fn wrong_type(cx: &mut Cx, n: &Node, ty: &Ty, path: &str, key: &str, anchor: Span) {
    let expected = describe(ty, cx.ver);
    let src = cx.source(n.span);
    let found = if is_non_finite(n) {
        if src.contains(['i', 'I', 'n', 'N']) {
            "infinity or not-a-number, which JSON cannot write"
        } else {
            "a number too large to represent (over 1.8e308)"
        }
    } else {
        n.kind_name()
    };
    // A mapping where a list is expected is the most common structural mistake.
    if n.as_map().is_some() && matches!(ty, Ty::List(_) | Ty::NonEmptyList(_)) {
        let example = match key {
            "customProperties" => "\n  - property: owner\n    value: orders-team",
            "schema" => "\n  - name: orders\n    properties:\n      - name: order_id",
            _ => "\n  - ...",
        };
        let msg = format!(
            "`{key}` must be a list, but it is written as a mapping. Start each item with `- `, e.g.:\n{key}:{example}"
        );
        return cx.push(
            Diagnostic::new(&codes::EXPECTED_LIST, msg, path, anchor)
                .with(Facts::Found("a mapping")),
        );
    }
    let mut msg = format!("`{key}` must be {expected}, but it is {found}");
    match (&n.kind, ty) {
        (
            NodeKind::Scalar(Scalar::Int(_) | Scalar::Float(_) | Scalar::Bool(_)),
            Ty::Str | Ty::Enum(_) | Ty::Pattern(_),
        ) => match src
            .strip_prefix('!')
            .and_then(|t| t.split_once(char::is_whitespace))
        {
            // A tag such as `!!int` makes the value a number: the tag goes, the value is quoted.
            Some((tag, value)) => msg.push_str(&format!(
                ": remove the `!{tag}` tag and quote the value, `{key}: \"{}\"`.",
                value.trim()
            )),
            None => msg.push_str(&format!(": quote it, `{key}: \"{src}\"`.")),
        },
        (
            NodeKind::Scalar(Scalar::Str(s)),
            Ty::Int | Ty::Count | Ty::Num | Ty::Positive | Ty::PosInt,
        ) if s.trim().parse::<f64>().is_ok() => {
            msg.push_str(&format!(": remove the quotes, `{key}: {}`.", s.trim()));
        }
        (NodeKind::Scalar(Scalar::Str(s)), Ty::Bool) => {
            let l = s.to_ascii_lowercase();
            if ["yes", "no", "on", "off", "y", "n"].contains(&l.as_str()) {
                msg.push_str(
                    ": write `true` or `false` (YAML 1.2 reads `yes`/`no`/`on`/`off` as text).",
                );
            } else {
                msg.push_str(": write `true` or `false`.");
            }
        }
        (_, Ty::Obj(spec)) => {
            let ver = cx.ver;
            let keys: Vec<&str> = spec
                .fields
                .iter()
                .filter(|f| f.active(ver))
                .take(4)
                .map(|f| f.key)
                .collect();
            msg.push_str(&format!(
                ". Write it as a mapping with keys such as {}.",
                list_keys(&keys)
            ));
        }
        _ => msg.push('.'),
    }
    let span = if matches!(n.kind, NodeKind::Scalar(_)) {
        n.span
    } else {
        anchor
    };
    cx.push(Diagnostic::new(&codes::WRONG_TYPE, msg, path, span).with(Facts::Found(found)));
}

fn describe(ty: &Ty, ver: u8) -> String {
    match ty {
        Ty::Str => "text".into(),
        Ty::Int => "a whole number".into(),
        Ty::Count => "a whole number (0 or more)".into(),
        Ty::Num => "a number".into(),
        Ty::Positive => "a number greater than 0".into(),
        Ty::PosInt => "a whole number (1 or more)".into(),
        Ty::Bool => "`true` or `false`".into(),
        Ty::Any => "any value".into(),
        Ty::Scalar => "a single value (text, number, boolean or null)".into(),
        Ty::Enum(v) => format!("one of {}", v.join(", ")),
        Ty::Pattern(p) => p.describe(ver).into(),
        Ty::Formatted(_) => "text".into(),
        Ty::List(_) | Ty::NonEmptyList(_) => "a list".into(),
        Ty::StrSet => "a list of names".into(),
        Ty::NumPair => "a list of two numbers".into(),
        Ty::Obj(_) | Ty::AnyObj => "a mapping".into(),
        Ty::Either(alts) => {
            let d: Vec<String> = alts.iter().map(|t| describe(t, ver)).collect();
            d.join(" or ")
        }
    }
}

fn shape_fits(ty: &Ty, n: &Node) -> bool {
    match ty {
        Ty::Obj(_) | Ty::AnyObj => n.as_map().is_some(),
        Ty::List(_) | Ty::NonEmptyList(_) | Ty::StrSet | Ty::NumPair => n.as_seq().is_some(),
        Ty::Any => true,
        Ty::Either(alts) => alts.iter().any(|t| shape_fits(t, n)),
        _ => matches!(n.kind, NodeKind::Scalar(_)),
    }
}

fn is_non_finite(n: &Node) -> bool {
    matches!(n.kind, NodeKind::Scalar(Scalar::Float(f)) if !f.is_finite())
}

/// JSON Schema "number": any finite number.
fn number(n: &Node) -> Option<f64> {
    match n.kind {
        NodeKind::Scalar(Scalar::Int(i)) => Some(i as f64),
        NodeKind::Scalar(Scalar::Float(f)) if f.is_finite() => Some(f),
        _ => None,
    }
}

/// JSON Schema "integer": a number with no fractional part (so `2.0` counts).
fn integer(n: &Node) -> Option<f64> {
    number(n).filter(|x| x.fract() == 0.0)
}

fn list_keys(keys: &[&str]) -> String {
    let quoted: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        n => format!("{} and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

/// `path` with one more JSON pointer token (escaped): `child("/servers/0", "a/b")` is
/// `/servers/0/a~1b`.
pub fn child(path: &str, token: &str) -> String {
    let mut p = String::with_capacity(path.len() + token.len() + 1);
    p.push_str(path);
    p.push('/');
    push_pointer_token(&mut p, token);
    p
}

/// Append a JSON pointer token, escaping `~` and `/`.
pub fn push_pointer_token(path: &mut String, token: &str) {
    // A byte search: a pattern of chars decodes every character (a tenth of validation).
    if memchr::memchr2(b'~', b'/', token.as_bytes()).is_none() {
        path.push_str(token);
        return;
    }
    for c in token.chars() {
        match c {
            '~' => path.push_str("~0"),
            '/' => path.push_str("~1"),
            c => path.push(c),
        }
    }
}

/// The closest candidate within a small edit distance, or a case-insensitive match.
pub fn did_you_mean<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let lower: Vec<char> = word.chars().map(|c| c.to_ascii_lowercase()).collect();
    let mut cand: Vec<char> = Vec::new();
    let mut rows = Vec::new();
    let mut word_counts = [0i32; 32];
    for &ch in &lower {
        word_counts[ch as usize % 32] += 1;
    }
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if c.eq_ignore_ascii_case(word) {
            return Some(c);
        }
        let limit = (c.len().max(word.len()) / 3).clamp(1, 3);
        // The distance is at least the difference in length: most candidates need no table
        // (100,000 unknown keys are checked against the model in a blink).
        let chars = if c.is_ascii() {
            c.len()
        } else {
            c.chars().count()
        };
        if chars.abs_diff(lower.len()) > limit {
            continue;
        }
        // Only a closer candidate than the best so far matters.
        let limit = best.map_or(limit, |(bd, _)| limit.min(bd - 1));
        cand.clear();
        cand.extend(c.chars().map(|c| c.to_ascii_lowercase()));
        // Each edit changes the letters' counts by at most two: a cheap lower bound that
        // rules out most candidates before the table.
        let mut counts = word_counts;
        for &ch in &cand {
            counts[ch as usize % 32] -= 1;
        }
        if counts
            .iter()
            .map(|n| n.unsigned_abs() as usize)
            .sum::<usize>()
            .div_ceil(2)
            > limit
        {
            continue;
        }
        if let Some(d) = distance_within(&lower, &cand, limit, &mut rows) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Edit distance where swapping two neighbouring letters counts as one edit (optimal
/// string alignment), so `nmae` is one edit from `name`; `None` when it is over `limit`.
/// Three rows of the table, in a buffer the caller reuses, and it stops as soon as no cell
/// can come back under the limit: the key of a hostile mapping costs a few hundred steps
/// per candidate.
fn distance_within(a: &[char], b: &[char], limit: usize, rows: &mut Vec<usize>) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let w = b.len() + 1;
    // Rows i-2, i-1 and i, in the caller's buffer (every cell read is written first).
    if rows.len() < 3 * w {
        rows.resize(3 * w, 0);
    }
    let (mut r2, mut r1, mut r0) = (0, w, 2 * w);
    for j in 0..w {
        rows[r1 + j] = j;
    }
    // The smallest cell of row i-1 (row 0's is 0).
    let mut prev_min = 0;
    for i in 1..=a.len() {
        rows[r0] = i;
        let mut row_min = i;
        for j in 1..w {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (rows[r1 + j] + 1)
                .min(rows[r0 + j - 1] + 1)
                .min(rows[r1 + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[r2 + j - 2] + 1);
            }
            rows[r0 + j] = v;
            row_min = row_min.min(v);
        }
        // A cell is at least the smaller of row i-1's minimum and row i-2's plus one (a
        // transposition reaches back two rows): once both are over the limit, so is
        // everything after.
        if row_min > limit && prev_min >= limit {
            return None;
        }
        prev_min = row_min;
        (r2, r1, r0) = (r1, r0, r2);
    }
    let d = rows[r1 + b.len()];
    (d <= limit).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let keys = ["name", "physicalName", "logicalType"];
        assert_eq!(did_you_mean("nmae", keys.iter().copied()), Some("name"));
        assert_eq!(
            did_you_mean("logicaltype", keys.iter().copied()),
            Some("logicalType")
        );
        assert_eq!(did_you_mean("zzzzzz", keys.iter().copied()), None);
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        let kitten = (chars("kitten"), chars("sitting"));
        assert_eq!(
            distance_within(&kitten.0, &kitten.1, 3, &mut Vec::new()),
            Some(3)
        );
        assert_eq!(
            distance_within(&kitten.0, &kitten.1, 2, &mut Vec::new()),
            None
        );
    }

    /// The whole table, as written in the textbook: the reference for the bounded one.
    fn full_table(a: &[char], b: &[char]) -> usize {
        let w = b.len() + 1;
        let mut d = vec![0usize; (a.len() + 1) * w];
        for i in 0..=a.len() {
            d[i * w] = i;
        }
        for (j, cell) in d.iter_mut().enumerate().take(w) {
            *cell = j;
        }
        for i in 1..=a.len() {
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut v = (d[(i - 1) * w + j] + 1)
                    .min(d[i * w + j - 1] + 1)
                    .min(d[(i - 1) * w + j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    v = v.min(d[(i - 2) * w + j - 2] + 1);
                }
                d[i * w + j] = v;
            }
        }
        d[a.len() * w + b.len()]
    }

    #[test]
    fn bounded_distance_agrees_with_the_full_table() {
        // Words over a small alphabet (many near misses and transpositions), every limit.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut rows = Vec::new();
        for _ in 0..20_000 {
            let mut word = |n: u64| -> Vec<char> {
                let len = (next() % n) as usize;
                (0..len)
                    .map(|_| (b'a' + (next() % 3) as u8) as char)
                    .collect()
            };
            let (a, b) = (word(9), word(9));
            let want = full_table(&a, &b);
            for limit in 0..5 {
                let got = distance_within(&a, &b, limit, &mut rows);
                assert_eq!(
                    got,
                    (want <= limit).then_some(want),
                    "{a:?} {b:?} limit {limit}"
                );
            }
        }
        // did_you_mean (length and letter-count bounds, shrinking limits) picks what the
        // plain rule picks: the first closest candidate within the limit.
        for _ in 0..5_000 {
            let mut word = |n: u64| -> String {
                let len = 1 + (next() % n) as usize;
                (0..len)
                    .map(|_| (b'a' + (next() % 4) as u8) as char)
                    .collect()
            };
            let w = word(8);
            let cands: Vec<String> = (0..6).map(|_| word(8)).collect();
            let lw: Vec<char> = w.chars().collect();
            let mut want: Option<(usize, &str)> = None;
            let mut exact = None;
            for c in &cands {
                if exact.is_none() && c.eq_ignore_ascii_case(&w) {
                    exact = Some(c.as_str());
                }
                let limit = (c.len().max(w.len()) / 3).clamp(1, 3);
                let d = full_table(&lw, &c.chars().collect::<Vec<_>>());
                if d <= limit && want.is_none_or(|(bd, _)| d < bd) {
                    want = Some((d, c));
                }
            }
            let want = exact.or(want.map(|(_, c)| c));
            assert_eq!(
                did_you_mean(&w, cands.iter().map(|c| c.as_str())),
                want,
                "{w} {cands:?}"
            );
        }
        // Long words, and a buffer left longer by an earlier call.
        let long: Vec<char> = "x".repeat(100).chars().collect();
        assert_eq!(distance_within(&long, &long, 3, &mut rows), Some(0));
    }
}

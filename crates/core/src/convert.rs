//! Conversion of a data contract between ODCS v3 versions, through the edit API: the
//! minimal text edits, so comments, key order, quoting and blank lines stay.
//!
//! What changes between the versions and is rewritten:
//! - `apiVersion`;
//! - numeric bounds: v3.0.x writes an excluded bound as a flag beside it (`maximum: 10`,
//!   `exclusiveMaximum: true`), v3.1.0 and later as the bound itself (`exclusiveMaximum:
//!   10`) — rewritten both ways;
//! - an Athena server's `staging_dir` (v3.0.0, v3.0.1) is `stagingDir` since v3.0.2.
//!
//! What the target version can't express (a key it doesn't have, such as `enum` or
//! `synonyms` before v3.2.0; a value it doesn't allow, such as `logicalType: timestamp`
//! before v3.1.0) is found by validating the result against the target's model: every
//! error the source didn't have (and every key defined only in a later version) is reported with its place and Charter's message. With
//! `lossy`, the keys the target doesn't have are removed (and reported as removed); values
//! it doesn't allow are never changed behind the owner's back.

use crate::codes;
use crate::edit::{self, TextEdit};
use crate::model::ODCS_VERSIONS;
use crate::yaml::{self, Document, Node, NodeKind, Scalar};

/// Something the target version can't express: where, and why (Charter's message).
#[derive(Clone, Debug, PartialEq)]
pub struct Lost {
    /// The diagnostic's code (`unknown-key`: a key the target doesn't have).
    pub code: &'static str,
    pub path: String,
    pub line: u32,
    pub message: String,
}

/// The converted text and what the target can't express (`removed`: taken out, with
/// `lossy`; `remaining`: still in the text, so the result doesn't validate).
#[derive(Debug)]
pub struct Conversion {
    pub text: String,
    pub from: String,
    pub removed: Vec<Lost>,
    pub remaining: Vec<Lost>,
}

fn text_at(doc: &Document, at: usize) -> &str {
    doc.text.get(at..).unwrap_or_default()
}

fn rank(v: &str) -> Option<usize> {
    ODCS_VERSIONS.iter().position(|x| *x == v)
}

fn scalar_text(n: &Node) -> Option<String> {
    match &n.kind {
        NodeKind::Scalar(Scalar::Int(i)) => Some(i.to_string()),
        NodeKind::Scalar(Scalar::Float(f)) => Some(f.to_string()),
        NodeKind::Scalar(Scalar::Str(s)) => Some(edit::render(&Scalar::Str(s.clone()))),
        _ => None,
    }
}

/// Every mapping under `n` reached through a key named `key`, with its JSON pointer.
fn maps_named<'a>(
    n: &'a Node,
    key: &str,
    at: String,
    depth: usize,
    out: &mut Vec<(String, &'a Node)>,
) {
    if depth > yaml::NESTING_LIMIT {
        return;
    }
    match &n.kind {
        NodeKind::Map(entries) => {
            for e in entries {
                let p = format!("{at}/{}", crate::pointer::escape(&e.key));
                if e.key == key && e.value.as_map().is_some() {
                    out.push((p.clone(), &e.value));
                }
                maps_named(&e.value, key, p, depth + 1, out);
            }
        }
        NodeKind::Seq(items) => {
            for (i, it) in items.iter().enumerate() {
                maps_named(it, key, format!("{at}/{i}"), depth + 1, out);
            }
        }
        NodeKind::Scalar(_) => {}
    }
}

/// The rewrites from version rank `from` to `to`, each a group of edits that goes
/// together (a bound renamed and its flag removed). Each rewrite's condition is gone once
/// it is applied, so computing them again on the result finds only those left.
fn rewrites(doc: &Document, root: &Node, from: usize, to: usize) -> Vec<Vec<TextEdit>> {
    let v3_1 = rank("v3.1.0").unwrap_or(3);
    let v3_0_2 = rank("v3.0.2").unwrap_or(2);
    let mut groups = Vec::new();
    let mut options = Vec::new();
    maps_named(root, "logicalTypeOptions", String::new(), 0, &mut options);
    for (at, o) in &options {
        let flow = text_at(doc, o.span.start.at()).starts_with('{');
        for (flag, bound) in [
            ("exclusiveMaximum", "maximum"),
            ("exclusiveMinimum", "minimum"),
        ] {
            let f = o.entry(flag);
            let b = o.entry(bound);
            let group: Result<Vec<TextEdit>, edit::EditError> = if from < v3_1 && to >= v3_1 {
                // `maximum: 10` + `exclusiveMaximum: true` → `exclusiveMaximum: 10`, in
                // the bound's place; a `false` flag goes.
                match (f.map(|f| &f.value.kind), b) {
                    (Some(NodeKind::Scalar(Scalar::Bool(true))), Some(b))
                        if scalar_text(&b.value).is_some() =>
                    {
                        edit::unset(doc, &format!("{at}/{flag}")).map(|mut e| {
                            e.push(TextEdit {
                                range: b.key_span.start.at()..b.key_span.end.at(),
                                insert: flag.into(),
                            });
                            e
                        })
                    }
                    (Some(NodeKind::Scalar(Scalar::Bool(false))), _) => {
                        edit::unset(doc, &format!("{at}/{flag}"))
                    }
                    _ => continue,
                }
            } else if from >= v3_1 && to < v3_1 {
                // `exclusiveMaximum: 10` → `maximum: 10` and, after it,
                // `exclusiveMaximum: true` (on the next line, or `, ` in a flow mapping).
                let Some(f) = f.filter(|f| {
                    matches!(
                        f.value.kind,
                        NodeKind::Scalar(Scalar::Int(_) | Scalar::Float(_))
                    )
                }) else {
                    continue;
                };
                if b.is_some() {
                    continue;
                }
                let end = f.value.span.end.at();
                let insert = if flow {
                    format!(", {flag}: true")
                } else {
                    let pad = " ".repeat(f.key_span.start.col.saturating_sub(1) as usize);
                    let nl = if doc.text.contains("\r\n") {
                        "\r\n"
                    } else {
                        "\n"
                    };
                    format!("{nl}{pad}{flag}: true")
                };
                // In block style after the line's end (its comment stays on the bound).
                let at_ = if flow {
                    end
                } else {
                    let eol = doc.text[end..]
                        .find('\n')
                        .map_or(doc.text.len(), |i| end + i);
                    if doc.text[..eol].ends_with('\r') {
                        eol - 1
                    } else {
                        eol
                    }
                };
                edit::rename(doc, &format!("{at}/{flag}"), bound).map(|mut e| {
                    e.push(TextEdit {
                        range: at_..at_,
                        insert,
                    });
                    e
                })
            } else {
                continue;
            };
            // A rewrite the edit layer refuses (an alias repeats the key) is left; the
            // check of the result names what stays.
            if let Ok(g) = group {
                groups.push(g);
            }
        }
    }
    // Athena's staging directory.
    let servers = root.get("servers").and_then(Node::as_seq).unwrap_or(&[]);
    for (i, s) in servers.iter().enumerate() {
        if s.get("type").and_then(Node::as_str) != Some("athena") {
            continue;
        }
        let (old, new) = if from < v3_0_2 && to >= v3_0_2 {
            ("staging_dir", "stagingDir")
        } else if from >= v3_0_2 && to < v3_0_2 {
            ("stagingDir", "staging_dir")
        } else {
            continue;
        };
        if s.get(old).is_some() {
            if let Ok(g) = edit::rename(doc, &format!("/servers/{i}/{old}"), new) {
                groups.push(g);
            }
        }
    }
    groups
}

/// Applies the groups of edits that don't overlap one another (a whole group or none);
/// `None` when none could be applied. The caller computes the others again on the result.
fn apply_disjoint(text: &str, groups: Vec<Vec<TextEdit>>) -> Option<(String, bool)> {
    let mut taken: Vec<TextEdit> = Vec::new();
    let mut left = false;
    let overlap = |a: &TextEdit, b: &TextEdit| {
        a.range.start < b.range.end && b.range.start < a.range.end
            || (a.range.start == b.range.start && (a.range.is_empty() || b.range.is_empty()))
    };
    for g in groups {
        let clash = g.iter().enumerate().any(|(i, e)| {
            taken.iter().any(|t| overlap(t, e)) || g[..i].iter().any(|o| overlap(o, e))
        });
        if clash {
            left = true;
        } else {
            taken.extend(g);
        }
    }
    (!taken.is_empty()).then(|| (edit::apply(text, &taken), left))
}

/// The most passes of the rewrites or removals; a pass is needed again only when edits
/// of one flow mapping (`{a: 1, b: 2}`) overlap.
const PASSES: usize = 32;

/// The errors of `text`, and the keys its version defines only later (accepted in an
/// open object with a warning, but meaningless to that version's tools).
fn errors(text: &str) -> Vec<crate::Diagnostic> {
    // Each at its own place: not rolled up into "declare a newer version".
    crate::check_each_error(text)
        .diagnostics
        .into_iter()
        .filter(|d| {
            d.severity == crate::Severity::Error || d.code.id == codes::NEWER_VERSION_KEY.id
        })
        .collect()
}

/// Whether a diagnostic code names a key the target version doesn't have (what `lossy`
/// removes).
pub fn removable_code(code: &str) -> bool {
    [
        &codes::UNKNOWN_KEY,
        &codes::OTHER_VERSION_KEY,
        &codes::NEWER_VERSION_KEY,
    ]
    .iter()
    .any(|c| c.id == code)
}

fn removable(d: &crate::Diagnostic) -> bool {
    removable_code(d.code.id)
}

/// `d` of the converted text, placed on the source's line (same paths: the rewrites
/// keep the structure).
fn lost(d: &crate::Diagnostic, source: &Node) -> Lost {
    // The key's line when the path ends in a key, else the value's.
    let (parent, last) = d.path.rsplit_once('/').unwrap_or(("", ""));
    let key = crate::pointer::segments(&format!("/{last}"))
        .pop()
        .unwrap_or_default();
    let line = crate::pointer::resolve(source, parent)
        .ok()
        .and_then(|(n, _)| n.entry(&key).map(|e| e.key_span.start.line))
        .or_else(|| {
            crate::pointer::resolve(source, &d.path)
                .ok()
                .map(|(n, _)| n.span.start.line)
        })
        .unwrap_or(d.span.start.line);
    Lost {
        code: d.code.id,
        path: d.path.clone(),
        line,
        message: d.message.clone(),
    }
}

/// Convert the contract `text` to ODCS `target` (`v3.1.0`, or `3.1.0`).
pub fn convert(text: &str, target: &str, lossy: bool) -> Result<Conversion, String> {
    let target = if target.starts_with('v') {
        target.to_string()
    } else {
        format!("v{target}")
    };
    let to = rank(&target).ok_or_else(|| {
        format!(
            "there is no ODCS version `{target}` to convert to: use one of {}",
            ODCS_VERSIONS.join(", ")
        )
    })?;
    let doc = yaml::parse(text);
    if doc.incomplete() {
        return Err("the YAML can't be read whole: fix its problems first".into());
    }
    let root = doc.root.as_ref().ok_or("the document is empty")?;
    if root.get("kind").and_then(Node::as_str) != Some("DataContract") {
        return Err(
            "only a data contract (kind: DataContract) converts between ODCS versions".into(),
        );
    }
    let from_v = root
        .get("apiVersion")
        .and_then(Node::as_str)
        .unwrap_or_default()
        .to_string();
    let from = rank(&from_v).ok_or_else(|| {
        format!("the contract's apiVersion `{from_v}` is not an ODCS v3 version Charter knows")
    })?;
    let before: foldhash::HashSet<(String, &'static str)> = errors(text)
        .iter()
        .map(|d| (d.path.clone(), d.code.id))
        .collect();
    // `apiVersion` keeps its quotes: `"v3.0.0"` becomes `"v3.1.0"`.
    let version = match root.get("apiVersion") {
        Some(v) => {
            let range = v.span.start.at()..v.span.end.at();
            let quote = text[range.clone()]
                .chars()
                .next()
                .filter(|c| *c == '"' || *c == '\'');
            vec![TextEdit {
                range,
                insert: match quote {
                    Some(q) => format!("{q}{target}{q}"),
                    None => target.clone(),
                },
            }]
        }
        None => edit::set(&doc, "/apiVersion", &target).map_err(|e| e.to_string())?,
    };
    let mut groups = rewrites(&doc, root, from, to);
    groups.insert(0, version);
    let mut out = text.to_string();
    for _ in 0..PASSES {
        match apply_disjoint(&out, groups) {
            Some((next, left)) => {
                out = next;
                if !left {
                    break;
                }
            }
            None => break,
        }
        let doc = yaml::parse(&out);
        let Some(r) = doc.root.as_ref() else { break };
        groups = rewrites(&doc, r, from, to);
    }
    let new_errors = |t: &str| -> Vec<crate::Diagnostic> {
        errors(t)
            .into_iter()
            .filter(|d| !before.contains(&(d.path.clone(), d.code.id)))
            .collect()
    };
    let mut remaining = new_errors(&out);
    let mut removed = Vec::new();
    if lossy {
        for _ in 0..PASSES {
            let converted = yaml::parse(&out);
            let mut cuts: Vec<Vec<TextEdit>> = Vec::new();
            let mut cut_paths: foldhash::HashSet<&str> = Default::default();
            let mut cut: Vec<&crate::Diagnostic> = Vec::new();
            // Outer keys first, so a key inside one already cut goes with it.
            let mut cuttable: Vec<&crate::Diagnostic> =
                remaining.iter().filter(|d| removable(d)).collect();
            cuttable.sort_by_key(|d| d.path.matches('/').count());
            for d in cuttable {
                let inside_cut = d
                    .path
                    .match_indices('/')
                    .any(|(i, _)| cut_paths.contains(&d.path[..i]));
                if inside_cut {
                    continue;
                }
                if let Ok(e) = edit::unset(&converted, &d.path) {
                    cuts.push(e);
                    cut_paths.insert(&d.path);
                    cut.push(d);
                }
            }
            // What overlapped another cut (two keys of one flow mapping) is cut in the
            // next pass, against the text as it is then.
            let Some((next, _)) = apply_disjoint(&out, cuts) else {
                break;
            };
            let next_remaining = new_errors(&next);
            let still: foldhash::HashSet<&str> =
                next_remaining.iter().map(|n| n.path.as_str()).collect();
            for d in cut {
                if !still.contains(d.path.as_str()) {
                    removed.push(lost(d, root));
                }
            }
            out = next;
            remaining = next_remaining;
            if !remaining.iter().any(removable) {
                break;
            }
        }
    }
    Ok(Conversion {
        text: out,
        from: from_v,
        removed,
        remaining: remaining.iter().map(|d| lost(d, root)).collect(),
    })
}

//! "No changes" means no changes.
//!
//! 1. Every field of every object of Charter's models of ODCS and ODPS (any version) is
//!    accounted for by the diff: a rule, the area's own checks, pairing, another area, a
//!    whole-object rule, or a written reason to ignore it.
//! 2. Every scalar of every official example, changed, and every entry, removed, gives
//!    at least one finding, unless the field is one the diff ignores on purpose.

use charter_core::diff::{self, fields, Mode};
use charter_core::model::{self, Model};
use charter_core::yaml::{Node, NodeKind, Scalar};

fn models() -> [&'static Model; 2] {
    [&model::odcs::MODEL, &model::odps::MODEL]
}

#[test]
fn every_field_of_every_model_object_has_a_rule_or_a_reason() {
    let mut missing = Vec::new();
    for m in models() {
        for (spec, fields_of) in model::objects(m) {
            if fields::WHOLE.contains(&(m.standard, spec.name)) {
                continue;
            }
            let Some(area) = fields::area_of(m.standard, spec.name) else {
                missing.push(format!("{} {}: no area compares it", m.standard, spec.name));
                continue;
            };
            for f in fields_of {
                if area.how(f.key).is_none() {
                    missing.push(format!("{} {}.{}", m.standard, spec.name, f.key));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "fields the diff neither compares nor ignores with a reason:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_area_entry_names_known_rules_and_areas() {
    for area in fields::areas() {
        for (key, how) in area.fields {
            let rules: &[&diff::rules::Rule] = match how {
                fields::How::Rule(r) => std::slice::from_ref(r),
                fields::How::Checked(rs) | fields::How::Pairs(rs) => rs,
                fields::How::Area(name) => {
                    assert!(
                        fields::area_of(area.standard, name).is_some()
                            || fields::WHOLE.contains(&(area.standard, name)),
                        "{key}: unknown area {name}"
                    );
                    &[]
                }
                fields::How::Ignored(why) => {
                    assert!(why.len() > 20, "{key}: say why it is ignored");
                    &[]
                }
            };
            for r in rules {
                assert!(diff::rules::by_id(r.id).is_some(), "{key}: {}", r.id);
            }
        }
    }
}

mod common;
use common::{reference_dir, yaml_files};

#[derive(Clone, Debug)]
enum Seg {
    Key(String),
    Index(usize),
}

fn pointer(path: &[Seg]) -> String {
    path.iter()
        .map(|s| match s {
            Seg::Key(k) => format!("/{}", k.replace('~', "~0").replace('/', "~1")),
            Seg::Index(i) => format!("/{i}"),
        })
        .collect()
}

/// Every scalar (`leaf`) and every mapping entry (`!leaf`), with its path.
fn walk(n: &Node, path: &mut Vec<Seg>, out: &mut Vec<(Vec<Seg>, bool)>) {
    match &n.kind {
        NodeKind::Scalar(_) => out.push((path.clone(), true)),
        NodeKind::Seq(items) => {
            for (i, it) in items.iter().enumerate() {
                path.push(Seg::Index(i));
                walk(it, path, out);
                path.pop();
            }
        }
        NodeKind::Map(entries) => {
            for e in entries {
                path.push(Seg::Key(e.key.to_string()));
                out.push((path.clone(), false));
                walk(&e.value, path, out);
                path.pop();
            }
        }
    }
}

fn at_mut<'a>(n: &'a mut Node, path: &[Seg]) -> &'a mut Node {
    let mut n = n;
    for s in path {
        n = match (s, &mut n.kind) {
            (Seg::Key(k), NodeKind::Map(m)) => {
                &mut m.iter_mut().find(|e| e.key == k.as_str()).unwrap().value
            }
            (Seg::Index(i), NodeKind::Seq(s)) => &mut s[*i],
            _ => unreachable!(),
        };
    }
    n
}

/// A value that means the same as the key being absent.
fn is_default(n: &Node, key: &str) -> bool {
    match &n.kind {
        NodeKind::Scalar(Scalar::Null | Scalar::Bool(false)) => true,
        NodeKind::Scalar(Scalar::Int(-1)) => key.ends_with("Position"),
        NodeKind::Scalar(Scalar::Str(s)) => s.is_empty() || (key == "type" && s == "library"),
        NodeKind::Seq(s) => s.is_empty(),
        NodeKind::Map(m) => m.is_empty(),
        _ => false,
    }
}

/// Whether the diff ignores the field at `path` on purpose.
fn ignored(root: &Node, m: &'static Model, ver: u8, path: &[Seg]) -> bool {
    let Some((Seg::Key(key), parent)) = path.split_last() else {
        return false;
    };
    let Some((spec, _)) = charter_core::form::spec_at(root, m, ver, &pointer(parent)) else {
        return false;
    };
    matches!(
        fields::area_of(m.standard, spec.name).and_then(|a| a.how(key)),
        Some(fields::How::Ignored(_))
    )
}

/// The key position of a column that is not a key (`primaryKeyPosition: -1` beside
/// `primaryKey: false`) means nothing: changing it changes nothing.
fn loose_position(root: &Node, path: &[Seg]) -> bool {
    let Some((Seg::Key(key), parent)) = path.split_last() else {
        return false;
    };
    let flag = match key.as_str() {
        "primaryKeyPosition" => "primaryKey",
        "partitionKeyPosition" => "partitioned",
        _ => return false,
    };
    let mut holder = root;
    for s in parent {
        holder = match s {
            Seg::Key(k) => holder.get(k).unwrap(),
            Seg::Index(i) => &holder.as_seq().unwrap()[*i],
        };
    }
    !matches!(
        holder.get(flag).map(|f| &f.kind),
        Some(NodeKind::Scalar(Scalar::Bool(true)))
    )
}

#[test]
fn every_change_to_an_official_example_is_found() {
    let dir = reference_dir();
    let mut files = Vec::new();
    yaml_files(&dir.join("odcs/examples"), &mut files);
    yaml_files(&dir.join("odps/examples"), &mut files);
    assert!(files.len() > 20, "the official examples are missing");
    let (mut tried, mut unseen) = (0, Vec::new());
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let Some(root) = charter_core::yaml::parse_data(&text).root else {
            continue;
        };
        let m = if root.get("kind").and_then(Node::as_str) == Some("DataProduct") {
            models()[1]
        } else {
            models()[0]
        };
        let ver = root
            .get("apiVersion")
            .and_then(Node::as_str)
            .and_then(|v| m.index(v))
            .unwrap_or(m.latest());
        let mut places = Vec::new();
        walk(&root, &mut Vec::new(), &mut places);
        for (path, leaf) in places {
            if path.is_empty() || ignored(&root, m, ver, &path) || loose_position(&root, &path) {
                continue;
            }
            let mut new = root.clone();
            if leaf {
                let n = at_mut(&mut new, &path);
                n.kind = NodeKind::Scalar(match &n.kind {
                    NodeKind::Scalar(Scalar::Str(s)) => Scalar::Str(format!("{s}x").into()),
                    NodeKind::Scalar(Scalar::Int(i)) => Scalar::Int(i + 1),
                    NodeKind::Scalar(Scalar::Float(f)) => Scalar::Float(f + 1.5),
                    NodeKind::Scalar(Scalar::Bool(b)) => Scalar::Bool(!b),
                    _ => Scalar::Str("x".into()),
                });
            } else {
                let (Some((Seg::Key(key), parent)), _) = (path.split_last(), ()) else {
                    continue;
                };
                let holder = at_mut(&mut new, parent);
                let NodeKind::Map(entries) = &mut holder.kind else {
                    continue;
                };
                let i = entries.iter().position(|e| e.key == key.as_str()).unwrap();
                if is_default(&entries[i].value, key) {
                    continue;
                }
                entries.remove(i);
            }
            tried += 1;
            let report = diff::diff(&root, &new, Mode::Full);
            if report.findings.is_empty() {
                let what = if leaf { "changed" } else { "removed" };
                unseen.push(format!(
                    "{} {} {what}",
                    file.strip_prefix(&dir).unwrap().display(),
                    pointer(&path)
                ));
            }
        }
    }
    assert!(tried > 2000, "only {tried} changes tried");
    assert!(
        unseen.is_empty(),
        "{} of {tried} changes gave \"No changes\":\n{}",
        unseen.len(),
        unseen.join("\n")
    );
}

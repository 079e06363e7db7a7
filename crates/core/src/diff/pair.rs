//! Pairing: the two trees walked side by side. Lists of elements are matched by their
//! stable `id`, then by the keys that name them, then (for elements with neither) by
//! identical content and by position. The checks of each area receive the pairs and the
//! elements only one side has; this file decides nothing about what a change means.

use super::text;
use super::text_ref;
use crate::validate::child;
use crate::yaml::{Node, Span};
use std::borrow::Cow;

/// Where an element sits in each document.
#[derive(Clone)]
pub(crate) struct At<'a> {
    pub base: Option<(&'a Node, String, Span)>,
    pub new: Option<(&'a Node, String, Span)>,
    /// Human name of the element: `orders.order_id`, `server production`.
    pub subject: String,
    /// An element only the new document has: its finding's path is the new pointer.
    pub added: bool,
}

impl<'a> At<'a> {
    /// The two documents' roots.
    pub fn root(base: &'a Node, new: &'a Node, subject: String) -> At<'a> {
        At {
            base: Some((base, String::new(), item_span(base))),
            new: Some((new, String::new(), item_span(new))),
            subject,
            added: false,
        }
    }
    /// The base element of a pair.
    pub fn b(&self) -> &'a Node {
        self.base.as_ref().expect("a pair has a base").0
    }
    /// The new element of a pair.
    pub fn n(&self) -> &'a Node {
        self.new.as_ref().expect("a pair has a new side").0
    }
    /// The value at `key` of both elements, as a pair whose nodes are the elements (for
    /// scalars: the finding points at the key) and whose paths end in `key`.
    pub fn sub(&self, key: &str) -> At<'a> {
        let side = |s: &Option<(&'a Node, String, Span)>| {
            s.as_ref()
                .map(|(n, p, sp)| (*n, child(p, key), span_of(n, key, *sp)))
        };
        At {
            base: side(&self.base),
            new: side(&self.new),
            subject: self.subject.clone(),
            added: false,
        }
    }
    /// The mapping at `key` of both elements (an empty mapping where it is missing), as a
    /// pair of its own.
    pub fn child_map(&self, key: &str, empty: &'a Node) -> At<'a> {
        let at = self.sub(key);
        At {
            base: at.base.map(|(n, p, s)| (n.get(key).unwrap_or(empty), p, s)),
            new: at.new.map(|(n, p, s)| (n.get(key).unwrap_or(empty), p, s)),
            subject: self.subject.clone(),
            added: false,
        }
    }
}

pub(crate) fn span_of(parent: &Node, key: &str, fallback: Span) -> Span {
    parent.entry(key).map(|e| e.key_span).unwrap_or(fallback)
}

/// Where a list item is: its first key, or the item itself.
pub(crate) fn item_span(n: &Node) -> Span {
    n.as_map()
        .and_then(|m| m.first())
        .map(|e| e.key_span)
        .unwrap_or(n.span)
}

pub(crate) fn list<'a>(n: &'a Node, key: &str) -> &'a [Node] {
    n.get(key).and_then(Node::as_seq).unwrap_or(&[])
}

/// The elements of one list in both documents: matched pairs, and those only one side
/// has (a removed element is located in the base, with the new list as its other side;
/// an added one the reverse).
pub(crate) struct Paired<'a> {
    pub matched: Vec<At<'a>>,
    pub removed: Vec<At<'a>>,
    pub added: Vec<At<'a>>,
}

/// Pair the elements of the lists at `key` of `parent`'s two sides.
pub(crate) fn pair<'a>(
    parent: &At<'a>,
    key: &str,
    keys: MatchKeys,
    label: &dyn Fn(&Node) -> String,
) -> Paired<'a> {
    let mut out = Paired {
        matched: Vec::new(),
        removed: Vec::new(),
        added: Vec::new(),
    };
    let (Some((bp, bpath, _)), Some((np, npath, _))) = (&parent.base, &parent.new) else {
        return out;
    };
    let (b_items, n_items) = (list(bp, key), list(np, key));
    let (pairs, gone, new_items) = match_lists(b_items, n_items, keys);
    for i in gone {
        let b = &b_items[i];
        out.removed.push(At {
            base: Some((b, format!("{bpath}/{key}/{i}"), item_span(b))),
            new: Some((np, child(npath, key), span_of(np, key, item_span(np)))),
            subject: label(b),
            added: false,
        });
    }
    for j in new_items {
        let n = &n_items[j];
        out.added.push(At {
            base: Some((bp, child(bpath, key), span_of(bp, key, item_span(bp)))),
            new: Some((n, format!("{npath}/{key}/{j}"), item_span(n))),
            subject: label(n),
            added: true,
        });
    }
    for (i, j) in pairs {
        let (b, n) = (&b_items[i], &n_items[j]);
        out.matched.push(At {
            base: Some((b, format!("{bpath}/{key}/{i}"), item_span(b))),
            new: Some((n, format!("{npath}/{key}/{j}"), item_span(n))),
            subject: label(n),
            added: false,
        });
    }
    out
}

/// The keys list elements are matched by after `id`: the first that identifies them
/// (`name` for schema objects; `name` and `version`, then `name`, for output ports).
pub(crate) type MatchKeys<'k> = &'k [&'k [&'k str]];

/// Match two lists by `id`, then by each of `keys` in turn (all of a key's fields present
/// and equal). Returns matched index pairs, then the unmatched indices of each side.
/// Linear in the lists' lengths: each pass indexes the unmatched new elements.
pub(crate) fn match_lists<'n>(
    base: &'n [Node],
    new: &'n [Node],
    keys: MatchKeys,
) -> (Vec<(usize, usize)>, Vec<usize>, Vec<usize>) {
    use std::collections::{HashMap, VecDeque};
    let mut pairs = Vec::new();
    let mut used_new = vec![false; new.len()];
    let mut matched_base = vec![false; base.len()];
    let key_of = |n: &'n Node, fields: &[&str]| -> Option<Cow<'n, str>> {
        match fields {
            [one] => text_ref(n.get(one)),
            _ => {
                let parts: Option<Vec<Cow<str>>> =
                    fields.iter().map(|f| text_ref(n.get(f))).collect();
                parts.map(|p| Cow::Owned(p.join("\u{1f}")))
            }
        }
    };
    let take = |index: &mut HashMap<Cow<'n, str>, VecDeque<usize>>,
                key: Option<Cow<'n, str>>,
                used_new: &mut [bool],
                accept: &dyn Fn(usize) -> bool|
     -> Option<usize> {
        let queue = index.get_mut(&key?)?;
        while queue.front().is_some_and(|&j| used_new[j]) {
            queue.pop_front();
        }
        let j = *queue.front()?;
        if !accept(j) {
            return None;
        }
        queue.pop_front();
        used_new[j] = true;
        Some(j)
    };
    let id: &[&str] = &["id"];
    for fields in std::iter::once(id).chain(keys.iter().copied()) {
        if matched_base.iter().all(|m| *m) {
            break;
        }
        let mut index: HashMap<Cow<str>, VecDeque<usize>> = HashMap::new();
        for (j, n) in new.iter().enumerate().filter(|(j, _)| !used_new[*j]) {
            if let Some(k) = key_of(n, fields) {
                index.entry(k).or_default().push_back(j);
            }
        }
        for (i, b) in base.iter().enumerate() {
            if matched_base[i] {
                continue;
            }
            // An id match wins even if names differ; a name match only when ids don't contradict.
            let by_id = fields == id;
            let accept =
                |j: usize| by_id || text(b.get("id")).is_none() || text(new[j].get("id")).is_none();
            if let Some(j) = take(&mut index, key_of(b, fields), &mut used_new, &accept) {
                matched_base[i] = true;
                pairs.push((i, j));
            }
        }
    }
    // Elements without id or name (quality rules often have neither): identical content
    // first, then the same position.
    let name_key = keys
        .first()
        .and_then(|k| k.first())
        .copied()
        .unwrap_or("name");
    let anonymous = |n: &Node| n.get("id").is_none() && n.get(name_key).is_none();
    let unmatched_anonymous = base
        .iter()
        .enumerate()
        .any(|(i, b)| !matched_base[i] && anonymous(b));
    let mut index: HashMap<Cow<str>, VecDeque<usize>> = HashMap::new();
    for (j, n) in new.iter().enumerate() {
        if unmatched_anonymous && !used_new[j] && anonymous(n) {
            index
                .entry(Cow::Owned(n.to_json().to_string()))
                .or_default()
                .push_back(j);
        }
    }
    for (i, b) in base.iter().enumerate() {
        if matched_base[i] || !anonymous(b) {
            continue;
        }
        let content = Some(Cow::Owned(b.to_json().to_string()));
        if let Some(j) = take(&mut index, content, &mut used_new, &|_| true) {
            matched_base[i] = true;
            pairs.push((i, j));
        }
    }
    for (i, b) in base.iter().enumerate() {
        if !matched_base[i] && anonymous(b) && i < new.len() && !used_new[i] && anonymous(&new[i]) {
            used_new[i] = true;
            matched_base[i] = true;
            pairs.push((i, i));
        }
    }
    let removed = (0..base.len()).filter(|&i| !matched_base[i]).collect();
    let added = (0..new.len()).filter(|&j| !used_new[j]).collect();
    (pairs, removed, added)
}

/// Removed and added elements of one list that look like the same element renamed (no
/// `id` pairs them): the same type, description or business name, the same place, a
/// name in common. Only mutual best matches above a threshold count. Returns index
/// pairs into `removed` and `added`; nothing for lists too long to compare pairwise.
pub(crate) fn likely_renames(removed: &[At], added: &[At]) -> Vec<(usize, usize)> {
    const MAX_PAIRS: usize = 10_000;
    if removed.is_empty() || added.is_empty() || removed.len() * added.len() > MAX_PAIRS {
        return Vec::new();
    }
    let index = |at: &At, base: bool| -> Option<usize> {
        let path = if base {
            &at.base.as_ref()?.1
        } else {
            &at.new.as_ref()?.1
        };
        path.rsplit('/').next()?.parse().ok()
    };
    let words = |n: &Node| -> Vec<String> {
        text(n.get("name"))
            .unwrap_or_default()
            .to_ascii_lowercase()
            .split(['_', '-', '.', ' '])
            .filter(|w| w.len() > 1)
            .map(str::to_string)
            .collect()
    };
    let score = |r: &At, a: &At| -> u32 {
        let (b, n) = (r.b(), a.n());
        let same =
            |k: &str| matches!((text(b.get(k)), text(n.get(k))), (Some(x), Some(y)) if x == y);
        let mut s = 0;
        for (k, w) in [
            ("logicalType", 2),
            ("physicalType", 1),
            ("description", 2),
            ("businessName", 2),
        ] {
            if same(k) {
                s += w;
            }
        }
        if index(r, true).is_some() && index(r, true) == index(a, false) {
            s += 1;
        }
        let (wb, wn) = (words(b), words(n));
        if wb.iter().any(|w| wn.contains(w)) {
            s += 1;
        }
        s
    };
    let scores: Vec<Vec<u32>> = removed
        .iter()
        .map(|r| added.iter().map(|a| score(r, a)).collect())
        .collect();
    let best = |row: &mut dyn Iterator<Item = (usize, u32)>| -> Option<usize> {
        let mut top: Option<(usize, u32)> = None;
        let mut tie = false;
        for (i, s) in row {
            match top {
                Some((_, t)) if s == t => tie = true,
                Some((_, t)) if s < t => {}
                _ => {
                    top = Some((i, s));
                    tie = false;
                }
            }
        }
        top.filter(|&(_, s)| s >= 3 && !tie).map(|(i, _)| i)
    };
    let mut out = Vec::new();
    for (i, row) in scores.iter().enumerate() {
        let Some(j) = best(&mut row.iter().copied().enumerate()) else {
            continue;
        };
        if best(&mut scores.iter().map(|r| r[j]).enumerate()) == Some(i) {
            out.push((i, j));
        }
    }
    out
}

//! Addresses of values in a document: JSON pointers (`/schema/0/properties/3/required`)
//! and name paths (`/schema/orders/properties/order_id/required`, where a list item is
//! found by its `name`, then its `id`, then its `property`).

use crate::yaml::Node;

/// One step of a resolved address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// Why an address does not lead to a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotFound {
    /// The part of the address that exists.
    pub found: String,
    /// The segment that doesn't.
    pub missing: String,
    /// What is there instead, for the message ("keys: a, b, c", "3 items").
    pub there: String,
}

impl std::fmt::Display for NotFound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = if self.found.is_empty() {
            "the document"
        } else {
            &self.found
        };
        write!(f, "`{}` is not in {at}: {}", self.missing, self.there)
    }
}

/// The segments of a pointer, unescaped (`~1` is `/`, `~0` is `~`). `""` and `/` are the
/// whole document.
pub fn segments(pointer: &str) -> Vec<String> {
    let p = pointer.strip_prefix('/').unwrap_or(pointer);
    if p.is_empty() {
        return Vec::new();
    }
    p.split('/')
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect()
}

/// Escape a key for a JSON pointer.
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Follow `pointer` from `root`: the value there and the steps that lead to it (list
/// items found by name become indices).
pub fn resolve<'a>(root: &'a Node, pointer: &str) -> Result<(&'a Node, Vec<Step>), NotFound> {
    let mut node = root;
    let mut steps = Vec::new();
    let mut found = String::new();
    for seg in segments(pointer) {
        let next = if let Some(items) = node.as_seq() {
            item_index(items, &seg).map(|i| (&items[i], Step::Index(i)))
        } else if let Some(entries) = node.as_map() {
            entries
                .iter()
                .find(|e| e.key == seg)
                .map(|e| (&e.value, Step::Key(seg.clone())))
        } else {
            None
        };
        match next {
            Some((n, step)) => {
                found.push('/');
                found.push_str(&escape(&seg));
                node = n;
                steps.push(step);
            }
            None => {
                return Err(NotFound {
                    there: what_is_there(node),
                    found,
                    missing: seg,
                })
            }
        }
    }
    Ok((node, steps))
}

/// The item of `items` a pointer segment names: by its index, else by its `name`, `id` or
/// `property`.
pub fn item_index(items: &[Node], seg: &str) -> Option<usize> {
    let by_index = seg.parse::<usize>().ok().filter(|i| *i < items.len());
    by_index.or_else(|| {
        ["name", "id", "property"].iter().find_map(|k| {
            items
                .iter()
                .position(|it| it.get(k).and_then(Node::as_str) == Some(seg))
        })
    })
}

/// A pointer from resolved steps.
pub fn to_pointer(steps: &[Step]) -> String {
    steps
        .iter()
        .map(|s| match s {
            Step::Key(k) => format!("/{}", escape(k)),
            Step::Index(i) => format!("/{i}"),
        })
        .collect()
}

fn what_is_there(node: &Node) -> String {
    if let Some(entries) = node.as_map() {
        let keys: Vec<&str> = entries.iter().take(12).map(|e| e.key.as_str()).collect();
        let more = if entries.len() > 12 { ", …" } else { "" };
        if keys.is_empty() {
            "it is an empty mapping".into()
        } else {
            format!("its keys are {}{more}", keys.join(", "))
        }
    } else if let Some(items) = node.as_seq() {
        let names: Vec<&str> = items
            .iter()
            .take(12)
            .filter_map(|it| {
                it.get("name")
                    .or_else(|| it.get("id"))
                    .and_then(Node::as_str)
            })
            .collect();
        let named = if names.is_empty() {
            String::new()
        } else {
            format!(" ({})", names.join(", "))
        };
        format!(
            "it is a list of {} item{}{named}: give an index from 0 to {} or an item's name",
            items.len(),
            if items.len() == 1 { "" } else { "s" },
            items.len().saturating_sub(1)
        )
    } else {
        format!("it is {}, which holds no keys", node.kind_name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_and_name_paths() {
        let doc = crate::yaml::parse("schema:\n  - name: orders\n    properties:\n      - name: id\n        required: true\n      - name: a/b\n");
        let root = doc.root.unwrap();
        let (n, steps) = resolve(&root, "/schema/orders/properties/id/required").unwrap();
        assert_eq!(n.to_json(), serde_json::json!(true));
        assert_eq!(to_pointer(&steps), "/schema/0/properties/0/required");
        assert!(resolve(&root, "/schema/0/properties/1").is_ok());
        assert!(resolve(&root, "/schema/0/properties/a~1b").is_ok());
        let e = resolve(&root, "/schema/orders/properties/nope").unwrap_err();
        assert_eq!(
            e.to_string(),
            "`nope` is not in /schema/orders/properties: it is a list of 2 items (id, a/b): give an index from 0 to 1 or an item's name"
        );
        assert_eq!(resolve(&root, "").unwrap().0.to_json(), root.to_json());
    }
}

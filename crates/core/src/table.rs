//! The schema as a table: one row per property (nested ones after their parent, with
//! their depth), each with the JSON pointer of its values, so a table or form view edits
//! a cell through [`crate::edit::set_value`] at `pointer + "/" + key`.

use crate::validate::push_pointer_token;
use crate::yaml::{Node, NESTING_LIMIT};
use serde::{Deserialize, Serialize};

/// The table of a contract's schema.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SchemaTable {
    pub objects: Vec<TableObject>,
    /// The logical types the declared version allows (for a select).
    pub logical_types: Vec<String>,
}

/// One schema object and its properties.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TableObject {
    pub pointer: String,
    pub name: String,
    pub rows: Vec<TableRow>,
}

/// One property: the cells a table shows and edits.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TableRow {
    pub pointer: String,
    /// 0 for a column of the table, 1 for one nested in it, ...
    pub depth: usize,
    pub name: String,
    pub logical_type: String,
    pub physical_type: String,
    pub required: bool,
    pub primary_key: bool,
    pub unique: bool,
    pub classification: String,
    pub description: String,
}

/// The schema table of a contract (empty for anything else).
pub fn schema_table(root: &Node) -> SchemaTable {
    use crate::model::odcs;
    let ver = root
        .get("apiVersion")
        .and_then(Node::as_str)
        .and_then(|v| odcs::MODEL.index(v))
        .unwrap_or_else(|| odcs::MODEL.latest());
    let logical_types = odcs::logical_types(ver)
        .into_iter()
        .map(String::from)
        .collect();
    let objects = root
        .get("schema")
        .and_then(Node::as_seq)
        .unwrap_or(&[])
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let pointer = format!("/schema/{i}");
            let mut rows = Vec::new();
            collect(o, &pointer, 0, &mut rows);
            TableObject {
                name: text(o, "name"),
                pointer,
                rows,
            }
        })
        .collect();
    SchemaTable {
        objects,
        logical_types,
    }
}

fn text(n: &Node, key: &str) -> String {
    n.get(key).and_then(Node::text).unwrap_or_default()
}

fn flag(n: &Node, key: &str) -> bool {
    n.get(key).is_some_and(Node::is_true)
}

/// The properties of `n` (and of its array `items`), depth first.
fn collect(n: &Node, pointer: &str, depth: usize, rows: &mut Vec<TableRow>) {
    if depth > NESTING_LIMIT {
        return;
    }
    let lists = [
        ("properties", n.get("properties")),
        ("items", n.get("items")),
    ];
    for (key, list) in lists {
        let Some(list) = list else { continue };
        let mut base = String::from(pointer);
        base.push('/');
        push_pointer_token(&mut base, key);
        if key == "items" {
            // An array's items: their own properties are the nested columns.
            collect(list, &base, depth, rows);
            continue;
        }
        for (i, p) in list.as_seq().unwrap_or(&[]).iter().enumerate() {
            let pointer = format!("{base}/{i}");
            rows.push(TableRow {
                pointer: pointer.clone(),
                depth,
                name: text(p, "name"),
                logical_type: text(p, "logicalType"),
                physical_type: text(p, "physicalType"),
                required: flag(p, "required"),
                primary_key: flag(p, "primaryKey"),
                unique: flag(p, "unique"),
                classification: text(p, "classification"),
                description: text(p, "description"),
            });
            collect(p, &pointer, depth + 1, rows);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_s_schema_as_rows_with_their_pointers() {
        let doc = crate::yaml::parse(crate::templates::ORDERS_EXAMPLE.text);
        let root = doc.root.unwrap();
        let t = schema_table(&root);
        assert_eq!(t.objects[0].name, "order_events");
        let first = &t.objects[0].rows[0];
        assert_eq!(first.pointer, "/schema/0/properties/0");
        assert_eq!(
            (first.name.as_str(), first.primary_key, first.required),
            ("event_id", true, true)
        );
        assert!(
            t.logical_types.iter().any(|t| t == "timestamp"),
            "{:?}",
            t.logical_types
        );
        // Every row's pointer leads to that property.
        for o in &t.objects {
            for r in &o.rows {
                let (n, _) = crate::pointer::resolve(&root, &r.pointer).unwrap();
                assert_eq!(text(n, "name"), r.name);
            }
        }
    }

    #[test]
    fn nested_properties_follow_their_parent() {
        let text = "apiVersion: v3.2.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: draft\nschema:\n  - name: t\n    properties:\n      - name: address\n        logicalType: object\n        properties:\n          - name: city\n      - name: tags\n        logicalType: array\n        items:\n          logicalType: object\n          properties:\n            - name: label\n      - name: last\n";
        let root = crate::yaml::parse(text).root.unwrap();
        let rows: Vec<(String, usize, String)> = schema_table(&root).objects[0]
            .rows
            .iter()
            .map(|r| (r.name.clone(), r.depth, r.pointer.clone()))
            .collect();
        assert_eq!(
            rows,
            [
                ("address".into(), 0, "/schema/0/properties/0".into()),
                (
                    "city".into(),
                    1,
                    "/schema/0/properties/0/properties/0".into()
                ),
                ("tags".into(), 0, "/schema/0/properties/1".into()),
                (
                    "label".into(),
                    1,
                    "/schema/0/properties/1/items/properties/0".into()
                ),
                ("last".into(), 0, "/schema/0/properties/2".into()),
            ]
        );
    }
}

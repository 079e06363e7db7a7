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

impl SchemaTable {
    /// The row a value at `path` belongs to: the row of the longest pointer that starts
    /// it (`/schema/0/properties/2/required` → the row `/schema/0/properties/2`).
    pub fn row_for(&self, path: &str) -> Option<&TableRow> {
        let object = self.objects.iter().find(|o| within(path, &o.pointer))?;
        object
            .rows
            .iter()
            .filter(|r| within(path, &r.pointer))
            .max_by_key(|r| r.pointer.len())
    }
}

impl TableRow {
    /// Where a nested property of this row goes: under `properties` of an object, under
    /// its items' `properties` of an array; `None` for a scalar.
    pub fn children_at(&self) -> Option<String> {
        match self.logical_type.as_str() {
            "object" => Some(format!("{}/properties", self.pointer)),
            "array" => Some(format!("{}/items/properties", self.pointer)),
            _ => None,
        }
    }
}

/// `path` is `pointer` or a pointer under it.
fn within(path: &str, pointer: &str) -> bool {
    path.strip_prefix(pointer)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
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

/// The keys of the table's columns, in their order (a pasted row fills them so).
pub const COLUMN_KEYS: [&str; 8] = [
    "name",
    "logicalType",
    "physicalType",
    "required",
    "primaryKey",
    "unique",
    "classification",
    "description",
];

/// Rows copied from a spreadsheet (tab-separated, one per line) as new properties: cells in
/// the table's column order (name, logical type, physical type, required, key, unique,
/// classification, description), or in the order of a first row of headers naming them
/// ("Column", "Logical type", "physicalType", "PK"...). Yes/no cells (`yes`, `x`, `true`,
/// `1`) become booleans; empty cells and rows without a name are left out. At most
/// `limit` rows.
pub fn rows_from_tsv(text: &str, limit: usize) -> Vec<serde_json::Value> {
    let mut lines = text
        .lines()
        .map(|l| l.trim_end_matches('\r'))
        .filter(|l| !l.trim().is_empty())
        .peekable();
    let header = |cell: &str| -> Option<&'static str> {
        let c: String = cell
            .chars()
            .filter(|c| c.is_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        Some(match c.as_str() {
            "name" | "column" | "columnname" | "field" | "property" => "name",
            "logicaltype" | "type" => "logicalType",
            "physicaltype" | "datatype" | "sqltype" => "physicalType",
            "required" | "req" | "notnull" => "required",
            "primarykey" | "key" | "pk" => "primaryKey",
            "unique" | "uniq" => "unique",
            "classification" | "class" => "classification",
            "description" | "desc" | "comment" => "description",
            _ => return None,
        })
    };
    let mut keys: Vec<Option<&'static str>> = COLUMN_KEYS.iter().map(|k| Some(*k)).collect();
    if let Some(first) = lines.peek() {
        let named: Vec<Option<&'static str>> = first.split('\t').map(header).collect();
        if named.iter().filter(|k| k.is_some()).count() >= 2 {
            keys = named;
            lines.next();
        }
    }
    let flag = |c: &str| {
        matches!(
            c.trim().to_ascii_lowercase().as_str(),
            "yes" | "y" | "x" | "true" | "1" | "✓" | "✔"
        )
    };
    lines
        .filter_map(|line| {
            let mut row = serde_json::Map::new();
            for (cell, key) in line.split('\t').zip(&keys) {
                let (Some(key), cell) = (key, cell.trim()) else {
                    continue;
                };
                if cell.is_empty() {
                    continue;
                }
                let value = match *key {
                    "required" | "primaryKey" | "unique" => {
                        if !flag(cell) {
                            continue;
                        }
                        serde_json::Value::Bool(true)
                    }
                    _ => serde_json::Value::String(cell.to_string()),
                };
                row.insert(key.to_string(), value);
            }
            row.contains_key("name")
                .then_some(serde_json::Value::Object(row))
        })
        .take(limit)
        .collect()
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

    #[test]
    fn pasted_rows_become_properties() {
        use serde_json::json;
        let rows = rows_from_tsv(
            "id\tstring\t\tyes\tx\t\t\tThe id\r\nemail\tstring\tvarchar(80)\tno\n\n\tinteger\n",
            100,
        );
        assert_eq!(
            rows,
            [
                json!({"name": "id", "logicalType": "string", "required": true, "primaryKey": true, "description": "The id"}),
                json!({"name": "email", "logicalType": "string", "physicalType": "varchar(80)"}),
            ]
        );
        // A header row names the columns, in any order.
        let rows = rows_from_tsv("Description\tColumn\tPK\nthe total\ttotal\t\n", 100);
        assert_eq!(rows, [json!({"name": "total", "description": "the total"})]);
        assert_eq!(rows_from_tsv("a\nb\nc", 2).len(), 2);
    }

    #[test]
    fn a_path_finds_its_row_and_a_row_where_its_children_go() {
        let doc = crate::yaml::parse("schema:\n  - name: t\n    properties:\n      - name: a\n        logicalType: object\n        properties:\n          - name: b\n      - name: l\n        logicalType: array\n      - name: a1\n");
        let t = schema_table(doc.root.as_ref().unwrap());
        let row = |p: &str| t.row_for(p).map(|r| r.pointer.as_str());
        assert_eq!(
            row("/schema/0/properties/0/properties/0/name"),
            Some("/schema/0/properties/0/properties/0")
        );
        assert_eq!(
            row("/schema/0/properties/0/logicalType"),
            Some("/schema/0/properties/0")
        );
        // `/properties/1` does not hold `/properties/10`, nor does a table its name.
        assert_eq!(row("/schema/0/properties/10"), None);
        assert_eq!(row("/schema/0/name"), None);
        let at = |i: usize| t.objects[0].rows[i].children_at();
        assert_eq!(at(0).as_deref(), Some("/schema/0/properties/0/properties"));
        assert_eq!(
            at(2).as_deref(),
            Some("/schema/0/properties/1/items/properties")
        );
        assert_eq!(at(1), None);
    }
}

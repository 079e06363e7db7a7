//! The document as a form: for an object of the document (the root, a server, a schema
//! property...), the fields Charter's model gives it in the declared version, each with
//! the JSON pointer of its value, its kind of input (text, number, switch, select...),
//! whether it is required, the standard's one-line help, and the value written now.
//!
//! A form view asks for the objects it shows (the root, and each object the user opened)
//! and edits a field through [`crate::edit::set_value`] / [`crate::edit::add_value`] at the
//! field's pointer: the text stays the source of truth and each edit is the smallest text
//! change. Objects that aren't written yet (a contract without `description`) have a form
//! too: a value typed into one of its fields creates the mappings that hold it.

use crate::assist;
use crate::model::{Field, Fmt, Model, ObjSpec, Ty};
use crate::pointer;
use crate::validate::push_pointer_token;
use crate::yaml::{Node, NESTING_LIMIT};
use serde::{Deserialize, Serialize};

/// The input a field gets.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Kind {
    #[default]
    Text,
    /// Prose (a description, a purpose): a text area.
    LongText,
    Number,
    Integer,
    /// A switch.
    Bool,
    /// One of `options`.
    Select,
    /// `2024-01-31`.
    Date,
    /// A link.
    Uri,
    /// A string, number or boolean, typed as written (`5` a number, `5 min` a string).
    Scalar,
    /// A mapping with fields of its own ([`FormObject`] at the field's pointer).
    Object,
    /// A list of single values (tags).
    Values,
    /// A list of objects (servers, properties...): each item a [`FormObject`].
    Objects,
    /// A value the form doesn't edit (a mapping of any keys, a pair of numbers, a value of
    /// another shape than the model's): shown, edited in the YAML.
    Other,
}

/// One object of the document as a form.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormObject {
    /// `""` for the document itself.
    pub pointer: String,
    /// What the model calls it: "data contract", "server", "schema property"...
    pub name: String,
    /// Whether the object is written in the document (else its fields are all empty, and
    /// the first value typed creates it).
    pub present: bool,
    pub fields: Vec<FormField>,
    /// Keys the object holds that the model doesn't know (edited in the YAML).
    pub unknown: Vec<String>,
}

/// One field of a [`FormObject`].
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormField {
    pub key: String,
    pub pointer: String,
    pub kind: Kind,
    /// The choices of a select; for a text, values to suggest.
    pub options: Vec<String>,
    pub required: bool,
    /// The standard's one-line help.
    pub doc: String,
    /// Advice when the field is deprecated in this version.
    pub deprecated: Option<String>,
    pub present: bool,
    /// A single value as written (a string as it is, a number or boolean written out);
    /// empty when absent, null, a list or a mapping.
    pub value: String,
    /// The items of a list ([`Kind::Values`], [`Kind::Objects`]).
    pub items: Vec<FormItem>,
    /// Where the key is written (a byte offset; the worker sends UTF-16), for "Edit in YAML".
    pub at: Option<u32>,
    /// What "Add" appends to a list of objects: the item's required keys, empty.
    pub new_item: Option<serde_json::Value>,
    /// What the model calls an item of a list of objects ("server").
    pub item_name: String,
}

/// An item of a list, as the form lists it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FormItem {
    pub pointer: String,
    /// A single value, or the name an object goes by (its `name`, `server`, `channel`...).
    pub label: String,
}

/// The value a form field of `kind` holds when `text` is typed into it, as JSON for
/// [`crate::edit::set_value`]: `null` (the key removed) when it is blank, a number for a
/// number field (`None` when the text is not one), for a scalar field what a reader of
/// the YAML would take (`5` a number, `true` a boolean), else the text as a string.
pub fn typed_value(kind: Kind, text: &str) -> Option<serde_json::Value> {
    use serde_json::Value;
    let t = text.trim();
    let number = |t: &str| {
        t.parse::<i64>().ok().map(Value::from).or_else(|| {
            t.parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map(Value::Number)
        })
    };
    if t.is_empty() {
        return Some(Value::Null);
    }
    match kind {
        Kind::Integer => t.parse::<i64>().ok().map(Value::from),
        Kind::Number => number(t),
        Kind::Scalar => Some(match t {
            "true" | "false" => Value::Bool(t == "true"),
            _ => number(t).unwrap_or_else(|| Value::String(text.to_string())),
        }),
        _ => Some(Value::String(text.to_string())),
    }
}

/// The forms of the objects at `pointers` (the document's first), skipping pointers that
/// lead to no object of the model. Empty for a document Charter has no model of.
pub fn forms(root: &Node, pointers: &[String]) -> Vec<FormObject> {
    let Some((model, ver)) = assist::model(Some(root)) else {
        return Vec::new();
    };
    let mut out = vec![object(model.root, Some(root), "", ver)];
    for p in pointers.iter().filter(|p| !p.is_empty()).take(64) {
        match spec_at(root, model, ver, p) {
            // A list item not written (any more): nothing to show.
            Some((_, None))
                if p.rsplit('/')
                    .next()
                    .is_some_and(|s| s.parse::<usize>().is_ok()) => {}
            Some((spec, node)) => out.push(object(spec, node, p, ver)),
            None => {}
        }
    }
    out
}

/// Where a walk along a pointer is: at an object of the model, or at a list of items of
/// a type. The node is the document's, when it is written.
enum At<'d> {
    Object(&'static ObjSpec, Option<&'d Node>),
    List(&'static Ty, Option<&'d Node>),
}

/// The model's object at `pointer`, and the document's node there when it is written.
pub fn spec_at<'d>(
    root: &'d Node,
    model: &'static Model,
    ver: u8,
    pointer: &str,
) -> Option<(&'static ObjSpec, Option<&'d Node>)> {
    let empty = assist::empty_map();
    let mut at = At::Object(model.root, Some(root));
    for (depth, seg) in pointer::segments(pointer).iter().enumerate() {
        if depth > NESTING_LIMIT {
            return None;
        }
        at = match at {
            At::Object(spec, node) => {
                let f = assist::fields_of(spec, node.unwrap_or(&empty), ver)
                    .into_iter()
                    .find(|f| f.key == seg.as_str())?;
                let child = node.and_then(|n| n.get(seg));
                shaped(&f.ty, child)?
            }
            At::List(item, node) => {
                let items = node.and_then(Node::as_seq);
                let child = match items.and_then(|s| pointer::item_index(s, seg)) {
                    Some(i) => items.and_then(|s| s.get(i)),
                    // An item not written yet (at the end of the list).
                    None => {
                        seg.parse::<usize>().ok()?;
                        None
                    }
                };
                shaped(item, child)?
            }
        };
    }
    match at {
        At::Object(spec, node) => Some((spec, node)),
        At::List(..) => None,
    }
}

/// What a value of type `ty` is, given the node written (an `Either` takes the form the
/// node has, or its first).
fn shaped<'d>(ty: &'static Ty, node: Option<&'d Node>) -> Option<At<'d>> {
    match ty {
        Ty::Obj(s) => Some(At::Object(s, node.filter(|n| n.as_map().is_some()))),
        Ty::List(t) | Ty::NonEmptyList(t) => {
            Some(At::List(t, node.filter(|n| n.as_seq().is_some())))
        }
        Ty::Either(alts) => {
            let fits = |t: &Ty| match (t, node) {
                (_, None) => true,
                (Ty::Obj(_), Some(n)) => n.as_map().is_some(),
                (Ty::List(_) | Ty::NonEmptyList(_), Some(n)) => n.as_seq().is_some(),
                _ => false,
            };
            alts.iter()
                .filter(|t| matches!(t, Ty::Obj(_) | Ty::List(_) | Ty::NonEmptyList(_)))
                .find(|t| fits(t))
                .and_then(|t| shaped(t, node))
        }
        _ => None,
    }
}

/// The form of one object.
fn object(spec: &'static ObjSpec, node: Option<&Node>, pointer: &str, ver: u8) -> FormObject {
    let empty = assist::empty_map();
    let n = node.unwrap_or(&empty);
    let fields = assist::fields_of(spec, n, ver);
    let applying: Vec<_> = spec
        .variants
        .iter()
        .filter(|v| v.active(ver) && (v.applies)(n))
        .collect();
    let required = |k: &str| {
        spec.required.contains(&k)
            || spec
                .required_in
                .iter()
                .any(|(r, since, until)| *r == k && *since <= ver && ver < *until)
            || applying.iter().any(|v| v.required.contains(&k))
    };
    // The object's own fields in the model's order, then those of the parts that apply.
    let mut ordered: Vec<&'static Field> = spec
        .fields
        .iter()
        .filter(|f| f.active(ver))
        .filter_map(|f| fields.iter().find(|g| g.key == f.key).copied())
        .collect();
    for f in &fields {
        if !ordered.iter().any(|o| o.key == f.key) {
            ordered.push(f);
        }
    }
    let out_fields = ordered
        .into_iter()
        .filter(|f| f.deprecated.is_none() || n.get(f.key).is_some())
        .map(|f| {
            let entry = n.entry(f.key);
            let mut out = field(
                spec.name,
                f,
                entry.map(|e| &e.value),
                pointer,
                required(f.key),
                ver,
            );
            out.at = entry.map(|e| e.key_span.start.at() as u32);
            out
        })
        .collect();
    let unknown = n
        .as_map()
        .unwrap_or(&[])
        .iter()
        .filter(|e| !fields.iter().any(|f| f.key == e.key.as_str()))
        .map(|e| e.key.to_string())
        .collect();
    FormObject {
        pointer: pointer.to_string(),
        name: spec.name.to_string(),
        present: node.is_some(),
        fields: out_fields,
        unknown,
    }
}

/// Keys whose strings are prose.
const PROSE: &[&str] = &[
    "description",
    "purpose",
    "usage",
    "limitations",
    "query",
    "implementation",
];

/// Values a text field suggests (the standard names them in prose, not as an enum).
fn suggestions(object: &str, key: &str) -> &'static [&'static str] {
    match (object, key) {
        ("SLA property", "property") => &[
            "latency",
            "frequency",
            "availability",
            "retention",
            "generalAvailability",
            "endOfSupport",
            "endOfLife",
            "timeOfAvailability",
            "throughput",
            "errorRate",
        ],
        ("SLA property", "unit") => &["m", "h", "d", "y"],
        ("quality rule", "unit") => &["rows", "percent"],
        (_, key) => suggest(key),
    }
}

fn suggest(key: &str) -> &'static [&'static str] {
    match key {
        "status" => &["proposed", "draft", "active", "deprecated", "retired"],
        "classification" => &["public", "internal", "restricted", "confidential"],
        "tool" => &["email", "slack", "teams", "discord", "ticket", "other"],
        "environment" => &["prod", "preprod", "uat", "dev"],
        _ => &[],
    }
}

fn field(
    object: &str,
    f: &'static Field,
    value: Option<&Node>,
    parent: &str,
    required: bool,
    ver: u8,
) -> FormField {
    let mut pointer = String::from(parent);
    pointer.push('/');
    push_pointer_token(&mut pointer, f.key);
    let mut out = FormField {
        key: f.key.to_string(),
        kind: kind(&f.ty, value, f.key),
        required,
        doc: f.doc.to_string(),
        deprecated: f.deprecated.map(str::to_string),
        present: value.is_some(),
        value: value.and_then(Node::text).unwrap_or_default(),
        ..FormField::default()
    };
    match (&f.ty, out.kind) {
        (Ty::Enum(opts), Kind::Select) => {
            out.options = opts.iter().map(|s| s.to_string()).collect();
        }
        (_, Kind::Text | Kind::Scalar) => {
            out.options = suggestions(object, f.key)
                .iter()
                .map(|s| s.to_string())
                .collect();
        }
        (_, Kind::Values) => {
            out.items = items(value, &pointer, |n| n.text().unwrap_or_default());
        }
        (_, Kind::Objects) => {
            out.items = items(value, &pointer, label);
            if let Some(At::List(item, _)) = shaped(&f.ty, value) {
                if let Some(At::Object(spec, _)) = shaped(item, None) {
                    out.item_name = spec.name.to_string();
                    out.new_item = Some(new_item(spec, ver));
                }
            }
        }
        _ => {}
    }
    // A value of a shape the form can't show as the model's is edited in the YAML.
    if out.kind != Kind::Other && value.is_some_and(|v| !fits(out.kind, v)) {
        out.kind = Kind::Other;
        out.items.clear();
        out.new_item = None;
    }
    out.pointer = pointer;
    out
}

/// The input for a value of type `ty` (an `Either` by the value written).
fn kind(ty: &Ty, value: Option<&Node>, key: &str) -> Kind {
    match ty {
        Ty::Str | Ty::Pattern(_) | Ty::Formatted(Fmt::DateTime) => {
            if PROSE.contains(&key) {
                Kind::LongText
            } else {
                Kind::Text
            }
        }
        Ty::Formatted(Fmt::Date) => Kind::Date,
        Ty::Formatted(Fmt::Uri) => Kind::Uri,
        Ty::Int | Ty::Count | Ty::PosInt => Kind::Integer,
        Ty::Num | Ty::Positive => Kind::Number,
        Ty::Bool => Kind::Bool,
        Ty::Enum(_) => Kind::Select,
        Ty::Scalar | Ty::Any => {
            if value.is_none_or(|v| v.as_map().is_none() && v.as_seq().is_none()) {
                Kind::Scalar
            } else {
                Kind::Other
            }
        }
        Ty::List(t) | Ty::NonEmptyList(t) => match t {
            Ty::Obj(_) => Kind::Objects,
            Ty::Str | Ty::Pattern(_) | Ty::Enum(_) | Ty::Scalar => Kind::Values,
            _ => Kind::Other,
        },
        Ty::StrSet => Kind::Values,
        Ty::Obj(_) => Kind::Object,
        Ty::NumPair | Ty::AnyObj => Kind::Other,
        Ty::Either(alts) => {
            let fit = |t: &&Ty| match value {
                None => true,
                Some(v) => fits(kind(t, None, key), v),
            };
            alts.iter()
                .find(fit)
                .map_or(Kind::Other, |t| kind(t, value, key))
        }
    }
}

/// Whether the value written has the shape the input edits.
fn fits(kind: Kind, v: &Node) -> bool {
    match kind {
        Kind::Object => v.as_map().is_some(),
        Kind::Values | Kind::Objects => v.as_seq().is_some(),
        Kind::Other => true,
        _ => v.as_map().is_none() && v.as_seq().is_none(),
    }
}

fn items(value: Option<&Node>, pointer: &str, label: impl Fn(&Node) -> String) -> Vec<FormItem> {
    value
        .and_then(Node::as_seq)
        .unwrap_or(&[])
        .iter()
        .enumerate()
        .map(|(i, n)| FormItem {
            pointer: format!("{pointer}/{i}"),
            label: label(n),
        })
        .collect()
}

/// The name an object goes by, for a list of them.
fn label(n: &Node) -> String {
    const NAMES: &[&str] = &[
        "name", "server", "channel", "property", "username", "role", "metric", "rule", "value",
        "url", "type", "id",
    ];
    NAMES
        .iter()
        .find_map(|k| n.get(k).and_then(Node::text).filter(|t| !t.is_empty()))
        .unwrap_or_default()
}

/// A new item of a list of `spec` objects: its required keys, empty (so the form shows
/// them as still to fill); a spec with none gets its first field that isn't an `id`.
fn new_item(spec: &'static ObjSpec, ver: u8) -> serde_json::Value {
    let mut keys: Vec<&str> = spec
        .required
        .iter()
        .copied()
        .chain(
            spec.required_in
                .iter()
                .filter(|(_, since, until)| *since <= ver && ver < *until)
                .map(|(k, _, _)| *k),
        )
        .collect();
    if keys.is_empty() {
        keys.extend(
            spec.fields
                .iter()
                .find(|f| f.active(ver) && f.key != "id" && f.deprecated.is_none())
                .map(|f| f.key),
        );
    }
    serde_json::Value::Object(
        keys.into_iter()
            .map(|k| (k.to_string(), serde_json::Value::Null))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root_of(text: &str) -> Node {
        crate::yaml::parse(text).root.unwrap()
    }

    fn get<'a>(o: &'a FormObject, key: &str) -> &'a FormField {
        o.fields.iter().find(|f| f.key == key).unwrap()
    }

    #[test]
    fn the_example_s_root_as_a_form() {
        let root = root_of(crate::templates::ORDERS_EXAMPLE.text);
        let forms = forms(&root, &[]);
        let doc = &forms[0];
        assert_eq!(doc.name, "data contract");
        let api = get(doc, "apiVersion");
        assert_eq!((api.kind, api.required), (Kind::Select, true));
        assert!(api.options.contains(&"v3.2.0".to_string()));
        let status = get(doc, "status");
        assert_eq!(status.kind, Kind::Text);
        assert!(status.options.contains(&"active".to_string()));
        let schema = get(doc, "schema");
        assert_eq!(schema.kind, Kind::Objects);
        assert_eq!(schema.items[0].label, "order_events");
        assert_eq!(schema.items[0].pointer, "/schema/0");
        assert_eq!(schema.item_name, "schema object");
        assert_eq!(get(doc, "description").kind, Kind::Object);
        assert_eq!(get(doc, "tags").kind, Kind::Values);
        // Every field's pointer is its key under the object's.
        for f in &doc.fields {
            assert_eq!(f.pointer, format!("/{}", f.key));
        }
    }

    #[test]
    fn opened_objects_and_parts_by_type() {
        let text = "apiVersion: v3.2.0\nkind: DataContract\nid: x\nversion: 1.0.0\nservers:\n  - server: db\n    type: postgres\nschema:\n  - name: orders\n    properties:\n      - name: id\n        logicalType: string\n        required: true\n";
        let root = root_of(text);
        let forms = forms(
            &root,
            &[
                "/servers/0".into(),
                "/schema/0/properties/0".into(),
                "/description".into(),
                "/schema/0/properties/0/logicalTypeOptions".into(),
                "/nowhere".into(),
                "/servers/7".into(),
            ],
        );
        let names: Vec<&str> = forms.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "data contract",
                "server",
                "schema property",
                "description",
                "logicalTypeOptions of a string"
            ]
        );
        // A postgres server: host, port, database and schema are required.
        let server = &forms[1];
        assert!(get(server, "host").required);
        assert_eq!(get(server, "type").value, "postgres");
        let prop = &forms[2];
        let req = get(prop, "required");
        assert_eq!((req.kind, req.value.as_str()), (Kind::Bool, "true"));
        assert_eq!(get(prop, "logicalType").kind, Kind::Select);
        // Not written yet: a form all the same.
        assert!(!forms[3].present);
        assert_eq!(get(&forms[3], "purpose").kind, Kind::LongText);
        // A string's options: maxLength and its kin.
        assert!(forms[4].fields.iter().any(|f| f.key == "maxLength"));
    }

    #[test]
    fn new_items_carry_their_required_keys() {
        let root = root_of("apiVersion: v3.2.0\nkind: DataContract\nid: x\nversion: 1.0.0\n");
        let doc = &forms(&root, &[])[0];
        let servers = get(doc, "servers");
        assert_eq!(
            servers.new_item,
            Some(serde_json::json!({"server": null, "type": null}))
        );
        assert!(!servers.present && servers.items.is_empty());
    }

    #[test]
    fn values_of_another_shape_are_left_to_the_yaml() {
        let root = root_of(
            "apiVersion: v3.2.0\nkind: DataContract\nid: x\nversion: 1.0.0\ntags: oops\ndescription: [a]\n",
        );
        let doc = &forms(&root, &["/description".into()])[0];
        assert_eq!(get(doc, "tags").kind, Kind::Other);
        assert_eq!(get(doc, "description").kind, Kind::Other);
    }

    #[test]
    fn a_data_product_has_its_own_form() {
        let text = "apiVersion: v1.0.0\nkind: DataProduct\nid: p\nstatus: active\noutputPorts:\n  - name: out\n    version: 1.0.0\n    contractId: c\n";
        let root = root_of(text);
        let forms = forms(&root, &["/outputPorts/0".into()]);
        assert_eq!(forms[0].name, "data product");
        assert_eq!(
            forms[1]
                .fields
                .iter()
                .find(|f| f.key == "contractId")
                .unwrap()
                .value,
            "c"
        );
    }

    #[test]
    fn typed_text_becomes_the_value_a_field_means() {
        use serde_json::json;
        assert_eq!(typed_value(Kind::Text, "  "), Some(json!(null)));
        assert_eq!(typed_value(Kind::Text, "5"), Some(json!("5")));
        assert_eq!(typed_value(Kind::Scalar, "5"), Some(json!(5)));
        assert_eq!(typed_value(Kind::Scalar, "99.5"), Some(json!(99.5)));
        assert_eq!(typed_value(Kind::Scalar, "true"), Some(json!(true)));
        assert_eq!(typed_value(Kind::Scalar, "5 min"), Some(json!("5 min")));
        assert_eq!(typed_value(Kind::Integer, "3"), Some(json!(3)));
        assert_eq!(typed_value(Kind::Integer, "3.5"), None);
        assert_eq!(typed_value(Kind::Number, "x"), None);
    }
}

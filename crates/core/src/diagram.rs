//! The schema as an entity-relationship diagram: each schema object a box listing its
//! properties, each relationship a line from the property it starts at to the one it
//! refers to. Every reference form ODCS has is drawn: the `table.column` shorthand (and
//! v3.2's dotted `schema.table.column`), ids in place of names, and fully qualified
//! references (`schema/orders/properties/id`).
//!
//! The layout is ours and linear-ish in the schema's size: objects joined by
//! relationships go in columns by their longest chain of references (referring objects
//! left of the ones they refer to), ordered within a column by where their neighbours
//! sit; objects with no relationship fill a grid beside them. [`svg`] draws it as SVG
//! whose elements carry the JSON pointers of what they show (the app opens them, and
//! links two properties by adding a relationship there); [`standalone`] makes that an
//! SVG file of its own, with its styles, for export.

use crate::lint::{references, split_reference};
use crate::preview::esc;
use crate::yaml::Node;

const WIDTH: f64 = 250.0;
const HEAD: f64 = 32.0;
const ROW: f64 = 22.0;
const GAP_X: f64 = 110.0;
const GAP_Y: f64 = 36.0;
/// Properties drawn per object (with nested ones); the rest are counted on a last row,
/// except keys and those a relationship starts or ends at, which are always drawn.
const ROWS_SHOWN: usize = 40;
/// How deep nested properties are drawn.
const DEPTH_SHOWN: usize = 6;

/// The laid out diagram.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diagram {
    pub tables: Vec<Table>,
    pub links: Vec<Link>,
    pub width: f64,
    pub height: f64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub pointer: String,
    pub name: String,
    pub x: f64,
    pub y: f64,
    pub rows: Vec<Row>,
    /// Properties not drawn.
    pub more: usize,
}

impl Table {
    fn height(&self) -> f64 {
        HEAD + ROW * (self.rows.len() + usize::from(self.more > 0)) as f64 + 6.0
    }
    /// Where a line meets the table: at a drawn row's middle, else at the header.
    fn anchor_y(&self, row: Option<usize>) -> f64 {
        match row.filter(|r| *r < self.rows.len()) {
            Some(r) => self.y + HEAD + ROW * r as f64 + ROW / 2.0,
            None => self.y + HEAD / 2.0,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Row {
    pub pointer: String,
    pub name: String,
    /// The dotted path from the table (`address.city` for a nested property).
    pub path: String,
    /// 0 for a column of the table, 1 for one nested in it...
    pub depth: usize,
    pub logical_type: String,
    pub key: bool,
    pub required: bool,
}

/// A relationship: from (table, row) to (table, row); a row of `None` is the table.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// The relationship's pointer.
    pub pointer: String,
    pub from: (usize, Option<usize>),
    pub to: (usize, Option<usize>),
}

/// A property of an object, nested ones after their parent (depth first).
struct Prop<'a> {
    node: &'a Node,
    row: Row,
}

/// The properties of `n` (and of its array `items`) under `pointer`, depth first.
fn props<'a>(n: &'a Node, pointer: &str, prefix: &str, depth: usize, out: &mut Vec<Prop<'a>>) {
    if depth > DEPTH_SHOWN {
        return;
    }
    if let Some(items) = n.get("items") {
        props(items, &format!("{pointer}/items"), prefix, depth, out);
    }
    for (j, p) in n
        .get("properties")
        .and_then(Node::as_seq)
        .unwrap_or(&[])
        .iter()
        .enumerate()
    {
        let pointer = format!("{pointer}/properties/{j}");
        let name = text(p, "name");
        let path = format!("{prefix}{name}");
        out.push(Prop {
            node: p,
            row: Row {
                pointer: pointer.clone(),
                name: name.clone(),
                path: path.clone(),
                depth,
                logical_type: text(p, "logicalType"),
                key: p.get("primaryKey").is_some_and(Node::is_true),
                required: p.get("required").is_some_and(Node::is_true),
            },
        });
        props(p, &pointer, &format!("{path}."), depth + 1, out);
    }
}

/// The diagram of a contract's schema (empty for anything else).
pub fn layout(root: &Node) -> Diagram {
    let objects = root.get("schema").and_then(Node::as_seq).unwrap_or(&[]);
    let all: Vec<Vec<Prop>> = objects
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let mut out = Vec::new();
            props(o, &format!("/schema/{i}"), "", 0, &mut out);
            out
        })
        .collect();
    let links = links(objects, &all);
    // Drawn: the first rows, keys, and every row a line starts or ends at.
    let mut wanted: Vec<Vec<bool>> = all
        .iter()
        .map(|ps| {
            ps.iter()
                .enumerate()
                .map(|(k, p)| k < ROWS_SHOWN || p.row.key)
                .collect()
        })
        .collect();
    for l in &links {
        for (t, r) in [l.from, l.to] {
            if let Some(r) = r {
                wanted[t][r] = true;
            }
        }
    }
    // A row's place among the drawn ones.
    let places: Vec<Vec<Option<usize>>> = wanted
        .iter()
        .map(|w| {
            let mut n = 0;
            w.iter().map(|&on| on.then(|| (n, n += 1).0)).collect()
        })
        .collect();
    let links = links
        .into_iter()
        .map(|l| Link {
            from: (l.from.0, l.from.1.and_then(|r| places[l.from.0][r])),
            to: (l.to.0, l.to.1.and_then(|r| places[l.to.0][r])),
            ..l
        })
        .collect::<Vec<_>>();
    let mut tables: Vec<Table> = objects
        .iter()
        .zip(all)
        .zip(&wanted)
        .enumerate()
        .map(|(i, ((o, ps), w))| {
            let total = ps.len();
            let rows: Vec<Row> = ps
                .into_iter()
                .zip(w)
                .filter(|(_, on)| **on)
                .map(|(p, _)| p.row)
                .collect();
            Table {
                pointer: format!("/schema/{i}"),
                name: text(o, "name"),
                more: total - rows.len(),
                rows,
                ..Table::default()
            }
        })
        .collect();
    place(&mut tables, &links);
    let width = tables.iter().map(|t| t.x + WIDTH).fold(0.0, f64::max);
    let height = tables.iter().map(|t| t.y + t.height()).fold(0.0, f64::max);
    Diagram {
        tables,
        links,
        width,
        height,
    }
}

fn text(n: &Node, key: &str) -> String {
    n.get(key).and_then(Node::text).unwrap_or_default()
}

/// Which object (and property) a reference names: by name or id, trying each way a
/// dotted reference can split (`table.column`, `table.column.nested`,
/// `schema.table.column`). The property is its index among the object's `props`.
fn resolve(objects: &[Node], all: &[Vec<Prop>], reference: &str) -> Option<(usize, Option<usize>)> {
    let is = |n: &Node, key: &str| {
        n.get("name").and_then(Node::as_str) == Some(key)
            || n.get("id").and_then(Node::as_str) == Some(key)
    };
    let find = |obj: &str, prop: Option<&str>| {
        let i = objects.iter().position(|o| is(o, obj))?;
        let Some(prop) = prop else {
            return Some((i, None));
        };
        // A top-level property by name or id, else a nested one by its dotted path.
        all[i]
            .iter()
            .position(|p| p.row.depth == 0 && is(p.node, prop))
            .or_else(|| all[i].iter().position(|p| p.row.path == prop))
            .map(|j| (i, Some(j)))
    };
    let (obj, prop) = split_reference(reference)?;
    if let Some(found) = find(obj, prop) {
        return Some(found);
    }
    // `schema.table.column`: the object is the second part.
    let (obj, prop) = prop?.split_once('.')?;
    find(obj, Some(prop))
}

fn refs<'a>(rel: &'a Node, key: &str) -> Vec<&'a str> {
    rel.get(key)
        .map(|v| references(v).into_iter().map(|(s, _)| s).collect())
        .unwrap_or_default()
}

/// Every relationship of the schema whose ends are found, paired one to one (composite
/// keys give one line per column pair); rows are indices into `all`.
fn links(objects: &[Node], all: &[Vec<Prop>]) -> Vec<Link> {
    let mut out = Vec::new();
    let mut add = |pointer: String, from: Vec<&str>, to: Vec<&str>, own: Option<(usize, usize)>| {
        for (k, t) in to.iter().enumerate() {
            let start = match own {
                Some((i, j)) => Some((i, Some(j))),
                None => from.get(k).and_then(|f| resolve(objects, all, f)),
            };
            if let (Some(from), Some(to)) = (start, resolve(objects, all, t)) {
                out.push(Link {
                    pointer: pointer.clone(),
                    from,
                    to,
                });
            }
        }
    };
    for (i, o) in objects.iter().enumerate() {
        let rels = o.get("relationships").and_then(Node::as_seq).unwrap_or(&[]);
        for (k, rel) in rels.iter().enumerate() {
            add(
                format!("/schema/{i}/relationships/{k}"),
                refs(rel, "from"),
                refs(rel, "to"),
                None,
            );
        }
        for (j, p) in all[i].iter().enumerate() {
            let rels = p
                .node
                .get("relationships")
                .and_then(Node::as_seq)
                .unwrap_or(&[]);
            for (k, rel) in rels.iter().enumerate() {
                add(
                    format!("{}/relationships/{k}", p.row.pointer),
                    Vec::new(),
                    refs(rel, "to"),
                    Some((i, j)),
                );
            }
        }
    }
    out
}

/// Positions: related objects in columns by their longest chain of references, the
/// others in a grid to their right.
fn place(tables: &mut [Table], links: &[Link]) {
    let n = tables.len();
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut linked = vec![false; n];
    for l in links.iter().filter(|l| l.from.0 != l.to.0) {
        next[l.from.0].push(l.to.0);
        linked[l.from.0] = true;
        linked[l.to.0] = true;
    }
    for n in &mut next {
        n.sort_unstable();
        n.dedup();
    }
    // Longest path layering over a topological order (Kahn); objects left in cycles
    // keep the layer they reached.
    let mut incoming = vec![0usize; n];
    for to in next.iter().flatten() {
        incoming[*to] += 1;
    }
    let mut layer = vec![0usize; n];
    let mut ready: Vec<usize> = (0..n).filter(|i| incoming[*i] == 0).collect();
    while let Some(i) = ready.pop() {
        for &to in &next[i] {
            layer[to] = layer[to].max(layer[i] + 1);
            incoming[to] -= 1;
            if incoming[to] == 0 {
                ready.push(to);
            }
        }
    }
    let columns = (0..n)
        .filter(|i| linked[*i])
        .map(|i| layer[i] + 1)
        .max()
        .unwrap_or(0);
    let mut by_column: Vec<Vec<usize>> = vec![Vec::new(); columns];
    for i in (0..n).filter(|i| linked[*i]) {
        by_column[layer[i]].push(i);
    }
    // Within a column, by the mean position of the objects they refer from or to.
    let mut rank = vec![0.0f64; n];
    for (c, column) in by_column.iter_mut().enumerate() {
        if c > 0 {
            let mut sum = vec![(0.0f64, 0usize); n];
            for l in links {
                let (a, b) = (l.from.0, l.to.0);
                if linked[a] && linked[b] && layer[b] == c && layer[a] < c {
                    sum[b].0 += rank[a];
                    sum[b].1 += 1;
                }
            }
            column.sort_by(|x, y| {
                let key = |i: &usize| {
                    let (s, k) = sum[*i];
                    if k == 0 {
                        f64::MAX
                    } else {
                        s / k as f64
                    }
                };
                key(x).total_cmp(&key(y)).then(x.cmp(y))
            });
        }
        let mut y = 0.0;
        for (pos, &i) in column.iter().enumerate() {
            rank[i] = pos as f64;
            tables[i].x = c as f64 * (WIDTH + GAP_X);
            tables[i].y = y;
            y += tables[i].height() + GAP_Y;
        }
    }
    // The others: a grid of about as many columns as rows.
    let alone: Vec<usize> = (0..n).filter(|i| !linked[*i]).collect();
    if alone.is_empty() {
        return;
    }
    let per_row = (alone.len() as f64).sqrt().ceil().max(1.0) as usize;
    let x0 = columns as f64 * (WIDTH + GAP_X);
    let mut y = 0.0;
    for row in alone.chunks(per_row) {
        let mut tallest: f64 = 0.0;
        for (k, &i) in row.iter().enumerate() {
            tables[i].x = x0 + k as f64 * (WIDTH + GAP_X / 2.0);
            tables[i].y = y;
            tallest = tallest.max(tables[i].height());
        }
        y += tallest + GAP_Y;
    }
}

/// The diagram as SVG, styled by the classes `er-*` (the app's stylesheet, or the
/// styles [`standalone`] adds); empty without tables. Every text from the contract is
/// escaped.
pub fn svg(d: &Diagram) -> String {
    if d.tables.is_empty() {
        return String::new();
    }
    let pad = 20.0;
    let (w, h) = (d.width + 2.0 * pad, d.height + 2.0 * pad);
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"er\" viewBox=\"{x} {x} {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"Entity-relationship diagram of the schema\">",
        x = -pad
    );
    out.push_str("<g class=\"er-links\">");
    for l in &d.links {
        let (a, b) = (&d.tables[l.from.0], &d.tables[l.to.0]);
        let (y1, y2) = (a.anchor_y(l.from.1), b.anchor_y(l.to.1));
        // Leave from the side facing the target.
        let (x1, x2, bend) = if b.x > a.x + 1.0 {
            (a.x + WIDTH, b.x, 1.0)
        } else if b.x + 1.0 < a.x {
            (a.x, b.x + WIDTH, -1.0)
        } else {
            (a.x + WIDTH, b.x + WIDTH, 0.0)
        };
        let c = if bend == 0.0 { 60.0 } else { 50.0 * bend };
        let c2 = if bend == 0.0 { 60.0 } else { -50.0 * bend };
        let name = |t: &Table, r: Option<usize>| match r.and_then(|r| t.rows.get(r)) {
            Some(row) => format!("{}.{}", t.name, row.path),
            None => t.name.clone(),
        };
        out.push_str(&format!(
            "<path class=\"er-link\" data-pointer=\"{}\" d=\"M{x1:.1} {y1:.1} C{:.1} {y1:.1}, {:.1} {y2:.1}, {x2:.1} {y2:.1}\"><title>{} → {}</title></path>",
            esc(&l.pointer),
            x1 + c,
            x2 + c2,
            esc(&name(a, l.from.1)),
            esc(&name(b, l.to.1)),
        ));
    }
    out.push_str("</g>");
    for t in &d.tables {
        let th = t.height();
        out.push_str(&format!(
            "<g class=\"er-table\" data-pointer=\"{}\" transform=\"translate({:.1} {:.1})\"><rect class=\"er-box\" width=\"{WIDTH}\" height=\"{th:.1}\" rx=\"8\"/><path class=\"er-head\" d=\"M0 8a8 8 0 0 1 8-8h{:.1}a8 8 0 0 1 8 8v{:.1}h-{WIDTH}z\"/><text class=\"er-title\" x=\"12\" y=\"21\">{}</text>",
            esc(&t.pointer),
            t.x,
            t.y,
            WIDTH - 16.0,
            HEAD - 8.0,
            esc(if t.name.is_empty() { "(no name)" } else { &t.name }),
        ));
        for (r, row) in t.rows.iter().enumerate() {
            let y = HEAD + ROW * r as f64;
            let reference = format!("{}.{}", t.name, row.path);
            let indent = 12.0 + 14.0 * row.depth as f64;
            out.push_str(&format!(
                "<g class=\"er-row{}\" data-pointer=\"{}\" data-ref=\"{}\" transform=\"translate(0 {y:.1})\"><rect class=\"er-row-bg\" width=\"{WIDTH}\" height=\"{ROW}\"/><text class=\"er-name\" x=\"{indent:.1}\" y=\"15\">{}{}{}{}</text><text class=\"er-type\" x=\"{:.1}\" y=\"15\" text-anchor=\"end\">{}</text><circle class=\"er-port\" cx=\"{WIDTH}\" cy=\"{:.1}\" r=\"4.5\"><title>Drag to another column to add a relationship</title></circle></g>",
                if row.key { " er-key" } else { "" },
                esc(&row.pointer),
                esc(&reference),
                if row.depth > 0 { "<tspan class=\"er-nest\">↳ </tspan>" } else { "" },
                if row.key { "<tspan class=\"er-pk\">PK </tspan>" } else { "" },
                esc(&row.name),
                if row.required { "<tspan class=\"er-req\"> *</tspan>" } else { "" },
                WIDTH - 14.0,
                esc(&row.logical_type),
                ROW / 2.0,
            ));
        }
        if t.more > 0 {
            out.push_str(&format!(
                "<text class=\"er-more\" x=\"12\" y=\"{:.1}\">… {} more</text>",
                HEAD + ROW * t.rows.len() as f64 + 15.0,
                t.more
            ));
        }
        out.push_str("</g>");
    }
    out.push_str("</svg>");
    out
}

/// Styles of a diagram on its own (the app styles it with its theme instead).
const STYLE: &str = "<style>.er{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;font-size:12.5px;background:#fff}.er-box{fill:#fff;stroke:#d0d5dd}.er-head{fill:#eef0ff}.er-title{font-weight:650;fill:#1f2430}.er-name{fill:#1f2430}.er-type{fill:#5b6474;font-family:ui-monospace,monospace;font-size:11.5px}.er-row-bg{fill:transparent}.er-key .er-name{font-weight:600}.er-port{fill:none}.er-pk{fill:#4f46e5;font-weight:700;font-size:10px}.er-req{fill:#d92d20}.er-more{fill:#5b6474}.er-nest{fill:#98a2b3}.er-link{fill:none;stroke:#6366f1;stroke-width:1.6}</style>";

/// The diagram's SVG as a file of its own: its styles inside.
pub fn standalone(svg: &str) -> String {
    let open = svg.find('>').map_or(0, |i| i + 1);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}{STYLE}{}",
        &svg[..open],
        &svg[open..]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "apiVersion: v3.2.0\nkind: DataContract\nid: x\nversion: 1.0.0\nschema:\n  - name: orders\n    id: o1\n    properties:\n      - name: id\n        primaryKey: true\n      - name: customer_id\n        relationships:\n          - to: customers.id\n  - name: customers\n    properties:\n      - name: id\n        id: cid\n  - name: lines\n    relationships:\n      - from: lines.order_id\n        to: schema/o1/properties/id\n      - from: [lines.a, lines.b]\n        to: [x.y, orders.id]\n    properties:\n      - name: order_id\n      - name: a\n      - name: b\n  - name: alone\n    properties:\n      - name: x\n";

    #[test]
    fn every_reference_form_is_drawn_and_related_objects_go_left_to_right() {
        let root = crate::yaml::parse(TEXT).root.unwrap();
        let d = layout(&root);
        let ends: Vec<_> = d.links.iter().map(|l| (l.from, l.to)).collect();
        assert_eq!(
            ends,
            [
                ((0, Some(1)), (1, Some(0))),
                ((2, Some(0)), (0, Some(0))),
                ((2, Some(2)), (0, Some(0))),
            ]
        );
        // lines → orders → customers, left to right; the unrelated one beside them.
        assert!(d.tables[2].x < d.tables[0].x && d.tables[0].x < d.tables[1].x);
        assert!(d.tables[3].x > d.tables[1].x);
        let svg = svg(&d);
        assert!(svg.contains("data-pointer=\"/schema/0/properties/1/relationships/0\""));
        assert!(svg.contains("data-ref=\"orders.customer_id\""));
        assert_eq!(svg.matches("class=\"er-link\"").count(), 3);
        assert!(standalone(&svg).contains("<style>"));
    }

    #[test]
    fn contract_text_is_escaped_and_big_tables_are_cut() {
        let mut text = String::from("apiVersion: v3.2.0\nkind: DataContract\nid: x\nversion: 1.0.0\nschema:\n  - name: \"<script>alert(1)</script>\"\n    properties:\n");
        for i in 0..100 {
            text.push_str(&format!("      - name: c{i}\n"));
        }
        let d = layout(&crate::yaml::parse(&text).root.unwrap());
        assert_eq!((d.tables[0].rows.len(), d.tables[0].more), (ROWS_SHOWN, 60));
        let svg = svg(&d);
        assert!(!svg.contains("<script>") && svg.contains("&lt;script&gt;"));
        assert!(svg.contains("… 60 more"));
    }

    #[test]
    fn cycles_and_self_references_lay_out() {
        let text = "apiVersion: v3.2.0\nkind: DataContract\nid: x\nversion: 1.0.0\nschema:\n  - name: a\n    properties:\n      - name: id\n        relationships:\n          - to: b.id\n          - to: a.id\n  - name: b\n    properties:\n      - name: id\n        relationships:\n          - to: a.id\n";
        let d = layout(&crate::yaml::parse(text).root.unwrap());
        assert_eq!(d.links.len(), 3);
        assert!(d.width > 0.0 && d.height > 0.0);
    }

    #[test]
    fn nested_properties_and_related_rows_past_the_cut_are_drawn() {
        let mut text = String::from("apiVersion: v3.2.0\nkind: DataContract\nid: x\nversion: 1.0.0\nschema:\n  - name: orders\n    properties:\n      - name: address\n        logicalType: object\n        properties:\n          - name: city\n            relationships:\n              - to: cities.name\n      - name: lines\n        logicalType: array\n        items:\n          logicalType: object\n          properties:\n            - name: sku\n");
        for i in 0..60 {
            text.push_str(&format!("      - name: c{i}\n"));
        }
        text.push_str("      - name: last\n        relationships:\n          - to: cities.name\n  - name: cities\n    relationships:\n      - from: cities.name\n        to: orders.address.city\n    properties:\n      - name: name\n");
        let d = layout(&crate::yaml::parse(&text).root.unwrap());
        let t = &d.tables[0];
        let names: Vec<(&str, usize)> = t
            .rows
            .iter()
            .take(4)
            .map(|r| (r.path.as_str(), r.depth))
            .collect();
        assert_eq!(
            names,
            [
                ("address", 0),
                ("address.city", 1),
                ("lines", 0),
                ("lines.sku", 1)
            ]
        );
        assert_eq!(
            t.rows[3].pointer,
            "/schema/0/properties/1/items/properties/0"
        );
        // 65 rows: the first 40 and `last`, which a line starts at, are drawn.
        assert_eq!((t.rows.len(), t.more), (41, 24));
        assert_eq!(t.rows[40].name, "last");
        let ends: Vec<_> = d.links.iter().map(|l| (l.from, l.to)).collect();
        assert_eq!(
            ends,
            [
                ((0, Some(1)), (1, Some(0))),
                ((0, Some(40)), (1, Some(0))),
                ((1, Some(0)), (0, Some(1)))
            ]
        );
        let svg = svg(&d);
        assert!(svg.contains("data-ref=\"orders.address.city\"") && svg.contains("er-nest"));
    }
}

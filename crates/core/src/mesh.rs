//! The mesh: the data products of a workspace, the contracts of their ports and who
//! consumes what. Built from parsed documents, it answers two questions: which products
//! a breaking change of a contract hits (its consumers, then theirs, downstream), and
//! where the mesh has gaps (contracts nobody reads, ports whose contract is missing,
//! products owned by one person, without a support channel or a freshness promise).
//!
//! Every walk is a breadth-first search over indexes with a visited set: linear in the
//! number of ports, with no recursion.

use crate::yaml::{Node, NodeKind, Scalar};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, VecDeque};

/// A port of a data product.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Port {
    pub name: String,
    pub version: Option<String>,
    /// The `contractId` it reads or serves.
    pub contract: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Product {
    pub id: String,
    pub name: String,
    /// The file or tab it comes from.
    pub file: String,
    /// The owning team's name, or its only member.
    pub team: Option<String>,
    /// How many people the team lists.
    pub members: usize,
    /// The first support channel (its name, or its URL).
    pub support: Option<String>,
    pub inputs: Vec<Port>,
    pub outputs: Vec<Port>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Contract {
    pub id: String,
    pub name: Option<String>,
    pub version: Option<String>,
    pub file: String,
    pub team: Option<String>,
    /// The freshness (or latency) promise: `5 m`.
    pub freshness: Option<String>,
}

/// A gap in the mesh.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Gap {
    /// A port names a contract the workspace doesn't hold.
    MissingContract,
    /// A product whose team is one person.
    SingleOwner,
    /// A product with no support channel.
    NoSupport,
    /// A product none of whose output contracts promises freshness.
    NoFreshness,
    /// A contract no product's input port reads.
    Unconsumed,
}

impl Gap {
    pub fn as_str(self) -> &'static str {
        match self {
            Gap::MissingContract => "missing-contract",
            Gap::SingleOwner => "single-owner",
            Gap::NoSupport => "no-support",
            Gap::NoFreshness => "no-freshness",
            Gap::Unconsumed => "unconsumed",
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Problem {
    pub gap: Gap,
    /// The product or contract concerned (its name or id).
    pub subject: String,
    pub message: String,
}

/// A product hit by a change, and how: the chain of contracts and products from the
/// changed contract to it.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Hit {
    pub product: String,
    /// The input port that reads the contract it depends on.
    pub port: String,
    pub team: Option<String>,
    pub support: Option<String>,
    /// `[changed contract, product, its output contract, product, ...]`, ending with this
    /// product.
    pub path: Vec<String>,
}

impl Hit {
    /// `marketing.campaigns (team growth, #growth-data)`.
    pub fn describe(&self) -> String {
        let mut who = Vec::new();
        if let Some(t) = &self.team {
            who.push(format!("team {t}"));
        }
        if let Some(s) = &self.support {
            who.push(s.clone());
        }
        if who.is_empty() {
            self.product.clone()
        } else {
            format!("{} ({})", self.product, who.join(", "))
        }
    }
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Mesh {
    pub products: Vec<Product>,
    pub contracts: Vec<Contract>,
    pub problems: Vec<Problem>,
}

fn text(n: Option<&Node>) -> Option<String> {
    match &n?.kind {
        NodeKind::Scalar(Scalar::Str(s)) if !s.trim().is_empty() => Some(s.to_string()),
        NodeKind::Scalar(Scalar::Int(i)) => Some(i.to_string()),
        NodeKind::Scalar(Scalar::Float(f)) => Some(f.to_string()),
        _ => None,
    }
}

/// The team's name (or its only member) and how many members it lists. ODPS v1 and
/// ODCS v3.1 write `team: {name, members}`; ODPS v0.9 and ODCS v3.0 a list of members.
fn team(root: &Node) -> (Option<String>, usize) {
    let Some(t) = root.get("team") else {
        return (None, 0);
    };
    let members = t
        .as_seq()
        .or_else(|| t.get("members").and_then(Node::as_seq));
    let active: Vec<&Node> = members
        .unwrap_or(&[])
        .iter()
        .filter(|m| m.get("dateOut").is_none())
        .collect();
    let name = text(t.get("name")).or_else(|| match active.as_slice() {
        [one] => text(one.get("username")).or_else(|| text(one.get("name"))),
        _ => None,
    });
    (name, active.len())
}

fn support(root: &Node) -> Option<String> {
    root.get("support")
        .and_then(Node::as_seq)?
        .iter()
        .find_map(|s| text(s.get("channel")).or_else(|| text(s.get("url"))))
}

fn ports(root: &Node, key: &str) -> Vec<Port> {
    root.get(key)
        .and_then(Node::as_seq)
        .unwrap_or(&[])
        .iter()
        .map(|p| Port {
            name: text(p.get("name"))
                .or_else(|| text(p.get("id")))
                .unwrap_or_else(|| "(unnamed)".into()),
            version: text(p.get("version")),
            contract: text(p.get("contractId")),
        })
        .collect()
}

/// A contract's freshness promise: its first `freshness` or `latency` SLA property.
fn freshness(root: &Node) -> Option<String> {
    root.get("slaProperties")
        .and_then(Node::as_seq)?
        .iter()
        .find(|s| {
            matches!(
                text(s.get("property"))
                    .map(|p| p.to_ascii_lowercase())
                    .as_deref(),
                Some("freshness" | "latency")
            )
        })
        .map(|s| {
            let v = text(s.get("value")).unwrap_or_default();
            match text(s.get("unit")) {
                Some(u) => format!("{v} {u}"),
                None => v,
            }
        })
}

/// What one document brings to the mesh: a data product or a data contract.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Entry {
    Product(Product),
    Contract(Contract),
}

impl Entry {
    pub fn file(&self) -> &str {
        match self {
            Entry::Product(p) => &p.file,
            Entry::Contract(c) => &c.file,
        }
    }
    /// Where the document comes from (a file or a tab's name).
    pub fn set_file(&mut self, file: String) {
        match self {
            Entry::Product(p) => p.file = file,
            Entry::Contract(c) => c.file = file,
        }
    }
}

/// The mesh entry of a document (`file`: where it comes from), if it is a data product or
/// a data contract with an `id`.
pub fn entry(file: String, root: &Node) -> Option<Entry> {
    match root.get("kind").and_then(Node::as_str) {
        Some("DataProduct") => {
            let (team, members) = team(root);
            let id = text(root.get("id")).unwrap_or_else(|| file.clone());
            Some(Entry::Product(Product {
                name: text(root.get("name")).unwrap_or_else(|| id.clone()),
                id,
                file,
                team,
                members,
                support: support(root),
                inputs: ports(root, "inputPorts"),
                outputs: ports(root, "outputPorts"),
            }))
        }
        Some("DataContract") => Some(Entry::Contract(Contract {
            id: text(root.get("id"))?,
            name: text(root.get("name")),
            version: text(root.get("version")),
            file,
            team: team(root).0,
            freshness: freshness(root),
        })),
        _ => None,
    }
}

fn major(version: Option<&str>) -> Option<u64> {
    crate::diff::parse_semver(version?).map(|v| v.0)
}

impl Mesh {
    /// The mesh of some documents (`(file, root)`): data products and data contracts;
    /// anything else is left out.
    pub fn build<'a>(docs: impl IntoIterator<Item = (String, &'a Node)>) -> Mesh {
        Mesh::from_entries(
            docs.into_iter()
                .filter_map(|(file, root)| entry(file, root)),
        )
    }

    /// The mesh of the documents' entries (see [`entry`]), in order.
    pub fn from_entries(entries: impl IntoIterator<Item = Entry>) -> Mesh {
        let mut mesh = Mesh::default();
        for e in entries {
            match e {
                Entry::Product(p) => mesh.products.push(p),
                Entry::Contract(c) => mesh.contracts.push(c),
            }
        }
        mesh.problems = mesh.gaps();
        mesh
    }

    /// The names of the products whose output ports serve `contract`.
    pub fn servers_of(&self, contract: &str) -> Vec<String> {
        self.products
            .iter()
            .filter(|p| {
                p.outputs
                    .iter()
                    .any(|o| o.contract.as_deref() == Some(contract))
            })
            .map(|p| p.name.clone())
            .collect()
    }

    /// The names of the products whose input ports read `contract` (any version).
    pub fn readers_of(&self, contract: &str) -> Vec<String> {
        self.products
            .iter()
            .filter(|p| {
                p.inputs
                    .iter()
                    .any(|i| i.contract.as_deref() == Some(contract))
            })
            .map(|p| p.name.clone())
            .collect()
    }

    /// The products whose input ports read `contract` (any version when `major` is
    /// `None`, else ports of that major version or of none), with the port.
    pub fn consumers(&self, contract: &str, major_version: Option<u64>) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        for (i, p) in self.products.iter().enumerate() {
            for (j, port) in p.inputs.iter().enumerate() {
                let version_fits = match (major_version, major(port.version.as_deref())) {
                    (Some(m), Some(v)) => m == v,
                    _ => true,
                };
                if port.contract.as_deref() == Some(contract) && version_fits {
                    out.push((i, j));
                }
            }
        }
        out
    }

    /// The products a breaking change of `contract` (at `version`) hits: its consumers,
    /// then the consumers of their output contracts, downstream, each once, nearest first.
    pub fn impact(&self, contract: &str, version: Option<&str>) -> Vec<Hit> {
        // Who reads each contract, any version: for the downstream steps.
        let mut readers: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
        for (i, p) in self.products.iter().enumerate() {
            for (j, port) in p.inputs.iter().enumerate() {
                if let Some(c) = port.contract.as_deref() {
                    readers.entry(c).or_default().push((i, j));
                }
            }
        }
        let mut seen = vec![false; self.products.len()];
        let mut out = Vec::new();
        let mut queue: VecDeque<(usize, usize, Vec<String>)> = self
            .consumers(contract, major(version))
            .into_iter()
            .map(|(i, j)| (i, j, vec![contract.to_string()]))
            .collect();
        while let Some((i, j, mut path)) = queue.pop_front() {
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            let p = &self.products[i];
            path.push(p.name.clone());
            out.push(Hit {
                product: p.name.clone(),
                port: p.inputs[j].name.clone(),
                team: p.team.clone(),
                support: p.support.clone(),
                path: path.clone(),
            });
            for c in p.outputs.iter().filter_map(|o| o.contract.as_deref()) {
                for &(k, l) in readers.get(c).map(Vec::as_slice).unwrap_or(&[]) {
                    if !seen[k] {
                        let mut next = path.clone();
                        next.push(c.to_string());
                        queue.push_back((k, l, next));
                    }
                }
            }
        }
        out
    }

    fn gaps(&self) -> Vec<Problem> {
        let known: HashMap<&str, &Contract> =
            self.contracts.iter().map(|c| (c.id.as_str(), c)).collect();
        let mut read: std::collections::HashSet<&str> = std::collections::HashSet::new();
        let mut out = Vec::new();
        for p in &self.products {
            for port in &p.inputs {
                if let Some(c) = port.contract.as_deref() {
                    read.insert(c);
                }
            }
            for (kind, port) in p
                .inputs
                .iter()
                .map(|x| ("input", x))
                .chain(p.outputs.iter().map(|x| ("output", x)))
            {
                if let Some(c) = port.contract.as_deref().filter(|c| !known.contains_key(c)) {
                    out.push(Problem {
                        gap: Gap::MissingContract,
                        subject: p.name.clone(),
                        message: format!(
                            "{}: {kind} port {} names contract {c}, which the workspace doesn't hold",
                            p.name, port.name
                        ),
                    });
                }
            }
            if p.members == 1 {
                out.push(Problem {
                    gap: Gap::SingleOwner,
                    subject: p.name.clone(),
                    message: format!(
                        "{}: owned by one person ({}): name a team so the product outlives a departure",
                        p.name,
                        p.team.as_deref().unwrap_or("?")
                    ),
                });
            }
            if p.support.is_none() {
                out.push(Problem {
                    gap: Gap::NoSupport,
                    subject: p.name.clone(),
                    message: format!(
                        "{}: no support channel: consumers don't know where to ask",
                        p.name
                    ),
                });
            }
            let fresh = p
                .outputs
                .iter()
                .filter_map(|o| known.get(o.contract.as_deref()?))
                .any(|c| c.freshness.is_some());
            if !fresh && !p.outputs.is_empty() {
                out.push(Problem {
                    gap: Gap::NoFreshness,
                    subject: p.name.clone(),
                    message: format!(
                        "{}: none of its output contracts promises freshness (an SLA `freshness` or `latency`)",
                        p.name
                    ),
                });
            }
        }
        for c in &self.contracts {
            if !read.contains(c.id.as_str()) {
                out.push(Problem {
                    gap: Gap::Unconsumed,
                    subject: c.id.clone(),
                    message: format!("{}: no data product in the workspace reads it", c.id),
                });
            }
        }
        out
    }

    /// The products of `gap`'s kind, for highlighting.
    pub fn has_gap(&self, subject: &str, gap: Gap) -> bool {
        self.problems
            .iter()
            .any(|p| p.gap == gap && p.subject == subject)
    }

    /// The mesh as a Mermaid flowchart: products as boxes, contracts as rounded nodes,
    /// gaps as classes.
    pub fn mermaid(&self) -> String {
        let mut s = String::from("flowchart LR\n");
        let ids = Ids::new(self);
        for (i, p) in self.products.iter().enumerate() {
            s.push_str(&format!(
                "  {}[\"{}\"]\n",
                ids.product(i),
                mermaid_text(&p.name)
            ));
        }
        for (i, c) in self.contracts.iter().enumerate() {
            s.push_str(&format!(
                "  {}([\"{}\"])\n",
                ids.contract(i),
                mermaid_text(&c.id)
            ));
        }
        for (from, to, label) in ids.edges(self) {
            match label {
                Some(l) => s.push_str(&format!("  {from} -->|{}| {to}\n", mermaid_text(&l))),
                None => s.push_str(&format!("  {from} --> {to}\n")),
            }
        }
        let flagged: Vec<String> = self
            .products
            .iter()
            .enumerate()
            .filter(|(_, p)| {
                self.problems
                    .iter()
                    .any(|g| g.subject == p.name && g.gap != Gap::Unconsumed)
            })
            .map(|(i, _)| ids.product(i))
            .chain(
                self.contracts
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| self.has_gap(&c.id, Gap::Unconsumed))
                    .map(|(i, _)| ids.contract(i)),
            )
            .collect();
        if !flagged.is_empty() {
            s.push_str("  classDef gap stroke:#c2410c,stroke-width:2px,stroke-dasharray:4 2\n");
            s.push_str(&format!("  class {} gap\n", flagged.join(",")));
        }
        s
    }

    /// The mesh in Graphviz DOT.
    pub fn dot(&self) -> String {
        let mut s = String::from("digraph mesh {\n  rankdir=LR;\n");
        let ids = Ids::new(self);
        for (i, p) in self.products.iter().enumerate() {
            let gap = self
                .problems
                .iter()
                .any(|g| g.subject == p.name && g.gap != Gap::Unconsumed);
            s.push_str(&format!(
                "  {} [shape=box, label={}{}];\n",
                ids.product(i),
                dot_text(&p.name),
                if gap {
                    ", color=\"#c2410c\", style=dashed"
                } else {
                    ""
                }
            ));
        }
        for (i, c) in self.contracts.iter().enumerate() {
            let gap = self.has_gap(&c.id, Gap::Unconsumed);
            s.push_str(&format!(
                "  {} [shape=ellipse, label={}{}];\n",
                ids.contract(i),
                dot_text(&c.id),
                if gap {
                    ", color=\"#c2410c\", style=dashed"
                } else {
                    ""
                }
            ));
        }
        for (from, to, label) in ids.edges(self) {
            match label {
                Some(l) => s.push_str(&format!("  {from} -> {to} [label={}];\n", dot_text(&l))),
                None => s.push_str(&format!("  {from} -> {to};\n")),
            }
        }
        s.push_str("}\n");
        s
    }
}

/// Node ids for the graph formats, and the edges between them.
struct Ids<'m> {
    contracts: HashMap<&'m str, usize>,
}

impl<'m> Ids<'m> {
    fn new(mesh: &'m Mesh) -> Ids<'m> {
        Ids {
            contracts: mesh
                .contracts
                .iter()
                .enumerate()
                .map(|(i, c)| (c.id.as_str(), i))
                .collect(),
        }
    }
    fn product(&self, i: usize) -> String {
        format!("p{i}")
    }
    fn contract(&self, i: usize) -> String {
        format!("c{i}")
    }
    /// Product → contract for output ports, contract → product for input ports; a port
    /// whose contract is missing points at a node of its own.
    fn edges(&self, mesh: &Mesh) -> Vec<(String, String, Option<String>)> {
        let mut out = Vec::new();
        let mut missing = 0;
        for (i, p) in mesh.products.iter().enumerate() {
            for o in &p.outputs {
                let Some(c) = o.contract.as_deref() else {
                    continue;
                };
                let to = match self.contracts.get(c) {
                    Some(&k) => self.contract(k),
                    None => {
                        missing += 1;
                        format!("m{missing}")
                    }
                };
                out.push((self.product(i), to, Some(o.name.clone())));
            }
            for inp in &p.inputs {
                let Some(c) = inp.contract.as_deref() else {
                    continue;
                };
                let from = match self.contracts.get(c) {
                    Some(&k) => self.contract(k),
                    None => {
                        missing += 1;
                        format!("m{missing}")
                    }
                };
                out.push((from, self.product(i), None));
            }
        }
        out
    }
}

fn mermaid_text(s: &str) -> String {
    s.replace('"', "#quot;")
        .replace(['[', ']', '|', '<', '>'], " ")
}

fn dot_text(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(text: &str) -> Node {
        crate::yaml::parse_data(text).root.unwrap()
    }

    const ORDERS: &str = "apiVersion: v3.1.0\nkind: DataContract\nid: orders-v1\nversion: 1.2.0\nstatus: active\nslaProperties:\n  - property: freshness\n    value: 5\n    unit: m\n";
    const SHOP: &str = "apiVersion: v1.0.0\nkind: DataProduct\nid: shop\nname: shop\nstatus: active\noutputPorts:\n  - name: orders\n    version: 1.0.0\n    contractId: orders-v1\nsupport:\n  - channel: '#shop'\nteam:\n  name: shop-team\n  members:\n    - username: a\n    - username: b\n";
    const MARKETING: &str = "apiVersion: v1.0.0\nkind: DataProduct\nid: marketing\nname: marketing.campaigns\nstatus: active\ninputPorts:\n  - name: orders-in\n    version: 1.0.0\n    contractId: orders-v1\noutputPorts:\n  - name: campaigns\n    version: 1.0.0\n    contractId: campaigns-v1\nsupport:\n  - channel: '#growth-data'\nteam:\n  name: growth\n  members:\n    - username: c\n";
    const FINANCE: &str = "apiVersion: v1.0.0\nkind: DataProduct\nid: finance\nname: finance.roi\nstatus: active\ninputPorts:\n  - name: campaigns-in\n    version: 1.0.0\n    contractId: campaigns-v1\n  - name: old-orders\n    version: 0.9.0\n    contractId: orders-v1\n";

    #[test]
    fn a_change_hits_consumers_then_theirs_each_once() {
        let docs = [ORDERS, SHOP, MARKETING, FINANCE].map(root);
        let mesh = Mesh::build(docs.iter().enumerate().map(|(i, r)| (format!("f{i}"), r)));
        let hits = mesh.impact("orders-v1", Some("1.2.0"));
        let names: Vec<_> = hits.iter().map(|h| h.product.as_str()).collect();
        // finance reads orders v0 directly (another major), and campaigns-v1 downstream.
        assert_eq!(names, ["marketing.campaigns", "finance.roi"]);
        assert_eq!(
            hits[1].path,
            [
                "orders-v1",
                "marketing.campaigns",
                "campaigns-v1",
                "finance.roi"
            ]
        );
        assert_eq!(
            hits[0].describe(),
            "marketing.campaigns (team growth, #growth-data)"
        );
        let gaps: Vec<_> = mesh
            .problems
            .iter()
            .map(|p| (p.gap, p.subject.as_str()))
            .collect();
        assert!(gaps.contains(&(Gap::SingleOwner, "marketing.campaigns")));
        assert!(gaps.contains(&(Gap::MissingContract, "marketing.campaigns")));
        assert!(gaps.contains(&(Gap::NoSupport, "finance.roi")));
        assert!(!gaps.iter().any(|g| g.1 == "shop"));
        assert!(mesh.mermaid().contains("p1 -->|campaigns| m"));
        assert!(mesh.dot().starts_with("digraph mesh {"));
    }
}

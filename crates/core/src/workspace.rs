//! A workspace: the documents open together (contracts, data product manifests and at
//! most one governance policy). Each document is checked with the workspace's policy, and a
//! manifest's ports are checked against the contracts the workspace holds.
//!
//! The app keeps a [`Summary`] of each document it is not editing, so a keystroke checks
//! one text, not the whole workspace.

use crate::codes;
use crate::diag::{self, Diagnostic};
use crate::lint::{policy, Policy};
use crate::yaml::{self, Node};
use crate::Report;

/// What the rest of the workspace needs to know about one document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    /// `id` and `version` of a data contract.
    pub contract: Option<(String, Option<String>)>,
    /// The policy, when the document is one.
    pub policy: Option<Policy>,
    pub errors: usize,
    pub warnings: usize,
    /// "Data contract", "Data product manifest", "Governance policy" or "Document".
    pub kind: String,
    /// The file name the document suggests for a download (from its `name` or `id`).
    pub file_name: String,
    /// What it brings to the mesh: a data product or a data contract.
    pub mesh: Option<crate::mesh::Entry>,
}

/// Summarise a document that was checked as part of `others`.
pub fn summarize(text: &str, report: &Report) -> Summary {
    summarize_document(&yaml::parse(text), report)
}

/// [`summarize`] for an already parsed document.
pub fn summarize_document(doc: &yaml::Document, report: &Report) -> Summary {
    let root = doc.root.as_ref();
    let kind = root.and_then(|r| r.get("kind")).and_then(Node::as_str);
    let contract = match (kind, root) {
        (Some("DataContract"), Some(r)) => r.get("id").and_then(Node::as_str).map(|id| {
            (
                id.to_string(),
                r.get("version").and_then(Node::as_str).map(str::to_string),
            )
        }),
        _ => None,
    };
    let policy = root.filter(|r| policy::is_policy(r)).map(Policy::from_root);
    Summary {
        contract,
        policy,
        errors: report.errors(),
        warnings: report.warnings(),
        kind: report
            .standard
            .as_ref()
            .map(|s| s.kind_label())
            .unwrap_or("Document")
            .to_string(),
        file_name: crate::templates::suggested_file_name(root),
        mesh: root
            .and_then(|r| crate::mesh::entry(crate::templates::suggested_file_name(Some(r)), r)),
    }
}

/// Check every document of a workspace: each with the workspace's policy and against the
/// other documents. Returns each document's report and summary, in order.
pub fn check_all(texts: &[&str]) -> Vec<(Report, Summary)> {
    check_all_with(texts, None)
}

/// [`check_all`], with `policy` (when given) in place of any policy document among them.
pub fn check_all_with(texts: &[&str], policy: Option<&Policy>) -> Vec<(Report, Summary)> {
    check_all_observed(texts, policy, &mut |_| {})
}

/// [`check_all_with`], calling `starting(i)` before each document is read (twice per
/// document: once to summarise it, once to check it against the others), so a caller can
/// tell which document a check that never returned was working on.
pub fn check_all_observed(
    texts: &[&str],
    policy: Option<&Policy>,
    starting: &mut dyn FnMut(usize),
) -> Vec<(Report, Summary)> {
    let docs = texts.iter().map(|t| yaml::parse_data(t)).collect();
    check_documents(docs, policy, starting)
}

/// [`check_all_with`] of texts the caller hands over (the CLI's files): each document
/// keeps its text without a copy.
pub fn check_all_owned(texts: Vec<String>, policy: Option<&Policy>) -> Vec<(Report, Summary)> {
    let docs = texts.into_iter().map(yaml::parse_data_owned).collect();
    check_documents(docs, policy, &mut |_| {})
}

fn check_documents(
    docs: Vec<yaml::Document>,
    policy: Option<&Policy>,
    starting: &mut dyn FnMut(usize),
) -> Vec<(Report, Summary)> {
    // Each text is parsed once, then summarised: what each document is, before any
    // cross-document check.
    let mut alone: Vec<Option<Report>> = Vec::with_capacity(docs.len());
    let mut first: Vec<Summary> = docs
        .iter()
        .enumerate()
        .map(|(i, doc)| {
            starting(i);
            let report = crate::check_document(doc);
            let summary = summarize_document(doc, &report);
            alone.push(Some(report));
            summary
        })
        .collect();
    let given = policy.map(|p| Summary {
        policy: Some(p.clone()),
        ..Summary::default()
    });
    if given.is_some() {
        for s in &mut first {
            s.policy = None;
        }
    }
    docs.iter()
        .enumerate()
        .map(|(i, doc)| {
            starting(i);
            let others: Vec<&Summary> = given
                .iter()
                .chain(
                    first
                        .iter()
                        .enumerate()
                        .filter(|(j, _)| *j != i)
                        .map(|(_, s)| s),
                )
                .collect();
            // With no policy among the others, a document that is not a data product (whose
            // ports name the others' contracts) is checked exactly as it was alone.
            let is_product = doc
                .root
                .as_ref()
                .and_then(|r| r.get("kind"))
                .and_then(Node::as_str)
                == Some("DataProduct");
            let report = match alone[i].take() {
                Some(r) if !is_product && others.iter().all(|s| s.policy.is_none()) => r,
                _ => check_document(doc, &others),
            };
            let summary = Summary {
                errors: report.errors(),
                warnings: report.warnings(),
                ..first[i].clone()
            };
            (report, summary)
        })
        .collect()
}

/// The policy of a workspace: the first policy document's, else the built-in one.
pub fn policy_of<'a>(others: impl IntoIterator<Item = &'a Summary>) -> Policy {
    others
        .into_iter()
        .find_map(|s| s.policy.clone())
        .unwrap_or_default()
}

/// Check one document of a workspace whose other documents are summarised in `others`.
pub fn check(text: &str, others: &[&Summary]) -> Report {
    let doc = yaml::parse(text);
    check_document(&doc, others)
}

/// [`check`] for an already parsed document.
pub fn check_document(doc: &yaml::Document, others: &[&Summary]) -> Report {
    let policy = policy_of(others.iter().copied());
    with_ports(doc, others, crate::check_document_with(doc, &policy))
}

/// [`check_document`] re-validating only what [`yaml::reparse`] read again, where `memo`
/// holds the check of the document before (see [`crate::check_document_again`]).
pub fn check_document_again(
    doc: &yaml::Document,
    others: &[&Summary],
    memo: &mut crate::validate::Memo,
) -> Report {
    let policy = policy_of(others.iter().copied());
    with_ports(doc, others, crate::check_document_again(doc, &policy, memo))
}

/// A product's ports checked against the workspace's contracts.
fn with_ports(doc: &yaml::Document, others: &[&Summary], mut report: Report) -> Report {
    if let Some(root) = &doc.root {
        if root.get("kind").and_then(Node::as_str) == Some("DataProduct") {
            report.diagnostics.extend(port_references(root, others));
            diag::sort(&mut report.diagnostics);
        }
    }
    report
}

fn major(v: &str) -> Option<&str> {
    v.trim_start_matches(['v', 'V']).split('.').next()
}

/// Ports whose `contractId` names no contract of the workspace, or another major version.
fn port_references(root: &Node, others: &[&Summary]) -> Vec<Diagnostic> {
    let contracts: Vec<&(String, Option<String>)> =
        others.iter().filter_map(|s| s.contract.as_ref()).collect();
    // The first contract with each id, so each port is resolved in constant time.
    let mut by_id: std::collections::HashMap<&str, &Option<String>> = Default::default();
    for (id, version) in contracts.iter().copied() {
        by_id.entry(id.as_str()).or_insert(version);
    }
    let mut out = Vec::new();
    for list in ["inputPorts", "outputPorts"] {
        let Some(ports) = root.get(list).and_then(Node::as_seq) else {
            continue;
        };
        for (i, port) in ports.iter().enumerate() {
            let Some(entry) = port.entry("contractId") else {
                continue;
            };
            let Some(id) = entry.value.as_str() else {
                continue;
            };
            let name = port
                .get("name")
                .and_then(Node::as_str)
                .unwrap_or("this port");
            let path = format!("/{list}/{i}/contractId");
            match by_id.get(id).copied() {
                None => {
                    let mut msg = format!(
                        "port `{name}` uses contract `{id}`, which no document in this workspace defines."
                    );
                    let ids: Vec<&str> = contracts.iter().map(|(c, _)| c.as_str()).collect();
                    if let Some(best) = crate::validate::did_you_mean(id, ids.iter().copied()) {
                        msg.push_str(&format!(" Did you mean `{best}`?"));
                    } else if ids.is_empty() {
                        msg.push_str(
                            " Check the manifest together with the contract (open both in Charter, or pass both files to `charter`) to check the reference.",
                        );
                    } else {
                        const SHOWN: usize = 10;
                        let more = match ids.len().saturating_sub(SHOWN) {
                            0 => String::new(),
                            n => format!(" and {n} more"),
                        };
                        msg.push_str(&format!(
                            " The workspace's contracts: {}{more}.",
                            ids[..ids.len().min(SHOWN)].join(", ")
                        ));
                    }
                    out.push(Diagnostic::new(
                        &codes::CONTRACT_NOT_FOUND,
                        msg,
                        path,
                        entry.value.span,
                    ));
                }
                Some(Some(cv)) => {
                    let pv = port.get("version").and_then(Node::as_str);
                    if let Some(pv) = pv {
                        if major(pv) != major(cv) {
                            let span = port
                                .entry("version")
                                .map(|e| e.value.span)
                                .unwrap_or(entry.value.span);
                            out.push(Diagnostic::new(
                                &codes::CONTRACT_VERSION_MISMATCH,
                                format!("port `{name}` is at version {pv}, but contract `{id}` in this workspace is {cv}: a different major version. Align the port with the contract (or open the matching contract)."),
                                format!("/{list}/{i}/version"),
                                span,
                            ));
                        }
                    }
                }
                Some(None) => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONTRACT: &str =
        "apiVersion: v3.2.0\nkind: DataContract\nid: orders-contract\nversion: 1.4.0\n";
    const PRODUCT: &str = "apiVersion: v1.0.0\nkind: DataProduct\nid: p\nstatus: active\ninputPorts:\n  - name: orders\n    version: 1.0.0\n    contractId: orders-contract\n";

    fn summary(text: &str) -> Summary {
        summarize(text, &check(text, &[]))
    }

    /// What `check_all` must give: each document summarised alone, then checked against
    /// the others' summaries, every text parsed anew (the slow, obvious way).
    fn check_all_naively(texts: &[&str]) -> Vec<(Report, Summary)> {
        let first: Vec<Summary> = texts.iter().map(|t| summary(t)).collect();
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let others: Vec<&Summary> = (0..texts.len())
                    .filter(|j| *j != i)
                    .map(|j| &first[j])
                    .collect();
                let report = check(t, &others);
                let s = Summary {
                    errors: report.errors(),
                    warnings: report.warnings(),
                    ..first[i].clone()
                };
                (report, s)
            })
            .collect()
    }

    #[test]
    fn check_all_parses_once_and_gives_what_checking_each_against_the_others_gives() {
        use crate::templates::{ODPS_EXAMPLE, ORDERS_EXAMPLE, POLICY};
        let strict = "kind: CharterPolicy\napiVersion: charter/v1\nrules:\n  naming-convention:\n    level: error\n    properties: camelCase\n";
        let workspaces: [&[&str]; 6] = [
            &[CONTRACT],
            &[ORDERS_EXAMPLE.text],
            &[ORDERS_EXAMPLE.text, strict],
            &[strict, ORDERS_EXAMPLE.text, CONTRACT],
            &[PRODUCT, CONTRACT, ODPS_EXAMPLE.text],
            &[POLICY.text, PRODUCT, ORDERS_EXAMPLE.text, "a: [1"],
        ];
        for texts in workspaces {
            let fast = check_all(texts);
            let slow = check_all_naively(texts);
            for ((fr, fs), (sr, ss)) in fast.iter().zip(&slow) {
                assert_eq!(fr.diagnostics, sr.diagnostics);
                assert_eq!(fs, ss);
            }
        }
        // The strict policy does reach the example contract.
        let with = check_all(&[ORDERS_EXAMPLE.text, strict]);
        assert!(with[0].0.errors() > check_all(&[ORDERS_EXAMPLE.text])[0].0.errors());
    }

    #[test]
    fn ports_resolve_against_the_workspace_contracts() {
        let c = summary(CONTRACT);
        assert_eq!(
            c.contract,
            Some(("orders-contract".into(), Some("1.4.0".into())))
        );
        // Ports only: the governance hints (team, support) are information.
        let codes = |r: &Report| {
            r.diagnostics
                .iter()
                .filter(|d| d.severity != crate::Severity::Info)
                .map(|d| (d.code.id, d.span.start.line))
                .collect::<Vec<_>>()
        };
        assert!(codes(&check(PRODUCT, &[&c])).is_empty());
        let broken = PRODUCT.replace("contractId: orders-contract", "contractId: orders-contrakt");
        let r = check(&broken, &[&c]);
        assert_eq!(codes(&r), vec![("contract-not-found", 8)]);
        assert!(r.diagnostics.iter().any(|d| d.code == "contract-not-found"
            && d.message.contains("Did you mean `orders-contract`?")));
        let r = check(&PRODUCT.replace("version: 1.0.0", "version: 2.0.0"), &[&c]);
        assert_eq!(codes(&r), vec![("contract-version-mismatch", 7)]);
    }

    #[test]
    fn check_all_counts_each_document_with_the_others() {
        let policy =
            "kind: CharterPolicy\napiVersion: charter/v1\nrules:\n  support-channel: error\n";
        let broken = PRODUCT.replace("contractId: orders-contract", "contractId: nope");
        let all = check_all(&[CONTRACT, &broken, policy]);
        assert_eq!(all.len(), 3);
        // The contract lacks `status` (v3.2.0 doesn't require it) and support: the policy's error.
        assert_eq!(all[0].1.errors, 1, "{:#?}", all[0].0.diagnostics);
        assert!(all[1]
            .0
            .diagnostics
            .iter()
            .any(|d| d.code == "contract-not-found"));
        assert_eq!(all[2].1.kind, "Governance policy");
    }

    #[test]
    fn the_workspace_policy_applies_to_every_document() {
        let p = summary(
            "kind: CharterPolicy\napiVersion: charter/v1\nrules:\n  support-channel: error\n",
        );
        assert!(p.policy.is_some());
        assert_eq!(p.kind, "Governance policy");
        let contract = format!("{CONTRACT}status: active\n");
        assert!(check(&contract, &[]).is_valid());
        let r = check(&contract, &[&p]);
        assert!(!r.is_valid());
        assert!(r.diagnostics.iter().any(|d| d.code == "support-channel"));
    }
}

//! The page a consumer reads: a contract's fundamentals, its tables with key, required
//! and classification badges, quality rules, service levels, servers, team and support,
//! as HTML. The app shows [`fragment`]; [`page`] is the same as one standalone offline
//! file (its style inline, no script, no request). Every text from the contract is
//! escaped, and only `http(s)` and `mailto` addresses become links: nothing in a
//! contract ever runs.

use crate::yaml::{Node, NESTING_LIMIT};
use std::fmt::Write;

/// The preview's style: scoped to `.charter-preview`, light and dark, printable.
const STYLE: &str = r#"
.charter-preview{--pv-fg:#1d2330;--pv-muted:#5b6474;--pv-border:#e3e6ec;--pv-head:#f6f7f9;--pv-accent:#4f46e5;--pv-ok:#067647;--pv-warn:#b54708;--pv-bad:#b42318;
  color:var(--pv-fg);font:14px/1.55 "Inter","Segoe UI",system-ui,-apple-system,"Helvetica Neue",Arial,sans-serif;max-width:1100px;margin:0 auto;padding:28px 32px 48px}
@media (prefers-color-scheme:dark){.charter-preview{--pv-fg:#e6e9ef;--pv-muted:#a3abbb;--pv-border:#2c313c;--pv-head:#1a1e25;--pv-accent:#8b85ff;--pv-ok:#47cd89;--pv-warn:#fdb022;--pv-bad:#f97066}}
.charter-preview h1{font-size:24px;margin:0 0 4px;line-height:1.25;overflow-wrap:anywhere}
.charter-preview h2{font-size:17px;margin:30px 0 10px;padding-bottom:6px;border-bottom:1px solid var(--pv-border)}
.charter-preview h3{font-size:15px;margin:22px 0 6px;overflow-wrap:anywhere}
.charter-preview .pv-sub{color:var(--pv-muted);margin:0 0 14px}
.charter-preview .pv-meta{display:flex;flex-wrap:wrap;gap:6px 18px;margin:12px 0;color:var(--pv-muted);font-size:13px}
.charter-preview .pv-meta b{color:var(--pv-fg);font-weight:600}
.charter-preview code{font:12.5px ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;overflow-wrap:anywhere}
.charter-preview table{border-collapse:collapse;width:100%;margin:8px 0;font-size:13px}
.charter-preview th,.charter-preview td{border:1px solid var(--pv-border);padding:6px 9px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
.charter-preview th{background:var(--pv-head);font-weight:600}
.charter-preview .pv-badge{display:inline-block;font-size:11px;font-weight:650;letter-spacing:.02em;padding:1px 7px;border-radius:999px;border:1px solid currentColor;margin:0 4px 2px 0;white-space:nowrap}
.charter-preview .pv-key{color:var(--pv-accent)}.charter-preview .pv-req{color:var(--pv-warn)}.charter-preview .pv-class{color:var(--pv-bad)}
.charter-preview .pv-status-active{color:var(--pv-ok)}.charter-preview .pv-status{color:var(--pv-muted)}
.charter-preview .pv-nested{color:var(--pv-muted)}
.charter-preview .pv-fk{color:var(--pv-muted);font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-weight:500;text-transform:none}
.charter-preview .pv-def{font-size:12px;white-space:nowrap}
.charter-preview .pv-rel{font-size:13px;color:var(--pv-muted)}
.charter-preview ul{margin:6px 0;padding-left:20px}
.charter-preview a{color:var(--pv-accent)}
.charter-preview .pv-empty{color:var(--pv-muted);font-style:italic}
@media (max-width:720px){.charter-preview{padding:18px 16px 32px}}
@media print{.charter-preview{padding:0;max-width:none}.charter-preview h2{break-after:avoid}.charter-preview tr{break-inside:avoid}}
"#;

/// The preview of a document's data, as an HTML fragment with its style.
pub fn fragment(root: &Node) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("<style>");
    out.push_str(STYLE);
    out.push_str("</style><article class=\"charter-preview\">");
    if root.get("kind").and_then(Node::as_str) == Some("DataProduct") {
        product(&mut out, root);
    } else {
        contract(&mut out, root);
    }
    out.push_str("</article>");
    out
}

/// [`fragment`] as one standalone HTML file, titled after the document.
pub fn page(root: &Node) -> String {
    let title = text(root, "name")
        .or_else(|| text(root, "id"))
        .unwrap_or_else(|| "Data contract".into());
    wrap(&title, &fragment(root))
}

/// A [`fragment`] made one standalone HTML file titled `title` (escaped here). Its
/// policy forbids scripts and requests: the file shows the same offline, anywhere.
pub fn wrap(title: &str, fragment: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<title>{}</title>\n</head>\n<body style=\"margin:0\">\n{}\n</body>\n</html>\n",
        esc(title),
        fragment
    )
}

/// `s` with `& < > " '` escaped, for text and attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn text(n: &Node, key: &str) -> Option<String> {
    n.get(key).and_then(Node::text).filter(|s| !s.is_empty())
}

fn items<'a>(n: &'a Node, key: &str) -> &'a [Node] {
    n.get(key).and_then(Node::as_seq).unwrap_or(&[])
}

fn flag(n: &Node, key: &str) -> bool {
    n.get(key).is_some_and(Node::is_true)
}

/// Open a table with these column headings (closed by `</tbody></table>`).
fn open_table(out: &mut String, columns: &[&str]) {
    out.push_str("<table><thead><tr>");
    for c in columns {
        let _ = write!(out, "<th>{}</th>", esc(c));
    }
    out.push_str("</tr></thead><tbody>");
}

/// One row of text cells, escaped here; a cell marked `true` is shown as code.
fn row(out: &mut String, cells: &[(&str, bool)]) {
    out.push_str("<tr>");
    for (c, code) in cells {
        if *code {
            let _ = write!(out, "<td><code>{}</code></td>", esc(c));
        } else {
            let _ = write!(out, "<td>{}</td>", esc(c));
        }
    }
    out.push_str("</tr>");
}

/// A link when the address is one a reader can follow safely, else the text.
fn link(url: &str, label: &str) -> String {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") || lower.starts_with("mailto:")
    {
        format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\" target=\"_blank\">{}</a>",
            esc(url.trim()),
            esc(label)
        )
    } else {
        esc(label)
    }
}

fn meta(out: &mut String, pairs: &[(&str, Option<String>)]) {
    if pairs.iter().all(|(_, v)| v.is_none()) {
        return;
    }
    out.push_str("<div class=\"pv-meta\">");
    for (label, value) in pairs {
        if let Some(v) = value {
            let _ = write!(out, "<span>{} <b>{}</b></span>", esc(label), esc(v));
        }
    }
    out.push_str("</div>");
}

fn contract(out: &mut String, root: &Node) {
    let title = text(root, "name")
        .or_else(|| text(root, "id"))
        .unwrap_or_else(|| "Untitled contract".into());
    let _ = write!(out, "<h1>{}</h1>", esc(&title));
    let status = text(root, "status");
    let badge = status.as_deref().map(|s| {
        let class = if s == "active" {
            "pv-status-active"
        } else {
            "pv-status"
        };
        format!(" <span class=\"pv-badge {class}\">{}</span>", esc(s))
    });
    let _ = write!(
        out,
        "<p class=\"pv-sub\">Data contract{}{}</p>",
        text(root, "version")
            .map(|v| format!(" · version {}", esc(&v)))
            .unwrap_or_default(),
        badge.unwrap_or_default()
    );
    meta(
        out,
        &[
            ("Domain", text(root, "domain")),
            ("Data product", text(root, "dataProduct")),
            ("Tenant", text(root, "tenant")),
            ("Id", text(root, "id")),
            (
                "Standard",
                text(root, "apiVersion").map(|v| format!("ODCS {v}")),
            ),
        ],
    );
    let tags: Vec<String> = items(root, "tags").iter().filter_map(Node::text).collect();
    if !tags.is_empty() {
        out.push_str("<p>");
        for t in &tags {
            let _ = write!(out, "<span class=\"pv-badge pv-status\">{}</span>", esc(t));
        }
        out.push_str("</p>");
    }
    description(out, root.get("description"));

    let schema = items(root, "schema");
    out.push_str("<h2>Schema</h2>");
    if schema.is_empty() {
        out.push_str("<p class=\"pv-empty\">No tables yet.</p>");
    }
    for object in schema {
        table(out, object);
    }
    sla(out, root);
    servers(out, root);
    team(out, root.get("team"));
    support(out, items(root, "support"));
    let definitions = items(root, "authoritativeDefinitions");
    if !definitions.is_empty() {
        out.push_str("<h2>Definitions</h2>");
        links(out, definitions);
    }
    let custom = items(root, "customProperties");
    if !custom.is_empty() {
        out.push_str("<h2>Custom properties</h2>");
        custom_properties(out, custom);
    }
}

/// Authoritative definitions: a link per definition, named by its type.
fn links(out: &mut String, definitions: &[Node]) {
    out.push_str("<ul class=\"pv-links\">");
    for d in definitions {
        let Some(url) = text(d, "url") else { continue };
        let label = text(d, "type").unwrap_or_else(|| url.clone());
        let _ = write!(out, "<li>{}", link(&url, &label));
        if let Some(about) = text(d, "description") {
            let _ = write!(out, " — {}", esc(&about));
        }
        out.push_str("</li>");
    }
    out.push_str("</ul>");
}

/// Custom properties as a table of property, value and description.
fn custom_properties(out: &mut String, list: &[Node]) {
    open_table(out, &["Property", "Value", "Description"]);
    for c in list {
        let value = c
            .get("value")
            .map(|v| v.text().unwrap_or_else(|| v.to_json().to_string()))
            .unwrap_or_default();
        row(
            out,
            &[
                (&text(c, "property").unwrap_or_default(), true),
                (&value, false),
                (&text(c, "description").unwrap_or_default(), false),
            ],
        );
    }
    out.push_str("</tbody></table>");
}

/// Where a relationship points: a reference, or a composite key's list of them.
fn target(n: Option<&Node>) -> Option<String> {
    let n = n?;
    n.text().or_else(|| {
        let parts: Vec<String> = n.as_seq()?.iter().filter_map(Node::text).collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    })
}

fn description(out: &mut String, d: Option<&Node>) {
    let Some(d) = d else { return };
    if let Some(s) = d.text() {
        let _ = write!(out, "<p>{}</p>", esc(&s));
        return;
    }
    for (key, label) in [
        ("purpose", "Purpose"),
        ("usage", "Usage"),
        ("limitations", "Limitations"),
    ] {
        if let Some(s) = text(d, key) {
            let _ = write!(out, "<p><b>{label}.</b> {}</p>", esc(&s));
        }
    }
}

/// One schema object: its description and its properties, nested ones indented.
fn table(out: &mut String, object: &Node) {
    let name = text(object, "name").unwrap_or_else(|| "(unnamed)".into());
    let _ = write!(out, "<h3>{}</h3>", esc(&name));
    meta(
        out,
        &[
            ("Physical name", text(object, "physicalName")),
            ("Type", text(object, "physicalType")),
            ("Business name", text(object, "businessName")),
        ],
    );
    if let Some(d) = text(object, "description") {
        let _ = write!(out, "<p>{}</p>", esc(&d));
    }
    let mut rows = String::new();
    properties(&mut rows, items(object, "properties"), "", 0);
    if rows.is_empty() {
        out.push_str("<p class=\"pv-empty\">No columns yet.</p>");
    } else {
        open_table(out, &["Column", "Type", "Constraints", "Description"]);
        out.push_str(&rows);
        out.push_str("</tbody></table>");
    }
    let relationships: Vec<String> = items(object, "relationships")
        .iter()
        .filter_map(|r| {
            let to = target(r.get("to"))?;
            let from = target(r.get("from")).unwrap_or_default();
            let kind = text(r, "type").unwrap_or_else(|| "foreignKey".into());
            Some(format!("{from} → {to} ({kind})"))
        })
        .collect();
    if !relationships.is_empty() {
        out.push_str("<p class=\"pv-rel\"><b>Relationships.</b> ");
        out.push_str(&esc(&relationships.join("; ")));
        out.push_str("</p>");
    }
    let definitions = items(object, "authoritativeDefinitions");
    if !definitions.is_empty() {
        links(out, definitions);
    }
    quality(out, object, &name);
    let custom = items(object, "customProperties");
    if !custom.is_empty() {
        custom_properties(out, custom);
    }
}

fn properties(out: &mut String, props: &[Node], prefix: &str, depth: usize) {
    if depth > NESTING_LIMIT {
        return;
    }
    for p in props {
        let name = text(p, "name").unwrap_or_else(|| "(unnamed)".into());
        // The logical type, and the physical one where it says more.
        let mut types: Vec<String> = [text(p, "logicalType"), text(p, "physicalType")]
            .into_iter()
            .flatten()
            .collect();
        types.dedup_by(|b, a| a.eq_ignore_ascii_case(b));
        let mut badges = String::new();
        if flag(p, "primaryKey") {
            let pos = text(p, "primaryKeyPosition")
                .map(|n| format!(" {n}"))
                .unwrap_or_default();
            let _ = write!(
                badges,
                "<span class=\"pv-badge pv-key\">PK{}</span>",
                esc(&pos)
            );
        }
        for (key, label) in [("required", "required"), ("unique", "unique")] {
            if flag(p, key) {
                let _ = write!(badges, "<span class=\"pv-badge pv-req\">{label}</span>");
            }
        }
        if let Some(c) = text(p, "classification") {
            let _ = write!(
                badges,
                "<span class=\"pv-badge pv-class\">{}</span>",
                esc(&c)
            );
        }
        for r in items(p, "relationships") {
            if let Some(to) = target(r.get("to")) {
                let _ = write!(
                    badges,
                    "<span class=\"pv-badge pv-fk\">→ {}</span>",
                    esc(&to)
                );
            }
        }
        let mut about = esc(&text(p, "description").unwrap_or_default());
        for d in items(p, "authoritativeDefinitions") {
            if let Some(url) = text(d, "url") {
                let label = text(d, "type").unwrap_or_else(|| "definition".into());
                let _ = write!(
                    about,
                    " <span class=\"pv-def\">{}</span>",
                    link(&url, &label)
                );
            }
        }
        let _ = write!(
            out,
            "<tr><td><code><span class=\"pv-nested\">{}</span>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(prefix),
            esc(&name),
            esc(&types.join(" · ")),
            badges,
            about
        );
        let nested = format!("{prefix}{name}.");
        properties(out, items(p, "properties"), &nested, depth + 1);
        if let Some(item) = p.get("items") {
            properties(
                out,
                items(item, "properties"),
                &format!("{prefix}{name}[]."),
                depth + 1,
            );
        }
    }
}

/// The quality rules of a table and of its columns.
fn quality(out: &mut String, object: &Node, name: &str) {
    let mut rules: Vec<(String, &Node)> = items(object, "quality")
        .iter()
        .map(|r| (name.to_string(), r))
        .collect();
    for p in items(object, "properties") {
        let column = text(p, "name").unwrap_or_default();
        rules.extend(
            items(p, "quality")
                .iter()
                .map(|r| (format!("{name}.{column}"), r)),
        );
    }
    if rules.is_empty() {
        return;
    }
    open_table(out, &["Quality rule", "On", "Expectation"]);
    for (on, r) in rules {
        let what = text(r, "name")
            .or_else(|| text(r, "description"))
            .or_else(|| text(r, "metric").or_else(|| text(r, "rule")))
            .or_else(|| text(r, "type"))
            .unwrap_or_else(|| "rule".into());
        let mut expect: Vec<String> = Vec::new();
        for key in ["metric", "rule"] {
            if let Some(m) = text(r, key) {
                expect.push(m);
            }
        }
        if let Some(q) = text(r, "query") {
            expect.push(q);
        }
        if let Some(map) = r.as_map() {
            for e in map.iter().filter(|e| e.key.starts_with("must")) {
                let v = e.value.text().unwrap_or_else(|| {
                    e.value
                        .as_seq()
                        .map(|s| {
                            s.iter()
                                .filter_map(Node::text)
                                .collect::<Vec<_>>()
                                .join(" and ")
                        })
                        .unwrap_or_default()
                });
                expect.push(format!("{} {v}", e.key));
            }
        }
        row(
            out,
            &[(&what, false), (&on, true), (&expect.join("; "), false)],
        );
    }
    out.push_str("</tbody></table>");
}

fn sla(out: &mut String, root: &Node) {
    let props = items(root, "slaProperties");
    if props.is_empty() {
        return;
    }
    out.push_str("<h2>Service levels</h2>");
    open_table(out, &["Promise", "Value", "On"]);
    for p in props {
        let value = [text(p, "value"), text(p, "unit")]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let (property, on) = (text(p, "property"), text(p, "element"));
        row(
            out,
            &[
                (property.as_deref().unwrap_or(""), false),
                (&value, false),
                (on.as_deref().unwrap_or(""), true),
            ],
        );
    }
    out.push_str("</tbody></table>");
}

fn servers(out: &mut String, root: &Node) {
    let list = items(root, "servers");
    if list.is_empty() {
        return;
    }
    out.push_str("<h2>Servers</h2>");
    open_table(out, &["Server", "Type", "Environment", "Where"]);
    for s in list {
        let skip = [
            "server",
            "type",
            "environment",
            "description",
            "roles",
            "customProperties",
        ];
        let place: Vec<String> = s
            .as_map()
            .unwrap_or(&[])
            .iter()
            .filter(|e| !skip.contains(&e.key.as_str()))
            .filter_map(|e| e.value.text().map(|v| format!("{}: {v}", e.key)))
            .collect();
        let [server, kind, environment] = ["server", "type", "environment"].map(|k| text(s, k));
        row(
            out,
            &[
                (server.as_deref().unwrap_or(""), false),
                (kind.as_deref().unwrap_or(""), false),
                (environment.as_deref().unwrap_or(""), false),
                (&place.join(", "), true),
            ],
        );
    }
    out.push_str("</tbody></table>");
}

fn team(out: &mut String, team: Option<&Node>) {
    let Some(team) = team else { return };
    // v3.1+: an object with a name and members; v3.0: a list of members.
    let members = team.as_seq().unwrap_or_else(|| items(team, "members"));
    let name = text(team, "name");
    if name.is_none() && members.is_empty() {
        return;
    }
    out.push_str("<h2>Team</h2>");
    if let Some(n) = name {
        let _ = write!(out, "<p><b>{}</b>", esc(&n));
        if let Some(d) = text(team, "description") {
            let _ = write!(out, " — {}", esc(&d));
        }
        out.push_str("</p>");
    }
    if !members.is_empty() {
        out.push_str("<ul>");
        for m in members {
            let who = text(m, "name")
                .or_else(|| text(m, "username"))
                .unwrap_or_default();
            let role = text(m, "role")
                .map(|r| format!(" ({r})"))
                .unwrap_or_default();
            let _ = write!(out, "<li>{}{}</li>", esc(&who), esc(&role));
        }
        out.push_str("</ul>");
    }
}

fn support(out: &mut String, channels: &[Node]) {
    if channels.is_empty() {
        return;
    }
    out.push_str("<h2>Support</h2><ul>");
    for c in channels {
        let channel = text(c, "channel").unwrap_or_default();
        let label = match text(c, "tool") {
            Some(t) => format!("{channel} ({t})"),
            None => channel.clone(),
        };
        let shown = match text(c, "url") {
            Some(u) => link(&u, &label),
            None => esc(&label),
        };
        let scope = text(c, "scope")
            .map(|s| format!(" — {}", esc(&s)))
            .unwrap_or_default();
        let _ = write!(out, "<li>{shown}{scope}</li>");
    }
    out.push_str("</ul>");
}

/// A data product manifest: its fundamentals, ports and team.
fn product(out: &mut String, root: &Node) {
    let info = root.get("info").unwrap_or(root);
    let title = text(info, "name")
        .or_else(|| text(root, "name"))
        .or_else(|| text(root, "id"))
        .unwrap_or_else(|| "Untitled data product".into());
    let _ = write!(
        out,
        "<h1>{}</h1><p class=\"pv-sub\">Data product</p>",
        esc(&title)
    );
    meta(
        out,
        &[
            (
                "Domain",
                text(info, "domain").or_else(|| text(root, "domain")),
            ),
            (
                "Status",
                text(info, "status").or_else(|| text(root, "status")),
            ),
            ("Id", text(root, "id")),
            (
                "Standard",
                text(root, "apiVersion").map(|v| format!("ODPS {v}")),
            ),
        ],
    );
    description(
        out,
        info.get("description").or_else(|| root.get("description")),
    );
    for (key, label) in [
        ("inputPorts", "Input ports"),
        ("outputPorts", "Output ports"),
        ("managementPorts", "Management ports"),
    ] {
        let ports = items(root, key);
        if ports.is_empty() {
            continue;
        }
        let _ = write!(out, "<h2>{label}</h2>");
        open_table(out, &["Port", "Contract", "Version"]);
        for p in ports {
            let [name, contract, version] = ["name", "contractId", "version"].map(|k| text(p, k));
            row(
                out,
                &[
                    (name.as_deref().unwrap_or(""), false),
                    (contract.as_deref().unwrap_or(""), true),
                    (version.as_deref().unwrap_or(""), false),
                ],
            );
        }
        out.push_str("</tbody></table>");
    }
    team(out, root.get("team"));
    support(out, items(root, "support"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn preview(text: &str) -> String {
        fragment(&crate::yaml::parse(text).root.unwrap())
    }

    #[test]
    fn the_example_shows_what_a_consumer_reads() {
        let html = preview(crate::templates::ORDERS_EXAMPLE.text);
        for part in [
            "<h1>orders.events.v1</h1>",
            "<h2>Schema</h2>",
            "<h2>Service levels</h2>",
            "<h2>Servers</h2>",
            "<h2>Team</h2>",
            "<h2>Support</h2>",
            "pv-badge pv-key\">PK",
            "Amara Okafor (owner)",
        ] {
            assert!(html.contains(part), "{part} missing");
        }
        let page = page(
            &crate::yaml::parse(crate::templates::ORDERS_EXAMPLE.text)
                .root
                .unwrap(),
        );
        assert!(
            page.starts_with("<!doctype html>") && page.contains("<title>orders.events.v1</title>")
        );
        assert!(!page.contains("<script"));
    }

    #[test]
    fn nothing_in_a_contract_becomes_markup_or_a_script() {
        let html = preview(
            "apiVersion: v3.2.0\nkind: DataContract\nid: x\nname: \"<script>alert(1)</script>\"\nversion: 1.0.0\nstatus: \"active\\\" onclick=\\\"x\"\ndescription:\n  purpose: \"<img src=x onerror=alert(1)>\"\nschema:\n  - name: \"t</h3><script>\"\n    properties:\n      - name: \"c&d\"\n        description: \"'quoted' \\\"too\\\"\"\nsupport:\n  - channel: evil\n    url: \"javascript:alert(1)\"\n  - channel: fine\n    url: https://example.com/?a=1&b=\"2\"\n",
        );
        assert!(!html.contains("<script>alert"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(html.contains("c&amp;d"));
        assert!(html.contains("&#39;quoted&#39; &quot;too&quot;"));
        // A `javascript:` address stays text; an https one is a link, its quotes escaped.
        assert!(!html.contains("href=\"javascript"), "{html}");
        assert!(html.contains("href=\"https://example.com/?a=1&amp;b=&quot;2&quot;\""));
        // The only tags are the preview's own.
        let tags: std::collections::BTreeSet<&str> = html
            .split('<')
            .skip(1)
            .map(|t| t.split([' ', '>', '/']).next().unwrap_or(""))
            .collect();
        for t in &tags {
            assert!(
                [
                    "", "style", "article", "h1", "h2", "h3", "p", "span", "b", "div", "table",
                    "thead", "tbody", "tr", "th", "td", "code", "ul", "li", "a"
                ]
                .contains(t),
                "unexpected tag <{t}>"
            );
        }
    }

    #[test]
    fn nested_columns_and_products() {
        let html = preview("apiVersion: v3.2.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: draft\nschema:\n  - name: t\n    properties:\n      - name: address\n        logicalType: object\n        properties:\n          - name: city\n            logicalType: string\n");
        assert!(
            html.contains("<span class=\"pv-nested\">address.</span>city"),
            "{html}"
        );
        let html = preview(crate::templates::ODPS_EXAMPLE.text);
        assert!(
            html.contains("Data product") && html.contains("Output ports"),
            "{html}"
        );
    }

    #[test]
    fn relationships_definitions_and_custom_properties_are_shown() {
        let html = preview("apiVersion: v3.2.0\nkind: DataContract\nid: x\nversion: 1.0.0\nstatus: draft\nschema:\n  - name: orders\n    relationships:\n      - type: foreignKey\n        from: [orders.a, orders.b]\n        to: [ab.a, ab.b]\n    authoritativeDefinitions:\n      - type: businessDefinition\n        url: https://wiki.example.com/orders\n    customProperties:\n      - property: owner_cost_center\n        value: \"<b>42</b>\"\n    properties:\n      - name: customer_id\n        description: Who ordered.\n        relationships:\n          - to: customers.id\n        authoritativeDefinitions:\n          - type: glossary\n            url: https://wiki.example.com/customer\nauthoritativeDefinitions:\n  - type: canonicalUrl\n    url: https://example.com/c.yaml\n    description: Where it lives\ncustomProperties:\n  - property: tier\n    value: [gold, silver]\n");
        for part in [
            "<span class=\"pv-badge pv-fk\">→ customers.id</span>",
            "Who ordered. <span class=\"pv-def\"><a href=\"https://wiki.example.com/customer\"",
            "<b>Relationships.</b> orders.a, orders.b → ab.a, ab.b (foreignKey)",
            ">businessDefinition</a>",
            "<h2>Definitions</h2>",
            ">canonicalUrl</a> — Where it lives",
            "<h2>Custom properties</h2>",
            "<td><code>tier</code></td><td>[&quot;gold&quot;,&quot;silver&quot;]</td>",
            "&lt;b&gt;42&lt;/b&gt;",
        ] {
            assert!(html.contains(part), "{part} missing in {html}");
        }
    }
}

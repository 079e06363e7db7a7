//! The Mesh view: the data products of the workspace (the documents open), the contracts
//! of their ports and who reads what, built by the core (`charter_core::mesh`, asked from
//! the worker with each check while shown). Its gaps are highlighted: a contract nobody
//! reads, a port whose contract is missing, a product owned by one person, without a
//! support channel or a freshness promise. A product or contract opens its document.

use charter_core::mesh::{Gap, Mesh};
use leptos::prelude::*;

/// A gap as a short badge.
fn badge(gap: Gap) -> &'static str {
    match gap {
        Gap::MissingContract => "contract missing",
        Gap::SingleOwner => "one owner",
        Gap::NoSupport => "no support channel",
        Gap::NoFreshness => "no freshness promise",
        Gap::Unconsumed => "nobody reads it",
    }
}

#[component]
pub fn MeshView(
    mesh: RwSignal<Option<Mesh>>,
    /// Open the document a product or contract comes from (its file or tab name).
    on_open: Callback<String>,
    /// Download the mesh as a Mermaid chart.
    on_export: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="mesh-view" id="mesh" role="region" aria-label="Data mesh">
            {move || match mesh.get() {
                None => view! { <p class="empty">"Reading the workspace…"</p> }.into_any(),
                Some(m) if m.products.is_empty() && m.contracts.is_empty() => view! {
                    <p class="empty" id="mesh-empty">"The mesh is drawn from the documents open here: open or create data product manifests and the contracts of their ports (New, Open, or drop files)."</p>
                }.into_any(),
                Some(m) => {
                    // Who serves and who reads each contract (the core's answers).
                    let servers_of = |c: &str| m.servers_of(c);
                    let readers_of = |c: &str| m.readers_of(c);
                    let known = |c: &str| m.contracts.iter().any(|k| k.id == c);
                    let summary = format!(
                        "{} data product{} · {} contract{} · {} gap{}",
                        m.products.len(), if m.products.len() == 1 { "" } else { "s" },
                        m.contracts.len(), if m.contracts.len() == 1 { "" } else { "s" },
                        m.problems.len(), if m.problems.len() == 1 { "" } else { "s" },
                    );
                    let products = m.products.iter().map(|p| {
                        let gaps: Vec<Gap> = m.problems.iter().filter(|g| g.subject == p.name && g.gap != Gap::Unconsumed).map(|g| g.gap).collect();
                        let mut uniq = gaps;
                        uniq.sort();
                        uniq.dedup();
                        let classes = std::iter::once("mesh-product".to_string())
                            .chain(uniq.iter().map(|g| format!("gap-{}", g.as_str())))
                            .collect::<Vec<_>>()
                            .join(" ");
                        let file = p.file.clone();
                        let owner = match (&p.team, p.members) {
                            (Some(t), 1) => format!("owner {t} (one person)"),
                            (Some(t), _) => format!("team {t}"),
                            (None, _) => "no team".to_string(),
                        };
                        let support = p.support.clone().unwrap_or_else(|| "no support channel".into());
                        let reads = p.inputs.iter().map(|i| {
                            let c = i.contract.clone().unwrap_or_else(|| "(no contract)".into());
                            let missing = i.contract.as_deref().is_some_and(|c| !known(c));
                            let from = i.contract.as_deref().map(servers_of).unwrap_or_default();
                            let from = if from.is_empty() { String::new() } else { format!(" from {}", from.join(", ")) };
                            view! {
                                <li class:missing=missing>
                                    <span class="port">{i.name.clone()}</span>" ← "<code>{c}</code>{from}
                                    {missing.then(|| view! { <span class="gap-badge">"contract missing"</span> })}
                                </li>
                            }
                        }).collect_view();
                        let serves = p.outputs.iter().map(|o| {
                            let c = o.contract.clone().unwrap_or_else(|| "(no contract)".into());
                            let missing = o.contract.as_deref().is_some_and(|c| !known(c));
                            let readers = o.contract.as_deref().map(readers_of).unwrap_or_default();
                            let to = if readers.is_empty() { " · nobody reads it".to_string() } else { format!(" → {}", readers.join(", ")) };
                            view! {
                                <li class:missing=missing>
                                    <span class="port">{o.name.clone()}</span>" → "<code>{c}</code>{to}
                                    {missing.then(|| view! { <span class="gap-badge">"contract missing"</span> })}
                                </li>
                            }
                        }).collect_view();
                        let has_inputs = !p.inputs.is_empty();
                        let has_outputs = !p.outputs.is_empty();
                        view! {
                            <article class=classes data-product=p.name.clone()>
                                <header>
                                    <button class="mesh-name" title="Open its manifest" on:click=move |_| on_open.run(file.clone())>{p.name.clone()}</button>
                                    {uniq.iter().map(|g| view! { <span class=format!("gap-badge {}", g.as_str())>{badge(*g)}</span> }).collect_view()}
                                </header>
                                <div class="mesh-meta"><span>{owner}</span>" · "<span>{support}</span></div>
                                {has_inputs.then(|| view! { <h4>"Reads"</h4><ul class="mesh-ports">{reads}</ul> })}
                                {has_outputs.then(|| view! { <h4>"Serves"</h4><ul class="mesh-ports">{serves}</ul> })}
                            </article>
                        }
                    }).collect_view();
                    let contracts = m.contracts.iter().map(|c| {
                        let unread = m.problems.iter().any(|g| g.gap == Gap::Unconsumed && g.subject == c.id);
                        let served = servers_of(&c.id);
                        let read = readers_of(&c.id);
                        let file = c.file.clone();
                        let detail = format!(
                            "{}{} · served by {} · read by {}",
                            c.version.as_deref().map(|v| format!("v{v}")).unwrap_or_default(),
                            c.freshness.as_deref().map(|f| format!(" · fresh within {f}")).unwrap_or_default(),
                            if served.is_empty() { "no product here".to_string() } else { served.join(", ") },
                            if read.is_empty() { "nobody".to_string() } else { read.join(", ") },
                        );
                        view! {
                            <li class="mesh-contract" class:gap-unconsumed=unread data-contract=c.id.clone()>
                                <button class="mesh-name" title="Open the contract" on:click=move |_| on_open.run(file.clone())><code>{c.id.clone()}</code></button>
                                {unread.then(|| view! { <span class="gap-badge unconsumed">"nobody reads it"</span> })}
                                <span class="mesh-meta">{detail}</span>
                            </li>
                        }
                    }).collect_view();
                    let problems = m.problems.iter().map(|g| view! {
                        <li class=format!("mesh-gap {}", g.gap.as_str())><span class=format!("gap-badge {}", g.gap.as_str())>{badge(g.gap)}</span>" "{g.message.clone()}</li>
                    }).collect_view();
                    let any_gap = !m.problems.is_empty();
                    view! {
                        <div class="mesh-head">
                            <span class="mesh-summary" id="mesh-summary">{summary}</span>
                            <button class="btn small" id="mesh-export" title="Download the mesh as a Mermaid chart" on:click=move |_| on_export.run(())>"Export Mermaid"</button>
                        </div>
                        <div class="mesh-products" id="mesh-products">{products}</div>
                        <h3 class="group">"Contracts"</h3>
                        <ul class="mesh-contracts" id="mesh-contracts">{contracts}</ul>
                        {any_gap.then(|| view! { <h3 class="group">"Gaps"</h3><ul class="mesh-gaps" id="mesh-gaps">{problems}</ul> })}
                    }.into_any()
                }
            }}
        </div>
    }
}

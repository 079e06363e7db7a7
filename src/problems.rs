//! The Problems panel: the last check's diagnostics (a click opens the place), and the
//! reference of every rule, generated from the catalogues.

use crate::state::PanelView;
use charter_core::lint::Level;
use charter_core::Severity;
use charter_worker::{MARK_LIMIT, PANEL_LIMIT};
use leptos::prelude::*;

/// The diagnostics of the shown document.
#[component]
pub(crate) fn ProblemsPane(
    panel: Memo<Option<PanelView>>,
    /// The document is in safe mode: not checked.
    unchecked: Signal<bool>,
    /// A problem clicked: its index.
    on_goto: Callback<usize>,
) -> impl IntoView {
    view! {
                    {move || {
            if unchecked.get() {
                return view! { <p class="empty" id="not-checked">"Not checked: this document is in safe mode."</p> }.into_any();
            }
            let Some(shown) = panel.get() else { return view! { <p class="empty">"Checking…"</p> }.into_any() };
            if shown.items.is_empty() {
                let label = shown.label;
                return view! {
                    <div class="empty ok" id="no-problems">
                        <span class="big-check">"✓"</span>
                        <p>"No problems. This is a valid " {label} " document."</p>
                    </div>
                }.into_any();
            }
            let total = shown.total;
            view! {
                <ul class="problem-list" id="problem-list">
                    {shown.items.into_iter().enumerate().map(|(i, d)| {
                        let sev = d.severity.as_str();
                        let icon = match d.severity { Severity::Error => "✕", Severity::Warning => "!", Severity::Info => "i" };
                        view! {
                            <li>
                                <button class=format!("problem {sev}") data-line=d.line data-code=d.code data-pointer=d.pointer on:click=move |_| on_goto.run(i)>
                                    <span class="sev-icon" aria-label=sev>{icon}</span>
                                    <span class="problem-body">
                                        <span class="problem-msg">{rich_text(&d.message)}</span>
                                        <span class="problem-loc">{format!("Ln {}, Col {}", d.line, d.col)}<span class="code">{d.code}</span></span>
                                    </span>
                                </button>
                            </li>
                        }
                    }).collect_view()}
                    {(total > PANEL_LIMIT).then(|| view! { <li class="more">{
                        if total > MARK_LIMIT {
                            format!("and {} more (the editor marks the first {MARK_LIMIT})", total - PANEL_LIMIT)
                        } else {
                            format!("and {} more (the editor marks them all)", total - PANEL_LIMIT)
                        }
                    }</li> })}
                </ul>
            }.into_any()
        }}
    }
}

/// Show `code` spans of a message as code.
fn rich_text(message: &str) -> impl IntoView {
    message
        .split('`')
        .enumerate()
        .map(|(i, part)| {
            let part = part.to_string();
            if i % 2 == 1 {
                view! { <code>{part}</code> }.into_any()
            } else {
                part.into_any()
            }
        })
        .collect_view()
}

/// The reference of every diagnostic code and change rule, generated from the catalogues.
#[component]
pub(crate) fn RulesReference() -> impl IntoView {
    use charter_core::{codes, diff::rules};
    view! {
        <div class="rules-ref" id="rules-reference">
            <h3 class="group">"Change rules (Review and charter diff)"</h3>
            <p class="hint">"Impact on consumers (readers) / producers (writers)."</p>
            {rules::ALL.iter().map(|r| view! {
                <div class="rule" data-rule=r.id>
                    <div class="rule-head">
                        <code>{r.id}</code>
                        <span class=format!("badge {}", r.consumers.as_str())>{r.consumers.as_str()}</span>
                        <span class=format!("badge {}", r.producers.as_str())>{r.producers.as_str()}</span>
                    </div>
                    <div class="rule-why">{r.why}</div>
                </div>
            }).collect_view()}
            <h3 class="group">"Lint and governance rules (Problems and charter lint)"</h3>
            <p class="hint">"Built-in levels; a governance policy in the workspace (New › Governance policy) changes them."</p>
            {charter_core::lint::ALL.iter().map(|r| view! {
                <div class="rule" data-lint=r.id>
                    <div class="rule-head"><code>{r.id}</code><span class=format!("badge {}", match r.level { Level::Error => "breaking", Level::Warning => "warning", _ => "info" })>{r.level.as_str()}</span>{r.governance.then(|| view! { <span class="badge info">"governance"</span> })}{(r.applies == charter_core::lint::Applies::Both).then(|| view! { <span class="badge info">"manifests too"</span> })}</div>
                    <div class="rule-why">{r.why}</div>
                </div>
            }).collect_view()}
            <h3 class="group">"Diagnostics (Problems and charter validate)"</h3>
            {codes::ALL.iter().map(|c| view! {
                <div class="rule" data-code=c.id>
                    <div class="rule-head"><code>{c.id}</code><span class=format!("badge {}", if c.severity == Severity::Error { "breaking" } else { "warning" })>{c.severity.as_str()}</span></div>
                    <div class="rule-why">{c.why}</div>
                </div>
            }).collect_view()}
        </div>
    }
}

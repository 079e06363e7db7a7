//! The status bar: the document's kind and standard, its counts, the review's verdict, a
//! check under way (with Stop), the cursor and whether the text is saved.

use crate::js;
use crate::review::Review;
use crate::state::{plural, Checked, Progress, Unsaved};
use leptos::prelude::*;
use std::collections::BTreeMap;

#[component]
pub(crate) fn StatusBar(
    checked: RwSignal<Checked>,
    cursor: RwSignal<(usize, usize)>,
    unsaved: RwSignal<BTreeMap<u32, Unsaved>>,
    /// The document shown.
    active: Signal<u32>,
    /// Documents in safe mode (unchecked), with why.
    safe: RwSignal<BTreeMap<u32, Option<String>>>,
    progress: RwSignal<Progress>,
    review: Review,
    /// Checks answered so far, and how long the last took (read by the tests and timing).
    generation: RwSignal<u64>,
    check_ms: RwSignal<f64>,
    /// The review's verdict clicked: show the Review panel.
    on_review: Callback<()>,
) -> impl IntoView {
    let counts = move || checked.with(|c| (c.errors, c.warnings));
    view! {
            <footer class="statusbar" id="statusbar" data-generation=move || generation.get() data-check-ms=move || format!("{:.2}", check_ms.get())>
            <span class="kind" id="status-kind">{move || checked.with(|c| c.report.as_ref().and_then(|r| r.standard.as_ref()).map(|s| s.kind_label()).unwrap_or("Document"))}</span>
            <span class="std" id="status-standard">{move || checked.with(|c| c.report.as_ref().map(|r| r.standard.clone().map(|s| if s.supported { s.label() } else { format!("{} (not supported yet)", s.label()) }).unwrap_or_else(|| "Unknown document".into())).unwrap_or_default())}</span>
            <span id="status-counts" class=move || {
                let unchecked = checked.with(|c| c.report.is_none());
                if unchecked { "counts" } else if counts().0 > 0 { "counts bad" } else { "counts good" }
            }>
                {move || {
                    if safe.with(|s| s.contains_key(&active.get())) {
                        return "Not checked (safe mode)".to_string();
                    }
                    if checked.with(|c| c.report.is_none()) {
                        return "Checking…".to_string();
                    }
                    let (e, w) = counts();
                    match (e, w) {
                        (0, 0) => "✓ Valid".to_string(),
                        (0, w) => format!("✓ Valid · {w} {}", plural(w, "warning")),
                        (e, 0) => format!("{e} {}", plural(e, "error")),
                        (e, w) => format!("{e} {} · {w} {}", plural(e, "error"), plural(w, "warning")),
                    }
                }}
            </span>
            {move || review.breaking().map(|n| view! {
                <button class="impact" id="impact-badge" class:bad=n != 0 title="Breaking changes against the review base" on:click=move |_| on_review.run(())>
                    {if n == 0 { "No breaking changes vs base".to_string() } else { format!("{n} breaking vs base") }}
                </button>
            })}
            {move || {
                let p = progress.get();
                let step = p.step.map(|(step, done)| view! {
                    <span class="check-progress" id="check-progress" role="status">
                        <progress max="1" value=done></progress>
                        {format!("{step}…")}
                    </span>
                });
                let stop = p.slow.then(|| view! {
                    <button class="btn small" id="stop-check" title="Stop this check: the document opens read-only, unchecked (safe mode)" on:click=move |_| js::stop_checker()>"Stop checking"</button>
                });
                (step, stop)
            }}
            <span class="spacer"></span>
            <span id="status-cursor">{move || { let (l, c) = cursor.get(); format!("Ln {l}, Col {c}") }}</span>
            {move || {
                let state = unsaved.with(|m| m.get(&active.get()).cloned());
                let (class, label) = match state {
                    None => ("saved", "Saved in this browser"),
                    Some(Unsaved::Saving) => ("saving", "Saving…"),
                    Some(Unsaved::Failed(_)) => ("unsaved", "Not saved"),
                    Some(Unsaved::Conflict) => ("unsaved", "Not saved: changed in another tab"),
                };
                view! { <span id="status-save" class=class>{label}</span> }
            }}
        </footer>
    }
}

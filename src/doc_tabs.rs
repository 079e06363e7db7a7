//! The document tabs: one per document of the workspace, labelled by its name (the file
//! name as tooltip, with its kind), a dot for its state, × to close.

use crate::docs;
use crate::state::Checked;
use charter_worker::DocInfo;
use leptos::prelude::*;
use std::collections::{BTreeMap, HashMap};

#[component]
pub(crate) fn DocTabs(
    ws: RwSignal<docs::Stored>,
    /// Each document's label and full file name.
    labels: Memo<HashMap<u32, (String, String)>>,
    infos: RwSignal<BTreeMap<u32, DocInfo>>,
    checked: RwSignal<Checked>,
    on_switch: Callback<u32>,
    on_close: Callback<u32>,
) -> impl IntoView {
    let counts = move || checked.with(|c| (c.errors, c.warnings));
    let tab_labels = labels;
    view! {
                    <div class="doc-tabs" id="doc-tabs" role="tablist" aria-label="Open documents">
            <For each=move || ws.get().docs key=|d| d.id let:d>
                {
                    let id = d.id;
                    let is_active = move || ws.with(|w| w.active == id);
                    let label = move || tab_labels.with(|m| m.get(&id).map(|l| l.0.clone()).unwrap_or_default());
                    let state = move || {
                        let (e, w) = if is_active() { counts() } else { infos.with(|m| m.get(&id).map(|i| (i.errors, i.warnings)).unwrap_or((0, 0))) };
                        if e > 0 { "dot err" } else if w > 0 { "dot warn" } else { "dot ok" }
                    };
                    let kind = move || if is_active() {
                        checked.with(|c| c.report.as_ref().and_then(|r| r.standard.as_ref()).map(|s| s.kind_label()).unwrap_or("Document").to_string())
                    } else {
                        infos.with(|m| m.get(&id).map(|i| i.kind.clone()).unwrap_or_default())
                    };
                    let title = move || format!("{} ({})", tab_labels.with(|m| m.get(&id).map(|l| l.1.clone()).unwrap_or_default()), kind());
                    view! {
                        <div class="doc-tab" class:active=is_active data-doc-id=id>
                            <button class="doc-tab-name" role="tab" aria-selected=move || is_active().to_string() title=title on:click=move |_| on_switch.run(id)>
                                <span class=state></span>
                                <span class="doc-tab-label">{label}</span>
                            </button>
                            <Show when=move || ws.with(|w| w.docs.len() > 1)>
                                <button class="doc-tab-close" title="Close this document" aria-label="Close" on:click=move |_| on_close.run(id)>"×"</button>
                            </Show>
                        </div>
                    }
                }
            </For>
        </div>
    }
}

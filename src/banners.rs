//! The banners over the workspace: a document not saved (download a copy) or changed in
//! another tab (which to keep), safe mode, the checker stopped, storage nearly full,
//! settings not saved.

use crate::state::Unsaved;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[component]
#[allow(clippy::too_many_arguments)]
pub(crate) fn Banners(
    unsaved: RwSignal<BTreeMap<u32, Unsaved>>,
    /// How full browser storage is, when it is nearly full.
    storage_warning: RwSignal<String>,
    /// Settings, snapshots or review bases that could not be saved.
    storage_error: RwSignal<Option<String>>,
    checker_error: RwSignal<Option<String>>,
    safe: RwSignal<BTreeMap<u32, Option<String>>>,
    active: Signal<u32>,
    /// A document's name.
    name_of: Callback<u32, String>,
    on_download_doc: Callback<u32>,
    /// Download the document shown.
    on_download: Callback<()>,
    /// A conflict settled: (document, keep this tab's text).
    on_resolve: Callback<(u32, bool)>,
    on_check_again: Callback<u32>,
) -> impl IntoView {
    // One banner per document that failed to save or is in conflict with another tab.
    let banners = move || {
        unsaved.with(|m| {
            m.iter()
                .filter(|(_, u)| !matches!(u, Unsaved::Saving))
                .map(|(id, u)| (*id, u.clone()))
                .collect::<Vec<_>>()
        })
    };

    view! {
            <For each=banners key=|(id, u)| (*id, format!("{u:?}")) let:entry>
            {
                let (id, state) = entry;
                let name = move || name_of.run(id);
                match state {
                    Unsaved::Failed(reason) => view! {
                        <div class="banner" role="alert" id="storage-banner" data-doc-id=id>
                            <span>
                                "Autosave to browser storage failed (" {reason} "): " <strong>{name}</strong> " is not saved. "
                                "Its text is still in the editor: download a copy to keep it safe."
                                {move || (!storage_warning.get().is_empty()).then(|| view! { " " {storage_warning.get()} })}
                            </span>
                            <button class="btn" on:click=move |_| on_download_doc.run(id)>"Download a copy"</button>
                        </div>
                    }.into_any(),
                    _ => view! {
                        <div class="banner" role="alert" id="conflict-banner" data-doc-id=id>
                            <span><strong>{name}</strong> " was changed in another tab while you edited it here. Which version do you keep? The other is one Ctrl+Z away."</span>
                            <button class="btn" id="conflict-theirs" on:click=move |_| on_resolve.run((id, false))>"Use the other tab's"</button>
                            <button class="btn primary" id="conflict-mine" on:click=move |_| on_resolve.run((id, true))>"Keep mine"</button>
                        </div>
                    }.into_any(),
                }
            }
        </For>
        {move || {
            let id = active.get();
            safe.with(|s| s.get(&id).cloned()).map(|reason| view! {
                <div class="banner notice" role="alert" id="safe-banner">
                    <span>
                        {match reason {
                            Some(why) => format!("Checking this document stopped Charter's checker ({why}), so it is open read-only and unchecked (safe mode). "),
                            None => "Charter stopped while checking this document last time, so it is open read-only and unchecked (safe mode). ".to_string(),
                        }}
                        "Its text is saved; download a copy, or check it again."
                    </span>
                    <button class="btn" id="safe-download" on:click=move |_| on_download.run(())>"Download a copy"</button>
                    <button class="btn primary" id="safe-check" on:click=move |_| on_check_again.run(id)>"Check it again"</button>
                </div>
            })
        }}
        {move || checker_error.get().map(|why| view! {
            <div class="banner" role="alert" id="checker-banner">
                <span>"Charter's checker stopped (" {why} "), so documents are not checked. Your text is saved; reload the page to start it again."</span>
            </div>
        })}
        <Show when=move || !storage_warning.get().is_empty() && !unsaved.with(|m| m.values().any(|u| matches!(u, Unsaved::Failed(_))))>
            <div class="banner notice" role="status" id="quota-banner">
                <span>{move || storage_warning.get()}</span>
            </div>
        </Show>
        <Show when=move || storage_error.get().is_some()>
            <div class="banner" role="alert" id="settings-banner">
                <span>
                    "Saving snapshots and review settings to browser storage failed ("{move || storage_error.get().unwrap_or_default()}"). "
                    "Your documents are not affected."
                </span>
            </div>
        </Show>

    }
}

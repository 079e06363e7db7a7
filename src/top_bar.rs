//! The top bar: the brand, the file name, and New (a menu of templates and "New
//! contract…"), Open, Open folder, Export, Copy and Download (Save for a document opened from a
//! folder the browser lets Charter write to).

use crate::focus_id;
use charter_core::templates::{self, Template};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub(crate) fn TopBar(
    file_name: Signal<String>,
    new_menu: RwSignal<bool>,
    new_dialog: RwSignal<bool>,
    file_input: NodeRef<leptos::html::Input>,
    folder_input: NodeRef<leptos::html::Input>,
    /// Open a folder (the picker, or the folder input).
    on_folder: Callback<()>,
    on_folder_files: Callback<leptos::ev::Event>,
    /// The document shown goes back to its file on Save.
    writable: Signal<bool>,
    on_template: Callback<&'static Template>,
    on_file: Callback<leptos::ev::Event>,
    on_copy: Callback<()>,
    on_export: Callback<()>,
    on_download: Callback<()>,
) -> impl IntoView {
    view! {
            <header class="topbar">
            <div class="brand">
                <svg class="logo" viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h10l6 6v10H4z" fill="var(--accent)"/><path d="M14 4v6h6" fill="var(--accent-2)"/><path d="M7 14h10M7 17h7" stroke="white" stroke-width="1.6" stroke-linecap="round"/></svg>
                <span class="brand-name">"Charter"</span>
            </div>
            <div class="doc-name" title="File name used for Download">{move || file_name.get()}</div>
            <nav class="actions">
                <div class="menu-wrap" on:keydown=move |ev: web_sys::KeyboardEvent| menu_keys(&ev, new_menu)>
                    <button class="btn" id="new-button" aria-haspopup="menu" aria-expanded=move || new_menu.get().to_string() on:click=move |_| new_menu.update(|m| *m = !*m)>
                        "New" <span class="caret">"▾"</span>
                    </button>
                    <Show when=move || new_menu.get()>
                        <ul class="menu" role="menu">
                            <li role="menuitem">
                                <button class="menu-item" id="new-contract" on:click=move |_| { new_menu.set(false); new_dialog.set(true); }>
                                    <span class="menu-title">"New contract…"</span>
                                    <span class="menu-desc">"Answer four questions (name, domain, team, first table) and get a valid contract to build on."</span>
                                </button>
                            </li>
                            {templates::ALL.iter().map(|t| view! {
                                <li role="menuitem">
                                    <button class="menu-item" data-template=t.id on:click=move |_| on_template.run(t)>
                                        <span class="menu-title">{t.title}</span>
                                        <span class="menu-desc">{t.description}</span>
                                    </button>
                                </li>
                            }).collect_view()}
                        </ul>
                    </Show>
                </div>
                <button class="btn" id="open-button" title="Open a YAML file, or a CREATE TABLE script to make a contract of (Ctrl+O); you can also drop one on the window" on:click=move |_| { if let Some(i) = file_input.get() { i.click(); } }>"Open…"</button>
                <input type="file" id="file-input" class="hidden" accept=".yaml,.yml,.json,.sql,.avsc,application/yaml,text/yaml,application/sql" node_ref=file_input on:change=move |ev| on_file.run(ev)/>
                <button class="btn" id="open-folder-button" title="Open every contract and manifest of a folder as the workspace; you can also drop a folder on the window" on:click=move |_| on_folder.run(())><span class="label-long">"Open folder…"</span><span class="label-short">"Folder…"</span></button>
                <input type="file" id="folder-input" class="hidden" prop:webkitdirectory=true multiple=true node_ref=folder_input on:change=move |ev| on_folder_files.run(ev)/>
                <button class="btn" id="export-button" title="Export the contract: SQL DDL, JSON Schema, Avro, Mermaid, HTML or JSON" on:click=move |_| on_export.run(())>"Export…"</button>
                <button class="btn" id="copy-button" title="Copy the YAML to the clipboard" on:click=move |_| on_copy.run(())>"Copy"</button>
                <button class="btn primary" id="download-button"
                    title=move || if writable.get() { "Write this text back to its file in the folder (Ctrl+S)" } else { "Download exactly this text (Ctrl+S)" }
                    on:click=move |_| on_download.run(())>{move || if writable.get() { "Save" } else { "Download" }}</button>
            </nav>
        </header>
    }
}

/// Keys in the New menu: Escape closes it (the focus back on its button), ArrowUp and
/// ArrowDown (Home, End) go through its items.
fn menu_keys(ev: &web_sys::KeyboardEvent, open: RwSignal<bool>) {
    if !open.get_untracked() {
        return;
    }
    let items: Vec<web_sys::HtmlElement> = document()
        .query_selector_all(".menu .menu-item")
        .map(|l| {
            (0..l.length())
                .filter_map(|i| l.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
                .collect()
        })
        .unwrap_or_default();
    let at = document().active_element().and_then(|a| {
        items
            .iter()
            .position(|i| a.is_same_node(Some(i.unchecked_ref::<web_sys::Node>())))
    });
    let last = items.len().saturating_sub(1);
    let to = match ev.key().as_str() {
        "Escape" => {
            open.set(false);
            focus_id("new-button");
            ev.prevent_default();
            return;
        }
        "ArrowDown" => at.map_or(0, |i| if i >= last { 0 } else { i + 1 }),
        "ArrowUp" => at.map_or(last, |i| if i == 0 { last } else { i - 1 }),
        "Home" => 0,
        "End" => last,
        _ => return,
    };
    ev.prevent_default();
    if let Some(item) = items.get(to) {
        let _ = item.focus();
    }
}

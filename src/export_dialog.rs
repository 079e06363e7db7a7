//! Export: the contract where its data lives — SQL DDL for a warehouse, JSON Schema, Avro,
//! a Mermaid ER diagram, the preview page or JSON — with a live preview of the output and
//! Download / Copy; or the contract itself in another ODCS version. The worker writes it
//! from the document it checked last (the core's
//! `export`, the same bytes as `charter export`), so a big contract doesn't hold the page.

use crate::js;
use charter_core::export::sql::DIALECTS;
use charter_worker::Answer;
use leptos::prelude::*;

/// The output shown: the file name and text, or why there is none.
type Output = Option<Result<(String, String), String>>;

/// Past this many characters the preview shows the beginning (the download is whole).
const PREVIEW_CHARS: usize = 200_000;

#[component]
pub fn ExportDialog(
    open: RwSignal<bool>,
    /// Changes with each check: the preview follows the text.
    generation: RwSignal<u64>,
    on_download: Callback<(String, String)>,
    on_toast: Callback<(String, bool)>,
) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let format = RwSignal::new("sql".to_string());
    let dialect = RwSignal::new("auto".to_string());
    let schema = RwSignal::new(String::new());
    // JSON Schema and Avro: one object's schema alone ("" = one document for all).
    let object = RwSignal::new(String::new());
    let objects = RwSignal::new(Vec::<String>::new());
    // ODCS: the version to convert to, whether to remove what it can't express, and what
    // was removed.
    let version = RwSignal::new("v3.2.0".to_string());
    let lossy = RwSignal::new(false);
    let notes = RwSignal::new(Vec::<String>::new());
    // With a refusal: what the user can do.
    let next = RwSignal::new(None as Option<String>);
    let output = RwSignal::new(None as Output);
    let asked = StoredValue::new(0u64);

    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        if open.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
        } else if d.open() {
            d.close();
        }
    });
    // Ask the worker again whenever the options or the text change while it is open.
    Effect::new(move |_| {
        let (f, dl, sc, ob) = (format.get(), dialect.get(), schema.get(), object.get());
        let (ve, lo) = (version.get(), lossy.get());
        generation.track();
        if !open.get() {
            return;
        }
        asked.update_value(|n| *n += 1);
        let mine = asked.get_value();
        leptos::task::spawn_local(async move {
            let request = serde_json::json!({ "kind": "exportDoc", "format": f, "dialect": dl, "schema": sc, "object": ob, "version": ve, "lossy": lo }).to_string();
            let answer = js::ask_worker(&request).await.as_string();
            // A newer request was sent meanwhile: its answer is the one to show.
            if asked.try_get_value() != Some(mine) {
                return;
            }
            let result = match answer.as_deref().map(charter_worker::read_answer) {
                Some(Ok(Answer::Export {
                    file,
                    objects: names,
                    notes: said,
                    next: then,
                    ..
                })) => {
                    notes.set(said);
                    next.set(then);
                    // An object renamed or removed: back to one document for all.
                    if !ob.is_empty() && !names.contains(&ob) {
                        object.set(String::new());
                    }
                    objects.set(names);
                    file
                }
                Some(Err(e)) => Err(e),
                _ => Err("the checker stopped".into()),
            };
            if answer.is_none() {
                notes.set(Vec::new());
                next.set(None);
            }
            output.set(Some(result));
        });
    });
    let download = move |_| {
        if let Some(Ok((name, text))) = output.get_untracked() {
            on_download.run((name, text));
        }
    };
    let copy = move |_| {
        if let Some(Ok((_, text))) = output.get_untracked() {
            leptos::task::spawn_local(async move {
                match crate::browser::copy_text(&text).await {
                    Ok(()) => on_toast.run(("Copied the export to the clipboard.".into(), false)),
                    Err(why) => on_toast.run((why, true)),
                }
            });
        }
    };
    let ready = move || matches!(output.get(), Some(Ok(_)));
    view! {
        <dialog class="modal export-modal" id="export-dialog" aria-labelledby="export-title" node_ref=dialog
            on:close=move |_| open.set(false)>
            <h2 id="export-title">"Export the contract"</h2>
            <p class="modal-lead">"Where the data lives: the table DDL, the schema of the event topic, the docs page. Written in this browser, offline."</p>
            <div class="export-options">
                <label class="field inline">
                    <span>"Format"</span>
                    <select id="export-format" on:change=move |ev| format.set(event_target_value(&ev))>
                        {[("sql", "SQL DDL"), ("jsonschema", "JSON Schema"), ("avro", "Avro schema"), ("protobuf", "Protobuf (proto3)"), ("dbt", "dbt models"), ("dbt-sources", "dbt sources"), ("mermaid", "Mermaid ER diagram"), ("markdown", "Markdown"), ("html", "HTML page"), ("json", "JSON"), ("odcs", "ODCS, another version")]
                            .into_iter()
                            .map(|(v, l)| view! { <option value=v selected=move || format.get() == v>{l}</option> })
                            .collect_view()}
                    </select>
                </label>
                <Show when=move || format.get() == "sql">
                    <label class="field inline">
                        <span>"Dialect"</span>
                        <select id="export-dialect" on:change=move |ev| dialect.set(event_target_value(&ev))>
                            <option value="auto" selected=move || dialect.get() == "auto">"auto (from the servers)"</option>
                            {DIALECTS.iter().map(|d| {
                                let n = d.name();
                                view! { <option value=n selected=move || dialect.get() == n>{n}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="field inline">
                        <span>"Schema"</span>
                        <input type="text" id="export-schema" placeholder="(none)" autocomplete="off" spellcheck="false" bind:value=schema/>
                    </label>
                </Show>
                <Show when=move || format.get() == "odcs">
                    <label class="field inline">
                        <span>"Version"</span>
                        <select id="export-version" on:change=move |ev| version.set(event_target_value(&ev))>
                            {charter_core::model::ODCS_VERSIONS.iter().rev().map(|v| {
                                let v = *v;
                                view! { <option value=v selected=move || version.get() == v>{v}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                    <label class="field inline check">
                        <input type="checkbox" id="export-lossy" prop:checked=move || lossy.get() on:change=move |ev| lossy.set(event_target_checked(&ev))/>
                        <span>"Remove what it can't express"</span>
                    </label>
                </Show>
                <Show when=move || matches!(format.get().as_str(), "jsonschema" | "avro") && objects.with(|o| o.len() > 1)>
                    <label class="field inline">
                        <span>"Objects"</span>
                        <select id="export-object" on:change=move |ev| object.set(event_target_value(&ev))>
                            <option value="" selected=move || object.get().is_empty()>"all, in one document"</option>
                            {move || objects.get().into_iter().map(|n| {
                                let label = format!("{n} alone");
                                let v = n.clone();
                                view! { <option value=n selected=move || object.get() == v>{label}</option> }
                            }).collect_view()}
                        </select>
                    </label>
                </Show>
            </div>
            {move || match output.get() {
                None => view! { <pre class="export-preview" id="export-preview">"Writing…"</pre> }.into_any(),
                Some(Err(why)) => {
                    // Why, then the places it names (one per item), then what to do.
                    let items = notes.get();
                    let head = if items.is_empty() { format!("Nothing to export: {why}.") } else { format!("Nothing to export: {why}") };
                    view! {
                        <div class="export-error error-text" id="export-error">
                            {head}
                            {(!items.is_empty()).then(|| view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> })}
                            {next.get().map(|t| view! { <p class="export-next">{format!("{t}.")}</p> })}
                        </div>
                    }.into_any()
                }
                Some(Ok((name, text))) => {
                    let shown = match text.char_indices().nth(PREVIEW_CHARS) {
                        Some((cut, _)) => format!("{}\n… (the download has all {} characters)", &text[..cut], text.chars().count()),
                        None => text,
                    };
                    let removed = notes.get();
                    view! {
                        <div class="export-file" id="export-file">{name}</div>
                        {(!removed.is_empty()).then(|| view! {
                            <ul class="export-notes" id="export-notes">{removed.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                        })}
                        <pre class="export-preview" id="export-preview">{shown}</pre>
                    }.into_any()
                }
            }}
            <div class="modal-actions">
                <button type="button" class="btn" id="export-close" on:click=move |_| open.set(false)>"Close"</button>
                <button type="button" class="btn" id="export-copy" disabled=move || !ready() on:click=copy>"Copy"</button>
                <button type="button" class="btn primary" id="export-download" disabled=move || !ready() on:click=download>"Download"</button>
            </div>
        </dialog>
    }
}

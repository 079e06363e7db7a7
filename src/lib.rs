//! Charter's browser app: a thin Leptos view over `charter_core`.
//!
//! The YAML text in the editor is the single source of truth. Every change schedules one
//! check, run by the checking worker (`crates/worker`, the same core in a Web Worker, so
//! the page never waits for it); the view shows its answer in the editor (squiggles,
//! gutter), the Problems panel, the document tabs and the review. No business logic lives here.

mod banners;
mod browser;
mod diagram;
mod doc_tabs;
mod docs;
mod export_dialog;
mod folder;
mod form;
mod js;
mod mesh;
mod new_contract;
mod problems;
mod review;
mod schema_table;
mod state;
mod status_bar;
mod top_bar;
mod view_tabs;

use charter_core::templates::{self, Template};

use banners::Banners;
use charter_worker::{Answer, DocInfo, PANEL_LIMIT};
use doc_tabs::DocTabs;
use docs::{Remote, StoreEvent};
use leptos::prelude::*;
use leptos::task::spawn_local;
use new_contract::NewContractDialog;
use problems::{ProblemsPane, RulesReference};
use review::{Review, ReviewPanel};
use schema_table::SchemaTableView;
use state::{stem_of, Checked, PanelItem, PanelView, Progress, Tab, Unsaved, ViewMode};
use status_bar::StatusBar;
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use top_bar::TopBar;
use view_tabs::ViewTabs;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The checking worker's loader, written by Trunk (index.html: `data-type="worker"`).
const WORKER_URL: &str = "./charter-worker_loader.js";
/// The import worker, started when a user first opens a file to import.
const IMPORTER_URL: &str = "./charter-importer_loader.js";

/// Tell the user the app hit an internal error (called from the panic hook).
pub fn report_crash(message: &str) {
    js::report_crash(message);
}

/// Open the browser store, then show the app.
pub async fn start() {
    let stored = docs::open(templates::ORDERS_EXAMPLE.text).await;
    leptos::mount::mount_to_body(move || view! { <App stored=stored.clone()/> });
}

#[component]
pub fn App(stored: docs::Stored) -> impl IntoView {
    let checked = RwSignal::new(Checked::default());
    let cursor = RwSignal::new((1usize, 1usize));
    // Documents not (yet) saved, and why; a document not listed is saved.
    let unsaved = RwSignal::new(BTreeMap::<u32, Unsaved>::new());
    // Settings, snapshots or review bases that could not be saved, and how full storage is.
    let storage_error = RwSignal::new(None::<String>);
    let storage_warning = RwSignal::new(String::new());
    let toast = RwSignal::new(None::<(String, bool)>);
    // A first visit says how to start (until dismissed or acted on).
    let welcome = RwSignal::new(stored.first_visit);
    let ws = RwSignal::new(stored);
    // Documents whose check never finished: open read-only and unchecked (safe mode). The
    // reason is known when the checker stopped in this session.
    let safe = RwSignal::new(
        serde_json::from_str::<BTreeSet<u32>>(&js::interrupted_checks())
            .unwrap_or_default()
            .into_iter()
            .map(|id| (id, None::<String>))
            .collect::<BTreeMap<_, _>>(),
    );
    let progress = RwSignal::new(Progress::default());
    // Set when the checker could not start or stopped with no document to blame.
    let checker_error = RwSignal::new(None::<String>);
    let infos = RwSignal::new(BTreeMap::<u32, DocInfo>::new());
    let new_menu = RwSignal::new(false);
    let new_dialog = RwSignal::new(false);
    let editor: StoredValue<Option<js::EditorView>, LocalStorage> = StoredValue::new_local(None);
    let editor_el = NodeRef::<leptos::html::Div>::new();
    let file_input = NodeRef::<leptos::html::Input>::new();
    let folder_input = NodeRef::<leptos::html::Input>::new();
    let export_open = RwSignal::new(false);
    let pending = Rc::new(Cell::new(false));
    let generation = RwSignal::new(0u64);
    let review = Review::load();
    let tab = RwSignal::new(Tab::Problems);
    // What the editor pane shows of the document: its YAML, or the page consumers read.
    let view_mode = RwSignal::new(ViewMode::Yaml);
    let preview_html = RwSignal::new(String::new());
    let schema = RwSignal::new(None::<charter_core::table::SchemaTable>);
    // The Form view: the forms of the last check, the objects opened, what to focus next.
    let forms = RwSignal::new(None::<Vec<charter_core::form::FormObject>>);
    let form_open = RwSignal::new(form::opened_at_first());
    let form_focus = RwSignal::new(None::<String>);
    // A value of the Schema view to scroll to and focus (a problem clicked there).
    let schema_reveal = RwSignal::new(None::<String>);
    let diagram_svg = RwSignal::new(String::new());
    let mesh_data = RwSignal::new(None::<charter_core::mesh::Mesh>);
    // How long the last check took in the app (read by the timing script).
    let check_ms = RwSignal::new(0.0f64);

    // Each toast hides after 4 s unless a newer one replaced it.
    let toast_seq = StoredValue::new(0u64);
    let show_toast = move |msg: String, error: bool| {
        toast.set(Some((msg, error)));
        toast_seq.update_value(|n| *n += 1);
        let handle = toast_seq.get_value();
        browser::after(4000, move || {
            if toast_seq.get_value() == handle {
                toast.set(None);
            }
        });
    };

    // The file name a document was opened from, if any.
    let opened_name = move |id: u32| {
        ws.with_untracked(|w| {
            w.docs
                .iter()
                .find(|d| d.id == id)
                .and_then(|d| d.name.clone())
        })
    };

    // Ask the checker to check the editor's current text (the editor saved it already).
    let run_check = move || {
        let Some(view) = editor.get_value() else {
            return;
        };
        let (active, order) =
            ws.with_untracked(|w| (w.active, w.docs.iter().map(|d| d.id).collect::<Vec<_>>()));
        if safe.with_untracked(|s| s.contains_key(&active)) {
            js::show_diagnostics(&view, "[]");
            let file_name = opened_name(active).unwrap_or_else(|| "document.yaml".into());
            checked.set(Checked {
                file_name,
                ..Checked::default()
            });
            review.show(None);
            generation.update(|g| *g += 1);
            return;
        }
        let request = serde_json::json!({
            "id": active,
            "order": order,
            "name": opened_name(active),
            "mode": review.mode.get_untracked(),
            "preview": view_mode.get_untracked() == ViewMode::Preview,
            "table": view_mode.get_untracked() == ViewMode::Schema,
            "diagram": view_mode.get_untracked() == ViewMode::Diagram,
            "mesh": view_mode.get_untracked() == ViewMode::Mesh,
            "form": (view_mode.get_untracked() == ViewMode::Form)
                .then(|| form_open.with_untracked(|o| o.iter().cloned().collect::<Vec<_>>())),
        });
        js::request_check(&request.to_string());
    };

    let schedule_check = {
        let pending = pending.clone();
        move || {
            if pending.replace(true) {
                return;
            }
            // The editor has handed the text to the store already; it is written within
            // milliseconds, whatever the check does.
            let active = ws.with_untracked(|w| w.active);
            if js::is_unsaved(active) {
                unsaved.update(|m| {
                    m.entry(active).or_insert(Unsaved::Saving);
                });
            }
            let pending = pending.clone();
            spawn_local(async move {
                pending.set(false);
                run_check();
            });
        }
    };

    // Re-check every document (the one being edited included), for the tabs and the
    // workspace checks (policy, contract references).
    let refresh_others = move || {
        let docs: Vec<serde_json::Value> = ws.with_untracked(|w| {
            safe.with_untracked(|s| {
                w.docs
                    .iter()
                    .map(|d| serde_json::json!({ "id": d.id, "name": d.name, "skip": s.contains_key(&d.id) }))
                    .collect()
            })
        });
        js::request_workspace(&serde_json::json!({ "docs": docs }).to_string());
    };

    // The checker's answers.
    let on_answer = move |json: String, ms: f64| {
        let answer = match charter_worker::read_answer(&json) {
            Ok(a) => a,
            Err(e) => {
                web_sys::console::error_1(&e.into());
                return;
            }
        };
        progress.set(Progress::default());
        match answer {
            Answer::Checked(c) => {
                // An answer for a document no longer shown (a newer check follows).
                if c.id != ws.with_untracked(|w| w.active)
                    || safe.with_untracked(|s| s.contains_key(&c.id))
                {
                    return;
                }
                let c = *c;
                checked.set(Checked {
                    report: Some(c.report),
                    total: c.total,
                    errors: c.errors,
                    warnings: c.warnings,
                    starts: c.starts,
                    file_name: c.file_name,
                });
                review.show(c.review);
                if let Some(p) = c.preview {
                    preview_html.set(p);
                }
                if let Some(t) = c.table {
                    schema.set(Some(t));
                }
                if let Some(f) = c.form {
                    forms.set(Some(f));
                }
                if let Some(d) = c.diagram {
                    diagram_svg.set(d);
                }
                if let Some(m) = c.mesh {
                    mesh_data.set(Some(m));
                }
                check_ms.set(ms);
                generation.update(|g| *g += 1);
            }
            Answer::Workspace { docs, .. } => {
                infos.set(docs.into_iter().map(|d| (d.id, d)).collect());
                // The mesh is drawn from every document: draw it again.
                if view_mode.get_untracked() == ViewMode::Mesh {
                    run_check();
                }
            }
            _ => {}
        }
    };
    let on_progress = move |json: String| {
        if let Ok(Answer::Progress { step, done, .. }) = charter_worker::read_answer(&json) {
            progress.update(|p| p.step = Some((step, done)));
        }
    };

    // Until its first answer arrives, a document shown is "Checking…", under the name the
    // workspace check gave it (or the file it was opened from).
    let awaiting_check = move |id: u32| {
        let file_name = infos
            .with_untracked(|m| m.get(&id).map(|i| i.file_name.clone()))
            .or_else(|| opened_name(id))
            .unwrap_or_else(|| "document.yaml".into());
        checked.set(Checked {
            file_name,
            ..Checked::default()
        });
    };

    // Show another document in the editor; its text, cursor and undo history are kept.
    // `text` is the document's text when it is new (so a failed save loses nothing).
    let show_doc = move |id: u32, text: Option<String>| {
        let Some(view) = editor.get_value() else {
            return;
        };
        let current = ws.with_untracked(|w| w.active);
        if id == current {
            return;
        }
        let text = text.or_else(|| js::doc_text(id)).unwrap_or_default();
        let kept = js::switch_document(&view, current, id, &text);
        js::set_read_only(&view, safe.with_untracked(|s| s.contains_key(&id)));
        ws.update(|w| w.active = id);
        js::set_active(id);
        if !kept {
            js::focus_at(&view, docs::cursor(id).unwrap_or(0));
        }
        awaiting_check(id);
        refresh_others();
        run_check();
    };

    // Open a text as a new document of the workspace and show it.
    let add_doc = move |text: String, name: Option<String>, what: String| {
        let id = js::new_doc_id();
        js::add_doc(id, &text, name.clone());
        unsaved.update(|m| {
            m.insert(id, Unsaved::Saving);
        });
        ws.update(|w| w.docs.push(docs::DocMeta { id, name }));
        show_doc(id, Some(text));
        show_toast(format!("{what} in a new tab."), false);
    };

    let switch_to = move |id: u32| show_doc(id, None);

    // Documents opened from a folder whose files Download writes back to.
    let linked = RwSignal::new(std::collections::HashSet::<u32>::new());
    // Open the files of a folder (or several dropped files) as documents, the first shown.
    let open_many = move |files: Vec<folder::Opened>, from: String| {
        if files.is_empty() {
            show_toast(
                format!("{from} holds no contract or manifest (.yaml or .yml files)."),
                true,
            );
            return;
        }
        let n = files.len();
        let writable = files.iter().any(|f| f.handle.is_some());
        let mut first = None;
        for f in files {
            let id = js::new_doc_id();
            let name = f.path.rsplit('/').next().unwrap_or(&f.path).to_string();
            js::add_doc(id, &f.text, Some(name.clone()));
            unsaved.update(|m| {
                m.insert(id, Unsaved::Saving);
            });
            if let Some(h) = f.handle {
                folder::keep(id, h);
                linked.update(|l| {
                    l.insert(id);
                });
            }
            ws.update(|w| {
                w.docs.push(docs::DocMeta {
                    id,
                    name: Some(name),
                })
            });
            if first.is_none() {
                first = Some((id, f.text));
            }
        }
        if let Some((id, text)) = first {
            show_doc(id, Some(text));
        }
        let back = if writable {
            ": Save writes each back to its file"
        } else {
            ""
        };
        show_toast(
            format!(
                "Opened {n} file{} from {from}{back}.",
                if n == 1 { "" } else { "s" }
            ),
            false,
        );
    };
    // Several files read plainly (a folder input, or files dropped together).
    let read_many = move |files: Vec<web_sys::File>, from: String| {
        spawn_local(async move {
            let mut opened = Vec::new();
            let mut refused = Vec::new();
            for f in files
                .into_iter()
                .filter(|f| folder::is_yaml(&f.name()))
                .take(folder::MAX_FILES)
            {
                // In a folder: its path inside it.
                let path = js_sys::Reflect::get(&f, &"webkitRelativePath".into())
                    .ok()
                    .and_then(|p| p.as_string())
                    .filter(|p| !p.is_empty())
                    .unwrap_or_else(|| f.name());
                if f.size() > charter_core::yaml::MAX_INPUT_BYTES as f64 {
                    refused.push(path);
                    continue;
                }
                match browser::read_utf8(&f).await {
                    Ok(text) => opened.push(folder::Opened {
                        path,
                        text,
                        handle: None,
                    }),
                    Err(_) => refused.push(path),
                }
            }
            open_many(opened, from);
            if !refused.is_empty() {
                show_toast(
                    format!(
                        "Not opened (too large or not UTF-8 text): {}.",
                        refused.join(", ")
                    ),
                    true,
                );
            }
        });
    };
    // Save: a document opened from a folder (where the browser allows writing) goes back
    // to its file; any other is downloaded.
    let save = move || {
        let id = ws.with_untracked(|w| w.active);
        if !linked.with_untracked(|l| l.contains(&id)) {
            download(editor, checked, review);
            return;
        }
        let Some(view) = editor.get_value() else {
            return;
        };
        let text = js::get_text(&view);
        let name = checked.with_untracked(|c| c.file_name.clone());
        spawn_local(async move {
            match folder::write_back(id, &text).await {
                Ok(_) => {
                    show_toast(format!("Saved {name} to its file."), false);
                    let _ = review.snapshot(review::LAST_DOWNLOAD.to_string(), text);
                }
                Err(why) => show_toast(
                    format!("Could not write {name} back ({why}): use Download for a copy."),
                    true,
                ),
            }
        });
    };
    // Open a folder: with the picker where the browser can write back, else through the
    // folder input.
    let open_folder = move |_| {
        if folder::can_pick() {
            spawn_local(async move {
                match folder::pick().await {
                    Ok(Some((name, files))) => open_many(files, format!("folder {name}")),
                    Ok(None) => {}
                    Err(why) => show_toast(format!("The folder could not be opened: {why}."), true),
                }
            });
        } else if let Some(i) = folder_input.get_untracked() {
            i.click();
        }
    };
    let on_folder_chosen = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        let files: Vec<web_sys::File> = input
            .files()
            .map(|f| (0..f.length()).filter_map(|i| f.get(i)).collect())
            .unwrap_or_default();
        let from = files
            .first()
            .and_then(|f| js_sys::Reflect::get(f, &"webkitRelativePath".into()).ok())
            .and_then(|p| p.as_string())
            .and_then(|p| p.split('/').next().map(|d| format!("folder {d}")))
            .unwrap_or_else(|| "the folder".into());
        read_many(files, from);
        input.set_value("");
    };

    // The workspace's data contracts by `id`, for the ports of a data product's form.
    let contracts = Memo::new(move |_| {
        infos.with(|m| {
            m.values()
                .filter_map(|i| Some((i.contract.clone()?, i.id)))
                .collect::<Vec<_>>()
        })
    });

    // Each tab's label (the file name without its extension; a second tab of the same
    // name gets " (2)") and its full file name.
    let tab_labels = Memo::new(move |_| {
        let active = ws.with(|w| w.active);
        let files: Vec<(u32, String)> = ws.with(|w| {
            w.docs
                .iter()
                .map(|d| {
                    let file = if d.id == active {
                        checked.with(|c| c.file_name.clone())
                    } else {
                        infos.with(|m| {
                            m.get(&d.id)
                                .map(|i| i.file_name.clone())
                                .unwrap_or_default()
                        })
                    };
                    (d.id, file)
                })
                .collect()
        });
        let mut seen = std::collections::HashMap::<String, usize>::new();
        files
            .into_iter()
            .map(|(id, file)| {
                let stem = stem_of(&file);
                let n = seen.entry(stem.clone()).or_default();
                *n += 1;
                let label = if *n > 1 {
                    format!("{stem} ({n})")
                } else {
                    stem
                };
                (id, (label, file))
            })
            .collect::<std::collections::HashMap<u32, (String, String)>>()
    });
    // The name a document is shown and downloaded under (its tab's full file name).
    let doc_name = move |id: u32| {
        tab_labels.with_untracked(|m| m.get(&id).map(|l| l.1.clone()).unwrap_or_default())
    };
    // The New menu: its first item takes the focus as it opens; a click elsewhere closes it.
    Effect::new(move |_| {
        if new_menu.get() {
            request_animation_frame(|| focus_id("new-contract"));
        }
    });
    let _outside = window_event_listener(leptos::ev::pointerdown, move |ev| {
        let inside = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest(".menu-wrap").ok().flatten())
            .is_some();
        if !inside && new_menu.get_untracked() {
            new_menu.set(false);
        }
    });
    // The active tab is scrolled into view (many documents overflow the tab bar).
    Effect::new(move |_| {
        ws.with(|w| w.active);
        request_animation_frame(|| {
            if let Some(tab) = document()
                .query_selector("#doc-tabs .doc-tab.active")
                .ok()
                .flatten()
            {
                tab.scroll_into_view_with_bool(false);
            }
        });
    });

    let close_doc = move |id: u32| {
        let Some(view) = editor.get_value() else {
            return;
        };
        let metas = ws.with_untracked(|w| w.docs.clone());
        if metas.len() < 2 {
            return;
        }
        let name = doc_name(id);
        if !browser::confirm(&format!(
            "Close {name}? Its text is removed from this browser; download it first to keep a copy."
        )) {
            return;
        }
        if id == ws.with_untracked(|w| w.active) {
            let i = metas.iter().position(|d| d.id == id).unwrap_or(0);
            let next = metas
                .get(i + 1)
                .or_else(|| metas.get(i.wrapping_sub(1)))
                .map(|d| d.id);
            if let Some(next) = next {
                switch_to(next);
            }
        }
        ws.update(|w| w.docs.retain(|d| d.id != id));
        unsaved.update(|m| {
            m.remove(&id);
        });
        folder::forget(id);
        linked.update(|l| {
            l.remove(&id);
        });
        docs::remove(id);
        js::end_check(vec![id]);
        js::forget_document(&view, id);
        refresh_others();
        run_check();
        show_toast(format!("Closed {name}."), false);
    };

    // Another tab closed a document: close it here too, unless it is the only one (then it
    // is written back, so what is on screen stays saved).
    let forget_closed = move |id: u32| {
        let Some(view) = editor.get_value() else {
            return;
        };
        let metas = ws.with_untracked(|w| w.docs.clone());
        if metas.len() < 2 {
            let name = metas.first().and_then(|d| d.name.clone());
            js::add_doc(id, &js::get_text(&view), name);
            return;
        }
        let name = doc_name(id);
        if id == ws.with_untracked(|w| w.active) {
            if let Some(next) = metas.iter().find(|d| d.id != id) {
                switch_to(next.id);
            }
        }
        ws.update(|w| w.docs.retain(|d| d.id != id));
        js::forget_document(&view, id);
        refresh_others();
        run_check();
        show_toast(format!("{name} was closed in another tab."), false);
    };

    // Settle a conflict with another tab: keep this tab's text, or take the other's (one
    // undoable change, so this tab's text is still a Ctrl+Z away).
    let resolve = move |id: u32, keep_mine: bool| {
        spawn_local(async move {
            let theirs = js::resolve_conflict(id, keep_mine).await.as_string();
            unsaved.update(|m| {
                if keep_mine {
                    m.insert(id, Unsaved::Saving);
                } else {
                    m.remove(&id);
                }
            });
            if let (Some(view), Some(text)) = (editor.get_value(), theirs) {
                js::apply_text(&view, id, &text);
            }
            refresh_others();
            run_check();
        });
    };

    // Check a document in safe mode again (if it stops the app again, it is back in safe
    // mode after the reload).
    let check_again = move |id: u32| {
        safe.update(|s| {
            s.remove(&id);
        });
        if let Some(view) = editor.get_value() {
            if id == ws.with_untracked(|w| w.active) {
                js::set_read_only(&view, false);
            }
        }
        refresh_others();
        run_check();
    };

    // The checker died (a crash, memory, or the user stopped a check that ran too long)
    // while checking document `id` (none: no document to blame). That document goes into
    // safe mode at once, and a new checker checks the rest.
    let on_failure = move |id: Option<u32>, message: String| {
        progress.set(Progress::default());
        let Some(id) = id else {
            checker_error.set(Some(message));
            return;
        };
        safe.update(|s| {
            s.insert(id, Some(message));
        });
        if id == ws.with_untracked(|w| w.active) {
            if let Some(view) = editor.get_value() {
                js::set_read_only(&view, true);
            }
        }
        js::restart_checker();
        refresh_others();
        run_check();
    };

    let open_file = move |file: web_sys::File| {
        let name = file.name();
        // Refused before a byte is read: nothing is saved, the app stays as it was.
        if file.size() > charter_core::yaml::MAX_INPUT_BYTES as f64 {
            let mb = file.size() / (1 << 20) as f64;
            let why = charter_core::yaml::too_large_message();
            show_toast(format!("{name} was not opened ({mb:.0} MiB): {why}"), true);
            return;
        }
        spawn_local(async move {
            let text = match browser::read_utf8(&file).await {
                Ok(text) => text,
                Err(why) => return show_toast(why, true),
            };
            if charter_core::import::Source::detect(&name, &text).is_none() {
                return add_doc(text, Some(name.clone()), format!("Opened {name}"));
            }
            // A CREATE TABLE script, a JSON Schema, an Avro schema or a DCS
            // datacontract.yaml becomes a contract (the import worker, started on the first
            // such file, imports it as `charter import` does).
            let answer = js::import_file(IMPORTER_URL, &name, &text)
                .await
                .as_string();
            match answer.as_deref().map(charter_worker::read_answer) {
                Some(Ok(Answer::Export {
                    file: Ok((file, yaml)),
                    ..
                })) => add_doc(yaml, Some(file), format!("Made a contract of {name}")),
                Some(Ok(Answer::Export { file: Err(why), .. })) | Some(Err(why)) => {
                    show_toast(format!("{name} was not opened: {why}."), true)
                }
                _ => show_toast(
                    format!("{name} was not opened: the importer stopped."),
                    true,
                ),
            }
        });
    };

    // Create the editor once its element exists.
    Effect::new(move |_| {
        let Some(el) = editor_el.get() else { return };
        if editor.with_value(Option::is_some) {
            return;
        }
        let active = ws.with_untracked(|w| w.active);
        let doc = js::doc_text(active).unwrap_or_default();
        let on_change = Closure::<dyn FnMut()>::new(schedule_check.clone());
        let on_cursor =
            Closure::<dyn FnMut(u32, u32, u32)>::new(move |line: u32, col: u32, offset: u32| {
                cursor.set((line as usize, col as usize));
                docs::store_cursor(ws.with_untracked(|w| w.active), offset);
            });
        let view = js::create_editor(
            &el,
            &doc,
            active,
            on_change.as_ref().unchecked_ref(),
            on_cursor.as_ref().unchecked_ref(),
        );
        on_change.forget();
        on_cursor.forget();
        editor.set_value(Some(view.clone()));
        start_checker(&view, on_answer, on_progress, on_failure, move || {
            progress.update(|p| p.slow = true)
        });
        if safe.with_untracked(|s| s.contains_key(&active)) {
            js::set_read_only(&view, true);
        }
        if let Some(off) = docs::cursor(active) {
            js::focus_at(&view, off);
        }
        awaiting_check(active);
        refresh_others();
        run_check();
        // Say so when storage runs short, before a write fails.
        spawn_local(async move {
            let w = js::storage_warning().await.as_string().unwrap_or_default();
            storage_warning.set(w);
        });
        // What the store reports: finished writes, and what other tabs saved.
        docs::on_event(move |e| match e {
            StoreEvent::Saved { id, error } => {
                let failed = !error.is_empty();
                unsaved.update(|m| {
                    if failed {
                        m.insert(id, Unsaved::Failed(error));
                    } else if !js::is_unsaved(id) {
                        m.remove(&id);
                    }
                });
                if failed {
                    spawn_local(async move {
                        let w = js::storage_warning().await.as_string().unwrap_or_default();
                        storage_warning.set(w);
                    });
                }
            }
            StoreEvent::SettingsSaved { error } => {
                storage_error.set((!error.is_empty()).then_some(error));
            }
            StoreEvent::Remote { kind, id, name } => {
                let known = ws.with_untracked(|w| w.docs.iter().any(|d| d.id == id));
                match kind {
                    Remote::Added if !known => {
                        ws.update(|w| w.docs.push(docs::DocMeta { id, name }));
                        refresh_others();
                    }
                    Remote::Added => {}
                    Remote::Changed => {
                        if let (Some(view), Some(text)) = (editor.get_value(), js::doc_text(id)) {
                            js::apply_text(&view, id, &text);
                        }
                        unsaved.update(|m| {
                            m.remove(&id);
                        });
                        refresh_others();
                        run_check();
                    }
                    Remote::Deleted if known => forget_closed(id),
                    Remote::Deleted => {}
                    Remote::Conflict => unsaved.update(|m| {
                        m.insert(id, Unsaved::Conflict);
                    }),
                }
            }
        });
        // A review link, at start or pasted into the address bar of an open tab.
        let open_shared = move || {
            if let Some(shared) = charter_core::share::decode(&browser::read_hash()) {
                browser::clear_hash();
                match shared {
                    Ok((base, draft)) => {
                        review.set_base("the shared link's base".into(), base);
                        add_doc(draft, None, "Opened a shared review".into());
                        tab.set(Tab::Review);
                    }
                    Err(e) => show_toast(e, true),
                }
            }
        };
        open_shared();
        // (The app lives as long as the page: the listener is never removed.)
        let _ = window_event_listener(leptos::ev::hashchange, move |_| open_shared());
        browser::on_file_drop(move |files, handles| {
            spawn_local(async move {
                if let Some(opened) = folder::dropped(handles).await {
                    open_many(opened, "the dropped folder".into());
                } else if files.len() > 1 {
                    read_many(files, "the dropped files".into());
                } else if let Some(file) = files.into_iter().next() {
                    open_file(file);
                }
            });
        });
    });

    let choose_template = move |t: &'static Template| {
        new_menu.set(false);
        add_doc(
            t.text.to_string(),
            None,
            format!("New document from “{}”", t.title),
        );
    };

    // Switching views: the preview comes with a check of the shown text.
    let set_view = move |v: ViewMode| {
        if view_mode.get_untracked() == v {
            return;
        }
        view_mode.set(v);
        match v {
            ViewMode::Preview
            | ViewMode::Schema
            | ViewMode::Form
            | ViewMode::Diagram
            | ViewMode::Mesh => run_check(),
            // Once the editor is shown again (a hidden element takes no focus).
            ViewMode::Yaml => browser::after(0, move || {
                if let Some(view) = editor.get_value() {
                    js::focus_editor(&view);
                }
            }),
        }
    };
    browser::shortcuts(
        save,
        move || {
            if let Some(i) = file_input.get_untracked() {
                i.click();
            }
        },
        move || {
            set_view(match view_mode.get_untracked() {
                ViewMode::Yaml => ViewMode::Preview,
                _ => ViewMode::Yaml,
            })
        },
    );
    // A cell of the Schema view changed: the worker makes the text edit, the editor takes
    // it as one undo step.
    let edit_cell = move |(op, pointer, value): schema_table::Edit| {
        let request =
            serde_json::json!({ "op": op, "pointer": pointer, "value": value }).to_string();
        spawn_local(async move {
            let error = js::edit_shown(&request)
                .await
                .as_string()
                .unwrap_or_default();
            if !error.is_empty() {
                show_toast(format!("Not changed: {error}"), true);
            }
        });
    };
    // The shown document's file name without its extension (for exports).
    let file_stem = move || checked.with_untracked(|c| stem_of(&c.file_name));
    let download_html = move |_| {
        let stem = file_stem();
        let page = charter_core::preview::wrap(&stem, &preview_html.get_untracked());
        browser::download_text(&format!("{stem}.html"), &page);
    };

    // "New contract": the core writes it; the cursor goes where the next column is typed.
    let create_contract = move |n: templates::NewContract| {
        let text = templates::new_contract(&n);
        let name = n.name.trim().to_string();
        add_doc(text.clone(), None, format!("Created the contract “{name}”"));
        if let (Some(view), Some(at)) = (editor.get_value(), templates::next_column_at(&text)) {
            js::focus_at(&view, at as u32);
        }
    };

    let on_file_chosen = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            open_file(file);
        }
        input.set_value("");
    };

    let copy = move |_| {
        let Some(view) = editor.get_value() else {
            return;
        };
        let text = js::get_text(&view);
        spawn_local(async move {
            match browser::copy_text(&text).await {
                Ok(()) => show_toast("Copied the YAML to the clipboard.".into(), false),
                Err(why) => show_toast(why, true),
            }
        });
    };

    // A problem (or a finding) opens in the YAML: the preview has no place for a cursor.
    let in_yaml = move |go: Box<dyn FnOnce()>| {
        if view_mode.get_untracked() == ViewMode::Yaml {
            go();
        } else {
            view_mode.set(ViewMode::Yaml);
            browser::after(0, go);
        }
    };
    let goto = move |i: usize| {
        let Some(off) = checked.with_untracked(|c| c.starts.get(i).copied()) else {
            return;
        };
        // In the Schema view, a problem of a column opens its cell there.
        let path = checked.with_untracked(|c| {
            c.report
                .as_ref()
                .and_then(|r| r.diagnostics.get(i))
                .map(|d| d.path.clone())
        });
        if let (ViewMode::Schema, Some(p)) = (view_mode.get_untracked(), &path) {
            if schema.with_untracked(|t| t.as_ref().is_some_and(|t| t.row_for(p).is_some())) {
                schema_reveal.set(Some(p.clone()));
                return;
            }
        }
        // In the Form view, the field (its objects opened first when they are closed).
        if let (ViewMode::Form, Some(p)) = (view_mode.get_untracked(), &path) {
            form::reveal(form_open, form_focus, p);
            form::focus_field(p);
            return;
        }
        in_yaml(Box::new(move || {
            if let Some(view) = editor.get_value() {
                js::focus_at(&view, off);
            }
        }));
    };

    // An element of the diagram opens in the Form view.
    let open_in_form = move |pointer: String| {
        view_mode.set(ViewMode::Form);
        form::reveal(form_open, form_focus, &pointer);
        run_check();
    };
    // "Edit in YAML" from the form: the YAML at the key of the value.
    let edit_in_yaml = move |pointer: String| {
        let at = forms.with_untracked(|f| {
            f.iter()
                .flatten()
                .flat_map(|o| o.fields.iter())
                .find(|f| f.pointer == pointer)
                .and_then(|f| f.at)
        });
        in_yaml(Box::new(move || {
            if let (Some(view), Some(at)) = (editor.get_value(), at) {
                js::focus_at(&view, at);
            }
        }));
    };
    // An opened or closed object of the form is asked for (or dropped) at once.
    Effect::new(move |first: Option<()>| {
        form_open.track();
        if first.is_some() && view_mode.get_untracked() == ViewMode::Form {
            run_check();
        }
    });
    // The problems the form and the table show on their fields, by pointer.
    let problems_by_pointer = Memo::new(move |_| {
        let mut map = form::Problems::new();
        checked.with(|c| {
            for d in c.report.iter().flat_map(|r| r.diagnostics.iter()) {
                map.entry(d.path.clone())
                    .or_default()
                    .push((d.severity.as_str(), d.message.clone()));
            }
        });
        map
    });

    let counts = move || checked.with(|c| (c.errors, c.warnings));

    // What the Problems panel shows. A memo: an answer that leaves it the same (most
    // keystrokes: the problems only moved) redraws nothing.
    let panel = Memo::new(move |_| {
        checked.with(|c| {
            c.report.as_ref().map(|r| PanelView {
                items: r
                    .diagnostics
                    .iter()
                    .take(PANEL_LIMIT)
                    .map(|d| PanelItem {
                        severity: d.severity,
                        code: d.code.id,
                        message: d.message.clone(),
                        pointer: d.path.clone(),
                        line: d.span.start.line,
                        col: d.span.start.col,
                    })
                    .collect(),
                label: r.standard.as_ref().map(|s| s.label()).unwrap_or_default(),
                total: c.total,
            })
        })
    });

    view! {
        <div class="app">
            <TopBar file_name=Signal::derive(move || checked.with(|c| c.file_name.clone())) new_menu=new_menu new_dialog=new_dialog file_input=file_input
                folder_input=folder_input on_folder=Callback::new(open_folder) on_folder_files=Callback::new(on_folder_chosen)
                writable=Signal::derive(move || linked.with(|l| l.contains(&ws.with(|w| w.active))))
                on_template=Callback::new(choose_template) on_file=Callback::new(on_file_chosen) on_copy=Callback::new(copy)
                on_export=Callback::new(move |_| export_open.set(true))
                on_download=Callback::new(move |_| save())/>

            <Banners unsaved=unsaved storage_warning=storage_warning storage_error=storage_error checker_error=checker_error safe=safe
                active=Signal::derive(move || ws.with(|w| w.active))
                name_of=Callback::new(move |id: u32| { tab_labels.track(); doc_name(id) })
                on_download_doc=Callback::new(move |id: u32| download_doc(id, doc_name(id), editor, ws, review))
                on_download=Callback::new(move |_| download(editor, checked, review))
                on_resolve=Callback::new(move |(id, mine): (u32, bool)| resolve(id, mine))
                on_check_again=Callback::new(check_again)/>

            <Show when=move || welcome.get()>
                <div class="welcome" id="welcome" role="region" aria-label="Getting started">
                    <span class="welcome-text">
                        <strong>"Welcome to Charter."</strong>
                        " This example contract is checked as you type; everything stays in this browser. Start your own:"
                    </span>
                    <button class="btn small primary" id="welcome-new" on:click=move |_| { welcome.set(false); new_dialog.set(true); }>"New contract…"</button>
                    <button class="btn small" id="welcome-open" on:click=move |_| { welcome.set(false); if let Some(i) = file_input.get() { i.click(); } }>"Open a file…"</button>
                    <button class="welcome-close" id="welcome-close" title="Dismiss" aria-label="Dismiss" on:click=move |_| welcome.set(false)>"×"</button>
                </div>
            </Show>
            <main class="workspace" class:reviewing=move || tab.get() == Tab::Review>
                <section class="editor-pane" aria-label="Editor">
                    <DocTabs ws=ws labels=tab_labels infos=infos checked=checked on_switch=Callback::new(switch_to) on_close=Callback::new(close_doc)/>
                    <div class="view-bar">
                        <ViewTabs view_mode=view_mode on_set=Callback::new(set_view)/>
                        <Show when=move || view_mode.get() == ViewMode::Preview>
                            <div class="view-actions">
                                <button class="btn small" id="print-preview" title="Print the preview, or save it as PDF" on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>"Print…"</button>
                                <button class="btn small" id="download-html" title="Download the preview as one offline HTML file" on:click=download_html>"Download HTML"</button>
                            </div>
                        </Show>
                    </div>
                    <div class="editor" id="editor" class:hidden=move || view_mode.get() != ViewMode::Yaml node_ref=editor_el></div>
                    <Show when=move || view_mode.get() == ViewMode::Form>
                        <form::FormView forms=forms open=form_open problems=problems_by_pointer focus=form_focus on_edit=Callback::new(edit_cell)
                            on_undo=Callback::new(move |again: bool| { if let Some(v) = editor.get_value() { js::undo_in_editor(&v, again); } })
                            on_yaml=Callback::new(edit_in_yaml) contracts=contracts on_open_doc=Callback::new(switch_to)/>
                    </Show>
                    <Show when=move || view_mode.get() == ViewMode::Diagram>
                        <diagram::DiagramView svg=diagram_svg on_open=Callback::new(open_in_form)
                            on_link=Callback::new(move |(from, to): (String, String)| {
                                edit_cell(("add", format!("{from}/relationships"), serde_json::json!({"type": "foreignKey", "to": to})));
                            })
                            on_export=Callback::new(move |_| {
                                let stem = file_stem();
                                browser::download_text(&format!("{stem}.svg"), &charter_core::diagram::standalone(&diagram_svg.get_untracked()));
                            })/>
                    </Show>
                    <Show when=move || view_mode.get() == ViewMode::Mesh>
                        <mesh::MeshView mesh=mesh_data
                            on_open=Callback::new(move |file: String| {
                                let id = infos.with_untracked(|m| m.values().find(|i| i.file_name == file).map(|i| i.id));
                                if let Some(id) = id { switch_to(id); }
                            })
                            on_export=Callback::new(move |_| {
                                if let Some(m) = mesh_data.get_untracked() { browser::download_text("mesh.mmd", &m.mermaid()); }
                            })/>
                    </Show>
                    <Show when=move || view_mode.get() == ViewMode::Schema>
                        <SchemaTableView table=schema problems=problems_by_pointer reveal=schema_reveal on_edit=Callback::new(edit_cell)
                            on_undo=Callback::new(move |again: bool| { if let Some(v) = editor.get_value() { js::undo_in_editor(&v, again); } })/>
                    </Show>
                    <Show when=move || view_mode.get() == ViewMode::Preview>
                        <div class="preview-pane" id="preview" role="document" aria-label="Preview" inner_html=move || preview_html.get()></div>
                    </Show>
                </section>
                <aside class="problems" aria-label="Problems and review">
                    <div class="problems-head" role="tablist">
                        <button class="tab" id="tab-problems" role="tab" class:active=move || tab.get() == Tab::Problems on:click=move |_| tab.set(Tab::Problems)>
                            "Problems"
                            <span class="pill" class:err=move || counts().0 != 0 id="problem-count">{move || checked.with(|c| c.total)}</span>
                        </button>
                        <button class="tab" id="tab-review" role="tab" class:active=move || tab.get() == Tab::Review on:click=move |_| tab.set(Tab::Review)>
                            "Review"
                            {move || review.breaking().map(|n| view! { <span class="pill" class:err=n != 0>{n}</span> })}
                        </button>
                        <button class="tab" id="tab-rules" role="tab" class:active=move || tab.get() == Tab::Rules on:click=move |_| tab.set(Tab::Rules)>"Rules"</button>
                    </div>
                    <Show when=move || tab.get() == Tab::Rules>
                        <RulesReference/>
                    </Show>
                    <Show when=move || tab.get() == Tab::Review>
                        <ReviewPanel
                            review=review
                            current_text=Callback::new(move |_| editor.get_value().map(|v| js::get_text(&v)).unwrap_or_default())
                            on_recheck=Callback::new(move |_| run_check())
                            on_goto=Callback::new(move |line: usize| in_yaml(Box::new(move || { if let Some(v) = editor.get_value() { js::focus_line(&v, line as u32); } })))
                            on_toast=Callback::new(move |(m, e): (String, bool)| show_toast(m, e))
                            on_download=Callback::new(move |(name, text): (String, String)| browser::download_text(&name, &text))
                        />
                    </Show>
                    <Show when=move || tab.get() == Tab::Problems>
                        <ProblemsPane panel=panel unchecked=Signal::derive(move || safe.with(|s| s.contains_key(&ws.with(|w| w.active)))) on_goto=Callback::new(goto)/>
                    </Show>
                </aside>
            </main>

            <StatusBar checked=checked cursor=cursor unsaved=unsaved active=Signal::derive(move || ws.with(|w| w.active)) safe=safe
                progress=progress review=review generation=generation check_ms=check_ms on_review=Callback::new(move |_| tab.set(Tab::Review))/>

            <export_dialog::ExportDialog open=export_open generation=generation
                on_download=Callback::new(move |(name, text): (String, String)| browser::download_text(&name, &text))
                on_toast=Callback::new(move |(m, e): (String, bool)| show_toast(m, e))/>
            <NewContractDialog open=new_dialog on_create=Callback::new(move |n: templates::NewContract| create_contract(n))/>
            <div class="drop-overlay" aria-hidden="true"><div>"Drop a file to open it: a contract, a SQL script, a JSON Schema, an Avro schema or a datacontract.yaml"</div></div>
            {move || toast.get().map(|(msg, error)| view! { <div class="toast" class:error=error role="status" id="toast">{msg}</div> })}
        </div>
    }
}

/// Start the checking worker (`crates/worker`, built by Trunk next to the app) for `view`,
/// with the app's handlers for its answers.
fn start_checker(
    view: &js::EditorView,
    answer: impl Fn(String, f64) + 'static,
    progress: impl Fn(String) + 'static,
    failure: impl Fn(Option<u32>, String) + 'static,
    slow: impl Fn() + 'static,
) {
    let hooks = js_sys::Object::new();
    let set = |name: &str, f: &JsValue| {
        let _ = js_sys::Reflect::set(&hooks, &name.into(), f);
    };
    let answer = Closure::<dyn Fn(String, f64)>::new(answer);
    let progress = Closure::<dyn Fn(String)>::new(progress);
    let failure = Closure::<dyn Fn(Option<u32>, String)>::new(failure);
    let slow = Closure::<dyn Fn()>::new(slow);
    set("answer", answer.as_ref());
    set("progress", progress.as_ref());
    set("failure", failure.as_ref());
    set("slow", slow.as_ref());
    js::start_checker(WORKER_URL, view, &hooks);
    answer.forget();
    progress.forget();
    failure.forget();
    slow.forget();
}

/// Download a document, the one in the editor or another.
fn download_doc(
    id: u32,
    name: String,
    editor: StoredValue<Option<js::EditorView>, LocalStorage>,
    ws: RwSignal<docs::Stored>,
    review: Review,
) {
    let Some(view) = editor.get_value() else {
        return;
    };
    let text = if id == ws.with_untracked(|w| w.active) {
        js::get_text(&view)
    } else {
        js::doc_text(id).unwrap_or_default()
    };
    browser::download_text(&name, &text);
    let _ = review.snapshot(review::LAST_DOWNLOAD.to_string(), text);
}

fn download(
    editor: StoredValue<Option<js::EditorView>, LocalStorage>,
    checked: RwSignal<Checked>,
    review: Review,
) {
    if let Some(view) = editor.get_value() {
        let name = checked.with_untracked(|c| c.file_name.clone());
        let text = js::get_text(&view);
        browser::download_text(&name, &text);
        // The last exported version is always available as a review base.
        let _ = review.snapshot(review::LAST_DOWNLOAD.to_string(), text);
    }
}

/// Focus the element with this id, if there is one.
pub(crate) fn focus_id(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
    }
}

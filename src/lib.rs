//! Charter's browser app: a thin Leptos view over `charter_core`.
//!
//! The YAML text in the editor is the single source of truth. Every change schedules one
//! check, run by the checking worker (`crates/worker`, the same core in a Web Worker, so
//! the page never waits for it); the view shows its answer in the editor (squiggles,
//! gutter), the Problems panel, the document tabs and the review. No business logic lives here.

mod diagram;
mod docs;
mod form;
mod js;
mod new_contract;
mod review;
mod schema_table;

use charter_core::lint::Level;
use charter_core::templates::{self, Template};
use charter_core::{Report, Severity};
use charter_worker::{Answer, DocInfo, MARK_LIMIT, PANEL_LIMIT};
use docs::{Remote, StoreEvent};
use leptos::prelude::*;
use leptos::task::spawn_local;
use new_contract::NewContractDialog;
use review::{Review, ReviewPanel};
use schema_table::SchemaTableView;
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The checking worker's loader, written by Trunk (index.html: `data-type="worker"`).
const WORKER_URL: &str = "./charter-worker_loader.js";

/// What the view shows for the current text.
#[derive(Clone, Default)]
struct Checked {
    /// None until the first answer; at most [`PANEL_LIMIT`] diagnostics.
    report: Option<Report>,
    /// All diagnostics, and of them errors and warnings.
    total: usize,
    errors: usize,
    warnings: usize,
    /// UTF-16 start offset of each diagnostic, for moving the cursor there.
    starts: Vec<u32>,
    /// The name to download under.
    file_name: String,
}

/// What the Problems panel shows of a check.
#[derive(Clone, PartialEq)]
struct PanelView {
    items: Vec<PanelItem>,
    /// The standard's label, for "This is a valid … document".
    label: String,
    /// All diagnostics (the panel lists at most [`PANEL_LIMIT`]).
    total: usize,
}

#[derive(Clone, PartialEq)]
struct PanelItem {
    severity: Severity,
    code: &'static str,
    message: String,
    /// The JSON pointer of what it is about (`/servers/0/host`).
    pointer: String,
    line: u32,
    col: u32,
}

/// A check under way, as the checking worker reports it.
#[derive(Clone, Default, PartialEq)]
struct Progress {
    /// "validating", "comparing with the base"…, with the share done (0 to 1).
    step: Option<(String, f64)>,
    /// It has run for long: offer to stop it.
    slow: bool,
}

/// A document's state in browser storage, when it is not simply saved.
#[derive(Clone, Debug, PartialEq)]
enum Unsaved {
    /// Being written (within milliseconds of a change).
    Saving,
    /// The last write failed, for this reason.
    Failed(String),
    /// Another tab saved it while this one had edits: the user chooses.
    Conflict,
}

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
    // How long the last check took in the app (read by the timing script).
    let check_ms = RwSignal::new(0.0f64);

    // Each toast hides after 4 s unless a newer one replaced it.
    let toast_seq = StoredValue::new(0u64);
    let show_toast = move |msg: String, error: bool| {
        toast.set(Some((msg, error)));
        toast_seq.update_value(|n| *n += 1);
        let handle = toast_seq.get_value();
        gloo_timeout(4000, move || {
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
                check_ms.set(ms);
                generation.update(|g| *g += 1);
            }
            Answer::Workspace { docs, .. } => {
                infos.set(docs.into_iter().map(|d| (d.id, d)).collect());
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

    // The name a document is shown and downloaded under.
    let doc_name = move |id: u32| {
        if id == ws.with_untracked(|w| w.active) {
            checked.with_untracked(|c| c.file_name.clone())
        } else {
            infos.with_untracked(|m| m.get(&id).map(|i| i.file_name.clone()).unwrap_or_default())
        }
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
        if !js::confirm_action(&format!(
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
            match js::read_file_utf8(&file).await {
                Ok(text) => add_doc(
                    text.as_string().unwrap_or_default(),
                    Some(name.clone()),
                    format!("Opened {name}"),
                ),
                Err(e) => {
                    let msg = js_sys::Reflect::get(&e, &"message".into())
                        .ok()
                        .and_then(|m| m.as_string())
                        .unwrap_or_else(|| format!("Could not open {name}."));
                    show_toast(msg, true);
                }
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
            if let Some(shared) = charter_core::share::decode(&js::read_hash()) {
                js::clear_hash();
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
        let on_hash = Closure::<dyn FnMut()>::new(open_shared);
        if let Some(w) = web_sys::window() {
            let _ =
                w.add_event_listener_with_callback("hashchange", on_hash.as_ref().unchecked_ref());
        }
        on_hash.forget();
        let on_drop = Closure::<dyn FnMut(web_sys::File)>::new(open_file);
        js::install_drop_handler(on_drop.as_ref().unchecked_ref());
        on_drop.forget();
        install_shortcuts(
            move || download(editor, checked, review),
            move || {
                if let Some(i) = file_input.get_untracked() {
                    i.click();
                }
            },
        );
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
            ViewMode::Preview | ViewMode::Schema | ViewMode::Form | ViewMode::Diagram => {
                run_check()
            }
            // Once the editor is shown again (a hidden element takes no focus).
            ViewMode::Yaml => gloo_timeout(0, move || {
                if let Some(view) = editor.get_value() {
                    js::focus_editor(&view);
                }
            }),
        }
    };
    install_view_shortcut(move || {
        set_view(match view_mode.get_untracked() {
            ViewMode::Yaml => ViewMode::Preview,
            _ => ViewMode::Yaml,
        })
    });
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
        js::download_text(&format!("{stem}.html"), &page);
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
            let err = js::copy_text(&text).await.as_string().unwrap_or_default();
            if err.is_empty() {
                show_toast("Copied the YAML to the clipboard.".into(), false);
            } else {
                show_toast(err, true);
            }
        });
    };

    // A problem (or a finding) opens in the YAML: the preview has no place for a cursor.
    let in_yaml = move |go: Box<dyn FnOnce()>| {
        if view_mode.get_untracked() == ViewMode::Yaml {
            go();
        } else {
            view_mode.set(ViewMode::Yaml);
            gloo_timeout(0, go);
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
    let form_problems = Memo::new(move |_| {
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
        <div class="app">
            <header class="topbar">
                <div class="brand">
                    <svg class="logo" viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h10l6 6v10H4z" fill="var(--accent)"/><path d="M14 4v6h6" fill="var(--accent-2)"/><path d="M7 14h10M7 17h7" stroke="white" stroke-width="1.6" stroke-linecap="round"/></svg>
                    <span class="brand-name">"Charter"</span>
                </div>
                <div class="doc-name" title="File name used for Download">{move || checked.with(|c| c.file_name.clone())}</div>
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
                                        <button class="menu-item" data-template=t.id on:click=move |_| choose_template(t)>
                                            <span class="menu-title">{t.title}</span>
                                            <span class="menu-desc">{t.description}</span>
                                        </button>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </Show>
                    </div>
                    <button class="btn" id="open-button" title="Open a YAML file (Ctrl+O); you can also drop one on the window" on:click=move |_| { if let Some(i) = file_input.get() { i.click(); } }>"Open…"</button>
                    <input type="file" id="file-input" class="hidden" accept=".yaml,.yml,.json,application/yaml,text/yaml" node_ref=file_input on:change=on_file_chosen/>
                    <button class="btn" id="copy-button" title="Copy the YAML to the clipboard" on:click=copy>"Copy"</button>
                    <button class="btn primary" id="download-button" title="Download exactly this text (Ctrl+S)" on:click=move |_| download(editor, checked, review)>"Download"</button>
                </nav>
            </header>

            <For each=banners key=|(id, u)| (*id, format!("{u:?}")) let:entry>
                {
                    let (id, state) = entry;
                    let name = move || { checked.track(); infos.track(); doc_name(id) };
                    match state {
                        Unsaved::Failed(reason) => view! {
                            <div class="banner" role="alert" id="storage-banner" data-doc-id=id>
                                <span>
                                    "Autosave to browser storage failed (" {reason} "): " <strong>{name}</strong> " is not saved. "
                                    "Its text is still in the editor: download a copy to keep it safe."
                                    {move || (!storage_warning.get().is_empty()).then(|| view! { " " {storage_warning.get()} })}
                                </span>
                                <button class="btn" on:click=move |_| download_doc(id, doc_name(id), editor, ws, review)>"Download a copy"</button>
                            </div>
                        }.into_any(),
                        _ => view! {
                            <div class="banner" role="alert" id="conflict-banner" data-doc-id=id>
                                <span><strong>{name}</strong> " was changed in another tab while you edited it here. Which version do you keep? The other is one Ctrl+Z away."</span>
                                <button class="btn" id="conflict-theirs" on:click=move |_| resolve(id, false)>"Use the other tab's"</button>
                                <button class="btn primary" id="conflict-mine" on:click=move |_| resolve(id, true)>"Keep mine"</button>
                            </div>
                        }.into_any(),
                    }
                }
            </For>
            {move || {
                let id = ws.with(|w| w.active);
                safe.with(|s| s.get(&id).cloned()).map(|reason| view! {
                    <div class="banner notice" role="alert" id="safe-banner">
                        <span>
                            {match reason {
                                Some(why) => format!("Checking this document stopped Charter's checker ({why}), so it is open read-only and unchecked (safe mode). "),
                                None => "Charter stopped while checking this document last time, so it is open read-only and unchecked (safe mode). ".to_string(),
                            }}
                            "Its text is saved; download a copy, or check it again."
                        </span>
                        <button class="btn" id="safe-download" on:click=move |_| download(editor, checked, review)>"Download a copy"</button>
                        <button class="btn primary" id="safe-check" on:click=move |_| check_again(id)>"Check it again"</button>
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
                                        <button class="doc-tab-name" role="tab" aria-selected=move || is_active().to_string() title=title on:click=move |_| switch_to(id)>
                                            <span class=state></span>
                                            <span class="doc-tab-label">{label}</span>
                                        </button>
                                        <Show when=move || ws.with(|w| w.docs.len() > 1)>
                                            <button class="doc-tab-close" title="Close this document" aria-label="Close" on:click=move |_| close_doc(id)>"×"</button>
                                        </Show>
                                    </div>
                                }
                            }
                        </For>
                    </div>
                    <div class="view-bar">
                        <div class="view-tabs" role="tablist" aria-label="View" on:keydown=move |ev: web_sys::KeyboardEvent| {
                            // Left and right go through the views, as in any tab list.
                            let order = [ViewMode::Yaml, ViewMode::Form, ViewMode::Schema, ViewMode::Diagram, ViewMode::Preview];
                            let at = order.iter().position(|v| *v == view_mode.get_untracked()).unwrap_or(0);
                            let to = match ev.key().as_str() {
                                "ArrowRight" => (at + 1) % order.len(),
                                "ArrowLeft" => (at + order.len() - 1) % order.len(),
                                _ => return,
                            };
                            ev.prevent_default();
                            set_view(order[to]);
                            focus_id(["view-yaml", "view-form", "view-schema", "view-diagram", "view-preview"][to]);
                        }>
                            <button class="view-tab" id="view-yaml" role="tab" aria-selected=move || (view_mode.get() == ViewMode::Yaml).to_string()
                                title="The YAML text (Ctrl+Shift+V switches)" on:click=move |_| set_view(ViewMode::Yaml)>"YAML"</button>
                            <button class="view-tab" id="view-form" role="tab" aria-selected=move || (view_mode.get() == ViewMode::Form).to_string()
                                title="Every field of the standard as a form" on:click=move |_| set_view(ViewMode::Form)>"Form"</button>
                            <button class="view-tab" id="view-schema" role="tab" aria-selected=move || (view_mode.get() == ViewMode::Schema).to_string()
                                title="Every table's columns in a grid, edited in place" on:click=move |_| set_view(ViewMode::Schema)>"Schema"</button>
                            <button class="view-tab" id="view-diagram" role="tab" aria-selected=move || (view_mode.get() == ViewMode::Diagram).to_string()
                                title="The tables and their relationships" on:click=move |_| set_view(ViewMode::Diagram)>"Diagram"</button>
                            <button class="view-tab" id="view-preview" role="tab" aria-selected=move || (view_mode.get() == ViewMode::Preview).to_string()
                                title="The page consumers read (Ctrl+Shift+V switches)" on:click=move |_| set_view(ViewMode::Preview)>"Preview"</button>
                        </div>
                        <Show when=move || view_mode.get() == ViewMode::Preview>
                            <div class="view-actions">
                                <button class="btn small" id="print-preview" title="Print the preview, or save it as PDF" on:click=move |_| { if let Some(w) = web_sys::window() { let _ = w.print(); } }>"Print…"</button>
                                <button class="btn small" id="download-html" title="Download the preview as one offline HTML file" on:click=download_html>"Download HTML"</button>
                            </div>
                        </Show>
                    </div>
                    <div class="editor" id="editor" class:hidden=move || view_mode.get() != ViewMode::Yaml node_ref=editor_el></div>
                    <Show when=move || view_mode.get() == ViewMode::Form>
                        <form::FormView forms=forms open=form_open problems=form_problems focus=form_focus on_edit=Callback::new(edit_cell)
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
                                js::download_text(&format!("{stem}.svg"), &charter_core::diagram::standalone(&diagram_svg.get_untracked()));
                            })/>
                    </Show>
                    <Show when=move || view_mode.get() == ViewMode::Schema>
                        <SchemaTableView table=schema problems=form_problems reveal=schema_reveal on_edit=Callback::new(edit_cell)
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
                            on_download=Callback::new(move |(name, text): (String, String)| js::download_text(&name, &text))
                        />
                    </Show>
                    <Show when=move || tab.get() == Tab::Problems>
                    {move || {
                        if safe.with(|s| s.contains_key(&ws.with(|w| w.active))) {
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
                                            <button class=format!("problem {sev}") data-line=d.line data-code=d.code data-pointer=d.pointer on:click=move |_| goto(i)>
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
                    </Show>
                </aside>
            </main>

            <footer class="statusbar" id="statusbar" data-generation=move || generation.get() data-check-ms=move || format!("{:.2}", check_ms.get())>
                <span class="kind" id="status-kind">{move || checked.with(|c| c.report.as_ref().and_then(|r| r.standard.as_ref()).map(|s| s.kind_label()).unwrap_or("Document"))}</span>
                <span class="std" id="status-standard">{move || checked.with(|c| c.report.as_ref().map(|r| r.standard.clone().map(|s| if s.supported { s.label() } else { format!("{} (not supported yet)", s.label()) }).unwrap_or_else(|| "Unknown document".into())).unwrap_or_default())}</span>
                <span id="status-counts" class=move || {
                    let unchecked = checked.with(|c| c.report.is_none());
                    if unchecked { "counts" } else if counts().0 > 0 { "counts bad" } else { "counts good" }
                }>
                    {move || {
                        if safe.with(|s| s.contains_key(&ws.with(|w| w.active))) {
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
                    <button class="impact" id="impact-badge" class:bad=n != 0 title="Breaking changes against the review base" on:click=move |_| tab.set(Tab::Review)>
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
                    let state = unsaved.with(|m| m.get(&ws.with(|w| w.active)).cloned());
                    let (class, label) = match state {
                        None => ("saved", "Saved in this browser"),
                        Some(Unsaved::Saving) => ("saving", "Saving…"),
                        Some(Unsaved::Failed(_)) => ("unsaved", "Not saved"),
                        Some(Unsaved::Conflict) => ("unsaved", "Not saved: changed in another tab"),
                    };
                    view! { <span id="status-save" class=class>{label}</span> }
                }}
            </footer>

            <NewContractDialog open=new_dialog on_create=Callback::new(move |n: templates::NewContract| create_contract(n))/>
            <div class="drop-overlay" aria-hidden="true"><div>"Drop a YAML file to open it"</div></div>
            {move || toast.get().map(|(msg, error)| view! { <div class="toast" class:error=error role="status" id="toast">{msg}</div> })}
        </div>
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
fn RulesReference() -> impl IntoView {
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

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
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
    js::download_text(&name, &text);
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
        js::download_text(&name, &text);
        // The last exported version is always available as a review base.
        let _ = review.snapshot(review::LAST_DOWNLOAD.to_string(), text);
    }
}

/// What the editor pane shows.
#[derive(Clone, Copy, PartialEq)]
enum ViewMode {
    Yaml,
    Form,
    Schema,
    Diagram,
    Preview,
}

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Problems,
    Review,
    Rules,
}

fn gloo_timeout(ms: i32, f: impl FnOnce() + 'static) {
    let cb = Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), ms);
    }
}

/// Focus the element with this id, if there is one.
fn focus_id(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
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

/// A file name without its extension: `orders.events.v1.odcs.yaml` → `orders.events.v1`.
fn stem_of(name: &str) -> String {
    [".odcs.yaml", ".odps.yaml", ".yaml", ".yml", ".json"]
        .iter()
        .find_map(|e| name.strip_suffix(e))
        .unwrap_or(name)
        .to_string()
}

/// Ctrl/Cmd+Shift+V switches between the YAML and the preview (as in VS Code).
fn install_view_shortcut(toggle: impl Fn() + 'static) {
    let cb = Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
        if (e.ctrl_key() || e.meta_key())
            && e.shift_key()
            && !e.alt_key()
            && e.key().eq_ignore_ascii_case("v")
        {
            e.prevent_default();
            toggle();
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback("keydown", cb.as_ref().unchecked_ref());
    }
    cb.forget();
}

/// Ctrl/Cmd+S downloads, Ctrl/Cmd+O opens.
fn install_shortcuts(save: impl Fn() + 'static, open: impl Fn() + 'static) {
    let cb = Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
        if !(e.ctrl_key() || e.meta_key()) || e.shift_key() || e.alt_key() {
            return;
        }
        match e.key().as_str() {
            "s" => {
                e.prevent_default();
                save();
            }
            "o" => {
                e.prevent_default();
                open();
            }
            _ => {}
        }
    });
    if let Some(w) = web_sys::window() {
        let _ = w.add_event_listener_with_callback("keydown", cb.as_ref().unchecked_ref());
    }
    cb.forget();
}

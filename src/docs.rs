//! The workspace's documents and where the browser keeps them: IndexedDB, through the store
//! in `js/store.js` (one record per document, random ids unique across tabs, a revision check
//! on every write, other tabs told on a BroadcastChannel). The editor hands every change to
//! the store itself, before any check runs; this module opens the store and turns what it
//! reports into [`StoreEvent`]s for the app. What the documents mean to each other (policy,
//! contract references) is the core's `workspace` module.

use crate::js;
use serde::Deserialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct DocMeta {
    pub id: u32,
    /// The file name it was opened from, if any (else one is suggested from its content).
    pub name: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct Stored {
    pub docs: Vec<DocMeta>,
    /// The document this tab shows.
    pub active: u32,
    /// The store was empty: a first visit (the app says how to start).
    #[serde(default)]
    pub first_visit: bool,
}

/// What the store reports, as it happens.
#[derive(Clone, Debug)]
pub enum StoreEvent {
    /// A write of a document finished: `error` is empty, or why it failed.
    Saved { id: u32, error: String },
    /// Another tab added, changed or deleted a document; `Conflict`: it saved a document
    /// this tab has unsaved edits of, so nothing was overwritten and the user chooses.
    Remote {
        kind: Remote,
        id: u32,
        name: Option<String>,
    },
    /// A write of settings, snapshots or review bases finished.
    SettingsSaved { error: String },
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Remote {
    Added,
    Changed,
    Deleted,
    Conflict,
}

type Handler = Rc<dyn Fn(StoreEvent)>;

thread_local! {
    /// The app's handler, and the events that arrived before the app was there.
    static HANDLER: RefCell<(Option<Handler>, Vec<StoreEvent>)> = const { RefCell::new((None, Vec::new())) };
}

fn emit(e: StoreEvent) {
    let handler = HANDLER.with(|h| {
        let mut h = h.borrow_mut();
        if h.0.is_none() {
            h.1.push(e.clone());
        }
        h.0.clone()
    });
    if let Some(f) = handler {
        f(e);
    }
}

/// Receive the store's events (those that came before are delivered now).
pub fn on_event(f: impl Fn(StoreEvent) + 'static) {
    let f: Handler = Rc::new(f);
    let queued = HANDLER.with(|h| {
        let mut h = h.borrow_mut();
        h.0 = Some(f.clone());
        std::mem::take(&mut h.1)
    });
    for e in queued {
        f(e);
    }
}

/// Open the store; a first visit gets one document, `first_text`.
pub async fn open(first_text: &str) -> Stored {
    let hooks = js_sys::Object::new();
    let saved =
        Closure::<dyn Fn(u32, String)>::new(|id, error| emit(StoreEvent::Saved { id, error }));
    let remote = Closure::<dyn Fn(String, u32, Option<String>)>::new(|kind: String, id, name| {
        let kind = match kind.as_str() {
            "added" => Remote::Added,
            "changed" => Remote::Changed,
            "deleted" => Remote::Deleted,
            _ => Remote::Conflict,
        };
        emit(StoreEvent::Remote { kind, id, name })
    });
    let kv = Closure::<dyn Fn(String)>::new(|error| emit(StoreEvent::SettingsSaved { error }));
    for (name, f) in [
        ("docSaved", saved.as_ref()),
        ("docRemote", remote.as_ref()),
        ("kvSaved", kv.as_ref()),
    ] {
        let _ = js_sys::Reflect::set(&hooks, &name.into(), f);
    }
    saved.forget();
    remote.forget();
    kv.forget();
    let json = js::open_store(&hooks).await.as_string().unwrap_or_default();
    let mut s: Stored = serde_json::from_str(&json).unwrap_or(Stored {
        docs: Vec::new(),
        active: 0,
        first_visit: false,
    });
    if s.docs.is_empty() {
        let id = js::new_doc_id();
        js::add_doc(id, first_text, None);
        s = Stored {
            docs: vec![DocMeta { id, name: None }],
            active: id,
            first_visit: true,
        };
    }
    js::set_active(s.active);
    s
}

fn cursor_key(id: u32) -> String {
    format!("charter.cursor.v1.{id}")
}

pub fn cursor(id: u32) -> Option<u32> {
    js::load_item(&cursor_key(id)).and_then(|s| s.parse().ok())
}

pub fn store_cursor(id: u32, offset: u32) {
    js::store_item(&cursor_key(id), &offset.to_string());
}

pub fn remove(id: u32) {
    js::delete_doc(id);
    js::remove_item(&cursor_key(id));
}

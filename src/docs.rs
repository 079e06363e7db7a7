//! The workspace's documents and where the browser keeps them: a list of documents
//! (`charter.workspace.v1`) and each one's text and cursor under its own key, saved on
//! every change. What the documents mean to each other (policy, contract references) is
//! the core's `workspace` module.

use crate::js;
use serde::{Deserialize, Serialize};

const WORKSPACE_KEY: &str = "charter.workspace.v1";
/// Where a single document was kept before there was a workspace.
const LEGACY_DOC_KEY: &str = "charter.document.v1";
const LEGACY_NAME_KEY: &str = "charter.filename.v1";
const LEGACY_CURSOR_KEY: &str = "charter.cursor.v1";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocMeta {
    pub id: u32,
    /// The file name it was opened from, if any (else one is suggested from its content).
    pub name: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stored {
    pub docs: Vec<DocMeta>,
    pub active: u32,
    pub next: u32,
}

fn text_key(id: u32) -> String {
    format!("charter.doc.v1.{id}")
}

fn cursor_key(id: u32) -> String {
    format!("charter.cursor.v1.{id}")
}

/// The saved workspace; a first visit gets one document, `first_text`.
pub fn load(first_text: &str) -> Stored {
    if let Some(s) =
        js::load_item(WORKSPACE_KEY).and_then(|j| serde_json::from_str::<Stored>(&j).ok())
    {
        if !s.docs.is_empty() {
            return s;
        }
    }
    // One document from before workspaces, or the first visit.
    let (text, name) = match js::load_item(LEGACY_DOC_KEY) {
        Some(t) => (t, js::load_item(LEGACY_NAME_KEY)),
        None => (first_text.to_string(), None),
    };
    let s = Stored {
        docs: vec![DocMeta { id: 1, name }],
        active: 1,
        next: 2,
    };
    store_text(1, &text);
    if let Some(c) = js::load_item(LEGACY_CURSOR_KEY) {
        js::store_item(&cursor_key(1), &c);
    }
    save(&s);
    for k in [LEGACY_DOC_KEY, LEGACY_NAME_KEY, LEGACY_CURSOR_KEY] {
        js::remove_item(k);
    }
    s
}

/// Returns "" or why storing failed.
pub fn save(s: &Stored) -> String {
    js::store_item(WORKSPACE_KEY, &serde_json::to_string(s).unwrap_or_default())
}

pub fn text(id: u32) -> Option<String> {
    js::load_item(&text_key(id))
}

/// Returns "" or why storing failed.
pub fn store_text(id: u32, text: &str) -> String {
    js::store_item(&text_key(id), text)
}

pub fn cursor(id: u32) -> Option<u32> {
    js::load_item(&cursor_key(id)).and_then(|s| s.parse().ok())
}

pub fn store_cursor(id: u32, offset: u32) {
    js::store_item(&cursor_key(id), &offset.to_string());
}

pub fn remove(id: u32) {
    js::remove_item(&text_key(id));
    js::remove_item(&cursor_key(id));
}

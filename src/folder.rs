//! A folder opened as a workspace: every contract and manifest under it becomes a document.
//! Where the browser offers the File System Access API (Chromium: the folder picker, or a
//! folder dropped on the window), each document keeps its file's handle and Download
//! (Ctrl+S) writes the text back to that file; elsewhere a folder is read through a
//! `webkitdirectory` file input, without write-back.
//!
//! Folders are walked with a stack (no recursion), at most [`MAX_DEPTH`] levels and
//! [`MAX_FILES`] files; hidden folders, `node_modules` and `target` are left out.

use js_sys::{AsyncIterator, Reflect};
use std::cell::RefCell;
use std::collections::HashMap;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{FileSystemDirectoryHandle, FileSystemFileHandle};

pub const MAX_DEPTH: usize = 16;
pub const MAX_FILES: usize = 500;

/// A file read from a folder.
pub struct Opened {
    /// Its path inside the folder: `products/shop.odps.yaml`.
    pub path: String,
    pub text: String,
    /// Its handle, for writing back (File System Access only).
    pub handle: Option<FileSystemFileHandle>,
}

thread_local! {
    /// The file each document writes back to, by document id.
    static HANDLES: RefCell<HashMap<u32, FileSystemFileHandle>> = RefCell::new(HashMap::new());
}

/// Whether the file names a contract or manifest (YAML).
pub fn is_yaml(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n.ends_with(".yaml") || n.ends_with(".yml")
}

fn skipped_folder(name: &str) -> bool {
    name.starts_with('.') || name == "node_modules" || name == "target"
}

/// Remember that document `id` writes back to `handle`.
pub fn keep(id: u32, handle: FileSystemFileHandle) {
    HANDLES.with(|h| h.borrow_mut().insert(id, handle));
}

pub fn forget(id: u32) {
    HANDLES.with(|h| h.borrow_mut().remove(&id));
}

/// Whether this browser can open a folder with write access (the folder picker).
pub fn can_pick() -> bool {
    web_sys::window()
        .and_then(|w| Reflect::get(&w, &"showDirectoryPicker".into()).ok())
        .is_some_and(|f| f.is_function())
}

fn why(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "the browser refused".into())
}

/// Ask for a folder with the picker; `Ok(None)` when the person cancelled.
pub async fn pick() -> Result<Option<(String, Vec<Opened>)>, String> {
    let window = web_sys::window().ok_or("no window")?;
    let picker: js_sys::Function = Reflect::get(&window, &"showDirectoryPicker".into())
        .map_err(why)?
        .dyn_into()
        .map_err(|_| "this browser can't open folders".to_string())?;
    let options = js_sys::Object::new();
    let _ = Reflect::set(&options, &"mode".into(), &"readwrite".into());
    let promise: js_sys::Promise = picker
        .call1(&window, &options)
        .map_err(why)?
        .dyn_into()
        .map_err(|_| "the folder picker did not answer".to_string())?;
    let dir = match JsFuture::from(promise).await {
        Ok(d) => d.unchecked_into::<FileSystemDirectoryHandle>(),
        // AbortError: the person closed the picker.
        Err(e)
            if Reflect::get(&e, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .as_deref()
                == Some("AbortError") =>
        {
            return Ok(None)
        }
        Err(e) => return Err(why(e)),
    };
    let name = dir.name();
    Ok(Some((name, read_dir(dir).await?)))
}

/// The next value of an async iterator, or `None` at its end.
async fn next(it: &AsyncIterator) -> Result<Option<JsValue>, String> {
    let step = JsFuture::from(it.next().map_err(why)?).await.map_err(why)?;
    let done = Reflect::get(&step, &"done".into())
        .ok()
        .and_then(|d| d.as_bool())
        .unwrap_or(true);
    Ok((!done).then(|| Reflect::get(&step, &"value".into()).unwrap_or(JsValue::UNDEFINED)))
}

async fn read_handle(handle: FileSystemFileHandle, path: String) -> Result<Opened, String> {
    let file: web_sys::File = JsFuture::from(handle.get_file())
        .await
        .map_err(why)?
        .unchecked_into();
    if file.size() > charter_core::yaml::MAX_INPUT_BYTES as f64 {
        return Err(format!(
            "{path}: {}",
            charter_core::yaml::too_large_message()
        ));
    }
    let text = crate::browser::read_utf8(&file).await?;
    Ok(Opened {
        path,
        text,
        handle: Some(handle),
    })
}

/// Every YAML file under `dir`, in path order. Files that can't be read are left out.
pub async fn read_dir(dir: FileSystemDirectoryHandle) -> Result<Vec<Opened>, String> {
    let mut out = Vec::new();
    let mut stack = vec![(dir, String::new(), 0usize)];
    while let Some((dir, prefix, depth)) = stack.pop() {
        let it = dir.values();
        while let Some(entry) = next(&it).await? {
            let kind = Reflect::get(&entry, &"kind".into())
                .ok()
                .and_then(|k| k.as_string())
                .unwrap_or_default();
            let name = Reflect::get(&entry, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .unwrap_or_default();
            let path = format!("{prefix}{name}");
            if kind == "directory" {
                if depth < MAX_DEPTH && !skipped_folder(&name) {
                    stack.push((entry.unchecked_into(), format!("{path}/"), depth + 1));
                }
            } else if is_yaml(&name) && out.len() < MAX_FILES {
                if let Ok(o) = read_handle(entry.unchecked_into(), path).await {
                    out.push(o);
                }
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// What was dropped, when it holds a folder: every YAML file under it (and the YAML files
/// dropped beside it), read through the handles the drop gave, so they can be written
/// back. `None` when no folder was dropped: the dropped files are read plainly.
pub async fn dropped(handles: Vec<js_sys::Promise>) -> Option<Vec<Opened>> {
    let mut resolved = Vec::new();
    for promise in handles {
        if let Ok(h) = JsFuture::from(promise).await {
            if !h.is_null() && !h.is_undefined() {
                resolved.push(h);
            }
        }
    }
    let kind = |h: &JsValue| {
        Reflect::get(h, &"kind".into())
            .ok()
            .and_then(|k| k.as_string())
            .unwrap_or_default()
    };
    if !resolved.iter().any(|h| kind(h) == "directory") {
        return None;
    }
    let mut out = Vec::new();
    for handle in resolved {
        if kind(&handle) == "directory" {
            out.extend(read_dir(handle.unchecked_into()).await.unwrap_or_default());
        } else {
            let name = Reflect::get(&handle, &"name".into()).ok()?.as_string()?;
            if is_yaml(&name) {
                if let Ok(o) = read_handle(handle.unchecked_into(), name).await {
                    out.push(o);
                }
            }
        }
    }
    Some(out)
}

/// Write `text` back to document `id`'s file; `Ok(false)` when it has none.
pub async fn write_back(id: u32, text: &str) -> Result<bool, String> {
    let Some(handle) = HANDLES.with(|h| h.borrow().get(&id).cloned()) else {
        return Ok(false);
    };
    let stream: web_sys::FileSystemWritableFileStream = JsFuture::from(handle.create_writable())
        .await
        .map_err(why)?
        .unchecked_into();
    JsFuture::from(stream.write_with_str(text).map_err(why)?)
        .await
        .map_err(why)?;
    JsFuture::from(stream.close()).await.map_err(why)?;
    Ok(true)
}

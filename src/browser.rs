//! Browser plumbing in Rust, on the gloo crates and Leptos' helpers: timers, files read
//! and offered for download, the clipboard, files dropped on the window, shortcuts. (The
//! JavaScript left is CodeMirror's glue, the checking worker's queue and the IndexedDB
//! store.)

use gloo_file::{Blob, ObjectUrl};
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Run `f` after `ms` milliseconds.
pub fn after(ms: u32, f: impl FnOnce() + 'static) {
    Timeout::new(ms, f).forget();
}

/// A file's text, which must be UTF-8 (a byte-order mark is dropped); else why not.
pub async fn read_utf8(file: &web_sys::File) -> Result<String, String> {
    let name = file.name();
    let file = gloo_file::File::from(file.clone());
    let bytes = gloo_file::futures::read_as_bytes(&file)
        .await
        .map_err(|e| format!("{name} could not be read ({e})."))?;
    let text = String::from_utf8(bytes).map_err(|_| {
        format!("{name} is not UTF-8 text, so it was not opened. Save it as UTF-8 and try again.")
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

/// The media type of a download by its file name.
fn media_type(name: &str) -> &'static str {
    match name.rsplit('.').next().unwrap_or("") {
        "html" => "text/html;charset=utf-8",
        "md" => "text/markdown;charset=utf-8",
        "json" => "application/json",
        "sql" => "application/sql",
        "svg" => "image/svg+xml",
        _ => "application/yaml",
    }
}

/// Offer `text` as a download named `name`, byte for byte.
pub fn download_text(name: &str, text: &str) {
    let blob = Blob::new_with_options(text, Some(media_type(name)));
    let url = ObjectUrl::from(blob);
    let Ok(a) = document().create_element("a") else {
        return;
    };
    let a: web_sys::HtmlAnchorElement = a.unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    if let Some(body) = document().body() {
        let _ = body.append_child(&a);
        a.click();
        a.remove();
    }
    // The address stays valid while the browser starts the download.
    after(10_000, move || drop(url));
}

/// Copy `text` to the clipboard; else why not.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let clipboard = window().navigator().clipboard();
    wasm_bindgen_futures::JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|e| {
            let why = js_sys::Reflect::get(&e, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_else(|| "the browser refused".into());
            format!("Copy failed: {why}. Use Download instead.")
        })
}

/// A drag that carries files.
fn has_files(ev: &web_sys::DragEvent) -> bool {
    ev.data_transfer().is_some_and(|d| {
        d.types()
            .iter()
            .any(|t| t.as_string().as_deref() == Some("Files"))
    })
}

/// Call `on_drop` for files (or folders) dropped anywhere on the window, with the files
/// and, where the browser has the File System Access API, the promises of their handles
/// (asked for during the drop event, the only time they can be). `dragging` is set on the
/// body while files are dragged over it (the drop overlay). The drop is taken as it starts
/// down the page (capture), before the editor would insert the file's text.
pub fn on_file_drop(on_drop: impl Fn(Vec<web_sys::File>, Vec<js_sys::Promise>) + 'static) {
    use gloo_events::{EventListener, EventListenerOptions, EventListenerPhase};
    let depth = std::rc::Rc::new(std::cell::Cell::new(0u32));
    let body = || document().body().map(|b| b.class_list());
    let drag = |ev: &web_sys::Event| {
        ev.dyn_ref::<web_sys::DragEvent>()
            .filter(|e| has_files(e))
            .cloned()
    };
    let listen = |name: &'static str, capture: bool, f: Box<dyn FnMut(&web_sys::Event)>| {
        let options = EventListenerOptions {
            phase: if capture {
                EventListenerPhase::Capture
            } else {
                EventListenerPhase::Bubble
            },
            passive: false,
        };
        EventListener::new_with_options(&window(), name, options, f).forget();
    };
    let d = depth.clone();
    listen(
        "dragenter",
        false,
        Box::new(move |ev| {
            if drag(ev).is_some() {
                ev.prevent_default();
                d.set(d.get() + 1);
                body().map(|c| c.add_1("dragging"));
            }
        }),
    );
    listen(
        "dragover",
        false,
        Box::new(move |ev| {
            if let Some(e) = drag(ev) {
                ev.prevent_default();
                if let Some(t) = e.data_transfer() {
                    t.set_drop_effect("copy");
                }
            }
        }),
    );
    let d = depth.clone();
    listen(
        "dragleave",
        false,
        Box::new(move |_| {
            d.set(d.get().saturating_sub(1));
            if d.get() == 0 {
                body().map(|c| c.remove_1("dragging"));
            }
        }),
    );
    listen(
        "drop",
        true,
        Box::new(move |ev| {
            let Some(e) = drag(ev) else { return };
            ev.prevent_default();
            depth.set(0);
            body().map(|c| c.remove_1("dragging"));
            let Some(t) = e.data_transfer() else { return };
            let files: Vec<web_sys::File> = t
                .files()
                .map(|f| (0..f.length()).filter_map(|i| f.get(i)).collect())
                .unwrap_or_default();
            let items = t.items();
            let handles: Vec<js_sys::Promise> = (0..items.length())
                .filter_map(|i| items.get(i))
                .filter(|item| item.kind() == "file")
                .filter_map(|item| {
                    let get = js_sys::Reflect::get(&item, &"getAsFileSystemHandle".into()).ok()?;
                    let get: &js_sys::Function = get.dyn_ref()?;
                    get.call0(&item).ok()?.dyn_into().ok()
                })
                .collect();
            on_drop(files, handles);
        }),
    );
}

/// Ctrl/Cmd+S saves (downloads), Ctrl/Cmd+O opens, Ctrl/Cmd+Shift+V switches between the
/// YAML and the preview (as in VS Code).
pub fn shortcuts(
    save: impl Fn() + 'static,
    open: impl Fn() + 'static,
    toggle_view: impl Fn() + 'static,
) {
    let keys = window_event_listener(leptos::ev::keydown, move |e| {
        if !(e.ctrl_key() || e.meta_key()) || e.alt_key() {
            return;
        }
        match (e.shift_key(), e.key().to_ascii_lowercase().as_str()) {
            (false, "s") => save(),
            (false, "o") => open(),
            (true, "v") => toggle_view(),
            _ => return,
        }
        e.prevent_default();
    });
    on_cleanup(move || keys.remove());
}

/// A github.com file page (`/blob/`) is fetched from its raw address.
fn raw_url(url: &str) -> String {
    let Some(rest) = url.strip_prefix("https://github.com/") else {
        return url.to_string();
    };
    let mut parts = rest.splitn(4, '/');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some(owner), Some(repo), Some("blob"), Some(path))
            if !owner.is_empty() && !repo.is_empty() && !path.is_empty() =>
        {
            format!("https://raw.githubusercontent.com/{owner}/{repo}/{path}")
        }
        _ => url.to_string(),
    }
}

/// The origins the page's Content-Security-Policy lets it connect to (besides its own).
fn connect_origins() -> Vec<String> {
    let csp = document()
        .query_selector("meta[http-equiv=\"Content-Security-Policy\"]")
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_default();
    csp.split(';')
        .map(|d| d.split_whitespace().collect::<Vec<_>>())
        .find(|d| d.first() == Some(&"connect-src"))
        .map(|d| {
            d[1..]
                .iter()
                .filter(|s| s.starts_with("https://") || s.starts_with("http://"))
                .map(|s| s.to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Fetch a review base's text; only ever called when the person presses Fetch, and only
/// from the page's own origin or those its policy allows, so no contract is sent
/// anywhere else.
pub async fn fetch_text(input: &str) -> Result<String, String> {
    use gloo_net::http::Request;
    use web_sys::{RequestCache, RequestCredentials};
    let url = raw_url(input.trim());
    let here = window().location();
    let origin = web_sys::Url::new_with_base(&url, &here.href().unwrap_or_default())
        .map(|u| u.origin())
        .map_err(|_| {
            format!(
                "\"{input}\" is not a web address: write it as https://host/path/contract.yaml."
            )
        })?;
    let allowed = connect_origins();
    if Some(&origin) != here.origin().ok().as_ref() && !allowed.contains(&origin) {
        let hosts: Vec<String> = allowed
            .iter()
            .filter_map(|o| web_sys::Url::new(o).ok().map(|u| u.host()))
            .collect();
        return Err(format!(
            "Charter fetches review bases only from {}, so that no contract can be sent anywhere else. Download {url} and load it with \"Base from file…\", or use \"Paste base…\".",
            hosts.join(", ")
        ));
    }
    let res = Request::get(&url)
        .credentials(RequestCredentials::Omit)
        .cache(RequestCache::NoStore)
        .send()
        .await
        .map_err(|_| format!("Could not fetch {url}: the server is unreachable or does not allow cross-origin requests (CORS)."))?;
    if !res.ok() {
        return Err(format!(
            "Could not fetch {url}: the server answered {} {}.",
            res.status(),
            res.status_text()
        ));
    }
    res.text()
        .await
        .map_err(|e| format!("Could not read {url}: {e}."))
}

/// This page's address with `fragment` after `#` (a share link).
pub fn page_url_with_fragment(fragment: &str) -> String {
    let l = window().location();
    format!(
        "{}{}#{fragment}",
        l.origin().unwrap_or_default(),
        l.pathname().unwrap_or_default()
    )
}

/// The page address's `#...` part ("" when none).
pub fn read_hash() -> String {
    window().location().hash().unwrap_or_default()
}

/// Drop the `#...` part from the address, without a new history entry.
pub fn clear_hash() {
    let l = window().location();
    let url = format!(
        "{}{}",
        l.pathname().unwrap_or_default(),
        l.search().unwrap_or_default()
    );
    if let Ok(h) = window().history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// Ask the person to confirm an action that removes text.
pub fn confirm(message: &str) -> bool {
    window().confirm_with_message(message).unwrap_or(false)
}

//! Bindings to `js/editor.js` (bundled to `js/dist/editor.js`): CodeMirror and browser plumbing.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/dist/editor.js")]
extern "C" {
    #[derive(Clone)]
    pub type EditorView;

    #[wasm_bindgen(js_name = createEditor)]
    pub fn create_editor(
        parent: &web_sys::HtmlDivElement,
        doc: &str,
        doc_id: u32,
        on_change: &js_sys::Function,
        on_cursor: &js_sys::Function,
    ) -> EditorView;

    #[wasm_bindgen(js_name = switchDocument)]
    pub fn switch_document(view: &EditorView, from_id: u32, to_id: u32, text: &str) -> bool;

    #[wasm_bindgen(js_name = forgetDocument)]
    pub fn forget_document(view: &EditorView, id: u32);

    #[wasm_bindgen(js_name = getText)]
    pub fn get_text(view: &EditorView) -> String;

    /// `diags` is a JSON array of `{from, to, severity, message, code}` (UTF-16 offsets).
    #[wasm_bindgen(js_name = showDiagnostics)]
    fn show_diagnostics_js(view: &EditorView, diags: JsValue);

    #[wasm_bindgen(js_name = focusAt)]
    pub fn focus_at(view: &EditorView, offset: u32);

    #[wasm_bindgen(js_name = focusEditor)]
    pub fn focus_editor(view: &EditorView);

    /// Undo (`again`: redo) the editor's last change; false when there was none.
    #[wasm_bindgen(js_name = undoInEditor)]
    pub fn undo_in_editor(view: &EditorView, again: bool) -> bool;

    /// Another tab saved document `id`: show its text as one undoable change.
    #[wasm_bindgen(js_name = applyText)]
    pub fn apply_text(view: &EditorView, id: u32, text: &str);

    #[wasm_bindgen(js_name = setReadOnly)]
    pub fn set_read_only(view: &EditorView, on: bool);

    // The checking worker (js/checker.js, crates/worker).

    /// `hooks`: `{answer(json, ms), progress(json), failure(id, message), slow()}`.
    #[wasm_bindgen(js_name = startChecker)]
    pub fn start_checker(url: &str, view: &EditorView, hooks: &js_sys::Object);

    #[wasm_bindgen(js_name = restartChecker)]
    pub fn restart_checker();

    #[wasm_bindgen(js_name = stopChecker)]
    pub fn stop_checker();

    /// `request`: JSON `{docs: [{id, name, skip}]}`.
    #[wasm_bindgen(js_name = requestWorkspace)]
    pub fn request_workspace(request: &str);

    /// `request`: JSON `{id, order, name, mode}`; the text is the editor's.
    #[wasm_bindgen(js_name = requestCheck)]
    pub fn request_check(request: &str);

    /// Resolves to the answer's JSON (a string), or null if the checker stopped.
    #[wasm_bindgen(js_name = askWorker)]
    pub async fn ask_worker(request: &str) -> JsValue;

    /// The contract a file describes, from the import worker at `url` (started on first
    /// use): resolves to the answer's JSON.
    #[wasm_bindgen(js_name = importFile)]
    pub async fn import_file(url: &str, name: &str, text: &str) -> JsValue;

    /// Resolves to "" once the edit is in the editor, or to why it could not be made.
    #[wasm_bindgen(js_name = editShown)]
    pub async fn edit_shown(request: &str) -> JsValue;

    #[wasm_bindgen(js_name = setCheckerBase)]
    pub fn set_checker_base(text: Option<String>);

    /// Safe mode: forget a closed document's mark.
    #[wasm_bindgen(js_name = endCheck)]
    pub fn end_check(ids: Vec<u32>);

    /// JSON array of the documents whose last check never finished.
    #[wasm_bindgen(js_name = interruptedChecks)]
    pub fn interrupted_checks() -> String;

    #[wasm_bindgen(js_name = reportCrash)]
    pub fn report_crash(message: &str);

    // The store (js/store.js): documents, settings and snapshots in IndexedDB.

    /// Resolves to JSON `{docs: [{id, name}], active}`.
    #[wasm_bindgen(js_name = openStore)]
    pub async fn open_store(hooks: &js_sys::Object) -> JsValue;

    #[wasm_bindgen(js_name = newDocId)]
    pub fn new_doc_id() -> u32;

    #[wasm_bindgen(js_name = docText)]
    pub fn doc_text(id: u32) -> Option<String>;

    #[wasm_bindgen(js_name = addDoc)]
    pub fn add_doc(id: u32, text: &str, name: Option<String>);

    #[wasm_bindgen(js_name = deleteDoc)]
    pub fn delete_doc(id: u32);

    #[wasm_bindgen(js_name = isUnsaved)]
    pub fn is_unsaved(id: u32) -> bool;

    #[wasm_bindgen(js_name = setActive)]
    pub fn set_active(id: u32);

    /// Resolves to the other tab's text when it is taken, else `null`.
    #[wasm_bindgen(js_name = resolveConflict)]
    pub async fn resolve_conflict(id: u32, keep_mine: bool) -> JsValue;

    /// Resolves to "" or a warning that the origin's storage is nearly full.
    #[wasm_bindgen(js_name = storageWarning)]
    pub async fn storage_warning() -> JsValue;

    /// Saves a setting (written within milliseconds; errors arrive as store events).
    #[wasm_bindgen(js_name = storeItem)]
    pub fn store_item(key: &str, value: &str) -> String;

    #[wasm_bindgen(js_name = loadItem)]
    pub fn load_item(key: &str) -> Option<String>;

    #[wasm_bindgen(js_name = removeItem)]
    pub fn remove_item(key: &str);

    #[wasm_bindgen(js_name = focusLine)]
    pub fn focus_line(view: &EditorView, line: u32);
}

pub fn show_diagnostics(view: &EditorView, json: &str) {
    let value = js_sys::JSON::parse(json).unwrap_or_else(|_| js_sys::Array::new().into());
    show_diagnostics_js(view, value);
}

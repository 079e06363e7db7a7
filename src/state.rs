//! The app's state types, read by the components: what the last check showed, a check
//! under way, a document's storage state, the view and side panel shown.

use charter_core::{Report, Severity};

/// What the view shows for the current text.
#[derive(Clone, Default)]
pub(crate) struct Checked {
    /// None until the first answer; at most [`PANEL_LIMIT`] diagnostics.
    pub(crate) report: Option<Report>,
    /// All diagnostics, and of them errors and warnings.
    pub(crate) total: usize,
    pub(crate) errors: usize,
    pub(crate) warnings: usize,
    /// UTF-16 start offset of each diagnostic, for moving the cursor there.
    pub(crate) starts: Vec<u32>,
    /// The name to download under.
    pub(crate) file_name: String,
}

/// What the Problems panel shows of a check.
#[derive(Clone, PartialEq)]
pub(crate) struct PanelView {
    pub(crate) items: Vec<PanelItem>,
    /// The standard's label, for "This is a valid … document".
    pub(crate) label: String,
    /// All diagnostics (the panel lists at most [`PANEL_LIMIT`]).
    pub(crate) total: usize,
}

#[derive(Clone, PartialEq)]
pub(crate) struct PanelItem {
    pub(crate) severity: Severity,
    pub(crate) code: &'static str,
    pub(crate) message: String,
    /// The JSON pointer of what it is about (`/servers/0/host`).
    pub(crate) pointer: String,
    pub(crate) line: u32,
    pub(crate) col: u32,
}

/// A check under way, as the checking worker reports it.
#[derive(Clone, Default, PartialEq)]
pub(crate) struct Progress {
    /// "validating", "comparing with the base"…, with the share done (0 to 1).
    pub(crate) step: Option<(String, f64)>,
    /// It has run for long: offer to stop it.
    pub(crate) slow: bool,
}

/// A document's state in browser storage, when it is not simply saved.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Unsaved {
    /// Being written (within milliseconds of a change).
    Saving,
    /// The last write failed, for this reason.
    Failed(String),
    /// Another tab saved it while this one had edits: the user chooses.
    Conflict,
}

/// What the editor pane shows.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum ViewMode {
    Yaml,
    Form,
    Schema,
    Diagram,
    Mesh,
    Preview,
}

#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Tab {
    Problems,
    Review,
    Rules,
}

pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// A file name without its extension: `orders.events.v1.odcs.yaml` → `orders.events.v1`.
pub(crate) fn stem_of(name: &str) -> String {
    [".odcs.yaml", ".odps.yaml", ".yaml", ".yml", ".json"]
        .iter()
        .find_map(|e| name.strip_suffix(e))
        .unwrap_or(name)
        .to_string()
}

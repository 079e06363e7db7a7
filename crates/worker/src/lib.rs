//! The checking worker's protocol and session: what the page asks, what the worker answers.
//!
//! The page (the Leptos app, `src/lib.rs`) never parses or validates a document itself: it
//! sends the text here, in a Web Worker running this crate's binary, and shows the answer.
//! A check of a 5 MB contract takes half a second; off the main thread, the editor keeps
//! taking keys while it runs, and a check that crashes takes down only the worker.
//!
//! This library knows nothing of the browser, so its tests run natively. Requests arrive as
//! JSON with the document texts alongside (they are never copied into JSON); answers leave
//! as JSON, and a check's editor marks as a second JSON text the page hands straight to
//! CodeMirror.

use charter_core::assist::{self, Completion};
use charter_core::diff::{self, rules::Impact, DiffReport, Mode};
use charter_core::text::{byte_offset, Utf16Map};
use charter_core::workspace::{self, Summary};
use charter_core::{templates, yaml, Diagnostic, Report};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// At most this many diagnostics are sent with a check's answer for the Problems panel
/// (the editor's marks carry them all).
pub const PANEL_LIMIT: usize = 500;

/// At most this many diagnostics get marks in the editor (a document with 100,000 problems
/// needs its first ones fixed, and CodeMirror takes half a second to draw them all).
pub const MARK_LIMIT: usize = 2000;

/// At most this many review findings are sent for the Review tab (the exports, made by the
/// worker, have them all).
pub const REVIEW_LIMIT: usize = 500;

/// Documents at least this big get progress messages while they are checked.
pub const PROGRESS_ABOVE_BYTES: usize = 256 * 1024;

/// What the page asks. The texts travel beside the JSON, in the order the request names them.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Request {
    /// Check every document of the workspace (texts: one per document, in order), for the
    /// document tabs and for the checks that involve other documents (policy, ports).
    Workspace { seq: u64, docs: Vec<DocMeta> },
    /// The review base (text: the base, or none to stop reviewing).
    Base { seq: u64 },
    /// Check the document being edited (text: its text) against the rest of the
    /// workspace (`order`: every document's id, in the workspace's order) and, with a
    /// review base, compare it with the base under `mode`.
    #[serde(rename_all = "camelCase")]
    Check {
        seq: u64,
        id: u32,
        order: Vec<u32>,
        /// The file name it was opened from, if any.
        name: Option<String>,
        mode: Mode,
        /// Instead of the text: the edits that make it from the text of an earlier check
        /// of this document (a keystroke in a 3 MB document sends a few bytes, not the
        /// document). The texts are then the edits' inserted texts.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        edits: Option<Edits>,
        /// The Preview view is shown: the answer carries the document's preview.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        preview: bool,
        /// The Schema view is shown: the answer carries the schema as a table.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        table: bool,
        /// The Form view is shown: the answer carries the forms of the document and of
        /// the objects at these pointers (those the user opened).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        form: Option<Vec<String>>,
        /// The Diagram view is shown: the answer carries the schema's diagram as SVG.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        diagram: bool,
        /// The Mesh view is shown: the answer carries the workspace's mesh.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        mesh: bool,
    },
    /// Set the value at `pointer` of the text (the texts' first) to `value` (a string stays
    /// a string; null removes the key): the answer is the minimal changes to make.
    Edit {
        seq: u64,
        /// `set` (the default), `add` (append `value` to the list at `pointer`), `remove`,
        /// or `move` (the item at `pointer` to position `value`).
        #[serde(default)]
        op: EditOp,
        pointer: String,
        #[serde(default)]
        value: serde_json::Value,
        /// Instead of the text: the edits since the last check, as for a completion (a
        /// form edit of a 3 MB document sends a few bytes and parses nothing again).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        edits: Option<AssistEdits>,
    },
    /// Completion at `pos` (a UTF-16 offset) of the text (or of the text `edits` make of
    /// the last check's, the texts then being the inserted texts, as for a check).
    Complete {
        seq: u64,
        pos: usize,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        edits: Option<AssistEdits>,
    },
    /// Hover docs at `pos` (a UTF-16 offset) of the text (or of the edited text).
    Hover {
        seq: u64,
        pos: usize,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        edits: Option<AssistEdits>,
    },
    /// The document the last check read, exported (`charter export`): the answer is an
    /// [`Answer::Export`].
    ExportDoc {
        seq: u64,
        #[serde(flatten)]
        ask: ExportAsk,
    },
    /// The last review, rendered as `markdown`, `json`, `changelog`, `notice` (a
    /// deprecation notice dated from `today`, days since 1970-01-01, retiring the old
    /// version after `days`) or `migration` (the SQL from the base's tables to the
    /// document's, in `dialect`: a SQL dialect or `auto`).
    Export {
        seq: u64,
        format: String,
        #[serde(default)]
        today: i64,
        #[serde(default = "default_retire_days")]
        days: i64,
        #[serde(default)]
        dialect: Option<String>,
    },
}

fn default_retire_days() -> i64 {
    90
}

/// What an [`Request::ExportDoc`] asks for.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct ExportAsk {
    /// `sql`, `jsonschema`, `avro`, `mermaid`, `html` or `json`.
    pub format: String,
    /// A SQL dialect, or `auto`.
    #[serde(default)]
    pub dialect: Option<String>,
    #[serde(default)]
    pub schema: Option<String>,
    /// JSON Schema and Avro: one object's schema alone.
    #[serde(default)]
    pub object: Option<String>,
    /// `odcs`: the ODCS version to convert to, and whether to remove what it can't express.
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub lossy: bool,
}

/// How the text of a [`Request::Check`] follows from the text of an earlier check.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Edits {
    /// The `seq` of the check whose text these edits change.
    pub base: u64,
    /// `[from, to]` UTF-16 ranges of that text, in increasing order and not overlapping,
    /// each replaced by the request's text at the same index.
    pub ranges: Vec<(usize, usize)>,
    /// The UTF-16 length of the result: a check that it is the editor's text.
    pub length: usize,
}

/// The edits of a completion, hover or edit question: those of [`Edits`], of document `id`.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct AssistEdits {
    pub id: u32,
    #[serde(flatten)]
    pub edits: Edits,
}

/// One document of a [`Request::Workspace`].
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct DocMeta {
    pub id: u32,
    pub name: Option<String>,
    /// In safe mode: not read at all (its text is not sent).
    #[serde(default)]
    pub skip: bool,
}

/// What the worker answers (one answer per request, progress before it).
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Answer {
    /// Working on request `seq`, document `id`: `step` of the check, `done` from 0 to 1.
    Progress {
        seq: u64,
        id: u32,
        step: String,
        done: f64,
    },
    Workspace {
        seq: u64,
        docs: Vec<DocInfo>,
    },
    Base {
        seq: u64,
    },
    Checked(Box<Checked>),
    /// Completion options; `from` is where the typed prefix starts (UTF-16).
    Completion {
        seq: u64,
        from: usize,
        options: Vec<Completion>,
    },
    /// The changes an edit makes, or why it can't be made.
    Edited {
        seq: u64,
        changes: Vec<Change>,
        error: Option<String>,
    },
    /// Hover docs for a key, or none.
    Hover {
        seq: u64,
        hover: Option<HoverDoc>,
    },
    /// An export of the last review: the file name to download and its text, or why not.
    Export {
        seq: u64,
        file: Result<(String, String), String>,
        /// For an export of the document: its schema objects' names (the Export dialog
        /// offers one schema per object).
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        objects: Vec<String>,
        /// Places to tell the user about, one per item: a conversion's removed keys, or
        /// what the target version can't express when it refuses.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        notes: Vec<String>,
        /// With a refusal: what the user can do about it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        next: Option<String>,
    },
}

/// What the Review tab shows of a review: the first findings, and the totals of all.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewView {
    /// The review, with at most [`REVIEW_LIMIT`] findings.
    pub report: DiffReport,
    pub total: usize,
    pub breaking: usize,
    /// "breaking", "warning", "compatible" or "unchanged", and the one-sentence headline.
    pub verdict: String,
    pub headline: String,
    /// Set while the draft's YAML can't be read whole: the review shown is of the last
    /// readable version, and this says why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stale: Option<String>,
}

impl ReviewView {
    pub fn of(mut report: DiffReport) -> ReviewView {
        let (total, breaking) = (report.findings.len(), report.count(Impact::Breaking));
        let (verdict, headline) = (report.verdict().to_string(), report.headline());
        report.findings.truncate(REVIEW_LIMIT);
        ReviewView {
            report,
            total,
            breaking,
            verdict,
            headline,
            stale: None,
        }
    }
}

/// Hover docs, with the key's range in UTF-16 offsets.
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
pub struct HoverDoc {
    pub from: usize,
    pub to: usize,
    pub key: String,
    pub doc: String,
    pub version: String,
}

/// What the document tabs show about a document.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DocInfo {
    pub id: u32,
    pub errors: usize,
    pub warnings: usize,
    /// "Data contract", "Data product manifest", "Governance policy" or "Document".
    pub kind: String,
    /// The name to show and download under.
    pub file_name: String,
    /// A data contract's `id` (a data product's ports name it as `contractId`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<String>,
}

/// The answer to a [`Request::Check`].
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Checked {
    pub seq: u64,
    pub id: u32,
    /// The report, with at most [`PANEL_LIMIT`] diagnostics.
    pub report: Report,
    /// How many diagnostics there are in all, and of them errors and warnings.
    pub total: usize,
    pub errors: usize,
    pub warnings: usize,
    /// UTF-16 start offset of each diagnostic sent, for moving the cursor there.
    pub starts: Vec<u32>,
    pub file_name: String,
    pub bytes: usize,
    /// The review against the base: none without a base, else the review or why there is none.
    pub review: Option<Result<ReviewView, String>>,
    /// The preview page (an HTML fragment), when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preview: Option<String>,
    /// The schema as a table, when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<charter_core::table::SchemaTable>,
    /// The forms asked for: the document's, then those of the objects opened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<Vec<charter_core::form::FormObject>>,
    /// The schema's diagram (SVG), when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diagram: Option<String>,
    /// The workspace's mesh (the draft as it is now), when asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mesh: Option<charter_core::mesh::Mesh>,
}

/// What an [`Request::Edit`] does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum EditOp {
    #[default]
    Set,
    Add,
    Remove,
    /// Move the list item at `pointer` to position `value` of its list.
    Move,
    /// Copy each list item whose pointer `value` lists to just after it (under a new
    /// name); `pointer` unused.
    Duplicate,
    /// Set many values at once: `value` is `[[pointer, value], ...]` (`pointer` unused).
    SetEach,
}

/// One change to make to the text (UTF-16 offsets), as CodeMirror takes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub from: usize,
    pub to: usize,
    pub insert: String,
}

/// The text a check reads: the one sent, or the one the worker made from edits.
enum Text<'a> {
    Sent(&'a str),
    Made(String),
}

impl Text<'_> {
    fn len(&self) -> usize {
        match self {
            Text::Sent(t) => t.len(),
            Text::Made(t) => t.len(),
        }
    }
}

/// What a check is asked besides the text.
struct CheckAsk<'a> {
    /// Every document's id, in the workspace's order.
    order: &'a [u32],
    /// The file name it was opened from, if any.
    name: Option<String>,
    mode: Mode,
    /// Render the preview too.
    preview: bool,
    /// And the schema table.
    table: bool,
    /// And the forms of the document and of the objects at these pointers.
    form: Option<Vec<String>>,
    /// And the diagram.
    diagram: bool,
    /// And the mesh.
    mesh: bool,
}

/// An answer as it leaves the worker: JSON, and for a check the editor's marks.
#[derive(Clone, Debug, PartialEq)]
pub struct Outgoing {
    pub json: String,
    /// JSON array of `{from, to, severity, message, code}` (UTF-16 offsets), for CodeMirror.
    pub marks: Option<String>,
    /// The request's edits change a text the worker doesn't hold (it restarted, or
    /// checked something else in between): the page asks again with the text.
    pub resend: bool,
}

impl Outgoing {
    fn json(json: String) -> Outgoing {
        Outgoing {
            json,
            marks: None,
            resend: false,
        }
    }

    fn resend() -> Outgoing {
        Outgoing {
            resend: true,
            ..Outgoing::json(String::new())
        }
    }
}

/// The worker's state between requests.
#[derive(Default)]
pub struct Session {
    /// What each document of the workspace is, from the last [`Request::Workspace`].
    summaries: HashMap<u32, Summary>,
    /// The review base: none, or its parsed root (none when it is not YAML).
    base: Option<Option<yaml::Node>>,
    /// The last review, whole, for the exports.
    review: Option<DiffReport>,
    /// The base's text, and its check (with the workspace of the document it was
    /// compared with, by id) once a review needed it.
    base_text: Option<String>,
    base_report: Option<(u32, Report)>,
    /// The document the last check read: completion and hover on the same text use it
    /// instead of parsing again, and the next check re-reads only what changed.
    last: Option<yaml::Document>,
    /// The validation of `last`: a keystroke inside a list item re-validates that item.
    memo: charter_core::validate::Memo,
    /// Which check read `last`: its document id and `seq` (what [`Edits::base`] names).
    held: Option<(u32, u64)>,
    /// The document completion or hover read when its text was not `last`'s (kept apart,
    /// so the next check's edits still apply to `last`).
    assist: Option<yaml::Document>,
    /// The last check was asked for a view that edits the text (form, table): once the
    /// answer is out, `last` gets its syntax tree back (see [`Session::after_answer`]).
    tree_wanted: bool,
}

impl Session {
    pub fn new() -> Self {
        Session::default()
    }

    /// Answer one request. `request` is the JSON of a [`Request`], `texts` the texts it
    /// names; `progress` receives progress answers while a long check runs. A request that
    /// can't be read gets an error, never a panic.
    pub fn handle(
        &mut self,
        request: &str,
        texts: &[String],
        progress: &mut dyn FnMut(Outgoing),
    ) -> Result<Outgoing, String> {
        let request: Request =
            serde_json::from_str(request).map_err(|e| format!("unreadable request: {e}"))?;
        let answer = match request {
            Request::Workspace { seq, docs } => Answer::Workspace {
                seq,
                docs: self.workspace(seq, &docs, texts, progress),
            },
            Request::Base { seq } => {
                // A base that can't be read whole is not compared (its missing part would
                // show as additions).
                self.base_text = texts.first().cloned();
                self.base_report = None;
                self.base = texts.first().map(|t| {
                    let doc = yaml::parse(t);
                    if doc.incomplete() {
                        None
                    } else {
                        doc.root
                    }
                });
                self.review = None;
                Answer::Base { seq }
            }
            Request::Check {
                seq,
                id,
                order,
                name,
                mode,
                edits,
                preview,
                table,
                form,
                diagram,
                mesh,
            } => {
                let text = match &edits {
                    None => Text::Sent(texts.first().map(String::as_str).unwrap_or("")),
                    Some(e) => match self.apply(id, e, texts) {
                        Some(t) => Text::Made(t),
                        None => return Ok(Outgoing::resend()),
                    },
                };
                let ask = CheckAsk {
                    order: &order,
                    name,
                    mode,
                    preview,
                    table,
                    form,
                    diagram,
                    mesh,
                };
                return Ok(self.check(seq, id, ask, text, progress));
            }
            Request::Export {
                seq,
                format,
                today,
                days,
                dialect,
            } => {
                let file = match &self.review {
                    None => Err("there is no review to export".to_string()),
                    Some(_) if format == "migration" => self.migration(dialect.as_deref()),
                    Some(r) => export(r, &format, today, days),
                };
                Answer::Export {
                    seq,
                    file,
                    objects: Vec::new(),
                    notes: Vec::new(),
                    next: None,
                }
            }
            Request::ExportDoc { seq, ask } if ask.format == "odcs" => {
                let (file, notes, next) = self.convert_doc(&ask);
                Answer::Export {
                    seq,
                    file,
                    objects: Vec::new(),
                    notes,
                    next,
                }
            }
            Request::ExportDoc { seq, ask } => Answer::Export {
                seq,
                file: self.export_doc(&ask),
                notes: Vec::new(),
                next: None,
                objects: self
                    .last
                    .as_ref()
                    .and_then(|d| d.root.as_ref())
                    .map(|r| {
                        charter_core::export::objects(r)
                            .into_iter()
                            .map(|t| t.name)
                            .collect()
                    })
                    .unwrap_or_default(),
            },
            Request::Complete { seq, pos, edits } => {
                let Some(text) = self.assist_text(edits.as_ref(), texts) else {
                    return Ok(Outgoing::resend());
                };
                let text = text.as_ref();
                let c = assist::complete_in(self.parsed(text, false), byte_offset(text, pos));
                Answer::Completion {
                    seq,
                    from: Utf16Map::new(text).utf16(c.from),
                    options: c.options,
                }
            }
            Request::Edit {
                seq,
                op,
                pointer,
                value,
                edits,
            } => {
                use charter_core::edit;
                let Some(text) = self.assist_text(edits.as_ref(), texts) else {
                    return Ok(Outgoing::resend());
                };
                let text = text.as_ref();
                let doc = self.parsed(text, true);
                let made = match op {
                    EditOp::Set => edit::set_value(doc, &pointer, &value),
                    EditOp::Add => edit::add_value(doc, &pointer, &value),
                    EditOp::Remove => edit::unset(doc, &pointer),
                    EditOp::Move => match value.as_u64() {
                        Some(to) => edit::move_item(doc, &pointer, to as usize),
                        None => Err(edit::EditError::Unsupported(
                            "a move needs the position to move to".into(),
                        )),
                    },
                    EditOp::Duplicate => match serde_json::from_value::<Vec<String>>(value) {
                        Ok(items) => edit::duplicate_items(doc, &items),
                        Err(e) => Err(edit::EditError::Unsupported(format!(
                            "duplicate takes the pointers of the items: {e}"
                        ))),
                    },
                    EditOp::SetEach => {
                        match serde_json::from_value::<Vec<(String, serde_json::Value)>>(value) {
                            Ok(values) => edit::set_values(doc, &values),
                            Err(e) => Err(edit::EditError::Unsupported(format!(
                                "set-each takes [[pointer, value], ...]: {e}"
                            ))),
                        }
                    }
                };
                match made {
                    Ok(edits) => {
                        let map = Utf16Map::new(text);
                        let changes = edits
                            .into_iter()
                            .map(|e| Change {
                                from: map.utf16(e.range.start),
                                to: map.utf16(e.range.end),
                                insert: e.insert,
                            })
                            .collect();
                        Answer::Edited {
                            seq,
                            changes,
                            error: None,
                        }
                    }
                    Err(e) => Answer::Edited {
                        seq,
                        changes: Vec::new(),
                        error: Some(e.to_string()),
                    },
                }
            }
            Request::Hover { seq, pos, edits } => {
                let Some(text) = self.assist_text(edits.as_ref(), texts) else {
                    return Ok(Outgoing::resend());
                };
                let text = text.as_ref();
                let hover =
                    assist::hover_in(self.parsed(text, false), byte_offset(text, pos)).map(|h| {
                        let map = Utf16Map::new(text);
                        HoverDoc {
                            from: map.utf16(h.from),
                            to: map.utf16(h.to),
                            key: h.key,
                            doc: h.doc,
                            version: h.version,
                        }
                    });
                Answer::Hover { seq, hover }
            }
        };
        Ok(Outgoing::json(to_json(&answer)))
    }

    fn workspace(
        &mut self,
        seq: u64,
        docs: &[DocMeta],
        texts: &[String],
        progress: &mut dyn FnMut(Outgoing),
    ) -> Vec<DocInfo> {
        // A skipped document is read as empty: it counts, but says nothing.
        let mut sent = texts.iter();
        let all: Vec<&str> = docs
            .iter()
            .map(|d| {
                if d.skip {
                    ""
                } else {
                    sent.next().map(String::as_str).unwrap_or("")
                }
            })
            .collect();
        let n = docs.len().max(1) as f64;
        let mut step = 0usize;
        let results = workspace::check_all_observed(&all, None, &mut |i| {
            progress(progress_answer(
                seq,
                docs[i].id,
                "checking the workspace",
                step as f64 / (2.0 * n),
            ));
            step += 1;
        });
        self.summaries.clear();
        docs.iter()
            .zip(results)
            .map(|(d, (_, mut summary))| {
                let file_name = d.name.clone().unwrap_or_else(|| {
                    if d.skip {
                        "document.yaml".to_string()
                    } else {
                        // From the same parse as the checks.
                        summary.file_name.clone()
                    }
                });
                if let Some(e) = summary.mesh.as_mut() {
                    e.set_file(file_name.clone());
                }
                let info = DocInfo {
                    id: d.id,
                    errors: summary.errors,
                    warnings: summary.warnings,
                    kind: summary.kind.clone(),
                    file_name,
                    contract: summary.contract.as_ref().map(|(id, _)| id.clone()),
                };
                self.summaries.insert(d.id, summary);
                info
            })
            .collect()
    }

    fn check(
        &mut self,
        seq: u64,
        id: u32,
        ask: CheckAsk,
        text: Text,
        progress: &mut dyn FnMut(Outgoing),
    ) -> Outgoing {
        let CheckAsk {
            order,
            name,
            mode,
            preview,
            table,
            form,
            diagram,
            mesh,
        } = ask;
        self.tree_wanted = table || form.is_some() || diagram;
        let big = text.len() >= PROGRESS_ABOVE_BYTES;
        let mut step = |what: &str, done: f64| {
            if big {
                progress(progress_answer(seq, id, what, done));
            }
        };
        step("reading the YAML", 0.0);
        // A keystroke inside a list item re-reads only that item's lines. A text the
        // worker made from edits goes into the document as it is (no copy).
        let doc = match (self.last.take(), text) {
            (Some(last), Text::Made(t)) => {
                yaml::reparse_owned(last, t).unwrap_or_else(yaml::parse_owned)
            }
            (Some(last), Text::Sent(t)) => yaml::reparse(last, t).unwrap_or_else(|| yaml::parse(t)),
            (None, Text::Made(t)) => yaml::parse_owned(t),
            (None, Text::Sent(t)) => yaml::parse(t),
        };
        let text = doc.text.as_str();
        step("validating", 0.35);
        // The other documents, in workspace order (the first policy applies).
        let others: Vec<&Summary> = order
            .iter()
            .filter(|o| **o != id)
            .filter_map(|o| self.summaries.get(o))
            .collect();
        let mut report = workspace::check_document_again(&doc, &others, &mut self.memo);
        // While the draft's YAML can't be read whole (mid-typing), the review stays that
        // of its last readable version, marked as such.
        let unreadable = doc
            .errors
            .iter()
            .find(|e| e.kind == yaml::YamlErrorKind::Syntax)
            .map(|e| e.span.start.line)
            .or_else(|| doc.incomplete().then_some(1));
        // The base's check, for what the review says first (once per document reviewed).
        if self.base.is_some() && self.base_report.as_ref().map(|(i, _)| *i) != Some(id) {
            self.base_report = self
                .base_text
                .as_deref()
                .map(|t| (id, workspace::check_document(&yaml::parse(t), &others)));
        }
        // The workspace's mesh, for the review's impact and the Mesh view.
        let mesh_now = (self.base.is_some() || mesh).then(|| self.mesh(order, id, &doc));
        let review = self.base.as_ref().map(|base| {
            step("comparing with the base", 0.75);
            match (base, &doc.root, unreadable) {
                (None, _, _) => Err("the base is not a YAML document Charter can read whole".to_string()),
                (_, _, Some(line)) => match &self.review {
                    Some(last) => {
                        let mut v = ReviewView::of(last.clone());
                        v.stale = Some(format!("The draft's YAML can't be read at line {line}: this is the review of its last readable version."));
                        Ok(v)
                    }
                    None => Err(format!("the draft can't be compared until its YAML reads: fix line {line} first")),
                },
                (_, None, _) => Err("the draft is empty".to_string()),
                (Some(b), Some(n), None) => {
                    let mut r = diff::compare(b, n, mode);
                    if let Ok(r) = r.as_mut() {
                        if let Some((_, base_report)) = &self.base_report {
                            diff::with_validity(r, base_report, &report);
                        }
                        if r.count(Impact::Breaking) > 0 {
                            // Who the breaking changes hit: the workspace's products.
                            if let Some(m) = &mesh_now {
                                diff::with_impact(r, b, m);
                            }
                        }
                    }
                    self.review = r.as_ref().ok().cloned();
                    r.map(ReviewView::of)
                }
            }
        });
        if self.base.is_none() {
            self.review = None;
        }
        let map = Utf16Map::new(text);
        let marks = marks_json(
            &report.diagnostics[..report.diagnostics.len().min(MARK_LIMIT)],
            &map,
        );
        let (errors, warnings, total) =
            (report.errors(), report.warnings(), report.diagnostics.len());
        report.diagnostics.truncate(PANEL_LIMIT);
        let starts = report
            .diagnostics
            .iter()
            .map(|d| map.utf16(d.span.start.at()) as u32)
            .collect();
        let file_name = name.unwrap_or_else(|| templates::suggested_file_name(doc.root.as_ref()));
        let answer = Answer::Checked(Box::new(Checked {
            seq,
            id,
            report,
            total,
            errors,
            warnings,
            starts,
            file_name,
            bytes: text.len(),
            review,
            preview: preview.then(|| {
                doc.root
                    .as_ref()
                    .map(charter_core::preview::fragment)
                    .unwrap_or_default()
            }),
            table: table.then(|| {
                doc.root
                    .as_ref()
                    .map(charter_core::table::schema_table)
                    .unwrap_or_default()
            }),
            form: form.map(|open| {
                let mut forms = doc
                    .root
                    .as_ref()
                    .map(|r| charter_core::form::forms(r, &open))
                    .unwrap_or_default();
                for f in forms.iter_mut().flat_map(|o| o.fields.iter_mut()) {
                    f.at = f.at.map(|b| map.utf16(b as usize) as u32);
                }
                forms
            }),
            mesh: mesh_now.filter(|_| mesh),
            diagram: diagram.then(|| {
                doc.root
                    .as_ref()
                    .map(|r| charter_core::diagram::svg(&charter_core::diagram::layout(r)))
                    .unwrap_or_default()
            }),
        }));
        self.last = Some(doc);
        self.held = Some((id, seq));
        // A big document read for completion is not kept beside the check's.
        self.assist = None;
        Outgoing {
            marks: Some(marks),
            ..Outgoing::json(to_json(&answer))
        }
    }

    /// The document the last check read, exported: its file name and text, or why not.
    /// The migration SQL from the base's tables to the last checked document's.
    fn migration(&self, dialect: Option<&str>) -> Result<(String, String), String> {
        use charter_core::export::{migration, Dialect};
        let base = self
            .base
            .as_ref()
            .and_then(Option::as_ref)
            .ok_or("the base can't be read")?;
        let doc = self.last.as_ref().ok_or("nothing has been checked yet")?;
        let new = doc.root.as_ref().ok_or("the document is empty")?;
        let d = match dialect {
            None | Some("auto") | Some("") => Dialect::of_servers(new).unwrap_or(Dialect::Postgres),
            Some(d) => Dialect::parse(d).ok_or_else(|| format!("there is no SQL dialect `{d}`"))?,
        };
        let sql = migration::migration(base, new, d)?;
        Ok((format!("migration.{}.sql", d.name()), sql))
    }

    /// The document in another ODCS version (`charter export --format odcs`), the places
    /// to tell about (the keys removed, or what the version can't express) and, when it
    /// refuses, what to do.
    #[allow(clippy::type_complexity)]
    fn convert_doc(
        &self,
        ask: &ExportAsk,
    ) -> (
        Result<(String, String), String>,
        Vec<String>,
        Option<String>,
    ) {
        let Some(doc) = self.last.as_ref() else {
            return (Err("nothing has been checked yet".into()), Vec::new(), None);
        };
        let version = ask.version.as_deref().unwrap_or("v3.2.0");
        let c = match charter_core::convert::convert(&doc.text, version, ask.lossy) {
            Ok(c) => c,
            Err(e) => return (Err(e), Vec::new(), None),
        };
        if !c.remaining.is_empty() {
            let all_keys = c
                .remaining
                .iter()
                .all(|l| charter_core::convert::removable_code(l.code));
            let places: Vec<String> = c
                .remaining
                .iter()
                .map(|l| format!("line {}: {}", l.line, l.message))
                .collect();
            let why = match places.len() {
                1 => format!("{version} can't express this:"),
                n => format!("{version} can't express these {n}:"),
            };
            let next = if all_keys {
                "Tick “Remove what it can't express” to convert without them"
            } else {
                "Change them first, or keep the version"
            };
            return (Err(why), places, Some(next.into()));
        }
        let stem = templates::suggested_file_name(doc.root.as_ref());
        let stem = stem
            .strip_suffix(".odcs.yaml")
            .or_else(|| stem.strip_suffix(".yaml"))
            .unwrap_or(&stem)
            .to_string();
        let removed = c
            .removed
            .iter()
            .map(|l| format!("Removed line {}: {}", l.line, l.path))
            .collect();
        (Ok((format!("{stem}.odcs.yaml"), c.text)), removed, None)
    }

    fn export_doc(&self, ask: &ExportAsk) -> Result<(String, String), String> {
        use charter_core::export::{self, Dialect, Format};
        let format = Format::parse(&ask.format)
            .ok_or_else(|| format!("there is no export format `{}`", ask.format))?;
        let dialect = match ask.dialect.as_deref() {
            None | Some("auto") | Some("") => None,
            Some(d) => {
                Some(Dialect::parse(d).ok_or_else(|| format!("there is no SQL dialect `{d}`"))?)
            }
        };
        let doc = self.last.as_ref().ok_or("nothing has been checked yet")?;
        if doc.incomplete() {
            return Err("the YAML can't be read whole: fix its problems first".into());
        }
        let root = doc.root.as_ref().ok_or("the document is empty")?;
        if root.get("kind").and_then(|k| k.as_str()) != Some("DataContract") {
            return Err("only a data contract can be exported".into());
        }
        let options = export::Options {
            dialect,
            schema: ask.schema.clone().filter(|s| !s.trim().is_empty()),
            object: ask.object.clone().filter(|s| !s.trim().is_empty()),
        };
        let stem = templates::suggested_file_name(Some(root));
        let stem = stem
            .strip_suffix(".odcs.yaml")
            .or_else(|| stem.strip_suffix(".yaml"))
            .unwrap_or(&stem)
            .to_string();
        let stem = match &options.object {
            Some(o) if matches!(format, Format::JsonSchema | Format::Avro) => {
                format!("{stem}-{}", charter_core::import::id_of(o))
            }
            _ => stem,
        };
        Ok((
            format!("{stem}.{}", format.extension()),
            export::export(root, format, &options)?,
        ))
    }

    /// The mesh of the workspace, in its order, with document `id` as `doc` reads now.
    fn mesh(&self, order: &[u32], id: u32, doc: &yaml::Document) -> charter_core::mesh::Mesh {
        // The name the workspace check gave the document (its file's, when opened from one).
        let file = |i: u32| {
            let s = self.summaries.get(&i)?;
            Some(
                s.mesh
                    .as_ref()
                    .map(|e| e.file().to_string())
                    .unwrap_or_else(|| s.file_name.clone()),
            )
        };
        charter_core::mesh::Mesh::from_entries(order.iter().filter_map(|&o| {
            if o == id {
                let name =
                    file(id).unwrap_or_else(|| templates::suggested_file_name(doc.root.as_ref()));
                charter_core::mesh::entry(name, doc.root.as_ref()?)
            } else {
                self.summaries.get(&o)?.mesh.clone()
            }
        }))
    }

    /// The text `edits` make of the text the check `edits.base` of document `id` read, or
    /// `None` when the worker doesn't hold that text (or the edits don't fit it).
    fn apply(&self, id: u32, edits: &Edits, texts: &[String]) -> Option<String> {
        if self.held != Some((id, edits.base)) || edits.ranges.len() != texts.len() {
            return None;
        }
        let old = self.last.as_ref()?.text.as_str();
        let map = Utf16Map::new(old);
        let inserted: usize = texts.iter().map(String::len).sum();
        let mut out = String::with_capacity(old.len() + inserted);
        let mut at = 0;
        for (&(from, to), insert) in edits.ranges.iter().zip(texts) {
            let (f, t) = (from, to);
            let (from, to) = (map.byte(old, from), map.byte(old, to));
            // Inside a character (half a surrogate pair), or past the end: not this text.
            if from < at || to < from || map.utf16(from) != f || map.utf16(to) != t {
                return None;
            }
            out.push_str(&old[at..from]);
            out.push_str(insert);
            at = to;
        }
        out.push_str(&old[at..]);
        // The result's UTF-16 length from the old one's and the edits' (no second pass
        // over a text of megabytes).
        let removed: usize = edits.ranges.iter().map(|(from, to)| to - from).sum();
        let added: usize = texts.iter().map(|t| t.encode_utf16().count()).sum();
        let length = (map.utf16(old.len()) + added).checked_sub(removed);
        (length == Some(edits.length)).then_some(out)
    }

    /// The text a completion or hover question is about: the one sent, or the one its
    /// edits make of the last check's text (`None` when they don't apply to it).
    fn assist_text<'t>(
        &self,
        edits: Option<&AssistEdits>,
        texts: &'t [String],
    ) -> Option<std::borrow::Cow<'t, str>> {
        match edits {
            None => Some(texts.first().map(String::as_str).unwrap_or("").into()),
            Some(e) => self.apply(e.id, &e.edits, texts).map(Into::into),
        }
    }

    /// Work for the time after an answer is posted: while a view that edits the text is
    /// shown (form, table), the last check's document, re-read in place (which keeps only
    /// the data), is read whole again, so the next edit finds its syntax tree and parses
    /// nothing. A person takes longer between two edits than this takes.
    pub fn after_answer(&mut self) {
        if !std::mem::take(&mut self.tree_wanted) {
            return;
        }
        if let Some(last) = self.last.as_mut().filter(|d| !d.has_tree()) {
            let text = std::mem::take(&mut last.text);
            *last = yaml::parse_owned(text);
        }
    }

    /// `text` parsed: the last check's document when it is of this text, else one read
    /// (kept for the next request). `tree`: the syntax tree is needed too (an edit), which
    /// a document re-read in place lacks.
    fn parsed(&mut self, text: &str, tree: bool) -> &yaml::Document {
        let usable = |d: &yaml::Document| d.text == text && (!tree || d.has_tree());
        if let Some(last) = self.last.as_ref().filter(|d| usable(d)) {
            return last;
        }
        let doc = match self.assist.take() {
            Some(d) if usable(&d) => d,
            Some(d) if tree => {
                drop(d);
                yaml::parse(text)
            }
            Some(d) => yaml::reparse(d, text).unwrap_or_else(|| yaml::parse(text)),
            None => yaml::parse(text),
        };
        self.assist.insert(doc)
    }
}

fn progress_answer(seq: u64, id: u32, step: &str, done: f64) -> Outgoing {
    Outgoing::json(to_json(&Answer::Progress {
        seq,
        id,
        step: step.to_string(),
        done,
    }))
}

fn to_json(answer: &Answer) -> String {
    // These types always serialise; an empty answer would be reported as unreadable.
    serde_json::to_string(answer).unwrap_or_default()
}

/// The editor's marks for `diagnostics`, with UTF-16 offsets.
fn marks_json(diagnostics: &[Diagnostic], map: &Utf16Map) -> String {
    let marks: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            serde_json::json!({
                "from": map.utf16(d.span.start.at()),
                "to": map.utf16(d.span.end.at()),
                "severity": d.severity.as_str(),
                "message": d.message,
                "code": d.code,
            })
        })
        .collect();
    serde_json::Value::Array(marks).to_string()
}

/// Read an answer (on the page).
pub fn read_answer(json: &str) -> Result<Answer, String> {
    serde_json::from_str(json).map_err(|e| format!("unreadable answer from the checker: {e}"))
}

/// What a panic says, for the message shown to the user.
pub fn panic_message(info: &std::panic::PanicHookInfo) -> String {
    let payload = info.payload();
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "an unexpected failure".into())
}

/// The import worker's answer (`charter-importer`, started when a user first opens such a
/// file): the contract a file named `name` describes — a `CREATE TABLE` script, a JSON
/// Schema, an Avro schema, a DCS `datacontract.yaml` — as an [`Answer::Export`] (JSON) with
/// the contract's file name and YAML, as `charter import` writes it. The checking worker
/// doesn't link this (the SQL parser would double its wasm).
pub fn import_answer(name: &str, text: &str) -> String {
    use charter_core::import;
    let stem = import::stem(name);
    let file = match import::Source::detect(name, text) {
        Some(source) => import::import(source, text, None, &stem)
            .map(|yaml| (format!("{stem}.odcs.yaml"), yaml)),
        None => Err(
            "it is not a SQL script, a JSON Schema, an Avro schema or a DCS datacontract.yaml"
                .to_string(),
        ),
    };
    serde_json::to_string(&Answer::Export {
        seq: 0,
        file,
        objects: Vec::new(),
        notes: Vec::new(),
        next: None,
    })
    .unwrap_or_default()
}

/// The last review as a file: its name and text.
fn export(r: &DiffReport, format: &str, today: i64, days: i64) -> Result<(String, String), String> {
    let (name, text) = match format {
        "notice" => (
            "deprecation-notice.md",
            diff::render::deprecation_notice(r, today, days),
        ),
        "markdown" => ("review.md", diff::render::markdown(r)),
        "json" => (
            "review.json",
            serde_json::to_string_pretty(&diff::render::json(r)).unwrap_or_default(),
        ),
        "changelog" => ("CHANGELOG-entry.md", diff::render::changelog(r)),
        other => return Err(format!("there is no export format `{other}`")),
    };
    Ok((name.to_string(), text))
}

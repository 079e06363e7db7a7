//! The review view: compare the editor's text with a base version and show what the change
//! breaks, for whom, and which version it needs. All judgement comes from `charter_core::diff`.

use crate::js;
use charter_core::diff::{self, rules::Impact, Mode};
use charter_worker::{Answer, ReviewView};
use leptos::prelude::*;
use serde_json::json;
use wasm_bindgen::JsCast;

const BASE_KEY: &str = "charter.base.v1";
const SNAPSHOTS_KEY: &str = "charter.snapshots.v1";
const MODE_KEY: &str = "charter.mode.v1";
/// The snapshot kept automatically for every download.
pub const LAST_DOWNLOAD: &str = "Last download";

#[derive(Clone, Debug, PartialEq)]
pub struct Base {
    pub label: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub name: String,
    pub text: String,
}

/// The review's state; every field is a signal, so this is `Copy`.
#[derive(Clone, Copy)]
pub struct Review {
    /// The base (the checking worker holds it parsed, and compares every check with it).
    pub base: RwSignal<Option<Base>>,
    pub mode: RwSignal<Mode>,
    pub report: RwSignal<Option<Result<ReviewView, String>>>,
    pub snapshots: RwSignal<Vec<Snapshot>>,
    pub selected: RwSignal<Option<usize>>,
}

impl Review {
    pub fn load() -> Self {
        let base = js::load_item(BASE_KEY)
            .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
            .and_then(|v| {
                Some(Base {
                    label: v["label"].as_str()?.to_string(),
                    text: v["text"].as_str()?.to_string(),
                })
            });
        let snapshots = js::load_item(SNAPSHOTS_KEY)
            .and_then(|s| serde_json::from_str::<Vec<serde_json::Value>>(&s).ok())
            .unwrap_or_default()
            .into_iter()
            .filter_map(|v| {
                Some(Snapshot {
                    name: v["name"].as_str()?.to_string(),
                    text: v["text"].as_str()?.to_string(),
                })
            })
            .collect();
        let mode = js::load_item(MODE_KEY)
            .and_then(|m| Mode::parse(&m))
            .unwrap_or(Mode::Backward);
        js::set_checker_base(base.as_ref().map(|b| b.text.clone()));
        Review {
            base: RwSignal::new(base),
            mode: RwSignal::new(mode),
            report: RwSignal::new(None),
            snapshots: RwSignal::new(snapshots),
            selected: RwSignal::new(None),
        }
    }

    pub fn set_base(&self, label: String, text: String) {
        let _ = js::store_item(
            BASE_KEY,
            &json!({ "label": label, "text": text }).to_string(),
        );
        js::set_checker_base(Some(text.clone()));
        self.base.set(Some(Base { label, text }));
        self.selected.set(None);
    }

    pub fn set_mode(&self, mode: Mode) {
        let _ = js::store_item(MODE_KEY, mode_name(mode));
        self.mode.set(mode);
    }

    /// Keep a named copy of `text`; a snapshot with the same name is replaced.
    pub fn snapshot(&self, name: String, text: String) -> Result<(), String> {
        self.snapshots.update(|list| {
            list.retain(|s| s.name != name);
            list.insert(0, Snapshot { name, text });
            list.truncate(20);
        });
        let stored: Vec<_> = self
            .snapshots
            .get_untracked()
            .iter()
            .map(|s| json!({ "name": s.name, "text": s.text }))
            .collect();
        let err = js::store_item(SNAPSHOTS_KEY, &serde_json::Value::Array(stored).to_string());
        if err.is_empty() {
            Ok(())
        } else {
            Err(err)
        }
    }

    /// Show the comparison a check made (none without a base).
    pub fn show(&self, result: Option<Result<ReviewView, String>>) {
        if result.is_none() && self.report.with_untracked(Option::is_none) {
            return;
        }
        self.report.set(result);
    }

    /// Breaking findings against the base, for the status bar badge.
    pub fn breaking(&self) -> Option<usize> {
        self.report
            .with(|r| r.as_ref().and_then(|r| r.as_ref().ok()).map(|r| r.breaking))
    }
}

pub fn mode_name(m: Mode) -> &'static str {
    match m {
        Mode::Backward => "backward",
        Mode::Forward => "forward",
        Mode::Full => "full",
    }
}

/// Lines `line-2 ..= line+2` of `text`, each with its number and whether it is `line`,
/// with their common indentation removed so the narrow panes show the content.
fn context(text: &str, line: Option<usize>) -> Vec<(usize, String, bool)> {
    let Some(line) = line else { return Vec::new() };
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(n, _)| n + 2 >= line && *n <= line + 2)
        .collect();
    let indent = lines
        .iter()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(_, l)| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    lines
        .into_iter()
        .map(|(n, l)| (n, l.get(indent..).unwrap_or("").to_string(), n == line))
        .collect()
}

/// Findings of one group that say the same of several elements (the core's
/// `group_same`) as one: the first, with the subjects of the others.
fn same_changes(items: Vec<(usize, diff::Finding)>) -> Vec<(usize, diff::Finding, Vec<String>)> {
    diff::render::group_same(items, |(_, f)| f)
        .into_iter()
        .map(|group| {
            let mut it = group.into_iter();
            let (i, first) = it.next().expect("a group has a finding");
            (i, first, it.map(|(_, f)| f.subject).collect())
        })
        .collect()
}

/// The review panel. `on_goto(line)` moves the editor to a line of the draft.
#[component]
pub fn ReviewPanel(
    review: Review,
    current_text: Callback<(), String>,
    /// Check the draft again (the base or the mode changed).
    on_recheck: Callback<()>,
    on_goto: Callback<usize>,
    on_toast: Callback<(String, bool)>,
    on_download: Callback<(String, String)>,
) -> impl IntoView {
    let paste_open = RwSignal::new(false);
    // Which findings to list, and in which order.
    let min_severity = RwSignal::new(Impact::Info);
    let by_severity = RwSignal::new(false);
    let paste_text = RwSignal::new(String::new());
    let url_text = RwSignal::new(String::new());
    let base_file = NodeRef::<leptos::html::Input>::new();

    let use_snapshot = move |name: String| {
        if let Some(s) = review
            .snapshots
            .with_untracked(|l| l.iter().find(|s| s.name == name).cloned())
        {
            review.set_base(format!("snapshot “{}”", s.name), s.text);
            on_recheck.run(());
        }
    };
    let snapshot_name = RwSignal::new(String::new());
    let take_snapshot = move |_| {
        let n = review.snapshots.with_untracked(|l| l.len()) + 1;
        let typed = snapshot_name.get_untracked().trim().to_string();
        let name = if typed.is_empty() {
            format!("Snapshot {n}")
        } else {
            typed
        };
        snapshot_name.set(String::new());
        match review.snapshot(name.clone(), current_text.run(())) {
            Ok(()) => on_toast.run((
                format!("Saved “{name}”. Choose it as the base to review later edits."),
                false,
            )),
            Err(e) => on_toast.run((format!("Could not save the snapshot ({e})."), true)),
        }
    };
    let on_base_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = ev.target().unwrap().unchecked_into();
        if let Some(file) = input.files().and_then(|f| f.get(0)) {
            let name = file.name();
            leptos::task::spawn_local(async move {
                match crate::browser::read_utf8(&file).await {
                    Ok(t) => {
                        review.set_base(format!("file {name}"), t);
                        on_recheck.run(());
                    }
                    Err(why) => on_toast.run((why, true)),
                }
            });
        }
        input.set_value("");
    };
    let use_pasted = move |_| {
        let t = paste_text.get_untracked();
        if t.trim().is_empty() {
            on_toast.run(("Paste the base version's YAML first.".into(), true));
            return;
        }
        review.set_base("pasted text".into(), t);
        on_recheck.run(());
        paste_open.set(false);
        paste_text.set(String::new());
    };
    let fetch_url = move |_| {
        let url = url_text.get_untracked().trim().to_string();
        if url.is_empty() {
            return;
        }
        leptos::task::spawn_local(async move {
            match crate::browser::fetch_text(&url).await {
                Ok(t) => {
                    review.set_base(format!("URL {url}"), t);
                    on_recheck.run(());
                }
                Err(why) => on_toast.run((why, true)),
            }
        });
    };
    // The exports are made by the checking worker, from the whole review.
    let migration_dialect = RwSignal::new("auto".to_string());
    let export = move |format: &'static str| {
        let dialect = migration_dialect.get_untracked();
        leptos::task::spawn_local(async move {
            // The notice's dates count from today (days since 1970-01-01, UTC).
            let today = (js_sys::Date::now() / 86_400_000.0).floor() as i64;
            let request =
                json!({ "kind": "export", "format": format, "today": today, "dialect": dialect })
                    .to_string();
            let answer = js::ask_worker(&request).await.as_string();
            match answer.as_deref().map(charter_worker::read_answer) {
                Some(Ok(Answer::Export {
                    file: Ok((name, text)),
                    ..
                })) => on_download.run((name, text)),
                Some(Ok(Answer::Export { file: Err(e), .. })) | Some(Err(e)) => {
                    on_toast.run((format!("Could not export the review: {e}."), true))
                }
                _ => on_toast.run((
                    "Could not export the review: the checker stopped.".into(),
                    true,
                )),
            }
        });
    };
    let share = move |_| {
        let Some(base) = review.base.get_untracked() else {
            return;
        };
        let fragment = charter_core::share::encode(&base.text, &current_text.run(()));
        let link = crate::browser::page_url_with_fragment(&fragment);
        leptos::task::spawn_local(async move {
            match crate::browser::copy_text(&link).await {
                Ok(()) => on_toast.run((
                    "Copied a review link: it carries both versions, no server involved.".into(),
                    false,
                )),
                Err(why) => on_toast.run((why, true)),
            }
        });
    };

    view! {
        <div class="review" id="review">
            <div class="review-controls">
                <label class="field">
                    <span>"Base"</span>
                    <select id="base-select" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if !v.is_empty() { use_snapshot(v); }
                    }>
                        <option value="">{move || review.base.with(|b| b.as_ref().map(|b| format!("Current: {}", b.label)).unwrap_or_else(|| "Choose a snapshot…".into()))}</option>
                        {move || review.snapshots.get().into_iter().map(|s| view! { <option value=s.name.clone()>{s.name.clone()}</option> }).collect_view()}
                    </select>
                </label>
                <div class="row">
                    <input id="snapshot-name" type="text" placeholder="Snapshot name (optional)" prop:value=move || snapshot_name.get() on:input=move |ev| snapshot_name.set(event_target_value(&ev))/>
                    <button class="btn small" id="snapshot-button" on:click=take_snapshot>"Snapshot now"</button>
                </div>
                <div class="row">
                    <button class="btn small" id="base-file-button" on:click=move |_| { if let Some(i) = base_file.get() { i.click(); } }>"Base from file…"</button>
                    <input type="file" class="hidden" id="base-file-input" accept=".yaml,.yml,.json" node_ref=base_file on:change=on_base_file/>
                    <button class="btn small" id="base-paste-button" on:click=move |_| paste_open.update(|o| *o = !*o)>"Paste base…"</button>
                </div>
                <Show when=move || paste_open.get()>
                    <textarea id="base-paste" rows="6" placeholder="Paste the base version's YAML" prop:value=move || paste_text.get() on:input=move |ev| paste_text.set(event_target_value(&ev))></textarea>
                    <button class="btn small primary" id="base-paste-use" on:click=use_pasted>"Use as base"</button>
                </Show>
                <div class="row">
                    <input id="base-url" type="url" placeholder="https://… base version URL" prop:value=move || url_text.get() on:input=move |ev| url_text.set(event_target_value(&ev))/>
                    <button class="btn small" id="base-url-fetch" title="Fetches only this URL, only now" on:click=fetch_url>"Fetch"</button>
                </div>
                <label class="field">
                    <span>"Protect"</span>
                    <select id="mode-select" on:change=move |ev| {
                        if let Some(m) = Mode::parse(&event_target_value(&ev)) { review.set_mode(m); on_recheck.run(()); }
                    }>
                        <option value="backward" selected=move || review.mode.get() == Mode::Backward>"consumers (backward)"</option>
                        <option value="forward" selected=move || review.mode.get() == Mode::Forward>"producers (forward)"</option>
                        <option value="full" selected=move || review.mode.get() == Mode::Full>"both (full)"</option>
                    </select>
                </label>
            </div>
            {move || match review.report.get() {
                None => view! { <p class="empty">"Choose a base version to see what your changes break: a snapshot, a file, pasted text or a URL."</p> }.into_any(),
                Some(Err(e)) => view! { <p class="empty error-text" id="review-error">{e}</p> }.into_any(),
                Some(Ok(v)) => {
                    let (verdict, headline, total, stale) = (v.verdict, v.headline, v.total, v.stale);
                    let notes = diff::render::release_notes(&v.report);
                    let validity = v.report.validity.clone();
                    let route = diff::render::route(&v.report);
                    let impact = v.report.impact.clone();
                    let breaking = v.breaking > 0;
                    let shown = v.report.findings.len();
                    let min = min_severity.get();
                    let mut listed: Vec<(usize, diff::Finding)> = v
                        .report
                        .findings
                        .into_iter()
                        .enumerate()
                        .filter(|(_, f)| f.severity >= min)
                        .collect();
                    let hidden = shown - listed.len();
                    if by_severity.get() {
                        listed.sort_by_key(|(i, f)| (std::cmp::Reverse(f.severity), *i));
                    }
                    // Groups in the order they first appear.
                    let mut groups: Vec<(String, Vec<(usize, diff::Finding)>)> = Vec::new();
                    let mut index = std::collections::HashMap::<String, usize>::new();
                    let severity_order = by_severity.get();
                    for (i, f) in listed {
                        // In severity order the headings are the severities.
                        let g = if severity_order {
                            match f.severity {
                                Impact::Breaking => "Breaking".to_string(),
                                Impact::Warning => "Warnings".to_string(),
                                _ => "Information".to_string(),
                            }
                        } else {
                            f.group()
                        };
                        let at = *index.entry(g.clone()).or_insert_with(|| {
                            groups.push((g, Vec::new()));
                            groups.len() - 1
                        });
                        groups[at].1.push((i, f));
                    }
                    view! {
                        {stale.map(|why| view! { <p class="stale" id="review-stale" role="status">{why}</p> })}
                        {(!validity.is_empty()).then(|| view! {
                            <div class="review-validity" id="review-validity" role="status">
                                {validity.into_iter().map(|n| view! { <p class=format!("validity {}", n.kind)>{n.message}</p> }).collect_view()}
                            </div>
                        })}
                        <div class=format!("verdict {verdict}") id="verdict">{headline}</div>
                        <p class="release-notes" id="release-notes">{notes}</p>
                        {(!impact.is_empty()).then(|| {
                            let n = impact.len();
                            view! {
                                <div class="review-impact" id="impact" role="group" aria-label="Data products hit">
                                    <strong>{format!("Breaks {n} data product{}", if n == 1 { "" } else { "s" })}</strong>
                                    <ul>
                                        {impact.into_iter().map(|h| {
                                            let via = h.path.join(" → ");
                                            view! {
                                                <li class="impact-product" data-product=h.product.clone()>
                                                    <code>{h.product.clone()}</code>
                                                    <span class="impact-who">{[h.team.clone().map(|t| format!("team {t}")), h.support.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · ")}</span>
                                                    <span class="impact-via" title="How it depends on this contract">{via}</span>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                </div>
                            }
                        })}
                        {route.map(|steps| view! {
                            <details class="route" id="route">
                                <summary>"A route that breaks no one"</summary>
                                <ol>{steps.into_iter().map(|st| view! { <li>{st}</li> }).collect_view()}</ol>
                            </details>
                        })}
                        <div class="row exports">
                            <button class="btn small" id="export-markdown" on:click=move |_| export("markdown")>"Markdown"</button>
                            <button class="btn small" id="export-json" on:click=move |_| export("json")>"JSON"</button>
                            <button class="btn small" id="export-changelog" on:click=move |_| export("changelog")>"Changelog"</button>
                            {breaking.then(|| view! {
                                <button class="btn small" id="export-notice" title="A deprecation notice for the consumers: the route that breaks no one, with dates" on:click=move |_| export("notice")>"Deprecation notice"</button>
                            })}
                            <span class="migration-export">
                                <button class="btn small" id="export-migration" title="The ALTER TABLE statements that take a database made from the base to this version, each breaking step commented" on:click=move |_| export("migration")>"Migration SQL"</button>
                                <select id="migration-dialect" aria-label="SQL dialect of the migration" on:change=move |ev| migration_dialect.set(event_target_value(&ev))>
                                    <option value="auto">"auto"</option>
                                    {charter_core::export::sql::DIALECTS.iter().map(|d| {
                                        let n = d.name();
                                        view! { <option value=n>{n}</option> }
                                    }).collect_view()}
                                </select>
                            </span>
                            <button class="btn small" id="share-link" on:click=share>"Copy share link"</button>
                        </div>
                        <div class="row finding-filters">
                            <label class="field inline">
                                <span>"Show"</span>
                                <select id="severity-filter" on:change=move |ev| {
                                    min_severity.set(match event_target_value(&ev).as_str() {
                                        "breaking" => Impact::Breaking,
                                        "warning" => Impact::Warning,
                                        _ => Impact::Info,
                                    });
                                }>
                                    <option value="all" selected=move || min_severity.get() == Impact::Info>"all findings"</option>
                                    <option value="warning" selected=move || min_severity.get() == Impact::Warning>"warnings and worse"</option>
                                    <option value="breaking" selected=move || min_severity.get() == Impact::Breaking>"breaking only"</option>
                                </select>
                            </label>
                            <label class="field inline">
                                <span>"Order"</span>
                                <select id="sort-select" on:change=move |ev| by_severity.set(event_target_value(&ev) == "severity")>
                                    <option value="place" selected=move || !by_severity.get()>"by place"</option>
                                    <option value="severity" selected=move || by_severity.get()>"by severity"</option>
                                </select>
                            </label>
                            {(hidden > 0).then(|| view! { <span class="muted" id="findings-hidden">{format!("{hidden} hidden")}</span> })}
                        </div>
                        <div class="findings" id="findings">
                            {groups.into_iter().map(|(g, items)| view! {
                                <h3 class="group">{g}</h3>
                                {same_changes(items).into_iter().map(|(i, f, more)| {
                                    let sev = f.severity.as_str();
                                    let change = match (&f.old, &f.new) { (Some(o), Some(n)) => format!("{o} → {n}"), (Some(o), None) => format!("was {o}"), (None, Some(n)) => n.clone(), _ => String::new() };
                                    let why = diff::rules::by_id(f.rule).map(|r| r.why).unwrap_or("");
                                    let new_line = f.new_line();
                                    view! {
                                        <button class=format!("finding {sev}") data-rule=f.rule on:click=move |_| {
                                            review.selected.set(Some(i));
                                            if let Some(l) = new_line { on_goto.run(l); }
                                            // The side-by-side view stays in sight.
                                            crate::browser::after(0, || {
                                                if let Some(el) = document().get_element_by_id("compare") {
                                                    let opts = web_sys::ScrollIntoViewOptions::new();
                                                    opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
                                                    el.scroll_into_view_with_scroll_into_view_options(&opts);
                                                }
                                            });
                                        }>
                                            <span class=format!("badge {sev}")>{sev}</span>
                                            <span class="finding-body">
                                                <span class="finding-title"><code>{f.subject.clone()}</code>
                                                    {(!more.is_empty()).then(|| view! { <span class="finding-more" title=more.join("\n")>{format!(" and {} more", more.len())}</span> })}
                                                    " "{f.title}</span>
                                                {(!change.is_empty()).then(|| view! { <span class="finding-change">{change}</span> })}
                                                {(!f.impact.is_empty()).then(|| view! { <span class="finding-impact">{format!("Breaks {}", f.impact.join(", "))}</span> })}
                                                <span class="finding-why">{why}" ("{f.perspective.as_str()}")"</span>
                                            </span>
                                        </button>
                                    }
                                }).collect_view()}
                            }).collect_view()}
                            {(total > shown).then(|| view! { <p class="more" id="findings-more">{format!("and {} more findings: export the review to see them all", total - shown)}</p> })}
                        </div>
                    }.into_any()
                }
            }}
            {move || {
                let i = review.selected.get()?;
                let f = review.report.with(|r| r.as_ref().and_then(|r| r.as_ref().ok()).and_then(|r| r.report.findings.get(i).cloned()))?;
                let base_text = review.base.with(|b| b.as_ref().map(|b| b.text.clone()))?;
                let draft = current_text.run(());
                let pane = |title: &'static str, id: &'static str, lines: Vec<(usize, String, bool)>| view! {
                    <div class="pane" id=id>
                        <div class="pane-title">{title}</div>
                        <pre>{lines.into_iter().map(|(n, l, hit)| view! { <div class="code-line" class:hit=hit><span class="ln">{n}</span>{l}</div> }).collect_view()}</pre>
                    </div>
                };
                Some(view! {
                    <div class="compare" id="compare">
                        {pane("Base", "compare-base", context(&base_text, f.base_line()))}
                        {pane("Draft", "compare-draft", context(&draft, f.new_line()))}
                    </div>
                })
            }}
        </div>
    }
}

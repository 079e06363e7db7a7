//! The Schema view: every table's columns in one grid, grouped by table, edited in place.
//! A cell sends its new value to `on_edit` with the value's JSON pointer (an [`Edit`]); the
//! worker turns it into the smallest text change (so the YAML stays the source of truth
//! and one cell is one line of diff). Rows are keyed by their pointer and read their
//! values from the latest check, so a row that didn't change keeps its inputs (and the
//! focus) across checks.
//!
//! Only the rows in sight are drawn (with a margin), between two spacers as tall as the
//! rows above and below: every line of the grid (a table's heading, a column, a table's
//! "Add column") has a fixed height, so where each line is follows from the table alone
//! and 5,000 columns scroll like 50.

use crate::form::Problems;
use charter_core::form::{typed_value, Kind};
use charter_core::table::{SchemaTable, TableRow};
use leptos::prelude::*;
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashMap};
use wasm_bindgen::JsCast;

/// An edit a view asks for: `op` is `set`, `add` (to a list), `remove`, `move` (to the
/// position `value`), `duplicate` (the items whose pointers `value` lists) or `setEach`
/// (`value`: `[[pointer, value], ...]`), at `pointer`.
pub type Edit = (&'static str, String, Value);

/// Every row of the table by its pointer: a row finds its values in constant time, so a
/// check costs the grid time in proportion to its rows, not their square.
type Rows = HashMap<String, TableRow>;

/// Heights in pixels of a table's heading line, a column's row and the line with a
/// table's "Add column" (the stylesheet gives them these heights).
const HEAD_H: f64 = 40.0;
const ROW_H: f64 = 33.0;
const FOOT_H: f64 = 42.0;
/// Lines drawn above and below the ones in sight (for scrolling and arrow keys).
const OVERSCAN: f64 = 600.0;

/// One line of the grid.
#[derive(Clone, Debug, PartialEq)]
enum Line {
    /// A table: its pointer, name and number of columns.
    Head(String, String, usize),
    /// A column: its pointer and its table's.
    Row(String, String),
    /// A table's "Add column": its pointer.
    Foot(String),
}

impl Line {
    fn height(&self) -> f64 {
        match self {
            Line::Head(..) => HEAD_H,
            Line::Row(..) => ROW_H,
            Line::Foot(_) => FOOT_H,
        }
    }
    fn key(&self) -> String {
        match self {
            // A heading shows its name and count: drawn again when they change.
            Line::Head(p, name, n) => format!("h{p}:{n}:{name}"),
            Line::Row(p, _) => p.clone(),
            Line::Foot(p) => format!("f{p}"),
        }
    }
}

/// The grid's lines with the top of each (and the total height last).
#[derive(Clone, Default, PartialEq)]
struct Layout {
    lines: Vec<Line>,
    tops: Vec<f64>,
}

impl Layout {
    fn of(table: &SchemaTable) -> Layout {
        let mut lines = Vec::new();
        for o in &table.objects {
            lines.push(Line::Head(o.pointer.clone(), o.name.clone(), o.rows.len()));
            lines.extend(
                o.rows
                    .iter()
                    .map(|r| Line::Row(r.pointer.clone(), o.pointer.clone())),
            );
            lines.push(Line::Foot(o.pointer.clone()));
        }
        let mut tops = Vec::with_capacity(lines.len() + 1);
        let mut y = 0.0;
        for l in &lines {
            tops.push(y);
            y += l.height();
        }
        tops.push(y);
        Layout { lines, tops }
    }
    /// Where line `i` starts (the grid's height for `i` = the number of lines).
    fn top(&self, i: usize) -> f64 {
        self.tops.get(i).copied().unwrap_or(0.0)
    }
    /// The lines from `top` to `bottom` (pixels), as a range of indices.
    fn between(&self, top: f64, bottom: f64) -> std::ops::Range<usize> {
        let n = self.lines.len();
        if n == 0 {
            return 0..0;
        }
        let first = self.tops[..n]
            .partition_point(|&t| t <= top)
            .saturating_sub(1);
        let last = self.tops[..n].partition_point(|&t| t < bottom).max(first);
        first..last.min(n)
    }
}

/// What a row's action buttons and the selection bar do to many rows at once.
#[derive(Clone, Copy)]
struct Cx {
    all: Memo<Rows>,
    types: Memo<Vec<String>>,
    problems: Memo<Problems>,
    selected: RwSignal<BTreeSet<String>>,
    /// The last row clicked in the selection column (Shift+click selects up to it).
    anchor: RwSignal<Option<String>>,
    layout: Memo<Layout>,
    on_edit: Callback<Edit>,
}

/// The grid of every schema object of the shown document.
#[component]
pub fn SchemaTableView(
    table: RwSignal<Option<SchemaTable>>,
    /// The problems of the document by pointer: shown on their cells.
    problems: Memo<Problems>,
    /// A value to bring into sight and focus (a problem clicked): its pointer.
    reveal: RwSignal<Option<String>>,
    on_edit: Callback<Edit>,
    /// Ctrl+Z (`false`) or Ctrl+Shift+Z / Ctrl+Y (`true`) outside a text cell: the
    /// editor's undo or redo, which holds the cell edits.
    on_undo: Callback<bool>,
) -> impl IntoView {
    let view_el = NodeRef::<leptos::html::Div>::new();
    let layout = Memo::new(move |_| table.with(|t| t.as_ref().map(Layout::of).unwrap_or_default()));
    // The part of the grid in sight: (scroll top, height), in pixels.
    let sight = RwSignal::new((0.0, 800.0));
    let measure = move || {
        if let Some(el) = view_el.try_get_untracked().flatten() {
            let top = el.scroll_top() as f64;
            sight.set((top, el.client_height() as f64));
        }
    };
    let drawn = Memo::new(move |_| {
        let (top, height) = sight.get();
        layout.with(|l| l.between(top - OVERSCAN, top + height + OVERSCAN))
    });
    let rows = Memo::new(move |_| {
        table.with(|t| {
            t.iter()
                .flat_map(|t| t.objects.iter().flat_map(|o| o.rows.iter()))
                .map(|r| (r.pointer.clone(), r.clone()))
                .collect::<Rows>()
        })
    });
    let types = Memo::new(move |_| {
        table.with(|t| {
            t.as_ref()
                .map(|t| t.logical_types.clone())
                .unwrap_or_default()
        })
    });
    let selected = RwSignal::new(BTreeSet::<String>::new());
    // Rows gone from the table (removed, or the text changed) are no longer selected.
    Effect::new(move |_| {
        rows.with(|r| {
            if selected.with_untracked(|s| s.iter().any(|p| !r.contains_key(p))) {
                selected.update(|s| s.retain(|p| r.contains_key(p)));
            }
        })
    });
    let cx = Cx {
        all: rows,
        types,
        problems,
        selected,
        anchor: RwSignal::new(None),
        layout,
        on_edit,
    };
    // The first measure once the view is in the page; then on scroll and resize.
    Effect::new(move |_| {
        if view_el.get().is_some() {
            request_animation_frame(measure);
        }
    });
    let resize = window_event_listener(leptos::ev::resize, move |_| measure());
    on_cleanup(move || resize.remove());
    // A value to show: scroll its row into the middle, then focus its cell.
    Effect::new(move |_| {
        let Some(path) = reveal.get() else { return };
        reveal.set(None);
        let row = table.with_untracked(|t| {
            t.as_ref()
                .and_then(|t| t.row_for(&path))
                .map(|r| r.pointer.clone())
        });
        let Some(row) = row else { return };
        let y = layout.with_untracked(|l| {
            l.lines
                .iter()
                .position(|x| matches!(x, Line::Row(p, _) if *p == row))
                .map(|i| l.top(i))
        });
        if let (Some(y), Some(el)) = (y, view_el.get_untracked()) {
            el.set_scroll_top((y - el.client_height() as f64 / 3.0).max(0.0) as i32);
            measure();
        }
        focus_soon(path, 10);
    });
    let top_gap = move || layout.with(|l| drawn.with(|r| l.top(r.start)));
    let bottom_gap = move || layout.with(|l| drawn.with(|r| l.top(l.lines.len()) - l.top(r.end)));
    let visible = move || layout.with(|l| drawn.with(|r| l.lines[r.clone()].to_vec()));
    let nothing = move || {
        table.with(|t| match t {
            None => Some(view! { <p class="empty">"Reading the schema…"</p> }.into_any()),
            Some(t) if t.objects.is_empty() => Some(
                view! {
                    <p class="empty">"No tables yet: add one under " <code>"schema:"</code> " in the YAML."</p>
                }
                .into_any(),
            ),
            Some(_) => None,
        })
    };
    // Drawing other rows can take the focused row out of the page and put it back (the
    // list's diff moves rows): the focus goes back to its cell, unless the person clicked
    // elsewhere.
    let focused = StoredValue::new(None::<String>);
    let pressed_at = StoredValue::new(0.0f64);
    let keep_focus = move |ev: web_sys::FocusEvent| {
        if ev.related_target().is_some() || js_sys::Date::now() - pressed_at.get_value() < 50.0 {
            return;
        }
        let Some(selector) = focused.get_value() else {
            return;
        };
        request_animation_frame(move || {
            let lost = document()
                .active_element()
                .is_none_or(|a| a.tag_name() == "BODY");
            if let (true, Some(cell)) = (lost, document().query_selector(&selector).ok().flatten())
            {
                // Where it is: the person may have scrolled on.
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = cell
                    .unchecked_into::<web_sys::HtmlElement>()
                    .focus_with_options(&options);
            }
        });
    };
    let press = window_event_listener(leptos::ev::pointerdown, move |_| {
        pressed_at.set_value(js_sys::Date::now())
    });
    on_cleanup(move || press.remove());
    let note_focus = move |ev: web_sys::FocusEvent| {
        let cell = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        let selector = cell.and_then(|c| {
            let key = c.get_attribute("data-key")?;
            let row = c
                .closest("tr[data-pointer]")
                .ok()??
                .get_attribute("data-pointer")?;
            Some(format!(
                "#schema-view tr[data-pointer=\"{}\"] [data-key=\"{key}\"]",
                row.replace('"', "")
            ))
        });
        focused.set_value(selector);
    };
    view! {
        <div class="schema-view" id="schema-view" node_ref=view_el on:scroll=move |_| measure()
            on:focusin=note_focus on:focusout=keep_focus
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                commit_on_enter(&ev);
                if let Some(again) = undo_key(&ev) {
                    ev.prevent_default();
                    on_undo.run(again);
                }
            }
            on:paste=move |ev: web_sys::ClipboardEvent| paste_rows(&ev, on_edit)>
            {nothing}
            <table class="st" class:hidden=move || table.with(|t| t.as_ref().is_none_or(|t| t.objects.is_empty()))>
                <thead>
                    <tr>
                        <th class="st-pick"><span class="visually-hidden">"Selected"</span></th>
                        <th>"Column"</th><th>"Logical type"</th><th>"Physical type"</th>
                        <th title="Required">"Req."</th><th title="Primary key">"Key"</th><th title="Unique">"Uniq."</th>
                        <th>"Classification"</th><th>"Description"</th><th class="st-actions"><span class="visually-hidden">"Actions"</span></th>
                    </tr>
                </thead>
                <tbody on:keydown=move |ev: web_sys::KeyboardEvent| {
                    if ev.alt_key() {
                        reorder(&ev, on_edit)
                    } else {
                        move_between_rows(ev)
                    }
                }>
                    <tr class="st-gap" aria-hidden="true"><td colspan="10" style=move || format!("height: {}px", top_gap())></td></tr>
                    <For each=visible key=Line::key let:line>
                        {match line {
                            Line::Head(pointer, name, count) => view! { <TableHead cx=cx pointer=pointer name=name count=count/> }.into_any(),
                            Line::Row(pointer, object) => view! { <SchemaRow cx=cx pointer=pointer object=object/> }.into_any(),
                            Line::Foot(pointer) => view! { <TableFoot on_edit=on_edit pointer=pointer/> }.into_any(),
                        }}
                    </For>
                    <tr class="st-gap" aria-hidden="true"><td colspan="10" style=move || format!("height: {}px", bottom_gap())></td></tr>
                </tbody>
            </table>
            <SelectionBar cx=cx/>
        </div>
    }
}

/// Focus the cell of `path` once its row is drawn (within `frames` frames).
fn focus_soon(path: String, frames: u32) {
    request_animation_frame(move || {
        if !focus_cell(&path) && frames > 1 {
            focus_soon(path, frames - 1);
        }
    });
}

/// Rows copied from a spreadsheet (tabs between cells, a line per row) become columns
/// appended to the table of the row with the focus, in one edit; a single value pastes as
/// usual.
fn paste_rows(ev: &web_sys::ClipboardEvent, on_edit: Callback<Edit>) {
    let text = ev
        .clipboard_data()
        .and_then(|d| d.get_data("text/plain").ok())
        .unwrap_or_default();
    if !text.contains('\t') && !text.trim().contains('\n') {
        return;
    }
    let Some(object) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|e| e.closest("tr[data-object]").ok().flatten())
        .and_then(|r| r.get_attribute("data-object"))
    else {
        return;
    };
    let rows = charter_core::table::rows_from_tsv(&text, 5000);
    if rows.is_empty() {
        return;
    }
    ev.prevent_default();
    on_edit.run(("add", format!("{object}/properties"), Value::Array(rows)));
}

/// A table's heading: its name, its number of columns, and a box selecting them all.
#[component]
fn TableHead(cx: Cx, pointer: String, name: String, count: usize) -> impl IntoView {
    let ptr = pointer.clone();
    let mine = move || {
        cx.layout.with_untracked(|l| {
            l.lines
                .iter()
                .filter_map(|x| match x {
                    Line::Row(p, o) if *o == ptr => Some(p.clone()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
    };
    let all_in = {
        let mine = mine.clone();
        move || {
            let m = mine();
            !m.is_empty() && cx.selected.with(|s| m.iter().all(|p| s.contains(p)))
        }
    };
    let label = format!("Select every column of {name}");
    let columns = match count {
        1 => "1 column".to_string(),
        n => format!("{n} columns"),
    };
    view! {
        <tr class="st-group" data-object=pointer.clone()>
            <td class="st-pick">
                <input type="checkbox" aria-label=label prop:checked=all_in
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        let m = mine();
                        cx.selected.update(|s| for p in m { if on { s.insert(p); } else { s.remove(&p); } });
                    }/>
            </td>
            <th colspan="9" scope="rowgroup">
                <h3 class="st-title">{name}</h3>
                <span class="st-count">{columns}</span>
            </th>
        </tr>
    }
}

/// A table's last line: "+ Add column".
#[component]
fn TableFoot(on_edit: Callback<Edit>, pointer: String) -> impl IntoView {
    let add_at = format!("{pointer}/properties");
    view! {
        <tr class="st-foot" data-object=pointer>
            <td></td>
            <td colspan="9">
                <button class="btn small st-add" data-add=add_at.clone() title="Add a column at the end of this table"
                    on:click=move |_| on_edit.run(("add", add_at.clone(), json!({"name": "new_column", "logicalType": "string"})))>"+ Add column"</button>
            </td>
        </tr>
    }
}

/// The bar under the grid (kept in sight) while rows are selected: set one of their cells at once,
/// duplicate or delete them, each as one edit (one undo step).
#[component]
fn SelectionBar(cx: Cx) -> impl IntoView {
    let field = RwSignal::new("classification".to_string());
    let value = RwSignal::new(String::new());
    let count = move || cx.selected.with(BTreeSet::len);
    // The selected rows without those inside another selected row (deleting a row
    // deletes what it holds).
    let outermost = move || {
        cx.selected.with_untracked(|s| {
            s.iter()
                .filter(|p| !s.iter().any(|q| q != *p && p.starts_with(&format!("{q}/"))))
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    let apply = move |_| {
        let key = field.get_untracked();
        let v = value.get_untracked();
        let kind = match key.as_str() {
            "required" | "primaryKey" | "unique" => Kind::Scalar,
            _ => Kind::Text,
        };
        let v = typed_value(kind, &v).unwrap_or(Value::Null);
        let values: Vec<Value> = cx.selected.with_untracked(|s| {
            s.iter()
                .map(|p| json!([format!("{p}/{key}"), v.clone()]))
                .collect()
        });
        cx.on_edit
            .run(("setEach", String::new(), Value::Array(values)));
    };
    let duplicate = move |_| {
        let rows = outermost();
        cx.selected.set(BTreeSet::new());
        cx.on_edit.run(("duplicate", String::new(), json!(rows)));
    };
    let delete = move |_| {
        let values: Vec<Value> = outermost().into_iter().map(|p| json!([p, null])).collect();
        cx.selected.set(BTreeSet::new());
        cx.on_edit
            .run(("setEach", String::new(), Value::Array(values)));
    };
    let value_input = move || {
        let key = field.get();
        match key.as_str() {
            "required" | "primaryKey" | "unique" => {
                value.set("true".into());
                view! {
                    <select id="bulk-value" aria-label="Value" on:change=move |ev| value.set(event_target_value(&ev))>
                        <option value="true" selected=true>"Yes"</option>
                        <option value="false">"No"</option>
                    </select>
                }
                .into_any()
            }
            "logicalType" => {
                let types = cx.types.get();
                value.set(types.first().cloned().unwrap_or_default());
                view! {
                    <select id="bulk-value" aria-label="Value" on:change=move |ev| value.set(event_target_value(&ev))>
                        {types.into_iter().map(|t| view! { <option value=t.clone()>{t.clone()}</option> }).collect_view()}
                    </select>
                }
                .into_any()
            }
            _ => {
                value.set(String::new());
                view! {
                    <input id="bulk-value" type="text" aria-label="Value" placeholder="empty removes it" spellcheck="false"
                        on:input=move |ev| value.set(event_target_value(&ev))
                        on:keydown=move |ev: web_sys::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default(); apply(()); }/>
                }
                .into_any()
            }
        }
    };
    view! {
        <Show when=move || count() != 0>
            <div class="st-bulk" id="st-bulk" role="toolbar" aria-label="Selected columns">
                <span class="st-bulk-count">{move || match count() { 1 => "1 column selected".to_string(), n => format!("{n} columns selected") }}</span>
                <label class="st-bulk-set">"Set "
                    <select id="bulk-field" aria-label="Cell to set" on:change=move |ev| field.set(event_target_value(&ev))>
                        <option value="classification" selected=true>"Classification"</option>
                        <option value="logicalType">"Logical type"</option>
                        <option value="physicalType">"Physical type"</option>
                        <option value="required">"Required"</option>
                        <option value="primaryKey">"Primary key"</option>
                        <option value="unique">"Unique"</option>
                        <option value="description">"Description"</option>
                    </select>
                </label>
                " to " {value_input}
                <button class="btn small primary" id="bulk-apply" on:click=move |_| apply(())>"Apply"</button>
                <span class="st-bulk-sep"></span>
                <button class="btn small" id="bulk-duplicate" on:click=duplicate>"Duplicate"</button>
                <button class="btn small danger" id="bulk-delete" on:click=delete>"Delete"</button>
                <button class="btn small" id="bulk-clear" on:click=move |_| cx.selected.set(BTreeSet::new())>"Clear selection"</button>
            </div>
        </Show>
    }
}

#[component]
fn SchemaRow(cx: Cx, pointer: String, object: String) -> impl IntoView {
    let on_edit = cx.on_edit;
    let ptr = pointer.clone();
    let row = Memo::new(move |_| cx.all.with(|m| m.get(&ptr).cloned().unwrap_or_default()));
    let get = move |f: fn(&TableRow) -> String| move || row.with(f);
    // The problems of this row, by the key they are about ("" for the row itself).
    let ptr = pointer.clone();
    let issues = Memo::new(move |_| {
        cx.problems.with(|p| {
            let mut by_key: HashMap<&'static str, Vec<String>> = HashMap::new();
            for key in std::iter::once("").chain(charter_core::table::COLUMN_KEYS) {
                let at = if key.is_empty() {
                    ptr.clone()
                } else {
                    format!("{ptr}/{key}")
                };
                if let Some(list) = p.get(&at) {
                    by_key
                        .entry(key)
                        .or_default()
                        .extend(list.iter().map(|(_, m)| m.clone()));
                }
            }
            by_key
        })
    });
    let bad = move |key: &'static str| move || issues.with(|i| i.contains_key(key));
    let why = move |key: &'static str| move || issues.with(|i| i.get(key).map(|m| m.join("\n")));
    // A text cell: sent when it changes (Enter or leaving it); emptied, the key goes.
    let base = pointer.clone();
    let text_cell = move |key: &'static str, label: &'static str, f: fn(&TableRow) -> String| {
        let at = format!("{base}/{key}");
        view! {
            <td>
                <input class="st-cell" type="text" aria-label=label data-key=key prop:value=get(f) spellcheck="false"
                    class:st-bad=bad(key) title=why(key) aria-invalid=move || bad(key)().then_some("true")
                    on:change=move |ev| {
                        let v = typed_value(Kind::Text, &event_target_value(&ev)).unwrap_or(Value::Null);
                        on_edit.run(("set", at.clone(), v));
                    }/>
            </td>
        }
    };
    let base = pointer.clone();
    let flag_cell = move |key: &'static str, label: &'static str, f: fn(&TableRow) -> bool| {
        let at = format!("{base}/{key}");
        view! {
            <td class="st-flag" class:st-bad=bad(key) title=why(key)>
                <input type="checkbox" aria-label=label data-key=key prop:checked=move || row.with(f)
                    on:change=move |ev| on_edit.run(("set", at.clone(), json!(event_target_checked(&ev))))/>
            </td>
        }
    };
    let type_at = format!("{pointer}/logicalType");
    let depth = move || row.with(|r| r.depth);
    let name_problems = move || {
        issues.with(|i| {
            let mut all: Vec<String> = i
                .get("")
                .into_iter()
                .chain(i.get("name"))
                .flatten()
                .cloned()
                .collect();
            all.dedup();
            (!all.is_empty()).then(|| all.join("\n"))
        })
    };
    let name_bad = move || issues.with(|i| i.contains_key("") || i.contains_key("name"));
    let ptr = pointer.clone();
    let picked = Memo::new(move |_| cx.selected.with(|s| s.contains(&ptr)));
    let ptr = pointer.clone();
    let pick = move |ev: web_sys::MouseEvent| {
        let on = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_some_and(|i| i.checked());
        let range = if ev.shift_key() {
            cx.anchor
                .get_untracked()
                .and_then(|a| rows_between(cx.layout, &a, &ptr))
        } else {
            None
        };
        let range = range.unwrap_or_else(|| vec![ptr.clone()]);
        cx.selected.update(|s| {
            for p in range {
                if on {
                    s.insert(p);
                } else {
                    s.remove(&p);
                }
            }
        });
        cx.anchor.set(Some(ptr.clone()));
    };
    let children = move || row.with(TableRow::children_at);
    let dup_at = pointer.clone();
    let remove_at = pointer.clone();
    view! {
        <tr data-pointer=pointer.clone() data-object=object class:st-picked=picked>
            <td class="st-pick">
                <input type="checkbox" aria-label="Select this column" data-key="select" prop:checked=picked on:click=pick/>
            </td>
            <td>
                <div class="st-name" style=move || format!("padding-left: {}px", depth() * 18)>
                    {move || (depth() > 0).then(|| view! { <span class="st-nest" aria-hidden="true">"↳"</span> })}
                    <input class="st-cell" type="text" aria-label="Column name" data-key="name" prop:value=get(|r| r.name.clone()) spellcheck="false"
                        class:st-bad=name_bad title=name_problems aria-invalid=move || name_bad().then_some("true")
                        on:change={
                            let at = format!("{pointer}/name");
                            move |ev| on_edit.run(("set", at.clone(), json!(event_target_value(&ev))))
                        }/>
                </div>
            </td>
            <td>
                <select class="st-cell" aria-label="Logical type" data-key="logicalType" class:st-bad=bad("logicalType") title=why("logicalType")
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        on_edit.run(("set", type_at.clone(), if v.is_empty() { Value::Null } else { json!(v) }));
                    }>
                    {move || {
                        let current = row.with(|r| r.logical_type.clone());
                        let mut options = cx.types.get();
                        if !current.is_empty() && !options.contains(&current) {
                            options.insert(0, current.clone());
                        }
                        let none = current.is_empty();
                        let mut out = vec![view! { <option value="" selected=none>"—"</option> }.into_any()];
                        out.extend(options.into_iter().map(|t| {
                            let selected = t == current;
                            view! { <option value=t.clone() selected=selected>{t.clone()}</option> }.into_any()
                        }));
                        out
                    }}
                </select>
            </td>
            {text_cell("physicalType", "Physical type", |r| r.physical_type.clone())}
            {flag_cell("required", "Required", |r| r.required)}
            {flag_cell("primaryKey", "Primary key", |r| r.primary_key)}
            {flag_cell("unique", "Unique", |r| r.unique)}
            {text_cell("classification", "Classification", |r| r.classification.clone())}
            {text_cell("description", "Description", |r| r.description.clone())}
            <td class="st-actions">
                {move || children().map(|at| view! {
                    <button class="st-act st-sub" title="Add a nested property" aria-label="Add a nested property"
                        on:click=move |_| on_edit.run(("add", at.clone(), json!({"name": "new_field", "logicalType": "string"})))>"+"</button>
                })}
                <button class="st-act st-dup" title="Duplicate this column" aria-label="Duplicate column"
                    on:click=move |_| on_edit.run(("duplicate", String::new(), json!([dup_at.clone()])))>"⧉"</button>
                <button class="st-act st-x" title="Remove this column (Ctrl+Z brings it back)" aria-label="Remove column"
                    on:click=move |_| on_edit.run(("remove", remove_at.clone(), Value::Null))>"×"</button>
            </td>
        </tr>
    }
}

/// The pointers of the rows from `a` to `b` (either order), in the grid's order.
fn rows_between(layout: Memo<Layout>, a: &str, b: &str) -> Option<Vec<String>> {
    layout.with_untracked(|l| {
        let rows: Vec<&String> = l
            .lines
            .iter()
            .filter_map(|x| match x {
                Line::Row(p, _) => Some(p),
                _ => None,
            })
            .collect();
        let i = rows.iter().position(|p| *p == a)?;
        let j = rows.iter().position(|p| *p == b)?;
        Some(
            rows[i.min(j)..=i.max(j)]
                .iter()
                .map(|p| (*p).clone())
                .collect(),
        )
    })
}

/// ArrowUp and ArrowDown move to the same cell of the row above or below, as in a
/// spreadsheet (a text cell's change is sent as it loses the focus). Selects keep their
/// arrows for their options.
fn move_between_rows(ev: web_sys::KeyboardEvent) {
    // Inputs only: a select's arrows choose among its options.
    if ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_none()
    {
        return;
    }
    let Some((down, Some(key), row)) = arrow_in_row(&ev) else {
        return;
    };
    // The same cell of the next row, over a table's last and next table's first lines.
    let mut next = Some(row);
    for _ in 0..4 {
        next = next.and_then(|r| {
            if down {
                r.next_element_sibling()
            } else {
                r.previous_element_sibling()
            }
        });
        let Some(r) = &next else { return };
        if let Some(target) = r
            .query_selector(&format!("[data-key=\"{key}\"]"))
            .ok()
            .flatten()
        {
            ev.prevent_default();
            let target = target.unchecked_into::<web_sys::HtmlElement>();
            scroll_to_see(&target);
            let _ = target.focus();
            return;
        }
    }
}

/// Focus the cell of the Schema view that shows the value at `path` (a diagnostic's JSON
/// pointer): the row of the longest pointer that starts it, and the cell of the key that
/// follows (the row's name cell for another key). False when no row shown holds it.
pub fn focus_cell(path: &str) -> bool {
    let Some(view) = document().get_element_by_id("schema-view") else {
        return false;
    };
    let mut prefix = path;
    loop {
        let row = view
            .query_selector(&format!("tr[data-pointer=\"{}\"]", prefix.replace('"', "")))
            .ok()
            .flatten();
        if let Some(row) = row {
            let key = path[prefix.len()..]
                .trim_start_matches('/')
                .split('/')
                .next()
                .unwrap_or("");
            let cell = row
                .query_selector(&format!("[data-key=\"{}\"]", key.replace('"', "")))
                .ok()
                .flatten()
                .or_else(|| row.query_selector("[data-key=name]").ok().flatten());
            if let Some(cell) = cell {
                let cell = cell.unchecked_into::<web_sys::HtmlElement>();
                scroll_to_see(&cell);
                let _ = cell.focus();
                return true;
            }
            return false;
        }
        match prefix.rfind('/') {
            Some(i) if i > 0 => prefix = &prefix[..i],
            _ => return false,
        }
    }
}

/// Scroll the least that brings `el` into sight (nothing when it is in sight).
pub(crate) fn scroll_to_see(el: &web_sys::Element) {
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Nearest);
    options.set_inline(web_sys::ScrollLogicalPosition::Nearest);
    el.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Enter in a one-line field commits what was typed (the browser sends a field's change
/// only as it loses the focus): the field is left and focused again.
pub(crate) fn commit_on_enter(ev: &web_sys::KeyboardEvent) {
    if ev.key() != "Enter" || ev.default_prevented() || ev.is_composing() {
        return;
    }
    let Some(input) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .filter(|i| i.type_() != "checkbox")
    else {
        return;
    };
    ev.prevent_default();
    let _ = input.blur();
    let _ = input.focus();
}

/// The undo (`Some(false)`) or redo (`Some(true)`) shortcut, pressed outside a text cell
/// (a text cell keeps its own undo of what is typed in it).
pub(crate) fn undo_key(ev: &web_sys::KeyboardEvent) -> Option<bool> {
    if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
        return None;
    }
    let target = ev.target();
    let typing = target
        .clone()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_some_and(|i| i.type_() != "checkbox")
        || target.is_some_and(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().is_ok());
    if typing {
        return None;
    }
    match ev.key().to_ascii_lowercase().as_str() {
        "z" => Some(ev.shift_key()),
        "y" if !ev.shift_key() => Some(true),
        _ => None,
    }
}

/// Alt+ArrowUp and Alt+ArrowDown move the row with the focus one place up or down its
/// list (one cut and one insert in the YAML, its comments with it); the focus follows it.
fn reorder(ev: &web_sys::KeyboardEvent, on_edit: Callback<Edit>) {
    let Some((down, key, row)) = arrow_in_row(ev) else {
        return;
    };
    let up = !down;
    let Some(pointer) = row.get_attribute("data-pointer") else {
        return;
    };
    let Some((list, index)) = pointer
        .rsplit_once('/')
        .and_then(|(l, i)| Some((l.to_string(), i.parse::<usize>().ok()?)))
    else {
        return;
    };
    // Only among its siblings: the next row may be nested deeper, or another list's.
    let sibling = if up {
        row.previous_element_sibling()
    } else {
        row.next_element_sibling()
    };
    let to = if up {
        index.checked_sub(1)
    } else {
        Some(index + 1)
    };
    let Some(to) = to.filter(|to| {
        sibling.is_some_and(|_| {
            document()
                .get_element_by_id("schema-view")
                .and_then(|v| {
                    v.query_selector(&format!("tr[data-pointer=\"{list}/{to}\"]"))
                        .ok()
                        .flatten()
                })
                .is_some()
        })
    }) else {
        return;
    };
    ev.prevent_default();
    on_edit.run(("move", pointer, json!(to)));
    let target = format!("{list}/{to}/{}", key.unwrap_or_else(|| "name".into()));
    // The row at the new place is the moved one once the text is checked.
    leptos::task::spawn_local(async move {
        focus_cell(&target);
    });
}

/// An ArrowDown (`true`) or ArrowUp (`false`) pressed in a cell: with the cell's key and
/// its row.
fn arrow_in_row(ev: &web_sys::KeyboardEvent) -> Option<(bool, Option<String>, web_sys::Element)> {
    let down = match ev.key().as_str() {
        "ArrowDown" => true,
        "ArrowUp" => false,
        _ => return None,
    };
    let cell = ev.target()?.dyn_into::<web_sys::Element>().ok()?;
    let row = cell.closest("tr").ok()??;
    Some((down, cell.get_attribute("data-key"), row))
}

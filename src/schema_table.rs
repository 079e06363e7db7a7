//! The Schema view: every table's columns in a grid, edited in place. A cell sends its
//! new value to `on_edit` with the value's JSON pointer (an [`Edit`]); the worker turns it into the
//! smallest text change (so the YAML stays the source of truth and one cell is one line
//! of diff). Rows are keyed by their pointer and read their values from the latest check,
//! so a row that didn't change keeps its inputs (and the focus) across checks.

use charter_core::table::{SchemaTable, TableRow};
use leptos::prelude::*;
use serde_json::{json, Value};
use wasm_bindgen::JsCast;

/// An edit a view asks for: `op` is `set`, `add` (to a list), `remove` or `move` (to the
/// position `value`), at `pointer`.
pub type Edit = (&'static str, String, Value);

/// Every row of the table by its pointer: a row finds its values in constant time, so a
/// check costs the grid time in proportion to its rows, not their square.
type Rows = std::collections::HashMap<String, TableRow>;

/// About how many rows are drawn before "Show more".
const ROWS_AT_ONCE: usize = 500;

/// The grid of every schema object of the shown document.
#[component]
pub fn SchemaTableView(
    table: RwSignal<Option<SchemaTable>>,
    on_edit: Callback<Edit>,
    /// Ctrl+Z (`false`) or Ctrl+Shift+Z / Ctrl+Y (`true`) outside a text cell: the
    /// editor's undo or redo, which holds the cell edits.
    on_undo: Callback<bool>,
) -> impl IntoView {
    // The tables shown: whole tables up to about `limit` rows (a 5,000-column contract
    // would hold the page for seconds drawn at once); "Show more" draws the next ones.
    let limit = RwSignal::new(ROWS_AT_ONCE);
    let shown = Memo::new(move |_| {
        table.with(|t| {
            let mut rows = 0;
            t.iter()
                .flat_map(|t| t.objects.iter())
                .take_while(|o| {
                    let fits = rows == 0 || rows + o.rows.len() <= limit.get();
                    rows += o.rows.len();
                    fits
                })
                .map(|o| o.pointer.clone())
                .collect::<Vec<_>>()
        })
    });
    let hidden = move || {
        table.with(|t| {
            let all = t.as_ref().map_or(0, |t| t.objects.len());
            all - shown.with(Vec::len).min(all)
        })
    };
    let rows = Memo::new(move |_| {
        table.with(|t| {
            t.iter()
                .flat_map(|t| t.objects.iter().flat_map(|o| o.rows.iter()))
                .map(|r| (r.pointer.clone(), r.clone()))
                .collect::<Rows>()
        })
    });
    view! {
        <div class="schema-view" id="schema-view" on:keydown=move |ev: web_sys::KeyboardEvent| {
            commit_on_enter(&ev);
            if let Some(again) = undo_key(&ev) {
                ev.prevent_default();
                on_undo.run(again);
            }
        }>
            {move || table.with(|t| match t {
                None => view! { <p class="empty">"Reading the schema…"</p> }.into_any(),
                Some(t) if t.objects.is_empty() => view! {
                    <p class="empty">"No tables yet: add one under " <code>"schema:"</code> " in the YAML."</p>
                }.into_any(),
                Some(_) => ().into_any(),
            })}
            <For each=move || shown.get() key=|p| p.clone() let:pointer>
                <SchemaObject table=table all=rows pointer=pointer on_edit=on_edit/>
            </For>
            {move || (hidden() > 0).then(|| view! {
                <p class="st-more">
                    {format!("{} more tables. ", hidden())}
                    <button class="btn small" id="schema-more" on:click=move |_| limit.update(|l| *l += ROWS_AT_ONCE)>"Show more"</button>
                </p>
            })}
        </div>
    }
}

#[component]
fn SchemaObject(
    table: RwSignal<Option<SchemaTable>>,
    all: Memo<Rows>,
    pointer: String,
    on_edit: Callback<Edit>,
) -> impl IntoView {
    let ptr = pointer.clone();
    let object = Memo::new(move |_| {
        table.with(|t| {
            t.as_ref()
                .and_then(|t| t.objects.iter().find(|o| o.pointer == ptr))
                .map(|o| {
                    (
                        o.name.clone(),
                        o.rows.iter().map(|r| r.pointer.clone()).collect::<Vec<_>>(),
                    )
                })
        })
    });
    let name = move || object.with(|o| o.as_ref().map(|o| o.0.clone()).unwrap_or_default());
    let rows = move || object.with(|o| o.as_ref().map(|o| o.1.clone()).unwrap_or_default());
    let add_at = format!("{pointer}/properties");
    let paste_at = add_at.clone();
    let types = Memo::new(move |_| {
        table.with(|t| {
            t.as_ref()
                .map(|t| t.logical_types.clone())
                .unwrap_or_default()
        })
    });
    view! {
        <section class="st-object" data-pointer=pointer on:paste={
            // Rows copied from a spreadsheet (tabs between cells, a line per row) become
            // columns appended to this table, in one edit; a single value pastes as usual.
            let at = paste_at;
            move |ev: web_sys::ClipboardEvent| {
                let text = ev.clipboard_data().and_then(|d| d.get_data("text/plain").ok()).unwrap_or_default();
                if !text.contains('\t') && !text.trim().contains('\n') {
                    return;
                }
                let rows = charter_core::table::rows_from_tsv(&text, 5000);
                if rows.is_empty() {
                    return;
                }
                ev.prevent_default();
                on_edit.run(("add", at.clone(), Value::Array(rows)));
            }
        }>
            <h3 class="st-title">{name}</h3>
            <table class="st">
                <thead>
                    <tr>
                        <th>"Column"</th><th>"Logical type"</th><th>"Physical type"</th>
                        <th title="Required">"Req."</th><th title="Primary key">"Key"</th><th title="Unique">"Uniq."</th>
                        <th>"Classification"</th><th>"Description"</th><th class="st-remove"></th>
                    </tr>
                </thead>
                <tbody on:keydown=move |ev: web_sys::KeyboardEvent| {
                    if ev.alt_key() {
                        reorder(&ev, on_edit)
                    } else {
                        move_between_rows(ev)
                    }
                }>
                    <For each=rows key=|p| p.clone() let:row>
                        <SchemaRow all=all pointer=row types=types on_edit=on_edit/>
                    </For>
                </tbody>
            </table>
            {move || rows().is_empty().then(|| view! { <p class="empty st-none">"No columns yet."</p> })}
            <button class="btn small st-add" data-add=add_at.clone() title="Add a column at the end of this table"
                on:click=move |_| on_edit.run(("add", add_at.clone(), json!({"name": "new_column", "logicalType": "string"})))>"+ Add column"</button>
        </section>
    }
}

#[component]
fn SchemaRow(
    all: Memo<Rows>,
    pointer: String,
    types: Memo<Vec<String>>,
    on_edit: Callback<Edit>,
) -> impl IntoView {
    let ptr = pointer.clone();
    let row = Memo::new(move |_| all.with(|m| m.get(&ptr).cloned().unwrap_or_default()));
    let get = move |f: fn(&TableRow) -> String| move || row.with(f);
    // A text cell: sent when it changes (Enter or leaving it); emptied, the key goes.
    let base = pointer.clone();
    let text_cell = move |key: &'static str, label: &'static str, f: fn(&TableRow) -> String| {
        let at = format!("{base}/{key}");
        view! {
            <td>
                <input class="st-cell" type="text" aria-label=label data-key=key prop:value=get(f) spellcheck="false"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        let v = if v.trim().is_empty() && key != "name" { Value::Null } else { json!(v) };
                        on_edit.run(("set", at.clone(), v));
                    }/>
            </td>
        }
    };
    let base = pointer.clone();
    let flag_cell = move |key: &'static str, label: &'static str, f: fn(&TableRow) -> bool| {
        let at = format!("{base}/{key}");
        view! {
            <td class="st-flag">
                <input type="checkbox" aria-label=label data-key=key prop:checked=move || row.with(f)
                    on:change=move |ev| on_edit.run(("set", at.clone(), json!(event_target_checked(&ev))))/>
            </td>
        }
    };
    let type_at = format!("{pointer}/logicalType");
    let depth = move || row.with(|r| r.depth);
    view! {
        <tr data-pointer=pointer.clone()>
            <td>
                <div class="st-name" style=move || format!("padding-left: {}px", depth() * 18)>
                    {move || (depth() > 0).then(|| view! { <span class="st-nest" aria-hidden="true">"↳"</span> })}
                    <input class="st-cell" type="text" aria-label="Column name" data-key="name" prop:value=get(|r| r.name.clone()) spellcheck="false"
                        on:change={
                            let at = format!("{pointer}/name");
                            move |ev| on_edit.run(("set", at.clone(), json!(event_target_value(&ev))))
                        }/>
                </div>
            </td>
            <td>
                <select class="st-cell" aria-label="Logical type" data-key="logicalType"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        on_edit.run(("set", type_at.clone(), if v.is_empty() { Value::Null } else { json!(v) }));
                    }>
                    {move || {
                        let current = row.with(|r| r.logical_type.clone());
                        let mut options = types.get();
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
            <td class="st-remove">
                <button class="st-x" title="Remove this column (Ctrl+Z in the YAML brings it back)" aria-label="Remove column"
                    on:click={
                        let at = pointer.clone();
                        move |_| on_edit.run(("remove", at.clone(), Value::Null))
                    }>"×"</button>
            </td>
        </tr>
    }
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
    let next = if down {
        row.next_element_sibling()
    } else {
        row.previous_element_sibling()
    };
    if let Some(target) = next.and_then(|r| {
        r.query_selector(&format!("[data-key=\"{key}\"]"))
            .ok()
            .flatten()
    }) {
        ev.prevent_default();
        let _ = target.unchecked_into::<web_sys::HtmlElement>().focus();
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
                cell.scroll_into_view_with_bool(false);
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

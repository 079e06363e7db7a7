//! The Form view: the document as fields, grouped as the standard groups them
//! (fundamentals, then one section per part: description, servers, schema, team,
//! support, SLA...). What each field is (its input, whether it is required, its help) comes
//! from Charter's model for the declared version, through the worker's check
//! (`charter_core::form`); every change is sent to `on_edit` with the value's pointer and
//! made by the worker as the smallest text edit, so the YAML stays the source of truth.
//!
//! An object's fields are asked for only while it is open (`open`: the pointers of the
//! opened objects), so a 5,000-column contract costs the form what is shown. Fields are
//! keyed by their object's pointer and key and read their values from the latest check:
//! a field that didn't change keeps its input (and the focus) across checks.

use crate::schema_table::{commit_on_enter, undo_key, Edit};
use charter_core::form::{FormField, FormObject, Kind};
use charter_core::model::Fmt;
use leptos::prelude::*;
use serde_json::{json, Value};
use std::collections::{BTreeSet, HashMap};
use wasm_bindgen::JsCast;

/// The problems of the shown document by the pointer they are about: (severity, message).
pub type Problems = HashMap<String, Vec<(&'static str, String)>>;

type Objects = HashMap<String, FormObject>;

/// What every part of the form reads and calls.
#[derive(Clone, Copy)]
struct Cx {
    objects: Memo<Objects>,
    open: RwSignal<BTreeSet<String>>,
    problems: Memo<Problems>,
    on_edit: Callback<Edit>,
    on_yaml: Callback<String>,
    /// A pointer to focus once the form shows it (after "Add", or a problem clicked).
    focus: RwSignal<Option<String>>,
    /// The workspace's data contracts: (`id`, document), for a port's `contractId`.
    contracts: Memo<Vec<(String, u32)>>,
    /// Show another document of the workspace.
    on_open_doc: Callback<u32>,
}

/// The objects opened when the form is first shown.
pub fn opened_at_first() -> BTreeSet<String> {
    ["/description", "/team", "/info"]
        .into_iter()
        .map(String::from)
        .collect()
}

#[component]
pub fn FormView(
    forms: RwSignal<Option<Vec<FormObject>>>,
    open: RwSignal<BTreeSet<String>>,
    problems: Memo<Problems>,
    focus: RwSignal<Option<String>>,
    on_edit: Callback<Edit>,
    /// Ctrl+Z / Ctrl+Shift+Z outside a text field: the editor's undo or redo.
    on_undo: Callback<bool>,
    /// "Edit in YAML": open the YAML at this pointer.
    on_yaml: Callback<String>,
    /// The workspace's data contracts: (`id`, document).
    contracts: Memo<Vec<(String, u32)>>,
    /// "Open contract" on a port: show that document.
    on_open_doc: Callback<u32>,
) -> impl IntoView {
    let objects = Memo::new(move |_| {
        forms.with(|f| {
            f.iter()
                .flatten()
                .map(|o| (o.pointer.clone(), o.clone()))
                .collect::<Objects>()
        })
    });
    let cx = Cx {
        objects,
        open,
        problems,
        on_edit,
        on_yaml,
        focus,
        contracts,
        on_open_doc,
    };
    provide_context(cx);
    // Once a check shows what was to be focused, focus it (one try per check).
    Effect::new(move |_| {
        objects.track();
        let Some(target) = focus.get_untracked() else {
            return;
        };
        leptos::task::spawn_local(async move {
            if focus_field(&target) {
                focus.set(None);
            }
        });
    });
    let state = Memo::new(move |_| forms.with(|f| f.as_ref().map(|f| !f.is_empty())));
    view! {
        <div class="form-view" id="form-view" on:keydown=move |ev: web_sys::KeyboardEvent| {
            commit_on_enter(&ev);
            if let Some(again) = undo_key(&ev) {
                ev.prevent_default();
                on_undo.run(again);
            }
        }>
            {move || match state.get() {
                None => view! { <p class="empty">"Reading the document…"</p> }.into_any(),
                Some(false) => view! {
                    <p class="empty">"The form shows data contracts (" <code>"kind: DataContract"</code> ") and data product manifests (" <code>"kind: DataProduct"</code> "): edit this document in the YAML."</p>
                }.into_any(),
                Some(true) => view! { <RootForm/> }.into_any(),
            }}
        </div>
    }
}

/// Fields that are one input, shown together; the others (objects and lists of objects)
/// are sections of their own.
fn is_inline(kind: Kind) -> bool {
    !matches!(kind, Kind::Object | Kind::Objects)
}

#[component]
fn RootForm() -> impl IntoView {
    let cx = expect_context::<Cx>();
    let layout = Memo::new(move |_| {
        cx.objects.with(|o| {
            let fields = o.get("").map_or(&[][..], |r| &r.fields[..]);
            let (inline, parts): (Vec<&FormField>, Vec<&FormField>) =
                fields.iter().partition(|f| is_inline(f.kind));
            (
                inline.iter().map(|f| f.key.clone()).collect::<Vec<_>>(),
                parts.iter().map(|f| f.key.clone()).collect::<Vec<_>>(),
                o.get("").map(|r| r.name.clone()).unwrap_or_default(),
            )
        })
    });
    view! {
        <ObjectProblems pointer=String::new()/>
        <section class="fm-section" aria-labelledby="fm-fundamentals">
            <h2 id="fm-fundamentals">"Fundamentals"</h2>
            <div class="fm-grid">
                <For each=move || layout.with(|l| l.0.clone()) key=|k| k.clone() let:key>
                    <FieldView object=String::new() key=key/>
                </For>
            </div>
            <Unknown pointer=String::new()/>
        </section>
        <For each=move || layout.with(|l| l.1.clone()) key=|k| k.clone() let:key>
            <section class="fm-section">
                <FieldView object=String::new() key=key/>
            </section>
        </For>
    }
}

/// The fields of the object at `pointer` (asked for as it opened).
#[component]
fn ObjectForm(pointer: String) -> AnyView {
    let cx = expect_context::<Cx>();
    let ptr = pointer.clone();
    let keys = Memo::new(move |_| {
        cx.objects.with(|o| {
            // One-input fields first, then the objects and lists of the object.
            o.get(&ptr).map(|o| {
                let (inline, parts): (Vec<&FormField>, Vec<&FormField>) =
                    o.fields.iter().partition(|f| is_inline(f.kind));
                inline
                    .into_iter()
                    .chain(parts)
                    .map(|f| f.key.clone())
                    .collect::<Vec<_>>()
            })
        })
    });
    let object = pointer.clone();
    let at = pointer.clone();
    let unknown = pointer.clone();
    view! {
        <div class="fm-object" data-object=at>
            <ObjectProblems pointer=pointer/>
            {move || keys.with(Option::is_none).then(|| view! { <p class="fm-help">"Reading…"</p> })}
            <div class="fm-grid">
                <For each=move || keys.get().unwrap_or_default() key=|k| k.clone() let:key>
                    <FieldView object=object.clone() key=key/>
                </For>
            </div>
            <Unknown pointer=unknown/>
        </div>
    }
    .into_any()
}

/// The problems about an object as a whole (a required key missing).
#[component]
fn ObjectProblems(pointer: String) -> impl IntoView {
    let cx = expect_context::<Cx>();
    let list = Memo::new(move |_| {
        cx.problems
            .with(|p| p.get(&pointer).cloned().unwrap_or_default())
    });
    view! { <ProblemList list=list/> }
}

#[component]
fn ProblemList(list: Memo<Vec<(&'static str, String)>>) -> impl IntoView {
    view! {
        {move || list.with(|l| (!l.is_empty()).then(|| view! {
            <ul class="fm-problems">
                {l.iter().map(|(severity, msg)| view! {
                    <li class=*severity>{msg.clone()}</li>
                }).collect_view()}
            </ul>
        }))}
    }
}

/// Keys the object holds that the standard doesn't define: shown, edited in the YAML.
#[component]
fn Unknown(pointer: String) -> impl IntoView {
    let cx = expect_context::<Cx>();
    let ptr = pointer.clone();
    let keys = Memo::new(move |_| {
        cx.objects
            .with(|o| o.get(&ptr).map(|o| o.unknown.clone()).unwrap_or_default())
    });
    view! {
        {move || keys.with(|k| (!k.is_empty()).then(|| {
            let list = k.join(", ");
            let at = pointer.clone();
            view! {
                <p class="fm-help fm-unknown">"Also written here, outside the standard: " <code>{list}</code> " "
                    <button class="link" on:click=move |_| cx.on_yaml.run(at.clone())>"Edit in YAML"</button>
                </p>
            }
        }))}
    }
}

/// One field of the object at `object`.
#[component]
fn FieldView(object: String, key: String) -> impl IntoView {
    let cx = expect_context::<Cx>();
    let pointer = charter_core::validate::child(&object, &key);
    let k = key.clone();
    let field = Memo::new(move |_| {
        cx.objects.with(|o| {
            o.get(&object)
                .and_then(|o| o.fields.iter().find(|f| f.key == k))
                .cloned()
                .unwrap_or_default()
        })
    });
    let kind = Memo::new(move |_| field.with(|f| f.kind));
    let ptr = pointer.clone();
    let problems = Memo::new(move |_| {
        cx.problems
            .with(|p| p.get(&ptr).cloned().unwrap_or_default())
    });
    let label = human(&key);
    move || {
        let pointer = pointer.clone();
        let label = label.clone();
        match kind.get() {
            Kind::Object => view! { <ObjectField field=field pointer=pointer label=label/> }.into_any(),
            Kind::Objects => view! { <ObjectsField field=field pointer=pointer label=label problems=problems/> }.into_any(),
            kind => view! { <InputField field=field kind=kind pointer=pointer label=label problems=problems/> }.into_any(),
        }
    }
}

/// A field that is one input (or a list of single values).
#[component]
fn InputField(
    field: Memo<FormField>,
    kind: Kind,
    pointer: String,
    label: String,
    problems: Memo<Vec<(&'static str, String)>>,
) -> impl IntoView {
    let cx = expect_context::<Cx>();
    let required = move || field.with(|f| f.required);
    let doc = move || field.with(|f| f.doc.clone());
    let value = move || field.with(|f| f.value.clone());
    let set = {
        let at = pointer.clone();
        move |v: Value| cx.on_edit.run(("set", at.clone(), v))
    };
    let text_value = |v: String, kind: Kind| charter_core::form::typed_value(kind, &v);
    let wide = matches!(kind, Kind::LongText | Kind::Values | Kind::Other);
    let list_id = format!("dl{pointer}");
    let input = match kind {
        Kind::Bool => {
            let set = set.clone();
            view! {
                <input type="checkbox" role="switch" class="fm-switch" data-pointer=pointer.clone() aria-label=label.clone()
                    prop:checked=move || field.with(|f| f.value == "true")
                    on:change=move |ev| set(json!(event_target_checked(&ev)))/>
            }
            .into_any()
        }
        Kind::Select => {
            let set = set.clone();
            view! {
                <select class="fm-input" data-pointer=pointer.clone() aria-label=label.clone() on:change=move |ev| {
                    let v = event_target_value(&ev);
                    set(if v.is_empty() { Value::Null } else { json!(v) });
                }>
                    {move || field.with(|f| {
                        let mut options = f.options.clone();
                        if !f.value.is_empty() && !options.contains(&f.value) {
                            options.insert(0, f.value.clone());
                        }
                        let none = f.value.is_empty();
                        let mut out = vec![view! { <option value="" selected=none>"—"</option> }.into_any()];
                        out.extend(options.into_iter().map(|o| {
                            let selected = o == f.value;
                            view! { <option value=o.clone() selected=selected>{o.clone()}</option> }.into_any()
                        }));
                        out
                    })}
                </select>
            }
            .into_any()
        }
        Kind::LongText => {
            let set = set.clone();
            view! {
                <textarea class="fm-input" rows="2" data-pointer=pointer.clone() aria-label=label.clone() prop:value=value spellcheck="true"
                    on:change=move |ev| { if let Some(v) = text_value(event_target_value(&ev), Kind::LongText) { set(v) } }></textarea>
            }
            .into_any()
        }
        Kind::Values => {
            view! { <Values field=field pointer=pointer.clone() label=label.clone()/> }.into_any()
        }
        Kind::Other => {
            let at = pointer.clone();
            view! {
                <p class="fm-other" data-pointer=pointer.clone()>
                    {move || field.with(|f| if f.value.is_empty() { "Written in a form this view doesn't edit.".to_string() } else { f.value.clone() })}
                    " "
                    <button class="link" on:click=move |_| cx.on_yaml.run(at.clone())>"Edit in YAML"</button>
                </p>
            }
            .into_any()
        }
        kind => {
            let set = set.clone();
            let (ty, step, mode) = match kind {
                Kind::Integer => ("number", "1", "numeric"),
                Kind::Number => ("number", "any", "decimal"),
                Kind::Uri => ("text", "", "url"),
                _ => ("text", "", "text"),
            };
            // A date field takes the browser's date picker while its value is a date.
            let ty = move || {
                if kind == Kind::Date
                    && field.with(|f| f.value.is_empty() || Fmt::Date.matches(&f.value))
                {
                    "date"
                } else {
                    ty
                }
            };
            // A port's `contractId` offers the workspace's contracts and opens the one named.
            let contract_link = field.with_untracked(|f| f.key == "contractId");
            let options = move || {
                let mut o = field.with(|f| f.options.clone());
                if contract_link {
                    cx.contracts
                        .with(|c| o.extend(c.iter().map(|(id, _)| id.clone())));
                }
                o
            };
            let has_list = move || !options().is_empty();
            let list = list_id.clone();
            let linked = move || {
                let v = field.with(|f| f.value.clone());
                cx.contracts
                    .with(|c| c.iter().find(|(id, _)| *id == v).map(|(_, doc)| *doc))
            };
            view! {
                <input class="fm-input" type=ty step=(!step.is_empty()).then_some(step) inputmode=mode data-pointer=pointer.clone() aria-label=label.clone()
                    prop:value=value spellcheck="false" list=move || has_list().then(|| list.clone())
                    on:change=move |ev| { if let Some(v) = text_value(event_target_value(&ev), kind) { set(v) } }/>
                {move || has_list().then(|| view! {
                    <datalist id=list_id.clone()>
                        {options().into_iter().map(|o| view! { <option value=o.clone()></option> }).collect_view()}
                    </datalist>
                })}
                {move || (contract_link).then(linked).flatten().map(|doc| view! {
                    <button class="link fm-open" title="Show this contract (it is open in another tab)" on:click=move |_| cx.on_open_doc.run(doc)>"Open contract →"</button>
                })}
            }
            .into_any()
        }
    };
    let key_title = field.with_untracked(|f| f.key.clone());
    view! {
        <div class="fm-field" class:fm-wide=wide class:fm-bool=kind == Kind::Bool>
            <label class="fm-label" title=key_title>
                <span>{label.clone()}</span>
                {move || required().then(|| view! { <span class="fm-req" title="Required">"*"</span> })}
                {move || field.with(|f| f.deprecated.clone()).map(|d| view! { <span class="fm-deprecated" title=d>"deprecated"</span> })}
            </label>
            {input}
            <p class="fm-help">{doc}</p>
            <ProblemList list=problems/>
        </div>
    }
}

/// A list of single values (tags) as chips; Enter in the box adds one.
#[component]
fn Values(field: Memo<FormField>, pointer: String, label: String) -> impl IntoView {
    let cx = expect_context::<Cx>();
    let items = move || {
        field.with(|f| {
            f.items
                .iter()
                .map(|i| (i.pointer.clone(), i.label.clone()))
                .collect::<Vec<_>>()
        })
    };
    let add_at = pointer.clone();
    view! {
        <div class="fm-values" data-pointer=pointer>
            <For each=items key=|i| i.clone() let:item>
                <span class="chip">{item.1.clone()}
                    <button class="chip-x" aria-label=format!("Remove {}", item.1) title="Remove"
                        on:click=move |_| cx.on_edit.run(("remove", item.0.clone(), Value::Null))>"×"</button>
                </span>
            </For>
            <input class="fm-input fm-add-value" type="text" placeholder="Add… (Enter)" aria-label=format!("Add to {label}")
                on:keydown=move |ev: web_sys::KeyboardEvent| {
                    if ev.key() != "Enter" {
                        return;
                    }
                    ev.prevent_default();
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    let v = input.value();
                    if !v.trim().is_empty() {
                        cx.on_edit.run(("add", add_at.clone(), json!(v.trim())));
                        input.set_value("");
                    }
                }/>
        </div>
    }
}

/// Whether the object at `pointer` is open, and what opens or closes it.
fn disclosure(cx: Cx, pointer: &str) -> (Memo<bool>, impl Fn(web_sys::MouseEvent) + Clone) {
    let ptr = pointer.to_string();
    let opened = Memo::new(move |_| cx.open.with(|o| o.contains(&ptr)));
    let ptr = pointer.to_string();
    let toggle = move |_| {
        cx.open.update(|o| {
            if !o.remove(&ptr) {
                o.insert(ptr.clone());
            }
        })
    };
    (opened, toggle)
}

/// A mapping of its own (description, price, team): a disclosure with its fields.
#[component]
fn ObjectField(field: Memo<FormField>, pointer: String, label: String) -> impl IntoView {
    let cx = expect_context::<Cx>();
    let (opened, toggle) = disclosure(cx, &pointer);
    let doc = move || field.with(|f| f.doc.clone());
    let body = pointer.clone();
    view! {
        <div class="fm-group">
            <h3 class="fm-head">
                <button class="fm-toggle" data-pointer=pointer aria-expanded=move || opened.get().to_string() on:click=toggle>
                    <span class="fm-caret" aria-hidden="true">{move || if opened.get() { "▾" } else { "▸" }}</span>
                    {label}
                    {move || field.with(|f| f.required).then(|| view! { <span class="fm-req" title="Required">"*"</span> })}
                </button>
            </h3>
            <p class="fm-help">{doc}</p>
            {move || opened.get().then(|| view! { <ObjectForm pointer=body.clone()/> })}
        </div>
    }
}

/// A list of objects (servers, schema objects, properties, support channels...): each
/// item a disclosure with its fields, moved up or down, removed; "Add" appends one with
/// its required keys to fill and opens it.
#[component]
fn ObjectsField(
    field: Memo<FormField>,
    pointer: String,
    label: String,
    problems: Memo<Vec<(&'static str, String)>>,
) -> impl IntoView {
    let cx = expect_context::<Cx>();
    let items = Memo::new(move |_| {
        field.with(|f| {
            f.items
                .iter()
                .map(|i| i.pointer.clone())
                .collect::<Vec<_>>()
        })
    });
    let count = move || items.with(Vec::len);
    let item_name = move || field.with(|f| f.item_name.clone());
    let add = {
        let at = pointer.clone();
        move |_| {
            let Some(new) = field.with_untracked(|f| f.new_item.clone()) else {
                return;
            };
            let n = items.with_untracked(Vec::len);
            let item = format!("{at}/{n}");
            cx.open.update(|o| {
                o.insert(item.clone());
            });
            cx.focus.set(Some(format!("{item}/")));
            cx.on_edit.run(("add", at.clone(), new));
        }
    };
    let doc = move || field.with(|f| f.doc.clone());
    let entries = move || items.get().into_iter().enumerate().collect::<Vec<_>>();
    view! {
        <div class="fm-group fm-list" data-pointer=pointer.clone()>
            <div class="fm-list-head">
                <h3 class="fm-head">{label.clone()} " " <span class="pill">{count}</span>
                    {move || field.with(|f| f.required).then(|| view! { <span class="fm-req" title="Required">"*"</span> })}
                </h3>
                <button class="btn small fm-add" data-add=pointer.clone() on:click=add>{move || format!("+ Add {}", item_name())}</button>
            </div>
            <p class="fm-help">{doc}</p>
            <ProblemList list=problems/>
            <ol class="fm-items">
                <For each=entries key=|i| i.1.clone() let:item>
                    <ItemView field=field index=item.0 pointer=item.1 count=items/>
                </For>
            </ol>
        </div>
    }
}

#[component]
fn ItemView(
    field: Memo<FormField>,
    index: usize,
    pointer: String,
    count: Memo<Vec<String>>,
) -> impl IntoView {
    let cx = expect_context::<Cx>();
    let ptr = pointer.clone();
    let name = move || {
        field.with(|f| {
            f.items
                .iter()
                .find(|i| i.pointer == ptr)
                .map(|i| i.label.clone())
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| format!("{} {}", f.item_name, index + 1))
        })
    };
    let (opened, toggle) = disclosure(cx, &pointer);
    let at = pointer.clone();
    let move_to = move |to: usize| cx.on_edit.run(("move", at.clone(), json!(to)));
    let move_up = move_to.clone();
    let at = pointer.clone();
    let remove = move |_| cx.on_edit.run(("remove", at.clone(), Value::Null));
    let at_end = move || index + 1 >= count.with(Vec::len);
    let body = pointer.clone();
    view! {
        <li class="fm-item">
            <div class="fm-item-head">
                <button class="fm-toggle" data-pointer=pointer.clone() aria-expanded=move || opened.get().to_string() on:click=toggle>
                    <span class="fm-caret" aria-hidden="true">{move || if opened.get() { "▾" } else { "▸" }}</span>
                    {name.clone()}
                </button>
                <span class="fm-item-tools">
                    <button class="icon-btn" title="Move up" aria-label="Move up" disabled=move || index == 0 on:click=move |_| move_up(index.saturating_sub(1))>"↑"</button>
                    <button class="icon-btn" title="Move down" aria-label="Move down" disabled=at_end on:click=move |_| move_to(index + 1)>"↓"</button>
                    <button class="icon-btn fm-remove" title="Remove (Ctrl+Z brings it back)" aria-label=move || format!("Remove {}", name()) on:click=remove>"×"</button>
                </span>
            </div>
            {move || opened.get().then(|| view! { <ObjectForm pointer=body.clone()/> })}
        </li>
    }
}

/// Focus the input of the Form view that shows the value at `path` (a pointer; one
/// ending in `/` means the first input of the object before it), or the nearest shown
/// element of an object holding it. False when the form shows nothing of it.
pub fn focus_field(path: &str) -> bool {
    let Some(view) = document().get_element_by_id("form-view") else {
        return false;
    };
    let find = |sel: String| view.query_selector(&sel).ok().flatten();
    let target = if let Some(object) = path.strip_suffix('/') {
        find(format!(
            "[data-object=\"{}\"] [data-pointer]",
            object.replace('"', "")
        ))
    } else {
        let mut prefix = path;
        loop {
            if let Some(el) = find(format!("[data-pointer=\"{}\"]", prefix.replace('"', ""))) {
                break Some(el);
            }
            match prefix.rfind('/') {
                Some(i) if i > 0 => prefix = &prefix[..i],
                _ => break None,
            }
        }
    };
    let Some(el) = target else {
        return false;
    };
    // A chip list focuses its box.
    let el = el
        .query_selector("input")
        .ok()
        .flatten()
        .filter(|_| el.tag_name() == "DIV")
        .unwrap_or(el);
    let el = el.unchecked_into::<web_sys::HtmlElement>();
    el.scroll_into_view_with_bool(false);
    let _ = el.focus();
    true
}

/// Open every object on the way to `path` and focus it once a check shows it.
pub fn reveal(open: RwSignal<BTreeSet<String>>, focus: RwSignal<Option<String>>, path: &str) {
    open.update(|o| {
        let mut at = 0;
        while let Some(i) = path[at + 1..].find('/') {
            at += i + 1;
            o.insert(path[..at].to_string());
        }
        o.insert(path.to_string());
    });
    focus.set(Some(path.to_string()));
}

/// A key as a label: `priceAmount` → "Price amount", `apiVersion` → "API version".
pub fn human(key: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in key.chars() {
        if (c.is_ascii_uppercase() || c == '_' || c == '-') && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if c != '_' && c != '-' {
            word.push(c.to_ascii_lowercase());
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    let words: Vec<String> = words
        .into_iter()
        .map(|w| match w.as_str() {
            "api" | "id" | "url" | "sla" | "iam" | "sql" | "uri" | "ts" => w.to_ascii_uppercase(),
            _ => w,
        })
        .collect();
    let mut out = words.join(" ");
    if let Some(first) = out.get(..1) {
        out = first.to_ascii_uppercase() + &out[1..];
    }
    out
}

//! The tabs of the views of one document (YAML, Form, Schema, Diagram, Mesh, Preview): a click
//! or the arrow keys switch.

use crate::focus_id;
use crate::state::ViewMode;
use leptos::prelude::*;

#[component]
pub(crate) fn ViewTabs(view_mode: RwSignal<ViewMode>, on_set: Callback<ViewMode>) -> impl IntoView {
    view! {
                        <div class="view-tabs" role="tablist" aria-label="View" on:keydown=move |ev: web_sys::KeyboardEvent| {
            // Left and right go through the views, as in any tab list.
            let order = [ViewMode::Yaml, ViewMode::Form, ViewMode::Schema, ViewMode::Diagram, ViewMode::Mesh, ViewMode::Preview];
            let at = order.iter().position(|v| *v == view_mode.get_untracked()).unwrap_or(0);
            let to = match ev.key().as_str() {
                "ArrowRight" => (at + 1) % order.len(),
                "ArrowLeft" => (at + order.len() - 1) % order.len(),
                _ => return,
            };
            ev.prevent_default();
            on_set.run(order[to]);
            focus_id(["view-yaml", "view-form", "view-schema", "view-diagram", "view-mesh", "view-preview"][to]);
        }>
            <button class="view-tab" id="view-yaml" role="tab" aria-selected=move || (view_mode.get() == ViewMode::Yaml).to_string()
                title="The YAML text (Ctrl+Shift+V switches)" on:click=move |_| on_set.run(ViewMode::Yaml)>"YAML"</button>
            <button class="view-tab" id="view-form" role="tab" aria-selected=move || (view_mode.get() == ViewMode::Form).to_string()
                title="Every field of the standard as a form" on:click=move |_| on_set.run(ViewMode::Form)>"Form"</button>
            <button class="view-tab" id="view-schema" role="tab" aria-selected=move || (view_mode.get() == ViewMode::Schema).to_string()
                title="Every table's columns in a grid, edited in place" on:click=move |_| on_set.run(ViewMode::Schema)>"Schema"</button>
            <button class="view-tab" id="view-diagram" role="tab" aria-selected=move || (view_mode.get() == ViewMode::Diagram).to_string()
                title="The tables and their relationships" on:click=move |_| on_set.run(ViewMode::Diagram)>"Diagram"</button>
            <button class="view-tab" id="view-mesh" role="tab" aria-selected=move || (view_mode.get() == ViewMode::Mesh).to_string()
                title="The data products open here, their contracts and who reads what" on:click=move |_| on_set.run(ViewMode::Mesh)>"Mesh"</button>
            <button class="view-tab" id="view-preview" role="tab" aria-selected=move || (view_mode.get() == ViewMode::Preview).to_string()
                title="The page consumers read (Ctrl+Shift+V switches)" on:click=move |_| on_set.run(ViewMode::Preview)>"Preview"</button>
        </div>
    }
}

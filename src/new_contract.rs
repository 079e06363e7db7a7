//! "New contract": a dialog asking for the contract's name, domain, owning team and first
//! table. It only gathers the answers; the contract is written by the core
//! (`templates::new_contract`), so the CLI and the app make the same one.

use charter_core::templates::NewContract;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The dialog, shown modally while `open` is set (Escape or Cancel close it).
#[component]
pub fn NewContractDialog(open: RwSignal<bool>, on_create: Callback<NewContract>) -> impl IntoView {
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let (name, domain, team, table) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        if open.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
            // The first answer, ready to type.
            if let Some(i) = document().get_element_by_id("nc-name") {
                let _ = i.unchecked_into::<web_sys::HtmlElement>().focus();
            }
        } else if d.open() {
            d.close();
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // Closed first: closing gives focus back to what had it, and the new contract's
        // editor is to have it.
        if let Some(d) = dialog.get_untracked() {
            d.close();
        }
        on_create.run(NewContract {
            name: name.get_untracked(),
            domain: domain.get_untracked(),
            team: team.get_untracked(),
            table: table.get_untracked(),
        });
        for s in [name, domain, team, table] {
            s.set(String::new());
        }
        open.set(false);
    };
    let field = move |id: &'static str,
                      label: &'static str,
                      hint: &'static str,
                      placeholder: &'static str,
                      value: RwSignal<String>,
                      required: bool| {
        view! {
            <label class="form-field" for=id>
                <span class="form-label">{label}{required.then_some(view! { <span class="required" aria-hidden="true">" *"</span> })}</span>
                <input type="text" id=id placeholder=placeholder required=required autocomplete="off" spellcheck="false"
                    bind:value=value/>
                <span class="form-hint">{hint}</span>
            </label>
        }
    };
    view! {
        <dialog class="modal" id="new-contract-dialog" aria-labelledby="new-contract-title" node_ref=dialog
            on:close=move |_| open.set(false)>
            <form on:submit=submit>
                <h2 id="new-contract-title">"New data contract"</h2>
                <p class="modal-lead">"Four answers make a valid ODCS v3.2.0 contract to build on. Everything can be changed afterwards."</p>
                {field("nc-name", "Contract name", "What consumers call this data, often with its major version.", "orders.events.v1", name, true)}
                {field("nc-domain", "Domain", "The business domain that owns the data.", "orders", domain, false)}
                {field("nc-team", "Owning team", "A team rather than one person, so ownership survives people moving on.", "orders-team", team, false)}
                {field("nc-table", "First table", "You add its columns next; more tables later.", "orders", table, true)}
                <div class="modal-actions">
                    <button type="button" class="btn" id="nc-cancel" on:click=move |_| open.set(false)>"Cancel"</button>
                    <button type="submit" class="btn primary" id="nc-create">"Create contract"</button>
                </div>
            </form>
        </dialog>
    }
}

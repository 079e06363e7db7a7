//! The import worker: `{name, text}` in, `{json}` out (an [`charter_worker::Answer::Export`]
//! with the contract `charter import` writes, or why there is none); `{crashed}` if the
//! import panicked, `{ready: true}` once it listens. Started by the page on the first file
//! to import (js/importer.js), so its wasm (the SQL parser) stays off the start-up path.

#[cfg(target_arch = "wasm32")]
mod worker {
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    fn post(key: &str, value: JsValue) {
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &JsValue::from_str(key), &value);
        let _ = scope().post_message(&message);
    }

    pub fn run() {
        std::panic::set_hook(Box::new(|info| {
            post("crashed", charter_worker::panic_message(info).into());
        }));
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let data = e.data();
            let get = |k: &str| {
                js_sys::Reflect::get(&data, &JsValue::from_str(k))
                    .ok()
                    .and_then(|v| v.as_string())
                    .unwrap_or_default()
            };
            let answer = charter_worker::import_answer(&get("name"), &get("text"));
            post("json", answer.into());
        });
        scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        post("ready", JsValue::TRUE);
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::run();
}

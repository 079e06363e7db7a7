//! The Web Worker: answers the page's requests with [`charter_worker::Session`].
//!
//! Messages in: `{request, texts}` (the request's JSON and the texts it names). Messages
//! out: `{json, marks}` for answers, `{resend: true}` when a check's edits change a text
//! the worker doesn't hold (the page sends the text), `{progress}` while a long check runs, `{crashed}` when a check panicked (the
//! worker is then dead; the page starts another one and opens the document in safe mode),
//! and `{ready: true}` once it listens.

#[cfg(target_arch = "wasm32")]
mod worker {
    use charter_worker::{Outgoing, Session};
    use std::cell::RefCell;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    fn scope() -> DedicatedWorkerGlobalScope {
        js_sys::global().unchecked_into()
    }

    fn post(fields: &[(&str, JsValue)]) {
        let message = js_sys::Object::new();
        for (k, v) in fields {
            let _ = js_sys::Reflect::set(&message, &JsValue::from_str(k), v);
        }
        let _ = scope().post_message(&message);
    }

    fn post_answer(out: Outgoing) {
        if out.resend {
            post(&[("resend", JsValue::TRUE)]);
            return;
        }
        let marks = out.marks.map(JsValue::from).unwrap_or(JsValue::NULL);
        post(&[("json", out.json.into()), ("marks", marks)]);
    }

    pub fn run() {
        std::panic::set_hook(Box::new(|info| {
            post(&[("crashed", charter_worker::panic_message(info).into())]);
        }));
        let session = RefCell::new(Session::new());
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let data = e.data();
            let get = |k: &str| js_sys::Reflect::get(&data, &JsValue::from_str(k)).ok();
            let request = get("request")
                .and_then(|r| r.as_string())
                .unwrap_or_default();
            let texts: Vec<String> = get("texts")
                .map(|t| {
                    js_sys::Array::from(&t)
                        .iter()
                        .map(|v| v.as_string().unwrap_or_default())
                        .collect()
                })
                .unwrap_or_default();
            let mut progress = |out: Outgoing| post(&[("progress", out.json.into())]);
            let mut session = session.borrow_mut();
            match session.handle(&request, &texts, &mut progress) {
                Ok(out) => post_answer(out),
                Err(message) => post(&[("failed", message.into())]),
            }
            session.after_answer();
        });
        scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        post(&[("ready", JsValue::TRUE)]);
    }
}

fn main() {
    #[cfg(target_arch = "wasm32")]
    worker::run();
}

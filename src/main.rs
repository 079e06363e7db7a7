fn main() {
    // A panic leaves the app's state untrustworthy: log it, and tell the user the way out
    // (their text is saved; a reload opens the document being checked in safe mode).
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let message = match info.payload().downcast_ref::<&str>() {
            Some(s) => s.to_string(),
            None => info
                .payload()
                .downcast_ref::<String>()
                .cloned()
                .unwrap_or_else(|| "an unexpected failure".into()),
        };
        charter_app::report_crash(&message);
    }));
    wasm_bindgen_futures::spawn_local(charter_app::start());
}

//! Native timing of check requests through the worker's session, a keystroke each (what
//! the browser runs per keystroke, without wasm): `cargo run --release -p charter-worker --example
//! handle_timing -- [tables] [columns]`.
fn main() {
    let mut args = std::env::args()
        .skip(1)
        .map(|a| a.parse::<usize>().unwrap_or(10));
    let (tables, columns) = (args.next().unwrap_or(10), args.next().unwrap_or(20));
    let text = charter_core::gen::contract(tables, columns);
    let mut s = charter_worker::Session::new();
    let req = r#"{"kind":"check","seq":1,"id":1,"order":[1],"name":null,"mode":"backward"}"#;
    // As in tests/e2e/timing.mjs: a typo after the first `logicalType: string` and its fix.
    let at = text.find("logicalType: string").unwrap_or(0) + "logicalType: string".len();
    let typo = format!("{}x{}", &text[..at], &text[at..]);
    let texts = [vec![text], vec![typo]];
    let mut times = Vec::new();
    for i in 0..30 {
        let t = std::time::Instant::now();
        let out = s.handle(req, &texts[i % 2], &mut |_| {}).expect("answered");
        std::hint::black_box(out);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "{tables}x{columns} ({} bytes): check request median {:.2} ms",
        texts[0][0].len(),
        times[times.len() / 2]
    );
}

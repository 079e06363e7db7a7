//! Times the raw saphyr-parser event stream against Charter's tree builder.
fn main() {
    let text = charter_core::gen::contract(10, 20);
    let t = std::time::Instant::now();
    for _ in 0..50 {
        let mut p = saphyr_parser::Parser::new_from_str(&text);
        let mut n = 0;
        while let Some(Ok(_)) = p.next_event() {
            n += 1;
        }
        std::hint::black_box(n);
    }
    println!("events only: {:?}/iter", t.elapsed() / 50);
    let t = std::time::Instant::now();
    for _ in 0..50 {
        std::hint::black_box(charter_core::yaml::parse(&text));
    }
    println!("tree: {:?}/iter", t.elapsed() / 50);
}

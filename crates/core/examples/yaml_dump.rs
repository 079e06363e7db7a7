//! Print what Charter's YAML layer reads from a file: the syntax tree, the problems and
//! the data as JSON (`STATS=1`: the tree's size only; `LOOP=n`: parse n times and print
//! nothing, for a profiler).
//! `cargo run -p charter-core --example yaml_dump -- FILE`
fn main() {
    let path = std::env::args().nth(1).expect("usage: yaml_dump FILE");
    let text = std::fs::read_to_string(&path).expect("a readable UTF-8 file");
    if let Some(n) = std::env::var("LOOP")
        .ok()
        .and_then(|n| n.parse::<usize>().ok())
    {
        for _ in 0..n {
            std::hint::black_box(charter_core::yaml::parse(std::hint::black_box(&text)));
        }
        return;
    }
    let doc = charter_core::yaml::parse(&text);
    let tree = &doc.tree;
    if std::env::var("STATS").is_ok() {
        println!(
            "{} bytes, {} tokens ({} capacity), {} nodes ({} capacity)",
            text.len(),
            tree.tokens.len(),
            tree.tokens.capacity(),
            tree.nodes.len(),
            tree.nodes.capacity()
        );
        return;
    }
    let mut stack: Vec<usize> = Vec::new();
    for (i, n) in tree.nodes.iter().enumerate() {
        while stack
            .last()
            .is_some_and(|&p| tree.nodes[p].end as usize <= i)
        {
            stack.pop();
        }
        let r = tree.range(i);
        println!(
            "{}{:?} {:?} {:?}",
            "  ".repeat(stack.len()),
            n.kind,
            r,
            &text[r.clone()].chars().take(40).collect::<String>()
        );
        stack.push(i);
    }
    for e in &doc.errors {
        println!(
            "{:?} {}:{} {}",
            e.kind, e.span.start.line, e.span.start.col, e.message
        );
    }
    let json = doc.root.as_ref().map(|r| r.to_json());
    println!("{}", serde_json::to_string(&json).unwrap());
    for m in &doc.more {
        println!(
            "{}",
            serde_json::to_string(&m.as_ref().map(|r| r.to_json())).unwrap()
        );
    }
}

use super::*;

fn round_trip(text: &str) -> Tree {
    let t = parse(text);
    assert_eq!(t.print(text), text);
    // Tokens are contiguous and cover the text.
    if let Some(first) = t.tokens.first() {
        assert_eq!(first.start, 0);
    }
    for w in t.tokens.windows(2) {
        assert!(w[0].start < w[1].start, "{:?}", w);
    }
    t
}

fn kinds(t: &Tree) -> Vec<Kind> {
    t.nodes.iter().map(|n| n.kind).collect()
}

#[test]
fn a_mapping_with_comments_round_trips() {
    let text = "# head\napiVersion: v3.1.0   # the version\nkind: DataContract\n\nschema:\n  - name: orders\n    properties:\n      - name: id\n        required: true\n";
    let t = round_trip(text);
    assert!(t.errors.is_empty(), "{:?}", t.errors);
    let k = kinds(&t);
    assert_eq!(k[0], Kind::Stream);
    assert_eq!(k[1], Kind::Document);
    assert_eq!(k[2], Kind::BlockMap);
    assert!(k.contains(&Kind::BlockSeq));
}

#[test]
fn a_broken_line_is_one_error_and_the_rest_is_read() {
    let text = "a: 1\nb: \"unclosed\nc: 3\nd: [1, 2\ne: 5\n";
    let t = round_trip(text);
    assert_eq!(t.errors.len(), 2, "{:?}", t.errors);
    let map = t.children(1).next().unwrap();
    assert_eq!(t.kind(map), Kind::BlockMap);
    assert_eq!(t.children(map).count(), 5);
}

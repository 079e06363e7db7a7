//! The checking worker's session, natively: it answers what the page asks with exactly
//! what the core says, and a request it can't read is an error, never a panic.

use charter_core::{check, templates, workspace};
use charter_worker::{read_answer, Answer, Outgoing, Session, PANEL_LIMIT, PROGRESS_ABOVE_BYTES};
use serde_json::json;

fn ask(
    s: &mut Session,
    request: serde_json::Value,
    texts: &[&str],
) -> (Answer, Option<String>, Vec<Answer>) {
    let texts: Vec<String> = texts.iter().map(|t| t.to_string()).collect();
    let mut progress = Vec::new();
    let out = s
        .handle(&request.to_string(), &texts, &mut |o: Outgoing| {
            progress.push(read_answer(&o.json).unwrap())
        })
        .unwrap();
    (read_answer(&out.json).unwrap(), out.marks, progress)
}

fn checked(a: Answer) -> charter_worker::Checked {
    match a {
        Answer::Checked(c) => *c,
        other => panic!("not a check: {other:?}"),
    }
}

fn check_request(id: u32, order: &[u32]) -> serde_json::Value {
    json!({"kind": "check", "seq": 1, "id": id, "order": order, "name": null, "mode": "backward"})
}

#[test]
fn a_check_answers_what_the_core_says() {
    let text = templates::ORDERS_EXAMPLE
        .text
        .replace("logicalType: string", "logicalType: strin");
    let mut s = Session::new();
    let (a, marks, _) = ask(&mut s, check_request(7, &[7]), &[&text]);
    let c = checked(a);
    let expected = check(&text);
    assert_eq!(c.id, 7);
    assert_eq!(c.report.diagnostics, expected.diagnostics);
    assert_eq!(c.report.standard, expected.standard);
    assert_eq!(
        (c.errors, c.warnings, c.total),
        (
            expected.errors(),
            expected.warnings(),
            expected.diagnostics.len()
        )
    );
    assert!(c.errors > 0);
    assert_eq!(
        c.file_name,
        templates::suggested_file_name(charter_core::yaml::parse(&text).root.as_ref())
    );
    let marks: Vec<serde_json::Value> = serde_json::from_str(&marks.unwrap()).unwrap();
    assert_eq!(marks.len(), c.total);
    assert_eq!(marks[0]["code"], c.report.diagnostics[0].code.id);
    assert!(c.review.is_none(), "no base, no review");
}

#[test]
fn offsets_are_utf16_and_the_panel_gets_at_most_its_limit() {
    // 600 unknown keys after a line of non-ASCII text.
    let mut text = String::from("# Ünïcödé 😀\n");
    for i in 0..600 {
        text.push_str(&format!("k{i}: 1\n"));
    }
    let mut s = Session::new();
    let (a, marks, _) = ask(&mut s, check_request(1, &[1]), &[&text]);
    let c = checked(a);
    assert!(c.total > PANEL_LIMIT);
    assert_eq!(c.report.diagnostics.len(), PANEL_LIMIT);
    assert_eq!(c.starts.len(), PANEL_LIMIT);
    let marks: Vec<serde_json::Value> = serde_json::from_str(&marks.unwrap()).unwrap();
    assert_eq!(marks.len(), c.total, "the editor marks every diagnostic");
    // Each start is the UTF-16 offset of the diagnostic's byte offset.
    for (d, start) in c.report.diagnostics.iter().zip(&c.starts) {
        let before = &text[..d.span.start.at()];
        assert_eq!(*start as usize, before.encode_utf16().count());
    }
    assert!(c.starts.iter().any(|s| *s > 20), "{:?}", &c.starts[..3]);
}

#[test]
fn the_workspace_gives_the_tabs_and_its_policy_applies_to_a_check() {
    let contract = templates::ORDERS_EXAMPLE.text;
    let policy =
        "kind: CharterPolicy\napiVersion: charter/v1\nrules:\n  naming-convention:\n    level: error\n    properties: camelCase\n";
    let mut s = Session::new();
    let docs = json!([{"id": 1, "name": null}, {"id": 2, "name": "policy.yaml"}, {"id": 3, "name": null, "skip": true}]);
    let (a, _, progress) = ask(
        &mut s,
        json!({"kind": "workspace", "seq": 2, "docs": docs}),
        &[contract, policy],
    );
    let Answer::Workspace { docs, .. } = a else {
        panic!("not a workspace answer")
    };
    let all = workspace::check_all(&[contract, policy, ""]);
    assert_eq!(docs.len(), 3);
    for (d, (_, summary)) in docs.iter().zip(&all) {
        assert_eq!(
            (d.errors, d.warnings, &d.kind),
            (summary.errors, summary.warnings, &summary.kind)
        );
    }
    assert_eq!(docs[1].file_name, "policy.yaml");
    assert_eq!(
        docs[2].file_name, "document.yaml",
        "a skipped document is not read"
    );
    // Progress names each document before it is read (to blame one for a crash).
    let ids: Vec<u32> = progress
        .iter()
        .map(|p| match p {
            Answer::Progress { id, .. } => *id,
            _ => 0,
        })
        .collect();
    assert_eq!(ids, [1, 2, 3, 1, 2, 3]);
    // The check of document 1 uses the policy of document 2, as the workspace does.
    let (a, _, _) = ask(&mut s, check_request(1, &[1, 2, 3]), &[contract]);
    let c = checked(a);
    let others: Vec<_> = all[1..].iter().map(|(_, s)| s).collect();
    assert_eq!(
        c.report.diagnostics,
        workspace::check(contract, &others).diagnostics
    );
    assert_eq!(c.errors, all[0].0.errors());
    assert!(
        c.errors > check(contract).errors(),
        "the policy raised a rule to an error"
    );
}

#[test]
fn a_base_gives_a_review_and_no_base_none() {
    let base = templates::ORDERS_EXAMPLE.text;
    let draft = base.replacen("required: true", "required: false", 1);
    let mut s = Session::new();
    ask(&mut s, json!({"kind": "base", "seq": 1}), &[base]);
    let c = checked(ask(&mut s, check_request(1, &[1]), &[&draft]).0);
    let view = c.review.expect("a review").expect("comparable");
    let review = &view.report;
    let expected = charter_core::diff::compare(
        charter_core::yaml::parse(base).root.as_ref().unwrap(),
        charter_core::yaml::parse(&draft).root.as_ref().unwrap(),
        charter_core::diff::Mode::Backward,
    )
    .unwrap();
    assert!(!review.findings.is_empty());
    assert_eq!(review.findings.len(), expected.findings.len());
    assert_eq!(review.findings[0].rule, expected.findings[0].rule);
    assert_eq!(review.findings[0].group(), expected.findings[0].group());
    assert_eq!(
        review.findings[0].new_line(),
        expected.findings[0].new_line()
    );
    assert_eq!(review.required_bump, expected.required_bump);
    assert_eq!(
        (view.total, view.breaking),
        (
            expected.findings.len(),
            expected.count(charter_core::diff::rules::Impact::Breaking)
        )
    );
    assert_eq!(
        (view.verdict.as_str(), view.headline.clone()),
        (expected.verdict(), expected.headline())
    );
    // The exports are made here, from the whole review.
    let (a, _, _) = ask(
        &mut s,
        json!({"kind": "export", "seq": 3, "format": "markdown"}),
        &[],
    );
    let Answer::Export {
        file: Ok((name, text)),
        ..
    } = a
    else {
        panic!("no export: {a:?}")
    };
    assert_eq!(
        (name.as_str(), text),
        ("review.md", charter_core::diff::render::markdown(&expected))
    );
    let (a, _, _) = ask(
        &mut s,
        json!({"kind": "export", "seq": 4, "format": "pdf"}),
        &[],
    );
    assert!(matches!(a, Answer::Export { file: Err(_), .. }));
    // YAML that can't be read whole: the review of the last readable draft stays, and
    // says so.
    let c = checked(ask(&mut s, check_request(1, &[1]), &["a: [1"]).0);
    let v = c.review.unwrap().unwrap();
    assert!(v.stale.unwrap().contains("line 1"));
    assert_eq!(v.report.findings.len(), expected.findings.len());
    // No base.
    ask(&mut s, json!({"kind": "base", "seq": 2}), &[]);
    assert!(checked(ask(&mut s, check_request(1, &[1]), &[&draft]).0)
        .review
        .is_none());
    let (a, _, _) = ask(
        &mut s,
        json!({"kind": "export", "seq": 5, "format": "json"}),
        &[],
    );
    assert!(
        matches!(a, Answer::Export { file: Err(_), .. }),
        "no base, nothing to export"
    );
}

#[test]
fn a_huge_review_and_a_huge_report_send_only_what_is_shown() {
    let head = "apiVersion: v3.1.0\nkind: DataContract\nid: h\nversion: 1.0.0\nstatus: active\n";
    let mut draft = format!("{head}schema:\n");
    for i in 0..3000 {
        draft.push_str(&format!("  - name: t{i}\n    bogus{i}: 1\n"));
    }
    let mut s = Session::new();
    ask(&mut s, json!({"kind": "base", "seq": 1}), &[head]);
    let (a, marks, _) = ask(&mut s, check_request(1, &[1]), &[&draft]);
    let c = checked(a);
    let view = c.review.unwrap().unwrap();
    assert!(view.total >= 3000, "{}", view.total);
    assert_eq!(view.report.findings.len(), charter_worker::REVIEW_LIMIT);
    assert!(c.total >= 3000);
    let marks: Vec<serde_json::Value> = serde_json::from_str(&marks.unwrap()).unwrap();
    assert_eq!(marks.len(), charter_worker::MARK_LIMIT);
    // The export has every finding.
    let (a, _, _) = ask(
        &mut s,
        json!({"kind": "export", "seq": 2, "format": "json"}),
        &[],
    );
    let Answer::Export {
        file: Ok((_, text)),
        ..
    } = a
    else {
        panic!()
    };
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(json["findings"].as_array().unwrap().len(), view.total);
}

#[test]
fn big_documents_report_progress_small_ones_do_not() {
    let big = charter_core::gen::contract(40, 40);
    assert!(big.len() >= PROGRESS_ABOVE_BYTES, "{}", big.len());
    let mut s = Session::new();
    let (_, _, progress) = ask(&mut s, check_request(1, &[1]), &[&big]);
    let steps: Vec<f64> = progress
        .iter()
        .map(|p| match p {
            Answer::Progress { done, .. } => *done,
            _ => -1.0,
        })
        .collect();
    assert!(
        steps.len() >= 2 && steps.windows(2).all(|w| w[0] < w[1]),
        "{steps:?}"
    );
    let (_, _, progress) = ask(
        &mut s,
        check_request(1, &[1]),
        &[templates::ORDERS_EXAMPLE.text],
    );
    assert!(progress.is_empty());
}

#[test]
fn unreadable_requests_are_errors() {
    let mut s = Session::new();
    for bad in [
        "",
        "{",
        "[]",
        r#"{"kind":"nope"}"#,
        r#"{"kind":"check","seq":1}"#,
    ] {
        let err = s.handle(bad, &[], &mut |_| {}).unwrap_err();
        assert!(err.starts_with("unreadable request"), "{err}");
    }
    // A check with no text checks the empty document.
    let c = checked(ask(&mut s, check_request(1, &[1]), &[]).0);
    assert_eq!(c.report.diagnostics[0].code, "empty-document");
}

#[test]
fn completion_and_hover_answer_in_utf16_offsets() {
    // A non-ASCII line first, so byte and UTF-16 offsets differ.
    let text = "# Ünïcödé 😀\napiVersion: v3.2.0\nkind: DataContract\nsta";
    let pos = text.encode_utf16().count();
    let mut s = Session::new();
    let (a, marks, _) = ask(
        &mut s,
        json!({"kind": "complete", "seq": 1, "pos": pos}),
        &[text],
    );
    assert!(marks.is_none());
    let Answer::Completion { from, options, .. } = a else {
        panic!("not a completion: {a:?}")
    };
    let expected = charter_core::assist::complete(text, text.len());
    assert_eq!(from, pos - 3, "the typed prefix `sta` starts 3 units back");
    assert_eq!(options, expected.options);
    assert!(options.iter().any(|o| o.label == "status"));
    let key = text.find("kind").unwrap();
    let at = text[..key].encode_utf16().count();
    let (a, _, _) = ask(
        &mut s,
        json!({"kind": "hover", "seq": 2, "pos": at + 1}),
        &[text],
    );
    let Answer::Hover { hover: Some(h), .. } = a else {
        panic!("no hover: {a:?}")
    };
    assert_eq!((h.from, h.to, h.key.as_str()), (at, at + 4, "kind"));
    assert!(!h.doc.is_empty());
}

/// A check may carry the edits since the worker's last check instead of the text (UTF-16
/// ranges, as CodeMirror counts): the answer is that of the edited text; edits of a text
/// the worker doesn't hold (another document, an older check, a completion in between
/// that read another text) get `resend` and change nothing.
#[test]
fn a_check_of_edits_answers_for_the_edited_text() {
    let utf16 = |s: &str| s.encode_utf16().count();
    // Non-ASCII before the edits, so UTF-16 and byte offsets differ.
    let base = templates::ORDERS_EXAMPLE.text.replacen(
        "description:",
        "# Bestellungen – 注文 😀\ndescription:",
        1,
    );
    let mut s = Session::new();
    let mut request = check_request(7, &[7]);
    request["seq"] = json!(5);
    checked(ask(&mut s, request.clone(), &[&base]).0);

    // Two edits: a typo in a logicalType and a new comment line further down.
    let at = base.find("logicalType: string").unwrap() + "logicalType: strin".len();
    let at2 = base.rfind("\n").unwrap();
    let edited = format!(
        "{}x{}\n# ünd{}",
        &base[..at],
        &base[at + 1..at2],
        &base[at2..]
    );
    let ranges = json!([
        [utf16(&base[..at]), utf16(&base[..at + 1])],
        [utf16(&base[..at2]), utf16(&base[..at2])]
    ]);
    let mut request = check_request(7, &[7]);
    request["seq"] = json!(6);
    request["edits"] = json!({"base": 5, "ranges": ranges, "length": utf16(&edited)});
    let c = checked(ask(&mut s, request.clone(), &["x", "\n# ünd"]).0);
    let expected = check(&edited);
    assert_eq!(c.report.diagnostics, expected.diagnostics);
    assert!(c.errors > 0, "the typo is found");
    assert_eq!(c.bytes, edited.len());

    // Completion and hover may ask about the text of edits of that check too: the same
    // answers as with the text itself.
    let pos = utf16(&edited[..edited.find("  - name:").unwrap() + 4]);
    for kind in ["complete", "hover"] {
        let with_text = ask(
            &mut s,
            json!({"kind": kind, "seq": 7, "pos": pos}),
            &[&edited],
        )
        .0;
        let edits = json!({"id": 7, "base": 6, "ranges": [], "length": utf16(&edited)});
        let with_edits = ask(
            &mut s,
            json!({"kind": kind, "seq": 7, "pos": pos, "edits": edits}),
            &[],
        )
        .0;
        assert_eq!(format!("{with_text:?}"), format!("{with_edits:?}"));
        let stale = json!({"id": 7, "base": 5, "ranges": [], "length": utf16(&edited)});
        let r = json!({"kind": kind, "seq": 8, "pos": pos, "edits": stale});
        assert!(s.handle(&r.to_string(), &[], &mut |_| {}).unwrap().resend);
    }

    // The worker now holds check 6: edits of check 5 (or of another document, or with the
    // wrong length) are refused with `resend`, and the next edits of 6 still apply.
    let refused = |s: &mut Session, edits: serde_json::Value, id: u32| {
        let mut r = check_request(id, &[id]);
        r["seq"] = json!(9);
        r["edits"] = edits;
        let out = s
            .handle(&r.to_string(), &["y".to_string()], &mut |_| {})
            .unwrap();
        assert!(out.resend && out.marks.is_none());
    };
    let len = utf16(&edited);
    refused(
        &mut s,
        json!({"base": 5, "ranges": [[0, 0]], "length": len + 1}),
        7,
    );
    refused(
        &mut s,
        json!({"base": 6, "ranges": [[0, 0]], "length": len + 1}),
        8,
    );
    refused(
        &mut s,
        json!({"base": 6, "ranges": [[0, 0]], "length": len}),
        7,
    );
    // A range that splits a character (half of 😀's surrogate pair) is not this text.
    let inside = utf16(&edited[..edited.find('😀').unwrap()]) + 1;
    refused(
        &mut s,
        json!({"base": 6, "ranges": [[inside, inside]], "length": len + 1}),
        7,
    );
    // Completion on another text in between keeps the check's text.
    let (a, _, _) = ask(
        &mut s,
        json!({"kind": "complete", "seq": 10, "pos": 3}),
        &["kin"],
    );
    assert!(matches!(a, Answer::Completion { .. }));
    let fixed = format!("{}{}", &edited[..at], &edited[at + 1..]);
    let mut request = check_request(7, &[7]);
    request["seq"] = json!(11);
    request["edits"] = json!({"base": 6, "ranges": [[utf16(&edited[..at]), utf16(&edited[..at + 1])]], "length": utf16(&fixed)});
    let c = checked(ask(&mut s, request, &[""]).0);
    assert_eq!(c.report.diagnostics, check(&fixed).diagnostics);
}

/// The views' questions: the preview and the schema table come with a check only when
/// asked, and an edit answers the minimal changes (UTF-16 offsets) or why it can't.
#[test]
fn views_get_their_data_and_edits_their_changes() {
    let text = format!("# – 注文 😀\n{}", templates::ORDERS_EXAMPLE.text);
    let mut s = Session::new();
    let c = checked(ask(&mut s, check_request(1, &[1]), &[&text]).0);
    assert!(c.preview.is_none() && c.table.is_none() && c.form.is_none());
    // The form: the document's, then each object asked for; keys at UTF-16 offsets.
    let mut r = check_request(1, &[1]);
    r["form"] = json!(["/servers/0", "/nowhere"]);
    let forms = checked(ask(&mut s, r, &[&text]).0).form.unwrap();
    assert_eq!(forms.len(), 2);
    assert_eq!(forms[1].name, "server");
    let host = forms[1].fields.iter().find(|f| f.key == "host").unwrap();
    let at = text.find("host: kafka").unwrap();
    assert_eq!(host.at, Some(text[..at].encode_utf16().count() as u32));
    let mut r = check_request(1, &[1]);
    r["preview"] = json!(true);
    r["table"] = json!(true);
    let c = checked(ask(&mut s, r, &[&text]).0);
    assert!(c.preview.unwrap().contains("<h1>orders.events.v1</h1>"));
    let table = c.table.unwrap();
    let row = &table.objects[0].rows[0];
    assert_eq!(row.name, "event_id");

    // A description set to text YAML would misread, after non-ASCII text.
    let pointer = format!("{}/description", row.pointer);
    let edit = json!({"kind": "edit", "seq": 2, "pointer": pointer, "value": "yes: really"});
    let Answer::Edited { changes, error, .. } = ask(&mut s, edit, &[&text]).0 else {
        panic!("not an edit answer")
    };
    assert_eq!(error, None);
    assert_eq!(changes.len(), 1);
    // Apply the UTF-16 changes the way the editor does.
    let mut units: Vec<u16> = text.encode_utf16().collect();
    let ch = &changes[0];
    units.splice(ch.from..ch.to, ch.insert.encode_utf16());
    let edited = String::from_utf16(&units).unwrap();
    let root = charter_core::yaml::parse(&edited).root.unwrap();
    let (v, _) = charter_core::pointer::resolve(&root, &pointer).unwrap();
    assert_eq!(v.as_str(), Some("yes: really"));
    assert_eq!(edited.lines().count(), text.lines().count());

    let bad = json!({"kind": "edit", "seq": 3, "pointer": "/schema/9/name", "value": "x"});
    let Answer::Edited { changes, error, .. } = ask(&mut s, bad, &[&text]).0 else {
        panic!("not an edit answer")
    };
    assert!(changes.is_empty() && error.unwrap().contains("schema"));
}

/// A form edit asks with the edits since the last check (none here), not the text: the
/// worker edits the text it holds, also after a check that re-read it in place (which
/// keeps no syntax tree), and answers resend when it holds another text.
#[test]
fn an_edit_with_the_edits_since_the_last_check_needs_no_text() {
    let text = templates::ORDERS_EXAMPLE.text;
    let utf16 = |s: &str| s.encode_utf16().count();
    let mut s = Session::new();
    checked(ask(&mut s, check_request(3, &[3]), &[text]).0);
    // A keystroke in a column's description: checked from its edits (re-read in place).
    let at = text.find("Unique id of the event").unwrap();
    let typed = format!("{}X{}", &text[..at], &text[at..]);
    let mut r = check_request(3, &[3]);
    r["seq"] = json!(2);
    r["edits"] = json!({"base": 1, "ranges": [[utf16(&text[..at]), utf16(&text[..at])]], "length": utf16(&typed)});
    checked(ask(&mut s, r, &["X"]).0);
    let edit = |seq: u64, base: u64, length: usize| {
        json!({"kind": "edit", "seq": seq, "pointer": "/domain", "value": "sales",
               "edits": {"id": 3, "base": base, "ranges": [], "length": length}})
    };
    let Answer::Edited { changes, error, .. } = ask(&mut s, edit(3, 2, utf16(&typed)), &[]).0
    else {
        panic!("not an edit answer")
    };
    assert_eq!(error, None);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].insert, "sales");
    // Edits of another text than the worker's: asked again with the text.
    let stale = edit(4, 1, utf16(text)).to_string();
    assert!(s.handle(&stale, &[], &mut |_| {}).unwrap().resend);
}

/// While the form is shown, the worker reads the last text whole again once its answer is
/// out (for the next edit); checks after that still find what a whole check finds.
#[test]
fn checks_after_the_tree_is_read_again_are_the_same() {
    let text = templates::ORDERS_EXAMPLE.text;
    let utf16 = |s: &str| s.encode_utf16().count();
    let mut s = Session::new();
    let mut r = check_request(3, &[3]);
    r["form"] = json!([]);
    checked(ask(&mut s, r.clone(), &[text]).0);
    s.after_answer();
    let mut now = text.to_string();
    for (seq, typo) in [(2u64, "strin"), (3, "stri")] {
        let at = now.find("logicalType: string").unwrap() + "logicalType: ".len();
        let next = format!("{}{typo}{}", &now[..at], &now[at + "string".len()..]);
        let mut r = r.clone();
        r["seq"] = json!(seq);
        r["edits"] = json!({"base": seq - 1, "ranges": [[utf16(&now[..at]), utf16(&now[..at + 6])]], "length": utf16(&next)});
        let c = checked(ask(&mut s, r, &[typo]).0);
        assert_eq!(c.report.diagnostics, check(&next).diagnostics);
        s.after_answer();
        now = next;
    }
}

#[test]
fn imports_conversions_one_object_schemas_and_migrations_answer_what_the_core_writes() {
    let mut s = Session::new();
    // A JSON Schema, and a file of no known kind (the import worker's answers).
    let a = read_answer(&charter_worker::import_answer(
        "customer.schema.json",
        r#"{"title": "customer", "type": "object", "properties": {"id": {"type": "integer"}}}"#,
    ))
    .unwrap();
    let Answer::Export {
        file: Ok((name, yaml)),
        ..
    } = a
    else {
        panic!("{a:?}")
    };
    assert_eq!(name, "customer.odcs.yaml");
    assert!(check(&yaml).is_valid(), "{yaml}");
    let a = read_answer(&charter_worker::import_answer("a.txt", "hello")).unwrap();
    let Answer::Export { file: Err(why), .. } = a else {
        panic!("{a:?}")
    };
    assert!(why.contains("not a SQL script, a JSON Schema"), "{why}");

    // The document converted to another ODCS version: refused, then with what was removed.
    let v32 = "apiVersion: v3.2.0\nkind: DataContract\nid: shop\nname: shop\nversion: 1.0.0\nstatus: active\nschema:\n  - name: orders\n    properties:\n      - name: status\n        logicalType: string\n        enum:\n          - value: placed\n  - name: lines\n    properties:\n      - name: n\n        logicalType: integer\n";
    ask(&mut s, check_request(1, &[1]), &[v32]);
    let (a, _, _) = ask(
        &mut s,
        json!({"kind": "exportDoc", "seq": 3, "format": "odcs", "version": "v3.1.0"}),
        &[],
    );
    let Answer::Export {
        file: Err(why),
        notes,
        next,
        ..
    } = a
    else {
        panic!("{a:?}")
    };
    assert_eq!(why, "v3.1.0 can't express this:");
    assert!(
        notes[0].starts_with("line 12: `enum` was added"),
        "{notes:?}"
    );
    assert_eq!(
        next.as_deref(),
        Some("Tick “Remove what it can't express” to convert without them")
    );
    let (a, _, _) = ask(
        &mut s,
        json!({"kind": "exportDoc", "seq": 4, "format": "odcs", "version": "v3.1.0", "lossy": true}),
        &[],
    );
    let Answer::Export {
        file: Ok((_, text)),
        notes,
        ..
    } = a
    else {
        panic!("{a:?}")
    };
    assert_eq!(
        text,
        charter_core::convert::convert(v32, "v3.1.0", true)
            .unwrap()
            .text
    );
    assert_eq!(notes, ["Removed line 12: /schema/0/properties/0/enum"]);

    // One object's JSON Schema, and the objects offered.
    let (a, _, _) = ask(
        &mut s,
        json!({"kind": "exportDoc", "seq": 5, "format": "jsonschema", "object": "lines"}),
        &[],
    );
    let Answer::Export {
        file: Ok((name, _)),
        objects,
        ..
    } = a
    else {
        panic!("{a:?}")
    };
    assert_eq!(name, "shop-lines.schema.json");
    assert_eq!(objects, ["orders", "lines"]);

    // The migration from a base, in a dialect.
    let base = v32.replace("logicalType: integer", "logicalType: string");
    ask(&mut s, json!({"kind": "base", "seq": 6}), &[&base]);
    ask(&mut s, check_request(1, &[1]), &[v32]);
    let (a, _, _) = ask(
        &mut s,
        json!({"kind": "export", "seq": 7, "format": "migration", "dialect": "mysql"}),
        &[],
    );
    let Answer::Export {
        file: Ok((name, sql)),
        ..
    } = a
    else {
        panic!("{a:?}")
    };
    assert_eq!(name, "migration.mysql.sql");
    assert!(
        sql.contains("ALTER TABLE lines MODIFY COLUMN n bigint NULL;"),
        "{sql}"
    );
}

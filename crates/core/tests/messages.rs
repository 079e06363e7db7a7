//! Each friendly message: the code, the position and the advice a user sees.

use charter_core::lint::{self, Level, Policy};
use charter_core::{Diagnostic, Report, Severity};

/// Check with the governance rules off: these tests are about the standard's messages.
fn check(text: &str) -> Report {
    let mut policy = Policy::default();
    for r in lint::ALL.iter().filter(|r| r.governance) {
        policy.set(r.id, Level::Off);
    }
    charter_core::check_with_policy(text, &policy)
}

const HEAD: &str =
    "apiVersion: v3.1.0\nkind: DataContract\nid: c1\nversion: 1.0.0\nstatus: active\n";

fn only(text: &str) -> Diagnostic {
    let r = check(text);
    assert_eq!(r.diagnostics.len(), 1, "{:#?}", r.diagnostics);
    r.diagnostics.into_iter().next().unwrap()
}

fn at(d: &Diagnostic) -> (usize, usize) {
    (d.span.start.line as usize, d.span.start.col as usize)
}

#[test]
fn unknown_key_suggests_the_closest() {
    let d = only(&format!("{HEAD}nmae: orders\n"));
    assert_eq!(d.code.id, "unknown-key");
    assert_eq!(at(&d), (6, 1));
    assert_eq!(d.path, "/nmae");
    assert!(d.message.contains("Did you mean `name`?"), "{}", d.message);
}

#[test]
fn unknown_key_in_a_typed_server_says_where_it_belongs() {
    let d = only(&format!(
        "{HEAD}servers:\n  - server: s\n    type: kafka\n    host: h\n    project: p\n"
    ));
    assert_eq!(d.code.id, "unknown-key");
    assert!(d.message.contains("a kafka server"), "{}", d.message);
    assert!(
        d.message.contains("belongs to a bigquery server"),
        "{}",
        d.message
    );
}

#[test]
fn missing_required_keys_are_listed_together() {
    let d = only("apiVersion: v3.1.0\nkind: DataContract\nname: x\n");
    assert_eq!(d.code.id, "missing-required");
    assert_eq!(at(&d), (1, 1));
    assert!(
        d.message.contains("`version`, `id` and `status`"),
        "{}",
        d.message
    );
}

#[test]
fn wrong_scalar_types_say_how_to_fix_them() {
    let d = only(&format!("{HEAD}servers:\n  - server: s\n    type: mysql\n    host: h\n    port: \"3306\"\n    database: d\n"));
    assert_eq!(d.code.id, "wrong-type");
    assert_eq!(at(&d), (10, 11));
    assert!(
        d.message.contains("remove the quotes, `port: 3306`"),
        "{}",
        d.message
    );

    let d = only("apiVersion: v3.1.0\nkind: DataContract\nid: c1\nversion: 1.0\nstatus: active\n");
    assert_eq!(d.code.id, "wrong-type");
    assert!(
        d.message.contains("quote it, `version: \"1.0\"`"),
        "{}",
        d.message
    );

    let d = only(&format!(
        "{HEAD}schema:\n  - name: t\n    properties:\n      - name: c\n        required: yes\n"
    ));
    assert!(d.message.contains("YAML 1.2 reads `yes`"), "{}", d.message);
}

#[test]
fn logical_type_lists_the_allowed_values() {
    let d = only(&format!("{HEAD}schema:\n  - name: t\n    properties:\n      - name: c\n        logicalType: strin\n"));
    assert_eq!(d.code.id, "invalid-enum");
    assert_eq!(at(&d), (10, 22));
    assert_eq!(d.span.end.col - d.span.start.col, 5);
    assert!(d.message.contains("Did you mean `string`?"));
    assert!(d
        .message
        .contains("string, date, timestamp, time, number, integer, object, array, boolean"));
}

#[test]
fn schema_and_custom_properties_as_maps() {
    let r = check(&format!(
        "{HEAD}schema:\n  orders:\n    properties: []\ncustomProperties:\n  owner: x\n"
    ));
    let codes: Vec<_> = r.diagnostics.iter().map(|d| (d.code.id, at(d))).collect();
    assert_eq!(
        codes,
        vec![("expected-list", (6, 1)), ("expected-list", (9, 1))]
    );
    assert!(r.diagnostics[1].message.contains("- property: owner"));
}

#[test]
fn server_type_requires_its_fields() {
    let d = only(&format!(
        "{HEAD}servers:\n  - server: db\n    type: postgres\n    host: h\n"
    ));
    assert_eq!(d.code.id, "missing-required");
    assert_eq!(at(&d), (7, 5));
    assert!(d.message.contains("a postgres server needs `host`, `port`, `database` and `schema`; missing: `port`, `database` and `schema`"), "{}", d.message);
}

#[test]
fn team_as_an_array_is_deprecated_not_invalid() {
    let r = check(&format!("{HEAD}team:\n  - username: ada\n"));
    assert!(r.is_valid());
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].code, "deprecated");
    assert_eq!(r.diagnostics[0].severity, Severity::Warning);
}

#[test]
fn quality_rules_need_exactly_one_operator() {
    let d = only(&format!(
        "{HEAD}schema:\n  - name: t\n    quality:\n      - metric: rowCount\n"
    ));
    assert_eq!(d.code.id, "one-operator");
    let r = check(&format!("{HEAD}schema:\n  - name: t\n    quality:\n      - metric: rowCount\n        mustBeGreaterThan: 0\n        mustBeLessThan: 9\n"));
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].code, "one-operator");
    assert_eq!(at(&r.diagnostics[0]), (11, 9));
}

#[test]
fn syntax_and_duplicate_key_errors() {
    // The unclosed `[` is pointed at, where it opens.
    let d = only(&format!("{HEAD}tags: [a, b\n"));
    assert_eq!(d.code.id, "yaml-syntax");
    assert_eq!(at(&d), (6, 7));
    let r = check(&format!("{HEAD}name: a\nname: b\n"));
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].code, "duplicate-key");
    assert_eq!(at(&r.diagnostics[0]), (7, 1));
}

#[test]
fn documents_charter_does_not_validate_get_one_clear_message() {
    for (text, needle) in [
        (
            "apiVersion: v2.2.2\nkind: DataContract\nid: x\n",
            "ODCS v2.2.2 predates v3",
        ),
        (
            "apiVersion: v2.0.0\nkind: DataProduct\nid: p\nstatus: active\n",
            "unknown ODPS apiVersion `v2.0.0`",
        ),
        (
            "dataContractSpecification: 1.2.1\nid: x\n",
            "Data Contract Specification (DCS 1.2.1)",
        ),
        (
            "apiVersion: v9\nkind: DataContract\n",
            "unknown apiVersion `v9`",
        ),
        ("- a\n- b\n", "but this document is a list"),
        ("", "the document is empty"),
    ] {
        let d = only(text);
        assert!(d.message.contains(needle), "{text:?}: {}", d.message);
        assert_eq!(d.severity, Severity::Error);
    }
}

#[test]
fn dates_stay_strings_so_examples_validate() {
    let r = check(&format!("{HEAD}contractCreatedTs: 2024-01-01T10:00:00Z\nschema:\n  - name: t\n    properties:\n      - name: d\n        logicalType: date\n        examples: [2024-01-01]\n        logicalTypeOptions:\n          minimum: 2020-01-01\n"));
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
}

#[test]
fn odps_manifests_are_validated_by_version() {
    let head = "kind: DataProduct\nid: p\nstatus: active\n";
    // v1.0.0: team is an object and ports need a contract id.
    let d = only(&format!(
        "apiVersion: v1.0.0\n{head}inputPorts:\n  - name: in\n    version: 1.0.0\n"
    ));
    assert_eq!(d.code.id, "missing-required");
    assert!(
        d.message
            .contains("the input port is missing required key `contractId`"),
        "{}",
        d.message
    );
    let d = only(&format!(
        "apiVersion: v1.0.0\n{head}team:\n  - username: ada\n"
    ));
    assert_eq!(d.code.id, "wrong-type");
    // v0.9.0: team is a list of members.
    let r = check(&format!(
        "apiVersion: v0.9.0\n{head}team:\n  - username: ada\n"
    ));
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    assert_eq!(r.standard.unwrap().label(), "ODPS v0.9.0");
}

#[test]
fn formats_warn_without_changing_the_verdict() {
    let r = check(&format!(
        "{HEAD}contractCreatedTs: yesterday\nteam:\n  name: t\n  members:\n    - username: ada\n      dateIn: 31.01.2024\nservers:\n  - server: s\n    type: s3\n    location: bucket/key\n"
    ));
    assert!(r.is_valid(), "{:#?}", r.diagnostics);
    let found: Vec<_> = r
        .diagnostics
        .iter()
        .map(|d| (d.code.id, d.severity, at(d)))
        .collect();
    assert_eq!(
        found,
        vec![
            ("invalid-format", Severity::Warning, (6, 20)),
            ("invalid-format", Severity::Warning, (11, 15)),
            ("invalid-format", Severity::Warning, (15, 15)),
        ]
    );
    assert!(r.diagnostics[1]
        .message
        .contains("should be a date like `2024-01-31` (format `date`)"));
}

#[test]
fn every_odcs_version_is_validated_with_its_own_rules() {
    let head = |v: &str| format!("apiVersion: {v}\nkind: DataContract\nid: c1\nversion: 1.0.0\n");
    // v3.2.0 no longer requires `status`; earlier versions do.
    assert!(check(&head("v3.2.0")).is_valid());
    for v in ["v3.0.0", "v3.0.1", "v3.0.2", "v3.1.0"] {
        let d = only(&head(v));
        assert!(d.message.contains("`status`"), "{v}: {}", d.message);
    }
    // v3.0.x leaves servers open: an unknown key only warns.
    let text = format!(
        "{}status: active\nservers:\n  - server: s\n    type: kafka\n    host: h\n    hots: x\n",
        head("v3.0.2")
    );
    let d = only(&text);
    assert_eq!(
        (d.code.id, d.severity),
        ("undeclared-key", Severity::Warning)
    );
    assert!(
        d.message.contains("newer versions reject it"),
        "{}",
        d.message
    );
    // v3.0.0 and v3.0.1 athena servers need `staging_dir`, as their schemas say.
    let athena = |v: &str| {
        format!("{}status: active\nservers:\n  - server: s\n    type: athena\n    stagingDir: s3://b/p\n    schema: x\n", head(v))
    };
    assert!(check(&athena("v3.0.2")).is_valid());
    assert!(only(&athena("v3.0.1")).message.contains("`staging_dir`"));
    // v3.2.0: enum lists, map and vector types.
    let r = check(&format!("{}schema:\n  - name: t\n    properties:\n      - name: status\n        logicalType: string\n        enum:\n          - value: open\n          - value: closed\n      - name: attrs\n        logicalType: map\n        map:\n          key: {{logicalType: string}}\n          value: {{logicalType: integer}}\n      - name: emb\n        logicalType: vector\n        logicalTypeOptions: {{dimensions: 3}}\n", head("v3.2.0")));
    assert!(r.is_valid(), "{:#?}", r.diagnostics);
    let d = only(&format!(
        "{}schema:\n  - name: t\n    properties:\n      - name: attrs\n        logicalType: map\n",
        head("v3.2.0")
    ));
    assert!(
        d.message.contains("a map property needs `map`"),
        "{}",
        d.message
    );
    // The released v3.2.0 reads a property without `logicalType` as no type in
    // particular (the release candidate required `map`).
    let r = check(&format!(
        "{}schema:\n  - name: t\n    properties:\n      - name: attrs\n        description: Anything.\n",
        head("v3.2.0")
    ));
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    // ... and `map` only with `logicalType: map`.
    let d = only(&format!(
        "{}schema:\n  - name: t\n    properties:\n      - name: attrs\n        map:\n          key: {{logicalType: string}}\n          value: {{logicalType: string}}\n",
        head("v3.2.0")
    ));
    assert_eq!(
        (d.code.id, d.path.as_str()),
        ("unknown-key", "/schema/0/properties/0/map")
    );
    // Released v3.2.0: Actian servers and ids such as `fdir:ISU:TAD`.
    let r = check(&format!(
        "{}servers:\n  - server: s\n    type: ingres\n    host: h\n    database: d\n  - server: t\n    type: fastobjects\n    database: d\nschema:\n  - id: fdir:ISU:TAD\n    name: t\n",
        head("v3.2.0")
    ));
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    let d = only(&format!(
        "{}servers:\n  - server: s\n    type: vectorwise\n    database: d\n",
        head("v3.2.0")
    ));
    assert!(
        d.message
            .contains("a vectorwise server needs `database` and `host`; missing: `host`"),
        "{}",
        d.message
    );
    let d = only(&format!(
        "{}schema:\n  - id: a.b\n    name: t\n",
        head("v3.2.0")
    ));
    assert_eq!(d.code.id, "invalid-pattern");
    assert!(d.message.contains("without any of"), "{}", d.message);
}

#[test]
fn a_key_of_a_newer_version_says_which_version_defines_it() {
    let head = "apiVersion: v3.0.2\nkind: DataContract\nid: c1\nversion: 1.0.0\nstatus: active\n";
    // v3.0.2 leaves SLA properties open: the key is accepted, with the version that defines it.
    let d = only(&format!(
        "{head}slaProperties:\n  - property: latency\n    value: 5\n    unit: m\n    description: Fresh within 5 minutes.\n"
    ));
    assert_eq!(
        (d.code.id, d.severity),
        ("newer-version-key", Severity::Warning)
    );
    assert_eq!(at(&d), (10, 5));
    assert!(
        d.message
            .starts_with("`description` is defined for the SLA property from ODCS v3.1.0 on.")
            && d.message.contains("declare `apiVersion: v3.1.0` to use it")
            && !d.message.contains("reject"),
        "{}",
        d.message
    );
    // An sql rule's operators came in v3.1.0.
    let d = only(&format!(
        "{head}schema:\n  - name: t\n    quality:\n      - type: sql\n        query: SELECT COUNT(*) FROM t\n        mustBeGreaterThan: 0\n"
    ));
    assert_eq!(d.code.id, "newer-version-key");
    assert!(
        d.message.starts_with(
            "`mustBeGreaterThan` is defined for an sql quality rule from ODCS v3.1.0 on."
        ),
        "{}",
        d.message
    );
    // In a closed object it is an error that says the same, without a second hint.
    let d = only(&format!(
        "{HEAD}schema:\n  - name: t\n    properties:\n      - name: total\n        semanticType: measure\n"
    ));
    assert_eq!(d.code.id, "other-version-key");
    assert_eq!(
        d.message,
        "`semanticType` was added to the schema property in ODCS v3.2.0, but this contract declares v3.1.0. Declare `apiVersion: v3.2.0` (or newer) to use it, or remove it."
    );
    // A key of another part of this version is told where it belongs, not which version.
    let d = only(&format!(
        "{HEAD}schema:\n  - name: t\n    quality:\n      - rule: nullCheck\n"
    ));
    assert_eq!(d.code.id, "unknown-key");
    assert!(
        d.message
            .ends_with("`rule` belongs to a library quality rule."),
        "{}",
        d.message
    );
    // Manifests get the same: `type` came with ODPS v1.1.0.
    let d =
        only("apiVersion: v1.0.0\nkind: DataProduct\nid: p\nstatus: active\ntype: sourceAligned\n");
    assert_eq!(d.code.id, "other-version-key");
    assert!(
        d.message.starts_with("`type` was added to the data product in ODPS v1.1.0, but this manifest declares v1.0.0."),
        "{}",
        d.message
    );
}

#[test]
fn odps_v1_1_0_manifests_are_validated() {
    // v1.1.0: no `status` needed, ports need only a name; new keys everywhere.
    let text = "apiVersion: v1.1.0\nkind: DataProduct\nid: p\nname: orders\ntype: sourceAligned\ndeprecated: false\nsynonyms:\n  - synonym: order data\ncontext:\n  instructions: Use the events for near-real-time needs only.\ninputPorts:\n  - name: in\noutputPorts:\n  - id: out-1\n    name: out\n    deprecated: true\n    sbom:\n      - type: external\n    context:\n      constraints:\n        - constraint: Do not join on customer_id.\ncustomProperties:\n  - property: costCenter\n    value: 42\n    vendor: atlan\n";
    let r = check(text);
    assert!(r.diagnostics.is_empty(), "{:#?}", r.diagnostics);
    assert_eq!(r.standard.unwrap().label(), "ODPS v1.1.0");
    // The same in v1.0.0 fails, and Charter says v1.1.0 would pass.
    let d = only(&text.replace("v1.1.0", "v1.0.0"));
    assert_eq!(d.code.id, "needs-newer-version");
    assert!(
        d.message
            .starts_with("this manifest declares v1.0.0 but uses v1.1.0 features:"),
        "{}",
        d.message
    );
    // `context` is an object in ODPS (no text form).
    let d = only("apiVersion: v1.1.0\nkind: DataProduct\nid: p\ncontext: Use with care.\n");
    assert_eq!((d.code.id, d.path.as_str()), ("wrong-type", "/context"));
    let d = only("apiVersion: v1.2.0\nkind: DataProduct\nid: p\n");
    assert_eq!(d.code.id, "unknown-standard");
    assert!(
        d.message
            .contains("Charter validates ODPS v0.9.0, v1.0.0, v1.1.0."),
        "{}",
        d.message
    );
}

#[test]
fn a_document_that_passes_a_newer_version_is_told_which_to_declare() {
    let text = "apiVersion: v3.0.2\nkind: DataContract\nid: c1\nversion: 1.0.0\nstatus: active\nteam:\n  name: orders-team\n  members:\n    - username: ada\nschema:\n  - id: orders\n    name: orders\n";
    let d = only(text);
    assert_eq!(d.code.id, "needs-newer-version");
    assert_eq!(d.path, "/apiVersion");
    assert!(
        d.message.starts_with("this contract declares v3.0.2 but uses v3.1.0 features: `team` written as a mapping (line 6), `id` (line 11). Declare `apiVersion: v3.1.0`"),
        "{}",
        d.message
    );
    // The one error of a single newer feature keeps its own advice.
    let d = only(&format!("{HEAD}servers:\n  - server: s\n    type: mysql\n    host: h\n    port: \"${{PORT}}\"\n    database: d\n"));
    assert_eq!(d.code.id, "wrong-type");
    assert!(
        d.message
            .ends_with("(v3.2.0 allows this: declare `apiVersion: v3.2.0` to use it.)"),
        "{}",
        d.message
    );
    // Each error stays at its own place for tools that compare with the official schema.
    assert_eq!(charter_core::check_each_error(text).errors(), 2);
}

#[test]
fn a_missing_api_version_lists_the_versions_charter_validates() {
    let d = only("kind: DataContract\nid: c1\nversion: 1.0.0\n");
    assert!(d.message.contains("`apiVersion`"), "{}", d.message);
    assert!(
        d.message
            .contains("ODCS v3.0.0, v3.0.1, v3.0.2, v3.1.0, v3.2.0, and ODPS v0.9.0, v1.0.0"),
        "{}",
        d.message
    );
}

#[test]
fn a_syntax_error_keeps_the_declared_standard() {
    let r = check("apiVersion: v3.2.0\nkind: DataContract\nid: x\nschema:\n  - name: t\n    logicalTy\n  x: [\n");
    assert_eq!(r.diagnostics[0].code, "yaml-syntax");
    assert_eq!(
        r.standard.map(|s| s.label()),
        Some("ODCS v3.2.0".to_string())
    );
    let r = check("kind: DataProduct\napiVersion: v0.9.0\nid: [\n");
    assert_eq!(
        r.standard.map(|s| s.label()),
        Some("ODPS v0.9.0".to_string())
    );
    // A syntax error changes nothing in what is detected.
    assert_eq!(
        check("a: [\n").standard.map(|s| s.label()),
        check("a: []\n").standard.map(|s| s.label())
    );
}

#[test]
fn a_number_too_large_for_a_float_says_so_and_is_no_range() {
    let big = "9".repeat(100_000);
    let r = check(&format!(
        "{HEAD}schema:\n  - name: t\n    properties:\n      - name: c\n        logicalType: integer\n        logicalTypeOptions:\n          minimum: {big}\n          maximum: -{big}\n"
    ));
    let msgs: Vec<&str> = r.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert!(
        msgs[0].contains("`minimum` must be a number, but it is a number too large to represent"),
        "{msgs:?}"
    );
    assert!(!r.diagnostics.iter().any(|d| d.code == "min-above-max"));
    let d = only(&format!(
        "{}version: .inf\n",
        HEAD.replace("version: 1.0.0\n", "")
    ));
    assert!(
        d.message
            .contains("infinity or not-a-number, which JSON cannot write"),
        "{}",
        d.message
    );
}

#[test]
fn a_tag_that_makes_text_a_number_is_removed_not_quoted() {
    let d = only(&HEAD.replace("version: 1.0.0", "version: !!int 1"));
    assert!(
        d.message.ends_with(
            "but it is an integer: remove the `!!int` tag and quote the value, `version: \"1\"`."
        ),
        "{}",
        d.message
    );
}

#[test]
fn allowed_keys_name_each_key_once() {
    let d = only(&format!(
        "{HEAD}schema:\n  - name: t\n    properties:\n      - name: c\n        foo: 1\n"
    ));
    let list = d.message.split("Allowed keys: ").nth(1).unwrap();
    let keys: Vec<&str> = list.trim_end_matches('.').split(", ").collect();
    let unique: std::collections::HashSet<&&str> = keys.iter().collect();
    assert_eq!(unique.len(), keys.len(), "{list}");
}

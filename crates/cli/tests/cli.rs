//! The `charter` command as CI uses it: output lines, JSON, exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn charter(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    // A command that fails on its arguments exits before reading: a broken pipe is fine.
    let _ = input.write_all(stdin.unwrap_or_default());
    drop(input);
    child.wait_with_output().unwrap()
}

fn temp(name: &str, bytes: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!("charter-cli-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p.display().to_string()
}

const HEAD: &str =
    "apiVersion: v3.1.0\nkind: DataContract\nid: c1\nversion: 1.0.0\nstatus: active\n";
/// What the built-in governance rules ask of every contract: an owning team, support, a freshness SLA.
const GOVERNED: &str = "team:\n  name: t\n  members:\n    - username: a\n    - username: b\nsupport:\n  - channel: \"#c\"\nslaProperties:\n  - property: latency\n    value: 5\n    unit: m\n";

fn valid() -> String {
    format!("{HEAD}{GOVERNED}")
}

#[test]
fn valid_file_exits_zero() {
    let f = temp("ok.odcs.yaml", valid().as_bytes());
    let out = charter(&["validate", &f], None);
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("ok.odcs.yaml: valid ODCS v3.1.0"), "{s}");
    assert!(s.contains("1 file checked: 0 errors, 0 warnings"), "{s}");
}

#[test]
fn errors_print_path_line_col_code_and_exit_one() {
    let f = temp(
        "bad.odcs.yaml",
        format!("{HEAD}nmae: x\n{GOVERNED}").as_bytes(),
    );
    let out = charter(&["validate", &f], None);
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains(&format!("{f}:6:1: error[unknown-key]: unknown key `nmae`")),
        "{s}"
    );
    assert!(s.contains("1 error, 0 warnings"), "{s}");
}

#[test]
fn stdin_and_json_format() {
    let out = charter(
        &["validate", "--format", "json", "-"],
        Some(b"apiVersion: v3.1.0\nkind: DataContract\n"),
    );
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["errors"], 1);
    let d = &v["files"][0]["diagnostics"][0];
    assert_eq!(v["files"][0]["path"], "<stdin>");
    assert_eq!(d["code"], "missing-required");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["line"], 1);
    assert_eq!(d["column"], 1);
    assert_eq!(v["files"][0]["standard"]["name"], "ODCS");
}

#[test]
fn validate_sarif_and_github_formats() {
    let f = temp(
        "fmt.odcs.yaml",
        format!("{HEAD}nmae: x\n{GOVERNED}").as_bytes(),
    );
    let out = charter(&["validate", "--format", "sarif", &f], None);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let r = &v["runs"][0]["results"][0];
    assert_eq!(r["ruleId"], "unknown-key");
    assert_eq!(r["level"], "error");
    assert_eq!(
        r["locations"][0]["physicalLocation"]["region"]["startLine"],
        6
    );
    assert_eq!(
        v["runs"][0]["tool"]["driver"]["rules"][0]["id"],
        "unknown-key"
    );
    let gh =
        String::from_utf8(charter(&["validate", "--format", "github", &f], None).stdout).unwrap();
    assert!(gh.starts_with(&format!("::error file={f},line=6,col=1,endLine=6,endColumn=5,title=unknown-key::unknown key `nmae`")), "{gh}");
}

#[test]
fn github_annotations_escape_file_names_and_messages() {
    // `,` and `:` would end the `file=` property; a line break would end the command.
    let f = temp(
        "a,line=1:b.odcs.yaml",
        format!("{HEAD}\"n%a\\nb\": x\n{GOVERNED}").as_bytes(),
    );
    let gh =
        String::from_utf8(charter(&["validate", "--format", "github", &f], None).stdout).unwrap();
    let escaped = f.replace(',', "%2C").replace(':', "%3A");
    let line = gh.lines().next().unwrap();
    assert!(
        line.starts_with(&format!("::error file={escaped},line=6,")),
        "{gh}"
    );
    assert!(line.contains("n%25a%0Ab"), "{gh}");
    assert_eq!(gh.lines().count(), 1, "{gh}");
}

#[test]
fn io_errors_exit_two_with_a_clear_message() {
    let out = charter(&["validate", "/definitely/not/here.yaml"], None);
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8(out.stderr).unwrap();
    assert!(e.contains("cannot read /definitely/not/here.yaml"), "{e}");

    let f = temp("latin1.yaml", b"name: \xe9\n");
    let out = charter(&["validate", &f], None);
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8(out.stderr).unwrap();
    assert!(
        e.contains("is not UTF-8 text (invalid byte at offset 6)"),
        "{e}"
    );
}

#[test]
fn unreadable_input_is_in_every_output_format() {
    let out = charter(
        &["validate", "--format", "json", "/definitely/not/here.yaml"],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["errors"], 1, "{v}");
    assert_eq!(v["files"][0]["path"], "/definitely/not/here.yaml");
    assert_eq!(v["files"][0]["valid"], false);
    assert_eq!(v["files"][0]["diagnostics"][0]["code"], "input-unreadable");

    let f = temp("utf16.yaml", b"\xff\xfek\x00i\x00");
    let out = charter(&["validate", "--format", "github", &f], None);
    assert_eq!(out.status.code(), Some(2));
    let gh = String::from_utf8(out.stdout).unwrap();
    assert!(gh.contains("title=input-unreadable::"), "{gh}");
    assert!(gh.contains("is UTF-16 text; save it as UTF-8"), "{gh}");

    let f = temp("binary.yaml", b"\x00\x01\x02\xff\xfe\x00");
    let e = String::from_utf8(charter(&["validate", &f], None).stderr).unwrap();
    assert!(e.contains("is binary data, not text"), "{e}");
}

#[test]
fn endless_input_stops_at_the_size_limit_with_a_clear_message() {
    if !std::path::Path::new("/dev/zero").exists() {
        return;
    }
    let out = charter(&["validate", "/dev/zero"], None);
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8(out.stderr).unwrap();
    assert!(
        e.contains("/dev/zero: this document is larger than Charter's limit of 256 MiB"),
        "{e}"
    );
}

#[test]
fn diff_of_a_document_over_a_limit_names_the_limit() {
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 0..8 {
        let prev = if i == 0 {
            "a".to_string()
        } else {
            format!("b{}", i - 1)
        };
        bomb.push_str(&format!(
            "b{i}: &b{i} [{}]\n",
            vec![format!("*{prev}"); 10].join(", ")
        ));
    }
    let base = temp("bomb-base.yaml", valid().as_bytes());
    let new = temp("bomb-new.yaml", bomb.as_bytes());
    let out = charter(&["diff", &base, &new], None);
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8(out.stderr).unwrap();
    assert!(
        e.contains("the new document can't be read (line") && e.contains("billion laughs"),
        "{e}"
    );
}

#[test]
fn usage_errors_exit_two() {
    assert_eq!(charter(&["validate"], None).status.code(), Some(2));
    assert_eq!(charter(&["frobnicate"], None).status.code(), Some(2));
    assert_eq!(charter(&["--help"], None).status.code(), Some(0));
}

const BASE: &str = "apiVersion: v3.1.0\nkind: DataContract\nid: c1\nversion: 1.0.0\nstatus: active\nschema:\n  - name: orders\n    properties:\n      - name: order_id\n        logicalType: string\n        required: true\n";

#[test]
fn diff_reports_breaking_changes_and_exits_one() {
    let b = temp("base.odcs.yaml", BASE.as_bytes());
    let n = temp(
        "new.odcs.yaml",
        BASE.replace("required: true", "required: false").as_bytes(),
    );
    let out = charter(&["diff", &b, &n], None);
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains(&format!("{n}:11: breaking[property-became-optional]: orders.order_id: property became optional (true → false)")), "{s}");
    assert!(
        s.contains("Breaking for consumers — requires 2.0.0, declared 1.0.0"),
        "{s}"
    );

    // Producers are not broken by it; --fail-on never always passes.
    assert_eq!(
        charter(&["diff", "--mode", "forward", &b, &n], None)
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        charter(&["diff", "--fail-on", "never", &b, &n], None)
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn diff_json_is_the_documented_interface() {
    let b = temp("base2.odcs.yaml", BASE.as_bytes());
    let new = BASE
        .replace("name: order_id", "name: order_ref")
        .replace("version: 1.0.0", "version: 2.0.0");
    let out = charter(&["diff", "--format", "json", &b, "-"], Some(new.as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["verdict"], "breaking");
    assert_eq!(v["requiredBump"], "major");
    assert_eq!(v["declaredVersion"]["base"], "1.0.0");
    assert_eq!(v["declaredVersion"]["new"], "2.0.0");
    let f = &v["findings"][0];
    for key in [
        "rule",
        "severity",
        "perspective",
        "path",
        "basePath",
        "newPath",
        "old",
        "new",
        "message",
        "baseLine",
        "newLine",
    ] {
        assert!(f.get(key).is_some(), "missing {key}: {f}");
    }
    assert_eq!(f["rule"], "property-removed");
    assert_eq!(f["path"], "/schema/0/properties/0");
}

#[test]
fn diff_markdown_and_github_formats() {
    let b = temp("base3.odcs.yaml", BASE.as_bytes());
    let n = temp(
        "new3.odcs.yaml",
        BASE.replace("logicalType: string", "logicalType: integer")
            .as_bytes(),
    );
    let md =
        String::from_utf8(charter(&["diff", "--format", "markdown", &b, &n], None).stdout).unwrap();
    assert!(
        md.starts_with("### Breaking for consumers — requires 2.0.0, declared 1.0.0"),
        "{md}"
    );
    assert!(md.contains("| breaking | both | `orders.order_id` | logical type changed: `string` → `integer` | `logical-type-changed` |"), "{md}");
    let gh =
        String::from_utf8(charter(&["diff", "--format", "github", &b, &n], None).stdout).unwrap();
    assert!(
        gh.contains(&format!(
            "::error file={n},line=10,title=logical-type-changed::"
        )),
        "{gh}"
    );
}

#[test]
fn diff_against_a_git_ref() {
    let dir = std::env::temp_dir().join(format!("charter-git-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let git = |args: &[&str]| {
        let ok = Command::new("git")
            .args(args)
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(
            ok.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&ok.stderr)
        );
    };
    git(&["init", "-q"]);
    std::fs::write(dir.join("c.odcs.yaml"), BASE).unwrap();
    git(&["add", "."]);
    git(&[
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@example.com",
        "commit",
        "-qm",
        "base",
    ]);
    std::fs::write(
        dir.join("c.odcs.yaml"),
        BASE.replace("required: true", "required: false"),
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(["diff", "git:HEAD", "c.odcs.yaml"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("property-became-optional"));
    let out = Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(["diff", "git:nope", "c.odcs.yaml"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("cannot read c.odcs.yaml at nope"));
}

#[test]
fn diff_of_unparsable_input_exits_two() {
    let b = temp("base4.odcs.yaml", BASE.as_bytes());
    let out = charter(&["diff", &b, "-"], Some(b"a: [1"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("the new document is not valid YAML"));
}

#[test]
fn lint_with_a_policy_file_fails_on_policy_errors_in_every_format() {
    let contract = temp(
        "gov.odcs.yaml",
        format!("{HEAD}{GOVERNED}schema:\n  - name: customers\n    properties:\n      - name: customerEmail\n").as_bytes(),
    );
    // Built-in policy: PII without classification warns; the contract is valid.
    let out = charter(&["lint", &contract], None);
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains(":20:9: warning[pii-classification]: `customerEmail` looks like personal data"),
        "{s}"
    );
    assert_eq!(
        charter(&["lint", "--fail-on", "warning", &contract], None)
            .status
            .code(),
        Some(1)
    );

    let policy = temp(
        "policy.yaml",
        b"kind: CharterPolicy\napiVersion: charter/v1\nrules:\n  pii-classification: error\n  naming-convention: warning\n",
    );
    let out = charter(&["lint", "--policy", &policy, &contract], None);
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("error[pii-classification]"), "{s}");
    assert!(s.contains("warning[naming-convention]: property `customerEmail` is not snake_case: rename it `customer_email`."), "{s}");

    for (format, needle) in [
        ("json", "\"code\": \"pii-classification\""),
        ("sarif", "\"ruleId\": \"pii-classification\""),
        ("github", "::error file="),
    ] {
        let out = charter(
            &["lint", "--policy", &policy, "--format", format, &contract],
            None,
        );
        assert_eq!(out.status.code(), Some(1), "{format}");
        let s = String::from_utf8(out.stdout).unwrap();
        assert!(s.contains(needle), "{format}: {s}");
    }
    // `validate` takes the same policy.
    assert_eq!(
        charter(&["validate", "--policy", &policy, &contract], None)
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn a_broken_policy_is_a_usage_error_that_points_at_the_line() {
    let policy = temp(
        "bad-policy.yaml",
        b"kind: CharterPolicy\napiVersion: charter/v1\nrules:\n  pii-clasification: error\n",
    );
    let contract = temp("any.odcs.yaml", valid().as_bytes());
    let out = charter(&["lint", "--policy", &policy, &contract], None);
    assert_eq!(out.status.code(), Some(2));
    let e = String::from_utf8(out.stderr).unwrap();
    assert!(e.contains(":4:3: error[unknown-key]: unknown rule `pii-clasification`. Did you mean `pii-classification`?"), "{e}");
}

#[test]
fn files_checked_together_form_a_workspace_like_the_editor() {
    let contract = temp(
        "orders.odcs.yaml",
        format!("{HEAD}{GOVERNED}")
            .replace("id: c1", "id: orders-contract")
            .as_bytes(),
    );
    let product = temp(
        "orders.odps.yaml",
        b"apiVersion: v1.0.0\nkind: DataProduct\nid: p\nstatus: active\ninputPorts:\n  - name: orders\n    version: 2.0.0\n    contractId: orders-contract\n  - name: payments\n    version: 1.0.0\n    contractId: payments-contract\n",
    );
    let out = charter(&["validate", &contract, &product], None);
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("orders.odps.yaml:7:14: warning[contract-version-mismatch]: port `orders` is at version 2.0.0, but contract `orders-contract` in this workspace is 1.0.0"), "{s}");
    assert!(s.contains("orders.odps.yaml:11:17: warning[contract-not-found]: port `payments` uses contract `payments-contract`"), "{s}");
    // A policy among the files applies to the others.
    let policy = temp(
        "ws-policy.yaml",
        b"kind: CharterPolicy\napiVersion: charter/v1\nrules:\n  contract-name-unused: off\n",
    );
    let out = charter(&["lint", &policy, &contract], None);
    assert_eq!(
        out.status.code(),
        Some(1),
        "the broken policy is reported in place"
    );
    let policy = temp(
        "ws-policy2.yaml",
        b"kind: CharterPolicy\napiVersion: charter/v1\nrules:\n  naming-convention: error\n",
    );
    let bad_name = temp(
        "camel.odcs.yaml",
        format!("{HEAD}{GOVERNED}schema:\n  - name: orderEvents\n").as_bytes(),
    );
    let out = charter(&["lint", &policy, &bad_name], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("error[naming-convention]"));
}

const PRODUCT: &str = "apiVersion: v1.1.0\nkind: DataProduct\nid: urn:dataproduct:orders\nname: orders\nversion: 1.0.0\nstatus: active\noutputPorts:\n  - name: orders-events\n    contractId: orders-events-v1\n  - name: orders-daily\n    contractId: orders-daily-v1\nsupport:\n  - channel: \"#orders\"\n    url: https://example.slack.com/orders\nteam:\n  name: orders-team\n  members:\n    - username: ada\n    - username: lin\n";

#[test]
fn manifests_are_validated_linted_and_diffed() {
    // A v1.1.0 manifest whose ports have only a name and a contract is valid and clean.
    let p = temp("orders.odps.yaml", PRODUCT.as_bytes());
    let out = charter(&["validate", &p], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains(": valid ODPS v1.1.0\n"), "{s}");
    // Governance: a policy that asks for an owning team fails a manifest owned by one person.
    let policy = temp(
        "team-policy.yaml",
        b"kind: CharterPolicy\napiVersion: charter/v1\nrules:\n  team-ownership: error\n",
    );
    let solo = PRODUCT.replace("    - username: lin\n", "");
    let out = charter(&["lint", "--policy", &policy, "-"], Some(solo.as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("error[team-ownership]: the data product is owned by a single person"),
        "{s}"
    );
    // Deleting an output port is breaking for the products that read it.
    let gone = PRODUCT.replace(
        "  - name: orders-daily\n    contractId: orders-daily-v1\n",
        "",
    );
    let out = charter(&["diff", &p, "-"], Some(gone.as_bytes()));
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("breaking[output-port-removed]: output port orders-daily: output port removed (was orders-daily, contract orders-daily-v1)."),
        "{s}"
    );
    assert!(
        s.contains("Breaking for consumers — requires 2.0.0, declared 1.0.0"),
        "{s}"
    );
    // A contract is not compared with a manifest.
    let c = temp("manifest-base.odcs.yaml", BASE.as_bytes());
    let out = charter(&["diff", &c, &p], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("the base is a contract and the new document a data product manifest"));
}

/// The hostile corpus through the command as CI runs it: every file gets a JSON report (or a
/// clear refusal) with exit code 0, 1 or 2, quickly, and `diff` never crashes on it.
#[test]
fn hostile_files_get_json_reports_in_bounded_time() {
    let head = "apiVersion: v3.2.0\nkind: DataContract\nid: c1\nversion: 1.0.0\nstatus: active\n";
    let mut bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n".to_string();
    for i in 1..40 {
        let p = format!("*a{}", i - 1);
        bomb += &format!("a{i}: &a{i} [{}]\n", [p.as_str(); 10].join(", "));
    }
    let cases: Vec<(&str, Vec<u8>)> = vec![
        (
            "deep-block.yaml",
            format!("{head}schema:\n{}x\n", "- ".repeat(30_000)).into_bytes(),
        ),
        (
            "deep-flow.yaml",
            format!("{head}schema: {}\n", "[".repeat(30_000)).into_bytes(),
        ),
        ("bomb.yaml", format!("{head}{bomb}").into_bytes()),
        (
            "wide.yaml",
            format!(
                "{head}{}",
                (0..30_000)
                    .map(|i| format!("k{i}: {i}\n"))
                    .collect::<String>()
            )
            .into_bytes(),
        ),
        (
            "long-line.yaml",
            format!("{head}name: {}\n", "x".repeat(20 << 20)).into_bytes(),
        ),
        ("utf16be.yaml", b"\xfe\xff\x00k\x00:\x00 \x001".to_vec()),
        ("utf32.yaml", b"\xff\xfe\x00\x00k\x00\x00\x00".to_vec()),
        ("nul.yaml", b"name: a\x00b\n".to_vec()),
        ("bom.yaml", format!("\u{feff}{head}").into_bytes()),
        ("crlf.yaml", head.replace('\n', "\r\n").into_bytes()),
    ];
    let valid = temp("hostile-base.yaml", head.as_bytes());
    for (name, bytes) in cases {
        let f = temp(name, &bytes);
        let started = std::time::Instant::now();
        for cmd in ["validate", "lint"] {
            let out = charter(&[cmd, "--format", "json", &f], None);
            assert!(
                matches!(out.status.code(), Some(0..=2)),
                "{name} {cmd}: {:?}",
                out.status
            );
            let v: serde_json::Value = serde_json::from_slice(&out.stdout)
                .unwrap_or_else(|e| panic!("{name} {cmd}: not JSON ({e})"));
            assert!(v["files"][0]["diagnostics"].is_array(), "{name} {cmd}: {v}");
        }
        let out = charter(&["diff", "--format", "json", &valid, &f], None);
        assert!(
            matches!(out.status.code(), Some(0..=2)),
            "{name} diff: {:?}",
            out.status
        );
        assert!(
            out.status.code() == Some(2)
                || serde_json::from_slice::<serde_json::Value>(&out.stdout).is_ok(),
            "{name} diff: not JSON"
        );
        let took = started.elapsed();
        eprintln!("{name}: {took:?}");
        // Loose: three runs of a debug build on a loaded 2-core machine.
        assert!(
            took < std::time::Duration::from_secs(30),
            "{name}: {took:?}"
        );
    }
}

/// `get`, `set`, `unset`, `add`: what a CI job does to bump a version without losing
/// comments; every other byte of the file stays.
#[test]
fn get_set_unset_add_edit_only_what_they_name() {
    let text = "# The orders contract.\napiVersion: v3.1.0 # reviewed\nkind: DataContract\nid: orders\nversion: 1.0.0\nschema:\n  - name: orders\n    properties:\n      # the key\n      - name: order_id\n        required: true\n      - name: total\n";
    let f = temp("edit.odcs.yaml", text.as_bytes());
    let out = charter(
        &["get", &f, "/schema/orders/properties/order_id/required"],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "true\n");
    let out = charter(&["get", &f, "/schema/0/properties/1"], None);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "{\n  \"name\": \"total\"\n}\n"
    );

    // In place: only the version's bytes change.
    let out = charter(&["set", &f, "/version", "1.1.0"], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&f).unwrap(),
        text.replace("version: 1.0.0", "version: 1.1.0")
    );

    // --stdout leaves the file alone.
    let out = charter(
        &[
            "unset",
            &f,
            "/schema/orders/properties/order_id",
            "--stdout",
        ],
        None,
    );
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        !printed.contains("order_id") && !printed.contains("# the key"),
        "{printed}"
    );
    assert!(printed.contains("      - name: total\n"));
    let out = charter(
        &[
            "add",
            &f,
            "/schema/orders/properties",
            "name: note\nlogicalType: string",
            "--stdout",
        ],
        None,
    );
    assert!(String::from_utf8_lossy(&out.stdout)
        .ends_with("      - name: total\n      - name: note\n        logicalType: string\n"));

    // A pointer that leads nowhere: exit 2, and what is there instead.
    let out = charter(
        &[
            "set",
            &f,
            "/schema/orders/properties/nope/required",
            "false",
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "`nope` is not in /schema/orders/properties: it is a list of 2 items (order_id, total)"
        ),
        "{err}"
    );
    let out = charter(&["get", &f, "/owner"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("its keys are apiVersion, kind, id, version, schema"));

    // A new key goes at its place in the standard's key order, not at the end.
    let out = charter(&["set", &f, "/status", "active", "--stdout"], None);
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(
        printed.contains("version: 1.1.0\nstatus: active\nschema:\n"),
        "{printed}"
    );
    // Insert at a position, rename a key, move an item: each touches only its lines.
    let out = charter(
        &[
            "add",
            &f,
            "/schema/orders/properties",
            "name: first",
            "--at",
            "0",
            "--stdout",
        ],
        None,
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains(
        "    properties:\n      - name: first\n      # the key\n      - name: order_id\n"
    ));
    let out = charter(
        &[
            "rename",
            &f,
            "/schema/orders/properties/total/name",
            "label",
            "--stdout",
        ],
        None,
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        text.replace("version: 1.0.0", "version: 1.1.0")
            .replace("- name: total", "- label: total")
    );
    let out = charter(&["move", &f, "/schema/orders/properties/total", "0"], None);
    assert_eq!(out.status.code(), Some(0));
    assert!(std::fs::read_to_string(&f)
        .unwrap()
        .ends_with("    properties:\n      - name: total\n      # the key\n      - name: order_id\n        required: true\n"));
    let out = charter(&["move", &f, "/schema/orders/properties/total", "7"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("the list has 2 items: the position is 0 to 1"));
    // A `[...]` list: items move and are inserted within its line; tags on keys stay.
    std::fs::write(&f, "tags: [a, b, c]  # kept\n!!str n: 1\n").unwrap();
    assert_eq!(
        charter(&["move", &f, "/tags/2", "0"], None).status.code(),
        Some(0)
    );
    let out = charter(&["add", &f, "/tags", "new", "--at", "1"], None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        charter(&["rename", &f, "/n", "m"], None).status.code(),
        Some(0)
    );
    assert_eq!(
        std::fs::read_to_string(&f).unwrap(),
        "tags: [c, new, a, b]  # kept\n!!str m: 1\n"
    );
}

/// A small mesh: `shop` serves orders-events-v1; `marketing.campaigns` (one person) reads
/// it and serves campaigns-v1; `finance.roi` (no support) reads campaigns-v1; a contract
/// nobody reads.
fn mesh_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("charter-cli-{}-mesh", std::process::id()));
    std::fs::create_dir_all(dir.join("products")).unwrap();
    let files = [
        ("orders.odcs.yaml", "apiVersion: v3.1.0\nkind: DataContract\nid: orders-events-v1\nname: orders.events.v1\nversion: 1.2.0\nstatus: active\nslaProperties:\n  - property: freshness\n    value: 5\n    unit: m\nschema:\n  - name: orders\n    properties:\n      - name: order_id\n        logicalType: string\n        required: true\n"),
        ("campaigns.odcs.yaml", "apiVersion: v3.1.0\nkind: DataContract\nid: campaigns-v1\nversion: 1.0.0\nstatus: active\n"),
        ("unused.odcs.yaml", "apiVersion: v3.1.0\nkind: DataContract\nid: stock-v1\nversion: 1.0.0\nstatus: active\n"),
        ("products/shop.odps.yaml", "apiVersion: v1.0.0\nkind: DataProduct\nid: shop\nname: shop\nstatus: active\noutputPorts:\n  - name: orders\n    version: 1.0.0\n    contractId: orders-events-v1\nsupport:\n  - channel: '#shop'\nteam:\n  name: shop-team\n  members:\n    - username: a\n    - username: b\n"),
        ("products/marketing.odps.yaml", "apiVersion: v1.0.0\nkind: DataProduct\nid: marketing\nname: marketing.campaigns\nstatus: active\ninputPorts:\n  - name: orders-in\n    version: 1.0.0\n    contractId: orders-events-v1\noutputPorts:\n  - name: campaigns\n    version: 1.0.0\n    contractId: campaigns-v1\nsupport:\n  - channel: '#growth-data'\nteam:\n  name: growth\n  members:\n    - username: max\n"),
        ("products/finance.odps.yaml", "apiVersion: v1.0.0\nkind: DataProduct\nid: finance\nname: finance.roi\nstatus: active\ninputPorts:\n  - name: campaigns-in\n    version: 1.0.0\n    contractId: campaigns-v1\nteam:\n  name: finance\n  members:\n    - username: c\n    - username: d\n"),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

#[test]
fn diff_with_a_workspace_names_the_products_a_breaking_change_hits() {
    let dir = mesh_dir();
    let base = dir.join("orders.odcs.yaml").display().to_string();
    let new = std::fs::read_to_string(&base)
        .unwrap()
        .replace("        required: true\n", "")
        .replace("version: 1.2.0", "version: 2.0.0");
    let ws = dir.display().to_string();
    let out = charter(
        &["diff", "--workspace", &ws, &base, "-"],
        Some(new.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(1));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("Breaks 2 products: marketing.campaigns (team growth, #growth-data), finance.roi (team finance)\n"),
        "{s}"
    );
    let out = charter(
        &["diff", "--workspace", &ws, "--format", "json", &base, "-"],
        Some(new.as_bytes()),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["impact"][0]["product"], "marketing.campaigns");
    assert_eq!(v["impact"][0]["port"], "orders-in");
    assert_eq!(v["impact"][0]["support"], "#growth-data");
    assert_eq!(
        v["impact"][1]["path"],
        serde_json::json!([
            "orders-events-v1",
            "marketing.campaigns",
            "campaigns-v1",
            "finance.roi"
        ])
    );
    assert_eq!(
        v["findings"][0]["impact"],
        serde_json::json!(["marketing.campaigns", "finance.roi"])
    );
    let out = charter(
        &[
            "diff",
            "--workspace",
            &ws,
            "--format",
            "markdown",
            &base,
            "-",
        ],
        Some(new.as_bytes()),
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("#### Who to notify"), "{md}");
    assert!(md.contains("| `finance.roi` | finance | — |"), "{md}");
    assert!(md.contains("#### A route that breaks no one"), "{md}");
    assert!(md.contains("orders.events.v2"), "{md}");
    // The deprecation notice: a timeline and who must move.
    let out = charter(
        &[
            "diff",
            "--workspace",
            &ws,
            "--format",
            "notice",
            "--retire-in",
            "60",
            &base,
            "-",
        ],
        Some(new.as_bytes()),
    );
    let notice = String::from_utf8(out.stdout).unwrap();
    assert!(
        notice.starts_with("# Deprecation notice: orders.events.v1 1.2.0\n"),
        "{notice}"
    );
    assert!(notice.contains("## Timeline"), "{notice}");
    assert!(
        notice.contains("| `marketing.campaigns` | growth | \\#growth-data |"),
        "{notice}"
    );
    // Without a workspace nothing is named; a missing folder is a usage error.
    let out = charter(&["diff", &base, "-"], Some(new.as_bytes()));
    assert!(!String::from_utf8(out.stdout).unwrap().contains("Breaks"));
    let out = charter(
        &["diff", "--workspace", "/nonexistent-dir", &base, "-"],
        Some(new.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("no such file or folder"));
}

#[test]
fn graph_draws_the_mesh_and_its_gaps_in_every_format() {
    let dir = mesh_dir().display().to_string();
    let out = charter(&["graph", &dir], None);
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("marketing.campaigns ("), "{s}");
    assert!(
        s.contains("  reads  orders-events-v1 through orders-in\n"),
        "{s}"
    );
    assert!(
        s.contains("warning[single-owner]: marketing.campaigns: owned by one person (growth)"),
        "{s}"
    );
    assert!(s.contains("warning[no-support]: finance.roi"), "{s}");
    assert!(s.contains("warning[unconsumed]: stock-v1"), "{s}");
    assert!(s.contains("3 data products, 3 contracts,"), "{s}");
    let out = charter(&["graph", "--format", "json", &dir], None);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["products"].as_array().unwrap().len(), 3);
    assert!(v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p["gap"] == "single-owner" && p["subject"] == "marketing.campaigns"));
    let out = charter(&["graph", "--format", "mermaid", &dir], None);
    let m = String::from_utf8(out.stdout).unwrap();
    assert!(
        m.starts_with("flowchart LR\n") && m.contains("class "),
        "{m}"
    );
    let out = charter(&["graph", "--format", "dot", &dir], None);
    let d = String::from_utf8(out.stdout).unwrap();
    assert!(d.starts_with("digraph mesh {") && d.contains("-> "), "{d}");
    let out = charter(&["graph", "/nonexistent-dir"], None);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn export_writes_each_format_and_refuses_what_it_cannot_export() {
    let f = temp("export.odcs.yaml", BASE.as_bytes());
    let out = charter(&["export", "--dialect", "mysql", &f], None);
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(
        s.contains("CREATE TABLE orders (\n  order_id text NOT NULL\n);"),
        "{s}"
    );
    let o = std::env::temp_dir().join(format!("charter-cli-{}-out.avsc", std::process::id()));
    let out = charter(
        &[
            "export",
            "--format",
            "avro",
            "-o",
            &o.display().to_string(),
            &f,
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let avro: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&o).unwrap()).unwrap();
    assert_eq!(avro["type"], "record");
    for format in ["jsonschema", "mermaid", "html", "json"] {
        let out = charter(&["export", "--format", format, "-"], Some(BASE.as_bytes()));
        assert_eq!(out.status.code(), Some(0), "{format}");
        assert!(!out.stdout.is_empty(), "{format}");
    }
    let out = charter(&["export", "--dialect", "db2", &f], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("unknown dialect `db2`: use auto or one of postgres, snowflake"));
    let p = temp("export.odps.yaml", PRODUCT.as_bytes());
    let out = charter(&["export", &p], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("is a data product manifest: export a data contract"));
    let out = charter(&["export", "--types"], None);
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .starts_with("# SQL types of"));
}

#[test]
fn import_makes_a_valid_contract_of_a_create_table_script() {
    let sql = temp(
        "orders.sql",
        b"CREATE TABLE orders (id varchar(36) NOT NULL PRIMARY KEY, total numeric(12,2));\n",
    );
    let out = charter(
        &["import", "--from", "sql", "--dialect", "postgres", &sql],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let y = String::from_utf8(out.stdout).unwrap();
    assert!(
        y.starts_with("apiVersion: v3.2.0\nkind: DataContract\nid: orders\nname: orders\n"),
        "{y}"
    );
    let out = charter(&["validate", "-"], Some(y.as_bytes()));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let out = charter(&["import", "-"], Some(b"SELECT 1;"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("no CREATE TABLE statement"));
}

#[test]
fn import_reads_json_schema_avro_and_dcs_files_and_tells_them_apart() {
    let avsc = temp(
        "payment.avsc",
        br#"{"type": "record", "name": "payment", "fields": [{"name": "id", "type": "string"}, {"name": "note", "type": ["null", "string"]}]}"#,
    );
    let schema = temp(
        "customer.schema.json",
        br#"{"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "customer", "type": "object", "required": ["id"], "properties": {"id": {"type": "integer"}}}"#,
    );
    let dcs = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/reference/dcs/examples/orders-latest/datacontract.yaml");
    for (file, expect) in [
        (
            avsc.as_str(),
            "      - name: note\n        logicalType: string\n",
        ),
        (
            schema.as_str(),
            "      - name: id\n        logicalType: integer\n        required: true\n",
        ),
        (dcs.to_str().unwrap(), "team:\n  name: Checkout Team\n"),
    ] {
        let out = charter(&["import", file], None);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let y = String::from_utf8(out.stdout).unwrap();
        assert!(y.contains(expect), "{file}:\n{y}");
        let v = charter(&["validate", "-"], Some(y.as_bytes()));
        assert_eq!(
            v.status.code(),
            Some(0),
            "{file}: {}",
            String::from_utf8_lossy(&v.stdout)
        );
    }
    // Said explicitly, and from standard input.
    let text = std::fs::read(&avsc).unwrap();
    let out = charter(&["import", "--from", "avro", "-"], Some(&text));
    assert_eq!(out.status.code(), Some(0));
    // A file of none of these kinds: what to do.
    let other = temp("notes.txt", b"hello");
    let out = charter(&["import", &other], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("say it with --from sql|jsonschema|avro|dcs"));
}

#[test]
fn export_converts_between_odcs_versions_and_writes_one_schema_per_object() {
    let v32 = "apiVersion: v3.2.0\nkind: DataContract\nid: shop\nname: shop\nversion: 1.0.0\nstatus: active\nschema:\n  - name: orders\n    properties:\n      - name: status # kept\n        logicalType: string\n        enum:\n          - value: placed\n  - name: lines\n    properties:\n      - name: n\n        logicalType: integer\n";
    let out = charter(
        &["export", "--format", "odcs", "--version", "v3.1.0", "-"],
        Some(v32.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("-:12: error: `enum` was added"), "{err}");
    assert!(err.contains("v3.1.0 can't express this part of - (v3.2.0): keep the version, or convert with --lossy to remove it"), "{err}");
    let out = charter(
        &[
            "export",
            "--format",
            "odcs",
            "--version",
            "v3.1.0",
            "--lossy",
            "-",
        ],
        Some(v32.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(0));
    let y = String::from_utf8(out.stdout).unwrap();
    assert!(
        y.starts_with("apiVersion: v3.1.0\n")
            && y.contains(
                "      - name: status # kept\n        logicalType: string\n  - name: lines"
            ),
        "{y}"
    );
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("warning: -:12: removed `/schema/0/properties/0/enum`"));
    let out = charter(&["export", "--format", "odcs", "-"], Some(v32.as_bytes()));
    assert_eq!(out.status.code(), Some(2), "--version is required");

    let out = charter(
        &["export", "--format", "jsonschema", "--object", "lines", "-"],
        Some(v32.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(0));
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(s["title"], "lines");
    assert_eq!(s["$id"], "urn:charter:shop/lines");
    assert_eq!(
        s["properties"]["n"]["type"],
        serde_json::json!(["integer", "null"])
    );
    let out = charter(
        &["export", "--format", "avro", "--object", "nope", "-"],
        Some(v32.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("no object `nope`: its objects are orders, lines"));
}

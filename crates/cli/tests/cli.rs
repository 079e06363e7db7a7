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
    input.write_all(stdin.unwrap_or_default()).unwrap();
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

const VALID: &str =
    "apiVersion: v3.1.0\nkind: DataContract\nid: c1\nversion: 1.0.0\nstatus: active\n";

#[test]
fn valid_file_exits_zero() {
    let f = temp("ok.odcs.yaml", VALID.as_bytes());
    let out = charter(&["validate", &f], None);
    assert_eq!(out.status.code(), Some(0));
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("ok.odcs.yaml: valid ODCS v3.1.0"), "{s}");
    assert!(s.contains("1 file checked: 0 errors, 0 warnings"), "{s}");
}

#[test]
fn errors_print_path_line_col_code_and_exit_one() {
    let f = temp("bad.odcs.yaml", format!("{VALID}nmae: x\n").as_bytes());
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
fn usage_errors_exit_two() {
    assert_eq!(charter(&["validate"], None).status.code(), Some(2));
    assert_eq!(charter(&["frobnicate"], None).status.code(), Some(2));
    assert_eq!(charter(&["--help"], None).status.code(), Some(0));
}

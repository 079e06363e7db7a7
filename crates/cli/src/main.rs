//! `charter`: the command-line front of Charter's core, for CI in the owners' repositories.
//! It gives exactly the verdicts the editor shows, because both call `charter_core::check`.

use charter_core::{codes, Report, Severity};
use clap::{Parser, Subcommand, ValueEnum};
use serde_json::json;
use std::io::{Read, Write};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "charter",
    version,
    about = "Validate data contracts (ODCS) with the same rules as the Charter editor"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate contracts; `-` reads standard input. Exit 0 when valid, 1 on any error, 2 on usage or I/O errors.
    Validate {
        /// Files to validate (`-` for standard input).
        #[arg(required = true)]
        files: Vec<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Print a generated valid contract of the given size (for benchmarks and timing).
    #[command(hide = true)]
    Generate {
        #[arg(long, default_value_t = 10)]
        tables: usize,
        #[arg(long, default_value_t = 20)]
        columns: usize,
    },
    /// List the diagnostic codes (`--markdown` prints the reference page).
    Codes {
        #[arg(long)]
        markdown: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

/// Exit statuses.
const VALID: u8 = 0;
const INVALID: u8 = 1;
const USAGE_OR_IO: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { USAGE_OR_IO } else { VALID });
        }
    };
    match cli.command {
        Command::Validate { files, format } => ExitCode::from(validate(&files, format)),
        Command::Generate { tables, columns } => {
            print!("{}", charter_core::gen::contract(tables, columns));
            ExitCode::from(VALID)
        }
        Command::Codes { markdown } => {
            if markdown {
                print!("{}", codes::markdown());
            } else {
                for c in codes::ALL {
                    println!("{:<22} {:<8} {}", c.id, c.severity.as_str(), c.why);
                }
            }
            ExitCode::from(VALID)
        }
    }
}

/// Read a file (or stdin for `-`) as UTF-8 text, with a message that says how to fix failures.
fn read_text(path: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    let res = if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes).map(|_| ()))
    };
    res.map_err(|e| format!("cannot read {path}: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{path} is not UTF-8 text (invalid byte at offset {}); save it as UTF-8 and try again",
            e.utf8_error().valid_up_to()
        )
    })
}

fn validate(files: &[String], format: Format) -> u8 {
    let mut io_failed = false;
    let mut results: Vec<(String, Report)> = Vec::new();
    for path in files {
        match read_text(path) {
            Ok(text) => results.push((display_name(path), charter_core::check(&text))),
            Err(msg) => {
                eprintln!("charter: error: {msg}");
                io_failed = true;
            }
        }
    }
    let errors: usize = results.iter().map(|(_, r)| r.errors()).sum();
    let warnings: usize = results.iter().map(|(_, r)| r.warnings()).sum();
    let mut out = std::io::stdout().lock();
    match format {
        Format::Text => {
            for (name, report) in &results {
                for d in &report.diagnostics {
                    let msg = d.message.replace('\n', "\n    ");
                    let _ = writeln!(
                        out,
                        "{name}:{}:{}: {}[{}]: {msg}",
                        d.span.start.line,
                        d.span.start.col,
                        d.severity.as_str(),
                        d.code
                    );
                }
                if report.diagnostics.is_empty() {
                    let std = report
                        .standard
                        .as_ref()
                        .map(|s| s.label())
                        .unwrap_or_default();
                    let _ = writeln!(out, "{name}: valid {std}");
                }
            }
            let _ = writeln!(
                out,
                "{} checked: {} {}, {} {}",
                plural(results.len(), "file"),
                errors,
                if errors == 1 { "error" } else { "errors" },
                warnings,
                if warnings == 1 { "warning" } else { "warnings" },
            );
        }
        Format::Json => {
            let files: Vec<_> = results
                .iter()
                .map(|(name, r)| {
                    json!({
                        "path": name,
                        "standard": r.standard,
                        "valid": r.is_valid(),
                        "diagnostics": r.diagnostics.iter().map(|d| json!({
                            "severity": d.severity,
                            "code": d.code,
                            "message": d.message,
                            "path": d.path,
                            "line": d.span.start.line,
                            "column": d.span.start.col,
                            "endLine": d.span.end.line,
                            "endColumn": d.span.end.col,
                            "offset": d.span.start.offset,
                            "endOffset": d.span.end.offset,
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let doc = json!({ "files": files, "errors": errors, "warnings": warnings });
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            );
        }
    }
    if io_failed {
        USAGE_OR_IO
    } else if results
        .iter()
        .any(|(_, r)| r.diagnostics.iter().any(|d| d.severity == Severity::Error))
    {
        INVALID
    } else {
        VALID
    }
}

fn display_name(path: &str) -> String {
    if path == "-" {
        "<stdin>".into()
    } else {
        path.into()
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

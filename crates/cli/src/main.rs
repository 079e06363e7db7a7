//! `charter`: the command-line front of Charter's core, for CI in the owners' repositories.
//! It gives exactly the verdicts the editor shows, because both call `charter_core::check`.

use charter_core::diff::{self, rules::Impact};
use charter_core::lint::Policy;
use charter_core::{codes, Report, Severity};
use clap::{Parser, Subcommand, ValueEnum};
use serde_json::json;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "charter",
    version,
    about = "Validate, lint and compare data contracts (ODCS) and data product manifests (ODPS) with the same rules as the Charter editor"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate contracts and manifests; `-` reads standard input. Exit 0 when valid, 1 on any error, 2 on usage or I/O errors.
    Validate {
        /// Files to validate (`-` for standard input).
        #[arg(required = true)]
        files: Vec<String>,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// A governance policy (YAML, `kind: CharterPolicy`) setting the lint rules' levels.
        #[arg(long)]
        policy: Option<String>,
    },
    /// Validate and lint contracts and manifests against a governance policy (the built-in one without
    /// --policy). Exit 0 when nothing reaches --fail-on, 1 otherwise, 2 on usage or I/O errors.
    Lint {
        /// Files to lint (`-` for standard input).
        #[arg(required = true)]
        files: Vec<String>,
        /// A governance policy (YAML, `kind: CharterPolicy`) setting the lint rules' levels.
        #[arg(long)]
        policy: Option<String>,
        #[arg(long, value_enum, default_value_t = LintFailOn::Error)]
        fail_on: LintFailOn,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// Compare two versions of a contract or of a data product manifest: what breaks, for whom,
    /// and the version bump it needs.
    /// Exit 1 when the --fail-on threshold is met, 2 on usage or I/O errors.
    Diff {
        /// The base (old) version: a file, or `git:REF` to read NEW's path at a git ref.
        base: String,
        /// The new version (`-` for standard input).
        new: String,
        #[arg(long, value_enum, default_value_t = DiffMode::Backward)]
        mode: DiffMode,
        #[arg(long, value_enum, default_value_t = FailOn::Breaking)]
        fail_on: FailOn,
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// A folder of contracts and data product manifests: name the products each breaking
        /// change hits (those reading the contract, then theirs, downstream).
        #[arg(long)]
        workspace: Option<String>,
        /// With --format notice: days until the old version is retired.
        #[arg(long, default_value_t = 90)]
        retire_in: u32,
        /// With --format sql: the dialect of the migration (`auto`: the new contract's
        /// servers, else postgres).
        #[arg(long, default_value = "auto")]
        dialect: String,
    },
    /// Draw the data mesh of a folder: products, the contracts of their ports and who reads
    /// what, with its gaps (contracts nobody reads, missing contracts, products owned by one
    /// person, without support or a freshness promise). Exit 2 on usage or I/O errors.
    Graph {
        /// A folder of contracts and manifests (read recursively), or files.
        #[arg(required = true)]
        paths: Vec<String>,
        #[arg(long, value_enum, default_value_t = GraphFormat::Text)]
        format: GraphFormat,
    },
    /// Export a contract: SQL DDL (--dialect postgres, snowflake, bigquery, databricks, redshift,
    /// mysql, sqlserver, duckdb, trino, oracle, or auto from its servers), JSON Schema, Avro,
    /// Protobuf, dbt models or sources with tests, a Mermaid ER diagram, Markdown, the preview
    /// page (html) or JSON. Prints it, or writes it with -o.
    /// Exit 2 on usage or I/O errors, or when FILE is not a contract.
    Export {
        /// The contract (`-` for standard input).
        #[arg(required_unless_present = "types")]
        file: Option<String>,
        #[arg(long, value_enum, default_value_t = ExportFormat::Sql)]
        format: ExportFormat,
        /// The SQL dialect (`auto`: from the contract's servers, else postgres).
        #[arg(long, default_value = "auto")]
        dialect: String,
        /// The SQL schema to create the tables in.
        #[arg(long)]
        schema: Option<String>,
        /// JSON Schema and Avro: the schema of this one object alone (one schema per object)
        /// instead of one document for all.
        #[arg(long)]
        object: Option<String>,
        /// With --format odcs: the ODCS version to convert to (v3.0.0 ... v3.2.0).
        #[arg(long, required_if_eq("format", "odcs"))]
        version: Option<String>,
        /// With --format odcs: remove the keys the target version doesn't have (each is
        /// named on standard error) instead of refusing.
        #[arg(long)]
        lossy: bool,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<String>,
        /// Print the reference page of the SQL type mapping (Markdown) instead.
        #[arg(long)]
        types: bool,
    },
    /// Make a contract (ODCS v3.2.0 YAML that passes validation) from another description of
    /// the data: a CREATE TABLE script (tables, types, NOT NULL, keys, unique, foreign keys,
    /// comments), a JSON Schema, an Avro schema or a Data Contract Specification (DCS 1.x)
    /// datacontract.yaml. Without --from, the kind is read from the file's name and content.
    /// Exit 2 on usage or I/O errors, or when FILE describes no table or record.
    Import {
        /// The file (`-` for standard input).
        file: String,
        /// What FILE is written in (default: from its name and content).
        #[arg(long, value_enum)]
        from: Option<ImportFrom>,
        /// The SQL dialect the script is written in (else a generic reading).
        #[arg(long)]
        dialect: Option<String>,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<String>,
    },
    /// Print the value at POINTER as JSON (the data the official schemas see). POINTER is a JSON
    /// pointer (`/schema/0/properties/3/required`) or a name path (`/schema/orders/properties/order_id`);
    /// without it, the whole document. Exit 2 when the pointer leads nowhere.
    Get {
        file: String,
        pointer: Option<String>,
    },
    /// Set the value at POINTER to VALUE (a YAML scalar: `1.1.0`, `true`, `"quoted"`), changing only
    /// those bytes: comments, order and quoting elsewhere stay. A string stays a string; a missing
    /// last key is added to its mapping. Edits FILE in place, or prints the result with --stdout.
    Set {
        file: String,
        pointer: String,
        value: String,
        #[arg(long)]
        stdout: bool,
    },
    /// Remove the entry or list item at POINTER, with the comment lines directly above it.
    Unset {
        file: String,
        pointer: String,
        #[arg(long)]
        stdout: bool,
    },
    /// Add YAML at POINTER: an item appended to a list (or inserted at position --at), or
    /// `key: value` entries appended to a mapping.
    Add {
        file: String,
        pointer: String,
        yaml: String,
        /// Insert the list item at this position (0 is first) instead of appending it.
        #[arg(long)]
        at: Option<usize>,
        #[arg(long)]
        stdout: bool,
    },
    /// Rename the key at POINTER to NEW_KEY; its value and comments stay.
    Rename {
        file: String,
        pointer: String,
        new_key: String,
        #[arg(long)]
        stdout: bool,
    },
    /// Move the list item at POINTER to position TO of its list (0 is first), with its comments.
    Move {
        file: String,
        pointer: String,
        to: usize,
        #[arg(long)]
        stdout: bool,
    },
    /// List the change rules of `charter diff` (`--markdown` prints the reference page).
    Rules {
        #[arg(long)]
        markdown: bool,
    },
    /// Print a generated valid contract of the given size (for benchmarks and timing).
    #[command(hide = true)]
    Generate {
        #[arg(long, default_value_t = 10)]
        tables: usize,
        #[arg(long, default_value_t = 20)]
        columns: usize,
    },
    /// List the diagnostic codes and lint rules (`--markdown` prints the reference page).
    Codes {
        #[arg(long)]
        markdown: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffMode {
    /// Protect consumers (readers): the default.
    Backward,
    /// Protect producers (writers).
    Forward,
    /// Protect both.
    Full,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum LintFailOn {
    /// Fail when a contract has an error (a policy can raise rules to errors).
    Error,
    /// Fail on warnings too.
    Warning,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum FailOn {
    Breaking,
    Warning,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Text,
    Json,
    Markdown,
    Sarif,
    Github,
    /// A deprecation notice for the consumers of a breaking change (Markdown).
    Notice,
    /// The migration SQL from the base's tables to the new one's (ALTER TABLE...).
    Sql,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportFormat {
    Sql,
    Jsonschema,
    Avro,
    Protobuf,
    Dbt,
    DbtSources,
    Mermaid,
    Markdown,
    Html,
    Json,
    /// The contract itself in another ODCS v3 version (--version).
    Odcs,
}

#[derive(Clone, Copy, ValueEnum)]
enum ImportFrom {
    Sql,
    Jsonschema,
    Avro,
    Dcs,
}

#[derive(Clone, Copy, ValueEnum)]
enum GraphFormat {
    Text,
    Json,
    Mermaid,
    Dot,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub workflow annotations.
    Github,
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
        Command::Validate {
            files,
            format,
            policy,
        } => ExitCode::from(match load_policy(policy.as_deref()) {
            Ok(p) => validate(&files, format, p.as_ref(), LintFailOn::Error),
            Err(code) => code,
        }),
        Command::Lint {
            files,
            policy,
            fail_on,
            format,
        } => ExitCode::from(match load_policy(policy.as_deref()) {
            Ok(p) => validate(&files, format, p.as_ref(), fail_on),
            Err(code) => code,
        }),
        Command::Diff {
            base,
            new,
            mode,
            fail_on,
            format,
            workspace,
            retire_in,
            dialect,
        } => ExitCode::from(diff(
            &base,
            &new,
            mode,
            fail_on,
            format,
            workspace.as_deref(),
            (retire_in, dialect.as_str()),
        )),
        Command::Graph { paths, format } => ExitCode::from(graph(&paths, format)),
        Command::Import {
            file,
            from,
            dialect,
            output,
        } => ExitCode::from(import(&file, from, dialect.as_deref(), output.as_deref())),
        Command::Export {
            file,
            format,
            dialect,
            schema,
            object,
            version,
            lossy,
            output,
            types,
        } => ExitCode::from(if types {
            print!("{}", charter_core::export::sql::types_markdown());
            VALID
        } else if let (ExportFormat::Odcs, Some(v)) = (format, version.as_deref()) {
            convert(file.as_deref().unwrap_or("-"), v, lossy, output.as_deref())
        } else {
            export(
                file.as_deref().unwrap_or("-"),
                format,
                &dialect,
                (schema, object),
                output.as_deref(),
            )
        }),
        Command::Rules { markdown } => {
            if markdown {
                print!("{}", diff::rules::markdown());
            } else {
                for r in diff::rules::ALL {
                    println!(
                        "{:<26} consumers: {:<8} producers: {:<8} {}",
                        r.id,
                        r.consumers.as_str(),
                        r.producers.as_str(),
                        r.why
                    );
                }
            }
            ExitCode::from(VALID)
        }
        Command::Get { file, pointer } => ExitCode::from(get(&file, pointer.as_deref())),
        Command::Set {
            file,
            pointer,
            value,
            stdout,
        } => ExitCode::from(edit_file(&file, stdout, |d| {
            // A new key goes at its place in the standard's key order.
            charter_core::edit::set_in_order(d, &pointer, &value)
        })),
        Command::Unset {
            file,
            pointer,
            stdout,
        } => ExitCode::from(edit_file(&file, stdout, |d| {
            charter_core::edit::unset(d, &pointer)
        })),
        Command::Add {
            file,
            pointer,
            yaml,
            at,
            stdout,
        } => ExitCode::from(edit_file(&file, stdout, |d| match at {
            Some(i) => charter_core::edit::insert(d, &pointer, i, &yaml),
            None => charter_core::edit::add(d, &pointer, &yaml),
        })),
        Command::Rename {
            file,
            pointer,
            new_key,
            stdout,
        } => ExitCode::from(edit_file(&file, stdout, |d| {
            charter_core::edit::rename(d, &pointer, &new_key)
        })),
        Command::Move {
            file,
            pointer,
            to,
            stdout,
        } => ExitCode::from(edit_file(&file, stdout, |d| {
            charter_core::edit::move_item(d, &pointer, to)
        })),
        Command::Generate { tables, columns } => {
            print!("{}", charter_core::gen::contract(tables, columns));
            ExitCode::from(VALID)
        }
        Command::Codes { markdown } => {
            if markdown {
                print!("{}{}", codes::markdown(), charter_core::lint::markdown());
            } else {
                for c in codes::ALL {
                    println!("{:<28} {:<8} {}", c.id, c.severity.as_str(), c.why);
                }
                for r in charter_core::lint::ALL {
                    println!("{:<28} {:<8} {}", r.id, r.level.as_str(), r.why);
                }
            }
            ExitCode::from(VALID)
        }
    }
}

/// `charter get`: the value at a pointer, as JSON.
fn get(file: &str, pointer: Option<&str>) -> u8 {
    let text = match read_text(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return USAGE_OR_IO;
        }
    };
    let doc = charter_core::yaml::parse(&text);
    if let Some(e) = doc
        .errors
        .iter()
        .find(|e| e.kind == charter_core::yaml::YamlErrorKind::Syntax)
    {
        eprintln!(
            "error: {file}:{}:{}: {}",
            e.span.start.line, e.span.start.col, e.message
        );
        return USAGE_OR_IO;
    }
    let Some(root) = doc.root.as_ref() else {
        eprintln!("error: {file} is empty");
        return USAGE_OR_IO;
    };
    match charter_core::pointer::resolve(root, pointer.unwrap_or("")) {
        Ok((node, _)) => {
            println!(
                "{}",
                serde_json::to_string_pretty(&node.to_json()).unwrap_or_default()
            );
            VALID
        }
        Err(e) => {
            eprintln!("error: {file}: {e}");
            USAGE_OR_IO
        }
    }
}

/// `charter set|unset|add|rename|move`: the minimal text edits, written back (or printed).
fn edit_file(
    file: &str,
    stdout: bool,
    f: impl Fn(
        &charter_core::yaml::Document,
    ) -> Result<Vec<charter_core::edit::TextEdit>, charter_core::edit::EditError>,
) -> u8 {
    let text = match read_text(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {e}");
            return USAGE_OR_IO;
        }
    };
    let doc = charter_core::yaml::parse(&text);
    let edits = match f(&doc) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("error: {file}: {e}");
            return USAGE_OR_IO;
        }
    };
    let out = charter_core::edit::apply(&text, &edits);
    if stdout || file == "-" {
        print!("{out}");
        return VALID;
    }
    match std::fs::write(file, out) {
        Ok(()) => VALID,
        Err(e) => {
            eprintln!("error: could not write {file}: {e}");
            USAGE_OR_IO
        }
    }
}

/// Read a file (or stdin for `-`) as UTF-8 text, with a message that says how to fix failures.
fn read_text(path: &str) -> Result<String, String> {
    read_checked(path).map_err(|(_, msg)| msg)
}

/// [`read_text`], saying why it can't on standard error (the exit code then).
fn read_or_say(path: &str) -> Result<String, u8> {
    read_text(path).map_err(|msg| {
        eprintln!("charter: error: {msg}");
        USAGE_OR_IO
    })
}

/// Read a file (`-`: standard input) as UTF-8 text, stopping at the size limit so an
/// endless input (`/dev/zero`) is one clear error. `Err` carries the code to report.
fn read_checked(path: &str) -> Result<String, (&'static codes::Code, String)> {
    use charter_core::yaml::{too_large_message, MAX_INPUT_BYTES};
    let limit = MAX_INPUT_BYTES as u64 + 1;
    let mut bytes = Vec::new();
    let res = if path == "-" {
        std::io::stdin().take(limit).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(limit).read_to_end(&mut bytes))
    };
    let name = display_name(path);
    res.map_err(|e| (&codes::INPUT_UNREADABLE, format!("cannot read {name}: {e}")))?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err((
            &codes::INPUT_TOO_LARGE,
            format!("{name}: {}", too_large_message()),
        ));
    }
    let encoding = match bytes.as_slice() {
        [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => Some("UTF-16"),
        [0, 0, 0xFE, 0xFF, ..] => Some("UTF-32"),
        _ => None,
    };
    if let Some(enc) = encoding {
        return Err((
            &codes::INPUT_UNREADABLE,
            format!("{name} is {enc} text; save it as UTF-8 and try again"),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let what = if e.as_bytes()[..at.min(8192)].contains(&0) || e.as_bytes().first() == Some(&0)
        {
            "binary data, not text"
        } else {
            "not UTF-8 text"
        };
        (
            &codes::INPUT_UNREADABLE,
            format!(
                "{name} is {what} (invalid byte at offset {at}); save it as UTF-8 and try again"
            ),
        )
    })
}

/// Read the policy file given with --policy. Without one, a policy among the files checked
/// applies, else the built-in one. A policy with errors is a usage error: its problems are
/// printed and nothing is checked.
fn load_policy(path: Option<&str>) -> Result<Option<Policy>, u8> {
    let Some(path) = path else {
        return Ok(None);
    };
    let text = read_text(path).map_err(|msg| {
        eprintln!("charter: error: {msg}");
        USAGE_OR_IO
    })?;
    let (policy, problems) = Policy::parse(&text);
    let errors: Vec<_> = problems
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    if errors.is_empty() {
        return Ok(Some(policy));
    }
    for d in errors {
        eprintln!(
            "{}:{}:{}: error[{}]: {}",
            display_name(path),
            d.span.start.line,
            d.span.start.col,
            d.code,
            d.message
        );
    }
    eprintln!("charter: error: the policy {path} has errors; fix them and run again");
    Err(USAGE_OR_IO)
}

fn validate(files: &[String], format: Format, policy: Option<&Policy>, fail_on: LintFailOn) -> u8 {
    let mut io_failed = false;
    // Each file's text, or the report of why it couldn't be read (that report is part
    // of every output format, so a JSON consumer sees the failure too).
    let read: Vec<(String, Result<String, Report>)> = files
        .iter()
        .map(|path| {
            let text = read_checked(path).map_err(|(code, msg)| {
                eprintln!("charter: error: {msg}");
                io_failed = true;
                charter_core::unreadable(code, msg)
            });
            (display_name(path), text)
        })
        .collect();
    // The files form a workspace, as the editor's open documents do: data product ports
    // are checked against the contracts among them, and a policy applies to all.
    // The texts are handed over: each document keeps its file's text, not a copy.
    let (names, texts): (Vec<(String, Option<Report>)>, Vec<String>) = {
        let mut texts = Vec::new();
        let names = read
            .into_iter()
            .map(|(name, text)| match text {
                Ok(t) => {
                    texts.push(t);
                    (name, None)
                }
                Err(report) => (name, Some(report)),
            })
            .collect();
        (names, texts)
    };
    let mut checked = charter_core::workspace::check_all_owned(texts, policy).into_iter();
    let results: Vec<(String, Report)> = names
        .into_iter()
        .filter_map(|(name, unread)| {
            let report = match unread {
                None => checked.next()?.0,
                Some(report) => report,
            };
            Some((name, report))
        })
        .collect();
    let errors: usize = results.iter().map(|(_, r)| r.errors()).sum();
    let warnings: usize = results.iter().map(|(_, r)| r.warnings()).sum();
    let mut out = std::io::stdout().lock();
    match format {
        Format::Text => {
            for (name, report) in &results {
                // Unreadable input was reported on standard error already.
                let unread = |d: &&charter_core::Diagnostic| {
                    d.code == codes::INPUT_UNREADABLE.id || d.code == codes::INPUT_TOO_LARGE.id
                };
                for d in report.diagnostics.iter().filter(|d| !unread(d)) {
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
                if report.is_valid() {
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
        Format::Sarif => {
            let doc = charter_core::output::sarif(&results);
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&doc).unwrap_or_default()
            );
        }
        Format::Github => {
            let _ = write!(out, "{}", charter_core::output::github(&results));
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
    } else if errors > 0 || (fail_on == LintFailOn::Warning && warnings > 0) {
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

/// Read the base: a file, or `git:REF` for the new file's path at that ref.
fn read_base(base: &str, new: &str) -> Result<String, String> {
    let Some(rev) = base.strip_prefix("git:") else {
        return read_text(base);
    };
    if new == "-" {
        return Err("a git: base needs the new version as a file path, not -".into());
    }
    let out = std::process::Command::new("git")
        .args(["show", &format!("{rev}:./{new}")])
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cannot read {new} at {rev}: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    String::from_utf8(out.stdout).map_err(|_| format!("{new} at {rev} is not UTF-8 text"))
}

/// The YAML files under `path` (a file, or a folder read recursively, hidden folders,
/// `node_modules` and `target` left out), sorted.
fn yaml_files(path: &Path, out: &mut Vec<PathBuf>, depth: usize) -> Result<(), String> {
    if path.is_file() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    if depth > 16 {
        return Ok(());
    }
    let entries =
        std::fs::read_dir(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut found: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    found.sort();
    for p in found {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.is_dir() {
            if !name.starts_with('.') && name != "node_modules" && name != "target" {
                yaml_files(&p, out, depth + 1)?;
            }
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            out.push(p);
        }
    }
    Ok(())
}

/// The mesh of the contracts and manifests under `paths`; files that are not YAML
/// documents of either kind are left out.
fn load_mesh(paths: &[String]) -> Result<charter_core::mesh::Mesh, String> {
    let mut files = Vec::new();
    for p in paths {
        let path = Path::new(p);
        if !path.exists() {
            return Err(format!("{p}: no such file or folder"));
        }
        yaml_files(path, &mut files, 0)?;
    }
    let mut docs = Vec::new();
    for f in &files {
        let Ok(text) = std::fs::read_to_string(f) else {
            eprintln!(
                "charter: warning: {} is not UTF-8 text: left out",
                f.display()
            );
            continue;
        };
        if let Some(root) = charter_core::yaml::parse_data(&text).root {
            docs.push((f.display().to_string(), root));
        }
    }
    Ok(charter_core::mesh::Mesh::build(
        docs.iter().map(|(f, r)| (f.clone(), r)),
    ))
}

/// `charter graph`: the mesh of a folder.
fn graph(paths: &[String], format: GraphFormat) -> u8 {
    let mesh = match load_mesh(paths) {
        Ok(m) => m,
        Err(msg) => {
            eprintln!("charter: error: {msg}");
            return USAGE_OR_IO;
        }
    };
    let out = match format {
        GraphFormat::Json => serde_json::to_string_pretty(&mesh).unwrap_or_default() + "\n",
        GraphFormat::Mermaid => mesh.mermaid(),
        GraphFormat::Dot => mesh.dot(),
        GraphFormat::Text => {
            let mut s = String::new();
            for p in &mesh.products {
                s.push_str(&format!("{} ({})\n", p.name, p.file));
                for i in &p.inputs {
                    s.push_str(&format!(
                        "  reads  {} through {}\n",
                        i.contract.as_deref().unwrap_or("(no contract)"),
                        i.name
                    ));
                }
                for o in &p.outputs {
                    s.push_str(&format!(
                        "  serves {} through {}\n",
                        o.contract.as_deref().unwrap_or("(no contract)"),
                        o.name
                    ));
                }
            }
            for g in &mesh.problems {
                s.push_str(&format!("warning[{}]: {}\n", g.gap.as_str(), g.message));
            }
            s.push_str(&format!(
                "{}, {}, {}\n",
                plural(mesh.products.len(), "data product"),
                plural(mesh.contracts.len(), "contract"),
                plural(mesh.problems.len(), "gap")
            ));
            s
        }
    };
    print!("{out}");
    VALID
}

/// A `--dialect` argument: `auto` (`None`) or a dialect; else a usage error, said.
fn dialect_arg(name: &str) -> Result<Option<charter_core::export::Dialect>, u8> {
    use charter_core::export::{sql::DIALECTS, Dialect};
    if name == "auto" {
        return Ok(None);
    }
    Dialect::parse(name).map(Some).ok_or_else(|| {
        let known: Vec<&str> = DIALECTS.iter().map(|d| d.name()).collect();
        eprintln!(
            "charter: error: unknown dialect `{name}`: use auto or one of {}",
            known.join(", ")
        );
        USAGE_OR_IO
    })
}

/// `charter import`.
fn import(file: &str, from: Option<ImportFrom>, dialect: Option<&str>, output: Option<&str>) -> u8 {
    use charter_core::import::{self, Source};
    let dialect = match dialect.map(dialect_arg).transpose() {
        Ok(d) => d.flatten(),
        Err(code) => return code,
    };
    let text = match read_or_say(file) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let source = match from {
        Some(ImportFrom::Sql) => Source::Sql,
        Some(ImportFrom::Jsonschema) => Source::JsonSchema,
        Some(ImportFrom::Avro) => Source::Avro,
        Some(ImportFrom::Dcs) => Source::Dcs,
        None => match Source::detect(file, &text) {
            Some(s) => s,
            None => {
                eprintln!(
                    "charter: error: {file}: can't tell what this file is; say it with --from sql|jsonschema|avro|dcs"
                );
                return USAGE_OR_IO;
            }
        },
    };
    let stem = if file == "-" {
        "imported".to_string()
    } else {
        import::stem(file)
    };
    match import::import(source, &text, dialect, &stem) {
        Ok(yaml) => write_out(output, &yaml),
        Err(why) => {
            eprintln!("charter: error: {file}: {why}");
            USAGE_OR_IO
        }
    }
}

/// Write `text` to the file `output`, or print it.
fn write_out(output: Option<&str>, text: &str) -> u8 {
    match output {
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => VALID,
            Err(e) => {
                eprintln!("charter: error: cannot write {path}: {e}");
                USAGE_OR_IO
            }
        },
        None => {
            print!("{text}");
            VALID
        }
    }
}

/// `charter export --format odcs --version V`.
fn convert(file: &str, version: &str, lossy: bool, output: Option<&str>) -> u8 {
    let text = match read_or_say(file) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let c = match charter_core::convert::convert(&text, version, lossy) {
        Ok(c) => c,
        Err(why) => {
            eprintln!("charter: error: {file}: {why}");
            return USAGE_OR_IO;
        }
    };
    let v = if version.starts_with('v') {
        version.to_string()
    } else {
        format!("v{version}")
    };
    for l in &c.removed {
        eprintln!(
            "charter: warning: {file}:{}: removed `{}`: {}",
            l.line, l.path, l.message
        );
    }
    if !c.remaining.is_empty() {
        for l in &c.remaining {
            eprintln!("{file}:{}: error: {} ({})", l.line, l.message, l.path);
        }
        let keys_only = !lossy
            && c.remaining
                .iter()
                .all(|l| charter_core::convert::removable_code(l.code));
        eprintln!(
            "charter: error: {v} can't express {} of {file} ({}): {}",
            if c.remaining.len() == 1 {
                "this part".to_string()
            } else {
                format!("these {} parts", c.remaining.len())
            },
            c.from,
            match (keys_only, c.remaining.len()) {
                (true, 1) => "keep the version, or convert with --lossy to remove it",
                (true, _) => "keep the version, or convert with --lossy to remove them",
                (false, 1) => "change it first, or keep the version",
                (false, _) => "change them first, or keep the version",
            }
        );
        return USAGE_OR_IO;
    }
    write_out(output, &c.text)
}

/// `charter export`.
fn export(
    file: &str,
    format: ExportFormat,
    dialect: &str,
    (schema, object): (Option<String>, Option<String>),
    output: Option<&str>,
) -> u8 {
    use charter_core::export::{self, Format};
    let dialect = match dialect_arg(dialect) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let text = match read_or_say(file) {
        Ok(t) => t,
        Err(code) => return code,
    };
    let doc = charter_core::yaml::parse_data(&text);
    let root = match &doc.root {
        Some(r)
            if !doc.incomplete()
                && r.get("kind").and_then(|k| k.as_str()) != Some("DataProduct") =>
        {
            r
        }
        Some(_) if !doc.incomplete() => {
            eprintln!("charter: error: {file} is a data product manifest: export a data contract");
            return USAGE_OR_IO;
        }
        _ => {
            let why = doc
                .errors
                .first()
                .map(|e| format!("line {}: {}", e.span.start.line, e.message))
                .unwrap_or_else(|| "it is empty".into());
            eprintln!("charter: error: {file} can't be read whole ({why}): fix it first (charter validate {file})");
            return USAGE_OR_IO;
        }
    };
    let format = match format {
        ExportFormat::Sql => Format::Sql,
        ExportFormat::Jsonschema => Format::JsonSchema,
        ExportFormat::Avro => Format::Avro,
        ExportFormat::Protobuf => Format::Protobuf,
        ExportFormat::Dbt => Format::Dbt,
        ExportFormat::DbtSources => Format::DbtSources,
        ExportFormat::Mermaid => Format::Mermaid,
        ExportFormat::Markdown => Format::Markdown,
        ExportFormat::Html => Format::Html,
        ExportFormat::Json => Format::Json,
        ExportFormat::Odcs => {
            eprintln!("charter: error: --format odcs needs --version (v3.0.0 ... v3.2.0)");
            return USAGE_OR_IO;
        }
    };
    let out = match export::export(
        root,
        format,
        &export::Options {
            dialect,
            schema,
            object,
        },
    ) {
        Ok(out) => out,
        Err(why) => {
            eprintln!("charter: error: {file}: nothing to export: {why}");
            return USAGE_OR_IO;
        }
    };
    write_out(output, &out)
}

/// Days since 1970-01-01, today.
fn today() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| (d.as_secs() / 86_400) as i64)
        .unwrap_or(0)
}

fn diff(
    base: &str,
    new: &str,
    mode: DiffMode,
    fail_on: FailOn,
    format: DiffFormat,
    workspace: Option<&str>,
    (retire_in, dialect): (u32, &str),
) -> u8 {
    let texts = read_base(base, new).and_then(|b| read_text(new).map(|n| (b, n)));
    let (base_text, new_text) = match texts {
        Ok(t) => t,
        Err(msg) => {
            eprintln!("charter: error: {msg}");
            return USAGE_OR_IO;
        }
    };
    let mode = match mode {
        DiffMode::Backward => diff::Mode::Backward,
        DiffMode::Forward => diff::Mode::Forward,
        DiffMode::Full => diff::Mode::Full,
    };
    // One parse of each side serves the comparison and the checks.
    let (base_doc, new_doc) = (
        charter_core::yaml::parse(&base_text),
        charter_core::yaml::parse(&new_text),
    );
    let mut report = match diff::diff_documents(&base_doc, &new_doc, mode) {
        Ok(r) => r,
        Err(msg) => {
            eprintln!("charter: error: {msg}");
            return USAGE_OR_IO;
        }
    };
    // What each side's checks say comes first.
    diff::with_validity(
        &mut report,
        &charter_core::check_document(&base_doc),
        &charter_core::check_document(&new_doc),
    );
    if let Some(dir) = workspace {
        let mesh = match load_mesh(&[dir.to_string()]) {
            Ok(m) => m,
            Err(msg) => {
                eprintln!("charter: error: --workspace: {msg}");
                return USAGE_OR_IO;
            }
        };
        if let Some(root) = &base_doc.root {
            diff::with_impact(&mut report, root, &mesh);
        }
    }
    let mut out = std::io::stdout().lock();
    let _ = match format {
        DiffFormat::Text => {
            let mut s = String::new();
            for v in &report.validity {
                s.push_str(&format!("note: {}\n", v.message));
            }
            for f in &report.findings {
                let line = f.new_line().or(f.base_line()).unwrap_or(1);
                s.push_str(&format!(
                    "{new}:{line}: {}[{}]: {}\n",
                    f.severity.as_str(),
                    f.rule,
                    f.message
                ));
            }
            if !report.impact.is_empty() {
                let names: Vec<String> = report.impact.iter().map(|h| h.describe()).collect();
                s.push_str(&format!(
                    "Breaks {}: {}\n",
                    plural(report.impact.len(), "product"),
                    names.join(", ")
                ));
            }
            s.push_str(&format!("{}\n", report.headline()));
            write!(out, "{s}")
        }
        DiffFormat::Sql => {
            use charter_core::export::Dialect;
            let (Some(b), Some(n)) = (&base_doc.root, &new_doc.root) else {
                return USAGE_OR_IO;
            };
            let d = match dialect_arg(dialect) {
                Ok(d) => d
                    .or_else(|| Dialect::of_servers(n))
                    .unwrap_or(Dialect::Postgres),
                Err(code) => return code,
            };
            match charter_core::export::migration::migration(b, n, d) {
                Ok(sql) => write!(out, "{sql}"),
                Err(why) => {
                    eprintln!("charter: error: {why}");
                    return USAGE_OR_IO;
                }
            }
        }
        DiffFormat::Notice => write!(
            out,
            "{}",
            diff::render::deprecation_notice(&report, today(), i64::from(retire_in))
        ),
        DiffFormat::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&diff::render::json(&report)).unwrap_or_default()
        ),
        DiffFormat::Markdown => write!(out, "{}", diff::render::markdown(&report)),
        DiffFormat::Sarif => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&diff::render::sarif(&report, new)).unwrap_or_default()
        ),
        DiffFormat::Github => write!(out, "{}", diff::render::github(&report, new)),
    };
    let worst = report
        .findings
        .iter()
        .map(|f| f.severity)
        .max()
        .unwrap_or(Impact::None);
    let failed = match fail_on {
        FailOn::Breaking => worst >= Impact::Breaking,
        FailOn::Warning => worst >= Impact::Warning,
        FailOn::Never => false,
    };
    if failed {
        INVALID
    } else {
        VALID
    }
}

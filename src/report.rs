//! Report formats: human lines, one JSON document, or JSON Lines streamed as found.
//!
//! # The JSON report (`--format json`, `--report FILE`)
//!
//! ```json
//! {
//!   "tool": "tacha", "version": "0.1.0", "schema": 1,
//!   "summary": {
//!     "files_scanned": 3, "bytes_scanned": 5120, "files_skipped": {"binary": 1},
//!     "errors": 0, "findings": 4, "by_category": {"ssn": 1, "email": 3},
//!     "elapsed_ms": 12
//!   },
//!   "findings": [ { "path": "a.log", "start": 10, "end": 21, "line": 1, "column": 11,
//!                   "category": "ssn", "detector": "us_ssn", "confidence": 0.85,
//!                   "masked": "***-**-4399", "fingerprint": "9f…32 hex…" } ],
//!   "skipped": [ {"path": "blob.bin", "reason": "binary"} ],
//!   "errors": [ {"path": "secret/", "message": "Permission denied (os error 13)"} ]
//! }
//! ```
//!
//! Findings may also carry `"test_data": true` (a well-known test or specimen value) and, only
//! with `--show-values`, `"value"`. `--format jsonl` writes the same objects one per line, each
//! with a `type`: `finding`, `skipped`, `error`, and a last `summary` line. Paths that are not
//! valid UTF-8 are written lossily (U+FFFD). Findings in the JSON document are sorted by path
//! and offset; JSON Lines and human output come in the order files finish.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Mutex;
use std::time::Instant;

use rayon::prelude::*;
use serde::Serialize;

use crate::catalog::Category;
use crate::finding::Finding;
use crate::scan::{Event, Sink, SkipReason};

/// Findings of one file rendered per parallel task (a big file's lines are formatted on every
/// core; they are still written in order, under one lock).
const RENDER_PIECE: usize = 4096;

/// Version of the report schema; bumped on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

/// Output format of findings on stdout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `path:line:column: category (confidence) masked`
    Human,
    /// One JSON document at the end.
    Json,
    /// One JSON object per line, streamed.
    Jsonl,
}

/// Run totals.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    /// Files (and stdin) scanned.
    pub files_scanned: u64,
    /// Bytes scanned.
    pub bytes_scanned: u64,
    /// Skipped files per reason.
    pub files_skipped: BTreeMap<&'static str, u64>,
    /// Inputs that failed.
    pub errors: u64,
    /// Findings reported.
    pub findings: u64,
    /// Findings per category.
    pub by_category: BTreeMap<Category, u64>,
    /// Wall time.
    pub elapsed_ms: u64,
}

/// A skipped file in the report.
#[derive(Clone, Debug, Serialize)]
pub struct Skipped {
    /// The file.
    pub path: String,
    /// Why.
    pub reason: SkipReason,
}

/// An error in the report.
#[derive(Clone, Debug, Serialize)]
pub struct ErrorEntry {
    /// The file or directory.
    pub path: String,
    /// What went wrong (never file content).
    pub message: String,
}

/// The whole JSON report.
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    /// Always `tacha`.
    pub tool: &'static str,
    /// tacha's version.
    pub version: &'static str,
    /// [`SCHEMA_VERSION`].
    pub schema: u32,
    /// Totals.
    pub summary: Summary,
    /// Findings sorted by path and offset.
    pub findings: Vec<Finding>,
    /// Skipped files.
    pub skipped: Vec<Skipped>,
    /// Errors.
    pub errors: Vec<ErrorEntry>,
}

/// How colour is decided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and `NO_COLOR` is unset.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Options of the printer.
#[derive(Clone, Debug)]
pub struct PrinterOptions {
    /// What goes to stdout.
    pub format: Format,
    /// Colour human lines.
    pub color: bool,
    /// Print nothing on stdout (exit code only).
    pub quiet: bool,
    /// Keep the whole report (for `--format json` or `--report`).
    pub keep_report: bool,
}

struct State {
    summary: Summary,
    findings: Vec<Finding>,
    skipped: Vec<Skipped>,
    errors: Vec<ErrorEntry>,
    out: Box<dyn Write + Send>,
    broken_pipe: bool,
    write_error: Option<io::Error>,
}

/// A [`Sink`] that prints as events arrive and keeps totals (and the report when needed).
pub struct Printer {
    opts: PrinterOptions,
    state: Mutex<State>,
    started: Instant,
    progress: Option<indicatif::ProgressBar>,
}

impl Printer {
    /// A printer writing to `out`.
    pub fn new(opts: PrinterOptions, out: Box<dyn Write + Send>, progress: bool) -> Printer {
        let progress = progress.then(|| {
            let pb = indicatif::ProgressBar::new_spinner();
            pb.set_style(
                indicatif::ProgressStyle::with_template("{spinner} {elapsed} {msg}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            pb.enable_steady_tick(std::time::Duration::from_millis(200));
            pb
        });
        Printer {
            opts,
            state: Mutex::new(State {
                summary: Summary::default(),
                findings: Vec::new(),
                skipped: Vec::new(),
                errors: Vec::new(),
                out,
                broken_pipe: false,
                write_error: None,
            }),
            started: Instant::now(),
            progress,
        }
    }

    /// Renders the findings of a `Scanned` event as stdout lines (human or JSON Lines), in
    /// parallel pieces, when called from the thread pool (files being scanned): the printer's
    /// lock then only covers copying the bytes out. `None` means "format while writing" (standard
    /// input's blocks, quiet and JSON runs), which keeps memory bounded by the writer's buffer.
    fn render(&self, event: &Event) -> Option<Vec<Vec<u8>>> {
        let Event::Scanned { findings, .. } = event else {
            return None;
        };
        if self.opts.quiet
            || self.opts.format == Format::Json
            || rayon::current_thread_index().is_none()
        {
            return None;
        }
        let render = |piece: &[Finding]| {
            let mut buf = Vec::with_capacity(piece.len() * 256);
            for f in piece {
                self.push_line(&mut buf, f);
            }
            buf
        };
        if findings.len() <= RENDER_PIECE {
            return Some(vec![render(findings)]);
        }
        Some(findings.par_chunks(RENDER_PIECE).map(render).collect())
    }

    /// Appends one finding's stdout line in the chosen format.
    fn push_line(&self, buf: &mut Vec<u8>, f: &Finding) {
        match self.opts.format {
            Format::Jsonl => push_finding_jsonl(buf, f),
            _ => human_line(buf, f, self.opts.color).expect("writing to memory"),
        }
    }

    fn write_event(
        &self,
        st: &mut State,
        event: &Event,
        rendered: Option<Vec<Vec<u8>>>,
    ) -> io::Result<()> {
        if self.opts.quiet {
            return Ok(());
        }
        match (self.opts.format, event) {
            (Format::Human | Format::Jsonl, Event::Scanned { findings, .. }) => match rendered {
                Some(pieces) => {
                    for piece in pieces {
                        st.out.write_all(&piece)?;
                    }
                }
                None => {
                    let mut line = Vec::with_capacity(512);
                    for f in findings {
                        line.clear();
                        self.push_line(&mut line, f);
                        st.out.write_all(&line)?;
                    }
                }
            },
            (Format::Jsonl, Event::Skipped { path, reason }) => {
                write_tagged(
                    &mut st.out,
                    "skipped",
                    &Skipped {
                        path: path.clone(),
                        reason: *reason,
                    },
                )?;
            }
            (Format::Jsonl, Event::Error(e)) => {
                let entry = ErrorEntry {
                    path: e.path().to_string_lossy().into_owned(),
                    message: error_message(e),
                };
                write_tagged(&mut st.out, "error", &entry)?;
            }
            _ => {}
        }
        Ok(())
    }

    /// Finishes the run: writes the summary line or the JSON document, flushes, and returns the
    /// report (findings only when kept).
    pub fn finish(self) -> io::Result<(Report, bool)> {
        if let Some(pb) = &self.progress {
            pb.finish_and_clear();
        }
        let elapsed = self.started.elapsed().as_millis() as u64;
        let mut st = self.state.into_inner().unwrap_or_else(|p| p.into_inner());
        st.summary.elapsed_ms = elapsed;
        st.findings
            .sort_by(|a, b| a.path.cmp(&b.path).then(a.start.cmp(&b.start)));
        st.skipped.sort_by(|a, b| a.path.cmp(&b.path));
        let report = Report {
            tool: "tacha",
            version: env!("CARGO_PKG_VERSION"),
            schema: SCHEMA_VERSION,
            summary: st.summary.clone(),
            findings: std::mem::take(&mut st.findings),
            skipped: std::mem::take(&mut st.skipped),
            errors: std::mem::take(&mut st.errors),
        };
        if let Some(e) = st.write_error.take() {
            return Err(e);
        }
        if st.broken_pipe {
            return Ok((report, true));
        }
        let res = (|| -> io::Result<()> {
            if !self.opts.quiet {
                match self.opts.format {
                    Format::Json => {
                        serde_json::to_writer_pretty(&mut st.out, &report)?;
                        st.out.write_all(b"\n")?;
                    }
                    Format::Jsonl => write_tagged(&mut st.out, "summary", &report.summary)?,
                    Format::Human => {}
                }
            }
            st.out.flush()
        })();
        match res {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok((report, true)),
            Err(e) => Err(e),
            Ok(()) => Ok((report, false)),
        }
    }
}

impl Sink for Printer {
    fn event(&self, event: Event) -> bool {
        let rendered = self.render(&event);
        let mut st = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if st.broken_pipe || st.write_error.is_some() {
            return false;
        }
        match &event {
            Event::Scanned {
                bytes,
                findings,
                done,
                ..
            } => {
                if *done {
                    st.summary.files_scanned += 1;
                }
                st.summary.bytes_scanned += bytes;
                st.summary.findings += findings.len() as u64;
                for f in findings {
                    *st.summary.by_category.entry(f.category).or_insert(0) += 1;
                }
            }
            Event::Skipped { reason, .. } => {
                *st.summary.files_skipped.entry(reason.name()).or_insert(0) += 1
            }
            Event::Error(_) => st.summary.errors += 1,
        }
        if let Some(pb) = &self.progress {
            pb.set_message(format!(
                "{} files, {:.1} MB, {} findings",
                st.summary.files_scanned,
                st.summary.bytes_scanned as f64 / 1e6,
                st.summary.findings
            ));
        }
        if let Err(e) = self.write_event(&mut st, &event, rendered) {
            if e.kind() == io::ErrorKind::BrokenPipe {
                st.broken_pipe = true;
            } else {
                st.write_error = Some(e);
            }
            return false;
        }
        match event {
            Event::Scanned { findings, .. } if self.opts.keep_report => {
                st.findings.extend(findings)
            }
            Event::Skipped { path, reason } if self.opts.keep_report => {
                st.skipped.push(Skipped { path, reason })
            }
            Event::Error(e) => {
                let entry = ErrorEntry {
                    path: e.path().to_string_lossy().into_owned(),
                    message: error_message(&e),
                };
                if self.opts.format != Format::Jsonl && !self.opts.quiet {
                    if let Some(pb) = &self.progress {
                        pb.suspend(|| eprintln!("tacha: {e}"));
                    } else {
                        eprintln!("tacha: {e}");
                    }
                }
                st.errors.push(entry);
            }
            _ => {}
        }
        true
    }
}

fn error_message(e: &crate::error::ScanError) -> String {
    match e {
        crate::error::ScanError::Io { source, .. } => source.to_string(),
        crate::error::ScanError::Walk { message, .. } => message.clone(),
    }
}

fn write_tagged<T: Serialize>(out: &mut dyn Write, kind: &str, value: &T) -> io::Result<()> {
    #[derive(Serialize)]
    struct Tagged<'a, T> {
        #[serde(rename = "type")]
        kind: &'a str,
        #[serde(flatten)]
        value: &'a T,
    }
    serde_json::to_writer(&mut *out, &Tagged { kind, value })?;
    out.write_all(b"\n")
}

/// Appends one finding as a JSON Lines record: byte for byte what [`write_tagged`] writes for it
/// (same field order, same escaping and number formatting, both from serde_json), without the
/// generic map serialisation that `#[serde(flatten)]` costs per finding.
fn push_finding_jsonl(out: &mut Vec<u8>, f: &Finding) {
    out.extend_from_slice(b"{\"type\":\"finding\",\"path\":");
    push_str(out, &f.path);
    out.extend_from_slice(b",\"start\":");
    push_json(out, &f.start);
    out.extend_from_slice(b",\"end\":");
    push_json(out, &f.end);
    out.extend_from_slice(b",\"line\":");
    push_json(out, &f.line);
    out.extend_from_slice(b",\"column\":");
    push_json(out, &f.column);
    out.extend_from_slice(b",\"category\":");
    push_json(out, &f.category);
    out.extend_from_slice(b",\"detector\":");
    push_str(out, &f.detector);
    out.extend_from_slice(b",\"confidence\":");
    push_json(out, &f.confidence);
    out.extend_from_slice(b",\"masked\":");
    push_str(out, f.masked.as_str());
    out.extend_from_slice(b",\"fingerprint\":");
    // Hex digits need no escaping.
    out.push(b'"');
    out.extend_from_slice(&f.fingerprint.hex());
    out.push(b'"');
    if f.test_data {
        out.extend_from_slice(b",\"test_data\":true");
    }
    if let Some(v) = &f.value {
        out.extend_from_slice(b",\"value\":");
        push_json(out, v.as_str());
    }
    out.extend_from_slice(b"}\n");
}

/// A JSON string: copied between quotes when no byte needs escaping (ids, hex fingerprints,
/// most paths and masks), else escaped by serde_json.
fn push_str(out: &mut Vec<u8>, s: &str) {
    let plain = s.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\');
    if plain {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
    } else {
        push_json(out, s);
    }
}

/// One JSON value appended with serde_json (strings, numbers and categories cannot fail).
fn push_json<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    serde_json::to_writer(&mut *out, value).expect("serialising a scalar into memory");
}

fn human_line(out: &mut dyn Write, f: &Finding, color: bool) -> io::Result<()> {
    let value = f
        .value
        .as_deref()
        .map(|v| format!(" = {v}"))
        .unwrap_or_default();
    let test = if f.test_data { " [test data]" } else { "" };
    if color {
        writeln!(
            out,
            "\x1b[35m{}\x1b[0m:\x1b[32m{}\x1b[0m:{}: \x1b[1;31m{}\x1b[0m ({:.2}) {}{}{}",
            f.path,
            f.line,
            f.column,
            f.category.name(),
            f.confidence,
            f.masked,
            test,
            value
        )
    } else {
        writeln!(
            out,
            "{}:{}:{}: {} ({:.2}) {}{}{}",
            f.path,
            f.line,
            f.column,
            f.category.name(),
            f.confidence,
            f.masked,
            test,
            value
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_written_jsonl_matches_serde() {
        let base = Finding {
            path: "dir/\"odd\"\\name\u{1}\u{7f}é\u{fffd}.log".into(),
            start: 12,
            end: 23,
            line: 3,
            column: 18_446_744_073_709_551_615,
            category: Category::Ssn,
            detector: "us_ssn".into(),
            confidence: 0.85,
            masked: "***-**-4399 / <\\**…".into(),
            fingerprint: crate::finding::Fingerprint([
                0x5e, 0x87, 0x56, 0xb2, 0xde, 0xbc, 0x6a, 0xf7, 0xf2, 0x38, 0xb5, 0xb2, 0x98, 0xb5,
                0x91, 0xb9,
            ]),
            test_data: false,
            value: None,
        };
        let mut cases = vec![base.clone()];
        for conf in [0.0, 1.0, 0.5, 0.99, 0.6, 0.07, 1e-7, f32::NAN] {
            cases.push(Finding {
                confidence: conf,
                ..base.clone()
            });
        }
        cases.push(Finding {
            path: "dir \"q\"\\año\u{7f}\u{1}.log".into(),
            masked: "ñ\u{7f}".into(),
            ..base.clone()
        });
        cases.push(Finding {
            test_data: true,
            value: Some("line\nbreak\t\"q\"".into()),
            category: Category::MothersMaidenName,
            ..base.clone()
        });
        for f in &cases {
            assert!(
                serde_json::to_string(f)
                    .unwrap()
                    .contains(r#""fingerprint":"5e8756b2debc6af7f238b5b298b591b9""#)
            );
            let mut want = Vec::new();
            write_tagged(&mut want, "finding", f).unwrap();
            let mut got = Vec::new();
            push_finding_jsonl(&mut got, f);
            assert_eq!(
                String::from_utf8_lossy(&got),
                String::from_utf8_lossy(&want)
            );
        }
    }
}

//! Command-line arguments (clap). Pure description of what the user typed: no I/O here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use tacha::report::{ColorChoice, Format};

/// Find personal data (PII) in files, logs and ticket exports; write redacted copies and reports.
#[derive(Debug, Parser)]
#[command(name = "tacha", version, about, long_about = None, after_help = EXIT_CODES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

const EXIT_CODES: &str = "Exit codes: 0 nothing found, 1 PII found, 2 an error happened (an error outranks findings).\nA closed output pipe ends the run quietly with 0.";

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Scan files, directories or stdin and report the personal data found.
    #[command(after_help = EXIT_CODES)]
    Scan(ScanArgs),
    /// Write redacted copies (or redact in place, or filter stdin to stdout).
    #[command(after_help = EXIT_CODES)]
    Redact(RedactArgs),
    /// List the detectors (id, category, validation, context languages).
    Detectors(DetectorsArgs),
    /// Measure precision, recall and F1 per category on labelled JSON Lines files.
    Eval(EvalArgs),
}

/// Options shared by commands that run the detectors.
#[derive(Debug, Args, Clone)]
pub struct DetectArgs {
    /// Report findings with at least this confidence (0..1).
    #[arg(long, value_name = "F", default_value_t = 0.5, value_parser = parse_confidence)]
    pub min_confidence: f32,
    /// Add detectors from a pattern file (TOML, same schema as patterns/). Repeatable.
    #[arg(long = "patterns", value_name = "FILE")]
    pub patterns: Vec<PathBuf>,
    /// Only these categories (comma-separated, e.g. ssn,email).
    #[arg(long, value_name = "CATEGORIES", value_delimiter = ',')]
    pub only: Vec<String>,
    /// Disable these detector ids (comma-separated; see `tacha detectors`).
    #[arg(long, value_name = "IDS", value_delimiter = ',')]
    pub exclude_detector: Vec<String>,
    /// Key for fingerprints (and hash redaction): a file holding a secret. Else TACHA_KEY, else
    /// a random key per run.
    #[arg(long, value_name = "FILE")]
    pub key_file: Option<PathBuf>,
}

/// `tacha scan`.
#[derive(Debug, Args)]
pub struct ScanArgs {
    /// Files or directories to scan; `-` reads stdin. With no path and piped stdin, reads stdin.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format on stdout.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Also write the JSON report to FILE (atomically).
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Include raw values in the output (off by default: output never leaks PII).
    #[arg(long)]
    pub show_values: bool,
    /// Follow symbolic links while walking directories.
    #[arg(short = 'L', long)]
    pub follow: bool,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    /// When to colour human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Show a progress line on stderr.
    #[arg(long)]
    pub progress: bool,
    /// Print nothing on stdout; only the exit code (and --report) tell the result.
    #[arg(short, long)]
    pub quiet: bool,
    #[command(flatten)]
    pub detect: DetectArgs,
}

/// `tacha redact`.
#[derive(Debug, Args)]
pub struct RedactArgs {
    /// Files or directories; `-` (or no path with piped stdin) filters stdin to stdout.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Write redacted copies under DIR, mirroring the inputs' layout.
    #[arg(long, value_name = "DIR", conflicts_with = "in_place")]
    pub out: Option<PathBuf>,
    /// Rewrite the files themselves, atomically (temp file, fsync, rename; permissions kept).
    #[arg(long)]
    pub in_place: bool,
    /// With --in-place, keep each original as FILE+SUFFIX (a hard link to the original).
    #[arg(long, value_name = "SUFFIX", requires = "in_place")]
    pub backup: Option<String>,
    /// Replacement style: label, mask, partial, hash, fake; or CATEGORY=STYLE (repeatable).
    #[arg(long, value_name = "STYLE", default_value = "label")]
    pub style: Vec<String>,
    /// With --out, write only files that contain findings (others are not copied).
    #[arg(long)]
    pub only_changed: bool,
    /// Show what would be replaced (masked, with the replacement) and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Write a JSON report of the run (files written, counts per category) to FILE.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Follow symbolic links while walking directories.
    #[arg(short = 'L', long)]
    pub follow: bool,
    /// Worker threads (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
    #[command(flatten)]
    pub detect: DetectArgs,
}

/// `tacha detectors`.
#[derive(Debug, Args)]
pub struct DetectorsArgs {
    /// Output format (human or json).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Include detectors from a pattern file. Repeatable.
    #[arg(long = "patterns", value_name = "FILE")]
    pub patterns: Vec<PathBuf>,
}

/// `tacha eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Labelled JSON Lines files.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Output format (human or json).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Also list every false positive and false negative (shows the labelled text).
    #[arg(long)]
    pub errors: bool,
    #[command(flatten)]
    pub detect: DetectArgs,
}

fn parse_confidence(s: &str) -> Result<f32, String> {
    let v: f32 = s.parse().map_err(|_| format!("`{s}` is not a number"))?;
    if (0.0..=1.0).contains(&v) {
        Ok(v)
    } else {
        Err(format!("{v} is outside 0..1"))
    }
}

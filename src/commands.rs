//! The commands behind the CLI: turn arguments into a configured scanner, run it, print.

use std::collections::BTreeMap;
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;

use anyhow::{Context, Result, bail};

use tacha::catalog::{Catalog, Category};
use tacha::engine::Engine;
use tacha::eval;
use tacha::finding::Fingerprinter;
use tacha::report::{ColorChoice, Format, Printer, PrinterOptions, Report};
use tacha::scan::{ScanOptions, Scanner, Source};

use crate::cli::{Cli, Command, DetectArgs, DetectorsArgs, EvalArgs, ScanArgs};

/// Exit code: nothing found.
pub const EXIT_CLEAN: u8 = 0;
/// Exit code: PII found.
pub const EXIT_FOUND: u8 = 1;
/// Exit code: an error happened.
pub const EXIT_ERROR: u8 = 2;

/// Runs a parsed command line and returns the exit code.
pub fn run(cli: Cli) -> Result<u8> {
    match cli.command {
        Command::Scan(args) => scan(args),
        Command::Detectors(args) => detectors(args),
        Command::Eval(args) => eval_cmd(args),
        Command::Redact(args) => crate::redact_cmd::run(args),
    }
}

/// Loads the built-in catalog plus user pattern files and applies the filters.
pub fn load_catalog(detect: &DetectArgs) -> Result<Catalog> {
    let mut catalog = Catalog::builtin().context("loading built-in detectors")?;
    for p in &detect.patterns {
        catalog.add_path(p)?;
    }
    if !detect.only.is_empty() {
        let mut cats = Vec::new();
        for name in &detect.only {
            match Category::from_name(name.trim()) {
                Some(c) => cats.push(c),
                None => bail!(
                    "--only: unknown category `{name}` (known: {})",
                    Category::ALL
                        .iter()
                        .map(|c| c.name())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
        }
        catalog.retain(|d| cats.contains(&d.category));
    }
    for id in &detect.exclude_detector {
        if !catalog.detectors.iter().any(|d| *d.id == **id) {
            bail!("--exclude-detector: unknown detector `{id}` (see `tacha detectors`)");
        }
    }
    catalog.retain(|d| !detect.exclude_detector.iter().any(|x| **x == *d.id));
    if catalog.detectors.is_empty() {
        bail!("no detectors left to run after --only / --exclude-detector");
    }
    Ok(catalog)
}

/// The fingerprint key: `--key-file`, else `TACHA_KEY`, else random.
pub fn fingerprinter(detect: &DetectArgs) -> Result<Fingerprinter> {
    if let Some(path) = &detect.key_file {
        let key = std::fs::read(path).with_context(|| format!("--key-file {}", path.display()))?;
        let key = key.strip_suffix(b"\n").unwrap_or(&key);
        let key = key.strip_suffix(b"\r").unwrap_or(key);
        if key.is_empty() {
            bail!("--key-file {}: the file is empty", path.display());
        }
        return Ok(Fingerprinter::new(key));
    }
    match std::env::var_os("TACHA_KEY") {
        Some(k) if !k.is_empty() => Ok(Fingerprinter::new(k.as_encoded_bytes())),
        _ => Ok(Fingerprinter::random()),
    }
}

fn set_threads(threads: Option<usize>) -> Result<()> {
    if let Some(n) = threads {
        if n == 0 {
            bail!("--threads must be at least 1");
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .context("--threads")?;
    }
    Ok(())
}

/// Resolves the input list: paths as given, `-` for stdin, stdin when nothing is given and it is
/// piped.
pub fn sources(paths: &[std::path::PathBuf]) -> Result<Vec<Source>> {
    if paths.is_empty() {
        if io::stdin().is_terminal() {
            bail!("no input: give files or directories, or pipe data to stdin (see --help)");
        }
        return Ok(vec![Source::Stdin]);
    }
    Ok(paths
        .iter()
        .map(|p| {
            if p == Path::new("-") {
                Source::Stdin
            } else {
                Source::Path(p.clone())
            }
        })
        .collect())
}

fn scan(args: ScanArgs) -> Result<u8> {
    set_threads(args.threads)?;
    let catalog = load_catalog(&args.detect)?;
    let engine = Engine::new(&catalog, args.detect.min_confidence)?;
    let fp = fingerprinter(&args.detect)?;
    let scanner = Scanner::new(
        engine,
        fp,
        ScanOptions {
            follow_links: args.follow,
            show_values: args.show_values,
        },
    );
    let sources = sources(&args.paths)?;

    let stdout = io::stdout();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let opts = PrinterOptions {
        format: args.format,
        color,
        quiet: args.quiet,
        keep_report: args.format == Format::Json || args.report.is_some(),
    };
    let out: Box<dyn Write + Send> = Box::new(io::BufWriter::with_capacity(64 << 10, stdout));
    let progress = args.progress && io::stderr().is_terminal();
    let printer = Printer::new(opts, out, progress);
    scanner.run(&sources, &printer);
    let (report, broken_pipe) = printer.finish().context("writing output")?;
    if let Some(path) = &args.report {
        write_report(path, &report)?;
    }
    if broken_pipe {
        return Ok(EXIT_CLEAN);
    }
    Ok(exit_code(&report))
}

/// 2 on any error, else 1 when anything was found, else 0.
pub fn exit_code(report: &Report) -> u8 {
    if report.summary.errors > 0 {
        EXIT_ERROR
    } else if report.summary.findings > 0 {
        EXIT_FOUND
    } else {
        EXIT_CLEAN
    }
}

/// Writes the JSON report atomically: a temporary file beside it, then a rename.
pub fn write_report(path: &Path, report: &Report) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("--report {}", path.display()))?;
    {
        let mut w = io::BufWriter::new(tmp.as_file_mut());
        serde_json::to_writer_pretty(&mut w, report)
            .with_context(|| format!("--report {}", path.display()))?;
        w.write_all(b"\n")?;
        w.flush()?;
    }
    tmp.as_file()
        .sync_all()
        .with_context(|| format!("--report {}", path.display()))?;
    tmp.persist(path)
        .with_context(|| format!("--report {}", path.display()))?;
    Ok(())
}

fn detectors(args: DetectorsArgs) -> Result<u8> {
    let detect = DetectArgs {
        min_confidence: 0.5,
        patterns: args.patterns,
        only: vec![],
        exclude_detector: vec![],
        key_file: None,
    };
    let catalog = load_catalog(&detect)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    match args.format {
        Format::Json | Format::Jsonl => {
            let rows: Vec<serde_json::Value> = catalog
                .detectors
                .iter()
                .map(|d| {
                    serde_json::json!({
                        "id": d.id,
                        "category": d.category,
                        "description": d.description,
                        "validator": d.validator.map(|v| format!("{v:?}")),
                        "context_required": d.context_required,
                        "languages": d.languages(),
                        "source": d.source,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &rows)?;
            writeln!(out)?;
        }
        Format::Human => {
            writeln!(
                out,
                "{:<22} {:<16} {:<14} {:<8} DESCRIPTION",
                "ID", "CATEGORY", "VALIDATION", "CONTEXT"
            )?;
            for d in &catalog.detectors {
                let validation = match d.validator {
                    Some(v) => format!("{v:?}").to_lowercase(),
                    None => "format".to_string(),
                };
                let langs = d.languages().join("+");
                let ctx = if d.context_required {
                    format!("{langs}!")
                } else {
                    langs
                };
                writeln!(
                    out,
                    "{:<22} {:<16} {:<14} {:<8} {}",
                    d.id,
                    d.category.name(),
                    validation,
                    ctx,
                    d.description
                )?;
            }
        }
    }
    out.flush()?;
    Ok(EXIT_CLEAN)
}

fn eval_cmd(args: EvalArgs) -> Result<u8> {
    let catalog = load_catalog(&args.detect)?;
    let engine = Engine::new(&catalog, args.detect.min_confidence)?;
    let scanner = Scanner::new(engine, Fingerprinter::new(b"eval"), ScanOptions::default());
    let mut counts: BTreeMap<String, eval::Counts> = BTreeMap::new();
    let mut misses = Vec::new();
    let mut examples = 0usize;
    for path in &args.files {
        let file = std::fs::File::open(path).with_context(|| format!("{}", path.display()))?;
        for (i, line) in io::BufReader::new(file).lines().enumerate() {
            let line = line.with_context(|| format!("{}", path.display()))?;
            if line.trim().is_empty() {
                continue;
            }
            let ex: eval::Example = serde_json::from_str(&line)
                .with_context(|| format!("{}:{}: not a labelled example", path.display(), i + 1))?;
            for sp in &ex.spans {
                if sp.start > sp.end || sp.end > ex.text.len() {
                    bail!(
                        "{}:{}: span {}..{} is outside the text",
                        path.display(),
                        i + 1,
                        sp.start,
                        sp.end
                    );
                }
            }
            eval::score(&scanner, &ex, i, &mut counts, &mut misses);
            examples += 1;
        }
    }
    let total = eval::total(&counts);
    let mut out = io::BufWriter::new(io::stdout().lock());
    if args.format == Format::Human {
        writeln!(out, "{examples} examples")?;
        writeln!(
            out,
            "{:<20} {:>6} {:>6} {:>6} {:>9} {:>7} {:>7}",
            "category", "gold", "pred", "tp", "precision", "recall", "f1"
        )?;
        for (name, c) in counts
            .iter()
            .chain(std::iter::once((&"TOTAL".to_string(), &total)))
        {
            let flag = if name != "TOTAL" && !eval::known_category(name) {
                " (unknown category)"
            } else {
                ""
            };
            writeln!(
                out,
                "{:<20} {:>6} {:>6} {:>6} {:>9.3} {:>7.3} {:>7.3}{flag}",
                name,
                c.gold,
                c.predicted,
                c.true_positives,
                c.precision(),
                c.recall(),
                c.f1()
            )?;
        }
        if args.errors {
            for m in &misses {
                writeln!(
                    out,
                    "line {}: {} {}: {:?}",
                    m.example + 1,
                    m.kind,
                    m.category,
                    m.text
                )?;
            }
        }
    } else {
        let rows: BTreeMap<&String, serde_json::Value> = counts
            .iter()
            .map(|(k, c)| (k, serde_json::json!({"counts": c, "precision": c.precision(), "recall": c.recall(), "f1": c.f1()})))
            .collect();
        let doc = serde_json::json!({
            "examples": examples,
            "categories": rows,
            "total": {"counts": total, "precision": total.precision(), "recall": total.recall(), "f1": total.f1()},
            "errors": if args.errors { serde_json::to_value(&misses)? } else { serde_json::Value::Null },
        });
        serde_json::to_writer_pretty(&mut out, &doc)?;
        writeln!(out)?;
    }
    out.flush()?;
    Ok(EXIT_CLEAN)
}

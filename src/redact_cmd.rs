//! `tacha redact`: redacted copies under `--out`, atomic in-place rewrites, or a stdin filter.
//!
//! Originals are never opened for writing unless `--in-place` is given; then each file is
//! replaced atomically (temp file in the same directory, fsync, rename) with its permissions,
//! and `--backup SUFFIX` keeps the original as a hard link. An error or an interrupt (Ctrl-C,
//! SIGTERM) leaves no partial file: temporary files are removed and destinations untouched.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{Context, Result, bail};
use rayon::prelude::*;
use serde::Serialize;

use tacha::catalog::Category;
use tacha::engine::{Engine, Hit};
use tacha::finding::Finding;
use tacha::redact::{Redactor, Style, Styles, redact_stream, write_atomic, write_redacted_upto};
use tacha::scan::{Haystack, ScanOptions, Scanner, Source, display, is_binary};

use crate::cli::RedactArgs;
use crate::commands::{EXIT_CLEAN, EXIT_ERROR, EXIT_FOUND, fingerprinter, load_catalog, sources};

/// Set by the Ctrl-C / SIGTERM handler; writers fail once it is set.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

/// A writer that fails as soon as the run is interrupted, so the temporary file is dropped.
struct Interruptible<'a>(&'a mut dyn Write);

impl Write for Interruptible<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if INTERRUPTED.load(Ordering::Relaxed) {
            // Not ErrorKind::Interrupted: `write_all` retries that kind, forever here.
            return Err(io::Error::other("interrupted by a signal"));
        }
        self.0.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
}

/// Parses `--style` values: `STYLE` sets the default, `CATEGORY=STYLE` an override.
pub fn parse_styles(values: &[String]) -> Result<Styles> {
    let mut styles = Styles::default();
    for v in values {
        match v.split_once('=') {
            Some((cat, style)) => {
                let c = Category::from_name(cat.trim())
                    .with_context(|| format!("--style {v}: unknown category `{cat}`"))?;
                let s = Style::from_name(style.trim()).with_context(|| {
                    format!(
                        "--style {v}: unknown style `{style}` (label, mask, partial, hash, fake)"
                    )
                })?;
                styles.per_category.insert(c, s);
            }
            None => {
                styles.default = Style::from_name(v.trim()).with_context(|| {
                    format!("--style {v}: unknown style (label, mask, partial, hash, fake)")
                })?;
            }
        }
    }
    Ok(styles)
}

#[derive(Serialize)]
struct FileResult {
    path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    output: Option<String>,
    findings: u64,
    by_category: BTreeMap<Category, u64>,
    changed: bool,
}

#[derive(Serialize)]
struct ErrorEntry {
    path: String,
    message: String,
}

#[derive(Serialize, Default)]
struct Summary {
    files_scanned: u64,
    files_written: u64,
    files_skipped: BTreeMap<&'static str, u64>,
    errors: u64,
    findings: u64,
    by_category: BTreeMap<Category, u64>,
}

#[derive(Serialize)]
struct RunReport {
    tool: &'static str,
    version: &'static str,
    schema: u32,
    mode: &'static str,
    summary: Summary,
    files: Vec<FileResult>,
    errors: Vec<ErrorEntry>,
}

struct Job {
    src: PathBuf,
    dest: Option<PathBuf>,
    explicit: bool,
}

/// Runs `tacha redact`.
pub fn run(args: RedactArgs) -> Result<u8> {
    if let Some(n) = args.threads {
        if n == 0 {
            bail!("--threads must be at least 1");
        }
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
            .context("--threads")?;
    }
    let styles = parse_styles(&args.style)?;
    let catalog = load_catalog(&args.detect)?;
    let engine = Engine::new(&catalog, args.detect.min_confidence)?;
    let fp = fingerprinter(&args.detect)?;
    let redactor = Redactor::new(styles, fp.clone());
    let scanner = Scanner::new(
        engine,
        fp,
        ScanOptions {
            follow_links: args.follow,
            show_values: false,
        },
    );
    let srcs = sources(&args.paths)?;

    if srcs.contains(&Source::Stdin) {
        if srcs.len() > 1 {
            bail!("redact: `-` (stdin) cannot be mixed with paths");
        }
        if args.out.is_some() || args.in_place {
            bail!("redact: stdin is filtered to stdout; --out and --in-place take paths");
        }
        return filter_stdin(&scanner, &redactor, &args);
    }
    if args.out.is_none() && !args.in_place && !args.dry_run {
        bail!("redact: say where the copies go: --out DIR, --in-place, or --dry-run to only show");
    }
    let _ = ctrlc::set_handler(|| INTERRUPTED.store(true, Ordering::SeqCst));

    let roots: Vec<PathBuf> = srcs
        .iter()
        .map(|s| match s {
            Source::Path(p) => p.clone(),
            Source::Stdin => unreachable!("handled above"),
        })
        .collect();
    let out_dir = match &args.out {
        Some(dir) => Some(check_out_dir(dir, &roots)?),
        None => None,
    };

    let errors: Mutex<Vec<ErrorEntry>> = Mutex::new(Vec::new());
    let skipped: Mutex<BTreeMap<&'static str, u64>> = Mutex::new(BTreeMap::new());
    let err = |path: &Path, message: String| {
        eprintln!("tacha: {}: {message}", path.display());
        errors
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(ErrorEntry {
                path: display(path),
                message,
            });
    };
    let jobs = plan(&roots, out_dir.as_deref(), args.follow, &err, &skipped)?;

    let results: Vec<(FileResult, Vec<Finding>)> = jobs
        .par_iter()
        .filter_map(|job| {
            if INTERRUPTED.load(Ordering::Relaxed) {
                return None;
            }
            match process(job, &scanner, &redactor, &args) {
                Ok(Some(r)) => Some(r),
                Ok(None) => {
                    *skipped
                        .lock()
                        .unwrap_or_else(|p| p.into_inner())
                        .entry("binary")
                        .or_insert(0) += 1;
                    None
                }
                Err(e) => {
                    err(&job.src, format!("{e:#}"));
                    None
                }
            }
        })
        .collect();
    if INTERRUPTED.load(Ordering::Relaxed) {
        bail!(
            "interrupted: files already finished were written completely, no partial file was left"
        );
    }

    let mut summary = Summary {
        files_skipped: skipped.into_inner().unwrap_or_default(),
        ..Default::default()
    };
    let mut files = Vec::new();
    let mut all_findings = Vec::new();
    for (r, findings) in results {
        summary.files_scanned += 1;
        summary.files_written += u64::from(r.output.is_some() || (args.in_place && r.changed));
        summary.findings += r.findings;
        for (c, n) in &r.by_category {
            *summary.by_category.entry(*c).or_insert(0) += n;
        }
        files.push(r);
        all_findings.extend(findings);
    }
    let errors = errors.into_inner().unwrap_or_default();
    summary.errors = errors.len() as u64;
    files.sort_by(|a, b| a.path.cmp(&b.path));

    if args.dry_run {
        all_findings.sort_by(|a, b| a.path.cmp(&b.path).then(a.start.cmp(&b.start)));
        let mut out = io::BufWriter::new(io::stdout().lock());
        for f in &all_findings {
            let r = writeln!(
                out,
                "{}:{}:{}: {} ({:.2}) {}",
                f.path,
                f.line,
                f.column,
                f.category.name(),
                f.confidence,
                f.masked
            );
            if let Err(e) = r {
                if e.kind() == io::ErrorKind::BrokenPipe {
                    return Ok(EXIT_CLEAN);
                }
                return Err(e.into());
            }
        }
        let _ = out.flush();
    }
    let mode = if args.dry_run {
        "dry_run"
    } else if args.in_place {
        "in_place"
    } else {
        "out"
    };
    let code = if summary.errors > 0 {
        EXIT_ERROR
    } else if summary.findings > 0 {
        EXIT_FOUND
    } else {
        EXIT_CLEAN
    };
    if let Some(path) = &args.report {
        let report = RunReport {
            tool: "tacha",
            version: env!("CARGO_PKG_VERSION"),
            schema: 1,
            mode,
            summary,
            files,
            errors,
        };
        write_atomic(path, None, |w| {
            serde_json::to_writer_pretty(&mut *w, &report).map_err(io::Error::other)?;
            w.write_all(b"\n")
        })
        .with_context(|| format!("--report {}", path.display()))?;
    }
    Ok(code)
}

fn filter_stdin(scanner: &Scanner, redactor: &Redactor, args: &RedactArgs) -> Result<u8> {
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let stdout = io::stdout();
    let mut found = 0u64;
    let mut by_category: BTreeMap<Category, u64> = BTreeMap::new();
    let mut lines: Vec<Finding> = Vec::new();
    let mut on_findings = |fs: Vec<Finding>| {
        found += fs.len() as u64;
        for f in &fs {
            *by_category.entry(f.category).or_insert(0) += 1;
        }
        if args.dry_run {
            lines.extend(fs);
        }
    };
    let res = if args.dry_run {
        redact_stream(
            scanner,
            redactor,
            "-",
            &mut input,
            &mut io::sink(),
            &mut on_findings,
        )
    } else {
        let mut out = io::BufWriter::with_capacity(64 << 10, stdout.lock());
        redact_stream(
            scanner,
            redactor,
            "-",
            &mut input,
            &mut out,
            &mut on_findings,
        )
    };
    match res {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(EXIT_CLEAN),
        Err(e) => return Err(e).context("redacting stdin"),
        Ok(_) => {}
    }
    if args.dry_run {
        let mut out = stdout.lock();
        for f in &lines {
            writeln!(
                out,
                "{}:{}:{}: {} ({:.2}) {}",
                f.path,
                f.line,
                f.column,
                f.category.name(),
                f.confidence,
                f.masked
            )?;
        }
    }
    if let Some(path) = &args.report {
        let summary = Summary {
            files_scanned: 1,
            findings: found,
            by_category: by_category.clone(),
            ..Default::default()
        };
        let files = vec![FileResult {
            path: "-".into(),
            output: Some("-".into()),
            findings: found,
            by_category,
            changed: found > 0,
        }];
        let report = RunReport {
            tool: "tacha",
            version: env!("CARGO_PKG_VERSION"),
            schema: 1,
            mode: "stdout",
            summary,
            files,
            errors: vec![],
        };
        write_atomic(path, None, |w| {
            serde_json::to_writer_pretty(&mut *w, &report).map_err(io::Error::other)?;
            w.write_all(b"\n")
        })
        .with_context(|| format!("--report {}", path.display()))?;
    }
    Ok(if found > 0 { EXIT_FOUND } else { EXIT_CLEAN })
}

/// Absolute, lexically normalised form of a path that may not exist yet: the deepest existing
/// ancestor is canonicalised and the rest appended.
fn resolve(p: &Path) -> io::Result<PathBuf> {
    let abs = if p.is_absolute() {
        p.to_path_buf()
    } else {
        std::env::current_dir()?.join(p)
    };
    let mut norm = PathBuf::new();
    for c in abs.components() {
        match c {
            Component::ParentDir => {
                norm.pop();
            }
            Component::CurDir => {}
            other => norm.push(other),
        }
    }
    let mut existing = norm.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match existing.file_name() {
            Some(name) => rest.push(name.to_owned()),
            None => break,
        }
        existing.pop();
    }
    let mut out = existing.canonicalize()?;
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    Ok(out)
}

/// Refuses an output directory inside an input tree (the copies would be rescanned and could
/// overwrite inputs) and creates it.
fn check_out_dir(dir: &Path, roots: &[PathBuf]) -> Result<PathBuf> {
    let out = resolve(dir).with_context(|| format!("--out {}", dir.display()))?;
    for root in roots {
        let Ok(r) = root.canonicalize() else { continue };
        if r.is_dir() && out.starts_with(&r) {
            bail!(
                "--out {} is inside the input {}: choose a directory outside what is scanned",
                dir.display(),
                root.display()
            );
        }
        if out == r {
            bail!("--out {} is an input file", dir.display());
        }
    }
    std::fs::create_dir_all(&out).with_context(|| format!("--out {}", dir.display()))?;
    Ok(out)
}

/// Lists the files to process and where their copies go.
fn plan(
    roots: &[PathBuf],
    out: Option<&Path>,
    follow: bool,
    err: &dyn Fn(&Path, String),
    skipped: &Mutex<BTreeMap<&'static str, u64>>,
) -> Result<Vec<Job>> {
    let mut jobs = Vec::new();
    let mut dests: HashMap<PathBuf, PathBuf> = HashMap::new();
    let mut inputs: HashSet<PathBuf> = HashSet::new();
    let mut add = |src: PathBuf, rel: PathBuf, explicit: bool, jobs: &mut Vec<Job>| -> Result<()> {
        if let Ok(c) = src.canonicalize() {
            if !inputs.insert(c) {
                return Ok(()); // named twice
            }
        }
        let dest = out.map(|o| o.join(&rel));
        if let Some(d) = &dest {
            if let Some(prev) = dests.insert(d.clone(), src.clone()) {
                bail!(
                    "{} and {} would both be written to {}",
                    prev.display(),
                    src.display(),
                    d.display()
                );
            }
            if src.canonicalize().ok().as_deref() == Some(d.as_path()) {
                bail!("{}: the output path is the input itself", src.display());
            }
        }
        jobs.push(Job {
            src,
            dest,
            explicit,
        });
        Ok(())
    };
    for root in roots {
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(e) => {
                err(root, e.to_string());
                continue;
            }
        };
        if !meta.is_dir() {
            let name = root
                .file_name()
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("stdin"));
            add(root.clone(), name, true, &mut jobs)?;
            continue;
        }
        for entry in walkdir::WalkDir::new(root)
            .follow_links(follow)
            .sort_by_file_name()
        {
            match entry {
                Err(e) => {
                    let p = e
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.clone());
                    err(
                        &p,
                        e.io_error()
                            .map(|i| i.to_string())
                            .unwrap_or_else(|| e.to_string()),
                    );
                }
                Ok(entry) => {
                    let ft = entry.file_type();
                    if ft.is_dir() {
                        continue;
                    }
                    if !ft.is_file() {
                        let reason = if ft.is_symlink() {
                            "symlink"
                        } else {
                            "not_regular"
                        };
                        *skipped
                            .lock()
                            .unwrap_or_else(|p| p.into_inner())
                            .entry(reason)
                            .or_insert(0) += 1;
                        continue;
                    }
                    let rel = entry
                        .path()
                        .strip_prefix(root)
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|_| entry.path().into());
                    add(entry.path().to_path_buf(), rel, false, &mut jobs)?;
                }
            }
        }
    }
    Ok(jobs)
}

/// Redacts one file. `Ok(None)`: skipped as binary (walked, not named).
fn process(
    job: &Job,
    scanner: &Scanner,
    redactor: &Redactor,
    args: &RedactArgs,
) -> Result<Option<(FileResult, Vec<Finding>)>> {
    let file = std::fs::File::open(&job.src)?;
    let meta = file.metadata()?;
    let data = Haystack::open(file, meta.len())?;
    let hay = data.as_bytes();
    if !job.explicit && is_binary(hay) {
        return Ok(None);
    }
    let path = display(&job.src);
    let engine = scanner.engine();
    let mut by_category = BTreeMap::new();
    if args.dry_run {
        // Only a dry run lists findings; a real run counts hits without building (masking and
        // fingerprinting) a finding for each.
        let hits = scanner.hits(hay);
        tally(engine, &hits, &mut by_category);
        let result = FileResult {
            path: path.clone(),
            output: None,
            findings: hits.len() as u64,
            by_category,
            changed: !hits.is_empty(),
        };
        return Ok(Some((result, scanner.hits_to_findings(&path, hay, hits))));
    }
    // Hits come batch by batch, written as they come, so memory holds one batch's hits however
    // large the file. Whether the file changes at all decides whether it is written
    // (--in-place, --only-changed): scan ahead to the first batch with a hit.
    let mut batches = scanner.hit_batches(hay);
    let mut ahead = None;
    for batch in batches.by_ref() {
        tally(engine, &batch.hits, &mut by_category);
        if !batch.hits.is_empty() {
            ahead = Some(batch);
            break;
        }
    }
    let changed = ahead.is_some();
    let mut output = None;
    {
        let redact = |w: &mut dyn Write| -> io::Result<()> {
            let mut w = Interruptible(w);
            let mut pos = 0;
            if let Some(first) = ahead.take() {
                pos = write_redacted_upto(redactor, engine, hay, &first.hits, pos, &mut w)?;
                for batch in batches.by_ref() {
                    tally(engine, &batch.hits, &mut by_category);
                    pos = write_redacted_upto(redactor, engine, hay, &batch.hits, pos, &mut w)?;
                    data.release(pos.min(batch.end));
                }
            }
            w.write_all(&hay[pos..])
        };
        if args.in_place {
            if changed {
                if let Some(suffix) = &args.backup {
                    let mut b = job.src.clone().into_os_string();
                    b.push(suffix);
                    std::fs::hard_link(&job.src, &b).with_context(|| {
                        format!(
                            "--backup: cannot keep the original as {}",
                            PathBuf::from(&b).display()
                        )
                    })?;
                }
                write_atomic(&job.src, Some(meta.permissions()), redact)?;
            }
        } else if let Some(dest) = &job.dest {
            if changed || !args.only_changed {
                if let Some(parent) = dest.parent() {
                    std::fs::create_dir_all(parent)?;
                }
                write_atomic(dest, Some(meta.permissions()), redact)?;
                output = Some(display(dest));
            }
        }
    }
    // Count what no write consumed (a file left as it was has no hits left to count).
    for batch in batches {
        tally(engine, &batch.hits, &mut by_category);
    }
    let result = FileResult {
        path,
        output,
        findings: by_category.values().sum(),
        by_category,
        changed,
    };
    Ok(Some((result, Vec::new())))
}

/// Adds hits to the counts per category.
fn tally(engine: &Engine, hits: &[Hit], by_category: &mut BTreeMap<Category, u64>) {
    for h in hits {
        *by_category.entry(engine.category(h.detector)).or_insert(0) += 1;
    }
}

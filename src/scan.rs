//! Inputs to findings: walks paths, reads or maps files, streams stdin, and runs the engine.
//!
//! Files are scanned in parallel (rayon). A file larger than [`PARALLEL_CHUNK`] is split into
//! chunks at line breaks, each scanned on its own thread with a look-ahead past its end, so one
//! huge log uses every core. Standard input is read in blocks with a bounded buffer, so memory
//! does not grow with input size. Binary files met while walking are skipped and counted; a file
//! named explicitly is always scanned. Invalid UTF-8 never stops a scan: the engine works on
//! bytes. Nothing here prints: results go to a [`Sink`].

use std::fs::File;
use std::io::{self, Read};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::catalog::Category;
use crate::engine::{CONTEXT_BEFORE, Engine, Hit, resolve_overlaps};
use crate::error::ScanError;
use crate::finding::{Finding, Fingerprinter, mask};

/// Files at least this large are memory-mapped instead of read.
pub const MMAP_THRESHOLD: u64 = 4 << 20;
/// Files larger than this are split into chunks of about this size, scanned in parallel.
pub const PARALLEL_CHUNK: usize = 8 << 20;
/// How far a match may run past the end of its chunk (multi-line MRZs, key blocks).
pub const LOOKAHEAD: usize = 64 << 10;
/// Chunks of a large file scanned per batch (see [`Scanner::scan_batches`]): 64 MiB.
pub const BATCH_CHUNKS: usize = 8;
/// Hits turned into findings per parallel task (see [`Scanner::hits_to_findings`]).
pub const FINDINGS_PIECE: usize = 4096;
/// Standard input is read in blocks of this size.
pub const STDIN_BLOCK: usize = 1 << 20;
/// Bytes inspected to decide whether a walked file is binary.
pub const BINARY_PROBE: usize = 8 << 10;

/// Why a file was not scanned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipReason {
    /// A NUL byte in its first 8 KiB (found by walking; a named file is always scanned).
    Binary,
    /// Not a regular file (socket, FIFO, device) found by walking.
    NotRegular,
    /// A symbolic link, not followed without `--follow`.
    Symlink,
}

impl SkipReason {
    /// The name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            SkipReason::Binary => "binary",
            SkipReason::NotRegular => "not_regular",
            SkipReason::Symlink => "symlink",
        }
    }
}

/// What the scanner reports, as it happens.
#[derive(Debug)]
pub enum Event {
    /// A file (or a block of stdin) was scanned; its findings, in order.
    Scanned {
        /// The file's path as given or found (`-` for stdin).
        path: String,
        /// Bytes scanned.
        bytes: u64,
        /// Findings, sorted by position.
        findings: Vec<Finding>,
        /// True when this closes the input (false for an intermediate stdin block).
        done: bool,
    },
    /// A file was skipped.
    Skipped {
        /// The file.
        path: String,
        /// Why.
        reason: SkipReason,
    },
    /// A file could not be scanned; the run goes on.
    Error(ScanError),
}

/// Receives events from scanning threads.
pub trait Sink: Sync {
    /// Handles one event. Returning `false` stops the run (a closed output pipe).
    fn event(&self, event: Event) -> bool;
}

/// Options for a scan.
#[derive(Clone, Debug, Default)]
pub struct ScanOptions {
    /// Follow symbolic links while walking.
    pub follow_links: bool,
    /// Put raw values in findings.
    pub show_values: bool,
}

/// One unit of input: a path or standard input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A file or directory path.
    Path(PathBuf),
}

/// Runs the engine over inputs. Cheap to share across threads.
#[derive(Clone, Debug)]
pub struct Scanner {
    engine: Engine,
    fp: Fingerprinter,
    opts: ScanOptions,
}

/// A regular file to scan, and whether the user named it.
struct Job {
    path: PathBuf,
    explicit: bool,
}

impl Scanner {
    /// A scanner over a compiled engine.
    pub fn new(engine: Engine, fp: Fingerprinter, opts: ScanOptions) -> Scanner {
        Scanner { engine, fp, opts }
    }

    /// The engine.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The fingerprinter (its key also drives `hash` redaction).
    pub fn fingerprinter(&self) -> &Fingerprinter {
        &self.fp
    }

    /// Scans every source, reporting to `sink`. Files are scanned in parallel; stdin is
    /// streamed. Returns when everything is scanned or the sink asked to stop.
    pub fn run(&self, sources: &[Source], sink: &dyn Sink) {
        let stop = AtomicBool::new(false);
        for source in sources {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            match source {
                Source::Stdin => {
                    let stdin = io::stdin();
                    let mut lock = stdin.lock();
                    if let Err(e) = self.scan_stream("-", &mut lock, sink, &stop) {
                        if !sink.event(Event::Error(ScanError::Io {
                            path: "-".into(),
                            source: e,
                        })) {
                            stop.store(true, Ordering::Relaxed);
                        }
                    }
                }
                Source::Path(p) => self.run_path(p, sink, &stop),
            }
        }
    }

    fn run_path(&self, root: &Path, sink: &dyn Sink, stop: &AtomicBool) {
        let emit = |e: Event| {
            if !sink.event(e) {
                stop.store(true, Ordering::Relaxed);
            }
        };
        let meta = match std::fs::metadata(root) {
            Ok(m) => m,
            Err(source) => {
                return emit(Event::Error(ScanError::Io {
                    path: root.to_path_buf(),
                    source,
                }));
            }
        };
        if !meta.is_dir() {
            // Named explicitly: always scanned, whatever it is.
            return self.scan_job(
                &Job {
                    path: root.to_path_buf(),
                    explicit: true,
                },
                sink,
                stop,
            );
        }
        let walker = walkdir::WalkDir::new(root)
            .follow_links(self.opts.follow_links)
            .sort_by_file_name();
        walker.into_iter().par_bridge().for_each(|entry| {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            match entry {
                Err(e) => {
                    let path = e
                        .path()
                        .map(Path::to_path_buf)
                        .unwrap_or_else(|| root.to_path_buf());
                    let message = match e.io_error() {
                        Some(io) => io.to_string(),
                        None => e.to_string(),
                    };
                    emit(Event::Error(ScanError::Walk { path, message }));
                }
                Ok(entry) => {
                    let ft = entry.file_type();
                    if ft.is_dir() {
                        return;
                    }
                    let path = entry.path().to_path_buf();
                    if ft.is_symlink() {
                        // Only reached without --follow (walkdir resolves links when following).
                        emit(Event::Skipped {
                            path: display(&path),
                            reason: SkipReason::Symlink,
                        });
                    } else if !ft.is_file() {
                        emit(Event::Skipped {
                            path: display(&path),
                            reason: SkipReason::NotRegular,
                        });
                    } else {
                        self.scan_job(
                            &Job {
                                path,
                                explicit: false,
                            },
                            sink,
                            stop,
                        );
                    }
                }
            }
        });
    }

    fn scan_job(&self, job: &Job, sink: &dyn Sink, stop: &AtomicBool) {
        let emit = |e: Event| {
            if !sink.event(e) {
                stop.store(true, Ordering::Relaxed);
            }
        };
        let data = match self.open(&job.path, job.explicit) {
            Ok(Some(data)) => data,
            Ok(None) => {
                return emit(Event::Skipped {
                    path: display(&job.path),
                    reason: SkipReason::Binary,
                });
            }
            Err(e) => return emit(Event::Error(e)),
        };
        let path = display(&job.path);
        let mut covered = 0;
        self.scan_batches(&path, data.as_bytes(), &mut |bytes, findings, done| {
            if bytes > 0 {
                covered += bytes as usize;
                data.release(covered);
            }
            emit(Event::Scanned {
                path: path.clone(),
                bytes,
                findings,
                done,
            });
            !stop.load(Ordering::Relaxed)
        });
    }

    /// Opens a file to scan. `Ok(None)` means it was skipped as binary (only when not
    /// explicit).
    fn open(&self, path: &Path, explicit: bool) -> Result<Option<Haystack>, ScanError> {
        let io_err = |source| ScanError::Io {
            path: path.to_path_buf(),
            source,
        };
        let file = File::open(path).map_err(io_err)?;
        let meta = file.metadata().map_err(io_err)?;
        if !meta.is_file() && !explicit {
            return Ok(None);
        }
        let data = Haystack::open(file, meta.len()).map_err(io_err)?;
        if !explicit && is_binary(data.as_bytes()) {
            return Ok(None);
        }
        Ok(Some(data))
    }

    /// Scans one file and returns all its findings. `Ok(None)` means it was skipped as binary
    /// (only when not explicit). A run over paths reports a large file batch by batch instead
    /// (see [`Scanner::scan_batches`]).
    pub fn scan_file(
        &self,
        path: &Path,
        explicit: bool,
    ) -> Result<Option<(u64, Vec<Finding>)>, ScanError> {
        Ok(self.open(path, explicit)?.map(|data| {
            let hay = data.as_bytes();
            (hay.len() as u64, self.scan_bytes(&display(path), hay))
        }))
    }

    /// Scans a whole buffer and hands its findings to `each` in order, batch by batch: `each`
    /// gets the bytes a batch covers, its findings, and whether it is the last. A batch is
    /// [`BATCH_CHUNKS`] chunks (or two per thread, if more), scanned in parallel, so memory
    /// holds one batch's hits and findings however large the file (a log of 29 MB with 260,000
    /// findings had held some 180 MB). Overlaps are resolved as over the whole buffer: the last
    /// hit of a batch, which a hit of the next may overlap, is held back and reported with the
    /// next. Stops early when `each` returns false; returns whether it ran to the end.
    pub fn scan_batches(
        &self,
        path: &str,
        hay: &[u8],
        each: &mut dyn FnMut(u64, Vec<Finding>, bool) -> bool,
    ) -> bool {
        self.batches(path, self.hit_batches(hay), each)
    }

    /// [`Scanner::scan_batches`] over the given batches of hits.
    fn batches(
        &self,
        path: &str,
        batches: HitBatches<'_>,
        each: &mut dyn FnMut(u64, Vec<Finding>, bool) -> bool,
    ) -> bool {
        let shared: Arc<str> = path.into();
        let hay = batches.hay;
        let mut lines = LineCounter::default();
        let mut covered = 0;
        for batch in batches {
            let mut parts = self
                .convert(&shared, hay, &batch.hits, &mut lines)
                .into_iter();
            let mut part = parts.next().unwrap_or_default();
            for next in parts {
                if !each(0, std::mem::replace(&mut part, next), false) {
                    return false;
                }
            }
            if !each((batch.end - covered) as u64, part, batch.last) {
                return false;
            }
            covered = batch.end;
        }
        true
    }

    /// The resolved hits of a whole buffer, batch by batch, as [`Scanner::scan_batches`]
    /// reports them: for work that needs hits rather than findings (redaction), with memory
    /// bounded by a batch.
    pub fn hit_batches<'a>(&'a self, hay: &'a [u8]) -> HitBatches<'a> {
        let per_batch = BATCH_CHUNKS.max(2 * rayon::current_num_threads());
        self.hit_batches_of(hay, PARALLEL_CHUNK, per_batch)
    }

    fn hit_batches_of<'a>(
        &'a self,
        hay: &'a [u8],
        chunk: usize,
        per_batch: usize,
    ) -> HitBatches<'a> {
        HitBatches {
            scanner: self,
            hay,
            chunks: split_chunks(hay, chunk),
            next: 0,
            per_batch,
            carry: None,
        }
    }

    /// Scans an in-memory buffer (a whole file) and returns its findings in order, splitting
    /// large buffers into chunks scanned in parallel.
    pub fn scan_bytes(&self, path: &str, hay: &[u8]) -> Vec<Finding> {
        self.hits_to_findings(path, hay, self.hits(hay))
    }

    /// The engine's hits over a whole buffer, overlaps resolved, in order.
    pub fn hits(&self, hay: &[u8]) -> Vec<Hit> {
        let mut hits = self.chunk_hits(hay, &split_chunks(hay, PARALLEL_CHUNK));
        resolve_overlaps(&mut hits);
        hits
    }

    /// The engine's hits in consecutive chunks of a buffer, scanned in parallel, each with a
    /// look-ahead past its end; overlaps not yet resolved.
    fn chunk_hits(&self, hay: &[u8], chunks: &[Range<usize>]) -> Vec<Hit> {
        let scan = |r: &Range<usize>| {
            let mut v = Vec::new();
            let limit = (r.end + LOOKAHEAD).min(hay.len());
            self.engine.scan(hay, r.clone(), limit, &mut v);
            v
        };
        if chunks.len() == 1 {
            return scan(&chunks[0]);
        }
        let parts: Vec<Vec<Hit>> = chunks.par_iter().map(scan).collect();
        parts.into_iter().flatten().collect()
    }

    /// Turns hits into findings with line, column, mask and fingerprint.
    pub fn hits_to_findings(&self, path: &str, hay: &[u8], hits: Vec<Hit>) -> Vec<Finding> {
        let parts = self.convert(&path.into(), hay, &hits, &mut LineCounter::default());
        if parts.len() == 1 {
            return parts.into_iter().next().unwrap_or_default();
        }
        let mut out = Vec::with_capacity(hits.len());
        for part in parts {
            out.extend(part);
        }
        out
    }

    /// Turns hits into findings, counting lines on from `lines`, in pieces of at most
    /// [`FINDINGS_PIECE`] (one piece, perhaps empty, for few hits). Many hits are converted in
    /// parallel pieces (masks and fingerprints cost about as much as finding the hits); each
    /// piece starts from the line counter as it stands at its first hit, so lines and columns
    /// are those of a serial pass. The pieces are not joined: copying them into one vector
    /// cost a scan some 5% of its time in page faults.
    fn convert(
        &self,
        path: &Arc<str>,
        hay: &[u8],
        hits: &[Hit],
        lines: &mut LineCounter,
    ) -> Vec<Vec<Finding>> {
        let convert = |piece: &[Hit], mut lines: LineCounter| -> Vec<Finding> {
            piece
                .iter()
                .map(|h| {
                    let (line, column) = lines.locate(hay, h.start);
                    self.finding(path, &hay[h.start..h.end], h, h.start as u64, line, column)
                })
                .collect()
        };
        if hits.len() <= FINDINGS_PIECE {
            let out = convert(hits, *lines);
            if let Some(h) = hits.last() {
                let _ = lines.locate(hay, h.start);
            }
            return vec![out];
        }
        let starts: Vec<LineCounter> = hits
            .chunks(FINDINGS_PIECE)
            .map(|piece| {
                let _ = lines.locate(hay, piece[0].start);
                *lines
            })
            .collect();
        hits.par_chunks(FINDINGS_PIECE)
            .zip(starts)
            .map(|(piece, lines)| convert(piece, lines))
            .collect()
    }

    /// Builds the reported finding for a hit whose value starts at absolute offset `start`.
    pub fn finding(
        &self,
        path: &Arc<str>,
        value: &[u8],
        h: &Hit,
        start: u64,
        line: u64,
        column: u64,
    ) -> Finding {
        let d = self.engine.detector(h);
        let category: Category = d.category;
        Finding {
            path: Arc::clone(path),
            start,
            end: start + value.len() as u64,
            line,
            column,
            category,
            detector: Arc::clone(&d.id),
            confidence: h.confidence,
            masked: mask(category, value),
            fingerprint: self.fp.fingerprint(category, value),
            test_data: h.test_data,
            value: self
                .opts
                .show_values
                .then(|| String::from_utf8_lossy(value).into_owned()),
        }
    }

    /// Streams a reader through the engine with a bounded buffer, emitting findings block by
    /// block. Offsets, lines and columns are those of the whole stream.
    pub fn scan_stream(
        &self,
        path: &str,
        reader: &mut dyn Read,
        sink: &dyn Sink,
        stop: &AtomicBool,
    ) -> io::Result<()> {
        let mut stream = Stream::new(STDIN_BLOCK);
        let shared: Arc<str> = path.into();
        loop {
            let fill = stream.fill(reader)?;
            let eof = fill == Fill::Eof;
            let (hits, scanned) = stream.scan(&self.engine, fill);
            let findings: Vec<Finding> = hits
                .iter()
                .map(|(h, line, col)| {
                    let abs = stream.base + h.start as u64;
                    self.finding(&shared, &stream.buf[h.start..h.end], h, abs, *line, *col)
                })
                .collect();
            if !sink.event(Event::Scanned {
                path: path.to_string(),
                bytes: scanned,
                findings,
                done: eof,
            }) {
                stop.store(true, Ordering::Relaxed);
                return Ok(());
            }
            if eof || stop.load(Ordering::Relaxed) {
                return Ok(());
            }
            stream.advance();
        }
    }
}

/// A bounded window over a byte stream: the block being scanned, a look-ahead after it, and a
/// little context before it. Shared by `scan -` and `redact -`.
pub struct Stream {
    /// The buffered bytes.
    pub buf: Vec<u8>,
    /// Absolute stream offset of `buf[0]`.
    pub base: u64,
    /// Where the next scan starts in `buf` (bytes before it are context only).
    pub from: usize,
    /// Where the current scan stops in `buf` (set by `scan`).
    pub cut: usize,
    /// Absolute offset up to which findings have been emitted (a match may run past `cut`).
    pub emitted_until: u64,
    block: usize,
    lines: LineCounter,
    /// The stream's first line (a CSV header gives its columns' names as context).
    header: Option<Vec<u8>>,
}

impl Stream {
    /// A stream reading blocks of `block` bytes.
    pub fn new(block: usize) -> Stream {
        Stream {
            buf: Vec::with_capacity(block + LOOKAHEAD),
            base: 0,
            from: 0,
            cut: 0,
            emitted_until: 0,
            block,
            lines: LineCounter::default(),
            header: None,
        }
    }

    /// Reads until a block plus look-ahead is buffered, the input ends, or (for pipes that
    /// trickle, like `tail -f`) a read comes back short at the end of a line: whatever has
    /// arrived is then processed at once. Returns what ended the fill.
    pub fn fill(&mut self, reader: &mut dyn Read) -> io::Result<Fill> {
        let want = self.from + self.block + LOOKAHEAD;
        let mut chunk = vec![0u8; 64 << 10];
        while self.buf.len() < want {
            let ask = (want - self.buf.len()).min(chunk.len());
            let n = match reader.read(&mut chunk[..ask]) {
                Ok(n) => n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if n == 0 {
                return Ok(Fill::Eof);
            }
            self.buf.extend_from_slice(&chunk[..n]);
            if n < ask && self.buf.last() == Some(&b'\n') {
                return Ok(Fill::Short);
            }
        }
        Ok(Fill::Full)
    }

    /// Scans the current block. Returns hits (positions relative to `buf`) with their line and
    /// column, and the number of bytes this block covers.
    pub fn scan(&mut self, engine: &Engine, fill: Fill) -> (Vec<(Hit, u64, u64)>, u64) {
        self.cut = if fill == Fill::Eof {
            self.buf.len()
        } else if fill == Fill::Short {
            self.from.max(holdback(&self.buf))
        } else {
            let soft = self.buf.len() - LOOKAHEAD;
            match memchr::memrchr(b'\n', &self.buf[self.from..soft]) {
                Some(i) => self.from + i + 1,
                None => soft,
            }
        };
        let mut hits = Vec::new();
        if self.header.is_none()
            && (memchr::memchr(b'\n', &self.buf).is_some() || fill == Fill::Eof)
        {
            let end = memchr::memchr(b'\n', &self.buf)
                .unwrap_or(self.buf.len())
                .min(4096);
            self.header = Some(self.buf[..end].to_vec());
        }
        let header = self.header.as_deref().unwrap_or(&[]);
        engine.scan_with_header(
            &self.buf,
            self.from..self.cut,
            self.buf.len(),
            header,
            &mut hits,
        );
        resolve_overlaps(&mut hits);
        let base = self.base;
        let until = self.emitted_until;
        hits.retain(|h| base + h.start as u64 >= until);
        let mut out = Vec::with_capacity(hits.len());
        for h in hits {
            let (line, col) = self.lines.locate_in(&self.buf, base, h.start);
            self.emitted_until = self.emitted_until.max(base + h.end as u64);
            out.push((h, line, col));
        }
        (out, (self.cut - self.from) as u64)
    }

    /// Drops what has been scanned, keeping a little context before the next block.
    pub fn advance(&mut self) {
        // Count lines through the cut so the counter's position stays inside the kept buffer.
        let _ = self.lines.locate_in(&self.buf, self.base, self.cut);
        let keep_from = self.cut.saturating_sub(CONTEXT_BEFORE);
        self.buf.drain(..keep_from);
        self.base += keep_from as u64;
        self.from = self.cut - keep_from;
        self.cut = self.from;
    }
}

/// What ended a [`Stream::fill`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fill {
    /// A whole block and its look-ahead are buffered.
    Full,
    /// A read came back short at the end of a line (an interactive pipe): process what is here.
    Short,
    /// The input ended.
    Eof,
}

/// Where to stop processing a short read: before an unfinished private-key block or lines that
/// may be the start of a machine-readable zone, which need the next lines to be recognised.
fn holdback(buf: &[u8]) -> usize {
    let mut cut = buf.len();
    if let Some(begin) = memchr::memmem::rfind(buf, b"-----BEGIN") {
        if memchr::memmem::find(&buf[begin..], b"-----END").is_none() {
            cut = cut.min(begin);
        }
    }
    // Up to two trailing lines made only of MRZ characters, 30 or more long.
    let mut end = buf.len();
    for _ in 0..2 {
        let body = &buf[..end.saturating_sub(1)];
        let start = memchr::memrchr(b'\n', body).map_or(0, |i| i + 1);
        let line = &buf[start..end.saturating_sub(1)];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.len() >= 30
            && line
                .iter()
                .all(|&b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'<')
        {
            cut = cut.min(start);
            end = start;
        } else {
            break;
        }
    }
    cut
}

/// Tracks line numbers incrementally as positions increase.
#[derive(Clone, Copy, Debug)]
struct LineCounter {
    /// Absolute position counted up to.
    pos: u64,
    /// Line number (1-based) at `pos`.
    line: u64,
    /// Absolute offset of the start of that line.
    line_start: u64,
}

impl Default for LineCounter {
    fn default() -> Self {
        LineCounter {
            pos: 0,
            line: 1,
            line_start: 0,
        }
    }
}

impl LineCounter {
    /// Line and 1-based byte column of `at` in a whole buffer (positions must not decrease).
    fn locate(&mut self, hay: &[u8], at: usize) -> (u64, u64) {
        self.locate_in(hay, 0, at)
    }

    /// Same, for a buffer whose first byte is at absolute offset `base`.
    fn locate_in(&mut self, buf: &[u8], base: u64, at: usize) -> (u64, u64) {
        let abs = base + at as u64;
        if abs > self.pos {
            let from = (self.pos - base) as usize;
            let seg = &buf[from..at];
            let n = memchr::memchr_iter(b'\n', seg).count() as u64;
            if n > 0 {
                self.line += n;
                let last = memchr::memrchr(b'\n', seg).expect("counted a newline");
                self.line_start = base + (from + last + 1) as u64;
            }
            self.pos = abs;
        }
        (self.line, abs - self.line_start + 1)
    }
}

/// One batch of [`HitBatches`].
#[derive(Debug)]
pub struct HitBatch {
    /// The batch's hits, overlaps resolved, in order.
    pub hits: Vec<Hit>,
    /// The offset the batch's chunks end at: all bytes before it have been scanned.
    pub end: usize,
    /// Whether this is the last batch.
    pub last: bool,
}

/// The resolved hits of a buffer, batch by batch: each batch's chunks scanned in parallel,
/// overlaps resolved as over the whole buffer. The last hit of a batch, which a hit of the
/// next may overlap, is held back and resolved with the next batch.
#[derive(Debug)]
pub struct HitBatches<'a> {
    scanner: &'a Scanner,
    hay: &'a [u8],
    chunks: Vec<Range<usize>>,
    /// Index of the first chunk not yet scanned.
    next: usize,
    per_batch: usize,
    carry: Option<Hit>,
}

impl Iterator for HitBatches<'_> {
    type Item = HitBatch;

    fn next(&mut self) -> Option<HitBatch> {
        if self.next >= self.chunks.len() {
            return None;
        }
        let (from, upto) = (
            self.next,
            (self.next + self.per_batch).min(self.chunks.len()),
        );
        self.next = upto;
        let last = upto == self.chunks.len();
        let mut hits: Vec<Hit> = self.carry.take().into_iter().collect();
        hits.extend(self.scanner.chunk_hits(self.hay, &self.chunks[from..upto]));
        resolve_overlaps(&mut hits);
        if !last {
            self.carry = hits.pop();
        }
        Some(HitBatch {
            hits,
            end: self.chunks[upto - 1].end,
            last,
        })
    }
}

/// Splits a buffer into chunks of about `size` bytes that start right after a line break.
pub fn split_chunks(hay: &[u8], size: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while hay.len() - start > size + size / 2 {
        let target = start + size;
        let end = match memchr::memchr(b'\n', &hay[target..]) {
            Some(i) if i < size / 2 => target + i + 1,
            _ => target,
        };
        out.push(start..end);
        start = end;
    }
    out.push(start..hay.len());
    out
}

/// A NUL byte near the start means binary (the heuristic grep and ripgrep use).
pub fn is_binary(hay: &[u8]) -> bool {
    memchr::memchr(0, &hay[..hay.len().min(BINARY_PROBE)]).is_some()
}

/// The bytes of a file: read into memory, or memory-mapped when large.
pub enum Haystack {
    /// Small files are read.
    Owned(Vec<u8>),
    /// Large files are mapped.
    Mapped(memmap2::Mmap),
}

impl Haystack {
    /// Opens a file's contents.
    pub fn open(mut file: File, len: u64) -> io::Result<Haystack> {
        if len >= MMAP_THRESHOLD {
            // SAFETY: the map is read-only and nothing in tacha writes to it. If another process
            // truncates the file while it is mapped, reading the lost pages raises SIGBUS; that
            // is the same trade-off ripgrep makes for large files, and tacha never writes to a
            // file it has mapped (redaction writes a new file and renames it).
            #[allow(unsafe_code)]
            let map = unsafe { memmap2::Mmap::map(&file) };
            if let Ok(map) = map {
                return Ok(Haystack::Mapped(map));
            }
        }
        let mut buf = Vec::with_capacity(len as usize);
        file.read_to_end(&mut buf)?;
        Ok(Haystack::Owned(buf))
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Haystack::Owned(v) => v,
            Haystack::Mapped(m) => m,
        }
    }

    /// Tells the kernel that the bytes before `upto` (less a margin for look-behind) are done
    /// with, so a mapped file's pages already scanned leave this process's resident memory: a
    /// 1 GB log then costs one batch of pages, not the whole file. Reading them again stays
    /// correct (they fault back in from the file), only slower; a read file keeps its buffer.
    pub fn release(&self, upto: usize) {
        #[cfg(unix)]
        if let Haystack::Mapped(map) = self {
            let upto = upto.saturating_sub(RELEASE_MARGIN).min(map.len());
            if upto == 0 {
                return;
            }
            // SAFETY: MADV_DONTNEED on a read-only file mapping only drops page-table entries:
            // the next read of those bytes faults in the file's pages again, so a slice into
            // the range still reads the file's bytes. Nothing is written through the map.
            #[allow(unsafe_code)]
            let _ =
                unsafe { map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, 0, upto) };
        }
    }
}

/// How far behind a batch's end [`Haystack::release`] keeps pages: more than any context
/// window or hit the next batch looks back on.
const RELEASE_MARGIN: usize = 1 << 20;

/// A path as shown in reports (lossy for non-UTF-8 names).
pub fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_start_after_newlines_and_cover_everything() {
        let hay: Vec<u8> = (0..10_000)
            .flat_map(|i| format!("line {i}\n").into_bytes())
            .collect();
        let chunks = split_chunks(&hay, 1000);
        assert!(chunks.len() > 10);
        assert_eq!(chunks[0].start, 0);
        assert_eq!(chunks.last().unwrap().end, hay.len());
        for w in chunks.windows(2) {
            assert_eq!(w[0].end, w[1].start);
            assert_eq!(hay[w[1].start - 1], b'\n');
        }
    }

    #[test]
    fn line_counter_gives_lines_and_columns() {
        let hay = b"ab\ncd\n\nefg";
        let mut lc = LineCounter::default();
        assert_eq!(lc.locate(hay, 1), (1, 2));
        assert_eq!(lc.locate(hay, 4), (2, 2));
        assert_eq!(lc.locate(hay, 8), (4, 2));
    }

    #[test]
    fn findings_converted_in_parallel_pieces_keep_serial_lines_and_columns() {
        let engine = Engine::new(&crate::catalog::Catalog::builtin().unwrap(), 0.5).unwrap();
        let scanner = Scanner::new(engine, Fingerprinter::new(b"k"), ScanOptions::default());
        let mut text = String::new();
        for i in 0..3 * FINDINGS_PIECE {
            let pad = " ".repeat(i % 7);
            text.push_str(&format!("{pad}user{i}@example.com\n"));
            if i % 5 == 0 {
                text.push('\n');
            }
        }
        let hay = text.as_bytes();
        let findings = scanner.scan_bytes("t", hay);
        assert_eq!(findings.len(), 3 * FINDINGS_PIECE);
        for f in &findings {
            let before = &hay[..f.start as usize];
            let line = 1 + before.iter().filter(|&&b| b == b'\n').count() as u64;
            let line_start = before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            assert_eq!((f.line, f.column), (line, f.start - line_start as u64 + 1));
        }
    }

    /// Every fixture file joined into one buffer, scanned in small chunks all at once and in
    /// batches of those chunks: the same findings, with the same bytes and one `done` at the
    /// end.
    #[test]
    fn batches_give_the_findings_of_a_whole_scan() {
        let engine = Engine::new(&crate::catalog::Catalog::builtin().unwrap(), 0.5).unwrap();
        let scanner = Scanner::new(engine, Fingerprinter::new(b"k"), ScanOptions::default());
        let mut hay = Vec::new();
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
        for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
            let entry = entry.unwrap();
            if entry.file_type().is_file()
                && entry.path().components().all(|c| c.as_os_str() != "binary")
            {
                hay.extend(std::fs::read(entry.path()).unwrap());
            }
        }
        for (chunk, per_batch) in [(2000, 1), (30_000, 3), (200_000, 2)] {
            assert_batches_match_whole(&scanner, &hay, chunk, per_batch, 5000);
        }
        // One long line with no newline to cut at, so chunk edges fall inside values: a hit
        // that runs past a batch's end overlaps a hit the next batch finds in its tail, and
        // only carrying the last hit across the edge resolves the two as a whole scan does.
        let mut line = Vec::new();
        for i in 0..60 {
            line.extend(format!("{LONG_LINE_ITEM}{i}; ").as_bytes());
        }
        for chunk in 1900..1920 {
            assert_batches_match_whole(&scanner, &line, chunk, 1, 100);
        }
    }

    const LONG_LINE_ITEM: &str = "to ana.maria@example.com, IBAN ES91 2100 0418 4502 0005 1332 \
        tel +34 612 345 678 card 4111 1111 1111 1111 dob: 12 de abril de 1985 ref ";

    fn assert_batches_match_whole(
        scanner: &Scanner,
        hay: &[u8],
        chunk: usize,
        per_batch: usize,
        at_least: usize,
    ) {
        let mut hits = scanner.chunk_hits(hay, &split_chunks(hay, chunk));
        resolve_overlaps(&mut hits);
        let whole = scanner.hits_to_findings("t", hay, hits.clone());
        assert!(whole.len() > at_least, "{}", whole.len());
        let (mut found, mut bytes, mut dones) = (Vec::new(), 0, 0);
        let batches = scanner.hit_batches_of(hay, chunk, per_batch);
        let ran = scanner.batches("t", batches, &mut |n, fs, done| {
            assert_eq!(dones, 0, "a batch after the last");
            bytes += n;
            dones += usize::from(done);
            found.extend(fs);
            true
        });
        assert!(ran);
        assert_eq!((bytes, dones), (hay.len() as u64, 1));
        assert_eq!(found.len(), whole.len(), "chunks of {chunk}");
        for (a, b) in found.iter().zip(&whole) {
            assert_eq!(a, b, "chunks of {chunk}");
        }

        // Redaction written batch by batch (as `tacha redact` writes a large file) is the
        // redaction of the whole.
        use crate::redact::{Redactor, Styles, write_redacted, write_redacted_upto};
        let redactor = Redactor::new(Styles::default(), Fingerprinter::new(b"k"));
        let mut want = Vec::new();
        write_redacted(&redactor, scanner.engine(), hay, &hits, &mut want).unwrap();
        let (mut got, mut pos) = (Vec::new(), 0);
        for batch in scanner.hit_batches_of(hay, chunk, per_batch) {
            pos = write_redacted_upto(&redactor, scanner.engine(), hay, &batch.hits, pos, &mut got)
                .unwrap();
        }
        got.extend_from_slice(&hay[pos..]);
        assert!(want != hay, "nothing redacted");
        assert!(got == want, "chunks of {chunk}: batched redaction differs");
    }

    #[test]
    fn released_pages_of_a_mapped_file_read_the_same() {
        use std::io::Write;
        let mut file = tempfile::tempfile().unwrap();
        let text: Vec<u8> = (0..400_000u32)
            .flat_map(|i| format!("line {i} ssn 536-90-4399\n").into_bytes())
            .collect();
        assert!(text.len() as u64 > MMAP_THRESHOLD + 2 * RELEASE_MARGIN as u64);
        file.write_all(&text).unwrap();
        let data = Haystack::open(file, text.len() as u64).unwrap();
        assert!(matches!(data, Haystack::Mapped(_)));
        data.release(text.len() / 2);
        data.release(usize::MAX);
        assert!(data.as_bytes() == text.as_slice());
    }

    #[test]
    fn binary_probe_sees_nul() {
        assert!(is_binary(b"abc\0def"));
        assert!(!is_binary(b"plain text"));
    }
}

//! The match engine: every regex detector in one pass, then validation and context scoring.
//!
//! The detector patterns are compiled into one lazy DFA (leftmost-first, so catalog order is
//! priority) and searched once over the haystack; the matched detector's own reverse DFA finds
//! where each match starts. Two kinds of detector stay out of that union because their
//! generic shapes would match everywhere only to be rejected: column-only detectors run on
//! the fields of the CSV columns named for them and on the values of keys named for them
//! (`crate::keyed`), and detectors that need a context word run
//! only in windows around their words (and in their columns); their hits are merged as one
//! leftmost-first pass would have chosen. For each candidate the engine runs the detector's
//! validator; when the validator rejects, the other detectors that match at the same position are tried (found
//! with one anchored overlapping search), so a rejected SSN never hides a valid routing number
//! over the same bytes. Context words (English and Spanish, accent-insensitive) are looked up
//! at word starts, block by block as candidates advance, and only near candidates of detectors
//! that have context words.
//!
//! Patterns are compiled in ASCII mode: `\d`, `\w`, `\s` and `\b` are ASCII, which the Unicode
//! variants would make about 25 times slower here (`../shared/STYLE.md` §5). A pattern may still
//! use a non-ASCII literal by writing it as `(?u:ñ)`.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ops::Range;
use std::panic::{RefUnwindSafe, UnwindSafe};
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind as AcMatchKind};
use regex_automata::meta::{self, Regex};
use regex_automata::nfa::thompson;
use regex_automata::util::pool::Pool;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input, Match, MatchKind, PatternSet, hybrid};

use crate::catalog::{Catalog, Category, Detector, DetectorKind, NOT_AFTER_WINDOW};
use crate::error::CatalogError;
use crate::people::NamePass;
use crate::validate::{Validator, Verdict};
use crate::{consoletable, keyed, mime, segments, sqldump, urlenc, vcard};

/// Bytes before a candidate searched for context words.
pub const CONTEXT_BEFORE: usize = 80;
/// Bytes after a candidate searched for context words.
pub const CONTEXT_AFTER: usize = 40;
/// Bytes before a candidate searched for negative words ("order", "pedido"...).
pub const NEGATIVE_BEFORE: usize = 32;

/// Words a phrase's key form may leave out: `clave de elector` is keyed `clave_elector`.
const KEY_CONNECTORS: [&str; 3] = ["de", "del", "of"];

/// The reach assumed for a gated detector whose pattern has no longest match.
const GATED_UNBOUNDED: usize = 256;

/// Added to the confidence when a context word is near.
const CONTEXT_BOOST: f32 = 0.25;
/// The least confidence of a candidate with context.
const CONTEXT_FLOOR: f32 = 0.6;
/// Subtracted when a negative word is near.
const NEGATIVE_PENALTY: f32 = 0.45;
/// Factor for a `Weak` verdict.
const WEAK_FACTOR: f32 = 0.6;
/// Factor for a known test value.
const TEST_FACTOR: f32 = 0.7;

fn syntax_config() -> syntax::Config {
    syntax::Config::new().unicode(false).utf8(false).crlf(true)
}

/// The detectors' patterns, in catalog order (pattern `i` is detector `i`).
fn patterns_of(detectors: &[Detector]) -> Vec<&str> {
    detectors.iter().map(|d| d.pattern.as_str()).collect()
}

/// The configuration of the union of all patterns.
fn union_config(kind: MatchKind) -> meta::Config {
    Regex::config()
        .match_kind(kind)
        .which_captures(regex_automata::nfa::thompson::WhichCaptures::Implicit)
        .utf8_empty(false)
        .hybrid_cache_capacity(64 << 20)
}

/// Parses a detector pattern the way the engine compiles it (ASCII mode, bytes).
pub fn parse_pattern(pattern: &str) -> Result<regex_syntax::hir::Hir, Box<regex_syntax::Error>> {
    regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .crlf(true)
        .build()
        .parse(pattern)
        .map_err(Box::new)
}

/// An accepted candidate: a detector, a span and a confidence. Positions are absolute offsets
/// into the haystack the engine was given.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hit {
    /// Index of the detector in the catalog.
    pub detector: u32,
    /// Start byte offset.
    pub start: usize,
    /// End byte offset (exclusive).
    pub end: usize,
    /// 0..=1.
    pub confidence: f32,
    /// A well-known test or specimen value.
    pub test_data: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Owner {
    Detector(u32),
    Negative,
}

/// The compiled catalog. Cheap to share between threads (`Send + Sync`); each `meta::Regex`
/// keeps its own pool of scratch space.
#[derive(Clone, Debug)]
pub struct Engine {
    detectors: Vec<Detector>,
    /// The union of the regex detectors' patterns: the one pass over the bytes. Column-only
    /// and gated detectors are not in it (see [`Engine::scan_columns`] and
    /// [`Engine::scan_gated`]).
    union: Arc<Union>,
    /// Union pattern `i` is detector `union_ids[i]`.
    union_ids: Arc<[u32]>,
    /// Detectors that need a context word (or a column) and are searched only near their
    /// words, with the longest match each can make (see [`Engine::scan_gated`]).
    gated: Arc<[(u32, usize)]>,
    /// Per detector: its index in `gated`, if it is gated.
    gated_of: Arc<[Option<u32>]>,
    /// Per context-automaton pattern: whether a gated or a keyed detector owns it (such
    /// words are collected as the index searches, for [`Engine::scan_gated`]).
    gated_words: Arc<[bool]>,
    /// The gated detectors' words alone, for the stretches the context index never reached
    /// (overlapping, ASCII case-insensitive), and each pattern's context-automaton pattern.
    /// Keyed detectors' words are among them.
    gated_ac: Option<(AhoCorasick, Arc<[u32]>)>,
    /// Per detector: for a keyed one (column-only, with a `value` group), that group's pattern
    /// alone, to read the value of a key that names the detector (see [`Engine::scan_keyed`]).
    keyed: Arc<[Option<regex_syntax::hir::Hir>]>,
    /// The keyed patterns, anchored at both ends, built when first needed.
    keyed_values: Arc<[OnceLock<Option<Regex>>]>,
    /// The same patterns, overlapping (`MatchKind::All`): which detectors match at a position
    /// whose first candidate was rejected. Built on the first rejection.
    all: Arc<OnceLock<Option<Regex>>>,
    /// Each pattern alone, built when first needed (most runs need a few of them).
    singles: Arc<[OnceLock<Option<Regex>>]>,
    ctx: Option<ContextWords>,
    /// For each context automaton pattern: who owns it.
    ctx_owners: Vec<Vec<Owner>>,
    /// Per context word, the keyed detectors whose key it may end (its owners by their own
    /// words).
    key_owners: Vec<Vec<u32>>,
    /// Per detector: its `not_after` regex, compiled.
    not_after: Vec<Option<Regex>>,
    /// Names of a document-type column and of a document-number column (see
    /// [`Detector::document_types`]).
    type_columns: Arc<[String]>,
    number_columns: Arc<[String]>,
    min_confidence: f32,
    max_len: Option<usize>,
    names: Option<NamePass>,
}

impl Engine {
    /// Compiles a catalog. `min_confidence` drops hits below it.
    #[allow(clippy::result_large_err)] // meta::BuildError is the crate's own; built once
    pub fn new(catalog: &Catalog, min_confidence: f32) -> Result<Engine, CatalogError> {
        let pats = patterns_of(&catalog.detectors);
        // Each pattern is parsed once, alone, so a broken one is reported by file and detector;
        // the union is compiled from the parsed patterns. The overlapping set and the
        // single-pattern regexes are built on first use, which keeps start-up short.
        let mut max_len = Some(0usize);
        let mut hirs = Vec::with_capacity(pats.len());
        let mut not_after = Vec::with_capacity(pats.len());
        for d in &catalog.detectors {
            let hir = parse_pattern(&d.pattern).map_err(|e| CatalogError::Detector {
                file: d.source.clone(),
                detector: d.id.to_string(),
                message: e.to_string(),
            })?;
            if d.kind == DetectorKind::Regex {
                max_len = match (max_len, hir.properties().maximum_len()) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
            }
            hirs.push(hir);
            not_after.push(match &d.not_after {
                None => None,
                Some(re) => Some(Regex::builder().syntax(syntax_config()).build(re).map_err(
                    |e| CatalogError::Detector {
                        file: d.source.clone(),
                        detector: d.id.to_string(),
                        message: format!("not_after: {e}"),
                    },
                )?),
            });
        }
        // A detector that needs context and has words is searched near its words only; one
        // without words can only get context from a column (scan_columns).
        // A column-only detector reads the value of a key that names it, as it reads a cell.
        let keyed: Vec<Option<regex_syntax::hir::Hir>> = catalog
            .detectors
            .iter()
            .zip(&hirs)
            .map(|(d, hir)| {
                // A typed detector reads only table rows, whose type it can see.
                (d.kind == DetectorKind::Regex
                    && d.column_context_only
                    && d.document_types.is_empty())
                .then(|| value_hir(hir))
                .flatten()
            })
            .collect();
        let gated: Vec<(u32, usize)> = catalog
            .detectors
            .iter()
            .enumerate()
            .filter(|(_, d)| d.gated())
            .map(|(i, _)| {
                let longest = hirs[i]
                    .properties()
                    .maximum_len()
                    .unwrap_or(GATED_UNBOUNDED);
                (i as u32, longest.min(GATED_UNBOUNDED))
            })
            .collect();
        let mut gated_of = vec![None; catalog.detectors.len()];
        for (g, &(d, _)) in gated.iter().enumerate() {
            gated_of[d as usize] = Some(g as u32);
        }
        let union_ids: Vec<u32> = catalog
            .detectors
            .iter()
            .enumerate()
            .filter(|(_, d)| d.kind == DetectorKind::Regex && !d.column_context_only && !d.gated())
            .map(|(i, _)| i as u32)
            .collect();
        let union_hirs: Vec<_> = union_ids
            .iter()
            .map(|&i| hirs[i as usize].clone())
            .collect();
        let union_pats: Vec<String> = union_ids
            .iter()
            .map(|&i| catalog.detectors[i as usize].pattern.clone())
            .collect();
        let union =
            Union::new(&union_hirs, union_pats).map_err(|message| CatalogError::Detector {
                file: "patterns".into(),
                detector: "(all)".into(),
                message,
            })?;

        // Context automaton: every keyword of every detector plus the negative words, each in
        // its written form, lower case, upper case and accent-folded.
        let mut table = WordTable::default();
        for (i, d) in catalog.detectors.iter().enumerate() {
            for w in d.keywords.en.iter().chain(&d.keywords.es) {
                table.add(w, Owner::Detector(i as u32));
            }
        }
        for w in catalog.negative.en.iter().chain(&catalog.negative.es) {
            table.add(w, Owner::Negative);
        }
        // Keys are written without spaces (`place_of_birth`, `PlaceOfBirth`), often without
        // the connectors of the phrase (`clave_elector`, `numeroDocumento`): a detector's
        // words of several words are also words in those forms. Such a form is found instead
        // of the shorter words it begins with (the automaton takes the longest word at a
        // start), so it also keeps their owners as context (`CuentaBancaria` is still
        // `cuenta`), though not as keys (see `WordTable::add_heir`).
        let mut joined: Vec<(String, Owner, Vec<Owner>)> = Vec::new();
        for (i, d) in catalog.detectors.iter().enumerate() {
            // A detector of words after a prose label (`mother's maiden name is Halvorsen`)
            // gets no key forms unless it reads keyed values: a key's window reaches into the
            // next key's value (`"apellido_materno":"Ruiz","domicilio":"C Juarez 418"`).
            if keyed[i].is_none() && d.validator.is_some_and(|v| v.reads_words()) {
                continue;
            }
            for w in d.keywords.en.iter().chain(&d.keywords.es) {
                let parts: Vec<&str> = w.split(' ').collect();
                if parts.len() < 2 || !parts.iter().all(|p| p.chars().all(char::is_alphanumeric)) {
                    continue;
                }
                let bare: Vec<&str> = parts
                    .iter()
                    .copied()
                    .filter(|p| !KEY_CONNECTORS.contains(&p.to_lowercase().as_str()))
                    .collect();
                // The phrase's own parts, then, when it has connectors, the parts without them
                // (`spaced`: also the spaced form, which the phrase itself is not).
                let forms = std::iter::once((&parts, false))
                    .chain((bare.len() < parts.len()).then_some((&bare, true)));
                for (parts, spaced) in forms {
                    if parts.len() < 2 {
                        continue;
                    }
                    let mut heirs = Vec::new();
                    for n in 1..parts.len() {
                        for sep in [" ", "_", ""] {
                            heirs.extend(table.owners_of(&parts[..n].join(sep)));
                        }
                    }
                    let owner = Owner::Detector(i as u32);
                    if spaced {
                        // A column header may leave the connector out too: `Entidad Nacimiento`.
                        joined.push((parts.join(" "), owner, heirs.clone()));
                    }
                    joined.push((parts.join("_"), owner, heirs.clone()));
                    joined.push((parts.concat(), owner, heirs));
                }
            }
        }
        for (w, owner, heirs) in joined {
            table.add(&w, owner);
            for heir in heirs {
                table.add_heir(&w, heir);
            }
        }
        let WordTable {
            words,
            owners,
            keys,
            ..
        } = table;
        // Only a keyed detector reads the value after a key.
        let key_owners: Vec<Vec<u32>> = keys
            .into_iter()
            .map(|k| {
                k.into_iter()
                    .filter(|&d| keyed[d as usize].is_some())
                    .collect()
            })
            .collect();
        let gated_words: Vec<bool> = owners
            .iter()
            .map(|o| {
                o.iter().any(|w| {
                    matches!(*w, Owner::Detector(d)
                        if catalog.detectors[d as usize].gated() || keyed[d as usize].is_some())
                })
            })
            .collect();
        let gated_list: Vec<u32> = (0..words.len() as u32)
            .filter(|&i| gated_words[i as usize])
            .collect();
        let gated_ac = if gated_list.is_empty() {
            None
        } else {
            let ac = AhoCorasickBuilder::new()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .ascii_case_insensitive(true)
                .match_kind(AcMatchKind::Standard)
                .build(gated_list.iter().map(|&i| &words[i as usize]))
                .map_err(|e| CatalogError::Detector {
                    file: "patterns".into(),
                    detector: "(keywords)".into(),
                    message: e.to_string(),
                })?;
            Some((ac, gated_list.into()))
        };
        let ctx = if words.is_empty() {
            None
        } else {
            Some(
                ContextWords::new(&words).map_err(|e| CatalogError::Detector {
                    file: "patterns".into(),
                    detector: "(keywords)".into(),
                    message: e.to_string(),
                })?,
            )
        };
        let names = match (
            catalog
                .detectors
                .iter()
                .position(|d| d.kind == DetectorKind::Names),
            &catalog.names,
        ) {
            (Some(i), Some(rules)) => Some(NamePass::new(rules, i as u32)?),
            _ => None,
        };
        Ok(Engine {
            names,
            detectors: catalog.detectors.clone(),
            union: Arc::new(union),
            union_ids: union_ids.into(),
            gated: gated.into(),
            gated_of: gated_of.into(),
            gated_words: gated_words.into(),
            gated_ac,
            keyed_values: (0..keyed.len()).map(|_| OnceLock::new()).collect(),
            keyed: keyed.into(),
            not_after,
            all: Arc::new(OnceLock::new()),
            singles: (0..pats.len()).map(|_| OnceLock::new()).collect(),
            ctx,
            ctx_owners: owners,
            key_owners,
            type_columns: catalog.document_type_columns.clone().into(),
            number_columns: catalog.document_number_columns.clone().into(),
            min_confidence,
            max_len,
        })
    }

    /// Detector `pid`'s pattern alone (`None` only if it fails to compile alone, which a
    /// pattern that compiled in the union does not).
    fn single(&self, pid: usize) -> Option<&Regex> {
        self.singles[pid]
            .get_or_init(|| {
                Regex::builder()
                    .syntax(syntax_config())
                    .configure(Regex::config().utf8_empty(false))
                    .build(&self.detectors[pid].pattern)
                    .ok()
            })
            .as_ref()
    }

    /// The union's patterns, overlapping (`MatchKind::All`).
    fn all(&self) -> Option<&Regex> {
        self.all
            .get_or_init(|| {
                Regex::builder()
                    .syntax(syntax_config())
                    .configure(union_config(MatchKind::All))
                    .build_many(&self.union.pats)
                    .ok()
            })
            .as_ref()
    }

    /// The detectors, indexed by [`Hit::detector`].
    pub fn detectors(&self) -> &[Detector] {
        &self.detectors
    }

    /// The detector of a hit.
    pub fn detector(&self, hit: &Hit) -> &Detector {
        &self.detectors[hit.detector as usize]
    }

    /// The longest match any detector can produce, when every pattern is bounded.
    pub fn max_match_len(&self) -> Option<usize> {
        self.max_len
    }

    /// Finds every accepted hit that starts in `range`. Matches may extend up to `limit` (the
    /// look-ahead), and context is read from the whole haystack, so `range` can be one chunk of
    /// a larger buffer. Hits are appended in order and do not overlap.
    pub fn scan(&self, hay: &[u8], range: Range<usize>, limit: usize, out: &mut Vec<Hit>) {
        let first = &hay[..memchr::memchr(b'\n', hay).unwrap_or(hay.len())];
        self.scan_with_header(hay, range, limit, first, out);
    }

    /// Like [`Engine::scan`], with the first line of the document given explicitly (a stream's
    /// buffer no longer holds it). When that line is a CSV/TSV header, a value's column name is
    /// context for it (`dob`, `fecha_nacimiento`, `ssn`).
    pub fn scan_with_header(
        &self,
        hay: &[u8],
        range: Range<usize>,
        limit: usize,
        first_line: &[u8],
        out: &mut Vec<Hit>,
    ) {
        let from = out.len();
        self.scan_plain(hay, range.clone(), limit, first_line, out);
        let plain_end = out.len();
        self.scan_encoded(hay, range.clone(), limit, out);
        self.scan_tables(hay, range.clone(), limit, out);
        if Header::parse(first_line).is_none() {
            self.scan_pasted_tables(hay, range.clone(), limit, from..plain_end, out);
        }
        self.scan_twins(hay, range, limit, from, out);
    }

    /// Tables pasted below some prose (`Here's the export you asked for:` then a TSV header and
    /// rows), whose header is not the document's first line: each is scanned as a document of
    /// its own, so that its column names are context for its cells as a first-line header's
    /// are (`DOB` above `12/02/1985` three rows down). A table is a header line (short cells,
    /// each with a letter, one of them naming a detector) followed by at least one line with as
    /// many cells; it starts in `range` and ends at the first line that has a different count,
    /// or at `range`'s end. Its hits may overlap the plain scan's (the caller resolves them).
    /// The table's reading decides for the detectors that need a word nearby: their plain
    /// hits in its rows (`out[plain]`) that it does not repeat are dropped (the `DOB` of the
    /// header line near the first row's hire date labels another column).
    /// Finding candidates costs two `memchr` calls a line.
    fn scan_pasted_tables(
        &self,
        hay: &[u8],
        range: Range<usize>,
        limit: usize,
        mut plain: Range<usize>,
        out: &mut Vec<Hit>,
    ) {
        let limit = limit.min(hay.len());
        let line_end =
            |from: usize| memchr::memchr(b'\n', &hay[from..limit]).map_or(limit, |i| from + i);
        let cells = |line: &[u8], delim: u8| memchr::memchr_iter(delim, line).count();
        let mut found = Vec::new();
        let mut at = match range.start {
            0 => 0,
            s => match memchr::memchr(b'\n', &hay[s - 1..range.end]) {
                Some(i) => s + i,
                None => return,
            },
        };
        while at < range.end {
            let end = line_end(at);
            let line = &hay[at..end];
            let next = end + 1;
            // A header: short column names, without timestamps or numbers (a log line's are),
            // one naming a detector, and a next line with as many cells.
            let header = (next < limit && memchr::memchr3(b'\t', b';', b',', line).is_some())
                .then(|| Header::parse(line))
                .flatten()
                .map(|h| (h, cells(line, h.delim)))
                .filter(|&(h, n)| {
                    h.fields().all(|f| f.trim_ascii().len() <= 40)
                        && !line
                            .windows(2)
                            .any(|w| w[0].is_ascii_digit() && w[1].is_ascii_digit())
                        && cells(&hay[next..line_end(next)], h.delim) == n
                        && self.columns(h).owners.iter().any(|o| !o.is_empty())
                });
            let Some((h, n)) = header else {
                at = next;
                continue;
            };
            let mut stop = next;
            while stop < limit && stop < range.end {
                let e = line_end(stop);
                if cells(&hay[stop..e], h.delim) != n {
                    break;
                }
                stop = e + 1;
            }
            let stop = stop.min(limit);
            let text = &hay[at..stop];
            let view = out.len();
            self.scan_view(
                text,
                next - at,
                h.line,
                |r| at + r.start..at + r.end,
                &mut found,
                out,
            );
            let repeated: std::collections::HashSet<(u32, usize, usize)> = out[view..]
                .iter()
                .map(|h| (h.detector, h.start, h.end))
                .collect();
            let mut i = 0;
            let before = out.len();
            out.retain(|h| {
                let vetoed = plain.contains(&i)
                    && (next..stop).contains(&h.start)
                    && self.detectors[h.detector as usize].gated()
                    && !repeated.contains(&(h.detector, h.start, h.end));
                i += 1;
                !vetoed
            });
            plain.end -= before - out.len();
            at = stop;
        }
    }

    /// The document number of a passport or ID card whose MRZ was found (hits `out[from..]`),
    /// written again near it: a KYC record's `"number":"Z45333147"` beside its `"mrz"`, a
    /// check-in row's passport column. The MRZ's check digits vouch for the number, so each
    /// occurrence within [`TWIN_WINDOW`] bytes of the MRZ that stands alone (not glued to a
    /// letter or digit) and starts in `range` is reported with the MRZ's detector and category.
    fn scan_twins(
        &self,
        hay: &[u8],
        range: Range<usize>,
        limit: usize,
        from: usize,
        out: &mut Vec<Hit>,
    ) {
        let is_mrz =
            |h: &&Hit| self.detectors[h.detector as usize].validator == Some(Validator::Mrz);
        let mrzs: Vec<Hit> = out[from..].iter().filter(is_mrz).copied().collect();
        for m in mrzs {
            let Some(doc) = crate::validate::mrz_document_number(&hay[m.start..m.end]) else {
                continue;
            };
            let lo = m.start.saturating_sub(TWIN_WINDOW).max(range.start);
            let hi = (m.end + TWIN_WINDOW).min(limit).max(lo);
            for at in memchr::memmem::find_iter(&hay[lo..hi], &doc) {
                let (s, e) = (lo + at, lo + at + doc.len());
                let glued = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric());
                if s >= range.end
                    || (s < m.end && e > m.start)
                    || glued(s.checked_sub(1).and_then(|i| hay.get(i)))
                    || glued(hay.get(e))
                {
                    continue;
                }
                out.push(Hit {
                    start: s,
                    end: e,
                    ..m
                });
            }
        }
    }

    /// Rows of SQL `INSERT` and `COPY` statements with rows starting in `range`, laid out as
    /// tables under their column names (see [`sqldump`]) and scanned like a CSV export, so
    /// that `'Dana'` under `first_name` is a name and `'1979-08-14'` under `birth_date` a date
    /// of birth; and the structured properties of vCards beginning in `range` the same way
    /// (see [`vcard`]: `N:Oduya;Samuel` holds a family and a given name), and the personal
    /// fields of HL7 and X12 segments (see [`segments`]: `NM1*IL*1*HALVORSEN*BRIDGET` holds a
    /// family and a given name). Hits are reported
    /// at the original bytes and may overlap the plain scan's (the caller resolves overlaps).
    fn scan_tables(&self, hay: &[u8], range: Range<usize>, limit: usize, out: &mut Vec<Hit>) {
        let mut found = Vec::new();
        let cards = vcard::views(hay, range.clone(), limit);
        let segments = segments::view(hay, range.clone(), limit);
        let consoles = consoletable::views(hay, range.clone(), limit);
        for v in sqldump::views(hay, range, limit)
            .into_iter()
            .chain(cards)
            .chain(segments)
            .chain(consoles)
        {
            let rows = v.rows_start();
            self.scan_view(&v.text, rows, v.header(), |r| v.source(r), &mut found, out);
        }
    }

    /// URL-encoded tokens (`phone=%2B15125550143`, `name=Jos%C3%A9+P%C3%A9rez`) starting in
    /// `range`: each is decoded and scanned on its own, and what is found there is reported at
    /// the encoded bytes. The hits may overlap the plain scan's (the caller resolves overlaps).
    ///
    /// Quoted-printable e-mail bodies and RFC 2047 encoded words (`=?UTF-8?Q?Ren=C3=A9e?=`,
    /// see [`mime`]) are decoded and scanned the same way.
    fn scan_encoded(&self, hay: &[u8], range: Range<usize>, limit: usize, out: &mut Vec<Hit>) {
        let mut found = Vec::new();
        let url = urlenc::tokens(hay, range.clone(), limit)
            .into_iter()
            .map(|token| (token.start, urlenc::decode(hay, token)));
        for (start, d) in url.chain(mime::regions(hay, range, limit)) {
            let source = |r| {
                let r = d.source(r);
                start + r.start..start + r.end
            };
            self.scan_view(&d.text, 0, b"", source, &mut found, out);
        }
    }

    /// Scans `text[from..]`, a decoded or laid-out view of some of the haystack's bytes with
    /// `first_line` as its header, and appends its hits to `out`, each moved by `source` to the
    /// haystack bytes it stands for. `found` is scratch space.
    fn scan_view(
        &self,
        text: &[u8],
        from: usize,
        first_line: &[u8],
        source: impl Fn(Range<usize>) -> Range<usize>,
        found: &mut Vec<Hit>,
        out: &mut Vec<Hit>,
    ) {
        found.clear();
        self.scan_plain(text, from..text.len(), text.len(), first_line, found);
        out.extend(found.iter().map(|h| {
            let r = source(h.start..h.end);
            Hit {
                start: r.start,
                end: r.end,
                ..*h
            }
        }));
    }

    /// One scan of the text as written (see [`Engine::scan_with_header`]).
    fn scan_plain(
        &self,
        hay: &[u8],
        range: Range<usize>,
        limit: usize,
        first_line: &[u8],
        out: &mut Vec<Hit>,
    ) {
        let columns = Header::parse(first_line).map(|h| self.columns(h));
        let header = columns.as_ref();
        let keywords = RefCell::new(KeywordIndex::new(
            range.start,
            self.gated_ac.is_some().then(|| self.gated_words.clone()),
        ));
        // The header line itself, when the haystack starts with it (a file, a pasted table's
        // view, a stream's first buffer): its words name columns, not nearby values.
        let header_end = match header {
            Some(_)
                if hay.starts_with(first_line)
                    && matches!(hay.get(first_line.len()), None | Some(b'\n' | b'\r')) =>
            {
                first_line.len()
            }
            _ => 0,
        };
        let scope = Scope {
            header,
            header_end,
            keywords: &keywords,
            local: false,
        };
        let base = out.len();
        let limit = limit.min(hay.len()).max(range.end);
        let mut cache = self.union.caches.get();
        let mut set = None;
        // Where each union hit's match began (a label before its value, say), for the merge
        // with the gated detectors' hits.
        let mut from: Vec<usize> = Vec::new();
        self.scan_union(
            hay,
            range.clone(),
            limit,
            &scope,
            &mut cache,
            &mut set,
            out,
            &mut from,
        );
        let scope = Scope {
            local: true,
            ..scope
        };
        let mut gated_hits = self.scan_gated(hay, range.clone(), limit, &scope);
        let mut column_hits = Vec::new();
        if let Some(cols) = header {
            self.scan_columns(
                hay,
                range.clone(),
                limit,
                cols,
                &scope,
                &mut column_hits,
                &mut gated_hits,
            );
        }
        if !gated_hits.is_empty() {
            // Hits are taken in the order one leftmost-first pass over all patterns would
            // try them: by where the match starts (a match may start at a label before its
            // value: `C.I.: E-84.123.456`, `DNI 46027897, RENIEC`), then catalog order. A hit
            // is kept when its value overlaps no value kept before it, since a match may reach
            // past another's value without covering it (`"birth":{"date":"1996-07-01",
            // "country":"India"}` holds a date of birth and a place of birth).
            gated_hits.extend(from.into_iter().zip(out.drain(base..)));
            self.keep_nearer_words(hay, &mut gated_hits);
            gated_hits.sort_by_key(|&(f, h)| (f, h.detector, h.start, h.end));
            let mut kept: std::collections::BTreeMap<usize, usize> = Default::default();
            for (_, h) in gated_hits {
                let before = kept
                    .range(..=h.start)
                    .next_back()
                    .is_some_and(|(_, &e)| e > h.start);
                let after = kept
                    .range(h.start..)
                    .next()
                    .is_some_and(|(&s, _)| s < h.end);
                if !before && !after {
                    kept.insert(h.start, h.end);
                    out.push(h);
                }
            }
            out[base..].sort_by_key(|h| h.start);
        }
        if !column_hits.is_empty() {
            merge_column_hits(out, base, column_hits);
        }
        if let Some(names) = &self.names {
            // A name that overlaps a regex detector's hit yields to it: the regex hit is the
            // more specific reading (`apellido materno: Ruiz`, `born in Jackson`, a password).
            let mid = out.len();
            names.scan(hay, range, limit, header.map(|c| &c.header), out);
            let (regex_hits, name_hits) = out[base..].split_at(mid - base);
            let kept: Vec<Hit> = name_hits
                .iter()
                .filter(|n| {
                    let i = regex_hits.partition_point(|h| h.end <= n.start);
                    regex_hits.get(i).is_none_or(|h| h.start >= n.end)
                })
                .copied()
                .collect();
            out.truncate(mid);
            out.extend(kept);
        }
    }

    /// The one pass of the union over `range`: every accepted hit that starts there, in order,
    /// with where its match began pushed to `from`. A hit whose match begins with a label
    /// before its value (`PID|1||…|…||` before a birth date, `contraseña: ` before a password)
    /// does not hide what that label holds: the stretch between the match start and the
    /// value is searched again, its matches ending before the value (an SSN in an HL7
    /// patient-identifier list before the birth date), and their hits come first. Nor does
    /// what the match reads after its value (the host after a basic-auth URL's password):
    /// the search resumes at the value's end.
    #[allow(clippy::too_many_arguments)]
    fn scan_union(
        &self,
        hay: &[u8],
        range: Range<usize>,
        limit: usize,
        scope: &Scope,
        cache: &mut UnionCache,
        set: &mut Option<PatternSet>,
        out: &mut Vec<Hit>,
        from: &mut Vec<usize>,
    ) {
        let mut pos = range.start;
        while pos < range.end {
            let Some(m) = self.union.search(cache, hay, pos..limit) else {
                break;
            };
            if m.start() >= range.end {
                break;
            }
            let pid = self.union_ids[m.pattern().as_usize()] as usize;
            let mut accepted = self.accept(hay, pid, m.start(), m.end(), limit, scope);
            if accepted.is_none() {
                // Rejected: let the other detectors that match at this position try.
                let set = set.get_or_insert_with(|| PatternSet::new(self.union_ids.len()));
                set.clear();
                let anchored = Input::new(hay)
                    .range(m.start()..limit)
                    .anchored(Anchored::Yes);
                if let Some(all) = self.all() {
                    all.which_overlapping_matches(&anchored, set);
                }
                for other in set.iter() {
                    let o = self.union_ids[other.as_usize()] as usize;
                    if o == pid {
                        continue;
                    }
                    if let Some(om) = self.single(o).and_then(|re| re.search(&anchored)) {
                        accepted = self.accept(hay, o, om.start(), om.end(), limit, scope);
                        if accepted.is_some() {
                            break;
                        }
                    }
                }
            }
            match accepted {
                Some((hit, end)) => {
                    if hit.start > m.start() + 1 {
                        let gap = m.start() + 1..hit.start;
                        self.scan_union(hay, gap.clone(), gap.end, scope, cache, set, out, from);
                    }
                    out.push(hit);
                    from.push(m.start());
                    pos = end.min(hit.end.max(m.start() + 1)).max(pos + 1);
                }
                None => pos = m.start() + 1,
            }
        }
    }

    /// Runs each column-only detector (`date_of_birth_column`, `username_column`...) on the
    /// fields of the columns whose header names it, instead of over every byte in the union:
    /// its pattern (a delimiter, then a bare value) matches nearly every field of every
    /// delimited line, and in the union those candidates cost about 8% of a scan. Fields are
    /// found by counting delimiters outside double quotes from each line start in `range`
    /// (the header line excluded). A hit here wins over union hits it overlaps, as it did when
    /// the detector was in the union (its match starts one byte earlier, at the delimiter).
    ///
    /// A gated detector (context required, see [`Engine::scan_gated`]) whose column this is
    /// is searched inside the column's fields too, since the column name is its context there;
    /// those hits go to `gated`.
    #[allow(clippy::too_many_arguments)]
    fn scan_columns(
        &self,
        hay: &[u8],
        range: Range<usize>,
        limit: usize,
        cols: &Columns,
        scope: &Scope,
        found: &mut Vec<Hit>,
        gated: &mut Vec<(usize, Hit)>,
    ) {
        let mut jobs: Vec<(usize, usize)> = Vec::new();
        for (c, owners) in cols.owners.iter().enumerate() {
            for &d in owners {
                let det = &self.detectors[d as usize];
                // Column-only detectors read the field from the delimiter before it (the line
                // start for the first column, when the detector reads it: `first_column`); a
                // gated one (it needs context) is searched inside the field.
                let in_column = if det.column_context_only {
                    c > 0 || det.first_column
                } else {
                    det.context_required
                };
                if in_column {
                    jobs.push((c, d as usize));
                }
            }
        }
        let Some(last) = jobs.iter().map(|&(c, _)| c).chain(cols.doc_type).max() else {
            return;
        };
        // Whether detector `d` names a row's document type (`type_key` of its type cell).
        let names_type = |d: usize, key: &str| {
            let types = &self.detectors[d].document_types;
            !key.is_empty() && types.iter().any(|t| t == key)
        };
        let delim = cols.header.delim;
        // The first line start at or after range.start; never the document's first line.
        let mut ls = match range.start {
            0 => match memchr::memchr(b'\n', hay) {
                Some(i) => i + 1,
                None => return,
            },
            s if hay[s - 1] == b'\n' => s,
            s => match memchr::memchr(b'\n', &hay[s..]) {
                Some(i) => s + i + 1,
                None => return,
            },
        };
        let mut starts = vec![usize::MAX; last + 1];
        let mut ends = vec![0usize; last + 1];
        while ls < range.end && ls < hay.len() {
            let le = memchr::memchr(b'\n', &hay[ls..]).map_or(hay.len(), |i| ls + i);
            // Field spans of columns 0..=last (start usize::MAX when the line is shorter).
            starts.iter_mut().for_each(|s| *s = usize::MAX);
            starts[0] = ls;
            let (mut col, mut quoted) = (0usize, false);
            for (i, &b) in hay[ls..le].iter().enumerate() {
                if b == b'"' {
                    quoted = !quoted;
                } else if b == delim && !quoted {
                    ends[col] = ls + i;
                    col += 1;
                    if col > last {
                        break;
                    }
                    starts[col] = ls + i + 1;
                }
            }
            if col <= last {
                ends[col] = le;
            }
            // The row's document type, whole and by its first word (`Pasaporte GTM`, `DL (TX)`).
            let row_type = cols.doc_type.and_then(|t| {
                let (fs, fe) = (starts[t], ends[t]);
                (fs != usize::MAX).then(|| {
                    let cell = column_name(&hay[fs..fe]);
                    let first = cell
                        .iter()
                        .position(|&b| matches!(b, b' ' | b'(' | b'/' | b'-' | b','))
                        .map_or(cell, |i| &cell[..i]);
                    (
                        crate::catalog::type_key(cell),
                        crate::catalog::type_key(first),
                    )
                })
            });
            let typed = |d: usize| {
                row_type
                    .as_ref()
                    .is_some_and(|(whole, first)| names_type(d, whole) || names_type(d, first))
            };
            for &(c, d) in &jobs {
                let (fs, fe) = (starts[c], ends[c]);
                if fs == usize::MAX {
                    continue;
                }
                let det = &self.detectors[d];
                if !det.document_types.is_empty() {
                    if !typed(d) {
                        continue;
                    }
                } else if det.column_context_only
                    && cols.owners[c].iter().any(|&o| {
                        !self.detectors[o as usize].document_types.is_empty() && typed(o as usize)
                    })
                {
                    // The row's type names another detector's document.
                    continue;
                }
                if det.column_context_only {
                    // `field_open` is the delimiter or, in the first column, the line start.
                    let from = if c == 0 { fs } else { fs - 1 };
                    let input = Input::new(hay).range(from..limit).anchored(Anchored::Yes);
                    if let Some(m) = self.single(d).and_then(|re| re.search(&input)) {
                        if let Some((hit, _)) =
                            self.accept(hay, d, m.start(), m.end(), limit, scope)
                        {
                            found.push(hit);
                        }
                    }
                } else {
                    self.search_window(hay, d, fs, fe, fe, limit, scope, gated);
                }
            }
            ls = le + 1;
        }
    }

    /// Two detectors that need a word nearby may both claim the same value from the same
    /// place: `US passport 296496041` with `SSN` on the next line is a passport number and an
    /// SSN-shaped one. The one whose own word stands nearer takes it (a word before the value
    /// is nearer than one as far after it, and a line break puts a word farther); the others'
    /// claims are dropped. Catalog order decides only between equally near words.
    fn keep_nearer_words(&self, hay: &[u8], hits: &mut Vec<(usize, Hit)>) {
        let key = |&(f, h): &(usize, Hit)| (f, h.start, h.end);
        let needs_words = |h: &Hit| self.detectors[h.detector as usize].context_required;
        let mut order: Vec<usize> = (0..hits.len())
            .filter(|&i| needs_words(&hits[i].1))
            .collect();
        order.sort_by_key(|&i| key(&hits[i]));
        let mut drop = vec![false; hits.len()];
        for group in order.chunk_by(|&a, &b| key(&hits[a]) == key(&hits[b])) {
            if group.len() < 2 {
                continue;
            }
            let (vs, ve) = (hits[group[0]].1.start, hits[group[0]].1.end);
            let words = self.words_around(hay, vs, ve).unwrap_or_default();
            let distance = |d: u32| {
                words
                    .iter()
                    .filter(|k| k.end <= vs || k.start >= ve)
                    .filter(|k| self.owns_word(k, d))
                    .map(|k| {
                        let (gap, far) = if k.end <= vs {
                            (&hay[k.end..vs], 1)
                        } else {
                            (&hay[ve..k.start], 2)
                        };
                        gap.len() * far + 80 * memchr::memchr_iter(b'\n', gap).count()
                    })
                    .min()
                    .unwrap_or(usize::MAX)
            };
            let near: Vec<usize> = group
                .iter()
                .map(|&i| distance(hits[i].1.detector))
                .collect();
            let best = near.iter().copied().min().unwrap_or(usize::MAX);
            for (&i, &n) in group.iter().zip(&near) {
                drop[i] = n > best;
            }
        }
        let mut i = 0;
        hits.retain(|_| {
            i += 1;
            !drop[i - 1]
        });
    }

    /// Runs each gated detector (one that needs a context word or column, such as bare nine
    /// digits for an SSN) only near its own words, instead of over every byte in the union:
    /// those patterns are generic shapes (`\b[0-9]{10}\b`) whose candidates, almost all
    /// rejected for want of a word, cost about a fifth of a scan of logs. A candidate is
    /// accepted only with one of its words within 80 bytes before or 40 after its value, so
    /// it must start between `word.end - 40 - longest` and `word.start + 80`; those windows
    /// (merged per detector) are searched with the detector's own regex and every candidate
    /// goes through the usual validation and scoring. The words come from the index that
    /// scores context as far as it searched, and past that from an automaton of the gated
    /// detectors' words alone.
    fn scan_gated(
        &self,
        hay: &[u8],
        range: Range<usize>,
        limit: usize,
        scope: &Scope,
    ) -> Vec<(usize, Hit)> {
        let mut hits = Vec::new();
        if self.ctx.is_none() || self.gated_ac.is_none() {
            return hits;
        }
        let reach = self.gated.iter().map(|&(_, l)| l).max().unwrap_or(0);
        let to = (range.end + CONTEXT_AFTER + reach).min(hay.len());
        let words = {
            let mut k = scope.keywords.borrow_mut();
            let searched = k.searched;
            let mut words = k.take_gated();
            // Past what the context index searched (candidates that need context stopped
            // there), only the gated words are looked for.
            if let Some((ac, to_ctx)) = &self.gated_ac {
                if searched < to {
                    let input = aho_corasick::Input::new(hay).range(searched..to);
                    for m in ac.find_overlapping_iter(input) {
                        let (start, end) = (m.start(), m.end());
                        if start >= searched
                            && word_bounded(hay, start, end)
                            && context_word_end(hay, end)
                        {
                            words.push(Keyword {
                                start,
                                end,
                                pattern: to_ctx[m.pattern().as_usize()],
                            });
                        }
                    }
                }
            }
            words
        };

        if words.is_empty() {
            return hits;
        }
        self.scan_keyed(hay, &words, range.clone(), limit, &mut hits);
        // Each word's window, per gated detector that owns the word.
        let mut per_gated: Vec<Vec<(usize, usize)>> = vec![Vec::new(); self.gated.len()];
        for w in &words {
            for owner in &self.ctx_owners[w.pattern as usize] {
                let Owner::Detector(d) = *owner else {
                    continue;
                };
                let Some(g) = self.gated_of[d as usize] else {
                    continue;
                };
                let longest = self.gated[g as usize].1;
                let lo = w
                    .end
                    .saturating_sub(CONTEXT_AFTER + longest)
                    .max(range.start);
                let hi = (w.start + CONTEXT_BEFORE).min(range.end.saturating_sub(1));
                if lo <= hi {
                    per_gated[g as usize].push((lo, hi));
                }
            }
        }
        for (&(d, longest), windows) in self.gated.iter().zip(&mut per_gated) {
            windows.sort_unstable();
            let mut i = 0;
            while i < windows.len() {
                let (lo, mut hi) = windows[i];
                i += 1;
                while i < windows.len() && windows[i].0 <= hi + 1 {
                    hi = hi.max(windows[i].1);
                    i += 1;
                }
                let end = (hi + 1 + longest).min(limit);
                self.search_window(hay, d as usize, lo, hi, end, limit, scope, &mut hits);
            }
        }
        hits
    }

    /// Reads the value of each key that one of `words` ends and that names a keyed detector
    /// (`"cuenta":"23145447190"`, `<licencia>44719021</licencia>`, `schacPlaceOfBirth: Ourense`),
    /// with that detector's value pattern: the whole quoted value or element text must match
    /// it, and a bare value matches either to the end of its field or to its first space. The
    /// key is the value's context, as a column header is for a cell (see [`crate::keyed`]).
    /// Hits go to `out` with where their value starts: a reading of the same bytes by a
    /// detector earlier in the catalog (a card number under CyberSource's `accountNumber`)
    /// is kept before them.
    fn scan_keyed(
        &self,
        hay: &[u8],
        words: &[Keyword],
        range: Range<usize>,
        limit: usize,
        out: &mut Vec<(usize, Hit)>,
    ) {
        for w in words {
            if w.end > limit {
                continue;
            }
            let mut field = None;
            for &d in &self.key_owners[w.pattern as usize] {
                let (vs, end) = match field
                    .get_or_insert_with(|| keyed::value_after_key(&hay[..limit], w.start, w.end))
                {
                    Some(f) if range.contains(&f.0) => *f,
                    _ => break,
                };
                let Some(re) = self.keyed_value(d as usize) else {
                    continue;
                };
                let whole = |ve: usize| ve > vs && re.is_match(&hay[vs..ve]);
                let Some(ve) = end.candidates().find(|&e| whole(e)) else {
                    continue;
                };
                let judged = self.verdict(hay, d as usize, vs, ve);
                if let Some(hit) = judged.and_then(|(conf, verdict)| {
                    self.finish(d as usize, vs, ve, conf, verdict, true, false)
                }) {
                    out.push((vs, hit));
                }
            }
        }
    }

    /// Keyed detector `d`'s value pattern, anchored at both ends.
    fn keyed_value(&self, d: usize) -> Option<&Regex> {
        self.keyed_values[d]
            .get_or_init(|| {
                use regex_syntax::hir::{Hir, Look};
                let sub = self.keyed[d].clone()?;
                let hir = Hir::concat(vec![Hir::look(Look::Start), sub, Hir::look(Look::End)]);
                Regex::builder()
                    .configure(Regex::config().utf8_empty(false))
                    .build_from_hir(&hir)
                    .ok()
            })
            .as_ref()
    }

    /// Every accepted candidate of detector `d` that starts in `lo..=hi` and ends by `end`,
    /// with where its match starts.
    #[allow(clippy::too_many_arguments)]
    fn search_window(
        &self,
        hay: &[u8],
        d: usize,
        lo: usize,
        hi: usize,
        end: usize,
        limit: usize,
        scope: &Scope,
        out: &mut Vec<(usize, Hit)>,
    ) {
        let Some(re) = self.single(d) else {
            return;
        };
        let mut pos = lo;
        while pos <= hi && pos < end {
            let Some(m) = re.search(&Input::new(hay).range(pos..end)) else {
                break;
            };
            if m.start() > hi {
                break;
            }
            match self.accept(hay, d, m.start(), m.end(), limit, scope) {
                Some((hit, e)) => {
                    out.push((m.start(), hit));
                    pos = e.max(m.start() + 1);
                }
                None => pos = m.start() + 1,
            }
        }
    }
    /// Validates a candidate; when it fails, tries it again cut at each of its last few
    /// separators (an IBAN followed by ` EUR`, a phone followed by a time, an address read as a
    /// CIDR block in `10.244.3.9/10.244.3.9:9300`), each cut still a
    /// full match of the detector's own regex. Returns the hit and where scanning resumes.
    fn accept(
        &self,
        hay: &[u8],
        pid: usize,
        start: usize,
        end: usize,
        limit: usize,
        scope: &Scope,
    ) -> Option<(Hit, usize)> {
        if let Some(hit) = self.evaluate(hay, pid, start, end, limit, scope) {
            return Some((hit, end));
        }
        if self.detectors[pid].has_value_group {
            return None;
        }
        let mut p = end;
        let mut tries = 0;
        while p > start + 6 && tries < 6 {
            p -= 1;
            if !matches!(hay[p], b' ' | b'-' | b'/') {
                continue;
            }
            tries += 1;
            let input = Input::new(hay).range(start..p).anchored(Anchored::Yes);
            if self
                .single(pid)
                .and_then(|re| re.search(&input))
                .is_some_and(|m| m.end() == p)
            {
                if let Some(hit) = self.evaluate(hay, pid, start, p, limit, scope) {
                    return Some((hit, p));
                }
            }
        }
        None
    }

    /// Validates and scores one candidate of detector `pid` at `start..end`.
    fn evaluate(
        &self,
        hay: &[u8],
        pid: usize,
        start: usize,
        end: usize,
        limit: usize,
        scope: &Scope,
    ) -> Option<Hit> {
        let d = &self.detectors[pid];
        // A detector that needs context and can get it only from words: when none of its words
        // is near the whole match (a superset of the value's window), nothing below can accept
        // it, so the capture search, validator and scoring are skipped.
        if d.context_required
            && scope.header.is_none()
            && (d.column_context_only || !self.keyword_near(hay, pid as u32, start, end, scope))
        {
            return None;
        }
        let (vs, ve) = if d.has_value_group {
            let re = self.single(pid)?;
            let mut caps = re.create_captures();
            re.search_captures(
                &Input::new(hay).range(start..limit).anchored(Anchored::Yes),
                &mut caps,
            );
            let g = caps.get_group_by_name("value")?;
            (g.start, g.end)
        } else {
            (start, end)
        };
        // A value never starts inside a `\n`/`\t`/`\r` escape of a JSON or C string.
        let vs =
            if vs > 0 && vs < ve && hay[vs - 1] == b'\\' && matches!(hay[vs], b'n' | b't' | b'r') {
                vs + 1
            } else {
                vs
            };
        if vs >= ve {
            return None;
        }
        // Token boundary: an identifier is never glued to letters or digits on either side.
        if !d.has_value_group
            && (!token_bounded(hay, vs, ve)
                || (code_prefixed(hay, vs) && !self.labelled_at(hay, pid as u32, vs - 1, scope)))
        {
            return None;
        }
        let (conf, verdict) = self.verdict(hay, pid, vs, ve)?;
        // The column a cell sits in: its name is the cell's label.
        let column = scope
            .header
            .and_then(|cols| Some((cols, cols.column(hay, vs)?)));
        // A column named as `not_after` names (`Hire date`, `Expiry`) holds no such value,
        // whatever words the cells before it or the header line hold.
        if let Some((cols, col)) = column {
            if cols
                .vetoes
                .get(col)
                .is_some_and(|v| v.contains(&(pid as u32)))
            {
                return None;
            }
        }
        let (mut ctx, mut neg) = if d.column_context_only {
            (false, false)
        } else {
            self.context(hay, pid as u32, vs, ve, d.negative_context, scope)
        };
        // A column named for the detector is its context, and a negative word in another cell
        // (the amount `$ 1.204.117` at the end of the row before a `RUT` cell) says nothing of it.
        let column_owned = column.is_some_and(|(cols, col)| {
            cols.owners
                .get(col)
                .is_some_and(|o| o.contains(&(pid as u32)))
        });
        if column_owned {
            ctx = true;
            neg = false;
        }
        // A match that opens with one of the detector's own words holds its context, however
        // far along the line the value lies (`ldapsearch -x -H ldaps://… -D "cn=…" -w 'x'`).
        if !ctx && d.context_required && start < vs {
            ctx = self.opens_with_word(hay, pid as u32, start, scope);
        }
        self.finish(pid, vs, ve, conf, verdict, ctx, neg)
    }

    /// The `not_after` test and the validator's verdict on the value `vs..ve` of detector
    /// `pid`, with the confidence that verdict leaves; `None` when either rejects it.
    fn verdict(&self, hay: &[u8], pid: usize, vs: usize, ve: usize) -> Option<(f32, Verdict)> {
        let d = &self.detectors[pid];
        if let Some(re) = &self.not_after[pid] {
            if re.is_match(&hay[vs.saturating_sub(NOT_AFTER_WINDOW)..vs]) {
                return None;
            }
        }
        let verdict = match d.validator {
            Some(v) => v.check(&hay[vs..ve]),
            None => Verdict::Valid,
        };
        let conf = match verdict {
            Verdict::Invalid => return None,
            Verdict::Valid => d.confidence,
            Verdict::Weak => d.confidence * WEAK_FACTOR,
            Verdict::TestValue => d.confidence * TEST_FACTOR,
        };
        Some((conf, verdict))
    }

    /// A validated value's hit: its confidence raised by context (`ctx`) and lowered by a
    /// negative word (`neg`); `None` when the detector needs context and has none, or the
    /// confidence falls below the minimum.
    #[allow(clippy::too_many_arguments)]
    fn finish(
        &self,
        pid: usize,
        vs: usize,
        ve: usize,
        mut conf: f32,
        verdict: Verdict,
        ctx: bool,
        neg: bool,
    ) -> Option<Hit> {
        if ctx {
            conf = (conf + CONTEXT_BOOST).clamp(CONTEXT_FLOOR, 0.99);
        } else if self.detectors[pid].context_required {
            return None;
        }
        if neg {
            conf -= NEGATIVE_PENALTY;
        }
        if conf < self.min_confidence || conf <= 0.0 {
            return None;
        }
        Some(Hit {
            detector: pid as u32,
            start: vs,
            end: ve,
            confidence: (conf * 100.0).round() / 100.0,
            test_data: verdict == Verdict::TestValue,
        })
    }

    /// Looks for the detector's context words and for negative words near `start..end`.
    fn context(
        &self,
        hay: &[u8],
        pid: u32,
        start: usize,
        end: usize,
        use_neg: bool,
        scope: &Scope,
    ) -> (bool, bool) {
        let d = &self.detectors[pid as usize];
        if !use_neg && d.keywords.en.is_empty() && d.keywords.es.is_empty() {
            return (false, false); // nothing near it could change the verdict
        }
        self.with_words_near(hay, start, end, scope, |words| {
            // The header line's words name columns (words do not overlap, so theirs come
            // first).
            let words = match scope.header_end {
                h if start > h => &words[words.partition_point(|k| k.end <= h)..],
                _ => words,
            };
            // A table's rows are records of their own: a negative word on a row above (the
            // salary `$41,204.17` ending it) says nothing of a value below.
            let row = match scope.header {
                Some(_) if use_neg => memchr::memrchr(b'\n', &hay[..start]).map_or(0, |i| i + 1),
                _ => 0,
            };
            self.score_words(hay, words, pid, (start, end), row, use_neg)
        })
        .unwrap_or((false, false))
    }

    /// Calls `f` with the context words found in the window of `start..end` (80 bytes before,
    /// 40 after); `None` when the catalog has no context words at all.
    fn with_words_near<R>(
        &self,
        hay: &[u8],
        start: usize,
        end: usize,
        scope: &Scope,
        f: impl FnOnce(&[Keyword]) -> R,
    ) -> Option<R> {
        if scope.local {
            return self.words_around(hay, start, end).map(|w| f(&w));
        }
        let ctx = self.ctx.as_ref()?;
        let ws = start.saturating_sub(CONTEXT_BEFORE);
        let we = (end + CONTEXT_AFTER).min(hay.len());
        Some(f(scope.keywords.borrow_mut().within(ctx, hay, ws, we)))
    }

    /// The context words in the window of `start..end`, looked up there (see
    /// [`Engine::with_words_near`]); `None` when the catalog has no context words at all.
    fn words_around(&self, hay: &[u8], start: usize, end: usize) -> Option<Vec<Keyword>> {
        let ctx = self.ctx.as_ref()?;
        let ws = start.saturating_sub(CONTEXT_BEFORE);
        let we = (end + CONTEXT_AFTER).min(hay.len());
        let mut words = Vec::new();
        ctx.find(hay, ws, we, |start, end, pattern| {
            if end <= we && context_word_end(hay, end) {
                words.push(Keyword {
                    start,
                    end,
                    pattern,
                });
            }
        });
        Some(words)
    }

    /// Whether `words` (near `start..end`) hold one of detector `pid`'s own words outside the
    /// candidate, and, with `use_neg`, a negative word just before it with none of the
    /// detector's own words between them: a label nearer the value than the negative word is
    /// what the value answers to (`Haber mensual: $ 254.320,00` then `CBU de cobro: …`).
    /// Negative words before `row` (the start of a table row's line) are not read.
    fn score_words(
        &self,
        hay: &[u8],
        words: &[Keyword],
        pid: u32,
        (start, end): (usize, usize),
        row: usize,
        use_neg: bool,
    ) -> (bool, bool) {
        let mut pos_hit = false;
        // The end of the last negative word before the value, and whether one of the
        // detector's words starts after it (words come in order of their starts).
        let mut neg_end: Option<usize> = None;
        let mut label_after_neg = false;
        let before_only = self.detectors[pid as usize].context_before;
        for k in words {
            let (ks, ke) = (k.start, k.end);
            if ks >= start && ke <= end {
                continue; // inside the candidate itself
            }
            for owner in &self.ctx_owners[k.pattern as usize] {
                match *owner {
                    Owner::Detector(d) if d == pid && (!before_only || ke <= start) => {
                        pos_hit = true;
                        if ke <= start && neg_end.is_some_and(|n| ks >= n) {
                            label_after_neg = true;
                        }
                    }
                    Owner::Negative
                        if use_neg
                            && ke <= start
                            && ks >= row
                            && start - ke <= NEGATIVE_BEFORE
                            && !camel_joined(hay, ks, ke) =>
                    {
                        neg_end = Some(ke);
                        label_after_neg = false;
                    }
                    _ => {}
                }
            }
            if pos_hit && !use_neg {
                break;
            }
        }
        (pos_hit, neg_end.is_some() && !label_after_neg)
    }

    /// Whether context word `k` is one of detector `pid`'s own words.
    fn owns_word(&self, k: &Keyword, pid: u32) -> bool {
        self.ctx_owners[k.pattern as usize].contains(&Owner::Detector(pid))
    }

    /// Whether one of detector `pid`'s own words that `which` accepts lies within the context
    /// window of `start..end` (inside it too).
    fn own_word_near(
        &self,
        hay: &[u8],
        pid: u32,
        (start, end): (usize, usize),
        scope: &Scope,
        which: impl Fn(&Keyword) -> bool,
    ) -> bool {
        self.with_words_near(hay, start, end, scope, |words| {
            words.iter().any(|k| which(k) && self.owns_word(k, pid))
        })
        .unwrap_or(false)
    }

    /// Whether one of detector `pid`'s own words ends at `at` (`SSN` in `SSN-536-90-4399`).
    fn labelled_at(&self, hay: &[u8], pid: u32, at: usize, scope: &Scope) -> bool {
        self.own_word_near(hay, pid, (at, at), scope, |k| k.end == at)
    }

    /// Whether one of detector `pid`'s own words starts at `at`.
    fn opens_with_word(&self, hay: &[u8], pid: u32, at: usize, scope: &Scope) -> bool {
        self.own_word_near(hay, pid, (at, at), scope, |k| k.start == at)
    }

    /// Whether one of detector `pid`'s own words lies within the context window of
    /// `start..end` (inside it too): a necessary condition for [`Engine::context`] to find one
    /// near any part of it.
    fn keyword_near(&self, hay: &[u8], pid: u32, start: usize, end: usize, scope: &Scope) -> bool {
        self.own_word_near(hay, pid, (start, end), scope, |_| true)
    }

    /// A header's columns with, for each, the detectors that one of whose keywords appears on
    /// word boundaries in its name (`customer_dob`, `fecha_nacimiento`), computed once per scan.
    fn columns<'a>(&self, header: Header<'a>) -> Columns<'a> {
        let names: Vec<&[u8]> = header.fields().map(column_name).collect();
        let mut owners: Vec<Vec<u32>> = names
            .iter()
            .map(|&name| {
                let mut ids: Vec<u32> = Vec::new();
                if let Some(words) = &self.ctx {
                    words.find(name, 0, name.len(), |_, _, pattern| {
                        for owner in &self.ctx_owners[pattern as usize] {
                            if let Owner::Detector(d) = *owner {
                                if !ids.contains(&d) {
                                    ids.push(d);
                                }
                            }
                        }
                    });
                }
                ids
            })
            .collect();
        // Each name compared as a document type's column is (`type_key`), once.
        let keys: Vec<String> = names
            .iter()
            .map(|&name| crate::catalog::type_key(name))
            .collect();
        let doc_type = keys.iter().position(|k| self.type_columns.contains(k));
        // Beside a type column, the typed detectors read the document-number columns.
        if doc_type.is_some() {
            for (ids, key) in owners.iter_mut().zip(&keys) {
                if self.number_columns.contains(key) {
                    ids.extend(
                        (0u32..)
                            .zip(&self.detectors)
                            .filter(|(_, d)| !d.document_types.is_empty())
                            .map(|(i, _)| i),
                    );
                }
            }
        }
        let vetoes = names
            .iter()
            .map(|&name| {
                (0u32..)
                    .zip(&self.not_after)
                    .filter(|(_, re)| re.as_ref().is_some_and(|re| re.is_match(name)))
                    .map(|(d, _)| d)
                    .collect()
            })
            .collect();
        Columns {
            header,
            owners,
            vetoes,
            doc_type,
            cursor: Cell::new(None),
        }
    }

    /// The category of a detector index.
    pub fn category(&self, detector: u32) -> Category {
        self.detectors[detector as usize].category
    }
}

/// The union of every pattern, searched leftmost-first: a forward lazy DFA finds where the
/// first match ends and which detector it is, then that detector's own reverse automaton,
/// anchored at the end, finds where it starts. `meta::Regex` would run the reverse search over
/// the union of all patterns; one pattern's reverse states are far fewer, so this reverse
/// search builds less and runs in cache (measured: the search loop alone about 20% faster on a
/// 46 MB sample of the bench corpus).
struct Union {
    fwd: hybrid::dfa::DFA,
    rev: hybrid::dfa::DFA,
    /// Per-thread lazy-DFA caches: a warm cache is what makes the lazy DFA fast.
    caches: Pool<UnionCache, CacheFn>,
    /// The same union as a `meta::Regex`, should the lazy DFAs ever give up (built then).
    fallback: OnceLock<Option<Regex>>,
    /// The union's patterns, in union order.
    pats: Vec<String>,
}

type CacheFn = Box<dyn Fn() -> UnionCache + Send + Sync + UnwindSafe + RefUnwindSafe>;

/// One thread's scratch space for [`Union`].
struct UnionCache {
    fwd: hybrid::dfa::Cache,
    rev: hybrid::dfa::Cache,
}

impl std::fmt::Debug for Union {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Union").finish_non_exhaustive()
    }
}

impl Union {
    fn new(hirs: &[regex_syntax::hir::Hir], pats: Vec<String>) -> Result<Union, String> {
        let nfa = |reverse: bool| {
            thompson::NFA::compiler()
                .configure(
                    thompson::Config::new()
                        .which_captures(thompson::WhichCaptures::None)
                        .reverse(reverse),
                )
                .build_many_from_hir(hirs)
                .map_err(|e| e.to_string())
        };
        let fwd = hybrid::dfa::DFA::builder()
            .configure(
                hybrid::dfa::DFA::config()
                    .match_kind(MatchKind::LeftmostFirst)
                    .cache_capacity(64 << 20),
            )
            .build_from_nfa(nfa(false)?)
            .map_err(|e| e.to_string())?;
        let rev = hybrid::dfa::DFA::builder()
            .configure(
                hybrid::dfa::DFA::config()
                    .match_kind(MatchKind::All)
                    .starts_for_each_pattern(true)
                    .cache_capacity(16 << 20),
            )
            .build_from_nfa(nfa(true)?)
            .map_err(|e| e.to_string())?;
        let (f, r) = (fwd.clone(), rev.clone());
        let create: CacheFn = Box::new(move || UnionCache {
            fwd: f.create_cache(),
            rev: r.create_cache(),
        });
        Ok(Union {
            fwd,
            rev,
            caches: Pool::new(create),
            fallback: OnceLock::new(),
            pats,
        })
    }

    /// The leftmost-first match in `hay[span]`: start, end and pattern.
    fn search(&self, cache: &mut UnionCache, hay: &[u8], span: Range<usize>) -> Option<Match> {
        let input = Input::new(hay).range(span.clone());
        let end = match self.fwd.try_search_fwd(&mut cache.fwd, &input) {
            Ok(None) => return None,
            Ok(Some(end)) => end,
            Err(_) => return self.fallback(hay, span),
        };
        let back = Input::new(hay)
            .range(span.start..end.offset())
            .anchored(Anchored::Pattern(end.pattern()));
        match self.rev.try_search_rev(&mut cache.rev, &back) {
            Ok(Some(start)) => Some(Match::new(end.pattern(), start.offset()..end.offset())),
            _ => self.fallback(hay, span),
        }
    }

    fn fallback(&self, hay: &[u8], span: Range<usize>) -> Option<Match> {
        self.fallback
            .get_or_init(|| {
                Regex::builder()
                    .syntax(syntax_config())
                    .configure(union_config(MatchKind::LeftmostFirst))
                    .build_many(&self.pats)
                    .ok()
            })
            .as_ref()?
            .search(&Input::new(hay).range(span))
    }
}

/// The context automaton's words while the engine is built: each word once, in its written
/// form, lower case, upper case and accent-folded, with who owns it.
#[derive(Default)]
struct WordTable {
    words: Vec<String>,
    owners: Vec<Vec<Owner>>,
    /// The detectors whose own word each word is (not by inheritance, see
    /// [`WordTable::add_heir`]): whose key it may end.
    keys: Vec<Vec<u32>>,
    /// ASCII-lower-cased word to its index: the automaton ignores ASCII case, so `MAC` and
    /// `mac` are one word with both owners.
    index: HashMap<String, usize>,
}

impl WordTable {
    /// Adds `w`, a word of `owner`'s own.
    fn add(&mut self, w: &str, owner: Owner) {
        self.add_as(w, owner, true);
    }

    /// Adds `w` for `owner` as context only: a longer form of one of its words, which hides
    /// that word where it is found (`clave_elector` hides `clave`). The word is no key of
    /// `owner`'s: the value after `clave_elector` is no password.
    fn add_heir(&mut self, w: &str, owner: Owner) {
        self.add_as(w, owner, false);
    }

    fn add_as(&mut self, w: &str, owner: Owner, own: bool) {
        for v in variants(w) {
            let i = *self.index.entry(v.to_ascii_lowercase()).or_insert_with(|| {
                self.words.push(v);
                self.owners.push(Vec::new());
                self.keys.push(Vec::new());
                self.words.len() - 1
            });
            if !self.owners[i].contains(&owner) {
                self.owners[i].push(owner);
            }
            if let (true, Owner::Detector(d)) = (own, owner) {
                if !self.keys[i].contains(&d) {
                    self.keys[i].push(d);
                }
            }
        }
    }

    /// The owners of `w` in any of its forms.
    fn owners_of(&self, w: &str) -> Vec<Owner> {
        variants(w)
            .iter()
            .filter_map(|v| self.index.get(&v.to_ascii_lowercase()))
            .flat_map(|&k| self.owners[k].iter().copied())
            .collect()
    }
}

/// The pattern of the capture group named `value` in `hir`, if it has one.
fn value_hir(hir: &regex_syntax::hir::Hir) -> Option<regex_syntax::hir::Hir> {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Capture(c) if c.name.as_deref() == Some("value") => Some((*c.sub).clone()),
        HirKind::Capture(c) => value_hir(&c.sub),
        HirKind::Repetition(r) => value_hir(&r.sub),
        HirKind::Concat(hs) | HirKind::Alternation(hs) => hs.iter().find_map(value_hir),
        _ => None,
    }
}

/// Merges hits of column-only detectors into `out[base..]`: both lists are sorted and free of
/// overlaps, and a column hit wins over a hit it overlaps (its match started one byte earlier,
/// at the delimiter, when these detectors were part of the one pass).
fn merge_column_hits(out: &mut Vec<Hit>, base: usize, found: Vec<Hit>) {
    let regex_hits: Vec<Hit> = out.drain(base..).collect();
    let mut j = 0;
    let mut kept = Vec::with_capacity(regex_hits.len());
    for h in regex_hits {
        while j < found.len() && found[j].end <= h.start {
            j += 1;
        }
        if j < found.len() && found[j].start < h.end {
            continue;
        }
        kept.push(h);
    }
    let (mut a, mut b) = (kept.into_iter().peekable(), found.into_iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if x.start <= y.start => a.next(),
            (Some(_), Some(_)) | (None, Some(_)) => b.next(),
            (Some(_), None) => a.next(),
            (None, None) => break,
        };
        out.extend(next);
    }
}

/// What one scan carries from candidate to candidate: the document's header columns and the
/// context words found so far.
struct Scope<'s, 'h> {
    /// The header's columns, when the document has one.
    header: Option<&'s Columns<'h>>,
    /// Where the header line ends in the haystack (0 when it is not there). Its words name
    /// the columns, which speak for their own cells (see [`Columns::owners`]), so they are no
    /// nearby words for the values in the rows below: the `DOB` of a header is not the label
    /// of the first row's visit date beneath it.
    header_end: usize,
    /// Context words found so far.
    keywords: &'s RefCell<KeywordIndex>,
    /// Look the words up around each candidate instead of in `keywords`: for the passes
    /// after the union's (gated windows, columns), whose few candidates go back to the start
    /// of the range and would make the index search it all again.
    local: bool,
}

/// The context words of every detector and the negative words, found at word starts: a
/// filter on the first three bytes rules out almost every word at once, and an anchored
/// Aho-Corasick automaton reads the few that remain. An unanchored automaton of some 800 words
/// over every byte spent most of its time waiting on its transition table.
#[derive(Clone, Debug)]
struct ContextWords {
    /// Anchored, leftmost-longest, ASCII case-insensitive. A contiguous NFA, not a DFA: with
    /// the key forms of every phrase (`clave_elector`) the DFA took some 11 MB of the 64 MB a
    /// scan may use, and this automaton reads only the word starts the filter lets through
    /// (measured with `benches/ab.sh`: the same CPU time).
    ac: AhoCorasick,
    /// Bit [`tri`]`(a, b, c)`: some word may start with bytes `a`, `b`, `c` (ASCII case folded;
    /// a two-byte word sets every `c`). A few bits per word in 8 KiB: false positives are rare.
    starts: Box<[u64]>,
    /// One-byte words (`$`): looked up wherever that byte is; and [`MARK_LEAD`], the first
    /// byte of the marks after which a word starts ([`latin1_mark`]).
    single_or_mark: Vec<u8>,
}

/// The first byte of the UTF-8 encoding of U+0080..U+00BF.
const MARK_LEAD: u8 = 0xC2;

/// Whether `hay[i..]` begins with a Latin-1 mark that is no letter: a no-break space, `¡`,
/// `¿`, `«`, `»`, `°`, `·` and the other symbols of U+00A0..U+00BF, except `ª`, `µ` and `º`.
/// A word touching one has a word boundary there, as after a space.
pub(crate) fn latin1_mark(hay: &[u8], i: usize) -> bool {
    hay.get(i) == Some(&MARK_LEAD)
        && hay
            .get(i + 1)
            .is_some_and(|&b| (0xA0..=0xBF).contains(&b) && !matches!(b, 0xAA | 0xB5 | 0xBA))
}

/// The filter bit of a word's first three bytes.
fn tri(a: u8, b: u8, c: u8) -> usize {
    let (a, b, c) = (
        usize::from(a.to_ascii_lowercase()),
        usize::from(b.to_ascii_lowercase()),
        usize::from(c.to_ascii_lowercase()),
    );
    ((a << 10) ^ (b << 5) ^ c ^ (a >> 3) << 13) & 0xFFFF
}

/// Letters, digits and bytes of UTF-8 sequences: what a context word may not be glued to.
const fn word_bytes() -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = b.is_ascii_alphanumeric() || b >= 0x80;
        i += 1;
    }
    t
}
static WORD_BYTE: [bool; 256] = word_bytes();

/// The bytes of `block` (at most 64) that `table` marks, as a bit mask (bit `j` for byte `j`):
/// the plain reference the tests hold [`class_mask`] and [`eq_mask`] to.
#[cfg(test)]
fn byte_mask(block: &[u8], table: &[bool; 256]) -> u64 {
    debug_assert!(block.len() <= 64);
    let mut mask = 0u64;
    for (j, &b) in block.iter().enumerate() {
        mask |= u64::from(table[usize::from(b)]) << j;
    }
    mask
}

/// The low seven bits of every byte of a word.
const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
/// The high bit of every byte of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// `b` in every byte of a word.
const fn splat(b: u8) -> u64 {
    b as u64 * 0x0101_0101_0101_0101
}

/// For a word of bytes below 0x80: the high bit of each byte that lies in `lo..=hi` (`lo > 0`).
/// No sum carries into the next byte, so the bytes are eight independent comparisons.
#[inline(always)]
fn in_range(x7: u64, lo: u8, hi: u8) -> u64 {
    (x7 + splat(0x80 - lo)) & !(x7 + splat(0x7F - hi)) & HIGH
}

/// The high bits of the eight bytes of a word packed into its low byte (bit `j` for byte `j`).
#[inline(always)]
fn pack_high(m: u64) -> u64 {
    (m >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// The bit mask of `block` (at most 64 bytes, bit `j` for byte `j`) from `lanes`, which gives
/// the high bit of each selected byte of an eight-byte word. The last, short word is padded with
/// zeros and its padding bits dropped.
#[inline(always)]
fn swar_mask(block: &[u8], lanes: impl Fn(u64) -> u64) -> u64 {
    debug_assert!(block.len() <= 64);
    let mut mask = 0u64;
    let mut words = block.chunks_exact(8);
    for (k, w) in words.by_ref().enumerate() {
        let x = u64::from_le_bytes(w.try_into().expect("eight bytes"));
        mask |= pack_high(lanes(x)) << (8 * k);
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut tail = [0u8; 8];
        tail[..rest.len()].copy_from_slice(rest);
        let keep = (1u64 << rest.len()) - 1;
        mask |= (pack_high(lanes(u64::from_le_bytes(tail))) & keep) << (block.len() - rest.len());
    }
    mask
}

/// The letters of `block` (at most 64 bytes): ASCII letters and the bytes of UTF-8 sequences,
/// and ASCII digits too when `digits`, as a bit mask (bit `j` for byte `j`). Eight bytes are
/// classified at a time in a `u64` (SWAR): about four times faster than a table per byte,
/// which matters because the context words and the name pass classify every byte of the input.
#[inline]
pub(crate) fn class_mask(block: &[u8], digits: bool) -> u64 {
    swar_mask(block, |x| {
        let x7 = x & LOW7;
        let mut m = (x & HIGH) | in_range(x7 | splat(0x20), b'a', b'z');
        if digits {
            m |= in_range(x7, b'0', b'9');
        }
        m
    })
}

/// The inner word starts of camelCase identifiers in `block` (at most 64 bytes): the ASCII
/// capitals right after an ASCII lower-case letter (`prev_lower` says whether the byte before
/// the block is one). Also returns the block's lower-case letters.
#[inline]
pub(crate) fn camel_starts(block: &[u8], prev_lower: bool) -> (u64, u64) {
    let upper = swar_mask(block, |x| in_range(x & LOW7, b'A', b'Z') & !x);
    let lower = swar_mask(block, |x| in_range(x & LOW7, b'a', b'z') & !x);
    (upper & ((lower << 1) | u64::from(prev_lower)), lower)
}

/// The bytes of `block` (at most 64) equal to one of `bytes`, as a bit mask, eight at a time.
#[inline]
pub(crate) fn eq_mask(block: &[u8], bytes: &[u8]) -> u64 {
    if bytes.is_empty() {
        return 0;
    }
    let zero = |v: u64| !(((v & LOW7) + LOW7) | v) & HIGH;
    swar_mask(block, |x| {
        bytes.iter().fold(0, |m, &b| m | zero(x ^ splat(b)))
    })
}

/// The bytes of the Latin-1 marks ([`latin1_mark`]) in the block of `hay` at `block..block+n`
/// (at most 64 bytes), both bytes of each, as a bit mask; with the block's first byte when it
/// ends a mark that starts before the block.
pub(crate) fn mark_mask(hay: &[u8], block: usize, n: usize) -> u64 {
    let bytes = &hay[block..block + n];
    let mut mask = u64::from(block > 0 && latin1_mark(hay, block - 1));
    // Most blocks are ASCII: an or of their bytes says so.
    let high = bytes
        .chunks(8)
        .fold(0u8, |a, c| a | c.iter().fold(0u8, |a, &b| a | b));
    if high < 0x80 {
        return mask;
    }
    let mut lead = eq_mask(bytes, &[MARK_LEAD]);
    while lead != 0 {
        let j = lead.trailing_zeros() as usize;
        lead &= lead - 1;
        if latin1_mark(hay, block + j) {
            mask |= 0b11 << j;
        }
    }
    if n < 64 { mask & ((1 << n) - 1) } else { mask }
}

/// The first bytes of the runs in `mask` (from [`class_mask`]); `prev` says whether the byte
/// before the block belongs to a run.
pub(crate) fn run_starts(mask: u64, prev: bool) -> u64 {
    mask & !((mask << 1) | u64::from(prev))
}

impl ContextWords {
    fn new(words: &[String]) -> Result<ContextWords, aho_corasick::BuildError> {
        let ac = AhoCorasickBuilder::new()
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .start_kind(aho_corasick::StartKind::Anchored)
            .ascii_case_insensitive(true)
            .match_kind(AcMatchKind::LeftmostLongest)
            .build(words)?;
        let mut starts = vec![0u64; 1024].into_boxed_slice();
        let mut single = Vec::new();
        let mut set = |k: usize| starts[k >> 6] |= 1 << (k & 63);
        for w in words {
            match *w.as_bytes() {
                [a] => single.push(a),
                [a, b] => (0..=255).for_each(|c| set(tri(a, b, c))),
                [a, b, c, ..] => set(tri(a, b, c)),
                [] => {}
            }
        }
        single.push(MARK_LEAD);
        single.sort_unstable();
        single.dedup();
        Ok(ContextWords {
            ac,
            starts,
            single_or_mark: single,
        })
    }

    /// Calls `found(start, end, pattern)` for each word on word boundaries that starts in
    /// `from..to`, left to right, not overlapping (the longest at each start). Returns where a
    /// following search resumes: `to`, or the end of a word that runs past it.
    fn find(
        &self,
        hay: &[u8],
        from: usize,
        to: usize,
        mut found: impl FnMut(usize, usize, u32),
    ) -> usize {
        let mut resume = to;
        // A search that starts inside a mark (see below) starts at the mark.
        let from = if from >= 1 && latin1_mark(hay, from - 1) {
            from - 1
        } else {
            from
        };
        // Where the last word found ends: nothing starts inside it.
        let mut busy_until = from;
        let mut prev = word_before(hay, from);
        let mut prev_lower = from > 0 && hay[from - 1].is_ascii_lowercase();
        let mut block = from;
        while block < to {
            // The word starts (and one-byte words) of 64 bytes.
            let n = (to - block).min(64);
            let bytes = &hay[block..block + n];
            let word = class_mask(bytes, true);
            let (camel, lower) = camel_starts(bytes, prev_lower);
            let mut cand = run_starts(word, prev) | camel | eq_mask(bytes, &self.single_or_mark);
            prev = (word >> (n - 1)) & 1 == 1;
            prev_lower = (lower >> (n - 1)) & 1 == 1;
            while cand != 0 {
                let mut i = block + cand.trailing_zeros() as usize;
                cand &= cand - 1;
                if latin1_mark(hay, i) {
                    // A word right after `¿`, `¡`, `«` or a no-break space: the mark's bytes
                    // are no letters (and begin no word), so the word starts two bytes on.
                    if i + 2 >= to || !WORD_BYTE[usize::from(hay[i + 2])] {
                        continue;
                    }
                    i += 2;
                }
                if i < busy_until {
                    continue;
                }
                if WORD_BYTE[usize::from(hay[i])] {
                    let at = |j: usize| hay.get(j).copied().unwrap_or(0);
                    let k = tri(hay[i], at(i + 1), at(i + 2));
                    if self.starts[k >> 6] & (1 << (k & 63)) == 0 {
                        continue;
                    }
                }
                let input = aho_corasick::Input::new(hay)
                    .range(i..)
                    .anchored(aho_corasick::Anchored::Yes);
                if let Some(m) = self.ac.find(input) {
                    if word_bounded(hay, m.start(), m.end()) {
                        found(m.start(), m.end(), m.pattern().as_u32());
                    }
                    resume = resume.max(m.end());
                    busy_until = m.end();
                }
            }
            block += n;
        }
        resume
    }
}

/// A context word found in the haystack, on word boundaries.
#[derive(Clone, Copy, Debug)]
struct Keyword {
    start: usize,
    end: usize,
    pattern: u32,
}

/// Whether `b` after `a` is a camelCase joint: a capital after a lower-case ASCII letter.
pub(crate) fn camel_joint(a: u8, b: u8) -> bool {
    a.is_ascii_lowercase() && b.is_ascii_uppercase()
}

/// Whether the word `start..end` begins or ends at a camelCase joint rather than at the edge
/// of an identifier (`Ticket` in `TicketService`). Such a word is context for a detector that
/// owns it, but no negative word, since the identifier names a thing of its own.
fn camel_joined(hay: &[u8], start: usize, end: usize) -> bool {
    (start > 0 && camel_joint(hay[start - 1], hay[start]))
        || (end < hay.len() && end > start && camel_joint(hay[end - 1], hay[end]))
}

/// The context words of a haystack, found once, block by block as the candidates advance,
/// instead of a search of the window around every candidate: in a dense log the windows of
/// neighbouring candidates overlap, and searching each of them again cost more than the regex
/// search itself. Candidates arrive in increasing order, so words far behind the newest window
/// are dropped and the index stays small.
struct KeywordIndex {
    /// Words found, in order, none overlapping (leftmost-longest).
    words: Vec<Keyword>,
    /// Per automaton pattern, whether a gated detector owns it; such words are also kept in
    /// `gated`, which is never trimmed.
    gated_filter: Option<Arc<[bool]>>,
    gated: Vec<Keyword>,
    /// Every word that starts in `from..searched` is in `words`.
    from: usize,
    /// Everything before this offset has been searched.
    searched: usize,
}

/// How far from its MRZ a document number is looked for (see [`Engine::scan_twins`]): one
/// record of a KYC export or booking.
const TWIN_WINDOW: usize = 2048;

/// Bytes searched ahead of the current window at a time.
const KEYWORD_BLOCK: usize = 16 << 10;

impl KeywordIndex {
    fn new(from: usize, gated_filter: Option<Arc<[bool]>>) -> KeywordIndex {
        let from = from.saturating_sub(CONTEXT_BEFORE);
        KeywordIndex {
            words: Vec::new(),
            gated_filter,
            gated: Vec::new(),
            from,
            searched: from,
        }
    }

    /// The words that lie entirely inside `ws..we`.
    fn within(&mut self, ctx: &ContextWords, hay: &[u8], ws: usize, we: usize) -> &[Keyword] {
        if ws < self.from {
            // A window before the index (candidates went back): start again from it.
            self.words.clear();
            self.from = ws;
            self.searched = ws;
        }
        if we > self.searched {
            // Forget what no later window reaches, then search the next block.
            let keep_from = ws.saturating_sub(CONTEXT_BEFORE);
            let old = self.words.partition_point(|k| k.start < keep_from);
            if old > 0 && old * 2 >= self.words.len() {
                self.words.drain(..old);
                self.from = keep_from;
            }
            self.search(ctx, hay, (we + KEYWORD_BLOCK).min(hay.len()));
        }
        let lo = self.words.partition_point(|k| k.start < ws);
        // Words do not overlap, so their ends increase with their starts.
        let hi = self.words.partition_point(|k| k.end <= we).max(lo);
        &self.words[lo..hi]
    }

    /// Searches from where the last search stopped to `to`.
    fn search(&mut self, ctx: &ContextWords, hay: &[u8], to: usize) {
        let from = self.searched;
        if to <= from {
            return;
        }
        let (words, gated, filter) = (&mut self.words, &mut self.gated, &self.gated_filter);
        let resume = ctx.find(hay, from, to, |start, end, pattern| {
            if context_word_end(hay, end) {
                let k = Keyword {
                    start,
                    end,
                    pattern,
                };
                words.push(k);
                if filter.as_ref().is_some_and(|f| f[pattern as usize]) {
                    gated.push(k);
                }
            }
        });
        self.searched = resume;
    }

    /// The words of gated detectors found so far, in order, once each.
    fn take_gated(&mut self) -> Vec<Keyword> {
        let mut g = std::mem::take(&mut self.gated);
        g.sort_unstable_by_key(|k| (k.start, k.pattern));
        g.dedup_by_key(|k| (k.start, k.pattern));
        g
    }
}

/// Whether a word found ending at `end` counts as context: not the name of a product token
/// and not a symbol glued to a letter.
fn context_word_end(hay: &[u8], end: usize) -> bool {
    !product_token(hay, end) && !glued_symbol(hay, end)
}

/// Whether a symbol word (`$`, `R$`, `S/`) ending at `end` is glued to a letter (Java's
/// `DataNode$DataTransfer`, shell's `$HOME`) or is a shell prompt before a command
/// (`$ ping 10.12.0.5`). Money is written before a digit, or a space and a digit.
fn glued_symbol(hay: &[u8], end: usize) -> bool {
    if end == 0 || hay[end - 1].is_ascii_alphanumeric() {
        return false;
    }
    let spaces = match hay[end - 1] {
        b'$' => hay[end..]
            .iter()
            .take(4)
            .take_while(|&&b| b == b' ')
            .count(),
        _ => 0,
    };
    hay.get(end + spaces).is_some_and(u8::is_ascii_alphabetic)
}

/// Whether a word ending at `end` is the name of a product token (`Mobile/15E148`,
/// `Chrome/124.0` in a User-Agent): a version follows the slash. Such a word is no context.
fn product_token(hay: &[u8], end: usize) -> bool {
    hay.get(end) == Some(&b'/') && hay.get(end + 1).is_some_and(u8::is_ascii_digit)
}

/// The header line of a delimited document (CSV, TSV, semicolon-separated): a short first line
/// with at least two of the same delimiter and no digits-only fields.
#[derive(Clone, Copy, Debug)]
pub struct Header<'a> {
    line: &'a [u8],
    delim: u8,
}

impl<'a> Header<'a> {
    /// Recognises a header line, or `None`.
    pub fn parse(line: &'a [u8]) -> Option<Header<'a>> {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.len() > 4096 || line.is_empty() {
            return None;
        }
        // A JSON Lines record (`{"id": 1, "text": "..."}`) has commas too, but no columns.
        if matches!(line.trim_ascii_start().first(), Some(b'{' | b'[')) {
            return None;
        }
        let delim = [b',', b'\t', b';', b'|']
            .into_iter()
            .max_by_key(|&d| memchr::memchr_iter(d, line).count())?;
        if memchr::memchr_iter(delim, line).count() < 2 {
            return None;
        }
        // Header names are words: no field may be a bare number or empty.
        let words = line.split(|&b| b == delim).all(|f| {
            let f = f.trim_ascii();
            let f = f.strip_prefix(b"\"").unwrap_or(f);
            !f.is_empty() && f.iter().any(|b| b.is_ascii_alphabetic())
        });
        words.then_some(Header { line, delim })
    }

    /// The delimiter byte.
    pub fn delimiter(&self) -> u8 {
        self.delim
    }

    /// The header's field names, in column order.
    pub fn fields(&self) -> impl Iterator<Item = &'a [u8]> + use<'a> {
        let delim = self.delim;
        self.line.split(move |&b| b == delim)
    }

    /// Whether `pos` lies on the header line itself (or on a repeat of it, as concatenated
    /// exports have) and the next line has as many columns, so that the line is plainly a
    /// table's header: its cells are column names, not values. (A first line of prose with
    /// two commas, `Thanks for the call, Ana, see you`, is read as a header for context, and
    /// fails the second test.)
    pub fn on_header_line(&self, hay: &[u8], pos: usize) -> bool {
        let Some((start, end)) = self.header_text_at(hay, pos) else {
            return false;
        };
        // Columns are counted at each line's end (`column_of` finds the line's start).
        let want = self.column_of(hay, end);
        // The line after it, or for a repeat at the end of a file, the line before it.
        let next = (end < hay.len()).then(|| {
            let next_end =
                memchr::memchr(b'\n', &hay[end + 1..]).map_or(hay.len(), |i| end + 1 + i);
            self.column_of(hay, next_end)
        });
        let prev = (start > 0).then(|| self.column_of(hay, start - 1));
        next == Some(want) || prev == Some(want)
    }

    /// The bounds of the line at `pos` when its text is the header's (the header line or a
    /// repeat of it): no cell of such a line is a value under its own column.
    pub fn header_text_at(&self, hay: &[u8], pos: usize) -> Option<(usize, usize)> {
        let start = memchr::memrchr(b'\n', &hay[..pos]).map_or(0, |i| i + 1);
        let end = memchr::memchr(b'\n', &hay[pos..]).map_or(hay.len(), |i| pos + i);
        let line = &hay[start..end];
        (line.strip_suffix(b"\r").unwrap_or(line) == self.line).then_some((start, end))
    }

    /// The column index of the value at `pos` (0 on the first line of `hay`).
    pub fn column_of(&self, hay: &[u8], pos: usize) -> usize {
        let line_start = memchr::memrchr(b'\n', &hay[..pos]).map_or(0, |i| i + 1);
        let mut c = ColumnCursor::line(line_start);
        c.advance(hay, pos, self.delim);
        c.col
    }
}

/// A header cell as a column name to look words up in: without white space and quotes, and
/// without the number of a numbered column (`apellido1`, `telefono2`, `address_2` already
/// reads as words), unless the name is too short to be a word without it (`ipv4`).
pub(crate) fn column_name(field: &[u8]) -> &[u8] {
    let f = field.trim_ascii();
    let f = f.strip_prefix(b"\"").unwrap_or(f);
    let f = f.strip_suffix(b"\"").unwrap_or(f);
    let digits = f.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    let rest = &f[..f.len() - digits];
    if (1..=2).contains(&digits)
        && rest.len() >= 4
        && rest.last().is_some_and(u8::is_ascii_alphabetic)
    {
        rest
    } else {
        f
    }
}

/// A recognised header during one scan: per column, the detectors its name is context for, and
/// where the last column lookup stopped, so that the values of one line are located by counting
/// the delimiters between them instead of from the start of the line each time.
struct Columns<'a> {
    header: Header<'a>,
    /// Detector indexes per column, in header order.
    owners: Vec<Vec<u32>>,
    /// Per column, the detectors whose `not_after` its name matches (`Hire date`, `Expiry`):
    /// the column holds none of their values.
    vetoes: Vec<Vec<u32>>,
    /// The column that names each row's kind of identity document, if there is one.
    doc_type: Option<usize>,
    cursor: Cell<Option<ColumnCursor>>,
}

/// The column state of a line at a position: delimiters seen outside double quotes.
#[derive(Clone, Copy, Debug)]
struct ColumnCursor {
    pos: usize,
    col: usize,
    quoted: bool,
}

impl ColumnCursor {
    /// At the start of the line that starts at `start`.
    fn line(start: usize) -> ColumnCursor {
        ColumnCursor {
            pos: start,
            col: 0,
            quoted: false,
        }
    }

    /// Moves to `to` (in the same line), counting the delimiters outside double quotes.
    fn advance(&mut self, hay: &[u8], to: usize, delim: u8) {
        for &b in &hay[self.pos..to] {
            if b == b'"' {
                self.quoted = !self.quoted;
            } else if b == delim && !self.quoted {
                self.col += 1;
            }
        }
        self.pos = to;
    }
}

impl Columns<'_> {
    /// The column index of the value at `pos`: delimiters outside double quotes from the start
    /// of the value's line (`None` on the first line, which is the header itself).
    fn column(&self, hay: &[u8], pos: usize) -> Option<usize> {
        let mut c = match self.cursor.get() {
            Some(c) if c.pos <= pos => match memchr::memrchr(b'\n', &hay[c.pos..pos]) {
                None => c,
                Some(i) => ColumnCursor::line(c.pos + i + 1),
            },
            _ => ColumnCursor::line(memchr::memrchr(b'\n', &hay[..pos]).map(|i| i + 1)?),
        };
        c.advance(hay, pos, self.header.delim);
        self.cursor.set(Some(c));
        Some(c.col)
    }
}

/// True when nothing continues the token `start..end` from outside: no ASCII letter or digit
/// touches it, and no `.` or `-` followed by a digit does (so `1.3.6.1.2.1` is not an IPv4
/// address and `536-90-4399-12` is not an SSN).
fn token_bounded(hay: &[u8], start: usize, end: usize) -> bool {
    // `dots` is whether `..` glues: before a value it does (`john..doe@` is no address), after
    // one it is an ellipsis (`VIN 1FAKLVTE3XG903125... wait`).
    let glued = |b: u8, beyond: Option<&u8>, dots: bool| {
        // `blk_6271152062229059086`, `id_536904399`: part of an identifier.
        b.is_ascii_alphanumeric()
            || b == b'_'
            || (matches!(b, b'.' | b'-')
                && beyond.is_some_and(|&c| c.is_ascii_digit() || c == b'_'))
            || (b == b'.'
                && beyond.is_some_and(|&n| n.is_ascii_alphabetic() || (dots && n == b'.')))
    };
    // A run of colons continues (`2001:db8:::1` is not `2001:db8::` followed by junk).
    if end < hay.len() && end > start && hay[end] == b':' && hay[end - 1] == b':' {
        return false;
    }
    if start > 0 && start < end && hay[start] == b':' && hay[start - 1] == b':' {
        return false;
    }
    // `\n`, `\t`, `\r` escapes in JSON and C strings end the previous token.
    let escaped =
        start >= 2 && hay[start - 2] == b'\\' && matches!(hay[start - 1], b'n' | b't' | b'r');
    let before_ok = start == 0
        || escaped
        || !glued(hay[start - 1], start.checked_sub(2).map(|i| &hay[i]), true);
    let after_ok = end >= hay.len() || !glued(hay[end], hay.get(end + 1), false);
    before_ok && after_ok
}

/// Whether the value at `start` hangs from a code by a hyphen (`MVR-24-0088127`,
/// `CC-24-0088123`, `INC0012-536-90-4399`): the whole is a case, report or application number,
/// unless the code is the value's own label (`SSN-536-90-4399`; see [`Engine::labelled_at`]).
fn code_prefixed(hay: &[u8], start: usize) -> bool {
    start >= 2 && hay[start - 1] == b'-' && hay[start - 2].is_ascii_alphanumeric()
}

/// Word boundary for a keyword hit: an alphanumeric edge of the keyword must not continue into
/// another letter or digit (ASCII or a UTF-8 continuation of an accented letter).
///
/// The joints of a camelCase identifier are word boundaries too: `Street` in `mailingStreet`,
/// `streetAddress` in `streetAddressLine`, `Birth` in `dateOfBirth`.
fn word_bounded(hay: &[u8], start: usize, end: usize) -> bool {
    let first = hay[start];
    let last = hay[end - 1];
    let before_ok =
        !is_word_byte(first) || !word_before(hay, start) || camel_joint(hay[start - 1], first);
    let after_ok = !is_word_byte(last) || !word_at(hay, end) || camel_joint(last, hay[end]);
    before_ok && after_ok
}

/// Whether `b` is a byte words are made of: an ASCII letter or digit, or a byte of a UTF-8
/// sequence.
pub(crate) fn is_word_byte(b: u8) -> bool {
    WORD_BYTE[usize::from(b)]
}

/// Whether a word byte touches offset `s` from before: a Latin-1 mark's ([`latin1_mark`]) is
/// none, so a word starts after `¿` as after a space.
pub(crate) fn word_before(hay: &[u8], s: usize) -> bool {
    s > 0 && is_word_byte(hay[s - 1]) && !(s >= 2 && latin1_mark(hay, s - 2))
}

/// Whether a word byte is at offset `e` (a Latin-1 mark's is none: a word ends before `»`).
pub(crate) fn word_at(hay: &[u8], e: usize) -> bool {
    hay.get(e).is_some_and(|&b| is_word_byte(b)) && !latin1_mark(hay, e)
}

/// The spellings of a keyword the automaton looks for. The automata match ASCII letters in
/// any case, so spellings that differ only in ASCII case are one: what remains are the
/// non-ASCII case forms (`ñ`, `Ñ`) and the accent-folded form.
pub(crate) fn variants(w: &str) -> Vec<String> {
    let mut v = vec![
        w.to_lowercase(),
        w.to_uppercase(),
        fold_accents(&w.to_lowercase()),
    ];
    v.retain(|s| !s.is_empty());
    let mut out: Vec<String> = Vec::with_capacity(v.len());
    for s in v {
        if !out.iter().any(|o| o.eq_ignore_ascii_case(&s)) {
            out.push(s);
        }
    }
    out
}

/// Replaces Spanish accented letters by their base letter (for keyword comparison only).
pub fn fold_accents(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'á' | 'à' | 'ä' | 'â' => 'a',
            'é' | 'è' | 'ë' | 'ê' => 'e',
            'í' | 'ì' | 'ï' | 'î' => 'i',
            'ó' | 'ò' | 'ö' | 'ô' => 'o',
            'ú' | 'ù' | 'ü' | 'û' => 'u',
            'ñ' => 'n',
            'Á' | 'À' | 'Ä' | 'Â' => 'A',
            'É' | 'È' | 'Ë' | 'Ê' => 'E',
            'Í' | 'Ì' | 'Ï' | 'Î' => 'I',
            'Ó' | 'Ò' | 'Ö' | 'Ô' => 'O',
            'Ú' | 'Ù' | 'Ü' | 'Û' => 'U',
            'Ñ' => 'N',
            'º' | 'ª' => 'o',
            c => c,
        })
        .collect()
}

/// Resolves overlaps between hits (sorted by start): of two overlapping hits the one with the
/// higher confidence wins, then the longer one, then the earlier.
pub fn resolve_overlaps(hits: &mut Vec<Hit>) {
    hits.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
    for h in hits.drain(..) {
        match out.last_mut() {
            Some(last) if h.start < last.end => {
                let better =
                    (h.confidence, h.end - h.start) > (last.confidence, last.end - last.start);
                if better {
                    *last = h;
                }
            }
            _ => out.push(h),
        }
    }
    *hits = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every byte value at every position of blocks of every length, and blocks of mixed
    /// bytes: the word-at-a-time masks equal the table masks.
    #[test]
    fn class_and_eq_masks_agree_with_tables() {
        let table = |digits: bool| {
            let mut t = [false; 256];
            for (b, slot) in t.iter_mut().enumerate() {
                let b = b as u8;
                *slot = b.is_ascii_alphabetic() || b >= 0x80 || (digits && b.is_ascii_digit());
            }
            t
        };
        let (letters, words) = (table(false), table(true));
        let singles = [b'$', b'#', 0u8, 0xFF];
        let mut single = [false; 256];
        singles.iter().for_each(|&b| single[usize::from(b)] = true);
        let check = |block: &[u8]| {
            assert_eq!(
                class_mask(block, false),
                byte_mask(block, &letters),
                "{block:?}"
            );
            assert_eq!(
                class_mask(block, true),
                byte_mask(block, &words),
                "{block:?}"
            );
            assert_eq!(
                eq_mask(block, &singles),
                byte_mask(block, &single),
                "{block:?}"
            );
            assert_eq!(eq_mask(block, &[]), 0);
            for prev in [false, true] {
                let mut want = 0u64;
                for (j, &b) in block.iter().enumerate() {
                    let before = if j == 0 {
                        prev
                    } else {
                        block[j - 1].is_ascii_lowercase()
                    };
                    want |= u64::from(before && b.is_ascii_uppercase()) << j;
                }
                let lower = byte_mask(
                    block,
                    &std::array::from_fn(|b| (b as u8).is_ascii_lowercase()),
                );
                assert_eq!(camel_starts(block, prev), (want, lower), "{block:?}");
            }
        };
        for len in 1..=64 {
            for b in 0..=255u8 {
                for at in [0, len / 2, len - 1] {
                    let mut block = vec![b' '; len];
                    block[at] = b;
                    check(&block);
                    let mut block = vec![b'a'; len];
                    block[at] = b;
                    check(&block);
                }
            }
        }
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let len = (x % 64) as usize + 1;
            let block: Vec<u8> = (0..len)
                .map(|i| (x.rotate_left(i as u32 * 5) >> 3) as u8)
                .collect();
            check(&block);
        }
    }

    #[test]
    fn engine_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Engine>();
    }

    #[test]
    fn keyword_variants_fold_accents_and_case() {
        let v = variants("Contraseña");
        let has = |w: &str| v.iter().any(|x| x.eq_ignore_ascii_case(w));
        assert!(has("contraseña"));
        assert!(has("Contrasena"));
        assert!(has("CONTRASEÑA"));
        assert!(has("CONTRASENA"));
        // ASCII case is the automaton's business: one spelling per non-ASCII form.
        assert_eq!(v.len(), 3);
        assert_eq!(variants("MAC").len(), 1);
    }

    #[test]
    fn word_boundaries_respect_accented_letters() {
        let hay = "añDL DL".as_bytes();
        let dl = hay.len() - 2;
        assert!(word_bounded(hay, dl, hay.len()));
        assert!(!word_bounded(hay, 3, 5)); // "DL" glued to "añ"
        // A camelCase joint is a boundary; only after an ASCII lower-case letter.
        assert!(word_bounded(b"fooDL", 3, 5));
    }

    #[test]
    fn column_cursor_agrees_with_counting_from_the_line_start() {
        let hay = b"id,name,dob\n1,\"Ruiz, Ana\",1980-01-02\n2,Bo,x\n\n3,\"a\"\"b\",,9\n";
        let engine = Engine::new(&Catalog::builtin().unwrap(), 0.5).unwrap();
        let cols = engine.columns(Header::parse(b"id,name,dob").unwrap());
        let naive = |pos: usize| {
            let start = memchr::memrchr(b'\n', &hay[..pos]).map(|i| i + 1)?;
            let mut quoted = false;
            let mut col = 0;
            for &b in &hay[start..pos] {
                if b == b'"' {
                    quoted = !quoted;
                } else if b == b',' && !quoted {
                    col += 1;
                }
            }
            Some(col)
        };
        // Increasing, then jumping back, then forward again.
        let order = (0..hay.len())
            .chain((0..hay.len()).rev().step_by(3))
            .chain(5..hay.len());
        for pos in order {
            assert_eq!(cols.column(hay, pos), naive(pos), "at {pos}");
        }
        let dob = engine
            .detectors()
            .iter()
            .position(|d| &*d.id == "date_of_birth_column")
            .unwrap() as u32;
        assert!(cols.owners[2].contains(&dob));
        assert!(!cols.owners[0].contains(&dob));
    }

    #[test]
    fn context_words_are_found_at_word_starts_only() {
        let words: Vec<String> = [
            "ssn",
            "social security",
            "social security number",
            "$",
            "dob",
        ]
        .iter()
        .map(|w| w.to_string())
        .collect();
        let cw = ContextWords::new(&words).unwrap();
        let all = |hay: &[u8], from: usize, to: usize| {
            let mut v = Vec::new();
            cw.find(hay, from, to, |s, e, p| v.push((s, e, p)));
            v
        };
        let hay = b"SSN: x; Social Security Number 5; cost $5; xssn; ssnx; customer_dob";
        let got = all(hay, 0, hay.len());
        let text: Vec<&str> = got
            .iter()
            .map(|&(s, e, _)| std::str::from_utf8(&hay[s..e]).unwrap())
            .collect();
        assert_eq!(text, ["SSN", "Social Security Number", "$", "dob"]);
        // The joints of camelCase identifiers are word starts and ends; capitals in a row
        // (`XSSN`) and a lower-case letter after a capital (`Ssnx`) are not.
        let camel = b"customerDob userSsnValue XSSN Ssnx dobx";
        let joined: Vec<&str> = all(camel, 0, camel.len())
            .iter()
            .map(|&(s, e, _)| std::str::from_utf8(&camel[s..e]).unwrap())
            .collect();
        assert_eq!(joined, ["Dob", "Ssn"]);
        assert!(camel_joined(camel, 8, 11) && camel_joined(camel, 16, 19));
        assert!(!camel_joined(b"dob: x", 0, 3));
        // In blocks of every size, with the resume point carried over: the same words.
        for block in [1, 2, 3, 5, 7, 13, 64, 65, 100] {
            let (mut from, mut v) = (0, Vec::new());
            while from < hay.len() {
                let to = (from + block).min(hay.len());
                from = cw.find(hay, from, to, |s, e, p| v.push((s, e, p)));
            }
            assert_eq!(v, got, "block {block}");
        }
        // After `¿`, `¡`, `«` and a no-break space a word starts, and before `»` it ends;
        // after `ª` or an accented letter it does not.
        let marks = "¿ssn? ¡dob! «ssn» dob\u{a0}x Xªssn éssn".as_bytes();
        let text: Vec<(usize, &str)> = all(marks, 0, marks.len())
            .iter()
            .map(|&(s, e, _)| (s, std::str::from_utf8(&marks[s..e]).unwrap()))
            .collect();
        assert_eq!(text, [(2, "ssn"), (9, "dob"), (16, "ssn"), (22, "dob")]);
        for block in [1, 2, 3, 5, 64] {
            let (mut from, mut v) = (0, Vec::new());
            while from < marks.len() {
                let to = (from + block).min(marks.len());
                from = cw.find(marks, from, to, |s, _, _| v.push(s));
            }
            assert_eq!(v, [2, 9, 16, 22], "block {block}");
        }
    }

    #[test]
    fn union_search_agrees_with_meta_regex() {
        // The forward DFA plus one pattern's reverse DFA must find exactly the matches that
        // `meta::Regex` (forward plus reverse over the whole union) finds, leftmost-first.
        let catalog = Catalog::builtin().unwrap();
        let engine = Engine::new(&catalog, 0.5).unwrap();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut hay = Vec::new();
        for dir in ["logs", "tickets", "email", "negatives"] {
            for entry in walkdir::WalkDir::new(root.join(dir)).sort_by_file_name() {
                let entry = entry.unwrap();
                if entry.file_type().is_file() {
                    hay.extend(std::fs::read(entry.path()).unwrap());
                }
            }
        }
        let labelled = std::fs::read(root.join("labelled/structured.jsonl")).unwrap();
        hay.extend(labelled);
        assert!(hay.len() > 100_000, "fixtures too small: {}", hay.len());
        let meta = Regex::builder()
            .syntax(syntax_config())
            .configure(union_config(MatchKind::LeftmostFirst))
            .build_many(&engine.union.pats)
            .unwrap();
        let mut cache = engine.union.caches.get();
        let (mut pos, mut n) = (0, 0);
        while pos < hay.len() {
            let want = meta.search(&Input::new(&hay).range(pos..));
            let got = engine.union.search(&mut cache, &hay, pos..hay.len());
            assert_eq!(got, want, "at {pos}");
            let Some(m) = want else { break };
            n += 1;
            pos = m.start() + 1; // every start, as after a rejected candidate
        }
        assert!(n > 1000, "only {n} matches compared");
    }

    #[test]
    fn a_product_token_is_no_context_word() {
        let hay = b"Mozilla/5.0 Mobile/15E148 Safari/604.1 mobile 5";
        assert!(product_token(hay, 18)); // `Mobile` before `/15E148`
        assert!(!product_token(hay, hay.len() - 2)); // `mobile` before a space
        assert!(!product_token(b"phone/fax", 5));
        assert!(glued_symbol(b"DataNode$DataTransfer", 9));
        assert!(!glued_symbol(b"$ 100", 1));
        assert!(!glued_symbol(b"$100", 1));
    }

    #[test]
    fn gated_detectors_are_found_exactly_within_reach_of_their_words() {
        let engine = Engine::new(&Catalog::builtin().unwrap(), 0.5).unwrap();
        let ids = |text: &str| -> Vec<String> {
            let hay = text.as_bytes();
            let mut out = Vec::new();
            engine.scan(hay, 0..hay.len(), hay.len(), &mut out);
            out.iter()
                .map(|h| engine.detector(h).id.to_string())
                .collect()
        };
        assert!(
            engine
                .gated
                .iter()
                .any(|&(d, _)| &*engine.detectors[d as usize].id == "us_ssn_bare")
        );
        // Bare nine digits need an SSN word: before (80 bytes) or after (40 bytes) the value.
        let pad = |n: usize| " ".repeat(n);
        assert_eq!(ids("ssn 536904399"), ["us_ssn_bare"]);
        assert_eq!(ids(&format!("SSN{}536904399", pad(70))), ["us_ssn_bare"]);
        assert_eq!(ids(&format!("536904399{}SSN", pad(30))), ["us_ssn_bare"]);
        assert!(ids(&format!("SSN{}536904399", pad(90))).is_empty());
        assert!(ids(&format!("536904399{}SSN", pad(45))).is_empty());
        assert!(ids("536904399").is_empty());
        // A column named for it is context too, without any word near the value.
        assert_eq!(ids("id,ssn,status\n7,536904399,open"), ["us_ssn_bare"]);
        // Two windows that overlap are searched once: one hit, not two.
        assert_eq!(ids("ssn 536904399 ssn"), ["us_ssn_bare"]);
    }

    #[test]
    fn a_label_before_a_value_hides_nothing_it_holds() {
        let engine = Engine::new(&Catalog::builtin().unwrap(), 0.5).unwrap();
        // The plain scan alone: the HL7 reader (`segments`) lays the identifiers out apart.
        let found = |text: &str| -> Vec<(String, String)> {
            let hay = text.as_bytes();
            let mut out = Vec::new();
            engine.scan_plain(hay, 0..hay.len(), hay.len(), b"", &mut out);
            out.iter()
                .map(|h| {
                    (
                        engine.detector(h).id.to_string(),
                        text[h.start..h.end].to_string(),
                    )
                })
                .collect()
        };
        // The HL7 birth-date match starts at `PID|`, six fields before its value: the SSN in
        // the patient-identifier list on the way is found too, and comes first.
        let pid = "PID|1||E4471829^^^MERCY^MR~846-53-6206^^^SSA^SS||X||19520307|M";
        let hits = found(pid);
        let values: Vec<&str> = hits.iter().map(|(_, v)| v.as_str()).collect();
        assert_eq!(values, ["846-53-6206", "19520307"], "{hits:?}");
        assert_eq!(hits[1].0, "date_of_birth_hl7_x12");
        // Without it, only the birth date.
        let plain = "PID|1||E4471829^^^MERCY^MR||X||19520307|M";
        assert_eq!(found(plain).len(), 1);
        // Nor does what follows a value inside its match: the host of a basic-auth URL.
        let url = "REDIS_URL=redis://:Tig-5851-z@10.42.12.9:6379/0";
        let values: Vec<String> = found(url).into_iter().map(|(_, v)| v).collect();
        assert_eq!(values, [":Tig-5851-z", "10.42.12.9"]);
    }

    #[test]
    fn camel_case_joints_give_context_but_no_negative_context() {
        let engine = Engine::new(&Catalog::builtin().unwrap(), 0.0).unwrap();
        let confidence = |text: &str| -> f32 {
            let hay = text.as_bytes();
            let mut out = Vec::new();
            engine.scan(hay, 0..hay.len(), hay.len(), &mut out);
            let ip = out.iter().find(|h| &*engine.detector(h).id == "ipv4");
            ip.expect("an IPv4 address").confidence
        };
        // `Address` in `IpAddress` is the IP detector's word, as `address` alone would be.
        let plain = confidence("<Data Name=\"Origin\">10.20.3.71</Data>");
        assert!(confidence("<Data Name=\"IpAddress\">10.20.3.71</Data>") > plain);
        // `Ticket` in a class name says nothing about the address that follows it.
        assert_eq!(
            confidence("c.e.h.TicketService - Client 172.29.33.53 opened"),
            confidence("c.e.h.Service - Client 172.29.33.53 opened")
        );
        assert!(
            confidence("ticket 172.29.33.53 opened")
                < confidence("c.e.h.Service 172.29.33.53 opened")
        );
        // The detector's own word (`Client`) stands nearer the value than the negative word:
        // the value answers to it.
        assert_eq!(
            confidence("ticket - Client 172.29.33.53 opened"),
            confidence("c.e.h.Service - Client 172.29.33.53 opened")
        );
    }

    #[test]
    fn a_table_row_lends_no_negative_word_to_the_row_below() {
        let engine = Engine::new(&Catalog::builtin().unwrap(), 0.0).unwrap();
        let itin = |text: &str| -> Vec<f32> {
            let hay = text.as_bytes();
            let mut out = Vec::new();
            engine.scan(hay, 0..hay.len(), hay.len(), &mut out);
            out.iter()
                .filter(|h| &*engine.detector(h).id == "us_itin")
                .map(|h| h.confidence)
                .collect()
        };
        // The salary ending the first row is 20 bytes before the second row's ITIN.
        let rows =
            "Empleado\tNumero\tSalario\nAna\t912-70-1234\t$41,204.17\nLuis\t940-91-0789\t$2\n";
        assert_eq!(itin(rows), [0.8, 0.8]);
        // Outside a table, the same words are one text, and the amount is read.
        let prose = "paid Ana $41,204.17\nLuis 940-91-0789";
        assert_eq!(itin(prose).len(), 1);
        assert!(itin(prose)[0] < 0.8, "{:?}", itin(prose));
    }

    #[test]
    fn numbered_columns_are_named_by_their_words() {
        assert_eq!(column_name(b" apellido1"), b"apellido");
        assert_eq!(column_name(b"\"telefono12\""), b"telefono");
        assert_eq!(column_name(b"ipv4"), b"ipv4");
        assert_eq!(column_name(b"address_2"), b"address_2");
        assert_eq!(column_name(b"x123"), b"x123");
    }

    #[test]
    fn a_json_lines_record_is_no_csv_header() {
        assert!(Header::parse(br#"{"id": "es-1", "lang": "es", "text": "a, b"}"#).is_none());
        assert!(Header::parse(b"  [1, 2, 3]").is_none());
        assert!(Header::parse(b"id,name,dob").is_some());
    }

    #[test]
    fn overlaps_keep_the_most_confident() {
        let h = |s, e, c| Hit {
            detector: 0,
            start: s,
            end: e,
            confidence: c,
            test_data: false,
        };
        let mut v = vec![h(0, 10, 0.5), h(5, 12, 0.9), h(20, 25, 0.7)];
        resolve_overlaps(&mut v);
        assert_eq!(v, vec![h(5, 12, 0.9), h(20, 25, 0.7)]);
    }
}

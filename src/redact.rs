//! Redaction: replaces each finding's bytes with a surrogate, copying every other byte exactly.
//!
//! Styles (Google DLP calls these de-identification transforms): `label` (`[SSN]`), `mask`
//! (`***-**-****`), `partial` (`***-**-6789`), `hash` (a keyed token `<SSN:3f9a2c1d>`, equal for
//! equal values under the same key) and `fake` (a consistent surrogate of the same shape that
//! fails the identifier's own validator, so it can never be a real number).
//!
//! Structure is preserved by construction: replacement text is made of letters, digits, `*`,
//! `[`, `]`, `<`, `>`, `:`, `_` and the value's own separators, so it never adds a quote, comma,
//! backslash or line break. Shape-preserving styles keep backslash escape pairs (`\n`, `\"`)
//! verbatim; token styles (`label`, `hash`) append the value's line breaks, quotes and escape
//! pairs after the token. So CSV rows, JSON strings and log lines keep their boundaries. Output
//! files are written to a temporary file in the destination directory, flushed, synced and
//! renamed over the destination: a reader sees the old file or the new one, never a partial one.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

use crate::catalog::Category;
use crate::engine::{Engine, Hit};
use crate::finding::{Finding, Fingerprinter, partial};
use crate::scan::Scanner;
use crate::validate::{Validator, Verdict};

/// How a finding is replaced.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Style {
    /// `[SSN]`, `[EMAIL]`...
    Label,
    /// Every letter and digit replaced by `*`, separators kept: `***-**-****`.
    Mask,
    /// The last four of numbers, the domain of e-mails...: `***-**-6789`.
    Partial,
    /// A keyed token: `<SSN:3f9a2c1d>`.
    Hash,
    /// A surrogate of the same shape that fails the identifier's validator.
    Fake,
}

impl Style {
    /// Parses a style name.
    pub fn from_name(s: &str) -> Option<Style> {
        Some(match s {
            "label" => Style::Label,
            "mask" => Style::Mask,
            "partial" => Style::Partial,
            "hash" => Style::Hash,
            "fake" => Style::Fake,
            _ => return None,
        })
    }
}

/// The style of each category: a default plus per-category overrides.
#[derive(Clone, Debug)]
pub struct Styles {
    /// Style of categories without an override.
    pub default: Style,
    /// Per-category overrides (`--style ssn=partial`).
    pub per_category: HashMap<Category, Style>,
}

impl Default for Styles {
    fn default() -> Self {
        Styles {
            default: Style::Label,
            per_category: HashMap::new(),
        }
    }
}

impl Styles {
    /// The style for a category.
    pub fn for_category(&self, c: Category) -> Style {
        self.per_category.get(&c).copied().unwrap_or(self.default)
    }
}

/// Builds replacement text for findings.
#[derive(Clone, Debug)]
pub struct Redactor {
    styles: Styles,
    fp: Fingerprinter,
}

impl Redactor {
    /// A redactor with the given styles and key.
    pub fn new(styles: Styles, fp: Fingerprinter) -> Redactor {
        Redactor { styles, fp }
    }

    /// The replacement bytes for one hit's value (structure-preserving: see the module docs).
    pub fn replacement(&self, engine: &Engine, hit: &Hit, value: &[u8]) -> Vec<u8> {
        let d = engine.detector(hit);
        let category = d.category;
        match self.styles.for_category(category) {
            Style::Label => with_structure(
                format!("[{}]", category.name().to_ascii_uppercase()).into_bytes(),
                value,
            ),
            Style::Hash => {
                let digest = self.fp.digest(category, value);
                let token = format!(
                    "<{}:{}>",
                    category.name().to_ascii_uppercase(),
                    hex::encode(&digest[..4])
                );
                with_structure(token.into_bytes(), value)
            }
            Style::Mask => escape_aware(value, mask_all),
            Style::Partial => escape_aware(value, |seg| {
                partial(category, &String::from_utf8_lossy(seg)).into_bytes()
            }),
            Style::Fake => escape_aware(value, |seg| self.fake(category, d.validator, seg)),
        }
    }

    /// A surrogate of the same shape (letters stay letters, digits stay digits, separators stay)
    /// derived from the keyed digest, retried until the identifier's validator rejects it.
    fn fake(&self, category: Category, validator: Option<Validator>, value: &[u8]) -> Vec<u8> {
        if category == Category::Credential {
            return mask_all(value);
        }
        let digest = self.fp.digest(category, value);
        if category == Category::PersonName {
            return crate::people::fake_name(&digest, value);
        }
        for round in 0u8..64 {
            let mut out = Vec::with_capacity(value.len());
            let mut k = 0usize;
            let mut next = || {
                let b = digest[k % 32] ^ round.wrapping_mul(31) ^ (k as u8).wrapping_mul(7);
                k += 1;
                b
            };
            let mut in_domain = false;
            for &b in value {
                if category == Category::Email && b == b'@' {
                    in_domain = true;
                }
                let c = match b {
                    _ if in_domain => b,
                    b'0'..=b'9' => b'0' + next() % 10,
                    b'a'..=b'z' => b'a' + next() % 26,
                    b'A'..=b'Z' => b'A' + next() % 26,
                    _ => b,
                };
                out.push(c);
            }
            if category == Category::Email {
                // Keep the shape, move it to a reserved domain (RFC 2606): never deliverable.
                if let Some(at) = out.iter().position(|&b| b == b'@') {
                    out.truncate(at + 1);
                    out.extend_from_slice(b"example.invalid");
                }
                return out;
            }
            match validator {
                Some(v) if v.check(&out) != Verdict::Invalid => continue,
                _ => return out,
            }
        }
        mask_all(value)
    }
}

/// Applies a shape-preserving transform to the parts of `value` between backslash escapes,
/// keeping each escape pair (`\n`, `\"`, `\\`) verbatim so JSON and C strings stay valid.
fn escape_aware(value: &[u8], f: impl Fn(&[u8]) -> Vec<u8>) -> Vec<u8> {
    if !value.contains(&b'\\') {
        return f(value);
    }
    let mut out = Vec::with_capacity(value.len());
    let mut seg_start = 0;
    let mut i = 0;
    while i < value.len() {
        if value[i] == b'\\' {
            if seg_start < i {
                out.extend(f(&value[seg_start..i]));
            }
            let end = (i + 2).min(value.len());
            out.extend_from_slice(&value[i..end]);
            i = end;
            seg_start = end;
        } else {
            i += 1;
        }
    }
    if seg_start < value.len() {
        out.extend(f(&value[seg_start..]));
    }
    out
}

/// `*` for every letter or digit (one per character), separators kept.
fn mask_all(value: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(value)
        .chars()
        .map(|c| if c.is_alphanumeric() { '*' } else { c })
        .collect::<String>()
        .into_bytes()
}

/// Appends to a token the structural bytes of `value` (line breaks, quotes, backslash escape
/// pairs) in order, so the text around a finding keeps its boundaries.
fn with_structure(mut token: Vec<u8>, value: &[u8]) -> Vec<u8> {
    let mut i = 0;
    while i < value.len() {
        match value[i] {
            b'\\' => {
                let end = (i + 2).min(value.len());
                token.extend_from_slice(&value[i..end]);
                i = end;
                continue;
            }
            b @ (b'\n' | b'\r' | b'"') => token.push(b),
            _ => {}
        }
        i += 1;
    }
    token
}

/// Adjusts a span so that a replacement never ends inside a backslash escape (`abc\` before an
/// escaped quote keeps its backslash).
pub fn safe_span(hay: &[u8], start: usize, end: usize) -> (usize, usize) {
    let leading = hay[..start]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count();
    let start = if leading % 2 == 1 && start < end {
        start + 1
    } else {
        start
    };
    let trailing = hay[start..end]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count();
    if trailing % 2 == 1 {
        (start, end - 1)
    } else {
        (start, end)
    }
}

/// Writes `hay` with every hit replaced to `out`. Hits must be sorted and not overlap.
pub fn write_redacted(
    redactor: &Redactor,
    engine: &Engine,
    hay: &[u8],
    hits: &[Hit],
    out: &mut dyn Write,
) -> io::Result<()> {
    let pos = write_redacted_upto(redactor, engine, hay, hits, 0, out)?;
    out.write_all(&hay[pos..])
}

/// Writes `hay` from `pos` up to the end of the last of `hits` (a batch of a file's hits, in
/// order, none overlapping), each replaced; returns where the next batch's writing resumes.
/// The bytes after the last hit are left for the next batch, or for the caller to write.
pub fn write_redacted_upto(
    redactor: &Redactor,
    engine: &Engine,
    hay: &[u8],
    hits: &[Hit],
    mut pos: usize,
    out: &mut dyn Write,
) -> io::Result<usize> {
    for h in hits {
        let (s, e) = safe_span(hay, h.start, h.end);
        if s < pos || s >= e {
            continue;
        }
        out.write_all(&hay[pos..s])?;
        out.write_all(&redactor.replacement(engine, h, &hay[s..e]))?;
        pos = e;
    }
    Ok(pos)
}

/// Writes `contents` to `dest` atomically: a temporary file in the same directory, written,
/// flushed and synced, given `permissions` (the original's) and renamed over `dest`. On any
/// error the temporary file is removed and `dest` is untouched.
pub fn write_atomic(
    dest: &Path,
    permissions: Option<fs::Permissions>,
    contents: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = match dest.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".tacha-tmp-")
        .tempfile_in(dir)?;
    {
        let mut w = io::BufWriter::with_capacity(256 << 10, tmp.as_file_mut());
        contents(&mut w)?;
        w.flush()?;
    }
    if let Some(p) = permissions {
        tmp.as_file().set_permissions(p)?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(dest).map_err(|e| e.error)?;
    Ok(())
}

/// Redacts a stream (stdin to stdout) with a bounded buffer, block by block, flushing after each
/// block so `tail -f app.log | tacha redact` shows lines as they come. `on_findings` receives the
/// findings of each block (for counts and reports). Returns the bytes written.
pub fn redact_stream(
    scanner: &Scanner,
    redactor: &Redactor,
    path: &str,
    reader: &mut dyn io::Read,
    out: &mut dyn Write,
    on_findings: &mut dyn FnMut(Vec<Finding>),
) -> io::Result<u64> {
    use crate::scan::{Fill, STDIN_BLOCK, Stream};
    let engine = scanner.engine();
    let mut stream = Stream::new(STDIN_BLOCK);
    let mut written: u64 = 0;
    let shared: std::sync::Arc<str> = path.into();
    loop {
        let fill = stream.fill(reader)?;
        let (hits, _) = stream.scan(engine, fill);
        let base = stream.base;
        let mut findings = Vec::with_capacity(hits.len());
        for (h, line, col) in &hits {
            let (s, e) = safe_span(&stream.buf, h.start, h.end);
            let abs = base + s as u64;
            if abs < written || s >= e {
                continue;
            }
            out.write_all(&stream.buf[(written - base) as usize..s])?;
            out.write_all(&redactor.replacement(engine, h, &stream.buf[s..e]))?;
            written = base + e as u64;
            findings.push(scanner.finding(&shared, &stream.buf[s..e], h, abs, *line, *col));
        }
        let upto = (base + stream.cut as u64).max(written);
        if upto > written {
            out.write_all(&stream.buf[(written - base) as usize..(upto - base) as usize])?;
            written = upto;
        }
        out.flush()?;
        on_findings(findings);
        if fill == Fill::Eof {
            return Ok(written);
        }
        stream.advance();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_styles_keep_structure_bytes() {
        assert_eq!(
            with_structure(b"[CREDENTIAL]".to_vec(), b"a\nb\r\nc"),
            b"[CREDENTIAL]\n\r\n"
        );
        assert_eq!(with_structure(b"[X]".to_vec(), br#"ab\"cd"#), br#"[X]\""#);
        assert_eq!(with_structure(b"[SSN]".to_vec(), b"536-90-4399"), b"[SSN]");
    }

    #[test]
    fn shape_styles_keep_escape_pairs() {
        assert_eq!(
            escape_aware(br"ab\ncd\\e", mask_all),
            br"**\n**\\*".to_vec()
        );
        assert_eq!(escape_aware(b"abc", mask_all), b"***".to_vec());
    }

    #[test]
    fn spans_never_end_inside_an_escape() {
        let hay = br#"password=abc\"def"#;
        assert_eq!(safe_span(hay, 9, 13), (9, 12));
        assert_eq!(safe_span(hay, 9, 12), (9, 12));
    }
}

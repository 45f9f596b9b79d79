//! E-mail transfer encodings: quoted-printable bodies (`Ren=C3=A9e Fontaine=0D=0A`), vCard
//! quoted-printable properties, and RFC 2047 encoded words in headers
//! (`From: =?UTF-8?Q?Alejandra_N=C3=BA=C3=B1ez?=`, `=?utf-8?B?Sm9zw6kgUMOpcmV6?=`).
//!
//! Help-desk tickets arrive as raw `.eml` files and mailbox exports, and a name or an account
//! number written with accents, or cut by a soft line break, hides from detectors that read
//! the text as written. Like [`crate::urlenc`], this module finds the encoded regions, decodes
//! each into a buffer with a map back to the original bytes, and lets the engine report what
//! it finds at the encoded bytes, which is what a redacted copy must replace.
//!
//! A body is decoded only when a `Content-Transfer-Encoding: quoted-printable` header
//! declares it (decoding every `=HH` of a log would turn `id=DEADBEEF` into bytes). Text that
//! is not UTF-8 once decoded (`=C1lvaro` from an `iso-8859-1` message) is read as Latin-1.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use base64::Engine as _;

use crate::urlenc::{Decoded, escaped_byte};

/// A quoted-printable body longer than this is decoded only this far.
const MAX_BODY: usize = 256 << 10;
/// How far after its `Content-Transfer-Encoding` header a body may start (the rest of the
/// headers).
const MAX_HEADERS: usize = 8 << 10;
/// An encoded word longer than this is not one (RFC 2047 allows 75 bytes).
const MAX_WORD: usize = 1024;

fn declaration() -> &'static AhoCorasick {
    static AC: OnceLock<AhoCorasick> = OnceLock::new();
    AC.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(["quoted-printable"])
            .expect("static pattern builds")
    })
}

/// The encoded regions that start in `range` (and end by `limit`), each decoded, with the
/// offset where it starts; in order of their start.
pub fn regions(hay: &[u8], range: Range<usize>, limit: usize) -> Vec<(usize, Decoded)> {
    let limit = limit.min(hay.len());
    let mut out = Vec::new();
    // Encoded words.
    let mut next = range.start;
    for i in memchr::memmem::find_iter(&hay[range.start..range.end], b"=?").map(|i| range.start + i)
    {
        if i < next {
            continue;
        }
        if let Some((end, d)) = encoded_words(hay, i, limit) {
            next = end;
            out.push((i, d));
        }
    }
    // Quoted-printable bodies and vCard properties.
    let mut next = range.start;
    for m in declaration().find_iter(&hay[range.start..range.end]) {
        let at = range.start + m.start();
        if at < next {
            continue;
        }
        let line_start = memchr::memrchr(b'\n', &hay[..at]).map_or(0, |i| i + 1);
        let line_end = memchr::memchr(b'\n', &hay[at..limit]).map_or(limit, |i| at + i);
        let line = &hay[line_start..line_end];
        let region =
            if starts_with_ignore_case(line.trim_ascii_start(), b"content-transfer-encoding") {
                body(hay, line_end, limit)
            } else if hay.get(at + m.len()) == Some(&b':') {
                // `FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Mat=C3=ADas Gir=C3=B3n`
                Some(soft_lines(hay, at + m.len() + 1, limit))
            } else {
                None
            };
        if let Some(r) = region {
            next = r.end;
            if has_escape(&hay[r.clone()]) {
                out.push((r.start, decode_qp(hay, r)));
            }
        }
    }
    out.sort_by_key(|(s, _)| *s);
    out
}

fn starts_with_ignore_case(s: &[u8], prefix: &[u8]) -> bool {
    s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn has_escape(s: &[u8]) -> bool {
    memchr::memchr_iter(b'=', s).any(|i| escaped_byte(s, i, s.len()).is_some())
}

/// The body after the header line ending at `header_end`: from the blank line that ends the
/// headers to a MIME boundary (`--…`), an mbox `From ` line, or [`MAX_BODY`].
fn body(hay: &[u8], header_end: usize, limit: usize) -> Option<Range<usize>> {
    let window = &hay[header_end..limit.min(header_end + MAX_HEADERS)];
    let blank = memchr::memmem::find(window, b"\n\n")
        .map(|i| (i, 2))
        .into_iter()
        .chain(memchr::memmem::find(window, b"\n\r\n").map(|i| (i, 3)))
        .min()?;
    let start = header_end + blank.0 + blank.1;
    let cap = limit.min(start + MAX_BODY);
    let mut end = cap;
    let mut p = start;
    while p < cap {
        let line = &hay[p..cap];
        if line.starts_with(b"--") || line.starts_with(b"From ") {
            end = p;
            break;
        }
        p = match memchr::memchr(b'\n', line) {
            Some(i) => p + i + 1,
            None => cap,
        };
    }
    (end > start).then_some(start..end)
}

/// From `start` to the end of its line, and on through each line that a soft line break
/// (`=` at the end) continues.
fn soft_lines(hay: &[u8], start: usize, limit: usize) -> Range<usize> {
    let mut p = start;
    loop {
        let e = memchr::memchr(b'\n', &hay[p..limit]).map_or(limit, |i| p + i);
        let line = &hay[p..e];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if e >= limit || !line.ends_with(b"=") || e + 1 - start > MAX_BODY {
            return start..e;
        }
        p = e + 1;
    }
}

/// Decodes quoted-printable `hay[r]`: `=HH` is a byte, `=` at a line end joins the lines.
fn decode_qp(hay: &[u8], r: Range<usize>) -> Decoded {
    let mut bytes: Vec<(u8, u32)> = Vec::with_capacity(r.len());
    let mut i = r.start;
    while i < r.end {
        let at = (i - r.start) as u32;
        if hay[i] == b'=' {
            if let Some(b) = escaped_byte(hay, i, r.end) {
                bytes.push((b, at));
                i += 3;
                continue;
            }
            let soft = if hay[i + 1..r.end].starts_with(b"\r\n") {
                3
            } else if hay[i + 1..r.end].starts_with(b"\n") {
                2
            } else {
                0
            };
            if soft > 0 {
                i += soft;
                continue;
            }
        }
        bytes.push((hay[i], at));
        i += 1;
    }
    finish(bytes, r.len() as u32, false)
}

/// Turns decoded bytes and their offsets into text: kept as it is when it is UTF-8 and the
/// charset does not say otherwise, read as Latin-1 (each byte from 0x80 one character)
/// when not.
fn finish(bytes: Vec<(u8, u32)>, end: u32, latin1: bool) -> Decoded {
    let raw: Vec<u8> = bytes.iter().map(|&(b, _)| b).collect();
    let mut d = Decoded::default();
    if !latin1 && std::str::from_utf8(&raw).is_ok() {
        d.text = raw;
        d.map = bytes.iter().map(|&(_, at)| at).collect();
    } else {
        for &(b, at) in &bytes {
            let mut buf = [0u8; 2];
            for &u in char::from(b).encode_utf8(&mut buf).as_bytes() {
                d.text.push(u);
                d.map.push(at);
            }
        }
    }
    d.map.push(end);
    d
}

/// One encoded word at `i` (`=?charset?Q?…?=` or `?B?`), and the words that follow it
/// separated only by white space (RFC 2047 joins them): where they end, and their decoded
/// text.
fn encoded_words(hay: &[u8], i: usize, limit: usize) -> Option<(usize, Decoded)> {
    let mut bytes: Vec<(u8, u32)> = Vec::new();
    let mut latin1 = false;
    let mut p = i;
    let mut end = None;
    let mut text_end = 0;
    while let Some((word_end, cs_latin1)) = encoded_word(hay, p, limit, i, &mut bytes) {
        latin1 |= cs_latin1;
        end = Some(word_end);
        text_end = word_end - 2; // before the closing `?=`
        // Another encoded word after white space continues this one.
        let q = word_end
            + hay[word_end..limit]
                .iter()
                .take_while(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'))
                .count();
        if q == word_end || !hay[q..limit].starts_with(b"=?") {
            break;
        }
        p = q;
    }
    let end = end?;
    // The text's end maps to the last word's text end, so that a value at the end of the
    // words does not take the closing `?=` with it.
    Some((end, finish(bytes, (text_end - i) as u32, latin1)))
}

/// Decodes the encoded word at `p` into `bytes` (offsets from `base`): its end and whether its
/// charset is a single-byte one.
fn encoded_word(
    hay: &[u8],
    p: usize,
    limit: usize,
    base: usize,
    bytes: &mut Vec<(u8, u32)>,
) -> Option<(usize, bool)> {
    let stop = limit.min(p + MAX_WORD);
    let w = &hay[p..stop];
    let cs_end = 2 + w[2..]
        .iter()
        .take(40)
        .position(|&b| b == b'?')
        .filter(|&n| n > 0)?;
    let charset = &w[2..cs_end];
    if !charset
        .iter()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'*'))
    {
        return None;
    }
    let enc = *w.get(cs_end + 1)?;
    if w.get(cs_end + 2) != Some(&b'?') {
        return None;
    }
    let text_start = cs_end + 3;
    let text_len = memchr::memmem::find(&w[text_start..], b"?=")?;
    let text = &w[text_start..text_start + text_len];
    if text.is_empty() || text.iter().any(|b| b.is_ascii_whitespace()) {
        return None;
    }
    let at = |k: usize| (p + text_start + k - base) as u32;
    match enc {
        b'Q' | b'q' => {
            let mut k = 0;
            while k < text.len() {
                match text[k] {
                    b'=' => {
                        let b = escaped_byte(text, k, text.len())?;
                        bytes.push((b, at(k)));
                        k += 3;
                    }
                    b'_' => {
                        bytes.push((b' ', at(k)));
                        k += 1;
                    }
                    b => {
                        bytes.push((b, at(k)));
                        k += 1;
                    }
                }
            }
        }
        b'B' | b'b' => {
            let decoded = base64::engine::general_purpose::STANDARD
                .decode(text)
                .ok()?;
            // Each 3 decoded bytes come from 4 encoded ones: a value maps to the whole
            // groups that hold it.
            bytes.extend(decoded.iter().enumerate().map(|(n, &b)| (b, at(n / 3 * 4))));
        }
        _ => return None,
    }
    let lower = charset.to_ascii_lowercase();
    let single_byte = lower.starts_with(b"iso-8859")
        || lower.starts_with(b"windows-125")
        || lower.starts_with(b"latin")
        || lower == b"us-ascii";
    Some((p + text_start + text_len + 2, single_byte))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(s: &str) -> Vec<String> {
        let hay = s.as_bytes();
        regions(hay, 0..hay.len(), hay.len())
            .into_iter()
            .map(|(_, d)| String::from_utf8(d.text).unwrap())
            .collect()
    }

    #[test]
    fn encoded_words_decode_and_join() {
        assert_eq!(
            decoded("From: =?UTF-8?Q?Alejandra_N=C3=BA=C3=B1ez?= <a@example.mx>"),
            ["Alejandra Núñez"]
        );
        assert_eq!(
            decoded("Subject: =?utf-8?B?Sm9zw6kgUMOpcmV6?= =?utf-8?Q?_L=C3=B3pez?="),
            ["José Pérez López"]
        );
        assert_eq!(decoded("From: =?iso-8859-1?Q?=C1lvaro?= x"), ["Álvaro"]);
    }

    #[test]
    fn declared_bodies_decode_with_soft_breaks_and_latin1() {
        let mail = "Content-Type: text/plain; charset=\"iso-8859-1\"\n\
                    Content-Transfer-Encoding: quoted-printable\n\n\
                    titular =C1lvaro M=E9ndez Rub=\nio.\n--boundary\nnot=C3=A9 body\n";
        assert_eq!(decoded(mail), ["titular Álvaro Méndez Rubio.\n"]);
        let vcard = "FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Mat=C3=ADas Gir=C3=B3n\nTEL:1\n";
        assert_eq!(decoded(vcard), ["Matías Girón"]);
    }

    #[test]
    fn undeclared_text_is_left_alone() {
        for s in [
            "id=DEADBEEF key=C3A9 x=?",
            "GET /a?b=?c HTTP/1.1",
            "the quoted-printable encoding is described in RFC 2045",
            "=?UTF-8?Q?not closed",
        ] {
            assert_eq!(decoded(s), Vec::<String>::new(), "{s}");
        }
    }

    #[test]
    fn spans_map_back_to_the_encoded_bytes() {
        let s = "To: x\nFrom: =?UTF-8?Q?Ren=C3=A9e_Fontaine?= <r@example.org>";
        let hay = s.as_bytes();
        let (start, d) = regions(hay, 0..hay.len(), hay.len()).remove(0);
        let text = String::from_utf8(d.text.clone()).unwrap();
        let at = text.find("Renée").unwrap();
        let r = d.source(at..at + "Renée".len());
        assert_eq!(&s[start + r.start..start + r.end], "Ren=C3=A9e");
        let r = d.source(at..text.len());
        assert_eq!(&s[start + r.start..start + r.end], "Ren=C3=A9e_Fontaine");
    }
}

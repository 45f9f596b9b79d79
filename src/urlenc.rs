//! URL-encoded values (`phone=%2B15125550143`, `name=Jos%C3%A9+P%C3%A9rez`,
//! `dob=09%2F23%2F1985`) as web servers, proxies and WAFs log query strings and form posts.
//!
//! The detectors read text as written, so an encoded value hides from them. This module finds
//! the tokens that carry such encoding and decodes each into a buffer with a map back to the
//! original bytes, so that the engine can scan the decoded text and report findings at the
//! encoded bytes (which is what a redacted copy must replace).

use std::ops::Range;

/// A token longer than this is not decoded (a blob, not a URL or a form body).
const MAX_TOKEN: usize = 8192;

/// A decoded token: the text, and for each decoded byte (plus one past the end) the offset in
/// the token it came from.
#[derive(Debug, Default)]
pub struct Decoded {
    /// The decoded bytes.
    pub text: Vec<u8>,
    /// Per decoded byte, and one past the end: its offset in the token.
    pub map: Vec<u32>,
}

impl Decoded {
    /// The token's byte range for a range of the decoded text.
    pub fn source(&self, r: Range<usize>) -> Range<usize> {
        self.map[r.start] as usize..self.map[r.end] as usize
    }
}

/// Bytes that end a token: white space, quotes and the brackets logs put around URLs.
fn ends_token(b: u8) -> bool {
    matches!(
        b,
        b' ' | b'\t' | b'\r' | b'\n' | b'"' | b'\'' | b'`' | b'<' | b'>' | b'^' | b'|' | b'\\'
    )
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// The byte of a two-hex-digit escape whose marker is at `i` (`%2B` here, `=C3` in
/// quoted-printable), when both digits lie before `end`.
pub(crate) fn escaped_byte(s: &[u8], i: usize, end: usize) -> Option<u8> {
    if i + 2 < end {
        Some(hex(s[i + 1])? << 4 | hex(s[i + 2])?)
    } else {
        None
    }
}

/// Whether `%` at `i` starts an escape (`%2B`).
fn escape_at(hay: &[u8], i: usize) -> bool {
    escaped_byte(hay, i, hay.len()).is_some()
}

/// The `+` signs of `token` that stand for spaces in form values (offsets in the token, in
/// order): between two letters or digits (or before an escape), after a `key=` earlier in the
/// token (base64 has `+` too, but `=` only as padding at its end), and with no literal `@` in
/// its value, from the last `=` or `&` before it to the next `&` (a form encodes `@` as `%40`,
/// so `user=ana.ruiz+tickets@example.com` is a sub-addressed e-mail written as it is).
/// One pass: each `+` waits in its parameter until the parameter ends, and an `@` drops the
/// waiting ones whose value it lies in.
fn form_spaces(hay: &[u8], token: &Range<usize>) -> Vec<usize> {
    let t = &hay[token.clone()];
    let mut out = Vec::new();
    // `+` signs of the current parameter (up to `&`) that no `@` has ruled out yet.
    let mut waiting: Vec<usize> = Vec::new();
    let (mut key, mut at_in_value) = (false, false);
    for (i, &b) in t.iter().enumerate() {
        match b {
            b'+' if key
                && i > 0
                && i + 1 < t.len()
                && t[i - 1].is_ascii_alphanumeric()
                && (t[i + 1].is_ascii_alphanumeric() || t[i + 1] == b'%')
                && !at_in_value =>
            {
                waiting.push(i)
            }
            // An `@` lies in the value of every `+` waiting in this parameter.
            b'@' => {
                waiting.clear();
                at_in_value = true;
            }
            b'=' => at_in_value = false,
            b'&' => {
                out.append(&mut waiting);
                at_in_value = false;
            }
            _ => {}
        }
        // A `key=` counts for the bytes after both of its last two.
        key |= i > 0 && t[i - 1] == b'=' && b != b'=';
    }
    out.append(&mut waiting);
    out
}

/// The tokens that start in `range` (and end by `limit`) and hold at least one escape or form
/// space, in order.
pub fn tokens(hay: &[u8], range: Range<usize>, limit: usize) -> Vec<Range<usize>> {
    let limit = limit.min(hay.len());
    let mut out: Vec<Range<usize>> = Vec::new();
    // A token that starts before `range` belongs to the chunk where it starts.
    let from = range.start;
    let mut done = from;
    for i in memchr::memchr2_iter(b'%', b'+', &hay[from..limit]).map(|i| from + i) {
        if i < done {
            continue;
        }
        let mut s = i;
        while s > 0 && i - s < MAX_TOKEN && !ends_token(hay[s - 1]) {
            s -= 1;
        }
        let mut e = i + 1;
        while e < limit && e - i < MAX_TOKEN && !ends_token(hay[e]) {
            e += 1;
        }
        done = e;
        let token = s..e;
        if s < range.start || s >= range.end || e - s >= MAX_TOKEN {
            continue;
        }
        let encoded = (s..e).any(|j| hay[j] == b'%' && escape_at(hay, j))
            || !form_spaces(hay, &token).is_empty();
        if encoded {
            out.push(token);
        }
    }
    out
}

/// Decodes a token: `%HH` becomes its byte, a form `+` a space, and `&` (between parameters) a
/// line break, so that each parameter reads as its own line.
pub fn decode(hay: &[u8], token: Range<usize>) -> Decoded {
    let mut d = Decoded {
        text: Vec::with_capacity(token.len()),
        map: Vec::with_capacity(token.len() + 1),
    };
    let spaces = form_spaces(hay, &token);
    let mut spaces = spaces.iter().map(|&p| token.start + p).peekable();
    let mut i = token.start;
    while i < token.end {
        let at = (i - token.start) as u32;
        let (byte, width) = match hay[i] {
            b'%' => match escaped_byte(hay, i, token.end) {
                Some(b) => (b, 3),
                None => (b'%', 1),
            },
            b'+' if spaces.next_if_eq(&i).is_some() => (b' ', 1),
            b'&' => (b'\n', 1),
            b => (b, 1),
        };
        d.text.push(byte);
        d.map.push(at);
        i += width;
    }
    d.map.push(token.len() as u32);
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(s: &str) -> Vec<String> {
        let hay = s.as_bytes();
        tokens(hay, 0..hay.len(), hay.len())
            .into_iter()
            .map(|t| String::from_utf8(decode(hay, t).text).unwrap())
            .collect()
    }

    #[test]
    fn query_strings_and_form_bodies_decode() {
        assert_eq!(
            decoded("GET /x?email=ana%40example.com&phone=%2B15125550143 HTTP/1.1"),
            ["/x?email=ana@example.com\nphone=+15125550143"]
        );
        assert_eq!(
            decoded("first=Jos%C3%A9&name=Jos%C3%A9+P%C3%A9rez&dob=09%2F23%2F1985"),
            ["first=José\nname=José Pérez\ndob=09/23/1985"]
        );
        assert_eq!(
            decoded("address_street=1148+Alvarado+St address_city=Los+Angeles"),
            [
                "address_street=1148 Alvarado St",
                "address_city=Los Angeles"
            ]
        );
    }

    #[test]
    fn plain_text_is_left_alone() {
        for s in [
            "disk at 97% on db-3",
            "[12/Mar/2024:10:15:32 +0000] C++ a+b",
            "token QmFzZTY0U2Vz+c2lvbg== end",
            "100%",
            "%zz and %4",
            "user=hannah.patel+tickets@correo.example.com",
        ] {
            assert_eq!(decoded(s), Vec::<String>::new(), "{s}");
        }
    }

    #[test]
    fn spans_map_back_to_the_encoded_bytes() {
        let s = b"q?phone=%2B15125550143&x=1";
        let t = tokens(s, 0..s.len(), s.len());
        let d = decode(s, t[0].clone());
        let at = d.text.iter().position(|&b| b == b'+').unwrap();
        let r = d.source(at..at + 12);
        assert_eq!(&s[r], b"%2B15125550143");
    }

    #[test]
    fn a_token_belongs_to_the_chunk_where_it_starts() {
        let s = b"aaa b?x=%41%42 ccc";
        assert_eq!(tokens(s, 0..4, s.len()), Vec::<Range<usize>>::new());
        assert_eq!(
            tokens(s, 4..s.len(), s.len()),
            vec![Range { start: 4, end: 14 }]
        );
        assert_eq!(tokens(s, 8..s.len(), s.len()), Vec::<Range<usize>>::new());
    }
}

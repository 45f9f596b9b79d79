//! vCard contacts: names, addresses and birthdays whose parts are told apart by position.
//!
//! A contact exported from a phone, a mail client or a CRM (`.vcf`, RFC 6350 and the 2.1 and
//! 3.0 forms still in use) writes its structured properties as `;`-separated parts:
//! `N:Oduya;Samuel;;;` is the family name, then the given name; `ADR;TYPE=HOME:;;5120 Ravenna
//! Ave NE;Seattle;WA;98105;USA` is a post-office box, an extended address, the street, the
//! locality, the region, the postal code and the country; `BDAY:1983-05-19` is a birthday. Read
//! as text, `Oduya;Samuel` is two capitalised words glued by a semicolon, the street has no
//! address word near it and the date no birth word. The property name says what each part is.
//!
//! This module finds the cards that begin in a range and lays each card's `N`, `ADR` and
//! `BDAY` properties out as a tab-separated table, one row per property, under column names
//! that say what each part is (`family name`, `street address`, `birthday`), with a map from
//! every byte back to the card (the same [`View`] the SQL reader builds). The engine scans the
//! table like a CSV export and reports findings at the card's bytes. The other properties
//! (`FN`, `EMAIL`, `TEL`) read well as text and are left to the plain scan.

use std::ops::Range;
use std::sync::OnceLock;

use memchr::memmem;

use crate::sqldump::View;

/// A card longer than this is not read past it (a card is a few hundred bytes; a photo
/// property can be large, and nothing after a runaway card is a contact).
const MAX_CARD: usize = 64 << 10;

/// The columns of the table: the parts of `N`, then of `ADR`, then `BDAY`.
const COLUMNS: [&str; 13] = [
    "family name",
    "given name",
    "middle name",
    "honorific prefixes",
    "honorific suffixes",
    "post office box",
    "extended address",
    "street address",
    "locality",
    "region",
    "postal code",
    "country",
    "birthday",
];

/// A property laid out: its first column and how many parts it has.
fn property(name: &[u8]) -> Option<(usize, usize)> {
    if name.eq_ignore_ascii_case(b"N") {
        Some((0, 5))
    } else if name.eq_ignore_ascii_case(b"ADR") {
        Some((5, 7))
    } else if name.eq_ignore_ascii_case(b"BDAY") {
        Some((12, 1))
    } else {
        None
    }
}

/// The line that opens a card. Exporters write it in capitals; a search that ignores case
/// cost about 1% of a whole scan of logs, a literal search nothing measurable.
fn begin() -> &'static memmem::Finder<'static> {
    static FINDER: OnceLock<memmem::Finder<'static>> = OnceLock::new();
    FINDER.get_or_init(|| memmem::Finder::new(BEGIN))
}

const BEGIN: &[u8] = b"BEGIN:VCARD";

/// The tables of the cards that begin on a line starting in `range` (a card ends by `limit`):
/// each card belongs to the chunk where it begins.
pub fn views(hay: &[u8], range: Range<usize>, limit: usize) -> Vec<View> {
    let limit = limit.min(hay.len());
    let mut out = Vec::new();
    // A `BEGIN:VCARD` that starts in the range may end past it.
    let end = (range.end + BEGIN.len()).min(limit);
    if range.start >= end {
        return out;
    }
    for i in begin().find_iter(&hay[range.start..end]) {
        let at = range.start + i;
        if at >= range.end || at > 0 && hay[at - 1] != b'\n' {
            continue;
        }
        if let Some(v) = card(hay, at + BEGIN.len(), limit.min(at + MAX_CARD)) {
            out.push(v);
        }
    }
    out
}

/// Lays out the card whose `BEGIN:VCARD` ends at `from`, up to its `END:VCARD` or `limit`.
fn card(hay: &[u8], from: usize, limit: usize) -> Option<View> {
    let mut view = View::new(&COLUMNS, from);
    let mut ls = from;
    while ls < limit {
        let le = memchr::memchr(b'\n', &hay[ls..limit]).map_or(limit, |i| ls + i);
        let line = &hay[ls..le];
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.eq_ignore_ascii_case(b"END:VCARD") {
            break;
        }
        // A folded line (it starts with a space or a tab) continues the one before: the
        // structured properties are short and are not followed there.
        if let Some(colon) = memchr::memchr(b':', line).filter(|_| !line.starts_with(b" ")) {
            let name = &line[..colon];
            let name = &name[..memchr::memchr(b';', name).unwrap_or(name.len())];
            // A grouped property (`item1.ADR`) is the property after the dot.
            let name = &name[memchr::memrchr(b'.', name).map_or(0, |i| i + 1)..];
            if let Some((first, parts)) = property(name) {
                let value = ls + colon + 1..ls + line.len();
                row(hay, value, first, parts, &mut view);
            }
        }
        ls = le + 1;
    }
    view.has_rows().then(|| view.finish(limit))
}

/// Appends one row holding the `;`-separated parts of `value` in columns `first..first+parts`
/// (a part past the last is left out; a `\;` is no separator).
fn row(hay: &[u8], value: Range<usize>, first: usize, parts: usize, view: &mut View) {
    let mut cells: Vec<Range<usize>> = Vec::with_capacity(parts);
    let mut start = value.start;
    let mut i = value.start;
    while i < value.end && cells.len() < parts {
        match hay[i] {
            b'\\' => i += 1,
            b';' => {
                cells.push(start..i);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if cells.len() < parts {
        cells.push(start..value.end.max(start));
    }
    if cells.iter().all(|c| c.is_empty()) {
        return;
    }
    let mut at = value.start;
    for col in 0..COLUMNS.len() {
        if col > 0 {
            view.push(b'\t', at);
        }
        if let Some(c) = col.checked_sub(first).and_then(|k| cells.get(k)) {
            view.push_cell(hay, c.clone());
            at = c.end;
        }
    }
    view.push(b'\n', at);
}

#[cfg(test)]
mod tests {
    use super::*;

    const CARD: &str = "BEGIN:VCARD\r\nVERSION:3.0\r\nN:Oduya;Samuel;;;\r\nFN:Samuel Oduya\r\n\
        item1.ADR;TYPE=HOME:;;5120 Ravenna Ave NE;Seattle;WA;98105;USA\r\n\
        BDAY:1983-05-19\r\nNOTE:a\\; b\r\nEND:VCARD\r\nN:Not;Acard\r\n";

    #[test]
    fn structured_properties_are_laid_out_under_their_parts_names() {
        let hay = CARD.as_bytes();
        let views = views(hay, 0..hay.len(), hay.len());
        assert_eq!(views.len(), 1);
        let t = views[0].cells();
        assert_eq!(t[0].len(), COLUMNS.len());
        assert_eq!(t[0][1], "given name");
        // One row per property; nothing after END:VCARD.
        assert_eq!(t.len(), 4, "{t:?}");
        assert_eq!(t[1][..2], ["Oduya", "Samuel"]);
        assert_eq!(
            t[2][7..11],
            ["5120 Ravenna Ave NE", "Seattle", "WA", "98105"]
        );
        assert_eq!(t[3][12], "1983-05-19");
        // Every cell maps back to its bytes in the card.
        let v = &views[0];
        for needle in ["Samuel", "5120 Ravenna Ave NE", "98105", "1983-05-19"] {
            let at = v
                .text
                .windows(needle.len())
                .position(|w| w == needle.as_bytes());
            let r = at.unwrap()..at.unwrap() + needle.len();
            assert_eq!(&hay[v.source(r)], needle.as_bytes());
        }
    }

    #[test]
    fn cards_belong_to_the_chunk_where_they_begin() {
        let hay = CARD.as_bytes();
        assert!(views(hay, 1..hay.len(), hay.len()).is_empty());
        // A card cut by the limit keeps the properties before the cut.
        let cut = CARD.find("item1").unwrap();
        let t = views(hay, 0..1, cut)[0].cells();
        assert_eq!(t.len(), 2);
        // `BEGIN:VCARD` inside a line is no card.
        let text = b"note: BEGIN:VCARD\nN:Oduya;Samuel\n";
        assert!(views(text, 0..text.len(), text.len()).is_empty());
    }
}

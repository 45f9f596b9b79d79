//! Healthcare interchange segments: HL7 v2 messages and X12 EDI transactions, whose fields are
//! told apart by position, not by a label.
//!
//! Hospital, lab and benefits exports carry patients in HL7 v2 (`PID|1||E4471829^^^MERCY^MR||
//! KOWALSKI^THEODORE^J||19520307|M|||4021 HOLLOWAY RD^^DAYTON^OH^45402||(937)555-0142|||||||
//! 282-41-7713`) and health-plan enrolments and claims in X12 (`NM1*IL*1*HALVORSEN*BRIDGET*M***
//! 34*581102432~N3*88 ELM ST~PER*IP**HP*6175550123~`). Read as text, `581102432` is nine bare
//! digits with no word near it, `HALVORSEN*BRIDGET` two capitalised words glued by asterisks
//! and `88 ELM ST` a street with no address word; the segment and the field's position (and,
//! for identifiers, a qualifier) say what each one is.
//!
//! This module finds the segments that begin in a range and lays out the fields that hold a
//! person's data as a tab-separated table, one row per segment, under column names that say what
//! each field is (`family name`, `ssn`, `street address`, `medical record number`), with a map
//! from every byte back to the segment (the [`View`] the SQL and vCard readers build). The
//! engine scans the table like a CSV export and reports findings at the segment's bytes. Fields
//! that read well as text (birth dates, which have their own detector, e-mail addresses) and
//! those that are not personal (a payer's or a provider's name, a city) are left out.
//!
//! A chunk is read only when it holds `PID|`, `NK1|`, `GT1|`, `IN1|` or `NM1*`: one SIMD literal
//! search, 0.019 s of CPU over the 209.7 MB bench corpus of logs that have none (about 0.35%).

use std::ops::Range;
use std::sync::OnceLock;

use memchr::memmem;

use crate::sqldump::View;

/// The columns of the table.
const COLUMNS: [&str; 13] = [
    "family name",
    "given name",
    "middle name",
    "mother's maiden name",
    "street address",
    "phone",
    "ssn",
    "driver license",
    "passport",
    "national id",
    "medical record number",
    "employer identification number",
    "place of birth",
];
const FAMILY: usize = 0;
const MAIDEN: usize = 3;
const STREET: usize = 4;
const PHONE: usize = 5;
const SSN: usize = 6;
const LICENCE: usize = 7;
const PASSPORT: usize = 8;
const NATIONAL: usize = 9;
const MEDICAL: usize = 10;
const EIN: usize = 11;
const BIRTHPLACE: usize = 12;

/// A segment longer than this is not read past it (segments are a few hundred bytes).
const MAX_SEGMENT: usize = 4 << 10;

/// The literals that mark a chunk worth reading: `PID|`, `NK1|`, `GT1|`, `IN1|` (HL7) and
/// `NM1*` (X12), found in one SIMD pass (five `memmem` passes cost 0.8% of a scan of logs).
fn markers() -> &'static aho_corasick::packed::Searcher {
    static MARKERS: OnceLock<aho_corasick::packed::Searcher> = OnceLock::new();
    MARKERS.get_or_init(|| {
        aho_corasick::packed::Config::new()
            .builder()
            .extend(MARKER_LITERALS)
            .build()
            .expect("static markers build")
    })
}

const MARKER_LITERALS: [&[u8]; 5] = [b"PID|", b"NK1|", b"GT1|", b"IN1|", b"NM1*"];

/// The X12 person segment, found within a segment quoted in a log line.
fn nm1() -> &'static memmem::Finder<'static> {
    static NM1: OnceLock<memmem::Finder<'static>> = OnceLock::new();
    NM1.get_or_init(|| memmem::Finder::new(b"NM1*"))
}

/// The table of the segments that begin in `range` (a segment ends by `limit`), or `None` when
/// there are none.
pub fn view(hay: &[u8], range: Range<usize>, limit: usize) -> Option<View> {
    let limit = limit.min(hay.len());
    let end = (range.end + 4).min(limit);
    if range.start >= end {
        return None;
    }
    let window = &hay[range.start..end];
    let (mut hl7, mut x12) = (false, false);
    for m in markers().find_iter(window) {
        if m.pattern().as_usize() == 4 {
            x12 = true;
        } else {
            hl7 = true;
        }
        if hl7 && x12 {
            break;
        }
    }
    if !hl7 && !x12 {
        return None;
    }
    let nm1 = nm1();
    let mut view = View::new(&COLUMNS, range.start);
    let mut cells: Vec<(usize, Range<usize>)> = Vec::new();
    if hl7 {
        // HL7 ends a segment with `\r` (files and logs with `\n`); `~` repeats a field.
        for seg in pieces(hay, range.clone(), limit, *b"\n\r\r") {
            if seg.len() >= 4 && hay[seg.start + 3] == b'|' {
                cells.clear();
                hl7_segment(hay, seg, &mut cells);
                row(hay, &cells, &mut view);
            }
        }
    }
    if x12 {
        // X12 ends a segment with `~`, often followed by a line break.
        for seg in pieces(hay, range, limit, *b"~\n\r") {
            // A segment quoted inside a log line: `... segment NM1*IL*1*HARPER*DONNA`.
            let start = match nm1.find(&hay[seg.clone()]) {
                Some(i) if i == 0 || !hay[seg.start + i - 1].is_ascii_alphanumeric() => {
                    seg.start + i
                }
                _ => seg.start,
            };
            cells.clear();
            x12_segment(hay, start..seg.end, &mut cells);
            row(hay, &cells, &mut view);
        }
    }
    view.has_rows().then(|| view.finish(limit))
}

/// The segments that start in `range`, each ended by one of the bytes `ends` (or at `limit`, or
/// [`MAX_SEGMENT`] on), leading spaces skipped, empty ones left out.
fn pieces(
    hay: &[u8],
    range: Range<usize>,
    limit: usize,
    [a, b, c]: [u8; 3],
) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = range.start;
    std::iter::from_fn(move || {
        while at < range.end {
            let cap = limit.min(at + MAX_SEGMENT);
            let end = memchr::memchr3(a, b, c, &hay[at..cap]).map_or(cap, |i| at + i);
            let seg = trim_start(hay, at..end);
            at = end + 1;
            if !seg.is_empty() {
                return Some(seg);
            }
        }
        None
    })
}

/// Skips the spaces before a segment.
fn trim_start(hay: &[u8], r: Range<usize>) -> Range<usize> {
    let skip = hay[r.clone()]
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count();
    r.start + skip..r.end
}

/// The `sep`-separated parts of `r`.
fn split(hay: &[u8], r: Range<usize>, sep: u8) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut start = r.start;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        match memchr::memchr(sep, &hay[start..r.end]) {
            Some(i) => {
                let part = start..start + i;
                start += i + 1;
                Some(part)
            }
            None => {
                done = true;
                Some(start..r.end)
            }
        }
    })
}

/// Part `n` (0-based) of `r`, if it is there and not empty.
fn nth(hay: &[u8], r: Range<usize>, sep: u8, n: usize) -> Option<Range<usize>> {
    split(hay, r, sep).nth(n).filter(|p| !p.is_empty())
}

/// Where an HL7 segment keeps a person's data (HL7 2.x field numbers, from 1 after the
/// segment name).
#[derive(Clone, Copy)]
struct Hl7Fields {
    /// Names (XPN): family, given, middle.
    name: &'static [usize],
    /// Mother's maiden name (XPN).
    maiden: Option<usize>,
    /// Addresses (XAD): the street line of each repetition.
    address: &'static [usize],
    /// Phones (XTN): the number of each repetition.
    phones: &'static [usize],
    ssn: Option<usize>,
    /// Driver's licence (DLN): the number.
    licence: Option<usize>,
    /// Birthplace.
    place: Option<usize>,
}

/// The segments read: patient, next of kin, guarantor, insured.
const HL7_FIELDS: [(&[u8; 3], Hl7Fields); 4] = [
    (
        b"PID",
        Hl7Fields {
            name: &[5],
            maiden: Some(6),
            address: &[11],
            phones: &[13, 14],
            ssn: Some(19),
            licence: Some(20),
            place: Some(23),
        },
    ),
    (
        b"NK1",
        Hl7Fields {
            name: &[2],
            maiden: None,
            address: &[4],
            phones: &[5, 6],
            ssn: Some(37),
            licence: None,
            place: None,
        },
    ),
    (
        b"GT1",
        Hl7Fields {
            name: &[3],
            maiden: None,
            address: &[5],
            phones: &[6, 7],
            ssn: Some(12),
            licence: None,
            place: None,
        },
    ),
    (
        b"IN1",
        Hl7Fields {
            name: &[16],
            maiden: None,
            address: &[19],
            phones: &[],
            ssn: None,
            licence: None,
            place: None,
        },
    ),
];

/// Lays out an HL7 v2 segment's personal fields (HL7 2.x field numbers; components `^`,
/// repetitions `~`).
fn hl7_segment(hay: &[u8], seg: Range<usize>, out: &mut Vec<(usize, Range<usize>)>) {
    let id = &hay[seg.start..seg.start + 3];
    let Some(&(_, f)) = HL7_FIELDS.iter().find(|(name, _)| name[..] == *id) else {
        return;
    };
    let fields: Vec<Range<usize>> = split(hay, seg.start + 4..seg.end, b'|').collect();
    // HL7 numbers fields from 1 after the segment name.
    let field = |n: usize| fields.get(n - 1).cloned().filter(|f| !f.is_empty());
    let Hl7Fields {
        name,
        maiden,
        address,
        phones,
        ssn,
        licence,
        place,
    } = f;
    for &n in name {
        if let Some(f) = field(n) {
            // The first repetition is the legal name; aliases follow.
            let xpn = split(hay, f, b'~').next().unwrap_or_default();
            for (k, part) in split(hay, xpn, b'^').take(3).enumerate() {
                // A one-letter middle initial is nobody's name on its own.
                if part.len() > 1 || (k < 2 && !part.is_empty()) {
                    out.push((FAMILY + k, part));
                }
            }
        }
    }
    if let Some(f) = maiden.and_then(field) {
        if let Some(family) = nth(hay, f, b'^', 0) {
            out.push((MAIDEN, family));
        }
    }
    // The street line of every address (XAD), the number of every phone (XTN): the first
    // component of each repetition.
    for (fields, col) in [(address, STREET), (phones, PHONE)] {
        for f in fields.iter().filter_map(|&n| field(n)) {
            for rep in split(hay, f, b'~') {
                if let Some(first) = nth(hay, rep, b'^', 0) {
                    out.push((col, first));
                }
            }
        }
    }
    if let Some(f) = ssn.and_then(field) {
        out.push((SSN, f));
    }
    if let Some(f) = licence.and_then(field) {
        if let Some(number) = nth(hay, f, b'^', 0) {
            out.push((LICENCE, number));
        }
    }
    if let Some(f) = place.and_then(field) {
        out.push((BIRTHPLACE, f));
    }
    if id == b"PID" {
        // PID-3, the patient identifier list: each CX names its kind in component 5.
        if let Some(f) = field(3) {
            for cx in split(hay, f, b'~') {
                let Some(number) = nth(hay, cx.clone(), b'^', 0) else {
                    continue;
                };
                let kind = nth(hay, cx, b'^', 4).map_or(&b""[..], |k| &hay[k]);
                let col = match kind {
                    b"SS" => SSN,
                    b"DL" => LICENCE,
                    b"PPN" | b"PP" => PASSPORT,
                    b"NI" | b"NNMEX" | b"NNESP" | b"NN" | b"CZ" => NATIONAL,
                    // MR, MRN, PI, PT, MA, MC, MB and unnamed kinds: a record number.
                    _ => MEDICAL,
                };
                out.push((col, number));
            }
        }
    }
}

/// Lays out an X12 segment's personal elements (`*` separates elements).
fn x12_segment(hay: &[u8], seg: Range<usize>, out: &mut Vec<(usize, Range<usize>)>) {
    let els: Vec<Range<usize>> = split(hay, seg, b'*').collect();
    let el = |n: usize| els.get(n).cloned().filter(|e| !e.is_empty());
    let is = |n: usize, v: &[u8]| el(n).is_some_and(|e| &hay[e] == v);
    match &hay[els[0].clone()] {
        b"NM1" => {
            // NM102 1 is a person (2 an organisation, whose name is no one's).
            if is(2, b"1") {
                for (k, n) in [3, 4, 5].into_iter().enumerate() {
                    if let Some(e) = el(n).filter(|e| e.len() > 1 || k < 2) {
                        out.push((FAMILY + k, e));
                    }
                }
            }
            // NM108 qualifies the identifier in NM109.
            let col = match el(8).map(|q| &hay[q]) {
                Some(b"34") => Some(SSN),
                Some(b"MI" | b"II" | b"ZZ") if is(2, b"1") => Some(MEDICAL),
                Some(b"24" | b"FI") => Some(EIN),
                _ => None,
            };
            if let (Some(col), Some(id)) = (col, el(9)) {
                out.push((col, id));
            }
        }
        b"N3" => {
            if let Some(e) = el(1) {
                out.push((STREET, e));
            }
        }
        b"PER" => {
            // Pairs of a qualifier and a number from PER03.
            for n in [3, 5, 7] {
                if matches!(
                    el(n).map(|q| &hay[q]),
                    Some(b"TE" | b"HP" | b"WP" | b"CP" | b"BN")
                ) {
                    if let Some(e) = el(n + 1) {
                        out.push((PHONE, e));
                    }
                }
            }
        }
        b"REF" => {
            let col = match el(1).map(|q| &hay[q]) {
                Some(b"SY") => Some(SSN),
                Some(b"EI" | b"TJ") => Some(EIN),
                // Subscriber, member and patient account numbers.
                Some(b"0F" | b"1W" | b"23" | b"EA" | b"Q4") => Some(MEDICAL),
                _ => None,
            };
            if let (Some(col), Some(id)) = (col, el(2)) {
                out.push((col, id));
            }
        }
        _ => {}
    }
}

/// Appends the rows holding `cells` (column, bytes) in their columns: as many rows as the most
/// repeated column needs (two home phones, three identifiers), each taking the next cell of
/// every column; none when there are no cells.
fn row(hay: &[u8], cells: &[(usize, Range<usize>)], view: &mut View) {
    let mut used = vec![false; cells.len()];
    while used.iter().any(|u| !u) {
        let mut at = cells[used.iter().position(|u| !u).unwrap_or(0)].1.start;
        for col in 0..COLUMNS.len() {
            if col > 0 {
                view.push(b'\t', at);
            }
            let next = (0..cells.len()).find(|&i| !used[i] && cells[i].0 == col);
            if let Some(i) = next {
                used[i] = true;
                view.push_cell(hay, cells[i].1.clone());
                at = cells[i].1.end;
            }
        }
        view.push(b'\n', at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table of `text` as a whole; every cell maps back to the same bytes in `text`.
    fn laid_out(text: &str) -> Vec<Vec<String>> {
        let hay = text.as_bytes();
        let v = view(hay, 0..hay.len(), hay.len()).expect("a table");
        let t = v.cells();
        let mut at = v.rows_start();
        for line in &t[1..] {
            for cell in line {
                let r = at..at + cell.len();
                assert_eq!(&hay[v.source(r)], cell.as_bytes(), "{cell}");
                at += cell.len() + 1;
            }
        }
        t
    }

    /// The cells of column `name` that hold something, in row order.
    fn column(t: &[Vec<String>], name: &str) -> Vec<String> {
        let c = t[0].iter().position(|h| h == name).expect(name);
        t[1..]
            .iter()
            .filter(|r| !r[c].is_empty())
            .map(|r| r[c].clone())
            .collect()
    }

    const HL7: &str = "MSH|^~\\&|HIS|HOSP|LIS|LAB|20240520081144||ADT^A01|MSG01|P|2.5\r\
        PID|1||EXP-0447190^^^HOSP^MR~512384471^^^SSA^SS||OCHOA^XIMENA GUADALUPE^BARRERA|\
        HOLLOWAY|19910314|F|||AV VALLARTA 2440^^GUADALAJARA^JAL^44130~12 ELM ST^^X^Y^1||\
        (33) 1952-4408|||||||W44120873^OH\r\
        NK1|1|BARRERA^G|MTH||33 2845 1190\r\
        PV1|1|I|URG^12^B||||4471^LOZANO^EDUARDO^^^DR\r";

    #[test]
    fn hl7_fields_are_laid_out_by_position() {
        let t = laid_out(HL7);
        assert_eq!(column(&t, "family name"), ["OCHOA", "BARRERA"]);
        // A one-letter given name still counts; only a middle initial does not.
        assert_eq!(column(&t, "given name"), ["XIMENA GUADALUPE", "G"]);
        assert_eq!(column(&t, "middle name"), ["BARRERA"]);
        assert_eq!(column(&t, "mother's maiden name"), ["HOLLOWAY"]);
        // Every repetition of the address, the street line only.
        assert_eq!(
            column(&t, "street address"),
            ["AV VALLARTA 2440", "12 ELM ST"]
        );
        assert_eq!(column(&t, "phone"), ["(33) 1952-4408", "33 2845 1190"]);
        // PID-3 names each identifier's kind; PID-20 is the licence.
        assert_eq!(column(&t, "medical record number"), ["EXP-0447190"]);
        assert_eq!(column(&t, "ssn"), ["512384471"]);
        assert_eq!(column(&t, "driver license"), ["W44120873"]);
        // MSH and PV1 hold nothing laid out; PID's repeated columns take two rows.
        assert_eq!(t.len(), 1 + 2 + 1);
    }

    const X12: &str = "ISA*00*          *00*          *ZZ*ACME           *ZZ*BCBS           \
        *240522*0912*^*00501*000004471*0*P*:~\nINS*Y*18*021*28*A***FT~\nREF*0F*W0044719021~\
        REF*1L*GRP-77120~NM1*IL*1*HALVORSEN*BRIDGET*M***34*581102432~PER*IP**HP*6175550123~\
        N3*88 ELM ST~N4*QUINCY*MA*02169~DMG*D8*19790722*F~\
        NM1*85*2*DESERT SUN CARDIOLOGY*****XX*1629071144~REF*EI*506822520~";

    #[test]
    fn x12_elements_are_laid_out_by_position_and_qualifier() {
        let t = laid_out(X12);
        assert_eq!(column(&t, "family name"), ["HALVORSEN"]);
        assert_eq!(column(&t, "given name"), ["BRIDGET"]);
        // A middle initial, an organisation's name, a group number and an NPI are left out.
        assert_eq!(column(&t, "middle name"), Vec::<String>::new());
        assert_eq!(column(&t, "ssn"), ["581102432"]);
        assert_eq!(column(&t, "medical record number"), ["W0044719021"]);
        assert_eq!(column(&t, "phone"), ["6175550123"]);
        assert_eq!(column(&t, "street address"), ["88 ELM ST"]);
        assert_eq!(column(&t, "employer identification number"), ["506822520"]);
        assert!(!t.iter().flatten().any(|c| c.contains("CARDIOLOGY")));
        assert!(
            !t.iter()
                .flatten()
                .any(|c| c.contains("GRP") || c == "1629071144")
        );
    }

    #[test]
    fn a_segment_quoted_in_a_log_line_is_read() {
        let t = laid_out(
            "2024-05-09 ERROR claims.837: payer rejected segment NM1*IL*1*HARPER*DONNA****MI*6PX2C59RQ43~ DMG*D8*19520718*F~",
        );
        assert_eq!(column(&t, "family name"), ["HARPER"]);
        assert_eq!(column(&t, "medical record number"), ["6PX2C59RQ43"]);
    }

    #[test]
    fn segments_belong_to_the_chunk_where_they_begin() {
        let hay = X12.as_bytes();
        let nm1 = X12.find("NM1*IL").unwrap();
        // The chunk before the person's NM1 holds the subscriber number, not the name...
        let t = view(hay, 0..nm1, hay.len()).unwrap().cells();
        assert_eq!(column(&t, "medical record number"), ["W0044719021"]);
        assert!(column(&t, "family name").is_empty());
        // ...and the chunk from it holds the name; a chunk without the marker holds nothing.
        let t = view(hay, nm1..hay.len(), hay.len()).unwrap().cells();
        assert_eq!(column(&t, "family name"), ["HALVORSEN"]);
        let plain = b"2024-05-09 INFO nothing here: REF*SY*581102432~";
        assert!(view(plain, 0..plain.len(), plain.len()).is_none());
        // Truncated and odd segments never panic.
        for cut in 0..HL7.len() {
            let h = &HL7.as_bytes()[..cut];
            let _ = view(h, 0..h.len(), h.len());
        }
        for text in [
            "PID|",
            "PID",
            "NM1*",
            "NM1",
            "~NM1*~",
            "PID|~|^|\r\rNM1*IL*1*",
        ] {
            let _ = view(text.as_bytes(), 0..text.len(), text.len());
        }
    }
}

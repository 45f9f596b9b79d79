//! ICAO 9303 machine-readable zones (TD1, TD2, TD3) of passports and ID cards.
//!
//! The MRZ is the most reliable way to find a passport or ID card from any country: fixed-length
//! lines over `A-Z 0-9 <` with a 7-3-1 check digit on every critical field and a composite check
//! over the whole document line. This validator receives the 2 or 3 lines as matched (with the
//! line breaks, possibly `\r\n`, and stray OCR spaces), works out the layout from the line count
//! and length, and verifies every check digit and date. Rules and vectors: `IDENTIFIERS.md` §8.

use super::Verdict;

/// The longest MRZ line (TD3 and MRV-A).
const MAX_LINE: usize = 44;

/// The MRZ lines with spaces and line-break debris removed, upper-cased.
struct Lines {
    buf: [[u8; MAX_LINE]; 3],
    len: [usize; 3],
    count: usize,
}

impl Lines {
    /// Splits on `\n`, drops `\r`, spaces and tabs, skips empty lines. `None` when there are
    /// more than 3 lines, a line is longer than 44, or a character is outside `[A-Z0-9<]`.
    fn parse(s: &[u8]) -> Option<Lines> {
        let mut l = Lines {
            buf: [[0; MAX_LINE]; 3],
            len: [0; 3],
            count: 0,
        };
        for line in s.split(|&c| c == b'\n') {
            let mut n = 0;
            for &c in line {
                let c = c.to_ascii_uppercase();
                match c {
                    b' ' | b'\t' | b'\r' => {}
                    b'A'..=b'Z' | b'0'..=b'9' | b'<' => {
                        if l.count == 3 || n == MAX_LINE {
                            return None;
                        }
                        l.buf[l.count][n] = c;
                        n += 1;
                    }
                    _ => return None,
                }
            }
            if n > 0 {
                l.len[l.count] = n;
                l.count += 1;
            }
        }
        Some(l)
    }

    fn line(&self, i: usize) -> &[u8] {
        &self.buf[i][..self.len[i]]
    }
}

/// The ICAO value of an MRZ character: digits keep their value, `A`=10 … `Z`=35, `<`=0.
fn value(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'A'..=b'Z' => u32::from(c - b'A') + 10,
        _ => 0,
    }
}

/// The 7-3-1 weighted sum of some MRZ characters, continuing the weight cycle from `start`.
fn weighted(chars: &[u8], start: usize) -> u32 {
    const W: [u32; 3] = [7, 3, 1];
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| value(c) * W[(start + i) % 3])
        .sum()
}

/// The ICAO 9303 check digit of a field.
pub(crate) fn check_digit(field: &[u8]) -> u8 {
    b'0' + (weighted(field, 0) % 10) as u8
}

/// True when `chk` is the check digit of `field`. An all-filler field may carry `<` instead of
/// `0` (an empty optional or personal-number field).
fn field_ok(field: &[u8], chk: u8) -> bool {
    chk == check_digit(field) || (chk == b'<' && field.iter().all(|&c| c == b'<'))
}

/// The composite check over several ranges read as one string.
fn composite_ok(parts: &[&[u8]], chk: u8) -> bool {
    let mut sum = 0;
    let mut pos = 0;
    for p in parts {
        sum += weighted(p, pos);
        pos += p.len();
    }
    chk == b'0' + (sum % 10) as u8
}

/// True for a `YYMMDD` date that exists (`<` allowed for unknown parts, as ICAO permits).
/// `birth` selects the century pivot for a date of birth (YY above the current two-digit year
/// means 19YY); other dates (expiry) are taken as 20YY.
fn date_ok(d: &[u8], birth: bool) -> bool {
    let known = |p: &[u8]| p.iter().all(u8::is_ascii_digit);
    let unknown = |p: &[u8]| p.iter().all(|&c| c == b'<');
    let (yy, mm, dd) = (&d[..2], &d[2..4], &d[4..6]);
    if !(known(yy) || unknown(yy)) || !(known(mm) || unknown(mm)) || !(known(dd) || unknown(dd)) {
        return false;
    }
    let num = |p: &[u8]| (p[0] - b'0') * 10 + (p[1] - b'0');
    let month = if known(mm) { num(mm) } else { 0 };
    if known(mm) && !(1..=12).contains(&month) {
        return false;
    }
    if !known(dd) {
        return true;
    }
    let day = num(dd);
    let year = if !known(yy) {
        2000 // a leap year: accept 29 February when the year is unknown
    } else if birth {
        super::generic::expand_two_digit_year(num(yy))
    } else {
        2000 + u16::from(num(yy))
    };
    let max = if month == 0 {
        31
    } else {
        super::generic::days_in_month(year, month)
    };
    (1..=max).contains(&day)
}

/// True for a sex field.
fn sex_ok(c: u8) -> bool {
    matches!(c, b'M' | b'F' | b'X' | b'<')
}

/// True for a field over `[A-Z<]` (names, country codes, document codes).
fn alpha(f: &[u8]) -> bool {
    f.iter().all(|&c| c.is_ascii_uppercase() || c == b'<')
}

/// The ICAO specimen markers: issuing state Utopia, the specimen document numbers, the
/// specimen holder's name.
fn specimen(state: &[u8], doc: &[u8], name: &[u8]) -> bool {
    state == b"UTO"
        || doc.starts_with(b"L898902C3")
        || doc.starts_with(b"D23145890")
        || name.starts_with(b"ERIKSSON<<ANNA<MARIA")
}

/// Checks a document number with its check digit, including the TD1/TD2 long-number form:
/// when the check position holds `<`, the number continues in `optional` up to the first `<`,
/// whose last character is the check digit of the whole number.
fn doc_number_ok(doc: &[u8], chk: u8, optional: &[u8]) -> bool {
    if chk != b'<' {
        return chk.is_ascii_digit() && chk == check_digit(doc);
    }
    let ext = optional.iter().take_while(|&&c| c != b'<').count();
    if ext < 2 {
        return false;
    }
    let (rest, last) = (&optional[..ext - 1], optional[ext - 1]);
    let sum = weighted(doc, 0) + weighted(rest, doc.len());
    last == b'0' + (sum % 10) as u8
}

/// The common part of TD2/TD3/MRV line 2: document number, nationality, date of birth, sex,
/// expiry, each with its check digit (positions 1–28).
fn line2_fields_ok(l2: &[u8], optional: &[u8], long_doc_allowed: bool) -> bool {
    let doc = &l2[..9];
    let doc_ok = if long_doc_allowed {
        doc_number_ok(doc, l2[9], optional)
    } else {
        l2[9] == check_digit(doc)
    };
    doc_ok
        && alpha(&l2[10..13])
        && date_ok(&l2[13..19], true)
        && l2[19] == check_digit(&l2[13..19])
        && sex_ok(l2[20])
        && date_ok(&l2[21..27], false)
        && l2[27] == check_digit(&l2[21..27])
}

/// TD3 (passport, 2×44) or MRV-A (visa, 2×44, no personal-number check, no composite).
fn two_by_44(l1: &[u8], l2: &[u8]) -> bool {
    if !alpha(l1) {
        return false;
    }
    match l1[0] {
        b'P' => {
            line2_fields_ok(l2, &[], false)
                && field_ok(&l2[28..42], l2[42])
                && composite_ok(&[&l2[..10], &l2[13..20], &l2[21..43]], l2[43])
        }
        b'V' => line2_fields_ok(l2, &[], false),
        _ => false,
    }
}

/// TD2 (ID card, 2×36) or MRV-B (visa, 2×36, no composite).
fn two_by_36(l1: &[u8], l2: &[u8]) -> bool {
    if !alpha(l1) {
        return false;
    }
    if l1[0] == b'V' {
        line2_fields_ok(l2, &[], false)
    } else {
        line2_fields_ok(l2, &l2[28..35], true)
            && composite_ok(&[&l2[..10], &l2[13..20], &l2[21..35]], l2[35])
    }
}

/// TD1 (ID card, 3×30).
fn three_by_30(l1: &[u8], l2: &[u8], l3: &[u8]) -> bool {
    let doc = &l1[5..14];
    matches!(l1[0], b'I' | b'A' | b'C')
        && alpha(&l1[..5])
        && doc_number_ok(doc, l1[14], &l1[15..30])
        && date_ok(&l2[..6], true)
        && l2[6] == check_digit(&l2[..6])
        && sex_ok(l2[7])
        && date_ok(&l2[8..14], false)
        && l2[14] == check_digit(&l2[8..14])
        && alpha(&l2[15..18])
        && composite_ok(&[&l1[5..30], &l2[..7], &l2[8..15], &l2[18..29]], l2[29])
        && alpha(l3)
}

/// ICAO 9303 MRZ (§8): TD3 (2×44), MRV-A (2×44, line 1 starting `V`), TD2 (2×36), MRV-B
/// (2×36, `V`) and TD1 (3×30). Every field check digit, the composite (where the format has
/// one) and the dates must pass. The ICAO specimens (state `UTO`, `L898902C3`, `D23145890`,
/// `ERIKSSON<<ANNA<MARIA`) are `TestValue`.
pub(crate) fn mrz(s: &[u8]) -> Verdict {
    let Some(l) = Lines::parse(s) else {
        return Verdict::Invalid;
    };
    let (ok, state, doc, name): (bool, &[u8], &[u8], &[u8]) =
        match (l.count, l.len[0], l.len[1], l.len[2]) {
            (2, 44, 44, 0) => {
                let (l1, l2) = (l.line(0), l.line(1));
                (two_by_44(l1, l2), &l1[2..5], &l2[..9], &l1[5..])
            }
            (2, 36, 36, 0) => {
                let (l1, l2) = (l.line(0), l.line(1));
                (two_by_36(l1, l2), &l1[2..5], &l2[..9], &l1[5..])
            }
            (3, 30, 30, 30) => {
                let (l1, l2, l3) = (l.line(0), l.line(1), l.line(2));
                (three_by_30(l1, l2, l3), &l1[2..5], &l1[5..14], l3)
            }
            _ => return Verdict::Invalid,
        };
    if !ok {
        Verdict::Invalid
    } else if specimen(state, doc, name) {
        Verdict::TestValue
    } else {
        Verdict::Valid
    }
}

/// Longest MRZ, with its line breaks written as escapes, that [`unescape`] reads.
pub(crate) const ESCAPED_MAX: usize = 160;

/// An MRZ as matched, with the `\n` / `\r` escapes of a JSON or C string between its lines
/// turned into the bytes they stand for (in `buf`, at most [`ESCAPED_MAX`] bytes); `s` itself
/// when it has none.
pub(crate) fn unescape<'a>(s: &'a [u8], buf: &'a mut [u8; ESCAPED_MAX]) -> &'a [u8] {
    if memchr::memmem::find(s, b"\\n").is_none() {
        return s;
    }
    let mut n = 0;
    let mut i = 0;
    while i < s.len() && n < buf.len() {
        if s[i] == b'\\' && matches!(s.get(i + 1), Some(b'n' | b'r')) {
            buf[n] = if s[i + 1] == b'n' { b'\n' } else { b'\r' };
            i += 2;
        } else {
            buf[n] = s[i];
            i += 1;
        }
        n += 1;
    }
    &buf[..n]
}

/// The document number of a valid MRZ as printed on the document, fillers removed
/// (`L898902C3`; `BAA000589` of a Spanish ID card's TD1): what a record beside the MRZ repeats
/// in its own field. `None` when the MRZ does not validate, when the number runs on into the
/// optional data (long TD1/TD2 numbers), or is shorter than 5 characters. Lines may be
/// separated by `\n` escapes, as in JSON strings.
pub fn document_number(s: &[u8]) -> Option<Vec<u8>> {
    let mut buf = [0u8; ESCAPED_MAX];
    let s = unescape(s, &mut buf);
    if mrz(s) == Verdict::Invalid {
        return None;
    }
    let l = Lines::parse(s)?;
    let (doc, chk) = match l.count {
        2 => (&l.line(1)[..9], l.line(1)[9]),
        3 => (&l.line(0)[5..14], l.line(0)[14]),
        _ => return None,
    };
    if chk == b'<' {
        return None;
    }
    let len = doc.iter().rposition(|&c| c != b'<')? + 1;
    let doc = &doc[..len];
    (len >= 5 && !doc.contains(&b'<')).then(|| doc.to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;
    use Verdict::{Invalid, TestValue, Valid};

    #[test]
    fn document_numbers_of_valid_mrzs() {
        assert_eq!(
            document_number(join(&TD3_US).as_bytes()).as_deref(),
            Some(&b"A12345678"[..])
        );
        assert_eq!(
            document_number(join(&TD1_ES).as_bytes()).as_deref(),
            Some(&b"BAA000589"[..])
        );
        assert_eq!(
            document_number(TD3_ES.join("\\n").as_bytes()).as_deref(),
            Some(&b"PAA123456"[..])
        );
        assert_eq!(document_number(edit(&TD3_US, 1, 9, b'5').as_bytes()), None);
    }

    const TD3_SPECIMEN: [&str; 2] = [
        "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
        "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
    ];
    const TD3_ES: [&str; 2] = [
        "P<ESPGARCIA<LOPEZ<<MARIA<JOSE<<<<<<<<<<<<<<<",
        "PAA1234560ESP8504124F300101912345678Z<<<<<30",
    ];
    const TD3_US: [&str; 2] = [
        "P<USASMITH<<JOHN<PAUL<<<<<<<<<<<<<<<<<<<<<<<",
        "A123456784USA8001014M3203156<<<<<<<<<<<<<<06",
    ];
    const TD1_SPECIMEN: [&str; 3] = [
        "I<UTOD231458907<<<<<<<<<<<<<<<",
        "7408122F1204159UTO<<<<<<<<<<<6",
        "ERIKSSON<<ANNA<MARIA<<<<<<<<<<",
    ];
    const TD1_ES: [&str; 3] = [
        "IDESPBAA000589512345678Z<<<<<<",
        "8504124F3001019ESP<<<<<<<<<<<3",
        "GARCIA<LOPEZ<<MARIA<JOSE<<<<<<",
    ];
    const TD1_MX: [&str; 3] = [
        "IDMEX1234567897<<<<<<<<<<<<<<<",
        "9001011M3101012MEX<<<<<<<<<<<2",
        "PEREZ<GOMEZ<<JUAN<<<<<<<<<<<<<",
    ];

    fn join(lines: &[&str]) -> String {
        lines.join("\n")
    }

    /// Replaces byte `pos` of line `line` with `c`.
    fn edit(lines: &[&str], line: usize, pos: usize, c: u8) -> String {
        let mut v: Vec<Vec<u8>> = lines.iter().map(|l| l.as_bytes().to_vec()).collect();
        v[line][pos] = c;
        let v: Vec<String> = v
            .into_iter()
            .map(|l| String::from_utf8(l).unwrap())
            .collect();
        v.join("\n")
    }

    #[test]
    fn check_digit_unit_vectors() {
        assert_eq!(check_digit(b"L898902C3"), b'6');
        assert_eq!(check_digit(b"740812"), b'2');
        assert_eq!(check_digit(b"120415"), b'9');
        assert_eq!(check_digit(b"ZE184226B<<<<<"), b'1');
        assert_eq!(check_digit(b"D23145890"), b'7');
        assert_eq!(check_digit(b"<<<<<<<<<<<<<<"), b'0');
    }

    #[test]
    fn td3_spec_vectors() {
        assert_eq!(mrz(join(&TD3_SPECIMEN).as_bytes()), TestValue);
        assert_eq!(mrz(join(&TD3_ES).as_bytes()), Valid);
        assert_eq!(mrz(join(&TD3_US).as_bytes()), Valid);
        // Specimen with document check digit 7; with composite 1; ES passport with DOB check 5.
        assert_eq!(mrz(edit(&TD3_SPECIMEN, 1, 9, b'7').as_bytes()), Invalid);
        assert_eq!(mrz(edit(&TD3_SPECIMEN, 1, 43, b'1').as_bytes()), Invalid);
        assert_eq!(mrz(edit(&TD3_ES, 1, 19, b'5').as_bytes()), Invalid);
    }

    #[test]
    fn td1_spec_vectors() {
        assert_eq!(mrz(join(&TD1_SPECIMEN).as_bytes()), TestValue);
        assert_eq!(mrz(join(&TD1_ES).as_bytes()), Valid);
        assert_eq!(mrz(join(&TD1_MX).as_bytes()), Valid);
        // Specimen with document check digit 8; with composite 7; MX card with expiry check 3.
        assert_eq!(mrz(edit(&TD1_SPECIMEN, 0, 14, b'8').as_bytes()), Invalid);
        assert_eq!(mrz(edit(&TD1_SPECIMEN, 1, 29, b'7').as_bytes()), Invalid);
        assert_eq!(mrz(edit(&TD1_MX, 1, 14, b'3').as_bytes()), Invalid);
    }

    #[test]
    fn line_breaks_spaces_and_case() {
        assert_eq!(mrz(TD3_ES.join("\r\n").as_bytes()), Valid);
        assert_eq!(mrz(format!("{}\n", TD1_MX.join("\r\n")).as_bytes()), Valid);
        let spaced = format!("{}\n{} {}", TD3_US[0], &TD3_US[1][..10], &TD3_US[1][10..]);
        assert_eq!(mrz(spaced.as_bytes()), Valid);
        assert_eq!(mrz(join(&TD3_US).to_ascii_lowercase().as_bytes()), Valid);
    }

    #[test]
    fn wrong_shapes_are_invalid() {
        assert_eq!(mrz(TD3_US[1].as_bytes()), Invalid);
        assert_eq!(mrz(join(&TD1_MX[..2]).as_bytes()), Invalid);
        assert_eq!(mrz(join(&[TD3_US[0], TD1_MX[1]]).as_bytes()), Invalid);
        let four = [TD1_MX[0], TD1_MX[1], TD1_MX[2], TD1_MX[2]];
        assert_eq!(mrz(join(&four).as_bytes()), Invalid);
        assert_eq!(mrz(join(&TD3_US).replace('<', "«").as_bytes()), Invalid);
        // Line 1 of a TD3 must start with P (or V for a visa).
        assert_eq!(mrz(edit(&TD3_US, 0, 0, b'X').as_bytes()), Invalid);
        // A digit in the name line.
        assert_eq!(mrz(edit(&TD1_MX, 2, 3, b'1').as_bytes()), Invalid);
        // A bad sex character.
        assert_eq!(mrz(edit(&TD3_US, 1, 20, b'Q').as_bytes()), Invalid);
    }

    /// Builds a line-2 of a TD3-like layout with correct check digits.
    fn td3_line2(doc: &str, nat: &str, dob: &str, sex: char, exp: &str, pers: &str) -> String {
        let cd = |f: &str| check_digit(f.as_bytes()) as char;
        let mut l = format!("{doc}{}{nat}{dob}{}{sex}{exp}{}", cd(doc), cd(dob), cd(exp));
        let pers = format!("{pers:<<14}");
        l.push_str(&pers);
        l.push(cd(&pers));
        let comp = format!("{}{}{}", &l[..10], &l[13..20], &l[21..43]);
        l.push(cd(&comp));
        l
    }

    #[test]
    fn dates_must_exist() {
        let l1 = TD3_US[0];
        let good = td3_line2("X12345678", "USA", "800229", 'F', "300101", "");
        assert_eq!(mrz(format!("{l1}\n{good}").as_bytes()), Valid);
        // 1981 is not a leap year; month 13; unknown day `<<` is allowed.
        let no_leap = td3_line2("X12345678", "USA", "810229", 'F', "300101", "");
        assert_eq!(mrz(format!("{l1}\n{no_leap}").as_bytes()), Invalid);
        let month13 = td3_line2("X12345678", "USA", "801301", 'F', "300101", "");
        assert_eq!(mrz(format!("{l1}\n{month13}").as_bytes()), Invalid);
        let unknown_day = td3_line2("X12345678", "USA", "8002<<", 'F', "300101", "");
        assert_eq!(mrz(format!("{l1}\n{unknown_day}").as_bytes()), Valid);
    }

    #[test]
    fn personal_number_check_may_be_filler() {
        let l2 = TD3_US[1].replace("<<<<<<<<<<<<<<06", "<<<<<<<<<<<<<<<6");
        // The filler `<` weighs 0 like `0`, so the composite is unchanged.
        assert_eq!(mrz(format!("{}\n{l2}", TD3_US[0]).as_bytes()), Valid);
    }

    #[test]
    fn visas_have_no_composite() {
        // MRV-A: the TD3 US line 2 without personal-number check and composite.
        let l1 = TD3_US[0].replacen('P', "V", 1);
        let l2 = format!("{}ABCDEFGH12345678", &TD3_US[1][..28]);
        assert_eq!(mrz(format!("{l1}\n{l2}").as_bytes()), Valid);
        // MRV-B (2×36).
        let l1 = &l1[..36];
        let l2 = format!("{}ABCDEFGH", &TD3_US[1][..28]);
        assert_eq!(mrz(format!("{l1}\n{l2}").as_bytes()), Valid);
        let bad = format!("{}ABCDEFGH", edit(&[&TD3_US[1][..28]], 0, 27, b'7'));
        assert_eq!(mrz(format!("{l1}\n{bad}").as_bytes()), Invalid);
    }

    #[test]
    fn td2_with_composite_and_long_number() {
        let l1 = "I<ESPGARCIA<LOPEZ<<MARIA<JOSE<<<<<<<";
        assert_eq!(l1.len(), 36);
        let cd = |f: &str| check_digit(f.as_bytes()) as char;
        let build = |doc: &str, docchk: char, opt: &str| {
            let mut l = format!("{doc}{docchk}ESP8504124F3001019{opt:<<7}");
            let comp = format!("{}{}{}", &l[..10], &l[13..20], &l[21..35]);
            l.push(cd(&comp));
            l
        };
        let plain = build("BAA000589", cd("BAA000589"), "");
        assert_eq!(mrz(format!("{l1}\n{plain}").as_bytes()), Valid);
        // Long document number: 9 characters, `<`, then the rest plus its check digit.
        let long_chk = cd("BAA00058912");
        let long = build("BAA000589", '<', &format!("12{long_chk}"));
        assert_eq!(mrz(format!("{l1}\n{long}").as_bytes()), Valid);
        let wrong = (b'0' + (long_chk as u8 - b'0' + 1) % 10) as char;
        let long_bad = build("BAA000589", '<', &format!("12{wrong}"));
        assert_eq!(mrz(format!("{l1}\n{long_bad}").as_bytes()), Invalid);
        let bad_composite = edit(
            &[&plain],
            0,
            35,
            b'0' + (plain.as_bytes()[35] - b'0' + 1) % 10,
        );
        assert_eq!(mrz(format!("{l1}\n{bad_composite}").as_bytes()), Invalid);
    }

    #[test]
    fn junk_never_panics() {
        for s in [
            &b""[..],
            b"\n\n\n",
            b"<<<<<<<<<<<<<<<<<<<<<<<<<<<<<<",
            b"\xff\xfe\n\x00",
            &[b'<'; 300],
        ] {
            assert_eq!(mrz(s), Invalid);
        }
        let all_filler = ["<".repeat(30), "<".repeat(30), "<".repeat(30)].join("\n");
        assert_eq!(mrz(all_filler.as_bytes()), Invalid);
    }
}

//! United States identifiers: SSN, ITIN, EIN, ABA routing, VIN, MBI, NPI, DEA.
//!
//! These are the US identifiers that carry a checksum or enough structure (assigned ranges,
//! restricted alphabets) to tell a real number from a random digit string. Rules and vectors:
//! `IDENTIFIERS.md` §3.1–§3.3 and §3.6–§3.10. Candidates arrive as matched in the file, so every
//! function here accepts the printed separators and lower case, and answers `Invalid` for
//! anything it cannot read.

use super::{MAX_COMPACT, Verdict, is_repdigit, luhn};

/// Trims ASCII whitespace on both ends.
fn trim(s: &[u8]) -> &[u8] {
    s.trim_ascii()
}

/// Reads `ddd SEP dd SEP dddd` (SEP one of `-`, space, `.`, or nothing, the same at both
/// positions) into nine ASCII digits.
fn three_two_four(s: &[u8]) -> Option<[u8; 9]> {
    let s = trim(s);
    let body: [u8; 9] = match s.len() {
        9 => s.try_into().ok()?,
        11 => {
            let sep = s[3];
            if !matches!(sep, b'-' | b' ' | b'.') || s[6] != sep {
                return None;
            }
            let mut out = [0u8; 9];
            out[..3].copy_from_slice(&s[..3]);
            out[3..5].copy_from_slice(&s[4..6]);
            out[5..].copy_from_slice(&s[7..]);
            out
        }
        _ => return None,
    };
    body.iter().all(u8::is_ascii_digit).then_some(body)
}

/// Two ASCII digits as a number.
fn num2(d: &[u8]) -> u8 {
    (d[0] - b'0') * 10 + (d[1] - b'0')
}

/// Three ASCII digits as a number.
fn num3(d: &[u8]) -> u16 {
    u16::from(d[0] - b'0') * 100 + u16::from(num2(&d[1..]))
}

/// US Social Security Number (§3.1): area/group/serial rules, denylist and placeholders.
///
/// Areas 900–999 are ITINs (and the SSA advertising block), so they are `Invalid` here.
pub(crate) fn ssn(s: &[u8]) -> Verdict {
    let Some(d) = three_two_four(s) else {
        return Verdict::Invalid;
    };
    let area = num3(&d[..3]);
    if area == 0 || area == 666 || area >= 900 {
        return Verdict::Invalid;
    }
    if &d[3..5] == b"00" || &d[5..] == b"0000" {
        return Verdict::Invalid;
    }
    const DENYLIST: [&[u8; 9]; 3] = [b"078051120", b"219099999", b"457555462"];
    if DENYLIST.contains(&&d) || is_repdigit(&d) || &d == b"123456789" || d.starts_with(b"98765432")
    {
        return Verdict::Invalid;
    }
    Verdict::Valid
}

/// US ITIN (§3.2): `9xx-GG-xxxx` with the group in 50–65, 70–88, 90–92 or 94–99 (the IRS list;
/// 93 is an ATIN, and python-stdnum's narrower list is deliberately not followed).
pub(crate) fn itin(s: &[u8]) -> Verdict {
    let Some(d) = three_two_four(s) else {
        return Verdict::Invalid;
    };
    if d[0] != b'9' || is_repdigit(&d) {
        return Verdict::Invalid;
    }
    // The SSA's advertising block 987-65-4320..4329 sits in the ITIN range but is no TIN.
    if d.starts_with(b"98765432") {
        return Verdict::Invalid;
    }
    match num2(&d[3..5]) {
        50..=65 | 70..=88 | 90..=92 | 94..=99 => Verdict::Valid,
        _ => Verdict::Invalid,
    }
}

/// US EIN (§3.3): `NN-NNNNNNN` (hyphen, space or nothing) with an IRS-assigned prefix.
/// Repdigits (`11-1111111`) and the sample-form `12-3456789` are placeholders and `Invalid`.
pub(crate) fn ein(s: &[u8]) -> Verdict {
    let s = trim(s);
    let mut d = [0u8; 9];
    match s.len() {
        9 => d.copy_from_slice(s),
        10 if matches!(s[2], b'-' | b' ') => {
            d[..2].copy_from_slice(&s[..2]);
            d[2..].copy_from_slice(&s[3..]);
        }
        _ => return Verdict::Invalid,
    }
    if !d.iter().all(u8::is_ascii_digit) || is_repdigit(&d) || &d == b"123456789" {
        return Verdict::Invalid;
    }
    match num2(&d[..2]) {
        1..=6 | 10..=16 | 20..=27 | 30..=48 | 50..=68 | 71..=77 | 80..=88 | 90..=95 | 98 | 99 => {
            Verdict::Valid
        }
        _ => Verdict::Invalid,
    }
}

/// ABA routing transit number (§3.10): nine digits (or `dddd-dddd-d`), a Federal Reserve prefix
/// (00–12, 21–32, 61–72, 80) and the 3-7-1 checksum. Repdigits (`000000000`) are `Invalid`.
pub(crate) fn aba_routing(s: &[u8]) -> Verdict {
    let s = trim(s);
    let mut d = [0u8; 9];
    match s.len() {
        9 => d.copy_from_slice(s),
        11 if s[4] == b'-' && s[9] == b'-' => {
            d[..4].copy_from_slice(&s[..4]);
            d[4..8].copy_from_slice(&s[5..9]);
            d[8] = s[10];
        }
        _ => return Verdict::Invalid,
    }
    if !d.iter().all(u8::is_ascii_digit) || is_repdigit(&d) {
        return Verdict::Invalid;
    }
    if !matches!(num2(&d[..2]), 0..=12 | 21..=32 | 61..=72 | 80) {
        return Verdict::Invalid;
    }
    const W: [u32; 9] = [3, 7, 1, 3, 7, 1, 3, 7, 1];
    let sum: u32 = d.iter().zip(W).map(|(&c, w)| u32::from(c - b'0') * w).sum();
    if sum % 10 == 0 {
        Verdict::Valid
    } else {
        Verdict::Invalid
    }
}

/// The ISO 3779 transliteration value of a VIN character, or `None` for characters a VIN never
/// contains (I, O, Q and anything outside `[A-Z0-9]`).
fn vin_value(c: u8) -> Option<u32> {
    Some(match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'A'..=b'H' => u32::from(c - b'A') + 1,
        b'J'..=b'N' => u32::from(c - b'J') + 1,
        b'P' => 7,
        b'R' => 9,
        b'S'..=b'Z' => u32::from(c - b'S') + 2,
        _ => return None,
    })
}

/// Vehicle identification number (§3.9): 17 characters without I, O, Q; position-9 check digit.
///
/// The check digit is mandatory only for North-American WMIs (first character 1–5): there a
/// failure, or a model-year character of U, Z or 0, is `Invalid`. Elsewhere the same failures
/// give `Weak`, when the serial ends in four digits as every VIN's does. Repdigits
/// (`11111111111111111` passes the checksum) are `Invalid`.
pub(crate) fn vin(s: &[u8]) -> Verdict {
    let s = trim(s);
    if s.len() != 17 {
        return Verdict::Invalid;
    }
    let mut v = [0u8; 17];
    for (o, &c) in v.iter_mut().zip(s) {
        *o = c.to_ascii_uppercase();
    }
    if is_repdigit(&v) {
        return Verdict::Invalid;
    }
    const W: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    let mut sum = 0u32;
    for (&c, w) in v.iter().zip(W) {
        match vin_value(c) {
            Some(x) => sum += x * w,
            None => return Verdict::Invalid,
        }
    }
    let expected = match sum % 11 {
        10 => b'X',
        r => b'0' + r as u8,
    };
    let north_american = matches!(v[0], b'1'..=b'5');
    let ok = v[8] == expected && !matches!(v[9], b'U' | b'Z' | b'0');
    // The serial ends in four digits (ISO 3779): a word of 17 letters is no VIN, even where
    // the check digit is not used.
    let serial_digits = v[13..].iter().all(u8::is_ascii_digit);
    match (ok, north_american) {
        (true, _) => Verdict::Valid,
        (false, true) => Verdict::Invalid,
        (false, false) if serial_digits => Verdict::Weak,
        (false, false) => Verdict::Invalid,
    }
}

/// True for the letters an MBI may contain (A–Z minus S, L, O, I, B, Z).
fn mbi_letter(c: u8) -> bool {
    c.is_ascii_uppercase() && !matches!(c, b'S' | b'L' | b'O' | b'I' | b'B' | b'Z')
}

/// Medicare Beneficiary Identifier (§3.6): `C A AN N A AN N A A N N`, printed plain or 4-3-4
/// with `-` or a space (the same at both positions). Structural only.
pub(crate) fn mbi(s: &[u8]) -> Verdict {
    let s = trim(s);
    let mut m = [0u8; 11];
    match s.len() {
        11 => m.copy_from_slice(s),
        13 if matches!(s[4], b'-' | b' ') && s[8] == s[4] => {
            m[..4].copy_from_slice(&s[..4]);
            m[4..7].copy_from_slice(&s[5..8]);
            m[7..].copy_from_slice(&s[9..]);
        }
        _ => return Verdict::Invalid,
    }
    m.make_ascii_uppercase();
    let ok = matches!(m[0], b'1'..=b'9')
        && [1, 4, 7, 8].iter().all(|&i| mbi_letter(m[i]))
        && [2, 5]
            .iter()
            .all(|&i| mbi_letter(m[i]) || m[i].is_ascii_digit())
        && [3, 6, 9, 10].iter().all(|&i| m[i].is_ascii_digit());
    if ok { Verdict::Valid } else { Verdict::Invalid }
}

/// National Provider Identifier (§3.7): ten digits starting 1 or 2 (spaces or hyphens allowed),
/// Luhn over `80840` + the number. Repdigits are `Invalid`.
pub(crate) fn npi(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let mut n = 5;
    buf[..5].copy_from_slice(b"80840");
    for &c in trim(s) {
        match c {
            b'0'..=b'9' if n < 15 => {
                buf[n] = c;
                n += 1;
            }
            b' ' | b'-' => {}
            _ => return Verdict::Invalid,
        }
    }
    let d = &buf[5..n];
    if d.len() != 10 || !matches!(d[0], b'1' | b'2') || is_repdigit(d) {
        return Verdict::Invalid;
    }
    if luhn(&buf[..15]) {
        Verdict::Valid
    } else {
        Verdict::Invalid
    }
}

/// DEA registration number (§3.8): registrant-type letter, surname initial or `9`, seven
/// digits with the `(d1+d3+d5) + 2(d2+d4+d6)` check. A supervised-prescriber suffix (`-001AB`)
/// after the nine characters is ignored.
pub(crate) fn dea(s: &[u8]) -> Verdict {
    let s = trim(s);
    let s = match s.len() {
        9 => s,
        n if n > 10 && s[9] == b'-' => &s[..9],
        _ => return Verdict::Invalid,
    };
    let t = s[0].to_ascii_uppercase();
    let second = s[1].to_ascii_uppercase();
    if !b"ABCDEFGHJKLMNPRSTUX".contains(&t) || !(second.is_ascii_uppercase() || second == b'9') {
        return Verdict::Invalid;
    }
    let d = &s[2..];
    if !d.iter().all(u8::is_ascii_digit) {
        return Verdict::Invalid;
    }
    let v = |i: usize| u32::from(d[i] - b'0');
    let sum = v(0) + v(2) + v(4) + 2 * (v(1) + v(3) + v(5));
    if sum % 10 == v(6) {
        Verdict::Valid
    } else {
        Verdict::Invalid
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Verdict::{Invalid, Valid, Weak};

    use crate::validate::check_all as all;

    #[test]
    fn ssn_spec_vectors() {
        all(ssn, &["536-90-4399", "772-45-1208", "349 81 2067"], Valid);
        all(
            ssn,
            &[
                "078-05-1120",
                "666-12-3456",
                "123-00-4567",
                "900-12-3456",
                "219-09-9999",
                "123-45-0000",
            ],
            Invalid,
        );
    }

    #[test]
    fn ssn_separators_and_placeholders() {
        all(
            ssn,
            &["536904399", "536.90.4399", " 536-90-4399 ", "734-12-3456"],
            Valid,
        );
        all(
            ssn,
            &[
                "536-90 4399",
                "536 90-4399",
                "536_90_4399",
                "536-904399",
                "000-12-3456",
                "457-55-5462",
                "111-11-1111",
                "123-45-6789",
                "987-65-4321",
                "987654329",
                "999-99-9999",
                "53690439",
                "5369043990",
                "53a-90-4399",
                "",
            ],
            Invalid,
        );
    }

    #[test]
    fn itin_spec_vectors() {
        all(itin, &["912-70-1234", "987-94-5678", "900-50-0001"], Valid);
        all(
            itin,
            &[
                "912-93-4567",
                "912-89-1234",
                "812-70-1234",
                "912-66-1234",
                "987-65-4321",
            ],
            Invalid,
        );
    }

    #[test]
    fn itin_ranges_and_forms() {
        all(
            itin,
            &["912651234", "912 88 1234", "912-90-1234", "912-92-1234"],
            Valid,
        );
        all(
            itin,
            &["912-49-1234", "912-69-1234", "912-70 1234", "999-99-9999"],
            Invalid,
        );
    }

    #[test]
    fn ein_spec_vectors() {
        all(ein, &["91-1144442", "04-2103594", "27-1234567"], Valid);
        all(ein, &["07-1144442", "00-1234567", "89-1234567"], Invalid);
    }

    #[test]
    fn ein_forms() {
        all(ein, &["911144442", "98-1234567", "99 1234567"], Valid);
        all(
            ein,
            &[
                "96-1234567",
                "49-1234567",
                "11-1111111",
                "12-3456789",
                "123456789",
                "91-114444",
                "9-11444421",
            ],
            Invalid,
        );
    }

    #[test]
    fn aba_spec_vectors() {
        all(aba_routing, &["111000025", "021000021", "011000015"], Valid);
        all(
            aba_routing,
            &["112000025", "021000022", "131000021"],
            Invalid,
        );
    }

    #[test]
    fn aba_forms() {
        assert_eq!(aba_routing(b"0210-0002-1"), Valid);
        assert_eq!(aba_routing(b"0210 0002 1"), Invalid);
        assert_eq!(aba_routing(b"000000000"), Invalid);
        assert_eq!(aba_routing(b"02100002"), Invalid);
    }

    #[test]
    fn vin_spec_vectors() {
        all(
            vin,
            &[
                "1M8GDM9AXKP042788",
                "1HGCM82633A004352",
                "5YJ3E1EA2KF317000",
            ],
            Valid,
        );
        all(
            vin,
            &["1M8GDM9A1KP042788", "1HGCM82633A00435", "1HGCM8263IA004352"],
            Invalid,
        );
    }

    #[test]
    fn vin_case_markets_and_junk() {
        assert_eq!(vin(b"1hgcm82633a004352"), Valid);
        // Same body with a European WMI: a check-digit failure is only a soft failure.
        assert_eq!(vin(b"WHGCM82633A004352"), Weak);
        // ...but a serial that does not end in four digits is no VIN anywhere.
        assert_eq!(vin(b"WHGCM82633A00435B"), Invalid);
        assert_eq!(vin(b"aaaaaaaaaaaaaaaab"), Invalid);
        assert_eq!(vin(b"11111111111111111"), Invalid);
        assert_eq!(vin(b"1HGCM82633A00435Q"), Invalid);
        assert_eq!(vin(b"1HGCM-2633A004352"), Invalid);
    }

    #[test]
    fn mbi_spec_vectors() {
        all(mbi, &["1EG4-TE5-MK73", "9AA0C00AA00", "2WX7Y93DM41"], Valid);
        all(mbi, &["0EG4TE5MK73", "1EG4SE5MK73", "1EG4TE5MK7"], Invalid);
    }

    #[test]
    fn mbi_forms() {
        all(mbi, &["1eg4te5mk73", "1EG4 TE5 MK73", "1EG4TE5MK73"], Valid);
        all(
            mbi,
            &["1EG4-TE5 MK73", "1EG4TE5MKZ3", "1EG4TE5M873", "1EG4TEAMK73"],
            Invalid,
        );
    }

    #[test]
    fn npi_spec_vectors() {
        all(npi, &["1234567893", "1245319599", "1987654328"], Valid);
        all(npi, &["1234567890", "1245319598", "1987654329"], Invalid);
    }

    #[test]
    fn npi_forms() {
        assert_eq!(npi(b"1234 567 893"), Valid);
        assert_eq!(npi(b"3234567893"), Invalid);
        assert_eq!(npi(b"1111111111"), Invalid);
        assert_eq!(npi(b"12345678931"), Invalid);
        assert_eq!(npi(b"12345x7893"), Invalid);
    }

    #[test]
    fn dea_spec_vectors() {
        all(dea, &["AP5836727", "BJ3141594", "F91234563"], Valid);
        all(dea, &["AP5836728", "QJ3141594", "AB123456"], Invalid);
    }

    #[test]
    fn dea_forms() {
        assert_eq!(dea(b"ap5836727"), Valid);
        assert_eq!(dea(b"AP5836727-001AB"), Valid);
        assert_eq!(dea(b"AP5836727-"), Invalid);
        assert_eq!(dea(b"A15836727"), Invalid);
        assert_eq!(dea(b"AP583672X"), Invalid);
    }
}

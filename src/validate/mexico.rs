//! Mexican identifiers: CURP, RFC, IMSS NSS and the INE clave de elector.
//!
//! These exist because Mexican keys are letter-and-date shaped tokens that collide with product
//! codes and log identifiers; the embedded date, state and sex codes and (for CURP and RFC) the
//! check character separate real keys from lookalikes. RFC and IMSS rules are soft in places
//! (real RFCs circulate with a bad check character), so those answer `Weak` instead of `Invalid`.
//! Rules and vectors: `IDENTIFIERS.md` §6.1–§6.5.

use super::{MAX_COMPACT, Verdict, compact, is_repdigit, luhn};

/// Reads two ASCII digits as a number.
fn two_digits(d: &[u8]) -> Option<u8> {
    match d {
        [a @ b'0'..=b'9', b @ b'0'..=b'9'] => Some((a - b'0') * 10 + (b - b'0')),
        _ => None,
    }
}

/// True when `d` is six digits `YYMMDD` naming a day that exists. With `century` the leap-year
/// rule is exact; without it (RFC, INE keys carry no century) 29 February is allowed whenever
/// `YY` is a multiple of 4, since `00` is a leap year in 2000.
fn yymmdd_ok(d: &[u8], century: Option<u16>) -> bool {
    let (Some(yy), Some(mm), Some(dd)) = (
        d.get(0..2).and_then(two_digits),
        d.get(2..4).and_then(two_digits),
        d.get(4..6).and_then(two_digits),
    ) else {
        return false;
    };
    if d.len() != 6 {
        return false;
    }
    let leap = match century {
        Some(c) => {
            let y = c + u16::from(yy);
            y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)
        }
        None => yy % 4 == 0,
    };
    let days = match mm {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&dd)
}

/// The CURP state-of-birth codes: the 32 federal entities plus `NE` (born abroad).
const CURP_STATES: [&[u8; 2]; 33] = [
    b"AS", b"BC", b"BS", b"CC", b"CL", b"CM", b"CS", b"CH", b"DF", b"DG", b"GT", b"GR", b"HG",
    b"JC", b"MC", b"MN", b"MS", b"NT", b"NL", b"OC", b"PL", b"QT", b"QR", b"SP", b"SL", b"SR",
    b"TC", b"TS", b"TL", b"VZ", b"YN", b"ZS", b"NE",
];

/// RENAPO's inconvenient words: a CURP never starts with one (RENAPO replaces the 2nd letter
/// with `X`). The list python-stdnum ships (Anexo 2 of the Instructivo Normativo).
const CURP_INCONVENIENT: [&[u8; 4]; 81] = [
    b"BACA", b"BAKA", b"BUEI", b"BUEY", b"CACA", b"CACO", b"CAGA", b"CAGO", b"CAKA", b"CAKO",
    b"COGE", b"COGI", b"COJA", b"COJE", b"COJI", b"COJO", b"COLA", b"CULO", b"FALO", b"FETO",
    b"GETA", b"GUEI", b"GUEY", b"JETA", b"JOTO", b"KACA", b"KACO", b"KAGA", b"KAGO", b"KAKA",
    b"KAKO", b"KOGE", b"KOGI", b"KOJA", b"KOJE", b"KOJI", b"KOJO", b"KOLA", b"KULO", b"LILO",
    b"LOCA", b"LOCO", b"LOKA", b"LOKO", b"MAME", b"MAMO", b"MEAR", b"MEAS", b"MEON", b"MIAR",
    b"MION", b"MOCO", b"MOKO", b"MULA", b"MULO", b"NACA", b"NACO", b"PEDA", b"PEDO", b"PENE",
    b"PIPI", b"PITO", b"POPO", b"PUTA", b"PUTO", b"QULO", b"RATA", b"ROBA", b"ROBE", b"ROBO",
    b"RUIN", b"SENO", b"TETA", b"VACA", b"VAGA", b"VAGO", b"VAKA", b"VUEI", b"VUEY", b"WUEI",
    b"WUEY",
];

/// SAT's forbidden words for the 4-letter block of an individual RFC (python-stdnum's list).
const RFC_INCONVENIENT: [&[u8; 4]; 41] = [
    b"BUEI", b"BUEY", b"CACA", b"CACO", b"CAGA", b"CAGO", b"CAKA", b"CAKO", b"COGE", b"COJA",
    b"COJE", b"COJI", b"COJO", b"CULO", b"FETO", b"GUEY", b"JOTO", b"KACA", b"KACO", b"KAGA",
    b"KAGO", b"KAKA", b"KOGE", b"KOJO", b"KULO", b"MAME", b"MAMO", b"MEAR", b"MEAS", b"MEON",
    b"MION", b"MOCO", b"MULA", b"PEDA", b"PEDO", b"PENE", b"PUTA", b"PUTO", b"QULO", b"RATA",
    b"RUIN",
];

/// Value of a CURP character in `0123456789ABCDEFGHIJKLMNÑOPQRSTUVWXYZ` (Ñ never occurs).
fn curp_value(b: u8) -> u32 {
    match b {
        b'0'..=b'9' => u32::from(b - b'0'),
        b'A'..=b'N' => u32::from(b - b'A') + 10,
        b'O'..=b'Z' => u32::from(b - b'O') + 25,
        _ => 0,
    }
}

/// Mexican CURP (§6.1): 18 characters with name letters, a real birth date (century 1900 when
/// position 17 is a digit, 2000 when it is a letter), sex `H`/`M`/`X`, one of 33 state codes,
/// three internal consonants, and the check digit. A CURP starting with an inconvenient word is
/// `Invalid`. Tolerates lower case and internal separators.
pub(crate) fn curp(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(c) = compact(s, &mut buf) else {
        return Verdict::Invalid;
    };
    let Ok(c) = <&[u8; 18]>::try_from(c) else {
        return Verdict::Invalid;
    };
    let is_consonant = |b: u8| b.is_ascii_uppercase() && !b"AEIOU".contains(&b);
    let century = match c[16] {
        b'0'..=b'9' => 1900,
        b'A'..=b'Z' => 2000,
        _ => return Verdict::Invalid,
    };
    let structure = c[0].is_ascii_uppercase()
        && b"AEIOUX".contains(&c[1])
        && c[2].is_ascii_uppercase()
        && c[3].is_ascii_uppercase()
        && yymmdd_ok(&c[4..10], Some(century))
        && b"HMX".contains(&c[10])
        && CURP_STATES.iter().any(|st| st[..] == c[11..13])
        && c[13..16].iter().all(|&b| is_consonant(b))
        && c[17].is_ascii_digit()
        && !CURP_INCONVENIENT.iter().any(|w| w[..] == c[..4]);
    if !structure {
        return Verdict::Invalid;
    }
    // Weights 18 down to 2 over the first 17 characters.
    let sum: u32 = (0u32..)
        .zip(&c[..17])
        .map(|(i, &b)| curp_value(b) * (18 - i))
        .sum();
    if u32::from(c[17] - b'0') == (10 - sum % 10) % 10 {
        Verdict::Valid
    } else {
        Verdict::Invalid
    }
}

/// Internal stand-in for `Ñ` in a normalised RFC (the byte never survives normalisation otherwise).
const ENYE: u8 = b'#';

/// Normalises an RFC: ASCII letters and digits upper-cased, `&` kept, `Ñ`/`ñ` (UTF-8) mapped to
/// [`ENYE`], everything else (separators, other bytes) dropped. `None` when longer than 13.
fn rfc_compact<'b>(s: &[u8], buf: &'b mut [u8; 13]) -> Option<&'b [u8]> {
    let mut n = 0;
    let mut i = 0;
    while i < s.len() {
        let b = match s[i] {
            b if b.is_ascii_alphanumeric() => b.to_ascii_uppercase(),
            b'&' => b'&',
            0xC3 if matches!(s.get(i + 1), Some(0x91 | 0xB1)) => {
                i += 1;
                ENYE
            }
            _ => {
                i += 1;
                continue;
            }
        };
        *buf.get_mut(n)? = b;
        n += 1;
        i += 1;
    }
    Some(&buf[..n])
}

/// True for a character allowed in the name block of an RFC: `A`–`Z`, `&`, `Ñ`.
fn rfc_name_char(b: u8) -> bool {
    b.is_ascii_uppercase() || b == b'&' || b == ENYE
}

/// The RFC check character over the 11 (company) or 12 (individual) characters before it.
fn rfc_check_char(body: &[u8]) -> u8 {
    let value = |b: u8| -> u32 {
        match b {
            b'0'..=b'9' => u32::from(b - b'0'),
            b'A'..=b'N' => u32::from(b - b'A') + 10,
            b'&' => 24,
            b'O'..=b'Z' => u32::from(b - b'O') + 25,
            ENYE => 38,
            _ => 37, // the space that pads a company RFC
        }
    };
    // Left-pad to 12 with spaces (a company RFC has 11 characters), weights 13 down to 2.
    let mut padded = [b' '; 12];
    let n = body.len().min(12);
    padded[12 - n..].copy_from_slice(&body[body.len() - n..]);
    let sum: u32 = (2u32..=13)
        .rev()
        .zip(padded)
        .map(|(w, b)| w * value(b))
        .sum();
    match sum % 11 {
        0 => b'0',
        1 => b'A', // 11 - 1 = 10
        r => b'0' + (11 - r) as u8,
    }
}

/// RFCs that are not personal data: the generic RFCs for the general public and for foreign
/// residents, printed on countless invoices.
const RFC_GENERIC: [&[u8]; 2] = [b"XAXX010101000", b"XEXX010101000"];

/// Issuer RFCs of SAT's CFDI test environment, found in documentation and sample invoices.
const RFC_TEST: [&[u8]; 2] = [b"AAA010101AAA", b"EKU9003173C9"];

/// Mexican RFC (§6.2): persona física (4 letters + `YYMMDD` + homoclave + check, 13 characters)
/// or persona moral (3 + 6 + 2 + 1 = 12).
///
/// Verdicts:
/// * `Invalid`: wrong shape, impossible date, an inconvenient word as the 4-letter block, the
///   last character outside `[0-9A]`, or a generic RFC (`XAXX010101000`, `XEXX010101000`).
/// * `Weak`: the structure holds but the check character fails (about 1.5% of real RFCs) or the
///   homoclave uses characters SAT never assigns (`0`, `O`, or `W`–`Z` first); also the 10-character
///   individual RFC without homoclave, which has no check at all.
/// * `TestValue`: SAT's CFDI sandbox RFCs (`AAA010101AAA`, `EKU9003173C9`).
///
/// Tolerates space and `-` separators, lower case, `&` and `Ñ` in the name block.
pub(crate) fn rfc(s: &[u8]) -> Verdict {
    let mut buf = [0u8; 13];
    let Some(c) = rfc_compact(s, &mut buf) else {
        return Verdict::Invalid;
    };
    if RFC_GENERIC.contains(&c) {
        return Verdict::Invalid;
    }
    let letters = match c.len() {
        10 | 13 => 4,
        12 => 3,
        _ => return Verdict::Invalid,
    };
    let (name, rest) = c.split_at(letters);
    let (date, tail) = rest.split_at(6);
    let structure = name.iter().all(|&b| rfc_name_char(b))
        && yymmdd_ok(date, None)
        && !(letters == 4 && RFC_INCONVENIENT.iter().any(|w| w[..] == *name));
    if !structure {
        return Verdict::Invalid;
    }
    let [h1, h2, check] = *tail else {
        // Only the 10-character individual form has no homoclave: format-only.
        return if tail.is_empty() {
            Verdict::Weak
        } else {
            Verdict::Invalid
        };
    };
    if !(h1.is_ascii_alphanumeric() && h2.is_ascii_alphanumeric())
        || !(check.is_ascii_digit() || check == b'A')
    {
        return Verdict::Invalid;
    }
    if RFC_TEST.contains(&c) {
        return Verdict::TestValue;
    }
    let homoclave_ok =
        matches!(h1, b'1'..=b'9' | b'A'..=b'V') && matches!(h2, b'1'..=b'9' | b'A'..=b'Z');
    if homoclave_ok && rfc_check_char(&c[..c.len() - 1]) == check {
        Verdict::Valid
    } else {
        Verdict::Weak
    }
}

/// The year IMSS was founded: no NSS can record an earlier registration.
const IMSS_FOUNDED: u16 = 1943;

/// A floor for the current year, used if the system clock is unset or wrong.
const MIN_CURRENT_YEAR: u16 = 2026;

/// The current calendar year from the system clock (never earlier than [`MIN_CURRENT_YEAR`]).
fn current_year() -> u16 {
    use std::time::{SystemTime, UNIX_EPOCH};
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Mean Gregorian year in seconds; off by at most a day around New Year.
    let year = 1970 + secs / 31_556_952;
    u16::try_from(year)
        .unwrap_or(u16::MAX)
        .max(MIN_CURRENT_YEAR)
}

/// IMSS soft rule: some reading of the two-digit years puts registration between IMSS's founding
/// and `this_year`, and the birth year not after the registration.
fn imss_years_plausible(reg: u8, birth: u8, this_year: u16) -> bool {
    [1900u16, 2000].iter().any(|&rc| {
        let r = rc + u16::from(reg);
        (IMSS_FOUNDED..=this_year).contains(&r)
            && [1900u16, 2000].iter().any(|&bc| bc + u16::from(birth) <= r)
    })
}

/// [`nss`] with the current year supplied, so tests do not depend on the clock.
fn nss_in_year(s: &[u8], this_year: u16) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(c) = compact(s, &mut buf) else {
        return Verdict::Invalid;
    };
    if c.len() != 11 || !luhn(c) || is_repdigit(c) {
        return Verdict::Invalid;
    }
    match (two_digits(&c[2..4]), two_digits(&c[4..6])) {
        (Some(reg), Some(birth)) if imss_years_plausible(reg, birth, this_year) => Verdict::Valid,
        _ => Verdict::Weak,
    }
}

/// Mexican IMSS Número de Seguridad Social (§6.3): 11 digits with a Luhn check.
///
/// `Invalid` on a wrong length, a Luhn failure or a repdigit (`00000000000`). `Weak` when the
/// Luhn check passes but the soft plausibility rule fails: no reading of digits 3–4 as a
/// registration year falls between 1943 (IMSS's founding) and the current year with the birth
/// year (digits 5–6) not after it. Depends on the clock only through the current year.
pub(crate) fn nss(s: &[u8]) -> Verdict {
    nss_in_year(s, current_year())
}

/// INE clave de elector (§6.5): 6 letters + birth date `YYMMDD` (must exist) + state `01`–`32` +
/// sex `H`/`M` + 3 digits. Format only: there is no public checksum.
pub(crate) fn ine_clave(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(c) = compact(s, &mut buf) else {
        return Verdict::Invalid;
    };
    let Ok(c) = <&[u8; 18]>::try_from(c) else {
        return Verdict::Invalid;
    };
    let ok = c[..6].iter().all(u8::is_ascii_uppercase)
        && yymmdd_ok(&c[6..12], None)
        && matches!(two_digits(&c[12..14]), Some(1..=32))
        && matches!(c[14], b'H' | b'M')
        && c[15..].iter().all(u8::is_ascii_digit);
    if ok { Verdict::Valid } else { Verdict::Invalid }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Verdict::{Invalid, TestValue, Valid, Weak};

    /// Runs `f` over `(input, expected)` pairs and names the failing input.
    use crate::validate::check_each as check;

    #[test]
    fn dates() {
        assert!(yymmdd_ok(b"000229", Some(2000)));
        assert!(!yymmdd_ok(b"000229", Some(1900)));
        assert!(yymmdd_ok(b"000229", None));
        assert!(!yymmdd_ok(b"010229", None));
        assert!(!yymmdd_ok(b"850431", None));
        assert!(!yymmdd_ok(b"850400", None));
        assert!(!yymmdd_ok(b"85041", None));
        assert!(!yymmdd_ok(b"8504011", None));
    }

    #[test]
    fn curp_spec_vectors() {
        check(
            curp,
            &[
                ("BOXW310820HNERXN09", Valid),
                ("GORS850412MDFNZN00", Valid),
                ("PEGJ010203HJCRRSA1", Valid),
                ("BOXW310820HNERXN08", Invalid),
                ("GORS851312MDFNZN00", Invalid),
                ("GORS850412MXXNZN00", Invalid),
            ],
        );
    }

    /// Appends the correct check digit to a 17-character CURP prefix.
    fn with_check(prefix: &str) -> String {
        let sum: u32 = (0u32..)
            .zip(prefix.bytes())
            .map(|(i, b)| curp_value(b) * (18 - i))
            .sum();
        format!("{prefix}{}", (10 - sum % 10) % 10)
    }

    #[test]
    fn curp_structure() {
        check(
            curp,
            &[
                ("gors850412mdfnzn00", Valid),
                ("GORS-850412-MDFNZN-00", Valid),
                ("GORS 850412 MDF NZN 00", Valid),
                ("GORS850412MDFNZN0", Invalid),
                ("GORS850412MDFNZN000", Invalid),
                ("", Invalid),
            ],
        );
        let cases = [
            ("GORS850412XDFNZN0", Valid),   // non-binary sex marker
            ("GORS850412ZDFNZN0", Invalid), // sex Z
            ("GBRS850412MDFNZN0", Invalid), // 2nd letter must be a vowel or X
            ("GORS850412MDFNAN0", Invalid), // vowel among internal consonants
            ("GORS000229MDFNZNA", Valid),   // 2000 is a leap year
            ("GORS000229MDFNZN0", Invalid), // 1900 is not
            ("GORS850412MDFNZN-", Invalid), // compacts to 17 characters
            ("PUTO850412HDFNZN0", Invalid), // inconvenient word
            ("PXTO850412HDFNZN0", Valid),   // ... as RENAPO rewrites it
            ("GORS850412MNENZN0", Valid),   // NE, born abroad
        ];
        for (prefix, want) in cases {
            let full = with_check(prefix);
            assert_eq!(curp(full.as_bytes()), want, "input {full:?}");
        }
    }

    #[test]
    fn rfc_spec_vectors() {
        check(
            rfc,
            &[
                ("GODE561231GR8", Valid),
                ("MAB-930714-8T4", Valid),
                ("PEGJ010203AB1", Valid),
                ("VACE460910SX6", Weak), // bad check character: medium, not dropped
                ("GODE561331GR8", Invalid),
                ("XAXX010101000", Invalid),
            ],
        );
    }

    #[test]
    fn rfc_forms_and_soft_rules() {
        check(
            rfc,
            &[
                ("GODE 561231 GR8", Valid),
                ("gode-561231-gr8", Valid),
                ("MAB9307148T4", Valid),
                ("XEXX010101000", Invalid),
                ("x-axx-010101-000", Invalid),
                ("COMG-600703", Weak),      // no homoclave
                ("COMG600732", Invalid),    // day 32
                ("GODE561231GR9", Weak),    // check character off
                ("GODE561231G08", Weak),    // 0 is never a homoclave character
                ("GODE561231GRB", Invalid), // check character outside [0-9A]
                ("PUTO561231GR8", Invalid), // inconvenient word
                ("PUTO561231", Invalid),
                ("GOD1561231GR8", Invalid),
                ("GODE5612310GR8", Invalid),
                ("GODE56123GR8", Invalid), // 12 characters but not the company shape
                ("AAA010101AAA", TestValue),
                ("EKU9003173C9", TestValue),
                ("", Invalid),
            ],
        );
    }

    #[test]
    fn rfc_enye_and_ampersand() {
        let with_check = |prefix: &str| {
            let mut buf = [0u8; 13];
            let body = rfc_compact(prefix.as_bytes(), &mut buf).unwrap();
            let c = char::from(rfc_check_char(body));
            format!("{prefix}{c}")
        };
        let enye = with_check("ÑAPE800101AB");
        assert_eq!(rfc(enye.as_bytes()), Valid);
        assert_eq!(rfc(enye.replace('Ñ', "ñ").as_bytes()), Valid);
        // Ñ has its own value (38), so reading it as N breaks the check (weight 13 here; a change
        // in the 3rd position, weight 11, would go unseen mod 11).
        assert_eq!(rfc(enye.replace('Ñ', "N").as_bytes()), Weak);
        let amp = with_check("A&C930714AB");
        assert_eq!(rfc(amp.as_bytes()), Valid);
        assert_eq!(rfc(b"PE\xc3A800101AB"), Invalid); // a lone lead byte is dropped, not a letter
        assert_eq!(
            rfc(b"\xc3\x91\xc3\x91\xc3\x91\xc3\x91\xc3\x91\xc3\x91\xc3\x91"),
            Invalid
        );
    }

    #[test]
    fn nss_spec_vectors() {
        // `12345678903` passes Luhn but its registration year reads as 1934 (before IMSS) or
        // 2034 (future), so the soft rule makes it Weak; the spec checked Luhn only.
        let cases = [
            ("12345678903", Weak),
            ("01880123458", Valid),
            ("43976543215", Valid),
            ("12345678904", Invalid),
            ("1234567890", Invalid),
            ("43976543216", Invalid),
        ];
        for (input, want) in cases {
            assert_eq!(nss_in_year(input.as_bytes(), 2026), want, "input {input:?}");
            assert_eq!(nss(input.as_bytes()).is_accepted(), want.is_accepted());
        }
    }

    #[test]
    fn nss_separators_and_plausibility() {
        let at = |s: &str| nss_in_year(s.as_bytes(), 2026);
        assert_eq!(at("43 97 65 4321 5"), Valid);
        assert_eq!(at("43-97-65-4321-5"), Valid);
        assert_eq!(at("00000000000"), Invalid);
        assert_eq!(at("4397654321"), Invalid);
        assert_eq!(at("439765432150"), Invalid);
        assert_eq!(at("4397654321A"), Invalid);
        // Registered 2034 is plausible once 2034 has come.
        assert_eq!(nss_in_year(b"12345678903", 2034), Valid);
        assert!(imss_years_plausible(5, 99, 2026)); // born 1999, registered 2005
        assert!(!imss_years_plausible(43, 99, 2026)); // 1943 < 1999, 2043 in the future
        assert!(!imss_years_plausible(30, 10, 2026)); // 1930 before IMSS, 2030 in the future
    }

    #[test]
    fn ine_spec_vectors() {
        check(
            ine_clave,
            &[
                ("HRGRJN82050602H900", Valid),
                ("GMVLMR80070509M100", Valid),
                ("PRGMJN90010114H300", Valid),
                ("HRGRJN82130602H900", Invalid),
                ("HRGRJN82050633H900", Invalid),
                ("HRGRJN82050602X900", Invalid),
            ],
        );
    }

    #[test]
    fn ine_edge_cases() {
        check(
            ine_clave,
            &[
                ("hrgrjn82050602h900", Valid),
                ("HRGRJN 820506 02 H900", Valid),
                ("HRGRJN82050600H900", Invalid), // state 00
                ("HRGRJN82023002H900", Invalid), // 30 February
                ("HRGRJ182050602H900", Invalid),
                ("HRGRJN82050602H90", Invalid),
                ("HRGRJN82050602H9000", Invalid),
            ],
        );
    }
}

#[cfg(test)]
mod no_panic {
    use super::Verdict;
    use proptest::prelude::*;

    /// Every validator in this module.
    const ALL: [fn(&[u8]) -> Verdict; 4] = [super::curp, super::rfc, super::nss, super::ine_clave];

    proptest! {
        /// Raw candidate bytes, shaped like identifiers or not, never make a validator panic.
        #[test]
        fn arbitrary_input(
            bytes in proptest::collection::vec(any::<u8>(), 0..40),
            shaped in "[0-9A-Za-z&Ññ .\\-/]{0,24}",
        ) {
            for s in [&bytes[..], shaped.as_bytes()] {
                for f in ALL {
                    let _ = f(s);
                }
            }
        }
    }
}

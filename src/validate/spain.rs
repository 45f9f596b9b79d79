//! Spanish identifiers: DNI and personal NIF (including the K, L and M NIFs), NIE, the
//! Seguridad Social number (NSS/NAF) and the NIF of legal entities (former CIF).
//!
//! These exist so that a `\d{8}[A-Z]`-shaped candidate is reported only when its control
//! character agrees; one random letter in 23 (or one number in 97, for the NSS) survives, which is
//! why the engine still scores them with context. Rules and vectors: `IDENTIFIERS.md` §5.1–§5.4.

use super::{MAX_COMPACT, Verdict, compact};

/// The mod-23 control letters shared by the DNI, the K/L/M NIFs and the NIE, indexed by remainder.
const NIF_LETTERS: &[u8; 23] = b"TRWAGMYFPDXBNJZSQVHLCKE";

/// Parses a run of ASCII digits (at most 18, so it fits a `u64`); `None` on anything else.
fn number(d: &[u8]) -> Option<u64> {
    if d.is_empty() || d.len() > 18 {
        return None;
    }
    d.iter().try_fold(0u64, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u64::from(b - b'0'))
    })
}

/// Drops the `ES` VAT prefix (`ES B64717838`, `ES12345678Z`) when what follows has the
/// 9-character shape every Spanish NIF has. Without that length guard a DNI could lose real data.
fn strip_vat_prefix(c: &[u8]) -> &[u8] {
    match c {
        [b'E', b'S', rest @ ..] if rest.len() == 9 => rest,
        _ => c,
    }
}

/// True when `letter` is the mod-23 control letter for `n`.
fn nif_letter_ok(n: u64, letter: u8) -> bool {
    // The index is below 23, so the cast cannot truncate.
    NIF_LETTERS[(n % 23) as usize] == letter
}

/// Spanish DNI / personal NIF: 8 digits and a mod-23 letter (§5.1), or K, L, M + 7 digits + the
/// letter computed over those 7 digits.
///
/// Accepts separators, thousands dots (`12.345.678-Z`), lower case and an `ES` VAT prefix. A
/// number written with only 7 digits (an old DNI that was not zero-padded) whose letter matches
/// the zero-padded number is `Weak`; with a wrong letter it is `Invalid`. An all-zero number is
/// `Invalid` (no DNI 0 is issued).
pub(crate) fn dni(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(c) = compact(s, &mut buf) else {
        return Verdict::Invalid;
    };
    let (body, letter, full) = match strip_vat_prefix(c) {
        [b'K' | b'L' | b'M', body @ .., letter] if body.len() == 7 => (body, *letter, true),
        [body @ .., letter] if body.len() == 8 => (body, *letter, true),
        [body @ .., letter] if body.len() == 7 => (body, *letter, false),
        _ => return Verdict::Invalid,
    };
    match number(body) {
        Some(n) if n > 0 && nif_letter_ok(n, letter) => {
            if full {
                Verdict::Valid
            } else {
                Verdict::Weak
            }
        }
        _ => Verdict::Invalid,
    }
}

/// Spanish NIE: X, Y or Z + 7 digits + the mod-23 letter of the number with X→0, Y→1, Z→2
/// prepended (§5.2). Also accepts the `X0` + 7 digits variant some documents print (the extra
/// zero is dropped), separators, lower case and an `ES` VAT prefix.
pub(crate) fn nie(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(c) = compact(s, &mut buf) else {
        return Verdict::Invalid;
    };
    let (prefix, body, letter) = match strip_vat_prefix(c) {
        [p @ (b'X' | b'Y' | b'Z'), body @ .., letter] if body.len() == 7 => (*p, body, *letter),
        // `X01234567L`: a leading zero some documents add to X numbers (Trellix `X0?`).
        [b'X', b'0', body @ .., letter] if body.len() == 7 => (b'X', body, *letter),
        _ => return Verdict::Invalid,
    };
    let Some(n) = number(body) else {
        return Verdict::Invalid;
    };
    let lead = u64::from(prefix - b'X'); // X=0, Y=1, Z=2
    if nif_letter_ok(lead * 10_000_000 + n, letter) {
        Verdict::Valid
    } else {
        Verdict::Invalid
    }
}

/// Which mod-97 rule a Spanish NSS satisfied (§5.3). Both are accepted; the distinction matters
/// only for zero-led 8-digit sequences, where the rules disagree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NssRule {
    /// Control = (province ‖ 8-digit sequence) mod 97; the rule DataDog SDS uses.
    A,
    /// Control = (province ‖ 7-digit sequence) mod 97 when the sequence is below 10 000 000: the
    /// TGSS rule, identical to the legacy 11-digit form.
    B,
}

/// Checks a Spanish NSS and says which control rule matched, or `None` when neither does or the
/// shape is wrong. Province codes are not checked here.
pub(crate) fn nss_rule(s: &[u8]) -> Option<(u64, NssRule)> {
    let mut buf = [0u8; MAX_COMPACT];
    let c = compact(s, &mut buf)?;
    match c.len() {
        12 => {
            let (p, n, dc) = (number(&c[..2])?, number(&c[2..10])?, number(&c[10..])?);
            if (p * 100_000_000 + n) % 97 == dc {
                Some((p, NssRule::A))
            } else if n < 10_000_000 && (p * 10_000_000 + n) % 97 == dc {
                Some((p, NssRule::B))
            } else {
                None
            }
        }
        // Legacy `PP NNNNNNN DD`: a 7-digit sequence, which is rule B.
        11 => {
            let (p, n, dc) = (number(&c[..2])?, number(&c[2..9])?, number(&c[9..])?);
            ((p * 10_000_000 + n) % 97 == dc).then_some((p, NssRule::B))
        }
        _ => None,
    }
}

/// Spanish Seguridad Social number (NSS / NUSS / NAF), 12 digits or the legacy 11 (§5.3).
///
/// Valid when the mod-97 control matches under rule A or rule B. Separators `/`, `-` and space are
/// tolerated. A number whose province code is outside `01`–`52` (the INE codes plus Ceuta and
/// Melilla) is `Weak`, not `Invalid`: the spec reports other codes in use.
pub(crate) fn nss(s: &[u8]) -> Verdict {
    match nss_rule(s) {
        Some((1..=52, _)) => Verdict::Valid,
        Some(_) => Verdict::Weak,
        None => Verdict::Invalid,
    }
}

/// NIF of a Spanish legal entity (former CIF): type letter + 7 digits + control (§5.4).
///
/// Strict variant: types N, P, Q, R, S and W need the control letter, types A, B, E and H the
/// control digit, the rest may use either. Accepts separators, lower case and an `ES` VAT prefix.
pub(crate) fn cif(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(c) = compact(s, &mut buf) else {
        return Verdict::Invalid;
    };
    let [kind, body @ .., control] = strip_vat_prefix(c) else {
        return Verdict::Invalid;
    };
    if body.len() != 7 || !body.iter().all(u8::is_ascii_digit) {
        return Verdict::Invalid;
    }
    // Luhn over the body: odd positions (1st, 3rd, ...) doubled with their digits summed.
    let sum: u32 = body
        .iter()
        .enumerate()
        .map(|(i, &b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 0 {
                (2 * d) / 10 + (2 * d) % 10
            } else {
                d
            }
        })
        .sum();
    let d = ((10 - sum % 10) % 10) as u8;
    let as_letter = *control == b"JABCDEFGHI"[usize::from(d)];
    let as_digit = *control == b'0' + d;
    let ok = match kind {
        b'N' | b'P' | b'Q' | b'R' | b'S' | b'W' => as_letter,
        b'A' | b'B' | b'E' | b'H' => as_digit,
        b'C' | b'D' | b'F' | b'G' | b'J' | b'U' | b'V' => as_letter || as_digit,
        _ => false,
    };
    if ok { Verdict::Valid } else { Verdict::Invalid }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Verdict::{Invalid, Valid, Weak};

    /// Runs `f` over `(input, expected)` pairs and names the failing input.
    use crate::validate::check_each as check;

    #[test]
    fn dni_spec_vectors() {
        check(
            dni,
            &[
                ("54362315K", Valid),
                ("12345678-Z", Valid),
                ("45678901G", Valid),
                ("54362315Z", Invalid),
                ("12345678A", Invalid),
                ("1234567Z", Invalid),
            ],
        );
    }

    #[test]
    fn dni_klm_nifs_use_the_seven_digits() {
        // 1234567 mod 23 = 19 → L.
        check(
            dni,
            &[
                ("K1234567L", Valid),
                ("L-1234567-L", Valid),
                ("m1234567l", Valid),
                ("K1234567M", Invalid),
                ("X1234567L", Invalid), // NIE prefix: not a DNI
            ],
        );
    }

    #[test]
    fn dni_normalisation_and_edge_cases() {
        check(
            dni,
            &[
                ("12.345.678-Z", Valid),
                ("12 345 678 z", Valid),
                ("12345678z", Valid),
                ("ES12345678Z", Valid),
                ("1234567-L", Weak), // unpadded old number, right letter
                ("01234567L", Valid),
                ("00000000T", Invalid), // checksum holds, but number 0 is not issued
                ("123456789Z", Invalid),
                ("123456Z", Invalid),
                ("12345678", Invalid),
                ("1234567AZ", Invalid),
                ("", Invalid),
            ],
        );
        assert_eq!(dni(b"12345678\xffZ"), Valid); // junk bytes are dropped, not a panic
    }

    #[test]
    fn nie_spec_vectors() {
        check(
            nie,
            &[
                ("X2482300W", Valid),
                ("Y-7654321-G", Valid),
                ("Z0123456C", Valid),
                ("X2482300A", Invalid),
                ("W1234567L", Invalid),
                ("X123456L", Invalid),
            ],
        );
    }

    #[test]
    fn nie_variants() {
        check(
            nie,
            &[
                ("X02482300W", Valid), // extra leading zero
                ("x-2482300-w", Valid),
                ("X 2482300 W", Valid),
                ("ESX2482300W", Valid),
                ("Y02482300W", Invalid), // only X numbers carry the extra zero
                ("X12482300W", Invalid),
                ("X24823000W", Invalid),
                ("2482300W", Invalid),
            ],
        );
    }

    #[test]
    fn nss_spec_vectors() {
        check(
            nss,
            &[
                ("28/12345678/40", Valid),
                ("281234577843", Valid),
                ("41 23456789 78", Valid),
                ("08/01234567/74", Valid),
                ("28/1234567/42", Valid),
                ("281234567890", Invalid),
                ("28123456784", Invalid),
                ("41 23456789 79", Invalid),
            ],
        );
    }

    #[test]
    fn nss_records_the_rule() {
        assert_eq!(nss_rule(b"08/01234567/74"), Some((8, NssRule::B)));
        assert_eq!(nss_rule(b"08/01234567/17"), Some((8, NssRule::A)));
        assert_eq!(nss_rule(b"28-12345678-40"), Some((28, NssRule::A)));
        assert_eq!(nss_rule(b"28 1234567 42"), Some((28, NssRule::B)));
    }

    #[test]
    fn nss_province_and_shape() {
        // (53 ‖ 12345678) mod 97 = 53; (00 ‖ 12345678) mod 97 = 0.
        let p53 = format!("53{:08}{:02}", 12_345_678, 5_312_345_678u64 % 97);
        let p00 = format!("00{:08}{:02}", 12_345_678, 12_345_678u64 % 97);
        check(nss, &[(&p53, Weak), (&p00, Weak)]);
        check(
            nss,
            &[
                ("08-01234567-17", Valid), // rule A form of the same number
                ("2812345678400", Invalid),
                ("2812345640", Invalid),
                ("28/1234567A/40", Invalid),
                ("", Invalid),
            ],
        );
    }

    #[test]
    fn cif_spec_vectors() {
        check(
            cif,
            &[
                ("J99216582", Valid),
                ("B64717838", Valid),
                ("A13585625", Valid),
                ("P1234567D", Valid),
                ("J99216583", Invalid),
                ("O12345674", Invalid),
                ("B6471783", Invalid),
                ("P12345674", Invalid),
            ],
        );
    }

    #[test]
    fn cif_letter_digit_rule_and_normalisation() {
        check(
            cif,
            &[
                ("J9921658B", Valid),   // J may use the letter form (2 → B)
                ("B6471783H", Invalid), // B needs the digit
                ("B-64717838", Valid),
                ("ES B64717838", Valid),
                ("b64717838", Valid),
                ("K1234567L", Invalid), // personal NIF, not an entity
                ("I12345674", Invalid),
                ("B647178388", Invalid),
            ],
        );
    }
}

#[cfg(test)]
mod no_panic {
    use super::Verdict;
    use proptest::prelude::*;

    /// Every validator in this module.
    const ALL: [fn(&[u8]) -> Verdict; 4] = [super::dni, super::nie, super::nss, super::cif];

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

//! Other Latin American identifiers: Argentine CUIT/CUIL and CBU, Chilean RUT/RUN, Colombian NIT,
//! Peruvian DNI/CUI, Brazilian CPF, Dominican cédula, Venezuelan RIF and Ecuadorian cédula.
//!
//! These exist because each of them is a plain run of digits that, without its check digit, is
//! indistinguishable from amounts, phone numbers and references. Every one carries a mod-10 or
//! mod-11 check that removes 90% or more of lookalikes. Rules and vectors: `IDENTIFIERS.md`
//! §7.1–§7.8.

use super::{MAX_COMPACT, Verdict, compact, digits_only, is_repdigit, luhn};

/// The digits of an all-numeric identifier, separators (`-`, `.`, `/`, space) dropped. `None`
/// when any ASCII letter is present (a letter is never a separator) or the input is too long.
fn numeric<'b>(s: &[u8], buf: &'b mut [u8; MAX_COMPACT]) -> Option<&'b [u8]> {
    if s.iter().any(u8::is_ascii_alphabetic) {
        return None;
    }
    digits_only(s, buf)
}

/// Value of an ASCII digit (callers have checked it is one).
fn val(b: u8) -> u32 {
    u32::from(b.wrapping_sub(b'0'))
}

/// Σ digit × weight, pairing `digits` and `weights` from the left.
fn weighted(digits: &[u8], weights: &[u32]) -> u32 {
    digits.iter().zip(weights).map(|(&b, &w)| val(b) * w).sum()
}

/// Maps a verdict test to `Valid` / `Invalid`.
fn valid_if(ok: bool) -> Verdict {
    if ok { Verdict::Valid } else { Verdict::Invalid }
}

/// Argentine CUIT / CUIL (§7.1): 11 digits, type prefix 20, 23, 24, 27 (individuals) or 30, 33,
/// 34 (companies), and a mod-11 check digit over weights `5 4 3 2 7 6 5 4 3 2`. A computed check
/// of 10 is never issued (the prefix changes instead), so it is `Invalid`.
pub(crate) fn ar_cuit(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(d) = numeric(s, &mut buf) else {
        return Verdict::Invalid;
    };
    if d.len() != 11
        || !matches!(
            &d[..2],
            b"20" | b"23" | b"24" | b"27" | b"30" | b"33" | b"34"
        )
    {
        return Verdict::Invalid;
    }
    let v = match 11 - weighted(&d[..10], &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11 {
        11 => 0,
        10 => return Verdict::Invalid,
        v => v,
    };
    valid_if(val(d[10]) == v)
}

/// Argentine CBU (Clave Bancaria Uniforme), the 22-digit account number every Argentine
/// transfer names: a block of 8 (bank 3, branch 4, check digit) and a block of 14 (account 13,
/// check digit). Each check digit is `(10 - Σ digit × weight) mod 10` with weights 3, 1, 7, 9
/// cycling from the block's last digit leftwards, as python-stdnum's `ar.cbu` computes it (not
/// in IDENTIFIERS.md; the vectors below were checked against python-stdnum 2.2). Written whole
/// or as `8 14` with a space or hyphen. An all-zero account is no account.
pub(crate) fn ar_cbu(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(d) = numeric(s, &mut buf) else {
        return Verdict::Invalid;
    };
    if d.len() != 22 || d[8..21].iter().all(|&b| b == b'0') {
        return Verdict::Invalid;
    }
    let check = |block: &[u8]| {
        let sum: u32 = block
            .iter()
            .rev()
            .zip([3, 1, 7, 9].iter().cycle())
            .map(|(&b, &w)| val(b) * w)
            .sum();
        (10 - sum % 10) % 10
    };
    valid_if(check(&d[..7]) == val(d[7]) && check(&d[8..21]) == val(d[21]))
}

/// Chilean RUT / RUN (§7.2): a 7–8 digit body and a mod-11 check character (`0`–`9` or `K`),
/// weights 2, 3, 4, 5, 6, 7 cycling from the right. Tolerates thousands dots, the hyphen, lower
/// case `k` and a `CL` VAT prefix.
pub(crate) fn cl_rut(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(c) = compact(s, &mut buf) else {
        return Verdict::Invalid;
    };
    let c = c.strip_prefix(b"CL").unwrap_or(c);
    let [body @ .., check] = c else {
        return Verdict::Invalid;
    };
    if !(7..=8).contains(&body.len()) || !body.iter().all(u8::is_ascii_digit) {
        return Verdict::Invalid;
    }
    let sum: u32 = body
        .iter()
        .rev()
        .zip([2, 3, 4, 5, 6, 7].iter().cycle())
        .map(|(&b, &w)| val(b) * w)
        .sum();
    let expected = match 11 - sum % 11 {
        11 => b'0',
        10 => b'K',
        v => b'0' + v as u8,
    };
    valid_if(*check == expected)
}

/// Colombian NIT (§7.3): a base number (a 9-digit company number or a person's cédula; 6 to 15
/// digits accepted) and the DIAN check digit, primes `3 7 13 17 …` applied from the right, mod 11.
pub(crate) fn co_nit(s: &[u8]) -> Verdict {
    const PRIMES: [u32; 15] = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];
    let mut buf = [0u8; MAX_COMPACT];
    let Some(d) = numeric(s, &mut buf) else {
        return Verdict::Invalid;
    };
    let [base @ .., check] = d else {
        return Verdict::Invalid;
    };
    if !(6..=PRIMES.len()).contains(&base.len()) || is_repdigit(base) {
        return Verdict::Invalid;
    }
    let sum: u32 = base
        .iter()
        .rev()
        .zip(PRIMES)
        .map(|(&b, w)| val(b) * w)
        .sum();
    let dv = match sum % 11 {
        r @ (0 | 1) => r,
        r => 11 - r,
    };
    valid_if(val(*check) == dv)
}

/// Peruvian DNI / CUI (§7.4): 8 digits and a check character that may be printed as a digit
/// (`65432110987[r]`) or a letter (`KJIHGFEDCBA[r]`), r = Σ digit × `3 2 7 6 5 4 3 2` mod 11.
///
/// Eight bare digits (the check character is optional in text) are `Weak`: the format holds but
/// nothing can be verified, so the engine should require context.
pub(crate) fn pe_cui(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(c) = compact(s, &mut buf) else {
        return Verdict::Invalid;
    };
    let (body, check) = match c.len() {
        8 => (c, None),
        9 => (&c[..8], Some(c[8])),
        _ => return Verdict::Invalid,
    };
    if !body.iter().all(u8::is_ascii_digit) {
        return Verdict::Invalid;
    }
    let Some(check) = check else {
        return Verdict::Weak;
    };
    let r = (weighted(body, &[3, 2, 7, 6, 5, 4, 3, 2]) % 11) as usize;
    valid_if(check == b"65432110987"[r] || check == b"KJIHGFEDCBA"[r])
}

/// Peruvian RUC (§7.4): 11 digits, a type prefix (10 for a person, whose RUC is `10` + DNI +
/// check; 15, 17 or 20), and a check digit: weights `5 4 3 2 7 6 5 4 3 2` on the first ten
/// digits, then (11 − S mod 11) mod 10.
pub(crate) fn pe_ruc(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(d) = numeric(s, &mut buf) else {
        return Verdict::Invalid;
    };
    let [body @ .., check] = d else {
        return Verdict::Invalid;
    };
    if d.len() != 11 || !matches!(&d[..2], b"10" | b"15" | b"17" | b"20") || is_repdigit(&d[2..10])
    {
        return Verdict::Invalid;
    }
    let sum = weighted(body, &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
    valid_if(val(*check) == (11 - sum % 11) % 10)
}

/// Brazilian CPF (§7.5): 11 digits with two mod-11 check digits. Repdigits satisfy both checks
/// but are never issued, so they are `Invalid`.
pub(crate) fn br_cpf(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(d) = numeric(s, &mut buf) else {
        return Verdict::Invalid;
    };
    if d.len() != 11 || is_repdigit(d) {
        return Verdict::Invalid;
    }
    let cpf_digit = |n: usize| {
        // Weights n + 1 down to 2 over the first n digits.
        let sum: u32 = (2..=n as u32 + 1)
            .rev()
            .zip(&d[..n])
            .map(|(w, &b)| w * val(b))
            .sum();
        match sum % 11 {
            0 | 1 => 0,
            r => 11 - r,
        }
    };
    valid_if(val(d[9]) == cpf_digit(9) && val(d[10]) == cpf_digit(10))
}

/// Dominican cédula de identidad y electoral (§7.6): 11 digits (printed 3-7-1) with a Luhn check.
/// The repdigit `000-0000000-0` passes Luhn and is `Invalid`. The older cédulas that genuinely
/// fail Luhn (python-stdnum whitelists 578) are not special-cased and come out `Invalid`.
pub(crate) fn do_cedula(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(d) = numeric(s, &mut buf) else {
        return Verdict::Invalid;
    };
    valid_if(d.len() == 11 && !is_repdigit(d) && luhn(d))
}

/// Venezuelan RIF (§7.7): type letter V, E, J, P or G + 8 digits + a mod-11 check digit, with the
/// type valued 1–5 and weighted 4, the digits weighted `3 2 7 6 5 4 3 2`.
pub(crate) fn ve_rif(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(c) = compact(s, &mut buf) else {
        return Verdict::Invalid;
    };
    let [kind, digits @ ..] = c else {
        return Verdict::Invalid;
    };
    let kind_value = match kind {
        b'V' => 1,
        b'E' => 2,
        b'J' => 3,
        b'P' => 4,
        b'G' => 5,
        _ => return Verdict::Invalid,
    };
    if digits.len() != 9 || !digits.iter().all(u8::is_ascii_digit) {
        return Verdict::Invalid;
    }
    let sum = kind_value * 4 + weighted(&digits[..8], &[3, 2, 7, 6, 5, 4, 3, 2]);
    let v = match 11 - sum % 11 {
        10 | 11 => 0,
        v => v,
    };
    valid_if(val(digits[8]) == v)
}

/// Ecuadorian cédula (§7.8): 10 digits; province `01`–`24` or `30` (registered abroad); third
/// digit below 6; mod-10 check over weights `2 1 2 1 …` with products above 9 reduced by 9.
///
/// Province `50`, which python-stdnum also accepts but the spec cannot confirm, gives `Weak` when
/// everything else holds.
pub(crate) fn ec_cedula(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(d) = numeric(s, &mut buf) else {
        return Verdict::Invalid;
    };
    if d.len() != 10 || val(d[2]) >= 6 {
        return Verdict::Invalid;
    }
    let province = val(d[0]) * 10 + val(d[1]);
    let sum: u32 = d[..9]
        .iter()
        .zip([2, 1].iter().cycle())
        .map(|(&b, &w)| {
            let p = val(b) * w;
            if p > 9 { p - 9 } else { p }
        })
        .sum();
    if val(d[9]) != (10 - sum % 10) % 10 {
        return Verdict::Invalid;
    }
    match province {
        1..=24 | 30 => Verdict::Valid,
        50 => Verdict::Weak,
        _ => Verdict::Invalid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Verdict::{Invalid, Valid, Weak};

    /// Runs `f` over `(input, expected)` pairs and names the failing input.
    use crate::validate::check_each as check;

    #[test]
    fn ar_cuit_spec_vectors() {
        check(
            ar_cuit,
            &[
                ("20-05536168-2", Valid),
                ("20-12345678-6", Valid),
                ("27-35486123-8", Valid),
                ("20-26756539-2", Invalid),
                ("21-12345678-6", Invalid),
                ("20-1234567-6", Invalid),
            ],
        );
    }

    #[test]
    fn ar_cbu_vectors() {
        check(
            ar_cbu,
            &[
                // python-stdnum's own doctest pair...
                ("2850590940090418135201", Valid),
                ("2810590940090418135201", Invalid),
                ("28505909 40090418135201", Valid),
                ("28505909-40090418135201", Valid),
                // ...and numbers whose check digits python-stdnum 2.2 computed, each also
                // with one check digit changed (the first block's, then the second's).
                ("5260181790830166131864", Valid),
                ("9139099003082462819485", Valid),
                ("2319487274911862527602", Valid),
                ("2319487374911862527602", Invalid),
                ("5260181790830166131865", Invalid),
                ("9139099003082462819486", Invalid),
                // Lengths, letters and the empty account.
                ("285059094009041813520", Invalid),
                ("28505909400904181352011", Invalid),
                ("285059094009041813520A", Invalid),
                ("0000000000000000000000", Invalid),
                ("", Invalid),
            ],
        );
    }

    #[test]
    fn ar_cuit_edge_cases() {
        check(
            ar_cuit,
            &[
                ("20123456786", Valid),
                ("20 12345678 6", Valid),
                ("20.12345678.6", Valid),
                ("20-12345678-6-1", Invalid),
                ("20-1234567A-6", Invalid),
                // 20-00000001: S = 2×5 + 1×2 = 12, v = 10, never issued...
                ("20-00000001-0", Invalid),
                ("20-00000001-9", Invalid),
                // ...it becomes 23-00000001: S = 2×5 + 3×4 + 2 = 24, v = 9.
                ("23-00000001-9", Valid),
                ("", Invalid),
            ],
        );
    }

    #[test]
    fn cl_rut_spec_vectors() {
        check(
            cl_rut,
            &[
                ("76.086.428-5", Valid),
                ("12.531.909-2", Valid),
                ("10.000.013-K", Valid),
                ("12.531.909-3", Invalid),
                ("10.000.013-0", Invalid),
                ("7.654.321-5", Invalid),
            ],
        );
    }

    #[test]
    fn cl_rut_edge_cases() {
        check(
            cl_rut,
            &[
                ("7.654.321-6", Valid), // the correct check for 7654321
                ("10000013k", Valid),
                ("10000013-k", Valid),
                ("CL 76.086.428-5", Valid),
                ("125319092", Valid),
                ("654.321-4", Invalid), // 6-digit body
                ("123.456.789-0", Invalid),
                ("12.531.90A-2", Invalid),
                ("12.531.909-X", Invalid),
                ("", Invalid),
            ],
        );
    }

    #[test]
    fn co_nit_spec_vectors() {
        check(
            co_nit,
            &[
                ("213.123.432-1", Valid),
                ("90.012.345-5", Valid),
                ("1.020.304.050-8", Valid),
                ("213.123.432-5", Invalid),
                ("90.012.345-6", Invalid),
                ("1.020.304.050-0", Invalid),
            ],
        );
    }

    #[test]
    fn co_nit_edge_cases() {
        check(
            co_nit,
            &[
                ("2131234321", Valid),
                ("213 123 432 1", Valid),
                ("12345-6", Invalid),       // base too short
                ("000.000.000-0", Invalid), // repdigit base
                ("213.123.43A-1", Invalid),
                ("", Invalid),
            ],
        );
    }

    #[test]
    fn pe_cui_spec_vectors() {
        check(
            pe_cui,
            &[
                ("10117410-2", Valid),
                ("10117410-G", Valid),
                ("46027897-5", Valid),
                ("10117410-3", Invalid),
                ("46027897-K", Invalid),
                ("1234567", Invalid),
            ],
        );
    }

    #[test]
    fn pe_cui_edge_cases() {
        check(
            pe_cui,
            &[
                ("46027897-j", Valid), // lower-case letter form
                ("46027897 J", Valid),
                ("10117410", Weak), // no check character: format only
                ("10117410-22", Invalid),
                ("1011741A-2", Invalid),
                ("", Invalid),
            ],
        );
    }

    #[test]
    fn pe_ruc_vectors() {
        // python-stdnum's pe.ruc example (20512333797) and the personal RUC of DNI 10117410.
        check(
            pe_ruc,
            &[
                ("20512333797", Valid),
                ("10101174102", Valid),
                ("20100047218", Valid),
                ("20512333798", Invalid), // check digit
                ("30512333797", Invalid), // type prefix
                ("2051233379", Invalid),  // 10 digits
                ("205123337970", Invalid),
                ("20-51233379-7", Valid), // separators are the pattern's business
                ("", Invalid),
            ],
        );
    }

    #[test]
    fn br_cpf_spec_vectors() {
        check(
            br_cpf,
            &[
                ("390.533.447-05", Valid),
                ("111.444.777-35", Valid),
                ("123.456.789-09", Valid),
                ("231.002.999-00", Invalid),
                ("390.533.447-06", Invalid),
                ("111.111.111-11", Invalid),
            ],
        );
    }

    #[test]
    fn br_cpf_edge_cases() {
        check(
            br_cpf,
            &[
                ("39053344705", Valid),
                ("390 533 447 05", Valid),
                ("000.000.000-00", Invalid),
                ("390.533.447-0", Invalid),
                ("390.533.447-055", Invalid),
                ("390.533.44A-05", Invalid),
            ],
        );
    }

    #[test]
    fn do_cedula_spec_vectors() {
        check(
            do_cedula,
            &[
                ("001-1391820-5", Valid),
                ("224-0002211-1", Valid),
                ("402-1234567-8", Valid),
                ("001-1391820-4", Invalid),
                ("402-1234567-9", Invalid),
                ("00113918205-1", Invalid),
            ],
        );
    }

    #[test]
    fn do_cedula_edge_cases() {
        check(
            do_cedula,
            &[
                ("00113918205", Valid),
                ("001 1391820 5", Valid),
                ("000-0000000-0", Invalid),
                ("001-139182-5", Invalid),
                ("", Invalid),
            ],
        );
    }

    #[test]
    fn ve_rif_spec_vectors() {
        check(
            ve_rif,
            &[
                ("V-11470283-4", Valid),
                ("V-12345678-1", Valid),
                ("J-30000000-1", Valid),
                ("V-11470283-3", Invalid),
                ("J-30000000-2", Invalid),
                ("X-12345678-1", Invalid),
            ],
        );
    }

    #[test]
    fn ve_rif_edge_cases() {
        check(
            ve_rif,
            &[
                ("v123456781", Valid),
                ("V 12.345.678 1", Valid),
                ("V-12.345.678", Invalid), // a cédula without the RIF check digit
                ("V-1234567-8", Invalid),  // body must be padded to 8 digits
                ("V-123456789-1", Invalid),
                ("12345678-1", Invalid),
                ("", Invalid),
            ],
        );
    }

    #[test]
    fn ec_cedula_spec_vectors() {
        check(
            ec_cedula,
            &[
                ("1714307103", Valid),
                ("0912345675", Valid),
                ("0102030400", Valid),
                ("1714307104", Invalid),
                ("2514307103", Invalid),
                ("1774307103", Invalid),
            ],
        );
    }

    #[test]
    fn ec_cedula_edge_cases() {
        // Same body as 1714307103 under other provinces; the check digit moves with the prefix.
        check(
            ec_cedula,
            &[
                ("171430710-3", Valid),
                ("3014307106", Valid),   // registered abroad
                ("5014307101", Weak),    // province 50: stdnum only
                ("0014307102", Invalid), // province 00
                ("0962345675", Invalid), // third digit 6
                ("171430710", Invalid),
                ("17143071033", Invalid),
            ],
        );
    }
}

#[cfg(test)]
mod no_panic {
    use super::Verdict;
    use proptest::prelude::*;

    /// Every validator in this module.
    const ALL: [fn(&[u8]) -> Verdict; 9] = [
        super::ar_cuit,
        super::ar_cbu,
        super::cl_rut,
        super::co_nit,
        super::pe_cui,
        super::br_cpf,
        super::do_cedula,
        super::ve_rif,
        super::ec_cedula,
    ];

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

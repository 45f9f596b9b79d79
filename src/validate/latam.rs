//! Other Latin American identifiers: Argentine CUIT/CUIL and CBU, Chilean RUT/RUN, Colombian NIT,
//! Peruvian DNI/CUI, Brazilian CPF, Dominican cédula and RNC, Venezuelan RIF, Ecuadorian cédula
//! and RUC; Guatemalan DPI/CUI and NIT, Salvadoran DUI and NIT, Honduran DNI, Costa Rican
//! cédulas, Panamanian cédula, Uruguayan cédula and RUT, Paraguayan RUC.
//!
//! These exist because each of them is a plain run of digits that, without its check digit, is
//! indistinguishable from amounts, phone numbers and references. Most carry a mod-10 or mod-11
//! check that removes 90% or more of lookalikes. Rules and vectors: `IDENTIFIERS.md` §7.1–§7.8;
//! for the others, python-stdnum 2.2 (`ec.ruc`, `do.rnc`, `sv.nit`, `uy.rut`, `gt.nit`,
//! `py.ruc`, `cr.cpf`, `cr.cpj`) and the PyPI packages `cui-gt` (Guatemalan CUI) and `ciuy`
//! (Uruguayan cédula), named at each function. The Honduran DNI and the Costa Rican and
//! Panamanian cédulas have no check digit: their validators read the structure only, and
//! their detectors require context.

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

/// Guatemalan DPI / CUI (Código Único de Identificación, printed `2550 51980 0501`): 13 digits,
/// an 8-digit serial, a check digit (Σ serial digit × weights `2 3 4 … 9`, mod 11; a remainder
/// of 10 is never issued), then the departamento `01`–`22` and the municipio, `01` up to that
/// department's count. The counts are those of the `cui-gt` package on PyPI, with Huehuetenango
/// at 33 (Petatán, created in 2015; the package still says 32).
pub(crate) fn gt_cui(s: &[u8]) -> Verdict {
    /// Municipios per departamento, Guatemala (01) to Jutiapa (22).
    const MUNICIPIOS: [u32; 22] = [
        17, 8, 16, 16, 14, 14, 19, 8, 24, 21, 9, 30, 33, 21, 8, 17, 14, 5, 11, 11, 7, 17,
    ];
    let mut buf = [0u8; MAX_COMPACT];
    let Some(d) = numeric(s, &mut buf) else {
        return Verdict::Invalid;
    };
    if d.len() != 13 || is_repdigit(&d[..8]) {
        return Verdict::Invalid;
    }
    let check = weighted(&d[..8], &[2, 3, 4, 5, 6, 7, 8, 9]) % 11;
    let dept = val(d[9]) * 10 + val(d[10]);
    let muni = val(d[11]) * 10 + val(d[12]);
    let known = (1..=22).contains(&dept) && muni >= 1 && muni <= MUNICIPIOS[dept as usize - 1];
    valid_if(known && check == val(d[8]))
}

/// Salvadoran DUI (Documento Único de Identidad, printed `01584024-5`): 8 digits and a check
/// digit, (10 − Σ digit × weights `9 8 … 2` mod 10) mod 10. An all-same body is no number.
pub(crate) fn sv_dui(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(d) = numeric(s, &mut buf) else {
        return Verdict::Invalid;
    };
    if d.len() != 9 || is_repdigit(&d[..8]) {
        return Verdict::Invalid;
    }
    let sum = weighted(&d[..8], &[9, 8, 7, 6, 5, 4, 3, 2]);
    valid_if(val(d[8]) == (10 - sum % 10) % 10)
}

/// Honduran DNI / tarjeta de identidad (printed `0801-1990-21348`): 13 digits with no check
/// digit, so only the structure is read: departamento `01`–`18`, municipio `01`–`28` (the most
/// any department has), the year of birth or registration 1900–2099 and a serial that is not
/// `00000`. Format-only: the detectors that use it require context.
pub(crate) fn hn_dni(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(d) = numeric(s, &mut buf) else {
        return Verdict::Invalid;
    };
    if d.len() != 13 {
        return Verdict::Invalid;
    }
    let dept = val(d[0]) * 10 + val(d[1]);
    let muni = val(d[2]) * 10 + val(d[3]);
    let year = d[4..8].iter().fold(0, |n, &b| n * 10 + val(b));
    valid_if(
        (1..=18).contains(&dept)
            && (1..=28).contains(&muni)
            && (1900..=2099).contains(&year)
            && d[8..].iter().any(|&b| b != b'0'),
    )
}

/// Costa Rican cédula de persona física (printed `1-0173-0309`, or `01-0173-0309` as
/// python-stdnum's `cr.cpf` formats it): the province 1–9, a tomo and an asiento of four digits
/// each, neither `0000`. No check digit: format-only, context required.
pub(crate) fn cr_cedula(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(d) = numeric(s, &mut buf) else {
        return Verdict::Invalid;
    };
    let d = match d {
        [b'0', rest @ ..] if rest.len() == 9 => rest,
        _ => d,
    };
    valid_if(
        d.len() == 9
            && d[0] != b'0'
            && d[1..5].iter().any(|&b| b != b'0')
            && d[5..].iter().any(|&b| b != b'0'),
    )
}

/// Costa Rican cédula jurídica (printed `3-101-292212`): 10 digits, a class digit and a
/// three-digit type that python-stdnum's `cr.cpj` lists (class 2 government `100`–`400`; class 3
/// companies and associations `002`–`014`, `101`–`110`; class 4 `000`; class 5 `001`), then a
/// six-digit number that is not `000000`. No check digit.
pub(crate) fn cr_cedula_juridica(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(d) = numeric(s, &mut buf) else {
        return Verdict::Invalid;
    };
    if d.len() != 10 || d[4..].iter().all(|&b| b == b'0') {
        return Verdict::Invalid;
    }
    let kind = d[1..4].iter().fold(0, |n, &b| n * 10 + val(b));
    valid_if(match d[0] {
        b'2' => matches!(kind, 100 | 200 | 300 | 400),
        b'3' => matches!(kind, 2..=14 | 101..=110),
        b'4' => kind == 0,
        b'5' => kind == 1,
        _ => false,
    })
}

/// Panamanian cédula (printed `8-687-1628`): a province `1`–`13`, optionally followed by `AV`
/// or `PI` (born abroad / indigenous), or a prefix `E` (foreigner), `N` (naturalised) or `PE`;
/// then a tomo of 1–4 digits and an asiento of 1–6 digits, dash-separated, neither all zeros.
/// No check digit. Three numbers that read as a date (`1-12-2024`, `8-12-24`: a day and a month
/// first, a year last) are refused: dates are far commoner than cédulas of that shape. So is a
/// Costa Rican cédula jurídica (`3-101-292212`, see [`cr_cedula_juridica`]).
pub(crate) fn pa_cedula(s: &[u8]) -> Verdict {
    if cr_cedula_juridica(s) == Verdict::Valid {
        return Verdict::Invalid;
    }
    let mut parts = s.split(|&b| b == b'-');
    let (Some(prefix), Some(tomo), Some(asiento), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Verdict::Invalid;
    };
    let all_digits = |p: &[u8], max: usize| {
        (1..=max).contains(&p.len())
            && p.iter().all(u8::is_ascii_digit)
            && p.iter().any(|&b| b != b'0')
    };
    if !all_digits(tomo, 4) || !all_digits(asiento, 6) {
        return Verdict::Invalid;
    }
    let number = |p: &[u8]| p.iter().fold(0u32, |n, &b| n * 10 + val(b));
    let province = match prefix {
        b"E" | b"N" | b"PE" => None,
        _ => {
            let digits = prefix
                .strip_suffix(b"AV")
                .or_else(|| prefix.strip_suffix(b"PI"))
                .unwrap_or(prefix);
            if !all_digits(digits, 2) || !(1..=13).contains(&number(digits)) {
                return Verdict::Invalid;
            }
            (digits.len() == prefix.len()).then(|| number(digits))
        }
    };
    if let Some(p) = province {
        let (t, a) = (number(tomo), number(asiento));
        let year = asiento.len() == 2 || (asiento.len() == 4 && (1900..=2099).contains(&a));
        if year && tomo.len() <= 2 && p <= 31 && t <= 31 && p.min(t) <= 12 {
            return Verdict::Invalid;
        }
    }
    Verdict::Valid
}

/// Uruguayan cédula de identidad (printed `1.851.276-2`): 6–7 digits and a check digit. The body
/// is left-padded to 7 digits; check = (10 − Σ digit × weights `2 9 8 7 6 3 4` mod 10) mod 10,
/// as the `ciuy` package on PyPI computes it (its weights `8 1 2 3 4 7 6` are the same rule).
pub(crate) fn uy_ci(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(d) = numeric(s, &mut buf) else {
        return Verdict::Invalid;
    };
    let [body @ .., check] = d else {
        return Verdict::Invalid;
    };
    if !(6..=7).contains(&body.len()) || body[0] == b'0' {
        return Verdict::Invalid;
    }
    let weights: &[u32] = if body.len() == 7 {
        &[2, 9, 8, 7, 6, 3, 4]
    } else {
        &[9, 8, 7, 6, 3, 4]
    };
    valid_if(val(*check) == (10 - weighted(body, weights) % 10) % 10)
}

/// Ecuadorian RUC (python-stdnum's `ec.ruc`): 13 digits, a province as in the cédula (`01`–`24`,
/// `30`, `50`) and an establishment number that is not zero. By the third digit: below 6 a
/// natural person, a valid cédula ([`ec_cedula`]) + a 3-digit establishment; 6 a public entity,
/// weights `3 2 7 6 5 4 3 2 1` over the first 9 digits summing to 0 mod 11, + a 4-digit
/// establishment; 9 a company (or a public entity), weights `4 3 2 7 6 5 4 3 2 1` over the first
/// 10 digits summing to 0 mod 11. Unlike python-stdnum, a third digit 6 is not retried as a
/// natural person (the cédula validator refuses it).
pub(crate) fn ec_ruc(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(d) = numeric(s, &mut buf) else {
        return Verdict::Invalid;
    };
    if d.len() != 13 {
        return Verdict::Invalid;
    }
    let province = val(d[0]) * 10 + val(d[1]);
    if !matches!(province, 1..=24 | 30 | 50) {
        return Verdict::Invalid;
    }
    let zeros = |p: &[u8]| p.iter().all(|&b| b == b'0');
    let public = || !zeros(&d[9..]) && weighted(&d[..9], &[3, 2, 7, 6, 5, 4, 3, 2, 1]) % 11 == 0;
    let company =
        || !zeros(&d[10..]) && weighted(&d[..10], &[4, 3, 2, 7, 6, 5, 4, 3, 2, 1]) % 11 == 0;
    match d[2] {
        b'0'..=b'5' if !zeros(&d[10..]) => ec_cedula(&d[..10]),
        b'6' => valid_if(public()),
        b'9' => valid_if(public() || company()),
        _ => Verdict::Invalid,
    }
}

/// Dominican RNC of a company (printed `1-01-85004-3`): 9 digits, weights `7 9 8 6 5 4 3 2` on
/// the first 8, r = Σ mod 11, check = 2 when r = 0, 1 when r = 1, else 11 − r, which is
/// python-stdnum's `do.rnc` `(10 − r) mod 9 + 1`. (Its whitelist of older RNCs that fail the
/// check is not carried.) A person's RNC is the cédula: see [`do_cedula`].
pub(crate) fn do_rnc(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(d) = numeric(s, &mut buf) else {
        return Verdict::Invalid;
    };
    if d.len() != 9 || is_repdigit(&d[..8]) {
        return Verdict::Invalid;
    }
    let r = weighted(&d[..8], &[7, 9, 8, 6, 5, 4, 3, 2]) % 11;
    valid_if(val(d[8]) == (10 - r) % 9 + 1)
}

/// Salvadoran NIT (python-stdnum's `sv.nit`, printed `0614-050707-104-8`): 14 digits, the first
/// `0`, `1` or `9` (a municipality code, or 9 for foreigners), a date of birth or registration,
/// a serial and a check digit. Serials up to `100` use the old rule, Σ digit × weights
/// `14 13 … 2` mod 11 mod 10; higher serials the new one, weights `2 7 6 5 4 3 2 7 6 5 4 3 2`,
/// (−Σ mod 11) mod 10.
pub(crate) fn sv_nit(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(d) = numeric(s, &mut buf) else {
        return Verdict::Invalid;
    };
    if d.len() != 14 || !matches!(d[0], b'0' | b'1' | b'9') || is_repdigit(&d[..13]) {
        return Verdict::Invalid;
    }
    let serial = d[10..13].iter().fold(0, |n, &b| n * 10 + val(b));
    let check = if serial <= 100 {
        weighted(&d[..13], &[14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11 % 10
    } else {
        let sum = weighted(&d[..13], &[2, 7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
        (11 - sum % 11) % 11 % 10
    };
    valid_if(val(d[13]) == check)
}

/// Uruguayan RUT (python-stdnum's `uy.rut`, printed `21-100342-001-7`): 12 digits, a registry
/// `01`–`22`, a six-digit number that is not `000000`, the fixed `001` and a check digit,
/// (−Σ digit × weights `4 3 2 9 8 7 6 5 4 3 2`) mod 11; a check of 10 is never issued.
pub(crate) fn uy_rut(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(d) = numeric(s, &mut buf) else {
        return Verdict::Invalid;
    };
    if d.len() != 12 {
        return Verdict::Invalid;
    }
    let registry = val(d[0]) * 10 + val(d[1]);
    if !(1..=22).contains(&registry) || d[2..8].iter().all(|&b| b == b'0') || &d[8..11] != b"001" {
        return Verdict::Invalid;
    }
    let sum = weighted(&d[..11], &[4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]);
    valid_if(val(d[11]) == (11 - sum % 11) % 11)
}

/// Guatemalan NIT (python-stdnum's `gt.nit`, printed `576937-K`): digits and a check character,
/// (−Σ digit × weights `2 3 4 …` from the right) mod 11, with 10 written `K`. Leading zeros are
/// dropped; 2 to 12 characters remain. A body of one repeated digit is refused.
pub(crate) fn gt_nit(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(c) = compact(s, &mut buf) else {
        return Verdict::Invalid;
    };
    let start = c.iter().position(|&b| b != b'0').unwrap_or(c.len());
    let [body @ .., check] = &c[start..] else {
        return Verdict::Invalid;
    };
    if !(1..=11).contains(&body.len())
        || !body.iter().all(u8::is_ascii_digit)
        || (body.len() > 1 && is_repdigit(body))
    {
        return Verdict::Invalid;
    }
    let sum: u32 = body.iter().rev().zip(2..).map(|(&b, w)| val(b) * w).sum();
    let expected = match (11 - sum % 11) % 11 {
        10 => b'K',
        v => b'0' + v as u8,
    };
    valid_if(*check == expected)
}

/// Paraguayan RUC (python-stdnum's `py.ruc`, printed `80028061-0`): a person's cédula or a
/// company's number (up to 8 digits) and a check digit, (−Σ digit × weights `2 3 4 …` from the
/// right) mod 11 mod 10. A body of one repeated digit is refused.
pub(crate) fn py_ruc(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(d) = numeric(s, &mut buf) else {
        return Verdict::Invalid;
    };
    let [body @ .., check] = d else {
        return Verdict::Invalid;
    };
    if !(5..=8).contains(&body.len()) || body[0] == b'0' || is_repdigit(body) {
        return Verdict::Invalid;
    }
    let sum: u32 = body.iter().rev().zip(2..).map(|(&b, w)| val(b) * w).sum();
    valid_if(val(*check) == (11 - sum % 11) % 11 % 10)
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

    #[test]
    fn gt_cui_vectors() {
        // Check digits and places computed with the `cui-gt` package (PyPI).
        check(
            gt_cui,
            &[
                ("3491065412203", Valid),
                ("2103503421014", Valid),
                ("6379 56303 1905", Valid),
                ("6379-56303-1905", Valid),
                ("3491065402203", Invalid), // check digit
                ("3491065412303", Invalid), // departamento 23
                ("3491065412218", Invalid), // Santa Rosa has 14 municipios
                ("3491065410003", Invalid), // departamento 00
                ("3491065412200", Invalid), // municipio 00
                ("0000000000101", Invalid), // repdigit serial
                ("349106541220", Invalid),
                ("", Invalid),
            ],
        );
        // Huehuetenango's 33rd municipio (Petatán, 2015): cui-gt stops at 32.
        let mut v = *b"1234567801333";
        v[8] = b'0' + (weighted(&v[..8], &[2, 3, 4, 5, 6, 7, 8, 9]) % 11) as u8;
        assert_eq!(gt_cui(&v), Valid);
    }

    #[test]
    fn sv_dui_vectors() {
        check(
            sv_dui,
            &[
                ("01992045-3", Valid),
                ("38058033-4", Valid),
                ("558608213", Valid),
                ("01992045-4", Invalid),
                ("38058033-0", Invalid),
                ("00000000-0", Invalid),
                ("0199204-3", Invalid),
                ("", Invalid),
            ],
        );
    }

    #[test]
    fn hn_dni_structure() {
        check(
            hn_dni,
            &[
                ("0801-1990-21348", Valid),
                ("1804-2001-00417", Valid),
                ("0801199021348", Valid),
                ("1901-1990-21348", Invalid), // departamento 19
                ("0829-1990-21348", Invalid), // municipio 29
                ("0801-1850-21348", Invalid), // year
                ("0801-1990-00000", Invalid),
                ("0801-1990-2134", Invalid),
                ("", Invalid),
            ],
        );
    }

    #[test]
    fn cr_cedula_vectors() {
        // python-stdnum's cr.cpf accepts the same (3-0455-0175, its example).
        check(
            cr_cedula,
            &[
                ("1-0173-0309", Valid),
                ("3-0455-0175", Valid),
                ("701610395", Valid),
                ("01-0173-0309", Valid),
                ("0-0173-0309", Invalid),
                ("1-0000-0309", Invalid),
                ("1-0173-0000", Invalid),
                ("1-0173-030", Invalid),
                ("", Invalid),
            ],
        );
        check(
            cr_cedula_juridica,
            &[
                ("3-101-292212", Valid),
                ("3-102-456789", Valid),
                ("2-100-042005", Valid),
                ("4-000-042138", Valid),
                ("3-534-123559", Invalid), // type 534
                ("6-101-123456", Invalid), // class 6
                ("3-101-000000", Invalid), // python-stdnum accepts it
                ("3-101-29221", Invalid),
                ("", Invalid),
            ],
        );
    }

    #[test]
    fn pa_cedula_structure() {
        check(
            pa_cedula,
            &[
                ("8-687-1628", Valid),
                ("13-1234-123456", Valid),
                ("PE-12-345", Valid),
                ("E-8-157481", Valid),
                ("N-19-1427", Valid),
                ("8AV-123-4567", Valid),
                ("1PI-12-1234", Valid),
                ("14-687-1628", Invalid), // province 14
                ("0-687-1628", Invalid),
                ("8-12345-1628", Invalid),
                ("8-687-1234567", Invalid),
                ("8-0-1628", Invalid),
                ("X-687-1628", Invalid),
                ("8-687", Invalid),
                ("8-687-1628-1", Invalid),
                // Dates: day or month, month or day, year.
                ("1-12-2024", Invalid),
                ("12-25-1990", Invalid),
                ("8-12-24", Invalid),
                ("8-687-2024", Valid),     // tomo 687 is no month
                ("3-101-292212", Invalid), // a Costa Rican cédula jurídica
                ("3-101-2922", Valid),
                ("", Invalid),
            ],
        );
    }

    #[test]
    fn uy_ci_vectors() {
        // Check digits computed with the `ciuy` package (PyPI), whose own examples are
        // 1.234.567-2 and 456.789-0.
        check(
            uy_ci,
            &[
                ("1.234.567-2", Valid),
                ("456.789-0", Valid),
                ("1.812.962-4", Valid),
                ("2308859-4", Valid),
                ("265.722-3", Valid),
                ("1.234.567-1", Invalid),
                ("1.812.962-5", Invalid),
                ("2308859-0", Invalid),
                ("12.345.678-9", Invalid), // 8-digit body: a Chilean RUN
                ("045.678-9", Invalid),
                ("", Invalid),
            ],
        );
    }

    #[test]
    fn ec_ruc_vectors() {
        // python-stdnum's ec.ruc example (1792060346-001) and numbers it validates.
        check(
            ec_ruc,
            &[
                ("1792060346-001", Valid), // company
                ("1792060346-002", Valid),
                ("1625453269001", Valid), // natural person: cédula + 001
                ("1922940752001", Valid),
                ("0697877959001", Valid),   // company
                ("0362017030001", Valid),   // public entity
                ("1763154690001", Invalid), // stdnum's invalid example
                ("1792060347001", Invalid),
                ("1625453269000", Invalid), // establishment 000
                ("1625453268001", Invalid), // cédula check digit
                ("0697877958001", Invalid),
                ("0362017030000", Invalid),
                ("2561678890001", Invalid), // province 25
                ("1772060346001", Invalid), // third digit 7
                ("179206034601", Invalid),
                ("", Invalid),
            ],
        );
    }

    #[test]
    fn do_rnc_vectors() {
        // python-stdnum's do.rnc examples (1-01-85004-3, 131246796) and numbers it computed.
        check(
            do_rnc,
            &[
                ("1-01-85004-3", Valid),
                ("131246796", Valid),
                ("5-62-24908-9", Valid),
                ("175165611", Valid),
                ("419069788", Valid),
                ("101850042", Invalid),
                ("5-62-24908-8", Invalid),
                ("175165612", Invalid),
                ("1018A0043", Invalid),
                ("00113918205", Invalid), // a cédula: 11 digits
                ("", Invalid),
            ],
        );
    }

    #[test]
    fn sv_nit_vectors() {
        // python-stdnum's sv.nit example (0614-050707-104-8) and numbers it computed.
        check(
            sv_nit,
            &[
                ("0614-050707-104-8", Valid),
                ("1217-240569-368-3", Valid),
                ("06142802694831", Valid),
                ("0614-240774-536-2", Valid),
                ("0614-050707-104-0", Invalid),
                ("1217-240569-368-4", Invalid),
                ("06142802694830", Invalid),
                ("2614-280269-483-1", Invalid), // first digit 2
                ("0614-050707-104", Invalid),
                ("", Invalid),
            ],
        );
        // The old rule (serial up to 100): Σ × 14..2 mod 11 mod 10.
        let mut v = *b"06140507070508";
        let old = weighted(&v[..13], &[14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2]) % 11 % 10;
        v[13] = b'0' + old as u8;
        assert_eq!(sv_nit(&v), Valid);
    }

    #[test]
    fn uy_rut_vectors() {
        // python-stdnum's uy.rut examples (21-100342-001-7, 211406340011) and numbers it computed.
        check(
            uy_rut,
            &[
                ("21-100342-001-7", Valid),
                ("UY 21 140634 001 1", Invalid), // letters are the pattern's business
                ("21 140634 001 1", Valid),
                ("04-592595-001-7", Valid),
                ("029817290018", Valid),
                ("010840640010", Valid),
                ("210303670014", Invalid),
                ("04-592595-001-8", Invalid),
                ("23-592595-001-7", Invalid), // registry 23
                ("045925950027", Invalid),    // not 001
                ("", Invalid),
            ],
        );
    }

    #[test]
    fn gt_nit_vectors() {
        // python-stdnum's gt.nit examples (576937-K, 7108-0, invalid 8977112-0) and numbers it
        // computed.
        check(
            gt_nit,
            &[
                ("576937-K", Valid),
                ("576937-k", Valid),
                ("7108-0", Valid),
                ("61055393-3", Valid),
                ("15654869-0", Valid),
                ("94414294-K", Valid),
                ("3772967-5", Valid),
                ("0061055393-3", Valid), // leading zeros dropped
                ("8977112-0", Invalid),
                ("61055393-4", Invalid),
                ("94414294-1", Invalid),
                ("1111111-1", Invalid),
                ("1234567890123", Invalid),
                ("", Invalid),
            ],
        );
    }

    #[test]
    fn py_ruc_vectors() {
        // python-stdnum's py.ruc examples (80028061-0, 9991603, invalid 800532492) and numbers
        // it computed.
        check(
            py_ruc,
            &[
                ("80028061-0", Valid),
                ("9991603", Valid),
                ("6616832-5", Valid),
                ("3497670-1", Valid),
                ("24151480-0", Valid),
                ("800532492", Invalid),
                ("6616832-4", Invalid),
                ("24151480-1", Invalid),
                ("80123456789", Invalid),
                ("1111111-1", Invalid),
                ("", Invalid),
            ],
        );
    }
}

#[cfg(test)]
mod no_panic {
    use super::Verdict;
    use proptest::prelude::*;

    /// Every validator in this module.
    const ALL: [fn(&[u8]) -> Verdict; 22] = [
        super::ar_cuit,
        super::ar_cbu,
        super::cl_rut,
        super::co_nit,
        super::pe_cui,
        super::br_cpf,
        super::do_cedula,
        super::ve_rif,
        super::ec_cedula,
        super::ec_ruc,
        super::gt_cui,
        super::gt_nit,
        super::sv_dui,
        super::sv_nit,
        super::hn_dni,
        super::cr_cedula,
        super::cr_cedula_juridica,
        super::pa_cedula,
        super::uy_ci,
        super::uy_rut,
        super::py_ruc,
        super::do_rnc,
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

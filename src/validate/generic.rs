//! Generic identifiers: e-mail, phone, IP, MAC, dates of birth.
//!
//! These identifiers have no checksum, so their validators are structural: RFC 5321 lengths and
//! labels for e-mail, numbering-plan rules for NANP, Mexico and Spain, a real parse for IP
//! addresses, separator consistency for MAC addresses, and calendar existence plus plausibility
//! for dates of birth. Their job is to throw out the look-alikes a loose regex finds (asset names
//! such as `icon@2x.png`, version strings, times, sequential digits). Rules and vectors:
//! `IDENTIFIERS.md` §9.1–§9.5. [`parse_date`] is public because the engine also reads dates
//! embedded in other identifiers and near keywords.

use std::time::{SystemTime, UNIX_EPOCH};

use super::{MAX_COMPACT, Verdict, digits_only, is_repdigit};

// ---------------------------------------------------------------------------------------------
// Calendar helpers
// ---------------------------------------------------------------------------------------------

/// Today's civil date (UTC) from the system clock, as (year, month, day).
fn today() -> (i64, u8, u8) {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u8, u8) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The current year.
fn current_year() -> i64 {
    today().0
}

/// Reads a two-digit year with the date-of-birth pivot: above the current two-digit year means
/// 19YY, otherwise 20YY.
pub(crate) fn expand_two_digit_year(yy: u8) -> u16 {
    let current = current_year().rem_euclid(100) as u8;
    if yy > current {
        1900 + u16::from(yy)
    } else {
        2000 + u16::from(yy)
    }
}

/// True for a Gregorian leap year.
fn is_leap(year: u16) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in a month (0 for a month outside 1..=12).
pub(crate) fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

// ---------------------------------------------------------------------------------------------
// E-mail
// ---------------------------------------------------------------------------------------------

/// File extensions that look like a TLD after an `@` in asset names (`icon@2x.png`). Real TLDs
/// that double as extensions (`.py`, `.rs`, `.md`, `.zip`, `.mov`) are not listed.
const FILE_EXTENSIONS: &[&[u8]] = &[
    b"png", b"jpg", b"jpeg", b"gif", b"svg", b"webp", b"avif", b"bmp", b"ico", b"tif", b"tiff",
    b"heic", b"js", b"mjs", b"cjs", b"jsx", b"ts", b"tsx", b"css", b"scss", b"less", b"map",
    b"json", b"xml", b"html", b"htm", b"txt", b"pdf", b"woff", b"woff2", b"ttf", b"otf", b"eot",
];

/// True for the RFC 5322 `atext` characters allowed in a local part (besides `.`).
fn atext(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"!#$%&'*+/=?^_`{|}~-".contains(&c)
}

/// True for a domain label: 1–63 bytes of letters (Unicode allowed for IDN), digits and `-`,
/// not starting or ending with `-`.
fn label_ok(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 63
        && !label.starts_with('-')
        && !label.ends_with('-')
        && label.chars().all(|c| {
            c.is_ascii_alphanumeric() || c == '-' || (!c.is_ascii() && c.is_alphanumeric())
        })
}

/// True for a top-level domain: 2+ ASCII letters (not a file extension), `xn--` punycode, or an
/// IDN label made of letters.
fn tld_ok(tld: &str) -> bool {
    let b = tld.as_bytes();
    if b.len() > 4 && b[..4].eq_ignore_ascii_case(b"xn--") {
        return b[4..]
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || *c == b'-');
    }
    if b.iter().all(u8::is_ascii_alphabetic) {
        return b.len() >= 2 && !FILE_EXTENSIONS.iter().any(|e| e.eq_ignore_ascii_case(b));
    }
    !tld.is_ascii() && tld.chars().all(char::is_alphabetic)
}

/// True for the RFC 2606 / RFC 6761 reserved documentation domains.
fn reserved_domain(domain: &[u8]) -> bool {
    let lower_ends = |suffix: &[u8]| {
        domain.len() >= suffix.len()
            && domain[domain.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
            && (domain.len() == suffix.len() || domain[domain.len() - suffix.len() - 1] == b'.')
    };
    [
        &b"example.com"[..],
        b"example.net",
        b"example.org",
        b"test",
        b"example",
        b"invalid",
        b"localhost",
    ]
    .iter()
    .any(|s| lower_ends(s))
}

/// E-mail address (§9.1): a dot-atom local part of at most 64 characters, a domain of labels
/// (1–63, no leading or trailing hyphen, Unicode allowed) with a real TLD, at most 254 in all.
///
/// A TLD that is a file extension (`icon@2x.png`) or numeric (`pkg@1.2.3`) is `Invalid`.
/// Addresses at the reserved documentation domains (`example.com`, `.test`, `.invalid`, ...)
/// are `TestValue`. The SSH user `git@` of code hosts is `Invalid`.
pub(crate) fn email(s: &[u8]) -> Verdict {
    let s = s.trim_ascii();
    if s.len() > 254 {
        return Verdict::Invalid;
    }
    let Some(at) = s.iter().position(|&c| c == b'@') else {
        return Verdict::Invalid;
    };
    let (local, domain) = (&s[..at], &s[at + 1..]);
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local.iter().all(|&c| atext(c) || c == b'.')
        && local[0] != b'.'
        && local[local.len() - 1] != b'.'
        && !local.windows(2).any(|w| w == b"..");
    if !local_ok || domain.len() > 253 {
        return Verdict::Invalid;
    }
    let Ok(domain_str) = std::str::from_utf8(domain) else {
        return Verdict::Invalid;
    };
    let mut labels = 0;
    let mut last = "";
    for label in domain_str.split('.') {
        if !label_ok(label) {
            return Verdict::Invalid;
        }
        labels += 1;
        last = label;
    }
    if labels < 2 || !tld_ok(last) {
        return Verdict::Invalid;
    }
    // `user@1000.service`, `getty@tty1.service`-like systemd units: a host part of digits only.
    let host = &domain_str[..domain_str.len() - last.len() - 1];
    if host.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Verdict::Invalid;
    }
    // `git@github.com:acme/api.git`: the SSH user of a code host, no one's mailbox.
    if local == b"git" {
        return Verdict::Invalid;
    }
    if reserved_domain(domain) {
        Verdict::TestValue
    } else {
        Verdict::Valid
    }
}

// ---------------------------------------------------------------------------------------------
// Phone
// ---------------------------------------------------------------------------------------------

/// Mexican area-code prefixes in use: the first three national digits of a valid number fall in
/// one of these ranges. Derived at area-code level from libphonenumber's metadata
/// (`phonenumbers` 9.0) by testing every prefix 200–999; 2-digit areas (33, 55, 56, 81) show up
/// as whole 3-digit blocks.
#[rustfmt::skip]
const MX_AREAS: &[(u16, u16)] = &[
    (200, 201), (220, 229), (231, 233), (235, 238), (241, 241), (243, 249), (271, 276),
    (278, 279), (281, 285), (287, 288), (294, 294), (296, 297), (300, 300), (311, 317),
    (319, 319), (321, 339), (341, 349), (351, 359), (371, 378), (381, 389), (391, 395),
    (411, 415), (417, 419), (421, 429), (431, 438), (440, 459), (461, 469), (471, 479),
    (481, 483), (485, 489), (492, 496), (498, 500), (550, 569), (588, 588), (591, 597),
    (599, 599), (612, 616), (618, 618), (621, 629), (631, 639), (641, 649), (651, 653),
    (656, 665), (667, 669), (671, 677), (686, 687), (694, 698), (711, 729), (731, 739),
    (741, 749), (751, 751), (753, 759), (761, 779), (781, 786), (789, 789), (791, 791),
    (797, 797), (800, 800), (810, 819), (821, 821), (823, 826), (828, 829), (831, 836),
    (841, 842), (844, 846), (861, 862), (864, 864), (866, 873), (877, 878), (888, 888),
    (891, 892), (894, 894), (897, 897), (899, 900), (913, 914), (916, 919), (921, 924),
    (932, 934), (936, 938), (951, 951), (953, 954), (958, 958), (960, 969), (971, 972),
    (981, 988), (990, 999),
];

/// The value of some ASCII digits.
fn digits_value(d: &[u8]) -> u32 {
    d.iter().fold(0, |acc, &c| acc * 10 + u32::from(c - b'0'))
}

/// Repdigits and runs such as `1234567890` or `9876543210` (each step ±1, wrapping).
fn placeholder_digits(d: &[u8]) -> bool {
    let up = d.windows(2).all(|w| w[1] == b'0' + (w[0] - b'0' + 1) % 10);
    let down = d.windows(2).all(|w| w[0] == b'0' + (w[1] - b'0' + 1) % 10);
    is_repdigit(d) || up || down
}

/// A Latin American national number written without its country code (§9.2, "Other LatAm"):
/// Chile or Peru mobile, 9 digits from `9`; Ecuador mobile, 10 digits from `09`; Venezuela,
/// 11 digits from `04` (mobile) or `02` (fixed); Argentina, 10 digits from `11` (Buenos Aires)
/// or `15` (the local mobile prefix), or 13 with the trunk `0`, the area code and `15`
/// (`011 15-4418-2207`); Uruguay mobile, 9 digits from `09`. Repdigits and runs are `Invalid`.
pub(crate) fn phone_latam(s: &[u8]) -> Verdict {
    let mut buf = [0u8; MAX_COMPACT];
    let Some(d) = digits_only(s, &mut buf) else {
        return Verdict::Invalid;
    };
    if placeholder_digits(d) || placeholder_digits(&d[d.len().min(3)..]) {
        return Verdict::Invalid;
    }
    let ok = matches!(
        (d.len(), d.first(), d.get(1)),
        (9, Some(b'9'), _)
            // Uruguay's mobiles (099 318 224).
            | (9, Some(b'0'), Some(b'9'))
            | (10, Some(b'0'), Some(b'9'))
            // Argentina's area code and 15 before a mobile (011 15-4418-2207).
            | (13, Some(b'0'), Some(b'1'..=b'9'))
            | (11, Some(b'0'), Some(b'4' | b'2'))
            | (10, Some(b'1'), Some(b'1' | b'5'))
    );
    if ok { Verdict::Valid } else { Verdict::Invalid }
}

/// NANP national number (10 digits): NPA `[2-9][0-8]\d`, not N11, 37X or 96X; NXX `[2-9]\d\d`,
/// not N11; `555-0100`..`555-0199` is fictional (`TestValue`).
fn nanp(d: &[u8]) -> Verdict {
    if d.len() != 10 || placeholder_digits(d) {
        return Verdict::Invalid;
    }
    let npa_ok = matches!(d[0], b'2'..=b'9')
        && d[1] != b'9'
        && &d[1..3] != b"11"
        && &d[..2] != b"37"
        && &d[..2] != b"96";
    let nxx_ok = matches!(d[3], b'2'..=b'9') && &d[4..6] != b"11";
    if !npa_ok || !nxx_ok {
        Verdict::Invalid
    } else if &d[3..6] == b"555" && (100..=199).contains(&digits_value(&d[6..])) {
        Verdict::TestValue
    } else {
        Verdict::Valid
    }
}

/// Mexican national number: exactly 10 digits (so the obsolete `1` after `+52` fails) in an
/// area in use.
fn mexico(d: &[u8]) -> Verdict {
    if d.len() != 10 || placeholder_digits(d) {
        return Verdict::Invalid;
    }
    let area = digits_value(&d[..3]) as u16;
    if MX_AREAS.iter().any(|&(lo, hi)| (lo..=hi).contains(&area)) {
        Verdict::Valid
    } else {
        Verdict::Invalid
    }
}

/// Spanish number: 9 digits; mobile 6 or 7[0-48], UAN 51, fixed 8[1-8] and 9[1-8], freephone,
/// shared-cost and premium 800, 803, 806, 807, 900, 901, 902, 905.
fn spain(d: &[u8]) -> Verdict {
    if d.len() != 9 || placeholder_digits(d) {
        return Verdict::Invalid;
    }
    let ok = matches!(
        (d[0], d[1], d[2]),
        (b'6', _, _)
            | (b'7', b'0'..=b'4' | b'8', _)
            | (b'5', b'1', _)
            | (b'8' | b'9', b'1'..=b'8', _)
            | (b'8', b'0', b'0' | b'3' | b'6' | b'7')
            | (b'9', b'0', b'0' | b'1' | b'2' | b'5')
    );
    if ok { Verdict::Valid } else { Verdict::Invalid }
}

/// A number after its international prefix (`+`, `00` or `011`): country code then national
/// number. +1, +52 and +34 get their national rules; any other country code is accepted on the
/// E.164 length (8–15 digits in all).
fn international(d: &[u8]) -> Verdict {
    match d {
        [b'0', ..] | [] => Verdict::Invalid,
        [b'1', rest @ ..] => nanp(rest),
        // The mobile `1` Mexico dropped in 2019 is still written (`+52 1 55 …`).
        [b'5', b'2', b'1', rest @ ..] if rest.len() == 10 => mexico(rest),
        [b'5', b'2', rest @ ..] => mexico(rest),
        [b'3', b'4', rest @ ..] => spain(rest),
        _ if (8..=15).contains(&d.len()) && !placeholder_digits(&d[1..]) => Verdict::Valid,
        _ => Verdict::Invalid,
    }
}

/// Two-digit ITU country codes; every other code is one digit (1, 7) or three.
const TWO_DIGIT_COUNTRY_CODES: &[&[u8]] = &[
    b"20", b"27", b"30", b"31", b"32", b"33", b"34", b"36", b"39", b"40", b"41", b"43", b"44",
    b"45", b"46", b"47", b"48", b"49", b"51", b"52", b"53", b"54", b"55", b"56", b"57", b"58",
    b"60", b"61", b"62", b"63", b"64", b"65", b"66", b"81", b"82", b"84", b"86", b"90", b"91",
    b"92", b"93", b"94", b"95", b"98",
];

/// Whether the first printed group after an international prefix (`+`, `00`, `011`) can start
/// a number: a lone digit is a whole country code only for 1 and 7, two digits must be a
/// two-digit code or 1/7 and a digit. `0112 3456 7890 188` (the middle of an IBAN) and
/// `002 180 40399102972` (a CLABE) split no country code so. Numbers without such a prefix, and
/// groups of three or more digits, pass.
fn plausible_country_group(printed: &[u8]) -> bool {
    let group = |b: &[u8]| -> usize { b.iter().take_while(|c| c.is_ascii_digit()).count() };
    let rest = match printed.split_first() {
        Some((b'+', rest)) => rest,
        _ => {
            let first = &printed[..group(printed)];
            if let Some(r) = first.strip_prefix(b"011").or(first.strip_prefix(b"00")) {
                if r.is_empty() {
                    // The prefix stands alone (`00 44 20 …`): the next group holds the code.
                    let after = &printed[first.len()..];
                    let skip = after.iter().take_while(|c| !c.is_ascii_digit()).count();
                    &after[skip..]
                } else {
                    &printed[first.len() - r.len()..]
                }
            } else {
                return true;
            }
        }
    };
    let cc = &rest[..group(rest)];
    match cc {
        [a] => matches!(a, b'1' | b'7'),
        [a, _] => matches!(a, b'1' | b'7') || TWO_DIGIT_COUNTRY_CODES.contains(&cc),
        _ => true,
    }
}

/// Four dot-separated groups of one to three digits, each at most 255: the shape of an IPv4
/// address, which a dotted phone number (`91.123.45.67`) shares; the address reading wins.
fn dotted_quad(s: &[u8]) -> bool {
    let mut groups = 0;
    for g in s.split(|&c| c == b'.') {
        let ok = (1..=3).contains(&g.len())
            && g.iter().all(u8::is_ascii_digit)
            && digits_value(g) <= 255;
        if !ok {
            return false;
        }
        groups += 1;
    }
    groups == 4
}

/// Telephone number (§9.2), as printed: digits with spaces, `-`, `.`, `/`, parentheses and an
/// optional leading `+` (or the dial-out prefixes `00` and `011`).
///
/// With a country code: +1 uses the NANP rules, +52 needs exactly 10 national digits in an area
/// in use (so `+52 1 …` is `Invalid`), +34 needs 9 digits in a Spanish range, and any other
/// country is accepted on E.164 length. Without one: 10 digits are NANP when the NANP rules
/// pass and otherwise a Mexican national number; 11 digits starting `1` are NANP with the trunk
/// prefix; 9 digits are Spanish; the obsolete Mexican prefixes `01`, `044` and `045` before 10
/// digits are accepted. Repdigits and sequential runs are `Invalid`; NANP 555-0100..0199 is
/// `TestValue`. A `(0)` trunk marker after a `+` country code is ignored.
pub(crate) fn phone(s: &[u8]) -> Verdict {
    let s = s.trim_ascii();
    if dotted_quad(s) {
        return Verdict::Invalid; // `81.208.23.70` is an IPv4 address in a log, not a phone
    }
    if matches!(s, b"2147483647" | b"4294967295") {
        return Verdict::Invalid; // INT_MAX and UINT_MAX, the sentinels of a log's integer fields
    }
    let (plus, body) = match s.split_first() {
        Some((b'+', rest)) => (true, rest),
        _ => (false, s),
    };
    let mut buf = [0u8; 20];
    let mut n = 0;
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        if plus && body[i..].starts_with(b"(0)") {
            i += 3;
            continue;
        }
        match c {
            b'0'..=b'9' => {
                if n == buf.len() {
                    return Verdict::Invalid;
                }
                buf[n] = c;
                n += 1;
            }
            b' ' | b'-' | b'.' | b'/' | b'(' | b')' => {}
            _ => return Verdict::Invalid,
        }
        i += 1;
    }
    let d = &buf[..n];
    if !plausible_country_group(s) {
        return Verdict::Invalid;
    }
    if plus {
        return international(d);
    }
    if let Some(rest) = d.strip_prefix(b"00").or(d.strip_prefix(b"011")) {
        // Dialled from abroad without a `+` and without a separator, a run of digits is a phone
        // only for the countries whose numbering is checked (`0021804039910297` is a bad CLABE).
        // Groups joined by dashes alone are the shape of codes too (the drug code NDC
        // `00378-1805-77`).
        let code_shaped = body.iter().all(|&b| b.is_ascii_digit() || b == b'-');
        let checked = matches!(rest, [b'1', ..] | [b'5', b'2', ..] | [b'3', b'4', ..]);
        if code_shaped && !checked {
            return Verdict::Invalid;
        }
        return international(rest);
    }
    match d {
        [b'1', rest @ ..] if rest.len() == 10 => nanp(rest),
        [b'0', b'1', rest @ ..] => mexico(rest),
        [b'0', b'4', b'4' | b'5', rest @ ..] => mexico(rest),
        _ if n == 10 => match nanp(d) {
            Verdict::Invalid => mexico(d),
            v => v,
        },
        _ if n == 9 => spain(d),
        _ => Verdict::Invalid,
    }
}

// ---------------------------------------------------------------------------------------------
// IP and MAC
// ---------------------------------------------------------------------------------------------

/// A decimal number without leading zeros (a lone `0` is fine), at most `max`.
fn decimal(s: &[u8], max: u32) -> bool {
    !s.is_empty()
        && s.len() <= 3
        && s.iter().all(u8::is_ascii_digit)
        && !(s.len() > 1 && s[0] == b'0')
        && digits_value(s) <= max
}

/// IPv4 address (§9.3): four octets 0–255 without leading zeros, optional `/0`–`/32`.
/// Private and reserved ranges are valid here (the engine flags them). The octets may be
/// joined by dashes instead of dots, as host names write them (`ip-10-0-2-47`).
/// A network address (last octet 0 without a prefix length: `0.0.0.0`, or a version such as
/// `8.10.190.0`, `1.0.18.0`, which has the same shape; or a prefix whose host bits are zero,
/// `10.0.0.0/8`) is `Weak`: it names no host, so it needs an IP word nearby to be reported.
pub(crate) fn ipv4(s: &[u8]) -> Verdict {
    let s = s.trim_ascii();
    let (addr, prefix) = match s.iter().position(|&c| c == b'/') {
        Some(p) => (&s[..p], Some(&s[p + 1..])),
        None => (s, None),
    };
    if prefix.is_some_and(|p| !decimal(p, 32)) {
        return Verdict::Invalid;
    }
    let sep = if prefix.is_none() && !addr.contains(&b'.') {
        b'-'
    } else {
        b'.'
    };
    let mut parts = 0;
    let mut value = 0u32;
    for octet in addr.split(|&c| c == sep) {
        parts += 1;
        if parts > 4 || !decimal(octet, 255) {
            return Verdict::Invalid;
        }
        value = value << 8 | digits_value(octet);
    }
    // A netmask (255.255.255.0, 255.255.240.0): ones then zeros, below the broadcast address.
    let netmask =
        value >> 24 == 255 && value != u32::MAX && (!value).wrapping_add(1).is_power_of_two();
    // A network: a prefix whose host bits are all zero (`10.0.0.0/8`, `172.16.0.0/12`).
    let network = prefix.is_some_and(|p| {
        let len = digits_value(p);
        len < 32 && value & (u32::MAX >> len) == 0
    });
    // The unspecified address is no one's asset.
    if parts != 4 || netmask || value == 0 {
        Verdict::Invalid
    } else if (prefix.is_none() && value & 0xff == 0) || network {
        Verdict::Weak
    } else {
        Verdict::Valid
    }
}

/// IPv6 address (§9.3), parsed by `std::net::Ipv6Addr` after removing an optional `%zone` and
/// `/0`–`/128` prefix. At least two colons are required; the unspecified address `::` and
/// forms with fewer than two written groups (`d::`, from C++ `std::`-like text) are `Invalid`,
/// except the loopback `::1` and a network with a prefix length (`fe80::/10`).
pub(crate) fn ipv6(s: &[u8]) -> Verdict {
    let s = s.trim_ascii();
    let (rest, prefix) = match s.iter().rposition(|&c| c == b'/') {
        Some(p) => (&s[..p], Some(&s[p + 1..])),
        None => (s, None),
    };
    if prefix.is_some_and(|p| !decimal(p, 128)) {
        return Verdict::Invalid;
    }
    let addr = match rest.iter().position(|&c| c == b'%') {
        Some(p) => {
            let zone = &rest[p + 1..];
            if zone.is_empty()
                || !zone
                    .iter()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
            {
                return Verdict::Invalid;
            }
            &rest[..p]
        }
        None => rest,
    };
    if addr.iter().filter(|&&c| c == b':').count() < 2 {
        return Verdict::Invalid;
    }
    let Ok(text) = std::str::from_utf8(addr) else {
        return Verdict::Invalid;
    };
    let Ok(ip) = text.parse::<std::net::Ipv6Addr>() else {
        return Verdict::Invalid;
    };
    let groups = text.split(':').filter(|g| !g.is_empty()).count();
    if ip.is_unspecified() || (groups < 2 && prefix.is_none() && !ip.is_loopback()) {
        return Verdict::Invalid;
    }
    // Eight two-digit groups (`04:47:19:02:11:8a:2b:3c`) are bytes in hex, a serial number or
    // a fingerprint, as IPv6 is written without leading zeros.
    if text.split(':').all(|g| g.len() == 2) {
        return Verdict::Invalid;
    }
    Verdict::Valid
}

/// MAC address (§9.4): six hex octets with one consistent separator (`:` or `-`), the Cisco
/// dotted form `xxxx.xxxx.xxxx`, or 12 contiguous hex digits. All-zero and broadcast addresses
/// are `Invalid`.
pub(crate) fn mac(s: &[u8]) -> Verdict {
    let s = s.trim_ascii();
    // A netfilter `MAC=` field: destination and source addresses, then a 2-byte EtherType.
    if s.len() == 41 && matches!(s[2], b':') {
        return match (mac(&s[..17]), mac(&s[18..35])) {
            (Verdict::Valid, _) | (_, Verdict::Valid) if s[17] == b':' && s[35] == b':' => {
                Verdict::Valid
            }
            _ => Verdict::Invalid,
        };
    }
    let seps: &[usize] = match s.len() {
        17 if matches!(s[2], b':' | b'-') => &[2, 5, 8, 11, 14],
        14 if s[4] == b'.' => &[4, 9],
        12 => &[],
        _ => return Verdict::Invalid,
    };
    let sep = seps.first().map(|&i| s[i]);
    let mut hex = [0u8; 12];
    let mut n = 0;
    for (i, &c) in s.iter().enumerate() {
        if seps.contains(&i) {
            if Some(c) != sep {
                return Verdict::Invalid;
            }
        } else if c.is_ascii_hexdigit() && n < 12 {
            hex[n] = c.to_ascii_uppercase();
            n += 1;
        } else {
            return Verdict::Invalid;
        }
    }
    if n != 12 || hex.iter().all(|&c| c == b'0') || hex.iter().all(|&c| c == b'F') {
        return Verdict::Invalid;
    }
    Verdict::Valid
}

// ---------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------

/// A calendar date read from text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateParts {
    /// Four-digit year.
    pub year: u16,
    /// Month, 1..=12.
    pub month: u8,
    /// Day of month, 1..=31 (checked against the month's length).
    pub day: u8,
}

/// A date token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    /// A digit run: value, digit count, whether an ordinal suffix followed (`1º`, `12th`).
    Num { v: u16, len: u8, ordinal: bool },
    /// A month name or abbreviation (EN or ES).
    Month(u8),
    /// A Roman-numeral month (`IV`).
    Roman(u8),
}

/// Month names and abbreviations, EN and ES, accent-folded and lower case.
const MONTHS: &[(&[u8], u8)] = &[
    (b"january", 1),
    (b"february", 2),
    (b"march", 3),
    (b"april", 4),
    (b"may", 5),
    (b"june", 6),
    (b"july", 7),
    (b"august", 8),
    (b"september", 9),
    (b"october", 10),
    (b"november", 11),
    (b"december", 12),
    (b"jan", 1),
    (b"feb", 2),
    (b"mar", 3),
    (b"apr", 4),
    (b"jun", 6),
    (b"jul", 7),
    (b"aug", 8),
    (b"sep", 9),
    (b"sept", 9),
    (b"oct", 10),
    (b"nov", 11),
    (b"dec", 12),
    (b"enero", 1),
    (b"febrero", 2),
    (b"marzo", 3),
    (b"abril", 4),
    (b"mayo", 5),
    (b"junio", 6),
    (b"julio", 7),
    (b"agosto", 8),
    (b"septiembre", 9),
    (b"setiembre", 9),
    (b"octubre", 10),
    (b"noviembre", 11),
    (b"diciembre", 12),
    (b"ene", 1),
    (b"abr", 4),
    (b"ago", 8),
    (b"set", 9),
    (b"dic", 12),
];

/// Roman-numeral months.
const ROMAN: [&[u8]; 12] = [
    b"i", b"ii", b"iii", b"iv", b"v", b"vi", b"vii", b"viii", b"ix", b"x", b"xi", b"xii",
];

/// Ordinal suffixes after a day number: English, and the Spanish `1o`/`1ro` written without `º`.
const ORDINALS: &[&[u8]] = &[b"st", b"nd", b"rd", b"th", b"o", b"ro"];

/// Folds one character of a word starting at `s[0]` to a lower-case ASCII letter: ASCII letters
/// lower-cased, the Latin-1 accented vowels and `ñ` (as UTF-8) stripped of their accent.
/// Returns the letter and the bytes consumed, or `None` for anything else.
fn fold_letter(s: &[u8]) -> Option<(u8, usize)> {
    match *s {
        [c, ..] if c.is_ascii_alphabetic() => Some((c.to_ascii_lowercase(), 1)),
        [0xC3, c, ..] => {
            let base = match c | 0x20 {
                0xA1 => b'a',
                0xA9 => b'e',
                0xAD => b'i',
                0xB3 => b'o',
                0xBA | 0xBC => b'u',
                0xB1 => b'n',
                _ => return None,
            };
            Some((base, 2))
        }
        _ => None,
    }
}

/// True for the ordinal indicators `º` and `ª` and the degree sign `°` (UTF-8), often typed for
/// `º`.
fn ordinal_sign(s: &[u8]) -> bool {
    matches!(s, [0xC2, 0xBA | 0xAA | 0xB0, ..])
}

/// The gap code of ` / ` (a slash with a space on each side); any code but a plain separator
/// byte would do.
const SPACED_SLASH: u8 = 0x80;

/// Splits a date into at most three tokens. `gaps[i]` is the separator before token `i` when it
/// is exactly one of `/ - . space` (or [`SPACED_SLASH`]), or 0 for anything else (a word such
/// as `de`, a comma).
fn tokenize(s: &[u8]) -> Option<([Tok; 3], [u8; 3], usize)> {
    let mut toks = [Tok::Month(0); 3];
    let mut gaps = [0u8; 3];
    let mut nt = 0;
    let (mut gap_len, mut gap_char) = (0usize, 0u8);
    let mut i = 0;
    let mut push = |t: Tok, gap: u8, nt: &mut usize| -> Option<()> {
        if *nt == 3 {
            return None;
        }
        toks[*nt] = t;
        gaps[*nt] = gap;
        *nt += 1;
        Some(())
    };
    while i < s.len() {
        let c = s[i];
        if c.is_ascii_digit() {
            let start = i;
            while i < s.len() && s[i].is_ascii_digit() {
                i += 1;
            }
            let len = i - start;
            if len > 4 {
                return None;
            }
            let v = digits_value(&s[start..i]) as u16;
            let mut ordinal = false;
            if ordinal_sign(&s[i..]) {
                ordinal = true;
                i += 2;
            } else if i < s.len() && s[i].is_ascii_alphabetic() {
                let w = i;
                while i < s.len() && s[i].is_ascii_alphabetic() {
                    i += 1;
                }
                if !ORDINALS.iter().any(|o| o.eq_ignore_ascii_case(&s[w..i])) {
                    return None;
                }
                ordinal = true;
            }
            let gap = match (gap_len, gap_char) {
                (0, SPACED_SLASH) | (1, _) => gap_char,
                _ => 0,
            };
            push(
                Tok::Num {
                    v,
                    len: len as u8,
                    ordinal,
                },
                gap,
                &mut nt,
            )?;
            (gap_len, gap_char) = (0, 0);
        } else if let Some((_, _)) = fold_letter(&s[i..]) {
            let mut word = [0u8; 12];
            let mut wl = 0;
            while let Some((l, used)) = fold_letter(&s[i..]) {
                if wl == word.len() {
                    return None;
                }
                word[wl] = l;
                wl += 1;
                i += used;
            }
            let word = &word[..wl];
            let tok = if matches!(word, b"de" | b"del" | b"of" | b"the") {
                gap_len += 2; // a word in the gap: not a plain one-character separator
                continue;
            } else if word == b"primero" {
                Tok::Num {
                    v: 1,
                    len: 1,
                    ordinal: true,
                }
            } else if let Some(&(_, m)) = MONTHS.iter().find(|(name, _)| *name == word) {
                Tok::Month(m)
            } else if let Some(r) = ROMAN.iter().position(|r| *r == word) {
                Tok::Roman(r as u8 + 1)
            } else {
                return None;
            };
            let gap = if gap_len == 1 { gap_char } else { 0 };
            push(tok, gap, &mut nt)?;
            (gap_len, gap_char) = (0, 0);
        } else if matches!(c, b' ' | b'\t' | b'/' | b'-' | b'.' | b',') {
            gap_len += 1;
            gap_char = c;
            i += 1;
            // A slash with one space on each side (`07 / 02 / 1986`, as forms are typed and
            // OCR reads them) is one separator of its own kind, so it must be used twice.
            if c == b'/' && gap_len == 2 && s[i - 2] == b' ' && s.get(i) == Some(&b' ') {
                gap_len = 0;
                gap_char = SPACED_SLASH;
                i += 1;
            }
        } else {
            return None;
        }
    }
    Some((toks, gaps, nt))
}

/// Builds a date when it exists.
fn ymd(year: u16, month: u16, day: u16) -> Option<DateParts> {
    let month = u8::try_from(month).ok()?;
    let day = u8::try_from(day).ok()?;
    (day >= 1 && day <= days_in_month(year, month)).then_some(DateParts { year, month, day })
}

/// A year token: four digits (1000 or later) or two digits with the pivot.
fn year_of(v: u16, len: u8) -> Option<u16> {
    match len {
        4 if v >= 1000 => Some(v),
        2 => Some(expand_two_digit_year(v as u8)),
        _ => None,
    }
}

/// Parses an EN or ES date, numeric or textual (§9.5), and returns it only if it exists.
///
/// Numeric forms need the same single separator (`/`, `-`, `.` or space) twice: `1985-04-12`
/// (year first), and `04/12/1985` or `12.04.85` with the year last. **Ambiguous day/month
/// order:** the day-first reading (ES, LatAm, UK) is preferred whenever it is a real date;
/// the month-first (US) reading is used only when day-first is impossible (`12/31/1985`).
/// Textual forms: `12 de abril de 1985`, `12 de abril del 1985`, `1º de mayo de 1985`,
/// `primero de mayo de 1985`, `12 abril 1985`, `12-abr-1985`, `April 12, 1985`,
/// `Apr. 12, 1985`, `12th of April, 1985`, `1985-Apr-12`, and Roman-numeral months
/// (`12/IV/1985`). Month names are matched case- and accent-insensitively. Two-digit years
/// use the pivot: above the current two-digit year means 19YY, otherwise 20YY. A date without a
/// year is `None`. Eight digits with no separator are read as `YYYYMMDD` only (`19790314`,
/// as databases export a birth date).
pub fn parse_date(s: &[u8]) -> Option<DateParts> {
    let s = s.trim_ascii();
    if s.len() == 8 && s.iter().all(u8::is_ascii_digit) {
        // Four digits at most: each part fits a u16.
        let n = |r: std::ops::Range<usize>| digits_value(&s[r]) as u16;
        return ymd(year_of(n(0..4), 4)?, n(4..6), n(6..8));
    }
    let (toks, gaps, nt) = tokenize(s)?;
    if nt != 3 {
        return None;
    }
    use Tok::{Month, Num, Roman};
    match toks {
        [
            Num {
                v: a,
                len: la,
                ordinal: false,
            },
            Num {
                v: b,
                len: lb,
                ordinal: false,
            },
            Num {
                v: c,
                len: lc,
                ordinal: false,
            },
        ] => {
            if gaps[1] == 0 || gaps[1] != gaps[2] || lb > 2 {
                return None;
            }
            if la == 4 {
                return if lc <= 2 {
                    ymd(year_of(a, la)?, b, c)
                } else {
                    None
                };
            }
            if la > 2 {
                return None;
            }
            let year = year_of(c, lc)?;
            ymd(year, b, a).or_else(|| ymd(year, a, b))
        }
        [
            Num { v: d, len: ld, .. },
            Month(m) | Roman(m),
            Num {
                v: y,
                len: ly,
                ordinal: false,
            },
        ] if ld <= 2 => ymd(year_of(y, ly)?, u16::from(m), d),
        [
            Month(m),
            Num { v: d, len: ld, .. },
            Num {
                v: y,
                len: ly,
                ordinal: false,
            },
        ] if ld <= 2 => ymd(year_of(y, ly)?, u16::from(m), d),
        [
            Num {
                v: y,
                len: 4,
                ordinal: false,
            },
            Month(m),
            Num { v: d, len: ld, .. },
        ] if ld <= 2 => ymd(year_of(y, 4)?, u16::from(m), d),
        _ => None,
    }
}

/// A date of birth (§9.5): [`parse_date`] plus plausibility: the year is within the last 120
/// years and the date is not in the future (today from the system clock, UTC).
pub(crate) fn birth_date(s: &[u8]) -> Verdict {
    let Some(d) = parse_date(s) else {
        return Verdict::Invalid;
    };
    let (ty, tm, td) = today();
    let year = i64::from(d.year);
    if year < ty - 120 || (year, d.month, d.day) > (ty, tm, td) {
        return Verdict::Invalid;
    }
    Verdict::Valid
}

#[cfg(test)]
mod tests {
    use super::*;
    use Verdict::{Invalid, TestValue, Valid, Weak};

    use crate::validate::check_all as all;

    fn date(y: u16, m: u8, d: u8) -> Option<DateParts> {
        Some(DateParts {
            year: y,
            month: m,
            day: d,
        })
    }

    #[test]
    fn civil_calendar() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert!(current_year() >= 2025);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(2023, 13), 0);
    }

    #[test]
    fn email_spec_vectors() {
        // The spec's valid vectors use reserved example domains: accepted, flagged as test data.
        all(
            email,
            &["maria.lopez@example.com", "j_smith+news@mail.example.org"],
            TestValue,
        );
        assert_eq!(email(b"ana@correo.com.mx"), Valid);
        all(
            email,
            &["maria.lopez@", "john..doe@example.com", "foo@bar"],
            Invalid,
        );
    }

    #[test]
    fn email_rules() {
        all(
            email,
            &[
                "o'brien@mail.ie",
                "x@xn--80ak6aa92e.com",
                "user@xn--e1afmkfd.xn--p1ai",
            ],
            Valid,
        );
        assert_eq!(email("ana@correo.españa.es".as_bytes()), Valid);
        assert_eq!(email("ana@пример.рф".as_bytes()), Valid);
        assert_eq!(email(b"a@b.test"), TestValue);
        assert_eq!(email(b"a@notexample.com"), Valid);
        all(
            email,
            &[
                "icon@2x.png",
                "logo@3x.JPG",
                "pkg@1.2.3",
                "lodash@4.17.21",
                ".ana@correo.com",
                "ana.@correo.com",
                "ana@-correo.com",
                "ana@correo-.com",
                "ana@correo..com",
                "ana@correo.c",
                "a@b@c.com",
                "ana lopez@correo.com",
                "@correo.com",
                "ana@.com",
                "ana@correo.com.",
                "ana@correo.c0m",
            ],
            Invalid,
        );
        let long_local = format!("{}@correo.com", "a".repeat(65));
        assert_eq!(email(long_local.as_bytes()), Invalid);
        let long_label = format!("ana@{}.com", "a".repeat(64));
        assert_eq!(email(long_label.as_bytes()), Invalid);
        let too_long = format!("ana@{}com", "abcdefghi.".repeat(25));
        assert_eq!(email(too_long.as_bytes()), Invalid);
        assert_eq!(email(b"ana@correo.\xff\xfe"), Invalid);
    }

    #[test]
    fn phone_spec_vectors() {
        // libphonenumber vectors: +1 201-555-0123 is valid there and in the fictional block.
        assert_eq!(phone(b"+1 201-555-0123"), TestValue);
        all(phone, &["+52 55 1234 5678", "+34 612 34 56 78"], Valid);
        all(
            phone,
            &["+1 123-456-7890", "+52 55 1234 567", "+34 412 345 678"],
            Invalid,
        );
        // IDENTIFIERS.md lists `+52 1 55 1234 5678` as invalid for libphonenumber, and says the
        // obsolete mobile `1` still appears in text and should be normalised away: it is a
        // real number written the old way, so a detector takes it (its sequential tail aside).
        assert_eq!(phone(b"+52 1 55 2345 6789"), Valid);
        // Own NANP rules.
        assert_eq!(phone(b"(212) 555-0123"), TestValue);
        all(phone, &["1-415-867-5309", "646 201 3344"], Valid);
        all(
            phone,
            &["(123) 456-7890", "(911) 555-0123", "212-011-4567"],
            Invalid,
        );
    }

    #[test]
    fn latam_national_phones() {
        all(
            phone_latam,
            &[
                "9 8765 4312",
                "099 284 6173",
                "0414-283-4567",
                "0212-555-1234",
                "11 4729-8351",
                "15 4729-8351",
                "098 412 377",
                "011 15-4729-8351",
                "0351 15-472-9835",
            ],
            Valid,
        );
        all(
            phone_latam,
            &[
                "8 8765 4312",
                "099 123 456",
                "0314-123-4567",
                "12 4567-8901",
                "9 9999 9999",
                "99 123 4567",
                "001 15-4729-8351",
            ],
            Invalid,
        );
    }

    #[test]
    fn phone_never_takes_an_ipv4_address() {
        all(
            phone,
            &["81.208.23.70", "91.123.45.67", "2147483647", "4294967295"],
            Invalid,
        );
        all(
            phone,
            &["612.345.678", "91 123 45 67", "212.555.0234"],
            Valid,
        );
    }

    #[test]
    fn phone_forms() {
        all(
            phone,
            &[
                "212.555.0234",
                "+1 (415) 867-5309",
                "011 1 415 867 5309",
                "55 1234 5678",
                "(55) 1234-5678",
                "222 123 4567",
                "01 55 1234 5678",
                "044 55 1234 5678",
                "0034 612 345 678",
                "612 345 678",
                "91 123 45 67",
                "+34 912 345 678",
                "+34 900 123 456",
                "+34 782 345 678",
                "+44 20 7946 0958",
                "+44 (0)20 7946 0958",
                "+54 9 11 2345 6789",
                "0049 30 1234567",
                "+593 99 123 4567",
                "00 44 20 7946 0958",
                "+7 495 123 4567",
                "+52 1 55 2345 6789",
                "+521 55 2345 6789",
                "0034612345678",
                "0034-612-345-678",
            ],
            Valid,
        );
        all(phone, &["+1 800 555 0199", "800-555-0100"], TestValue);
        all(
            phone,
            &[
                "1234567890",
                "+1 234 567 8901",
                "(222) 222-2222",
                "9876543210",
                "+52 911 555 0123",
                "+34 512 3",
                "512 345 67",
                "+34 752 345 678",
                "+34 792 345 678",
                "+34 0612 345 678",
                "+0 123 456 789",
                "+49 1234",
                "+49 1234 5678 9012 3456",
                "555-0123",
                "212-555-0123 ext 4",
                "(370) 555-1234",
                "+1 960 555 1234",
                "(290) 555-1234",
                "",
                "+",
                "0112 3456 7890 188",
                "002 180 40399102972",
                "+2 180 4039 9102",
                "+38 123 456 789",
                "0021804039910297",
                "00378-1805-77",
            ],
            Invalid,
        );
    }

    #[test]
    fn ip_spec_vectors() {
        assert_eq!(ipv4(b"192.168.1.20"), Valid);
        all(ipv6, &["2001:db8::8a2e:370:7334", "::ffff:10.0.0.1"], Valid);
        all(ipv4, &["256.1.1.1", "1.2.3"], Invalid);
        assert_eq!(ipv6(b"2001:db8:::1"), Invalid);
    }

    #[test]
    fn ipv4_rules() {
        all(
            ipv4,
            &[
                "8.10.190.0",
                "10.20.30.0",
                "10-0-2-0",
                "10.0.0.0/8",
                "172.16.0.0/12",
            ],
            Weak,
        );
        all(
            ipv4,
            &["10.0.0.1", "255.255.255.255", "10.1.2.3/24", "1.2.3.4/0"],
            Valid,
        );
        all(
            ipv4,
            &[
                "010.1.1.1",
                "1.2.3.4.5",
                "0.0.0.0",
                "0.0.0.0/0",
                "1.2.3.4/33",
                "1.2.3.4/08",
                "1.2.3.4/",
                "1..3.4",
                "1.2.3.-4",
                "1.2.3.1000",
                "1.3.6.1.2.1",
                "a.b.c.d",
                "255.255.255.0",
                "255.255.240.0",
                "255.0.0.0",
            ],
            Invalid,
        );
        all(
            ipv4,
            &["255.255.255.255", "255.1.2.3", "254.255.255.1"],
            Valid,
        );
        // Dashes, as in host names (`ip-10-0-2-47`): the same octet rules.
        all(ipv4, &["10-0-2-47", "172-31-18-201"], Valid);
        all(
            ipv4,
            &[
                "10-0-2-470",
                "1-2-3",
                "10-0.2-47",
                "010-0-2-47",
                "10-0-2-47/8",
            ],
            Invalid,
        );
    }

    #[test]
    fn ipv6_rules() {
        all(
            ipv6,
            &[
                "::1",
                "fe80::1%eth0",
                "fe80::1%eth0/64",
                "fe80::/10",
                "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
                "2001:DB8::1/128",
            ],
            Valid,
        );
        all(
            ipv6,
            &[
                "::",
                "12:34:56",
                "d::",
                "a:b",
                "2001:db8::1/129",
                "fe80::1%",
                "fe80::1%et h0",
                "2001:db8::g",
                "1:2:3:4:5:6:7:8:9",
                "04:47:19:02:11:8a:2b:3c",
                "\u{ff}::1",
            ],
            Invalid,
        );
    }

    #[test]
    fn mac_spec_vectors() {
        all(
            mac,
            &["00:1A:2B:3C:4D:5E", "00-1a-2b-3c-4d-5e", "001A.2B3C.4D5E"],
            Valid,
        );
        all(
            mac,
            &["00:1A:2B:3C:4D", "00:1A-2B:3C:4D:5E", "FF:FF:FF:FF:FF:FF"],
            Invalid,
        );
    }

    #[test]
    fn mac_rules() {
        assert_eq!(mac(b"001a2b3c4d5e"), Valid);
        all(
            mac,
            &[
                "00:00:00:00:00:00",
                "ff-ff-ff-ff-ff-ff",
                "000000000000",
                "00.1A.2B.3C.4D.5E",
                "001A:2B3C:4D5E",
                "00:1A:2B:3C:4D:5G",
                "00:1A:2B:3C:4D:5E:6F",
                "001A.2B3C-4D5E",
            ],
            Invalid,
        );
    }

    #[test]
    fn date_spec_vectors() {
        // Day-first for numeric.
        assert_eq!(parse_date(b"04/12/1985"), date(1985, 12, 4));
        assert_eq!(parse_date(b"1985-04-12"), date(1985, 4, 12));
        assert_eq!(
            parse_date("12 de abril de 1985".as_bytes()),
            date(1985, 4, 12)
        );
        assert_eq!(parse_date(b"April 12, 1985"), date(1985, 4, 12));
        for bad in ["31/02/1985", "1985-13-01", "32 de enero de 1990"] {
            assert_eq!(parse_date(bad.as_bytes()), None, "{bad}");
        }
        all(
            birth_date,
            &[
                "04/12/1985",
                "1985-04-12",
                "12 de abril de 1985",
                "April 12, 1985",
            ],
            Valid,
        );
        all(
            birth_date,
            &["31/02/1985", "1985-13-01", "32 de enero de 1990"],
            Invalid,
        );
    }

    #[test]
    fn date_forms() {
        let apr12 = date(1985, 4, 12);
        for s in [
            "12.04.1985",
            "12-04-1985",
            "12 04 1985",
            "12/04/85",
            "12 de abril del 1985",
            "12 abril 1985",
            "12-abr-1985",
            "12/abr/1985",
            "Apr. 12, 1985",
            "apr 12 1985",
            "12 April 1985",
            "12th of April, 1985",
            "12-Apr-1985",
            "12/IV/1985",
            "12-iv-85",
            "12 DE ABRIL DE 1985",
            "1985/04/12",
            "1985-Apr-12",
            "  12 April 1985. ",
        ] {
            assert_eq!(parse_date(s.as_bytes()), apr12, "{s}");
        }
        let may1 = date(1985, 5, 1);
        for s in [
            "1º de mayo de 1985",
            "1o de mayo de 1985",
            "1ro de mayo de 1985",
            "primero de mayo de 1985",
            "Primero de Mayo de 1985",
            "1ª de mayo de 1985",
            "1st of May, 1985",
            "May 1st, 1985",
            "1 may 1985",
        ] {
            assert_eq!(parse_date(s.as_bytes()), may1, "{s}");
        }
        for s in [
            "15 de septiembre de 1990",
            "15 de setiembre de 1990",
            "15-sept-1990",
            "15 set 1990",
            "Sept. 15, 1990",
            "15/IX/1990",
            "15 SEPTIEMBRE 1990",
        ] {
            assert_eq!(parse_date(s.as_bytes()), date(1990, 9, 15), "{s}");
        }
        // Accented input is folded (none of the month names need it, but text may carry it).
        assert_eq!(
            parse_date("3 de agósto de 2001".as_bytes()),
            date(2001, 8, 3)
        );
        assert_eq!(parse_date(b"20 dic 1999"), date(1999, 12, 20));
        assert_eq!(parse_date(b"1 ene 2000"), date(2000, 1, 1));
        // Forms typed or OCR-read with a space around each slash.
        assert_eq!(parse_date(b"07 / 02 / 1986"), date(1986, 2, 7));
        assert_eq!(parse_date(b"03 / 30 / 1975"), date(1975, 3, 30));
    }

    #[test]
    fn date_ambiguity_and_calendar() {
        // Both readings exist: day-first wins. Only month-first exists: month-first.
        assert_eq!(parse_date(b"05/06/1990"), date(1990, 6, 5));
        assert_eq!(parse_date(b"12/31/1985"), date(1985, 12, 31));
        assert_eq!(parse_date(b"29/02/2000"), date(2000, 2, 29));
        assert_eq!(parse_date(b"29/02/1900"), None);
        assert_eq!(parse_date(b"29 Feb 1996"), date(1996, 2, 29));
        assert_eq!(parse_date(b"29 Feb 1997"), None);
        assert_eq!(parse_date(b"31 de abril de 1985"), None);
        assert_eq!(parse_date(b"00/12/1985"), None);
        assert_eq!(parse_date(b"12/00/1985"), None);
    }

    #[test]
    fn date_two_digit_year_pivot() {
        let yy = (current_year() % 100) as u16;
        let next = (yy + 1) % 100;
        assert_eq!(
            parse_date(format!("01/01/{yy:02}").as_bytes()),
            date(2000 + yy, 1, 1)
        );
        if next != 0 {
            assert_eq!(
                parse_date(format!("01/01/{next:02}").as_bytes()),
                date(1900 + next, 1, 1)
            );
        }
        assert_eq!(parse_date(b"12/04/85"), date(1985, 4, 12));
    }

    #[test]
    fn date_rejects() {
        for s in [
            "12/04-1985",
            "12/04/198",
            "12/04/19850",
            "123/04/1985",
            "1985-04-123",
            "12 de abril",
            "1o de mayo",
            "April 1985",
            "12 foo 1985",
            "12abril1985",
            "1.2.3",
            "v1.2.2020x",
            "12/04/1985/01",
            "12 / 04/1985", // a spaced slash is its own separator: not mixed with a plain one
            "12 /04 /1985",
            "12  /  04  /  1985",
            "12/XIII/1985",
            "IV/12/1985",
            "12xx of April, 1985",
            "0985-04-12",
            "",
            "\u{ff}\u{fe}",
        ] {
            assert_eq!(parse_date(s.as_bytes()), None, "{s}");
        }
        assert_eq!(parse_date(b"\xff12/04/1985"), None);
    }

    #[test]
    fn birth_date_plausibility() {
        let (y, _, _) = today();
        all(birth_date, &["1 de enero de 1970"], Valid);
        all(birth_date, &["19790314", "20000229"], Valid);
        all(
            birth_date,
            &["19791314", "19790230", "19790300", "21990101", "1979031"],
            Invalid,
        );
        let future = format!("01/01/{}", y + 1);
        let too_old = format!("01/01/{}", y - 121);
        let ancient = "12 April 1066".to_string();
        for s in [future, too_old, ancient] {
            assert_eq!(birth_date(s.as_bytes()), Invalid, "{s}");
        }
        let recent = format!("01/01/{}", y - 120);
        assert_eq!(birth_date(recent.as_bytes()), Valid);
    }
}

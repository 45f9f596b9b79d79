//! Findings as reported: positions, category, confidence, a masked rendering and a keyed
//! fingerprint. Nothing here keeps a raw value unless the user asked (`--show-values`).
//!
//! The fingerprint is HMAC-SHA-256 over the category and the normalised value (separators and
//! case removed), keyed by `--key-file` / `TACHA_KEY` or by a random per-run key. Equal values
//! get equal fingerprints within a key, so analysts can correlate events without seeing them;
//! an unkeyed hash of a nine-digit SSN could be reversed by enumeration, a keyed one cannot.

use std::fmt;
use std::sync::Arc;

use hmac::{Hmac, KeyInit, Mac};
use serde::{Serialize, Serializer};
use sha2::Sha256;

use crate::catalog::Category;

/// The key for fingerprints and `hash`-style redaction.
#[derive(Clone)]
pub struct Fingerprinter {
    mac: Hmac<Sha256>,
}

impl std::fmt::Debug for Fingerprinter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Fingerprinter(<key>)")
    }
}

impl Fingerprinter {
    /// A fingerprinter with the given secret key.
    pub fn new(key: &[u8]) -> Fingerprinter {
        // HMAC accepts keys of any length.
        let mac =
            <Hmac<Sha256> as KeyInit>::new_from_slice(key).expect("HMAC takes any key length");
        Fingerprinter { mac }
    }

    /// A fingerprinter with a fresh random key (fingerprints then correlate only within a run).
    pub fn random() -> Fingerprinter {
        let mut key = [0u8; 32];
        // The OS RNG failing is not recoverable in a meaningful way; fall back to time+pid so
        // the tool still runs (fingerprints stay keyed, just with a weaker key).
        if getrandom::fill(&mut key).is_err() {
            let t = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or(0);
            key[..16].copy_from_slice(&t.to_le_bytes());
            key[16..20].copy_from_slice(&std::process::id().to_le_bytes());
        }
        Fingerprinter::new(&key)
    }

    /// The raw 32-byte keyed digest of a value of a category.
    pub fn digest(&self, category: Category, value: &[u8]) -> [u8; 32] {
        let mut mac = self.mac.clone();
        mac.update(category.name().as_bytes());
        mac.update(b":");
        let mut buf = [0u8; 64];
        let mut n = 0;
        let mut feed = |b: u8| {
            buf[n] = b;
            n += 1;
            if n == buf.len() {
                mac.update(&buf);
                n = 0;
            }
        };
        for &b in normalise_for(category, value) {
            match category {
                Category::Credential | Category::PersonName | Category::StreetAddress => feed(b),
                Category::Email => feed(b.to_ascii_lowercase()),
                _ if b.is_ascii_alphanumeric() => feed(b.to_ascii_uppercase()),
                _ => {}
            }
        }
        mac.update(&buf[..n]);
        mac.finalize().into_bytes().into()
    }

    /// The fingerprint reported for a value: the first 128 bits of the keyed digest.
    pub fn fingerprint(&self, category: Category, value: &[u8]) -> Fingerprint {
        let digest = self.digest(category, value);
        let mut out = [0u8; 16];
        out.copy_from_slice(&digest[..16]);
        Fingerprint(out)
    }
}

/// A reported fingerprint: 128 bits, written as 32 lower-case hex digits. Held as bytes so a
/// finding carries no extra allocation for it (a large scan has a million findings).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint(pub [u8; 16]);

impl Fingerprint {
    /// The 32 hex digits, without allocating.
    pub fn hex(&self) -> [u8; 32] {
        let mut out = [0u8; 32];
        for (i, &b) in self.0.iter().enumerate() {
            out[2 * i] = HEX[usize::from(b >> 4)];
            out[2 * i + 1] = HEX[usize::from(b & 15)];
        }
        out
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hex = self.hex();
        f.write_str(std::str::from_utf8(&hex).expect("hex digits are ASCII"))
    }
}

impl fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl Serialize for Fingerprint {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Lower-case hex digits (what `hex::encode` writes).
const HEX: &[u8; 16] = b"0123456789abcdef";

fn normalise_for(_category: Category, value: &[u8]) -> &[u8] {
    value
}

/// One finding, as written to reports.
#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Finding {
    /// The file, or `-` for standard input; shared by the file's findings.
    pub path: Arc<str>,
    /// Byte offset of the first byte, in the file as stored.
    pub start: u64,
    /// Byte offset one past the last byte.
    pub end: u64,
    /// 1-based line number.
    pub line: u64,
    /// 1-based byte column.
    pub column: u64,
    /// The report category.
    pub category: Category,
    /// The detector id; shared with the detector.
    pub detector: Arc<str>,
    /// 0..1.
    pub confidence: f32,
    /// The value with most of it masked (`***-**-6789`).
    pub masked: String,
    /// Keyed hash of the normalised value (see the module docs).
    pub fingerprint: Fingerprint,
    /// True for well-known test, specimen and documentation values.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub test_data: bool,
    /// The raw value: only with `--show-values`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// Longest masked rendering, in characters.
const MASK_MAX: usize = 48;

/// Renders a value for reports: [`partial`] on one line, at most 48 characters. Credentials show
/// nothing of the secret, not even its length.
pub fn mask(category: Category, value: &[u8]) -> String {
    match category {
        Category::Credential => mask_general(category, value),
        _ if value.is_ascii() => mask_ascii(category, value),
        _ => mask_general(category, value),
    }
}

/// [`mask`] of an ASCII value that is not a credential, in one pass over its bytes into one
/// string (most values in logs: a million of them in a large scan). Agrees with
/// [`mask_general`], which a test checks.
fn mask_ascii(category: Category, value: &[u8]) -> String {
    /// Which letters and digits stay visible.
    enum Keep {
        /// Those before this offset (an IP's first group).
        Before(usize),
        /// The e-mail's first character (when the local part is longer than two) and domain.
        Email { first: usize, at: usize },
        /// The first six hex digits (a MAC's vendor part).
        Vendor,
        /// The last four, of at least eight.
        Last4 { total: usize },
    }
    let rule = match category {
        Category::Email => match value.iter().rposition(|&b| b == b'@') {
            Some(at) => Keep::Email {
                first: usize::from(at > 2),
                at,
            },
            None => Keep::Before(0),
        },
        Category::IpAddress => {
            let sep = [b':', b'.', b'-']
                .into_iter()
                .find(|s| value.contains(s))
                .unwrap_or(b'.');
            Keep::Before(value.iter().position(|&b| b == sep).unwrap_or(0))
        }
        Category::MacAddress => Keep::Vendor,
        c if hides_all(c) => Keep::Before(0),
        _ => match value.iter().filter(|b| b.is_ascii_alphanumeric()).count() {
            total if total < 8 => Keep::Before(0),
            total => Keep::Last4 { total },
        },
    };
    let mut seen = 0; // hex digits (Vendor) or letters and digits (Last4) so far
    let mut keep = |i: usize, b: u8| match rule {
        Keep::Before(p) => i < p,
        Keep::Email { first, at } => i < first || i >= at,
        Keep::Vendor => {
            if b.is_ascii_hexdigit() {
                seen += 1;
                seen <= 6
            } else {
                true
            }
        }
        Keep::Last4 { total } => {
            seen += usize::from(b.is_ascii_alphanumeric());
            seen + 4 > total
        }
    };
    let mut out = Vec::with_capacity(value.len().min(MASK_MAX + 4));
    let mut chars = 0;
    for (i, &b) in value.iter().enumerate() {
        let kept = keep(i, b);
        let piece: &[u8] = match b {
            b'\r' if value.get(i + 1) == Some(&b'\n') => continue,
            b'\n' => b" / ",
            _ if !kept && b.is_ascii_alphanumeric() => b"*",
            _ => std::slice::from_ref(&b),
        };
        out.extend_from_slice(piece);
        chars += piece.len();
        if chars > MASK_MAX {
            break;
        }
    }
    if out.len() > MASK_MAX {
        out.truncate(MASK_MAX - 1);
        out.extend_from_slice("…".as_bytes());
    }
    String::from_utf8(out).expect("ASCII in, ASCII out")
}

/// [`mask`] of any value: decoded lossily as UTF-8, rendered by [`partial`].
fn mask_general(category: Category, value: &[u8]) -> String {
    let text = String::from_utf8_lossy(value);
    let out = match category {
        Category::Credential if text.contains("PRIVATE KEY") => {
            format!("[private key, {} bytes]", value.len())
        }
        Category::Credential => "********".to_string(),
        _ => {
            let p = partial(category, &text);
            // Most values are one line: skip the two copies that only change line breaks.
            if p.contains('\n') {
                p.replace("\r\n", "\n").replace('\n', " / ")
            } else {
                p
            }
        }
    };
    truncate_chars(out, MASK_MAX)
}

/// The `partial` rendering: the value's shape with identifying characters replaced by `*`,
/// keeping what analysts need and what identifies no one: the last four of numbers, the domain
/// of e-mails, the first octet (group) of IPs, the vendor part of MACs. Separators and line
/// breaks are kept, so the length and structure of the text do not change.
pub fn partial(category: Category, text: &str) -> String {
    match category {
        Category::Email => match text.rsplit_once('@') {
            Some((local, domain)) => {
                // Keep the first character only when it is not most of the local part.
                let keep = usize::from(local.chars().count() > 2);
                let mut chars = local.chars();
                let first: String = chars.by_ref().take(keep).collect();
                let rest: String = chars
                    .map(|c| if c.is_alphanumeric() { '*' } else { c })
                    .collect();
                format!("{first}{rest}@{domain}")
            }
            None => star_all(text),
        },
        Category::IpAddress => {
            let sep = [':', '.', '-']
                .into_iter()
                .find(|&c| text.contains(c))
                .unwrap_or('.');
            match text.split_once(sep) {
                Some((first, rest)) => format!("{first}{sep}{}", star_all(rest)),
                None => star_all(text),
            }
        }
        Category::MacAddress => {
            // Keep the OUI (vendor), mask the device part.
            let mut seen = 0;
            text.chars()
                .map(|c| {
                    if c.is_ascii_hexdigit() {
                        seen += 1;
                        if seen > 6 { '*' } else { c }
                    } else {
                        c
                    }
                })
                .collect()
        }
        c if hides_all(c) => star_all(text),
        _ => keep_last4(text),
    }
}

/// Categories whose every letter and digit is masked: the last four of a name, a date or a
/// document number would still identify someone.
fn hides_all(category: Category) -> bool {
    matches!(
        category,
        Category::DateOfBirth
            | Category::PersonName
            | Category::PlaceOfBirth
            | Category::MothersMaidenName
            | Category::StreetAddress
            | Category::Passport
            | Category::NationalId
            | Category::DriversLicense
            | Category::Credential
    )
}

/// Replaces every letter and digit by `*`.
fn star_all(s: &str) -> String {
    if s.is_ascii() {
        let bytes = s
            .bytes()
            .map(|b| if b.is_ascii_alphanumeric() { b'*' } else { b })
            .collect();
        return String::from_utf8(bytes).expect("ASCII in, ASCII out");
    }
    s.chars()
        .map(|c| if c.is_alphanumeric() { '*' } else { c })
        .collect()
}

/// Masks every letter and digit except the last four, when there are at least eight.
fn keep_last4(s: &str) -> String {
    let total = s.chars().filter(|c| c.is_alphanumeric()).count();
    if total < 8 {
        return star_all(s);
    }
    let mut seen = 0;
    s.chars()
        .map(|c| {
            if c.is_alphanumeric() {
                seen += 1;
                if seen + 4 > total { c } else { '*' }
            } else {
                c
            }
        })
        .collect()
}

fn truncate_chars(s: String, max: usize) -> String {
    // A string has at most as many characters as bytes.
    if s.len() <= max || s.chars().count() <= max {
        return s;
    }
    let mut t: String = s.chars().take(max - 1).collect();
    t.push('…');
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_shape_and_hide_values() {
        assert_eq!(mask(Category::Ssn, b"536-90-4399"), "***-**-4399");
        assert_eq!(
            mask(Category::Email, b"ana.ruiz@example.com"),
            "a**.****@example.com"
        );
        assert_eq!(mask(Category::Credential, b"hunter2"), "********");
        assert_eq!(mask(Category::IpAddress, b"203.0.113.45"), "203.*.***.**");
        assert_eq!(
            mask(Category::MacAddress, b"00:1A:2B:3C:4D:5E"),
            "00:1A:2B:**:**:**"
        );
        assert_eq!(
            mask(Category::DateOfBirth, b"12 de abril de 1985"),
            "** ** ***** ** ****"
        );
        assert_eq!(
            mask(Category::CreditCard, b"4539 1488 0343 6467"),
            "**** **** **** 6467"
        );
        assert_eq!(mask(Category::Ssn, b"1234"), "****");
        assert_eq!(mask(Category::IpAddress, b"10-0-2-47"), "10-*-*-**");
        assert_eq!(mask_general(Category::IpAddress, b"10-0-2-47"), "10-*-*-**");
        assert_eq!(mask(Category::Email, b"r@example.com"), "*@example.com");
        assert_eq!(
            mask(Category::Iban, b"ES91 2100\r\n0418"),
            "**** **** / 0418"
        );
        assert_eq!(mask(Category::Passport, "Ñúñez<<".as_bytes()), "*****<<");
        let long = mask(Category::Ssn, "9".repeat(60).as_bytes());
        assert_eq!(long.chars().count(), MASK_MAX);
        assert!(long.ends_with('…'));
    }

    proptest::proptest! {
        #[test]
        fn the_ascii_mask_agrees_with_the_general_one(
            value in "[a-zA-Z0-9@.:\\- _\r\n/]{0,70}",
            which in 0usize..Category::ALL.len(),
        ) {
            let category = Category::ALL[which];
            proptest::prop_assert_eq!(
                mask(category, value.as_bytes()),
                mask_general(category, value.as_bytes())
            );
        }
    }

    #[test]
    fn fingerprints_are_keyed_and_normalised() {
        let a = Fingerprinter::new(b"key-a");
        let b = Fingerprinter::new(b"key-b");
        let x = a.fingerprint(Category::Ssn, b"536-90-4399");
        assert_eq!(x, a.fingerprint(Category::Ssn, b"536 90 4399"));
        assert_ne!(x, b.fingerprint(Category::Ssn, b"536-90-4399"));
        assert_ne!(x, a.fingerprint(Category::Ssn, b"536-90-4398"));
        let x = x.to_string();
        assert_eq!(x.len(), 32);
        assert_eq!(
            x,
            hex::encode(&a.digest(Category::Ssn, b"536-90-4399")[..16])
        );
        assert_eq!(
            serde_json::to_string(&a.fingerprint(Category::Ssn, b"536904399")).unwrap(),
            format!("\"{x}\"")
        );
        assert!(!x.contains("536"));
    }
}

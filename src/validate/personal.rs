//! Validators for values that have no checksum: street addresses, places of birth and mothers'
//! maiden names (`patterns/address.toml`, `patterns/personal.toml`).
//!
//! Their patterns anchor on literal cues (a street type word, a birth or maiden-name label) and
//! capture capitalised words, so what is left to judge is whether the capture is a value at all:
//! placeholders (`Unknown`, `N/A`, `Desconocido`), form words (`Verified`, `Required`), month
//! names after `born in`, log levels inside an address-shaped run, and how complete an address
//! is. Lengths are checked here because the shared automaton forbids counted repetitions over
//! broad classes (`patterns/README.md`).

use super::Verdict;

/// Longest street address accepted (bytes): a full postal address on one line.
const MAX_ADDRESS: usize = 200;
/// Longest place of birth or surname value accepted (bytes).
const MAX_VALUE: usize = 80;

/// First word of `s` (up to a space, comma, hyphen or dot), ASCII lower-cased into `buf`.
/// Non-ASCII bytes are kept as they are, so accented words compare by their UTF-8 bytes.
fn first_word<'b>(s: &[u8], buf: &'b mut [u8; 24]) -> &'b [u8] {
    let mut n = 0;
    for &b in s {
        if matches!(b, b' ' | b',' | b'-' | b'.' | b'/' | b'\t') || n == buf.len() {
            break;
        }
        buf[n] = b.to_ascii_lowercase();
        n += 1;
    }
    &buf[..n]
}

/// Words that fill a form field when there is no value.
const PLACEHOLDERS: &[&[u8]] = &[
    b"unknown",
    b"n",
    b"na",
    b"none",
    b"null",
    b"nil",
    b"undefined",
    b"tbd",
    b"pending",
    b"same",
    b"not",
    b"no",
    b"yes",
    b"other",
    b"redacted",
    b"withheld",
    b"confidential",
    b"hidden",
    b"masked",
    b"desconocido",
    b"desconocida",
    b"ninguno",
    b"ninguna",
    b"pendiente",
    b"igual",
    b"otro",
    b"otra",
    b"si",
    "sí".as_bytes(),
    b"confidencial",
    b"oculto",
    b"reservado",
];

/// Month names (EN, ES): `born in May 1987` is a date, not a place. No abbreviations: `Mar`
/// begins `Mar del Plata`.
const MONTHS: &[&[u8]] = &[
    b"january",
    b"february",
    b"march",
    b"april",
    b"may",
    b"june",
    b"july",
    b"august",
    b"september",
    b"october",
    b"november",
    b"december",
    b"enero",
    b"febrero",
    b"marzo",
    b"abril",
    b"mayo",
    b"junio",
    b"julio",
    b"agosto",
    b"septiembre",
    b"setiembre",
    b"octubre",
    b"noviembre",
    b"diciembre",
];

/// Words of a verification dialogue or form that follow a maiden-name label but are no name.
const FORM_WORDS: &[&[u8]] = &[
    b"what",
    b"which",
    b"whose",
    b"cual",
    b"cu\xc3\xa1l", // cuál
    b"que",
    b"qu\xc3\xa9", // qué
    b"this",
    b"that",
    b"verified",
    b"verificado",
    b"verificada",
    b"required",
    b"requerido",
    b"obligatorio",
    b"provided",
    b"on",
    b"file",
    b"field",
    b"question",
    b"answer",
    b"match",
    b"matches",
    b"matched",
    b"correct",
    b"incorrect",
    b"confirmed",
    b"confirmado",
    b"updated",
    b"changed",
    b"reset",
    b"as",
    b"see",
    b"please",
    b"is",
    b"was",
    b"ok",
    b"okay",
    b"customer",
    b"cliente",
    b"agent",
    b"agente",
    b"mother",
    b"madre",
    b"the",
    b"correcto",
    b"correcta",
];

/// Log levels and HTTP words: `01 INFO Main Service Rd` in a log line is no address.
const LOG_WORDS: &[&[u8]] = &[
    b"INFO", b"WARN", b"WARNING", b"ERROR", b"DEBUG", b"TRACE", b"FATAL", b"GET", b"POST", b"PUT",
    b"HTTP", b"OK",
];

/// A street address: not too long, no log-level word, no house number with a leading zero.
/// `Valid` when it carries more than `number + street` (a comma-separated unit, city or postal
/// code, a `#`/`No.` number marker, or a postal code); `Weak` for a bare `1420 Maple Ridge Dr`
/// or `Calle Mayor 5`, which is reported only next to an address keyword.
pub(crate) fn street_address(s: &[u8]) -> Verdict {
    if s.len() < 6 || s.len() > MAX_ADDRESS {
        return Verdict::Invalid;
    }
    if s[0] == b'0' {
        return Verdict::Invalid;
    }
    if s.split(|&b| b == b' ' || b == b',')
        .any(|w| LOG_WORDS.contains(&w))
    {
        return Verdict::Invalid;
    }
    let number_marker = s.contains(&b'#')
        || memchr::memmem::find(s, b"No.").is_some()
        || memchr::memmem::find(s, "Nº".as_bytes()).is_some()
        || memchr::memmem::find(s, "úm".as_bytes()).is_some();
    if s.contains(&b',') || number_marker || has_postal_code(s) {
        Verdict::Valid
    } else {
        Verdict::Weak
    }
}

/// A run of exactly five digits that is not the leading house number.
fn has_postal_code(s: &[u8]) -> bool {
    let mut run = 0;
    let mut start = 0;
    for (i, &b) in s.iter().enumerate() {
        if b.is_ascii_digit() {
            if run == 0 {
                start = i;
            }
            run += 1;
        } else {
            if run == 5 && start > 0 {
                return true;
            }
            run = 0;
        }
    }
    run == 5 && start > 0
}

/// Words that start a street address, not a town: `vivo en Av. Insurgentes Sur 1602` after a
/// birth date is where someone lives.
const STREET_WORDS: &[&[u8]] = &[
    b"av",
    b"ave",
    b"avda",
    b"avenida",
    b"avenue",
    b"calle",
    b"c",
    b"cl",
    b"col",
    b"colonia",
    b"blvd",
    b"boulevard",
    b"bulevar",
    b"calz",
    b"calzada",
    b"paseo",
    b"camino",
    b"carretera",
    b"carr",
    b"plaza",
    b"pza",
    b"privada",
    b"priv",
    b"cerrada",
    b"street",
    b"st",
    b"road",
    b"rd",
    b"lane",
    b"ln",
    b"drive",
    b"dr",
    b"apt",
    b"apartment",
    b"depto",
    b"departamento",
    b"piso",
    b"edificio",
    b"fracc",
    b"fraccionamiento",
    b"manzana",
    b"mz",
    b"lote",
    b"barrio",
    b"urb",
    b"urbanizacion",
];

/// A place of birth: a short capitalised run that is not a placeholder, a month name or the
/// start of a street address.
pub(crate) fn place_name(s: &[u8]) -> Verdict {
    if s.len() < 2 || s.len() > MAX_VALUE {
        return Verdict::Invalid;
    }
    let mut buf = [0u8; 24];
    let w = first_word(s, &mut buf);
    if PLACEHOLDERS.contains(&w) || MONTHS.contains(&w) || STREET_WORDS.contains(&w) || w == b"the"
    {
        return Verdict::Invalid;
    }
    Verdict::Valid
}

/// A surname after a maiden-name label: not a placeholder or a word of the form or dialogue.
pub(crate) fn surname(s: &[u8]) -> Verdict {
    if s.len() < 2 || s.len() > MAX_VALUE {
        return Verdict::Invalid;
    }
    let mut buf = [0u8; 24];
    let w = first_word(s, &mut buf);
    if PLACEHOLDERS.contains(&w) || FORM_WORDS.contains(&w) {
        return Verdict::Invalid;
    }
    Verdict::Valid
}

/// A medical record, patient or health-plan member number after its label (`MRN: 00482913`,
/// `Member ID: XGH482915733`): 5 to 20 letters and digits (hyphens between groups), at least
/// four digits, not one repeated character.
pub(crate) fn record_id(s: &[u8]) -> Verdict {
    // Dashes, the spaces of a printed grouping (`ZGP 8441 0297`) and the slash before a
    // beneficiary's suffix (`2204819374/00`) are no part of the number.
    let body: Vec<u8> = s
        .iter()
        .copied()
        .filter(|&c| c != b'-' && c != b' ' && c != b'/')
        .collect();
    if !(5..=20).contains(&body.len())
        || !body.iter().all(u8::is_ascii_alphanumeric)
        || body.iter().filter(|c| c.is_ascii_digit()).count() < 4
        || super::is_repdigit(&body)
    {
        return Verdict::Invalid;
    }
    Verdict::Valid
}

#[cfg(test)]
mod tests {
    use super::*;
    use Verdict::{Invalid, Valid, Weak};

    use crate::validate::check_all as all;

    #[test]
    fn plain_surnames() {
        for w in ["Halvorsen", "Castaneda", "Olguín", "ROBLES", "McAllister"] {
            assert!(crate::people::plain_surname(w.as_bytes()), "{w}");
        }
        // a given name, an ordinary word, a word that is no name, a surname that is a word
        for w in ["Laura", "Answer", "Sistema", "Rosa", "File"] {
            assert!(!crate::people::plain_surname(w.as_bytes()), "{w}");
        }
    }

    #[test]
    fn full_addresses_are_valid() {
        all(
            street_address,
            &[
                "1600 Pennsylvania Ave NW, Washington, DC 20500",
                "1420 Maple Ridge Dr, Apt 3B",
                "12 Oak St #4",
                "Calle Mayor 5, 3º B, 28013 Madrid",
                "Carrera 7 # 32-16",
                "Calle 5 de Mayo No. 23 Int. 4",
                "Av. Juárez núm. 12",
                "Paseo de Gracia 43 08007 Barcelona",
            ],
            Valid,
        );
    }

    #[test]
    fn bare_number_and_street_is_weak() {
        all(
            street_address,
            &["742 Evergreen Terrace", "Calle Mayor 5", "10 Park Place"],
            Weak,
        );
    }

    #[test]
    fn junk_addresses_are_invalid() {
        let long = format!("1 {} St", "Long ".repeat(50));
        all(
            street_address,
            &[
                "01 INFO Main Service Rd",
                "007 Bond St, London",
                "1 A",
                long.as_str(),
            ],
            Invalid,
        );
    }

    #[test]
    fn postal_code_is_not_the_house_number() {
        assert!(!has_postal_code(b"12345 Main St"));
        assert!(has_postal_code(b"Calle Mayor 5 28013"));
        assert!(!has_postal_code(b"Calle Mayor 123456"));
    }

    #[test]
    fn places_reject_placeholders_and_months() {
        all(
            place_name,
            &[
                "Tucson, Arizona",
                "Ciudad de México",
                "Perú",
                "MONTERREY, NUEVO LEON",
                "Marseille",
                "Mar del Plata",
            ],
            Valid,
        );
        all(
            place_name,
            &["Unknown", "N", "May", "Mayo", "Desconocido", "The", "NA"],
            Invalid,
        );
    }

    #[test]
    fn record_ids_need_digits_and_length() {
        all(
            record_id,
            &[
                "00482913",
                "7734-2281",
                "XGH482915733",
                "P-0048291",
                "2204819374/00",
            ],
            Valid,
        );
        all(
            record_id,
            &["12", "pending", "ABCDEF12", "0000000", "X1-2"],
            Invalid,
        );
    }

    #[test]
    fn surnames_reject_form_words() {
        all(
            surname,
            &[
                "Brennan",
                "García-Márquez",
                "de la Fuente",
                "O'Brien",
                "DELGADO",
            ],
            Valid,
        );
        all(
            surname,
            &[
                "Verified",
                "Unknown",
                "N",
                "Desconocido",
                "OK",
                "Required",
                "Sí",
            ],
            Invalid,
        );
    }

    #[test]
    fn a_street_address_is_no_place_of_birth() {
        for s in ["Av. Insurgentes Sur", "Calle Mayor", "Col. Roma", "Apt 3B"] {
            assert_eq!(place_name(s.as_bytes()), Verdict::Invalid, "{s}");
        }
        for s in ["Avilés", "Colima", "Calella", "Drummondville"] {
            assert_eq!(place_name(s.as_bytes()), Verdict::Valid, "{s}");
        }
    }

    #[test]
    fn first_word_stops_at_separators_and_caps_its_length() {
        let mut buf = [0u8; 24];
        assert_eq!(first_word(b"Tucson, AZ", &mut buf), b"tucson");
        let mut buf = [0u8; 24];
        assert_eq!(first_word(&[b'A'; 40], &mut buf).len(), 24);
    }
}

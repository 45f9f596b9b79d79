//! Validators: the checksum and structure rules that turn a regex candidate into a finding.
//!
//! A detector in `patterns/*.toml` names its validator (`validator = "ssn"`); the engine calls
//! [`Validator::check`] on the candidate's bytes exactly as they appear in the file (separators,
//! lower case and all). Each validator normalises what it needs itself and answers with a
//! [`Verdict`]. Validators are pure functions over bytes: no allocation on the common path, no
//! I/O, no panics on any input (they are fuzzed by the property tests).
//!
//! The rules and test vectors come from `../shared/IDENTIFIERS.md`; every vector listed there for
//! an identifier has a unit test in the module that implements it.

use serde::Deserialize;

mod credential;
mod financial;
mod generic;
mod latam;
mod mexico;
mod mrz;
mod personal;
mod spain;
mod us;

pub use generic::{DateParts, parse_date};
pub use mrz::document_number as mrz_document_number;

/// What a validator says about a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Fails a structural rule or the checksum: not this identifier. The engine drops it and
    /// lets other detectors try the same bytes.
    Invalid,
    /// Passes every rule the identifier has.
    Valid,
    /// Plausible but a soft rule failed (for example a Mexican RFC whose homoclave check
    /// character is wrong, as about 1.5% of real ones are): kept at lower confidence.
    Weak,
    /// A well-known test, specimen or documentation value (test card numbers, the ICAO
    /// specimen passport): kept, flagged as test data, at lower confidence.
    TestValue,
}

impl Verdict {
    /// True when the candidate survives validation.
    pub fn is_accepted(self) -> bool {
        !matches!(self, Verdict::Invalid)
    }
}

/// The named validators a detector may use (`validator = "..."` in a pattern file).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Validator {
    // United States
    /// US Social Security Number: area/group/serial rules, denylist, placeholders.
    Ssn,
    /// US ITIN: 9xx with an IRS group range.
    Itin,
    /// US EIN: assigned two-digit prefix.
    Ein,
    /// ABA routing transit number: Federal Reserve prefix and 3-7-1 checksum.
    AbaRouting,
    /// Vehicle identification number: alphabet and position-9 check digit.
    Vin,
    /// Medicare Beneficiary Identifier: CMS structure.
    Mbi,
    /// National Provider Identifier: Luhn with the 80840 prefix.
    Npi,
    /// DEA registration number: registrant type and check digit.
    Dea,
    // Financial
    /// Payment card: brand IIN and length, Luhn, test PANs.
    PaymentCard,
    /// Magnetic-stripe track data (track 1 `%B…^NAME^YYMM…`, track 2 `;PAN=YYMM…`): the PAN
    /// passes [`Validator::PaymentCard`] and the expiry month is a month.
    CardTrack,
    /// IBAN: country length, mod 97, Spanish CCC digits.
    Iban,
    /// Mexican CLABE: 3-7-1 weighted check digit.
    Clabe,
    // Travel documents
    /// ICAO 9303 machine-readable zone (TD1, TD2, TD3): every check digit.
    Mrz,
    // Generic
    /// E-mail address: RFC 5321 lengths, labels, TLD.
    Email,
    /// Telephone number: NANP, Mexico, Spain, E.164 rules.
    Phone,
    /// IPv4 address: octets, no leading zeros, not a version-like context.
    Ipv4,
    /// IPv6 address: a real parse (std).
    Ipv6,
    /// MAC address (EUI-48): consistent separators, not all-zero or broadcast.
    Mac,
    /// A calendar date (EN/ES numeric and textual) that exists and is a plausible birth date.
    BirthDate,
    /// A street address: length, no log words; `Weak` for a bare number and street.
    StreetAddress,
    /// A place of birth after a label: not a placeholder or a month name.
    PlaceName,
    /// A surname after a maiden-name label: not a placeholder or a form word.
    Surname,
    /// A surname given as a transcript's answer, in any case (`kowalczyk`): a
    /// [`Validator::Surname`] with no filler a speaker says instead of an answer (`yes`,
    /// `one sec`).
    SpokenSurname,
    /// A place given as a transcript's answer, in any case (`toledo ohio`): a
    /// [`Validator::PlaceName`] with no filler.
    SpokenPlace,
    /// One capitalised word that is plainly a surname in the name dictionaries (many bearers,
    /// rarely a given name, not an ordinary word): a surname found by its place near a label.
    PlainSurname,
    // Spain
    /// Spanish DNI / personal NIF (including K, L, M): mod-23 letter.
    EsDni,
    /// Spanish NIE: X/Y/Z + mod-23 letter.
    EsNie,
    /// Spanish Seguridad Social number (NSS/NAF): mod 97, rule A or B.
    EsNss,
    /// Spanish NIF of a legal entity (former CIF).
    EsCif,
    // Mexico
    /// Mexican CURP: structure, date, state, check digit.
    Curp,
    /// Mexican RFC: structure, date, check character (failure is `Weak`), generic RFCs.
    Rfc,
    /// Mexican IMSS NSS: Luhn over 11 digits.
    MxNss,
    /// Mexican INE clave de elector: structure and date.
    IneClave,
    // Other Latin America
    /// Argentine CUIT/CUIL: type prefix and mod 11.
    ArCuit,
    /// Argentine CBU: 22 digits, a check digit ending each of its two blocks.
    ArCbu,
    /// Chilean RUT/RUN: mod 11 with K.
    ClRut,
    /// Colombian NIT: weighted mod 11.
    CoNit,
    /// Peruvian DNI/CUI with its check character.
    PeCui,
    /// Peruvian RUC: type prefix (10, 15, 17, 20) and weighted mod 11.
    PeRuc,
    /// Brazilian CPF: two mod-11 digits, repdigits invalid.
    BrCpf,
    /// Dominican cédula: Luhn over 11 digits.
    DoCedula,
    /// Venezuelan RIF: type letter and mod 11.
    VeRif,
    /// Ecuadorian cédula: province, third digit, mod 10.
    EcCedula,
    /// Ecuadorian RUC: a cédula + establishment, or a company's / public entity's mod 11.
    EcRuc,
    /// Guatemalan DPI / CUI: mod-11 check digit, departamento and municipio.
    GtCui,
    /// Guatemalan NIT: mod 11 from the right, 10 written K.
    GtNit,
    /// Salvadoran DUI: weighted mod-10 check digit.
    SvDui,
    /// Salvadoran NIT: 14 digits, old or new mod-11 check by serial.
    SvNit,
    /// Honduran DNI: departamento, municipio and year (no check digit).
    HnDni,
    /// Costa Rican cédula física: province 1-9, tomo and asiento (no check digit).
    CrCedula,
    /// Costa Rican cédula jurídica: class and type (no check digit).
    CrCedulaJuridica,
    /// Panamanian cédula: province or prefix, tomo, asiento; not a date (no check digit).
    PaCedula,
    /// Uruguayan cédula de identidad: weighted mod-10 check digit.
    UyCi,
    /// Uruguayan RUT: registry, `001`, mod 11.
    UyRut,
    /// Paraguayan RUC: mod 11 from the right.
    PyRuc,
    /// Dominican RNC: weighted mod 11.
    DoRnc,
    // Credentials
    /// A secret value after a password/token label: not a mask, placeholder or redaction.
    Secret,
    /// A secret without an `=`/`:` after its label: six characters or more, a letter and a
    /// digit or symbol.
    StrongSecret,
    /// A one-time or verification code (four to eight digits, maybe split by a space or a
    /// dash): not one digit repeated (`000000`, a failed try or a placeholder).
    OneTimeCode,
    /// A secret given as an answer (read out in a transcript, or after a security question):
    /// one to three words or four to eight digits, no filler such as `yes` or `one sec`.
    SpokenSecret,
    /// A login name after a user label or in an sshd/PAM/sudo line: not a system or service
    /// account, a placeholder or a status word.
    Username,
    /// A login name written in prose after `user`/`usuario`: a [`Validator::Username`] that
    /// has a digit, dot or underscore (`jsmith42`, `j.perez`) or is made from a person's name
    /// (`jperez`, `juanperez`) and is not an ordinary word.
    Login,
    /// A provider token known by its prefix (AWS, GitHub, GitLab, Slack, Stripe, Google,
    /// SendGrid, npm, PyPI) or a JWT: the length that prefix implies, not a placeholder.
    Token,
    /// A 20-digit Spanish CCC (bank, branch, two check digits, account): both check digits.
    Ccc,
    /// A bank account number after an account label: 6 to 20 digits, not a run or a sequence.
    AccountNumber,
    /// A medical record, patient or member number after its label: 5 to 20 letters and
    /// digits with at least 4 digits, not a run.
    RecordId,
    /// A Latin American national phone number of a shape NANP, Mexico and Spain do not cover
    /// (Chile and Peru `9…`, Ecuador `09…`, Venezuela `04…`/`02…`, Argentina `11…`/`15…`).
    PhoneLatam,
}

impl Validator {
    /// Whether the validator judges ordinary words (a place, a surname) rather than an
    /// identifier's structure: such a value is a detector's only after a label in prose.
    pub fn reads_words(self) -> bool {
        matches!(
            self,
            Validator::PlaceName | Validator::Surname | Validator::PlainSurname
        )
    }

    /// Runs this validator on a candidate's raw bytes.
    pub fn check(self, s: &[u8]) -> Verdict {
        match self {
            Validator::Ssn => us::ssn(s),
            Validator::Itin => us::itin(s),
            Validator::Ein => us::ein(s),
            Validator::AbaRouting => us::aba_routing(s),
            Validator::Vin => us::vin(s),
            Validator::Mbi => us::mbi(s),
            Validator::Npi => us::npi(s),
            Validator::Dea => us::dea(s),
            Validator::PaymentCard => financial::payment_card(s),
            Validator::CardTrack => financial::card_track(s),
            Validator::Iban => financial::iban(s),
            Validator::Clabe => financial::clabe(s),
            Validator::Mrz => mrz::mrz(mrz::unescape(s, &mut [0u8; mrz::ESCAPED_MAX])),
            Validator::Email => generic::email(s),
            Validator::Phone => generic::phone(s),
            Validator::Ipv4 => generic::ipv4(s),
            Validator::Ipv6 => generic::ipv6(s),
            Validator::Mac => generic::mac(s),
            Validator::BirthDate => generic::birth_date(s),
            Validator::StreetAddress => personal::street_address(s),
            Validator::PlaceName => personal::place_name(s),
            Validator::Surname => personal::surname(s),
            Validator::SpokenSurname | Validator::SpokenPlace
                if std::str::from_utf8(s).map_or(true, has_filler) =>
            {
                Verdict::Invalid
            }
            Validator::SpokenSurname => personal::surname(s),
            Validator::SpokenPlace => personal::place_name(s),
            Validator::PlainSurname => {
                if crate::people::plain_surname(s) {
                    Verdict::Valid
                } else {
                    Verdict::Invalid
                }
            }
            Validator::EsDni => spain::dni(s),
            Validator::EsNie => spain::nie(s),
            Validator::EsNss => spain::nss(s),
            Validator::EsCif => spain::cif(s),
            Validator::Curp => mexico::curp(s),
            Validator::Rfc => mexico::rfc(s),
            Validator::MxNss => mexico::nss(s),
            Validator::IneClave => mexico::ine_clave(s),
            Validator::ArCuit => latam::ar_cuit(s),
            Validator::ArCbu => latam::ar_cbu(s),
            Validator::ClRut => latam::cl_rut(s),
            Validator::CoNit => latam::co_nit(s),
            Validator::PeCui => latam::pe_cui(s),
            Validator::PeRuc => latam::pe_ruc(s),
            Validator::BrCpf => latam::br_cpf(s),
            Validator::DoCedula => latam::do_cedula(s),
            Validator::VeRif => latam::ve_rif(s),
            Validator::EcCedula => latam::ec_cedula(s),
            Validator::EcRuc => latam::ec_ruc(s),
            Validator::GtCui => latam::gt_cui(s),
            Validator::GtNit => latam::gt_nit(s),
            Validator::SvDui => latam::sv_dui(s),
            Validator::SvNit => latam::sv_nit(s),
            Validator::HnDni => latam::hn_dni(s),
            Validator::CrCedula => latam::cr_cedula(s),
            Validator::CrCedulaJuridica => latam::cr_cedula_juridica(s),
            Validator::PaCedula => latam::pa_cedula(s),
            Validator::UyCi => latam::uy_ci(s),
            Validator::UyRut => latam::uy_rut(s),
            Validator::PyRuc => latam::py_ruc(s),
            Validator::DoRnc => latam::do_rnc(s),
            Validator::Secret => credential::secret(s),
            Validator::StrongSecret => credential::strong_secret(s),
            Validator::OneTimeCode => credential::one_time_code(s),
            Validator::SpokenSecret => credential::spoken_secret(s),
            Validator::Username => credential::username(s),
            Validator::Login => credential::login(s),
            Validator::Token => credential::token(s),
            Validator::Ccc => financial::ccc(s),
            Validator::AccountNumber => financial::account_number(s),
            Validator::RecordId => personal::record_id(s),
            Validator::PhoneLatam => generic::phone_latam(s),
        }
    }
}

/// The longest identifier any validator normalises (an IBAN is at most 34, an MRZ line 44).
pub(crate) const MAX_COMPACT: usize = 128;

/// Words a speaker says instead of an answer (`yes`, `one sec`, `no me acuerdo`, `thanks`):
/// a reply holding one of them gives no secret, surname or place (see [`has_filler`]).
const FILLERS: &[&str] = &[
    "i",
    "i'm",
    "im",
    "don't",
    "dont",
    "know",
    "remember",
    "forgot",
    "hold",
    "on",
    "let",
    "me",
    "check",
    "one",
    "sec",
    "second",
    "moment",
    "wait",
    "sorry",
    "not",
    "sure",
    "yes",
    "no",
    "ok",
    "okay",
    "yeah",
    "yep",
    "nope",
    "hi",
    "hello",
    "thanks",
    "thank",
    "you",
    "what",
    "huh",
    "hmm",
    "um",
    "uh",
    "the",
    "is",
    "it",
    "it's",
    "its",
    "that",
    "this",
    "idk",
    "done",
    "perfect",
    "great",
    "cool",
    "correct",
    "right",
    "exactly",
    "same",
    "again",
    "please",
    "sé",
    "se",
    "recuerdo",
    "acuerdo",
    "olvidé",
    "olvide",
    "un",
    "una",
    "momento",
    "ratito",
    "espere",
    "espera",
    "ya",
    "sí",
    "si",
    "claro",
    "vale",
    "listo",
    "gracias",
    "hola",
    "qué",
    "que",
    "cuál",
    "cual",
    "perdón",
    "perdon",
    "disculpe",
    "bueno",
    "este",
    "eh",
    "mmm",
    "dale",
    "sale",
    "perfecto",
    "correcto",
    "exacto",
    "mismo",
    "misma",
    "otra",
    "vez",
    "favor",
    "así",
    "asi",
    "eso",
    "afirmativo",
    "negativo",
    "that's",
    "thats",
    "yup",
    "mhm",
    "affirmative",
    "negative",
];

/// Whether `text` holds a word a speaker says instead of an answer ([`FILLERS`]), in any case.
pub(crate) fn has_filler(text: &str) -> bool {
    text.split_whitespace()
        .map(|w| w.trim_end_matches([',', '.', '!', '?']).to_lowercase())
        .any(|w| FILLERS.contains(&w.as_str()))
}

/// Copies the ASCII letters and digits of `s` into `buf`, upper-cased, dropping everything else
/// (separators, spaces, dots). Returns the compacted slice, or `None` when it would not fit.
pub(crate) fn compact<'b>(s: &[u8], buf: &'b mut [u8; MAX_COMPACT]) -> Option<&'b [u8]> {
    let mut n = 0;
    for &b in s {
        if b.is_ascii_alphanumeric() {
            if n == MAX_COMPACT {
                return None;
            }
            buf[n] = b.to_ascii_uppercase();
            n += 1;
        }
    }
    Some(&buf[..n])
}

/// Copies only the ASCII digits of `s` into `buf`. Returns `None` when it would not fit.
pub(crate) fn digits_only<'b>(s: &[u8], buf: &'b mut [u8; MAX_COMPACT]) -> Option<&'b [u8]> {
    let mut n = 0;
    for &b in s {
        if b.is_ascii_digit() {
            if n == MAX_COMPACT {
                return None;
            }
            buf[n] = b;
            n += 1;
        }
    }
    Some(&buf[..n])
}

/// The Luhn (mod 10) check over ASCII digits, check digit last.
pub(crate) fn luhn(digits: &[u8]) -> bool {
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let mut sum = 0u32;
    for (i, &b) in digits.iter().rev().enumerate() {
        let mut d = u32::from(b - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum % 10 == 0
}

/// True when every byte of `s` is the same (repdigits such as `111111111`).
pub(crate) fn is_repdigit(s: &[u8]) -> bool {
    s.windows(2).all(|w| w[0] == w[1])
}

/// Test helper of the validator modules: `f` gives `want` for every case.
#[cfg(test)]
pub(crate) fn check_all(f: fn(&[u8]) -> Verdict, cases: &[&str], want: Verdict) {
    for c in cases {
        assert_eq!(f(c.as_bytes()), want, "{c:?}");
    }
}

/// Test helper of the validator modules: `f` gives each case's own verdict.
#[cfg(test)]
pub(crate) fn check_each(f: fn(&[u8]) -> Verdict, cases: &[(&str, Verdict)]) {
    for &(input, want) in cases {
        assert_eq!(f(input.as_bytes()), want, "input {input:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_known_values() {
        assert!(luhn(b"4111111111111111"));
        assert!(!luhn(b"4111111111111112"));
        assert!(luhn(b"12345678903"));
        assert!(!luhn(b""));
        assert!(!luhn(b"12a4"));
    }

    #[test]
    fn spoken_answers_hold_no_filler() {
        let v = |c: Validator, s: &str| c.check(s.as_bytes());
        for (c, good, bad) in [
            (Validator::SpokenSurname, "kowalczyk", "I don't remember"),
            (Validator::SpokenSurname, "o'donnell", "one sec"),
            (Validator::SpokenPlace, "toledo ohio", "no me acuerdo"),
            (Validator::SpokenPlace, "jerez de la frontera", "Yes."),
        ] {
            assert_eq!(v(c, good), Verdict::Valid, "{good}");
            assert_eq!(v(c, bad), Verdict::Invalid, "{bad}");
        }
        // The plain validators' own rules still hold.
        assert_eq!(v(Validator::SpokenPlace, "unknown"), Verdict::Invalid);
    }

    #[test]
    fn compact_strips_separators_and_uppercases() {
        let mut buf = [0u8; MAX_COMPACT];
        assert_eq!(
            compact(b"es91 2100-0418", &mut buf),
            Some(&b"ES9121000418"[..])
        );
        let mut buf = [0u8; MAX_COMPACT];
        assert_eq!(
            digits_only(b"536-90-4399", &mut buf),
            Some(&b"536904399"[..])
        );
    }

    #[test]
    fn every_validator_survives_arbitrary_bytes() {
        // Validators see raw candidate bytes; none may panic on junk.
        let inputs: [&[u8]; 6] = [
            b"",
            b"\xff\xfe",
            b"----",
            b"0",
            &[b'9'; 300],
            "ñÑ¿".as_bytes(),
        ];
        for v in ALL {
            for s in inputs {
                let _ = v.check(s);
            }
        }
    }

    /// Every validator, for exhaustive tests.
    pub(crate) const ALL: [Validator; 67] = [
        Validator::Ssn,
        Validator::Itin,
        Validator::Ein,
        Validator::AbaRouting,
        Validator::Vin,
        Validator::Mbi,
        Validator::Npi,
        Validator::Dea,
        Validator::PaymentCard,
        Validator::CardTrack,
        Validator::Iban,
        Validator::Clabe,
        Validator::Mrz,
        Validator::Email,
        Validator::Phone,
        Validator::Ipv4,
        Validator::Ipv6,
        Validator::Mac,
        Validator::BirthDate,
        Validator::StreetAddress,
        Validator::PlaceName,
        Validator::Surname,
        Validator::SpokenSurname,
        Validator::SpokenPlace,
        Validator::PlainSurname,
        Validator::EsDni,
        Validator::EsNie,
        Validator::EsNss,
        Validator::EsCif,
        Validator::Curp,
        Validator::Rfc,
        Validator::MxNss,
        Validator::IneClave,
        Validator::ArCuit,
        Validator::ArCbu,
        Validator::ClRut,
        Validator::CoNit,
        Validator::PeCui,
        Validator::PeRuc,
        Validator::BrCpf,
        Validator::DoCedula,
        Validator::VeRif,
        Validator::EcCedula,
        Validator::EcRuc,
        Validator::GtCui,
        Validator::GtNit,
        Validator::SvDui,
        Validator::SvNit,
        Validator::HnDni,
        Validator::CrCedula,
        Validator::CrCedulaJuridica,
        Validator::PaCedula,
        Validator::UyCi,
        Validator::UyRut,
        Validator::PyRuc,
        Validator::DoRnc,
        Validator::Secret,
        Validator::StrongSecret,
        Validator::OneTimeCode,
        Validator::SpokenSecret,
        Validator::Username,
        Validator::Login,
        Validator::Token,
        Validator::Ccc,
        Validator::AccountNumber,
        Validator::RecordId,
        Validator::PhoneLatam,
    ];
}

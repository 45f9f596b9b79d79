//! Person names: the detector that is not a regex.
//!
//! A name has no checksum and no fixed shape, and capitalised words are everywhere in logs
//! (`Failed`, `PacketResponder`, `Windows Defender`). Regex-only tools miss names; ML tools find
//! them at a hundredth of our speed and flood logs with false ones. This pass stacks the weak
//! signals rule-based systems use (`../shared/IDENTIFIERS.md` §10) and reports a name only when
//! enough of them agree:
//!
//! - **Dictionaries**: US Census and SSA given names and surnames plus faker's Spanish lists
//!   (`patterns/names/*.tsv`), accent- and case-folded, compiled into one anchored Aho-Corasick
//!   automaton that answers "is this token a given name, a surname, an ordinary word?".
//! - **Cues** (`patterns/people.toml`): labels (`Nombre:`, `Requester`, JSON keys such as
//!   `requester_name`), titles (`Sra.`, `Dr.`), greetings, signatures, self-introductions, found
//!   with a second Aho-Corasick automaton in one pass; e-mail display names (`Ana Ruiz <…>`); the
//!   name column of a CSV/TSV export.
//! - **Shape**: a run of capitalised or all-capitals words with particles (`de la`, `van`),
//!   initials and the inverted `SURNAME, Given` form.
//!
//! - **Layout**: a speaker label of a chat transcript (`Helen (IT):`, `[10:02] Memo Garza:`) and
//!   a signature on a line of its own (`- Kendra`) are cues too.
//!
//! A run of words is a name when a cue introduces it and a dictionary supports it, or, with no
//! cue, when a given name is followed by a surname. A word that is also an ordinary word (`Will`,
//! `Grace`, `Rosa`, `Luz`) needs a cue or an unambiguous partner; a lone given name needs a cue;
//! an organisation or place word in the run (`Banco`, `Inc`, `Avenida`) vetoes it. Once a name
//! is found, a lone word of it nearby is a name too (`Keisha Morrow … Keisha starts Monday`).
//!
//! The pass costs one Aho-Corasick search for cues plus one byte walk over the text, and
//! dictionary lookups only for runs of two or more capitalised words or after a cue.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};
use serde::Deserialize;

use crate::catalog::{Examples, Keywords};
use crate::engine::{
    Header, Hit, camel_joint, class_mask, column_name, eq_mask, is_word_byte, latin1_mark,
    mark_mask, run_starts, variants, word_at, word_before,
};
use crate::error::CatalogError;

/// The rules file, embedded.
pub const RULES: (&str, &str) = (
    "patterns/people.toml",
    include_str!("../patterns/people.toml"),
);

/// The dictionaries, embedded: given names, surnames, and names that are also common words.
const GIVEN: (&str, &str) = (
    "patterns/names/given.tsv",
    include_str!("../patterns/names/given.tsv"),
);
const SURNAMES: (&str, &str) = (
    "patterns/names/surnames.tsv",
    include_str!("../patterns/names/surnames.tsv"),
);
/// Surnames of 100 to 499 bearers that no word list knows (`Amankwah`, `Brandvold`), sorted in
/// byte order: searched in place on a miss (see [`sorted_key_in`]), so a scan's start-up does
/// not load their hundred thousand rows.
const RARE_SURNAMES: (&str, &str) = (
    "patterns/names/surnames_rare.tsv",
    include_str!("../patterns/names/surnames_rare.tsv"),
);
const COMMON: (&str, &str) = (
    "patterns/names/common_words.tsv",
    include_str!("../patterns/names/common_words.tsv"),
);

/// The `[person_name]` table of `patterns/people.toml`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NameRules {
    /// One line for `tacha detectors`.
    pub description: String,
    /// Confidence of each kind of evidence.
    pub confidence: Confidences,
    /// Words that introduce a name.
    pub cues: Cues,
    /// Word lists that shape and veto runs.
    pub words: Words,
    /// Examples for the test suite.
    #[serde(default)]
    pub examples: Examples,
}

/// Confidence of a name for each kind of evidence.
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Confidences {
    /// A cue and an unambiguous dictionary word.
    pub cue: f32,
    /// A cue and only words that are also common words.
    pub cue_common: f32,
    /// A title before one capitalised word missing from the dictionaries.
    pub title_unknown: f32,
    /// No cue: a given name followed by a surname.
    pub pair: f32,
    /// No cue: an ambiguous given name followed by an unambiguous surname.
    pub pair_common: f32,
    /// An e-mail display name.
    pub display: f32,
    /// A value in a name column of a delimited export.
    pub column: f32,
    /// A lone given name that speaks in a transcript (`Helen (IT): can you…`,
    /// `Soporte (Inés): ese token…`) or signs a message on a line of its own (`- Kendra`).
    pub speaker: f32,
    /// A lone word of a name found nearby with evidence (`Please welcome Keisha Morrow…
    /// Keisha starts Monday`).
    pub mention: f32,
}

/// Cue words by kind.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cues {
    /// Labels: the name follows (`Name:`, `Cliente:`, `assigned to`).
    pub labels: Keywords,
    /// Honorifics, kept outside the name (`Mr.`, `Sra.`, `Lic.`).
    pub titles: Keywords,
    /// Greetings (`Dear`, `Hola`).
    pub greetings: Keywords,
    /// Closings: the name is on the next line (`Regards,`, `Saludos,`).
    pub closings: Keywords,
    /// Self-introductions (`my name is`, `soy`).
    pub intros: Keywords,
    /// Questions for a name (`may I have your full name`, `¿nombre del titular?`): the
    /// name is the answer on the next turn of the transcript, as often in lower case.
    #[serde(default)]
    pub asks: Keywords,
    /// Labels of a field that holds a part of a person's name and nothing else (`Last name:`,
    /// `Primer apellido:`): after a `:` or `=`, one capitalised word missing from the
    /// dictionaries is taken for a name, as after a title.
    pub fields: Keywords,
}

/// Word lists.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Words {
    /// Lower-case words allowed inside a name.
    pub particles: Vec<String>,
    /// Post-nominals that end a name.
    pub suffixes: Vec<String>,
    /// Words that make a run an organisation, product or place.
    pub organisations: Vec<String>,
    /// Dictionary words that are not names in this kind of text.
    pub not_names: Vec<String>,
    /// Words that, glued before a label in a key (`city_name`, `fileName`, `host-name`), make
    /// the key name a thing rather than a person.
    pub things: Vec<String>,
    /// Words of a transcript role that make its speaker a program (`Bot (Ava):`, `Sofi
    /// (virtual agent):`): the name it answers to is no person's.
    pub machines: Vec<String>,
    /// Function words that tell a passage's language: a frequent given name that is a common
    /// word in the other language only (`Rosa`, `Lena` in English) is a plain name there.
    pub stopwords: Stopwords,
}

/// See [`Words::stopwords`].
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stopwords {
    /// English function words.
    pub en: Vec<String>,
    /// Spanish function words.
    pub es: Vec<String>,
    /// Bearers a given name needs (`given.tsv`'s count) to be read as a name in the other
    /// language's passage: `Rosa` has 254,284, the given names `Iban` and `Cookie` under a
    /// thousand.
    pub min_given: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    person_name: NameRules,
}

impl NameRules {
    /// The built-in rules.
    pub fn builtin() -> Result<NameRules, CatalogError> {
        let (file, text) = RULES;
        let parsed: RulesFile = toml::from_str(text).map_err(|e| CatalogError::Toml {
            file: file.to_string(),
            message: e.to_string(),
        })?;
        let rules = parsed.person_name;
        let c = rules.confidence;
        for v in [
            c.cue,
            c.cue_common,
            c.title_unknown,
            c.pair,
            c.pair_common,
            c.display,
            c.column,
            c.speaker,
            c.mention,
        ] {
            if !(0.0..=1.0).contains(&v) {
                return Err(CatalogError::Detector {
                    file: file.to_string(),
                    detector: "person_name".into(),
                    message: format!("confidence {v} is outside 0..1"),
                });
            }
        }
        Ok(rules)
    }
}

// Token flags.
const F_GIVEN: u16 = 1;
const F_SURNAME: u16 = 2;
const F_COMMON: u16 = 4;
const F_PARTICLE: u16 = 8;
const F_SUFFIX: u16 = 16;
const F_ORG: u16 = 32;
const F_NOT_NAME: u16 = 64;
const F_TITLE: u16 = 128;
/// A surname far more often than a given name (`Ruiz`, `Jones`): after a comma it starts
/// the next name of a list, not the given name of `SURNAME, Given`.
const F_MAINLY_SURNAME: u16 = 256;
/// A common word in English (`Will`, `Carol`) or in Spanish (`Rosa`, `Lena`): with
/// [`F_COMMON`], and only in a passage of that language, or of no clear language.
const F_COMMON_EN: u16 = 512;
const F_COMMON_ES: u16 = 1024;
/// A given name of at least [`Stopwords::min_given`] bearers.
const F_FREQUENT_GIVEN: u16 = 2048;
const F_NAME: u16 = F_GIVEN | F_SURNAME;

/// What a column's name says of its cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NameColumn {
    /// Not names.
    No,
    /// A person's name: `Requester`, `customer_name`, `Apellidos`.
    Person,
    /// A bare `Name` or `Nombre` (`Name0`, as SCCM writes it): a person's in a help-desk
    /// export, a service's, group's or product's in an admin tool's table.
    Generic,
}

/// Words of column names that only a table of people has (see [`NameColumn::Generic`]).
const PERSON_TABLE_WORDS: &[&[u8]] = &[
    b"employee",
    b"empleado",
    b"customer",
    b"cliente",
    b"patient",
    b"paciente",
    b"member",
    b"afiliado",
    b"contact",
    b"contacto",
    b"staff",
    b"student",
    b"alumno",
    b"mail",
    b"correo",
    b"phone",
    b"tel",
    b"movil",
    b"m\xc3\xb3vil",
    b"celular",
    b"dob",
    b"birth",
    b"nacimiento",
    b"apellido",
    b"surname",
    b"dni",
    b"ssn",
    b"curp",
];

/// Column names that name anything (see [`NameColumn::Generic`]), lower case.
const GENERIC_NAME_COLUMNS: &[&[u8]] = &[
    b"name",
    b"nombre",
    b"names",
    b"nombres",
    b"displayname",
    b"display name",
    b"display_name",
];

/// Whether a word with dictionary flags `f` is plainly a name: a given name or surname and
/// nothing else (no common word, organisation, title, particle or suffix).
fn plain_name(f: u16) -> bool {
    f & F_NAME != 0 && f & (F_COMMON | F_ORG | F_NOT_NAME | F_TITLE | F_PARTICLE | F_SUFFIX) == 0
}

/// The kinds of cue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CueKind {
    Label { colon: bool, field: bool },
    Title,
    Greeting,
    Closing,
    Intro,
    Ask,
}

/// Longest gap between the end of a cue and the start of its name (`Name:   "` …).
const MAX_CUE_GAP: usize = 48;
/// Most name words in one name.
const MAX_WORDS: usize = 6;
/// Longest token looked up in the dictionaries.
const MAX_KEY: usize = 40;

/// The compiled name pass.
#[derive(Clone, Debug)]
pub struct NamePass {
    detector: u32,
    conf: Confidences,
    /// Folded word → flags. A hash map, not an automaton: an Aho-Corasick automaton of the
    /// 68k names took 180 ms to build at every start, the map takes a few.
    lexicon: HashMap<Cow<'static, [u8]>, u16>,
    cues: AhoCorasick,
    cue_owners: Vec<Vec<CueKind>>,
    /// Bit set of the first two bytes (lower case) of every cue.
    cue_pairs: Vec<u64>,
    /// [`Words::things`], in ASCII lower case.
    things: std::collections::HashSet<Vec<u8>>,
    /// [`Words::machines`], in ASCII lower case.
    machines: std::collections::HashSet<Vec<u8>>,
    /// [`Words::stopwords`], in ASCII lower case.
    stop_en: std::collections::HashSet<Vec<u8>>,
    stop_es: std::collections::HashSet<Vec<u8>>,
}

/// Shape of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// `María`, `McDonald`, `O'Brien`.
    Title,
    /// `GARCÍA`.
    Caps,
    /// `J.`
    Initial,
    /// `de`, `van`.
    Lower,
    /// Anything else (`iPhone`, `GitHub`).
    Other,
}

#[derive(Clone, Copy, Debug)]
struct Tok {
    start: usize,
    end: usize,
    shape: Shape,
    flags: u16,
}

/// A run of name-shaped tokens.
#[derive(Clone, Debug, Default)]
struct Run {
    toks: Vec<Tok>,
    /// Index of the first token after an inverted-form comma (`SURNAME, Given`).
    comma: Option<usize>,
    /// The run was cut short at a word that is not a name (`Project Manager`).
    cut: bool,
}

impl Run {
    fn start(&self) -> usize {
        self.toks[0].start
    }
    fn end(&self) -> usize {
        self.toks[self.toks.len() - 1].end
    }
    fn words(&self) -> impl Iterator<Item = &Tok> {
        self.toks
            .iter()
            .filter(|t| matches!(t.shape, Shape::Title | Shape::Caps))
    }
}

impl NamePass {
    /// Compiles the rules and dictionaries. `detector` is the catalog index hits carry.
    pub fn new(rules: &NameRules, detector: u32) -> Result<NamePass, CatalogError> {
        let mut keys: HashMap<Cow<'static, [u8]>, u16> = HashMap::with_capacity(80_000);
        for (file, text, flag) in [
            (GIVEN.0, GIVEN.1, F_GIVEN),
            (SURNAMES.0, SURNAMES.1, F_SURNAME),
            (COMMON.0, COMMON.1, F_COMMON),
        ] {
            for (n, line) in text.lines().enumerate() {
                if line.starts_with('#') || line.trim().is_empty() {
                    continue;
                }
                let mut cols = line.split('\t');
                let key = cols.next().unwrap_or_default();
                let second = cols.next().unwrap_or_default();
                let flag = if flag == F_COMMON {
                    // `common_words.tsv` says in which languages the word is common.
                    second.split(',').fold(flag, |f, l| match l {
                        "en" => f | F_COMMON_EN,
                        "es" => f | F_COMMON_ES,
                        _ => f,
                    })
                } else if flag == F_GIVEN
                    && second
                        .parse::<u32>()
                        .is_ok_and(|n| n >= rules.words.stopwords.min_given)
                {
                    flag | F_FREQUENT_GIVEN
                } else {
                    flag
                };
                if key.len() < 2 || !key.bytes().all(|b| b.is_ascii_uppercase() || b == b'\'') {
                    return Err(CatalogError::Toml {
                        file: file.to_string(),
                        message: format!("line {}: malformed key", n + 1),
                    });
                }
                *keys.entry(Cow::Borrowed(key.as_bytes())).or_default() |= flag;
            }
        }
        for &(k, _) in mainly_surnames() {
            *keys.entry(Cow::Borrowed(k.as_bytes())).or_default() |= F_MAINLY_SURNAME;
        }
        let w = &rules.words;
        for (list, flag) in [
            (&w.particles, F_PARTICLE),
            (&w.suffixes, F_SUFFIX),
            (&w.organisations, F_ORG),
            (&w.not_names, F_NOT_NAME),
        ] {
            for word in list {
                if let Some(k) = fold_key(word.as_bytes()) {
                    *keys.entry(Cow::Owned(k.into_bytes())).or_default() |= flag;
                }
            }
        }
        for word in rules.cues.titles.en.iter().chain(&rules.cues.titles.es) {
            if let Some(k) = fold_key(word.as_bytes()) {
                *keys.entry(Cow::Owned(k.into_bytes())).or_default() |= F_TITLE;
            }
        }
        let lexicon = keys;

        let c = &rules.cues;
        let mut cue_words: Vec<(String, CueKind)> = Vec::new();
        let mut add = |kw: &Keywords, kind: fn(bool) -> CueKind| {
            for word in kw.en.iter().chain(&kw.es) {
                let (w, colon) = match word.strip_suffix(':') {
                    Some(w) => (w, true),
                    None => (word.as_str(), false),
                };
                let w = w.strip_suffix('.').unwrap_or(w);
                for v in variants(w) {
                    cue_words.push((v.to_lowercase(), kind(colon)));
                }
                // A label of several words is also a key: `apellido_paterno`, `primerApellido`
                // (the automaton ignores case), `first_name`.
                if matches!(kind(colon), CueKind::Label { .. }) && w.contains(' ') {
                    for v in variants(w) {
                        let v = v.to_lowercase();
                        cue_words.push((v.replace(' ', "_"), kind(colon)));
                        cue_words.push((v.replace(' ', ""), kind(colon)));
                    }
                }
            }
        };
        add(&c.labels, |colon| CueKind::Label {
            colon,
            field: false,
        });
        add(&c.fields, |colon| CueKind::Label { colon, field: true });
        add(&c.titles, |_| CueKind::Title);
        add(&c.greetings, |_| CueKind::Greeting);
        add(&c.closings, |_| CueKind::Closing);
        add(&c.intros, |_| CueKind::Intro);
        add(&c.asks, |_| CueKind::Ask);
        let mut pats: Vec<String> = Vec::new();
        let mut cue_owners: Vec<Vec<CueKind>> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        for (w, kind) in cue_words {
            let i = *index.entry(w.clone()).or_insert_with(|| {
                pats.push(w);
                cue_owners.push(Vec::new());
                pats.len() - 1
            });
            if !cue_owners[i].contains(&kind) {
                cue_owners[i].push(kind);
            }
        }
        let mut cue_pairs = vec![0u64; 1024];
        for w in &pats {
            let b = w.as_bytes();
            let (x, y) = (b[0], b.get(1).copied().unwrap_or(b' '));
            let k = usize::from(x.to_ascii_lowercase()) << 8 | usize::from(y.to_ascii_lowercase());
            cue_pairs[k >> 6] |= 1 << (k & 63);
        }
        let cues = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .ascii_case_insensitive(true)
            .start_kind(StartKind::Anchored)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&pats)
            .map_err(|e| CatalogError::Toml {
                file: RULES.0.into(),
                message: e.to_string(),
            })?;
        let lower_set = |words: &[String]| {
            words
                .iter()
                .map(|t| t.to_ascii_lowercase().into_bytes())
                .collect()
        };
        let (things, machines) = (lower_set(&w.things), lower_set(&w.machines));
        let (stop_en, stop_es) = (lower_set(&w.stopwords.en), lower_set(&w.stopwords.es));
        Ok(NamePass {
            detector,
            conf: rules.confidence,
            lexicon,
            cues,
            cue_owners,
            cue_pairs,
            things,
            machines,
            stop_en,
            stop_es,
        })
    }

    /// The language of the line around `at` (at most 320 bytes each side), when its function
    /// words make it plain: `F_COMMON_EN` or `F_COMMON_ES`, else 0. A line too short to tell
    /// (`Lena (agent): and phone?`) is read with its neighbours, unless it is a JSON record:
    /// the next line may be another ticket's.
    fn passage_language(&self, hay: &[u8], at: usize) -> u16 {
        const REACH: usize = 320;
        let from = at.saturating_sub(REACH);
        let to = (at + REACH).min(hay.len());
        let line_from = memchr::memrchr(b'\n', &hay[from..at]).map_or(from, |i| from + i + 1);
        let line_to = memchr::memchr(b'\n', &hay[at..to]).map_or(to, |i| at + i);
        let line = &hay[line_from..line_to];
        match self.language_of(line) {
            0 if !line.trim_ascii_start().starts_with(b"{") => self.language_of(&hay[from..to]),
            lang => lang,
        }
    }

    /// `F_COMMON_EN` or `F_COMMON_ES` when `text` has three function words of one language
    /// and at least three times as many as of the other, else 0.
    fn language_of(&self, text: &[u8]) -> u16 {
        const LONGEST: usize = 12;
        let (mut en, mut es) = (0usize, 0usize);
        let mut buf = [0u8; LONGEST];
        for word in text
            .split(|b| !(b.is_ascii_alphabetic() || *b >= 0x80))
            .filter(|w| (2..=LONGEST).contains(&w.len()))
        {
            let lower = &mut buf[..word.len()];
            lower.copy_from_slice(word);
            lower.make_ascii_lowercase();
            en += usize::from(self.stop_en.contains(&lower[..]));
            es += usize::from(self.stop_es.contains(&lower[..]));
        }
        if en >= 3 && en >= 3 * es {
            F_COMMON_EN
        } else if es >= 3 && es >= 3 * en {
            F_COMMON_ES
        } else {
            0
        }
    }

    /// Whether flags `f` are those of a frequent given name that is a common word in one
    /// language only: a plain name in a passage of the other.
    fn may_be_foreign(f: u16) -> bool {
        let langs = f & (F_COMMON_EN | F_COMMON_ES);
        f & F_FREQUENT_GIVEN != 0
            && f & F_COMMON != 0
            && (langs == F_COMMON_EN || langs == F_COMMON_ES)
    }

    /// `Rosa`, `Lena` in English, `Will` in Spanish: clears [`F_COMMON`] from the words of
    /// `toks` (looked up) that are common only in the other language than the passage's
    /// where they start. The passage is read only when one of them may be.
    fn clear_foreign_common(&self, hay: &[u8], toks: &mut [Tok]) {
        if !toks.iter().any(|t| Self::may_be_foreign(t.flags)) {
            return;
        }
        let language = self.passage_language(hay, toks[0].start);
        for t in toks {
            if Self::may_be_foreign(t.flags) && language != 0 && t.flags & language == 0 {
                t.flags &= !F_COMMON;
            }
        }
    }

    /// Whether the label starting at `ks` is the tail of a key whose word before it names a
    /// thing: `city_name`, `fileName`, `host-name` (see [`Words::things`]).
    fn names_a_thing(&self, hay: &[u8], ks: usize) -> bool {
        let glued = match ks.checked_sub(1).map(|i| hay[i]) {
            Some(b'_' | b'-') => ks - 1,
            Some(b) if camel_joint(b, hay[ks]) => ks,
            _ => return false,
        };
        let len = hay[..glued]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        len > 0
            && self
                .things
                .contains(&hay[glued - len..glued].to_ascii_lowercase())
    }

    /// Dictionary flags of a folded key.
    fn lookup(&self, key: &[u8]) -> u16 {
        match self.lexicon.get(key).copied().unwrap_or(0) {
            // Its keys have four letters or more, and none is a word of the lists above.
            f if key.len() >= 4
                && f & (F_SURNAME | F_NOT_NAME | F_ORG | F_TITLE | F_PARTICLE) == 0
                && sorted_key_in(RARE_SURNAMES.1.as_bytes(), key) =>
            {
                f | F_SURNAME
            }
            f => f,
        }
    }

    /// Flags of a token: its folded form, or for `García-Márquez` the parts (a hyphenated
    /// token is a surname when every part is one, a given name when every part is one).
    fn token_flags(&self, word: &[u8]) -> u16 {
        let mut buf = [0u8; MAX_KEY];
        let Some(n) = fold_into(word, &mut buf) else {
            return 0;
        };
        let key = &buf[..n];
        if !key.contains(&b'-') {
            return self.lookup(key);
        }
        let mut whole = [0u8; MAX_KEY];
        let mut w = 0;
        for &b in key.iter().filter(|&&b| b != b'-') {
            whole[w] = b;
            w += 1;
        }
        let mut f = self.lookup(&whole[..w]) & !F_COMMON;
        let (mut all_given, mut all_surname, mut any) = (true, true, 0u16);
        for part in key.split(|&b| b == b'-') {
            let pf = self.lookup(part);
            all_given &= pf & F_GIVEN != 0;
            all_surname &= pf & F_SURNAME != 0;
            any |= pf;
        }
        if all_given {
            f |= F_GIVEN;
        }
        if all_surname {
            f |= F_SURNAME;
        }
        f | (any & (F_ORG | F_NOT_NAME))
    }

    /// Finds names starting in `range` and appends hits. `limit` bounds how far a name may
    /// extend; `header` is the document's delimited header line, if any.
    ///
    /// One walk over the words: at each word start a two-byte filter and an anchored
    /// Aho-Corasick lookup recognise cues; at each capitalised word a run is read, and looked
    /// up in the dictionaries only when it could be a name without a cue (two words or more,
    /// a display name, a name column).
    pub fn scan(
        &self,
        hay: &[u8],
        range: Range<usize>,
        limit: usize,
        header: Option<&Header>,
        out: &mut Vec<Hit>,
    ) {
        let limit = limit.min(hay.len());
        let base = out.len();
        let mut last_end = 0usize;
        let mut push = |s: usize, e: usize, conf: f32, last_end: &mut usize| {
            if s < range.start || s >= range.end || s < *last_end {
                return;
            }
            // The header line holds column names (`"Client IP"`, `Requester`), not names.
            if header.is_some_and(|h| h.on_header_line(hay, s)) {
                return;
            }
            *last_end = e;
            out.push(Hit {
                detector: self.detector,
                start: s,
                end: e,
                confidence: (conf * 100.0).round() / 100.0,
                test_data: false,
            });
        };
        // Lone capitalised words the walk passed over: mentions of a name found nearby?
        let mut lone: Vec<(usize, usize)> = Vec::new();
        let name_cols = header.map(|h| self.name_columns(h)).unwrap_or_default();
        // Cues may sit a little before the range and introduce a name inside it.
        let mut i = range.start.saturating_sub(MAX_CUE_GAP);
        while i < range.end && i > 0 && is_letter_byte(hay[i - 1]) {
            i += 1;
        }
        let mut starts = WordStarts::default();
        // The answer to a question for a name, read on the next turn: pushed when the walk
        // reaches it, so that the speaker label before it is read first.
        let mut answer: Option<(usize, usize, f32)> = None;
        while i < range.end {
            if let Some((s, e, conf)) = answer.filter(|a| i >= a.0) {
                push(s, e, conf, &mut last_end);
                answer = None;
                if i < e {
                    i = e;
                    continue;
                }
            }
            if !is_letter_byte(hay[i]) {
                match starts.next(hay, i, range.end) {
                    Some(p) => i = p,
                    None => break,
                }
            }
            let b = hay[i];
            // A word starts at `i`: a cue?
            if i + 1 < limit && self.cue_start(b, hay[i + 1]) {
                if let Some(m) = self
                    .cues
                    .find(Input::new(&hay[i..limit]).anchored(Anchored::Yes))
                {
                    let ke = i + m.end();
                    if cue_bounded(hay, i, ke) {
                        let found =
                            self.cue_owners[m.pattern().as_usize()]
                                .iter()
                                .find_map(|&kind| {
                                    self.after_cue(hay, i, ke, limit, kind).map(|f| (f, kind))
                                });
                        if let Some((a, CueKind::Ask)) = found {
                            answer = Some(a);
                            i = ke;
                            continue;
                        }
                        if let Some(((s, mut e, conf), _)) = found {
                            push(s, e, conf, &mut last_end);
                            // `"given":["Astrid","Maribel"]`: the label names every item.
                            while let Some((ns, ne)) = self.next_list_item(hay, s, e, limit) {
                                push(ns, ne, conf, &mut last_end);
                                e = ne;
                            }
                            i = e;
                            continue;
                        }
                    }
                }
            }
            if i < range.start || !starts_upper(hay, i) {
                i = skip_word(hay, i, limit);
                continue;
            }
            // A capitalised word: a name without a cue?
            let run = self.read_run(hay, i, limit, true);
            // After a rejected run, the scan resumes at its end; after one read as a list
            // (`Ana Ruiz, Luis Mesa`), at the item after the comma.
            let next = run.as_ref().map_or(0, |r| r.end());
            let after_comma = run.as_ref().and_then(|r| r.comma.map(|c| r.toks[c].start));
            let found = run.and_then(|mut run| {
                let display = display_name_follows(hay, run.end(), limit);
                let column_kind = header
                    .filter(|h| {
                        !name_cols.is_empty()
                            && cell_bounded(hay, run.start(), run.end(), h.delimiter())
                            && h.header_text_at(hay, run.start()).is_none()
                    })
                    .and_then(|h| name_cols.get(h.column_of(hay, run.start())).copied())
                    .unwrap_or(NameColumn::No);
                let column = column_kind != NameColumn::No;
                if run.words().count() < 2 && !display && !column {
                    if let [tok] = run.toks[..] {
                        if tok.shape == Shape::Title {
                            if let Some(conf) = self.lone_decision(hay, tok, limit) {
                                return Some((tok.start, tok.end, conf));
                            }
                        }
                        // A lone word may repeat a name found nearby (`MARIA` of `Maria
                        // Gutierrez-Lopez`), decided once the walk is done.
                        if matches!(tok.shape, Shape::Title | Shape::Caps)
                            && !header.is_some_and(|h| h.on_header_line(hay, tok.start))
                        {
                            lone.push((tok.start, tok.end));
                        }
                    }
                    return None;
                }
                self.lookup_run(hay, &mut run, column);
                let conf = if column {
                    // A bare `Name` column names services, groups and products as often as
                    // people: there a word no dictionary knows is no name.
                    self.cue_decision(&mut run, true, true).and_then(|c| {
                        if c > 0.0 {
                            Some(self.conf.column)
                        } else {
                            (column_kind == NameColumn::Person).then_some(self.conf.title_unknown)
                        }
                    })
                } else if display {
                    self.cue_decision(&mut run, true, false)
                        .map(|_| self.conf.display)
                } else if let Some(marked) = (!run.toks.is_empty())
                    .then(|| self.run_speaks(hay, &run, limit))
                    .flatten()
                {
                    // `[5/3/24, 10:15:02] Memo Garza: el apellido…`, `-- Bram de Vries, IT`
                    let mut alt = run.clone();
                    match self.pair_decision(&mut run) {
                        Some(c) => Some(c),
                        None => {
                            let c = self.speaker_decision(&mut alt, marked);
                            run = alt;
                            c
                        }
                    }
                } else {
                    // `Malcolm Oyelaran, MD`, `K. Whitman, RN`: a post-nominal vouches for a
                    // surname the dictionaries lack after a given name. (The run is kept for
                    // it only when one follows: `pair_decision` trims what it rejects.)
                    let before = (!run.toks.is_empty()
                        && self.post_nominal_follows(hay, run.end(), limit))
                    .then(|| run.clone());
                    self.pair_decision(&mut run).or_else(|| {
                        run = before?;
                        self.post_nominal_decision(hay, &mut run, limit)
                    })
                }?;
                Some((run.start(), run.end(), conf))
            });
            let next = match (found, after_comma) {
                (Some((s, e, conf)), _) => {
                    push(s, e, conf, &mut last_end);
                    match after_comma {
                        Some(c) if c > e => c,
                        _ => next,
                    }
                }
                (None, Some(c)) => c,
                (None, None) => next,
            };
            i = next.max(skip_word(hay, i, limit));
        }
        if let Some((s, e, conf)) = answer {
            push(s, e, conf, &mut last_end);
        }
        if out.len() > base {
            let mut found = self.lowercase_mentions(hay, &out[base..], &range);
            if !lone.is_empty() {
                let capital = self.mentions(hay, &out[base..], &lone);
                found.extend(capital);
            }
            if !found.is_empty() {
                out.extend(found);
                out[base..].sort_unstable_by_key(|h| h.start);
            }
        }
    }

    /// A lone given name that is a speaker label (`Helen (IT): can you…`, `[10:02] Carla
    /// (Agent): Thanks…`, `Soporte (Inés): ese token…`) or a signature on a line of its own
    /// (`- Kendra`, or after a blank line): the transcript's and the letter's shape is the
    /// cue. Words that are also common words (`Will`, `Mark`, `Grant`) never qualify.
    fn lone_decision(&self, hay: &[u8], tok: Tok, limit: usize) -> Option<f32> {
        let (s, e) = (tok.start, tok.end);
        if !(may_speak(hay, e, limit) && self.speaks(hay, s, e, limit).is_some()
            || signs(hay, s, e, limit))
        {
            return None;
        }
        let mut tok = Tok {
            flags: self.token_flags(&hay[s..e]),
            ..tok
        };
        self.clear_foreign_common(hay, std::slice::from_mut(&mut tok));
        let f = tok.flags;
        (f & F_GIVEN != 0 && f & (F_COMMON | F_ORG | F_NOT_NAME | F_TITLE) == 0)
            .then_some(self.conf.speaker)
    }

    /// Whether a run of words speaks in a transcript (`Memo Garza: …`) or signs after a dash
    /// (`-- Bram de Vries, Network Team`): `Some(marked)`, where `marked` says the line
    /// also carries a chat's bracketed time stamp or a signature's dash.
    fn run_speaks(&self, hay: &[u8], run: &Run, limit: usize) -> Option<bool> {
        let (s, e) = (run.start(), run.end());
        if may_speak(hay, e, limit) {
            return self.speaks(hay, s, e, limit);
        }
        let at = |p: usize| hay.get(p).copied().filter(|_| p < limit);
        let ends = matches!(
            at(e),
            None | Some(b',' | b'\n' | b'\r' | b'"' | b'\\' | b' ')
        );
        // A dash ends the bytes before the run (`-`, `~`, or the last byte of `—` or `–`)
        // before the line is looked at.
        let dash_before = hay[..s]
            .trim_ascii_end()
            .last()
            .is_some_and(|b| matches!(b, b'-' | b'~' | 0x93 | 0x94));
        let signs = ends
            && dash_before
            && line_head(hay, s).is_some_and(|(head, _)| dash_marker(head.trim_ascii()));
        signs.then_some(true)
    }

    /// Whether `s..e` speaks in a transcript (see [`speaks`]) under a role that is no
    /// program's: `Bot (Ava):` and `Sofi (virtual agent):` are a chatbot's turns.
    fn speaks(&self, hay: &[u8], s: usize, e: usize, limit: usize) -> Option<bool> {
        let (stamped, role) = speaks(hay, s, e, limit)?;
        let machine = role
            .split(|b| !b.is_ascii_alphabetic())
            .any(|w| !w.is_empty() && self.machines.contains(&w.to_ascii_lowercase()));
        (!machine).then_some(stamped)
    }

    /// A speaker's or signer's run (see [`Self::run_speaks`]) is a name when its words are
    /// name words, the first a given name, and one no common word. On a `marked` line a
    /// word missing from the dictionaries may stand beside a plain given name first or a
    /// plain surname last (`Memo Garza`, `Bram de Vries`).
    fn speaker_decision(&self, run: &mut Run, marked: bool) -> Option<f32> {
        if !self.trim(run) || run.comma.is_some() {
            return None;
        }
        let words: Vec<&Tok> = run.words().collect();
        if words.len() < 2 || words.iter().any(|t| t.shape != Shape::Title) {
            return None;
        }
        let plain = |t: &Tok, flag: u16| t.flags & flag != 0 && t.flags & F_COMMON == 0;
        let known = words.iter().all(|t| t.flags & F_NAME != 0)
            && words[0].flags & F_GIVEN != 0
            && words.iter().any(|t| t.flags & F_COMMON == 0);
        // A time-stamped speaker: no common word, or a plain given name first and then
        // surnames, common or not, and words no list knows (`[14:05] Wilma Condori Flores:`).
        let marked_ok = marked
            && (words.iter().all(|t| t.flags & F_COMMON == 0)
                && (plain(words[0], F_GIVEN) || plain(words[words.len() - 1], F_SURNAME))
                || plain(words[0], F_GIVEN)
                    && words[1..]
                        .iter()
                        .all(|t| t.flags & F_SURNAME != 0 || t.flags == 0));
        (known || marked_ok).then_some(self.conf.speaker)
    }

    /// The next item of a JSON array of strings after the name at `s..e` (`["Astrid",
    /// "Maribel"]`), or of a pair joined by a conjunction (`hijo de Tomás y de Purificación`,
    /// `Javier y Maite Lacalle`, `Ana and Luis Ortega`), when it is a capitalised name word:
    /// its span.
    fn next_list_item(
        &self,
        hay: &[u8],
        s: usize,
        e: usize,
        limit: usize,
    ) -> Option<(usize, usize)> {
        for joint in [&b" y de "[..], b" y ", b" e ", b" and ", b" & "] {
            let p = e + joint.len();
            if hay[e..limit].starts_with(joint) && starts_upper(hay, p) {
                let mut run = self.read_run(hay, p, limit, false)?;
                self.lookup_run(hay, &mut run, false);
                self.cue_decision(&mut run, true, false)?;
                return Some((run.start(), run.end()));
            }
        }
        let quote = *hay.get(e).filter(|&&b| b == b'"' || b == b'\'')?;
        let opened = s >= 2 && hay[s - 1] == quote && matches!(hay[s - 2], b'[' | b',' | b' ');
        if !opened {
            return None;
        }
        let mut p = skip(hay, e + 1, limit, b" ");
        if hay.get(p) != Some(&b',') {
            return None;
        }
        p = skip(hay, p + 1, limit, b" ");
        if hay.get(p) != Some(&quote) || !starts_upper(hay, p + 1) {
            return None;
        }
        let mut run = self.read_run(hay, p + 1, limit, false)?;
        if hay.get(run.end()) != Some(&quote) {
            return None;
        }
        self.lookup_run(hay, &mut run, false);
        self.cue_decision(&mut run, true, false)?;
        Some((run.start(), run.end()))
    }

    /// The lone words of `lone` (sorted) that repeat a word of a name among `hits` (sorted)
    /// no further than [`MENTION_WINDOW`] bytes away: `Please welcome Keisha Morrow… Keisha
    /// starts Monday`, `To: Joaquin Reyes … Joaquin,`. Only names found with at least a
    /// pair's confidence lend their words, and only words that are plainly names (not also
    /// common words, organisation words or particles). A possessive `'s` stays outside.
    fn mentions(&self, hay: &[u8], hits: &[Hit], lone: &[(usize, usize)]) -> Vec<Hit> {
        let mut buf = [0u8; MAX_KEY];
        let mut words: Vec<(usize, Vec<u8>)> = Vec::new();
        for h in hits.iter().filter(|h| h.confidence >= self.conf.pair) {
            for t in tokens(hay, h.start, h.end) {
                let word = &hay[t.start..t.end];
                if matches!(t.shape, Shape::Title | Shape::Caps) && word.len() >= 3 {
                    let plain = plain_name(self.token_flags(word));
                    if let Some(n) = fold_into(word, &mut buf).filter(|_| plain) {
                        words.push((h.start, buf[..n].to_vec()));
                    }
                }
            }
        }
        let mut found = Vec::new();
        if words.is_empty() {
            return found;
        }
        // A filter on the first two and the last letter of the words, for the lone words
        // spelt in ASCII: most are ruled out before they are folded.
        let mut filter = [0u64; 64];
        for (_, w) in &words {
            let k = letters_key(w[0], w[1], w[w.len() - 1]);
            filter[k >> 6] |= 1 << (k & 63);
        }
        for &(s, e) in lone {
            let word = &hay[s..e];
            // `ssid="Marchbanks-5G"`, quoted-printable `d=C3=ADa`: part of a token, no mention.
            let glued_before = s > 0 && b"-_@./=\\".contains(&hay[s - 1]);
            let glued_after = hay.get(e).is_some_and(|&b| {
                b"-_@".contains(&b)
                    || b"./".contains(&b) && hay.get(e + 1).is_some_and(u8::is_ascii_alphanumeric)
            });
            let odd =
                word.len() > 2 && word[1].is_ascii_uppercase() && !word[2].is_ascii_uppercase();
            if glued_before || glued_after || odd {
                continue;
            }
            let e = if word.ends_with(b"'s") {
                e - 2
            } else if word.ends_with("\u{2019}s".as_bytes()) {
                e - 4
            } else {
                e
            };
            let lo = words.partition_point(|w| w.0 + MENTION_WINDOW < s);
            if words.get(lo).is_none_or(|w| w.0 > s + MENTION_WINDOW) {
                continue;
            }
            let (a, b, z) = (hay[s], hay[s + 1], hay[e - 1]);
            if a.is_ascii() && b.is_ascii() && z.is_ascii() {
                let k = letters_key(a, b, z);
                if filter[k >> 6] & (1 << (k & 63)) == 0 {
                    continue;
                }
            }
            let Some(n) = fold_into(&hay[s..e], &mut buf) else {
                continue;
            };
            let key = &buf[..n];
            let near = words[lo..]
                .iter()
                .take_while(|w| w.0 <= s + MENTION_WINDOW)
                .any(|w| w.1 == key);
            if near {
                found.push(self.mention(s, e));
            }
        }
        found
    }

    /// A lone word of a name found nearby, at `start..end`.
    fn mention(&self, start: usize, end: usize) -> Hit {
        Hit {
            detector: self.detector,
            start,
            end,
            confidence: self.conf.mention,
            test_data: false,
        }
    }

    /// The words of a name typed in lower case (`yeah it's angela price`), repeated in lower
    /// case nearby (`thank you angela`): a speech-to-text transcript writes every name so.
    /// Only the name's own words that are given names or surnames and no common word count,
    /// each where it stands alone as a word outside any name found.
    fn lowercase_mentions(&self, hay: &[u8], hits: &[Hit], range: &Range<usize>) -> Vec<Hit> {
        let mut found: Vec<Hit> = Vec::new();
        for h in hits.iter().filter(|h| h.confidence >= self.conf.pair) {
            let name = String::from_utf8_lossy(&hay[h.start..h.end]);
            if name.chars().any(char::is_uppercase) {
                continue;
            }
            for t in tokens(hay, h.start, h.end) {
                let word = &hay[t.start..t.end];
                if word.len() < 3 || !plain_name(self.token_flags(word)) {
                    continue;
                }
                let lo = h.start.saturating_sub(MENTION_WINDOW).max(range.start);
                // A mention starts in the range; it may end past it.
                let hi = ((h.end + MENTION_WINDOW).min(range.end) + word.len()).min(hay.len());
                for at in memchr::memmem::find_iter(&hay[lo..hi], word) {
                    let (s, e) = (lo + at, lo + at + word.len());
                    let alone = (s == 0
                        || !is_letter_byte(hay[s - 1]) && !hay[s - 1].is_ascii_digit())
                        && hay
                            .get(e)
                            .is_none_or(|&b| !is_letter_byte(b) && !b.is_ascii_digit());
                    let inside = s >= range.end || hits.iter().any(|o| o.start < e && s < o.end);
                    if alone && !inside && !found.iter().any(|o| o.start == s) {
                        found.push(self.mention(s, e));
                    }
                }
            }
        }
        found
    }

    /// Whether a cue can start with these two bytes (ASCII case folded): most words of a log
    /// are ruled out here, before any automaton runs.
    fn cue_start(&self, a: u8, b: u8) -> bool {
        let k = usize::from(a.to_ascii_lowercase()) << 8 | usize::from(b.to_ascii_lowercase());
        self.cue_pairs[k >> 6] & (1 << (k & 63)) != 0
    }

    /// Which columns of a header hold names (`name`, `requester_name`, `nombre`; not a mother's
    /// maiden name column, which has its own detector).
    fn name_columns(&self, header: &Header) -> Vec<NameColumn> {
        let mut cols: Vec<NameColumn> = header
            .fields()
            .map(|f| {
                let f = column_name(f);
                // A flattened object's field is named by its last part: in
                // `client.geographicalContext.city` the city is the client's, no name.
                let f = match f.iter().rposition(|&b| b == b'.') {
                    Some(i) if i + 1 < f.len() => &f[i + 1..],
                    _ => f,
                };
                let lower = f.to_ascii_lowercase();
                let lower = lower.trim_ascii_end();
                if [
                    &b"materno"[..],
                    b"maiden",
                    b"madre",
                    b"mother",
                    b"soltera",
                    b"mmn",
                    b"file",
                    b"host",
                    b"user",
                    b"usuario",
                    b"product",
                    b"company",
                    b"empresa",
                ]
                .iter()
                .any(|w| memchr::memmem::find(lower, w).is_some())
                {
                    return NameColumn::No;
                }
                let named = (0..f.len()).any(|i| {
                    let word_start = i == 0 || !f[i - 1].is_ascii_alphanumeric();
                    word_start
                        && f[i].is_ascii_alphabetic()
                        && self
                            .cues
                            .find(Input::new(&f[i..]).anchored(Anchored::Yes))
                            .is_some_and(|m| {
                                // A key label (`first:`, `name:`) names the column only as its
                                // last word: `buyer_first`, `customer_name`, not `first_seen`.
                                let end = i + m.end();
                                let last = f[end..].iter().all(|b| !b.is_ascii_alphanumeric());
                                cue_bounded(f, i, end)
                                    && self.cue_owners[m.pattern().as_usize()].iter().any(
                                        |k| matches!(k, CueKind::Label { colon, .. } if !colon || last),
                                    )
                            })
                });
                let bare = &lower[..lower.len() - lower.iter().rev().take_while(|b| b.is_ascii_digit()).count()];
                match (named, GENERIC_NAME_COLUMNS.contains(&bare)) {
                    (false, _) => NameColumn::No,
                    (true, true) => NameColumn::Generic,
                    (true, false) => NameColumn::Person,
                }
            })
            .collect();
        // Beside another name column, or a column only people have (an e-mail, a phone, a
        // birth date, an employee number), a bare `Name` is a person's.
        let people = cols.contains(&NameColumn::Person)
            || header.fields().any(|f| {
                let lower = column_name(f).to_ascii_lowercase();
                PERSON_TABLE_WORDS
                    .iter()
                    .any(|w| memchr::memmem::find(&lower, w).is_some())
            });
        if people {
            for c in cols.iter_mut().filter(|c| **c == NameColumn::Generic) {
                *c = NameColumn::Person;
            }
        }
        cols
    }

    /// Reads the name a cue at `ks..ke` introduces, if any: `(start, end, confidence)`.
    fn after_cue(
        &self,
        hay: &[u8],
        ks: usize,
        ke: usize,
        limit: usize,
        kind: CueKind,
    ) -> Option<(usize, usize, f32)> {
        let at = |p: usize| hay.get(p).copied().filter(|_| p < limit);
        let mut p = ke;
        let titled;
        // A label followed by `:` or `=` (`Customer: Reed`, `"lastName":"Reed"`) is as firm
        // as one declared with its colon.
        let mut separated = false;
        match kind {
            CueKind::Title => {
                if at(p) == Some(b'.') {
                    p += 1;
                }
                if at(p) != Some(b' ') {
                    return None;
                }
                p = skip(hay, p, limit, b" ");
                if !starts_upper(hay, ks) {
                    return self.after_lowercase_title(hay, ks, p, limit);
                }
                titled = true;
            }
            CueKind::Label { .. } if self.names_a_thing(hay, ks) => return None,
            CueKind::Label { colon, .. } => {
                // `Nombre(s):`, `Beneficiario(a):`
                for suffix in [&b"(s)"[..], b"(a)", b"(as)", b"(es)", b"(os)"] {
                    if hay[p..limit].starts_with(suffix) {
                        p += suffix.len();
                        break;
                    }
                }
                p = skip(hay, p, limit, b" \t\"')\\");
                // Dot leaders of a screen or a form: `NOMBRE.....: GARZA TREVIÑO MARISELA`.
                let dots = skip(hay, p, limit, b".");
                if dots - p >= 2 && matches!(at(skip(hay, dots, limit, b" ")), Some(b':')) {
                    p = skip(hay, dots, limit, b" ");
                }
                // `el nuevo ingreso (Milagros Cabañas, nac. …)`
                if at(p) == Some(b'(') && !colon && starts_upper(hay, p + 1) {
                    p += 1;
                }
                // An XML element is a key too: `<given>Eleanor</given>`, and so is one whose
                // name the label ends: `<FirstSurname>Arrieta</FirstSurname>`.
                let element = at(p) == Some(b'>') && p == ke && element_name_ends_at(hay, ks);
                // A SAML attribute: `<saml2:Attribute Name="nombre"><saml2:AttributeValue>
                // Ainhoa<`, the value in a child element (see `keyed::element_text`).
                let attribute = at(p) == Some(b'>')
                    && p == ke + 1
                    && ks >= 6
                    && hay[ks - 1] == b'"'
                    && hay[..ks - 1].ends_with(b"Name=");
                if attribute {
                    if let Some((vs, _)) = crate::keyed::element_text(hay, p + 1) {
                        if vs < limit {
                            p = vs;
                            separated = true;
                        }
                    }
                } else if matches!(at(p), Some(b':' | b'=')) || element {
                    // Not after a bracket: `Comentario de Jorge (solicitante): La impresora`.
                    separated = !hay[ke..p].contains(&b')');
                    p += 1;
                    // Ruby and PHP hashes: `:contact=>"Petra Lindqvist"`, `'name' => 'Ana'`.
                    if !element && at(p - 1) == Some(b'=') && at(p) == Some(b'>') {
                        p += 1;
                    }
                } else {
                    // An identity card's fields, label and value in capitals on one line, no
                    // colon (`NOMBRE CERVANTES LUNA ITZEL`, `APELLIDOS NAVARRO GIL`).
                    let name_field = matches!(kind, CueKind::Label { field: true, .. })
                        || [&b"nombre"[..], b"name"]
                            .iter()
                            .any(|w| hay[ks..ke].eq_ignore_ascii_case(w));
                    let caps_field = name_field
                        && p == ke + 1
                        && at(ke) == Some(b' ')
                        && !hay[ks..ke].iter().any(u8::is_ascii_lowercase)
                        && read_token(hay, p, limit).is_some_and(|t| t.shape == Shape::Caps)
                        && memchr::memchr(b'\n', &hay[p..limit])
                            .map_or(&hay[p..limit], |n| &hay[p..p + n])
                            .iter()
                            .all(|b| !b.is_ascii_lowercase());
                    if caps_field {
                        separated = true;
                    } else if colon {
                        return None;
                    }
                }
                // `"given":["Astrid"]`: the first of a list of names.
                p = skip(hay, p, limit, b" \t\"'\\[");
                titled = self.skip_title(hay, &mut p, limit);
            }
            CueKind::Greeting | CueKind::Intro => {
                p = skip(hay, p, limit, b" ");
                if at(p) == Some(b',') {
                    p = skip(hay, p + 1, limit, b" ");
                }
                titled = self.skip_title(hay, &mut p, limit);
            }
            CueKind::Ask => return self.answer_after_ask(hay, ke, limit),
            CueKind::Closing => {
                if matches!(at(p), Some(b',' | b'.' | b'!')) {
                    p += 1;
                }
                p = skip(hay, p, limit, b" \t");
                p = skip_newline(hay, p, limit)?;
                p = skip(hay, p, limit, b" \t");
                titled = self.skip_title(hay, &mut p, limit);
            }
        }
        if kind == CueKind::Intro && !titled && p < limit && is_letter_byte(hay[p]) {
            if let Some(tok) = read_token(hay, p, limit).filter(|t| t.shape == Shape::Lower) {
                return self.lowercase_intro(hay, tok, limit);
            }
        }
        if p >= limit
            || p - ke > MAX_CUE_GAP
            || !(starts_upper(hay, p) || self.particle_then_name(hay, p, limit))
        {
            return None;
        }
        let inverted = matches!(kind, CueKind::Label { .. });
        let mut run = self.read_run(hay, p, limit, inverted)?;
        self.lookup_run(hay, &mut run, false);
        if run.toks.is_empty() {
            return None;
        }
        let after = run.end();
        match kind {
            CueKind::Greeting => {
                // `Hi Rachel,` / `Dear Will\n`: the name ends the greeting.
                let ok = at(after).is_none_or(|b| b",!:;.\r\n)-\\".contains(&b))
                    || at(after) == Some(b' ') && matches!(at(after + 1), Some(b'-' | 0xE2));
                if !ok {
                    return None;
                }
            }
            CueKind::Closing => {
                let ok = at(after).is_none_or(|b| b",\r\n\\|".contains(&b));
                if !ok {
                    return None;
                }
            }
            CueKind::Label { .. } => {
                // `Agent: To verify your identity…`, `Agente: Con gusto`: a common word that
                // opens a sentence after a speaker label is no name.
                let sentence = run.words().count() == 1
                    && run.toks[0].flags & F_COMMON != 0
                    && !titled
                    && at(after) == Some(b' ')
                    && read_token(hay, after + 1, limit).is_some_and(|t| t.shape == Shape::Lower);
                if sentence {
                    return None;
                }
            }
            _ => {}
        }
        // Parentage is as firm as a label's colon: `hijo de Tomás`, `viuda de D. Eusebio`.
        let parentage = kind == CueKind::Intro && hay[ks..ke].ends_with(b" de");
        let colon = separated
            || parentage
            || !matches!(kind, CueKind::Label { colon: false, .. } | CueKind::Intro);
        // A name field's label with its `:` vouches for an unknown word as a title does.
        let vouched = titled || separated && matches!(kind, CueKind::Label { field: true, .. });
        let conf = self.cue_decision(&mut run, colon || titled, vouched)?;
        // An unknown word glued to `_` is an identifier (`<fullName>Mothers_Maiden_Name__c`).
        if conf == 0.0 && !titled && at(after) == Some(b'_') {
            return None;
        }
        let conf =
            if vouched && conf == 0.0 && matches!(kind, CueKind::Title | CueKind::Label { .. }) {
                self.conf.title_unknown
            } else {
                conf
            };
        if conf <= 0.0 {
            return None;
        }
        // A greeting names a person by the first word: `Dear Customer` is not one.
        if kind == CueKind::Greeting && !titled && run.toks[0].flags & F_GIVEN == 0 {
            return None;
        }
        Some((run.start(), run.end(), conf))
    }

    /// A name typed in lower case after an introduction, as chat users write (`hola soy karla
    /// muñoz`, `hi my name is gabe horvath`): a given name that is no common word, and the
    /// plain surnames after it. A common word (`i'm will`, `soy nuevo`) is no name.
    fn lowercase_intro(&self, hay: &[u8], first: Tok, limit: usize) -> Option<(usize, usize, f32)> {
        let plain = |t: &Tok, flag: u16| {
            let f = self.token_flags(&hay[t.start..t.end]);
            f & flag != 0 && f & (F_COMMON | F_ORG | F_NOT_NAME | F_TITLE | F_PARTICLE) == 0
        };
        if !plain(&first, F_GIVEN) {
            return None;
        }
        let mut end = first.end;
        for _ in 0..2 {
            if hay.get(end) != Some(&b' ') {
                break;
            }
            match read_token(hay, end + 1, limit) {
                Some(t) if t.shape == Shape::Lower && plain(&t, F_SURNAME) => end = t.end,
                _ => break,
            }
        }
        // The name ends the clause: `soy karla, necesito…`, `my name is gabe horvath\n`.
        let next = hay.get(end).copied().filter(|_| end < limit);
        // Or a word that opens what the speaker says next: `my name is travis may I have…`,
        // `this is tony from IT`, `le habla yesenia de farmacia`.
        let follower = next == Some(b' ')
            && read_token(hay, end + 1, limit).is_some_and(|t| {
                t.shape == Shape::Lower && INTRO_FOLLOWERS.contains(&&hay[t.start..t.end])
            });
        let ends = next.is_none_or(|b| b",.;:!?)\r\n\\\"".contains(&b))
            || next == Some(b' ') && hay.get(end + 1).is_some_and(|b| !is_letter_byte(*b))
            || follower;
        let with_surname = end > first.end;
        (ends || with_surname).then_some((first.start, end, self.conf.cue_common))
    }

    /// The name given on the turn after a question for it (`AGENT: and your full name` /
    /// `CALLER: yeah it's angela price`; `¿nombre del titular?` / `[cliente] blanca estela
    /// soto`). The question ends its line within a few words; the next line is a turn (a
    /// speaker label, maybe after a time stamp) whose first words, after fillers such as
    /// `yeah it's` or `sí, es`, are two to four name words, in any case, that end the line
    /// or a clause: a given name first, then given names, surnames, one lower-case initial,
    /// or words no dictionary knows, which the question vouches for as a title does. An
    /// ordinary word, an organisation or a digit ends the reading with no name.
    fn answer_after_ask(&self, hay: &[u8], ke: usize, limit: usize) -> Option<(usize, usize, f32)> {
        let line_end = memchr::memchr(b'\n', &hay[ke..limit.min(ke + ASK_TAIL + 1)])? + ke;
        if hay[ke..line_end].iter().any(u8::is_ascii_digit) {
            return None;
        }
        let mut p = turn_body(hay, line_end + 1, limit)?;
        for _ in 0..3 {
            let Some(t) = read_token(hay, p, limit) else {
                break;
            };
            let w = hay[t.start..t.end].to_ascii_lowercase();
            if !ANSWER_FILLERS.contains(&w.as_slice()) {
                break;
            }
            p = skip(hay, t.end, limit, b" ,");
        }
        let mut toks: Vec<Tok> = Vec::new();
        let mut end = p;
        while toks.len() < 4 {
            let Some(mut t) = read_token(hay, end, limit) else {
                break;
            };
            let word = &hay[t.start..t.end];
            t.flags = self.token_flags(word);
            let initial = word.len() == 1 && !toks.is_empty();
            let refused = t.flags & (F_COMMON | F_ORG | F_NOT_NAME | F_TITLE | F_PARTICLE) != 0
                && t.flags & F_NAME == 0;
            if !matches!(
                t.shape,
                Shape::Lower | Shape::Title | Shape::Caps | Shape::Initial
            ) || refused
                || (word.len() < 2 && !initial)
            {
                break;
            }
            toks.push(t);
            end = t.end;
            if hay.get(end) != Some(&b' ') {
                break;
            }
            end += 1;
        }
        // Trailing initials and the space after the last word are no part of the name.
        while toks.last().is_some_and(|t| t.end - t.start == 1) {
            toks.pop();
        }
        let (first, last) = (toks.first()?, toks.last()?);
        let e = last.end;
        let given = first.flags & F_GIVEN != 0;
        let known = toks.iter().filter(|t| t.flags & F_NAME != 0).count();
        let plain = toks
            .iter()
            .any(|t| t.flags & F_NAME != 0 && t.flags & F_COMMON == 0);
        if toks.len() < 2 || !given || known * 2 < toks.len() || !plain {
            return None;
        }
        let next = hay.get(e).copied().filter(|_| e < limit);
        let ends = next.is_none_or(|b| b",.;!?)\r\n\\\"".contains(&b))
            || next == Some(b' ')
                && hay
                    .get(e + 1)
                    .is_some_and(|b| matches!(b, b'-' | b'(' | b'/'));
        ends.then_some((first.start, e, self.conf.cue_common))
    }

    /// A name after a title typed in lower case, as transcripts and quick notes write it
    /// (`mr ferris`, `gracias don José Luis`, `señora ybarra`): up to three words, each a
    /// given name or surname and no common word, in any case. Unlike after a capitalised
    /// title, no unknown word nor one of two letters is taken (`dr Failover` is disaster
    /// recovery), a title after a number is a unit (`30 ms total`) and one glued to a word is
    /// none (`correo-ejemplo.mx ip=…`).
    fn after_lowercase_title(
        &self,
        hay: &[u8],
        ks: usize,
        p: usize,
        limit: usize,
    ) -> Option<(usize, usize, f32)> {
        let before = hay[..ks].trim_ascii_end().last().copied();
        let spaced = ks == 0 || matches!(hay[ks - 1], b' ' | b'\t' | b'\n' | b'(' | b',');
        if !spaced || before.is_some_and(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut end = None;
        let mut q = p;
        for _ in 0..3 {
            let Some(t) = read_token(hay, q, limit) else {
                break;
            };
            let plain = plain_name(self.token_flags(&hay[t.start..t.end]));
            if !plain || !matches!(t.shape, Shape::Lower | Shape::Title) || t.end - t.start < 3 {
                break;
            }
            end = Some(t.end);
            if hay.get(t.end) != Some(&b' ') {
                break;
            }
            q = t.end + 1;
        }
        end.map(|e| (p, e, self.conf.cue_common))
    }

    /// `del Río`, `de la Fuente`: a value that starts with a particle before a capital.
    fn particle_then_name(&self, hay: &[u8], p: usize, limit: usize) -> bool {
        let mut q = p;
        for _ in 0..2 {
            let Some(tok) = read_token(hay, q, limit) else {
                return false;
            };
            if tok.shape != Shape::Lower
                || tok.end - tok.start > 4
                || self.token_flags(&hay[tok.start..tok.end]) & F_PARTICLE == 0
                || hay.get(tok.end) != Some(&b' ')
            {
                return false;
            }
            q = tok.end + 1;
            if starts_upper(hay, q) {
                return true;
            }
        }
        false
    }

    /// Skips a title (`Ing.`, `Dr`) and the spaces after it; true when one was skipped.
    fn skip_title(&self, hay: &[u8], p: &mut usize, limit: usize) -> bool {
        let Some(tok) = read_token(hay, *p, limit) else {
            return false;
        };
        let word_end = if tok.shape == Shape::Initial {
            tok.end - 1
        } else {
            tok.end
        };
        if self.token_flags(&hay[tok.start..word_end]) & F_TITLE == 0 {
            return false;
        }
        let mut q = word_end;
        if hay.get(q) == Some(&b'.') {
            q += 1;
        }
        if hay.get(q) != Some(&b' ') {
            return false;
        }
        *p = skip(hay, q, limit, b" ");
        true
    }

    /// Confidence of a run introduced by a cue, or `None`. `firm` is a cue with a separator or
    /// a title (`Name:`, `Sra.`); a bare label (`Requester`) needs an unambiguous name word.
    /// Returns `Some(0.0)` for "only a title could carry it".
    fn cue_decision(&self, run: &mut Run, firm: bool, titled: bool) -> Option<f32> {
        if !self.trim(run) {
            return None;
        }
        let strong = run
            .words()
            .any(|t| t.flags & F_NAME != 0 && t.flags & F_COMMON == 0);
        let weak = run.words().any(|t| t.flags & F_NAME != 0);
        let all_known = run.words().count() >= 2
            && run.words().all(|t| t.flags & F_NAME != 0)
            && run.toks[0].flags & F_GIVEN != 0;
        if strong {
            Some(self.conf.cue)
        } else if weak && (firm || all_known) {
            Some(self.conf.cue_common)
        } else if titled
            && !run.cut
            && run.words().count() == 1
            && run.toks[0].shape == Shape::Title
            && run.toks[0].flags & F_COMMON == 0
        {
            Some(0.0)
        } else {
            None
        }
    }

    /// Confidence of a run without a cue: a given name, then a surname.
    fn pair_decision(&self, run: &mut Run) -> Option<f32> {
        if !self.trim(run) {
            return None;
        }
        // A capitalised word before the name (`Comentario de Jorge Pérez`, `Hoy Ana Ruiz`):
        // the name starts at the first given name.
        // In the inverted form (`KOWALSKI, THEODORE`) the name starts at the first surname.
        let first_flag = if run.comma.is_some() {
            F_GIVEN | F_SURNAME
        } else {
            F_GIVEN
        };
        let lead = run.toks.iter().position(|t| {
            matches!(t.shape, Shape::Title | Shape::Caps) && t.flags & first_flag != 0
        })?;
        if lead > 0 {
            run.toks.drain(..lead);
            run.comma = run
                .comma
                .and_then(|c| c.checked_sub(lead))
                .filter(|&c| c > 0);
        }
        let words: Vec<Tok> = run.words().copied().collect();
        if words.len() < 2 {
            return None;
        }
        // All capitals is a heading or a log keyword more often than a name; an inverted
        // `SURNAME, Given` with a comma is the exception.
        let caps = words.iter().all(|t| t.shape == Shape::Caps);
        if let Some(c) = run.comma {
            let first = &run.toks[c];
            let surnames = run.toks[..c]
                .iter()
                .filter(|t| matches!(t.shape, Shape::Title | Shape::Caps))
                .all(|t| t.flags & F_SURNAME != 0);
            // Capitalised (`García López, María Fernanda`) only when the words before the
            // comma are plainly surnames and the words after it plainly given names.
            let plain = run.toks[..c]
                .iter()
                .all(|t| t.flags & F_MAINLY_SURNAME != 0 && t.flags & F_COMMON == 0)
                && run.toks[c..].iter().all(|t| {
                    t.shape == Shape::Initial || t.flags & F_GIVEN != 0 && t.flags & F_COMMON == 0
                });
            if surnames && first.flags & F_GIVEN != 0 && (run.toks[0].shape == Shape::Caps || plain)
            {
                return Some(self.conf.pair);
            }
            // Not `SURNAME, Given`: a list (`James Smith, Mary Jones`); its first item may
            // still be a name, and the scan resumes after the comma for the next.
            run.toks.truncate(c);
            run.comma = None;
            return self.pair_decision(run);
        }
        let first = words[0];
        if first.flags & F_GIVEN == 0 {
            return None;
        }
        // `NIC Link`, `USB Drive`: an all-capitals first word before capitalised words is an
        // acronym (`María GARCÍA` is fine; `GARCÍA María` without a comma is not a pair).
        if first.shape == Shape::Caps && !caps {
            return None;
        }
        // Two dictionary words first; after them a word missing from the dictionaries may
        // follow (a rare second surname: `Raúl Jiménez Tlapanco`).
        let known = words.iter().take_while(|t| t.flags & F_NAME != 0).count();
        if known < 2 {
            return None;
        }
        let unknown = &words[known..];
        if unknown
            .iter()
            .any(|t| t.flags & (F_NAME | F_COMMON) != 0 || t.shape != words[0].shape)
        {
            return None;
        }
        let rest = &words[1..known];
        let strong_surname = rest
            .iter()
            .any(|t| t.flags & F_SURNAME != 0 && t.flags & F_COMMON == 0);
        let given_names = words[..known]
            .iter()
            .filter(|t| t.flags & F_GIVEN != 0 && t.flags & F_COMMON == 0)
            .count();
        if !rest.iter().any(|t| t.flags & F_SURNAME != 0) && (given_names < 2 || unknown.is_empty())
        {
            return None;
        }
        let conf = if first.flags & F_COMMON == 0 {
            if caps && !strong_surname {
                return None;
            }
            self.conf.pair
        } else if strong_surname {
            self.conf.pair_common
        } else {
            return None;
        };
        if caps {
            return Some(self.conf.pair_common.min(conf));
        }
        Some(conf)
    }

    /// A run followed by a post-nominal (`, MD`, ` PhD`, `, RN`): a given name or an initial,
    /// then capitalised words the dictionaries lack, is a name as after a title. Not before a
    /// number: `Frederick, MD 21701` is a town in Maryland.
    fn post_nominal_decision(&self, hay: &[u8], run: &mut Run, limit: usize) -> Option<f32> {
        if run.comma.is_some()
            || !self.trim(run)
            || !self.post_nominal_follows(hay, run.end(), limit)
        {
            return None;
        }
        let opens = match run.toks[0].shape {
            Shape::Initial => true,
            Shape::Title => run.toks[0].flags & F_GIVEN != 0 && run.toks[0].flags & F_COMMON == 0,
            _ => false,
        };
        let rest_plain = run
            .words()
            .skip(usize::from(run.toks[0].shape != Shape::Initial))
            .all(|t| t.shape == Shape::Title && t.flags & F_COMMON == 0);
        (opens && run.words().next().is_some() && run.toks.len() >= 2 && rest_plain)
            .then_some(self.conf.cue)
    }

    /// Whether a post-nominal (`, MD`, ` PhD`) follows a run ending at `end`, and no number
    /// after it (`Frederick, MD 21701`).
    fn post_nominal_follows(&self, hay: &[u8], end: usize, limit: usize) -> bool {
        let mut p = end;
        if hay.get(p) == Some(&b',') {
            p += 1;
        }
        p = skip(hay, p, limit, b" ");
        let Some(suffix) = read_token(hay, p, limit) else {
            return false;
        };
        let after = skip(hay, suffix.end, limit, b". ");
        self.token_flags(&hay[suffix.start..suffix.end]) & F_SUFFIX != 0
            && !hay.get(after).is_some_and(u8::is_ascii_digit)
    }

    /// Drops trailing particles and initials, and vetoes runs with an organisation word.
    /// False when nothing is left.
    fn trim(&self, run: &mut Run) -> bool {
        if run.toks.iter().any(|t| t.flags & F_ORG != 0) {
            return false;
        }
        while let Some(last) = run.toks.last() {
            if matches!(last.shape, Shape::Lower | Shape::Initial) {
                run.toks.pop();
            } else {
                break;
            }
        }
        if run.comma.is_some_and(|c| c >= run.toks.len()) {
            run.comma = None;
        }
        run.words().next().is_some()
    }

    /// Looks up every word of a run; cuts the run at a word that is not a name
    /// (`not_names`, a suffix, a title) and marks organisation words. In a name column's cell
    /// (`vouched`), which holds one name, the family names of `SURNAME, Given` may be words no
    /// dictionary knows (`ACHÁVAL, TOMÁS`); elsewhere the comma may part the names of a list.
    fn lookup_run(&self, hay: &[u8], run: &mut Run, vouched: bool) {
        // Two capitals are an acronym (`Client IP Address:`, `IP Foo`) unless the run is
        // written in capitals (`LI WEI`) or inverted (`NG, Kevin`).
        let acronyms = run.comma.is_none()
            && (run.words().count() == 1 || run.words().any(|t| t.shape == Shape::Title));
        let acronym = |t: &Tok| acronyms && t.shape == Shape::Caps && t.end - t.start <= 2;
        // `Usuario Dámaso Villegas`, `Customer Support Jane Doe`, `9:14 AM Ingrid Solberg`:
        // words before the name that are no names are dropped, not the run.
        let lead = run
            .toks
            .iter()
            .take_while(|t| {
                matches!(t.shape, Shape::Title | Shape::Caps)
                    && (acronym(t) || self.token_flags(&hay[t.start..t.end]) & F_NOT_NAME != 0)
            })
            .count();
        // What is left must stand as a name of two words (`Soporte TI`, `Equipo de TI` are
        // teams).
        let rest = &run.toks[lead.min(run.toks.len())..];
        if lead > 0 && rest.len() >= 2 && matches!(rest[0].shape, Shape::Title | Shape::Caps) {
            run.toks.drain(..lead);
            run.comma = run
                .comma
                .and_then(|c| c.checked_sub(lead))
                .filter(|&c| c > 0);
        }
        let mut keep = run.toks.len();
        let mut cut = false;
        let mut after_title = false;
        for (i, t) in run.toks.iter_mut().enumerate() {
            if matches!(t.shape, Shape::Title | Shape::Caps) {
                let acronym = acronym(t);
                t.flags = self.token_flags(&hay[t.start..t.end]);
                // A short word in capitals after a capitalised one that no list knows is a
                // label or an acronym (`Gloria Whitfield DOB`, `Ana Ruiz CURP`), not a
                // surname (`María GARCÍA` is one).
                let label = after_title
                    && t.shape == Shape::Caps
                    && t.end - t.start <= 4
                    && t.flags & F_NAME == 0;
                after_title = t.shape == Shape::Title;
                if acronym
                    || label
                    || t.flags & (F_NOT_NAME | F_SUFFIX) != 0
                    || (i > 0 && t.flags & F_TITLE != 0 && t.flags & F_NAME == 0)
                {
                    // A word that is no name but names an organisation (`Sales Team`)
                    // makes the whole run one.
                    keep = if t.flags & F_ORG != 0 { 0 } else { i };
                    cut = true;
                    break;
                }
            }
        }
        run.toks.truncate(keep);
        run.cut = cut;
        self.clear_foreign_common(hay, &mut run.toks);
        // `SURNAME, Given`: every word before the comma a surname, a given name after it.
        if let Some(c) = run.comma {
            let valid = c < run.toks.len()
                && run.toks[c].flags & F_GIVEN != 0
                && !run.toks[c..]
                    .iter()
                    .any(|t| t.flags & F_MAINLY_SURNAME != 0)
                && run.toks[..c].iter().all(|t| {
                    t.shape != Shape::Initial
                        && (t.flags & F_SURNAME != 0 || vouched && t.flags == 0)
                });
            if !valid {
                run.toks.truncate(c);
                run.comma = None;
            }
        }
    }

    /// Reads a run of name-shaped tokens at `p` (which starts with a capital letter).
    fn read_run(&self, hay: &[u8], p: usize, limit: usize, inverted: bool) -> Option<Run> {
        let mut run = Run::default();
        let mut p = p;
        let mut words = 0;
        while let Some(tok) = read_token(hay, p, limit) {
            match tok.shape {
                Shape::Title | Shape::Caps => words += 1,
                Shape::Initial => {}
                Shape::Lower => {
                    let word = &hay[tok.start..tok.end];
                    let particle = word.len() <= 4
                        && self.token_flags(word) & F_PARTICLE != 0
                        && (word != b"y" || words >= 2);
                    if !particle || (run.toks.is_empty() && !self.particle_then_name(hay, p, limit))
                    {
                        break;
                    }
                }
                Shape::Other => break,
            }
            run.toks.push(tok);
            if words >= MAX_WORDS {
                break;
            }
            // Separator: one space (or the `+` of a URL query before a capital, `John+Carter`);
            // or `, ` once for `SURNAME, Given`.
            let e = tok.end;
            if hay.get(e) == Some(&b' ') && e + 1 < limit && is_letter_byte(hay[e + 1]) {
                p = e + 1;
                continue;
            }
            if hay.get(e) == Some(&b'+') && e + 1 < limit && starts_upper(hay, e + 1) {
                p = e + 1;
                continue;
            }
            // A nickname between the given name and the surname: `Robert "Bob" Whitaker`,
            // `José (Pepe) Martínez`. It joins the run, so the span covers all of it.
            if words >= 1 && run.comma.is_none() {
                if let Some((nick, next)) = nickname(hay, e, limit) {
                    run.toks.push(nick);
                    p = next;
                    continue;
                }
            }
            if tok.shape == Shape::Initial && e < limit && starts_upper(hay, e) {
                p = e; // `J.R.`
                continue;
            }
            // `SURNAME, Given`, and the same joint in LDAP and HL7: see [`inverted_joint`].
            if inverted_allowed(inverted, &run) {
                if let Some(next) =
                    inverted_joint(hay, e).filter(|&n| n < limit && starts_upper(hay, n))
                {
                    run.comma = Some(run.toks.len());
                    p = next;
                    continue;
                }
            }
            break;
        }
        // A comma not followed by a name word: the run ends before it.
        if run.comma.is_some_and(|c| c >= run.toks.len()) {
            run.comma = None;
        }
        (!run.toks.is_empty()).then_some(run)
    }
}

/// Whether `key` is the key of a row of `text`, a lexicon file whose rows are sorted in byte
/// order (its `#` comment lines sort before every key): a binary search over the bytes, which
/// finds each probe's line around the middle byte.
fn sorted_key_in(text: &[u8], key: &[u8]) -> bool {
    let (mut lo, mut hi) = (0, text.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = memchr::memrchr(b'\n', &text[lo..mid]).map_or(lo, |i| lo + i + 1);
        let end = memchr::memchr(b'\n', &text[start..hi]).map_or(hi, |i| start + i);
        let line = &text[start..end];
        let k = line.split(|&b| b == b'\t').next().unwrap_or(line);
        match k.cmp(key) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    false
}

/// The `KEY<TAB>VALUE` rows of an embedded lexicon file, comments and blank lines skipped.
fn lexicon_rows(text: &'static str) -> impl Iterator<Item = (&'static str, &'static str)> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
}

/// The keys of `common_words.tsv`: names that are also ordinary words.
fn common_words() -> std::collections::HashSet<&'static str> {
    lexicon_rows(COMMON.1).map(|(k, _)| k).collect()
}

/// The names of a `given.tsv`/`surnames.tsv` text with at least `min_count` bearers and
/// `min_len` letters, plain `A-Z`, and not in `common`.
fn frequent_names<'c>(
    text: &'static str,
    min_count: u64,
    min_len: usize,
    common: &'c std::collections::HashSet<&'static str>,
) -> impl Iterator<Item = &'static str> + 'c {
    lexicon_rows(text).filter_map(move |(k, n)| {
        let n: u64 = n.trim().parse().ok()?;
        (n >= min_count
            && k.len() >= min_len
            && k.bytes().all(|b| b.is_ascii_uppercase())
            && !common.contains(k))
        .then_some(k)
    })
}

/// Frequent English and Spanish words that have the shape of a login made from a name
/// (`state` = s + Tate), generated by `patterns/names/build_logins.py`.
const LOGIN_WORDS: (&str, &str) = (
    "patterns/names/login_words.tsv",
    include_str!("../patterns/names/login_words.tsv"),
);

/// The shortest surname and given name a login is read from.
const LOGIN_MIN_SURNAME: usize = 4;
const LOGIN_MIN_GIVEN: usize = 3;
/// Census bearers (or SSA births) a name needs to be read inside a login.
const LOGIN_MIN_COUNT: u64 = 1000;

/// Whether `t`, one lower-case ASCII word, is a login made from a person's name: one or two
/// initials and a surname (`jperez`, `jmperez`) or a given name and a surname (`juanperez`),
/// with names of at least 1,000 bearers that are not ordinary words, and `t` itself not a
/// frequent English or Spanish word of that shape (`state`, `agent`, `while`).
pub(crate) fn login_of_name(t: &[u8]) -> bool {
    type Set = std::collections::HashSet<&'static [u8]>;
    static SETS: std::sync::OnceLock<(Set, Set, Set)> = std::sync::OnceLock::new();
    if !(4..=20).contains(&t.len()) || !t.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    let (given, surnames, words) = SETS.get_or_init(|| {
        let common = common_words();
        let names = |text: &'static str, min_len: usize| -> Set {
            frequent_names(text, LOGIN_MIN_COUNT, min_len, &common)
                .map(str::as_bytes)
                .collect()
        };
        let words: Set = lexicon_rows(LOGIN_WORDS.1)
            .map(|(k, _)| k.as_bytes())
            .collect();
        (
            names(GIVEN.1, LOGIN_MIN_GIVEN),
            names(SURNAMES.1, LOGIN_MIN_SURNAME),
            words,
        )
    });
    let mut buf = [0u8; 20];
    let up = &mut buf[..t.len()];
    up.copy_from_slice(t);
    up.make_ascii_uppercase();
    let up: &[u8] = up;
    if words.contains(up) {
        return false;
    }
    let surname = |i: usize| up.len() - i >= LOGIN_MIN_SURNAME && surnames.contains(&up[i..]);
    surname(1)
        || surname(2)
        || (LOGIN_MIN_GIVEN..=up.len().saturating_sub(LOGIN_MIN_SURNAME))
            .any(|k| given.contains(&up[..k]) && surname(k))
}

/// The surnames that are 20 times more often a surname than a given name (or never a given
/// name), with their bearers: read once, for the name pass's `F_MAINLY_SURNAME` flag and for
/// [`plain_surname`].
fn mainly_surnames() -> &'static [(&'static str, u64)] {
    static LIST: std::sync::OnceLock<Vec<(&'static str, u64)>> = std::sync::OnceLock::new();
    LIST.get_or_init(|| {
        let given: HashMap<&str, u64> = lexicon_rows(GIVEN.1)
            .map(|(k, n)| (k, n.trim().parse().unwrap_or(0)))
            .collect();
        lexicon_rows(SURNAMES.1)
            .map(|(k, n)| (k, n.trim().parse().unwrap_or(0)))
            .filter(|&(k, n)| given.get(k).is_none_or(|&g| n >= g.saturating_mul(20)))
            .collect()
    })
}

/// Whether `w`, one capitalised word (`Halvorsen`, `Olguín`, `ROBLES`), is plainly a surname:
/// at least 500 bearers, 20 times more often a surname than a given name, and not an ordinary
/// English or Spanish word. For surnames found by their place after a label rather than by
/// their shape, where `Answer` or `Laura` must not pass.
pub(crate) fn plain_surname(w: &[u8]) -> bool {
    type Set = std::collections::HashSet<&'static [u8]>;
    static SET: std::sync::OnceLock<Set> = std::sync::OnceLock::new();
    let set = SET.get_or_init(|| {
        let common = common_words();
        mainly_surnames()
            .iter()
            .filter(|&&(k, n)| n >= 500 && !common.contains(k))
            .map(|&(k, _)| k.as_bytes())
            .collect()
    });
    let mut buf = [0u8; MAX_KEY];
    fold_into(w, &mut buf).is_some_and(|n| set.contains(&buf[..n]))
}

/// A stand-in for a name, for the `fake` redaction style: each word of `value` is replaced by
/// a common given name (first word) or surname (the others) from the dictionaries, chosen by
/// the keyed `digest`, in the original word's capitalisation; separators are kept. The result
/// is a name again, so it reads naturally in a shared ticket.
pub fn fake_name(digest: &[u8; 32], value: &[u8]) -> Vec<u8> {
    static POOLS: std::sync::OnceLock<(Vec<&'static str>, Vec<&'static str>)> =
        std::sync::OnceLock::new();
    let (given, surnames) = POOLS.get_or_init(|| {
        let common = common_words();
        // Names with 50,000 bearers or more that are not also ordinary words.
        let pool = |text: &'static str| -> Vec<&'static str> {
            frequent_names(text, 50_000, 0, &common).collect()
        };
        (pool(GIVEN.1), pool(SURNAMES.1))
    });
    let mut out = Vec::with_capacity(value.len() + 8);
    let mut word = 0usize;
    let mut i = 0;
    while i < value.len() {
        if !is_letter_byte(value[i]) {
            out.push(value[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < value.len() && (is_letter_byte(value[i]) || value[i] == b'\'') {
            i += 1;
        }
        let original = &value[start..i];
        let list = if word == 0 { given } else { surnames };
        if list.is_empty()
            || original.len() == 1
            || matches!(
                original,
                b"de" | b"del" | b"la" | b"los" | b"las" | b"y" | b"van" | b"von"
            )
        {
            out.extend_from_slice(original); // initials and particles carry nothing
            continue;
        }
        let k =
            usize::from(digest[(2 * word) % 32]) << 8 | usize::from(digest[(2 * word + 1) % 32]);
        let pick = list[k % list.len()].as_bytes();
        let caps = original.iter().all(|b| !b.is_ascii_lowercase());
        for (j, &b) in pick.iter().enumerate() {
            out.push(if caps || j == 0 {
                b
            } else {
                b.to_ascii_lowercase()
            });
        }
        word += 1;
    }
    out
}

/// Whether a run may continue past `, ` as `SURNAME, Given`: after a label (or in a name
/// column), or when the surname part is in capitals, and only once.
fn inverted_allowed(cue: bool, run: &Run) -> bool {
    run.comma.is_none()
        && (cue || run.toks.iter().all(|t| t.shape == Shape::Caps))
        && run.toks.len() <= 3
}

/// Where the given names start after the joint at `e` between the family and the given names
/// of an inverted name: `, ` (`RUIZ, Ana`), an LDAP distinguished name's escaped comma, with or
/// without a space (`CN=Greer\, Tobias,OU=Users`), or the `^` of HL7 v2 and DICOM person
/// names (`KOWALSKI^THEODORE^J`, `CASTILLO ORTEGA^MARÍA JOSÉ`).
fn inverted_joint(hay: &[u8], e: usize) -> Option<usize> {
    match hay.get(e..)? {
        [b',', b' ', ..] => Some(e + 2),
        [b'\\', b',', b' ', ..] => Some(e + 3),
        [b'\\', b',', ..] => Some(e + 2),
        [b'^', ..] => Some(e + 1),
        _ => None,
    }
}

/// A quoted or bracketed capitalised word after the space at `e` and followed by a space and
/// a letter (` "Bob" W`, ` (Pepe) M`): the nickname token and where the run goes on.
fn nickname(hay: &[u8], e: usize, limit: usize) -> Option<(Tok, usize)> {
    if hay.get(e) != Some(&b' ') {
        return None;
    }
    let close = match hay.get(e + 1)? {
        b'"' => b'"',
        b'\'' => b'\'',
        b'(' => b')',
        _ => return None,
    };
    let tok = read_token(hay, e + 2, limit)?;
    let after = tok.end;
    (tok.shape == Shape::Title
        && hay.get(after) == Some(&close)
        && hay.get(after + 1) == Some(&b' ')
        && after + 2 < limit
        && starts_upper(hay, after + 2))
    .then_some((tok, after + 2))
}

/// The filter bit (of 4096) of a word's first two and last letters, ASCII case folded.
fn letters_key(a: u8, b: u8, z: u8) -> usize {
    let f = |c: u8| usize::from(c.to_ascii_uppercase() & 0x1F);
    (f(a) << 7 | f(b) << 2 ^ f(z)) & 0xFFF
}

/// How far from a name found with evidence a lone word may repeat it (bytes).
const MENTION_WINDOW: usize = 4096;

/// The bytes between the start of the line holding `s` and `s`, when the line starts at
/// most 64 bytes before it: after a line break, the two-character escape `\n` of a JSON
/// string, or at the start of the text. Also whether the line before is blank.
fn line_head(hay: &[u8], s: usize) -> Option<(&[u8], bool)> {
    let from = s.saturating_sub(64);
    let mut ls = from;
    let mut found = from == 0;
    for j in (from..s).rev() {
        if matches!(hay[j], b'\n' | b'\r') || (hay[j] == b'n' && j > 0 && hay[j - 1] == b'\\') {
            ls = j + 1;
            found = true;
            break;
        }
    }
    if !found {
        return None;
    }
    // The line before is blank when only spaces lie between this break and the one before.
    let mut k = ls;
    let mut breaks = 0;
    while k > 0 && breaks < 2 {
        let b = hay[k - 1];
        if b == b'\n' {
            breaks += 1;
            k -= 1;
        } else if b == b'n' && k >= 2 && hay[k - 2] == b'\\' {
            breaks += 1;
            k -= 2;
        } else if matches!(b, b' ' | b'\t' | b'\r') {
            k -= 1;
        } else if b == b'r' && k >= 2 && hay[k - 2] == b'\\' {
            k -= 2;
        } else {
            break;
        }
    }
    Some((&hay[ls..s], breaks >= 2))
}

/// A line's head without a leading time stamp: `[10:02] `, `[5/3/24, 10:15:02] `,
/// `14:12 - `, `2024-04-08 16:02 `.
fn strip_stamp(head: &[u8]) -> &[u8] {
    let head = head.trim_ascii_start();
    if let Some(rest) = head.strip_prefix(b"[") {
        return match rest.iter().position(|&b| b == b']') {
            Some(i) if i <= 30 => rest[i + 1..].trim_ascii_start(),
            _ => head,
        };
    }
    if !head.first().is_some_and(u8::is_ascii_digit) {
        return head;
    }
    let n = head
        .iter()
        .position(|&b| !b"0123456789:/.,- ".contains(&b))
        .unwrap_or(head.len());
    let rest = &head[n..];
    let rest = [&b"AM"[..], b"PM", b"am", b"pm"]
        .iter()
        .find_map(|m| rest.strip_prefix(*m))
        .unwrap_or(rest);
    let rest = rest.trim_ascii_start();
    rest.strip_prefix(b"- ").unwrap_or(rest).trim_ascii_start()
}

/// Whether the byte after a word at `e` may start a speaker label (`:`, `)`, ` (`): most
/// capitalised words are followed by a space and a word, and go no further.
fn may_speak(hay: &[u8], e: usize, limit: usize) -> bool {
    let at = |p: usize| hay.get(p).copied().filter(|_| p < limit);
    matches!(at(e), Some(b':' | b')')) || at(e) == Some(b' ') && at(e + 1) == Some(b'(')
}

/// Whether the word `s..e` speaks in a transcript: alone at the head of its line (after a
/// time stamp), maybe with a role in brackets, before a colon (`Helen (IT): can you…`,
/// `Mike: hey`); or in brackets after a role (`Helpdesk (Amira): what's`). What follows the
/// colon is words, not a number (`Max: 100` is a setting). `Some((stamped, role))` when it
/// speaks, where `stamped` says the line starts with a bracketed time stamp (`[10:02] `) and
/// `role` is the role's text (empty without one).
fn speaks(hay: &[u8], s: usize, e: usize, limit: usize) -> Option<(bool, &[u8])> {
    let (line, _) = line_head(hay, s)?;
    let stamped = line.trim_ascii_start().starts_with(b"[");
    let head = strip_stamp(line);
    let at = |p: usize| hay.get(p).copied().filter(|_| p < limit);
    let mut p = e;
    let mut role: &[u8] = &[];
    if head.is_empty() {
        // `Name (role):`
        if at(p) == Some(b' ') && at(p + 1) == Some(b'(') {
            let close = hay[p + 2..limit.min(p + 28)]
                .iter()
                .position(|&b| matches!(b, b')' | b'(' | b'\n'));
            match close {
                Some(i) if i > 0 && hay[p + 2 + i] == b')' => {
                    role = &hay[p + 2..p + 2 + i];
                    p += 3 + i;
                }
                _ => return None,
            }
        }
    } else {
        // `Role (Name):`
        role = head.strip_suffix(b"(")?.trim_ascii_end();
        let wordy = role.first().is_some_and(|&b| is_letter_byte(b))
            && role.len() <= 32
            && role.iter().all(|&b| is_letter_byte(b) || b == b' ');
        if !wordy || at(p) != Some(b')') {
            return None;
        }
        p += 1;
    }
    if at(p) != Some(b':') {
        return None;
    }
    let words_follow = match at(p + 1) {
        None | Some(b'\n' | b'\r') => true,
        Some(b' ' | b'\t') => {
            let q = skip(hay, p + 1, limit, b" \t");
            at(q).is_some_and(|b| !b.is_ascii_digit())
        }
        _ => false,
    };
    words_follow.then_some((stamped, role))
}

/// Words that open what a speaker says after introducing themselves in lower case: the
/// name before them has ended.
const INTRO_FOLLOWERS: &[&[u8]] = &[
    b"from",
    b"with",
    b"calling",
    b"here",
    b"speaking",
    b"and",
    b"may",
    b"how",
    b"can",
    b"at",
    b"de",
    b"del",
    b"desde",
    b"con",
    b"llamando",
    b"y",
    b"en",
    b"para",
    b"le",
    b"les",
];

/// How far a question for a name may run on after its cue words (`… as it appears on your
/// tax return`).
const ASK_TAIL: usize = 48;

/// Words that open an answer before the name itself (`yeah it's angela price`, `sí, es
/// blanca soto`).
const ANSWER_FILLERS: &[&[u8]] = &[
    b"yeah",
    b"yes",
    b"yep",
    b"sure",
    b"ok",
    b"okay",
    b"um",
    b"uh",
    b"it's",
    b"its",
    b"it",
    b"is",
    "sí".as_bytes(),
    b"si",
    b"claro",
    b"es",
    b"soy",
    b"este",
    b"pues",
    b"bueno",
    b"mmm",
    b"eh",
];

/// Where the words of a transcript turn that starts at `ls` begin: after a time stamp
/// (`[00:00:20] `, `00:01:12 `) and a speaker label, `CLIENTE:`, `caller:`, `[customer]` or
/// `[afiliada]` (letters, spaces and `_`, at most 24 bytes). `None` when the line opens with
/// no speaker label.
fn turn_body(hay: &[u8], ls: usize, limit: usize) -> Option<usize> {
    let line = &hay[ls..limit.min(ls + 64)];
    let line = &line[..memchr::memchr(b'\n', line).unwrap_or(line.len())];
    // A bracketed speaker (`[member] doris…`) is no time stamp.
    let speaker_first = line.first() == Some(&b'[')
        && line[1..]
            .iter()
            .take_while(|&&b| b != b']')
            .all(|&b| is_letter_byte(b) || b == b' ' || b == b'_');
    let rest = if speaker_first {
        line
    } else {
        strip_stamp(line)
    };
    let mut p = ls + (line.len() - rest.len());
    let (open, close) = match hay.get(p) {
        Some(b'[') => (1, b']'),
        _ => (0, b':'),
    };
    // A line of nothing but a stamp (or cut at 64 bytes there) opens no turn.
    if p + open > ls + line.len() {
        return None;
    }
    let label = &hay[p + open..ls + line.len()];
    let n = label.iter().position(|&b| b == close)?;
    let name = &label[..n];
    if name.is_empty()
        || name.len() > 24
        || !name
            .iter()
            .all(|&b| is_letter_byte(b) || b == b' ' || b == b'_')
    {
        return None;
    }
    p += open + n + 1;
    if close == b']' && hay.get(p) == Some(&b':') {
        p += 1;
    }
    Some(skip(hay, p, limit, b" \t"))
}

/// `-`, `--`, `—`, `–` or `~`: what opens a signature line.
fn dash_marker(head: &[u8]) -> bool {
    ["-", "--", "\u{2014}", "\u{2013}", "~"]
        .iter()
        .any(|d| head == d.as_bytes())
}

/// Whether the word `s..e` signs a message: alone on its line, after a dash (`- Kendra`,
/// `-Jaz`, `-- Bram`) or after a blank line (`…works.\n\nYadira`).
fn signs(hay: &[u8], s: usize, e: usize, limit: usize) -> bool {
    // The word ends its line (most words are followed by more words: no further look).
    let end = limit.min(hay.len());
    let mut q = skip(hay, e, end, b" \t.,");
    if q < end && !matches!(hay[q], b'\n' | b'\r' | b'"' | b'\\') {
        return false;
    }
    let Some((head, blank_before)) = line_head(hay, s) else {
        return false;
    };
    let head = head.trim_ascii();
    let dashed = dash_marker(head);
    if !(head.is_empty() && blank_before || dashed) {
        return false;
    }
    // The signature ends the message: the text, a JSON string or the paragraph ends after
    // it (a line of its own in a list, `Austin\nDenver`, is no signature).
    let mut breaks = 0;
    loop {
        if q >= end || hay[q] == b'"' {
            return true;
        }
        let n = match hay[q] {
            b'\n' => 1,
            b'\r' => {
                q += 1;
                continue;
            }
            b'\\' if matches!(hay.get(q + 1), Some(b'n')) => 2,
            b'\\' if matches!(hay.get(q + 1), Some(b'r')) => {
                q += 2;
                continue;
            }
            _ => return breaks >= 2 || (dashed && breaks == 1),
        };
        breaks += 1;
        if breaks >= 2 {
            return true;
        }
        q = skip(hay, q + n, end, b" \t");
    }
}

/// The tokens of `hay[start..end]`, left to right (see [`read_token`]).
fn tokens(hay: &[u8], start: usize, end: usize) -> impl Iterator<Item = Tok> + '_ {
    let mut p = start;
    std::iter::from_fn(move || {
        while p < end {
            match read_token(hay, p, end) {
                Some(t) => {
                    p = t.end;
                    return Some(t);
                }
                None => p += 1,
            }
        }
        None
    })
}

/// Reads one token at `p`: letters with inner apostrophes and hyphens, or an initial.
fn read_token(hay: &[u8], p: usize, limit: usize) -> Option<Tok> {
    if p >= limit || !is_letter_byte(hay[p]) {
        return None;
    }
    let mut q = p;
    let (mut chars, mut upper, mut lower, mut inner_upper) = (0usize, 0usize, 0usize, false);
    let mut first_upper = false;
    let mut prev_upper_ok = false;
    while q < limit {
        let (c, n) = decode(hay, q);
        if c.is_alphabetic() {
            if c.is_uppercase() {
                if chars == 0 {
                    first_upper = true;
                } else if lower > 0 && !prev_upper_ok {
                    inner_upper = true;
                }
                upper += 1;
            } else {
                lower += 1;
            }
            chars += 1;
            prev_upper_ok = false;
            q += n;
            continue;
        }
        // Inner apostrophe or hyphen joined to letters: O'Brien, García-Márquez; but a
        // possessive `'s` ends a capitalised word (`Dennis Achebe's father`; `it's` stays).
        let joiner = matches!(c, '\'' | '\u{2019}' | '-');
        let possessive = c != '-'
            && first_upper
            && hay.get(q + n) == Some(&b's')
            && hay.get(q + n + 1).is_none_or(|&b| !is_letter_byte(b));
        if joiner && !possessive && chars > 0 && q + n < limit && is_letter_byte(hay[q + n]) {
            prev_upper_ok = true;
            q += n;
            continue;
        }
        break;
    }
    if chars == 0 {
        return None;
    }
    let word = &hay[p..q];
    let shape = if chars == 1 && first_upper && hay.get(q) == Some(&b'.') {
        return Some(Tok {
            start: p,
            end: q + 1,
            shape: Shape::Initial,
            flags: 0,
        });
    } else if !first_upper {
        if upper == 0 {
            Shape::Lower
        } else {
            Shape::Other
        }
    } else if lower == 0 {
        if chars >= 2 {
            Shape::Caps
        } else {
            Shape::Other
        }
    } else if !inner_upper || mixed_case_name(word) {
        Shape::Title
    } else {
        Shape::Other
    };
    Some(Tok {
        start: p,
        end: q,
        shape,
        flags: 0,
    })
}

/// `McDonald`, `MacArthur`, `DeShawn`, `LaToya`, `DiMaggio`, `VanDyke`: capitals inside a
/// name after a known prefix. Anything else with inner capitals (`GitHub`) is not a name.
fn mixed_case_name(word: &[u8]) -> bool {
    let prefixes: [&[u8]; 8] = [b"Mc", b"Mac", b"De", b"La", b"Le", b"Di", b"Van", b"Du"];
    prefixes.iter().any(|p| {
        word.starts_with(p)
            && word.len() > p.len()
            && word[p.len()].is_ascii_uppercase()
            && word[p.len() + 1..].iter().all(|b| !b.is_ascii_uppercase())
    })
}

/// Folds a word to the dictionary key form (upper-case ASCII, accents removed). `None` when it
/// has a letter outside the Latin ranges we fold, or is too long.
fn fold_into(word: &[u8], buf: &mut [u8; MAX_KEY]) -> Option<usize> {
    let mut n = 0;
    let mut i = 0;
    while i < word.len() {
        let (c, len) = decode(word, i);
        i += len;
        let c = match c {
            '\'' | '\u{2019}' => continue, // O'Brien is OBRIEN in the Census lists
            c if c.is_ascii() => c,
            c => fold_char(c)?,
        };
        if n >= MAX_KEY {
            return None;
        }
        buf[n] = c.to_ascii_uppercase() as u8;
        n += 1;
    }
    Some(n)
}

/// The base letter of an accented Latin letter (the ones Spanish, Portuguese, French, German
/// and Vietnamese-in-ASCII names use), or `None`.
fn fold_char(c: char) -> Option<char> {
    Some(match c {
        'á' | 'à' | 'ä' | 'â' | 'ã' | 'å' | 'Á' | 'À' | 'Ä' | 'Â' | 'Ã' | 'Å' => 'a',
        'é' | 'è' | 'ë' | 'ê' | 'É' | 'È' | 'Ë' | 'Ê' => 'e',
        'í' | 'ì' | 'ï' | 'î' | 'Í' | 'Ì' | 'Ï' | 'Î' => 'i',
        'ó' | 'ò' | 'ö' | 'ô' | 'õ' | 'ø' | 'Ó' | 'Ò' | 'Ö' | 'Ô' | 'Õ' | 'Ø' => 'o',
        'ú' | 'ù' | 'ü' | 'û' | 'Ú' | 'Ù' | 'Ü' | 'Û' => 'u',
        'ñ' | 'Ñ' => 'n',
        'ç' | 'Ç' => 'c',
        'ý' | 'ÿ' | 'Ý' => 'y',
        _ => return None,
    })
}

/// The key of a word from a rules list.
fn fold_key(word: &[u8]) -> Option<String> {
    let mut buf = [0u8; MAX_KEY];
    let n = fold_into(word, &mut buf)?;
    let k: String = buf[..n]
        .iter()
        .filter(|&&b| b != b'\'' && b != b'.')
        .map(|&b| b as char)
        .collect();
    (!k.is_empty()).then_some(k)
}

/// Decodes the char at `i` (U+FFFD and length 1 for a bad byte).
fn decode(hay: &[u8], i: usize) -> (char, usize) {
    let b = hay[i];
    if b < 0x80 {
        return (b as char, 1);
    }
    let len = match b {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => return ('\u{FFFD}', 1),
    };
    match hay
        .get(i..i + len)
        .and_then(|s| std::str::from_utf8(s).ok())
    {
        Some(s) => (s.chars().next().unwrap_or('\u{FFFD}'), len),
        None => ('\u{FFFD}', 1),
    }
}

/// A byte that can be part of a word: an ASCII letter or any non-ASCII byte (the lead or
/// continuation of an accented letter). Only a hint; `read_token` decodes properly.
const fn is_letter_byte(b: u8) -> bool {
    b.is_ascii_alphabetic() || b >= 0x80
}

/// Whether the char at `i` is an upper-case letter.
fn starts_upper(hay: &[u8], i: usize) -> bool {
    match hay.get(i) {
        Some(b) if b.is_ascii_uppercase() => true,
        Some(&b) if b >= 0xC3 => decode(hay, i).0.is_uppercase(),
        _ => false,
    }
}

/// Finds the next word start (a letter after a byte that is not one) from a bit mask of the
/// word starts of each 64-byte block ([`class_mask`]), built once per block: the digits, spaces
/// and punctuation between the words of a log are skipped a block at a time.
#[derive(Default)]
struct WordStarts {
    /// The block the mask describes, `None` before the first.
    block: Option<usize>,
    mask: u64,
}

impl WordStarts {
    /// The first word start at or after `i` and before `end`.
    fn next(&mut self, hay: &[u8], mut i: usize, end: usize) -> Option<usize> {
        while i < end {
            let block = i & !63;
            if self.block != Some(block) {
                let n = (hay.len() - block).min(64);
                let bytes = &hay[block..block + n];
                // The letter of a JSON string's escape (`\n`, `\t`, `\r`) is no letter: in
                // `"ok\nKeisha Morrow"` a word starts at `K`.
                let backslashes = eq_mask(bytes, b"\\") << 1 | u64::from(escapes_at(hay, block));
                let escape = if backslashes == 0 {
                    0
                } else {
                    backslashes & eq_mask(bytes, b"ntr")
                };
                // The bytes of `¿`, `¡`, `«` and a no-break space are no letters either.
                let letters = class_mask(bytes, false) & !escape & !mark_mask(hay, block, n);
                let prev = block > 0
                    && is_letter_byte(hay[block - 1])
                    && !(block > 1 && escapes_at(hay, block - 1))
                    && !(block > 1 && latin1_mark(hay, block - 2));
                self.mask = run_starts(letters, prev);
                self.block = Some(block);
            }
            let here = self.mask & (u64::MAX << (i - block));
            if here != 0 {
                let p = block + here.trailing_zeros() as usize;
                return (p < end).then_some(p);
            }
            i = block + 64;
        }
        None
    }
}

/// Whether the byte before `i` is a backslash (the byte at `i` may be an escape's letter).
fn escapes_at(hay: &[u8], i: usize) -> bool {
    i > 0 && hay[i - 1] == b'\\'
}

/// The end of the word at `i`.
fn skip_word(hay: &[u8], mut i: usize, limit: usize) -> usize {
    i += 1;
    while i < limit && is_letter_byte(hay[i]) {
        i += 1;
    }
    i
}

/// Skips bytes of `set`.
fn skip(hay: &[u8], mut p: usize, limit: usize, set: &[u8]) -> usize {
    while p < limit && set.contains(&hay[p]) {
        p += 1;
    }
    p
}

/// Skips one line break (`\n`, `\r\n` or the two-character escape `\n` of a JSON string).
fn skip_newline(hay: &[u8], p: usize, limit: usize) -> Option<usize> {
    match hay.get(p..limit.min(p + 2)) {
        Some([b'\r', b'\n']) => Some(p + 2),
        Some([b'\n', ..]) => Some(p + 1),
        Some([b'\\', b'n']) => Some(p + 2),
        _ => None,
    }
}

/// Whether the label starting at `ks` ends the name of an XML element: `<` before it, after
/// nothing but the letters, digits, `_`, `-`, `.` and `:` (a namespace) of the name.
fn element_name_ends_at(hay: &[u8], ks: usize) -> bool {
    let name = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b':');
    let head = hay[..ks].iter().rev().take_while(|b| name(b)).count();
    head <= 64 && ks > head && hay[ks - head - 1] == b'<'
}

/// A cue on word boundaries; `_` counts as a boundary so `requester_name` keys are labels.
fn cue_bounded(hay: &[u8], s: usize, e: usize) -> bool {
    (!word_before(hay, s) || !is_word_byte(hay[s])) && !word_at(hay, e)
}

/// `Ana Ruiz <ana@example.com>` or `"Ana Ruiz" <…>`.
fn display_name_follows(hay: &[u8], end: usize, limit: usize) -> bool {
    let mut p = end;
    if hay.get(p) == Some(&b'"') {
        p += 1;
    }
    if hay.get(p..p + 2) != Some(b" <") {
        return false;
    }
    let tail = &hay[p + 2..limit.min(p + 2 + 128)];
    match memchr::memchr(b'>', tail) {
        Some(gt) => memchr::memchr(b'@', &tail[..gt]).is_some(),
        None => false,
    }
}

/// A run that fills a delimited cell: delimiter or line start (optionally a quote) before,
/// delimiter, quote or line end after.
fn cell_bounded(hay: &[u8], s: usize, e: usize, delim: u8) -> bool {
    let mut b = s;
    if b > 0 && hay[b - 1] == b'"' {
        b -= 1;
    }
    let before = b == 0 || hay[b - 1] == delim || hay[b - 1] == b'\n';
    let after = match hay.get(e) {
        None => true,
        Some(&c) => c == delim || c == b'"' || c == b'\n' || c == b'\r',
    };
    before && after
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_starts_agree_with_a_byte_walk() {
        let mut hay = Vec::new();
        let mut x = 7u32;
        for _ in 0..700 {
            // Letters, digits, spaces, punctuation and UTF-8 bytes, in an irregular mix.
            // Also backslashes before `n`, `t`, `r`: JSON escapes, whose letter is no letter.
            let mix = b"aZ 9-_\n\xC3\xB1.Q\t\\nrt";
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let b = mix[(x >> 16) as usize % mix.len()];
            hay.push(b);
        }
        let letter = |p: usize| {
            is_letter_byte(hay[p]) && !(p > 0 && hay[p - 1] == b'\\' && b"ntr".contains(&hay[p]))
        };
        let naive =
            |i: usize, end: usize| (i..end).find(|&p| letter(p) && (p == 0 || !letter(p - 1)));
        let escape_then_letter =
            |w: &[u8]| w[0] == b'\\' && b"ntr".contains(&w[1]) && is_letter_byte(w[2]);
        assert!(hay.windows(3).any(escape_then_letter));
        let mut ws = WordStarts::default();
        let (mut i, end) = (0, hay.len() - 5);
        while let Some(p) = ws.next(&hay, i, end) {
            assert_eq!(Some(p), naive(i, end), "from {i}");
            i = p + 1 + (p % 3);
        }
        assert_eq!(naive(i, end), None);
        // Jumping back re-reads the block.
        assert_eq!(ws.next(&hay, 0, end), naive(0, end));
    }

    fn pass() -> NamePass {
        NamePass::new(&NameRules::builtin().unwrap(), 0).unwrap()
    }

    fn names(p: &NamePass, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let hay = text.as_bytes();
        let first = &hay[..memchr::memchr(b'\n', hay).unwrap_or(hay.len())];
        let header = Header::parse(first);
        p.scan(hay, 0..hay.len(), hay.len(), header.as_ref(), &mut out);
        out.iter()
            .map(|h| text[h.start..h.end].to_string())
            .collect()
    }

    #[test]
    fn rare_surnames_are_sorted_keys_found_in_place() {
        let text = RARE_SURNAMES.1;
        let keys: Vec<&str> = lexicon_rows(text).map(|(k, _)| k).collect();
        assert!(keys.len() > 50_000);
        assert!(
            keys.windows(2).all(|w| w[0] < w[1]),
            "not sorted in byte order"
        );
        assert!(
            keys.iter()
                .all(|k| k.len() >= 4 && k.bytes().all(|b| b.is_ascii_uppercase() || b == b'\''))
        );
        // Every key is found (the first and last too), and a key's prefix is not.
        for k in keys
            .iter()
            .step_by(97)
            .chain([&keys[0], keys.last().unwrap()])
        {
            assert!(sorted_key_in(text.as_bytes(), k.as_bytes()), "{k}");
            let prefix = &k[..k.len() - 1];
            assert_eq!(
                sorted_key_in(text.as_bytes(), prefix.as_bytes()),
                keys.binary_search(&prefix).is_ok(),
                "{prefix}"
            );
        }
        for absent in [&b""[..], b"A", b"AAAA", b"ZZZZZZ", b"SMITH", b"#", b"\xff"] {
            assert!(!sorted_key_in(text.as_bytes(), absent), "{absent:?}");
        }
        let tiny = b"# header\nBETA\t1\nDELTA\t2\nGAMMA\t3";
        for (k, want) in [
            ("BETA", true),
            ("DELTA", true),
            ("GAMMA", true),
            ("ALPHA", false),
            ("CAT", false),
            ("ZED", false),
        ] {
            assert_eq!(sorted_key_in(tiny, k.as_bytes()), want, "{k}");
        }
        // In the name pass: a known given name and a rare surname are a pair.
        let p = pass();
        assert_eq!(
            names(&p, "Present: Victor Amankwah, Priscilla Doherty"),
            ["Victor Amankwah", "Priscilla Doherty"]
        );
    }

    #[test]
    fn dictionaries_fold_accents_and_case() {
        let p = pass();
        assert_ne!(p.token_flags("María".as_bytes()) & F_GIVEN, 0);
        assert_ne!(p.token_flags("GARCÍA".as_bytes()) & F_SURNAME, 0);
        assert_ne!(p.token_flags("O'Brien".as_bytes()) & F_SURNAME, 0);
        assert_ne!(p.token_flags("García-Márquez".as_bytes()) & F_SURNAME, 0);
        assert_ne!(p.token_flags(b"Will") & F_COMMON, 0);
        assert_eq!(p.token_flags(b"Xqzvbn"), 0);
    }

    #[test]
    fn fake_names_are_names_in_the_same_capitalisation() {
        let d = [7u8; 32];
        let f = String::from_utf8(fake_name(&d, "María José de la Fuente".as_bytes())).unwrap();
        let words: Vec<&str> = f.split(' ').collect();
        assert_eq!(words.len(), 5, "{f}");
        assert_eq!(&words[2..4], ["de", "la"]);
        assert!(words[0].chars().next().unwrap().is_uppercase());
        assert!(words[1][1..].chars().all(|c| c.is_lowercase()), "{f}");
        let caps = String::from_utf8(fake_name(&d, b"GARCIA, Ana")).unwrap();
        assert!(
            caps.split(", ")
                .next()
                .unwrap()
                .chars()
                .all(|c| c.is_uppercase()),
            "{caps}"
        );
        assert_ne!(
            fake_name(&[1u8; 32], b"Ana Ruiz"),
            fake_name(&[2u8; 32], b"Ana Ruiz")
        );
        assert!(!f.contains("Fuente"));
    }

    #[test]
    fn token_shapes() {
        let shape = |s: &str| read_token(s.as_bytes(), 0, s.len()).unwrap().shape;
        assert_eq!(shape("María"), Shape::Title);
        assert_eq!(shape("NÚÑEZ"), Shape::Caps);
        assert_eq!(shape("McDonald"), Shape::Title);
        assert_eq!(shape("GitHub"), Shape::Other);
        assert_eq!(shape("J. Smith"), Shape::Initial);
        assert_eq!(shape("de"), Shape::Lower);
        assert_eq!(shape("iPhone"), Shape::Other);
    }

    #[test]
    fn cues_and_pairs() {
        let p = pass();
        assert_eq!(names(&p, "Dear Mr. Sullivan,\nthanks"), ["Sullivan"]);
        assert_eq!(
            names(&p, "Ticket from María José Pérez de la Rosa today"),
            ["María José Pérez de la Rosa"]
        );
        assert_eq!(names(&p, "Will this work?"), Vec::<String>::new());
        assert_eq!(names(&p, "Hi Will,\nsee below"), ["Will"]);
        assert_eq!(names(&p, "Customer: Banco Santander"), Vec::<String>::new());
        assert_eq!(
            names(&p, "id,nombre,area\n3,\"LÓPEZ, Ana\",TI"),
            ["LÓPEZ, Ana"]
        );
    }

    #[test]
    fn a_sentence_after_a_speaker_label_is_no_name() {
        let p = pass();
        for chat in [
            "Agent: To verify your identity, tell me your name",
            "Agente: Con gusto. ¿Tiene su número?",
            "Tech: Can you verify the DOB on the account?",
            "Técnico: Antes de conectarme a su equipo, confirme",
        ] {
            assert_eq!(names(&p, chat), Vec::<String>::new(), "{chat}");
        }
        assert_eq!(names(&p, "Customer: Will\nAgent: thanks"), ["Will"]);
        assert_eq!(
            names(&p, "Cliente: Rosa Ibarra, 19-08-1970"),
            ["Rosa Ibarra"]
        );
    }

    #[test]
    fn speakers_and_signatures_are_lone_given_names() {
        let p = pass();
        for (text, want) in [
            ("Helen (IT): can you read me the MAC?", &["Helen"][..]),
            ("Helpdesk (Amira): what's your IP?", &["Amira"]),
            (
                "[14:12] Mesa de Servicio (Yuliana): ¿cuál es tu IP?",
                &["Yuliana"],
            ),
            ("5/3/24, 10:15 - Yesenia: hola team", &["Yesenia"]),
            ("Let me know if 10am works.\n\nJasmine", &["Jasmine"]),
            (
                "Can you check the HR feed?\n- Kendra\nPeople Operations",
                &["Kendra"],
            ),
            ("{\"body\": \"Fixed, thanks.\\n\\nYadira\"}", &["Yadira"]),
            // A setting, a common word, a role, a list, a sentence.
            ("Max: 100", &[]),
            ("Will: merge the branch tonight", &[]),
            ("Agent (Tier 2): please hold", &[]),
            ("Offices:\n\nAustin\nDenver\nMonterrey", &[]),
            ("Status report\n\nCarla is away today", &[]),
            // A chatbot's turns: the role names a program.
            ("Bot (Ava): Hi! What can I help with?", &[]),
            ("Sofi (asistente virtual): ¿En qué te ayudo?", &[]),
            ("[10:02] Virtual Agent (Lena): Please type the code.", &[]),
        ] {
            assert_eq!(names(&p, text), want, "{text}");
        }
    }

    #[test]
    fn a_name_field_vouches_for_one_unknown_word() {
        let p = pass();
        for (text, want) in [
            ("Last name: Sarasola", &["Sarasola"][..]),
            ("Primer apellido: Etxeberria   Clase: B", &["Etxeberria"]),
            ("{\"surname\": \"Goikoetxea\"}", &["Goikoetxea"]),
            // A placeholder, a field's identifier, no separator, a label of another kind.
            ("Surname: Required", &[]),
            ("<fullName>Mothers_Maiden_Name__c</fullName>", &[]),
            ("last name Goikoetxea", &[]),
            ("Customer: Goikoetxea", &[]),
        ] {
            assert_eq!(names(&p, text), want, "{text}");
        }
    }

    #[test]
    fn a_name_found_lends_its_words_to_lone_mentions_nearby() {
        let p = pass();
        assert_eq!(
            names(
                &p,
                "Please welcome Keisha Morrow. Keisha's desk is B4; Morrow starts Monday."
            ),
            ["Keisha Morrow", "Keisha", "Morrow"]
        );
        // Part of a token is no mention; nor is a word far from the name.
        assert_eq!(
            names(
                &p,
                "submit(firstName=Jolene, lastName=Marchbanks) ssid=\"Marchbanks-5G\""
            ),
            ["Jolene", "Marchbanks"]
        );
        let far = format!("Keisha Morrow joined.{}Keisha", " x".repeat(MENTION_WINDOW));
        assert_eq!(names(&p, &far), ["Keisha Morrow"]);
        // No name found, no mention.
        assert_eq!(names(&p, "Keisha starts Monday."), Vec::<String>::new());
    }

    proptest::proptest! {
        /// Texts stitched from the pieces every rule looks at (labels, titles, speakers,
        /// signatures, escapes, list items, words that are no names): the pass never panics,
        /// and its names lie on character boundaries, in order, without overlapping.
        #[test]
        fn names_are_ordered_and_apart_on_any_text(
            pieces in proptest::collection::vec(0usize..PIECES.len(), 0..40),
            from in 0usize..64,
        ) {
            let p = pass();
            let text: String = pieces.iter().map(|&i| PIECES[i]).collect();
            let hay = text.as_bytes();
            let start = (0..=from.min(hay.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let mut out = Vec::new();
            p.scan(hay, start..hay.len(), hay.len(), None, &mut out);
            let mut last = start;
            for h in &out {
                proptest::prop_assert!(h.start >= last && h.start < h.end && h.end <= hay.len(), "{text:?}");
                proptest::prop_assert!(text.is_char_boundary(h.start) && text.is_char_boundary(h.end));
                last = h.end;
            }
        }
    }

    const PIECES: &[&str] = &[
        "Keisha",
        "Morrow",
        " ",
        "\n",
        "\\n",
        "\r\n",
        ": ",
        ":",
        "(IT)",
        " (",
        ")",
        "[10:02] ",
        "-- ",
        "- ",
        ",",
        ", ",
        "\"",
        "[\"",
        "\",\"",
        "Usuario",
        "Error",
        "de",
        "la",
        "Dr. ",
        "Hi ",
        "soy ",
        "karla",
        "muñoz",
        "Íñigo",
        "ÁLVAREZ",
        "Max",
        "Will",
        "Nombre: ",
        "'s",
        "Memo",
        "Garza",
        "Vries",
        "her daughter ",
        "apellido_paterno",
        "=",
        "-5G",
        "é",
        "J.",
        "your full name",
        "¿nombre completo?",
        "CALLER: ",
        "[cliente] ",
        "yeah it's ",
        "mr ",
        "angela",
        "price",
        "¡",
        "\u{a0}",
    ];

    #[test]
    fn a_word_starts_after_a_json_escape() {
        let p = pass();
        assert_eq!(
            names(
                &p,
                "{\"body\": \"ok\\nKeisha Morrow called\\r\\nMateo Quiroga too\"}"
            ),
            ["Keisha Morrow", "Mateo Quiroga"]
        );
    }

    #[test]
    fn a_turn_opens_with_a_speaker_label() {
        fn body(t: &str) -> Option<&str> {
            turn_body(t.as_bytes(), 0, t.len()).map(|p| &t[p..])
        }
        assert_eq!(
            body("[00:00:09] CALLER: yeah it's angela"),
            Some("yeah it's angela")
        );
        assert_eq!(body("[member] doris whitcombe"), Some("doris whitcombe"));
        assert_eq!(body("00:01:12 llamante: francisco"), Some("francisco"));
        assert_eq!(body("see the attached form"), None);
        // A stamp that fills the 64 bytes looked at, then a bracket: no turn, no panic.
        let cut = format!("[{}]{}[cliente] ana", "1".repeat(30), " ".repeat(32));
        assert_eq!(body(&cut), None);
    }

    #[test]
    fn a_bare_name_column_vouches_for_unknown_words_only_in_a_table_of_people() {
        let p = pass();
        // Services and groups: no column says these are people.
        assert_eq!(
            names(
                &p,
                "Status,Name,DisplayName\nRunning,Spooler,Print Spooler\n"
            ),
            Vec::<String>::new()
        );
        // An e-mail column, or a surname column, says they are.
        assert_eq!(
            names(&p, "Name,Email,Dept\nAinhoa,a@example.com,IT\n"),
            ["Ainhoa"]
        );
        assert_eq!(
            names(&p, "nombre,apellido_paterno,area\nAinhoa,Chávez,TI\n"),
            ["Ainhoa", "Chávez"]
        );
        // A flattened object's field is named by its last part: the client's city.
        assert_eq!(
            names(
                &p,
                "client.city,actor.displayName,outcome\nDenver,Ezra Whitcomb,OK\n"
            ),
            ["Ezra Whitcomb"]
        );
    }

    #[test]
    fn a_name_column_header_is_no_name() {
        let p = pass();
        let csv =
            "Id,Requester,Status\n1,Requester,open\n2,Dana Whitfield,open\nId,Requester,Status\n";
        // The header cell and its repeat are column names; a value that happens to equal
        // the column name, on a data line, is still read as one.
        assert_eq!(names(&p, csv), ["Requester", "Dana Whitfield"]);
        // Prose with two commas on the first line is no header.
        assert_eq!(
            names(
                &p,
                "My new address is 1650 Wyandotte St, Raleigh, NC 27601. Thanks, Ryan"
            ),
            ["Ryan"]
        );
        assert_eq!(
            names(
                &p,
                "\"Full Name\",\"Last Login\",\"Client IP\"\n\"Ana Ruiz\",\"x\",\"y\""
            ),
            ["Ana Ruiz"]
        );
        assert_eq!(
            names(
                &p,
                "Nombre;Apellidos;Correo\r\nLucía;Ferrer Gil;l@example.com\r\n"
            ),
            ["Lucía", "Ferrer Gil"]
        );
    }

    #[test]
    fn a_short_unknown_word_in_capitals_ends_a_name() {
        let p = pass();
        // A label after the name is cut, so the pair stands on its own.
        assert_eq!(
            names(&p, "call 2:40pm - pt Gloria Whitfield DOB 07/22/1951"),
            ["Gloria Whitfield"]
        );
        // A surname in capitals is kept, and a health plan is no person.
        assert_eq!(names(&p, "Paciente María GARCÍA"), ["María GARCÍA"]);
        assert!(names(&p, "Primary: Blue Pines PPO  Member ID: H7720183904").is_empty());
    }

    #[test]
    fn a_common_word_of_the_other_language_is_a_name() {
        let p = pass();
        // `Rosa` is a Spanish word, `Grace` an English one: each is a name in the other
        // language's passage, and stays a common word in its own.
        let en = "Agent Rosa: Hi! Can you give me the member ID from your card?";
        assert_eq!(names(&p, en), ["Rosa"]);
        let es = "Agente Grace: ¿me puede dar su número de socio, por favor? Gracias";
        assert_eq!(names(&p, es), ["Grace"]);
        assert!(
            names(
                &p,
                "Agente Rosa: ¿me puede dar su número de socio, por favor?"
            )
            .is_empty()
        );
        assert!(
            names(
                &p,
                "Agent Grace: Hi! Can you give me the member ID from your card?"
            )
            .is_empty()
        );
        // A short line is read with its neighbours; a rare given name (`Iban`) never.
        let chat = "Lena (agent): whats the best email for the receipt?\ncustomer: t@example.org\nLena (agent): and phone?";
        assert_eq!(names(&p, chat), ["Lena", "Lena"]);
        let log = "item 3 rejected, IBAN DE41356729146925860122 fails the check for the wire";
        assert!(names(&p, log).is_empty());
    }

    #[test]
    fn a_time_stamped_speaker_may_carry_unknown_and_common_surnames() {
        let p = pass();
        let chat = "[14:05] Wilma Condori Flores: hola, no me deja entrar al sistema";
        assert_eq!(names(&p, chat), ["Wilma Condori Flores"]);
        // Without the time stamp, or without a plain given name first, it is no name.
        assert!(names(&p, "Wilma Condori Flores: hola, no me deja entrar").is_empty());
        assert!(names(&p, "[14:05] Mesa Condori Flores: hola, no me deja entrar").is_empty());
    }

    #[test]
    fn names_start_inside_the_range_only() {
        let p = pass();
        let text = "Nombre: Laura Gómez; Nombre: Pedro Ruiz";
        let hay = text.as_bytes();
        let mut out = Vec::new();
        p.scan(hay, 10..hay.len(), hay.len(), None, &mut out);
        let got: Vec<&str> = out.iter().map(|h| &text[h.start..h.end]).collect();
        assert_eq!(got, ["Pedro Ruiz"]);
    }
}

//! The detector catalog: detectors are data (`patterns/*.toml`), loaded and checked here once.
//!
//! Built-in pattern files are embedded in the binary at build time, so `tacha` works from any
//! directory; `--patterns FILE` adds user files after them. The order of detectors is their
//! priority: when two detectors' regexes match at the same position, the one listed first is
//! tried first (see `patterns/README.md`). Loading validates everything a user could get wrong:
//! unknown fields, duplicate ids, bad regexes (named with file and detector), patterns that can
//! match the empty string, confidences outside 0..1.
//!
//! A file may name regex pieces in a `[fragments]` table; `{{name}}` in any later pattern (of
//! that file, a later built-in file or a user file) stands for `(?:piece)`, so a date or a
//! capitalised place name is written once, not copied into every detector that needs it.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::CatalogError;
use crate::people::{NameRules, RULES};
use crate::validate::Validator;

/// The built-in pattern files, in priority order (the fragments file defines no detector).
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "patterns/fragments.toml",
        include_str!("../patterns/fragments.toml"),
    ),
    (
        "patterns/credentials.toml",
        include_str!("../patterns/credentials.toml"),
    ),
    (
        "patterns/travel.toml",
        include_str!("../patterns/travel.toml"),
    ),
    (
        "patterns/financial.toml",
        include_str!("../patterns/financial.toml"),
    ),
    (
        "patterns/spain.toml",
        include_str!("../patterns/spain.toml"),
    ),
    (
        "patterns/mexico.toml",
        include_str!("../patterns/mexico.toml"),
    ),
    (
        "patterns/latam.toml",
        include_str!("../patterns/latam.toml"),
    ),
    ("patterns/us.toml", include_str!("../patterns/us.toml")),
    (
        "patterns/dates.toml",
        include_str!("../patterns/dates.toml"),
    ),
    (
        "patterns/contact.toml",
        include_str!("../patterns/contact.toml"),
    ),
    (
        "patterns/network.toml",
        include_str!("../patterns/network.toml"),
    ),
    (
        "patterns/personal.toml",
        include_str!("../patterns/personal.toml"),
    ),
    (
        "patterns/address.toml",
        include_str!("../patterns/address.toml"),
    ),
];

/// The shared context file: words that argue against a personal reading of a number.
pub const NEGATIVE_CONTEXT: (&str, &str) = (
    "patterns/context.toml",
    include_str!("../patterns/context.toml"),
);

/// The report's `category` names (NIST SP 800-122 kinds of PII, plus credentials).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Category {
    Ssn,
    Itin,
    Ein,
    Passport,
    DriversLicense,
    NationalId,
    TaxId,
    PersonName,
    DateOfBirth,
    PlaceOfBirth,
    MothersMaidenName,
    StreetAddress,
    Email,
    Phone,
    CreditCard,
    Iban,
    BankAccount,
    IpAddress,
    MacAddress,
    Vin,
    MedicalId,
    Credential,
}

impl Category {
    /// Every category, in report order.
    pub const ALL: [Category; 22] = [
        Category::Ssn,
        Category::Itin,
        Category::Ein,
        Category::Passport,
        Category::DriversLicense,
        Category::NationalId,
        Category::TaxId,
        Category::PersonName,
        Category::DateOfBirth,
        Category::PlaceOfBirth,
        Category::MothersMaidenName,
        Category::StreetAddress,
        Category::Email,
        Category::Phone,
        Category::CreditCard,
        Category::Iban,
        Category::BankAccount,
        Category::IpAddress,
        Category::MacAddress,
        Category::Vin,
        Category::MedicalId,
        Category::Credential,
    ];

    /// The snake_case name used in reports and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Category::Ssn => "ssn",
            Category::Itin => "itin",
            Category::Ein => "ein",
            Category::Passport => "passport",
            Category::DriversLicense => "drivers_license",
            Category::NationalId => "national_id",
            Category::TaxId => "tax_id",
            Category::PersonName => "person_name",
            Category::DateOfBirth => "date_of_birth",
            Category::PlaceOfBirth => "place_of_birth",
            Category::MothersMaidenName => "mothers_maiden_name",
            Category::StreetAddress => "street_address",
            Category::Email => "email",
            Category::Phone => "phone",
            Category::CreditCard => "credit_card",
            Category::Iban => "iban",
            Category::BankAccount => "bank_account",
            Category::IpAddress => "ip_address",
            Category::MacAddress => "mac_address",
            Category::Vin => "vin",
            Category::MedicalId => "medical_id",
            Category::Credential => "credential",
        }
    }

    /// Parses a category name as written in reports.
    pub fn from_name(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.name() == s)
    }
}

/// One pattern file as written on disk.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PatternFile {
    #[serde(default)]
    fragments: BTreeMap<String, String>,
    #[serde(default, rename = "detector")]
    detectors: Vec<DetectorDef>,
}

/// Fragments may use fragments, this deep at most (deeper means a cycle).
const FRAGMENT_DEPTH: usize = 8;

/// Named regex pieces, referred to as `{{name}}` in patterns.
#[derive(Clone, Debug, Default)]
pub struct Fragments(HashMap<String, String>);

impl Fragments {
    /// `text` with every `{{name}}` replaced by `(?:piece)`, pieces expanded in turn. The error
    /// names the unknown fragment, or the one whose expansion nests too deep.
    pub fn expand(&self, text: &str) -> Result<String, (String, String)> {
        self.expand_at(text, 0)
    }

    fn expand_at(&self, text: &str, depth: usize) -> Result<String, (String, String)> {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find("{{") {
            let Some(close) = rest[open + 2..].find("}}") else {
                break;
            };
            let name = &rest[open + 2..open + 2 + close];
            if !is_snake_case(name) {
                // Not a reference (`{{` cannot start a valid regex item anyway): leave it to the
                // regex parser, which names the error.
                out.push_str(&rest[..open + 2]);
                rest = &rest[open + 2..];
                continue;
            }
            let Some(piece) = self.0.get(name) else {
                return Err((name.to_string(), "unknown fragment".into()));
            };
            if depth >= FRAGMENT_DEPTH {
                return Err((
                    name.to_string(),
                    format!("fragments nest more than {FRAGMENT_DEPTH} deep (a cycle?)"),
                ));
            }
            out.push_str(&rest[..open]);
            out.push_str("(?:");
            out.push_str(&self.expand_at(piece, depth + 1)?);
            out.push(')');
            rest = &rest[open + 2 + close + 2..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

/// Whether `s` is a non-empty snake_case name (`[a-z0-9_]+`).
fn is_snake_case(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Context keywords of a detector, by language.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Keywords {
    /// English keywords.
    #[serde(default)]
    pub en: Vec<String>,
    /// Spanish keywords (accents optional: both spellings are matched).
    #[serde(default)]
    pub es: Vec<String>,
}

/// An example in a pattern file: either a bare string, or a text with the exact value expected.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum Example {
    /// Text that must (or must not) yield a finding of this detector.
    Text(String),
    /// Text plus the exact bytes the finding must cover.
    WithValue {
        /// The text to scan.
        text: String,
        /// The value the finding must span.
        value: String,
    },
}

impl Example {
    /// The text to scan.
    pub fn text(&self) -> &str {
        match self {
            Example::Text(t) | Example::WithValue { text: t, .. } => t,
        }
    }
    /// The expected value, when given.
    pub fn value(&self) -> Option<&str> {
        match self {
            Example::Text(_) => None,
            Example::WithValue { value, .. } => Some(value),
        }
    }
}

/// Examples that must and must not match, run through the real engine by the test suite.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    /// Texts that must yield a finding of this detector (at the default threshold).
    #[serde(default, rename = "match")]
    pub must_match: Vec<Example>,
    /// Texts that must not yield a finding of this detector.
    #[serde(default)]
    pub no_match: Vec<Example>,
}

/// A detector as written in a pattern file.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DetectorDef {
    id: String,
    category: Category,
    description: String,
    pattern: String,
    #[serde(default)]
    validator: Option<Validator>,
    confidence: f32,
    #[serde(default)]
    keywords: Keywords,
    #[serde(default)]
    context_required: bool,
    #[serde(default)]
    column_context_only: bool,
    #[serde(default = "default_true")]
    first_column: bool,
    #[serde(default)]
    context_before: bool,
    #[serde(default = "default_true")]
    negative_context: bool,
    #[serde(default)]
    not_after: Option<String>,
    #[serde(default)]
    document_types: Vec<String>,
    #[serde(default)]
    examples: Examples,
}

fn default_true() -> bool {
    true
}

/// A loaded, checked detector.
#[derive(Clone, Debug)]
pub struct Detector {
    /// Unique id (`us_ssn`), reported in the `detector` field; shared by every finding of the
    /// detector rather than copied into each.
    pub id: std::sync::Arc<str>,
    /// The report category.
    pub category: Category,
    /// One line for `tacha detectors`.
    pub description: String,
    /// The regex, ASCII mode (see `patterns/README.md`).
    pub pattern: String,
    /// Whether the pattern has a `value` group that delimits the finding.
    pub has_value_group: bool,
    /// The named validator, if any.
    pub validator: Option<Validator>,
    /// Confidence of a validated candidate without context.
    pub confidence: f32,
    /// Context keywords.
    pub keywords: Keywords,
    /// Report only when a keyword is near.
    pub context_required: bool,
    /// Context comes only from the column header of a delimited file (CSV, TSV), never from
    /// nearby words: for values that are everywhere (dates) and personal only by their column.
    pub column_context_only: bool,
    /// Whether a column-only detector reads a table's first column too. A first column is
    /// often the rows' own key: an identity document's number there is the person's, but an
    /// `account`, member or patient number is the system's record number, and a secret is
    /// never one (Jira's `Clave` column holds issue keys).
    pub first_column: bool,
    /// Only context words that end before the value count (`DOB on file for Ana is <date>`):
    /// for values that are everywhere and personal only after their label.
    pub context_before: bool,
    /// Whether the shared negative words lower confidence.
    pub negative_context: bool,
    /// A regex matched against the bytes just before a candidate (at most
    /// [`NOT_AFTER_WINDOW`], anchored with `$`): when it matches, the candidate is not this
    /// detector's (`Chrome/` before `122.0.0.0` makes a version, not an IP address).
    pub not_after: Option<String>,
    /// For a column-only detector, the values of a document-type column (`DOC_TYPE`,
    /// `tipo_documento`) that name its document (`P`, `PASAPORTE`), as [`type_key`] writes
    /// them. Such a detector reads only the document-number columns of a table that has a
    /// type column (both named in `patterns/context.toml`), and only in the rows whose type
    /// is one of these; in those rows the number is no other column-only detector's. Empty
    /// for every other detector.
    pub document_types: Vec<String>,
    /// Examples for the test suite.
    pub examples: Examples,
    /// The file the detector came from.
    pub source: String,
    /// Which engine runs it.
    pub kind: DetectorKind,
}

/// Which engine runs a detector.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DetectorKind {
    /// The shared one-pass regex automaton (every `patterns/*.toml` detector).
    Regex,
    /// The person-name pass (`src/people.rs`, rules in `patterns/people.toml`).
    Names,
}

/// How many bytes before a candidate a detector's `not_after` regex sees.
pub const NOT_AFTER_WINDOW: usize = 64;

/// The pattern given to the regex automaton for detectors it does not run: an empty byte
/// class, which never matches.
pub const NEVER_MATCHES: &str = r"[^\x00-\xFF]";

impl Detector {
    /// Whether it needs a word nearby and can get one from words (not only from a column): the
    /// engine searches it near its own words instead of in the one pass, and the words (or a
    /// pasted table's header) decide its hits.
    pub fn gated(&self) -> bool {
        self.kind == DetectorKind::Regex && self.context_required && !self.column_context_only
    }

    /// The languages its context keywords cover.
    pub fn languages(&self) -> Vec<&'static str> {
        if self.kind == DetectorKind::Names {
            return vec!["en", "es"];
        }
        let mut v = Vec::new();
        if !self.keywords.en.is_empty() {
            v.push("en");
        }
        if !self.keywords.es.is_empty() {
            v.push("es");
        }
        v
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ContextFile {
    negative: Keywords,
    document_type: Keywords,
    document_number: Keywords,
}

/// The full, ordered set of detectors plus shared context words.
#[derive(Clone, Debug)]
pub struct Catalog {
    /// Detectors in priority order.
    pub detectors: Vec<Detector>,
    /// Words that lower the confidence of a nearby numeric candidate.
    pub negative: Keywords,
    /// Names of a column that says which identity document each row's number is (`DOC_TYPE`,
    /// `tipo_documento`), as [`type_key`] writes them: see [`Detector::document_types`].
    pub document_type_columns: Vec<String>,
    /// Names of a column that holds an identity document's number (`DOC_NO`, `num_doc`), as
    /// [`type_key`] writes them: beside a type column, the typed detectors read them.
    pub document_number_columns: Vec<String>,
    /// Rules of the person-name pass, when its detector is present.
    pub names: Option<NameRules>,
    /// Named regex pieces defined so far.
    pub fragments: Fragments,
}

impl Catalog {
    /// The built-in detectors.
    pub fn builtin() -> Result<Catalog, CatalogError> {
        let mut cat = Catalog {
            detectors: Vec::new(),
            negative: Keywords::default(),
            document_type_columns: Vec::new(),
            document_number_columns: Vec::new(),
            names: None,
            fragments: Fragments::default(),
        };
        for (name, text) in BUILTIN {
            cat.add_file(name, text)?;
        }
        let rules = NameRules::builtin()?;
        cat.detectors.push(Detector {
            id: "person_name".into(),
            category: Category::PersonName,
            description: rules.description.clone(),
            pattern: NEVER_MATCHES.into(),
            has_value_group: false,
            validator: None,
            confidence: rules.confidence.cue,
            keywords: Keywords::default(),
            context_required: false,
            column_context_only: false,
            first_column: true,
            context_before: false,
            negative_context: false,
            not_after: None,
            document_types: Vec::new(),
            examples: rules.examples.clone(),
            source: RULES.0.into(),
            kind: DetectorKind::Names,
        });
        cat.names = Some(rules);
        let (name, text) = NEGATIVE_CONTEXT;
        let ctx: ContextFile = toml::from_str(text).map_err(|e| CatalogError::Toml {
            file: name.to_string(),
            message: e.to_string(),
        })?;
        cat.negative = ctx.negative;
        let keys = |k: &Keywords| {
            k.en.iter()
                .chain(&k.es)
                .map(|w| type_key(w.as_bytes()))
                .collect()
        };
        cat.document_type_columns = keys(&ctx.document_type);
        cat.document_number_columns = keys(&ctx.document_number);
        Ok(cat)
    }

    /// Adds the detectors of a user pattern file after the built-in ones.
    pub fn add_path(&mut self, path: &Path) -> Result<(), CatalogError> {
        let text = std::fs::read_to_string(path).map_err(|source| CatalogError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        self.add_file(&path.display().to_string(), &text)
    }

    /// Parses and checks one pattern file's text.
    pub fn add_file(&mut self, file: &str, text: &str) -> Result<(), CatalogError> {
        let parsed: PatternFile = toml::from_str(text).map_err(|e| CatalogError::Toml {
            file: file.to_string(),
            message: e.to_string(),
        })?;
        for (name, piece) in parsed.fragments {
            let err = |message: &str| CatalogError::Fragment {
                file: file.to_string(),
                fragment: name.clone(),
                message: message.to_string(),
            };
            if !is_snake_case(&name) {
                return Err(err("name must be non-empty snake_case ([a-z0-9_])"));
            }
            if self.fragments.0.contains_key(&name) {
                return Err(err("defined twice"));
            }
            self.fragments.0.insert(name, piece);
        }
        let mut seen: HashSet<String> = self.detectors.iter().map(|d| d.id.to_string()).collect();
        for mut def in parsed.detectors {
            let err = |message: String| CatalogError::Detector {
                file: file.to_string(),
                detector: def.id.clone(),
                message,
            };
            if !is_snake_case(&def.id) {
                return Err(err("id must be non-empty snake_case ([a-z0-9_])".into()));
            }
            let expand = |text: &str| {
                self.fragments
                    .expand(text)
                    .map_err(|(fragment, message)| CatalogError::Fragment {
                        file: file.to_string(),
                        fragment,
                        message: format!("in detector `{}`: {message}", def.id),
                    })
            };
            def.pattern = expand(&def.pattern)?;
            if let Some(n) = &def.not_after {
                def.not_after = Some(expand(n)?);
            }
            if !seen.insert(def.id.clone()) {
                return Err(err("duplicate detector id".into()));
            }
            if !(0.0..=1.0).contains(&def.confidence) {
                return Err(err(format!(
                    "confidence {} is outside 0..1",
                    def.confidence
                )));
            }
            if def.context_required
                && def.keywords.en.is_empty()
                && def.keywords.es.is_empty()
                && def.document_types.is_empty()
            {
                return Err(err("context_required needs keywords".into()));
            }
            let hir = crate::engine::parse_pattern(&def.pattern).map_err(|e| err(e.to_string()))?;
            if hir.properties().minimum_len() == Some(0) {
                return Err(err("pattern can match the empty string".into()));
            }
            if let Some(msg) = explosive_repetition(&hir) {
                return Err(err(msg));
            }
            if let Some(re) = &def.not_after {
                crate::engine::parse_pattern(re).map_err(|e| err(format!("not_after: {e}")))?;
            }
            if !def.document_types.is_empty() && !def.column_context_only {
                return Err(err(
                    "document_types is for column-only detectors (column_context_only = true)"
                        .into(),
                ));
            }
            if !def.first_column && !def.column_context_only {
                return Err(err(
                    "first_column is for column-only detectors (column_context_only = true)".into(),
                ));
            }
            let has_value_group = hir_has_group(&hir, "value");
            self.detectors.push(Detector {
                id: def.id.into(),
                category: def.category,
                description: def.description,
                pattern: def.pattern,
                has_value_group,
                validator: def.validator,
                confidence: def.confidence,
                keywords: def.keywords,
                context_required: def.context_required,
                column_context_only: def.column_context_only,
                first_column: def.first_column,
                context_before: def.context_before,
                negative_context: def.negative_context,
                not_after: def.not_after,
                document_types: def
                    .document_types
                    .iter()
                    .map(|t| type_key(t.as_bytes()))
                    .collect(),
                examples: def.examples,
                source: file.to_string(),
                kind: DetectorKind::Regex,
            });
        }
        Ok(())
    }

    /// Keeps only detectors for which `keep` is true.
    pub fn retain(&mut self, keep: impl Fn(&Detector) -> bool) {
        self.detectors.retain(keep);
    }
}

/// Largest counted repetition allowed over a broad class (more than 64 possible bytes).
const MAX_BROAD_COUNT: u32 = 16;

/// A counted repetition such as `[^\s]{1,128}` multiplies the states of the one-pass automaton
/// shared by every detector; measured here, one such pattern made the whole scan 10 times
/// slower. Lengths belong in validators: use `+` or `*` in the pattern.
fn explosive_repetition(hir: &regex_syntax::hir::Hir) -> Option<String> {
    use regex_syntax::hir::{Class, HirKind};
    match hir.kind() {
        HirKind::Repetition(r) => {
            let broad = match r.sub.kind() {
                HirKind::Class(Class::Bytes(c)) => {
                    c.ranges()
                        .iter()
                        .map(|r| u32::from(r.end() - r.start()) + 1)
                        .sum::<u32>()
                        > 64
                }
                HirKind::Class(Class::Unicode(c)) => {
                    c.ranges()
                        .iter()
                        .map(|r| u32::from(r.end()) - u32::from(r.start()) + 1)
                        .sum::<u32>()
                        > 64
                }
                _ => false,
            };
            match r.max {
                Some(max) if broad && max > MAX_BROAD_COUNT => Some(format!(
                    "counted repetition {{{},{max}}} over a broad class makes the shared automaton explode; use + or * and check the length in a validator",
                    r.min
                )),
                _ => explosive_repetition(&r.sub),
            }
        }
        HirKind::Capture(c) => explosive_repetition(&c.sub),
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().find_map(explosive_repetition),
        _ => None,
    }
}

fn hir_has_group(hir: &regex_syntax::hir::Hir, name: &str) -> bool {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Capture(c) => c.name.as_deref() == Some(name) || hir_has_group(&c.sub, name),
        HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().any(|h| hir_has_group(h, name)),
        HirKind::Repetition(r) => hir_has_group(&r.sub, name),
        _ => false,
    }
}

/// A document type, or the name of a column that holds one, as compared: its letters and
/// digits, lower case, accents folded (`Driver's License`, `DRIVERS_LICENSE` and
/// `driversLicense` are all `driverslicense`; `Tipo de identificación` is
/// `tipodeidentificacion`).
pub fn type_key(s: &[u8]) -> String {
    crate::engine::fold_accents(&String::from_utf8_lossy(s))
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

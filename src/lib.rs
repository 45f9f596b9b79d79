//! tacha finds personally identifiable information (PII) in files and writes redacted copies
//! plus a JSON report.
//!
//! The pieces, in the order data flows through them:
//!
//! - [`catalog`]: detectors are data (`patterns/*.toml`), loaded and checked once.
//! - [`engine`]: every detector regex in one pass, validators, EN/ES context scoring.
//! - [`keyed`]: the value a key names in JSON, XML, YAML, LDIF and logfmt, read like a CSV cell.
//! - [`validate`]: checksums and structure rules (Luhn, mod 97, SSN rules, CURP, MRZ...).
//! - [`people`]: person names from dictionaries and cues (the one detector that is no regex).
//! - [`urlenc`]: URL-encoded query strings and form bodies, decoded for the engine.
//! - [`mime`]: quoted-printable e-mail bodies and RFC 2047 encoded words, decoded for the engine.
//! - [`sqldump`]: SQL `INSERT`/`COPY` rows laid out as tables under their column names.
//! - [`vcard`]: vCard names, addresses and birthdays laid out as tables the same way.
//! - [`segments`]: HL7 v2 and X12 segments' personal fields laid out as tables the same way.
//! - [`scan`]: files, directories and stdin to findings, in parallel and with bounded memory.
//! - [`finding`]: masked renderings and keyed fingerprints (no raw values by default).
//! - [`report`]: human lines, JSON, JSON Lines.
//! - [`eval`]: precision and recall on labelled text.
//!
//! ```
//! use tacha::{catalog::Catalog, engine::Engine, finding::Fingerprinter, scan::{Scanner, ScanOptions}};
//!
//! let engine = Engine::new(&Catalog::builtin()?, 0.5)?;
//! let scanner = Scanner::new(engine, Fingerprinter::new(b"demo key"), ScanOptions::default());
//! let findings = scanner.scan_bytes("ticket.txt", b"SSN: 536-90-4399");
//! assert_eq!(findings[0].category.name(), "ssn");
//! assert_eq!(findings[0].masked, "***-**-4399");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![deny(missing_docs)]

pub mod catalog;
pub mod consoletable;
pub mod engine;
pub mod error;
pub mod eval;
pub mod finding;
pub mod keyed;
pub mod mime;
pub mod people;
pub mod redact;
pub mod report;
pub mod scan;
pub mod segments;
pub mod sqldump;
pub mod urlenc;
pub mod validate;
pub mod vcard;

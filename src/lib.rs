//! tacha finds personally identifiable information (PII) in files and writes redacted copies
//! plus a JSON report.
#![deny(missing_docs)]

pub mod validate;

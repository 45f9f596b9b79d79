//! Typed errors of the library. Every message names the file, detector or flag at fault and never
//! contains scanned content, so an error can be printed or logged without leaking PII.

use std::path::PathBuf;

/// A detector catalog (built-in or `--patterns` file) that cannot be loaded.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    /// The file could not be read.
    #[error("cannot read pattern file {path}: {source}")]
    Read {
        /// The pattern file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The TOML is malformed or has unknown/missing fields.
    #[error("malformed pattern file {file}: {message}")]
    Toml {
        /// The pattern file (or built-in name).
        file: String,
        /// What the TOML parser said.
        message: String,
    },
    /// A named pattern fragment is badly named, defined twice, unknown or nested in a cycle.
    #[error("{file}: fragment `{fragment}`: {message}")]
    Fragment {
        /// The pattern file (or built-in name).
        file: String,
        /// The fragment's name.
        fragment: String,
        /// What is wrong.
        message: String,
    },
    /// A detector's definition is inconsistent.
    #[error("{file}: detector `{detector}`: {message}")]
    Detector {
        /// The pattern file (or built-in name).
        file: String,
        /// The detector id.
        detector: String,
        /// What is wrong.
        message: String,
    },
}

/// An input that could not be scanned. The run reports it and goes on.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    /// Opening, mapping or reading failed.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Walking a directory failed below `path`.
    #[error("{path}: {message}")]
    Walk {
        /// Where the walk failed.
        path: PathBuf,
        /// What the walker said.
        message: String,
    },
}

impl ScanError {
    /// The path the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            ScanError::Io { path, .. } | ScanError::Walk { path, .. } => path,
        }
    }
}

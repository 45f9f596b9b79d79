//! The single integration-test binary (one link step for all tests, as ripgrep and regex do).

mod cli;
mod detectors;
mod redact;
mod report;
mod util;

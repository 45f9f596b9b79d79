//! Helpers shared by the integration tests: a per-test temporary tree and the binary.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `tacha` binary with a fixed fingerprint key and no colour.
pub fn tacha() -> Command {
    let mut cmd = Command::cargo_bin("tacha").expect("binary built");
    cmd.env("TACHA_KEY", "test-key").env_remove("NO_COLOR");
    cmd
}

/// A temporary directory that is removed when dropped.
pub struct TestDir {
    dir: tempfile::TempDir,
}

impl TestDir {
    /// A new empty directory.
    pub fn new() -> TestDir {
        TestDir {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// Its path.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes a file (creating parent directories) and returns its path.
    pub fn file(&self, rel: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, contents).unwrap();
        p
    }
}

/// Parses JSON Lines output.
pub fn jsonl(out: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(out)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

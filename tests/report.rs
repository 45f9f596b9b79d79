//! The JSON report's schema, pinned: deserialising with `deny_unknown_fields` fails on any field
//! added or removed without updating this test and the README.

use serde::Deserialize;

use crate::util::{TestDir, tacha};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Report {
    tool: String,
    version: String,
    schema: u32,
    summary: Summary,
    findings: Vec<Finding>,
    skipped: Vec<Skipped>,
    errors: Vec<ErrorEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Summary {
    files_scanned: u64,
    bytes_scanned: u64,
    files_skipped: std::collections::BTreeMap<String, u64>,
    errors: u64,
    findings: u64,
    by_category: std::collections::BTreeMap<String, u64>,
    elapsed_ms: u64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Finding {
    path: String,
    start: u64,
    end: u64,
    line: u64,
    column: u64,
    category: String,
    detector: String,
    confidence: f64,
    masked: String,
    fingerprint: String,
    #[serde(default)]
    test_data: bool,
    #[serde(default)]
    value: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Skipped {
    path: String,
    reason: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct ErrorEntry {
    path: String,
    message: String,
}

#[test]
fn json_report_matches_the_documented_schema() {
    let t = TestDir::new();
    t.file(
        "d/a.log",
        "SSN: 536-90-4399\nmail ana@example.com\ncard 4111 1111 1111 1111\n",
    );
    t.file("d/b.bin", b"\x00\x00binary");
    let out = tacha()
        .args(["scan", "--format", "json"])
        .arg(t.path().join("d"))
        .arg(t.path().join("nope"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let r: Report = serde_json::from_slice(&out.stdout).expect("report matches schema");
    assert_eq!(r.tool, "tacha");
    assert_eq!(r.schema, 1);
    assert_eq!(r.summary.files_scanned, 1);
    assert_eq!(r.summary.errors, 1);
    assert_eq!(r.errors.len(), 1);
    assert!(r.errors[0].path.ends_with("nope"));
    assert_eq!(r.skipped.len(), 1);
    assert_eq!(r.skipped[0].reason, "binary");
    assert_eq!(r.summary.findings as usize, r.findings.len());
    let cats: Vec<&str> = r.findings.iter().map(|f| f.category.as_str()).collect();
    assert_eq!(cats, ["ssn", "email", "credit_card"]);
    assert!(r.findings[2].test_data, "4111... is a well-known test card");
    assert!(
        r.findings
            .iter()
            .all(|f| f.value.is_none() && f.fingerprint.len() == 32)
    );
    // Findings are sorted by path, then offset.
    assert!(
        r.findings
            .windows(2)
            .all(|w| (w[0].path.as_str(), w[0].start) <= (w[1].path.as_str(), w[1].start))
    );
}

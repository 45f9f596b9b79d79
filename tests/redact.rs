//! `tacha redact`: guarantees, each tested. Bytes outside findings are unchanged; a re-scan of
//! the output finds nothing; redacting twice changes nothing more; CSV and JSON stay valid;
//! originals are never touched without --in-place; a failed or interrupted run leaves no partial
//! file.

use std::io::Read;
use std::process::{Command as StdCommand, Stdio};

use predicates::prelude::*;
use proptest::prelude::*;

use tacha::catalog::Catalog;
use tacha::engine::Engine;
use tacha::finding::Fingerprinter;
use tacha::redact::{Redactor, Style, Styles, safe_span, write_redacted};
use tacha::scan::{ScanOptions, Scanner};

use crate::util::{TestDir, tacha};

fn scanner() -> Scanner {
    static SCANNER: std::sync::OnceLock<Scanner> = std::sync::OnceLock::new();
    SCANNER
        .get_or_init(|| {
            let engine = Engine::new(&Catalog::builtin().unwrap(), 0.5).unwrap();
            Scanner::new(engine, Fingerprinter::new(b"k"), ScanOptions::default())
        })
        .clone()
}

fn redact(scanner: &Scanner, style: Style, hay: &[u8]) -> Vec<u8> {
    let redactor = Redactor::new(
        Styles {
            default: style,
            ..Default::default()
        },
        Fingerprinter::new(b"k"),
    );
    let hits = scanner.hits(hay);
    let mut out = Vec::new();
    write_redacted(&redactor, scanner.engine(), hay, &hits, &mut out).unwrap();
    out
}

/// Identifiers to plant: (text, category) — each valid for its detector.
const PLANTS: &[&str] = &[
    "536-90-4399",
    "4539 1488 0343 6467",
    "5425-2334-3010-9903",
    "ES79 2100 0813 6101 2345 6789",
    "ana.ruiz@example.com",
    "password=Tr0ub4dor",
    "https://bob:s3cr3tPa55@repo.example.com/x",
    "1HGCM82633A004352",
    "DOB: 04/12/1985",
    "00:1A:2B:3C:4D:5E",
    "203.0.113.45",
    "+52 55 1234 5678",
    "CLABE 002010077777777771",
];

/// The sensitive part of each plant, which no style may let through whole.
const SECRETS: &[&str] = &[
    "536-90-4399",
    "4539 1488 0343 6467",
    "5425-2334-3010-9903",
    "ES79 2100 0813 6101 2345 6789",
    "ana.ruiz",
    "Tr0ub4dor",
    "s3cr3tPa55",
    "1HGCM82633A004352",
    "04/12/1985",
    "00:1A:2B:3C:4D:5E",
    "203.0.113.45",
    "55 1234 5678",
    "002010077777777771",
];

fn text_with_plants() -> impl Strategy<Value = (String, Vec<usize>)> {
    let filler = prop::collection::vec(
        prop_oneof![
            "[a-z]{1,8}".prop_map(|s| s),
            Just(" ".to_string()),
            Just("\n".to_string()),
            Just(", ".to_string()),
            Just("\"".to_string()),
            Just("id=42 ".to_string()),
            Just("2024-03-12T10:11:12Z ".to_string()),
            Just("ñandú ".to_string()),
        ],
        0..12,
    );
    prop::collection::vec((filler, prop::option::of(0..PLANTS.len())), 1..8).prop_map(|parts| {
        let mut text = String::new();
        let mut planted = Vec::new();
        for (fill, plant) in parts {
            for f in fill {
                text.push_str(&f);
            }
            if let Some(i) = plant {
                text.push(' ');
                text.push_str(PLANTS[i]);
                text.push(' ');
                planted.push(i);
            }
        }
        (text, planted)
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn mask_changes_only_finding_bytes((text, _) in text_with_plants()) {
        let s = scanner();
        let hay = text.as_bytes();
        let out = redact(&s, Style::Mask, hay);
        let out_s = String::from_utf8(out.clone()).unwrap();
        // Mask replaces each character by one `*`: compare character by character.
        let a: Vec<char> = text.chars().collect();
        let b: Vec<char> = out_s.chars().collect();
        prop_assert_eq!(a.len(), b.len());
        let mut inside = vec![false; hay.len()];
        for h in s.hits(hay) {
            let (st, en) = safe_span(hay, h.start, h.end);
            for x in &mut inside[st..en] { *x = true; }
        }
        let mut byte = 0;
        for (ca, cb) in a.iter().zip(&b) {
            if !inside[byte] || !ca.is_alphanumeric() {
                prop_assert_eq!(ca, cb, "changed outside a finding at byte {}", byte);
            } else {
                prop_assert_eq!(*cb, '*');
            }
            byte += ca.len_utf8();
        }
    }

    #[test]
    fn redacted_output_rescans_clean_and_is_stable((text, planted) in text_with_plants()) {
        let s = scanner();
        for style in [Style::Label, Style::Mask, Style::Partial, Style::Hash] {
            let once = redact(&s, style, text.as_bytes());
            let found = s.scan_bytes("x", &once);
            prop_assert!(found.is_empty(), "{:?}: re-scan found {:?} in {:?}", style, found.iter().map(|f| &f.detector).collect::<Vec<_>>(), String::from_utf8_lossy(&once));
            let twice = redact(&s, style, &once);
            prop_assert_eq!(&once, &twice);
        }
        // No style ever lets a planted value through.
        for style in [Style::Label, Style::Mask, Style::Partial, Style::Hash, Style::Fake] {
            let out = String::from_utf8_lossy(&redact(&s, style, text.as_bytes())).into_owned();
            for &i in &planted {
                let value = SECRETS[i];
                prop_assert!(!out.contains(value), "{:?} leaked {:?}: {:?}", style, value, out);
            }
        }
    }
}

#[test]
fn fake_values_keep_shape_and_fail_their_validator() {
    let s = scanner();
    let out = redact(
        &s,
        Style::Fake,
        b"SSN 536-90-4399 card 4539 1488 0343 6467 iban ES79 2100 0813 6101 2345 6789\n",
    );
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains("536-90-4399") && !text.contains("4539 1488 0343 6467"));
    let shape = |s: &str| {
        s.chars()
            .map(|c| {
                if c.is_ascii_digit() {
                    '9'
                } else if c.is_ascii_alphabetic() {
                    'A'
                } else {
                    c
                }
            })
            .collect::<String>()
    };
    assert_eq!(
        shape(&text),
        shape("SSN 536-90-4399 card 4539 1488 0343 6467 iban ES79 2100 0813 6101 2345 6789\n")
    );
    // Surrogates fail their checksum, so a re-scan never reports them as those identifiers.
    let again = s.scan_bytes("x", text.as_bytes());
    assert!(
        again
            .iter()
            .all(|f| !matches!(&*f.detector, "us_ssn" | "payment_card" | "iban")),
        "{again:?}"
    );
    // Consistent: the same value gets the same surrogate.
    assert_eq!(
        redact(&s, Style::Fake, b"SSN 536-90-4399"),
        redact(&s, Style::Fake, b"SSN 536-90-4399")
    );
}

#[test]
fn csv_and_json_copies_still_parse_with_the_same_shape() {
    let t = TestDir::new();
    let csv_in = "id,name,notes\n1,Ana,\"card 4539 1488 0343 6467, exp 09/27\"\n2,Luis,\"dijo \"\"mi SSN es 536-90-4399\"\"\nsegunda línea\"\n3,Eva,\"password=\"\"Tr0ub4dor\\\"\"\"\n";
    let json_in = r#"[{"id":1,"email":"ana.ruiz@example.com","msg":"pwd=abc\"x","key":"-----BEGIN RSA PRIVATE KEY-----\nMIIEfakefake\n-----END RSA PRIVATE KEY-----","n":"tel +34 612 34 56 78\tok"}]"#;
    t.file("in/t.csv", csv_in);
    t.file("in/t.json", json_in);
    t.file(
        "in/t.jsonl",
        format!(
            "{}\n{}\n",
            r#"{"a":"SSN 536-90-4399"}"#, r#"{"b":"mail\nana@example.com"}"#
        ),
    );
    for style in ["label", "mask", "partial", "hash", "fake"] {
        let out = t.path().join(format!("out-{style}"));
        tacha()
            .args(["redact", "--style", style, "--out"])
            .arg(&out)
            .arg(t.path().join("in"))
            .assert()
            .code(1);
        let read_csv = |s: &str| -> Vec<Vec<String>> {
            csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(s.as_bytes())
                .records()
                .map(|r| r.unwrap().iter().map(String::from).collect())
                .collect()
        };
        let before = read_csv(csv_in);
        let after = read_csv(&std::fs::read_to_string(out.join("t.csv")).unwrap());
        assert_eq!(before.len(), after.len(), "{style}: rows");
        for (a, b) in before.iter().zip(&after) {
            assert_eq!(a.len(), b.len(), "{style}: columns in {b:?}");
        }
        assert!(
            !after
                .iter()
                .flatten()
                .any(|f| f.contains("536-90-4399") || f.contains("4539 1488 0343 6467")),
            "{style}"
        );
        let j: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.join("t.json")).unwrap())
                .unwrap_or_else(|e| panic!("{style}: JSON broke: {e}"));
        let keys: Vec<&String> = j[0].as_object().unwrap().keys().collect();
        assert_eq!(keys, ["email", "id", "key", "msg", "n"], "{style}");
        assert!(
            !j.to_string().contains("ana.ruiz@example.com"),
            "{style}: {j}"
        );
        for line in std::fs::read_to_string(out.join("t.jsonl"))
            .unwrap()
            .lines()
        {
            serde_json::from_str::<serde_json::Value>(line)
                .unwrap_or_else(|e| panic!("{style}: JSONL broke: {e}: {line}"));
        }
    }
}

#[test]
fn out_mirrors_layout_copies_unchanged_files_and_leaves_originals() {
    let t = TestDir::new();
    let a = t.file("in/a/app.log", "SSN 536-90-4399\n");
    t.file("in/b/clean.log", "nothing here\n");
    t.file("in/b/blob.bin", b"\x00\x01 ana@example.com");
    let out = t.path().join("out");
    tacha()
        .args(["redact", "--out"])
        .arg(&out)
        .arg(t.path().join("in"))
        .assert()
        .code(1);
    assert_eq!(
        std::fs::read_to_string(&a).unwrap(),
        "SSN 536-90-4399\n",
        "original untouched"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("a/app.log")).unwrap(),
        "SSN [SSN]\n"
    );
    assert_eq!(
        std::fs::read_to_string(out.join("b/clean.log")).unwrap(),
        "nothing here\n"
    );
    assert!(
        !out.join("b/blob.bin").exists(),
        "walked binaries are not copied"
    );
    let out2 = t.path().join("out2");
    tacha()
        .args(["redact", "--only-changed", "--out"])
        .arg(&out2)
        .arg(t.path().join("in"))
        .assert()
        .code(1);
    assert!(out2.join("a/app.log").exists() && !out2.join("b/clean.log").exists());
}

#[test]
fn out_inside_an_input_or_missing_destination_is_refused() {
    let t = TestDir::new();
    t.file("in/a.log", "SSN 536-90-4399\n");
    tacha()
        .args(["redact", "--out"])
        .arg(t.path().join("in/red"))
        .arg(t.path().join("in"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("inside the input"));
    assert!(!t.path().join("in/red").exists());
    tacha()
        .args(["redact"])
        .arg(t.path().join("in"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--out DIR, --in-place"));
}

#[cfg(unix)]
#[test]
fn in_place_is_atomic_keeps_permissions_and_backup() {
    use std::os::unix::fs::PermissionsExt;
    let t = TestDir::new();
    let f = t.file("a.log", "ok\nSSN 536-90-4399\n");
    std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o640)).unwrap();
    tacha()
        .args(["redact", "--in-place", "--backup", ".orig"])
        .arg(&f)
        .assert()
        .code(1);
    assert_eq!(std::fs::read_to_string(&f).unwrap(), "ok\nSSN [SSN]\n");
    assert_eq!(
        std::fs::metadata(&f).unwrap().permissions().mode() & 0o777,
        0o640
    );
    assert_eq!(
        std::fs::read_to_string(t.path().join("a.log.orig")).unwrap(),
        "ok\nSSN 536-90-4399\n"
    );
    let leftovers: Vec<_> = std::fs::read_dir(t.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tacha-tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn dry_run_writes_nothing_and_shows_masked_findings() {
    let t = TestDir::new();
    let f = t.file("a.log", "SSN 536-90-4399\n");
    let out = t.path().join("out");
    tacha()
        .args(["redact", "--dry-run", "--out"])
        .arg(&out)
        .arg(&f)
        .assert()
        .code(1)
        .stdout(
            predicate::str::contains("ssn")
                .and(predicate::str::contains("***-**-4399"))
                .and(predicate::str::contains("536-90").not()),
        );
    assert!(!out.join("a.log").exists());
}

#[test]
fn a_failed_destination_is_reported_others_are_written_and_nothing_partial_remains() {
    let t = TestDir::new();
    t.file("in/x/a.log", "SSN 536-90-4399\n");
    t.file("in/y/b.log", "SSN 536-90-4399\n");
    let out = t.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("x"), "a file where a directory must go").unwrap();
    tacha()
        .args(["redact", "--out"])
        .arg(&out)
        .arg(t.path().join("in"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("a.log"));
    assert_eq!(
        std::fs::read_to_string(out.join("y/b.log")).unwrap(),
        "SSN [SSN]\n"
    );
    let all: Vec<String> = walk(&out);
    assert!(all.iter().all(|p| !p.contains(".tacha-tmp")), "{all:?}");
}

fn walk(dir: &std::path::Path) -> Vec<String> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            v.extend(walk(&p));
        } else {
            v.push(p.to_string_lossy().into_owned());
        }
    }
    v
}

#[cfg(unix)]
#[test]
fn an_interrupted_redaction_leaves_no_partial_file() {
    let t = TestDir::new();
    let line = "2024-03-12T10:11:12Z user ana.ruiz@example.com card 4539 1488 0343 6467 from 203.0.113.45\n";
    let big = t.file("in/big.log", line.repeat(12_000)); // ~1 MB
    let out = t.path().join("out");
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("tacha"))
        .args(["redact", "-j", "1", "--out"])
        .arg(&out)
        .arg(&big)
        .env("TACHA_KEY", "k")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the temporary output exists (the run is midway), then interrupt it.
    let started = std::time::Instant::now();
    loop {
        let midway = out.exists() && walk(&out).iter().any(|p| p.contains(".tacha-tmp"));
        if midway || started.elapsed().as_secs() > 60 || child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let finished_early = child.try_wait().unwrap().is_some();
    StdCommand::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    let files = walk(&out);
    assert!(
        files.iter().all(|p| !p.contains(".tacha-tmp")),
        "temporary file left: {files:?}"
    );
    // The copy is either absent or complete: identical to an uninterrupted run's.
    let reference = t.path().join("reference");
    tacha()
        .args(["redact", "--out"])
        .arg(&reference)
        .arg(&big)
        .assert()
        .code(1);
    if let Ok(got) = std::fs::read(out.join("big.log")) {
        assert!(
            got == std::fs::read(reference.join("big.log")).unwrap(),
            "partial output left behind; stderr: {err}"
        );
    } else {
        assert!(
            !finished_early,
            "a run that finished must have written its copy"
        );
        assert_ne!(
            status.code(),
            Some(0),
            "an interrupted run must not report success"
        );
    }
}

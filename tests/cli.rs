//! CLI behaviour: exit codes, stdin, formats, binary and unreadable inputs, broken pipes.

use std::io::{Read, Write};
use std::process::{Command as StdCommand, Stdio};

use predicates::prelude::*;

use crate::util::{TestDir, jsonl, tacha};

#[test]
fn exit_0_when_nothing_is_found() {
    tacha()
        .args(["scan", "-"])
        .write_stdin("nothing personal here, build 1.2.3\n")
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn exit_1_and_a_human_line_when_pii_is_found() {
    tacha()
        .args(["scan", "-", "--color", "never"])
        .write_stdin("hello\nSSN: 536-90-4399\n")
        .assert()
        .code(1)
        .stdout("-:2:6: ssn (0.99) ***-**-4399\n");
}

#[test]
fn piped_stdin_is_read_without_a_path() {
    tacha()
        .arg("scan")
        .write_stdin("mail ana.ruiz@example.com\n")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("email"));
}

#[test]
fn an_error_outranks_findings_and_the_run_goes_on() {
    let t = TestDir::new();
    let good = t.file("a.log", "card 4539 1488 0343 6467\n");
    let missing = t.path().join("missing.log");
    tacha()
        .args(["scan", "--format", "jsonl"])
        .arg(&missing)
        .arg(&good)
        .assert()
        .code(2)
        .stdout(
            predicate::str::contains("\"type\":\"finding\"")
                .and(predicate::str::contains("\"type\":\"error\"")),
        );
}

#[test]
fn jsonl_findings_have_every_documented_field_and_no_raw_value() {
    let out = tacha()
        .args(["scan", "-", "--format", "jsonl"])
        .write_stdin("x\ncliente: ana@example.com, tarjeta 4539 1488 0343 6467\n")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out.clone()).unwrap();
    assert!(
        !text.contains("4539 1488 0343 6467") && !text.contains("ana@example.com"),
        "raw value leaked: {text}"
    );
    let rows = jsonl(&out);
    let findings: Vec<_> = rows.iter().filter(|r| r["type"] == "finding").collect();
    assert_eq!(findings.len(), 2, "{rows:?}");
    for f in &findings {
        for key in [
            "path",
            "start",
            "end",
            "line",
            "column",
            "category",
            "detector",
            "confidence",
            "masked",
            "fingerprint",
        ] {
            assert!(f.get(key).is_some(), "missing {key} in {f}");
        }
        assert_eq!(f["line"], 2);
    }
    let card = findings
        .iter()
        .find(|f| f["category"] == "credit_card")
        .unwrap();
    let start = card["start"].as_u64().unwrap() as usize;
    let end = card["end"].as_u64().unwrap() as usize;
    assert_eq!(
        &"x\ncliente: ana@example.com, tarjeta 4539 1488 0343 6467\n"[start..end],
        "4539 1488 0343 6467"
    );
    assert_eq!(card["masked"], "**** **** **** 6467");
    assert_eq!(rows.last().unwrap()["type"], "summary");
}

#[test]
fn show_values_is_the_only_way_to_see_raw_values() {
    tacha()
        .args(["scan", "-", "--format", "jsonl", "--show-values"])
        .write_stdin("SSN 536-90-4399\n")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"value\":\"536-90-4399\""));
}

#[test]
fn fingerprints_are_stable_under_a_key_and_differ_across_keys() {
    let fp = |key: &str| {
        let out = tacha()
            .env("TACHA_KEY", key)
            .args(["scan", "-", "--format", "jsonl"])
            .write_stdin("SSN 536-90-4399\n")
            .output()
            .unwrap();
        jsonl(&out.stdout)[0]["fingerprint"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(fp("k1"), fp("k1"));
    assert_ne!(fp("k1"), fp("k2"));
}

#[test]
fn binary_files_are_skipped_when_walking_but_scanned_when_named() {
    let t = TestDir::new();
    let bin = t.file(
        "d/blob.bin",
        b"\x00\x01\x02 contact ana.ruiz@example.com \x00",
    );
    t.file("d/ok.txt", "nothing\n");
    let out = tacha()
        .args(["scan", "--format", "json"])
        .arg(t.path().join("d"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["summary"]["files_skipped"]["binary"], 1);
    assert_eq!(doc["summary"]["files_scanned"], 1);
    tacha()
        .args(["scan"])
        .arg(&bin)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("email"));
}

#[test]
fn invalid_utf8_does_not_stop_a_scan() {
    let t = TestDir::new();
    let f = t.file("latin1.log", b"nombre: Jos\xe9 \xff\xfe SSN 536-90-4399\n");
    tacha()
        .args(["scan", "--format", "jsonl"])
        .arg(&f)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("\"ssn\""));
}

#[cfg(unix)]
#[test]
fn a_dangling_link_followed_is_an_error_named_by_path() {
    let t = TestDir::new();
    t.file("d/a.log", "ok\n");
    std::os::unix::fs::symlink(t.path().join("nowhere"), t.path().join("d/broken")).unwrap();
    tacha()
        .args(["scan", "--follow"])
        .arg(t.path().join("d"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken"));
    // Without --follow the link is skipped, not an error.
    tacha()
        .args(["scan"])
        .arg(t.path().join("d"))
        .assert()
        .code(0);
}

#[test]
fn report_file_gets_json_while_stdout_gets_human_lines() {
    let t = TestDir::new();
    let f = t.file("a.log", "SSN: 536-90-4399\n");
    let report = t.path().join("out/report.json");
    std::fs::create_dir_all(report.parent().unwrap()).unwrap();
    tacha()
        .args(["scan", "--color", "never", "--report"])
        .arg(&report)
        .arg(&f)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(":1:6: ssn"));
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    assert_eq!(doc["tool"], "tacha");
    assert_eq!(doc["summary"]["by_category"]["ssn"], 1);
}

#[test]
fn min_confidence_filters() {
    // CLABE without context sits below the default threshold but above 0.4.
    tacha()
        .args(["scan", "-"])
        .write_stdin("nota 002010077777777771\n")
        .assert()
        .code(0);
    tacha()
        .args(["scan", "-", "--min-confidence", "0.4"])
        .write_stdin("nota 002010077777777771\n")
        .assert()
        .code(1);
}

#[test]
fn bad_flags_and_pattern_files_are_clear_errors() {
    tacha()
        .args(["scan", "-", "--min-confidence", "7"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("outside 0..1"));
    tacha()
        .args(["scan", "-", "--only", "ssnn"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown category `ssnn`"));
    let t = TestDir::new();
    let p = t.file("mine.toml", "[[detector]]\nid = \"x\"\n");
    tacha()
        .args(["scan", "-", "--patterns"])
        .arg(&p)
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("mine.toml"));
    // A row type means nothing to a detector that reads prose.
    let typed = t.file(
        "typed.toml",
        "[[detector]]\nid = \"staff_card\"\ncategory = \"national_id\"\ndescription = \"d\"\npattern = '\\bSC-[0-9]{6}\\b'\nconfidence = 0.9\ndocument_types = [\"SC\"]\n",
    );
    tacha()
        .args(["scan", "-", "--patterns"])
        .arg(&typed)
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("typed.toml"))
        .stderr(predicate::str::contains("document_types"));
    let empty = t.file("key", "");
    tacha()
        .args(["scan", "-", "--key-file"])
        .arg(&empty)
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("empty"));
}

#[test]
fn user_pattern_files_add_detectors() {
    let t = TestDir::new();
    let p = t.file(
        "mine.toml",
        "[[detector]]\nid = \"employee_id\"\ncategory = \"national_id\"\ndescription = \"ACME employee id\"\npattern = '\\bEMP-[0-9]{6}\\b'\nconfidence = 0.9\n",
    );
    tacha()
        .args(["scan", "-", "--format", "jsonl", "--patterns"])
        .arg(&p)
        .write_stdin("by EMP-123456\n")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("employee_id"));
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    let t = TestDir::new();
    let line = "user ana.ruiz@example.com logged in from 203.0.113.45\n";
    let f = t.file("big.log", line.repeat(200_000));
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("tacha"))
        .args(["scan", "--color", "never"])
        .arg(&f)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert_eq!(status.code(), Some(0), "stderr: {err}");
    assert!(err.is_empty(), "stderr: {err}");
}

#[test]
fn stdin_is_streamed_with_positions_of_the_whole_stream() {
    // More than one stdin block, with a finding after the first block boundary.
    let filler = "filler line without anything personal in it at all\n".repeat(40_000);
    let input = format!("{filler}SSN: 536-90-4399\n");
    let mut child = StdCommand::new(assert_cmd::cargo::cargo_bin("tacha"))
        .args(["scan", "-", "--format", "jsonl"])
        .env("TACHA_KEY", "k")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let rows = jsonl(&out.stdout);
    let f = rows
        .iter()
        .find(|r| r["type"] == "finding")
        .expect("finding");
    assert_eq!(f["line"], 40_001);
    assert_eq!(f["start"].as_u64().unwrap() as usize, filler.len() + 5);
}

#[test]
fn detectors_lists_ids_categories_and_languages() {
    tacha().arg("detectors").assert().code(0).stdout(
        predicate::str::contains("us_ssn")
            .and(predicate::str::contains("date_of_birth"))
            .and(predicate::str::contains("en+es")),
    );
}

#[test]
fn a_large_file_split_into_parallel_chunks_reports_what_the_stream_reports() {
    // Over 12 MB: scanned as several chunks in parallel. Standard input takes the streaming
    // path. Both must report the same positions, lines and columns.
    let t = TestDir::new();
    let mut text = String::new();
    let mut i = 0u64;
    while text.len() < 13 << 20 {
        i += 1;
        text.push_str(&format!("2024-03-12 10:11:12 req={i} ok\n"));
        if i % 997 == 0 {
            text.push_str(&format!(
                "user ana{i}@example.com SSN 536-90-4399 from 203.0.113.{}\n",
                i % 250
            ));
        }
    }
    let f = t.file("big.log", &text);
    let strip = |out: &[u8]| -> Vec<String> {
        let mut v: Vec<String> = jsonl(out)
            .into_iter()
            .filter(|r| r["type"] == "finding")
            .map(|r| {
                format!(
                    "{} {} {} {} {}",
                    r["start"], r["end"], r["line"], r["column"], r["detector"]
                )
            })
            .collect();
        v.sort();
        v
    };
    let whole = tacha()
        .args(["scan", "--format", "jsonl"])
        .arg(&f)
        .output()
        .unwrap();
    let streamed = tacha()
        .args(["scan", "-", "--format", "jsonl"])
        .pipe_stdin(&f)
        .unwrap()
        .output()
        .unwrap();
    let (a, b) = (strip(&whole.stdout), strip(&streamed.stdout));
    assert!(a.len() > 30, "{}", a.len());
    assert_eq!(a, b);
}

#[test]
fn a_csv_header_on_stdin_names_the_columns_of_later_blocks() {
    // The header is in the first stdin block; the birth date is several blocks later.
    let mut input = String::from("id,nombre,fecha_nacimiento,correo\n");
    for i in 0..200_000 {
        input.push_str(&format!("{i},Cliente,,\n"));
    }
    input.push_str("99,Ana,16/08/1947,\n");
    let out = tacha()
        .args(["scan", "-", "--format", "jsonl"])
        .write_stdin(input)
        .output()
        .unwrap();
    let rows = jsonl(&out.stdout);
    let f = rows
        .iter()
        .find(|r| r["type"] == "finding" && r["category"] == "date_of_birth")
        .expect("a date of birth");
    assert_eq!(f["line"], 200_002);
    // The `nombre` column makes the lone given name beside it a person's name.
    let name = rows
        .iter()
        .find(|r| r["type"] == "finding" && r["category"] == "person_name")
        .expect("a name");
    assert_eq!(name["line"], 200_002);
    assert_eq!(name["column"], 4);
}

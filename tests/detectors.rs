//! Data-driven detector tests: every `examples.match` and `examples.no_match` of every built-in
//! pattern file runs through the real engine (the same path as `tacha scan`), at the default
//! confidence threshold.

use tacha::catalog::Catalog;
use tacha::engine::Engine;
use tacha::finding::Fingerprinter;
use tacha::scan::{ScanOptions, Scanner};

fn scanner() -> Scanner {
    static SCANNER: std::sync::OnceLock<Scanner> = std::sync::OnceLock::new();
    SCANNER
        .get_or_init(|| {
            let catalog = Catalog::builtin().expect("built-in catalog loads");
            let engine = Engine::new(&catalog, 0.5).expect("built-in catalog compiles");
            Scanner::new(
                engine,
                Fingerprinter::new(b"k"),
                ScanOptions {
                    show_values: true,
                    ..Default::default()
                },
            )
        })
        .clone()
}

#[test]
fn every_detector_example_behaves_as_declared() {
    let catalog = Catalog::builtin().unwrap();
    let scanner = scanner();
    let mut failures = Vec::new();
    let mut checked = 0;
    for d in &catalog.detectors {
        for ex in &d.examples.must_match {
            checked += 1;
            let found = scanner.scan_bytes("example", ex.text().as_bytes());
            let mine: Vec<_> = found.iter().filter(|f| f.detector == d.id).collect();
            match ex.value() {
                Some(v) if !mine.iter().any(|f| f.value.as_deref() == Some(v)) => {
                    failures.push(format!(
                        "{}: {:?} must yield {:?}, got {:?}",
                        d.id,
                        ex.text(),
                        v,
                        found
                            .iter()
                            .map(|f| (&f.detector, f.value.clone()))
                            .collect::<Vec<_>>()
                    ))
                }
                None if mine.is_empty() => failures.push(format!(
                    "{}: {:?} must match, got {:?}",
                    d.id,
                    ex.text(),
                    found
                        .iter()
                        .map(|f| (&f.detector, f.value.clone()))
                        .collect::<Vec<_>>()
                )),
                _ => {}
            }
        }
        for ex in &d.examples.no_match {
            checked += 1;
            let found = scanner.scan_bytes("example", ex.text().as_bytes());
            if let Some(f) = found.iter().find(|f| f.detector == d.id) {
                failures.push(format!(
                    "{}: {:?} must not match, got {:?}",
                    d.id,
                    ex.text(),
                    f.value
                ));
            }
        }
    }
    assert!(
        checked > 150,
        "only {checked} examples: pattern files lost their examples?"
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} examples failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_detector_has_examples_both_ways() {
    let catalog = Catalog::builtin().unwrap();
    for d in &catalog.detectors {
        assert!(
            !d.examples.must_match.is_empty(),
            "{} has no examples.match",
            d.id
        );
        // A detector whose format is decisive may omit no_match only if it says so by having a
        // validator; everything else must show what it leaves alone.
        assert!(
            !d.examples.no_match.is_empty() || &*d.id == "mrz_td2",
            "{} has no examples.no_match",
            d.id
        );
    }
}

#[test]
fn a_rejected_candidate_does_not_hide_another_detectors_match() {
    // 900-50-0001 is shaped like an SSN (tried first) but area 9xx is invalid for SSNs; the
    // ITIN detector must still get it.
    let s = scanner();
    let found = s.scan_bytes("x", b"W-7 filed, number 900-50-0001 assigned");
    assert!(found.iter().any(|f| &*f.detector == "us_itin"), "{found:?}");
    // 18 digits: the card detector (earlier? no: CLABE is first) - a card-shaped CLABE with
    // CLABE context must be a bank account, and a Luhn-valid card must stay a card.
    let found = s.scan_bytes("x", b"CLABE 002010077777777771");
    assert_eq!(&*found[0].detector, "clabe");
}

#[test]
fn hard_negatives_fixture_is_clean_of_checksummed_identifiers() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/logs/clean.log");
    let Ok(text) = std::fs::read(path) else {
        return;
    };
    let s = scanner();
    let found = s.scan_bytes("clean.log", &text);
    assert!(
        found.is_empty(),
        "clean.log must have no findings, got {:#?}",
        found
            .iter()
            .map(|f| (&f.detector, &f.value, f.line))
            .collect::<Vec<_>>()
    );
}

#[test]
fn malformed_pattern_files_name_the_file_and_detector() {
    let mut c = Catalog::builtin().unwrap();
    let err = c.add_file("mine.toml", "[[detector]]\nid = \"x\"\ncategory = \"ssn\"\ndescription = \"d\"\npattern = '(['\nconfidence = 0.5\n").unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("mine.toml") && msg.contains("`x`"), "{msg}");

    let err = c
        .add_file(
            "mine.toml",
            "[[detector]]\nid = \"y\"\ncategory = \"nope\"\n",
        )
        .unwrap_err();
    assert!(err.to_string().contains("mine.toml"), "{err}");

    let err = c.add_file("mine.toml", "[[detector]]\nid = \"z\"\ncategory = \"ssn\"\ndescription = \"d\"\npattern = '[^ ]{1,200}'\nconfidence = 0.5\n").unwrap_err();
    assert!(err.to_string().contains("explode"), "{err}");

    let err = c.add_file("mine.toml", "[[detector]]\nid = \"us_ssn\"\ncategory = \"ssn\"\ndescription = \"d\"\npattern = 'a'\nconfidence = 0.5\n").unwrap_err();
    assert!(err.to_string().contains("duplicate"), "{err}");

    let err = c.add_file("mine.toml", "[[detector]]\nid = \"e\"\ncategory = \"ssn\"\ndescription = \"d\"\npattern = 'a*'\nconfidence = 0.5\n").unwrap_err();
    assert!(err.to_string().contains("empty"), "{err}");

    let err = c.add_file("mine.toml", "[[detector]]\nid = \"na\"\ncategory = \"ssn\"\ndescription = \"d\"\npattern = 'a'\nconfidence = 0.5\nnot_after = '(['\n").unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("mine.toml") && msg.contains("not_after"),
        "{msg}"
    );

    let err = c.add_file("mine.toml", "[[detector]]\nid = \"fc\"\ncategory = \"ssn\"\ndescription = \"d\"\npattern = 'a'\nconfidence = 0.5\nfirst_column = false\n").unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("mine.toml") && msg.contains("first_column"),
        "{msg}"
    );
}

#[test]
fn fragments_are_shared_named_pieces_and_bad_ones_are_clear_errors() {
    let det = |id: &str, pattern: &str| {
        format!(
            "[[detector]]\nid = \"{id}\"\ncategory = \"national_id\"\ndescription = \"d\"\npattern = '''{pattern}'''\nconfidence = 0.9\n"
        )
    };
    // A user file names pieces, nests them and uses a built-in one (`{{year}}`).
    let mut c = Catalog::builtin().unwrap();
    let text = format!(
        "[fragments]\nserial = '''[0-9]{{4}}'''\nbadge = '''B-{{{{serial}}}}-{{{{year}}}}'''\n{}",
        det("badge_id", r"\b{{badge}}\b")
    );
    c.add_file("mine.toml", &text).unwrap();
    let d = c.detectors.iter().find(|d| &*d.id == "badge_id").unwrap();
    assert_eq!(
        d.pattern, r"\b(?:B-(?:[0-9]{4})-(?:[0-9]{4}|[0-9]{2}))\b",
        "a fragment stands for a non-capturing group"
    );
    let scanner = Scanner::new(
        Engine::new(&c, 0.5).unwrap(),
        Fingerprinter::new(b"k"),
        ScanOptions::default(),
    );
    let found = scanner.scan_bytes("t", b"badge B-1234-1985 ok B-12-1985\n");
    let spans: Vec<(u64, u64)> = found
        .iter()
        .filter(|f| &*f.detector == "badge_id")
        .map(|f| (f.start, f.end))
        .collect();
    assert_eq!(spans, vec![(6, 17)]);

    let mut c = Catalog::builtin().unwrap();
    let mut err = |text: &str| c.add_file("mine.toml", text).unwrap_err().to_string();
    let msg = err(&det("u", r"\b{{nope}}\b"));
    assert!(
        msg.contains("mine.toml")
            && msg.contains("`nope`")
            && msg.contains("unknown")
            && msg.contains("`u`"),
        "{msg}"
    );
    let msg = err("[fragments]\ndate = 'x'\n");
    assert!(msg.contains("`date`") && msg.contains("twice"), "{msg}");
    let msg = err("[fragments]\nBad-Name = 'x'\n");
    assert!(msg.contains("snake_case"), "{msg}");
    let msg = err(&format!(
        "[fragments]\nping = '{{{{pong}}}}'\npong = '{{{{ping}}}}'\n{}",
        det("c", "{{ping}}")
    ));
    assert!(msg.contains("cycle"), "{msg}");
}

#[test]
fn keywords_that_differ_only_in_case_serve_every_detector() {
    // The context automaton ignores ASCII case; a word two detectors spell differently
    // (`Zorg` and `zorg`) must still count as context for both.
    let mut c = Catalog::builtin().unwrap();
    c.add_file(
        "mine.toml",
        r#"
[[detector]]
id = "zorg_upper"
category = "national_id"
description = "test"
pattern = '\bQ[0-9]{5}\b'
confidence = 0.5
context_required = true
keywords = { en = ["Zorg"] }

[[detector]]
id = "zorg_lower"
category = "national_id"
description = "test"
pattern = '\bW[0-9]{5}\b'
confidence = 0.5
context_required = true
keywords = { en = ["zorg"] }
"#,
    )
    .unwrap();
    let scanner = Scanner::new(
        Engine::new(&c, 0.5).unwrap(),
        Fingerprinter::new(b"k"),
        ScanOptions::default(),
    );
    let found = scanner.scan_bytes("t", b"Zorg id Q12345 and W54321\n");
    let ids: Vec<&str> = found.iter().map(|f| &*f.detector).collect();
    assert!(ids.contains(&"zorg_upper"), "{ids:?}");
    assert!(ids.contains(&"zorg_lower"), "{ids:?}");
}

//! Measurement on labelled text: precision, recall and F1 per category.
//!
//! A labelled file is JSON Lines, one example per line:
//! `{"text": "...", "spans": [{"start": 12, "end": 23, "category": "ssn"}]}` with byte offsets
//! into the UTF-8 text (other fields are ignored). A predicted finding counts as a true positive
//! when it overlaps a labelled span of the same category; a labelled span is recalled when some
//! finding of its category overlaps it. This is the usual "partial overlap" scoring of PII
//! benchmarks; spans also agree exactly most of the time, and `exact` counts those.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::catalog::Category;
use crate::scan::Scanner;

/// One labelled example.
#[derive(Debug, Deserialize)]
pub struct Example {
    /// The text.
    pub text: String,
    /// Labelled spans.
    #[serde(default)]
    pub spans: Vec<Span>,
}

/// A labelled span.
#[derive(Debug, Deserialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last.
    pub end: usize,
    /// Category name.
    pub category: String,
}

/// Counts for one category.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Counts {
    /// Labelled spans.
    pub gold: u64,
    /// Findings.
    pub predicted: u64,
    /// Findings that overlap a labelled span of the category.
    pub true_positives: u64,
    /// Labelled spans overlapped by a finding of the category.
    pub recalled: u64,
    /// Findings whose span equals a labelled span exactly.
    pub exact: u64,
}

impl Counts {
    /// Precision (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 {
            1.0
        } else {
            self.true_positives as f64 / self.predicted as f64
        }
    }
    /// Recall (1 when nothing was labelled).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            1.0
        } else {
            self.recalled as f64 / self.gold as f64
        }
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.true_positives += o.true_positives;
        self.recalled += o.recalled;
        self.exact += o.exact;
    }
}

/// A mistake, for `--errors` output (the example index and what went wrong).
#[derive(Clone, Debug, Serialize)]
pub struct Miss {
    /// Index of the example in its file (0-based line).
    pub example: usize,
    /// `false_positive` or `false_negative`.
    pub kind: &'static str,
    /// Category.
    pub category: String,
    /// The span's text.
    pub text: String,
}

/// Scores one example; updates per-category counts and records misses.
pub fn score(
    scanner: &Scanner,
    ex: &Example,
    index: usize,
    counts: &mut BTreeMap<String, Counts>,
    misses: &mut Vec<Miss>,
) {
    let hay = ex.text.as_bytes();
    let hits = scanner.hits(hay);
    let engine = scanner.engine();
    let pred: Vec<(usize, usize, &'static str)> = hits
        .iter()
        .map(|h| (h.start, h.end, engine.category(h.detector).name()))
        .collect();
    let overlaps = |a: (usize, usize), b: (usize, usize)| a.0 < b.1 && b.0 < a.1;
    let snippet = |s: usize, e: usize| {
        String::from_utf8_lossy(&hay[s.min(hay.len())..e.min(hay.len())]).into_owned()
    };
    for sp in &ex.spans {
        let c = counts.entry(sp.category.clone()).or_default();
        c.gold += 1;
        if pred
            .iter()
            .any(|p| p.2 == sp.category && overlaps((p.0, p.1), (sp.start, sp.end)))
        {
            c.recalled += 1;
        } else {
            misses.push(Miss {
                example: index,
                kind: "false_negative",
                category: sp.category.clone(),
                text: snippet(sp.start, sp.end),
            });
        }
    }
    for p in &pred {
        let c = counts.entry(p.2.to_string()).or_default();
        c.predicted += 1;
        let gold = ex.spans.iter().filter(|s| s.category == p.2);
        let mut hit = false;
        for s in gold {
            if overlaps((p.0, p.1), (s.start, s.end)) {
                hit = true;
                if (p.0, p.1) == (s.start, s.end) {
                    c.exact += 1;
                }
                break;
            }
        }
        if hit {
            c.true_positives += 1;
        } else {
            misses.push(Miss {
                example: index,
                kind: "false_positive",
                category: p.2.to_string(),
                text: snippet(p.0, p.1),
            });
        }
    }
}

/// Totals over every category.
pub fn total(counts: &BTreeMap<String, Counts>) -> Counts {
    let mut t = Counts::default();
    for c in counts.values() {
        t.add(c);
    }
    t
}

/// Whether a labelled category name is one tacha knows.
pub fn known_category(name: &str) -> bool {
    Category::from_name(name).is_some()
}

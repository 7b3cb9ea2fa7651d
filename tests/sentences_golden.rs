//! The English sentence-boundary golden sets in `../shared/data/sbd/`: pySBD's 48 rules,
//! pragmatic_segmenter's 52 and sentencex's 236 cases.
//!
//! A case passes when the splitter's sentences, trimmed, equal the expected ones. Two notes on
//! reading the sets as they define themselves:
//! - pragmatic_segmenter's cases were exported from Ruby string literals with their escapes
//!   kept (`\n`, `\"`); they are unescaped here, as Ruby reads them.
//! - pragmatic_segmenter's expected output has passed through its cleaner, which deletes a line
//!   break inside a sentence (`a cold \nnight` is expected as `a cold night`). So whitespace
//!   runs that contain a line break compare equal to a single space; the number of cases that
//!   needed this is printed.
//!
//! The splitter runs in [`LineBreaks::Wrapped`] mode: the sets are prose, and in a case a single
//! line break is a wrap unless the lines are unpunctuated items. (News input uses the default
//! hard line breaks.)
//!
//! Run: `cargo test --release --test sentences_golden -- --nocapture`

mod shared_data;

use quotesmith::sentences::{LineBreaks, SentenceSplitter};
use std::path::PathBuf;

struct Case {
    text: String,
    expected: Vec<String>,
}

fn data_dir() -> PathBuf {
    shared_data::shared("data/sbd")
}

fn load(file: &str, unescape: bool) -> Option<Vec<Case>> {
    let path = data_dir().join(file);
    let raw = match std::fs::read_to_string(&path) {
        Ok(raw) => raw,
        Err(_) => {
            shared_data::skip(&format!("{} not found", path.display()));
            return None;
        }
    };
    let value: serde_json::Value = serde_json::from_str(&raw).expect("golden set is JSON");
    let fix = |s: &str| {
        if unescape {
            s.replace("\\n", "\n").replace("\\\"", "\"")
        } else {
            s.to_string()
        }
    };
    let cases = value
        .as_array()
        .expect("golden set is an array")
        .iter()
        .map(|c| Case {
            text: fix(c["text"].as_str().expect("text")),
            expected: c["expected"]
                .as_array()
                .expect("expected")
                .iter()
                .map(|s| s.as_str().expect("sentence").trim().to_string())
                .collect(),
        })
        .collect();
    Some(cases)
}

/// Collapses whitespace runs that hold a line break into one space.
fn unwrap_lines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut ws = String::new();
    for c in s.chars() {
        if c.is_whitespace() {
            ws.push(c);
            continue;
        }
        if !ws.is_empty() {
            if ws.contains(['\n', '\r']) {
                out.push(' ');
            } else {
                out.push_str(&ws);
            }
            ws.clear();
        }
        out.push(c);
    }
    out
}

/// Like [`score`], without printing failures.
fn score_quiet(sp: &SentenceSplitter, cases: &[Case]) -> (usize, usize, usize) {
    score_with(sp, None, cases)
}

/// Runs one set, printing failures; returns (passed, total, passed only after unwrapping).
fn score(sp: &SentenceSplitter, name: &str, cases: &[Case]) -> (usize, usize, usize) {
    score_with(sp, Some(name), cases)
}

fn score_with(sp: &SentenceSplitter, name: Option<&str>, cases: &[Case]) -> (usize, usize, usize) {
    let mut passed = 0;
    let mut unwrapped = 0;
    for (i, case) in cases.iter().enumerate() {
        let got: Vec<String> = sp
            .split(&case.text)
            .into_iter()
            .map(|s| case.text.as_str()[s].trim().to_string())
            .collect();
        if got == case.expected {
            passed += 1;
        } else if got.iter().map(|s| unwrap_lines(s)).collect::<Vec<_>>()
            == case
                .expected
                .iter()
                .map(|s| unwrap_lines(s))
                .collect::<Vec<_>>()
        {
            passed += 1;
            unwrapped += 1;
        } else if let Some(name) = name {
            eprintln!(
                "[{name} #{i}] {:?}\n  expected: {:?}\n  got:      {:?}",
                case.text, case.expected, got
            );
        }
    }
    (passed, cases.len(), unwrapped)
}

#[test]
fn golden_sets() {
    let sp = SentenceSplitter::new()
        .expect("splitter builds")
        .with_line_breaks(LineBreaks::Wrapped);
    let sets = [
        ("pysbd", "english_golden_rules_pysbd.json", false, 48),
        (
            "pragmatic_segmenter",
            "english_golden_rules_pragmatic_segmenter.json",
            true,
            51,
        ),
        ("sentencex", "english_sentencex_tests_en.json", false, 230),
    ];
    let news = SentenceSplitter::new().expect("splitter builds");
    let mut failures = Vec::new();
    for (name, file, unescape, need) in sets {
        let Some(cases) = load(file, unescape) else {
            return;
        };
        let (passed, total, unwrapped) = score(&sp, name, &cases);
        println!(
            "{name}: {passed}/{total} ({:.1} %){}",
            100.0 * passed as f64 / total as f64,
            if unwrapped > 0 {
                format!(", {unwrapped} after unwrapping line breaks")
            } else {
                String::new()
            }
        );
        if passed < need {
            failures.push(format!("{name}: {passed}/{total}, need {need}"));
        }
        // For reference: the default news mode, where every line break is hard.
        let (hard, _, _) = score_quiet(&news, &cases);
        println!("{name} with hard line breaks (news default): {hard}/{total}");
    }
    assert!(failures.is_empty(), "below threshold: {failures:?}");
}

/// `--line-breaks auto` must read every PolNeAR article and every sample as hard-broken
/// news, so that their figures cannot move.
#[test]
fn auto_line_breaks_read_polnear_and_the_samples_as_hard() {
    use quotesmith::sentences::detect_line_breaks;
    let mut dirs = vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/samples/articles")];
    for split in ["train", "dev"] {
        match shared_data::path(&format!("polnear/{split}/text")) {
            Some(dir) => dirs.push(dir),
            None => return,
        }
    }
    let mut read = 0;
    for dir in dirs {
        for entry in std::fs::read_dir(&dir).expect("folder lists") {
            let path = entry.expect("entry").path();
            let text = std::fs::read_to_string(&path).expect("article reads");
            assert_eq!(
                detect_line_breaks(&text),
                LineBreaks::Hard,
                "{}",
                path.display()
            );
            read += 1;
        }
    }
    let dump = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/samples/dump.jsonl");
    for line in std::fs::read_to_string(dump).expect("dump reads").lines() {
        let record: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        let text = record["text"].as_str().expect("text field");
        assert_eq!(detect_line_breaks(text), LineBreaks::Hard, "{text:.60}");
        read += 1;
    }
    assert!(read > 900, "only {read} documents read");
}

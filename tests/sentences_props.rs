//! Property tests: for any input the splitter keeps every non-whitespace character exactly
//! once, in order, on character boundaries, with trimmed non-empty spans.

use proptest::prelude::*;
use quotesmith::Span;
use quotesmith::sentences::{LineBreaks, SentenceSplitter};
use std::sync::OnceLock;

fn splitters() -> &'static [SentenceSplitter; 2] {
    static S: OnceLock<[SentenceSplitter; 2]> = OnceLock::new();
    S.get_or_init(|| {
        [
            SentenceSplitter::new().expect("splitter builds"),
            SentenceSplitter::new()
                .expect("splitter builds")
                .with_line_breaks(LineBreaks::Wrapped),
        ]
    })
}

/// Checks that `spans` are ordered, disjoint, trimmed, non-empty, on char boundaries, and
/// together hold every non-whitespace character of `text` (the rest being whitespace).
fn check_cover(text: &str, spans: &[Span]) -> Result<(), TestCaseError> {
    let mut pos = 0;
    for s in spans {
        prop_assert!(
            s.start >= pos,
            "out of order or overlapping: {s:?} after {pos}"
        );
        prop_assert!(s.start < s.end, "empty span {s:?}");
        prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        let gap = &text[pos..s.start];
        prop_assert!(gap.chars().all(char::is_whitespace), "dropped text {gap:?}");
        let surface = &text[s.start..s.end];
        prop_assert_eq!(surface.trim(), surface, "untrimmed span");
        pos = s.end;
    }
    let rest = &text[pos..];
    prop_assert!(
        rest.chars().all(char::is_whitespace),
        "dropped tail {rest:?}"
    );
    Ok(())
}

fn check(text: &str) -> Result<(), TestCaseError> {
    for sp in splitters() {
        let (paragraphs, sentences) = sp.annotate(text);
        check_cover(text, &paragraphs)?;
        check_cover(text, &sentences)?;
        // Every sentence lies inside one paragraph.
        let mut p = 0;
        for s in &sentences {
            while p < paragraphs.len() && paragraphs[p].end < s.end {
                p += 1;
            }
            prop_assert!(p < paragraphs.len() && paragraphs[p].contains(s));
        }
    }
    Ok(())
}

/// Text built from the pieces the splitter reacts to.
fn tricky() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "Mr",
        "U.S",
        "a.m",
        "Ph.D",
        "No",
        "in",
        "I",
        "A",
        "The",
        "he",
        "said",
        "5",
        "1",
        "2",
        "a",
        "b",
        "www.x.com",
        "j@x.org",
        ".",
        ". ",
        "...",
        ". . .",
        "\u{2026}",
        "?",
        "!",
        "?!",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "\u{a0}",
        "\u{2028}",
        "\"",
        "'",
        "''",
        "``",
        "`",
        "\u{201c}",
        "\u{201d}",
        "\u{2018}",
        "\u{2019}",
        "(",
        ")",
        "[",
        "]",
        "[1]",
        "{",
        "}",
        "\u{ff08}",
        "\u{300c}",
        "\u{300d}",
        ":)",
        ";-(",
        ":",
        ";",
        ",",
        "-",
        "\u{2014}",
        "\u{2022}",
        "\u{2043}",
        "1.)",
        "2)",
        "N\u{b0}",
        "\u{3002}",
        "\u{ff01}",
        "\u{e9}",
        "\u{1f600}",
        "(AP)",
    ]);
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_string_is_covered(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn tricky_strings_are_covered(text in tricky()) {
        check(&text)?;
    }
}

/// Long degenerate inputs (no spaces, endless quotes, brackets, list markers) keep the
/// invariants; the scan looks at most a bounded window around each candidate, so it stays
/// linear on them.
#[test]
fn degenerate_inputs_are_covered() {
    let patterns = [
        "a.b.",
        " \u{a0}",
        "x. ",
        "'' ",
        "((((",
        "))))",
        "\"a. ",
        "1. a 2. b ",
        "Mr. ",
        "at 5 a.m. X ",
        ". . . ",
        "' ",
        "U.S. ",
        "[1]",
        "\u{2026}",
        "\u{201c}A. ",
        ":) ",
        "x\ny\n",
        "\u{2022} ",
        "\u{201d}a",
        "\u{2028}",
    ];
    for p in patterns {
        let text = p.repeat(100_000 / p.len());
        check(&text).unwrap_or_else(|e| panic!("{p:?}: {e}"));
    }
}

#[test]
fn issue_examples() {
    let sp = &splitters()[0];
    let cases: &[(&str, &[&str])] = &[
        (
            "It was the end.\u{201d} He said",
            &["It was the end.\u{201d}", "He said"],
        ),
        (
            "\u{201c}We will win,\u{201d} she said.",
            &["\u{201c}We will win,\u{201d} she said."],
        ),
    ];
    for (text, want) in cases {
        let got: Vec<&str> = sp
            .split(text)
            .into_iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(&got, want);
    }
}

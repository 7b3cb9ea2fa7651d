//! The quotes stage never panics, stays linear on pathological input, and keeps its spans
//! consistent (pieces inside the quote, on character boundaries, mentions in the text).

mod quotes_common;

use proptest::prelude::*;
use quotes_common::doc;
use std::time::Instant;

fn check_spans(text: &str) {
    let d = doc(text);
    for q in &d.quotes {
        assert!(q.span.start <= q.span.end && q.span.end <= text.len());
        assert!(text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end));
        assert!(!q.pieces.is_empty());
        for p in &q.pieces {
            assert!(q.span.contains(p), "piece {p:?} outside {:?}", q.span);
        }
        assert!((0.0..=1.0).contains(&q.confidence));
        if let Some(m) = q.speaker {
            assert!(m.index() < d.mentions.len());
        }
        if let Some(c) = q.cue {
            assert!(text.is_char_boundary(c.start) && text.is_char_boundary(c.end));
        }
    }
    let mut last = 0;
    for q in &d.quotes {
        assert!(q.span.start >= last, "quotes out of order");
        last = q.span.start;
    }
}

#[test]
fn one_hundred_thousand_unmatched_quotation_marks_stay_linear() {
    for mark in ["\u{201c}", "\"", "''", "\u{ab}"] {
        let text = format!("{mark}a said ").repeat(100_000);
        let start = Instant::now();
        let _ = doc(&text);
        let secs = start.elapsed().as_secs_f64();
        // Quadratic work on 100,000 marks would take hours; linear work takes seconds even
        // unoptimised on a busy machine.
        assert!(secs < 60.0, "{mark:?}: {secs:.1} s");
    }
}

#[test]
fn only_quotation_marks_and_cues() {
    check_spans(&"\u{201c}\u{201d}\"''\u{ab}\u{bb}\u{201e}".repeat(2000));
    check_spans(&"said said, according to: \u{201d} \u{2014} ".repeat(2000));
    check_spans(&"\u{201c}".repeat(10_000));
    check_spans("");
    check_spans("said");
    check_spans("\u{201c}");
    // A credit that ends the document with an empty clause before it (found by proptest).
    check_spans("Sen. Ana Ruiz per Reuters per Reuters");
}

#[test]
fn long_paragraph_of_appositions() {
    let text = format!(
        "{}said the plan would work.",
        "Smith, a doctor, ".repeat(5000)
    );
    let start = Instant::now();
    check_spans(&text);
    assert!(start.elapsed().as_secs_f64() < 60.0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn random_news_like_text_never_panics(
        words in proptest::collection::vec(
            prop_oneof![
                Just("said"), Just("says"), Just("told"), Just("according"), Just("to"),
                Just("\u{201c}"), Just("\u{201d}"), Just("\""), Just("''"), Just(","), Just("."),
                Just(":"), Just("\u{2014}"), Just("\n\n"), Just("Smith"), Just("the"),
                Just("mayor"), Just("who"), Just("that"), Just("he"), Just("(R-Wis.)"),
                Just("\u{e9}t\u{e9}"), Just("saying"), Just("Mr."), Just("'s"),
            ],
            0..80,
        )
    ) {
        check_spans(&words.join(" "));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn arbitrary_unicode_never_panics(s in "(?s).{0,400}") {
        check_spans(&s);
    }

    #[test]
    fn quotation_heavy_text_never_panics(
        s in "([\"\u{201c}\u{201d}\u{ab}\u{bb}\u{201e}'`,.:;\u{2014} \n]|said|Smith|the|who|told|according to|he){0,120}"
    ) {
        check_spans(&s);
    }
}

/// Run-on text with no sentence marks and a cue every few words: each claim's content is
/// capped, so the work stays linear.
#[test]
fn run_on_paragraphs_of_cues_stay_linear() {
    let cases = [
        "Smith said, ".repeat(40_000),
        "According to Smith, ".repeat(40_000),
        "Smith left, saying ".repeat(40_000),
        "Smith came and said ".repeat(40_000),
        "\u{201c}a\u{201d} \u{2014} Smith ".repeat(40_000),
        "He said the \u{201c}plan\u{201d} would \u{201c}work\u{201d} ".repeat(20_000),
    ];
    for text in &cases {
        let start = Instant::now();
        let d = doc(text);
        let secs = start.elapsed().as_secs_f64();
        assert!(secs < 60.0, "{}: {secs:.1} s", &text[..20]);
        let content: usize = d.quotes.iter().map(|q| q.span.len()).sum();
        assert!(content < 40 * text.len(), "content grows quadratically");
    }
}

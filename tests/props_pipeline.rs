//! Property tests: whatever the text, the output is well-formed.

use proptest::prelude::*;
use quotesmith::{Annotation, Config, Doc, Document, Pipeline};
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::new(&Config::default()).expect("pipeline"))
}

/// Checks every invariant of the output contract on one annotation of `text`.
pub fn check(text: &str, a: &Annotation) {
    let n = text.chars().count();
    let chars: Vec<char> = text.chars().collect();
    let slice = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
    let ok = |s: usize, e: usize, what: &str| {
        assert!(s <= e && e <= n, "{what} [{s},{e}) outside 0..{n}");
    };
    let mut last_end = 0;
    for &[s, e] in &a.sentences {
        ok(s, e, "sentence");
        assert!(s >= last_end, "sentences overlap or are out of order");
        assert!(
            slice(last_end, s).chars().all(char::is_whitespace),
            "text lost between sentences"
        );
        last_end = e;
    }
    assert!(
        slice(last_end, n).chars().all(char::is_whitespace),
        "text lost after the last sentence"
    );
    for e in &a.entities {
        ok(e.start, e.end, "entity");
        assert_eq!(slice(e.start, e.end), e.text);
    }
    let mut prev: Option<(usize, usize)> = None;
    for q in &a.quotes {
        ok(q.start, q.end, "quote");
        assert_eq!(slice(q.start, q.end), q.text);
        assert!((0.0..=1.0).contains(&q.confidence));
        if let Some(spans) = &q.spans {
            for &[s, e] in spans {
                ok(s, e, "quote piece");
                assert!(q.start <= s && e <= q.end, "piece outside its quote");
            }
        }
        if let Some((ps, pe)) = prev {
            assert!(q.start >= ps, "quotes out of order");
            let _ = pe;
        }
        prev = Some((q.start, q.end));
        if let Some(c) = &q.cue {
            ok(c.start, c.end, "cue");
            assert_eq!(slice(c.start, c.end), c.text);
        }
        if let Some(sp) = &q.speaker {
            ok(sp.start, sp.end, "speaker");
            assert_eq!(slice(sp.start, sp.end), sp.text);
            if let Some(id) = sp.id {
                assert!(
                    (id as usize) < a.speakers.len(),
                    "speaker id {id} does not exist"
                );
            }
        }
        if let Some(o) = &q.outlet {
            ok(o.start, o.end, "outlet");
            assert_eq!(slice(o.start, o.end), o.text);
            assert!(
                a.outlets.iter().any(|x| x.name == o.name),
                "quote outlet not in outlets"
            );
        }
    }
    for s in &a.speakers {
        for &[b, e] in &s.mentions {
            ok(b, e, "speaker mention");
        }
        for &qi in &s.quotes {
            assert!((qi as usize) < a.quotes.len());
        }
    }
    for o in &a.outlets {
        for &[b, e] in &o.mentions {
            ok(b, e, "outlet mention");
        }
    }
    let json = serde_json::to_string(a).expect("serialises");
    let back: Annotation = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(back.id, a.id);
}

fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\u{201c}".to_string()),
        Just("\u{201d}".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("\u{2019}".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just(" said ".to_string()),
        Just(" according to ".to_string()),
        Just(", she said. ".to_string()),
        Just(" per Reuters".to_string()),
        Just("(AP) — ".to_string()),
        Just("Mr. ".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just(". ".to_string()),
        Just("Sen. Ana Ruiz".to_string()),
        Just(" he ".to_string()),
        Just(": ".to_string()),
        Just(" — ".to_string()),
        "[A-Z][a-z]{0,8}",
        "[a-z]{1,8}",
        "[ \t]{1,3}",
        "\\PC{1,4}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_text_gives_a_well_formed_annotation(text in newsy()) {
        let a = pipeline().annotate(&Document::new("p", text.clone())).expect("annotate");
        check(&text, &a);
    }

    #[test]
    fn every_layer_keeps_the_document_invariants(text in newsy()) {
        let mut doc = Doc::new("v", text.as_str());
        pipeline().process(&mut doc).expect("process");
        if let Err(invalid) = doc.validate() {
            panic!("{invalid} on {text:?}");
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,300}") {
        let a = pipeline().annotate(&Document::new("u", text.clone())).expect("annotate");
        check(&text, &a);
    }
}

//! Fuzzes `Pipeline::annotate` on arbitrary text and checks the output's offsets.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotesmith::{Config, Document, Pipeline};
use std::sync::OnceLock;

static PIPELINE: OnceLock<Pipeline> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let p = PIPELINE.get_or_init(|| Pipeline::new(&Config::default()).expect("pipeline"));
    let a = p.annotate(&Document::new("f", text)).expect("annotate");
    let n = text.chars().count();
    for &[s, e] in &a.sentences {
        assert!(s <= e && e <= n);
    }
    for q in &a.quotes {
        assert!(q.start <= q.end && q.end <= n);
        if let Some(sp) = &q.speaker {
            assert!(sp.start <= sp.end && sp.end <= n);
            if let Some(id) = sp.id {
                assert!((id as usize) < a.speakers.len());
            }
        }
        if let Some(c) = &q.cue {
            assert!(c.start <= c.end && c.end <= n);
        }
    }
    for e in &a.entities {
        assert!(e.start <= e.end && e.end <= n);
    }
    serde_json::to_string(&a).expect("serialises");
});

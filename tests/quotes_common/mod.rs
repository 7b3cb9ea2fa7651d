//! Shared helper for the `quotes_*` tests: runs the default pipeline over a text and lists
//! each quote's surfaces.

#![allow(dead_code)]

use quotesmith::doc::{Doc, QuoteKind};
use quotesmith::{Config, Pipeline};
use std::sync::OnceLock;

/// One quote as the tests see it.
#[derive(Debug, Clone, PartialEq)]
pub struct Q {
    /// Content pieces joined with " | ".
    pub content: String,
    /// Direct, mixed or indirect.
    pub kind: QuoteKind,
    /// The cue surface.
    pub cue: Option<String>,
    /// The speaker mention surface.
    pub speaker: Option<String>,
    /// Speaker taken from a neighbouring quote.
    pub inherited: bool,
    /// Confidence.
    pub confidence: f32,
}

pub fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::new(&Config::default()).expect("pipeline"))
}

/// Runs the pipeline and returns the processed document.
pub fn doc(text: &str) -> Doc {
    let mut doc = Doc::new("t", text);
    pipeline().process(&mut doc).expect("process");
    doc
}

/// The quotes of `text`.
pub fn quotes(text: &str) -> Vec<Q> {
    let d = doc(text);
    d.quotes
        .iter()
        .map(|q| Q {
            content: q
                .pieces
                .iter()
                .map(|p| d.str(*p))
                .collect::<Vec<_>>()
                .join(" | "),
            kind: q.kind,
            cue: q.cue.map(|c| d.str(c).to_string()),
            speaker: q
                .speaker
                .map(|m| d.str(d.mentions[m.index()].span).to_string()),
            inherited: q.inherited,
            confidence: q.confidence,
        })
        .collect()
}

/// The quote whose content contains `needle`; panics with the full list when none does.
pub fn find<'a>(qs: &'a [Q], needle: &str) -> &'a Q {
    qs.iter()
        .find(|q| q.content.contains(needle))
        .unwrap_or_else(|| panic!("no quote containing {needle:?} in {qs:#?}"))
}

/// Asserts the (content, cue, speaker) of the quote holding `needle`.
pub fn check(qs: &[Q], needle: &str, content: &str, cue: Option<&str>, speaker: Option<&str>) {
    let q = find(qs, needle);
    assert_eq!(q.content, content, "content of {needle:?}: {q:#?}");
    assert_eq!(q.cue.as_deref(), cue, "cue of {needle:?}: {q:#?}");
    assert_eq!(
        q.speaker.as_deref(),
        speaker,
        "speaker of {needle:?}: {q:#?}"
    );
}

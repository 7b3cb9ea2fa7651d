//! Test support for the quote rules: documents whose sentence and token layers come from the
//! rule-based stages and whose entities are set by hand, so that a retrained tagger cannot
//! change what a rule's test sees.

use super::cues::{self, Cue};
use super::pairing::find_regions;
use super::words::{Lexicon, View};
use crate::doc::{Doc, Entity, EntityLabel, Span, TokenId};
use std::sync::OnceLock;

/// The lexicon, loaded once for all tests.
pub(super) fn lexicon() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::new().expect("lexicon"))
}

/// A document over `marked` with its entities marked by hand: `[Ana Ortiz]` is a person and
/// `{City Hall}` an organisation; the brackets are not part of the text.
pub(super) fn doc(marked: &str) -> Doc {
    let mut text = String::new();
    let mut entities = Vec::new();
    let mut open = None;
    for c in marked.chars() {
        match c {
            '[' => open = Some((text.len(), EntityLabel::Per)),
            '{' => open = Some((text.len(), EntityLabel::Org)),
            ']' | '}' => {
                let (start, label) = open.take().expect("balanced entity brackets");
                entities.push((Span::new(start, text.len()), label));
            }
            c => text.push(c),
        }
    }
    let mut doc = crate::pipeline::testing::tokenized(&text);
    for (span, label) in entities {
        let first = doc.token_at(span.start);
        let end = doc.tokens.partition_point(|t| t.span.start < span.end);
        doc.entities.push(Entity {
            span,
            label,
            first: TokenId(first as u32),
            end: TokenId(end as u32),
        });
    }
    doc
}

/// The token view of `doc`.
pub(super) fn view(doc: &Doc) -> View<'_> {
    View::new(doc, lexicon(), find_regions(doc))
}

/// The index of the first token that is `surface`, or of the `n`th (from 1) with
/// `surface#n`.
pub(super) fn tok(v: &View, surface: &str) -> usize {
    let (word, nth) = match surface.rsplit_once('#') {
        Some((w, n)) => (w, n.parse::<usize>().expect("occurrence number") - 1),
        None => (surface, 0),
    };
    (0..v.toks.len())
        .filter(|&i| v.s(i) == word)
        .nth(nth)
        .unwrap_or_else(|| panic!("no token {surface:?} in {:?}", v.doc.text))
}

/// The text of tokens `[a, b)`, or `-` when the range is empty.
pub(super) fn text(v: &View, (a, b): (usize, usize)) -> String {
    if a >= b {
        return "-".to_string();
    }
    v.doc.text[v.span(a, b)].to_string()
}

/// The cue phrase whose head word is the token `head` (see [`tok`]).
pub(super) fn cue(v: &View, head: &str) -> Cue {
    let at = tok(v, head);
    let (para_start, para_end) = paragraph(v, at);
    let mut found = Vec::new();
    cues::find(v, para_start, para_end, &mut found);
    found
        .into_iter()
        .find(|c| c.head == at)
        .unwrap_or_else(|| panic!("{head:?} is not a cue in {:?}", v.doc.text))
}

/// The token range of the paragraph holding token `i`.
pub(super) fn paragraph(v: &View, i: usize) -> (usize, usize) {
    v.para_range[v.toks[i].para as usize]
}

/// The token range of the first occurrence of `phrase` in the text.
pub(super) fn range(v: &View, phrase: &str) -> (usize, usize) {
    let start = v
        .doc
        .text
        .find(phrase)
        .unwrap_or_else(|| panic!("{phrase:?} not in {:?}", v.doc.text));
    let end = start + phrase.len();
    let a = v.doc.token_at(start);
    let b = v.doc.tokens.partition_point(|t| t.span.start < end);
    (a, b)
}

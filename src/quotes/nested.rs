//! Quotations nested in a quotation and attributed inside it (“The referee told us,
//! ‘Play on,’ and we did,” said the captain, Lena Moss): the outer quote keeps the
//! nested one in its content, and the nested one is also a direct quote of its own, of the
//! speaker that the outer quotation names for it.
//!
//! The rules read the document a second time with the nested quotations as its only
//! quotation regions, so the outer quotation's words are ordinary text; of what they find,
//! only direct quotes of a nested quotation whose cue and speaker lie inside the quotation
//! that holds it are kept. Nested quotations are rare, so the second reading costs nothing
//! on most documents.

use super::Found;
use super::pairing::Region;
use super::rules;
use super::words::{Lexicon, Tok, View};
use crate::doc::{Doc, QuoteKind, Span};

/// The direct quotes of the `nested` quotations (see `pairing::find_regions_and_nested`)
/// attributed inside the `outer` regions that hold them.
/// `toks` are the document's classified tokens ([`super::words::classify`]).
pub(super) fn attributed(
    doc: &Doc,
    lex: &Lexicon,
    toks: &[Tok],
    outer: &[Region],
    nested: Vec<Region>,
) -> Vec<Found> {
    if nested.is_empty() {
        return Vec::new();
    }
    let contents: Vec<Span> = nested.iter().map(|r| r.content).collect();
    let within = |s: Span, c: Span| c.start <= s.start && s.end <= c.end;
    let holder = |s: Span| outer.iter().map(|r| r.content).find(|&c| within(s, c));
    let view = View::with_classified(doc, lex, split_at_outer(toks, outer), nested);
    rules::analyze(&view)
        .into_iter()
        .filter(|f| {
            let (Some(cue), Some((speaker, _)), Some(first)) = (f.cue, f.speaker, f.pieces.first())
            else {
                return false;
            };
            // One nested quotation, whole: pieces over two of them join what the outer
            // speaker said between them.
            let one = contents.iter().find(|&&c| within(*first, c));
            f.kind == QuoteKind::Direct
                && one.is_some_and(|&c| f.pieces.iter().all(|&p| within(p, c)))
                && holder(*first).is_some_and(|h| within(cue, h) && within(speaker, h))
        })
        .map(|mut f| {
            // Reported inside another speaker's words, and a convention PolNeAR does not
            // label: a little less sure than the quote that holds it.
            f.confidence *= NESTED_CONFIDENCE;
            f
        })
        .collect()
}

/// The tokens with each outer quotation's words made sentences of their own, so that the
/// words before an outer quotation (`told parents: “The inspector told us, ‘…’”`) do not
/// claim what is said inside it.
fn split_at_outer(toks: &[Tok], outer: &[Region]) -> Vec<Tok> {
    let mut bounds: Vec<usize> = outer
        .iter()
        .flat_map(|r| [r.content.start, r.content.end])
        .collect();
    bounds.sort_unstable();
    let mut out = toks.to_vec();
    let mut next = 0;
    let mut bump = 0u32;
    for t in &mut out {
        while next < bounds.len() && bounds[next] <= t.span.start {
            next += 1;
            bump += 1;
        }
        t.sent += bump;
    }
    out
}

/// The factor on a nested quote's confidence.
const NESTED_CONFIDENCE: f32 = 0.9;

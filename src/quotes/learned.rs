//! Quotes assembled from the transformer's role spans (`doc.roles`).
//!
//! The tagger marks sources, cues and content pieces; this module groups them into
//! attributions. Each content piece goes to the nearest cue outside it in its paragraph,
//! preferring a cue in a sentence the piece touches; the pieces of one cue form one quote
//! (so “A,” she said, “B.” gives one quote with two pieces). The cue's source is the nearest
//! source span in the cue's sentence that is not inside the quote's content, else the nearest
//! one within [`NEAR`] bytes in the paragraph. Pieces with no cue in their paragraph are kept
//! as quotes with no cue and no speaker.

use super::words::View;
use super::{Found, mention_kind};
use crate::doc::{QuoteKind, Role, RoleSpan, Span};

/// How far (bytes) a source outside the cue's sentence may be.
const NEAR: usize = 80;
/// Penalty (bytes) for a cue outside every sentence the content piece touches.
const OTHER_SENTENCE: usize = 2000;
const QUOTE_MARKS: [char; 7] = [
    '"', '\u{201c}', '\u{201d}', '\u{ab}', '\u{bb}', '\u{201e}', '\u{201f}',
];

fn gap(a: Span, b: Span) -> usize {
    b.start
        .saturating_sub(a.end)
        .max(a.start.saturating_sub(b.end))
}

fn inside(inner: Span, outer: Span) -> bool {
    outer.start <= inner.start && inner.end <= outer.end
}

/// Quotes from the role spans of `v.doc`.
pub(super) fn assemble(v: &View) -> Vec<Found> {
    let doc = v.doc;
    let by =
        |role: Role| -> Vec<&RoleSpan> { doc.roles.iter().filter(|r| r.role == role).collect() };
    let (sources, cues, contents) = (by(Role::Source), by(Role::Cue), by(Role::Content));
    let para_of = |pos: usize| doc.paragraphs.partition_point(|p| p.end <= pos);
    let sent_of = |pos: usize| doc.sentences.partition_point(|s| s.span.end <= pos);

    // Content piece → cue.
    let mut groups: Vec<Vec<usize>> = vec![Vec::new(); cues.len()];
    let mut lone: Vec<usize> = Vec::new();
    for (i, c) in contents.iter().enumerate() {
        let (p0, p1) = (para_of(c.span.start), para_of(c.span.end.saturating_sub(1)));
        let (s0, s1) = (sent_of(c.span.start), sent_of(c.span.end.saturating_sub(1)));
        let best = cues
            .iter()
            .enumerate()
            .filter(|(_, q)| {
                let p = para_of(q.span.start);
                p0 <= p && p <= p1 && !inside(q.span, c.span)
            })
            .map(|(k, q)| {
                let s = sent_of(q.span.start);
                let penalty = if s0 <= s && s <= s1 {
                    0
                } else {
                    OTHER_SENTENCE
                };
                (gap(c.span, q.span) + penalty, k)
            })
            .min();
        match best {
            Some((_, k)) => groups[k].push(i),
            None => lone.push(i),
        }
    }

    let mut out = Vec::new();
    for (k, members) in groups.iter().enumerate() {
        if members.is_empty() {
            continue;
        }
        let cue = cues[k];
        let pieces: Vec<Span> = members.iter().map(|&i| contents[i].span).collect();
        let cue_sent = sent_of(cue.span.start);
        let cue_para = para_of(cue.span.start);
        let speaker = sources
            .iter()
            .filter(|s| !pieces.iter().any(|p| inside(s.span, *p)))
            .filter_map(|s| {
                let g = gap(s.span, cue.span);
                if sent_of(s.span.start) == cue_sent {
                    Some((g, s))
                } else if para_of(s.span.start) == cue_para && g <= NEAR {
                    Some((g + OTHER_SENTENCE, s))
                } else {
                    None
                }
            })
            .min_by_key(|(g, s)| (*g, s.span.start))
            .map(|(_, s)| *s);
        let prob = members.iter().map(|&i| contents[i].prob).sum::<f32>() / members.len() as f32;
        out.push(found(v, pieces, Some(cue), speaker, prob));
    }
    for i in lone {
        out.push(found(
            v,
            vec![contents[i].span],
            None,
            None,
            contents[i].prob,
        ));
    }
    out.sort_by_key(|f| f.pieces.first().map_or(0, |s| s.start));
    out
}

fn found(
    v: &View,
    pieces: Vec<Span>,
    cue: Option<&RoleSpan>,
    source: Option<&RoleSpan>,
    prob: f32,
) -> Found {
    let doc = v.doc;
    let speaker = source.and_then(|s| {
        let a = doc.tokens.partition_point(|t| t.span.end <= s.span.start);
        let b = doc.tokens.partition_point(|t| t.span.start < s.span.end);
        (a < b).then(|| (s.span, mention_kind(v, a, b)))
    });
    let text = &doc.text;
    let quoted = pieces.iter().any(|p| {
        let before = text[..p.start].chars().next_back();
        let after = text[p.end..].chars().next();
        text[*p].contains(QUOTE_MARKS)
            || before.is_some_and(|c| QUOTE_MARKS.contains(&c))
                && after.is_some_and(|c| QUOTE_MARKS.contains(&c))
    });
    let kind = if !quoted {
        QuoteKind::Indirect
    } else if pieces.iter().all(|p| {
        let t = text[*p].trim_start();
        let before = text[..p.start].trim_end().chars().next_back();
        t.starts_with(QUOTE_MARKS) || before.is_some_and(|c| QUOTE_MARKS.contains(&c))
    }) {
        QuoteKind::Direct
    } else {
        QuoteKind::Mixed
    };
    let conf = prob * cue.map_or(0.3, |c| c.prob) * source.map_or(0.5, |s| 0.5 + 0.5 * s.prob);
    Found {
        pieces,
        kind,
        cue: cue.map(|c| c.span),
        speaker,
        inherited: false,
        confidence: conf.clamp(0.0, 1.0),
    }
}

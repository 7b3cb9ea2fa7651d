//! Quotes assembled from the transformer's role spans (`doc.roles`).
//!
//! The tagger marks sources, cues and content pieces; this module groups them into
//! attributions. Each content piece goes to the nearest cue outside it in its paragraph,
//! preferring a cue in a sentence the piece touches. The piece nearest a cue, and the pieces
//! that only the cue, sources and punctuation separate from it, form the cue's quote (so
//! “A,” she said, “B.” gives one quote with two pieces; pieces with nothing but punctuation
//! between them are one piece). The cue's source is the nearest source span in the cue's
//! sentence that is not inside the quote's content, else the nearest one within [`NEAR`]
//! bytes in the paragraph. Content pieces left over, with no cue in their paragraph or
//! cut off from their cue by other words, are dropped: they are mostly content of an
//! attribution whose cue the tagger missed, and as quotes with no cue and no speaker they
//! cost more precision than they add recall.

use super::Found;
use super::source::mention_kind;
use super::words::View;
use crate::doc::{QuoteKind, Role, RoleSpan, Span};
use crate::lexicon::marks;

/// How far (bytes) a source outside the cue's sentence may be.
const NEAR: usize = 80;
/// Penalty (bytes) for a cue outside every sentence the content piece touches.
const OTHER_SENTENCE: usize = 2000;
const QUOTE_MARKS: [char; 7] = marks::DOUBLE;

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
        if let Some((_, k)) = best {
            groups[k].push(i);
        }
    }

    let mut out = Vec::new();
    for (k, members) in groups.iter().enumerate() {
        let cue = cues[k];
        let members = quotation_of(&doc.text, cue.span, &sources, &contents, members);
        if members.is_empty() {
            continue;
        }
        let pieces = merge_touching(&doc.text, members.iter().map(|&i| contents[i].span));
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
    out.sort_by_key(|f| f.pieces.first().map_or(0, |s| s.start));
    out
}

/// True when nothing but whitespace, punctuation and quotation marks lies in `text[gap]`.
fn only_punctuation(text: &str, gap: Span) -> bool {
    gap.start >= gap.end || text[gap].chars().all(is_filler)
}

/// Whitespace, punctuation or a quotation mark: what may separate the pieces of one quote.
pub(super) fn is_filler(c: char) -> bool {
    c.is_whitespace()
        || c.is_ascii_punctuation()
        || QUOTE_MARKS.contains(&c)
        || matches!(
            c,
            '\u{2018}' | '\u{2019}' | '\u{2013}' | '\u{2014}' | '\u{2026}' | '\u{a0}'
        )
}

/// True when every word in `gap` belongs to the cue or to a source span: the pieces on
/// either side of it are one interrupted quotation (“A,” she said, “B.”), not two.
fn bridged(text: &str, gap: Span, cue: Span, sources: &[&RoleSpan]) -> bool {
    let mut at = gap.start;
    while at < gap.end {
        if let Some(s) = std::iter::once(cue)
            .chain(sources.iter().map(|s| s.span))
            .find(|s| s.start <= at && at < s.end)
        {
            at = s.end;
            continue;
        }
        let c = text[at..].chars().next().unwrap_or(' ');
        if !is_filler(c) {
            return false;
        }
        at += c.len_utf8();
    }
    true
}

/// The quotation of `cue` among the content pieces that chose it: the piece nearest the cue,
/// grown piece by piece across gaps that only the cue, sources and punctuation fill
/// (“A,” she said, “B.”). The others are strays, content of some attribution whose cue the
/// tagger missed, and are dropped, as are pieces inside the cue itself.
fn quotation_of(
    text: &str,
    cue: Span,
    sources: &[&RoleSpan],
    contents: &[&RoleSpan],
    members: &[usize],
) -> Vec<usize> {
    let members: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| !inside(contents[i].span, cue))
        .collect();
    let Some(&near) = members
        .iter()
        .min_by_key(|&&i| (gap(contents[i].span, cue), contents[i].span.start))
    else {
        return Vec::new();
    };
    let n = contents[near].span;
    let (mut lo, mut hi) = (n.start.min(cue.start), n.end.max(cue.end));
    let mut keep = vec![near];
    let split = lo;
    for &i in members
        .iter()
        .rev()
        .filter(|&&i| contents[i].span.end <= split)
    {
        let s = contents[i].span;
        if !bridged(text, Span::new(s.end.min(lo), lo), cue, sources) {
            break;
        }
        keep.push(i);
        lo = lo.min(s.start);
    }
    for &i in members
        .iter()
        .filter(|&&i| i != near && contents[i].span.end > split)
    {
        let s = contents[i].span;
        if !bridged(
            text,
            Span::new(hi.min(s.start), s.start.max(hi)),
            cue,
            sources,
        ) {
            break;
        }
        keep.push(i);
        hi = hi.max(s.end);
    }
    keep.sort_unstable();
    keep
}

/// Pieces with only punctuation between them are one piece.
fn merge_touching(text: &str, pieces: impl Iterator<Item = Span>) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    for p in pieces {
        match out.last_mut() {
            Some(last) if only_punctuation(text, Span::new(last.end, p.start.max(last.end))) => {
                last.end = last.end.max(p.end);
            }
            _ => out.push(p),
        }
    }
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
    let text = &doc.text;
    let speaker = source.and_then(|s| {
        let a = doc.tokens.partition_point(|t| t.span.end <= s.span.start);
        let mut b = doc.tokens.partition_point(|t| t.span.start < s.span.end);
        let mut span = s.span;
        let next = doc.tokens[b..].iter().map(|t| t.span);
        if let Some((end, used)) = closing_parenthesis(text, span, next) {
            span = Span::new(span.start, end);
            b += used;
        }
        (a < b).then(|| (span, mention_kind(v, a, b)))
    });
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
        credit: false,
    }
}

/// Where a span that leaves a parenthesis open ("Rep. Ann Cole (D-Ohio") should end so as to
/// close it, when the tokens right after it (`next`) are `.` and `)` or just `)`: the new end
/// and how many of those tokens it takes.
fn closing_parenthesis(
    text: &str,
    span: Span,
    next: impl Iterator<Item = Span>,
) -> Option<(usize, usize)> {
    let s = &text[span];
    if s.matches('(').count() <= s.matches(')').count() {
        return None;
    }
    for (k, t) in next.take(2).enumerate() {
        match &text[t] {
            ")" => return Some((t.end, k + 1)),
            "." => {}
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span_of(text: &str, needle: &str) -> Span {
        let at = text.find(needle).expect("needle in text");
        Span::new(at, at + needle.len())
    }

    fn roles(text: &str, role: Role, needles: &[&str]) -> Vec<RoleSpan> {
        needles
            .iter()
            .map(|n| RoleSpan {
                span: span_of(text, n),
                role,
                prob: 0.9,
            })
            .collect()
    }

    #[test]
    fn an_interrupted_quotation_keeps_both_pieces_and_drops_a_stray() {
        let text = "\u{201c}Taxes will rise,\u{201d} the mayor said, \u{201c}and soon.\u{201d} \
                    Critics want more parks.";
        let cue = span_of(text, "said");
        let sources = roles(text, Role::Source, &["the mayor", "Critics"]);
        let contents = roles(
            text,
            Role::Content,
            &["Taxes will rise", "and soon", "more parks"],
        );
        let src: Vec<&RoleSpan> = sources.iter().collect();
        let con: Vec<&RoleSpan> = contents.iter().collect();
        assert_eq!(quotation_of(text, cue, &src, &con, &[0, 1, 2]), vec![0, 1]);
    }

    #[test]
    fn the_nearest_piece_is_kept_across_ordinary_words() {
        let text = "The council said on Monday that the budget was final.";
        let cue = span_of(text, "said");
        let contents = roles(text, Role::Content, &["that the budget was final"]);
        let con: Vec<&RoleSpan> = contents.iter().collect();
        assert_eq!(quotation_of(text, cue, &[], &con, &[0]), vec![0]);
    }

    #[test]
    fn a_piece_inside_the_cue_is_dropped() {
        let text = "The union pleaded for calm.";
        let cue = span_of(text, "pleaded for");
        let contents = roles(text, Role::Content, &["for", "calm"]);
        let con: Vec<&RoleSpan> = contents.iter().collect();
        assert_eq!(quotation_of(text, cue, &[], &con, &[0, 1]), vec![1]);
    }

    #[test]
    fn a_speaker_span_closes_its_parenthesis() {
        let text = "Rep. Ann Cole (D-Ohio.) said so.";
        let span = span_of(text, "Rep. Ann Cole (D-Ohio");
        let paren = span_of(text, ")");
        let dot = Span::new(span.end, span.end + 1);
        assert_eq!(&text[dot], ".");
        assert_eq!(
            closing_parenthesis(text, span, [dot, paren].into_iter()),
            Some((paren.end, 2))
        );
        let said = span_of(text, "said");
        assert_eq!(closing_parenthesis(text, span, [said].into_iter()), None);
        let closed = span_of(text, "Rep. Ann Cole (D-Ohio.)");
        assert_eq!(closing_parenthesis(text, closed, [said].into_iter()), None);
    }

    #[test]
    fn pieces_with_only_punctuation_between_are_one() {
        let text = "She called the plan, \u{201c}fair to all,\u{201d} in a letter.";
        let pieces = [span_of(text, "the plan"), span_of(text, "fair to all")];
        assert_eq!(
            merge_touching(text, pieces.into_iter()),
            vec![Span::new(
                span_of(text, "the plan").start,
                span_of(text, "fair to all").end
            )]
        );
        let apart = [span_of(text, "the plan"), span_of(text, "a letter")];
        assert_eq!(merge_touching(text, apart.into_iter()).len(), 2);
    }
}

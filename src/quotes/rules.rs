//! The rules run in order over a document view, and the confidence of what they find.

use super::Found;
use super::cues;
use super::extent::{self, Frame};
use super::layout::{self, Anchor};
use super::source::{cited_sources, mention_kind, quoted_as_saying};
use super::uncued::attach_quotations;
use super::words::{BE_FORMS, CueClass, Flags, View};
use crate::doc::{MentionKind, QuoteKind};
use crate::lexicon::marks;

/// Runs the rules over a document view.
pub fn analyze(v: &View) -> Vec<Found> {
    let mut frames: Vec<Frame> = Vec::new();
    let mut para_cues = Vec::new();
    let mut anchors: Vec<Anchor> = Vec::new();
    let mut claimed = vec![false; v.regions.len()];
    for &(para_start, para_end) in &v.para_range {
        if para_start >= para_end {
            continue;
        }
        para_cues.clear();
        cues::find(v, para_start, para_end, &mut para_cues);
        anchors.clear();
        anchors.extend(
            para_cues
                .iter()
                .filter_map(|&c| layout::anchor(v, c, para_start)),
        );
        extent::resolve(
            v,
            &mut anchors,
            para_start,
            para_end,
            &mut claimed,
            &mut frames,
        );
    }
    attach_quotations(v, &mut frames);
    cited_sources(v, &mut frames);
    quoted_as_saying(v, &mut frames);
    super::transcript::transcript_turns(v, &mut frames);
    super::transcript::label_speakers(v, &mut frames);
    frames.retain(|f| !noun_phrase_quotation(v, f) && !demonstrative_that(v, f));
    frames.sort_by_key(|f| f.content.first().map_or(0, |s| s.start));
    for f in frames.iter_mut() {
        if f.kind == QuoteKind::Indirect && holds_unpaired_mark(v, f) {
            f.kind = QuoteKind::Mixed;
        }
        if expletive_it(v, f) {
            f.source = passive_agent(v, f);
        }
        // "The court heard that …": evidence, no speaker.
        if f.cue.is_some_and(|(c0, c1)| {
            (c0..c1).any(|k| v.eq(k, "heard")) && cues::court_heard(v, c1 - 1, 0, v.toks.len())
        }) {
            f.source = None;
        }
    }
    frames.iter().map(|f| found(v, &frames, f)).collect()
}

/// True for a quotation that no cue claims and that a determiner opens as a noun phrase
/// ("splashes on a ‘war on motorists’, claiming …"): a few words with no sentence stop,
/// a scare quote, whoever spoke before it.
fn noun_phrase_quotation(v: &View, f: &Frame) -> bool {
    const DETERMINERS: [&str; 12] = [
        "a", "an", "the", "this", "that", "these", "those", "his", "her", "its", "their", "our",
    ];
    let t = &v.toks;
    let [r] = f.regions[..] else {
        return false;
    };
    if f.cue.is_some() || f.kind != QuoteKind::Direct {
        return false;
    }
    let region = &v.regions[r as usize];
    let open = v.doc.token_at(region.outer.start);
    let text = v.doc.text[region.content].trim();
    open > 0
        && DETERMINERS.iter().any(|w| v.eq(open - 1, w))
        && !t[open - 1].quoted()
        && text.split_whitespace().count() <= 4
        && !text.ends_with(['.', '!', '?', '\u{2026}'])
}

/// True for short content that opens with a "that" a comma or a stop closes ("I said that,
/// yes."): a demonstrative pronoun pointing back, not a clause of content.
fn demonstrative_that(v: &View, f: &Frame) -> bool {
    let t = &v.toks;
    let Some(first) = f.content.first() else {
        return false;
    };
    let k = v.doc.token_at(first.start);
    // "said that, in his view, …" opens a clause after an aside: only a few words follow.
    let words: usize = f
        .content
        .iter()
        .map(|s| v.doc.text[*s].split_whitespace().count())
        .sum();
    f.kind == QuoteKind::Indirect
        && words <= 3
        && k + 1 < t.len()
        && t[k].is(Flags::THAT)
        && !t[k].quoted()
        && t[k + 1].is(Flags::COMMA | Flags::FINAL)
}

/// True when the source is the empty "it" of a passive report ("It was announced that …",
/// "It is understood that …"): no one is named.
fn expletive_it(v: &View, f: &Frame) -> bool {
    let (Some((a, b)), Some((c0, c1))) = (f.source, f.cue) else {
        return false;
    };
    let t = &v.toks;
    b == a + 1
        && v.eq(a, "it")
        && c0 == b
        && (c0..c1).any(|k| BE_FORMS.iter().any(|w| v.eq(k, w)))
        && (c0..c1).any(|k| t[k].cue.is_some() && !t[k].is(Flags::ING))
        && f.content.first().is_some_and(|p| {
            let k = v.doc.token_at(p.start);
            t[k].is(Flags::THAT)
        })
}

/// The agent of a passive cue ("It was confirmed by the club last night that …"), the
/// phrase after `by` and before the content.
fn passive_agent(v: &View, f: &Frame) -> Option<(usize, usize)> {
    let (_, c1) = f.cue?;
    let content = v.doc.token_at(f.content.first()?.start);
    if c1 + 1 >= content || !v.eq(c1, "by") || v.toks[c1].quoted() {
        return None;
    }
    let mut e = super::source::np_right_core(v, c1 + 1, content)?;
    while e > c1 + 2 && v.toks[e - 1].is(Flags::TIME) {
        e -= 1;
    }
    Some((c1 + 1, e))
}

/// True when a claim's content holds a quotation mark that did not pair (`says,” there are
/// ...”`): it still embeds a quotation.
fn holds_unpaired_mark(v: &View, f: &Frame) -> bool {
    f.content
        .iter()
        .any(|p| v.doc.text[*p].contains(marks::DOUBLE))
}

/// The quote of frame `f`, one of `frames`, with its speaker and confidence.
fn found(v: &View, frames: &[Frame], f: &Frame) -> Found {
    let speaker = f.source.map(|(a, b)| (v.span(a, b), mention_kind(v, a, b)));
    let conf = match f.inherited_from {
        Some(src) => 0.6 * confidence(v, &frames[src]),
        None => confidence(v, f),
    };
    Found {
        pieces: f.content.clone(),
        kind: f.kind,
        cue: f.cue.map(|(a, b)| v.span(a, b)),
        speaker,
        inherited: f.inherited_from.is_some(),
        confidence: conf.clamp(0.0, 1.0),
        credit: is_credit(v, f),
    }
}

/// True when frame `f` is a claim credited to an organisation: its cue is a credit
/// ("according to X", "per X", "as reported by X"), its source an organisation ("Reuters
/// reported", "the BBC reports") or the people one cites.
fn is_credit(v: &View, f: &Frame) -> bool {
    let credit_cue = f.cue.is_some_and(|(a, b)| {
        v.eq(a, "as")
            || (a..b).any(|k| {
                v.toks[k]
                    .cue
                    .is_some_and(|c| c.class == CueClass::According)
            })
    });
    let org = f
        .source
        .is_some_and(|(a, b)| mention_kind(v, a, b) == MentionKind::Organization);
    // "Reuters reported, citing people familiar with the matter": the source is the people
    // an organisation cites.
    let cited = f
        .source
        .is_some_and(|(a, _)| a > 0 && v.toks[a - 1].is(Flags::CITING));
    f.inherited_from.is_none() && (credit_cue || org || cited)
}

/// The confidence of a frame (see the module docs).
fn confidence(v: &View, f: &Frame) -> f32 {
    let speaker = match f.source {
        None => 0.3,
        Some((a, b)) => match mention_kind(v, a, b) {
            MentionKind::Name => 0.92,
            MentionKind::Organization | MentionKind::Outlet => 0.88,
            MentionKind::Nominal => 0.85,
            MentionKind::Pronoun => 0.8,
        },
    };
    let cue = 0.6 + 0.4 * f.cue_weight.clamp(0.0, 1.0);
    let layout = match f.kind {
        QuoteKind::Direct => 1.0,
        QuoteKind::Mixed => 0.95,
        QuoteKind::Indirect => 0.9,
    };
    speaker * cue * layout
}

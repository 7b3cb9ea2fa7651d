//! Attaches outlets to quotes and marks speakers that are outlets.
//!
//! For each quote, in order of preference:
//! 1. its speaker mention is an outlet ("the newspaper notes that…", "Reuters reported…"):
//!    relation `source`, the mention becomes kind `outlet` and its speaker type `outlet`;
//! 2. its speaker mention contains an outlet ("CNN's Jake Tapper"): that outlet's relation;
//! 3. an outlet with a role sits in the attribution clause, outside the quoted words ("per X",
//!    "told X", "according to X", "wrote in X"): the nearest one to the cue, but not an
//!    outlet that speaks a claim of its own that does not hold this quote ("…, X reported,
//!    and the operator says …");
//! 4. otherwise the publisher of the same speaker's earlier quote in its paragraph ("At the
//!    Times, Ann Lee writes that … “…”");
//! 5. otherwise the article's credit (a single wire service or publisher from a dateline,
//!    byline or credit line), with relation `wire` or `publisher`.
//!
//! A quote with no speaker whose cue sits right next to a claimant outlet ("…, reports the
//! Times"; "per Reuters") gets that outlet as its speaker.

use std::collections::HashMap;

use crate::doc::{
    Doc, Mention, MentionKind, OutletRelation, Quote, Span, Speaker, SpeakerId, SpeakerType,
};
use crate::error::Result;
use crate::pipeline::{Contract, Layer, Stage};

/// How far (in bytes) an outlet may sit from the cue and still belong to its clause.
const CLAUSE_REACH: usize = 250;
/// How far an outlet may sit from the cue and still be its subject.
const SUBJECT_REACH: usize = 40;

/// Links quotes, speaker mentions and speakers to the outlets found by
/// [`OutletFinder`](super::OutletFinder): a stage of its own, since it changes layers that
/// the quotes and speakers stages own.
#[derive(Debug, Default, Clone, Copy)]
pub struct OutletLinker;

impl Stage for OutletLinker {
    fn name(&self) -> &'static str {
        "link_outlets"
    }
    fn contract(&self) -> Contract {
        Contract::new(
            &[
                Layer::Sentences,
                Layer::Quotes,
                Layer::Speakers,
                Layer::Outlets,
            ],
            &[Layer::OutletLinks],
        )
        .refining(&[Layer::Quotes, Layer::Speakers, Layer::Outlets])
    }
    fn process(&self, doc: &mut Doc) -> Result<()> {
        let infos: Vec<Info> = doc
            .outlet_mentions
            .iter()
            .map(|m| Info {
                claimant: m.claimant,
                credit: m.credit,
                sentence: doc.sentence_at(m.span.start).unwrap_or(0),
            })
            .collect();
        link(doc, &infos);
        Ok(())
    }
}

/// What detection knows about each outlet mention, parallel to `Doc::outlet_mentions`.
#[derive(Debug, Clone, Copy)]
struct Info {
    /// The outlet itself makes the claim ("X reported", "reports X", "according to X").
    claimant: bool,
    /// A dateline, byline or credit line.
    credit: bool,
    /// Index of the sentence holding it.
    sentence: usize,
}

/// Links quotes, mentions and speakers to the outlets found in `doc`.
fn link(doc: &mut Doc, infos: &[Info]) {
    let text = doc.text.clone();
    // Speaker mentions that are outlets.
    let by_core: HashMap<Span, usize> = doc
        .outlet_mentions
        .iter()
        .enumerate()
        .map(|(oi, om)| (core_span(&text, om.span), oi))
        .collect();
    let mention_outlet: Vec<Option<usize>> = doc
        .mentions
        .iter()
        .map(|m| by_core.get(&core_span(&text, m.span)).copied())
        .collect();
    for (mi, oi) in mention_outlet.iter().enumerate() {
        if let Some(oi) = *oi {
            mark_outlet_mention(doc, mi, oi);
        }
    }

    // Per speaker, the ends of its mentions that are outlets, with the outlet, in order.
    let mut speaker_outlets: HashMap<u32, Vec<(usize, usize)>> = HashMap::new();
    for (mi, oi) in mention_outlet.iter().enumerate() {
        if let (Some(oi), Some(sid)) = (*oi, doc.mentions[mi].speaker) {
            speaker_outlets
                .entry(sid.0)
                .or_default()
                .push((doc.mentions[mi].span.end, oi));
        }
    }
    for list in speaker_outlets.values_mut() {
        list.sort_unstable();
    }
    let credit = article_credit(doc, infos);
    for qi in 0..doc.quotes.len() {
        let q = &doc.quotes[qi];
        let mut found = None;
        if let Some(m) = q.speaker {
            if let Some(oi) = mention_outlet.get(m.index()).copied().flatten() {
                found = Some((oi, OutletRelation::Source));
            } else if let Some(oi) = resolved_outlet(doc, &speaker_outlets, m, q.span.start) {
                found = Some((oi, OutletRelation::Source));
            } else if let Some(ms) = doc.mentions.get(m.index()).map(|m| m.span) {
                // An outlet in an apposition with no role of its own describes the speaker
                // ("Hollis Grange, a former correspondent for The Guardian").
                let described = |oi: usize| {
                    let om = &doc.outlet_mentions[oi];
                    om.relation.is_none()
                        && om.span.start > ms.start
                        && text[ms.start..om.span.start].contains(',')
                };
                found = near(doc, ms, 0)
                    .find(|&oi| doc.outlet_mentions[oi].span.overlaps(&ms) && !described(oi))
                    .map(|oi| {
                        let rel = doc.outlet_mentions[oi]
                            .relation
                            .filter(|r| *r != OutletRelation::Wire)
                            .unwrap_or(OutletRelation::Source);
                        (oi, rel)
                    });
            }
        }
        if found.is_none() {
            found = clause_outlet(doc, infos, q);
            if let Some((oi, OutletRelation::Source)) = found
                && q.speaker.is_none()
                && infos[oi].claimant
                && q.cue
                    .is_none_or(|c| gap(c, doc.outlet_mentions[oi].span) <= SUBJECT_REACH)
            {
                let mid = add_outlet_speaker(doc, oi);
                doc.quotes[qi].speaker = Some(mid);
            }
        }
        let found = found.or_else(|| paragraph_publisher(doc, qi)).or(credit);
        if let Some((oi, rel)) = found {
            let om = &mut doc.outlet_mentions[oi];
            if om.relation.is_none() {
                om.relation = Some(rel);
            }
            doc.quotes[qi].outlet = Some((crate::doc::OutletMentionId(oi as u32), rel));
        }
    }
    super::collect_relations(doc);
}

/// "Reuters has seen the papers. The plant will close, it said.": a pronoun speaker that
/// the speakers stage resolved to an outlet named earlier: the last mention of that outlet
/// before `at`.
fn resolved_outlet(
    doc: &Doc,
    speaker_outlets: &HashMap<u32, Vec<(usize, usize)>>,
    m: crate::doc::MentionId,
    at: usize,
) -> Option<usize> {
    let mention = doc.mentions.get(m.index())?;
    if mention.kind != MentionKind::Pronoun {
        return None;
    }
    let list = speaker_outlets.get(&mention.speaker?.0)?;
    let upto = at.max(mention.span.start);
    let k = list.partition_point(|&(end, _)| end <= upto);
    k.checked_sub(1).map(|k| list[k].1)
}

/// "At the Financial Times, Gareth Lowe writes that … “…”": a quote with no outlet in its
/// own attribution whose speaker wrote an earlier quote of the same paragraph (a bullet) for
/// a publisher takes that publisher.
fn paragraph_publisher(doc: &Doc, qi: usize) -> Option<(usize, OutletRelation)> {
    let q = &doc.quotes[qi];
    let speaker = doc.mentions.get(q.speaker?.index())?.speaker?;
    let para = doc.paragraphs.partition_point(|p| p.end <= q.span.start);
    let start = doc.paragraphs.get(para).map_or(0, |p| p.start);
    doc.quotes[..qi]
        .iter()
        .rev()
        .take_while(|e| e.span.start >= start)
        .find_map(|e| {
            let (om, rel) = e.outlet?;
            let same =
                e.speaker.and_then(|m| doc.mentions.get(m.index())?.speaker) == Some(speaker);
            (same && rel == OutletRelation::Publisher).then_some((om.index(), rel))
        })
}

/// The mention span without a leading article or a trailing possessive.
fn core_span(text: &str, span: Span) -> Span {
    let mut s = span.trim(text);
    let t = &text[s];
    for art in ["the ", "The ", "THE "] {
        if t.starts_with(art) && t.len() > art.len() {
            s = Span::new(s.start + art.len(), s.end);
            break;
        }
    }
    let t = &text[s];
    for poss in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if t.ends_with(poss) && t.len() > poss.len() {
            s = Span::new(s.start, s.end - poss.len());
            break;
        }
    }
    s
}

/// Marks mention `mi` as outlet `oi`, and its speaker as that outlet.
fn mark_outlet_mention(doc: &mut Doc, mi: usize, oi: usize) {
    let name = doc.outlets[doc.outlet_mentions[oi].outlet.index()]
        .name
        .clone();
    let m = &mut doc.mentions[mi];
    m.kind = MentionKind::Outlet;
    if let Some(sid) = m.speaker
        && let Some(sp) = doc.speakers.get_mut(sid.index())
    {
        sp.kind = SpeakerType::Outlet;
        sp.name = name;
    }
    let om = &mut doc.outlet_mentions[oi];
    if om.relation.is_none() {
        om.relation = Some(OutletRelation::Source);
    }
}

/// Adds a speaker mention for outlet mention `oi` (reusing its outlet speaker if any).
fn add_outlet_speaker(doc: &mut Doc, oi: usize) -> crate::doc::MentionId {
    let om = doc.outlet_mentions[oi];
    let name = doc.outlets[om.outlet.index()].name.clone();
    if let Some(mi) = doc
        .mentions
        .iter()
        .position(|m| m.span == om.span && m.kind == MentionKind::Outlet)
    {
        return crate::doc::MentionId(mi as u32);
    }
    let sid = match doc
        .speakers
        .iter()
        .position(|s| s.kind == SpeakerType::Outlet && s.name == name)
    {
        Some(i) => SpeakerId(i as u32),
        None => {
            doc.speakers.push(Speaker {
                name,
                kind: SpeakerType::Outlet,
                title: None,
                affiliation: None,
                mentions: Vec::new(),
            });
            SpeakerId((doc.speakers.len() - 1) as u32)
        }
    };
    let mid = doc.push_mention(Mention {
        span: om.span,
        kind: MentionKind::Outlet,
        entity: None,
        speaker: Some(sid),
    });
    doc.speakers[sid.index()].mentions.push(mid);
    mid
}

/// How far (bytes) from a quote another quote may start and still be looked at: one that
/// holds it, or one whose speaker is an outlet near it.
const NEAR_QUOTES: usize = 4096;

/// The outlet with a role nearest to the quote's cue (or speaker), in the same sentence and
/// outside the quoted words.
fn clause_outlet(doc: &Doc, infos: &[Info], q: &Quote) -> Option<(usize, OutletRelation)> {
    let speaker_span = q
        .speaker
        .and_then(|m| doc.mentions.get(m.index()))
        .map(|m| m.span);
    let anchors: Vec<Span> = q.cue.into_iter().chain(speaker_span).collect();
    let pieces: &[Span] = if q.pieces.is_empty() {
        std::slice::from_ref(&q.span)
    } else {
        &q.pieces
    };
    let sentence_of = |s: Span| doc.sentence_at(s.start).unwrap_or(0);
    // The quotes near this one (the layer is in text order): a document of many quotes
    // stays linear.
    let lo = doc
        .quotes
        .partition_point(|o| o.span.start + NEAR_QUOTES < q.span.start);
    let hi = doc
        .quotes
        .partition_point(|o| o.span.start <= q.span.end + NEAR_QUOTES);
    let nearby = &doc.quotes[lo..hi.max(lo)];
    let nested_in = nearby
        .iter()
        .flat_map(|o| o.pieces.iter().copied())
        .find(|p| p.start <= q.span.start && q.span.end <= p.end && *p != q.span);
    let mut best: Option<(usize, usize)> = None;
    let region = anchors
        .iter()
        .copied()
        .reduce(|a, b| a.cover(&b))
        .unwrap_or(q.span);
    for oi in near(doc, region, CLAUSE_REACH) {
        let om = &doc.outlet_mentions[oi];
        let Some(rel) = om.relation else { continue };
        if rel == OutletRelation::Wire || infos[oi].credit {
            continue;
        }
        if pieces.iter().any(|p| p.overlaps(&om.span)) {
            continue;
        }
        // A quotation nested in another speaker's words is attributed inside them: an outlet
        // outside them ("“He said, ‘Brace,’ and …,” a passenger told Reuters") is not its.
        if nested_in.is_some_and(|h: Span| !(h.start <= om.span.start && om.span.end <= h.end)) {
            continue;
        }
        // "…, ITV News reported, and Network Southern says …": an outlet that speaks a
        // claim of its own, one that does not hold this quote, is not this quote's.
        let speaks_another = nearby.iter().any(|o| {
            !(o.span.start <= q.span.start && q.span.end <= o.span.end)
                && o.speaker
                    .and_then(|m| doc.mentions.get(m.index()))
                    .is_some_and(|m| m.span.overlaps(&om.span) && Some(m.span) != speaker_span)
        });
        if speaks_another {
            continue;
        }
        let dist = if anchors.is_empty() {
            // No cue, no speaker: an outlet in the quote's own sentence ("per X, …").
            let sq = sentence_of(q.span);
            if infos[oi].sentence != sq {
                continue;
            }
            gap(q.span, om.span)
        } else {
            let Some(d) = anchors
                .iter()
                .filter(|a| sentence_of(**a) == infos[oi].sentence)
                .map(|a| gap(*a, om.span))
                .min()
            else {
                continue;
            };
            d
        };
        if dist <= CLAUSE_REACH && best.is_none_or(|(_, d)| dist < d) {
            best = Some((oi, dist));
        }
    }
    best.and_then(|(oi, _)| doc.outlet_mentions[oi].relation.map(|r| (oi, r)))
}

/// Indexes of the outlet mentions that start within `reach` bytes of `span` (the layer is
/// in text order).
fn near(doc: &Doc, span: Span, reach: usize) -> impl Iterator<Item = usize> + '_ {
    let lo = span.start.saturating_sub(reach + 200);
    let hi = span.end + reach;
    let first = doc.outlet_mentions.partition_point(|om| om.span.start < lo);
    (first..doc.outlet_mentions.len())
        .take_while(move |&oi| doc.outlet_mentions[oi].span.start <= hi)
}

/// Bytes between two spans (0 when they overlap).
fn gap(a: Span, b: Span) -> usize {
    if a.end <= b.start {
        b.start - a.end
    } else {
        a.start.saturating_sub(b.end)
    }
}

/// The article's credit: the first credit mention when all credits name one outlet.
fn article_credit(doc: &Doc, infos: &[Info]) -> Option<(usize, OutletRelation)> {
    let mut first: Option<usize> = None;
    for (oi, om) in doc.outlet_mentions.iter().enumerate() {
        if !infos[oi].credit {
            continue;
        }
        match first {
            None => first = Some(oi),
            Some(f) if doc.outlet_mentions[f].outlet != om.outlet => return None,
            Some(_) => {}
        }
    }
    first.and_then(|oi| doc.outlet_mentions[oi].relation.map(|r| (oi, r)))
}

//! Content extent: where the content of each claim starts and ends, once its layout is known.
//!
//! A quotation that opens inside its clause (`the minister “looked ashen,” he said`) takes
//! the clause with it and makes a mixed quote.
//!
//! Content that runs to the sentence end stops earlier:
//! - at the clause boundary before another attribution; a cue found inside another claim's
//!   content with no boundary in between is nested and dropped (PolNeAR annotates the outer
//!   claim only), and a quotation claimed by a later `“…,” X said` is left to it;
//! - at a trailing participle clause (`, promising to …`), a new clause with its own
//!   third-person subject (`, but he …`), or a second predicate in the cue's tense
//!   (`…, and continued to …`);
//! - after [`MAX_CLAUSE`] tokens, which keeps run-on text without sentence marks linear.

use super::complement;
use super::layout::{Anchor, Layout};
use super::pairing::NO_REGION;
use super::source::{clause_boundary, np_right_core};
use super::words::{CueClass, Flags, View};
use crate::doc::{QuoteKind, Span};

/// The longest stretch of unquoted content, in tokens, that one claim may take: real
/// sentences are far shorter, and the cap keeps run-on text (no sentence marks at all)
/// linear.
pub const MAX_CLAUSE: usize = 200;

/// A claim with its content resolved.
#[derive(Debug, Clone)]
pub struct Frame {
    /// Cue token range.
    pub cue: Option<(usize, usize)>,
    /// Cue weight in `[0, 1]` (0.5 for punctuation cues).
    pub cue_weight: f32,
    /// Source token range.
    pub source: Option<(usize, usize)>,
    /// Content pieces, in text order.
    pub content: Vec<Span>,
    /// Regions (quotation parts) the content holds.
    pub regions: Vec<u32>,
    /// Direct, mixed or indirect.
    pub kind: QuoteKind,
    /// One past the last token of the frame (cue, source or content).
    pub end_tok: usize,
    /// Index of the frame whose speaker this one takes, if inherited.
    pub inherited_from: Option<usize>,
    /// Paragraph index.
    pub para: u32,
}

/// Skips a time adjunct starting at `k` ("Tuesday", "on Tuesday", "last week").
pub(super) fn skip_adjunct_right(v: &View, mut k: usize, hi: usize) -> usize {
    let t = &v.toks;
    let start = k;
    if k < hi
        && (v.eq(k, "on") || v.eq(k, "last") || v.eq(k, "this"))
        && k + 1 < hi
        && t[k + 1].is(Flags::TIME)
    {
        k += 1;
    }
    while k < hi && t[k].is(Flags::TIME) && !t[k].is(Flags::THAT) && !v.eq(k, "this") {
        k += 1;
    }
    if k == start + 1 && (v.eq(start, "on") || v.eq(start, "last")) {
        return start;
    }
    // "reported a short time ago", "said two days ago that".
    if let Some(ago) = (k..hi.min(k + 5)).find(|&j| v.eq(j, "ago"))
        && ago > k
        && (k..ago).all(|j| {
            (t[j].is_word() || t[j].is(Flags::NUM))
                && !t[j].quoted()
                && !t[j].is(Flags::VERB | Flags::AUX | Flags::THAT | Flags::CAP)
                && t[j].cue.is_none()
        })
    {
        return ago + 1;
    }
    k
}

/// Resolves the content of every anchor of the paragraph `[para_start, para_end)` into
/// frames.
///
/// `claimed` has one flag per region: set for the regions that frames take as content.
pub fn resolve(
    v: &View,
    anchors: &mut [Anchor],
    para_start: usize,
    para_end: usize,
    claimed: &mut [bool],
    out: &mut Vec<Frame>,
) {
    let t = &v.toks;
    anchors.sort_by_key(|a| claim_start(v, a));
    lend_sources_to_participles(v, anchors);
    let (ends, mut nested) = content_ends(v, anchors, para_end);
    predicates_of_interrupted_claims(v, anchors, &mut nested);
    let mut last_end_in_sentence: Option<(u32, usize)> = None;
    for (i, a) in anchors.iter().enumerate() {
        if nested[i] {
            continue;
        }
        let sent = t[a.cue.head].sent;
        let prev_end = match last_end_in_sentence {
            Some((s, e)) if s == sent => Some(e),
            _ => None,
        };
        let frame = match a.layout {
            Layout::QuoteBefore(r) => quotation_frame(v, a, r, para_start, claimed),
            Layout::ClauseBefore { start, end, resume } => {
                let clause_start = prev_end.map_or(start, |e| start.max(e));
                let resume_end = resume.map(|r| ends[i].min(para_end).max(r));
                clause_before_frame(v, a, (clause_start, end), resume.zip(resume_end))
            }
            Layout::After { from } => after_frame(v, a, from, ends[i], para_end),
        };
        if let Some(f) = frame {
            if f.regions.iter().any(|&x| claimed[x as usize]) && f.kind != QuoteKind::Direct {
                continue;
            }
            for &x in &f.regions {
                claimed[x as usize] = true;
            }
            last_end_in_sentence = Some((sent, f.end_tok.max(a.last)));
            out.push(f);
        }
    }
}

/// "The final report, per The Sunday Times, will criticise three ministers": an interrupting
/// credit's claim runs on past it, and a cue there whose subject is the claim's first piece
/// is the claim's own verb, not a claim of its own.
fn predicates_of_interrupted_claims(v: &View, anchors: &[Anchor], nested: &mut [bool]) {
    let t = &v.toks;
    for (i, credit) in anchors.iter().enumerate() {
        let Layout::ClauseBefore {
            start,
            end,
            resume: Some(r),
        } = credit.layout
        else {
            continue;
        };
        if credit.cue.entry.class != CueClass::According {
            continue;
        }
        let mut verb = r;
        while verb < t.len() && verb < r + 3 && t[verb].is(Flags::AUX | Flags::ADVERB_LY) {
            verb += 1;
        }
        // The verb's anchor sorts next to the credit's (its source is the first piece):
        // looking a few places either way keeps a long paragraph linear.
        let window = i.saturating_sub(4)..(i + 5).min(anchors.len());
        for (j, other) in anchors
            .iter()
            .enumerate()
            .take(window.end)
            .skip(window.start)
        {
            let subject_is_piece = other.source.is_some_and(|(a, b)| a >= start && b <= end);
            if other.cue.head <= verb && other.cue.start >= r && subject_is_piece {
                nested[j] = true;
            }
        }
    }
}

/// Where an anchor's claim starts: its quotation for a quote-before layout, else its source
/// or cue.
fn claim_start(v: &View, a: &Anchor) -> usize {
    match a.layout {
        Layout::QuoteBefore(r) => {
            let first = v.group_first.get(r as usize).copied().unwrap_or(r);
            v.doc
                .token_at(v.regions[first as usize].outer.start)
                .min(a.first)
        }
        _ => a.first,
    }
}

/// A participle takes the source of the attribution before it in its sentence ("Hollande
/// said Tuesday, noting …"). `anchors` are in text order.
fn lend_sources_to_participles(v: &View, anchors: &mut [Anchor]) {
    let t = &v.toks;
    for i in 1..anchors.len() {
        if anchors[i].cue.entry.class != CueClass::Participle {
            continue;
        }
        let sent = t[anchors[i].cue.head].sent;
        let lender = anchors[i.saturating_sub(16)..i].iter().rev().find(|p| {
            t[p.cue.head].sent == sent
                && p.source.is_some()
                && p.cue.entry.class != CueClass::Participle
                && p.cue.start < anchors[i].cue.start
        });
        if let Some(p) = lender {
            anchors[i].source = p.source;
        }
    }
}

/// What a later claim does to the content that runs from token `from` to `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NextClaim {
    /// It starts at or after `end`: neither it nor any later claim touches the content.
    Beyond,
    /// It starts before `from` (a source left of its cue): it is passed over.
    Before,
    /// It is a quotation right at `from` that the later attribution claims ("Nothing the
    /// president said “will help,” the senator said"): this claim has no content.
    TakesContent,
    /// It starts a new clause: the content ends at this token.
    Cuts(usize),
    /// It sits inside the content with no boundary before it: it is nested and dropped.
    Nested,
}

/// How the anchor `next` bears on content from `from` to `end`: a quotation claimed after
/// it, a participle after `by` ("responded by calling Alwaleed “dopey”") or a clause
/// boundary before it cut the content; with none, the later cue is nested in it.
fn next_claim(v: &View, next: &Anchor, own: &Anchor, from: usize, end: usize) -> NextClaim {
    let start = claim_start(v, next);
    if start >= end {
        return NextClaim::Beyond;
    }
    if start < from {
        return NextClaim::Before;
    }
    // "said it was aware of the deal and would consider whether …", "said he had refunded
    // $400,000 and had offered to repay the rest": `and` and a backshifted auxiliary join
    // a second predicate of the content's own subject.
    {
        const BACKSHIFT: [&str; 7] = ["had", "would", "could", "might", "should", "was", "were"];
        let t = &v.toks;
        let c0 = next.cue.start;
        let borrowed = next.source.is_none_or(|(a, _)| a < own.cue.start);
        if borrowed
            && c0 > from + 2
            && v.eq(c0 - 1, "and")
            && !t[c0 - 1].quoted()
            && BACKSHIFT.iter().any(|w| v.eq(c0, w))
            && !matches!(own.layout, Layout::ClauseBefore { .. })
        {
            return NextClaim::Nested;
        }
    }
    // "said she was busy and would not be commenting further": a cue with no subject of its
    // own (or the one it borrows) and at most one word after it reports nothing, and the
    // content runs on over it.
    if let Layout::After { from: f } = next.layout
        && next.source.is_none_or(|(a, _)| a < own.cue.start)
    {
        let t = &v.toks;
        let sent_end = v.sentence_of(next.cue.head).1;
        let mut words = (f..sent_end).filter(|&k| !t[k].is(Flags::FINAL) || t[k].quoted());
        if words.clone().count() <= 1 && !words.any(|k| t[k].quoted() || t[k].is(Flags::QOPEN)) {
            return NextClaim::Nested;
        }
    }
    let quote = matches!(next.layout, Layout::QuoteBefore(_));
    if quote && start <= from + 1 {
        // "One inspector said, “This is the best library.” I nearly cried.": a quotation
        // that ends its own sentence, right after a cue and its comma or colon, stays that
        // cue's; the later cue in the next sentence does not take it.
        let introduced = (from > 0 && v.toks[from - 1].is(Flags::COMMA | Flags::COLON))
            || (start == from + 1 && v.toks[from].is(Flags::COMMA | Flags::COLON));
        let ends_sentence = match next.layout {
            Layout::QuoteBefore(r) => v.doc.text[v.regions[r as usize].content]
                .trim_end()
                .ends_with(['.', '!', '?', '\u{2026}']),
            _ => false,
        };
        if !(introduced && ends_sentence) {
            return NextClaim::TakesContent;
        }
    }
    // "posted a statement on Threads saying …": the medium is the verb's object and the
    // participle reports what it says; the participle takes the claim.
    let t = &v.toks;
    let medium_then_participle = next.cue.entry.class == CueClass::Participle
        && start > from + 1
        && start <= from + 8
        && t[from].is(Flags::DET)
        && (from + 1..start.min(from + 4)).any(|k| t[k].is(Flags::MEDIUM))
        && (from..start).all(|k| {
            !t[k].quoted() && !t[k].is(Flags::VERB | Flags::AUX | Flags::COMMA | Flags::THAT)
        });
    if medium_then_participle {
        return NextClaim::TakesContent;
    }
    let by = next.cue.entry.class == CueClass::Participle
        && ["by", "while", "after", "before"]
            .iter()
            .any(|w| v.eq(start - 1, w));
    if start > from + 1 && (quote || by || clause_boundary(v, start - 1)) {
        // Trim a trailing ", and".
        let mut cut = start - 1;
        while cut > from && !v.toks[cut - 1].quoted() && clause_boundary(v, cut - 1) {
            cut -= 1;
        }
        return NextClaim::Cuts(cut);
    }
    NextClaim::Nested
}

/// Where the content that follows each anchor's cue ends (the sentence end, cut by a later
/// claim, and at most [`MAX_CLAUSE`] tokens), and which anchors are nested in an earlier
/// claim's content or lose their content to a later one.
fn content_ends(v: &View, anchors: &[Anchor], para_end: usize) -> (Vec<usize>, Vec<bool>) {
    let mut nested = nested_in_clauses_before(anchors);
    // "… out of the region if the new tax was approved", "… since March, and a deal could
    // be announced before the summer": a passive of a thing in a subordinate or coordinate
    // clause is part of the content, not a new claim that cuts it.
    let within_content: Vec<bool> = anchors
        .iter()
        .map(|a| {
            // Not the main clause after an opening subordinate clause ("When the poll asked
            // about …, Clinton was supported by 42 percent").
            let main_after_opening = a.source.is_some_and(|(s0, _)| {
                let first = v.sentence_of(s0).0;
                s0 > first
                    && v.toks[s0 - 1].is(Flags::COMMA)
                    && v.toks[first].is(Flags::BOUNDARY)
            });
            let subordinate = a.source.is_some_and(|(s0, _)| s0 > 0) && !main_after_opening;
            subordinate
                && matches!(a.layout, Layout::After { from } if passive_of_a_thing(v, a.cue.head, from))
        })
        .collect();
    let mut ends: Vec<usize> = anchors
        .iter()
        .map(|a| v.sentence_of(a.cue.head).1.min(para_end))
        .collect();
    for i in 0..anchors.len() {
        if nested[i] {
            continue;
        }
        let from = match anchors[i].layout {
            Layout::After { from } => from,
            Layout::ClauseBefore {
                resume: Some(r), ..
            } => r,
            _ => continue,
        };
        ends[i] = ends[i].min(from + MAX_CLAUSE);
        // Content is at most MAX_CLAUSE tokens long: only the next few anchors can fall
        // inside it (the bound keeps a run-on paragraph of cues linear).
        for j in i + 1..anchors.len().min(i + 64) {
            if nested[j] || within_content[j] {
                continue;
            }
            match next_claim(v, &anchors[j], &anchors[i], from, ends[i]) {
                NextClaim::Beyond => break,
                NextClaim::Before => {}
                NextClaim::TakesContent => {
                    nested[i] = true;
                    break;
                }
                NextClaim::Cuts(end) => {
                    ends[i] = end;
                    break;
                }
                NextClaim::Nested if gapped_relative(v, &anchors[j]) => {
                    ends[j] = ends[j].min(ends[i]);
                }
                NextClaim::Nested => nested[j] = true,
            }
        }
    }
    (ends, nested)
}

/// True for an attribution inside a relative or an apposition whose own clause lacks its
/// subject (`a move she said would cost …`, `a rule change that he said would make …`):
/// a pronoun or name right before the cue, and an auxiliary or modal right after it.
/// PolNeAR labels it as a claim of its own, nested in the outer claim's content, which keeps
/// it too.
fn gapped_relative(v: &View, a: &Anchor) -> bool {
    let t = &v.toks;
    let Layout::After { from } = a.layout else {
        return false;
    };
    let Some((s0, s1)) = a.source else {
        return false;
    };
    let pronoun = s1 == s0 + 1 && t[s0].is(Flags::PRONOUN);
    let name = (s0..s1).all(|k| t[k].is(Flags::ENT_PER));
    s1 == a.cue.start
        && (pronoun || name)
        && a.cue.entry.class == CueClass::Verb
        && t.get(from)
            .is_some_and(|n| n.is(Flags::AUX) && !n.quoted() && !n.is(Flags::POSS))
}

/// Which anchors sit inside the clause that a later attribution claims ("The mayor will not
/// seek a third term, according to The Guardian": *seek* is inside the Guardian's claim):
/// any inside a credit ("according to", "per"), and those with a weaker cue word inside a
/// clause that a verb claims ("…, the group said").
/// `anchors` are in text order; only the 64 anchors before each are compared, which keeps a
/// run-on paragraph of cues linear.
fn nested_in_clauses_before(anchors: &[Anchor]) -> Vec<bool> {
    let mut nested = vec![false; anchors.len()];
    for (j, outer) in anchors.iter().enumerate() {
        let Layout::ClauseBefore { start, end, .. } = outer.layout else {
            continue;
        };
        let credit = outer.cue.entry.class == CueClass::According;
        for i in j.saturating_sub(64)..j {
            let inner = &anchors[i];
            let weaker = inner.cue.entry.weight < outer.cue.entry.weight;
            if inner.first >= start && inner.last <= end && (credit || weaker) {
                nested[i] = true;
            }
        }
    }
    nested
}

/// `“…,” X said`: the quotation ending in region `r` (with the parts before it over
/// paragraphs), unless another claim took it. A quotation that starts inside its clause
/// ("the minister “looked ashen,” he said") takes the clause with it: a mixed quote.
fn quotation_frame(
    v: &View,
    a: &Anchor,
    r: u32,
    para_start: usize,
    claimed: &[bool],
) -> Option<Frame> {
    let first = v.group_first.get(r as usize).copied().unwrap_or(r);
    if claimed.get(first as usize).copied().unwrap_or(true) {
        return None;
    }
    let regions = v.quotation(r);
    if regions.is_empty() || regions.iter().any(|&x| claimed[x as usize]) {
        return None;
    }
    let mut content = contents(v, &regions);
    let open_tok = v.doc.token_at(v.regions[regions[0] as usize].outer.start);
    let mut kind = QuoteKind::Direct;
    if let Some(clause) = clause_start_before(v, open_tok, para_start)
        && clause < open_tok
    {
        kind = QuoteKind::Mixed;
        content[0] = Span::new(v.toks[clause].span.start, content[0].end);
    }
    Some(Frame::new(v, a, content, regions, kind, a.last))
}

/// `CLAUSE, X said.`: the clause `[start, end)` before the source, and after an interrupting
/// attribution (`A, she said, B`) a second piece over `resume` (its start and end). A clause
/// of fewer than two tokens alone is no claim.
fn clause_before_frame(
    v: &View,
    a: &Anchor,
    (start, end): (usize, usize),
    resume: Option<(usize, usize)>,
) -> Option<Frame> {
    let mut start = start.max(end.saturating_sub(MAX_CLAUSE));
    // "OSLO (Reuters) - The fleet will …, the ministry said": the dateline is no content.
    if start < end && start == v.sentence_of(start).0 {
        start = super::source::skip_dateline(v, start, end);
        start = after_topic_label(v, start, end);
    }
    if resume.is_some() {
        // "The two nations, Xi said, now have …": the subject after the last comma starts
        // the first piece.
        if let Some(c) = (start..end)
            .rev()
            .find(|&k| v.toks[k].is(Flags::COMMA) && !v.toks[k].quoted())
        {
            start = c + 1;
        }
    }
    let mut pieces = Vec::new();
    if let Some(p) = clause_piece(v, start, end) {
        pieces.push(p);
    }
    let mut end_tok = a.last;
    if let Some((from, to)) = resume
        && let Some(p) = clause_piece(v, from, to)
    {
        pieces.push(p);
        end_tok = to;
    }
    if pieces.is_empty() || (end.saturating_sub(start) < 2 && resume.is_none()) {
        return None;
    }
    let lo = v.doc.token_at(pieces[0].start);
    let hi = v.doc.token_at(pieces[pieces.len() - 1].end);
    let regions = regions_in(v, lo, hi);
    let kind = kind_of(&regions);
    Some(Frame::new(v, a, pieces, regions, kind, end_tok))
}

/// Past a topic label that opens the sentence ("Quick update on the bypass: the county has
/// …, according to X"): a few words and a colon, with no verb, cue or pronoun of a clause.
fn after_topic_label(v: &View, start: usize, end: usize) -> usize {
    let t = &v.toks;
    let colon = (start..end.min(start + 10)).find(|&k| t[k].is(Flags::COLON) || t[k].quoted());
    match colon {
        Some(c)
            if c > start
                && c + 2 < end
                && t[c].is(Flags::COLON)
                && !t[c].quoted()
                && (start..c).all(|k| {
                    t[k].cue.is_none() && !t[k].is(Flags::AUX | Flags::PRONOUN | Flags::THAT)
                }) =>
        {
            c + 1
        }
        _ => start,
    }
}

/// Where the clause holding a quotation that opens at token `open` starts, when the
/// quotation does not open its sentence (after a colon, a dash or a cue it does).
fn clause_start_before(v: &View, open: usize, p0: usize) -> Option<usize> {
    let t = &v.toks;
    let (s0, _) = v.sentence_of(open);
    let s0 = s0.max(p0);
    if open <= s0 {
        return None;
    }
    let p = &t[open - 1];
    if p.is(Flags::COLON | Flags::DASH | Flags::QCLOSE | Flags::LPAREN)
        || p.cue.is_some() && !p.is(Flags::CAP)
    {
        return None;
    }
    if p.is(Flags::COMMA) && open >= s0 + 2 && t[open - 2].cue.is_some() {
        return None;
    }
    // A list marker or topic label opening the sentence is not part of the clause.
    let s0 = super::layout::after_list_label(v, s0, open);
    let mut k = open;
    while k > s0 {
        let q = &t[k - 1];
        let and_or = v.eq(k - 1, "and") || v.eq(k - 1, "or");
        if q.is(Flags::COMMA
            | Flags::SEMI
            | Flags::DASH
            | Flags::COLON
            | Flags::QCLOSE
            | Flags::FINAL)
            || (q.is(Flags::CONJ) && !q.is(Flags::CAP) && !and_or)
        {
            break;
        }
        k -= 1;
    }
    (k < open && open - k >= 2).then_some(k)
}

/// Byte span of tokens `[a, b)` without edge punctuation that is not a quotation mark.
pub(super) fn clause_piece(v: &View, mut a: usize, mut b: usize) -> Option<Span> {
    let t = &v.toks;
    while a < b
        && t[a].is(Flags::COMMA | Flags::SEMI | Flags::COLON | Flags::FINAL)
        && !t[a].quoted()
    {
        a += 1;
    }
    while b > a
        && t[b - 1].is(Flags::COMMA | Flags::SEMI | Flags::COLON | Flags::FINAL)
        && !t[b - 1].quoted()
    {
        b -= 1;
    }
    (b > a).then(|| v.span(a, b))
}

pub(super) fn regions_in(v: &View, a: usize, b: usize) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for k in a..b {
        let r = v.toks[k].region;
        if r != NO_REGION && out.last() != Some(&r) {
            out.push(r);
        }
    }
    out
}

/// The regions' contents, in order.
fn contents(v: &View, regions: &[u32]) -> Vec<Span> {
    regions
        .iter()
        .map(|&x| v.regions[x as usize].content)
        .collect()
}

/// Indirect when the content holds no quotation region, else mixed.
pub(super) fn kind_of(regions: &[u32]) -> QuoteKind {
    if regions.is_empty() {
        QuoteKind::Indirect
    } else {
        QuoteKind::Mixed
    }
}

impl Frame {
    /// The frame of anchor `a` with `content` over `regions`, ending before token `end_tok`.
    fn new(
        v: &View,
        a: &Anchor,
        content: Vec<Span>,
        regions: Vec<u32>,
        kind: QuoteKind,
        end_tok: usize,
    ) -> Frame {
        Frame {
            cue: Some((a.cue.start, a.cue.end)),
            cue_weight: a.cue.entry.weight,
            source: a.source,
            content,
            regions,
            kind,
            end_tok,
            inherited_from: None,
            para: v.toks[a.cue.head].para,
        }
    }
}

/// `X said (that) CLAUSE`, `X told reporters: “…”`: the content from token `from` after the
/// cue, up to `end` (the sentence end or where a later claim cuts it) in the paragraph that
/// ends at `para_end`. It is the quoted paragraph after a colon that ends the paragraph, the
/// quotation that opens at the content start, or a clause.
fn after_frame(v: &View, a: &Anchor, from: usize, end: usize, para_end: usize) -> Option<Frame> {
    let t = &v.toks;
    let sent_end = v.sentence_of(a.cue.head).1.min(para_end);
    let start = content_after_cue(v, a, from, sent_end);
    let para = t[a.cue.head].para;
    let frame = |content, regions, kind, end_tok| Frame::new(v, a, content, regions, kind, end_tok);
    if start >= para_end || (start >= sent_end && t[start - 1].is(Flags::COLON)) {
        let (regions, end_tok) = quotation_in_next_paragraph(v, start, para)?;
        return Some(frame(
            contents(v, &regions),
            regions,
            QuoteKind::Direct,
            end_tok,
        ));
    }
    if start >= end && !t.get(start).is_some_and(|x| x.is(Flags::QOPEN)) {
        return None;
    }
    if let Some((regions, end_tok)) = quotation_as_content(v, start, para, para_end) {
        return Some(frame(
            contents(v, &regions),
            regions,
            QuoteKind::Direct,
            end_tok,
        ));
    }
    if !takes_clause(v, a, start) {
        return None;
    }
    // "the breakfast it refers to has eleven items": a particle left at the end of a
    // relative clause, then the main clause's verb; nothing is reported.
    let stranded = a.cue.end > a.cue.head + 1
        && t[a.cue.end - 1].is(Flags::PREP)
        && start == a.cue.end
        && t[start].is(Flags::AUX | Flags::VERB)
        && !t[start].is(Flags::CAP | Flags::ING)
        && !t[start].quoted();
    if stranded {
        return None;
    }
    let clause_end = clause_end_after_cue(v, a.cue.head, start, end);
    let clause_end = relative_clause_end(v, a, start, clause_end);
    let clause_end = extend_over_quotations(v, start, clause_end, para, para_end);
    let piece = clause_piece(v, start, clause_end)?;
    // Content that is only a pronoun (a reflexive too: "tell me themselves") or a function
    // word is not a claim worth reporting.
    let reflexive = {
        let w = v.s(start);
        !t[start].is(Flags::CAP) && (w.ends_with("self") || w.ends_with("selves"))
    };
    let one_word = (start + 1..clause_end).all(|k| t[k].is(Flags::FINAL));
    if clause_end - start == 1 && t[start].is(Flags::PRONOUN | Flags::BOUNDARY)
        || one_word && reflexive
    {
        return None;
    }
    let regions = regions_in(v, start, clause_end);
    let kind = kind_of(&regions);
    Some(frame(vec![piece], regions, kind, clause_end))
}

/// "Castell, who said he had never sailed, moved into a cottage": the claim of a cue whose
/// source is a relative pronoun after a comma ends where the relative clause closes, at a
/// comma (or a quotation closing on its comma) followed by the main clause's verb (a
/// lowercase past form, a listed verb or a cue: "Strand, who announced his resignation on
/// Friday, said …").
fn relative_clause_end(v: &View, a: &Anchor, start: usize, end: usize) -> usize {
    let t = &v.toks;
    let Some((s0, s1)) = a.source else {
        return end;
    };
    if s1 != s0 + 1 || !t[s0].is(Flags::REL) || s0 == 0 || !t[s0 - 1].is(Flags::COMMA) {
        return end;
    }
    // The closing comma, or a quotation's closing mark after its own comma (`who has said
    // the club “lost its way,” was in the stands`), which stays with the claim.
    (start + 1..end.saturating_sub(1))
        .find_map(|j| {
            let n = &t[j + 1];
            let main_verb = !n.quoted()
                && (n.is(Flags::ED | Flags::VERB) || n.cue.is_some())
                && !n.is(Flags::CAP | Flags::ING);
            if !main_verb {
                None
            } else if t[j].is(Flags::COMMA) && !t[j].quoted() {
                Some(j)
            } else if t[j].is(Flags::QCLOSE) && t[j - 1].is(Flags::COMMA) {
                Some(j + 1)
            } else {
                None
            }
        })
        .unwrap_or(end)
}

/// Words that open an object's prepositional phrase or an infinitive, never a reported
/// clause ("was blamed for scores of accidents", "continued to fly").
const NOT_A_CLAUSE: [&str; 15] = [
    "to", "for", "by", "of", "with", "against", "from", "into", "at", "in", "on", "about", "over",
    "toward", "towards",
];

/// Irregular past participles of cue verbs: after a form of "be" they make a passive.
const IRREGULAR_PARTICIPLES: [&str; 10] = [
    "found", "shown", "written", "known", "seen", "given", "taken", "heard", "spoken", "told",
];

/// Verbs whose infinitive or prepositional object is an action, not an utterance or a
/// stance ("continued to fly", "decided to sidestep", "seems to think", "learned from").
/// Verbs of commitment and intention ("vowed to", "refused to", "wants to", "called for")
/// keep theirs: PolNeAR labels them as attributions, and the project follows it.
const ACTION_HEADS: [&str; 12] = [
    "continu", "decid", "seem", "appear", "learn", "tend", "tried", "try", "began", "begin",
    "manag", "fail",
];

/// True when the cue word at `head` takes an infinitive that is an act, not a claim: an
/// action verb of [`ACTION_HEADS`] ("continued to", "decided to") or a word of
/// `data/quotes/act_infinitives.txt` ("declined to", "agreed to").
fn acts_in_infinitive(v: &View, head: usize) -> bool {
    let word = v.s(head).to_ascii_lowercase();
    v.toks[head].is(Flags::ACT_INFINITIVE) || ACTION_HEADS.iter().any(|h| word.starts_with(h))
}

/// True when the content that starts at token `start` after the cue of `a` can be what the
/// cue reports. A passive cue ("was blamed for", "was nominated for", "has been endorsed
/// by") or an action verb of [`ACTION_HEADS`] ("continued to fly", "decided to") followed by
/// a preposition or an infinitive's `to` ([`NOT_A_CLAUSE`]) reports nothing, and neither
/// does a progressive cue ("was adding seats") unless `that` or a colon follows it or its
/// sentence holds a quotation ("is calling the plan “a disaster”"). Speech, writing and stance verbs take a clause; belief and perception verbs
/// ("see", "expect", "fear") are cues as in PolNeAR's convention.
fn takes_clause(v: &View, a: &Anchor, start: usize) -> bool {
    let t = &v.toks;
    let Some(first) = t.get(start) else {
        return true;
    };
    let head = a.cue.head;
    let word = v.s(head).to_ascii_lowercase();
    let be_before = after_be(v, head);
    let prep_or_to = !first.quoted() && NOT_A_CLAUSE.iter().any(|w| v.eq(start, w));
    if prep_or_to
        && (be_before && word.ends_with("ed") || ACTION_HEADS.iter().any(|h| word.starts_with(h)))
    {
        return false;
    }
    let sent_end = v.sentence_of(start).1;
    if !complement::reports_content(v, head, start, sent_end) {
        return false;
    }
    // "Police questioned Arvid Lunde, the owner …": a person questioned is interrogated;
    // what is questioned is a claim ("questioned whether …", "questioned the figures").
    if word == "questioned" && first.is(Flags::ENT_PER) && !first.quoted() {
        let after = (start..sent_end)
            .find(|&k| !t[k].is(Flags::ENT_PER))
            .unwrap_or(sent_end);
        // Not "questioned Pence about that position", which PolNeAR labels.
        if after >= sent_end || t[after].is(Flags::COMMA | Flags::FINAL) {
            return false;
        }
    }
    if passive_of_a_thing(v, head, start) {
        return false;
    }
    // "cut its profit forecast for the second time this year": a prepositional phrase with
    // nothing verbal or quoted after it to the sentence end is an adjunct, not a claim.
    // The same after an adverb ("appeared together in Venice last year").
    let adverb_then_prep = (first.is(Flags::ADVERB_LY) || v.eq(start, "together"))
        && !first.quoted()
        && t.get(start + 1).is_some_and(|n| {
            !n.quoted() && NOT_A_CLAUSE.iter().any(|w| v.eq(start + 1, w)) && !v.eq(start + 1, "to")
        });
    if prep_or_to && !v.eq(start, "to") || adverb_then_prep {
        let clause = (start..sent_end).any(|k| {
            t[k].quoted()
                || t[k].cue.is_some()
                || t[k].is(Flags::VERB | Flags::AUX | Flags::ED | Flags::THAT | Flags::COLON)
        });
        if !clause {
            return false;
        }
    }
    if be_before && word.ends_with("ing") {
        // "is calling the plan “a disaster”": a quotation in the clause makes it a report.
        return first.is(Flags::THAT)
            || start > 0 && t[start - 1].is(Flags::COLON)
            || (start..sent_end).any(|k| t[k].is(Flags::QOPEN));
    }
    true
}

/// True when a form of "be" stands right before token `head` ("was blamed", "is calling").
pub(super) fn after_be(v: &View, head: usize) -> bool {
    head > 0
        && ["was", "were", "is", "are", "been", "being", "be", "am"]
            .iter()
            .any(|w| v.eq(head - 1, w))
}

/// True when the cue at `head`, whose content would start at `from`, is a passive with only
/// an adjunct or nothing after it ("a deal could be announced before the summer", "if the
/// new tax was approved.", "were found shortly after midnight by a farmer", "was written in
/// 2019"): no `that`, colon or quotation to the sentence end, so its subject is the thing
/// acted on, not a speaker.
fn passive_of_a_thing(v: &View, head: usize, from: usize) -> bool {
    let t = &v.toks;
    let word = v.s(head).to_ascii_lowercase();
    let participle = word.ends_with("ed") || IRREGULAR_PARTICIPLES.contains(&word.as_str());
    let passive = after_be(v, head) && participle;
    let Some(first) = t.get(from).filter(|_| passive) else {
        return false;
    };
    let sent_end = v.sentence_of(head).1;
    // "were found shortly after midnight by a farmer": an adverb before the adjunct.
    let at = if first.is(Flags::ADVERB_LY) && !first.quoted() {
        from + 1
    } else {
        from
    };
    let adjunct = if at > from {
        t.get(at).is_some_and(|x| {
            !x.quoted() && (x.is(Flags::PREP) || v.eq(at, "after") || v.eq(at, "before"))
        })
    } else {
        first.is(Flags::PREP | Flags::FINAL | Flags::COMMA | Flags::TIME)
            || ["before", "after", "until", "since"]
                .iter()
                .any(|w| v.eq(from, w))
    };
    adjunct
        && !first.quoted()
        && !(from..sent_end).any(|k| t[k].quoted() || t[k].is(Flags::THAT | Flags::COLON))
}

/// Where the content of a cue whose next token is `from` starts, in a sentence that ends
/// at `sent_end`: past a time adjunct ("said Tuesday"), a prepositional adjunct before `that`
/// ("said in a statement Wednesday that …"), the addressee of a cue that takes one ("told
/// reporters"), and a colon or comma.
pub fn content_after_cue(v: &View, a: &Anchor, from: usize, sent_end: usize) -> usize {
    let t = &v.toks;
    let at = citing_aside_end(v, skip_adjunct_right(v, from, sent_end), sent_end);
    let at = after_as_adjunct(v, a, at, sent_end);
    // "decided to shoot …, a choice that …": an infinitive is no adjunct to look past.
    let infinitive = at < sent_end && v.eq(at, "to") && acts_in_infinitive(v, a.cue.head);
    let mut start = if infinitive {
        at
    } else {
        that_after_adjunct(v, at, sent_end)
    };
    if a.cue.entry.addressee
        && start < sent_end
        && !t[start].is(Flags::THAT | Flags::QOPEN | Flags::COLON)
    {
        start = content_after_addressee(v, start, sent_end);
    }
    // "asked shareholders at the annual meeting: “…”": an object and an adjunct, then a
    // colon that opens a quotation.
    if start < sent_end && !t[start].is(Flags::THAT | Flags::QOPEN | Flags::COLON) {
        let colon = (start..sent_end.min(start + 10)).find(|&k| {
            t[k].quoted() || t[k].is(Flags::COLON | Flags::FINAL | Flags::VERB | Flags::AUX)
        });
        if let Some(c) = colon
            && t[c].is(Flags::COLON)
            && !t[c].quoted()
            && t.get(c + 1).is_some_and(|n| n.is(Flags::QOPEN))
        {
            start = c;
        }
    }
    // "said only: “…”", "said this:": one lowercase word before a colon.
    if start + 1 < sent_end
        && t[start].is_word()
        && !t[start].is(Flags::CAP)
        && t[start + 1].is(Flags::COLON)
        && !t[start].quoted()
    {
        start += 1;
    }
    if start < sent_end && t[start].is(Flags::COLON | Flags::COMMA) && !t[start].quoted() {
        start += 1;
    }
    start
}

/// "As the mayor put it in March, the town …": after a credit that `as` opens, a short
/// adjunct runs to the comma, and the content starts after it; else `at`.
fn after_as_adjunct(v: &View, a: &Anchor, at: usize, sent_end: usize) -> usize {
    let t = &v.toks;
    let as_credit = a.first > 0 && v.eq(a.first - 1, "as") && !t[a.first - 1].quoted();
    if !as_credit || at >= sent_end || !t[at].is(Flags::PREP) || t[at].quoted() {
        return at;
    }
    let comma = (at + 1..sent_end.min(at + 7))
        .find(|&j| t[j].is(Flags::COMMA | Flags::VERB | Flags::AUX | Flags::THAT) || t[j].quoted());
    match comma {
        Some(c) if t[c].is(Flags::COMMA) && !t[c].quoted() && c + 1 < sent_end => c + 1,
        _ => at,
    }
}

/// "reported on Saturday, citing the coast guard, that …": the `that` after an aside that
/// names whom the report cites (the cited phrase becomes the speaker, `cited_sources`),
/// else `at`.
pub(super) fn citing_aside_end(v: &View, at: usize, sent_end: usize) -> usize {
    let t = &v.toks;
    if at + 2 >= sent_end || !t[at].is(Flags::COMMA) || !t[at + 1].is(Flags::CITING) {
        return at;
    }
    let comma = (at + 2..sent_end.min(at + 14))
        .find(|&j| t[j].is(Flags::COMMA | Flags::FINAL | Flags::QOPEN) || t[j].quoted());
    match comma {
        Some(c) if t[c].is(Flags::COMMA) && c + 1 < sent_end && t[c + 1].is(Flags::THAT) => c + 1,
        _ => at,
    }
}

/// True when the cue word at token `j` heads a noun phrase: right after a determiner ("in a
/// note"), or after one lowercase word that follows a determiner ("on a conference call").
fn cue_as_noun(v: &View, j: usize) -> bool {
    let t = &v.toks;
    let word = |k: usize| {
        t[k].is_word() && t[k].cue.is_none() && !t[k].is(Flags::CAP | Flags::VERB | Flags::AUX)
    };
    j > 0 && t[j - 1].is(Flags::DET) || j > 1 && t[j - 2].is(Flags::DET) && word(j - 1)
}

/// "said in a statement Wednesday that …", "saying at a campaign event last week that",
/// "wrote to parents: …": the `that` or colon after a prepositional adjunct that starts at
/// `at` (commas allowed: "said during a town hall in Buffalo, New York, that …"), else `at`.
fn that_after_adjunct(v: &View, at: usize, sent_end: usize) -> usize {
    let t = &v.toks;
    if at >= sent_end || t[at].quoted() {
        return at;
    }
    // "after" and "before" are listed as clause boundaries, but open a phrase here too.
    if !t[at].is(Flags::PREP) && !v.eq(at, "after") && !v.eq(at, "before") {
        return at;
    }
    let ahead = (at + 1..sent_end.min(at + 20)).find(|&j| {
        t[j].is(Flags::THAT | Flags::QOPEN | Flags::FINAL)
            // "wrote in a note last month that …": a cue word after a determiner is a noun.
            || t[j].cue.is_some() && !cue_as_noun(v, j)
            || t[j].is(Flags::VERB)
            || t[j].is(Flags::COLON) && !t[j].quoted()
    });
    match ahead {
        Some(j) if t[j].is(Flags::THAT | Flags::COLON) => j,
        _ => at,
    }
}

/// "told customers at a diner that …": after the addressee that starts at `at`, the content
/// starts at a `that` or a colon not far ahead; else after the addressee's noun phrase and
/// a time adjunct.
fn content_after_addressee(v: &View, at: usize, sent_end: usize) -> usize {
    let t = &v.toks;
    let ahead = (at..sent_end.min(at + 16)).find(|&j| {
        t[j].is(Flags::THAT | Flags::COLON | Flags::QOPEN)
            || t[j].cue.is_some() && !t[j].is(Flags::CAP) && !cue_as_noun(v, j)
    });
    match ahead {
        Some(j) if t[j].is(Flags::THAT | Flags::COLON) => j,
        // "told us, “…”": an object pronoun is the whole addressee.
        _ if t[at].is(Flags::OBJ_PRONOUN) && !t[at].quoted() => {
            skip_adjunct_right(v, at + 1, sent_end)
        }
        _ => match np_right_core(v, at, sent_end) {
            Some(e) if e < sent_end => {
                skip_adjunct_right(v, outlet_descriptor_end(v, e, sent_end), sent_end)
            }
            _ => at,
        },
    }
}

/// "told the PA news agency the rise was …": the words naming what kind of outlet a name
/// is belong to the addressee.
fn outlet_descriptor_end(v: &View, mut e: usize, sent_end: usize) -> usize {
    const DESCRIPTORS: [&str; 13] = [
        "news",
        "agency",
        "newspaper",
        "paper",
        "website",
        "programme",
        "program",
        "station",
        "channel",
        "radio",
        "network",
        "magazine",
        "service",
    ];
    let start = e;
    while e < sent_end
        && e < start + 3
        && !v.toks[e].quoted()
        && DESCRIPTORS.iter().any(|w| v.s(e) == *w)
    {
        e += 1;
    }
    e
}

/// A colon at the paragraph end (`She said:` / `“…”`): the quotation that opens the next
/// paragraph at token `start`, with the token after it.
fn quotation_in_next_paragraph(v: &View, start: usize, para: u32) -> Option<(Vec<u32>, usize)> {
    let t = &v.toks;
    if start >= t.len() || !t[start].is(Flags::QOPEN) || t[start].para == para {
        return None;
    }
    let regions = v.quotation(t[start].region);
    let end_tok = v.token_after_region(*regions.last().unwrap_or(&t[start].region));
    Some((regions, end_tok))
}

/// The quotation opening at token `start` as the whole content, with the token after it,
/// unless the clause goes on after it (`said “we” will`): after the quotation comes the
/// paragraph end, punctuation, or a word that starts something new (a name, a conjunction,
/// a preposition, an adverb).
fn quotation_as_content(
    v: &View,
    start: usize,
    para: u32,
    para_end: usize,
) -> Option<(Vec<u32>, usize)> {
    let t = &v.toks;
    if !t[start].is(Flags::QOPEN) {
        return None;
    }
    let regions = v.quotation(t[start].region);
    let last = *regions.last().unwrap_or(&t[start].region);
    let after = v.token_after_region(last);
    // "told us “…” every Friday": a time adjunct with a determiner.
    let time_adjunct =
        || t[after].is(Flags::DET) && t.get(after + 1).is_some_and(|n| n.is(Flags::TIME));
    let whole = after >= para_end
        || regions.len() > 1
        || after >= t.len()
        || t[after].para != para
        || !t[after].is_word()
        || time_adjunct()
        || t[after].is(Flags::CAP
            | Flags::CONJ
            | Flags::PREP
            | Flags::TIME
            | Flags::ING
            | Flags::ADVERB_LY
            | Flags::BOUNDARY
            | Flags::REL
            | Flags::THAT);
    whole.then_some((regions, after))
}

/// Where a clause of content from `start` ends, given the cue's head word `head` and the
/// furthest end `end`: at a trailing participle clause or a new clause with its own subject
/// ([`trailing_clause_cut`]), or before a second predicate of the cue's subject
/// ([`second_predicate_at`]); at most [`MAX_CLAUSE`] tokens. Content that a colon opens
/// ("reported late on Sunday: …") is a statement of its own and runs on over ", and <noun
/// phrase> <auxiliary>".
fn clause_end_after_cue(v: &View, head: usize, start: usize, end: usize) -> usize {
    let t = &v.toks;
    let mut clause_end = end.max(start).min(start + MAX_CLAUSE);
    // "Per Axios, A, and a vote could come Thursday": a credit that opens the sentence
    // vouches for all of it, as a colon's content runs on.
    let (s0, _) = v.sentence_of(head);
    let opening_credit = t[head].cue.is_some_and(|c| c.class == CueClass::According)
        && (s0..head).all(|k| !t[k].is_word());
    let after_colon = start > 0 && t[start - 1].is(Flags::COLON) || opening_credit;
    // "has pleaded not guilty to all of the charges and is free on bond": content with no
    // verb of its own is an object, and `and` with an auxiliary starts the subject's second
    // predicate.
    if !t[start].is(Flags::THAT) && !t[start].quoted() {
        let and_aux = (start + 1..clause_end.saturating_sub(1)).find(|&k| {
            t[k].quoted()
                || !t[k].is_word()
                || t[k].is(Flags::VERB | Flags::AUX | Flags::ED | Flags::THAT | Flags::COLON)
                || t[k]
                    .cue
                    .is_some_and(|c| c.weight >= super::cues::MIN_WEIGHT)
                || v.eq(k, "and") && t[k + 1].is(Flags::AUX) && !t[k + 1].quoted()
        });
        if let Some(k) = and_aux
            && v.eq(k, "and")
            && !t[k].quoted()
            && t[start].is_word()
        {
            return k;
        }
    }
    // "has admitted the charges and will be sentenced in May": a stance verb's object (a
    // noun phrase with a determiner) ends where `and` and a verb start the subject's second
    // predicate.
    if t[start].is(Flags::DET) && !t[start].quoted() {
        let object_end = (start + 1..clause_end.min(start + 8)).find(|&k| {
            t[k].quoted()
                || !t[k].is_word()
                || t[k].is(Flags::VERB | Flags::AUX | Flags::PREP | Flags::THAT | Flags::ED)
                || v.eq(k, "and")
                || v.eq(k, "but")
        });
        if let Some(e) = object_end
            && e + 1 < clause_end
            && (v.eq(e, "and") || v.eq(e, "but"))
            && t[e + 1].is(Flags::AUX | Flags::VERB)
            && !t[e + 1].is(Flags::CAP)
            && !t[e + 1].quoted()
        {
            return e;
        }
    }
    // "told the jury that A, taking …, and that B": a second `that` clause joined by `and`
    // carries the content past what would cut it before.
    let coordinated_that = (start + 1..clause_end.saturating_sub(1))
        .rev()
        .find(|&k| v.eq(k, "and") && t[k + 1].is(Flags::THAT) && !t[k].quoted());
    for j in start + 1..clause_end.saturating_sub(1) {
        if coordinated_that.is_some_and(|k| j < k) && t[start].is(Flags::THAT) {
            continue;
        }
        if j > start + 1
            && let Some(cut) = trailing_clause_cut(v, j, clause_end, !after_colon)
        {
            return cut;
        }
        if second_predicate_at(v, head, j) {
            clause_end = j;
            while clause_end > start + 1 && t[clause_end - 1].is(Flags::COMMA) {
                clause_end -= 1;
            }
            return clause_end;
        }
    }
    clause_end
}

/// Participles that work as prepositions (", including the sections …"): they open a
/// phrase of the content, not a clause of the writer's own.
pub(super) const PREPOSITION_LIKE: [&str; 6] = [
    "including",
    "excluding",
    "regarding",
    "concerning",
    "following",
    "notwithstanding",
];

/// Where content ends when a comma at token `j` (or a closing mark with the comma inside it:
/// `“Women in Power,” answering`) opens a trailing participle clause (", promising to
/// campaign across the country") or a new clause with its own third-person subject (", but
/// he …"), before `end`; with `new_subject`, also ", and <noun phrase> <auxiliary>".
fn trailing_clause_cut(v: &View, j: usize, end: usize, new_subject: bool) -> Option<usize> {
    let t = &v.toks;
    let c = &t[j];
    let cut = if c.is(Flags::COMMA) && !c.quoted() {
        j
    } else if c.is(Flags::QCLOSE) && t[j - 1].is(Flags::COMMA) {
        j + 1
    } else {
        return None;
    };
    if t[j + 1].quoted() {
        return None;
    }
    let but_he =
        j + 2 < end && v.eq(j + 1, "but") && ["he", "she", "they"].iter().any(|w| v.eq(j + 2, w));
    // ", and several governments have passed …": a determiner's noun phrase and an auxiliary
    // after ", and" open a clause of the writer's own.
    let and_new_subject = new_subject
        && j + 3 < end
        && v.eq(j + 1, "and")
        && t[j + 2].is(Flags::DET | Flags::NUM)
        && !t[j + 2].is(Flags::CAP)
        && (j + 3..end.min(j + 8))
            .find(|&k| {
                !t[k].is_word()
                    || t[k].quoted()
                    || t[k].cue.is_some()
                    || t[k].is(Flags::AUX
                        | Flags::VERB
                        | Flags::ED
                        | Flags::CONJ
                        | Flags::PREP
                        | Flags::THAT
                        | Flags::REL)
            })
            .is_some_and(|e| e > j + 3 && t[e].is(Flags::AUX) && !t[e].quoted());
    // "mostly by combining purchasing, closing warehouses and merging offices": an -ing word
    // after a comma continues a list of them that `by` or `of` opened and `and` closes
    // ("accused Emanuel of covering up, delaying, and withholding facts").
    let listed = || {
        let opened = (j.saturating_sub(8)..j).any(|k| {
            k > 0
                && t[k].is(Flags::ING)
                && (v.eq(k - 1, "by") || v.eq(k - 1, "of"))
                && !t[k].quoted()
        });
        let closed = (j + 2..end.min(j + 14)).any(|k| {
            (v.eq(k, "and") || v.eq(k, "or")) && t.get(k + 1).is_some_and(|n| n.is(Flags::ING))
        });
        opened && closed
    };
    // ", clearing the way for …", ", leaving some mothers a three-hour drive": a participle
    // of what the reported event does, not of what the speaker did, goes on with the claim.
    let event_participle =
        t[j + 1].cue.is_none() && EVENT_PARTICIPLES.iter().any(|w| v.eq(j + 1, w));
    let participle = t[j + 1].is(Flags::ING)
        && !PREPOSITION_LIKE.iter().any(|w| v.eq(j + 1, w))
        && !event_participle
        && !listed();
    (participle || but_he || and_new_subject).then_some(cut)
}

/// Participles of what a reported event brings about, which a speaker seldom does while
/// speaking: after a comma they go on with the claim.
const EVENT_PARTICIPLES: [&str; 14] = [
    "clearing",
    "leaving",
    "forcing",
    "affecting",
    "bringing",
    "pushing",
    "raising",
    "cutting",
    "sending",
    "putting",
    "wiping",
    "ending",
    "costing",
    "making",
];

/// Irregular past forms that start a second predicate as an -ed word does (the common
/// verbs of news prose that take an object).
const IRREGULAR_PAST: [&str; 16] = [
    "kept", "left", "held", "made", "took", "gave", "put", "sent", "spent", "began", "went",
    "came", "brought", "won", "lost", "sold",
];

/// True when the `and` or `but` at token `j` starts a second predicate of the cue's subject
/// (", and continued to defend …"): a verb in the tense of the cue's head word `head` follows
/// ("Kasich says he'd sit Putin down and tell him … and tells the crowd"), or any verb after
/// ", and".
fn second_predicate_at(v: &View, head: usize, j: usize) -> bool {
    let t = &v.toks;
    let c = &t[j];
    if c.quoted() || !c.is(Flags::CONJ) || !(v.eq(j, "and") || v.eq(j, "but")) {
        return false;
    }
    let n = &t[j + 1];
    let head_at = head;
    let (head, next) = (v.s(head), v.s(j + 1));
    let same_tense = head.ends_with('s') == next.ends_with('s')
        && (head.ends_with('d') || head.ends_with("te")) == next.ends_with('d');
    // "said the results were solid and kept their rating": an irregular past after a cue in
    // the past tense, as an -ed word is.
    let past_cue = head.ends_with('d') || head.ends_with("te");
    let irregular = past_cue && IRREGULAR_PAST.iter().any(|w| v.eq(j + 1, w));
    // "said it had suspended work …, and had evacuated 200 residents": the content's own
    // auxiliary again continues the reported clause.
    let parallel_aux = n.is(Flags::AUX)
        && (head_at + 1..j).any(|k| !t[k].quoted() && v.s(k).eq_ignore_ascii_case(next));
    let verb = (n.is(Flags::ED) && same_tense
        || irregular
        || n.cue.is_some() && !n.is(Flags::CAP | Flags::ING) && same_tense)
        || (t[j - 1].is(Flags::COMMA)
            && n.is(Flags::VERB | Flags::AUX)
            && !n.is(Flags::CAP)
            && !parallel_aux);
    // "said it had split the committee in two and published every contract": after a
    // perfect or a passive in the content, a bare participle continues that verb.
    let perfect_in_content = !t[j - 1].is(Flags::COMMA)
        && (head_at + 1..j.saturating_sub(1)).any(|k| {
            let mut p = k + 1;
            if p + 1 < j && (t[p].is(Flags::ADVERB_LY) || MID_ADVERBS.iter().any(|w| v.eq(p, w))) {
                p += 1;
            }
            PERFECT_OR_PASSIVE.iter().any(|w| v.eq(k, w))
                && p < j
                && t[p].is_word()
                && !t[p].is(Flags::DET
                    | Flags::PRONOUN
                    | Flags::PREP
                    | Flags::NUM
                    | Flags::THAT
                    | Flags::CONJ
                    | Flags::CAP)
                && !t[k].quoted()
        });
    verb && !n.quoted() && (!perfect_in_content || n.is(Flags::AUX))
}

/// Auxiliaries whose participle a later bare participle can share.
const PERFECT_OR_PASSIVE: [&str; 4] = ["had", "has", "have", "been"];

/// Adverbs that sit between an auxiliary and its participle ("had since split").
const MID_ADVERBS: [&str; 7] = ["since", "already", "also", "just", "not", "never", "now"];

/// A clause of content `[start, end)` extended over a quotation that opens inside it and
/// runs past its end, to the end of the sentence where that quotation closes (in the same
/// paragraph `para`, which ends at `para_end`).
fn extend_over_quotations(
    v: &View,
    start: usize,
    mut end: usize,
    para: u32,
    para_end: usize,
) -> usize {
    let t = &v.toks;
    let mut j = start;
    while j < end {
        if !t[j].is(Flags::QOPEN) {
            j += 1;
            continue;
        }
        let after = v.token_after_region(v.quotation_last(t[j].region));
        if after > end
            && t.get(after.saturating_sub(1))
                .is_some_and(|x| x.para == para)
        {
            end = v
                .sentence_of(after.saturating_sub(1))
                .1
                .min(para_end)
                .max(after);
        }
        j = after.max(j + 1);
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::cues;
    use crate::quotes::layout;
    use crate::quotes::testing::{cue, doc, tok, view};

    /// The content of each frame the cues of `marked` resolve to: its pieces joined by ` | `,
    /// then its kind.
    fn frames(marked: &str) -> Vec<String> {
        let d = doc(marked);
        let v = view(&d);
        let mut out = Vec::new();
        let mut claimed = vec![false; v.regions.len()];
        for &(para_start, para_end) in &v.para_range {
            let mut found = Vec::new();
            cues::find(&v, para_start, para_end, &mut found);
            let mut anchors: Vec<Anchor> = found
                .into_iter()
                .filter_map(|c| layout::anchor(&v, c, para_start))
                .collect();
            resolve(
                &v,
                &mut anchors,
                para_start,
                para_end,
                &mut claimed,
                &mut out,
            );
        }
        out.iter()
            .map(|f| {
                let pieces: Vec<&str> = f.content.iter().map(|p| &v.doc.text[*p]).collect();
                format!("{} [{:?}]", pieces.join(" | "), f.kind)
            })
            .collect()
    }

    #[test]
    fn content_of_each_claim() {
        // (text, content of each claim, why)
        #[rustfmt::skip]
        let cases: &[(&str, &[&str], &str)] = &[
            ("The mayor said the bridge will reopen in May.", &["the bridge will reopen in May [Indirect]"], "to the sentence end"),
            ("The mayor said on Monday that the bridge will reopen.", &["that the bridge will reopen [Indirect]"], "past a time adjunct"),
            ("The mayor told reporters that the bridge will reopen.", &["that the bridge will reopen [Indirect]"], "past the addressee"),
            ("The mayor said the bridge will reopen, adding that tolls will rise.", &["the bridge will reopen [Indirect]", "that tolls will rise [Indirect]"], "a participle cue starts a second claim"),
            ("The label posted a statement on its site saying the tour was off.", &["the tour was off [Indirect]"], "a medium as the object, then the participle that reports it"),
            ("He has denied all of the charges and is free on bail.", &["all of the charges [Indirect]"], "an object, then `and` and an auxiliary"),
            ("The mayor said the bridge will reopen, but he gave no date.", &["the bridge will reopen [Indirect]"], "a new clause with its own subject"),
            ("The mayor said the bridge will reopen and closed the road.", &["the bridge will reopen [Indirect]"], "a second predicate in the cue's tense"),
            ("The firm said it had paid $400 and had offered to pay the rest.", &["it had paid $400 and had offered to pay the rest [Indirect]"], "`and` and a backshifted auxiliary join the content's own second predicate"),
            ("Per the Ledger, the holdouts have signed on, and a vote could come on Thursday.", &["the holdouts have signed on, and a vote could come on Thursday [Indirect]"], "a credit that opens the sentence vouches for all of it"),
            ("The firm said its robot had passed the test, clearing the way for sales.", &["its robot had passed the test, clearing the way for sales [Indirect]"], "a participle of what the event brings about goes on with the claim"),
            ("The firm said it had shut the mine after a slip, and had moved 200 people out.", &["it had shut the mine after a slip, and had moved 200 people out [Indirect]"], "`, and` and the content's own auxiliary again"),
            ("The mayor said she was busy and would not be commenting further.", &["she was busy and would not be commenting further [Indirect]"], "a cue with nothing to report runs on in the content"),
            ("The aides noted the plan had failed, but the mayor declined.", &["the plan had failed [Indirect]"], "unless it has a subject of its own"),
            ("The mayor said the “new” bridge will reopen.", &["the “new” bridge will reopen [Mixed]"], "a quotation inside the clause"),
            ("The mayor said “we will rebuild” and left.", &["we will rebuild [Direct]"], "the quotation is the whole content"),
            ("The mayor said:\n\n“We will rebuild.”", &["We will rebuild. [Direct]"], "a colon ends the paragraph"),
            ("The mayor asked residents at the meeting: “Who will pay?”", &["Who will pay? [Direct]"], "an object and an adjunct before a colon that opens a quotation"),
            ("The bridge will reopen, the mayor said.", &["The bridge will reopen [Indirect]"], "the clause before"),
            ("The bridge, the mayor said, will reopen in May.", &["The bridge | will reopen in May [Indirect]"], "an interrupted clause"),
            ("“We will rebuild,” the mayor said.", &["We will rebuild, [Direct]"], "the quotation before"),
            ("The minister “looked tired,” the mayor said.", &["The minister “looked tired, [Mixed]"], "a quotation opening inside its clause"),
            ("The mayor will not seek a third term, according to the Ledger.", &["The mayor will not seek a third term [Indirect]"], "a cue inside the clause that a credit claims is nested"),
            ("The Ledger reported on Monday, citing two officials, that the bypass will open.", &["that the bypass will open [Indirect]"], "an aside on whom the report cites"),
            ("As the mayor put it in March, the bypass will open.", &["the bypass will open [Indirect]"], "a credit after `as`, its adjunct closed by a comma"),
            ("Road update: the bypass will open in May, according to the Ledger.", &["the bypass will open in May [Indirect]"], "a topic label before a colon is no content"),
            ("The message was plain: the bypass will open, the mayor said.", &["The message was plain: the bypass will open [Indirect]"], "a clause before the colon stays"),
            ("The mayor said the talks began in March and a deal could be announced soon.", &["the talks began in March and a deal could be announced soon [Indirect]"], "a passive of a thing in a coordinate clause cuts nothing"),
            ("The firm said it would leave the region if the new tax was approved.", &["it would leave the region if the new tax was approved [Indirect]"], "nor in a subordinate one"),
            // Near misses.
            ("The mayor said the clerk said no.", &["the clerk said no [Indirect]"], "a nested cue is dropped"),
            ("Nothing the mayor said “will help,” the clerk said.", &["will help, [Direct]"], "the quotation belongs to the later cue"),
        ];
        for (input, want, why) in cases {
            assert_eq!(frames(input), *want, "{input:?} ({why})");
        }
    }

    #[test]
    fn where_content_starts_after_the_cue() {
        // (text, cue head, first content token, why)
        #[rustfmt::skip]
        let cases: &[(&str, &str, &str, &str)] = &[
            ("She said Tuesday that it was over.", "said", "that", "a time adjunct"),
            ("She said in a statement on Tuesday that it was over.", "said", "that", "a prepositional adjunct before `that`"),
            ("She said after the vote that it was over.", "said", "that", "`after` opens an adjunct before `that`"),
            ("She said after the vote ended it was over.", "said", "after", "`after` opening a clause is content"),
            ("She told reporters at the hall that it was over.", "told", "that", "the addressee and an adjunct"),
            ("She told reporters the plan failed.", "told", "the", "after the addressee's phrase"),
            ("She said, “It is over.”", "said", "“", "past the comma"),
            ("She said only: “It is over.”", "said", "“", "past one lowercase word and the colon"),
            ("She wrote to parents: “It is over.”", "wrote", "“", "past an adjunct and its colon"),
            // Near miss.
            ("She said in May the plan failed.", "said", "in", "no `that` after the adjunct"),
        ];
        for (input, head, want, why) in cases {
            let d = doc(input);
            let v = view(&d);
            let c = cue(&v, head);
            let a = layout::anchor(&v, c, 0).expect("an anchor");
            let got = content_after_cue(&v, &a, c.end, v.sentence_of(c.head).1);
            assert_eq!(got, tok(&v, want), "{input} ({why})");
        }
    }

    #[test]
    fn second_predicate_of_the_subject() {
        // (text, cue head, a second predicate starts at `and`/`but`, why)
        #[rustfmt::skip]
        let cases: &[(&str, &str, bool, &str)] = &[
            ("She said the plan failed and thanked the crews.", "said", true, "a past verb after a past cue"),
            ("She says the plan works and insists it will last.", "says", true, "a cue verb in the same tense"),
            ("She said the plan failed, and was dropped.", "said", true, "an auxiliary after a comma and `and`"),
            ("She said the crew had mended the pier and painted it.", "said", false, "a participle that shares the content's perfect"),
            // Near misses.
            ("She said the plan failed and the crews left.", "said", false, "a new subject"),
            ("She says the plan failed and collapsed.", "says", false, "the tense differs from the cue's"),
        ];
        for (input, head, want, why) in cases {
            let d = doc(input);
            let v = view(&d);
            let conj = (0..v.toks.len())
                .find(|&i| v.eq(i, "and") || v.eq(i, "but"))
                .expect("a conjunction");
            assert_eq!(
                second_predicate_at(&v, tok(&v, head), conj),
                *want,
                "{input} ({why})"
            );
        }
    }

    #[test]
    fn trailing_clause_ends_content() {
        // (text, token before the clause, where content ends, why)
        #[rustfmt::skip]
        let cases: &[(&str, &str, &str, &str)] = &[
            ("She said the plan failed, adding that it cost too much.", ",", ",", "a trailing participle"),
            ("She said the plan failed, but he disagreed.", ",", ",", "a new clause with a third-person subject"),
            ("She called it “a waste,” adding that it cost too much.", "”", "adding", "the comma inside the closing mark"),
            // Near misses.
            ("She said the plan failed, but critics disagreed.", ",", "-", "a subject that is no pronoun"),
            ("She said the plan failed, and left.", ",", "-", "no participle"),
            ("She said they cut costs by closing depots, selling trucks and merging offices.", ",", "-", "a list of -ing words after `by`"),
        ];
        for (input, at, want, why) in cases {
            let d = doc(input);
            let v = view(&d);
            let got = trailing_clause_cut(&v, tok(&v, at), v.toks.len(), true)
                .map_or("-".into(), |cut| v.s(cut).to_string());
            assert_eq!(got, *want, "{input} ({why})");
        }
    }

    #[test]
    fn a_quotation_as_the_whole_content() {
        // (text, the quotation is the whole content, why)
        #[rustfmt::skip]
        let cases: &[(&str, bool, &str)] = &[
            ("She said “we will rebuild.”", true, "the paragraph ends after it"),
            ("She said “we will rebuild” and left.", true, "a conjunction follows"),
            ("She said “we will rebuild”, then left.", true, "punctuation follows"),
            ("She told us “we will rebuild” every Friday.", true, "a time adjunct follows"),
            // Near miss.
            ("She said “we” will rebuild.", false, "the clause goes on after it"),
        ];
        for (input, want, why) in cases {
            let d = doc(input);
            let v = view(&d);
            let open = tok(&v, "“");
            let got = quotation_as_content(&v, open, 0, v.toks.len()).is_some();
            assert_eq!(got, *want, "{input} ({why})");
        }
    }
}

//! Frames: how a cue, its source and its content sit in a sentence, and where the content is.
//!
//! For each cue the layout is one of:
//! - **quote before**: `“…,” said X` / `“…,” X said` — the content is the quotation (and its
//!   continuation over paragraphs) that ends right before;
//! - **clause before**: `CLAUSE, X said.` / `CLAUSE, according to X.` — the content runs from
//!   the sentence start to the comma; an interrupting attribution (`A, she said, B`) makes two
//!   pieces;
//! - **after**: `X said (that) CLAUSE`, `X told reporters: “…”`, `According to X, CLAUSE`,
//!   `…, saying CLAUSE` — the content runs from after the cue (and the addressee of *told*) to
//!   the sentence end, or is the quotation that opens there, or the quoted paragraph that
//!   follows a colon at a paragraph end.
//!
//! A quotation that opens inside its clause (`the minister “looked ashen,” he said`) takes
//! the clause with it and makes a mixed quote; one that reads like a title (`“Face the
//! Nation”`) is not a quote unless it opens its sentence with a comma inside the marks.
//!
//! Content that runs to the sentence end stops earlier:
//! - at the clause boundary before another attribution; a cue found inside another claim's
//!   content with no boundary in between is nested and dropped (PolNeAR annotates the outer
//!   claim only), and a quotation claimed by a later `“…,” X said` is left to it;
//! - at a trailing participle clause (`, promising to …`), a new clause with its own
//!   third-person subject (`, but he …`), or a second predicate in the cue's tense
//!   (`…, and continued to …`);
//! - after [`MAX_CLAUSE`] tokens, which keeps run-on text without sentence marks linear.

use super::attribution::{
    clause_boundary, clause_follows, clause_subject, np_right_core, skip_adjunct_left,
    source_according, source_left, source_right, source_right_extended,
};
use super::cues::Cue;
use super::direct::NO_REGION;
use super::words::{
    ADVERB_LY, AUX, BOUNDARY, CAP, COLON, COMMA, CONJ, CueClass, DASH, ED, FINAL, ING, INV, LPAREN,
    OBJ_PRONOUN, PREP, PRONOUN, QCLOSE, QOPEN, REL, ROLE, SEMI, SENT_START, THAT, TIME, VERB, View,
};
use crate::doc::{QuoteKind, Span};

/// The longest stretch of unquoted content, in tokens, that one claim may take: real
/// sentences are far shorter, and the cap keeps run-on text (no sentence marks at all)
/// linear.
pub const MAX_CLAUSE: usize = 200;

/// Where the content of a claim lies relative to its cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// The quotation group whose last region is this one ends right before.
    QuoteBefore(u32),
    /// Tokens `[a, b)` before the cue, and optionally a second piece from `resume` on.
    ClauseBefore {
        /// First content token.
        a: usize,
        /// One past the last content token.
        b: usize,
        /// Where a second piece starts, after an interrupting attribution.
        resume: Option<usize>,
    },
    /// Content starts at token `from`.
    After {
        /// First token after the cue.
        from: usize,
    },
}

/// A cue with its source and layout, before content is resolved.
#[derive(Debug, Clone, Copy)]
pub struct Anchor {
    /// The cue phrase.
    pub cue: Cue,
    /// Source token range.
    pub source: Option<(usize, usize)>,
    /// Where the content is.
    pub layout: Layout,
    /// First token of source or cue.
    pub first: usize,
    /// One past the last token of source or cue.
    pub last: usize,
}

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
    /// First token of the frame.
    pub first_tok: usize,
    /// Index of the frame whose speaker this one takes, if inherited.
    pub inherited_from: Option<usize>,
    /// Paragraph index.
    pub para: u32,
}

/// The region (quotation part) closing right before token `k`: `…”` or `…”,`.
pub fn quote_before(v: &View, k: usize, lo: usize) -> Option<u32> {
    let t = &v.toks;
    let mut j = k;
    if j > lo && t[j - 1].is(COMMA) && !t[j - 1].quoted() {
        j -= 1;
    }
    (j > lo && t[j - 1].is(QCLOSE)).then(|| t[j - 1].region)
}

/// Decides the layout of one cue in paragraph tokens `[p0, p1)`.
pub fn anchor(v: &View, cue: Cue, p0: usize, _p1: usize) -> Option<Anchor> {
    let t = &v.toks;
    let (s0, s1) = v.sentence_of(cue.head);
    let s0 = s0.max(p0);
    // A quotation that ends its own sentence (`…now.” He added, “…”`) belongs to what came
    // before when another quotation follows the cue.
    let quote_after = {
        let mut e = cue.end;
        if e < t.len() && t[e].is(COMMA | COLON) && !t[e].quoted() {
            e += 1;
        }
        e < t.len() && t[e].is(QOPEN) && t[e].para == t[cue.head].para
    };
    // `“…,” he told the packed hall, where …`: a quotation that opens its sentence and ends
    // with a comma inside the marks is attributed by what follows, whatever comes after.
    let strong = |r: u32| {
        let reg = &v.regions[r as usize];
        let open = v.doc.token_at(reg.open.start);
        v.doc.text[reg.content].ends_with(',')
            && open < t.len()
            && (t[open].is(SENT_START) || open > 0 && t[open - 1].is(FINAL | QCLOSE))
    };
    let qb_ok = |r: u32| {
        let c = &v.doc.text[v.regions[r as usize].content];
        !(quote_after && c.ends_with('.')) && (strong(r) || !super::direct::looks_like_title(c))
    };
    let qb = quote_before(v, cue.start, p0).filter(|&r| qb_ok(r));
    let make = |source: Option<(usize, usize)>, layout| {
        let (mut first, mut last) = (cue.start, cue.end);
        if let Some((a, b)) = source {
            first = first.min(a);
            last = last.max(b);
        }
        Some(Anchor {
            cue,
            source,
            layout,
            first,
            last,
        })
    };
    match cue.entry.class {
        CueClass::According => {
            let (a, b) = source_according(v, cue.end, s1)?;
            let at_start = cue.start == s0 || t[cue.start - 1].is(BOUNDARY | COMMA);
            if b + 1 < s1 && t[b].is(COMMA) && cue.start == s0 {
                return make(Some((a, b)), Layout::After { from: b + 1 });
            }
            if let Some(r) = qb {
                return make(Some((a, b)), Layout::QuoteBefore(r));
            }
            if cue.start > s0 {
                let cb = if t[cue.start - 1].is(COMMA) {
                    cue.start - 1
                } else {
                    cue.start
                };
                let resume = (b + 1 < s1 && t[b].is(COMMA)).then_some(b + 1);
                if cb > s0 {
                    return make(
                        Some((a, b)),
                        Layout::ClauseBefore {
                            a: s0,
                            b: cb,
                            resume,
                        },
                    );
                }
            }
            if at_start && b + 1 < s1 && t[b].is(COMMA) {
                return make(Some((a, b)), Layout::After { from: b + 1 });
            }
            None
        }
        CueClass::Participle => {
            if cue.start == s0 {
                return None;
            }
            // The nearest subject pronoun before it ("... even as he defended her, saying"),
            // else the clause's first noun phrase.
            let pron = (s0.max(cue.start.saturating_sub(40))..cue.start)
                .rev()
                .find(|&k| t[k].is(PRONOUN) && !t[k].quoted() && !v.eq(k, "it"));
            let src = match pron {
                Some(k) => (k, k + 1),
                None => clause_subject(v, s0, cue.start)?,
            };
            // The subject is borrowed from the clause: the participle's own place is the cue.
            Some(Anchor {
                cue,
                source: Some(src),
                layout: Layout::After { from: cue.end },
                first: cue.start,
                last: cue.end,
            })
        }
        CueClass::Verb => {
            let after_comma = cue.start > s0 && t[cue.start - 1].is(COMMA);
            let left = source_left(v, cue.start, s0);
            // "He brought up the bombing and later said, ...": the clause's subject, borrowed
            // from afar (the anchor's own place is the cue, as for participles).
            if left.is_none() && qb.is_none() && cue.start > s0 {
                let p = &t[cue.start - 1];
                if p.is(CONJ)
                    && (v.eq(cue.start - 1, "and") || v.eq(cue.start - 1, "but"))
                    && let Some(src) = clause_subject(v, s0, cue.start - 1)
                {
                    return Some(Anchor {
                        cue,
                        source: Some(src),
                        layout: Layout::After { from: cue.end },
                        first: cue.start,
                        last: cue.end,
                    });
                }
            }
            let inv = t[cue.head].is(INV);
            // "Said Comey, “...”": an inverted cue opening its sentence.
            if inv
                && cue.start == s0
                && left.is_none()
                && let Some((a, b)) = source_right(v, cue.end, s1)
                && b + 1 < s1
                && t[b].is(COMMA | COLON)
            {
                return make(Some((a, b)), Layout::After { from: b + 1 });
            }
            // `“…,” Smith said Tuesday`: a source between the quotation and the cue wins over
            // what follows the cue.
            let tsc = left.is_some_and(|(a, _)| quote_before(v, a, p0).is_some());
            if inv && !tsc && (qb.is_some() || (after_comma && left.is_none())) {
                let right = if qb.is_some() {
                    source_right_extended(v, cue.end, s1)
                } else {
                    source_right(v, cue.end, s1)
                };
                if let Some((a, b)) = right {
                    if let Some(r) = qb {
                        return make(Some((a, b)), Layout::QuoteBefore(r));
                    } else if cue.start - 1 > s0 + 1 {
                        let final_end = b >= s1 || t[b].is(FINAL);
                        let mid = b + 1 < s1 && t[b].is(COMMA);
                        if final_end || mid {
                            return make(
                                Some((a, b)),
                                Layout::ClauseBefore {
                                    a: s0,
                                    b: cue.start - 1,
                                    resume: mid.then_some(b + 1),
                                },
                            );
                        }
                    }
                }
            }
            let (a, b) = left?;
            if let Some(r) = quote_before(v, a, p0).filter(|&r| qb_ok(r)) {
                // `“…,” X said` — unless a clause follows the cue, which makes the quotation
                // before it a title or a phrase of another sentence part.
                let mut e = cue.end;
                if cue.entry.addressee && e < s1 {
                    e = if t[e].is(OBJ_PRONOUN) {
                        e + 1
                    } else {
                        np_right_core(v, e, s1).unwrap_or(e)
                    };
                }
                // A quotation that ends its own sentence (`… hour.” The chief executive said in
                // a statement that …`) is not this cue's content when `that` follows.
                let ends_sentence = v.doc.text[v.regions[r as usize].content].ends_with('.');
                let that_follows = ends_sentence
                    && (e..s1.min(e + 10))
                        .take_while(|&j| !t[j].is(FINAL | QOPEN) && !t[j].quoted())
                        .any(|j| t[j].is(THAT));
                if !that_follows && (strong(r) || !clause_follows(v, e, s1)) {
                    return make(Some((a, b)), Layout::QuoteBefore(r));
                }
            }
            if a > s0 + 1 && t[a - 1].is(COMMA) {
                let e = cue.end;
                let colon = t[e - 1].is(COLON);
                // "…, he said in an interview on Saturday.": only an adjunct after the cue.
                let adjunct_to_end = e < s1
                    && t[e].is(PREP | TIME)
                    && s1 - e <= 12
                    && (e..s1).all(|j| {
                        !t[j].quoted()
                            && !t[j].is(THAT | QOPEN | VERB | COMMA)
                            && t[j].cue.is_none()
                    });
                let final_end = (e >= s1 && !colon) || (e < s1 && t[e].is(FINAL)) || adjunct_to_end;
                // "These sources, the lawyers said, “all command ...”" — but not "In Iowa,
                // Trump said, “...”", where the part before is an adjunct.
                let subject_before = (s0..a - 1)
                    .rev()
                    .find(|&k| t[k].is(COMMA) && !t[k].quoted())
                    .map_or(s0, |c| c + 1);
                let adjunct = t[subject_before].is(PREP | ADVERB_LY | TIME);
                let mid = e + 1 < s1 && t[e].is(COMMA) && (!t[e + 1].is(QOPEN) || !adjunct);
                if final_end && a > s0 + 3 || mid {
                    return make(
                        Some((a, b)),
                        Layout::ClauseBefore {
                            a: s0,
                            b: a - 1,
                            resume: mid.then_some(e + 1),
                        },
                    );
                }
            }
            make(Some((a, b)), Layout::After { from: cue.end })
        }
    }
}

/// The region group that `r` belongs to: its regions in order (over paragraphs).
pub fn group(v: &View, r: u32) -> Vec<u32> {
    let Some(&first) = v.group_first.get(r as usize) else {
        return vec![r];
    };
    let mut out = vec![first];
    let mut cur = first as usize;
    while let Some(reg) = v.regions.get(cur) {
        let next = reg.next as usize;
        if reg.next == NO_REGION || next <= cur {
            break;
        }
        cur = next;
        out.push(reg.next);
    }
    out
}

/// The last region of the quotation that `r` belongs to.
pub fn group_last(v: &View, r: u32) -> u32 {
    v.group_last.get(r as usize).copied().unwrap_or(r)
}

/// The first token after the end of region `r`.
pub fn token_after_region(v: &View, r: u32) -> usize {
    let end = v.regions[r as usize].outer.end;
    v.doc.token_at(end)
}

/// Skips a time adjunct starting at `k` ("Tuesday", "on Tuesday", "last week").
fn skip_adjunct_right(v: &View, mut k: usize, hi: usize) -> usize {
    let t = &v.toks;
    let start = k;
    if k < hi
        && (v.eq(k, "on") || v.eq(k, "last") || v.eq(k, "this"))
        && k + 1 < hi
        && t[k + 1].is(TIME)
    {
        k += 1;
    }
    while k < hi && t[k].is(TIME) && !t[k].is(THAT) && !v.eq(k, "this") {
        k += 1;
    }
    if k == start + 1 && (v.eq(start, "on") || v.eq(start, "last")) {
        return start;
    }
    k
}

/// Resolves the content of every anchor of one paragraph `[p0, p1)` into frames.
///
/// `claimed` has one flag per region: set for the regions that frames take as content.
pub fn resolve(
    v: &View,
    anchors: &mut [Anchor],
    p0: usize,
    p1: usize,
    claimed: &mut [bool],
    out: &mut Vec<Frame>,
) {
    let t = &v.toks;
    // Where each anchor's claim starts: the quotation for a quote-before layout.
    let claim_start = |a: &Anchor| match a.layout {
        Layout::QuoteBefore(r) => {
            let g0 = v.group_first.get(r as usize).copied().unwrap_or(r);
            v.doc
                .token_at(v.regions[g0 as usize].outer.start)
                .min(a.first)
        }
        _ => a.first,
    };
    anchors.sort_by_key(|a| claim_start(a));
    // A participle takes the source of the attribution before it in its sentence
    // ("Hollande said Tuesday, noting ...").
    for i in 1..anchors.len() {
        if anchors[i].cue.entry.class != CueClass::Participle {
            continue;
        }
        let sent = t[anchors[i].cue.head].sent;
        let prev = anchors[i.saturating_sub(16)..i].iter().rev().find(|p| {
            t[p.cue.head].sent == sent
                && p.source.is_some()
                && p.cue.entry.class != CueClass::Participle
                && p.cue.start < anchors[i].cue.start
        });
        if let Some(p) = prev {
            anchors[i].source = p.source;
        }
    }
    let mut dead = vec![false; anchors.len()];
    // After-content ends: start as the sentence end; cut or nest by later anchors.
    let mut ends: Vec<usize> = anchors
        .iter()
        .map(|a| v.sentence_of(a.cue.head).1.min(p1))
        .collect();
    for i in 0..anchors.len() {
        if dead[i] {
            continue;
        }
        let from = match anchors[i].layout {
            Layout::After { from } => Some(from),
            Layout::ClauseBefore {
                resume: Some(r), ..
            } => Some(r),
            _ => None,
        };
        if let Some(from) = from {
            ends[i] = ends[i].min(from + MAX_CLAUSE);
            // Content is at most MAX_CLAUSE tokens long: only the next few anchors can fall
            // inside it (the bound keeps a run-on paragraph of cues linear).
            for j in i + 1..anchors.len().min(i + 64) {
                if dead[j] {
                    continue;
                }
                let f = claim_start(&anchors[j]);
                if f >= ends[i] {
                    break;
                }
                if f < from {
                    continue;
                }
                let quote = matches!(anchors[j].layout, Layout::QuoteBefore(_));
                if quote && f <= from + 1 {
                    // "Nothing the president said “will help,” the senator said": the
                    // quotation belongs to the attribution after it.
                    dead[i] = true;
                    break;
                }
                // "responded by calling Alwaleed “dopey”": a participle cue after `by`.
                let by = anchors[j].cue.entry.class == CueClass::Participle
                    && ["by", "while", "after", "before"]
                        .iter()
                        .any(|w| v.eq(f - 1, w));
                if f > from + 1 && (quote || by || clause_boundary(v, f - 1)) {
                    ends[i] = f - 1;
                    // Trim trailing ", and".
                    while ends[i] > from
                        && !t[ends[i] - 1].quoted()
                        && clause_boundary(v, ends[i] - 1)
                    {
                        ends[i] -= 1;
                    }
                    break;
                }
                dead[j] = true;
            }
        }
    }
    let mut last_end_in_sentence: Option<(u32, usize)> = None;
    for (i, a) in anchors.iter().enumerate() {
        if dead[i] {
            continue;
        }
        let sent = t[a.cue.head].sent;
        let prev_end = match last_end_in_sentence {
            Some((s, e)) if s == sent => Some(e),
            _ => None,
        };
        let frame = match a.layout {
            Layout::QuoteBefore(r) => {
                let first = v.group_first.get(r as usize).copied().unwrap_or(r);
                let g = if claimed.get(first as usize).copied().unwrap_or(true) {
                    Vec::new()
                } else {
                    group(v, r)
                };
                if g.is_empty() || g.iter().any(|&x| claimed[x as usize]) {
                    None
                } else {
                    let mut content: Vec<Span> =
                        g.iter().map(|&x| v.regions[x as usize].content).collect();
                    let open_tok = v.doc.token_at(v.regions[g[0] as usize].outer.start);
                    let mut first_tok = open_tok;
                    let mut kind = QuoteKind::Direct;
                    // A quotation that starts inside its clause ("the minister ''looked
                    // ashen,'' he said"): the content is the whole clause, a mixed quote.
                    if let Some(cs) = clause_start_before(v, open_tok, p0)
                        && cs < open_tok
                    {
                        first_tok = cs;
                        kind = QuoteKind::Mixed;
                        let start = v.toks[cs].span.start;
                        content[0] = Span::new(start, content[0].end);
                    }
                    Some(Frame {
                        cue: Some((a.cue.start, a.cue.end)),
                        cue_weight: a.cue.entry.weight,
                        source: a.source,
                        content,
                        regions: g,
                        kind,
                        end_tok: a.last,
                        first_tok,
                        inherited_from: None,
                        para: t[a.cue.head].para,
                    })
                }
            }
            Layout::ClauseBefore {
                a: ca,
                b: cb,
                resume,
            } => {
                let mut ca = prev_end
                    .map_or(ca, |e| ca.max(e))
                    .max(cb.saturating_sub(MAX_CLAUSE));
                if resume.is_some() {
                    // "The two nations, Xi said, now have ...": the subject after the last
                    // comma starts the first piece.
                    if let Some(c) = (ca..cb).rev().find(|&k| t[k].is(COMMA) && !t[k].quoted()) {
                        ca = c + 1;
                    }
                }
                let mut pieces = Vec::new();
                if let Some(p) = clause_piece(v, ca, cb) {
                    pieces.push(p);
                }
                let mut end_tok = a.last;
                if let Some(r) = resume {
                    let e = ends[i].min(p1).max(r);
                    if let Some(p) = clause_piece(v, r, e) {
                        pieces.push(p);
                        end_tok = e;
                    }
                }
                if pieces.is_empty() || (cb.saturating_sub(ca) < 2 && resume.is_none()) {
                    None
                } else {
                    Some(clause_frame(v, a, pieces, ca, end_tok))
                }
            }
            Layout::After { from } => after_frame(v, a, from, ends[i], p1),
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
    if p.is(COLON | DASH | QCLOSE | LPAREN) || p.cue.is_some() && !p.is(CAP) {
        return None;
    }
    if p.is(COMMA) && open >= s0 + 2 && t[open - 2].cue.is_some() {
        return None;
    }
    let mut k = open;
    while k > s0 {
        let q = &t[k - 1];
        let and_or = v.eq(k - 1, "and") || v.eq(k - 1, "or");
        if q.is(COMMA | SEMI | DASH | COLON | QCLOSE | FINAL)
            || (q.is(CONJ) && !q.is(CAP) && !and_or)
        {
            break;
        }
        k -= 1;
    }
    (k < open && open - k >= 2).then_some(k)
}

/// Byte span of tokens `[a, b)` without edge punctuation that is not a quotation mark.
fn clause_piece(v: &View, mut a: usize, mut b: usize) -> Option<Span> {
    let t = &v.toks;
    while a < b && t[a].is(COMMA | SEMI | COLON | FINAL) && !t[a].quoted() {
        a += 1;
    }
    while b > a && t[b - 1].is(COMMA | SEMI | COLON | FINAL) && !t[b - 1].quoted() {
        b -= 1;
    }
    (b > a).then(|| v.span(a, b))
}

fn regions_in(v: &View, a: usize, b: usize) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for k in a..b {
        let r = v.toks[k].region;
        if r != NO_REGION && out.last() != Some(&r) {
            out.push(r);
        }
    }
    out
}

fn clause_frame(
    v: &View,
    a: &Anchor,
    pieces: Vec<Span>,
    first_tok: usize,
    end_tok: usize,
) -> Frame {
    let lo = v.doc.token_at(pieces[0].start);
    let hi = v.doc.token_at(pieces[pieces.len() - 1].end);
    let regions = regions_in(v, lo, hi);
    let kind = if regions.is_empty() {
        QuoteKind::Indirect
    } else {
        QuoteKind::Mixed
    };
    Frame {
        cue: Some((a.cue.start, a.cue.end)),
        cue_weight: a.cue.entry.weight,
        source: a.source,
        content: pieces,
        regions,
        kind,
        end_tok,
        first_tok,
        inherited_from: None,
        para: v.toks[a.cue.head].para,
    }
}

fn after_frame(v: &View, a: &Anchor, from: usize, end: usize, p1: usize) -> Option<Frame> {
    let t = &v.toks;
    let (_, s1) = v.sentence_of(a.cue.head);
    let s1 = s1.min(p1);
    let mut k = skip_adjunct_right(v, from, s1);
    // "said in a statement Wednesday that ...", "saying at a campaign event last week that":
    // a prepositional adjunct before `that`.
    if k < s1 && t[k].is(PREP) && !t[k].quoted() {
        // (commas allowed: "said during a town hall in Buffalo, New York, that ...")
        let ahead = (k + 1..s1.min(k + 20))
            .find(|&j| t[j].is(THAT | QOPEN | FINAL) || t[j].cue.is_some() || t[j].is(VERB));
        if let Some(j) = ahead
            && t[j].is(THAT)
        {
            k = j;
        }
    }
    if a.cue.entry.addressee && k < s1 && !t[k].is(THAT | QOPEN | COLON) {
        // "told customers at a diner that ...": the content starts at `that`, a colon or a
        // quotation not far ahead; otherwise after the addressee.
        let ahead = (k..s1.min(k + 16))
            .find(|&j| t[j].is(THAT | COLON | QOPEN) || t[j].cue.is_some() && !t[j].is(CAP));
        match ahead {
            Some(j) if t[j].is(THAT | COLON) => k = j,
            _ => {
                if let Some(e) = np_right_core(v, k, s1)
                    && e < s1
                {
                    k = skip_adjunct_right(v, e, s1);
                }
            }
        }
    }
    if k < s1 && t[k].is(COLON | COMMA) && !t[k].quoted() {
        k += 1;
    }
    let para = t[a.cue.head].para;
    let base = |content: Vec<Span>, regions: Vec<u32>, kind, end_tok| Frame {
        cue: Some((a.cue.start, a.cue.end)),
        cue_weight: a.cue.entry.weight,
        source: a.source,
        content,
        regions,
        kind,
        end_tok,
        first_tok: a.first,
        inherited_from: None,
        para,
    };
    // Colon at the paragraph end: the quotation opening the next paragraph.
    if k >= p1 || (k >= s1 && t[k - 1].is(COLON)) {
        if k < t.len() && t[k].is(QOPEN) && t[k].para != para {
            let g = group(v, t[k].region);
            let content = g.iter().map(|&x| v.regions[x as usize].content).collect();
            let end_tok = token_after_region(v, *g.last().unwrap_or(&t[k].region));
            return Some(base(content, g, QuoteKind::Direct, end_tok));
        }
        return None;
    }
    if k >= end && !t.get(k).is_some_and(|x| x.is(QOPEN)) {
        return None;
    }
    if t[k].is(QOPEN) {
        let g = group(v, t[k].region);
        let last = *g.last().unwrap_or(&t[k].region);
        let after = token_after_region(v, last);
        // The quotation is the content unless the clause goes on after it (`said “we” will`).
        let direct = after >= p1
            || g.len() > 1
            || after >= t.len()
            || t[after].para != para
            || !t[after].is_word()
            || t[after].is(CAP | CONJ | PREP | TIME | ING | ADVERB_LY | BOUNDARY | REL | THAT);
        if direct {
            let content = g.iter().map(|&x| v.regions[x as usize].content).collect();
            return Some(base(content, g, QuoteKind::Direct, after));
        }
    }
    // A clause: to the end, extended over a quotation that runs past the sentence end, but
    // not over a second predicate of the same subject (", and continued to defend ...").
    let mut e = end.max(k).min(k + MAX_CLAUSE);
    for j in k + 1..e.saturating_sub(1) {
        let c = &t[j];
        // A comma, or a closing mark with the comma inside it (`“Women in Power,” answering`):
        // the content would end at `cut`.
        let cut = if c.is(COMMA) && !c.quoted() {
            Some(j)
        } else if c.is(QCLOSE) && t[j - 1].is(COMMA) {
            Some(j + 1)
        } else {
            None
        };
        if let Some(cut) = cut
            && j > k + 1
            && !t[j + 1].quoted()
        {
            // ", promising to campaign across the country": a trailing participle clause;
            // ", but he ...": a new clause with its own third-person subject.
            let but_he = j + 2 < e
                && v.eq(j + 1, "but")
                && ["he", "she", "they"].iter().any(|w| v.eq(j + 2, w));
            if t[j + 1].is(ING) || but_he {
                e = cut;
                break;
            }
        }
        if c.quoted() || !c.is(CONJ) || !(v.eq(j, "and") || v.eq(j, "but")) {
            continue;
        }
        let n = &t[j + 1];
        // "Kasich says he'd sit Putin down and tell him ... and tells the crowd": only a verb
        // in the cue's own tense starts a second predicate.
        let head = v.s(a.cue.head);
        let next = v.s(j + 1);
        let same_tense = head.ends_with('s') == next.ends_with('s')
            && (head.ends_with('d') || head.ends_with("te")) == next.ends_with('d');
        let verb = (n.is(ED) && same_tense || n.cue.is_some() && !n.is(CAP | ING) && same_tense)
            || (t[j - 1].is(COMMA) && n.is(VERB | AUX) && !n.is(CAP));
        if verb && !n.quoted() {
            e = j;
            while e > k + 1 && t[e - 1].is(COMMA) {
                e -= 1;
            }
            break;
        }
    }
    let mut j = k;
    while j < e {
        if t[j].is(QOPEN) {
            let last = group_last(v, t[j].region);
            let after = token_after_region(v, last);
            if after > e
                && t.get(after.saturating_sub(1))
                    .is_some_and(|x| x.para == para)
            {
                e = v.sentence_of(after.saturating_sub(1)).1.min(p1).max(after);
            }
            j = after.max(j + 1);
            continue;
        }
        j += 1;
    }
    // Content that is only a pronoun or a function word is not a claim worth reporting.
    let piece = clause_piece(v, k, e)?;
    if e - k == 1 && t[k].is(PRONOUN | BOUNDARY) {
        return None;
    }
    let regions = regions_in(v, k, e);
    let kind = if regions.is_empty() {
        QuoteKind::Indirect
    } else {
        QuoteKind::Mixed
    };
    Some(base(vec![piece], regions, kind, e))
}

/// The source for a quotation with no cue of its own: `“…” — Name` after it.
pub fn dash_source(v: &View, after: usize, p1: usize) -> Option<(usize, usize, usize)> {
    let t = &v.toks;
    if after >= p1 || !t[after].is(super::words::DASH) {
        return None;
    }
    let (a, b) = source_right(v, after + 1, p1)?;
    super::attribution::name_like(&t[a]).then_some((after, a, b))
}

/// The source on a signature line: a quotation that closes its paragraph, then a paragraph
/// that is only a dash and a name (`“…”` / `— Mayor Ann Cole, after the vote.`), as pull
/// quotes and reader comments are set. `next` is that paragraph's token range.
pub fn signature_source(
    v: &View,
    after: usize,
    p1: usize,
    next: (usize, usize),
) -> Option<(usize, usize, usize)> {
    let (q0, q1) = next;
    // Only a final stop may stand between the closing mark and the paragraph end.
    if (after..p1).any(|j| !v.toks[j].is(FINAL)) || q1 <= q0 + 1 {
        return None;
    }
    // A short line: the name and perhaps an aside (`-Ann Cole, speaking after the vote.`),
    // not a list item (`- The budget grows.`).
    if q1 - q0 > 24 || (q0..q1).any(|j| v.toks[j].is(QOPEN) || v.toks[j].quoted()) {
        return None;
    }
    let (dash, a, b) = dash_source(v, q0, q1)?;
    (b >= q1 || v.toks[b].is(COMMA | FINAL)).then_some((dash, a, b))
}

/// The source for a quotation led by a colon with no cue verb: `Trump on Twitter: “…”`.
///
/// Returns the cue token range and the source. With a bare phrase before the colon the cue is
/// the colon; with a short predicate (`Linda Cho was blunt: “…”`) the cue is the predicate
/// and the colon, as PolNeAR marks it (`called them on it:`).
///
/// `p0` is the first token of the paragraph that holds the colon: the quotation's own, or the
/// one before when the colon ends it (`Transcript as follows:` / `“…”`).
pub fn colon_source(v: &View, open: usize, p0: usize) -> Option<((usize, usize), (usize, usize))> {
    let t = &v.toks;
    if open <= p0 + 1 || !t[open - 1].is(COLON) || t[open - 1].quoted() {
        return None;
    }
    let colon = open - 1;
    let (s0, _) = v.sentence_of(colon);
    let lo = s0.max(p0);
    let e = skip_adjunct_left(v, colon, lo);
    // "According to the Ledger: “…”"
    if e > lo + 2 && v.eq(lo, "according") && v.eq(lo + 1, "to") {
        return Some(((lo, lo + 2), (lo + 2, e)));
    }
    // The whole clause before the colon is the phrase: "Clinton's response:". A phrase of
    // lowercase words alone ("went even further:") is not a source.
    if let Some((a, b)) = source_left(v, e, lo)
        && (a == lo || t[a - 1].is(COMMA | BOUNDARY | DASH))
        && b - a <= 8
        && (a..b).any(|j| super::attribution::name_like(&t[j]) || t[j].is(ROLE | PRONOUN | CAP))
    {
        return Some(((colon, colon + 1), (a, b)));
    }
    // A subject and a short predicate: "Finance director Linda Cho was blunt:", also after
    // an introductory phrase ("In a radio interview, Cole went even further:").
    let mut k = lo;
    while k < colon && t[k].is(BOUNDARY) && !t[k].is(CAP) {
        k += 1;
    }
    let k = super::attribution::skip_intro(v, k, colon)?;
    if k >= colon {
        return None;
    }
    let end = np_right_core(v, k, colon)?;
    // A name, a pronoun or a role ("The mayor released the following statement:").
    let head_ok =
        t[k].is(PRONOUN) || (k..end).any(|j| super::attribution::name_like(&t[j]) || t[j].is(ROLE));
    let predicate = end..colon;
    if !head_ok
        || predicate.is_empty()
        || predicate.len() > 8
        || predicate
            .clone()
            .any(|j| t[j].quoted() || t[j].is(COMMA | SEMI))
    {
        return None;
    }
    Some(((end, colon + 1), (k, end)))
}

//! Layouts: how a cue, its source and its content sit in a sentence.
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
//! A quotation that reads like a title (`“Face the Nation”`) is not a quote before its cue
//! unless it opens its sentence with a comma inside the marks. Where the content then ends is
//! decided in [`super::extent`].

use super::cues::Cue;
use super::pairing::looks_like_title;
use super::source::{
    clause_follows, clause_subject, name_like, np_left_core, np_right_core, source_according,
    source_left, source_right, source_right_extended,
};
use super::words::{CueClass, Flags, View};

/// Where the content of a claim lies relative to its cue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// The quotation group whose last region is this one ends right before.
    QuoteBefore(u32),
    /// Tokens `[start, end)` before the cue, and optionally a second piece from `resume` on.
    ClauseBefore {
        /// First content token.
        start: usize,
        /// One past the last content token.
        end: usize,
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

/// The region (quotation part) closing right before token `at`: `…”` or `…”,`, or `…”—` when
/// a cue word follows the dash (`"Go home"—said the mayor`; a dash before a noun phrase opens
/// an aside), not reaching before token `lo`.
pub fn quote_before(v: &View, at: usize, lo: usize) -> Option<u32> {
    let t = &v.toks;
    let mut j = at;
    let cue_follows = t.get(at).is_some_and(|c| c.cue.is_some());
    if j > lo
        && (t[j - 1].is(Flags::COMMA) || t[j - 1].is(Flags::DASH) && cue_follows)
        && !t[j - 1].quoted()
    {
        j -= 1;
    }
    (j > lo && t[j - 1].is(Flags::QCLOSE)).then(|| t[j - 1].region)
}

/// Decides the layout of one cue in the paragraph that starts at token `para_start`.
pub fn anchor(v: &View, cue: Cue, para_start: usize) -> Option<Anchor> {
    let site = CueSite::new(v, cue, para_start);
    if opening_participle(&site) {
        return None;
    }
    match cue.entry.class {
        CueClass::According => according_layout(&site),
        CueClass::Participle => participle_layout(&site),
        CueClass::Verb => passive_credit_layout(&site).or_else(|| verb_layout(&site)),
    }
}

/// True for a past participle that opens its sentence with its object ("Asked about the
/// delay, the minister said: …", "Pressed on the figures, …"): the question put to the
/// speaker, not a cue ("Added Jones, “…”" is one: a name follows it).
fn opening_participle(site: &CueSite) -> bool {
    let (v, cue) = (site.v, site.cue);
    let t = &v.toks;
    let head = cue.head;
    let opens = after_list_marker(v, site.sent_start, head) == head;
    opens
        && t[head].is(Flags::CAP | Flags::ED)
        && head + 1 < site.sent_end
        && super::source::participle_with_object(v, head)
}

/// A cue in its sentence, with what every layout rule asks about it.
#[derive(Clone, Copy)]
struct CueSite<'a, 'd> {
    v: &'a View<'d>,
    cue: Cue,
    para_start: usize,
    /// First token of the cue's sentence, not before the paragraph.
    sent_start: usize,
    /// One past the last token of the cue's sentence.
    sent_end: usize,
    /// A quotation opens right after the cue (or its comma or colon) in its paragraph.
    quote_after: bool,
    /// The quotation closing right before the cue, when it may be the cue's content.
    quote_before: Option<u32>,
}

impl<'a, 'd> CueSite<'a, 'd> {
    fn new(v: &'a View<'d>, cue: Cue, para_start: usize) -> Self {
        let (sent_start, sent_end) = v.sentence_of(cue.head);
        let sent_start = after_list_label(v, sent_start.max(para_start), cue.start);
        let mut site = CueSite {
            v,
            cue,
            para_start,
            sent_start,
            sent_end,
            quote_after: quotation_follows_cue(v, cue),
            quote_before: None,
        };
        site.quote_before = quote_before(v, cue.start, para_start).filter(|&r| site.may_take(r));
        site
    }

    /// True when the quotation ending in region `r`, right before the cue or its source, may
    /// be the cue's content: not a title, and not a sentence of its own (`…now.” He added,
    /// “…”`) when another quotation follows the cue.
    fn may_take(&self, r: u32) -> bool {
        let content = &self.v.doc.text[self.v.regions[r as usize].content];
        !(self.quote_after && content.ends_with('.'))
            && (opens_sentence_with_comma(self.v, r) || !looks_like_title(content))
    }

    /// The anchor for `source` and `layout`, spanning the source and the cue.
    fn anchor(&self, source: Option<(usize, usize)>, layout: Layout) -> Option<Anchor> {
        let (mut first, mut last) = (self.cue.start, self.cue.end);
        if let Some((a, b)) = source {
            first = first.min(a);
            last = last.max(b);
        }
        Some(Anchor {
            cue: self.cue,
            source,
            layout,
            first,
            last,
        })
    }

    /// The anchor for a subject borrowed from the clause: the content follows the cue, and
    /// the anchor's own place is the cue alone.
    fn borrowed(&self, source: (usize, usize)) -> Anchor {
        Anchor {
            cue: self.cue,
            source: Some(source),
            layout: Layout::After { from: self.cue.end },
            first: self.cue.start,
            last: self.cue.end,
        }
    }
}

/// The first token of a sentence that starts at `s0`, past a list marker (`•`, `-`, `*`,
/// `1.`, `2)`) and a topic label before a colon ("Hard to assess:", "Housing:"): neither is
/// part of a source or a claim. A label is at most four words before `cue`, with no cue
/// word, verb or quotation in it.
pub fn after_list_label(v: &View, s0: usize, cue: usize) -> usize {
    let t = &v.toks;
    let k = after_list_marker(v, s0, cue);
    let colon = (k..cue.min(k + 5)).find(|&j| t[j].is(Flags::COLON) || t[j].quoted());
    match colon {
        Some(c)
            if c > k
                && t[c].is(Flags::COLON)
                && !t[c].quoted()
                && (k..c)
                    .all(|j| t[j].is_word() && t[j].cue.is_none() && !t[j].is(Flags::VERB)) =>
        {
            c + 1
        }
        _ => k,
    }
}

/// The first token of a sentence that starts at `s0`, past a list marker (`•`, `-`, `*`,
/// `1.`, `2)`, `b)`, `(iv)`), not reaching `limit`.
pub fn after_list_marker(v: &View, s0: usize, limit: usize) -> usize {
    let t = &v.toks;
    let cue = limit;
    let mut k = s0;
    // An item letter or roman numeral: `b)`, `iv.`, `(a)`.
    let item = |k: usize| {
        let s = v.s(k);
        (s.len() == 1 && s.bytes().all(|c| c.is_ascii_lowercase()))
            || (s.len() <= 4 && s.bytes().all(|c| matches!(c, b'i' | b'v' | b'x')))
    };
    let closes = |k: usize| k < cue && (t[k].is(Flags::RPAREN) || v.s(k) == ".");
    // How many tokens a list marker at `k` takes: `•`, `1.` or `1` `.`, `b)`, `(iv)`.
    let marker = |k: usize| {
        if t[k].is(Flags::LPAREN)
            && k + 2 < cue
            && (item(k + 1) || t[k + 1].is(Flags::NUM))
            && t[k + 2].is(Flags::RPAREN)
        {
            3
        } else if !t[k].quoted() && item(k) && closes(k + 1) {
            2
        } else if t[k].quoted() || t[k].is(Flags::QOPEN | Flags::LPAREN) {
            0
        } else if t[k].is(Flags::PUNCT) || t[k].is(Flags::NUM) && v.s(k).ends_with(['.', ')']) {
            1
        } else if t[k].is(Flags::NUM) && k + 1 < cue && t[k + 1].is(Flags::FINAL | Flags::RPAREN) {
            2
        } else {
            0
        }
    };
    while k < cue && k < s0 + 2 {
        match marker(k) {
            0 => break,
            n => k += n,
        }
    }
    k
}

/// True for a clock time as a live blog stamps its entries: `08:10`, `9.45`.
fn clock_time(s: &str) -> bool {
    let Some((h, m)) = s.split_once([':', '.']) else {
        return false;
    };
    (1..=2).contains(&h.len())
        && m.len() == 2
        && h.bytes().chain(m.bytes()).all(|c| c.is_ascii_digit())
}

/// The first token after a live blog's timestamp opening the sentence at `s0` (`08:10 —`,
/// `9:12 p.m. —`, `18:45`), or `s0` when there is none.
pub fn after_timestamp(v: &View, s0: usize, limit: usize) -> usize {
    let t = &v.toks;
    if s0 >= limit || !clock_time(v.s(s0)) {
        return s0;
    }
    let zone =
        |j: usize| j < limit && ["a.m.", "p.m.", "am", "pm", "GMT", "BST", "ET"].contains(&v.s(j));
    let k = s0 + 1 + usize::from(zone(s0 + 1));
    k + usize::from(k < limit && t[k].is(Flags::DASH))
}

/// True when token `k` opens the clause of the sentence starting at `s0`: it starts the
/// sentence, or only a list marker, a timestamp or a topic label stands before it.
fn opens_clause(v: &View, s0: usize, k: usize) -> bool {
    k == s0 || after_list_label(v, s0, k) == k || after_timestamp(v, s0, k) == k
}

/// True when a quotation opens right after the cue, or after a comma or colon that follows
/// it, in the cue's paragraph (`He added, “…”`).
fn quotation_follows_cue(v: &View, cue: Cue) -> bool {
    let t = &v.toks;
    let mut at = cue.end;
    if at < t.len() && t[at].is(Flags::COMMA | Flags::COLON) && !t[at].quoted() {
        at += 1;
    }
    at < t.len() && t[at].is(Flags::QOPEN) && t[at].para == t[cue.head].para
}

/// True when the quotation of region `r` opens its sentence and ends with a comma inside the
/// marks (`“…,” he told the packed hall, where …`): what follows attributes it, whatever
/// comes after.
fn opens_sentence_with_comma(v: &View, r: u32) -> bool {
    let t = &v.toks;
    let region = &v.regions[r as usize];
    let open = v.doc.token_at(region.open.start);
    // The comma inside the marks or right after them (“…”, / « … », as British and French
    // copy puts it).
    let after = v.doc.token_at(region.outer.end);
    let comma_after = after < t.len()
        && t[after].is(Flags::COMMA)
        && !t[after].quoted()
        && t[after].span.start == region.outer.end;
    (v.doc.text[region.content].ends_with(',') || comma_after)
        && open < t.len()
        && (t[open].is(Flags::SENT_START)
            || open > 0 && t[open - 1].is(Flags::FINAL | Flags::QCLOSE))
}

/// "According to X": content after it (`According to X, CLAUSE`), the quotation or the
/// clause before it (`CLAUSE, according to X.`), and an interrupting `according to X` makes
/// two pieces (`A, according to X, B`). "Per X" reads the same, when X names someone
/// ([`credit_source`]).
fn according_layout(site: &CueSite) -> Option<Anchor> {
    let (v, cue) = (site.v, site.cue);
    if let Some(anchor) = bracketed_credit(site) {
        return Some(anchor);
    }
    let (a, b) = source_according(v, cue.end, site.sent_end)?;
    // "Per" capitalised inside a sentence is a name ("the chief executive, Per Askeland,").
    // After a topic label ("• Energy: Per Bloomberg News, …") it opens its clause.
    let after_label = cue.start > 0 && v.toks[cue.start - 1].is(Flags::COLON);
    let name = v.toks[cue.head].is(Flags::CAP)
        && !opens_clause(v, site.sent_start, cue.start)
        && !after_label;
    if v.takes_no_particle(cue.head) && (name || !credit_source(v, a, b)) {
        return None;
    }
    credit_layout(site, (a, b))
}

/// "Halberd Airways (according to Reuters) has sold …", "… a leasing firm (per the BBC).":
/// a credit in brackets names its source up to the closing bracket; the clause around it,
/// in one or two pieces, is the content.
fn bracketed_credit(site: &CueSite) -> Option<Anchor> {
    let (v, cue) = (site.v, site.cue);
    let t = &v.toks;
    if cue.start <= site.sent_start || !t[cue.start - 1].is(Flags::LPAREN) {
        return None;
    }
    let close = (cue.end..site.sent_end.min(cue.end + 12)).find(|&k| t[k].is(Flags::RPAREN))?;
    if close == cue.end || !credit_source(v, cue.end, close) {
        return None;
    }
    let before = cue.start - 1;
    let resume = (close + 1 < site.sent_end && !t[close + 1].is(Flags::FINAL)).then_some(close + 1);
    if before == site.sent_start {
        return None;
    }
    let layout = Layout::ClauseBefore {
        start: site.sent_start,
        end: before,
        resume,
    };
    site.anchor(Some((cue.end, close)), layout)
}

/// True when the source `[a, b)` after a credit word ("per X", "as reported by X") names
/// someone: it opens with a name, or with a determiner or a few words and then a name ("per
/// the Financial Times", "per a report in The Guardian"); "per cent", "per share" do not.
pub fn credit_source(v: &View, a: usize, b: usize) -> bool {
    let t = &v.toks;
    // "per the company's annual report", "per court filings": a document names its source.
    let document = b > a && t[b - 1].is(Flags::MEDIUM) && !t[b - 1].quoted();
    ((a..b.min(a + 5)).any(|k| name_like(&t[k]) && !t[k].is(Flags::SENT_START)) || document)
        && (name_like(&t[a]) || t[a].is(Flags::DET) || document)
}

/// The layout of a credit whose source `(a, b)` follows the cue ("according to X", "per X",
/// "as first reported by X"): content after it when the credit opens the sentence and a
/// comma or colon follows it, or after a colon anywhere (`Breaking, according to X: …`);
/// else the quotation or clause before, resumed after a comma.
fn credit_layout(site: &CueSite, (a, b): (usize, usize)) -> Option<Anchor> {
    let (v, cue) = (site.v, site.cue);
    let (sent_start, sent_end) = (site.sent_start, site.sent_end);
    let t = &v.toks;
    let source = Some((a, b));
    let at_start = cue.start == sent_start || t[cue.start - 1].is(Flags::BOUNDARY | Flags::COMMA);
    let comma_after = b + 1 < sent_end && t[b].is(Flags::COMMA);
    let colon_after = b + 1 < sent_end && t[b].is(Flags::COLON) && !t[b].quoted();
    // "…, and according to the BBC, health services …": a credit after `, and` opens the
    // clause it credits.
    let after_and = cue.start >= sent_start + 2
        && (v.eq(cue.start - 1, "and") || v.eq(cue.start - 1, "but"))
        && t[cue.start - 2].is(Flags::COMMA)
        && !t[cue.start - 2].quoted();
    if colon_after || (comma_after && (opens_clause(v, sent_start, cue.start) || after_and)) {
        return site.anchor(source, Layout::After { from: b + 1 });
    }
    if let Some(r) = site.quote_before {
        return site.anchor(source, Layout::QuoteBefore(r));
    }
    if cue.start > sent_start {
        let clause_end = if t[cue.start - 1].is(Flags::COMMA) {
            cue.start - 1
        } else {
            cue.start
        };
        // "…, the Kremlin said on Tuesday, according to TASS": the clause before already
        // has its attribution, and the credit names that claim's outlet (outlet linking).
        let attributed = (sent_start..clause_end)
            .rev()
            .find(|&k| t[k].is(Flags::COMMA) && !t[k].quoted())
            .is_some_and(|c| {
                // Only a short source, its cue and a time adjunct stand there.
                clause_end <= c + 9
                    && (c + 2..clause_end).any(|k| {
                        t[k].cue.is_some()
                            && !t[k].quoted()
                            && !t[k].is(Flags::ING | Flags::CAP)
                            && (k + 1..clause_end)
                                .all(|j| t[j].is(Flags::TIME | Flags::PREP) && !t[j].quoted())
                    })
            });
        if attributed {
            return None;
        }
        if clause_end > sent_start {
            // "…, per Reuters, quoting …": a participle after the credit is no second piece,
            // nor a relative clause on its source ("…, according to a person briefed on
            // the matter, who spoke to the Associated Press").
            // Nor a contrast that opens a clause of the writer's own ("…, per the FT,
            // although Treasury officials insisted …").
            const CONTRAST: [&str; 5] = ["although", "though", "but", "whereas", "while"];
            let resume = comma_after
                && !t[b + 1].is(Flags::ING | Flags::CITING | Flags::REL)
                && !CONTRAST.iter().any(|w| v.eq(b + 1, w));
            let layout = Layout::ClauseBefore {
                start: sent_start,
                end: clause_end,
                resume: resume.then_some(b + 1),
            };
            return site.anchor(source, layout);
        }
    }
    if at_start && comma_after {
        return site.anchor(source, Layout::After { from: b + 1 });
    }
    None
}

/// "As (first) reported by X, CLAUSE" / "CLAUSE, as reported by X." / "A, first reported by
/// X, B": a cue verb in the passive after `as` or between commas, its source the agent after
/// `by`, laid out like "according to X".
fn passive_credit_layout(site: &CueSite) -> Option<Anchor> {
    let (v, cue) = (site.v, site.cue);
    let t = &v.toks;
    let by = cue.end;
    if by + 1 >= site.sent_end || !v.eq(by, "by") || !t[cue.head].is(Flags::ED) {
        return None;
    }
    let mut k = cue.start;
    while k > site.sent_start && t[k - 1].is(Flags::CUE_ADV | Flags::ADVERB_LY) {
        k -= 1;
    }
    if k == site.sent_start {
        return None;
    }
    // "The plan, first reported by Politico, would cap …": the same credit as a
    // parenthetical between commas, without `as`.
    let parenthetical = t[k - 1].is(Flags::COMMA) && !t[k - 1].quoted();
    if !v.eq(k - 1, "as") && !parenthetical {
        return None;
    }
    let (a, b) = source_according(v, by + 1, site.sent_end)?;
    if !credit_source(v, a, b) || parenthetical && !(b + 1 < site.sent_end && t[b].is(Flags::COMMA))
    {
        return None;
    }
    let as_site = CueSite {
        cue: Cue {
            start: if parenthetical { k } else { k - 1 },
            end: by + 1,
            ..cue
        },
        ..*site
    };
    credit_layout(&as_site, (a, b))
}

/// A participle (`…, saying CLAUSE`): the content follows it, and its source is the subject
/// it borrows from the clause ([`participle_subject`]).
fn participle_layout(site: &CueSite) -> Option<Anchor> {
    // "without citing its sources": a participle under `without` reports nothing.
    if site.cue.start > 0 && site.v.eq(site.cue.start - 1, "without") {
        return None;
    }
    // "reported, citing the coast guard, that …": an aside on whom the report cites, whose
    // claim the `that` after it gives (`extent::citing_aside_end`).
    let aside = site
        .cue
        .start
        .checked_sub(1)
        .filter(|&c| c >= site.sent_start);
    if aside.is_some_and(|c| super::extent::citing_aside_end(site.v, c, site.sent_end) != c) {
        return None;
    }
    if let Some(source) = absolute_subject(site.v, site.cue.start, site.sent_start) {
        return site.anchor(Some(source), Layout::After { from: site.cue.end });
    }
    let source = participle_subject(site.v, site.cue.start, site.sent_start)?;
    Some(site.borrowed(source))
}

/// "…, calling them a “breakthrough,” and his counterpart labeling them a “first step”": a
/// participle right after a noun phrase that follows `and` has that phrase as its own
/// subject (an absolute construction), and the claim starts there.
fn absolute_subject(v: &View, cue_start: usize, sent_start: usize) -> Option<(usize, usize)> {
    let a = np_left_core(v, cue_start, sent_start)?;
    let t = &v.toks;
    (a > sent_start && v.eq(a - 1, "and") && !t[a].is(Flags::PRONOUN | Flags::REL))
        .then_some((a, cue_start))
}

/// The subject of a participle cue at `cue_start`: the nearest subject pronoun before it in
/// its sentence ("… even as he defended her, saying"), else the clause's first noun phrase.
/// A participle opening its sentence has none.
pub fn participle_subject(v: &View, cue_start: usize, sent_start: usize) -> Option<(usize, usize)> {
    let t = &v.toks;
    if cue_start == sent_start {
        return None;
    }
    let pronoun = (sent_start.max(cue_start.saturating_sub(40))..cue_start)
        .rev()
        .find(|&k| t[k].is(Flags::PRONOUN) && !t[k].quoted() && !v.eq(k, "it"));
    match pronoun {
        Some(k) => Some((k, k + 1)),
        None => clause_subject(v, sent_start, cue_start),
    }
}

/// A verb cue: the source before it or, for an inverted cue, after it; the content is the
/// quotation or the clause before, or what follows.
fn verb_layout(site: &CueSite) -> Option<Anchor> {
    let (v, cue) = (site.v, site.cue);
    let left = source_left(v, cue.start, site.sent_start);
    // "… and told only their parents.": an addressee and nothing after it reports nothing.
    let nothing_after = cue.entry.addressee && only_addressee_follows(v, cue, site.sent_end);
    if left.is_none()
        && site.quote_before.is_none()
        && !nothing_after
        && let Some(subject) = subject_before_conjunction(v, cue.start, site.sent_start)
    {
        return Some(site.borrowed(subject));
    }
    if left.is_none()
        && let Some(anchor) = inverted_cue_opening_sentence(site)
    {
        return Some(anchor);
    }
    if let Some(anchor) = source_after_inverted_cue(site, left) {
        return Some(anchor);
    }
    let source = left.filter(|&s| !denies(v, s))?;
    quotation_before_source(site, source)
        .or_else(|| clause_before_source(site, source))
        .or_else(|| {
            (!nothing_after).then(|| site.anchor(Some(source), Layout::After { from: cue.end }))?
        })
}

/// True when the source `(a, b)` denies the act: "Nobody answered", "No one said".
fn denies(v: &View, (a, b): (usize, usize)) -> bool {
    let t = &v.toks;
    b == a + 1 && t[a].is(Flags::NEGATIVE) || b == a + 2 && v.eq(a, "no") && v.eq(a + 1, "one")
}

/// "He brought up the bombing and later said, …": with no source of its own before a cue
/// that follows `and`, `but` or `, then`, the clause's subject, borrowed from afar.
pub fn subject_before_conjunction(
    v: &View,
    cue_start: usize,
    sent_start: usize,
) -> Option<(usize, usize)> {
    if cue_start <= sent_start {
        return None;
    }
    let conj = cue_start - 1;
    // "…, then admitted that …": the cue phrase takes `then` in; after a comma it joins the
    // clauses as `and` does.
    if v.eq(cue_start, "then") && v.toks[conj].is(Flags::COMMA) && !v.toks[conj].quoted() {
        return clause_subject(v, sent_start, conj);
    }
    let and_but = v.eq(conj, "and") || v.eq(conj, "but");
    if !v.toks[conj].is(Flags::CONJ) || !and_but {
        return None;
    }
    clause_subject(v, sent_start, conj)
}

/// "Said Comey, “…”": an inverted cue opening its sentence, its source after it, then a comma
/// or colon and the content.
fn inverted_cue_opening_sentence(site: &CueSite) -> Option<Anchor> {
    let (v, cue) = (site.v, site.cue);
    let t = &v.toks;
    if !t[cue.head].is(Flags::INV) || cue.start != site.sent_start {
        return None;
    }
    let (a, b) = source_right(v, cue.end, site.sent_end)?;
    (b + 1 < site.sent_end && t[b].is(Flags::COMMA | Flags::COLON))
        .then(|| site.anchor(Some((a, b)), Layout::After { from: b + 1 }))?
}

/// `“…,” said Smith` / `CLAUSE, said Smith.` / `A, said Smith, B`: an inverted cue after the
/// content, its source after it. A source between the quotation and the cue (`“…,” Smith
/// said Tuesday`, `left`) wins over what follows the cue.
fn source_after_inverted_cue(site: &CueSite, left: Option<(usize, usize)>) -> Option<Anchor> {
    let (v, cue) = (site.v, site.cue);
    let (sent_start, sent_end) = (site.sent_start, site.sent_end);
    let t = &v.toks;
    let source_after_quote =
        left.is_some_and(|(a, _)| quote_before(v, a, site.para_start).is_some());
    let after_comma = cue.start > sent_start && t[cue.start - 1].is(Flags::COMMA);
    if !t[cue.head].is(Flags::INV)
        || source_after_quote
        || !(site.quote_before.is_some() || (after_comma && left.is_none()))
    {
        return None;
    }
    if let Some(r) = site.quote_before {
        let source = source_right_extended(v, cue.end, sent_end)?;
        return site.anchor(Some(source), Layout::QuoteBefore(r));
    }
    let (a, b) = source_right(v, cue.end, sent_end)?;
    let comma = cue.start - 1;
    if comma <= sent_start + 1 {
        return None;
    }
    let manner = b + 1 < sent_end && t[b].is(Flags::COMMA) && manner_of_report(v, b + 1);
    // "…, said the Los Angeles Times in a report on Sunday.": a medium and a time close it.
    let final_end = b >= sent_end
        || t[b].is(Flags::FINAL)
        || passed_on_after(v, b, sent_end)
        || manner
        || only_adjunct_follows(v, b, sent_end);
    let mid = b + 1 < sent_end && t[b].is(Flags::COMMA) && !t[b + 1].is(Flags::CITING) && !manner;
    (final_end || mid).then(|| {
        let layout = Layout::ClauseBefore {
            start: sent_start,
            end: comma,
            resume: mid.then_some(b + 1),
        };
        site.anchor(Some((a, b)), layout)
    })?
}

/// `“…,” striker Dani Okafor told`: up to three lowercase words (and an article before
/// them) between a closing mark and the name that heads `source` describe the speaker (a job
/// the role list lacks); the source then starts at them.
fn descriptor_before_name(v: &View, source: (usize, usize), lo: usize) -> Option<(usize, usize)> {
    let t = &v.toks;
    let (a, b) = source;
    if !super::source::name_like(&t[a]) {
        return None;
    }
    let mut k = a;
    while k > lo && a - k < 3 && super::source::job_word(&t[k - 1]) {
        k -= 1;
    }
    // "“…,” the novelist Petra Alsgaard said": a lowercase article may open them.
    if k < a && k > lo && t[k - 1].is(Flags::DET) && !t[k - 1].is(Flags::CAP) {
        k -= 1;
    }
    (k < a && quote_before(v, k, lo).is_some()).then_some((k, b))
}

/// `“…,” X said`: the quotation closing right before the source — unless a clause or an
/// infinitive follows the cue (and its addressee), which makes the quotation a title or a
/// phrase of another sentence part, or the quotation ends its own sentence and `that`
/// follows the cue (`…
/// hour.” The chief executive said in a statement that …`) or the cue is a weak one
/// (weight under [`CLOSED_QUOTE_MIN_WEIGHT`]) that the sentence goes on after (`“…” The
/// message appeared on every phone`, but `“…?” Vitter demanded.`): a quotation that is a
/// sentence of its own is claimed from the next sentence by a clear verb of saying or by a
/// sentence that is only its attribution.
fn quotation_before_source(site: &CueSite, source: (usize, usize)) -> Option<Anchor> {
    let (v, cue) = (site.v, site.cue);
    let sent_end = site.sent_end;
    let t = &v.toks;
    let source = descriptor_before_name(v, source, site.para_start).unwrap_or(source);
    // A dash between a quotation that opens the sentence and its source: `“…” — the judge,
    // Miriam Okoth, said` (not a scare quote inside one: `at ''spear phishing'' - emails`).
    let after_dash = || {
        let d = source.0.checked_sub(1)?;
        let r = t[d.checked_sub(1)?].region;
        let opens = v.doc.token_at(v.regions.get(r as usize)?.outer.start) == site.sent_start;
        (d > site.para_start
            && t[d].is(Flags::DASH)
            && !t[d].quoted()
            && t[d - 1].is(Flags::QCLOSE)
            && opens)
            .then_some(r)
    };
    let r = quote_before(v, source.0, site.para_start)
        .or_else(after_dash)
        .filter(|&r| site.may_take(r))?;
    let e = after_addressee(v, cue, sent_end);
    let content = &v.doc.text[v.regions[r as usize].content];
    // "The so-called “smart” meters have been blamed …": a quotation inside its sentence
    // that no punctuation closes, with the source right after its mark, modifies the noun.
    let region_opens = v.doc.token_at(v.regions[r as usize].outer.start) == site.sent_start;
    let bare = !content
        .trim_end_matches(|c: char| {
            c.is_whitespace() || crate::lexicon::marks::quotation_mark(c).is_some()
        })
        .ends_with([',', '.', '!', '?', '\u{2026}', ';', ':', '-', '—', '–']);
    if bare && !region_opens && source.0 > 0 && t[source.0 - 1].is(Flags::QCLOSE) {
        return None;
    }
    let ends_sentence = content.ends_with('.');
    let closed = content.ends_with(['.', '!', '?', '\u{2026}']);
    let sentence_goes_on = cue.end < sent_end && !t[cue.end].is(Flags::FINAL);
    if closed && cue.entry.weight < CLOSED_QUOTE_MIN_WEIGHT && sentence_goes_on {
        return None;
    }
    let that_follows = ends_sentence
        && (e..sent_end.min(e + 10))
            .take_while(|&j| !t[j].is(Flags::FINAL | Flags::QOPEN) && !t[j].quoted())
            .any(|j| t[j].is(Flags::THAT));
    // "“….” The club’s owner continued to back her.": after a quotation that ends its own
    // sentence, an infinitive after the cue is the verb's own complement, so the quotation
    // is not its content.
    let infinitive =
        ends_sentence && e + 1 < sent_end && v.eq(e, "to") && !t[e].quoted() && bare_verb(v, e + 1);
    let attributes =
        !infinitive && (opens_sentence_with_comma(v, r) || !clause_follows(v, e, sent_end));
    (!that_follows && attributes).then(|| site.anchor(Some(source), Layout::QuoteBefore(r)))?
}

/// True when token `k`, right after "to", reads as a bare verb ("to back her") rather than an
/// addressee ("to reporters", "to the TV", "to Smith"): a lowercase word that is no
/// determiner, number or pronoun and not shaped like a plural noun.
fn bare_verb(v: &View, k: usize) -> bool {
    let t = &v.toks[k];
    let w = v.s(k);
    t.is_word()
        && !t.quoted()
        && !t.is(Flags::CAP
            | Flags::DET
            | Flags::NUM
            | Flags::PRONOUN
            | Flags::OBJ_PRONOUN
            | Flags::POSS)
        && (!w.ends_with('s') || w.ends_with("ss") || w.ends_with("us"))
}

/// The least cue weight that claims a closed quotation before its source (`“…!” Ana shouted`).
const CLOSED_QUOTE_MIN_WEIGHT: f32 = 0.6;

/// The first token after the cue and, for a cue that takes an addressee ("told"), the
/// addressee: an object pronoun or a noun phrase.
fn after_addressee(v: &View, cue: Cue, sent_end: usize) -> usize {
    let t = &v.toks;
    let e = cue.end;
    if !cue.entry.addressee || e >= sent_end {
        return e;
    }
    if t[e].is(Flags::OBJ_PRONOUN) {
        e + 1
    } else {
        np_right_core(v, e, sent_end).unwrap_or(e)
    }
}

/// `CLAUSE, X said.` / `A, X said, B`: the clause before a source that follows a comma,
/// when the sentence ends after the cue (perhaps after an adjunct: `…, he said in an
/// interview on Saturday.`) or a comma resumes the content. "These sources, the lawyers
/// said, “all command …”" resumes, but not "In Iowa, Trump said, “…”", where the part
/// before is an adjunct.
fn clause_before_source(site: &CueSite, source: (usize, usize)) -> Option<Anchor> {
    let (v, cue) = (site.v, site.cue);
    let (sent_start, sent_end) = (site.sent_start, site.sent_end);
    let t = &v.toks;
    let a = source.0;
    if a <= sent_start + 1 || !t[a - 1].is(Flags::COMMA) {
        return None;
    }
    // "…, a union organiser told the BBC.": past the addressee of a cue that takes one, and
    // past a time adjunct before a comma ("…, ITV News reported a short time ago, and …").
    let e0 = after_addressee(v, cue, sent_end);
    let e = match super::extent::skip_adjunct_right(v, e0, sent_end) {
        k if k > e0 && k < sent_end && t[k].is(Flags::COMMA) && !t[k].quoted() => k,
        _ => e0,
    };
    let colon = t[e - 1].is(Flags::COLON);
    // "…, the council confirmed on Monday, leaving the village …": a participle clause after
    // the attribution's time adjunct tells what follows from it, not more of it (right after
    // the cue, PolNeAR often makes it a second piece: "…, they say, imposing …").
    let mut k = e0;
    while k < sent_end && k < e0 + 4 && t[k].is(Flags::TIME | Flags::PREP) && !t[k].quoted() {
        k += 1;
    }
    let participle = k > e0
        && k + 1 < sent_end
        && t[k].is(Flags::COMMA)
        && t[k + 1].is(Flags::ING)
        && !t[k + 1].is(Flags::CAP)
        && !t[k + 1].quoted();
    let manner =
        e + 1 < sent_end && t[e].is(Flags::COMMA) && manner_of_report(v, e + 1) || participle;
    // "…, the agency added, and the regional utility said …", "…, EFE reported, while
    // Europa Press said …": a clause with its own attribution after a conjunction is no
    // second piece.
    let own_claim_after = e + 2 < sent_end
        && t[e].is(Flags::COMMA)
        && ["and", "but", "while", "whereas"]
            .iter()
            .any(|w| v.eq(e + 1, w))
        && (e + 2..sent_end).any(|j| {
            !t[j].quoted()
                && t[j]
                    .cue
                    .is_some_and(|c| c.weight >= super::cues::MIN_WEIGHT)
                && !t[j].is(Flags::CAP)
        });
    let manner = manner || own_claim_after;
    let final_end = (e >= sent_end && !colon)
        || (e < sent_end && t[e].is(Flags::FINAL))
        || only_adjunct_follows(v, e, sent_end)
        || passed_on_after(v, e, sent_end)
        || manner;
    let subject_before = (sent_start..a - 1)
        .rev()
        .find(|&k| t[k].is(Flags::COMMA) && !t[k].quoted())
        .map_or(sent_start, |c| c + 1);
    let adjunct = t[subject_before].is(Flags::PREP | Flags::ADVERB_LY | Flags::TIME);
    let mid = e + 1 < sent_end
        && t[e].is(Flags::COMMA)
        && (!t[e + 1].is(Flags::QOPEN) || !adjunct)
        && !t[e + 1].is(Flags::CITING)
        && !manner;
    (final_end && a > sent_start + 3 || mid).then(|| {
        let layout = Layout::ClauseBefore {
            start: sent_start,
            end: a - 1,
            resume: mid.then_some(e + 1),
        };
        site.anchor(Some(source), layout)
    })?
}

/// True when the tokens from `k` say how the report was made, not what it says: a
/// preposition and a participle ("…, the paper reported, without naming its sources", "by
/// citing", "while insisting"), or open a claim of their own (a participle cue: ", adding
/// that …"), so no second piece of the claim resumes there.
fn manner_of_report(v: &View, k: usize) -> bool {
    let t = &v.toks;
    // ", adding that …": a participle cue opens a claim of its own.
    let participle_cue = k < t.len() && t[k].is(Flags::ING) && t[k].cue.is_some() && !t[k].quoted();
    participle_cue
        || k + 1 < t.len()
            && ["without", "by", "while", "when"]
                .iter()
                .any(|w| v.eq(k, w))
            && t[k + 1].is(Flags::ING)
            && !t[k + 1].quoted()
}

/// True when no more than an addressee follows a cue that takes one, to the sentence end
/// ("told reporters.", "told only their parents."): its noun phrase, perhaps after a
/// focusing adverb, reaches the final stop.
fn only_addressee_follows(v: &View, cue: Cue, sent_end: usize) -> bool {
    let t = &v.toks;
    let mut from = cue.end;
    while from < sent_end
        && t[from].is(Flags::ADVERB_LY | Flags::BOUNDARY | Flags::CUE_ADV)
        && !t[from].is(Flags::CAP | Flags::CONJ)
        && !t[from].quoted()
    {
        from += 1;
    }
    let e = if t.get(from).is_some_and(|x| x.is(Flags::OBJ_PRONOUN)) {
        from + 1
    } else {
        np_right_core(v, from, sent_end).unwrap_or(from)
    };
    e > cue.end && (e >= sent_end || t[e].is(Flags::FINAL))
}

/// True when, from token `from`, a short time adjunct, a comma and a `citing`/`quoting`
/// participle follow ("…, Reuters reported on Tuesday, citing …"): the attribution is
/// complete and the claim it closes is passed on to the people the participle names. So it
/// is before a manner adjunct or a participle cue ("…, on Monday, without citing …").
fn passed_on_after(v: &View, from: usize, sent_end: usize) -> bool {
    let t = &v.toks;
    let mut k = from;
    while k < sent_end && k < from + 4 && t[k].is(Flags::TIME | Flags::PREP) && !t[k].quoted() {
        k += 1;
    }
    k + 1 < sent_end
        && t[k].is(Flags::COMMA)
        && (t[k + 1].is(Flags::CITING) || manner_of_report(v, k + 1))
}

/// True when all from token `from` to the sentence end is a short adjunct ("in an interview
/// on Saturday"): no quotation, `that`, verb, comma or cue.
fn only_adjunct_follows(v: &View, from: usize, sent_end: usize) -> bool {
    let t = &v.toks;
    from < sent_end
        && t[from].is(Flags::PREP | Flags::TIME)
        && sent_end - from <= 12
        && (from..sent_end).all(|j| {
            !t[j].quoted()
                && !t[j].is(Flags::THAT | Flags::QOPEN | Flags::VERB | Flags::COMMA)
                && t[j].cue.is_none()
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::testing::{cue, doc, paragraph, text, tok, view};

    /// `source | layout` of the anchor of the cue headed by `head`, or `none`.
    fn layout_of(marked: &str, head: &str) -> String {
        let d = doc(marked);
        let v = view(&d);
        let c = cue(&v, head);
        let Some(a) = anchor(&v, c, paragraph(&v, c.head).0) else {
            return "none".into();
        };
        let source = a.source.map_or("-".into(), |s| text(&v, s));
        let layout = match a.layout {
            Layout::QuoteBefore(r) => {
                format!("quote: {}", &v.doc.text[v.regions[r as usize].content])
            }
            Layout::ClauseBefore { start, end, resume } => {
                let resume = resume.map_or(String::new(), |r| format!(" / resumes at {}", v.s(r)));
                format!("clause: {}{resume}", text(&v, (start, end)))
            }
            Layout::After { from } if from < v.toks.len() => format!("after: {}", v.s(from)),
            Layout::After { .. } => "after: (end)".into(),
        };
        format!("{source} | {layout}")
    }

    #[test]
    fn layout_of_a_cue() {
        // (text, cue head, source | layout, why)
        #[rustfmt::skip]
        let cases: &[(&str, &str, &str, &str)] = &[
            ("“We will rebuild the bridge,” [Ana Ortiz] said.", "said", "Ana Ortiz | quote: We will rebuild the bridge,", "quotation before the source"),
            ("“We will rebuild the bridge,” said [Ana Ortiz].", "said", "Ana Ortiz | quote: We will rebuild the bridge,", "inverted cue after a quotation"),
            ("The bridge will reopen in May, said [Ana Ortiz].", "said", "Ana Ortiz | clause: The bridge will reopen in May", "inverted cue after a clause"),
            ("Said [Ana Ortiz], “We will rebuild.”", "Said", "Ana Ortiz | after: “", "inverted cue opening its sentence"),
            ("The mayor said the bridge will reopen.", "said", "The mayor | after: the", "content after the cue"),
            ("The bridge will reopen, the mayor said.", "said", "the mayor | clause: The bridge will reopen", "clause before a source after a comma"),
            ("The bridge, the mayor said, will reopen in May.", "said", "the mayor | clause: The bridge / resumes at will", "an interrupting attribution"),
            ("The bridge will reopen, according to the mayor.", "according", "the mayor | clause: The bridge will reopen", "according to, after the clause"),
            ("According to the mayor, the bridge will reopen.", "According", "the mayor | after: the", "according to, before the clause"),
            ("The mayor closed the bridge on Monday, saying it was unsafe.", "saying", "The mayor | after: it", "a participle borrows the clause's subject"),
            ("The mayor closed the bridge and said it was unsafe.", "said", "The mayor | after: it", "a second verb borrows the subject before and"),
            ("People in the town said that fares rose.", "said", "People in the town | after: that", "a group noun before a place phrase"),
            ("Per {Reuters}, the talks will resume on Monday.", "Per", "Reuters | after: the", "per opens the sentence"),
            ("Per the {council's annual report}, rents rose.", "Per", "the council's annual report | after: rents", "a document as a credit's source"),
            ("08:10 — Per {Reuters}, the talks will resume on Monday.", "Per", "Reuters | after: the", "per after a live blog's timestamp"),
            ("The talks will resume, said {the Ledger} in a report on Sunday.", "said", "the Ledger | clause: The talks will resume", "an inverted cue closed by a medium and a time"),
            ("The talks will resume, said {the mayor} in a statement.", "said", "the mayor | clause: The talks will resume", "the medium is no part of the source"),
            ("The talks will resume, per the {BBC}, on Monday.", "per", "the BBC | clause: The talks will resume / resumes at on", "per interrupts the clause"),
            ("As first reported by {Politico}, the office drafted the bill.", "reported", "Politico | after: the", "a passive credit after `as`"),
            ("The office drafted the bill, as reported by {Politico}.", "reported", "Politico | clause: The office drafted the bill", "a passive credit closing the sentence"),
            ("Breaking, according to {Al Jazeera}: the crossing is closed.", "according", "Al Jazeera | after: the", "a colon after the credit"),
            ("The port (according to {Reuters}) will close in May.", "according", "Reuters | clause: The port / resumes at will", "a credit in brackets"),
            ("According to the [Velk Fund], a small charity, the port will close.", "According", "the Velk Fund, a small charity | after: the", "an indefinite apposition describes the credited source"),
            ("The port will close in May (per the {BBC}).", "per", "the BBC | clause: The port will close in May", "a credit in brackets at the end"),
            ("The strike could last into the spring, a union organiser told the {BBC}.", "told", "a union organiser | clause: The strike could last into the spring", "the addressee ends the sentence"),
            ("• Housing: prices fell again, according to the {Nationwide} index.", "according", "the Nationwide index | clause: prices fell again", "a list marker and a topic label"),
            ("Foreign Minister [Elena Vasquez] made a point to say the pact holds.", "say", "Foreign Minister Elena Vasquez | after: the", "a multiword cue"),
            ("Budget chief [Lena Holm] was quick to add that cuts would follow.", "add", "Budget chief Lena Holm | after: that", "a lead-in with an auxiliary"),
            ("A reader, [Lena Holm], emailed to say the figure was wrong.", "say", "A reader, Lena Holm | after: the", "a cue word that leads into another"),
            ("My father used to say that bread does not wait.", "say", "My father | after: that", "a habit's lead-in"),
            ("The {Scotsman} leads on the ferry, reporting that costs doubled.", "reporting", "The Scotsman | after: that", "a participle after a comma before `that`"),
            ("The mayor left, calling it a “win,” and her rival calling it a “loss.”", "calling#2", "her rival | after: it", "an absolute participle has its own subject"),
            ("“Close the gates”—said [Ana Ortiz] to the crowd.", "said", "Ana Ortiz | quote: Close the gates", "a dash in place of the comma"),
            ("“Close the gates” -- said [Ana Ortiz].", "said", "Ana Ortiz | quote: Close the gates", "a double hyphen as the dash"),
            ("“Why now?” [Ana Ortiz] demanded.", "demanded", "Ana Ortiz | quote: Why now?", "a weak cue in a sentence that is only the attribution"),
            ("“Why now?” No one answered.", "answered", "none", "no one denies the act"),
            ("Rents, wages and prices will rise this spring, said [Lia Moro], an economist at {Ardent Bank}.", "said", "Lia Moro, an economist at Ardent Bank | clause: Rents, wages and prices will rise this spring", "a clause with commas, then an inverted cue: the clause is no aside"),
            ("If the vote slips, and if the bank balks, the plan will die, said [Lia Moro], an economist.", "said", "Lia Moro, an economist | clause: If the vote slips, and if the bank balks, the plan will die", "a clause after two subordinate clauses"),
            // Near misses.
            ("[Hugh Hill], a doctor at the clinic, said the wait was long.", "said", "Hugh Hill, a doctor at the clinic | after: the", "an apposition between commas"),
            ("The mayor, who has served two terms, said the bridge will reopen.", "said", "The mayor, who has served two terms | after: the", "a relative clause may hold a verb"),
            ("[Ida Lund], the council's deputy leader, said the bridge will reopen.", "said", "Ida Lund, the council's deputy leader | after: the", "a possessive 's is no verb"),
            ("Fuel costs rose 5 per cent, the mayor said.", "per", "none", "per cent names no one"),
            ("Tickets cost £5 per person in the stands.", "per", "none", "per person names no one"),
            ("Saying little, the mayor closed the bridge.", "Saying", "none", "a participle opening its sentence has no subject"),
            ("Everyone watched “Face the Nation,” the mayor said.", "said", "the mayor | after: .", "a title is not the content"),
            ("“We won.” He added, “Now we build.”", "added", "He | after: ,", "a closed sentence before, a quotation after"),
            ("“The plant will close.” The company said in a statement that talks go on.", "said", "The company | after: that", "`that` follows: the quotation before is not the content"),
            ("“Stay indoors.” The message appeared on every phone.", "appeared", "The message | after: on", "a weak cue the sentence goes on after does not claim a closed quotation"),
            ("“Is that all?” Nobody answered.", "answered", "none", "a subject that denies the act"),
            ("It tried “phishing” -- fake emails said to come from the bank.", "said", "fake emails | after: to", "a dash before a noun phrase opens an aside"),
        ];
        for (input, head, want, why) in cases {
            assert_eq!(layout_of(input, head), *want, "{input} ({why})");
        }
    }

    #[test]
    fn list_markers_and_topic_labels() {
        // (text, cue head, first token of the sentence as sources and claims see it, why)
        #[rustfmt::skip]
        let cases: &[(&str, &str, &str, &str)] = &[
            ("• Prices fell, the agency said.", "said", "Prices", "a bullet"),
            ("- Prices fell, the agency said.", "said", "Prices", "a dash as a bullet"),
            ("3. Housing: prices fell, the agency said.", "said", "prices", "a number and a topic label"),
            ("Hard to assess: prices fell, the agency said.", "said", "prices", "a label of several words"),
            ("b) Prices fell, the agency said.", "said", "Prices", "an item letter"),
            ("(iv) Prices fell, the agency said.", "said", "Prices", "a roman numeral in brackets"),
            // Near misses.
            ("Prices fell, the agency said.", "said", "Prices", "nothing to skip"),
            ("The agency said: prices fell.", "said", "The", "a cue before the colon: no label"),
            ("Three big changes are coming to the budget: prices fell, she said.", "said", "Three", "a label has at most four words"),
        ];
        for (input, head, want, why) in cases {
            let d = doc(input);
            let v = view(&d);
            let at = tok(&v, head);
            let got = after_list_label(&v, v.sentence_of(at).0, at);
            assert_eq!(v.s(got), *want, "{input} ({why})");
        }
    }

    #[test]
    fn subject_a_participle_borrows() {
        // (text, participle, subject, why)
        #[rustfmt::skip]
        let cases: &[(&str, &str, &str, &str)] = &[
            ("He closed the bridge, saying it was unsafe.", "saying", "He", "the nearest subject pronoun"),
            ("The mayor closed the bridge, saying it was unsafe.", "saying", "The mayor", "the clause's first noun phrase"),
            ("The mayor, who closed the bridge, left early, saying she was tired.", "saying", "The mayor", "a pronoun after the cue does not count"),
            ("Noting the rain, the mayor left.", "Noting", "-", "a participle opening its sentence"),
        ];
        for (input, head, want, why) in cases {
            let d = doc(input);
            let v = view(&d);
            let at = tok(&v, head);
            let got =
                participle_subject(&v, at, v.sentence_of(at).0).map_or("-".into(), |s| text(&v, s));
            assert_eq!(got, *want, "{input} ({why})");
        }
    }

    #[test]
    fn subject_before_and_or_but() {
        // (text, cue head, subject, why)
        #[rustfmt::skip]
        let cases: &[(&str, &str, &str, &str)] = &[
            ("The mayor closed the bridge and said it was unsafe.", "said", "The mayor", "after and"),
            ("The mayor closed the bridge but said little.", "said", "The mayor", "after but"),
            ("The mayor closed the bridge, then said it was unsafe.", "said", "-", "no conjunction right before the cue"),
            ("Said the mayor: “Never.”", "Said", "-", "the cue opens its sentence"),
        ];
        for (input, head, want, why) in cases {
            let d = doc(input);
            let v = view(&d);
            let at = tok(&v, head);
            let got = subject_before_conjunction(&v, at, v.sentence_of(at).0)
                .map_or("-".into(), |s| text(&v, s));
            assert_eq!(got, *want, "{input} ({why})");
        }
    }

    #[test]
    fn an_adjunct_alone_after_the_cue() {
        // (text, cue head, only an adjunct follows, why)
        #[rustfmt::skip]
        let cases: &[(&str, &str, bool, &str)] = &[
            ("The bridge is safe, she said in an interview on Monday.", "said", true, "a time and place adjunct"),
            ("The bridge is safe, she said on Monday.", "said", true, "a time adjunct"),
            ("The bridge is safe, she said in an interview that ran long.", "said", false, "`that` follows"),
            ("The bridge is safe, she said on Monday, smiling.", "said", false, "a comma follows"),
            ("The bridge is safe, she said.", "said", false, "nothing follows"),
        ];
        for (input, head, want, why) in cases {
            let d = doc(input);
            let v = view(&d);
            let c = cue(&v, head);
            let got = only_adjunct_follows(&v, c.end, v.sentence_of(c.head).1);
            assert_eq!(got, *want, "{input} ({why})");
        }
    }

    #[test]
    fn token_after_the_addressee() {
        // (text, cue head, first token after cue and addressee, why)
        #[rustfmt::skip]
        let cases: &[(&str, &str, &str, &str)] = &[
            ("She told reporters that it was over.", "told", "that", "a noun phrase addressee"),
            ("She told them that it was over.", "told", "that", "an object pronoun"),
            ("She told the city council the plan.", "told", "the#2", "a determiner opens the addressee's phrase"),
            ("She said that it was over.", "said", "that", "`said` takes no addressee"),
        ];
        for (input, head, want, why) in cases {
            let d = doc(input);
            let v = view(&d);
            let c = cue(&v, head);
            let got = after_addressee(&v, c, v.sentence_of(c.head).1);
            assert_eq!(got, tok(&v, want), "{input} ({why})");
        }
    }
}

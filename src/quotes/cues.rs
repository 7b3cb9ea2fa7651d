//! Cue finding: words and phrases that attribute speech, writing or thought.
//!
//! The lexicon (`data/quotes/cues.tsv`) gives each cue word a class (verb, verb with an
//! addressee, participle, "according to") and a weight: how often the word attributes a claim
//! when it stands outside quoted content (measured on PolNeAR train, smoothed; see
//! `data/quotes/README.md`). A cue phrase is the head word plus what PolNeAR keeps with it:
//! auxiliaries, negation and a few adverbs before it ("has repeatedly said", "did not say"),
//! words that lead into it ("made a point to say", "was quick to add":
//! `data/quotes/cue_lead_ins.txt`), a particle after it ("called for", "according to"), and
//! a colon right after it ("said:"). "Per" is a credit like "according to" without a
//! particle (`data/quotes/cues_extra.tsv`). A word too rare a cue to count alone still counts
//! after a lead-in, and in a parenthetical credit ([`parenthetical_credit`]: "…, reports
//! CNBC, citing …").

use super::words::{CueClass, CueEntry, Flags, View};

/// Cue words below this weight are ignored.
pub const MIN_WEIGHT: f32 = 0.52;

/// One cue phrase in the text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cue {
    /// First token of the phrase.
    pub start: usize,
    /// One past its last token.
    pub end: usize,
    /// The head word.
    pub head: usize,
    /// The head's lexicon entry; a participle after an auxiliary counts as a verb.
    pub entry: CueEntry,
}

/// True when cue word `i`, too rare a cue to count alone, stands in a parenthetical credit
/// between commas or before the sentence end, with a short source that names someone on
/// either side: "…, reports CNBC, citing …", "…, the BBC reports, quoting …".
fn parenthetical_credit(v: &View, i: usize, hi: usize) -> bool {
    let t = &v.toks;
    let closes = |k: usize| k >= hi || t[k].is(Flags::COMMA | Flags::FINAL) && !t[k].quoted();
    let named = |a: usize, b: usize| {
        b > a
            && b - a <= 5
            && (a..b).all(|k| t[k].is_word() && !t[k].quoted())
            && (a..b).any(|k| t[k].is(Flags::CAP) && !t[k].is(Flags::SENT_START))
    };
    if !t[i].is(Flags::INV) || t[i].is(Flags::CAP) {
        return false;
    }
    // Inverted: ", reports CNBC,"
    if i > 0 && t[i - 1].is(Flags::COMMA) && !t[i - 1].quoted() {
        let end = (i + 1..hi.min(i + 7)).find(|&k| closes(k)).unwrap_or(hi);
        return closes(end) && named(i + 1, end);
    }
    // Subject first: ", the BBC reports,"
    let start = (i.saturating_sub(6)..i)
        .rev()
        .find(|&k| t[k].is(Flags::COMMA));
    start.is_some_and(|c| !t[c].quoted() && named(c + 1, i) && closes(i + 1))
}

/// Bodies that hear evidence: "The court heard that …".
pub(super) const HEARING_BODIES: [&str; 8] = [
    "court",
    "jury",
    "jurors",
    "tribunal",
    "inquest",
    "hearing",
    "magistrates",
    "inquiry",
];

/// True when cue word `i` is "heard" right after a body that hears evidence and before
/// `that` ("The court heard that …", "Jurors heard that …").
pub(super) fn court_heard(v: &View, i: usize, lo: usize, hi: usize) -> bool {
    let t = &v.toks;
    v.eq(i, "heard")
        && i > lo
        && i + 1 < hi
        && t[i + 1].is(Flags::THAT)
        && HEARING_BODIES.iter().any(|w| v.eq(i - 1, w))
        && !t[i - 1].quoted()
}

/// True when cue word `i` is "make the case" before `that` ("X makes the case that …").
fn makes_the_case(v: &View, i: usize, hi: usize) -> bool {
    let t = &v.toks;
    i + 3 < hi
        && v.eq(i + 1, "the")
        && v.eq(i + 2, "case")
        && t[i + 3].is(Flags::THAT)
        && !(i..i + 4).any(|k| t[k].quoted())
}

/// True when cue word `i` is "put it" as a credit: "As X put it, …" (a short subject after
/// `as`), or before a colon or a quotation ("X put it: “…”").
fn puts_it(v: &View, i: usize, lo: usize, hi: usize) -> bool {
    let t = &v.toks;
    if !v.eq(i, "put") || i + 2 >= hi || !v.eq(i + 1, "it") || t[i + 1].quoted() {
        return false;
    }
    // "put it simply:", "put it bluntly, “…”".
    let manner = usize::from(t[i + 2].is(Flags::ADVERB_LY) && i + 3 < hi);
    let next = &t[i + 2 + manner];
    let as_before = (lo.max(i.saturating_sub(8))..i)
        .rev()
        .take_while(|&k| !t[k].is(Flags::FINAL | Flags::SEMI) || t[k].quoted())
        .any(|k| v.eq(k, "as") && !t[k].quoted());
    let closes = next.is(Flags::COMMA | Flags::FINAL | Flags::PREP | Flags::TIME);
    as_before && closes || next.is(Flags::COLON | Flags::QOPEN)
}

/// True when verb cue `i`, too rare a cue to count alone (a word more often a noun:
/// "reports", "notes"), stands between a named subject and "that" or a colon: "<Name>
/// reports that …", "<Name> reports: …", also with a sentence adverb between ("The Star now
/// reports that …").
fn named_subject_and_that(v: &View, i: usize, hi: usize) -> bool {
    let t = &v.toks;
    let adverb = |k: usize| {
        t[k].is(Flags::BOUNDARY | Flags::ADVERB_LY) && !t[k].is(Flags::CAP | Flags::CONJ)
    };
    let subject = if i > 1 && adverb(i - 1) {
        i - 2
    } else {
        i.wrapping_sub(1)
    };
    t[i].cue.is_some_and(|e| e.class == CueClass::Verb)
        && i > 0
        && i + 1 < hi
        && t[i + 1].is(Flags::THAT | Flags::COLON)
        && !t[i + 1].quoted()
        && t[subject].is(Flags::ENT_PER | Flags::ENT_ORG)
        && !t[subject].is(Flags::POSS)
}

/// True when verb cue `i`, a speech tag only ("laughed"), tags the quotation
/// that closes right before it (`“…,” laughed Des Maguire`) or before its one-word subject
/// (`“…,” he laughed`), as a speech tag does.
fn tags_a_quotation(v: &View, i: usize, lo: usize) -> bool {
    let t = &v.toks;
    // A tag follows a quotation that its comma, question or exclamation mark leaves open
    // to it, in the same paragraph (after a full stop, "He laughed." is an action).
    let closes = |k: usize| {
        k > lo
            && t[k].is(Flags::QCLOSE)
            && t[k].para == t[i].para
            && (t[k - 1].is(Flags::COMMA) || v.s(k - 1) == "?" || v.s(k - 1) == "!")
    };
    let inverted = i > lo && closes(i - 1);
    let subject = i > lo + 1
        && closes(i - 2)
        && (t[i - 1].is(Flags::PRONOUN | Flags::ENT_PER) || t[i - 1].is(Flags::CAP))
        && !t[i - 1].quoted();
    t[i].cue.is_some_and(|e| e.class == CueClass::Verb) && (inverted || subject)
}

/// True when verb cue `i`, too rare a cue to count alone ("show"), follows a plural noun or
/// a name and introduces `that` ("Court records show that …") or closes a clause after a
/// comma ("…, documents seen by The Guardian show.").
fn evidence_shows(v: &View, i: usize, hi: usize) -> bool {
    let t = &v.toks;
    if !t[i].cue.is_some_and(|e| e.class == CueClass::Verb) || i == 0 || i + 1 >= hi {
        return false;
    }
    let p = &t[i - 1];
    let plural = p.is_word()
        && !p.is(Flags::CAP)
        && v.s(i - 1).ends_with('s')
        && !p.is(Flags::DET | Flags::PREP | Flags::AUX | Flags::PRONOUN | Flags::VERB);
    let name = (p.is(Flags::ENT_ORG | Flags::ENT_PER)
        || p.is(Flags::CAP) && !p.is(Flags::SENT_START))
        && !p.is(Flags::POSS);
    if p.quoted() || !(plural || name) {
        return false;
    }
    let that = t[i + 1].is(Flags::THAT) && !t[i + 1].quoted();
    let closes = t[i + 1].is(Flags::FINAL)
        && (i.saturating_sub(8)..i - 1).any(|k| t[k].is(Flags::COMMA) && !t[k].quoted());
    that || closes
}

/// True when cue word `i` leads into the cue verb after it, whose phrase it is ("emailed
/// to say …").
fn leads_in(v: &View, i: usize, lo: usize, hi: usize) -> bool {
    i + 2 < hi
        && v.eq(i + 1, "to")
        && (v.toks[i + 2].cue.is_some() || v.bare_cue_after_lead_in(i + 2, lo).is_some())
        && i + 2 - v.lead_in_len(i + 2, lo) <= i
}

/// True when cue word `i` follows "will": what is yet to be said is no report ("the
/// ministry will ask parliament to …"; PolNeAR train labels 4 of 24 such cue verbs).
fn future(v: &View, i: usize, s0: usize) -> bool {
    i > s0
        && ["will", "shall", "'ll", "\u{2019}ll"]
            .iter()
            .any(|w| v.eq(i - 1, w))
}

/// True when sentence `[s0, s1)` is a question that opens with its auxiliary ("Did he
/// ever tell you the dam was unsafe?", also after a transcript's "Q." label): what it asks
/// about was not said.
fn asks_a_question(v: &View, s0: usize, s1: usize) -> bool {
    let t = &v.toks;
    let mut k = s0;
    if k < s1 && matches!(v.s(k), "Q." | "Q") {
        k += 1;
        if k < s1 && t[k].is(Flags::COLON) {
            k += 1;
        }
    }
    k + 1 < s1
        && t[k].is(Flags::AUX)
        && t[k].is(Flags::CAP)
        && !t[k].quoted()
        && v.s(s1 - 1) == "?"
        && !t[s1 - 1].quoted()
}

/// True when participle cue `i`, too rare a cue to count alone ("reporting"), is a
/// progressive verb, or a participle after a comma, that introduces a `that` clause or a
/// colon, right after it or after a short adjunct ("Sky News is reporting: …", "was
/// reporting on Monday that …", "The Scotsman leads on the ferry, reporting that …").
fn reports_that(v: &View, i: usize, hi: usize) -> bool {
    let t = &v.toks;
    let opens = |k: usize| t[k].is(Flags::THAT | Flags::COLON) && !t[k].quoted();
    if !t[i].cue.is_some_and(|e| e.class == CueClass::Participle) || i + 1 >= hi {
        return false;
    }
    let after_comma = i > 0 && t[i - 1].is(Flags::COMMA) && !t[i - 1].quoted();
    (super::extent::after_be(v, i) || after_comma)
        && (i + 1..hi.min(i + 6))
            .find(|&k| opens(k) || t[k].cue.is_some() || t[k].is(Flags::VERB | Flags::FINAL))
            .is_some_and(opens)
}

/// True when participle cue `i` heads a noun phrase: right after an article ("a
/// briefing"), or after an article and at most two plain words with a preposition that
/// no report takes after it ("issued an amber wind warning for the coast"; "a statement
/// warning that …", "an ad warning of …" report).
fn participle_as_noun(v: &View, i: usize, lo: usize) -> bool {
    let t = &v.toks;
    if !t[i].cue.is_some_and(|e| e.class == CueClass::Participle) || i == 0 {
        return false;
    }
    if ["a", "an", "the"].iter().any(|w| v.eq(i - 1, w)) && !t[i - 1].quoted() {
        return true;
    }
    let reporting_prep = ["of", "about", "that", "to", "against", "on", "over", "in"];
    let noun_prep = t.get(i + 1).is_some_and(|n| {
        n.is(Flags::PREP) && !n.quoted() && !reporting_prep.iter().any(|w| v.eq(i + 1, w))
    });
    if !noun_prep {
        return false;
    }
    let plain = |k: usize| {
        t[k].is_word()
            && !t[k].quoted()
            && !t[k].is(Flags::CAP | Flags::VERB | Flags::AUX | Flags::PREP | Flags::ING)
            && t[k].cue.is_none()
    };
    let mut k = i;
    while k > lo && i - k < 3 {
        k -= 1;
        if ["a", "an", "the"].iter().any(|w| v.eq(k, w)) && !t[k].quoted() {
            return true;
        }
        if !plain(k) {
            return false;
        }
    }
    false
}

/// Finds the cue phrases in tokens `[lo, hi)`, in order, skipping words inside quotations.
pub fn find(v: &View, lo: usize, hi: usize, out: &mut Vec<Cue>) {
    let t = &v.toks;
    let mut i = lo;
    while i < hi {
        let tok = &t[i];
        let Some(mut entry) = tok.cue.or_else(|| v.bare_cue_after_lead_in(i, lo)) else {
            i += 1;
            continue;
        };
        let rare = if entry.tag_only {
            !tags_a_quotation(v, i, lo)
        } else {
            entry.weight < MIN_WEIGHT
                && !parenthetical_credit(v, i, hi)
                && !named_subject_and_that(v, i, hi)
                && !reports_that(v, i, hi)
                && !evidence_shows(v, i, hi)
                && !puts_it(v, i, lo, hi)
                && !makes_the_case(v, i, hi)
                && !court_heard(v, i, lo, hi)
                && v.lead_in_len(i, lo) == 0
        };
        // "that cost adds up over a winter": a phrasal verb, not a report.
        let adds_up = i + 1 < hi && v.eq(i + 1, "up") && v.s(i).to_lowercase().starts_with("add");
        if tok.quoted() || rare || adds_up || leads_in(v, i, lo, hi) {
            i += 1;
            continue;
        }
        // A capitalised cue word inside a sentence is a name ("Hope Hicks", "Will"), unless
        // its neighbours are capitalised too (a headline: "Bush Says We Should ...").
        let headline = i > lo && i + 1 < hi && t[i - 1].is(Flags::CAP) && t[i + 1].is(Flags::CAP);
        let after_quote = i > lo && t[i - 1].is(Flags::QCLOSE | Flags::QOPEN | Flags::COMMA);
        // "- According to Bloomberg News, …": the first word after a list marker opens its
        // sentence (looked up last: most words are not capitalised).
        let after_marker = || {
            let s0 = v.sentence_of(i).0;
            s0 < i && super::layout::after_list_marker(v, s0, i + 1) == i
        };
        // "• Energy: Per Bloomberg News, …": a credit word opens the clause after a label.
        // "08:10 — Per the BBC, …": and after a live blog's timestamp.
        let after_label = entry.class == CueClass::According
            && i > lo
            && (t[i - 1].is(Flags::COLON) || {
                let s0 = v.sentence_of(i).0;
                s0 < i && super::layout::after_timestamp(v, s0, i) == i
            });
        let name = tok.is(Flags::CAP)
            && !tok.is(Flags::SENT_START)
            && !headline
            && !after_quote
            && !after_label
            && !after_marker();
        if name || participle_as_noun(v, i, lo) {
            i += 1;
            continue;
        }
        let (s0, s1) = v.sentence_of(i);
        if (future(v, i, s0) || asks_a_question(v, s0, s1)) && !tok.quoted() {
            i += 1;
            continue;
        }
        let hi_s = s1.min(hi);
        let particles = v.particle_len(i, hi_s);
        if entry.class == CueClass::According && particles == 0 && !v.takes_no_particle(i) {
            i += 1;
            continue;
        }
        let mut start = i - v.lead_in_len(i, s0.max(lo));
        let mut n = 0;
        while start > s0.max(lo) && n < 4 {
            let p = &t[start - 1];
            if p.quoted()
                || !p.is(Flags::AUX | Flags::CUE_ADV | Flags::ADVERB_LY)
                || p.is(Flags::CAP) && !p.is(Flags::SENT_START)
            {
                break;
            }
            // "Stumpf's repeated emphasis": 's after a name is a possessive, not "has".
            if p.is(Flags::POSS) && !(start >= 2 && t[start - 2].is(Flags::PRONOUN)) {
                break;
            }
            start -= 1;
            n += 1;
        }
        // Do not take a leading adverb without a verb after it ("also" alone is fine, but
        // "now" at the phrase start with nothing else is common noise): keep as is.
        if entry.class == CueClass::Participle && (start..i).any(|k| t[k].is(Flags::AUX)) {
            entry.class = CueClass::Verb;
        }
        let mut end = i + 1 + particles;
        if end < hi_s && t[end].is(Flags::COLON) {
            end += 1;
        }
        // "complain bitterly that", "said explicitly that": PolNeAR keeps a manner adverb
        // between the verb and `that` in the cue.
        if end + 1 < hi_s
            && t[end].is(Flags::ADVERB_LY)
            && t[end + 1].is(Flags::THAT)
            && !t[end].quoted()
        {
            end += 1;
        }
        out.push(Cue {
            start,
            end,
            head: i,
            entry,
        });
        i = end;
    }
}

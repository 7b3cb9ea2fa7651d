//! Finding the source of a cue: the noun phrase that says who made the claim.
//!
//! PolNeAR marks the whole noun phrase as the source, titles and appositions included
//! ("Representative Steve Cohen, Democrat of Tennessee,", "Paradis, who volunteered ...,"),
//! but not a participial aside ("Trump, speaking at a rally in Wilmington, warned"). Without a
//! parser, noun phrases are read off word classes:
//! - scanning left from a cue, a phrase takes names, numbers, possessives, role nouns and
//!   other content words, stops at conjunctions, prepositions (except `of` and the like inside
//!   a phrase), verbs, pronouns and punctuation, and closes at a determiner; left of a name
//!   only a role or title may follow ("spokesman John Kirby", not "a statement Trump");
//! - scanning right from an inverted cue ("said Smith"), the same classes in the other
//!   direction, then an apposition up to the sentence end ("said Smith, a doctor.");
//! - when a comma stands right before the cue, the phrase before the previous comma(s) is the
//!   source and the part between is an apposition or an aside ("Hugh Hill, a doctor, said").

use super::extent::Frame;
use super::words::{Flags, Tok, View};
use crate::doc::MentionKind;

/// Function words: they are never part of a name, nor nouns.
const FUNCTION: Flags = Flags::BOUNDARY
    .union(Flags::PREP)
    .union(Flags::DET)
    .union(Flags::AUX)
    .union(Flags::VERB)
    .union(Flags::PRONOUN)
    .union(Flags::REL)
    .union(Flags::THAT)
    .union(Flags::OBJ_PRONOUN);

/// Verbs after a name ending in a possessive clitic that make the clitic part of the name
/// ("Barron's argues"): past forms that are no -ed words, and present forms that are never
/// nouns.
const VERB_AFTER_POSSESSIVE_NAME: [&str; 12] = [
    "said", "told", "wrote", "says", "tells", "writes", "argues", "adds", "insists", "explains",
    "warns", "contends",
];

/// A capitalised content word (or a token inside a PER/ORG entity).
#[inline]
pub fn name_like(t: &Tok) -> bool {
    t.is(Flags::ENT_PER | Flags::ENT_ORG) || (t.is(Flags::CAP) && !t.is(FUNCTION | Flags::PUNCT))
}

/// A lowercase word that can describe the job of the person named after it ("striker",
/// "county clerk"): no cue, function word, conjunction, adverb or time word.
pub fn job_word(t: &Tok) -> bool {
    t.is_word()
        && !t.quoted()
        && t.cue.is_none()
        && !t.is(Flags::CAP | Flags::CONJ | Flags::ADVERB_LY | Flags::TIME | FUNCTION)
}

/// A word that can be part of a noun phrase.
#[inline]
fn nounish(t: &Tok) -> bool {
    // A role that is also a verb ("the council's housing lead") is a noun here.
    let role_verb = t.is(Flags::ROLE) && !t.is(FUNCTION.difference(Flags::VERB));
    t.is_word()
        && (name_like(t)
            || role_verb
            || (!t.is(FUNCTION | Flags::ADVERB_LY | Flags::ING)
                && (t.cue.is_none() || t.is(Flags::ROLE))))
}

/// Skips a time or place adjunct that ends right before `end` ("on Tuesday", "last week",
/// "Tuesday", "in a statement"); returns the new end.
pub fn skip_adjunct_left(v: &View, end: usize, lo: usize) -> usize {
    let t = &v.toks;
    if end <= lo {
        return end;
    }
    let last = end - 1;
    if t[last].is(Flags::TIME) && !t[last].quoted() {
        let mut k = last;
        // "last week", "on Tuesday", "Tuesday night"
        while k > lo && t[k - 1].is(Flags::TIME) {
            k -= 1;
        }
        if k > lo && (v.eq(k - 1, "on") || v.eq(k - 1, "this") || v.eq(k - 1, "last")) {
            k -= 1;
        }
        return k;
    }
    // "in a statement", "in an interview", "on Twitter"
    if end >= lo + 3 && (v.eq(last, "statement") || v.eq(last, "interview")) {
        let k = last - 1;
        if t[k].is(Flags::DET) && v.eq(k - 1, "in") {
            return k - 1;
        }
    }
    if end >= lo + 2 && v.eq(last, "Twitter") && v.eq(last - 1, "on") {
        return last - 1;
    }
    // "Trump in his announcement speech called ...": a short prepositional phrase between a
    // name or pronoun and the cue.
    let mut k = end;
    let mut n = 0;
    while k > lo && n < 4 && nounish(&t[k - 1]) && !name_like(&t[k - 1]) && !t[k - 1].quoted() {
        k -= 1;
        n += 1;
    }
    if n > 0 && k >= lo + 3 {
        let det = &t[k - 1];
        let prep = k - 2;
        let opens = det.is(Flags::DET) || v.eq(k - 1, "his") || v.eq(k - 1, "her");
        let in_on = ["in", "on", "at", "during"].iter().any(|w| v.eq(prep, w));
        let before = &t[prep - 1];
        // A capital that only opens the sentence is no name: "Farmers on the north shore
        // argue" keeps its prepositional phrase.
        let name = name_like(before) && !group_noun_before(v, prep);
        if opens && in_on && (name || before.is(Flags::PRONOUN)) {
            return prep;
        }
    }
    end
}

/// The start of the noun phrase that ends right before `end`, not reaching before `lo`.
pub fn np_left_core(v: &View, end: usize, lo: usize) -> Option<usize> {
    let t = &v.toks;
    if end <= lo {
        return None;
    }
    let last = end - 1;
    if t[last].quoted() {
        return None;
    }
    // "One of them said", "Several of us told": a quantity of a group named before (not
    // "neither" or "none", whose verb tells what they did not do).
    if last >= lo + 2
        && t[last].is(Flags::OBJ_PRONOUN)
        && v.eq(last - 1, "of")
        && (t[last - 2].is(Flags::NUM | Flags::LONE_QUANTIFIER)
            || ["all", "each", "two", "three"]
                .iter()
                .any(|w| v.eq(last - 2, w)))
        && !t[last - 2].quoted()
    {
        return Some(last - 2);
    }
    if t[last].is(Flags::PRONOUN | Flags::REL) && !t[last].is(Flags::ENT_PER | Flags::ENT_ORG) {
        return Some(last);
    }
    // "The skippers here say", "Residents there said": a place adverb after a plural or a
    // role belongs to the phrase.
    let end = if (v.eq(last, "here") || v.eq(last, "there"))
        && !t[last].is(Flags::CAP)
        && last > lo
        && nounish(&t[last - 1])
        && (v.s(last - 1).ends_with('s') || t[last - 1].is(Flags::ROLE))
        && !t[last - 1].is(Flags::PRONOUN)
        && !t[last - 1].quoted()
    {
        last
    } else {
        end
    };
    let from = if t[end - 1].is(Flags::RPAREN) {
        before_parenthetical(v, end - 1, lo)?
    } else {
        end
    };
    let found = match scan_phrase_left(v, from, end, lo) {
        Scan::Decided(start) => start,
        Scan::Reached(k) if k == end => None,
        Scan::Reached(k) => trim_dangling_start(v, k, end),
    };
    match relative_who_before(v, end, lo) {
        Some(w) if found.is_none_or(|s| s > w) => np_left_core(v, w, lo).or(found),
        _ => found,
    }
}

/// "A plasterer who won £1m on a scratchcard says": the `who` of a relative clause with a
/// verb of its own (or a participle after a plural noun) that runs, without a comma, up to
/// `end`, right after a noun.
fn relative_who_before(v: &View, end: usize, lo: usize) -> Option<usize> {
    let t = &v.toks;
    let mut k = end;
    while k > lo && end - k < 16 {
        k -= 1;
        let tk = &t[k];
        if tk.quoted() || tk.is(Flags::COMMA | Flags::FINAL | Flags::SEMI | Flags::COLON) {
            return None;
        }
        // "Residents queuing for bottled water in Almsford told": a participle's phrase after
        // a plural noun describes it as a relative clause does.
        let participle = tk.is(Flags::ING)
            && tk.cue.is_none()
            && k > lo
            && v.s(k - 1).ends_with('s')
            && !super::extent::PREPOSITION_LIKE.iter().any(|w| v.eq(k, w));
        if v.eq(k, "who") || participle {
            // One clause, ending in a noun: not "who has refused to", not "who was
            // lambasted in a year when voters".
            let verb =
                participle || (k + 1..end).any(|j| t[j].is(Flags::VERB | Flags::ED | Flags::AUX));
            let one_clause = !(k + 1..end)
                .any(|j| t[j].is(Flags::REL | Flags::THAT | Flags::CONJ) || t[j].cue.is_some());
            let closes = nounish(&t[end - 1]) && !t[end - 1].is(Flags::PREP | Flags::ADVERB_LY);
            return (k > lo
                && verb
                && one_clause
                && closes
                && nounish(&t[k - 1])
                && !t[k - 1].is(Flags::PRONOUN))
            .then_some(k);
        }
    }
    None
}

/// A trailing parenthetical closing at token `close` ("Paul Ryan (R-Wis.)"): its opening
/// bracket, when a name stands before it and it is short.
fn before_parenthetical(v: &View, close: usize, lo: usize) -> Option<usize> {
    let t = &v.toks;
    let mut j = close;
    while j > lo && close - j < 8 && !t[j].is(Flags::LPAREN) {
        j -= 1;
    }
    (t[j].is(Flags::LPAREN) && j > lo && name_like(&t[j - 1])).then_some(j)
}

/// Where a leftward scan over a noun phrase stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scan {
    /// It reached token `k`: the phrase is `[k, end)`, before trimming.
    Reached(usize),
    /// A rule decided the phrase's start outright (or that there is none).
    Decided(Option<usize>),
}

/// Nouns that describe a news organisation before its name, as a role does before a
/// person's ("state broadcaster NHK", "the Spanish newspaper El País").
const OUTLET_DESCRIPTORS: [&str; 12] = [
    "broadcaster",
    "newspaper",
    "paper",
    "daily",
    "tabloid",
    "weekly",
    "magazine",
    "agency",
    "network",
    "channel",
    "station",
    "website",
];

/// What a determiner rule decided: take tokens down to `k` (counting `words` of them) and
/// go on, or stop at `k`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Go { k: usize, words: usize },
    Stop(usize),
    Decided(Option<usize>),
}

/// Scans left from `k` over the words of a noun phrase that ends at `end` (at most twelve):
/// names, numbers, possessives, role nouns and other content words, `&` and `and` between
/// names, `of` and the like inside a phrase; it closes at a determiner. Left of a name only
/// a role (or an outlet's descriptor: "state broadcaster NHK") may follow when the name is
/// the head ("spokesman John Kirby", not "a statement Trump"); a lowercase head takes
/// adjectives ("a major Muslim civil rights group").
fn scan_phrase_left(v: &View, mut k: usize, end: usize, lo: usize) -> Scan {
    let t = &v.toks;
    let mut name_seen = false;
    let mut role_after_name = false;
    let mut head_is_name = true;
    let mut n = 0;
    while k > lo && n < 12 {
        let i = k - 1;
        let tk = &t[i];
        if tk.quoted() {
            break;
        }
        if tk.is(Flags::POSS) {
            // "Barron's reported", "McDonald's said", "Barron's argues": a clitic that ends
            // the phrase after a capitalised word belongs to the name when a past-tense verb
            // or a verb that is never a noun follows (not "North Korea's claims", a noun).
            let past = || {
                t.get(end).is_some_and(|c| {
                    c.is(Flags::ED) || VERB_AFTER_POSSESSIVE_NAME.iter().any(|w| v.eq(end, w))
                })
            };
            if k == end && i > lo && name_like(&t[i - 1]) && past() {
                k -= 1;
                continue;
            }
            if i > lo && t[i - 1].is_word() && k < end {
                // Left of `'s` is the possessor's own phrase ("the brigade's Anna Fell").
                k -= 1;
                n += 1;
                name_seen = false;
                role_after_name = false;
                head_is_name = false;
                continue;
            }
            break;
        }
        if tk.is(Flags::PUNCT) {
            if v.s(i) == "&" && k < end && i > lo && name_like(&t[i - 1]) {
                k -= 1;
                continue;
            }
            if k < end && i > lo && joins_compound(v, i) {
                k -= 1;
                continue;
            }
            break;
        }
        let name = name_like(tk);
        if tk.is(Flags::DET) && !name {
            match left_of_determiner(v, i, end, lo) {
                Step::Go { k: to, words } => {
                    if t[to].is(Flags::NP_PREP) || post_modifier(v, to, lo) {
                        // Left of the preposition starts the head's own phrase.
                        name_seen = false;
                        role_after_name = false;
                        head_is_name = false;
                    }
                    k = to;
                    n += words;
                    continue;
                }
                Step::Stop(to) => return Scan::Reached(to),
                Step::Decided(start) => return Scan::Decided(start),
            }
        }
        if (tk.is(Flags::NP_PREP) || k < end && post_modifier(v, i, lo)) && !name {
            // Left of `of` starts the head's own phrase ("79 percent of Democrats").
            let ratio = is_ratio(v, i, end, lo);
            if k < end && i > lo && (nounish(&t[i - 1]) || ratio) {
                k -= 1;
                n += 1;
                name_seen = false;
                role_after_name = false;
                head_is_name = false;
                if ratio {
                    k -= 1;
                    n += 1;
                }
                continue;
            }
            break;
        }
        if k < end && i > lo && and_joins_names(v, i) {
            k -= 1;
            n += 1;
            continue;
        }
        // "people familiar with the plans said": a word too rare a cue to count as one
        // ("plans", `cues::MIN_WEIGHT`) after a determiner is the phrase's noun.
        let rare_cue_noun = k == end
            && i > lo
            && t[i - 1].is(Flags::DET)
            && tk.cue.is_some_and(|c| c.weight < super::cues::MIN_WEIGHT);
        let cue_modifier = k < end && cue_verb_as_modifier(v, i, lo);
        if !nounish(tk) && !modifies_role(v, i) && !rare_cue_noun && !cue_modifier {
            break;
        }
        if name || tk.is(Flags::NUM) {
            name_seen |= name;
        } else if name_seen && !role_after_name && head_is_name {
            let descriptor =
                OUTLET_DESCRIPTORS.iter().any(|w| v.eq(i, w)) || tk.is(Flags::ORG_HEAD);
            if !tk.is(Flags::ROLE) && !descriptor {
                break;
            }
            role_after_name = true;
        }
        if k == end {
            head_is_name = name;
        }
        k -= 1;
        n += 1;
    }
    Scan::Reached(k)
}

/// "A show insider told": a cue verb's bare form at token `i`, between a determiner and the
/// head of its phrase, is a noun modifying the head.
fn cue_verb_as_modifier(v: &View, i: usize, lo: usize) -> bool {
    let t = &v.toks;
    i > lo
        && t[i - 1].is(Flags::DET)
        && t[i].cue.is_some()
        && t[i].is(Flags::VERB)
        && !t[i].is(FUNCTION.difference(Flags::VERB) | Flags::CAP | Flags::ING | Flags::ED)
}

/// The rule for a determiner at token `det` in a phrase that ends at `end`. At the phrase
/// end, a quantifier alone is a subject ("Another tweeted", "Many say", "One in five say").
/// Inside it, the phrase closes at the determiner, or goes on left of it: "some of the
/// officials", "a few lawmakers", "the mayor and the police chief", "a spokeswoman for the
/// operator", "Mr. Hale of the River Club" (after a name only `of` does: "Trump at the rally
/// said" is an adjunct; a capitalised role noun is no name: "Officials in the town said").
fn left_of_determiner(v: &View, det: usize, end: usize, lo: usize) -> Step {
    let t = &v.toks;
    if det + 1 == end {
        if t[det].is(Flags::LONE_QUANTIFIER) {
            return Step::Decided(Some(det));
        }
        if det >= lo + 2 && v.eq(det - 1, "in") && t[det - 2].is(Flags::NUM | Flags::DET) {
            return Step::Decided(Some(det - 2));
        }
        return Step::Decided(None);
    }
    let mut k = det;
    if k >= lo + 2 && v.eq(k - 1, "of") && t[k - 2].is(Flags::DET | Flags::NUM) {
        return Step::Go { k: k - 2, words: 0 };
    }
    if k > lo && t[k - 1].is(Flags::DET) && !name_like(&t[k - 1]) {
        k -= 1;
    }
    if k >= lo + 2
        && v.eq(k - 1, "and")
        && (name_like(&t[k - 2]) || t[k - 2].is(Flags::ROLE))
        && !t[k - 2].quoted()
    {
        return Step::Go { k: k - 1, words: 1 };
    }
    if k >= lo + 2 && v.eq(k - 1, "on") && group_noun_before(v, k - 1) {
        return Step::Go { k: k - 1, words: 1 };
    }
    if k >= lo + 2
        && (t[k - 1].is(Flags::NP_PREP) || post_modifier(v, k - 1, lo))
        && !t[k - 1].quoted()
        && nounish(&t[k - 2])
        && (!name_like(&t[k - 2]) || v.eq(k - 1, "of") || t[k - 2].is(Flags::ROLE))
    {
        return Step::Go { k: k - 1, words: 1 };
    }
    Step::Stop(k)
}

/// True when the preposition at token `prep` ("in", "on", …) follows a plural common noun
/// that opens its sentence ("Partisans on both sides warn", "Farmers in the valley say"):
/// its phrase names the group, it is no adjunct.
fn group_noun_before(v: &View, prep: usize) -> bool {
    let t = &v.toks;
    prep > 0 && (t[prep].is(Flags::NP_PREP) || v.eq(prep, "on")) && {
        let n = &t[prep - 1];
        n.is(Flags::SENT_START)
            && n.is(Flags::CAP)
            && !n.is(Flags::ENT_PER | Flags::ENT_ORG)
            && !n.quoted()
            && {
                // A plural: "Farmers", and "Fishermen", "People", "Police", "Staff".
                let w = v.s(prep - 1);
                w.len() > 3
                    && (w.ends_with('s')
                        || w.ends_with("men")
                        || ["People", "Police", "Staff", "Children"].contains(&w))
            }
    }
}

/// "a source close to the pair", "economists polled by Reuters", "an adviser to the mayor":
/// `to` or `by` at token `i` after a lowercase word (a role, or an adjective or participle
/// after a noun or a determiner) continues a noun phrase read leftwards (the prepositions
/// list leaves them out: "said Ana Ortiz to the crowd").
fn post_modifier(v: &View, i: usize, lo: usize) -> bool {
    let t = &v.toks;
    (v.eq(i, "to") || v.eq(i, "by"))
        && i > lo + 1
        && !t[i - 1].quoted()
        && t[i - 1].is_word()
        && !t[i - 1].is(Flags::CAP | FUNCTION)
        && t[i - 1].cue.is_none()
        && (nounish(&t[i - 2]) || t[i - 2].is(Flags::DET) || t[i - 1].is(Flags::ROLE))
}

/// "one in five", "two in three": `in` at token `i` between a number or determiner and a
/// number, inside a phrase that ends at `end`.
fn is_ratio(v: &View, i: usize, end: usize, lo: usize) -> bool {
    let t = &v.toks;
    v.eq(i, "in")
        && i + 1 < end
        && i > lo
        && t[i - 1].is(Flags::NUM | Flags::DET)
        && t[i + 1].is(Flags::NUM)
}

/// True when the `and` at token `i` joins two names or roles ("Republican Trump and Democrat
/// Clinton", "the FBI and Justice Department").
fn and_joins_names(v: &View, i: usize) -> bool {
    let t = &v.toks;
    if !t[i].is(Flags::CONJ) || !v.eq(i, "and") {
        return false;
    }
    let (l, r) = (&t[i - 1], &t[i + 1]);
    (name_like(l) || l.is(Flags::ROLE))
        && !l.quoted()
        && (name_like(r)
            || r.is(Flags::ROLE | Flags::DET)
            || v.eq(i + 1, "his")
            || v.eq(i + 1, "her"))
}

/// True when token `i` is a lowercase participle that modifies the role noun after it
/// ("driving instructor", "managing editor", "restructuring experts"), not a cue, a `citing`
/// participle or a gerund ("for not letting voters know"): it opens the phrase after
/// punctuation, a determiner, a possessive, a number, a name or a cue ("said driving
/// instructor …"). Right after a determiner it modifies any lowercase noun ("the missing
/// hiker", "a visiting lecturer").
fn modifies_role(v: &View, i: usize) -> bool {
    let t = &v.toks;
    let tk = &t[i];
    let opens = i == 0 || {
        let p = &t[i - 1];
        p.is(Flags::PUNCT | Flags::DET | Flags::POSS | Flags::NUM)
            || name_like(p)
            || p.cue.is_some()
    };
    opens
        && tk.is(Flags::ING)
        && !tk.is(Flags::CAP | Flags::CITING)
        && tk.cue.is_none()
        && !tk.quoted()
        && t.get(i + 1).is_some_and(|r| {
            let noun = i > 0
                && t[i - 1].is(Flags::DET)
                && nounish(r)
                && !r.is(Flags::CAP | Flags::ING | Flags::ED)
                && r.cue.is_none();
            (r.is(Flags::ROLE) || noun) && !r.quoted()
        })
}

/// True when token `i` is a hyphen inside a compound word ("24-year-old", "vice-chair"):
/// it touches a word on each side.
fn joins_compound(v: &View, i: usize) -> bool {
    let t = &v.toks;
    v.s(i) == "-"
        && i > 0
        && i + 1 < t.len()
        && t[i - 1].is_word()
        && t[i + 1].is_word()
        && t[i - 1].span.end == t[i].span.start
        && t[i].span.end == t[i + 1].span.start
}

/// The phrase `[k, end)` never starts on a dangling preposition or possessive.
fn trim_dangling_start(v: &View, mut k: usize, end: usize) -> Option<usize> {
    let t = &v.toks;
    while k < end && t[k].is(Flags::NP_PREP | Flags::POSS) && !name_like(&t[k]) {
        k += 1;
    }
    (k < end).then_some(k)
}

/// True when the phrase starting at `s` starts a clause (not the object of a verb or a
/// preposition).
fn clause_start_ok(v: &View, s: usize, lo: usize) -> bool {
    if s <= lo {
        return true;
    }
    let p = &v.toks[s - 1];
    !p.is(Flags::PREP | Flags::VERB | Flags::DET | Flags::POSS | Flags::OBJ_PRONOUN)
        || p.is(Flags::BOUNDARY)
}

/// Pronouns that only ever stand as subjects.
const SUBJECT_PRONOUNS: [&str; 5] = ["he", "she", "they", "we", "i"];

/// The source ending right before cue token `cue_start`: `(start, end)` token range.
pub fn source_left(v: &View, cue_start: usize, lo: usize) -> Option<(usize, usize)> {
    let t = &v.toks;
    let e = skip_adjunct_left(v, cue_start, lo);
    if e <= lo {
        return None;
    }
    if let Some(s) = np_left_core(v, e, lo) {
        // A subject pronoun is never an object, whatever stands before it ("a move he said").
        let subject_pronoun = s + 1 == e && SUBJECT_PRONOUNS.iter().any(|w| v.eq(s, w));
        if subject_pronoun || clause_start_ok(v, s, lo) {
            return Some((s, e));
        }
        return None;
    }
    if !t[e - 1].is(Flags::COMMA) {
        return None;
    }
    // Apposition or aside between commas: "Hugh Hill, a doctor, said".
    let close = e - 1;
    let mut comma = close;
    for _ in 0..5 {
        let mut c = comma;
        let mut found = false;
        while c > lo && comma - c < 60 {
            c -= 1;
            let tk = &t[c];
            // A quotation inside an aside ("the co-author of “Going Viral,” about ...").
            if tk.quoted() {
                continue;
            }
            if tk.is(Flags::FINAL | Flags::SEMI | Flags::COLON) {
                return None;
            }
            if tk.is(Flags::COMMA | Flags::DASH) && !joins_compound(v, c) {
                found = true;
                break;
            }
        }
        if !found {
            return None;
        }
        let aside = c + 1;
        if aside >= close {
            return None;
        }
        // "Higher rates, slower hiring and a weaker pound will weigh on households, said X":
        // a stretch with a verb of its own and no relative pronoun is a clause, not an aside.
        // A possessive 's, an -ing word ("including") and a role ("housing lead") are no
        // such verb.
        // A cue word counts as a verb too ("…, and that cost adds up over a winter, said").
        let finite = (aside..close).any(|k| {
            let x = &t[k];
            !x.quoted()
                && (x.is(Flags::AUX | Flags::VERB)
                    || x.cue.is_some_and(|c| c.weight >= super::cues::MIN_WEIGHT)
                        && !x.is(Flags::CAP | Flags::ED))
                && !x.is(Flags::POSS | Flags::ING | Flags::ROLE)
        }) && !(aside..close).any(|k| t[k].is(Flags::REL));
        if finite {
            return None;
        }
        if let Some(s) = np_left_core(v, c, lo) {
            // "Marta Ilves, 54, who grows beet, told": an age between commas is part of the
            // aside, and the name is before it.
            if s > lo && (s..c).all(|j| t[j].is(Flags::NUM)) && t[s - 1].is(Flags::COMMA) {
                comma = c;
                continue;
            }
            let head_ok = t[c - 1].is(Flags::PRONOUN)
                || nounish(&t[c - 1])
                || t[c - 1].is(Flags::RPAREN)
                || (t[c - 1].is(Flags::OBJ_PRONOUN) && v.eq(c - 2, "of"));
            if head_ok && clause_start_ok(v, s, lo) && !t[c - 1].is(Flags::REL) {
                let a = &t[aside];
                // "Mr. Trump, however, said": a one-word aside is not part of the source.
                let one_word =
                    close == aside + 1 && a.is(Flags::BOUNDARY | Flags::CUE_ADV | Flags::ADVERB_LY);
                let participle = one_word
                    || a.is(Flags::ING)
                    || (a.is(Flags::PREP) && !a.is(Flags::REL))
                    || a.is(Flags::ADVERB_LY);
                // "Murat Ergin, a spokesman for the Red Crescent, which has …, said": the
                // phrase before the relative is itself in apposition to a name.
                let named = (s > lo + 1 && t[s].is(Flags::DET) && t[s - 1].is(Flags::COMMA))
                    .then(|| np_left_core(v, s - 1, lo))
                    .flatten()
                    .filter(|&n| name_like(&t[s - 2]) && clause_start_ok(v, n, lo));
                let s = if t[aside].is(Flags::REL) {
                    named.unwrap_or(s)
                } else {
                    s
                };
                return Some(if participle { (s, c) } else { (s, close) });
            }
        }
        comma = c;
    }
    None
}

/// The end (exclusive) of the noun phrase starting at `start`, not reaching `hi`.
pub fn np_right_core(v: &View, start: usize, hi: usize) -> Option<usize> {
    let t = &v.toks;
    if start >= hi || t[start].quoted() {
        return None;
    }
    if t[start].is(Flags::PRONOUN) {
        return Some(start + 1);
    }
    let mut k = start;
    let mut last_word: Option<usize> = None;
    // "one of those advisers", "some of the delegates"
    if t[k].is(Flags::DET | Flags::NUM) && k + 2 < hi && v.eq(k + 1, "of") {
        last_word = Some(k);
        k += 2;
    }
    if t[k].is(Flags::DET) && !name_like(&t[k]) {
        k += 1;
    }
    let mut n = 0;
    let mut name_seen = false;
    while k < hi && n < 14 {
        let tk = &t[k];
        if tk.quoted() {
            break;
        }
        if tk.is(Flags::POSS) {
            // "reports Barron's.": a clitic with no noun after it ends the name.
            if last_word.is_some_and(|w| name_like(&t[w]))
                && t.get(k + 1).is_none_or(|n| !n.is_word() || k + 1 >= hi)
            {
                last_word = Some(k);
                break;
            }
            if last_word.is_some() {
                k += 1;
                continue;
            }
            break;
        }
        if tk.is(Flags::PUNCT) {
            if v.s(k) == "&" && last_word.is_some() && k + 1 < hi && name_like(&t[k + 1]) {
                k += 1;
                continue;
            }
            if last_word.is_some() && joins_compound(v, k) {
                k += 1;
                continue;
            }
            // "Paul Ryan (R-Wis.)"
            if tk.is(Flags::LPAREN) && last_word.is_some() {
                let mut j = k + 1;
                while j < hi && j - k < 8 && !t[j].is(Flags::RPAREN) {
                    j += 1;
                }
                if j < hi && t[j].is(Flags::RPAREN) {
                    k = j + 1;
                    last_word = Some(j);
                    continue;
                }
            }
            break;
        }
        let name = name_like(tk);
        // "said the mayor in a statement": the medium is no part of the phrase.
        let medium = k + 2 < hi && t[k + 1].is(Flags::DET) && t[k + 2].is(Flags::MEDIUM);
        if !name && tk.is(Flags::NP_PREP) && !v.eq(k, "of") && medium {
            break;
        }
        if !name && tk.is(Flags::NP_PREP) {
            let of = v.eq(k, "of");
            let ok = last_word.is_some_and(|w| of || t[w].is(Flags::ROLE))
                && k + 1 < hi
                && (name_like(&t[k + 1]) || t[k + 1].is(Flags::DET) || nounish(&t[k + 1]))
                && !t[k + 1].is(Flags::TIME);
            if !ok {
                break;
            }
            k += 1;
            if t[k].is(Flags::DET) && !name_like(&t[k]) {
                k += 1;
            }
            continue;
        }
        // "the appointment of …", "a weekly column": a cue word too rare to count alone,
        // right after a determiner or a modifier, is the phrase's noun.
        let rare_cue_noun = k > start
            && t[k - 1].is(Flags::DET | Flags::MOD)
            && tk.cue.is_some_and(|c| c.weight < super::cues::MIN_WEIGHT)
            && !tk.is(FUNCTION | Flags::ADVERB_LY | Flags::ING | Flags::ED | Flags::CAP);
        if !nounish(tk) && !rare_cue_noun && !modifies_role(v, k) || tk.is(Flags::TIME) {
            break;
        }
        // After a name only a role noun continues the phrase ("Trump campaign", not
        // "McConnell deflected"); a lowercase -ed word is a verb.
        // "the Alpine village", "the Welsh town": one capitalised word right after a
        // determiner modifies the noun after it.
        let proper_adjective = name_seen
            && k >= 2
            && t[k - 2].is(Flags::DET)
            && !t[k - 2].is(Flags::CAP)
            && name_like(&t[k - 1])
            && tk.is_word()
            && !tk.is(Flags::CAP | Flags::ED | Flags::ING);
        if !name && !tk.is(Flags::ROLE) && !proper_adjective && (name_seen || tk.is(Flags::ED)) {
            break;
        }
        name_seen = (name_seen || name) && !proper_adjective;
        last_word = Some(k);
        k += 1;
        n += 1;
    }
    let end = last_word? + 1;
    (end > start).then_some(end)
}

/// The source after an inverted cue ("said Smith, a doctor."): `(start, end)`.
pub fn source_right(v: &View, from: usize, hi: usize) -> Option<(usize, usize)> {
    let t = &v.toks;
    let end = np_right_core(v, from, hi)?;
    if t[from].is(Flags::PRONOUN) {
        return Some((from, end));
    }
    // Apposition up to the sentence end: ", a doctor." / ", who ...".
    if end + 1 < hi && t[end].is(Flags::COMMA) {
        let a = &t[end + 1];
        if a.is(Flags::DET | Flags::REL | Flags::ROLE | Flags::NUM) || name_like(a) {
            let mut k = end + 1;
            while k < hi
                && !t[k].is(Flags::FINAL
                    | Flags::SEMI
                    | Flags::QOPEN
                    | Flags::QCLOSE
                    | Flags::COLON)
                && !t[k].quoted()
            {
                if t[k].is(Flags::COMMA)
                    && k + 1 < hi
                    && (t[k + 1].is(Flags::ING) || t[k + 1].is(Flags::QOPEN))
                {
                    break;
                }
                // "…, a member of the committee, told POLITICO last month"
                if t[k].is(Flags::COMMA)
                    && k + 1 < hi
                    && t[k + 1].cue.is_some()
                    && !t[k + 1].is(Flags::CAP)
                {
                    break;
                }
                k += 1;
            }
            // Drop a trailing comma.
            let mut e2 = k;
            while e2 > end + 1 && t[e2 - 1].is(Flags::PUNCT) {
                e2 -= 1;
            }
            if e2 > end + 1 {
                return Some((from, e2));
            }
        }
    }
    Some((from, end))
}

/// The source after a cue that follows a quotation (`“…,” says a source involved in the
/// talks.`): the phrase, then what hangs on it (`of`-phrases, participles, relative clauses),
/// stopping at a time or place adjunct, a participial aside or the sentence end.
pub fn source_right_extended(v: &View, from: usize, hi: usize) -> Option<(usize, usize)> {
    let t = &v.toks;
    let (a, b) = source_right(v, from, hi)?;
    if b >= hi
        || t[a].is(Flags::PRONOUN)
        || t[b].is(Flags::COMMA
            | Flags::FINAL
            | Flags::SEMI
            | Flags::QOPEN
            | Flags::COLON
            | Flags::DASH)
    {
        return Some((a, b));
    }
    let mut k = b;
    while k < hi {
        let tk = &t[k];
        if tk.quoted()
            || tk.is(Flags::FINAL | Flags::SEMI | Flags::QOPEN | Flags::COLON | Flags::TIME)
            || tk.is(Flags::CONJ)
        {
            break;
        }
        if tk.is(Flags::PREP) && !tk.is(Flags::NP_PREP) {
            break;
        }
        // "said Smith in a statement", "said Smith in an interview with CNN"
        if tk.is(Flags::NP_PREP)
            && k + 2 < hi
            && t[k + 1].is(Flags::DET)
            && t[k + 2].is(Flags::MEDIUM)
        {
            break;
        }
        if tk.is(Flags::COMMA)
            && k + 1 < hi
            && t[k + 1].is(Flags::ING | Flags::QOPEN | Flags::ADVERB_LY)
        {
            break;
        }
        k += 1;
    }
    while k > b && t[k - 1].is(Flags::PUNCT) {
        k -= 1;
    }
    Some((a, k))
}

/// True when a clause starts at token `k` (a subject or `that`), so that what comes before
/// cannot be a closed attribution.
pub fn clause_follows(v: &View, k: usize, hi: usize) -> bool {
    if k >= hi {
        return false;
    }
    let t = &v.toks[k];
    // A subordinator or conjunction opens an adjunct or another clause, not the content
    // ("“…,” she said as she left").
    if t.is(Flags::TIME)
        || t.is(Flags::ADVERB_LY | Flags::ING | Flags::PREP | Flags::CUE_ADV | Flags::BOUNDARY)
            && !t.is(Flags::THAT)
    {
        return false;
    }
    t.is(Flags::THAT | Flags::PRONOUN | Flags::DET | Flags::OBJ_PRONOUN)
        || name_like(t)
        || nounish(t)
}

/// The source after "according to": everything up to the next comma or the sentence end
/// ("according to a 2013 study by economists Peter Schott and Justin Pierce,").
pub fn source_according(v: &View, from: usize, hi: usize) -> Option<(usize, usize)> {
    let t = &v.toks;
    if from >= hi || t[from].quoted() || t[from].is(Flags::PUNCT) {
        return None;
    }
    let mut k = from;
    while k < hi
        && k - from < 25
        && !t[k].quoted()
        && !t[k].is(Flags::COMMA | Flags::FINAL | Flags::SEMI | Flags::COLON)
    {
        if t[k].is(Flags::DASH) || (t[k].is(Flags::CONJ) && k > from && !v.eq(k, "and")) {
            break;
        }
        k += 1;
    }
    while k > from && t[k - 1].is(Flags::PUNCT) && !t[k - 1].is(Flags::RPAREN) {
        k -= 1;
    }
    // "according to the harbour master, Ewan Rudd, whose office overlooks the street": a name
    // in apposition to a phrase without one, and a relative clause, describe the source.
    if k + 1 < hi && t[k].is(Flags::COMMA) && !(from..k).any(|j| name_like(&t[j])) {
        let mut n = k + 1;
        while n < hi && n - k <= 4 && name_like(&t[n]) && !t[n].quoted() {
            n += 1;
        }
        if n > k + 1 && (n >= hi || t[n].is(Flags::COMMA | Flags::FINAL)) {
            k = n;
        }
    }
    // "according to the Pipework Heritage Fund, a small charity, …": an indefinite noun
    // phrase set off by commas after a name describes the source.
    // So does a role ("according to Helena Marsh, the head of nursing at the infirmary, the
    // ward …", "…, head of nursing, …"), whatever its determiner.
    if k + 3 < hi && t[k].is(Flags::COMMA) && (from..k).any(|j| name_like(&t[j])) {
        let indefinite = v.eq(k + 1, "a") || v.eq(k + 1, "an");
        let reach = if indefinite { 9 } else { 14 };
        let close = (k + 2..hi.min(k + reach)).find(|&j| !t[j].is_word() || t[j].quoted());
        let role = (k + 1..hi.min(k + 4)).any(|j| t[j].is(Flags::ROLE) && !t[j].quoted());
        if let Some(c) = close
            && (indefinite || role)
            && t[c].is(Flags::COMMA)
            && !t[c].quoted()
            && (k + 1..c).all(|j| {
                !t[j].is(Flags::VERB | Flags::AUX | Flags::THAT | Flags::PRONOUN)
                    && (t[j].cue.is_none() || t[j].is(Flags::ROLE))
            })
        {
            k = c;
        }
    }
    // Not ", which cited …": that passes the claim on (`cited_phrase`).
    let cites = k + 2 < hi && ["cited", "quoted"].iter().any(|w| v.eq(k + 2, w));
    if k + 1 < hi
        && t[k].is(Flags::COMMA)
        && t[k + 1].is(Flags::REL)
        && !t[k + 1].quoted()
        && !cites
    {
        let mut j = k + 1;
        while j < hi && !t[j].quoted() && !t[j].is(Flags::COMMA | Flags::FINAL | Flags::SEMI) {
            j += 1;
        }
        k = j;
    }
    (k > from).then_some((from, k))
}

/// True when token `k` is a past participle (an -ed word) with its object or question after
/// it ("Asked about …", "Pressed on …", "Asked whether …"), as it opens a sentence: the
/// question put to the speaker, not a cue.
pub fn participle_with_object(v: &View, k: usize) -> bool {
    let t = &v.toks;
    k + 1 < t.len()
        && v.s(k).ends_with("ed")
        && (t[k + 1].is(Flags::PREP)
            || ["whether", "if", "what", "why", "how"]
                .iter()
                .any(|w| v.eq(k + 1, w)))
}

/// The first token after a dateline that opens a sentence at `k` ("HARBORVILLE, May 3
/// (Ledger) —", "OSLO (Reuters) -"): a word in capitals, then a comma, a dash or a bracket,
/// and a dash within 12 tokens; else `k`.
pub fn skip_dateline(v: &View, k: usize, end: usize) -> usize {
    let t = &v.toks;
    let caps = |j: usize| {
        let w = v.s(j);
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(|c| c.is_lowercase())
    };
    // The place, in capitals, of up to six words ("OSLO", "SAN ALEJO DE LAS MINAS").
    let mut p = k;
    while p < end.min(k + 6) && p < t.len() && caps(p) {
        p += 1;
    }
    // A live blog's time stamp: "22:05 —", "3:10 p.m. -".
    if k < end && t[k].is(Flags::NUM) {
        let mut j = k;
        while j < end.min(k + 6)
            && (t[j].is(Flags::NUM)
                || matches!(
                    v.s(j),
                    ":" | "." | "a.m." | "p.m." | "am" | "pm" | "GMT" | "BST" | "ET"
                ))
        {
            j += 1;
        }
        let clock = (k..j).any(|x| v.s(x) == ":") || v.s(k).contains(':');
        if clock && j < end && j > k && t[j].is(Flags::DASH) && !t[j].quoted() {
            return j + 1;
        }
        // "14:02 Ministers are still meeting": a stamp opening its paragraph needs no dash.
        let opens_paragraph = k == 0 || t[k - 1].para != t[k].para;
        if clock && opens_paragraph && j < end && j > k && t[j].is(Flags::CAP) && !t[j].quoted() {
            return j;
        }
    }
    // "Ranipur, Jan 12 (PTI) Two workers …": a place and a date, then the wire in brackets
    // and no dash.
    if k < end && t[k].is(Flags::CAP) {
        let close = (k + 1..end.min(k + 10)).find(|&j| t[j].is(Flags::RPAREN));
        if let Some(c) = close
            && c + 1 < end
            && t[c + 1].is(Flags::CAP)
            && t[c - 2].is(Flags::LPAREN)
            && t[c - 1].is(Flags::CAP)
            && (k..c - 2).any(|j| t[j].is(Flags::NUM))
            && (k..c - 2).all(|j| t[j].is(Flags::CAP | Flags::NUM | Flags::COMMA) || v.s(j) == ".")
        {
            return c + 1;
        }
    }
    let first_long = k < t.len() && v.s(k).chars().filter(|c| c.is_alphabetic()).count() >= 3;
    if p > k
        && p < end
        && first_long
        && (t[p].is(Flags::COMMA | Flags::DASH) || v.eq(p, "("))
        && let Some(d) = (p..end.min(p + 12)).find(|&j| t[j].is(Flags::DASH) && !t[j].quoted())
    {
        return d + 1;
    }
    k
}

/// The first token after what may stand before a sentence's subject: a dateline
/// ("HARBORVILLE, May 3 (Ledger) —"), leading conjunctions and adverbs, and up to two
/// introductory phrases that end in a comma ("In a statement,", "Responding to the plan,",
/// "Asked about the plan,", "Hours later,"). `None` when an introductory phrase has no comma
/// before `end`.
pub fn skip_intro(v: &View, k: usize, end: usize) -> Option<usize> {
    let t = &v.toks;
    let mut k = skip_dateline(v, k, end);
    for _ in 0..2 {
        // "But", "However,", "Later,": a sentence adverb and its comma.
        while k < end && t[k].is(Flags::BOUNDARY) {
            k += 1;
            if k < end && t[k].is(Flags::COMMA) {
                k += 1;
            }
        }
        let Some(comma) = (k..end.min(k + 13)).find(|&j| t[j].is(Flags::COMMA) || t[j].quoted())
        else {
            return (k >= end || !t[k].is(Flags::PREP | Flags::ADVERB_LY)).then_some(k);
        };
        let timed = comma > k
            && comma - k <= 4
            && (t[comma - 1].is(Flags::TIME)
                || ["later", "earlier", "ago"]
                    .iter()
                    .any(|w| v.eq(comma - 1, w)));
        // A participle, also capitalised at the sentence start ("Responding to the plan,"),
        // but not a name ("Fleming, the mayor,").
        // Nor a modifier of a role ("Sitting MP Gareth Ayre,", "Acting chief X,").
        let participle = (t[k].is(Flags::ING) || v.s(k).len() > 5 && v.s(k).ends_with("ing"))
            && !t[k].is(Flags::ENT_PER | Flags::ENT_ORG)
            && !t[k + 1].is(Flags::COMMA | Flags::ROLE)
            && !(t[k + 1].is(Flags::CAP) && t.get(k + 2).is_some_and(|n| n.is(Flags::CAP)));
        // A past participle and its object ("Asked by reporters whether …,", "Pressed on
        // the figures,").
        let past_participle = k + 1 < end
            && v.s(k).len() > 4
            && !t[k].is(Flags::ENT_PER | Flags::ENT_ORG)
            && participle_with_object(v, k);
        if t[k].is(Flags::PREP | Flags::ADVERB_LY) || participle || past_participle || timed {
            if !t[comma].is(Flags::COMMA) {
                return None;
            }
            k = comma + 1;
        } else {
            break;
        }
    }
    Some(k)
}

/// The subject of the clause that a participle cue at `cue` hangs on: the first noun phrase
/// of the sentence, after any opening conjunction or introductory phrase.
pub fn clause_subject(v: &View, s0: usize, cue: usize) -> Option<(usize, usize)> {
    let t = &v.toks;
    // An absolute participle: "…, with Cole reportedly yelling: “…”".
    let mut j = cue;
    while j > s0 && t[j - 1].is(Flags::ADVERB_LY | Flags::CUE_ADV) && !t[j - 1].quoted() {
        j -= 1;
    }
    if let Some(a) = np_left_core(v, j, s0)
        && a > s0
        && v.eq(a - 1, "with")
    {
        return Some((a, j));
    }
    let mut k = s0;
    // Skip a leading quotation and its comma ("“...,” Smith said, adding ...").
    while k < cue && (t[k].quoted() || t[k].is(Flags::COMMA | Flags::QOPEN | Flags::QCLOSE)) {
        k += 1;
    }
    k = skip_intro(v, k, cue)?;
    if k >= cue {
        return None;
    }
    let end = np_right_core(v, k, cue)?;
    // The phrase must be followed by its verb, not be the whole stretch to the cue.
    if end >= cue || t[end].is(Flags::COMMA) && end + 1 == cue {
        // "Smith, adding ..." has no verb: still the subject.
        return Some((k, end));
    }
    if t[k].is(Flags::PRONOUN) || name_like(&t[k]) || t[k].is(Flags::DET) || nounish(&t[k]) {
        return Some((k, end));
    }
    None
}

/// True when token `k` is a clause boundary where content may stop before another claim.
pub fn clause_boundary(v: &View, k: usize) -> bool {
    let t = &v.toks[k];
    if t.is(Flags::QCLOSE) {
        // `…,”` — the comma sits inside the closing mark.
        return k > 0 && v.toks[k - 1].is(Flags::COMMA | Flags::SEMI);
    }
    t.is(Flags::COMMA | Flags::SEMI | Flags::DASH | Flags::COLON)
        || (t.is(Flags::CONJ) && !t.is(Flags::CAP))
}

/// Nouns that name what a quotation is when a sentence after it gives its source ("That was
/// the message from …").
const UTTERANCE_NOUNS: [&str; 16] = [
    "message",
    "words",
    "word",
    "verdict",
    "view",
    "reaction",
    "response",
    "line",
    "warning",
    "assessment",
    "advice",
    "plea",
    "reply",
    "answer",
    "retort",
    "promise",
];

/// The source named by a demonstrative sentence right after a quotation (`after` is the
/// token after its closing mark): `“…” That is how one resident described it.`, `“…” —
/// that was the message from the strikers’ leader, Ayo Bello.`. Returns the cue and the
/// source.
pub fn deictic_source(
    v: &View,
    after: usize,
    p1: usize,
) -> Option<((usize, usize), (usize, usize))> {
    let t = &v.toks;
    let k = if after < p1 && t[after].is(Flags::DASH | Flags::FINAL) {
        after + 1
    } else {
        after
    };
    if k + 4 >= p1
        || !["that", "this", "such", "those", "these"]
            .iter()
            .any(|w| v.eq(k, w))
        || !["is", "was", "were", "are"].iter().any(|w| v.eq(k + 1, w))
        || (k..k + 4).any(|j| t[j].quoted())
    {
        return None;
    }
    // "That is how one resident described the moment": the subject of the verb after "how".
    if v.eq(k + 2, "how") {
        let end = np_right_core(v, k + 3, p1)?;
        let verb = t.get(end).filter(|x| !x.quoted())?;
        return (verb.cue.is_some() || v.eq(end, "put")).then_some(((end, end + 1), (k + 3, end)));
    }
    // "That was the message from X", "Those were the words of X".
    if !t[k + 2].is(Flags::DET) {
        return None;
    }
    let noun =
        (k + 3..(k + 6).min(p1 - 1)).find(|&j| UTTERANCE_NOUNS.iter().any(|w| v.eq(j, w)))?;
    if !(v.eq(noun + 1, "from") || v.eq(noun + 1, "of")) || t[noun + 1].quoted() {
        return None;
    }
    let (a, mut b) = source_right(v, noun + 2, p1)?;
    // "…, Ayo Bello, outside the depot": a place or time after the apposition is not in it.
    if let Some(c) =
        (a + 1..b).find(|&j| t[j].is(Flags::COMMA) && t[j + 1].is(Flags::PREP | Flags::BOUNDARY))
    {
        b = c;
    }
    Some(((noun, noun + 1), (a, b)))
}

/// The source for a quotation with no cue of its own: `“…” — Name` after it.
pub fn dash_source(v: &View, after: usize, p1: usize) -> Option<(usize, usize, usize)> {
    let t = &v.toks;
    if after >= p1 || !t[after].is(Flags::DASH) {
        return None;
    }
    let (a, b) = source_right(v, after + 1, p1)?;
    // "-- county clerk Marta Reyes-Holt": a name, or up to three lowercase words of a job
    // right before one.
    let named = name_like(&t[a])
        || (a + 1..b.min(a + 4)).any(|k| name_like(&t[k]) && (a..k).all(|j| job_word(&t[j])));
    named.then_some((after, a, b))
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
    if (after..p1).any(|j| !v.toks[j].is(Flags::FINAL)) || q1 <= q0 + 1 {
        return None;
    }
    // A short line: the name and perhaps an aside (`-Ann Cole, speaking after the vote.`),
    // not a list item (`- The budget grows.`).
    if q1 - q0 > 24 || (q0..q1).any(|j| v.toks[j].is(Flags::QOPEN) || v.toks[j].quoted()) {
        return None;
    }
    let (dash, a, b) = dash_source(v, q0, q1)?;
    (b >= q1 || v.toks[b].is(Flags::COMMA | Flags::FINAL)).then_some((dash, a, b))
}

/// The source for a quotation led by a colon with no cue verb: `Trump on Twitter: “…”`.
///
/// Returns the cue token range and the source. With a bare phrase before the colon the cue is
/// the colon; with a short predicate (`Linda Cho was blunt: “…”`) the cue is the predicate
/// and the colon, as PolNeAR marks it (`called them on it:`).
///
/// `p0` is the first token of the paragraph that holds the colon: the quotation's own, or the
/// one before when the colon ends it (`Transcript as follows:` / `“…”`).
/// "…, in shop steward Rasa Vale’s words:", "in the words of one driver:": whose words the
/// quotation after the colon at `colon` gives.
fn in_words_of(v: &View, lo: usize, colon: usize) -> Option<(usize, usize)> {
    let t = &v.toks;
    if colon < lo + 3 {
        return None;
    }
    if v.eq(colon - 1, "words") && t[colon - 2].is(Flags::POSS) {
        let a = np_left_core(v, colon - 2, lo)?;
        let named = (a..colon - 2).any(|j| name_like(&t[j]) || t[j].is(Flags::ROLE));
        // "in shop steward Rasa Vale’s words": "in", then at most three words of a role.
        let opens = (lo.max(a.saturating_sub(4))..a)
            .rev()
            .find(|&k| !t[k].is_word() || v.eq(k, "in"))
            .is_some_and(|k| v.eq(k, "in"));
        return (named && opens).then_some((a, colon - 2));
    }
    let of = ((lo + 2).max(colon.saturating_sub(12))..colon)
        .find(|&k| v.eq(k, "of") && v.eq(k - 1, "words") && v.eq(k - 2, "the"))?;
    let end = np_right_core(v, of + 1, colon)?;
    (end == colon && of >= lo + 3 && v.eq(of - 3, "in")).then_some((of + 1, end))
}

pub fn colon_source(v: &View, open: usize, p0: usize) -> Option<((usize, usize), (usize, usize))> {
    let t = &v.toks;
    if open <= p0 + 1 || !t[open - 1].is(Flags::COLON) || t[open - 1].quoted() {
        return None;
    }
    let colon = open - 1;
    let (s0, _) = v.sentence_of(colon);
    // "• Commissioner Ada Finch: “…”": a list marker is not part of the source, nor is a
    // topic label before an earlier colon ("- Housing: Mayor Rita Okafor’s verdict: “…”").
    let lo = super::layout::after_list_label(v, s0.max(p0), colon);
    // "01:52 — Sitting MP X, arriving at the count: “…”": nor is a live blog's timestamp.
    let lo = super::layout::after_timestamp(v, lo, colon);
    if let Some(source) = in_words_of(v, lo, colon) {
        return Some(((colon, colon + 1), source));
    }
    let stop = topic_aside_start(v, lo, colon);
    let e = skip_adjunct_left(v, stop, lo);
    // "According to the Ledger: “…”"
    if e > lo + 2 && v.eq(lo, "according") && v.eq(lo + 1, "to") {
        return Some(((lo, lo + 2), (lo + 2, e)));
    }
    // The whole clause before the colon is the phrase: "Clinton's response:". A phrase of
    // lowercase words alone ("went even further:") is not a source.
    if let Some((a, b)) = source_left(v, e, lo)
        && (a == lo || t[a - 1].is(Flags::COMMA | Flags::BOUNDARY | Flags::DASH))
        && b - a <= 8
        && (a..b).any(|j| name_like(&t[j]) || t[j].is(Flags::ROLE | Flags::PRONOUN | Flags::CAP))
    {
        return Some(((colon, colon + 1), (a, b)));
    }
    // A subject and a short predicate: "Finance director Linda Cho was blunt:", also after
    // an introductory phrase ("In a radio interview, Cole went even further:").
    let mut k = lo;
    while k < colon && t[k].is(Flags::BOUNDARY) && !t[k].is(Flags::CAP) {
        k += 1;
    }
    let k = skip_intro(v, k, stop)?;
    if k >= stop {
        return None;
    }
    let end = np_right_core(v, k, stop)?;
    // A name, a pronoun or a role ("The mayor released the following statement:"), before
    // any prepositional phrase: "The board outside Ilse Vandermeer’s bakery has not changed:"
    // names a thing.
    let head_end = (k..end).find(|&j| t[j].is(Flags::PREP)).unwrap_or(end);
    let head_ok =
        t[k].is(Flags::PRONOUN) || (k..head_end).any(|j| name_like(&t[j]) || t[j].is(Flags::ROLE));
    let predicate = end..stop;
    // "Finch, again:" / "The mayor, later:": a one-word aside is no predicate, nor is a short
    // prepositional one ("Gov. Lina Park, in her own words:").
    let one_word = colon == end + 2
        && t[end].is(Flags::COMMA)
        && !t[end + 1].is(Flags::CAP | Flags::PUNCT)
        && !t[end + 1].quoted();
    // So is a participle's ("X, arriving at the count:").
    let prepositional = colon > end + 2
        && colon <= end + 7
        && t[end].is(Flags::COMMA)
        && (t[end + 1].is(Flags::PREP) || t[end + 1].is(Flags::ING) && t[end + 1].cue.is_none())
        && (end + 1..colon).all(|j| {
            t[j].is_word() && !t[j].quoted() && t[j].cue.is_none() && !t[j].is(Flags::VERB)
        });
    let aside = one_word || prepositional;
    if head_ok && aside {
        return Some(((colon, colon + 1), (k, end)));
    }
    if !head_ok
        || predicate.is_empty()
        || predicate.len() > 8
        || predicate
            .clone()
            .any(|j| t[j].quoted() || t[j].is(Flags::COMMA | Flags::SEMI))
    {
        return None;
    }
    // With a topic aside between them the predicate is no cue; the colon is.
    let cue = if stop < colon {
        (colon, colon + 1)
    } else {
        (end, colon + 1)
    };
    Some((cue, (k, end)))
}

/// Where a topic aside before a colon starts (", on the coalition's troubles:", ", about
/// the vote:"): a comma, then "on", "about" or "regarding" and a few words with no verb,
/// cue or quotation; `colon` when there is none.
fn topic_aside_start(v: &View, lo: usize, colon: usize) -> usize {
    let t = &v.toks;
    let Some(c) = (lo + 1..colon)
        .rev()
        .take(10)
        .find(|&j| t[j].is(Flags::COMMA))
    else {
        return colon;
    };
    let topic = c + 2 < colon
        && ["on", "about", "regarding"].iter().any(|w| v.eq(c + 1, w))
        && (c + 1..colon).all(|j| {
            t[j].is_word() && !t[j].quoted() && t[j].cue.is_none() && !t[j].is(Flags::VERB)
        });
    if topic { c } else { colon }
}

/// "Reuters reported on Tuesday, citing people familiar with the matter" / "The Journal,
/// citing people familiar with the matter, reported that …": a claim passed on by a
/// `citing`/`quoting` participle has as its source the people the participle names. The
/// participle's own frame, if any, goes (its "content" is that phrase).
pub fn cited_sources(v: &View, frames: &mut Vec<Frame>) {
    let mut cited_cues: Vec<usize> = Vec::new();
    for f in frames.iter_mut() {
        let (Some((c0, c1)), Some((s0, s1))) = (f.cue, f.source) else {
            continue;
        };
        if let Some((k, phrase)) = cited_phrase(v, c0.min(s0), c1.max(s1)) {
            f.source = Some(phrase);
            cited_cues.push(k);
            // "According to EFE, which cited the civil protection service, more than …": the
            // relative clause is no content; the claim starts after its comma.
            let (_, p1) = phrase;
            let t = &v.toks;
            if let Some(first) = f.content.first_mut()
                && p1 + 1 < t.len()
                && t[p1].is(Flags::COMMA)
                && k > 0
                && t[k - 1].is(Flags::REL)
                && first.start <= t[k - 1].span.start
                && first.end > t[p1 + 1].span.start
            {
                first.start = t[p1 + 1].span.start;
            }
        }
    }
    if !cited_cues.is_empty() {
        frames.retain(|f| {
            !f.cue
                .is_some_and(|(c0, c1)| cited_cues.iter().any(|&k| (c0..c1).contains(&k)))
        });
    }
}

/// "The Nikkei quoted a trade ministry official as saying the tariffs …": the phrase between
/// a `quoted` cue and `as saying` (or `as telling`, `as writing`) is the source of what the
/// participle introduces, and the cue is `as saying`; the `quoted` frame, whose "content" is
/// that phrase, goes. The outlet or person that quoted is left to outlet linking.
pub fn quoted_as_saying(v: &View, frames: &mut Vec<Frame>) {
    /// "quoted X as saying", and "cited X as saying" the same way.
    const QUOTED_AS: [&str; 6] = ["quoted", "quotes", "quoting", "cited", "cites", "citing"];
    let t = &v.toks;
    let mut gone = Vec::new();
    for g in 0..frames.len() {
        let Some((c0, c1)) = frames[g].cue else {
            continue;
        };
        let Some(k) = (c0..c1).find(|&k| QUOTED_AS.iter().any(|w| v.eq(k, w))) else {
            continue;
        };
        let (_, sent_end) = v.sentence_of(k);
        let Some(j) = (k + 2..sent_end.min(k + 14))
            // Commas may set off an apposition ("the fire chief, Seo Jae-won, as saying").
            .take_while(|&j| !t[j].quoted() && !t[j].is(Flags::FINAL | Flags::SEMI))
            .find(|&j| v.eq(j, "as") && j + 1 < sent_end && t[j + 1].cue.is_some())
        else {
            continue;
        };
        let mut end = j;
        while end > k + 2 && t[end - 1].is(Flags::COMMA) {
            end -= 1;
        }
        let Some(f) = frames
            .iter_mut()
            .find(|f| f.cue.is_some_and(|(a, b)| (a..b).contains(&(j + 1))))
        else {
            // "…, The Herald quoted an official as saying.": the clause before is what they
            // said.
            let f = &mut frames[g];
            if j + 2 >= sent_end || t[j + 2].is(Flags::FINAL) {
                quoted_clause_before(v, f, (k + 1, end), (j, j + 2));
            }
            continue;
        };
        f.source = Some((k + 1, end));
        f.cue = Some((j, j + 2));
        gone.push(g);
    }
    let mut i = 0;
    frames.retain(|_| {
        i += 1;
        !gone.contains(&(i - 1))
    });
}

/// The `citing`/`quoting` token in the attribution that spans tokens `[a, b)` (between its
/// source and cue; after it past a time adjunct, also as a relative clause: ", which cited
/// …"; or opening the sentence right before it: "Citing …, Handelsblatt reported"), and the
/// phrase it names: up to the next comma or the sentence end, when it names people (a name, a
/// role, "people", "sources").
/// Makes frame `f`, whose subject quoted `source` "as saying" at the sentence end, the
/// claim of the clause before that subject and its comma.
fn quoted_clause_before(v: &View, f: &mut Frame, source: (usize, usize), cue: (usize, usize)) {
    let t = &v.toks;
    let Some((a, _)) = f.source else {
        return;
    };
    let sent_start = v.sentence_of(a).0;
    if a < sent_start + 3 || !t[a - 1].is(Flags::COMMA) || t[a - 1].quoted() {
        return;
    }
    let start = skip_dateline(v, sent_start, a - 1);
    let Some(piece) = super::extent::clause_piece(v, start, a - 1) else {
        return;
    };
    f.regions = super::extent::regions_in(v, start, a - 1);
    f.kind = super::extent::kind_of(&f.regions);
    f.content = vec![piece];
    f.source = Some(source);
    f.cue = Some(cue);
}

fn cited_phrase(v: &View, a: usize, b: usize) -> Option<(usize, (usize, usize))> {
    let t = &v.toks;
    let (sent_start, sent_end) = v.sentence_of(a);
    let mut k = b;
    while k < sent_end && k < b + 4 && t[k].is(Flags::TIME | Flags::PREP) && !t[k].quoted() {
        k += 1;
    }
    let after = (k < sent_end && t[k].is(Flags::COMMA)).then_some(k + 1);
    let between = (a..b).find(|&j| t[j].is(Flags::CITING) && j > a && t[j - 1].is(Flags::COMMA));
    let relative_cited = |j: usize| {
        j + 1 < sent_end
            && t[j].is(Flags::REL)
            && ["cited", "quoted"].iter().any(|w| v.eq(j + 1, w))
    };
    let after = after.and_then(|j| {
        if j < sent_end && t[j].is(Flags::CITING) {
            Some(j)
        } else if relative_cited(j) {
            Some(j + 1)
        } else {
            None
        }
    });
    let (at, p1) = match between.or(after) {
        Some(at) => (at, phrase_end(v, at + 1, sent_end)),
        None => {
            // "Citing two people close to the company, Handelsblatt reported that …".
            let at = (sent_start..a.min(sent_start + 2)).find(|&j| t[j].is(Flags::CITING))?;
            let p1 = phrase_end(v, at + 1, sent_end);
            (p1 + 1 == a && p1 < sent_end && t[p1].is(Flags::COMMA)).then_some((at, p1))?
        }
    };
    let p0 = at + 1;
    // Who can be cited: people and bodies ("quoting the regional emergency service"), not a
    // reason ("citing higher fuel costs") or a document (the outlet still reports it).
    // The phrase's head counts too: "citing the state fire and rescue department".
    let people = (p0..p1.min(p0 + 4)).any(|j| {
        t[j].is(Flags::INFORMANT | Flags::ROLE | Flags::ENT_PER | Flags::ENT_ORG)
            || name_like(&t[j])
    }) || p1 > p0 && t[p1 - 1].is(Flags::INFORMANT | Flags::ROLE | Flags::ORG_HEAD);
    (p1 > p0 && people).then_some((at, (p0, p1)))
}

/// Where the phrase that a `citing` participle names, starting at token `p0`, ends: at the
/// next comma, quotation, dash or sentence end, and within 12 tokens.
fn phrase_end(v: &View, p0: usize, sent_end: usize) -> usize {
    let t = &v.toks;
    let mut p1 = p0;
    while p1 < sent_end
        && p1 - p0 < 12
        && !t[p1].quoted()
        && !t[p1].is(Flags::COMMA | Flags::FINAL | Flags::SEMI | Flags::DASH)
    {
        p1 += 1;
    }
    p1
}

/// What kind of expression the source tokens `[a, b)` are.
pub fn mention_kind(v: &View, a: usize, b: usize) -> MentionKind {
    let t = &v.toks;
    if b == a + 1 && t[a].is(Flags::PRONOUN | Flags::REL) {
        return MentionKind::Pronoun;
    }
    // "Verrow Bank’s chief executive": an organisation that owns the head is its possessor.
    let possessor = (a..b).any(|k| {
        t[k].is(Flags::POSS)
            && k > a
            && t[k - 1].is(Flags::ENT_ORG)
            && (k + 1..b).any(|j| t[j].is_word() && !t[j].is(Flags::CAP))
    });
    if (a..b).any(|k| t[k].is(Flags::ENT_ORG))
        && !(a..b).any(|k| t[k].is(Flags::ENT_PER))
        && !possessor
    {
        return MentionKind::Organization;
    }
    // The head: the last word before an apposition comma.
    let mut head = a;
    for (k, tok) in t.iter().enumerate().take(b).skip(a) {
        if tok.is(Flags::COMMA) {
            break;
        }
        if tok.is_word() && !tok.is(Flags::POSS) {
            head = k;
        }
    }
    if name_like(&t[head]) {
        MentionKind::Name
    } else {
        MentionKind::Nominal
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::testing::{doc, range, text, tok, view};

    #[test]
    fn noun_phrase_right_of_a_word() {
        // (text, the phrase's first word, the phrase, why)
        #[rustfmt::skip]
        let cases: &[(&str, &str, &str, &str)] = &[
            ("The mayor of the Alpine village of Valleret banned cars.", "The", "The mayor of the Alpine village of Valleret", "one capitalised word after a determiner modifies a noun"),
            // Near miss.
            ("The mayor of Valleret Josette Dorn banned cars.", "The", "The mayor of Valleret Josette Dorn", "after a name of its own only a role continues"),
        ];
        for (input, first, want, why) in cases {
            let d = doc(input);
            let v = view(&d);
            let at = tok(&v, first);
            let got = np_right_core(&v, at, v.toks.len()).map_or("-".into(), |e| text(&v, (at, e)));
            assert_eq!(got, *want, "{input} ({why})");
        }
    }

    #[test]
    fn noun_phrase_left_of_a_word() {
        // (text, the word after the phrase, the phrase, why)
        #[rustfmt::skip]
        let cases: &[(&str, &str, &str, &str)] = &[
            ("Hugh Hill said no.", "said", "Hugh Hill", "a name"),
            ("Spokesman John Kirby said no.", "said", "Spokesman John Kirby", "a role before a name"),
            ("In a statement [Trump] said no.", "said", "Trump", "left of a name only a role may follow"),
            ("Another tweeted that it was over.", "tweeted", "Another", "a quantifier alone is a subject"),
            ("One in five say the plan works.", "say", "One in five", "a ratio"),
            ("Some of the officials said no.", "said", "Some of the officials", "a quantifier and `of`"),
            ("The mayor and the police chief said no.", "said", "The mayor and the police chief", "two phrases joined by `and`"),
            ("A spokeswoman for the operator said no.", "said", "A spokeswoman for the operator", "a preposition inside the phrase"),
            ("Paul Ryan (R-Wis.) said no.", "said", "Paul Ryan (R-Wis.)", "a trailing parenthetical after a name"),
            ("Most of the 79 percent of voters say no.", "say", "Most of the 79 percent of voters", "`of` twice"),
            ("Republican Trump and Democrat Clinton said no.", "said", "Republican Trump and Democrat Clinton", "names joined by `and`"),
            ("Johnson & Johnson said no.", "said", "Johnson & Johnson", "an ampersand between names"),
            ("The head of the rail operator [Velk Nord] said no.", "said", "The head of the rail operator Velk Nord", "an organisation noun classifying a name"),
            ("A show insider told the paper so.", "told", "A show insider", "a cue word between a determiner and the head"),
            ("Jo Ibarra of [Barron's] argues so.", "argues", "Jo Ibarra of Barron's", "a clitic ending a name before a verb that is never a noun"),
            // Near misses.
            ("[Trump] at the event said no.", "said", "the event", "after a name only `of` continues the phrase"),
            ("“We won” said the mayor.", "said", "-", "a quotation is no phrase"),
            ("They voted and said no.", "said", "-", "a conjunction ends the phrase"),
        ];
        for (input, end, want, why) in cases {
            let d = doc(input);
            let v = view(&d);
            let end = tok(&v, end);
            let got = np_left_core(&v, end, 0).map_or("-".into(), |s| text(&v, (s, end)));
            assert_eq!(got, *want, "{input} ({why})");
        }
    }

    #[test]
    fn source_left_of_a_cue() {
        // (text, cue head, source, why)
        #[rustfmt::skip]
        let cases: &[(&str, &str, &str, &str)] = &[
            ("Hugh Hill, a doctor, said the wait was long.", "said", "Hugh Hill, a doctor", "an apposition between commas"),
            ("Ann Ross, the council's housing lead, said rents fell.", "said", "Ann Ross, the council's housing lead", "a role that is also a verb, in an apposition"),
            ("The council's housing lead, Ann Ross, said rents fell.", "said", "The council's housing lead, Ann Ross", "a role that is also a verb, before a name"),
            ("Mr. Hill, however, said the wait was long.", "said", "Mr. Hill", "a one-word aside is not part of the source"),
            ("Mr. Hill, speaking on Monday, said the wait was long.", "said", "Mr. Hill", "a participial aside is not part of the source"),
            ("The mayor on Monday said the wait was long.", "said", "The mayor", "a time adjunct before the cue"),
            ("The clinic's [Ana Ortiz] said the wait was long.", "said", "The clinic's Ana Ortiz", "a possessor before a name"),
            ("Officials in the port town of Carrow said the wait was long.", "said", "Officials in the port town of Carrow", "a capitalised role noun before a place phrase"),
            ("Restructuring experts say the wait is long.", "say", "Restructuring experts", "a participle before a role noun"),
            ("The 24-year-old said the wait was long.", "said", "The 24-year-old", "a hyphenated compound"),
            ("Tom Hale, a 71-year-old postman, said the wait was long.", "said", "Tom Hale, a 71-year-old postman", "a compound's hyphen inside an apposition is no dash"),
            ("Tom Hale, a spokesman for the Red Cross, which runs the camp, said the wait was long.", "said", "Tom Hale, a spokesman for the Red Cross, which runs the camp", "an apposition to the name, then a relative"),
            // Near misses.
            ("They were blamed for not letting voters know the wait was long.", "know", "voters", "a gerund is not part of the source"),
            ("The wait was long, said the mayor.", "said", "-", "a comma and a clause before the cue"),
            ("Costs are real, and that cost adds up, said the mayor.", "said", "-", "a cue word makes the stretch between commas a clause"),
            ("He asked the mayor, said the clerk.", "said", "-", "the phrase is the object of a verb"),
        ];
        for (input, head, want, why) in cases {
            let d = doc(input);
            let v = view(&d);
            let at = tok(&v, head);
            let got = source_left(&v, at, 0).map_or("-".into(), |s| text(&v, s));
            assert_eq!(got, *want, "{input} ({why})");
        }
    }

    #[test]
    fn source_after_a_dash_or_on_a_signature_line() {
        // (text, source, why)
        #[rustfmt::skip]
        let cases: &[(&str, &str, &str)] = &[
            ("“We will rebuild.” — [Ana Ortiz]", "Ana Ortiz", "a dash and a name after the quotation"),
            ("“We will rebuild.”\n\n— Mayor [Ana Ortiz], after the vote.", "Mayor Ana Ortiz", "a signature line"),
            // Near misses.
            ("“We will rebuild.” — the mayor", "-", "no name after the dash"),
            ("“We will rebuild.”\n\n- The budget grows.", "-", "a list item, not a signature"),
            ("“We will rebuild,” she said.\n\n— [Ana Ortiz]", "-", "the quotation does not close its paragraph"),
        ];
        for (input, want, why) in cases {
            let d = doc(input);
            let v = view(&d);
            let after = v.token_after_region(0);
            let (_, para_end) = v.para_range[0];
            let got = dash_source(&v, after, para_end)
                .or_else(|| signature_source(&v, after, para_end, *v.para_range.get(1)?))
                .map_or("-".into(), |(_, a, b)| text(&v, (a, b)));
            assert_eq!(got, *want, "{input:?} ({why})");
        }
    }

    #[test]
    fn source_in_a_demonstrative_sentence_after() {
        // (text, cue | source, why)
        #[rustfmt::skip]
        let cases: &[(&str, &str, &str)] = &[
            ("“It fell in.” That is how one tenant described the night.", "described | one tenant", "how + subject + cue verb"),
            ("“No.” — that was the message from the porters’ leader, Ida Brenn, outside the gate.", "message | the porters’ leader, Ida Brenn", "an utterance noun and from, without the place after"),
            ("“Never.” Those were the words of Tim Dahl.", "words | Tim Dahl", "words of"),
            // Near misses.
            ("“It fell in.” That is how the roof looked.", "- | -", "no cue verb after the subject"),
            ("“It fell in.” That was the end of the roof.", "- | -", "no utterance noun"),
        ];
        for (input, want, why) in cases {
            let d = doc(input);
            let v = view(&d);
            let after = v.token_after_region(0);
            let got = deictic_source(&v, after, v.toks.len())
                .map_or("- | -".into(), |(cue, source)| {
                    format!("{} | {}", text(&v, cue), text(&v, source))
                });
            assert_eq!(got, *want, "{input} ({why})");
        }
    }

    #[test]
    fn source_before_a_colon() {
        // (text, cue | source, why)
        #[rustfmt::skip]
        let cases: &[(&str, &str, &str)] = &[
            ("[Ana Ortiz] on Twitter: “We will rebuild.”", ": | Ana Ortiz", "a name and an adjunct"),
            ("According to the Ledger: “We will rebuild.”", "According to | the Ledger", "according to"),
            ("Finance director [Linda Cho] was blunt: “No.”", "was blunt: | Finance director Linda Cho", "a subject and a short predicate"),
            ("In a radio interview, [Cho] went even further: “No.”", "went even further: | Cho", "after an introductory phrase"),
            ("• Commissioner [Ada Finch]: “We were not told.”", ": | Commissioner Ada Finch", "after a list marker"),
            ("• [Finch], again: “Show me.”", ": | Finch", "a one-word aside after the name"),
            ("2. [Ada Finch] in the Ledger, on the state’s rural clinics: “Too far.”", ": | Ada Finch", "a topic aside after the writer and outlet"),
            ("[Ada Finch] of the Ledger, about the vote: “Too late.”", ": | Ada Finch of the Ledger", "a topic aside with about"),
            // Near misses.
            ("• [Finch], Tuesday: “Show me.”", "- | -", "a capitalised word after the comma is no aside"),
            ("The plan went even further: “No.”", "- | -", "no name, pronoun or role"),
            ("[Cho] said it all day, every day, to everyone: “No.”", "- | -", "a comma inside the predicate"),
        ];
        for (input, want, why) in cases {
            let d = doc(input);
            let v = view(&d);
            let open = v.doc.token_at(v.regions[0].open.start);
            let got = colon_source(&v, open, 0).map_or("- | -".into(), |(cue, source)| {
                format!("{} | {}", text(&v, cue), text(&v, source))
            });
            assert_eq!(got, *want, "{input} ({why})");
        }
    }

    #[test]
    fn kind_of_a_mention() {
        // (text, source phrase, kind, why)
        #[rustfmt::skip]
        let cases: &[(&str, &str, MentionKind, &str)] = &[
            ("She said no.", "She", MentionKind::Pronoun, "a pronoun"),
            ("[Ana Ortiz] said no.", "Ana Ortiz", MentionKind::Name, "a person's name"),
            ("Mayor [Ana Ortiz] said no.", "Mayor Ana Ortiz", MentionKind::Name, "a title before the name"),
            ("[Ana Ortiz], a doctor, said no.", "Ana Ortiz, a doctor", MentionKind::Name, "the head is before the apposition"),
            ("{City Hall} said no.", "City Hall", MentionKind::Organization, "an organisation"),
            ("The mayor said no.", "The mayor", MentionKind::Nominal, "a lowercase head"),
            ("A clerk at {City Hall} said no.", "A clerk at City Hall", MentionKind::Organization, "an organisation and no person in the phrase"),
        ];
        for (input, phrase, want, why) in cases {
            let d = doc(input);
            let v = view(&d);
            let (a, b) = range(&v, phrase);
            assert_eq!(mention_kind(&v, a, b), *want, "{input} ({why})");
        }
    }
}

//! What follows a cue verb: reported content, or only an object or an infinitive.
//!
//! A cue reports something when what follows it is a clause (`said the vote would slip`,
//! `said that …`), a quotation, or content after a colon. Some cue words are also ordinary
//! verbs that take a plain object or an infinitive and then report nothing. Without a parser
//! the complement is read off word classes:
//! - after the words of `data/quotes/act_infinitives.txt`, an infinitive or a prepositional
//!   object right after the cue is an act, not a claim ("declined to discuss her salary",
//!   "agreed to a second interview", "was told to wait", "answered with two late goals");
//! - after the words of `data/quotes/thing_objects.txt`, a noun phrase that opens with a
//!   determiner or a number and that nothing verbal follows (the sentence ends, or a
//!   preposition, a time word or `, and` comes next) is a thing, not a claim ("added five
//!   minutes of stoppage time", "confirmed the closure on Monday");
//! - after the words of `data/quotes/topic_objects.txt` ("think", "thought"), a prepositional
//!   object is what the thinking is about ("thought about it for a while");
//! - after any cue, a quantity word alone as its object ("said nothing", "says little") is
//!   no content, nor is an -ly adverb alone ("says cheerfully."), nor a phrasal verb's
//!   particle ("called off the wedding");
//! - a verb of saying in a manner (`data/quotes/manner_verbs.txt`: "sobbed", "wept") reports only a
//!   quotation, a `that`-clause or what follows a colon ("wept quietly in the dock" is an
//!   act), and "called" or "named" after a form of "be" names ("will be called Lanza").
//!
//! Other verbs keep their objects and infinitives as content, as PolNeAR labels them
//! ("criticized the plan", "vowed to cut taxes", "called for a recount"): the lists are
//! short on purpose.

use super::source::np_right_core;
use super::words::{BE_FORMS, Flags, View};

/// Objects that stand for no content at all ("said nothing", "says little").
const EMPTY_OBJECTS: [&str; 5] = ["nothing", "little", "anything", "something", "none"];

/// What follows "asked him" when the question is put, not reported.
const ASKED_WORDS: [&str; 10] = [
    "what", "why", "how", "whether", "if", "when", "where", "who", "about", "for",
];

/// Particles of phrasal verbs: "called off the wedding", "laughed off the claim".
const PARTICLES: [&str; 2] = ["off", "away"];

/// Nouns of a company's results: what "reported" takes as an object.
const RESULTS: [&str; 11] = [
    "profit", "profits", "loss", "losses", "revenue", "revenues", "sales", "earnings", "income",
    "turnover", "deficit",
];

/// True when the content that would start at token `start`, right after the cue whose head
/// word is `head`, is reported content and not just the verb's object or infinitive.
pub fn reports_content(v: &View, head: usize, start: usize, sent_end: usize) -> bool {
    let t = &v.toks;
    let Some(first) = t.get(start) else {
        return true;
    };
    if start >= sent_end || first.quoted() || !first.is_word() || first.is(Flags::THAT) {
        return true;
    }
    // "was found safe and well", "were found dead": a passive "found" before anything but
    // a clause or a quotation describes, it reports nothing.
    let passive_found =
        v.eq(head, "found") && head > 0 && BE_FORMS.iter().any(|w| v.eq(head - 1, w));
    if passive_found && !first.is(Flags::COLON) {
        return false;
    }
    // Content after a colon is content, whatever it is ("agreed on one thing: …").
    if start > 0 && t[start - 1].is(Flags::COLON) {
        return true;
    }
    if act_not_report(v, head, start, sent_end) {
        return false;
    }
    if EMPTY_OBJECTS.iter().any(|w| v.eq(start, w)) {
        // "said none of the crew had been hurt": the quantity word heads a subject.
        let of_phrase = start + 2 < sent_end && v.eq(start + 1, "of");
        let after = if of_phrase {
            np_right_core(v, start + 2, sent_end).unwrap_or(start + 1)
        } else {
            start + 1
        };
        return !object_ends_at(v, after, sent_end);
    }
    let cue = &t[head];
    if cue.is(Flags::TOPIC_OBJECT) && first.is(Flags::PREP) && !v.eq(start, "to") {
        return false;
    }
    if cue.is(Flags::ACT_INFINITIVE) {
        // "told of Monday, “…”": a quotation after a prepositional phrase is still content.
        let quotation = || (start..sent_end).any(|k| t[k].is(Flags::QOPEN));
        if v.eq(start, "to") || first.is(Flags::PREP) && !quotation() {
            return false;
        }
    }
    if !first.is(Flags::DET | Flags::NUM) || first.is(Flags::CAP) {
        return true;
    }
    // "reported a pre-tax profit of £412 million": a company's results are a thing it
    // reports, not a claim.
    let results = || {
        let clause_end = (start..sent_end)
            .find(|&k| t[k].is(Flags::COMMA | Flags::FINAL | Flags::SEMI) && !t[k].quoted())
            .unwrap_or(sent_end);
        ["report", "reports", "reported"]
            .iter()
            .any(|w| v.eq(head, w))
            && (start..sent_end.min(start + 6)).any(|k| RESULTS.iter().any(|w| v.eq(k, w)))
            && !(start..clause_end).any(|k| t[k].is(Flags::VERB | Flags::AUX | Flags::THAT))
    };
    if !cue.is(Flags::THING_OBJECT) && !results() {
        return true;
    }
    // "the opening of …": an -ing word right after the determiner is the phrase's noun.
    let ing_noun = || {
        (first.is(Flags::DET) && start + 2 < sent_end && t[start + 1].is(Flags::ING))
            .then_some(start + 2)
    };
    let Some(mut e) = np_right_core(v, start, sent_end).or_else(ing_noun) else {
        return true;
    };
    // "a monthly baking column", "a plastics recycling plant": an -ing word before a noun
    // modifies it; the phrase goes on.
    while e + 1 < sent_end && t[e].is(Flags::ING) && !t[e].is(Flags::CAP) {
        let n = &t[e + 1];
        let not_noun = Flags::DET
            | Flags::PRONOUN
            | Flags::PREP
            | Flags::AUX
            | Flags::VERB
            | Flags::CAP
            | Flags::BOUNDARY
            | Flags::THAT
            | Flags::ING;
        if !n.is_word() || n.is(not_noun) || n.quoted() {
            break;
        }
        // A noun the phrase finder stops at ("column", a rare cue word) ends it there.
        e = np_right_core(v, e + 1, sent_end).unwrap_or(e + 2);
    }
    // A cue word too rare to count alone ("appointment", "column") is a noun in the phrase.
    let verbal = |k: usize| {
        t[k].is(Flags::VERB | Flags::AUX | Flags::ED)
            || t[k]
                .cue
                .is_some_and(|c| c.weight >= super::cues::MIN_WEIGHT)
    };
    (start..e).any(verbal) || !object_ends_at(v, e, sent_end)
}

/// True when what follows cue `head` at `start` is an act whatever the cue's lists say: a
/// name given ("will be called Lanza"), a lone adverb ("says cheerfully."), a question put
/// to someone or a thing shown them, a manner verb's adjunct, a phrasal verb's particle.
fn act_not_report(v: &View, head: usize, start: usize, sent_end: usize) -> bool {
    let t = &v.toks;
    let first = &t[start];
    let naming = ["called", "named"].iter().any(|w| v.eq(head, w))
        && head > 0
        && BE_FORMS.iter().any(|w| v.eq(head - 1, w));
    let lone_adverb = first.is(Flags::ADVERB_LY)
        && t.get(start + 1)
            .is_none_or(|n| n.is(Flags::FINAL | Flags::COMMA | Flags::SEMI));
    // "asked her what the shop had meant", "asked him about the fog", "showed us the
    // crack": a question put to someone, or a thing shown them, reports nothing (PolNeAR
    // train: "asked him what/how" 0 of 2 labelled).
    let addressed = first.is(Flags::OBJ_PRONOUN) && start + 1 < sent_end;
    let asked_them = addressed
        && ["asked", "asks", "asking"].iter().any(|w| v.eq(head, w))
        && ASKED_WORDS.iter().any(|w| v.eq(start + 1, w));
    let showed_them = addressed
        && ["showed", "shows", "show", "showing"]
            .iter()
            .any(|w| v.eq(head, w))
        && t[start + 1].is(Flags::DET | Flags::NUM);
    naming
        || asked_them
        || showed_them
        || lone_adverb
        || t[head].is(Flags::MANNER)
        || PARTICLES.iter().any(|w| v.eq(start, w))
}

/// True when the noun phrase that ends before token `e` is a plain object: nothing verbal
/// comes after it (the sentence ends there, or a preposition, a time word, or `, and` / `,
/// but` follows).
fn object_ends_at(v: &View, e: usize, sent_end: usize) -> bool {
    let t = &v.toks;
    if e >= sent_end {
        return true;
    }
    let n = &t[e];
    if n.quoted() {
        return false;
    }
    if n.is(Flags::FINAL | Flags::SEMI) {
        return true;
    }
    if n.is(Flags::THAT) {
        return false;
    }
    // A preposition, a time word or a subordinator ("since", "because") ends an object;
    // "and" or "or" may join a second subject ("said prices and wages would rise").
    let joins = ["and", "or", "nor", "&"].iter().any(|w| v.eq(e, w));
    if n.is(Flags::PREP | Flags::TIME) || n.is(Flags::BOUNDARY) && !joins {
        return true;
    }
    // "announced a relief fund and said …": `and` before a verb starts the subject's second
    // predicate, not a second subject.
    if joins
        && e + 1 < sent_end
        && !t[e + 1].quoted()
        && !t[e + 1].is(Flags::CAP)
        && (t[e + 1].is(Flags::VERB | Flags::AUX) || t[e + 1].cue.is_some())
    {
        return true;
    }
    // "announced her retirement the same afternoon": a time adjunct with a determiner.
    if n.is(Flags::DET) {
        let time = (e + 1..sent_end.min(e + 3)).find(|&k| t[k].is(Flags::TIME));
        if let Some(k) = time
            && (k + 1 >= sent_end || t[k + 1].is(Flags::FINAL | Flags::COMMA))
        {
            return true;
        }
    }
    // ", and …", ", but …", or a comparison: "posted a loss of $41 million, against a
    // profit …", ", up 18 percent".
    n.is(Flags::COMMA)
        && e + 1 < sent_end
        && ["and", "but", "against", "up", "down", "compared"]
            .iter()
            .any(|w| v.eq(e + 1, w))
        && !t[e + 1].quoted()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::testing::{cue, doc, view};

    #[test]
    fn content_or_object_after_a_cue() {
        // (text, cue head, first content word, reports content, why)
        #[rustfmt::skip]
        let cases: &[(&str, &str, &str, bool, &str)] = &[
            ("She declined to discuss her salary.", "declined", "to", false, "an act in the infinitive"),
            ("She agreed to a second interview.", "agreed", "to", false, "a prepositional object"),
            ("The home side answered with two late goals.", "answered", "with", false, "a prepositional object"),
            ("The referee added five minutes of stoppage time, and the hosts scored.", "added", "five", false, "a thing as object, then `, and`"),
            ("The firm has added 80 jobs since the spring.", "added", "80", false, "a number opens the object"),
            ("The port confirmed the closure on Monday.", "confirmed", "the", false, "the object, then a time adjunct"),
            ("The bank announced the appointment of a new chief executive.", "announced", "the", false, "a rare cue word as the object's noun"),
            ("They disagree a lot about money.", "disagree", "a", false, "a quantity as object"),
            ("The actor said nothing.", "said", "nothing", false, "an empty object"),
            ("She thought about it for a while.", "thought", "about", false, "a topic as prepositional object"),
            // Near misses.
            ("She agreed that the plan was fair.", "agreed", "that", true, "a that-clause"),
            ("The firm added the recall was limited.", "added", "the", true, "a verb follows the noun phrase: a clause"),
            ("The firm added two models would be recalled.", "added", "two", true, "an auxiliary follows: a clause"),
            ("The firm added prices and wages rose.", "added", "prices", true, "no determiner: a clause subject"),
            ("The mayor vowed to rebuild the bridge.", "vowed", "to", true, "a commitment keeps its infinitive"),
            ("The mayor told her the bridge would close.", "told", "her", true, "told someone a clause"),
            ("The mayor criticized the plan on Monday.", "criticized", "the", true, "a stance verb keeps its object"),
            ("He told his audience of Monday, “It is over.”", "told", "of", true, "a quotation follows the phrase"),
            ("The actor said nothing would change.", "said", "nothing", true, "the quantity word is a subject"),
            ("The firm said none of the crew had been hurt.", "said", "none", true, "a quantity word with an of-phrase is a subject"),
            ("The bank reported a pre-tax profit of £41 million, up 8 percent.", "reported", "a", false, "a company's results"),
            ("The bank reported a loss of trust among savers was hurting it.", "reported", "a", true, "results noun in a clause with its own verb"),
            ("The firm said none of it.", "said", "none", false, "a quantity word with an of-phrase as the object"),
            ("She wrote a monthly baking column for The Observer.", "wrote", "a", false, "an -ing word modifies the object's noun"),
            ("I asked her what the shop had meant to the street.", "asked", "her", false, "a question put to someone"),
            ("She showed us the crack in her kitchen floor.", "showed", "us", false, "a thing shown to someone"),
            ("The firm announced the opening of a $220 million plastics recycling plant at its site.", "announced", "the", false, "an -ing word modifies the object's noun"),
            ("The girl was found safe on Tuesday.", "found", "safe", false, "a passive found describes"),
            ("The boy was found to have lied.", "found", "to", false, "so it does before an infinitive"),
            ("The rocket is thought to be ready.", "thought", "to", true, "a belief in the infinitive"),
        ];
        for (input, head, first, want, why) in cases {
            let d = doc(input);
            let v = view(&d);
            let c = cue(&v, head);
            let start = crate::quotes::testing::tok(&v, first);
            let got = reports_content(&v, c.head, start, v.sentence_of(c.head).1);
            assert_eq!(got, *want, "{input} ({why})");
        }
    }
}

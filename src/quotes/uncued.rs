//! Uncued quotations: quotations that no cue claimed, attached as further pieces of an
//! adjacent quote, to a `— Name` after them, to the source a demonstrative sentence after
//! them names ([`deictic_source`]: `“…” That is how one resident described it.`, `“…” —
//! that was the message from X`), to a `Name:` before them, or to the speaker of
//! the previous paragraph's quote (see the module docs of [`super`], step 5), to the subject
//! of a short action sentence right before or after it ([`beat_source`]: `Bram shrugged. “At
//! home.”`),
//! or, when a quotation is a sentence of its own ([`stands_alone`]: after a sentence end or
//! a colon that no source claims), to no speaker.

use super::extent::Frame;
use super::pairing::{self, NO_REGION};
use super::source::{colon_source, dash_source, deictic_source, signature_source};
use super::words::{Flags, View};
use crate::doc::{QuoteKind, Span};
use std::collections::HashMap;

/// Attaches quotations that no cue claimed (see the module docs, step 5).
pub fn attach_quotations(v: &View, frames: &mut Vec<Frame>) {
    let mut claimed = vec![false; v.regions.len()];
    for f in frames.iter() {
        for &r in &f.regions {
            if let Some(c) = claimed.get_mut(r as usize) {
                *c = true;
            }
        }
    }
    continue_quotes(v, frames, &mut claimed, None);
    let before = frames.len();
    attach_uncued(v, frames, &mut claimed);
    // "“You’re late”—Marta did not look up—“again.”": a quotation signed by a dash and a
    // name continues like one with a cue.
    continue_quotes(v, frames, &mut claimed, Some(before));
}

/// Interrupted and continued quotes: “A,” she said, “B.” / “A,” she said. “B.” Each frame
/// takes the quotations that follow it in its paragraph, one after another, while only the
/// rest of its attribution sentence stands between ([`next_quotation_after`]). After a
/// reported claim that ends its sentence (`X writes that A. “B.”`) the quotation is a quote
/// of its own by the same speaker, not a part of the claim. With `dashed_from` only the
/// frames from that index on whose cue is a dash are continued (an uncued quotation with no
/// speaker takes no other quotation: `“Keep to the path.” The “shortcut” had …`).
fn continue_quotes(
    v: &View,
    frames: &mut Vec<Frame>,
    claimed: &mut [bool],
    dashed_from: Option<usize>,
) {
    let t = &v.toks;
    let mut cue_at = vec![false; t.len()];
    for f in frames.iter() {
        if let Some((a, _)) = f.cue {
            cue_at[a] = true;
        }
    }
    let mut follow_ons = Vec::new();
    for (i, f) in frames.iter_mut().enumerate().skip(dashed_from.unwrap_or(0)) {
        if dashed_from.is_some() && !f.cue.is_some_and(|(c, _)| t[c].is(Flags::DASH)) {
            continue;
        }
        let mut at = f.end_tok;
        let para_end = v.para_range.get(f.para as usize).map_or(0, |p| p.1);
        let own_cue = f.cue.map(|c| c.0);
        let mut taken = 0;
        while at < para_end && taken < 50 {
            let Some(open) = next_quotation_after(v, at, para_end, &cue_at, own_cue) else {
                break;
            };
            let regions = v.quotation(t[open].region);
            if regions.iter().any(|&r| claimed[r as usize]) {
                break;
            }
            // "argued that A, and several governments have passed “right to repair” laws":
            // after a reported clause cut short in its sentence, the words before a
            // quotation in the same sentence are the writer's, not the attribution's.
            let same_sentence =
                !(at.saturating_sub(1)..open).any(|j| t[j].is(Flags::FINAL) && !t[j].quoted());
            let words_between = (at..open).filter(|&j| t[j].is_word()).count();
            if f.kind == QuoteKind::Indirect && same_sentence && words_between > 1 {
                break;
            }
            for &r in &regions {
                claimed[r as usize] = true;
            }
            let end = v.token_after_region(*regions.last().unwrap_or(&t[open].region));
            let sentence_ended =
                (at.saturating_sub(1)..open).any(|j| t[j].is(Flags::FINAL) && !t[j].quoted());
            if f.kind == QuoteKind::Indirect && sentence_ended {
                follow_ons.push(Frame {
                    cue: None,
                    cue_weight: 0.5,
                    source: f.source,
                    content: regions
                        .iter()
                        .map(|&r| v.regions[r as usize].content)
                        .collect(),
                    regions,
                    kind: QuoteKind::Direct,
                    end_tok: end,
                    inherited_from: Some(i),
                    para: f.para,
                });
                break;
            }
            for &r in &regions {
                f.content.push(v.regions[r as usize].content);
                f.regions.push(r);
            }
            if f.kind == QuoteKind::Indirect {
                f.kind = QuoteKind::Mixed;
            }
            at = end;
            f.end_tok = at;
            taken += 1;
        }
    }
    frames.extend(follow_ons);
}

/// The opening mark of the quotation that continues a quote whose frame ends at token `at`:
/// the next quotation in the paragraph, after at most the rest of the attribution sentence
/// and its final stop, when that rest holds no other claim's cue (`cue_at`, all but
/// `own_cue`) and no quotation but titles (`said on CNN's “State of the Union” Sunday.
/// “B.”`).
fn next_quotation_after(
    v: &View,
    at: usize,
    para_end: usize,
    cue_at: &[bool],
    own_cue: Option<usize>,
) -> Option<usize> {
    let t = &v.toks;
    let mut j = at;
    let mut steps = 0;
    while j < para_end && steps < 40 && !t[j].is(Flags::QOPEN) {
        if cue_at[j] && Some(j) != own_cue || t[j].is(Flags::FINAL) && !t[j].quoted() {
            break;
        }
        j += 1;
        steps += 1;
    }
    // Titles inside the rest of the sentence are passed over.
    while j < para_end && t[j].is(Flags::QOPEN) && is_title(v, t[j].region) {
        j = v.token_after_region(t[j].region);
        while j < para_end && !t[j].is(Flags::QOPEN | Flags::FINAL) && !cue_at[j] {
            j += 1;
        }
    }
    if j < para_end && t[j].is(Flags::FINAL) && !t[j].quoted() {
        j += 1;
    }
    (j < para_end && t[j].is(Flags::QOPEN)).then_some(j)
}

/// Makes a quote of every quotation still unclaimed that has a speaker in reach
/// ([`uncued_frame`]), in text order.
fn attach_uncued(v: &View, frames: &mut Vec<Frame>, claimed: &mut [bool]) {
    // Last frame with a speaker in each paragraph, for follow-on quotes.
    let mut last_in_para: Vec<Option<usize>> = vec![None; v.para_range.len()];
    let mut dropped_cues = Vec::new();
    // The last frame ending at each token, for a quotation right after one.
    let mut by_end: HashMap<usize, usize> = HashMap::new();
    for (i, f) in frames.iter().enumerate() {
        by_end.insert(f.end_tok, i);
        if f.source.is_some()
            && let Some(slot) = last_in_para.get_mut(f.para as usize)
        {
            *slot = Some(i);
        }
    }
    for r in 0..v.regions.len() {
        if claimed[r] || v.regions[r].prev != NO_REGION {
            continue;
        }
        let regions = v.quotation(r as u32);
        if regions.iter().any(|&x| claimed[x as usize]) {
            continue;
        }
        let Some(frame) = uncued_frame(v, regions, &last_in_para, frames, &by_end) else {
            continue;
        };
        // "“…” That is how one resident described the moment …": the verb's own claim
        // (its object) goes; the quotation is what it reports.
        if let Some((c, _)) = frame.cue.filter(|&(c, _)| v.toks[c].cue.is_some()) {
            dropped_cues.push(c);
        }
        for &x in &frame.regions {
            claimed[x as usize] = true;
        }
        let last = *frame.regions.last().unwrap_or(&(r as u32));
        let last_para = v.regions[last as usize].para as usize;
        let idx = frames.len();
        if frame.source.is_some()
            && let Some(slot) = last_in_para.get_mut(last_para)
        {
            *slot = Some(idx);
        }
        by_end.insert(frame.end_tok, idx);
        frames.push(frame);
    }
    if !dropped_cues.is_empty() {
        frames.retain(|f| {
            !f.regions.is_empty() || !f.cue.is_some_and(|(c, _)| dropped_cues.contains(&c))
        });
    }
}

/// The frame of an unclaimed quotation (its `regions`), when it has a speaker: a dash and a
/// name after it, on its line or on a signature line below; a `Name:` before it; or, when it
/// opens its paragraph and has three words or more, the speaker of the previous
/// paragraph's last quote (`last_in_para`, indices into `frames`), inherited. With no
/// speaker in reach, a paragraph-opening quotation of four words or more is kept with none;
/// a title is never a quote.
fn uncued_frame(
    v: &View,
    regions: Vec<u32>,
    last_in_para: &[Option<usize>],
    frames: &[Frame],
    by_end: &HashMap<usize, usize>,
) -> Option<Frame> {
    let first = v.regions[regions[0] as usize];
    let last = *regions.last().unwrap_or(&regions[0]);
    let after = v.token_after_region(last);
    let last_para = v.regions[last as usize].para as usize;
    let (para_start, _) = v
        .para_range
        .get(first.para as usize)
        .copied()
        .unwrap_or((0, 0));
    let (_, last_para_end) = v.para_range.get(last_para).copied().unwrap_or((0, 0));
    let open_tok = v.doc.token_at(first.open.start);
    let content: Vec<Span> = regions
        .iter()
        .map(|&x| v.regions[x as usize].content)
        .collect();
    let words = content
        .iter()
        .map(|s| v.doc.text[*s].split_whitespace().count())
        .sum::<usize>();
    let text = &v.doc.text[first.content];
    if regions.len() == 1 && (pairing::looks_like_title(text) || title_case(text)) {
        return None;
    }
    let mut frame = Frame {
        cue: None,
        cue_weight: 0.5,
        source: None,
        content,
        regions,
        kind: QuoteKind::Direct,
        end_tok: after,
        inherited_from: None,
        para: first.para,
    };
    // A colon that ends the paragraph before leads a quotation that opens its own.
    let colon_para = match (first.para as usize).checked_sub(1) {
        Some(p) if open_tok == para_start => v.para_range.get(p).map_or(para_start, |r| r.0),
        _ => para_start,
    };
    if let Some((dash, a, b)) = dash_source(v, after, last_para_end).or_else(|| {
        let next = *v.para_range.get(last_para + 1)?;
        signature_source(v, after, last_para_end, next)
    }) {
        frame.source = Some((a, b));
        frame.cue = Some((dash, dash + 1));
        frame.end_tok = b;
    } else if let Some((cue, source)) = deictic_source(v, after, last_para_end) {
        frame.source = Some(source);
        frame.cue = Some(cue);
        frame.end_tok = source.1;
    } else if let Some((cue, source)) = colon_source(v, open_tok, colon_para) {
        frame.source = Some(source);
        frame.cue = Some(cue);
    } else if let Some(source) = beat_source(v, open_tok, para_start, after, last_para_end)
        && stands_alone(v, &frame, open_tok, words)
    {
        frame.source = Some(source);
    } else if let Some(pi) = right_after_quote(v, frames, by_end, open_tok, words) {
        // "had two instructions: ‘Close your windows.’ ‘Stay off the hill roads.’"
        frame.source = frames[pi].source;
        frame.inherited_from = Some(pi);
    } else if open_tok == para_start && words >= 3 {
        let prev = (first.para as usize)
            .checked_sub(1)
            .and_then(|p| last_in_para.get(p).copied().flatten());
        match prev {
            Some(pi) => {
                frame.source = frames[pi].source;
                frame.inherited_from = Some(pi);
            }
            None if words >= 4 || stands_alone(v, &frame, open_tok, words) => {}
            None => return None,
        }
    } else if !stands_alone(v, &frame, open_tok, words) {
        return None;
    }
    Some(frame)
}

/// The quote whose own quotation, a whole sentence, ends right before the quotation that
/// opens at `open_tok` (of two words or more), nothing between them: the same speaker goes
/// on.
fn right_after_quote(
    v: &View,
    frames: &[Frame],
    by_end: &HashMap<usize, usize>,
    open_tok: usize,
    words: usize,
) -> Option<usize> {
    if words < 2 || open_tok == 0 {
        return None;
    }
    let i = *by_end.get(&open_tok)?;
    let f = &frames[i];
    let last = *f.regions.last()?;
    let ends_sentence = v.doc.text[v.regions[last as usize].content]
        .trim_end()
        .ends_with(['.', '!', '?', '\u{2026}']);
    let region_closes = v.token_after_region(last) == open_tok;
    (f.source.is_some() && f.kind == QuoteKind::Direct && ends_sentence && region_closes)
        .then_some(i)
}

/// Possessive determiners that open a person nominal ("His granddaughter laughed.").
const POSSESSIVES: [&str; 5] = ["his", "her", "their", "my", "our"];

/// The subject of an action beat: a short sentence right before the quotation that opens at
/// `open_tok`, in the same paragraph, or else right after the quotation that ends before
/// token `after` (`“It does on this farm.” Anselm wiped his hands.`). Dialogue names its
/// speaker this way. "The hall fell silent." names no person, so its quotation keeps no
/// speaker.
fn beat_source(
    v: &View,
    open_tok: usize,
    para_start: usize,
    after: usize,
    para_end: usize,
) -> Option<(usize, usize)> {
    let t = &v.toks;
    let before = open_tok.checked_sub(1).and_then(|stop| {
        if stop <= para_start || !t[stop].is(Flags::FINAL) || t[stop].quoted() {
            return None;
        }
        beat_subject(v, v.sentence_of(stop).0.max(para_start), stop)
    });
    before.or_else(|| {
        // The quotation must end its sentence, and the beat is the next one, whole.
        if after == 0 || after >= para_end || !t[after - 1].quoted() {
            return None;
        }
        let (s0, s1) = v.sentence_of(after);
        let stop = s1.checked_sub(1)?;
        (s0 == after && s1 <= para_end && t[stop].is(Flags::FINAL) && !t[stop].quoted())
            .then(|| beat_subject(v, s0, stop))
            .flatten()
    })
}

/// The subject of the action sentence `[s0, stop)` (`stop` its final stop): a person (a PER
/// name of up to three words, he or she, or a possessive and a role or kin noun: "His
/// granddaughter", after an optional "Then") and a predicate of up to eight plain words
/// with no cue (`Bram shrugged.`, `He laughed at that.`, `Her mother looked up from the
/// stove.`); or one capitalised word before a past-tense verb ([`lone_name`]: `Bram
/// shrugged.`), a name the tagger may have missed, with one or two plain words.
fn beat_subject(v: &View, s0: usize, stop: usize) -> Option<(usize, usize)> {
    let t = &v.toks;
    if stop - s0 > 10 || (s0..stop).any(|k| !t[k].is_word() || t[k].quoted()) {
        return None;
    }
    let s0 = if v.eq(s0, "then") && s0 + 1 < stop {
        s0 + 1
    } else {
        s0
    };
    let (subject_end, sure) = if t[s0].is(Flags::ENT_PER) {
        let e = (s0..stop.min(s0 + 3))
            .take_while(|&k| t[k].is(Flags::ENT_PER))
            .last()?;
        (e + 1, true)
    } else if ["he", "she"].iter().any(|w| v.eq(s0, w)) {
        (s0 + 1, true)
    } else if POSSESSIVES.iter().any(|w| v.eq(s0, w)) && s0 + 1 < stop && t[s0 + 1].is(Flags::ROLE)
    {
        (s0 + 2, true)
    } else if lone_name(v, s0) && stop == s0 + 2 && t[s0 + 1].is(Flags::ED) {
        (s0 + 1, false)
    } else {
        return None;
    };
    let predicate = stop.checked_sub(subject_end)?;
    let plain = |k: usize| {
        !t[k].is(Flags::CAP
            | Flags::DET
            | Flags::PRONOUN
            | Flags::OBJ_PRONOUN
            | Flags::NUM
            | Flags::PREP)
    };
    // A longer predicate may hold articles and prepositions, never a report or a clause.
    let action = |k: usize| {
        t[k].cue
            .is_none_or(|c| c.weight < super::cues::MIN_WEIGHT || c.tag_only)
            && !t[k].is(Flags::CAP | Flags::REL | Flags::COLON)
            && !(t[k].is(Flags::THAT) && k + 1 < stop)
    };
    let ok = if predicate <= 2 {
        predicate >= 1 && (subject_end..stop).all(plain)
    } else {
        sure && predicate <= 8
            && t[subject_end].is(Flags::VERB | Flags::ED | Flags::AUX)
            && (subject_end..stop).all(action)
    };
    ok.then_some((s0, subject_end))
}

/// True when token `k` can be a first name that the entity tagger left untagged (`Bram
/// shrugged.`): a capitalised word that is no function word and not shaped like a plural
/// ("Prices rose.").
fn lone_name(v: &View, k: usize) -> bool {
    let t = &v.toks[k];
    let function = Flags::DET
        | Flags::PRONOUN
        | Flags::NEGATIVE
        | Flags::LONE_QUANTIFIER
        | Flags::TIME
        | Flags::PREP
        | Flags::CONJ
        | Flags::BOUNDARY
        | Flags::ROLE;
    t.is(Flags::CAP) && !t.is(function) && !v.s(k).ends_with('s')
}

/// True when an unattributed quotation (`frame`, opening at token `open_tok`, of `words`
/// words) is a sentence of its own, and so a quote with no speaker: it opens a sentence (its
/// paragraph, after a dateline, or after a sentence end or another quotation ending one), it starts with a
/// capital and ends with sentence punctuation inside its marks, has two words or more (or
/// one, next to another quotation: a line of dialogue), and a sentence or the paragraph end
/// follows it. Scare quotes, words used as words and titles
/// sit inside a sentence, so they are never taken (`the so-called “green” policies`, `the
/// episode “Who Killed the Mayor?” drew`).
fn stands_alone(v: &View, frame: &Frame, open_tok: usize, words: usize) -> bool {
    let t = &v.toks;
    let (Some(first), Some(last)) = (frame.content.first(), frame.content.last()) else {
        return false;
    };
    let (para_start, para_end) = v
        .para_range
        .get(frame.para as usize)
        .copied()
        .unwrap_or((0, 0));
    // "TBILISI - “Enough is enough.”": a dateline opens the paragraph's first sentence.
    let after_dateline = || {
        open_tok > para_start
            && super::source::skip_dateline(v, para_start, open_tok + 1) == open_tok
    };
    let opens = open_tok == para_start
        || after_dateline()
        || open_tok > para_start
            && (t[open_tok - 1].is(Flags::FINAL)
                || t[open_tok - 1].is(Flags::COLON) && !t[open_tok - 1].quoted()
                || t[open_tok - 1].is(Flags::QCLOSE)
                    && open_tok >= para_start + 2
                    && t[open_tok - 2].is(Flags::FINAL));
    let text = &v.doc.text;
    let capital = text[*first]
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_uppercase);
    let ends = text[*last]
        .trim_end_matches(|c: char| crate::lexicon::marks::quotation_mark(c).is_some())
        .ends_with(['.', '!', '?', '\u{2026}']);
    let at = frame.end_tok;
    let last_para_end = v
        .regions
        .get(*frame.regions.last().unwrap_or(&0) as usize)
        .and_then(|r| v.para_range.get(r.para as usize))
        .map_or(para_end, |r| r.1);
    // A capital after the closing stop starts a sentence even where the splitter kept one
    // ("“Is that all?” Nobody answered.").
    let followed = at >= last_para_end || t[at].is(Flags::SENT_START | Flags::QOPEN | Flags::CAP);
    // "“Tea?” “Please.” “Milk?”": a one-word line of dialogue stands next to another line.
    let dialogue = at < t.len() && t[at].is(Flags::QOPEN)
        || open_tok > para_start && t[open_tok - 1].is(Flags::QCLOSE);
    opens && capital && ends && (words >= 2 || dialogue) && followed
}

/// True when a quotation is written in title case, whatever its final mark: a heading or a
/// headline (`‘Coal Isn’t the Villain.’`, `‘All Bets Are Off.’`): one sentence of at most
/// eight words, two or more capitalised words of three letters or more, and no lowercase
/// word of four letters or more (short function words such as `the` and `of` stay lowercase
/// in titles).
fn title_case(content: &str) -> bool {
    let words: Vec<&str> = content.split_whitespace().collect();
    // Two sentences ("Back by six. Don’t let the cat out.") are no title.
    let inner_stop = words
        .windows(2)
        .any(|w| w[0].ends_with(['.', '!', '?']) && w[1].starts_with(char::is_uppercase));
    if inner_stop {
        return false;
    }
    let mut long = 0;
    for w in &words {
        let letters = w.chars().filter(|c| c.is_alphabetic()).count();
        let capital = w
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase);
        match (letters, capital) {
            (3.., true) => long += 1,
            (4.., false) => return false,
            _ => {}
        }
    }
    words.len() <= 8 && long >= 2
}

/// True when region `r` reads like a title (one region, no continuation).
fn is_title(v: &View, r: u32) -> bool {
    v.regions.get(r as usize).is_some_and(|reg| {
        reg.next == NO_REGION && pairing::looks_like_title(&v.doc.text[reg.content])
    })
}

#[cfg(test)]
mod tests {
    use crate::quotes::rules::analyze;
    use crate::quotes::testing::{doc, view};

    /// `pieces ; cue ; speaker` of each quote the rules find in `marked`, with `(inherited)`
    /// after an inherited speaker.
    fn quotes(marked: &str) -> Vec<String> {
        let d = doc(marked);
        let v = view(&d);
        analyze(&v)
            .iter()
            .map(|f| {
                let pieces: Vec<&str> = f.pieces.iter().map(|p| &d.text[*p]).collect();
                let cue = f.cue.map_or("-", |c| &d.text[c]);
                let speaker = f.speaker.map_or("-", |(s, _)| &d.text[s]);
                let inherited = if f.inherited { " (inherited)" } else { "" };
                format!("{} ; {cue} ; {speaker}{inherited}", pieces.join(" | "))
            })
            .collect()
    }

    #[test]
    fn quotations_no_cue_claimed() {
        // (text, quotes, why)
        #[rustfmt::skip]
        let cases: &[(&str, &[&str], &str)] = &[
            ("“We will rebuild,” she said. “It will take a year.”", &["We will rebuild, | It will take a year. ; said ; she"], "a quotation continues the quote before"),
            ("“We will rebuild,” she said on “Face the Nation” on Sunday. “It will take a year.”", &["We will rebuild, | It will take a year. ; said ; she"], "a title in the attribution sentence is passed over"),
            ("[Ana Ortiz] writes that the dam will hold. “It will take a year.”", &["that the dam will hold ; writes ; Ana Ortiz", "It will take a year. ; - ; Ana Ortiz (inherited)"], "after a reported claim that ends its sentence, a quote of its own by the same speaker"),
            ("[Ana Ortiz] called the dam “safe” and “ready.”", &["the dam “safe” and “ready.” ; called ; Ana Ortiz"], "inside the claim's sentence, part of it"),
            ("“We will rebuild.” — [Ana Ortiz]", &["We will rebuild. ; — ; Ana Ortiz"], "a dash and a name after it"),
            ("[Ana Ortiz] on Twitter: “We will rebuild.”", &["We will rebuild. ; : ; Ana Ortiz"], "a name and a colon before it"),
            ("The mood at the gate, in shop steward [Ana Ortiz]’s words: “We were sold.”", &["We were sold. ; : ; Ana Ortiz"], "in a named person's words, then a colon"),
            ("The plan, in the words of one driver: “A joke with a timetable.”", &["A joke with a timetable. ; : ; one driver"], "in the words of someone, then a colon"),
            ("“We will rebuild,” [Ana Ortiz] said.\n\n“It will take a year and a lot of money.”", &["We will rebuild, ; said ; Ana Ortiz", "It will take a year and a lot of money. ; - ; Ana Ortiz (inherited)"], "a paragraph opening with a quotation inherits the speaker"),
            ("“It will take a year and a lot of money.”", &["It will take a year and a lot of money. ; - ; -"], "a paragraph-opening quotation with no speaker in reach"),
            ("TBILISI - “Enough is enough.” The shutters were painted over.", &["Enough is enough. ; - ; -"], "a quotation right after a dateline opens the sentence"),
            // Near misses.
            ("“We will rebuild,” she said. The clerk left. “It will take a decade.”", &["We will rebuild, ; said ; she", "It will take a decade. ; - ; -"], "another sentence stands between: a sentence of its own, with no speaker"),
            ("He watches “Face the Nation” every week.", &[], "a title"),
            ("“Is that all?” The room was silent.", &["Is that all? ; - ; -"], "a question that is a sentence of its own"),
            ("The talk ended. “Is that all?” Nobody answered.", &["Is that all? ; - ; -"], "a cue whose subject denies the act claims nothing"),
            ("“Where is it?” “In the barn!” The farm woke.", &["Where is it? ; - ; -", "In the barn! ; - ; -"], "two in a row"),
            ("The club left. ‘Mind the gap, please.’ Nobody moved.", &["Mind the gap, please. ; - ; -"], "British single marks, after a sentence"),
            ("“Yes.”", &[], "one word is too short to keep with no speaker"),
            ("The so-called “green policies.” cost money.", &[], "inside a sentence"),
            ("The episode “Who Killed the Mayor?” drew viewers.", &[], "a title inside a sentence"),
            ("Nobody moved. “mind the gap.” The train left.", &[], "no capital: a fragment, not a sentence"),
            ("‘Coal Is Not the Villain.’", &[], "a heading in title case"),
        ];
        for (input, want, why) in cases {
            assert_eq!(quotes(input), *want, "{input:?} ({why})");
        }
    }
}

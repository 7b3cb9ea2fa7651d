//! Combining the rules with the tagger: the rules' quotations and the transformer's claims
//! merged into one list of quotes (`--attribution combined`).

use super::Found;
use super::complement::reports_content;
use super::learned;
use super::words::{Flags, View};
use crate::doc::{QuoteKind, Span};

/// The tagger's quotes screened with what the rules know about words, before [`combine`]:
/// a claim whose cue only takes an object or an infinitive here ("declined to intervene",
/// "confirmed the closure": [`reports_content`]) is dropped, and so is a quote that is
/// exactly one quotation the rules passed over as a scare quote or a title ("a café
/// called “Second Cup of Tea”"), and so is the question of a sentence-opening "Asked about
/// …" ([`opening_question`]); a denying subject ("“Is that all?” Nobody answered.") is
/// no speaker. The tagger learned PolNeAR, where these are rare; the rules were written for
/// them.
pub fn screen_learned(v: &View, rules: &[Found], learned: Vec<Found>) -> Vec<Found> {
    let text = &v.doc.text;
    let taken: Vec<Span> = rules
        .iter()
        .flat_map(|f| f.pieces.iter().copied())
        .collect();
    let passed_over: Vec<Span> = v
        .regions
        .iter()
        .map(|r| r.content)
        .filter(|c| !taken.iter().any(|k| k.overlaps(c)))
        .collect();
    learned
        .into_iter()
        .filter(|f| {
            !passed_over
                .iter()
                .any(|r| same_extent(text, &f.pieces, std::slice::from_ref(r)))
                && cue_reports(v, f)
                && !opening_question(text, f)
        })
        .map(|mut f| {
            if f.speaker.is_some_and(|(s, _)| denies(v, s)) {
                f.speaker = None;
            }
            keep_cue_sentence(v, &mut f);
            continue_over_wraps(v, rules, &mut f);
            f
        })
        .collect()
}

/// Takes the rules' pieces for a learned claim that stops at a line break inside the claim
/// the rules read with the same cue: the tagger learned text whose line breaks end
/// paragraphs, and so stops at a wrap ("walk out for 48 hours from\nThursday").
fn continue_over_wraps(v: &View, rules: &[Found], f: &mut Found) {
    let text = &v.doc.text;
    let (Some(cue), Some(last)) = (f.cue, f.pieces.last().copied()) else {
        return;
    };
    let Some(r) = rules.iter().find(|r| r.cue == Some(cue)) else {
        return;
    };
    let (Some(first), Some(r_first), Some(r_last)) =
        (f.pieces.first(), r.pieces.first(), r.pieces.last())
    else {
        return;
    };
    let at_wrap = text[last.end..]
        .chars()
        .take_while(|c| c.is_whitespace())
        .any(|c| c == '\n');
    let inside = r_first.start <= first.start && last.end < r_last.end;
    if at_wrap && inside {
        f.pieces = r.pieces.clone();
    }
}

/// Drops the pieces of a claim that lie, unquoted, in another sentence than its cue when
/// one piece is in the cue's sentence: "The bank was fined last year. A spokesman said the
/// bank had overhauled its controls." reports only the second clause. A quotation may run
/// over sentences; reported speech without marks does not.
fn keep_cue_sentence(v: &View, f: &mut Found) {
    let Some(cue) = f.cue else { return };
    if f.pieces.len() < 2 {
        return;
    }
    let cue_sentence = v.doc.sentence_at(cue.start);
    let in_cue_sentence = |p: &Span| v.doc.sentence_at(p.start) == cue_sentence;
    if !f.pieces.iter().any(in_cue_sentence) {
        return;
    }
    let quoted = |p: &Span| {
        let (a, b) = (v.doc.token_at(p.start), v.doc.token_at(p.end));
        (a..b.min(v.toks.len())).any(|k| v.toks[k].quoted())
    };
    f.pieces.retain(|p| in_cue_sentence(p) || quoted(p));
}

/// False when the quote's content starts right after its cue and the cue word only takes an
/// object or an infinitive there.
fn cue_reports(v: &View, f: &Found) -> bool {
    let (Some(cue), Some(first)) = (f.cue, f.pieces.first()) else {
        return true;
    };
    let (a, b) = (v.doc.token_at(cue.start), v.doc.token_at(cue.end));
    let Some(head) = (a..b.min(v.toks.len())).find(|&k| v.toks[k].cue.is_some()) else {
        return true;
    };
    let start = v.doc.token_at(first.start);
    if start < head + 1 || start > b {
        return true;
    }
    reports_content(v, head, head + 1, v.sentence_of(head).1)
}

/// True for a claim whose cue is a sentence-opening "Asked (about)": the question put to
/// the speaker ("Asked about a comeback, Petrenko said: …"), not something they said.
fn opening_question(text: &str, f: &Found) -> bool {
    f.cue.is_some_and(|c| text[c].starts_with("Asked"))
}

/// True when the mention over `s` is a denying subject ("Nobody", "No one").
fn denies(v: &View, s: Span) -> bool {
    let (a, b) = (v.doc.token_at(s.start), v.doc.token_at(s.end));
    (a..b.min(v.toks.len())).any(|k| v.toks[k].is(Flags::NEGATIVE))
}

/// The rules' quotations, then the rules' claims credited to an organisation that overlap
/// none of them ([`credited_claims_left`]), then the learned quotes that overlap none of
/// those and are not one's source. A mixed quotation
/// (a quoted fragment inside reported speech) is replaced by the one learned quote that
/// overlaps it, if there is exactly one: the rules know where the quotation marks are, the
/// tagger knows better where the reported clause around them begins and ends, and keeping the
/// rules' version keeps their scare quotes too.
///
/// Where the tagger finds a direct quotation with the same extent as the rules and gives it
/// a speaker, its speaker and cue are taken: the rules' direct quotes keep their extent, but
/// where the two disagree on the speaker of such a quote the tagger is right more often.
pub fn combine(text: &str, rules: Vec<Found>, learned: Vec<Found>) -> Vec<Found> {
    let (claims, rules): (Vec<Found>, Vec<Found>) = rules
        .into_iter()
        .partition(|f| f.kind == QuoteKind::Indirect);
    let mut out: Vec<Found> = rules
        .into_iter()
        .map(|mut f| {
            if f.kind != QuoteKind::Mixed {
                if let Some(l) = learned
                    .iter()
                    .find(|l| l.speaker.is_some() && same_extent(text, &l.pieces, &f.pieces))
                {
                    f.speaker = l.speaker;
                    f.cue = l.cue.or(f.cue);
                    f.inherited = l.inherited;
                    f.confidence = l.confidence;
                }
                return f;
            }
            let mut over = learned.iter().filter(|l| {
                l.pieces
                    .iter()
                    .any(|p| f.pieces.iter().any(|k| k.overlaps(p)))
            });
            match (over.next(), over.next()) {
                (Some(l), None) => l.clone(),
                _ => f,
            }
        })
        .collect();
    let credited = credited_claims_left(claims, &out);
    out.extend(credited);
    let kept: Vec<Span> = out.iter().flat_map(|f| f.pieces.iter().copied()).collect();
    let sources: Vec<Span> = out.iter().filter_map(|f| f.speaker.map(|s| s.0)).collect();
    out.extend(learned.into_iter().filter(|f| {
        !f.pieces.iter().any(|p| kept.iter().any(|k| k.overlaps(p)))
            && !is_a_source(text, &f.pieces, &sources)
    }));
    out.sort_by_key(|f| f.pieces.first().map_or(0, |s| s.start));
    out
}

/// The rules' indirect claims credited to an organisation ("per Reuters, …", "…, the BBC
/// reported") that overlap none of the quotations in `taken`: they go before the tagger's
/// claims, which, trained on PolNeAR's few such claims, cut them short or miss the people a
/// "citing" passes them on to; the accurate mode must not lose what the fast one finds.
fn credited_claims_left(claims: Vec<Found>, taken: &[Found]) -> Vec<Found> {
    let spans: Vec<Span> = taken
        .iter()
        .flat_map(|f| f.pieces.iter().copied())
        .collect();
    claims
        .into_iter()
        .filter(|f| f.credit && !f.pieces.iter().any(|p| spans.iter().any(|k| k.overlaps(p))))
        .collect()
}

/// True when a learned quote's content is the source of a kept quote ("Reuters reported,
/// citing people familiar with the matter": the tagger may take the cited people for a
/// claim).
fn is_a_source(text: &str, pieces: &[Span], sources: &[Span]) -> bool {
    sources
        .iter()
        .any(|s| same_extent(text, pieces, std::slice::from_ref(s)))
}

/// True when two quotes cover the same text once what may separate the pieces of a quote
/// (spaces, punctuation, quotation marks: [`learned::is_filler`]) is set aside at the edges
/// of each piece.
pub fn same_extent(text: &str, a: &[Span], b: &[Span]) -> bool {
    let trim = |s: &Span| {
        let t = &text[s.start..s.end];
        let head = t.len() - t.trim_start_matches(learned::is_filler).len();
        let body = t.trim_matches(learned::is_filler);
        (s.start + head, s.start + head + body.len())
    };
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| trim(x) == trim(y))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::MentionKind;

    fn found(pieces: &[(usize, usize)], kind: QuoteKind) -> Found {
        Found {
            pieces: pieces.iter().map(|&(a, b)| Span::new(a, b)).collect(),
            kind,
            cue: None,
            speaker: None,
            inherited: false,
            confidence: 0.5,
            credit: false,
        }
    }

    #[test]
    fn combined_mode_takes_the_learned_extent_of_a_mixed_quote_only() {
        let rules = vec![
            found(&[(0, 10)], QuoteKind::Direct),
            found(&[(20, 30)], QuoteKind::Mixed),
            found(&[(40, 50)], QuoteKind::Mixed),
            found(&[(60, 70)], QuoteKind::Indirect),
        ];
        let learned = vec![
            found(&[(2, 12)], QuoteKind::Direct),
            found(&[(15, 32)], QuoteKind::Mixed),
            // Two learned quotes over one mixed quote: the rules' version stays.
            found(&[(38, 44)], QuoteKind::Indirect),
            found(&[(46, 52)], QuoteKind::Indirect),
            found(&[(80, 90)], QuoteKind::Indirect),
        ];
        let got: Vec<(usize, usize)> = combine(&" ".repeat(100), rules, learned)
            .iter()
            .map(|f| (f.pieces[0].start, f.pieces[0].end))
            .collect();
        assert_eq!(got, vec![(0, 10), (15, 32), (40, 50), (80, 90)]);
    }

    #[test]
    fn combined_mode_keeps_the_rules_credited_claims_the_tagger_missed() {
        // (rule claim is a credit, a learned quote overlaps it, kept, why)
        #[rustfmt::skip]
        let cases: &[(bool, bool, bool, &str)] = &[
            (true, false, true, "a credited claim the tagger missed"),
            (true, true, true, "a credited claim goes before the tagger's quote over it"),
            // Near misses.
            (false, false, false, "an indirect claim with no credit stays dropped"),
            (false, true, false, "the tagger's quote over an uncredited claim wins"),
        ];
        for &(credit, overlapped, kept, why) in cases {
            let mut claim = found(&[(10, 40)], QuoteKind::Indirect);
            claim.credit = credit;
            let learned = if overlapped {
                vec![found(&[(20, 50)], QuoteKind::Indirect)]
            } else {
                vec![found(&[(60, 70)], QuoteKind::Indirect)]
            };
            let got = combine(&" ".repeat(100), vec![claim], learned);
            let has = got.iter().any(|f| f.pieces == vec![Span::new(10, 40)]);
            assert_eq!(has, kept, "{why}");
        }
    }

    #[test]
    fn the_taggers_quotes_screened_by_word_knowledge() {
        use crate::quotes::testing::{doc, view};
        // (text, the tagger's content, its cue, its speaker, kept, speaker kept, why)
        #[rustfmt::skip]
        let cases: &[(&str, &str, &str, &str, bool, bool, &str)] = &[
            ("She declined to discuss her salary.", "to discuss her salary", "declined", "She", false, false, "an act in the infinitive"),
            ("The port confirmed the closure on Monday.", "the closure", "confirmed", "The port", false, false, "a thing as object"),
            ("They met at a café called \u{201c}Second Cup of Tea\u{201d} on Monday.", "Second Cup of Tea", "called", "", false, false, "a title the rules passed over"),
            ("\u{201c}Is that all?\u{201d} Nobody answered.", "Is that all?", "answered", "Nobody", true, false, "a denying subject is no speaker"),
            // Near misses.
            ("She said the salary was fair.", "the salary was fair", "said", "She", true, true, "a clause after a speech verb"),
            ("She agreed that the plan was fair.", "that the plan was fair", "agreed", "She", true, true, "a that-clause"),
            ("The mayor vowed to rebuild the bridge.", "to rebuild the bridge", "vowed", "The mayor", true, true, "a commitment keeps its infinitive"),
            ("Ana Ortiz said: \u{201c}We will rebuild the bridge.\u{201d}", "We will rebuild the bridge.", "said", "Ana Ortiz", true, true, "a quotation the rules take"),
        ];
        for &(input, content, cue, speaker, kept, speaker_kept, why) in cases {
            let d = doc(input);
            let v = view(&d);
            let at = |w: &str| {
                let a = input.find(w).expect("in text");
                Span::new(a, a + w.len())
            };
            let mut f = found(&[(at(content).start, at(content).end)], QuoteKind::Indirect);
            f.cue = Some(at(cue));
            f.speaker = (!speaker.is_empty()).then(|| (at(speaker), MentionKind::Nominal));
            let rules = crate::quotes::rules::analyze(&v);
            let got = screen_learned(&v, &rules, vec![f]);
            assert_eq!(got.len() == 1, kept, "{input} ({why})");
            if kept {
                assert_eq!(got[0].speaker.is_some(), speaker_kept, "{input} ({why})");
            }
        }
    }

    #[test]
    fn combined_mode_takes_the_taggers_speaker_for_the_same_direct_quote() {
        let text = "\u{201c}We stay,\u{201d} Ana said. Bo agreed. \u{201c}We go.\u{201d} Cy said.";
        let at = |w: &str| {
            let a = text.find(w).expect("in text");
            Span::new(a, a + w.len())
        };
        let mut rules = vec![
            found(
                &[(at("We stay,").start, at("We stay,").end)],
                QuoteKind::Direct,
            ),
            found(&[(at("We go.").start, at("We go.").end)], QuoteKind::Direct),
        ];
        rules[0].speaker = Some((at("Bo"), MentionKind::Name));
        rules[1].speaker = Some((at("Cy"), MentionKind::Name));
        // The tagger's pieces leave out the comma; the extent is the same.
        let mut learned = vec![found(
            &[(at("We stay").start, at("We stay").end)],
            QuoteKind::Direct,
        )];
        learned[0].speaker = Some((at("Ana"), MentionKind::Name));
        learned[0].cue = Some(at("said"));
        let got = combine(text, rules, learned);
        let speakers: Vec<&str> = got
            .iter()
            .map(|f| &text[f.speaker.expect("speaker").0.start..f.speaker.expect("speaker").0.end])
            .collect();
        assert_eq!(speakers, vec!["Ana", "Cy"]);
        assert_eq!(got[0].cue, Some(at("said")));
        assert_eq!(got[0].pieces, vec![at("We stay,")]);
    }
}

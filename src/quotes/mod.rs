//! Finds quotes and reported claims, their cues and the speaker mention each one uses.
//!
//! The stage works paragraph by paragraph over the token view (`words.rs`), one file per
//! decision:
//!
//! 1. `pairing.rs` pairs quotation marks into regions, linking quotes that run over
//!    paragraphs;
//! 2. `cues.rs` finds cue phrases ("said", "has repeatedly argued", "according to", "told")
//!    outside quotations, from a weighted lexicon;
//! 3. `source.rs` finds each cue's source noun phrase, left ("Hugh Hill, a doctor, said")
//!    or right ("said Smith");
//! 4. `layout.rs` decides where the content lies (the quotation before, the clause before,
//!    or what follows the cue) and `extent.rs` where it starts and ends, cutting content at
//!    the next attribution;
//! 5. `uncued.rs` attaches the quotations no cue claimed: as further pieces of an adjacent
//!    quote (“A,” she said. “B.” — the rest of the attribution sentence may hold titles and
//!    an addressee), to a `— Name` after them, to the source a demonstrative sentence right
//!    after names (`“…” That is how one resident described it.`, `“…” — that was the
//!    message from X`), to a `Name:` or `Name was blunt:` before them,
//!    or, when a paragraph opens with them, to the speaker of the previous paragraph's quote
//!    (`inherited`), or, right after an attributed quotation that ends a sentence, to its
//!    speaker (`‘Close your windows.’ ‘Stay off the hill roads.’`); a paragraph-opening
//!    quotation with no speaker in reach, or one that is a
//!    sentence of its own (`uncued::stands_alone`), is kept with none. Other quotations
//!    (scare quotes, titles, nicknames, headings in title case) are not quotes;
//! 6. `transcript.rs` reads the lines of a transcript without quotation marks (`MR. OKAFOR:
//!    No, I was not.`) as direct quotes of their labelled speakers, a role label as the
//!    holder a bracket named (`PRESENTER (Tobias Rae):` … `PRESENTER:`), and a claim whose
//!    source is "you" inside a turn as the person addressed;
//! 7. `nested.rs` adds the quotations nested in a quotation and attributed inside it
//!    (“Coach told us, ‘Stay,’ and we stayed,” she said: `Stay,`, the coach's).
//!
//! `rules.rs` runs these steps in order and scores what they find. The learned modes group
//! the transformer's role spans instead (`learned.rs`), or merge both (`combine.rs`).
//!
//! Each quote's speaker is a [`Mention`] in `doc.mentions`: the whole source noun phrase as
//! PolNeAR marks it (titles and appositions included), with its kind (pronoun, name, nominal,
//! organisation). The speakers stage resolves mentions to people.
//!
//! # Confidence
//!
//! `confidence = speaker × cue × layout`, clamped to `[0, 1]`:
//! - speaker: a name 0.92, an organisation 0.88, a nominal 0.85, a pronoun 0.8 (PolNeAR-style
//!   relative pronouns "who"/"which" too), no speaker 0.3;
//! - cue: `0.6 + 0.4 × w`, where `w` is the cue word's lexicon weight (how often it
//!   attributes a claim in news text, e.g. 0.99 for *said*, 0.6 for *found*); punctuation cues
//!   (`Name:` or `— Name`) count as `w = 0.5`;
//! - layout: a quotation right next to its cue 1.0, a mixed quote 0.95, an indirect claim 0.9.
//!
//! A follow-on quote with an inherited speaker gets 0.6 × the confidence of the quote it
//! inherits from. So ~0.9 means an explicit cue with a named speaker beside the quotation,
//! ~0.8 a pronoun or a less certain cue, ~0.5 an inherited speaker and below 0.3 a quotation
//! with no speaker found.

mod combine;
mod complement;
mod cues;
mod extent;
mod layout;
mod learned;
mod nested;
mod pairing;
mod rules;
mod source;
#[cfg(test)]
mod testing;
mod transcript;
mod uncued;
pub(crate) mod words;

use crate::doc::{Doc, Mention, MentionId, MentionKind, Quote, QuoteKind, Span};
use crate::error::Result;
use crate::pipeline::{Contract, Layer, Stage};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use words::{Lexicon, View};

/// Where quotes come from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttributionMode {
    /// The rules of this module.
    #[default]
    Fast,
    /// Role spans from the transformer stage, grouped by [`learned`] rules.
    Transformer,
    /// The rules' quotations (direct and mixed quotes; a mixed one replaced by the
    /// transformer's quote over it) and their claims credited to an organisation, plus the
    /// transformer's claims that overlap none of them.
    Combined,
}

/// Finds quotes, cues and speaker mentions.
#[derive(Debug)]
pub struct QuoteFinder {
    lex: Lexicon,
    mode: AttributionMode,
}

impl QuoteFinder {
    /// Builds the rule-based stage, loading its lexicons.
    pub fn new() -> Result<Self> {
        Self::with_mode(AttributionMode::Fast)
    }

    /// Builds the stage for `mode`; the learned modes need the transformer stage before it.
    pub fn with_mode(mode: AttributionMode) -> Result<Self> {
        Ok(QuoteFinder {
            lex: Lexicon::new()?,
            mode,
        })
    }
}

/// A quote ready to be written into the document.
#[derive(Debug, Clone)]
struct Found {
    pieces: Vec<Span>,
    kind: QuoteKind,
    cue: Option<Span>,
    speaker: Option<(Span, MentionKind)>,
    inherited: bool,
    confidence: f32,
    /// The rules read it as a claim credited to an organisation ("according to X", "per X",
    /// "as reported by X", "X reported"): combined mode keeps it where the tagger has none.
    credit: bool,
}

impl Stage for QuoteFinder {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn contract(&self) -> Contract {
        // Reads sentences, and within its own view splits them further where a sentence
        // mark is followed by an opening quotation mark (`words::split_at_quote_openings`);
        // it never writes them.
        const FAST: &[Layer] = &[Layer::Sentences, Layer::Tokens, Layer::Entities];
        const LEARNED: &[Layer] = &[
            Layer::Sentences,
            Layer::Tokens,
            Layer::Entities,
            Layer::Roles,
        ];
        let reads = match self.mode {
            AttributionMode::Fast => FAST,
            _ => LEARNED,
        };
        Contract::new(reads, &[Layer::Quotes]).invalidating(&Layer::QUOTES_DEPENDENTS)
    }
    fn process(&self, doc: &mut Doc) -> Result<()> {
        let (regions, nested) = pairing::find_regions_and_nested(doc);
        let toks = words::classify(doc, &self.lex);
        let inner = match self.mode {
            AttributionMode::Transformer => Vec::new(),
            _ => nested::attributed(doc, &self.lex, &toks, &regions, nested),
        };
        let found = {
            let view = View::with_classified(doc, &self.lex, toks, regions);
            match self.mode {
                AttributionMode::Fast => [rules::analyze(&view), inner].concat(),
                AttributionMode::Transformer => learned::assemble(&view),
                AttributionMode::Combined => {
                    let rules = [rules::analyze(&view), inner].concat();
                    let learned = combine::screen_learned(&view, &rules, learned::assemble(&view));
                    combine::combine(&view.doc.text, rules, learned)
                }
            }
        };
        doc.quotes.clear();
        doc.mentions.clear();
        let mut ids: HashMap<Span, MentionId> = HashMap::new();
        let mut quotes = Vec::with_capacity(found.len());
        for f in found {
            let speaker = f.speaker.map(|(span, kind)| {
                *ids.entry(span).or_insert_with(|| {
                    // Entities are in text order: start at the first one ending after the span.
                    let first = doc.entities.partition_point(|e| e.span.end <= span.start);
                    let entity = doc.entities[first..]
                        .iter()
                        .take_while(|e| e.span.start < span.end)
                        .position(|e| e.span.overlaps(&span))
                        .map(|i| crate::doc::EntityId((first + i) as u32));
                    doc.push_mention(Mention {
                        span,
                        kind,
                        entity,
                        speaker: None,
                    })
                })
            });
            let pieces = in_order(f.pieces);
            let (Some(first), Some(last)) = (pieces.first(), pieces.last()) else {
                continue;
            };
            quotes.push(Quote {
                span: Span::new(first.start, last.end),
                pieces,
                kind: f.kind,
                cue: f.cue,
                speaker,
                inherited: f.inherited,
                outlet: None,
                confidence: f.confidence,
            });
        }
        quotes.sort_by_key(|q| (q.span.start, q.span.end));
        doc.quotes = quotes;
        Ok(())
    }
}

/// A quote's pieces in text order, overlapping ones merged, so that the quote's span (first
/// start to last end) holds them all: a quotation reopened over odd line breaks can give
/// regions that overlap (a fuzzed input: `` `\u{b}`\t¡'\u{b}¡ ``).
fn in_order(mut pieces: Vec<Span>) -> Vec<Span> {
    pieces.sort_by_key(|s| (s.start, s.end));
    let mut out: Vec<Span> = Vec::with_capacity(pieces.len());
    for p in pieces {
        match out.last_mut() {
            Some(last) if p.start < last.end => last.end = last.end.max(p.end),
            _ => out.push(p),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::Stage;

    #[test]
    fn pieces_of_a_quote_stay_inside_it() {
        let text = "`\u{b}`\t\u{a1}'\u{b}\u{a1}";
        let d = run(text);
        for q in &d.quotes {
            for p in &q.pieces {
                assert!(q.span.contains(p), "piece {p:?} outside {:?}", q.span);
            }
        }
        let spans = |v: &[(usize, usize)]| v.iter().map(|&(a, b)| Span::new(a, b)).collect();
        assert_eq!(in_order(spans(&[(2, 8), (4, 5)])), spans(&[(2, 8)]));
        assert_eq!(
            in_order(spans(&[(9, 12), (0, 4)])),
            spans(&[(0, 4), (9, 12)])
        );
    }

    fn run(text: &str) -> Doc {
        let mut doc = crate::pipeline::testing::tokenized(text);
        QuoteFinder::new().unwrap().process(&mut doc).unwrap();
        doc
    }

    /// (content, cue, speaker) surfaces of each quote.
    fn surfaces(doc: &Doc) -> Vec<(String, Option<String>, Option<String>)> {
        doc.quotes
            .iter()
            .map(|q| {
                let content = q
                    .pieces
                    .iter()
                    .map(|p| doc.str(*p))
                    .collect::<Vec<_>>()
                    .join(" | ");
                (
                    content,
                    q.cue.map(|c| doc.str(c).to_string()),
                    q.speaker
                        .map(|m| doc.str(doc.mentions[m.index()].span).to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn table() {
        type Row<'a> = (&'a str, Option<&'a str>, Option<&'a str>);
        #[rustfmt::skip]
        let cases: &[(&str, &[Row])] = &[
            ("\u{201c}We will rebuild the bridge,\u{201d} Mayor Ana Ortiz said on Monday.", &[("We will rebuild the bridge,", Some("said"), Some("Mayor Ana Ortiz"))]),
            ("The senator said that the bill would pass next week.", &[("that the bill would pass next week", Some("said"), Some("The senator"))]),
            // A quotation nested in a quotation and attributed inside it is a quote too.
            ("\u{201c}The referee told us, \u{2018}Play on,\u{2019} and we did,\u{201d} said the captain, Lena Moss.", &[("The referee told us, \u{2018}Play on,\u{2019} and we did,", Some("said"), Some("the captain, Lena Moss")), ("Play on,", Some("told"), Some("The referee"))]),
            ("\u{201c}There was a \u{2018}closed\u{2019} sign on every door,\u{201d} Lena Moss said.", &[("There was a \u{2018}closed\u{2019} sign on every door,", Some("said"), Some("Lena Moss"))]),
            ("Hugh Hill, a doctor at the clinic, said the wait was too long.", &[("the wait was too long", Some("said"), Some("Hugh Hill, a doctor at the clinic"))]),
            ("The plan will fail, according to Maria Lopez.", &[("The plan will fail", Some("according to"), Some("Maria Lopez"))]),
            ("According to Ana Ruiz, the head of housing at the council, rents will rise.", &[("rents will rise", Some("According to"), Some("Ana Ruiz, the head of housing at the council"))]),
            ("According to Ana Ruiz, the bridge, built in 1920, is unsafe.", &[("the bridge, built in 1920, is unsafe", Some("According to"), Some("Ana Ruiz"))]),
            ("\u{201c}A,\u{201d} she said, \u{201c}B.\u{201d}", &[("A, | B.", Some("said"), Some("she"))]),
            ("Two bank directors have resigned, Reuters reported, citing people familiar with the matter.", &[("Two bank directors have resigned", Some("reported"), Some("people familiar with the matter"))]),
            ("The Ledger, quoting a senior police officer, said the suspects had fled.", &[("the suspects had fled", Some("said"), Some("a senior police officer"))]),
            ("The talks stalled on Friday, per the Financial Times, after both sides walked out.", &[("The talks stalled on Friday | after both sides walked out", Some("per"), Some("the Financial Times"))]),
            ("The Ledger reported that fares rose, and according to the BBC, trains were late.", &[("that fares rose", Some("reported"), Some("The Ledger")), ("trains were late", Some("according to"), Some("the BBC"))]),
            ("The talks stalled, per the Financial Times, although officials insisted that a deal was near.", &[("The talks stalled", Some("per"), Some("the Financial Times")), ("that a deal was near", Some("insisted"), Some("officials"))]),
            ("The port will reopen, reports Harbour Radio, citing two officials.", &[("The port will reopen", Some("reports"), Some("two officials"))]),
            ("The port will reopen, the Ledger reports, quoting a customs officer.", &[("The port will reopen", Some("reports"), Some("a customs officer"))]),
            ("The Ledger quoted a port official as saying the berths were full.", &[("the berths were full", Some("as saying"), Some("a port official"))]),
            ("The berths were full, the Ledger quoted a port official as saying.", &[("The berths were full", Some("as saying"), Some("a port official"))]),
            ("As the Ledger put it in March, the bridge is a relic.", &[("the bridge is a relic", Some("put it"), Some("the Ledger"))]),
            ("The mayor put it plainly: \u{201c}We are broke.\u{201d}", &[("We are broke.", Some("put it"), Some("The mayor"))]),
            ("The council put it into the budget.", &[]),
            ("The court heard that the firm had lost the money.", &[("that the firm had lost the money", Some("heard"), None)]),
            ("She heard that the firm had closed.", &[]),
            ("01:52 \u{2014} Sitting MP Ana Ruiz, arriving at the count: \u{201c}I have loved this job.\u{201d}", &[("I have loved this job.", Some(":"), Some("Sitting MP Ana Ruiz"))]),
            ("HOST (Ana Ruiz): Who called?\nCALLER (Tom): Me. I did.\nHOST: Why?\nCALLER: The potholes.", &[("Who called?", None, Some("Ana Ruiz")), ("Me. I did.", None, Some("Tom")), ("Why?", None, Some("Ana Ruiz")), ("The potholes.", None, Some("Tom"))]),
            ("The cost is real, and it adds up over a winter, said Tom Hale.", &[("The cost is real, and it adds up over a winter", Some("said"), Some("Tom Hale"))]),
            ("Ana Ruiz makes the case that the bridge is a relic.", &[("that the bridge is a relic", Some("makes the case"), Some("Ana Ruiz"))]),
            ("Ana Ruiz made the case for a new bridge.", &[]),
            ("SAN ALEJO DE LAS MINAS, Chile (Ledger) - Fares rose, officials said.", &[("Fares rose", Some("said"), Some("officials"))]),
            ("Ranipur, Jan 12 (Ledger) Fares rose on Sunday, police said.", &[("Fares rose on Sunday", Some("said"), Some("police"))]),
            ("SEN. LUND: You told the Ledger that the fund was safe. Was it?\nMS. HALE: It was safe then.", &[("You told the Ledger that the fund was safe. Was it?", None, Some("SEN. LUND")), ("that the fund was safe", Some("told"), Some("MS. HALE")), ("It was safe then.", None, Some("MS. HALE"))]),
            ("Chief Ana Ruiz had two rules: \u{2018}Stay in.\u{2019} \u{2018}Keep warm.\u{2019}", &[("Stay in.", Some("had two rules:"), Some("Chief Ana Ruiz")), ("Keep warm.", None, Some("Chief Ana Ruiz"))]),
            ("It was announced on Friday that the bridge would close.", &[("that the bridge would close", Some("was announced"), None)]),
            ("It was confirmed by the club last night that the bridge would close.", &[("that the bridge would close", Some("was confirmed"), Some("the club"))]),
            ("Ida Lund, who said the bridge was unsafe, closed it on Monday.", &[("the bridge was unsafe", Some("said"), Some("who"))]),
            ("She declined to discuss her salary.", &[]),
            ("She declined", &[]),
            ("The referee added five minutes of stoppage time, and the hosts scored.", &[]),
            // Near misses.
            ("The mayor said the bridge, built in 1920, was unsafe.", &[("the bridge, built in 1920, was unsafe", Some("said"), Some("The mayor"))]),
            ("She agreed that the salary was fair.", &[("that the salary was fair", Some("agreed"), Some("She"))]),
            ("The agency said prices rose, citing higher fuel costs.", &[("prices rose", Some("said"), Some("The agency")), ("higher fuel costs", Some("citing"), Some("The agency"))]),
            ("Police reports show a rise in thefts.", &[]),
        ];
        for (input, want) in cases {
            let doc = run(input);
            let got = surfaces(&doc);
            let want: Vec<(String, Option<String>, Option<String>)> = want
                .iter()
                .map(|(c, q, s)| (c.to_string(), q.map(str::to_string), s.map(str::to_string)))
                .collect();
            assert_eq!(got, want, "{input}");
        }
    }
}

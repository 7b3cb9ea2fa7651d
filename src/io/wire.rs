//! The serde structs that cross the public API: input [`Document`]s and output [`Annotation`]s.
//!
//! This is the JSON Lines contract documented in `docs/schema.md`. Every offset here is a
//! **character offset** (Unicode code point) into the input text, end-exclusive, so Python's
//! `text[start:end]` returns the span. The conversion from the library's internal byte spans
//! happens once, in [`Annotation::from_doc`].

use crate::doc::{Doc, MentionKind, OutletRelation, QuoteKind, Span, SpeakerType};
use serde::{Deserialize, Serialize};

/// An input article.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Document {
    /// Caller's identifier, copied to the output.
    pub id: String,
    /// The article text.
    pub text: String,
    /// Anything else the caller wants to carry along (not used by the stages).
    #[serde(default, skip_serializing_if = "serde_json::Value::is_null")]
    pub meta: serde_json::Value,
}

impl Document {
    /// A document with no metadata.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
            meta: serde_json::Value::Null,
        }
    }
}

/// A `[start, end)` pair of character offsets.
pub type CharRange = [usize; 2];

/// A span with its surface text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TextSpan {
    /// Surface text, `text[start:end]`.
    pub text: String,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// The speaker of one quote, as mentioned at that place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteSpeaker {
    /// The mention as written (pronoun, nominal or name).
    pub text: String,
    /// First character of the mention.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// What kind of expression the mention is.
    pub kind: MentionKind,
    /// The resolved name, if resolution found one.
    pub name: Option<String>,
    /// Index into the record's `speakers`.
    pub id: Option<u32>,
}

/// The outlet one quote is sourced to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteOutlet {
    /// Canonical outlet name.
    pub name: String,
    /// The outlet as written.
    pub text: String,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// Its role for this quote.
    pub relation: OutletRelation,
}

/// A quotation or reported claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireQuote {
    /// The content, `text[start:end]`, without enclosing quotation marks.
    pub text: String,
    /// First character of the content.
    pub start: usize,
    /// One past its last character.
    pub end: usize,
    /// Pieces of an interrupted quote; absent when the quote is one piece.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spans: Option<Vec<CharRange>>,
    /// Direct, mixed or indirect.
    pub kind: QuoteKind,
    /// The attributing words.
    pub cue: Option<TextSpan>,
    /// Who said it.
    pub speaker: Option<QuoteSpeaker>,
    /// Which outlet it is sourced to.
    pub outlet: Option<QuoteOutlet>,
    /// How sure the attribution is, in `[0, 1]`.
    pub confidence: f32,
}

/// A resolved speaker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireSpeaker {
    /// Index in `speakers`, referenced by `quotes[].speaker.id`.
    pub id: u32,
    /// Best full name.
    pub name: String,
    /// Person, organisation, outlet or unknown.
    #[serde(rename = "type")]
    pub kind: SpeakerType,
    /// Title or role.
    pub title: Option<String>,
    /// Organisation the speaker belongs to.
    pub affiliation: Option<String>,
    /// Every mention.
    pub mentions: Vec<CharRange>,
    /// Indexes into `quotes` of the quotes attributed to this speaker.
    pub quotes: Vec<u32>,
}

/// An outlet named in the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireOutlet {
    /// Canonical name.
    pub name: String,
    /// Every place it is named.
    pub mentions: Vec<CharRange>,
    /// Every role it plays.
    pub relations: Vec<OutletRelation>,
}

/// A named entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireEntity {
    /// Surface text.
    pub text: String,
    /// PER, ORG, LOC or MISC.
    pub label: crate::doc::EntityLabel,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// The output record for one document. Reading one back, an array left out by `--fields`
/// is empty.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Annotation {
    /// The input document's id.
    pub id: String,
    /// Quotes and reported claims, in text order.
    pub quotes: Vec<WireQuote>,
    /// Resolved speakers.
    pub speakers: Vec<WireSpeaker>,
    /// Outlets named.
    pub outlets: Vec<WireOutlet>,
    /// Named entities.
    pub entities: Vec<WireEntity>,
    /// Sentence extents.
    pub sentences: Vec<CharRange>,
}

/// Converts byte offsets of one text to character offsets, in one sweep.
struct CharOffsets<'t> {
    ascii: bool,
    text: &'t str,
    bytes: Vec<usize>,
    chars: Vec<usize>,
}

impl<'t> CharOffsets<'t> {
    fn new(text: &'t str, mut wanted: Vec<usize>) -> Self {
        if text.is_ascii() {
            return CharOffsets {
                ascii: true,
                text,
                bytes: Vec::new(),
                chars: Vec::new(),
            };
        }
        wanted.sort_unstable();
        wanted.dedup();
        let mut chars = Vec::with_capacity(wanted.len());
        let mut count = 0usize;
        let mut iter = text.char_indices().peekable();
        for &b in &wanted {
            while let Some(&(i, _)) = iter.peek() {
                if i >= b {
                    break;
                }
                iter.next();
                count += 1;
            }
            chars.push(count);
        }
        CharOffsets {
            ascii: false,
            text,
            bytes: wanted,
            chars,
        }
    }

    fn get(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        match self.bytes.binary_search(&byte) {
            Ok(i) => self.chars[i],
            // Not collected up front: count directly (never happens on the normal path).
            Err(_) => self.text[..byte].chars().count(),
        }
    }

    fn range(&self, s: Span) -> CharRange {
        [self.get(s.start), self.get(s.end)]
    }

    fn text_span(&self, s: Span) -> TextSpan {
        TextSpan {
            text: self.text[s].to_string(),
            start: self.get(s.start),
            end: self.get(s.end),
        }
    }
}

impl Annotation {
    /// Renders a processed document into the output record, converting offsets to characters.
    pub fn from_doc(doc: &Doc) -> Annotation {
        let off = char_offsets_of(doc);
        // Filled while the quotes are converted: the quotes each speaker says.
        let mut speaker_quotes = vec![Vec::new(); doc.speakers.len()];
        let quotes = (doc.quotes.iter().enumerate())
            .map(|(qi, q)| wire_quote(doc, &off, qi, q, &mut speaker_quotes))
            .collect();
        let speakers = (doc.speakers.iter().zip(speaker_quotes).enumerate())
            .map(|(i, (s, quotes))| WireSpeaker {
                id: i as u32,
                name: s.name.clone(),
                kind: s.kind,
                title: s.title.clone(),
                affiliation: s.affiliation.clone(),
                mentions: s
                    .mentions
                    .iter()
                    .map(|m| off.range(doc.mentions[m.index()].span))
                    .collect(),
                quotes,
            })
            .collect();
        let outlets = (doc.outlets.iter().enumerate())
            .map(|(i, o)| WireOutlet {
                name: o.name.clone(),
                mentions: doc
                    .outlet_mentions
                    .iter()
                    .filter(|m| m.outlet.index() == i)
                    .map(|m| off.range(m.span))
                    .collect(),
                relations: o.relations.clone(),
            })
            .collect();
        let entities = (doc.entities.iter())
            .map(|e| {
                let ts = off.text_span(e.span);
                WireEntity {
                    text: ts.text,
                    label: e.label,
                    start: ts.start,
                    end: ts.end,
                }
            })
            .collect();
        Annotation {
            id: doc.id.clone(),
            quotes,
            speakers,
            outlets,
            entities,
            sentences: doc.sentences.iter().map(|s| off.range(s.span)).collect(),
        }
    }
}

/// The character offsets of every span boundary the record will hold, found in one pass.
fn char_offsets_of(doc: &Doc) -> CharOffsets<'_> {
    let mut wanted = Vec::new();
    let mut want = |s: Span| {
        wanted.push(s.start);
        wanted.push(s.end);
    };
    doc.sentences.iter().for_each(|s| want(s.span));
    doc.entities.iter().for_each(|e| want(e.span));
    doc.mentions.iter().for_each(|m| want(m.span));
    doc.outlet_mentions.iter().for_each(|m| want(m.span));
    for q in &doc.quotes {
        want(q.span);
        q.pieces.iter().for_each(|&p| want(p));
        if let Some(c) = q.cue {
            want(c);
        }
    }
    CharOffsets::new(&doc.text, wanted)
}

/// Quote `qi` as output, recording it among its resolved speaker's quotes.
fn wire_quote(
    doc: &Doc,
    off: &CharOffsets<'_>,
    qi: usize,
    q: &crate::doc::Quote,
    speaker_quotes: &mut [Vec<u32>],
) -> WireQuote {
    let text: &str = &doc.text;
    let speaker = q.speaker.map(|m| {
        let mention = &doc.mentions[m.index()];
        let resolved = mention.speaker.map(|s| (s, &doc.speakers[s.index()]));
        if let Some((s, _)) = resolved {
            speaker_quotes[s.index()].push(qi as u32);
        }
        let [start, end] = off.range(mention.span);
        QuoteSpeaker {
            text: text[mention.span].to_string(),
            start,
            end,
            kind: mention.kind,
            name: resolved.map(|(_, sp)| sp.name.clone()),
            id: resolved.map(|(s, _)| s.0),
        }
    });
    let outlet = q.outlet.map(|(m, relation)| {
        let om = &doc.outlet_mentions[m.index()];
        let ts = off.text_span(om.span);
        QuoteOutlet {
            name: doc.outlets[om.outlet.index()].name.clone(),
            text: ts.text,
            start: ts.start,
            end: ts.end,
            relation,
        }
    });
    let [start, end] = off.range(q.span);
    WireQuote {
        text: text[q.span].to_string(),
        start,
        end,
        spans: (q.pieces.len() > 1).then(|| q.pieces.iter().map(|&p| off.range(p)).collect()),
        kind: q.kind,
        cue: q.cue.map(|c| off.text_span(c)),
        speaker,
        outlet,
        confidence: (q.confidence.clamp(0.0, 1.0) * 1000.0).round() / 1000.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::Sentence;

    #[test]
    fn offsets_are_characters() {
        let mut doc = Doc::new("d", "Él dijo «hola». Bye.");
        let a = doc.text.find("Bye").unwrap();
        doc.sentences.push(Sentence {
            span: Span::new(0, a - 1),
            paragraph: 0,
        });
        doc.sentences.push(Sentence {
            span: Span::new(a, doc.text.len()),
            paragraph: 0,
        });
        let ann = Annotation::from_doc(&doc);
        let chars: Vec<char> = doc.text.chars().collect();
        let [s, e] = ann.sentences[1];
        assert_eq!(chars[s..e].iter().collect::<String>(), "Bye.");
        assert_eq!(ann.sentences[0], [0, 15]);
    }
}

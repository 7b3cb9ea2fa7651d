//! Splits text into paragraphs and sentences.
//!
//! Paragraphs: any line break is a hard boundary (news text exported from web pages puts one
//! paragraph per line). Sentences: a run of `.`, `!`, `?` or `…`, with any closing quotes and
//! brackets, followed by whitespace and a plausible sentence start, unless the word before the
//! period is an abbreviation or an initial.

use crate::doc::{Doc, Sentence, Span};
use crate::error::Result;
use crate::pipeline::{Layer, Stage};
use std::collections::HashSet;

const ABBREVIATIONS: &str = include_str!("../../data/tokens/abbreviations.txt");

/// Splits text into paragraphs and sentences.
#[derive(Debug)]
pub struct SentenceSplitter {
    abbreviations: HashSet<String>,
}

impl SentenceSplitter {
    /// Builds the splitter with its abbreviation list.
    pub fn new() -> Result<Self> {
        Ok(SentenceSplitter {
            abbreviations: crate::lexicon::entries(ABBREVIATIONS)
                .map(str::to_string)
                .collect(),
        })
    }

    /// Paragraph spans (trimmed, non-empty), in order.
    pub fn paragraphs(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if c == '\n' || c == '\r' {
                let s = Span::new(start, i).trim(text);
                if !s.is_empty() {
                    out.push(s);
                }
                start = i + 1;
            }
        }
        let s = Span::new(start, text.len()).trim(text);
        if !s.is_empty() {
            out.push(s);
        }
        out
    }

    /// Sentence spans inside one paragraph, relative to `para`.
    pub fn sentences(&self, para: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = 0;
        let chars: Vec<(usize, char)> = para.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (pos, c) = chars[i];
            if matches!(c, '.' | '!' | '?' | '\u{2026}') {
                let mut j = i + 1;
                while j < chars.len() && matches!(chars[j].1, '.' | '!' | '?' | '\u{2026}') {
                    j += 1;
                }
                while j < chars.len()
                    && matches!(chars[j].1, '"' | '\u{201d}' | '\u{2019}' | '\'' | ')' | ']')
                {
                    j += 1;
                }
                let end = chars.get(j).map_or(para.len(), |x| x.0);
                if j < chars.len() && chars[j].1.is_whitespace() {
                    let mut k = j;
                    while k < chars.len() && chars[k].1.is_whitespace() {
                        k += 1;
                    }
                    let next = chars.get(k).map(|x| x.1);
                    let starts = next.is_some_and(|n| {
                        n.is_uppercase()
                            || n.is_ascii_digit()
                            || matches!(n, '"' | '\u{201c}' | '\u{2018}' | '(' | '[')
                    });
                    if starts && !(c == '.' && j == i + 1 && self.is_abbreviation(&para[..pos])) {
                        out.push(Span::new(start, end).trim(para));
                        start = chars[k].0;
                    }
                }
                i = j.max(i + 1);
                continue;
            }
            i += 1;
        }
        let s = Span::new(start, para.len()).trim(para);
        if !s.is_empty() {
            out.push(s);
        }
        out
    }

    fn is_abbreviation(&self, before: &str) -> bool {
        let word = before
            .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '\u{201c}')
            .next()
            .unwrap_or("");
        let w = word.trim_end_matches('.');
        (w.chars().count() == 1 && w.chars().all(char::is_uppercase))
            || self.abbreviations.contains(w)
            || (w.contains('.') && w.split('.').all(|p| p.chars().count() <= 2))
    }
}

impl Stage for SentenceSplitter {
    fn name(&self) -> &'static str {
        "sentences"
    }
    fn requires(&self) -> &'static [Layer] {
        &[]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }
    fn process(&self, doc: &mut Doc) -> Result<()> {
        let text = doc.text.clone();
        doc.paragraphs = Self::paragraphs(&text);
        doc.sentences.clear();
        for (p, para) in doc.paragraphs.iter().enumerate() {
            for s in self.sentences(&text[*para]) {
                doc.sentences.push(Sentence {
                    span: s.shift(para.start),
                    paragraph: p as u32,
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let sp = SentenceSplitter::new().unwrap();
        let cases: &[(&str, &[&str])] = &[
            (
                "Mr. Smith met Sen. Jones in the U.S. capital. They talked.",
                &[
                    "Mr. Smith met Sen. Jones in the U.S. capital.",
                    "They talked.",
                ],
            ),
            (
                "\u{201c}We will win,\u{201d} she said. \u{201c}No doubt.\u{201d} He left.",
                &[
                    "\u{201c}We will win,\u{201d} she said.",
                    "\u{201c}No doubt.\u{201d}",
                    "He left.",
                ],
            ),
        ];
        for (input, want) in cases {
            let got: Vec<&str> = sp.sentences(input).into_iter().map(|s| &input[s]).collect();
            assert_eq!(&got, want);
        }
    }
}

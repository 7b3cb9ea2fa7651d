//! Word tokenizer: splits each sentence into tokens with exact byte offsets.
//!
//! Tokens follow CoNLL/PTB conventions where the tagger expects them: clitics split off
//! (`Putin` `'s`, `do` `n't`, curly apostrophes too), punctuation one token per mark except
//! runs such as `...` or `?!`, while URLs, e-mail addresses, numbers (`3.5`, `1,200`, `10:30`),
//! hyphenated words and abbreviations (`Sen.`, `U.S.`, `Ph.D.`) stay whole.

use crate::doc::{Doc, Span, Token};
use crate::error::Result;
use crate::pipeline::{Contract, Layer, Stage};
use regex::Regex;

const ABBREVIATIONS: &str = include_str!("../../data/tokens/abbreviations.txt");

/// Splits sentences into word tokens with exact offsets.
#[derive(Debug)]
pub struct Tokenizer {
    pattern: Regex,
}

const CLITICS: [&str; 7] = ["s", "re", "ve", "ll", "d", "m", "t"];

impl Tokenizer {
    /// Builds the tokenizer (compiles its pattern once).
    pub fn new() -> Result<Self> {
        let abbrevs: Vec<String> = crate::lexicon::entries(ABBREVIATIONS)
            .map(regex::escape)
            .collect();
        let pattern = format!(
            r"(?x)
            (?:https?://|www\.)[^\s<>()\x22\u201c\u201d]+[^\s<>()\x22\u201c\u201d.,;:!?'\u2019] # URL
            | [\w.+-]+@\w[\w-]*(?:\.\w[\w-]*)+               # e-mail
            | \p{{L}}{{1,2}}\.(?:\p{{L}}{{1,2}}\.)+             # U.S., Ph.D.
            | (?:{abbrevs})\.                                # known abbreviations
            | \p{{Lu}}\.                                       # an initial
            | [$£€]?\d+(?:[.,:/]\d+)*(?:%|st|nd|rd|th|s|m|bn|k)?  # numbers
            | \w+(?:(?:[-'\u2019]|-\r?\n[\ \t]*)\w+)*         # words (over a hyphen at a wrap)
            | \.{{2,}} | [?!]{{2,}} | -{{2,}}                 # punctuation runs
            | \S                                             # anything else, one char
            ",
            abbrevs = abbrevs.join("|")
        );
        let pattern = Regex::new(&pattern).map_err(|e| crate::Error::Config(e.to_string()))?;
        Ok(Tokenizer { pattern })
    }

    /// Tokenizes `text`, calling `emit` with each token span relative to `text`.
    pub fn tokenize(&self, text: &str, mut emit: impl FnMut(Span)) {
        let mut prev = "";
        for m in self.pattern.find_iter(text) {
            let (s, e) = (m.start(), m.end());
            let word = m.as_str();
            let after_article = std::mem::replace(&mut prev, word);
            if weekday_after_article(after_article, word) {
                emit(Span::new(s, e - 1));
                emit(Span::new(e - 1, e));
            } else if let Some(cut) = clitic_split(word) {
                if cut > 0 {
                    emit(Span::new(s, s + cut));
                }
                emit(Span::new(s + cut, e));
            } else {
                emit(Span::new(s, e));
            }
        }
    }

    /// Tokenizes a whole string into spans.
    pub fn spans(&self, text: &str) -> Vec<Span> {
        let mut v = Vec::new();
        self.tokenize(text, |s| v.push(s));
        v
    }
}

/// A word hyphenated at a hard wrap (`Marthinsen-\nAune`, `Aber-\nnethy`, `full-\nyear`) as
/// it reads on one line: in a capitalised word, a lowercase letter after the break continues
/// a name the typesetter split (`Abernethy`; names seldom hold a lowercase part after a
/// hyphen); anything else keeps its hyphen (`Marthinsen-Aune`, `full-year`).
pub fn unwrap_hyphen(word: &str) -> std::borrow::Cow<'_, str> {
    if !word.contains('\n') {
        return word.into();
    }
    let mut out = String::with_capacity(word.len());
    let mut rest = word;
    while let Some(i) = rest.find("-\n").or_else(|| rest.find("-\r\n")) {
        out.push_str(&rest[..i]);
        let after = rest[i + 1..].trim_start_matches(['\r', '\n', ' ', '\t']);
        let soft = word.chars().next().is_some_and(char::is_uppercase)
            && after.chars().next().is_some_and(char::is_lowercase);
        if !soft {
            out.push('-');
        }
        rest = after;
    }
    out.push_str(rest);
    out.into()
}

/// "The Sun.", "the Sat.": after an article a weekday's abbreviation is a name ending its
/// sentence, not an abbreviation.
fn weekday_after_article(prev: &str, word: &str) -> bool {
    const WEEKDAYS: [&str; 10] = [
        "Mon.", "Tue.", "Tues.", "Wed.", "Thu.", "Thur.", "Thurs.", "Fri.", "Sat.", "Sun.",
    ];
    ["the", "The", "a", "A"].contains(&prev) && WEEKDAYS.contains(&word)
}

/// Where a word splits into stem + clitic (`Putin|'s`, `do|n't`), if it does.
fn clitic_split(word: &str) -> Option<usize> {
    let apos = word.rfind(['\'', '\u{2019}'])?;
    let tail = &word[apos + word[apos..].chars().next()?.len_utf8()..];
    let lower = tail.to_ascii_lowercase();
    if !CLITICS.contains(&lower.as_str()) || apos == 0 {
        return None;
    }
    if lower == "t" {
        // n't: the n belongs to the clitic (do|n't, can|'t stays ca|n't in PTB; we keep can|'t).
        let head = &word[..apos];
        if head.len() > 1 && head.ends_with(['n', 'N']) {
            let n = apos - 1;
            if !word[..n].is_empty() {
                return Some(n);
            }
        }
        return None;
    }
    Some(apos)
}

impl Stage for Tokenizer {
    fn name(&self) -> &'static str {
        "tokens"
    }
    fn contract(&self) -> Contract {
        Contract::new(&[Layer::Sentences], &[Layer::Tokens]).invalidating(&Layer::TOKENS_DEPENDENTS)
    }
    fn process(&self, doc: &mut Doc) -> Result<()> {
        let text = doc.text.clone();
        doc.tokens.clear();
        for (i, sentence) in doc.sentences.iter().enumerate() {
            let base = sentence.span.start;
            self.tokenize(&text[sentence.span], |s| {
                doc.tokens.push(Token {
                    span: s.shift(base),
                    sentence: i as u32,
                })
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(t: &str) -> Vec<&str> {
        let tk = Tokenizer::new().unwrap();
        tk.spans(t).into_iter().map(|s| &t[s]).collect()
    }

    #[test]
    fn words_hyphenated_at_a_wrap() {
        assert_eq!(
            toks("Hege Marthinsen-\nAune and Ruth Aber-\n  nethy left.\n\nA full-\nyear -\nend"),
            [
                "Hege",
                "Marthinsen-\nAune",
                "and",
                "Ruth",
                "Aber-\n  nethy",
                "left",
                ".",
                "A",
                "full-\nyear",
                "-",
                "end"
            ]
        );
        assert_eq!(unwrap_hyphen("Marthinsen-\nAune"), "Marthinsen-Aune");
        assert_eq!(unwrap_hyphen("Aber-\n  nethy"), "Abernethy");
        assert_eq!(unwrap_hyphen("full-\r\nyear"), "full-year");
        assert_eq!(unwrap_hyphen("Vos"), "Vos");
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Sen. Smith's aide didn't say.",
                &["Sen.", "Smith", "'s", "aide", "did", "n't", "say", "."],
            ),
            // After an article a weekday's abbreviation is a name ending its sentence.
            (
                "It was Sun. 4 June, reports The Sun.",
                &[
                    "It", "was", "Sun.", "4", "June", ",", "reports", "The", "Sun", ".",
                ],
            ),
            (
                "\u{201c}We won\u{2019}t,\u{201d} the U.S. envoy said.",
                &[
                    "\u{201c}",
                    "We",
                    "wo",
                    "n\u{2019}t",
                    ",",
                    "\u{201d}",
                    "the",
                    "U.S.",
                    "envoy",
                    "said",
                    ".",
                ],
            ),
            (
                "See https://example.com/a?b=1, mail a.b@ex.org now...",
                &[
                    "See",
                    "https://example.com/a?b=1",
                    ",",
                    "mail",
                    "a.b@ex.org",
                    "now",
                    "...",
                ],
            ),
            (
                "It rose 3.5% to $1,200 at 10:30 in Ph.D. well-known",
                &[
                    "It",
                    "rose",
                    "3.5%",
                    "to",
                    "$1,200",
                    "at",
                    "10:30",
                    "in",
                    "Ph.D.",
                    "well-known",
                ],
            ),
            ("Patrick M. Cronin", &["Patrick", "M.", "Cronin"]),
        ];
        for (input, want) in cases {
            assert_eq!(&toks(input), want, "{input}");
        }
    }
}

//! CoNLL-2003 NER files and conlleval-style scoring (entity level, exact match).
//!
//! A file has one token per line (`token POS chunk tag`, the tag last), a blank line
//! between sentences and `-DOCSTART-` lines between documents. Tags may be IOB1 (CoNLL-2003:
//! `B-` only between two adjacent entities of one type) or IOB2; chunks are read with
//! conlleval's rules, so both give the same entities.

use crate::doc::EntityLabel;
use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::Path;

/// One annotated sentence.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConllSentence {
    /// The tokens.
    pub words: Vec<String>,
    /// Gold entities as token ranges `[first, end)` with their label.
    pub entities: Vec<(usize, usize, EntityLabel)>,
}

/// One document: the sentences between two `-DOCSTART-` lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ConllDoc {
    /// The sentences, in order.
    pub sentences: Vec<ConllSentence>,
}

impl ConllDoc {
    /// All words of the document, in order, with each sentence's range over them: the input
    /// the tagger takes.
    pub fn flatten(&self) -> (Vec<&str>, Vec<Range<usize>>) {
        let mut words = Vec::new();
        let mut ranges = Vec::with_capacity(self.sentences.len());
        for s in &self.sentences {
            let start = words.len();
            words.extend(s.words.iter().map(String::as_str));
            ranges.push(start..words.len());
        }
        (words, ranges)
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.sentences.iter().map(|s| s.words.len()).sum()
    }

    /// True when the document has no tokens.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Reads a CoNLL file.
pub fn read_conll(path: &Path) -> Result<Vec<ConllDoc>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse_conll(&text, path)
}

/// Parses CoNLL text; `path` names the source in errors.
pub fn parse_conll(text: &str, path: &Path) -> Result<Vec<ConllDoc>> {
    let mut docs = vec![ConllDoc::default()];
    let mut words: Vec<String> = Vec::new();
    let mut tags: Vec<(usize, &str)> = Vec::new();
    let flush = |docs: &mut Vec<ConllDoc>,
                 words: &mut Vec<String>,
                 tags: &mut Vec<(usize, &str)>|
     -> Result<()> {
        if words.is_empty() {
            return Ok(());
        }
        let mut entities = Vec::new();
        for (first, end, ty, line) in chunks(tags.iter().map(|&(l, t)| (t, l))) {
            let label = EntityLabel::parse(ty).ok_or_else(|| Error::Data {
                path: path.to_path_buf(),
                line,
                reason: format!("unknown entity type {ty:?} (want PER, ORG, LOC or MISC)"),
            })?;
            entities.push((first, end, label));
        }
        if let Some(d) = docs.last_mut() {
            d.sentences.push(ConllSentence {
                words: std::mem::take(words),
                entities,
            });
        }
        tags.clear();
        Ok(())
    };
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            flush(&mut docs, &mut words, &mut tags)?;
            continue;
        }
        let mut cols = line.split_whitespace();
        let word = cols.next().unwrap_or_default();
        if word == "-DOCSTART-" {
            flush(&mut docs, &mut words, &mut tags)?;
            if docs.last().is_some_and(|d| !d.sentences.is_empty()) {
                docs.push(ConllDoc::default());
            }
            continue;
        }
        let tag = cols.next_back().ok_or_else(|| Error::Data {
            path: path.to_path_buf(),
            line: n + 1,
            reason: "expected `token ... tag`".into(),
        })?;
        words.push(word.to_string());
        tags.push((n + 1, tag));
    }
    flush(&mut docs, &mut words, &mut tags)?;
    docs.retain(|d| !d.sentences.is_empty());
    Ok(docs)
}

/// Splits a tag into prefix and type, conlleval style (`B-PER` → `('B', "PER")`, `O` → `('O', "")`).
fn split_tag(tag: &str) -> (char, &str) {
    match tag.split_once('-') {
        Some((p, ty)) => (p.chars().next().unwrap_or('O'), ty),
        None if tag == "O" => ('O', ""),
        None => ('B', tag),
    }
}

/// Entity chunks in one sentence's tags, read with conlleval's `startOfChunk`/`endOfChunk`
/// rules (IOB1, IOB2, IOBES all work). Each item carries an extra value (a line number) from
/// its first token; returns `(first, end, type, extra)`.
pub fn chunks<'a, X: Copy>(
    tags: impl IntoIterator<Item = (&'a str, X)>,
) -> Vec<(usize, usize, &'a str, X)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, &str, X)> = None;
    let (mut prev_p, mut prev_ty) = ('O', "");
    let mut n = 0;
    for (i, (tag, x)) in tags.into_iter().enumerate() {
        let (p, ty) = split_tag(tag);
        let end = matches!(
            (prev_p, p),
            ('B', 'B') | ('B', 'O') | ('I', 'B') | ('I', 'O') | ('E', _) | ('S', _)
        ) || (prev_p != 'O' && prev_ty != ty);
        let start = matches!(
            (prev_p, p),
            ('B', 'B')
                | ('I', 'B')
                | ('O', 'B')
                | ('S', 'B')
                | ('E', 'B')
                | ('E', 'E')
                | ('E', 'I')
                | ('S', 'E')
                | ('S', 'I')
                | ('O', 'E')
                | ('O', 'I')
                | (_, 'S')
        ) || (p != 'O' && prev_ty != ty);
        if end && let Some((s, t, x0)) = open.take() {
            out.push((s, i, t, x0));
        }
        if start && p != 'O' {
            open = Some((i, ty, x));
        }
        (prev_p, prev_ty) = (p, ty);
        n = i + 1;
    }
    if let Some((s, t, x0)) = open {
        out.push((s, n, t, x0));
    }
    out
}

/// Counts for one entity type (or all of them).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted entities that match a gold one exactly (span and type).
    pub correct: usize,
    /// Predicted entities.
    pub predicted: usize,
    /// Gold entities.
    pub gold: usize,
}

impl Counts {
    /// Precision in `[0, 1]`.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    /// Recall in `[0, 1]`.
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Entity-level scores over a corpus, per type and overall (micro average).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    /// Tokens seen.
    pub tokens: usize,
    /// Tokens whose predicted entity type (or none) matches the gold one.
    pub tokens_correct: usize,
    /// Per entity type.
    pub per_type: BTreeMap<&'static str, Counts>,
}

impl Scores {
    /// Adds one sentence: gold and predicted entities over its `len` tokens.
    pub fn add(
        &mut self,
        len: usize,
        gold: &[(usize, usize, EntityLabel)],
        pred: &[(usize, usize, EntityLabel)],
    ) {
        for &(_, _, l) in gold {
            self.per_type.entry(l.as_str()).or_default().gold += 1;
        }
        for p in pred {
            let c = self.per_type.entry(p.2.as_str()).or_default();
            c.predicted += 1;
            if gold.contains(p) {
                c.correct += 1;
            }
        }
        let types = |ents: &[(usize, usize, EntityLabel)]| {
            let mut v = vec![None; len];
            for &(s, e, l) in ents {
                for x in v.iter_mut().take(e.min(len)).skip(s) {
                    *x = Some(l);
                }
            }
            v
        };
        let (g, p) = (types(gold), types(pred));
        self.tokens += len;
        self.tokens_correct += g.iter().zip(&p).filter(|(a, b)| a == b).count();
    }

    /// Totals over all types.
    pub fn overall(&self) -> Counts {
        self.per_type
            .values()
            .fold(Counts::default(), |a, c| Counts {
                correct: a.correct + c.correct,
                predicted: a.predicted + c.predicted,
                gold: a.gold + c.gold,
            })
    }

    /// F1 of one type (0 when absent).
    pub fn f1_of(&self, label: EntityLabel) -> f64 {
        self.per_type.get(label.as_str()).map_or(0.0, Counts::f1)
    }
}

impl fmt::Display for Scores {
    /// conlleval's report layout (percentages).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let o = self.overall();
        writeln!(
            f,
            "processed {} tokens with {} phrases; found: {} phrases; correct: {}.",
            self.tokens, o.gold, o.predicted, o.correct
        )?;
        writeln!(
            f,
            "accuracy: {:6.2}%; precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}",
            100.0 * ratio(self.tokens_correct, self.tokens),
            100.0 * o.precision(),
            100.0 * o.recall(),
            100.0 * o.f1()
        )?;
        for (ty, c) in &self.per_type {
            writeln!(
                f,
                "{ty:>17}: precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  {}",
                100.0 * c.precision(),
                100.0 * c.recall(),
                100.0 * c.f1(),
                c.predicted
            )?;
        }
        Ok(())
    }
}

/// An entity tagger over given words: what [`evaluate`] scores.
pub trait WordTagger: Sync {
    /// Entities of a document as word ranges `[first, end)`, in order, not overlapping;
    /// `sentences` are ranges over `words`.
    fn tag_words(
        &self,
        words: &[&str],
        sentences: &[Range<usize>],
    ) -> Result<Vec<(usize, usize, EntityLabel)>>;
}

impl WordTagger for crate::entities::EntityTagger {
    fn tag_words(
        &self,
        words: &[&str],
        sentences: &[Range<usize>],
    ) -> Result<Vec<(usize, usize, EntityLabel)>> {
        Ok(self.tag(words, sentences))
    }
}

/// Tags every document with `tagger` and scores the result against the gold entities.
pub fn evaluate<T: WordTagger + ?Sized>(tagger: &T, docs: &[ConllDoc]) -> Result<Scores> {
    use rayon::prelude::*;
    let per_doc: Vec<Scores> = docs
        .par_iter()
        .map(|doc| {
            let mut scores = Scores::default();
            let (words, ranges) = doc.flatten();
            let pred = tagger.tag_words(&words, &ranges)?;
            let mut k = 0;
            for (s, r) in doc.sentences.iter().zip(&ranges) {
                let mut mine = Vec::new();
                while k < pred.len() && pred[k].0 < r.end {
                    let (a, b, l) = pred[k];
                    mine.push((a - r.start, b.min(r.end) - r.start, l));
                    k += 1;
                }
                scores.add(s.words.len(), &s.entities, &mine);
            }
            Ok(scores)
        })
        .collect::<Result<_>>()?;
    let mut total = Scores::default();
    for s in per_doc {
        total.tokens += s.tokens;
        total.tokens_correct += s.tokens_correct;
        for (ty, c) in s.per_type {
            let t = total.per_type.entry(ty).or_default();
            t.correct += c.correct;
            t.predicted += c.predicted;
            t.gold += c.gold;
        }
    }
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityLabel::*;

    #[test]
    fn iob1_and_iob2_read_the_same() {
        let iob1 = ["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG"];
        let iob2 = ["B-PER", "I-PER", "B-PER", "O", "B-LOC", "B-ORG"];
        let c1: Vec<_> = chunks(iob1.iter().map(|t| (*t, ())))
            .into_iter()
            .map(|c| (c.0, c.1, c.2))
            .collect();
        let c2: Vec<_> = chunks(iob2.iter().map(|t| (*t, ())))
            .into_iter()
            .map(|c| (c.0, c.1, c.2))
            .collect();
        assert_eq!(
            c1,
            vec![(0, 2, "PER"), (2, 3, "PER"), (4, 5, "LOC"), (5, 6, "ORG")]
        );
        assert_eq!(c1, c2);
    }

    #[test]
    fn parses_documents_and_sentences() {
        let text = "-DOCSTART- -X- -X- O\n\nUNESCO NNP B-NP I-ORG\nagrees VBZ B-VP O\n\nMarta NNP B-NP I-PER\nKowalski NNP I-NP I-PER\n\n-DOCSTART- -X- -X- O\n\nX NN O O\n";
        let docs = parse_conll(text, Path::new("t")).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[0].sentences[0].entities, vec![(0, 1, Org)]);
        assert_eq!(docs[0].sentences[1].entities, vec![(0, 2, Per)]);
        let (w, r) = docs[0].flatten();
        assert_eq!(w, ["UNESCO", "agrees", "Marta", "Kowalski"]);
        assert_eq!(r, vec![0..2, 2..4]);
        let err = parse_conll("a B-FOO\n", Path::new("f.txt"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("f.txt:1"), "{err}");
    }

    #[test]
    fn scores() {
        let mut s = Scores::default();
        s.add(5, &[(0, 2, Per), (3, 4, Loc)], &[(0, 2, Per), (3, 5, Loc)]);
        let o = s.overall();
        assert_eq!((o.correct, o.predicted, o.gold), (1, 2, 2));
        assert!((s.f1_of(Per) - 1.0).abs() < 1e-9);
        assert_eq!(s.f1_of(Loc), 0.0);
        assert!(s.to_string().contains("FB1:  50.00"));
    }
}

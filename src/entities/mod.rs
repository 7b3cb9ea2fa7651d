//! Named-entity recognition (PER, ORG, LOC, MISC) with a hashed-feature tagger trained by us.
//!
//! The tagger is a linear model (averaged perceptron) over hashed features — word forms,
//! shapes, affixes, capitalisation in context, neighbouring words and gazetteer membership —
//! decoded per sentence with Viterbi under the tag scheme's constraints. A second pass sees
//! what the first pass tagged elsewhere in the same document ("Clinton" was a person three
//! sentences ago), which fixes many inconsistent labels.
//!
//! The default model (`models/ner/ner.bin`, see its `MODEL_CARD.md`) is compiled into the
//! binary; [`EntityTagger::load`] can read another one. Retrain with
//! `quotesmith train ner` (see [`train`]).

pub mod bio;
pub(crate) mod features;
pub(crate) mod gazetteer;
pub(crate) mod model;
pub mod train;

use crate::doc::{Doc, Entity, EntityLabel, Span, TokenId};
use crate::error::{Error, Result};
use crate::pipeline::{Contract, Layer, Stage};
use bio::Tag;
use features::{DocLabels, Featurizer, Prepared, Scratch};
use model::Model;
use std::ops::Range;
use std::path::Path;

/// The model compiled into the binary.
static BUILTIN: &[u8] = include_bytes!("../../models/ner/ner.bin");

/// Name of the built-in model in error messages.
const BUILTIN_NAME: &str = "<built-in models/ner/ner.bin>";

/// An entity over a document's tokens: `[first, end)` token indices and a label.
pub type TokenEntity = (usize, usize, EntityLabel);

/// Tags named entities over tokens.
#[derive(Debug)]
pub struct EntityTagger {
    model: Model,
    featurizer: Featurizer,
    allowed: Vec<bool>,
}

impl EntityTagger {
    /// Loads the model at `path`, or the built-in one.
    pub fn load(path: Option<&Path>) -> Result<Self> {
        match path {
            Some(p) => {
                let bytes = std::fs::read(p).map_err(|e| Error::io(p, e))?;
                Self::from_bytes(&bytes, p)
            }
            None => Self::from_bytes(BUILTIN, Path::new(BUILTIN_NAME)),
        }
    }

    /// Reads a model from its file bytes; `name` identifies it in errors.
    pub fn from_bytes(bytes: &[u8], name: &Path) -> Result<Self> {
        let model = Model::from_bytes(bytes, name)?;
        Self::from_model(model, name)
    }

    fn from_model(model: Model, name: &Path) -> Result<Self> {
        let featurizer = Featurizer::new();
        if model.fingerprint != featurizer.fingerprint() {
            return Err(Error::Model {
                path: name.to_path_buf(),
                reason: "trained with other gazetteers than data/ner/ in this build: retrain it"
                    .into(),
            });
        }
        let allowed = model::constraints(model.scheme);
        Ok(EntityTagger {
            model,
            featurizer,
            allowed,
        })
    }

    /// Writes the model in its file format.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        self.model.to_bytes()
    }

    /// Tags one document given as words and sentence ranges over them; returns the entities
    /// in order, as token ranges.
    pub fn tag(&self, words: &[&str], sentences: &[Range<usize>]) -> Vec<TokenEntity> {
        let sentences = clip_sentences(words.len(), sentences);
        let mut scratch = Scratch::default();
        let p = self
            .featurizer
            .prepare(words.iter().copied(), &sentences, &mut scratch);
        let tags = self.tag_prepared(&p);
        let mut out = Vec::new();
        for s in &p.sentences {
            for (a, b, l) in self.model.scheme.decode(&tags[s.clone()]) {
                out.push((s.start + a, s.start + b, l));
            }
        }
        out
    }

    /// Runs both passes over a prepared document; returns one tag per token.
    pub(crate) fn tag_prepared(&self, p: &Prepared) -> Vec<Tag> {
        let m = &self.model;
        let n = m.ntags();
        let stride = m.stride();
        let len = p.len();
        let mut scores = vec![0f32; len * n];
        let mut second = if m.passes > 1 {
            vec![0i32; len * n]
        } else {
            Vec::new()
        };
        let mut acc = vec![0i32; stride];
        for s in &p.sentences {
            for i in s.clone() {
                acc.fill(0);
                self.featurizer
                    .features(p, s, i, |f| m.add_all(f, &mut acc));
                for (o, &a) in scores[i * n..(i + 1) * n].iter_mut().zip(&acc[..n]) {
                    *o = a as f32 * m.scale;
                }
                if m.passes > 1 {
                    second[i * n..(i + 1) * n].copy_from_slice(&acc[n..2 * n]);
                }
            }
        }
        let mut tags = self.decode(p, &scores, 0);
        if m.passes > 1 {
            let labels = DocLabels::new(p, m.scheme, &tags);
            for i in 0..len {
                let acc = &mut second[i * n..(i + 1) * n];
                self.featurizer
                    .doc_features(p, &labels, i, |f| m.add_pass(f, 1, acc));
                for (o, &a) in scores[i * n..(i + 1) * n].iter_mut().zip(acc.iter()) {
                    *o = a as f32 * m.scale;
                }
            }
            tags = self.decode(p, &scores, 1);
        }
        tags
    }

    fn decode(&self, p: &Prepared, scores: &[f32], pass: usize) -> Vec<Tag> {
        let n = self.model.ntags();
        let trans = self.model.transitions(pass);
        let mut tags = Vec::with_capacity(p.len());
        let (mut out, mut back) = (Vec::new(), Vec::new());
        for s in &p.sentences {
            model::viterbi(
                &scores[s.start * n..s.end * n],
                trans,
                &self.allowed,
                n,
                &mut out,
                &mut back,
            );
            tags.extend_from_slice(&out);
        }
        tags
    }

    /// Finds the entities of a tokenized document (side-effect free; see [`Self::apply`]).
    pub fn predict(&self, doc: &Doc) -> Vec<Entity> {
        let words: Vec<&str> = doc.tokens.iter().map(|t| &doc.text[t.span]).collect();
        let mut sentences: Vec<Range<usize>> = Vec::new();
        for (i, t) in doc.tokens.iter().enumerate() {
            match sentences.last_mut() {
                Some(r) if doc.tokens[r.start].sentence == t.sentence => r.end = i + 1,
                _ => sentences.push(i..i + 1),
            }
        }
        self.tag(&words, &sentences)
            .into_iter()
            .map(|(first, end, label)| Entity {
                span: Span::new(doc.tokens[first].span.start, doc.tokens[end - 1].span.end),
                label,
                first: TokenId(first as u32),
                end: TokenId(end as u32),
            })
            .collect()
    }

    /// Writes predicted entities into the document.
    pub fn apply(doc: &mut Doc, entities: Vec<Entity>) {
        doc.entities = entities;
    }
}

/// Makes sentence ranges safe to index with: in bounds, in order, non-overlapping, and
/// covering every token (uncovered tokens become their own sentences).
fn clip_sentences(len: usize, sentences: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(sentences.len());
    let mut pos = 0;
    for s in sentences {
        let (a, b) = (s.start.max(pos).min(len), s.end.min(len));
        if a > pos {
            out.push(pos..a);
        }
        if b > a {
            out.push(a..b);
            pos = b;
        } else {
            pos = pos.max(a);
        }
    }
    if pos < len {
        out.push(pos..len);
    }
    out
}

impl Stage for EntityTagger {
    fn name(&self) -> &'static str {
        "entities"
    }
    fn contract(&self) -> Contract {
        Contract::new(&[Layer::Tokens], &[Layer::Entities])
            .invalidating(&Layer::ENTITIES_DEPENDENTS)
    }
    fn process(&self, doc: &mut Doc) -> Result<()> {
        let entities = self.predict(doc);
        Self::apply(doc, entities);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn tagger() -> &'static EntityTagger {
        static T: OnceLock<EntityTagger> = OnceLock::new();
        T.get_or_init(|| EntityTagger::load(None).expect("built-in model loads"))
    }

    fn entities(text: &str) -> Vec<(String, &'static str)> {
        let mut doc = crate::pipeline::testing::tokenized(text);
        tagger().process(&mut doc).unwrap();
        for e in &doc.entities {
            assert_eq!(doc.tokens[e.first.index()].span.start, e.span.start);
            assert_eq!(doc.tokens[e.end.index() - 1].span.end, e.span.end);
        }
        doc.entities
            .iter()
            .map(|e| (doc.text[e.span].to_string(), e.label.as_str()))
            .collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            (
                "Mayor Ana Ortiz said on Monday that the city would sue General Motors in Detroit.",
                &[
                    ("Ana Ortiz", "PER"),
                    ("General Motors", "ORG"),
                    ("Detroit", "LOC"),
                ],
            ),
            (
                "\u{201c}We will not back down,\u{201d} Prime Minister Boris Petrov told the BBC in London.",
                &[("Boris Petrov", "PER"), ("BBC", "ORG"), ("London", "LOC")],
            ),
            (
                "German and French officials met in Brussels on Friday.",
                &[("German", "MISC"), ("French", "MISC"), ("Brussels", "LOC")],
            ),
            ("The weather was cold and the roads were empty.", &[]),
        ];
        for (input, want) in cases {
            let got = entities(input);
            let want: Vec<(String, &str)> = want.iter().map(|(s, l)| (s.to_string(), *l)).collect();
            assert_eq!(got, want, "{input}");
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for text in [
            "",
            " ",
            "\u{201c}",
            "A",
            "...",
            "\u{1F600} \u{e9}t\u{e9}",
            "1 2 3 4 5",
        ] {
            let _ = entities(text);
        }
        #[allow(clippy::reversed_empty_ranges)]
        let odd = [0..5, 3..1];
        assert!(tagger().tag(&["x"], &odd).len() <= 1);
        assert!(tagger().tag(&[], &[]).is_empty());
    }

    #[test]
    fn sentence_ranges_are_clipped() {
        assert_eq!(
            clip_sentences(5, &[0..2, 1..3, 4..9]),
            vec![0..2, 2..3, 3..4, 4..5]
        );
        assert_eq!(clip_sentences(3, &[]), vec![0..3]);
        assert_eq!(clip_sentences(0, &[0..4, 1..2]), Vec::<Range<usize>>::new());
    }

    #[test]
    fn bad_model_files_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bad.bin");
        std::fs::write(&p, b"not a model at all, just text").unwrap();
        let err = EntityTagger::load(Some(&p)).unwrap_err();
        assert!(matches!(err, Error::Model { .. }), "{err}");
        assert!(err.to_string().contains("bad.bin"), "{err}");
        let missing = dir.path().join("missing.bin");
        assert!(matches!(
            EntityTagger::load(Some(&missing)),
            Err(Error::Io { .. })
        ));
        // A truncated copy of the real model.
        let mut bytes = BUILTIN.to_vec();
        bytes.truncate(bytes.len() / 2);
        std::fs::write(&p, &bytes).unwrap();
        assert!(matches!(
            EntityTagger::load(Some(&p)),
            Err(Error::Model { .. })
        ));
    }
}

//! A trained model: its tokenizer, engine and settings, and what it predicts over a text.

use super::*;
use crate::error::{Error, Result};
use backend::{missing_file, model_error};
use std::path::Path;
use tokenizers::Tokenizer;

/// Text is handed to the tokenizer in pieces of about this many bytes, cut at whitespace,
/// which the pre-tokenizer splits on anyway.
const CHUNK_BYTES: usize = 8 << 10;

/// Tokenizer, engine and settings of a trained model.
pub struct TransformerModel {
    tokenizer: Tokenizer,
    backend: Box<dyn Backend>,
    config: ModelConfig,
}

impl std::fmt::Debug for TransformerModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransformerModel")
            .field("backend", &self.backend.name())
            .finish_non_exhaustive()
    }
}

impl TransformerModel {
    /// Loads the model in `dir` (default: [`ModelFiles::default_dir`]) for `backend`. A
    /// missing or damaged file is an [`Error::Model`] naming it and saying what to do.
    pub fn load(dir: Option<&Path>, backend: BackendKind) -> Result<Self> {
        Self::load_files(&ModelFiles::new(dir), backend).map_err(with_hint)
    }

    fn load_files(files: &ModelFiles, backend: BackendKind) -> Result<Self> {
        let config = files.read_config()?;
        let tpath = files.tokenizer();
        if !tpath.is_file() {
            return Err(missing_file(&tpath));
        }
        let mut tokenizer = Tokenizer::from_file(&tpath).map_err(|e| model_error(&tpath, e))?;
        tokenizer
            .with_truncation(None)
            .map_err(|e| model_error(&tpath, e))?;
        tokenizer.with_padding(None);
        let backend = backend.load(&files.dir, &config)?;
        Ok(TransformerModel {
            tokenizer,
            backend,
            config,
        })
    }

    /// The engine's name.
    pub fn backend_name(&self) -> &'static str {
        self.backend.name()
    }

    /// The model's settings.
    pub fn config(&self) -> &ModelConfig {
        &self.config
    }

    /// Word pieces of `text` with byte offsets and case classes.
    pub fn pieces(&self, text: &str) -> Result<Vec<Piece>> {
        let mut out = Vec::with_capacity(text.len() / 4);
        let mut base = 0;
        while base < text.len() {
            let end = chunk_end(text, base, CHUNK_BYTES);
            let enc = self
                .tokenizer
                .encode(&text[base..end], false)
                .map_err(|e| Error::Config(format!("tokenizer failed: {e}")))?;
            for (&id, &(a, b)) in enc.get_ids().iter().zip(enc.get_offsets()) {
                let (start, end) = (base + a, base + b);
                let case = text.get(start..end).map_or(0, case::case_class);
                out.push(Piece {
                    id,
                    case,
                    start,
                    end,
                });
            }
            base = end;
        }
        Ok(out)
    }

    /// The learned O/B/I transitions of each attribution role, when the model has them.
    pub fn role_transitions(&self) -> Option<&[decode::Transitions]> {
        self.config.quotesmith.role_transitions.as_deref()
    }

    /// True when the model reads the fast stages' output ([`features`]).
    pub fn stacked(&self) -> bool {
        self.config.quotesmith.stacked
    }

    /// Scores every piece of `text`; a stacked model needs the fast stages' `features`
    /// (without them it sees "nothing found", which it was not trained on).
    pub fn predict(
        &self,
        text: &str,
        features: Option<&features::StackedFeatures>,
    ) -> Result<PieceScores> {
        let mut scores = self.predict_batch(&[(text, features)])?;
        Ok(scores.pop().unwrap_or_default())
    }

    /// Scores several documents at once, each with its features as in [`Self::predict`].
    /// Their windows are run together, longest first, in batches of windows of about the
    /// same length, so that short windows (the last of each document) are not padded to a
    /// full one. The scores of each document are those `predict` gives it alone.
    pub fn predict_batch(
        &self,
        docs: &[(&str, Option<&features::StackedFeatures>)],
    ) -> Result<Vec<PieceScores>> {
        let heads = &self.config.quotesmith;
        let mut out = Vec::with_capacity(docs.len());
        let mut wins = Vec::with_capacity(docs.len());
        for (text, features) in docs {
            let mut pieces = self.pieces(text)?;
            if let (true, Some(f)) = (self.stacked(), features) {
                f.apply(&mut pieces);
            }
            let all = windows::windows(pieces.len(), heads.window - 2, heads.overlap);
            // An empty document has one empty window, with nothing to score.
            let run: Vec<(usize, usize)> = all.into_iter().filter(|&(a, b)| b > a).collect();
            out.push(PieceScores::zeros(pieces));
            wins.push(run);
        }
        let owners: Vec<Vec<u32>> = out
            .iter()
            .zip(&wins)
            .map(|(s, w)| windows::owners(s.pieces.len(), w))
            .collect();
        // Every window to run as (document, window), longest first; the sort is stable, so
        // equal lengths keep document order.
        let mut jobs: Vec<(usize, usize)> = wins
            .iter()
            .enumerate()
            .flat_map(|(d, w)| (0..w.len()).map(move |k| (d, k)))
            .collect();
        jobs.sort_by_key(|&(d, k)| std::cmp::Reverse(wins[d][k].1 - wins[d][k].0));
        for group in jobs.chunks(self.backend.windows_per_pass().max(1)) {
            let rows: Vec<&[Piece]> = group
                .iter()
                .map(|&(d, k)| &out[d].pieces[wins[d][k].0..wins[d][k].1])
                .collect();
            let batch = batch_of_rows(&rows);
            let logits = self.backend.forward(&batch)?;
            for (r, &(d, k)) in group.iter().enumerate() {
                let (a, b) = wins[d][k];
                // Position 0 of each row is `[CLS]`.
                out[d].take_owned(a..b, k as u32, &owners[d], &logits, r * batch.cols + 1);
            }
        }
        Ok(out)
    }
}

impl PieceScores {
    /// Zero scores for `pieces`, to be filled in window by window.
    fn zeros(pieces: Vec<Piece>) -> Self {
        PieceScores {
            ner: vec![0f32; pieces.len() * NER_LABELS.len()],
            attribution: vec![0f32; pieces.len() * 3 * ROLES],
            pieces,
        }
    }

    /// Copies the logits of the pieces in `range` that window `window` owns; the first
    /// piece of the range is at position `first` of the logits.
    fn take_owned(
        &mut self,
        range: std::ops::Range<usize>,
        window: u32,
        owner: &[u32],
        logits: &Logits,
        first: usize,
    ) {
        let (nl, al) = (NER_LABELS.len(), 3 * ROLES);
        let start = range.start;
        for i in range {
            if owner[i] != window {
                continue;
            }
            let col = first + (i - start);
            self.ner[i * nl..(i + 1) * nl].copy_from_slice(&logits.ner[col * nl..(col + 1) * nl]);
            self.attribution[i * al..(i + 1) * al]
                .copy_from_slice(&logits.attribution[col * al..(col + 1) * al]);
        }
    }
}

/// What to do about a model folder that cannot be loaded.
const MODEL_HINT: &str = "the model folder needs config.json, tokenizer.json and \
    model.safetensors as trained together (models/transformer in the source tree); restore \
    the folder, or point --model-dir or QUOTESMITH_MODEL_DIR at a complete copy";

/// Adds [`MODEL_HINT`] to an error about one of the model's files.
fn with_hint(err: Error) -> Error {
    match err {
        Error::Model { path, reason } => Error::Model {
            path,
            reason: format!("{reason}; {MODEL_HINT}"),
        },
        Error::Io { path, source } => Error::Model {
            path,
            reason: format!("{source}; {MODEL_HINT}"),
        },
        other => other,
    }
}

/// End of the chunk starting at `base`: after the last whitespace before `base + max`, or at
/// a character boundary when the text has no whitespace there.
fn chunk_end(text: &str, base: usize, max: usize) -> usize {
    if text.len() - base <= max {
        return text.len();
    }
    let mut limit = base + max;
    while !text.is_char_boundary(limit) {
        limit -= 1;
    }
    match text[base..limit].rfind(char::is_whitespace) {
        Some(i) if i > 0 => {
            let ws = text[base + i..].chars().next().map_or(1, char::len_utf8);
            base + i + ws
        }
        _ => limit.max(base + text[base..].chars().next().map_or(1, char::len_utf8)),
    }
}

impl TransformerModel {
    /// Entities of `text` as byte spans with their label.
    pub fn entities(
        &self,
        text: &str,
        features: Option<&features::StackedFeatures>,
    ) -> Result<Vec<(usize, usize, crate::doc::EntityLabel)>> {
        use crate::doc::EntityLabel;
        let types: Vec<&str> = EntityLabel::ALL.iter().map(|l| l.as_str()).collect();
        let scheme: Vec<decode::Bio> = NER_LABELS
            .iter()
            .map(|l| decode::Bio::parse(l, &types).unwrap_or(decode::Bio::O))
            .collect();
        let scores = self.predict(text, features)?;
        let p = &scores.pieces;
        Ok(decode::viterbi(&scores.ner, NER_LABELS.len(), 0, &scheme)
            .into_iter()
            .map(|s| (p[s.first].start, p[s.end - 1].end, EntityLabel::ALL[s.typ]))
            .collect())
    }
}

/// The transformer's NER over given words, for [`crate::eval::conll::evaluate`]: words are
/// joined by spaces within a sentence and by newlines between sentences, the layout the NER
/// head was trained on; a stacked model first gets the fast stages' output on that text.
pub struct TransformerNer {
    model: TransformerModel,
    fast: Option<crate::Pipeline>,
}

impl TransformerNer {
    /// Wraps `model`, building the fast stages when it is stacked.
    pub fn new(model: TransformerModel) -> Result<Self> {
        let fast = if model.stacked() {
            Some(crate::Pipeline::new(&crate::Config::fast_features())?)
        } else {
            None
        };
        Ok(TransformerNer { model, fast })
    }

    /// The model.
    pub fn model(&self) -> &TransformerModel {
        &self.model
    }
}

impl crate::eval::conll::WordTagger for TransformerNer {
    fn tag_words(
        &self,
        words: &[&str],
        sentences: &[std::ops::Range<usize>],
    ) -> Result<Vec<(usize, usize, crate::doc::EntityLabel)>> {
        let mut text = String::new();
        let mut at = Vec::with_capacity(words.len());
        for r in sentences {
            if !text.is_empty() {
                text.push('\n');
            }
            for (k, w) in words[r.clone()].iter().enumerate() {
                if k > 0 {
                    text.push(' ');
                }
                at.push((text.len(), text.len() + w.len()));
                text.push_str(w);
            }
        }
        let features = match &self.fast {
            Some(fast) => {
                let mut doc = crate::Doc::new("", text.as_str());
                fast.process(&mut doc)?;
                Some(features::StackedFeatures::from_doc(&doc))
            }
            None => None,
        };
        let mut out: Vec<(usize, usize, crate::doc::EntityLabel)> = Vec::new();
        for (a, b, label) in self.model.entities(&text, features.as_ref())? {
            let first = at.partition_point(|w| w.1 <= a);
            let end = at.partition_point(|w| w.0 < b);
            if first < end && out.last().is_none_or(|e| e.1 <= first) {
                out.push((first, end, label));
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::chunk_end;

    #[test]
    fn chunks_end_after_whitespace_or_at_a_char_boundary() {
        assert_eq!(chunk_end("abc def ghi", 0, 100), 11);
        assert_eq!(chunk_end("abc def ghi", 0, 9), 8);
        assert_eq!(chunk_end("abcdefghi", 0, 4), 4);
        let s = "ééééé";
        let e = chunk_end(s, 0, 3);
        assert!(s.is_char_boundary(e) && e > 0);
    }
}

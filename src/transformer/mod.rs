//! The learned stage: one small BERT encoder (MiniLM-L6, fine-tuned by us) with two heads,
//! NER and attribution roles (source, cue, content), sharing one encoder pass.
//!
//! A document is split into word pieces by `tokenizer.json` (the base model's uncased
//! WordPiece); each piece's case class rides in its token-type id ([`case`]). The pieces are
//! cut into overlapping windows ([`windows`]) so that nothing is truncated, windows are batched
//! and run through a [`Backend`] (candle by default, rust-bert with the `rust-bert` feature,
//! ONNX Runtime in f32 or int8 with the `onnx` feature),
//! each piece keeps the scores of the window where it has most context, and [`decode`] turns
//! scores into spans. The stage itself is [`TransformerTagger`].
//!
//! Training code and the model card: `training/`, `models/transformer/MODEL_CARD.md`.

//!
//! Cargo features: `transformer` (the tokenizer and the stage) comes with either engine,
//! `candle` (on by default), `rust-bert` or `onnx`. Without them the configuration types remain, and
//! building a transformer stage is an error that says which feature to enable.

pub mod backend;
#[cfg(feature = "candle")]
mod candle_backend;
pub mod case;
pub mod config;
pub mod decode;
pub mod features;
#[cfg(feature = "transformer")]
mod model;
#[cfg(feature = "onnx")]
pub mod ort_backend;
#[cfg(feature = "transformer")]
mod stage;
#[cfg(feature = "rust-bert")]
mod tch_backend;
pub mod windows;

pub use backend::{Backend, BackendError, BackendKind, Batch, Logits};
#[cfg(feature = "candle")]
pub use candle_backend::CandleBackend;
pub use config::{MODEL_DIR_ENV, ModelConfig, ModelFiles};
#[cfg(feature = "transformer")]
pub use model::{TransformerModel, TransformerNer};
#[cfg(feature = "onnx")]
pub use ort_backend::{OnnxPrecision, OrtBackend};
#[cfg(feature = "transformer")]
pub use stage::TransformerTagger;
#[cfg(feature = "rust-bert")]
pub use tch_backend::TchBackend;

/// NER labels in logit order; `config.json` must list the same.
pub const NER_LABELS: [&str; 9] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];
/// Attribution roles; each has an O/B/I logit triple, in this order.
pub const ROLE_NAMES: [&str; ROLES] = ["source", "cue", "content"];
/// Number of attribution roles.
pub const ROLES: usize = 3;

const CLS: u32 = 101;
const SEP: u32 = 102;

/// A word piece of the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Vocabulary id.
    pub id: u32,
    /// Case class ([`case::case_class`]).
    pub case: u32,
    /// Byte offset of its first character in the document.
    pub start: usize,
    /// Byte offset one past its last character.
    pub end: usize,
}

/// Scores for every piece of a document.
#[derive(Debug, Clone, Default)]
pub struct PieceScores {
    /// The pieces, in text order.
    pub pieces: Vec<Piece>,
    /// NER logits, `NER_LABELS.len()` per piece.
    pub ner: Vec<f32>,
    /// Attribution logits, `3 * ROLES` per piece.
    pub attribution: Vec<f32>,
}

/// The windows `group` of `pieces` as one padded batch with `[CLS]`/`[SEP]`.
pub fn batch_of(pieces: &[Piece], group: &[(usize, usize)]) -> Batch {
    let rows: Vec<&[Piece]> = group.iter().map(|&(a, b)| &pieces[a..b]).collect();
    batch_of_rows(&rows)
}

/// Windows, from one document or several, as one batch with `[CLS]`/`[SEP]`, padded to
/// the longest.
pub fn batch_of_rows(windows: &[&[Piece]]) -> Batch {
    let cols = windows.iter().map(|w| w.len() + 2).max().unwrap_or(2);
    let rows = windows.len();
    let mut batch = Batch {
        rows,
        cols,
        ids: vec![0; rows * cols],
        types: vec![0; rows * cols],
        mask: vec![0; rows * cols],
    };
    for (r, window) in windows.iter().enumerate() {
        let row = r * cols;
        batch.ids[row] = CLS;
        batch.mask[row] = 1;
        for (k, p) in window.iter().enumerate() {
            batch.ids[row + 1 + k] = p.id;
            batch.types[row + 1 + k] = p.case;
            batch.mask[row + 1 + k] = 1;
        }
        batch.ids[row + 1 + window.len()] = SEP;
        batch.mask[row + 1 + window.len()] = 1;
    }
    batch
}

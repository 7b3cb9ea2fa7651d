//! The engines that run the encoder and its heads. Both read the same safetensors weights;
//! candle is pure Rust and always built, rust-bert (libtorch) is behind the `rust-bert` feature.

use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Windows of word pieces, padded to one length, row-major `[rows, cols]`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Batch {
    /// Number of windows.
    pub rows: usize,
    /// Pieces per window, padding included.
    pub cols: usize,
    /// Word-piece ids (`[CLS]` … `[SEP]`, then `[PAD]` = 0).
    pub ids: Vec<u32>,
    /// Token-type ids, which carry each piece's case class.
    pub types: Vec<u32>,
    /// 1 for a real piece, 0 for padding.
    pub mask: Vec<u32>,
}

/// Head outputs for a [`Batch`], row-major `[rows, cols, labels]`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Logits {
    /// Number of windows.
    pub rows: usize,
    /// Pieces per window.
    pub cols: usize,
    /// NER logits, [`super::NER_LABELS`] per piece.
    pub ner: Vec<f32>,
    /// Attribution logits: O/B/I for source, cue and content, 9 per piece.
    pub attribution: Vec<f32>,
}

/// Runs the encoder and both heads over a batch.
pub trait Backend: Send + Sync {
    /// Short name for messages and benchmarks.
    fn name(&self) -> &'static str;
    /// One encoder pass, both heads.
    fn forward(&self, batch: &Batch) -> Result<Logits>;
}

/// Which engine runs the transformer stage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BackendKind {
    /// candle: pure Rust, always available.
    #[default]
    Candle,
    /// rust-bert on libtorch: needs the `rust-bert` cargo feature.
    RustBert,
}

impl BackendKind {
    /// Loads the weights in `dir` for this engine.
    pub fn load(self, dir: &Path, config: &super::ModelConfig) -> Result<Box<dyn Backend>> {
        match self {
            BackendKind::Candle => Ok(Box::new(super::candle_backend::CandleBackend::load(
                dir, config,
            )?)),
            #[cfg(feature = "rust-bert")]
            BackendKind::RustBert => {
                Ok(Box::new(super::tch_backend::TchBackend::load(dir, config)?))
            }
            #[cfg(not(feature = "rust-bert"))]
            BackendKind::RustBert => Err(Error::Config(
                "the rust-bert backend is not built in: rebuild with `--features rust-bert` \
                 (see scripts/setup-libtorch.sh)"
                    .into(),
            )),
        }
    }
}

/// Turns an engine's error into a model error naming the weights file.
pub(crate) fn model_error(path: &Path, err: impl std::fmt::Display) -> Error {
    Error::Model {
        path: path.to_path_buf(),
        reason: err.to_string(),
    }
}

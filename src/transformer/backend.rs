//! The engines that run the encoder and its heads. candle is pure Rust and on by default
//! (feature `candle`), rust-bert (libtorch) is behind the `rust-bert` feature; both read the
//! safetensors weights. ONNX Runtime (feature `onnx`) runs the same model exported to ONNX,
//! in f32 or int8.

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

impl Batch {
    /// Checks that the batch fits `config`: consistent lengths, no more columns than position
    /// embeddings, ids below the vocabulary and token-type sizes, a 0/1 mask. Engines call it
    /// before a forward pass, so that both reject the same batches with the same error
    /// instead of failing inside the tensor library.
    pub fn check(&self, config: &super::ModelConfig) -> Result<(), BackendError> {
        let cells = self.rows * self.cols;
        for (what, len) in [
            ("ids", self.ids.len()),
            ("types", self.types.len()),
            ("mask", self.mask.len()),
        ] {
            if len != cells {
                return Err(BackendError::BatchShape {
                    rows: self.rows,
                    cols: self.cols,
                    what,
                    len,
                });
            }
        }
        if self.cols > config.max_position_embeddings {
            return Err(BackendError::TooLong {
                cols: self.cols,
                max: config.max_position_embeddings,
            });
        }
        let limits = [
            ("word-piece", &self.ids, config.vocab_size),
            ("token-type", &self.types, config.type_vocab_size),
            ("mask", &self.mask, 2),
        ];
        for (what, values, limit) in limits {
            if let Some(at) = values.iter().position(|&v| v as usize >= limit) {
                return Err(BackendError::IdOutOfRange {
                    what,
                    id: values[at],
                    at,
                    limit,
                });
            }
        }
        Ok(())
    }
}

/// Why an engine cannot run a model or a batch.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BackendError {
    /// The ids, types or mask do not have `rows × cols` entries.
    #[error("a {rows}x{cols} batch has {len} {what}")]
    BatchShape {
        /// Windows in the batch.
        rows: usize,
        /// Pieces per window.
        cols: usize,
        /// Which array (`ids`, `types`, `mask`).
        what: &'static str,
        /// Its length.
        len: usize,
    },
    /// A window is longer than the position embeddings.
    #[error("windows of {cols} pieces are longer than the model's {max} positions")]
    TooLong {
        /// Pieces per window.
        cols: usize,
        /// `max_position_embeddings`.
        max: usize,
    },
    /// A word-piece id, token type or mask value is outside the model's range.
    #[error("{what} id {id} at batch position {at} is out of range: the model has {limit}")]
    IdOutOfRange {
        /// `word-piece`, `token-type` or `mask`.
        what: &'static str,
        /// The value.
        id: u32,
        /// Its index in the row-major batch.
        at: usize,
        /// The number of valid values.
        limit: usize,
    },
    /// `config.json` sets a layer-norm epsilon that the engine cannot use.
    #[error("layer_norm_eps is {found}, but this engine's BERT is built with {expected}")]
    LayerNormEps {
        /// The model's value.
        found: f64,
        /// The engine's value.
        expected: f64,
    },
    /// `config.json` names an activation the engine does not have.
    #[error("hidden_act {found:?} is not supported; expected one of {supported:?}")]
    Activation {
        /// The model's value.
        found: String,
        /// What the engine supports.
        supported: &'static [&'static str],
    },
    /// A size in `config.json` does not fit the engine's integer type.
    #[error("{what} = {value} is too large")]
    TooLarge {
        /// The setting.
        what: &'static str,
        /// Its value.
        value: usize,
    },
    /// libtorch failed (the message is the C++ exception's).
    #[cfg(feature = "rust-bert")]
    #[error("libtorch: {0}")]
    Torch(#[from] tch::TchError),
    /// rust-bert refused the input.
    #[cfg(feature = "rust-bert")]
    #[error("rust-bert: {0}")]
    RustBert(#[from] rust_bert::RustBertError),
    /// A libtorch call inside rust-bert panicked; the panic message.
    #[cfg(feature = "rust-bert")]
    #[error("libtorch failed inside rust-bert: {0}")]
    Panicked(String),
    /// The ONNX Runtime library is missing or cannot be loaded.
    #[cfg(feature = "onnx")]
    #[error("cannot load ONNX Runtime from {path}: {reason}")]
    Library {
        /// The library file (`$ORT_DYLIB_PATH` or the setup script's cache).
        path: std::path::PathBuf,
        /// What is wrong and what to do.
        reason: String,
    },
    /// An exported ONNX model is missing, damaged, or not one `training/export_onnx.py`
    /// writes.
    #[cfg(feature = "onnx")]
    #[error("ONNX model {path}: {reason}")]
    OnnxModel {
        /// `model.onnx` or `model.int8.onnx` in the model folder.
        path: std::path::PathBuf,
        /// What is wrong and what to do.
        reason: String,
    },
    /// ONNX Runtime failed (its message).
    #[cfg(feature = "onnx")]
    #[error("ONNX Runtime: {0}")]
    Ort(String),
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
    /// How many windows to put in one [`Batch`]. The windows of a pass are of about the
    /// same length (see [`super::TransformerModel::predict_batch`]), so padding is small.
    fn windows_per_pass(&self) -> usize {
        8
    }
}

/// Which engine runs the transformer stage.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BackendKind {
    /// candle: pure Rust, the default (feature `candle`).
    #[default]
    Candle,
    /// rust-bert on libtorch: needs the `rust-bert` cargo feature.
    RustBert,
    /// ONNX Runtime on the f32 export (`model.onnx`): needs the `onnx` cargo feature.
    Onnx,
    /// ONNX Runtime on the int8 export (`model.int8.onnx`), a model of its own with its own
    /// figures: needs the `onnx` cargo feature.
    OnnxInt8,
}

impl BackendKind {
    /// Loads the weights in `dir` for this engine.
    #[cfg_attr(
        not(any(feature = "candle", feature = "rust-bert", feature = "onnx")),
        allow(unused_variables)
    )]
    pub fn load(self, dir: &Path, config: &super::ModelConfig) -> Result<Box<dyn Backend>> {
        match self {
            #[cfg(feature = "candle")]
            BackendKind::Candle => Ok(Box::new(super::candle_backend::CandleBackend::load(
                dir, config,
            )?)),
            #[cfg(not(feature = "candle"))]
            BackendKind::Candle => Err(Error::Config(
                "the candle backend is not built in: rebuild with `--features candle` (a \
                 default feature)"
                    .into(),
            )),
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
            #[cfg(feature = "onnx")]
            BackendKind::Onnx | BackendKind::OnnxInt8 => {
                use super::ort_backend::{OnnxPrecision, OrtBackend};
                let precision = if self == BackendKind::Onnx {
                    OnnxPrecision::F32
                } else {
                    OnnxPrecision::Int8
                };
                Ok(Box::new(OrtBackend::load(dir, config, precision)?))
            }
            #[cfg(not(feature = "onnx"))]
            BackendKind::Onnx | BackendKind::OnnxInt8 => Err(Error::Config(
                "the onnx backends are not built in: rebuild with `--features onnx` (see \
                 scripts/setup-onnxruntime.sh)"
                    .into(),
            )),
        }
    }
}

/// `dir/model.safetensors`, or an error naming it when it is not there.
#[cfg(any(feature = "candle", feature = "rust-bert"))]
pub(crate) fn weights_path(dir: &Path) -> Result<std::path::PathBuf> {
    let path = dir.join("model.safetensors");
    if !path.is_file() {
        return Err(missing_file(&path));
    }
    Ok(path)
}

/// The error for a model file that is not there.
pub(crate) fn missing_file(path: &Path) -> Error {
    Error::Model {
        path: path.to_path_buf(),
        reason: "file not found".into(),
    }
}

/// Turns an engine's error into a model error naming the weights file.
pub(crate) fn model_error(path: &Path, err: impl std::fmt::Display) -> Error {
    Error::Model {
        path: path.to_path_buf(),
        reason: err.to_string(),
    }
}

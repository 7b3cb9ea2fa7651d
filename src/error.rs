//! The library's error type: one enum, each variant keeping its cause.

use std::path::PathBuf;

/// Result alias used throughout the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong while building or running a pipeline.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file (lexicon, model, input) could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file that failed.
        path: PathBuf,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A model or data file has the wrong format, version or checksum.
    #[error("invalid model file {path}: {reason}")]
    Model {
        /// The offending file (or a built-in model's name).
        path: PathBuf,
        /// What is wrong with it.
        reason: String,
    },
    /// A model file is not where the model search led (see
    /// `transformer::ModelFiles::default_dir` for the search order).
    #[error(
        "model file {path} not found: pass the model folder explicitly (--model-dir, \
         model_dir=) or set {} to a folder holding config.json, model.safetensors and \
         tokenizer.json",
        crate::transformer::MODEL_DIR_ENV
    )]
    ModelNotFound {
        /// The missing file.
        path: PathBuf,
    },
    /// A lexicon or gazetteer line could not be parsed.
    #[error("{path}:{line}: {reason}")]
    Data {
        /// The data file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line.
        reason: String,
    },
    /// A transformer engine cannot run the model, or was handed a batch that does not fit it.
    #[error("{backend} backend: {source}")]
    Backend {
        /// The engine (`candle`, `rust-bert`, `onnx`, `onnx-int8`).
        backend: &'static str,
        /// What is wrong.
        #[source]
        source: crate::transformer::backend::BackendError,
    },
    /// The pipeline configuration is inconsistent (e.g. a stage runs before the layer it needs).
    #[error("invalid pipeline configuration: {0}")]
    Config(String),
    /// A stage failed on one document (a panic inside it, or output that breaks the
    /// document's invariants); the other documents are unaffected.
    #[error("stage `{stage}` failed on document {doc:?}: {message}")]
    Stage {
        /// The stage's name.
        stage: &'static str,
        /// The document's id.
        doc: String,
        /// What happened.
        message: String,
    },
    /// An input record could not be turned into a document.
    #[error("{0}")]
    Record(#[from] crate::io::RecordError),
    /// JSON (de)serialisation failed.
    #[error(transparent)]
    Json(#[from] serde_json::Error),
}

impl Error {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

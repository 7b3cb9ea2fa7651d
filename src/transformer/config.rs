//! The model folder: `config.json` (a BERT config plus a `quotesmith` block),
//! `model.safetensors` and `tokenizer.json`.

use super::backend::model_error;
use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// What `config.json` says about the encoder and the heads.
#[derive(Debug, Clone, Deserialize)]
pub struct ModelConfig {
    /// Word-piece vocabulary size.
    pub vocab_size: usize,
    /// Width of the hidden states.
    pub hidden_size: usize,
    /// Number of transformer layers.
    pub num_hidden_layers: usize,
    /// Attention heads per layer.
    pub num_attention_heads: usize,
    /// Width of the feed-forward layer.
    pub intermediate_size: usize,
    /// Longest input the position embeddings cover.
    pub max_position_embeddings: usize,
    /// Token-type rows, one per case class.
    pub type_vocab_size: usize,
    /// Layer-norm epsilon.
    pub layer_norm_eps: f64,
    /// Activation name (`gelu` is BERT's exact erf GELU).
    pub hidden_act: String,
    /// The heads and how documents are windowed.
    pub quotesmith: HeadConfig,
    /// The whole file, for backends that read more of it.
    #[serde(skip)]
    pub raw: serde_json::Value,
}

/// The `quotesmith` block of `config.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct HeadConfig {
    /// NER labels in logit order (`O`, then `B-`/`I-` per type).
    pub ner_labels: Vec<String>,
    /// Attribution roles, each with an O/B/I logit triple, in order.
    pub attribution_roles: Vec<String>,
    /// Case classes carried in token types.
    pub case_classes: usize,
    /// Window length in word pieces, `[CLS]` and `[SEP]` included.
    pub window: usize,
    /// Pieces shared by neighbouring windows.
    pub overlap: usize,
    /// Token types carry the fast stages' entities and quote roles too
    /// ([`super::features`]), not only the case class.
    #[serde(default)]
    pub stacked: bool,
    /// Learned O/B/I transition scores per attribution role (a CRF trained with the heads);
    /// absent in models trained without one.
    #[serde(default)]
    pub role_transitions: Option<Vec<super::decode::Transitions>>,
}

impl HeadConfig {
    /// Rows of the token-type embedding this model needs.
    pub fn token_types(&self) -> usize {
        if self.stacked {
            super::features::STACKED_TYPES
        } else {
            super::case::CASE_CLASSES as usize
        }
    }
}

/// The environment variable that names the transformer model folder.
pub const MODEL_DIR_ENV: &str = "QUOTESMITH_MODEL_DIR";

/// The files of a model folder.
#[derive(Debug, Clone)]
pub struct ModelFiles {
    /// The folder.
    pub dir: PathBuf,
}

impl ModelFiles {
    /// The folder given, or [`ModelFiles::default_dir`].
    pub fn new(dir: Option<&Path>) -> Self {
        ModelFiles {
            dir: dir.map_or_else(Self::default_dir, Path::to_path_buf),
        }
    }

    /// The model folder when none is given: `$QUOTESMITH_MODEL_DIR`, else the
    /// `models/transformer` folder of the source tree this library was built from (right for
    /// `cargo run` and `cargo test`, not for an installed copy).
    ///
    /// The whole search order is: a folder given explicitly (`--model-dir`,
    /// `TransformerConfig::model_dir`, Python's `model_dir=`), then `$QUOTESMITH_MODEL_DIR`,
    /// then the models bundled with the Python package (the package passes that folder
    /// itself, so an installed wheel never looks at the tree it was built from), then this
    /// compiled-in folder. A folder chosen by one step is not skipped when it lacks a file:
    /// [`ModelFiles::check`] names the missing file and the variable instead.
    pub fn default_dir() -> PathBuf {
        std::env::var_os(MODEL_DIR_ENV)
            .map(PathBuf::from)
            .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("models/transformer"))
    }

    /// Fails with [`Error::ModelNotFound`] naming the first of `config.json`,
    /// `model.safetensors`, `tokenizer.json` that the folder lacks.
    pub fn check(&self) -> Result<()> {
        for path in [self.config(), self.weights(), self.tokenizer()] {
            if !path.is_file() {
                return Err(Error::ModelNotFound { path });
            }
        }
        Ok(())
    }

    /// `config.json`.
    pub fn config(&self) -> PathBuf {
        self.dir.join("config.json")
    }

    /// `model.safetensors`.
    pub fn weights(&self) -> PathBuf {
        self.dir.join("model.safetensors")
    }

    /// `tokenizer.json`.
    pub fn tokenizer(&self) -> PathBuf {
        self.dir.join("tokenizer.json")
    }

    /// Reads and checks `config.json`.
    pub fn read_config(&self) -> Result<ModelConfig> {
        self.check()?;
        let path = self.config();
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
        let raw: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| model_error(&path, e))?;
        let mut config: ModelConfig =
            serde_json::from_value(raw.clone()).map_err(|e| model_error(&path, e))?;
        config.raw = raw;
        let heads = &config.quotesmith;
        let bad = if heads.ner_labels.len() != super::NER_LABELS.len() {
            Some(format!("expected {} NER labels", super::NER_LABELS.len()))
        } else if heads.attribution_roles.len() != super::ROLES {
            Some(format!("expected {} attribution roles", super::ROLES))
        } else if config.type_vocab_size != heads.token_types() {
            Some(format!(
                "expected {} token types, found {}",
                heads.token_types(),
                config.type_vocab_size
            ))
        } else if heads
            .role_transitions
            .as_ref()
            .is_some_and(|t| t.len() != super::ROLES || !t.iter().all(|t| t.is_finite()))
        {
            Some(format!(
                "role_transitions must hold {} finite entries",
                super::ROLES
            ))
        } else if heads.window < 8
            || heads.window > config.max_position_embeddings
            || heads.overlap * 2 >= heads.window - 2
        {
            Some("window/overlap out of range".to_string())
        } else {
            None
        };
        match bad {
            Some(reason) => Err(model_error(&path, reason)),
            None => Ok(config),
        }
    }
}

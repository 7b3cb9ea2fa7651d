//! The rust-bert engine: rust-bert's `BertModel` on libtorch (CPU), the heads as tch linear
//! layers, all loaded from the same `model.safetensors` as [`super::CandleBackend`].
//!
//! It mirrors the candle engine step for step: word + position (`0..cols`) + token-type
//! embeddings (as many token types as the model has, so stacked models work), layer norm,
//! the encoder layers with padding keys masked out, then both heads on every position.
//! Weights are converted to f32 whatever their type on disk. The output has the same
//! `[rows, cols, labels]` layout. Needs libtorch 2.4.0: see `scripts/setup-libtorch.sh`.

use super::backend::{Backend, BackendError, Batch, Logits, model_error, weights_path};
use super::config::ModelConfig;
use crate::error::{Error, Result};
use rust_bert::Activation;
use rust_bert::bert::{BertConfig, BertEmbeddings, BertModel};
use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use tch::{Device, Kind, Tensor, nn};

const NAME: &str = "rust-bert";
/// rust-bert builds every BERT layer norm with this epsilon; it does not read the config's.
const RUST_BERT_LAYER_NORM_EPS: f64 = 1e-12;
/// Activations that rust-bert and candle compute alike (`gelu` is the exact erf GELU in both).
const ACTIVATIONS: &[&str] = &["gelu", "relu"];

/// Encoder and heads as rust-bert / tch modules.
pub struct TchBackend {
    encoder: BertModel<BertEmbeddings>,
    ner: nn::Linear,
    attribution: nn::Linear,
    config: ModelConfig,
    path: PathBuf,
    /// Owns the parameters the modules above point into.
    _vars: nn::VarStore,
}

// SAFETY: `tch::Tensor` is `Send` but not `Sync` only because it wraps a raw pointer to a
// libtorch tensor. After `load` nothing writes to the parameters: the variable store is
// frozen and never touched again, every forward pass runs under `no_grad` with `train =
// false` (dropout is the identity, no random state, no autograd graph), and it only reads
// the weights and allocates fresh tensors for its activations. libtorch supports concurrent
// read-only use of the same parameter tensors from several threads (reference counts are
// atomic), which is how a shared model serves parallel inference in PyTorch itself. So one
// `TchBackend` can serve all rayon threads, as the pipeline's `Send + Sync` stages require.
unsafe impl Sync for TchBackend {}

impl std::fmt::Debug for TchBackend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TchBackend")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

fn backend_error(source: impl Into<BackendError>) -> Error {
    Error::Backend {
        backend: NAME,
        source: source.into(),
    }
}

fn to_i64(what: &'static str, value: usize) -> Result<i64, BackendError> {
    i64::try_from(value).map_err(|_| BackendError::TooLarge { what, value })
}

/// rust-bert's view of the model, after checking the settings rust-bert cannot honour.
fn bert_config(config: &ModelConfig) -> Result<BertConfig, BackendError> {
    let eps = config.layer_norm_eps;
    if (eps - RUST_BERT_LAYER_NORM_EPS).abs() > RUST_BERT_LAYER_NORM_EPS * 1e-6 {
        return Err(BackendError::LayerNormEps {
            found: eps,
            expected: RUST_BERT_LAYER_NORM_EPS,
        });
    }
    let hidden_act = match config.hidden_act.as_str() {
        "gelu" => Activation::gelu,
        "relu" => Activation::relu,
        other => {
            return Err(BackendError::Activation {
                found: other.to_string(),
                supported: ACTIVATIONS,
            });
        }
    };
    Ok(BertConfig {
        hidden_act,
        attention_probs_dropout_prob: 0.0,
        hidden_dropout_prob: 0.0,
        hidden_size: to_i64("hidden_size", config.hidden_size)?,
        initializer_range: 0.02,
        intermediate_size: to_i64("intermediate_size", config.intermediate_size)?,
        max_position_embeddings: to_i64("max_position_embeddings", config.max_position_embeddings)?,
        num_attention_heads: to_i64("num_attention_heads", config.num_attention_heads)?,
        num_hidden_layers: to_i64("num_hidden_layers", config.num_hidden_layers)?,
        type_vocab_size: to_i64("type_vocab_size", config.type_vocab_size)?,
        vocab_size: to_i64("vocab_size", config.vocab_size)?,
        output_attentions: Some(false),
        output_hidden_states: Some(false),
        is_decoder: Some(false),
        id2label: None,
        label2id: None,
    })
}

impl TchBackend {
    /// Loads `model.safetensors` from `dir` (any float type on disk, f32 in memory).
    pub fn load(dir: &Path, config: &ModelConfig) -> Result<Self> {
        let path = weights_path(dir)?;
        let bert = bert_config(config).map_err(backend_error)?;
        if !config
            .hidden_size
            .is_multiple_of(config.num_attention_heads.max(1))
        {
            return Err(model_error(
                &path,
                "hidden_size is not a multiple of num_attention_heads",
            ));
        }
        let file = read_weights(&path)?;
        // Like candle, accept the encoder under a `bert.` prefix too (Hugging Face's layout).
        let prefixed = file.contains_key("bert.embeddings.word_embeddings.weight");
        let mut vars = nn::VarStore::new(Device::Cpu);
        let root = vars.root();
        // rust-bert and tch build modules with panicking calls; a panic here is a libtorch
        // error on the sizes above.
        let built = catch_unwind(AssertUnwindSafe(|| {
            let encoder = if prefixed {
                BertModel::<BertEmbeddings>::new_with_optional_pooler(&root / "bert", &bert, false)
            } else {
                BertModel::<BertEmbeddings>::new_with_optional_pooler(&root, &bert, false)
            };
            let heads = &root / "heads";
            let ner = nn::linear(
                &heads / "ner",
                bert.hidden_size,
                super::NER_LABELS.len() as i64,
                Default::default(),
            );
            let attribution = nn::linear(
                &heads / "attribution",
                bert.hidden_size,
                3 * super::ROLES as i64,
                Default::default(),
            );
            (encoder, ner, attribution)
        }));
        let (encoder, ner, attribution) =
            built.map_err(|p| backend_error(BackendError::Panicked(panic_message(p))))?;
        copy_weights(&vars, &file, &path)?;
        vars.freeze();
        Ok(TchBackend {
            encoder,
            ner,
            attribution,
            config: config.clone(),
            path,
            _vars: vars,
        })
    }

    fn run(&self, batch: &Batch) -> Result<Logits, BackendError> {
        let shape = [batch.rows as i64, batch.cols as i64];
        let tensor = |values: &[u32]| -> Result<Tensor, tch::TchError> {
            let values: Vec<i64> = values.iter().map(|&v| i64::from(v)).collect();
            Tensor::f_from_slice(&values)?.f_view(shape)
        };
        tch::no_grad(|| {
            let ids = tensor(&batch.ids)?;
            let types = tensor(&batch.types)?;
            let mask = tensor(&batch.mask)?;
            let heads = catch_unwind(AssertUnwindSafe(|| -> Result<_, BackendError> {
                let out = self.encoder.forward_t(
                    Some(&ids),
                    Some(&mask),
                    Some(&types),
                    None,
                    None,
                    None,
                    None,
                    false,
                )?;
                let hidden = out.hidden_state;
                Ok((hidden.apply(&self.ner), hidden.apply(&self.attribution)))
            }))
            .map_err(|p| BackendError::Panicked(panic_message(p)))??;
            let flat = |t: &Tensor| -> Result<Vec<f32>, tch::TchError> {
                Vec::<f32>::try_from(&t.f_contiguous()?.f_view([-1])?)
            };
            Ok(Logits {
                rows: batch.rows,
                cols: batch.cols,
                ner: flat(&heads.0)?,
                attribution: flat(&heads.1)?,
            })
        })
    }
}

/// The tensors of the safetensors file at `path`, by name, as stored.
fn read_weights(path: &Path) -> Result<HashMap<String, Tensor>> {
    Ok(Tensor::read_safetensors(path)
        .map_err(|e| model_error(path, e))?
        .into_iter()
        .collect())
}

/// Copies every parameter of `vars` from `file` (read from `path`), converted to f32.
/// Tensors the modules do not use (a pooler, say) are ignored, as candle does; a missing
/// tensor or one of the wrong shape is an error naming the file.
fn copy_weights(vars: &nn::VarStore, file: &HashMap<String, Tensor>, path: &Path) -> Result<()> {
    let mut wanted: Vec<(String, Tensor)> = vars.variables().into_iter().collect();
    wanted.sort_by(|a, b| a.0.cmp(&b.0));
    tch::no_grad(|| {
        for (name, mut var) in wanted {
            let src = file
                .get(&name)
                .ok_or_else(|| model_error(path, format!("cannot find tensor {name}")))?;
            if src.size() != var.size() {
                return Err(model_error(
                    path,
                    format!(
                        "tensor {name} has shape {:?}, the config needs {:?}",
                        src.size(),
                        var.size()
                    ),
                ));
            }
            if !src.is_floating_point() {
                return Err(model_error(
                    path,
                    format!("tensor {name} is {:?}, not floating point", src.kind()),
                ));
            }
            src.f_to_kind(Kind::Float)
                .and_then(|f| var.f_copy_(&f))
                .map_err(|e| model_error(path, e))?;
        }
        Ok(())
    })
}

fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_string()))
        .unwrap_or_else(|| "unknown panic".to_string())
}

impl Backend for TchBackend {
    fn name(&self) -> &'static str {
        NAME
    }

    fn forward(&self, batch: &Batch) -> Result<Logits> {
        batch.check(&self.config).map_err(backend_error)?;
        self.run(batch).map_err(backend_error)
    }
}

//! The default engine: candle's BERT on the CPU, weights memory-mapped from safetensors.

use super::backend::{Backend, Batch, Logits, model_error, weights_path};
use super::config::ModelConfig;
use crate::error::{Error, Result};
use candle_core::{DType, Device, Module, Tensor};
use candle_nn::{Linear, VarBuilder};
use candle_transformers::models::bert::{BertModel, Config as BertConfig};
use std::path::{Path, PathBuf};

/// Encoder and heads as candle modules.
pub struct CandleBackend {
    config: ModelConfig,
    encoder: BertModel,
    ner: Linear,
    attribution: Linear,
    path: PathBuf,
}

impl std::fmt::Debug for CandleBackend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CandleBackend")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl CandleBackend {
    /// Loads `model.safetensors` from `dir` (any float type on disk, f32 in memory).
    pub fn load(dir: &Path, config: &ModelConfig) -> Result<Self> {
        let path = weights_path(dir)?;
        let bert: BertConfig =
            serde_json::from_value(config.raw.clone()).map_err(|e| model_error(&path, e))?;
        let err = |e: candle_core::Error| model_error(&path, e);
        // SAFETY: the file is memory-mapped read-only; quotesmith never writes model files.
        let vb = unsafe {
            VarBuilder::from_mmaped_safetensors(
                std::slice::from_ref(&path),
                DType::F32,
                &Device::Cpu,
            )
        }
        .map_err(err)?;
        let encoder = BertModel::load(vb.clone(), &bert).map_err(err)?;
        let h = config.hidden_size;
        let ner = candle_nn::linear(h, super::NER_LABELS.len(), vb.pp("heads.ner")).map_err(err)?;
        let attribution =
            candle_nn::linear(h, 3 * super::ROLES, vb.pp("heads.attribution")).map_err(err)?;
        Ok(CandleBackend {
            config: config.clone(),
            encoder,
            ner,
            attribution,
            path,
        })
    }

    fn run(&self, batch: &Batch) -> candle_core::Result<Logits> {
        let dev = Device::Cpu;
        let shape = (batch.rows, batch.cols);
        let ids = Tensor::from_slice(&batch.ids, shape, &dev)?;
        let types = Tensor::from_slice(&batch.types, shape, &dev)?;
        let mask = Tensor::from_slice(&batch.mask, shape, &dev)?;
        let hidden = self.encoder.forward(&ids, &types, Some(&mask))?;
        let ner = self.ner.forward(&hidden)?.flatten_all()?.to_vec1::<f32>()?;
        let attribution = self
            .attribution
            .forward(&hidden)?
            .flatten_all()?
            .to_vec1::<f32>()?;
        Ok(Logits {
            rows: batch.rows,
            cols: batch.cols,
            ner,
            attribution,
        })
    }
}

impl Backend for CandleBackend {
    fn name(&self) -> &'static str {
        "candle"
    }

    /// One window at a time: on one CPU thread, larger batches only cost time and memory
    /// (20 PolNeAR dev articles, `--attribution combined`: 15.1 s user CPU and 179 MB peak
    /// at one window per pass, 16.4 s and 433 MB at eight; `docs/backends.md`).
    fn windows_per_pass(&self) -> usize {
        1
    }

    fn forward(&self, batch: &Batch) -> Result<Logits> {
        batch.check(&self.config).map_err(|source| Error::Backend {
            backend: self.name(),
            source,
        })?;
        self.run(batch).map_err(|e| model_error(&self.path, e))
    }
}

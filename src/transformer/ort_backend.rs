//! The ONNX Runtime engine: the encoder and heads exported to ONNX by
//! `training/export_onnx.py` (f32 `model.onnx`, or the int8 `model.int8.onnx`), run by the
//! `libonnxruntime.so` of the PyPI wheel that `scripts/setup-onnxruntime.sh` unpacks. The
//! library is opened at run time (the `ort` crate's `load-dynamic`), so a build with the
//! feature runs anywhere and fails with a typed error only when the engine is chosen.
//!
//! One ONNX Runtime thread per session: quotesmith already runs one document per rayon
//! thread, as with candle. `Session::run` needs `&mut`, so the engine keeps a pool of
//! sessions, one per thread that runs a pass at the same time; they share ONNX Runtime's
//! pre-packed weights.

use super::backend::{Backend, BackendError, Batch, Logits};
use super::config::ModelConfig;
use crate::error::{Error, Result};
use ort::environment::Environment;
use ort::session::Session;
use ort::session::builder::{GraphOptimizationLevel, PrepackedWeights};
use ort::value::Tensor;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The ONNX Runtime release that `scripts/setup-onnxruntime.sh` sets up.
pub const ORT_VERSION: &str = "1.31.1";
/// The variable that names `libonnxruntime.so` (read by the `ort` crate too).
pub const ORT_DYLIB_ENV: &str = "ORT_DYLIB_PATH";
/// What to run when the library or a model file is missing.
const SETUP: &str = "run `eval \"$(scripts/setup-onnxruntime.sh --print-env)\"` (it unpacks \
    libonnxruntime and exports model.onnx and model.int8.onnx into the model folder)";

/// Which of the exported models to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnnxPrecision {
    /// `model.onnx`: the safetensors weights in f32, the same model as candle's.
    F32,
    /// `model.int8.onnx`: linear layers quantised to int8 (a model of its own).
    Int8,
}

impl OnnxPrecision {
    /// The file name in the model folder.
    pub fn file_name(self) -> &'static str {
        match self {
            OnnxPrecision::F32 => "model.onnx",
            OnnxPrecision::Int8 => "model.int8.onnx",
        }
    }
}

/// The encoder and heads as ONNX Runtime sessions.
pub struct OrtBackend {
    name: &'static str,
    config: ModelConfig,
    path: PathBuf,
    env: Environment,
    prepacked: PrepackedWeights,
    /// Idle sessions; a pass takes one (or makes one) and puts it back.
    pool: Mutex<Vec<Session>>,
}

impl std::fmt::Debug for OrtBackend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OrtBackend")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

fn ort_error<R>(e: ort::Error<R>) -> BackendError {
    BackendError::Ort(e.message().to_string())
}

/// `$ORT_DYLIB_PATH`, else where `scripts/setup-onnxruntime.sh` puts the library by default.
pub fn library_path() -> PathBuf {
    if let Some(p) = std::env::var_os(ORT_DYLIB_ENV).filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    let cache = std::env::var_os("QUOTESMITH_ONNXRUNTIME_CACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let home = std::env::var_os("HOME").map_or_else(PathBuf::new, PathBuf::from);
            home.join(format!(".cache/quotesmith/onnxruntime-{ORT_VERSION}"))
        });
    cache.join(format!("lib/libonnxruntime.so.{ORT_VERSION}"))
}

/// The process's ONNX Runtime environment, made on first use from the library at `lib`:
/// ONNX Runtime allows one per process, ever, so every engine shares it.
fn environment(lib: &Path) -> Result<Environment, BackendError> {
    static ENV: Mutex<Option<Environment>> = Mutex::new(None);
    let mut env = ENV
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Some(env) = env.as_ref() {
        return Ok(env.clone());
    }
    let made = ort::init_from(lib)
        .map_err(|e| BackendError::Library {
            path: lib.to_path_buf(),
            reason: format!("{e}; {SETUP}"),
        })?
        .with_name("quotesmith")
        .build()
        .map_err(ort_error)?;
    *env = Some(made.clone());
    Ok(made)
}

impl OrtBackend {
    /// Loads `model.onnx` or `model.int8.onnx` from `dir` on the ONNX Runtime library of
    /// [`library_path`].
    pub fn load(dir: &Path, config: &ModelConfig, precision: OnnxPrecision) -> Result<Self> {
        let name = match precision {
            OnnxPrecision::F32 => "onnx",
            OnnxPrecision::Int8 => "onnx-int8",
        };
        let err = |source| Error::Backend {
            backend: name,
            source,
        };
        let path = dir.join(precision.file_name());
        if !path.is_file() {
            return Err(err(BackendError::OnnxModel {
                path,
                reason: format!("file not found; {SETUP}"),
            }));
        }
        let lib = library_path();
        if !lib.is_file() {
            return Err(err(BackendError::Library {
                path: lib,
                reason: format!("file not found; {SETUP}, or set {ORT_DYLIB_ENV}"),
            }));
        }
        let env = environment(&lib).map_err(err)?;
        let backend = OrtBackend {
            name,
            config: config.clone(),
            path,
            env,
            prepacked: PrepackedWeights::new(),
            pool: Mutex::new(Vec::new()),
        };
        // The first session now, so that a damaged file fails here, not in the first pass.
        let session = backend.session().map_err(err)?;
        backend.check_io(&session).map_err(err)?;
        backend.put_back(session);
        Ok(backend)
    }

    /// A new session on the model file, one thread, every graph optimisation.
    fn session(&self) -> Result<Session, BackendError> {
        let bad = |e: ort::Error<_>| BackendError::OnnxModel {
            path: self.path.clone(),
            reason: format!("{}; {SETUP}", e.message()),
        };
        Session::builder(&self.env)
            .map_err(ort_error)?
            .with_optimization_level(GraphOptimizationLevel::All)
            .map_err(ort_error)?
            .with_intra_threads(1)
            .map_err(ort_error)?
            .with_inter_threads(1)
            .map_err(ort_error)?
            .with_prepacked_weights(&self.prepacked)
            .map_err(ort_error)?
            .commit_from_file(&self.path)
            .map_err(bad)
    }

    /// The model must take `input_ids`, `token_type_ids`, `attention_mask` and give `ner`
    /// and `attribution`, as `training/export_onnx.py` writes it.
    fn check_io(&self, session: &Session) -> Result<(), BackendError> {
        let inputs: Vec<&str> = session.inputs().iter().map(|i| i.name()).collect();
        let outputs: Vec<&str> = session.outputs().iter().map(|o| o.name()).collect();
        if inputs != INPUTS || outputs != OUTPUTS {
            return Err(BackendError::OnnxModel {
                path: self.path.clone(),
                reason: format!(
                    "inputs {inputs:?} and outputs {outputs:?}, expected {INPUTS:?} and \
                     {OUTPUTS:?}; {SETUP}"
                ),
            });
        }
        Ok(())
    }

    fn put_back(&self, session: Session) {
        if let Ok(mut pool) = self.pool.lock() {
            pool.push(session);
        }
    }

    fn run(&self, batch: &Batch) -> Result<Logits, BackendError> {
        let idle = self.pool.lock().ok().and_then(|mut p| p.pop());
        let mut session = match idle {
            Some(s) => s,
            None => self.session()?,
        };
        let out = self.run_on(&mut session, batch);
        self.put_back(session);
        out
    }

    fn run_on(&self, session: &mut Session, batch: &Batch) -> Result<Logits, BackendError> {
        let shape = [batch.rows as i64, batch.cols as i64];
        // `Batch::check` has bounded every value by the model's sizes, far below i32::MAX.
        let tensor = |values: &[u32]| {
            let values: Vec<i32> = values.iter().map(|&v| v as i32).collect();
            Tensor::from_array((shape, values)).map_err(ort_error)
        };
        let inputs = ort::inputs![
            INPUTS[0] => tensor(&batch.ids)?,
            INPUTS[1] => tensor(&batch.types)?,
            INPUTS[2] => tensor(&batch.mask)?,
        ];
        let outputs = session.run(inputs).map_err(ort_error)?;
        let mut heads = Vec::with_capacity(2);
        for (name, labels) in [
            (OUTPUTS[0], super::NER_LABELS.len()),
            (OUTPUTS[1], 3 * super::ROLES),
        ] {
            let (dims, values) = outputs[name]
                .try_extract_tensor::<f32>()
                .map_err(ort_error)?;
            let want = [shape[0], shape[1], labels as i64];
            if dims.iter().as_slice() != want {
                return Err(BackendError::Ort(format!(
                    "output {name} has shape {dims}, expected {want:?}"
                )));
            }
            heads.push(values.to_vec());
        }
        let attribution = heads.pop().unwrap_or_default();
        let ner = heads.pop().unwrap_or_default();
        Ok(Logits {
            rows: batch.rows,
            cols: batch.cols,
            ner,
            attribution,
        })
    }
}

const INPUTS: [&str; 3] = ["input_ids", "token_type_ids", "attention_mask"];
const OUTPUTS: [&str; 2] = ["ner", "attribution"];

impl Backend for OrtBackend {
    fn name(&self) -> &'static str {
        self.name
    }

    /// One window at a time, as candle: ONNX Runtime on one thread measured no faster per
    /// piece with more windows per pass (docs/backends.md).
    fn windows_per_pass(&self) -> usize {
        1
    }

    fn forward(&self, batch: &Batch) -> Result<Logits> {
        let err = |source| Error::Backend {
            backend: self.name,
            source,
        };
        batch.check(&self.config).map_err(err)?;
        self.run(batch).map_err(err)
    }
}

//! The rust-bert (libtorch) engine gives what the candle engine gives: the same logits within
//! 1e-4 and the same decoded labels, on small random models written here (plain and stacked,
//! weights stored as f16) and on the shipped model in `models/transformer` when it is there;
//! `quotesmith extract` prints the same bytes with either `--backend`; bad models and batches
//! get the same typed errors.
#![cfg(feature = "rust-bert")]

mod engine_parity;
mod random_model;
mod shared_data;

use quotesmith::doc::Role;
use quotesmith::pipeline::NerMode;
use quotesmith::quotes::AttributionMode;
use quotesmith::transformer::{BackendKind, ModelFiles, TchBackend, TransformerModel};
use quotesmith::{Config, Doc, Error, Pipeline};
use serde_json::{Value, json};
use std::path::Path;

use engine_parity::{
    Diff, assert_parity, batch_results, compare_models, decode, extract, load, load_error,
    predict_on_threads, texts_jsonl,
};
use random_model::{SMALL, Spec, long_document, temp_model, texts};

/// The small random model with stacked-feature token types.
const SMALL_STACKED: Spec = Spec {
    stacked: true,
    ..SMALL
};

/// The shipped model's folder, or `None` (with a message) when it is not there.
fn shipped_model() -> Option<std::path::PathBuf> {
    let files = ModelFiles::new(None);
    for path in [files.config(), files.tokenizer(), files.weights()] {
        if !path.is_file() {
            shared_data::skip(&format!(
                "{} is missing; the shipped-model parity check needs models/transformer",
                path.display()
            ));
            return None;
        }
    }
    Some(files.dir)
}

// ---------------------------------------------------------------------------------------
// Comparing the engines.

/// candle against rust-bert on the model in `dir`.
fn compare(dir: &Path) -> Diff {
    let torch = load(dir, BackendKind::RustBert);
    assert_eq!(torch.backend_name(), "rust-bert");
    compare_models(&load(dir, BackendKind::Candle), &torch)
}

#[test]
fn random_model_gives_the_same_logits_and_labels() {
    let dir = temp_model(&SMALL, 7);
    let model = TransformerModel::load(Some(dir.path()), BackendKind::Candle).expect("loads");
    let long = model.pieces(&long_document()).expect("pieces").len();
    assert!(
        long > 4 * SMALL.window,
        "the long document has {long} pieces"
    );
    let diff = compare(dir.path());
    assert_parity("random model", &diff);
    // The heads are large enough that the labels are not all O.
    let scores = model.predict(&long_document(), None).expect("predict");
    let (ents, roles) = decode(&scores.ner, &scores.attribution, None);
    assert!(!ents.is_empty() && roles.iter().all(|r| !r.is_empty()));
}

#[test]
fn random_stacked_model_with_100_token_types_gives_the_same_logits_and_labels() {
    let dir = temp_model(&SMALL_STACKED, 11);
    assert_parity("random stacked model", &compare(dir.path()));
}

#[test]
fn shipped_model_gives_the_same_logits_and_labels() {
    let Some(dir) = shipped_model() else {
        return;
    };
    assert_parity("shipped model", &compare(&dir));
}

// ---------------------------------------------------------------------------------------
// The whole pipeline and the command line.

fn annotate_all(dir: &Path, backend: BackendKind) -> Vec<String> {
    let config = Config::default()
        .with_modes(NerMode::Transformer, AttributionMode::Transformer)
        .with_transformer(Some(dir.to_path_buf()), backend);
    let pipeline = Pipeline::new(&config).expect("pipeline");
    texts()
        .iter()
        .enumerate()
        .map(|(k, text)| {
            let doc = quotesmith::Document::new(format!("d{k}"), text.as_str());
            let annotation = pipeline.annotate(&doc).expect("annotate");
            serde_json::to_string(&annotation).expect("json")
        })
        .collect()
}

fn assert_same_extract(dir: &Path) {
    let candle = annotate_all(dir, BackendKind::Candle);
    let torch = annotate_all(dir, BackendKind::RustBert);
    assert_eq!(candle, torch);

    let input = texts_jsonl();
    let flags = ["--ner", "transformer", "--attribution", "transformer"];
    let a = extract(dir, input.path(), "candle", &flags);
    let b = extract(dir, input.path(), "rust-bert", &flags);
    assert_eq!(a.iter().filter(|&&c| c == b'\n').count(), texts().len());
    assert!(a == b, "quotesmith extract differs between the backends");
}

#[test]
fn extract_output_is_the_same_with_either_backend() {
    let dir = temp_model(&SMALL_STACKED, 23);
    assert_same_extract(dir.path());
    let Some(shipped) = shipped_model() else {
        return;
    };
    assert_same_extract(&shipped);
}

#[test]
fn extract_finds_roles_with_the_random_model() {
    // Guards the test above against comparing empty output.
    let dir = temp_model(&SMALL, 7);
    let config = Config::default()
        .with_modes(NerMode::Transformer, AttributionMode::Transformer)
        .with_transformer(Some(dir.path().to_path_buf()), BackendKind::RustBert);
    let pipeline = Pipeline::new(&config).expect("pipeline");
    let mut doc = Doc::new("d", long_document());
    pipeline.process(&mut doc).expect("process");
    assert!(!doc.entities.is_empty());
    assert!(doc.roles.iter().any(|r| r.role == Role::Cue));
}

// ---------------------------------------------------------------------------------------
// Errors and threads.

fn edit_config(dir: &Path, key: &str, value: Value) {
    let path = dir.join("config.json");
    let mut config: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
    config[key] = value;
    std::fs::write(&path, config.to_string()).expect("write");
}

#[test]
fn settings_rust_bert_cannot_honour_are_typed_errors() {
    use quotesmith::transformer::BackendError;
    let dir = temp_model(&SMALL, 3);
    edit_config(dir.path(), "layer_norm_eps", json!(1e-5));
    let err = load_error(dir.path(), BackendKind::RustBert);
    assert!(
        matches!(
            err,
            Error::Backend {
                backend: "rust-bert",
                source: BackendError::LayerNormEps { .. }
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("layer_norm_eps"), "{err}");

    edit_config(dir.path(), "layer_norm_eps", json!(1e-12));
    edit_config(dir.path(), "hidden_act", json!("swish"));
    let err = load_error(dir.path(), BackendKind::RustBert);
    assert!(
        matches!(
            err,
            Error::Backend {
                source: BackendError::Activation { .. },
                ..
            }
        ),
        "{err}"
    );
    assert!(err.to_string().contains("swish"), "{err}");
}

#[test]
fn a_missing_or_misshapen_tensor_names_the_file() {
    let dir = temp_model(&SMALL, 5);
    // Claim a wider model than the weights hold.
    edit_config(
        dir.path(),
        "intermediate_size",
        json!(SMALL.intermediate * 2),
    );
    let err = load_error(dir.path(), BackendKind::RustBert);
    let msg = err.to_string();
    assert!(
        msg.contains("model.safetensors") && msg.contains("shape"),
        "{msg}"
    );

    edit_config(dir.path(), "intermediate_size", json!(SMALL.intermediate));
    edit_config(dir.path(), "num_hidden_layers", json!(SMALL.layers + 1));
    let err = load_error(dir.path(), BackendKind::RustBert);
    let msg = err.to_string();
    assert!(
        msg.contains("model.safetensors") && msg.contains("encoder.layer.2"),
        "{msg}"
    );
}

#[test]
fn out_of_range_batches_are_the_same_error_on_both_engines() {
    use quotesmith::transformer::BackendError;
    let dir = temp_model(&SMALL, 9);
    for kind in [BackendKind::Candle, BackendKind::RustBert] {
        for source in batch_results(dir.path(), kind).1 {
            assert!(!matches!(source, BackendError::Panicked(_)));
        }
    }
}

#[test]
fn one_rust_bert_model_serves_many_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<TchBackend>();
    send_sync::<TransformerModel>();
    let dir = temp_model(&SMALL, 13);
    let model = TransformerModel::load(Some(dir.path()), BackendKind::RustBert).expect("loads");
    predict_on_threads(&model, |k, i, ner, alone| {
        assert_eq!(ner.len(), alone.len());
        // libtorch may split its kernels differently when threads compete.
        let worst = ner
            .iter()
            .zip(alone)
            .map(|(a, b)| (a - b).abs())
            .fold(0f32, f32::max);
        assert!(worst < 1e-5, "thread {k}, text {i}: {worst}");
    });
}

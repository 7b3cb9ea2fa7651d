//! The ONNX Runtime engine on the f32 export gives what the candle engine gives: the same
//! logits within 1e-4, the same best labels and decoded spans, and `quotesmith extract`
//! prints the same bytes, on the shipped model and on a small random model exported here. The
//! int8 export is a model of its own: it loads, runs and stays near f32 here, and has its own
//! quality floors on CoNLL++ test and PolNeAR dev (skipped without `../shared/data`, as in
//! `tests/transformer_quality.rs`). Missing or damaged files and libraries
//! are typed errors naming the file and the setup script.
//!
//! Needs `scripts/setup-onnxruntime.sh` (the library, the export's Python environment and
//! `models/transformer/model.onnx`, `model.int8.onnx`): a test that finds them missing fails
//! with that advice, since this file is only built with `--features onnx`.
#![cfg(feature = "onnx")]

mod engine_parity;
mod floors;
mod polnear_common;
mod random_model;
mod shared_data;

use quotesmith::pipeline::NerMode;
use quotesmith::quotes::AttributionMode;
use quotesmith::transformer::{
    BackendError, BackendKind, ModelFiles, OrtBackend, ROLES, TransformerModel,
};
use quotesmith::{Config, Error, Pipeline};
use std::path::{Path, PathBuf};
use std::process::Command;

use engine_parity::{
    assert_parity, batch_results, compare, extract, load_error, predict_on_threads, report,
    texts_jsonl,
};
use floors::below;
use random_model::{SMALL, Spec, temp_model, texts};

const SETUP: &str = "scripts/setup-onnxruntime.sh";

/// The shipped model's folder, after checking that the setup script has exported it.
fn shipped_model() -> PathBuf {
    let dir = ModelFiles::new(None).dir;
    for f in ["model.onnx", "model.int8.onnx"] {
        assert!(
            dir.join(f).is_file(),
            "{} is missing: run {SETUP} first",
            dir.join(f).display()
        );
    }
    dir
}

/// The export script's Python (the setup script's virtual environment).
fn export_python() -> PathBuf {
    let cache = std::env::var_os("QUOTESMITH_ONNXRUNTIME_CACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").expect("HOME"))
                .join(".cache/quotesmith/onnxruntime-1.31.1")
        });
    let py = cache.join("venv/bin/python");
    assert!(
        py.is_file(),
        "{} is missing: run {SETUP} first",
        py.display()
    );
    py
}

/// A random model written and exported to ONNX (f32 and int8) in a temporary folder.
fn exported_random_model(spec: &Spec, seed: u64) -> tempfile::TempDir {
    let dir = temp_model(spec, seed);
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("training/export_onnx.py");
    let out = Command::new(export_python())
        .arg(script)
        .arg("--model-dir")
        .arg(dir.path())
        .output()
        .expect("run export_onnx.py");
    assert!(
        out.status.success(),
        "export_onnx.py: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    dir
}

#[test]
fn shipped_model_gives_the_same_logits_and_labels() {
    assert_parity(
        "shipped model, onnx f32",
        &compare(&shipped_model(), BackendKind::Onnx),
    );
}

#[test]
fn random_stacked_model_exported_here_gives_the_same_logits_and_labels() {
    let spec = Spec {
        stacked: true,
        ..SMALL
    };
    let dir = exported_random_model(&spec, 11);
    assert_parity(
        "random stacked model, onnx f32",
        &compare(dir.path(), BackendKind::Onnx),
    );
}

#[test]
fn the_int8_model_runs_and_stays_near_f32() {
    // Not parity: int8 is a model of its own. This guards against a broken export (a wrong
    // input order, say), which would move most labels.
    let diff = compare(&shipped_model(), BackendKind::OnnxInt8);
    report("shipped model, onnx int8 (not a parity check)", &diff);
    assert!(diff.pieces > 0);
    assert!(
        diff.argmax_diffs * 20 < diff.pieces,
        "int8 moved the best label of {} of {} pieces",
        diff.argmax_diffs,
        diff.pieces
    );
}

#[test]
fn int8_conllpp_test_entities_stay_at_the_measured_level() {
    use quotesmith::eval::conll::{evaluate, read_conll};
    let Some(path) = shared_data::path("ner/conllpp/data/conllpp_test.txt") else {
        return;
    };
    let model = TransformerModel::load(None, BackendKind::OnnxInt8).expect("model loads");
    let ner = quotesmith::transformer::TransformerNer::new(model).expect("tagger");
    let docs = read_conll(&path).expect("readable CoNLL file");
    let scores = evaluate(&ner, &docs).expect("tagging works");
    eprintln!("onnx-int8: {scores}");
    // Measured 88.51 (candle 88.78).
    let failed = below(&[("micro F1", scores.overall().f1(), 0.88)]);
    assert!(failed.is_empty(), "below floor: {failed:?}");
}

#[test]
fn int8_polnear_dev_combined_stays_at_the_measured_level() {
    let config = Config::default()
        .with_modes(NerMode::Transformer, AttributionMode::Combined)
        .with_transformer(None, BackendKind::OnnxInt8);
    let Some(s) = polnear_common::score_dev(&config) else {
        return;
    };
    let (q, a) = (&s.quoted, &s.all);
    // The floors of tests/transformer_quality.rs (candle); int8's figures, as measured, in
    // docs/backends.md.
    let failed = below(&[
        ("quoted attribution F1", q.attribution.f1(), 0.79),
        ("all content exact F1", a.content_exact.f1(), 0.61),
        ("all source exact F1", a.source_exact.f1(), 0.78),
        ("all cue exact F1", a.cue_exact.f1(), 0.71),
    ]);
    assert!(failed.is_empty(), "below floor: {failed:?}");
}

// ---------------------------------------------------------------------------------------
// The whole pipeline and the command line.

#[test]
fn extract_output_is_the_same_with_candle_and_onnx() {
    let dir = shipped_model();
    let input = texts_jsonl();
    for flags in [
        &["--ner", "transformer", "--attribution", "transformer"][..],
        &["--attribution", "combined"][..],
    ] {
        let a = extract(&dir, input.path(), "candle", flags);
        let b = extract(&dir, input.path(), "onnx", flags);
        assert_eq!(a.iter().filter(|&&c| c == b'\n').count(), texts().len());
        assert!(
            a == b,
            "quotesmith extract {flags:?} differs: candle against onnx"
        );
    }
    // The library's pipeline, too.
    let annotate = |backend| -> Vec<String> {
        let config = Config::default()
            .with_modes(NerMode::Transformer, AttributionMode::Combined)
            .with_transformer(Some(dir.clone()), backend);
        let pipeline = Pipeline::new(&config).expect("pipeline");
        texts()
            .iter()
            .map(|t| {
                let doc = quotesmith::Document::new("d", t.as_str());
                serde_json::to_string(&pipeline.annotate(&doc).expect("annotate")).expect("json")
            })
            .collect()
    };
    assert_eq!(annotate(BackendKind::Candle), annotate(BackendKind::Onnx));
}

// ---------------------------------------------------------------------------------------
// Errors and threads.

#[test]
fn a_missing_or_damaged_onnx_file_is_a_typed_error_naming_it() {
    let dir = temp_model(&SMALL, 3);
    for (kind, file) in [
        (BackendKind::Onnx, "model.onnx"),
        (BackendKind::OnnxInt8, "model.int8.onnx"),
    ] {
        let err = load_error(dir.path(), kind);
        assert!(
            matches!(
                &err,
                Error::Backend {
                    source: BackendError::OnnxModel { path, .. },
                    ..
                } if path.ends_with(file)
            ),
            "{err}"
        );
        let msg = err.to_string();
        assert!(msg.contains(file) && msg.contains(SETUP), "{msg}");
    }
    // Truncated, and not ONNX at all.
    let good = std::fs::read(shipped_model().join("model.onnx")).expect("read");
    for bytes in [&good[..good.len() / 3], &b"not a model"[..]] {
        std::fs::write(dir.path().join("model.onnx"), bytes).expect("write");
        let err = load_error(dir.path(), BackendKind::Onnx);
        assert!(
            matches!(
                err,
                Error::Backend {
                    backend: "onnx",
                    source: BackendError::OnnxModel { .. }
                }
            ),
            "{err}"
        );
        assert!(err.to_string().contains("model.onnx"), "{err}");
    }
}

/// `quotesmith extract --backend onnx` with `ORT_DYLIB_PATH` set to `lib`.
fn extract_with_library(lib: &Path) -> (bool, String) {
    let input = tempfile::Builder::new()
        .suffix(".txt")
        .tempfile()
        .expect("input");
    std::fs::write(input.path(), "\u{201c}Yes,\u{201d} she said.\n").expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_quotesmith"))
        .args(["extract", "--no-progress", "--attribution", "combined"])
        .args(["--backend", "onnx"])
        .arg(input.path())
        .env("ORT_DYLIB_PATH", lib)
        .output()
        .expect("run quotesmith");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_missing_or_damaged_library_is_an_error_naming_it() {
    shipped_model();
    let tmp = tempfile::tempdir().expect("tempdir");
    let missing = tmp.path().join("libonnxruntime.so.1.31.1");
    let (ok, stderr) = extract_with_library(&missing);
    assert!(!ok);
    assert!(
        stderr.contains(&missing.display().to_string()) && stderr.contains(SETUP),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    let junk = tmp.path().join("libjunk.so");
    std::fs::write(&junk, b"not a library").expect("write");
    let (ok, stderr) = extract_with_library(&junk);
    assert!(!ok);
    assert!(
        stderr.contains(&junk.display().to_string()) && stderr.contains(SETUP),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn out_of_range_batches_are_the_same_error_as_candle() {
    let dir = exported_random_model(&SMALL, 9);
    for kind in [BackendKind::Onnx, BackendKind::OnnxInt8] {
        let (logits, _) = batch_results(dir.path(), kind);
        assert_eq!(logits.attribution.len(), 4 * 3 * ROLES);
    }
}

#[test]
fn one_onnx_model_serves_many_threads() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<OrtBackend>();
    let dir = exported_random_model(&SMALL, 13);
    let model = TransformerModel::load(Some(dir.path()), BackendKind::Onnx).expect("loads");
    predict_on_threads(&model, |k, i, ner, alone| {
        assert_eq!(ner, alone, "thread {k}, text {i}");
    });
}

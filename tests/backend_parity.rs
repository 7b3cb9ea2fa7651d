//! The rust-bert (libtorch) engine gives what the candle engine gives: the same logits within
//! 1e-4 and the same decoded labels, on small random models written here (plain and stacked,
//! weights stored as f16) and on the shipped model in `models/transformer` when it is there;
//! `quotesmith extract` prints the same bytes with either `--backend`; bad models and batches
//! get the same typed errors.
#![cfg(feature = "rust-bert")]

mod random_model;
mod shared_data;

use quotesmith::doc::Role;
use quotesmith::pipeline::NerMode;
use quotesmith::quotes::AttributionMode;
use quotesmith::transformer::decode::{Bio, Transitions, viterbi, viterbi_with};
use quotesmith::transformer::features::StackedFeatures;
use quotesmith::transformer::{
    BackendKind, Batch, ModelFiles, NER_LABELS, ROLES, TchBackend, TransformerModel,
};
use quotesmith::{Config, Doc, Error, Pipeline};
use serde_json::{Value, json};
use std::path::Path;
use std::process::Command;

use random_model::{SMALL, Spec, long_document, temp_model, texts};

/// Largest |candle − rust-bert| allowed on any logit.
const TOLERANCE: f32 = 1e-4;
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

/// What one comparison found.
#[derive(Debug, Default)]
struct Diff {
    pieces: usize,
    max_logit: f32,
    /// Pieces whose best NER or role label differs.
    argmax_diffs: usize,
    /// Documents whose decoded spans differ.
    span_diffs: usize,
}

fn argmax(row: &[f32]) -> usize {
    (0..row.len())
        .max_by(|&a, &b| row[a].total_cmp(&row[b]))
        .unwrap_or(0)
}

/// Decoded spans: NER `(first, end, type)` and, per role, `(first, end)`.
type Spans = (Vec<(usize, usize, usize)>, Vec<Vec<(usize, usize)>>);

/// `crf`: the model's learned role transitions, when it has them (the stage decodes with them).
fn decode(ner: &[f32], attribution: &[f32], crf: Option<&[Transitions]>) -> Spans {
    let types = ["PER", "ORG", "LOC", "MISC"];
    let scheme: Vec<Bio> = NER_LABELS
        .iter()
        .map(|l| Bio::parse(l, &types).unwrap_or(Bio::O))
        .collect();
    let obi = [Bio::O, Bio::B(0), Bio::I(0)];
    let ents = viterbi(ner, NER_LABELS.len(), 0, &scheme)
        .into_iter()
        .map(|s| (s.first, s.end, s.typ))
        .collect();
    let roles = (0..ROLES)
        .map(|k| {
            viterbi_with(attribution, 3 * ROLES, 3 * k, &obi, crf.map(|c| &c[k]))
                .into_iter()
                .map(|s| (s.first, s.end))
                .collect()
        })
        .collect();
    (ents, roles)
}

/// The fast stages' features for a stacked model.
fn features(model: &TransformerModel, text: &str) -> Option<StackedFeatures> {
    if !model.stacked() {
        return None;
    }
    let fast = Pipeline::new(&Config::fast_features()).expect("fast pipeline");
    let mut doc = Doc::new("f", text);
    fast.process(&mut doc).expect("fast stages");
    Some(StackedFeatures::from_doc(&doc))
}

fn compare_models(dir: &Path) -> Diff {
    let candle = TransformerModel::load(Some(dir), BackendKind::Candle).expect("candle loads");
    let torch = TransformerModel::load(Some(dir), BackendKind::RustBert).expect("rust-bert loads");
    assert_eq!(torch.backend_name(), "rust-bert");
    let mut diff = Diff::default();
    let (nl, al) = (NER_LABELS.len(), 3 * ROLES);
    for text in texts() {
        let f = features(&candle, &text);
        let a = candle.predict(&text, f.as_ref()).expect("candle predict");
        let b = torch.predict(&text, f.as_ref()).expect("rust-bert predict");
        assert_eq!(a.pieces, b.pieces);
        assert_eq!(a.ner.len(), b.ner.len());
        assert_eq!(a.attribution.len(), b.attribution.len());
        diff.pieces += a.pieces.len();
        for (x, y) in a
            .ner
            .iter()
            .zip(&b.ner)
            .chain(a.attribution.iter().zip(&b.attribution))
        {
            diff.max_logit = diff.max_logit.max((x - y).abs());
        }
        for p in 0..a.pieces.len() {
            let ner_differs =
                argmax(&a.ner[p * nl..(p + 1) * nl]) != argmax(&b.ner[p * nl..(p + 1) * nl]);
            let role_differs = (0..ROLES).any(|k| {
                let r = p * al + 3 * k..p * al + 3 * k + 3;
                argmax(&a.attribution[r.clone()]) != argmax(&b.attribution[r])
            });
            diff.argmax_diffs += usize::from(ner_differs || role_differs);
        }
        let crf = candle.role_transitions();
        let spans = decode(&a.ner, &a.attribution, crf);
        diff.span_diffs += usize::from(spans != decode(&b.ner, &b.attribution, crf));
    }
    diff
}

fn assert_parity(what: &str, diff: &Diff) {
    eprintln!(
        "{what}: {} pieces, max |logit diff| {:.3e}, {} piece label diffs, {} documents with \
         different spans",
        diff.pieces, diff.max_logit, diff.argmax_diffs, diff.span_diffs
    );
    assert!(diff.pieces > 0);
    assert!(diff.max_logit < TOLERANCE, "{what}: {diff:?}");
    assert_eq!(diff.argmax_diffs, 0, "{what}: {diff:?}");
    assert_eq!(diff.span_diffs, 0, "{what}: {diff:?}");
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
    let diff = compare_models(dir.path());
    assert_parity("random model", &diff);
    // The heads are large enough that the labels are not all O.
    let scores = model.predict(&long_document(), None).expect("predict");
    let (ents, roles) = decode(&scores.ner, &scores.attribution, None);
    assert!(!ents.is_empty() && roles.iter().all(|r| !r.is_empty()));
}

#[test]
fn random_stacked_model_with_100_token_types_gives_the_same_logits_and_labels() {
    let dir = temp_model(&SMALL_STACKED, 11);
    assert_parity("random stacked model", &compare_models(dir.path()));
}

#[test]
fn shipped_model_gives_the_same_logits_and_labels() {
    let Some(dir) = shipped_model() else {
        return;
    };
    assert_parity("shipped model", &compare_models(&dir));
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

fn extract(dir: &Path, input: &Path, backend: &str) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_quotesmith"))
        .args(["extract", "--no-progress", "--ner", "transformer"])
        .args(["--attribution", "transformer", "--backend", backend])
        .arg("--model-dir")
        .arg(dir)
        .arg(input)
        .output()
        .expect("run quotesmith");
    assert!(
        out.status.success(),
        "{backend}: exit {:?}: {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

fn assert_same_extract(dir: &Path) {
    let candle = annotate_all(dir, BackendKind::Candle);
    let torch = annotate_all(dir, BackendKind::RustBert);
    assert_eq!(candle, torch);

    let input = tempfile::Builder::new()
        .suffix(".jsonl")
        .tempfile()
        .expect("input file");
    let lines: Vec<String> = texts()
        .iter()
        .enumerate()
        .map(|(k, t)| json!({"id": format!("d{k}"), "text": t}).to_string())
        .collect();
    std::fs::write(input.path(), lines.join("\n") + "\n").expect("write input");
    let a = extract(dir, input.path(), "candle");
    let b = extract(dir, input.path(), "rust-bert");
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

/// The error loading the model in `dir` on `backend`.
fn load_error(dir: &Path, backend: BackendKind) -> Error {
    let loaded = ModelFiles::new(Some(dir))
        .read_config()
        .and_then(|config| backend.load(dir, &config));
    match loaded {
        Ok(_) => panic!("{backend:?} loaded a model it must refuse"),
        Err(err) => err,
    }
}

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
    let config = ModelFiles::new(Some(dir.path()))
        .read_config()
        .expect("config");
    let good = Batch {
        rows: 1,
        cols: 4,
        ids: vec![101, 200, 201, 102],
        types: vec![0, 1, 2, 0],
        mask: vec![1; 4],
    };
    let bad_batches = [
        Batch {
            ids: vec![101, config.vocab_size as u32, 201, 102],
            ..good.clone()
        },
        Batch {
            types: vec![0, 5, 0, 0],
            ..good.clone()
        },
        Batch {
            mask: vec![1, 2, 1, 1],
            ..good.clone()
        },
        Batch {
            ids: vec![101, 102],
            ..good.clone()
        },
        Batch {
            rows: 1,
            cols: SMALL.positions + 1,
            ids: vec![101; SMALL.positions + 1],
            types: vec![0; SMALL.positions + 1],
            mask: vec![1; SMALL.positions + 1],
        },
    ];
    for kind in [BackendKind::Candle, BackendKind::RustBert] {
        let backend = kind.load(dir.path(), &config).expect("loads");
        let logits = backend.forward(&good).expect("a good batch runs");
        assert_eq!(logits.ner.len(), 4 * NER_LABELS.len());
        for batch in &bad_batches {
            let err = backend.forward(batch).expect_err("bad batch");
            let expected = batch.check(&config).expect_err("check").to_string();
            match &err {
                Error::Backend { backend: b, source } => {
                    assert_eq!(*b, backend.name());
                    assert_eq!(source.to_string(), expected);
                    assert!(!matches!(source, BackendError::Panicked(_)));
                }
                other => panic!("{}: {other}", backend.name()),
            }
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
    let texts = texts();
    let alone: Vec<Vec<f32>> = texts
        .iter()
        .map(|t| model.predict(t, None).expect("predict").ner)
        .collect();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|k| {
                let (model, texts, alone) = (&model, &texts, &alone);
                s.spawn(move || {
                    for round in 0..3 {
                        let i = (k + round * 5) % texts.len();
                        let ner = model.predict(&texts[i], None).expect("predict").ner;
                        assert_eq!(ner.len(), alone[i].len());
                        // libtorch may split its kernels differently when threads compete.
                        let worst = ner
                            .iter()
                            .zip(&alone[i])
                            .map(|(a, b)| (a - b).abs())
                            .fold(0f32, f32::max);
                        assert!(worst < 1e-5, "thread {k}, text {i}: {worst}");
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().expect("thread");
        }
    });
}

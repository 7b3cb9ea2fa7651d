//! Shared by `tests/backend_parity.rs` (rust-bert) and `tests/onnx_parity.rs` (ONNX Runtime):
//! comparing another engine with candle on the sentences of `random_model` (logits, best
//! labels, decoded spans), `quotesmith extract` on those sentences, a model's load error, and
//! the batches every engine must refuse. Test files that use it also declare
//! `mod random_model;`.

#![allow(dead_code)]

use super::random_model::{SMALL, texts};
use quotesmith::transformer::decode::{Bio, Transitions, viterbi, viterbi_with};
use quotesmith::transformer::features::StackedFeatures;
use quotesmith::transformer::{
    Backend, BackendError, BackendKind, Batch, Logits, ModelConfig, ModelFiles, NER_LABELS, ROLES,
    TransformerModel,
};
use quotesmith::{Config, Doc, Error, Pipeline};
use serde_json::json;
use std::path::Path;
use std::process::Command;

/// Largest |candle − other engine| allowed on any logit.
pub const TOLERANCE: f32 = 1e-4;

// ---------------------------------------------------------------------------------------
// Comparing the engines.

/// What one comparison found.
#[derive(Debug, Default)]
pub struct Diff {
    pub pieces: usize,
    pub max_logit: f32,
    /// Pieces whose best NER or role label differs.
    pub argmax_diffs: usize,
    /// Documents whose decoded spans differ.
    pub span_diffs: usize,
}

pub fn argmax(row: &[f32]) -> usize {
    (0..row.len())
        .max_by(|&a, &b| row[a].total_cmp(&row[b]))
        .unwrap_or(0)
}

/// Decoded spans: NER `(first, end, type)` and, per role, `(first, end)`.
pub type Spans = (Vec<(usize, usize, usize)>, Vec<Vec<(usize, usize)>>);

/// `crf`: the model's learned role transitions, when it has them (the stage decodes with them).
pub fn decode(ner: &[f32], attribution: &[f32], crf: Option<&[Transitions]>) -> Spans {
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
pub fn features(model: &TransformerModel, text: &str) -> Option<StackedFeatures> {
    if !model.stacked() {
        return None;
    }
    let fast = Pipeline::new(&Config::fast_features()).expect("fast pipeline");
    let mut doc = Doc::new("f", text);
    fast.process(&mut doc).expect("fast stages");
    Some(StackedFeatures::from_doc(&doc))
}

/// The model in `dir` on `kind`.
pub fn load(dir: &Path, kind: BackendKind) -> TransformerModel {
    TransformerModel::load(Some(dir), kind).unwrap_or_else(|e| panic!("{kind:?} loads: {e:?}"))
}

/// The model in `dir` on candle against the same model on `other`.
pub fn compare(dir: &Path, other: BackendKind) -> Diff {
    compare_models(&load(dir, BackendKind::Candle), &load(dir, other))
}

/// `candle` against `other` (the same model on another engine) on every text of
/// `random_model::texts`.
pub fn compare_models(candle: &TransformerModel, other: &TransformerModel) -> Diff {
    let mut diff = Diff::default();
    let (nl, al) = (NER_LABELS.len(), 3 * ROLES);
    let name = other.backend_name();
    for text in texts() {
        let f = features(candle, &text);
        let a = candle.predict(&text, f.as_ref()).expect("candle predict");
        let b = other
            .predict(&text, f.as_ref())
            .unwrap_or_else(|e| panic!("{name} predict: {e:?}"));
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

/// Prints what one comparison found.
pub fn report(what: &str, diff: &Diff) {
    eprintln!(
        "{what}: {} pieces, max |logit diff| {:.3e}, {} piece label diffs, {} documents with \
         different spans",
        diff.pieces, diff.max_logit, diff.argmax_diffs, diff.span_diffs
    );
}

/// Parity: logits within [`TOLERANCE`], the same best labels and the same spans.
pub fn assert_parity(what: &str, diff: &Diff) {
    report(what, diff);
    assert!(diff.pieces > 0);
    assert!(diff.max_logit < TOLERANCE, "{what}: {diff:?}");
    assert_eq!(diff.argmax_diffs, 0, "{what}: {diff:?}");
    assert_eq!(diff.span_diffs, 0, "{what}: {diff:?}");
}

// ---------------------------------------------------------------------------------------
// The command line.

/// A `.jsonl` file with one document (`d0`, `d1`, …) a text of `random_model::texts`.
pub fn texts_jsonl() -> tempfile::NamedTempFile {
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
    input
}

/// The output of `quotesmith extract --backend <backend> <flags> --model-dir <dir> <input>`.
pub fn extract(dir: &Path, input: &Path, backend: &str, flags: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_quotesmith"))
        .args(["extract", "--no-progress", "--backend", backend])
        .args(flags)
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

// ---------------------------------------------------------------------------------------
// Threads.

/// `model` on four threads at once, three texts of `random_model::texts` each: `check(k, i,
/// ner, alone)` compares the NER logits of text `i` on thread `k` with those of the same text
/// predicted alone.
pub fn predict_on_threads(
    model: &TransformerModel,
    check: impl Fn(usize, usize, &[f32], &[f32]) + Sync,
) {
    let texts = texts();
    let alone: Vec<Vec<f32>> = texts
        .iter()
        .map(|t| model.predict(t, None).expect("predict").ner)
        .collect();
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|k| {
                let (texts, alone, check) = (&texts, &alone, &check);
                s.spawn(move || {
                    for round in 0..3 {
                        let i = (k + round * 5) % texts.len();
                        let ner = model.predict(&texts[i], None).expect("predict").ner;
                        check(k, i, &ner, &alone[i]);
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().expect("thread");
        }
    });
}

// ---------------------------------------------------------------------------------------
// Errors.

/// The error loading the model in `dir` on `backend`.
pub fn load_error(dir: &Path, backend: BackendKind) -> Error {
    let loaded = ModelFiles::new(Some(dir))
        .read_config()
        .and_then(|config| backend.load(dir, &config));
    match loaded {
        Ok(_) => panic!("{backend:?} loaded a model it must refuse"),
        Err(err) => err,
    }
}

/// A batch that a model of `random_model::SMALL`'s size runs: one window of four pieces.
pub fn good_batch() -> Batch {
    Batch {
        rows: 1,
        cols: 4,
        ids: vec![101, 200, 201, 102],
        types: vec![0, 1, 2, 0],
        mask: vec![1; 4],
    }
}

/// Batches that a model of `random_model::SMALL`'s size, with settings `config`, must refuse:
/// a piece id past the vocabulary, a token type past the model's, a mask that is not 0/1, too
/// few ids for the shape, a window longer than the position embeddings.
pub fn bad_batches(config: &ModelConfig) -> [Batch; 5] {
    let good = good_batch();
    let positions = SMALL.positions + 1;
    [
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
            cols: positions,
            ids: vec![101; positions],
            types: vec![0; positions],
            mask: vec![1; positions],
        },
    ]
}

/// The model in `dir` (of `random_model::SMALL`'s size) on `kind`: its logits on
/// [`good_batch`], checked to hold a row of NER labels a piece, and its errors on
/// [`bad_batches`], checked as [`bad_batch_errors`] does.
pub fn batch_results(dir: &Path, kind: BackendKind) -> (Logits, Vec<BackendError>) {
    let config = ModelFiles::new(Some(dir)).read_config().expect("config");
    let backend = kind.load(dir, &config).expect("loads");
    let logits = backend.forward(&good_batch()).expect("a good batch runs");
    assert_eq!(logits.ner.len(), 4 * NER_LABELS.len());
    (logits, bad_batch_errors(backend.as_ref(), &config))
}

/// `backend`'s errors on [`bad_batches`]: each is checked to be a backend error of this
/// engine with the message `Batch::check` gives.
pub fn bad_batch_errors(backend: &dyn Backend, config: &ModelConfig) -> Vec<BackendError> {
    bad_batches(config)
        .iter()
        .map(|batch| {
            let err = backend.forward(batch).expect_err("bad batch");
            let expected = batch.check(config).expect_err("check").to_string();
            match err {
                Error::Backend { backend: b, source } => {
                    assert_eq!(b, backend.name());
                    assert_eq!(source.to_string(), expected);
                    source
                }
                other => panic!("{}: {other}", backend.name()),
            }
        })
        .collect()
}

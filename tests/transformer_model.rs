//! The trained transformer in `models/transformer`: it loads, tags sentences written for this
//! test as expected, and a missing or corrupt model file gives an error naming the file.

use quotesmith::doc::{Doc, EntityLabel, Role};
use quotesmith::pipeline::NerMode;
use quotesmith::quotes::AttributionMode;
use quotesmith::transformer::{BackendKind, ModelFiles, TransformerModel};
use quotesmith::{Config, Error, Pipeline};
use std::path::Path;
use std::sync::OnceLock;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        let config =
            Config::default().with_modes(NerMode::Transformer, AttributionMode::Transformer);
        Pipeline::new(&config).expect("the transformer pipeline builds from models/transformer")
    })
}

fn annotate(text: &str) -> Doc {
    let mut doc = Doc::new("t", text);
    pipeline().process(&mut doc).expect("process");
    doc
}

fn entities(doc: &Doc) -> Vec<(&str, EntityLabel)> {
    doc.entities
        .iter()
        .map(|e| (doc.str(e.span), e.label))
        .collect()
}

fn roles(doc: &Doc, role: Role) -> Vec<&str> {
    doc.roles
        .iter()
        .filter(|r| r.role == role)
        .map(|r| doc.str(r.span))
        .collect()
}

#[test]
fn tags_people_places_and_organisations() {
    let doc = annotate(
        "Marta Kowalski, the head of the Baltic Shipping Union, flew to Lisbon on Monday.\n\n\
         The European Commission said it would review the decision.",
    );
    let ents = entities(&doc);
    for want in [
        ("Marta Kowalski", EntityLabel::Per),
        ("Baltic Shipping Union", EntityLabel::Org),
        ("Lisbon", EntityLabel::Loc),
        ("European Commission", EntityLabel::Org),
    ] {
        assert!(ents.contains(&want), "{want:?} not in {ents:?}");
    }
}

#[test]
fn finds_source_cue_and_content_without_quotation_marks() {
    let doc = annotate(
        "The harbour master, Tomas Ekdahl, said on Tuesday that the port would stay closed \
         until the storm had passed.",
    );
    let sources = roles(&doc, Role::Source);
    let cues = roles(&doc, Role::Cue);
    let contents = roles(&doc, Role::Content);
    // PolNeAR's cues take a following time adjunct about as often as not ("said Tuesday"),
    // so the model may too.
    assert!(cues.iter().any(|c| c.starts_with("said")), "cues {cues:?}");
    assert!(
        sources.iter().any(|s| s.contains("Ekdahl")),
        "sources {sources:?}"
    );
    assert!(
        contents
            .iter()
            .any(|c| c.contains("the port would stay closed")),
        "contents {contents:?}"
    );
    let q = doc.quotes.first().expect("one quote");
    assert!(doc.str(q.span).contains("port would stay closed"));
    assert!(
        q.cue.is_some_and(|c| doc.str(c).starts_with("said")),
        "{q:?}"
    );
    let speaker = q.speaker.map(|m| doc.str(doc.mentions[m.index()].span));
    assert!(speaker.is_some_and(|s| s.contains("Ekdahl")), "{speaker:?}");
}

#[test]
fn finds_a_direct_quote_and_its_speaker() {
    let doc = annotate(
        "\u{201c}We will rebuild every school before winter,\u{201d} the education minister, \
         Lena Brandt, told reporters.",
    );
    let q = doc.quotes.first().expect("one quote");
    assert!(doc.str(q.span).contains("We will rebuild every school"));
    let speaker = q.speaker.map(|m| doc.str(doc.mentions[m.index()].span));
    assert!(
        speaker.is_some_and(|s| s.contains("Brandt") || s.contains("minister")),
        "{speaker:?}"
    );
}

#[test]
fn long_documents_are_windowed_not_truncated() {
    let para = "The river authority said on Friday that water levels were falling. ";
    let text = para.repeat(120);
    let model = TransformerModel::load(None, BackendKind::Candle).expect("model loads");
    let scores = model.predict(&text, None).expect("predict");
    assert!(scores.pieces.len() > 1000, "{} pieces", scores.pieces.len());
    assert_eq!(scores.ner.len(), scores.pieces.len() * 9);
    let last = scores.pieces.last().expect("pieces");
    assert_eq!(last.end, text.trim_end().len());
    // Every repetition of the sentence gets its cue, the last ones included.
    let doc = annotate(&text);
    assert_eq!(roles(&doc, Role::Cue).len(), 120);
}

fn copy_model_without(dir: &Path, skip: &str) {
    let src = ModelFiles::default_dir();
    for f in ["config.json", "tokenizer.json", "model.safetensors"] {
        if f != skip {
            std::fs::copy(src.join(f), dir.join(f)).expect("copy model file");
        }
    }
}

fn load_error(dir: &Path) -> String {
    let err = TransformerModel::load(Some(dir), BackendKind::Candle).expect_err("must fail");
    err.to_string()
}

#[test]
fn a_missing_model_file_is_named() {
    for f in ["config.json", "tokenizer.json", "model.safetensors"] {
        let dir = tempfile::tempdir().expect("tempdir");
        copy_model_without(dir.path(), f);
        let msg = load_error(dir.path());
        assert!(msg.contains(f), "{f}: {msg}");
    }
}

#[test]
fn a_corrupt_model_file_is_named() {
    for (f, junk) in [
        (
            "model.safetensors",
            &b"\x08\x00\x00\x00\x00\x00\x00\x00{\"a\":1}"[..],
        ),
        ("model.safetensors", &b"not a model"[..]),
        ("config.json", &b"{\"hidden_size\": 3}"[..]),
        ("tokenizer.json", &b"{}"[..]),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        copy_model_without(dir.path(), f);
        std::fs::write(dir.path().join(f), junk).expect("write");
        let err =
            TransformerModel::load(Some(dir.path()), BackendKind::Candle).expect_err("must fail");
        assert!(matches!(err, Error::Model { .. }), "{f}: {err:?}");
        assert!(err.to_string().contains(f), "{f}: {err}");
    }
}

#[test]
fn truncated_weights_are_rejected() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_model_without(dir.path(), "model.safetensors");
    let full = std::fs::read(ModelFiles::default_dir().join("model.safetensors")).expect("read");
    std::fs::write(
        dir.path().join("model.safetensors"),
        &full[..full.len() / 2],
    )
    .expect("write");
    let msg = load_error(dir.path());
    assert!(msg.contains("model.safetensors"), "{msg}");
}

#[test]
fn malformed_role_transitions_are_rejected() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_model_without(dir.path(), "config.json");
    let text =
        std::fs::read_to_string(ModelFiles::default_dir().join("config.json")).expect("read");
    let mut config: serde_json::Value = serde_json::from_str(&text).expect("json");
    let one = serde_json::json!({"start": [0, 0, 0], "transitions": [[0, 0, 0], [0, 0, 0], [0, 0, 0]], "end": [0, 0, 0]});
    // One role's scores where three are expected.
    config["quotesmith"]["role_transitions"] = serde_json::json!([one]);
    std::fs::write(dir.path().join("config.json"), config.to_string()).expect("write");
    let msg = load_error(dir.path());
    assert!(
        msg.contains("config.json") && msg.contains("role_transitions"),
        "{msg}"
    );
    // Three well-formed entries load.
    config["quotesmith"]["role_transitions"] = serde_json::json!([one, one, one]);
    std::fs::write(dir.path().join("config.json"), config.to_string()).expect("write");
    TransformerModel::load(Some(dir.path()), BackendKind::Candle).expect("loads");
}

#[test]
fn a_broken_model_folder_is_an_error_that_says_what_to_do() {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_model_without(dir.path(), "tokenizer.json");
    let weights = dir.path().join("model.safetensors");
    let full = std::fs::read(&weights).expect("read");
    std::fs::write(&weights, &full[..full.len() / 3]).expect("write");
    // A missing file is `ModelNotFound`, a damaged one `Model`; both say what to do.
    let check = |file: &str, missing: bool| {
        let config = Config::default()
            .with_modes(NerMode::Fast, AttributionMode::Combined)
            .with_transformer(Some(dir.path().to_path_buf()), BackendKind::Candle);
        let err = Pipeline::new(&config).expect_err("must fail");
        let msg = err.to_string();
        if missing {
            assert!(
                matches!(err, Error::ModelNotFound { .. }),
                "{file}: {err:?}"
            );
        } else {
            assert!(matches!(err, Error::Model { .. }), "{file}: {err:?}");
        }
        assert!(msg.contains(file), "{file}: {msg}");
        assert!(
            msg.contains("--model-dir") && msg.contains("QUOTESMITH_MODEL_DIR"),
            "{file}: {msg}"
        );
    };
    // The tokenizer is checked first, then the truncated weights.
    check("tokenizer.json", true);
    std::fs::copy(
        ModelFiles::default_dir().join("tokenizer.json"),
        dir.path().join("tokenizer.json"),
    )
    .expect("copy");
    check("model.safetensors", false);
}

/// A build without the `onnx` feature says how to get the ONNX Runtime engines.
#[cfg(not(feature = "onnx"))]
#[test]
fn the_onnx_engines_need_their_feature() {
    let files = ModelFiles::new(None);
    let config = files.read_config().expect("config");
    for kind in [BackendKind::Onnx, BackendKind::OnnxInt8] {
        let Err(err) = kind.load(&files.dir, &config) else {
            panic!("{kind:?} loaded without the onnx feature");
        };
        let msg = err.to_string();
        assert!(matches!(err, Error::Config(_)), "{msg}");
        assert!(
            msg.contains("--features onnx") && msg.contains("scripts/setup-onnxruntime.sh"),
            "{msg}"
        );
    }
}

//! Shared by `tests/backend_parity.rs`, `tests/onnx_parity.rs` (both through
//! `tests/engine_parity`) and `benches/backends.rs`: sentences written for these checks and
//! small random BERT models (config, WordPiece tokenizer, f16 safetensors) in the layout of
//! `models/transformer`.

#![allow(dead_code)]

use candle_core::{DType, Device, Tensor};
use quotesmith::transformer::features::STACKED_TYPES;
use quotesmith::transformer::{NER_LABELS, ROLES};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

/// Sentences written for these checks (no third-party text).
pub const SENTENCES: [&str; 12] = [
    "The mayor of Eastbrook, Clara Voss, said on Monday that the new tram line would open in spring.",
    "\u{201c}We are not going to raise fares this year,\u{201d} the transport minister told reporters.",
    "According to the Northern Farmers Union, wheat prices fell by 12 percent in March.",
    "Police in Valmont said two men had been arrested after the break-in at the city museum.",
    "\u{201c}It was the hardest decision of my career,\u{201d} said coach Ibrahim Sesay. \u{201c}But the team comes first.\u{201d}",
    "A spokeswoman for Helix Energy declined to comment on reports that the company would cut 400 jobs.",
    "Senator Ruth Adeyemi warned that the budget plan \u{201c}leaves rural hospitals behind.\u{201d}",
    "The European Space Agency confirmed that the probe had entered orbit around Jupiter's largest moon.",
    "Residents of Port Linden told the council they feared the harbour wall would not survive another storm.",
    "ZURICH (Reuters-style dateline) - SHARES in Alpenbank ROSE 3% after it REPORTED higher profits.",
    "\u{201c}Nobody told us anything,\u{201d} one teacher said, asking not to be named.",
    "Dr. Amara Lindgren, who leads the study at Kestrel University, said the results were encouraging but early.",
];

/// One document long enough to need several windows of every model here.
pub fn long_document() -> String {
    let mut s = String::from("COUNCIL VOTES ON HARBOUR PLAN\n\n");
    for round in 0..6 {
        for (k, sentence) in SENTENCES.iter().enumerate() {
            s.push_str(sentence);
            s.push(if (k + round) % 4 == 3 { '\n' } else { ' ' });
        }
        s.push_str("\n\n");
    }
    s
}

pub fn texts() -> Vec<String> {
    let mut v: Vec<String> = SENTENCES.iter().map(|s| s.to_string()).collect();
    v.push(long_document());
    v
}

/// Settings of a random test model.
pub struct Spec {
    pub stacked: bool,
    pub hidden: usize,
    pub layers: usize,
    pub heads: usize,
    pub intermediate: usize,
    pub positions: usize,
    pub window: usize,
    pub overlap: usize,
}

pub const SMALL: Spec = Spec {
    stacked: false,
    hidden: 32,
    layers: 2,
    heads: 4,
    intermediate: 64,
    positions: 48,
    window: 40,
    overlap: 8,
};

/// Deterministic pseudo-random numbers (xorshift64*), roughly normal by summing uniforms.
pub struct Rng(pub u64);

impl Rng {
    fn uniform(&mut self) -> f32 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_f491_4f6c_dd1d);
        (x >> 40) as f32 / (1u64 << 24) as f32
    }

    fn normal(&mut self, std: f32) -> f32 {
        let s: f32 = (0..4).map(|_| self.uniform()).sum();
        (s - 2.0) * std * 3f32.sqrt()
    }

    fn tensor(&mut self, shape: &[usize], mean: f32, std: f32) -> Tensor {
        let n = shape.iter().product();
        let v: Vec<f32> = (0..n).map(|_| mean + self.normal(std)).collect();
        Tensor::from_vec(v, shape, &Device::Cpu).expect("tensor")
    }
}

/// Special tokens at the ids the stage uses (`[PAD]` 0, `[UNK]` 100, `[CLS]` 101, `[SEP]` 102),
/// every lowercase word of the test texts, and single characters with and without `##`.
pub fn vocabulary() -> BTreeMap<String, u32> {
    let mut vocab = BTreeMap::new();
    vocab.insert("[PAD]".to_string(), 0);
    for i in 1..100 {
        vocab.insert(format!("[unused{i}]"), i);
    }
    for (i, t) in ["[UNK]", "[CLS]", "[SEP]", "[MASK]"].iter().enumerate() {
        vocab.insert(t.to_string(), 100 + i as u32);
    }
    let mut words = BTreeSet::new();
    for text in texts() {
        let lower = text.to_lowercase();
        for w in lower.split(|c: char| !c.is_alphanumeric()) {
            // Leave some words out, so that they are split into pieces.
            if w.len() > 1 && w.len() % 3 != 0 {
                words.insert(w.to_string());
            }
            for c in w.chars() {
                words.insert(c.to_string());
                words.insert(format!("##{c}"));
            }
        }
        for c in lower
            .chars()
            .filter(|c| !c.is_alphanumeric() && !c.is_whitespace())
        {
            words.insert(c.to_string());
        }
    }
    for w in words {
        let id = vocab.len() as u32;
        vocab.entry(w).or_insert(id);
    }
    vocab
}

pub fn write_tokenizer(dir: &Path, vocab: &BTreeMap<String, u32>) {
    let tokenizer = json!({
        "version": "1.0",
        "truncation": null,
        "padding": null,
        "added_tokens": [],
        "normalizer": {
            "type": "BertNormalizer",
            "clean_text": true,
            "handle_chinese_chars": true,
            "strip_accents": null,
            "lowercase": true
        },
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": null,
        "decoder": null,
        "model": {
            "type": "WordPiece",
            "unk_token": "[UNK]",
            "continuing_subword_prefix": "##",
            "max_input_chars_per_word": 100,
            "vocab": vocab
        }
    });
    std::fs::write(dir.join("tokenizer.json"), tokenizer.to_string()).expect("tokenizer.json");
}

pub fn config_json(spec: &Spec, vocab: usize, types: usize) -> Value {
    json!({
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": vocab,
        "hidden_size": spec.hidden,
        "num_hidden_layers": spec.layers,
        "num_attention_heads": spec.heads,
        "intermediate_size": spec.intermediate,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": spec.positions,
        "type_vocab_size": types,
        "initializer_range": 0.02,
        "layer_norm_eps": 1e-12,
        "pad_token_id": 0,
        "quotesmith": {
            "ner_labels": NER_LABELS,
            "attribution_roles": ["source", "cue", "content"],
            "case_classes": 5,
            "window": spec.window,
            "overlap": spec.overlap,
            "stacked": spec.stacked
        }
    })
}

/// Writes `config.json`, `tokenizer.json` and f16 `model.safetensors` for `spec` into `dir`.
pub fn write_random_model(dir: &Path, spec: &Spec, seed: u64) {
    let vocab = vocabulary();
    let types = if spec.stacked { STACKED_TYPES } else { 5 };
    write_tokenizer(dir, &vocab);
    let config = config_json(spec, vocab.len(), types);
    std::fs::write(dir.join("config.json"), config.to_string()).expect("config.json");

    let mut rng = Rng(seed);
    let (h, i) = (spec.hidden, spec.intermediate);
    let mut w: HashMap<String, Tensor> = HashMap::new();
    let mut put = |name: String, t: Tensor| {
        w.insert(name, t.to_dtype(DType::F16).expect("f16"));
    };
    put(
        "embeddings.word_embeddings.weight".into(),
        rng.tensor(&[vocab.len(), h], 0.0, 0.5),
    );
    put(
        "embeddings.position_embeddings.weight".into(),
        rng.tensor(&[spec.positions, h], 0.0, 0.2),
    );
    put(
        "embeddings.token_type_embeddings.weight".into(),
        rng.tensor(&[types, h], 0.0, 0.5),
    );
    let norm = |rng: &mut Rng, put: &mut dyn FnMut(String, Tensor), prefix: &str| {
        put(format!("{prefix}.weight"), rng.tensor(&[h], 1.0, 0.1));
        put(format!("{prefix}.bias"), rng.tensor(&[h], 0.0, 0.1));
    };
    let linear = |rng: &mut Rng,
                  put: &mut dyn FnMut(String, Tensor),
                  prefix: &str,
                  outputs: usize,
                  inputs: usize| {
        let std = 1.0 / (inputs as f32).sqrt();
        put(
            format!("{prefix}.weight"),
            rng.tensor(&[outputs, inputs], 0.0, std),
        );
        put(format!("{prefix}.bias"), rng.tensor(&[outputs], 0.0, 0.1));
    };
    norm(&mut rng, &mut put, "embeddings.LayerNorm");
    for l in 0..spec.layers {
        let p = format!("encoder.layer.{l}");
        for m in ["query", "key", "value"] {
            linear(&mut rng, &mut put, &format!("{p}.attention.self.{m}"), h, h);
        }
        linear(
            &mut rng,
            &mut put,
            &format!("{p}.attention.output.dense"),
            h,
            h,
        );
        norm(
            &mut rng,
            &mut put,
            &format!("{p}.attention.output.LayerNorm"),
        );
        linear(&mut rng, &mut put, &format!("{p}.intermediate.dense"), i, h);
        linear(&mut rng, &mut put, &format!("{p}.output.dense"), h, i);
        norm(&mut rng, &mut put, &format!("{p}.output.LayerNorm"));
    }
    // Large head weights, so that the labels vary from piece to piece.
    let heads = 3.0 / (h as f32).sqrt();
    put(
        "heads.ner.weight".into(),
        rng.tensor(&[NER_LABELS.len(), h], 0.0, heads),
    );
    put(
        "heads.ner.bias".into(),
        rng.tensor(&[NER_LABELS.len()], 0.0, 0.5),
    );
    put(
        "heads.attribution.weight".into(),
        rng.tensor(&[3 * ROLES, h], 0.0, heads),
    );
    put(
        "heads.attribution.bias".into(),
        rng.tensor(&[3 * ROLES], 0.0, 0.5),
    );
    candle_core::safetensors::save(&w, dir.join("model.safetensors")).expect("safetensors");
}

pub fn temp_model(spec: &Spec, seed: u64) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    write_random_model(dir.path(), spec, seed);
    dir
}

/// The size of the shipped encoder (MiniLM-L6: 384 wide, 6 layers, 12 heads), with the
/// small vocabulary of [`vocabulary`], for benchmarks without the shipped model.
pub const MINILM: Spec = Spec {
    stacked: false,
    hidden: 384,
    layers: 6,
    heads: 12,
    intermediate: 1536,
    positions: 512,
    window: 256,
    overlap: 64,
};

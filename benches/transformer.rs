//! Transformer stage throughput: word pieces per second and documents per second.
//!
//! Per core: run with `RAYON_NUM_THREADS=1` (candle's kernels use that many threads unless
//! `CANDLE_NUM_THREADS` says otherwise). `pipeline_combined_docs` is `--attribution combined`,
//! `pipeline_transformer_docs` both transformer modes, `pipeline_fast_docs` the fast mode.
//! The article is written for this benchmark (no third-party text), about 600 words.
//!
//! With `--features onnx` (after `scripts/setup-onnxruntime.sh`), the encoder and the combined
//! pipeline are measured on ONNX Runtime too, f32 (`_onnx`) and int8 (`_onnx-int8`), one
//! ONNX Runtime thread each.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use quotesmith::doc::Doc;
use quotesmith::pipeline::NerMode;
use quotesmith::quotes::AttributionMode;
use quotesmith::transformer::{BackendKind, TransformerModel};
use quotesmith::{Config, Pipeline};
use std::hint::black_box;

const PARAGRAPHS: [&str; 6] = [
    "The regional water board voted on Thursday to raise prices by 4 percent next year, \
     a decision its chair, Helen Okafor, said was needed to repair pipes laid in the 1950s.",
    "\u{201c}Nobody likes paying more, but the alternative is a network that fails,\u{201d} \
     Okafor told a packed meeting in the town hall of Millbridge. \u{201c}We have put this \
     off for too long.\u{201d}",
    "Opponents, led by the Millbridge Residents Association, argued that the board had \
     wasted money on consultants. Its spokesman, Daniel Reyes, said the group would ask the \
     state utilities commission to review the increase.",
    "According to figures published by the board, about one in five litres of treated water \
     is lost to leaks before it reaches a tap. Engineers at Northfield University estimated \
     last year that replacing the oldest mains would cost $210 million over a decade.",
    "The board's finance director, Ruth Lindqvist, said the increase would add about $3 a \
     month to a typical bill. Households on low incomes would be protected by a discount \
     scheme, she said, adding that the board would publish its accounts every quarter.",
    "Governor Samuel Pike, who has clashed with the board in the past, declined to comment \
     on Thursday. A spokeswoman for his office said he would study the plan.",
];

fn article() -> String {
    let mut s = String::from("WATER BOARD APPROVES PRICE RISE\n\n");
    for _ in 0..2 {
        for p in PARAGRAPHS {
            s.push_str(p);
            s.push_str("\n\n");
        }
    }
    s
}

fn bench(c: &mut Criterion) {
    let text = article();
    let model = TransformerModel::load(None, BackendKind::Candle).expect("model loads");
    let pieces = model.pieces(&text).expect("pieces").len() as u64;
    let mut g = c.benchmark_group("transformer");
    g.sample_size(10);
    g.throughput(Throughput::Elements(pieces));
    g.bench_function("encoder_and_heads_pieces", |b| {
        b.iter(|| black_box(model.predict(black_box(&text), None).expect("predict")))
    });
    let pipeline = Pipeline::new(
        &Config::default().with_modes(NerMode::Transformer, AttributionMode::Transformer),
    )
    .expect("pipeline");
    g.throughput(Throughput::Elements(1));
    g.bench_function("pipeline_transformer_docs", |b| {
        b.iter(|| {
            let mut doc = Doc::new("b", text.as_str());
            pipeline.process(&mut doc).expect("process");
            black_box(doc.quotes.len())
        })
    });
    for (suffix, backend) in engines() {
        let combined = Pipeline::new(
            &Config::default()
                .with_modes(NerMode::Fast, AttributionMode::Combined)
                .with_transformer(None, backend),
        )
        .expect("pipeline");
        g.throughput(Throughput::Elements(1));
        g.bench_function(format!("pipeline_combined_docs{suffix}"), |b| {
            b.iter(|| {
                let mut doc = Doc::new("b", text.as_str());
                combined.process(&mut doc).expect("process");
                black_box(doc.quotes.len())
            })
        });
        if suffix.is_empty() {
            continue;
        }
        let model = TransformerModel::load(None, backend).expect("model loads");
        g.throughput(Throughput::Elements(pieces));
        g.bench_function(format!("encoder_and_heads_pieces{suffix}"), |b| {
            b.iter(|| black_box(model.predict(black_box(&text), None).expect("predict")))
        });
    }
    g.throughput(Throughput::Elements(1));
    let fast = Pipeline::new(&Config::default()).expect("pipeline");
    g.bench_function("pipeline_fast_docs", |b| {
        b.iter(|| {
            let mut doc = Doc::new("b", text.as_str());
            fast.process(&mut doc).expect("process");
            black_box(doc.quotes.len())
        })
    });
    g.finish();
    eprintln!("article: {} bytes, {pieces} word pieces", text.len());
}

/// The engines to measure, with the suffix of their benchmark names (none for candle).
fn engines() -> Vec<(&'static str, BackendKind)> {
    #[allow(unused_mut)]
    let mut out = vec![("", BackendKind::Candle)];
    #[cfg(feature = "onnx")]
    out.extend([
        ("_onnx", BackendKind::Onnx),
        ("_onnx-int8", BackendKind::OnnxInt8),
    ]);
    out
}

criterion_group!(benches, bench);
criterion_main!(benches);

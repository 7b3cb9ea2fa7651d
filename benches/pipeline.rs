//! End-to-end throughput of the default pipeline on news text (PolNeAR articles when
//! `../shared/data/polnear` is present, otherwise the articles in `data/samples/`).
//!
//! Reports MB/s per core (single-threaded `annotate`) and docs/s.

#[path = "../tests/shared_data/mod.rs"]
mod shared_data;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use quotesmith::{Config, Document, Pipeline};
use std::path::Path;

/// Loads up to `limit` articles as documents.
fn corpus(limit: usize) -> Vec<Document> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let polnear = root.join("../shared/data/polnear");
    let mut files = Vec::new();
    for split in ["train", "dev"] {
        if let Ok(rd) = std::fs::read_dir(polnear.join(split).join("text")) {
            files.extend(rd.filter_map(|e| e.ok()).map(|e| e.path()));
        }
    }
    if files.is_empty() {
        shared_data::skip("../shared/data/polnear not found; benchmarking data/samples/ instead");
        if let Ok(rd) = std::fs::read_dir(root.join("data/samples/articles")) {
            files.extend(rd.filter_map(|e| e.ok()).map(|e| e.path()));
        }
    }
    files.sort();
    files.truncate(limit);
    files
        .iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            Some(Document::new(p.display().to_string(), text))
        })
        .collect()
}

fn pipeline(c: &mut Criterion) {
    let docs = corpus(200);
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let p = Pipeline::new(&Config::default()).expect("pipeline");
    let mut g = c.benchmark_group("pipeline");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("annotate_bytes", |b| {
        b.iter(|| {
            for d in &docs {
                std::hint::black_box(p.annotate(d).expect("annotate"));
            }
        })
    });
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.bench_function("annotate_docs", |b| {
        b.iter(|| {
            for d in &docs {
                std::hint::black_box(p.annotate(d).expect("annotate"));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);

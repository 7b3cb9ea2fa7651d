//! Throughput of each stage on its own (MB/s and docs/s), on PolNeAR texts when
//! `../shared/data/polnear` is present, otherwise on `data/samples/`.
//!
//! Each stage is timed on documents that already carry the layers of the stages before it.

#[path = "../tests/shared_data/mod.rs"]
mod shared_data;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use quotesmith::{Config, Doc, Pipeline};
use std::path::Path;

fn corpus(limit: usize) -> Vec<Doc> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = ["train", "dev"]
        .iter()
        .filter_map(|s| {
            std::fs::read_dir(root.join("../shared/data/polnear").join(s).join("text")).ok()
        })
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    if files.is_empty() {
        shared_data::skip("../shared/data/polnear not found; benchmarking data/samples/ instead");
        files = std::fs::read_dir(root.join("data/samples/articles"))
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
    }
    files.sort();
    files.truncate(limit);
    files
        .iter()
        .filter_map(|p| {
            Some(Doc::new(
                p.display().to_string(),
                std::fs::read_to_string(p).ok()?,
            ))
        })
        .collect()
}

fn stages(c: &mut Criterion) {
    let pipeline = Pipeline::new(&Config::default()).expect("pipeline");
    let mut docs = corpus(200);
    let bytes: u64 = docs.iter().map(|d| d.text.len() as u64).sum();
    let mut g = c.benchmark_group("stages");
    g.sample_size(10);
    for stage in pipeline.stages() {
        for (unit, tp) in [
            ("bytes", Throughput::Bytes(bytes)),
            ("docs", Throughput::Elements(docs.len() as u64)),
        ] {
            g.throughput(tp);
            g.bench_function(format!("{}_{unit}", stage.name()), |b| {
                b.iter_batched(
                    || docs.clone(),
                    |mut batch| {
                        for d in &mut batch {
                            stage.process(d).expect("stage");
                        }
                        batch
                    },
                    BatchSize::LargeInput,
                )
            });
        }
        for d in &mut docs {
            stage.process(d).expect("stage");
        }
    }
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);

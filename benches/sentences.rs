//! Throughput of the sentence splitter over real news text (the PolNeAR articles in
//! `../shared/data/polnear/*/text/*.txt`). Skips when the data is absent.
//!
//! Run: `cargo bench --bench sentences` (criterion reports MB/s through `Throughput::Bytes`).

#[path = "../tests/shared_data/mod.rs"]
mod shared_data;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use quotesmith::Doc;
use quotesmith::Stage;
use quotesmith::sentences::SentenceSplitter;
use std::hint::black_box;
use std::path::PathBuf;

fn load_texts() -> Vec<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/polnear");
    let mut texts = Vec::new();
    for split in ["train", "dev"] {
        let dir = root.join(split).join("text");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            if p.extension().is_some_and(|e| e == "txt")
                && let Ok(t) = std::fs::read_to_string(&p)
            {
                texts.push(t);
            }
        }
    }
    texts
}

fn bench(c: &mut Criterion) {
    let texts = load_texts();
    if texts.is_empty() {
        shared_data::skip("../shared/data/polnear/*/text not found");
        return;
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let sp = SentenceSplitter::new().expect("splitter builds");
    let mut group = c.benchmark_group("sentences");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(20);
    group.measurement_time(std::time::Duration::from_secs(8));
    group.bench_function(format!("split/polnear {} docs", texts.len()), |b| {
        b.iter(|| {
            let mut n = 0;
            for t in &texts {
                n += sp.split(black_box(t)).len();
            }
            n
        })
    });
    let docs: Vec<Doc> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Doc::new(i.to_string(), t.as_str()))
        .collect();
    group.bench_function("stage/polnear", |b| {
        b.iter(|| {
            let mut n = 0;
            for d in &docs {
                let mut d = d.clone();
                sp.process(&mut d).expect("splits");
                n += d.sentences.len();
            }
            n
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

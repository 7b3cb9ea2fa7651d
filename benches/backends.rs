//! candle against rust-bert (libtorch): word pieces per second through the encoder and both
//! heads, on the same text and model, one thread each.
//!
//! The model is `models/transformer` when it is there; otherwise a random model of the same
//! size (MiniLM-L6: 384 wide, 6 layers) with a small vocabulary, which costs the same per
//! piece. The text is the sentences written for `tests/backend_parity.rs`: a dozen short
//! documents and one long one of several windows.
//!
//! `cargo bench --features rust-bert --bench backends` (see docs/backends.md).

#[path = "../tests/random_model/mod.rs"]
mod random_model;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use quotesmith::transformer::{BackendKind, ModelFiles, TransformerModel};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    // One thread per engine: candle's kernels use the rayon pool, sized by RAYON_NUM_THREADS
    // when it is first used (below); libtorch's are set here.
    if std::env::var("RAYON_NUM_THREADS").as_deref() != Ok("1") {
        // SAFETY: nothing else runs yet: criterion calls this before it starts any thread,
        // and no other code of this process reads or writes the environment meanwhile.
        unsafe { std::env::set_var("RAYON_NUM_THREADS", "1") };
    }
    tch::set_num_threads(1);
    tch::set_num_interop_threads(1);

    let files = ModelFiles::new(None);
    let (_keep, dir, which) = if files.weights().is_file() && files.tokenizer().is_file() {
        (None, files.dir.clone(), "models/transformer")
    } else {
        let tmp = random_model::temp_model(&random_model::MINILM, 1);
        let dir = tmp.path().to_path_buf();
        (Some(tmp), dir, "a random MiniLM-L6-sized model")
    };
    let text = random_model::texts().join("\n\n");
    let candle = TransformerModel::load(Some(&dir), BackendKind::Candle).expect("candle loads");
    let torch = TransformerModel::load(Some(&dir), BackendKind::RustBert).expect("rust-bert loads");
    let pieces = candle.pieces(&text).expect("pieces").len() as u64;
    eprintln!(
        "backends: {which}, {} bytes, {pieces} word pieces, one thread",
        text.len()
    );

    let mut g = c.benchmark_group("backends");
    g.sample_size(10);
    g.throughput(Throughput::Elements(pieces));
    for (name, model) in [("candle", &candle), ("rust-bert", &torch)] {
        g.bench_function(name, |b| {
            b.iter(|| black_box(model.predict(black_box(&text), None).expect("predict")))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

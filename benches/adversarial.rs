//! Linear time on hostile inputs: each input is annotated at two sizes (256 KB and 1 MB).
//! Equal MB/s at both sizes means time grows linearly with size; a quadratic step would show
//! a 4x drop in MB/s at the larger size.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use quotesmith::{Config, Document, Pipeline};

/// Quotation marks of every style and apostrophes in every position, nothing else.
const EVERY_MARK: &str = "\"\u{201c}\u{201d}\u{201e}\u{201f}\u{ab}\u{bb}''``'\u{2018}\u{2019}\u{201a}\u{201b}\u{2039}\u{203a}` '\u{2019}' '' \u{2018}\u{2019}\u{2019}\n";

fn inputs(size: usize) -> Vec<(&'static str, String)> {
    let fill = |unit: &str| unit.repeat(size / unit.len() + 1);
    vec![
        (
            "article",
            fill(
                "\u{201c}We expect a vote,\u{201d} said Sen. Maria Lopez, who chairs the panel. She told reporters that the bill would pass, according to Reuters.\n\n",
            ),
        ),
        ("unmatched_quotes", fill("\u{201c}")),
        ("straight_quotes", fill("He said \" and ' then ")),
        ("nested_quotes", fill("\u{201c}a \u{2018}b \"c 'd ")),
        ("every_mark", fill(EVERY_MARK)),
        (
            "html",
            fill(
                "<p>&ldquo;We won,&rdquo; said <b>Kim Ode</b>.</p><script>var s=\"said\";</script>\n",
            ),
        ),
        ("no_breaks", fill("word Word said that x, ")),
    ]
}

fn adversarial(c: &mut Criterion) {
    let p = Pipeline::new(&Config::default()).expect("pipeline");
    let mut g = c.benchmark_group("adversarial");
    g.sample_size(10);
    for size in [256 << 10, 1 << 20] {
        for (name, text) in inputs(size) {
            let doc = Document::new(name, text);
            g.throughput(Throughput::Bytes(doc.text.len() as u64));
            g.bench_function(format!("{name}_{}k", size >> 10), |b| {
                b.iter(|| p.annotate(&doc).expect("annotate"))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, adversarial);
criterion_main!(benches);

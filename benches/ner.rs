//! Tokenizer + NER tagger throughput on one core, in tokens per second.
//!
//! The article is written for this benchmark (no third-party text): news prose with quotes,
//! names, organisations, places, numbers and a headline.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use quotesmith::Stage;
use quotesmith::doc::Doc;
use quotesmith::entities::EntityTagger;
use quotesmith::sentences::SentenceSplitter;
use quotesmith::tokens::Tokenizer;
use std::hint::black_box;

const ARTICLE: &str = "CITY COUNCIL BACKS HARBOUR PLAN AFTER LONG DEBATE\n\n\
The city council of Port Elsworth voted 7-2 on Tuesday to approve a $48 million plan to \
rebuild the old harbour, ending a debate that had lasted almost three years. \
\u{201c}We have waited long enough,\u{201d} Mayor Ana Ortiz told reporters after the vote. \
\u{201c}This is the day the waterfront comes back to life.\u{201d}\n\n\
The plan, drawn up by the engineering firm Halvorsen & Reid, calls for a new sea wall, a \
ferry terminal and 1,200 homes on land now owned by the Northern Rail Company. Council member \
James O\u{2019}Neill, who voted against it, said the cost estimates were \u{201c}wildly \
optimistic\u{201d} and warned that taxpayers in Elsworth County could be left with the bill.\n\n\
According to a report published last month by the Institute for Coastal Studies at Westbrook \
University, sea levels along the coast have risen 3.5 inches since 1990. Dr. Priya Raman, \
the report\u{2019}s lead author, said the new wall would protect about 4,000 residents. \
Officials from the Department of Transportation in Washington are expected to visit the site \
in March, a spokeswoman for Senator Michael Brandt said on Wednesday.\n\n\
Shares of Halvorsen & Reid rose 2.1% in New York trading. The company, based in Oslo, Norway, \
has built harbours in Rotterdam, Singapore and Cape Town. Its chief executive, Erik Halvorsen, \
said in a statement that work could begin next spring if the state environmental agency grants \
its permits. Residents of the Eastside neighbourhood, many of them fishermen, have asked the \
council to keep the old fish market open during construction. \u{201c}Nobody asked us,\u{201d} \
said Tom Keane, 64, who has sold crab and mackerel there since the 1980s.\n";

fn article(copies: usize) -> String {
    let mut s = String::with_capacity(ARTICLE.len() * copies);
    for _ in 0..copies {
        s.push_str(ARTICLE);
    }
    s
}

fn bench(c: &mut Criterion) {
    let splitter = SentenceSplitter::new().expect("sentence splitter");
    let tokenizer = Tokenizer::new().expect("tokenizer");
    let tagger = EntityTagger::load(None).expect("built-in NER model");
    let text = article(4);
    let mut base = Doc::new("bench", text.as_str());
    splitter.process(&mut base).expect("sentences");
    let mut probe = base.clone();
    tokenizer.process(&mut probe).expect("tokens");
    let tokens = probe.tokens.len() as u64;

    let mut group = c.benchmark_group("ner");
    group.throughput(Throughput::Elements(tokens));
    group.bench_function("tokenize+tag", |b| {
        b.iter(|| {
            let mut doc = base.clone();
            tokenizer.process(&mut doc).expect("tokens");
            tagger.process(&mut doc).expect("entities");
            black_box(doc.entities.len())
        })
    });
    group.bench_function("tag only", |b| {
        b.iter(|| black_box(tagger.predict(&probe).len()))
    });
    group.bench_function("tokenize only", |b| {
        b.iter(|| {
            let mut doc = base.clone();
            tokenizer.process(&mut doc).expect("tokens");
            black_box(doc.tokens.len())
        })
    });
    group.finish();
    c.bench_function("ner/load built-in model", |b| {
        b.iter(|| black_box(EntityTagger::load(None).expect("model")))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);

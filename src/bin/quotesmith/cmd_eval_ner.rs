//! `quotesmith eval ner`.

use crate::args::{EvalNerArgs, NerArg};
use anyhow::Context;
use quotesmith::entities::EntityTagger;
use quotesmith::eval::conll::{self, ConllDoc};
use quotesmith::transformer::{TransformerModel, TransformerNer};
use std::process::ExitCode;
use std::time::Instant;

pub fn run(args: EvalNerArgs) -> anyhow::Result<ExitCode> {
    if args.ner == NerArg::Transformer {
        return run_transformer(&args);
    }
    let t0 = Instant::now();
    let tagger = EntityTagger::load(args.model.as_deref()).context("loading the NER model")?;
    let loaded = t0.elapsed();
    let docs = conll::read_conll(&args.conll)?;
    let t1 = Instant::now();
    let scores = conll::evaluate(&tagger, &docs)?;
    let took = t1.elapsed();
    print!("{scores}");
    eprintln!(
        "model loaded in {:.3} s; tagged {} tokens in {:.3} s",
        loaded.as_secs_f64(),
        scores.tokens,
        took.as_secs_f64()
    );
    if args.errors {
        for doc in &docs {
            print_errors(&tagger, doc);
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Scores the transformer's NER head (`--errors` is for the perceptron tagger only).
fn run_transformer(args: &EvalNerArgs) -> anyhow::Result<ExitCode> {
    let t0 = Instant::now();
    let model = TransformerModel::load(
        args.transformer.model_dir.as_deref(),
        args.transformer.backend(),
    )
    .context("loading the transformer model")?;
    let loaded = t0.elapsed();
    let docs = conll::read_conll(&args.conll)?;
    let t1 = Instant::now();
    let ner = TransformerNer::new(model)?;
    let model = ner.model();
    let scores = conll::evaluate(&ner, &docs)?;
    let took = t1.elapsed();
    print!("{scores}");
    eprintln!(
        "transformer ({}) loaded in {:.3} s; tagged {} tokens in {:.3} s",
        model.backend_name(),
        loaded.as_secs_f64(),
        scores.tokens,
        took.as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// Prints each sentence of `doc` whose predicted entities differ from the gold ones, with
/// the missed (`-`) and spurious (`+`) entities.
fn print_errors(tagger: &EntityTagger, doc: &ConllDoc) {
    let (words, ranges) = doc.flatten();
    let pred = tagger.tag(&words, &ranges);
    for (s, r) in doc.sentences.iter().zip(&ranges) {
        let mine: Vec<_> = pred
            .iter()
            .filter(|e| e.0 >= r.start && e.0 < r.end)
            .map(|&(a, b, l)| (a - r.start, b - r.start, l))
            .collect();
        if mine == s.entities {
            continue;
        }
        eprintln!("{}", s.words.join(" "));
        let show = |e: &(usize, usize, quotesmith::doc::EntityLabel)| {
            format!(
                "{} {}",
                e.2.as_str(),
                s.words[e.0..e.1.min(s.words.len())].join(" ")
            )
        };
        for g in s.entities.iter().filter(|g| !mine.contains(g)) {
            eprintln!("  - {}", show(g));
        }
        for m in mine.iter().filter(|m| !s.entities.contains(m)) {
            eprintln!("  + {}", show(m));
        }
    }
}

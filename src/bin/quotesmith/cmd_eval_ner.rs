//! `quotesmith eval ner`.

use crate::args::EvalNerArgs;
use anyhow::Context;
use quotesmith::entities::EntityTagger;
use quotesmith::eval::conll;
use std::process::ExitCode;
use std::time::Instant;

pub fn run(args: EvalNerArgs) -> anyhow::Result<ExitCode> {
    let t0 = Instant::now();
    let tagger = EntityTagger::load(args.model.as_deref()).context("loading the NER model")?;
    let loaded = t0.elapsed();
    let docs = conll::read_conll(&args.conll)?;
    let t1 = Instant::now();
    let scores = conll::evaluate(&tagger, &docs);
    let took = t1.elapsed();
    print!("{scores}");
    eprintln!(
        "model loaded in {:.3} s; tagged {} tokens in {:.3} s",
        loaded.as_secs_f64(),
        scores.tokens,
        took.as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

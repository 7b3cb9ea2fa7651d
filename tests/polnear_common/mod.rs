//! Shared helper for the PolNeAR dev tests: runs a pipeline over the dev split and scores it
//! in process with the Rust port of `../shared/eval/score_polnear.py`.

use quotesmith::eval::polnear::{self, PredQuote, Scores};
use quotesmith::{Config, Document, Pipeline};
use rayon::prelude::*;
use std::collections::HashMap;

/// Scores of `config`'s pipeline on PolNeAR dev, or `None` (with a message) when
/// `../shared/data/polnear/dev` is absent. Test files that use it also declare
/// `mod shared_data;`.
pub fn score_dev(config: &Config) -> Option<Scores> {
    let split = super::shared_data::path("polnear/dev")?;
    let docs = polnear::load_split(&split).expect("load dev split");
    let pipeline = Pipeline::new(config).expect("pipeline");
    let preds: HashMap<String, Vec<PredQuote>> = docs
        .par_iter()
        .map(|d| {
            let a = pipeline
                .annotate(&Document::new(d.id.clone(), d.text.clone()))
                .expect("annotate");
            (d.id.clone(), PredQuote::from_annotation(&a))
        })
        .collect();
    let s = polnear::score(&docs, &preds);
    eprintln!("{s}");
    Some(s)
}

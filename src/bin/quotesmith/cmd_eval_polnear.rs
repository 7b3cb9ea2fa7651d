//! `quotesmith eval polnear`: run the default pipeline over a PolNeAR split and print the
//! metrics of `../shared/eval/score_polnear.py` (same layout, or the same JSON keys).
//!
//! Exit code 0 when every document was annotated, 3 when some failed (each is reported on
//! stderr and scored as having no quotes, as its error record in `--pred-out` would be).

use crate::args::EvalPolnearArgs;
use anyhow::Context;
use quotesmith::eval::polnear::{self, GoldDoc, PredQuote, Predictions};
use quotesmith::io::jsonl::{FieldSet, Output, render};
use quotesmith::io::{RecordError, RecordErrorKind};
use quotesmith::{Config, Document, Pipeline};
use rayon::prelude::*;
use std::io::Write;
use std::process::ExitCode;
use std::time::Instant;

/// One document's result: its rendered output line and its quotes, or why it failed.
struct DocResult {
    line: Vec<u8>,
    quotes: Result<Vec<PredQuote>, String>,
}

pub fn run(args: EvalPolnearArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let docs = polnear::load_split(&args.split_dir)
        .with_context(|| format!("cannot load the split {}", args.split_dir.display()))?;
    let pipeline =
        Pipeline::new(&args.modes.apply(Config::default())).context("cannot build the pipeline")?;
    let results: Vec<DocResult> = docs.par_iter().map(|d| annotate(&pipeline, d)).collect();

    let mut preds = Predictions::default();
    let mut failed = 0usize;
    for (doc, r) in docs.iter().zip(&results) {
        let quotes = match &r.quotes {
            Ok(q) => q.clone(),
            Err(message) => {
                failed += 1;
                eprintln!("quotesmith: {}: {message}", doc.id);
                Vec::new()
            }
        };
        preds.quotes.insert(doc.id.clone(), quotes);
        preds.seen += 1;
    }
    if let Some(path) = &args.pred_out {
        let mut out = std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        );
        for r in &results {
            out.write_all(&r.line)
                .with_context(|| format!("cannot write {}", path.display()))?;
        }
        out.flush()
            .with_context(|| format!("cannot write {}", path.display()))?;
    }

    let scores = preds.score(&docs);
    if args.json {
        println!("{}", serde_json::to_string(&scores)?);
    } else {
        print!("{scores}");
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "quotesmith: {} documents ({} failed, {:.1} KB) in {:.2} s",
        docs.len(),
        failed,
        bytes as f64 / 1e3,
        secs
    );
    Ok(if failed > 0 {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    })
}

/// Annotates one document; an error (a panic in a stage included) becomes an error record.
fn annotate(pipeline: &Pipeline, doc: &GoldDoc) -> DocResult {
    let input = Document::new(doc.id.clone(), doc.text.clone());
    let message = match pipeline.annotate(&input) {
        Ok(a) => {
            let quotes = PredQuote::from_annotation(&a);
            let mut line = Vec::new();
            render(&Output::Annotation(a), FieldSet::default(), &mut line);
            return DocResult {
                line,
                quotes: Ok(quotes),
            };
        }
        Err(e) => e.to_string(),
    };
    let mut line = Vec::new();
    let output = Output::Error {
        id: doc.id.clone(),
        error: RecordError {
            kind: RecordErrorKind::Pipeline,
            message: message.clone(),
            location: format!("text/{}.txt", doc.id),
        },
    };
    render(&output, FieldSet::default(), &mut line);
    DocResult {
        line,
        quotes: Err(message),
    }
}

//! `quotesmith eval cases`: run the pipeline over the team's own quotation cases
//! (`tests/cases/`) and print recall and precision per category and split
//! (`quotesmith::eval::cases`; format and rules in `tests/cases/README.md`).
//!
//! Exit code 0 when every case was annotated, 3 when some failed (each is reported on stderr
//! and scored as having no quotes).

use crate::args::{EvalCasesArgs, SplitArg};
use anyhow::{Context, bail};
use quotesmith::eval::cases::{self, Case, Split};
use quotesmith::io::wire::WireQuote;
use quotesmith::{Config, Document, Pipeline};
use rayon::prelude::*;
use std::process::ExitCode;
use std::time::Instant;

pub fn run(args: EvalCasesArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let all = cases::load_dir(&args.dir)
        .with_context(|| format!("cannot load the cases in {}", args.dir.display()))?;
    let problems = cases::validate(&all);
    if !problems.is_empty() {
        bail!(
            "{} problems in the cases of {}:\n{}",
            problems.len(),
            args.dir.display(),
            problems.join("\n")
        );
    }
    let selected: Vec<Case> = all
        .into_iter()
        .filter(|c| match args.split {
            SplitArg::Dev => c.split == Split::Dev,
            SplitArg::Held => c.split == Split::Held,
            SplitArg::All => true,
        })
        .collect();
    let pipeline =
        Pipeline::new(&args.modes.apply(Config::default())).context("cannot build the pipeline")?;
    let results: Vec<Result<Vec<WireQuote>, String>> = selected
        .par_iter()
        .map(|c| annotate(&pipeline, c))
        .collect();

    let mut failed = 0usize;
    let mut predicted = Vec::with_capacity(results.len());
    for (case, r) in selected.iter().zip(results) {
        predicted.push(r.unwrap_or_else(|message| {
            failed += 1;
            eprintln!("quotesmith: {}: {message}", case.id);
            Vec::new()
        }));
    }
    let report = cases::score(&selected, &predicted);

    if args.json {
        let mut value = serde_json::json!({ "rows": report.rows });
        if args.errors {
            let with_issues: Vec<_> = report
                .cases
                .iter()
                .filter(|c| !c.issues.is_empty())
                .collect();
            value["errors"] = serde_json::to_value(with_issues)?;
        }
        println!("{value}");
    } else {
        print!("{report}");
        if args.errors {
            let mut errors = String::new();
            report.write_errors(&mut errors)?;
            print!("\n{errors}");
        }
    }
    eprintln!(
        "quotesmith: {} cases ({} failed) in {:.2} s",
        selected.len(),
        failed,
        started.elapsed().as_secs_f64()
    );
    Ok(if failed > 0 {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    })
}

/// Annotates one case; an error (a panic in a stage included) becomes its message.
fn annotate(pipeline: &Pipeline, case: &Case) -> Result<Vec<WireQuote>, String> {
    let input = Document::new(case.id.clone(), case.text.clone());
    pipeline
        .annotate(&input)
        .map(|a| a.quotes)
        .map_err(|e| e.to_string())
}

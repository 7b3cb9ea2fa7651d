//! `quotesmith train ner`.

use crate::args::TrainNerArgs;
use anyhow::Context;
use quotesmith::entities::bio::Scheme;
use quotesmith::entities::train::{TrainConfig, train};
use quotesmith::eval::conll;
use std::process::ExitCode;

pub fn run(args: TrainNerArgs) -> anyhow::Result<ExitCode> {
    let cfg = TrainConfig {
        epochs: args.epochs,
        seed: args.seed,
        scheme: if args.bio { Scheme::Bio } else { Scheme::Bilou },
        bits: args.hash_bits,
        passes: if args.one_pass { 1 } else { 2 },
        folds: args.folds,
        members: args.members,
    };
    anyhow::ensure!(
        (16..=24).contains(&cfg.bits),
        "--hash-bits must be within 16..=24"
    );
    let train_docs = conll::read_conll(&args.train)?;
    let dev_docs = conll::read_conll(&args.dev)?;
    eprintln!(
        "training on {} documents, selecting on {} dev documents ({cfg:?})",
        train_docs.len(),
        dev_docs.len()
    );
    let (tagger, report) = train(&train_docs, &dev_docs, &cfg, &mut |line| {
        eprintln!("{line}")
    })?;
    let bytes = tagger.to_bytes()?;
    if let Some(dir) = args.output.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    std::fs::write(&args.output, &bytes)
        .with_context(|| format!("writing {}", args.output.display()))?;
    eprintln!(
        "wrote {} ({} bytes); best epochs {:?}",
        args.output.display(),
        bytes.len(),
        report.best_epoch
    );
    println!("dev scores of the saved model:");
    print!("{}", report.dev_scores);
    Ok(ExitCode::SUCCESS)
}

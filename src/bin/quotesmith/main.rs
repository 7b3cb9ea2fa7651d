//! The `quotesmith` command: a thin layer over the library.

mod args;
mod cmd_eval_ner;
mod cmd_eval_polnear;
mod cmd_extract;
mod cmd_train_ner;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("quotesmith: error: {err:#}");
            ExitCode::from(1)
        }
    }
}

fn run() -> anyhow::Result<ExitCode> {
    let cli = args::Cli::parse();
    match cli.command {
        args::Command::Extract(a) => cmd_extract::run(a),
        args::Command::Eval(args::EvalCommand::Ner(a)) => cmd_eval_ner::run(a),
        args::Command::Eval(args::EvalCommand::Polnear(a)) => cmd_eval_polnear::run(a),
        args::Command::Train(args::TrainCommand::Ner(a)) => cmd_train_ner::run(a),
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

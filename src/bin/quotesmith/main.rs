//! The `quotesmith` command: a thin layer over the library.

mod args;
mod cmd_convert;
mod cmd_eval_cases;
mod cmd_eval_ner;
mod cmd_eval_polnear;
mod cmd_extract;
mod cmd_train_ner;
mod cmd_view;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("quotesmith: error: {}", chain_message(&err));
            if err.downcast_ref::<UsageError>().is_some() {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}

/// The error and its causes joined by ": ", like `{:#}`, but without a cause that the
/// message already ends with (the library's I/O errors name their cause in their own text).
fn chain_message(err: &anyhow::Error) -> String {
    let mut msg = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if msg.ends_with(&text) {
            continue;
        }
        if !msg.is_empty() {
            msg.push_str(": ");
        }
        msg.push_str(&text);
    }
    msg
}

fn run() -> anyhow::Result<ExitCode> {
    let cli = args::Cli::parse();
    match cli.command {
        args::Command::Extract(a) => cmd_extract::run(a),
        args::Command::Convert(a) => cmd_convert::run(a),
        args::Command::View(a) => cmd_view::run(a),
        args::Command::Eval(args::EvalCommand::Ner(a)) => cmd_eval_ner::run(a),
        args::Command::Eval(args::EvalCommand::Polnear(a)) => cmd_eval_polnear::run(a),
        args::Command::Eval(args::EvalCommand::Cases(a)) => cmd_eval_cases::run(a),
        args::Command::Train(args::TrainCommand::Ner(a)) => cmd_train_ner::run(a),
    }
}

/// A mistake in the command line (exit code 2, like clap's own usage errors).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Returns early with a [`UsageError`].
#[macro_export]
macro_rules! usage {
    ($($arg:tt)*) => {
        return Err($crate::UsageError(format!($($arg)*)).into())
    };
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

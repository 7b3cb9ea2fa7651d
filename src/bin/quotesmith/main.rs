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

/// candle runs its element-wise kernels on a thread pool of its own, sized when it first
/// runs by `CANDLE_NUM_THREADS` (else `RAYON_NUM_THREADS`, else the physical cores), whose
/// threads spin between kernels. quotesmith already runs one document per worker thread
/// (`--threads`), so each worker runs its kernels itself: on 20 PolNeAR dev articles with
/// `--attribution combined --threads 1`, 18.6 s of user CPU instead of 21.2 s
/// (docs/backends.md). A value the user sets is kept.
fn one_kernel_thread() {
    if std::env::var_os("CANDLE_NUM_THREADS").is_none() {
        // SAFETY: the first thing `main` does, before any other thread exists.
        unsafe { std::env::set_var("CANDLE_NUM_THREADS", "1") };
    }
}

fn main() -> ExitCode {
    one_kernel_thread();
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

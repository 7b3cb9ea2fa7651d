//! `quotesmith eval ner`.

use crate::args::EvalNerArgs;
use std::process::ExitCode;

pub fn run(_args: EvalNerArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not available yet")
}

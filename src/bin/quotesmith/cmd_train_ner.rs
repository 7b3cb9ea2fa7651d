//! `quotesmith train ner`.

use crate::args::TrainNerArgs;
use std::process::ExitCode;

pub fn run(_args: TrainNerArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not available yet")
}

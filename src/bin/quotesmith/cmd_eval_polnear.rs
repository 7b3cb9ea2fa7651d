//! `quotesmith eval polnear`.

use crate::args::EvalPolnearArgs;
use std::process::ExitCode;

pub fn run(_args: EvalPolnearArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("not available yet")
}

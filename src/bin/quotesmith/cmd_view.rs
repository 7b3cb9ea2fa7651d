//! `quotesmith view`: annotated articles as one self-contained HTML page.

use crate::args::ReadArgs;
use crate::cmd_convert::{Articles, OutputLine, OutputLines, parse_output_line};
use anyhow::Context;
use clap::Args;
use quotesmith::export::view::ViewWriter;
use std::collections::HashSet;
use std::io::BufWriter;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Args)]
pub struct ViewArgs {
    /// `extract` output (JSON Lines, optionally .gz/.zst).
    pub annotations: PathBuf,
    /// The inputs extract read, in the same order, in any form extract accepts.
    #[arg(long = "input", value_name = "PATH", required = true, num_args = 1..)]
    pub articles: Vec<PathBuf>,
    /// The HTML file to write.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Show at most this many articles.
    #[arg(long, value_name = "N", default_value_t = 200)]
    pub limit: usize,
    /// Show only these document ids (comma-separated).
    #[arg(long, value_name = "LIST")]
    pub ids: Option<String>,
    /// Page title.
    #[arg(long, default_value = "quotesmith: quotes, speakers and outlets")]
    pub title: String,
    #[command(flatten)]
    pub read: ReadArgs,
}

pub fn run(a: ViewArgs) -> anyhow::Result<ExitCode> {
    let ids: Option<HashSet<String>> = a.ids.as_ref().map(|list| {
        list.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    });
    let mut lines = OutputLines::new(std::slice::from_ref(&a.annotations))?;
    let mut articles = Articles::open(&a.articles, &a.read, Vec::new())?;
    let file = std::fs::File::create(&a.output)
        .with_context(|| format!("cannot write {}", a.output.display()))?;
    let mut page = ViewWriter::new(BufWriter::new(file), &a.title)
        .with_context(|| format!("cannot write {}", a.output.display()))?;
    let (mut shown, mut quotes) = (0usize, 0usize);
    let mut buf = Vec::new();
    while shown < a.limit {
        let Some(source) = lines.next_line(&mut buf)? else {
            break;
        };
        let parsed = parse_output_line(&buf, source);
        let id = match &parsed {
            OutputLine::Annotation(x) => x.id.clone(),
            OutputLine::Error { id, .. } => id.clone(),
        };
        let record = articles.next_for(&id)?;
        if ids.as_ref().is_some_and(|set| !set.contains(&id)) {
            continue;
        }
        match (parsed, record.result) {
            (OutputLine::Annotation(x), Ok(doc)) => {
                page.article(&doc.text, &x)
                    .with_context(|| format!("cannot write {}", a.output.display()))?;
                quotes += x.quotes.len();
            }
            (OutputLine::Error { line, .. }, _) => {
                page.error(&id, String::from_utf8_lossy(&line).trim_end());
            }
            (OutputLine::Annotation(_), Err(e)) => page.error(&id, &e.to_string()),
        }
        shown += 1;
    }
    page.finish()
        .with_context(|| format!("cannot write {}", a.output.display()))?;
    eprintln!(
        "quotesmith: {shown} articles, {quotes} quotes in {}",
        a.output.display()
    );
    Ok(ExitCode::SUCCESS)
}

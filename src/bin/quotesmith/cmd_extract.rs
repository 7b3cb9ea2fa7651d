//! `quotesmith extract`: stream records through the pipeline in parallel, in input order.

use crate::args::ExtractArgs;
use crate::cmd_convert::{OutputFormatArg, Plan, open_table, render_quote_rows};
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use quotesmith::export::KeptFields;
use quotesmith::export::parts::TableOutput;
use quotesmith::io::jsonl::{FieldSet, JsonlSink, Output, render};
use quotesmith::io::reader::{InputPlan, ReaderOptions, Record};
use quotesmith::io::resume::{self, Done};
use quotesmith::io::runner::{self, Flow, Runner};
use quotesmith::io::{RecordError, Sink};
use quotesmith::{Annotation, Config, Pipeline};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// The checked form of the command-line arguments.
struct RunConfig {
    inputs: Vec<PathBuf>,
    output: Option<PathBuf>,
    reader: ReaderOptions,
    threads: usize,
    fields: FieldSet,
    /// What a record becomes: whole JSON records, quote-row lines, or table rows.
    plan: Plan,
    progress: bool,
    strict: bool,
    pipeline: Config,
}

impl RunConfig {
    fn from_args(a: ExtractArgs) -> anyhow::Result<Self> {
        let plan = a
            .table
            .plan(OutputFormatArg::Jsonl, a.output.as_deref(), a.resume)?;
        if a.fields.is_some() && !matches!(plan, Plan::Documents) {
            crate::usage!("--fields is for JSON Lines document records");
        }
        let keep_fields = match &plan {
            Plan::Documents => Vec::new(),
            Plan::JsonlQuotes(k) => k.names().to_vec(),
            Plan::Table(o, _) => o.kept.names().to_vec(),
        };
        let fields = match &a.fields {
            Some(list) => match FieldSet::parse(list) {
                Ok(f) => f,
                Err(e) => crate::usage!("--fields: {e}"),
            },
            None => FieldSet::default(),
        };
        let threads = match a.threads {
            Some(0) => crate::usage!("--threads must be at least 1"),
            Some(n) => n,
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        };
        let mut pipeline = a
            .modes
            .apply(Config::default())
            .with_line_breaks(a.line_breaks.into());
        for f in a.outlet_files {
            pipeline = pipeline.with_outlet_file(f);
        }
        if let Some(m) = a.ner_model {
            pipeline = pipeline.with_ner_model(m);
        }
        Ok(RunConfig {
            inputs: if a.inputs.is_empty() {
                vec![PathBuf::from("-")]
            } else {
                a.inputs
            },
            output: a.output,
            reader: a.read.options(keep_fields),
            threads,
            fields,
            plan,
            progress: !a.no_progress && std::io::stderr().is_terminal(),
            strict: a.strict,
            pipeline,
        })
    }
}

/// How each processed record is rendered by the workers.
#[derive(Clone, Copy)]
enum Render<'a> {
    /// A whole JSON Lines record with these arrays.
    Document(FieldSet),
    /// One JSON line per quote.
    QuoteLines(&'a KeptFields),
    /// Kept as a structure for the table writer (an error record is rendered as a JSON line).
    Table(&'a KeptFields),
}

/// What a worker made of one record.
struct Processed {
    id: String,
    /// The rendered JSON line(s) (for a table: only an error record's).
    line: Vec<u8>,
    /// For a table: the annotation and its kept field values.
    row: Option<(Annotation, Vec<Option<String>>)>,
    error: Option<RecordError>,
    quotes: usize,
}

/// Where the rendered records go.
enum Out {
    Jsonl(JsonlSink<Box<dyn Write>>),
    Table(Box<TableOutput>),
}

#[derive(Default)]
struct Stats {
    documents: u64,
    quotes: u64,
    errors: u64,
    skipped: u64,
}

/// Set by Ctrl-C: stop reading, finish the records in flight, write them, exit cleanly.
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let resume = args.resume;
    let cfg = RunConfig::from_args(args)?;
    let started = Instant::now();
    for p in &cfg.inputs {
        if p.as_os_str() != "-" && !p.exists() {
            crate::usage!("input {} does not exist", p.display());
        }
    }
    let pipeline = Pipeline::new(&cfg.pipeline).context("cannot build the pipeline")?;
    let runner = Runner::new(cfg.threads).context("cannot start worker threads")?;
    // A second Ctrl-C ends the process at once.
    let _ = ctrlc::set_handler(|| {
        if INTERRUPTED.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    });

    let (mut out, mut done) = open_out(&cfg, resume)?;
    let render = match &cfg.plan {
        Plan::Documents => Render::Document(cfg.fields),
        Plan::JsonlQuotes(k) => Render::QuoteLines(k),
        Plan::Table(o, _) => Render::Table(&o.kept),
    };

    let plan = InputPlan::new(&cfg.inputs);
    let total = plan.total_bytes;
    let reader = plan.into_reader(cfg.reader.clone());
    let bytes_read = reader.bytes_counter();

    let bar = progress_bar(cfg.progress, total);
    let mut stats = Stats::default();
    let mut stopped_by: Option<RecordError> = None;
    let mut chunk = Vec::with_capacity(1 << 20);
    let end = runner.run(
        reader,
        &mut done,
        &INTERRUPTED,
        |rec| process(&pipeline, rec, render),
        |processed| {
            chunk.clear();
            for p in processed {
                if let Some(e) = p.error {
                    if cfg.strict {
                        stopped_by = Some(e);
                        break;
                    }
                    stats.errors += 1;
                }
                stats.documents += 1;
                stats.quotes += p.quotes as u64;
                match (&mut out, p.row) {
                    (Out::Jsonl(_), _) => {
                        chunk.extend_from_slice(&p.line);
                        Ok(())
                    }
                    (Out::Table(t), Some((a, kept))) => t.write_annotation(&a, &kept),
                    (Out::Table(t), None) => t.write_error(&p.id, &p.line),
                }
                .context("cannot write output")?;
            }
            if let Out::Jsonl(sink) = &mut out {
                sink.write_record(&chunk).context("cannot write output")?;
            }
            let secs = started.elapsed().as_secs_f64().max(1e-9);
            bar.set_position(bytes_read.load(Ordering::Relaxed));
            bar.set_message(format!(
                "{} docs, {:.0} docs/s",
                stats.documents,
                stats.documents as f64 / secs
            ));
            anyhow::Ok(if stopped_by.is_some() {
                Flow::Stop
            } else {
                Flow::Continue
            })
        },
    )?;
    stats.skipped = end.skipped;
    let errors_in = finish_out(out)?;
    bar.finish_and_clear();

    let secs = started.elapsed().as_secs_f64();
    let skipped = if resume {
        format!(", {} already done", stats.skipped)
    } else {
        String::new()
    };
    eprintln!(
        "quotesmith: {} documents, {} quotes, {} errors{errors_in}{skipped} in {:.2} s ({:.0} docs/s)",
        stats.documents,
        stats.quotes,
        stats.errors,
        secs,
        stats.documents as f64 / secs.max(1e-9)
    );
    if let Some(e) = stopped_by {
        eprintln!("quotesmith: stopped at a bad record (--strict): {e}");
        return Ok(ExitCode::from(3));
    }
    if INTERRUPTED.load(Ordering::SeqCst) {
        eprintln!(
            "quotesmith: interrupted; every record written is complete (continue with --resume)"
        );
        return Ok(ExitCode::from(130));
    }
    Ok(ExitCode::SUCCESS)
}

/// Opens the output the plan asks for, with the ids it already holds when resuming.
fn open_out(cfg: &RunConfig, resume: bool) -> anyhow::Result<(Out, Done)> {
    Ok(match &cfg.plan {
        Plan::Table(opts, dest) => {
            let (table, done) = open_table(opts.clone(), dest.clone(), resume)?;
            (Out::Table(Box::new(table)), done)
        }
        _ => {
            let done = match (&cfg.output, resume) {
                (Some(path), true) => Done::scan(path)?,
                _ => Done::default(),
            };
            (
                Out::Jsonl(JsonlSink::new(open_jsonl(&cfg.output, resume)?)),
                done,
            )
        }
    })
}

/// Flushes or closes the output; returns what the summary line says of it (where the
/// error rows went and how many rows a table holds), empty for JSON Lines.
fn finish_out(out: Out) -> anyhow::Result<String> {
    Ok(match out {
        Out::Jsonl(mut sink) => {
            sink.flush().context("cannot write output")?;
            String::new()
        }
        Out::Table(t) => {
            let path = t.errors_path().display().to_string();
            let counts = t.finish().context("cannot write output")?;
            let place = if counts.errors > 0 {
                format!(" (in {path})")
            } else {
                String::new()
            };
            format!("{place}, {} rows", counts.rows)
        }
    })
}

/// Opens the JSON Lines output: the -o file (appended to on --resume) or standard output.
fn open_jsonl(output: &Option<PathBuf>, resume: bool) -> anyhow::Result<Box<dyn Write>> {
    Ok(match output {
        Some(p) => Box::new(resume::open_output(p, resume)?),
        None => Box::new(std::io::stdout().lock()),
    })
}

/// Annotates one record into a rendered output line; a panic in a stage becomes an error record.
fn process(pipeline: &Pipeline, rec: &Record, render: Render) -> Processed {
    let kept = match (render, &rec.result) {
        (Render::QuoteLines(k) | Render::Table(k), Ok(doc)) if !k.is_empty() => k.values(&doc.meta),
        (Render::QuoteLines(k) | Render::Table(k), _) => vec![None; k.names().len()],
        (Render::Document(_), _) => Vec::new(),
    };
    let output = runner::annotate_record(pipeline, rec);
    finish(&rec.id, output, kept, render)
}

fn finish(id: &str, output: Output, kept: Vec<Option<String>>, how: Render) -> Processed {
    let mut line = Vec::new();
    let (row, error, quotes) = match (output, how) {
        (Output::Annotation(a), Render::Table(_)) => {
            let n = a.quotes.len();
            (Some((a, kept)), None, n)
        }
        (Output::Annotation(a), Render::QuoteLines(k)) => {
            render_quote_rows(&a, k, &kept, &mut line);
            (None, None, a.quotes.len())
        }
        (output @ Output::Annotation(_), Render::Document(fields)) => {
            render(&output, fields, &mut line);
            let Output::Annotation(a) = output else {
                unreachable!()
            };
            (None, None, a.quotes.len())
        }
        (output @ Output::Error { .. }, _) => {
            render(&output, FieldSet::default(), &mut line);
            let Output::Error { error, .. } = output else {
                unreachable!()
            };
            (None, Some(error), 0)
        }
    };
    Processed {
        id: id.to_string(),
        line,
        row,
        error,
        quotes,
    }
}

fn progress_bar(show: bool, total: Option<u64>) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = match total {
        Some(t) => ProgressBar::new(t).with_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {binary_bytes}/{binary_total_bytes} ({binary_bytes_per_sec}, {eta}) {msg}",
            )
            .expect("valid template"),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {binary_bytes} ({binary_bytes_per_sec}) {msg}",
            )
            .expect("valid template"),
        ),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
    bar
}

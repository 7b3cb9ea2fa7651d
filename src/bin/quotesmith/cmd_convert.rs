//! `quotesmith convert`: `extract`'s JSON Lines output to Parquet or CSV rows, without
//! annotating again; and the table options that `extract` shares.

use crate::args::ReadArgs;
use anyhow::Context;
use clap::{Args, ValueEnum};
use quotesmith::Annotation;
use quotesmith::export::parts::{Destination, TableOptions, TableOutput};
use quotesmith::export::{KeptFields, RowKind, TableFormat};
use quotesmith::io::reader::{InputPlan, RecordReader, open_decompressed};
use quotesmith::io::resume;
use quotesmith::io::{RecordError, RecordErrorKind};
use rayon::prelude::*;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormatArg {
    /// JSON Lines (one record per line).
    Jsonl,
    /// Apache Parquet. `-o FILE.parquet` writes one file that is only readable once finished,
    /// so it cannot be resumed; `-o DIR/` writes part files that can.
    Parquet,
    /// CSV (RFC 4180, UTF-8), quote rows only.
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RowsArg {
    /// One row per input document, with its nested arrays (JSON Lines, Parquet).
    Documents,
    /// One row per quote: doc_id, quote_index, text, kind, start, end, cue, speaker_*,
    /// outlet, outlet_relation, confidence.
    Quotes,
}

/// Table output options, shared by `extract` and `convert`.
#[derive(Debug, Args)]
pub struct TableArgs {
    /// Output format. A table (parquet, csv) needs -o; error records then go to
    /// `<out>.errors.jsonl` (`DIR/_errors.jsonl` for a folder).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<OutputFormatArg>,
    /// What a row is (default: documents for jsonl, quotes for tables).
    #[arg(long, value_enum)]
    pub rows: Option<RowsArg>,
    /// Input fields to pass through as string columns (JSON text when not a string), e.g.
    /// `date,url,source`; a name that clashes with an output column becomes `input_<name>`.
    #[arg(long, value_name = "LIST")]
    pub keep_fields: Option<String>,
    /// With -o DIR/: close a part file once it holds this many rows.
    #[arg(long, value_name = "N")]
    pub part_rows: Option<u64>,
}

const DEFAULT_PART_ROWS: u64 = 1_000_000;

/// What the table options ask for, checked.
pub enum Plan {
    /// Whole JSON Lines records (extract's default).
    Documents,
    /// One JSON line per quote row.
    JsonlQuotes(KeptFields),
    /// A Parquet or CSV table.
    Table(TableOptions, Destination),
}

impl TableArgs {
    /// Checks the combination; `format_default` applies when --format is not given.
    pub fn plan(
        &self,
        format_default: OutputFormatArg,
        output: Option<&Path>,
        resume: bool,
    ) -> anyhow::Result<Plan> {
        let format = self.format.unwrap_or(format_default);
        let rows = match (self.rows, format) {
            (Some(RowsArg::Documents), _) | (None, OutputFormatArg::Jsonl) => RowKind::Documents,
            _ => RowKind::Quotes,
        };
        let kept = match &self.keep_fields {
            Some(list) => match KeptFields::parse(list, rows) {
                Ok(k) => k,
                Err(e) => crate::usage!("--keep-fields: {e}"),
            },
            None => KeptFields::default(),
        };
        let table_format = match format {
            OutputFormatArg::Jsonl => {
                if self.part_rows.is_some() {
                    crate::usage!("--part-rows is for --format parquet|csv with -o DIR/");
                }
                return Ok(match rows {
                    RowKind::Documents if kept.is_empty() => Plan::Documents,
                    RowKind::Documents => crate::usage!(
                        "--keep-fields needs --rows quotes or --format parquet (JSON Lines document records keep the output schema)"
                    ),
                    RowKind::Quotes if resume => crate::usage!(
                        "--resume with --rows quotes needs a table: --format parquet|csv -o DIR/"
                    ),
                    RowKind::Quotes => Plan::JsonlQuotes(kept),
                });
            }
            OutputFormatArg::Parquet => TableFormat::Parquet,
            OutputFormatArg::Csv => TableFormat::Csv,
        };
        if table_format == TableFormat::Csv && rows == RowKind::Documents {
            crate::usage!(
                "--rows documents cannot be CSV (it has no nested arrays): use --rows quotes, or --format parquet, whose document rows keep the arrays"
            );
        }
        let Some(output) = output else {
            crate::usage!(
                "--format {} needs -o FILE or -o DIR/ (a table is not written to standard output)",
                table_format.extension()
            );
        };
        let is_dir = output.as_os_str().to_string_lossy().ends_with('/') || output.is_dir();
        let dest = if is_dir {
            Destination::Parts(output.to_path_buf())
        } else {
            if resume {
                crate::usage!(
                    "--resume needs -o DIR/ with --format {}: one table file is only readable once finished, so it cannot be continued",
                    table_format.extension()
                );
            }
            if self.part_rows.is_some() {
                crate::usage!("--part-rows is for -o DIR/ (part files)");
            }
            Destination::File(output.to_path_buf())
        };
        if self.part_rows == Some(0) {
            crate::usage!("--part-rows must be at least 1");
        }
        Ok(Plan::Table(
            TableOptions {
                format: table_format,
                rows,
                kept,
                part_rows: self.part_rows.unwrap_or(DEFAULT_PART_ROWS),
            },
            dest,
        ))
    }
}

/// Opens a table, new or resumed; returns it with the ids already done.
pub fn open_table(
    opts: TableOptions,
    dest: Destination,
    resume: bool,
) -> anyhow::Result<(TableOutput, resume::Done)> {
    match (dest, resume) {
        (Destination::Parts(dir), true) => {
            let (out, ids) = TableOutput::resume(&dir, opts)
                .with_context(|| format!("cannot resume {}", dir.display()))?;
            Ok((out, resume::Done::from_ids(ids)))
        }
        (dest, _) => {
            let what = match &dest {
                Destination::File(p) | Destination::Parts(p) => p.display().to_string(),
            };
            let out =
                TableOutput::create(dest, opts).with_context(|| format!("cannot write {what}"))?;
            Ok((out, resume::Done::default()))
        }
    }
}

/// One JSON line per quote row, kept fields as extra keys.
pub fn render_quote_rows(
    a: &Annotation,
    kept: &KeptFields,
    values: &[Option<String>],
    buf: &mut Vec<u8>,
) {
    for row in quotesmith::export::QuoteRow::from_annotation(a) {
        let mut v = serde_json::to_value(&row).expect("plain strings and numbers");
        if let Some(map) = v.as_object_mut() {
            for (c, val) in kept.columns().iter().zip(values) {
                map.insert(
                    c.clone(),
                    val.clone().map_or(serde_json::Value::Null, Into::into),
                );
            }
        }
        serde_json::to_writer(&mut *buf, &v).expect("writing to memory");
        buf.push(b'\n');
    }
}

#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// `extract` output (JSON Lines, optionally .gz/.zst); `-` or nothing reads standard input.
    pub inputs: Vec<PathBuf>,
    /// Where to write: FILE, or DIR/ for part files that --resume can continue.
    #[arg(short, long, value_name = "FILE|DIR/")]
    pub output: PathBuf,
    #[command(flatten)]
    pub table: TableArgs,
    /// The articles `extract` read (needed for --keep-fields): the same inputs in the same
    /// order, in any form extract accepts.
    #[arg(long = "input", value_name = "PATH")]
    pub articles: Vec<PathBuf>,
    #[command(flatten)]
    pub read: ReadArgs,
    /// Continue an interrupted conversion into -o DIR/.
    #[arg(long)]
    pub resume: bool,
}

/// One line of `extract` output, parsed.
pub enum OutputLine {
    /// An annotation record.
    Annotation(Annotation),
    /// An error record (or a line that is not a record), rendered as a JSON line.
    Error { id: String, line: Vec<u8> },
}

/// Parses one line of `extract` output; a line that is not a record becomes an error record.
pub fn parse_output_line(line: &[u8], source: String) -> OutputLine {
    #[derive(serde::Deserialize)]
    struct ErrorOnly {
        id: String,
        #[allow(dead_code)]
        error: serde::de::IgnoredAny,
    }
    if let Ok(e) = serde_json::from_slice::<ErrorOnly>(line) {
        let mut line = line.trim_ascii_end().to_vec();
        line.push(b'\n');
        return OutputLine::Error { id: e.id, line };
    }
    match serde_json::from_slice::<Annotation>(line) {
        Ok(a) => OutputLine::Annotation(a),
        Err(e) => {
            let error = RecordError {
                kind: RecordErrorKind::Json,
                message: format!("not an output record: {e}"),
                location: source.clone(),
            };
            let mut line = Vec::new();
            quotesmith::io::jsonl::render(
                &quotesmith::io::jsonl::Output::Error {
                    id: source.clone(),
                    error,
                },
                Default::default(),
                &mut line,
            );
            OutputLine::Error { id: source, line }
        }
    }
}

/// Reads the articles alongside the annotations, for --keep-fields and `view`.
pub struct Articles {
    reader: RecordReader,
    n: u64,
}

impl Articles {
    pub fn open(
        paths: &[PathBuf],
        read: &ReadArgs,
        keep_fields: Vec<String>,
    ) -> anyhow::Result<Self> {
        for p in paths {
            if p.as_os_str() != "-" && !p.exists() {
                crate::usage!("input {} does not exist", p.display());
            }
        }
        let options = read.options(keep_fields);
        Ok(Articles {
            reader: InputPlan::new(paths).into_reader(options),
            n: 0,
        })
    }

    /// The input record for the next output record, which must have the same id.
    pub fn next_for(&mut self, id: &str) -> anyhow::Result<quotesmith::io::reader::Record> {
        self.n += 1;
        let Some(rec) = self.reader.next() else {
            anyhow::bail!(
                "the input has fewer records than the annotations (record {} has id {id}): give --input the inputs extract read, in the same order",
                self.n
            );
        };
        if rec.id != id {
            anyhow::bail!(
                "record {} of the annotations has id {id:?}, of the input {:?}: give --input the inputs extract read, in the same order",
                self.n,
                rec.id
            );
        }
        Ok(rec)
    }
}

/// Reads lines of `extract` output from files (or standard input), in order.
pub struct OutputLines {
    paths: std::vec::IntoIter<PathBuf>,
    current: Option<(String, Box<dyn BufRead + Send>, usize)>,
}

impl OutputLines {
    pub fn new(inputs: &[PathBuf]) -> anyhow::Result<Self> {
        let paths = if inputs.is_empty() {
            vec![PathBuf::from("-")]
        } else {
            inputs.to_vec()
        };
        for p in &paths {
            if p.as_os_str() != "-" && !p.is_file() {
                crate::usage!("{} is not a file", p.display());
            }
        }
        Ok(OutputLines {
            paths: paths.into_iter(),
            current: None,
        })
    }

    /// The next non-blank line and its `file:line`, or `None` at the end.
    pub fn next_line(&mut self, buf: &mut Vec<u8>) -> anyhow::Result<Option<String>> {
        loop {
            if self.current.is_none() {
                let Some(p) = self.paths.next() else {
                    return Ok(None);
                };
                let r = open_decompressed(&p)
                    .with_context(|| format!("cannot read {}", p.display()))?;
                self.current = Some((p.display().to_string(), r, 0));
            }
            let (name, r, n) = self.current.as_mut().expect("opened above");
            buf.clear();
            let read = r
                .read_until(b'\n', buf)
                .with_context(|| format!("cannot read {name}"))?;
            if read == 0 {
                self.current = None;
                continue;
            }
            *n += 1;
            if buf.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            return Ok(Some(format!("{name}:{n}")));
        }
    }
}

/// Lines parsed at once (in parallel).
const BATCH_LINES: usize = 4096;

pub fn run(a: ConvertArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let plan = a
        .table
        .plan(OutputFormatArg::Parquet, Some(&a.output), a.resume)?;
    let Plan::Table(opts, dest) = plan else {
        crate::usage!("convert writes tables: --format parquet or csv");
    };
    if !opts.kept.is_empty() && a.articles.is_empty() {
        crate::usage!(
            "--keep-fields needs --input: the articles extract read (the annotations do not carry input fields)"
        );
    }
    let mut lines = OutputLines::new(&a.inputs)?;
    let mut articles = if a.articles.is_empty() {
        None
    } else {
        Some(Articles::open(
            &a.articles,
            &a.read,
            opts.kept.names().to_vec(),
        )?)
    };
    let kept = opts.kept.clone();
    let (mut table, mut done) = open_table(opts, dest, a.resume)?;
    let mut skipped = 0u64;
    let mut quotes = 0u64;
    let mut batch: Vec<(Vec<u8>, String)> = Vec::with_capacity(BATCH_LINES);
    let mut buf = Vec::new();
    loop {
        batch.clear();
        while batch.len() < BATCH_LINES {
            match lines.next_line(&mut buf)? {
                Some(source) => batch.push((std::mem::take(&mut buf), source)),
                None => break,
            }
        }
        if batch.is_empty() {
            break;
        }
        let parsed: Vec<OutputLine> = batch
            .par_iter()
            .map(|(line, source)| parse_output_line(line, source.clone()))
            .collect();
        for p in parsed {
            let id = match &p {
                OutputLine::Annotation(x) => x.id.clone(),
                OutputLine::Error { id, .. } => id.clone(),
            };
            let values = match &mut articles {
                Some(art) => {
                    let rec = art.next_for(&id)?;
                    rec.result.map(|d| kept.values(&d.meta)).unwrap_or_default()
                }
                None => Vec::new(),
            };
            if done.records > 0 && done.take(&id) {
                skipped += 1;
                continue;
            }
            let values = if values.len() == kept.names().len() {
                values
            } else {
                vec![None; kept.names().len()]
            };
            match p {
                OutputLine::Annotation(x) => {
                    quotes += x.quotes.len() as u64;
                    table.write_annotation(&x, &values)
                }
                OutputLine::Error { id, line } => table.write_error(&id, &line),
            }
            .context("cannot write output")?;
        }
    }
    let errors_path = table.errors_path().to_path_buf();
    let counts = table.finish().context("cannot write output")?;
    let already = if a.resume {
        format!(", {skipped} already done")
    } else {
        String::new()
    };
    let place = if counts.errors > 0 {
        format!(" (in {})", errors_path.display())
    } else {
        String::new()
    };
    eprintln!(
        "quotesmith: {} documents, {} quotes, {} rows, {} errors{place}{already} in {:.2} s",
        counts.documents,
        quotes,
        counts.rows,
        counts.errors,
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

//! The streaming runner: a reader thread cuts the input into bounded batches, a rayon pool
//! processes each batch, and the results come back to the caller in input order.
//!
//! Memory stays bounded by two batches in flight ([`BATCH_RECORDS`] records or
//! [`BATCH_BYTES`] input bytes each) plus the one being processed. The caller consumes each
//! processed batch whole, so an output written batch by batch holds only complete records:
//! an interrupted run can be continued with [`super::resume`]. Nothing here prints or
//! handles signals: a progress display and Ctrl-C belong to the caller, which sees every
//! batch and can stop the run through a cancellation flag or by returning [`Flow::Stop`].
//!
//! ```no_run
//! use quotesmith::io::reader::{InputPlan, ReaderOptions};
//! use quotesmith::io::runner::{JsonlJob, Runner, run_jsonl};
//! use quotesmith::{Config, Pipeline};
//! use std::sync::atomic::AtomicBool;
//!
//! let pipeline = Pipeline::new(&Config::default())?;
//! let job = JsonlJob::new(vec!["in.jsonl".into()], "out.jsonl".into());
//! let summary = run_jsonl(&pipeline, &Runner::new(2)?, &job, &AtomicBool::new(false), |_| {
//!     quotesmith::io::runner::Flow::Continue
//! })?;
//! println!("{} documents, {} errors", summary.documents, summary.errors);
//! # Ok::<(), quotesmith::Error>(())
//! ```

use super::jsonl::{FieldSet, JsonlSink, Output, render};
use super::reader::{InputPlan, ReaderOptions, Record, RecordReader};
use super::resume::{self, Done};
use super::{RecordError, RecordErrorKind, Sink};
use crate::Pipeline;
use crate::error::{Error, Result};
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::SyncSender;

/// A batch holds at most this many records...
pub const BATCH_RECORDS: usize = 512;
/// ...or this many input bytes, whichever comes first; this bounds memory.
pub const BATCH_BYTES: usize = 32 << 20;

/// What the caller wants after a batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Go on with the next batch.
    Continue,
    /// Stop reading; the run ends after this batch.
    Stop,
}

/// How a run ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunEnd {
    /// Records dropped because a resumed output already had them.
    pub skipped: u64,
    /// True when the run stopped before the end of the input (cancelled or [`Flow::Stop`]).
    pub stopped: bool,
}

/// A rayon pool and the batch limits: the parallel part of a run, reusable across runs.
pub struct Runner {
    pool: rayon::ThreadPool,
    batch_records: usize,
    batch_bytes: usize,
}

impl Runner {
    /// A runner with `threads` worker threads (at least 1).
    pub fn new(threads: usize) -> Result<Self> {
        if threads == 0 {
            return Err(Error::Config("threads must be at least 1".into()));
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .map_err(|e| Error::Config(format!("cannot start worker threads: {e}")))?;
        Ok(Runner {
            pool,
            batch_records: BATCH_RECORDS,
            batch_bytes: BATCH_BYTES,
        })
    }

    /// Sets the batch limits (records and input bytes; each at least 1).
    #[must_use]
    pub fn with_batch_limits(mut self, records: usize, bytes: usize) -> Self {
        self.batch_records = records.max(1);
        self.batch_bytes = bytes.max(1);
        self
    }

    /// The worker threads, for parallel work outside [`Runner::run`].
    pub fn pool(&self) -> &rayon::ThreadPool {
        &self.pool
    }

    /// Streams `reader` through `process` in parallel and hands each batch's results, in
    /// input order, to `consume`. Records whose ids `done` holds are dropped first (and
    /// counted in [`RunEnd::skipped`]). The run stops at the end of the input, when `consume`
    /// returns [`Flow::Stop`] or an error, or when `cancel` is set (the reader stops at the
    /// next record and the batches already read are still processed and consumed).
    pub fn run<T: Send, E>(
        &self,
        reader: RecordReader,
        done: &mut Done,
        cancel: &AtomicBool,
        process: impl Fn(&Record) -> T + Sync,
        mut consume: impl FnMut(Vec<T>) -> std::result::Result<Flow, E>,
    ) -> std::result::Result<RunEnd, E> {
        let mut end = RunEnd::default();
        std::thread::scope(|scope| {
            let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Record>>(2);
            let limits = (self.batch_records, self.batch_bytes);
            scope.spawn(move || read_batches(reader, limits, cancel, tx));
            for mut batch in rx.iter() {
                if !done.is_empty() {
                    let before = batch.len();
                    batch.retain(|r| !done.take(&r.id));
                    end.skipped += (before - batch.len()) as u64;
                }
                let processed: Vec<T> = self
                    .pool
                    .install(|| batch.par_iter().map(&process).collect());
                if consume(processed)? == Flow::Stop || cancel.load(Ordering::SeqCst) {
                    end.stopped = true;
                    break;
                }
            }
            // Dropping the receiver ends the reader thread at its next send.
            end.stopped |= cancel.load(Ordering::SeqCst);
            Ok(end)
        })
    }
}

/// Reads records into batches bounded by count and bytes, on its own thread.
fn read_batches(
    mut reader: RecordReader,
    (max_records, max_bytes): (usize, usize),
    cancel: &AtomicBool,
    tx: SyncSender<Vec<Record>>,
) {
    loop {
        let mut batch = Vec::with_capacity(max_records);
        let mut bytes = 0;
        while batch.len() < max_records && bytes < max_bytes {
            if cancel.load(Ordering::Relaxed) {
                break;
            }
            match reader.next() {
                Some(r) => {
                    bytes += r.bytes;
                    batch.push(r);
                }
                None => break,
            }
        }
        if batch.is_empty() || tx.send(batch).is_err() {
            return;
        }
    }
}

/// Annotates one record: its annotation, or an error record in its place (a bad input
/// record, or a stage that failed on it; the library turns a stage's panic into
/// [`Error::Stage`]).
pub fn annotate_record(pipeline: &Pipeline, rec: &Record) -> Output {
    let error = match &rec.result {
        Err(e) => e.clone(),
        Ok(doc) => match pipeline.annotate(doc) {
            Ok(a) => return Output::Annotation(a),
            Err(e) => RecordError {
                kind: RecordErrorKind::Pipeline,
                message: e.to_string(),
                location: rec.source.clone(),
            },
        },
    };
    Output::Error {
        id: rec.id.clone(),
        error,
    }
}

/// A JSON Lines to JSON Lines job: document records in, one output record per input record.
#[derive(Debug, Clone)]
pub struct JsonlJob {
    /// Input files or folders (`-` is standard input).
    pub inputs: Vec<PathBuf>,
    /// The output file.
    pub output: PathBuf,
    /// How to read the inputs.
    pub reader: ReaderOptions,
    /// The arrays each record carries.
    pub fields: FieldSet,
    /// Continue an interrupted run: keep the records already in `output`, skip their ids.
    pub resume: bool,
}

impl JsonlJob {
    /// A job with the default reader options and fields, not resumed.
    pub fn new(inputs: Vec<PathBuf>, output: PathBuf) -> Self {
        JsonlJob {
            inputs,
            output,
            reader: ReaderOptions::default(),
            fields: FieldSet::default(),
            resume: false,
        }
    }
}

/// Counts of a run, as seen after each batch and at the end.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Records written (annotations and error records).
    pub documents: u64,
    /// Error records among them.
    pub errors: u64,
    /// Quotes in the annotations written.
    pub quotes: u64,
    /// Records skipped because a resumed output already had them (set at the end).
    pub skipped: u64,
    /// Input bytes read so far.
    pub bytes_read: u64,
    /// True when the run stopped before the end of its input (set at the end).
    pub stopped: bool,
}

/// Runs a [`JsonlJob`]: each batch is written whole, then `on_batch` sees the counts so far
/// and may stop the run. Returns the final counts.
pub fn run_jsonl(
    pipeline: &Pipeline,
    runner: &Runner,
    job: &JsonlJob,
    cancel: &AtomicBool,
    mut on_batch: impl FnMut(&Progress) -> Flow,
) -> Result<Progress> {
    for p in &job.inputs {
        if p.as_os_str() != "-" && !p.exists() {
            return Err(Error::io(
                p,
                std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder"),
            ));
        }
    }
    let mut done = if job.resume {
        Done::scan(&job.output)?
    } else {
        Done::default()
    };
    let file = resume::open_output(&job.output, job.resume)?;
    let mut sink = JsonlSink::new(std::io::BufWriter::new(file));
    let reader = InputPlan::new(&job.inputs).into_reader(job.reader.clone());
    let bytes_read = reader.bytes_counter();
    let mut progress = Progress::default();
    let mut chunk = Vec::new();
    let end = runner.run(
        reader,
        &mut done,
        cancel,
        |rec| annotate_record(pipeline, rec),
        |outputs| {
            chunk.clear();
            for output in &outputs {
                match output {
                    Output::Annotation(a) => progress.quotes += a.quotes.len() as u64,
                    Output::Error { .. } => progress.errors += 1,
                }
                progress.documents += 1;
                render(output, job.fields, &mut chunk);
            }
            sink.write_record(&chunk)
                .and_then(|()| sink.flush())
                .map_err(|e| Error::io(&job.output, e))?;
            progress.bytes_read = bytes_read.load(Ordering::Relaxed);
            Ok::<_, Error>(on_batch(&progress))
        },
    )?;
    progress.skipped = end.skipped;
    progress.stopped = end.stopped;
    Ok(progress)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(lines: &str) -> RecordReader {
        RecordReader::from_reader(
            "test",
            std::io::Cursor::new(lines.to_string().into_bytes()),
            ReaderOptions::default(),
        )
        .unwrap()
    }

    fn dump(n: usize) -> String {
        (0..n)
            .map(|i| format!("{{\"id\":\"d{i}\",\"text\":\"Line {i}.\"}}\n"))
            .collect()
    }

    #[test]
    fn batches_come_back_in_input_order_within_the_limits() {
        let runner = Runner::new(3).unwrap().with_batch_limits(4, usize::MAX);
        let mut seen = Vec::new();
        let mut sizes = Vec::new();
        let end = runner
            .run(
                reader(&dump(10)),
                &mut Done::default(),
                &AtomicBool::new(false),
                |r| r.id.clone(),
                |ids| {
                    sizes.push(ids.len());
                    seen.extend(ids);
                    Ok::<_, ()>(Flow::Continue)
                },
            )
            .unwrap();
        assert_eq!(sizes, [4, 4, 2]);
        assert_eq!(seen, (0..10).map(|i| format!("d{i}")).collect::<Vec<_>>());
        assert_eq!(end, RunEnd::default());
    }

    #[test]
    fn done_ids_are_skipped_and_stop_ends_after_the_batch() {
        let runner = Runner::new(1).unwrap().with_batch_limits(2, usize::MAX);
        let mut done = Done::from_ids(["d0".to_string(), "d3".to_string()]);
        let mut seen = Vec::new();
        let end = runner
            .run(
                reader(&dump(8)),
                &mut done,
                &AtomicBool::new(false),
                |r| r.id.clone(),
                |ids| {
                    seen.extend(ids);
                    Ok::<_, ()>(if seen.len() >= 3 {
                        Flow::Stop
                    } else {
                        Flow::Continue
                    })
                },
            )
            .unwrap();
        assert_eq!(seen, ["d1", "d2", "d4", "d5"]);
        assert_eq!(
            end,
            RunEnd {
                skipped: 2,
                stopped: true
            }
        );
    }

    #[test]
    fn a_cancelled_run_reads_no_further() {
        let cancel = AtomicBool::new(true);
        let runner = Runner::new(1).unwrap();
        let mut batches = 0;
        let end = runner
            .run(
                reader(&dump(5)),
                &mut Done::default(),
                &cancel,
                |r| r.id.clone(),
                |_| {
                    batches += 1;
                    Ok::<_, ()>(Flow::Continue)
                },
            )
            .unwrap();
        assert_eq!(batches, 0);
        assert!(end.stopped);
        assert!(Runner::new(0).is_err());
    }
}

//! Where a table goes: one file, or a folder of part files that an interrupted run resumes.
//!
//! **One file** (`-o q.parquet`): written as records stream and readable once finished; a
//! Parquet file killed before its footer is unreadable, so there is no resume.
//!
//! **A part folder** (`-o out/`): rows go to `part-00000.parquet`, `part-00001.parquet`, …
//! (or `.csv`). A part is written as `.part-NNNNN.EXT.inprogress` and renamed once complete,
//! so a glob such as `out/*.parquet` only ever sees whole files. The bookkeeping files start
//! with `_`, which Parquet readers (pyarrow, Spark) skip in a folder. A part is *closed* once
//! it holds at least `part_rows` rows and its line is in `_progress.jsonl`:
//!
//! ```json
//! {"part":"part-00000.parquet","rows":100000,"documents":9120,"errors_end":0,
//!  "columns":["doc_id","quote_index",...],"ids":["a1","a2",...]}
//! ```
//!
//! `ids` are every document finished in that part, documents without quotes and bad records
//! included (a last line may have `"part": null` when its documents gave no rows).
//! `errors_end` is the length of `_errors.jsonl` (the error records) at that point. A part
//! only ever holds whole documents. [`TableOutput::resume`] keeps the closed parts, never
//! rewrites one, removes anything written after the last closed part (an unfinished part, a
//! part whose progress line was not written, error records past `errors_end`) and returns
//! the finished ids, so the caller skips them.

use super::csv::CsvWriter;
use super::parquet::ParquetWriter;
use super::{ExportError, KeptFields, RowKind, TableFormat};
use crate::io::wire::Annotation;
use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

/// The progress file in a part folder.
pub const PROGRESS_FILE: &str = "_progress.jsonl";
/// The error records file in a part folder.
pub const ERRORS_FILE: &str = "_errors.jsonl";
const IN_PROGRESS: &str = ".inprogress";

/// Where a table is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Destination {
    /// One file.
    File(PathBuf),
    /// A folder of part files with a progress file.
    Parts(PathBuf),
}

impl Destination {
    /// The file that receives the error records: `<file>.errors.jsonl`, or `_errors.jsonl` in
    /// a part folder.
    pub fn errors_path(&self) -> PathBuf {
        match self {
            Destination::File(p) => {
                let mut s = p.clone().into_os_string();
                s.push(".errors.jsonl");
                PathBuf::from(s)
            }
            Destination::Parts(dir) => dir.join(ERRORS_FILE),
        }
    }
}

/// What to write.
#[derive(Debug, Clone)]
pub struct TableOptions {
    /// Parquet or CSV.
    pub format: TableFormat,
    /// Quote rows or document rows.
    pub rows: RowKind,
    /// Input fields passed through as columns.
    pub kept: KeptFields,
    /// A part is closed once it holds at least this many rows (part folders only).
    pub part_rows: u64,
}

impl TableOptions {
    /// Every column name, in order.
    pub fn columns(&self) -> Vec<String> {
        let base: &[&str] = match self.rows {
            RowKind::Quotes => &super::QUOTE_COLUMNS,
            RowKind::Documents => &super::DOCUMENT_COLUMNS,
        };
        base.iter()
            .map(|c| c.to_string())
            .chain(self.kept.columns().iter().cloned())
            .collect()
    }
}

enum Table {
    Parquet(Box<ParquetWriter<BufWriter<File>>>),
    Csv(Box<CsvWriter<BufWriter<File>>>),
}

impl Table {
    fn create(path: &Path, opts: &TableOptions) -> Result<Table, ExportError> {
        let file = File::create(path).map_err(|e| ExportError::io(path, e))?;
        let out = BufWriter::with_capacity(1 << 20, file);
        Ok(match opts.format {
            TableFormat::Parquet => {
                Table::Parquet(Box::new(ParquetWriter::new(out, opts.rows, &opts.kept)?))
            }
            TableFormat::Csv => {
                if opts.rows == RowKind::Documents {
                    return Err(ExportError::Unsupported(
                        "document rows need Parquet (CSV has no nested arrays)".into(),
                    ));
                }
                Table::Csv(Box::new(CsvWriter::new(out, &opts.kept)?))
            }
        })
    }

    fn write(&mut self, a: &Annotation, kept: &[Option<String>]) -> Result<u64, ExportError> {
        match self {
            Table::Parquet(w) => w.write_document(a, kept),
            Table::Csv(w) => w.write_document(a, kept),
        }
    }

    /// Finishes the file and makes it durable.
    fn finish(self, path: &Path) -> Result<(), ExportError> {
        let out = match self {
            Table::Parquet(w) => w.finish()?,
            Table::Csv(w) => w.finish()?,
        };
        let file = out
            .into_inner()
            .map_err(|e| ExportError::io(path, e.into_error()))?;
        file.sync_all().map_err(|e| ExportError::io(path, e))
    }
}

/// One line of `progress.jsonl`.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct ProgressLine {
    part: Option<String>,
    rows: u64,
    documents: u64,
    errors_end: u64,
    columns: Vec<String>,
    ids: Vec<String>,
}

/// Counts of what a [`TableOutput`] wrote in this run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TableCounts {
    /// Rows written.
    pub rows: u64,
    /// Documents written (annotations and error records).
    pub documents: u64,
    /// Error records written.
    pub errors: u64,
    /// Part files closed.
    pub parts: u64,
}

/// Streams documents into one table file or a resumable part folder.
pub struct TableOutput {
    dest: Destination,
    opts: TableOptions,
    table: Option<(Table, PathBuf)>,
    next_part: u64,
    part_rows: u64,
    part_ids: Vec<String>,
    errors_path: PathBuf,
    /// Opened at the first error record: no empty file when there is none.
    errors: Option<BufWriter<File>>,
    errors_len: u64,
    progress: Option<File>,
    counts: TableCounts,
}

impl TableOutput {
    /// Starts a new table. A part folder is created if needed and must not hold a run
    /// already (continue that one with [`TableOutput::resume`]).
    pub fn create(dest: Destination, opts: TableOptions) -> Result<Self, ExportError> {
        check_rows(&opts)?;
        let mut progress = None;
        if let Destination::Parts(dir) = &dest {
            std::fs::create_dir_all(dir).map_err(|e| ExportError::io(dir, e))?;
            let held = std::fs::read_dir(dir)
                .map_err(|e| ExportError::io(dir, e))?
                .filter_map(|e| e.ok())
                .any(|e| {
                    is_part_name(&e.file_name().to_string_lossy()) || e.file_name() == PROGRESS_FILE
                });
            if held {
                return Err(ExportError::Parts {
                    path: dir.clone(),
                    reason: "already holds part files; continue that run with --resume, or write to an empty folder".into(),
                });
            }
            let path = dir.join(PROGRESS_FILE);
            progress = Some(File::create(&path).map_err(|e| ExportError::io(&path, e))?);
        }
        let errors_path = dest.errors_path();
        // Error records of an earlier run to the same place would read as this run's.
        match std::fs::remove_file(&errors_path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(ExportError::io(&errors_path, e));
            }
            _ => {}
        }
        let mut out = TableOutput::new(dest, opts, errors_path, None, 0, progress, 0);
        if let Destination::File(path) = &out.dest {
            // One file exists from the start, even when no document gives a row.
            out.table = Some((Table::create(path, &out.opts)?, path.clone()));
        }
        Ok(out)
    }

    /// Continues an interrupted run in a part folder: keeps its closed parts, removes what
    /// was written after them, and returns the ids of the documents already finished (an id
    /// repeated in the input appears once per record).
    pub fn resume(dir: &Path, opts: TableOptions) -> Result<(Self, Vec<String>), ExportError> {
        check_rows(&opts)?;
        let fail = |reason: String| ExportError::Parts {
            path: dir.to_path_buf(),
            reason,
        };
        if !dir.is_dir() {
            return Err(fail(
                "there is no such folder to resume (start the run without --resume)".into(),
            ));
        }
        let progress_path = dir.join(PROGRESS_FILE);
        let lines = read_progress(&progress_path)?;
        let columns = opts.columns();
        let ext = format!(".{}", opts.format.extension());
        let mut ids = Vec::new();
        let mut closed = Vec::new();
        let mut errors_end = 0;
        for line in lines {
            if line.columns != columns {
                return Err(fail(format!(
                    "its parts have the columns {:?}, this run would write {:?}; resume with the same --format, --rows and --keep-fields",
                    line.columns, columns
                )));
            }
            if let Some(part) = &line.part {
                if !part.ends_with(&ext) {
                    return Err(fail(format!(
                        "it holds {part}; resume with the same --format"
                    )));
                }
                if !dir.join(part).is_file() {
                    return Err(fail(format!(
                        "{part} is listed in {PROGRESS_FILE} but missing"
                    )));
                }
                closed.push(part.clone());
            }
            errors_end = line.errors_end;
            ids.extend(line.ids);
        }
        // Anything not closed was written after the last progress line: remove it.
        for entry in std::fs::read_dir(dir).map_err(|e| ExportError::io(dir, e))? {
            let entry = entry.map_err(|e| ExportError::io(dir, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if is_part_name(&name) && !closed.contains(&name) {
                std::fs::remove_file(entry.path()).map_err(|e| ExportError::io(entry.path(), e))?;
            }
        }
        let next_part = closed
            .iter()
            .filter_map(|p| part_index(p))
            .max()
            .map_or(0, |i| i + 1);
        let dest = Destination::Parts(dir.to_path_buf());
        let errors_path = dest.errors_path();
        let errors = match OpenOptions::new().append(true).open(&errors_path) {
            Ok(f) => Some(f),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(ExportError::io(&errors_path, e)),
        };
        let len = match &errors {
            Some(f) => f
                .metadata()
                .map_err(|e| ExportError::io(&errors_path, e))?
                .len(),
            None => 0,
        };
        if len < errors_end {
            return Err(fail(format!(
                "{ERRORS_FILE} is shorter than {PROGRESS_FILE} says"
            )));
        }
        if let Some(f) = &errors {
            f.set_len(errors_end)
                .map_err(|e| ExportError::io(&errors_path, e))?;
        }
        let progress = OpenOptions::new()
            .append(true)
            .open(&progress_path)
            .map_err(|e| ExportError::io(&progress_path, e))?;
        let out = TableOutput::new(
            dest,
            opts,
            errors_path,
            errors,
            errors_end,
            Some(progress),
            next_part,
        );
        Ok((out, ids))
    }

    fn new(
        dest: Destination,
        opts: TableOptions,
        errors_path: PathBuf,
        errors: Option<File>,
        errors_len: u64,
        progress: Option<File>,
        next_part: u64,
    ) -> Self {
        TableOutput {
            dest,
            opts,
            table: None,
            next_part,
            part_rows: 0,
            part_ids: Vec::new(),
            errors_path,
            errors: errors.map(BufWriter::new),
            errors_len,
            progress,
            counts: TableCounts::default(),
        }
    }

    /// The file that receives error records (created at the first one).
    pub fn errors_path(&self) -> &Path {
        &self.errors_path
    }

    /// What was written so far in this run.
    pub fn counts(&self) -> TableCounts {
        self.counts
    }

    /// Writes one annotated document's rows. `kept` holds one value per kept field.
    pub fn write_annotation(
        &mut self,
        a: &Annotation,
        kept: &[Option<String>],
    ) -> Result<(), ExportError> {
        if self.table.is_none() {
            self.open_part()?;
        }
        let (table, _) = self.table.as_mut().expect("a table is open");
        let rows = table.write(a, kept)?;
        self.counts.rows += rows;
        self.counts.documents += 1;
        self.part_rows += rows;
        self.finished(&a.id)
    }

    /// Writes one error record (a rendered JSON line, newline included) to the errors file.
    pub fn write_error(&mut self, id: &str, line: &[u8]) -> Result<(), ExportError> {
        let path = &self.errors_path;
        if self.errors.is_none() {
            let f = OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .map_err(|e| ExportError::io(path, e))?;
            self.errors = Some(BufWriter::new(f));
        }
        let errors = self.errors.as_mut().expect("opened above");
        errors
            .write_all(line)
            .map_err(|e| ExportError::io(path, e))?;
        self.errors_len += line.len() as u64;
        self.counts.errors += 1;
        self.counts.documents += 1;
        self.finished(id)
    }

    fn finished(&mut self, id: &str) -> Result<(), ExportError> {
        if let Destination::Parts(_) = self.dest {
            self.part_ids.push(id.to_string());
            if self.part_rows >= self.opts.part_rows.max(1) {
                self.close_part()?;
            }
        }
        Ok(())
    }

    fn open_part(&mut self) -> Result<(), ExportError> {
        let Destination::Parts(dir) = &self.dest else {
            unreachable!("one file is opened when it is created");
        };
        let name = part_name(self.next_part, self.opts.format);
        let tmp = dir.join(format!(".{name}{IN_PROGRESS}"));
        self.table = Some((Table::create(&tmp, &self.opts)?, tmp));
        Ok(())
    }

    /// Closes the part in progress: finishes and renames its file, then records it.
    fn close_part(&mut self) -> Result<(), ExportError> {
        let Destination::Parts(dir) = &self.dest else {
            return Ok(());
        };
        let mut part = None;
        if let Some((table, tmp)) = self.table.take() {
            table.finish(&tmp)?;
            let name = part_name(self.next_part, self.opts.format);
            let path = dir.join(&name);
            std::fs::rename(&tmp, &path).map_err(|e| ExportError::io(&path, e))?;
            self.next_part += 1;
            self.counts.parts += 1;
            part = Some(name);
        }
        if let Some(errors) = self.errors.as_mut() {
            errors
                .flush()
                .and_then(|()| errors.get_ref().sync_all())
                .map_err(|e| ExportError::io(&self.errors_path, e))?;
        }
        let line = ProgressLine {
            part,
            rows: self.part_rows,
            documents: self.part_ids.len() as u64,
            errors_end: self.errors_len,
            columns: self.opts.columns(),
            ids: std::mem::take(&mut self.part_ids),
        };
        let mut text = serde_json::to_vec(&line).expect("plain strings and numbers");
        text.push(b'\n');
        let path = dir.join(PROGRESS_FILE);
        let progress = self
            .progress
            .as_mut()
            .expect("a part folder has a progress file");
        progress
            .write_all(&text)
            .and_then(|()| progress.sync_data())
            .map_err(|e| ExportError::io(&path, e))?;
        self.part_rows = 0;
        Ok(())
    }

    /// Closes the last part (or finishes the one file) and flushes the error records.
    pub fn finish(mut self) -> Result<TableCounts, ExportError> {
        match &self.dest {
            Destination::File(_) => {
                if let Some((table, path)) = self.table.take() {
                    table.finish(&path)?;
                }
            }
            Destination::Parts(_) => {
                if !self.part_ids.is_empty() {
                    self.close_part()?;
                }
            }
        }
        if let Some(errors) = self.errors.as_mut() {
            errors
                .flush()
                .map_err(|e| ExportError::io(&self.errors_path, e))?;
        }
        Ok(self.counts)
    }
}

fn check_rows(opts: &TableOptions) -> Result<(), ExportError> {
    if opts.format == TableFormat::Csv && opts.rows == RowKind::Documents {
        return Err(ExportError::Unsupported(
            "document rows need Parquet (CSV has no nested arrays); use quote rows".into(),
        ));
    }
    Ok(())
}

fn part_name(index: u64, format: TableFormat) -> String {
    format!("part-{index:05}.{}", format.extension())
}

/// The index of `part-NNNNN.EXT`.
fn part_index(name: &str) -> Option<u64> {
    name.strip_prefix("part-")?.split('.').next()?.parse().ok()
}

/// True for part files, finished or not.
fn is_part_name(name: &str) -> bool {
    let base = match name.strip_suffix(IN_PROGRESS) {
        Some(b) => b.strip_prefix('.').unwrap_or(b),
        None => name,
    };
    part_index(base).is_some()
        && [TableFormat::Parquet, TableFormat::Csv]
            .iter()
            .any(|f| base.ends_with(&format!(".{}", f.extension())))
}

/// Reads the progress lines, dropping (and truncating away) a half-written last line.
fn read_progress(path: &Path) -> Result<Vec<ProgressLine>, ExportError> {
    let file = match OpenOptions::new().read(true).write(true).open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            File::create(path).map_err(|e| ExportError::io(path, e))?;
            return Ok(Vec::new());
        }
        Err(e) => return Err(ExportError::io(path, e)),
    };
    let mut reader = BufReader::new(&file);
    let mut lines = Vec::new();
    let mut good_end = 0u64;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| ExportError::io(path, e))?;
        if n == 0 || buf.last() != Some(&b'\n') {
            break;
        }
        match serde_json::from_slice::<ProgressLine>(&buf) {
            Ok(line) => {
                lines.push(line);
                good_end += n as u64;
            }
            Err(_) => break,
        }
    }
    let len = file.metadata().map_err(|e| ExportError::io(path, e))?.len();
    if good_end < len {
        file.set_len(good_end)
            .map_err(|e| ExportError::io(path, e))?;
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn part_names() {
        assert_eq!(part_name(7, TableFormat::Parquet), "part-00007.parquet");
        assert_eq!(part_index("part-00007.parquet"), Some(7));
        assert!(is_part_name(".part-00007.csv.inprogress"));
        assert!(!is_part_name("progress.jsonl"));
        assert!(!is_part_name("part-x.csv"));
    }
}

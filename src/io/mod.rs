//! Reading article dumps and writing JSON Lines.
//!
//! [`reader`] streams records out of files, folders and standard input (plain, `.gz` or
//! `.zst`); [`jsonl`] renders output records; [`wire`] holds the serde structs of the contract.
//! [`runner`] streams records through a pipeline in parallel batches, in input order, and
//! [`resume`] continues an interrupted run.

pub mod jsonl;
pub mod reader;
pub mod resume;
pub mod runner;
pub mod wire;

use serde::{Deserialize, Serialize};

/// Why an input record yielded no annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RecordErrorKind {
    /// The line is not valid JSON, or not a JSON object.
    Json,
    /// The text field is missing.
    MissingText,
    /// The text field is not a string.
    NotString,
    /// The bytes are not valid UTF-8.
    Utf8,
    /// The file could not be read (missing, unreadable, truncated archive).
    Io,
    /// A stage failed on this document.
    Pipeline,
}

/// A bad input record: reported in the output in place of an annotation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[error("{location}: {message}")]
pub struct RecordError {
    /// What went wrong.
    pub kind: RecordErrorKind,
    /// Human-readable detail.
    pub message: String,
    /// Where the record came from, as `file:line` (`-` for standard input).
    #[serde(rename = "source")]
    pub location: String,
}

/// Where output records go. Implementations receive whole rendered records, never parts.
pub trait Sink {
    /// Writes one complete record (one line of JSON Lines, newline included).
    fn write_record(&mut self, record: &[u8]) -> std::io::Result<()>;
    /// Flushes buffered output.
    fn flush(&mut self) -> std::io::Result<()>;
}

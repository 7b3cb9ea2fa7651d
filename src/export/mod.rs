//! Research-ready output: one row per quote (or per document) as Parquet or CSV, and an HTML
//! page to check the annotations by eye.
//!
//! - [`rows`]: the flat quote row, [`QuoteRow`], one definition for every table writer (and
//!   for other languages: its columns are documented in `docs/parquet.md`);
//! - [`view`]: the self-contained HTML view of annotated articles;
//! - with the `export` feature (on by default): [`parquet`] and [`csv`] writers, and
//!   [`parts`], which writes one file or a folder of part files that a run can resume.

pub mod rows;
pub mod view;

#[cfg(feature = "export")]
pub mod csv;
#[cfg(feature = "export")]
pub mod parquet;
#[cfg(feature = "export")]
pub mod parts;

pub use rows::{QUOTE_COLUMNS, QuoteRow};

/// What one table row stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    /// One row per input document, keeping the nested arrays (Parquet only).
    Documents,
    /// One row per quote ([`QuoteRow`]).
    Quotes,
}

/// The table file formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// Apache Parquet (Snappy-compressed, written in row groups).
    Parquet,
    /// RFC 4180 CSV, UTF-8, CRLF line ends, a header row.
    Csv,
}

impl TableFormat {
    /// The file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            TableFormat::Parquet => "parquet",
            TableFormat::Csv => "csv",
        }
    }
}

/// The columns of a document row in Parquet (before any kept input fields).
pub const DOCUMENT_COLUMNS: [&str; 6] = [
    "id",
    "quotes",
    "speakers",
    "outlets",
    "entities",
    "sentences",
];

/// Input fields passed through to the output as string columns (`--keep-fields`).
///
/// A name that clashes with an output column is written as `input_<name>`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct KeptFields {
    names: Vec<String>,
    columns: Vec<String>,
}

impl KeptFields {
    /// Checks the names and picks their column names for this kind of row.
    pub fn new(names: Vec<String>, rows: RowKind) -> Result<Self, String> {
        let taken: &[&str] = match rows {
            RowKind::Quotes => &QUOTE_COLUMNS,
            RowKind::Documents => &DOCUMENT_COLUMNS,
        };
        let mut columns: Vec<String> = Vec::with_capacity(names.len());
        for name in &names {
            if name.is_empty() {
                return Err("an empty field name".into());
            }
            let column = if taken.contains(&name.as_str()) {
                format!("input_{name}")
            } else {
                name.clone()
            };
            if columns.contains(&column) || taken.contains(&column.as_str()) {
                return Err(format!("two columns would be named `{column}`"));
            }
            columns.push(column);
        }
        Ok(KeptFields { names, columns })
    }

    /// Parses a comma-separated list such as `date,url,source`.
    pub fn parse(list: &str, rows: RowKind) -> Result<Self, String> {
        let names = list
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        Self::new(names, rows)
    }

    /// The input field names (what the reader must keep).
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The output column names, in the same order.
    pub fn columns(&self) -> &[String] {
        &self.columns
    }

    /// True when no field is kept.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// The kept values of one document, from the object the reader put in
    /// [`Document::meta`](crate::Document::meta): a string as it is, any other JSON value as
    /// its JSON text, a missing field or `null` as no value.
    pub fn values(&self, meta: &serde_json::Value) -> Vec<Option<String>> {
        self.names
            .iter()
            .map(|name| match meta.get(name) {
                None | Some(serde_json::Value::Null) => None,
                Some(serde_json::Value::String(s)) => Some(s.clone()),
                Some(other) => Some(other.to_string()),
            })
            .collect()
    }
}

/// Why a table could not be written.
#[cfg(feature = "export")]
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: std::path::PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The Parquet encoder failed.
    #[error("parquet: {0}")]
    Parquet(#[from] ::parquet::errors::ParquetError),
    /// Building an Arrow batch failed.
    #[error("arrow: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
    /// The CSV writer failed.
    #[error("csv: {0}")]
    Csv(#[from] ::csv::Error),
    /// The request cannot be met (e.g. document rows as CSV).
    #[error("{0}")]
    Unsupported(String),
    /// A part folder is not in a state this run can use.
    #[error("{path}: {reason}")]
    Parts {
        /// The folder or file concerned.
        path: std::path::PathBuf,
        /// What is wrong.
        reason: String,
    },
}

#[cfg(feature = "export")]
impl ExportError {
    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<std::path::PathBuf>, source: std::io::Error) -> Self {
        ExportError::Io {
            path: path.into(),
            source,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_fields_that_clash_get_a_prefix() {
        let k = KeptFields::parse("date, text ,url", RowKind::Quotes).unwrap();
        assert_eq!(k.names(), ["date", "text", "url"]);
        assert_eq!(k.columns(), ["date", "input_text", "url"]);
        let k = KeptFields::parse("id,text", RowKind::Documents).unwrap();
        assert_eq!(k.columns(), ["input_id", "text"]);
        assert!(KeptFields::parse("text,input_text", RowKind::Quotes).is_err());
        assert!(KeptFields::parse("url,url", RowKind::Quotes).is_err());
    }

    #[test]
    fn kept_values_are_strings_or_json_text() {
        let k = KeptFields::parse("a,b,c,d", RowKind::Quotes).unwrap();
        let meta = serde_json::json!({"a": "x", "b": 3, "c": null, "e": {"k": [1]}});
        assert_eq!(
            k.values(&meta),
            [Some("x".into()), Some("3".into()), None, None]
        );
        let k = KeptFields::parse("e", RowKind::Quotes).unwrap();
        assert_eq!(k.values(&meta), [Some(r#"{"k":[1]}"#.into())]);
    }
}

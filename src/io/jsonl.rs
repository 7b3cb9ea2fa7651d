//! JSON Lines output: one record per line, rendered by the worker that produced it.
//!
//! Each line is either an [`Annotation`] or an error record
//! `{"id": ..., "error": {"kind": ..., "message": ..., "source": "file:line"}}`.
//! Offsets in annotations are character offsets (see [`super::wire`]).

use super::wire::Annotation;
use super::{RecordError, Sink};
use serde::ser::{SerializeMap, Serializer};
use std::io::Write;

/// The top-level arrays of an annotation, selectable with `--fields`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSet {
    /// `quotes`
    pub quotes: bool,
    /// `speakers`
    pub speakers: bool,
    /// `outlets`
    pub outlets: bool,
    /// `entities`
    pub entities: bool,
    /// `sentences`
    pub sentences: bool,
}

impl Default for FieldSet {
    fn default() -> Self {
        FieldSet {
            quotes: true,
            speakers: true,
            outlets: true,
            entities: true,
            sentences: true,
        }
    }
}

impl FieldSet {
    /// The names accepted by [`FieldSet::parse`].
    pub const NAMES: [&'static str; 5] = ["quotes", "speakers", "outlets", "entities", "sentences"];

    /// Parses a comma-separated list such as `quotes,speakers`.
    pub fn parse(list: &str) -> Result<Self, String> {
        let mut f = FieldSet {
            quotes: false,
            speakers: false,
            outlets: false,
            entities: false,
            sentences: false,
        };
        for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            match name {
                "quotes" => f.quotes = true,
                "speakers" => f.speakers = true,
                "outlets" => f.outlets = true,
                "entities" => f.entities = true,
                "sentences" => f.sentences = true,
                other => {
                    return Err(format!(
                        "unknown field `{other}` (expected some of: {})",
                        Self::NAMES.join(", ")
                    ));
                }
            }
        }
        Ok(f)
    }
}

/// What one input record produced.
#[derive(Debug, Clone, PartialEq)]
pub enum Output {
    /// The document was annotated.
    Annotation(Annotation),
    /// The record could not be processed.
    Error {
        /// The record's id (or its `file:line` when it has none).
        id: String,
        /// What went wrong.
        error: RecordError,
    },
}

struct Selected<'a>(&'a Annotation, FieldSet);

impl serde::Serialize for Selected<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (a, f) = (self.0, self.1);
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", &a.id)?;
        if f.quotes {
            m.serialize_entry("quotes", &a.quotes)?;
        }
        if f.speakers {
            m.serialize_entry("speakers", &a.speakers)?;
        }
        if f.outlets {
            m.serialize_entry("outlets", &a.outlets)?;
        }
        if f.entities {
            m.serialize_entry("entities", &a.entities)?;
        }
        if f.sentences {
            m.serialize_entry("sentences", &a.sentences)?;
        }
        m.end()
    }
}

#[derive(serde::Serialize)]
struct ErrorLine<'a> {
    id: &'a str,
    error: &'a RecordError,
}

/// Appends one output record, newline-terminated, to `buf`.
pub fn render(output: &Output, fields: FieldSet, buf: &mut Vec<u8>) {
    // Serialising plain structs of strings and numbers into memory cannot fail.
    let r = match output {
        Output::Annotation(a) => serde_json::to_writer(&mut *buf, &Selected(a, fields)),
        Output::Error { id, error } => serde_json::to_writer(&mut *buf, &ErrorLine { id, error }),
    };
    debug_assert!(r.is_ok());
    buf.push(b'\n');
}

/// A [`Sink`] that writes JSON Lines to any writer.
pub struct JsonlSink<W: Write> {
    out: W,
}

impl<W: Write> JsonlSink<W> {
    /// Wraps a writer (buffer it yourself if it is a file or a pipe).
    pub fn new(out: W) -> Self {
        JsonlSink { out }
    }

    /// Returns the writer.
    pub fn into_inner(self) -> W {
        self.out
    }
}

impl<W: Write> Sink for JsonlSink<W> {
    fn write_record(&mut self, record: &[u8]) -> std::io::Result<()> {
        self.out.write_all(record)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selects_fields() {
        let a = Annotation {
            id: "x".into(),
            ..Default::default()
        };
        let mut buf = Vec::new();
        render(
            &Output::Annotation(a),
            FieldSet::parse("quotes").unwrap(),
            &mut buf,
        );
        assert_eq!(buf, b"{\"id\":\"x\",\"quotes\":[]}\n");
        assert!(FieldSet::parse("quotes,bogus").is_err());
    }
}

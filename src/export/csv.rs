//! Quote rows as CSV: RFC 4180 (fields quoted when they hold a comma, a quotation mark or a
//! line break; quotation marks doubled; CRLF between records), UTF-8, with a header row.
//!
//! A missing value is an empty field. `confidence` is written as the shortest decimal that
//! reads back as the same 32-bit float, which is how the JSON Lines output writes it.

use super::rows::{QuoteRow, outlet_relation_name, quote_kind_name, speaker_type_name};
use super::{ExportError, KeptFields, QUOTE_COLUMNS};
use crate::io::wire::Annotation;
use std::io::Write;

/// Writes [`QuoteRow`]s (plus kept input fields) as CSV.
pub struct CsvWriter<W: Write> {
    out: csv::Writer<W>,
    kept: usize,
    fields: Vec<String>,
}

impl<W: Write> CsvWriter<W> {
    /// Starts a table: writes the header row.
    pub fn new(out: W, kept: &KeptFields) -> Result<Self, ExportError> {
        let mut out = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .quote_style(csv::QuoteStyle::Necessary)
            .from_writer(out);
        let header = QUOTE_COLUMNS
            .iter()
            .map(|c| c.to_string())
            .chain(kept.columns().iter().cloned());
        out.write_record(header)?;
        Ok(CsvWriter {
            out,
            kept: kept.columns().len(),
            fields: Vec::with_capacity(QUOTE_COLUMNS.len() + kept.columns().len()),
        })
    }

    /// Writes the rows of one document; returns how many.
    pub fn write_document(
        &mut self,
        a: &Annotation,
        kept: &[Option<String>],
    ) -> Result<u64, ExportError> {
        debug_assert_eq!(kept.len(), self.kept);
        let rows = QuoteRow::from_annotation(a);
        for r in &rows {
            self.write_row(r, kept)?;
        }
        Ok(rows.len() as u64)
    }

    /// Writes one row.
    pub fn write_row(&mut self, r: &QuoteRow, kept: &[Option<String>]) -> Result<(), ExportError> {
        let f = &mut self.fields;
        f.clear();
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        f.push(r.doc_id.clone());
        f.push(r.quote_index.to_string());
        f.push(r.text.clone());
        f.push(quote_kind_name(r.kind).into());
        f.push(r.start.to_string());
        f.push(r.end.to_string());
        f.push(opt(&r.cue));
        f.push(opt(&r.speaker_text));
        f.push(opt(&r.speaker_name));
        f.push(r.speaker_type.map(speaker_type_name).unwrap_or("").into());
        f.push(opt(&r.speaker_title));
        f.push(opt(&r.speaker_affiliation));
        f.push(opt(&r.outlet));
        f.push(
            r.outlet_relation
                .map(outlet_relation_name)
                .unwrap_or("")
                .into(),
        );
        f.push(r.confidence.to_string());
        f.extend(kept.iter().map(opt));
        self.out.write_record(&*f)?;
        Ok(())
    }

    /// Flushes buffered rows to the writer.
    pub fn flush(&mut self) -> Result<(), ExportError> {
        self.out
            .flush()
            .map_err(|e| ExportError::io("CSV output", e))
    }

    /// Flushes and returns the writer.
    pub fn finish(self) -> Result<W, ExportError> {
        self.out
            .into_inner()
            .map_err(|e| ExportError::io("CSV output", e.into_error()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doc::{OutletRelation, QuoteKind, SpeakerType};

    #[test]
    fn quotes_fields_that_need_it() {
        let kept = KeptFields::parse("url", crate::export::RowKind::Quotes).unwrap();
        let mut w = CsvWriter::new(Vec::new(), &kept).unwrap();
        let row = QuoteRow {
            doc_id: "a,1".into(),
            quote_index: 0,
            text: "We said \"no\",\ntwice".into(),
            kind: QuoteKind::Direct,
            start: 3,
            end: 22,
            cue: Some("said".into()),
            speaker_text: Some("she".into()),
            speaker_name: Some("Ana Ruiz".into()),
            speaker_type: Some(SpeakerType::Person),
            speaker_title: None,
            speaker_affiliation: None,
            outlet: Some("Reuters".into()),
            outlet_relation: Some(OutletRelation::Source),
            confidence: 0.85,
        };
        w.write_row(&row, &[Some("http://x/?a=1,2".into())])
            .unwrap();
        let bytes = String::from_utf8(w.finish().unwrap()).unwrap();
        let mut lines = bytes.split_inclusive("\r\n");
        assert!(lines.next().unwrap().ends_with(",confidence,url\r\n"));
        assert_eq!(
            lines.next().unwrap(),
            "\"a,1\",0,\"We said \"\"no\"\",\ntwice\",direct,3,22,said,she,Ana Ruiz,person,,,Reuters,source,0.85,\"http://x/?a=1,2\"\r\n"
        );
        assert_eq!(lines.next(), None);
    }
}

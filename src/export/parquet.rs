//! Parquet output through the `arrow` and `parquet` crates.
//!
//! Rows are buffered into Arrow arrays and handed to the Parquet writer in batches of
//! [`BATCH_ROWS`] rows; it closes a row group every [`ROW_GROUP_ROWS`] rows, or sooner when
//! the row group in progress holds more than [`ROW_GROUP_BYTES`], so memory stays bounded
//! however long the run. Pages are Snappy-compressed. The schema is documented in
//! `docs/parquet.md`; [`quote_schema`] and [`document_schema`] build it.
//!
//! A file is only readable once [`ParquetWriter::finish`] has written its footer.

use super::rows::{
    QuoteRow, mention_kind_name, outlet_relation_name, quote_kind_name, speaker_type_name,
};
use super::{ExportError, KeptFields, RowKind};
use crate::io::wire::{Annotation, CharRange, WireQuote};
use arrow_array::builder::{Float32Builder, Int32Builder, Int64Builder, StringBuilder};
use arrow_array::{
    ArrayRef, Float32Array, Int32Array, Int64Array, ListArray, RecordBatch, StringArray,
    StructArray,
};
use arrow_buffer::{NullBuffer, OffsetBuffer};
use arrow_schema::{DataType, Field, FieldRef, Fields, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use std::io::Write;
use std::sync::Arc;

/// Rows buffered before they are handed to the Parquet writer.
pub const BATCH_ROWS: usize = 8192;
/// Most rows in one row group.
pub const ROW_GROUP_ROWS: usize = 128 * 1024;
/// A row group is closed early once its buffered data passes this many bytes.
pub const ROW_GROUP_BYTES: usize = 64 << 20;
/// Documents buffered before they are handed to the writer, for document rows.
const BATCH_DOCUMENTS: usize = 1024;

fn utf8(name: &str, nullable: bool) -> Field {
    Field::new(name, DataType::Utf8, nullable)
}

fn int64(name: &str) -> Field {
    Field::new(name, DataType::Int64, false)
}

/// The schema of quote rows: the columns of [`super::QUOTE_COLUMNS`], then one nullable
/// string column per kept field.
pub fn quote_schema(kept: &KeptFields) -> Schema {
    let mut fields = vec![
        utf8("doc_id", false),
        Field::new("quote_index", DataType::Int32, false),
        utf8("text", false),
        utf8("kind", false),
        int64("start"),
        int64("end"),
        utf8("cue", true),
        utf8("speaker_text", true),
        utf8("speaker_name", true),
        utf8("speaker_type", true),
        utf8("speaker_title", true),
        utf8("speaker_affiliation", true),
        utf8("outlet", true),
        utf8("outlet_relation", true),
        Field::new("confidence", DataType::Float32, false),
    ];
    fields.extend(kept.columns().iter().map(|c| utf8(c, true)));
    Schema::new(fields)
}

fn list_of(item: Field) -> DataType {
    DataType::List(Arc::new(item.with_name("item")))
}

fn range_item() -> FieldRef {
    Arc::new(Field::new("item", DataType::Struct(range_fields()), false))
}

fn range_fields() -> Fields {
    Fields::from(vec![int64("start"), int64("end")])
}

fn text_span_fields() -> Fields {
    Fields::from(vec![utf8("text", false), int64("start"), int64("end")])
}

fn quote_speaker_fields() -> Fields {
    Fields::from(vec![
        utf8("text", false),
        int64("start"),
        int64("end"),
        utf8("kind", false),
        utf8("name", true),
        Field::new("id", DataType::Int32, true),
    ])
}

fn quote_outlet_fields() -> Fields {
    Fields::from(vec![
        utf8("name", false),
        utf8("text", false),
        int64("start"),
        int64("end"),
        utf8("relation", false),
    ])
}

fn quote_fields() -> Fields {
    Fields::from(vec![
        utf8("text", false),
        int64("start"),
        int64("end"),
        Field::new("spans", DataType::List(range_item()), true),
        utf8("kind", false),
        Field::new("cue", DataType::Struct(text_span_fields()), true),
        Field::new("speaker", DataType::Struct(quote_speaker_fields()), true),
        Field::new("outlet", DataType::Struct(quote_outlet_fields()), true),
        Field::new("confidence", DataType::Float32, false),
    ])
}

fn speaker_fields() -> Fields {
    Fields::from(vec![
        Field::new("id", DataType::Int32, false),
        utf8("name", false),
        utf8("type", false),
        utf8("title", true),
        utf8("affiliation", true),
        Field::new("mentions", DataType::List(range_item()), false),
        Field::new(
            "quotes",
            list_of(Field::new("item", DataType::Int32, false)),
            false,
        ),
    ])
}

fn outlet_fields() -> Fields {
    Fields::from(vec![
        utf8("name", false),
        Field::new("mentions", DataType::List(range_item()), false),
        Field::new("relations", list_of(utf8("item", false)), false),
    ])
}

fn entity_fields() -> Fields {
    Fields::from(vec![
        utf8("text", false),
        utf8("label", false),
        int64("start"),
        int64("end"),
    ])
}

fn struct_item(fields: Fields) -> FieldRef {
    Arc::new(Field::new("item", DataType::Struct(fields), false))
}

/// The schema of document rows: the record's `id` and its arrays, nested as in the JSON
/// Lines output, then one nullable string column per kept field.
pub fn document_schema(kept: &KeptFields) -> Schema {
    let mut fields = vec![
        utf8("id", false),
        Field::new("quotes", DataType::List(struct_item(quote_fields())), false),
        Field::new(
            "speakers",
            DataType::List(struct_item(speaker_fields())),
            false,
        ),
        Field::new(
            "outlets",
            DataType::List(struct_item(outlet_fields())),
            false,
        ),
        Field::new(
            "entities",
            DataType::List(struct_item(entity_fields())),
            false,
        ),
        Field::new("sentences", DataType::List(range_item()), false),
    ];
    fields.extend(kept.columns().iter().map(|c| utf8(c, true)));
    Schema::new(fields)
}

/// Column builders for quote rows.
struct QuoteColumns {
    doc_id: StringBuilder,
    quote_index: Int32Builder,
    text: StringBuilder,
    kind: StringBuilder,
    start: Int64Builder,
    end: Int64Builder,
    cue: StringBuilder,
    speaker_text: StringBuilder,
    speaker_name: StringBuilder,
    speaker_type: StringBuilder,
    speaker_title: StringBuilder,
    speaker_affiliation: StringBuilder,
    outlet: StringBuilder,
    outlet_relation: StringBuilder,
    confidence: Float32Builder,
    kept: Vec<StringBuilder>,
    rows: usize,
}

impl QuoteColumns {
    fn new(kept: usize) -> Self {
        QuoteColumns {
            doc_id: StringBuilder::new(),
            quote_index: Int32Builder::new(),
            text: StringBuilder::new(),
            kind: StringBuilder::new(),
            start: Int64Builder::new(),
            end: Int64Builder::new(),
            cue: StringBuilder::new(),
            speaker_text: StringBuilder::new(),
            speaker_name: StringBuilder::new(),
            speaker_type: StringBuilder::new(),
            speaker_title: StringBuilder::new(),
            speaker_affiliation: StringBuilder::new(),
            outlet: StringBuilder::new(),
            outlet_relation: StringBuilder::new(),
            confidence: Float32Builder::new(),
            kept: (0..kept).map(|_| StringBuilder::new()).collect(),
            rows: 0,
        }
    }

    fn push(&mut self, r: &QuoteRow, kept: &[Option<String>]) {
        self.doc_id.append_value(&r.doc_id);
        self.quote_index.append_value(r.quote_index as i32);
        self.text.append_value(&r.text);
        self.kind.append_value(quote_kind_name(r.kind));
        self.start.append_value(r.start as i64);
        self.end.append_value(r.end as i64);
        self.cue.append_option(r.cue.as_deref());
        self.speaker_text.append_option(r.speaker_text.as_deref());
        self.speaker_name.append_option(r.speaker_name.as_deref());
        self.speaker_type
            .append_option(r.speaker_type.map(speaker_type_name));
        self.speaker_title.append_option(r.speaker_title.as_deref());
        self.speaker_affiliation
            .append_option(r.speaker_affiliation.as_deref());
        self.outlet.append_option(r.outlet.as_deref());
        self.outlet_relation
            .append_option(r.outlet_relation.map(outlet_relation_name));
        self.confidence.append_value(r.confidence);
        for (b, v) in self.kept.iter_mut().zip(kept) {
            b.append_option(v.as_deref());
        }
        self.rows += 1;
    }

    fn finish(&mut self, schema: &SchemaRef) -> Result<RecordBatch, ExportError> {
        let mut columns: Vec<ArrayRef> = vec![
            Arc::new(self.doc_id.finish()),
            Arc::new(self.quote_index.finish()),
            Arc::new(self.text.finish()),
            Arc::new(self.kind.finish()),
            Arc::new(self.start.finish()),
            Arc::new(self.end.finish()),
            Arc::new(self.cue.finish()),
            Arc::new(self.speaker_text.finish()),
            Arc::new(self.speaker_name.finish()),
            Arc::new(self.speaker_type.finish()),
            Arc::new(self.speaker_title.finish()),
            Arc::new(self.speaker_affiliation.finish()),
            Arc::new(self.outlet.finish()),
            Arc::new(self.outlet_relation.finish()),
            Arc::new(self.confidence.finish()),
        ];
        columns.extend(
            self.kept
                .iter_mut()
                .map(|b| Arc::new(b.finish()) as ArrayRef),
        );
        self.rows = 0;
        Ok(RecordBatch::try_new(schema.clone(), columns)?)
    }
}

fn strings<'a>(values: impl Iterator<Item = &'a str>) -> ArrayRef {
    Arc::new(StringArray::from_iter_values(values))
}

fn opt_strings<'a>(values: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    Arc::new(values.collect::<StringArray>())
}

fn int64s(values: impl Iterator<Item = usize>) -> ArrayRef {
    Arc::new(Int64Array::from_iter_values(values.map(|v| v as i64)))
}

fn list(
    item: FieldRef,
    lengths: Vec<usize>,
    values: ArrayRef,
    valid: Option<Vec<bool>>,
) -> ArrayRef {
    Arc::new(ListArray::new(
        item,
        OffsetBuffer::from_lengths(lengths),
        values,
        valid.map(NullBuffer::from),
    ))
}

fn structs(fields: Fields, arrays: Vec<ArrayRef>, valid: Option<Vec<bool>>) -> ArrayRef {
    Arc::new(StructArray::new(
        fields,
        arrays,
        valid.map(NullBuffer::from),
    ))
}

/// `[start, end]` pairs as a struct array.
fn ranges(rs: &[&CharRange]) -> ArrayRef {
    structs(
        range_fields(),
        vec![
            int64s(rs.iter().map(|r| r[0])),
            int64s(rs.iter().map(|r| r[1])),
        ],
        None,
    )
}

/// A list of ranges per element of `groups`.
fn range_lists<'a>(groups: impl Iterator<Item = &'a [CharRange]>) -> ArrayRef {
    let mut lengths = Vec::new();
    let mut flat = Vec::new();
    for g in groups {
        lengths.push(g.len());
        flat.extend(g.iter());
    }
    list(range_item(), lengths, ranges(&flat), None)
}

/// Splits per-document arrays into list lengths and one flat slice of references.
fn flatten<'a, T>(groups: impl Iterator<Item = &'a [T]>) -> (Vec<usize>, Vec<&'a T>) {
    let mut lengths = Vec::new();
    let mut flat = Vec::new();
    for g in groups {
        lengths.push(g.len());
        flat.extend(g.iter());
    }
    (lengths, flat)
}

fn quotes_array(qs: &[&WireQuote]) -> ArrayRef {
    let spans: Vec<&[CharRange]> = qs
        .iter()
        .map(|q| q.spans.as_deref().unwrap_or(&[]))
        .collect();
    let (span_lengths, flat_spans) = flatten(spans.iter().copied());
    let spans = list(
        range_item(),
        span_lengths,
        ranges(&flat_spans),
        Some(qs.iter().map(|q| q.spans.is_some()).collect()),
    );
    let cue = {
        let c: Vec<_> = qs.iter().map(|q| q.cue.as_ref()).collect();
        structs(
            text_span_fields(),
            vec![
                strings(c.iter().map(|c| c.map_or("", |c| c.text.as_str()))),
                int64s(c.iter().map(|c| c.map_or(0, |c| c.start))),
                int64s(c.iter().map(|c| c.map_or(0, |c| c.end))),
            ],
            Some(c.iter().map(|c| c.is_some()).collect()),
        )
    };
    let speaker = {
        let s: Vec<_> = qs.iter().map(|q| q.speaker.as_ref()).collect();
        structs(
            quote_speaker_fields(),
            vec![
                strings(s.iter().map(|s| s.map_or("", |s| s.text.as_str()))),
                int64s(s.iter().map(|s| s.map_or(0, |s| s.start))),
                int64s(s.iter().map(|s| s.map_or(0, |s| s.end))),
                strings(
                    s.iter()
                        .map(|s| s.map_or("", |s| mention_kind_name(s.kind))),
                ),
                opt_strings(s.iter().map(|s| s.and_then(|s| s.name.as_deref()))),
                Arc::new(
                    s.iter()
                        .map(|s| s.and_then(|s| s.id).map(|id| id as i32))
                        .collect::<Int32Array>(),
                ),
            ],
            Some(s.iter().map(|s| s.is_some()).collect()),
        )
    };
    let outlet = {
        let o: Vec<_> = qs.iter().map(|q| q.outlet.as_ref()).collect();
        structs(
            quote_outlet_fields(),
            vec![
                strings(o.iter().map(|o| o.map_or("", |o| o.name.as_str()))),
                strings(o.iter().map(|o| o.map_or("", |o| o.text.as_str()))),
                int64s(o.iter().map(|o| o.map_or(0, |o| o.start))),
                int64s(o.iter().map(|o| o.map_or(0, |o| o.end))),
                strings(
                    o.iter()
                        .map(|o| o.map_or("", |o| outlet_relation_name(o.relation))),
                ),
            ],
            Some(o.iter().map(|o| o.is_some()).collect()),
        )
    };
    structs(
        quote_fields(),
        vec![
            strings(qs.iter().map(|q| q.text.as_str())),
            int64s(qs.iter().map(|q| q.start)),
            int64s(qs.iter().map(|q| q.end)),
            spans,
            strings(qs.iter().map(|q| quote_kind_name(q.kind))),
            cue,
            speaker,
            outlet,
            Arc::new(Float32Array::from_iter_values(
                qs.iter().map(|q| q.confidence),
            )),
        ],
        None,
    )
}

/// Builds one batch of document rows.
fn document_batch(
    schema: &SchemaRef,
    docs: &[(Annotation, Vec<Option<String>>)],
) -> Result<RecordBatch, ExportError> {
    let ann = || docs.iter().map(|(a, _)| a);
    let (lengths, qs) = flatten(ann().map(|a| a.quotes.as_slice()));
    let quotes = list(
        struct_item(quote_fields()),
        lengths,
        quotes_array(&qs),
        None,
    );

    let (lengths, sp) = flatten(ann().map(|a| a.speakers.as_slice()));
    let (quote_lengths, quote_ids) = flatten(sp.iter().map(|s| s.quotes.as_slice()));
    let speakers = list(
        struct_item(speaker_fields()),
        lengths,
        structs(
            speaker_fields(),
            vec![
                Arc::new(Int32Array::from_iter_values(sp.iter().map(|s| s.id as i32))),
                strings(sp.iter().map(|s| s.name.as_str())),
                strings(sp.iter().map(|s| speaker_type_name(s.kind))),
                opt_strings(sp.iter().map(|s| s.title.as_deref())),
                opt_strings(sp.iter().map(|s| s.affiliation.as_deref())),
                range_lists(sp.iter().map(|s| s.mentions.as_slice())),
                list(
                    Arc::new(Field::new("item", DataType::Int32, false)),
                    quote_lengths,
                    Arc::new(Int32Array::from_iter_values(
                        quote_ids.iter().map(|&&q| q as i32),
                    )),
                    None,
                ),
            ],
            None,
        ),
        None,
    );

    let (lengths, os) = flatten(ann().map(|a| a.outlets.as_slice()));
    let (rel_lengths, rels) = flatten(os.iter().map(|o| o.relations.as_slice()));
    let outlets = list(
        struct_item(outlet_fields()),
        lengths,
        structs(
            outlet_fields(),
            vec![
                strings(os.iter().map(|o| o.name.as_str())),
                range_lists(os.iter().map(|o| o.mentions.as_slice())),
                list(
                    Arc::new(utf8("item", false)),
                    rel_lengths,
                    strings(rels.iter().map(|&&r| outlet_relation_name(r))),
                    None,
                ),
            ],
            None,
        ),
        None,
    );

    let (lengths, es) = flatten(ann().map(|a| a.entities.as_slice()));
    let entities = list(
        struct_item(entity_fields()),
        lengths,
        structs(
            entity_fields(),
            vec![
                strings(es.iter().map(|e| e.text.as_str())),
                strings(es.iter().map(|e| e.label.as_str())),
                int64s(es.iter().map(|e| e.start)),
                int64s(es.iter().map(|e| e.end)),
            ],
            None,
        ),
        None,
    );

    let sentences = range_lists(ann().map(|a| a.sentences.as_slice()));
    let mut columns = vec![
        strings(ann().map(|a| a.id.as_str())),
        quotes,
        speakers,
        outlets,
        entities,
        sentences,
    ];
    let kept = docs.first().map_or(0, |(_, k)| k.len());
    for i in 0..kept {
        columns.push(opt_strings(docs.iter().map(|(_, k)| k[i].as_deref())));
    }
    Ok(RecordBatch::try_new(schema.clone(), columns)?)
}

enum Buffer {
    Quotes(Box<QuoteColumns>),
    Documents(Vec<(Annotation, Vec<Option<String>>)>),
}

/// Writes quote rows or document rows to one Parquet file.
pub struct ParquetWriter<W: Write + Send> {
    writer: ArrowWriter<W>,
    schema: SchemaRef,
    buffer: Buffer,
}

impl<W: Write + Send> ParquetWriter<W> {
    /// Starts a file with the schema for these rows and kept fields.
    pub fn new(out: W, rows: RowKind, kept: &KeptFields) -> Result<Self, ExportError> {
        let schema = Arc::new(match rows {
            RowKind::Quotes => quote_schema(kept),
            RowKind::Documents => document_schema(kept),
        });
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
            .set_created_by(format!("quotesmith {}", env!("CARGO_PKG_VERSION")))
            .build();
        let writer = ArrowWriter::try_new(out, schema.clone(), Some(props))?;
        let buffer = match rows {
            RowKind::Quotes => Buffer::Quotes(Box::new(QuoteColumns::new(kept.columns().len()))),
            RowKind::Documents => Buffer::Documents(Vec::with_capacity(BATCH_DOCUMENTS)),
        };
        Ok(ParquetWriter {
            writer,
            schema,
            buffer,
        })
    }

    /// Adds one document's rows (its quotes, or the document itself); returns how many rows.
    pub fn write_document(
        &mut self,
        a: &Annotation,
        kept: &[Option<String>],
    ) -> Result<u64, ExportError> {
        let (rows, full) = match &mut self.buffer {
            Buffer::Quotes(cols) => {
                let rows = QuoteRow::from_annotation(a);
                for r in &rows {
                    cols.push(r, kept);
                }
                (rows.len() as u64, cols.rows >= BATCH_ROWS)
            }
            Buffer::Documents(docs) => {
                docs.push((a.clone(), kept.to_vec()));
                (1, docs.len() >= BATCH_DOCUMENTS)
            }
        };
        if full {
            self.write_buffer()?;
        }
        Ok(rows)
    }

    fn write_buffer(&mut self) -> Result<(), ExportError> {
        let batch = match &mut self.buffer {
            Buffer::Quotes(cols) if cols.rows > 0 => cols.finish(&self.schema)?,
            Buffer::Documents(docs) if !docs.is_empty() => {
                let b = document_batch(&self.schema, docs)?;
                docs.clear();
                b
            }
            _ => return Ok(()),
        };
        self.writer.write(&batch)?;
        if self.writer.memory_size() > ROW_GROUP_BYTES {
            self.writer.flush()?;
        }
        Ok(())
    }

    /// Writes the buffered rows, the last row group and the footer; returns the writer.
    pub fn finish(mut self) -> Result<W, ExportError> {
        self.write_buffer()?;
        Ok(self.writer.into_inner()?)
    }
}

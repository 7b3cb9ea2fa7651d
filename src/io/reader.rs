//! Streams input records out of files, folders and standard input.
//!
//! Memory stays bounded: JSON Lines are read one line at a time and text files one file at a
//! time, however large the dump. Compression (`.gz`, `.zst`) is recognised by its magic
//! bytes, so a compressed standard input works too. Every problem becomes an error
//! [`Record`], never a panic and never a silently skipped record.

use super::wire::Document;
use super::{RecordError, RecordErrorKind};
use serde_json::Value;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// How to interpret an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// By extension (`.jsonl`/`.json` vs `.txt`), else by the first non-blank byte (`{` = JSONL).
    #[default]
    Auto,
    /// The whole input is one article.
    Text,
    /// One JSON object per line.
    Jsonl,
}

/// Reader settings.
#[derive(Debug, Clone)]
pub struct ReaderOptions {
    /// Input format.
    pub format: InputFormat,
    /// Field holding the id (a key, or a dotted path such as `meta.id`).
    pub id_field: String,
    /// Field holding the text (a key, or a dotted path such as `article.body`).
    pub text_field: String,
    /// Fields (keys or dotted paths) copied into [`Document::meta`], an object keyed by these
    /// names, for output columns such as `date` or `url`. A field the record lacks is left out.
    pub keep_fields: Vec<String>,
}

impl Default for ReaderOptions {
    fn default() -> Self {
        ReaderOptions {
            format: InputFormat::Auto,
            id_field: "id".into(),
            text_field: "text".into(),
            keep_fields: Vec::new(),
        }
    }
}

/// One input record: a document, or the reason there is none.
#[derive(Debug)]
pub struct Record {
    /// Id of the record (its `file:line` when it has no id of its own).
    pub id: String,
    /// Where it came from, as `file:line` (`-` stands for standard input).
    pub source: String,
    /// The document, or what went wrong.
    pub result: Result<Document, RecordError>,
    /// Input bytes this record spans (for progress and batching).
    pub bytes: usize,
}

const EXTENSIONS: [&str; 3] = ["txt", "jsonl", "json"];

/// True when a folder walk should pick up this file (`.txt`, `.jsonl`, `.json`, optionally
/// followed by `.gz` or `.zst`).
pub fn is_input_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let base = name
        .strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".zst"))
        .unwrap_or(name);
    EXTENSIONS.iter().any(|ext| {
        base.len() > ext.len() + 1
            && base.ends_with(ext)
            && base[..base.len() - ext.len()].ends_with('.')
    })
}

#[derive(Debug, Clone)]
struct Input {
    /// `None` = standard input.
    path: Option<PathBuf>,
    /// Id given to a text file: its path relative to the folder it was found in.
    text_id: String,
}

impl Input {
    fn display(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => "-".into(),
        }
    }
}

/// The inputs found under the given paths, in a deterministic order.
pub struct InputPlan {
    inputs: Vec<Input>,
    /// Sum of the input files' sizes on disk, when no input is standard input.
    pub total_bytes: Option<u64>,
    /// Paths that could not be listed (reported as error records).
    errors: Vec<Record>,
}

impl InputPlan {
    /// Expands files and folders (recursively, sorted by name); `-` is standard input.
    pub fn new(paths: &[PathBuf]) -> Self {
        let mut inputs = Vec::new();
        let mut errors = Vec::new();
        let mut total = Some(0u64);
        for p in paths {
            if p.as_os_str() == "-" {
                inputs.push(Input {
                    path: None,
                    text_id: "-".into(),
                });
                total = None;
                continue;
            }
            if p.is_dir() {
                for entry in walkdir::WalkDir::new(p).sort_by_file_name() {
                    match entry {
                        Ok(e) if e.file_type().is_file() && is_input_file(e.path()) => {
                            let rel = e.path().strip_prefix(p).unwrap_or(e.path());
                            let text_id = rel
                                .components()
                                .map(|c| c.as_os_str().to_string_lossy())
                                .collect::<Vec<_>>()
                                .join("/");
                            if let (Some(t), Ok(m)) = (total.as_mut(), e.metadata()) {
                                *t += m.len();
                            }
                            inputs.push(Input {
                                path: Some(e.path().to_path_buf()),
                                text_id,
                            });
                        }
                        Ok(_) => {}
                        Err(err) => {
                            let src = err
                                .path()
                                .map(|x| x.display().to_string())
                                .unwrap_or_else(|| p.display().to_string());
                            errors.push(error_record(
                                src.clone(),
                                src,
                                RecordErrorKind::Io,
                                err.to_string(),
                                0,
                            ));
                        }
                    }
                }
            } else {
                if let (Some(t), Ok(m)) = (total.as_mut(), std::fs::metadata(p)) {
                    *t += m.len();
                }
                inputs.push(Input {
                    path: Some(p.clone()),
                    text_id: p.display().to_string(),
                });
            }
        }
        InputPlan {
            inputs,
            total_bytes: total,
            errors,
        }
    }

    /// Number of files (and standard-input entries) to read.
    pub fn len(&self) -> usize {
        self.inputs.len()
    }

    /// True when there is nothing to read.
    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty() && self.errors.is_empty()
    }

    /// Starts reading.
    pub fn into_reader(self, options: ReaderOptions) -> RecordReader {
        RecordReader {
            pending_errors: self.errors.into(),
            inputs: self.inputs.into(),
            current: None,
            options,
            raw_bytes: Arc::new(AtomicU64::new(0)),
        }
    }
}

fn error_record(
    id: String,
    source: String,
    kind: RecordErrorKind,
    message: String,
    bytes: usize,
) -> Record {
    Record {
        id,
        result: Err(RecordError {
            kind,
            message,
            location: source.clone(),
        }),
        source,
        bytes,
    }
}

/// Counts the bytes read from the underlying file (compressed bytes for archives).
struct Counting<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

struct Open {
    input: Input,
    name: String,
    reader: Box<dyn BufRead + Send>,
    format: InputFormat,
    line: usize,
    done: bool,
}

/// An iterator of [`Record`]s over an [`InputPlan`].
pub struct RecordReader {
    pending_errors: VecDeque<Record>,
    inputs: VecDeque<Input>,
    current: Option<Open>,
    options: ReaderOptions,
    raw_bytes: Arc<AtomicU64>,
}

impl RecordReader {
    /// A counter of raw bytes read so far, for progress display.
    pub fn bytes_counter(&self) -> Arc<AtomicU64> {
        self.raw_bytes.clone()
    }

    /// Reads JSON Lines or text from any reader (e.g. a test buffer), named `name`.
    pub fn from_reader(
        name: &str,
        reader: impl Read + Send + 'static,
        options: ReaderOptions,
    ) -> io::Result<Self> {
        let raw_bytes = Arc::new(AtomicU64::new(0));
        let input = Input {
            path: None,
            text_id: name.to_string(),
        };
        let open = open_stream(
            input,
            name.to_string(),
            Box::new(reader),
            options.format,
            raw_bytes.clone(),
        )?;
        Ok(RecordReader {
            pending_errors: VecDeque::new(),
            inputs: VecDeque::new(),
            current: Some(open),
            options,
            raw_bytes,
        })
    }

    fn open_next(&mut self) -> Option<Result<Open, Record>> {
        let input = self.inputs.pop_front()?;
        let name = input.display();
        let ext_format = input.path.as_deref().and_then(format_from_extension);
        let format = match self.options.format {
            InputFormat::Auto => ext_format.unwrap_or(InputFormat::Auto),
            f => f,
        };
        let raw: Box<dyn Read + Send> = match &input.path {
            None => Box::new(io::stdin()),
            Some(p) => match File::open(p) {
                Ok(f) => Box::new(f),
                Err(e) => {
                    return Some(Err(error_record(
                        input.text_id.clone(),
                        name,
                        RecordErrorKind::Io,
                        e.to_string(),
                        0,
                    )));
                }
            },
        };
        Some(
            open_stream(
                input.clone(),
                name.clone(),
                raw,
                format,
                self.raw_bytes.clone(),
            )
            .map_err(|e| error_record(input.text_id, name, RecordErrorKind::Io, e.to_string(), 0)),
        )
    }
}

/// Opens a file (`-` = standard input) for reading, decompressing `.gz` or `.zst` content
/// (recognised by its magic bytes).
pub fn open_decompressed(path: &Path) -> io::Result<Box<dyn BufRead + Send>> {
    let raw: Box<dyn Read + Send> = if path.as_os_str() == "-" {
        Box::new(io::stdin())
    } else {
        Box::new(File::open(path)?)
    };
    let input = Input {
        path: Some(path.to_path_buf()),
        text_id: path.display().to_string(),
    };
    let name = input.display();
    let open = open_stream(
        input,
        name,
        raw,
        InputFormat::Text,
        Arc::new(AtomicU64::new(0)),
    )?;
    Ok(open.reader)
}

fn format_from_extension(path: &Path) -> Option<InputFormat> {
    let name = path.file_name()?.to_str()?;
    let base = name
        .strip_suffix(".gz")
        .or_else(|| name.strip_suffix(".zst"))
        .unwrap_or(name);
    if base.ends_with(".jsonl") || base.ends_with(".json") {
        Some(InputFormat::Jsonl)
    } else if base.ends_with(".txt") {
        Some(InputFormat::Text)
    } else {
        None
    }
}

fn open_stream(
    input: Input,
    name: String,
    raw: Box<dyn Read + Send>,
    format: InputFormat,
    counter: Arc<AtomicU64>,
) -> io::Result<Open> {
    let mut buffered = BufReader::with_capacity(
        1 << 16,
        Counting {
            inner: raw,
            count: counter,
        },
    );
    let magic = buffered.fill_buf()?;
    let reader: Box<dyn BufRead + Send> = if magic.starts_with(&[0x1f, 0x8b]) {
        Box::new(BufReader::with_capacity(
            1 << 16,
            flate2::bufread::MultiGzDecoder::new(buffered),
        ))
    } else if magic.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
        Box::new(BufReader::with_capacity(
            1 << 16,
            zstd::stream::read::Decoder::with_buffer(buffered)?,
        ))
    } else {
        Box::new(buffered)
    };
    let mut open = Open {
        input,
        name,
        reader,
        format,
        line: 0,
        done: false,
    };
    if open.format == InputFormat::Auto {
        open.format = sniff(&mut open.reader)?;
    }
    Ok(open)
}

/// JSON Lines when the first non-blank byte is `{`, text otherwise.
fn sniff(reader: &mut Box<dyn BufRead + Send>) -> io::Result<InputFormat> {
    let buf = reader.fill_buf()?;
    let first = buf.iter().find(|b| !b.is_ascii_whitespace());
    Ok(match first {
        Some(b'{') => InputFormat::Jsonl,
        _ => InputFormat::Text,
    })
}

impl Iterator for RecordReader {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        if let Some(r) = self.pending_errors.pop_front() {
            return Some(r);
        }
        loop {
            if self.current.as_ref().is_none_or(|c| c.done) {
                self.current = None;
                match self.open_next()? {
                    Ok(open) => self.current = Some(open),
                    Err(record) => return Some(record),
                }
            }
            let open = self.current.as_mut()?;
            let record = match open.format {
                InputFormat::Jsonl => next_jsonl(open, &self.options),
                _ => next_text(open),
            };
            if let Some(r) = record {
                return Some(r);
            }
        }
    }
}

fn next_text(open: &mut Open) -> Option<Record> {
    open.done = true;
    let mut bytes = Vec::new();
    let id = open.input.text_id.clone();
    let source = format!("{}:1", open.name);
    if let Err(e) = open.reader.read_to_end(&mut bytes) {
        return Some(error_record(
            id,
            source,
            RecordErrorKind::Io,
            e.to_string(),
            bytes.len(),
        ));
    }
    let n = bytes.len();
    Some(match String::from_utf8(bytes) {
        Ok(text) => Record {
            id: id.clone(),
            source,
            result: Ok(Document::new(id, text)),
            bytes: n,
        },
        Err(e) => error_record(
            id,
            source,
            RecordErrorKind::Utf8,
            e.utf8_error().to_string(),
            n,
        ),
    })
}

fn next_jsonl(open: &mut Open, options: &ReaderOptions) -> Option<Record> {
    let mut line = Vec::new();
    loop {
        line.clear();
        open.line += 1;
        let source = format!("{}:{}", open.name, open.line);
        match open.reader.read_until(b'\n', &mut line) {
            Ok(0) => {
                open.done = true;
                return None;
            }
            Ok(_) => {}
            Err(e) => {
                open.done = true;
                return Some(error_record(
                    source.clone(),
                    source,
                    RecordErrorKind::Io,
                    e.to_string(),
                    line.len(),
                ));
            }
        }
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        return Some(parse_line(&line, source, options));
    }
}

/// Turns one JSON Lines line into a record.
pub fn parse_line(line: &[u8], source: String, options: &ReaderOptions) -> Record {
    let bytes = line.len();
    let fail =
        |id: String, kind, message: String| error_record(id, source.clone(), kind, message, bytes);
    if let Err(e) = std::str::from_utf8(line) {
        return fail(source.clone(), RecordErrorKind::Utf8, e.to_string());
    }
    let mut value: Value = match serde_json::from_slice(line) {
        Ok(v) => v,
        Err(e) => return fail(source.clone(), RecordErrorKind::Json, e.to_string()),
    };
    if !value.is_object() {
        return fail(
            source.clone(),
            RecordErrorKind::Json,
            "expected a JSON object".into(),
        );
    }
    let id = match field_mut(&mut value, &options.id_field) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => source.clone(),
    };
    // Kept before the text is taken out, so that the text itself can be kept too.
    let kept = if options.keep_fields.is_empty() {
        Value::Null
    } else {
        Value::Object(
            options
                .keep_fields
                .iter()
                .filter_map(|name| Some((name.clone(), field_mut(&mut value, name)?.clone())))
                .collect(),
        )
    };
    let text = match field_mut(&mut value, &options.text_field) {
        Some(Value::String(s)) => std::mem::take(s),
        Some(other) => {
            let kind = match other {
                Value::Null => "null",
                Value::Bool(_) => "a boolean",
                Value::Number(_) => "a number",
                Value::Array(_) => "an array",
                _ => "an object",
            };
            return fail(
                id,
                RecordErrorKind::NotString,
                format!("field `{}` is {kind}, not a string", options.text_field),
            );
        }
        None => {
            return fail(
                id,
                RecordErrorKind::MissingText,
                format!("no field `{}`", options.text_field),
            );
        }
    };
    let mut document = Document::new(id.clone(), text);
    document.meta = kept;
    Record {
        id,
        source,
        result: Ok(document),
        bytes,
    }
}

/// Looks up `name` as a key first, then as a dotted path (`article.body`).
fn field_mut<'v>(value: &'v mut Value, name: &str) -> Option<&'v mut Value> {
    if value.as_object()?.contains_key(name) {
        return value.get_mut(name);
    }
    if !name.contains('.') {
        return None;
    }
    let mut cur = value;
    for part in name.split('.') {
        cur = cur.as_object_mut()?.get_mut(part)?;
    }
    Some(cur)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Vec<Record> {
        RecordReader::from_reader(
            "t",
            io::Cursor::new(s.as_bytes().to_vec()),
            ReaderOptions::default(),
        )
        .unwrap()
        .collect()
    }

    #[test]
    fn jsonl_records_and_errors() {
        let recs = read(
            "{\"id\":\"a\",\"text\":\"x\"}\n\nnot json\n{\"id\":7,\"text\":3}\n{\"id\":\"b\"}\n",
        );
        assert_eq!(recs.len(), 4);
        assert_eq!(recs[0].result.as_ref().unwrap().id, "a");
        assert_eq!(
            recs[1].result.as_ref().unwrap_err().kind,
            RecordErrorKind::Json
        );
        assert_eq!(recs[1].source, "t:3");
        assert_eq!(recs[2].id, "7");
        assert_eq!(
            recs[2].result.as_ref().unwrap_err().kind,
            RecordErrorKind::NotString
        );
        assert_eq!(
            recs[3].result.as_ref().unwrap_err().kind,
            RecordErrorKind::MissingText
        );
    }

    #[test]
    fn dotted_fields() {
        let opts = ReaderOptions {
            text_field: "article.body".into(),
            id_field: "meta.id".into(),
            ..Default::default()
        };
        let r = parse_line(
            br#"{"meta":{"id":"z"},"article":{"body":"hi"}}"#,
            "s".into(),
            &opts,
        );
        let d = r.result.unwrap();
        assert_eq!((d.id.as_str(), d.text.as_str()), ("z", "hi"));
    }

    #[test]
    fn kept_fields_go_to_meta() {
        let opts = ReaderOptions {
            keep_fields: vec!["date".into(), "src.url".into(), "absent".into()],
            ..Default::default()
        };
        let r = parse_line(
            br#"{"id":"a","text":"t","date":"2024-05-01","src":{"url":"u"},"n":3}"#,
            "s".into(),
            &opts,
        );
        let d = r.result.unwrap();
        assert_eq!(
            d.meta,
            serde_json::json!({"date": "2024-05-01", "src.url": "u"})
        );
    }

    #[test]
    fn text_when_not_json() {
        let recs = read("Just an article.\n{not json}");
        assert_eq!(recs.len(), 1);
        assert_eq!(
            recs[0].result.as_ref().unwrap().text,
            "Just an article.\n{not json}"
        );
    }

    #[test]
    fn input_file_names() {
        assert!(is_input_file(Path::new("a/b.txt")));
        assert!(is_input_file(Path::new("b.jsonl.gz")));
        assert!(is_input_file(Path::new("b.json.zst")));
        assert!(!is_input_file(Path::new("b.csv")));
        assert!(!is_input_file(Path::new(".txt")));
    }
}

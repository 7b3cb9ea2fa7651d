//! `quotesmith._quotesmith`: the native half of the Python package.
//!
//! The Python half (`python/quotesmith/__init__.py`) wraps these functions with docstrings,
//! the model search and `json.loads`. Records cross the boundary as JSON text rendered by
//! the library's own JSON Lines writer, so a record here is byte for byte a line of
//! `quotesmith extract`; rows for Spark cross as an in-memory Parquet file written by the
//! export's own writer, so they are the rows of `extract --format parquet`.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use quotesmith::export::parquet::ParquetWriter;
use quotesmith::export::{ExportError, KeptFields, QuoteRow, RowKind};
use quotesmith::io::jsonl::{FieldSet, Output, render};
use quotesmith::io::reader::ReaderOptions;
use quotesmith::io::runner::{self, Flow, JsonlJob, Runner};
use quotesmith::io::{RecordError, RecordErrorKind};
use quotesmith::pipeline::NerMode;
use quotesmith::quotes::AttributionMode;
use quotesmith::{Config, Document, Error, Pipeline};
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

create_exception!(
    _quotesmith,
    QuotesmithError,
    PyException,
    "Base class of quotesmith's errors."
);
create_exception!(
    _quotesmith,
    ModelError,
    QuotesmithError,
    "A model or data file is missing or invalid, or the pipeline settings are inconsistent."
);
create_exception!(
    _quotesmith,
    InputError,
    QuotesmithError,
    "An input could not be read or annotated."
);

/// Pipelines built in this process (`quotesmith.pipelines_built()`).
static PIPELINES_BUILT: AtomicUsize = AtomicUsize::new(0);

/// The Python exception for a library error: a model, data or configuration problem is a
/// `ModelError`, anything about the input a `InputError`; the message is the library's.
fn py_error(e: Error) -> PyErr {
    match e {
        Error::Model { .. }
        | Error::ModelNotFound { .. }
        | Error::Data { .. }
        | Error::Backend { .. }
        | Error::Config(_) => ModelError::new_err(e.to_string()),
        _ => InputError::new_err(e.to_string()),
    }
}

/// Parses a mode name the way the command line does (`fast`, `combined`, ...).
fn mode<T: serde::de::DeserializeOwned>(what: &str, name: &str) -> PyResult<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string()))
        .map_err(|_| ModelError::new_err(format!("unknown {what} mode {name:?}")))
}

/// One text of a batch: the string, or the error record that takes its place.
fn batch_text(item: &Bound<'_, PyAny>, id: &str, place: usize) -> Result<String, RecordError> {
    match item.cast::<PyString>() {
        Ok(s) => s.to_cow().map(|c| c.into_owned()).map_err(|e| RecordError {
            kind: RecordErrorKind::Utf8,
            message: e.to_string(),
            location: format!("batch:{place}"),
        }),
        Err(_) => Err(RecordError {
            kind: RecordErrorKind::NotString,
            message: format!(
                "text of record {id:?} is {}, not a string",
                item.get_type()
                    .name()
                    .map_or_else(|_| "not a string".into(), |n| n.to_string())
            ),
            location: format!("batch:{place}"),
        }),
    }
}

/// A loaded pipeline and the worker pools it has used, by thread count.
#[pyclass(module = "quotesmith._quotesmith", name = "NativePipeline", frozen)]
struct NativePipeline {
    pipeline: Pipeline,
    runners: Mutex<HashMap<usize, Arc<Runner>>>,
}

impl NativePipeline {
    fn runner(&self, threads: usize) -> PyResult<Arc<Runner>> {
        let mut runners = self.runners.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(r) = runners.get(&threads) {
            return Ok(r.clone());
        }
        let r = Arc::new(Runner::new(threads).map_err(py_error)?);
        runners.insert(threads, r.clone());
        Ok(r)
    }

    /// Annotates one text, or takes its error record.
    fn output(&self, id: &str, text: Result<String, RecordError>) -> Output {
        let error = match text {
            Err(error) => error,
            Ok(text) => match self.pipeline.annotate(&Document::new(id, text)) {
                Ok(a) => return Output::Annotation(a),
                Err(e) => RecordError {
                    kind: RecordErrorKind::Pipeline,
                    message: e.to_string(),
                    location: format!("record {id:?}"),
                },
            },
        };
        Output::Error {
            id: id.to_string(),
            error,
        }
    }

    /// The outputs of a batch, in order, annotated in parallel without the GIL.
    fn outputs(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyList>,
        ids: &[String],
        threads: usize,
    ) -> PyResult<Vec<Output>> {
        if ids.len() != texts.len() {
            return Err(InputError::new_err(format!(
                "{} texts but {} ids",
                texts.len(),
                ids.len()
            )));
        }
        let inputs: Vec<Result<String, RecordError>> = texts
            .iter()
            .zip(ids)
            .enumerate()
            .map(|(place, (t, id))| batch_text(&t, id, place))
            .collect();
        let runner = self.runner(threads)?;
        Ok(py.detach(|| {
            runner.pool().install(|| {
                inputs
                    .into_par_iter()
                    .zip(ids.par_iter())
                    .map(|(text, id)| self.output(id, text))
                    .collect()
            })
        }))
    }
}

/// One output as JSON: the JSON Lines record (without its newline), or with `quote_rows` an
/// annotation's quote rows as a JSON array.
fn render_json(output: &Output, quote_rows: bool) -> String {
    let mut line = Vec::new();
    match output {
        Output::Annotation(a) if quote_rows => {
            serde_json::to_writer(&mut line, &QuoteRow::from_annotation(a))
                .expect("quote rows serialise");
        }
        _ => {
            render(output, FieldSet::default(), &mut line);
            line.pop();
        }
    }
    String::from_utf8(line).expect("JSON is UTF-8")
}

/// The annotations of `outputs` as an in-memory Parquet file of the export's rows (quote
/// rows or document rows), and per output its error object as JSON (None when annotated).
fn parquet_rows(
    outputs: &[Output],
    rows: RowKind,
) -> Result<(Vec<u8>, Vec<Option<String>>), ExportError> {
    let kept = KeptFields::new(Vec::new(), rows).map_err(ExportError::Unsupported)?;
    let mut writer = ParquetWriter::new(Vec::new(), rows, &kept)?;
    let mut errors = Vec::with_capacity(outputs.len());
    for output in outputs {
        errors.push(match output {
            Output::Annotation(a) => {
                writer.write_document(a, &[])?;
                None
            }
            Output::Error { error, .. } => {
                Some(serde_json::to_string(error).expect("error records serialise"))
            }
        });
    }
    Ok((writer.finish()?, errors))
}

#[pymethods]
impl NativePipeline {
    #[new]
    #[pyo3(signature = (attribution, ner, outlets, model_dir))]
    fn new(
        py: Python<'_>,
        attribution: &str,
        ner: &str,
        outlets: Vec<PathBuf>,
        model_dir: Option<PathBuf>,
    ) -> PyResult<Self> {
        let attribution: AttributionMode = mode("attribution", attribution)?;
        let ner: NerMode = mode("ner", ner)?;
        let mut config = Config::default()
            .with_modes(ner, attribution)
            .with_transformer(model_dir, Default::default());
        for f in outlets {
            config = config.with_outlet_file(f);
        }
        let pipeline = py.detach(|| Pipeline::new(&config)).map_err(py_error)?;
        PIPELINES_BUILT.fetch_add(1, Ordering::SeqCst);
        Ok(NativePipeline {
            pipeline,
            runners: Mutex::new(HashMap::new()),
        })
    }

    /// One record as JSON; a text that cannot be annotated raises `InputError`.
    fn annotate_json(&self, py: Python<'_>, text: &Bound<'_, PyAny>, id: &str) -> PyResult<String> {
        let text = batch_text(text, id, 0).map_err(|e| InputError::new_err(e.message))?;
        let doc = Document::new(id, text);
        let a = py
            .detach(|| self.pipeline.annotate(&doc))
            .map_err(py_error)?;
        Ok(render_json(&Output::Annotation(a), false))
    }

    /// The records of a batch as JSON, in order, an error record in place of each text that
    /// failed. With `quote_rows`, each annotation is a JSON array of its quote rows instead.
    #[pyo3(signature = (texts, ids, threads, quote_rows=false))]
    fn annotate_batch_json(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyList>,
        ids: Vec<String>,
        threads: usize,
        quote_rows: bool,
    ) -> PyResult<Vec<String>> {
        let outputs = self.outputs(py, texts, &ids, threads)?;
        Ok(outputs.iter().map(|o| render_json(o, quote_rows)).collect())
    }

    /// A batch as an in-memory Parquet file of the export's quote rows (`quote_rows`) or
    /// document rows, holding the annotated texts in order, and per text its error record's
    /// `error` object as JSON (None when it was annotated).
    #[pyo3(signature = (texts, ids, threads, quote_rows))]
    fn annotate_batch_parquet<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyList>,
        ids: Vec<String>,
        threads: usize,
        quote_rows: bool,
    ) -> PyResult<(Bound<'py, PyBytes>, Vec<Option<String>>)> {
        let outputs = self.outputs(py, texts, &ids, threads)?;
        let rows = if quote_rows {
            RowKind::Quotes
        } else {
            RowKind::Documents
        };
        let (file, errors) = py
            .detach(|| parquet_rows(&outputs, rows))
            .map_err(|e| InputError::new_err(e.to_string()))?;
        Ok((PyBytes::new(py, &file), errors))
    }

    /// Streams files through the library's runner into `output` (see `Pipeline.annotate_jsonl`).
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (inputs, output, resume, threads, id_field, text_field, fields))]
    fn annotate_jsonl<'py>(
        &self,
        py: Python<'py>,
        inputs: Vec<PathBuf>,
        output: PathBuf,
        resume: bool,
        threads: usize,
        id_field: String,
        text_field: String,
        fields: Option<String>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let fields = match fields {
            Some(list) => FieldSet::parse(&list).map_err(InputError::new_err)?,
            None => FieldSet::default(),
        };
        let job = JsonlJob {
            inputs,
            output,
            reader: ReaderOptions {
                id_field,
                text_field,
                ..ReaderOptions::default()
            },
            fields,
            resume,
        };
        let runner = self.runner(threads)?;
        let mut interrupt: Option<PyErr> = None;
        let cancel = AtomicBool::new(false);
        let progress = py
            .detach(|| {
                runner::run_jsonl(&self.pipeline, &runner, &job, &cancel, |_| {
                    // Ctrl-C (or another signal handler's exception) between batches: the
                    // batches written so far stay, and the exception is raised below.
                    match Python::attach(|py| py.check_signals()) {
                        Ok(()) => Flow::Continue,
                        Err(e) => {
                            interrupt = Some(e);
                            Flow::Stop
                        }
                    }
                })
            })
            .map_err(py_error)?;
        if let Some(e) = interrupt {
            return Err(e);
        }
        let summary = PyDict::new(py);
        summary.set_item("documents", progress.documents)?;
        summary.set_item("errors", progress.errors)?;
        summary.set_item("quotes", progress.quotes)?;
        summary.set_item("skipped", progress.skipped)?;
        Ok(summary)
    }
}

/// How many pipelines this process has built.
#[pyfunction]
fn pipelines_built() -> usize {
    PIPELINES_BUILT.load(Ordering::SeqCst)
}

/// Converts one Arrow type of the library's table schemas into a pyarrow type.
fn pyarrow_type<'py>(
    pa: &Bound<'py, PyModule>,
    t: &arrow_schema::DataType,
) -> PyResult<Bound<'py, PyAny>> {
    use arrow_schema::DataType as T;
    match t {
        T::Utf8 => pa.call_method0("string"),
        T::Int32 => pa.call_method0("int32"),
        T::Int64 => pa.call_method0("int64"),
        T::Float32 => pa.call_method0("float32"),
        T::Boolean => pa.call_method0("bool_"),
        T::List(item) => pa.call_method1("list_", (pyarrow_field(pa, item)?,)),
        T::Struct(fields) => {
            let fields = fields
                .iter()
                .map(|f| pyarrow_field(pa, f))
                .collect::<PyResult<Vec<_>>>()?;
            pa.call_method1("struct", (fields,))
        }
        other => Err(ModelError::new_err(format!("no pyarrow type for {other}"))),
    }
}

fn pyarrow_field<'py>(
    pa: &Bound<'py, PyModule>,
    f: &arrow_schema::Field,
) -> PyResult<Bound<'py, PyAny>> {
    pa.call_method1(
        "field",
        (f.name(), pyarrow_type(pa, f.data_type())?, f.is_nullable()),
    )
}

fn pyarrow_schema<'py>(py: Python<'py>, s: &arrow_schema::Schema) -> PyResult<Bound<'py, PyAny>> {
    let pa = py.import("pyarrow")?;
    let fields = s
        .fields()
        .iter()
        .map(|f| pyarrow_field(&pa, f))
        .collect::<PyResult<Vec<_>>>()?;
    pa.call_method1("schema", (fields,))
}

/// The pyarrow schema of the flat quote rows: the Parquet export's (`docs/parquet.md`).
#[pyfunction]
fn quote_row_schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    let kept = KeptFields::new(Vec::new(), RowKind::Quotes).map_err(ModelError::new_err)?;
    pyarrow_schema(py, &quotesmith::export::parquet::quote_schema(&kept))
}

/// The pyarrow schema of a whole record: the Parquet export's document rows.
#[pyfunction]
fn record_schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    let kept = KeptFields::new(Vec::new(), RowKind::Documents).map_err(ModelError::new_err)?;
    pyarrow_schema(py, &quotesmith::export::parquet::document_schema(&kept))
}

#[pymodule]
fn _quotesmith(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<NativePipeline>()?;
    m.add_function(wrap_pyfunction!(pipelines_built, m)?)?;
    m.add_function(wrap_pyfunction!(quote_row_schema, m)?)?;
    m.add_function(wrap_pyfunction!(record_schema, m)?)?;
    m.add("QuotesmithError", py.get_type::<QuotesmithError>())?;
    m.add("ModelError", py.get_type::<ModelError>())?;
    m.add("InputError", py.get_type::<InputError>())?;
    m.add("MODEL_DIR_ENV", quotesmith::transformer::MODEL_DIR_ENV)?;
    Ok(())
}

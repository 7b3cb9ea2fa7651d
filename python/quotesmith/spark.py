"""quotesmith on Spark: annotate a DataFrame of articles, one Pipeline per Python worker.

    from pyspark.sql import SparkSession
    import quotesmith.spark

    spark = SparkSession.builder.getOrCreate()
    df = spark.read.json("articles.jsonl")                 # columns id, text, ...
    annotated = quotesmith.spark.annotate(df)              # + annotation (struct), error
    quotesmith.spark.quotes(df).write.parquet("quotes/")   # one row per quote

Both run through ``mapInArrow``. Each Python worker process builds one
:class:`quotesmith.Pipeline` per set of options and keeps it for every later task (a
module-level cache; Spark reuses its Python workers by default), and annotates each Arrow
batch on ``spark.task.cpus`` threads (1 unless set), so executors do not run more threads
than the cores Spark gave them. The rows come from the library's own Parquet export
(docs/parquet.md): ``annotation`` is the document row (``id``, ``quotes``, ``speakers``,
``outlets``, ``entities``, ``sentences``, as in docs/schema.md) and :func:`quotes` gives the
quote rows, column for column.
"""

from __future__ import annotations

import io
import json
from typing import Any, Dict, Iterator, Optional, Sequence, Tuple

import pyarrow as pa
import pyarrow.parquet as pq

from . import Pipeline, _quotesmith, pipelines_built

__all__ = ["annotate", "quotes", "record_type", "quote_row_schema", "pipelines_built"]

#: The ``error`` column: the error record's ``error`` object (docs/schema.md).
ERROR_TYPE = pa.struct(
    [pa.field("kind", pa.string()), pa.field("message", pa.string()), pa.field("source", pa.string())]
)

# One pipeline per worker process and set of options.
_PIPELINES: Dict[Tuple[Any, ...], Pipeline] = {}


def record_type() -> pa.StructType:
    """The Arrow type of the ``annotation`` column: the export's document row."""
    return pa.struct(list(_quotesmith.record_schema()))


def quote_row_schema() -> pa.Schema:
    """The Arrow schema of :func:`quotes`: the export's quote rows (docs/parquet.md)."""
    return _quotesmith.quote_row_schema()


def _pipeline(options: Tuple[Any, ...]) -> Pipeline:
    pipeline = _PIPELINES.get(options)
    if pipeline is None:
        attribution, ner, outlets, model_dir = options
        pipeline = Pipeline(attribution=attribution, ner=ner, outlets=outlets, model_dir=model_dir)
        _PIPELINES[options] = pipeline
    return pipeline


def _task_threads() -> int:
    """``spark.task.cpus`` of the running task (1 outside a task)."""
    from pyspark import TaskContext

    ctx = TaskContext.get()
    return max(1, int(ctx.cpus())) if ctx is not None else 1


def _texts_and_ids(batch: pa.RecordBatch, text_col: str, id_col: Optional[str]):
    texts = batch.column(text_col).to_pylist()
    if id_col is None:
        ids = [""] * len(texts)
    else:
        ids = ["" if v is None else str(v) for v in batch.column(id_col).to_pylist()]
    return texts, ids


def _rows(options, texts, ids, quote_rows: bool) -> Tuple[pa.Table, list]:
    native = _pipeline(options)._native
    data, errors = native.annotate_batch_parquet(texts, ids, _task_threads(), quote_rows)
    return pq.read_table(io.BytesIO(data)), errors


def annotate_batches(
    batches: Iterator[pa.RecordBatch],
    options: Tuple[Any, ...],
    text_col: str = "text",
    id_col: Optional[str] = "id",
    annotation_col: str = "annotation",
    error_col: str = "error",
) -> Iterator[pa.RecordBatch]:
    """The ``mapInArrow`` function of :func:`annotate` (usable in a job's own function)."""
    rtype = record_type()
    for batch in batches:
        texts, ids = _texts_and_ids(batch, text_col, id_col)
        table, errors = _rows(options, texts, ids, quote_rows=False)
        docs = pa.StructArray.from_arrays(
            [c.combine_chunks() for c in table.columns], fields=list(table.schema)
        ) if table.num_rows else pa.array([], type=rtype)
        # Row k of the Parquet rows is the k-th annotated text; a failed text gets a null.
        place, indices = 0, []
        for e in errors:
            if e is None:
                indices.append(place)
                place += 1
            else:
                indices.append(None)
        annotation = docs.take(pa.array(indices, type=pa.int64()))
        error = pa.array([None if e is None else json.loads(e) for e in errors], type=ERROR_TYPE)
        yield pa.RecordBatch.from_arrays(
            list(batch.columns) + [annotation, error],
            names=list(batch.schema.names) + [annotation_col, error_col],
        )


def quote_batches(
    batches: Iterator[pa.RecordBatch],
    options: Tuple[Any, ...],
    text_col: str = "text",
    id_col: Optional[str] = "id",
) -> Iterator[pa.RecordBatch]:
    """The ``mapInArrow`` function of :func:`quotes`."""
    schema = quote_row_schema()
    for batch in batches:
        texts, ids = _texts_and_ids(batch, text_col, id_col)
        table, _ = _rows(options, texts, ids, quote_rows=True)
        for rb in table.cast(schema).to_batches():
            yield rb


def _options(mode: str, ner: str, outlets: Sequence[str], model_dir) -> Tuple[Any, ...]:
    return (mode, ner, tuple(str(o) for o in outlets), None if model_dir is None else str(model_dir))


def annotate(
    df,
    text_col: str = "text",
    id_col: Optional[str] = "id",
    mode: str = "fast",
    *,
    ner: str = "fast",
    outlets: Sequence[str] = (),
    model_dir: Optional[str] = None,
    annotation_col: str = "annotation",
    error_col: str = "error",
):
    """``df`` with two more columns: ``annotation`` (a struct) and ``error``.

    Args:
        df: a DataFrame with a string column ``text_col`` (and ``id_col``, or None).
        mode: the attribution mode (``"fast"``, ``"combined"``, ``"transformer"``), as the
            CLI's ``--attribution``; ``ner``, ``outlets``, ``model_dir`` as for
            :class:`quotesmith.Pipeline`. The model and outlet files must be readable on the
            executors (``QUOTESMITH_MODEL_DIR`` there, or the model inside the wheel).

    One output row per input row, in the same partitions. ``annotation`` has the fields of a
    JSON Lines record (docs/schema.md; ranges as ``{start, end}`` structs, as in the Parquet
    document rows); a text that cannot be annotated gets a null ``annotation`` and its
    ``error`` (``kind``, ``message``, ``source``), never a lost row.
    """
    from pyspark.sql.pandas.types import from_arrow_type
    from pyspark.sql.types import StructField, StructType

    options = _options(mode, ner, outlets, model_dir)
    schema = StructType(
        list(df.schema.fields)
        + [
            StructField(annotation_col, from_arrow_type(record_type()), True),
            StructField(error_col, from_arrow_type(ERROR_TYPE), True),
        ]
    )

    def run(batches):
        return annotate_batches(batches, options, text_col, id_col, annotation_col, error_col)

    return df.mapInArrow(run, schema)


def quotes(
    df,
    text_col: str = "text",
    id_col: Optional[str] = "id",
    mode: str = "fast",
    *,
    ner: str = "fast",
    outlets: Sequence[str] = (),
    model_dir: Optional[str] = None,
):
    """One row per quote, with the columns of the export's quote rows (docs/parquet.md):
    ``doc_id`` (from ``id_col``), ``quote_index``, ``text``, ``kind``, ``start``, ``end``,
    ``cue``, ``speaker_text``, ``speaker_name``, ``speaker_type``, ``speaker_title``,
    ``speaker_affiliation``, ``outlet``, ``outlet_relation``, ``confidence``. Ready for
    ``.write.parquet``. A text that cannot be annotated has no rows (see :func:`annotate`
    for its error); options as for :func:`annotate`.
    """
    from pyspark.sql.pandas.types import from_arrow_schema

    options = _options(mode, ner, outlets, model_dir)
    schema = from_arrow_schema(quote_row_schema())

    def run(batches):
        return quote_batches(batches, options, text_col, id_col)

    return df.mapInArrow(run, schema)

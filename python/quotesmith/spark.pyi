"""Type stubs of quotesmith.spark (see the docstrings in spark.py)."""

from typing import Any, Iterator, Optional, Sequence, Tuple

import pyarrow as pa
from pyspark.sql import DataFrame

ERROR_TYPE: pa.StructType

def record_type() -> pa.StructType: ...
def quote_row_schema() -> pa.Schema: ...
def pipelines_built() -> int: ...
def annotate_batches(
    batches: Iterator[pa.RecordBatch],
    options: Tuple[Any, ...],
    text_col: str = "text",
    id_col: Optional[str] = "id",
    annotation_col: str = "annotation",
    error_col: str = "error",
) -> Iterator[pa.RecordBatch]: ...
def quote_batches(
    batches: Iterator[pa.RecordBatch],
    options: Tuple[Any, ...],
    text_col: str = "text",
    id_col: Optional[str] = "id",
) -> Iterator[pa.RecordBatch]: ...
def annotate(
    df: DataFrame,
    text_col: str = "text",
    id_col: Optional[str] = "id",
    mode: str = "fast",
    *,
    ner: str = "fast",
    outlets: Sequence[str] = (),
    model_dir: Optional[str] = None,
    annotation_col: str = "annotation",
    error_col: str = "error",
) -> DataFrame: ...
def quotes(
    df: DataFrame,
    text_col: str = "text",
    id_col: Optional[str] = "id",
    mode: str = "fast",
    *,
    ner: str = "fast",
    outlets: Sequence[str] = (),
    model_dir: Optional[str] = None,
) -> DataFrame: ...

"""quotesmith.spark in local[2]: the rows of `annotate` and `quotes` against the CLI's
output (turned into the export's Parquet rows by `quotesmith convert` and `extract --format
parquet`), record by record; error rows; one Pipeline per Python worker over 100,000 documents.

QUOTESMITH_SPARK_DOCS sets the size of the last test (default 100000)."""

import collections
import os
import sys

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import quotesmith as qs
import quotesmith.spark  # noqa: F401 (qs.spark)
from conftest import folder_texts, sample_texts, shared_data

from pyspark import cloudpickle  # noqa: E402

# The workers cannot import this test module: ship its functions by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    # The workers run this interpreter (the test environment, with the installed wheel).
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("quotesmith-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )
    yield session
    session.stop()


def frame(spark, texts, partitions=4):
    rows = [(i, t) for i, t in texts.items()]
    return spark.createDataFrame(rows, "id string, text string").repartition(partitions)


def cli_tables(quotesmith, tmp_path, inputs):
    """The CLI's records as the export's document rows and quote rows, by id."""
    jsonl = tmp_path / "cli.jsonl"
    quotesmith("extract", "--no-progress", "--threads", "2", "-o", jsonl, *inputs)
    docs = tmp_path / "docs.parquet"
    quotesmith("convert", "--format", "parquet", "--rows", "documents", "-o", docs, jsonl)
    rows = tmp_path / "quotes.parquet"
    quotesmith("convert", "--format", "parquet", "--rows", "quotes", "-o", rows, jsonl)
    by_id = {d["id"]: d for d in pq.read_table(docs).to_pylist()}
    quote_rows = pq.read_table(rows).to_pylist()
    return by_id, quote_rows


def check_against_cli(spark, quotesmith, tmp_path, inputs, texts):
    docs, quote_rows = cli_tables(quotesmith, tmp_path, inputs)
    assert sorted(docs) == sorted(texts)
    df = frame(spark, texts)
    annotated = qs.spark.annotate(df).collect()
    assert len(annotated) == len(texts)
    for row in annotated:
        assert row["error"] is None, row["error"]
        got = row["annotation"].asDict(recursive=True)
        assert got == docs[row["id"]], row["id"]
        assert row["text"] == texts[row["id"]]
    got_rows = [r.asDict() for r in qs.spark.quotes(df).collect()]
    key = lambda r: (r["doc_id"], r["quote_index"])  # noqa: E731
    assert sorted(got_rows, key=key) == sorted(quote_rows, key=key)
    assert len(got_rows) > 0


def test_samples_match_the_cli(spark, quotesmith, samples, tmp_path):
    check_against_cli(spark, quotesmith, tmp_path, [samples], sample_texts(samples))


def test_polnear_train_matches_the_cli(spark, quotesmith, tmp_path):
    train = shared_data("polnear/train/text")
    texts = folder_texts(train)
    assert len(texts) == 840
    check_against_cli(spark, quotesmith, tmp_path, [train], texts)


def test_a_failing_record_keeps_its_row_with_an_error(spark):
    df = spark.createDataFrame(
        [("a", "\u201cFine,\u201d he said."), ("b", None), ("c", "Plain.")], "id string, text string"
    ).coalesce(1)
    rows = {r["id"]: r for r in qs.spark.annotate(df).collect()}
    assert set(rows) == {"a", "b", "c"}
    assert rows["a"]["annotation"]["quotes"][0]["text"] == "Fine,"
    assert rows["b"]["annotation"] is None and rows["b"]["error"]["kind"] == "not_string"
    assert rows["c"]["annotation"]["quotes"] == [] and rows["c"]["error"] is None
    assert [r["doc_id"] for r in qs.spark.quotes(df).collect()] == ["a"]


def test_quote_rows_have_the_export_columns(spark):
    df = spark.createDataFrame([("a", "\u201cFine,\u201d he said.")], "id string, text string")
    q = qs.spark.quotes(df)
    assert q.columns == qs.spark.quote_row_schema().names
    assert q.columns[:3] == ["doc_id", "quote_index", "text"]


def per_worker(batches, options):
    """Annotates like qs.spark.annotate, then reports per batch which worker process
    did it, how many pipelines that process has built, and the rows and quotes it made."""
    for out in qs.spark.annotate_batches(batches, options):
        ann = out.column("annotation").to_pylist()
        yield pa.RecordBatch.from_pydict(
            {
                "pid": [os.getpid()],
                "built": [qs.pipelines_built()],
                "rows": [out.num_rows],
                "errors": [sum(a is None for a in ann)],
                "quotes": [sum(len(a["quotes"]) for a in ann if a is not None)],
            }
        )


def test_one_pipeline_per_worker_over_many_documents(spark, quotesmith, tmp_path):
    train = shared_data("polnear/train/text")
    texts = folder_texts(train)
    n = int(os.environ.get("QUOTESMITH_SPARK_DOCS", "100000"))
    docs, _ = cli_tables(quotesmith, tmp_path, [train])
    quotes_per_doc = {i: len(d["quotes"]) for i, d in docs.items()}
    ids = sorted(texts)
    base = frame(spark, texts, partitions=1)
    from pyspark.sql import functions as F

    reps = -(-n // len(ids))
    big = (
        spark.range(reps)
        .withColumnRenamed("id", "rep")
        .crossJoin(F.broadcast(base))
        .withColumn("id", F.concat_ws("#", F.col("id"), F.col("rep").cast("string")))
        .limit(n)
        .select("id", "text")
        .repartition(16)
    )
    expected_quotes = sum(
        quotes_per_doc[r["id"].split("#")[0]] for r in big.select("id").collect()
    )
    options = qs.spark._options("fast", "fast", (), None)
    stats = big.mapInArrow(
        lambda b: per_worker(b, options),
        "pid long, built long, rows long, errors long, quotes long",
    ).collect()
    assert sum(s["rows"] for s in stats) == n
    assert sum(s["errors"] for s in stats) == 0
    assert sum(s["quotes"] for s in stats) == expected_quotes
    built = collections.defaultdict(set)
    for s in stats:
        built[s["pid"]].add(s["built"])
    # Every worker process that took part built exactly one pipeline, however many batches.
    assert built and all(v == {1} for v in built.values()), dict(built)
    assert len(stats) > len(built)

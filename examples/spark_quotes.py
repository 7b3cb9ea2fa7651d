"""A Spark job that turns a news dump into a Parquet table of quotes, one row per quote.

    spark-submit --conf spark.task.cpus=2 examples/spark_quotes.py \\
        s3://bucket/news/*.jsonl.gz s3://bucket/quotes/ [--mode fast|combined] [--documents]

The input is JSON Lines with `id` and `text` fields (others are ignored; `--id-field` and
`--text-field` choose others). Every executor needs the quotesmith wheel (it carries the
transformer model): install it on every node, or ship a packed virtual environment that holds
it with `--archives`.

Each executor's Python worker builds one pipeline and annotates each Arrow batch on
`spark.task.cpus` threads. With `--documents` the job writes one row per article instead
(the annotation as a struct, and an `error` column for articles that failed).
"""

import argparse

from pyspark.sql import SparkSession

import quotesmith.spark


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="JSON Lines files (any Spark path or glob)")
    parser.add_argument("output", help="Parquet folder to write")
    parser.add_argument("--mode", default="fast", help="attribution mode: fast, combined, transformer")
    parser.add_argument("--id-field", default="id")
    parser.add_argument("--text-field", default="text")
    parser.add_argument("--documents", action="store_true", help="one row per article, not per quote")
    args = parser.parse_args()

    spark = SparkSession.builder.appName("quotesmith-quotes").getOrCreate()
    articles = spark.read.json(args.input).select(args.id_field, args.text_field)
    if args.documents:
        out = quotesmith.spark.annotate(articles, args.text_field, args.id_field, args.mode)
    else:
        out = quotesmith.spark.quotes(articles, args.text_field, args.id_field, args.mode)
    out.write.mode("overwrite").parquet(args.output)
    spark.stop()


if __name__ == "__main__":
    main()

"""Throughput of the Python package and of quotesmith.spark against the CLI, same texts, same
mode (README "Python", "Spark"). Runs each measurement `--runs` times, alternating, and prints
every time and the medians.

    python python/bench/throughput.py --texts ../shared/data/polnear/train/text --repeat 3

- CLI: `quotesmith extract DUMP --threads 2 --no-progress -o /dev/null` (wall time, process
  start and pipeline build included; about 0.3 s).
- Python: `Pipeline.annotate_batch(texts, threads=2)` (records as dicts; the pipeline is
  built before the clock starts).
- Spark: `quotesmith.spark.annotate(df)` in local[2], written to the `noop` sink, after a
  warm-up job on the same DataFrame (session start and the workers' pipeline builds excluded).
"""

import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

import quotesmith


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--texts", required=True, help="a folder of .txt files")
    ap.add_argument("--repeat", type=int, default=3, help="each text this many times")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--mode", default="fast")
    ap.add_argument("--bin", default="target/release/quotesmith")
    ap.add_argument("--no-spark", action="store_true")
    args = ap.parse_args()

    files = sorted(pathlib.Path(args.texts).glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in files] * args.repeat
    ids = [f"{i}" for i in range(len(texts))]
    dump = pathlib.Path(tempfile.mkdtemp()) / "dump.jsonl"
    with open(dump, "w", encoding="utf-8") as f:
        for i, t in zip(ids, texts):
            f.write(json.dumps({"id": i, "text": t}) + "\n")
    mb = dump.stat().st_size / 1e6
    print(f"{len(texts)} documents, {mb:.1f} MB of JSON Lines, mode {args.mode}", flush=True)

    pipeline = quotesmith.Pipeline(attribution=args.mode)
    spark = df = None
    if not args.no_spark:
        from pyspark.sql import SparkSession

        import quotesmith.spark as qspark

        os.environ["PYSPARK_PYTHON"] = sys.executable
        spark = (
            SparkSession.builder.master("local[2]")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.memory", "4g")
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate()
        )
        df = spark.createDataFrame(list(zip(ids, texts)), "id string, text string").repartition(8).cache()
        df.count()
        qspark.annotate(df, mode=args.mode).write.format("noop").mode("overwrite").save()

    times = {"cli": [], "python": [], "spark": []}
    for run in range(args.runs):
        t = time.perf_counter()
        subprocess.run(
            [args.bin, "extract", str(dump), "--threads", "2", "--no-progress",
             "--attribution", args.mode, "-o", "/dev/null"],
            check=True, capture_output=True,
        )
        times["cli"].append(time.perf_counter() - t)
        t = time.perf_counter()
        records = pipeline.annotate_batch(texts, ids=ids, threads=2)
        times["python"].append(time.perf_counter() - t)
        assert len(records) == len(texts)
        if spark is not None:
            t = time.perf_counter()
            qspark.annotate(df, mode=args.mode).write.format("noop").mode("overwrite").save()
            times["spark"].append(time.perf_counter() - t)
        print(f"run {run + 1}: " + ", ".join(f"{k} {v[-1]:.2f} s" for k, v in times.items() if v), flush=True)
    cli = statistics.median(times["cli"])
    for k, v in times.items():
        if v:
            m = statistics.median(v)
            print(f"{k}: median {m:.2f} s, {len(texts) / m:.0f} docs/s, {mb / m:.2f} MB/s, "
                  f"{cli / m:.0%} of the CLI's throughput")
    if spark is not None:
        spark.stop()


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Articles per second of the same corpus articles coded three ways: the CLI
(`rasid code --threads T`), one Python process (`rasid.code_frame`, threads=T and 1, and
T Python threads each with threads=1: the GIL is released while coding) and
Spark local[T] (`rasid.spark.code`, mapInArrow), with the events each found (they must
be equal). The README's "Python" section records its figures.

    .venv/bin/python scripts/python_bench.py [--n 10000] [--threads 2] [--corpus PATH]

Needs the rasid package (pip install ./python), pyspark and Java, and the CLI
(target/release/rasid, or RASID_BIN). The corpus defaults to
../shared/corpus/saudinewsnet-2015.jsonl.gz (RASID_SHARED overrides ../shared); the
first N articles are used. Timings are wall-clock; the CLI's and Spark's include reading
the JSON Lines file, the Python figure only coding (the documents already in memory).
"""

import argparse
import gzip
import itertools
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import time

REPO = pathlib.Path(__file__).resolve().parents[1]


def main() -> int:
    shared = pathlib.Path(os.environ.get("RASID_SHARED", REPO.parent / "shared"))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="articles (default 10000)")
    ap.add_argument("--threads", type=int, default=2, help="CLI threads, Spark local[T] (default 2)")
    ap.add_argument("--corpus", default=str(shared / "corpus" / "saudinewsnet-2015.jsonl.gz"))
    ap.add_argument("--repeat", type=int, default=1, help="runs of each method; the fastest is reported")
    ap.add_argument("--skip-spark", action="store_true")
    a = ap.parse_args()
    cli = os.environ.get("RASID_BIN") or str(REPO / "target" / "release" / "rasid")
    if not os.path.exists(a.corpus):
        print(f"corpus {a.corpus} not found", file=sys.stderr)
        return 2
    import rasid

    tmp = tempfile.mkdtemp(prefix="rasid-bench-")
    sample = pathlib.Path(tmp) / "sample.jsonl"
    with gzip.open(a.corpus, "rt", encoding="utf-8") as f, open(sample, "w", encoding="utf-8") as out:
        lines = list(itertools.islice(f, a.n))
        out.writelines(lines)
    docs = [json.loads(line) for line in lines]
    n, mb = len(docs), sum(len(d["text"].encode()) for d in docs) / 1e6
    print(f"{n} articles, {mb:.1f} MB of text; {os.cpu_count()} cores, load {os.getloadavg()[0]:.2f}")
    rows = []

    def report(name: str, secs: float, events: int) -> None:
        rows.append((name, secs, events))
        print(f"  {name:<40} {secs:7.2f} s {n / secs:8.0f} articles/s {events:7d} events", flush=True)

    def best(name: str, run) -> None:
        """Reports the fastest of --repeat runs of run() -> events."""
        times, events = [], set()
        for _ in range(max(1, a.repeat)):
            t = time.perf_counter()
            events.add(run())
            times.append(time.perf_counter() - t)
        report(name, min(times), events.pop() if len(events) == 1 else -1)

    best(
        f"CLI rasid code --threads {a.threads}",
        lambda: subprocess.run(
            [cli, "code", str(sample), "--threads", str(a.threads)], capture_output=True, check=True
        ).stdout.count(b"\n"),
    )

    coder = rasid.Coder()
    for threads in (a.threads, 1):
        best(f"Python code_frame threads={threads}", lambda: len(coder.code_frame(docs, threads=threads)))

    # the GIL is released while coding: T Python threads, each coding its share on one thread
    import concurrent.futures

    parts = [docs[i :: a.threads] for i in range(a.threads)]

    def threaded() -> int:
        with concurrent.futures.ThreadPoolExecutor(a.threads) as pool:
            return sum(len(f) for f in pool.map(lambda p: coder.code_frame(p, threads=1), parts))

    best(f"Python {a.threads} threads x threads=1", threaded)

    if not a.skip_spark:
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        import rasid.spark
        from pyspark.sql import SparkSession
        from pyspark.sql.types import StringType, StructField, StructType

        spark = (
            SparkSession.builder.master(f"local[{a.threads}]")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.files.maxPartitionBytes", str(4 << 20))
            .config("spark.ui.showConsoleProgress", "false")
            .getOrCreate()
        )
        spark.sparkContext.setLogLevel("ERROR")
        schema = StructType([StructField(c, StringType()) for c in ("doc_id", "source", "url", "date", "title", "text")])

        def spark_run() -> int:
            articles = spark.read.schema(schema).json(str(sample))
            return rasid.spark.code(articles).count()

        t = time.perf_counter()
        events = spark_run()
        report(f"Spark local[{a.threads}] (first run: workers start)", time.perf_counter() - t, events)
        best(f"Spark local[{a.threads}] (workers started)", spark_run)
        spark.stop()
    counts = {e for _, _, e in rows}
    print("events equal across methods:", "yes" if len(counts) == 1 else f"NO {sorted(counts)}")
    return 0 if len(counts) == 1 else 1


if __name__ == "__main__":
    sys.exit(main())

"""rasid.spark on a local Spark session: the events of rasid.code, and the CLI's event
counts on a sample of corpus articles (../shared/corpus)."""

import gzip
import itertools
import json
import os
import shutil
import subprocess
import sys

import pytest

import rasid
import rasid.spark
from conftest import SHARED

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("no Java runtime for Spark", allow_module_level=True)

CORPUS = SHARED / "corpus" / "saudinewsnet-2015.jsonl.gz"
SAMPLE = int(os.environ.get("RASID_SPARK_SAMPLE", "400"))


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    s = (
        SparkSession.builder.master("local[2]")
        .appName("rasid-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


def test_spark_gives_the_events_of_code(spark, example):
    lines = [l for l in example["text"].splitlines() if l.strip()]
    docs = [{"doc_id": f"d{i}", "text": "\n".join(lines[i % len(lines):]), "date": "2025-10-20"} for i in range(40)]
    df = spark.createDataFrame(docs).repartition(3)
    ev = rasid.spark.code(df)
    assert ev.columns == list(rasid.COLUMNS)
    got = sorted((r.event_id, r.cameo, r.source, r.target, r.date) for r in ev.collect())
    want = sorted(
        (e["event_id"], e["cameo"], e["source"]["code"], (e["target"] or {}).get("code"), e["date"])
        for e in rasid.code(docs)
    )
    assert got == want and len(got) > 40
    # a date column of type date, no id column
    from pyspark.sql import functions as F

    dated = spark.createDataFrame([(example["text"],)], ["body"]).withColumn("day", F.to_date(F.lit("2025-10-20")))
    rows = rasid.spark.code(dated, text_col="body", date_col="day", id_col=None).collect()
    assert len(rows) == 9 and rows[0].date == "2025-10-19"


def test_spark_and_cli_give_the_same_counts(spark, cli, tmp_path):
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} not found (../shared is not beside the repo)")
    sample = tmp_path / "sample.jsonl"
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f, open(sample, "w", encoding="utf-8") as out:
        for line in itertools.islice(f, SAMPLE):
            out.write(line)
    cli_out = subprocess.run([cli, "code", str(sample), "--threads", "2"], check=True, capture_output=True).stdout
    per_doc_cli = {}
    for line in cli_out.decode().splitlines():
        d = json.loads(line)["doc_id"]
        per_doc_cli[d] = per_doc_cli.get(d, 0) + 1
    from pyspark.sql.types import StringType, StructField, StructType

    schema = StructType([StructField(c, StringType()) for c in ("doc_id", "source", "url", "date", "title", "text")])
    articles = spark.read.schema(schema).json(str(sample)).repartition(4)
    counts = rasid.spark.code(articles).groupBy("doc_id").count().collect()
    per_doc_spark = {r["doc_id"]: r["count"] for r in counts}
    assert sum(per_doc_cli.values()) > SAMPLE // 4
    assert per_doc_spark == per_doc_cli

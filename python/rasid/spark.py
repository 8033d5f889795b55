"""Code a Spark DataFrame of articles into a Spark DataFrame of events.

::

    from pyspark.sql import SparkSession
    import rasid.spark

    spark = SparkSession.builder.master("local[2]").getOrCreate()
    articles = spark.read.json("articles.jsonl")          # doc_id, text, date, ...
    events = rasid.spark.code(articles)                   # one row an event
    events.groupBy("cameo_root").count().show()

The articles go through ``mapInArrow``: each Python worker loads the coder once (on the
first batch it meets) and codes Arrow batches of articles on one thread, so Spark's
tasks are the parallelism (``local[2]``: two at a time). The events have the columns of
:data:`rasid.COLUMNS`; rasid (and pyarrow) must be installed where the executors run.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterator, Optional, Sequence, Union

import rasid

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow
    import pyspark.sql

__all__ = ["code", "schema"]

_CODERS: dict = {}


def _coder(lexicon: Any, model: Any, rules_only: bool) -> "rasid.Coder":
    """This process's coder for these settings, loaded on first use (once per worker)."""
    key = (repr(lexicon), repr(model), rules_only)
    c = _CODERS.get(key)
    if c is None:
        if lexicon is None and model is None and not rules_only:
            c = rasid.default_coder()
        else:
            c = rasid.Coder(lexicon, model, rules_only=rules_only)
        _CODERS[key] = c
    return c


def schema() -> str:
    """The Spark schema (DDL) of the events: the columns of :data:`rasid.COLUMNS`, strings
    as ``string``, integers as ``bigint``, floats as ``double``."""
    import pyarrow as pa

    t = rasid.code_arrow([])
    kinds = {pa.string(): "string", pa.int64(): "bigint", pa.float64(): "double"}
    return ", ".join(f"`{f.name}` {kinds[f.type]}" for f in t.schema)


def code(
    df: "pyspark.sql.DataFrame",
    text_col: str = "text",
    date_col: Optional[str] = "date",
    id_col: Optional[str] = "doc_id",
    *,
    lexicon: Union[str, Sequence[str], None] = None,
    model: Optional[str] = None,
    rules_only: bool = False,
) -> "pyspark.sql.DataFrame":
    """Codes the articles of ``df`` into events.

    Args:
        df: a Spark DataFrame with one article a row.
        text_col: the column of the article text (string; a null text is an error).
        date_col: the column of the publication date (string ``YYYY-MM-DD``, date or
            timestamp; null: unknown), or ``None``/a missing column for none.
        id_col: the column of the article id (cast to string), or ``None``/a missing
            column: events are then numbered within each Arrow batch only, so give ids
            when the rows must be traced back.
        lexicon, model, rules_only: as :class:`rasid.Coder` (paths must exist on every
            executor).

    Returns:
        A Spark DataFrame of events with the columns of :data:`rasid.COLUMNS` (lazy: it
        codes when an action runs).

    Raises:
        rasid.RasidError: inside the Spark job (the job fails) for a bad article, named
            by its doc_id.
    """
    from pyspark.sql import functions as F

    cols = df.columns
    sel = [
        (F.col(id_col).cast("string") if id_col and id_col in cols else F.lit(None).cast("string")).alias("doc_id"),
        F.col(text_col).cast("string").alias("text"),
        (F.col(date_col).cast("string") if date_col and date_col in cols else F.lit(None).cast("string")).alias("date"),
    ]
    settings = (lexicon, model, rules_only)

    def run(batches: Iterator["pyarrow.RecordBatch"]) -> Iterator["pyarrow.RecordBatch"]:
        coder = _coder(*settings)
        for b in batches:
            ids = b.column(0).to_pylist()
            texts = b.column(1).to_pylist()
            dates = b.column(2).to_pylist()
            docs = [
                {"doc_id": i, "text": t, "date": d} if i is not None else {"text": t, "date": d}
                for i, t, d in zip(ids, texts, dates)
            ]
            yield from coder.code_arrow(docs, threads=1).to_batches()

    return df.select(*sel).mapInArrow(run, schema())

"""rasid: Arabic news -> CAMEO/PLOVER political event data, in Python.

Three lines code an article into a pandas DataFrame::

    import rasid
    events = rasid.code_frame([{"doc_id": "a1", "text": article, "date": "2025-10-20"}])
    print(events[["cameo", "source", "target", "trigger_text", "date"]])

- :func:`code` returns the event records of ``rasid code`` (the JSON of the README), one
  dict an event; :func:`code_frame` a pandas DataFrame of flat columns, built from the
  Arrow table that :func:`code_arrow` returns (for polars or DuckDB).
- :class:`Coder` keeps a loaded coder (lexicon and model) to reuse; it codes with the GIL
  released, so Python threads run in parallel.
- :class:`Store` reads and writes the SQLite event store of ``rasid ingest``.
- :mod:`rasid.spark` codes a Spark DataFrame of articles (``mapInArrow``).

Documents are ``str`` (the text), UTF-8 ``bytes``, or ``dict`` with ``text`` and optional
``doc_id`` (str or int; default: the position in the list, ``"0"``, ``"1"``, ...),
``date`` (``YYYY-MM-DD`` or ``datetime.date``: the publication date, which resolves
relative dates such as "yesterday"), ``title``, ``url`` and ``source`` (the outlet).
A pandas DataFrame with those columns is taken too. Bad input raises :class:`RasidError`
naming the document and, for text that is not UTF-8, the byte offset.

Offsets (``*_start``, ``*_end``) count bytes of the UTF-8 text, as in the event record.
"""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any, Iterable, Mapping, Optional, Sequence, Union

from . import _rasid
from ._rasid import RasidError, __version__

if TYPE_CHECKING:  # pragma: no cover
    import datetime

    import pandas
    import pyarrow

__all__ = [
    "Coder",
    "RasidError",
    "Store",
    "code",
    "code_arrow",
    "code_frame",
    "COLUMNS",
    "__version__",
]

Doc = Union[str, bytes, Mapping[str, Any]]
Docs = Union[Doc, Iterable[Doc], "pandas.DataFrame"]
DateLike = Union[str, "datetime.date", None]
PathLike = Union[str, "os.PathLike[str]"]

#: The columns of :func:`code_frame` and :func:`code_arrow`, in order.
COLUMNS = (
    "doc_id", "event_id", "sentence", "cameo", "cameo_root", "quad_class", "goldstein",
    "plover", "plover_mode", "plover_context", "aux",
    "source", "source_name", "source_text", "source_entry", "source_start", "source_end",
    "target", "target_name", "target_text", "target_entry", "target_start", "target_end",
    "trigger_text", "trigger_rule", "trigger_start", "trigger_end",
    "date", "date_precision", "date_text",
    "location", "location_country", "geonameid", "lat", "lon", "location_precision",
    "evidence_start", "evidence_end", "evidence_text", "confidence", "lexicon", "doc_date",
)  # fmt: skip


def _docs(docs: Docs) -> Any:
    """A pandas DataFrame of documents as a list of dicts; anything else unchanged."""
    if type(docs).__name__ == "DataFrame" and hasattr(docs, "to_dict"):
        return docs.to_dict("records")  # type: ignore[union-attr]
    return docs


class Coder:
    """A loaded coder, to reuse across calls and threads.

    Args:
        lexicon: a lexicon directory, or several, layered over the shipped lexicons (as
            ``rasid --lexicon DIR``); ``None``: the shipped lexicons alone, compiled into
            the module (loads in milliseconds).
        model: a model trained with ``rasid train`` (its directory or model.json);
            ``None``: the shipped model.
        rules_only: code by the rules alone, without the learned decisions.
        statements: also emit plain statements (CAMEO 010).
        min_confidence: drop events under this confidence (0-1).
        home_country_roles: code a role named without a country with the country of the
            reporting agency or dateline.
        tag_people: run the trained tagger for people no lexicon entry names, kept as
            mentions without a code where a sentence's subject may be missing (slower).

    Raises:
        RasidError: a lexicon with errors (each as file:line), a model that cannot be
            read, an option out of range.

    Coding releases the GIL: several Python threads, each with ``threads=1``, code in
    parallel; ``threads=None`` spreads one call over all cores.
    """

    def __init__(
        self,
        lexicon: Union[PathLike, Sequence[PathLike], None] = None,
        model: Optional[PathLike] = None,
        *,
        rules_only: bool = False,
        statements: bool = False,
        min_confidence: float = 0.0,
        home_country_roles: bool = False,
        tag_people: bool = False,
    ) -> None:
        if isinstance(lexicon, (str, os.PathLike)):
            lexicon = [lexicon]
        self._c = _rasid.Coder(
            None if lexicon is None else [os.fspath(p) for p in lexicon],
            None if model is None else os.fspath(model),
            rules_only=rules_only,
            statements=statements,
            min_confidence=min_confidence,
            home_country_roles=home_country_roles,
            tag_people=tag_people,
        )

    @property
    def lexicon_version(self) -> str:
        """The version (hash) of the lexicon in use, as in each event's ``lexicon``."""
        return self._c.lexicon_version

    def code_jsonl(self, docs: Docs, *, date: DateLike = None, threads: Optional[int] = None) -> str:
        """The events of ``docs`` as JSON Lines: the bytes ``rasid code`` prints."""
        return self._c.code_jsonl(_docs(docs), date, threads)

    def code(self, docs: Docs, *, date: DateLike = None, threads: Optional[int] = None) -> list[dict]:
        """Codes ``docs``; returns their events, one dict an event (the event record:
        ``event_id, doc_id, sentence, cameo, cameo_root, quad_class, goldstein, plover,
        aux, source, target, trigger, date, date_precision, date_text, location,
        evidence, confidence, lexicon``), documents in input order, each document's
        events in text order.

        Args:
            docs: documents (see the module's docstring), or one document.
            date: publication date for documents that carry none.
            threads: coding threads; ``None``: one a core; ``1``: the calling thread.

        Raises:
            RasidError: a bad document (named, with the byte offset of text that is not
                UTF-8) or date.
        """
        return [json.loads(line) for line in self.code_jsonl(docs, date=date, threads=threads).splitlines()]

    def code_arrow(self, docs: Docs, *, date: DateLike = None, threads: Optional[int] = None) -> "pyarrow.Table":
        """Codes ``docs`` (as :meth:`code`); returns a pyarrow Table, one row an event, the
        columns of :data:`COLUMNS` (strings, int64 and float64, nullable)."""
        import pyarrow as pa

        data = self._c.code_ipc(_docs(docs), date, threads)
        return pa.ipc.open_stream(data).read_all()

    def code_frame(self, docs: Docs, *, date: DateLike = None, threads: Optional[int] = None) -> "pandas.DataFrame":
        """Codes ``docs`` (as :meth:`code`); returns a pandas DataFrame of :data:`COLUMNS`
        (from :meth:`code_arrow`): integer columns as pandas ``Int64`` (a missing target's
        offsets are ``<NA>``, not NaN floats), other missing values as pandas gives them
        (None or NaN for strings, by pandas version; NaN for floats)."""
        import pandas as pd
        import pyarrow as pa

        table = self.code_arrow(docs, date=date, threads=threads)
        return table.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)


_DEFAULT: Optional[Coder] = None


def default_coder() -> Coder:
    """The coder of the module functions: shipped lexicons and model, made on first use."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Coder()
    return _DEFAULT


def code(docs: Docs, *, date: DateLike = None, threads: Optional[int] = None) -> list[dict]:
    """Codes ``docs`` with the shipped lexicons and model: :meth:`Coder.code`."""
    return default_coder().code(docs, date=date, threads=threads)


def code_arrow(docs: Docs, *, date: DateLike = None, threads: Optional[int] = None) -> "pyarrow.Table":
    """Codes ``docs`` with the shipped lexicons and model: :meth:`Coder.code_arrow`."""
    return default_coder().code_arrow(docs, date=date, threads=threads)


def code_frame(docs: Docs, *, date: DateLike = None, threads: Optional[int] = None) -> "pandas.DataFrame":
    """Codes ``docs`` with the shipped lexicons and model: :meth:`Coder.code_frame`."""
    return default_coder().code_frame(docs, date=date, threads=threads)


class Store:
    """The SQLite event store of ``rasid ingest`` / ``rasid events`` (the same file).

    Args:
        path: the store file, created and migrated when missing; ``":memory:"`` for a
            store in memory.

    Raises:
        RasidError: a file SQLite cannot open, a store written by a newer rasid.
    """

    def __init__(self, path: PathLike) -> None:
        self._s = _rasid.Store(os.fspath(path))

    @property
    def path(self) -> str:
        """The path the store was opened at."""
        return self._s.path

    def ingest(
        self,
        docs: Docs,
        *,
        coder: Optional[Coder] = None,
        date: DateLike = None,
        batch_size: int = 1000,
    ) -> dict:
        """Codes and stores ``docs`` (as :func:`code` takes them), merging events reported
        by several articles; documents already stored (same doc_id and text) are skipped.

        Returns:
            dict of counts: ``read, stored, skipped, near_duplicates, mentions,
            new_events, merged, failures``.
        """
        c = (coder or default_coder())._c
        return json.loads(self._s.ingest_json(_docs(docs), c, date, batch_size))

    def events(self, *, mentions: bool = False, **filters: Any) -> "pandas.DataFrame":
        """The stored (cross-article) events matching ``filters``, newest first, one a
        row (the columns of ``rasid export --format parquet``: id, date, cameo, source_code,
        target_code, num_mentions, num_articles, confidence, ..., and the ``doc_id``,
        ``url`` and ``evidence_text`` of its first mention); with ``mentions=True``, their
        mentions (doc_id, url, trigger_text, source_text, ... byte offsets, and
        ``evidence_text``: the sentence exactly as in the text).

        Filters (as ``rasid events``): ``actor``, ``source``, ``target`` (code prefixes),
        ``dyad=(a, b)``, ``code`` (CAMEO prefix), ``root``, ``quad`` (1-4), ``from_`` and
        ``to`` (dates), ``place`` (name, ISO3 or GeoNames id), ``outlet``,
        ``min_confidence``, ``limit``, ``after`` (an event id, for paging),
        ``include_history`` (default ``False``: events dated more than 31 days before
        their earliest article are left out), ``entity`` (a lexicon entry id, e.g.
        ``"khalifa-haftar"``: events with a mention naming it). Newest first.

        Raises:
            TypeError: an unknown filter. RasidError: a malformed date.
        """
        import io

        import pyarrow.parquet as pq

        data = self._s.events_parquet(mentions, **filters)
        return pq.read_table(io.BytesIO(data)).to_pandas()

    def dyad(
        self,
        a: str,
        b: str,
        *,
        by: str = "month",
        from_: DateLike = None,
        to: DateLike = None,
        include_history: bool = False,
    ) -> "pandas.DataFrame":
        """Relations between actors ``a`` and ``b`` (code prefixes) per period (``by``:
        ``"day"``, ``"week"`` or ``"month"``) and direction: columns ``period, source,
        target, events, mentions, quad1..quad4`` (events per QuadClass), ``goldstein_sum,
        goldstein_mean``. Events dated too coarsely for ``by`` are counted in
        ``DataFrame.attrs["coarser"]``. History (events dated more than 31 days before
        their earliest article) is left out unless ``include_history=True``."""
        import pandas as pd

        iso = lambda d: None if d is None else str(d)[:10]  # noqa: E731
        r = json.loads(self._s.dyad_json(a, b, by, iso(from_), iso(to), include_history))
        rows = [
            {**{k: v for k, v in row.items() if k != "quad"}, **{f"quad{i + 1}": q for i, q in enumerate(row["quad"])}}
            for row in r["rows"]
        ]
        cols = ["period", "source", "target", "events", "mentions", "quad1", "quad2", "quad3", "quad4",
                "goldstein_sum", "goldstein_mean"]  # fmt: skip
        df = pd.DataFrame(rows, columns=cols)
        df.attrs["coarser"] = r["coarser"]
        return df

    def actors(self, *, code_len: Optional[int] = None, limit: int = 50, **filters: Any) -> "pandas.DataFrame":
        """The most active actors among the events matching ``filters`` (as
        :meth:`events`), codes cut to ``code_len`` characters when given (3: countries
        and organisations), most active first: columns ``code, name`` (the code's own
        description: country and sectors), ``events, mentions, as_source, as_target`` and
        ``entities`` (the lexicon entry ids seen under the code, most mentioned first; at
        most 5)."""
        import pandas as pd

        rows = json.loads(self._s.actors_json(code_len, limit, **filters))
        rows = [{**r, "entities": [e["id"] for e in r.get("entities", [])]} for r in rows]
        return pd.DataFrame(rows, columns=["code", "name", "events", "mentions", "as_source", "as_target", "entities"])

    def counts(self) -> dict:
        """Row counts: ``documents, near_duplicates, events, mentions, failures``."""
        return json.loads(self._s.counts_json())

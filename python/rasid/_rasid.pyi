"""Type hints of the extension module rasid._rasid (Rust, PyO3). Use the wrappers of
the rasid package; this module is their engine."""

from typing import Any, Optional, Sequence

__version__: str

class RasidError(ValueError):
    """A document, lexicon, model or store rasid could not use. The message names the
    document (its position and doc_id) and, for text that is not UTF-8, the byte offset."""

    doc_index: Optional[int]
    doc_id: Optional[str]
    offset: Optional[int]

class Coder:
    def __init__(
        self,
        lexicon: Optional[Sequence[str]] = None,
        model: Optional[str] = None,
        *,
        rules_only: bool = False,
        statements: bool = False,
        min_confidence: float = 0.0,
        home_country_roles: bool = False,
        tag_people: bool = False,
    ) -> None: ...
    @property
    def lexicon_version(self) -> str: ...
    def code_jsonl(self, docs: Any, date: Any = None, threads: Optional[int] = None) -> str:
        """Events as JSON Lines (the event record of `rasid code`)."""
    def code_ipc(self, docs: Any, date: Any = None, threads: Optional[int] = None) -> bytes:
        """Events as an Arrow IPC stream of the flat columns (rasid.COLUMNS)."""

class Store:
    def __init__(self, path: str) -> None: ...
    @property
    def path(self) -> str: ...
    def ingest_json(self, docs: Any, coder: Coder, date: Any = None, batch_size: int = 1000) -> str: ...
    def events_parquet(self, mentions: bool = False, **filters: Any) -> bytes: ...
    def dyad_json(
        self, a: str, b: str, by: str = "month", from_: Optional[str] = None, to: Optional[str] = None
    ) -> str: ...
    def actors_json(self, code_len: Optional[int] = None, limit: int = 50, **filters: Any) -> str: ...
    def counts_json(self) -> str: ...

"""Shared paths of the Python tests: the repo, ../shared (RASID_SHARED overrides it), the
CLI binary (RASID_BIN overrides target/release/rasid)."""

import os
import pathlib
import shutil

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
SHARED = pathlib.Path(os.environ.get("RASID_SHARED", REPO.parent / "shared"))
EXAMPLE = REPO / "examples" / "riyadh-talks.txt"


def cli_path():
    """The rasid CLI to compare with, or None."""
    p = os.environ.get("RASID_BIN") or str(REPO / "target" / "release" / "rasid")
    return p if os.path.exists(p) else shutil.which("rasid")


@pytest.fixture(scope="session")
def example():
    """The repo's own example article as a document dated 2025-10-20."""
    return {"doc_id": "riyadh-talks", "text": EXAMPLE.read_text(encoding="utf-8"), "date": "2025-10-20"}


@pytest.fixture(scope="session")
def cli():
    p = cli_path()
    if p is None:
        pytest.skip("rasid CLI not built (cargo build --release, or set RASID_BIN)")
    return p

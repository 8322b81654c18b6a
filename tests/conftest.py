"""Shared fixtures: the repository root, the default interview, and ../shared beside the clone."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Every test (and every dashboard server a test starts, which inherits the environment) uses a corpus
# library of its own in a temporary folder, never the user's ~/.local/share/discourse-dashboard.
os.environ["DISCOURSE_LIBRARY"] = str(Path(tempfile.mkdtemp(prefix="discourse-tests-")) / "library.sqlite3")
os.environ.pop("DISCOURSE_READ_ONLY", None)

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_INTERVIEW = ROOT / "data" / "transcripts" / "bezrukov-soft-power-picreadi-2018.txt"


def require(path: Path, what: str) -> Path:
    """``path`` if it exists; else fail under CI (the data must be there) and skip elsewhere."""
    if path.exists():
        return path
    message = f"{what} not found at {path}"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI is set, so this is a failure, not a skip)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return require(SHARED, "../shared (the project's shared data)")


@pytest.fixture(scope="session")
def briefings_dir(shared_dir: Path) -> Path:
    return require(shared_dir / "corpus" / "wh-press-briefings", "the press briefings corpus")


@pytest.fixture(scope="session")
def valdai_html(shared_dir: Path) -> Path:
    return require(shared_dir / "corpus" / "valdai-2017" / "valdai_2017-10-19_kremlin55882_print.html", "the Valdai page")


@pytest.fixture(scope="session")
def default_interview() -> Path:
    return DEFAULT_INTERVIEW

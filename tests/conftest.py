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


# A handful of White House briefings for the library's metadata (dates, speakers, pairs, words): two of
# January 2021, a gaggle of May 2022 and three of February 2023. Mr. Deese speaks in one of 2021 and in
# one of 2023; Ms. Jean-Pierre in the 2022 gaggle and two of 2023.
FEW_BRIEFINGS = (
    "2021-01/2021-01-20-press-briefing-by-press-secretary-jen-psaki-january-20-2021.md",
    "2021-01/2021-01-22-press-briefing-by-press-secretary-jen-psaki-and-national-economic-director-brian-deese.md",
    "2022-05/2022-05-11-press-gaggle-by-principal-deputy-press-secretary-karine-jean-pierre-en-route-kankakee-il.md",
    "2023-02/2023-02-01-press-gaggle-by-white-house-spokesperson-ian-sams.md",
    "2023-02/2023-02-03-press-gaggle-by-press-secretary-karine-jean-pierre-en-route-philadelphia-pa-2.md",
    "2023-02/2023-02-06-press-briefing-by-press-secretary-karine-jean-pierre-and-national-economic-council-director-february-6-2023.md",
)


@pytest.fixture(scope="session")
def few_briefings(briefings_dir: Path) -> list[Path]:
    """:data:`FEW_BRIEFINGS` in ``../shared``."""
    return [require(briefings_dir / p, "a briefing of FEW_BRIEFINGS") for p in FEW_BRIEFINGS]


@pytest.fixture(scope="session")
def valdai_html(shared_dir: Path) -> Path:
    return require(shared_dir / "corpus" / "valdai-2017" / "valdai_2017-10-19_kremlin55882_print.html", "the Valdai page")


@pytest.fixture(scope="session")
def default_interview() -> Path:
    return DEFAULT_INTERVIEW


@pytest.fixture(scope="session")
def vader_benchmark():
    """``benchmarks/vader_validation.py`` as a module (the script is not a package)."""
    import importlib.util
    import sys

    spec = importlib.util.spec_from_file_location("vader_validation", ROOT / "benchmarks" / "vader_validation.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("vader_validation", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def vader_data(vader_benchmark) -> Path:
    """The human-rated VADER data (``../shared/eval/vader_groundtruth``)."""
    return require(vader_benchmark.DEFAULT_DATA, "human-rated VADER data (expected ../shared beside the clone)")

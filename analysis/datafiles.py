"""Where the project's data files are: ``data/`` beside ``analysis/`` in a checkout, ``analysis/data/``
in an installed wheel.

The data files (the default interview, topic dictionaries, marker families, actors, word lists) live
in one top-level folder of the repository, ``data/``: that is where people edit them and where the
README points. A wheel can only install files inside its packages, so ``pip install
.`` ships that folder as ``analysis/data/`` (``force-include`` in pyproject.toml). An editable install
(``pip install -e .``) imports the checkout's own ``analysis/`` and so reads the checkout's ``data/``.
This is the one module that knows ``data/``: every default file and folder is named here, and every
word list and data file is read (bytes, decoding, comments) here; the modules that interpret a file
(topics, markers, actors, alignment, text) take its bytes or lines from this module and never compute a
path of their own.

>>> (DATA_DIR / "topics" / "foreign_policy.yaml").is_file()
True

Analysis settings name their data files with :func:`recorded` (``data/markers``, or a user's own
file by its name), never by a server path: the sha256 hashes beside them make them reproducible.

>>> recorded(DATA_DIR / "topics" / "foreign_policy.yaml")
'data/topics/foreign_policy.yaml'
>>> recorded("/home/someone/my_topics.yaml")
'my_topics.yaml'
>>> located("data/markers") == DATA_DIR / "markers"
True
"""

from __future__ import annotations

import codecs
import json
import os
import unicodedata
from functools import cache
from pathlib import Path
from typing import Literal

from .errors import DiscourseError

__all__ = [
    "ABBREVIATIONS", "ACTORS", "DATA_DIR", "DEFAULT_DOCUMENT", "DICTIONARY", "ENCODINGS", "IRONY_CUES",
    "MARKERS", "PREMISE_CHALLENGES", "STOPWORDS",
    "decode", "irony_cues", "located", "numbered_lines", "read", "recorded", "stopwords", "word_list",
]

_PACKAGE = Path(__file__).resolve().parent
# The wheel's copy when there is one (an installed package), else the checkout's folder.
DATA_DIR = _PACKAGE / "data" if (_PACKAGE / "data").is_dir() else _PACKAGE.parent / "data"

# The files and folders the project ships, each read by one loader.
DEFAULT_DOCUMENT = DATA_DIR / "transcripts" / "bezrukov-soft-power-picreadi-2018.txt"
DICTIONARY = DATA_DIR / "topics" / "foreign_policy.yaml"  # analysis.sentence.topics
MARKERS = DATA_DIR / "markers"  # analysis.sentence.markers: one family a .yaml file
ACTORS = DATA_DIR / "actors" / "actors.yaml"  # analysis.document.actors
PREMISE_CHALLENGES = DATA_DIR / "alignment" / "premise_challenges.txt"  # analysis.document.alignment
ABBREVIATIONS = DATA_DIR / "wordlists" / "abbreviations.txt"  # analysis.text
STOPWORDS = DATA_DIR / "wordlists" / "stopwords.txt"  # keyness, concordance, alignment, actors, diagnostics
IRONY_CUES = DATA_DIR / "wordlists" / "irony_cues.txt"  # analysis.document.diagnostics
# The output of benchmarks/vader_validation.py --write (analysis.methods quotes it)
VADER_VALIDATION = DATA_DIR / "methods" / "vader_validation.json"

# Data files (dictionaries, marker families) are read as UTF-8 first and cp1252 second: LIWC
# dictionaries made on Windows are cp1252 (the project's issue).
ENCODINGS = ("utf-8-sig", "cp1252")


def recorded(path: str | os.PathLike[str]) -> str:
    """How settings name a data file or folder: ``data/…`` (POSIX) inside :data:`DATA_DIR`, else its name."""
    p = Path(path)
    try:
        return (Path("data") / p.resolve().relative_to(DATA_DIR.resolve())).as_posix()
    except ValueError:
        return p.name


def located(name: str) -> Path | None:
    """The file a :func:`recorded` name stands for when it is in the data folder, else None. (A name
    that is an absolute path, as settings made before held, is returned as it is.)"""
    p = Path(name)
    if p.is_absolute():
        return p
    parts = p.parts
    if parts and parts[0] == "data" and ".." not in parts:
        return DATA_DIR.joinpath(*parts[1:])
    return None


# --------------------------------------------------------------------------------------------------
# Reading


def read(path: str | os.PathLike[str], what: str) -> bytes:
    """A data file's bytes; DiscourseError naming the file and ``what`` it is when it cannot be read."""
    try:
        return Path(path).read_bytes()
    except OSError as e:
        raise DiscourseError(f"{path}: cannot read the {what} ({e.strerror or e}).") from e


def decode(data: bytes, source: str, *, encodings: tuple[str, ...] = ENCODINGS) -> str:
    """A data file's text: the first of ``encodings`` that reads it, NFC, ``\\n`` line ends.

    DiscourseError (naming ``source`` and the line) for an empty file, UTF-16, a NUL character or
    bytes no encoding reads.
    """
    if not data.strip():
        raise DiscourseError(f"{source}: the file is empty.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DiscourseError(f"{source}, line 1: the file is UTF-16; save it as UTF-8.")
    error: UnicodeDecodeError | None = None
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as e:
            error = e
            continue
        if "\x00" in text:
            line = text.count("\n", 0, text.index("\x00")) + 1
            raise DiscourseError(f"{source}, line {line}: a NUL character; this is not a text file.")
        return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    assert error is not None
    line = data.count(b"\n", 0, error.start) + 1
    if len(encodings) == 1:
        raise DiscourseError(f"{source}, line {line}: the file is not UTF-8; save it as UTF-8.")
    raise DiscourseError(
        f"{source}, line {line}: byte {data[error.start]:#04x} is neither UTF-8 nor cp1252; "
        "save the file as UTF-8."
    )


def numbered_lines(path: str | os.PathLike[str]) -> list[tuple[int, str]]:
    """A UTF-8 list file's lines as (1-based line number, stripped text), without blank and ``#`` lines."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return [(n, s.strip()) for n, s in enumerate(lines, start=1) if s.strip() and not s.lstrip().startswith("#")]


def word_list(path: str | os.PathLike[str]) -> tuple[str, ...]:
    """A word list: one entry a line, lower-cased; blank lines and ``#`` comments are skipped."""
    return tuple(s.lower() for _n, s in numbered_lines(path))


@cache
def irony_cues() -> tuple[str, ...]:
    """The irony cues of ``data/wordlists/irony_cues.txt``."""
    return word_list(IRONY_CUES)


@cache
def stopwords(*, apostrophes: Literal["straight", "both"] = "straight") -> frozenset[str]:
    """The stop words of ``data/wordlists/stopwords.txt`` (written with ``'``); ``apostrophes="both"``
    adds each spelt with a typographic apostrophe too ("we’re" as well as "we're")."""
    stop = frozenset(word_list(STOPWORDS))
    if apostrophes == "both":
        return stop | {w.replace("'", "\u2019") for w in stop}
    return stop


@cache
def vader_validation() -> dict:
    """What ``benchmarks/vader_validation.py --write`` recorded: the lexicon it scored with and, per
    dataset, ``label, n, r, paper_r`` (Pearson r against the human ratings, and the paper's)."""
    return json.loads(read(VADER_VALIDATION, "the VADER validation figures").decode("utf-8"))

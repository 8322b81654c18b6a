"""The corpus library: documents and their analyses, kept in one embedded SQLite file.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as tmp, Library(pathlib.Path(tmp) / "lib.sqlite3") as lib:
...     rec = lib.add("trade.txt", b"Q: Free trade?\\n\\nA: Free trade builds soft power.\\n", tags=["demo"])
...     rows, total = lib.search("trade")
...     (rec.id, rec.tags, [r.id for r in rows], total, lib.count(), rec.pairs, rec.words)
('trade-67cf70', ('demo',), ['trade-67cf70'], 1, 2, 1, 7)

Each document is stored with its metadata (:mod:`analysis.store.metadata`): its date (the document's, else
one in its file name), its speakers with their roles and turn counts (a table of their own, indexed by
name), its number of question-answer pairs and of words; kept up to date when its corrections change.
:meth:`Library.search` filters by text, tag, date range and speaker.

Where the file is: the path given to :class:`Library`; else the environment variable
``DISCOURSE_LIBRARY``; else ``$XDG_DATA_HOME/discourse-dashboard/library.sqlite3`` with
``XDG_DATA_HOME`` defaulting to ``~/.local/share`` (see :func:`default_path`).

How it is written:

- ``PRAGMA journal_mode=WAL``: readers (the dashboard) never block the writer (an import) and a crash
  never leaves a half-written page in the database file.
- ``PRAGMA synchronous=FULL``: a commit returns only after the write-ahead log is on disk, so a
  document reported as added survives a power cut, not only a killed process (``NORMAL`` in WAL mode
  keeps the database consistent but may lose the last commits on power loss). The cost is one fsync
  per commit; a batch groups its results into few transactions (:meth:`Library.store_blobs`).
- ``PRAGMA foreign_keys=ON``: tags cannot outlive their document.
- Every write is one ``BEGIN IMMEDIATE ... COMMIT`` transaction: a document, its bytes and its tags are
  stored together or not at all. A writer waits up to ``timeout`` seconds for another's transaction.
- The file is recognised as ours by ``PRAGMA application_id`` and its ``schema_version`` table; any
  other SQLite database is refused, never altered.

Results are keyed by the document's content hash and :func:`settings_hash` (lexicon, dictionary and
marker hashes, the detail level, the analysing code): an unchanged document is never analysed twice
with the same settings. Frames are stored as Arrow IPC streams (:func:`encode_frame`), which pandas
and pyarrow read back in a fraction of a millisecond per document.

A :class:`Library` holds one sqlite3 connection: use one object per thread (or per Streamlit session).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import urllib.parse
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from analysis.errors import DiscourseError
from analysis.store.metadata import Metadata, SpeakerTurns, date_range, speaker_key

if TYPE_CHECKING:  # pandas is imported by the result methods only: `library list` starts fast
    import pandas as pd

SCHEMA_VERSION = 3
# Version 2 added the corrections table (the user's fixes of a document: who asks, renamed and merged
# speakers, turn roles); version 3 the metadata and speakers tables (each document's date, pairs, words,
# and speakers with roles and turns). An older file is upgraded in place, step by step and each step in
# one transaction, when it is opened for writing; opened read-only, it is read as it is.
# PRAGMA application_id: a 32-bit number in the database header that says which program the file is
# for (see https://www.sqlite.org/fileformat.html#application_id); b"DSCD" as a big-endian integer.
APPLICATION_ID = 0x44534344
ENV_VAR = "DISCOURSE_LIBRARY"
FILE_NAME = "library.sqlite3"
APP_DIR = "discourse-dashboard"
# Seconds a writer waits while another program holds the write lock. An import commits each document
# in well under a second, so ten seconds of waiting means something is stuck, not busy.
LOCK_TIMEOUT = 10.0
# Bump when the analysis code changes its output in a way the data hashes do not capture; the hash of
# the analysing modules' source (code_version) is added to it, so edits invalidate old results too.
CODE_VERSION = 1
DEFAULT_ID = "bezrukov-2018"  # the default document's id (as in links: ?doc=bezrukov-2018)
PAGE_LIMIT_MAX = 1000
# Frames are stored as Arrow IPC streams, not Parquet: reading back the answers of 199 briefings took
# 0.02 s from IPC against 0.5-2 s from Parquet (per-column page decoding of ~70 columns per small
# file dominates); the sizes are alike (17 MB). Sentences, read only on demand, are LZ4-compressed.
# Modules whose code does not shape a result (shells, this store, the batch runner), and packages that only
# read results (the corpus aggregates stored analyses: changing it must not make them stale).
_NOT_ANALYSIS = {"library.py", "metadata.py", "batch.py", "__main__.py"}
_NOT_ANALYSIS_PACKAGES = {"corpus"}

Level = Literal["answer", "sentence"]
Progress = Callable[[int, int], None]  # (documents done, documents in all)

_SCHEMA = f"""
CREATE TABLE schema_version (version INTEGER NOT NULL);
INSERT INTO schema_version (version) VALUES ({SCHEMA_VERSION});
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    title TEXT,
    format TEXT NOT NULL,
    content_sha256 TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    added_at TEXT NOT NULL,
    is_default INTEGER NOT NULL DEFAULT 0,
    bytes BLOB NOT NULL  -- last, so that listing never reads the bytes' overflow pages
);
CREATE TABLE tags (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE ON UPDATE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (document_id, tag)
);
CREATE INDEX tags_by_tag ON tags (tag);
CREATE TABLE analyses (
    content_sha256 TEXT NOT NULL,
    settings_sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL,
    n_answers INTEGER NOT NULL,
    answers BLOB NOT NULL,    -- Arrow IPC stream
    sentences BLOB NOT NULL,  -- Arrow IPC stream (LZ4), last: reading answers never touches it
    PRIMARY KEY (content_sha256, settings_sha256)
);
{{corrections}}
{{metadata}}
PRAGMA application_id = {APPLICATION_ID};
"""
# The user's corrections of a document (analysis.transcripts.corrections, as JSON), applied wherever it
# is used. A table of its own rather than a column of documents: documents keeps its bytes last.
_CORRECTIONS_TABLE = """
CREATE TABLE corrections (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE ON UPDATE CASCADE,
    items TEXT NOT NULL,  -- JSON list, analysis.transcripts.corrections.dumps
    updated_at TEXT NOT NULL
);
"""
# Each document's metadata (analysis.store.metadata), read from the document as parsed with its
# corrections: one row per document (a table of its own, so that documents keeps its bytes last and is
# never rewritten to add a column) and one row per speaker, indexed by the case-folded name, so that
# filtering by date or by speaker is an indexed query. The title stays in documents.title.
_METADATA_TABLES = """
CREATE TABLE metadata (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE ON UPDATE CASCADE,
    date TEXT,        -- ISO 8601, YYYY-MM-DD (NULL when neither the document nor its file name has one)
    pairs INTEGER,    -- question-answer pairs (NULL when the document could not be read to count them)
    words INTEGER,    -- word tokens in the turns (analysis.text.count_words)
    updated_at TEXT NOT NULL
);
CREATE INDEX metadata_by_date ON metadata (date);
CREATE TABLE speakers (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE ON UPDATE CASCADE,
    position INTEGER NOT NULL,  -- the speaker's place in the document's list (from 1)
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,     -- metadata.speaker_key(name): spaces collapsed, case folded
    role TEXT NOT NULL,
    turns INTEGER NOT NULL,
    PRIMARY KEY (document_id, position)
);
CREATE INDEX speakers_by_name ON speakers (name_key, document_id);
"""  # no ";" inside a comment: the schema is run statement by statement, split at ";"
_SCHEMA = _SCHEMA.replace("{corrections}", _CORRECTIONS_TABLE).replace("{metadata}", _METADATA_TABLES)
_RECORD_COLUMNS = "d.id, d.name, d.title, d.format, d.content_sha256, d.size, d.added_at, d.is_default"
# The record's columns and where they are read from: a library older than version 3 (read-only) has no
# metadata table, and its records have no date, pairs or words.
_RECORD_SELECT = (
    f"SELECT {_RECORD_COLUMNS}, m.date, m.pairs, m.words FROM documents d LEFT JOIN metadata m ON m.document_id = d.id"
)
_RECORD_SELECT_OLD = f"SELECT {_RECORD_COLUMNS}, NULL, NULL, NULL FROM documents d"
# Every document with its corrections (JSON, or NULL), as the upgrade to version 3 reads them.
_WITH_CORRECTIONS = (
    "SELECT d.id, d.content_sha256, c.items FROM documents d LEFT JOIN corrections c ON c.document_id = d.id"
)
_INSERT_DOCUMENT = (
    "INSERT INTO documents (id, name, title, format, content_sha256, size, added_at, is_default, bytes) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


@dataclass(frozen=True)
class Record:
    """A document record: everything about a stored document except its bytes (:meth:`Library.bytes_of`)."""

    id: str
    name: str
    title: str | None
    format: str
    content_sha256: str
    size: int
    added_at: str  # ISO 8601, UTC
    tags: tuple[str, ...] = ()
    is_default: bool = False
    # Metadata (analysis.store.metadata); None (and no speakers) in a read-only library of an older version.
    date: str | None = None  # ISO 8601, YYYY-MM-DD
    pairs: int | None = None
    words: int | None = None
    speakers: tuple[SpeakerTurns, ...] = ()

    def to_dict(self) -> dict:
        out = {k: (list(v) if k == "tags" else v) for k, v in vars(self).items()}
        out["speakers"] = [dict(vars(s)) for s in self.speakers]
        return out


def default_path() -> Path:
    """``$DISCOURSE_LIBRARY``; else ``$XDG_DATA_HOME/discourse-dashboard/library.sqlite3``, with
    ``XDG_DATA_HOME`` defaulting to ``~/.local/share``."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / APP_DIR / FILE_NAME


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@lru_cache(maxsize=1)
def code_version() -> str:
    """``CODE_VERSION`` and a hash of the source of every analysing module (``analysis/**/*.py``)."""
    # The whole analysis package (its sub-packages included), not only store/: a change to a parser or a
    # measure must make every stored analysis stale.
    here = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(here.rglob("*.py")):
        if path.name in _NOT_ANALYSIS or path.relative_to(here).parts[0] in _NOT_ANALYSIS_PACKAGES:
            continue
        digest.update(path.relative_to(here).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return f"{CODE_VERSION}-{digest.hexdigest()[:16]}"


def settings_hash(settings: dict, *, detail: str = "summary") -> str:
    """sha256 of the canonical JSON of ``settings`` (:func:`analysis.pipeline.run.settings`, which holds the
    lexicon, dictionary and marker hashes), the ``detail`` level and :func:`code_version`.

    >>> settings_hash({"dictionary_sha256": "a"}) == settings_hash({"dictionary_sha256": "b"})
    False
    """
    payload = {"settings": settings, "detail": detail, "code": code_version()}
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return sha256_of(canonical.encode("utf-8"))


def corrected_settings(settings_sha: str, corrections) -> str:
    """The settings hash of a document analysed with ``corrections``: ``settings_sha`` itself when there
    are none (so uncorrected results keep their key), else a hash of both, so a corrected document is
    never served the uncorrected analysis, nor the other way round."""
    from analysis.transcripts import corrections as fixes

    text = fixes.key(corrections)
    return settings_sha if not text else sha256_of(f"{settings_sha}\0corrections\0{text}".encode("utf-8"))


def encode_frame(frame: pd.DataFrame, *, compression: Literal["none", "lz4"] = "none") -> bytes:
    """One frame as Arrow IPC stream bytes (index dropped), its buffers LZ4-compressed or not."""
    return _encode_table(_to_arrow(frame), compression)


def encode_columns(columns: dict, *, compression: Literal["none", "lz4"] = "none") -> bytes:
    """Columns (name -> NumPy array, list, or pandas Arrow-backed array) as Arrow IPC stream bytes, as
    :func:`encode_frame` would write ``pd.DataFrame(columns)``, without making the frame. A list of
    strings (or of strings and None) becomes an Arrow string column even when it holds only None
    (so every document's column has one type)."""
    import pyarrow as pa

    arrays = []
    for values in columns.values():
        if isinstance(values, list) and all(v is None or isinstance(v, str) for v in values):
            arrays.append(pa.array(values, type=pa.large_string()))
        else:
            arrays.append(pa.array(values))
    return _encode_table(pa.Table.from_arrays(arrays, names=[str(c) for c in columns]), compression)


def _encode_table(table, compression: Literal["none", "lz4"]) -> bytes:
    import pyarrow as pa
    from pyarrow import ipc

    sink = pa.BufferOutputStream()
    options = ipc.IpcWriteOptions(compression=None if compression == "none" else compression, use_threads=False)
    with ipc.new_stream(sink, table.schema, options=options) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()


# Column types that go to Arrow column by column. pa.Table.from_pandas spends about 75 microseconds
# per column on inference and metadata, 5 ms for a 60-column frame, i.e. a tenth of a second per 100
# briefings in a batch run; one pa.array per column of these types costs a third of that and reads back
# (to_pandas) as the same frame (tested).
_PLAIN_DTYPES = frozenset({"int64", "float64", "bool", "str"})


def _to_arrow(frame: pd.DataFrame):
    import pyarrow as pa

    if frame.columns.is_unique and all(str(t) in _PLAIN_DTYPES for t in frame.dtypes):
        names = [str(c) for c in frame.columns]
        if len(set(names)) == len(names):
            return pa.Table.from_arrays([pa.array(col.values) for _, col in frame.items()], names=names)
    return pa.Table.from_pandas(frame, preserve_index=False, nthreads=1)


def decode_frames(blobs: Sequence[bytes], documents: Sequence[str] | None = None) -> pd.DataFrame:
    """The frames of ``blobs`` (from :func:`encode_frame`) stacked into one, in order.

    With ``documents`` (one name per blob), the ``document`` column is set to those names: a result is
    stored by content, so the same text under another file name reads back under its current name.
    Tables are concatenated in Arrow and converted to pandas once (one conversion, not one per document).
    """
    import numpy as np
    import pandas as pd
    import pyarrow as pa
    from pyarrow import ipc

    if not blobs:
        return pd.DataFrame()
    tables = [ipc.open_stream(pa.py_buffer(b)).read_all() for b in blobs]
    # A column that is empty in one document (no opening segment: no None question) may be typed
    # null there and string elsewhere: "permissive" promotes such columns instead of failing.
    table = pa.concat_tables(tables, promote_options="permissive") if len(tables) > 1 else tables[0]
    frame = table.to_pandas(use_threads=False)
    if documents is not None and "document" in frame.columns:
        names = np.repeat(np.asarray(documents, dtype=object), [t.num_rows for t in tables])
        frame["document"] = pd.array(names, dtype=frame["document"].dtype if len(frame) else "str")
    return frame


def stored_format(record: Record) -> str | None:
    """The format a document was parsed with when it was added (``documents.format``), to parse it with
    again: its name may have been changed since, to another extension, which would otherwise choose
    another reader. None (recognise it again) for a format this program does not know."""
    from analysis.transcripts import FORMATS

    return record.format if record.format in FORMATS else None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _slug(name: str) -> str:
    stem = Path(name).stem if "." in Path(name).name else Path(name).name
    return re.sub(r"[^a-z0-9]+", "-", stem.casefold()).strip("-")[:40] or "document"


def _like(query: str) -> str:
    """A LIKE pattern that finds ``query`` anywhere, with its own % and _ taken literally."""
    escaped = query.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _clean_tags(tags: Iterable[str]) -> list[str]:
    out = []
    for t in tags:
        tag = " ".join(str(t).split()).casefold()
        if not tag:
            raise DiscourseError("A tag cannot be empty; give a word such as 'press' or '2021'.")
        if tag not in out:
            out.append(tag)
    return out


def _casefold(value: object) -> str | None:
    return None if value is None else str(value).casefold()


class Library:
    """The documents and analyses in one SQLite file (a context manager; closes the connection on exit).

    ``Library(path)`` opens or creates the file (and its folder) and makes sure the default interview
    is in it. ``readonly=True`` opens without writing anything (a write then raises DiscourseError),
    not even SQLite's ``-wal`` / ``-shm`` files beside it (see :meth:`_open`); ``immutable=False`` reads
    through SQLite's shared files instead (``mode=ro``), for a reader beside busy writers that may
    create those files (the dashboard when it is not read-only).

    An existing empty file (0 bytes) is refused, not silently made a library: it is more likely a
    wrong path or a file truncated by mistake than a wish. ``empty="create"`` says that it is a wish
    (a file made empty on purpose, e.g. by ``tempfile``): it is then made a new library, as a missing
    file would be. A missing file is created whole (see :meth:`_create_file`), so no other program
    ever sees it empty.

    A file of an older schema version is upgraded when it is opened for writing (see
    :meth:`_upgrade_from_2`: every document is parsed again to store its metadata); ``progress(done,
    total)`` is then called as its documents are read. Opened read-only, it is read as it is.
    """

    def __init__(
        self, path: str | os.PathLike[str] | None = None, *, readonly: bool = False, timeout: float = LOCK_TIMEOUT,
        empty: Literal["refuse", "create"] = "refuse", immutable: bool | None = None, progress: Progress | None = None,
    ) -> None:
        self.path = Path(path).expanduser() if path is not None else default_path()
        self.readonly = readonly
        self.timeout = timeout
        self.empty = empty
        self.immutable = immutable
        self.progress = progress
        # A read-only file of an older version says its own: 1 (no corrections), 2 (no metadata).
        self.schema_version = SCHEMA_VERSION
        self._con = self._open()
        try:
            self._check_or_create()
            if not readonly:
                self.ensure_default()
        except BaseException:
            self._con.close()
            raise

    # -- opening ------------------------------------------------------------------------------------

    def _open(self) -> sqlite3.Connection:
        """The connection. Read-only: ``immutable=1`` when no write-ahead log is beside the file (every
        commit is in the file itself, and SQLite then writes nothing at all; ``mode=ro`` alone creates
        ``-wal`` and ``-shm`` files and leaves them there), else ``mode=ro``, which reads the log's
        commits (``immutable=1`` would ignore them) through the files a writer has made already.

        An immutable reader takes no lock: a writer that starts, commits and copies its log into the
        file while that reader is reading could show it a torn page. Each reader of the dashboard opens
        the library for one operation (milliseconds), which makes that unlikely; where writers are busy
        beside it, pass ``immutable=False``."""
        p = self.path
        if p.is_dir():
            raise DiscourseError(f"library {p} is a folder; give a file name such as {p / FILE_NAME}.")
        if p.exists() and p.stat().st_size == 0 and not (self.empty == "create" and not self.readonly):
            raise DiscourseError(
                f"library {p} is an empty file (0 bytes), not a library. Remove it to start a new library "
                f"there, or give another path with --library or ${ENV_VAR}. It was left unchanged."
            )
        path = urllib.parse.quote(p.resolve().as_posix()) if p.exists() else ""
        if self.readonly:
            if not p.exists():
                raise DiscourseError(f"library {p}: no such file (a read-only library is not created).")
            logged = any(Path(f"{p}{suffix}").exists() for suffix in ("-wal", "-journal"))
            immutable = not logged if self.immutable is None else self.immutable and not logged
            target = f"file:{path}?immutable=1" if immutable else f"file:{path}?mode=ro"
        else:
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as e:
                raise DiscourseError(
                    f"library {p}: cannot create its folder ({e.strerror or e}); give another path with "
                    f"--library or ${ENV_VAR}."
                ) from e
            if not p.exists():
                self._create_file()
            target = f"file:{urllib.parse.quote(p.resolve().as_posix())}?mode=rw"  # never creates a file
        try:
            con = sqlite3.connect(target, timeout=self.timeout, isolation_level=None, uri=True)
        except sqlite3.Error as e:
            raise self._error(e) from e
        con.create_function("casefold", 1, _casefold, deterministic=True)
        return con

    def _create_file(self) -> None:
        """A new library file made whole beside ``self.path`` and linked into place, so that no program
        ever finds it empty (half made) there; if another program made one first, that one is kept."""
        p = self.path
        tmp = p.with_name(f".{p.name}.{os.getpid()}-{os.urandom(4).hex()}.new")
        try:
            con = sqlite3.connect(tmp, isolation_level=None)
            try:
                if str(con.execute("PRAGMA journal_mode=WAL").fetchone()[0]).lower() != "wal":
                    raise DiscourseError(f"library {p}: SQLite refused write-ahead logging.")
                con.execute("BEGIN IMMEDIATE")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        con.execute(statement)
                con.execute("COMMIT")
            finally:
                con.close()  # the last connection: its -wal and -shm files are removed
            try:
                os.link(tmp, p)  # fails if the name exists: never replaces another program's library
            except FileExistsError:
                pass
            except OSError:  # a file system without hard links
                if not p.exists():
                    os.replace(tmp, p)
        except sqlite3.Error as e:
            raise self._error(e) from e
        except OSError as e:
            raise DiscourseError(f"library {p}: cannot create it ({e.strerror or e}); give another path with --library.") from e
        finally:
            for leftover in (tmp, Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
                leftover.unlink(missing_ok=True)

    def _configure(self) -> None:
        """WAL, FULL synchronous, foreign keys: set only once the file is known to be ours (or new),
        since switching to WAL rewrites the file's header."""
        con = self._con
        try:
            if not self.readonly:
                mode = con.execute("PRAGMA journal_mode=WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    raise DiscourseError(f"library {self.path}: SQLite refused write-ahead logging (mode {mode}).")
            con.execute("PRAGMA synchronous=FULL")
            con.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as e:
            raise self._error(e) from e

    def _check_or_create(self) -> None:
        try:
            app_id = self._con.execute("PRAGMA application_id").fetchone()[0]
            tables = {r[0] for r in self._con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        except sqlite3.Error as e:
            raise self._error(e) from e
        if app_id == APPLICATION_ID or (app_id == 0 and not tables):
            self._configure()
        if app_id == 0 and not tables:
            if self.readonly:
                raise DiscourseError(f"library {self.path} is empty; open it once without read-only to create it.")
            with self._write() as con:
                if not con.execute("SELECT 1 FROM sqlite_master").fetchone():  # not created meanwhile
                    for statement in _SCHEMA.split(";"):
                        if statement.strip():
                            con.execute(statement)
            return
        if app_id != APPLICATION_ID or "schema_version" not in tables:
            what = f"tables: {', '.join(sorted(tables))}" if tables else f"application id {app_id:#x}"
            raise DiscourseError(
                f"{self.path} is an SQLite database of another program ({what}), not a discourse library; "
                f"give another path with --library or ${ENV_VAR} (it was left unchanged)."
            )
        version = self._con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
        if isinstance(version, int) and 1 <= version < SCHEMA_VERSION:
            if self.readonly:  # readable as it is (no corrections before 2, no metadata before 3)
                self.schema_version = version
                return
            if version == 1:
                version = self._upgrade_from_1()
            if version == 2:
                version = self._upgrade_from_2()
        self.schema_version = version
        if version != SCHEMA_VERSION:
            raise DiscourseError(
                f"library {self.path} has schema version {version}; this program reads version "
                f"{SCHEMA_VERSION}. Use the program that made it, or start a new library with --library."
            )

    def _upgrade_from_1(self) -> int:
        """Version 1 -> 2 in place, in one transaction: add the corrections table (nothing else changes,
        so every document, tag and stored analysis stays). Another program may have upgraded it first."""
        with self._write() as con:
            version = con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
            if version == 1:
                con.execute(_CORRECTIONS_TABLE)
                con.execute("UPDATE schema_version SET version = 2")
                version = 2
        return version

    def _upgrade_from_2(self) -> int:
        """Version 2 -> 3 in place: add the metadata and speakers tables and fill them for every document
        (parsed from its stored bytes with its corrections); nothing else changes.

        The documents are parsed outside any transaction (a thousand briefings take some seconds, and
        other programs may keep reading and writing meanwhile); then one transaction creates the tables,
        stores every document's metadata (parsing again any document added or corrected since it was
        read) and sets the version. Interrupted before its commit, the upgrade leaves the file as it was
        (version 2); another program may have upgraded it first."""
        with self._read() as con:
            wanted = con.execute(f"{_WITH_CORRECTIONS} ORDER BY d.rowid").fetchall()
        done: dict[str, tuple[str, str | None, Metadata]] = {}
        for i, (doc_id, sha, items) in enumerate(wanted):
            if self.progress is not None:
                self.progress(i, len(wanted))
            if (meta := self._stored_metadata(self._con, doc_id, items)) is not None:  # (None: deleted meanwhile)
                done[doc_id] = (sha, items, meta)
        if self.progress is not None:
            self.progress(len(wanted), len(wanted))
        with self._write() as con:
            version = con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
            if version != 2:
                return version
            for statement in _METADATA_TABLES.split(";"):
                if statement.strip():
                    con.execute(statement)
            now = con.execute(_WITH_CORRECTIONS).fetchall()
            for doc_id, sha, items in now:
                before = done.get(doc_id)
                if before is not None and before[:2] == (sha, items):
                    meta = before[2]
                else:  # added or corrected by another program since it was read
                    meta = self._stored_metadata(con, doc_id, items)
                self._store_metadata(con, doc_id, meta)  # type: ignore[arg-type]  (in this transaction: there)
            con.execute("UPDATE schema_version SET version = 3")
        return 3

    def _stored_metadata(self, con: sqlite3.Connection, doc_id: str, items: str | None) -> Metadata | None:
        """The metadata of a stored document, parsed from its bytes with its stored format and its
        corrections (``items``, as stored); None if there is no such document. A document that cannot be
        read now (stored by an earlier parser, or with corrections that no longer load) keeps the date of
        its file name, if any, and no pairs, words or speakers, rather than stopping the upgrade."""
        from analysis.store.metadata import date_in_name
        from analysis.transcripts import corrections as fixes

        row = con.execute(f"SELECT {_RECORD_COLUMNS}, d.bytes FROM documents d WHERE d.id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        record = Record(*row[:7])
        try:
            corrections = fixes.loads(items) if items else ()
            return self._metadata_of(record.name, bytes(row[8]), corrections, stored_format(record))
        except DiscourseError:
            return Metadata(date=date_in_name(record.name), title=record.title, pairs=None, words=None, speakers=())

    @staticmethod
    def _metadata_of(name: str, data: bytes, corrections=(), format: str | None = None) -> Metadata:
        """The metadata of ``data`` parsed (in ``format``, else recognised) with ``corrections``."""
        from analysis.store.metadata import of_document
        from analysis.transcripts import parse_bytes

        return of_document(parse_bytes(data, name=Path(name).name, format=format, corrections=corrections), name)

    @staticmethod
    def _store_metadata(con: sqlite3.Connection, doc_id: str, meta: Metadata) -> None:
        """Replace a document's metadata and speakers (inside the caller's transaction)."""
        con.execute(
            "INSERT OR REPLACE INTO metadata (document_id, date, pairs, words, updated_at) VALUES (?, ?, ?, ?, ?)",
            (doc_id, meta.date, meta.pairs, meta.words, _now()),
        )
        con.execute("DELETE FROM speakers WHERE document_id = ?", (doc_id,))
        con.executemany(
            "INSERT INTO speakers (document_id, position, name, name_key, role, turns) VALUES (?, ?, ?, ?, ?, ?)",
            [(doc_id, i, sp.name, speaker_key(sp.name), sp.role, sp.turns) for i, sp in enumerate(meta.speakers, 1)],
        )

    def _error(self, e: sqlite3.Error) -> DiscourseError:
        """A sqlite3 error as a message a person can act on."""
        msg = str(e).lower()
        p = self.path
        if "locked" in msg or "busy" in msg:
            return DiscourseError(
                f"library {p} is locked: another program has been writing to it for more than {self.timeout:g} s. "
                "Wait for it to finish (or close it) and try again."
            )
        if "readonly" in msg or "read-only" in msg:
            return DiscourseError(
                f"library {p} is read-only here (the file or its folder cannot be written, or it was opened "
                "read-only). Make it writable, or give another path with --library."
            )
        if "not a database" in msg or "malformed" in msg or "encrypted" in msg:
            return DiscourseError(
                f"{p} is not an SQLite database (or it is damaged); give another path with --library or "
                f"${ENV_VAR}. The file was left unchanged."
            )
        if "unable to open" in msg:
            return DiscourseError(f"library {p} cannot be opened ({e}); check the path and its folder's permissions.")
        if "disk" in msg and "full" in msg:
            return DiscourseError(f"library {p}: the disk is full; free some space and try again.")
        return DiscourseError(f"library {p}: {e}.")

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: BEGIN IMMEDIATE (takes the write lock now, waiting up to the timeout)."""
        con = self._con
        try:
            con.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as e:
            raise self._error(e) from e
        try:
            yield con
            con.execute("COMMIT")
        except BaseException as e:
            if con.in_transaction:
                con.execute("ROLLBACK")
            if isinstance(e, sqlite3.Error) and not isinstance(e, sqlite3.IntegrityError):
                raise self._error(e) from e
            raise

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        """Several reads from one snapshot (a deferred transaction)."""
        con = self._con
        try:
            con.execute("BEGIN")
            yield con
        except sqlite3.Error as e:
            raise self._error(e) from e
        finally:
            if con.in_transaction:
                con.execute("COMMIT")

    # -- documents ----------------------------------------------------------------------------------

    def ensure_default(self) -> Record:
        """The default interview, added (as ``bezrukov-2018``) if it is not in the library."""
        from analysis.transcripts import DEFAULT_DOCUMENT

        row = self._con.execute(f"{self._select} WHERE d.is_default = 1").fetchone()
        if row is not None:
            return self._record(row)
        from analysis.store.metadata import of_document

        data = DEFAULT_DOCUMENT.read_bytes()
        sha = sha256_of(data)
        doc = self._parse(DEFAULT_DOCUMENT.name, data)
        with self._write() as con:
            if con.execute("SELECT 1 FROM documents WHERE is_default = 1").fetchone() is None:
                if con.execute("SELECT 1 FROM documents WHERE content_sha256 = ?", (sha,)).fetchone():
                    con.execute("UPDATE documents SET is_default = 1 WHERE content_sha256 = ?", (sha,))
                else:
                    con.execute(
                        _INSERT_DOCUMENT,
                        (DEFAULT_ID, DEFAULT_DOCUMENT.name, doc.title, doc.format, sha, len(data), _now(), 1, data),
                    )
                    self._store_metadata(con, DEFAULT_ID, of_document(doc, DEFAULT_DOCUMENT.name))
        return self._by_sha(sha)  # type: ignore[return-value]

    @staticmethod
    def _parse(name: str, data: bytes, corrections=()):
        from analysis.transcripts import parse_bytes

        return parse_bytes(data, name=name, corrections=corrections)

    def add(self, name: str, data: bytes, *, tags: Iterable[str] = (), corrections=()) -> Record:
        """Store a transcript's bytes under ``name`` (it must parse, with ``corrections`` if given); the
        same bytes twice give the existing record (``tags`` are added to it). ``corrections`` (none: keep
        the stored ones) become the document's corrections. One transaction: the row, its tags and its
        corrections, or nothing."""
        return self.add_new(name, data, tags=tags, corrections=corrections)[0]

    def add_new(self, name: str, data: bytes, *, tags: Iterable[str] = (), corrections=()) -> tuple[Record, bool]:
        """:meth:`add`, and whether this call stored the bytes (False: they were there already, also when
        another program stored them between this call's first look and its transaction). The document's
        metadata (date, speakers, pairs, words) is stored with it, from the document as parsed here."""
        from analysis.store.metadata import of_document
        from analysis.transcripts import corrections as fixes

        data = bytes(data)
        tags = _clean_tags(tags)
        items = fixes.validate(corrections)
        sha = sha256_of(data)
        existing = self._by_sha(sha)
        if existing is not None:
            if items:  # set_corrections refuses columns that leave the table unreadable
                self.set_corrections(existing.id, items)
            return (self.tag(existing.id, *tags) if tags else existing), False
        # Refuses what cannot be read, before any write (a table's columns may come from a correction).
        doc = self._parse(Path(name).name, data, items)
        with self._write() as con:
            row = con.execute("SELECT id FROM documents WHERE content_sha256 = ?", (sha,)).fetchone()
            inserted = row is None
            if not inserted:  # added by another program since the check above
                doc_id = row[0]
            else:
                doc_id = self._free_id(con, _slug(name), sha)
                con.execute(
                    _INSERT_DOCUMENT, (doc_id, name, doc.title, doc.format, sha, len(data), _now(), 0, data),
                )
            con.executemany("INSERT OR IGNORE INTO tags (document_id, tag) VALUES (?, ?)", [(doc_id, t) for t in tags])
            if items:
                con.execute(
                    "INSERT OR REPLACE INTO corrections (document_id, items, updated_at) VALUES (?, ?, ?)",
                    (doc_id, fixes.dumps(items), _now()),
                )
            if inserted or items:  # (stored by another program: with its own corrections unless these replace them)
                self._store_metadata(con, doc_id, of_document(doc, name))
        return self.get(doc_id), inserted

    def parse(self, doc_id: str, *, interviewer: list[str] | None = None):
        """The stored document parsed as it was when added (its stored format, whatever its name now)."""
        from analysis.transcripts import parse_bytes

        record = self.get(doc_id)
        return parse_bytes(self.bytes_of(doc_id), name=record.name, format=stored_format(record), interviewer=interviewer)

    @staticmethod
    def _free_id(con: sqlite3.Connection, slug: str, sha: str) -> str:
        """``slug-abcdef`` (a prefix of the content hash: stable in links), longer if that is taken."""
        for n in range(6, len(sha) + 1, 2):
            candidate = f"{slug}-{sha[:n]}"
            if con.execute("SELECT 1 FROM documents WHERE id = ?", (candidate,)).fetchone() is None:
                return candidate
        raise DiscourseError(f"no free id for {slug!r}")  # pragma: no cover - needs a sha256 collision

    def rename(self, doc_id: str, name: str) -> Record:
        """Give a document a new display name (its id, used in links, stays)."""
        name = " ".join(str(name).split())
        if not name:
            raise DiscourseError("A document's name cannot be empty.")
        with self._write() as con:
            self._require(con, doc_id)
            con.execute("UPDATE documents SET name = ? WHERE id = ?", (name, doc_id))
        return self.get(doc_id)

    def tag(self, doc_id: str, *tags: str) -> Record:
        """Add tags (trimmed, case-folded; a tag already there is kept once)."""
        clean = _clean_tags(tags)
        with self._write() as con:
            self._require(con, doc_id)
            con.executemany("INSERT OR IGNORE INTO tags (document_id, tag) VALUES (?, ?)", [(doc_id, t) for t in clean])
        return self.get(doc_id)

    def untag(self, doc_id: str, *tags: str) -> Record:
        """Remove tags (a tag the document does not have is ignored)."""
        clean = _clean_tags(tags)
        with self._write() as con:
            self._require(con, doc_id)
            con.executemany("DELETE FROM tags WHERE document_id = ? AND tag = ?", [(doc_id, t) for t in clean])
        return self.get(doc_id)

    def delete(self, doc_id: str) -> None:
        """Remove a document, its tags and its stored analyses. The default interview cannot be deleted."""
        with self._write() as con:
            row = self._require(con, doc_id)
            if row[1]:
                raise DiscourseError(
                    f"{doc_id!r} is the default interview, which is always in the library; it cannot be deleted "
                    "(rename or untag it instead)."
                )
            con.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            con.execute("DELETE FROM analyses WHERE content_sha256 = ?", (row[0],))

    def _require(self, con: sqlite3.Connection, doc_id: str) -> tuple[str, int]:
        row = con.execute("SELECT content_sha256, is_default FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            raise DiscourseError(
                f"no document {doc_id!r} in the library {self.path}; `python -m analysis library list` shows the ids."
            )
        return row

    def get(self, doc_id: str) -> Record:
        """The record of ``doc_id``; DiscourseError if there is none."""
        with self._read() as con:
            row = con.execute(f"{self._select} WHERE d.id = ?", (doc_id,)).fetchone()
            if row is None:
                self._require(con, doc_id)
            return self._record(row)

    def _by_sha(self, sha: str) -> Record | None:
        with self._read() as con:
            row = con.execute(f"{self._select} WHERE d.content_sha256 = ?", (sha,)).fetchone()
            return None if row is None else self._record(row)

    def find(self, content_sha256: str) -> Record | None:
        """The record holding exactly these bytes (by their sha256), if any."""
        return self._by_sha(content_sha256)

    @property
    def has_metadata(self) -> bool:
        """Whether the file holds each document's metadata (false for a read-only file of an older version)."""
        return self.schema_version >= 3

    @property
    def _select(self) -> str:
        return _RECORD_SELECT if self.has_metadata else _RECORD_SELECT_OLD

    def _record(self, row: tuple) -> Record:
        rows = self._con.execute("SELECT tag FROM tags WHERE document_id = ? ORDER BY tag", (row[0],))
        tags = tuple(r[0] for r in rows)
        speakers: tuple[SpeakerTurns, ...] = ()
        if self.has_metadata:
            sql = "SELECT name, role, turns FROM speakers WHERE document_id = ? ORDER BY position"
            speakers = tuple(SpeakerTurns(*r) for r in self._con.execute(sql, (row[0],)))
        dated, pairs, words = row[8:11]
        return Record(
            *row[:7], tags=tags, is_default=bool(row[7]), date=dated, pairs=pairs, words=words, speakers=speakers,
        )

    # -- corrections --------------------------------------------------------------------------------

    def corrections(self, doc_id: str) -> tuple:
        """The document's corrections (:class:`analysis.transcripts.corrections.Correction`), in order."""
        from analysis.transcripts import corrections as fixes

        with self._read() as con:
            self._require(con, doc_id)
            if self.schema_version < 2:
                return ()
            row = con.execute("SELECT items FROM corrections WHERE document_id = ?", (doc_id,)).fetchone()
        return fixes.loads(row[0]) if row else ()

    def set_corrections(self, doc_id: str, corrections) -> tuple:
        """Make the document's corrections exactly ``corrections`` (validated; none removes them), and its
        metadata that of the document as they leave it (they change its speakers, and so its pairs). One
        transaction. Its stored analyses stay: they are keyed by the corrections too (:func:`corrected_settings`)."""
        from analysis.transcripts import corrections as fixes

        items = fixes.validate(corrections)
        if self.readonly:
            raise DiscourseError(f"library {self.path} was opened read-only: its corrections cannot be changed.")
        record = self.get(doc_id)
        try:  # the document must still be readable with them (other table columns may not be)
            meta = self._metadata_of(record.name, self.bytes_of(doc_id), items, stored_format(record))
        except DiscourseError as e:
            raise DiscourseError(f"The corrections were not changed: with them {e}") from None
        with self._write() as con:
            self._require(con, doc_id)
            if items:
                con.execute(
                    "INSERT OR REPLACE INTO corrections (document_id, items, updated_at) VALUES (?, ?, ?)",
                    (doc_id, fixes.dumps(items), _now()),
                )
            else:
                con.execute("DELETE FROM corrections WHERE document_id = ?", (doc_id,))
            self._store_metadata(con, doc_id, meta)
        return items

    def corrections_by_sha(self, content_shas: Iterable[str]) -> dict[str, tuple]:
        """The corrections of the stored documents with these contents, by content hash (documents
        without corrections, and contents not in the library, are left out)."""
        from analysis.transcripts import corrections as fixes

        if self.schema_version < 2:
            return {}
        wanted = list(dict.fromkeys(content_shas))
        out: dict[str, tuple] = {}
        with self._read() as con:
            for i in range(0, len(wanted), 500):
                part = wanted[i : i + 500]
                sql = (
                    "SELECT d.content_sha256, c.items FROM corrections c JOIN documents d ON d.id = c.document_id "
                    f"WHERE d.content_sha256 IN ({','.join('?' * len(part))})"
                )
                for sha, items in con.execute(sql, part):
                    out[sha] = fixes.loads(items)
        return out

    def bytes_of(self, doc_id: str) -> bytes:
        """The document's bytes, exactly as added."""
        with self._read() as con:
            row = con.execute("SELECT bytes FROM documents WHERE id = ?", (doc_id,)).fetchone()
            if row is None:
                self._require(con, doc_id)
            return bytes(row[0])

    def count(self) -> int:
        return self._con.execute("SELECT count(*) FROM documents").fetchone()[0]

    def search(
        self, query: str = "", *, tag: str | None = None, date_from: str | date | None = None,
        date_to: str | date | None = None, speaker: str | None = None, offset: int = 0, limit: int = 20,
        format: str | None = None,
    ) -> tuple[list[Record], int]:
        """A page of records whose id, name, title or a tag contains ``query`` (case-insensitive), with
        ``tag`` if given, dated from ``date_from`` to ``date_to`` (ISO dates, both included; a document
        without a date is left out when either is given) and with a speaker named ``speaker`` (the whole
        name, case-insensitive: ``"ms. psaki"`` finds ``MS. PSAKI``), of ``format`` if given (the format it
        was read with, ``labelled``, ``html``, ``pdf``..., or its file name's extension, ``md``, ``txt``...;
        case-insensitive); and the total number that match (for pagination). Default interview first, then
        by name.

        A read-only library of an older version has no dates or speakers: filtering by them is refused
        with a message saying how to upgrade it."""
        if offset < 0 or not 1 <= limit <= PAGE_LIMIT_MAX:
            raise DiscourseError(
                f"offset must be 0 or more and limit between 1 and {PAGE_LIMIT_MAX} (got {offset}, {limit})."
            )
        date_from, date_to = date_range(date_from, date_to)
        speaker = " ".join(str(speaker).split()) if speaker is not None else ""
        where, params = ["1"], {"limit": limit, "offset": offset}
        if (date_from or date_to or speaker) and not self.has_metadata:
            raise DiscourseError(self._no_metadata())
        if date_from:
            where.append("m.date >= :date_from")
            params["date_from"] = date_from
        if date_to:
            where.append("m.date <= :date_to")
            params["date_to"] = date_to
        if speaker:
            where.append("d.id IN (SELECT s.document_id FROM speakers s WHERE s.name_key = :speaker)")
            params["speaker"] = speaker_key(speaker)
        query = " ".join(str(query).split())
        if query:
            where.append(
                "(casefold(d.id) LIKE :q ESCAPE '\\' OR casefold(d.name) LIKE :q ESCAPE '\\' "
                "OR casefold(d.title) LIKE :q ESCAPE '\\' "
                "OR EXISTS (SELECT 1 FROM tags t WHERE t.document_id = d.id AND t.tag LIKE :q ESCAPE '\\'))"
            )
            params["q"] = _like(query)
        if tag is not None:
            where.append("EXISTS (SELECT 1 FROM tags t WHERE t.document_id = d.id AND t.tag = :tag)")
            params["tag"] = _clean_tags([tag])[0]
        if format is not None:
            form = str(format).strip().casefold().lstrip(".")
            if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", form):
                raise DiscourseError(f"format {format!r}: give a format such as md, txt, html or labelled.")
            where.append("(d.format = :format OR casefold(d.name) LIKE :extension)")  # (no % or _ in form)
            params["format"], params["extension"] = form, "%." + form
        clause = " AND ".join(where)
        joined = "documents d LEFT JOIN metadata m ON m.document_id = d.id" if self.has_metadata else "documents d"
        with self._read() as con:
            total = con.execute(f"SELECT count(*) FROM {joined} WHERE {clause}", params).fetchone()[0]
            rows = con.execute(
                f"{self._select} WHERE {clause} "
                "ORDER BY d.is_default DESC, casefold(d.name), d.id LIMIT :limit OFFSET :offset",
                params,
            ).fetchall()
            return [self._record(r) for r in rows], total

    def _no_metadata(self) -> str:
        return (
            f"library {self.path} was made by an earlier version (schema {self.schema_version}) and is open "
            "read-only: it has no dates or speakers to filter by yet. Open it once for writing (any `python -m "
            "analysis library` command, or the Library page of a dashboard that is not read-only) to upgrade it."
        )

    def tags(self) -> list[tuple[str, int]]:
        """Every tag with the number of documents that have it, most used first."""
        sql = "SELECT tag, count(*) FROM tags GROUP BY tag ORDER BY count(*) DESC, tag"
        return [tuple(r) for r in self._con.execute(sql)]

    def speakers(self) -> list[tuple[str, int]]:
        """Every speaker's name (one spelling for the names that differ only in case and spaces) with the
        number of documents where it speaks, in most documents first; none in a library without metadata."""
        if not self.has_metadata:
            return []
        sql = (
            "SELECT min(name), count(DISTINCT document_id) AS n FROM speakers GROUP BY name_key "
            "ORDER BY n DESC, name_key"
        )
        return [tuple(r) for r in self._con.execute(sql)]

    # -- results ------------------------------------------------------------------------------------

    def result(self, content_sha: str, settings_sha: str) -> tuple[pd.DataFrame, pd.DataFrame] | None:
        """The stored (answers, sentences) of a document's content under these settings, or None."""
        with self._read() as con:
            row = con.execute(
                "SELECT answers, sentences FROM analyses WHERE content_sha256 = ? AND settings_sha256 = ?",
                (content_sha, settings_sha),
            ).fetchone()
        if row is None:
            return None
        return decode_frames([row[0]]), decode_frames([row[1]])

    def store_result(self, content_sha: str, settings_sha: str, answers: pd.DataFrame, sentences: pd.DataFrame) -> None:
        """Keep a document's frames under (content hash, settings hash), replacing any there."""
        blobs = encode_frame(answers), encode_frame(sentences, compression="lz4")
        self.store_blobs([(content_sha, settings_sha, len(answers), *blobs)])

    def store_blobs(self, items: Iterable[tuple[str, str, int, bytes, bytes]]) -> int:
        """Keep many already-encoded results, ``(content_sha, settings_sha, n_answers, answers, sentences)``,
        in one transaction (one fsync for a whole batch chunk). Returns how many were stored."""
        now = _now()
        rows = [(c, s, n, a, b, now) for c, s, n, a, b in items]
        if not rows:
            return 0
        with self._write() as con:
            con.executemany(
                "INSERT OR REPLACE INTO analyses (content_sha256, settings_sha256, n_answers, answers, sentences, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )
        return len(rows)

    def cached_blobs(
        self, settings_sha: str, content_shas: Iterable[str], *, level: Level = "answer"
    ) -> dict[str, bytes]:
        """The stored blobs (:func:`encode_frame`: answers or sentences) of these contents under these settings, by
        content hash; contents without a result are left out. One query per 500 hashes."""
        column = "answers" if level == "answer" else "sentences"
        wanted = list(dict.fromkeys(content_shas))
        out: dict[str, bytes] = {}
        with self._read() as con:
            for i in range(0, len(wanted), 500):
                part = wanted[i : i + 500]
                marks = ",".join("?" * len(part))
                sql = (
                    f"SELECT content_sha256, {column} FROM analyses "
                    f"WHERE settings_sha256 = ? AND content_sha256 IN ({marks})"
                )
                out.update(con.execute(sql, [settings_sha, *part]).fetchall())
        return out

    def cached_shas(self, settings_sha: str, content_shas: Iterable[str]) -> set[str]:
        """Which of these contents have a stored result under these settings (no blob is read)."""
        wanted = list(dict.fromkeys(content_shas))
        out: set[str] = set()
        with self._read() as con:
            for i in range(0, len(wanted), 500):
                part = wanted[i : i + 500]
                marks = ",".join("?" * len(part))
                sql = f"SELECT content_sha256 FROM analyses WHERE settings_sha256 = ? AND content_sha256 IN ({marks})"
                out.update(row[0] for row in con.execute(sql, [settings_sha, *part]).fetchall())
        return out

    def integrity_check(self) -> str:
        """SQLite's ``PRAGMA integrity_check``: ``"ok"`` or the problems it found."""
        return "\n".join(r[0] for r in self._con.execute("PRAGMA integrity_check"))

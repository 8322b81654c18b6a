"""Analyse many transcripts at once: a process pool on one machine or a Dask cluster beyond it.

>>> from analysis.transcripts import DEFAULT_DOCUMENT
>>> result = run([DEFAULT_DOCUMENT], progress=False)
>>> len(result.answers), result.n_analysed, result.failures
(9, 1, [])

:func:`analyze_one` is the per-document function: a file (or its bytes) in, its answers and sentences
frames out. :func:`analyze_chunk` runs it (or, for the default ``detail="summary"``, the same measures
as columns, :func:`analysis.pipeline.run.summary_columns`, which skip building pandas frames) over a list of
files; :func:`run` sends it file *paths* in chunks (largest files first, so that no worker is left
with one long file at the end) to ``jobs`` worker processes (``engine="process"``) or to the workers of
a Dask cluster (``engine="dask"``: a ``LocalCluster`` of ``jobs`` single-threaded processes, or the
scheduler at ``scheduler``). Workers return each document's frames as Arrow IPC bytes (compact to send,
ready to store); the main process alone writes to the library (SQLite has one writer) and stacks the
frames once at the end.

With a :class:`~analysis.store.library.Library`, a file whose content hash and settings hash already have a
stored result is not analysed again, and every new result is stored (a few transactions per run).

A file that cannot be read or analysed becomes a ``(file, reason)`` in ``BatchResult.failures``; the
run goes on. The progress bar goes to stderr, and only when stderr is a terminal.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from analysis.errors import DiscourseError
from analysis.transcripts import EXTENSIONS, read_file

if TYPE_CHECKING:
    import pandas as pd

    from analysis.sentence import markers as markers_mod
    from analysis.sentence import topics
    from analysis.store.library import Library

Engine = Literal["process", "dask"]
Level = Literal["answer", "sentence"]
Detail = Literal["full", "summary"]
ENGINES: tuple[str, ...] = Engine.__args__  # type: ignore[attr-defined]
# Files per task: enough that the per-task cost (pickling, scheduling: about a millisecond) vanishes
# beside the analysis (about 0.1 s per briefing), few enough that the workers finish together.
CHUNK_MAX = 16
CHUNKS_PER_JOB = 8
# Below this many files per job, the files are analysed in this process: starting a worker (a fork and
# its warm-up, 0.1-0.3 s) costs about as much as analysing two briefings.
POOL_MIN_FILES = 2
# The main process commits new results to the library every this many documents or seconds (each
# commit is one fsync with synchronous=FULL).
COMMIT_EVERY = 64
COMMIT_SECONDS = 2.0
DASK_CONNECT_TIMEOUT = "10s"

Outcome = tuple  # (index, content_sha256 | None, n_answers, answers_blob | None, sentences_blob | None, error | None)


@dataclass(frozen=True)
class Settings:
    """What a result depends on besides the file: the dictionary, the marker families, who asks, detail."""

    dictionary: topics.Dictionary
    markers: markers_mod.Markers
    interviewer: tuple[str, ...] | None = None
    detail: Detail = "summary"
    columns: tuple[str | None, str | None] = (None, None)  # a table's speaker and text columns, if given

    def as_dict(self) -> dict:
        from analysis.pipeline.run import settings

        out = settings(self.dictionary, self.markers)
        if self.interviewer:
            out["interviewer"] = list(self.interviewer)
        if any(self.columns):
            out["columns"] = list(self.columns)
        return out

    @functools.cached_property
    def sha256(self) -> str:
        from analysis.store.library import settings_hash

        return settings_hash(self.as_dict(), detail=self.detail)


@dataclass
class BatchResult:
    answers: pd.DataFrame  # every answer row of every file analysed or found in the library, in input order
    failures: list[tuple[str, str]]  # (file, reason), in input order
    n_cached: int  # results read from the library
    n_analysed: int  # results computed in this run
    seconds: float
    sentences: pd.DataFrame | None = None  # with level="sentence": the sentence rows (answers is then empty)
    files: list[str] = field(default_factory=list)  # every file the inputs named, in order


@functools.lru_cache(maxsize=1)
def _default_dictionary() -> topics.Dictionary:
    from analysis.sentence import topics

    return topics.load_dictionary()


@functools.lru_cache(maxsize=1)
def _default_markers() -> markers_mod.Markers:
    from analysis.sentence import markers as markers_mod

    return markers_mod.load_markers()


def make_settings(
    *,
    dictionary: topics.Dictionary | None = None,
    markers: markers_mod.Markers | None = None,
    interviewer: Sequence[str] | None = None,
    detail: Detail = "summary",
    columns: tuple[str | None, str | None] = (None, None),
) -> Settings:
    return Settings(
        dictionary or _default_dictionary(), markers or _default_markers(),
        tuple(interviewer) if interviewer else None, detail, tuple(columns),  # type: ignore[arg-type]
    )


def analyze_one(
    source: str | os.PathLike[str] | bytes,
    name: str | None = None,
    *,
    dictionary: topics.Dictionary | None = None,
    markers: markers_mod.Markers | None = None,
    interviewer: Sequence[str] | None = None,
    detail: Detail = "summary",
    columns: tuple[str | None, str | None] = (None, None),
    corrections: Sequence = (),
    format: str | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The answers and sentences frames of one transcript (a path, or bytes with their file ``name``).

    ``name`` fills the ``document`` column (default: the path as given). ``corrections``: the user's
    fixes of the document (:mod:`analysis.transcripts.corrections`). ``format``: bytes are read in this
    format (a library document's stored format) rather than the one recognised. This is the function
    every engine runs; it is top-level and takes only picklable arguments.
    """
    from analysis.pipeline.run import analyze
    from analysis.transcripts import load, parse_bytes

    who = list(interviewer) if interviewer else None
    if isinstance(source, (bytes, bytearray, memoryview)):
        name = name or "document"
        doc = parse_bytes(
            bytes(source), name=Path(name).name, format=format, interviewer=who, speaker_column=columns[0],
            text_column=columns[1], corrections=corrections,
        )
    else:
        name = name or str(source)
        doc = load(source, interviewer=who, speaker_column=columns[0], text_column=columns[1], corrections=corrections)
    result = analyze(
        doc, document=name, dictionary=dictionary or _default_dictionary(), markers=markers or _default_markers(),
        detail=detail,
    )
    return result.answers, result.sentences


def _summary_columns(
    data: bytes, name: str, settings: Settings, corrections: Sequence = (), format: str | None = None
) -> tuple[dict, dict]:
    from analysis.pipeline.run import summary_columns
    from analysis.transcripts import parse_bytes

    who = list(settings.interviewer) if settings.interviewer else None
    speaker_column, text_column = settings.columns
    doc = parse_bytes(
        data, name=Path(name).name, format=format, interviewer=who, speaker_column=speaker_column,
        text_column=text_column, corrections=corrections,
    )
    return summary_columns(doc, document=name, dictionary=settings.dictionary, markers=settings.markers)


def analyze_chunk(items: Sequence[tuple], settings: Settings, with_sentences: bool) -> list[Outcome]:
    """Run :func:`analyze_one` over ``(index, source, name)`` items, or ``(index, source, name, corrections,
    format)``: ``source`` a path, or the document's bytes (a library document); ``corrections`` the
    document's corrections as their JSON (or None), ``format`` the format to read bytes in (or None:
    recognised). Each result or failure as an :data:`Outcome` (frames as Arrow IPC bytes). Never raises
    for a file: its reason is returned."""
    from analysis.store.library import encode_columns, encode_frame
    from analysis.transcripts import corrections as fixes

    out: list[Outcome] = []
    for index, source, name, *extra in items:
        try:
            fixed = fixes.loads(extra[0]) if extra and extra[0] else ()
            form = extra[1] if len(extra) > 1 else None
            data = bytes(source) if isinstance(source, (bytes, bytearray, memoryview)) else read_file(source, name)
            sha = hashlib.sha256(data).hexdigest()
            if settings.detail == "summary":
                # The same frames as analyze_one's, written to Arrow without becoming pandas frames.
                extras = (fixed, form) if form else (fixed,) if fixed else ()
                answers, sentences = _summary_columns(data, name, settings, *extras)
                n_answers = len(answers["pair"])
                answers_blob = encode_columns(answers)
                sentences_blob = encode_columns(sentences, compression="lz4") if with_sentences else None
            else:
                answer_frame, sentence_frame = analyze_one(
                    data, name, dictionary=settings.dictionary, markers=settings.markers,
                    interviewer=settings.interviewer, detail=settings.detail, columns=settings.columns,
                    corrections=fixed, format=form,
                )
                n_answers = len(answer_frame)
                answers_blob = encode_frame(answer_frame)
                sentences_blob = encode_frame(sentence_frame, compression="lz4") if with_sentences else None
            out.append((index, sha, n_answers, answers_blob, sentences_blob, None))
        except DiscourseError as e:
            out.append((index, None, 0, None, None, str(e)))
        except Exception as e:  # noqa: BLE001 - a bug, not the user's input: reported with the file, the run goes on
            out.append((index, None, 0, None, None, f"{name}: unexpected {type(e).__name__}: {e} (please report this)"))
    return out


# -- inputs -----------------------------------------------------------------------------------------


def collect(inputs: Iterable[str | os.PathLike[str]]) -> tuple[list[str], list[tuple[str, str]]]:
    """The files named by ``inputs``: files as given, folders searched recursively for the extensions
    the transcript readers know (hidden files and folders skipped), in name order. Also the folders
    that held none, as failures."""
    files: list[str] = []
    failures: list[tuple[str, str]] = []
    for item in inputs:
        p = Path(item)
        if not p.is_dir():
            files.append(str(item))
            continue
        found = []
        for folder, dirs, names in os.walk(p):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            found.extend(
                os.path.join(folder, n) for n in names
                if not n.startswith(".") and os.path.splitext(n)[1].lower() in EXTENSIONS
            )
        if not found:
            looked = ", ".join(sorted(EXTENSIONS))
            failures.append((str(item), f"{item}: no transcript files in this folder (looked for {looked})."))
        files.extend(sorted(found))
    return files, failures


def _chunks(items: list[tuple], jobs: int, *, largest: int = CHUNK_MAX) -> list[list[tuple]]:
    """Largest files first, ``largest`` at most per chunk, about ``CHUNKS_PER_JOB`` chunks per job."""

    def size(item: tuple) -> int:
        if isinstance(item[1], (bytes, bytearray, memoryview)):
            return len(item[1])
        try:
            return os.stat(item[1]).st_size
        except OSError:
            return 0

    ordered = sorted(items, key=size, reverse=True)
    n = max(1, min(largest, len(ordered) // max(1, jobs * CHUNKS_PER_JOB)))
    return [ordered[i : i + n] for i in range(0, len(ordered), n)]


# -- engines ----------------------------------------------------------------------------------------

_WORKER_SETTINGS: Settings | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER_SETTINGS
    _WORKER_SETTINGS = settings


def _pool_chunk(items: Sequence[tuple[int, str, str]], with_sentences: bool) -> list[Outcome]:
    assert _WORKER_SETTINGS is not None
    return analyze_chunk(items, _WORKER_SETTINGS, with_sentences)


def _lost(chunk: Sequence[tuple[int, str, str]], why: str) -> list[Outcome]:
    return [(index, None, 0, None, None, f"{name}: {why}") for index, _path, name, *_ in chunk]


def _run_process(chunks, settings: Settings, with_sentences: bool, jobs: int) -> Iterator[list[Outcome]]:
    if jobs == 1 or sum(map(len, chunks)) <= POOL_MIN_FILES * jobs:  # a fork costs more than a few files
        for chunk in chunks:
            yield analyze_chunk(chunk, settings, with_sentences)
        return
    # fork (where there is one) gives the workers the loaded lexicon, dictionary and markers for free;
    # warm them up here first so that each worker does not pay the first-call costs again.
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    if "fork" in methods:
        analyze_one(b"Q: Ready?\n\nA: Yes.\n", "warm-up.txt", dictionary=settings.dictionary, markers=settings.markers)
    workers = min(jobs, len(chunks))
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(settings,)) as pool:
        futures = {pool.submit(_pool_chunk, chunk, with_sentences): chunk for chunk in chunks}
        try:
            for future in as_completed(futures):
                try:
                    yield future.result()
                except BrokenProcessPool:
                    why = "the worker process analysing it stopped (out of memory?); try --jobs 1"
                    yield _lost(futures[future], why)
                except Exception as e:  # noqa: BLE001 - pickling and the like: a bug, reported per file
                    yield _lost(futures[future], f"unexpected {type(e).__name__}: {e} (please report this)")
        finally:  # the consumer stopped early (a cancelled run): the chunks not started are not run
            for future in futures:
                future.cancel()


def _run_dask(
    chunks, settings: Settings, with_sentences: bool, jobs: int, scheduler: str | None
) -> Iterator[list[Outcome]]:
    try:
        from distributed import Client, LocalCluster
        from distributed import as_completed as dask_completed
    except ImportError as e:
        raise DiscourseError(
            "--engine dask needs Dask's distributed scheduler: python -m pip install -r requirements.txt"
        ) from e
    if not chunks:
        return
    cluster = None
    try:
        if scheduler is None:
            cluster = LocalCluster(
                n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None,
                silence_logs=logging.ERROR,
            )
        try:
            client = Client(scheduler or cluster, timeout=DASK_CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as e:
            raise DiscourseError(
                f"cannot reach the Dask scheduler at {scheduler} ({e}); check the address (tcp://HOST:8786) "
                "and that `dask scheduler` is running there."
            ) from e
        with client:
            shared = client.scatter(settings, broadcast=True)  # sent once per worker, not once per task
            futures = {
                client.submit(analyze_chunk, chunk, shared, with_sentences, pure=False): chunk for chunk in chunks
            }
            for future in dask_completed(futures):
                try:
                    yield future.result()
                except Exception as e:  # noqa: BLE001 - a worker that died (KilledWorker) or a task that could not run
                    yield _lost(futures[future], f"the Dask task failed ({type(e).__name__}: {e})")
    finally:
        if cluster is not None:
            cluster.close()


# -- the run ----------------------------------------------------------------------------------------


def run(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    engine: Engine = "process",
    scheduler: str | None = None,
    library: Library | None = None,
    detail: Detail = "summary",
    level: Level = "answer",
    dictionary: topics.Dictionary | None = None,
    markers: markers_mod.Markers | None = None,
    interviewer: Sequence[str] | None = None,
    progress: bool = True,
    columns: tuple[str | None, str | None] = (None, None),
) -> BatchResult:
    """Analyse every file named by ``inputs`` (files and folders); see the module's docstring."""
    from analysis.store.library import corrected_settings, decode_frames, sha256_of
    from analysis.transcripts import corrections as fixes

    start = time.perf_counter()
    if jobs < 1:
        raise DiscourseError(f"--jobs {jobs}: give 1 or more worker processes.")
    if engine not in ENGINES:
        raise DiscourseError(f"engine {engine!r}: choose one of {', '.join(ENGINES)}.")
    if scheduler is not None and engine != "dask":
        raise DiscourseError("--scheduler is for --engine dask.")
    settings = make_settings(
        dictionary=dictionary, markers=markers, interviewer=interviewer, detail=detail, columns=columns,
    )
    files, failures = collect(inputs)
    n = len(files)
    reasons: dict[int, str] = {}
    blobs: dict[int, bytes] = {}
    todo = list(range(n))
    n_cached = 0
    # A document of the library is analysed with its corrections, under a settings hash that includes them.
    fixed: dict[int, str] = {}  # index -> its corrections as JSON
    keys: dict[int, str] = {}  # index -> the settings hash its result is kept under
    if library is not None:
        hashes: dict[int, str] = {}
        for i, f in enumerate(files):
            try:
                hashes[i] = sha256_of(read_file(f))
            except DiscourseError as e:
                reasons[i] = str(e)
        stored = library.corrections_by_sha(hashes.values())
        by_key: dict[str, list[str]] = {}
        for i, sha in hashes.items():
            if sha in stored:
                fixed[i] = fixes.dumps(stored[sha])
            keys[i] = corrected_settings(settings.sha256, stored.get(sha, ()))
            by_key.setdefault(keys[i], []).append(sha)
        found = {(k, sha): blob for k, shas in by_key.items() for sha, blob in library.cached_blobs(k, shas, level=level).items()}
        for i, sha in hashes.items():
            if (keys[i], sha) in found:
                blobs[i] = found[keys[i], sha]
        n_cached = len(blobs)
        todo = [i for i in range(n) if i not in blobs and i not in reasons]

    items = [(i, os.path.abspath(files[i]), files[i], *([fixed[i]] if i in fixed else [])) for i in todo]
    with_sentences = library is not None or level == "sentence"
    outcomes = _outcomes(_chunks(items, jobs), settings, with_sentences, jobs, engine, scheduler)
    store = _Store(library)
    n_analysed = 0
    with _progress_bar(n, enabled=progress) as bar:
        bar.update(n_cached + len(reasons))
        for done in outcomes:
            for index, sha, n_answers, answers_blob, sentences_blob, error in done:
                if error is not None:
                    reasons[index] = error
                    continue
                n_analysed += 1
                blobs[index] = answers_blob if level == "answer" else sentences_blob
                store.add((sha, keys.get(index, settings.sha256), n_answers, answers_blob, sentences_blob))
            bar.update(len(done))
            if reasons:
                bar.set_postfix(failed=len(reasons), refresh=False)
        store.commit()

    order = sorted(blobs)
    frame = decode_frames([blobs[i] for i in order], [files[i] for i in order])
    failures += [(files[i], reasons[i]) for i in sorted(reasons)]
    import pandas as pd

    answers, sentences = (frame, None) if level == "answer" else (pd.DataFrame(), frame)
    return BatchResult(answers, failures, n_cached, n_analysed, time.perf_counter() - start, sentences, files)


def _outcomes(
    chunks: list[list[tuple]], settings: Settings, with_sentences: bool, jobs: int, engine: Engine, scheduler: str | None,
) -> Iterator[list[Outcome]]:
    """The chunks' outcomes as they finish, from the engine chosen (closing the iterator stops the run:
    chunks not started are not run)."""
    n_items = sum(map(len, chunks))
    if engine == "dask" and (scheduler is not None or n_items > POOL_MIN_FILES * jobs):
        return _run_dask(chunks, settings, with_sentences, jobs, scheduler)
    # (a local cluster for a few files, say the failures of the last run, costs seconds for nothing)
    return _run_process(chunks, settings, with_sentences, jobs)


class _Store:
    """New results kept for the library and committed every ``COMMIT_EVERY`` results or ``COMMIT_SECONDS``
    (each commit is one fsync); without a library, or with one opened read-only, it keeps nothing."""

    def __init__(self, library: Library | None) -> None:
        self.library = library if library is not None and not library.readonly else None
        self.pending: list[tuple[str, str, int, bytes, bytes]] = []
        self.last = time.monotonic()
        self.stored = 0

    def add(self, item: tuple[str, str, int, bytes, bytes]) -> None:
        if self.library is None:
            return
        self.pending.append(item)
        if len(self.pending) >= COMMIT_EVERY or time.monotonic() - self.last > COMMIT_SECONDS:
            self.commit()

    def commit(self) -> None:
        if self.library is not None and self.pending:
            self.stored += self.library.store_blobs(self.pending)
        self.pending, self.last = [], time.monotonic()


# -- library documents ------------------------------------------------------------------------------

# Documents per chunk when a library run is analysed in this process: small, so that its progress is
# reported and a cancel is seen every few tenths of a second (a briefing takes about 0.1 s).
LIBRARY_CHUNK_IN_PROCESS = 4


class Cancelled(DiscourseError):
    """A run stopped by its ``cancel`` event: ``done`` of ``total`` documents were analysed or read (every
    result analysed before the stop is kept in the library)."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__(f"Cancelled after {done:,} of {total:,} documents; the analysed ones are kept in the library.")
        self.done = done
        self.total = total


@dataclass
class LibraryRun:
    """The results of :func:`run_library`, as Arrow IPC blobs by document id (decode them with
    :func:`analysis.store.library.decode_frames`), in the records' order."""

    answers: dict[str, bytes]
    sentences: dict[str, bytes]  # empty unless sentences=True
    failures: list[tuple[str, str]]  # (document id, reason)
    n_cached: int
    n_analysed: int
    seconds: float


def run_library(
    library: Library,
    records: Sequence,
    *,
    jobs: int = 1,
    engine: Engine = "process",
    scheduler: str | None = None,
    dictionary: topics.Dictionary | None = None,
    markers: markers_mod.Markers | None = None,
    sentences: bool = True,
    progress: Callable[[int, int], None] | None = None,
    cancel=None,
) -> LibraryRun:
    """Analyse library documents (:class:`~analysis.store.library.Record` s) from their stored bytes, each
    with its stored format and corrections, as :func:`run` analyses files: the same per-document function
    (:func:`analyze_chunk`), the same settings hash (with the corrections folded in:
    :func:`~analysis.store.library.corrected_settings`), so a result stored by ``analyze --library`` for the
    same bytes is found here and the other way round. What is stored is read back; the rest is analysed
    (on ``jobs`` processes or Dask) and stored.

    ``progress(done, total)`` is called with the documents read from the library, then as chunks finish.
    ``cancel`` (anything with ``is_set()``, e.g. a :class:`threading.Event`) is looked at after each chunk:
    once set, the results so far are stored and :class:`Cancelled` is raised (chunks not started are not
    run; a chunk running in a worker process is left to finish and dropped)."""
    from analysis.store.library import corrected_settings, stored_format
    from analysis.transcripts import corrections as fixes

    start = time.perf_counter()
    if jobs < 1:
        raise DiscourseError(f"--jobs {jobs}: give 1 or more worker processes.")
    settings = make_settings(dictionary=dictionary, markers=markers)
    records = list(records)
    total = len(records)
    stored = library.corrections_by_sha(r.content_sha256 for r in records)
    keys = {r.id: corrected_settings(settings.sha256, stored.get(r.content_sha256, ())) for r in records}
    by_key: dict[str, list[str]] = {}
    for r in records:
        by_key.setdefault(keys[r.id], []).append(r.content_sha256)

    def cached(level: Level) -> dict[tuple[str, str], bytes]:
        out: dict[tuple[str, str], bytes] = {}
        for k, shas in by_key.items():
            out.update(((k, sha), blob) for sha, blob in library.cached_blobs(k, shas, level=level).items())
        return out

    found_answers = cached("answer")
    found_sentences = cached("sentence") if sentences else {}
    answers: dict[str, bytes] = {}
    sentence_blobs: dict[str, bytes] = {}
    todo = []
    for i, r in enumerate(records):
        blob = found_answers.get((keys[r.id], r.content_sha256))
        if blob is not None:
            answers[r.id] = blob
            if sentences:
                sentence_blobs[r.id] = found_sentences[keys[r.id], r.content_sha256]
        else:
            todo.append(i)
    n_cached = len(answers)
    if progress is not None:
        progress(n_cached, total)
    items = []
    for i in todo:
        r = records[i]
        fixed = fixes.dumps(stored[r.content_sha256]) if r.content_sha256 in stored else None
        items.append((i, library.bytes_of(r.id), r.name, fixed, stored_format(r)))
    in_process = engine == "process" and (jobs == 1 or len(items) <= POOL_MIN_FILES * jobs)
    chunks = _chunks(items, jobs, largest=LIBRARY_CHUNK_IN_PROCESS if in_process else CHUNK_MAX)
    del items
    outcomes = _outcomes(chunks, settings, True, jobs, engine, scheduler)
    store = _Store(library)
    reasons: dict[int, str] = {}
    n_analysed = 0
    try:
        for outcome in outcomes:
            for index, sha, n_answers, answers_blob, sentences_blob, error in outcome:
                r = records[index]
                if error is not None:
                    reasons[index] = error
                    continue
                n_analysed += 1
                answers[r.id] = answers_blob
                if sentences:
                    sentence_blobs[r.id] = sentences_blob
                store.add((sha, keys[r.id], n_answers, answers_blob, sentences_blob))
            if progress is not None:
                progress(n_cached + n_analysed + len(reasons), total)
            if cancel is not None and cancel.is_set() and n_cached + n_analysed + len(reasons) < total:
                raise Cancelled(n_cached + n_analysed, total)
    finally:
        store.commit()  # what was analysed stays, also when cancelled
        if hasattr(outcomes, "close"):
            outcomes.close()
    order = {r.id: i for i, r in enumerate(records)}
    answers = dict(sorted(answers.items(), key=lambda kv: order[kv[0]]))
    sentence_blobs = dict(sorted(sentence_blobs.items(), key=lambda kv: order[kv[0]]))
    failures = [(records[i].id, reasons[i]) for i in sorted(reasons)]
    return LibraryRun(answers, sentence_blobs, failures, n_cached, n_analysed, time.perf_counter() - start)


class _NoBar:
    def update(self, n: int = 1) -> None: ...
    def set_postfix(self, **kwargs: object) -> None: ...
    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: object) -> None: ...


def _progress_bar(total: int, *, enabled: bool):
    """tqdm on stderr when it is a terminal (never in pipes, logs or tests); a stand-in otherwise."""
    if not enabled or not sys.stderr.isatty():
        return _NoBar()
    try:
        from tqdm import tqdm
    except ImportError:  # tqdm is pinned in requirements.txt; without it, no bar
        return _NoBar()
    tqdm.monitor_interval = 0  # no monitor thread: the pool forks after this
    return tqdm(total=total, unit="file", file=sys.stderr, dynamic_ncols=True, smoothing=0.05)

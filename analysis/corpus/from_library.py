"""Library documents analysed into a :class:`~analysis.corpus.model.Corpus`.

:func:`analyse` hands the records to :func:`analysis.pipeline.batch.run_library`: a document whose
result the library keeps (same content hash, same settings hash with its corrections folded in, as
``analyze --library`` uses) is read back; the others are analysed from their stored bytes with their
stored format and corrections (``jobs`` worker processes) and stored. Then the answers are stacked
(about 0.3 s for the 1,153 briefings); the sentences' blobs are kept and stacked when first asked for.

Figures (1,153 briefings, 2 cores, ``python benchmarks/corpus_speed.py``): cold about 40 s with ``jobs=2``;
warm (everything stored) about 0.5 s; sentences on first use about 1 s more.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd

from analysis.corpus.model import DOCUMENT_COLUMNS, SENTENCE_COLUMNS, Corpus, documents_frame
from analysis.pipeline import batch
from analysis.store.library import Library, Record

__all__ = ["Cancelled", "analyse", "pending", "records_frame", "stack"]

Cancelled = batch.Cancelled
# The sentence columns read from a stored sentences frame (the rest: topic and marker rates and counts
# per sentence, 50 columns, four times the memory, which no corpus view reads).
_STORED_SENTENCE_COLUMNS = [c for c in SENTENCE_COLUMNS if c not in ("doc_id", "date")]


def analyse(
    lib: Library,
    records: Sequence[Record],
    *,
    jobs: int = 1,
    progress: Callable[[int, int], None] | None = None,
    cancel=None,
    dictionary=None,
    markers=None,
) -> Corpus:
    """The corpus of ``records`` (from :func:`analysis.corpus.select`); see the module docstring.

    ``progress(done, total)`` is called as documents are read or analysed; ``cancel`` (``is_set()``, a
    :class:`threading.Event`) stops the run after the chunk running: what was analysed is stored, and
    :class:`Cancelled` (with ``done`` and ``total``) is raised. ``dictionary``/``markers``: other topic
    and marker definitions (other settings, so analysed again and stored apart)."""
    records = list(records)
    run = batch.run_library(
        lib,
        records,
        jobs=jobs,
        dictionary=dictionary,
        markers=markers,
        progress=progress,
        cancel=cancel,
    )
    info = records_frame([r for r in records if r.id in run.answers])
    dates = dict(zip(info["id"], info["date"]))
    ids = list(run.answers)
    answers = stack(list(run.answers.values()), ids, dates)
    blobs = [run.sentences[i] for i in ids]

    def sentences() -> pd.DataFrame:
        return stack(blobs, ids, dates, columns=_STORED_SENTENCE_COLUMNS)

    return Corpus(documents_frame(info, answers), answers, run.failures, sentences)


def records_frame(records: Sequence[Record]) -> pd.DataFrame:
    """:data:`~analysis.corpus.model.DOCUMENT_COLUMNS` of library records (tags joined by ", ")."""
    frame = pd.DataFrame(
        {
            "id": [r.id for r in records],
            "name": [r.name for r in records],
            "title": [r.title for r in records],
            "date": pd.to_datetime(pd.Series([r.date for r in records], dtype="object"), format="ISO8601"),
            "format": [r.format for r in records],
            "tags": [", ".join(r.tags) for r in records],
            "pairs": pd.array([r.pairs for r in records], dtype="Int64"),
            "words": pd.array([r.words for r in records], dtype="Int64"),
        },
        columns=DOCUMENT_COLUMNS,
    )
    frame["date"] = frame["date"].astype("datetime64[ns]")
    return frame


def stack(blobs: Sequence[bytes], ids: Sequence[str], dates: dict, *, columns: list[str] | None = None) -> pd.DataFrame:
    """Stored frames (Arrow IPC blobs, one per document) as one frame with ``doc_id`` and ``date`` in front;
    only ``columns`` if given (read in Arrow, so the others are never converted)."""
    import pyarrow as pa
    from pyarrow import ipc

    tables = [ipc.open_stream(pa.py_buffer(b)).read_all() for b in blobs]
    if columns is not None:
        tables = [t.select(columns) for t in tables]
    if not tables:
        frame = pd.DataFrame({c: [] for c in (columns or [])})
    else:
        table = pa.concat_tables(tables, promote_options="permissive") if len(tables) > 1 else tables[0]
        frame = table.to_pandas(use_threads=False)
    counts = [t.num_rows for t in tables]
    frame.insert(0, "doc_id", pd.array(np.repeat(np.asarray(ids, dtype=object), counts), dtype="str"))
    per_document = pd.DatetimeIndex([dates.get(i, pd.NaT) for i in ids], dtype="datetime64[ns]").to_numpy()
    when = np.repeat(per_document, counts)
    frame.insert(1, "date", when)
    return frame


def pending(lib: Library, records: Sequence[Record], *, dictionary=None, markers=None) -> int:
    """How many of ``records`` :func:`analyse` would analyse: those with no stored result under the same
    settings (with their corrections folded in, as :func:`analysis.pipeline.batch.run_library` keys them).
    Reads no stored frame, so the Corpus page can ask before a long run."""
    from analysis.store.library import corrected_settings

    settings = batch.make_settings(dictionary=dictionary, markers=markers)
    stored = lib.corrections_by_sha(r.content_sha256 for r in records)
    by_key: dict[str, list[str]] = {}
    for r in records:
        by_key.setdefault(corrected_settings(settings.sha256, stored.get(r.content_sha256, ())), []).append(r.content_sha256)
    have = {(k, sha) for k, shas in by_key.items() for sha in lib.cached_shas(k, shas)}
    return sum(
        (corrected_settings(settings.sha256, stored.get(r.content_sha256, ())), r.content_sha256) not in have for r in records
    )

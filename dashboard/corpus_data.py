"""The Corpus page's data: the library documents a selection holds, analysed once and kept in the server.

A corpus is loaded through :func:`analysis.corpus.analyse`, which reads stored analyses back from the
library and analyses (and stores) the rest. The loaded :class:`~analysis.corpus.Corpus` is kept in the
server (``st.cache_resource``), keyed by what it is made of: the records' ids, contents and corrections.
So a second session, or the same selection after a visit to another page, opens at once, and a change to
any document (an import, a correction) makes a new key. The frames the tabs draw (a measure over time, the
speakers, the documents) are kept on the corpus object itself, per measure and period.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from analysis import corpus as corpus_mod
from analysis.store.library import Record
from dashboard import store

# Loaded corpora kept in the server (each about 0.1 GB for the 1,153 briefings with their sentences).
CORPORA_KEPT = 4
# Above this many documents still to analyse, the page asks before it starts (about 0.1 s a document here).
ASK_ABOVE = 40


def records(selection: corpus_mod.Selection) -> list[Record]:
    """Every library document the selection keeps."""
    with store.opened() as lib:
        return corpus_mod.select(lib, selection)


def fingerprint(found: Sequence[Record]) -> str:
    """What a corpus of ``found`` is made of: ids, contents and corrections (a correction changes the parse)."""
    h = hashlib.sha256()
    with store.opened() as lib:
        fixes = lib.corrections_by_sha(r.content_sha256 for r in found)
    for r in found:
        h.update(f"{r.id}\0{r.content_sha256}\0{fixes.get(r.content_sha256, ())!r}\n".encode())
    return h.hexdigest()


def pending(found: Sequence[Record]) -> int:
    """How many of ``found`` have no stored analysis yet (they are analysed when the corpus is loaded)."""
    with store.opened() as lib:
        return corpus_mod.pending(lib, found)


# Kept by hand, not with st.cache_resource: the load draws its progress bar as it goes, and a cached
# function may not draw into a block made outside it (Streamlit replays a cached function's elements).
_CORPORA: OrderedDict[str, corpus_mod.Corpus] = OrderedDict()
_LOCK = threading.Lock()


def load(
    found: Sequence[Record], *, progress: Callable[[int, int], None] | None = None, cancel=None
) -> corpus_mod.Corpus:
    """The corpus of ``found``, analysed where needed (``progress(done, total)``; ``cancel`` stops it:
    :class:`analysis.corpus.Cancelled`), kept in the server (the last :data:`CORPORA_KEPT`)."""
    key = fingerprint(found)
    with _LOCK:
        if key in _CORPORA:
            _CORPORA.move_to_end(key)
            return _CORPORA[key]
    # Opened for writing: the analyses made here are stored (read-only mode only reads what is stored).
    with store.opened(write=not store.read_only()) as lib:
        corpus = corpus_mod.analyse(lib, found, progress=progress, cancel=cancel)
    with _LOCK:
        _CORPORA[key] = corpus
        while len(_CORPORA) > CORPORA_KEPT:
            _CORPORA.popitem(last=False)
    return corpus


def kept(corpus: corpus_mod.Corpus, key: tuple, make: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """A frame computed once per corpus (a measure over time, the speakers...)."""
    return corpus.kept(key, make)


def measures(corpus: corpus_mod.Corpus) -> list:
    """The measures the Over-time tab offers (tone, topics, markers, actors)."""
    return corpus.kept(("measures",), lambda: corpus_mod.measures(corpus))


def over_time(corpus: corpus_mod.Corpus, measure_key: str, by: str) -> pd.DataFrame:
    return corpus.kept(("over_time", measure_key, by), lambda: corpus_mod.over_time(corpus, measure_key, by))


def speakers(corpus: corpus_mod.Corpus) -> pd.DataFrame:
    return corpus.kept(("speakers",), lambda: corpus_mod.speakers(corpus))


def documents(corpus: corpus_mod.Corpus) -> pd.DataFrame:
    return corpus.kept(("documents",), lambda: corpus_mod.documents_table(corpus))


def rate_labels(columns) -> dict[str, str]:
    """``topic_<slug>`` / ``marker_<slug>`` column -> a readable header ("topic: Economy and business")."""
    from analysis.corpus.aggregate import _labels

    topics, markers = _labels("topic"), _labels("marker")
    out = {}
    for c in columns:
        if c.startswith("topic_") and not c.endswith("_count"):
            out[c] = "topic: " + topics.get(c[6:], c[6:])
        elif c.startswith("marker_") and not c.endswith("_count"):
            out[c] = "marker: " + markers.get(c[7:], c[7:])
    return out


def group(corpus: corpus_mod.Corpus, spec: str) -> corpus_mod.Corpus:
    """The documents of ``corpus`` that the filters ``spec`` keep (:meth:`analysis.corpus.Selection.from_spec`),
    as a corpus of their own (read back from the library's stored analyses)."""
    selection = corpus_mod.Selection.from_spec(spec)
    ids = set(corpus.documents["id"])
    found = [r for r in records(selection) if r.id in ids]
    if not found:
        from analysis.errors import DiscourseError

        raise DiscourseError(f"No document of this corpus matches {spec!r}.")
    return load(found)


def groups(corpus: corpus_mod.Corpus, spec_a: str, spec_b: str):
    """Two groups of ``corpus`` compared (:func:`analysis.corpus.groups`), kept per pair of specs."""
    a, b = group(corpus, spec_a), group(corpus, spec_b)
    return corpus.kept(("groups", fingerprint_of(a), fingerprint_of(b)), lambda: corpus_mod.groups(a, b))


def fingerprint_of(corpus: corpus_mod.Corpus) -> tuple:
    return tuple(corpus.documents["id"])


def csv_bytes(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode("utf-8")


def parquet_bytes(frame: pd.DataFrame) -> bytes:
    import io

    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()

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


@st.cache_resource(show_spinner=False, max_entries=CORPORA_KEPT)
def _load(key: str, _found: tuple[Record, ...], _progress, _cancel) -> corpus_mod.Corpus:
    # Opened for writing: the analyses made here are stored (read-only mode only reads what is stored).
    with store.opened(write=not store.read_only()) as lib:
        return corpus_mod.analyse(lib, _found, progress=_progress, cancel=_cancel)


def load(
    found: Sequence[Record], *, progress: Callable[[int, int], None] | None = None, cancel=None
) -> corpus_mod.Corpus:
    """The corpus of ``found``, analysed where needed (``progress(done, total)``; ``cancel`` stops it:
    :class:`analysis.corpus.Cancelled`), kept in the server."""
    return _load(fingerprint(found), tuple(found), progress, cancel)


def kept(corpus: corpus_mod.Corpus, key: tuple, make: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """A frame computed once per corpus (a measure over time, the speakers...)."""
    return corpus.kept(key, make)

"""How many documents a corpus would analyse: none once analysed, one again after a correction changes it."""

from __future__ import annotations

from analysis.corpus import Selection, analyse, pending, select
from analysis.store.library import Library
from analysis.transcripts import Correction


def test_pending_counts_what_analyse_would_analyse(tmp_path):
    with Library(tmp_path / "lib.sqlite3") as lib:
        for n in range(3):
            lib.add(f"doc-{n}.txt", f"Q: What about trade, number {n}?\n\nA: Trade grows, number {n}.\n".encode(), tags=["t"])
        found = select(lib, Selection(tag="t"))
        assert len(found) == 3 and pending(lib, found) == 3
        done = []
        corpus = analyse(lib, found[:2], progress=lambda d, t: done.append((d, t)))
        assert len(corpus) == 2 and done[-1] == (2, 2)
        assert pending(lib, found) == 1
        analyse(lib, found)
        assert pending(lib, found) == 0
        lib.set_corrections(found[0].id, [Correction("rename", label="A", to="Ann Roe")])
        assert pending(lib, found) == 1  # a corrected document is analysed again, under its corrections

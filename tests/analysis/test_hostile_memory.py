"""Memory of the analysis on long documents (issue 14, item 6): measures whose memory grew with the
square of a document's length."""

from __future__ import annotations

import tracemalloc

from analysis.document import alignment
from analysis.pipeline import run
from analysis.transcripts import parse_bytes
from benchmarks import hostile_inputs as hostile


def _alignment_peak(n_chars: int) -> int:
    doc = parse_bytes(hostile.labelled_text(n_chars, seed=7).encode(), name="long.txt")
    result = run.analyze(doc, detail="summary")
    alignment.measure(result)  # imports scikit-learn and scipy outside the measurement
    tracemalloc.start()
    try:
        alignment.measure(result)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_alignment_memory_grows_linearly_with_the_document() -> None:
    # Twice the text: twice the sentences and about twice the vocabulary. Dense TF-IDF rows (before the
    # fix) cost sentences x vocabulary, four times as much; sparse rows about twice.
    small, large = _alignment_peak(30_000), _alignment_peak(60_000)
    assert large < 2.8 * small, (small, large)

"""A comparison side from its command-line spec (``FILE:pairs=1-3``, ``FILE:topic=economy>10``, ...):
the file read, then measured when the side is chosen by a topic's rate, then the units selected.

The spec syntax and the selection are :mod:`analysis.comparison.sides`; this module adds the reading
and the measuring, which are the pipeline's work.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from analysis.comparison.sides import Side, parse_spec, select
from analysis.pipeline import run
from analysis.transcripts import load
from analysis.transcripts.model import Document


def side_from_spec(
    spec: str, *, speaker_column: str | None = None, text_column: str | None = None, corrections: Sequence = (),
) -> Side:
    """Load the file of a side spec and select its units (see :func:`~analysis.comparison.sides.parse_spec`),
    named by its file name. ``speaker_column`` / ``text_column``: a table's columns, and ``corrections``
    the user's fixes, as for :func:`analysis.transcripts.load`.

    >>> from analysis.transcripts import DEFAULT_DOCUMENT
    >>> [u.pair for u in side_from_spec(f"{DEFAULT_DOCUMENT}:pairs=5-6").units]
    [5, 6]
    """
    path, options = parse_spec(spec)
    doc = load(path, speaker_column=speaker_column, text_column=text_column, corrections=corrections)
    return side_of(doc, Path(path).name, options)


def side_of(doc: Document, document: str, options: dict) -> Side:
    """``select(doc, **options)``, with the answers frame measured when the side is chosen by topic."""
    if str(options.get("kind", "")).startswith("topic"):
        options = {**options, "answers": run.analyze(doc, document=document, detail="summary").answers}
    return select(doc, document=document, **options)

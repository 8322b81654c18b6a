"""The result of analysing one document: its tidy frames, the measures made from them, and one unit's view.

:class:`Analysis` is what :func:`analysis.pipeline.run.analyze` returns. It sits below the measures:
the sentence-level measures (:mod:`analysis.sentence`) fill its frames, and the document-level ones
(:mod:`analysis.document`: alignment, actors, question framing, diagnostics) read them. Those are
computed the first time they are asked for and then kept on the object (``Analysis.alignment``,
``Analysis.actors(...)``, ...), so whoever holds one ``Analysis`` never measures twice.

:meth:`Analysis.unit` returns everything about one question or answer (:class:`UnitFrames`): its
text, its row, its sentences, word contributions, topic terms, markers, premise-challenge spans and
sentence alignment. Every view of one answer reads it, so no two views of it can differ.

The frames' columns are documented in :mod:`analysis.pipeline.run`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal, TypeVar

import pandas as pd

if TYPE_CHECKING:  # the document measures import this module: they are imported when first used
    from analysis.document.actors import ActorList, Actors
    from analysis.document.alignment import Alignment
    from analysis.document.diagnostics import Diagnostics
    from analysis.document.framing import Framing

__all__ = [
    "ANSWER_COLUMNS", "MARKER_COLUMNS", "SENTENCE_COLUMNS", "UNIT_KEYS", "Analysis", "Role", "UnitFrames",
]

Role = Literal["question", "answer"]
UNIT_KEYS = ["document", "pair", "role"]
# The documented contract comes first in each frame; topic columns follow; extras after them.
ANSWER_COLUMNS = [
    "document", "pair", "speaker", "question", "answer", "n_words", "n_sentences",
    "sentiment", "sentiment_min", "sentiment_max", "sentiment_std",
    "share_positive", "share_neutral", "share_negative", "coverage",
]
SENTENCE_COLUMNS = ["document", "pair", "sentence", "text", "sentiment", "pos", "neu", "neg"]
MARKER_COLUMNS = UNIT_KEYS + ["sentence", "family", "entry", "kind", "start", "end", "text"]

T = TypeVar("T")


@dataclass(frozen=True)
class UnitFrames:
    """One question or answer and every measure of it, as rows of the document's frames.

    ``row`` is the pair's row of ``Analysis.answers`` (the answer's aggregates and the question's
    tone). ``premises`` (answers only) are the spans that challenge the question's premise
    (:mod:`analysis.document.alignment`); ``alignment`` the answer's sentences' similarity to the
    question (empty for a question). Spans are character offsets into ``text``.
    """

    pair: int
    role: Role
    text: str
    row: pd.Series
    sentences: pd.DataFrame
    contributions: pd.DataFrame
    terms: pd.DataFrame
    markers: pd.DataFrame
    premises: pd.DataFrame
    alignment: pd.DataFrame


@dataclass(frozen=True)
class Analysis:
    """The frames of one analysed document (columns: :mod:`analysis.pipeline.run`) and the document
    measures made from them, each computed when first asked for and then kept."""

    answers: pd.DataFrame
    sentences: pd.DataFrame
    tokens: pd.DataFrame
    contributions: pd.DataFrame
    terms: pd.DataFrame
    settings: dict = field(default_factory=dict)
    markers: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=MARKER_COLUMNS))
    # What was measured later (alignment, actors, ...): never compared, never shown by repr.
    _kept: dict = field(default_factory=dict, init=False, compare=False, repr=False)

    def __getstate__(self) -> dict:
        # Pickled (st.cache_data, a batch's processes) without the lock, which cannot be; the kept
        # measures go with it.
        state = dict(self.__dict__)
        state["_kept"] = {k: v for k, v in self._kept.items() if k != _LOCK}
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def _keep(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()`` the first time ``key`` is asked for, the kept value afterwards. One lock per
        object: two threads asking at once compute it once."""
        kept = self._kept
        if key in kept:
            return kept[key]
        with kept.setdefault(_LOCK, threading.RLock()):
            if key not in kept:
                kept[key] = compute()
            return kept[key]

    # --- document measures (analysis.document), computed when first asked for ---------------------

    @property
    def alignment(self) -> Alignment:
        """Question-answer alignment and premise challenges (:func:`analysis.document.alignment.measure`)."""
        from analysis.document import alignment

        return self._keep("alignment", lambda: alignment.measure(self))

    def actors(self, actor_list: ActorList | None = None) -> Actors:
        """The mentions of ``actor_list``'s actors (default: the shipped list) and their tables
        (:func:`analysis.document.actors.measure`), kept per list (its hash)."""
        from analysis.document import actors

        actor_list = actor_list or actors.load_actors()
        return self._keep(("actors", actor_list.sha256), lambda: actors.measure(self, actor_list))

    def framing(self, pair: int) -> Framing:
        """How pair ``pair``'s question frames its topic (:func:`analysis.document.framing.measure`)."""
        from analysis.document import framing

        return self._keep(("framing", int(pair)), lambda: framing.measure(self, int(pair)))

    @property
    def diagnostics(self) -> Diagnostics:
        """Where the sentiment measure is unsure (:func:`analysis.document.diagnostics.measure`)."""
        from analysis.document import diagnostics

        return self._keep("diagnostics", lambda: diagnostics.measure(self))

    # --- one unit ---------------------------------------------------------------------------------

    def rows(self, frame: str, pair: int, role: Role) -> pd.DataFrame:
        """The rows of frame ``frame`` (``"sentences"``, ``"contributions"``, ...) that belong to one
        unit, found through an index made once per frame (not a scan of the frame per unit)."""
        table: pd.DataFrame = getattr(self, frame)
        if not {"pair", "role"} <= set(table.columns):  # detail="summary" leaves some frames bare
            return table.iloc[0:0]
        index = self._keep(("index", frame), lambda: table.groupby(["pair", "role"], sort=False).indices)
        found = index.get((int(pair), role))
        return table.iloc[found] if found is not None else table.iloc[0:0]

    def unit(self, pair: int, role: Role = "answer") -> UnitFrames:
        """Everything about pair ``pair``'s answer (or its question): its text, its row of ``answers``,
        its sentences, contributions, terms, markers, premise spans and sentence alignment.

        >>> from analysis.transcripts import load, DEFAULT_DOCUMENT
        >>> from analysis.pipeline.run import analyze
        >>> u = analyze(load(DEFAULT_DOCUMENT)).unit(7)
        >>> len(u.sentences) == int(u.row["n_sentences"]), u.premises["text"].tolist()
        (True, ['I have a problem with the premise of the question', 'rather the opposite'])
        """
        row = self._keep("by_pair", lambda: self.answers.set_index("pair", drop=False)).loc[int(pair)]
        body = row[role]
        if role == "answer":
            aligned = self.alignment
            premises = _of_pair(aligned.premises, pair)
            sentence_alignment = _of_pair(aligned.sentences, pair)
        else:
            premises = sentence_alignment = pd.DataFrame(columns=["pair", "start", "end", "text"])
        return UnitFrames(
            pair=int(pair), role=role, text=body if isinstance(body, str) else "", row=row,
            sentences=self.rows("sentences", pair, role), contributions=self.rows("contributions", pair, role),
            terms=self.rows("terms", pair, role), markers=self.rows("markers", pair, role),
            premises=premises, alignment=sentence_alignment,
        )


_LOCK = "__lock__"


def _of_pair(frame: pd.DataFrame, pair: int) -> pd.DataFrame:
    return frame[frame["pair"] == int(pair)]

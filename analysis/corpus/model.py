"""A corpus: many analysed documents as three frames (documents, answers, sentences) and the failures.

The ``answers`` frame is the batch's (:mod:`analysis.pipeline.run`: ``document, pair, speaker, question,
answer, n_words, n_sentences, sentiment, ..., topic_<slug>, marker_<slug>, ..., <rate>_count, ...``) with
``doc_id`` and ``date`` (datetime64, NaT when the document has none) in front. The ``sentences`` frame
holds :data:`SENTENCE_COLUMNS` (both roles: ``role`` is question or answer); it is read when first asked
for (decoding every sentence of 1,153 briefings takes about 1 s against 0.25 s for the answers) and kept.

The ``documents`` frame has one row per document analysed: :data:`DOCUMENT_COLUMNS`, then
:func:`document_measures` of its answers: ``answers``, ``answer_words``, ``tone`` (the mean compound of
its answers' sentences), ``share_negative`` (the share of those sentences at or below VADER's -0.05),
and every ``topic_<slug>`` and ``marker_<slug>`` rate per 1,000 answer words. Everything is computed from
the answers frame (an answer's ``sentiment`` is the mean of its sentences, so ``sentiment x n_sentences``
is their sum). Question-answer alignment is not a column: it needs each document's TF-IDF model
(:mod:`analysis.document.alignment`, about 20 ms a document), open a document to see it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

__all__ = ["DOCUMENT_COLUMNS", "SENTENCE_COLUMNS", "Corpus", "count_columns", "document_measures", "rate_columns"]

DOCUMENT_COLUMNS = ["id", "name", "title", "date", "format", "tags", "pairs", "words"]
SENTENCE_COLUMNS = ["doc_id", "date", "pair", "sentence", "role", "text", "sentiment", "n_words", "start", "end"]
COUNT_SUFFIX = "_count"


def rate_columns(answers: pd.DataFrame) -> list[str]:
    """The ``topic_<slug>`` and ``marker_<slug>`` rate columns of an answers frame, in its order."""
    return [
        c
        for c in answers.columns
        if c.startswith(("topic_", "marker_")) and not c.endswith(COUNT_SUFFIX) and c + COUNT_SUFFIX in answers.columns
    ]


def count_columns(answers: pd.DataFrame) -> list[str]:
    return [c + COUNT_SUFFIX for c in rate_columns(answers)]


@dataclass(frozen=True)
class Corpus:
    """Documents, their answers and (read when first asked for) their sentences; see the module docstring.

    ``failures``: ``(document id, reason)`` of the documents that could not be analysed (left out of the
    frames)."""

    documents: pd.DataFrame
    answers: pd.DataFrame
    failures: list[tuple[str, str]] = field(default_factory=list)
    load_sentences: Callable[[], pd.DataFrame] | None = field(default=None, repr=False)
    _kept: dict = field(default_factory=dict, repr=False, compare=False)
    _lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)

    @property
    def sentences(self) -> pd.DataFrame:
        """Every sentence (:data:`SENTENCE_COLUMNS`), read on first use and kept."""
        return self.kept("sentences", self._read_sentences)

    def _read_sentences(self) -> pd.DataFrame:
        if self.load_sentences is None:
            return pd.DataFrame({c: [] for c in SENTENCE_COLUMNS})
        return self.load_sentences()

    def kept(self, key, make: Callable[[], object]):
        """``make()`` computed once per corpus under ``key`` and kept (sentences, actor mentions...)."""
        with self._lock:
            if key not in self._kept:
                self._kept[key] = make()
            return self._kept[key]

    @property
    def undated(self) -> list[str]:
        """The ids of the documents without a date (left out of everything over time)."""
        return self.documents.loc[self.documents["date"].isna(), "id"].tolist()

    def __len__(self) -> int:
        return len(self.documents)


def document_measures(answers: pd.DataFrame) -> pd.DataFrame:
    """Per ``doc_id`` of an answers frame: ``doc_id, answers, answer_words, tone, share_negative`` and every
    rate column (per 1,000 answer words), from sums over its answers."""
    rates = rate_columns(answers)
    m = answers["n_sentences"].to_numpy(dtype="float64")
    tone = np.nan_to_num(answers["sentiment"].to_numpy(dtype="float64")) * m
    negative = np.nan_to_num(answers["share_negative"].to_numpy(dtype="float64")) * m
    sums = pd.DataFrame(
        {
            "doc_id": answers["doc_id"].to_numpy(),
            "answers": 1,
            "answer_words": answers["n_words"].to_numpy(dtype="int64"),
            "_sentences": m,
            "_tone": tone,
            "_negative": negative,
            **{c: answers[c + COUNT_SUFFIX].to_numpy(dtype="float64") for c in rates},
        }
    )
    g = sums.groupby("doc_id", sort=False).sum()
    with np.errstate(invalid="ignore", divide="ignore"):
        out = pd.DataFrame(
            {
                "answers": g["answers"].astype("int64"),
                "answer_words": g["answer_words"].astype("int64"),
                "tone": g["_tone"] / g["_sentences"].where(g["_sentences"] > 0),
                "share_negative": g["_negative"] / g["_sentences"].where(g["_sentences"] > 0),
                **{c: g[c] * 1000.0 / g["answer_words"].where(g["answer_words"] > 0) for c in rates},
            }
        )
    return out.reset_index()


def documents_frame(info: pd.DataFrame, answers: pd.DataFrame) -> pd.DataFrame:
    """``info`` (:data:`DOCUMENT_COLUMNS`, one row per document) joined with :func:`document_measures`."""
    measures = document_measures(answers).rename(columns={"doc_id": "id"})
    out = info[DOCUMENT_COLUMNS].merge(measures, on="id", how="left")
    out["answers"] = out["answers"].fillna(0).astype("int64")
    out["answer_words"] = out["answer_words"].fillna(0).astype("int64")
    return out

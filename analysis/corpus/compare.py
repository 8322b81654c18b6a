"""Two groups of documents compared (say the 2021 briefings against the 2023 ones), with the comparison
package's measures rather than new ones: each group's answers become a comparison
:class:`~analysis.comparison.sides.Side` (one unit per answer, its ``document`` the doc id), whose
distinctive terms are :func:`analysis.comparison.keyness.compare` (weighted log-odds, Monroe et al. 2008)
and whose concordance is :func:`analysis.comparison.concordance.kwic`; topic and marker rates with the
percentile bootstrap of :func:`analysis.comparison.bootstrap.topic_profile`, resampling answers; the tone
of each side with the t-interval over answers of :mod:`analysis.corpus.aggregate`.

Figures (``python benchmarks/corpus_speed.py``): the 2021 against the 2023 briefings, about 1.5 and 0.9
million answer words, ``terms()`` first time (tokenising every answer) about 3 s, again (tokens kept
on the sides) about 0.5 s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import numpy as np
import pandas as pd

from analysis.comparison import bootstrap, concordance, keyness
from analysis.comparison.sides import Side, Unit
from analysis.corpus.aggregate import _labels, _ratio
from analysis.corpus.model import Corpus, rate_columns

__all__ = ["LIBRARY_PREFIX", "TONE_COLUMNS", "Groups", "groups", "library_side", "side_of"]

# A comparison side of library documents on the command line: library:tag=2021, library:speaker=NAME, ...
LIBRARY_PREFIX = "library:"

TONE_COLUMNS = ["side", "label", "documents", "answers", "sentences", "tone", "low", "high", "share_negative"]


def side_of(corpus: Corpus, label: str) -> Side:
    """The answers of ``corpus`` as a comparison side: one unit per answer, ``document`` its doc id."""
    a = corpus.answers
    speakers = a["speaker"].fillna("").astype(str)
    units = tuple(
        Unit(d, int(p), "answer", s, t)
        for d, p, s, t in zip(a["doc_id"], a["pair"], speakers, a["answer"].fillna(""))
        if t
    )
    return Side(label, units)


@dataclass(frozen=True)
class Groups:
    """Two corpora compared; the frames are computed when first asked for and kept."""

    a: Corpus
    b: Corpus
    label_a: str = "A"
    label_b: str = "B"
    _terms: dict = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def side_a(self) -> Side:
        return side_of(self.a, self.label_a)

    @cached_property
    def side_b(self) -> Side:
        return side_of(self.b, self.label_b)

    @cached_property
    def tone(self) -> pd.DataFrame:
        """:data:`TONE_COLUMNS`: per side the mean compound of its answers' sentences with its 95% interval
        (t over answers), its share of negative sentences, documents, answers and sentences."""
        rows = []
        for side, label, corpus in (("a", self.label_a, self.a), ("b", self.label_b, self.b)):
            a = corpus.answers
            m = a["n_sentences"].to_numpy(dtype="float64")
            units = pd.DataFrame(
                {
                    "g": 0,
                    "y": np.nan_to_num(a["sentiment"].to_numpy(dtype="float64")) * m,
                    "x": m,
                    "z": np.nan,
                }
            )
            r = _ratio(units, "g")
            negative = (np.nan_to_num(a["share_negative"].to_numpy(dtype="float64")) * m).sum()
            one = (
                r.iloc[0]
                if len(r)
                else pd.Series({"n": 0, "n_answers": 0, "value": np.nan, "low": np.nan, "high": np.nan})
            )
            rows.append(
                (
                    side,
                    label,
                    a["doc_id"].nunique(),
                    len(a),
                    int(m.sum()),
                    one["value"],
                    one["low"],
                    one["high"],
                    negative / m.sum() if m.sum() else np.nan,
                )
            )
        return pd.DataFrame(rows, columns=TONE_COLUMNS)

    @cached_property
    def topics(self) -> pd.DataFrame:
        """Every topic and marker rate per 1,000 answer words of each side, their difference (A - B) and its
        95% percentile bootstrap interval over answers (:func:`analysis.comparison.bootstrap.topic_profile`:
        ``topic, label, rate_a, rate_b, difference, low, high``; ``topic`` is the column, e.g. ``topic_economy``
        or ``marker_hedges``)."""
        names = {
            **{f"topic_{k}": v for k, v in _labels("topic").items()},
            **{f"marker_{k}": v for k, v in _labels("marker").items()},
        }
        columns = [c for c in rate_columns(self.a.answers) if c in set(rate_columns(self.b.answers))]
        labels = {c: names.get(c, c.split("_", 1)[1].replace("_", " ").capitalize()) for c in columns}
        profile = bootstrap.topic_profile(self.a.answers, self.b.answers, labels=labels)
        profile["topic"] = list(labels)
        return profile

    def terms(self, *, ngrams: keyness.Ngrams = "words", min_count: int = keyness.MIN_COUNT) -> pd.DataFrame:
        """The distinctive terms of A against B (positive ``z``: typical of A), kept per setting."""
        key = (ngrams, min_count)
        if key not in self._terms:
            self._terms[key] = keyness.compare(self.side_a, self.side_b, ngrams=ngrams, min_count=min_count)
        return self._terms[key]

    def kwic(self, side: Literal["a", "b"], term: str, *, width: int = concordance.WIDTH) -> pd.DataFrame:
        """Concordance lines of ``term`` on one side: ``doc_id, pair, role, speaker, left, hit, right, start,
        end`` (``doc_id`` and ``pair`` open the answer: ``/?doc=ID&pair=N``)."""
        lines = concordance.kwic((self.side_a if side == "a" else self.side_b).units, term, width=width)
        return lines.rename(columns={"document": "doc_id"})


def groups(corpus_a: Corpus, corpus_b: Corpus, *, label_a: str = "A", label_b: str = "B") -> Groups:
    """Two corpora compared (see the module docstring); nothing is computed until asked for."""
    return Groups(corpus_a, corpus_b, label_a, label_b)


def library_side(lib, spec: str, *, jobs: int = 1) -> Side:
    """The answers of the library documents a side spec selects: ``library:tag=2021``,
    ``library:speaker=NAME``, ``library:from=2023-01-01,to=2023-12-31`` (the keys of
    :meth:`analysis.corpus.Selection.from_spec`), analysed or read back as :func:`analysis.corpus.analyse`
    does. With ``speaker=``, only that speaker's answers. An empty selection is a DiscourseError."""
    from analysis.corpus.from_library import analyse
    from analysis.corpus.selection import Selection, select
    from analysis.errors import DiscourseError
    from analysis.store.metadata import speaker_key

    body = spec.removeprefix(LIBRARY_PREFIX)
    selection = Selection.from_spec(body)
    records = select(lib, selection)
    if not records:
        raise DiscourseError(f"side {spec!r}: no document of library {lib.path} matches it.")
    corpus = analyse(lib, records, jobs=jobs)
    side = side_of(corpus, spec)
    if selection.speaker:
        key = speaker_key(selection.speaker)
        units = tuple(u for u in side.units if key in {speaker_key(n) for n in u.speaker.split("; ")})
        side = Side(spec, units)
    if not side.units:
        raise DiscourseError(f"side {spec!r}: its documents have no answers to compare.")
    return side

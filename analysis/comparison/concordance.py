"""Where a term occurs: keyword-in-context lines and the words that keep it company.

Matching is on the project's tokens (:func:`analysis.text.tokenize`), compared lower-cased: a term is
one or more tokens that must follow each other in the text ("soft power" does not match "soft,
power"); a trailing ``*`` makes the last word a prefix ("russophob*" matches "Russophobia" and
"russophobic"). "Russia's" is one token, so the term "russia" does not match it, "russia*" does.

>>> from analysis.comparison.sides import Unit
>>> u = Unit("doc", 1, "answer", "A", "Soft power is not propaganda. Soft power attracts.")
>>> list(kwic([u], "soft power")["right"])
['is not propaganda. Soft power attracts.', 'attracts.']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Literal

import pandas as pd

from analysis import datafiles, text
from analysis.comparison.sides import Unit
from analysis.errors import DiscourseError

__all__ = ["COLLOCATION_COLUMNS", "KWIC_COLUMNS", "WIDTH", "WINDOW", "Measure", "collocations", "kwic"]

Measure = Literal["pmi", "likelihood"]
KWIC_COLUMNS = ["document", "pair", "role", "speaker", "left", "hit", "right", "start", "end"]
COLLOCATION_COLUMNS = ["term", "collocate", "count", "score", "measure"]
# Characters of context on each side of a hit: about ten words, one line of a concordance printout.
WIDTH = 60
# Words on each side of the node word: +/-5 is the usual span in corpus linguistics (Sinclair 1991,
# "Corpus, Concordance, Collocation"; the default of AntConc and #LancsBox).
WINDOW = 5


def _pattern(term: str) -> tuple[list[str], bool]:
    """The lower-cased tokens of ``term`` and whether the last one is a prefix (trailing ``*``)."""
    raw = term.strip()
    prefix = raw.endswith("*")
    raw = raw.rstrip("*").strip()
    tokens = [t.lower for t in text.tokenize(raw)]
    if not tokens or (prefix and not text.tokenize(raw)[-1].is_word):
        raise DiscourseError(
            f"Give a word or phrase to look for (a trailing * matches any ending, as in russophob*), not {term!r}."
        )
    return tokens, prefix


def _matches(tokens: Sequence[text.Token], pattern: list[str], prefix: bool) -> list[tuple[int, int]]:
    """Token index ranges ``[i, j)`` where ``pattern`` matches, left to right, not overlapping."""
    k = len(pattern)
    out: list[tuple[int, int]] = []
    i = 0
    while i + k <= len(tokens):
        ok = all(tokens[i + m].lower == pattern[m] for m in range(k - 1))
        last = tokens[i + k - 1]
        if ok and (last.lower.startswith(pattern[-1]) and last.is_word if prefix else last.lower == pattern[-1]):
            out.append((i, i + k))
            i += k
        else:
            i += 1
    return out


def _squash(s: str) -> str:
    return " ".join(s.split())


def _left(s: str, width: int) -> str:
    """The last ``width`` characters of ``s`` (white space collapsed), without a cut-off first word."""
    s = _squash(s)
    if len(s) <= width:
        return s
    cut = s[len(s) - width :] if width else ""
    if cut and not cut[0].isspace() and not s[len(s) - width - 1].isspace():
        cut = cut.partition(" ")[2]
    return cut.strip()


def _right(s: str, width: int) -> str:
    """The first ``width`` characters of ``s`` (white space collapsed), without a cut-off last word."""
    s = _squash(s)
    if len(s) <= width:
        return s
    cut = s[:width]
    if cut and not cut[-1].isspace() and not s[width].isspace():
        cut = cut.rpartition(" ")[0]
    return cut.strip()


def kwic(units: Sequence[Unit], term: str, *, width: int = WIDTH) -> pd.DataFrame:
    """Keyword-in-context lines for ``term`` in ``units``, in the units' order.

    Columns ``document, pair, role, speaker, left, hit, right, start, end``: ``hit`` is the matched
    text as written, ``start``/``end`` its character offsets in the unit's text, ``left``/``right``
    at most ``width`` characters of context with white space collapsed, cut at word boundaries.
    """
    if width < 0:
        raise DiscourseError(f"The context width must be 0 or more characters, not {width}.")
    pattern, prefix = _pattern(term)
    rows = []
    for u in units:
        tokens = text.tokenize(u.text)
        for i, j in _matches(tokens, pattern, prefix):
            start, end = tokens[i].start, tokens[j - 1].end
            rows.append(
                (u.document, u.pair, u.role, u.speaker, _left(u.text[:start], width),
                 _squash(u.text[start:end]), _right(u.text[end:], width), start, end)
            )
    frame = pd.DataFrame(rows, columns=KWIC_COLUMNS)
    return frame.astype({"pair": "int64", "start": "int64", "end": "int64"})


def collocations(
    units: Sequence[Unit],
    term: str,
    *,
    window: int = WINDOW,
    min_count: int = 2,
    measure: Measure = "likelihood",
    top: int = 20,
) -> pd.DataFrame:
    """The words that occur within ``window`` words either side of ``term`` (never across units).

    Counted as surface co-occurrence in a span (Evert 2008): the span is every word position within
    ``window`` words of a match of ``term`` (each position once, even where two spans overlap; the
    matched words themselves left out). For a collocate c, NLTK's bigram association measures
    (:class:`nltk.metrics.association.BigramAssocMeasures` ``pmi`` / ``likelihood_ratio``) get the
    contingency ``n_ii`` = c's positions in the span (the ``count`` column), ``n_ix`` = positions in
    the span, ``n_xi`` = c's frequency in the units, ``n_xx`` = all words of the units; stop words are
    never collocates and are not counted in any of these. Collocates with ``count < min_count`` are
    left out; the ``top`` best scores are returned. Columns ``term, collocate, count, score, measure``.
    """
    from nltk.metrics.association import BigramAssocMeasures

    if window < 1:
        raise DiscourseError(f"The collocation window must be at least 1 word, not {window}.")
    pattern, prefix = _pattern(term)
    stop = datafiles.stopwords(apostrophes="both")
    span: Counter[str] = Counter()
    freq: Counter[str] = Counter()
    for u in units:
        tokens = text.tokenize(u.text)
        word_at = [-1] * len(tokens)  # token index -> word index
        words: list[str] = []
        for ti, t in enumerate(tokens):
            if t.is_word:
                word_at[ti] = len(words)
                words.append(t.lower)
        freq.update(w for w in words if w not in stop)
        nodes: set[int] = set()
        for i, j in _matches(tokens, pattern, prefix):
            nodes.update(word_at[ti] for ti in range(i, j) if word_at[ti] >= 0)
        positions: set[int] = set()
        for n in nodes:
            positions.update(range(max(0, n - window), min(len(words), n + window + 1)))
        span.update(words[p] for p in positions - nodes if words[p] not in stop)
    n_ix, n_xx = sum(span.values()), sum(freq.values())
    score = BigramAssocMeasures.pmi if measure == "pmi" else BigramAssocMeasures.likelihood_ratio
    rows = [
        (term, c, n, float(score(n, (n_ix, freq[c]), n_xx)), measure)
        for c, n in span.items()
        if n >= min_count
    ]
    frame = pd.DataFrame(rows, columns=COLLOCATION_COLUMNS)
    frame = frame.sort_values(["score", "count", "collocate"], ascending=[False, False, True], kind="stable")
    return frame.head(top).reset_index(drop=True).astype({"count": "int64", "score": "float64"})


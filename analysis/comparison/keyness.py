r"""Distinctive terms of two sides: Monroe, Colaresi & Quinn (2008), "Fightin' Words".

The weighted log-odds ratio with an informative Dirichlet prior (Political Analysis 16(4), 372-403,
section 3.5, eq. 16-22). For a term w with counts :math:`y^a_w, y^b_w`, side totals :math:`n^a, n^b`,
prior pseudo-count :math:`\alpha_w` and :math:`\alpha_0 = \sum_w \alpha_w`:

.. math::

    \delta_w = \log\frac{y^a_w + \alpha_w}{n^a + \alpha_0 - y^a_w - \alpha_w}
             - \log\frac{y^b_w + \alpha_w}{n^b + \alpha_0 - y^b_w - \alpha_w},\qquad
    \sigma^2(\delta_w) \approx \frac{1}{y^a_w + \alpha_w} + \frac{1}{y^b_w + \alpha_w},\qquad
    z_w = \delta_w / \sigma(\delta_w).

Positive ``z`` means more typical of side A. The prior (see :data:`PRIOR_SCALE`) is by default the
pooled counts of both sides; a ``background`` corpus may be given instead.

Terms (:func:`term_counts`) are the project's word tokens (:func:`analysis.text.words`, lower case).
Stop words (``data/wordlists/stopwords.txt``, read by :func:`analysis.datafiles.stopwords`) are
dropped by default. A bigram is two adjacent words of one segment, written ``"w1 w2"``:
:func:`compare` passes one segment per sentence, so bigrams never cross a sentence or a unit, and,
with stop words dropped, never contain or skip over a stop word ("power of Russia" gives no bigram;
"soft power" does).

>>> from collections import Counter
>>> frame = log_odds(Counter(a=10, b=2), Counter(a=2, b=10), min_count=1)
>>> list(frame["term"]), bool(frame["z"].iloc[0] > 0)
(['a', 'b'], True)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from analysis import datafiles
from analysis.comparison.sides import Side
from analysis.errors import DiscourseError

__all__ = [
    "COLUMNS", "MIN_COUNT", "PRIOR_FLOOR", "PRIOR_SCALE", "RATE_PER",
    "Ngrams", "Stopwords", "compare", "log_odds", "term_counts",
]

Ngrams = Literal["words", "bigrams", "both"]
Stopwords = Literal["keep", "drop"]

COLUMNS = ["term", "count_a", "count_b", "rate_a", "rate_b", "log_odds", "z"]
# Rates are per 1,000 terms of the side, like the topic rates (per 1,000 words) elsewhere.
RATE_PER = 1000.0
# Terms used fewer times than this on both sides together are left out of the result (after the
# computation, so the prior still counts them). 3: below that a term cannot show a difference that
# survives the prior (z of 1 vs 0 occurrences stays well under 1 with the pooled prior).
MIN_COUNT = 3
# alpha_0, the total of the prior pseudo-counts. None: the prior's own total, i.e. the pooled counts
# a + b used unscaled (alpha_w = y_w^a + y_w^b). This is the empirical-Bayes default of tidylo
# (Schnoebelen, Silge & Hayes, `bind_log_odds`: "inflates feature counts in each group by total
# feature counts across all groups") and the unscaled-background practice of Jurafsky et al. (2014),
# scattertext's scale_type="none". Monroe et al. treat alpha_0 as the amount of prior information, a
# free choice; a number here rescales the prior to that total.
PRIOR_SCALE: float | None = None
# Pseudo-count for a term missing from a user-given prior (a background corpus without the term):
# the flat alpha_w = 0.01 of the uninformative-prior version (scattertext's
# LogOddsRatioUninformativeDirichletPrior default, after Monroe et al.'s uninformative example).
PRIOR_FLOOR = 0.01


def term_counts(
    units: Sequence[Sequence[str]] | Sequence[str],
    *,
    ngrams: Ngrams = "words",
    stopwords: Stopwords = "drop",
) -> Counter[str]:
    """Count the terms of a side: ``units`` is one list of lower-cased words per unit (or sentence).

    A flat list of strings is taken as one unit. ``ngrams``: single words, bigrams (``"w1 w2"``,
    adjacent words of one list: no bigram spans two lists) or both. ``stopwords="drop"`` leaves stop
    words out, and every bigram that contains one (so no bigram joins the words on either side of a dropped stop word).

    >>> term_counts([["soft", "power", "of", "russia"], ["russia", "is", "soft"]], ngrams="bigrams")
    Counter({'soft power': 1})
    """
    if len(units) and isinstance(units[0], str):
        units = [units]  # type: ignore[list-item]
    stop = datafiles.stopwords(apostrophes="both") if stopwords == "drop" else frozenset()
    flat = [w for ws in units for w in ws]
    if not flat:
        return Counter()
    # Vectorised: each word becomes an integer code (pandas' hash factorisation, in C), so that
    # counting 1 million words takes NumPy's bincount rather than a Python loop per word.
    codes, uniques = pd.factorize(np.array(flat, dtype=object))
    vocab = np.asarray(uniques, dtype=object)
    keep_word = np.fromiter((w not in stop for w in vocab), dtype=bool, count=len(vocab))
    counts: Counter[str] = Counter()
    if ngrams in ("words", "both"):
        n = np.bincount(codes, minlength=len(vocab))
        chosen = np.flatnonzero(keep_word & (n > 0))
        counts.update(dict(zip(vocab[chosen].tolist(), n[chosen].tolist())))
    if ngrams in ("bigrams", "both") and len(flat) > 1:
        ok = keep_word[codes[:-1]] & keep_word[codes[1:]]
        ends = np.cumsum([len(ws) for ws in units])[:-1]  # a list's first word follows no word
        ok[ends[(ends > 0) & (ends < len(flat))] - 1] = False
        pair_codes = codes[:-1][ok].astype(np.int64) * len(vocab) + codes[1:][ok]
        distinct, n = np.unique(pair_codes, return_counts=True)
        first, second = vocab[distinct // len(vocab)], vocab[distinct % len(vocab)]
        counts.update({f"{w1} {w2}": c for w1, w2, c in zip(first.tolist(), second.tolist(), n.tolist())})
    return counts


def _aligned(counters: Sequence[Counter[str]]) -> tuple[list[str], list[np.ndarray]]:
    """The union of the counters' keys (first seen first) and each counter's counts on it as floats."""
    first = counters[0]
    index = dict.fromkeys(first)
    for c in counters[1:]:
        index.update(dict.fromkeys(c))
    vocab = list(index)
    head = np.fromiter(first.values(), dtype=float, count=len(first))
    arrays = [np.concatenate([head, np.zeros(len(vocab) - len(first))])]
    for c in counters[1:]:
        arrays.append(np.fromiter((c.get(t, 0) for t in vocab), dtype=float, count=len(vocab)))
    return vocab, arrays


def log_odds(
    counts_a: Counter[str],
    counts_b: Counter[str],
    *,
    prior: Counter[str] | None = None,
    prior_scale: float | None = PRIOR_SCALE,
    min_count: int = MIN_COUNT,
) -> pd.DataFrame:
    """Weighted log-odds ratio with an informative Dirichlet prior (Monroe et al. 2008, eq. 16-22).

    ``prior``: pseudo-counts per term; default the pooled counts ``counts_a + counts_b``. Terms of
    A or B missing from a given prior get :data:`PRIOR_FLOOR`. ``prior_scale``: alpha_0, the prior
    rescaled to that total; None keeps the prior's own total. Terms with ``count_a + count_b <
    min_count`` are dropped after the computation. Columns ``term, count_a, count_b, rate_a, rate_b,
    log_odds, z`` (rates per 1,000 terms of the side), sorted by ``z`` descending (then term).
    """
    if prior_scale is not None and not prior_scale > 0:
        raise DiscourseError(f"prior_scale must be a positive number, not {prior_scale!r}.")
    pooled = prior is None
    counters = [counts_a, counts_b] if pooled else [counts_a, counts_b, prior]
    vocab, arrays = _aligned(counters)
    ya, yb = arrays[0], arrays[1]
    alpha = ya + yb if pooled else arrays[2]
    if not pooled:
        alpha = np.where(alpha > 0, alpha, PRIOR_FLOOR)
    total = alpha.sum()
    if prior_scale is not None and total > 0:
        alpha = alpha * (prior_scale / total)
    alpha0 = alpha.sum()
    na, nb = ya.sum(), yb.sum()
    rest_a, rest_b = na + alpha0 - ya - alpha, nb + alpha0 - yb - alpha  # eq. 16's denominators
    if min(rest_a.min(initial=1.0), rest_b.min(initial=1.0)) <= 0:
        raise DiscourseError(
            "The log-odds need at least two different terms between the two sides (and the prior); "
            "choose longer sides or keep stop words."
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = np.log((ya + alpha) / rest_a) - np.log((yb + alpha) / rest_b)
        z = delta / np.sqrt(1.0 / (ya + alpha) + 1.0 / (yb + alpha))
        rate_a = ya / na * RATE_PER if na else np.zeros_like(ya)
        rate_b = yb / nb * RATE_PER if nb else np.zeros_like(yb)
    keep = np.flatnonzero((ya + yb) >= min_count)
    terms = np.array([vocab[i] for i in keep], dtype=str) if len(keep) else np.array([], dtype=str)
    by_term = np.argsort(terms, kind="stable")
    keep, terms = keep[by_term], terms[by_term]
    keep_order = np.argsort(-z[keep], kind="stable")  # z descending, ties by term
    keep, terms = keep[keep_order], terms[keep_order]
    return pd.DataFrame(
        {
            "term": terms.astype(object),
            "count_a": ya[keep].astype(np.int64),
            "count_b": yb[keep].astype(np.int64),
            "rate_a": rate_a[keep],
            "rate_b": rate_b[keep],
            "log_odds": delta[keep],
            "z": z[keep],
        },
        columns=COLUMNS,
    )


def compare(
    side_a: Side,
    side_b: Side,
    *,
    ngrams: Ngrams = "words",
    stopwords: Stopwords = "drop",
    min_count: int = MIN_COUNT,
    background: Counter[str] | None = None,
) -> pd.DataFrame:
    """The distinctive terms of ``side_a`` against ``side_b`` (positive ``z``: typical of A).

    Counts both sides with :func:`term_counts` (over :attr:`Side.unit_words`, or with bigrams over
    :attr:`Side.sentence_words`, so that no bigram spans two sentences) and scores them with
    :func:`log_odds`. ``background``:
    term counts of a reference corpus (counted with the same ``ngrams`` and ``stopwords``) used as the
    prior at its own total instead of the pooled counts of the two sides.
    """
    def segments(side: Side) -> tuple[tuple[str, ...], ...]:
        return side.unit_words if ngrams == "words" else side.sentence_words

    counts_a = term_counts(segments(side_a), ngrams=ngrams, stopwords=stopwords)
    counts_b = term_counts(segments(side_b), ngrams=ngrams, stopwords=stopwords)
    for side, counts in ((side_a, counts_a), (side_b, counts_b)):
        if not counts:
            raise DiscourseError(
                f"{side.label}: no {'words' if ngrams == 'words' else 'terms'} to compare"
                f"{' once stop words are left out (try keeping them)' if stopwords == 'drop' else ''}."
            )
    return log_odds(counts_a, counts_b, prior=background, min_count=min_count)

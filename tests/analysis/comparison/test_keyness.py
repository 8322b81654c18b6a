"""Tests of analysis.comparison.keyness: Monroe, Colaresi & Quinn (2008) weighted log-odds, checked by hand.

The expected numbers are written out from the paper's formulas (section 3.5, eq. 16-22) with
``math.log``, not taken from the code under test.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from analysis import text
from analysis.comparison import keyness
from analysis.comparison.keyness import compare, log_odds, term_counts
from analysis.comparison.sides import Side, Unit
from analysis.errors import DiscourseError

# Side A: 10 terms, side B: 10 terms.
A = Counter({"tax": 6, "war": 1, "peace": 3})
B = Counter({"tax": 2, "war": 5, "peace": 3})


def side(*texts: str, label: str = "side") -> Side:
    return Side(label, tuple(Unit("doc", i + 1, "answer", "X", t) for i, t in enumerate(texts)))


def test_hand_computed_pooled_prior() -> None:
    # Pooled prior alpha_w = y_w^a + y_w^b: tax 8, war 6, peace 6; alpha_0 = 20; n^a = n^b = 10.
    # tax: delta = log((6+8)/(10+20-6-8)) - log((2+8)/(10+20-2-8)) = log(14/16) - log(10/20)
    d_tax = math.log(14 / 16) - math.log(10 / 20)
    z_tax = d_tax / math.sqrt(1 / 14 + 1 / 10)
    # war: log((1+6)/(10+20-1-6)) - log((5+6)/(10+20-5-6)) = log(7/23) - log(11/19)
    d_war = math.log(7 / 23) - math.log(11 / 19)
    z_war = d_war / math.sqrt(1 / 7 + 1 / 11)
    # peace: equal counts and equal sizes -> 0
    frame = log_odds(A, B, min_count=1)
    assert list(frame.columns) == ["term", "count_a", "count_b", "rate_a", "rate_b", "log_odds", "z"]
    assert list(frame["term"]) == ["tax", "peace", "war"]  # z descending
    row = frame.set_index("term")
    assert row.loc["tax", "log_odds"] == pytest.approx(d_tax, rel=1e-12)
    assert row.loc["tax", "z"] == pytest.approx(z_tax, rel=1e-12)
    assert row.loc["war", "log_odds"] == pytest.approx(d_war, rel=1e-12)
    assert row.loc["war", "z"] == pytest.approx(z_war, rel=1e-12)
    assert row.loc["peace", "z"] == pytest.approx(0.0, abs=1e-12)
    # rates per 1,000 terms of the side
    assert row.loc["tax", "rate_a"] == pytest.approx(600.0)
    assert row.loc["war", "rate_b"] == pytest.approx(500.0)
    assert (row.loc["tax", "count_a"], row.loc["tax", "count_b"]) == (6, 2)


def test_hand_computed_scaled_prior() -> None:
    # prior_scale=10 halves the pooled prior: alpha tax 4, war 3, peace 3; alpha_0 = 10.
    d_tax = math.log((6 + 4) / (10 + 10 - 6 - 4)) - math.log((2 + 4) / (10 + 10 - 2 - 4))
    z_tax = d_tax / math.sqrt(1 / (6 + 4) + 1 / (2 + 4))
    row = log_odds(A, B, prior_scale=10, min_count=1).set_index("term")
    assert row.loc["tax", "z"] == pytest.approx(z_tax, rel=1e-12)


def test_hand_computed_given_prior_with_floor() -> None:
    # A background prior without "peace": peace gets PRIOR_FLOOR; alpha_0 = 30 + 10 + 0.01.
    prior = Counter({"tax": 30, "war": 10})
    a0 = 40 + keyness.PRIOR_FLOOR
    ap = keyness.PRIOR_FLOOR
    d = math.log((3 + ap) / (10 + a0 - 3 - ap)) - math.log((3 + ap) / (10 + a0 - 3 - ap))
    d_war = math.log((1 + 10) / (10 + a0 - 1 - 10)) - math.log((5 + 10) / (10 + a0 - 5 - 10))
    row = log_odds(A, B, prior=prior, min_count=1).set_index("term")
    assert row.loc["peace", "log_odds"] == pytest.approx(d, abs=1e-12)
    assert row.loc["war", "z"] == pytest.approx(d_war / math.sqrt(1 / 11 + 1 / 15), rel=1e-12)


def test_swapping_sides_negates_z() -> None:
    ab = log_odds(A, B, min_count=1).set_index("term")
    ba = log_odds(B, A, min_count=1).set_index("term")
    assert np.allclose(ab["z"], -ba.loc[ab.index, "z"])
    assert np.allclose(ab["rate_a"], ba.loc[ab.index, "rate_b"])


def test_min_count_drops_after_computing() -> None:
    a = Counter({"tax": 6, "war": 1, "rare": 1})
    b = Counter({"tax": 2, "war": 5})
    full = log_odds(a, b, min_count=1).set_index("term")
    cut = log_odds(a, b, min_count=3).set_index("term")
    assert "rare" in full.index and "rare" not in cut.index  # 1 + 0 < 3
    # the prior (and n^a) still count "rare": the remaining scores are unchanged
    assert cut.loc["tax", "z"] == full.loc["tax", "z"]
    assert cut.loc["tax", "rate_a"] == pytest.approx(6 / 8 * 1000)


def test_single_term_vocabulary_is_a_user_error() -> None:
    with pytest.raises(DiscourseError, match="two different terms"):
        log_odds(Counter(x=3), Counter(x=2), min_count=1)


def test_bad_prior_scale() -> None:
    with pytest.raises(DiscourseError, match="prior_scale"):
        log_odds(A, B, prior_scale=0)


@pytest.mark.parametrize(
    ("units", "ngrams", "stopwords", "expected"),
    [
        ([["soft", "power", "of", "russia"]], "words", "drop", {"soft": 1, "power": 1, "russia": 1}),
        ([["soft", "power", "of", "russia"]], "words", "keep", {"soft": 1, "power": 1, "of": 1, "russia": 1}),
        # no bigram joins the words either side of a dropped stop word
        ([["soft", "power", "of", "russia"]], "bigrams", "drop", {"soft power": 1}),
        ([["soft", "power", "of", "russia"]], "bigrams", "keep", {"soft power": 1, "power of": 1, "of russia": 1}),
        # bigrams never cross units
        ([["soft", "power"], ["russia", "today"]], "bigrams", "keep", {"soft power": 1, "russia today": 1}),
        ([["soft", "power"], ["power"]], "both", "drop", {"soft": 1, "power": 2, "soft power": 1}),
        # a flat list is one unit
        (["soft", "power", "soft", "power"], "bigrams", "drop", {"soft power": 2, "power soft": 1}),
        # typographic apostrophes are stop words too
        ([["don’t", "going", "don't"]], "words", "drop", {"going": 1}),
        ([[], ["power"], []], "bigrams", "keep", {}),
        ([], "both", "drop", {}),
    ],
)
def test_term_counts(units, ngrams, stopwords, expected) -> None:
    assert term_counts(units, ngrams=ngrams, stopwords=stopwords) == Counter(expected)


def test_compare_bigrams_do_not_cross_sentences() -> None:
    a = side("It has soft power. Russia matters.", "Soft power again")
    b = side("Hard power here. Nothing else.")
    terms = set(compare(a, b, ngrams="bigrams", min_count=1, stopwords="keep")["term"])
    assert "soft power" in terms and "russia matters" in terms
    assert "power russia" not in terms and "matters soft" not in terms  # sentence, unit boundaries


def test_compare_counts_the_project_tokens() -> None:
    a = side("Russia's image, Russia's image. Image!")
    b = side("The economy and the economy.")
    frame = compare(a, b, min_count=1, stopwords="keep").set_index("term")
    words_a = Counter(text.words("Russia's image, Russia's image. Image!"))
    assert frame.loc["image", "count_a"] == words_a["image"] == 3
    assert frame.loc["russia's", "count_a"] == 2
    assert frame.loc["the", "count_b"] == 2
    assert "the" not in set(compare(a, b, min_count=1)["term"])  # stop words dropped by default
    assert frame["z"].is_monotonic_decreasing


def test_compare_side_without_words_is_a_user_error() -> None:
    with pytest.raises(DiscourseError, match="no words"):
        compare(side("the of and", label="stop only"), side("real words here"))


terms = st.sampled_from(["tax", "war", "peace", "image", "power", "russia"])
counters = st.dictionaries(terms, st.integers(1, 60), min_size=1).map(Counter)


@settings(max_examples=150, deadline=None)
@given(a=counters, b=counters, scale=st.one_of(st.none(), st.floats(0.5, 5000)))
def test_z_finite_and_sign_follows_rates(a: Counter, b: Counter, scale: float | None) -> None:
    assume(len(set(a) | set(b)) >= 2)
    frame = log_odds(a, b, prior_scale=scale, min_count=1)
    assert np.isfinite(frame["z"]).all() and np.isfinite(frame["log_odds"]).all()
    # the pooled prior is symmetric in A and B: z > 0 exactly where A's rate is higher
    diff = frame["count_a"] / sum(a.values()) - frame["count_b"] / sum(b.values())
    for d, z in zip(diff, frame["z"]):
        if abs(d) < 1e-12:
            assert abs(z) < 1e-9
        else:
            assert np.sign(z) == np.sign(d)
    assert list(frame["z"]) == sorted(frame["z"], reverse=True)

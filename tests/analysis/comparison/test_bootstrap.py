"""Topic profiles of two sides with a bootstrap interval, checked against hand-computed rates."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from analysis.comparison import bootstrap
LABELS = {"topic_a": "Alpha", "topic_b": "Beta"}


def frame(rows):
    return pd.DataFrame(rows, columns=["pair", "role", "n_words", "topic_a_count", "topic_b_count"])


def test_point_rates_and_difference():
    a = frame([(1, "answer", 10, 1, 0), (1, "answer", 30, 1, 2)])  # 2/40, 2/40 per word
    b = frame([(2, "answer", 50, 0, 5)])  # 0/50, 5/50
    p = bootstrap.topic_profile(a, b, labels=LABELS, n_boot=200).set_index("topic")
    assert p.loc["a", "rate_a"] == pytest.approx(50.0) and p.loc["a", "rate_b"] == pytest.approx(0.0)
    assert p.loc["b", "rate_a"] == pytest.approx(50.0) and p.loc["b", "rate_b"] == pytest.approx(100.0)
    assert p.loc["b", "difference"] == pytest.approx(-50.0)
    for t in ("a", "b"):
        assert p.loc[t, "low"] <= p.loc[t, "difference"] <= p.loc[t, "high"]


def test_constant_sides_have_a_degenerate_interval():
    a = frame([(1, "answer", 10, 1, 0)] * 5)
    b = frame([(2, "answer", 10, 0, 0)] * 5)
    p = bootstrap.topic_profile(a, b, labels=LABELS, n_boot=100).set_index("topic")
    assert p.loc["a", "low"] == pytest.approx(100.0) and p.loc["a", "high"] == pytest.approx(100.0)


def test_same_seed_same_interval_and_empty_side_is_nan():
    a = frame([(1, "answer", 10, 1, 0), (1, "answer", 20, 0, 1), (1, "answer", 5, 2, 0)])
    b = frame([(2, "answer", 10, 0, 1), (2, "answer", 10, 1, 1)])
    first = bootstrap.topic_profile(a, b, labels=LABELS)
    assert first.equals(bootstrap.topic_profile(a, b, labels=LABELS))
    empty = bootstrap.topic_profile(a, frame([]), labels=LABELS)
    assert empty["rate_b"].map(math.isnan).all() and empty["low"].map(math.isnan).all()


def test_side_sentences_selects_by_pair_and_role():
    s = frame([(1, "answer", 1, 0, 0), (1, "question", 2, 0, 0), (2, "answer", 3, 0, 0)])
    got = bootstrap.side_sentences(s, [(1, "answer"), (2, "answer")])
    assert got["n_words"].tolist() == [1, 3]

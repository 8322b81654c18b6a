"""Tests of analysis.comparison.concordance: keyword-in-context lines and collocations (counted by hand)."""

from __future__ import annotations

import math

import pytest

from analysis.comparison.concordance import collocations, kwic
from analysis.comparison.sides import Unit
from analysis.errors import DiscourseError

POWER = "Soft power is not propaganda. Soft power attracts; soft, power repels."
RUSSIA = "Russia's image. Russophobia and russophobic elites; RUSSIA today."
COUNT = "one two three four five six seven eight nine ten"
UNITS = [
    Unit("doc", 1, "question", "Q", POWER),
    Unit("doc", 2, "answer", "A; B", RUSSIA),
    Unit("other", 3, "answer", "C", COUNT),
]


@pytest.mark.parametrize(
    ("term", "hits"),
    [
        ("soft power", ["Soft power", "Soft power"]),  # "soft, power" is not the phrase
        ("SOFT POWER", ["Soft power", "Soft power"]),
        ("soft", ["Soft", "Soft", "soft"]),
        ("russia", ["RUSSIA"]),  # "Russia's" is one token: no match
        ("russia's", ["Russia's"]),
        ("russia*", ["Russia's", "RUSSIA"]),
        ("russophob*", ["Russophobia", "russophobic"]),
        ("soft po*", ["Soft power", "Soft power"]),
        ("propaganda.", ["propaganda."]),  # punctuation is a token of its own
        ("six seven", ["six seven"]),
        ("elephant", []),
    ],
)
def test_kwic_hits(term, hits) -> None:
    frame = kwic(UNITS, term)
    assert list(frame["hit"]) == hits
    for r in frame.itertuples():
        source = next(u.text for u in UNITS if (u.document, u.pair) == (r.document, r.pair))
        assert source[r.start : r.end] == r.hit


def test_kwic_columns_and_offsets() -> None:
    frame = kwic(UNITS, "soft power")
    assert list(frame.columns) == ["document", "pair", "role", "speaker", "left", "hit", "right", "start", "end"]
    assert list(frame["start"]) == [0, 30] and list(frame["end"]) == [10, 40]
    first, second = frame.iloc[0], frame.iloc[1]
    assert (first.document, first.pair, first.role, first.speaker) == ("doc", 1, "question", "Q")
    assert first.left == "" and first.right == "is not propaganda. Soft power attracts; soft, power repels."
    assert second.left == "Soft power is not propaganda."
    assert kwic(UNITS, "russia*").iloc[0].speaker == "A; B"


@pytest.mark.parametrize(
    ("width", "left", "right"),
    [
        (60, "one two three four five", "seven eight nine ten"),
        (10, "four five", "seven"),  # cut at word boundaries, never inside a word
        (11, "four five", "seven eight"),
        (8, "five", "seven"),
        (3, "", ""),
        (0, "", ""),
    ],
)
def test_kwic_width(width, left, right) -> None:
    row = kwic(UNITS, "six", width=width).iloc[0]
    assert (row.left, row.hit, row.right) == (left, "six", right)


def test_kwic_normalises_white_space() -> None:
    unit = Unit("d", 1, "answer", "X", "a\n\n  b   target  c\nd\te")
    row = kwic([unit], "target").iloc[0]
    assert (row.left, row.right, row.start) == ("a b", "c d e", 9)


@pytest.mark.parametrize("term", ["", "   ", "*", "soft ,*"])
def test_kwic_bad_term(term) -> None:
    with pytest.raises(DiscourseError, match="word or phrase"):
        kwic(UNITS, term)


def test_kwic_empty_result_has_columns() -> None:
    frame = kwic([], "soft")
    assert frame.empty and "left" in frame.columns


# Collocations of "tax" within 2 words, by hand (none of these words is a stop word):
#   unit 1 words: tax cuts help workers tax cuts hurt budgets; nodes at 0 and 4;
#     span positions {0..6} minus the nodes = {1, 2, 3, 5, 6}: cuts, help, workers, cuts, hurt
#   unit 2 words: workers want tax relief; node at 2; span {0, 1, 3}: workers, want, relief
#   span counts (n_ii): cuts 2, workers 2, help 1, hurt 1, want 1, relief 1; n_ix = 8 positions
#   frequencies (n_xi): cuts 2, workers 2; n_xx = 12 words in all. "Workers" never crosses units.
TAX = [
    Unit("d", 1, "answer", "X", "Tax cuts help workers. Tax cuts hurt budgets."),
    Unit("d", 2, "answer", "X", "Workers want tax relief"),
]


def test_collocations_pmi_by_hand() -> None:
    frame = collocations(TAX, "tax", window=2, measure="pmi")
    assert list(frame.columns) == ["term", "collocate", "count", "score", "measure"]
    assert list(frame["collocate"]) == ["cuts", "workers"]  # min_count=2; tie broken by name
    assert list(frame["count"]) == [2, 2]
    assert frame["score"].tolist() == pytest.approx([math.log2(2 * 12 / (8 * 2))] * 2)
    assert set(frame["measure"]) == {"pmi"} and set(frame["term"]) == {"tax"}


def test_collocations_likelihood_by_hand() -> None:
    # contingency for "cuts": n_ii 2, n_oi 0, n_io 6, n_oo 4; expected 16/12, 8/12, 80/12, 40/12
    g2 = 2 * (2 * math.log(2 / (16 / 12)) + 6 * math.log(6 / (80 / 12)) + 4 * math.log(4 / (40 / 12)))
    frame = collocations(TAX, "tax", window=2)
    assert frame.iloc[0].collocate == "cuts"
    assert frame.iloc[0].score == pytest.approx(g2, rel=1e-9)


def test_collocations_min_count_window_top() -> None:
    ones = collocations(TAX, "tax", window=2, min_count=1, measure="pmi")
    assert dict(zip(ones["collocate"], ones["count"])) == {
        "cuts": 2, "workers": 2, "help": 1, "hurt": 1, "want": 1, "relief": 1,
    }
    assert len(collocations(TAX, "tax", window=2, min_count=1, top=3)) == 3
    wide = collocations(TAX, "tax", window=5, min_count=1)
    assert "budgets" in set(wide["collocate"])
    stop = collocations([Unit("d", 1, "answer", "X", "the tax the tax")], "tax", min_count=1)
    assert "the" not in set(stop["collocate"])
    with pytest.raises(DiscourseError, match="window"):
        collocations(TAX, "tax", window=0)

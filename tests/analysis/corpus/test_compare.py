from __future__ import annotations

import pytest

from analysis.corpus import Selection, analyse, groups, select
from analysis.corpus.compare import library_side
from analysis.errors import DiscourseError


@pytest.fixture
def two(library):
    a = analyse(library, select(library, Selection(tag="odd")))
    b = analyse(library, select(library, Selection(tag="even")))
    return groups(a, b, label_a="odd", label_b="even")


def test_tone_of_each_group(two):
    tone = two.tone.set_index("side")
    # odd: "Trade is good." 0.4404, "Russia is a partner." 0, "Nothing else." 0, "Because." 0 -> 0.4404 / 4
    assert tone.loc["a", "tone"] == pytest.approx(0.4404 / 4)
    assert (tone.loc["a", "documents"], tone.loc["a", "answers"], tone.loc["a", "sentences"]) == (3, 3, 4)
    assert tone.loc["b", "tone"] == pytest.approx(-0.5423) and tone.loc["b", "share_negative"] == 1.0


def test_topic_rates_per_1000_answer_words(two):
    economy = two.topics.set_index("topic").loc["topic_economy"]
    # odd: "trade" once in 12 answer words (Trade is good. Russia is a partner. Nothing else. Because.)
    assert economy["rate_a"] == pytest.approx(1 / 10 * 1000)
    assert economy["rate_b"] == pytest.approx(1 / 4 * 1000)
    assert economy["low"] <= economy["difference"] <= economy["high"]


def test_terms_and_kwic_lines_carry_the_doc_id_and_pair(two):
    terms = two.terms(min_count=1).set_index("term")
    assert terms.loc["trade", "z"] > 0 > terms.loc["economy", "z"]  # positive z: typical of A
    assert (terms.loc["economy", "count_a"], terms.loc["economy", "count_b"]) == (0, 1)
    lines = two.kwic("b", "economy")
    assert list(lines.columns[:2]) == ["doc_id", "pair"]
    assert lines["doc_id"].str.startswith("2021-01-20-two").all() and lines["pair"].tolist() == [1]


def test_library_side_of_a_speaker_keeps_only_their_answers(library):
    side = library_side(library, "library:tag=demo,speaker=ms. smith")
    assert [u.text for u in side.units] == ["Trade is good. Russia is a partner.", "Nothing else."]
    with pytest.raises(DiscourseError, match="no document"):
        library_side(library, "library:tag=none")

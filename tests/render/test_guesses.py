"""Predict-then-reveal bookkeeping: tone bands, tied topics, tallies and agreement."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from render import guesses


@pytest.mark.parametrize(
    "value, tone",
    [(0.05, "positive"), (0.049, "neutral"), (0.0, "neutral"), (-0.049, "neutral"), (-0.05, "negative"), (float("nan"), "n/a")],
)
def test_tone_bands_are_vaders(value, tone):
    assert guesses.tone_of(value) == tone


LABELS = {"topic_a": "A", "topic_b": "B", "topic_c": "C"}


@pytest.mark.parametrize(
    "rates, expected",
    [({"topic_a": 3.0, "topic_b": 1.0, "topic_c": 0.0}, ["A"]),
     ({"topic_a": 3.0, "topic_b": 3.0, "topic_c": 0.0}, ["A", "B"]),
     ({"topic_a": 0.0, "topic_b": 0.0, "topic_c": 0.0}, [guesses.NONE])],
)
def test_top_topics_keeps_ties(rates, expected):
    assert guesses.top_topics(rates, LABELS) == expected


def test_tally_and_agreement_count_people():
    g = [{"tone": "negative", "topic": "A", "n": 3}, {"tone": "positive", "topic": "B", "n": 1}]
    assert guesses.tally(g, "tone") == {"negative": 3, "positive": 1}
    assert guesses.agreement(g, "tone", "positive") == 0.25
    assert guesses.agreement(g, "topic", ["A", "B"]) == 1.0
    assert math.isnan(guesses.agreement([], "tone", "positive"))


def test_comparison_one_row_per_guessed_answer():
    answers = pd.DataFrame({"pair": [1, 2], "sentiment": [0.27, -0.3], "topic_a": [5.0, 0.0], "topic_b": [5.0, 1.0], "topic_c": [0.0, 0.0]})
    table = guesses.comparison(answers, {1: [{"tone": "negative", "topic": "B", "n": 2}], 2: []}, LABELS)
    assert table["pair"].tolist() == [1]
    row = table.iloc[0]
    assert (row["tone_measured"], row["tone_agreement"]) == ("positive", 0.0)
    assert (row["topic_measured"], row["topic_agreement"]) == ("A / B", 1.0)


def test_comparison_keeps_the_full_tally_the_question_and_the_time_of_the_last_guess():
    answers = pd.DataFrame({
        "pair": [1, 2, 3], "question": ["First?", "Second, with a comma?", "Third?"], "sentiment": [0.27, -0.3, 0.0],
        "topic_a": [5.0, 0.0, 0.0], "topic_b": [1.0, 1.0, 0.0], "topic_c": [0.0, 0.0, 0.0],
    })
    room = {
        2: [{"tone": "positive", "topic": "A", "n": 5, "time": "2026-12-01T10:00:05Z"},
            {"tone": "neutral", "topic": "B", "n": 2, "time": "2026-12-01T10:02:00Z"},
            {"tone": "neutral", "topic": "C", "n": 1, "time": "2026-12-01T10:01:00Z"}],
        3: [{"tone": "negative", "topic": "A", "n": 1}, {"tone": "positive", "topic": "B", "n": 1}],
    }
    table = guesses.comparison(answers, room, LABELS)
    assert list(table.columns) == guesses.COLUMNS
    row = table.iloc[0].to_dict()
    assert row["pair"] == 2 and row["question"] == "Second, with a comma?" and row["people"] == 8
    assert (row["guesses_positive"], row["guesses_neutral"], row["guesses_negative"]) == (5, 3, 0)
    assert row["topic_guesses"] == "A 5; B 2; C 1"
    assert (row["tone_guessed"], row["tone_measured"], row["tone_agreement"]) == ("positive", "negative", 0.0)
    assert (row["topic_guessed"], row["topic_measured"], row["topic_agreement"]) == ("A", "B", 0.25)
    assert row["sentiment"] == -0.3 and row["last_guess"] == "2026-12-01T10:02:00Z"
    # A tie is shown as a tie; guesses with no time leave the time empty.
    tied = table.iloc[1].to_dict()
    assert tied["tone_guessed"] == "negative / positive" and tied["topic_guessed"] == "A / B"
    assert tied["last_guess"] == "" and tied["topic_measured"] == guesses.NONE
    # The CSV a trainer downloads reads back with the same counts.
    import io
    back = pd.read_csv(io.StringIO(table.to_csv(index=False)))
    assert back.loc[0, ["guesses_positive", "guesses_neutral", "guesses_negative"]].tolist() == [5, 3, 0]
    assert back.loc[0, "question"] == "Second, with a comma?"

"""Tests for analysis.sentence.sentiment: NLTK VADER per sentence, answer aggregates, word contributions."""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.sentence import sentiment
from analysis.sentence.sentiment import (
    AGGREGATE_COLUMNS,
    CONTRIBUTION_COLUMNS,
    SENTENCE_COLUMNS,
    aggregate,
    aggregate_by,
    analyse,
    compound_from_contributions,
    contributions,
    lexicon,
    load_analyzer,
    polarity,
    score_sentences,
)
from analysis.text import split_sentences

DEFAULT_INTERVIEW = Path(__file__).resolve().parents[3] / "data" / "transcripts" / "bezrukov-soft-power-picreadi-2018.txt"


def _nltk(text: str) -> dict[str, float]:
    return load_analyzer().polarity_scores(text)


def _reproduces_nltk(texts: list[str]) -> None:
    """Scores equal NLTK's polarity_scores, and the contributions rebuild every compound."""
    frame, contrib = analyse(texts, apostrophes="keep")
    # The batch path (no explanations; sentences without a lexicon word short-cut) scores the same.
    quick, _ = analyse(texts, apostrophes="keep", detail="summary")
    pd.testing.assert_frame_equal(quick, frame)
    by_sentence = contrib.groupby("sentence")["valence"].agg(list).to_dict()
    for row in frame.itertuples():
        expected = _nltk(texts[row.sentence - 1])
        assert (row.sentiment, row.pos, row.neu, row.neg) == (
            expected["compound"],
            expected["pos"],
            expected["neu"],
            expected["neg"],
        ), texts[row.sentence - 1]
        valences = by_sentence.get(row.sentence, [])
        assert compound_from_contributions(valences, row.text) == row.sentiment, row.text
        assert -1.0 <= row.sentiment <= 1.0


# ---------------------------------------------------------------------------------------------------
# The analyzer and its lexicon


def test_analyzer_is_loaded_once() -> None:
    assert load_analyzer() is load_analyzer()


def test_lexicon_is_reported_with_its_hash() -> None:
    info = lexicon()
    assert info.source in ("nltk_data", "vaderSentiment")
    assert info.n_entries == len(load_analyzer().lexicon) > 7000
    if info.source == "vaderSentiment":
        assert hashlib.sha256(Path(info.path).read_bytes()).hexdigest() == info.sha256


# ---------------------------------------------------------------------------------------------------
# Sentence scores = NLTK's polarity_scores


@pytest.mark.parametrize(
    "text",
    [
        "",
        "...",
        "The food was good.",
        "The food was not good.",
        "The food was not very good.",
        "The food was VERY good, but the service was slow.",
        "It was GREAT and I LOVED it!!!",
        "ALL CAPS SENTENCE IS GREAT",
        "This is kind of good.",
        "This is sort of bad, kind of.",
        "That was the kiss of death for the plan.",
        "Yeah right, he is the bomb.",
        "He is at least honest; the least honest man won.",
        "Never so happy, never this sad.",
        "good good not good",
        "Good, good and GOOD.",
        "I don't like it. Isn't it sad? Can't stand it.",
        "I can't stand this :) :-( <3",
        "What?? Really??? No way!!!!!",
        "Despite the win, nobody was happy.",
        "Rarely has a plan been so bad but still so successful.",
        "he is barely decent and hardly kind",
        "Not big enough of a role.",
        "Russia absolutely didn't want or need this.",
    ],
)
def test_scores_equal_nltk_polarity_scores(text: str) -> None:
    assert polarity(text, apostrophes="keep") == _nltk(text)
    _reproduces_nltk([text])


def test_typographic_apostrophe_is_read_as_ascii() -> None:
    assert polarity("I don’t like it.") == _nltk("I don't like it.")
    assert polarity("I don’t like it.", apostrophes="keep") == _nltk("I don’t like it.")
    assert polarity("I don’t like it.")["compound"] < 0 < polarity("I don’t like it.", apostrophes="keep")["compound"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # token, valence_lexicon, negated, booster, but_weight, caps
        ("The food was good.", [("good", 1.9, False, "", 1.0, False)]),
        ("The food was not very good.", [("good", 1.9, True, "very", 1.0, False)]),
        ("It was GREAT but boring", [("GREAT", 3.1, False, "", 0.5, True), ("boring", -1.3, False, "", 1.5, False)]),
        ("extremely really bad", [("bad", -2.5, False, "extremely really", 1.0, False)]),
        ("This is kind of nice", [("nice", 1.8, False, "kind of", 1.0, False)]),
        ("This isn't kind of nice", [("nice", 1.8, True, "kind of", 1.0, False)]),
        ("he isn’t happy", [("happy", 2.7, True, "", 1.0, False)]),
        ("a table, a chair.", []),
    ],
)
def test_contributions(text: str, expected: list[tuple]) -> None:
    frame = contributions([text])
    got = list(frame[["token", "valence_lexicon", "negated", "booster", "but_weight", "caps"]].itertuples(index=False))
    assert [tuple(row) for row in got] == expected


def test_contribution_valences_follow_the_rules() -> None:
    frame = contributions(["The food was not very good.", "It was GREAT but boring"])
    good = frame.iloc[0]
    assert good["valence"] == pytest.approx((1.9 + 0.293) * -0.74)
    great, boring = frame.iloc[1], frame.iloc[2]
    assert great["valence"] == pytest.approx((3.1 + 0.733) * 0.5)
    assert boring["valence"] == pytest.approx(-1.3 * 1.5)
    assert "negation 'not'" in good["rules"] and "booster 'very'" in good["rules"]


def test_spans_point_into_the_source_text() -> None:
    text = "Intro line.\n\nThe food was not very good, but the wine was great! He isn’t happy."
    sentences = split_sentences(text)
    frame = contributions(sentences)
    assert frame["token"].tolist() == ["good", "great", "happy"]
    for row in frame.itertuples():
        assert text[row.start : row.end] == row.token
    scores = score_sentences(sentences)
    assert scores["sentence"].tolist() == [1, 2, 3]
    assert all(text[r.start : r.end] == r.text for r in scores.itertuples())


def test_a_repeated_word_is_scored_in_its_first_context() -> None:
    # polarity_scores' quirk, kept: the second "good" is negated like the first.
    frame = contributions(["not good, good"])
    assert frame["negated"].tolist() == [True, True]
    assert "first occurrence" in frame["rules"].iloc[1]
    assert frame["start"].tolist() == [4, 10]


# ---------------------------------------------------------------------------------------------------
# Frames, empty input, aggregates


def test_frames_have_the_documented_columns() -> None:
    frame, contrib = analyse(["Good.", "Bad!"])
    assert list(frame.columns) == SENTENCE_COLUMNS
    assert list(contrib.columns) == CONTRIBUTION_COLUMNS
    assert frame["sentence"].dtype == "int64" and contrib["negated"].dtype == bool


def test_empty_input_is_well_defined() -> None:
    frame, contrib = analyse([])
    assert list(frame.columns) == SENTENCE_COLUMNS and frame.empty
    assert list(contrib.columns) == CONTRIBUTION_COLUMNS and contrib.empty
    summary = aggregate(frame)
    assert summary["n_sentences"] == 0
    assert all(math.isnan(v) for k, v in summary.items() if k != "n_sentences")
    blank = score_sentences([""]).iloc[0]
    assert (blank["sentiment"], blank["pos"], blank["neu"], blank["neg"]) == (0.0, 0.0, 0.0, 0.0)


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([0.5], dict(sentiment=0.5, sentiment_min=0.5, sentiment_max=0.5, sentiment_std=0.0, share_positive=1.0)),
        ([0.05, -0.05, 0.0], dict(sentiment=0.0, share_positive=1 / 3, share_neutral=1 / 3, share_negative=1 / 3)),
        ([0.2, 0.4], dict(sentiment=0.3, sentiment_std=0.1, share_positive=1.0, n_sentences=2)),
        ([-0.0499, 0.0499], dict(share_neutral=1.0, share_positive=0.0, share_negative=0.0)),
    ],
)
def test_aggregate(scores: list[float], expected: dict) -> None:
    summary = aggregate(pd.DataFrame({"sentiment": scores}))
    for key, value in expected.items():
        assert summary[key] == pytest.approx(value), key


@settings(max_examples=100, deadline=None)
@given(st.lists(st.floats(min_value=-1, max_value=1), max_size=30))
def test_aggregate_invariants(scores: list[float]) -> None:
    summary = aggregate(pd.DataFrame({"sentiment": pd.Series(scores, dtype="float64")}))
    assert summary["n_sentences"] == len(scores)
    if scores:
        shares = summary["share_positive"] + summary["share_neutral"] + summary["share_negative"]
        assert shares == pytest.approx(1.0)
        assert summary["sentiment_min"] <= summary["sentiment"] + 1e-12
        assert summary["sentiment"] <= summary["sentiment_max"] + 1e-12
        assert summary["sentiment_std"] >= 0


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 4), st.floats(min_value=-1, max_value=1)), max_size=30))
def test_aggregate_by_agrees_with_aggregate(rows: list[tuple[int, float]]) -> None:
    frame = pd.DataFrame(rows, columns=["pair", "sentiment"]).astype({"pair": "int64", "sentiment": "float64"})
    grouped = aggregate_by(frame, "pair")
    assert list(grouped.columns) == AGGREGATE_COLUMNS
    assert sorted(grouped.index) == sorted(set(frame["pair"]))
    for pair, row in grouped.iterrows():
        expected = aggregate(frame[frame["pair"] == pair])
        assert row.to_dict() == pytest.approx(expected)


@pytest.mark.parametrize(
    "text, expected",
    [
        # no lexicon word: all valences 0 -> neu 1.0 (and "!" adds nothing to a zero sum)
        ("The table is in the room!", {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}),
        ("a . ,", {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}),  # no word of 2+ characters
        ("", {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}),
        # lexicon words whose valences cancel are not the short cut: NLTK's own arithmetic
        ("Good but bad", None),
    ],
)
def test_sentences_without_lexicon_words(text: str, expected: dict | None) -> None:
    scores, _ = analyse([text], detail="summary")
    got = {"neg": scores["neg"][0], "neu": scores["neu"][0], "pos": scores["pos"][0], "compound": scores["sentiment"][0]}
    assert got == _nltk(text)
    if expected is not None:
        assert got == expected
    assert polarity(text) == _nltk(text)


def test_explain_false_skips_contributions() -> None:
    scores, contrib = analyse(["Good.", "Bad!"], detail="summary")
    assert scores["sentiment"].tolist() == analyse(["Good.", "Bad!"])[0]["sentiment"].tolist()
    assert contrib.empty and list(contrib.columns) == CONTRIBUTION_COLUMNS


def test_unknown_apostrophes_option_is_refused() -> None:
    with pytest.raises(ValueError, match="apostrophes"):
        score_sentences(["Good."], apostrophes="curly")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------------
# Properties: arbitrary sentences built from what VADER's rules look at

_LEXICON_WORDS = sorted(w for w in load_analyzer().lexicon if w.isalpha())[::7]
_RULE_WORDS = sorted(
    set(sentiment._engine().booster)
    | {"not", "isn't", "don't", "never", "without", "least", "at", "very", "so", "this", "but", "But"}
    | {"kind", "of", "sort", "the", "shit", "bomb", "kiss", "death", "yeah", "right", "cut", "mustard"}
    | {"hand", "to", "mouth", "bad", "ass", "just", "enough", "nor", "n't"}
)
_FILLER = ["table", "it", "was", "a", "and", "I", "we", ":)", ":(", "<3", "-", "."]
_WORD = st.one_of(st.sampled_from(_LEXICON_WORDS), st.sampled_from(_RULE_WORDS), st.sampled_from(_FILLER))
_STYLED = st.tuples(
    _WORD,
    st.sampled_from(["lower", "upper", "title"]),
    st.sampled_from(["", "", "", ",", ".", "!", "?", "!!", "'", '"', "-", "..."]),
    st.sampled_from(["", "", "", "'", '"', "-", "("]),
).map(lambda t: t[3] + {"lower": t[0], "upper": t[0].upper(), "title": t[0].title()}[t[1]] + t[2])
_VADER_SENTENCES = st.lists(_STYLED, max_size=20).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(_VADER_SENTENCES, min_size=1, max_size=3))
def test_contributions_reproduce_nltk_compound(texts: list[str]) -> None:
    _reproduces_nltk(texts)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=150))
def test_arbitrary_text_scores_like_nltk(text: str) -> None:
    _reproduces_nltk([text])
    scores = polarity(text)
    assert -1.0 <= scores["compound"] <= 1.0
    total = scores["pos"] + scores["neu"] + scores["neg"]
    assert total == 0.0 or total == pytest.approx(1.0, abs=0.0021)  # three values rounded to 3 places


# ---------------------------------------------------------------------------------------------------
# The default interview


def _answer_1() -> str:
    raw = DEFAULT_INTERVIEW.read_text(encoding="utf-8")
    start = raw.index("- Not big enough of a role.") + 2
    end = raw.index("where they can practice.") + len("where they can practice.")
    # a page break splits "it\n\nis the rule of the game": join it, as the transcript parser does
    return raw[start:end].replace("it\n\nis the rule", "it is the rule")


def test_answer_1_sentences_vs_whole_answer() -> None:
    answer = _answer_1()
    sentences = split_sentences(answer)
    assert len(sentences) == 13
    summary = aggregate(score_sentences(sentences))
    whole = polarity(answer)["compound"]
    assert whole == _nltk(answer)["compound"]
    assert whole > 0.9  # VADER over the whole answer saturates (+0.98)
    assert 0.1 < summary["sentiment"] < 0.4  # the mean of its sentences (+0.27)
    assert summary["n_sentences"] == 13


def test_default_interview_sentences_reproduce_nltk() -> None:
    text = DEFAULT_INTERVIEW.read_text(encoding="utf-8")
    _reproduces_nltk([s.text for s in split_sentences(text)])

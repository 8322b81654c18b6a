"""The contract of ``analysis.pipeline.run.analyze``: columns, and invariants checked from first principles.

Expectations are derived here, independently of the implementation: sentence scores from NLTK's own
``SentimentIntensityAnalyzer.polarity_scores``, aggregates with :mod:`statistics`, word counts with
``analysis.text.count_words`` (what ``n_words`` means everywhere), topic counts by hand or by a
counter written below for a small dictionary, spans by slicing the pair's text.
"""

from __future__ import annotations

import math
import os
import statistics
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import datafiles, text
from analysis.pipeline import run
from analysis.sentence import sentiment, topics
from analysis.transcripts import DEFAULT_DOCUMENT, Document, asking, load, parse_text

ANSWER_CONTRACT = [
    "document", "pair", "speaker", "question", "answer", "n_words", "n_sentences",
    "sentiment", "sentiment_min", "sentiment_max", "sentiment_std",
    "share_positive", "share_neutral", "share_negative", "coverage",
]
SENTENCE_CONTRACT = ["document", "pair", "sentence", "text", "sentiment", "pos", "neu", "neg"]
TOKEN_COLUMNS = [
    "document", "pair", "role", "sentence", "token", "text", "start", "end", "is_word", "valence", "topics",
]
# VADER's recommended cut-offs (vaderSentiment README), restated here rather than imported.
POSITIVE, NEGATIVE = 0.05, -0.05
# The analysis reads typographic apostrophes as "'" before scoring (analysis.sentence.sentiment, "ascii").
ASCII_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})

TINY_YAML = """\
name: Tiny
version: "1"
topics:
  trade:
    label: Trade
    terms: [trade, tariff*, free trade]
  power:
    label: Soft power
    terms: [soft power, power]
"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> topics.Dictionary:
    path = tmp_path_factory.mktemp("dictionaries") / "tiny.yaml"
    path.write_text(TINY_YAML, encoding="utf-8")
    return topics.load_dictionary(path)


@pytest.fixture(scope="module")
def interview(default_interview: Path) -> tuple[Document, run.Analysis]:
    doc = load(default_interview)
    return doc, run.analyze(doc, document="bezrukov")


def _nltk_compound(sentence: str) -> float:
    return sentiment.load_analyzer().polarity_scores(sentence.translate(ASCII_APOSTROPHES))["compound"]


def _units(doc: Document) -> dict[tuple[int, str], str]:
    units = {(p.pair, "answer"): p.answer for p in doc.pairs}
    units.update({(p.pair, "question"): p.question for p in doc.pairs if p.question is not None})
    return units


def _word_tokens(s: str) -> list[str]:
    return [t.text for t in text.tokenize(s) if t.is_word]


# --------------------------------------------------------------------------------------------------
# The invariants, checked on any document


def _group(records: list[dict], *keys: str) -> dict[tuple, list[dict]]:
    out: dict[tuple, list[dict]] = {}
    for r in records:
        out.setdefault(tuple(r[k] for k in keys), []).append(r)
    return out


def check_invariants(doc: Document, a: run.Analysis, dictionary: topics.Dictionary, *, nltk: bool = True) -> None:
    rates = [f"topic_{slug}" for slug in dictionary.slugs]
    counts = [f"topic_{slug}_count" for slug in dictionary.slugs]
    assert list(a.answers.columns[: len(ANSWER_CONTRACT) + len(rates)]) == ANSWER_CONTRACT + rates
    assert list(a.sentences.columns[: len(SENTENCE_CONTRACT) + len(rates)]) == SENTENCE_CONTRACT + rates
    assert set(counts) <= set(a.answers.columns) and set(counts) <= set(a.sentences.columns)
    units = _units(doc)
    sents = a.sentences.to_dict("records")
    by_unit = _group(sents, "pair", "role")

    # Sentences: spans slice the unit's text; numbered 1..n in reading order; they hold all its words.
    assert set(by_unit) <= set(units)
    for row in sents:
        assert units[(row["pair"], row["role"])][row["start"] : row["end"]] == row["text"]
        assert row["n_words"] == text.count_words(row["text"])
        assert -1.0 <= row["sentiment"] <= 1.0
        if nltk:
            assert row["sentiment"] == _nltk_compound(row["text"])
        for rate, count in zip(rates, counts):
            assert row[rate] == pytest.approx(row[count] * 1000 / row["n_words"] if row["n_words"] else 0.0)
    for key, unit in units.items():
        rows = by_unit.get(key, [])
        assert [r["sentence"] for r in rows] == list(range(1, len(rows) + 1))
        assert all(x["end"] <= y["start"] for x, y in zip(rows, rows[1:]))
        assert sum(r["n_words"] for r in rows) == text.count_words(unit)
        assert len(rows) > 0 or not unit.strip()

    # Answers: one row per pair, in order; aggregates of the answer's sentences.
    answers = a.answers.to_dict("records")
    assert [r["pair"] for r in answers] == [p.pair for p in doc.pairs]
    for p, row in zip(doc.pairs, answers):
        assert (row["kind"], row["answer"], row["speaker"]) == (p.kind, p.answer, "; ".join(p.answered_by))
        assert row["question"] == p.question or (p.question is None and pd.isna(row["question"]))
        own = by_unit.get((p.pair, "answer"), [])
        scores = [r["sentiment"] for r in own]
        n_words = text.count_words(p.answer)
        assert row["n_words"] == n_words == sum(r["n_words"] for r in own)
        assert row["n_sentences"] == len(scores)
        if scores:
            assert row["sentiment"] == pytest.approx(statistics.fmean(scores))
            assert row["sentiment_min"] == min(scores) and row["sentiment_max"] == max(scores)
            assert row["sentiment_std"] == pytest.approx(statistics.pstdev(scores), abs=1e-12)
            pos = sum(s >= POSITIVE for s in scores)
            neg = sum(s <= NEGATIVE for s in scores)
            assert row["share_positive"] == pytest.approx(pos / len(scores))
            assert row["share_negative"] == pytest.approx(neg / len(scores))
            assert row["share_neutral"] == pytest.approx((len(scores) - pos - neg) / len(scores))
            assert row["share_positive"] + row["share_neutral"] + row["share_negative"] == pytest.approx(1.0)
        else:  # aggregate() with no sentences: every figure NaN, n_sentences 0
            for name in ("sentiment", "sentiment_min", "sentiment_max", "sentiment_std",
                         "share_positive", "share_neutral", "share_negative"):
                assert math.isnan(row[name]), name
        for rate, count in zip(rates, counts):
            total = sum(r[count] for r in own)
            assert row[count] == total
            assert row[rate] == pytest.approx(total * 1000 / n_words if n_words else 0.0)
        covered = sum(r["coverage"] * r["n_words"] for r in own)
        assert row["coverage"] == pytest.approx(covered / n_words if n_words else 0.0)
        assert 0.0 <= row["coverage"] <= 1.0
        q_scores = [r["sentiment"] for r in by_unit.get((p.pair, "question"), [])]
        if q_scores:
            assert row["question_sentiment"] == pytest.approx(statistics.fmean(q_scores))
        else:
            assert math.isnan(row["question_sentiment"])
        assert row["question_n_words"] == text.count_words(p.question or "")

    if len(a.tokens):
        _check_details(a, units, by_unit, counts)


def _check_details(a: run.Analysis, units: dict, by_unit: dict, counts: list[str]) -> None:
    assert list(a.tokens.columns) == TOKEN_COLUMNS
    tokens = a.tokens.to_dict("records")
    tokens_by_unit = _group(tokens, "pair", "role")
    sentence_span = {k + (r["sentence"],): (r["start"], r["end"]) for k, rows in by_unit.items() for r in rows}
    # Tokens: those of analysis.text.tokenize on each unit, in order, inside the sentence they name.
    for key, unit in units.items():
        own = tokens_by_unit.get(key, [])
        assert [(t["text"], t["start"], t["end"], t["is_word"]) for t in own] == [
            (t.text, t.start, t.end, t.is_word) for t in text.tokenize(unit)
        ]
        assert [t["token"] for t in own] == list(range(1, len(own) + 1))
        for t in own:
            start, end = sentence_span[key + (t["sentence"],)]
            assert start <= t["start"] and t["end"] <= end

    # Contributions: each span slices its unit to the word VADER saw; a token has that span and valence.
    by_span = {(t["pair"], t["role"], t["start"], t["end"]): t["valence"] for t in tokens}
    fired = set()
    for c in a.contributions.to_dict("records"):
        assert units[(c["pair"], c["role"])][c["start"] : c["end"]] == c["token"]
        key = (c["pair"], c["role"], c["start"], c["end"])
        assert key in by_span, c
        assert by_span[key] == c["valence"]
        fired.add(key[:3])
    for t in tokens:
        if (t["pair"], t["role"], t["start"]) not in fired:
            assert math.isnan(t["valence"]), t

    # Terms: each span slices its unit to the matched words; every word token inside carries the topic
    # (all the words of a phrase); per unit and topic, as many terms as the sentence frame counts.
    n_terms: dict[tuple, int] = {}
    for m in a.terms.to_dict("records"):
        key = (m["pair"], m["role"])
        piece = units[key][m["start"] : m["end"]]
        assert _word_tokens(piece) == m["text"].split(" ")
        assert m["word_end"] - m["word"] == len(_word_tokens(piece))
        if m["word_end"] - m["word"] > 1:  # (one hyphenated word may match a phrase by its parts)
            assert m["kind"] == "phrase"
        inside = [t for t in tokens_by_unit[key] if m["start"] <= t["start"] and t["end"] <= m["end"] and t["is_word"]]
        assert len(inside) == m["word_end"] - m["word"]
        for t in inside:
            assert m["topic"] in t["topics"].split(","), (m, t)
        start, end = sentence_span[key + (m["sentence"],)]
        assert start <= m["start"] and m["end"] <= end
        n_terms[key + (m["topic"],)] = n_terms.get(key + (m["topic"],), 0) + 1
    for key, rows in by_unit.items():
        for count in counts:
            slug = count[len("topic_") : -len("_count")]
            assert n_terms.get(key + (slug,), 0) == sum(r[count] for r in rows), (key, slug)


# --------------------------------------------------------------------------------------------------
# The default interview


def test_default_interview_columns_and_invariants(interview):
    doc, a = interview
    dictionary = topics.load_dictionary()
    rates = [f"topic_{slug}" for slug in dictionary.slugs]
    assert list(a.answers.columns[:15]) == ANSWER_CONTRACT
    assert list(a.answers.columns[15 : 15 + len(rates)]) == rates
    assert list(a.sentences.columns[:8]) == SENTENCE_CONTRACT
    assert list(a.sentences.columns[8 : 8 + len(rates)]) == rates
    assert len(a.answers) == 9 and (a.answers["document"] == "bezrukov").all()
    assert set(a.sentences["role"]) == {"question", "answer"}
    check_invariants(doc, a, dictionary)


def test_default_interview_answer_1_mean_of_sentences_not_whole_answer(interview):
    _doc, a = interview
    row = a.answers.iloc[0]
    assert row["answer"].startswith("Not big enough of a role.")
    assert row["answer"].endswith("where they can practice.")
    assert 0.2 <= row["sentiment"] <= 0.35
    whole = sentiment.polarity(row["answer"])["compound"]
    assert whole > 0.9  # VADER over the whole answer saturates
    assert whole == sentiment.load_analyzer().polarity_scores(row["answer"].translate(ASCII_APOSTROPHES))["compound"]
    assert row["sentiment"] != pytest.approx(whole, abs=0.3)


def test_default_interview_has_topic_matches_and_contributions(interview):
    _doc, a = interview
    assert len(a.terms) > 0 and len(a.contributions) > 0
    # "soft power" is in the title question of the interview and is a phrase of the default dictionary.
    soft = a.terms[a.terms["text"].str.lower() == "soft power"]
    assert len(soft) > 0 and (soft["kind"] == "phrase").all()


def test_summary_detail_same_answers_and_sentences(interview):
    doc, full = interview
    summary = run.analyze(doc, document="bezrukov", detail="summary")
    pd.testing.assert_frame_equal(summary.answers, full.answers)
    pd.testing.assert_frame_equal(summary.sentences, full.sentences)
    assert summary.tokens.empty and list(summary.tokens.columns) == TOKEN_COLUMNS
    # run.analyze's docstring: summary skips the token, contribution and term frames (returned empty).
    assert summary.contributions.empty
    assert summary.terms.empty
    assert summary.settings == full.settings


def test_inputs_not_mutated(interview, tiny):
    doc, _ = interview
    before = doc.to_dict()
    run.analyze(doc, dictionary=tiny)
    assert doc.to_dict() == before


# --------------------------------------------------------------------------------------------------
# Small constructed documents with a small dictionary: every figure by hand


SMALL = (
    "Q: Is free trade good for soft power?\n\n"
    "A: Free trade is good. Tariffs are not good, and tariff wars hurt soft power. Power matters.\n"
)


def test_small_document_by_hand(tiny):
    doc = parse_text(SMALL)
    a = run.analyze(doc, document="small", dictionary=tiny)
    check_invariants(doc, a, tiny)
    assert list(a.answers.columns[:17]) == ANSWER_CONTRACT + ["topic_trade", "topic_power"]
    row = a.answers.iloc[0]
    # Answer words: 4 + 10 + 2. trade: "Free trade" (one phrase), "Tariffs", "tariff" (wildcard);
    # power: "soft power" (one phrase, its "power" not counted again), "Power".
    assert (row["n_words"], row["n_sentences"]) == (16, 3)
    assert (row["topic_trade_count"], row["topic_power_count"]) == (3, 2)
    assert row["topic_trade"] == pytest.approx(3 * 1000 / 16)
    assert row["topic_power"] == pytest.approx(2 * 1000 / 16)
    assert row["coverage"] == pytest.approx(7 / 16)  # free, trade, Tariffs, tariff, soft, power, Power
    assert row["question_n_words"] == 7

    s = a.sentences[a.sentences["role"] == "answer"]
    assert s["text"].tolist() == [
        "Free trade is good.", "Tariffs are not good, and tariff wars hurt soft power.", "Power matters."
    ]
    assert s["n_words"].tolist() == [4, 10, 2]
    assert s["topic_trade_count"].tolist() == [1, 2, 0]
    assert s["topic_power_count"].tolist() == [0, 1, 1]
    assert s["sentiment"].iloc[0] >= POSITIVE  # "good"
    assert s["sentiment"].iloc[1] <= NEGATIVE  # "not good", "hurt"

    answer_terms = a.terms[a.terms["role"] == "answer"]
    assert list(zip(answer_terms["topic"], answer_terms["entry"], answer_terms["kind"], answer_terms["text"])) == [
        ("trade", "free trade", "phrase", "Free trade"),
        ("trade", "tariff*", "wildcard", "Tariffs"),
        ("trade", "tariff*", "wildcard", "tariff"),
        ("power", "soft power", "phrase", "soft power"),
        ("power", "power", "exact", "Power"),
    ]
    toks = a.tokens[(a.tokens["role"] == "answer")].set_index("text")
    assert toks.loc["Free", "topics"] == "trade" and toks.loc["soft", "topics"] == "power"
    assert toks.loc["is", "topics"] == "" and math.isnan(toks.loc["is", "valence"])
    good = a.contributions[(a.contributions["role"] == "answer") & (a.contributions["token"] == "good")]
    assert len(good) == 2 and good["negated"].tolist() == [False, True]


def test_briefing_with_opening_and_unanswered_final_question(tiny):
    briefing = (
        "MS. SMITH: Good afternoon. I have two wonderful announcements.\n\nSecond, free trade.\n\n"
        "Q Thanks. What about tariffs?\n\n"
        "MS. SMITH: Tariffs are terrible. Free trade is great.\n\n"
        "Q And soft power?\n"
    )
    doc = parse_text(briefing)
    assert [p.kind for p in doc.pairs] == ["opening", "qa", "qa"]
    a = run.analyze(doc, document="briefing", dictionary=tiny)
    check_invariants(doc, a, tiny)
    opening, answered, final = (a.answers.iloc[i] for i in range(3))

    assert opening["kind"] == "opening" and opening["pair"] == 1
    assert pd.isna(opening["question"]) and pd.isna(opening["asked_by"])
    assert math.isnan(opening["question_sentiment"]) and opening["question_n_words"] == 0
    assert opening["n_words"] == 10 and opening["n_sentences"] == 3
    assert opening["topic_trade_count"] == 1  # "free trade"
    assert not (a.sentences["pair"].eq(1) & a.sentences["role"].eq("question")).any()

    assert answered["kind"] == "qa" and answered["speaker"] == "MS. SMITH"
    assert answered["n_sentences"] == 2 and answered["topic_trade_count"] == 2
    assert not math.isnan(answered["question_sentiment"])

    # The final question got no answer: no words, no sentences, NaN sentiment figures, rates 0.
    assert final["question"] == "And soft power?" and final["answer"] == "" and final["speaker"] == ""
    assert (final["n_words"], final["n_sentences"]) == (0, 0)
    for name in ("sentiment", "sentiment_min", "sentiment_max", "sentiment_std",
                 "share_positive", "share_neutral", "share_negative"):
        assert math.isnan(final[name]), name
    assert final["coverage"] == 0.0
    assert final["topic_trade"] == 0.0 and final["topic_power"] == 0.0
    assert final["topic_power_count"] == 0
    assert final["question_n_words"] == 3
    assert a.answers["n_words"].dtype == "int64" and a.answers["n_sentences"].dtype == "int64"
    # The question itself is measured: "soft power" is matched in it.
    q = a.sentences[(a.sentences["pair"] == 3) & (a.sentences["role"] == "question")]
    assert q["topic_power_count"].tolist() == [1]


@pytest.mark.parametrize(
    "source, expected_shares",
    [
        # (positive, neutral, negative) counted by hand from the words: good / a table / bad
        ("Q: Well?\n\nA: Good. A table. Bad.", (1 / 3, 1 / 3, 1 / 3)),
        ("Q: Well?\n\nA: Good. Great.", (1.0, 0.0, 0.0)),
        ("Q: Well?\n\nA: A table. A chair.", (0.0, 1.0, 0.0)),
        ("Q: Well?\n\nA: Terrible. Bad. A chair. Good.", (0.25, 0.25, 0.5)),
    ],
)
def test_shares_by_hand(tiny, source, expected_shares):
    doc = parse_text(source)
    a = run.analyze(doc, dictionary=tiny)
    row = a.answers.iloc[0]
    assert (row["share_positive"], row["share_neutral"], row["share_negative"]) == pytest.approx(expected_shares)
    check_invariants(doc, a, tiny)


def test_one_sentence_answer_has_zero_spread(tiny):
    doc = parse_text("Q: Well?\n\nA: Good.")
    row = run.analyze(doc, dictionary=tiny).answers.iloc[0]
    assert row["sentiment_std"] == 0.0 and row["sentiment"] == row["sentiment_min"] == row["sentiment_max"]


def test_default_dictionary_and_custom_dictionary_columns(tiny):
    doc = parse_text(SMALL)
    default = run.analyze(doc)
    custom = run.analyze(doc, dictionary=tiny)
    assert not any(c in default.answers.columns for c in ("topic_trade", "topic_power"))
    pd.testing.assert_frame_equal(default.sentences[SENTENCE_CONTRACT], custom.sentences[SENTENCE_CONTRACT])
    assert custom.settings["dictionary"] == "Tiny" and custom.settings["dictionary_version"] == "1"


def test_emoticon_valence_lands_on_a_token_with_its_span(tiny):
    doc = parse_text("Q: Why?\n\nA: Table :)")
    a = run.analyze(doc, dictionary=tiny)
    c = a.contributions[a.contributions["role"] == "answer"]
    assert c["token"].tolist() == [":)"]  # VADER's lexicon scores the emoticon as one word
    tokens = a.tokens[a.tokens["role"] == "answer"]
    assert tokens["text"].tolist() == ["Table", ":)"]  # a free-standing emoticon is one token
    assert (6, 8) in set(zip(tokens["start"], tokens["end"]))
    assert tokens.loc[tokens["text"] == ":)", "valence"].item() == c["valence"].item()


# --------------------------------------------------------------------------------------------------
# Property: arbitrary Q/A texts from a small vocabulary never make analyze() raise, and the invariants hold

LEXICON_WORDS = ["good", "great", "bad", "terrible", "love", "hate", "happy", "sad", "nice", "hurt", "GOOD", "Great"]
MODIFIERS = ["very", "extremely", "really", "barely", "somewhat", "so", "this", "but", "least", "at", "kind", "of"]
NEGATIONS = ["not", "never", "don't", "isn't", "without", "nothing", "don’t"]
TOPIC_WORDS = ["trade", "Trade", "tariff", "tariffs", "Tariffs", "free", "Free", "soft", "power", "Power", "SOFT"]
NEUTRAL = ["the", "we", "policy", "and", "is", "it", "table"]
SUFFIXES = ["", "", "", "", ",", ";", "!", "...", "!!", "?!"]
ENDINGS = [".", ".", "?", "!", ""]

words_st = st.sampled_from(LEXICON_WORDS + MODIFIERS + NEGATIONS + TOPIC_WORDS + NEUTRAL)
sentence_st = st.builds(
    lambda items, end: " ".join(w + s for w, s in items) + end,
    st.lists(st.tuples(words_st, st.sampled_from(SUFFIXES)), min_size=1, max_size=10),
    st.sampled_from(ENDINGS),
)
# A paragraph: sentences on one line. A body: one or two paragraphs.
paragraph_st = st.lists(sentence_st, min_size=1, max_size=4).map(" ".join)
body_st = st.lists(paragraph_st, min_size=1, max_size=2).map("\n\n".join)
document_st = st.tuples(
    st.lists(st.tuples(body_st, body_st), min_size=1, max_size=3),
    st.one_of(st.none(), body_st),  # an optional final question without an answer
)


def _count_tiny(sentence: str) -> tuple[int, int]:
    """(trade, power) matches of the tiny dictionary in one sentence, counted from its definition:
    a phrase is two consecutive words with no punctuation token between them, and its words are not
    counted again by the single-word entries of the same topic."""
    toks = text.tokenize(sentence)
    words = [t.lower for t in toks if t.is_word]
    # words k and k+1 are adjacent (no punctuation between them) iff their tokens are consecutive
    word_pos = [i for i, t in enumerate(toks) if t.is_word]
    pairs = [word_pos[k + 1] == word_pos[k] + 1 for k in range(len(word_pos) - 1)]

    def phrase_then_singles(first: str, second: str, single) -> int:
        taken: set[int] = set()
        n = 0
        for k in range(len(words) - 1):
            if words[k] == first and words[k + 1] == second and pairs[k] and k not in taken and k + 1 not in taken:
                taken.update((k, k + 1))
                n += 1
        return n + sum(1 for k, w in enumerate(words) if k not in taken and single(w))

    trade = phrase_then_singles("free", "trade", lambda w: w == "trade" or w.startswith("tariff"))
    power = phrase_then_singles("soft", "power", lambda w: w == "power")
    return trade, power


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document_st)
def test_property_analyze_never_raises_and_invariants_hold(tiny, document):
    pairs, final_question = document
    source = "\n\n".join(f"Q: {q}\n\nA: {a}" for q, a in pairs)
    if final_question is not None:
        source += f"\n\nQ: {final_question}"
    doc = parse_text(source)
    # A Q turn that asks nothing ("Q: good.") opens no pair (issue 13): its answer joins the pair before,
    # or the opening when it is the first.
    asked = [asking.asks(q, statements_ask=True) for q, _ in pairs]
    final_asks = final_question is not None and asking.asks(final_question, statements_ask=True)
    assert len(doc.pairs) == sum(asked) + final_asks + (not asked[0])
    a = run.analyze(doc, document="generated", dictionary=tiny)
    check_invariants(doc, a, tiny)
    for row in a.sentences.itertuples(index=False):
        assert (row.topic_trade_count, row.topic_power_count) == _count_tiny(row.text), row.text


def test_empty_frames_of_a_summary_are_each_callers_own() -> None:
    # The empty frames are made once and copied: changing one a caller got changes no other result.
    doc = load(DEFAULT_DOCUMENT)
    first = run.analyze(doc, detail="summary")
    for frame in (first.tokens, first.contributions, first.terms, first.markers):
        assert frame.empty
        frame["scribble"] = []
    second = run.analyze(doc, detail="summary")
    for frame in (second.tokens, second.contributions, second.terms, second.markers):
        assert "scribble" not in frame.columns


@pytest.mark.parametrize(
    "source",
    [
        "default",
        "MODERATOR: Welcome, everyone.\n\nSPEAKER: Thank you. I am glad to be here.\n\n"
        "MODERATOR: What about trade?\n\nSPEAKER: Trade is good. Sanctions are not.\n",
    ],
)
def test_summary_columns_are_the_summary_frames(source: str) -> None:
    from analysis.store import library

    doc = load(DEFAULT_DOCUMENT) if source == "default" else parse_text(source)
    frames_ = run.analyze(doc, document="d", detail="summary")
    answers, sentences = run.summary_columns(doc, document="d")
    pd.testing.assert_frame_equal(pd.DataFrame(answers), frames_.answers)
    pd.testing.assert_frame_equal(pd.DataFrame(sentences), frames_.sentences)
    # and through Arrow, as the batch stores them, they read back as the frames do
    for columns, frame in ((answers, frames_.answers), (sentences, frames_.sentences)):
        pd.testing.assert_frame_equal(library.decode_frames([library.encode_columns(columns)]), frame)


def _paths_in(settings: dict) -> list[str]:
    """Every string of the settings (nested too) that names a place on this machine."""
    root = str(Path(__file__).resolve().parents[3])
    found, todo = [], list(settings.values())
    while todo:
        v = todo.pop()
        if isinstance(v, dict):
            todo += list(v.values())
        elif isinstance(v, (list, tuple)):
            todo += list(v)
        elif isinstance(v, str) and (Path(v).is_absolute() or v.startswith(os.sep) or root in v):
            found.append(v)
    return found


def test_settings_name_data_files_without_a_server_path(tmp_path):
    from analysis.sentence import markers

    default = run.analyze(parse_text(SMALL)).settings
    assert _paths_in(default) == []
    assert default["markers"] == "data/markers" and default["dictionary_file"] == "data/topics/foreign_policy.yaml"
    own = tmp_path / "my_topics.yaml"
    own.write_text(TINY_YAML, encoding="utf-8")
    mine = run.analyze(parse_text(SMALL), dictionary=topics.load_dictionary(own)).settings
    assert _paths_in(mine) == [] and mine["dictionary_file"] == "my_topics.yaml"
    assert mine["dictionary_sha256"] == topics.load_dictionary(own).sha256  # the hash still says which file
    folder = tmp_path / "my_markers"
    folder.mkdir()
    for family in datafiles.MARKERS.glob("hedges.yaml"):
        (folder / family.name).write_bytes(family.read_bytes())
    s = run.settings(topics.load_dictionary(own), markers.load_markers(folder))
    assert _paths_in(s) == [] and s["markers"] == "my_markers" and list(s["marker_families"]) == ["hedges"]
    # What the report reloads from the settings: the recorded default folder, the default for one's own.
    assert markers.load_recorded(default["markers"]).sha256 == markers.load_markers().sha256

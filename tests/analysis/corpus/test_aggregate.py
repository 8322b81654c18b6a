"""The corpus aggregates against values computed by hand (or by the formula written out here) on a tiny
corpus made of frames: 3 dated documents and 1 undated, 5 answers with chosen numbers."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from analysis.corpus import Corpus, aggregate, documents_table, measures, over_time, speakers, trend
from analysis.corpus.model import DOCUMENT_COLUMNS, documents_frame
from analysis.errors import DiscourseError

T2 = stats.t.ppf(0.975, 2)  # t of 2 degrees of freedom (3 answers)

# doc, date, pair, speaker, n_sentences, sentiment (mean), sentiment_std, share_negative, n_words, economy matches
ANSWERS = [
    ("d1", "2021-01-04", 1, "MS. A", 2, 0.5, 0.1, 0.0, 100, 2),
    ("d1", "2021-01-04", 2, "Ms.  A", 2, 0.0, 0.0, 0.5, 50, 0),
    ("d2", "2021-01-20", 1, "MR. B", 4, -0.25, 0.2, 0.5, 200, 1),
    ("d3", "2021-02-10", 1, "MS. A; MR. B", 1, 1.0, 0.0, 0.0, 10, 1),
    ("d4", None, 1, "MR. B", 3, 0.2, 0.0, 0.0, 30, 0),
]
SENTENCES = [  # doc, pair, sentence, text, sentiment (answers only matter for actors)
    ("d1", 1, 1, "Russia is a partner.", 0.6),
    ("d1", 1, 2, "We talk with Russia and Russia talks.", 0.4),
    ("d1", 2, 1, "Nothing.", 0.0),
    ("d2", 1, 1, "Russia was wrong.", -0.5),
    ("d3", 1, 1, "Fine.", 1.0),
]


def make_corpus() -> Corpus:
    rows = []
    for doc, day, pair, speaker, m, mean, std, neg, words, eco in ANSWERS:
        rows.append(
            {
                "doc_id": doc,
                "date": pd.Timestamp(day) if day else pd.NaT,
                "document": doc,
                "pair": pair,
                "speaker": speaker,
                "question": "Q?",
                "answer": f"answer {doc} {pair}",
                "n_words": words,
                "n_sentences": m,
                "sentiment": mean,
                "sentiment_std": std,
                "share_negative": neg,
                "topic_economy": eco * 1000 / words,
                "marker_hedges": 0.0,
                "topic_economy_count": eco,
                "marker_hedges_count": 0,
            }
        )
    answers = pd.DataFrame(rows)
    answers["date"] = answers["date"].astype("datetime64[ns]")
    info = pd.DataFrame(
        {
            "id": ["d1", "d2", "d3", "d4"],
            "name": ["d1.txt", "d2.txt", "d3.txt", "d4.txt"],
            "title": None,
            "date": pd.to_datetime(["2021-01-04", "2021-01-20", "2021-02-10", None]),
            "format": "labelled",
            "tags": "t",
            "pairs": [2, 1, 1, 1],
            "words": [200, 220, 20, 40],
        },
        columns=DOCUMENT_COLUMNS,
    )
    dates = dict(zip(info["id"], info["date"]))
    sentences = pd.DataFrame(
        [
            {
                "doc_id": d,
                "date": dates[d],
                "pair": p,
                "sentence": s,
                "role": "answer",
                "text": t,
                "sentiment": v,
                "n_words": len(t.split()),
                "start": 0,
                "end": len(t),
            }
            for d, p, s, t, v in SENTENCES
        ]
    )
    return Corpus(documents_frame(info, answers), answers, [], lambda: sentences)


def ratio_interval(y, x):
    """The ratio mean and its t-interval over units, written out (the module's formula)."""
    y, x = np.asarray(y, float), np.asarray(x, float)
    k, v = len(x), y.sum() / x.sum()
    se = math.sqrt(k / (k - 1) * ((y - v * x) ** 2).sum()) / x.sum()
    half = stats.t.ppf(0.975, k - 1) * se
    return v, v - half, v + half


def test_tone_by_month_is_the_mean_sentence_compound_with_a_t_interval_over_answers():
    frame = over_time(make_corpus(), "tone", "month")
    assert list(frame["period"]) == [pd.Timestamp("2021-01-01"), pd.Timestamp("2021-02-01")]
    jan = frame.iloc[0]
    # January: answers of d1 and d2, sentence sums 2*0.5=1, 2*0=0, 4*-0.25=-1 over 2+2+4 sentences: mean 0.
    assert jan["value"] == pytest.approx(0.0)
    assert jan["doc_ids"] == ["d1", "d2"] and jan["n_documents"] == 2
    assert jan["n"] == 8 and jan["n_answers"] == 3
    # residuals 1, 0, -1: se = sqrt(3/2 * 2) / 8 = sqrt(3) / 8
    half = T2 * math.sqrt(3) / 8
    assert (jan["low"], jan["high"]) == pytest.approx((-half, half))
    # spread: pooled sentence sd = sqrt((2*(0.01+0.25) + 0 + 4*(0.04+0.0625)) / 8 - 0)
    assert jan["spread"] == pytest.approx(math.sqrt(0.93 / 8))
    feb = frame.iloc[1]
    assert feb["value"] == pytest.approx(1.0) and feb["n_answers"] == 1
    assert np.isnan(feb["low"]) and np.isnan(feb["high"])  # one answer: no interval
    assert frame.attrs["undated"] == 1  # d4 is left out and counted


def test_a_topic_rate_per_document_is_per_1000_answer_words():
    frame = over_time(make_corpus(), "topic:economy", "document")
    assert [ids[0] for ids in frame["doc_ids"]] == ["d1", "d2", "d3"]
    assert list(frame["period"]) == list(pd.to_datetime(["2021-01-04", "2021-01-20", "2021-02-10"]))
    assert list(frame["value"]) == pytest.approx([2 / 150 * 1000, 1 / 200 * 1000, 1 / 10 * 1000])
    _v, low, high = ratio_interval([2, 0], [100, 50])
    assert (frame.loc[0, "low"], frame.loc[0, "high"]) == pytest.approx((low * 1000, high * 1000))
    assert list(frame["n"]) == [2, 1, 1]  # answers, for a rate
    assert frame["spread"].isna().all()


def test_quarter_and_week_periods_start_on_their_first_day():
    quarter = over_time(make_corpus(), "topic:economy", "quarter")
    assert list(quarter["period"]) == [pd.Timestamp("2021-01-01")]
    _v, low, high = ratio_interval([2, 0, 1, 1], [100, 50, 200, 10])
    assert quarter.loc[0, "value"] == pytest.approx(4 / 360 * 1000)
    assert (quarter.loc[0, "low"], quarter.loc[0, "high"]) == pytest.approx((low * 1000, high * 1000))
    week = over_time(make_corpus(), "tone", "week")
    # 2021-01-04 is a Monday; 2021-01-20 a Wednesday (week of Monday 18th); 2021-02-10 a Wednesday (8th)
    assert list(week["period"]) == list(pd.to_datetime(["2021-01-04", "2021-01-18", "2021-02-08"]))


def test_actor_mentions_and_the_tone_of_the_sentences_naming_it():
    corpus = make_corpus()
    mentions = over_time(corpus, "actor:russia", "month")
    # January: 3 mentions in d1 pair 1 (one, then two in one sentence), 1 in d2; over 350 answer words
    assert mentions.loc[0, "value"] == pytest.approx(4 / 350 * 1000)
    tone = over_time(corpus, "actor_tone:russia", "month")
    # sentences naming Russia: 0.6, 0.4 (d1 pair 1), -0.5 (d2): each sentence once
    assert tone.loc[0, "value"] == pytest.approx(0.5 / 3)
    _v, low, high = ratio_interval([1.0, -0.5], [2, 1])
    assert (tone.loc[0, "low"], tone.loc[0, "high"]) == pytest.approx((low, high))
    assert tone.loc[0, "spread"] == pytest.approx(np.std([0.6, 0.4, -0.5]))
    assert np.isnan(tone.loc[1, "value"]) and tone.loc[1, "n"] == 0  # February names nobody
    assert corpus.kept("actor_mentions", lambda: None) is aggregate.actor_mentions(corpus)  # found once, kept


def test_trend_is_ols_per_year_with_its_t_interval_and_band():
    start = pd.Timestamp("2021-01-01")
    year = pd.Timedelta(days=365.25)
    frame = pd.DataFrame(
        {"period": [start, start + year, start + 2 * year, start + 3 * year], "value": [1.0, 2.0, 4.0, np.nan]}
    )
    fit = trend(frame)
    # x = 0, 1, 2; y = 1, 2, 4: slope 1.5, intercept 5/6, residuals 1/6, -1/3, 1/6
    assert fit["n_points"] == 3
    assert fit["slope"] == pytest.approx(1.5) and fit["intercept"] == pytest.approx(5 / 6)
    s = math.sqrt((1 / 36 + 1 / 9 + 1 / 36) / 1)
    t1 = stats.t.ppf(0.975, 1)
    assert (fit["low"], fit["high"]) == pytest.approx((1.5 - t1 * s / math.sqrt(2), 1.5 + t1 * s / math.sqrt(2)))
    line = fit["line"]
    assert list(line["fit"]) == pytest.approx([5 / 6, 5 / 6 + 1.5, 5 / 6 + 3])
    band = t1 * s * math.sqrt(1 / 3 + 1 / 2)  # at x = 0: (x - mean)^2 / Sxx = 1 / 2
    assert (line.loc[0, "low"], line.loc[0, "high"]) == pytest.approx((5 / 6 - band, 5 / 6 + band))


def test_trend_of_one_point_has_no_slope():
    assert np.isnan(trend(pd.DataFrame({"period": [pd.Timestamp("2021-01-01")], "value": [1.0]}))["slope"])


def test_speakers_merge_names_as_the_library_keys_them_and_share_joint_answers():
    table = speakers(make_corpus()).set_index("speaker")
    assert list(table.index) == ["MR. B", "MS. A"]  # 3 answers each; then by name
    a, b = table.loc["MS. A"], table.loc["MR. B"]  # "Ms.  A" is MS. A (case and spaces), shown as most written
    assert (a["documents"], a["answers"], a["words"]) == (2, 3, 160)
    assert (b["documents"], b["answers"], b["words"]) == (3, 3, 240)
    _v, low, high = ratio_interval([1.0, 0.0, 1.0], [2, 2, 1])
    assert (a["tone"], a["tone_low"], a["tone_high"]) == pytest.approx((0.4, low, high))
    assert b["tone"] == pytest.approx((-1.0 + 1.0 + 0.6) / 8)
    assert a["topic_economy"] == pytest.approx(3 / 160 * 1000) and b["topic_economy"] == pytest.approx(2 / 240 * 1000)


def test_documents_table_has_each_documents_measures_in_date_order():
    table = documents_table(make_corpus())
    assert list(table["id"]) == ["d1", "d2", "d3", "d4"]
    d1 = table.iloc[0]
    assert (d1["answers"], d1["answer_words"]) == (2, 150)
    assert d1["tone"] == pytest.approx((1.0 + 0.0) / 4)
    assert d1["share_negative"] == pytest.approx((0 * 2 + 0.5 * 2) / 4)
    assert d1["topic_economy"] == pytest.approx(2 / 150 * 1000)
    assert pd.isna(table.iloc[3]["date"])


def test_measures_name_every_key_and_an_unknown_one_is_an_error():
    keys = [m.key for m in measures(make_corpus())]
    assert keys[:3] == ["tone", "topic:economy", "marker:hedges"]
    assert "actor:russia" in keys and "actor_tone:russia" in keys
    with pytest.raises(DiscourseError, match="unknown measure 'topic:nope'"):
        over_time(make_corpus(), "topic:nope", "month")
    with pytest.raises(DiscourseError, match="by='year'"):
        over_time(make_corpus(), "tone", "year")  # type: ignore[arg-type]

"""Predict, then reveal: the room's guesses of an answer's tone and main topic set beside the measures.

Pure (no Streamlit): the workshop page keeps the guesses on the server (:mod:`dashboard.workshop_store`)
and calls these functions. A guess is
``{"tone": "negative" | "neutral" | "positive", "topic": <topic label or NONE>, "n": people}``, optionally with ``"time"`` (ISO 8601 UTC, when it was last added to; see :mod:`dashboard.workshop_store`).
The measured tone is the answer's mean sentence sentiment read with VADER's own thresholds (±0.05), the
measured topic the dictionary topic with the highest rate (all of them when several tie; NONE when no
topic term matched).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import pandas as pd

from analysis.sentence import sentiment, topics

TONES = ("negative", "neutral", "positive")
NONE = "none of these"


def tone_of(value: float) -> str:
    """The tone band of a compound score or mean, with VADER's thresholds."""
    if value != value:
        return "n/a"
    if value >= sentiment.POSITIVE_THRESHOLD:
        return "positive"
    if value <= sentiment.NEGATIVE_THRESHOLD:
        return "negative"
    return "neutral"


def top_topics(row: Mapping, labels: Mapping[str, str]) -> list[str]:
    """The labels of the topics with the highest rate in ``row`` (an answers-frame row), by the one rule
    of :func:`analysis.sentence.topics.top_topics`: several when they tie (a guess of any of them is
    right), ``[NONE]`` when no topic term matched."""
    return [labels[c] for c in topics.top_topics(row, labels)] or [NONE]


def tally(guesses: Sequence[Mapping], field: str) -> Counter:
    """People per guessed value of ``field`` ("tone" or "topic")."""
    out: Counter = Counter()
    for g in guesses:
        out[g[field]] += int(g.get("n", 1))
    return out


def agreement(guesses: Sequence[Mapping], field: str, measured: str | Sequence[str]) -> float:
    """Share of people whose guess of ``field`` is the measured value (or one of the tied values);
    NaN with no guesses."""
    counts = tally(guesses, field)
    total = sum(counts.values())
    right = {measured} if isinstance(measured, str) else set(measured)
    return sum(counts[m] for m in right) / total if total else float("nan")


COLUMNS = [
    "pair", "question", "people", *(f"guesses_{t}" for t in TONES), "tone_guessed", "tone_measured", "sentiment",
    "tone_agreement", "topic_guesses", "topic_guessed", "topic_measured", "topic_agreement", "last_guess",
]


def _most_common(counts: Counter) -> str:
    """The value most people chose; tied values joined with " / " (in the order of ``counts``)."""
    best = max(counts.values())
    return " / ".join(v for v, n in counts.items() if n == best)


def comparison(
    answers: pd.DataFrame, guesses: Mapping[int, Sequence[Mapping]], labels: Mapping[str, str]
) -> pd.DataFrame:
    """One row per answer with guesses (the workshop's table and CSV): the question, the room's full
    tally (people per tone in ``guesses_<tone>``, people per topic in ``topic_guesses`` as "Economy 3;
    Security 2", most first), the most common guesses, the measures, the agreement and ``last_guess``,
    the time of the answer's latest guess (the guesses' ``time``, ISO 8601 UTC; empty without one)."""
    rows = []
    by_pair = answers.set_index("pair")
    for pair in sorted(guesses):
        if not guesses[pair] or pair not in by_pair.index:
            continue
        row = by_pair.loc[pair]
        tone, topic = tone_of(float(row["sentiment"])), top_topics(row, labels)
        tones, topics_ = tally(guesses[pair], "tone"), tally(guesses[pair], "topic")
        times = [str(g["time"]) for g in guesses[pair] if g.get("time")]
        rows.append({
            "pair": int(pair),
            "question": str(row["question"]) if "question" in row.index else "",
            "people": sum(tones.values()),
            **{f"guesses_{t}": int(tones[t]) for t in TONES},
            "tone_guessed": _most_common(tones),
            "tone_measured": tone,
            "sentiment": round(float(row["sentiment"]), 3),
            "tone_agreement": agreement(guesses[pair], "tone", tone),
            "topic_guesses": "; ".join(f"{t} {n}" for t, n in sorted(topics_.items(), key=lambda kv: (-kv[1], kv[0]))),
            "topic_guessed": _most_common(topics_),
            "topic_measured": " / ".join(topic),
            "topic_agreement": agreement(guesses[pair], "topic", topic),
            "last_guess": max(times, default=""),
        })
    return pd.DataFrame(rows, columns=COLUMNS)

"""The limits of the measures, shown on the document at hand.

Each function takes an :class:`~analysis.result.Analysis` and returns a small frame that makes one
limit visible on the document at hand: whole-answer saturation, irony read literally, negation,
and what the topic dictionary does not cover.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

import pandas as pd

from analysis import text
from analysis.datafiles import irony_cues, stopwords
from analysis.result import Analysis
from analysis.sentence import sentiment


class Diagnostics(NamedTuple):
    """The four limits of :func:`measure`, one frame each (see the functions of the same names)."""

    saturation: pd.DataFrame
    irony_candidates: pd.DataFrame
    negations: pd.DataFrame
    uncovered_words: pd.DataFrame


def measure(analysis: Analysis) -> Diagnostics:
    """Every limit of this module on ``analysis`` (what ``Analysis.diagnostics`` keeps)."""
    return Diagnostics(saturation(analysis), irony_candidates(analysis), negations(analysis), uncovered_words(analysis))


def saturation(analysis: Analysis) -> pd.DataFrame:
    """Per answer: VADER run over the whole answer against the mean of its sentences.

    Columns ``pair, n_sentences, whole_answer, mean_of_sentences, gap``. The whole-answer compound
    grows towards +/-1 with length because VADER sums word valences before squashing them.
    """
    a = analysis.answers[analysis.answers["n_sentences"] > 0]
    whole = [sentiment.polarity(t)["compound"] for t in a["answer"]]
    out = pd.DataFrame(
        {
            "pair": a["pair"].to_numpy(),
            "n_sentences": a["n_sentences"].to_numpy(),
            "whole_answer": whole,
            "mean_of_sentences": a["sentiment"].to_numpy(),
        }
    )
    out["gap"] = out["whole_answer"] - out["mean_of_sentences"]
    return out


def irony_candidates(analysis: Analysis) -> pd.DataFrame:
    """Answer sentences containing an irony cue (``data/wordlists/irony_cues.txt``), with their score.

    Columns ``pair, sentence, cue, sentiment, text``. A cue is a prompt for discussion: VADER scores
    these sentences word by word, as if meant literally.
    """
    pattern = re.compile(r"\b(" + "|".join(re.escape(c) for c in sorted(irony_cues(), key=len, reverse=True)) + r")\b", re.I)
    s = analysis.sentences[analysis.sentences["role"] == "answer"]
    rows = []
    for pair, number, body, score in s[["pair", "sentence", "text", "sentiment"]].itertuples(index=False):
        m = pattern.search(body.replace("\u2019", "'"))
        if m:
            rows.append((pair, number, m.group(1).lower(), score, body))
    return pd.DataFrame(rows, columns=["pair", "sentence", "cue", "sentiment", "text"])


def negations(analysis: Analysis) -> pd.DataFrame:
    """Sentiment words whose valence a negation flipped: ``pair, sentence, token, valence_lexicon,
    valence, text`` (the sentence)."""
    c = analysis.contributions
    c = c[c["negated"] & (c["role"] == "answer")]
    s = analysis.sentences[analysis.sentences["role"] == "answer"][["pair", "sentence", "text"]]
    out = c.merge(s, on=["pair", "sentence"], how="left")
    return out[["pair", "sentence", "token", "valence_lexicon", "valence", "text"]].reset_index(drop=True)


def uncovered_words(analysis: Analysis, *, top: int = 25) -> pd.DataFrame:
    """The most frequent content words of the answers that no topic term matched: ``word, count``.

    Shows what the dictionary leaves out; function words (``data/wordlists/stopwords.txt``) are
    skipped.
    """
    t = analysis.tokens
    t = t[(t["role"] == "answer") & t["is_word"] & (t["topics"] == "")]
    stop = stopwords()
    counts = Counter(
        w for w in t["text"].str.lower().str.replace("\u2019", "'", regex=False)
        if w not in stop and not w.isdigit() and len(w) > 2
    )
    return pd.DataFrame(counts.most_common(top), columns=["word", "count"])


def example_scores(sentences: list[str]) -> pd.DataFrame:
    """Score hand-picked example sentences (``text, sentiment``), for worked examples."""
    scored = sentiment.score_sentences([text.Sentence(s, 0, len(s)) for s in sentences])
    return scored[["text", "sentiment"]]

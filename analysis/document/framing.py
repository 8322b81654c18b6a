"""How a question frames its topic: its tone beside its answer's, its sentiment words and its markers.

Read from the frames of an :class:`~analysis.result.Analysis` (nothing is re-measured): the pair's
``question_sentiment`` and ``sentiment``, the question's rows of ``contributions`` (strongest first)
and of ``markers`` (each cue once, in order, lower-cased).
"""

from __future__ import annotations

from typing import NamedTuple

from analysis.result import Analysis


class Framing(NamedTuple):
    question_sentiment: float  # mean compound of the question's sentences (NaN without a question)
    answer_sentiment: float  # mean compound of the answer's sentences
    words: list[tuple[str, float]]  # the question's sentiment words and their valence, strongest first
    cues: list[str]  # the question's discourse-marker cues, each once, lower-cased, in order


def measure(analysis: Analysis, pair: int) -> Framing:
    """The framing of pair ``pair``'s question.

    >>> from analysis.transcripts import parse_text
    >>> from analysis.pipeline.run import analyze
    >>> f = measure(analyze(parse_text("Q: Why has this terrible plan failed so badly?\\n\\nA: No.")), 1)
    >>> [w for w, _ in f.words], f.question_sentiment
    (['badly', 'terrible', 'failed'], -0.8983)
    """
    question = analysis.unit(pair, "question")
    c = question.contributions.sort_values("valence", key=abs, ascending=False, kind="stable")
    return Framing(
        question_sentiment=float(question.row["question_sentiment"]),
        answer_sentiment=float(question.row["sentiment"]),
        words=[(str(w), float(v)) for w, v in zip(c["token"], c["valence"])],
        cues=list(dict.fromkeys(str(t).lower() for t in question.markers["text"])),
    )

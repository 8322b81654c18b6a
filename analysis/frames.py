"""A document in, tidy frames out: one row per answer, per sentence, per token, per word that scored.

Every measure reads the same sentences and tokens (:mod:`analysis.text`), so word counts, sentence
numbers and character spans agree across frames. Questions are measured like answers (``role``
column) so that a question's tone can be set beside its answer's.

Frames (column names are the public contract):

- ``answers``: ``document, pair, speaker, question, answer, n_words, n_sentences, sentiment,
  sentiment_min, sentiment_max, sentiment_std, share_positive, share_neutral, share_negative,
  coverage, topic_<slug>`` (rate per 1,000 words), then ``kind, asked_by, topic_<slug>_count,
  question_sentiment, question_n_words``. ``sentiment`` is the mean of the answer's sentence
  compounds (never VADER over the whole answer), ``sentiment_std`` the population standard
  deviation, the shares use VADER's +/-0.05 thresholds, ``coverage`` is the share of words matched
  by any topic. The opening segment of a press briefing is a row with ``kind == "opening"``.
- ``sentences``: ``document, pair, sentence, text, sentiment, pos, neu, neg, topic_<slug>``, then
  ``role`` (question or answer), ``start, end`` (character span in the pair's ``answer`` or
  ``question``), ``n_words, coverage, topic_<slug>_count``.
- ``tokens``: ``document, pair, role, sentence, token, text, start, end, is_word, valence, topics``.
- ``contributions``: the sentiment words (see :func:`analysis.sentiment.contributions`) with
  ``document, pair, role`` and spans into the unit's text.
- ``terms``: the topic matches (see :func:`analysis.topics.measure`) with ``document, pair, role,
  sentence`` and spans into the unit's text.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from . import sentiment, text, topics
from .transcripts.model import Document

Detail = Literal["full", "summary"]
UNIT_KEYS = ["document", "pair", "role"]
# The contract comes first in each frame; topic columns follow; extras after them.
ANSWER_COLUMNS = [
    "document", "pair", "speaker", "question", "answer", "n_words", "n_sentences",
    "sentiment", "sentiment_min", "sentiment_max", "sentiment_std",
    "share_positive", "share_neutral", "share_negative", "coverage",
]
SENTENCE_COLUMNS = ["document", "pair", "sentence", "text", "sentiment", "pos", "neu", "neg"]


@dataclass(frozen=True)
class Analysis:
    answers: pd.DataFrame
    sentences: pd.DataFrame
    tokens: pd.DataFrame
    contributions: pd.DataFrame
    terms: pd.DataFrame
    settings: dict = field(default_factory=dict)


@dataclass
class _Unit:
    pair: int
    role: str
    text: str
    sentences: list[text.Sentence]
    tokens: list[list[text.Token]]  # per sentence


def _units(doc: Document) -> list[_Unit]:
    units = []
    for p in doc.pairs:
        for role, body in (("question", p.question), ("answer", p.answer)):
            if body is None:
                continue
            sents = text.split_sentences(body)
            toks = text.tokenize(body)
            starts = [s.start for s in sents]
            grouped: list[list[text.Token]] = [[] for _ in sents]
            for t in toks:
                i = max(bisect.bisect_right(starts, t.start) - 1, 0)
                grouped[i].append(t)
            units.append(_Unit(p.pair, role, body, sents, grouped))
    return units


def settings(dictionary: topics.Dictionary) -> dict:
    """What a result depends on: lexicon and dictionary versions and hashes, thresholds, aggregate."""
    lex = sentiment.lexicon()
    return {
        "sentiment_lexicon": lex.source,
        "sentiment_lexicon_sha256": lex.sha256,
        "sentiment_aggregate": f"{sentiment.AGGREGATE} of sentence compounds",
        "sentiment_thresholds": [sentiment.NEGATIVE_THRESHOLD, sentiment.POSITIVE_THRESHOLD],
        "dictionary": dictionary.name,
        "dictionary_version": dictionary.version,
        "dictionary_sha256": dictionary.sha256,
    }


def analyze(
    doc: Document,
    *,
    document: str = "document",
    dictionary: topics.Dictionary | None = None,
    detail: Detail = "full",
) -> Analysis:
    """Measure every question and answer of ``doc``, sentence by sentence.

    ``document`` names the document in the ``document`` column. ``detail="summary"`` skips the
    token, contribution and term frames (returned empty), which a batch over a corpus does not need.

    >>> from analysis.transcripts import load, DEFAULT_DOCUMENT
    >>> a = analyze(load(DEFAULT_DOCUMENT))
    >>> len(a.answers), round(float(a.answers.loc[0, "sentiment"]), 2)
    (9, 0.27)
    """
    dictionary = dictionary or topics.load_dictionary()
    units = _units(doc)
    flat_sentences = [s for u in units for s in u.sentences]
    flat_tokens = [ts for u in units for ts in u.tokens]
    explain = detail == "full"
    scores, contrib = sentiment.analyse(flat_sentences, explain=explain)
    measured = topics.measure(flat_tokens, dictionary)

    unit_index = [(u.pair, u.role, i + 1) for u in units for i in range(len(u.sentences))]
    sent_meta = pd.DataFrame(unit_index, columns=["pair", "role", "sentence"])
    sent_meta.insert(0, "document", document)
    topic_cols = [c for c in measured.units.columns if c.startswith(topics.COLUMN_PREFIX)]
    rate_cols = [c for c in topic_cols if not c.endswith(topics.COUNT_SUFFIX)]
    count_cols = [c for c in topic_cols if c.endswith(topics.COUNT_SUFFIX)]
    sentences = pd.concat(
        [
            sent_meta[["document", "pair", "sentence"]],
            scores[["text", "sentiment", "pos", "neu", "neg"]],
            measured.units[rate_cols],
            sent_meta[["role"]],
            scores[["start", "end"]],
            measured.units[["n_words"]],
            measured.units[[topics.COVERAGE_COLUMN]].rename(columns={topics.COVERAGE_COLUMN: "coverage"}),
            measured.units[count_cols],
        ],
        axis=1,
    )
    answers = _answer_rows(doc, document, sentences, topic_cols)
    if explain:
        tokens, contributions, terms = _details(units, document, sent_meta, contrib, measured.terms)
    else:
        tokens = pd.DataFrame(
            columns=UNIT_KEYS + ["sentence", "token", "text", "start", "end", "is_word", "valence", "topics"]
        )
        contributions = contrib
        terms = measured.terms
    return Analysis(answers, sentences, tokens, contributions, terms, settings(dictionary))


def _answer_rows(doc: Document, document: str, sentences: pd.DataFrame, topic_cols: list[str]) -> pd.DataFrame:
    count_cols = [c for c in topic_cols if c.endswith(topics.COUNT_SUFFIX)]
    rate_cols = [c for c in topic_cols if not c.endswith(topics.COUNT_SUFFIX)]
    base = pd.DataFrame(
        {
            "document": document,
            "pair": [p.pair for p in doc.pairs],
            "kind": [p.kind for p in doc.pairs],
            "speaker": ["; ".join(p.answered_by) for p in doc.pairs],
            "asked_by": [p.asked_by for p in doc.pairs],
            "question": [p.question for p in doc.pairs],
            "answer": [p.answer for p in doc.pairs],
        }
    )
    ans = sentences[sentences["role"] == "answer"]
    agg = sentiment.aggregate_by(ans, "pair")
    covered = (ans["coverage"] * ans["n_words"]).groupby(ans["pair"]).sum()
    sums = ans.groupby("pair")[["n_words"] + count_cols].sum()
    out = base.merge(sums, left_on="pair", right_index=True, how="left")
    out = out.merge(agg, left_on="pair", right_index=True, how="left")
    out["n_words"] = out["n_words"].fillna(0).astype("int64")
    out["n_sentences"] = out["n_sentences"].fillna(0).astype("int64")
    n = out["n_words"].where(out["n_words"] > 0)
    out["coverage"] = (out["pair"].map(covered) / n).fillna(0.0)
    for rate, count in zip(rate_cols, count_cols):
        out[count] = out[count].fillna(0).astype("int64")
        out[rate] = (out[count] * topics.RATE_PER_WORDS / n).fillna(0.0)
    q = sentences[sentences["role"] == "question"]
    q_agg = sentiment.aggregate_by(q, "pair")
    out["question_sentiment"] = out["pair"].map(q_agg["sentiment"])
    out["question_n_words"] = out["pair"].map(q.groupby("pair")["n_words"].sum()).fillna(0).astype("int64")
    return out[ANSWER_COLUMNS + rate_cols + ["kind", "asked_by"] + count_cols + ["question_sentiment", "question_n_words"]]


def _details(
    units: list[_Unit], document: str, sent_meta: pd.DataFrame, contrib: pd.DataFrame, terms: pd.DataFrame
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    # Sentence-frame row number -> (pair, role, sentence); contributions and terms carry it.
    contributions = contrib.copy()
    row = contributions["sentence"] - 1
    contributions.insert(0, "document", document)
    contributions.insert(1, "pair", sent_meta["pair"].to_numpy()[row] if len(row) else [])
    contributions.insert(2, "role", sent_meta["role"].to_numpy()[row] if len(row) else [])
    contributions["sentence"] = sent_meta["sentence"].to_numpy()[row] if len(row) else []
    terms = terms.copy()
    urow = terms["unit"]
    terms.insert(0, "document", document)
    terms.insert(1, "pair", sent_meta["pair"].to_numpy()[urow] if len(urow) else [])
    terms.insert(2, "role", sent_meta["role"].to_numpy()[urow] if len(urow) else [])
    terms.insert(3, "sentence", sent_meta["sentence"].to_numpy()[urow] if len(urow) else [])
    terms = terms.drop(columns=["unit", "token", "token_end"])

    valence = {(p, r, s): v for p, r, s, v in contributions[["pair", "role", "start", "valence"]].itertuples(index=False)}
    spans: dict[tuple, list[tuple[int, int, str]]] = {}
    for p, r, s, e, topic in terms[["pair", "role", "start", "end", "topic"]].itertuples(index=False):
        spans.setdefault((p, r), []).append((s, e, topic))
    rows = []
    for u in units:
        flat = [t for toks in u.tokens for t in toks]
        starts = [t.start for t in flat]
        topic_of: dict[int, list[str]] = {}
        for s, e, topic in spans.get((u.pair, u.role), ()):
            # Every token of a matched phrase carries its topic, not only the first.
            for i in range(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)):
                topic_of.setdefault(i, []).append(topic)
        n = 0
        for si, toks in enumerate(u.tokens, start=1):
            for t in toks:
                rows.append(
                    (document, u.pair, u.role, si, n + 1, t.text, t.start, t.end, t.is_word,
                     valence.get((u.pair, u.role, t.start), float("nan")), ",".join(topic_of.get(n, ())))
                )
                n += 1
    tokens = pd.DataFrame(
        rows, columns=UNIT_KEYS + ["sentence", "token", "text", "start", "end", "is_word", "valence", "topics"]
    )
    return tokens, contributions, terms

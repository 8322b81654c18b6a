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
- ``contributions``: the sentiment words (see :func:`analysis.sentence.sentiment.contributions`) with
  ``document, pair, role`` and spans into the unit's text.
- ``terms``: the topic matches (see :func:`analysis.sentence.topics.measure`) with ``document, pair, role,
  sentence`` and spans into the unit's text.
- ``markers``: the discourse-marker matches (see :mod:`analysis.sentence.markers`) with ``document, pair, role,
  sentence, family, entry, kind, start, end, text``. The answers and sentences frames carry
  ``marker_<slug>`` (per 1,000 words) after the topic rates and ``marker_<slug>_count`` at the end.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis import datafiles, text
from analysis.result import ANSWER_COLUMNS, MARKER_COLUMNS, UNIT_KEYS, Analysis
from analysis.sentence import markers as markers_mod
from analysis.sentence import sentiment, topics
from analysis.sentence.detail import Detail
from analysis.transcripts.model import Document


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
            grouped = text.tokenize_sentences(body, sents)
            units.append(_Unit(p.pair, role, body, sents, grouped))
    return units


def settings(dictionary: topics.Dictionary, markers: markers_mod.Markers | None = None) -> dict:
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
        **({"dictionary_file": datafiles.recorded(dictionary.path)} if dictionary.path is not None else {}),
        **(markers_mod.settings(markers) if markers is not None else {}),
    }


def document_name(doc: Document) -> str:
    """What the ``document`` column says when no name is given: the file name the document was read
    from, else its title, else ``"document"``.

    >>> from analysis.transcripts import load, parse_text, DEFAULT_DOCUMENT
    >>> document_name(load(DEFAULT_DOCUMENT))
    'bezrukov-soft-power-picreadi-2018.txt'
    >>> document_name(parse_text("Q: Why?\\n\\nA: Because."))
    'document'
    """
    return doc.name or doc.title or "document"


def analyze(
    doc: Document,
    *,
    document: str | None = None,
    dictionary: topics.Dictionary | None = None,
    markers: markers_mod.Markers | None = None,
    detail: Detail = "full",
) -> Analysis:
    """Measure every question and answer of ``doc``, sentence by sentence.

    ``document`` names the document in the ``document`` column (default: :func:`document_name`, the
    file name the document was read from). ``detail="summary"`` skips the
    token, contribution and term frames (returned empty), which a batch over a corpus does not need.

    >>> from analysis.transcripts import load, DEFAULT_DOCUMENT
    >>> a = analyze(load(DEFAULT_DOCUMENT))
    >>> len(a.answers), round(float(a.answers.loc[0, "sentiment"]), 2)
    (9, 0.27)
    """
    document = document_name(doc) if document is None else document
    dictionary = dictionary or topics.load_dictionary()
    markers = markers or _default_markers()
    m = _measure(doc, document, dictionary, markers, detail)
    sentences = pd.DataFrame(m.sentence_columns)
    answers = pd.DataFrame(m.answer_columns)
    if detail == "full":
        sent_meta = pd.DataFrame({"pair": m.sentence_columns["pair"], "role": m.sentence_columns["role"],
                                  "sentence": m.sentence_columns["sentence"]})
        tokens, contributions, terms = _details(m.units, document, sent_meta, m.contributions, m.terms)
        marker_matches = _located(m.marker_matches, document, sent_meta)
    else:
        # Empty frames made once and copied (each costs about half a millisecond to make).
        tokens, marker_matches = (f.copy() for f in _empty_details())
        contributions = m.contributions
        terms = m.terms  # empty, as documented
    return Analysis(answers, sentences, tokens, contributions, terms, settings(dictionary, markers), marker_matches)


def summary_columns(
    doc: Document,
    *,
    document: str | None = None,
    dictionary: topics.Dictionary | None = None,
    markers: markers_mod.Markers | None = None,
) -> tuple[dict, dict]:
    """The answers and sentences of ``analyze(doc, detail="summary")`` as columns (name -> NumPy array,
    list or Arrow string array, in the frames' order), before they become pandas frames.

    For writers that do not need pandas: a batch turns them into Arrow directly
    (:func:`analysis.store.library.encode_columns`), which saves about 8 ms per document (building two frames
    of 60 columns and reading them back column by column). ``pd.DataFrame(columns)`` is the frame.
    """
    document = document_name(doc) if document is None else document
    m = _measure(doc, document, dictionary or topics.load_dictionary(), markers or _default_markers(), "summary")
    return m.answer_columns, m.sentence_columns


@dataclass
class _Measured:
    units: list[_Unit]
    sentence_columns: dict
    answer_columns: dict
    contributions: pd.DataFrame
    terms: pd.DataFrame
    marker_matches: pd.DataFrame


def _measure(
    doc: Document, document: str, dictionary: topics.Dictionary, markers: markers_mod.Markers, detail: Detail
) -> _Measured:
    units = _units(doc)
    flat_sentences = [s for u in units for s in u.sentences]
    flat_tokens = [ts for u in units for ts in u.tokens]
    scores, contrib = sentiment.analyse(flat_sentences, detail=detail)
    prepared = topics.prepare(flat_tokens)  # words made ready once, for the topic and the marker pass
    measured = topics.measure(prepared, dictionary, detail=detail)
    role_flat = [u.role for u in units for _ in u.sentences]
    marked = markers_mod.measure(flat_sentences, prepared, role_flat, markers, detail=detail)

    # Sentences are in unit order, so each unit's sentences are one contiguous run of rows.
    pair_col = [u.pair for u in units for _ in u.sentences]
    number_col = [i for u in units for i in range(1, len(u.sentences) + 1)]
    m = measured.units
    topic_cols = [c for c in m.columns if c.startswith(topics.COLUMN_PREFIX)]
    rate_cols = [c for c in topic_cols if not c.endswith(topics.COUNT_SUFFIX)]
    count_cols = [c for c in topic_cols if c.endswith(topics.COUNT_SUFFIX)]
    marker_rates = markers_mod.rates(marked.counts, m["n_words"].to_numpy())
    marker_rate_cols = [f.column for f in markers.families]
    marker_count_cols = [f.count_column for f in markers.families]
    columns = {
        "document": [document] * len(pair_col),
        "pair": pair_col,
        "sentence": number_col,
        "text": scores["text"].array,  # the Arrow strings as they are (to_numpy would make Python objects)
        **{c: scores[c].to_numpy() for c in ("sentiment", "pos", "neu", "neg")},
        **{c: m[c].to_numpy() for c in rate_cols},
        **{c: marker_rates[:, i] for i, c in enumerate(marker_rate_cols)},
        "role": role_flat,
        "start": scores["start"].to_numpy(),
        "end": scores["end"].to_numpy(),
        "n_words": m["n_words"].to_numpy(),
        "coverage": m[topics.COVERAGE_COLUMN].to_numpy(),
        **{c: m[c].to_numpy() for c in count_cols},
        **{c: marked.counts[:, i] for i, c in enumerate(marker_count_cols)},
    }
    answers = _answer_columns(
        doc, document, units, scores["sentiment"].to_numpy(), m["n_words"].to_numpy(), measured.covered,
        np.hstack([measured.counts, marked.counts]), rate_cols + marker_rate_cols, count_cols + marker_count_cols,
    )
    return _Measured(units, columns, answers, contrib, measured.terms, marked.matches)


@functools.lru_cache(maxsize=1)
def _empty_details() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The empty token and marker-match frames of ``detail="summary"``."""
    return (
        pd.DataFrame(columns=UNIT_KEYS + ["sentence", "token", "text", "start", "end", "is_word", "valence", "topics"]),
        pd.DataFrame(columns=MARKER_COLUMNS),
    )


@functools.lru_cache(maxsize=1)
def _default_markers() -> markers_mod.Markers:
    return markers_mod.load_markers()


def _located(matches: pd.DataFrame, document: str, sent_meta: pd.DataFrame) -> pd.DataFrame:
    """Marker matches with the document, pair, role and sentence number of their sentence."""
    row = matches["unit"].to_numpy()
    out = matches.drop(columns=["unit"])
    for i, col in enumerate(["pair", "role", "sentence"]):
        out.insert(i, col, sent_meta[col].to_numpy()[row] if len(row) else [])
    out.insert(0, "document", document)
    return out[MARKER_COLUMNS]


def _answer_columns(
    doc: Document,
    document: str,
    units: list[_Unit],
    compound: np.ndarray,
    n_words_s: np.ndarray,
    covered_s: np.ndarray,
    counts_s: np.ndarray,
    rate_cols: list[str],
    count_cols: list[str],
) -> dict:
    """The answers frame's columns, in order: one row per pair, from the runs of its answer's and its
    question's sentences; per sentence its
    compound, words, words covered by a topic and counts (``count_cols`` order). NumPy, not pandas
    group-bys: this runs once per document, thousands of times in a corpus batch."""
    runs: dict[tuple[int, str], tuple[int, int]] = {}
    row = 0
    for u in units:
        runs[(u.pair, u.role)] = (row, row + len(u.sentences))
        row += len(u.sentences)
    answer_runs = [runs.get((p.pair, "answer"), (0, 0)) for p in doc.pairs]
    question_runs = [runs.get((p.pair, "question"), (0, 0)) for p in doc.pairs]
    agg = sentiment.aggregate_runs(compound, answer_runs)
    q_agg = sentiment.aggregate_runs(compound, question_runs)
    n_words = _run_sums(n_words_s, answer_runs)
    covered = _run_sums(covered_s, answer_runs)
    counts = _run_sums(counts_s, answer_runs).reshape(len(answer_runs), len(count_cols))
    with np.errstate(divide="ignore", invalid="ignore"):
        per = np.where(n_words > 0, 1.0 / np.maximum(n_words, 1), 0.0)
    out = {
        "document": [document] * len(doc.pairs),
        "pair": [p.pair for p in doc.pairs],
        "speaker": ["; ".join(p.answered_by) for p in doc.pairs],
        "question": [p.question for p in doc.pairs],
        "answer": [p.answer for p in doc.pairs],
        "n_words": n_words,
        "n_sentences": np.array(agg["n_sentences"], dtype="int64"),
        **{c: np.array(agg[c], dtype="float64") for c in sentiment.AGGREGATE_COLUMNS[:-1]},
        "coverage": covered * per,
        **{rate: counts[:, i] * topics.RATE_PER_WORDS * per for i, rate in enumerate(rate_cols)},
        "kind": [p.kind for p in doc.pairs],
        "asked_by": [p.asked_by for p in doc.pairs],
        **{count: counts[:, i] for i, count in enumerate(count_cols)},
        "question_sentiment": np.array(q_agg["sentiment"], dtype="float64"),
        "question_n_words": _run_sums(n_words_s, question_runs),
    }
    order = ANSWER_COLUMNS + rate_cols + ["kind", "asked_by"] + count_cols + ["question_sentiment", "question_n_words"]
    return {c: out[c] for c in order}


def _run_sums(values: np.ndarray, runs: list[tuple[int, int]]) -> np.ndarray:
    """Integer sums of ``values`` (1-D, or rows of a 2-D array) over each ``(start, end)`` run, by
    differences of a running total (exact for integers); an empty run sums to 0."""
    values = np.asarray(values, dtype="int64")
    total = np.concatenate([np.zeros((1, *values.shape[1:]), dtype="int64"), np.cumsum(values, axis=0)])
    starts = np.array([a for a, _ in runs], dtype="int64")
    ends = np.array([b for _, b in runs], dtype="int64")
    return total[ends] - total[starts]


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
    # Column-wise construction: one pass per column over all tokens (this frame is the largest).
    flat = [(u, si, t) for u in units for si, toks in enumerate(u.tokens, start=1) for t in toks]
    numbers = [n for u in units for n in range(1, sum(len(toks) for toks in u.tokens) + 1)]
    topics_col = [""] * len(flat)
    base = 0
    for u in units:
        unit_tokens = [t for toks in u.tokens for t in toks]
        starts = [t.start for t in unit_tokens]
        found: dict[int, list[str]] = {}
        for s, e, topic in spans.get((u.pair, u.role), ()):
            # Every token of a matched phrase carries its topic, not only the first.
            for i in range(bisect.bisect_left(starts, s), bisect.bisect_left(starts, e)):
                found.setdefault(i, []).append(topic)
        for i, names in found.items():
            topics_col[base + i] = ",".join(names)
        base += len(unit_tokens)
    nan = float("nan")
    tokens = pd.DataFrame(
        {
            "document": [document] * len(flat),
            "pair": [u.pair for u, _, _ in flat],
            "role": [u.role for u, _, _ in flat],
            "sentence": [si for _, si, _ in flat],
            "token": numbers,
            "text": [t.text for _, _, t in flat],
            "start": [t.start for _, _, t in flat],
            "end": [t.end for _, _, t in flat],
            "is_word": [t.is_word for _, _, t in flat],
            "valence": [valence.get((u.pair, u.role, t.start), nan) for u, _, t in flat],
            "topics": topics_col,
        }
    )
    return tokens, contributions, terms

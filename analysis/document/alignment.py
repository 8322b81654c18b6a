r"""Question-answer alignment: how much of its question's vocabulary an answer takes up.

Method
------
Every question and every answer of one document is a unit. A unit's terms (:func:`terms`) are its
word tokens from the project's tokenizer (:func:`analysis.text.tokenize`, lower-cased, typographic
apostrophes made straight), without the project's stop words (``data/wordlists/stopwords.txt``, read by
:func:`analysis.datafiles.stopwords`) and without contractions (``doesn't``, ``we've``), with a
possessive ``'s`` removed ("Russia's" is "russia"), reduced by NLTK's Porter stemmer ("sanctions" and
"sanction" are both ``sanction``). scikit-learn's ``TfidfVectorizer`` with :func:`terms` as its
analyzer is fitted on the units of this one document, so a word used in every answer (here "Russia")
weighs little and a word only one question and its answer use weighs much. The alignment of a pair is
the cosine of the TF-IDF vectors of its question and its answer; all weights are non-negative, so it
lies in [0, 1]: 0 when the answer uses none of the question's content words, 1 when both use the same
words in the same proportions.

Frames (:class:`Alignment`, column names are the public contract):

- ``answers``: ``document, pair, alignment, alignment_others, shared_terms, premise_challenge``, then
  ``n_question_terms, n_answer_terms`` (distinct stems). ``alignment_others`` is the mean cosine of
  the same answer with every *other* question of the document, a baseline: a long answer shares
  some words with any question, so an alignment is telling only as far as it stands above that
  baseline. ``shared_terms`` lists the shared words that add most to the cosine (at most
  :data:`SHARED_TERMS_TOP`, largest first, spelt as the question spells them, e.g.
  ``"image, companies"``). ``premise_challenge`` says whether the answer has a row in ``premises``.
- ``sentences``: ``document, pair, sentence, alignment, shared_terms``: the cosine of the question with
  each answer sentence on its own (weights from the same fit). ``sentence`` numbers are those of the
  analysis' ``sentences`` frame (``role == "answer"``).
- ``premises``: ``document, pair, sentence, start, end, text, pattern``: explicit challenges to the
  question's premise ("I have a problem with the premise of the question", "that is a false choice"),
  found by the regular expressions of ``data/alignment/premise_challenges.txt``. ``start, end`` are
  character offsets into the pair's ``answer`` (like the ``sentences`` frame's spans), ``text`` is
  ``answer[start:end]``, ``pattern`` the expression as written in the file.

Edge cases
----------
- A pair is *measured* when it is a question-answer pair (``kind == "qa"``) whose question and answer
  are both non-blank. Every other pair (the opening segment of a briefing, a question left
  unanswered) keeps its row with ``alignment`` and ``alignment_others`` NaN, ``shared_terms`` ``""``
  and ``premise_challenge`` False; its answer sentences keep their rows with NaN.
- A measured question or answer with no content words ("Why?", "Yes, it is.") has a zero vector and
  gets alignment 0.0, not NaN: the answer is there and shares no content word with the question.
  ``n_question_terms == 0`` tells such a 0 from an answer that ignores a question with content.
- ``alignment_others`` is NaN when the document has no other question with text.

Limits
------
- A bag of words: synonyms and paraphrase are missed ("sanctions" and "restrictive measures" share
  nothing), word order and negation are ignored ("not X" counts as X), and a word shared by chance
  counts like a word taken up on purpose.
- A short question has few terms, so one shared word moves its alignment a lot.
- Long answers share words with any question: compare ``alignment`` with ``alignment_others``.
- The IDF comes from one document; the same pair can score differently in another document.
- Porter stemming joins some words that differ in meaning ("general"/"generate" both ``gener``) and
  misses some that belong together ("Russia"/"Russian").
- The premise patterns find explicit, stock phrasings only; a challenge in other words, or an answer
  that simply talks about something else, is not flagged (the alignment shows the latter).

>>> terms("Has their role changed since sanctions were imposed against Russia's economy?")
['role', 'chang', 'sinc', 'sanction', 'impos', 'russia', 'economi']
>>> sorted(set(terms("The sanction hurt."))), terms("It is what it is.")
(['hurt', 'sanction'], [])
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pandas as pd

from analysis import datafiles, text
from analysis.errors import DiscourseError
from nltk.stem.porter import PorterStemmer  # after analysis.text, which imports NLTK the light way

if TYPE_CHECKING:
    from analysis.result import Analysis

__all__ = [
    "ANSWER_COLUMNS", "NORM", "PREMISE_COLUMNS", "PREMISE_PATTERNS_FILE", "SENTENCE_COLUMNS",
    "SHARED_TERMS_TOP", "SMOOTH_IDF", "SUBLINEAR_TF",
    "Alignment", "PremiseMatch", "PremisePattern",
    "load_premise_patterns", "measure", "premise_challenges", "terms",
]

PREMISE_PATTERNS_FILE = datafiles.PREMISE_CHALLENGES

# Term frequency as 1 + ln(tf) (scikit-learn's sublinear_tf; Manning, Raghavan & Schütze 2008,
# "Introduction to Information Retrieval", section 6.4.1): a word said ten times in a long answer
# does not weigh ten times a word said once, so a rambling answer is not scored by its refrains.
SUBLINEAR_TF = True
# IDF as ln((1 + n) / (1 + df)) + 1, scikit-learn's default (smooth_idf=True): as if one more unit
# held every term once; no division by zero, and a term in every unit keeps weight 1 (not 0), so
# an answer that only repeats the document's main subject still shares something with its question.
SMOOTH_IDF = True
# Vectors scaled to unit length (scikit-learn's default), so a dot product is a cosine.
NORM = "l2"
# How many shared words ``shared_terms`` lists: a readable handful, the ones adding most to the cosine.
SHARED_TERMS_TOP = 5
SHARED_TERMS_SEPARATOR = ", "
# Contractions of a pronoun or auxiliary are function words ("doesn't", "we've", "they'll", "I'd");
# the stop word list spells out only a few of them.
CONTRACTION_SUFFIXES = ("n't", "'re", "'ve", "'ll", "'d", "'m")
POSSESSIVE_SUFFIX = "'s"

ANSWER_COLUMNS = [
    "document", "pair", "alignment", "alignment_others", "shared_terms", "premise_challenge",
    "n_question_terms", "n_answer_terms",
]
SENTENCE_COLUMNS = ["document", "pair", "sentence", "alignment", "shared_terms"]
PREMISE_COLUMNS = ["document", "pair", "sentence", "start", "end", "text", "pattern"]


class Alignment(NamedTuple):
    """The three frames of :func:`measure` (see the module docstring for their columns)."""

    answers: pd.DataFrame
    sentences: pd.DataFrame
    premises: pd.DataFrame


class PremisePattern(NamedTuple):
    pattern: str  # as written in the file
    regex: re.Pattern[str]
    line: int  # in the file, from 1


class PremiseMatch(NamedTuple):
    start: int
    end: int
    text: str
    pattern: str


# --- terms -------------------------------------------------------------------------------------


_STEMMER = PorterStemmer()  # NLTK_EXTENSIONS mode; needs no downloaded data


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    return _STEMMER.stem(word)


def _content_words(body: str) -> list[str]:
    """The content words of ``body``: lower case, straight apostrophes, possessive removed."""
    stop = datafiles.stopwords()
    out = []
    for t in text.tokenize(body):
        if not t.is_word:
            continue
        w = t.lower.replace("\u2019", "'")
        if w in stop or w.endswith(CONTRACTION_SUFFIXES):
            continue
        if w.endswith(POSSESSIVE_SUFFIX) and len(w) > len(POSSESSIVE_SUFFIX):
            w = w[: -len(POSSESSIVE_SUFFIX)]
            if w in stop:  # "he's", "what's"
                continue
        out.append(w)
    return out


def terms(body: str) -> list[str]:
    """The terms of a text, in order: Porter stems of its content words (the vectorizer's analyzer).

    >>> terms("Sanctions, sanction: the companies' company")
    ['sanction', 'sanction', 'compani', 'compani']
    """
    return [_stem(w) for w in _content_words(body)]


def _surface(body: str) -> dict[str, str]:
    """Stem -> the first word of ``body`` that has that stem (lower case)."""
    out: dict[str, str] = {}
    for w in _content_words(body):
        out.setdefault(_stem(w), w)
    return out


# --- premise challenges ------------------------------------------------------------------------


@cache
def load_premise_patterns(path: Path = PREMISE_PATTERNS_FILE) -> tuple[PremisePattern, ...]:
    """Read the premise-challenge expressions: one regular expression a line, ``#`` lines are comments.

    Each is compiled case-insensitively; a line that is not a valid expression raises
    :class:`~analysis.errors.DiscourseError` naming the file and line.
    """
    patterns = []
    for number, source in datafiles.numbered_lines(path):
        try:
            patterns.append(PremisePattern(source, re.compile(source, re.IGNORECASE), number))
        except re.error as e:
            raise DiscourseError(f"{path}, line {number}: not a valid regular expression ({e}).") from e
    return tuple(patterns)


def premise_challenges(answer: str, patterns: Sequence[PremisePattern] | None = None) -> list[PremiseMatch]:
    """Explicit challenges to a question's premise in ``answer``, in reading order, with offsets.

    Overlapping matches are reduced to the one that starts first (then the longer, then the one
    listed first in the file).

    >>> [m.text for m in premise_challenges("Well, I have a problem with the premise. That’s not true.")]
    ['I have a problem with the premise', 'That’s not true']
    """
    patterns = load_premise_patterns() if patterns is None else patterns
    straight = answer.replace("\u2019", "'")  # same length: offsets stay offsets into ``answer``
    found = sorted(
        ((m.start(), -(m.end() - m.start()), p.line, m.end(), p.pattern)
         for p in patterns for m in p.regex.finditer(straight) if m.end() > m.start()),
    )
    out: list[PremiseMatch] = []
    for start, _, _, end, pattern in found:
        if out and start < out[-1].end:
            continue
        out.append(PremiseMatch(start, end, answer[start:end], pattern))
    return out


# --- measure -----------------------------------------------------------------------------------


def _blank(value: object) -> bool:
    return not isinstance(value, str) or not value.strip()


def _shared(q, other, names: np.ndarray, surface: dict[str, str]) -> str:
    """The shared terms of two weight vectors (sparse rows), largest contribution to their dot product first."""
    common, qi, oi = np.intersect1d(q.indices, other.indices, assume_unique=True, return_indices=True)
    contribution = q.data[qi] * other.data[oi]
    positive = contribution > 0
    if not positive.any():
        return ""
    words = [(-c, surface.get(names[i], names[i])) for i, c in zip(common[positive], contribution[positive])]
    words.sort()
    return SHARED_TERMS_SEPARATOR.join(w for _, w in words[:SHARED_TERMS_TOP])


def measure(analysis: Analysis) -> Alignment:
    """How much each answer of ``analysis`` takes up its question: three frames (module docstring).

    Reads the ``answers`` frame (question and answer texts, ``kind``) and the ``sentences`` frame
    (answer sentences and their numbers) of :func:`analysis.pipeline.run.analyze`; never re-parses.

    >>> from analysis.transcripts import load, DEFAULT_DOCUMENT
    >>> from analysis.pipeline.run import analyze
    >>> result = measure(analyze(load(DEFAULT_DOCUMENT), detail="summary"))
    >>> first = result.premises.iloc[0]
    >>> int(first["pair"]), int(first["sentence"]), first["text"]
    (7, 1, 'I have a problem with the premise of the question')
    """
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer  # about 1 s to import: only when used

    a = analysis.answers
    documents = a["document"].tolist()
    pairs = [int(p) for p in a["pair"]]
    kinds = a["kind"].tolist() if "kind" in a.columns else ["qa"] * len(a)
    questions = [q if k == "qa" and not _blank(q) else None for q, k in zip(a["question"], kinds)]
    answers = [x if not _blank(x) else None for x in a["answer"]]
    measured = [q is not None and x is not None for q, x in zip(questions, answers)]

    s = analysis.sentences
    s = s[s["role"] == "answer"]
    s_pairs = [int(p) for p in s["pair"]]
    s_numbers = [int(n) for n in s["sentence"]]
    s_texts = s["text"].tolist()

    # One fit per document: every non-blank question and answer is a unit.
    analyzer = lru_cache(maxsize=None)(terms)  # each text is analysed once, whatever asks for it
    units = [u for u in questions + answers if u is not None]
    if any(analyzer(u) for u in units):
        vectorizer = TfidfVectorizer(analyzer=analyzer, sublinear_tf=SUBLINEAR_TF, smooth_idf=SMOOTH_IDF, norm=NORM)
        vectorizer.fit(units)
        names = vectorizer.get_feature_names_out()

        # Sparse rows (CSR), never dense: a long document's vocabulary times its sentences is gigabytes.
        def vectors(texts: list[str]):
            if not texts:  # scikit-learn refuses to transform no samples
                return sparse.csr_matrix((0, len(names)))
            return sparse.csr_matrix(vectorizer.transform(texts))
    else:  # no content word anywhere (scikit-learn refuses an empty vocabulary): every vector is zero
        names = np.array([], dtype=object)

        def vectors(texts: list[str]):
            return sparse.csr_matrix((len(texts), 0))

    n = len(a)
    q_rows = [i for i, q in enumerate(questions) if q is not None]
    q_index = {row: k for k, row in enumerate(q_rows)}
    Q = vectors([questions[i] for i in q_rows])
    surfaces = {i: _surface(questions[i]) for i in q_rows}
    alignment = np.full(n, np.nan)
    others = np.full(n, np.nan)
    shared = [""] * n
    m_rows = [i for i in range(n) if measured[i]]
    A = vectors([answers[i] for i in m_rows])
    for j, i in enumerate(m_rows):
        vec = A[j]
        column = np.clip((Q @ vec.T).toarray().ravel(), 0.0, 1.0)  # this answer against every question
        k = q_index[i]
        alignment[i] = column[k]
        if len(q_rows) > 1:
            others[i] = (column.sum() - column[k]) / (len(q_rows) - 1)
        shared[i] = _shared(Q[k], vec, names, surfaces[i])

    row_of_pair = {p: i for i, p in enumerate(pairs)}
    s_alignment = np.full(len(s), np.nan)
    s_shared = [""] * len(s)
    keep = [k for k, p in enumerate(s_pairs) if p in row_of_pair and measured[row_of_pair[p]]]
    S = vectors([s_texts[k] for k in keep])
    for j, k in enumerate(keep):
        vec = S[j]
        i = row_of_pair[s_pairs[k]]
        q = Q[q_index[i]]
        s_alignment[k] = min(max(float((q @ vec.T).sum()), 0.0), 1.0)
        s_shared[k] = _shared(q, vec, names, surfaces[i])

    # Premise challenges: in the answers of question-answer pairs, located in the answer's sentences.
    spans: dict[int, tuple[list[int], list[int]]] = {}
    for p, number, start in zip(s_pairs, s_numbers, s["start"]):
        starts, numbers = spans.setdefault(p, ([], []))
        starts.append(int(start))
        numbers.append(number)
    premise_rows = []
    for i, (doc, pair) in enumerate(zip(documents, pairs)):
        if kinds[i] != "qa" or answers[i] is None:
            continue
        starts, numbers = spans.get(pair, ([], []))
        for m in premise_challenges(answers[i]):
            k = max(bisect.bisect_right(starts, m.start) - 1, 0)
            number = numbers[k] if numbers else 1
            premise_rows.append((doc, pair, number, m.start, m.end, m.text, m.pattern))
    premises = pd.DataFrame(premise_rows, columns=PREMISE_COLUMNS).astype(
        {"pair": "int64", "sentence": "int64", "start": "int64", "end": "int64"}
    )
    challenged = set(premises["pair"])

    answers_frame = pd.DataFrame(
        {
            "document": documents,
            "pair": np.array(pairs, dtype="int64"),
            "alignment": alignment,
            "alignment_others": others,
            "shared_terms": shared,
            "premise_challenge": np.array([p in challenged for p in pairs], dtype=bool),
            "n_question_terms": np.array([len(set(analyzer(q))) if q else 0 for q in questions], dtype="int64"),
            "n_answer_terms": np.array([len(set(analyzer(x))) if x else 0 for x in answers], dtype="int64"),
        },
        columns=ANSWER_COLUMNS,
    )
    sentences_frame = pd.DataFrame(
        {
            "document": s["document"].tolist(),
            "pair": np.array(s_pairs, dtype="int64"),
            "sentence": np.array(s_numbers, dtype="int64"),
            "alignment": s_alignment,
            "shared_terms": s_shared,
        },
        columns=SENTENCE_COLUMNS,
    )
    return Alignment(answers_frame, sentences_frame, premises)

"""Sentence sentiment with NLTK's VADER, answer aggregates, and the words behind every score.

VADER (Hutto & Gilbert, ICWSM 2014) scores a short text by adding up the valences of the lexicon words
in it, after rules for negation, boosters, "but", ALL-CAPS emphasis and punctuation, and squashing the
sum into [-1, 1] (the *compound*). On a long text the sum grows with its length and the compound
saturates near +/-1: answer 1 of the default interview scored whole gives +0.98, the mean of its
sentences +0.27. So this module scores **sentences** and describes an answer by the distribution of its
sentence scores (:func:`aggregate`), never by VADER run over the whole answer.

The analyzer is NLTK's :class:`~nltk.sentiment.vader.SentimentIntensityAnalyzer`, loaded once per
process and offline (:func:`load_analyzer`, :func:`lexicon`). Each sentence is scored by
:func:`analyse`, which re-implements ``SentimentIntensityAnalyzer.polarity_scores`` step for step
(NLTK 3.10.4, ``nltk/sentiment/vader.py``: ``SentiText`` word splitting, ``sentiment_valence`` with the
booster scalar, caps differential, ``_never_check``, ``_idioms_check`` and ``_least_check``, then
``_but_check``) while recording, for every lexicon word that fired, what each rule did to it; the final
scores come from NLTK's own ``score_valence`` on the same per-word valences. So one pass yields both the
scores (equal to ``polarity_scores``: tested) and their explanation, and the sum of the contributions'
final valences, with the punctuation emphasis, normalised as VADER does, is the compound.

Two quirks of ``polarity_scores`` are reproduced on purpose, so that the scores stay NLTK's: a word that
occurs twice in a sentence is scored both times in the context of its first occurrence, and the
"never so"/"but"/idiom checks compare case-sensitive words while the lexicon lookup is case-insensitive.
Contribution rows say when the first of these applied.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import math
import string
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from analysis import _nltk  # noqa: F401  (first: imports NLTK without scipy.stats, see there)
import nltk.data
import numpy as np
import pandas as pd
from nltk.sentiment.vader import SentimentIntensityAnalyzer, VaderConstants

from analysis.sentence.detail import Detail
from analysis.text import Sentence

__all__ = [
    "AGGREGATE",
    "AGGREGATE_COLUMNS",
    "NEGATIVE_THRESHOLD",
    "NEGATION_SCALAR",
    "POSITIVE_THRESHOLD",
    "SENTENCE_COLUMNS",
    "CONTRIBUTION_COLUMNS",
    "STD_DDOF",
    "Lexicon",
    "aggregate",
    "aggregate_by",
    "analyse",
    "compound_from_contributions",
    "contributions",
    "lexicon",
    "load_analyzer",
    "polarity",
    "score_sentences",
]

# The VADER authors' recommended cut-offs on the compound score: positive >= 0.05, negative <= -0.05,
# neutral in between (vaderSentiment README, "About the Scoring"; github.com/cjhutto/vaderSentiment).
POSITIVE_THRESHOLD = 0.05
NEGATIVE_THRESHOLD = -0.05
# An answer's sentiment is the arithmetic mean of its sentences' compound scores (unweighted: every
# sentence counts once, whatever its length).
AGGREGATE = "mean"
# What a negation word ("not", "never", ...) before a lexicon word multiplies its valence by: VADER's own
# constant, quoted by analysis.methods (never retyped).
NEGATION_SCALAR: float = VaderConstants.N_SCALAR
# Spread of the sentence scores: population standard deviation (ddof=0): the answer's sentences are
# the whole population being described, not a sample; a one-sentence answer has spread 0, not NaN.
STD_DDOF = 0

# NLTK's resource name for the lexicon (the one NLTK's downloader would fetch as "vader_lexicon").
NLTK_LEXICON_ZIP = "sentiment/vader_lexicon.zip"
NLTK_LEXICON_URL = "sentiment/vader_lexicon.zip/vader_lexicon/vader_lexicon.txt"
# The copy the vaderSentiment wheel ships (pinned in requirements.txt).
VADERSENTIMENT_PACKAGE = "vaderSentiment"
VADERSENTIMENT_LEXICON = "vader_lexicon.txt"

SENTENCE_COLUMNS = ["sentence", "text", "start", "end", "sentiment", "pos", "neu", "neg"]
CONTRIBUTION_COLUMNS = [
    "sentence",
    "token",
    "start",
    "end",
    "valence_lexicon",
    "valence",
    "negated",
    "booster",
    "but_weight",
    "caps",
    "rules",
]

Apostrophes = Literal["ascii", "keep"]
# "ascii": the typographic apostrophe is read as "'" before scoring, so "don’t" negates like "don't"
# (NLTK's negation list and the lexicon's contractions are spelt with "'"). One character for one, so
# every offset stays valid.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})

_PUNCT_CHARS = frozenset(string.punctuation)
_PUNCT = string.punctuation
_STRIP_PUNCT = str.maketrans("", "", string.punctuation)


@dataclass(frozen=True)
class Lexicon:
    """Which VADER lexicon was used: for the description of the method and for reproducibility."""

    source: Literal["nltk_data", "vaderSentiment"]
    path: str
    sha256: str
    n_entries: int


def _find_lexicon() -> tuple[Literal["nltk_data", "vaderSentiment"], str, str]:
    """(source, path for people, resource URL for ``nltk.data.load``) of the lexicon to use."""
    try:
        found = nltk.data.find(NLTK_LEXICON_ZIP)
    except LookupError:
        found = None
    if found is not None:
        return "nltk_data", f"{found}/vader_lexicon/vader_lexicon.txt", NLTK_LEXICON_URL
    spec = importlib.util.find_spec(VADERSENTIMENT_PACKAGE)
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    for folder in folders:
        path = Path(folder) / VADERSENTIMENT_LEXICON
        if path.is_file():
            # NLTK 3.10 opens only files under a folder of nltk.data.path (nltk.pathsec); appended, so
            # that an nltk_data folder keeps precedence for everything else.
            if str(path.parent) not in nltk.data.path:
                nltk.data.path.append(str(path.parent))
            return "vaderSentiment", str(path), path.as_uri()
    raise LookupError(
        "No VADER lexicon found: install the pinned requirements (python -m pip install -r "
        "requirements.txt, which ships vaderSentiment's vader_lexicon.txt) or put vader_lexicon.zip "
        "under nltk_data/sentiment/."
    )


@functools.lru_cache(maxsize=1)
def _load() -> tuple[SentimentIntensityAnalyzer, Lexicon]:
    source, path, url = _find_lexicon()
    raw = nltk.data.load(url, format="raw", cache=False)
    analyzer = SentimentIntensityAnalyzer(lexicon_file=url)
    info = Lexicon(source, path, hashlib.sha256(raw).hexdigest(), len(analyzer.lexicon))
    return analyzer, info


def load_analyzer() -> SentimentIntensityAnalyzer:
    """NLTK's VADER analyzer, built once per process from a local lexicon (no download)."""
    return _load()[0]


def lexicon() -> Lexicon:
    """Which lexicon file the analyzer read, its SHA-256 and its number of entries."""
    return _load()[1]


# What score_valence returns for a text whose words all score 0, and for a text with no word.
_NEUTRAL = {"neg": 0.0, "neu": 1.0, "pos": 0.0, "compound": 0.0}
_EMPTY = {"neg": 0.0, "neu": 0.0, "pos": 0.0, "compound": 0.0}


@functools.lru_cache(maxsize=1)
def _engine() -> _Vader:
    return _Vader(load_analyzer())


class _Vader:
    """``polarity_scores`` re-done with a record of what each rule did to each lexicon word."""

    def __init__(self, analyzer: SentimentIntensityAnalyzer) -> None:
        c = analyzer.constants
        self.analyzer = analyzer
        self.lex = analyzer.lexicon
        self.booster = c.BOOSTER_DICT
        self.negate = c.NEGATE
        self.idioms = c.SPECIAL_CASE_IDIOMS
        self.punc = frozenset(c.PUNC_LIST)
        self.n_scalar = c.N_SCALAR
        self.c_incr = c.C_INCR
        self.b_decr = c.B_DECR

    def words(self, text: str, explain: bool = True) -> tuple[list[str], list[int], list[int]]:
        """``SentiText._words_and_emoticons`` plus, per word, its chunk index and offset in the chunk
        (with ``explain``; else those two lists are empty).

        NLTK maps a chunk "p+w" or "w+p" (p in PUNC_LIST, w a punctuation-free word of 2+ characters)
        to w; since w is then the chunk with its punctuation removed, w is in NLTK's ``words_only`` set
        exactly when it has 2+ characters, which is what is tested here.
        """
        chunks = text.split()
        words: list[str] = []
        chunk_of: list[int] = []
        offset: list[int] = []
        punc = self.punc
        for k, we in enumerate(chunks):
            if len(we) < 2:
                continue
            off = 0
            if we[0] in _PUNCT_CHARS:
                core = we.lstrip(_PUNCT)
                lead = len(we) - len(core)
                if len(core) > 1 and we[:lead] in punc and core.translate(_STRIP_PUNCT) == core:
                    we, off = core, lead
            elif we[-1] in _PUNCT_CHARS:
                core = we.rstrip(_PUNCT)
                if len(core) > 1 and we[len(core) :] in punc and core.translate(_STRIP_PUNCT) == core:
                    we = core
            words.append(we)
            if explain:
                chunk_of.append(k)
                offset.append(off)
        return words, chunk_of, offset

    def negated(self, word: str) -> bool:
        """``VaderConstants.negated([word])``."""
        low = word.lower()
        return low in self.negate or "n't" in low

    def valence(
        self, i: int, words: list[str], lowers: list[str], cap_diff: bool, explain: bool
    ) -> tuple[float, bool, list[str], bool, list[str]]:
        """``sentiment_valence`` for the lexicon word at ``i``: (valence, negated, boosters, caps, rules)."""
        lex = self.lex
        item = words[i]
        v = lex[lowers[i]]
        negated = False
        boosters: list[str] = []
        rules: list[str] = []
        caps = cap_diff and item.isupper()
        if caps:
            v = v + self.c_incr if v > 0 else v - self.c_incr
            if explain:
                rules.append(f"ALL CAPS {'+' if v > 0 else '-'}{self.c_incr}")
        for start_i in (0, 1, 2):
            j = i - start_i - 1
            if j < 0:
                break
            if lowers[j] in lex:
                continue
            w = words[j]
            s = 0.0
            if lowers[j] in self.booster:
                s = self.booster[lowers[j]]
                if v < 0:
                    s *= -1
                if w.isupper() and cap_diff:
                    if v > 0:
                        s += self.c_incr
                    else:
                        s -= self.c_incr
            if start_i == 1 and s != 0:
                s = s * 0.95
            if start_i == 2 and s != 0:
                s = s * 0.9
            v = v + s
            if s != 0:
                boosters.append(w)
                if explain:
                    rules.append(f"booster '{w}' {s:+.4g}")
            # _never_check
            if start_i == 0:
                if self.negated(words[i - 1]):
                    v = v * self.n_scalar
                    negated = True
                    if explain:
                        rules.append(f"negation '{words[i - 1]}' x{self.n_scalar}")
            elif start_i == 1:
                if words[i - 2] == "never" and (words[i - 1] == "so" or words[i - 1] == "this"):
                    v = v * 1.5
                    if explain:
                        rules.append(f"'never {words[i - 1]}' x1.5")
                elif self.negated(words[i - 2]):
                    v = v * self.n_scalar
                    negated = True
                    if explain:
                        rules.append(f"negation '{words[i - 2]}' x{self.n_scalar}")
            else:
                if (words[i - 3] == "never" and (words[i - 2] == "so" or words[i - 2] == "this")) or (
                    words[i - 1] == "so" or words[i - 1] == "this"
                ):
                    v = v * 1.25
                    if explain:
                        rules.append("'never so/this' or 'so/this' before x1.25")
                elif self.negated(words[i - 3]):
                    v = v * self.n_scalar
                    negated = True
                    if explain:
                        rules.append(f"negation '{words[i - 3]}' x{self.n_scalar}")
                v = self._idioms(v, i, words, boosters, rules, explain)
        # _least_check
        if i > 1 and lowers[i - 1] not in lex and lowers[i - 1] == "least":
            if lowers[i - 2] != "at" and lowers[i - 2] != "very":
                v = v * self.n_scalar
                negated = True
                if explain:
                    rules.append(f"'least' x{self.n_scalar}")
        elif i > 0 and lowers[i - 1] not in lex and lowers[i - 1] == "least":
            v = v * self.n_scalar
            negated = True
            if explain:
                rules.append(f"'least' x{self.n_scalar}")
        return v, negated, boosters, caps, rules

    def _idioms(
        self, v: float, i: int, words: list[str], boosters: list[str], rules: list[str], explain: bool
    ) -> float:
        """``_idioms_check`` (only reached with i >= 3)."""
        idioms = self.idioms
        w0, w1, w2, w3 = words[i], words[i - 1], words[i - 2], words[i - 3]
        twoone = f"{w2} {w1}"
        threetwo = f"{w3} {w2}"
        for seq in (f"{w1} {w0}", f"{w2} {w1} {w0}", twoone, f"{w3} {w2} {w1}", threetwo):
            if seq in idioms:
                v = idioms[seq]
                if explain:
                    rules.append(f"idiom '{seq}' = {v}")
                break
        n = len(words)
        if n - 1 > i:
            seq = f"{w0} {words[i + 1]}"
            if seq in idioms:
                v = idioms[seq]
                if explain:
                    rules.append(f"idiom '{seq}' = {v}")
        if n - 1 > i + 1:
            seq = f"{w0} {words[i + 1]} {words[i + 2]}"
            if seq in idioms:
                v = idioms[seq]
                if explain:
                    rules.append(f"idiom '{seq}' = {v}")
        if threetwo in self.booster or twoone in self.booster:
            v = v + self.b_decr
            boosters.append(threetwo if threetwo in self.booster else twoone)
            if explain:
                rules.append(f"dampener '{boosters[-1]}' {self.b_decr:+}")
        return v

    def run(self, text: str, explain: bool) -> tuple[dict[str, float], list[tuple]]:
        """Scores as ``polarity_scores(text)`` and, if ``explain``, one record per fired word:
        (start, end, token, valence_lexicon, valence, negated, booster, but_weight, caps, rules)."""
        words, chunk_of, offset = self.words(text, explain)
        lowers = [w.lower() for w in words]
        n = len(words)
        if self.lex.keys().isdisjoint(lowers):
            # No lexicon word: every valence is 0, and score_valence gives these (NLTK 3.10.4: the
            # punctuation emphasis is added only to a non-zero sum). Most sentences of a briefing
            # take this way out; the equality with polarity_scores is tested on the corpus.
            return dict(_NEUTRAL if n else _EMPTY), []
        n_upper = sum(1 for w in words if w.isupper())
        cap_diff = 0 < n - n_upper < n
        lex = self.lex
        booster = self.booster
        sentiments: list[float] = []
        fired: list[tuple] = []
        for idx, low in enumerate(lowers):
            if low in booster or low not in lex:
                sentiments.append(0)
                continue
            item = words[idx]
            i = words.index(item)  # polarity_scores' first_index: the first occurrence's position
            if low == "kind" and i < n - 1 and lowers[i + 1] == "of":
                sentiments.append(0)
                continue
            v, negated, boosters, caps, rules = self.valence(i, words, lowers, cap_diff, explain)
            sentiments.append(v)
            if explain:
                if i != idx:
                    rules.insert(0, f"scored in the context of its first occurrence (word {i + 1})")
                fired.append((idx, item, lex[low], negated, boosters, caps, rules))
        but_index = None
        if "but" in lowers:
            bi = lowers.index("but")
            sentiments = (
                [s * 0.5 for s in sentiments[:bi]] + [sentiments[bi]] + [s * 1.5 for s in sentiments[bi + 1 :]]
            )
            but_index = bi
        scores = self.analyzer.score_valence(sentiments, text)
        records: list[tuple] = []
        if explain and fired:
            chunks = text.split()
            starts = []
            pos = 0
            for ch in chunks[: chunk_of[fired[-1][0]] + 1]:
                pos = text.find(ch, pos)
                starts.append(pos)
                pos += len(ch)
            for idx, item, v_lex, negated, boosters, caps, rules in fired:
                start = starts[chunk_of[idx]] + offset[idx]
                if but_index is None:
                    but_weight = 1.0
                else:
                    but_weight = 0.5 if idx < but_index else 1.5
                    rules.append(f"'but' x{but_weight}")
                records.append(
                    (
                        start,
                        start + len(item),
                        item,
                        v_lex,
                        float(sentiments[idx]),
                        negated,
                        " ".join(reversed(boosters)),
                        but_weight,
                        caps,
                        "; ".join(rules),
                    )
                )
        return scores, records


def _prepare(sentences: Sequence[str | Sentence]) -> list[tuple[str, int, int]]:
    out = []
    for s in sentences:
        if isinstance(s, Sentence):
            out.append((s.text, s.start, s.end))
        elif isinstance(s, str):
            out.append((s, 0, len(s)))
        else:
            raise TypeError(f"expected str or analysis.text.Sentence, got {type(s).__name__}")
    return out


def analyse(
    sentences: Sequence[str | Sentence], *, apostrophes: Apostrophes = "ascii", detail: Detail = "full"
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Score sentences and explain the scores in one pass: ``(sentence frame, contribution frame)``.

    ``sentences`` are :class:`~analysis.text.Sentence` objects (offsets are then into the text they came
    from) or plain strings (offsets within each string). Frames as in :func:`score_sentences` and
    :func:`contributions`; the contribution frame's ``sentence`` is the row's ``sentence`` in the
    sentence frame. ``detail="summary"`` skips the contributions (the frame comes back empty), for batch
    runs that need only the scores.

    >>> s, c = analyse(["The food was not very good.", "Nice!"])
    >>> s["sentiment"].tolist()
    [-0.3865, 0.4753]
    >>> c[["sentence", "token", "valence_lexicon", "negated", "booster"]].values.tolist()
    [[1, 'good', 1.9, True, 'very'], [2, 'Nice', 1.8, False, '']]
    >>> round(float(c["valence"][0]), 4)  # (1.9 + 0.293 for "very") * -0.74 for "not"
    -1.6228
    """
    return _analyse(sentences, apostrophes, explain=detail == "full")


def _analyse(
    sentences: Sequence[str | Sentence], apostrophes: Apostrophes, *, explain: bool
) -> tuple[pd.DataFrame, pd.DataFrame]:
    if apostrophes not in ("ascii", "keep"):
        raise ValueError(f"apostrophes must be 'ascii' or 'keep', not {apostrophes!r}")
    engine = _engine()
    rows = _prepare(sentences)
    translate = apostrophes == "ascii"
    numbers, compound, pos, neu, neg = [], [], [], [], []
    contrib: dict[str, list] = {name: [] for name in CONTRIBUTION_COLUMNS}
    for number, (text, start, _end) in enumerate(rows, start=1):
        scored = text.translate(_APOSTROPHES) if translate and ("\u2019" in text or "\u02bc" in text) else text
        scores, records = engine.run(scored, explain)
        numbers.append(number)
        compound.append(scores["compound"])
        pos.append(scores["pos"])
        neu.append(scores["neu"])
        neg.append(scores["neg"])
        for rec in records:
            contrib["sentence"].append(number)
            contrib["token"].append(text[rec[0] : rec[1]])
            contrib["start"].append(start + rec[0])
            contrib["end"].append(start + rec[1])
            for name, value in zip(CONTRIBUTION_COLUMNS[4:], rec[3:]):
                contrib[name].append(value)
    # Columns as NumPy arrays (and one Arrow string array): a Series per column costs about 0.2 ms,
    # which a batch pays for every document.
    sentence_frame = pd.DataFrame(
        {
            "sentence": np.asarray(numbers, dtype="int64"),
            "text": pd.array([r[0] for r in rows], dtype="str"),
            "start": np.asarray([r[1] for r in rows], dtype="int64"),
            "end": np.asarray([r[2] for r in rows], dtype="int64"),
            "sentiment": np.asarray(compound, dtype="float64"),
            "pos": np.asarray(pos, dtype="float64"),
            "neu": np.asarray(neu, dtype="float64"),
            "neg": np.asarray(neg, dtype="float64"),
        }
    )
    contribution_frame = _contribution_frame(contrib) if contrib["sentence"] else _no_contributions().copy()
    return sentence_frame, contribution_frame


_CONTRIBUTION_DTYPES = {
    "sentence": "int64",
    "token": "str",
    "start": "int64",
    "end": "int64",
    "valence_lexicon": "float64",
    "valence": "float64",
    "negated": "bool",
    "booster": "str",
    "but_weight": "float64",
    "caps": "bool",
    "rules": "str",
}


def _contribution_frame(contrib: dict[str, list]) -> pd.DataFrame:
    return pd.DataFrame({k: pd.Series(contrib[k], dtype=_CONTRIBUTION_DTYPES[k]) for k in CONTRIBUTION_COLUMNS})


@functools.lru_cache(maxsize=1)
def _no_contributions() -> pd.DataFrame:
    """The empty contribution frame, made once (4 ms each time; callers get a copy)."""
    return _contribution_frame({k: [] for k in CONTRIBUTION_COLUMNS})


def score_sentences(sentences: Sequence[str | Sentence], *, apostrophes: Apostrophes = "ascii") -> pd.DataFrame:
    """One row per sentence: ``sentence`` (from 1), ``text``, ``start``, ``end``, ``sentiment``
    (VADER compound, rounded to 4 places as NLTK does), ``pos``, ``neu``, ``neg`` (VADER's proportions).

    Each sentence is scored as one unit, exactly as ``polarity_scores`` would score it. To score a text,
    split it first: ``score_sentences(analysis.text.split_sentences(text))``. No sentences: an empty
    frame with these columns. An empty or punctuation-only sentence scores 0 everywhere (as in NLTK).
    """
    return _analyse(sentences, apostrophes, explain=False)[0]


def contributions(sentences: Sequence[str | Sentence], *, apostrophes: Apostrophes = "ascii") -> pd.DataFrame:
    """One row per lexicon word that fired, in reading order.

    Columns: ``sentence``; ``token`` (the word as VADER saw it, i.e. without attached punctuation) and
    its ``start``/``end`` character span (into the source text for Sentence input); ``valence_lexicon``
    (the lexicon entry); ``valence`` (its final value after every rule, "but" included: summing a
    sentence's ``valence`` gives VADER's raw sum); ``negated`` (a negation word or "least" flipped and
    scaled it by :data:`NEGATION_SCALAR` at least once); ``booster`` (the booster/dampener words that changed it, in
    reading order, or ""); ``but_weight`` (0.5 before the sentence's first "but", 1.5 after it, 1.0
    without "but"); ``caps`` (ALL-CAPS emphasis on the word itself); ``rules`` (every step, readable).
    """
    return analyse(sentences, apostrophes=apostrophes)[1]


def polarity(text: str, *, apostrophes: Apostrophes = "ascii") -> dict[str, float]:
    """``{"neg", "neu", "pos", "compound"}`` of ``text`` scored as one unit (= ``polarity_scores``)."""
    if apostrophes not in ("ascii", "keep"):
        raise ValueError(f"apostrophes must be 'ascii' or 'keep', not {apostrophes!r}")
    if apostrophes == "ascii":
        text = text.translate(_APOSTROPHES)
    return _engine().run(text, False)[0]


def compound_from_contributions(valences: Sequence[float], text: str) -> float:
    """VADER's compound rebuilt from a sentence's contribution valences and its punctuation.

    The sum of the final valences, pushed away from 0 by the "!"/"?" emphasis, normalised by
    ``x / sqrt(x*x + 15)`` and rounded to 4 places, as in ``SentimentIntensityAnalyzer.score_valence``.
    """
    analyzer = load_analyzer()
    total = float(sum(valences))
    emphasis = analyzer._punctuation_emphasis(total, text)
    if total > 0:
        total += emphasis
    elif total < 0:
        total -= emphasis
    return round(analyzer.constants.normalize(total), 4) if valences else 0.0


AGGREGATE_COLUMNS = [
    "sentiment",
    "sentiment_min",
    "sentiment_max",
    "sentiment_std",
    "share_positive",
    "share_neutral",
    "share_negative",
    "n_sentences",
]


def aggregate(sentence_frame: pd.DataFrame) -> dict[str, float | int]:
    """Describe a set of sentence scores (e.g. one answer's) by their distribution.

    ``sentiment``: the mean of the sentence compounds (:data:`AGGREGATE`); ``sentiment_min``,
    ``sentiment_max``; ``sentiment_std``: population standard deviation (:data:`STD_DDOF` = 0);
    ``share_positive`` / ``share_neutral`` / ``share_negative``: the fractions of sentences with
    compound >= 0.05, between, and <= -0.05 (:data:`POSITIVE_THRESHOLD`, :data:`NEGATIVE_THRESHOLD`);
    ``n_sentences``. With no sentences every figure is NaN and ``n_sentences`` is 0.

    >>> aggregate(score_sentences(["Good.", "Bad.", "A table."]))["share_neutral"]
    0.3333333333333333
    """
    scores = sentence_frame["sentiment"].astype("float64")
    n = int(scores.size)
    if n == 0:
        nan = math.nan
        return {
            "sentiment": nan,
            "sentiment_min": nan,
            "sentiment_max": nan,
            "sentiment_std": nan,
            "share_positive": nan,
            "share_neutral": nan,
            "share_negative": nan,
            "n_sentences": 0,
        }
    positive = int((scores >= POSITIVE_THRESHOLD).sum())
    negative = int((scores <= NEGATIVE_THRESHOLD).sum())
    return {
        "sentiment": float(scores.mean()),
        "sentiment_min": float(scores.min()),
        "sentiment_max": float(scores.max()),
        "sentiment_std": float(scores.std(ddof=STD_DDOF)),
        "share_positive": positive / n,
        "share_neutral": (n - positive - negative) / n,
        "share_negative": negative / n,
        "n_sentences": n,
    }


def aggregate_by(sentence_frame: pd.DataFrame, by: str | list[str]) -> pd.DataFrame:
    """:func:`aggregate` for every group of sentences (e.g. ``by="pair"``): one row per group, indexed
    by the group key(s), columns :data:`AGGREGATE_COLUMNS`. Groups with no sentences do not appear.

    >>> frame = score_sentences(["Good.", "Bad.", "A table."]).assign(pair=[1, 1, 2])
    >>> by_pair = aggregate_by(frame, "pair")
    >>> by_pair["sentiment"].round(4).tolist(), by_pair["share_neutral"].tolist(), by_pair["n_sentences"].tolist()
    ([-0.0509, 0.0], [0.0, 1.0], [2, 1])
    """
    keys = [by] if isinstance(by, str) else list(by)
    scores = sentence_frame["sentiment"].astype("float64")
    groups = [sentence_frame[k] for k in keys]
    grouped = scores.groupby(groups, sort=True)
    positive = scores >= POSITIVE_THRESHOLD
    negative = scores <= NEGATIVE_THRESHOLD
    neutral = ~(positive | negative)
    out = pd.DataFrame(
        {
            "sentiment": grouped.mean(),
            "sentiment_min": grouped.min(),
            "sentiment_max": grouped.max(),
            "sentiment_std": grouped.std(ddof=STD_DDOF),
            "share_positive": positive.groupby(groups, sort=True).mean(),
            "share_neutral": neutral.groupby(groups, sort=True).mean(),
            "share_negative": negative.groupby(groups, sort=True).mean(),
            "n_sentences": grouped.size().astype("int64"),
        }
    )
    return out[AGGREGATE_COLUMNS]


def aggregate_runs(scores: Sequence[float], bounds: Sequence[tuple[int, int]]) -> dict[str, list]:
    """:func:`aggregate` for consecutive runs of ``scores`` (``bounds``: ``(start, end)`` slices, e.g.
    the sentences of each answer in reading order), computed with NumPy: one list per column of
    :data:`AGGREGATE_COLUMNS`, one value per run. An empty run gives NaN figures and 0 sentences.

    >>> aggregate_runs([0.5, -0.5, 0.0], [(0, 2), (2, 3), (3, 3)])["share_neutral"]
    [0.0, 1.0, nan]
    """
    import numpy as np

    # All runs at once with ufunc.reduceat: a document has about a hundred runs, and NumPy calls per
    # run and figure cost a tenth of a second per 100 briefings. reduceat reduces each run in order, so
    # a one-sentence run's mean is its score exactly.
    values = np.asarray(scores, dtype="float64").reshape(-1)
    starts = np.array([a for a, _ in bounds], dtype="int64")
    ends = np.array([b for _, b in bounds], dtype="int64")
    n = ends - starts
    out: dict[str, list] = {c: [math.nan] * len(n) for c in AGGREGATE_COLUMNS[:-1]}
    out["n_sentences"] = n.tolist()
    full = np.flatnonzero(n > 0)
    if not len(full):
        return out
    size = n[full]
    # The values of the non-empty runs, run after run, and where each run begins in that array.
    first = np.cumsum(size) - size
    picked = values[np.arange(size.sum()) - np.repeat(first, size) + np.repeat(starts[full], size)]
    mean = np.add.reduceat(picked, first) / size
    deviation = picked - np.repeat(mean, size)
    figures = {
        "sentiment": mean,
        "sentiment_min": np.minimum.reduceat(picked, first),
        "sentiment_max": np.maximum.reduceat(picked, first),
        # ddof is STD_DDOF (0): the population standard deviation, as numpy's std(ddof=0).
        "sentiment_std": np.sqrt(np.add.reduceat(deviation * deviation, first) / (size - STD_DDOF)),
    }
    positive = np.add.reduceat((picked >= POSITIVE_THRESHOLD).astype("int64"), first)
    negative = np.add.reduceat((picked <= NEGATIVE_THRESHOLD).astype("int64"), first)
    figures["share_positive"] = positive / size
    figures["share_neutral"] = (size - positive - negative) / size
    figures["share_negative"] = negative / size
    for column, values_of_runs in figures.items():
        column_out = out[column]
        for k, value in zip(full.tolist(), values_of_runs.tolist()):
            column_out[k] = value
    return out

r"""The one text layer: sentences and tokens, so that every measure counts the same things.

``split_sentences`` cuts a text into sentences with character offsets; ``tokenize`` cuts a text into
tokens with character offsets; ``count_words`` is what ``n_words`` means everywhere (word tokens,
punctuation left out).

Sentences
---------
Blank lines end a sentence (paragraphs never share one). Inside a paragraph a sentence may end at a
whitespace-delimited chunk that ends in ``.``, ``?`` or ``!`` (closing quotes and brackets after it stay
in the sentence). Whether it does is decided by NLTK's Punkt sentence tokenizer
(``nltk.tokenize.punkt``) with hand-set :class:`~nltk.tokenize.punkt.PunktParameters`: an abbreviation
list kept as a data file (``data/wordlists/abbreviations.txt``) and a short list of capitalised words that
start a sentence even after an abbreviation (:data:`SENTENCE_STARTERS`).

Why parameters and not a trained or pretrained model: NLTK's pretrained English model (``punkt_tab``) is
normally downloaded and we run without network; training needs a corpus we would have to ship and
gives parameters nobody reviewed. A short abbreviation list is transparent, deterministic and enough for
interview prose (titles "Mr.", "Dr.", places "U.S.", times "p.m.", initials "J. Nye", decimals "3.5").

Why not ``PunktSentenceTokenizer.span_tokenize`` directly: on this machine it needs about 37 s for the
7.8 million words of the press-briefing corpus, most of it re-tokenising the context of every candidate
period. Here a single regular expression finds the candidates, the common case (an ordinary word of two
or more letters before the period, or a ``?``/``!``) is settled at once, because Punkt with these
parameters always breaks there, and every other candidate (abbreviations, initials, numbers, ellipses,
odd punctuation) is handed to Punkt's own decision, ``PunktSentenceTokenizer.text_contains_sentbreak``,
on that chunk and the next one (reduced to the features Punkt reads, and memoised). One refinement
over Punkt: an initial followed by a capitalised sentence starter ends the sentence ("...said I. Then").

Tokens
------
``tokenize`` is NLTK's :class:`~nltk.tokenize.RegexpTokenizer` with :data:`TOKEN_PATTERN` (a token
pattern, ``gaps=False``), run on the same ``regex`` engine NLTK compiles it with, but without the
5-second whole-call time-out that NLTK 3.10 puts around every pattern (``nltk.redos``): a long document
(a year of briefings) exceeds it, and the pattern has no nested quantifiers that could backtrack
catastrophically. ``RegexpTokenizer(TOKEN_PATTERN).span_tokenize(text)`` gives the same spans (tested).
The ``regex`` engine's ``\w`` includes combining marks, so "café" spelt with a combining accent stays
one word (the standard library's ``re`` would split it). Where a text holds only characters that both
engines read alike (most English text), the pattern runs on ``re``, which is faster; the tokens are the
same (see ``_same_on_re``; tested). Contractions stay one token ("don't", "isn't",
"don’t"), so that a highlighted word is the word VADER saw; hyphenated words, decimals ("3.5") and digit
groups ("100,000") are one word; every other non-space character is a punctuation token of its own.
Whitespace is Python's (``str.split``), for sentences and tokens alike: it includes the control
characters U+001C-U+001F, which the ``regex`` engine alone would read as symbols.
"""

from __future__ import annotations

import re
from pathlib import Path
from collections.abc import Sequence
from typing import NamedTuple

import regex
from . import _nltk  # noqa: F401  (first: imports NLTK without scipy.stats, see there)
from . import datafiles
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

__all__ = [
    "ABBREVIATIONS_FILE",
    "SENTENCE_STARTERS",
    "TOKEN_PATTERN",
    "Sentence",
    "Token",
    "count_words",
    "load_abbreviations",
    "split_sentences",
    "tokenize",
    "tokenize_sentences",
    "words",
]

# The abbreviation list (lower case, no final period, as PunktParameters.abbrev_types expects).
ABBREVIATIONS_FILE = datafiles.ABBREVIATIONS

# Capitalised words that end the sentence before them even after an abbreviation, an ellipsis or an
# initial ("...in the U.S. The next day"). Punkt learns such "frequent sentence starters" in training;
# this hand-made list holds pronouns, determiners and conjunctions that never follow a title or an
# initial inside a name (no "Who": "Dr. Who"). Lower case, compared with the next word lower-cased
# up to any apostrophe ("It's" is "it").
SENTENCE_STARTERS = frozenset(
    """a an the this that these those it its he she they we i you your our my his her their there
    here but and so then now however if when what why how where as in on at for after before yes
    well also thank thanks let because while although today some many all most""".split()
)

# A word: letters or digits, joined by a hyphen, an apostrophe or a period ("well-known", "don't",
# "U.S", "3.5"), or by a comma or colon between digits ("100,000", "10:30"). Any other non-space
# character is a token of its own (punctuation, symbols, an abbreviation's final period), except a
# free-standing run of two to four symbols (":)", ":-)", "<3", "--"), which stays one token: VADER
# scores such emoticons as one word, so their valence needs one token with their span.
_WORD = r"[^\W_]+(?:(?:[-'’.]|(?<=\d)[,:](?=\d))[^\W_]+)*"
# Whitespace is what Python's str.split, str.strip and the ``re`` module call whitespace, everywhere in
# the text layer (the sentence splitter, the tokens, VADER's chunks): the regex module's ``\s`` plus
# the information separators U+001C-U+001F, which ``regex`` (Unicode's White_Space) reads as symbols.
# With ``regex``'s own ``\s`` here, "\x1f\x1b" was one token from 0 while its sentence began at 1.
_SPACE = r"\s\x1c-\x1f"
_EMOTICON = rf"(?<![^{_SPACE}])(?:</?3|[^\w{_SPACE}]{{2,4}})(?![^{_SPACE}])"
TOKEN_PATTERN = rf"(?P<word>{_WORD})|{_EMOTICON}|[^{_SPACE}]"

# NLTK compiles RegexpTokenizer patterns with these flags (nltk/tokenize/regexp.py).
_TOKEN_RE = regex.compile(TOKEN_PATTERN, regex.UNICODE | regex.MULTILINE | regex.DOTALL)
# The words of the token pattern: a free-standing "<3" or "</3" is an emoticon, not the word "3".
_WORD_RE = regex.compile(
    rf"({_WORD})|(?<![^{_SPACE}])</?3(?![^{_SPACE}])", regex.UNICODE | regex.MULTILINE | regex.DOTALL
)


def _same_on_re(limit: int = 0x2070) -> str:
    """A character class of the characters (below ``limit``) on which ``re`` and ``regex`` disagree
    about ``\\w``, ``\\s`` or ``\\d``, plus everything from ``limit`` up.

    Why: the standard library's ``re`` runs the token pattern about 2.5 times as fast as ``regex``
    (0.36 s against 0.90 s over 100 briefings), and most text (ASCII, accented Latin letters, curly
    quotes and dashes) is read the same by both. The engines differ on combining marks (``regex``
    counts them as word characters), superscript digits and vulgar fractions (``re`` does), the
    control characters U+001C-U+001F (space to ``re``, not to ``regex``; the token pattern names them
    as space, so this no longer matters, but they are left in the list) and a few more, found here by
    testing every character below ``limit`` (about a millisecond); a text holding any of
    them, or any character beyond the Latin, Greek, Cyrillic and punctuation blocks, is tokenised
    with ``regex``, so the tokens are always ``regex``'s (tested on the corpus and with Hypothesis).
    """
    chars = "".join(map(chr, range(limit)))
    bad: set[str] = set()
    for cls in (r"\w", r"\s", r"\d"):
        bad.update(set(re.findall(cls, chars)).symmetric_difference(regex.findall(cls, chars)))
    return "[" + "".join(re.escape(c) for c in sorted(bad)) + re.escape(chr(limit)) + "-\\U0010ffff]"


_UNSAFE_FOR_RE = re.compile(_same_on_re())
_TOKEN_RE_FAST = re.compile(TOKEN_PATTERN, re.UNICODE | re.MULTILINE | re.DOTALL)

# A blank line (possibly holding spaces, tabs or a carriage return) separates paragraphs.
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
# Characters that may close a sentence after its final punctuation, and open the next one.
_CLOSERS = "\"'”’)]}»*_"
_OPENERS = "\"'“‘([{«*_"
# A chunk (whitespace-delimited) ending in . ? or ! plus closers: a candidate sentence end.
_CANDIDATE = re.compile(r"(?<!\S)\S*?[.?!][" + re.escape(_CLOSERS) + r"]*(?!\S)")
_NEXT_CHUNK = re.compile(r"\s+(\S+)")
# An ordinary word: letters only, joined by hyphens or apostrophes.
_PLAIN_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_LEADING = re.compile(r"([^\w\s]{0,3})[^\w\s]*(\w*)")
_DIGIT = re.compile(r"\d")
# Cap on memoised Punkt decisions (a key is two short strings; 100,000 keys are a few MB).
_MEMO_LIMIT = 100_000


class Sentence(NamedTuple):
    """A sentence: ``text == source[start:end]``; no leading or trailing whitespace."""

    text: str
    start: int
    end: int


class Token(NamedTuple):
    """A token: ``text == source[start:end]``; ``is_word`` is False for punctuation and symbols."""

    text: str
    start: int
    end: int
    lower: str
    is_word: bool


def load_abbreviations(path: Path = ABBREVIATIONS_FILE) -> frozenset[str]:
    """Read an abbreviation list: one per line, lower case, without the final period; ``#`` comments."""
    return frozenset(datafiles.word_list(path))


class _Splitter:
    """Punkt-decided sentence boundaries with a fast path for the unambiguous ones."""

    def __init__(self, abbreviations: frozenset[str], starters: frozenset[str]) -> None:
        params = PunktParameters()
        params.abbrev_types = set(abbreviations)
        params.sent_starters = set(starters)
        # No collocations and no orthographic context: the reductions in _punkt_key rely on that.
        self._punkt = PunktSentenceTokenizer(params)
        self._abbreviations = abbreviations
        self._starters = starters
        self._memo: dict[tuple[str, str], bool] = {}

    def split(self, text: str) -> list[Sentence]:
        sentences: list[Sentence] = []
        para_start = 0
        for brk in _PARAGRAPH_BREAK.finditer(text):
            self._split_paragraph(text, para_start, brk.start(), sentences)
            para_start = brk.end()
        self._split_paragraph(text, para_start, len(text), sentences)
        return sentences

    def _split_paragraph(self, text: str, start: int, end: int, out: list[Sentence]) -> None:
        segment = text[start:end]
        stripped = segment.strip()
        if not stripped:
            return
        start += len(segment) - len(segment.lstrip())
        end = start + len(stripped)
        current = start
        for cand in _CANDIDATE.finditer(text, start, end):
            following = _NEXT_CHUNK.match(text, cand.end(), end)
            if following is None:
                break
            if self._is_break(cand.group(), following.group(1)):
                out.append(Sentence(text[current : cand.end()], current, cand.end()))
                current = following.start(1)
        out.append(Sentence(text[current:end], current, end))

    def _is_break(self, chunk: str, following: str) -> bool:
        core = chunk.rstrip(_CLOSERS)
        if core[-1] != ".":  # "?" or "!": Punkt always breaks there
            return True
        word = core[:-1].lstrip(_OPENERS)
        lower = word.lower()
        if (
            len(word) > 1
            and _PLAIN_WORD.fullmatch(word)
            and lower not in self._abbreviations
            and lower.rpartition("-")[2] not in self._abbreviations
        ):
            return True  # an ordinary word: Punkt's first pass marks a break, the second never undoes it
        key = (_DIGIT.sub("0", chunk), self._next_key(following))
        decision = self._memo.get(key)
        if decision is None:
            decision = self._punkt.text_contains_sentbreak(f"{key[0]} {key[1]}")
            if len(self._memo) >= _MEMO_LIMIT:
                self._memo.clear()
            self._memo[key] = decision
        if not decision and len(word) == 1 and word.isalpha():
            # an initial before a capitalised starter ends the sentence (not "A": "E. A. Poe")
            nxt = _LEADING.match(following).group(2)
            decision = len(nxt) > 1 and nxt[:1].isupper() and nxt.lower() in self._starters
        return decision

    def _next_key(self, following: str) -> str:
        """Reduce the next chunk to what Punkt reads of it: leading punctuation, case, starter or not."""
        prefix, word = _LEADING.match(following).groups()
        if word.lower() in self._starters:
            return prefix + word
        first = word[:1]
        if first.isupper():
            return prefix + "Xx"
        if first.islower():
            return prefix + "xx"
        if first.isdigit():
            return prefix + "00"
        return prefix or following[:3]


_SPLITTER: _Splitter | None = None


def _splitter() -> _Splitter:
    global _SPLITTER
    if _SPLITTER is None:
        _SPLITTER = _Splitter(load_abbreviations(), SENTENCE_STARTERS)
    return _SPLITTER


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences with character offsets into ``text``.

    >>> [s.text for s in split_sentences("Mr. Nye met Dr. Smith at 5 p.m. in the U.S. It went well.")]
    ['Mr. Nye met Dr. Smith at 5 p.m. in the U.S.', 'It went well.']

    Empty or blank text gives ``[]``. A blank line always ends a sentence.
    """
    return _splitter().split(text)


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into word and punctuation tokens with character offsets into ``text``.

    >>> [(t.text, t.is_word) for t in tokenize("Don't panic, Mr. Nye.")]
    [("Don't", True), ('panic', True), (',', False), ('Mr', True), ('.', False), ('Nye', True), ('.', False)]
    """
    return _tokens(text, 0, len(text))


def tokenize_sentences(text: str, sentences: Sequence[Sentence]) -> list[list[Token]]:
    """The tokens of each sentence of ``text`` (from :func:`split_sentences`), offsets into ``text``.

    The same tokens as :func:`tokenize` over the whole text, grouped by sentence: sentences begin and
    end at whitespace, which no token crosses and which is all the token pattern's look-arounds test
    at a sentence's edges. Every token is in a sentence: characters outside every sentence are
    whitespace to ``str.split``, and so to the token pattern.

    >>> t = "It is. Is it?"
    >>> [[w.text for w in ts] for ts in tokenize_sentences(t, split_sentences(t))]
    [['It', 'is', '.'], ['Is', 'it', '?']]
    """
    return [_tokens(text, s.start, s.end) for s in sentences]


def _tokens(text: str, start: int, end: int) -> list[Token]:
    # The pattern on `re` where `re` and `regex` agree on every character (see _same_on_re); else `regex`.
    # tuple.__new__ skips the NamedTuple's Python-level __new__: this runs once per token of a corpus.
    # The look-arounds read one character on either side of the span: those are checked too.
    plain = _UNSAFE_FOR_RE.search(text, max(start - 1, 0), end + 1) is None
    pattern = _TOKEN_RE_FAST if plain else _TOKEN_RE
    new = tuple.__new__
    return [
        new(Token, (g, m.start(), m.end(), g.lower(), m.lastgroup is not None))
        for m in pattern.finditer(text, start, end)
        for g in (m.group(),)
    ]


def words(text: str) -> list[str]:
    """The word tokens of ``text``, lower-cased (exactly the tokens ``count_words`` counts)."""
    return [w.lower() for w in _WORD_RE.findall(text) if w]


def count_words(text: str) -> int:
    """The number of word tokens in ``text``: what ``n_words`` means in every frame.

    >>> count_words("It's 3.5% -- isn't it?")
    4
    """
    found = _WORD_RE.findall(text)
    return len(found) - found.count("")

"""The term engine: the term syntax, the entry model, the index and the matcher, for every word list.

Topics (:mod:`analysis.sentence.topics`), marker families (:mod:`analysis.sentence.markers`) and actors
(:mod:`analysis.document.actors`) are definitions over this module: each is an :class:`Entry` (a named list of
terms) in an :class:`EntryList` (a named list of entries, with the index that matches them). This
module never splits text itself; it works on words that :mod:`analysis.text` has tokenised.

Term syntax
-----------
Terms are lower-cased (and NFC-normalised, ``’`` read as ``'``); inner whitespace separates the words
of a phrase. ``*`` may only end a word: ``abc*`` matches every word starting with ``abc``, ``abc``
itself included. A term with a hyphen or slash (``people-to-people``, ``9/11``) matches one token as
written and also the phrase of its parts (``people to people``, ``9 11``), so a list works whether
the tokenizer keeps such words whole or splits them. (Case-sensitive forms such as an actor's
``written: [US]`` are not terms: :mod:`analysis.document.actors` matches them as written.)

>>> normalise("  Free   TRADE ")
'free trade'
>>> variants("people-to-people", "demo")
[('people-to-people',), ('people', 'to', 'people')]

Matching rules
--------------
Words are matched case-insensitively (lower-cased, ``’`` read as ``'``). Phrases come first, longest
first: every occurrence of every phrase of an entry is found; they are taken by decreasing number of
words, then from left to right (then the one with fewer wildcards), and an occurrence overlapping a
word already taken by the same entry is dropped. Phrases do not run across a break (punctuation other
than a hyphen, apostrophe or slash between two words); a possessive word inside a phrase matches by
its base (``soft power's``). Then each word not taken by a phrase is matched by a single-word entry,
under one of two rules (:data:`Rule`), chosen by the list's format:

- ``"per_entry"`` (YAML topic dictionaries, marker families, actor lists): each entry is matched
  independently of the others. For each entry, a word takes that entry's exact term if it has one,
  else (for a possessive, ``nato's``) the exact term of its base, else the entry's longest matching
  wildcard, else (for a hyphenated word the tokenizer kept whole, ``security-obsessed``) the longest
  match among its parts. So a word counts at most once per entry, but may count for several entries:
  with ``evidence`` in topic A and ``evid*`` in topic B, ``evidence`` counts in A and in B.
- ``"dictionary"`` (LIWC-style ``.dic``): each line of the file is one entry with its categories, and a
  word takes the categories of the one line it matches, dictionary-wide, as LIWC reads it: its exact
  line if there is one (else the exact line of a possessive's base), else its longest matching
  wildcard line, else the parts of a hyphenated word. With ``evidence`` in category A and ``evid*`` in
  category B, ``evidence`` counts in A only and ``evidently`` in B.

>>> entries = (Entry("a", "A", "", ("evidence",)), Entry("b", "B", "", ("evid*",)))
>>> [(slug, term) for _s, slug, _e, term, _k in hits(["evidence"], EntryList("yaml", "", entries))]
[('a', 'evidence'), ('b', 'evid*')]
>>> [(slug, term) for _s, slug, _e, term, _k in hits(["evidence"], EntryList("dic", "", entries, rule="dictionary"))]
[('a', 'evidence')]

Every match says which term matched and how (``exact``, ``wildcard`` or ``phrase``).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import compress
from operator import not_
from pathlib import Path
from typing import Generic, Literal, NamedTuple, Protocol, TypeVar

from .errors import DiscourseError

__all__ = [
    "JOINERS", "POSSESSIVE", "SLUG_PATTERN", "TERM_JOINERS", "WILDCARD",
    "Entry", "EntryList", "Hit", "Index", "MatchKind", "Prepared", "Rule", "TokenLike", "Words",
    "fold", "hits", "normalise", "possessive_base", "prepare", "scan", "variants",
]

WILDCARD = "*"
# Slugs become column names (topic_<slug>, marker_<slug>), so they are lowercase identifiers.
SLUG_PATTERN = re.compile(r"[a-z][a-z0-9_]*\Z")
# Non-word tokens that join words rather than separate them: a phrase may run across these
# (people - to - people, don ' t). Any other non-word token (punctuation) breaks a phrase.
JOINERS = frozenset({"-", "\u2010", "\u2011", "'", "\u2019", "/"})
# Characters inside a term's word that the tokenizer may split at: a term written with them
# ("people-to-people", "9/11") also matches as the phrase of its parts.
TERM_JOINERS = re.compile(r"[-/]")
# A possessive is matched by its base word when the whole word matches nothing.
POSSESSIVE = "'s"

MatchKind = Literal["exact", "wildcard", "phrase"]
Rule = Literal["per_entry", "dictionary"]


# --------------------------------------------------------------------------------------------------
# Term syntax


def fold(word: str) -> str:
    """Lower case, one apostrophe (’ -> ')."""
    return word.lower().replace("\u2019", "'")


def normalise(raw: str) -> str:
    """A term as matching reads it: NFC, folded (:func:`fold`), inner white space collapsed."""
    return " ".join(fold(unicodedata.normalize("NFC", raw)).split())


def possessive_base(word: str) -> str | None:
    """``nato`` for ``nato's`` (folded), else None."""
    return word[: -len(POSSESSIVE)] if word.endswith(POSSESSIVE) and len(word) > len(POSSESSIVE) else None


def variants(term: str, where: str) -> list[tuple[str, ...]]:
    """The word sequences a (normalised) term matches: as written and, if it has a hyphen or slash,
    split there. DiscourseError, prefixed by ``where``, for a term that breaks the syntax."""
    words = tuple(term.split())
    if not words:
        raise DiscourseError(f"{where}: an empty term.")
    for word in words:
        body = word[:-1] if word.endswith(WILDCARD) else word
        if WILDCARD in body:
            raise DiscourseError(f"{where}: term {term!r}: '*' may only end a word.")
        if not body.strip("-/"):
            problem = "a word needs letters before '*'" if word.endswith(WILDCARD) else f"{word!r} is not a word"
            raise DiscourseError(f"{where}: term {term!r}: {problem}.")
    found = [words]
    parts = [part for w in words for part in TERM_JOINERS.split(w)]
    # Split only where every part is a word: "anti-*" or "-ism" keep their one form.
    if len(parts) > len(words) and all(p and p != WILDCARD for p in parts):
        found.append(tuple(parts))
    return found


# --------------------------------------------------------------------------------------------------
# The entry model


@dataclass(frozen=True)
class Entry:
    """One named list of terms (a topic, a marker family's terms, an actor's terms), and, derived
    from them, what matching uses.

    ``terms`` are normalised (:func:`normalise`) and deduplicated; ``exact`` holds single words,
    ``wildcards`` the prefixes of single-word wildcards (without ``*``), ``phrases`` pairs of (term,
    words) where a word may end with ``*``. An entry may have no terms (a marker family of patterns
    only); an entry list matches the entries that have some.
    """

    slug: str
    label: str
    description: str
    terms: tuple[str, ...]
    exact: frozenset[str] = field(init=False, repr=False, compare=False)
    wildcards: frozenset[str] = field(init=False, repr=False, compare=False)
    phrases: tuple[tuple[str, tuple[str, ...]], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not SLUG_PATTERN.match(self.slug):
            raise DiscourseError(f"topic slug {self.slug!r} is not a lowercase identifier ([a-z][a-z0-9_]*).")
        terms = tuple(dict.fromkeys(normalise(t) for t in self.terms))
        object.__setattr__(self, "terms", terms)
        exact: set[str] = set()
        wild: set[str] = set()
        phrases: list[tuple[str, tuple[str, ...]]] = []
        for term in terms:
            for words in variants(term, f"topic {self.slug!r}"):
                if len(words) > 1:
                    phrases.append((term, words))
                elif words[0].endswith(WILDCARD):
                    wild.add(words[0][:-1])
                else:
                    exact.add(words[0])
        object.__setattr__(self, "exact", frozenset(exact))
        object.__setattr__(self, "wildcards", frozenset(wild))
        object.__setattr__(self, "phrases", tuple(phrases))


E = TypeVar("E", bound=Entry)


@dataclass(frozen=True)
class EntryList(Generic[E]):
    """A named list of entries (a topic dictionary, the marker families, an actor list) and the
    :class:`Index` that matches them under its :data:`Rule`; ``sha256`` is of the file's bytes.

    ``get(slug)`` finds an entry (KeyError when there is none); the list iterates over its entries.
    """

    name: str
    version: str
    entries: tuple[E, ...]
    description: str = ""
    sha256: str = ""
    path: Path | None = None
    rule: Rule = "per_entry"
    index: Index = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", Index([e for e in self.entries if e.terms], rule=self.rule))

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(e.slug for e in self.entries)

    def get(self, slug: str) -> E:
        for e in self.entries:
            if e.slug == slug:
                return e
        raise KeyError(slug)

    def __iter__(self) -> Iterator[E]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


# --------------------------------------------------------------------------------------------------
# The index

# A compiled phrase: entry index, term, words as (text, is_prefix), and its rank among occurrences
# starting at the same word (fewer wildcards first, then more literal characters).
_Phrase = tuple[int, str, tuple[tuple[str, bool], ...], tuple[int, int]]
_Single = tuple[int, str, MatchKind]
# One match: start word, entry index (in Index.slugs), end word (exclusive), term, kind. Tuples sort by
# position, then entry.
Hit = tuple[int, int, int, str, MatchKind]


class _Starts(NamedTuple):
    """The phrases that may start at a word, grouped by what their second word must be, so that a
    candidate word tries only the phrases its next word can continue (a marker family has ten phrases
    starting with "the")."""

    by_second: dict[str, tuple[_Phrase, ...]]  # second word matched exactly
    other: tuple[_Phrase, ...]  # second word a wildcard prefix

    @classmethod
    def of(cls, phrases: Sequence[_Phrase]) -> _Starts | tuple[()]:
        if not phrases:
            return ()
        by_second: dict[str, list[_Phrase]] = {}
        other: list[_Phrase] = []
        for phrase in phrases:
            text, is_prefix = phrase[2][1]
            if is_prefix:
                other.append(phrase)
            else:
                by_second.setdefault(text, []).append(phrase)
        return cls({k: tuple(v) for k, v in by_second.items()}, tuple(other))

    def after(self, word: str) -> tuple[_Phrase, ...]:
        """The phrases whose second word may be ``word`` (folded), its possessive base included."""
        found = self.by_second.get(word, ())
        base = possessive_base(word)
        if base is not None:
            found += self.by_second.get(base, ())
        return found + self.other if self.other else found


_Info = tuple[tuple[_Single, ...], "_Starts | tuple[()]"]
_NOTHING: _Info = ((), ())

# What each distinct folded word resolves to is remembered per index, across calls and documents
# (a corpus repeats its words: over 100 briefings, 1 word in 60 is new). Bounded: past this many words
# the memo stops growing and new words are resolved afresh for each call.
MEMO_LIMIT = 200_000


class Index:
    """Entries compiled into lookups: exact words, wildcard prefixes, phrases by first word.

    ``slugs`` are the entries' slugs in order (a :data:`Hit` names its entry by position there),
    ``positions`` maps a slug to that position.
    """

    def __init__(self, entries: Sequence[Entry], *, rule: Rule = "per_entry") -> None:
        self.rule = rule
        self.slugs = tuple(e.slug for e in entries)
        self.positions = {slug: k for k, slug in enumerate(self.slugs)}
        self.exact: dict[str, list[tuple[int, str]]] = {}
        self.wild: dict[str, list[tuple[int, str]]] = {}
        self.phrase_exact: dict[str, list[_Phrase]] = {}
        self.phrase_wild: dict[str, list[_Phrase]] = {}
        for e_index, entry in enumerate(entries):
            for word in sorted(entry.exact):
                self.exact.setdefault(word, []).append((e_index, word))
            for prefix in sorted(entry.wildcards):
                self.wild.setdefault(prefix, []).append((e_index, prefix + WILDCARD))
            for term, words in entry.phrases:
                pattern = tuple((w[:-1], True) if w.endswith(WILDCARD) else (w, False) for w in words)
                rank = (sum(p for _, p in pattern), -sum(len(w) for w, _ in pattern))
                phrase: _Phrase = (e_index, term, pattern, rank)
                first, is_prefix = pattern[0]
                (self.phrase_wild if is_prefix else self.phrase_exact).setdefault(first, []).append(phrase)
        self.wild_lengths = sorted({len(p) for p in self.wild}, reverse=True)
        self.memo: dict[str, _Info] = {}  # folded word -> what it resolves to (see hits)
        self.phrase_wild_lengths = sorted({len(p) for p in self.phrase_wild}, reverse=True)

    def resolve(self, word: str) -> _Info:
        """The single-word entries matching ``word`` (folded) under the index's rule (see the module
        docstring), and the phrases that may start at it."""
        found: dict[int, _Single] = {}
        phrases = self._phrase_starts(word)
        base = possessive_base(word)
        if base is not None:
            phrases += self._phrase_starts(base)
        if self.rule == "dictionary":
            # One line of the dictionary: exact, else the base's exact, else the longest wildcard.
            self._exact(word, found)
            if not found and base is not None:
                self._exact(base, found)
            if not found:
                self._wildcards(word, found, longest_only=True)
            if not found and "-" in word:
                self._parts(base or word, found)
        else:
            self._exact(word, found)
            if base is not None:
                self._exact(base, found)
            self._wildcards(word, found)  # the prefixes of "word's" include those of "word"
            if "-" in word and len(found) < len(self.slugs):
                self._parts(base or word, found)
        if not found and not phrases:
            return _NOTHING
        return tuple(found[t] for t in sorted(found)), _Starts.of(phrases)

    def _exact(self, word: str, found: dict[int, _Single]) -> None:
        for e_index, term in self.exact.get(word, ()):
            found.setdefault(e_index, (e_index, term, "exact"))

    def _wildcards(self, word: str, found: dict[int, _Single], *, longest_only: bool = False) -> None:
        """For each entry not in ``found``, its longest wildcard prefix of ``word`` (``longest_only``:
        only the entries of the longest prefix that matches at all)."""
        size = len(word)
        for length in self.wild_lengths:  # longest prefix first
            if length <= size:
                matched = self.wild.get(word[:length], ())
                for e_index, term in matched:
                    found.setdefault(e_index, (e_index, term, "wildcard"))
                if matched and longest_only:
                    return

    def _phrase_starts(self, word: str) -> list[_Phrase]:
        phrases = list(self.phrase_exact.get(word, ()))
        size = len(word)
        for length in self.phrase_wild_lengths:
            if length <= size:
                phrases.extend(self.phrase_wild.get(word[:length], ()))
        return phrases

    def _parts(self, word: str, found: dict[int, _Single]) -> None:
        """Match the parts of a hyphenated word as words; per entry keep its longest, then first, match."""
        parts = [p for p in word.split("-") if p]
        if len(parts) < 2:
            return
        candidates = [(k, info) for k, info in enumerate(map(self.resolve, parts)) if info is not _NOTHING]
        best: dict[int, Hit] = {}
        for hit in _resolve(parts, candidates, ()):
            start, e_index, end = hit[0], hit[1], hit[2]
            if e_index not in found and (e_index not in best or end - start > best[e_index][2] - best[e_index][0]):
                best[e_index] = hit
        for e_index, (_start, _e, _end, term, kind) in best.items():
            found[e_index] = (e_index, term, kind)

    def hits(self, words: Sequence[str], breaks: Collection[int] = ()) -> list[Hit]:
        """Every match in folded ``words``, sorted by position then entry. ``breaks`` holds word
        indices ``i`` such that no phrase may run from word ``i - 1`` into word ``i``."""
        memo = self.memo
        new = set(words).difference(memo)
        if new:
            resolve = self.resolve
            if len(memo) + len(new) > MEMO_LIMIT:
                memo = {**{w: memo[w] for w in set(words) if w in memo}, **{w: resolve(w) for w in new}}
            else:
                # One assignment per word: a thread reading the memo meanwhile sees each word whole or not at all.
                for word in new:
                    memo[word] = resolve(word)
        nothing = _NOTHING
        # The scan over all words runs in C; Python only sees the few words that match something.
        infos = list(map(memo.__getitem__, words))
        candidates = [(i, info) for i, info in enumerate(infos) if info is not nothing]
        if not candidates:
            return []
        return _resolve(words, candidates, breaks)


def _resolve(words: Sequence[str], candidates: Iterable[tuple[int, _Info]], breaks: Collection[int]) -> list[Hit]:
    """Apply the matching rules to the words that may match something (``candidates``: index, info).

    ``words`` are folded (:func:`fold`). Phrases first (all occurrences; longest, then leftmost, then
    least wildcarded first; an entry's words are taken once), then single words not taken by a phrase
    of the same entry.
    """
    n = len(words)
    singles: list[tuple[int, tuple[_Single, ...]]] = []
    occurrences: list[tuple[int, int, tuple[int, int], int, str]] = []
    for i, (found, starts) in candidates:
        if found:
            singles.append((i, found))
        if not starts or i + 1 >= n:  # every phrase has two words or more
            continue
        for e_index, term, pattern, rank in starts.after(words[i + 1]):
            size = len(pattern)
            if i + size > n:
                continue
            for k in range(1, size):
                word = words[i + k]
                text, is_prefix = pattern[k]
                # The common outcomes inline (this loop runs for every phrase that may start at every
                # candidate word); a possessive goes to _word_matches.
                if (i + k) in breaks:
                    break
                if word.startswith(text) if is_prefix else word == text:
                    continue
                if not word.endswith(POSSESSIVE) or not _word_matches(word, text, is_prefix):
                    break
            else:
                occurrences.append((-size, i, rank, e_index, term))
    if not occurrences:
        return [(i, e_index, i + 1, term, kind) for i, found in singles for e_index, term, kind in found]
    taken: dict[int, set[int]] = {}
    out: list[Hit] = []
    for neg_size, start, _rank, e_index, term in sorted(occurrences):
        span = range(start, start - neg_size)
        claimed = taken.setdefault(e_index, set())
        if claimed.isdisjoint(span):
            claimed.update(span)
            out.append((start, e_index, span.stop, term, "phrase"))
    for i, found in singles:
        for e_index, term, kind in found:
            if i not in taken.get(e_index, ()):
                out.append((i, e_index, i + 1, term, kind))
    out.sort()
    return out


def _word_matches(word: str, text: str, is_prefix: bool) -> bool:
    """Whether a later (folded) word of a phrase matches its pattern (a possessive matches by its base too)."""
    if word.startswith(text) if is_prefix else word == text:
        return True
    base = possessive_base(word)
    return base is not None and (base.startswith(text) if is_prefix else base == text)


# --------------------------------------------------------------------------------------------------
# The matcher


def hits(words: Sequence[str], entries: EntryList, *, breaks: Collection[int] = ()) -> list[tuple[int, str, int, str, MatchKind]]:
    """Every match of ``entries`` in ``words`` (word tokens, lower-cased or not), as ``(start, slug,
    end, term, kind)`` ordered by position then entry; ``breaks`` as in :meth:`Index.hits`."""
    index = entries.index
    slugs = index.slugs
    return [(s, slugs[e], end, term, kind) for s, e, end, term, kind in index.hits([fold(w) for w in words], breaks)]


class TokenLike(Protocol):
    """What the matcher needs from a token (``analysis.text.Token`` has it)."""

    text: str
    start: int
    end: int
    lower: str
    is_word: bool


class Words(NamedTuple):
    """One unit's words, made ready once for matching against any number of entry lists."""

    tokens: Sequence[TokenLike]
    positions: list[int]  # the token index of each word
    words: list[str]  # the words, folded (lower case, ’ read as ')
    breaks: Collection[int]  # word indices that a phrase may not run into (see _breaks)


class Prepared(list):
    """The :class:`Words` of each unit, from :func:`prepare`; topics and markers take it in place of
    the units' tokens, to share the work."""


def prepare(units: Iterable[Sequence[TokenLike]]) -> Prepared:
    """Each unit's words, folded, with their token positions and phrase breaks: punctuation between
    two words breaks phrases, hyphens, apostrophes and slashes (:data:`JOINERS`) do not."""
    out = Prepared()
    for tokens in units:
        is_word = [t.is_word for t in tokens]
        positions = list(compress(range(len(tokens)), is_word))
        words = [tokens[t].lower for t in positions]
        joined = "\x00".join(words)
        if "\u2019" in joined:  # tokens are lower-cased already: folding is only the apostrophe
            words = joined.replace("\u2019", "'").split("\x00")
        breaks = _breaks(tokens, is_word, positions) if len(positions) < len(tokens) else ()
        out.append(Words(tokens, positions, words, breaks))
    return out


def _breaks(tokens: Sequence[TokenLike], is_word: list[bool], positions: list[int]) -> set[int]:
    """Word indices that a phrase may not run into: those after punctuation other than a joiner."""
    breaks: set[int] = set()
    for t in compress(range(len(tokens)), map(not_, is_word)):
        mark = tokens[t].text.strip()
        if mark and mark not in JOINERS:
            breaks.add(bisect_left(positions, t))
    return breaks


def scan(units: Iterable[Sequence[TokenLike]] | Prepared, entries: EntryList) -> Iterator[tuple[int, Words, list[Hit]]]:
    """For each unit (its tokens, or :func:`prepare`'s words): its position, its words and its
    :data:`Hit` s under ``entries.index``."""
    prepared = units if isinstance(units, Prepared) else prepare(units)
    index = entries.index
    for unit, w in enumerate(prepared):
        yield unit, w, index.hits(w.words, w.breaks)


def spans(units: Iterable[Sequence[TokenLike]] | Prepared, entries: EntryList) -> list[tuple]:
    """Every match as a tuple ``(unit, slug, term, kind, start, end, text)``: ``start``/``end`` the
    character span of the matched tokens, ``text`` the words as written, joined by spaces."""
    slugs = entries.index.slugs
    out = []
    for unit, w, found in scan(units, entries):
        tokens, positions = w.tokens, w.positions
        for start, e, end, term, kind in found:
            first, last = tokens[positions[start]], tokens[positions[end - 1]]
            text = first.text if end - start == 1 else " ".join(tokens[positions[k]].text for k in range(start, end))
            out.append((unit, slugs[e], term, kind, first.start, last.end, text))
    return out

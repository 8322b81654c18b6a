"""Topic dictionaries: load them, match their terms in tokenised text, count and rate the matches.

A topic dictionary is a file in ``data/topics/``, either YAML (this project's own format) or a
LIWC-style ``.dic``. Matching works on words that :mod:`analysis.text` has already tokenised; this
module never splits text itself.

YAML schema
-----------
::

    name: Foreign policy and public diplomacy   # optional, default: the file name without extension
    version: "1.0.0"                            # optional string, default ""
    description: What the dictionary is for.    # optional
    topics:                                     # required, a non-empty mapping slug -> topic
      economy:                                  # slug: [a-z][a-z0-9_]*, becomes the column topic_economy
        label: Economy and business             # optional, default: the slug in words
        description: What the topic covers.     # optional (the default dictionary gives every topic one)
        terms:                                  # required, a non-empty list of strings
          - trade                               # an exact word
          - econom*                             # a prefix wildcard: econom, economy, economics, ...
          - free trade                          # a phrase: consecutive words
          - foreign minist*                     # a phrase whose words may be wildcards too

Other keys are refused (a misspelt ``term:`` is an error, not an empty topic). Scalars are read as
written, so ``no`` or ``1.0`` stay strings.

LIWC-style ``.dic``
-------------------
A header of ``id<TAB>name`` lines between two lines holding ``%``, then ``term<TAB>id...`` lines. Ids
may be separated by tabs or spaces. On a line without a tab the trailing fields that are category ids
are the ids and the fields before them the term (so a phrase term works either way). The same term on
several lines merges its categories. Slugs are made from the names (lowercase ASCII, underscores). The
file is read as UTF-8 and, failing that, as cp1252. No name, version or descriptions: the name is the
file name and the version is empty. LIWC 2015's conditional entries (``like (02 134)125/464``) are not
supported and are reported as undefined ids.

Terms
-----
Terms are lower-cased (and NFC-normalised, ``’`` read as ``'``); inner whitespace separates the words
of a phrase. ``*`` may only end a word: ``abc*`` matches every word starting with ``abc``, ``abc``
itself included. A term with a hyphen or slash (``people-to-people``, ``9/11``) matches one token as
written and also the phrase of its parts (``people to people``, ``9 11``), so a dictionary works
whether the tokenizer keeps such words whole or splits them.

Matching rules
--------------
Each topic is matched independently of the others:

1. Case-insensitive: words are lower-cased (and ``’`` read as ``'``) before lookup.
2. Phrases first, longest first: every occurrence of every phrase of the topic is found; they are
   taken by decreasing number of words, then from left to right (then the one with fewer wildcards),
   and an occurrence overlapping a word already taken is dropped.
3. Then every word not taken by one of the topic's phrases is matched by the topic's exact entry if
   it has one, else (for a possessive, ``nato's``) the exact entry of its base, else its longest
   matching wildcard prefix, else (for a hyphenated word the tokenizer kept whole,
   ``security-obsessed``) the longest match among its parts, rules 2-3 applied to the parts.
4. So a token counts at most once per topic, but may count for several topics.

Phrases do not run across a break (punctuation other than a hyphen, apostrophe or slash between two
words, see :func:`measure`); a possessive word inside a phrase matches by its base (``soft power's``).
Every :class:`Match` says which entry matched and how (``exact``, ``wildcard`` or ``phrase``).

Counts
------
The count of a topic is its number of matches (a phrase counts once); the rate is per 1,000 words;
the coverage is the share of words matched by at least one topic. Columns are ``topic_<slug>`` (rate
per 1,000 words), ``topic_<slug>_count`` and ``topics_coverage``; with no words every rate and the
coverage are 0.0.

Example
-------
>>> d = parse_dictionary(b"topics: {trade: {terms: [trade*, free trade]}}", source="demo.yaml", format="yaml")
>>> match(["Free", "trade", "and", "traders"], d)
[Match(topic='trade', entry='free trade', token_start=0, token_end=2, kind='phrase'), \
Match(topic='trade', entry='trade*', token_start=3, token_end=4, kind='wildcard')]
>>> topic_counts(match(["Free", "trade", "and", "traders"], d), 4, d)["topic_trade"]
500.0
"""

from __future__ import annotations

import codecs
import functools
import hashlib
import os
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import compress
from operator import not_
from pathlib import Path
from typing import Literal, NamedTuple, Protocol

import numpy as np
import pandas as pd
import yaml

from . import yamlfile
from .datafiles import DATA_DIR
from .errors import DiscourseError

# The YAML reading rules shared by every data-file loader (markers and actors import them from here too).
_line, _mapping, _is_null = yamlfile.line, yamlfile.mapping, yamlfile.is_null
_reject_unknown_keys = yamlfile.reject_unknown_keys

# Rates are per 1,000 words, the unit of LIWC-style dictionary studies in political communication
# (LIWC itself reports percentages; per-mille keeps the small topic rates readable).
RATE_PER_WORDS = 1000
# The ``.dic`` format is read as UTF-8 first and cp1252 second: LIWC dictionaries made on Windows are
# cp1252 (the project's issue). YAML files are read the same way.
ENCODINGS = ("utf-8-sig", "cp1252")
WILDCARD = "*"
# Column names are topic_<slug>, so slugs are lowercase identifiers (DESIGN.md: public column names).
SLUG_PATTERN = re.compile(r"[a-z][a-z0-9_]*\Z")
COLUMN_PREFIX = "topic_"
COUNT_SUFFIX = "_count"
COVERAGE_COLUMN = "topics_coverage"
# Non-word tokens that join words rather than separate them: a phrase may run across these
# (people - to - people, don ' t). Any other non-word token (punctuation) breaks a phrase.
JOINERS = frozenset({"-", "\u2010", "\u2011", "'", "\u2019", "/"})
# Characters inside a dictionary word that the tokenizer may split at: a term written with them
# ("people-to-people", "9/11") also matches as the phrase of its parts.
TERM_JOINERS = re.compile(r"[-/]")
# A possessive is matched by its base word when the whole word matches nothing in a topic.
POSSESSIVE = "'s"
YAML_TOP_KEYS = frozenset({"name", "version", "description", "topics"})
YAML_TOPIC_KEYS = frozenset({"label", "description", "terms"})
DEFAULT_DICTIONARY = DATA_DIR / "topics" / "foreign_policy.yaml"

Format = Literal["yaml", "dic"]
MatchKind = Literal["exact", "wildcard", "phrase"]
_EXTENSIONS: dict[str, Format] = {".yaml": "yaml", ".yml": "yaml", ".dic": "dic"}


# --------------------------------------------------------------------------------------------------
# Data model


@dataclass(frozen=True)
class Topic:
    """One topic: its terms as written (lower-cased) and, derived from them, what matching uses.

    ``exact`` holds single words, ``wildcards`` the prefixes of single-word wildcards (without ``*``),
    ``phrases`` pairs of (entry, words) where a word may end with ``*``.
    """

    slug: str
    label: str
    description: str
    terms: tuple[str, ...]
    exact: frozenset[str] = field(init=False, repr=False)
    wildcards: frozenset[str] = field(init=False, repr=False)
    phrases: tuple[tuple[str, tuple[str, ...]], ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not SLUG_PATTERN.match(self.slug):
            raise DiscourseError(f"topic slug {self.slug!r} is not a lowercase identifier ([a-z][a-z0-9_]*).")
        terms = tuple(dict.fromkeys(_normalise_term(t) for t in self.terms))
        if not terms:
            raise DiscourseError(f"topic {self.slug!r} has no terms.")
        object.__setattr__(self, "terms", terms)
        exact: set[str] = set()
        wild: set[str] = set()
        phrases: list[tuple[str, tuple[str, ...]]] = []
        for term in terms:
            for words in _variants(term, f"topic {self.slug!r}"):
                if len(words) > 1:
                    phrases.append((term, words))
                elif words[0].endswith(WILDCARD):
                    wild.add(words[0][:-1])
                else:
                    exact.add(words[0])
        object.__setattr__(self, "exact", frozenset(exact))
        object.__setattr__(self, "wildcards", frozenset(wild))
        object.__setattr__(self, "phrases", tuple(phrases))

    @property
    def column(self) -> str:
        """The rate column of this topic, ``topic_<slug>``."""
        return COLUMN_PREFIX + self.slug


@dataclass(frozen=True)
class Dictionary:
    """A loaded topic dictionary; ``sha256`` is of the file's bytes, for reproducibility."""

    name: str
    version: str
    topics: tuple[Topic, ...]
    description: str = ""
    sha256: str = ""
    path: Path | None = None
    _index: _Index = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.topics:
            raise DiscourseError(f"dictionary {self.name!r} has no topics.")
        columns: dict[str, str] = {}
        for topic in self.topics:
            for column in (topic.column, topic.column + COUNT_SUFFIX):
                if column in columns:
                    raise DiscourseError(
                        f"dictionary {self.name!r}: topic {topic.slug!r} clashes with topic "
                        f"{columns[column]!r} (both give the column {column!r}); rename one."
                    )
                columns[column] = topic.slug
        object.__setattr__(self, "_index", _Index(self.topics))

    @property
    def slugs(self) -> tuple[str, ...]:
        return tuple(t.slug for t in self.topics)

    def topic(self, slug: str) -> Topic:
        for t in self.topics:
            if t.slug == slug:
                return t
        raise KeyError(slug)


class Match(NamedTuple):
    """One matched term: words ``token_start`` up to (not including) ``token_end`` of the input."""

    topic: str
    entry: str
    token_start: int
    token_end: int
    kind: MatchKind


class TokenLike(Protocol):
    """What :func:`measure` needs from a token (``analysis.text.Token`` has it)."""

    text: str
    start: int
    end: int
    lower: str
    is_word: bool


class TopicMeasures(NamedTuple):
    units: pd.DataFrame  # one row per unit: unit, n_words, topic_<slug>, topic_<slug>_count, topics_coverage
    terms: pd.DataFrame  # one row per match: unit, topic, entry, kind, word/token/char positions, text
    # The same figures as arrays, for callers that compute with them (units x topics counts; per
    # unit the words matched by at least one topic):
    counts: np.ndarray | None = None
    covered: np.ndarray | None = None


# --------------------------------------------------------------------------------------------------
# Loading


def default_dictionary_path() -> Path:
    """The dictionary the project ships: ``data/topics/foreign_policy.yaml``."""
    return DEFAULT_DICTIONARY


def load_dictionary(path: str | os.PathLike[str] | None = None) -> Dictionary:
    """Read a ``.yaml``/``.yml`` or ``.dic`` dictionary (the default one when ``path`` is None)."""
    path = Path(path) if path is not None else DEFAULT_DICTIONARY
    fmt = _EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise DiscourseError(
            f"{path}: unknown dictionary format {path.suffix!r}; use .yaml, .yml or .dic."
        )
    try:
        data = path.read_bytes()
    except OSError as e:
        raise DiscourseError(f"{path}: cannot read the dictionary ({e.strerror or e}).") from e
    return parse_dictionary(data, source=str(path), format=fmt, path=path)


def parse_dictionary(
    data: bytes, *, source: str, format: Format, path: Path | None = None
) -> Dictionary:
    """Parse dictionary bytes (e.g. an upload); ``source`` names the file in error messages."""
    text = _decode(data, source)
    digest = hashlib.sha256(data).hexdigest()
    stem = Path(source).stem or source
    if format == "yaml":
        return _parse_yaml(text, source, stem, digest, path)
    return _parse_dic(text, source, stem, digest, path)


def _decode(data: bytes, source: str) -> str:
    if not data.strip():
        raise DiscourseError(f"{source}: the file is empty.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DiscourseError(f"{source}, line 1: the file is UTF-16; save it as UTF-8.")
    error: UnicodeDecodeError | None = None
    for encoding in ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as e:
            error = e
            continue
        if "\x00" in text:
            line = text.count("\n", 0, text.index("\x00")) + 1
            raise DiscourseError(f"{source}, line {line}: a NUL character; this is not a text file.")
        return unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    assert error is not None
    line = data.count(b"\n", 0, error.start) + 1
    raise DiscourseError(
        f"{source}, line {line}: byte {data[error.start]:#04x} is neither UTF-8 nor cp1252; "
        "save the file as UTF-8."
    )


def _variants(term: str, where: str) -> list[tuple[str, ...]]:
    """The word sequences a term matches: as written and, if it has a hyphen or slash, split there."""
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
    variants = [words]
    parts = [part for w in words for part in TERM_JOINERS.split(w)]
    # Split only where every part is a word: "anti-*" or "-ism" keep their one form.
    if len(parts) > len(words) and all(p and p != WILDCARD for p in parts):
        variants.append(tuple(parts))
    return variants


def _normalise_term(raw: str) -> str:
    return " ".join(_fold(unicodedata.normalize("NFC", raw)).split())



def _parse_yaml(text: str, source: str, stem: str, digest: str, path: Path | None) -> Dictionary:
    root = yamlfile.compose(text, source)
    top = _mapping(root, source, "the file")
    _reject_unknown_keys(top, YAML_TOP_KEYS, source, "")
    if "topics" not in top:
        raise DiscourseError(f"{source}, line {_line(root)}: no 'topics' mapping.")
    topics_node = top["topics"][1]
    topic_nodes = _mapping(topics_node, source, "'topics'")
    if not topic_nodes:
        raise DiscourseError(f"{source}, line {_line(topics_node)}: 'topics' is empty.")
    topics = []
    for slug, (key_node, value_node) in topic_nodes.items():
        where = f"{source}, line {_line(key_node)}"
        if not SLUG_PATTERN.match(slug):
            raise DiscourseError(
                f"{where}: topic {slug!r}: a slug must be lowercase letters, digits and underscores, "
                "starting with a letter (it becomes the column topic_<slug>)."
            )
        fields = _mapping(value_node, source, f"topic {slug!r}")
        _reject_unknown_keys(fields, YAML_TOPIC_KEYS, source, f"topic {slug!r}: ")
        if "terms" not in fields:
            raise DiscourseError(f"{where}: topic {slug!r} has no 'terms' list.")
        terms_node = fields["terms"][1]
        if not isinstance(terms_node, yaml.SequenceNode) or not terms_node.value:
            raise DiscourseError(
                f"{source}, line {_line(terms_node)}: topic {slug!r}: 'terms' must be a non-empty list."
            )
        terms: list[str] = []
        for term_node in terms_node.value:
            term_where = f"{source}, line {_line(term_node)}"
            if not isinstance(term_node, yaml.ScalarNode) or _is_null(term_node):
                raise DiscourseError(f"{term_where}: topic {slug!r}: each term must be a string.")
            term = _normalise_term(term_node.value)
            _variants(term, f"{term_where}: topic {slug!r}")
            if term not in terms:
                terms.append(term)
        label = _scalar(fields, "label", source, slug) or slug.replace("_", " ").capitalize()
        description = _scalar(fields, "description", source, slug)
        topics.append(Topic(slug, label, description, tuple(terms)))
    return _dictionary(
        source,
        name=_scalar(top, "name", source) or stem,
        version=_scalar(top, "version", source),
        description=_scalar(top, "description", source),
        topics=tuple(topics),
        sha256=digest,
        path=path,
    )


def _scalar(fields: yamlfile.Fields, key: str, source: str, slug: str | None = None) -> str:
    return yamlfile.scalar(fields, key, source, f"topic {slug!r}: " if slug else "")


def _dictionary(source: str, **kwargs: object) -> Dictionary:
    try:
        return Dictionary(**kwargs)  # type: ignore[arg-type]
    except DiscourseError as e:
        raise DiscourseError(f"{source}: {e}") from None


def _parse_dic(text: str, source: str, stem: str, digest: str, path: Path | None) -> Dictionary:
    lines = text.split("\n")
    names, body = _dic_header(lines, source)
    terms: dict[str, list[str]] = {cid: [] for cid in names}
    for number in range(body + 1, len(lines) + 1):
        if lines[number - 1].strip():
            term, ids = _dic_entry(lines[number - 1], names, f"{source}, line {number}")
            for cid in ids:
                if term not in terms[cid]:
                    terms[cid].append(term)
    topics = []
    slugs: dict[str, int] = {}
    for cid, (name, line) in names.items():
        slug = _slugify(name) or f"category_{_slugify(cid) or len(slugs) + 1}"
        if slug in slugs:
            raise DiscourseError(
                f"{source}, line {line}: category {name!r} gives the same column name as the category on "
                f"line {slugs[slug]} (topic_{slug}); rename one."
            )
        slugs[slug] = line
        if not terms[cid]:
            raise DiscourseError(f"{source}, line {line}: category {cid} {name!r} has no terms.")
        topics.append(Topic(slug, name, "", tuple(terms[cid])))
    return _dictionary(source, name=stem, version="", topics=tuple(topics), sha256=digest, path=path)


def _dic_header(lines: list[str], source: str) -> tuple[dict[str, tuple[str, int]], int]:
    """Category id -> (name, line number), and the index of the first line after the header."""
    n = 0
    while n < len(lines) and not lines[n].strip():
        n += 1
    if n == len(lines) or lines[n].strip() != "%":
        raise DiscourseError(
            f"{source}, line {n + 1}: no header; a .dic file starts with a line holding '%', then "
            "'id<TAB>name' lines, then another '%' line."
        )
    opening = n + 1
    names: dict[str, tuple[str, int]] = {}
    for n in range(n + 1, len(lines)):
        if lines[n].strip() == "%":
            break
        fields = lines[n].split(None, 1)
        if not fields:
            continue
        if len(fields) < 2:
            raise DiscourseError(f"{source}, line {n + 1}: header line {fields[0]!r} has no category name.")
        cid = fields[0]
        if cid in names:
            raise DiscourseError(
                f"{source}, line {n + 1}: category id {cid!r} is defined twice (first on line {names[cid][1]})."
            )
        names[cid] = (" ".join(fields[1].split()), n + 1)
    else:
        raise DiscourseError(f"{source}, line {opening}: the header opened here is never closed by a '%' line.")
    if not names:
        raise DiscourseError(f"{source}, line {opening}: the header defines no categories.")
    return names, n + 1


def _dic_entry(line: str, names: dict[str, tuple[str, int]], where: str) -> tuple[str, list[str]]:
    """A term line: (term, category ids). Tab: term before it. No tab: trailing known ids are the ids."""
    line = line.strip()
    if "\t" in line:
        raw_term, _, rest = line.partition("\t")
        ids = rest.split()
    else:
        fields = line.split()
        k = len(fields)
        while k > 1 and fields[k - 1] in names:
            k -= 1
        raw_term, ids = " ".join(fields[:k]), fields[k:]
        if not ids and len(fields) > 1:
            ids = fields[-1:]  # not a defined id: reported below
            raw_term = " ".join(fields[:-1])
    term = _normalise_term(raw_term)
    if not term:
        raise DiscourseError(f"{where}: a line with category ids but no term.")
    if not ids:
        raise DiscourseError(f"{where}: term {term!r} has no category ids.")
    _variants(term, where)
    for cid in ids:
        if cid not in names:
            raise DiscourseError(
                f"{where}: term {term!r}: undefined category id {cid!r} (the header defines {', '.join(names)})."
            )
    return term, ids


def _slugify(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_name.lower()).strip("_")
    if slug and not slug[0].isalpha():
        slug = "c_" + slug
    return slug


# --------------------------------------------------------------------------------------------------
# Matching

# A compiled phrase: topic index, entry, words as (text, is_prefix), and its rank among occurrences
# starting at the same word (fewer wildcards first, then more literal characters).
_Phrase = tuple[int, str, tuple[tuple[str, bool], ...], tuple[int, int]]
_Single = tuple[int, str, MatchKind]


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
        base = _possessive_base(word)
        if base is not None:
            found += self.by_second.get(base, ())
        return found + self.other if self.other else found


_Info = tuple[tuple[_Single, ...], "_Starts | tuple[()]"]
_NOTHING: _Info = ((), ())
# An internal match: start, topic index, end, entry, kind (sorts by position, then topic).
_Hit = tuple[int, int, int, str, MatchKind]


def _fold(word: str) -> str:
    """Lower case, one apostrophe (’ -> ')."""
    return word.lower().replace("\u2019", "'")


def _possessive_base(word: str) -> str | None:
    return word[: -len(POSSESSIVE)] if word.endswith(POSSESSIVE) and len(word) > len(POSSESSIVE) else None


class _Index:
    """All topics compiled into lookups: exact words, wildcard prefixes, phrases by first word."""

    def __init__(self, topics: Sequence[Topic]) -> None:
        self.slugs = tuple(t.slug for t in topics)
        self.columns = tuple((t.slug, t.column, t.column + COUNT_SUFFIX) for t in topics)
        self.positions = {slug: k for k, slug in enumerate(self.slugs)}
        self.exact: dict[str, list[tuple[int, str]]] = {}
        self.wild: dict[str, list[tuple[int, str]]] = {}
        self.phrase_exact: dict[str, list[_Phrase]] = {}
        self.phrase_wild: dict[str, list[_Phrase]] = {}
        for t_index, topic in enumerate(topics):
            for word in sorted(topic.exact):
                self.exact.setdefault(word, []).append((t_index, word))
            for prefix in sorted(topic.wildcards):
                self.wild.setdefault(prefix, []).append((t_index, prefix + WILDCARD))
            for entry, words in topic.phrases:
                pattern = tuple((w[:-1], True) if w.endswith(WILDCARD) else (w, False) for w in words)
                rank = (sum(p for _, p in pattern), -sum(len(w) for w, _ in pattern))
                phrase: _Phrase = (t_index, entry, pattern, rank)
                first, is_prefix = pattern[0]
                (self.phrase_wild if is_prefix else self.phrase_exact).setdefault(first, []).append(phrase)
        self.wild_lengths = sorted({len(p) for p in self.wild}, reverse=True)
        self.memo: dict[str, _Info] = {}  # folded word -> what it resolves to (see _hits)
        self.phrase_wild_lengths = sorted({len(p) for p in self.phrase_wild}, reverse=True)

    def resolve(self, word: str) -> _Info:
        """Per topic, the single-word entry matching ``word``; and the phrases that may start here.

        ``word`` is folded (:func:`_fold`). Per topic: an exact entry for the word, else for the base of
        a possessive ("nato's" -> "nato"), else the longest wildcard, else the parts of a hyphenated
        word ("security-obsessed").
        """
        found: dict[int, _Single] = {}
        self._exact(word, found)
        phrases = self._phrase_starts(word)
        base = _possessive_base(word)
        if base is not None:
            self._exact(base, found)
            phrases += self._phrase_starts(base)
        self._wildcards(word, found)  # the prefixes of "word's" include those of "word"
        if "-" in word and len(found) < len(self.slugs):
            self._parts(base or word, found)
        if not found and not phrases:
            return _NOTHING
        return tuple(found[t] for t in sorted(found)), _Starts.of(phrases)

    def _exact(self, word: str, found: dict[int, _Single]) -> None:
        for t_index, entry in self.exact.get(word, ()):
            found.setdefault(t_index, (t_index, entry, "exact"))

    def _wildcards(self, word: str, found: dict[int, _Single]) -> None:
        """For each topic not in ``found``, its longest wildcard prefix of ``word``."""
        size = len(word)
        for length in self.wild_lengths:  # longest prefix first
            if length <= size:
                for t_index, entry in self.wild.get(word[:length], ()):
                    found.setdefault(t_index, (t_index, entry, "wildcard"))

    def _phrase_starts(self, word: str) -> list[_Phrase]:
        phrases = list(self.phrase_exact.get(word, ()))
        size = len(word)
        for length in self.phrase_wild_lengths:
            if length <= size:
                phrases.extend(self.phrase_wild.get(word[:length], ()))
        return phrases

    def _parts(self, word: str, found: dict[int, _Single]) -> None:
        """Match the parts of a hyphenated word as words; per topic keep its longest, then first, match."""
        parts = [p for p in word.split("-") if p]
        if len(parts) < 2:
            return
        candidates = [(k, info) for k, info in enumerate(map(self.resolve, parts)) if info is not _NOTHING]
        best: dict[int, _Hit] = {}
        for hit in _resolve(parts, candidates, ()):
            start, t_index, end = hit[0], hit[1], hit[2]
            if t_index not in found and (t_index not in best or end - start > best[t_index][2] - best[t_index][0]):
                best[t_index] = hit
        for t_index, (_start, _t, _end, entry, kind) in best.items():
            found[t_index] = (t_index, entry, kind)


def _resolve(words: Sequence[str], candidates: Iterable[tuple[int, _Info]], breaks: Collection[int]) -> list[_Hit]:
    """Apply the matching rules to the words that may match something (``candidates``: index, info).

    ``words`` are folded (:func:`_fold`). Phrases first (all occurrences; longest, then leftmost, then
    least wildcarded first; a topic's words are taken once), then single words not taken by a phrase
    of the same topic.
    """
    n = len(words)
    singles: list[tuple[int, tuple[_Single, ...]]] = []
    occurrences: list[tuple[int, int, tuple[int, int], int, str]] = []
    for i, (found, starts) in candidates:
        if found:
            singles.append((i, found))
        if not starts or i + 1 >= n:  # every phrase has two words or more
            continue
        for t_index, entry, pattern, rank in starts.after(words[i + 1]):
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
                occurrences.append((-size, i, rank, t_index, entry))
    if not occurrences:
        return [(i, t_index, i + 1, entry, kind) for i, found in singles for t_index, entry, kind in found]
    taken: dict[int, set[int]] = {}
    hits: list[_Hit] = []
    for neg_size, start, _rank, t_index, entry in sorted(occurrences):
        span = range(start, start - neg_size)
        claimed = taken.setdefault(t_index, set())
        if claimed.isdisjoint(span):
            claimed.update(span)
            hits.append((start, t_index, span.stop, entry, "phrase"))
    for i, found in singles:
        for t_index, entry, kind in found:
            if i not in taken.get(t_index, ()):
                hits.append((i, t_index, i + 1, entry, kind))
    hits.sort()
    return hits


def _word_matches(word: str, text: str, is_prefix: bool) -> bool:
    """Whether a later (folded) word of a phrase matches its pattern (a possessive matches by its base too)."""
    if word.startswith(text) if is_prefix else word == text:
        return True
    base = _possessive_base(word)
    return base is not None and (base.startswith(text) if is_prefix else base == text)


# What each distinct folded word resolves to is remembered per dictionary, across calls and documents
# (a corpus repeats its words: over 100 briefings, 1 word in 60 is new). Bounded: past this many words
# the memo stops growing and new words are resolved afresh for each call.
_MEMO_LIMIT = 200_000


def _hits(words: Sequence[str], breaks: Collection[int], index: _Index) -> list[_Hit]:
    """Every match of the index's topics in folded ``words``, as internal hits sorted by position."""
    memo = index.memo
    new = set(words).difference(memo)
    if new:
        resolve = index.resolve
        if len(memo) + len(new) > _MEMO_LIMIT:
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


def match(words: Sequence[str], dictionary: Dictionary, *, breaks: Collection[int] = ()) -> list[Match]:
    """Every match of the dictionary's topics in ``words``, ordered by position then topic.

    ``words`` are word tokens (no punctuation), lower-cased or not. ``breaks`` holds word indices
    ``i`` such that no phrase may run from word ``i - 1`` into word ``i``.

    >>> d = parse_dictionary(b"topics: {war: {terms: [war, wars, cold war]}}", source="d.yaml", format="yaml")
    >>> [m.entry for m in match("the cold war and wars".split(), d)]
    ['cold war', 'wars']
    """
    index = dictionary._index
    slugs = index.slugs
    folded = [_fold(w) for w in words]
    return [Match(slugs[t], entry, start, end, kind) for start, t, end, entry, kind in _hits(folded, breaks, index)]


def topic_counts(matches: Iterable[Match], n_words: int, dictionary: Dictionary) -> dict[str, int | float]:
    """``n_words``, then per topic ``topic_<slug>`` (rate per 1,000 words) and ``topic_<slug>_count``,
    then ``topics_coverage`` (share of words matched by at least one topic)."""
    if n_words < 0:
        raise ValueError(f"n_words must not be negative, got {n_words}")
    matches = list(matches)
    for m in matches:
        if m.topic not in dictionary._index.positions:
            raise ValueError(f"match of topic {m.topic!r}, which is not in dictionary {dictionary.name!r}")
        if not 0 <= m.token_start < m.token_end <= n_words:
            raise ValueError(f"match {m} lies outside {n_words} words")
    return dict(zip(_unit_columns(dictionary)[1:], _count_row(matches, n_words, dictionary._index)))


def _unit_columns(dictionary: Dictionary) -> list[str]:
    columns = ["unit", "n_words"]
    for _slug, rate_column, count_column in dictionary._index.columns:
        columns += [rate_column, count_column]
    return columns + [COVERAGE_COLUMN]


def _count_row(matches: list[Match], n_words: int, index: _Index) -> list[int | float]:
    """n_words, rate and count of each topic, coverage: the values of one unit row."""
    counts = [0] * len(index.slugs)
    covered: set[int] = set()
    positions = index.positions
    for m in matches:
        counts[positions[m.topic]] += 1
        covered.update(range(m.token_start, m.token_end))
    scale = RATE_PER_WORDS / n_words if n_words else 0.0
    row: list[int | float] = [n_words]
    for count in counts:
        row += [count * scale, count]
    row.append(len(covered) / n_words if n_words else 0.0)
    return row


class Words(NamedTuple):
    """One unit's words, made ready once for matching against any number of dictionaries."""

    tokens: Sequence[TokenLike]
    positions: list[int]  # the token index of each word
    words: list[str]  # the words, folded (lower case, ’ read as ')
    breaks: Collection[int]  # word indices that a phrase may not run into (see _breaks)


class Prepared(list):
    """The :class:`Words` of each unit, from :func:`prepare`; :func:`measure` and
    :func:`analysis.markers.measure` take it in place of the units' tokens, to share the work."""


def prepare(units: Iterable[Sequence[TokenLike]]) -> Prepared:
    """Each unit's words, folded, with their token positions and phrase breaks (see :func:`measure`)."""
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


def _scan(prepared: Prepared, index: _Index) -> Iterable[tuple[int, Words, list[_Hit]]]:
    for unit, w in enumerate(prepared):
        yield unit, w, _hits(w.words, w.breaks, index)


def spans(units: Iterable[Sequence[TokenLike]] | Prepared, dictionary: Dictionary) -> list[tuple]:
    """Every match as a tuple ``(unit, topic, entry, kind, start, end, text)``: the columns of
    :func:`measure`'s terms frame that say where and what, without building the frame."""
    prepared = units if isinstance(units, Prepared) else prepare(units)
    slugs = dictionary._index.slugs
    out = []
    for unit, w, hits in _scan(prepared, dictionary._index):
        tokens, positions = w.tokens, w.positions
        for start, t, end, entry, kind in hits:
            first, last = tokens[positions[start]], tokens[positions[end - 1]]
            text = first.text if end - start == 1 else " ".join(tokens[positions[k]].text for k in range(start, end))
            out.append((unit, slugs[t], entry, kind, first.start, last.end, text))
    return out


def measure(units: Iterable[Sequence[TokenLike]] | Prepared, dictionary: Dictionary, *, terms: bool = True) -> TopicMeasures:
    """Topic measures of each unit (an answer, a sentence...) given as its tokens from ``analysis.text``
    (or as :func:`prepare` made them).

    Non-word tokens are skipped; punctuation between two words breaks phrases, hyphens, apostrophes
    and slashes do not. ``units`` frame: one row per unit in input order (``unit`` is its position),
    with ``n_words``, ``topic_<slug>``, ``topic_<slug>_count``, ``topics_coverage``. ``terms`` frame:
    one row per match with ``unit, topic, entry, kind``, ``word``/``word_end`` (word indices in the
    unit, end exclusive), ``token``/``token_end`` (indices in the unit's token list, end exclusive),
    ``start``/``end`` (character span in the text the tokens came from) and ``text`` (the matched
    words as written, joined by spaces). ``terms=False`` leaves the terms frame empty.
    """
    prepared = units if isinstance(units, Prepared) else prepare(units)
    index = dictionary._index
    n_topics = len(index.slugs)
    n_units = len(prepared)
    n_words = np.zeros(n_units, dtype="int64")
    covered = np.zeros(n_units, dtype="int64")
    cells: list[int] = []  # unit * n_topics + topic, once per match
    term_rows: list[tuple[object, ...]] = []
    slugs = index.slugs
    for unit, w, hits in _scan(prepared, index):
        n_words[unit] = len(w.words)
        if not hits:
            continue
        cells += [unit * n_topics + t for _s, t, _e, _entry, _kind in hits]
        covered[unit] = len({k for s, _t, e, _entry, _kind in hits for k in range(s, e)})
        if terms:
            tokens, positions = w.tokens, w.positions
            for start, t, end, entry, kind in hits:
                first, last = positions[start], positions[end - 1]
                text = " ".join(tokens[positions[k]].text for k in range(start, end))
                term_rows.append(
                    (unit, slugs[t], entry, kind, start, end, first, last + 1, tokens[first].start, tokens[last].end, text)
                )
    counts = np.bincount(np.asarray(cells, dtype="int64"), minlength=n_units * n_topics).reshape(n_units, n_topics)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(n_words > 0, RATE_PER_WORDS / np.maximum(n_words, 1), 0.0)
        coverage = np.where(n_words > 0, covered / np.maximum(n_words, 1), 0.0)
    columns: dict[str, np.ndarray] = {"unit": np.arange(n_units, dtype="int64"), "n_words": n_words}
    for k, (_slug, rate_column, count_column) in enumerate(index.columns):
        columns[rate_column] = counts[:, k] * scale
        columns[count_column] = counts[:, k]
    columns[COVERAGE_COLUMN] = coverage
    units_frame = pd.DataFrame(columns)
    terms_frame = pd.DataFrame(term_rows, columns=TERM_COLUMNS) if term_rows else _no_terms().copy()
    return TopicMeasures(units_frame, terms_frame, counts, covered)


TERM_COLUMNS = ["unit", "topic", "entry", "kind", "word", "word_end", "token", "token_end", "start", "end", "text"]


@functools.lru_cache(maxsize=1)
def _no_terms() -> pd.DataFrame:
    """The empty terms frame, made once (callers get a copy)."""
    return pd.DataFrame([], columns=TERM_COLUMNS)


def _breaks(tokens: Sequence[TokenLike], is_word: list[bool], positions: list[int]) -> set[int]:
    """Word indices that a phrase may not run into: those after punctuation other than a joiner."""
    breaks: set[int] = set()
    for t in compress(range(len(tokens)), map(not_, is_word)):
        mark = tokens[t].text.strip()
        if mark and mark not in JOINERS:
            breaks.add(bisect_left(positions, t))
    return breaks

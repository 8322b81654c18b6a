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

Terms and matching
------------------
The term syntax (exact words, ``*`` ending a word, phrases, hyphenated terms) and the matching rules
are those of :mod:`analysis.terms`, the one term engine. A YAML dictionary is matched topic by topic
(rule ``"per_entry"``: a word counts at most once per topic, but may count for several topics); a
``.dic`` dictionary as LIWC reads it (rule ``"dictionary"``: each line is one entry with its
categories, and a word takes the categories of the one line it matches: its exact line if there is
one, else its longest wildcard line). Every :class:`Match` says which entry matched and how
(``exact``, ``wildcard`` or ``phrase``).

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

import functools
import hashlib
import os
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Literal, NamedTuple

import numpy as np
import pandas as pd
import yaml

from analysis import datafiles, yamlfile
from analysis import terms as engine
from analysis.errors import DiscourseError
from analysis.sentence.detail import Detail
from analysis.terms import Prepared, TokenLike, prepare, spans  # noqa: F401  (part of this module's API)

# The YAML reading rules shared by every data-file loader.
_line, _mapping, _is_null = yamlfile.line, yamlfile.mapping, yamlfile.is_null
_reject_unknown_keys = yamlfile.reject_unknown_keys

# Rates are per 1,000 words, the unit of LIWC-style dictionary studies in political communication
# (LIWC itself reports percentages; per-mille keeps the small topic rates readable).
RATE_PER_WORDS = 1000
# The ``.dic`` format is read as UTF-8 first and cp1252 second (YAML files the same way): see
# analysis.datafiles.ENCODINGS.
ENCODINGS = datafiles.ENCODINGS
WILDCARD = engine.WILDCARD
# Column names are topic_<slug>, so slugs are lowercase identifiers (DESIGN.md: public column names).
SLUG_PATTERN = engine.SLUG_PATTERN
COLUMN_PREFIX = "topic_"
COUNT_SUFFIX = "_count"
COVERAGE_COLUMN = "topics_coverage"
JOINERS = engine.JOINERS
YAML_TOP_KEYS = frozenset({"name", "version", "description", "topics"})
YAML_TOPIC_KEYS = frozenset({"label", "description", "terms"})
DEFAULT_DICTIONARY = datafiles.DICTIONARY

Format = Literal["yaml", "dic"]
MatchKind = engine.MatchKind
_EXTENSIONS: dict[str, Format] = {".yaml": "yaml", ".yml": "yaml", ".dic": "dic"}


# --------------------------------------------------------------------------------------------------
# Data model


class Topic(engine.Entry):
    """One topic: a named list of terms (:class:`analysis.terms.Entry`); it must have terms.

    ``exact`` holds single words, ``wildcards`` the prefixes of single-word wildcards (without ``*``),
    ``phrases`` pairs of (entry, words) where a word may end with ``*``.
    """

    def __post_init__(self) -> None:
        super().__post_init__()
        if not self.terms:
            raise DiscourseError(f"topic {self.slug!r} has no terms.")

    @property
    def column(self) -> str:
        """The rate column of this topic, ``topic_<slug>``."""
        return COLUMN_PREFIX + self.slug


class Dictionary(engine.EntryList[Topic]):
    """A loaded topic dictionary (an :class:`analysis.terms.EntryList` of topics); ``sha256`` is of
    the file's bytes, for reproducibility; ``rule`` is ``"dictionary"`` for a ``.dic`` file."""

    def __post_init__(self) -> None:
        if not self.entries:
            raise DiscourseError(f"dictionary {self.name!r} has no topics.")
        columns: dict[str, str] = {}
        for topic in self.entries:
            for column in (topic.column, topic.column + COUNT_SUFFIX):
                if column in columns:
                    raise DiscourseError(
                        f"dictionary {self.name!r}: topic {topic.slug!r} clashes with topic "
                        f"{columns[column]!r} (both give the column {column!r}); rename one."
                    )
                columns[column] = topic.slug
        super().__post_init__()

    @property
    def topics(self) -> tuple[Topic, ...]:
        return self.entries

    @property
    def columns(self) -> tuple[tuple[str, str, str], ...]:
        """Per topic (in matching order): slug, rate column, count column."""
        return tuple((t.slug, t.column, t.column + COUNT_SUFFIX) for t in self.entries)

    def topic(self, slug: str) -> Topic:
        return self.get(slug)


class Match(NamedTuple):
    """One matched term: words ``token_start`` up to (not including) ``token_end`` of the input."""

    topic: str
    entry: str
    token_start: int
    token_end: int
    kind: MatchKind


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
    data = datafiles.read(path, "dictionary")
    return parse_dictionary(data, source=str(path), format=fmt, path=path)


def parse_dictionary(
    data: bytes, *, source: str, format: Format, path: Path | None = None
) -> Dictionary:
    """Parse dictionary bytes (e.g. an upload); ``source`` names the file in error messages."""
    text = datafiles.decode(data, source)
    digest = hashlib.sha256(data).hexdigest()
    stem = Path(source).stem or source
    if format == "yaml":
        return _parse_yaml(text, source, stem, digest, path)
    return _parse_dic(text, source, stem, digest, path)


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
            term = engine.normalise(term_node.value)
            engine.variants(term, f"{term_where}: topic {slug!r}")
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
        entries=tuple(topics),
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
    return _dictionary(
        source, name=stem, version="", entries=tuple(topics), sha256=digest, path=path, rule="dictionary"
    )


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
    term = engine.normalise(raw_term)
    if not term:
        raise DiscourseError(f"{where}: a line with category ids but no term.")
    if not ids:
        raise DiscourseError(f"{where}: term {term!r} has no category ids.")
    engine.variants(term, where)
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
# Matching and counts


def match(words: Sequence[str], dictionary: Dictionary, *, breaks: Collection[int] = ()) -> list[Match]:
    """Every match of the dictionary's topics in ``words``, ordered by position then topic.

    ``words`` are word tokens (no punctuation), lower-cased or not. ``breaks`` holds word indices
    ``i`` such that no phrase may run from word ``i - 1`` into word ``i``.

    >>> d = parse_dictionary(b"topics: {war: {terms: [war, wars, cold war]}}", source="d.yaml", format="yaml")
    >>> [m.entry for m in match("the cold war and wars".split(), d)]
    ['cold war', 'wars']
    """
    return [Match(slug, entry, start, end, kind) for start, slug, end, entry, kind in engine.hits(words, dictionary, breaks=breaks)]


def topic_counts(matches: Iterable[Match], n_words: int, dictionary: Dictionary) -> dict[str, int | float]:
    """``n_words``, then per topic ``topic_<slug>`` (rate per 1,000 words) and ``topic_<slug>_count``,
    then ``topics_coverage`` (share of words matched by at least one topic)."""
    if n_words < 0:
        raise ValueError(f"n_words must not be negative, got {n_words}")
    matches = list(matches)
    for m in matches:
        if m.topic not in dictionary.index.positions:
            raise ValueError(f"match of topic {m.topic!r}, which is not in dictionary {dictionary.name!r}")
        if not 0 <= m.token_start < m.token_end <= n_words:
            raise ValueError(f"match {m} lies outside {n_words} words")
    return dict(zip(_unit_columns(dictionary)[1:], _count_row(matches, n_words, dictionary.index)))


def _unit_columns(dictionary: Dictionary) -> list[str]:
    columns = ["unit", "n_words"]
    for _slug, rate_column, count_column in dictionary.columns:
        columns += [rate_column, count_column]
    return columns + [COVERAGE_COLUMN]


def _count_row(matches: list[Match], n_words: int, index: engine.Index) -> list[int | float]:
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


def top_topics(row: Mapping[str, float], columns: Iterable[str]) -> list[str]:
    """The one rule for an answer's "top topic", wherever one is named: of ``columns`` (rate columns,
    ``topic_<slug>``, in dictionary order), those with the highest rate in ``row``, all of them when
    several tie (in dictionary order), none when no topic term matched (every rate 0).

    >>> top_topics({"topic_a": 2.0, "topic_b": 5.0, "topic_c": 5.0}, ["topic_a", "topic_b", "topic_c"])
    ['topic_b', 'topic_c']
    >>> top_topics({"topic_a": 0.0}, ["topic_a"])
    []
    """
    rates = {c: float(row[c]) for c in columns}
    best = max(rates.values(), default=0.0)
    return [c for c, rate in rates.items() if rate == best] if best > 0 else []


def measure(units: Iterable[Sequence[TokenLike]] | Prepared, dictionary: Dictionary, *, detail: Detail = "full") -> TopicMeasures:
    """Topic measures of each unit (an answer, a sentence...) given as its tokens from ``analysis.text``
    (or as :func:`prepare` made them).

    Non-word tokens are skipped; punctuation between two words breaks phrases, hyphens, apostrophes
    and slashes do not. ``units`` frame: one row per unit in input order (``unit`` is its position),
    with ``n_words``, ``topic_<slug>``, ``topic_<slug>_count``, ``topics_coverage``. ``terms`` frame:
    one row per match with ``unit, topic, entry, kind``, ``word``/``word_end`` (word indices in the
    unit, end exclusive), ``token``/``token_end`` (indices in the unit's token list, end exclusive),
    ``start``/``end`` (character span in the text the tokens came from) and ``text`` (the matched
    words as written, joined by spaces). ``detail="summary"`` leaves the terms frame empty.
    """
    prepared = units if isinstance(units, Prepared) else prepare(units)
    index = dictionary.index
    n_topics = len(index.slugs)
    n_units = len(prepared)
    n_words = np.zeros(n_units, dtype="int64")
    covered = np.zeros(n_units, dtype="int64")
    cells: list[int] = []  # unit * n_topics + topic, once per match
    term_rows: list[tuple[object, ...]] = []
    slugs = index.slugs
    for unit, w, hits in engine.scan(prepared, dictionary):
        n_words[unit] = len(w.words)
        if not hits:
            continue
        cells += [unit * n_topics + t for _s, t, _e, _entry, _kind in hits]
        covered[unit] = len({k for s, _t, e, _entry, _kind in hits for k in range(s, e)})
        if detail == "full":
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
    for k, (_slug, rate_column, count_column) in enumerate(dictionary.columns):
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

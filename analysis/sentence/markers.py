"""Discourse markers: families of words and patterns that are cues for discussion, never verdicts.

A family (hedges, boosters, in-group "we", appeals to authority, ...) is one YAML file in
``data/markers/``; :func:`load_markers` reads every ``*.yaml`` file of that folder in file-name order.
Its slug is the file name without ``.yaml`` and becomes the columns ``marker_<slug>`` (matches per
1,000 words) and ``marker_<slug>_count``.

Family file schema
------------------
::

    label: Hedges                          # required
    description: What the family is.       # required
    scope: What is counted and what not.   # required: stated, so that users know the limits
    sources: [Hyland 2005, ...]            # required, a non-empty list: where the list comes from
    technique: Appeal to Authority         # optional: the SemEval-2020 Task 11 technique it resembles
    prompt: A question for discussion.     # optional
    roles: [answer]                        # optional: question and/or answer (default both)
    span: match                            # optional: match (default) or sentence (highlight the sentence)
    except_written: [US, U.S.]             # optional: tokens written exactly so are never matched
    terms: [perhaps, i think, sort of]     # word and phrase entries, the syntax of analysis.terms
    patterns: ['\\bwho\\s+is\\s+profiting\\b']  # regular expressions, case-insensitive, per sentence

A family needs ``terms`` or ``patterns`` (or both). Unknown keys are refused, as in topic dictionaries.

Matching
--------
- ``terms`` are matched by the term engine (:mod:`analysis.terms`), family by family as YAML topics
  are (case-insensitive words, ``*`` ending a word, phrases inside one stretch of words, longest phrase
  first, a word at most once per family). ``except_written`` drops a match whose words, as written, are one of its forms: the
  in-group family lists ``us`` but not ``US``.
- ``patterns`` are Python regular expressions searched in each sentence, case-insensitively; they
  catch constructions a word list cannot ("as ... was saying", "either ... or"). A pattern match that
  overlaps an earlier match of the same family is dropped, so a stretch of text counts once.
- The count of a family in a sentence is its number of matches; its rate is per 1,000 words, the unit
  of :mod:`analysis.sentence.topics`. An answer's count is the sum over its sentences.

Limits: a list sees words, not what they do. "We" may be the speaker's country or everybody in the
room; "they" is rarely hostile; "alleged" is also a careful journalist's word. Matches are shown in the
text so that people read them in context.

Why the patterns are hand-written regular expressions and not a parser: each is a short fixed phrase
with a gap, and the file must be editable by a trainer without code.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, NamedTuple

import numpy as np
import pandas as pd
import yaml

from analysis import datafiles, terms
from analysis import text as text_mod
from analysis.errors import DiscourseError
from analysis.sentence import topics
from analysis.sentence.detail import Detail
from analysis.yamlfile import compose
from analysis.yamlfile import line as _line
from analysis.yamlfile import mapping as _mapping
from analysis.yamlfile import reject_unknown_keys as _reject_unknown_keys
from analysis.yamlfile import scalar as _scalar

DEFAULT_FOLDER = datafiles.MARKERS
COLUMN_PREFIX = "marker_"
COUNT_SUFFIX = "_count"
RATE_PER_WORDS = topics.RATE_PER_WORDS  # per 1,000 words, like topics
ROLES = ("question", "answer")
FAMILY_KEYS = frozenset(
    {"label", "description", "scope", "sources", "technique", "prompt", "roles", "span", "except_written", "terms", "patterns"}
)
REQUIRED_KEYS = ("label", "description", "scope", "sources")
SLUG_PATTERN = terms.SLUG_PATTERN
# The cap keeps one family file from slowing every sentence down (and from hiding a copy-paste mistake).
MAX_PATTERNS = 50

Span = Literal["match", "sentence"]
MATCH_COLUMNS = ["unit", "family", "entry", "kind", "start", "end", "text"]


@dataclass(frozen=True, kw_only=True)
class Family(terms.Entry):
    """One marker family as read from its file (see the module docstring for the fields): an entry of
    the term engine (its ``terms``, possibly none) with its patterns and its limits."""

    scope: str
    sources: tuple[str, ...]
    terms: tuple[str, ...] = ()
    technique: str = ""
    prompt: str = ""
    roles: frozenset[str] = frozenset(ROLES)
    span: Span = "match"
    except_written: frozenset[str] = frozenset()
    patterns: tuple[str, ...] = ()
    sha256: str = ""
    path: Path | None = None
    _compiled: tuple[re.Pattern[str], ...] = field(init=False, repr=False, compare=False)
    _any: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not SLUG_PATTERN.match(self.slug):
            raise DiscourseError(f"marker family {self.slug!r}: the file name must be a lowercase identifier ([a-z][a-z0-9_]*).")
        if not self.terms and not self.patterns:
            raise DiscourseError(f"marker family {self.slug!r} has neither terms nor patterns.")
        super().__post_init__()  # the term rules check every term now, so a bad one names its family's file
        compiled = tuple(re.compile(p, re.IGNORECASE) for p in self.patterns)
        object.__setattr__(self, "_compiled", compiled)
        # One alternation per family: most sentences match no pattern, and one search rules them out.
        combined = "|".join(f"(?:{p})" for p in self.patterns)
        object.__setattr__(self, "_any", re.compile(combined, re.IGNORECASE) if self.patterns else None)

    @property
    def column(self) -> str:
        return COLUMN_PREFIX + self.slug

    @property
    def count_column(self) -> str:
        return self.column + COUNT_SUFFIX

    def search(self, text: str) -> Iterator[tuple[str, re.Match[str]]]:
        """Each match of the family's patterns in ``text`` as (pattern, match), pattern by pattern;
        nothing at once when no pattern matches."""
        if self._any is None or not self._any.search(text):
            return
        for source, rx in zip(self.patterns, self._compiled):
            for m in rx.finditer(text):
                yield source, m


class Markers(terms.EntryList[Family]):
    """The loaded families (an :class:`analysis.terms.EntryList`; those with terms are matched by its
    index); ``source`` is the folder or file they came from, ``sha256`` covers every file's bytes (in
    order), for reproducibility."""

    def __init__(self, families: Sequence[Family], *, source: str = "", sha256: str = "") -> None:
        object.__setattr__(self, "source", source)
        super().__init__("markers", "", tuple(families), sha256=sha256)

    def __post_init__(self) -> None:
        if not self.entries:
            raise DiscourseError(f"{self.source or 'markers'}: no marker family (no .yaml file).")
        super().__post_init__()

    @property
    def families(self) -> tuple[Family, ...]:
        return self.entries

    def family(self, slug: str) -> Family:
        return self.get(slug)


class MarkerMeasures(NamedTuple):
    counts: np.ndarray  # sentences x families, int64
    matches: pd.DataFrame  # MATCH_COLUMNS; ``unit`` is the sentence's position in the input


# --------------------------------------------------------------------------------------------------
# Loading


def load_markers(path: str | os.PathLike[str] | None = None) -> Markers:
    """Every ``*.yaml`` family of a folder (default ``data/markers/``), or one family file."""
    path = Path(path) if path is not None else DEFAULT_FOLDER
    if path.is_dir():
        files = sorted(path.glob("*.yaml"))
    elif path.suffix.lower() in (".yaml", ".yml") and path.exists():
        files = [path]
    else:
        raise DiscourseError(f"{path}: not a folder of marker families nor a .yaml family file.")
    families = []
    digest = hashlib.sha256()
    for file in files:
        data = datafiles.read(file, "marker family")
        digest.update(file.name.encode() + b"\0" + data)
        families.append(parse_family(data, source=str(file), slug=file.stem, path=file))
    return Markers(tuple(families), source=str(path), sha256=digest.hexdigest())


def load_recorded(name: str | None) -> Markers:
    """The families an analysis's settings name (``settings["markers"]``, as :func:`settings` records
    it): that folder or file of the data folder, else (a folder of one's own, known only by its name,
    or no name) the default families."""
    where = datafiles.located(name) if name else None
    return load_markers(where) if where is not None and where.exists() else load_markers()


def parse_family(data: bytes, *, source: str, slug: str, path: Path | None = None) -> Family:
    """One family file's bytes; ``source`` names the file in error messages."""
    root = compose(datafiles.decode(data, source), source)
    fields = _mapping(root, source, "the family")
    _reject_unknown_keys(fields, FAMILY_KEYS, source, "")
    for key in REQUIRED_KEYS:
        if key not in fields:
            raise DiscourseError(f"{source}, line {_line(root)}: no {key!r}; a family states {', '.join(REQUIRED_KEYS)}.")
    sources = _strings(fields, "sources", source)
    if not sources:
        raise DiscourseError(f"{source}: 'sources' must list at least one source.")
    roles = _strings(fields, "roles", source) or ROLES
    for role in roles:
        if role not in ROLES:
            raise DiscourseError(f"{source}: role {role!r}; roles are question and answer.")
    span = _scalar(fields, "span", source) or "match"
    if span not in ("match", "sentence"):
        raise DiscourseError(f"{source}: span {span!r}; use match or sentence.")
    terms = tuple(_strings(fields, "terms", source))
    patterns = _strings(fields, "patterns", source)
    if len(patterns) > MAX_PATTERNS:
        raise DiscourseError(f"{source}: {len(patterns)} patterns; at most {MAX_PATTERNS} per family.")
    for i, p in enumerate(patterns):
        try:
            compiled = re.compile(p, re.IGNORECASE)
        except re.error as e:
            raise DiscourseError(f"{source}, line {_line(fields['patterns'][1].value[i])}: pattern {p!r} is not a valid regular expression ({e}).") from e
        if compiled.search(""):
            raise DiscourseError(f"{source}: pattern {p!r} matches empty text; it would match everywhere.")
    try:
        return Family(
            slug=slug,
            label=_scalar(fields, "label", source),
            description=_scalar(fields, "description", source),
            scope=_scalar(fields, "scope", source),
            sources=tuple(sources),
            technique=_scalar(fields, "technique", source),
            prompt=_scalar(fields, "prompt", source),
            roles=frozenset(roles),
            span=span,  # type: ignore[arg-type]
            except_written=frozenset(_strings(fields, "except_written", source)),
            terms=terms,
            patterns=tuple(patterns),
            sha256=hashlib.sha256(data).hexdigest(),
            path=path,
        )
    except DiscourseError as e:
        raise DiscourseError(f"{source}: {e}") from None


def _strings(fields: dict, key: str, source: str) -> list[str]:
    """A list of strings (or one string) under ``key``; [] when absent."""
    if key not in fields:
        return []
    node = fields[key][1]
    if isinstance(node, yaml.ScalarNode):
        return [node.value] if node.value.strip() else []
    if not isinstance(node, yaml.SequenceNode):
        raise DiscourseError(f"{source}, line {_line(node)}: {key!r} must be a list of strings.")
    out = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or not item.value.strip():
            raise DiscourseError(f"{source}, line {_line(item)}: {key!r}: each item must be a non-empty string.")
        out.append(item.value)
    return out


# --------------------------------------------------------------------------------------------------
# Matching


def measure(
    sentences: Sequence[text_mod.Sentence],
    tokens: Sequence[Sequence[text_mod.Token]] | terms.Prepared,
    roles: Sequence[str],
    markers: Markers,
    *,
    detail: Detail = "full",
) -> MarkerMeasures:
    """Match every family in each sentence (with its tokens and role, all three aligned).

    ``tokens`` may also be the sentences' words as :func:`analysis.terms.prepare` made them, shared
    with the topic pass. Spans are those of the sentences and tokens: characters of the text they were
    cut from. ``detail="summary"`` returns the counts only (the matches frame empty), for batch runs.
    """
    families = markers.families
    index = {f.slug: i for i, f in enumerate(families)}
    rows: list[tuple] = []
    taken: dict[tuple[int, int], list[tuple[int, int]]] = {}
    if markers.index.slugs:
        for unit, slug, entry, kind, start, end, written in terms.spans(tokens, markers):
            family = families[index[slug]]
            if roles[unit] not in family.roles or (family.except_written and written in family.except_written):
                continue
            rows.append((unit, slug, entry, kind, start, end, written))
            taken.setdefault((unit, index[slug]), []).append((start, end))
    pattern_families = [(i, f) for i, f in enumerate(families) if f.patterns]
    for unit, sentence in enumerate(sentences):
        for i, family in pattern_families:
            if roles[unit] not in family.roles:
                continue
            spans = None
            for source, m in family.search(sentence.text):
                spans = taken.setdefault((unit, i), []) if spans is None else spans
                start, end = sentence.start + m.start(), sentence.start + m.end()
                if any(s < end and start < e for s, e in spans):
                    continue
                spans.append((start, end))
                if family.span == "sentence":
                    start, end = sentence.start, sentence.end
                rows.append((unit, family.slug, source, "pattern", start, end, sentence.text[start - sentence.start : end - sentence.start]))
    n_families = len(families)
    cells = np.asarray([row[0] * n_families + index[row[1]] for row in rows], dtype="int64")
    counts = np.bincount(cells, minlength=len(sentences) * n_families).reshape(len(sentences), n_families)
    frame = _matches_frame(rows) if detail == "full" and rows else _no_matches().copy()
    return MarkerMeasures(counts, frame)


def _matches_frame(rows: list[tuple]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=MATCH_COLUMNS).sort_values(["unit", "start", "family"], kind="stable", ignore_index=True)
    return frame.astype({"unit": "int64", "start": "int64", "end": "int64"})


@functools.lru_cache(maxsize=1)
def _no_matches() -> pd.DataFrame:
    """The empty matches frame, made once (4 ms each time; callers get a copy)."""
    return _matches_frame([])


def rates(counts: np.ndarray, n_words: np.ndarray) -> np.ndarray:
    """Counts per 1,000 words, row by row (0.0 where a row has no words)."""
    n = np.asarray(n_words, dtype="float64").reshape(-1, 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(n > 0, counts * RATE_PER_WORDS / np.maximum(n, 1), 0.0)


def match_text(text: str, markers: Markers, *, role: Literal["question", "answer"] = "answer") -> pd.DataFrame:
    """Every family's matches in a piece of text (for examples and tests), with its family label.

    >>> m = match_text("Perhaps we should look at who is profiting.", load_markers())
    >>> sorted(set(m["family"]))
    ['hedges', 'in_group', 'obligation', 'who_benefits']
    """
    sents = text_mod.split_sentences(text)
    grouped = text_mod.tokenize_sentences(text, sents)
    found = measure(sents, grouped, [role] * len(sents), markers).matches
    found.insert(2, "label", found["family"].map({f.slug: f.label for f in markers.families}))
    return found.rename(columns={"unit": "sentence"}).assign(sentence=lambda d: d["sentence"] + 1)


def settings(markers: Markers) -> dict:
    """What marker results depend on: the folder (``data/markers``, or a folder of one's own by its
    name; never a server path) and the hash of every family file."""
    return {
        "markers": datafiles.recorded(markers.source) if markers.source else "",
        "markers_sha256": markers.sha256,
        "marker_families": {f.slug: f.sha256[:16] for f in markers.families},
    }

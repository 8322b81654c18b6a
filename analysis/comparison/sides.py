"""What a side of a comparison is: the units of text (questions or answers) chosen from a document.

A :class:`Side` is a label and a tuple of :class:`Unit` s. :func:`select` chooses the units of one
document (all answers, all questions, some pairs, one speaker's answers, or the answers high or low on
a topic); :func:`parse_spec` reads the command-line form of such a choice
(:func:`analysis.pipeline.side_spec.side_from_spec` loads the file and selects).

Side specs (``python -m analysis compare A B``)::

    FILE                      all answers (the opening statements of a briefing included)
    FILE:role=question        all questions          (role=answer: all answers)
    FILE:pairs=1-3,5          the answers of pairs 1, 2, 3 and 5
    FILE:speaker=NAME         the answers of one speaker (case-insensitive; only that speaker's turns)
    FILE:topic=economy>10     answers whose topic_economy rate (per 1,000 words) is > 10
    FILE:topic=economy<5      answers whose rate is <= 5 ("median" instead of a number: the median)
    FILE:topic=economy        answers above the median rate

>>> from analysis.transcripts import load, DEFAULT_DOCUMENT
>>> side = select(load(DEFAULT_DOCUMENT), document="interview", kind="pairs", pairs=[1, 2])
>>> [u.pair for u in side.units], side.units[0].role
([1, 2], 'answer')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal

import pandas as pd

from analysis import text
from analysis.errors import DiscourseError
from analysis.transcripts.model import Document, Pair

__all__ = [
    "SELECTION_KINDS", "SPEC_KEYS", "SelectionKind", "Side", "Unit",
    "parse_spec", "select", "units_of",
]

Role = Literal["question", "answer"]
SelectionKind = Literal["all_answers", "all_questions", "pairs", "speaker", "topic_above", "topic_below"]
SELECTION_KINDS: tuple[str, ...] = SelectionKind.__args__  # type: ignore[attr-defined]
# The option names a side spec may carry after "FILE:" (see the module docstring).
SPEC_KEYS = ("pairs", "speaker", "role", "topic")
# Joins the names of several answering speakers in Unit.speaker (Pair.answered_by order).
SPEAKER_SEPARATOR = "; "

_SPEC = re.compile(r"^(?P<path>.+?):(?P<key>[A-Za-z_]+)=(?P<value>.*)$", re.S)
_TOPIC = re.compile(r"^(?P<slug>[a-z][a-z0-9_]*)\s*(?:(?P<op>[<>])\s*(?P<threshold>[^<>]*))?$")
_RANGE = re.compile(r"^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$")
_SPEC_SYNTAX = (
    "Write a side as FILE (all answers), FILE:pairs=1-3,5, FILE:speaker=NAME, FILE:role=question, "
    "FILE:topic=SLUG>NUMBER or FILE:topic=SLUG<NUMBER (NUMBER may be 'median')."
)


@dataclass(frozen=True)
class Unit:
    """One piece of text on a side: a question or an answer of one pair of one document."""

    document: str  # the document's name (file name or given label)
    pair: int
    role: Role
    speaker: str  # answer: the answering speaker(s) joined by "; "; question: asked_by
    text: str


@dataclass(frozen=True)
class Side:
    """A labelled tuple of units: what one side of a comparison counts."""

    label: str
    units: tuple[Unit, ...]

    @cached_property
    def unit_words(self) -> tuple[tuple[str, ...], ...]:
        """The lower-cased word tokens (:func:`analysis.text.words`) of each unit, one tuple per unit."""
        return tuple(tuple(text.words(u.text)) for u in self.units)

    @cached_property
    def sentence_words(self) -> tuple[tuple[str, ...], ...]:
        """The word tokens of each sentence (:func:`analysis.text.split_sentences`) of every unit, in order.

        What bigrams are counted over: a bigram never spans two sentences or two units.
        """
        return tuple(
            tuple(text.words(s.text)) for u in self.units for s in text.split_sentences(u.text)
        )

    def words(self) -> list[str]:
        """:func:`analysis.text.words` over all units' texts, in order."""
        return [w for ws in self.unit_words for w in ws]

    @property
    def n_words(self) -> int:
        """The number of word tokens on the side (what ``n_words`` means everywhere)."""
        return sum(len(ws) for ws in self.unit_words)


def _question_unit(p: Pair, document: str) -> Unit | None:
    if p.question is None:
        return None
    return Unit(document, p.pair, "question", p.asked_by or "", p.question)


def _answer_unit(p: Pair, document: str, speaker: str | None = None) -> Unit | None:
    """The pair's answer as one unit; with ``speaker``, only that speaker's answer turns."""
    turns = [a for a in p.answers if speaker is None or a.speaker.casefold() == speaker.casefold()]
    if not turns:
        return None
    names = list(dict.fromkeys(a.speaker for a in turns))
    return Unit(document, p.pair, "answer", SPEAKER_SEPARATOR.join(names), "\n\n".join(a.text for a in turns))


def units_of(doc: Document, *, document: str) -> list[Unit]:
    """Every question and answer of ``doc`` as units, in reading order (a pair's question before its answer).

    An answer is one unit per pair: the pair's answer turns joined by a blank line, ``speaker`` the
    answering speakers joined by ``"; "``. An opening segment has no question unit.
    """
    out: list[Unit] = []
    for p in doc.pairs:
        for u in (_question_unit(p, document), _answer_unit(p, document)):
            if u is not None:
                out.append(u)
    return out


def select(
    doc: Document,
    *,
    document: str,
    kind: SelectionKind,
    pairs: Sequence[int] = (),
    speaker: str | None = None,
    topic: str | None = None,
    threshold: float | None = None,
    answers: pd.DataFrame | None = None,
    label: str | None = None,
) -> Side:
    """Choose the units of one side from ``doc``.

    - ``"all_answers"`` / ``"all_questions"``: every answer (opening statements included) / question;
    - ``"pairs"``: the answers of the pairs numbered ``pairs``;
    - ``"speaker"``: the answers of ``speaker`` (case-insensitive; in a pair answered by several
      people only that speaker's turns);
    - ``"topic_above"`` / ``"topic_below"``: the answers whose ``topic_<topic>`` rate in ``answers``
      (the answers frame of :func:`analysis.pipeline.run.analyze`, required for these kinds) is
      ``> threshold`` / ``<= threshold``; the default threshold is the median rate over the answers.

    ``label`` defaults to a description such as ``"interview.txt: pairs 1-3"``. An empty selection, an
    unknown pair, speaker or topic raises :class:`DiscourseError` saying what to choose instead.
    """
    if kind not in SELECTION_KINDS:
        raise DiscourseError(f"Unknown selection {kind!r}; choose one of: {', '.join(SELECTION_KINDS)}.")
    if kind == "all_answers":
        units = [u for p in doc.pairs if (u := _answer_unit(p, document)) is not None]
        what = "all answers"
    elif kind == "all_questions":
        units = [u for p in doc.pairs if (u := _question_unit(p, document)) is not None]
        what = "all questions"
    elif kind == "pairs":
        units, what = _select_pairs(doc, document, pairs)
    elif kind == "speaker":
        units, what = _select_speaker(doc, document, speaker)
    else:
        units, what = _select_topic(doc, document, kind, topic, threshold, answers)
    if not units:
        raise DiscourseError(f"{document}: the selection {what} is empty: no text to compare. Choose another.")
    return Side(label if label is not None else f"{document}: {what}", tuple(units))


def _select_pairs(doc: Document, document: str, pairs: Sequence[int]) -> tuple[list[Unit], str]:
    wanted = list(dict.fromkeys(int(n) for n in pairs))
    what = "pairs " + _ranges(wanted) if wanted else "pairs (none given)"
    if not wanted:
        raise DiscourseError(f"{document}: the selection {what} is empty; give pair numbers such as pairs=1-3,5.")
    by_number = {p.pair: p for p in doc.pairs}
    missing = [n for n in wanted if n not in by_number]
    if missing:
        raise DiscourseError(
            f"{document}: no pair {_ranges(missing)}; the document has pairs "
            f"{_ranges(sorted(by_number))}."
        )
    units = [u for n in sorted(wanted) if (u := _answer_unit(by_number[n], document)) is not None]
    return units, what


def _select_speaker(doc: Document, document: str, speaker: str | None) -> tuple[list[Unit], str]:
    if not speaker or not speaker.strip():
        raise DiscourseError(f"{document}: give a speaker name, e.g. speaker=NAME.")
    speaker = speaker.strip()
    units = [u for p in doc.pairs if (u := _answer_unit(p, document, speaker)) is not None]
    if not units:
        names = list(dict.fromkeys(a.speaker for p in doc.pairs for a in p.answers))
        raise DiscourseError(
            f"{document}: the selection answers of {speaker!r} is empty: nobody of that name answers. "
            f"Answering speakers: {', '.join(names) or '(none)'}."
        )
    return units, f"answers of {speaker}"


def _select_topic(
    doc: Document,
    document: str,
    kind: str,
    topic: str | None,
    threshold: float | None,
    answers: pd.DataFrame | None,
) -> tuple[list[Unit], str]:
    from analysis.sentence import topics as topics_module

    if answers is None:  # measuring is the pipeline's work, above this module
        raise DiscourseError(
            f"{document}: a side chosen by topic needs the document's answers frame "
            "(answers=analysis.analyze(doc).answers; analysis.pipeline.side_spec.side_from_spec does it)."
        )
    prefix, suffix = topics_module.COLUMN_PREFIX, topics_module.COUNT_SUFFIX
    slugs = [c[len(prefix):] for c in answers.columns if c.startswith(prefix) and not c.endswith(suffix)]
    if not topic or topic not in slugs:
        raise DiscourseError(
            f"{document}: unknown topic {topic!r}; choose one of: {', '.join(slugs) or '(no topic columns)'}."
        )
    rates = answers[prefix + topic].astype(float)
    if threshold is None:
        threshold = float(rates.median())
    keep = rates > threshold if kind == "topic_above" else rates <= threshold
    chosen = set(answers.loc[keep, "pair"].astype(int))
    units = [u for p in doc.pairs if p.pair in chosen and (u := _answer_unit(p, document)) is not None]
    op = ">" if kind == "topic_above" else "<="
    return units, f"answers with {topic} {op} {threshold:g} per 1,000 words"


def _ranges(numbers: Sequence[int]) -> str:
    """``[1, 2, 3, 5]`` -> ``"1-3,5"``."""
    parts: list[str] = []
    nums = sorted(set(numbers))
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        parts.append(str(nums[i]) if i == j else f"{nums[i]}-{nums[j]}")
        i = j + 1
    return ",".join(parts)


def _parse_pairs(value: str, spec: str) -> list[int]:
    out: list[int] = []
    for part in value.split(","):
        m = _RANGE.match(part)
        if not m:
            raise DiscourseError(f"Side {spec!r}: {part.strip()!r} is not a pair number or range (1-3). {_SPEC_SYNTAX}")
        lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
        if hi < lo:
            raise DiscourseError(
                f"Side {spec!r}: the range {part.strip()} runs backwards; write {hi}-{lo}. {_SPEC_SYNTAX}"
            )
        out.extend(range(lo, hi + 1))
    return out


def parse_spec(spec: str) -> tuple[str, dict]:
    """Read a command-line side spec into ``(path, options for select)``.

    >>> parse_spec("talk.txt:pairs=1-3,5")
    ('talk.txt', {'kind': 'pairs', 'pairs': [1, 2, 3, 5]})
    >>> parse_spec("talk.txt:topic=economy>10")
    ('talk.txt', {'kind': 'topic_above', 'topic': 'economy', 'threshold': 10.0})

    A bad spec raises :class:`DiscourseError` explaining the syntax.
    """
    if not spec or not spec.strip():
        raise DiscourseError(f"A side is empty. {_SPEC_SYNTAX}")
    m = _SPEC.match(spec)
    if m is None or m.group("key") not in SPEC_KEYS:
        if m is not None and not Path(spec).exists():
            raise DiscourseError(
                f"Side {spec!r}: unknown option {m.group('key')!r}; use one of {', '.join(SPEC_KEYS)}. {_SPEC_SYNTAX}"
            )
        return spec, {"kind": "all_answers"}
    path, key, value = m.group("path"), m.group("key"), m.group("value").strip()
    if not value:
        raise DiscourseError(f"Side {spec!r}: {key}= needs a value. {_SPEC_SYNTAX}")
    if key == "pairs":
        return path, {"kind": "pairs", "pairs": _parse_pairs(value, spec)}
    if key == "speaker":
        return path, {"kind": "speaker", "speaker": value}
    if key == "role":
        if value.lower() not in ("question", "answer"):
            raise DiscourseError(f"Side {spec!r}: role must be question or answer. {_SPEC_SYNTAX}")
        return path, {"kind": "all_questions" if value.lower() == "question" else "all_answers"}
    t = _TOPIC.match(value)
    if t is None:
        raise DiscourseError(f"Side {spec!r}: cannot read the topic condition {value!r}. {_SPEC_SYNTAX}")
    kind = "topic_below" if t.group("op") == "<" else "topic_above"
    options: dict = {"kind": kind, "topic": t.group("slug")}
    raw = (t.group("threshold") or "").strip()
    if t.group("op") and not raw:
        raise DiscourseError(f"Side {spec!r}: give a number (or 'median') after {t.group('op')}. {_SPEC_SYNTAX}")
    if raw and raw.lower() != "median":
        try:
            options["threshold"] = float(raw)
        except ValueError:
            raise DiscourseError(f"Side {spec!r}: {raw!r} is not a number. {_SPEC_SYNTAX}") from None
    return path, options

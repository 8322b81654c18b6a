"""The user's corrections of a parsed transcript: who asks, renamed and merged speakers, turn roles.

A correction is a small value (:class:`Correction`) kept with the document (in the library, or with an
upload on the server) as JSON (:func:`dumps` / :func:`loads`), and applied every time the document is
parsed (``parse_bytes(..., corrections=...)``), so that every page and command sees the same document:

- ``rename`` and ``merge`` rewrite a speaker label of the reader's paragraphs *before* the builder runs
  (a merge gives one speaker's turns to another who is already there; a rename gives a new name);
- ``asks`` names the speakers whose turns are the questions (the builder's ``interviewer`` list; the
  last ``asks`` correction is the one that counts);
- ``turn`` marks one turn as question, answer or other *after* the builder ran; the pairs are then
  built again. The turn's first words are kept with it: if the text at that index is no longer the
  same turn (another parser version, other renames), the mark is not applied;
- ``columns`` names a table's speaker and text columns (JSON, JSON Lines, CSV): the reader uses them
  instead of the ones it finds (the last ``columns`` correction counts), so a table whose columns the
  user chose is read the same way in the library, the batch and every command.

A correction that no longer applies (a label the document does not have, a turn index out of range, a
turn whose text changed) is skipped with a sentence in ``Document.warnings``, never silently.

>>> from analysis.transcripts import parse_text
>>> text = "Jane Roe: Why trade?\\n\\nJon Smith: Because.\\n\\nJane Roe: And?\\n\\nJon Smith: Trust.\\n"
>>> doc = parse_text(text, corrections=[Correction.rename("Jon Smith", "John Smith")])
>>> [s.name for s in doc.speakers], doc.pairs[0].answered_by
(['Jane Roe', 'John Smith'], ['John Smith'])
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

from ..errors import DiscourseError

if TYPE_CHECKING:
    from .model import Document
    from .raw import RawDoc

Kind = Literal["asks", "rename", "merge", "turn", "columns"]
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]
TURN_ROLES = ("question", "answer", "other")
# Bounds on stored corrections (they come from users and from library files): a person makes a few
# dozen; a label is a name, not a paragraph.
MAX_CORRECTIONS = 500
MAX_LABEL_CHARS = 200
MAX_ASKERS = 50
MAX_JSON_CHARS = 1_000_000
MAX_TURN = 1_000_000
# The formats whose speaker and text come from columns (a ``columns`` correction applies to them).
TABLE_FORMATS = ("json", "jsonl", "csv")
# How many of a turn's first words are kept with a turn mark to recognise the turn later.
MARK_WORDS = 8


@dataclass(frozen=True)
class Correction:
    """One correction. ``kind`` says which fields count:

    - ``asks``: ``names``, the speakers whose turns are the questions;
    - ``rename`` / ``merge``: ``label`` becomes ``to``;
    - ``turn``: turn ``turn`` (from 1, as ``Turn.index``) gets ``role``; ``words`` are its first words;
    - ``columns``: a table's speaker column is ``label``, its text column ``to``.
    """

    kind: Kind
    names: tuple[str, ...] = ()
    label: str | None = None
    to: str | None = None
    turn: int | None = None
    role: str | None = None
    words: str | None = None

    @classmethod
    def asks(cls, *names: str) -> Correction:
        return _checked(cls("asks", names=tuple(names)))

    @classmethod
    def rename(cls, label: str, to: str) -> Correction:
        return _checked(cls("rename", label=label, to=to))

    @classmethod
    def merge(cls, label: str, into: str) -> Correction:
        return _checked(cls("merge", label=label, to=into))

    @classmethod
    def mark(cls, turn: int, role: str, *, words: str | None = None) -> Correction:
        return _checked(cls("turn", turn=turn, role=role, words=words))

    @classmethod
    def columns(cls, speaker: str, text: str) -> Correction:
        return _checked(cls("columns", label=speaker, to=text))

    def describe(self) -> str:
        """The correction as a sentence for a list (the UI escapes it)."""
        if self.kind == "columns":
            return f"Read the speaker from column {self.label!r} and the text from column {self.to!r}"
        if self.kind == "asks":
            return "Who asks: " + ", ".join(self.names)
        if self.kind == "rename":
            return f"Rename {self.label!r} to {self.to!r}"
        if self.kind == "merge":
            return f"Merge {self.label!r} into {self.to!r}"
        words = f" ({self.words}…)" if self.words else ""
        return f"Turn {self.turn}{words}: {self.role}"

    def to_dict(self) -> dict:
        if self.kind == "columns":
            return {"kind": "columns", "speaker": self.label, "text": self.to}
        if self.kind == "asks":
            return {"kind": "asks", "names": list(self.names)}
        if self.kind in ("rename", "merge"):
            return {"kind": self.kind, "label": self.label, "to": self.to}
        return {"kind": "turn", "turn": self.turn, "role": self.role, "words": self.words}


def _clean_label(value: object, what: str) -> str:
    if not isinstance(value, str):
        raise DiscourseError(f"Correction: {what} must be a speaker label (text), not {type(value).__name__}.")
    label = " ".join(value.split())
    if not label:
        raise DiscourseError(f"Correction: {what} cannot be empty.")
    if len(label) > MAX_LABEL_CHARS:
        raise DiscourseError(f"Correction: {what} is longer than {MAX_LABEL_CHARS} characters.")
    return label


def _column(value: object, what: str) -> str:
    """A column name, kept exactly (a table's header may have spaces, or be empty: an unnamed column)."""
    if not isinstance(value, str):
        raise DiscourseError(f"Correction 'columns': the {what} column must be a column name (text), not {type(value).__name__}.")
    if len(value) > MAX_LABEL_CHARS:
        raise DiscourseError(f"Correction 'columns': the {what} column's name is longer than {MAX_LABEL_CHARS} characters.")
    return value


def _checked(c: Correction) -> Correction:
    """The correction with its labels trimmed; DiscourseError if a field is missing or out of bounds."""
    if c.kind == "columns":
        speaker, text = _column(c.label, "speaker"), _column(c.to, "text")
        if speaker == text:
            raise DiscourseError(f"Correction 'columns': the speaker and the text cannot both be column {speaker!r}.")
        return Correction("columns", label=speaker, to=text)
    if c.kind == "asks":
        if not isinstance(c.names, (tuple, list)) or not 1 <= len(c.names) <= MAX_ASKERS:
            raise DiscourseError(f"Correction 'asks': give 1 to {MAX_ASKERS} speaker labels (who asks the questions).")
        names = tuple(dict.fromkeys(_clean_label(n, "a speaker who asks") for n in c.names))
        return Correction("asks", names=names)
    if c.kind in ("rename", "merge"):
        label, to = _clean_label(c.label, f"the speaker to {c.kind}"), _clean_label(c.to, "the new speaker label")
        if label == to:
            raise DiscourseError(f"Correction {c.kind!r}: {label!r} is already called that.")
        return Correction(c.kind, label=label, to=to)
    if c.kind == "turn":
        if isinstance(c.turn, bool) or not isinstance(c.turn, int) or not 1 <= c.turn <= MAX_TURN:
            raise DiscourseError(f"Correction 'turn': the turn number must be a whole number from 1 (got {c.turn!r}).")
        if c.role not in TURN_ROLES:
            raise DiscourseError(f"Correction 'turn': the role must be one of {', '.join(TURN_ROLES)} (got {c.role!r}).")
        words = None if c.words is None else " ".join(str(c.words).split()[:MARK_WORDS])[:MAX_LABEL_CHARS] or None
        return Correction("turn", turn=c.turn, role=c.role, words=words)
    raise DiscourseError(f"Correction: unknown kind {c.kind!r}; one of {', '.join(KINDS)}.")


def from_dict(item: object) -> Correction:
    """A correction from its :meth:`Correction.to_dict`; DiscourseError for anything else."""
    if not isinstance(item, dict) or item.get("kind") not in KINDS:
        raise DiscourseError(f"Correction: expected an object with a kind ({', '.join(KINDS)}), got {str(item)[:80]!r}.")
    kind = item["kind"]
    if kind == "asks":
        names = item.get("names")
        if not isinstance(names, list):
            raise DiscourseError("Correction 'asks': 'names' must be a list of speaker labels.")
        return _checked(Correction("asks", names=tuple(names)))
    if kind in ("rename", "merge"):
        return _checked(Correction(kind, label=item.get("label"), to=item.get("to")))
    if kind == "columns":
        return _checked(Correction("columns", label=item.get("speaker"), to=item.get("text")))
    words = item.get("words")
    if words is not None and not isinstance(words, str):
        raise DiscourseError("Correction 'turn': 'words' must be text.")
    return _checked(Correction("turn", turn=item.get("turn"), role=item.get("role"), words=words))


def dumps(corrections: Sequence[Correction]) -> str:
    """The corrections as compact JSON (a list of objects), in order."""
    return json.dumps([c.to_dict() for c in corrections], ensure_ascii=False, separators=(",", ":"))


def loads(text: str | bytes | None) -> tuple[Correction, ...]:
    """Corrections from :func:`dumps`; None or "" is none. Hostile input (not JSON, too long, too many,
    wrong fields) raises DiscourseError."""
    if text is None or text == "" or text == b"":
        return ()
    if len(text) > MAX_JSON_CHARS:
        raise DiscourseError(f"Corrections: more than {MAX_JSON_CHARS:,} characters of JSON.")
    try:
        items = json.loads(text)
    except (ValueError, RecursionError) as e:
        raise DiscourseError(f"Corrections are not valid JSON ({e}).") from None
    if not isinstance(items, list):
        raise DiscourseError("Corrections must be a JSON list of objects.")
    return validate(from_dict(i) for i in items)


def validate(corrections: Iterable[Correction]) -> tuple[Correction, ...]:
    """The corrections checked (:class:`Correction` values, at most ``MAX_CORRECTIONS``)."""
    out = []
    for c in corrections:
        if not isinstance(c, Correction):
            raise DiscourseError(f"Corrections: expected Correction values, got {type(c).__name__}.")
        out.append(_checked(c))
        if len(out) > MAX_CORRECTIONS:
            raise DiscourseError(f"A document can have at most {MAX_CORRECTIONS} corrections.")
    return tuple(out)


def key(corrections: Sequence[Correction]) -> str:
    """The canonical text of the corrections, for cache keys ("" when there are none)."""
    return dumps(corrections) if corrections else ""


def chosen_columns(corrections: Sequence[Correction]) -> tuple[str | None, str | None]:
    """The (speaker, text) columns the last ``columns`` correction names; (None, None): none does."""
    last = next((c for c in reversed(corrections) if c.kind == "columns"), None)
    return (last.label, last.to) if last else (None, None)


def with_columns(corrections: Sequence[Correction], speaker: str | None, text: str | None) -> tuple[Correction, ...]:
    """The corrections with one ``columns`` correction for (speaker, text) in place of any earlier one
    (none when either is None: the reader's own columns)."""
    rest = tuple(c for c in corrections if c.kind != "columns")
    return rest if speaker is None or text is None else (Correction.columns(speaker, text), *rest)


def first_words(text: str) -> str:
    """The first words of a turn, as a turn mark keeps them."""
    return " ".join(text.split()[:MARK_WORDS])[:MAX_LABEL_CHARS]


def parse_rename(spec: str, *, kind: Literal["rename", "merge"] = "rename") -> Correction:
    """``"OLD=NEW"`` (the command line's ``--rename`` / ``--merge``) as a correction."""
    old, sep, new = spec.partition("=")
    if not sep:
        raise DiscourseError(f"--{kind} {spec!r}: write it as OLD=NEW, e.g. --{kind} \"SPKR 1=Jane Doe\".")
    return _checked(Correction(kind, label=old, to=new))


def parse_mark(spec: str) -> tuple[int, str]:
    """``"12=question"`` (the command line's ``--turn``) as (turn, role)."""
    m = re.fullmatch(r"\s*(\d{1,7})\s*=\s*(\w+)\s*", spec)
    if not m or m.group(2) not in TURN_ROLES:
        raise DiscourseError(f"--turn {spec!r}: write it as N=ROLE with ROLE one of {', '.join(TURN_ROLES)}, e.g. --turn 12=question.")
    return int(m.group(1)), m.group(2)


# -- applying them --------------------------------------------------------------------------------


def _matches(label: str, wanted: str) -> bool:
    """A reader's label is the speaker ``wanted`` names: the same, or a long label that the builder
    shortens to it ("President of Russia Vladimir Putin" for "Vladimir Putin")."""
    return label == wanted or (len(wanted.split()) >= 2 and label.endswith(" " + wanted))


def before_build(
    raw: RawDoc, interviewer: list[str] | None, corrections: Sequence[Correction]
) -> tuple[RawDoc, list[str] | None, list[str]]:
    """Apply renames and merges to the reader's labels (a copy of ``raw``); "who asks" becomes the
    interviewer list. Returns the new raw document, the interviewer list and the warnings so far."""
    from .raw import Para, RawDoc as _Raw

    paras = [Para(p.text, p.label, p.role) for p in raw.paras]
    hints = dict(raw.role_hints)
    warnings: list[str] = []
    asks: Correction | None = None
    for c in corrections:
        if c.kind == "asks":
            asks = c
        elif c.kind in ("rename", "merge"):
            hit = [p for p in paras if p.label and _matches(p.label, c.label)]
            if not hit:
                warnings.append(
                    f"Correction skipped: there is no speaker {c.label!r} in this document any more "
                    f"({c.describe()}). Remove it from the corrections."
                )
                continue
            if c.kind == "merge" and not any(p.label and _matches(p.label, c.to) for p in paras):
                warnings.append(
                    f"Correction note: {c.to!r} is not a speaker of this document, so merging {c.label!r} into it "
                    "renamed it."
                )
            for p in hit:
                if p.label in hints and c.to not in hints:
                    hints[c.to] = hints[p.label]
                hints.pop(p.label, None)
                p.label = c.to
    if asks is not None and raw.format == "web-interview":
        warnings.append(
            "Correction skipped: in this layout the questions are the paragraphs that start with '- ', so who asks "
            "cannot be set; rename the interviewer instead."
        )
    elif asks is not None:
        present = {p.label for p in paras if p.label}
        names = [n for n in asks.names if any(_matches(label, n) for label in present)]
        for n in asks.names:
            if n not in names:
                warnings.append(
                    f"Correction skipped in part: {n!r} is not a speaker of this document, so it cannot be the one "
                    "who asks. Set who asks again."
                )
        if names:
            interviewer = names
            # The user's choice is the whole list of who asks: roles the reader guessed do not add to it.
            hints = {n: r for n, r in hints.items() if r not in ("interviewer", "moderator")}
    new = _Raw(**{**vars(raw), "paras": paras, "role_hints": hints, "warnings": list(raw.warnings)})
    return new, interviewer, warnings


def after_build(doc: Document, raw: RawDoc, corrections: Sequence[Correction], warnings: list[str]) -> Document:
    """Apply the turn marks to the built document and pair it again; add the warnings."""
    from . import build

    turns = list(doc.turns)
    changed = False
    for c in corrections:
        if c.kind == "columns" and doc.format not in TABLE_FORMATS:
            warnings.append(f"Correction skipped: this document is not a table, so it has no columns ({c.describe()}).")
        if c.kind != "turn":
            continue
        if c.turn > len(turns):
            warnings.append(
                f"Correction skipped: the document has {len(turns)} turns, so turn {c.turn} cannot be marked "
                f"as {c.role}. Remove it from the corrections."
            )
            continue
        t = turns[c.turn - 1]
        if c.words and first_words(t.text) != c.words:
            warnings.append(
                f"Correction skipped: turn {c.turn} no longer starts {c.words!r} (it starts "
                f"{first_words(t.text)!r}), so it was not marked as {c.role}. Mark the turn again."
            )
            continue
        if t.role != c.role:
            turns[c.turn - 1] = replace(t, role=c.role)
            changed = True
    if changed:
        labels = doc.metadata.get("speaker_labels", {})
        long_to_short = {long: short for short, long in labels.items()}
        hints = {long_to_short.get(n, n): r for n, r in raw.role_hints.items()}
        pairs = build._pair(tuple(turns))
        kept = [w for w in doc.warnings if not (w.startswith("No question was recognised") and any(p.kind == "qa" for p in pairs))]
        doc = replace(doc, turns=tuple(turns), pairs=pairs, speakers=build._speakers(tuple(turns), hints), warnings=tuple(kept))
    # Which corrections made this document (parse's JSON shows them; the report lists them in its settings).
    metadata = {**doc.metadata, "corrections": [c.describe() for c in corrections]}
    return replace(doc, warnings=tuple(doc.warnings) + tuple(warnings), metadata=metadata)

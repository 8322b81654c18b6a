"""The document model every reader produces and every measure reads.

A :class:`Document` holds metadata, the speakers with their roles, the speaker turns in reading order,
the question-answer pairs built from those turns, the notes that were taken out of (or marked in) the
text, and the parser's warnings. ``Document.to_dict()`` is the public JSON contract of
``python -m analysis parse``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

TurnRole = Literal["question", "answer", "other"]
SpeakerRole = Literal["interviewer", "moderator", "interviewee", "other"]
NoteKind = Literal["editorial", "stage", "timestamp", "location", "footer", "front_matter", "heading"]
PairKind = Literal["qa", "opening"]


@dataclass(frozen=True)
class Speaker:
    name: str
    role: SpeakerRole


@dataclass(frozen=True)
class Turn:
    """One speaker's uninterrupted contribution; paragraphs are separated by a blank line."""

    index: int  # from 1, in reading order
    speaker: str
    role: TurnRole
    text: str


@dataclass(frozen=True)
class Note:
    """Text that is not speech: a stage direction, a time stamp, an editorial bracket, a footer line.

    Editorial brackets stay in the turn text; ``start``/``end`` give their character span there.
    Other notes were taken out of the text; ``turn`` says which turn they stood in (None: outside turns).
    """

    kind: NoteKind
    text: str
    turn: int | None = None
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class Answer:
    speaker: str
    turn: int
    text: str


@dataclass(frozen=True)
class Pair:
    """A question with every answer turn that follows it until the next question.

    ``kind == "opening"``: statements before the first question, kept as their own segment
    (``question`` and ``asked_by`` are None).
    """

    pair: int  # from 1
    kind: PairKind
    question: str | None
    asked_by: str | None
    question_turns: tuple[int, ...]
    answers: tuple[Answer, ...]

    @property
    def answer(self) -> str:
        return "\n\n".join(a.text for a in self.answers)

    @property
    def answered_by(self) -> list[str]:
        seen: list[str] = []
        for a in self.answers:
            if a.speaker not in seen:
                seen.append(a.speaker)
        return seen

    def to_dict(self) -> dict:
        return {
            "pair": self.pair,
            "kind": self.kind,
            "question": self.question,
            "answer": self.answer,
            "asked_by": self.asked_by,
            "answered_by": self.answered_by,
            "question_turns": list(self.question_turns),
            "answers": [{"speaker": a.speaker, "turn": a.turn, "text": a.text} for a in self.answers],
        }


@dataclass(frozen=True)
class Document:
    title: str | None
    date: str | None  # ISO 8601 (YYYY-MM-DD) or None
    source: str | None
    description: str | None
    format: str
    speakers: tuple[Speaker, ...]
    turns: tuple[Turn, ...]
    pairs: tuple[Pair, ...]
    notes: tuple[Note, ...] = ()
    warnings: tuple[str, ...] = ()
    metadata: dict = field(default_factory=dict)
    # The file name it was read from (``load``, ``parse_bytes(name=...)``); None for text parsed directly.
    # Where it came from, not what it says: two documents with the same content compare equal.
    name: str | None = field(default=None, compare=False)

    @property
    def qa_pairs(self) -> tuple[Pair, ...]:
        """The pairs that have a question (the opening segment left out)."""
        return tuple(p for p in self.pairs if p.kind == "qa")

    def to_dict(self) -> dict:
        return {
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "description": self.description,
            "format": self.format,
            "speakers": [{"name": s.name, "role": s.role} for s in self.speakers],
            "turns": [
                {"index": t.index, "speaker": t.speaker, "role": t.role, "text": t.text} for t in self.turns
            ],
            "pairs": [p.to_dict() for p in self.pairs],
            "notes": [
                {k: v for k, v in vars(n).items() if v is not None or k == "turn"} for n in self.notes
            ],
            "warnings": list(self.warnings),
            "metadata": dict(self.metadata),
        }

"""What a format reader hands to the builder: labelled paragraphs and metadata, nothing inferred yet.

Every reader (plain text, Markdown, HTML, docx, PDF, captions, JSON/CSV) turns its input into a
:class:`RawDoc`. :func:`analysis.transcripts.build.build_document` then infers roles, takes out notes,
rejoins broken sentences, pairs questions with answers and writes warnings, the same way for all.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Note, TurnRole


@dataclass
class Para:
    """One paragraph of running text.

    ``label`` is the speaker label that opens a new turn here (None: the paragraph continues the
    current turn). ``role`` may be preset by a reader that knows it (the dash format, ``Q:``/``A:``).
    """

    text: str
    label: str | None = None
    role: TurnRole | None = None


@dataclass
class RawDoc:
    format: str
    paras: list[Para] = field(default_factory=list)
    title: str | None = None
    date: str | None = None
    source: str | None = None
    description: str | None = None
    notes: list[Note] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    metadata: dict = field(default_factory=dict)
    # Speaker name -> role hint found by the reader (e.g. "moderator" in an HTML label).
    role_hints: dict[str, str] = field(default_factory=dict)
    # What kind of event the reader recognised: "press", "interview", "hearing", "court", "parliament", "earnings", "debate", "podcast"; None: unknown.
    layout: str | None = None

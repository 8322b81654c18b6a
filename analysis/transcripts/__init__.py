"""Transcripts in: read a file in any supported format into a :class:`Document`.

>>> from analysis.transcripts import load
>>> doc = load("data/transcripts/bezrukov-soft-power-picreadi-2018.txt")
>>> len(doc.qa_pairs)
9
"""

from __future__ import annotations

import re
from dataclasses import replace
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from ..datafiles import DATA_DIR
from ..errors import DiscourseError
from .build import build_document
from .corrections import Correction
from .decode import decode
from .model import Answer, Document, Note, Pair, Speaker, Turn
from .raw import RawDoc

Format = Literal["web-interview", "labelled", "html", "docx", "pdf", "srt", "vtt", "json", "jsonl", "csv"]
FORMATS: tuple[str, ...] = Format.__args__  # type: ignore[attr-defined]
EXTENSIONS = {
    ".txt": None, ".md": None, ".markdown": None, ".text": None,
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".docx": "docx", ".pdf": "pdf", ".srt": "srt", ".vtt": "vtt",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv",
}
SRT_START = re.compile(r"\A\s*\d+\s*\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->")
HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|p|div|article)\b", re.I | re.S)
DEFAULT_DOCUMENT = DATA_DIR / "transcripts" / "bezrukov-soft-power-picreadi-2018.txt"

__all__ = [
    "Answer", "Correction", "Document", "DiscourseError", "FORMATS", "Note", "Pair", "Speaker", "Turn",
    "DEFAULT_DOCUMENT", "detect_format", "load", "parse_bytes", "parse_text", "read_file",
]


def detect_format(data: bytes, *, name: str | None = None) -> Format:
    """The format of ``data``, recognised by content first and by the file name's extension second."""
    ext = Path(name).suffix.lower() if name else ""
    if ext and ext not in EXTENSIONS:
        raise DiscourseError(
            f"{name}: the extension {ext!r} is not a supported transcript format. "
            f"Supported: {', '.join(sorted(EXTENSIONS))}."
        )
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if b"word/" in data[:65536] or ext == ".docx":
            return "docx"
        raise DiscourseError(f"{name or 'The file'} is a zip archive but not a Word (.docx) document.")
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"WEBVTT"):
        return "vtt"
    text_head = head.decode("utf-8", errors="replace")
    if SRT_START.match(text_head):
        return "srt"
    if HTML_START.match(text_head):
        return "html"
    by_ext = EXTENSIONS.get(ext)
    if by_ext in ("json", "jsonl", "csv", "html", "srt", "vtt"):
        return by_ext  # type: ignore[return-value]
    if head.startswith((b"[", b"{")):
        lines = [ln for ln in text_head.splitlines() if ln.strip()]
        return "jsonl" if len(lines) > 1 and all(ln.lstrip().startswith("{") for ln in lines[:-1]) else "json"
    return "labelled"  # plain text; the dash layout is recognised after decoding, see parse_text


def parse_text(
    text: str, *, format: Format | None = None, interviewer: list[str] | None = None,
    corrections: Sequence[Correction] = (),
) -> Document:
    """Parse decoded text (plain text, Markdown, HTML, captions, JSON or CSV); ``corrections``: the
    user's fixes (:mod:`analysis.transcripts.corrections`), applied in order."""
    from . import webinterview
    from .labelled import read_labelled

    if format is None or format in ("labelled", "web-interview"):
        if format == "web-interview" or (format is None and webinterview.looks_like(text)):
            return _build(webinterview.read_web_interview(text), interviewer, corrections)
        if format is None:
            format = detect_format(text.encode("utf-8"))
        if format == "labelled":
            return _build(read_labelled(text), interviewer, corrections)
    return _build(_read_text_format(text, format), interviewer, corrections)


def parse_bytes(
    data: bytes, *, name: str | None = None, format: Format | None = None, interviewer: list[str] | None = None,
    corrections: Sequence[Correction] = (),
) -> Document:
    """Parse a file's bytes; the format is recognised from the content (and the name's extension).

    ``name`` (the file's name) becomes the document's ``name`` and starts every error message.
    ``corrections``: the user's fixes, applied in order (:mod:`analysis.transcripts.corrections`).
    """
    doc = _parse_bytes(data, name or "the file", format, interviewer, tuple(corrections))
    return replace(doc, name=name) if name else doc


def _parse_bytes(
    data: bytes, name: str, format: Format | None, interviewer: list[str] | None, corrections: tuple[Correction, ...] = ()
) -> Document:
    if not data or not data.strip():
        raise DiscourseError(f"{name} is empty: there is no text to read.")
    fmt = format or detect_format(data, name=name)
    if fmt == "docx":
        from .docx import read_docx

        return _build(read_docx(data), interviewer, corrections)
    if fmt == "pdf":
        from .pdf import read_pdf

        return _build(read_pdf(data), interviewer, corrections)
    text = decode(data, name=name)
    try:
        if fmt == "labelled" and format is None:
            return parse_text(text, interviewer=interviewer, corrections=corrections)
        return parse_text(text, format=fmt, interviewer=interviewer, corrections=corrections)
    except DiscourseError as e:
        if str(e).startswith(name):
            raise
        raise DiscourseError(f"{name}: {e}") from e


def read_file(path: str | Path, name: str | None = None) -> bytes:
    """A transcript file's bytes; a missing file, a folder or an unreadable file is a DiscourseError
    naming ``name`` (default: the path)."""
    name = name or str(path)
    try:
        return Path(path).read_bytes()
    except FileNotFoundError as e:
        raise DiscourseError(f"{name}: no such file.") from e
    except IsADirectoryError as e:
        raise DiscourseError(f"{name} is a folder; give a transcript file.") from e
    except OSError as e:
        raise DiscourseError(f"{name} could not be read: {e.strerror or e}.") from e


def load(
    path: str | Path, *, format: Format | None = None, interviewer: list[str] | None = None,
    corrections: Sequence[Correction] = (),
) -> Document:
    """Read and parse a transcript file; the document's ``name`` is the file's name."""
    p = Path(path)
    return parse_bytes(read_file(p), name=p.name, format=format, interviewer=interviewer, corrections=corrections)


def _read_text_format(text: str, format: str) -> RawDoc:
    if format == "html":
        from .html import read_html

        return read_html(text)
    if format in ("srt", "vtt"):
        from . import captions

        return captions.read_srt(text) if format == "srt" else captions.read_vtt(text)
    if format in ("json", "jsonl"):
        from .tabular import read_json

        return read_json(text)
    if format == "csv":
        from .tabular import read_csv

        return read_csv(text)
    raise DiscourseError(f"Unknown format {format!r}; choose one of: {', '.join(FORMATS)}.")


def _build(raw: RawDoc, interviewer: list[str] | None, corrections: Sequence[Correction] = ()) -> Document:
    if corrections:  # the user's fixes: labels before the builder, turn roles after it
        from . import corrections as fixes

        corrections = fixes.validate(corrections)
        fixed, interviewer, notes = fixes.before_build(raw, interviewer, corrections)
        return fixes.after_build(_build(fixed, interviewer), fixed, corrections, notes)
    if interviewer and raw.format == "web-interview":
        # The dash layout has one interviewer by construction: the caller's name replaces the inferred one.
        old = next((n for n, r in raw.role_hints.items() if r == "interviewer"), None)
        for p in raw.paras:
            if p.label == old:
                p.label = interviewer[0]
        raw.role_hints.pop(old, None)
        raw.role_hints[interviewer[0]] = "interviewer"
        interviewer = None
    return build_document(raw, interviewer=interviewer)

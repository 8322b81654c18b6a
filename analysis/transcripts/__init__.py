"""Transcripts in: read a file in any supported format into a :class:`Document`.

>>> from analysis.transcripts import load
>>> doc = load("data/transcripts/bezrukov-soft-power-picreadi-2018.txt")
>>> len(doc.qa_pairs)
9
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Literal

from ..datafiles import DEFAULT_DOCUMENT
from ..errors import DiscourseError
from .build import build_document
from .corrections import Correction, chosen_columns
from .decode import CONTROL_CHARS, MAX_CONTROL_SHARE, decode
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
# Extensions of files that are never transcripts (slides, sheets, images, sound, video, archives, programs):
# refused by name whatever their bytes. Any other unknown extension is read when its content is text.
NOT_TRANSCRIPTS = frozenset(
    ".pptx .ppt .xlsx .xls .odp .ods .png .jpg .jpeg .gif .bmp .tif .tiff .webp .heic .svg .mp3 .wav .m4a "
    ".ogg .flac .aac .mp4 .mov .avi .mkv .webm .zip .gz .tgz .bz2 .xz .7z .rar .tar .exe .dll .so .bin .iso "
    ".dmg .apk .doc .rtf .odt .pages .key .numbers .epub .parquet .pkl .npy .sqlite .db".split()
)
# Text pasted into the dashboard is named "Pasted text N" (no file, so no extension to warn about).
PASTED = "Pasted text"
PASTED_NAME = re.compile(rf"{PASTED} [1-9][0-9]*")
SRT_START = re.compile(r"\A\s*\d+\s*\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->")
HTML_START = re.compile(r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|p|div|article)\b", re.I | re.S)
# The largest file read (bytes), for every input (.streamlit/config.toml's maxUploadSize is the same 20 MB); a device or a pipe is read up to this plus one byte, then refused.
MAX_FILE_BYTES = 20 * 2**20
# The most text a document may have (characters, about 330,000 words: a 700-page transcript, twenty
# times the longest of the 1,154 White House briefings). Its analysis allocates about 125 bytes a
# character on the way and keeps about 25 (tracemalloc on benchmarks/hostile_inputs.py's 1.9 M-character
# case: 238 MB at the peak, 45 MB kept; 321 MB resident in the CLI, 7 s), so a server holds several.
# Longer documents are refused; split them into parts.
MAX_DOCUMENT_CHARS = 2_000_000
# Files that are not transcripts in a supported format, known by their first bytes, with what to do.
FOREIGN_MAGIC = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Word 97-2003 .doc file (or another old Office file), not a .docx: "
     "open it in Word or LibreOffice and save it as .docx"),
    (b"{\\rtf", "an RTF document: open it in Word or LibreOffice and save it as .docx or as plain text"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image, not a transcript: a picture of text needs OCR first"),
    (b"\xff\xd8\xff", "a JPEG image, not a transcript: a picture of text needs OCR first"),
    (b"GIF8", "a GIF image, not a transcript"),
)

__all__ = [
    "Answer", "Correction", "Document", "DiscourseError", "FORMATS", "Note", "Pair", "Speaker", "Turn",
    "DEFAULT_DOCUMENT", "detect_format", "load", "parse_bytes", "parse_text", "read_file",
]


def detect_format(data: bytes, *, name: str | None = None) -> Format:
    """The format of ``data``, recognised by content first and by the file name's extension second."""
    ext = Path(name).suffix.lower() if name else ""
    if ext in NOT_TRANSCRIPTS or (ext and ext not in EXTENSIONS and not _looks_like_text(data)):
        raise DiscourseError(
            f"{name}: the extension {ext!r} is not a supported transcript format. "
            f"Supported: {', '.join(sorted(EXTENSIONS))}."
        )
    if data.startswith(b"%PDF-"):
        return "pdf"
    for magic, what in FOREIGN_MAGIC:
        if data.startswith(magic):
            raise DiscourseError(f"{name or 'The file'} is {what}.")
    if data.startswith(b"PK\x03\x04"):
        if b"word/" in data[:65536] or ext == ".docx":
            return "docx"
        hint = (" It is an OpenDocument file: open it in LibreOffice and save it as .docx."
                if data[30:49] == b"mimetypeapplication" else " Save the transcript as .docx or as plain text.")
        raise DiscourseError(f"{name or 'The file'} is a zip archive but not a Word (.docx) document.{hint}")
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
    if head.startswith(b"{") or (head.startswith(b"[") and _parses_as_json(data)):
        lines = [ln for ln in text_head.splitlines() if ln.strip()]
        return "jsonl" if len(lines) > 1 and all(ln.lstrip().startswith("{") for ln in lines[:-1]) else "json"
    return "labelled"  # plain text; the dash layout is recognised after decoding, see parse_text


def _looks_like_text(data: bytes) -> bool:
    """Text, not a binary file: no NUL byte and few control characters in the first 4 KB (a UTF-16 file
    has its byte-order mark)."""
    head = data[:4096]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    if b"\x00" in head:
        return False
    sample = head.decode("utf-8", errors="ignore")
    return len(CONTROL_CHARS.findall(sample)) <= MAX_CONTROL_SHARE * max(len(sample), 1)


def _parses_as_json(data: bytes) -> bool:
    """A text starting with "[" is JSON only if it parses ("[00:00:01] Jane: ..." is a transcript)."""
    try:
        json.loads(data)
    except (ValueError, RecursionError):
        return False
    return True


def pasted_name(n: int) -> str:
    """The name of the ``n``-th text pasted into the dashboard: it has no extension, and needs none."""
    return f"{PASTED} {n}"


def _unknown_extension_warning(name: str, fmt: str) -> str | None:
    ext = Path(name).suffix.lower()
    if ext in EXTENSIONS or name == "the file" or PASTED_NAME.fullmatch(name):
        return None
    what = "plain text with speaker labels" if fmt in ("labelled", "web-interview") else fmt.upper()
    had = f"the extension {ext!r} is not one of the transcript formats" if ext else "it has no extension"
    return (
        f"{name}: {had}; its content is text, so it was read as {what}. "
        "If the turns look wrong, save it as .txt (or its real format) and load it again."
    )


def parse_text(
    text: str, *, format: Format | None = None, interviewer: list[str] | None = None,
    speaker_column: str | None = None, text_column: str | None = None, corrections: Sequence[Correction] = (),
) -> Document:
    """Parse decoded text (plain text, Markdown, HTML, captions, JSON or CSV).

    ``speaker_column`` / ``text_column`` name the columns of a table (JSON, JSONL, CSV) to read the
    speaker and the text from (default: found by name, then by content); other formats ignore them.
    ``corrections``: the user's fixes (:mod:`analysis.transcripts.corrections`), applied in order.
    """
    from . import webinterview
    from .labelled import read_labelled

    if speaker_column is None and text_column is None:  # the user's choice, kept with the document
        speaker_column, text_column = chosen_columns(corrections)

    if format is None or format in ("labelled", "web-interview"):
        if format == "web-interview" or (format is None and webinterview.looks_like(text)):
            return _build(webinterview.read_web_interview(text), interviewer, corrections)
        if format is None:
            format = detect_format(text.encode("utf-8"))
        if format == "labelled":
            from . import clutter, court, earnings  # layouts recognised by content: court transcripts, earnings calls

            text, furniture = clutter.strip(text)  # a news site's "Continue reading the main story" and the like
            raw = court.read_text(text) or earnings.read_text(text) or read_labelled(text)
            if furniture:
                raw.notes.extend(furniture)
                raw.warnings.append(clutter.warning(furniture))
            return _build(raw, interviewer, corrections)
    return _build(_read_text_format(text, format, columns=(speaker_column, text_column)), interviewer, corrections)


def parse_bytes(
    data: bytes, *, name: str | None = None, format: Format | None = None, interviewer: list[str] | None = None,
    speaker_column: str | None = None, text_column: str | None = None, corrections: Sequence[Correction] = (),
) -> Document:
    """Parse a file's bytes; the format is recognised from the content (and the name's extension).

    ``name`` (the file's name) becomes the document's ``name`` and starts every error message.
    ``speaker_column`` / ``text_column``, ``corrections``: as for :func:`parse_text`.
    """
    doc = _parse_bytes(
        data, name or "the file", format, interviewer, columns=(speaker_column, text_column), corrections=tuple(corrections)
    )
    if name and format is None and (warning := _unknown_extension_warning(name, doc.format)):
        doc = replace(doc, warnings=(warning, *doc.warnings))
    return replace(doc, name=name) if name else doc


def _parse_bytes(
    data: bytes, name: str, format: Format | None, interviewer: list[str] | None,
    *, columns: tuple[str | None, str | None] = (None, None), corrections: tuple[Correction, ...] = (),
) -> Document:
    if len(data) > MAX_FILE_BYTES:
        raise DiscourseError(_too_large(name))
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
        return parse_text(
            text, format=fmt, interviewer=interviewer, speaker_column=columns[0], text_column=columns[1],
            corrections=corrections,
        )
    except DiscourseError as e:
        if str(e).startswith(name):
            raise
        raise DiscourseError(f"{name}: {e}") from e


def read_file(path: str | Path, name: str | None = None) -> bytes:
    """A transcript file's bytes; a missing file, a folder or an unreadable file is a DiscourseError
    naming ``name`` (default: the path)."""
    name = name or str(path)
    try:
        with open(path, "rb") as f:  # at most the limit and one byte, whatever the file is (/dev/zero, a pipe)
            data = f.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError as e:
        raise DiscourseError(f"{name}: no such file.") from e
    except IsADirectoryError as e:
        raise DiscourseError(f"{name} is a folder; give a transcript file.") from e
    except OSError as e:
        raise DiscourseError(f"{name} could not be read: {e.strerror or e}.") from e
    if len(data) > MAX_FILE_BYTES:
        raise DiscourseError(_too_large(name))
    return data


def _too_large(name: str) -> str:
    return (
        f"{name} is larger than {MAX_FILE_BYTES // 2**20} MB, the largest file read. "
        "Split the transcript into parts, or remove its pictures."
    )


def load(
    path: str | Path, *, format: Format | None = None, interviewer: list[str] | None = None,
    speaker_column: str | None = None, text_column: str | None = None, corrections: Sequence[Correction] = (),
) -> Document:
    """Read and parse a transcript file; the document's ``name`` is the file's name."""
    p = Path(path)
    return parse_bytes(
        read_file(p), name=p.name, format=format, interviewer=interviewer,
        speaker_column=speaker_column, text_column=text_column, corrections=corrections,
    )


def _read_text_format(text: str, format: str, *, columns: tuple[str | None, str | None] = (None, None)) -> RawDoc:
    if format == "html":
        from .html import read_html

        return read_html(text)
    if format in ("srt", "vtt"):
        from . import captions

        return captions.read_srt(text) if format == "srt" else captions.read_vtt(text)
    if format in ("json", "jsonl"):
        from .tabular import read_json

        return read_json(text, speaker_column=columns[0], text_column=columns[1])
    if format == "csv":
        from .tabular import read_csv

        return read_csv(text, speaker_column=columns[0], text_column=columns[1])
    raise DiscourseError(f"Unknown format {format!r}; choose one of: {', '.join(FORMATS)}.")


def check_length(chars: int) -> None:
    """DiscourseError when a document's text (``chars`` characters read so far) is over the limit."""
    if chars > MAX_DOCUMENT_CHARS:
        raise DiscourseError(
            f"The document is too long: {chars:,} characters of text (about {chars // 6:,} words) were read, "
            f"and at most {MAX_DOCUMENT_CHARS:,} characters (about {MAX_DOCUMENT_CHARS // 6:,} words) are "
            "analysed. Split it into parts and add each one."
        )


def _build(raw: RawDoc, interviewer: list[str] | None, corrections: Sequence[Correction] = ()) -> Document:
    if corrections:  # the user's fixes: labels before the builder, turn roles after it
        from . import corrections as fixes

        corrections = fixes.validate(corrections)
        fixed, interviewer, notes = fixes.before_build(raw, interviewer, corrections)
        return fixes.after_build(_build(fixed, interviewer), fixed, corrections, notes)
    check_length(sum(len(p.text) for p in raw.paras))
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

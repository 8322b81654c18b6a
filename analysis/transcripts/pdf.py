"""PDF transcripts: the text layer (pypdf), cut into paragraphs, then the same label rules as plain text.

What it handles: the page texts in order (at most :data:`MAX_PAGES` pages), with page numbers
("3", "Page 3 of 12", "- 3 -") and running headers/footers (the same first or last line on most pages)
taken out as ``Note(kind="footer")``. Lines are joined into paragraphs; a new paragraph starts at a
blank line, or at a line that opens with a speaker label ("Q:", "MS. PSAKI:", "Vladimir Putin:")
when the line before ended a sentence (. ? ! … : ; a closing quote or bracket, or a dash of an
interruption). A word hyphenated over a line break ("trans-" + "cript") is joined again. Page breaks
are line breaks, not paragraph breaks: a sentence running over a page stays whole. The paragraphs go
to :func:`analysis.transcripts.labelled.read_paragraphs`. The title is the PDF's /Title property
unless it is empty or a converter's placeholder ("Microsoft Word - x.docx").

Extraction is bounded in time: after :data:`MAX_SECONDS` the remaining pages are not read and the file
is refused with a message (the check runs between pages, so one pathological page can overrun it by
its own extraction time; the page and size bounds keep that small).

Limits: a scanned PDF has no text layer and is refused (it needs OCR first); pages without text in an
otherwise readable PDF are reported in the warnings. Multi-column layouts, tables and text in
reading orders other than the content stream's come out as pypdf gives them. A password-protected
PDF is read only if it opens with an empty password.
"""

from __future__ import annotations

import io
import re
import struct
import time
import zlib
from collections import Counter

from pypdf import PdfReader
from pypdf.errors import DependencyError, PyPdfError

from ..errors import DiscourseError
from .labelled import A_LABEL, CAPS_LABEL, NAME_LABEL, Q_LABEL, read_paragraphs
from .model import Note
from .raw import RawDoc

# A text PDF of a few hundred pages extracts in a few seconds here; 30 s is ample for a real transcript and
# bounds the work a hostile file (deeply nested or huge content streams) can cause in a shared dashboard.
MAX_SECONDS = 30.0
# A transcript of a full-day hearing runs to a few hundred pages; 2,000 bounds the work on hostile files.
MAX_PAGES = 2_000
# 200 MB: larger than any text PDF of MAX_PAGES pages without large images.
MAX_BYTES = 200_000_000
# pypdf reports a malformed file with its own errors and, deeper in the parser, with plain Python
# ones (KeyError for a missing dictionary entry, struct.error for a short binary field, ...): on a
# user's PDF every one of these means "this file could not be read".
PDF_ERRORS = (
    PyPdfError, DependencyError, ValueError, KeyError, TypeError, IndexError, AttributeError, AssertionError,
    RecursionError, OSError, EOFError, NotImplementedError, ArithmeticError, struct.error, zlib.error,
)
PAGE_NUMBER = re.compile(
    r"^(?:[-\u2013\u2014]\s*)?(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*[-\u2013\u2014])?$", re.I
)
# A running header/footer is the same edge line (digits aside) on at least this share of the pages,
# and on at least MIN_REPEATED_PAGES pages.
REPEATED_SHARE = 0.5
MIN_REPEATED_PAGES = 3
SENTENCE_END = re.compile(r"""(?:[.?!\u2026:;"'\u201d\u2019)\]\u2013\u2014]|--)$""")
HYPHENATED = re.compile(r"[a-z\u00e0-\u00ff]-$")
JUNK_TITLE = re.compile(r"^(?:microsoft (?:word|powerpoint)\s*-|untitled\b)|\.(?:docx?|pdf|rtf|odt|txt)$", re.I)


def read_pdf(data: bytes) -> RawDoc:
    """Read a PDF's bytes. See the module docstring for what is recognised."""
    reader = _open(data)
    pages, warnings = _page_texts(reader)
    lines, footers = _strip_edges(pages)
    paragraphs = split_paragraphs(lines)
    raw = read_paragraphs(paragraphs, format="pdf")
    raw.warnings.extend(warnings)
    raw.notes.extend(footers)
    raw.metadata["pages"] = len(pages)
    if title := _title(reader):
        raw.title = title
    return raw


def _open(data: bytes) -> PdfReader:
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise DiscourseError("The PDF reader needs the file's bytes.")
    if not bytes(data[:1024]).strip():
        raise DiscourseError("The PDF file is empty.")
    if len(data) > MAX_BYTES:
        raise DiscourseError(
            f"The PDF has {len(data) / 1e6:,.0f} MB (at most {MAX_BYTES / 1e6:,.0f} MB). Split it first."
        )
    if b"%PDF-" not in bytes(data[:1024]):
        raise DiscourseError("This is not a PDF file (no '%PDF-' header). Check the file, or choose its real format.")
    try:
        reader = PdfReader(io.BytesIO(bytes(data)))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DiscourseError(
                "The PDF is password-protected. Remove the password (print to a new PDF) and try again."
            )
        n = len(reader.pages)
    except DependencyError as e:
        raise DiscourseError(
            f"The PDF is encrypted in a way this reader cannot open ({e}). Save an unprotected copy."
        ) from e
    except PDF_ERRORS as e:
        raise DiscourseError(
            f"The PDF could not be read ({type(e).__name__}: {e}). Save it again or export it as text."
        ) from e
    if n == 0:
        raise DiscourseError("The PDF has no pages.")
    if n > MAX_PAGES:
        raise DiscourseError(f"The PDF has {n:,} pages; this reader takes at most {MAX_PAGES:,}. Split it first.")
    return reader


def _page_texts(reader: PdfReader, *, max_seconds: float | None = None) -> tuple[list[list[str]], list[str]]:
    """Each page's non-empty lines (blank lines kept as ""), and warnings for unreadable or empty pages."""
    pages: list[list[str]] = []
    failed: list[int] = []
    empty: list[int] = []
    budget = MAX_SECONDS if max_seconds is None else max_seconds
    deadline = time.monotonic() + budget
    for number, page in enumerate(reader.pages, start=1):
        if time.monotonic() > deadline:
            raise DiscourseError(
                f"Reading the PDF's text took longer than {budget:g} s (stopped at page {number} of "
                f"{len(reader.pages)}). Export it as text or .docx, or split it."
            )
        try:
            text = page.extract_text() or ""
        except PDF_ERRORS:
            failed.append(number)
            text = ""
        if not text.strip() and number not in failed:
            empty.append(number)
        pages.append([" ".join(line.split()) for line in text.splitlines()])
    if not any(line for page in pages for line in page):
        if failed:
            raise DiscourseError("The text of this PDF could not be extracted. Export it as text or .docx instead.")
        raise DiscourseError(
            "This PDF has no text layer (it is probably scanned images of pages). Run OCR on it first "
            "(e.g. ocrmypdf, or 'Recognise text' in a PDF editor), then load the result."
        )
    warnings = []
    if failed:
        warnings.append(f"The text of PDF page(s) {_numbers(failed)} could not be extracted; it is missing.")
    if empty:
        warnings.append(f"PDF page(s) {_numbers(empty)} have no text layer (scanned?); their text is missing.")
    return pages, warnings


def _numbers(numbers: list[int]) -> str:
    shown = ", ".join(map(str, numbers[:10]))
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")


def _strip_edges(pages: list[list[str]]) -> tuple[list[str], list[Note]]:
    """All lines in order without page numbers and running headers/footers (returned as notes)."""
    def edges(page: list[str]) -> list[int]:
        filled = [i for i, line in enumerate(page) if line]
        return sorted({filled[0], filled[-1]}) if filled else []

    def key(line: str) -> str:
        return re.sub(r"\d+", "#", line.lower())

    counts = Counter(k for page in pages for k in {key(page[i]) for i in edges(page)})
    threshold = max(MIN_REPEATED_PAGES, REPEATED_SHARE * len(pages))
    repeated = {k for k, c in counts.items() if c >= threshold}
    lines: list[str] = []
    notes: list[Note] = []
    seen: set[str] = set()
    for page in pages:
        drop = {i for i in edges(page) if PAGE_NUMBER.match(page[i]) or key(page[i]) in repeated}
        for i, line in enumerate(page):
            if i in drop:
                if key(line) in repeated and key(line) not in seen:
                    seen.add(key(line))
                    notes.append(Note("footer", line))
                continue
            lines.append(line)
    return lines, notes


def _starts_with_label(line: str) -> bool:
    return any(p.match(line) for p in (Q_LABEL, A_LABEL, CAPS_LABEL, NAME_LABEL))


def split_paragraphs(lines: list[str]) -> list[str]:
    """Join lines into paragraphs: a blank line, or a label after a sentence's end, starts a new one."""
    paragraphs: list[str] = []
    current = ""
    for line in lines:
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
        elif not current:
            current = line
        elif SENTENCE_END.search(current) and _starts_with_label(line):
            paragraphs.append(current)
            current = line
        elif HYPHENATED.search(current) and line[:1].islower():
            current = current[:-1] + line
        else:
            current = f"{current} {line}"
    if current:
        paragraphs.append(current)
    return paragraphs


def _title(reader: PdfReader) -> str | None:
    try:
        info = reader.metadata
        title = info.title if info is not None else None
    except PDF_ERRORS:
        return None
    title = " ".join(str(title or "").split())
    return title if title and not JUNK_TITLE.search(title) else None

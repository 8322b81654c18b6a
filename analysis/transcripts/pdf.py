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

Extraction is bounded in time: after :data:`MAX_SECONDS` the file is refused with a message. The clock
is looked at between pages and, inside a page, every :data:`CHECK_EVERY_OPERATIONS` drawing operators
(pypdf's ``visitor_operand_before`` hook); parsing one content stream into operators cannot be
interrupted, so each stream's parse is capped at :data:`MAX_PARSE_TOKENS` tokens (a page holding more is
refused with its own message) and form XObjects at :data:`MAX_FORM_INVOCATIONS` per page. pypdf's own
log messages ("EOF marker not found", "Exceeded 5000 form XObject invocations") are caught while a
PDF is read and become the document's warnings (or are left out when the file is refused with the
project's error), never raw lines on stderr.

Limits: a scanned PDF has no text layer and is refused (it needs OCR first); pages without text in an
otherwise readable PDF are reported in the warnings. Multi-column layouts, tables and text in
reading orders other than the content stream's come out as pypdf gives them. A password-protected
PDF is read only if it opens with an empty password.
"""

from __future__ import annotations

import io
import logging
import re
import struct
import time
import zlib
from collections import Counter
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

from pypdf import PdfReader, apply_configuration
from pypdf.errors import DependencyError, LimitReachedError, PyPdfError

from ..errors import DiscourseError
from .labelled import A_LABEL, CAPS_LABEL, NAME_LABEL, Q_LABEL, read_paragraphs
from .model import Note
from .raw import RawDoc

# A text PDF of a few hundred pages extracts in a few seconds here; 30 s is ample for a real transcript and
# bounds the work a hostile file (deeply nested or huge content streams) can cause on a shared server.
MAX_SECONDS = 30.0
# A dense text page is parsed into some 5,000-20,000 tokens (operands and operators; a TJ array with
# per-glyph kerning counts each element): 500,000 is 25 times that and parses in about 1.5 s on a
# shared two-core machine (measured with benchmarks/pdf_hostile.py). pypdf's own default is 2,000,000.
MAX_PARSE_TOKENS = 500_000
# A transcript page draws a running header or a logo as a form XObject a few times; pypdf's default
# (5,000 per page) lets one hostile page parse the same form thousands of times.
MAX_FORM_INVOCATIONS = 200
# How often (in drawing operators) the clock is looked at inside a page: checking costs ~0.1 us, an
# operator takes pypdf ~20 us, so this is free and stops a page within ~2 ms of the deadline.
CHECK_EVERY_OPERATIONS = 100
# At most this many distinct pypdf log messages are kept as warnings.
MAX_PYPDF_MESSAGES = 5
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


class _PypdfLog(logging.Handler):
    """Collects pypdf's log records for the read running in this context; records logged outside a
    read go where they would have gone without this handler (Python's last-resort handler)."""

    def emit(self, record: logging.LogRecord) -> None:
        sink = _PYPDF_MESSAGES.get()
        if sink is None:
            if logging.lastResort is not None and record.levelno >= logging.lastResort.level:
                logging.lastResort.handle(record)
            return
        message = " ".join(record.getMessage().split())
        if message and message not in sink:
            sink.append(message)


_PYPDF_MESSAGES: ContextVar[list[str] | None] = ContextVar("pypdf_messages", default=None)
_PYPDF_LOGGER = logging.getLogger("pypdf")
if not any(isinstance(h, _PypdfLog) for h in _PYPDF_LOGGER.handlers):
    _PYPDF_LOGGER.addHandler(_PypdfLog())
# pypdf's records stop at its own logger (the handler above), so a root handler never prints them.
_PYPDF_LOGGER.propagate = False


@contextmanager
def _pypdf_messages() -> Iterator[list[str]]:
    """pypdf's log messages while the block runs (in this thread or task only), in order, deduplicated."""
    sink: list[str] = []
    token = _PYPDF_MESSAGES.set(sink)
    try:
        yield sink
    finally:
        _PYPDF_MESSAGES.reset(token)


def read_pdf(data: bytes) -> RawDoc:
    """Read a PDF's bytes. See the module docstring for what is recognised."""
    with _pypdf_messages() as messages:
        reader = _open(data)
        pages, warnings = _page_texts(reader)
        title = _title(reader)
    if messages:
        shown = "; ".join(messages[:MAX_PYPDF_MESSAGES])
        more = f" (and {len(messages) - MAX_PYPDF_MESSAGES} more)" if len(messages) > MAX_PYPDF_MESSAGES else ""
        warnings.append(
            f"The PDF is not well-formed; the PDF library reported: {shown}{more}. The text may be incomplete: "
            "check it, or export the transcript as text or .docx."
        )
    lines, footers = _strip_edges(pages)
    raw = _layout_reader(lines) or read_paragraphs(split_paragraphs(lines), format="pdf")
    raw.warnings.extend(warnings)
    raw.notes.extend(footers)
    raw.metadata["pages"] = len(pages)
    if title and not raw.title:  # a layout reader's title (a court case's caption) comes first
        raw.title = title
    return raw


def _layout_reader(lines: list[str]) -> RawDoc | None:
    """A reader for a layout recognised by content (a court transcript, an earnings call), else None."""
    from . import court, earnings

    text = "\n".join(lines)
    if court.looks_like(text):
        return court.read_lines(lines, format="pdf")
    if earnings.looks_like(text):
        return earnings.read_lines(lines, format="pdf")
    return None


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
    operations = 0

    def look_at_the_clock(*_: object) -> None:
        nonlocal operations
        operations += 1
        if operations % CHECK_EVERY_OPERATIONS == 0 and time.monotonic() > deadline:
            raise _Overrun

    with apply_configuration(
        stream_parsing_work_maximum_count=MAX_PARSE_TOKENS,
        xform_maximum_invocations_per_extraction=MAX_FORM_INVOCATIONS,
    ):
        for number, page in enumerate(reader.pages, start=1):
            try:
                if time.monotonic() > deadline:
                    raise _Overrun
                text = page.extract_text(visitor_operand_before=look_at_the_clock) or ""
            except _Overrun:
                raise DiscourseError(
                    f"Reading the PDF's text took longer than {budget:g} s (stopped at page {number} of "
                    f"{len(reader.pages)}). Export it as text or .docx, or split it."
                ) from None
            except LimitReachedError as e:
                raise DiscourseError(
                    f"PDF page {number} holds far more drawing instructions than a page of text ({e}); this "
                    "reader stops there. Export the transcript as text or .docx, or print it to a new PDF."
                ) from None
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


class _Overrun(Exception):
    """The time budget ran out inside a page's extraction."""


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
    """Join lines into paragraphs: a blank line, or a label after a sentence's end, starts a new one.

    Linear in the text: a paragraph is kept as its pieces and joined once, and only its last line
    (which is where it ends) is looked at.
    """
    paragraphs: list[str] = []
    parts: list[str] = []
    for line in lines:
        if not line:
            if parts:
                paragraphs.append("".join(parts))
            parts = []
        elif not parts:
            parts = [line]
        elif SENTENCE_END.search(parts[-1]) and _starts_with_label(line):
            paragraphs.append("".join(parts))
            parts = [line]
        elif HYPHENATED.search(parts[-1]) and line[:1].islower():
            parts[-1] = parts[-1][:-1]
            parts.append(line)
        else:
            parts.append(" ")
            parts.append(line)
    if parts:
        paragraphs.append("".join(parts))
    return paragraphs


def _title(reader: PdfReader) -> str | None:
    try:
        info = reader.metadata
        title = info.title if info is not None else None
    except PDF_ERRORS:
        return None
    title = " ".join(str(title or "").split())
    return title if title and not JUNK_TITLE.search(title) else None

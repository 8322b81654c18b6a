"""Word (.docx) transcripts: the document's paragraphs, then the same label rules as plain text.

What it handles: the body's paragraphs and tables in reading order (python-docx); empty paragraphs are
skipped; a line break inside a paragraph (Shift+Enter) separates paragraphs too; a two-cell table row
"name | text" becomes "name: text". The paragraph texts go to
:func:`analysis.transcripts.labelled.read_paragraphs`, which finds labels such as "NAME:", "Q:" and
"Vladimir Putin:" at a paragraph's start (a bold "NAME:" run reads as that text). The title comes from
the core properties (File > Info), unless it is empty or a converter's placeholder.

Limits: headers, footers, footnotes, comments, text boxes and tracked deletions are not read; bold
alone (without a colon) does not make a label; the older binary .doc format is not supported (save
it as .docx). Before parsing, the zip container is checked against zip bombs: at most
:data:`MAX_UNCOMPRESSED` bytes unpacked, a compression ratio of at most :data:`MAX_RATIO`, at most
:data:`MAX_MEMBERS` parts; every part is then inflated in chunks (the output thrown away) and the
archive refused as soon as the bytes it really inflates to pass the limit, whatever its headers
declare. python-docx parses XML with entity resolution off.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from zlib import error as ZlibError

from docx import Document as open_docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph
from lxml.etree import LxmlError

from ..errors import DiscourseError
from .labelled import read_paragraphs
from .raw import RawDoc

# A 300-page Word transcript unpacks to about 5 MB of XML (plus images); 50 MB leaves room for
# embedded pictures while refusing archives built to exhaust memory.
MAX_UNCOMPRESSED = 50_000_000
# Word's XML compresses about 5-15x; images barely compress. Over 100x is a zip bomb's signature.
MAX_RATIO = 100
# The ratio is checked only above this unpacked size: a tiny archive cannot do harm at any ratio.
RATIO_CHECK_FROM = 1_000_000
# Parts are inflated this many bytes at a time to measure them (the sizes in a zip's headers can lie).
INFLATE_CHUNK = 1 << 16
# A Word file has some 10-40 parts; thousands mean something else.
MAX_MEMBERS = 10_000
# What python-docx raises on a package whose parts are damaged: it assumes well-formed parts, so a
# missing part is a KeyError and an unexpected XML element an AttributeError or TypeError.
DOCX_ERRORS = (
    KeyError, ValueError, AttributeError, TypeError, IndexError, zipfile.BadZipFile, LxmlError, ZlibError,
    EOFError, NotImplementedError, OSError,
)
# Converter placeholders that are not a real title.
JUNK_TITLE = re.compile(r"^(?:microsoft word\s*-|untitled\b|document\d*$)|\.(?:docx?|pdf|rtf|odt)$", re.I)
# The longest first cell of a two-cell table row read as a speaker name.
MAX_CELL_LABEL_CHARS = 60
# Header rows of a two-column transcript table, skipped.
HEADER_ROWS = [[a, b] for a in ("speaker", "name", "who") for b in ("text", "utterance", "transcript", "speech")]


def read_docx(data: bytes) -> RawDoc:
    """Read a .docx file's bytes. See the module docstring for what is recognised."""
    names = check_zip(data, kind="Word (.docx) file")
    if "[Content_Types].xml" not in names or not any(n.startswith("word/") for n in names):
        raise DiscourseError(
            "The file is a zip archive but not a Word document (no word/ folder). "
            "Open it in Word or LibreOffice and save it as .docx."
        )
    try:
        document = open_docx(io.BytesIO(data))
        texts = list(_texts(document))
        title = (document.core_properties.title or "").strip()
    except DiscourseError:  # the document is too long (a ValueError, so before DOCX_ERRORS)
        raise
    except PackageNotFoundError as e:
        raise DiscourseError(
            "The file is a zip archive but not a Word document (no word/document.xml). "
            "Open it in Word or LibreOffice and save it as .docx."
        ) from e
    except DOCX_ERRORS as e:
        raise DiscourseError(
            f"The Word file is damaged or not a .docx ({type(e).__name__}: {e}). "
            "Open it in Word or LibreOffice and save it again as .docx."
        ) from e
    if not texts:
        raise DiscourseError("The Word document has no text: every paragraph is empty.")
    raw = read_paragraphs(texts, format="docx")
    title = " ".join(title.split())
    if title and not JUNK_TITLE.search(title):
        raw.title = title
    return raw


def check_zip(data: bytes, *, kind: str) -> set[str]:
    """The member names of zip archive ``data``; DiscourseError unless it is one, of safe size (see the
    constants above)."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise DiscourseError(f"The {kind} reader needs the file's bytes.")
    if not data:
        raise DiscourseError(f"The {kind} is empty.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError) as e:
        old_doc = bytes(data[:8]).startswith(b"\xd0\xcf\x11\xe0")  # the OLE header of Word 97-2003 files
        hint = " An old .doc file must be saved as .docx first." if old_doc else ""
        raise DiscourseError(f"This is not a valid {kind} (not a zip archive: {e}).{hint}") from e
    if len(members) > MAX_MEMBERS:
        raise DiscourseError(
            f"The {kind} has {len(members):,} parts (at most {MAX_MEMBERS:,}); it is not a normal document."
        )
    unpacked = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    if unpacked > MAX_UNCOMPRESSED:
        raise DiscourseError(
            f"The {kind} would unpack to {unpacked / 1e6:,.0f} MB (at most {MAX_UNCOMPRESSED / 1e6:,.0f} MB): "
            "refused as a possible zip bomb. Remove large images or split the document."
        )
    if unpacked > RATIO_CHECK_FROM and unpacked > MAX_RATIO * max(packed, 1):
        raise DiscourseError(
            f"The {kind} is compressed {unpacked / max(packed, 1):,.0f} to 1 (at most {MAX_RATIO} to 1): "
            "refused as a possible zip bomb. Save it again from Word or LibreOffice."
        )
    inflated = _inflated_size(data, members, kind=kind)
    if inflated > RATIO_CHECK_FROM and inflated > MAX_RATIO * max(packed, 1):
        raise DiscourseError(
            f"The {kind} is compressed {inflated / max(packed, 1):,.0f} to 1 when inflated (at most {MAX_RATIO} to 1): "
            "refused as a possible zip bomb. Save it again from Word or LibreOffice."
        )
    return {m.filename for m in members}


def _inflated_size(data: bytes, members: list[zipfile.ZipInfo], *, kind: str) -> int:
    """The bytes the members really inflate to, counted chunk by chunk: DiscourseError as soon as the
    total passes :data:`MAX_UNCOMPRESSED` (a part whose header declares less than it holds is inflated
    whole by :mod:`zipfile` before its CRC check fails)."""
    view = memoryview(data)
    total = 0
    for m in members:
        if m.compress_type == zipfile.ZIP_STORED:
            total += m.compress_size
            continue
        if m.compress_type != zipfile.ZIP_DEFLATED:  # Word writes deflate only; bzip2/lzma inflate unbounded
            raise DiscourseError(
                f"The {kind} uses a compression Word does not write (method {m.compress_type}). "
                "Save it again from Word or LibreOffice."
            )
        header = bytes(view[m.header_offset:m.header_offset + 30])
        if len(header) < 30 or not header.startswith(b"PK\x03\x04"):
            continue  # a damaged part: python-docx reports it
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        start = m.header_offset + 30 + name_len + extra_len
        pending = view[start:start + m.compress_size]
        inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        try:
            while not inflater.eof:
                chunk = inflater.decompress(pending, INFLATE_CHUNK)
                total += len(chunk)
                if total > MAX_UNCOMPRESSED:
                    raise DiscourseError(
                        f"The {kind} is too large when inflated: its parts unpack to more than "
                        f"{MAX_UNCOMPRESSED / 1e6:,.0f} MB (whatever its headers declare), refused as a possible "
                        "zip bomb. Remove large images or split the document."
                    )
                pending = inflater.unconsumed_tail
                if not chunk and not pending:
                    break
        except zlib.error:
            continue  # damaged data: python-docx reports it
    return total


def _texts(document) -> list[str]:
    """The text of every non-empty paragraph in reading order; table cells row by row. DiscourseError
    as soon as the text passes the document limit."""
    from . import check_length

    out: list[str] = []
    chars = 0
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            new = _lines(block.text)
        elif isinstance(block, Table):
            new = _table_texts(block)
        else:
            continue
        out.extend(new)
        chars += sum(map(len, new))
        check_length(chars)
    return out


def _table_texts(table: Table) -> list[str]:
    out: list[str] = []
    for row in table.rows:
        cells = []
        for cell in row.cells:  # merged cells repeat: keep each once
            if not cells or cell._tc is not cells[-1]._tc:
                cells.append(cell)
        texts = [" ".join(c.text.split()) for c in cells]
        if [t.lower() for t in texts] in HEADER_ROWS:
            continue
        if len(cells) == 2 and texts[0] and texts[1] and len(texts[0]) <= MAX_CELL_LABEL_CHARS:
            out.append(f"{texts[0].rstrip(':')}: {texts[1]}")
            continue
        for cell in cells:
            for paragraph in cell.paragraphs:
                out.extend(_lines(paragraph.text))
    return out


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]

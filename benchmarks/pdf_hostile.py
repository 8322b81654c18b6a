"""Time the PDF reader on hostile files: one long paragraph, and pages with huge content streams.

Run from the repository root: ``python benchmarks/pdf_hostile.py [--quick]``. Prints, per case, the file's
size, the seconds `read_pdf` took and how it ended (paragraphs read, or the error's first words).
"""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pypdf import PdfWriter  # noqa: E402
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject  # noqa: E402

from analysis.errors import DiscourseError  # noqa: E402
from analysis.transcripts.pdf import read_pdf, split_paragraphs  # noqa: E402


def pdf_pages(streams: list[bytes], *, compress: bool) -> bytes:
    """A PDF with one page per content stream (Helvetica as /F1)."""
    writer = PdfWriter()
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
    }))
    for data in streams:
        page = writer.add_blank_page(612, 792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        stream = DecodedStreamObject()
        stream.set_data(data)
        page[NameObject("/Contents")] = writer._add_object(stream.flate_encode(level=9) if compress else stream)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def long_paragraph(pages: int) -> bytes:
    """``pages`` pages of 45 lines each, none ending a sentence: one paragraph (after a first label)."""
    streams = []
    for p in range(pages):
        ops = ["BT", "/F1 10 Tf", "12 TL", "40 760 Td"]
        for i in range(45):
            first = "MR. DOE: and so" if p == 0 and i == 0 else "and so"
            ops.append(f"({first} we went on talking about the matter at hand for line {i} of page {p}) Tj T*")
        ops.append("ET")
        streams.append("\n".join(ops).encode())
    return pdf_pages(streams, compress=False)


def many_operators(n: int, pages: int = 1) -> bytes:
    """Pages whose compressed content stream holds ``n`` text-showing operators."""
    data = b"BT /F1 11 Tf 14 TL 72 740 Td " + b"(ab) Tj T* " * n + b" ET"
    return pdf_pages([data] * pages, compress=True)


def timed(label: str, data: bytes) -> float:
    start = time.perf_counter()
    try:
        raw = read_pdf(data)
        outcome = f"{len(raw.paras)} paragraphs"
    except DiscourseError as e:
        outcome = "refused: " + str(e)[:90]
    seconds = time.perf_counter() - start
    print(f"{label:<38} {len(data) / 1000:>8.1f} KB {seconds:>7.2f} s  {outcome}")
    return seconds


def main() -> None:
    quick = "--quick" in sys.argv
    for pages in (25, 50) if quick else (25, 50, 100, 120):
        timed(f"one long paragraph, {pages} pages", long_paragraph(pages))
    for n in (10_000, 20_000) if quick else (10_000, 20_000, 40_000):
        lines = [f"and so line {i} goes on" for i in range(n)]
        start = time.perf_counter()
        split_paragraphs(lines)
        print(f"{f'split_paragraphs, {n:,} lines':<38} {'':>11} {time.perf_counter() - start:>7.2f} s")
    for n in (40_000, 100_000) if quick else (40_000, 100_000, 400_000):
        timed(f"one page, {n:,} text operators", many_operators(n))
    if not quick:
        timed("two pages, 400,000 operators each", many_operators(400_000, pages=2))


if __name__ == "__main__":
    main()

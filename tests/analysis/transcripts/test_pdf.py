"""PDF reader: text layer to paragraphs, headers/footers, scanned PDFs, damaged and hostile files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter

from analysis.errors import DiscourseError
from analysis.transcripts import pdf as pdf_reader
from analysis.transcripts.model import Note
from analysis.transcripts.pdf import read_pdf, split_paragraphs

DATA = Path(__file__).resolve().parents[2] / "data"  # fixtures made by tests/data/make_fixtures.py
INTERVIEW = (DATA / "pdf_interview.pdf").read_bytes()
SCANNED = (DATA / "pdf_scanned.pdf").read_bytes()


def test_interview_fixture() -> None:
    raw = read_pdf(INTERVIEW)
    assert raw.format == "pdf"
    assert raw.title == "Interview with Jane Doe"
    assert [(p.label, p.role, p.text) for p in raw.paras] == [
        (None, None, "Interview with Jane Doe Recorded on 4 March 2021."),
        ("INTERVIEWER", None, "Where did you grow up, and what was it like?"),
        ("JANE DOE", None, "In a small town. It was quiet and the winters were long."),
        ("INTERVIEWER", None, "Did you like it?"),
        # the hyphenated word is joined, and the sentence runs on over the page break
        ("JANE DOE", None, "Not at first. Later I understood its charm, and I still go back every summer."),
        ("Q", "question", "Why did you leave?"),
        # the line before "INTERVIEWER:" does not end a sentence, so it is not split there
        ("A", "answer", "Work. The city had jobs INTERVIEWER: and you took one?"),
        ("INTERVIEWER", None, "Thank you."),
    ]
    assert raw.notes == [Note("footer", "Jane Doe interview transcript"), Note("footer", "Page 1 of 3")]
    assert raw.metadata == {"pages": 3}
    assert raw.warnings == []


def test_scanned_pdf_needs_ocr() -> None:
    with pytest.raises(DiscourseError, match="no text layer") as e:
        read_pdf(SCANNED)
    assert "OCR" in str(e.value)


def merged(*pdfs: bytes) -> bytes:
    writer = PdfWriter()
    for data in pdfs:
        for page in PdfReader(io.BytesIO(data)).pages:
            writer.add_page(page)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def test_pages_without_text_are_warned() -> None:
    raw = read_pdf(merged(INTERVIEW, SCANNED))
    assert raw.metadata == {"pages": 5}
    assert raw.warnings == ["PDF page(s) 4, 5 have no text layer (scanned?); their text is missing."]


def test_password_protected() -> None:
    writer = PdfWriter(clone_from=io.BytesIO(INTERVIEW))
    writer.encrypt("secret", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(DiscourseError, match="password"):
        read_pdf(buf.getvalue())


def test_too_many_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 2)
    with pytest.raises(DiscourseError, match="3 pages; this reader takes at most 2"):
        read_pdf(INTERVIEW)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"hello, not a pdf", "not a PDF"),
        (b"%PDF-1.4\n%%EOF", "could not be read"),
        (INTERVIEW[: len(INTERVIEW) // 2], None),  # truncated: pypdf may recover some pages or fail
    ],
)
def test_bad_files(data: bytes, message: str | None) -> None:
    if message is None:
        try:
            read_pdf(data)
        except DiscourseError:
            pass
        return
    with pytest.raises(DiscourseError, match=message):
        read_pdf(data)


@pytest.mark.parametrize(
    "lines, expected",
    [
        (["MR. A: One.", "MS. B: Two."], ["MR. A: One.", "MS. B: Two."]),
        (["MR. A: One", "MS. B: Two."], ["MR. A: One MS. B: Two."]),  # no sentence end before the label
        (["Q Why?", "MS. B: Because --", "Q And?"], ["Q Why?", "MS. B: Because --", "Q And?"]),
        (["First part", "", "second part"], ["First part", "second part"]),  # a blank line
        (["a trans-", "cript here."], ["a transcript here."]),
        (["a well-", "Known name."], ["a well- Known name."]),  # capital after the hyphen: kept
        (["He said:", "Vladimir Putin: Yes."], ["He said:", "Vladimir Putin: Yes."]),
        (["", "", "x"], ["x"]),
    ],
)
def test_split_paragraphs(lines: list[str], expected: list[str]) -> None:
    assert split_paragraphs(lines) == expected


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300).map(lambda b: b"%PDF-1.7\n" + b))
def test_any_bytes_raise_only_discourse_error(data: bytes) -> None:
    try:
        read_pdf(data)
    except DiscourseError:
        pass


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, len(INTERVIEW) - 1), st.sampled_from(list(b"0 9<>/()[]R\nxobj"))),
        min_size=1,
        max_size=8,
    )
)
def test_damaged_pdf_raises_only_discourse_error(edits: list[tuple[int, int]]) -> None:
    data = bytearray(INTERVIEW)
    for at, byte in edits:
        data[at] = byte
    try:
        read_pdf(bytes(data))
    except DiscourseError:
        pass


def test_extraction_is_bounded_in_time(monkeypatch):
    reader = PdfReader(io.BytesIO((Path(__file__).resolve().parents[2] / "data" / "pdf_interview.pdf").read_bytes()))
    # A clock that jumps 10 s at every look: the budget is spent before the second page.
    ticks = iter(range(0, 10_000, 10))
    monkeypatch.setattr(pdf_reader.time, "monotonic", lambda: float(next(ticks)))
    if len(reader.pages) < 2:
        pytest.fail("the fixture PDF needs two pages for this test")
    with pytest.raises(DiscourseError, match=r"took longer than 15 s \(stopped at page 2"):
        pdf_reader._page_texts(reader, max_seconds=15)
    assert pdf_reader._page_texts(reader, max_seconds=1e9)[0]  # a generous budget reads every page


# --- hostile files (issue 14): time bounds that hold inside a page, linear paragraphs, pypdf's log ---

import re  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

from benchmarks.pdf_hostile import long_paragraph, many_operators  # noqa: E402


def best_of(runs: int, work) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def test_split_paragraphs_is_linear() -> None:
    """Lines that never end a sentence make one paragraph; four times the lines take about four times as
    long (a quadratic join takes sixteen times as long). Both sizes are above the few hundred KB where
    the allocator switches to mapped memory, so that switch is not part of the ratio."""
    small = [f"and so line {i} goes on" for i in range(10_000)]
    large = [f"and so line {i} goes on" for i in range(40_000)]
    assert split_paragraphs(large) == [" ".join(large)]
    ratio = best_of(5, lambda: split_paragraphs(large)) / best_of(5, lambda: split_paragraphs(small))
    assert ratio < 10, f"40,000 lines took {ratio:.1f} times as long as 10,000"


def test_one_long_paragraph_reads_in_linear_time() -> None:
    small, large = long_paragraph(8), long_paragraph(48)
    assert len(read_pdf(large).paras) == 1
    ratio = best_of(3, lambda: read_pdf(large)) / best_of(3, lambda: read_pdf(small))
    # linear: about 6; the quadratic paragraph join of before: 36 (its extraction part stays linear)
    assert ratio < 15, f"48 pages of one paragraph took {ratio:.1f} times as long as 8 pages"


def test_page_with_a_huge_content_stream_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_reader, "MAX_PARSE_TOKENS", 30_000)
    data = many_operators(20_000)  # 60,000 tokens, compressed to a few KB
    assert len(data) < 5_000
    with pytest.raises(DiscourseError, match=r"^PDF page 1 holds far more drawing instructions than a page of text"):
        read_pdf(data)


def test_default_parse_budget_refuses_the_14_kb_page() -> None:
    """A page of 400,000 text operators in a 9 KB file took pypdf more than 30 s; it is now refused."""
    data = many_operators(400_000)
    start = time.perf_counter()
    with pytest.raises(DiscourseError, match="far more drawing instructions") as e:
        read_pdf(data)
    assert "Export the transcript as text or .docx" in str(e.value)
    assert time.perf_counter() - start < pdf_reader.MAX_SECONDS


def test_deadline_holds_inside_one_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """One page within the parse budget but slow to extract: the clock is looked at inside the page."""
    monkeypatch.setattr(pdf_reader, "MAX_SECONDS", 0.05)
    with pytest.raises(DiscourseError, match=r"took longer than 0.05 s \(stopped at page 1 of 1\)"):
        read_pdf(many_operators(60_000))


def bad_startxref() -> bytes:
    return re.sub(rb"startxref\s+\d+", b"startxref\n12", INTERVIEW)


def read_in_a_fresh_python(data: bytes, tmp_path: Path) -> subprocess.CompletedProcess:
    """Read ``data`` with read_pdf in a new interpreter (no test runner capturing logs), as the CLI does:
    stdout gets the warnings or the project's error, stderr whatever else is printed."""
    path = tmp_path / "file.pdf"
    path.write_bytes(data)
    script = (
        "import sys\n"
        "from analysis.errors import DiscourseError\n"
        "from analysis.transcripts.pdf import read_pdf\n"
        "try:\n"
        "    print(read_pdf(open(sys.argv[1], 'rb').read()).warnings)\n"
        "except DiscourseError as e:\n"
        "    print('error:', e)\n"
    )
    root = Path(__file__).resolve().parents[3]
    return subprocess.run(
        [sys.executable, "-c", script, str(path)], cwd=root, capture_output=True, text=True, timeout=120
    )


def test_pypdf_warnings_become_document_warnings(tmp_path: Path) -> None:
    raw = read_pdf(bad_startxref())
    assert len(raw.paras) == 8
    assert len(raw.warnings) == 1
    assert raw.warnings[0].startswith("The PDF is not well-formed; the PDF library reported: incorrect startxref")
    run = read_in_a_fresh_python(bad_startxref(), tmp_path)
    assert run.stderr == ""
    assert "incorrect startxref" in run.stdout


def test_pypdf_warnings_do_not_print_beside_the_error(tmp_path: Path) -> None:
    run = read_in_a_fresh_python(INTERVIEW.replace(b"%%EOF", b"%%EOX"), tmp_path)
    assert run.stdout.startswith("error: The PDF could not be read")
    assert run.stderr == ""  # pypdf printed "EOF marker not found" here


def test_pypdf_messages_outside_a_read_are_not_swallowed(tmp_path: Path) -> None:
    path = tmp_path / "file.pdf"
    path.write_bytes(bad_startxref())
    script = "import sys, analysis.transcripts.pdf; from pypdf import PdfReader; PdfReader(sys.argv[1])"
    root = Path(__file__).resolve().parents[3]
    run = subprocess.run([sys.executable, "-c", script, str(path)], cwd=root, capture_output=True, text=True)
    assert "incorrect startxref" in run.stderr

"""Word reader: paragraphs, line breaks, tables, title, and refusal of non-docx files and zip bombs."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.errors import DiscourseError
from analysis.transcripts import docx as docx_reader
from analysis.transcripts.docx import read_docx
from analysis.transcripts.raw import RawDoc

DATA = Path(__file__).resolve().parents[2] / "data"  # fixtures made by tests/data/make_fixtures.py


def paras(raw: RawDoc) -> list[tuple[str | None, str | None, str]]:
    return [(p.label, p.role, p.text) for p in raw.paras]


CASES = {
    "docx_interview.docx": dict(
        title="Interview with Jane Doe",
        paras=[
            (None, None, "Interview with Jane Doe"),
            (None, None, "Recorded on 4 March 2021."),
            ("INTERVIEWER", None, "Where did you grow up?"),  # a bold run "INTERVIEWER:" then plain text
            ("JANE DOE", None, "In a small town."),
            (None, None, "It was quiet."),  # a line break (Shift+Enter) inside the paragraph
            (None, None, "The winters were long."),
            ("Q", "question", "Why did you leave?"),
            ("A", "answer", "Work."),
            ("INTERVIEWER", None, "Thank you."),  # table rows "name | text"; the header row is skipped
            ("JANE DOE", None, "Thank you for having me."),
        ],
    ),
    "docx_untitled.docx": dict(
        title=None,  # "Microsoft Word - interview.docx" is a converter's placeholder
        paras=[("MODERATOR", None, "Welcome."), ("GUEST", None, "Thanks.")],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_fixture(case: str) -> None:
    raw = read_docx((DATA / case).read_bytes())
    assert raw.format == "docx"
    assert raw.title == CASES[case]["title"]
    assert paras(raw) == CASES[case]["paras"]


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "empty"),
        (b"plain text, not a zip", "not a valid Word"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "old .doc file must be saved as .docx"),
        (zip_bytes({"hello.txt": b"hi"}), "not a Word document"),
        (zip_bytes({"[Content_Types].xml": b"<Types/>", "word/x.xml": b""}), "damaged or not a .docx"),
        (zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<not xml"}), "damaged or not a .docx"),
    ],
)
def test_not_a_docx(data: bytes, message: str) -> None:
    with pytest.raises(DiscourseError, match=message):
        read_docx(data)


def test_truncated_docx() -> None:
    data = (DATA / "docx_interview.docx").read_bytes()
    with pytest.raises(DiscourseError):
        read_docx(data[: len(data) // 2])


def test_zip_bomb_ratio_is_refused() -> None:
    bomb = zip_bytes({"word/document.xml": b"\0" * 3_000_000})  # 3 MB of zeros pack into ~3 KB
    with pytest.raises(DiscourseError, match="zip bomb"):
        read_docx(bomb)


def test_zip_bomb_size_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_UNCOMPRESSED", 10_000)
    with pytest.raises(DiscourseError, match="would unpack to"):
        read_docx((DATA / "docx_interview.docx").read_bytes())


def test_empty_document() -> None:
    import docx

    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("  ")
    d.save(buf)
    with pytest.raises(DiscourseError, match="no text"):
        read_docx(buf.getvalue())


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_raise_only_discourse_error(data: bytes) -> None:
    try:
        read_docx(data)
    except DiscourseError:
        pass


FIXTURE = (DATA / "docx_interview.docx").read_bytes()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(FIXTURE) - 1), st.integers(0, 255)), min_size=1, max_size=8))
def test_damaged_docx_raises_only_discourse_error(edits: list[tuple[int, int]]) -> None:
    data = bytearray(FIXTURE)
    for at, byte in edits:
        data[at] = byte
    try:
        read_docx(bytes(data))
    except DiscourseError:
        pass


PARTS = {n: zipfile.ZipFile(io.BytesIO(FIXTURE)).read(n) for n in zipfile.ZipFile(io.BytesIO(FIXTURE)).namelist()}


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from(sorted(PARTS)),
    st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(list(b'<>/"= :wa\x00'))), min_size=1, max_size=5),
    st.booleans(),
)
def test_damaged_parts_raise_only_discourse_error(name: str, edits: list[tuple[int, int]], drop: bool) -> None:
    parts = dict(PARTS)
    if drop:
        del parts[name]
    else:
        part = bytearray(parts[name])
        for at, byte in edits:
            if part:
                part[at % len(part)] = byte
        parts[name] = bytes(part)
    try:
        read_docx(zip_bytes(parts))
    except DiscourseError:
        pass

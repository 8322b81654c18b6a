"""Format recognition by content and extension, file errors, and the never-raise-anything-else property."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
import pytest

from analysis.errors import DiscourseError
from analysis.transcripts import detect_format, load, parse_bytes, parse_text


@pytest.mark.parametrize(
    "data, name, expected",
    [
        (b"%PDF-1.7\n...", "talk.txt", "pdf"),
        (b"PK\x03\x04....word/document.xml", None, "docx"),
        (b"WEBVTT\n\n00:00.000 --> 00:01.000\nhi\n", "captions.txt", "vtt"),
        (b"1\n00:00:01,000 --> 00:00:02,000\nhi\n", None, "srt"),
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "page.txt", "html"),
        (b"<p><b>A:</b> x</p>", None, "html"),
        (b'[{"speaker": "A", "text": "x"}]', None, "json"),
        (b'{"speaker": "A", "text": "x"}\n{"speaker": "B", "text": "y"}\n', None, "jsonl"),
        (b"speaker,text\nA,x\n", "t.csv", "csv"),
        (b"Q: x\n\nA: y\n", "t.md", "labelled"),
        (b"Q: x\n\nA: y\n", None, "labelled"),
    ],
)
def test_detect_format(data, name, expected):
    assert detect_format(data, name=name) == expected


def test_unsupported_extension():
    with pytest.raises(DiscourseError, match="not a supported transcript format"):
        detect_format(b"x", name="slides.pptx")


def test_zip_that_is_not_docx():
    with pytest.raises(DiscourseError, match="zip archive"):
        detect_format(b"PK\x03\x04" + b"\x00" * 100, name="a.zip".replace(".zip", ""))


@pytest.mark.parametrize("content, message", [(b"", "empty"), (b"just prose, no turns", "No speaker turns")])
def test_load_errors_name_the_file(tmp_path, content, message):
    f = tmp_path / "talk.txt"
    f.write_bytes(content)
    with pytest.raises(DiscourseError, match=message) as info:
        load(f)
    assert "talk.txt" in str(info.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(DiscourseError, match="no such file"):
        load(tmp_path / "nope.txt")
    with pytest.raises(DiscourseError, match="folder"):
        load(tmp_path)


def test_default_interview_by_bytes(default_interview):
    doc = parse_bytes(default_interview.read_bytes(), name=default_interview.name)
    assert doc.format == "web-interview" and len(doc.qa_pairs) == 9


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_any_bytes_raise_only_discourse_error(data):
    try:
        parse_bytes(data, name="fuzz.txt")
    except DiscourseError:
        pass


LABELS = st.sampled_from(["Q ", "Q: ", "A: ", "MS. PSAKI: ", "Vladimir Putin: ", "- ", "", "(Laughter.) ", "7:06 P.M. EST"])
PARAS = st.lists(st.tuples(LABELS, st.text(max_size=80)), max_size=12).map(
    lambda items: "\n\n".join(label + text for label, text in items)
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=2000), PARAS))
def test_any_text_raises_only_discourse_error(text):
    try:
        doc = parse_text(text)
    except DiscourseError:
        return
    # When it parses, the model is consistent: pairs number from 1, turns from 1, answers point at turns.
    assert [p.pair for p in doc.pairs] == list(range(1, len(doc.pairs) + 1))
    assert [t.index for t in doc.turns] == list(range(1, len(doc.turns) + 1))
    for p in doc.pairs:
        for a in p.answers:
            assert doc.turns[a.turn - 1].text == a.text and doc.turns[a.turn - 1].role == "answer"

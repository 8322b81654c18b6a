"""HTML reader: bold labels (Kremlin style and generic), labels in the text, metadata, hostile input."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.errors import DiscourseError
from analysis.transcripts.html import read_html
from analysis.transcripts.model import Note
from analysis.transcripts.raw import RawDoc

DATA = Path(__file__).resolve().parents[2] / "data"


def paras(raw: RawDoc) -> list[tuple[str | None, str | None, str]]:
    return [(p.label, p.role, p.text) for p in raw.paras]


CASES = {
    "html_kremlin_style.html": dict(
        title="Meeting of the Club",
        date="2017-10-19",
        source="http://example.org/events/news/55882",
        description="The President took part in the final session of the Club.",
        paras=[
            (None, None, "The general topic of the Club this year is Creative Destruction."),
            (None, None, "Alongside the President, the speakers included Asle Toje."),
            ("Research Director of the Foundation, moderator Fyodor Lukyanov", None, "Friends, guests,"),
            (None, None, "I am pleased to welcome you. (Laughter.)"),
            ("President of Russia Vladimir Putin", None, "Thank you very much."),
            ("Fyodor Lukyanov", None, "Mr Toje, please."),
            ("Asle Toje", None, "I will do my best."),
            ("Fydor Lukyanov", None, "Thank you."),
            ("Vladimir Putin", None, "Our colleague spoke well."),
        ],
        notes=[Note("heading", "* * *")],
        role_hints={"Research Director of the Foundation, moderator Fyodor Lukyanov": "moderator"},
        metadata={"html_container": ".entry-content", "labels": "bold"},
    ),
    "html_strong_labels.html": dict(
        title="Interview with Jane Doe",  # the <h1> is the site's name in <header>: <title> wins
        date="2021-03-04",
        source="https://example.com/interviews/jane-doe",
        description=None,
        paras=[
            ("INTERVIEWER", None, "Where did you grow up?"),
            ("JANE DOE", None, "In a small town."),
            ("INTERVIEWER", None, "And then?"),
            ("JANE DOE", None, "Then I moved to the city."),
            ("Q", "question", "Why?"),
            ("A", "answer", "Work & love."),
            ("INTERVIEWER", None, "Thank you."),
        ],
        notes=[Note("heading", "Part one")],
        role_hints={"INTERVIEWER": "interviewer"},
        metadata={"html_container": "main", "labels": "bold"},
    ),
    "html_text_labels.html": dict(
        title="Press briefing",
        date=None,
        source=None,
        description="A press briefing.",
        paras=[
            (None, None, "Washington, D.C."),
            ("MS. PSAKI", None, "Good afternoon. Two things today."),
            ("Q", "question", "Thanks, Jen. Is it true?"),
            ("MS. PSAKI", None, "It is."),
            (None, None, "I would add one thing."),
        ],
        notes=[],
        role_hints={},
        metadata={"html_container": "article", "labels": "text"},
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_fixture(case: str) -> None:
    expected = CASES[case]
    raw = read_html((DATA / case).read_text(encoding="utf-8"))
    assert raw.format == "html"
    assert paras(raw) == expected["paras"]
    for key in ("title", "date", "source", "description", "notes", "role_hints"):
        assert getattr(raw, key) == expected[key], key
    assert raw.metadata == expected["metadata"]
    assert raw.warnings == []


def test_fixture_leaves_out_scripts_navigation_media_and_page_furniture() -> None:
    text = " ".join(p.text for p in read_html((DATA / "html_kremlin_style.html").read_text(encoding="utf-8")).paras)
    absent_words = ("Injected", "Menu", "Video of", "With Asle Toje", "hidden words", "Published in", "Direct link")
    for absent in (*absent_words, "Copyright"):
        assert absent not in text


@pytest.mark.parametrize(
    "body, label, text",
    [
        ("<p><b>Fyodor Lukyanov:</b> Text.</p>", "Fyodor Lukyanov", "Text."),
        ("<p><b>Fyodor Lukyanov</b>: Text.</p>", "Fyodor Lukyanov", "Text."),
        ("<p><b>Fyodor Lukyanov</b> : Text.</p>", "Fyodor Lukyanov", "Text."),
        ("<p><b>Vladimir Putin: </b>Text.</p>", "Vladimir Putin", "Text."),
        ("<p><b>Asle\nToje:</b> Text.</p>", "Asle Toje", "Text."),
        ("<p><b>Asle&nbsp;Toje</b>:&nbsp;Text&nbsp;here.</p>", "Asle Toje", "Text here."),
        ("<p><strong>Asle</strong> <strong>Toje:</strong> Text.</p>", "Asle Toje", "Text."),
        ("<p><b>Jane Doe\uff1a</b>Text.</p>", "Jane Doe", "Text."),
        ("<p><b>JANE: Why not?</b></p>", "JANE", "Why not?"),  # a whole bold paragraph with its label
        ("<p><span style='font-weight:700'>Jane Doe:</span> Text.</p>", "Jane Doe", "Text."),
    ],
)
def test_bold_label_forms(body: str, label: str, text: str) -> None:
    raw = read_html(f"<html><body>{body}<p><b>Other:</b> End.</p></body></html>")
    assert paras(raw)[0] == (label, None, text)


@pytest.mark.parametrize(
    "body, heading",
    [
        ("<p><b>* * *</b></p>", "* * *"),
        ("<p><strong>Part two</strong></p>", "Part two"),
        ("<h3>Questions from the audience</h3>", "Questions from the audience"),
    ],
)
def test_bold_without_colon_is_a_heading_note(body: str, heading: str) -> None:
    raw = read_html(f"<body><p><b>A1:</b> One.</p>{body}<p><b>B2:</b> Two.</p></body>")
    assert paras(raw) == [("A1", None, "One."), ("B2", None, "Two.")]
    assert raw.notes == [Note("heading", heading)]


def test_bold_words_inside_prose_are_text() -> None:
    raw = read_html("<body><p><b>Ann:</b> Hi.</p><p><b>Bold</b> words start this.</p><p><b>Bob:</b> Yo.</p></body>")
    assert paras(raw) == [("Ann", None, "Hi."), (None, None, "Bold words start this."), ("Bob", None, "Yo.")]


def test_label_alone_in_its_paragraph_opens_the_next() -> None:
    raw = read_html("<body><p><b>Ann:</b></p><p>Hello.</p><p><b>Bob:</b></p></body>")
    assert paras(raw) == [("Ann", None, "Hello."), ("Bob", None, "")]


def test_one_bold_label_is_not_enough_for_bold_mode() -> None:
    raw = read_html("<body><p><b>Note:</b> edited.</p><p>JOHN: Hi.</p><p>MARY: Hello.</p></body>")
    assert raw.metadata["labels"] == "text"
    # labelled.read_paragraphs knows "Note:" is not a speaker
    assert paras(raw) == [(None, None, "Note: edited."), ("JOHN", None, "Hi."), ("MARY", None, "Hello.")]


def test_divs_and_line_breaks_make_paragraphs() -> None:
    raw = read_html("<body><div><b>Ann:</b> Hi.<br/><b>Bob:</b> Yo.</div><div>More.</div></body>")
    assert paras(raw) == [("Ann", None, "Hi."), ("Bob", None, "Yo."), (None, None, "More.")]


@pytest.mark.parametrize(
    "head, date",
    [
        ('<meta property="article:published_time" content="2020-01-02T10:00:00+01:00">', "2020-01-02"),
        ('<meta name="date" content="2020-02-30">', None),  # not a real day
        ('<meta name="date" content="May 5, 2020">', None),
        ("", None),
    ],
)
def test_date(head: str, date: str | None) -> None:
    assert read_html(f"<html><head>{head}</head><body><p>A: b</p></body></html>").date == date


def test_external_entities_are_not_resolved() -> None:
    hostile = (
        '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        "<html><body><p><b>Ann:</b> &xxe;x</p><p><b>Bob:</b> y</p></body></html>"
    )
    raw = read_html(hostile)
    assert "root:" not in " ".join(p.text for p in raw.paras)


@pytest.mark.parametrize("text", ["", "   \n", "<html><body></body></html>", "<script>alert(1)</script>", "<p> </p>"])
def test_no_text_is_an_error(text: str) -> None:
    with pytest.raises(DiscourseError):
        read_html(text)


def test_deep_nesting_does_not_overflow() -> None:
    depth = 3000  # deeper than Python's default recursion limit of 1,000
    raw = read_html("<div>" * depth + "<p><b>Ann:</b> Hi.</p><p><b>Bob:</b> Yo.</p>" + "</div>" * depth)
    assert [p.label for p in raw.paras] == ["Ann", "Bob"]


HTML_BITS = st.sampled_from(
    ["<p>", "</p>", "<b>", "</b>", "<strong>", "<br>", "<div class='x-hidden'>", "</div>", "<h2>", "<table><tr><td>",
     "</td><td>", "<pre>", "<script>", "<!--", "-->", "&nbsp;", "&#0;", "\xa0", "Ann", "Bob Smith", ":", " ", "\n",
     "text.", "<time datetime='2020-01-01'>", "<meta name=description content=x>", "<![CDATA[", "<?php ", "<"]
)


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(HTML_BITS, max_size=40).map("".join)))
def test_any_text_raises_only_discourse_error(text: str) -> None:
    try:
        raw = read_html(text)
    except DiscourseError:
        return
    assert raw.paras and all(isinstance(p.text, str) for p in raw.paras)


# --- the real Kremlin page in ../shared ----------------------------------------------------------


@pytest.fixture(scope="module")
def valdai(valdai_html: Path) -> tuple[str, RawDoc]:
    text = valdai_html.read_text(encoding="utf-8")
    return text, read_html(text)


@pytest.mark.corpus
def test_valdai_labels_counted_from_the_raw_html(valdai: tuple[str, RawDoc]) -> None:
    text, raw = valdai
    # Independently of the reader: in the article body, every <p> that opens with <b>...</b> where the
    # bold text ends with a colon or is followed by one is a turn.
    body = text[text.index('itemprop="articleBody"'):text.index("read__bottommeta")]
    found = re.findall(r"<p>\s*<b>([^<]+)</b>\s*(:?)", body)
    expected = Counter(
        " ".join(label.split()).rstrip(":").strip()
        for label, colon in found
        if colon or " ".join(label.split()).endswith(":")
    )
    assert Counter(p.label for p in raw.paras if p.label) == expected
    assert sum(1 for p in raw.paras if p.label) == sum(expected.values())


@pytest.mark.corpus
def test_valdai_labels_and_metadata(valdai: tuple[str, RawDoc]) -> None:
    _, raw = valdai
    labels = {p.label for p in raw.paras if p.label}
    assert {"Vladimir Putin", "Asle Toje", "Fyodor Lukyanov", "Fydor Lukyanov", "Hamid Karzai", "Jack Ma"} <= labels
    assert not any("\n" in lab or "\xa0" in lab or lab.endswith(":") for lab in labels)
    long = (
        "Research Director of the Foundation for Development and Support of the Valdai Discussion Club, "
        "moderator Fyodor Lukyanov"
    )
    assert long in labels
    assert raw.role_hints == {long: "moderator"}
    assert raw.title == "Meeting of the Valdai International Discussion Club"
    assert raw.date == "2017-10-19"
    assert raw.source is not None and "kremlin.ru" in raw.source and "55882" in raw.source
    assert raw.description is not None and raw.description.startswith("Vladimir Putin took part")
    assert Note("heading", "* * *") in raw.notes


@pytest.mark.corpus
def test_valdai_intro_has_no_label(valdai: tuple[str, RawDoc]) -> None:
    _, raw = valdai
    first = next(i for i, p in enumerate(raw.paras) if p.label)
    assert first > 0
    assert raw.paras[0].text.startswith("The general topic of the Valdai Club")
    assert all(p.label is None for p in raw.paras[:first])
    assert raw.paras[first].label.endswith("moderator Fyodor Lukyanov")


@pytest.mark.corpus
def test_valdai_text_is_clean(valdai: tuple[str, RawDoc]) -> None:
    _, raw = valdai
    texts = [p.text for p in raw.paras]
    assert not any("\xa0" in t or "  " in t or "\n" in t for t in texts)
    assert any("(Laughter.)" in t for t in texts)
    assert not any(t.startswith(("Published in", "Publication date", "Direct link", "Text version")) for t in texts)
    assert texts[-1] == "Thank you very much. All the very best."


def test_too_many_tags_is_refused() -> None:
    with pytest.raises(DiscourseError, match="tags, more than"):
        read_html("<p>x" * 100_001)

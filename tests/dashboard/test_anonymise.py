"""Hidden names in the workshop: aliases, and every spelling the parser found replaced in the rendering."""

from __future__ import annotations

import pytest

from analysis.transcripts import DEFAULT_DOCUMENT, load
from dashboard import anonymise
from render import highlight

NAMES = {"Andrey Bezrukov": "Speaker A", "PICREADI": "Interviewer"}


def test_aliases_of_the_default_interview():
    assert anonymise.aliases(load(DEFAULT_DOCUMENT)) == NAMES


@pytest.mark.parametrize(
    "text, hidden",
    [
        ("Mr. Bezrukov, thank you.", ["Bezrukov"]),
        ("Andrey Bezrukov's book", ["Andrey Bezrukov's"]),
        ("Andrey said so; PICREADI asked.", ["Andrey", "PICREADI"]),
        ("Bezrukovs and andrey stay", []),  # whole words only, case-sensitive
    ],
)
def test_name_spans(text, hidden):
    assert [text[s:e] for s, e, _ in anonymise.name_spans(text, NAMES)] == hidden


def test_rendering_shows_the_alias_and_nothing_of_the_name():
    text = "As Bezrukov said, it is good."
    marks = [highlight.redaction(s, e, alias) for s, e, alias in anonymise.name_spans(text, NAMES)]
    out = highlight.render(text, marks)
    assert "Bezrukov" not in out and "Speaker A" in out and "it is good." in out


def test_label_of_several_speakers():
    assert anonymise.label("Andrey Bezrukov; Someone Else", NAMES) == "Speaker A; [name]"


@pytest.mark.parametrize(
    "text, shown",
    [
        ("Mr. Bezrukov, thank you.", "Mr. Speaker A, thank you."),
        ("Andrey Bezrukov's book, PICREADI asks", "Speaker A's book, Interviewer asks"),
        ("no names here", "no names here"),
    ],
)
def test_hide_replaces_names_in_plain_text(text, shown):
    assert anonymise.hide(text, NAMES) == shown

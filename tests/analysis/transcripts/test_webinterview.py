"""The default interview (web-interview layout): nine pairs exactly, footer out, broken sentences rejoined."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from analysis.transcripts import load, parse_text
from analysis.transcripts.markdown import strip_markdown
from analysis.transcripts.webinterview import looks_like

GOLDEN = Path(__file__).resolve().parents[2] / "data" / "golden" / "bezrukov-soft-power-picreadi-2018.json"

# Read off the source by a person: the first words of each of the nine questions.
QUESTION_STARTS = [
    "What type of role do companies",
    "Has their role changed since sanctions",
    "Are there any other strategies",
    "Do you personally believe in soft power?",
    "In Russia, on the news, there seems to be",
    "Do you think that Britain's reaction",
    "Do you believe that it is possible to reverse",
    "Are there any ways in which Russia could improve",
    "You wrote a book called Russia and the World in 2020, where",
]
# The four sentences that page breaks split in the source, as they must read after rejoining.
REJOINED = [
    "nothing wrong with this; it is the rule of the game to follow.",
    "sliding into more confrontation, chaos and even war.",
    "there is absolutely no visible Russophobia among the general population.",
    "so you can pretty much be a citizen of the world anywhere you want.",
]
FOOTER_BITS = ["First published", "picreadi.com", "AUTHOR", "Location: Moscow", "Field of expertise", "Colonel (ret.)"]


@pytest.fixture(scope="module")
def doc(default_interview):
    return load(default_interview)


def test_nine_pairs_in_order(doc):
    assert [p.pair for p in doc.pairs] == list(range(1, 10))
    assert all(p.kind == "qa" for p in doc.pairs)
    for pair, start in zip(doc.pairs, QUESTION_STARTS):
        assert pair.question.startswith(start), (pair.pair, pair.question[:60])


def test_metadata(doc):
    assert doc.date == "2018-06-10"
    assert doc.title == "SOFT POWER AND RUSSIA: INTERVIEW WITH ANDREY BEZRUKOV"
    assert doc.source == "picreadi.com"
    assert doc.metadata["author"]["name"] == "Andrey Bezrukov"
    assert [(s.name, s.role) for s in doc.speakers] == [("PICREADI", "interviewer"), ("Andrey Bezrukov", "interviewee")]
    assert all(p.asked_by == "PICREADI" and p.answered_by == ["Andrey Bezrukov"] for p in doc.pairs)


@pytest.mark.parametrize("sentence", REJOINED)
def test_page_breaks_rejoined(doc, sentence):
    assert sum(sentence in p.answer for p in doc.pairs) == 1


def test_exactly_four_rejoins(doc):
    assert len(doc.metadata["rejoined"]) == 4


@pytest.mark.parametrize("bit", FOOTER_BITS)
def test_footer_never_in_an_answer(doc, bit):
    assert not any(bit in p.answer for p in doc.pairs)
    assert any(bit in n.text for n in doc.notes if n.kind == "footer")


def test_markdown_removed_and_link_text_kept(doc):
    q5, q9 = doc.pairs[4].question, doc.pairs[8].question
    assert not q5.startswith("*") and not q5.endswith("*")
    assert "Russia and the World in 2020" in q9 and "](#)" not in q9


def test_editorial_brackets_stay_in_text_and_are_noted(doc):
    notes = [n for n in doc.notes if n.kind == "editorial"]
    assert len(notes) == 2
    for n in notes:
        turn = doc.turns[n.turn - 1]
        assert turn.text[n.start:n.end] == "[as of the date of the interview]"


def test_last_answer_ends_before_footer(doc):
    assert doc.pairs[-1].answer.endswith("then all forecasts are off.")


def test_golden_json(doc):
    got = doc.to_dict()
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_interviewer_override(default_interview):
    doc = load(default_interview, interviewer=["Jane Roe"])
    assert {p.asked_by for p in doc.pairs} == {"Jane Roe"}
    assert ("Jane Roe", "interviewer") in [(s.name, s.role) for s in doc.speakers]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("[a link](http://x.y) and *italics*", "a link and italics"),
        ("**bold** text_with_underscores", "bold text_with_underscores"),
        ("no markup", "no markup"),
        ("Thanks, \\[moderator\\]. \\###", "Thanks, [moderator]. ###"),
    ],
)
def test_strip_markdown(text, expected):
    assert strip_markdown(text) == expected


def test_minimal_dash_interview():
    text = "A title\n\n- Why?\n\n- Because.\n\nMore because\n\nof this.\n\n- *And then?*\n\n- Then nothing.\n"
    doc = parse_text(text)
    assert [(p.question, p.answer) for p in doc.pairs] == [
        ("Why?", "Because.\n\nMore because of this."),
        ("And then?", "Then nothing."),
    ]
    assert any("could not be named" in w for w in doc.warnings)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("- a\n\n- b\n\n- c\n\n- d\n", True),
        ("- a\n\n- b\n\n- c\n", False),
        ("Q: a\n\nA: b\n\n- list item\n", False),
    ],
)
def test_looks_like(text, expected):
    assert looks_like(text) is expected

"""Earnings calls: the Motley Fool style ("Name -- Title" lines) and the name line + "Firm - Title" style.

The expected turns were written from the imitations in tests/data (invented companies and people).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.errors import DiscourseError
from analysis.transcripts import earnings, parse_bytes

DATA = Path(__file__).resolve().parents[2] / "data"
FOOL = (DATA / "earnings_fool_style.txt").read_text(encoding="utf-8")
FIRM = (DATA / "earnings_firm_title_style.txt").read_text(encoding="utf-8")

OP = "Operator"
FOOL_TURNS = [
    (OP, "Good afternoon, and welcome to the Northwind Robotics third-quarter 2025 earnings conference call."),
    ("Dana Whitfield", "Thank you, operator. With me today are Marcus Lindqvist,"),
    ("Marcus Lindqvist", "Thanks, Dana. We shipped 1,240 warehouse robots this quarter, a record for us.\n\n"
                         "Our new picking arm is now running at four customer sites."),
    ("Priya Raman", "Thank you, Marcus. Revenue was $212 million,"),
    (OP, "[Operator instructions] Our first question comes from Tom Becker with Harbor Lane Securities."),
    ("Tom Becker", "Hi, thanks for taking my question. How many of the four picking-arm sites"),
    ("Marcus Lindqvist", "Sure, Tom. Three of the four are paying;"),
    ("Tom Becker", "Thanks. And one follow-up on margins: is 41% the new floor?"),
    ("Priya Raman", "We would not call it a floor, Tom,"),
    (OP, "Our next question comes from Elena Sato with Fairbridge Capital."),
    ("Elena Sato", "Good afternoon. Could you say more about the order backlog"),
    ("Marcus Lindqvist", "The backlog is the largest we have had, Elena,"),
    (OP, "This concludes today's conference call. You may now disconnect."),
]
FOOL_HINTS = {
    "Dana Whitfield": "interviewee", "Marcus Lindqvist": "interviewee", "Priya Raman": "interviewee",
    "Tom Becker": "interviewer", "Elena Sato": "interviewer", OP: "other",
}
FIRM_TURNS = [
    (OP, "Good morning, ladies and gentlemen, and welcome to the Kestrel Foods first quarter 2026 earnings call."),
    ("Helen Moreau", "Thank you, and good morning. Volumes grew in every region this quarter,"),
    ("Arjun Mehta", "Thanks, Helen. Net sales were $1.3 billion, and free cash flow was $96 million."),
    (OP, "Thank you. Our first question is from Rosa Lindgren of Copperline Partners."),
    ("Rosa Lindgren", "Good morning. Is the price increase from February fully in the numbers yet?"),
    ("Helen Moreau", "About half of it, Rosa. The rest comes through in the second quarter."),  # name line alone
    (OP, "Our next question is from Ben Okoye of Tallis & Grant."),
    ("Ben Okoye", "Thank you. What did the new plant cost to run in its first month?"),
    ("Arjun Mehta", "Less than we planned, Ben: about $4 million, against a budget of $5 million."),
    (OP, "That concludes our question-and-answer session and today's call. Thank you for attending."),
]
FIRM_HINTS = {
    "Helen Moreau": "interviewee", "Arjun Mehta": "interviewee",
    "Rosa Lindgren": "interviewer", "Ben Okoye": "interviewer", OP: "other",
}
# Lines of the imitations that are not speech: speaker/title lines, sections, front and end matter.
NOT_SPEECH = [
    "-- Chief Executive Officer", "-- Analyst", " - Analyst", "Inc - Chief", "Prepared Remarks", "Questions & Answers",
    "Question-and-Answer Session", "Presentation", "Duration:", "Call participants", "More NWRB analysis",
    "All earnings call transcripts", "Image source", "Corporate Participants", "Conference Call Participants",
    "Contents:",
]


@pytest.mark.parametrize(
    "text, turns, hints, title, date",
    [
        (FOOL, FOOL_TURNS, FOOL_HINTS, "Northwind Robotics (NWRB) Q3 2025 Earnings Call", "2025-10-29"),
        (FIRM, FIRM_TURNS, FIRM_HINTS, "Kestrel Foods Inc (KSTF) Q1 2026 Earnings Call", "2026-04-22"),
    ],
    ids=["double-dash", "firm-title"],
)
def test_earnings_call(text: str, turns: list, hints: dict, title: str, date: str) -> None:
    raw = earnings.read_text(text)
    assert raw is not None and raw.layout == "earnings"
    assert raw.role_hints == hints
    doc = parse_bytes(text.encode("utf-8"), name="call.txt")
    assert len(doc.turns) == len(turns)
    assert [t.speaker for t in doc.turns] == [speaker for speaker, _ in turns]
    for t, (_, opening) in zip(doc.turns, turns):
        assert t.text.startswith(opening), (t.index, t.text)
        for piece in NOT_SPEECH:
            assert piece not in t.text, (t.index, piece)
    assert (doc.title, doc.date) == (title, date)
    # The hints decide these: each analyst's turn asks, each executive's turn answers (what becomes of the
    # operator's turns, hinted "other", is the builder's inference).
    role = {"interviewer": "question", "interviewee": "answer"}
    spoken = [t for t in doc.turns if t.speaker != OP]
    assert [t.role for t in spoken] == [role[hints[t.speaker]] for t in spoken]
    # Each analyst's question opens a pair that the next executive answers.
    firsts = [(p.asked_by, p.answered_by[0]) for p in doc.qa_pairs if p.asked_by != OP]
    assert firsts == [(t.speaker, doc.turns[t.index].speaker) for t in spoken if hints[t.speaker] == "interviewer"]


def test_titles_and_firms_are_kept() -> None:
    raw = earnings.read_text(FOOL)
    assert raw.metadata["titles"]["Dana Whitfield"] == "Vice President, Investor Relations"
    assert raw.metadata["titles"]["Tom Becker"] == "Analyst"
    assert raw.metadata["affiliations"] == {"Tom Becker": "Harbor Lane Securities", "Elena Sato": "Fairbridge Capital"}
    assert [n.text for n in raw.notes if n.text in ("Prepared Remarks", "Questions & Answers")] == [
        "Prepared Remarks", "Questions & Answers",
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        (FOOL, True),
        (FIRM, True),
        ("Operator\n\nWelcome.\n\nJANE DOE: Thanks.", False),  # no speaker lines
        ("Tim Cook -- Chief Executive Officer\n\nHello.\n\nJane Roe -- Big Bank -- Analyst\n\nHi?", False),  # no Operator
        ("MODERATOR: Welcome.\n\nMR. SMITH: Thank you.", False),
    ],
)
def test_looks_like(text: str, expected: bool) -> None:
    assert earnings.looks_like(text) is expected


def test_pdf_text_layer_without_blank_lines() -> None:
    """A PDF's text layer has no blank lines: the speaker lines alone separate the turns."""
    from analysis.transcripts import pdf

    lines = [line.strip() for line in FIRM.splitlines() if line.strip()]
    raw = pdf._layout_reader(lines)
    assert raw is not None and (raw.format, raw.layout) == ("pdf", "earnings")
    assert [p.label for p in raw.paras] == [speaker for speaker, _ in FIRM_TURNS]
    assert raw.paras[1].text == (
        "Thank you, and good morning. Volumes grew in every region this quarter, and our new cold-storage plant "
        "opened on schedule."
    )


FRAGMENTS = [
    "", "Operator", "Operator:", "Prepared Remarks:", "Questions & Answers:", "Presentation", "Duration: 5 minutes",
    "Call participants:", "Corporate Participants", "Conference Call Participants", "Tom Becker",
    "Tom Becker -- Harbor Lane Securities -- Analyst", "Helen Moreau", "Kestrel Foods Inc - Chief Executive Officer",
    "Big Bank - Analyst", "Thanks.", "What next?", "- Prepared Remarks", "Oct 29, 2025", "Q3 2025 Earnings Call",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40))
def test_earnings_reader_raises_only_discourse_error(lines: list[str]) -> None:
    try:
        raw = earnings.read_lines(lines, format="labelled")
        assert all(isinstance(p.text, str) for p in raw.paras)
        parse_bytes(("\n".join(lines)).encode("utf-8"), name="call.txt")
    except DiscourseError:
        pass

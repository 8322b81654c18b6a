"""Court transcripts (U.S. Supreme Court oral-argument layout): the PDF imitation and the same text as .txt.

The expected turns below were written from the imitation's pages (tests/data/make_fixtures.py,
COURT_PAGES): line numbers, page headers and footers, the cover, the appearances, the contents and the
word index are not turn text; a label after "--" in the middle of a line (or wrapped over a line
break) opens a turn.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.errors import DiscourseError
from analysis.transcripts import court, parse_bytes, parse_text
from analysis.transcripts.pdf import read_pdf

DATA = Path(__file__).resolve().parents[2] / "data"
PDF = (DATA / "court_argument.pdf").read_bytes()
TXT = (DATA / "court_argument.txt").read_text(encoding="utf-8")

CJ, BRANDT, OKAFOR, MARLOW = "CHIEF JUSTICE HALVERSON", "MS. BRANDT", "JUSTICE OKAFOR", "JUSTICE MARLOW"
TEVES, ASHWORTH = "GENERAL TEVES", "MR. ASHWORTH"
EXPECTED_TURNS = [
    (CJ, "We will hear argument first this morning in Case 24-517, Alder Creek Water District versus Hollis. "
         "Ms. Brandt."),
    (BRANDT, "Mr. Chief Justice, and may it please the Court: The district asks only that the statute be read as "
             "it was written in 1987. Congress gave the permit to the district, not to each farm that draws on "
             "the canal."),
    (OKAFOR, 'Counsel, what do you do with the word "each" in the second sentence?'),
    (BRANDT, 'Justice Okafor, the word "each" modifies the gates, not the users. If you read it --'),
    (OKAFOR, "But the gates don't hold permits."),
    (BRANDT, "No, they -- they don't, but the district that runs them does."),
    (MARLOW, "Suppose the district sold the canal tomorrow. Does the permit go with it?"),
    (BRANDT, "It would, Justice Marlow, and that is the point of the 1987 amendment. It ties the water to the "
             "works."),
    (MARLOW, "So the farms have nothing?"),
    (BRANDT, "They have contracts with the district, and those contracts are enforced every season."),
    (CJ, "Thank you, counsel. General Teves."),
    (TEVES, "Mr. Chief Justice, and may it please the Court: The United States has read this statute the same "
            "way for 30 years, and you know --"),
    (OKAFOR, "Has it always?"),
    (TEVES, "Since 1994, Your Honor, in every filing before this Court."),
    (CJ, "Thank you, General. Mr. Ashworth."),
    (ASHWORTH, "Mr. Chief Justice, and may it please the Court: Mrs. Hollis has farmed that land since 1971, "
               "and the canal crosses it twice."),
    (OKAFOR, "Does the record show what she was promised?"),
    (ASHWORTH, "It does, at page 41 of the joint appendix. She was promised a share of the flow, Justice Okafor, "
               "not a share of a contract."),
    (MARLOW, "Then who holds the permit? --"),
    (ASHWORTH, "Each of the users, as the word says."),
    (CJ, "Thank you, counsel. Rebuttal, Ms. Brandt?"),
    (BRANDT, "Three points, briefly. The record at page 41 speaks of a share of the flow through the district's "
             "gates. That is our reading too."),
    (CJ, "Thank you, counsel. The case is submitted."),
]
ROLE_HINTS = {
    CJ: "interviewer", OKAFOR: "interviewer", MARLOW: "interviewer",
    BRANDT: "interviewee", TEVES: "interviewee", ASHWORTH: "interviewee",
}
# Words that stand only in the furniture, the front matter or the index of the imitation.
NOT_SPEECH = re.compile(
    r"Official|Subject to Final Review|Heritage|Reporting|APPEARANCES|C O N T E N T S|P R O C E E D I N G S|"
    r"ORAL ARGUMENT|REBUTTAL ARGUMENT|ON BEHALF|Whereupon|ESQ\.|Denver|Boise|\[\d+\]|\b\d+:\d+\b|PAGE:"
)
LINE_NUMBER_LEFT = re.compile(r"(?:^|[.?!] )(?:[1-9]|1\d|2[0-5]) [A-Z]")


@pytest.fixture(scope="module", params=["pdf", "txt"])
def doc(request):
    if request.param == "pdf":
        return parse_bytes(PDF, name="court_argument.pdf")
    return parse_bytes(TXT.encode("utf-8"), name="court_argument.txt")


def test_turns_are_the_argument_only(doc) -> None:
    assert len(doc.turns) == 23
    assert [(t.speaker, t.text) for t in doc.turns] == EXPECTED_TURNS


def test_no_furniture_line_number_or_index_word_in_any_turn(doc) -> None:
    for t in doc.turns:
        assert not NOT_SPEECH.search(t.text), (t.index, t.text)
        assert not LINE_NUMBER_LEFT.search(t.text), (t.index, t.text)


def test_metadata_from_the_front_matter(doc) -> None:
    assert doc.title == "ALDER CREEK WATER DISTRICT, Petitioner, v. MARGARET HOLLIS, ET AL., Respondents."
    assert doc.date == "2025-11-04"
    assert doc.metadata["docket"] == "24-517"
    assert doc.metadata["appearances"] == [
        "CAROLINE BRANDT, ESQ., Denver, Colorado; on behalf of the Petitioner.",
        "LUIS TEVES, Deputy Solicitor General, Department of Justice, Washington, D.C.; for the United States, "
        "as amicus curiae, supporting the Petitioner.",
        "PETER ASHWORTH, ESQ., Boise, Idaho; on behalf of the Respondents.",
    ]
    headings = [n.text for n in doc.notes if n.kind == "heading"]
    assert "ORAL ARGUMENT OF LUIS TEVES FOR THE UNITED STATES, AS AMICUS CURIAE, SUPPORTING THE PETITIONER" in headings
    assert any(n.text.startswith("(Whereupon, at 10:58 a.m.") for n in doc.notes)


def test_speakers_take_their_role_from_the_layout(doc) -> None:
    assert {s.name: s.role for s in doc.speakers} == ROLE_HINTS
    # The hints alone decide who asks: a justice's turn asks or (calling counsel, "Thank you, counsel.")
    # is "other" (issue 13); every counsel's turn answers.
    assert all(
        t.role in (("question", "other") if ROLE_HINTS[t.speaker] == "interviewer" else ("answer",)) for t in doc.turns
    )
    # 7: the Chief Justice's "Rebuttal, Ms. Brandt?" gives the floor (benchmarks/parse_layouts.py counts 7 too).
    assert sum(t.role == "question" for t in doc.turns) == 7


@pytest.mark.parametrize("raw", [lambda: read_pdf(PDF), lambda: court.read_text(TXT)], ids=["pdf", "txt"])
def test_reader_sets_layout_and_role_hints(raw) -> None:
    r = raw()
    assert r.layout == "court"
    assert r.role_hints == ROLE_HINTS
    assert r.metadata["index_lines"] == 22


def test_line_numbers_in_a_column_of_their_own() -> None:
    """The newer layout: the page's line numbers come out as lines of their own, before the text."""
    lines = ["4", "Official", *map(str, range(1, 26)), "JUSTICE OKAFOR: Counsel, how many", "20 years ago?",
             "MR. ASHWORTH: Twenty, Your Honor.", "JUSTICE MARLOW: And now?", "Heritage Reporting Corporation"]
    raw = court.read_lines(lines, format="pdf")
    assert [(p.label, p.text) for p in raw.paras] == [
        (OKAFOR, "Counsel, how many 20 years ago?"),  # a text line's own number stays
        (ASHWORTH, "Twenty, Your Honor."),
        (MARLOW, "And now?"),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        (TXT, True),
        ("JUSTICE ABEL: One?\nMR. BARR: Two.\nJUSTICE ABEL: Three?", True),
        ("MS. PSAKI: Hello.\nQ Thanks.\nMS. PSAKI: Bye.", False),  # a briefing
        ("JUSTICE ABEL: One?\nJUSTICE CROW: Two?", False),  # no counsel
        ("He met Justice Abel: she asked.\nJustice Crow: no.\nMR. BARR: Yes.", False),  # not a label in capitals
    ],
)
def test_looks_like(text: str, expected: bool) -> None:
    assert court.looks_like(text) is expected


def test_plain_labelled_text_is_not_read_as_court() -> None:
    doc = parse_text("INTERVIEWER: Where?\n\nJANE DOE: Here.")
    assert [t.speaker for t in doc.turns] == ["INTERVIEWER", "JANE DOE"]


FRAGMENTS = [
    "", "1", "25", "12 ", "Official", "Official - Subject to Final Review", "Heritage Reporting Corporation",
    "P R O C E E D I N G S", "C O N T E N T S", "APPEARANCES:", "(Whereupon, at", "submitted.)", "- - - x",
    "JUSTICE OKAFOR:", "CHIEF JUSTICE HALVERSON: Yes?", "MS. BRANDT: No --", "-- MR. ASHWORTH: Well.",
    "ORAL ARGUMENT OF X", "ON BEHALF OF", "(10:04 a.m.)", "abandon [2] 14:3 22:7", "4:19 5:2", "A", "$",
    "Tuesday, November 4, 2025", "v. : No. 24-517", "word", "GENERAL TEVES:",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(st.sampled_from(FRAGMENTS), max_size=4).map(" ".join), max_size=30))
def test_court_reader_raises_only_discourse_error(lines: list[str]) -> None:
    text = "\n".join(lines)
    try:
        raw = court.read_lines(lines, format="labelled")
        assert all(p.text is not None for p in raw.paras)
        parse_text("JUSTICE ABEL: One?\nMR. BARR: Two.\nJUSTICE ABEL: Three?\n" + text)
    except DiscourseError:
        pass


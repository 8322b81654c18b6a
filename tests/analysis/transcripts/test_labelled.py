"""Speaker-labelled plain text: Q/A, capitals, name case, front matter, notes, roles and pairs."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from analysis.errors import DiscourseError
from analysis.transcripts import asking, load, parse_text
from analysis.transcripts.labelled import read_paragraphs

GOLDEN_DIR = Path(__file__).resolve().parents[2] / "data" / "golden"
BRIEFINGS = [
    "2021-01/2021-01-20-press-briefing-by-press-secretary-jen-psaki-january-20-2021.md",
    "2021-02/2021-02-04-press-briefing-by-press-secretary-jen-psaki-and-national-security-advisor-jake-sullivan-february-4-2021.md",
    "2023-06/2023-06-01-background-press-call-on-accountability-for-the-ongoing-violence-in-sudan.md",
]
Q_PARAGRAPH = re.compile(r"(?:\A|\n[ \t\u00a0]*\n)[ \t\u00a0]*[*_]*Q(?:[ \t\u00a0]|:)")


@pytest.mark.parametrize(
    "paragraph, label, role, rest",
    [
        ("Q\u00a0\u00a0\u00a0 Thanks, Jen.", "Q", "question", "Thanks, Jen."),
        ("Q: Why?", "Q", "question", "Why?"),
        ("Q. Why?", "Q", "question", "Why?"),
        ("A: Because.", "A", "answer", "Because."),
        ("A lot of people think so.", None, None, "A lot of people think so."),
        ("MS. PSAKI:\u00a0 Good evening.", "MS. PSAKI", None, "Good evening."),
        ("THE PRESIDENT: Thank you.", "THE PRESIDENT", None, "Thank you."),
        ("DR. SHERWOOD-RANDALL: Sure.", "DR. SHERWOOD-RANDALL", None, "Sure."),
        ("NOTE: this is not a speaker.", None, None, "NOTE: this is not a speaker."),
        ("Quite so.", None, None, "Quite so."),
        ("Q", None, None, "Q"),
        ("*Q\u00a0\u00a0\u00a0 I’m not on mute, no.\u00a0*", "Q", "question", "I’m not on mute, no."),
        ("*Q\u00a0\u00a0\u00a0 Okay, thank you. I can hear", "Q", "question", "Okay, thank you. I can hear"),
        ("* a bullet item", None, None, "* a bullet item"),
    ],
)
def test_labels(paragraph, label, role, rest):
    raw = read_paragraphs([paragraph], format="labelled")
    (p,) = raw.paras
    assert (p.label, p.role, p.text) == (label, role, rest)


def test_name_case_labels_need_to_recur():
    once = read_paragraphs(["Here we go: a sentence.", "More text."], format="labelled")
    assert [p.label for p in once.paras] == [None, None]
    many = read_paragraphs(
        ["Vladimir Putin: Hello.", "Fyodor Lukyanov: A question?", "Vladimir Putin: An answer.", "Fyodor Lukyanov: Thanks."],
        format="labelled",
    )
    assert [p.label for p in many.paras] == ["Vladimir Putin", "Fyodor Lukyanov", "Vladimir Putin", "Fyodor Lukyanov"]


def test_q_and_a_pairs_with_opening_statement():
    text = (
        "MS. SMITH: Good afternoon. Two announcements.\n\nSecond announcement.\n\n"
        "Q Thanks. First question?\n\nMS. SMITH: First answer.\n\n"
        "Q Second question?\n\nMS. SMITH: Second answer.\n\nMR. JONES: I would add this.\n"
    )
    doc = parse_text(text)
    assert [(p.kind, p.question, p.answered_by) for p in doc.pairs] == [
        ("opening", None, ["MS. SMITH"]),
        ("qa", "Thanks. First question?", ["MS. SMITH"]),
        ("qa", "Second question?", ["MS. SMITH", "MR. JONES"]),
    ]
    assert doc.pairs[0].answer == "Good afternoon. Two announcements.\n\nSecond announcement."
    assert [a.speaker for a in doc.pairs[2].answers] == ["MS. SMITH", "MR. JONES"]


def test_notes_taken_out():
    text = (
        "---\ntitle: A briefing\ndate: '2022-03-04'\nsource_url: https://example.org/b\n---\n\n"
        "Briefing Room\n\n10:52 A.M. EDT\n\nMS. SMITH: Hello. (Laughter.) Hello again.\n\n"
        "Q Question? [inaudible]\n\nMS. SMITH: Answer.\n\n(Laughter.)\n\n11:30 A.M. EDT\n\n###\n"
    )
    doc = parse_text(text)
    assert (doc.title, doc.date, doc.source) == ("A briefing", "2022-03-04", "https://example.org/b")
    kinds = [(n.kind, n.text) for n in doc.notes]
    assert ("heading", "Briefing Room") in kinds
    assert ("timestamp", "10:52 A.M. EDT") in kinds and ("timestamp", "11:30 A.M. EDT") in kinds
    assert kinds.count(("stage", "(Laughter.)")) == 2
    assert doc.turns[0].text == "Hello. Hello again."
    assert doc.turns[-1].text == "Answer."
    assert ("editorial", "[inaudible]") in kinds


def test_turn_that_is_only_a_stage_note_is_kept():
    doc = parse_text("Q (Inaudible.)\n\nMS. SMITH: Sorry, say again?\n\nQ Fine.\n\nMS. SMITH: OK.\n")
    assert [t.text for t in doc.turns if t.speaker == "Q"] == ["(Inaudible.)", "Fine."]


def test_interviewer_inferred_from_questions():
    text = (
        "JANE DOE: Welcome. What brings you here?\n\nJOHN ROE: Work.\n\n"
        "JANE DOE: And what do you do?\n\nJOHN ROE: I write. Do you?\n\nJANE DOE: Sometimes. Why write?\n\nJOHN ROE: To think.\n"
    )
    doc = parse_text(text)
    assert [(s.name, s.role) for s in doc.speakers] == [("JANE DOE", "interviewer"), ("JOHN ROE", "interviewee")]
    assert [p.question for p in doc.qa_pairs] == [
        "Welcome. What brings you here?",
        "And what do you do?",
        "Sometimes. Why write?",
    ]


def test_interviewer_given_by_caller_wins():
    text = "ANNA: I have a statement.\n\nBORIS: Is that so? Tell me.\n\nANNA: Yes.\n\nBORIS: Why?\n\nANNA: Because.\n"
    doc = parse_text(text, interviewer=["BORIS"])
    assert [p.asked_by for p in doc.qa_pairs] == ["BORIS", "BORIS"]
    assert doc.pairs[0].kind == "opening" and doc.pairs[0].answered_by == ["ANNA"]


def test_panel_with_moderator_and_questions_from_the_floor():
    text = (
        "MODERATOR: Welcome. Mr Lee, your view?\n\nKIM LEE: A long view, and a rhetorical question: why not?\n\n"
        "MODERATOR: Thank you. Ms Park.\n\nSORA PARK: Sora Park, university. Mr Lee, will it last?\n\n"
        "KIM LEE: It will last. I have said so many times and I will say it again and again.\n"
    )
    doc = parse_text(text)
    assert [(p.asked_by, p.answered_by) for p in doc.qa_pairs] == [("MODERATOR", ["KIM LEE"]), ("SORA PARK", ["KIM LEE"])]
    assert doc.qa_pairs[1].question_turns == (4,)  # "Thank you. Ms Park." asks nothing (issue 13)


def test_alike_labels_warned():
    text = "Q Why?\n\nSECRETARY MAYORKAS: Because.\n\nQ How?\n\nSECREATRY MAYORKAS: Like so.\n"
    doc = parse_text(text)
    assert any("SECRETARY MAYORKAS" in w and "SECREATRY MAYORKAS" in w for w in doc.warnings)


def test_no_turns_is_an_error():
    with pytest.raises(DiscourseError, match="No speaker turns"):
        parse_text("Just a paragraph of prose.\n\nAnd another one.")


@pytest.mark.corpus
@pytest.mark.parametrize("relpath", BRIEFINGS)
def test_briefing_every_q_that_asks_is_a_question(briefings_dir, relpath):
    path = briefings_dir / relpath
    doc = load(path)
    body = path.read_text(encoding="utf-8").split("\n---", 1)[1]
    q_turns = [t for t in doc.turns if t.speaker == "Q"]
    assert len(q_turns) == len(Q_PARAGRAPH.findall(body))
    # A Q turn that asks nothing ("Thank you, Jen.", "Hello, can you hear me?") is "other" (issue 13).
    assert all(t.role == ("question" if asking.asks(t.text, statements_ask=True) else "other") for t in q_turns)
    assert all(len(t.text.split()) <= 15 for t in q_turns if t.role == "other")
    assert doc.pairs[0].kind == "opening"
    assert doc.date == relpath.split("/")[1][:10]
    assert all(p.question and "\u00a0" not in p.question for p in doc.qa_pairs)


@pytest.mark.corpus
@pytest.mark.parametrize("relpath", BRIEFINGS)
def test_briefing_golden(briefings_dir, relpath):
    got = load(briefings_dir / relpath).to_dict()
    golden = GOLDEN_DIR / ("briefing-" + Path(relpath).stem[:60] + ".json")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(golden.read_text(encoding="utf-8"))


def test_colon_labels_on_consecutive_lines_start_new_turns():
    doc = parse_text("Q: Why?\nA: Plain words,\nwrapped.\nQ: And?\n  A: Yes.\n")
    assert [(p.question, [a.text for a in p.answers]) for p in doc.pairs] == [
        ("Why?", ["Plain words, wrapped."]),
        ("And?", ["Yes."]),
    ]


def test_a_wrapped_line_starting_with_a_bare_q_does_not_split():
    doc = parse_text("Q: Why?\n\nA: It was the letter\nQ of the alphabet.\n")
    assert [a.text for a in doc.pairs[0].answers] == ["It was the letter Q of the alphabet."]

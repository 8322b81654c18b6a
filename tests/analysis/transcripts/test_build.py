"""The builder on RawDocs built by hand: degenerate parses warned, full and short labels merged,
stage directions alone, and linear time in labels and broken lines (issues 13 and 14)."""

from __future__ import annotations

import time
from difflib import SequenceMatcher

import pytest

from analysis.transcripts import parse_text
from analysis.transcripts.build import build_document
from analysis.transcripts.raw import Para, RawDoc


def raw(turns: list[tuple[str, str]], *, layout: str | None = None, **kw) -> RawDoc:
    return RawDoc(format="labelled", paras=[Para(text, label=label) for label, text in turns], layout=layout, **kw)


def words(n: int, seed: str = "word") -> str:
    return " ".join(f"{seed}{i % 50}" for i in range(n)) + "."


def interview(n_pairs: int = 12, answer_words: int = 160) -> list[tuple[str, str]]:
    turns = []
    for i in range(n_pairs):
        turns.append(("Interviewer", f"Question number {i}, what do you think?"))
        turns.append(("Interviewee", words(answer_words)))
    return turns


# -- degenerate parses -----------------------------------------------------------------------------


def test_a_normal_interview_gets_no_warning():
    for a, b in (("Interviewer", "Interviewee"), ("Speaker 1", "Speaker 2"), ("Host", "Guest")):
        turns = [(a if label == "Interviewer" else b, text) for label, text in interview()]
        doc = build_document(raw(turns, layout="interview"), interviewer=[a])
        assert doc.warnings == (), (a, b)


def test_generic_role_names_are_not_look_alike_labels():
    turns = [("Speaker 1", "Hello, how are you?"), ("Speaker 2", "Fine."), ("Speaker 3", "Me too."),
             ("Interviewer", "And you?"), ("Interviewee", "Well.")]
    doc = build_document(raw(turns))
    assert not any("look alike" in w for w in doc.warnings)


def test_one_turn_holding_most_of_a_long_text_is_warned():
    turns = [("Interviewer", "Tell us everything?"), ("Interviewee", words(1800)), ("Interviewer", "Thanks?"),
             ("Interviewee", words(100))]
    doc = build_document(raw(turns))
    assert [w for w in doc.warnings if w.startswith("Turn 2")] == [
        "Turn 2 (Interviewee) holds 95% of the transcript's 1,904 words: if other people speak in it, their labels "
        "were not recognised. Start each turn on a line of its own with the speaker's name and a colon ('NAME: ...')."
    ]


def test_a_label_seen_once_in_a_long_interview_is_warned():
    turns = interview()
    turns.insert(7, ("Bottom line", "we go ahead with the plan and see what happens next."))
    turns.insert(9, ("Dana Field", "Dana Field, university. What comes next?"))  # a question from the floor
    doc = build_document(raw(turns, layout="interview"))
    assert [w for w in doc.warnings if "only once" in w] == [
        "'Bottom line' speaks only once in a long transcript: if it is not a speaker (a heading, or a sentence that "
        "starts with 'Words:'), rename or merge it on the Upload page."
    ]
    # In a panel or a press briefing people who speak once are the rule.
    assert not any("only once" in w for w in build_document(raw(turns, layout="debate")).warnings)


def test_labels_seen_once_are_listed_at_most_a_few():
    turns = interview()
    for i, name in enumerate(["Alpha Note", "Beta Note", "Gamma Note", "Delta Note", "Epsilon Note", "Zeta Note"]):
        turns.insert(3 + 3 * i, (name, "some words here."))
    doc = build_document(raw(turns, layout="interview"))
    (w,) = [w for w in doc.warnings if "only once" in w]
    assert w.startswith("'Alpha Note', 'Beta Note', 'Gamma Note', 'Delta Note' and 2 more speak only once")


def test_known_labels_inside_a_turn_are_warned():
    turns = [("JONES", "Thank you. My question is short? SMITH: It is not, and here is why."),
             ("SMITH", "Next."), ("JONES", "I said to SMITH: come here. SMITH agreed. Why?"), ("SMITH", "Yes.")]
    doc = build_document(raw(turns))
    assert (
        "Speaker labels stand inside turns: 'SMITH:' in turn 1 (JONES). A paragraph break is probably missing "
        "before them, so those words are counted for the wrong speaker."
    ) in doc.warnings


def test_titled_labels_ending_in_a_full_stop_inside_a_turn_are_warned():
    turns = [("Chairman Smith", "The committee will come to order. Thank you. Senator Roe. Thank you, Mr. Chairman. "
                                "I have one question for the witness."),
             ("Senator Roe", "Dr. Vale, why?"), ("Dr. Vale", "Because I asked Senator Roe. She agreed.")]
    doc = build_document(raw(turns, layout="hearing"))
    inside = [w for w in doc.warnings if w.startswith("Speaker labels stand inside")]
    assert inside and "'Senator Roe.' in turn 1 (Chairman Smith)" in inside[0]
    assert "turn 3" not in inside[0]  # "I asked Senator Roe." mentions her; it is no label


HEADINGS = [
    "COMMITTEE ON ENERGY AND NATURAL RESOURCES",
    "U.S. HOUSE OF REPRESENTATIVES HEARING",
    "OFFICE OF THE PRESS SECRETARY",
    "1600 Pennsylvania Avenue",
    "www.example.org",
    "Monday, March 3",
    "TUESDAY, THE FIRST OF JUNE",
    "THE WHITE HOUSE WASHINGTON AND ITS GROUNDS",
]
NOT_HEADINGS = [
    "SENIOR ADMINISTRATION OFFICIAL TWO", "Speaker 3", "MS. JEAN-PIERRE", "Chairman Smith", "APRIL RYAN",
    "Committee Secretary", "Hearing Clerk",
]


def test_a_speaker_that_looks_like_a_heading_or_an_address_is_warned():
    def warned(label):
        turns = [(label, "Opening words."), ("Q", "A question?"), ("MS. LEE", "An answer."), ("Q", "And?"),
                 ("MS. LEE", "Yes.")]
        return [w for w in build_document(raw(turns)).warnings if "heading" in w]

    for label in HEADINGS:
        assert warned(label) == [
            f"Speaker label {label!r} looks like a heading, an address or a date, not a speaker: rename or merge it "
            "on the Upload page, or fix the file."
        ]
    for label in NOT_HEADINGS:
        assert warned(label) == [], label


# -- full and short labels -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "full, short",
    [("Mr. John Roe", "Mr. Roe"), ("Senator Jane Roe", "Senator Roe"), ("MR. JOHN ROE", "MR. ROE"),
     ("Dr Ann Marie Vale", "Dr Vale")],
)
def test_a_full_label_and_its_short_form_are_one_speaker(full, short):
    turns = [("Speaker Of The House", "Order. Why?"), (full, "I rise to speak."), ("Speaker Of The House", "Why?"),
             (short, "Because."), ("Speaker Of The House", "And?"), (short, "And so on.")]
    r = raw(turns, metadata={"affiliations": {full: "Anytown; Lab"}})
    doc = build_document(r)
    assert r.metadata == {"affiliations": {full: "Anytown; Lab"}}  # the reader's RawDoc is not changed
    assert [s.name for s in doc.speakers] == ["Speaker Of The House", short]
    assert [t.speaker for t in doc.turns][1] == short
    assert doc.metadata["speaker_labels"] == {short: full}
    assert doc.metadata["affiliations"][short] == "Anytown; Lab"


def test_the_chairman_is_the_one_chairman():
    turns = [("Chairman Smith", "We begin. Dr. Vale, why now?"), ("Dr. Vale", "Thank you."), ("The Chairman", "Why?"),
             ("Dr. Vale", "Because.")]
    doc = build_document(raw(turns))
    assert [s.name for s in doc.speakers] == ["Chairman Smith", "Dr. Vale"]
    assert doc.metadata["speaker_labels"] == {"Chairman Smith": "The Chairman"}
    assert [p.asked_by for p in doc.qa_pairs] == ["Chairman Smith", "Chairman Smith"]


def test_two_people_with_one_short_form_are_not_merged():
    turns = [("Mr. John Roe", "First?"), ("Mr. Adam Roe", "Second."), ("Mr. Roe", "Third."), ("Mr. John Roe", "Fourth?")]
    doc = build_document(raw(turns))
    assert [s.name for s in doc.speakers] == ["Mr. John Roe", "Mr. Adam Roe", "Mr. Roe"]
    assert "speaker_labels" not in doc.metadata
    assert (
        "Speaker label 'Mr. Roe' could be any of 'Mr. John Roe', 'Mr. Adam Roe'; they are kept apart. Merge or "
        "rename them on the Upload page if one of them is meant."
    ) in doc.warnings


def test_the_chairman_with_two_chairmen_is_not_merged():
    turns = [("Chairman Smith", "We begin?"), ("Chairwoman Lee", "We do."), ("The Chairman", "Good?"), ("Dr. Vale", "Yes.")]
    doc = build_document(raw(turns))
    assert "The Chairman" in [s.name for s in doc.speakers]
    assert any(w.startswith("Speaker label 'The Chairman' could be any of 'Chairman Smith', 'Chairwoman Lee'")
               for w in doc.warnings)


# -- stage directions alone ------------------------------------------------------------------------


@pytest.mark.parametrize("note", ["(Inaudible.)", "(Laughter.)", "[Crosstalk]", "(Cross-talk by reporters.)"])
def test_a_question_that_is_only_a_stage_direction_opens_no_pair(note):
    turns = [("Q", "First question?"), ("MS. LEE", "First answer."), ("Q", note), ("MS. LEE", "Sorry?"),
             ("Q", "Second question?"), ("MS. LEE", "Second answer.")]
    r = raw(turns)
    for p in r.paras:
        p.role = "question" if p.label == "Q" else None
    doc = build_document(r)
    assert [p.question for p in doc.qa_pairs] == ["First question?", "Second question?"]
    assert doc.turns[2].role == "other" and doc.turns[2].text == note  # the turn happened; it asks nothing


@pytest.mark.parametrize("note", ["(Laughs.)", "[crosstalk]"])
def test_an_answer_that_is_only_a_stage_direction_makes_no_pair(note):
    turns = [("Interviewer", "Is that so?"), ("Guest", note), ("Interviewer", "Really, is it?"), ("Guest", "It is.")]
    doc = build_document(raw(turns), interviewer=["Interviewer"])
    assert [(p.question, p.answer) for p in doc.qa_pairs] == [("Is that so?\n\nReally, is it?", "It is.")]
    assert doc.turns[1].role == "other"


# -- look-alike labels: linear time, capped warnings -----------------------------------------------


def best_time(fn, repeat: int = 5) -> float:
    """The least CPU time of this process over ``repeat`` runs (other people's load on the machine
    changes wall-clock times several-fold; only the ratio of two sizes is asserted)."""
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def distinct_labels(n: int) -> list[str]:
    letters = "bcdfghjklmnpqrstvwxz"
    out = []
    for i in range(n):
        name, k = "", i
        for _ in range(4):
            name += letters[k % 20] + "aeiou"[k % 5]
            k //= 20
        out.append(f"MR. {name.upper()}")
    return out


def test_label_comparison_grows_linearly_with_the_labels():
    def build(n):
        labels = distinct_labels(n)
        turns = [(label, f"Words of {label}?") for label in labels]
        return lambda: build_document(raw(turns))

    small, large = best_time(build(500)), best_time(build(2000))
    # Four times the labels: about four times the time when linear, sixteen when every pair is compared.
    assert large / small < 9, (small, large)


def test_rejoining_broken_lines_grows_linearly_with_the_text():
    def build(n):
        paras = [Para("Opening words?", label="Interviewer"), Para("Lines broken without an end", label="Guest")]
        paras += [Para(f"and then the sentence goes on with part {i}") for i in range(n)]
        r = RawDoc(format="labelled", paras=paras)
        return lambda: build_document(r)

    small, large = best_time(build(2000)), best_time(build(8000))
    assert large / small < 9, (small, large)


def test_look_alike_warnings_are_capped_with_a_count():
    labels = [f"Senator Quillan{c}" for c in "abcdefghijklmnopqrst"]
    turns = [(label, "Words?") for label in labels]
    doc = build_document(raw(turns))
    alike = [w for w in doc.warnings if "look alike" in w]
    expected = sum(
        SequenceMatcher(None, a.casefold(), b.casefold()).ratio() >= 0.85
        for i, a in enumerate(labels) for b in labels[i + 1:]
    )
    assert expected == 190
    assert alike[0] == "Speaker labels 'Senator Quillana' and 'Senator Quillanb' look alike and may be the same person."
    assert len(alike) == 6
    assert alike[-1] == (
        "... and 185 more pairs of speaker labels look alike. Merge the ones that are one person on the Upload page."
    )


# Invented: a debate whose moderator mostly gives the floor and asks once; nobody can be inferred as the
# one who asks, so the one turn that ends with a question mark is the only question.
UNKNOWN_ASKER = """Ann Roe: Good evening and welcome to the debate in Riverton. Tonight the two candidates discuss the economy.

Ben Carr: Thank you. Our town needs jobs, and I have a plan to bring the mill back within two years, with the
state's help and a loan from the regional bank that the council has already approved in principle.

Ann Roe: The first topic is jobs. Mr. Dunn, you have two minutes on the mill and the plant.

Cal Dunn: My opponent has had four years on the council to do that, and the mill is still closed. The plan
he talks about has been announced three times, and each time the loan was somehow not quite ready.

Ann Roe: Mr. Carr, what would you do about the rents downtown?

Ben Carr: Rents have doubled since the plant closed, and we will build four hundred homes on the old rail
yard, half of them for families on the waiting list, with the first ones ready by the end of next year.

Ann Roe: The next topic is housing. Mr. Dunn, two minutes on the waiting list.

Cal Dunn: We built none last year, and the waiting list grew by a third under this council. Families who
have lived here for decades are leaving for the county seat, where the rents are still within reach.
"""


def test_questions_found_only_by_their_question_mark_are_said_so():
    doc = parse_text(UNKNOWN_ASKER)
    assert [t.role for t in doc.turns].count("question") == 1
    assert doc.warnings == (
        "Nobody was recognised as the one who asks, so the 1 turn that ends in a question (by 'Ann Roe') was taken "
        "as a question. Set who asks on the Upload page or with --interviewer if this is wrong.",
    )
    told = parse_text(UNKNOWN_ASKER, interviewer=["Ann Roe"])  # the user said who asks: nothing to warn about
    assert not any(w.startswith("Nobody was recognised") for w in told.warnings)

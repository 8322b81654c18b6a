"""Who asks, without --interviewer: inferred from the layout and the labels (issue 13).

Each case is a RawDoc built by hand (the labels and the layout hint a reader would hand over), so the
builder's inference is tested apart from any reader.
"""

from __future__ import annotations

import pytest

from analysis.transcripts.build import build_document
from analysis.transcripts.raw import Para, RawDoc


def raw(turns: list[tuple[str, str]], *, layout: str | None = None, hints: dict | None = None) -> RawDoc:
    return RawDoc(
        format="labelled", paras=[Para(text, label=label) for label, text in turns],
        role_hints=dict(hints or {}), layout=layout,
    )


def asks(doc) -> list[tuple[str, list[str]]]:
    return [(p.asked_by, p.answered_by) for p in doc.qa_pairs]


def inferred(doc) -> list[str]:
    return [w for w in doc.warnings if w.startswith("Questioners inferred")]


PODCAST = [
    ("Ana Reyes", "Welcome to the show. You grew up by the sea, didn't you?"),
    ("Ben Okoro", "I did. Who wouldn't want to? The sea was everything to us."),
    ("Ana Reyes", "And then you left."),
    ("Ben Okoro", "I left at eighteen. Why? Because the boats were gone. What else could I do?"),
    ("Ana Reyes", "What did you find in the city?"),
    ("Ben Okoro", "Work, and noise. Have you lived in a city? It never sleeps."),
]


def test_podcast_host_alternating_with_one_guest():
    doc = build_document(raw(PODCAST))
    assert asks(doc) == [("Ana Reyes", ["Ben Okoro"])] * 3
    # The guest's rhetorical questions open no pair, and "And then you left." is the host's question.
    assert [p.question for p in doc.qa_pairs][1] == "And then you left."
    assert {s.name: s.role for s in doc.speakers} == {"Ana Reyes": "interviewer", "Ben Okoro": "interviewee"}
    assert inferred(doc) == [
        "Questioners inferred: Ana Reyes (a podcast: the host asks). Set who asks on the Upload page or with "
        "--interviewer if this is wrong."
    ]


def test_host_label_asks():
    turns = [("Host", "Today a guest. Hello."), ("Mira Stone", "Hello! Shall I begin? I will."),
             ("Host", "Tell us about the book."), ("Mira Stone", "It is long. Too long? Perhaps.")]
    doc = build_document(raw(turns))
    # "Today a guest. Hello." asks nothing (issue 13): the guest's reply is the opening.
    assert asks(doc) == [("Host", ["Mira Stone"])] and doc.pairs[0].kind == "opening"
    assert "Questioners inferred: Host (a podcast: the host asks)." in inferred(doc)[0]


TOWN_HALL = [
    ("MODERATOR", "Welcome to the town hall. Governor, your opening words."),
    ("GOVERNOR LANE", "Thank you. Who among us has not waited for a bus that never came?"),
    ("MODERATOR", "Our first question is from the audience."),
    ("Speaker 3", "I ride the number 9 every day. When will it run on time?"),
    ("GOVERNOR LANE", "Soon. Do I promise it? I do."),
    ("SENATOR PIKE", "May I add something? The money is already there."),
]


def test_town_hall_moderator_and_audience_speaker_ask():
    doc = build_document(raw(TOWN_HALL, layout="debate"))
    # The moderator's welcome and "Our first question is from the audience." ask nothing (issue 13).
    assert asks(doc) == [("Speaker 3", ["GOVERNOR LANE", "SENATOR PIKE"])]
    assert doc.qa_pairs[0].question_turns == (4,) and [t.role for t in doc.turns][:3] == ["other", "answer", "other"]
    assert "MODERATOR (a debate, panel or town hall" in inferred(doc)[0]


def test_question_label_from_the_floor_asks_in_a_town_hall():
    turns = [("MODERATOR", "Welcome. The first question."), ("QUESTION", "My name is Ida. Will taxes rise?"),
             ("GOVERNOR LANE", "No. Why would they? The budget is balanced.")]
    doc = build_document(raw(turns))
    assert asks(doc) == [("QUESTION", ["GOVERNOR LANE"])] and doc.qa_pairs[0].question_turns == (2,)
    assert "Questioners inferred: MODERATOR, QUESTION (a debate" in inferred(doc)[0]


def test_debate_layout_guessed_from_the_moderator_label():
    guessed = build_document(raw(TOWN_HALL))
    assert guessed.to_dict() == build_document(raw(TOWN_HALL, layout="debate")).to_dict()
    assert "Questioners inferred: MODERATOR (a debate, panel or town hall" in inferred(guessed)[0]


HEARING = [
    ("Chairman Smith", "The committee will come to order. Dr. Vale, your testimony."),
    ("Dr. Vale", "Thank you. Is the grid ready for the winter? It is not."),
    ("Senator Roe", "Why not?"),
    ("Dr. Vale", "Because the lines are old. Who would build a grid on wood poles today? Nobody."),
    ("Dr. Vale", "And I would add that the poles are sixty years old."),
    ("Mr. Kent of Ohio", "What would it cost to replace them?"),
    ("Dr. Vale", "Four billion dollars. Is that a lot? For a grid, no."),
    ("Ranking Member Gray", "Thank you. I yield back."),
]


@pytest.mark.parametrize("layout", ["hearing", None])
def test_hearing_committee_asks_witness_answers(layout):
    doc = build_document(raw(HEARING, layout=layout))
    # "The committee will come to order. Dr. Vale, your testimony." and "Thank you. I yield back."
    # ask nothing (issue 13): the testimony is the opening.
    assert asks(doc) == [("Senator Roe", ["Dr. Vale"]), ("Mr. Kent of Ohio", ["Dr. Vale"])]
    assert doc.pairs[0].kind == "opening" and doc.pairs[0].answered_by == ["Dr. Vale"]
    # The witness's rhetorical questions ("Who would build a grid on wood poles today?") open no pair.
    assert all(t.role == "answer" for t in doc.turns if t.speaker == "Dr. Vale")
    assert inferred(doc) == [
        "Questioners inferred: Chairman Smith, Senator Roe, Mr. Kent of Ohio, Ranking Member Gray (a hearing: the "
        "committee asks, witnesses answer). Set who asks on the Upload page or with --interviewer if this is wrong."
    ]


def test_court_justices_ask_counsel_answer():
    turns = [
        ("CHIEF JUSTICE HALE", "We will hear argument this morning in case 21-100. Mr. Bond."),
        ("MR. BOND", "Mr. Chief Justice, and may it please the Court: the statute is clear. Is it ambiguous? No."),
        ("JUSTICE ORTIZ", "Counsel, what about the second clause?"),
        ("MR. BOND", "The second clause? It only repeats the first."),
        ("JUSTICE KERR", "But then why write it twice?"),
        ("MR. BOND", "Congress often repeats itself, Justice Kerr."),
    ]
    doc = build_document(raw(turns))
    # "... Mr. Bond." gives the floor and asks nothing (issue 13).
    assert asks(doc) == [("JUSTICE ORTIZ", ["MR. BOND"]), ("JUSTICE KERR", ["MR. BOND"])]
    assert "(a court: the justices ask, counsel answer)" in inferred(doc)[0]


EARNINGS = [
    ("Operator", "Good day and welcome to the Acme first quarter call. I will now hand over to Dana Moss, CEO."),
    ("Dana Moss", "Thank you. Revenue grew. Why? Because we shipped more widgets."),
    ("Operator", "Our first question comes from the line of Lee Park with North Bank. Please go ahead."),
    ("Lee Park", "Thanks. Can you talk about margins?"),
    ("Dana Moss", "Margins improved. Will they keep improving? We think so."),
    ("Operator", "Our next question comes from Rae Quinn with South Securities."),
    ("Rae Quinn", "Hi. What about the guidance for the year?"),
    ("Omar Diaz", "I'll take that. Guidance is unchanged."),
]


def test_earnings_call_analysts_the_operator_introduces_ask():
    doc = build_document(raw(EARNINGS))
    assert asks(doc) == [("Lee Park", ["Dana Moss"]), ("Rae Quinn", ["Omar Diaz"])]
    assert all(t.role == "other" for t in doc.turns if t.speaker == "Operator")
    assert doc.pairs[0].kind == "opening" and doc.pairs[0].answered_by == ["Dana Moss"]
    assert "Questioners inferred: Lee Park, Rae Quinn (an earnings call" in inferred(doc)[0]


def test_earnings_call_role_hints_from_the_reader():
    hints = {"Lee Park": "interviewer", "Rae Quinn": "interviewer", "Dana Moss": "interviewee", "Omar Diaz": "interviewee"}
    doc = build_document(raw(EARNINGS, layout="earnings", hints=hints))
    assert asks(doc) == [("Lee Park", ["Dana Moss"]), ("Rae Quinn", ["Omar Diaz"])]
    assert all(t.role == "other" for t in doc.turns if t.speaker == "Operator")
    assert inferred(doc) == []  # the reader knew: nothing was inferred
    # An operator by another name, known to the reader as "other", neither asks nor answers.
    renamed = [("Conference Desk" if label == "Operator" else label, text) for label, text in EARNINGS]
    doc = build_document(raw(renamed, layout="earnings", hints={**hints, "Conference Desk": "other"}))
    assert all(t.role == "other" for t in doc.turns if t.speaker == "Conference Desk")
    assert asks(doc) == [("Lee Park", ["Dana Moss"]), ("Rae Quinn", ["Omar Diaz"])]


def test_press_conference_q_asks_without_an_inference_warning():
    turns = [("MS. LOPEZ", "Good afternoon. One announcement."), ("Q", "Thanks. Will the President travel?"),
             ("MS. LOPEZ", "He will. Would he miss it? Never."), ("Q", "(Inaudible.)"), ("Q", "When?"),
             ("MS. LOPEZ", "Next week.")]
    r = raw(turns)
    for p in r.paras:
        if p.label == "Q":
            p.role = "question"
    doc = build_document(r)
    assert asks(doc) == [("Q", ["MS. LOPEZ"]), ("Q", ["MS. LOPEZ"])]
    assert doc.qa_pairs[1].question == "When?"  # "Q (Inaudible.)" is a turn, but asks nothing
    assert inferred(doc) == []


def test_reporters_ask_in_a_press_layout():
    turns = [("Mayor Lind", "I have a statement. The bridge opens today."), ("Reporter", "Is it safe?"),
             ("Mayor Lind", "It is. Would I open it otherwise?"), ("Reporter", "What did it cost?"),
             ("Mayor Lind", "Less than planned.")]
    doc = build_document(raw(turns, layout="press"))
    assert asks(doc) == [("Reporter", ["Mayor Lind"]), ("Reporter", ["Mayor Lind"])]
    assert "(a press conference: reporters ask)" in inferred(doc)[0]


def test_the_callers_interviewer_wins_without_a_warning():
    assert inferred(build_document(raw(HEARING)))
    doc = build_document(raw(HEARING), interviewer=["Dr. Vale"])
    assert {p.asked_by for p in doc.qa_pairs} == {"Dr. Vale"}
    assert inferred(doc) == []


def test_two_people_taking_turns_at_statements_are_not_host_and_guest():
    turns = [("PRIME MINISTER ALM", "We agreed on trade."), ("PRESIDENT BOW", "And on energy."),
             ("PRIME MINISTER ALM", "We meet again in May."), ("PRESIDENT BOW", "Thank you all.")]
    doc = build_document(raw(turns))
    assert doc.qa_pairs == () and inferred(doc) == []
    # ... while a host who asks, with the same turn-taking, is recognised (not so before issue 13).
    turns[2] = ("PRIME MINISTER ALM", "And when do we meet again?")
    turns.append(("PRIME MINISTER ALM", "Will it be in May?"))
    turns.append(("PRESIDENT BOW", "In May."))
    assert inferred(build_document(raw(turns)))

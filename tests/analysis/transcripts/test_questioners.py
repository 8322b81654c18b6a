"""Who asks, without --interviewer, in the families of issue 13 that the first inference missed:
several moderators, co-hosts, a moderator in a table, Oyez's justices, a parliament's question period.

The files are small imitations in tests/data/layouts/ (invented names and text, the real layout); the
expected questioners were worked out by reading each file. A questioner's turn is never an answer
(whether a turn that asks nothing is "question" or "other" is another module's business), and every
other speaker's turn is an answer unless said otherwise.
"""

from __future__ import annotations

import re

from pathlib import Path

from analysis.transcripts import load, parse_text
from analysis.transcripts.build import build_document
from analysis.transcripts.raw import Para, RawDoc

LAYOUTS = Path(__file__).resolve().parents[2] / "data" / "layouts"

# file, turns, speakers in order, the questioners (benchmarks/parse_layouts.py reads this table too)
FAMILIES = [
    ("debate_three_moderators.txt", 16, ["ORLAND", "REYNA", "KOWALSKI", "PRUITT", "ABARA", "DIAZ-MORENO"],
     ["ORLAND", "PRUITT", "DIAZ-MORENO"]),
    ("podcast_cohosts_otter.txt", 11, ["Emma", "Sidney", "Ruth", "Unknown Speaker"], ["Emma", "Sidney"]),
    ("hansard_question_period.txt", 10, ["Mr. Ian Cobb", "Hon. Rita Vance", "Mr. Dorval", "Ms. Claire Dufour",
                                         "Hon. Paul Tremblay", "The Speaker"], ["Mr. Ian Cobb", "Ms. Claire Dufour"]),
    ("oyez_roles.json", 12, ["Jon R. Hale", "Maria Bond", "Sonia Ortega", "Eli Kerr", "Aaron Lutz"],
     ["Jon R. Hale", "Sonia Ortega", "Eli Kerr"]),
    ("debate_table.json", 15, ["Alan Pryce", "President Tom Hadley", "Vice President Joan Mercer"], ["Alan Pryce"]),
]
TAIL = ". Set who asks on the Upload page or with --interviewer if this is wrong."


def inferred(doc) -> list[str]:
    return [w for w in doc.warnings if w.startswith("Questioners inferred")]


def roles(doc) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for t in doc.turns:
        out.setdefault(t.speaker, set()).add(t.role)
    return out


def raw(turns: list[tuple[str, str]], **kw) -> RawDoc:
    return RawDoc(format="labelled", paras=[Para(text, label=label) for label, text in turns], **kw)


def read(name: str):
    """The family's file, read with no flag: its turns and speakers as in :data:`FAMILIES` first."""
    doc = load(LAYOUTS / name)
    n_turns, speakers = next((n, sp) for file, n, sp, _ in FAMILIES if file == name)
    assert (len(doc.turns), [s.name for s in doc.speakers]) == (n_turns, speakers)
    return doc


def test_debate_with_three_moderators_in_plain_labels():
    doc = read("debate_three_moderators.txt")
    assert inferred(doc) == [
        "Questioners inferred: ORLAND, PRUITT, DIAZ-MORENO (a debate: the moderators ask (they say so, or hand the "
        "floor around), the candidates answer)" + TAIL
    ]
    r = roles(doc)
    assert all("answer" not in r[m] for m in ("ORLAND", "PRUITT", "DIAZ-MORENO"))
    assert all(r[c] == {"answer"} for c in ("REYNA", "KOWALSKI", "ABARA"))
    # The second and third moderators' questions open pairs that the candidates answer.
    asked = [(p.asked_by, p.answered_by) for p in doc.qa_pairs if p.answered_by]
    assert ("PRUITT", ["ABARA"]) in asked and ("DIAZ-MORENO", ["REYNA"]) in asked

    # Candidates named in the same sentence as the colleagues are not moderators.
    text = (LAYOUTS / "debate_three_moderators.txt").read_text(encoding="utf-8")
    candidates = "Luis Diaz-Moreno, between Senator Reyna, Governor Kowalski and Mayor Abara."
    both = text.replace("Luis Diaz-Moreno.", candidates)
    assert both != text and inferred(parse_text(both, format="labelled")) == inferred(doc)


def test_three_moderators_found_by_handing_the_floor_around_without_an_introduction():
    text = (LAYOUTS / "debate_three_moderators.txt").read_text(encoding="utf-8")
    cut = "I'm Dana Orland, and I'll be moderating tonight along with my colleagues Sara Pruitt and Luis Diaz-Moreno. "
    assert cut in text
    doc = parse_text(text.replace(cut, ""), format="labelled")
    assert inferred(doc) == [
        "Questioners inferred: ORLAND, PRUITT, DIAZ-MORENO (a panel, debate or podcast: those who hand the floor "
        "around ask, the others answer)" + TAIL
    ]
    assert all(roles(doc)[c] == {"answer"} for c in ("REYNA", "KOWALSKI", "ABARA"))


CNN = [
    ("JAKE ROWE, CNN MODERATOR", "Good evening. I'm Jake Rowe, with my co-moderator Dana Fisk. Senator Hale, why now?"),
    ("HALE", "Because the country cannot wait. What would my opponent do? Nothing, as always."),
    ("DANA FISK, CNN MODERATOR", "Governor Ortiz, your response. Is the senator right?"),
    ("ORTIZ", "The senator has had twelve years. Twelve years! Where were the results?"),
    ("ROWE", "Senator Hale, thirty seconds. Would you raise taxes to pay for it?"),
    ("HALE", "Only on those who can pay. Is that radical? It is not."),
    ("FISK", "Governor, the same question. Would you?"),
    ("ORTIZ", "No. Families are paying enough already, and the state has a surplus."),
]


def test_cnn_role_word_in_the_first_label_covers_the_short_form():
    doc = build_document(raw(CNN))
    assert inferred(doc) == [
        "Questioners inferred: ROWE, FISK (a debate: the moderators ask (they say so, or hand the floor around), "
        "the candidates answer)" + TAIL
    ]
    r = roles(doc)
    assert r["ROWE"] == r["FISK"] == {"question"}
    # The candidates' rhetorical questions answer: they open no pair.
    assert r["HALE"] == r["ORTIZ"] == {"answer"}
    asked = [p.asked_by for p in doc.qa_pairs]
    assert asked == ["JAKE ROWE, CNN MODERATOR", "DANA FISK, CNN MODERATOR", "ROWE", "FISK"]


def test_podcast_with_two_cohosts_and_a_guest():
    doc = read("podcast_cohosts_otter.txt")
    assert inferred(doc) == ["Questioners inferred: Emma, Sidney (a podcast: the hosts ask)" + TAIL]
    r = roles(doc)
    assert "answer" not in r["Emma"] | r["Sidney"]
    assert r["Ruth"] == {"answer"}  # "Can you imagine that?" is the guest's, not a question
    assert r["Unknown Speaker"] == {"question"}  # a question from the chat, once
    assert [p.asked_by for p in doc.qa_pairs if p.answered_by == ["Ruth"]][:3] == ["Sidney", "Emma", "Sidney"]

    # A guest who says she moderates a forum does not become a host: she asks nothing.
    text = (LAYOUTS / "podcast_cohosts_otter.txt").read_text(encoding="utf-8")
    guest = text.replace("Thanks for having me.", "Thanks for having me. I'm a moderator on a tree forum, too.")
    assert guest != text and inferred(parse_text(guest, format="labelled")) == inferred(doc)


COHOSTS_UNNAMED = [
    ("Emma", "Okay, we're back. Ruth, what got you into trees?"),
    ("Ruth", "A street with no shade at all. In the summer the pavement was too hot to walk on, and when I moved to "
             "a city with old oaks the difference was so large that I wanted to measure it."),
    ("Sidney", "And how do you measure it?"),
    ("Ruth", "With thermal cameras on bikes. We ride the same route at noon and at six and compare the streets "
             "with and without a canopy. Who would have guessed ten degrees?"),
    ("Emma", "Which trees do best?"),
    ("Ruth", "London planes and lindens, in our data. They take the heat and the road salt, and they live long."),
    ("Sidney", "Do they cause allergies?"),
    ("Ruth", "Some people react to the hairs on the leaves, but far less than to grass pollen, as far as we know."),
    ("Emma", "Thanks, Ruth."),
]


def test_cohosts_who_never_say_so_are_found_by_handing_the_floor_around():
    doc = build_document(raw(COHOSTS_UNNAMED))
    assert inferred(doc) == [
        "Questioners inferred: Emma, Sidney (a panel, debate or podcast: those who hand the floor around ask, "
        "the others answer)" + TAIL
    ]
    assert roles(doc)["Ruth"] == {"answer"} and "answer" not in roles(doc)["Emma"] | roles(doc)["Sidney"]


def test_table_debate_with_one_named_moderator_between_two_candidates():
    doc = read("debate_table.json")
    assert inferred(doc) == [
        "Questioners inferred: Alan Pryce (a debate: the moderators ask (they say so, or hand the floor around), "
        "the candidates answer)" + TAIL
    ]
    r = roles(doc)
    assert "answer" not in r["Alan Pryce"]
    assert r["President Tom Hadley"] == r["Vice President Joan Mercer"] == {"answer"}


def test_oyez_roles_make_a_court():
    doc = read("oyez_roles.json")
    r = roles(doc)
    assert all("answer" not in r[j] for j in ("Jon R. Hale", "Sonia Ortega", "Eli Kerr"))
    assert r["Maria Bond"] == r["Aaron Lutz"] == {"answer"}  # "Is a fee a taking?" is counsel's own
    assert {s.name: s.role for s in doc.speakers}["Eli Kerr"] == "interviewer"
    # The Chief's case call and "Thank you, counsel. Mr. Lutz." ask nothing (asking.asks): they open no pair,
    # so counsel's opening statement is the opening and the justices' questions open the pairs.
    # After the hand-off, Mr. Lutz's opening joins the pending question (the Methods page states this limit).
    assert [(p.asked_by, p.answered_by) for p in doc.qa_pairs if p.answered_by] == [
        ("Sonia Ortega", ["Maria Bond"]), ("Eli Kerr", ["Maria Bond", "Aaron Lutz"]), ("Eli Kerr", ["Aaron Lutz"]),
    ]
    assert inferred(doc) == []  # the file said who the justices are: nothing was inferred


def test_hansard_question_period_members_ask_ministers_answer_speaker_is_procedural():
    doc = read("hansard_question_period.txt")
    assert inferred(doc) == [
        "Questioners inferred: Mr. Ian Cobb, Ms. Claire Dufour (a parliament's question period: members ask, "
        "ministers answer, the Speaker keeps order)" + TAIL
    ]
    r = roles(doc)
    assert r["Hon. Rita Vance"] == r["Hon. Paul Tremblay"] == {"answer"}
    # "The Acting Speaker (Mr. Dorval)" is read as the person, the office kept beside him: still the Speaker.
    assert r["The Speaker"] == r["Mr. Dorval"] == {"other"}
    assert doc.metadata["affiliations"]["Mr. Dorval"] == "The Acting Speaker"
    assert [(p.asked_by, p.answered_by) for p in doc.qa_pairs] == [
        ("Mr. Ian Cobb", ["Hon. Rita Vance"]), ("Mr. Ian Cobb", ["Hon. Rita Vance"]),
        ("Ms. Claire Dufour", ["Hon. Paul Tremblay"]), ("Ms. Claire Dufour", ["Hon. Paul Tremblay"]),
    ]


def test_hansard_without_offices_the_member_who_answers_everyone_is_the_minister():
    doc = load(LAYOUTS / "hansard.txt")  # a golden of test_layouts
    assert inferred(doc)[0].startswith("Questioners inferred: Mr. Roe, Mrs. Kay Dunn (a parliament's question period")
    assert roles(doc)["Ms. Finch"] == {"answer"} and roles(doc)["Mrs. Kay Dunn"] == {"question"}


def test_minister_named_by_an_office_label_and_its_short_form():
    turns = [
        ("Mr Paul Kerr", "Will the Secretary of State say what he has done about the embassy staff?"),
        ("The Secretary of State for Foreign Affairs",
         "We have brought home every member of staff who asked. Who could do more?"),
        ("Mr Paul Kerr", "And the local staff?"),
        ("Mr Lind", "Their families too. What else would a decent country do?"),
        ("Madam Deputy Speaker", "Order."),
        ("Ann Byrne", "Will the Minister publish the numbers?"),
        ("Mr Lind", "I will place them in the Library. Is that not enough?"),
    ]
    affiliations = {"Mr Paul Kerr": "Newport Vale; Lab", "The Secretary of State for Foreign Affairs": "Mr Tom Lind",
                    "Ann Byrne": "Eastmere; SNP"}
    doc = build_document(raw(turns, metadata={"affiliations": affiliations}))
    assert inferred(doc)[0].startswith("Questioners inferred: Mr Paul Kerr, Ann Byrne (a parliament's")
    # The office label and "Mr Lind" (the name in its parenthetical) answer, whatever the office label's
    # shortened form; the Deputy Speaker keeps order.
    minister = doc.turns[1].speaker
    assert [t.role for t in doc.turns] == ["question", "answer", "question", "answer", "other", "question", "answer"]
    assert {t.speaker for t in doc.turns if t.role == "answer"} == {minister, "Mr Lind"}


def test_members_heard_together_are_procedural_in_a_question_period():
    turns = [
        ("Mr. Ian Cobb", "Mr. Speaker, when will the minister table the review?"),
        ("Some hon. Members", "Hear, hear!"),
        ("Hon. Rita Vance", "Mr. Speaker, this fall."),
        ("Ms. Claire Dufour", "Mr. Speaker, why not now?"),
        ("Hon. Rita Vance", "Because it is not finished."),
    ]
    affiliations = {"Mr. Ian Cobb": "Lakeview; Ref.", "Hon. Rita Vance": "Minister of Transport, Lib.",
                    "Ms. Claire Dufour": "Baie-Rouge, BQ"}
    doc = build_document(raw(turns, metadata={"affiliations": affiliations}))
    assert [t.role for t in doc.turns] == ["question", "other", "answer", "question", "answer"]
    assert inferred(doc)[0].startswith("Questioners inferred: Mr. Ian Cobb, Ms. Claire Dufour (a parliament's")


JOINT = [
    ("PRIME MINISTER ALM", "Thank you all for coming. Today we signed a treaty on the river, after ten years of talks and "
                           "two floods. The river feeds two countries, and from now on two countries will keep it clean. "
                           "Who would have thought that possible ten years ago?"),
    ("PRESIDENT BOW", "I thank the Prime Minister. The treaty is fair to the farmers on both banks, and it is fair to "
                      "the fish. Our children will swim in this river again, as we did."),
    ("PRIME MINISTER ALM", "We also agreed to meet every spring, in Alm one year and in Bow the next, with the mayors of "
                           "the river towns, to see what has been done. And is that not how neighbours should work?"),
    ("PRESIDENT BOW", "Let me end with thanks to the negotiators, who spent more nights on this than on anything else "
                      "in their careers. They have earned a rest."),
]


def test_a_questioner_who_speaks_at_length_among_three_is_still_inferred():
    # Kept from before: a member's long statement that ends in a question, two witnesses answering.
    statement = ("I have read the report twice, and I have listened to the families in my district, who lost "
                 "their homes in the flood and have waited two years for the money that was promised to them. ")
    turns = [("Mr. Kale", statement + "When will they be paid?"), ("Dr. Ivy", "This year."),
             ("Mr. Kale", statement + "Who decided to wait?"), ("Ms. Orr", "The board did, on the advice of counsel."),
             ("Mr. Kale", statement + "Will you put that in writing?"), ("Dr. Ivy", "Yes.")]
    doc = build_document(raw(turns))
    assert inferred(doc)[0].startswith("Questioners inferred: Mr. Kale (")
    assert roles(doc) == {"Mr. Kale": {"question"}, "Dr. Ivy": {"answer"}, "Ms. Orr": {"answer"}}


def test_joint_appearance_with_a_master_of_ceremonies_infers_nobody():
    # The master of ceremonies calls each speaker by name in short turns, but asks nothing: no moderator.
    calls = ["Ladies and gentlemen, the Prime Minister.", "President Bow.", "Thank you. Prime Minister Alm, a last word.",
             "Thank you. President Bow."]
    # (The statements without their rhetorical questions: one who ends long turns in questions is still
    # inferred, as before, see the test above.)
    plain = [(label, text.rsplit(". ", 1)[0] + ".") if text.endswith("?") else (label, text) for label, text in JOINT]
    turns = [turn for call, statement in zip(calls, plain) for turn in (("MR. DALE", call), statement)]
    doc = build_document(raw(turns))
    assert inferred(doc) == []
    assert {t.role for t in doc.turns if t.speaker != "PRIME MINISTER ALM"} == {"answer"}


def test_committee_counsel_who_examine_the_witness_ask_in_a_hearing():
    """A hearing where the committee's counsel examines the witness and the chair only rules: counsel's
    questions are questions, the witness's lawyer's objection is an answer, the chair's rulings ask nothing."""
    doc = load(LAYOUTS / "hearing_gpo.html")  # its turns and speakers: test_layouts_more.py
    r = roles(doc)
    assert r["Mr. TAMSIN"] == {"question", "other"} and r["Chairman HALVERSEN"] == {"other"}
    assert r["Mr. OKORO"] == r["Mr. VALE"] == {"answer"}
    assert [(p.asked_by, p.answered_by) for p in doc.qa_pairs] == [
        ("Mr. TAMSIN", ["Mr. OKORO"]), ("Mr. TAMSIN", ["Mr. VALE", "Mr. OKORO"]),
    ]
    assert inferred(doc) == [
        "Questioners inferred: Chairman HALVERSEN, Mr. TAMSIN (a hearing: the committee asks, witnesses answer)" + TAIL
    ]


def test_a_hearings_roster_makes_members_without_a_title_ask_and_its_statements_make_witnesses():
    """govinfo prints the committee in capitals ("DEXTER COLE, Ohio") and on a "Present:" line, and each
    witness under "STATEMENT OF ...": "Ms. Ford." is a member who asks, "Mr. Cole."'s opening statement
    asks nothing, "Dr. Chu." answers."""
    doc = load(LAYOUTS / "hearing.txt")  # its turns and speakers: test_layouts.py
    r = roles(doc)
    assert r["Ms. Ford"] == {"question"} and r["Mr. Cole"] == {"other"} and r["Dr. Chu"] == {"answer"}
    assert [(p.asked_by, p.answered_by) for p in doc.qa_pairs] == [
        ("Mrs. Palmer of Oregon", ["Dr. Chu"]), ("Ms. Ford", ["Dr. Chu"]),
    ]
    # Without the roster and the "Present:" line, Ms. Ford is not known to sit on the committee.
    text = (LAYOUTS / "hearing.txt").read_text(encoding="utf-8")
    bare = re.sub(r"(?m)^DEXTER COLE.*\n|^LENA FORD.*\n|^ +Present:.*\n", "", text)
    assert bare != text and roles(parse_text(bare))["Ms. Ford"] == {"answer"}


def test_hearing_roster_reads_members_and_witnesses():
    from analysis.transcripts.questioners import hearing_roster

    members, witnesses = hearing_roster([
        "JAMES COMER, Kentucky, Chairman",
        "ROGER F. WICKER, Mississippi    MARIA CANTWELL, Washington, Ranking Member",
        "Present: Senators Wicker, Thune and Cantwell.",
        "STATEMENT OF HON. JANE DOE, SECRETARY, DEPARTMENT OF TRANSPORTATION",
        "[The prepared statement of Mr. Okafor follows:]",
        "OPENING STATEMENT OF HON. JAMES COMER",
    ])
    assert members == {"comer", "wicker", "cantwell", "thune"}
    assert witnesses == {"doe", "okafor"}


def _long(words: int, ending: str = ".") -> str:
    return " ".join(["The planting season runs from March to May in most of the valley"] * (words // 13)) + ending


# A host who asks most of the time, a guest, and a co-host who asks now and then with long questions.
COHOST_NOW_AND_THEN = [
    ("Kelly", "Welcome to the show. Today our guest is Shannon, who plans finances for a living."),
    ("Shannon", "Thanks for having me."),
    ("Kelly", "What does a planner do?"),
    ("Shannon", _long(46)),
    ("Sidney", "I have been wondering about this for a while, since so many of our listeners work in tech and earn "
               "well early on. Where should they keep an emergency fund?"),
    ("Shannon", _long(56)),
    ("Kelly", "And how big should it be?"),
    ("Shannon", _long(49)),
    ("Kelly", "Do you use an app?"),
    ("Shannon", _long(39)),
    ("Sidney", "That is a really holistic take, and I appreciate it. For someone outside the US, what changes when "
               "they save for retirement?"),
    ("Shannon", _long(52)),
    ("Kelly", "What is the first step?"),
    ("Shannon", _long(36)),
    ("Kelly", "Thank you, Shannon."),
]


def test_a_cohost_who_asks_the_guest_now_and_then_asks_too():
    doc = build_document(raw(COHOST_NOW_AND_THEN))
    assert inferred(doc) == ["Questioners inferred: Kelly, Sidney (a podcast: the hosts ask)" + TAIL]
    r = roles(doc)
    assert r["Sidney"] == {"question"} and r["Shannon"] == {"answer"}
    assert [p.asked_by for p in doc.qa_pairs].count("Sidney") == 2
    # A third voice whose turns do not put questions to the guest is no co-host.
    remark = [(s, t.replace("Where should they keep an emergency fund?", "I keep mine in a jar.")
               .replace("what changes when they save for retirement?", "it changes a lot abroad."))
              if s == "Sidney" else (s, t) for s, t in COHOST_NOW_AND_THEN]
    assert "Sidney" not in inferred(build_document(raw(remark)))[0]


INTERRUPTED_DEBATE = [
    ("HOLT", "Good evening. I\u2019m joined by my colleague Andrea Mitchell tonight. Senator Sanders, your first "
             "hundred days?"),
    ("SANDERS", _long(60)), ("CLINTON", "That is not true."), ("SANDERS", "It is."), ("CLINTON", "No."),
    ("HOLT", "Secretary Clinton, same question."), ("CLINTON", _long(70)), ("SANDERS", "Wrong."),
    ("CLINTON", "Let me finish."), ("SANDERS", "Go ahead."),
    ("MITCHELL", "Governor O\u2019Malley, would you raise the minimum wage?"), ("O\u2019MALLEY", _long(50)),
    ("SANDERS", "Yes."), ("CLINTON", "Yes."), ("MITCHELL", "Senator, is that enough?"), ("SANDERS", _long(40)),
    ("HOLT", "Secretary Clinton, how would you pay for it?"), ("CLINTON", _long(40)), ("SANDERS", "Not so."),
    ("HOLT", "Thank you."),
]


def test_moderators_among_candidates_who_interrupt_each_other():
    """Candidates' one-word interruptions pull their median turn below twice the moderators'; the mean still
    tells, and "I'm joined by my colleague Andrea Mitchell" introduces a co-moderator."""
    doc = build_document(raw(INTERRUPTED_DEBATE))
    assert inferred(doc)[0].startswith("Questioners inferred: HOLT, MITCHELL (")
    r = roles(doc)
    assert r["SANDERS"] == r["CLINTON"] == r["O\u2019MALLEY"] == {"answer"}
    assert [p.asked_by for p in doc.qa_pairs] == ["HOLT", "HOLT", "MITCHELL", "MITCHELL", "HOLT"]


def test_state_and_local_members_sit_on_the_committee():
    """Assembly members and council members ask in a hearing, as senators do."""
    turns = [("CHAIRMAN O'MARA", "We will begin. Mr. Durrett."), ("MR. DURRETT", "Thank you. The board met twice."),
             ("ASSEMBLYMAN BARCLAY", "I want to ask how the board is appointed."), ("MR. DURRETT", "By the commission."),
             ("COUNCILWOMAN REYES", "Tell us who pays for it."), ("MR. DURRETT", "Both countries.")]
    doc = build_document(raw(turns))
    # Prompts without a question mark ask only from someone known to ask.
    assert roles(doc)["ASSEMBLYMAN BARCLAY"] == roles(doc)["COUNCILWOMAN REYES"] == {"question"}
    assert roles(doc)["MR. DURRETT"] == {"answer"}


def test_in_a_debate_candidates_questions_are_answers_and_a_one_off_voice_asks_when_few_speak_once():
    """Two moderators, three candidates who speak again and again (their "Is that okay?" and "can I
    respond?" are not questions) and one candidate with one turn: the candidates only answer. A one-off
    voice that ends in a question would ask (a town hall's); many one-off voices make anyone's question count."""
    turns = INTERRUPTED_DEBATE + [("O\u2019MALLEY", "Yes, and more."), ("KASICH", "I would balance the budget.")]
    turns = [(s, t + " Is that okay?") if s == "SANDERS" and t == "Wrong." else (s, t) for s, t in turns]
    doc = build_document(raw(turns))
    assert {t.role for t in doc.turns if t.speaker not in ("HOLT", "MITCHELL")} == {"answer"}
    voice = turns[:-1] + [("VOTER", "Will any of you cut my taxes?"), ("CLINTON", "Yes.")]
    doc = build_document(raw(voice))
    assert roles(doc)["VOTER"] == {"question"} and roles(doc)["SANDERS"] == {"answer"}


def test_co_moderators_named_by_a_moderator_ask_however_long_their_turns():
    """ "I'm Megyn Kelly, along with my co-moderators, Brett Baier and Chris Wallace": the three read long
    questions to candidates who mostly interrupt; all three moderate."""
    question = " ".join(["You said in March that the plan would pay for itself within two years"] * 6)
    turns = [
        ("KELLY", "Welcome. I'm Megyn Kelly, along with my co-moderators, Brett Baier and Chris Wallace."),
        ("BAIER", question + ". Will you pledge tonight?"), ("TRUMP", "No."), ("PAUL", "This is what's wrong!"),
        ("TRUMP", "Well."), ("WALLACE", question + ". Senator Paul, how can you win?"), ("PAUL", "By the truth."),
        ("TRUMP", "Wrong."), ("PAUL", "Right."), ("KELLY", question + ". Mr. Trump, is that fair?"), ("TRUMP", "Yes."),
        ("PAUL", "No."), ("TRUMP", "It is."),
    ]
    doc = build_document(raw(turns))
    assert inferred(doc)[0].startswith("Questioners inferred: KELLY, BAIER, WALLACE (")
    assert roles(doc)["TRUMP"] == roles(doc)["PAUL"] == {"answer"}


def test_an_analysts_question_in_statement_form_asks_on_an_earnings_call():
    """Analysts are on the call to ask: "And then I have a follow-up." after the substance is the question."""
    turns = [("Operator", "Our first question is from Ana Ruiz with North Bank."),
             ("Ana Ruiz", "Tim, on margins: you guided to a range last quarter and came in above it. So I'm "
                          "interested in what drove that, and whether it holds into next year. And then I have a follow-up."),
             ("Tim Cook", "Mix, mostly."), ("Ana Ruiz", "Thank you."), ("Operator", "This concludes the call.")]
    doc = build_document(raw(turns, layout="earnings"))
    assert [t.role for t in doc.turns] == ["other", "question", "answer", "other", "other"]


def test_a_roll_call_is_not_a_question_when_nobody_is_known_to_ask():
    turns = [("Toni Atkins", "The Senate will come to order. The secretary will call the roll."),
             ("Committee Secretary", "Allen? Anderson? Bates? Beall? Berryhill? Cannella?"),
             ("Toni Atkins", "A quorum is present. Senator Beall, why are you late?"),
             ("Jim Beall", "Traffic on the causeway, Madam President, and a closed lane at the bridge.")]
    doc = build_document(raw(turns))
    assert roles(doc)["Committee Secretary"] == {"answer"}
    assert doc.turns[2].role == "question"


ROUND_TABLE_TURNS = [
    ("Emma", "Welcome back. Today it is just us. Kelly, what is your favourite stack?"),
    ("Kelly", "React on the front, Postgres on the back. Emma, what about you?"),
    ("Emma", "Vue, mostly. Ali, what about you?"), ("Ali", "Svelte and SQLite."),
    ("Lindsey", "Let's move on. What is your favourite food?"), ("Kelly", "Tacos. Lindsey, you like tacos too, right?"),
    ("Lindsey", "I do. Ali, what about you?"), ("Ali", "Sushi, the vegetarian kind."),
    ("Ali", "Lindsey, which question do you like to be asked?"), ("Lindsey", "What I am reading."),
    ("Emma", "Same for me."),
]


def test_a_round_table_of_cohosts_has_everyone_ask_and_answer():
    """Four co-hosts and no guest: none leads, so a turn that asks is a question whoever says it ("Emma,
    what about you?" at the end of an answer), and the rest answer."""
    doc = build_document(raw(ROUND_TABLE_TURNS))
    assert any(w.startswith("Nobody leads the conversation (a round table") for w in doc.warnings)
    # Ali's two turns in a row are one (8); Kelly's "Lindsey, you like tacos too, right?" is put to Lindsey (6).
    assert [t.index for t in doc.turns if t.role == "question"] == [1, 2, 3, 5, 6, 7, 8]
    assert [t.role for t in doc.turns if t.index in (4, 9, 10)] == ["answer"] * 3

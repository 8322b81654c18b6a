"""Does a questioner's turn ask? (issue 13, "question turns"): asking.asks over each family, then end
to end: a questioner's turn that asks nothing is "other" and opens no pair.

The turns are invented; each family has examples on both sides.
"""

from __future__ import annotations

import importlib

import pytest

from analysis.transcripts import Correction, parse_text
from analysis.transcripts.build import build_document
from analysis.transcripts.raw import Para, RawDoc


def asks(text: str, **kw) -> bool:
    # Imported here so that the end-to-end tests below run (and fail) on code without the module.
    return importlib.import_module("analysis.transcripts.asking").asks(text, **kw)


ASKS = {
    "a question mark": [
        "Thank you. How was the trip?",
        "Herons! Why there?",
        "So the farms have nothing?",
        "The bridge has been closed for a month. When will it open?",
        "Good morning, Mayor. Is the levy fair (Laughter.) or not?",
    ],
    "a prompt without a question mark": [
        "Tell me about your first campaign.",
        "Talk to us about the harbour plan.",
        "Walk me through the night of the fire.",
        "So, Dana, help us understand the delay.",
        "Describe the first week in office.",
        "I want to ask about the budget.",
        "My question is about the levy.",
        "I'd like you to respond to the senator.",
        "Can you say more about that.",
        "Please explain the new rule for the ferries.",
        "I wanted to give you the opportunity to respond to this tonight.",
        "I'm curious as to why you didn't call ahead.",
        "Thank you Mr Chair. I just wanted to ask a question about the bill.",
        "So I'm really just looking for a little bit more color on how the quarter played out.",
        "Just curious if December looks very different from September.",
    ],
    "a cue passing the question on": [
        "Governor, your response.",
        "Same question to you, Mayor Quist.",
        "Ms. Ortiz, your rebuttal.",
        "Thank you, Senator. Governor Lane, you have sixty seconds to respond.",
        "Governor, ninety seconds for your response.",
    ],
    "a question cut off once it has begun": [
        "So what you are saying is...",
        "Senator, why --",
        "Do you --",
        "Tell us about the --",
    ],
    "a parliament's order-paper question, printed without its mark": [
        "What recent discussions the Secretary of State has had on fishing rights in the northern strait.",
        "What assessment she has made of the effect of the tariff on farmers.",
        "What steps the Government are taking to support rural bus services.",
        "If he will make a statement on his departmental responsibilities.",
        "Whether the Minister plans to review the ferry subsidy.",
    ],
    "a short leading statement": [
        "And then you left.",
        "But the gates don't hold permits.",
        "You signed the lease in March.",
        "So you never met him.",
    ],
}

ASKS_NOTHING = {
    "a welcome or an introduction": [
        "Welcome back to Slow Rivers. Today my guest is Dana Pike.",
        "Good evening and welcome to the second debate.",
        "Hello and welcome.",
        "With me in the studio is the mayor.",
        "Okay, we're recording. Welcome, everyone.",
    ],
    "the rules": [
        "The subcommittee will come to order.",
        "Without objection, the record will stay open for five days.",
        "Each candidate will have two minutes.",
        "The case is submitted.",
        "Order. The member's time is up.",
        "Can we please -- hold the comments, please, during this hearing.",
        "Could everyone please take their seats.",
        "Sixty seconds for answers, 30 seconds for follow-ups or rebuttals.",
    ],
    "a time call": [
        "That's time.",
        "Senator, your time is up.",
        "Thirty seconds.",
        "We're out of time.",
        "That's all the time we have.",
    ],
    "thanks": [
        "Thank you.",
        "Thanks, Jen.",
        "Thank you both.",
        "Thank you very much, Madam Secretary.",
        "Thank you --",
        "Okay. Thank you.",
    ],
    "floor-giving": [
        "The Senator from Ohio is recognised.",
        "Senator Roe, you're recognised.",
        "Thank you. Dr. Chu, you may begin.",
        "Thank you, counsel. General Teves.",
        "Our next question comes from Lee Park with North Bank.",
        "The first question goes to Governor Hale.",
        # A name alone, the time given or an opening statement gives the floor: what follows answers the
        # question asked before it.
        "Senator Hale?",
        "President Varga?",
        "Thank you, Senator. Sara?",
        "Senator Ortiz, two minutes.",
        "Governor Hale, you have ninety seconds.",
        "Thank you. Senator Sanders, your opening statement, sir.",
        "Senator Rubio, you were mentioned.",
    ],
    "a hand-off": [
        "Over to you, Martha.",
        "Let me hand it over to my co-host, Bea.",
        "I will now hand the call to Helen Moreau.",
    ],
    "an ad read": [
        "This episode is brought to you by Acme Mattresses.",
        "We'll be right back after the break.",
        "Support for this podcast comes from the Hollow Foundation.",
    ],
    "an acknowledgement": ["Yes.", "Okay.", "Right.", "Mm-hmm.", "Got it.", "Yeah \u2014", "Yes, yes."],
    "a courtesy question": [
        "How are you?", "Hello, can you hear me?", "Shall we begin?", "Can I ask one more question?", "What's up, Mike?",
        "How have you been?", "One second, can we get Senator Galgiani's mic?", "Could we have the slide, please?",
    ],
    "a statement": [
        "Let's begin with the water bill.",
        "Then that is settled. Next: the compost.",
        "One question from the floor, then we close.",
        "The advice is two years old.",
        "What he has done is wrong.",
        "What a day it has been.",
        # A period after a name does not open a sentence: "was the name" continues "Mr. Smith.".
        "I want to thank Dr. Chu for coming. Mr. Smith. was the name on the first post office in my district.",
    ],
    "nothing said": ["(Inaudible.)", "\u2014"],
    # Cut off before a question began: what follows answers the question before (counsel going on, a
    # candidate talking over the moderator).
    "cut off before a question began": [
        "Counsel --", "If I could shift to --", "Karine \u2014", "Thanks. Dr. Okafor \u2014", "Okay. And \u2014",
        "Governor Christie, we will -- we will...", "Thank you, Governor. I will mention -- listen...",
        "If you'd like to respond to economic...", "General -", "May I first\u2014[Interruption.]", "Can I just --",
    ],
}


@pytest.mark.parametrize("text", [t for ts in ASKS.values() for t in ts])
def test_asks(text):
    assert asks(text)


@pytest.mark.parametrize("text", [t for ts in ASKS_NOTHING.values() for t in ts])
def test_asks_nothing(text):
    assert not asks(text)


@pytest.mark.parametrize(
    "text, plain, under_q",
    [
        ("Senators are leaving town tomorrow.", False, True),  # a reporter's statement is the question
        ("You have said the plan is dead.", True, True),
        ("Thank you, Jen.", False, False),
        ("Good afternoon.", False, False),
        ("Hi, can you hear me?", False, False),
        ("I have a follow-up.", False, False),
        # A conjunction before what only asks for the floor, thanks or greets leaves it so ...
        ("And just one more.", False, False),
        ("Thanks, Jen. And welcome back.", False, False),
        ("But go ahead.", False, False),
        ("Mr. President, as a moderator, we are going to talk about COVID in the next segment. But go ahead.", False, True),
        # ... but not before a statement or a topic, which a reporter puts as the question.
        ("But we\u2019re talking about a sale of weaponry.", True, True),
        ("And then on the Middle East.", False, True),
        ("In the back row.", False, False),
    ],
)
def test_statements_ask_under_a_q_label(text, plain, under_q):
    assert (asks(text), asks(text, statements_ask=True)) == (plain, under_q)


@pytest.mark.parametrize(
    "text, expected",
    [("so tell me about the harbour", True), ("thank you so much", False), ("and the cost", True), ("okay", False)],
)
def test_text_without_punctuation_is_judged_by_its_words(text, expected):
    assert asks(text) is expected


def test_reason_names_the_rule():
    reason = importlib.import_module("analysis.transcripts.asking").reason
    assert reason("That's time.") == (False, "only time call")
    assert reason("Counsel --") == (False, "cut off before a question had begun")
    assert reason("Senator, why --") == (True, "cut off mid-sentence")
    assert reason("Tell me more.")[1].startswith("a prompt")


# End to end: small transcripts through the builder.

def raw(turns: list[tuple[str, str]], *, layout: str | None = None) -> RawDoc:
    return RawDoc(format="labelled", paras=[Para(text, label=label) for label, text in turns], layout=layout)


def roles(doc) -> list[str]:
    return [t.role for t in doc.turns]


def test_podcast_welcome_opens_no_pair():
    doc = build_document(raw([
        ("Ivo Marsh", "Welcome back to Slow Rivers. Today my guest is Dana Pike, who paddled every canal in the county."),
        ("Dana Pike", "Thanks, Ivo. Not every canal, but most of them."),
        ("Ivo Marsh", "Which one surprised you?"),
        ("Dana Pike", "The short one behind the brewery."),
        ("Ivo Marsh", "Tell me about the herons."),
        ("Dana Pike", "They come for the warm water."),
    ], layout="podcast"))
    assert roles(doc) == ["other", "answer", "question", "answer", "question", "answer"]
    assert doc.pairs[0].kind == "opening" and doc.pairs[0].answer.startswith("Thanks, Ivo.")
    # A prompt without "?" is a question.
    assert [p.question for p in doc.qa_pairs] == ["Which one surprised you?", "Tell me about the herons."]


def test_debate_time_call_opens_no_pair_and_the_answer_goes_on():
    doc = build_document(raw([
        ("MODERATOR", "Good evening and welcome to the third debate. The first question goes to Governor Hale."),
        ("GOVERNOR HALE", "Thank you. It is good to be here."),
        ("MODERATOR", "Governor, what would you do about rents?"),
        ("GOVERNOR HALE", "Build more homes, and faster."),
        ("MODERATOR", "That's time."),
        ("GOVERNOR HALE", "One more sentence: zoning."),
        ("MODERATOR", "Senator Ortiz, your response."),
        ("SENATOR ORTIZ", "The governor has had eight years."),
        ("MODERATOR", "Thank you both."),
    ], layout="debate"))
    assert roles(doc) == ["other", "answer", "question", "answer", "other", "answer", "question", "answer", "other"]
    first, second = doc.qa_pairs
    assert [a.text for a in first.answers] == ["Build more homes, and faster.", "One more sentence: zoning."]
    assert second.question == "Senator Ortiz, your response." and second.answered_by == ["SENATOR ORTIZ"]
    # The welcome before the first question makes no pair of its own: the reply is the opening.
    assert [p.kind for p in doc.pairs] == ["opening", "qa", "qa"] and doc.pairs[0].answered_by == ["GOVERNOR HALE"]


BRIEFING = """\
MS. VANCE: Good afternoon. Questions?

Q Why was the convoy late?

MS. VANCE: The trucks were held at the border.

Q Thank you.

MS. VANCE: Thank you, Ari. Go ahead.

Q On the budget \u2014

MS. VANCE: It comes next week.
"""


def test_a_q_thank_you_is_not_a_question():
    doc = parse_text(BRIEFING)
    q = [(t.text, t.role) for t in doc.turns if t.speaker == "Q"]
    assert q == [("Why was the convoy late?", "question"), ("Thank you.", "other"), ("On the budget \u2014", "question")]
    assert [p.question for p in doc.qa_pairs] == ["Why was the convoy late?", "On the budget \u2014"]
    assert doc.qa_pairs[0].answers[-1].text == "Thank you, Ari. Go ahead."


INTERVIEW = """\
NORA: Thanks for coming in.

TOMAS: Glad to be here.

NORA: Your plan for the harbour is late.

TOMAS: It is, by a year.

NORA: Okay.
"""


def test_the_callers_interviewer_asks_with_statements_but_not_with_thanks():
    doc = parse_text(INTERVIEW, interviewer=["NORA"])
    assert roles(doc) == ["other", "answer", "question", "answer", "other"]
    assert [p.question for p in doc.qa_pairs] == ["Your plan for the harbour is late."]


def test_a_turn_marked_as_question_still_wins():
    plain = parse_text(INTERVIEW, interviewer=["NORA"])
    marked = parse_text(
        INTERVIEW, interviewer=["NORA"], corrections=[Correction.mark(1, "question", words="Thanks for coming in.")]
    )
    assert plain.turns[0].role == "other" and marked.turns[0].role == "question"
    assert [p.question for p in marked.qa_pairs] == ["Thanks for coming in.", "Your plan for the harbour is late."]


def test_a_justices_question_asks_and_a_remark_and_the_chiefs_calls_do_not():
    """A justice's question asks; a remark with no question form ("Well, counsel, the statute says each
    user." read by itself) and the Chief Justice's calls do not: counsel's reply joins the question before."""
    doc = build_document(raw([
        ("CHIEF JUSTICE ROE", "We will hear argument this morning in Case 25-101, Lake District versus Finch. Mr. Bond."),
        ("MR. BOND", "Mr. Chief Justice, and may it please the Court: the permit runs with the land."),
        ("JUSTICE PIKE", "Well, counsel, does the statute not say each user?"),
        ("MR. BOND", "It does, Justice Pike, and each user is a landowner."),
        ("JUSTICE PIKE", "Well, counsel, the statute says each user, and a landowner is not one by himself."),
        ("MR. BOND", "He is, on the water district's own rolls."),
        ("CHIEF JUSTICE ROE", "Thank you, counsel. The case is submitted."),
    ], layout="court"))
    assert roles(doc) == ["other", "answer", "question", "answer", "other", "answer", "other"]
    assert [(p.asked_by, [a.turn for a in p.answers]) for p in doc.qa_pairs] == [("JUSTICE PIKE", [4, 6])]
    assert doc.pairs[0].kind == "opening"  # the argument before any question

def test_a_name_alone_gives_the_floor_except_under_a_q_label():
    assert not asks("Thank you, Senator. Sara?")
    assert asks("Karine?", statements_ask=True)  # a reporter's turn under Q: the question is the point
    assert asks("Sara, what did the mayor say?")


def test_a_turn_cut_off_asks_once_a_question_has_begun_or_under_a_q_label():
    """Moderators are cut off as they take the floor back and counsel as they go on ("Governor Christie,
    we will -- we will...", "Counsel --"); that asks nothing. "Senator, why --" had begun a question, and a
    reporter's "Karine --" under a Q label is a question cut off."""
    assert not asks("Governor Christie, we will -- we will...") and asks("Senator, why --")
    assert asks("Karine \u2014", statements_ask=True) and not asks("Karine \u2014")


def test_when_nobody_is_known_to_ask_a_statement_with_a_tag_asks_nothing():
    text = "It's more like blending realities, which is what augmented reality really is, right?"
    assert asks(text) and not asks(text, tags_ask=False)
    assert asks("Is that what it's still called, right?", tags_ask=False)
    assert asks("Go ahead, Mike; you've done this, I'm sure, right?", tags_ask=False)  # put to the listener


def test_a_question_followed_by_the_time_given_still_ends_in_a_question():
    from analysis.transcripts.questioners import _ends_in_question

    assert _ends_in_question("Where would a Justice Barrett take the court? President Trump, you go first. Two minutes.")
    assert _ends_in_question("Why are you right? Thank you.")
    assert not _ends_in_question("Our first subject is the Supreme Court. Two minutes.")

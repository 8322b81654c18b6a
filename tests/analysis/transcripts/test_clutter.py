"""Web-page furniture in text copied from a news site is taken out as notes, with a warning, and nothing else is."""

from __future__ import annotations

from analysis.transcripts import clutter, parse_text

PAGE = """HOLT: Secretary Clinton, what is the first thing you would do?

CLINTON: I would work with the Congress on good jobs. We need new leadership.

Continue reading the main story

RELATED COVERAGE


In Democratic Debate, Clinton Challenges Sanders on Policy Shifts JAN. 17, 2016

NEWS ANALYSIS
Clinton Turns, Repeatedly, to a Democrat Not on the Debate Stage: Obama JAN. 18, 2016
FROM OUR ADVERTISERS

That is why I am running for president.

HOLT: Senator Sanders, same question.

SANDERS: What a Medicare-for-all program does is provide health care as a right.

ELECTION 2016 By JANE ROE and JOHN DOE 3:13
Key Moments in the Debate
Video
Watch the liveliest exchanges from the debate. Photo by Sam Poe for The Times. Watch in Times Video \u00bb
 Embed
ShareTweet
I am on the committee that wrote the Affordable Care Act.
"""


def test_a_news_pages_furniture_becomes_notes_and_the_answers_are_the_speech_alone():
    doc = parse_text(PAGE)
    clinton = next(t.text for t in doc.turns if t.speaker == "CLINTON")
    sanders = next(t.text for t in doc.turns if t.speaker == "SANDERS")
    assert clinton == "I would work with the Congress on good jobs. We need new leadership.\n\nThat is why I am running for president."
    assert sanders == (
        "What a Medicare-for-all program does is provide health care as a right.\n\n"
        "I am on the committee that wrote the Affordable Care Act."
    )
    footers = [n.text for n in doc.notes if n.kind == "footer"]
    assert footers[0] == "Continue reading the main story" and footers[-1] == "ShareTweet" and len(footers) == 12
    assert "12 lines of web-page furniture (such as 'Continue reading the main story') were taken out" in doc.warnings[0]
    assert not any("opens like a speaker label" in w for w in doc.warnings)  # the headline's colon is gone with it


def test_text_without_a_furniture_line_is_left_as_it_is_even_without_full_stops():
    text = "Key moments\nWe talked about the economy\nVideo games came up too.\n"
    assert clutter.strip(text) == (text, [])
    speech = "HOST: So tell me\n\nGUEST: Well it was a long year\nand we learned a lot\n"
    assert clutter.strip(speech) == (speech, [])


def test_a_label_or_a_sentence_next_to_furniture_stays():
    text = "Jane Doe  0:01\nAdvertisement\nKey Moments\nSam Roe  0:05\nHello there.\n"
    kept, notes = clutter.strip(text)
    assert [n.text for n in notes] == ["Advertisement", "Key Moments"]
    assert kept.split("\n") == ["Jane Doe  0:01", "", "", "Sam Roe  0:05", "Hello there.", ""]

"""Transcripts in the layouts people download (issue 13): one small imitation per layout in
tests/data/layouts/ (invented names and text, the real layout), with what a reader of the file sees in it.

The expected values below were worked out by reading each file, not by running the parser.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.errors import DiscourseError
from analysis.transcripts import detect_format, load, parse_bytes, parse_text
from analysis.transcripts.labelled import read_labelled, read_paragraphs

LAYOUTS = Path(__file__).resolve().parents[2] / "data" / "layouts"

# file, number of turns, speakers in order of appearance, the first turns' (speaker, opening words)
GOLDEN = [
    ("rev.txt", 6, ["Marta Quell", "Tomas Ebbing"], [
        ("Marta Quell", "Thanks for sitting down"), ("Tomas Ebbing", "On the east bank"),
        ("Marta Quell", "What do you remember"),
    ]),
    ("speaker_numbers.txt", 6, ["Speaker 1", "Speaker 2", "Speaker 3"], [
        ("Speaker 1", "Okay, we're recording."), ("Speaker 2", "Hi. Glad"), ("Speaker 1", "Let's start with the budget."),
    ]),
    ("otter.txt", 6, ["Lena Haas", "Unknown Speaker", "Piet Brandt"], [
        ("Lena Haas", "Good morning. Thanks"), ("Unknown Speaker", "Long, but fine."), ("Lena Haas", "Let's go through"),
    ]),
    ("stamp_before.txt", 6, ["Ana Ruiz", "Ben Okafor"], [
        ("Ana Ruiz", "Hello and welcome."), ("Ben Okafor", "Thanks, Ana."), ("Ana Ruiz", "How many bikes"),
    ]),
    ("stamp_first.txt", 4, ["Kai Larsen", "Mira Holt"], [
        ("Kai Larsen", "Morning, all."), ("Mira Holt", "I finished the map layer."),
    ]),
    ("stamp_same_line.txt", 5, ["Jonas Weber", "Elif Demir"], [
        ("Jonas Weber", "Welcome to the workshop."), ("Elif Demir", "I brought the wood."),
    ]),
    ("podcast.md", 6, ["Ivo Marsh", "Dana Pike"], [
        ("Ivo Marsh", "Welcome back to Slow Rivers."), ("Dana Pike", "Thanks, Ivo."), ("Ivo Marsh", "Which one surprised"),
    ]),
    ("single_line_caps.txt", 6, ["HOST", "MAYOR LINDQVIST"], [
        ("HOST", "Good morning, valley."), ("MAYOR LINDQVIST", "Good morning. Thanks"),
        ("HOST", "The bridge has been closed"),
    ]),
    ("single_line_bold.md", 5, ["Rosa Vega", "Arjun Patel"], [
        ("Rosa Vega", "Welcome, everyone."), ("Arjun Patel", "It went up again."), ("Rosa Vega", "Can we fix them"),
    ]),
    ("roles.txt", 7, ["Interviewer", "Interviewee", "Host", "Guest"], [
        ("Interviewer", "Thank you for agreeing"), ("Interviewee", "Nineteen years"),
        ("Interviewer", "What has changed most?"),
    ]),
    ("debate.txt", 8, ["MODERATOR", "GOVERNOR HALE", "SENATOR ORTIZ"], [
        ("MODERATOR", "Good evening and welcome"), ("GOVERNOR HALE", "Thank you. It is good"),
        ("MODERATOR", "What would you do about rents?"), ("GOVERNOR HALE", "Build more homes"),
        ("SENATOR ORTIZ", "I agree that we need homes."),
    ]),
    ("hearing.txt", 10, ["Chairman Oduya", "Mr. Cole", "Dr. Chu", "Mrs. Palmer of Oregon", "Ms. Ford"], [
        ("Chairman Oduya", "The subcommittee will come to order."), ("Mr. Cole", "Thank you, Mr. Chairman."),
        ("Chairman Oduya", "Thank you. Dr. Chu, you may begin."), ("Dr. Chu", "Thank you, Chairman Oduya"),
    ]),
    ("hansard.txt", 6, ["Mr. Roe", "Ms. Finch", "Mrs. Kay Dunn"], [
        ("Mr. Roe", "What steps is the Government"), ("Ms. Finch", "We have given councils"),
        ("Mr. Roe", "That money has not"),
    ]),
    ("un.txt", 5, ["The President", "Mr. Ivanov", "Ms. Souza"], [
        ("The President", "I welcome the representatives"), ("Mr. Ivanov", "Thank you, Madam President."),
        ("The President", "I thank Mr. Ivanov."),
    ]),
    ("rev.html", 5, ["Greta Lind", "Omar Said"], [
        ("Greta Lind", "Good evening. Tonight"), ("Omar Said", "Thank you for coming."), ("Greta Lind", "Is that low"),
    ]),
    ("bold_stamps.html", 5, ["Ms. Holm", "Mr. Dusek", "Speaker 3"], [
        ("Ms. Holm", "The quota is too high."), ("Mr. Dusek", "The quota follows"),
        ("Ms. Holm", "The advice is"), ("Speaker 3", "Order. The member's time is up."),
    ]),
    ("otter.docx", 4, ["Hana Sato", "Ravi Nair"], [
        ("Hana Sato", "Let's start with the second verse."), ("Ravi Nair", "From the top of the page?"),
    ]),
    ("hearing_senate.docx", 7, ["Chairman Varga", "Senator Roe", "Dr. Okoye"], [
        ("Chairman Varga", "Good morning. The committee will come to order."), ("Senator Roe", "Thank you, Mr. Chairman."),
        ("Chairman Varga", "Thank you, Senator Roe."),
    ]),
]


@pytest.mark.parametrize("name, n_turns, speakers, first", GOLDEN, ids=[g[0] for g in GOLDEN])
def test_layout_golden(name, n_turns, speakers, first):
    doc = load(LAYOUTS / name)
    assert len(doc.turns) == n_turns
    assert [s.name for s in doc.speakers] == speakers
    for turn, (speaker, opening) in zip(doc.turns, first):
        assert turn.speaker == speaker and turn.text.startswith(opening), (turn.speaker, turn.text[:60])


STAMPS = {
    "rev.txt": ["00:00:03", "00:00:09", "00:00:17", "00:00:21", "00:00:35", "00:00:38"],
    "speaker_numbers.txt": ["00:00", "00:04", "00:07", "00:12", "00:18", "00:25"],
    "otter.txt": ["0:02", "0:07", "0:10", "0:16", "1:02:05", "1:02:09"],
    "stamp_before.txt": ["00:00:01", "00:00:06", "00:00:09", "00:00:12", "00:00:16", "00:00:19"],
    "stamp_first.txt": ["00:00:05", "00:00:09", "00:00:15", "00:00:21"],
    "stamp_same_line.txt": ["00:00:00", "00:00:06", "00:00:10", "00:00:15", "00:00:18"],
    "podcast.md": ["0:00:00", "0:00:09", "0:00:13", "0:00:15", "0:00:21", "0:00:23"],
    "rev.html": ["00:00:04", "00:00:10", "00:00:18", "00:00:21", "00:00:30"],
    "otter.docx": ["0:03", "0:09", "0:12", "0:15"],
    "bold_stamps.html": [None, None, None, "00:14:20"],
}


@pytest.mark.parametrize("name", sorted(STAMPS))
def test_time_stamps_are_notes_of_their_turn_never_text(name):
    doc = load(LAYOUTS / name)
    stamps = [(n.text, n.turn) for n in doc.notes if n.kind == "timestamp"]
    assert stamps == [(s, i + 1) for i, s in enumerate(STAMPS[name]) if s]
    assert not any(ch.isdigit() and ":" in t.text for t in doc.turns for ch in t.text[:3])
    assert all("(00:" not in t.text and "**" not in t.text for t in doc.turns)


def test_rev_title_line_and_stage_direction_are_notes():
    doc = load(LAYOUTS / "rev.txt")
    assert ("heading", "Riverside Oral History Project - Interview 4") in [(n.kind, n.text) for n in doc.notes]
    assert ("stage", "(Laughter.)", 4) in [(n.kind, n.text, n.turn) for n in doc.notes]
    assert doc.turns[3].text == "The water came up to the second step. We slept in the attic for a week."


def test_otter_continuation_lines_and_credit_line():
    doc = load(LAYOUTS / "otter.txt")
    assert doc.turns[3].text == "The beds are built. We still need soil for the last two, and someone to water in July."
    assert doc.turns[-1].text == "I can."
    assert ("heading", "Transcribed by https://otter.ai") in [(n.kind, n.text) for n in doc.notes]


def test_podcast_front_matter_and_heading():
    doc = load(LAYOUTS / "podcast.md")
    assert (doc.title, doc.date) == ("Episode 12: Slow Rivers", "2024-03-01")
    assert ("heading", "Episode 12: Slow Rivers") in [(n.kind, n.text) for n in doc.notes]
    assert doc.turns[1].text == "Thanks, Ivo. Not every canal, but most of them."


def test_single_line_turns_keep_their_continuation_lines():
    caps = load(LAYOUTS / "single_line_caps.txt")
    assert caps.turns[3].text == "The engineers tell me the end of May. We are paying them a bonus if they finish early."
    assert [(n.kind, n.text) for n in caps.notes] == [("heading", "RADIO VALLEY MORNING SHOW")]
    bold = load(LAYOUTS / "single_line_bold.md")
    assert bold.turns[1].text == "It went up again. We used more in August. The drip lines leak at the north end."
    assert bold.turns[4].text == "Then that is settled. Next: the compost."


def test_debate_page_site_header_is_cover_and_inline_labels_are_turns():
    doc = load(LAYOUTS / "debate.txt")
    assert [(n.kind, n.text) for n in doc.notes if n.kind == "heading"] == [
        ("heading", "CPD: October 9, 2030 Debate Transcript"),
        ("heading", "October 9, 2030"),
        ("heading", "The Second Northland Presidential Debate"),
    ]
    assert [t.text for t in doc.turns[4:]] == [
        "I agree that we need homes. But the governor has had eight years.",
        "Senator, your time is up.",
        "One more sentence.",
        "Thank you both.",
    ]
    assert doc.turns[0].text == "Good evening and welcome to the second debate. The first question goes to Governor Hale."


def test_hearing_cover_matter_and_layout():
    text = (LAYOUTS / "hearing.txt").read_text(encoding="utf-8")
    raw = read_labelled(text)
    assert raw.layout == "hearing"
    doc = parse_text(text)
    names = [s.name for s in doc.speakers]
    assert "U.S. GOVERNMENT PRINTING OFFICE" not in names and not any("WASHINGTON" in n for n in names)
    headings = [n.text for n in doc.notes if n.kind == "heading"]
    assert "U.S. GOVERNMENT PRINTING OFFICE" in headings
    assert "STATEMENT OF IRENE CHU, DIRECTOR, RURAL MAIL INSTITUTE" in headings
    # the statement heading is not part of the chairman's turn before it
    assert doc.turns[2].text == "Thank you. Dr. Chu, you may begin."
    # "Mr. Smith." inside a paragraph is text, not a label
    assert doc.turns[1].text == (
        "Thank you, Mr. Chairman. I want to thank Dr. Chu for coming. Mr. Smith. was the name on the first "
        "post office in my district, and the building still stands."
    )
    assert doc.turns[0].text.endswith("Mr. Cole, you are recognized for an opening statement.")
    assert doc.turns[-1].text.startswith("Without objection, the record will stay open for five days.")


def test_hearing_in_word_has_the_hearing_layout():
    from analysis.transcripts.docx import read_docx

    raw = read_docx((LAYOUTS / "hearing_senate.docx").read_bytes())
    assert raw.layout == "hearing"
    doc = load(LAYOUTS / "hearing_senate.docx")
    assert doc.turns[0].text == "Good morning. The committee will come to order.\n\nToday we hear from two witnesses on groundwater."
    assert [n.text for n in doc.notes if n.kind == "heading"][:3] == [
        "[Senate Hearing 131-42]", "U.S. GOVERNMENT PRINTING OFFICE", "WASHINGTON : 2049",
    ]


def test_parentheticals_go_to_affiliations():
    hansard = load(LAYOUTS / "hansard.txt")
    # As labelled, and under the short form that names the merged speaker ("Mr. Roe").
    assert hansard.metadata["affiliations"] == {
        "Mr. John Roe": "Anytown; Lab", "Ms. Ada Finch": "Westmoor; Con", "Mrs. Kay Dunn": "Eastfield; LD",
        "Mr. Roe": "Anytown; Lab", "Ms. Finch": "Westmoor; Con",
    }
    assert hansard.turns[2].text == "That money has not reached Anytown. Will the Minister meet me to discuss it?"
    bold = load(LAYOUTS / "bold_stamps.html")
    assert bold.metadata["affiliations"] == {
        "Ms. Rana Holm": "Northport; Green", "Mr. Pavel Dusek": "Eastmere; Lab",
        "Ms. Holm": "Northport; Green", "Mr. Dusek": "Eastmere; Lab",
    }
    un = load(LAYOUTS / "un.txt")
    assert un.metadata["affiliations"] == {"Mr. Ivanov": "Russian Federation", "Ms. Souza": "Brazil"}
    assert [n.text for n in un.notes if n.kind == "heading"][-1] == "The agenda was adopted."


@pytest.mark.parametrize(
    "paragraph, label, rest",
    [
        ("Jane Doe (00:01:23): Hello.", "Jane Doe", "Hello."),
        ("Speaker 1 (00:00):", "Speaker 1", ""),
        ("[00:01:02] Jane: Hello.", "Jane", "Hello."),
        ("00:01:02 Jane Doe: Hello.", "Jane Doe", "Hello."),
        ("0:00:12.9 **Jane Doe** Hello.", "Jane Doe", "Hello."),
        ("Mr. Ivanov (Russian Federation): Thank you.", "Mr. Ivanov", "Thank you."),
    ],
)
def test_label_shapes(paragraph, label, rest):
    raw = read_paragraphs([paragraph, paragraph], format="labelled")
    p = raw.paras[0]
    assert (p.label, p.text) == (label, rest)


@pytest.mark.parametrize(
    "paragraphs",
    [
        ["Note: the meeting was moved.", "The answer is simple: more homes.", "We agreed on one thing: rent."],
        ["Mr. Smith. was the first postmaster here.", "Mr. Smith. was also the last.", "Mr. Smith. was well liked."],
        ["Thank you.", "Thank you.", "Thank you."],
        ["(Inaudible.)", "[Crosstalk]", "(Laughter.)"],
        ["Meeting (10:30) was short.", "Lunch was long."],
    ],
)
def test_prose_is_not_labels(paragraphs):
    raw = read_paragraphs(paragraphs, format="labelled")
    assert [p.label for p in raw.paras] == [None] * len(paragraphs)
    assert raw.layout is None


def test_period_labels_need_the_hearing_shape():
    # no hearing shape (two period "labels", colon labels beside them): Mr. Smith at paragraph starts stays prose
    text = "Q: Who built it?\n\nA: Mr. Smith. He was the first postmaster.\n\nMr. Smith. That was his name.\n"
    raw = read_labelled(text)
    assert raw.layout is None
    assert [p.label for p in raw.paras] == ["Q", "A", None]


def test_colon_inside_a_sentence_does_not_split_single_line_turns():
    text = "HOST: Welcome.\nGUEST: Thanks. The answer is simple: buses.\nHOST: Why?\nGUEST: Because.\n"
    doc = parse_text(text)
    assert [(t.speaker, t.text) for t in doc.turns] == [
        ("HOST", "Welcome."), ("GUEST", "Thanks. The answer is simple: buses."), ("HOST", "Why?"), ("GUEST", "Because."),
    ]


def test_text_starting_with_a_bracket_is_json_only_if_it_parses():
    data = (LAYOUTS / "stamp_before.txt").read_bytes()
    assert detect_format(data) == "labelled"
    assert len(parse_bytes(data).turns) == 6
    assert detect_format(b'[{"speaker": "A", "text": "x"}]') == "json"


@pytest.mark.parametrize("name", ["transcript.log", "transcript", "call.transcript"])
def test_unknown_extension_with_text_content_is_read_with_a_warning(name):
    doc = parse_bytes((LAYOUTS / "rev.txt").read_bytes(), name=name)
    assert len(doc.turns) == 6
    assert doc.warnings[0].startswith(f"{name}: ") and "read as plain text" in doc.warnings[0]
    # the same name with binary content is refused
    with pytest.raises(DiscourseError, match="not"):
        parse_bytes(b"\x00\x01\x02binary\xff\xfe" * 50, name=name)


def test_known_extension_gives_no_warning():
    doc = parse_bytes((LAYOUTS / "rev.txt").read_bytes(), name="rev.txt")
    assert not any("read as" in w for w in doc.warnings)


@pytest.mark.parametrize(
    "text, cover",
    [
        ("Northwind Radio: Morning Edition, 4 May\n\nAnna Berg: Welcome.\n\nTom Ek: Thanks.\n\nAnna Berg: Why?\n\nTom Ek: Because.\n",
         "Northwind Radio: Morning Edition, 4 May"),
        ("WASHINGTON : 2049\n\nANNA BERG: Welcome.\n\nTOM EK: Thanks.\n\nANNA BERG: Why?\n\nTOM EK: Because.\n",
         "WASHINGTON : 2049"),
    ],
)
def test_site_names_and_cover_lines_before_a_colon_are_not_speakers(text, cover):
    doc = parse_text(text)
    assert len({s.name for s in doc.speakers}) == 2 and len(doc.turns) == 4
    assert ("heading", cover) in [(n.kind, n.text) for n in doc.notes]


def test_front_matter_that_is_not_yaml_is_a_note():
    doc = parse_text("---\ntitle: [unclosed\n---\n\nHOST: Hi.\n\nGUEST: Hello.\n")
    assert [s.name for s in doc.speakers] == ["HOST", "GUEST"]
    assert [(n.kind, n.text) for n in doc.notes] == [("front_matter", "title: [unclosed")]

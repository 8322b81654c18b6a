"""More layouts real users bring (issue 13, second round): one small imitation per layout in
tests/data/layouts/ (invented names and text, the real layout), with what a reader of the file sees in it.

The expected values were worked out by reading each file, not by running the parser. How turns are
counted, per layout:

* earnings_roles.txt: one turn per label line (``Name (Executives)``); a blank line inside a sentence
  (a PDF page break) does not end the paragraph.
* hearing_gpo.html: one turn per bold label and per GPO label inside a paragraph (``Mr. VALE.``,
  ``Chairman HALVERSEN.``); the bracketed ``[Counsel conferring with witness.]`` is a note.
* hansard_commons.html: one turn per bold label, also one inside the previous answer's paragraph; an
  office with a name in parentheses is that person, merged with the short form (``Mr Hale``); the column
  number between the two halves of an answer is a note and the answer one turn.
* debate_cnn.txt: one turn per label (``JAKE MORROW, RNN MODERATOR:`` and ``MORROW:`` are one speaker);
  unlabelled paragraphs continue the turn above; ``(APPLAUSE)``, ``(CROSSTALK)``, ``(COMMERCIAL BREAK)``
  and ``END`` are notes.
* markers.md: one turn per speaker label; ``[MUSIC]``, ``**Break:** [time]``, ``BREAK``,
  ``(COMMERCIAL BREAK)``, ``INTERMISSION`` and ``**Intermission:**`` are notes, never speakers or turns.
* hansard_ca.txt: one turn per label that has speech; a label followed directly by another label
  (``Ms. Abby Kwan (Northfield, NDP):``) is not a turn but a note; headings in capitals are notes; the
  sentence lines below a label are one paragraph of its turn; ``Some hon. members:`` is a speaker.

"Question turns" in benchmarks/parse_layouts.py are counted by reading: the turns in which someone asks
(an analyst's question, counsel's question, a member's question, a moderator's question to a candidate);
a welcome, a ruling, a hand-over or thanks are not questions.
"""

from __future__ import annotations

import re

from pathlib import Path

import pytest

from analysis.transcripts import load, parse_bytes, parse_text

LAYOUTS = Path(__file__).resolve().parents[2] / "data" / "layouts"

# file, number of turns, speakers in order of appearance, every turn's (speaker, opening words), notes' texts
GOLDEN_MORE = [
    ("earnings_roles.txt", 11, ["Operator", "Mina Castell", "Olaf Renner", "Ines Varga", "Theo Brandt", "Priya Osei"], [
        ("Operator", "Good afternoon, and welcome"), ("Mina Castell", "Thank you. With me today"),
        ("Olaf Renner", "Thanks, Mina."), ("Ines Varga", "Margins improved"), ("Operator", "Thank you. Our first question"),
        ("Theo Brandt", "Thanks for taking my question."), ("Ines Varga", "About half of it."),
        ("Operator", "Our next question"), ("Priya Osei", "Can you say when"), ("Olaf Renner", "In March,"),
        ("Operator", "This concludes"),
    ], []),
    ("hearing_gpo.html", 8, ["Chairman HALVERSEN", "Mr. TAMSIN", "Mr. OKORO", "Mr. VALE"], [
        ("Chairman HALVERSEN", "The committee will come to order."), ("Mr. TAMSIN", "Thank you, Mr. Chairman."),
        ("Mr. OKORO", "I signed it,"), ("Mr. TAMSIN", "Did the board see the second bid?"),
        ("Mr. VALE", "Objection, Mr. Chairman."), ("Chairman HALVERSEN", "Overruled."),
        ("Mr. OKORO", "I do not know"), ("Mr. TAMSIN", "Thank you. Nothing further."),
    ], ["[Counsel conferring with witness.]"]),
    ("hansard_commons.html", 8, ["Mr Pryce", "Mr Hale", "Ruth Calder", "Nadia Brook"], [
        ("Mr Pryce", "What recent discussions"), ("Mr Hale", "I met my counterpart"), ("Mr Pryce", "Will the Secretary"),
        ("Mr Hale", "Yes, I will."), ("Ruth Calder", "Will the talks also cover"), ("Nadia Brook", "They will,"),
        ("Ruth Calder", "I thank the Minister."), ("Nadia Brook", "Before the summer recess."),
    ], ["202"]),
    ("debate_cnn.txt", 13, ["MORROW", "LECLAIR", "STROUD", "WREN"], [
        ("MORROW", "Good evening and welcome"), ("LECLAIR", "Thank you, Jake."), ("MORROW", "Senator Leclair,"),
        ("LECLAIR", "We pay for it"), ("MORROW", "Governor Stroud, your response?"), ("STROUD", "Bonds are debts"),
        ("LECLAIR", "The riders pay them."), ("MORROW", "Thank you both."), ("WREN", "Welcome back."),
        ("MORROW", "Thank you, Dana."), ("WREN", "Governor, a question"), ("STROUD", "Yes. In my first budget."),
        ("MORROW", "That is the end"),
    ], ["(APPLAUSE)", "(CROSSTALK)", "(COMMERCIAL BREAK)", "(APPLAUSE)", "END"]),
    ("markers.md", 9, ["Nora Vell", "Ezra Quint"], [
        ("Nora Vell", "Welcome to Coastlines."), ("Ezra Quint", "Twenty-two,"), ("Nora Vell", "What did a normal night"),
        ("Ezra Quint", "Wind, paperwork"), ("Nora Vell", "We are back."), ("Ezra Quint", "Twice."),
        ("Nora Vell", "Would you do it again?"), ("Ezra Quint", "Every time."), ("Nora Vell", "Thank you, Ezra."),
    ], ["[MUSIC]", "Break: [00:11:51.07]", "BREAK", "(COMMERCIAL BREAK)", "INTERMISSION", "Intermission:"]),
    ("hansard_ca.txt", 8, ["Mr. Luc Tremblant", "Hon. Greta Olafsen", "Mr. Paul Dorval", "Some hon. members", "Mr. Tom Brill"], [
        ("Mr. Luc Tremblant", "Mr. Speaker, the ferry"), ("Hon. Greta Olafsen", "Mr. Speaker, we have ordered"),
        ("Mr. Luc Tremblant", "Mr. Speaker, April is too late."), ("Mr. Paul Dorval", "Order, please."),
        ("Hon. Greta Olafsen", "Mr. Speaker, we are looking"), ("Some hon. members", "Oh, oh!"),
        ("Mr. Tom Brill", "Mr. Speaker, three hundred"), ("Hon. Greta Olafsen", "Mr. Speaker, the first payments"),
    ], ["ORAL QUESTIONS", "NORTHERN FERRIES", "RURAL BROADBAND", "Ms. Abby Kwan (Northfield, NDP):"]),
    # A state senate hearing on a court reporter's numbered pages: page numbers, line numbers down the margin,
    # no blank line between turns, a turn running over a page break, the cover and the speakers' list.
    ("hearing_numbered.txt", 14, ["SENATOR DELACROIX", "DR. MABUCHI", "SENATOR BRANDT", "SENATOR FENN", "MS. ORR"], [
        ("SENATOR DELACROIX", "Good morning, everyone."), ("DR. MABUCHI", "Thank you, Senator."),
        ("SENATOR DELACROIX", "Thank you.\n\nSenator Brandt."), ("SENATOR BRANDT", "Doctor, how many beds"),
        ("DR. MABUCHI", "Eleven."), ("SENATOR BRANDT", "Eleven. And how"), ("DR. MABUCHI", "Four, on a good night."),
        ("SENATOR FENN", "What would it cost"), ("DR. MABUCHI", "About two million a year."),
        ("SENATOR DELACROIX", "Thank you, Doctor. Janet Orr."), ("MS. ORR", "Thank you. I have worked"),
        ("SENATOR FENN", "Do you have enough staff on a night shift?"), ("MS. ORR", "No. We have one nurse"),
        ("SENATOR DELACROIX", "Thank you both."),
    ], ["(Whereupon, the hearing concluded at 11:40 a.m.)", "---oOo---"]),
    # CNN's full labels once ("SEN. DANA HALE (D-OR), PRESIDENTIAL CANDIDATE:", a title with a comma and no
    # space after the colon), then surnames; the full label after the surname's turn and an (APPLAUSE) note
    # continues that turn; a known label glued inside a turn opens one; "As moderator, I'll ask" says who asks.
    ("debate_cnn_full.txt", 13, ["TORRES", "HALE", "ORTIZ"], [
        ("TORRES", "Senator Hale and Governor Ortiz"), ("HALE", "Thank you, Maria."), ("TORRES", "Governor Ortiz?"),
        ("ORTIZ", "Well, it is good"), ("TORRES", "Senator Hale, does"), ("HALE", "He has the experience."),
        ("ORTIZ", "That is not fair."), ("HALE", "It is a fair question"), ("TORRES", "Governor, your response."),
        ("ORTIZ", "My record"), ("HALE", "Records can be read."), ("ORTIZ", "Then read mine."),
        ("TORRES", "Thank you both."),
    ], ["(APPLAUSE)"]),
    # The label in brackets and then the time stamp in brackets, one line a segment, no blank lines (the Oxide
    # and Friends transcripts): consecutive segments of one speaker are one turn.
    ("stamp_bracket_label.txt", 5, ["Speaker 1", "Speaker 2", "Speaker 3"], [
        ("Speaker 1", "Alright, we are recording."), ("Speaker 2", "I do, when"), ("Speaker 3", "Same here."),
        ("Speaker 1", "And what about small changes?"), ("Speaker 2", "Never."),
    ], ["00:00", "00:24", "00:30"]),
    # Motley Fool's newer pages: "Dana Fisk--Head of Investor Relations" with the double hyphen glued.
    ("earnings_glued.txt", 7, ["Operator", "Dana Fisk", "Omar Reyes", "Priya Nair"], [
        ("Operator", "Good day"), ("Dana Fisk", "Thank you."), ("Omar Reyes", "Thank you, Dana."),
        ("Operator", "Our first question"), ("Priya Nair", "Thanks. How much"), ("Omar Reyes", "About a third"),
        ("Operator", "This concludes"),
    ], []),
]


@pytest.mark.parametrize("name, n_turns, speakers, turns, notes", GOLDEN_MORE, ids=[g[0] for g in GOLDEN_MORE])
def test_layout_golden(name, n_turns, speakers, turns, notes):
    doc = load(LAYOUTS / name)
    assert len(doc.turns) == n_turns, [(t.speaker, t.text[:40]) for t in doc.turns]
    assert [s.name for s in doc.speakers] == speakers
    for turn, (speaker, opening) in zip(doc.turns, turns):
        assert turn.speaker == speaker and turn.text.startswith(opening), (turn.speaker, turn.text[:60])
    note_texts = [n.text for n in doc.notes]
    for text in notes:
        assert text in note_texts, (text, note_texts)
        assert not any(text in t.text for t in doc.turns), text  # a note is never a turn's text


# --- 1. earnings calls with the role in parentheses -------------------------------------------------------


def test_earnings_roles_become_role_hints_and_layout():
    doc = load(LAYOUTS / "earnings_roles.txt")
    roles = {s.name: s.role for s in doc.speakers}
    assert roles["Theo Brandt"] == roles["Priya Osei"] == "interviewer"
    assert roles["Mina Castell"] == roles["Olaf Renner"] == roles["Ines Varga"] == "interviewee"
    assert doc.metadata["titles"]["Mina Castell"] == "Head of Investor Relations"
    assert doc.title == "Brightwater Kettle Works (BKW) Q3 2031 Earnings Call Transcript"
    assert doc.date == "2031-10-28"
    # the page-break blank lines inside a sentence do not cut the paragraph
    assert "now running two shifts. We expect" in doc.turns[2].text
    assert "cannot hedge, but we have fixed" in doc.turns[3].text
    assert [t.speaker for t in doc.turns if t.role == "question"] == ["Theo Brandt", "Priya Osei"]
    assert {t.role for t in doc.turns if t.speaker == "Operator"} == {"other"}


@pytest.mark.parametrize(
    "line, name, role",
    [
        ("Jane Moss (Executive)", "Jane Moss", "interviewee"),
        ("Jane Moss (Corporate Participant)", "Jane Moss", "interviewee"),
        ("Jane Moss (Company Representative)", "Jane Moss", "interviewee"),
        ("Jane Moss (Executives) - Chief Financial Officer", "Jane Moss", "interviewee"),
        ("Jane Moss - Chief Financial Officer (Executives)", "Jane Moss", "interviewee"),
        ("Jane Moss (Conference Call Participant)", "Jane Moss", "interviewer"),
        ("Jane Moss (Analyst) - Dune Partners", "Jane Moss", "interviewer"),
    ],
)
def test_earnings_role_label_shapes(line, name, role):
    text = (
        "Operator (Operator)\n\nWelcome to the call.\n\n"
        f"{line}\n\nA few words about the year.\n\n"
        "Ken Adler (Analysts)\n\nWhat about the costs?\n\nOperator (Operator)\n\nThank you.\n"
    )
    doc = parse_text(text)
    assert [t.speaker for t in doc.turns] == ["Operator", name, "Ken Adler", "Operator"]
    assert {s.name: s.role for s in doc.speakers}[name] == role


def test_earnings_role_line_with_an_unknown_role_is_reported():
    text = (
        "Operator (Operator)\n\nWelcome to the call.\n\nJane Moss (Executives)\n\nA good year.\n\n"
        "Rolf Wade (Guest Speaker)\n\nI will say a few words.\n\nKen Adler (Analysts)\n\nWhat about costs?\n"
    )
    doc = parse_text(text)
    assert any("Rolf Wade (Guest Speaker)" in w and "role in parentheses" in w for w in doc.warnings), doc.warnings


# --- 2. congressional hearings in HTML ------------------------------------------------------------------


def test_hearing_html_inline_gpo_labels_are_turns_and_brackets_are_notes():
    doc = load(LAYOUTS / "hearing_gpo.html")
    assert doc.turns[3].text == "Did the board see the second bid?"
    assert doc.turns[4].text == "Objection, Mr. Chairman. The witness was not on the board."
    assert not any("[" in t.text for t in doc.turns)
    assert any(n.kind == "stage" and n.text == "[Counsel conferring with witness.]" for n in doc.notes)
    assert not any("stand inside turns" in w for w in doc.warnings), doc.warnings


# --- 3. UK Commons Hansard HTML -------------------------------------------------------------------------


def test_hansard_office_titles_are_the_person_and_the_office_is_kept():
    doc = load(LAYOUTS / "hansard_commons.html")
    assert doc.metadata["speaker_labels"]["Mr Hale"] == "Mr Edmund Hale"
    assert doc.metadata["speaker_labels"]["Mr Pryce"] == "Mr Owen Pryce"
    aff = doc.metadata["affiliations"]
    assert aff["Mr Hale"] == "The Secretary of State for Foreign and Commonwealth Affairs"
    assert aff["Nadia Brook"] == "The Minister of State, Foreign and Commonwealth Office"
    assert aff["Mr Pryce"] == "Carnmoor; Lab" and aff["Ruth Calder"] == "Westby; LD"
    # the answer across the column break is one turn, one sentence, without the column number
    assert doc.turns[1].text == "I met my counterpart last week and we agreed a new schedule of talks, which will begin in May."
    assert any(n.kind == "footer" and n.text == "202" for n in doc.notes)


# --- 4. CNN-style debate text ---------------------------------------------------------------------------


def test_cnn_full_and_short_labels_are_one_speaker_with_the_title_kept():
    doc = load(LAYOUTS / "debate_cnn.txt")
    assert doc.metadata["speaker_labels"]["MORROW"] == "JAKE MORROW"
    assert doc.metadata["affiliations"]["MORROW"] == "RNN MODERATOR"
    assert doc.metadata["affiliations"]["LECLAIR"] == "D; RIVERLANDS SENATOR"
    assert {s.name: s.role for s in doc.speakers}["MORROW"] == "moderator"
    assert doc.turns[0].text.endswith("one minute to answer, thirty seconds to respond.")  # continuation paragraph
    assert doc.turns[11].text.endswith("That is a promise, and I keep promises.")
    assert not doc.warnings or not any("read as part of the turn above" in w for w in doc.warnings)


def _long_cnn(n_rounds: int, odd: str | None = None) -> tuple[str, int]:
    parts = ["CANDIDATES' FORUM\n", "KARA VOSS, RNN MODERATOR: Welcome to the forum. Let us begin.\n"]
    turns = 1
    for i in range(n_rounds):
        if i == 0:
            parts.append("SEN. OTTO BRANDT (R-RV), CANDIDATE: Thank you, Kara. Glad to be here.\n")
            parts.append("GOV. LISA HOLM (D-RV), CANDIDATE: Thank you. It is a pleasure.\n")
            turns += 2
        parts.append(f"VOSS:  Question {i + 1}: what would you do about item {i + 1}?\n")
        parts.append(f"BRANDT:  On item {i + 1} we would start at once.\n")
        parts.append("And we would finish on time.\n")  # a continuation paragraph
        if i % 7 == 3:
            parts.append("(APPLAUSE)\n")
        parts.append(f"HOLM:  Item {i + 1} needs money first.\n")
        if i % 11 == 5:
            parts.append("(CROSSTALK)\n")
        turns += 3
        if odd and i == n_rounds // 2:
            parts.append(f"{odd} We will be right back after this.\n")  # not read as a label: joins HOLM's turn
    return "\n".join(parts), turns


@pytest.mark.parametrize(
    "paragraph, label",
    [("COOPER (voice-over): The storm reached the coast.", "COOPER"),
     ("ANNA ROE, RNN ANCHOR (on camera): Good evening.", "ANNA ROE"),
     ("UNIDENTIFIED MALE (through translator): We are safe.", "UNIDENTIFIED MALE")],
)
def test_cnn_delivery_in_parentheses_is_not_part_of_the_label(paragraph, label):
    doc = parse_text(f"MORROW:  Good evening.\n\n{paragraph}\n\nMORROW:  Thank you.\n")
    assert [t.speaker for t in doc.turns] == ["MORROW", label, "MORROW"]


def test_long_cnn_file_keeps_every_turn():
    text, expected = _long_cnn(150)
    doc = parse_text(text)
    assert len(doc.turns) == expected == 453
    assert [s.name for s in doc.speakers] == ["VOSS", "BRANDT", "HOLM"]
    assert all(not any(w in t.text for w in ("(APPLAUSE)", "(CROSSTALK)", "VOSS:", "HOLM:")) for t in doc.turns)
    assert not any("read as part of the turn above" in w for w in doc.warnings)


def test_a_cnn_parse_that_drops_a_turn_warns():
    odd = "FORMER SOUTH HARBOR, RIVERLANDS MAYOR ELLA RAND (D), CANDIDATE:"  # a name with a comma: not read
    text, _ = _long_cnn(40, odd=odd)
    doc = parse_text(text)
    assert any(f"'{odd}'" in w and "read as part of the turn above" in w for w in doc.warnings)


# --- 5. markers that are not speakers -------------------------------------------------------------------


def test_markers_are_notes_never_speakers_and_stamps_after_labels_are_notes():
    doc = load(LAYOUTS / "markers.md")
    assert not any(s.name.lower() in ("break", "intermission") for s in doc.speakers)
    assert doc.turns[0].text.startswith("Welcome") and not any("[00:" in t.text for t in doc.turns)
    assert [n.text for n in doc.notes if n.kind == "timestamp"][:2] == ["00:00:04", "00:00:12"]


@pytest.mark.parametrize("marker", ["BREAK", "[MUSIC]", "(COMMERCIAL BREAK)", "INTERMISSION", "Break: [00:11:51.07]", "RECESS"])
def test_a_marker_between_turns_is_a_note(marker):
    doc = parse_text(f"ANNA: Welcome back to the show.\n\n{marker}\n\nBEN: Thank you, Anna.\n\nANNA: So, what now?\n")
    assert [t.speaker for t in doc.turns] == ["ANNA", "BEN", "ANNA"]
    assert doc.turns[0].text == "Welcome back to the show."
    assert marker in [n.text for n in doc.notes]


# --- 6. Canadian Hansard, one sentence per line ---------------------------------------------------------


def test_canadian_hansard_sentence_lines_headings_and_label_only_lines():
    doc = load(LAYOUTS / "hansard_ca.txt")
    assert doc.turns[0].text == (
        "Mr. Speaker, the ferry to Île-aux-Pins has been cancelled three times this winter. "
        "Families cannot get to the hospital. When will the minister restore the service?"
    )
    assert doc.turns[5].text == "Oh, oh!"  # the heading after it is not part of its turn
    assert doc.metadata["affiliations"]["Mr. Paul Dorval"] == "The Acting Speaker"
    assert doc.metadata["affiliations"]["Mr. Luc Tremblant"] == "Rivière-Basse, BQ"
    assert "Ms. Abby Kwan" not in [s.name for s in doc.speakers]
    assert any("'Ms. Abby Kwan'" in w and "not counted as turns" in w for w in doc.warnings), doc.warnings


def test_earnings_roles_saved_as_markdown_read_the_same():
    text = (LAYOUTS / "earnings_roles.txt").read_text(encoding="utf-8")
    lines = [f"**{line}**" if line.endswith(("(Operator)", "(Executives)", "(Executive)", "(Analysts)", "(Analyst)"))
             or "(Executives) -" in line else line for line in text.splitlines()]
    doc = parse_text("\n".join(lines))
    assert [t.speaker for t in doc.turns] == [t.speaker for t in load(LAYOUTS / "earnings_roles.txt").turns]
    assert len(doc.turns) == 11


def test_a_surname_alone_merges_with_the_one_full_name_ending_in_it():
    from analysis.transcripts.build import build_document
    from analysis.transcripts.raw import Para, RawDoc

    def doc(labels):
        return build_document(RawDoc(format="labelled", paras=[Para(f"Words of turn {i}.", label=x) for i, x in enumerate(labels)]))

    assert [s.name for s in doc(["JAKE MORROW", "LECLAIR", "MORROW", "LECLAIR"]).speakers] == ["MORROW", "LECLAIR"]
    # two full names with that surname, or a different way of writing it: kept apart
    assert [s.name for s in doc(["JAKE MORROW", "ANN MORROW", "MORROW"]).speakers] == ["JAKE MORROW", "ANN MORROW", "MORROW"]
    assert [s.name for s in doc(["Jake Morrow", "MORROW", "Ann Lee"]).speakers] == ["Jake Morrow", "MORROW", "Ann Lee"]
    # "Mr. John Roe" -> "Mr. Roe" -> "Roe": one speaker, named by the shortest form
    d = doc(["Mr. John Roe", "Ann Lee", "Mr. Roe", "Ann Lee", "Roe"])
    assert [s.name for s in d.speakers] == ["Roe", "Ann Lee"]


# --- line-numbered pages ---------------------------------------------------------------------------------


def test_a_numbered_hearing_has_the_committee_ask_and_no_number_in_its_text():
    doc = load(LAYOUTS / "hearing_numbered.txt")
    assert [t.speaker for t in doc.turns if t.role == "question"] == [
        "SENATOR BRANDT", "SENATOR BRANDT", "SENATOR FENN", "SENATOR FENN",
    ]
    assert {t.role for t in doc.turns if t.speaker in ("DR. MABUCHI", "MS. ORR")} == {"answer"}
    assert not any(re.search(r"\b(?:1[0-9]|2[0-5])\b", t.text) for t in doc.turns)  # no line number left
    assert doc.turns[6].text == "Four, on a good night."


def test_a_reporters_paragraphs_are_its_indented_lines_not_its_blank_lines_or_page_breaks():
    """Double-spaced pages (a blank line between every two lines) and a page that ends mid-sentence: the
    paragraph is the indented first line and the lines under it, so no sentence is cut at a line's end."""
    doc = load(LAYOUTS / "hearing_numbered.txt")
    fenn = [t.text for t in doc.turns if t.speaker == "SENATOR FENN"]
    assert fenn[-1] == "Do you have enough staff on a night shift?"  # across the page break
    page = (
        "                              7\n\n"
        " 1             SENATOR ROE:  I represent the Southern\n\n"
        " 2      Tier; the Elmira, Corning,\n\n"
        " 3      and Ithaca areas.\n\n"
        " 4             I thank the witnesses, who came far.\n\n"
        " 5             MR. DOE:  Thank you, Senator,\n\n"
        " 6      for having us.\n\n"
        "                              8\n\n"
        " 1             SENATOR ROE:  Why now?\n"
    )
    doc = parse_text(page)
    assert [(t.speaker, t.text) for t in doc.turns] == [
        ("SENATOR ROE", "I represent the Southern Tier; the Elmira, Corning, and Ithaca areas.\n\n"
                        "I thank the witnesses, who came far."),
        ("MR. DOE", "Thank you, Senator, for having us."),
        ("SENATOR ROE", "Why now?"),
    ]


def test_line_numbers_are_taken_off_only_when_most_lines_have_one():
    from analysis.transcripts import numbered

    page = "                    2\n 1      SENATOR ROE:  Good\n 2  morning.\n 3      MR. DOE:  Thank you.\n"
    # The numbers become spaces; the labels, indented deeper than the text's margin, open paragraphs.
    assert numbered.strip(page) == "\n" + " " * 8 + "SENATOR ROE:  Good\n    morning.\n\n" + " " * 8 + "MR. DOE:  Thank you."
    # Numbered paragraphs, time stamps and a count at a line's start are text.
    for text in ("1. Mr Owen Pryce (Lab): What steps\n2. Ms Ada Roe (Con): Whether",
                 "00:01:02 Jane: Hello\n00:01:09 Sam: Hi", "12 people came.\nThen we left.\nIt rained."):
        assert numbered.strip(text) is None


def test_an_otter_time_stamp_never_joins_the_next_paragraph_to_its_turn_text():
    """Otter's "Name  0:31" for one speaker twice in a row: the second block continues the turn, and its
    time stamp (a word character at its end) is a note, never glued to the text that follows it."""
    text = "Kelly  0:00\nWelcome to the show.\n\nShannon  0:31\nI'm Cindy. I'm Allie.\n\nShannon  0:32\nAnd I'm Emma.\n"
    doc = parse_text(text)
    assert [t.text for t in doc.turns] == ["Welcome to the show.", "I'm Cindy. I'm Allie.\n\nAnd I'm Emma."]
    assert not any(re.search(r"\d:\d\d", t.text) for t in doc.turns)


def test_a_known_capitals_label_glued_to_a_sentence_opens_a_turn_where_a_break_was_lost():
    """A paragraph break lost in a long transcript ("... in Iowa.HOLT: And New Hampshire", "... the date?
    MS. ROE: This is a great question."): a capitals label that opens three paragraphs or more elsewhere
    opens a turn inside a paragraph too; a capitals word before a colon that is not such a label does not."""
    turns = [("HOLT", "Welcome. Soon the first votes, in Iowa.HOLT: And New Hampshire not far behind."),
             ("ROE", "Thank you, Lester."), ("HOLT", "What is your first priority?"),
             ("ROE", "Jobs. NOTE: this is a real plan."), ("HOLT", "And the second? ROE: Schools."),
             ("ROE", "And roads."), ("HOLT", "Thank you.")]
    doc = parse_text("\n\n".join(f"{s}: {t}" for s, t in turns))
    assert [(t.speaker, t.text) for t in doc.turns] == [
        ("HOLT", "Welcome. Soon the first votes, in Iowa.\n\nAnd New Hampshire not far behind."),
        ("ROE", "Thank you, Lester."), ("HOLT", "What is your first priority?"),
        ("ROE", "Jobs. NOTE: this is a real plan."), ("HOLT", "And the second?"), ("ROE", "Schools.\n\nAnd roads."),
        ("HOLT", "Thank you."),
    ]


def test_cnn_full_labels_are_the_surnames_speakers_and_the_moderator_asks():
    doc = load(LAYOUTS / "debate_cnn_full.txt")
    assert doc.turns[1].text == "Thank you, Maria. We started this campaign at two percent.\n\nTonight we are second in every poll."
    assert [t.index for t in doc.turns if t.role == "question"] == [5, 9]  # "Governor Ortiz?" gives the floor
    assert {t.role for t in doc.turns if t.speaker != "TORRES"} == {"answer"}
    assert doc.metadata["speaker_labels"]["ORTIZ"] == "GOV. LUIS ORTIZ"


def test_a_transcripts_cover_lists_are_not_speakers():
    text = ("SPEAKERS:  PAGE  QUESTIONS\nJanet Orr  22  30\n\nSENATOR ROE:  Good morning. Ms. Orr?\n\n"
            "MS. ORR:  Thank you.\n\nSENATOR ROE:  How many nurses are on a night shift?\n\n"
            "SPEAKERS (continued):\n\nMS. ORR:  One.\n")
    doc = parse_text(text)
    assert [t.speaker for t in doc.turns] == ["SENATOR ROE", "MS. ORR", "SENATOR ROE", "MS. ORR"]
    assert not any("opens like a speaker label" in w for w in doc.warnings)


def test_a_label_a_dash_and_a_time_stamp_open_a_turn():
    """btctranscripts' and some Descript exports: "Jane Doe – 00:02:02:", the text on the line or below."""
    text = ("---\ntitle: Pinning\n---\npodcast: https://example.org/463/\n\n"
            "Stephan Livera \u2013 00:02:02:  So on to the discussion. Welcome to the show.\n\n"
            "Greg Sanders \u2013 00:02:57:\n\nHi, glad to be here.\n\n"
            "Stephan Livera - 00:02:59:\n\nWhat is pinning?\n\nGreg Sanders \u2014 00:03:23:\n\nA fee problem.\n")
    doc = parse_text(text)
    assert [(t.speaker, t.text) for t in doc.turns][1:] == [
        ("Greg Sanders", "Hi, glad to be here."), ("Stephan Livera", "What is pinning?"), ("Greg Sanders", "A fee problem."),
    ]
    assert doc.turns[0].text.endswith("Welcome to the show.")
    assert [n.text for n in doc.notes if n.kind == "timestamp"][:2] == ["00:02:02", "00:02:57"]


def test_markdown_markup_paragraphs_are_notes_and_entities_are_decoded():
    """A blog post's Hansard: "**Mr. Si&ocirc;n Simon (...) (Lab):**", "<center><img ...></center>" lines and
    "<!--more-->" are markup, not speech; a tag inside speech stays as its text (escaped wherever shown)."""
    text = ("**Mr. Burnside (South Antrim) (UUP):** Will the Prime Minister intervene?\n\n"
            "<center><img src=\"/image/pmq-01.jpg\"></center>\n\n<!--more-->\n\n"
            "**The Prime Minister:** It is not an <s>action</s> [accident] that we did.\n\n"
            "**Mr. Si&ocirc;n Simon (Birmingham, Erdington) (Lab):** Had we not better privatise it?\n\n"
            "**The Prime Minister:** No &amp; never.\n")
    doc = parse_text(text)
    assert [t.speaker for t in doc.turns] == ["Mr. Burnside", "The Prime Minister", "Mr. Si\u00f4n Simon", "The Prime Minister"]
    assert doc.turns[1].text == "It is not an <s>action</s> [accident] that we did."
    assert doc.turns[3].text == "No & never."
    assert "<center><img src=\"/image/pmq-01.jpg\"></center>" in [n.text for n in doc.notes]
    assert not any("<center>" in t.text or "more-->" in t.text for t in doc.turns)


def test_a_voice_the_transcriber_could_not_name_is_a_turn():
    text = ("BAIER: It might be. We'll see.\n\n(UNKNOWN): Is this in the rules?\n\nBAIER: It might be. The rules "
            "are simple.\n\nTRUMP: Fine.\n\nBAIER: Mr. Trump, will you pledge?\n\nTRUMP: No.\n")
    doc = parse_text(text)
    assert [t.speaker for t in doc.turns] == ["BAIER", "(UNKNOWN)", "BAIER", "TRUMP", "BAIER", "TRUMP"]


def test_pasted_text_has_no_extension_to_warn_about_but_a_file_without_one_has():
    text = b"Q: Is free trade good?\n\nA: Free trade builds soft power.\n"
    assert not any("extension" in w for w in parse_bytes(text, name="Pasted text 3").warnings)
    assert any("it has no extension" in w for w in parse_bytes(text, name="Pasted text").warnings)
    assert any("it has no extension" in w for w in parse_bytes(text, name="notes").warnings)


@pytest.mark.parametrize("name, chair", [("hearing_numbered.txt", "SENATOR DELACROIX"), ("hearing.txt", "Chairman Oduya")])
def test_a_chair_inferred_to_ask_is_listed_as_one_who_asks_though_none_of_their_turns_asked(name, chair):
    """The warning names the chair among the questioners; the speakers (the Upload page's table) say the same,
    even when the chair only opened, called on members and thanked (no turn of theirs was a question)."""
    doc = load(LAYOUTS / name)
    (inferred,) = [w for w in doc.warnings if w.startswith("Questioners inferred")]
    assert chair in inferred
    assert {s.name: s.role for s in doc.speakers}[chair] == "interviewer"
    assert not any(t.role == "question" for t in doc.turns if t.speaker == chair)


def test_a_shout_from_an_unnamed_voice_is_no_part_of_the_answer_and_is_warned():
    text = (
        "ANDERSON COOPER, CNN MODERATOR: Senator, what is your plan for the economy tonight?\n\n"
        "SENATOR SMITH: We will cut taxes for the middle class and invest in roads and bridges.\n\n"
        "UNIDENTIFIED MALE: Yes!\n\n"
        "COOPER: Governor, your response?\n\n"
        "GOVERNOR JONES: I think the senator's plan costs too much and helps too few people.\n"
    )
    doc = parse_text(text)
    assert [[a.speaker for a in p.answers] for p in doc.pairs] == [["SENATOR SMITH"], ["GOVERNOR JONES"]]
    assert {s.name: s.role for s in doc.speakers}["UNIDENTIFIED MALE"] == "other"
    assert any(w.startswith("1 turn by a voice the transcript does not name ('UNIDENTIFIED MALE')") for w in doc.warnings)


def test_an_unnamed_voice_that_asks_opens_a_pair_and_one_that_alone_answers_answers():
    doc = parse_text("(UNKNOWN): Is this in the rules?\n\nMR. ROE: No, it is not in the rules at all.\n")
    assert [(p.asked_by, [a.speaker for a in p.answers]) for p in doc.pairs] == [("(UNKNOWN)", ["MR. ROE"])]
    doc = parse_text("Q: Where were you that night?\n\nUNIDENTIFIED FEMALE: At home, with my sister.\n")
    assert [[a.speaker for a in p.answers] for p in doc.pairs] == [["UNIDENTIFIED FEMALE"]]


def test_a_voters_video_question_in_a_debate_asks_and_the_clip_marks_are_notes():
    text = (
        "HOLT: Good evening and welcome to the debate. As moderator, I will keep the time. Secretary Clinton, "
        "what would you do in your first hundred days?\n\n"
        "CLINTON: I would present my plans for good jobs in manufacturing and clean energy to the Congress.\n\n"
        "HOLT: Senator Sanders, same question. What would you do first?\n\n"
        "SANDERS: I would fight a rigged economy and a corrupt system of campaign finance.\n\n"
        "HOLT: We'll hear from the voters now, starting with Jane Roe, who makes videos. Let's watch.\n\n"
        "(BEGIN VIDEO CLIP)\n\n"
        "JANE ROE: Hi, I'm Jane Roe. How would your presidency make sure police violence is prosecuted fairly?\n\n"
        "(END VIDEO CLIP)\n\n"
        "HOLT: Senator Sanders.\n\n"
        "SANDERS: I apologize for not hearing all of that question, but the answer is yes, we will.\n\n"
        "CLINTON: And I agree with much of what the senator says about fairness and justice.\n\n"
        "HOLT: Secretary Clinton, what about guns? Would you change the law?\n\n"
        "CLINTON: Yes, I would close the loopholes that let dangerous people buy guns.\n"
    )
    doc = parse_text(text)
    roe = [p for p in doc.pairs if p.asked_by == "JANE ROE"]
    assert len(roe) == 1 and roe[0].question.endswith("prosecuted fairly?")
    assert [a.speaker for a in roe[0].answers] == ["SANDERS", "CLINTON"]
    assert not any("VIDEO CLIP" in t.text for t in doc.turns)
    assert {"(BEGIN VIDEO CLIP)", "(END VIDEO CLIP)"} <= {n.text for n in doc.notes}
    (inferred,) = [w for w in doc.warnings if w.startswith("Questioners inferred")]
    assert "JANE ROE" in inferred and "a voice heard once that asks" in inferred


@pytest.mark.parametrize("text, want", [
    ("Date:   October 3, 2049", "2049-10-03"),
    ("Tuesday 3 June 2031", "2031-06-03"),
    ("CPD: October 9, 2030 Debate Transcript", "2030-10-09"),
    ("October 10, 2017, at 4:00 p.m. PRESIDING:", "2017-10-10"),
    ("Sept. 21st, 2022", "2022-09-21"),
    ("the 3rd of June, 2031", "2031-06-03"),
    ("held on 2017-03-15", "2017-03-15"),
    ("Hearing Room 210, 2049", None),
    ("February 30, 2021", None),
    ("10/03/2049", None),
    ("we may 2020 see", None),
])
def test_a_date_written_on_a_cover_is_read_in_the_forms_covers_use(text, want):
    from analysis.transcripts.dates import date_in_text

    assert date_in_text(text) == want


@pytest.mark.parametrize("name, date", [("hearing_numbered.txt", "2049-10-03"), ("hansard.txt", "2031-06-03"), ("debate.txt", "2030-10-09")])
def test_a_transcript_without_front_matter_takes_its_date_from_its_cover(name, date):
    doc = load(LAYOUTS / name)
    assert (doc.date, doc.metadata["date_from"]) == (date, "cover")


def test_a_date_in_the_speech_is_not_the_documents_date():
    doc = parse_text("Q: What happened on October 3, 2049?\n\nA: The plant closed on March 5, 2050.\n")
    assert doc.date is None


def test_otters_unknown_speaker_who_talks_at_length_answers_and_only_a_short_interjection_is_set_aside():
    text = (
        "Emma  0:00\nSo welcome, Tailor. Tell us about yourself and what you do in web security these days?\n\n"
        "Unknown Speaker  0:10\nYes, my name is Tailor, and I have worked in security for six years, first as an "
        "analyst and then leading a team that tests the web applications of banks.\n\n"
        "Emma  0:40\nWhat is the attack you see most often?\n\n"
        "Sidney  0:42\nPhishing, by far: people reuse their passwords, and one leaked password opens every account.\n\n"
        "Unknown Speaker  0:45\nShut up, like,\n\n"
        "Sidney  0:47\nIt is true, and I do it too.\n"
    )
    doc = parse_text(text)
    roles = [(t.speaker, t.role) for t in doc.turns]
    assert roles[1] == ("Unknown Speaker", "answer") and roles[4] == ("Unknown Speaker", "other")
    assert "Shut up" not in doc.qa_pairs[1].answer and "I do it too" in doc.qa_pairs[1].answer
    assert any(w.startswith("1 turn by a voice the transcript does not name ('Unknown Speaker')") for w in doc.warnings)


def test_a_debate_moderator_who_welcomes_the_audience_to_the_debate_asks_and_the_time_given_after_a_question_does_not_hide_it():
    text = (
        "Chris Wall: Good evening. I'm Chris Wall of Channel Five and I welcome you to the first of the "
        "Presidential Debates between Governor Ann Lee and Senator Bo Park.\n\n"
        "Ann Lee: How are you doing?\n\nBo Park: Good evening.\n\n"
        "Chris Wall: Our first subject is the budget. Why are you right and your opponent wrong? Governor Lee, "
        "you go first. Two minutes.\n\n"
        "Ann Lee: Because the budget must balance, and mine does, every year of the plan. We cut waste in the "
        "agencies, we keep the rainy-day fund full, and we do not borrow to pay for the running costs of the state. "
        "That is how a family runs its budget, and it is how I have run this state for four years.\n\n"
        "Chris Wall: Same question to you, Senator Park. You have two minutes.\n\n"
        "Bo Park: My plan invests in schools and roads, and it pays for itself within ten years. Every study of "
        "the last decade says so, and the families in this state have waited long enough for their bridges. "
        "We can fix them now, or we can pay twice as much for them in ten years.\n\n"
        "Chris Wall: Senator, as a moderator, we will come back to that. But go ahead.\n\n"
        "Bo Park: It does, and the numbers are public.\n"
    )
    doc = parse_text(text)
    assert [t.index for t in doc.turns if t.role == "question"] == [4, 6]
    (inferred,) = [w for w in doc.warnings if w.startswith("Questioners inferred")]
    assert "Chris Wall" in inferred

"""The user's corrections: each kind, order and undo, stale corrections warn, hostile JSON is refused."""

from __future__ import annotations

import json

import pytest

from analysis.errors import DiscourseError
from analysis.transcripts import Correction, parse_bytes, parse_text
from analysis.transcripts import corrections as fixes

# A panel with a moderator whose label the parser does not take for the asking one, a typo'd speaker
# ("Fydor" once) and a respondent whose label is a placeholder.
PANEL = """\
Fyodor Lukyanov: Welcome to our session on trade. Let me start with a question: what changed this year?

SPEAKER ONE: Trade changed a lot. Companies are moving their supply chains.

Fyodor Lukyanov: And what about sanctions?

SPEAKER ONE: Sanctions are a tool, but not a good one.

Fydor Lukyanov: Thank you. One more thing.

SPEAKER ONE: I would add that trust matters more than tariffs.

Fydor Lukyanov: Thank you all.
"""


def test_without_corrections_the_parser_keeps_its_labels_and_warns_of_the_look_alike():
    doc = parse_text(PANEL)
    assert {s.name for s in doc.speakers} == {"Fyodor Lukyanov", "SPEAKER ONE", "Fydor Lukyanov"}
    assert any("look alike" in w for w in doc.warnings)


def test_rename_changes_every_turn_and_pair_of_that_speaker():
    doc = parse_text(PANEL, corrections=[Correction.rename("SPEAKER ONE", "Jane Doe")])
    assert "SPEAKER ONE" not in {t.speaker for t in doc.turns}
    assert [t.speaker for t in doc.turns].count("Jane Doe") == 3
    assert all("Jane Doe" in p.answered_by for p in doc.qa_pairs)
    assert "Jane Doe" in {s.name for s in doc.speakers}


def test_merge_makes_one_speaker_and_the_alias_warning_goes():
    doc = parse_text(PANEL, corrections=[Correction.merge("Fydor Lukyanov", "Fyodor Lukyanov")])
    assert {s.name for s in doc.speakers} == {"Fyodor Lukyanov", "SPEAKER ONE"}
    assert not any("look alike" in w for w in doc.warnings)


def test_asks_makes_that_speakers_turns_the_questions():
    before = parse_text(PANEL, corrections=[Correction.merge("Fydor Lukyanov", "Fyodor Lukyanov")])
    doc = parse_text(
        PANEL, corrections=[Correction.merge("Fydor Lukyanov", "Fyodor Lukyanov"), Correction.asks("Fyodor Lukyanov")]
    )
    # "Thank you. One more thing." and "Thank you all." ask nothing (issue 13): the answer after the
    # first continues the second question's pair.
    assert [t.role for t in doc.turns if t.speaker == "Fyodor Lukyanov"] == ["question", "question", "other", "other"]
    assert len(doc.qa_pairs) == 2 and all(p.asked_by == "Fyodor Lukyanov" for p in doc.qa_pairs)
    assert doc.pairs[1].answer.endswith("I would add that trust matters more than tariffs.")
    # Merged, "Thank you. One more thing." is the moderator's and asks nothing; apart, "Fydor" answers.
    assert before.turns[4].role == "other" and parse_text(PANEL).turns[4].role == "answer"


def test_asks_names_the_speaker_after_a_rename():
    doc = parse_text(PANEL, corrections=[Correction.rename("SPEAKER ONE", "Jane Doe"), Correction.asks("Jane Doe")])
    assert {p.asked_by for p in doc.qa_pairs} == {"Jane Doe"}


def test_the_last_asks_counts():
    c = [Correction.asks("SPEAKER ONE"), Correction.asks("Fyodor Lukyanov")]
    doc = parse_text(PANEL, corrections=c)
    assert {p.asked_by for p in doc.qa_pairs} == {"Fyodor Lukyanov"}


def test_turn_mark_rebuilds_the_pairs():
    doc = parse_text(PANEL, corrections=[Correction.asks("Fyodor Lukyanov", "Fydor Lukyanov")])
    assert len(doc.qa_pairs) == 2  # "Thank you. One more thing." and "Thank you all." ask nothing
    turn = doc.turns[2]  # "And what about sanctions?"
    marked = parse_text(
        PANEL,
        corrections=[
            Correction.asks("Fyodor Lukyanov", "Fydor Lukyanov"),
            Correction.mark(turn.index, "other", words=fixes.first_words(turn.text)),
        ],
    )
    assert marked.turns[2].role == "other"
    assert len(marked.qa_pairs) == 1  # the answers after it now belong to the first question
    assert marked.qa_pairs[0].answer.endswith("trust matters more than tariffs.")
    assert not any("Correction" in w for w in marked.warnings)


def test_turn_mark_can_make_a_question():
    doc = parse_text(PANEL)
    idx = next(t.index for t in doc.turns if t.text.startswith("Thank you"))
    marked = parse_text(PANEL, corrections=[Correction.mark(idx, "question", words="Thank you. One more thing.")])
    assert marked.turns[idx - 1].role == "question"
    assert any(p.question_turns == (idx,) for p in marked.qa_pairs)


def test_undo_is_the_document_without_the_last_correction():
    steps = [Correction.rename("SPEAKER ONE", "Jane Doe"), Correction.merge("Fydor Lukyanov", "Fyodor Lukyanov")]
    assert parse_text(PANEL, corrections=steps[:1]) == parse_text(
        PANEL, corrections=[Correction.rename("SPEAKER ONE", "Jane Doe")]
    )
    assert parse_text(PANEL, corrections=steps[:0]) == parse_text(PANEL)


@pytest.mark.parametrize(
    "correction, says",
    [
        (Correction.rename("Nobody Here", "Jane Doe"), "no speaker 'Nobody Here'"),
        (Correction.merge("Nobody Here", "SPEAKER ONE"), "no speaker 'Nobody Here'"),
        (Correction.asks("Nobody Here"), "'Nobody Here' is not a speaker"),
        (Correction.mark(99, "question", words="x"), "has 7 turns, so turn 99"),
        (Correction.mark(2, "question", words="Something else entirely"), "no longer starts 'Something else entirely'"),
    ],
)
def test_a_correction_that_no_longer_applies_is_skipped_with_a_warning(correction, says):
    doc = parse_text(PANEL, corrections=[correction])
    assert any(says in w and "skipped" in w for w in doc.warnings), doc.warnings
    plain = parse_text(PANEL)
    assert doc.turns == plain.turns and doc.pairs == plain.pairs


def test_parse_bytes_and_load_take_corrections(tmp_path):
    f = tmp_path / "panel.txt"
    f.write_text(PANEL, encoding="utf-8")
    from analysis.transcripts import load

    c = [Correction.rename("SPEAKER ONE", "Jane Doe")]
    assert "Jane Doe" in {s.name for s in load(f, corrections=c).speakers}
    assert "Jane Doe" in {s.name for s in parse_bytes(PANEL.encode(), name="panel.txt", corrections=c).speakers}


def test_rename_finds_a_long_label_by_the_short_name_shown():
    text = (
        "Fyodor Lukyanov: Mr President, what about trade?\n\n"
        "President of Russia Vladimir Putin: Trade is fine.\n\n"
        "Fyodor Lukyanov: And Europe?\n\nVladimir Putin: Europe is a partner.\n\n"
        "Fyodor Lukyanov: Thanks?\n\nVladimir Putin: Fine.\n"
    )
    assert "Vladimir Putin" in {s.name for s in parse_text(text).speakers}
    doc = parse_text(text, corrections=[Correction.rename("Vladimir Putin", "V. Putin")])
    assert [t.speaker for t in doc.turns if t.index % 2 == 0] == ["V. Putin"] * 3


def test_json_round_trip_and_key():
    c = (
        Correction.asks("Jane Doe", "Fyodor Lukyanov"), Correction.rename("SPEAKER ONE", "Jane Doe"),
        Correction.merge("Fydor Lukyanov", "Fyodor Lukyanov"), Correction.mark(12, "question", words="Why now?"),
    )
    assert fixes.loads(fixes.dumps(c)) == c
    assert fixes.key(c) != fixes.key(c[:-1]) and fixes.key(()) == ""
    assert fixes.loads(None) == () and fixes.loads("") == ()


@pytest.mark.parametrize(
    "text, says",
    [
        ("not json", "not valid JSON"),
        ('{"kind": "asks"}', "JSON list"),
        ('[{"kind": "delete"}]', "expected an object with a kind"),
        ('[{"kind": "asks", "names": "Jane"}]', "list of speaker labels"),
        ('[{"kind": "asks", "names": []}]', "give 1 to"),
        ('[{"kind": "rename", "label": "A"}]', "must be a speaker label"),
        ('[{"kind": "rename", "label": "A", "to": "   "}]', "cannot be empty"),
        ('[{"kind": "rename", "label": "A", "to": "A"}]', "already called"),
        ('[{"kind": "merge", "label": 5, "to": "A"}]', "must be a speaker label"),
        ('[{"kind": "turn", "turn": 0, "role": "question"}]', "whole number from 1"),
        ('[{"kind": "turn", "turn": true, "role": "question"}]', "whole number from 1"),
        ('[{"kind": "turn", "turn": 3, "role": "verdict"}]', "one of question, answer, other"),
        ('[{"kind": "turn", "turn": 3, "role": "other", "words": 7}]', "'words' must be text"),
        (json.dumps([{"kind": "rename", "label": "A" * 201, "to": "B"}]), "longer than 200"),
        (json.dumps([{"kind": "asks", "names": [f"N{i}" for i in range(51)]}]), "give 1 to 50"),
        (json.dumps([{"kind": "rename", "label": f"A{i}", "to": "B"} for i in range(501)]), "at most 500"),
        ("[" * 100_000 + "]" * 100_000, "not valid JSON"),
        ("x" * 1_000_001, "more than 1,000,000"),
    ],
)
def test_hostile_corrections_raise_a_clear_error(text, says):
    with pytest.raises(DiscourseError, match=None) as e:
        fixes.loads(text)
    assert says in str(e.value)


def test_command_line_specs():
    assert fixes.parse_rename("SPEAKER ONE=Jane Doe") == Correction.rename("SPEAKER ONE", "Jane Doe")
    assert fixes.parse_rename(" Fydor  Lukyanov = Fyodor Lukyanov", kind="merge") == Correction.merge(
        "Fydor Lukyanov", "Fyodor Lukyanov"
    )
    assert fixes.parse_mark("12=question") == (12, "question")
    for bad in ("12", "x=question", "12=verdict"):
        with pytest.raises(DiscourseError, match="N=ROLE"):
            fixes.parse_mark(bad)
    with pytest.raises(DiscourseError, match="OLD=NEW"):
        fixes.parse_rename("Jane Doe")


def test_corrections_are_labels_never_markup():
    c = Correction.rename("SPEAKER ONE", "<script>alert(1)</script>")
    doc = parse_text(PANEL, corrections=[c])
    assert "<script>alert(1)</script>" in {s.name for s in doc.speakers}  # kept as text; pages escape it

"""The Valdai 2017 page end to end: labels, roles, pairs and the golden JSON."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from analysis.transcripts import load

GOLDEN = Path(__file__).resolve().parents[2] / "data" / "golden" / "valdai-2017.json"
pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def doc(valdai_html):
    return load(valdai_html)


def test_metadata(doc):
    assert doc.format == "html"
    assert doc.title == "Meeting of the Valdai International Discussion Club"
    assert doc.date == "2017-10-19"
    assert "55882" in doc.source


def test_roles(doc):
    roles = {s.name: s.role for s in doc.speakers}
    assert roles["Fyodor Lukyanov"] == "moderator"
    assert roles["Vladimir Putin"] == "interviewee"
    assert all(t.role == "answer" for t in doc.turns if t.speaker == "Vladimir Putin")
    # The long labels were shortened to names, and kept in the metadata.
    assert doc.metadata["speaker_labels"]["Vladimir Putin"] == "President of Russia Vladimir Putin"
    assert not any(len(s.name.split()) > 4 for s in doc.speakers)


def test_alike_labels_reported(doc):
    assert any("'Fyodor Lukyanov'" in w and "'Fydor Lukyanov'" in w for w in doc.warnings)


def test_intro_is_not_a_turn(doc):
    assert not any("130 participants" in t.text for t in doc.turns)
    assert any("130 participants" in n.text for n in doc.notes)


@pytest.mark.parametrize(
    "asker, question_contains",
    [
        ("Dmitry Suslov", "nuclear"),
        ("Rein Muellerson", "My question is to President Putin"),
        ("Asle Toje", "where do you see this conflict"),
        ("Huang Jing", "what would you say to him?"),
    ],
)
def test_questions_from_the_floor(doc, asker, question_contains):
    pairs = [p for p in doc.qa_pairs if p.asked_by == asker]
    assert pairs and any(question_contains in p.question for p in pairs)
    assert all("Vladimir Putin" in p.answered_by for p in pairs)


def test_every_putin_turn_is_in_a_pair(doc):
    in_pairs = {a.turn for p in doc.pairs for a in p.answers}
    assert all(t.index in in_pairs for t in doc.turns if t.speaker == "Vladimir Putin")


def test_golden_json(doc):
    got = doc.to_dict()
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    assert got == json.loads(GOLDEN.read_text(encoding="utf-8"))

"""The cache boundary (dashboard/data.py): the Reader's and Workshop's HTML is the unit the report renders,
document measures come from the one shared analysis, and nothing a page reads is measured twice."""

from __future__ import annotations

import html

import pytest

from analysis.document import alignment as alignment_mod
from dashboard import data, sources
from render import highlight

LAYERS = ["markers", "sentiment", "topics"]


@pytest.fixture(scope="module")
def src():
    return sources.default_source()


def test_the_readers_answer_is_the_units_html_with_its_premise_marks(src):
    unit = data.shared(src).unit(7)
    want = highlight.unit_html(
        unit, layers=LAYERS, topic_labels={t.slug: t.label for t in data.dictionary().topics}, families=data.family_labels(),
    )
    assert data.unit_html(src, 7, layers=LAYERS) == want
    assert html.escape(highlight.PREMISE_LABEL, quote=True) in want
    assert html.escape(highlight.PREMISE_LABEL, quote=True) not in data.unit_html(src, 7, layers=["sentiment"])


def test_document_measures_come_from_the_shared_analysis_once(src, monkeypatch):
    calls = []
    measure = alignment_mod.measure
    monkeypatch.setattr(alignment_mod, "measure", lambda a: calls.append(1) or measure(a))
    data._shared.clear()  # a fresh shared analysis, whose alignment is not measured yet
    first = data.alignment(src)
    assert data.alignment_row(src, 7)["premise_challenge"]
    data.sentence_chart(src, 7, None)
    data.unit_html(src, 7, layers=LAYERS, selected=2)
    assert data.alignment(src) is first and calls == [1]
    assert data.framing_html(src, 2) == data.framing_html(src, 2)


def test_an_answer_by_several_candidates_names_each_in_the_reader_and_the_workshop_hides_the_names():
    text = (
        "MODERATOR: Senator, what would you do about the cost of health care in this country?\n\n"
        "SENATOR ROE: I would lower the price of drugs for every family.\n\n"
        "GOVERNOR DOE: That plan costs too much, and I would say so to anyone.\n\n"
        "MODERATOR: Governor, and on schools, what would you do first?\n\n"
        "GOVERNOR DOE: I would pay teachers more.\n"
    )
    src = sources.Source("two-speakers", "two speakers", "two.txt", text.encode())
    doc = data.parse(src)
    assert [a.speaker for a in doc.pairs[0].answers] == ["SENATOR ROE", "GOVERNOR DOE"]
    shown = data.unit_html(src, 1, layers=[])
    assert shown.count("class='who'") == 2
    assert "SENATOR ROE:</span> I would lower" in shown and "GOVERNOR DOE:</span> That plan" in shown
    assert "class='who'" not in data.unit_html(src, 2, layers=[])  # one speaker: the heading names them
    assert "class='who'" not in data.unit_html(src, 1, role="question", layers=[])
    hidden = data.unit_html(src, 1, layers=[], hide={"SENATOR ROE": "Speaker A", "GOVERNOR DOE": "Speaker B"})
    assert "Speaker A:</span>" in hidden and "Speaker B:</span>" in hidden and "ROE" not in hidden

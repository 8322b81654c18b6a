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

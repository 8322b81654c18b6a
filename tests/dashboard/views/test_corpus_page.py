"""The Corpus page under AppTest: the selection and its counts, the analysis asked for above a size, the
tabs bound to the URL, the measures over time, the speakers, two groups and the documents table."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.store import library
from dashboard import corpus_data
from tests.dashboard.test_app import app, assert_clean, shown_text


@pytest.fixture()
def lib(tmp_path, monkeypatch, few_briefings) -> Path:
    path = tmp_path / "lib.sqlite3"
    monkeypatch.setenv("DISCOURSE_LIBRARY", str(path))
    monkeypatch.delenv("DISCOURSE_READ_ONLY", raising=False)
    with library.Library(path) as l:
        for f in few_briefings:
            l.add(f.name, f.read_bytes(), tags=["wh", f.name[:4]])
    return path


def test_the_corpus_of_a_tag_is_analysed_and_counted(lib, few_briefings):
    from analysis.transcripts import load

    at = app("views/corpus.py", **{"c-tag": "wh"})
    assert_clean(at)
    answers = sum(len(load(f).pairs) for f in few_briefings)  # one row per pair, the opening statements too
    assert f"6 documents · {answers:,} answers · " in shown_text(at)
    assert at.selectbox(key="c-measure").value.startswith("Tone")
    assert at.query_params.get("c-tag") == ["wh"] or at.query_params.get("c-tag") == "wh"


def test_a_large_corpus_waits_for_a_click_and_then_keeps_its_analyses(lib, monkeypatch):
    monkeypatch.setattr(corpus_data, "ASK_ABOVE", 1)
    at = app("views/corpus.py", **{"c-tag": "2021"})
    assert_clean(at)
    assert [i.value for i in at.info][0].startswith("2 documents match; 2 of them are not analysed yet")
    assert not at.tabs  # nothing is drawn before the click
    at.button(key="corpus-go").click().run()
    assert_clean(at)
    assert "2 documents · " in shown_text(at)
    with library.Library(lib) as l:
        found = l.search("", tag="2021")[0]
    monkeypatch.setattr(corpus_data.store, "opened", lambda **kw: library.Library(lib, readonly=True))
    assert corpus_data.pending(found) == 0  # stored: the next session reads them back


def test_over_time_by_document_has_a_mark_per_dated_document_and_a_trend(lib):
    at = app("views/corpus.py", **{"c-tag": "wh", "c-by": "document"})
    assert_clean(at)
    fig = at.get("plotly_chart")[0].proto.spec
    assert '"one document (95% interval over answers)"' in fig
    assert "trend (least squares)" in fig
    assert "Trend: " in shown_text(at) and " a year (95% interval " in shown_text(at)


def test_every_tab_renders_from_its_link(lib):
    for view in ("Speakers", "Documents"):
        at = app("views/corpus.py", **{"c-tag": "wh", "c-view": view})
        assert_clean(at)
        table = at.dataframe[0].value
        if view == "Speakers":
            assert "MS. JEAN-PIERRE" in set(table["speaker"]) and table["answers"].is_monotonic_decreasing
        else:
            assert len(table) == 6 and list(table["date"].dt.year) == [2021, 2021, 2022, 2023, 2023, 2023]
    at = app("views/corpus.py", **{"c-tag": "wh", "c-view": "Groups", "g-a": "tag=2021", "g-b": "tag=2023"})
    assert_clean(at)
    tone = at.dataframe[0].value
    assert list(tone["documents"]) == [2, 3]
    at = app("views/corpus.py", **{"c-tag": "wh", "c-view": "Groups", "g-a": "tag=2021", "g-b": "colour=red"})
    assert [e.value for e in at.error] and "is not one of tag, q, from, to, speaker, format" in at.error[0].value

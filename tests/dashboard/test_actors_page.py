"""The Actors page under AppTest: the most mentioned actor first, its sentences on selection."""

from __future__ import annotations

from tests.dashboard.test_app import app, assert_clean


def test_actors_page_lists_russia_first_and_its_sentences():
    at = app("views/actors.py")
    assert_clean(at)
    assert at.selectbox(key="actor").value == "russia"
    lines = at.dataframe[0].value
    assert len(lines) > 0 and lines["text"].str.contains("Russia").all()
    at.selectbox(key="actor").set_value("united_kingdom").run()
    assert_clean(at)
    lines = at.dataframe[0].value
    assert lines["text"].str.contains("Brit").any() and 6 in set(lines["pair"])

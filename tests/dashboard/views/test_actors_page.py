"""The Actors page under AppTest: the most mentioned actor first, its sentences on selection."""

from __future__ import annotations

import re

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


def test_actors_count_and_list_the_same_sentences():
    """The mentions in the chooser, the heading's count and the rows listed are of the same sentences: the
    answers', unless the questions are asked for (issue 12: the count was of answers, the list of both)."""
    at = app("views/actors.py")
    assert_clean(at)
    chooser = at.selectbox(key="actor")
    stated = int(re.search(r"\((\d+) mentions in answers\)", chooser.format_func(chooser.value)).group(1))
    lines = at.dataframe[0].value
    assert set(lines["role"]) == {"answer"}
    assert int(lines["mentions"].sum()) == stated
    heading = next(m.value for m in at.markdown if "select a row" in m.value)
    assert heading.startswith(f"##### {len(lines)} answer sentences mention Russia {stated} times")
    at.toggle(key="actor-questions").set_value(True).run()
    both = at.dataframe[0].value
    assert set(both["role"]) == {"answer", "question"} and len(both) > len(lines)
    heading = next(m.value for m in at.markdown if "select a row" in m.value)
    assert heading.startswith(f"##### {len(both)} answer and question sentences mention Russia {int(both['mentions'].sum())} times")

"""The Compare page in AppTest: default sides, options, a term's lines, another document on a side."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from dashboard import sources

APP = Path(__file__).resolve().parents[3] / "dashboard" / "app.py"



def compare_page() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.switch_page("views/compare.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [h.proto.body for h in at.get("html")]
    return "\n".join(parts)


def test_default_sides_are_the_issue_example():
    at = compare_page()
    assert at.multiselect(key="a-pairs").value == [1, 2, 3]
    assert at.multiselect(key="b-pairs").value == [5, 6]
    assert len(at.get("plotly_chart")) == 3
    text = shown(at)
    assert "pairs 1-3" in text and "pairs 5-6" in text
    typical_a, typical_b = at.dataframe[0].value, at.dataframe[1].value
    assert (typical_a["z"] > 0).all() and (typical_b["z"] < 0).all()
    assert "image" in set(typical_a["term"])  # answers 1-3 are about image and companies
    assert "russophobia" in set(typical_b["term"])  # answers 5-6 about Russophobia and Skripal


def test_term_lines_from_both_sides():
    at = compare_page()
    at.text_input(key="compare-term").set_value("russophob*").run()
    assert not at.exception
    text = shown(at)
    assert "**A**: 0 lines" in text
    lines_b = [d.value for d in at.dataframe if "hit" in d.value.columns]
    assert len(lines_b) == 1 and len(lines_b[0]) >= 8
    assert all(h.lower().startswith("russophob") for h in lines_b[0]["hit"])


def test_bigrams_and_whole_document_sides():
    at = compare_page()
    at.segmented_control(key="cmp-ngrams").set_value("bigrams").run()
    at.selectbox(key="a-kind").set_value("all_answers").run()
    at.selectbox(key="b-kind").set_value("all_questions").run()
    assert not at.exception and not at.error
    terms = at.dataframe[0].value
    assert terms["term"].str.contains(" ").all()


def test_empty_side_is_a_clear_error():
    at = compare_page()
    at.multiselect(key="a-pairs").set_value([]).run()
    assert not at.exception
    assert at.error and "empty" in at.error[0].value


def test_interview_against_the_valdai_transcript(valdai_html):
    """A document on each side: the default interview's answers against the Valdai session's."""
    at = AppTest.from_file(str(APP), default_timeout=120)
    valdai = sources.Source("valdai-2017", "Valdai 2017 (uploaded)", valdai_html.name, valdai_html.read_bytes())
    at.session_state[sources.UPLOADS_KEY] = {valdai.id: valdai}
    at.switch_page("views/compare.py")
    at.run()
    at.selectbox(key="a-kind").set_value("all_answers").run()
    at.selectbox(key="b-doc").set_value("valdai-2017").run()
    at.selectbox(key="b-kind").set_value("all_answers").run()
    assert not at.exception and not at.error, [e.value for e in at.exception]
    typical_a, typical_b = at.dataframe[0].value, at.dataframe[1].value
    assert {"image", "soft"} <= set(typical_a["term"])  # the interview is about soft power and image
    assert (typical_b["count_b"] > typical_b["count_a"]).all()
    at.text_input(key="compare-term").set_value("nuclear").run()
    lines = [d.value for d in at.dataframe if "hit" in d.value.columns]
    assert lines and all(h.lower() == "nuclear" for h in lines[-1]["hit"]) and len(lines[-1]) >= 5


def test_a_new_document_on_a_side_starts_at_its_own_first_answer(valdai_html):
    """The chosen answers belong to a side's document: choosing another document does not carry the old
    numbers over (the key is the same for every document, so that the URL stays short)."""
    at = AppTest.from_file(str(APP), default_timeout=120)
    valdai = sources.Source("valdai-2017", "Valdai 2017 (uploaded)", valdai_html.name, valdai_html.read_bytes())
    at.session_state[sources.UPLOADS_KEY] = {valdai.id: valdai}
    at.switch_page("views/compare.py")
    at.run()
    assert at.multiselect(key="a-pairs").value == [1, 2, 3]
    at.selectbox(key="a-doc").set_value("valdai-2017").run()
    assert not at.exception and not at.error
    assert at.multiselect(key="a-pairs").value == [1]
    at.selectbox(key="a-doc").set_value(sources.DEFAULT_ID).run()
    assert at.multiselect(key="a-pairs").value == [1, 2, 3]


def test_both_sides_start_on_the_document_chosen_in_the_sidebar(valdai_html):
    """A journalist reading their own transcript opens Compare on it, not on the default interview."""
    at = AppTest.from_file(str(APP), default_timeout=120)
    valdai = sources.Source("valdai-2017", "Valdai 2017 (uploaded)", valdai_html.name, valdai_html.read_bytes())
    at.session_state[sources.UPLOADS_KEY] = {valdai.id: valdai}
    at.query_params["doc"] = "valdai-2017"
    at.switch_page("views/compare.py")
    at.run()
    assert not at.exception and not at.error
    assert at.selectbox(key="a-doc").value == at.selectbox(key="b-doc").value == "valdai-2017"
    assert at.multiselect(key="a-pairs").value == [1] and at.multiselect(key="b-pairs").value == [2]

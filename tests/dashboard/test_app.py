"""Every page of the dashboard under Streamlit's AppTest: renders, no errors, the widgets drive the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
PAGES = ["views/reader.py", "views/overview.py", "views/methods.py", "views/upload.py", "views/workshop.py", "views/actors.py", "views/library.py"]
Q4 = "Do you personally believe in soft power"
Q6 = "Do you think that Britain"  # (the apostrophe after it is escaped in the HTML)


def app(page: str | None = None, **query: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    if page:
        at.switch_page(page)
    return at.run()


def shown_text(at: AppTest) -> str:
    """Everything the page shows as Markdown, captions and HTML blocks."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [h.proto.body for h in at.get("html")]
    return "\n".join(parts)


def visible_text(at: AppTest) -> str:
    """The HTML blocks as a reader sees them: tags and styles removed, entities decoded."""
    import html as html_mod
    import re

    bodies = [re.sub(r"<style>.*?</style>", "", h.proto.body, flags=re.S) for h in at.get("html")]
    return "\n".join(html_mod.unescape(re.sub(r"<[^>]+>", "", b)) for b in bodies)


def assert_clean(at: AppTest) -> None:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_error(page):
    at = app(page)
    assert_clean(at)
    assert at.selectbox(key="doc").value == "bezrukov-2018"


def test_reader_lists_the_nine_questions_and_opens_the_first():
    at = app()
    radio = at.radio(key="pair")
    assert radio.options == [str(n) for n in range(1, 10)]
    assert radio.value == "1"
    assert "question 1 of 9" in shown_text(at)
    assert "What type of role do companies" in visible_text(at)


def test_reader_selecting_a_question_shows_its_text():
    at = app()
    at.radio(key="pair").set_value("4").run()
    assert_clean(at)
    text = shown_text(at) + visible_text(at)
    assert Q4 in text and "question 4 of 9" in text
    assert "What type of role do companies" not in text


def test_reader_query_param_opens_that_question():
    at = app(pair="6")
    assert_clean(at)
    assert at.radio(key="pair").value == "6"
    text = shown_text(at) + visible_text(at)
    assert Q6 in text and "question 6 of 9" in text


@pytest.mark.parametrize(
    ("layers", "sentiment_spans", "topic_spans", "numbers", "legend", "marker_spans"),
    [
        (["sentiment", "topics"], True, True, False, True, False),
        (["sentiment"], True, False, False, True, False),
        (["topics"], False, True, False, True, False),
        (["sentiment", "numbers"], True, False, True, True, False),
        (["numbers"], True, False, True, True, False),  # the numbers sit on (coloured) sentiment words
        (["markers"], False, False, False, True, True),
        ([], False, False, False, False, False),  # every layer off: the plain text, no legend
    ],
)
def test_reader_highlight_layers(layers, sentiment_spans, topic_spans, numbers, legend, marker_spans):
    at = app()
    assert at.button_group(key="layers").value == ["sentiment", "topics"]
    at.button_group(key="layers").set_value(layers).run()
    assert_clean(at)
    # The question (first) and the answer are highlighted alike; the answer is the one with "Creating".
    (answer,) = [h.proto.body for h in at.get("html") if 'class="dd-text"' in h.proto.body and "Creating" in h.proto.body]
    assert ('class="a s' in answer or 'class="a t s' in answer) == sentiment_spans
    assert ('class="a t' in answer) == topic_spans
    assert (' m"' in answer or ' m ' in answer) == marker_spans
    assert ("<sup>" in answer) == numbers
    assert any('class="dd-legend"' in h.proto.body for h in at.get("html")) == legend
    assert "Creating" in answer  # the answer's words are there whatever the layers


def test_methods_shows_the_saturation_table():
    at = app("views/methods.py")
    assert_clean(at)
    saturation = at.dataframe[0].value
    assert len(saturation) == 9
    assert {"VADER on the whole answer", "mean of sentences", "gap"} <= set(saturation.columns)
    assert "9** question–answer pairs" in shown_text(at)


@pytest.mark.parametrize(
    ("view", "charts", "tables"),
    [(None, 1, 0), ("Sentiment arc", 1, 0), ("Topics", 1, 0), ("Alignment", 1, 0), ("Markers", 1, 0), ("Table", 0, 1)],
)
def test_overview_builds_only_the_open_tab_and_always_offers_downloads(view, charts, tables):
    at = app("views/overview.py", **({"view": view} if view else {}))
    assert_clean(at)
    assert [t.label for t in at.tabs] == ["Sentiment arc", "Topics", "Alignment", "Markers", "Table"]
    assert len(at.get("plotly_chart")) == charts
    assert len(at.dataframe) == tables
    if tables:
        assert len(at.dataframe[0].value) == 9
    labels = {b.proto.label for b in at.get("download_button")}
    expected = {"Answers (CSV)", "Answers (JSON)", "Sentences (CSV)", "Sentences (JSON)"}
    expected |= {"Arc chart (HTML)", "Heatmap (HTML)", "Report (one HTML file)"}
    assert expected <= labels


def test_upload_waits_for_a_file():
    at = app("views/upload.py")
    assert_clean(at)
    assert len(at.get("file_uploader")) == 1
    assert [b.key for b in at.get("button")] == ["paste-read"]  # nothing to analyse before a file or text

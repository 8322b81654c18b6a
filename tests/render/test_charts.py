"""render.charts: colours follow the sign, every mark carries its number, marks lead to their pair."""

from __future__ import annotations

import math
import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from render import charts

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LABELS = {"topic_economy": "Economy", "topic_image": "Image & reputation"}


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


def _family(colour: str) -> str:
    r, g, b = _rgb(colour)
    if abs(r - b) < 12:
        return "grey"
    return "blue" if b > r else "red"


def answers_frame(sentiments=(0.4, -0.3, 0.0), *, question=SCRIPT, answer=IMG) -> pd.DataFrame:
    rows = []
    for i, s in enumerate(sentiments, start=1):
        rows.append(
            {
                "pair": i,
                "question": f"{question} q{i}" if question is not None else None,
                "answer": f"{answer} a{i} " * 3,
                "sentiment": s, "sentiment_min": s - 0.2, "sentiment_max": s + 0.3, "n_sentences": 3 + i,
                "question_sentiment": 0.1 * i if question is not None else float("nan"),
                "topic_economy": 10.0 * i, "topic_image": 0.0, "topic_economy_count": i, "topic_image_count": 0,
            }
        )
    return pd.DataFrame(rows)


def sentences_frame(values=(0.6, -0.5, 0.0, float("nan"))) -> pd.DataFrame:
    # Deliberately out of reading order: the chart sorts by sentence number.
    rows = [
        {"pair": 3, "sentence": n, "text": f"Sentence {n} says {SCRIPT} & {IMG}", "sentiment": v}
        for n, v in enumerate(values, start=1)
    ]
    return pd.DataFrame(rows[::-1])


# --- colours and numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "family"),
    [(1.0, "blue"), (0.8, "blue"), (0.3, "blue"), (0.0, "grey"), (-0.3, "red"), (-0.8, "red"), (-1.0, "red"),
     (5.0, "blue"), (-5.0, "red"), (float("nan"), "grey")],
)
def test_sentiment_colour_follows_sign(value, family):
    assert _family(charts.sentiment_colour(value)) == family


def test_sentiment_colour_is_monotone_towards_blue():
    values = [-1 + i / 10 for i in range(21)]
    steps = [charts.RDBU.index(charts.sentiment_colour(v)) for v in values]
    assert steps == sorted(steps) and steps[10] == 5  # 0 is the middle (neutral) class
    assert charts.sentiment_colour(-1) == charts.RDBU[0] and charts.sentiment_colour(1) == charts.RDBU[-1]


@pytest.mark.parametrize(
    ("background", "ink"),
    [
        ("#ffffff", "#000000"), ("#f7f7f7", "#000000"), ("#67001f", "#ffffff"), ("#053061", "#ffffff"),
        ("#000000", "#ffffff"),
    ],
)
def test_ink_for(background, ink):
    assert charts.ink_for(background) == ink


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.27, "+0.27"), (-0.271, "-0.27"), (0.0, "0.00"), (-0.004, "0.00"), (0.004, "0.00"), (-0.005, "-0.01"),
        (1.0, "+1.00"), (float("nan"), "n/a"),
    ],
)
def test_number(value, text):
    assert charts.number(value) == text


# --- sentence bars ---------------------------------------------------------------------------------------


def test_sentence_bars_colour_and_number_on_every_bar():
    s = sentences_frame()
    fig = charts.sentence_bars(s)
    (bar,) = fig.data
    ordered = s.sort_values("sentence")
    assert list(bar.y) == ["S1", "S2", "S3", "S4"]
    assert list(bar.text) == [charts.number(v) for v in ordered["sentiment"]] == ["+0.60", "-0.50", "0.00", "n/a"]
    assert [_family(c) for c in bar.marker.color] == ["blue", "red", "grey", "grey"]
    assert bar.textposition == "outside"
    assert [c[0] for c in bar.customdata] == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("selected", "widths"), [(None, [0.5, 0.5, 0.5, 0.5]), (2, [0.5, 3, 0.5, 0.5]), (9, [0.5] * 4)]
)
def test_sentence_bars_outline_the_selected_sentence(selected, widths):
    fig = charts.sentence_bars(sentences_frame(), selected=selected)
    assert list(fig.data[0].marker.line.width) == widths


# --- arc -------------------------------------------------------------------------------------------------


def test_arc_answer_marks_carry_pair_colour_and_number():
    a = answers_frame((0.4, -0.3, 0.0)).iloc[::-1]  # order of rows must not matter
    fig = charts.arc(a)
    answer, question = fig.data
    assert list(answer.x) == [1, 2, 3]
    assert [c[0] for c in answer.customdata] == [1, 2, 3]
    assert list(answer.text) == ["+0.40", "-0.30", "0.00"]
    assert [_family(c) for c in answer.marker.color] == ["blue", "red", "grey"]
    assert "text" in answer.mode and "markers" in answer.mode
    assert [c[0] for c in question.customdata] == [1, 2, 3]
    assert list(answer.error_y.array) == pytest.approx([0.3] * 3)
    assert list(answer.error_y.arrayminus) == pytest.approx([0.2] * 3)


def test_arc_numbers_beside_the_markers_only_while_they_fit():
    few = charts.arc(answers_frame(tuple([0.1] * charts.LABELS_MAX))).data[0]
    many = charts.arc(answers_frame(tuple([0.1] * (charts.LABELS_MAX + 1)))).data[0]
    assert "text" in few.mode and len(few.text) == charts.LABELS_MAX
    assert "text" not in many.mode and many.text is None
    few_axis = charts.arc(answers_frame(tuple([0.1] * charts.LABELS_MAX))).layout.xaxis
    many_axis = charts.arc(answers_frame(tuple([0.1] * (charts.LABELS_MAX + 1)))).layout.xaxis
    assert few_axis.tickmode == "array" and list(few_axis.tickvals) == list(range(1, charts.LABELS_MAX + 1))
    assert many_axis.tickmode == "auto" and many_axis.tickvals is None
    assert "%{y:+.2f}" in many.hovertemplate  # the number is still there, on hover


def test_arc_leaves_out_questions_without_a_score():
    a = answers_frame((0.4, -0.3))
    a.loc[0, "question_sentiment"] = float("nan")
    a.loc[0, "question"] = None
    fig = charts.arc(a)
    assert [c[0] for c in fig.data[1].customdata] == [2]


# --- heatmap ---------------------------------------------------------------------------------------------


def test_heatmap_numbers_in_cells_with_matches_and_a_clickable_mark_per_cell():
    a = answers_frame((0.4, -0.3, 0.0))
    fig = charts.heatmap(a, LABELS)
    heat, marks = fig.data
    assert isinstance(heat, go.Heatmap) and isinstance(marks, go.Scatter)
    # an empty cell shows no "0.0"; its hover still gives the rate and the count
    assert [list(r) for r in heat.text] == [["10.0", ""], ["20.0", ""], ["30.0", ""]]
    assert heat.texttemplate == "%{text}" and heat.zmin == 0
    assert list(heat.y) == ["A1", "A2", "A3"]
    assert len(marks.x) == len(marks.customdata) == 3 * len(LABELS)
    assert list(marks.customdata) == [1, 1, 2, 2, 3, 3]
    assert list(zip(marks.x, marks.y)) == [(x, y) for y in ["A1", "A2", "A3"] for x in LABELS.values()]
    assert marks.text[3] == "Answer 2 · Image & reputation: 0.0 per 1,000 words (0 matches)"
    assert heat.hoverinfo == "skip"


# --- hover text is HTML in Plotly: the user's text is escaped --------------------------------------------


def _hover_payloads(fig: go.Figure) -> list[str]:
    out = []
    for trace in fig.data:
        for c in trace.customdata if trace.customdata is not None else []:
            out.extend(str(v) for v in (c if isinstance(c, (list, tuple)) else [c]))
        if isinstance(getattr(trace, "text", None), (list, tuple)):
            out.extend(str(t) for t in trace.text)
    return out


@pytest.mark.parametrize(
    ("make", "user_text_in_hover"),
    [
        pytest.param(lambda: charts.sentence_bars(sentences_frame()), True, id="sentence_bars"),
        pytest.param(lambda: charts.arc(answers_frame()), True, id="arc"),
        pytest.param(lambda: charts.arc(answers_frame(question=IMG, answer=SCRIPT)), True, id="arc-swapped"),
        pytest.param(lambda: charts.heatmap(answers_frame(), LABELS), False, id="heatmap"),
    ],
)
def test_hover_text_escapes_user_markup(make, user_text_in_hover):
    joined = "\n".join(_hover_payloads(make())).replace("<br>", " ")
    assert joined
    assert "<script" not in joined and "<img" not in joined
    # The only tags were the line breaks the chart adds itself (<br>, replaced above).
    assert not re.findall(r"<[^>]*>", joined)
    if user_text_in_hover:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in joined and "&lt;img src=x onerror=alert(1)&gt;" in joined
        assert not re.search(r"&(?!amp;|lt;|gt;)", joined)  # a bare "&" of the user's is escaped too


@pytest.mark.parametrize(
    ("text", "width", "lines", "expected"),
    [
        ("a & b", 70, 8, "a &amp; b"),
        ("<b>x</b>", 70, 8, "&lt;b&gt;x&lt;/b&gt;"),
        ("one two three four", 8, 8, "one two<br>three<br>four"),
        ("one two three four", 8, 2, "one two<br>three<br>…"),
    ],
)
def test_wrap_escapes_and_breaks(text, width, lines, expected):
    assert charts._wrap(text, width, lines) == expected


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: charts.sentence_bars(sentences_frame()), id="sentence_bars"),
        pytest.param(lambda: charts.arc(answers_frame()), id="arc"),
        pytest.param(lambda: charts.heatmap(answers_frame(), LABELS), id="heatmap"),
    ],
)
def test_figures_serialise_and_have_a_title(make):
    fig = make()
    assert fig.layout.title.text
    assert fig.layout.clickmode == "event+select"
    assert math.isfinite(fig.layout.height) and fig.layout.height >= 260
    fig.to_json()  # plotly validates on serialisation; NaN and text must survive


# --- alignment bars ---------------------------------------------------------------------------------------


def _alignment_frame(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "pair": range(1, n + 1),
            "alignment": [0.1 * (i % 5) for i in range(n)],
            "alignment_others": [0.05] * n,
            "shared_terms": ["<b>sanctions</b>"] + [None] * (n - 1),
            "premise_challenge": [i == 1 for i in range(n)],
        }
    )


def test_alignment_bars_pair_per_bar_premise_flag_and_labels_while_they_fit():
    own, others = charts.alignment_bars(_alignment_frame(4)).data
    assert list(own.x) == ["A1", "A2", "A3", "A4"] == list(others.x)
    assert [c[0] for c in own.customdata] == [1, 2, 3, 4]
    assert own.customdata[0][1] == "&lt;b&gt;sanctions&lt;/b&gt;" and own.customdata[1][1] == "none"
    assert list(own.text) == ["0.00", "0.10", "0.20", "0.30"]
    fig = charts.alignment_bars(_alignment_frame(4))
    assert [a.x for a in fig.layout.annotations] == ["A2"]  # the answer that challenges its premise
    many = charts.alignment_bars(_alignment_frame(charts.LABELS_MAX + 1)).data[0]
    assert many.text is None and len(many.x) == charts.LABELS_MAX + 1


# --- room for the labels, whatever the template ----------------------------------------------------------


def _profile_frame() -> pd.DataFrame:
    return pd.DataFrame({"label": ["Economy", "Image & reputation"], "rate_a": [12.0, 3.0], "rate_b": [2.0, 9.0],
                         "difference": [10.0, -6.0], "low": [4.0, -11.0], "high": [15.0, -1.0]})


def _terms_frame(n: int = 40) -> pd.DataFrame:
    return pd.DataFrame({"term": [f"term{i}" for i in range(n)], "count_a": [1 + i % 7 for i in range(n)],
                         "count_b": [1 + (i * 3) % 5 for i in range(n)], "z": [(i - n / 2) / 5 for i in range(n)],
                         "rate_a": [1.0] * n, "rate_b": [2.0] * n})


def _actors_frame() -> pd.DataFrame:
    return pd.DataFrame({"actor": ["russia", "nato"], "label": ["Russia", "NATO"], "mentions": [4, 2], "sentences": [4, 2],
                         "answers": [2, 1], "sentiment": [-0.2, 0.3], "sentiment_min": [-0.6, 0.1], "sentiment_max": [0.4, 0.5]})


ALL_CHARTS = [
    pytest.param(lambda: charts.sentence_bars(sentences_frame()), id="sentence_bars"),
    pytest.param(lambda: charts.sentence_bars(
        sentences_frame(), alignment=pd.DataFrame({"sentence": [1, 2, 3, 4], "alignment": [0.1, 0.0, 0.3, 0.2],
                                                   "shared_terms": ["a", None, "b", "c"]})), id="sentence_bars-alignment"),
    pytest.param(lambda: charts.arc(answers_frame()), id="arc"),
    pytest.param(lambda: charts.heatmap(answers_frame(), LABELS), id="heatmap"),
    pytest.param(lambda: charts.sentiment_boxes(sentences_frame(), sentences_frame(), label_a="A", label_b="B"), id="boxes"),
    pytest.param(lambda: charts.topic_difference(_profile_frame(), label_a="A", label_b="B"), id="topic_difference"),
    pytest.param(lambda: charts.term_plot(_terms_frame(), label_a="A", label_b="B"), id="term_plot"),
    pytest.param(lambda: charts.actor_dots(_actors_frame()), id="actor_dots"),
    pytest.param(lambda: charts.alignment_bars(_alignment_frame(5)), id="alignment_bars"),
]


@pytest.mark.parametrize("make", ALL_CHARTS)
def test_every_axis_makes_room_for_its_labels_in_the_figure_itself(make):
    # Streamlit's template (Plotly's default once streamlit is imported) has no automargin: the room for
    # tick labels and axis titles must be in the figure, not left to the template.
    fig = make()
    axes = [*fig.select_xaxes(), *fig.select_yaxes()]
    assert axes
    for axis in axes:
        assert axis.automargin is True
        assert axis.title.standoff == charts.AXIS_TITLE_STANDOFF


# --- the Compare page's charts ---------------------------------------------------------------------------


def test_term_plot_labels_terms_only_where_their_labels_do_not_overlap():
    crowd = pd.DataFrame({"term": [f"crowded{i}" for i in range(10)] + ["a-long-label-alone"], "count_a": [6] * 10 + [1],
                          "count_b": [0] * 10 + [30], "z": [2.5] * 10 + [-2.5], "rate_a": [1.0] * 11, "rate_b": [1.0] * 11})
    fig = charts.term_plot(crowd, label_a="A", label_b="B", top=11)
    (trace,) = fig.data
    shown = [t for t in trace.text if t]
    assert "a-long-label-alone" in shown
    assert 1 <= len([t for t in shown if t.startswith("crowded")]) <= 2  # one above the point, one below
    assert [c[0] for c in trace.customdata] == list(crowd["term"])  # every term keeps its hover
    assert trace.cliponaxis is False
    positions = dict(zip(trace.text, trace.textposition))
    assert positions["a-long-label-alone"].endswith("left")  # the rightmost point's label is drawn inwards
    # The axes leave room around the points for their labels.
    assert fig.layout.xaxis.range[0] < math.log10(6) and fig.layout.xaxis.range[1] > math.log10(30)
    assert fig.layout.yaxis.range[1] > 2.5 + 0.3 and fig.layout.yaxis.range[0] < -2.5


def test_term_plot_always_labels_the_highlighted_term():
    fig = charts.term_plot(_terms_frame(), label_a="A", label_b="B", highlight="term20")
    assert "term20" in fig.data[0].text


def test_topic_difference_labels_wrap_and_keep_their_rates():
    fig = charts.topic_difference(pd.DataFrame({
        "label": ["People-to-people and public engagement", "Law"], "rate_a": [21.1, 0.0], "rate_b": [1.1, 19.2],
        "difference": [20.0, -19.2], "low": [10.0, -30.0], "high": [30.0, -8.0]}), label_a="A", label_b="B")
    labels = list(fig.data[0].y)
    assert all(max(len(re.sub("<[^>]+>", "", line)) for line in lab.split("<br>")) <= 28 for lab in labels)
    assert "21.1 vs 1.1" in labels[1] and "0.0 vs 19.2" in labels[0]
    assert "<br>" in fig.layout.xaxis.title.text and fig.layout.xaxis.nticks == 6


@pytest.mark.parametrize("make", ALL_CHARTS)
def test_the_title_sits_below_the_toolbar_band(make):
    fig = make()
    lines = 1 + fig.layout.title.text.count("<br>")
    t = fig.layout.title
    # its first line's bottom a toolbar's band and a line below the figure's top
    assert t.yref == "container" and t.yanchor == "bottom" and t.automargin is False
    assert (1 - t.y) * fig.layout.height == pytest.approx(charts.MODEBAR_ROOM + charts.TITLE_LINE)
    assert fig.layout.margin.t >= charts.MODEBAR_ROOM + charts.TITLE_LINE * lines  # the plot below the title


# --- a long heatmap ----------------------------------------------------------------------------------------


def test_heatmap_names_its_columns_on_top_and_at_the_bottom_of_a_long_one():
    short = charts.heatmap(answers_frame((0.1,) * 9), LABELS)
    assert short.layout.xaxis.side == "top" and "xaxis2" not in short.to_dict()["layout"]
    long_ = charts.heatmap(answers_frame((0.1,) * 116), LABELS)
    heat, marks = long_.data
    assert long_.layout.xaxis.side == "top"
    assert long_.layout.xaxis2.side == "bottom" and long_.layout.xaxis2.overlaying == "x" and marks.xaxis == "x2"
    assert list(long_.layout.yaxis.tickvals) == [f"A{i}" for i in range(1, 117)]  # every answer labelled
    assert list(long_.layout.yaxis.range) == [115.5, -0.5]  # no padding rows
    # Rows of HEATMAP_ROW px: the figure is the rows plus the title and the two rows of names.
    room = charts._slanted_label_room(list(LABELS.values()))
    assert long_.layout.height == pytest.approx(
        116 * charts.HEATMAP_ROW + long_.layout.margin.t + room, abs=1)
    assert 18 <= charts.HEATMAP_ROW <= 24
    assert heat.colorbar.lenmode == "pixels" and heat.colorbar.y == 1 and heat.colorbar.yanchor == "top"


def test_every_number_badge_reaches_4_5_to_1():
    """The Reader's and the report's number badges (ui.swatch) use the same WCAG ink rule as the
    highlighted words: white on #4393c3 (3.4:1) and on #d6604d (3.7:1) used to fail."""
    import re

    from render import badges, charts

    values = [i / 20 for i in range(-20, 21)] + [float("nan")]
    for value in values:
        bg, ink = re.search(r"background:(#[0-9a-f]{6});color:(#[0-9a-f]{6})", badges.swatch(value)).groups()
        assert charts.contrast(bg, ink) >= charts.MIN_CONTRAST, (value, bg, ink, charts.contrast(bg, ink))


def test_corpus_over_time_marks_carry_their_document_and_period_and_the_trend_has_its_band():
    import numpy as np

    points = pd.DataFrame({
        "period": pd.to_datetime(["2021-01-01", "2021-04-01", "2021-07-01"]), "doc_ids": [["a"], ["b", "c"], ["d"]],
        "n_documents": [1, 2, 1], "n": [10, 20, 5], "value": [-0.2, 0.3, np.nan], "low": [-0.3, 0.1, np.nan],
        "high": [-0.1, 0.5, np.nan],
    })
    line = pd.DataFrame({"period": points["period"][:2], "fit": [-0.2, 0.3], "low": [-0.4, 0.1], "high": [0.0, 0.5]})
    fig = charts.corpus_over_time(points, {"line": line}, label="Tone", unit="compound", tone=True, by="quarter")
    band, fit, marks = fig.data
    assert band.fill == "toself" and list(fit.y) == [-0.2, 0.3]
    assert [tuple(c) for c in marks.customdata] == [("a", 1, "2021 Q1", -0.2, 10), ("b", 2, "2021 Q2", 0.3, 20)]
    assert list(marks.text) == ["-0.20", "+0.30"]  # the number beside the colour
    assert list(marks.error_y.array) == pytest.approx([0.1, 0.2]) and list(marks.error_y.arrayminus) == pytest.approx([0.1, 0.2])
    assert marks.marker.color[0] != marks.marker.color[1]  # coloured by sign
    rate = charts.corpus_over_time(points, {"line": line.iloc[0:0]}, label="Economy", unit="per 1,000 answer words", tone=False, by="document")
    assert len(rate.data) == 1 and rate.data[0].marker.color == charts.POINT_COLOUR and list(rate.data[0].text) == ["-0.2", "0.3"]


def test_two_speakers_profiles_show_each_rate_with_its_number_and_leave_out_empty_rows():
    a = pd.Series({"speaker": "MS. <b>PSAKI</b>", "tone": 0.12, "tone_low": 0.1, "tone_high": 0.14, "topic_economy": 4.0, "topic_war": 0.0, "marker_hedges": 1.5})
    b = pd.Series({"speaker": "MR. PRICE", "tone": -0.05, "tone_low": -0.08, "tone_high": -0.02, "topic_economy": 2.0, "topic_war": 0.0, "marker_hedges": 3.0})
    labels = {"topic_economy": "Economy", "topic_war": "War", "marker_hedges": "Hedges"}
    fig = charts.speaker_profiles(a, b, labels)
    first, second = fig.data
    assert list(first.y) == ["Economy", "Hedges"] and list(first.text) == ["4.0", "1.5"] and list(second.text) == ["2.0", "3.0"]
    assert "&lt;b&gt;PSAKI" in first.name and "<b>PSAKI" not in fig.layout.title.text
    assert "+0.12 (+0.10 to +0.14)" in fig.layout.title.text

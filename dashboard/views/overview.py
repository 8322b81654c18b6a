"""Overview: the arc of the whole interview, answers x topics, alignment, markers and every measure.

One view at a time, in tabs bound to the URL (``/overview?view=Topics``): only the open tab's chart is
built and drawn. A press briefing has 60-100 answers, and its four charts and table together took
about twice as long to draw as a page with one chart (benchmarks/library_speed.py); one tab draws in
about the time of one chart, and a copied link reopens the same tab.
"""

from __future__ import annotations

import json

import streamlit as st

from dashboard import data, navigate, ui
from render import charts

VIEWS = ["Sentiment arc", "Topics", "Alignment", "Markers", "Table"]

src, _, result = ui.current_document()
answers = result.answers
labels = data.topic_labels()
marker_labels = {f.column: f.label for f in data.markers().families}


def _open(pair: int) -> None:
    """Open an answer of this document in the Reader."""
    navigate.open_reader(doc=src.id, pair=int(pair))


def _chart(fig, name: str) -> None:
    """Draw a figure whose points carry their pair as customdata[0]; a click opens that answer."""
    event = ui.chart(fig, key=f"{name}-{src.id}", select=True)
    if (hit := ui.selected_customdata(event)) is not None:
        _open(hit[0])


st.markdown(f"#### {ui.md_escape(src.label)}")
st.caption(
    "Sentiment is VADER's compound per sentence, averaged over each answer; the bar shows the range from "
    "the most negative to the most positive sentence. Topics and markers are dictionary matches per 1,000 "
    "words. Click a point, bar, cell or row to read that answer."
)

arc_tab, topic_tab, align_tab, marker_tab, table_tab = st.tabs(
    VIEWS, key="view", on_change="rerun", bind="query-params"
)
if arc_tab.open:
    with arc_tab:
        _chart(charts.arc(answers), "arc")
if topic_tab.open:
    with topic_tab:
        _chart(charts.heatmap(answers, labels), "heat")
if align_tab.open:
    with align_tab:
        _chart(charts.alignment_bars(data.alignment(src).answers), "alignment")
if marker_tab.open:
    with marker_tab:
        _chart(
            charts.heatmap(answers, marker_labels, what="Discourse markers (cues for discussion)", scale="Oranges"),
            "markers",
        )
if table_tab.open:
    with table_tab:
        st.markdown("##### Every measure, one row per answer (select a row to read it)")
        table_cols = [
            "pair", "speaker", "n_words", "n_sentences", "sentiment", "sentiment_min", "sentiment_max",
            "sentiment_std", "share_positive", "share_neutral", "share_negative", "coverage", *labels,
            *marker_labels, "question_sentiment",
        ]
        table = answers[table_cols].rename(columns={**labels, **{c: f"marker: {v}" for c, v in marker_labels.items()}})
        floats = [c for c in table.columns if table[c].dtype.kind == "f"]
        table[floats] = table[floats].round(2) + 0.0  # + 0.0 turns -0.0 into 0.0, so no "-0.00" is shown
        picked = st.dataframe(
            table, hide_index=True, key=f"table-{src.id}", on_select="rerun", selection_mode="single-row",
            column_config={c: st.column_config.NumberColumn(format="%.2f") for c in floats},
        )
        if picked and picked.selection.rows:
            _open(answers.iloc[picked.selection.rows[0]]["pair"])

st.markdown("##### Downloads")
c1, c2, c3, c4 = st.columns(4)
c1.download_button("Answers (CSV)", lambda: answers.to_csv(index=False), file_name=f"{src.id}-answers.csv", mime="text/csv", key="dl-answers-csv")
c2.download_button(
    "Answers (JSON)",
    lambda: json.dumps({"settings": result.settings, "answers": json.loads(answers.to_json(orient="records"))}, ensure_ascii=False, indent=1),
    file_name=f"{src.id}-answers.json", mime="application/json", key="dl-answers-json",
)
c3.download_button("Sentences (CSV)", lambda: result.sentences.to_csv(index=False), file_name=f"{src.id}-sentences.csv", mime="text/csv", key="dl-sentences-csv")
c4.download_button(
    "Sentences (JSON)", lambda: result.sentences.to_json(orient="records", force_ascii=False),
    file_name=f"{src.id}-sentences.json", mime="application/json", key="dl-sentences-json",
)
c1.download_button(
    "Arc chart (HTML)", lambda: ui.standalone_html(charts.arc(answers)), file_name=f"{src.id}-arc.html",
    mime="text/html", key="dl-arc-html",
)
c2.download_button(
    "Heatmap (HTML)", lambda: ui.standalone_html(charts.heatmap(answers, labels)), file_name=f"{src.id}-topics.html",
    mime="text/html", key="dl-heat-html",
)
c3.download_button(
    "Report (one HTML file)", lambda: data.report_html(src), file_name=f"{src.id}-report.html", mime="text/html",
    key="dl-report", help="The transcript with highlights, every chart, a methods appendix and the settings; opens with no network.",
)
st.caption("Each chart's camera button (top right of the chart) saves it as a PNG.")

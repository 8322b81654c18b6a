"""Corpus: many library documents at once: a measure over time, speakers across documents, two groups of
documents against each other, and every document's measures.

The selection (text, tag, speaker, dates) and the open tab are bound to the URL, as on the Library page
(``/corpus?c-tag=wh-briefing&c-from=2021-01-01&c-view=Speakers``); only the open tab is built. Every mark
and row leads to the words behind it: a point opens its document in the Reader, a concordance line its
answer.
"""

from __future__ import annotations

import functools
from datetime import date

import streamlit as st

from analysis import corpus as corpus_mod
from analysis.errors import DiscourseError
from dashboard import corpus_data, navigate, store, ui
from render import charts

KEEP = {"bind": "query-params", "persist_state": "session"}
EARLIEST, LATEST = date(1800, 1, 1), date(2100, 12, 31)
VIEWS = ["Over time", "Speakers", "Groups", "Documents"]
BY = {"document": "document", "week": "week", "month": "month", "quarter": "quarter"}
STARTED_KEY = "corpus-start"  # the fingerprint the user asked to analyse (a large corpus waits for a click)
STOPPED_KEY = "corpus-stopped"  # (fingerprint, done, total) of a run the user cancelled


def _open(doc_id: str, pair: int | None = None) -> None:
    """Open a document (at an answer) in the Reader; reruns at once."""
    navigate.open_reader(doc=doc_id, pair=pair)


def _readable(table, digits: int):
    """A table as shown: rate columns under their labels, floats rounded (+ 0.0 turns -0.0 into 0.0);
    also its float columns and the labels used."""
    labels = corpus_data.rate_labels(table.columns)
    shown = table.rename(columns=labels)
    floats = [c for c in shown.columns if shown[c].dtype.kind == "f"]
    shown[floats] = shown[floats].round(digits) + 0.0
    return shown, floats, labels


def _open_line(key: str, lines) -> None:
    """Concordance-row callback: open that line's answer in the Reader."""
    state = st.session_state.get(key)
    if state and state.selection.rows:
        line = lines.iloc[state.selection.rows[0]]
        navigate.open_reader(doc=str(line["doc_id"]), pair=int(line["pair"]), rerun=False)


def _show_groups(result) -> None:
    """Two groups compared: answer tone, topic and marker rates, distinctive terms, a term in context."""
    tone = result.tone
    st.html(
        f"<div style='font-size:1rem'><span style='color:{charts.SIDE_A};font-weight:700'>A</span>: "
        f"{int(tone['documents'][0]):,} documents, {int(tone['answers'][0]):,} answers &nbsp;&nbsp; "
        f"<span style='color:{charts.SIDE_B};font-weight:700'>B</span>: {int(tone['documents'][1]):,} documents, "
        f"{int(tone['answers'][1]):,} answers</div>"
    )
    shown = tone[["label", "documents", "answers", "sentences", "tone", "low", "high", "share_negative"]]
    st.dataframe(shown.round(3), hide_index=True, column_config={"label": "side", "low": "tone: 95% low",
                 "high": "tone: 95% high", "share_negative": st.column_config.NumberColumn("negative sentences", format="percent")})
    ui.chart(charts.topic_difference(result.topics, label_a="A", label_b="B"), key="g-topics")
    st.caption("Rates per 1,000 answer words; intervals: 95% percentile bootstrap over answers. Tone: t-interval over answers.")
    terms = result.terms()
    if len(terms):
        st.markdown("#### Distinctive terms")
        st.caption("Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), as on the Compare page.")
        ui.chart(charts.term_plot(terms, label_a="A", label_b="B"), key="g-terms")
    term = st.text_input("Term or phrase in context (a trailing * is a wildcard)", key="g-term", **KEEP,
                         placeholder="e.g. ukraine, inflation, border")
    if term.strip():
        for name, side in (("A", "a"), ("B", "b")):
            lines = result.kwic(side, term.strip(), width=70)
            st.markdown(f"**{name}**: {len(lines):,} lines (select a line to open its answer in the Reader)")
            if len(lines):
                k = f"g-kwic-{side}"
                st.dataframe(
                    lines[["doc_id", "pair", "speaker", "left", "hit", "right"]], hide_index=True, key=k,
                    on_select=functools.partial(_open_line, k, lines), selection_mode="single-row",
                    column_config={"left": st.column_config.TextColumn(width="large"),
                                   "right": st.column_config.TextColumn(width="large")},
                )


st.markdown("## Corpus")
st.caption(
    "Many documents of the library at once. Choose them below (every filter left empty: the whole library); "
    "documents not analysed yet are analysed once and kept. Tone is VADER's compound per sentence; topics, "
    "markers and actors are matches per 1,000 answer words. Intervals are 95% over answers."
)

try:
    all_tags, all_speakers, dated = store.choices()
except DiscourseError as e:
    st.error(ui.md_escape(str(e)))
    st.stop()
# Two rows, as on the Library page: what to find, then when (a date field narrower than this cuts its "yyyy-mm-dd").
text_col, tag_col, speaker_col = st.columns([3, 2, 3])
from_col, to_col, _ = st.columns([2, 2, 4])
query = text_col.text_input("Search (id, name, title or tag)", key="c-q", **KEEP)
tag = tag_col.selectbox("Tag", [None] + [t for t, _ in all_tags], format_func=lambda t: "any tag" if t is None else t,
                        key="c-tag", **KEEP)
speaker = speaker_col.selectbox("Speaker", [None] + [n for n, _ in all_speakers], key="c-speaker",
                                format_func=lambda n: "any speaker" if n is None else n, disabled=not dated, **KEEP)
date_from = from_col.date_input("From", value=None, min_value=EARLIEST, max_value=LATEST, format="YYYY-MM-DD",
                                key="c-from", disabled=not dated, **KEEP)
date_to = to_col.date_input("To", value=None, min_value=EARLIEST, max_value=LATEST, format="YYYY-MM-DD",
                            key="c-to", disabled=not dated, **KEEP)
try:
    selection = corpus_mod.Selection(tag=tag, query=query.strip(), date_from=date_from, date_to=date_to, speaker=speaker)
    found = corpus_data.records(selection)
except DiscourseError as e:
    st.error(ui.md_escape(str(e)))
    st.stop()
if not found:
    st.info("No document of the library matches these filters.")
    st.stop()

key = corpus_data.fingerprint(found)
todo = corpus_data.pending(found)
stopped = st.session_state.get(STOPPED_KEY)
if todo and (stopped is not None and stopped[0] == key or (todo > corpus_data.ASK_ABOVE and st.session_state.get(STARTED_KEY) != key)):
    if stopped is not None and stopped[0] == key:
        st.warning(f"Stopped after {stopped[1]:,} of {stopped[2]:,} documents; the analysed ones are kept.")
    st.info(
        f"{len(found):,} documents match; {todo:,} of them are not analysed yet (about {todo * 0.1:.0f} s on this "
        "machine). They are analysed once and kept in the library."
    )
    if st.button(f"Analyse {todo:,} documents", type="primary", key="corpus-go"):
        st.session_state[STARTED_KEY] = key
        st.session_state.pop(STOPPED_KEY, None)
        st.rerun()
    st.stop()

bar = st.progress(0.0, text=f"Reading {len(found):,} documents…") if todo else None
stop_box = st.empty()
if bar is not None:
    # A click on Stop ends this run at once (Streamlit stops a script when a widget changes); what was
    # analysed is kept (the batch stores its results as it goes), and the next run says how far it got.
    stop_box.button("Stop", key="corpus-stop", on_click=lambda: st.session_state.__setitem__(
        STOPPED_KEY, (key, *st.session_state.get("corpus-progress", (0, len(found))))))


def _progress(done: int, total: int) -> None:
    st.session_state["corpus-progress"] = (done, total)
    if bar is not None:
        bar.progress(done / total if total else 1.0, text=f"Analysing: {done:,} of {total:,} documents")


try:
    corpus = corpus_data.load(found, progress=_progress)
except DiscourseError as e:
    st.error(ui.md_escape(str(e)))
    st.stop()
if bar is not None:
    bar.empty()
    stop_box.empty()
st.session_state.pop(STOPPED_KEY, None)

n_undated = len(corpus.undated)
st.caption(
    f"{len(corpus):,} documents · {len(corpus.answers):,} answers · {int(corpus.answers['n_words'].sum()):,} answer words"
    + (f" · {n_undated:,} without a date (left out over time)" if n_undated else "")
    + (f" · {len(corpus.failures):,} could not be analysed" if corpus.failures else "")
)

over_tab, speakers_tab, groups_tab, docs_tab = st.tabs(VIEWS, key="c-view", on_change="rerun", bind="query-params")

if over_tab.open:
    with over_tab:
        measures = corpus_data.measures(corpus)
        labels = {m.label: m for m in measures}
        m_col, by_col = st.columns([3, 2])
        # Options are the labels (a widget bound to the URL writes the displayed text there).
        chosen = m_col.selectbox("Measure", list(labels), key="c-measure", **KEEP)
        by = by_col.segmented_control("One mark per", list(BY), default="month", key="c-by", **KEEP) or "month"
        measure = labels[chosen]
        points = corpus_data.over_time(corpus, measure.key, by)
        trend = corpus_mod.trend(points)
        tone = measure.key == "tone" or measure.key.startswith("actor_tone:")
        event = ui.chart(
            charts.corpus_over_time(points, trend, label=measure.label, unit=measure.unit, tone=tone, by=by),
            key=f"c-time-{measure.key}-{by}", select=True,
        )
        slope = trend["slope"]
        if trend["n_points"] >= 3 and slope == slope:
            per = "" if tone else " per 1,000 words"
            st.caption(
                f"Trend: {slope:+.3f}{per} a year (95% interval {trend['low']:+.3f} to {trend['high']:+.3f}), a "
                f"least-squares line through the {trend['n_points']:,} marks, each weighing the same. A trend says "
                "nothing about why; read the documents at its ends."
            )
        if (hit := ui.selected_customdata(event)) is not None:
            first, n_docs, when = str(hit[0]), int(hit[1]), str(hit[2])
            if n_docs == 1:
                _open(first)
            row = points[[first == ids[0] for ids in points["doc_ids"]]]
            ids = row["doc_ids"].iloc[0] if len(row) else [first]
            st.markdown(f"##### {ui.md_escape(when)}: {n_docs:,} documents (select one to read it)")  # (from the click)
            table = corpus.documents.set_index("id").loc[ids, ["date", "title", "name", "answers", "tone"]].reset_index()
            picked = st.dataframe(table, hide_index=True, key=f"c-period-{when}", on_select="rerun", selection_mode="single-row")
            if picked and picked.selection.rows:
                _open(str(table.iloc[picked.selection.rows[0]]["id"]))

if speakers_tab.open:
    with speakers_tab:
        table = corpus_data.speakers(corpus)
        st.markdown("##### Every answering speaker (select two rows to compare them)")
        shown, floats, rate_labels = _readable(table, 2)
        # Eight rows high, so that the two speakers' chart below shows with the table at 1280x720.
        picked = st.dataframe(
            shown, hide_index=True, key="c-speakers", on_select="rerun", selection_mode="multi-row", height=320,
            column_config={"tone_low": st.column_config.NumberColumn("tone: 95% low", format="%.2f"),
                           "tone_high": st.column_config.NumberColumn("tone: 95% high", format="%.2f"),
                           **{c: st.column_config.NumberColumn(format="%.2f") for c in floats if not c.startswith("tone_")}},
        )
        rows = picked.selection.rows if picked else []
        if len(rows) == 2:
            a, b = table.iloc[rows[0]], table.iloc[rows[1]]
            ui.chart(charts.speaker_profiles(a, b, rate_labels), key="c-speaker-pair")
        elif rows:
            st.caption("Select a second speaker to compare the two.")

if groups_tab.open:
    with groups_tab:
        st.caption(
            "Two groups of this corpus's documents, each written as filters: tag=, from=, to=, speaker=, q= "
            "(e.g. from=2021-01-01,to=2021-12-31). Compared as on the Compare page, over their answers."
        )
        ga, gb = st.columns(2)
        spec_a = ga.text_input("Group A", key="g-a", placeholder="from=2021-01-01,to=2021-12-31", **KEEP)
        spec_b = gb.text_input("Group B", key="g-b", placeholder="from=2023-01-01,to=2023-12-31", **KEEP)
        if spec_a.strip() and spec_b.strip():
            try:
                result = corpus_data.groups(corpus, spec_a, spec_b)
            except DiscourseError as e:
                st.error(ui.md_escape(str(e)))
            else:
                _show_groups(result)
        else:
            st.info("Write both groups to compare them.")

if docs_tab.open:
    with docs_tab:
        table = corpus_data.documents(corpus)
        st.markdown("##### Every document and its measures (sort by a column; select a row to read the document)")
        shown, floats, rate_labels = _readable(table, 3)
        # The measures first, after the id and date (the grid draws the columns in view: at 1280 px the long
        # name pushed every measure out of sight); the name, title and tags at the end.
        first = ["id", "date", "answers", "answer_words", "tone", "share_negative", *rate_labels.values()]
        order = [c for c in first if c in shown.columns] + [c for c in shown.columns if c not in first]
        picked = st.dataframe(
            shown, hide_index=True, key="c-documents", on_select="rerun", selection_mode="single-row",
            column_order=order,
            column_config={"id": st.column_config.TextColumn(width=200),
                           "date": st.column_config.DateColumn(format="YYYY-MM-DD"),
                           "share_negative": st.column_config.NumberColumn("negative sentences", format="percent"),
                           **{c: st.column_config.NumberColumn(format="%.2f") for c in floats if c != "share_negative"}},
        )
        d1, d2 = st.columns(2)
        d1.download_button("Documents (CSV)", functools.partial(corpus_data.csv_bytes, table), file_name="corpus-documents.csv",
                           mime="text/csv", key="c-dl-csv")
        d2.download_button("Documents (Parquet)", functools.partial(corpus_data.parquet_bytes, table),
                           file_name="corpus-documents.parquet", mime="application/octet-stream", key="c-dl-parquet")
        if picked and picked.selection.rows:
            _open(str(table.iloc[picked.selection.rows[0]]["id"]))

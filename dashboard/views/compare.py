"""Compare: two sides (answers, groups of answers, documents) side by side, their distinctive terms
and those terms in context."""

from __future__ import annotations

import functools

import streamlit as st

from analysis.errors import DiscourseError
from dashboard import data, navigate, sources, ui
from render import charts

KINDS = {
    "pairs": "chosen answers",
    "all_answers": "all answers",
    "all_questions": "all questions",
    "speaker": "one speaker's answers",
    "topic_above": "answers above a topic's median rate",
    "topic_below": "answers at or below a topic's median rate",
}
# The default comparison on the default interview: image and companies (answers 1-3) against
# Russophobia and the Skripal case (answers 5-6).
DEFAULT_PAIRS = {"a": [1, 2, 3], "b": [5, 6]}
TERM_KEY = "compare-term"


# Every choice is bound to the URL (a comparison is a shareable link: /compare?a-pairs=1&a-pairs=2&...)
# and kept for the session, so a visit to another page does not reset it.
KEEP = {"bind": "query-params", "persist_state": "session"}


def _new_document(name: str) -> None:
    """A side's document changed: its answers and speaker were the old document's."""
    for field in ("pairs", "speaker"):
        st.session_state.pop(f"{name}-{field}", None)


def picker(name: str) -> data.SideSpec:
    """The widgets of one side; returns its spec."""
    available = sources.sources()
    # Options are ids with no format_func: a widget bound to the URL writes its displayed text there.
    # Both sides start on the document chosen in the sidebar (a link or an earlier choice wins).
    current = sources.current().id
    doc_id = st.selectbox(f"Side {name.upper()}: document", list(available), key=f"{name}-doc",
                          index=list(available).index(current) if current in available else 0,
                          on_change=_new_document, args=(name,), **KEEP)
    src = available[doc_id]
    st.caption(ui.md_escape(src.label))
    kind = st.selectbox("which text", list(KINDS), format_func=KINDS.get, key=f"{name}-kind", **KEEP)
    doc = data.parse(src)
    if kind == "pairs":
        numbers = [p.pair for p in doc.pairs]
        first = {"a": numbers[:1], "b": numbers[1:2]}[name]  # another document: its first two answers
        default = [n for n in DEFAULT_PAIRS[name] if n in numbers] if src.id == sources.DEFAULT_ID else first
        chosen = st.multiselect("answers", numbers, default=default, key=f"{name}-pairs", **KEEP)
        return data.SideSpec(doc_id, kind, pairs=tuple(chosen))
    if kind == "speaker":
        names = [s.name for s in doc.speakers if s.role in ("interviewee", "other")] or [s.name for s in doc.speakers]
        return data.SideSpec(doc_id, kind, speaker=st.selectbox("speaker", names, key=f"{name}-speaker", **KEEP))
    if kind in ("topic_above", "topic_below"):
        labels = {t.slug: t.label for t in data.dictionary().topics}
        topic = st.selectbox("topic", list(labels), format_func=labels.get, key=f"{name}-topic", **KEEP)
        return data.SideSpec(doc_id, kind, topic=topic)
    return data.SideSpec(doc_id, kind)


def _term_from_chart() -> None:
    """Plot-click callback: the clicked term becomes the searched term (runs before the rerun)."""
    hit = ui.selected_customdata(st.session_state.get("term-plot"))
    if hit:
        st.session_state[TERM_KEY] = str(hit[0])


def _open_line(key: str, lines) -> None:
    """Concordance-row callback: open that line's answer in the Reader."""
    state = st.session_state.get(key)
    rows = state.selection.rows if state else []
    if rows:
        line = lines.iloc[rows[0]]
        navigate.open_reader(doc=str(line["document"]), pair=int(line["pair"]), rerun=False)


st.markdown("## Compare two sides")
left, right = st.columns(2, gap="large")
with left:
    spec_a = picker("a")
with right:
    spec_b = picker("b")
o1, o2, o3 = st.columns([2, 1, 1])
ngrams = o1.segmented_control("Terms", ["words", "bigrams", "both"], default="words", key="cmp-ngrams", **KEEP,
                              format_func={"words": "words", "bigrams": "two-word phrases", "both": "both"}.get)
min_count = o2.number_input("Minimum count (both sides)", min_value=1, max_value=50, value=3, key="cmp-min", **KEEP)
keep_stop = o3.toggle("Keep function words", value=False, key="cmp-stop", **KEEP, help="the, of, we, they… (data/wordlists/stopwords.txt)")

try:
    side_a, side_b = data.side(spec_a), data.side(spec_b)
    terms = data.keyness(spec_a, spec_b, ngrams=ngrams or "words", stopwords="keep" if keep_stop else "drop", min_count=int(min_count))
except DiscourseError as e:
    st.error(ui.md_escape(str(e)))
    st.stop()

label_a, label_b = "A", "B"
st.html(
    f"<div style='font-size:1rem'><span style='color:{charts.SIDE_A};font-weight:700'>A</span>: "
    f"{ui.html_escape(side_a.label)} · {side_a.n_words:,} words in {len(side_a.units)} texts &nbsp;&nbsp; "
    f"<span style='color:{charts.SIDE_B};font-weight:700'>B</span>: {ui.html_escape(side_b.label)} · "
    f"{side_b.n_words:,} words in {len(side_b.units)} texts</div>"
)

sent_a, sent_b = data.side_sentences(spec_a), data.side_sentences(spec_b)
c1, c2 = st.columns(2, gap="large")
with c1:
    ui.chart(charts.sentiment_boxes(sent_a, sent_b, label_a=label_a, label_b=label_b), key="cmp-boxes")
with c2:
    profile = data.topic_profile(spec_a, spec_b)
    ui.chart(charts.topic_difference(profile, label_a=label_a, label_b=label_b), key="cmp-topics")
st.caption(
    "Intervals: 95% percentile bootstrap over sentences (1,000 resamples). Sentences of one answer are not "
    "independent, so the intervals are narrower than they should be; read them as a guide, not a test."
)

st.markdown("#### Distinctive terms")
st.caption(
    "Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, \"Fightin' Words\"); "
    "z above 1.96 or below -1.96 is marked. The prior is the pooled counts of both sides, which shrinks rare terms "
    "strongly: sides of a few hundred words rarely reach |z| 1.96, so read the ranking, not the line."
)
if terms.empty:
    st.info("No term reaches the minimum count on both sides together; lower it or choose larger sides.")
    st.stop()
t1, t2 = st.columns([3, 2], gap="large")
with t1:
    plot = charts.term_plot(terms, label_a=label_a, label_b=label_b, highlight=st.session_state.get(TERM_KEY))
    st.plotly_chart(plot, key="term-plot", on_select=_term_from_chart, selection_mode="points", config=charts.CONFIG)
with t2:
    # Four narrow columns, so that the whole term shows in a column two fifths of the page wide (the rates
    # per 1,000 words are in the CSV and in the plot's hover).
    fmt = {"term": st.column_config.TextColumn(width=150),
           "count_a": st.column_config.NumberColumn("A", width=44, help="count in side A"),
           "count_b": st.column_config.NumberColumn("B", width=44, help="count in side B"),
           "z": st.column_config.NumberColumn(format="%+.2f", width=56)}
    shown = ["term", "count_a", "count_b", "z"]
    st.html(f"<b>Most typical of <span style='color:{charts.SIDE_A}'>A</span></b>")
    st.dataframe(terms.head(12)[shown], hide_index=True, column_config=fmt, height=240)
    st.html(f"<b>Most typical of <span style='color:{charts.SIDE_B}'>B</span></b>")
    st.dataframe(terms.tail(12).iloc[::-1][shown], hide_index=True, column_config=fmt, height=240)
    st.download_button("All terms (CSV)", terms.to_csv(index=False), file_name="compare-terms.csv", mime="text/csv", key="dl-terms")

st.markdown("#### In context")
term = st.text_input("Term or phrase (a trailing * is a wildcard; click a point above to fill it in)", key=TERM_KEY, **KEEP,
                     placeholder="e.g. image, russophob*, public opinion")
if term.strip():
    for name, spec in (("A", spec_a), ("B", spec_b)):
        lines = data.kwic(spec, term.strip(), width=70)
        st.markdown(f"**{name}**: {len(lines)} lines (select a line to open its answer in the Reader)")
        if len(lines):
            key = f"kwic-{name}"
            st.dataframe(
                lines[["pair", "speaker", "left", "hit", "right"]], hide_index=True, key=key,
                on_select=functools.partial(_open_line, key, lines), selection_mode="single-row",
                column_config={"left": st.column_config.TextColumn(width="large"), "right": st.column_config.TextColumn(width="large")},
            )
    with st.expander("Collocations of this term (both sides together)"):
        st.caption("Words within 5 words of the term, scored with NLTK's association measures (stop words left out).")
        cc1, cc2 = st.columns(2)
        cc1.dataframe(data.collocations(spec_a, spec_b, term.strip(), measure="likelihood"), hide_index=True)
        cc2.dataframe(data.collocations(spec_a, spec_b, term.strip(), measure="pmi"), hide_index=True)

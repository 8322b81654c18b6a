"""Reader: one question and its answer, the text highlighted beside its charts."""

from __future__ import annotations

import streamlit as st

from dashboard import data, navigate, ui
from render import highlight

LAYERS = {"sentiment": "Sentiment", "topics": "Topics", "markers": "Markers", "numbers": "Valences"}

src, doc, result = ui.current_document()

answers = result.answers
pairs = answers["pair"].tolist()
by_pair = answers.set_index("pair")
# Options are the pair numbers as strings, so that the URL binding writes "?pair=3".
options = [str(p) for p in pairs]
navigate.answer_for(src.id, options)


def _caption(n: int) -> str:
    row = by_pair.loc[n]
    q = row["question"]  # NaN (not None) in the answers frame for the opening segment
    words = " ".join(q.split()[:7]) if isinstance(q, str) and q.strip() else "Opening statement"
    return f"{ui.md_escape(words)}… {ui.badge(row['sentiment'])}"


with st.sidebar:
    choice = st.radio(
        "Questions (mean answer sentiment)",
        options,
        captions=[_caption(n) for n in pairs],
        key="pair",
        bind="query-params",
        help="Each answer's badge is the mean of its sentences' VADER compound scores.",
    )

pair = int(choice or options[0])
row = by_pair.loc[pair]
# One numbering everywhere: the pair number, as in the list, the URL, the charts, the exports and the
# report. A briefing's opening statements are pair 1, so its first question is number 2; the caption then
# counts pairs, not questions, and says why.
if row["kind"] == "opening":
    where = f"opening statements (pair {pair} of {len(pairs)})"
elif (answers["kind"] == "opening").any():
    where = f"pair {pair} of {len(pairs)} · pair 1 is the opening statements"
else:
    where = f"question {pair} of {len(pairs)}"
st.caption(f"{ui.md_escape(doc.title or src.name)} · {ui.md_escape(doc.date or 'date unknown')} · {where}")

# One key for every answer: Streamlit then redraws the same chart (Plotly.react) instead of mounting a
# new one, which halves the time to switch answers. A selection made on another answer is ignored,
# because each bar's customdata names its pair.
sent_key = "sentence-chart"
unit = result.sentences[(result.sentences["pair"] == pair) & (result.sentences["role"] == "answer")]
selected = ui.selected_customdata(st.session_state.get(sent_key))
selected_sentence = int(selected[0]) if selected and int(selected[2]) == pair and selected[3] == src.id else None

left, right = st.columns([3, 2], gap="large")
with left:
    layers = st.pills(
        "Highlight", list(LAYERS), format_func=LAYERS.get, selection_mode="multi",
        default=["sentiment", "topics"], key="layers",
    )
    if row["kind"] == "opening":
        st.markdown("##### Opening statements (before the first question)")
    else:
        asker = "a reporter (Q)" if row["asked_by"] == "Q" else ui.md_escape(str(row["asked_by"]))
        st.markdown(f"##### Question {pair} · asked by {asker}")
        st.html(ui.boxed(data.unit_html(src, pair, role="question", layers=layers), colour="#7f7f7f", bg="#f3f3f3"))
        st.html(data.framing_html(src, pair))
    st.markdown(f"##### Answer · {ui.md_escape(row['speaker'] or 'no answer recorded')}")
    if not row["answer"]:
        st.info("No answer was recorded for this question.")
    else:
        if legend := highlight.legend(layers):  # empty when no colour layer is on; st.html('') raises
            st.html(legend)
        st.html(data.unit_html(src, pair, layers=layers, selected=selected_sentence))
        if selected_sentence:
            st.caption(f"Sentence {selected_sentence} is marked in yellow (click the bar again to clear).")

with right:
    if row["n_sentences"]:
        st.html(ui.summary(row))
        if row["kind"] == "qa":
            ui.html_block(ui.alignment_line(data.alignment_row(src, pair)))  # "" when not measured
        fig = data.sentence_chart(src, pair, selected_sentence)
        ui.chart(fig, key=sent_key, select=True)
        st.markdown("##### Topics in this answer")
        st.html(data.topic_html(src, pair))
        st.caption(f"Dictionary coverage: {row['coverage']:.0%} of this answer's words match a topic term.")
        st.markdown("##### Discourse markers (cues for discussion)")
        st.html(data.marker_html(src, pair))
        st.caption("Word and pattern lists from data/markers/; turn on the *Discourse markers* layer to see them in the text.")
        with st.expander("Export this answer"):
            sent_csv = unit.drop(columns=["start", "end"]).to_csv(index=False)
            st.download_button("Sentences (CSV)", sent_csv, file_name=f"{src.id}-pair{pair}-sentences.csv", mime="text/csv", key="dl-sent-csv")
            st.download_button(
                "Sentence chart (standalone HTML)", lambda: ui.standalone_html(fig),
                file_name=f"{src.id}-pair{pair}-sentences.html", mime="text/html", key="dl-sent-html",
            )

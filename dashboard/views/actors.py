"""Actors: who is talked about, how often, and in sentences of what tone; the sentences one click away."""

from __future__ import annotations

import streamlit as st

from dashboard import data, navigate, ui
from render import charts

src, doc, result = ui.current_document()
listed = data.actor_list()
mentions, summary, per_answer, unlisted = data.actors(src)

st.markdown(f"#### How is each actor talked about? · {ui.md_escape(src.label)}")
st.caption(
    f"Actors from `data/actors/actors.yaml` ({len(listed.actors)} countries, organisations, groups and people, with "
    "adjectives and demonyms: *Russian* counts for Russia). Mentions, tone and the sentences listed below are the "
    "answers' (the questions' sentences can be added to the list). The tone is the mean VADER compound of the answer "
    "sentences that mention the actor: the tone of the sentence, not necessarily the speaker's attitude to the actor "
    "(*Russia was attacked unjustly* scores negative). Pronouns (*they*) are not traced back to actors."
)
if summary.empty:
    st.info("No actor from the list is mentioned in the answers of this document.")
    st.stop()

event = ui.chart(charts.actor_dots(summary), key=f"actors-{src.id}", select=True)
hit = ui.selected_customdata(event)
options = summary["actor"].tolist()
label_of = dict(zip(summary["actor"], summary["label"]))
# A click on the chart chooses the actor once: the selection stays in the chart's state on later reruns,
# so it is applied only when it changes (the selectbox keeps working after a click).
if hit is not None and hit[0] in options and st.session_state.get("actor-click") != hit[0]:
    st.session_state["actor"] = hit[0]
st.session_state["actor-click"] = hit[0] if hit is not None else None
if st.session_state.get("actor") not in options:
    st.session_state["actor"] = options[0]
counts = summary.set_index("actor")
actor = st.selectbox(
    "Actor", options, key="actor",
    format_func=lambda a: f"{label_of[a]} ({int(counts.loc[a, 'mentions'])} mentions in answers)",
)

# The count, the tone and the list are of the same sentences: the answers' (the questions' on request).
in_questions = int(counts.loc[actor, "question_mentions"])
with_questions = st.toggle(
    f"Also list the questions' sentences ({in_questions} mention{'s' if in_questions != 1 else ''})",
    key="actor-questions", disabled=in_questions == 0,
)
lines = data.actor_sentences(src, actor, role="both" if with_questions else "answer")
n_mentions, one = int(lines["mentions"].sum()), len(lines) == 1
where = "answer and question sentence" if with_questions else "answer sentence"
st.markdown(
    f"##### {len(lines)} {where}{'' if one else 's'} mention{'s' if one else ''} {ui.md_escape(label_of[actor])} "
    f"{n_mentions} time{'s' if n_mentions != 1 else ''} (select a row to read the answer)"
)
shown = lines[["pair", "role", "sentence", "mentions", "sentiment", "text"]]
picked = st.dataframe(
    shown, hide_index=True, key=f"actor-lines-{src.id}", on_select="rerun", selection_mode="single-row",
    column_config={"sentiment": st.column_config.NumberColumn(format="%+.2f"), "text": st.column_config.TextColumn(width="large")},
)
if picked and picked.selection.rows:
    navigate.open_reader(doc=src.id, pair=int(shown.iloc[picked.selection.rows[0]]["pair"]))

with st.expander("Mentions per answer"):
    if per_answer.empty:
        st.caption("No mentions in the answers.")
    else:
        wide = per_answer.pivot_table(index="pair", columns="actor", values="mentions", fill_value=0, aggfunc="sum")
        wide = wide[[a for a in options if a in wide.columns]].rename(columns=label_of)
        st.dataframe(wide, column_config={"pair": st.column_config.NumberColumn("answer")})

with st.expander("Every actor: mentions, answers and tone"):
    ui.table_or_note(
        summary.drop(columns=["actor"]), "No actor mentioned.", signed=["sentiment", "sentiment_min", "sentiment_max"],
    )
    st.download_button("Mentions (CSV)", mentions.to_csv(index=False), file_name=f"{src.id}-actor-mentions.csv", mime="text/csv", key="dl-actors")
with st.expander("Capitalised names that are not on the list"):
    st.caption("Candidates for the list (or not: a capitalised word is not always a name). Add them to data/actors/actors.yaml.")
    ui.table_or_note(unlisted, "None found.")

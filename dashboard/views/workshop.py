"""Workshop: one answer at a time in large type; the room guesses first, the measures come after."""

from __future__ import annotations

import html

import streamlit as st

from dashboard import anonymise, data, guesses, ui, workshop_store

src, doc, result = ui.current_document()
answers = result.answers
qa = answers[answers["kind"] == "qa"].reset_index(drop=True)
if qa.empty:
    st.info("This document has no question–answer pairs to run a workshop on.")
    st.stop()
labels = data.topic_labels()
families = {f.slug: f for f in data.markers().families}

# The workshop's state is kept on the server, keyed by the workshop id in the URL (?ws=...) and the
# document, so that a reload or a dropped connection comes back to it (see dashboard/workshop_store.py).
# The answer shown is in the URL too (?answer=3), read on the session's first run; after that each
# session keeps its own answer (two screens on one workshop share the guesses, not the answer shown).
ws = st.query_params.get("ws")
if not workshop_store.valid_id(ws):
    ws = st.session_state.get("ws-id") or workshop_store.new_id()  # a page switch drops the URL's ws
st.session_state["ws-id"] = ws
stored = workshop_store.load(ws, src.id)
shown: dict[str, int] = st.session_state.setdefault("ws-answer", {})  # document id -> answer index shown
if src.id not in shown:
    asked = st.query_params.get("answer", "")
    # The URL's answer belongs to the first document the session shows (a later one opens where it was left).
    shown[src.id] = int(asked) - 1 if asked.isdigit() and not shown else int(stored["index"])
index = shown[src.id] = max(0, min(len(qa) - 1, shown[src.id]))
if stored["index"] != index:
    stored = workshop_store.set_index(ws, src.id, index)
for k, v in (("ws", ws), ("answer", str(index + 1))):
    if st.query_params.get(k) != v:
        st.query_params[k] = v
row = qa.iloc[index]
pair = int(row["pair"])
pair_guesses: list[dict] = stored["guesses"].get(pair, [])
revealed = pair in stored["revealed"]


def _go(step: int) -> None:
    new = max(0, min(len(qa) - 1, index + step))
    shown[src.id] = new
    workshop_store.set_index(ws, src.id, new)
    st.query_params["answer"] = str(new + 1)


def _reveal(show: bool) -> None:
    workshop_store.set_revealed(ws, src.id, pair, show)


def _new_workshop() -> None:
    st.session_state["ws-id"] = workshop_store.new_id()
    st.session_state["ws-answer"] = {}
    st.query_params["ws"] = st.session_state["ws-id"]
    st.query_params["answer"] = "1"


with st.sidebar:
    hide_names = st.toggle("Hide speakers' names", key="ws-anon", help="Shows 'Interviewer' and 'Speaker A' instead of names, in labels and in the text.")
    st.caption("Keys: → next answer, ← previous, V reveal or hide the measures.")
    where = "on the server" if workshop_store.persistent() else "in the server's memory (until it restarts)"
    st.caption(
        f"This workshop's guesses and reveals are kept {where} under the id `{ws}` in the page's address: "
        "reloading the page, or opening the same address on another computer, comes back to them."
    )
    st.button("New workshop", key="ws-new", on_click=_new_workshop, help="A fresh workshop (no guesses, nothing revealed), with its own address.")
names = anonymise.aliases(doc) if hide_names else {}

st.html(
    "<style>.dd-big .dd-text{font-size:1.55rem;line-height:1.65;max-width:none}"
    ".dd-big-q .dd-text{font-size:1.3rem;line-height:1.55;max-width:none}</style>"
)
nav = st.columns([1.5, 1.3, 3.4, 2.1])
nav[0].button("Previous", key="ws-prev", on_click=_go, args=(-1,), disabled=index == 0, shortcut="Left")
nav[1].button("Next", key="ws-next", on_click=_go, args=(1,), disabled=index == len(qa) - 1, shortcut="Right")
nav[2].progress((index + 1) / len(qa), text=f"Answer {index + 1} of {len(qa)}")
nav[3].button(
    "Hide the measures" if revealed else "Reveal the measures", key="ws-reveal", type="secondary" if revealed else "primary",
    on_click=_reveal, args=(not revealed,), shortcut="V",
)

if revealed:  # the verdict of the measures first, where a projector shows it without scrolling
    tones = guesses.tally(pair_guesses, "tone")
    room = f" · the room: {', '.join(f'{t} {tones[t]}' for t in guesses.TONES if tones[t])}" if tones else ""
    st.html(
        "<div style='font-size:1.2rem;padding:0.3rem 0.6rem;background:#f6f6f6;border-radius:4px'>"
        f"Measured tone: <b>{guesses.tone_of(float(row['sentiment']))}</b> {ui.swatch(row['sentiment'])}{html.escape(room)}"
        f" · main topic: <b>{html.escape(' / '.join(guesses.top_topics(row, labels)))}</b>"
        " · details below the answer</div>"
    )

asker = "a reporter" if row["asked_by"] == "Q" else (anonymise.label(str(row["asked_by"]), names) if hide_names else str(row["asked_by"]))
speaker = anonymise.label(str(row["speaker"]), names) if hide_names else str(row["speaker"])
layers = ["sentiment", "markers"] if revealed else []
st.html(f"<div style='color:#555;font-size:1.05rem'>Question {index + 1}, asked by {html.escape(asker)}</div>"
        f"<div class='dd-big-q'>{ui.boxed(data.question_html(src, pair, [], names), colour='#7f7f7f', bg='#f3f3f3')}</div>")
st.html(f"<div style='color:#555;font-size:1.05rem;margin-top:0.5rem'>Answer by {html.escape(speaker)}</div>"
        f"<div class='dd-big'>{data.workshop_html(src, pair, layers, names)}</div>")
if hide_names:
    st.caption("Names are hidden where the parser found them as speakers; other spellings or titles ('the minister') still show.")

st.divider()
if not revealed:
    st.markdown("#### What does the room think?")
    with st.form(key=f"ws-guess-{src.id}-{pair}", clear_on_submit=True, border=True):
        c1, c2, c3 = st.columns([2, 3, 1])
        tone = c1.radio("Tone of the answer", guesses.TONES, index=1, horizontal=True, key="ws-tone")
        topic = c2.selectbox("Main topic", list(labels.values()) + [guesses.NONE], key="ws-topic")
        people = c3.number_input("People", min_value=1, max_value=500, value=1, step=1, key="ws-people",
                                 help="How many people gave this guess (for a show of hands).")
        if st.form_submit_button("Add guess"):
            workshop_store.add_guess(ws, src.id, pair, {"tone": tone, "topic": topic, "n": int(people)})
            st.rerun()
    if pair_guesses:
        tones, topics_ = guesses.tally(pair_guesses, "tone"), guesses.tally(pair_guesses, "topic")
        st.markdown(
            f"**{sum(tones.values())} guesses so far.** Tone: "
            + ", ".join(f"{t} {tones[t]}" for t in guesses.TONES)
            + " · Topic: " + ui.md_escape(", ".join(f"{t} {n}" for t, n in topics_.most_common()))
        )
        if st.button("Clear this answer's guesses", key="ws-clear"):
            workshop_store.clear_guesses(ws, src.id, pair)
            st.rerun()
    else:
        st.caption("Enter the room's guesses, then reveal the measures (V).")
else:
    measured_tone = guesses.tone_of(float(row["sentiment"]))
    measured_topics = guesses.top_topics(row, labels)
    left, right = st.columns(2, gap="large")
    with left:
        st.markdown("#### Tone")
        st.html(ui.guess_bars(guesses.tally(pair_guesses, "tone"), list(guesses.TONES), measured_tone, name="tone"))
        st.html(
            f"<div style='font-size:1.15rem'>Measured: <b>{measured_tone}</b> {ui.swatch(row['sentiment'])} "
            f"mean of {int(row['n_sentences'])} sentences, from {ui.swatch(row['sentiment_min'])} to {ui.swatch(row['sentiment_max'])}</div>"
        )
    with right:
        st.markdown("#### Main topic")
        topic_options = list(dict.fromkeys([*measured_topics, *guesses.tally(pair_guesses, "topic")]))
        st.html(ui.guess_bars(guesses.tally(pair_guesses, "topic"), topic_options, measured_topics, name="topic"))
        st.html(data.topic_html(src, pair, found_only=True))
    st.html(ui.alignment_line(data.alignment_row(src, pair)))
    st.markdown("#### Discourse markers in this answer (underlined in the text)")
    st.html(data.marker_html(src, pair))
    found = [s for s in families if int(row[families[s].count_column]) > 0]
    if found:
        st.markdown("**Questions for discussion**")
        for slug in sorted(found, key=lambda s: -float(row[families[s].column])):
            f = families[slug]
            if f.prompt:
                st.markdown(f"- *{ui.md_escape(f.label)}*: {ui.md_escape(f.prompt)}")
    st.caption(
        "The measures count words: they do not know who is right, sincere or lying. Read the underlined words in "
        "context before drawing a conclusion. Hover a word to see why it counts."
    )

# Only revealed answers: the table must not give away an answer the room has not guessed yet.
results = guesses.comparison(qa, {p: g for p, g in stored["guesses"].items() if p in stored["revealed"]}, labels)
if hide_names:
    results["question"] = [anonymise.hide(q, names) for q in results["question"]]
if not results.empty:
    with st.expander(f"Guesses and measures so far ({len(results)} answer{'s' if len(results) != 1 else ''})"):
        st.dataframe(
            results, hide_index=True,
            column_config={
                "tone_agreement": st.column_config.NumberColumn("tone agreement", format="percent"),
                "topic_agreement": st.column_config.NumberColumn("topic agreement", format="percent"),
                "sentiment": st.column_config.NumberColumn(format="%+.2f"),
            },
        )
        st.download_button("Download (CSV)", results.to_csv(index=False), file_name=f"{src.id}-workshop.csv", mime="text/csv", key="ws-dl")

"""Workshop: one answer at a time in large type; the room guesses first, the measures come after.

Laid out for a projector (1280x720 up to 1920x1080): the question and the answer on the left, in type
that grows with the column (a line of about 80 characters at any width), the answer scrolling inside
its own box when it is longer than the screen; the room's guesses (the controls and the tally), or
after Reveal the guesses beside the measures, on the right, so that both are on the screen together.
The sidebar (document, hidden names, a new workshop) starts collapsed on this page (``dashboard/app.py``);
on a wide screen the right column is zoomed, so that the controls grow with the answer's type. The tone
is chosen with three buttons, not a radio: a focused radio (and Streamlit's segmented control, a radio
group too) keeps the arrow keys, which here move between answers.
"""

from __future__ import annotations

import html

import streamlit as st

from dashboard import anonymise, data, ui, workshop_store
from render import guesses

src, doc, result = ui.current_document()
answers = result.answers
qa = answers[answers["kind"] == "qa"]
# A question nobody answered ("Thank you, Jen.") has nothing to guess about: the walk leaves it out.
answered = qa["answer"].fillna("").astype(str).str.strip() != ""
unanswered = int((~answered).sum())
qa = qa[answered].reset_index(drop=True)
if qa.empty:
    st.info("This document has no answered questions to run a workshop on.")
    st.stop()
labels = data.topic_labels()
families = {f.slug: f for f in data.markers().families}

# The workshop's state is kept on the server, keyed by the workshop id in the URL (?ws=...) and the
# document, so that a reload or a dropped connection comes back to it (see dashboard/workshop_store.py).
# The answer shown is in the URL too (?answer=3: its pair number, as in the Reader's ?pair=3), read on the
# session's first run; after that each session keeps its own answer (two screens on one workshop share
# the guesses, not the answer shown).
ws = st.query_params.get("ws")
if not workshop_store.valid_id(ws):
    ws = st.session_state.get("ws-id") or workshop_store.new_id()  # a page switch drops the URL's ws
st.session_state["ws-id"] = ws
stored = workshop_store.load(ws, src.id)
order = [int(p) for p in qa["pair"]]  # the pair number of each answer the workshop walks through
shown: dict[str, int] = st.session_state.setdefault("ws-answer", {})  # document id -> answer index shown
if src.id not in shown:
    asked = st.query_params.get("answer", "")
    # The URL's answer belongs to the first document the session shows (a later one opens where it was left).
    # A pair not in the walk (opening statements, a question without an answer) opens the next question.
    asked_index = next((i for i, p in enumerate(order) if p >= int(asked)), None) if asked.isdigit() else None
    shown[src.id] = asked_index if asked_index is not None and not shown else int(stored["index"])
index = shown[src.id] = max(0, min(len(qa) - 1, shown[src.id]))
if stored["index"] != index:
    stored = workshop_store.set_index(ws, src.id, index)
for k, v in (("ws", ws), ("answer", str(order[index]))):
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
    st.query_params["answer"] = str(order[new])


def _reveal(show: bool) -> None:
    workshop_store.set_revealed(ws, src.id, pair, show)


def _add_guess() -> None:
    """The guess on show in the controls, for ``pair``; the people count goes back to 1."""
    s = st.session_state
    guess = {"tone": s.get("ws-tone", "neutral"), "topic": s["ws-topic"], "n": int(s["ws-people"])}
    workshop_store.add_guess(ws, src.id, pair, guess)
    s["ws-people"] = 1


def _new_workshop() -> None:
    st.session_state["ws-id"] = workshop_store.new_id()
    st.session_state["ws-answer"] = {}
    st.query_params["ws"] = st.session_state["ws-id"]
    st.query_params["answer"] = str(order[0])


with st.sidebar:
    hide_names = st.toggle(
        "Hide speakers' names", key="ws-anon",
        help="Shows 'Interviewer' and 'Speaker A' instead of names, in labels and in the text.",
    )
    st.caption("Keys: → next answer, ← previous, V reveal or hide the measures.")
    where = "on the server" if workshop_store.persistent() else "in the server's memory (until it restarts)"
    st.caption(
        f"This workshop's guesses and reveals are kept {where} under the id `{ws}` in the page's address: "
        "reloading the page, or opening the same address on another computer, comes back to them."
    )
    st.button("New workshop", key="ws-new", on_click=_new_workshop,
              help="A fresh workshop (no guesses, nothing revealed), with its own address.")
names = anonymise.aliases(doc) if hide_names else {}

# Sizes: the answer's type is 2.9 % of its column (container query units), so a line holds about 80
# characters at any screen width (measured in tests/browser/test_workshop_browser.py), between 17 px and
# 40 px; the left block is as high as the window below the navigation row (TOP_PX, measured at 1280x720
# and 1920x1080), so that the answer scrolls inside its box and the right column stays beside it.
TOP_PX = 150
st.html(
    "<style>"
    "[data-testid=stMainBlockContainer], .block-container {padding-left: 2rem; padding-right: 2rem;"
    " padding-bottom: 1rem}"
    f".dd-ws {{container-type: inline-size; display: flex; flex-direction: column; height: calc(100vh - {TOP_PX}px);"
    " min-height: 22rem; gap: 0.25rem}"
    ".dd-ws .dd-label {color: #444; font-size: clamp(14px, 1.9cqi, 22px); line-height: 1.3}"
    ".dd-ws .dd-big-q {flex: 0 1 auto; max-height: 30%; overflow-y: auto; min-height: 2.5em}"
    ".dd-ws .dd-big-q > div {margin: 0}"
    ".dd-ws .dd-big-q .dd-text {font-size: clamp(15px, 2.2cqi, 28px); line-height: 1.45; max-width: 80ch}"
    # The answer's box: it takes the height left and scrolls; a shadow at its bottom edge while more of
    # the answer is below (the white "local" layer scrolls with the text and covers it at the end).
    ".dd-ws .dd-big {flex: 1 1 0; min-height: 6rem; overflow-y: auto; padding-right: 0.5rem;"
    " border-bottom: 1px solid #ddd; background: linear-gradient(#fff, #fff) 0 100% / 100% 2.5rem no-repeat local,"
    " linear-gradient(to top, rgba(0,0,0,0.18), rgba(0,0,0,0)) 0 100% / 100% 1.2rem no-repeat scroll}"
    ".dd-ws .dd-big .dd-text {font-size: clamp(17px, 2.9cqi, 40px); line-height: 1.55; max-width: 80ch}"
    # The right column keeps room for three tone buttons when the sidebar is opened beside it.
    "[data-testid=stHorizontalBlock]:has(> [data-testid=stColumn] .st-key-ws-side) {flex-wrap: nowrap}"
    "[data-testid=stColumn]:has(.st-key-ws-side) {min-width: min(21rem, 45%)}"
    # The guess bars in the narrow right column: a narrower label column leaves the tone bars their
    # length; a topic's label (often three words) goes above its bar.
    ".st-key-ws-side .dd-guesses {grid-template-columns: minmax(4.5rem, 30%) minmax(6rem, 1fr) auto !important}"
    ".st-key-ws-side .dd-guesses[data-name=topic] {grid-template-columns: minmax(6rem, 1fr) auto !important}"
    ".st-key-ws-side .dd-guesses[data-name=topic] > div:nth-child(3n+1) {grid-column: 1 / -1; text-align: left !important;"
    " margin-top: 0.2rem}"
    "@media (min-width: 1600px) {.st-key-ws-side {zoom: 1.35} .st-key-ws-nav {zoom: 1.2}}"
    ".dd-ws-side {font-size: 1.15rem; line-height: 1.5}"
    ".dd-ws-side h4 {margin: 0 0 0.3rem 0}"
    "</style>"
)


nav = st.container(key="ws-nav").columns([1.3, 1.1, 4, 2], vertical_alignment="center")
nav[0].button("Previous", key="ws-prev", on_click=_go, args=(-1,), disabled=index == 0, shortcut="Left")
nav[1].button("Next", key="ws-next", on_click=_go, args=(1,), disabled=index == len(qa) - 1, shortcut="Right")
nav[2].progress((index + 1) / len(qa), text=f"Question {pair} ({index + 1} of {len(qa)})")
nav[3].button(
    "Hide the measures" if revealed else "Reveal the measures", key="ws-reveal",
    type="secondary" if revealed else "primary", on_click=_reveal, args=(not revealed,), shortcut="V",
)

asked_by = str(row["asked_by"])
asker = "a reporter" if asked_by == "Q" else anonymise.label(asked_by, names) if hide_names else asked_by
speaker = anonymise.label(str(row["speaker"]), names) if hide_names else str(row["speaker"])
layers = ["sentiment", "markers"] if revealed else []
measured_tone = guesses.tone_of(float(row["sentiment"]))
measured_topics = guesses.top_topics(row, labels)

left, right = st.columns([5, 2], gap="medium")
with left:
    question = ui.boxed(data.unit_html(src, pair, role="question", layers=[], hide=names), colour="#7f7f7f", bg="#f3f3f3")
    st.html(
        "<div class='dd-ws'>"
        f"<div class='dd-label'>Question {pair}, asked by {html.escape(asker)}</div>"
        f"<div class='dd-big-q'>{question}</div>"
        f"<div class='dd-label' style='margin-top:0.3rem'>Answer by {html.escape(speaker)}</div>"
        f"<div class='dd-big' tabindex='0'>{data.unit_html(src, pair, layers=layers, hide=names)}</div>"
        "</div>"
    )
with right, st.container(key="ws-side"):
    if not revealed:
        st.markdown("#### What does the room think?")
        with st.container(border=True, key="ws-guess"):
            # The tone is three plain buttons (the chosen one filled and ticked), not a radio: a focused
            # radio, and Streamlit's segmented control (a radio group too), keep ← and → for themselves,
            # and those keys move between the answers here.
            chosen = st.session_state.setdefault("ws-tone", "neutral")
            st.html("<div class='dd-ws-side' style='font-size:0.9rem' id='ws-tone-label'>Tone of the answer</div>")
            for col, t in zip(st.columns(len(guesses.TONES), gap="small"), guesses.TONES):
                col.button(f"✓ {t}" if t == chosen else t, key=f"ws-tone-{t}",
                           type="primary" if t == chosen else "secondary",
                           on_click=st.session_state.__setitem__, args=("ws-tone", t), width="stretch")
            st.selectbox("Main topic", list(labels.values()) + [guesses.NONE], key="ws-topic")
            c1, c2 = st.columns([1, 1], vertical_alignment="bottom")
            # No value=: the default is min_value (1), and _add_guess sets the key back to 1; a value= as
            # well would make Streamlit warn about a widget set both ways.
            c1.number_input("People", min_value=1, max_value=500, step=1, key="ws-people",
                            help="How many people gave this guess (for a show of hands).")
            c2.button("Add guess", key="ws-add", on_click=_add_guess, width="stretch")
        if pair_guesses:
            tones, topics_ = guesses.tally(pair_guesses, "tone"), guesses.tally(pair_guesses, "topic")
            st.html(
                "<div class='dd-ws-side' data-testid='ws-tally'>"
                f"<b>{sum(tones.values())} {'guess' if sum(tones.values()) == 1 else 'guesses'} so far.</b><br>Tone: "
                + ", ".join(f"{t} {tones[t]}" for t in guesses.TONES)
                + "<br>Topic: " + html.escape(", ".join(f"{t} {n}" for t, n in topics_.most_common())) + "</div>"
            )
            if st.button("Clear this answer's guesses", key="ws-clear"):
                workshop_store.clear_guesses(ws, src.id, pair)
                st.rerun()
        else:
            st.caption("Enter the room's guesses, then reveal the measures (V).")
    else:
        st.html(
            "<div class='dd-ws-side' style='padding:0.3rem 0.6rem;background:#f6f6f6;border-radius:4px'>"
            f"Measured tone: <b>{measured_tone}</b> {ui.swatch(row['sentiment'])}"
            f" · main topic: <b>{html.escape(' / '.join(measured_topics))}</b></div>"
        )
        st.markdown("#### Tone")
        st.html(ui.guess_bars(guesses.tally(pair_guesses, "tone"), list(guesses.TONES), measured_tone, name="tone"))
        st.html(
            f"<div class='dd-ws-side'>Measured: <b>{measured_tone}</b>, mean of {int(row['n_sentences'])} sentences"
            f" {ui.swatch(row['sentiment'])}, from {ui.swatch(row['sentiment_min'])} to {ui.swatch(row['sentiment_max'])}</div>"
        )
        st.markdown("#### Main topic")
        topic_options = list(dict.fromkeys([*measured_topics, *guesses.tally(pair_guesses, "topic")]))
        st.html(ui.guess_bars(guesses.tally(pair_guesses, "topic"), topic_options, measured_topics, name="topic"))
        st.caption("Details below: topic rates, the question's take-up, the markers and questions for discussion.")

if unanswered:
    st.caption(f"{unanswered} question{'s' if unanswered != 1 else ''} without an answer "
               f"{'are' if unanswered != 1 else 'is'} left out.")
if hide_names:
    st.caption("Names are hidden where the parser found them as speakers; "
               "other spellings or titles ('the minister') still show.")

if revealed:
    st.divider()
    if not str(row["answer"] if isinstance(row["answer"], str) else "").strip():
        st.info("No answer was recorded for this question.")
    details = st.columns(2, gap="large")
    with details[0]:
        st.markdown("#### Topic rates")
        ui.html_block(data.topic_html(src, pair, found_only=True))
        # Empty when the take-up could not be measured (no question text, or no answer): never st.html("").
        ui.html_block(ui.alignment_line(data.alignment_row(src, pair)))
    with details[1]:
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
        # Built when clicked, as the Overview's downloads are (nothing is made and stored on every run).
        st.download_button("Download (CSV)", lambda: results.to_csv(index=False), file_name=f"{src.id}-workshop.csv",
                           mime="text/csv", key="ws-dl", on_click="ignore")  # a download changes nothing on the page

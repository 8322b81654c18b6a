"""The workshop flow under AppTest: guesses first, measures after, names hidden on request."""

from __future__ import annotations

import re

from tests.dashboard.test_app import app, assert_clean, visible_text

Q1 = "What type of role do companies"
Q2 = "Has their role changed since sanctions"


def texts(at) -> str:
    progress = [p.proto.text for p in at.get("progress")]
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption] + progress) + visible_text(at)


def param(at, name: str) -> str:
    value = at.query_params[name]
    return value[0] if isinstance(value, list) else value


def answer_block(at) -> str:
    return next(h.proto.body for h in at.get("html") if "dd-big'" in h.proto.body and "dd-text" in h.proto.body)


def test_measures_stay_hidden_until_revealed():
    at = app("views/workshop.py")
    assert_clean(at)
    shown = texts(at)
    assert Q1 in shown and "Question 1 (1 of 9)" in shown
    assert "Measured" not in shown and "◀ measured" not in shown
    # Before the reveal the answer is plain text: no sentiment colours, no marker underlines.
    assert 'class="a' not in answer_block(at)


def test_guess_then_reveal_sets_the_guesses_beside_the_measures():
    at = app("views/workshop.py")
    at.button(key="ws-tone-negative").click().run()
    at.selectbox(key="ws-topic").set_value("Economy and business")
    at.number_input(key="ws-people").set_value(3)
    at.button(key="ws-add").click().run()
    assert_clean(at)
    assert "3 guesses so far" in texts(at)
    at.button(key="ws-reveal").click().run()
    assert_clean(at)
    shown = texts(at)
    # Answer 1: mean sentence sentiment +0.27 is "positive"; the three guesses said negative.
    assert re.search(r"positive\s*\d*\s*◀ measured", shown)
    assert "Measured: positive" in shown
    block = answer_block(at)
    assert 'class="a s' in block and " m" in block  # sentiment words and markers now shown
    assert "Questions for discussion" in shown
    table = at.dataframe[0].value
    assert table.loc[0, "tone_guessed"] == "negative" and table.loc[0, "tone_measured"] == "positive"
    assert table.loc[0, "tone_agreement"] == 0.0 and table.loc[0, "people"] == 3


def test_next_and_previous_move_one_answer():
    at = app("views/workshop.py")
    at.button(key="ws-next").click().run()
    assert Q2 in texts(at) and "Question 2 (2 of 9)" in texts(at)
    at.button(key="ws-prev").click().run()
    assert Q1 in texts(at)
    assert at.button(key="ws-prev").disabled


def test_hiding_names_replaces_the_speaker_everywhere_shown():
    at = app("views/workshop.py")
    assert "Andrey Bezrukov" in texts(at)
    at.toggle(key="ws-anon").set_value(True).run()
    assert_clean(at)
    page = "\n".join(h.proto.body for h in at.get("html")) + texts(at)
    assert "Bezrukov" not in page and "PICREADI" not in page
    assert "Speaker A" in page and "Interviewer" in page
    # The document chooser (its id names the speaker) is hidden, not removed: it keeps its state.
    assert ".st-key-doc {display: none" in page and "Document 1 (names hidden)" in page
    assert at.selectbox(key="doc").value == "bezrukov-2018"



def test_a_first_visit_puts_a_workshop_id_and_the_answer_in_the_url():
    at = app("views/workshop.py")
    assert re.fullmatch(r"[A-Za-z0-9_-]{12}", param(at, "ws"))
    assert param(at, "answer") == "1"
    at.button(key="ws-next").click().run()
    assert param(at, "answer") == "2"


def test_guesses_reveals_and_the_answer_survive_a_new_session_with_the_same_url():
    """A reload or a dropped connection is a new Streamlit session: only the URL carries over."""
    at = app("views/workshop.py", ws="reload-test-0001", answer="3")
    assert "Question 3 (3 of 9)" in texts(at)
    at.button(key="ws-tone-positive").click().run()
    at.number_input(key="ws-people").set_value(5)
    at.button(key="ws-add").click().run()
    at.button(key="ws-tone-neutral").click().run()
    at.number_input(key="ws-people").set_value(3)
    at.button(key="ws-add").click().run()
    assert "8 guesses so far" in texts(at)
    at.button(key="ws-reveal").click().run()
    assert_clean(at)

    again = app("views/workshop.py", ws="reload-test-0001", answer="3")
    assert_clean(again)
    shown = texts(again)
    assert "Question 3 (3 of 9)" in shown and "Measured: " in shown  # the same answer, still revealed
    table = again.dataframe[0].value
    row = table[table["pair"] == 3].iloc[0]
    assert (row["guesses_positive"], row["guesses_neutral"], row["guesses_negative"]) == (5, 3, 0)
    assert row["question"].startswith("Are there any other strategies that Russian companies")
    # Another workshop id is another workshop: nothing guessed, nothing revealed.
    other = app("views/workshop.py", ws="reload-test-0002", answer="3")
    assert "Measured: " not in texts(other) and not other.dataframe


def test_the_url_without_an_answer_reopens_the_answer_last_shown():
    at = app("views/workshop.py", ws="reload-test-0003")
    for _ in range(4):
        at.button(key="ws-next").click().run()
    assert "Question 5 (5 of 9)" in texts(at)
    assert "Question 5 (5 of 9)" in texts(app("views/workshop.py", ws="reload-test-0003"))
    assert "Question 1 (1 of 9)" in texts(app("views/workshop.py", ws="reload-test-0003", answer="1"))


def test_read_only_mode_keeps_the_workshop_in_memory(monkeypatch):
    from dashboard import workshop_store

    monkeypatch.setenv("DISCOURSE_READ_ONLY", "1")
    at = app("views/workshop.py", ws="read-only-0001", answer="2")
    assert_clean(at)
    assert "kept in the server's memory (until it restarts)" in texts(at)
    at.button(key="ws-reveal").click().run()
    again = app("views/workshop.py", ws="read-only-0001", answer="2")
    assert "Question 2 (2 of 9)" in texts(again) and "Measured: " in texts(again)
    assert not workshop_store.path().exists() or "read-only-0001" not in workshop_store.path().read_text()

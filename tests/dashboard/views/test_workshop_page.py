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


BRIEFING = b"""MS. PSAKI: Good afternoon, everyone. I have two announcements today about vaccines and the economy.

Q: Will the President sign the trade order this week?

MS. PSAKI: He will sign it on Friday, with the trade ministers beside him.

Q: And what about the sanctions on exports?

MS. PSAKI: The sanctions stay until the talks resume.

Q: Jen, one more on the tariffs?
"""


def briefing_app(**query: str):
    """The workshop on a briefing: pair 1 its opening statements, pairs 2 and 3 answered, pair 4 not."""
    from streamlit.testing.v1 import AppTest

    from dashboard import sources
    from tests.dashboard.test_app import APP

    at = AppTest.from_file(str(APP), default_timeout=60)
    doc = sources.Source("briefing-edge", "Briefing (uploaded)", "briefing.txt", BRIEFING)
    at.session_state[sources.UPLOADS_KEY] = {doc.id: doc}
    for k, v in {"doc": doc.id, **query}.items():
        at.query_params[k] = v
    at.switch_page("views/workshop.py")
    return at.run()


def test_an_asked_pair_outside_the_walk_opens_the_next_question():
    at = briefing_app(ws="edge-test-0001")
    assert_clean(at)
    at.button(key="ws-next").click().run()
    assert re.search(r"Question 3 \(2 of \d\)", texts(at))  # the answer last visited, kept with the workshop
    again = briefing_app(ws="edge-test-0001", answer="1")  # pair 1: the opening statements
    assert_clean(again)
    assert re.search(r"Question 2 \(1 of \d\)", texts(again)) and "Will the President sign" in texts(again)
    assert param(again, "answer") == "2"


def test_questions_without_an_answer_are_left_out_of_the_walk():
    at = briefing_app(ws="edge-test-0002")
    assert_clean(at)
    shown = texts(at)
    assert "Question 2 (1 of 2)" in shown and "1 question without an answer is left out." in shown
    at.button(key="ws-next").click().run()
    shown = texts(at)
    assert "Question 3 (2 of 2)" in shown and "The sanctions stay" in shown
    # Nothing after it: the last question, never answered, is not offered (a Q "Thank you, Jen." would open
    # no pair at all, issue 13).
    assert at.button(key="ws-next").disabled
    assert "one more on the tariffs" not in texts(briefing_app(ws="edge-test-0002", answer="4"))


def test_adding_a_guess_resets_the_people_without_a_widget_warning(caplog, monkeypatch):
    from streamlit.elements.lib import policies

    monkeypatch.setattr(policies, "_shown_default_value_warning", False)  # Streamlit warns once a process
    at = app("views/workshop.py", ws="edge-test-0003")
    at.number_input(key="ws-people").set_value(4)
    at.button(key="ws-add").click().run()
    assert "4 guesses so far" in texts(at)
    assert at.number_input(key="ws-people").value == 1  # back to 1 for the next guess
    at.button(key="ws-add").click().run()
    assert_clean(at)
    assert "5 guesses so far" in texts(at)
    assert "created with a default value" not in caplog.text

"""The workshop flow under AppTest: guesses first, measures after, names hidden on request."""

from __future__ import annotations

import re

from tests.dashboard.test_app import app, assert_clean, visible_text

Q1 = "What type of role do companies"
Q2 = "Has their role changed since sanctions"


def texts(at) -> str:
    progress = [p.proto.text for p in at.get("progress")]
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption] + progress) + visible_text(at)


def answer_block(at) -> str:
    return next(h.proto.body for h in at.get("html") if "dd-big'" in h.proto.body and "dd-text" in h.proto.body)


def test_measures_stay_hidden_until_revealed():
    at = app("views/workshop.py")
    assert_clean(at)
    shown = texts(at)
    assert Q1 in shown and "Answer 1 of 9" in shown
    assert "Measured" not in shown and "◀ measured" not in shown
    # Before the reveal the answer is plain text: no sentiment colours, no marker underlines.
    assert 'class="a' not in answer_block(at)


def test_guess_then_reveal_sets_the_guesses_beside_the_measures():
    at = app("views/workshop.py")
    at.radio(key="ws-tone").set_value("negative")
    at.selectbox(key="ws-topic").set_value("Economy and business")
    at.number_input(key="ws-people").set_value(3)
    at.get("form_submit_button")[0].click().run()
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
    assert Q2 in texts(at) and "Answer 2 of 9" in texts(at)
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


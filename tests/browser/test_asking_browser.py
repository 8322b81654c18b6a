"""Question turns in the browser (issue 13): a host's welcome and "Thank you." open no pair in an
uploaded podcast, the Reader lists only the questions asked, and the Methods page says how a question
turn is decided. Each survives a reload."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_dashboard_browser import (
    ANSWER,
    analyse,
    assert_no_errors,
    main,
    nav,
    radio_options,
    sidebar,
    upload,
)

pytestmark = pytest.mark.browser

PODCAST = """\
Ivo Marsh: Welcome back to Slow Rivers. Today my guest is Dana Pike, who paddled every canal in the county.

Dana Pike: Thanks, Ivo. Not every canal, but most of them.

Ivo Marsh: Which one surprised you?

Dana Pike: The short one behind the brewery. It is full of herons.

Ivo Marsh: Thank you.

Dana Pike: And the herons eat well there.

Ivo Marsh: Tell me about the herons.

Dana Pike: They come for the warm water from the brewery, I think.
"""


def test_welcome_and_thanks_open_no_pair_in_the_reader(page: Page, server: str, tmp_path: Path, screenshot):
    path = tmp_path / "slow-rivers-12.txt"
    path.write_text(PODCAST, encoding="utf-8")
    page.goto(server + "/upload")
    upload(page, path)
    expect(main(page)).to_contain_text("8 turns · 2 question–answer pairs")
    analyse(page, doc_prefix="slow-rivers-12")

    def check() -> None:
        expect(radio_options(page)).to_have_count(3)  # the opening, then the two questions
        questions = sidebar(page).locator("[data-testid=stRadio]")
        expect(questions).to_contain_text("Opening statement…")
        expect(questions).to_contain_text("Which one surprised you?")
        expect(questions).to_contain_text("Tell me about the herons.")
        expect(questions).not_to_contain_text("Welcome back")
        expect(questions).not_to_contain_text("Thank you.")

    check()
    # The answer after "Thank you." stays with the question before it.
    sidebar(page).locator("[data-testid=stRadioOption]").nth(1).click()
    expect(main(page).locator(ANSWER)).to_contain_text("And the herons eat well there.")
    assert_no_errors(page)
    screenshot(page, "asking-reader")
    page.reload()
    page.locator(ANSWER).wait_for()
    check()
    expect(main(page).locator(ANSWER)).to_contain_text("And the herons eat well there.")


def test_methods_page_says_how_a_question_turn_is_decided(page: Page, server: str, screenshot):
    page.goto(server + "/")
    page.locator(ANSWER).wait_for()
    nav(page, "Methods")
    said = main(page).get_by_text("Which turns are questions.")
    expect(said).to_be_visible()
    expect(main(page)).to_contain_text("a plain statement the guest takes as a question is missed")
    expect(main(page)).to_contain_text("a host's rhetorical question counts")
    screenshot(page, "asking-methods")
    page.reload()
    expect(main(page).get_by_text("Which turns are questions.")).to_be_visible()
    assert_no_errors(page)

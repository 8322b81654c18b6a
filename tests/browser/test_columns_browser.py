"""The Upload page's choice of a table's speaker and text columns (issue 13 item 7), in a real browser:
the columns the parser used are named, another text column re-reads the table, and the choice goes with
the upload into the Reader and survives a reload."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_dashboard_browser import ANSWER, assert_no_errors, main, reader_url, upload

pytestmark = pytest.mark.browser

# Invented: an interview as a CSV export, with the turns in "body" and a one-line summary of each in "note".
BRIDGES = """author,body,note,start
Mara Quinn,"Welcome to the program. What first drew you to building bridges across rivers?",Opening question about bridges?,00:00:01
Tom Reyes,"I grew up beside a wide river, and every crossing felt like a small miracle of steel and patience.",Answer about growing up by a river.,00:00:09
Mara Quinn,"And what is the hardest part of the work today, in your experience?",Question on the hardest part?,00:00:30
Tom Reyes,"Money and time. Every bridge is a promise to the next fifty years, and budgets think in one.",Answer on money and time.,00:00:41
"""


def text_column(page: Page):
    return main(page).locator("[data-testid=stSelectbox]").filter(has_text="Text column")


def test_upload_names_the_columns_and_a_chosen_text_column_reaches_the_reader_and_survives_a_reload(
    page: Page, server: str, tmp_path: Path, screenshot
):
    path = tmp_path / "bridges.csv"
    path.write_text(BRIDGES, encoding="utf-8")
    page.goto(server + "/upload")
    upload(page, path)
    expect(main(page)).to_contain_text("Read the speaker from the column author and the text from body, as the parser found them.")
    expect(main(page).get_by_role("combobox", name="Speaker column")).to_have_value("author")
    expect(main(page).get_by_role("combobox", name="Text column")).to_have_value("body")
    expect(main(page)).to_contain_text("Welcome to the program. What first drew you")

    text_column(page).click()
    page.get_by_role("option", name="note").click()
    expect(main(page)).to_contain_text("the text from note, as chosen here (the parser found author and body)")
    expect(main(page).get_by_role("combobox", name="Text column")).to_have_value("note")
    expect(main(page)).to_contain_text("Opening question about bridges?")  # the pairs as parsed, read again
    expect(main(page)).not_to_contain_text("Welcome to the program. What first drew you")
    screenshot(page, "upload-columns-chosen")

    page.get_by_role("button", name="Analyse and open in the Reader").click()
    page.wait_for_url(reader_url(doc_prefix="bridges-"))
    answer = page.locator(ANSWER)
    expect(answer).to_contain_text("Answer about growing up by a river.")
    expect(main(page)).to_contain_text("Opening question about bridges?")
    expect(main(page)).not_to_contain_text("I grew up beside a wide river")
    page.reload()
    page.locator(ANSWER).wait_for()
    expect(page.locator(ANSWER)).to_contain_text("Answer about growing up by a river.")
    expect(main(page)).not_to_contain_text("I grew up beside a wide river")
    assert_no_errors(page)

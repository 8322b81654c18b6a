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


# Invented: speakers numbered (1, 2), so no column reads as names; the user names the columns.
LIBRARY = """turn,spk,utt_text
1,1,"Where should the new library be built, in your view?"
2,2,"Near the station, so that people can stop on the way home."
3,1,"And who will pay for it?"
4,2,"The city, and a small grant from the state."
"""


def test_a_table_whose_speaker_column_is_not_found_offers_its_columns(page: Page, server: str, tmp_path: Path):
    path = tmp_path / "library-plan.csv"
    path.write_text(LIBRARY, encoding="utf-8")
    page.goto(server + "/upload")
    page.locator("[data-testid=stFileUploader]").wait_for()
    page.set_input_files("[data-testid=stFileUploaderDropzoneInput]", str(path))
    notice = main(page).locator("[data-testid=stAlertContentWarning]")
    expect(notice).to_contain_text("The CSV is missing a speaker column")
    expect(notice).to_contain_text("Choose the speaker and the text columns below.")
    expect(main(page)).not_to_contain_text("Pairs as parsed")
    main(page).get_by_role("combobox", name="Speaker column").click()
    page.get_by_role("option", name="spk").click()
    main(page).get_by_role("combobox", name="Text column").click()
    page.get_by_role("option", name="utt_text").click()
    expect(main(page)).to_contain_text("Read the speaker from the column spk and the text from utt_text, as chosen here.")
    expect(main(page)).to_contain_text("4 turns · 2 question–answer pairs")
    page.get_by_role("button", name="Analyse and open in the Reader").click()
    page.wait_for_url(reader_url(doc_prefix="library-plan-"))
    expect(page.locator(ANSWER)).to_contain_text("Near the station, so that people can stop on the way home.")
    expect(main(page)).to_contain_text("Speaker 2")
    page.reload()
    expect(page.locator(ANSWER)).to_contain_text("Near the station, so that people can stop on the way home.")
    assert_no_errors(page)


def test_a_table_kept_in_the_library_keeps_its_chosen_columns_in_the_library_and_the_reader(
    page: Page, server: str, tmp_path: Path, screenshot
):
    """The columns chosen on the Upload page go into the library with the file (as a correction): the
    Library page lists the choice and its Reader link reads the table with those columns, after a reload too."""
    from uuid import uuid4

    from tests.browser.test_corrections_browser import select_in_library

    tag = uuid4().hex[:6]  # a table of its own (the library is shared by the session's tests)
    path = tmp_path / f"plan-{tag}.csv"
    path.write_text(LIBRARY.replace("in your view?", f"in your view, {tag}?"), encoding="utf-8")
    page.goto(server + "/upload")
    page.locator("[data-testid=stFileUploader]").wait_for()
    page.set_input_files("[data-testid=stFileUploaderDropzoneInput]", str(path))
    expect(main(page).locator("[data-testid=stAlertContentWarning]")).to_contain_text("missing a speaker column")
    main(page).get_by_role("combobox", name="Speaker column").click()
    page.get_by_role("option", name="spk").click()
    main(page).get_by_role("combobox", name="Text column").click()
    page.get_by_role("option", name="utt_text").click()
    expect(main(page)).to_contain_text("4 turns · 2 question–answer pairs")
    main(page).get_by_role("button", name="Keep it in the library").click()
    kept = main(page).locator("[data-testid=stAlertContentSuccess]")
    expect(kept).to_contain_text("Kept in the library as plan-")
    doc_id = kept.inner_text().split("Kept in the library as ")[1].rstrip(". \n")
    assert_no_errors(page)

    select_in_library(page, server, doc_id)
    m = main(page)
    expect(m).to_contain_text("1. Read the speaker from column 'spk' and the text from column 'utt_text'")
    m.get_by_role("heading", name="Corrections").scroll_into_view_if_needed()
    screenshot(page, "library-kept-columns")
    m.get_by_role("button", name="Open in the Reader").click()
    page.wait_for_url(reader_url(doc_prefix=doc_id))
    expect(page.locator(ANSWER)).to_contain_text("Near the station, so that people can stop on the way home.")
    expect(main(page)).to_contain_text("Speaker 2")
    page.reload()
    expect(page.locator(ANSWER)).to_contain_text("Near the station, so that people can stop on the way home.")
    assert_no_errors(page)

"""The Library page's date and speaker filters in a real browser: the list they give, the address that
keeps them, and a reload that comes back to the same filters and the same list."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from analysis.store import library
from tests.browser.test_dashboard_browser import assert_no_errors, click_grid_row, idle, main

pytestmark = pytest.mark.browser

SPEAKER = "MS. JEAN-PIERRE"


def _set_date(page: Page, label: str, value: str) -> None:
    """Type a date into a date input: its year, month and day are spin buttons, typed in a row from the
    year's (the digits of ``value``, YYYY-MM-DD); Enter commits it."""
    main(page).get_by_role("spinbutton", name=f"year, {label}").click()
    page.keyboard.type(value.replace("-", ""))
    page.keyboard.press("Enter")
    idle(page)


def _date_value(page: Page, label: str):
    """The committed value of a date input (its hidden ISO input)."""
    return main(page).locator("[data-testid=stDateInput]").filter(has_text=label).locator("input[type=date]")


def _first_row_id(page: Page):
    """The id in the table's first row: the grid draws on a canvas, and keeps the cells in view in an
    accessible table, column 1 (after the selection boxes) being the id."""
    return main(page).locator("[data-testid=stDataFrame]").first.get_by_test_id("glide-cell-1-0")


def test_date_range_and_speaker_filter_the_list_and_survive_a_reload(page: Page, server: str, few_briefings, screenshot):
    with library.Library(Path(os.environ["DISCOURSE_LIBRARY"])) as lib:
        ids = {f.name[:10]: lib.add(f.name, f.read_bytes()).id for f in few_briefings}
    expected = ids["2023-02-03"]  # in February 2023 Ms. Jean-Pierre speaks on the 3rd and the 6th
    page.goto(server + "/library")
    m = main(page)
    expect(m).to_contain_text("documents match")
    idle(page)

    _set_date(page, "From", "2023-02-01")
    _set_date(page, "To", "2023-02-28")
    m.get_by_role("combobox", name="Speaker").click()
    page.get_by_role("option", name=SPEAKER, exact=True).click()
    idle(page)

    expect(m).to_contain_text("2 documents match")
    expect(_first_row_id(page)).to_have_text(expected)
    expect(main(page).locator("[data-testid=stDataFrame]").first.get_by_test_id("glide-cell-2-0")).to_have_text("2023-02-03")
    query = parse_qs(urlparse(page.url).query)
    assert query["lib-from"] == ["2023-02-01"] and query["lib-to"] == ["2023-02-28"] and query["lib-speaker"] == [SPEAKER]
    assert_no_errors(page)
    screenshot(page, "library-filters")

    page.reload()  # a new session from the same address
    expect(m).to_contain_text("2 documents match")
    idle(page)
    expect(_date_value(page, "From")).to_have_value("2023-02-01")
    expect(_date_value(page, "To")).to_have_value("2023-02-28")
    expect(m.get_by_role("combobox", name="Speaker")).to_have_value(SPEAKER)
    expect(_first_row_id(page)).to_have_text(expected)
    # Its row selected: the heading names it, and the caption gives its date, pairs, words and speakers.
    click_grid_row(page, m.locator("[data-testid=stDataFrame]").first, 0)
    expect(m.get_by_role("heading", level=5).first).to_contain_text(expected)
    expect(m).to_contain_text("2023-02-03 · 8 question–answer pairs · 1,237 words · speakers: MS. JEAN-PIERRE (interviewee, 10 turns)")
    assert_no_errors(page)

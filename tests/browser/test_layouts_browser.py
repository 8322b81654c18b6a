"""Issue 13 in the browser: a transcription service's export with an extension the product does not know
is read as text with a warning (the picker accepts it), and a layout read by content opens in the Reader
at its first answer, also after a reload."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from tests.browser.test_dashboard_browser import ANSWER, analyse, assert_no_errors, main, upload

DATA = Path(__file__).resolve().parents[1] / "data" / "layouts"


def test_an_export_with_an_unknown_extension_is_read_as_text_with_a_warning_and_opens_at_answer_1(
    page: Page, server: str, tmp_path: Path
):
    export = tmp_path / "standup.log"  # a Rev-style export saved as .log
    export.write_bytes((DATA / "rev.txt").read_bytes())
    page.goto(server + "/upload")
    upload(page, export)
    expect(main(page)).to_contain_text("the extension '.log' is not one of the transcript formats")
    expect(main(page)).to_contain_text("so it was read as plain text with speaker labels")
    expect(main(page)).to_contain_text("6 turns")
    analyse(page, "standup")
    answer = page.locator(ANSWER)
    expect(answer).to_contain_text("On the east bank, near the old mill.")  # answer 1, not another
    page.reload()
    expect(page.locator(ANSWER)).to_contain_text("On the east bank, near the old mill.")
    assert_no_errors(page)

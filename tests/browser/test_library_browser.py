"""The Library page's importer in a real browser: the table lists what was just added."""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from analysis.store import library
from tests.browser.test_dashboard_browser import click_grid_row

pytestmark = pytest.mark.browser

UPLOADER_INPUT = "[data-testid=stFileUploaderDropzoneInput]"
TITLE = "A long imported title about trade"
HTML = (
    f"<html><head><title>{TITLE}</title></head><body><p><strong>Q:</strong> Is free trade good?</p>"
    "<p><strong>A:</strong> Free trade builds soft power.</p></body></html>"
).encode()


def _count() -> int:
    with library.Library(Path(os.environ["DISCOURSE_LIBRARY"])) as lib:
        return lib.search("")[1]


def test_import_lists_the_new_document_at_once(page: Page, server: str, tmp_path: Path, screenshot):
    name = f"aaa-import-{uuid.uuid4().hex[:8]}.html"  # sorts right after the default interview, on page 1
    good = tmp_path / name
    good.write_bytes(HTML)
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a docx")
    page.goto(server + "/library")
    main = page.locator("[data-testid=stMain]")
    before = _count()
    expect(main).to_contain_text(f"{before:,} document{'s' if before != 1 else ''} match")
    page.locator("[data-testid=stFileUploader]").wait_for()
    page.set_input_files(UPLOADER_INPUT, [str(good), str(bad)])
    page.get_by_role("button", name="Add 2 files to the library").click()

    expect(main).to_contain_text("Done: 1 added or already there, 1 could not be read.")
    expect(main.locator("li", has_text="broken.docx")).to_contain_text("No speaker turns were recognised")
    # No other action: the count and the table already show the new document.
    expect(main).to_contain_text(f"{before + 1:,} documents match")
    table = main.locator("[data-testid=stDataFrame]").first
    # The grid draws only the columns in view: the id (the name's stem) and the title come first.
    expect(table).to_contain_text(Path(name).stem)
    expect(table).to_contain_text(TITLE)
    screenshot(page, "library-after-import")

    # Only the new document matches its name; selecting its row heads the details with its title.
    main.get_by_label("Search (id, name, title or tag)").fill(name)
    main.get_by_label("Search (id, name, title or tag)").press("Enter")
    expect(main).to_contain_text("1 document match")
    click_grid_row(page, table, 0)
    expect(main.get_by_role("heading", name=re.compile(re.escape(TITLE)))).to_be_visible()
    expect(main.get_by_role("button", name="Open in the Reader")).to_be_visible()

    page.reload()  # a new session: the outcome is gone, the document stays, the search is in the link
    expect(main).to_contain_text("1 document match")
    expect(main).not_to_contain_text("Done: 1 added")
    page.goto(server + "/library")
    expect(main).to_contain_text(f"{before + 1:,} documents match")

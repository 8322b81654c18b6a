"""File and document names written in Markdown are shown literally, in a real browser.

An upload or a library document named ``**bold** ![x](http://127.0.0.1:9/beacon.png) [link](http://example.com)
www.example.com.txt`` must show those characters as they are on every page that names it: no bold, no
image fetched from 127.0.0.1:9 (a beacon), no link to example.com (also not the bare ``www.`` autolink),
no dialog; after a reload too, and on a read-only dashboard. The page's text may hold invisible word
joiners (U+2060) where ``ui.md_escape`` breaks an autolink: the regular expressions below allow them
between the characters, and nothing else.
"""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from analysis.store import library
from benchmarks import server as server_mod
from tests.browser.test_dashboard_browser import click_grid_row

pytestmark = pytest.mark.browser

NAME = "**bold** ![x](http://127.0.0.1:9/beacon.png) [link](http://example.com) www.example.com.txt"
HOSTILE_TAG = "**tag** www.example.com"  # tags are user text too (the Library's Tag chooser lists them)
UPLOADER_INPUT = "[data-testid=stFileUploaderDropzoneInput]"
# The hostile name at 1280x720 and 1920x1080, where the other browser tests keep theirs (git-ignored).
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


def literally(text: str) -> re.Pattern:
    """``text`` character for character, with at most a word joiner (invisible) between two of them."""
    return re.compile("\u2060?".join(re.escape(c) for c in text))


def main(page: Page):
    return page.locator("[data-testid=stMain]")


def sidebar(page: Page):
    return page.locator("[data-testid=stSidebar]")


def watch(page: Page) -> list[str]:
    """Every request the page makes to the beacon's host or to example.com."""
    hits: list[str] = []
    page.on("request", lambda r: hits.append(r.url) if ("127.0.0.1:9/" in r.url or "example.com" in r.url) else None)
    return hits


def assert_inert(page: Page, beacons: list[str], dialogs: list[str]) -> None:
    """No image from the name, no link to its URLs, no bold text of it, no request, no dialog."""
    srcs = page.eval_on_selector_all("img", "els => els.map(e => e.getAttribute('src') || '')")
    hrefs = page.eval_on_selector_all("a", "els => els.map(e => e.getAttribute('href') || '')")
    assert not [s for s in srcs if "beacon" in s or "127.0.0.1:9" in s], srcs
    assert not [h for h in hrefs if "example.com" in h], hrefs
    expect(page.locator("strong, b", has_text=re.compile(r"^bold$"))).to_have_count(0)
    assert beacons == [] and dialogs == []


def _library_document(tag: str) -> str:
    """A library document (no title, so its name is what the pages show) renamed to NAME; its id."""
    text = f"Q: Is the trade with China good, {tag}?\n\nA: Trade with China is good for both sides.\n"
    with library.Library(Path(os.environ["DISCOURSE_LIBRARY"])) as lib:
        rec = lib.add(f"{tag}.txt", text.encode(), tags=[tag, HOSTILE_TAG])
        assert rec.title is None
        return lib.rename(rec.id, NAME).id


def _shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for w, h in ((1280, 720), (1920, 1080)):
        page.set_viewport_size({"width": w, "height": h})
        page.wait_for_timeout(300)  # a screenshot only, after the layout settled; no assertion depends on it
        page.screenshot(path=str(SHOTS / f"{name}-{w}x{h}.png"))
    page.set_viewport_size({"width": 1280, "height": 720})


def _check_reader_overview_workshop(page: Page, base: str, doc_id: str, beacons: list[str], dialogs: list[str], shots: str | None = None) -> None:
    name = literally(NAME)
    page.goto(f"{base}/?doc={doc_id}")
    page.locator(".dd-text[data-role=answer]").wait_for()
    expect(main(page).locator("[data-testid=stCaptionContainer]").first).to_contain_text(name)
    expect(sidebar(page)).to_contain_text(literally(NAME + " (library)"))
    assert_inert(page, beacons, dialogs)
    if shots:
        _shoot(page, f"{shots}-reader")
    page.reload()
    page.locator(".dd-text[data-role=answer]").wait_for()
    expect(sidebar(page)).to_contain_text(literally(NAME + " (library)"))
    assert_inert(page, beacons, dialogs)

    page.goto(f"{base}/overview?doc={doc_id}")
    expect(main(page).get_by_role("heading", level=4)).to_contain_text(name)
    assert_inert(page, beacons, dialogs)
    page.reload()
    expect(main(page).get_by_role("heading", level=4)).to_contain_text(name)
    assert_inert(page, beacons, dialogs)

    page.goto(f"{base}/workshop?doc={doc_id}")
    page.get_by_role("button", name="Reveal the measures").wait_for()
    page.locator("[data-testid=stExpandSidebarButton]").click()
    expect(sidebar(page)).to_contain_text(literally(NAME + " (library)"))
    page.get_by_role("button", name="Reveal the measures").click()
    expect(main(page)).to_contain_text("Topic rates")
    assert_inert(page, beacons, dialogs)
    page.reload()
    page.get_by_role("button", name="Hide the measures").wait_for()  # the reveal is kept with the workshop
    assert_inert(page, beacons, dialogs)


def _check_library(page: Page, base: str, tag: str, beacons: list[str], dialogs: list[str], shots: str | None = None) -> None:
    page.goto(f"{base}/library")
    search = main(page).get_by_label("Search (id, name, title or tag)")
    search.fill(tag)
    search.press("Enter")
    expect(main(page)).to_contain_text("1 document match")
    table = main(page).locator("[data-testid=stDataFrame]").first
    click_grid_row(page, table, 0)
    heading = main(page).get_by_role("heading", level=5).first
    expect(heading).to_contain_text(literally(NAME))
    assert_inert(page, beacons, dialogs)
    if shots:
        _shoot(page, f"{shots}-library")
    # The Tag chooser's list: its options are plain text in Streamlit (no Markdown), shown as typed.
    main(page).locator(".st-key-lib-tag").click()
    option = page.get_by_role("option", name=HOSTILE_TAG, exact=True)
    expect(option).to_be_visible()
    assert_inert(page, beacons, dialogs)
    page.keyboard.press("Escape")
    page.reload()  # the search is in the link (?lib-query=TAG): the same document again, still inert
    expect(main(page)).to_contain_text("1 document match")
    assert_inert(page, beacons, dialogs)


def test_an_uploaded_file_named_in_markdown_is_shown_literally(page: Page, server: str, dialogs: list[str]):
    beacons = watch(page)
    page.goto(server + "/upload")
    page.locator("[data-testid=stFileUploader]").wait_for()
    # Not a transcript (binary): the error names the file.
    page.set_input_files(UPLOADER_INPUT, files=[{"name": NAME, "mimeType": "text/plain", "buffer": b"\x00\x01\x02 not text"}])
    error = main(page).locator("[data-testid=stAlertContentError]")
    expect(error).to_contain_text("This file could not be read")
    expect(error).to_contain_text(literally(NAME))
    assert_inert(page, beacons, dialogs)

    # A transcript with that name: the summary names it, and the Reader too once it is analysed.
    tag = f"guard-{uuid.uuid4().hex[:8]}"
    text = f"Q: Is the trade with China good, {tag}?\n\nA: Trade with China is good for both sides.\n".encode()
    page.set_input_files(UPLOADER_INPUT, files=[{"name": NAME, "mimeType": "text/plain", "buffer": text}])
    main(page).get_by_text("Pairs as parsed").wait_for()
    expect(main(page)).to_contain_text(literally(NAME))
    expect(error).to_have_count(0)
    assert_inert(page, beacons, dialogs)
    page.get_by_role("button", name="Analyse and open in the Reader").click()
    page.locator(".dd-text[data-role=answer]").wait_for()
    expect(main(page).locator("[data-testid=stCaptionContainer]").first).to_contain_text(literally(NAME))
    expect(sidebar(page)).to_contain_text(literally(NAME + " (uploaded)"))
    assert_inert(page, beacons, dialogs)
    page.reload()  # the server keeps the upload: the link finds it, still named literally
    page.locator(".dd-text[data-role=answer]").wait_for()
    expect(sidebar(page)).to_contain_text(literally(NAME + " (uploaded)"))
    assert_inert(page, beacons, dialogs)


def test_a_library_document_renamed_in_markdown_is_shown_literally(page: Page, server: str, dialogs: list[str]):
    tag = f"guard-{uuid.uuid4().hex[:8]}"
    doc_id = _library_document(tag)
    beacons = watch(page)
    _check_library(page, server, tag, beacons, dialogs, shots="hostile")
    _check_reader_overview_workshop(page, server, doc_id, beacons, dialogs, shots="hostile")


def test_the_library_page_renames_a_document_to_markdown_and_shows_it_literally(page: Page, server: str, dialogs: list[str]):
    """The rename itself through the page's form: the heading shows the new name as typed."""
    tag = f"guard-{uuid.uuid4().hex[:8]}"
    with library.Library(Path(os.environ["DISCOURSE_LIBRARY"])) as lib:
        lib.add(f"{tag}.txt", f"Q: About trade, {tag}?\n\nA: Trade grows.\n".encode(), tags=[tag])
    beacons = watch(page)
    page.goto(server + "/library")
    search = main(page).get_by_label("Search (id, name, title or tag)")
    search.fill(tag)
    search.press("Enter")
    expect(main(page)).to_contain_text("1 document match")
    click_grid_row(page, main(page).locator("[data-testid=stDataFrame]").first, 0)
    main(page).get_by_label("Name").fill(NAME)
    main(page).get_by_role("button", name="Save").click()
    expect(main(page).get_by_role("heading", level=5).first).to_contain_text(literally(NAME))
    assert_inert(page, beacons, dialogs)


@pytest.fixture(scope="module")
def read_only_server(chromium_path, tmp_path_factory) -> Iterator[str]:
    """A second server on the same library, started with DISCOURSE_READ_ONLY=1."""
    log = tmp_path_factory.mktemp("streamlit-ro") / "server.log"
    proc, url = server_mod.start("dashboard/app.py", log=log, env={**os.environ, "DISCOURSE_READ_ONLY": "1"})
    try:
        yield url
    finally:
        server_mod.stop(proc)  # our own process, by its pid


def test_a_read_only_dashboard_shows_the_name_literally_too(browser, read_only_server: str):
    tag = f"guard-{uuid.uuid4().hex[:8]}"
    doc_id = _library_document(tag)
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    dialogs: list[str] = []
    try:
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        beacons = watch(page)
        page.goto(read_only_server + "/library")
        expect(main(page)).to_contain_text("Read-only dashboard")
        _check_library(page, read_only_server, tag, beacons, dialogs)
        _check_reader_overview_workshop(page, read_only_server, doc_id, beacons, dialogs)
    finally:
        context.close()

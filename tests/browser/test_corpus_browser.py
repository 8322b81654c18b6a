"""The Corpus page in a real browser, on about 60 briefings of ../shared: analysed on a click with a
progress bar; a mark over time opens its document in the Reader (which a reload keeps); two speakers
compared; a concordance line of two groups opens its answer; the tab and filters survive a reload."""

from __future__ import annotations

import os
import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

import pytest
from playwright.sync_api import Page, expect

from analysis.store import library
from tests.browser.test_dashboard_browser import ANSWER, assert_no_errors, click_grid_row, idle, main, radio_options

pytestmark = pytest.mark.browser

N_BRIEFINGS = 60
TIMEOUT = 120_000  # analysing 60 briefings on a slow shared machine


@pytest.fixture(scope="module")
def corpus_tag(briefings_dir: Path) -> Iterator[str]:
    """About 60 briefings spread over the years, added to the test server's library under a tag of their own."""
    files = sorted(briefings_dir.glob("*/*.md"))
    step = max(1, len(files) // N_BRIEFINGS)
    tag = f"corpus-{uuid.uuid4().hex[:8]}"
    added = []
    with library.Library(Path(os.environ["DISCOURSE_LIBRARY"])) as lib:
        for f in files[::step][:N_BRIEFINGS]:
            try:
                added.append(lib.add(f.name, f.read_bytes(), tags=[tag]).id)
            except Exception:  # noqa: BLE001 - a briefing without turns (a statement) is not in the corpus
                continue
    yield tag
    # Gone again: the other browser tests share this library, and some expect their document on page 1.
    with library.Library(Path(os.environ["DISCOURSE_LIBRARY"])) as lib:
        for doc_id in added:
            lib.delete(doc_id)


def _analysed(page: Page, url: str) -> None:
    """Open ``url``; if its documents are not analysed yet, analyse them (the button, then the progress bar)."""
    page.goto(url)
    m = main(page)
    go = m.get_by_role("button", name=re.compile(r"^Analyse \d+ documents$"))
    ready = m.get_by_text(re.compile(r"^\d+ documents · [\d,]+ answers"))
    expect(go.or_(ready)).to_be_visible(timeout=TIMEOUT)
    if go.is_visible():
        go.click()
        expect(ready).to_be_visible(timeout=TIMEOUT)
    idle(page)


def test_a_mark_over_time_opens_its_document_and_two_speakers_compare(page: Page, server: str, corpus_tag: str, screenshot):
    base = f"{server}/corpus?c-tag={corpus_tag}"
    _analysed(page, base + "&c-by=document")
    m = main(page)
    chart = m.locator(".js-plotly-plot").first
    expect(chart.locator(".scatterlayer .trace path.point").first).to_be_attached()
    screenshot(page, "corpus-over-time")
    # The earliest mark: what its hover names (customdata[0]) is the document the click must open.
    first_id = chart.evaluate("gd => gd.data[gd.data.length - 1].customdata[0][0]")
    point = chart.locator(".scatterlayer .trace").last.locator("path.point").first
    point.scroll_into_view_if_needed()
    box = point.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(re.compile(r"/(\?|reader\?)"), timeout=30_000)
    page.locator(ANSWER).wait_for()
    assert parse_qs(urlparse(page.url).query)["doc"] == [first_id]
    expect(radio_options(page).first).to_be_checked()  # its first answer
    page.reload()
    page.locator(ANSWER).wait_for()
    assert parse_qs(urlparse(page.url).query)["doc"] == [first_id]
    expect(radio_options(page).first).to_be_checked()
    assert_no_errors(page)

    # Speakers: the two most frequent answerers, selected, are drawn side by side.
    page.goto(base + "&c-view=Speakers")
    grid = main(page).locator("[data-testid=stDataFrame]").first
    expect(grid).to_be_visible(timeout=TIMEOUT)
    first, second = (grid.get_by_test_id(f"glide-cell-1-{r}").inner_text() for r in (0, 1))
    click_grid_row(page, grid, 0)
    click_grid_row(page, grid, 1)
    pair_chart = main(page).locator(".js-plotly-plot", has_text="Two speakers")
    expect(pair_chart).to_be_visible(timeout=30_000)
    expect(pair_chart).to_contain_text(first)
    expect(pair_chart).to_contain_text(second)
    screenshot(page, "corpus-speakers")
    page.reload()  # the tab and the filters are in the link
    expect(main(page).get_by_role("tab", name="Speakers")).to_have_attribute("aria-selected", "true", timeout=TIMEOUT)
    assert parse_qs(urlparse(page.url).query)["c-tag"] == [corpus_tag]
    assert_no_errors(page)


def test_a_concordance_line_of_two_groups_opens_its_answer(page: Page, server: str, corpus_tag: str, screenshot):
    groups = "&g-a=" + quote("from=2021-01-01,to=2021-12-31") + "&g-b=" + quote("from=2023-01-01,to=2023-12-31")
    url = f"{server}/corpus?c-tag={corpus_tag}&c-view=Groups{groups}&g-term=inflation"
    _analysed(page, url)
    m = main(page)
    expect(m.locator(".js-plotly-plot", has_text="Topic rates").first).to_be_visible(timeout=TIMEOUT)
    lines = m.locator("[data-testid=stDataFrame]").nth(1)  # after the tone table: group A's lines
    expect(lines).to_be_visible(timeout=TIMEOUT)
    doc_id = lines.get_by_test_id("glide-cell-1-0").inner_text()
    pair = int(lines.get_by_test_id("glide-cell-2-0").inner_text())
    screenshot(page, "corpus-groups")
    click_grid_row(page, lines, 0)
    page.wait_for_url(re.compile(rf"\?doc={re.escape(doc_id)}"), timeout=30_000)
    page.locator(ANSWER).wait_for()
    query = parse_qs(urlparse(page.url).query)
    # (the Reader leaves its first answer out of the link: no pair is pair 1)
    assert query.get("doc") == [doc_id] and query.get("pair", ["1"]) == [str(pair)], page.url
    expect(radio_options(page).nth(pair - 1)).to_be_checked()
    expect(main(page).locator(ANSWER)).to_contain_text(re.compile("inflation", re.IGNORECASE))
    page.reload()
    page.locator(ANSWER).wait_for()
    expect(radio_options(page).nth(pair - 1)).to_be_checked()
    assert_no_errors(page)


def test_a_periods_mark_lists_its_documents_and_a_row_opens_one(page: Page, server: str, corpus_tag: str):
    _analysed(page, f"{server}/corpus?c-tag={corpus_tag}&c-by=quarter")
    chart = main(page).locator(".js-plotly-plot").first
    marks = chart.locator(".scatterlayer .trace").last.locator("path.point")
    expect(marks.first).to_be_attached()
    n_docs = chart.evaluate("gd => gd.data[gd.data.length - 1].customdata[0][1]")
    box = marks.first.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    m = main(page)
    expect(m.get_by_role("heading", name=re.compile(rf"Q\d: {n_docs} documents"))).to_be_visible(timeout=30_000)
    listed = m.locator("[data-testid=stDataFrame]").first
    first_id = listed.get_by_test_id("glide-cell-1-0").inner_text()
    click_grid_row(page, listed, 0)
    page.wait_for_url(re.compile(rf"\?doc={re.escape(first_id)}"), timeout=30_000)
    page.locator(ANSWER).wait_for()
    expect(radio_options(page).first).to_be_checked()
    assert_no_errors(page)


@pytest.mark.parametrize("size", ["1280", "1920"])
def test_the_corpus_charts_are_legible(page: Page, server: str, corpus_tag: str, size: str, screenshot):
    from tests.browser.test_legibility_browser import SIZES, measure, unreadable

    page.set_viewport_size(SIZES[size])
    _analysed(page, f"{server}/corpus?c-tag={corpus_tag}&c-by=month")
    assert unreadable(measure(page, "[data-testid=stMain]")) == {}
    groups = "&g-a=" + quote("from=2021-01-01,to=2021-12-31") + "&g-b=" + quote("from=2023-01-01,to=2023-12-31")
    _analysed(page, f"{server}/corpus?c-tag={corpus_tag}&c-view=Groups{groups}")
    expect(main(page).locator(".js-plotly-plot", has_text="Distinctive terms").first).to_be_visible(timeout=TIMEOUT)
    assert unreadable(measure(page, "[data-testid=stMain]")) == {}
    screenshot(page, f"corpus-groups-{size}")

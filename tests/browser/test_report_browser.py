"""The HTML report in a real Chromium with the network off: every chart draws, nothing is fetched,
no console or page error. No dashboard server is needed (the ``browser`` fixture only)."""

from __future__ import annotations

import pytest

from analysis.pipeline import run
from analysis.transcripts import DEFAULT_DOCUMENT, load, parse_text
from render import report

pytestmark = pytest.mark.browser

VIEWPORT = {"width": 1280, "height": 720}  # as the dashboard's browser tests
TIMEOUT_MS = 30_000


@pytest.fixture(scope="module")
def report_file(tmp_path_factory) -> tuple:
    doc = load(DEFAULT_DOCUMENT)
    page = report.build(doc, run.analyze(doc, document=DEFAULT_DOCUMENT.name), source_name=DEFAULT_DOCUMENT.name)
    path = tmp_path_factory.mktemp("report") / "report.html"
    report.write(path, page)
    return path, page.count('class="plotly-graph-div"')


def test_report_opens_offline_and_draws_every_chart(browser, screenshot, report_file):
    path, n_figures = report_file
    assert n_figures >= 2 + 9  # arc, heatmap, one sentence chart per answer of the default interview
    context = browser.new_context(viewport=VIEWPORT, offline=True)
    context.set_default_timeout(TIMEOUT_MS)
    requested: list[str] = []

    def refuse(route):
        requested.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith("file://"), refuse)
    pg = context.new_page()
    console_errors: list[str] = []
    page_errors: list[str] = []
    pg.on("console", lambda m: console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: page_errors.append(str(e)))
    try:
        pg.goto(path.as_uri(), wait_until="load")
        # Each drawn chart holds .main-svg elements; wait until every figure's div has them.
        pg.wait_for_function(
            "n => [...document.querySelectorAll('.js-plotly-plot')].filter(d => d.querySelector('.main-svg')).length >= n",
            arg=n_figures,
        )
        assert pg.locator(".js-plotly-plot .main-svg").count() >= n_figures
        assert pg.locator("#answer-9 .dd-text").count() == 1
        screenshot(pg, "report")
        # A click on the arc's last answer scrolls to that answer's section.
        point = pg.locator("#fig-arc .scatterlayer .trace").first.locator(".points path").nth(8)
        point.scroll_into_view_if_needed()
        box = point.bounding_box()
        pg.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        pg.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        pg.wait_for_function("Math.abs(document.getElementById('answer-9').getBoundingClientRect().top) < 5")
        pg.locator("#answer-6 .js-plotly-plot").scroll_into_view_if_needed()
        screenshot(pg, "report-answer")
    finally:
        context.close()
    assert requested == []
    assert console_errors == []
    assert page_errors == []


def test_hostile_report_runs_no_user_script(browser, tmp_path):
    hostile = "<script>alert(1)</script>"
    img = "<img src=x onerror=alert(1)>"
    doc = parse_text(f"Q: Why {hostile} now?\n\nA: Because {img} is good. It is bad.\n")
    path = tmp_path / "hostile.html"
    report.write(path, report.build(doc, run.analyze(doc), title=f"{hostile} {img}", source_name=img))
    context = browser.new_context(viewport=VIEWPORT, offline=True)
    context.set_default_timeout(TIMEOUT_MS)
    dialogs: list[str] = []
    pg = context.new_page()
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        pg.goto(path.as_uri(), wait_until="load")
        pg.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length > 0")
        assert pg.locator("img").count() == 0
        assert hostile in pg.locator("h1").inner_text() and img in pg.locator("h1").inner_text()
        assert hostile in pg.locator("#answer-1 .question").inner_text()
        assert img in pg.locator("#answer-1 .dd-text").inner_text()
    finally:
        context.close()
    assert dialogs == []

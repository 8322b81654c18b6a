"""What a person can read on the charts: the boxes of Plotly's SVG text, measured in a real Chromium.

Every chart on the page is measured with ``getBoundingClientRect``: each tick label must lie inside the
chart's SVG and clear of every axis title, the axis titles clear of each other and inside the SVG, and
the chart's title clear of its toolbar (the modebar). The report is opened from its file
(``file://``); the dashboard pages from the session's server.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import plotly.io as pio
import pytest
from playwright.sync_api import Page, expect

from analysis.pipeline import run
from analysis.transcripts import DEFAULT_DOCUMENT, load, parse_bytes
from render import report, report_sections

pytestmark = pytest.mark.browser

TIMEOUT_MS = 30_000
SIZES = {"1280": {"width": 1280, "height": 720}, "1920": {"width": 1920, "height": 1080}}

# For each drawn chart (.js-plotly-plot) under ``root``: its size, its title and what a reader cannot
# read, by kind: "tick" (a tick label outside the SVG or under an axis title), "title" (axis titles over
# each other or outside the SVG), "modebar" (the toolbar over the chart's title).
MEASURE = """
(root) => {
  const box = (e) => { const r = e.getBoundingClientRect(); return {x0: r.left, y0: r.top, x1: r.right, y1: r.bottom, w: r.width}; };
  const meet = (a, b) => a.w > 0 && b.w > 0 && a.x0 < b.x1 - 1 && b.x0 < a.x1 - 1 && a.y0 < b.y1 - 1 && b.y0 < a.y1 - 1;
  const outside = (a, s) => a.x0 < s.x0 - 1 || a.x1 > s.x1 + 1 || a.y0 < s.y0 - 1 || a.y1 > s.y1 + 1;
  return [...document.querySelectorAll((root || '') + ' .js-plotly-plot')].filter(gd => gd.querySelector('.main-svg')).map(gd => {
    const svg = box(gd.querySelector('.main-svg'));
    const ticks = [...gd.querySelectorAll('.xaxislayer-above text, .yaxislayer-above text, .overaxes-above text')].filter(t => t.textContent && t.getBBox().width > 0);
    const titles = [...gd.querySelectorAll('.infolayer text[class$="title"]')].filter(t => !t.classList.contains('gtitle') && t.textContent);
    const gtitle = gd.querySelector('.gtitle'), modebar = gd.querySelector('.modebar');
    const problems = {tick: [], title: [], modebar: [], bar: []};
    // A bar's number (Plotly's .bartext) over a tick label: "S14" and "-0.73" read as "S14-0.73".
    for (const b of gd.querySelectorAll('.barlayer .bartext')) {
      if (!b.textContent || b.getBBox().width === 0) continue;
      for (const t of ticks) if (meet(box(b), box(t))) problems.bar.push(`'${b.textContent}' over the tick '${t.textContent}'`);
      // ... or within 3 px of another trace's bar (the Reader's similarity panel beside the tone bars).
      const own = b.closest('.trace'), near = box(b);
      const grown = {x0: near.x0 - 3, y0: near.y0, x1: near.x1 + 3, y1: near.y1, w: near.w + 6};
      for (const bar of gd.querySelectorAll('.barlayer .trace .point path')) {
        if (bar.closest('.trace') !== own && meet(grown, box(bar))) { problems.bar.push(`'${b.textContent}' against a bar of another panel`); break; }
      }
    }
    for (const t of ticks) {
      const r = box(t);
      if (outside(r, svg)) problems.tick.push(`'${t.textContent}' outside the chart`);
      for (const a of titles) if (meet(r, box(a))) problems.tick.push(`'${t.textContent}' under the title '${a.textContent}'`);
      if (gtitle && meet(r, box(gtitle))) problems.tick.push(`'${t.textContent}' under the chart's title`);
    }
    titles.forEach((a, i) => {
      if (outside(box(a), svg)) problems.title.push(`'${a.textContent}' outside the chart`);
      titles.slice(i + 1).forEach(b => { if (meet(box(a), box(b))) problems.title.push(`'${a.textContent}' over '${b.textContent}'`); });
    });
    if (gtitle && modebar && meet(box(gtitle), box(modebar))) problems.modebar.push(`toolbar over '${gtitle.textContent}'`);
    const plot = gd.querySelector('.nsewdrag');  // the plot area (the first x-y subplot)
    return {id: gd.id, title: gtitle ? gtitle.textContent : '', width: svg.x1 - svg.x0, height: svg.y1 - svg.y0,
            plot_width: plot ? plot.getBoundingClientRect().width : 0,
            ticks: ticks.map(t => t.textContent), problems};
  });
}
"""


# Resolves once the charts' text boxes are the same in two frames 250 ms apart (Plotly redraws after its
# automargin pass and Streamlit after it knows the column's width), or after 10 s.
SETTLE = """
async (root) => {
  const boxes = () => JSON.stringify([...document.querySelectorAll((root || '') + ' .js-plotly-plot text')]
      .map(t => { const r = t.getBoundingClientRect(); return [r.left, r.top, r.width]; }));
  let before = boxes();
  for (let i = 0; i < 40; i++) {
    await new Promise(r => setTimeout(r, 250));
    const now = boxes();
    if (now === before && now !== '[]') return true;
    before = now;
  }
  return false;
}
"""


def measure(page: Page, root: str = "") -> list[dict]:
    assert page.evaluate(SETTLE, root), "the charts kept moving for 10 s"
    return page.evaluate(MEASURE, root)


def unreadable(charts: list[dict], kinds: tuple[str, ...] = ("tick", "title", "modebar")) -> dict[str, list[str]]:
    """``{chart title: [problems]}`` for the charts with a problem of one of ``kinds``."""
    out = {}
    for c in charts:
        found = [p for k in kinds for p in c["problems"][k]]
        if found:
            out[c["title"] or c["id"]] = found[:5]
    return out


# --- the report ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def default_analysis():
    doc = load(DEFAULT_DOCUMENT)
    return doc, run.analyze(doc, document=DEFAULT_DOCUMENT.name)


def _write_report(path, doc, analysis, template: str, monkeypatch) -> None:
    if template == "streamlit":
        import streamlit  # noqa: F401  (registers its template and makes it Plotly's default)
    monkeypatch.setattr(pio.templates, "default", template)
    page = report.build(doc, analysis, source_name=DEFAULT_DOCUMENT.name, extras=report_sections.standard(analysis))
    report.write(path, page)


def _open_report(browser, path, size: str) -> Page:
    context = browser.new_context(viewport=SIZES[size], offline=True)
    context.set_default_timeout(TIMEOUT_MS)
    pg = context.new_page()
    pg.goto(path.as_uri(), wait_until="load")
    pg.wait_for_function("[...document.querySelectorAll('.js-plotly-plot')].every(d => d.querySelector('.main-svg'))")
    return pg


# "plotly": the CLI (python -m analysis report); "streamlit": the report downloaded from the dashboard,
# whose process has Streamlit's template (no automargin) as Plotly's default.
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("template", ["plotly", "streamlit"])
def test_report_charts_and_tables_are_readable(browser, default_analysis, tmp_path, monkeypatch, screenshot, template, size):
    doc, analysis = default_analysis
    path = tmp_path / "report.html"
    _write_report(path, doc, analysis, template, monkeypatch)
    pg = _open_report(browser, path, size)
    try:
        for attempt in ("first view", "after a reload"):
            charts = measure(pg)
            assert len(charts) >= 2 + 9 + 3, attempt  # arc, heatmap, 9 sentence charts, the sections' charts
            assert unreadable(charts, ("tick", "title")) == {}, attempt
            alignment = next(c for c in charts if c["title"].startswith("Does the answer take up"))
            assert {"0.1", "0.2"} <= set(alignment["ticks"])  # whole tick labels, not "5" for "0.25"
            # The tables fit the window: the page does not scroll sideways; numbers are rounded.
            assert pg.evaluate("document.documentElement.scrollWidth") <= SIZES[size]["width"], attempt
            cells = pg.locator("table.dd-table td.n").all_inner_texts()
            assert cells and [c for c in cells if re.search(r"\d\.\d{3,}", c)] == [], attempt
            pg.reload(wait_until="load")
            pg.wait_for_function("[...document.querySelectorAll('.js-plotly-plot')].every(d => d.querySelector('.main-svg'))")
        actors = pg.locator("section.extra").nth(2)
        actors.scroll_into_view_if_needed()
        expect(actors.locator("table.dd-table").first).to_contain_text("0.38")  # Russia's share of negative sentences
        screenshot(pg, f"legibility-report-{template}-{size}")
    finally:
        pg.context.close()


# --- the dashboard -------------------------------------------------------------------------------------


def _chart(page: Page, title: str) -> dict:
    charts = measure(page)
    found = [c for c in charts if c["title"].startswith(title)]
    assert found, f"no chart titled {title!r} among {[c['title'] for c in charts]}"
    return found[0]


def _charts_drawn(page: Page, n: int = 1) -> None:
    page.wait_for_function(
        "n => [...document.querySelectorAll('.js-plotly-plot')].filter(d => d.querySelector('.main-svg')).length >= n", arg=n
    )


@pytest.mark.parametrize("pair", [6, 4, 1])  # 6: 42 sentences; 4: six below -0.5 (long bars to the left); 1: +0.77 by the similarity bars
def test_reader_sentence_chart_axis_titles_apart_at_1280_and_1920(page: Page, server: str, screenshot, pair):
    page.goto(server + f"/?pair={pair}")
    page.locator(".dd-text[data-role=answer]").wait_for()
    _charts_drawn(page)
    for size in ("1280", "1920"):
        page.set_viewport_size(SIZES[size])
        for attempt in ("first view", "after a reload"):
            chart = _chart(page, "Sentence by sentence")
            assert chart["problems"]["title"] == [] and chart["problems"]["tick"] == [], (size, attempt)
            assert chart["problems"]["bar"] == [], (size, attempt)
            assert {"S1", "S13", "0.5"} <= set(chart["ticks"]), (size, attempt)
            page.reload()
            page.locator(".dd-text[data-role=answer]").wait_for()
            _charts_drawn(page)
        screenshot(page, f"legibility-reader-{pair}-{size}")


# The Reader's topic and marker bars (HTML tables): every cell inside the column that holds the table, and
# the header over the bars on one line.
TABLE_FITS = """
() => [...document.querySelectorAll('.dd-topics')].map(t => {
  const column = t.closest('[data-testid=stColumn]').getBoundingClientRect();
  const out = [...t.querySelectorAll('td')].filter(c => c.textContent.trim() && c.getBoundingClientRect().right > column.right + 1)
      .map(c => c.textContent.trim());
  const head = t.querySelector('.head');
  const line = head ? parseFloat(getComputedStyle(head).lineHeight) || 20 : 0;
  return {out, head_lines: head ? Math.round(head.getBoundingClientRect().height / line) : 0};
})
"""


@pytest.mark.parametrize("size", ["1280", "1920"])
def test_reader_topic_and_marker_tables_fit_their_column(page: Page, server: str, screenshot, size):
    page.set_viewport_size(SIZES[size])
    page.goto(server + "/?pair=6")
    page.locator(".dd-topics").first.wait_for()
    for attempt in ("first view", "after a reload"):
        tables = page.evaluate(TABLE_FITS)
        assert len(tables) == 2, attempt  # topics and markers
        assert all(t["out"] == [] for t in tables), (attempt, tables)
        assert tables[0]["head_lines"] == 1, (attempt, tables)
        page.reload()
        page.locator(".dd-topics").first.wait_for()
    page.locator(".dd-topics").first.evaluate("e => e.scrollIntoView({block: 'start'})")
    screenshot(page, f"legibility-reader-topics-{size}")


# The text labels drawn beside points (Plotly's .textpoint): each inside the chart and clear of the others.
POINT_LABELS = """
(title) => {
  const gd = [...document.querySelectorAll('.js-plotly-plot')].find(g => (g.querySelector('.gtitle') || {}).textContent?.startsWith(title));
  const svg = gd.querySelector('.main-svg').getBoundingClientRect();
  const labels = [...gd.querySelectorAll('.scatterlayer .textpoint text')].filter(t => t.textContent)
      .map(t => { const r = t.getBoundingClientRect(); return {text: t.textContent, x0: r.left, y0: r.top, x1: r.right, y1: r.bottom}; });
  const problems = [];
  labels.forEach((a, i) => {
    if (a.x0 < svg.left - 1 || a.x1 > svg.right + 1 || a.y0 < svg.top - 1 || a.y1 > svg.bottom + 1) problems.push(`'${a.text}' cut off`);
    labels.slice(i + 1).forEach(b => {
      if (a.x0 < b.x1 - 1 && b.x0 < a.x1 - 1 && a.y0 < b.y1 - 1 && b.y0 < a.y1 - 1) problems.push(`'${a.text}' over '${b.text}'`);
    });
  });
  return {labels: labels.map(l => l.text), problems};
}
"""


def _compare_is_readable(page: Page, where: str) -> list[str]:
    charts = measure(page)
    titles = [c["title"] for c in charts]
    assert any(t.startswith("Topic rates") for t in titles) and any(t.startswith("Distinctive terms") for t in titles), titles
    assert unreadable(charts) == {}, where
    topics = _chart(page, "Topic rates")
    assert {"0", "20"} <= set(topics["ticks"]), (where, topics["ticks"])
    # The topics' labels leave the differences room: at least 40% of the chart's width is the plot.
    assert topics["plot_width"] >= 0.4 * topics["width"], (where, topics["plot_width"], topics["width"])
    terms = page.evaluate(POINT_LABELS, "Distinctive terms")
    assert terms["labels"] and terms["problems"] == [], where
    return terms["labels"]


def test_compare_ticks_term_labels_and_toolbar_leave_every_label_readable(page: Page, server: str, screenshot):
    page.goto(server + "/compare")
    _charts_drawn(page, 3)
    for size in ("1280", "1920"):
        page.set_viewport_size(SIZES[size])
        words = _compare_is_readable(page, f"{size}, words")
        assert "image" in words  # the most distinctive term keeps its label
        screenshot(page, f"legibility-compare-{size}")
    page.set_viewport_size(SIZES["1280"])
    # Words and two-word phrases, rarer ones too: more labels to place, and long ones.
    page.get_by_role("radio", name="both").click()
    minimum = page.get_by_label("Minimum count (both sides)")
    minimum.fill("2")
    minimum.press("Enter")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.js-plotly-plot .scatterlayer .point')].length > 60"
    )
    assert len(_compare_is_readable(page, "1280, words and phrases")) >= 8
    page.locator(".js-plotly-plot").nth(2).scroll_into_view_if_needed()
    screenshot(page, "legibility-compare-phrases-1280")
    page.reload()
    _charts_drawn(page, 3)
    _compare_is_readable(page, "1280, after a reload")


# --- a long briefing's heatmaps ------------------------------------------------------------------------

# 116 answers: the heatmap was 3,900 px tall with the topic names only at its bottom.
LONG = ("2023-04/2023-04-06-press-briefing-by-press-secretary-karine-jean-pierre-and-national-security-council-"
        "coordinator-for-strategic-communications-john-kirby-9.md")

# The heatmap's axis labels: the column names of each x axis with their boxes, the row labels' centres.
HEATMAP_AXES = """
() => {
  const gd = document.querySelector('.js-plotly-plot');
  const box = t => { const r = t.getBoundingClientRect(); return {text: t.textContent, top: r.top, bottom: r.bottom, mid: (r.top + r.bottom) / 2}; };
  const svg = gd.querySelector('.main-svg').getBoundingClientRect();
  const plot = gd.querySelector('.nsewdrag').getBoundingClientRect();
  const columns = [...gd.querySelectorAll('.xaxislayer-above text, .overaxes-above text')].filter(t => t.textContent).map(box);
  return {svg_height: svg.height, plot_top: plot.top, plot_bottom: plot.bottom,
          above: columns.filter(c => c.bottom <= plot.top + 1), below: columns.filter(c => c.top >= plot.bottom - 1),
          rows: [...gd.querySelectorAll('.yaxislayer-above text')].map(box)};
}
"""


@pytest.fixture(scope="module")
def long_briefing(briefings_dir: Path) -> tuple[str, int]:
    """The long briefing in the test session's library (the server reads the same file): its id, its answers."""
    from analysis.store.library import Library

    data = (briefings_dir / LONG).read_bytes()
    with Library(Path(os.environ["DISCOURSE_LIBRARY"])) as lib:
        record = lib.add(Path(LONG).name, data)
    return record.id, len(parse_bytes(data, name=Path(LONG).name).pairs)


def _assert_heatmap_names_visible(page: Page, names: set[str], n_rows: int, where: str) -> None:
    charts = measure(page)
    assert unreadable(charts) == {}, where
    axes = page.evaluate(HEATMAP_AXES)
    # The names above the cells, inside the window as the page opens (no scrolling), and below them too.
    above = {c["text"] for c in axes["above"] if 0 <= c["top"] and c["bottom"] <= page.viewport_size["height"]}
    assert names <= above, (where, names - above)
    assert names <= {c["text"] for c in axes["below"]}, where
    # Every answer labelled, on rows of 18-24 px.
    rows = axes["rows"]
    assert [r["text"] for r in rows] == [f"A{i}" for i in range(1, n_rows + 1)], where
    pitch = (rows[-1]["mid"] - rows[0]["mid"]) / (n_rows - 1)
    assert 18 <= pitch <= 24, (where, pitch)


@pytest.mark.parametrize(("view", "names"), [
    ("Topics", {"Economy and business", "Security, military and conflict", "People-to-people and public engagement"}),
    ("Markers", {"Hedges", "Negation", "Boosters and certainty"}),
])
def test_long_briefing_heatmap_names_its_columns_on_top_and_keeps_rows_legible(
    page: Page, server: str, long_briefing, screenshot, view, names
):
    doc_id, n_answers = long_briefing
    page.goto(f"{server}/overview?doc={doc_id}&view={view}")
    expect(page.get_by_role("tab", name=view)).to_have_attribute("aria-selected", "true")
    _charts_drawn(page)
    n_rows = len(page.evaluate(HEATMAP_AXES)["rows"])
    assert n_rows >= 100 and n_rows in (n_answers, n_answers + 1)  # every answer (and an opening statement)
    _assert_heatmap_names_visible(page, names, n_rows, "first view at 1280x720")
    screenshot(page, f"legibility-heatmap-{view.lower()}-1280")
    page.reload()
    _charts_drawn(page)
    _assert_heatmap_names_visible(page, names, n_rows, "after a reload")
    page.set_viewport_size(SIZES["1920"])
    _assert_heatmap_names_visible(page, names, n_rows, "at 1920x1080")
    screenshot(page, f"legibility-heatmap-{view.lower()}-1920")
    # A cell far down the heatmap still opens its answer (the click marks moved to the bottom axis).
    cells = page.locator(".js-plotly-plot").first.locator(".scatterlayer .trace path.point")
    per_row = cells.count() // n_rows
    cells.nth(99 * per_row + 2).click(force=True)  # row A100, third column
    page.wait_for_url(re.compile(r"[?&]pair=100(&|$)"))
    expect(page.locator("[data-testid=stMain]")).to_contain_text("Question 100 · asked by")


def test_report_heatmap_of_a_long_briefing_names_its_topics_on_top(browser, briefings_dir: Path, tmp_path):
    doc = load(briefings_dir / LONG)
    analysis = run.analyze(doc)
    path = tmp_path / "long.html"
    report.write(path, report.build(doc, analysis, source_name=Path(LONG).name))
    pg = _open_report(browser, path, "1280")
    try:
        pg.locator("#fig-heatmap").scroll_into_view_if_needed()
        pg.evaluate("document.getElementById('fig-heatmap').scrollIntoView()")
        charts = [c for c in measure(pg, "#charts") if c["id"] == "fig-heatmap"]
        assert unreadable(charts) == {}
        axes = pg.evaluate(HEATMAP_AXES.replace("document.querySelector('.js-plotly-plot')", "document.getElementById('fig-heatmap')"))
        assert "Economy and business" in {c["text"] for c in axes["above"] if 0 <= c["top"] and c["bottom"] <= 720}
        pitch = (axes["rows"][-1]["mid"] - axes["rows"][0]["mid"]) / (len(axes["rows"]) - 1)
        assert 18 <= pitch <= 24, pitch
    finally:
        pg.context.close()

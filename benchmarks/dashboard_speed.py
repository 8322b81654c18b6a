"""Time the dashboard in headless Chromium against a bare Streamlit page with one Plotly chart.

    python benchmarks/dashboard_speed.py [--runs 7]

Starts two local servers (the dashboard and benchmarks/floor_app.py), then, for each, measures:

- first view: a new browser context opens the page (server already up) until its charts are drawn
  (the dashboard: the Reader's sentence chart and its topic bars; the floor: its one chart);
- switch: from the click on another option of the radio (timed in the page, from the click event)
  to the first frame showing the new chart (the dashboard: the new answer's question header and its
  sentence chart with that answer's bars).

Prints the median of ``--runs`` (at least five) and the ratio dashboard / floor. The first view of
the dashboard's very first session includes parsing and analysing the document (cold cache); it is
printed separately and left out of the median.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.server import start, stop  # noqa: E402
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


BARS = "document.querySelectorAll('.js-plotly-plot')[{i}]?.querySelectorAll('.barlayer .point').length || 0"
# The switch is timed inside the page: from the click event (captured on the document) to the first
# animation frame where the condition holds, so Playwright's own click overhead is not counted.
ARM = "window.__t0 = null; document.addEventListener('click', () => { if (window.__t0 === null) window.__t0 = performance.now(); }, {capture: true, once: true});"


def timed_until(page, condition: str, timeout: int = 60_000) -> float:
    page.wait_for_function(
        f"(() => {{ if ({condition}) {{ window.__t1 = performance.now(); return true; }} return false; }})()",
        polling="raf", timeout=timeout,
    )
    return page.evaluate("(window.__t1 - window.__t0) / 1000")


def measure_dashboard(browser, base: str, runs: int) -> tuple[float, list[float], list[float]]:
    firsts, switches = [], []
    cold = None
    for run in range(runs + 1):
        ctx = browser.new_context(viewport={"width": 1280, "height": 720})
        page = ctx.new_page()
        t0 = time.perf_counter()
        page.goto(base + "/")
        page.wait_for_function(f"({BARS.format(i=0)}) > 0 && document.querySelector('.dd-topics') !== null", timeout=120_000)
        first = time.perf_counter() - t0
        if run == 0:
            cold = first
        else:
            firsts.append(first)
        # Switch to the next answer: its header, then its sentence chart redrawn.
        target = 2 + (run % 7)
        labels = page.locator("[data-testid=stSidebar] [data-testid=stRadio] label")
        page.evaluate(ARM)
        labels.nth(target).click()
        switches.append(
            timed_until(
                page,
                f"document.body.innerText.includes('Question {target} · asked by') &&"
                f" (() => {{ const p = document.querySelectorAll('.js-plotly-plot')[0];"
                f" return p && p.data && p.data[0].customdata && p.data[0].customdata[0][2] == {target}"
                f" && p.data[0].y.length === {expected_sentences(target)}; }})()",
            )
        )
        ctx.close()
    return cold, firsts, switches


def expected_sentences(pair: int) -> int:
    from analysis.pipeline import run
    from analysis.transcripts import DEFAULT_DOCUMENT, load

    if not hasattr(expected_sentences, "cache"):
        a = run.analyze(load(DEFAULT_DOCUMENT), detail="summary")
        expected_sentences.cache = dict(zip(a.answers["pair"], a.answers["n_sentences"]))
    return int(expected_sentences.cache[pair])


def measure_floor(browser, base: str, runs: int) -> tuple[list[float], list[float]]:
    firsts, switches = [], []
    for run in range(runs + 1):
        ctx = browser.new_context(viewport={"width": 1280, "height": 720})
        page = ctx.new_page()
        t0 = time.perf_counter()
        page.goto(base + "/")
        page.wait_for_function(f"({BARS.format(i=0)}) > 0", timeout=60_000)
        if run:
            firsts.append(time.perf_counter() - t0)
        target = 2 + (run % 7)
        page.evaluate(ARM)
        page.locator("[data-testid=stRadio] label").nth(target).click()
        took = timed_until(
            page,
            f"document.body.innerText.includes('Series {target}') &&"
            f" (() => {{ const p = document.querySelectorAll('.js-plotly-plot')[0];"
            f" return p && p.data && p.data[0].y.length === {10 + target}; }})()",
        )
        if run:
            switches.append(took)
        ctx.close()
    return firsts, switches


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    if args.runs < 5:
        raise SystemExit("--runs must be at least 5")
    from playwright.sync_api import sync_playwright

    dash, dash_url = start("dashboard/app.py")
    floor, floor_url = start("benchmarks/floor_app.py")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            f_first, f_switch = measure_floor(browser, floor_url, args.runs)
            cold, d_first, d_switch = measure_dashboard(browser, dash_url, args.runs)
            browser.close()
    finally:
        stop(dash)
        stop(floor)
    med = statistics.median
    print(f"runs: {args.runs} (median reported; first dashboard view of the first session, cold cache: {cold:.2f} s)")
    print(f"{'':28}{'dashboard':>12}{'floor':>10}{'ratio':>8}")
    print(f"{'first view to charts (s)':28}{med(d_first):>12.2f}{med(f_first):>10.2f}{med(d_first) / med(f_first):>8.2f}")
    print(f"{'switch answer to charts (s)':28}{med(d_switch):>12.2f}{med(f_switch):>10.2f}{med(d_switch) / med(f_switch):>8.2f}")
    print("targets: first view < 2 s, switch < 0.5 s; where the floor is above that, ratio <= 1.2")


if __name__ == "__main__":
    main()

"""Time the Library page and the Overview of library documents with the whole briefings corpus stored.

    python benchmarks/library_speed.py [--library PATH] [--runs 5] [--corpus DIR]

1. Fills a corpus library (default: a new file in a temporary folder; ``--library`` reuses or fills
   one) with every briefing of ``../shared/corpus/wh-press-briefings`` (timed; files that cannot be
   read are counted).
2. Starts the dashboard with ``DISCOURSE_LIBRARY`` pointing at it, and the bare one-chart floor page
   (benchmarks/floor_app.py), and measures in headless Chromium, each in a new browser context:
   - Library page: from navigation to its table and its "N documents match" caption;
   - Library search: from typing a query to the caption of the new result;
   - Library filtered: the page opened from a link with a date range and a speaker
     (``/library?lib-from=...&lib-to=...&lib-speaker=MS.+JEAN-PIERRE``) to its table and caption;
   - Overview of a library document (a different briefing each run, so never from the cache): from
     navigation to its first tab's chart (the sentiment arc) drawn; then from a click on the Topics tab
     to its heatmap drawn; then the same Overview again in a new browser context (the analysis now
     cached in the server: what is left is drawing);
   - the floor: from navigation to its chart.
Prints the median of ``--runs`` and each ratio to the floor. Target: under 2 s; where the
floor itself is above that on this machine, at most 1.2 times the floor.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.dashboard_speed import ARGS, CHROMIUM  # noqa: E402
from benchmarks.server import start, stop  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "wh-press-briefings"


def fill(path: Path, corpus: Path) -> tuple[int, int, float]:
    from analysis.errors import DiscourseError
    from analysis.store.library import Library

    files = sorted(corpus.rglob("*.md"))
    failed = 0
    t0 = time.perf_counter()
    with Library(path) as lib:
        for f in files:
            try:
                lib.add(f.name, f.read_bytes(), tags=["wh-briefing", f.parent.name[:4]])
            except DiscourseError:
                failed += 1
        total = lib.count()
    return total, failed, time.perf_counter() - t0


# The Overview opens on its first tab, the sentiment arc: drawn when its markers are (one per answer).
ARC_DRAWN = (
    "document.querySelector('[role=tab][aria-selected=true]')?.textContent.includes('Sentiment arc')"
    " && document.querySelectorAll('.js-plotly-plot .scatterlayer path.point').length > 0"
)
HEATMAP_DRAWN = (
    "document.querySelector('[role=tab][aria-selected=true]')?.textContent.includes('Topics')"
    " && document.querySelectorAll('.js-plotly-plot .heatmaplayer image, .js-plotly-plot .heatmaplayer path').length > 0"
    " && !document.querySelector('[data-stale=true]')"
)


def timed(page, url: str, condition: str) -> float:
    t0 = time.perf_counter()
    page.goto(url)
    page.wait_for_function(condition, timeout=120_000, polling="raf")
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--library", type=Path, default=None)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    path = args.library or Path(tempfile.mkdtemp(prefix="library-speed-")) / "library.sqlite3"
    total, failed, took = fill(path, args.corpus)
    print(f"library {path}: {total:,} documents ({failed} files could not be read), filled in {took:.1f} s")

    from analysis.store.library import Library
    from playwright.sync_api import sync_playwright

    with Library(path) as lib:
        ids = [r.id for r in lib.search("press-briefing", limit=args.runs + 1)[0]]
    env = {**os.environ, "DISCOURSE_LIBRARY": str(path)}
    env.pop("DISCOURSE_READ_ONLY", None)
    dash, dash_url = start("dashboard/app.py", env=env)
    floor, floor_url = start("benchmarks/floor_app.py", env=env)
    lib_page, search, filtered, overview, again, floor_first, heat = [], [], [], [], [], [], []
    matched = "document.body.innerText.includes('documents match')"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for run in range(args.runs + 1):  # run 0 warms the servers up and is left out
                ctx = browser.new_context(viewport={"width": 1280, "height": 720})
                page = ctx.new_page()
                f = timed(page, floor_url + "/", "(document.querySelector('.js-plotly-plot .main-svg') !== null)")
                l = timed(page, dash_url + "/library", f"{matched} && document.querySelector('[data-testid=stDataFrame]') !== null")
                box = page.get_by_label("Search (id, name, title or tag)")
                t0 = time.perf_counter()
                box.fill(f"2023-0{1 + run % 9}")
                box.press("Enter")
                page.wait_for_function(
                    f"document.body.innerText.match(/([0-9,]+) documents? match/) && !document.body.innerText.includes('{total:,} documents match')",
                    timeout=120_000, polling="raf",
                )
                s = time.perf_counter() - t0
                month = f"2023-{1 + run % 9:02d}"
                link = f"{dash_url}/library?lib-from={month}-01&lib-to={month}-28&lib-speaker=MS.+JEAN-PIERRE"
                fl = timed(page, link, f"{matched} && document.querySelector('[data-testid=stDataFrame]') !== null")
                o = timed(page, f"{dash_url}/overview?doc={ids[run % len(ids)]}", ARC_DRAWN)
                t0 = time.perf_counter()
                page.get_by_role("tab", name="Topics").click()
                page.wait_for_function(HEATMAP_DRAWN, timeout=120_000, polling="raf")
                h = time.perf_counter() - t0
                ctx.close()
                ctx = browser.new_context(viewport={"width": 1280, "height": 720})  # the same document again
                o2 = timed(ctx.new_page(), f"{dash_url}/overview?doc={ids[run % len(ids)]}", ARC_DRAWN)
                ctx.close()
                if run:
                    floor_first.append(f), lib_page.append(l), search.append(s), overview.append(o), again.append(o2)
                    filtered.append(fl)
                    heat.append(h)
            browser.close()
    finally:
        stop(dash)
        stop(floor)
    med = statistics.median
    base = med(floor_first)
    print(f"runs: {args.runs} (median)        seconds   floor   ratio")
    for name, values in (("library page", lib_page), ("library search", search), ("library filtered (link)", filtered),
                         ("overview of a library doc", overview),
                         ("overview: to the Topics tab", heat), ("the same overview again", again)):
        print(f"{name:28}{med(values):>8.2f}{base:>8.2f}{med(values) / base:>8.2f}")
    print("target: under 2 s; where the floor (a bare page with one chart) is above that, ratio <= 1.2")


if __name__ == "__main__":
    main()

"""Time the corpus layer on the White House briefings: analyse (cold, warm), the corpus command, group keyness.

    python benchmarks/corpus_speed.py [--library PATH] [--corpus DIR] [--jobs 2]

Prints figures; it is not a test. Steps:

1. a library of every briefing of ``../shared/corpus/wh-press-briefings`` (a new file in a temporary
   folder, or ``--library PATH``, filled if it lacks them; timed);
2. :func:`analysis.corpus.analyse` of about 60 briefings (January to March 2023) and then of every
   document, ``--jobs`` processes: cold (nothing stored: every document analysed and stored; with a
   ``--library`` that holds results already this is warm too) and warm (everything read back), and the
   sentences read on first use;
3. the measures: ``over_time(..., "tone", by="month")`` and by document, ``speakers``, the actor
   mentions the first time (``actor:russia``) and again;
4. ``python -m analysis corpus --by month --measure topic:economy`` in a subprocess (interpreter start
   and imports included), warm;
5. groups: the 2021 against the 2023 briefings: tone, topic profile (bootstrap), distinctive terms the
   first time (every answer tokenised) and again (tokens kept on the sides); target 2 s the first time;
6. the Corpus page in headless Chromium at 1280x720 against the bare one-chart floor page
   (benchmarks/floor_app.py) measured in the same run, each view in a new browser context (``--runs``,
   median; run 0 warms the servers up): the first view of every briefing over time (tag ``wh-briefing``:
   from navigation to its chart drawn), a change of the period (a click on *quarter*: to the redrawn
   chart) against the floor's redraw (a click on its radio: to its redrawn chart), the Groups tab with
   2021 against 2023 the first time in the server and again (to the distinctive-terms chart), and the
   dashboard server's peak memory (VmHWM of its process). ``--no-browser`` leaves this step out.

A results folder (``analyze --out DIR/``, ``load_results``) is not built, so it is not timed.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from analysis.corpus import Selection, aggregate, analyse, groups, select
from analysis.errors import DiscourseError
from analysis.store.library import Library

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "wh-press-briefings"
TARGET_KEYNESS = 2.0


def timed(what: str, fn, *args, **kwargs):
    t0 = time.perf_counter()
    out = fn(*args, **kwargs)
    seconds = time.perf_counter() - t0
    print(f"{what:<62} {seconds:8.2f} s", flush=True)
    return out, seconds


def fill(lib: Library, corpus: Path) -> int:
    files = sorted(corpus.rglob("*.md"))
    failed = 0
    for f in files:
        try:
            lib.add(f.name, f.read_bytes(), tags=["wh-briefing", f.parent.name[:4]])
        except DiscourseError:
            failed += 1
    return failed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--library", type=Path, default=None)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    path = args.library or Path(tmp.name) / "library.sqlite3"
    print(f"load average before: {os.getloadavg()[0]:.2f} (2 cores shared: other work slows the cold runs)")
    with Library(path) as lib:
        failed, _ = timed(f"library filled ({args.corpus.name})", fill, lib, args.corpus)
        print(f"  {lib.count():,} documents ({failed} files could not be read)")
        q1 = select(lib, Selection.from_spec("from=2023-01-01,to=2023-03-31"))
        every = select(lib, Selection())
        timed(f"analyse {len(q1)} briefings (Q1 2023), jobs={args.jobs}: cold", analyse, lib, q1, jobs=args.jobs)
        timed(f"analyse {len(q1)} briefings: warm", analyse, lib, q1, jobs=args.jobs)
        timed(
            f"analyse all {len(every):,} documents, jobs={args.jobs}: cold (but Q1 2023)",
            analyse,
            lib,
            every,
            jobs=args.jobs,
        )
        corpus, _ = timed(f"analyse all {len(every):,} documents: warm", analyse, lib, every, jobs=args.jobs)
        timed("  sentences on first use", lambda: corpus.sentences)
        print(f"  {len(corpus.answers):,} answers, {len(corpus.sentences):,} sentences")
        timed("over_time(tone, by=month)", aggregate.over_time, corpus, "tone", "month")
        timed("over_time(topic:economy, by=document)", aggregate.over_time, corpus, "topic:economy", "document")
        timed("speakers", aggregate.speakers, corpus)
        timed(
            "over_time(actor:russia, by=month): mentions found (first time)",
            aggregate.over_time,
            corpus,
            "actor:russia",
            "month",
        )
        timed(
            "over_time(actor_tone:russia, by=month): mentions kept",
            aggregate.over_time,
            corpus,
            "actor_tone:russia",
            "month",
        )
        small, _ = timed("analyse Q1 2023 again (for its actors)", analyse, lib, q1)
        timed(f"  actor mentions of {len(q1)} briefings (first time)", aggregate.actor_mentions, small)

        a = analyse(lib, select(lib, Selection(tag="2021")))
        b = analyse(lib, select(lib, Selection(tag="2023")))
        g = groups(a, b, label_a="2021", label_b="2023")
        timed("groups 2021 vs 2023: tone", lambda: g.tone)
        timed("groups: topic and marker profile (1,000 bootstrap resamples)", lambda: g.topics)
        _, first = timed("groups: distinctive terms, first time", g.terms)
        print(
            f"  sides: {g.side_a.n_words:,} and {g.side_b.n_words:,} answer words; target {TARGET_KEYNESS:g} s first time:"
            f" {'met' if first <= TARGET_KEYNESS else 'missed'}"
        )
        timed("groups: distinctive terms, bigrams (tokens kept)", g.terms, ngrams="bigrams")
        g._terms.clear()
        timed("groups: distinctive terms again (tokens kept on the sides)", g.terms)
        timed("groups: kwic 'inflation' on 2023", g.kwic, "b", "inflation")

    command = [
        sys.executable,
        "-m",
        "analysis",
        "corpus",
        "--library",
        str(path),
        "--by",
        "month",
        "--measure",
        "topic:economy",
    ]
    done, _ = timed(
        "python -m analysis corpus --by month --measure topic:economy",
        subprocess.run,
        command,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    print(f"  exit {done.returncode}, {len(done.stdout.splitlines()) - 1} rows")

    if not args.no_browser:
        browser_figures(path, args.runs)

    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:,.0f} MB")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


CHART = "document.querySelectorAll('.js-plotly-plot .scatterlayer path.point').length > 0"


def _title(text: str) -> str:
    return f"[...document.querySelectorAll('.js-plotly-plot .gtitle')].some(t => t.textContent.includes({text!r}))"


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def browser_figures(path: Path, runs: int) -> None:
    """Step 6 of the module docstring."""
    import statistics

    from playwright.sync_api import sync_playwright

    from benchmarks.dashboard_speed import ARGS, CHROMIUM
    from benchmarks.server import start, stop

    env = {**os.environ, "DISCOURSE_LIBRARY": str(path)}
    env.pop("DISCOURSE_READ_ONLY", None)
    dash, dash_url = start("dashboard/app.py", env=env, timeout=120)
    floor, floor_url = start("benchmarks/floor_app.py", env=env)
    figures: dict[str, list[float]] = {k: [] for k in ("floor", "floor redraw", "corpus", "period", "groups", "groups again")}
    groups = "&c-view=Groups&g-a=tag%3D2021&g-b=tag%3D2023"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for run in range(runs + 1):  # run 0 warms the servers up (and loads the corpus once) and is left out
                ctx = browser.new_context(viewport={"width": 1280, "height": 720})
                page = ctx.new_page()
                t0 = time.perf_counter()
                page.goto(floor_url + "/")
                page.wait_for_function("document.querySelector('.js-plotly-plot .main-svg') !== null", timeout=120_000)
                f = time.perf_counter() - t0
                target = 2 + run % 7
                t0 = time.perf_counter()
                page.locator("[data-testid=stRadio] label").nth(target).click()
                page.wait_for_function(
                    f"(() => {{ const g = document.querySelector('.js-plotly-plot'); return g && g.data && g.data[0].y.length === {10 + target}; }})()",
                    timeout=120_000,
                )
                fr = time.perf_counter() - t0
                t0 = time.perf_counter()
                page.goto(dash_url + "/corpus?c-tag=wh-briefing&c-by=month")
                page.wait_for_function(f"{CHART} && {_title('by month')}", timeout=300_000, polling="raf")
                c = time.perf_counter() - t0
                t0 = time.perf_counter()
                page.get_by_role("button", name="quarter", exact=True).click()
                page.wait_for_function(f"{CHART} && {_title('by quarter')}", timeout=120_000, polling="raf")
                q = time.perf_counter() - t0
                page.get_by_role("button", name="month", exact=True).click()  # back, for the next context
                page.wait_for_function(_title("by month"), timeout=120_000, polling="raf")
                ctx.close()
                ctx = browser.new_context(viewport={"width": 1280, "height": 720})
                page = ctx.new_page()
                t0 = time.perf_counter()
                page.goto(dash_url + "/corpus?c-tag=wh-briefing" + groups)
                page.wait_for_function(_title("Distinctive terms"), timeout=300_000, polling="raf")
                g = time.perf_counter() - t0
                ctx.close()
                if run == 0:
                    print(f"  corpus page, first view in a new server (the corpus read from the library): {c:.2f} s;"
                          f" groups 2021 vs 2023 the first time: {g:.2f} s")
                    continue
                for k, v in zip(figures, (f, fr, c, q, g, g)):
                    figures[k].append(v)
            browser.close()
        peak = _peak_mb(dash.pid)
    finally:
        stop(dash)
        stop(floor)
    med = {k: statistics.median(v) for k, v in figures.items() if v}
    print(f"Corpus page, {runs} runs (median), 1,280x720:      seconds   floor   ratio")
    print(f"  first view of every briefing by month    {med['corpus']:>8.2f}{med['floor']:>8.2f}{med['corpus'] / med['floor']:>8.2f}")
    print(f"  to quarters (a click; floor: its redraw) {med['period']:>8.2f}{med['floor redraw']:>8.2f}{med['period'] / med['floor redraw']:>8.2f}")
    print(f"  groups 2021 vs 2023, kept in the server  {med['groups']:>8.2f}{med['floor']:>8.2f}{med['groups'] / med['floor']:>8.2f}")
    print(f"  dashboard server's peak memory: {peak:,.0f} MB (target 1,024 MB)")


if __name__ == "__main__":
    main()

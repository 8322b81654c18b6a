"""Load: N concurrent sessions against one local dashboard server, for a bounded time.

    python benchmarks/load_sessions.py [--sessions 20] [--seconds 60] [--client browser|ws] [--seed 0]
                                       [--think 0.3,1.5] [--timeout 30] [--url http://127.0.0.1:PORT]

Starts its own server (``streamlit run dashboard/app.py --server.headless true
--browser.gatherUsageStats false`` on a free port of 127.0.0.1) unless ``--url`` is given, and stops only
that process, by its pid. Localhost only: ``--url`` must be 127.0.0.1 or localhost.

Clients (``--client``):

- ``browser`` (default): ``--sessions`` Playwright browser contexts of one headless Debian Chromium
  (``/usr/bin/chromium``); each context is its own Streamlit session (its own websocket). Measures what a
  user sees, rendering included, but Chromium needs about 5 s of CPU for a session's first view and
  about 0.8 s for a click (the server about 0.2 s), so on a small machine the browsers load the CPU more
  than the server does: the report gives both processes' CPU.
- ``ws``: websocket clients speaking Streamlit's protocol (``/_stcore/stream``, protobuf BackMsg and
  ForwardMsg), no browser: the same walk, each click replaced by the rerun message the browser would
  send (the radio's new value, a button's trigger, the page to run). Measures the server alone.

Phases: (1) unless ``--no-warmup``, one extra session visits every page once (the server's caches); (2)
every session opens the Reader at a random answer (``first_view``), the sessions started evenly over
``--ramp`` seconds, each allowed ``--first-view-timeout``; (3) the clock starts: for ``--seconds`` every
session picks its next step at random (seeded by ``--seed`` and its number) from where it is, after a
think time drawn uniformly from ``--think``:

- on the Reader: another answer in the sidebar radio (``switch_answer``, 55%), another page through the
  top navigation (``nav_overview``, ``nav_actors``, ``nav_workshop``, ``nav_methods``, 40%), or a reload of
  the Reader at another answer (``open_reader``: a new Streamlit session, 5%);
- on the Workshop: ``workshop_step`` (Next, or Previous on the last answer), ``workshop_reveal`` (the
  Reveal / Hide button, alternately) or another page;
- on the Overview, Actors and Methods pages: another page (``nav_reader`` back to the Reader included).

Response time (browser): timed inside the page, from the click event (a capturing listener on the
document records ``performance.now()``) to the first animation frame at which the new content is
complete (looked at after every batch of DOM mutations and every 250 ms; a page is never polled on every
frame, which would keep 20 pages drawing 60 frames a second); for ``first_view`` and ``open_reader``
from the start of the navigation. Complete means, every time, that the app has settled:
``[data-testid=stApp]`` has ``data-test-script-state="notRunning"`` and
``data-test-connection-state="CONNECTED"``, and no element is stale (``[data-stale=true]``, the greyed
elements of a rerun being replaced); and the action's own signal, which is false before the click:

- Reader: the URL path is the Reader, the question block ``.dd-text[data-role=question]`` starts with
  the question of the answer checked in the radio (for ``switch_answer`` and the loads: the answer asked
  for), and the sentence chart is drawn (``.main-svg``) with that answer's bars (its ``customdata``
  names the pair, one bar per sentence);
- Overview: its tabs, and the open tab's chart drawn (the arc, the first tab);
- Actors: its heading, the actors chart drawn and the sentences table;
- Methods: its last caption, "Settings of this analysis";
- Workshop: "Question 3 (k of 9)" in the progress bar (k one more or one less after a step) and the answer in
  large type; after Reveal "Measured:" and "Hide the measures", after Hide "What does the room think?".

Response time (ws): from sending the rerun message (for the loads: from opening the websocket) to the
run's last ``script_finished``; the same signals are read from the elements received (the "Question k"
heading and a chart, the Overview's chart and its caption, the progress text, ...).

Errors (the exit status is 1 if there is any): a Streamlit exception (``stException`` / an
``exception`` element) or an ``st.error`` block (``stAlertContentError`` / an ERROR ``alert``), an
uncaught page error, a console error, an HTTP response >= 500, an action not complete after
``--timeout`` seconds (reported with the app's script and connection state at that moment), a websocket
closed that the script did not close, a 'Connecting' state (connection state other than CONNECTED after
the first connection: Streamlit's 'Connecting' / 'Please wait...') lasting more than ``--stall`` seconds,
and Traceback/Error lines in the log of the server it started. After a timeout a browser session waits
(up to ``--timeout`` more) for its page to settle and goes on from there; after any other error it
reloads the Reader (a new session). Timed-out actions are not in the percentiles.

Prints: sessions, phases, actions, errors (the first few messages), p50/p95/max of the response time
per action type, for the clicks and overall (nearest rank), the server process's RSS (peak, at the
end) and CPU time over the timed part, the load generator's CPU (Chromium, Playwright's driver and this
script), the machine's CPU use and ``uptime`` before and after.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.server import start as start_server_at, stop as stop_server  # noqa: E402
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
VIEWPORT = {"width": 1280, "height": 720}
SERVER_START_TIMEOUT = 60
PAGES = {"overview": "Overview", "actors": "Actors", "workshop": "Workshop", "methods": "Methods", "reader": "Reader"}
QUESTION_PREFIX = 40  # characters of the (whitespace-normalised) question the Reader must show
MAX_MESSAGES = 8

# Installed in every document before the app's own scripts: the click listener that starts the clock,
# the connection watcher and the checks that stop it (one per page, see the module docstring).
INIT_SCRIPT = r"""
(() => {
  if (window.__dd) return;
  const dd = window.__dd = {click: null, disc: {since: null, longest: 0, count: 0, connected: false}};
  const norm = s => (s || '').replace(/\s+/g, ' ').trim();
  document.addEventListener('click', () => { dd.click = performance.now(); }, true);
  const app = () => document.querySelector('[data-testid=stApp]');
  setInterval(() => {
    const a = app();
    if (!a) return;
    const s = a.getAttribute('data-test-connection-state'), now = performance.now(), d = dd.disc;
    if (s === 'CONNECTED') {
      if (d.since !== null) { d.longest = Math.max(d.longest, now - d.since); d.since = null; }
      d.connected = true;
    } else if (d.connected && d.since === null) { d.since = now; d.count += 1; }
  }, 200);
  dd.stalled = () => {
    const d = dd.disc;
    return Math.max(d.longest, d.since === null ? 0 : performance.now() - d.since) / 1000;
  };
  dd.state = () => {
    const a = app();
    return {path: location.pathname + location.search,
            script: a && a.getAttribute('data-test-script-state'),
            connection: a && a.getAttribute('data-test-connection-state'),
            stale: document.querySelectorAll('[data-stale=true]').length,
            status: norm((document.querySelector('[data-testid=stStatusWidget]') || {}).textContent)};
  };
  const drawn = p => p && p.querySelector('.main-svg') !== null;
  const path = () => location.pathname.replace(/\/+$/, '') || '/';
  const readerPair = a => {
    const inputs = [...document.querySelectorAll('[data-testid=stSidebar] [data-testid=stRadio] input[type=radio]')];
    const i = inputs.findIndex(x => x.checked);
    return i < 0 ? null : a.pairs[i];
  };
  const checks = {
    reader: (a, main) => {
      if (!['/', '/reader'].includes(path())) return false;
      const want = a.pair === null ? readerPair(a) : a.pair;
      if (want === null || want === undefined) return false;
      const q = main.querySelector('.dd-text[data-role=question]');
      if (!q || !norm(q.textContent).startsWith(a.questions[want])) return false;
      const p = main.querySelector('.js-plotly-plot');
      if (!drawn(p) || !p.data || !p.data[0] || !p.data[0].customdata) return false;
      return p.data[0].customdata[0][2] == want && p.data[0].y.length === a.sentences[want];
    },
    overview: (a, main) => path() === '/overview' && main.querySelector('[role=tab][aria-selected=true]') !== null
      && drawn(main.querySelector('.js-plotly-plot')),
    actors: (a, main) => path() === '/actors' && main.textContent.includes('How is each actor talked about')
      && drawn(main.querySelector('.js-plotly-plot')) && main.querySelector('[data-testid=stDataFrame]') !== null,
    methods: (a, main) => path() === '/methods' && main.textContent.includes('Settings of this analysis'),
    any: () => true,
    workshop: (a, main) => {
      if (path() !== '/workshop') return false;
      const bar = main.querySelector('[data-testid=stProgress]');
      if (!bar || !main.querySelector('.dd-big .dd-text')) return false;
      const m = norm(bar.textContent).match(/\((\d+) of (\d+)\)/);
      if (!m || (a.k !== null && +m[1] !== a.k)) return false;
      const text = main.textContent;
      if (a.revealed === true) return text.includes('Measured:') && text.includes('Hide the measures');
      if (a.revealed === false) return text.includes('What does the room think?') && text.includes('Reveal the measures');
      return true;
    },
  };
  dd.check = a => {
    const s = app();
    if (!s || s.getAttribute('data-test-script-state') !== 'notRunning') return false;
    if (s.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
    if (document.querySelector('[data-stale=true]')) return false;
    const main = document.querySelector('[data-testid=stMain]');
    if (!main) return false;
    const done = r => Object.assign(r, {t: performance.now(), click: dd.click, path: location.pathname + location.search});
    const bad = document.querySelector('[data-testid=stException], [data-testid=stAlertContentError]');
    if (bad) return done({error: norm(bad.textContent).slice(0, 300)});
    return checks[a.page](a, main) ? done({}) : false;
  };
  // Resolves with the check's result at the first animation frame where it holds, looked at after every
  // batch of DOM mutations (and every 250 ms): no polling on every frame, which would keep every page
  // drawing 60 frames a second and load the browser more than the app does.
  dd.waitFor = (a, ms) => new Promise(resolve => {
    let finished = false, scheduled = false;
    const test = () => {
      scheduled = false;
      if (finished) return;
      let r = false;
      try { r = dd.check(a); } catch (e) { r = false; }
      if (r) finish(r);
    };
    const soon = () => { if (!scheduled && !finished) { scheduled = true; requestAnimationFrame(test); } };
    const obs = new MutationObserver(soon);
    const every = setInterval(test, 250);
    const timer = setTimeout(() => finish({timeout: true}), ms);
    function finish(r) { finished = true; obs.disconnect(); clearInterval(every); clearTimeout(timer); resolve(r); }
    obs.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
    test();
  });
  dd.workshop = () => {
    const main = document.querySelector('[data-testid=stMain]');
    const m = main && norm((main.querySelector('[data-testid=stProgress]') || {}).textContent).match(/\((\d+) of (\d+)\)/);
    return {k: m ? +m[1] : null, n: m ? +m[2] : null, revealed: !!main && main.textContent.includes('Hide the measures')};
  };
})();
"""


# --- expected content ------------------------------------------------------------------------------------


def expected() -> dict:
    """Pairs of the default document in radio order, each one's question prefix and number of sentences."""
    from analysis.pipeline import run
    from analysis.transcripts import DEFAULT_DOCUMENT, load

    answers = run.analyze(load(DEFAULT_DOCUMENT), detail="summary").answers
    pairs = [int(p) for p in answers["pair"]]
    questions, sentences = {}, {}
    for p, q, n in zip(pairs, answers["question"], answers["n_sentences"]):
        questions[p] = " ".join(str(q).split())[:QUESTION_PREFIX] if isinstance(q, str) else ""
        sentences[p] = int(n)
    return {"pairs": pairs, "questions": questions, "sentences": sentences}


# --- the server and the machine ----------------------------------------------------------------------------


TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU time of one process, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime (fields 14 and 15 of stat)


def rss_bytes(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        return None
    return None


def machine_cpu() -> tuple[int, int]:
    """(busy, total) jiffies of all cores since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return sum(values) - idle, sum(values)


def tree_cpu(root: int, exclude: int | None = None) -> float:
    """CPU seconds of ``root`` and its live descendants (here: this script, Playwright's driver and Chromium),
    without the subtree of ``exclude`` (the server)."""
    children: dict[int, list[int]] = defaultdict(list)
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children[ppid].append(int(stat.parent.name))
    total, todo = 0.0, [root]
    while todo:
        pid = todo.pop()
        if pid == exclude:
            continue
        total += cpu_seconds(pid) or 0.0
        todo.extend(children.get(pid, []))
    return total


def uptime_line() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True, timeout=5, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "load average: " + " ".join(Path("/proc/loadavg").read_text().split()[:3])


# --- results ---------------------------------------------------------------------------------------------


@dataclass
class Result:
    sessions: int
    seconds: float
    url: str
    duration: float = 0.0
    warmup: float | None = None
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    ramp: float = 0.0
    connect: float = 0.0
    timed_out: int = 0
    wall: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    error_kinds: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    server_pid: int | None = None
    server_cpu: float | None = None
    client_cpu: float | None = None
    client: str = "browser"
    rss_peak: int | None = None
    rss_end: int | None = None
    machine_busy: float | None = None
    cores: int = os.cpu_count() or 1
    uptime_before: str = ""
    uptime_after: str = ""
    disconnects: int = 0
    longest_disconnect: float = 0.0

    def error(self, kind: str, session: int, message: str) -> None:
        self.error_kinds[kind] += 1
        self.errors.append(f"[session {session}] {kind}: {message}")

    @property
    def actions(self) -> int:
        return sum(len(v) for v in self.times.values())

    @property
    def timed_actions(self) -> int:
        return sum(len(v) for k, v in self.times.items() if k != "first_view")


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)]


def report(r: Result) -> str:
    out = [
        f"server: {r.url}" + (f" (pid {r.server_pid}, started by this script)" if r.server_pid else " (given with --url)"),
        f"sessions: {r.sessions} {'browser contexts' if r.client == 'browser' else 'websocket clients'}",
        "before the clock: " + (f"warm-up (one session, every page) {r.warmup:.1f} s; " if r.warmup is not None else "")
        + f"first views (started evenly over {r.ramp:.0f} s) all done after {r.connect:.1f} s",
        f"timed part: {r.duration:.1f} s (asked {r.seconds:.0f} s)",
        f"actions in the timed part: {r.timed_actions} completed ({r.timed_actions / r.duration:.1f} per second)"
        if r.duration else f"actions: {r.actions}",
        f"errors: {len(r.errors)}" + (" (" + ", ".join(f"{k} {v}" for k, v in sorted(r.error_kinds.items())) + ")" if r.errors else ""),
    ]
    out += [f"  {m}" for m in r.errors[:MAX_MESSAGES]]
    if len(r.errors) > MAX_MESSAGES:
        out.append(f"  ... and {len(r.errors) - MAX_MESSAGES} more")
    if r.client == "browser":
        out.append(f"'Connecting' states (connection not CONNECTED after the first connection): {r.disconnects}, "
                   f"longest {r.longest_disconnect:.1f} s")
    out.append("")
    if r.client == "browser":
        out.append("response time (s): click (or navigation start) to the first frame with the new content drawn")
    else:
        out.append("response time (s): rerun message sent (or connection opened) to the run's last script_finished")
    out.append(f"{'action':22}{'n':>6}{'p50':>8}{'p95':>8}{'max':>8}")
    rows = sorted(r.times.items())
    loads = ("first_view", "open_reader")
    groups = [
        ("clicks (no page load)", [t for k, v in rows if k not in loads for t in v]),
        ("overall (timed part)", [t for k, v in rows if k != "first_view" for t in v]),
    ]
    ordered = [(k, v) for k, v in rows if k == "first_view"] + [(k, v) for k, v in rows if k != "first_view"]
    for name, values in ordered + groups:
        if values:
            out.append(f"{name:22}{len(values):>6}{percentile(values, 50):>8.2f}{percentile(values, 95):>8.2f}{max(values):>8.2f}")
    if r.wall and r.client == "browser":
        out.append(f"(seen from Playwright, click call to content complete, first views included: p50 {percentile(r.wall, 50):.2f} s, "
                   f"p95 {percentile(r.wall, 95):.2f} s, max {max(r.wall):.2f} s)")
    out.append("")
    if r.server_cpu is not None:
        out.append(f"server process: RSS peak {r.rss_peak / 2**20:.0f} MiB, at the end {r.rss_end / 2**20:.0f} MiB; "
                   f"CPU {r.server_cpu:.1f} s over {r.duration:.1f} s ({100 * r.server_cpu / r.duration:.0f}% of one core)")
    else:
        out.append("server process: not measured (started elsewhere, --url)")
    if r.client_cpu is not None:
        what = "Chromium, Playwright's driver and this script" if r.client == "browser" else "this script"
        out.append(f"load generator ({what}): CPU {r.client_cpu:.1f} s ({100 * r.client_cpu / r.duration:.0f}% of one core)")
    if r.machine_busy is not None:
        out.append(f"machine: {r.cores} cores, {100 * r.machine_busy:.0f}% busy over the run (every process, "
                   "the browser and other users included)")
    out.append(f"uptime at the start of the timed part: {r.uptime_before}")
    out.append(f"uptime at its end:                    {r.uptime_after}")
    return "\n".join(out)


# --- the sessions ------------------------------------------------------------------------------------------


@dataclass
class Settings:
    sessions: int = 20
    seconds: float = 60.0
    seed: int = 0
    think: tuple[float, float] = (0.3, 1.5)
    timeout: float = 30.0
    stall: float = 5.0
    ramp: float | None = None
    warmup: bool = True
    min_actions: int = 0  # a session goes on past the deadline until it has made this many actions (errors count)
    first_view_timeout: float = 120.0
    client: str = "browser"  # or "ws": websocket clients, no browser


class Session:
    def __init__(self, number: int, context, base: str, exp: dict, settings: Settings, result: Result, deadline: float):
        self.n, self.context, self.base, self.exp, self.s, self.r = number, context, base, exp, settings, result
        self.deadline = deadline
        self.rng = random.Random(f"{settings.seed}-{number}")
        self.page = None
        self.where = None
        self.timeout = settings.timeout  # seconds an action may take (longer for the first view)
        self.outcome = "error"

    # -- events: errors the page reports at any time
    def attach(self, page) -> None:
        page.on("pageerror", lambda e: self.r.error("page error", self.n, str(e)[:300]))
        page.on("console", lambda m: self.r.error("console error", self.n, m.text[:300]) if m.type == "error" else None)
        page.on("response", lambda resp: self.r.error("http", self.n, f"{resp.status} {resp.url}") if resp.status >= 500 else None)
        page.on("websocket", self.watch_socket)

    def watch_socket(self, ws) -> None:
        """The app's websocket of the current document: its closing is an error unless we reload or finish."""
        if not ws.url.endswith("/_stcore/stream"):
            return
        self.socket = ws

        def closed(_):
            if ws is self.socket and not self.closing:
                self.r.error("websocket closed", self.n, f"{ws.url} closed on the {self.where} page")

        ws.on("close", closed)

    closing = False
    socket = None

    async def wait(self, name: str, check: dict, *, from_navigation: bool = False) -> str:
        """Wait until the page meets ``check``; record the response time or the error.

        Returns "ok", "timeout" (the page may still settle) or "error" (the session must start again)."""
        arg = {"pair": None, "k": None, "revealed": None, **self.exp, **check}
        started = time.perf_counter()
        try:
            await self.page.wait_for_function("() => window.__dd !== undefined", timeout=self.timeout * 1000)
            done = await asyncio.wait_for(
                self.page.evaluate("([a, ms]) => window.__dd.waitFor(a, ms)", [arg, self.timeout * 1000]),
                self.timeout + 10,
            )
            if done.get("timeout"):
                raise TimeoutError("in-page wait timed out")
        except Exception as e:  # noqa: BLE001 - a timeout, or the page gone
            state = await self.safe_eval("window.__dd ? window.__dd.state() : null")
            kind = "timeout" if isinstance(e, TimeoutError) or "Timeout" in str(e) else "driver"
            self.r.error(kind, self.n, f"{name} not complete after {self.timeout:.0f} s; app state {state}"
                         if kind == "timeout" else f"{name}: {str(e).splitlines()[0][:200]}")
            if kind == "timeout":
                self.r.timed_out += 1
            return kind if kind == "timeout" else "error"
        wall = time.perf_counter() - started
        if "error" in done:
            self.r.error("app error", self.n, f"{name} at {done['path']}: {done['error']}")
            return "error"
        t0 = 0.0 if from_navigation else done.get("click")
        if t0 is None:
            self.r.error("driver", self.n, f"{name}: no click event recorded")
            return "error"
        self.r.times[name].append((done["t"] - t0) / 1000)
        self.r.wall.append(wall)
        stalled = await self.safe_eval("window.__dd.stalled()") or 0.0
        if stalled > self.s.stall:
            self.r.error("connecting", self.n, f"'Connecting' for {stalled:.1f} s before {name} completed")
            return "error"
        return "ok"

    async def settle(self) -> bool:
        """After a timeout: wait (up to --timeout more) for the page to settle on any page, and go on from there."""
        try:
            done = await asyncio.wait_for(
                self.page.evaluate("([a, ms]) => window.__dd ? window.__dd.waitFor(a, ms) : {timeout: true}",
                                   [{"page": "any", **self.exp}, self.timeout * 1000]),
                self.timeout + 10,
            )
        except Exception:  # noqa: BLE001
            return False
        if done.get("timeout"):
            return False
        if "error" in done:
            self.r.error("app error", self.n, f"at {done['path']}: {done['error']}")
            return False
        path = urlparse(done["path"]).path.strip("/") or "reader"
        self.where = path if path in PAGES else None
        return self.where is not None

    async def safe_eval(self, expression: str):
        try:
            return await self.page.evaluate(expression)
        except Exception:  # noqa: BLE001
            return None

    async def collect_disconnects(self) -> None:
        d = await self.safe_eval("window.__dd ? window.__dd.disc : null")
        if d:
            self.r.disconnects += d["count"]
            self.r.longest_disconnect = max(self.r.longest_disconnect, d["longest"] / 1000)

    async def open_reader(self, pair: int | None = None, name: str = "open_reader") -> str:
        if self.page is not None:
            await self.collect_disconnects()
        pair = pair or self.rng.choice(self.exp["pairs"])
        self.socket = None  # the reload closes the current websocket: not an error
        try:
            if self.page is None:
                self.page = await self.context.new_page()
                self.attach(self.page)
            await self.page.goto(f"{self.base}/?pair={pair}", wait_until="commit", timeout=self.timeout * 1000)
        except Exception as e:  # noqa: BLE001
            self.r.error("driver", self.n, f"{name}: {str(e).splitlines()[0][:200]}")
            return "error"
        self.where = "reader"
        return await self.wait(name, {"page": "reader", "pair": pair}, from_navigation=True)

    async def click(self, locator) -> str:
        try:
            await self.page.evaluate("window.__dd && (window.__dd.click = null)")  # the clock starts at this click
            await locator.click(timeout=self.timeout * 1000)
            return "ok"
        except Exception as e:  # noqa: BLE001
            self.r.error("timeout" if "Timeout" in str(e) else "driver", self.n,
                         f"click on the {self.where} page: {str(e).splitlines()[0][:200]}")
            return "error"

    async def nav(self, target: str) -> str:
        link = self.page.locator("[data-testid=stTopNavLink]", has_text=PAGES[target]).first
        if (clicked := await self.click(link)) != "ok":
            return clicked
        self.where = target
        return await self.wait(f"nav_{target}", {"page": target})

    async def switch_answer(self) -> str:
        current = await self.safe_eval(
            "[...document.querySelectorAll('[data-testid=stSidebar] [data-testid=stRadio] input[type=radio]')]"
            ".findIndex(x => x.checked)"
        )
        choices = [i for i in range(len(self.exp["pairs"])) if i != current]
        i = self.rng.choice(choices)
        label = self.page.locator("[data-testid=stSidebar] [data-testid=stRadio] label:has(input[type=radio])").nth(i)
        if (clicked := await self.click(label)) != "ok":
            return clicked
        return await self.wait("switch_answer", {"page": "reader", "pair": self.exp["pairs"][i]})

    async def workshop_step(self) -> str:
        st = await self.safe_eval("window.__dd.workshop()")
        if not st or st["k"] is None:
            self.r.error("driver", self.n, "workshop_step: no progress bar")
            return "error"
        forward = st["k"] < st["n"]
        button = self.page.locator(".st-key-ws-next button" if forward else ".st-key-ws-prev button")
        if (clicked := await self.click(button)) != "ok":
            return clicked
        return await self.wait("workshop_step", {"page": "workshop", "k": st["k"] + (1 if forward else -1)})

    async def workshop_reveal(self) -> str:
        st = await self.safe_eval("window.__dd.workshop()")
        if not st or st["k"] is None:
            self.r.error("driver", self.n, "workshop_reveal: no progress bar")
            return "error"
        if (clicked := await self.click(self.page.locator(".st-key-ws-reveal button"))) != "ok":
            return clicked
        return await self.wait("workshop_reveal", {"page": "workshop", "k": st["k"], "revealed": not st["revealed"]})

    async def step(self) -> str:
        others = [p for p in PAGES if p != self.where]
        x = self.rng.random()
        if self.where == "reader":
            if x < 0.55:
                return await self.switch_answer()
            if x < 0.95:
                return await self.nav(self.rng.choice(others))
            return await self.open_reader()
        if self.where == "workshop":
            if x < 0.35:
                return await self.workshop_step()
            if x < 0.65:
                return await self.workshop_reveal()
        return await self.nav(self.rng.choice(others))

    async def connect(self, delay: float) -> None:
        """The session's first view of the Reader (before the clock starts), with --first-view-timeout."""
        await asyncio.sleep(delay)
        self.timeout = self.s.first_view_timeout
        try:
            self.outcome = await self.open_reader(name="first_view")
        finally:
            self.timeout = self.s.timeout

    async def run(self) -> None:
        """Act until the deadline (and at least --min-actions times)."""
        outcome = self.outcome
        made = 0
        while time.monotonic() < self.deadline or made < self.s.min_actions:
            if outcome == "timeout" and not await self.settle():
                outcome = "error"
            think = self.rng.uniform(*self.s.think)
            if made >= self.s.min_actions:  # no thinking past the deadline
                think = min(think, max(0.0, self.deadline - time.monotonic()))
            await asyncio.sleep(think)
            if time.monotonic() >= self.deadline and made >= self.s.min_actions:
                break
            made += 1
            if outcome == "error":  # a fresh Streamlit session on the Reader
                outcome = await self.open_reader()
                continue
            outcome = await self.step()
        await self.collect_disconnects()
        self.closing = True


class WsSession(Session):
    """The same walk through the pages as a websocket client speaking Streamlit's protocol (no browser).

    Each action is one ``rerun_script`` BackMsg (the widget state a click would send: the radio's value,
    a button's trigger, or the page to run); its response time runs from sending it to the final
    ``script_finished`` ForwardMsg, and its content is checked in the elements received (the same signals
    as in the browser, read from the deltas: the question heading and the sentence chart, four charts and a
    table, the progress text...). Nothing is rendered, so this measures the server alone."""

    def __init__(self, number: int, base: str, exp: dict, settings: Settings, result: Result, deadline: float):
        super().__init__(number, None, base, exp, settings, result, deadline)
        self.ws = None
        self.pages: dict[str, str] = {}  # page (reader, overview, ...) -> page_script_hash
        self.page_hash = ""
        self.ids: dict[str, str] = {}  # widget key -> widget id, from the last run
        self.view: dict = {}

    async def close(self) -> None:
        if self.ws is not None:
            self.ws.close()
            self.ws = None

    async def send(self, name: str, started: float, *, query: str = "", page: str | None = None, widgets=()) -> str:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        msg = BackMsg()
        cs = msg.rerun_script
        cs.query_string = query
        cs.page_script_hash = self.pages.get(page, "") if page else self.page_hash
        for w in widgets:
            cs.widget_states.widgets.append(w)
        try:
            await self.ws.write_message(msg.SerializeToString(), binary=True)
            elements = await asyncio.wait_for(self.receive(), self.timeout)
        except TimeoutError:
            self.r.timed_out += 1
            self.r.error("timeout", self.n, f"{name}: no script_finished after {self.timeout:.0f} s")
            return "error"
        except Exception as e:  # noqa: BLE001 - the socket closed under us
            self.r.error("websocket closed", self.n, f"{name}: {type(e).__name__} {e}"[:300])
            return "error"
        if isinstance(elements, str):
            self.r.error("websocket closed" if "closed" in elements else "app error", self.n, f"{name}: {elements}")
            return "error"
        took = time.perf_counter() - started
        self.view = view = read_elements(elements)
        self.ids = view["ids"]
        if view["errors"]:
            self.r.error("app error", self.n, f"{name} on {self.where}: {view['errors'][0]}")
            return "error"
        if not self.complete(view):
            self.r.error("wrong content", self.n, f"{name}: the run finished without the expected content on {self.where}")
            return "error"
        self.r.times[name].append(took)
        self.r.wall.append(took)
        return "ok"

    async def receive(self):
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        elements = []
        while True:
            data = await self.ws.read_message()
            if data is None:
                return "websocket closed by the server"
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            if kind == "navigation":
                self.pages = {(p.url_pathname or "reader"): p.page_script_hash for p in msg.navigation.app_pages}
                self.page_hash = msg.navigation.page_script_hash
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                elements.append(msg.delta.new_element)
            elif kind == "script_finished":
                status = ForwardMsg.ScriptFinishedStatus.Name(msg.script_finished)
                if status == "FINISHED_EARLY_FOR_RERUN":  # st.rerun / switch_page: the next run follows
                    elements = []
                    continue
                if status == "FINISHED_WITH_COMPILE_ERROR":
                    return "the script did not compile"
                return elements

    def complete(self, v: dict) -> bool:
        text = v["text"]
        if self.where == "reader":
            m = re.search(r"##### Question (\d+) · asked by", text)
            shown = int(m.group(1)) if m else None
            v["pair"] = shown
            return shown is not None and v["charts"] >= 1 and (self.want_pair is None or shown == self.want_pair)
        if self.where == "overview":
            return v["charts"] >= 1 and "Click a point, bar, cell or row" in text
        if self.where == "actors":
            return v["charts"] >= 1 and v["tables"] >= 1 and "How is each actor talked about" in text
        if self.where == "methods":
            return "Settings of this analysis" in text
        if self.where == "workshop":
            m = re.search(r"\((\d+) of (\d+)\)", v["progress"])
            if not m or (self.want_k is not None and int(m.group(1)) != self.want_k):
                return False
            if self.want_revealed is True:
                return "Measured:" in text
            if self.want_revealed is False:
                return "What does the room think?" in text
            return True
        return False

    want_pair = want_k = want_revealed = None

    def expect(self, page: str, pair=None, k=None, revealed=None) -> None:
        self.where, self.want_pair, self.want_k, self.want_revealed = page, pair, k, revealed

    async def open_reader(self, pair: int | None = None, name: str = "open_reader") -> str:
        from tornado.websocket import websocket_connect

        pair = pair or self.rng.choice(self.exp["pairs"])
        self.closing = True
        await self.close()
        self.closing = False
        started = time.perf_counter()
        try:
            self.ws = await asyncio.wait_for(
                websocket_connect(self.base.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"]),
                self.timeout,
            )
        except Exception as e:  # noqa: BLE001
            self.r.error("websocket closed", self.n, f"{name}: could not connect: {type(e).__name__} {e}"[:300])
            return "error"
        self.pages, self.page_hash = {}, ""
        self.expect("reader", pair)
        return await self.send(name, started, query=f"pair={pair}")

    def widget(self, key: str, **value):
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        if key not in self.ids:
            return None
        return WidgetState(id=self.ids[key], **value)

    async def nav(self, target: str) -> str:
        if target not in self.pages:
            self.r.error("wrong content", self.n, f"nav_{target}: no such page in the navigation")
            return "error"
        self.expect(target)
        return await self.send(f"nav_{target}", time.perf_counter(), page=target)

    async def switch_answer(self) -> str:
        current = self.view.get("pair")
        pair = self.rng.choice([p for p in self.exp["pairs"] if p != current])
        state = self.widget("pair", string_value=str(pair))
        if state is None:
            self.r.error("wrong content", self.n, "switch_answer: no answer radio on the Reader")
            return "error"
        self.expect("reader", pair)
        return await self.send("switch_answer", time.perf_counter(), query=f"pair={pair}", widgets=[state])

    def workshop_state(self) -> tuple[int, int, bool] | None:
        m = re.search(r"\((\d+) of (\d+)\)", self.view.get("progress", ""))
        return (int(m.group(1)), int(m.group(2)), "Measured:" in self.view.get("text", "")) if m else None

    async def workshop_step(self) -> str:
        st = self.workshop_state()
        if st is None:
            self.r.error("wrong content", self.n, "workshop_step: no progress bar")
            return "error"
        k, n, _ = st
        forward = k < n
        state = self.widget("ws-next" if forward else "ws-prev", trigger_value=True)
        self.expect("workshop", k=k + (1 if forward else -1))
        return await self.send("workshop_step", time.perf_counter(), page="workshop", widgets=[state] if state else [])

    async def workshop_reveal(self) -> str:
        st = self.workshop_state()
        if st is None:
            self.r.error("wrong content", self.n, "workshop_reveal: no progress bar")
            return "error"
        k, _, revealed = st
        state = self.widget("ws-reveal", trigger_value=True)
        self.expect("workshop", k=k, revealed=not revealed)
        return await self.send("workshop_reveal", time.perf_counter(), page="workshop", widgets=[state] if state else [])

    async def collect_disconnects(self) -> None:
        return None

    async def run(self) -> None:
        try:
            await super().run()
        finally:
            await self.close()


def read_elements(elements) -> dict:
    """What the checks need from the elements of one run: text, charts, tables, widgets, errors."""
    from streamlit.proto.Alert_pb2 import Alert

    text, progress, ids, errors = [], [], {}, []
    charts = tables = 0
    for e in elements:
        kind = e.WhichOneof("type")
        sub = getattr(e, kind)
        if kind in ("markdown", "html"):
            text.append(sub.body)
        elif kind == "progress":
            progress.append(sub.text)
        elif kind == "plotly_chart":
            charts += 1
        elif kind in ("arrow_data_frame", "dataframe", "arrow_table"):
            tables += 1
        elif kind == "exception":
            errors.append(f"{sub.type}: {sub.message}"[:300])
        elif kind == "alert" and sub.format == Alert.ERROR:
            errors.append(f"st.error: {sub.body}"[:300])
        widget_id = getattr(sub, "id", "")
        if isinstance(widget_id, str) and widget_id.startswith("$$ID-") and widget_id.count("-") >= 2:
            key = widget_id.split("-", 2)[2]
            ids[key] = widget_id
    return {"text": "\n".join(text), "progress": " ".join(progress), "charts": charts, "tables": tables,
            "ids": ids, "errors": errors}


async def warm_up(browser, base: str, exp: dict, settings: Settings, result: Result) -> None:
    """One session visits every page once (not timed, errors still count), so the caches are filled."""
    context = await browser.new_context(viewport=VIEWPORT)
    await context.add_init_script(INIT_SCRIPT)
    s = Session(-1, context, base, exp, Settings(**{**settings.__dict__, "timeout": max(settings.timeout, 120)}), Result(0, 0, base),
                deadline=0)
    try:
        await s.open_reader(pair=exp["pairs"][0], name="warm-up")
        for target in ("overview", "actors", "workshop", "methods", "reader"):
            await s.nav(target)
    finally:
        s.closing = True
        await context.close()
    for message in s.r.errors:
        result.errors.append(f"(warm-up) {message}")
        result.error_kinds["warm-up"] += 1


async def drive(base: str, settings: Settings, result: Result, server_pid: int | None) -> None:
    exp = expected()
    if settings.client == "ws":
        if settings.warmup:
            t = time.perf_counter()
            warm = WsSession(-1, base, exp, settings, Result(0, 0, base), deadline=0)
            await warm.open_reader(pair=exp["pairs"][0], name="warm-up")
            for target in ("overview", "actors", "workshop", "methods", "reader"):
                await warm.nav(target)
            await warm.close()
            for message in warm.r.errors:
                result.error("warm-up", -1, message)
            result.warmup = time.perf_counter() - t
        await measure(settings, result, server_pid, lambda i, deadline: WsSession(i, base, exp, settings, result, deadline))
        return

    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            if settings.warmup:
                t = time.perf_counter()
                await warm_up(browser, base, exp, settings, result)
                result.warmup = time.perf_counter() - t
            contexts = []
            for _ in range(settings.sessions):
                c = await browser.new_context(viewport=VIEWPORT)
                c.set_default_timeout(settings.timeout * 1000)
                await c.add_init_script(INIT_SCRIPT)
                contexts.append(c)
            await measure(settings, result, server_pid, lambda i, deadline: Session(i, contexts[i], base, exp, settings, result, deadline))
            for c in contexts:
                await c.close()
        finally:
            await browser.close()


async def measure(settings: Settings, result: Result, server_pid: int | None, make) -> None:
    """Open the sessions (first views, started evenly over the ramp), then start the clock: every session acts
    until the deadline. The server's and the machine's CPU are measured over the timed part."""
    ramp = settings.ramp if settings.ramp is not None else min(settings.seconds / 3, 0.5 * settings.sessions)
    result.ramp = ramp
    sampler = asyncio.create_task(sample_rss(server_pid, result)) if server_pid else None
    sessions = [make(i, 0.0) for i in range(settings.sessions)]
    t = time.monotonic()
    await asyncio.gather(*(s.connect(ramp * i / max(1, settings.sessions)) for i, s in enumerate(sessions)))
    result.connect = time.monotonic() - t
    result.uptime_before = uptime_line()
    busy0, total0 = machine_cpu()
    cpu0 = cpu_seconds(server_pid) if server_pid else None
    client0 = tree_cpu(os.getpid(), exclude=server_pid)
    start = time.monotonic()
    for s in sessions:
        s.deadline = start + settings.seconds
    await asyncio.gather(*(s.run() for s in sessions))
    result.duration = time.monotonic() - start
    if server_pid:
        sampler.cancel()
        result.server_cpu = cpu_seconds(server_pid) - cpu0
        result.rss_end = rss_bytes(server_pid)
        result.rss_peak = max(result.rss_peak or 0, result.rss_end or 0)
    result.client_cpu = tree_cpu(os.getpid(), exclude=server_pid) - client0
    busy1, total1 = machine_cpu()
    result.machine_busy = (busy1 - busy0) / max(1, total1 - total0)
    result.uptime_after = uptime_line()


async def sample_rss(pid: int, result: Result) -> None:
    while True:
        rss = rss_bytes(pid)
        if rss:
            result.rss_peak = max(result.rss_peak or 0, rss)
        await asyncio.sleep(1)


def run(settings: Settings, url: str | None = None) -> Result:
    """Start a server (unless ``url``), drive the sessions, stop the server; the measurements."""
    if settings.client == "browser" and not CHROMIUM.exists():
        raise RuntimeError(f"Chromium not found at {CHROMIUM}")
    proc = None
    with tempfile.TemporaryDirectory(prefix="load-sessions-") as tmp:
        log_path = Path(tmp) / "server.log"
        if url is None:
            proc, url = start_server_at("dashboard/app.py", log=log_path, timeout=SERVER_START_TIMEOUT)
        result = Result(settings.sessions, settings.seconds, url, server_pid=proc.pid if proc else None, client=settings.client)
        try:
            asyncio.run(drive(url, settings, result, proc.pid if proc else None))
        finally:
            if proc is not None:
                stop_server(proc)
        if proc is not None:
            tracebacks = [line for line in log_path.read_text(errors="replace").splitlines() if "Traceback" in line or "Error" in line]
            for line in tracebacks[:MAX_MESSAGES]:
                result.error("server log", -1, line[:300])
    return result


def local_url(url: str) -> str:
    u = urlparse(url)
    if u.scheme not in ("http", "https") or u.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise argparse.ArgumentTypeError("--url must be a local server (http://127.0.0.1:PORT or http://localhost:PORT)")
    return url.rstrip("/")


def think_range(text: str) -> tuple[float, float]:
    lo, hi = (float(v) for v in text.split(","))
    if not 0 <= lo <= hi:
        raise argparse.ArgumentTypeError("--think is MIN,MAX seconds with 0 <= MIN <= MAX")
    return lo, hi


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sessions", type=int, default=20, help="concurrent browser sessions (default 20)")
    ap.add_argument("--seconds", type=float, default=60, help="how long the sessions keep acting (default 60)")
    ap.add_argument("--url", type=local_url, help="a running local server; default: start one on a free port")
    ap.add_argument("--seed", type=int, default=0, help="seed of every session's choices and think times")
    ap.add_argument("--think", type=think_range, default=(0.3, 1.5), help="think time between actions, MIN,MAX s (default 0.3,1.5)")
    ap.add_argument("--timeout", type=float, default=30, help="an action not complete after this many seconds is an error (default 30)")
    ap.add_argument("--stall", type=float, default=5, help="a 'Connecting' state longer than this many seconds is an error (default 5)")
    ap.add_argument("--ramp", type=float, help="seconds over which the sessions start, evenly (default min(seconds/3, sessions/2))")
    ap.add_argument("--min-actions", type=int, default=0,
                    help="a session goes on past --seconds until it has made this many actions after its first view (default 0)")
    ap.add_argument("--first-view-timeout", type=float, default=120,
                    help="seconds a session's first view (before the clock) may take (default 120)")
    ap.add_argument("--client", choices=("browser", "ws"), default="browser",
                    help="browser: Playwright contexts in Chromium (default); ws: websocket clients, the server alone")
    ap.add_argument("--no-warmup", action="store_true", help="no untimed visit of every page before the clock starts")
    args = ap.parse_args(argv)
    if args.sessions < 1 or args.seconds <= 0:
        ap.error("--sessions and --seconds must be positive")
    settings = Settings(
        sessions=args.sessions, seconds=args.seconds, seed=args.seed, think=args.think, timeout=args.timeout,
        stall=args.stall, ramp=args.ramp, warmup=not args.no_warmup, min_actions=args.min_actions,
        first_view_timeout=args.first_view_timeout, client=args.client,
    )
    result = run(settings, args.url)
    print(report(result))
    return 1 if result.errors else 0


if __name__ == "__main__":
    sys.exit(main())

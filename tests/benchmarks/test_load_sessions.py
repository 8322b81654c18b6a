"""Smoke run of benchmarks/load_sessions.py: 3 concurrent browser sessions for about 10 s, no error.

The script starts its own server on a free port and stops it by its pid. It drives Debian's Chromium:
without it (or without Playwright) the test fails when ``CI`` is set and is skipped elsewhere, as the
browser tests are (the check is tests/browser/conftest.py's ``chromium_path`` fixture). The full run is
``python benchmarks/load_sessions.py`` (20 sessions, 60 s).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from benchmarks import load_sessions as load
from tests.browser.conftest import chromium_path  # noqa: F401 - the fixture: skip, or fail under CI

pytestmark = pytest.mark.browser


def run(settings):
    """``load.run`` in a thread of its own: it calls ``asyncio.run``, which refuses to start inside the
    event loop that Playwright's sync API leaves on the main thread after the browser tests."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(load.run, settings).result()


def test_three_sessions_for_ten_seconds_without_errors(chromium_path):  # noqa: F811
    # A generous action timeout: the smoke run checks that sessions work and are measured, not how fast;
    # on a busy 2-core machine the first view of a new browser context alone can take 10-20 s.
    settings = load.Settings(sessions=3, seconds=10, seed=1, think=(0.2, 0.6), timeout=90, stall=10, ramp=1.0,
                              min_actions=2)
    result = run(settings)
    text = load.report(result)
    print(text)
    assert result.errors == [], text
    assert result.timed_actions >= 6, text  # two clicks per session at least (min_actions)
    assert len(result.times["first_view"]) == 3, text  # each session's first view
    assert len(result.times) >= 2, text  # and some clicks: answers switched or pages changed
    assert all(t > 0 for values in result.times.values() for t in values), text
    assert result.server_cpu is not None and result.rss_peak and result.rss_peak > 50 * 2**20, text
    for line in ("sessions: 3", "errors: 0", "first_view", "overall", "server process: RSS peak"):
        assert line in text


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 21)]  # 1..20
    assert load.percentile(values, 50) == 10.0
    assert load.percentile(values, 95) == 19.0
    assert load.percentile(values, 100) == 20.0
    assert load.percentile([3.0], 95) == 3.0


def test_url_must_be_local():
    assert load.local_url("http://127.0.0.1:8501/") == "http://127.0.0.1:8501"
    assert load.local_url("http://localhost:8501") == "http://localhost:8501"
    with pytest.raises(Exception, match="local"):
        load.local_url("http://example.org:8501")


def test_three_websocket_clients_without_errors():
    """The same walk as websocket clients (no browser): the server alone."""
    settings = load.Settings(sessions=3, seconds=8, seed=2, think=(0.1, 0.4), timeout=60, ramp=1.0,
                             min_actions=3, client="ws")
    result = run(settings)
    text = load.report(result)
    print(text)
    assert result.errors == [], text
    assert len(result.times["first_view"]) == 3, text
    assert result.timed_actions >= 9, text
    assert len(result.times) >= 3, text

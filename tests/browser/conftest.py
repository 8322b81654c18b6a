"""A real dashboard server and Debian's Chromium, driven by Playwright.

The server is started once per session on a free port (``streamlit run dashboard/app.py``) and stopped
by its pid. The browser is the system Chromium (``/usr/bin/chromium``); without it the tests fail when
``CI`` is set and are skipped elsewhere. Screenshots go to ``artifacts/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from benchmarks import server as server_mod

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 720}
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
SERVER_START_TIMEOUT = 60  # seconds until /_stcore/health must answer "ok"
TIMEOUT_MS = 30_000  # Playwright's default for waits and expectations in these tests


def _skip_or_fail(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(message + " (CI is set, so this is a failure, not a skip)")
    pytest.skip(message)



@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        _skip_or_fail(f"Chromium not found at {CHROMIUM}")
    try:
        import playwright  # noqa: F401
    except ImportError:
        _skip_or_fail("the playwright package is not installed")
    return CHROMIUM


@pytest.fixture(scope="session")
def server(chromium_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a dashboard server of our own (never the one someone may run on 8501)."""
    log_path = tmp_path_factory.mktemp("streamlit") / "server.log"
    try:
        proc, url = server_mod.start("dashboard/app.py", log=log_path, timeout=SERVER_START_TIMEOUT)
    except RuntimeError as e:
        pytest.fail(str(e))
    try:
        yield url
    finally:
        server_mod.stop(proc)  # our own process, by its pid


@pytest.fixture(scope="session")
def browser(chromium_path: Path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def dialogs() -> list[str]:
    """Messages of every alert/confirm/prompt the page opened (each is dismissed)."""
    return []


@pytest.fixture
def page(browser, server: str, dialogs: list[str]):
    """A fresh page at 1280x720 in its own browser context (so its own Streamlit session)."""
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(TIMEOUT_MS)
    pg = context.new_page()
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield pg
    context.close()


@pytest.fixture(scope="session")
def screenshot() -> Callable[..., Path]:
    """``screenshot(page, name)`` saves the viewport to ``artifacts/screenshots/<name>.png``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(pg, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        pg.screenshot(path=str(path))
        return path

    return take

"""A Streamlit server of our own on a free local port, for the benchmarks and the browser tests.

``start`` runs ``streamlit run SCRIPT`` (headless, no usage statistics, bound to 127.0.0.1, no file
watcher), waits until ``/_stcore/health`` answers ``ok`` and returns the process and its base URL;
``stop`` ends that process, and only that one, by its pid.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START_TIMEOUT = 60.0  # seconds until /_stcore/health must answer "ok" (a cold start here takes 3-10 s)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
            return r.read().decode().strip() == "ok"
    except OSError:
        return False


def start(
    script: str = "dashboard/app.py", *, log: Path | None = None, env: dict[str, str] | None = None,
    timeout: float = START_TIMEOUT,
) -> tuple[subprocess.Popen, str]:
    """Start ``script`` (relative to the repository) and wait until it is healthy; RuntimeError (with the
    end of ``log``, if given) when it exits or is not healthy within ``timeout`` seconds."""
    port = free_port()
    cmd = [
        sys.executable, "-m", "streamlit", "run", script,
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
        "--server.port", str(port), "--server.address", "127.0.0.1",
        "--server.fileWatcherType", "none", "--server.runOnSave", "false",
    ]
    out = open(log, "wb") if log is not None else subprocess.DEVNULL  # noqa: SIM115 (closed below)
    try:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env)
    finally:
        if log is not None:
            out.close()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while not healthy(url):
        if proc.poll() is not None or time.monotonic() > deadline:
            state = f"exited with {proc.returncode}" if proc.poll() is not None else f"not healthy after {timeout:g} s"
            stop(proc)
            tail = log.read_text(errors="replace")[-3000:] if log is not None else ""
            raise RuntimeError(f"streamlit run {script} {state}:\n{tail}")
        time.sleep(0.25)
    return proc, url


def stop(proc: subprocess.Popen) -> None:
    """End a server this module started (by its pid): terminate, then kill after 10 s."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)

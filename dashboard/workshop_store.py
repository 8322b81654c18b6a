"""The workshop's state kept on the server, so that a trainer's session survives a reload.

Why here and not in ``st.session_state``: a browser reload, a dropped connection or a second device opens
a new Streamlit session, and a session's state dies with it. So the state of a workshop (for each
document: the answer shown, the room's guesses per answer, which answers are revealed) is kept by the
server, keyed by ``(workshop id, document id)``; the workshop id and the answer are in the URL
(``/workshop?ws=Kx3...&answer=3``, set on the first visit), so reloading the page, or opening the copied
link in another browser, comes back to the same answer with the same guesses and the same reveals. The
id is a random token (:func:`new_id`, 72 bits): whoever has the link shares the workshop, nobody guesses
it. The URL holds only the id and the answer, not the guesses: a link stays short, and a guess cannot be
planted by editing it.

Where: ``workshops.json`` beside the corpus library (``analysis.store.library.default_path()``, so
``DISCOURSE_LIBRARY`` moves both). Each change re-reads the file under a lock (a thread lock and an
advisory ``flock`` on ``workshops.json.lock``, so two server processes do not lose each other's
changes), applies the change and writes the whole file atomically (a temporary file in the same folder,
then ``os.replace``): a crash leaves the old file or the new one, never half of one. Reads come from a
copy in memory, re-read when the file's size or mtime changed.

Read-only mode (``DISCOURSE_READ_ONLY=1``, a public deployment) writes nothing to disk: the workshop
state is not the library, but a read-only deployment may well run on a read-only disk and must not
grow files for anonymous visitors. The state is then kept in the server's memory only (same keys, same
bounds): it survives a reload and a dropped connection, not a restart of the server. A disk that
refuses a write falls back to memory the same way (:func:`persistent` tells which).

Bounded: guesses are kept per answer as one tally per (tone, topic) with the people counted, so an
answer holds at most 3 x (topics + 1) entries however many guesses the room makes (and at most
``MAX_PEOPLE`` people per entry); at most ``MAX_DOCUMENTS`` documents per workshop and ``MAX_WORKSHOPS``
workshops, the least recently changed pruned first, and workshops untouched for ``MAX_AGE_DAYS`` days
are dropped. Pure Python (no Streamlit), so the page and the tests call the same functions.
"""

from __future__ import annotations

import copy
import json
import os
import re
import secrets
import tempfile
import threading
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from analysis.store import library

from . import store

FILE_NAME = "workshops.json"
VERSION = 1
MAX_WORKSHOPS = 200  # a trainer runs a few a week; 200 keeps months of them and the file under ~1 MB
MAX_DOCUMENTS = 20  # documents per workshop (a session uses one or two)
MAX_PEOPLE = 100_000  # people in one tally entry (the form takes up to 500 per guess)
MAX_AGE_DAYS = 180  # a workshop untouched for half a year is dropped
ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{8,32}$")  # what a workshop id from a URL must look like

_lock = threading.Lock()
_memory: dict[str, Any] = {"workshops": {}}  # read-only mode, or a disk that refused a write
_cache: dict[str, Any] = {"key": None, "data": None}
_fallback = {"memory": False}


def new_id() -> str:
    """A fresh workshop id: 12 URL-safe characters (72 random bits)."""
    return secrets.token_urlsafe(9)


def valid_id(value: object) -> bool:
    return isinstance(value, str) and bool(ID_PATTERN.match(value))


def path() -> Path:
    """``workshops.json`` beside the corpus library."""
    return library.default_path().with_name(FILE_NAME)


def persistent() -> bool:
    """True when the state is written to disk (not read-only mode, and the disk took the last write)."""
    return not store.read_only() and not _fallback["memory"]


def now() -> str:
    """The current time as ISO 8601 in UTC, to the second (``2026-12-01T19:50:27Z``)."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def empty() -> dict[str, Any]:
    """The state of a document not yet seen in a workshop."""
    return {"index": 0, "guesses": {}, "revealed": [], "updated": None}


# --- reading ----------------------------------------------------------------------------------------


def _read_file() -> dict[str, Any]:
    p = path()
    try:
        st_ = p.stat()
    except FileNotFoundError:
        return {"workshops": {}}
    key = (str(p), st_.st_mtime_ns, st_.st_size)
    if _cache["key"] == key:
        return _cache["data"]
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("workshops"), dict):
            raise ValueError("not a workshop file")
    except (OSError, ValueError):
        data = {"workshops": {}}  # an unreadable file is treated as empty and replaced on the next write
    _cache.update(key=key, data=data)
    return data


def _data() -> dict[str, Any]:
    return _memory if not persistent() else _read_file()


def load(workshop: str, doc: str) -> dict[str, Any]:
    """A copy of the state of ``doc`` in ``workshop``: ``index`` (0-based answer), ``guesses`` (pair ->
    list of ``{"tone", "topic", "n", "time"}``), ``revealed`` (sorted pairs) and ``updated`` (ISO time)."""
    with _lock:
        return _load_unlocked(workshop, doc)


def _load_unlocked(workshop: str, doc: str) -> dict[str, Any]:
    found = _data()["workshops"].get(workshop, {}).get("docs", {}).get(doc)
    state = copy.deepcopy(found) if found else empty()
    state["guesses"] = {int(p): g for p, g in state.get("guesses", {}).items()}
    state["revealed"] = sorted(int(p) for p in state.get("revealed", []))
    return state


# --- writing ----------------------------------------------------------------------------------------


@contextmanager
def _file_lock():
    """An advisory lock on ``workshops.json.lock`` (POSIX), against another server process."""
    try:
        import fcntl
    except ImportError:  # Windows: the thread lock alone
        yield
        return
    p = path().with_name(FILE_NAME + ".lock")
    p.parent.mkdir(parents=True, exist_ok=True)
    with open(p, "a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def _write_file(data: dict[str, Any]) -> None:
    p = path()
    p.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=FILE_NAME + ".", suffix=".tmp", dir=p.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    st_ = p.stat()
    _cache.update(key=(str(p), st_.st_mtime_ns, st_.st_size), data=data)


def prune(data: dict[str, Any], *, today: datetime | None = None) -> dict[str, Any]:
    """Drop workshops untouched for ``MAX_AGE_DAYS``, then the least recently changed beyond
    ``MAX_WORKSHOPS``; in each workshop, the least recently changed documents beyond ``MAX_DOCUMENTS``."""
    cutoff = ((today or datetime.now(UTC)) - timedelta(days=MAX_AGE_DAYS)).isoformat().replace("+00:00", "Z")
    workshops = {k: w for k, w in data["workshops"].items() if (w.get("updated") or "") >= cutoff}
    for w in workshops.values():
        docs = w.get("docs", {})
        if len(docs) > MAX_DOCUMENTS:
            keep = sorted(docs, key=lambda d: docs[d].get("updated") or "", reverse=True)[:MAX_DOCUMENTS]
            w["docs"] = {d: docs[d] for d in keep}
    if len(workshops) > MAX_WORKSHOPS:
        keep = sorted(workshops, key=lambda k: workshops[k].get("updated") or "", reverse=True)[:MAX_WORKSHOPS]
        workshops = {k: workshops[k] for k in keep}
    return {"version": VERSION, "workshops": workshops}


def _update(workshop: str, doc: str, change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    """Apply ``change`` to the stored state of ``doc`` in ``workshop`` and keep it (see the module doc)."""
    if not valid_id(workshop):
        raise ValueError(f"not a workshop id: {workshop!r}")
    stamp = now()
    with _lock:
        if persistent():
            try:
                with _file_lock():
                    data = copy.deepcopy(_read_file())
                    _apply(data, workshop, doc, change, stamp)
                    _write_file(prune(data))
                return _load_unlocked(workshop, doc)
            except OSError:
                # The disk refused (full, read-only): go on in memory, from what was last read from disk.
                _fallback["memory"] = True
                _memory.clear()
                _memory.update(copy.deepcopy(_cache["data"] or {"workshops": {}}))
        _apply(_memory, workshop, doc, change, stamp)
        pruned = prune(_memory)
        _memory.clear()
        _memory.update(pruned)
        return _load_unlocked(workshop, doc)


def _apply(data: dict[str, Any], workshop: str, doc: str, change: Callable[[dict[str, Any]], None], stamp: str) -> None:
    w = data["workshops"].setdefault(workshop, {"docs": {}, "updated": stamp})
    state = w["docs"].setdefault(doc, empty())
    state["guesses"] = {str(p): g for p, g in state.get("guesses", {}).items()}
    change(state)
    state["updated"] = w["updated"] = stamp


def set_index(workshop: str, doc: str, index: int) -> dict[str, Any]:
    """Remember the answer shown (0-based)."""
    return _update(workshop, doc, lambda s: s.update(index=max(0, int(index))))


def set_revealed(workshop: str, doc: str, pair: int, revealed: bool) -> dict[str, Any]:
    def change(s: dict[str, Any]) -> None:
        pairs = set(s.get("revealed", []))
        (pairs.add if revealed else pairs.discard)(int(pair))
        s["revealed"] = sorted(pairs)

    return _update(workshop, doc, change)


def add_guess(workshop: str, doc: str, pair: int, guess: Mapping[str, Any]) -> dict[str, Any]:
    """Add ``guess`` (``{"tone", "topic", "n"}``) to the answer's tally: the people of a guess with the
    same tone and topic are added to its entry, whose ``time`` becomes now."""
    tone, topic, n = str(guess["tone"]), str(guess["topic"]), max(1, int(guess.get("n", 1)))
    stamp = now()

    def change(s: dict[str, Any]) -> None:
        entries = s["guesses"].setdefault(str(int(pair)), [])
        for e in entries:
            if e["tone"] == tone and e["topic"] == topic:
                e["n"] = min(MAX_PEOPLE, int(e["n"]) + n)
                e["time"] = stamp
                return
        entries.append({"tone": tone, "topic": topic, "n": min(MAX_PEOPLE, n), "time": stamp})

    return _update(workshop, doc, change)


def clear_guesses(workshop: str, doc: str, pair: int) -> dict[str, Any]:
    return _update(workshop, doc, lambda s: s["guesses"].pop(str(int(pair)), None))


def _reset_for_tests() -> None:
    """Forget the in-memory state and the fallback (tests only)."""
    with _lock:
        _memory.clear()
        _memory["workshops"] = {}
        _cache.update(key=None, data=None)
        _fallback["memory"] = False

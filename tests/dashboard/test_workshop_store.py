"""The workshop's server-side state: kept per (workshop, document), on disk atomically, bounded, and in
memory only in read-only mode."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta

import pytest

from dashboard import workshop_store
from render import guesses

WS, OTHER = "trainer-AAAA1111", "trainer-BBBB2222"
ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")


@pytest.fixture(autouse=True)
def library_dir(tmp_path, monkeypatch):
    """A library path of its own for each test (the store lives beside it), writable."""
    monkeypatch.setenv("DISCOURSE_LIBRARY", str(tmp_path / "library.sqlite3"))
    monkeypatch.delenv("DISCOURSE_READ_ONLY", raising=False)
    workshop_store._reset_for_tests()
    yield tmp_path
    workshop_store._reset_for_tests()


def forget_memory() -> None:
    """What a restarted server (a new process) knows: only the file."""
    workshop_store._reset_for_tests()


def test_a_new_workshop_document_starts_empty():
    assert workshop_store.load(WS, "doc") == {"index": 0, "guesses": {}, "revealed": [], "updated": None}


@pytest.mark.parametrize("value, ok", [
    (workshop_store.new_id(), True), ("abcdEFGH_-12", True), ("short", False), ("x" * 33, False),
    ("has space ok", False), ("../../etc/pw", False), (None, False), (12345678, False),
])
def test_workshop_ids_from_a_url_are_checked(value, ok):
    assert workshop_store.valid_id(value) is ok


def test_new_ids_differ_and_are_valid():
    ids = {workshop_store.new_id() for _ in range(50)}
    assert len(ids) == 50 and all(workshop_store.valid_id(i) for i in ids)


def test_state_is_written_to_disk_and_read_back_by_a_new_process(library_dir):
    workshop_store.set_index(WS, "doc", 2)
    workshop_store.add_guess(WS, "doc", 3, {"tone": "positive", "topic": "Economy", "n": 5})
    workshop_store.add_guess(WS, "doc", 3, {"tone": "neutral", "topic": "Security", "n": 3})
    workshop_store.set_revealed(WS, "doc", 3, True)
    path = library_dir / "workshops.json"
    assert path.exists() and workshop_store.persistent()
    assert list(library_dir.glob("*.tmp")) == []  # the temporary file was renamed into place
    forget_memory()
    state = workshop_store.load(WS, "doc")
    assert state["index"] == 2 and state["revealed"] == [3]
    assert guesses.tally(state["guesses"][3], "tone") == {"positive": 5, "neutral": 3}
    assert all(ISO_UTC.match(g["time"]) for g in state["guesses"][3])
    assert ISO_UTC.match(state["updated"])


def test_workshops_and_documents_are_kept_apart():
    workshop_store.add_guess(WS, "doc", 1, {"tone": "negative", "topic": "A", "n": 2})
    workshop_store.set_revealed(WS, "other-doc", 1, True)
    assert workshop_store.load(OTHER, "doc")["guesses"] == {}
    assert workshop_store.load(WS, "other-doc")["guesses"] == {}
    assert workshop_store.load(WS, "doc")["revealed"] == []


def test_a_guess_with_the_same_tone_and_topic_adds_its_people_to_one_entry():
    for n in (1, 2, 3):
        workshop_store.add_guess(WS, "doc", 1, {"tone": "negative", "topic": "A", "n": n})
    workshop_store.add_guess(WS, "doc", 1, {"tone": "negative", "topic": "B", "n": 4})
    entries = workshop_store.load(WS, "doc")["guesses"][1]
    assert [(e["tone"], e["topic"], e["n"]) for e in entries] == [("negative", "A", 6), ("negative", "B", 4)]


def test_an_answer_holds_at_most_one_entry_per_tone_and_topic_however_many_guesses():
    topics = [f"T{i}" for i in range(11)]
    for i in range(400):
        workshop_store.add_guess(WS, "doc", 1, {"tone": guesses.TONES[i % 3], "topic": topics[i % 11], "n": 500})
    entries = workshop_store.load(WS, "doc")["guesses"][1]
    assert len(entries) == 33
    assert sum(e["n"] for e in entries) == 400 * 500
    workshop_store.add_guess(WS, "doc", 1, {"tone": "negative", "topic": "T0", "n": 10**9})
    assert max(e["n"] for e in workshop_store.load(WS, "doc")["guesses"][1]) == workshop_store.MAX_PEOPLE


def test_clear_and_hide_undo_for_one_answer_only():
    workshop_store.add_guess(WS, "doc", 1, {"tone": "negative", "topic": "A", "n": 2})
    workshop_store.add_guess(WS, "doc", 2, {"tone": "positive", "topic": "A", "n": 1})
    workshop_store.set_revealed(WS, "doc", 1, True)
    workshop_store.set_revealed(WS, "doc", 2, True)
    workshop_store.clear_guesses(WS, "doc", 1)
    workshop_store.set_revealed(WS, "doc", 1, False)
    state = workshop_store.load(WS, "doc")
    assert list(state["guesses"]) == [2] and state["revealed"] == [2]


def test_the_least_recently_changed_workshops_are_pruned_beyond_the_cap(monkeypatch):
    monkeypatch.setattr(workshop_store, "MAX_WORKSHOPS", 3)
    ids = [f"workshop-{i:04d}" for i in range(5)]
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=1)
    for i, ws in enumerate(ids):  # changed one second apart, in order
        stamp = (start + timedelta(seconds=i)).isoformat().replace("+00:00", "Z")
        monkeypatch.setattr(workshop_store, "now", lambda stamp=stamp: stamp)
        workshop_store.set_index(ws, "doc", i)
    data = json.loads(workshop_store.path().read_text())
    assert sorted(data["workshops"]) == ids[2:]


def test_old_workshops_and_surplus_documents_are_pruned():
    today = datetime(2026, 12, 1, tzinfo=UTC)
    old = (today - timedelta(days=workshop_store.MAX_AGE_DAYS + 1)).isoformat().replace("+00:00", "Z")
    recent = (today - timedelta(days=1)).isoformat().replace("+00:00", "Z")
    docs = {f"d{i:02d}": {**workshop_store.empty(), "updated": f"2026-11-{i + 1:02d}T00:00:00Z"} for i in range(25)}
    data = {"workshops": {"old-workshop": {"docs": {}, "updated": old},
                          "new-workshop": {"docs": docs, "updated": recent}}}
    pruned = workshop_store.prune(data, today=today)
    assert list(pruned["workshops"]) == ["new-workshop"]
    kept = pruned["workshops"]["new-workshop"]["docs"]
    assert len(kept) == workshop_store.MAX_DOCUMENTS and "d24" in kept and "d00" not in kept


def test_read_only_mode_keeps_the_state_in_memory_and_writes_nothing(library_dir, monkeypatch):
    monkeypatch.setenv("DISCOURSE_READ_ONLY", "1")
    assert not workshop_store.persistent()
    workshop_store.add_guess(WS, "doc", 1, {"tone": "positive", "topic": "A", "n": 5})
    workshop_store.set_revealed(WS, "doc", 1, True)
    assert list(library_dir.iterdir()) == []  # no workshops.json, no lock file
    state = workshop_store.load(WS, "doc")  # what a reload (a new session, same server) reads
    assert state["revealed"] == [1] and guesses.tally(state["guesses"][1], "tone") == {"positive": 5}


def test_a_disk_that_refuses_a_write_falls_back_to_memory(monkeypatch):
    workshop_store.add_guess(WS, "doc", 1, {"tone": "positive", "topic": "A", "n": 1})

    def refuse(data):
        raise OSError("No space left on device")

    monkeypatch.setattr(workshop_store, "_write_file", refuse)
    workshop_store.add_guess(WS, "doc", 1, {"tone": "positive", "topic": "A", "n": 2})
    assert not workshop_store.persistent()
    assert guesses.tally(workshop_store.load(WS, "doc")["guesses"][1], "tone") == {"positive": 3}


def test_an_unreadable_file_is_treated_as_empty_and_replaced(library_dir):
    (library_dir / "workshops.json").write_text("{not json")
    assert workshop_store.load(WS, "doc")["guesses"] == {}
    workshop_store.set_revealed(WS, "doc", 4, True)
    assert json.loads((library_dir / "workshops.json").read_text())["workshops"][WS]["docs"]["doc"]["revealed"] == [4]


def test_a_change_made_by_another_process_is_kept(library_dir):
    """Each change re-reads the file first: two servers writing one file do not undo each other."""
    workshop_store.add_guess(WS, "doc", 1, {"tone": "positive", "topic": "A", "n": 1})
    path = library_dir / "workshops.json"
    data = json.loads(path.read_text())
    state = {**workshop_store.empty(), "revealed": [7]}
    data["workshops"][OTHER] = {"docs": {"doc": state}, "updated": workshop_store.now()}
    path.write_text(json.dumps(data) + " ")  # another process's write (a different size, so seen as changed)
    workshop_store.add_guess(WS, "doc", 1, {"tone": "negative", "topic": "A", "n": 1})
    assert workshop_store.load(OTHER, "doc")["revealed"] == [7]
    assert guesses.tally(workshop_store.load(WS, "doc")["guesses"][1], "tone") == {"positive": 1, "negative": 1}


def test_a_bad_workshop_id_is_refused():
    with pytest.raises(ValueError):
        workshop_store.set_index("../x", "doc", 1)

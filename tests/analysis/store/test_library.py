"""The corpus library (analysis.store.library): documents, tags, search, results, and what a crash leaves.

Every test opens its own library file under ``tmp_path``; the durability test SIGKILLs a real import.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import DiscourseError
from analysis.pipeline import run
from analysis.sentence import topics
from analysis.store import library
from analysis.store.library import DEFAULT_ID, Library, settings_hash
from analysis.transcripts import load, parse_bytes

ROOT = Path(__file__).resolve().parents[3]
TINY_YAML = b"name: Tiny\ntopics:\n  trade:\n    terms: [trade, tariff*]\n"


def transcript(i: int, words: str = "") -> bytes:
    return f"Q: Question number {i}?\n\nA: Answer number {i}. {words}\n".encode()


@pytest.fixture
def lib(tmp_path: Path):
    with Library(tmp_path / "lib.sqlite3") as opened:
        yield opened


# -- the file -----------------------------------------------------------------------------------------


def test_new_library_is_wal_full_sync_foreign_keys_and_versioned(tmp_path):
    path = tmp_path / "sub" / "dir" / "lib.sqlite3"  # folders are created
    with Library(path) as lib:
        con = lib._con
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert con.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert con.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA application_id").fetchone()[0] == library.APPLICATION_ID
    assert raw.execute("SELECT version FROM schema_version").fetchall() == [(library.SCHEMA_VERSION,)]
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize(
    "explicit, env, xdg, expected",
    [
        ("given.sqlite3", "env.sqlite3", "xdg", "given.sqlite3"),
        (None, "env.sqlite3", "xdg", "env.sqlite3"),
        (None, None, "xdg", "xdg/discourse-dashboard/library.sqlite3"),
        (None, None, None, "home/.local/share/discourse-dashboard/library.sqlite3"),
    ],
)
def test_location(tmp_path, monkeypatch, explicit, env, xdg, expected):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for var, value in ((library.ENV_VAR, env), ("XDG_DATA_HOME", xdg)):
        if value is None:
            monkeypatch.delenv(var, raising=False)
        else:
            monkeypatch.setenv(var, str(tmp_path / value))
    with Library(tmp_path / explicit if explicit else None) as lib:
        assert lib.path == tmp_path / expected
        assert lib.path.exists()


# -- the default interview ----------------------------------------------------------------------------


def test_default_interview_always_present_and_undeletable(tmp_path, default_interview):
    path = tmp_path / "lib.sqlite3"
    with Library(path) as lib:
        assert lib.count() == 1
        rec = lib.get(DEFAULT_ID)
        assert rec.is_default and rec.format == "web-interview" and rec.name == default_interview.name
        assert lib.bytes_of(DEFAULT_ID) == default_interview.read_bytes()
        assert rec.content_sha256 == hashlib.sha256(default_interview.read_bytes()).hexdigest()
        with pytest.raises(DiscourseError, match="default interview.*cannot be deleted"):
            lib.delete(DEFAULT_ID)
        lib.rename(DEFAULT_ID, "Bezrukov")  # renaming and tagging it are fine
        lib.tag(DEFAULT_ID, "seed")
    with Library(path) as lib:  # reopened: still there, once, as it was left
        rows, total = lib.search()
        assert total == 1 and rows[0].id == DEFAULT_ID and rows[0].name == "Bezrukov" and rows[0].tags == ("seed",)


# -- documents ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, data, fmt",
    [
        ("labels.txt", b"Q: Why trade?\n\nA: Trade builds trust.\n", "labelled"),
        ("notes.md", b"---\ntitle: A briefing\n---\n\nQ: Why?\n\nMS. PSAKI: Because.\n", "labelled"),
        ("turns.csv", b"speaker,text,role\nHost,Why trade?,question\nGuest,Trade builds trust.,answer\n", "csv"),
        ("turns.json", b'[{"speaker": "Host", "text": "Why?", "role": "question"}, {"speaker": "Guest", "text": "So."}]', "json"),
    ],
)
def test_add_get_and_bytes_round_trip(lib, name, data, fmt):
    rec = lib.add(name, data, tags=["Demo"])
    assert rec.id.startswith(Path(name).stem.lower() + "-") and rec.name == name
    assert (rec.format, rec.size, rec.tags, rec.is_default) == (fmt, len(data), ("demo",), False)
    assert rec.content_sha256 == hashlib.sha256(data).hexdigest()
    assert lib.get(rec.id) == rec
    assert lib.bytes_of(rec.id) == data
    assert lib.count() == 2


def test_title_is_read_from_the_document(lib):
    rec = lib.add("b.md", b"---\ntitle: Press Briefing by Jen Psaki\n---\n\nQ: Why?\n\nMS. PSAKI: Because.\n")
    assert rec.title == "Press Briefing by Jen Psaki"


def test_same_bytes_twice_give_the_existing_record(lib):
    first = lib.add("one.txt", transcript(1), tags=["a"])
    again = lib.add("other-name.txt", transcript(1), tags=["b"])
    assert again.id == first.id and again.name == "one.txt"
    assert again.tags == ("a", "b")
    assert lib.count() == 2
    assert lib.add("one.txt", transcript(2)).id != first.id  # other bytes, same name: a new document


@pytest.mark.parametrize(
    "data, message",
    [(b"", "empty"), (b"   \n", "empty"), (b"A paragraph of prose.", "No speaker turns"), (b"\x00\x01\x02binary", "binary")],
)
def test_unreadable_transcripts_are_refused_and_nothing_is_stored(lib, data, message):
    with pytest.raises(DiscourseError, match=message):
        lib.add("bad.txt", data)
    assert lib.count() == 1


def test_rename_keeps_the_id(lib):
    rec = lib.add("a.txt", transcript(1))
    renamed = lib.rename(rec.id, "  Interview   with A  ")
    assert (renamed.id, renamed.name) == (rec.id, "Interview with A")
    with pytest.raises(DiscourseError, match="cannot be empty"):
        lib.rename(rec.id, "   ")


@pytest.mark.parametrize(
    "added, removed, expected",
    [
        (["press", "2021"], [], ("2021", "press")),
        ([" Press ", "PRESS", "press"], [], ("press",)),
        (["white  house"], [], ("white house",)),
        (["a", "b", "c"], ["B", "zzz"], ("a", "c")),
    ],
)
def test_tags(lib, added, removed, expected):
    rec = lib.tag(lib.add("a.txt", transcript(1)).id, *added)
    if removed:
        rec = lib.untag(rec.id, *removed)
    assert rec.tags == expected == lib.get(rec.id).tags


def test_empty_tag_is_refused(lib):
    rec = lib.add("a.txt", transcript(1))
    with pytest.raises(DiscourseError, match="tag cannot be empty"):
        lib.tag(rec.id, " ")


@pytest.mark.parametrize("call", ["get", "bytes_of", "rename", "tag", "untag", "delete"])
def test_unknown_id_says_how_to_list_ids(lib, call):
    args = {"rename": ("nope", "x"), "tag": ("nope", "x"), "untag": ("nope", "x")}.get(call, ("nope",))
    with pytest.raises(DiscourseError, match="no document 'nope'.*library list"):
        getattr(lib, call)(*args)


def test_delete_removes_document_tags_and_results(lib):
    rec = lib.add("a.txt", transcript(1), tags=["x"])
    lib.store_blobs([(rec.content_sha256, "s" * 64, 1, b"a", b"s")])
    lib.delete(rec.id)
    assert lib.count() == 1
    assert lib._con.execute("SELECT count(*) FROM tags").fetchone()[0] == 0
    assert lib.cached_blobs("s" * 64, [rec.content_sha256]) == {}
    with pytest.raises(DiscourseError):
        lib.get(rec.id)


# -- search and pagination ----------------------------------------------------------------------------


@pytest.fixture
def filled(lib):
    """25 briefings (tags: odd or even, and 'tens' for 10 and 20) and one Valdai session, plus the default."""
    for i in range(1, 26):
        tags = ["odd" if i % 2 else "even"] + (["tens"] if i % 10 == 0 else [])
        lib.add(f"briefing-{i:02d}.md", b"---\ntitle: Press Briefing %d\n---\n\n" % i + transcript(i), tags=tags)
    lib.add("valdai_session.txt", transcript(99), tags=["Russia"])
    return lib


@pytest.mark.parametrize(
    "query, tag, total",
    [
        ("", None, 27),
        ("briefing", None, 25),
        ("BRIEFING-0", None, 9),  # case-insensitive
        ("press briefing 1", None, 11),  # title: 1, 10-19
        ("russia", None, 2),  # a tag (Valdai) and a title (the default's "SOFT POWER AND RUSSIA")
        ("bezrukov", None, 1),  # the default interview's name and id
        ("", "even", 12),
        ("briefing-1", "even", 5),  # 10, 12, 14, 16, 18
        ("", "TENS", 2),
        ("%", None, 0),  # LIKE's wildcards are literal
        ("valdai_", None, 1),
        ("briefing_01", None, 0),  # "_" would match "briefing-01" as a wildcard
        ("nothing like this", None, 0),
    ],
)
def test_search_totals(filled, query, tag, total):
    rows, n = filled.search(query, tag=tag, limit=100)
    assert n == total and len(rows) == total


@pytest.mark.parametrize("offset, limit, ids", [(0, 3, ["bezrukov-2018", "briefing-01", "briefing-02"]), (24, 10, ["briefing-24", "briefing-25", "valdai-session"]), (27, 5, [])])
def test_pagination_pages_and_total(filled, offset, limit, ids):
    rows, total = filled.search(offset=offset, limit=limit)
    assert total == 27
    assert [r.id.rsplit("-", 1)[0] if not r.is_default else r.id for r in rows] == ids


def test_pages_cover_everything_once(filled):
    seen, offset = [], 0
    while True:
        rows, total = filled.search(offset=offset, limit=7)
        if not rows:
            break
        seen += [r.id for r in rows]
        offset += 7
    assert len(seen) == len(set(seen)) == total == filled.count()


@pytest.mark.parametrize("offset, limit", [(-1, 20), (0, 0), (0, 100_000)])
def test_bad_page_is_refused(lib, offset, limit):
    with pytest.raises(DiscourseError, match="offset"):
        lib.search(offset=offset, limit=limit)


# -- results ------------------------------------------------------------------------------------------


def test_settings_hash_changes_with_dictionary_detail_and_markers(tmp_path):
    default = topics.load_dictionary()
    tiny_path = tmp_path / "tiny.yaml"
    tiny_path.write_bytes(TINY_YAML)
    tiny = topics.load_dictionary(tiny_path)
    base = settings_hash(run.settings(default))
    assert base == settings_hash(run.settings(topics.load_dictionary()))  # stable
    assert settings_hash(dict(reversed(list(run.settings(default).items())))) == base  # key order does not count
    assert settings_hash(run.settings(tiny)) != base
    tiny_path.write_bytes(TINY_YAML.replace(b"tariff*", b"tariffs"))  # one term changed
    assert settings_hash(run.settings(topics.load_dictionary(tiny_path))) != settings_hash(run.settings(tiny))
    assert settings_hash(run.settings(default), detail="full") != base
    from analysis.sentence import markers

    assert settings_hash(run.settings(default, markers.load_markers())) != base


def test_result_round_trip_and_miss(lib, default_interview):
    a = run.analyze(load(default_interview), document="bezrukov.txt", detail="summary")
    sha = hashlib.sha256(default_interview.read_bytes()).hexdigest()
    key = settings_hash(a.settings)
    assert lib.result(sha, key) is None
    lib.store_result(sha, key, a.answers, a.sentences)
    answers, sentences = lib.result(sha, key)
    pd.testing.assert_frame_equal(answers, a.answers)
    pd.testing.assert_frame_equal(sentences, a.sentences)
    assert lib.result(sha, "0" * 64) is None
    assert set(lib.cached_blobs(key, [sha, "f" * 64])) == {sha}


# -- files that are not ours, locks, read-only -------------------------------------------------------


def test_a_file_that_is_not_a_database_is_refused_unchanged(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"my notes, not a database\n" * 100)
    with pytest.raises(DiscourseError, match="not an SQLite database.*--library"):
        Library(path)
    assert path.read_bytes() == b"my notes, not a database\n" * 100


def test_another_programs_database_is_refused_unchanged(tmp_path):
    path = tmp_path / "other.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE customers (id INTEGER, name TEXT)")
    con.commit()
    con.close()
    before = path.read_bytes()
    with pytest.raises(DiscourseError, match="another program.*customers.*not a discourse library"):
        Library(path)
    assert path.read_bytes() == before


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(DiscourseError, match="is a folder"):
        Library(tmp_path)


def test_locked_beyond_the_timeout(tmp_path):
    path = tmp_path / "lib.sqlite3"
    Library(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with Library(path, timeout=0.2) as lib:  # opening and reading still work (WAL)
            assert lib.count() == 1
            t0 = time.perf_counter()
            with pytest.raises(DiscourseError, match="locked.*0.2 s.*try again"):
                lib.add("a.txt", transcript(1))
            assert time.perf_counter() - t0 >= 0.2
    finally:
        other.execute("ROLLBACK")
        other.close()
    with Library(path) as lib:  # and once it is released, writing works
        assert lib.add("a.txt", transcript(1)).name == "a.txt"


@pytest.mark.parametrize("folder", ["plain", "odd ?#% name"])  # a URI (mode=ro) is made of the path
def test_read_only(tmp_path, folder):
    path = tmp_path / folder / "lib.sqlite3"
    with Library(path) as lib:
        lib.add("a.txt", transcript(1))
    with Library(path, readonly=True) as lib:
        assert lib.count() == 2
        with pytest.raises(DiscourseError, match="read-only.*--library"):
            lib.add("b.txt", transcript(2))
    with pytest.raises(DiscourseError, match="no such file"):
        Library(tmp_path / "missing.sqlite3", readonly=True)


def test_sqlite_errors_become_actionable_messages(tmp_path):
    with Library(tmp_path / "lib.sqlite3") as lib:
        for raw, expected in [
            ("attempt to write a readonly database", "read-only here.*Make it writable"),
            ("database is locked", "locked.*try again"),
            ("file is not a database", "not an SQLite database"),
            ("database or disk is full", "disk is full"),
        ]:
            assert re.search(expected, str(lib._error(sqlite3.OperationalError(raw))))


@pytest.mark.parametrize(
    "frame",
    [
        # the plain column types of the analysis frames: column by column into Arrow
        pd.DataFrame({"a": [1, 2], "b": [0.5, float("nan")], "c": [True, False], "d": pd.array(["x", None], dtype="str")}),
        pd.DataFrame({"a": pd.Series([], dtype="int64"), "d": pd.Series([], dtype="str")}),
        # anything else: through pa.Table.from_pandas, whose metadata restores the types
        pd.DataFrame({"when": pd.to_datetime(["2018-06-10", "2021-01-20"]), "n": pd.array([1, None], dtype="Int64")}),
        pd.DataFrame({"o": pd.Series([{"k": 1}, None], dtype="object").astype(str)}),
    ],
)
def test_frames_read_back_as_written(frame):
    for compression in ("none", "lz4"):
        back = library.decode_frames([library.encode_frame(frame.set_axis(range(10, 10 + len(frame))), compression=compression)])
        pd.testing.assert_frame_equal(back, frame)


def test_an_analysis_reads_back_as_written(default_interview):
    result = run.analyze(load(default_interview), document="d", detail="summary")
    for frame in (result.answers, result.sentences):
        pd.testing.assert_frame_equal(library.decode_frames([library.encode_frame(frame)]), frame)


# -- durability ---------------------------------------------------------------------------------------

IMPORTER = textwrap.dedent(
    """
    import sys
    import pandas as pd
    from analysis.store.library import Library, encode_frame

    # Each round: one document (about 250 kB, with two tags) and one large result (about 3 MB), each
    # in its own transaction; "committed N" is printed after both.
    big = encode_frame(pd.DataFrame({"text": ["word " * 200] * 3000}))
    filler = "This sentence pads the answer out. " * 7000
    with Library(sys.argv[1]) as lib:
        for i in range(100_000):
            data = f"Q: Question number {i}?\\n\\nA: Answer number {i}. {filler}\\n".encode()
            rec = lib.add(f"doc-{i:05d}.txt", data, tags=[f"n{i}", "bulk"])
            lib.store_blobs([(rec.content_sha256, "settings", 3000, big, big)])
            print(f"committed {i}", flush=True)
    """
)


@pytest.mark.parametrize("extra_delay", [0.0, 0.05, 0.1])
def test_sigkill_mid_import_leaves_every_committed_document_intact(tmp_path, extra_delay):
    path = tmp_path / "lib.sqlite3"
    proc = subprocess.Popen(
        [sys.executable, "-c", IMPORTER, str(path)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    committed = -1
    deadline = time.monotonic() + 45  # about 1.5 s on an idle machine; generous for a loaded one
    try:
        while committed < 4 and time.monotonic() < deadline:  # at least five rounds on disk
            line = proc.stdout.readline()
            if not line:
                break
            committed = int(line.split()[1])
        time.sleep(extra_delay)  # land somewhere inside a later round
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
    assert committed >= 4, f"the importer did not get going: {proc.stderr.read()[-2000:]}"
    assert proc.returncode == -signal.SIGKILL

    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
    raw.close()
    with Library(path) as lib:
        assert lib.integrity_check() == "ok"
        rows, _ = lib.search(limit=1000)
        docs = [r for r in rows if not r.is_default]
        numbers = sorted(int(r.name[4:9]) for r in docs)
        # Every reported commit is there, and what is there is a prefix of the rounds: nothing partial.
        assert numbers == list(range(len(numbers))) and len(numbers) >= committed + 1
        for r in docs:
            data = lib.bytes_of(r.id)
            assert hashlib.sha256(data).hexdigest() == r.content_sha256 and len(data) == r.size
            assert parse_bytes(data, name=r.name).pairs[0].question == f"Question number {int(r.name[4:9])}?"
            assert r.tags == tuple(sorted(["bulk", f"n{int(r.name[4:9])}"]))  # the row and its tags together
        blobs = lib.cached_blobs("settings", [r.content_sha256 for r in docs])
        assert len(blobs) >= committed + 1  # the results of reported rounds
        for blob in blobs.values():
            assert len(library.decode_frames([blob])) == 3000
        assert lib.add("after.txt", transcript(1)).name == "after.txt"  # and it takes writes again

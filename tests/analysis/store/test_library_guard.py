"""The library under hostile conditions: concurrent adds, renames to another extension, empty files,
read-only opening that must write nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import cli
from analysis.errors import DiscourseError
from analysis.store import library

ROOT = Path(__file__).resolve().parents[3]
CSV = b"speaker,text\nHost,What about the trade with China?\nGuest,Trade with China is growing.\nHost,And sanctions?\nGuest,Sanctions hurt trade.\n"


def _folder(tmp_path: Path, n: int) -> Path:
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(n):
        (folder / f"doc-{i:02d}.txt").write_text(f"Q: Question number {i}, about trade?\n\nA: Answer {i}: trade grows.\n")
    return folder


def _add_in_two_processes(lib_path: Path, folder: Path) -> list[str]:
    cmd = [sys.executable, "-m", "analysis", "library", "--library", str(lib_path), "add", str(folder)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
    return [line for out, _ in outs for line in out.splitlines()]


def test_two_concurrent_adds_of_one_folder_report_only_what_each_stored(tmp_path):
    folder = _folder(tmp_path, 30)
    lib_path = tmp_path / "lib.sqlite3"
    with library.Library(lib_path):  # created first: this test is about the adds, not the creation
        pass
    lines = _add_in_two_processes(lib_path, folder)
    added = [ln for ln in lines if ln.startswith("added\t")]
    present = [ln for ln in lines if ln.startswith("present\t")]
    with library.Library(lib_path, readonly=True) as lib:
        stored = lib.count() - 1  # the default interview was there before
    assert stored == 30
    assert len(added) == stored, f"{len(added)} reported added, {stored} stored"
    assert len(added) + len(present) == 60


@pytest.mark.parametrize("new_name", ["renamed.txt", "renamed.html", "renamed.exe", "no extension"])
def test_a_renamed_document_parses_as_it_did_when_added(tmp_path, new_name):
    with library.Library(tmp_path / "lib.sqlite3") as lib:
        rec = lib.add("rows.csv", CSV)
        before = lib.parse(rec.id).to_dict()
        renamed = lib.rename(rec.id, new_name)
        assert renamed.format == "csv" and library.stored_format(renamed) == "csv"
        after = lib.parse(rec.id)
    assert after.name == new_name  # the name shown is the new one
    assert {k: v for k, v in after.to_dict().items() if k != "name"} == {k: v for k, v in before.items() if k != "name"}
    assert [p.question for p in after.qa_pairs] == ["What about the trade with China?", "And sanctions?"]


def test_the_dashboard_parses_a_renamed_library_document_with_its_stored_format(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.dashboard.test_app import APP, visible_text

    monkeypatch.setenv("DISCOURSE_LIBRARY", str(tmp_path / "lib.sqlite3"))
    with library.Library() as lib:
        rec = lib.rename(lib.add("rows.csv", CSV).id, "rows renamed.txt")
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["doc"] = rec.id
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.radio(key="pair").options == ["1", "2"]
    assert "Trade with China is growing." in visible_text(at)


def test_an_empty_file_given_as_the_library_is_refused_and_left_unchanged(tmp_path, capsys):
    empty = tmp_path / "typo.sqlite3"
    empty.touch()
    assert cli.main(["library", "--library", str(empty), "list"]) == cli.EXIT_USER_ERROR
    err = capsys.readouterr().err
    assert "is an empty file (0 bytes), not a library" in err and "Remove it to start a new library" in err
    assert empty.stat().st_size == 0 and sorted(os.listdir(tmp_path)) == ["typo.sqlite3"]
    with pytest.raises(DiscourseError, match="empty file"):
        library.Library(empty, readonly=True)


def test_an_empty_file_becomes_a_library_when_asked(tmp_path):
    empty = tmp_path / "made-by-tempfile.sqlite3"
    empty.touch()
    with library.Library(empty, empty="create") as lib:
        assert lib.count() == 1  # the default interview
    with library.Library(empty) as lib:  # a library now: opened as any other
        assert lib.count() == 1


def _wal_library(tmp_path: Path) -> Path:
    path = tmp_path / "lib" / "library.sqlite3"
    with library.Library(path) as lib:
        lib.add("rows.csv", CSV)
    return path


def test_a_read_only_library_writes_nothing_beside_its_file(tmp_path):
    path = _wal_library(tmp_path)
    before = sorted(os.listdir(path.parent))
    assert before == ["library.sqlite3"]  # the writer's -wal and -shm are gone once it closed
    with library.Library(path, readonly=True) as lib:
        assert lib.count() == 2 and lib.search("rows")[1] == 1
        rec = lib.search("rows")[0][0]
        assert lib.parse(rec.id).qa_pairs
    assert sorted(os.listdir(path.parent)) == before
    # While a writer runs, its commits may be only in its write-ahead log: read-only opening reads them
    # there (immutable=1, which writes nothing, would not see them).
    with library.Library(path) as writer:  # keeps its write-ahead log open, not yet copied into the file
        writer.add("more.txt", b"Q: Is this new?\n\nA: Yes, it is new.\n")
        assert Path(f"{path}-wal").exists()
        with library.Library(path, readonly=True) as reader:
            assert reader.count() == 3


def test_a_read_only_dashboard_session_writes_nothing_beside_the_library(tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    from tests.dashboard.test_app import APP

    path = _wal_library(tmp_path)
    with library.Library(path, readonly=True) as lib:
        doc_id = lib.search("rows")[0][0].id
    monkeypatch.setenv("DISCOURSE_LIBRARY", str(path))
    monkeypatch.setenv("DISCOURSE_READ_ONLY", "1")
    before = sorted(os.listdir(path.parent))
    for page, query in (("views/library.py", {}), ("views/reader.py", {"doc": doc_id}), ("views/workshop.py", {"doc": doc_id})):
        at = AppTest.from_file(str(APP), default_timeout=60)
        for k, v in query.items():
            at.query_params[k] = v
        at.switch_page(page)
        at.run()
        assert not at.exception, [e.message for e in at.exception]
        assert not at.error, [e.value for e in at.error]
    assert sorted(os.listdir(path.parent)) == before == ["library.sqlite3"]

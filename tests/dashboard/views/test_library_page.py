"""The Library page and library documents in every page, under AppTest; read-only mode."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.store import library
from tests.dashboard.test_app import app, assert_clean, shown_text

DOC = b"Q: Is free trade good?\n\nA: Free trade builds soft power and good business.\n"


@pytest.fixture()
def lib(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "lib.sqlite3"
    monkeypatch.setenv("DISCOURSE_LIBRARY", str(path))
    monkeypatch.delenv("DISCOURSE_READ_ONLY", raising=False)
    with library.Library(path) as l:
        for i in range(45):
            l.add(f"briefing-{i:02d}.txt", DOC.replace(b"good?", f"good {i}?".encode()), tags=["briefing"] if i % 2 else [])
    return path


def test_lists_pages_and_searches(lib):
    at = app("views/library.py")
    assert_clean(at)
    table = at.dataframe[0].value
    assert len(table) == 20 and table.loc[0, "id"] == "bezrukov-2018"  # the default interview first
    assert "46 documents match" in shown_text(at)
    at.number_input(key="lib-page").set_value(3).run()
    assert len(at.dataframe[0].value) == 6  # 46 = 20 + 20 + 6
    at.text_input(key="lib-query").set_value("briefing-1").run()
    assert at.number_input(key="lib-page").value == 1  # a new search starts on page 1
    assert set(at.dataframe[0].value["name"]) == {f"briefing-{i}.txt" for i in range(10, 20)}
    at.text_input(key="lib-query").set_value("").run()
    at.selectbox(key="lib-tag").set_value("briefing").run()
    assert "22 documents match" in shown_text(at)


def test_a_library_document_opens_in_every_page(lib):
    with library.Library(lib) as l:
        rec = l.search("briefing-07")[0][0]
    for page in ("views/reader.py", "views/overview.py", "views/methods.py", "views/actors.py", "views/workshop.py"):
        at = app(page, doc=rec.id)
        assert_clean(at)
        assert at.selectbox(key="doc").value == rec.id, page
    at = app(doc=rec.id)
    assert "briefing-07.txt (library)" in shown_text(at).replace("\\", "")  # the caption is Markdown-escaped


def test_read_only_mode_turns_off_writes(lib, monkeypatch):
    monkeypatch.setenv("DISCOURSE_READ_ONLY", "1")
    at = app("views/library.py")
    assert_clean(at)
    assert any("Read-only" in i.value for i in at.info)
    assert len(at.get("file_uploader")) == 0
    at = app("views/upload.py")
    assert_clean(at)
    assert len(at.get("file_uploader")) == 0 and any("read-only" in i.value for i in at.info)


def test_read_only_mode_shows_no_server_path(lib, monkeypatch):
    at = app("views/library.py")
    assert str(lib.parent) in shown_text(at).replace("\\", "")  # a local, writable dashboard says where
    monkeypatch.setenv("DISCOURSE_READ_ONLY", "1")
    at = app("views/library.py")
    assert_clean(at)
    shown = shown_text(at).replace("\\", "")
    assert str(lib.parent) not in shown and "lib.sqlite3" not in shown and "on this server" in shown


def test_read_only_mode_without_a_library_names_no_path(tmp_path, monkeypatch):
    monkeypatch.setenv("DISCOURSE_LIBRARY", str(tmp_path / "absent" / "lib.sqlite3"))
    monkeypatch.setenv("DISCOURSE_READ_ONLY", "1")
    at = app("views/library.py")
    assert at.error and "no library on this server" in at.error[0].value
    assert str(tmp_path) not in at.error[0].value


def test_the_title_comes_before_the_name(lib):
    at = app("views/library.py")
    assert list(at.dataframe[0].value.columns) == [
        "id", "date", "title", "pairs", "words", "name", "format", "KB", "tags", "added"]


def test_read_only_methods_page_shows_no_path_of_the_repository(lib, monkeypatch):
    root = str(Path(__file__).resolve().parents[3])
    monkeypatch.setenv("DISCOURSE_READ_ONLY", "1")
    at = app("views/methods.py")
    assert_clean(at)
    shown = shown_text(at).replace("\\", "")
    assert root not in shown
    caption = next(c.value for c in at.caption if c.value.startswith("Settings of this analysis"))
    lines = caption.replace("\\", "").splitlines()[1:]
    assert "- markers: data/markers" in lines and "- dictionary_file: data/topics/foreign_policy.yaml" in lines
    assert any(line.startswith("- marker_families: authority ") for line in lines)  # key: value, not a dict's repr

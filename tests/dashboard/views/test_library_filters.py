"""The Library page's filters by date and speaker (with tag and text) under AppTest: the list, a link
that sets them, the metadata columns, and an older library upgraded on the page."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from analysis.store import library
from tests.dashboard.test_app import app, assert_clean, shown_text

V2 = Path(__file__).resolve().parents[2] / "data" / "library" / "library_v2.sqlite3"


@pytest.fixture()
def lib(tmp_path, monkeypatch, few_briefings) -> Path:
    path = tmp_path / "lib.sqlite3"
    monkeypatch.setenv("DISCOURSE_LIBRARY", str(path))
    monkeypatch.delenv("DISCOURSE_READ_ONLY", raising=False)
    with library.Library(path) as l:
        for f in few_briefings:
            l.add(f.name, f.read_bytes(), tags=[f.name[:4]])
    return path


def _dates(at) -> list[str]:
    return list(at.dataframe[0].value["date"])


def test_the_list_shows_date_pairs_and_words(lib):
    at = app("views/library.py")
    assert_clean(at)
    table = at.dataframe[0].value
    row = table[table["date"] == "2021-01-22"].iloc[0]
    assert (row["pairs"], row["words"]) == (66, 10_845)
    assert table.loc[0, "id"] == "bezrukov-2018" and table.loc[0, "date"] == "2018-06-10"


def test_date_range_and_speaker_filter_the_list_and_are_in_the_url(lib):
    at = app("views/library.py")
    at.date_input(key="lib-from").set_value(date(2023, 1, 1)).run()
    assert _dates(at) == ["2023-02-01", "2023-02-03", "2023-02-06"] and "3 documents match" in shown_text(at)
    at.selectbox(key="lib-speaker").set_value("MR. DEESE").run()
    assert_clean(at)
    assert _dates(at) == ["2023-02-06"] and "1 document match" in shown_text(at)
    # (The browser writes a bound widget's value into the address: tests/browser/test_library_filters_browser.py.)
    at.date_input(key="lib-from").set_value(None).run()
    at.date_input(key="lib-to").set_value(date(2021, 1, 22)).run()  # both ends included
    assert _dates(at) == ["2021-01-22"]


def test_a_link_with_the_filters_opens_the_same_list(lib):
    """A reload (a new session from the same URL) lists the same documents, with the same filters set."""
    at = app("views/library.py", **{"lib-from": "2022-01-01", "lib-to": "2023-02-05", "lib-speaker": "MS. JEAN-PIERRE"})
    assert_clean(at)
    assert at.date_input(key="lib-from").value == date(2022, 1, 1)
    assert at.date_input(key="lib-to").value == date(2023, 2, 5)
    assert at.selectbox(key="lib-speaker").value == "MS. JEAN-PIERRE"
    assert _dates(at) == ["2022-05-11", "2023-02-03"]


def test_speaker_with_tag_and_text(lib):
    at = app("views/library.py")
    at.selectbox(key="lib-speaker").set_value("MS. JEAN-PIERRE").run()
    assert _dates(at) == ["2022-05-11", "2023-02-03", "2023-02-06"]
    at.selectbox(key="lib-tag").set_value("2023").run()
    assert _dates(at) == ["2023-02-03", "2023-02-06"]
    at.text_input(key="lib-query").set_value("gaggle").run()
    assert _dates(at) == ["2023-02-03"]
    speakers = at.selectbox(key="lib-speaker").options
    assert speakers[:2] == ["any speaker", "Q"] and "MR. DEESE" in speakers  # most documents first


def test_dates_the_wrong_way_round_are_an_error_on_the_page(lib):
    at = app("views/library.py")
    at.date_input(key="lib-from").set_value(date(2023, 1, 1)).run()
    at.date_input(key="lib-to").set_value(date(2022, 1, 1)).run()
    assert not at.exception
    assert [e.value.replace("\\", "") for e in at.error] == ["From 2023-01-01 is after To 2022-01-01: no date is in that range; swap them."]
    assert "0 documents match" in shown_text(at)


def test_new_filters_start_on_page_1(lib, monkeypatch):
    monkeypatch.setattr("dashboard.store.PAGE_SIZE", 2)
    at = app("views/library.py")
    at.number_input(key="lib-page").set_value(3).run()
    assert len(at.dataframe[0].value) == 2
    at.date_input(key="lib-from").set_value(date(2021, 1, 1)).run()
    assert at.number_input(key="lib-page").value == 1


def test_an_older_library_is_upgraded_on_the_page(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite3"
    shutil.copy(V2, path)
    monkeypatch.setenv("DISCOURSE_LIBRARY", str(path))
    monkeypatch.delenv("DISCOURSE_READ_ONLY", raising=False)
    at = app("views/library.py", **{"lib-from": "2019-01-01"})
    assert_clean(at)
    assert _dates(at) == ["2019-05-14", "2020-11-03"]
    with library.Library(path, readonly=True) as lib:
        assert lib.schema_version == library.SCHEMA_VERSION


def test_an_older_library_read_only_lists_without_date_filters(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite3"
    shutil.copy(V2, path)
    monkeypatch.setenv("DISCOURSE_LIBRARY", str(path))
    monkeypatch.setenv("DISCOURSE_READ_ONLY", "1")
    at = app("views/library.py", **{"lib-from": "2019-01-01"})
    assert_clean(at)
    assert at.date_input(key="lib-from").disabled and at.selectbox(key="lib-speaker").disabled
    assert "no dates or speakers to filter by" in shown_text(at)
    assert "4 documents match" in shown_text(at)
    with library.Library(path, readonly=True) as lib:
        assert lib.schema_version == 2  # never written

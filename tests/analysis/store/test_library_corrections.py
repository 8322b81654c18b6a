"""Corrections kept with a library document: the version 1 -> 2 (-> 3) upgrade, the round trip, the cache key."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from analysis.errors import DiscourseError
from analysis.pipeline import batch
from analysis.store import library
from analysis.store.library import Library
from analysis.transcripts import Correction

V1 = Path(__file__).resolve().parents[2] / "data" / "library" / "library_v1.sqlite3"  # see make_v1.py beside it
PRESS_ID = "press-feee55"
PANEL = b"""Fyodor Lukyanov: Welcome. What changed this year?

SPEAKER ONE: Trade changed a lot. Companies are moving their supply chains.

Fyodor Lukyanov: And what about sanctions?

SPEAKER ONE: Sanctions are a tool, but not a good one.
"""


@pytest.fixture
def v1(tmp_path: Path) -> Path:
    path = tmp_path / "old.sqlite3"
    shutil.copy(V1, path)
    return path


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as con:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_the_fixture_is_a_version_1_library():
    with sqlite3.connect(f"file:{V1}?mode=ro", uri=True) as con:
        assert con.execute("SELECT version FROM schema_version").fetchall() == [(1,)]
    assert "corrections" not in _tables(V1)


def test_a_version_1_file_is_upgraded_in_place_and_keeps_everything(v1: Path):
    with sqlite3.connect(v1) as con:
        before = {t: con.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in ("documents", "tags", "analyses")}
    with Library(v1) as lib:
        assert lib.schema_version == library.SCHEMA_VERSION == 3  # 1 -> 2 -> 3
        assert [r.id for r in lib.search()[0]] == ["bezrukov-2018", PRESS_ID]
        assert lib.get(PRESS_ID).tags == ("press",)
        assert lib.corrections(PRESS_ID) == ()
        lib.set_corrections(PRESS_ID, [Correction.rename("SPEAKER ONE", "Jane Doe")])
        assert lib.integrity_check() == "ok"
    with sqlite3.connect(v1) as con:
        assert con.execute("SELECT version FROM schema_version").fetchall() == [(3,)]
        after = {t: con.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in ("documents", "tags", "analyses")}
    assert after == before
    with Library(v1) as lib:  # opened again: already version 3, the correction is there
        assert lib.corrections(PRESS_ID) == (Correction.rename("SPEAKER ONE", "Jane Doe"),)


def test_the_upgrade_is_one_transaction(v1: Path, monkeypatch):
    monkeypatch.setattr(library, "_CORRECTIONS_TABLE", "CREATE TABLE corrections (x); SELECT nonsense(")
    with pytest.raises((DiscourseError, sqlite3.Error)):
        Library(v1)
    with sqlite3.connect(v1) as con:
        assert con.execute("SELECT version FROM schema_version").fetchall() == [(1,)]
    assert "corrections" not in _tables(v1)


def test_a_version_1_file_opened_read_only_is_read_unchanged(v1: Path):
    with Library(v1, readonly=True) as lib:
        assert lib.schema_version == 1 and lib.corrections(PRESS_ID) == () and lib.corrections_by_sha(["x"]) == {}
        with pytest.raises(DiscourseError, match="read-only"):
            lib.set_corrections(PRESS_ID, [Correction.asks("Q")])
    assert "corrections" not in _tables(v1)


def test_a_newer_schema_is_still_refused(v1: Path):
    with sqlite3.connect(v1) as con:
        con.execute("UPDATE schema_version SET version = ?", (library.SCHEMA_VERSION + 1,))
    with pytest.raises(DiscourseError, match=f"schema version {library.SCHEMA_VERSION + 1}"):
        Library(v1)


def test_round_trip_clear_and_delete(tmp_path: Path):
    with Library(tmp_path / "lib.sqlite3") as lib:
        rec = lib.add("panel.txt", PANEL)
        items = (Correction.rename("SPEAKER ONE", "Jane Doe"), Correction.asks("Fyodor Lukyanov"),
                 Correction.mark(3, "question", words="And what about sanctions?"))
        assert lib.set_corrections(rec.id, items) == items
        assert lib.corrections(rec.id) == items
        assert lib.corrections_by_sha([rec.content_sha256, "missing"]) == {rec.content_sha256: items}
        assert lib.set_corrections(rec.id, items[:1]) == items[:1]  # undo the last two
        assert lib.corrections(rec.id) == items[:1]
        lib.set_corrections(rec.id, [])
        assert lib.corrections(rec.id) == () and lib.corrections_by_sha([rec.content_sha256]) == {}
        lib.set_corrections(rec.id, items)
        lib.delete(rec.id)
        assert lib._con.execute("SELECT count(*) FROM corrections").fetchone()[0] == 0
        with pytest.raises(DiscourseError, match="no document"):
            lib.corrections(rec.id)


def test_hostile_stored_corrections_are_a_clear_error(tmp_path: Path):
    with Library(tmp_path / "lib.sqlite3") as lib:
        rec = lib.add("panel.txt", PANEL)
        lib._con.execute("INSERT INTO corrections VALUES (?, ?, ?)", (rec.id, '[{"kind": "drop table"}]', "now"))
        with pytest.raises(DiscourseError, match="kind"):
            lib.corrections(rec.id)


def test_corrected_settings_key():
    base = "a" * 64
    assert library.corrected_settings(base, ()) == base
    one = library.corrected_settings(base, [Correction.rename("A", "B")])
    assert one != base and one != library.corrected_settings(base, [Correction.rename("A", "C")])
    assert one == library.corrected_settings(base, (Correction.rename("A", "B"),))


def test_the_batch_uses_the_corrections_and_never_serves_the_other_analysis(tmp_path: Path):
    f = tmp_path / "panel.txt"
    f.write_bytes(PANEL)
    with Library(tmp_path / "lib.sqlite3") as lib:
        rec = lib.add("panel.txt", PANEL)
        first = batch.run([f], library=lib, progress=False)
        assert set(first.answers["speaker"]) == {"SPEAKER ONE"} and first.n_analysed == 1
        lib.set_corrections(rec.id, [Correction.rename("SPEAKER ONE", "Jane Doe")])
        fixed = batch.run([f], library=lib, progress=False)
        assert set(fixed.answers["speaker"]) == {"Jane Doe"} and fixed.n_analysed == 1 and fixed.n_cached == 0
        again = batch.run([f], library=lib, progress=False)
        assert set(again.answers["speaker"]) == {"Jane Doe"} and again.n_cached == 1
        lib.set_corrections(rec.id, [])  # undone: the uncorrected result, from the library
        undone = batch.run([f], library=lib, progress=False)
        assert set(undone.answers["speaker"]) == {"SPEAKER ONE"} and undone.n_cached == 1
        lib.set_corrections(rec.id, [Correction.rename("SPEAKER ONE", "Jane Doe")])
        full = batch.run([f], library=lib, progress=False, detail="full", jobs=2)
        assert set(full.answers["speaker"]) == {"Jane Doe"}


# Invented: speakers numbered (1, 2), so the parser finds no speaker column; the user names the columns.
NUMBERED = b"""turn,spk,utt_text
1,1,"Where should the new library be built, in your view?"
2,2,"Near the station, so that people can stop on the way home."
3,1,"And who will pay for it?"
4,2,"The city, and a small grant from the state."
"""


def test_a_table_kept_with_its_columns_is_read_with_them_by_the_library_and_the_batch(tmp_path: Path):
    from analysis.transcripts import corrections as fixes
    from analysis.transcripts import parse_bytes

    columns = fixes.with_columns((), "spk", "utt_text")
    assert fixes.chosen_columns(columns) == ("spk", "utt_text")
    assert fixes.loads(fixes.dumps(columns)) == columns  # stored as JSON and read back the same
    with pytest.raises(DiscourseError, match="missing a speaker column"):
        parse_bytes(NUMBERED, name="plan.csv")  # the parser alone cannot read it
    f = tmp_path / "plan.csv"
    f.write_bytes(NUMBERED)
    with Library(tmp_path / "lib.sqlite3") as lib:
        before = lib.count()  # the default interview
        with pytest.raises(DiscourseError, match="missing a speaker column"):
            lib.add("plan.csv", NUMBERED)  # refused, and nothing stored
        assert lib.count() == before
        rec = lib.add("plan.csv", NUMBERED, corrections=columns)  # row and corrections in one transaction
        assert lib.corrections(rec.id) == columns
        doc = parse_bytes(lib.bytes_of(rec.id), name=rec.name, corrections=lib.corrections(rec.id))
        assert [t.speaker for t in doc.turns] == ["Speaker 1", "Speaker 2"] * 2 and len(doc.qa_pairs) == 2
        assert doc.metadata["corrections"] == ["Read the speaker from column 'spk' and the text from column 'utt_text'"]
        result = batch.run([f], library=lib, progress=False)
        assert result.n_analysed == 1 and not result.failures
        assert list(result.answers["speaker"]) == ["Speaker 2", "Speaker 2"]
        with pytest.raises(DiscourseError, match="not changed: with them plan.csv: The CSV is missing a speaker"):
            lib.set_corrections(rec.id, ())  # without its columns the table cannot be read: nothing changes
        assert lib.corrections(rec.id) == columns
        # Another choice replaces the first (one columns correction), and the other corrections stay.
        both = fixes.with_columns((Correction.rename("Speaker 2", "Ada Roe"), *columns), "turn", "utt_text")
        assert [c.kind for c in both] == ["columns", "rename"] and fixes.chosen_columns(both) == ("turn", "utt_text")


def test_a_columns_correction_on_a_text_is_skipped_with_a_warning_and_bad_columns_are_refused():
    from analysis.transcripts import corrections as fixes
    from analysis.transcripts import parse_bytes

    doc = parse_bytes(PANEL, name="panel.txt", corrections=[Correction.columns("spk", "utt_text")])
    assert any(w.startswith("Correction skipped: this document is not a table") for w in doc.warnings)
    with pytest.raises(DiscourseError, match="cannot both be column"):
        Correction.columns("spk", "spk")
    with pytest.raises(DiscourseError, match="column name"):
        fixes.loads('[{"kind": "columns", "speaker": 3, "text": "utt_text"}]')
    assert fixes.with_columns([Correction.columns("a", "b")], None, None) == ()  # the parser's own columns again

"""Each library document's metadata (date, speakers, pairs, words): at import, when its corrections change,
in the filters of ``Library.search``, and filled for every document by the version 2 -> 3 upgrade."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest

from analysis.errors import DiscourseError
from analysis.store import library
from analysis.store.library import DEFAULT_ID, Library
from analysis.text import count_words
from analysis.transcripts import Correction, parse_bytes

V2 = Path(__file__).resolve().parents[2] / "data" / "library" / "library_v2.sqlite3"  # see make_v2.py beside it
PRESS_ID, TOWN_HALL_ID, PANEL_ID = "press-feee55", "2019-05-14-town-hall-3de71f", "panel-23c685"
PANEL = b"""DR. OKAFOR: Welcome. Is the harbour ready for bigger ships?

MS. BRANDT: Not yet. The channel must be dredged first.

DR. OKAFOR: And when will that be done?

MS. BRANDT: Next spring, if the money comes.
"""


def _reading(path: Path):
    """A read-only connection, closed at the end of the ``with`` block. The fixture in the repository is
    opened immutable: a read-only connection to a WAL file would leave -wal and -shm files beside it."""
    mode = "immutable=1" if path == V2 else "mode=ro"
    return closing(sqlite3.connect(f"file:{path}?{mode}", uri=True))


@contextmanager
def _writing(path: Path) -> Iterator[sqlite3.Connection]:
    """A connection of another program: one transaction, committed and closed at the end of the block."""
    with closing(sqlite3.connect(path)) as con, con:
        yield con


def _tables(path: Path) -> set[str]:
    with _reading(path) as con:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _version(path: Path) -> int:
    with _reading(path) as con:
        return con.execute("SELECT version FROM schema_version").fetchone()[0]


def _rows(path: Path, tables=("documents", "tags", "analyses", "corrections")) -> dict:
    with _reading(path) as con:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables}


def downgrade_to_2(path: Path) -> None:
    """Make a version-3 library the version-2 file the earlier code wrote: version 3 only added the
    metadata and speakers tables (test_the_downgrade_helper_writes_the_schema_of_the_old_code)."""
    with _writing(path) as con:
        con.execute("DROP TABLE speakers")
        con.execute("DROP TABLE metadata")
        con.execute("UPDATE schema_version SET version = 2")


def _without_front_matter(data: bytes) -> bytes:
    return data.split(b"\n---\n", 1)[1]


@pytest.fixture
def v2(tmp_path: Path) -> Path:
    path = tmp_path / "old.sqlite3"
    shutil.copy(V2, path)
    return path


@pytest.fixture
def briefings(tmp_path: Path, few_briefings: list[Path]) -> Library:
    """A library of the handful of briefings, each tagged with its year."""
    with Library(tmp_path / "briefings.sqlite3") as lib:
        for f in few_briefings:
            lib.add(f.name, f.read_bytes(), tags=[f.name[:4]])
        yield lib


def _ids(rows) -> list[str]:
    return [r.name[:10] if not r.is_default else r.id for r in rows]


# -- at import ------------------------------------------------------------------------------------------


def test_a_briefings_metadata_is_its_parsed_documents(tmp_path, few_briefings):
    f = few_briefings[1]
    doc = parse_bytes(f.read_bytes(), name=f.name)
    with Library(tmp_path / "lib.sqlite3") as lib:
        rec = lib.add(f.name, f.read_bytes())
        assert rec == lib.get(rec.id) == lib.search(rec.id)[0][0]
    assert (rec.date, rec.title) == ("2021-01-22", doc.title)
    assert rec.pairs == len(doc.qa_pairs) == 66
    assert rec.words == sum(count_words(t.text) for t in doc.turns) == 10_845
    assert [(s.name, s.role) for s in rec.speakers] == [(s.name, s.role) for s in doc.speakers]
    assert {s.name: s.turns for s in rec.speakers} == {"MS. PSAKI": 62, "MR. DEESE": 18, "Q": 70, "S. PSAKI": 3}
    assert sum(s.turns for s in rec.speakers) == len(doc.turns)
    assert rec.to_dict()["speakers"][1] == {"name": "MR. DEESE", "role": "interviewee", "turns": 18}


@pytest.mark.parametrize(
    "name, front_matter, date",
    [
        ("2021-01-20-press-briefing.md", True, "2021-01-20"),  # the front matter's date
        ("press-briefing-2019-07-01.md", True, "2021-01-20"),  # ... before the file name's
        ("2021-01-20-press-briefing.md", False, "2021-01-20"),  # no front matter: the file name's
        ("briefing_2021_01_20.md", False, "2021-01-20"),
        ("2021-02-30-press-briefing.md", False, None),  # not a real date
        ("press-briefing.md", False, None),  # none at all
        ("20210120-press-briefing.md", False, None),  # digits without separators are not read as a date
    ],
)
def test_the_date_comes_from_the_document_else_its_file_name(tmp_path, few_briefings, name, front_matter, date):
    data = few_briefings[0].read_bytes()
    with Library(tmp_path / "lib.sqlite3") as lib:
        rec = lib.add(name, data if front_matter else _without_front_matter(data))
    assert rec.date == date
    assert rec.pairs == 31 and [s.name for s in rec.speakers] == ["MS. PSAKI", "Q"]


def test_the_default_interview_has_the_date_of_its_date_line(tmp_path):
    with Library(tmp_path / "lib.sqlite3") as lib:
        rec = lib.get(DEFAULT_ID)
    assert (rec.date, rec.pairs) == ("2018-06-10", 9)
    assert [(s.name, s.role) for s in rec.speakers] == [("PICREADI", "interviewer"), ("Andrey Bezrukov", "interviewee")]


@pytest.mark.parametrize(
    "name, expected",
    [
        ("2021-01-20-press-briefing-by-press-secretary-jen-psaki-january-20-2021.md", "2021-01-20"),
        ("notes.2020.12.31.txt", "2020-12-31"),
        ("x-2021-13-01-and-2021-12-01.txt", "2021-12-01"),  # the first real date
        ("2021-01_20.txt", None),  # mixed separators
        ("12021-01-20.txt", None),
        ("interview-2018.txt", None),
        ("", None),
    ],
)
def test_date_in_name(name, expected):
    from analysis.store import metadata  # (here: the module is new, and the other tests fail on their own)

    assert metadata.date_in_name(name) == expected


def test_corrections_change_the_speakers_and_pairs(tmp_path):
    with Library(tmp_path / "lib.sqlite3") as lib:
        rec = lib.add("panel.txt", PANEL)
        assert {s.name: s.turns for s in rec.speakers} == {"DR. OKAFOR": 2, "MS. BRANDT": 2}
        lib.set_corrections(rec.id, [Correction.rename("MS. BRANDT", "Anna Brandt")])
        fixed = lib.get(rec.id)
        assert {s.name: s.turns for s in fixed.speakers} == {"DR. OKAFOR": 2, "Anna Brandt": 2}
        assert lib.search(speaker="anna brandt")[1] == 1 and lib.search(speaker="ms. brandt")[1] == 0
        lib.set_corrections(rec.id, [Correction.merge("MS. BRANDT", "DR. OKAFOR")])  # one speaker, one turn
        merged = lib.get(rec.id)
        assert [(s.name, s.turns) for s in merged.speakers] == [("DR. OKAFOR", 1)] and merged.pairs != rec.pairs
        lib.set_corrections(rec.id, [])
        assert lib.get(rec.id).speakers == rec.speakers and lib.get(rec.id).pairs == rec.pairs
        # Adding the same bytes with corrections replaces them, and the metadata with them.
        lib.add("panel.txt", PANEL, corrections=[Correction.rename("DR. OKAFOR", "Ada Okafor")])
        assert lib.search(speaker="ADA OKAFOR")[0][0].id == rec.id


def test_a_deleted_document_leaves_no_metadata(tmp_path):
    with Library(tmp_path / "lib.sqlite3") as lib:
        rec = lib.add("panel.txt", PANEL)
        lib.delete(rec.id)
        for table in ("metadata", "speakers"):
            assert lib._con.execute(f"SELECT count(*) FROM {table} WHERE document_id = ?", (rec.id,)).fetchone()[0] == 0


# -- the filters ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        ({"date_from": "2021-01-20", "date_to": "2021-01-22"}, ["2021-01-20", "2021-01-22"]),  # both ends included
        ({"date_from": "2021-01-21", "date_to": "2021-01-22"}, ["2021-01-22"]),
        ({"date_from": "2023-02-03"}, ["2023-02-03", "2023-02-06"]),
        ({"date_to": "2021-01-20"}, [DEFAULT_ID, "2021-01-20"]),  # the default interview: 2018-06-10
        ({"date_from": "2021-01-23", "date_to": "2022-05-10"}, []),
        ({"speaker": "mr. deese"}, ["2021-01-22", "2023-02-06"]),  # case-insensitive
        ({"speaker": " MR.   Deese "}, ["2021-01-22", "2023-02-06"]),  # spaces collapsed
        ({"speaker": "deese"}, []),  # the whole name
        ({"speaker": "mr. deese", "date_from": "2023-01-01"}, ["2023-02-06"]),
        ({"speaker": "ms. jean-pierre"}, ["2022-05-11", "2023-02-03", "2023-02-06"]),
        ({"speaker": "ms. jean-pierre", "tag": "2023"}, ["2023-02-03", "2023-02-06"]),  # with a tag
        ({"speaker": "MS. JEAN-PIERRE", "tag": "2023", "query": "gaggle"}, ["2023-02-03"]),  # and text
        ({"date_from": "2023-02-01", "date_to": "2023-02-06", "tag": "2023", "speaker": "q"},
         ["2023-02-01", "2023-02-03", "2023-02-06"]),
        ({"date_from": "", "date_to": None, "speaker": ""}, [DEFAULT_ID, "2021-01-20", "2021-01-22", "2022-05-11",
                                                           "2023-02-01", "2023-02-03", "2023-02-06"]),  # no filter
    ],
)
def test_search_filters_by_dates_and_speaker(briefings, kwargs, expected):
    kwargs = dict(kwargs)
    rows, total = briefings.search(kwargs.pop("query", ""), **kwargs)
    assert _ids(rows) == expected and total == len(expected)


def test_a_document_without_a_date_is_left_out_of_any_date_range(briefings):
    undated = briefings.add("undated.txt", PANEL)
    assert undated.date is None
    assert briefings.search(date_from="1800-01-01")[1] == 7 and briefings.search(date_to="2100-12-31")[1] == 7
    assert briefings.search()[1] == 8


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"date_from": "2021-02-30"}, "date_from '2021-02-30' is not a date: write it as YYYY-MM-DD"),
        ({"date_to": "20 January 2021"}, "date_to '20 January 2021' is not a date"),
        ({"date_from": "2022-01-01", "date_to": "2021-01-01"}, "date_from 2022-01-01 is after date_to 2021-01-01"),
    ],
)
def test_bad_dates_are_refused(briefings, kwargs, message):
    with pytest.raises(DiscourseError, match=message):
        briefings.search(**kwargs)


def test_dates_may_be_given_as_dates(briefings):
    from datetime import date

    rows, _ = briefings.search(date_from=date(2023, 2, 2), date_to=date(2023, 2, 3))
    assert _ids(rows) == ["2023-02-03"]


def test_the_filters_are_indexed_queries(briefings):
    def plan(sql: str, *params) -> str:
        return " ".join(r[-1] for r in briefings._con.execute(f"EXPLAIN QUERY PLAN {sql}", params))

    by_speaker = plan("SELECT document_id FROM speakers WHERE name_key = ?", "q")
    by_date = plan("SELECT document_id FROM metadata WHERE date >= ? AND date <= ?", "2021-01-01", "2021-12-31")
    assert "USING COVERING INDEX speakers_by_name" in by_speaker
    assert "USING INDEX metadata_by_date" in by_date


def test_speakers_are_listed_with_their_documents(briefings):
    speakers = dict(briefings.speakers())
    assert next(iter(speakers)) == "Q" and speakers["Q"] == 6
    assert speakers["MR. DEESE"] == 2 and speakers["MS. JEAN-PIERRE"] == 3 and speakers["Andrey Bezrukov"] == 1


# -- the upgrade from version 2 ---------------------------------------------------------------------------


def test_the_fixture_is_a_version_2_library_made_by_the_old_code():
    assert _version(V2) == 2
    assert {"documents", "tags", "analyses", "corrections"} <= _tables(V2) and not {"metadata", "speakers"} & _tables(V2)


def test_a_version_2_file_is_upgraded_in_place_and_keeps_everything(v2: Path):
    before = _rows(v2)
    calls = []
    with Library(v2, progress=lambda done, total: calls.append((done, total))) as lib:
        assert lib.schema_version == library.SCHEMA_VERSION == 3
        got = {r.id: r for r in lib.search()[0]}
        assert lib.integrity_check() == "ok"
    assert _version(v2) == 3 and _rows(v2) == before  # documents, tags, analyses, corrections untouched
    assert calls == [(0, 4), (1, 4), (2, 4), (3, 4), (4, 4)]
    assert (got[DEFAULT_ID].date, got[DEFAULT_ID].pairs) == ("2018-06-10", 9)
    press = got[PRESS_ID]  # parsed with its correction: SPEAKER ONE is Jane Doe
    assert (press.date, press.pairs, press.tags) == (None, 2, ("press",))
    assert [(s.name, s.role, s.turns) for s in press.speakers] == [("Q", "interviewer", 2), ("Jane Doe", "interviewee", 2)]
    assert got[TOWN_HALL_ID].date == "2019-05-14"  # from the file name
    assert [s.name for s in got[TOWN_HALL_ID].speakers] == ["MODERATOR", "MAYOR LEE"] and got[TOWN_HALL_ID].pairs == 2
    assert (got[PANEL_ID].date, got[PANEL_ID].title, got[PANEL_ID].words) == ("2020-11-03", "A panel on the harbour", 16)
    calls.clear()
    with Library(v2, progress=lambda done, total: calls.append((done, total))) as lib:  # already version 3
        assert lib.search(speaker="jane doe")[0][0].id == PRESS_ID
    assert calls == []


def test_an_interrupted_upgrade_leaves_the_version_2_file_as_it_was(v2: Path, monkeypatch):
    before = _rows(v2)
    calls = []

    def fail_third(name, data, corrections=(), format=None):
        calls.append(name)
        if len(calls) == 3:
            raise KeyboardInterrupt  # as when the user presses Ctrl-C while the documents are read
        return real(name, data, corrections, format)

    real = Library._metadata_of
    monkeypatch.setattr(Library, "_metadata_of", staticmethod(fail_third))
    with pytest.raises(KeyboardInterrupt):
        Library(v2)
    assert _version(v2) == 2 and not {"metadata", "speakers"} & _tables(v2) and _rows(v2) == before

    monkeypatch.setattr(Library, "_metadata_of", staticmethod(real))
    stored = []

    def fail_in_the_transaction(con, doc_id, meta):
        stored.append(doc_id)
        if len(stored) == 3:
            raise RuntimeError("the disk went away")
        store(con, doc_id, meta)

    store = Library._store_metadata
    monkeypatch.setattr(Library, "_store_metadata", staticmethod(fail_in_the_transaction))
    with pytest.raises(RuntimeError):
        Library(v2)
    assert _version(v2) == 2 and not {"metadata", "speakers"} & _tables(v2) and _rows(v2) == before
    monkeypatch.setattr(Library, "_store_metadata", staticmethod(store))
    with Library(v2) as lib:  # the next opening upgrades it
        assert lib.schema_version == 3 and lib.get(PANEL_ID).date == "2020-11-03"


def test_documents_added_corrected_or_deleted_during_the_upgrade(v2: Path):
    """Another program (of the earlier version) deletes a document, adds one and corrects another while
    this one reads the documents: the upgrade's transaction reads those again, and skips the deleted."""

    def meanwhile(done: int, total: int) -> None:
        if done == 2:  # before the third document (the town hall) is read
            with _writing(v2) as con:
                con.execute("DELETE FROM tags WHERE document_id = ?", (TOWN_HALL_ID,))
                con.execute("DELETE FROM documents WHERE id = ?", (TOWN_HALL_ID,))
        if done == total:
            with Library(v2.with_name("other.sqlite3"), empty="create") as other:  # the row as the code writes it
                rec = other.add("2022-02-02-late.txt", PANEL)
                row = other._con.execute("SELECT * FROM documents WHERE id = ?", (rec.id,)).fetchone()
            with _writing(v2) as con:
                con.execute(f"INSERT INTO documents VALUES ({','.join('?' * len(row))})", row)
                con.execute(
                    "INSERT INTO corrections VALUES (?, ?, ?)",
                    (PANEL_ID, '[{"kind":"rename","label":"MS. BRANDT","to":"Eva Brandt"}]', "now"),
                )

    with Library(v2, progress=meanwhile) as lib:
        late = lib.search("late")[0][0]
        assert (late.date, late.pairs) == ("2022-02-02", 2) and [s.name for s in late.speakers] == ["DR. OKAFOR", "MS. BRANDT"]
        assert [s.name for s in lib.get(PANEL_ID).speakers] == ["DR. OKAFOR", "Eva Brandt"]
        assert lib.count() == 4 and lib.search("town-hall")[1] == 0 and lib.integrity_check() == "ok"
        assert lib._con.execute("SELECT count(*) FROM metadata").fetchone()[0] == 4


def test_a_document_that_cannot_be_read_now_keeps_its_name_date_and_the_upgrade_goes_on(tmp_path):
    path = tmp_path / "lib.sqlite3"
    with Library(path) as lib:
        rec = lib.add("2020-03-04-panel.txt", PANEL)
    downgrade_to_2(path)
    with _writing(path) as con:  # bytes an earlier parser read and this one refuses
        con.execute("UPDATE documents SET bytes = ? WHERE id = ?", (b"A paragraph of prose.", rec.id))
    with Library(path) as lib:
        got = lib.get(rec.id)
        assert lib.schema_version == 3 and (got.date, got.pairs, got.words, got.speakers) == ("2020-03-04", None, None, ())
        assert lib.get(DEFAULT_ID).pairs == 9


def test_the_downgrade_helper_writes_the_schema_of_the_old_code(tmp_path):
    path = tmp_path / "lib.sqlite3"
    Library(path).close()
    downgrade_to_2(path)

    def schema(p: Path) -> set:
        with _reading(p) as con:
            return set(con.execute("SELECT type, name, sql FROM sqlite_master"))

    assert schema(path) == schema(V2) and _version(path) == 2


def test_the_upgrade_of_briefings_gives_the_metadata_of_their_import(briefings):
    path = briefings.path
    at_import = briefings.search(limit=100)[0]
    briefings.close()
    downgrade_to_2(path)
    with Library(path) as lib:
        assert lib.search(limit=100)[0] == at_import


def test_a_version_2_file_opened_read_only_is_read_unchanged(v2: Path):
    with Library(v2, readonly=True) as lib:
        assert lib.schema_version == 2 and not lib.has_metadata
        rows, total = lib.search()
        assert total == 4 and {r.date for r in rows} == {None} and {r.speakers for r in rows} == {()}
        assert lib.get(PRESS_ID).tags == ("press",) and lib.corrections(PRESS_ID) == (Correction.rename("SPEAKER ONE", "Jane Doe"),)
        assert lib.search("panel")[1] == 1 and lib.speakers() == []
        for kwargs in ({"speaker": "Q"}, {"date_from": "2020-01-01"}):
            with pytest.raises(DiscourseError, match="earlier version .* Open it once for writing"):
                lib.search(**kwargs)
    assert not Path(f"{v2}-wal").exists()  # nothing written beside it either
    assert _version(v2) == 2 and not {"metadata", "speakers"} & _tables(v2)


def test_a_version_1_file_is_upgraded_to_3_with_its_metadata(tmp_path):
    path = tmp_path / "v1.sqlite3"
    shutil.copy(V2.with_name("library_v1.sqlite3"), path)
    with Library(path) as lib:
        assert lib.schema_version == 3
        assert lib.search(speaker="speaker one")[0][0].id == "press-feee55"
        assert lib.get(DEFAULT_ID).date == "2018-06-10"
    with Library(path, readonly=True) as lib:
        assert lib.has_metadata


def test_code_version_covers_every_analysing_module(tmp_path, monkeypatch):
    """A change to a parser or a measure (outside store/) changes the code version, so stored analyses go stale."""
    import shutil
    from pathlib import Path

    import analysis.store.library as library

    root = Path(library.__file__).resolve().parents[1]
    copy = tmp_path / "analysis"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("__pycache__"))
    fake = copy / "store" / "library.py"
    monkeypatch.setattr(library, "__file__", str(fake))
    library.code_version.cache_clear() if hasattr(library.code_version, "cache_clear") else None
    before = library.code_version()
    (copy / "transcripts" / "asking.py").write_text((copy / "transcripts" / "asking.py").read_text() + "\n# x\n")
    library.code_version.cache_clear() if hasattr(library.code_version, "cache_clear") else None
    assert library.code_version() != before

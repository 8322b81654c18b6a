"""``library list`` with the documents' metadata: --from, --to, --speaker; the date, pairs and words shown;
the upgrade of an older library on the command line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.store.library import DEFAULT_ID, Library
from cli import main

ROOT = Path(__file__).resolve().parents[2]
V2 = ROOT / "tests" / "data" / "library" / "library_v2.sqlite3"
HEADER = ["id", "date", "name", "pairs", "words", "format", "size", "added", "tags"]


@pytest.fixture(scope="module")
def lib(tmp_path_factory, few_briefings) -> str:
    path = tmp_path_factory.mktemp("cli-library") / "lib.sqlite3"
    with Library(path) as opened:
        for f in few_briefings:
            opened.add(f.name, f.read_bytes(), tags=["briefing", f.name[:4]])
    return str(path)


def _listed(out: str) -> list[list[str]]:
    """The rows of the text table: each row's id, date, then the pairs and words (after the name)."""
    lines = out.splitlines()
    assert lines[0].split() == HEADER
    starts = [lines[0].index(h) for h in HEADER]
    return [[line[a:b].strip() for a, b in zip(starts, starts[1:] + [None])] for line in lines[1:]]


def test_list_shows_the_date_pairs_and_words(lib, capsys):
    assert main(["library", "list", "2021-01-22", "--library", lib]) == 0
    (row,) = _listed(capsys.readouterr().out)
    assert row[1] == "2021-01-22" and row[3:5] == ["66", "10,845"] and row[5] == "labelled"


@pytest.mark.parametrize(
    "args, dates",
    [
        (["--from", "2021-01-20", "--to", "2021-01-22"], ["2021-01-20", "2021-01-22"]),  # both ends included
        (["--from", "2023-02-03"], ["2023-02-03", "2023-02-06"]),
        (["--to", "2021-01-20"], ["2018-06-10", "2021-01-20"]),  # the default interview is dated too
        (["--speaker", "mr. deese"], ["2021-01-22", "2023-02-06"]),  # case-insensitive
        (["--speaker", "MR. DEESE", "--from", "2023-01-01"], ["2023-02-06"]),
        (["--speaker", "Ms. Jean-Pierre", "--tag", "2023"], ["2023-02-03", "2023-02-06"]),
        (["gaggle", "--speaker", "ms. jean-pierre", "--to", "2023-12-31"], ["2022-05-11", "2023-02-03"]),
    ],
)
def test_list_filters_by_dates_and_speaker(lib, capsys, args, dates):
    assert main(["library", "list", *args, "--library", lib]) == 0
    captured = capsys.readouterr()
    assert [row[1] for row in _listed(captured.out)] == dates
    assert f"of {len(dates)} in" in captured.err


def test_list_json_has_the_metadata(lib, capsys):
    assert main(["library", "--library", lib, "list", "--speaker", "mr. sams", "--format", "json"]) == 0
    page = json.loads(capsys.readouterr().out)
    assert page["total"] == 1
    (doc,) = page["documents"]
    assert (doc["date"], doc["pairs"], doc["words"]) == ("2023-02-01", 21, 2245)
    assert doc["speakers"] == [{"name": "MR. SAMS", "role": "interviewee", "turns": 22},
                               {"name": "Q", "role": "interviewer", "turns": 23}]


@pytest.mark.parametrize(
    "args, message",
    [
        (["--from", "2021-02-30"], "error: --from '2021-02-30' is not a date: write it as YYYY-MM-DD, e.g. 2021-01-20."),
        (["--to", "01/20/2021"], "error: --to '01/20/2021' is not a date: write it as YYYY-MM-DD, e.g. 2021-01-20."),
        (["--from", "2022-01-01", "--to", "2021-01-01"],
         "error: --from 2022-01-01 is after --to 2021-01-01: no date is in that range; swap them."),
    ],
)
def test_a_bad_date_is_one_clear_error(lib, args, message):
    out = subprocess.run([sys.executable, "-m", "analysis", "library", "list", *args, "--library", lib],
                         check=False, cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.strip() == message  # one line, no traceback


def test_a_speaker_that_matches_no_whole_name_names_the_speakers_that_contain_it(lib, capsys):
    assert main(["library", "list", "--speaker", "deese", "--library", lib]) == 0
    captured = capsys.readouterr()
    assert _listed(captured.out) == []
    assert "No speaker is named 'deese' (the whole name is matched); names with it in them: MR. DEESE (2 documents)." in captured.err


def test_an_older_library_is_upgraded_on_the_command_line_and_says_so(tmp_path, capsys):
    path = tmp_path / "old.sqlite3"
    shutil.copy(V2, path)
    assert main(["library", "list", "--from", "2019-01-01", "--library", str(path)]) == 0
    captured = capsys.readouterr()
    assert [(row[0], row[1]) for row in _listed(captured.out)] == [
        ("2019-05-14-town-hall-3de71f", "2019-05-14"), ("panel-23c685", "2020-11-03")]
    assert "Upgrading the library to schema version 3 (once): reading the date, speakers, pairs and words of its 4 documents." in captured.err
    assert main(["library", "list", "--library", str(path)]) == 0  # once
    assert "Upgrading" not in capsys.readouterr().err
    with Library(path) as opened:
        assert opened.get(DEFAULT_ID).date == "2018-06-10"


def test_help_and_readme_describe_the_filters():
    out = subprocess.run([sys.executable, "-m", "analysis", "library", "list", "--help"], check=False, cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0
    for option in ("--from DATE", "--to DATE", "--speaker NAME"):
        assert option in out.stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "library list [TEXT] [--tag TAG] [--from DATE] [--to DATE] [--speaker NAME]" in readme

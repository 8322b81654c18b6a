"""``python -m analysis corpus ...`` and ``compare library:...``: output read back, exit status 2 on user errors."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.store.library import Library
from cli import main
from tests.analysis.corpus.conftest import DOCS  # the same tiny library as the corpus tests

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def lib_path(tmp_path) -> str:
    path = tmp_path / "lib.sqlite3"
    with Library(path) as lib:
        for name, text in DOCS.items():
            lib.add(name, text.encode(), tags=["demo"])
    return str(path)


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_the_documents_table_on_stdout(lib_path, capsys):
    code, out, err = run(["corpus", "--library", lib_path, "--tag", "demo"], capsys)
    assert code == 0, err
    table = pd.read_csv(io.StringIO(out))
    assert list(table["name"]) == ["2021-01-04-one.txt", "2021-01-20-two.md", "2021-02-10-three.txt", "notes.txt"]
    assert table.loc[0, "tone"] == pytest.approx(0.4404 / 2)
    assert {"answers", "answer_words", "share_negative", "topic_economy", "marker_hedges"} <= set(table.columns)


def test_a_measure_by_month_counts_the_undated(lib_path, capsys):
    code, out, err = run(
        ["corpus", "--library", lib_path, "--tag", "demo", "--by", "month", "--measure", "topic:economy"], capsys
    )
    assert code == 0, err
    table = pd.read_csv(io.StringIO(out))
    assert list(table["period"]) == ["2021-01-01", "2021-02-01"]
    # January: "trade" (1 of 7 answer words) and "economy" (1 of 4): 2 of 11
    assert table.loc[0, "value"] == pytest.approx(2 / 11 * 1000)
    assert table.loc[0, "n_documents"] == 2 and len(table.loc[0, "doc_ids"].split()) == 2
    assert "1 documents without a date are left out" in err


def test_speakers_to_a_parquet_file(lib_path, tmp_path, capsys):
    out = tmp_path / "speakers.parquet"
    code, _, err = run(
        ["corpus", "--library", lib_path, "--by", "speaker", "--to", "2021-12-31", "--out", str(out)], capsys
    )
    assert code == 0, err
    table = pd.read_parquet(out).set_index("speaker")
    assert table.loc["MS. SMITH", "answers"] == 2 and table.loc["MR. JONES", "documents"] == 1


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--from", "2021-02-30"], "--from '2021-02-30' is not a date"),
        (["--from", "2021-03-01", "--to", "2021-01-01"], "is after --to"),
        (["--measure", "topic:nope", "--by", "month"], "unknown measure 'topic:nope'"),
        (["--measure", "nonsense", "--by", "month"], "--measure 'nonsense': give tone"),
        (["--tag", "nothing"], "matches the selection (tag=nothing)"),
        (["--out", "x.xlsx"], "use a .csv, .jsonl or .parquet"),
    ],
)
def test_user_errors_exit_2(lib_path, capsys, argv, message):
    code, out, err = run(["corpus", "--library", lib_path, *argv], capsys)
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err


def test_compare_library_sides(lib_path, capsys):
    code, out, err = run(
        [
            "compare",
            "library:from=2021-01-01,to=2021-01-10",
            "library:tag=demo,speaker=mr. jones",
            "--library",
            lib_path,
            "--min-count",
            "1",
        ],
        capsys,
    )
    assert code == 0, err
    terms = pd.read_csv(io.StringIO(out)).set_index("term")
    assert terms.loc["trade", "count_a"] == 1 and terms.loc["trade", "count_b"] == 0
    assert terms.loc["economy", "count_b"] == 1 and terms.loc["economy", "z"] < 0


def test_a_real_subprocess_exits_2_without_a_traceback(lib_path):
    done = subprocess.run(
        [sys.executable, "-m", "analysis", "corpus", "--library", lib_path, "--from", "20/01/2021"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr and "is not a date" in done.stderr
    assert (
        "corpus"
        in subprocess.run(
            [sys.executable, "-m", "analysis", "--help"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
            check=False,
        ).stdout
    )

"""``python -m analysis compare A B ...`` and ``python -m analysis kwic FILE... --term WORD``.

The output read back must equal the library's frame for the same sides; user errors exit 2 with a
one-line message. Most cases call ``analysis.cli.main`` in-process; one real subprocess checks the
exit status and the absence of a traceback.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis import concordance, keyness
from analysis.cli import main
from analysis.sides import side_from_spec, units_of
from analysis.transcripts import DEFAULT_DOCUMENT, load

ROOT = Path(__file__).resolve().parents[2]
DOC = str(DEFAULT_DOCUMENT)
A, B = f"{DOC}:pairs=1-3", f"{DOC}:pairs=5-6"


def run(argv: list[str], capsys) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def expected() -> pd.DataFrame:
    return keyness.compare(side_from_spec(A), side_from_spec(B))


def test_compare_csv_on_stdout(capsys, expected) -> None:
    code, out, err = run(["compare", A, B], capsys)
    assert code == 0 and err == ""
    got = pd.read_csv(io.StringIO(out))
    assert list(got.columns) == ["term", "count_a", "count_b", "rate_a", "rate_b", "log_odds", "z"]
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    assert got.iloc[0]["term"] == "image" and got.iloc[-1]["term"] == "evidence"


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_compare_out_reads_back(tmp_path, capsys, suffix) -> None:
    out = tmp_path / f"terms{suffix}"
    code, stdout, _ = run(
        ["compare", A, B, "--out", str(out), "--ngrams", "both", "--min-count", "2", "--keep-stopwords"], capsys
    )
    assert code == 0 and stdout == ""
    reader = {".csv": pd.read_csv, ".jsonl": lambda p: pd.read_json(p, lines=True), ".parquet": pd.read_parquet}
    got = reader[suffix](out)
    want = keyness.compare(side_from_spec(A), side_from_spec(B), ngrams="both", stopwords="keep", min_count=2)
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    assert {"you can", "you", "image"} <= set(got["term"])  # bigrams with stop words kept


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["compare", f"{DOC}:pairs=1-x", B], "not a pair number"),
        (["compare", f"{DOC}:pair=1", B], "unknown option 'pair'"),
        (["compare", A, f"{DOC}:pairs=42"], "no pair 42"),
        (["compare", A, "missing.txt"], "no such file"),
        (["compare", A, B, "--out", "terms.xlsx"], ".csv, .jsonl or .parquet"),
        (["compare", A, B, "--min-count", "0"], "--min-count"),
        (["kwic", DOC, "--term", "*"], "word or phrase"),
        (["kwic", "missing.txt", "--term", "image"], "no such file"),
    ],
)
def test_user_errors_exit_2(capsys, argv, message) -> None:
    code, out, err = run(argv, capsys)
    assert code == 2 and out == ""
    assert err.startswith("error: ") and message in err


def test_bad_spec_in_a_real_process() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "analysis", "compare", f"{DOC}:pairs=", DOC],
        cwd=ROOT, capture_output=True, text=True, timeout=60,
    )
    assert proc.returncode == 2 and proc.stdout == ""
    assert "needs a value" in proc.stderr and "Traceback" not in proc.stderr


def test_kwic_prints_aligned_lines(capsys) -> None:
    code, out, err = run(["kwic", DOC, "--term", "russophob*", "--width", "30"], capsys)
    assert code == 0 and err == ""
    lines = out.splitlines()
    want = concordance.kwic(units_of(load(DOC), document=DEFAULT_DOCUMENT.name), "russophob*", width=30)
    assert len(lines) == len(want) > 5
    # the hit starts in the same column on every line, after the right-aligned left context
    columns = {
        line.index(hit, len(line) - len(right) - len(hit) - 4)
        for line, hit, right in zip(lines, want["hit"], want["right"])
    }
    assert len(columns) == 1
    assert lines[0].startswith("[5Q] PICREADI") and "[5] Andrey Bezrukov" in lines[2]
    assert all(line.rstrip().endswith(right) for line, right in zip(lines, want["right"]))


def test_kwic_out_and_no_match(tmp_path, capsys) -> None:
    out = tmp_path / "lines.csv"
    code, stdout, _ = run(["kwic", DOC, DOC, "--term", "soft power", "--out", str(out)], capsys)
    assert code == 0 and stdout == ""
    got = pd.read_csv(out, keep_default_na=False)
    one = concordance.kwic(units_of(load(DOC), document=DEFAULT_DOCUMENT.name), "soft power")
    assert len(got) == 2 * len(one) and list(got.columns) == list(one.columns)
    assert list(got["hit"].str.lower().unique()) == ["soft power"]
    code, stdout, err = run(["kwic", DOC, "--term", "elephant"], capsys)
    assert code == 0 and stdout == "" and "no match" in err

"""``python -m analysis compare A B ...`` and ``python -m analysis kwic FILE... --term WORD``.

The output read back must equal the library's frame for the same sides; user errors exit 2 with a
one-line message. Most cases call ``cli.main`` in-process; one real subprocess checks the
exit status and the absence of a traceback.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.comparison import concordance, keyness
from analysis.comparison.sides import units_of
from analysis.pipeline.side_spec import side_from_spec
from analysis.transcripts import DEFAULT_DOCUMENT, load
from cli import main

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


# --- kwic over several documents and folders ------------------------------------------------------


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """A folder as analyze takes it: the default interview twice (one in a sub-folder) and a short one."""
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_bytes(DEFAULT_DOCUMENT.read_bytes())
    (folder / "sub" / "b.txt").write_bytes(DEFAULT_DOCUMENT.read_bytes())
    (folder / "sub" / "c.txt").write_text("Q: Is soft power genuine?\nA: Soft power is genuine.\n", encoding="utf-8")
    (folder / "notes.xyz").write_text("not a transcript", encoding="utf-8")
    return folder


def test_kwic_lines_from_several_files_name_their_document(corpus, capsys) -> None:
    a, b, c = (str(corpus / n) for n in ("a.txt", "sub/b.txt", "sub/c.txt"))
    code, out, err = run(["kwic", a, b, c, "--term", "soft power", "--width", "30"], capsys)
    assert code == 0 and err == ""
    lines = out.splitlines()
    one = concordance.kwic(units_of(load(DOC), document="x"), "soft power", width=30)
    assert len(lines) == 2 * len(one) + 2
    # each line starts with its file, named from the folder the files share, then pair and speaker
    names = [line.split()[0] for line in lines]
    assert names == ["a.txt"] * len(one) + ["sub/b.txt"] * len(one) + ["sub/c.txt"] * 2
    assert lines[0].startswith("a.txt      [1Q] PICREADI") and lines[-1].startswith("sub/c.txt  [1] A ")
    assert lines[-1].rstrip().endswith("Soft power  is genuine.")
    # the hit still starts in the same column on every line
    hits = list(one["hit"]) * 2 + ["soft power", "Soft power"]
    rights = list(one["right"]) * 2 + ["genuine?", "is genuine."]
    columns = {line.index(hit, len(line) - len(right) - len(hit) - 4) for line, hit, right in zip(lines, hits, rights)}
    assert len(columns) == 1


def test_kwic_of_one_file_has_no_document_column(capsys) -> None:
    code, out, _ = run(["kwic", DOC, DOC, "--term", "novichok"], capsys)  # the same file twice: one document
    assert code == 0
    assert out.splitlines() and all(line.startswith("[6") for line in out.splitlines())
    assert DEFAULT_DOCUMENT.name not in out


def test_kwic_takes_a_folder_as_analyze_does(corpus, tmp_path, capsys) -> None:
    out = tmp_path / "lines.jsonl"
    code, stdout, err = run(["kwic", str(corpus), "--term", "soft power", "--out", str(out)], capsys)
    assert code == 0 and stdout == "" and err == ""
    got = pd.read_json(out, lines=True)
    # the document column names the files as analyze's does (the path as found in the folder)
    answers = tmp_path / "answers.csv"
    assert run(["analyze", str(corpus), "--out", str(answers)], capsys)[0] == 0
    documents = list(pd.read_csv(answers)["document"].unique())
    assert documents == [str(corpus / n) for n in ("a.txt", "sub/b.txt", "sub/c.txt")]
    assert list(got["document"].unique()) == documents
    assert got.groupby("document", sort=False).size().tolist() == [15, 15, 2]
    # the text output of the folder: one document column
    code, stdout, _ = run(["kwic", str(corpus), "--term", "genuine", "--width", "13"], capsys)
    assert code == 0 and stdout.splitlines() == [
        "sub/c.txt  [1Q] Q  Is soft power  genuine  ?",
        "sub/c.txt  [1] A   Soft power is  genuine  .",
    ]


def test_kwic_reports_files_it_could_not_read_after_the_lines(corpus, tmp_path, capsys) -> None:
    (corpus / "sub" / "empty.txt").write_bytes(b"")
    empty_folder = tmp_path / "nothing"
    empty_folder.mkdir()
    code, out, err = run(["kwic", str(corpus), str(empty_folder), "--term", "genuine"], capsys)
    assert code == 2
    assert [line.split()[0] for line in out.splitlines()] == ["sub/c.txt", "sub/c.txt"]
    assert err.startswith("error: 2 of 5 inputs could not be searched (3 searched):")
    assert f"{corpus / 'sub' / 'empty.txt'} is empty" in err and f"{empty_folder}: no transcript files" in err

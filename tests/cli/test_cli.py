"""``python -m analysis``: the JSON contract of ``parse``, text output, exit status 2 on user errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cli import main

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=ROOT, capture_output=True, text=True)


def test_parse_json_contract(default_interview):
    out = run("parse", str(default_interview))
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert {"title", "date", "source", "speakers", "turns", "pairs", "warnings"} <= doc.keys()
    assert doc["date"] == "2018-06-10"
    assert [p["pair"] for p in doc["pairs"]] == list(range(1, 10))
    for p in doc["pairs"]:
        assert {"pair", "question", "answer", "asked_by", "answered_by"} <= p.keys()
    for t in doc["turns"]:
        assert set(t) == {"index", "speaker", "role", "text"}
        assert t["role"] in ("question", "answer", "other")
    assert {s["role"] for s in doc["speakers"]} == {"interviewer", "interviewee"}


def test_python_m_cli_is_the_same_command_line(default_interview, tmp_path):
    # python -m analysis only hands over to the cli package: same output, same errors, same exit status
    for args in (["parse", "--format", "text", str(default_interview)], ["--help"], ["parse", str(tmp_path / "no.txt")]):
        via_cli = subprocess.run([sys.executable, "-m", "cli", *args], cwd=ROOT, capture_output=True, text=True)
        via_analysis = run(*args)
        assert (via_cli.returncode, via_cli.stdout, via_cli.stderr) == (
            via_analysis.returncode, via_analysis.stdout, via_analysis.stderr)
    assert via_cli.returncode == 2 and via_cli.stderr.startswith("error: ") and "Traceback" not in via_cli.stderr


def test_parse_text_format(default_interview, capsys):
    assert main(["parse", str(default_interview), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "[9] Q (PICREADI): You wrote a book called" in out
    assert out.count("    A (Andrey Bezrukov): ") == 9


@pytest.mark.parametrize(
    "content, message",
    [(b"", "empty"), (b"\x00\x01\x02binary", "binary"), (b"A paragraph of prose.", "No speaker turns")],
)
def test_user_errors_exit_2_without_traceback(tmp_path, content, message):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    out = run("parse", str(f))
    assert out.returncode == 2
    assert message in out.stderr and "Traceback" not in out.stderr
    assert out.stdout == ""


def test_missing_file_exits_2(tmp_path):
    out = run("parse", str(tmp_path / "missing.txt"))
    assert out.returncode == 2 and "no such file" in out.stderr


def test_interviewer_option(tmp_path, capsys):
    f = tmp_path / "t.txt"
    f.write_text("ANNA: A statement.\n\nBORIS: A question?\n\nANNA: An answer.\n", encoding="utf-8")
    assert main(["parse", str(f), "--interviewer", "ANNA"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [(p["asked_by"], p["answered_by"]) for p in doc["pairs"]] == [("ANNA", ["BORIS"]), ("ANNA", [])]


# --- --speaker-column / --text-column (issue 13 item 7) ---------------------------------------------------

ORCHARD_CSV = """id,author,body,summary,start
1,Lena Park,"How did the orchard begin, and who planted the first trees?",Asks how it began?,00:00:01
2,Omar Diaz,"My grandmother planted six apple trees in the spring of nineteen fifty-two.",Six trees in 1952.,00:00:08
3,Lena Park,"And what grows there now, after all these years?",Asks what grows now?,00:00:20
4,Omar Diaz,"Apples, mostly, and a few old pears that nobody can name any more.",Apples and pears.,00:00:26
"""


@pytest.fixture
def orchard(tmp_path: Path) -> Path:
    f = tmp_path / "orchard.csv"
    f.write_text(ORCHARD_CSV, encoding="utf-8")
    return f


def test_parse_reads_the_columns_found_and_says_which(orchard, capsys):
    assert main(["parse", str(orchard), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert "warning: Read the speaker from column 'author' and the text from 'body'." in out
    assert "[1] Q (Lena Park): How did the orchard begin, and who planted the first trees?" in out
    assert "    A (Omar Diaz): My grandmother planted six apple trees in the spring of nineteen fifty-two." in out


def test_parse_column_options(orchard, capsys):
    assert main(["parse", str(orchard), "--speaker-column", "Author", "--text-column", "summary"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert [(t["speaker"], t["text"]) for t in doc["turns"]] == [
        ("Lena Park", "Asks how it began?"), ("Omar Diaz", "Six trees in 1952."),
        ("Lena Park", "Asks what grows now?"), ("Omar Diaz", "Apples and pears."),
    ]
    assert [(p["question"], p["answer"]) for p in doc["pairs"]] == [
        ("Asks how it began?", "Six trees in 1952."), ("Asks what grows now?", "Apples and pears."),
    ]
    assert doc["metadata"]["text_column"] == "summary"
    # Both columns given: nothing to say about them (the only warning names who was inferred to ask).
    assert [w for w in doc["warnings"] if not w.startswith("Questioners inferred: Lena Park")] == []


def test_a_column_that_is_not_there_exits_2_naming_the_columns(orchard):
    out = run("parse", str(orchard), "--text-column", "transcript")
    assert out.returncode == 2 and out.stdout == "" and "Traceback" not in out.stderr
    assert out.stderr.strip() == (
        "error: orchard.csv: The CSV has no column 'transcript' for the text. "
        "Its columns are: 'id', 'author', 'body', 'summary', 'start'."
    )


def test_analyze_and_compare_take_the_column_options(orchard, capsys):
    import io

    import pandas as pd

    assert main(["analyze", str(orchard), "--text-column", "summary"]) == 0
    answers = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert list(answers["question"]) == ["Asks how it began?", "Asks what grows now?"]
    assert list(answers["answer"]) == ["Six trees in 1952.", "Apples and pears."]
    assert main(["compare", f"{orchard}:pairs=1", f"{orchard}:pairs=2", "--text-column", "summary", "--min-count", "1"]) == 0
    terms = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert {"trees", "apples", "pears"} <= set(terms["term"])
    assert "grandmother" not in set(terms["term"])  # a word of the body column, not of the summaries


def test_report_takes_the_column_options(orchard, tmp_path, capsys):
    out = tmp_path / "r.html"
    assert main(["report", str(orchard), "--out", str(out), "--text-column", "summary"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "Six trees in 1952." in page and "grandmother planted" not in page

"""``python -m analysis``: the JSON contract of ``parse``, text output, exit status 2 on user errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.cli import main

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

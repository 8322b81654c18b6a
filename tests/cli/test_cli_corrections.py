"""``library correct`` and the commands that use a library document's corrections (analyze --library,
the batch, compare, report, parse)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.store.library import Library
from cli import main

ROOT = Path(__file__).resolve().parents[2]
PANEL = """\
Fyodor Lukyanov: Welcome. What changed this year in trade?

SPEAKER ONE: Trade changed a lot. Companies are moving their supply chains to friendly markets.

Fydor Lukyanov: And what about sanctions and tariffs?

SPEAKER ONE: Sanctions are a tool, but not a good one. Tariffs hurt the companies that trade.

Fyodor Lukyanov: Thank you. One more thing.

SPEAKER ONE: Trust matters more than tariffs, and trade builds trust.

Fydor Lukyanov: Thank you all.
"""


@pytest.fixture
def setup(tmp_path: Path):
    f = tmp_path / "panel.txt"
    f.write_text(PANEL, encoding="utf-8")
    lib = tmp_path / "lib.sqlite3"
    with Library(lib) as library:
        rec = library.add("panel.txt", f.read_bytes())
    return f, str(lib), rec.id


def correct(lib: str, doc_id: str, *args: str) -> int:
    return main(["library", "correct", doc_id, "--library", lib, *args])


def test_correct_adds_lists_undoes_and_clears(setup, capsys):
    f, lib, doc_id = setup
    assert correct(lib, doc_id, "--rename", "SPEAKER ONE=Jane Doe", "--merge", "Fydor Lukyanov=Fyodor Lukyanov",
                   "--asks", "Fyodor Lukyanov") == 0
    out = capsys.readouterr()
    assert out.out.splitlines() == [
        "1\tRename 'SPEAKER ONE' to 'Jane Doe'",
        "2\tMerge 'Fydor Lukyanov' into 'Fyodor Lukyanov'",
        "3\tWho asks: Fyodor Lukyanov",
    ]
    assert "Jane Doe (interviewee)" in out.err and "Fyodor Lukyanov (interviewer)" in out.err
    assert correct(lib, doc_id, "--turn", "5=other") == 0
    assert capsys.readouterr().out.splitlines()[-1] == "4\tTurn 5 (Thank you. One more thing.…): other"
    assert correct(lib, doc_id, "--undo") == 0  # the last
    assert len(capsys.readouterr().out.splitlines()) == 3
    assert correct(lib, doc_id, "--undo", "1") == 0  # the rename
    assert capsys.readouterr().out.splitlines() == [
        "1\tMerge 'Fydor Lukyanov' into 'Fyodor Lukyanov'", "2\tWho asks: Fyodor Lukyanov",
    ]
    assert correct(lib, doc_id, "--list", "--format", "json") == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["corrections"][1] == {"kind": "asks", "names": ["Fyodor Lukyanov"]}
    assert {"name": "SPEAKER ONE", "role": "interviewee"} in listed["speakers"]
    assert correct(lib, doc_id, "--clear") == 0
    assert capsys.readouterr().out == ""
    with Library(lib) as library:
        assert library.corrections(doc_id) == ()


@pytest.mark.parametrize(
    "args, says",
    [
        (["--rename", "Nobody=Jane Doe"], "no speaker 'Nobody'"),
        (["--rename", "SPEAKER ONE"], "OLD=NEW"),
        (["--asks", "Nobody"], "'Nobody' is not a speaker"),
        (["--turn", "99=question"], "has 7 turns"),
        (["--turn", "2=verdict"], "N=ROLE"),
        (["--undo"], "has 0 correction(s)"),
        (["--undo", "3"], "has 0 correction(s)"),
    ],
)
def test_correct_refuses_what_does_not_apply_and_stores_nothing(setup, capsys, args, says):
    _, lib, doc_id = setup
    assert correct(lib, doc_id, *args) == 2
    assert says in capsys.readouterr().err
    with Library(lib) as library:
        assert library.corrections(doc_id) == ()


def test_correct_unknown_id(setup, capsys):
    _, lib, _ = setup
    assert correct(lib, "nope", "--list") == 2
    assert "no document 'nope'" in capsys.readouterr().err


def test_analyze_batch_compare_report_and_parse_use_the_corrections(setup, capsys, tmp_path):
    f, lib, doc_id = setup
    assert correct(lib, doc_id, "--rename", "SPEAKER ONE=Jane Doe") == 0
    capsys.readouterr()

    assert main(["analyze", str(f), "--library", lib]) == 0
    rows = capsys.readouterr().out
    assert "Jane Doe" in rows and "SPEAKER ONE" not in rows
    assert main(["analyze", str(f)]) == 0  # without the library: the file as it is
    assert "SPEAKER ONE" in capsys.readouterr().out

    out = tmp_path / "answers.jsonl"
    assert main(["analyze", str(f), "--library", lib, "--out", str(out), "--jobs", "2"]) == 0
    speakers = [json.loads(line)["speaker"] for line in out.read_text().splitlines()]
    assert speakers and all("Jane Doe" in s and "SPEAKER ONE" not in s for s in speakers)

    side = f"{f}:speaker=Jane Doe"
    assert main(["compare", side, f"{f}:role=question", "--library", lib, "--min-count", "1"]) == 0
    assert "trade" in capsys.readouterr().out
    assert main(["compare", side, f"{f}:role=question", "--min-count", "1"]) == 2
    assert "Jane Doe" in capsys.readouterr().err  # no such speaker without the corrections

    report = tmp_path / "report.html"
    assert main(["report", str(f), "--out", str(report), "--library", lib]) == 0
    html = report.read_text(encoding="utf-8")
    assert "Jane Doe" in html
    assert "SPEAKER ONE" not in html.replace("Rename &#x27;SPEAKER ONE&#x27; to &#x27;Jane Doe&#x27;", "")
    assert "<th>corrections</th><td><code>Rename &#x27;SPEAKER ONE&#x27; to &#x27;Jane Doe&#x27;</code>" in html
    capsys.readouterr()

    assert main(["parse", str(f), "--library", lib]) == 0
    parsed = json.loads(capsys.readouterr().out)
    assert "Jane Doe" in {s["name"] for s in parsed["speakers"]}
    assert parsed["metadata"]["corrections"] == ["Rename 'SPEAKER ONE' to 'Jane Doe'"]


def test_help_and_readme_describe_correct():
    out = subprocess.run([sys.executable, "-m", "analysis", "library", "correct", "--help"], cwd=ROOT,
                         capture_output=True, text=True)
    assert out.returncode == 0
    for option in ("--asks", "--rename", "--merge", "--turn", "--undo", "--clear", "--list"):
        assert option in out.stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "library correct ID" in readme and "--merge" in readme


# Invented: speakers numbered (1, 2), so the parser finds no speaker column without being told.
NUMBERED = """turn,spk,utt_text
1,1,"Where should the new library be built, in your view?"
2,2,"Near the station, so that people can stop on the way home."
3,1,"And who will pay for it?"
4,2,"The city, and a small grant from the state."
"""


def test_library_add_keeps_a_tables_columns_and_every_command_reads_them(tmp_path, capsys):
    f = tmp_path / "plan.csv"
    f.write_text(NUMBERED, encoding="utf-8")
    lib = str(tmp_path / "lib.sqlite3")
    assert main(["library", "add", str(f), "--library", lib]) == 2  # the parser alone cannot read it
    assert "missing a speaker column" in capsys.readouterr().err
    assert main(["library", "add", str(f), "--library", lib, "--speaker-column", "spk"]) == 2
    assert "both --speaker-column and --text-column" in capsys.readouterr().err
    assert main(["library", "add", str(f), "--library", lib, "--speaker-column", "spk", "--text-column", "utt_text"]) == 0
    doc_id = capsys.readouterr().out.split("\t")[1]
    assert main(["parse", str(f), "--library", lib]) == 0  # no column option: the library's choice
    parsed = json.loads(capsys.readouterr().out)
    assert [t["speaker"] for t in parsed["turns"]] == ["Speaker 1", "Speaker 2"] * 2
    assert main(["analyze", str(f), "--library", lib]) == 0
    assert "Near the station" in capsys.readouterr().out
    # Another choice replaces it: the row number as the speaker.
    assert correct(lib, doc_id, "--speaker-column", "turn", "--text-column", "utt_text", "--rename", "Speaker 4=Ada Roe") == 0
    assert capsys.readouterr().out.splitlines() == [
        "1\tRead the speaker from column 'turn' and the text from column 'utt_text'",
        "2\tRename 'Speaker 4' to 'Ada Roe'",
    ]
    assert main(["parse", str(f), "--library", lib]) == 0
    assert [t["speaker"] for t in json.loads(capsys.readouterr().out)["turns"]] == [
        "Speaker 1", "Speaker 2", "Speaker 3", "Ada Roe"]

"""``python -m analysis analyze FILE... [--out PATH] [--level answer|sentence] [--topics FILE]``.

The output read back must equal the frame of ``analysis.pipeline.run.analyze`` for the same files; topic
figures with a custom dictionary are counted by hand; user errors exit 2 with a message, no traceback.
Most cases call ``cli.main`` in-process (fast); the exit status, stdout and the absence of a
traceback are checked once through a real ``python -m analysis`` subprocess.
"""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.pipeline.run import analyze
from analysis.sentence import topics
from analysis.transcripts import load
from cli import main

ROOT = Path(__file__).resolve().parents[2]
TOPIC_FIXTURES = ROOT / "tests" / "data" / "topics"
ANSWER_CONTRACT = [
    "document", "pair", "speaker", "question", "answer", "n_words", "n_sentences",
    "sentiment", "sentiment_min", "sentiment_max", "sentiment_std",
    "share_positive", "share_neutral", "share_negative", "coverage",
]
SENTENCE_CONTRACT = ["document", "pair", "sentence", "text", "sentiment", "pos", "neu", "neg"]

TINY_YAML = """\
name: Tiny
topics:
  trade:
    terms: [trade, tariff*, free trade]
  power:
    terms: [soft power, power]
"""
# Answer: "Free trade and tariffs build soft power." (7 words) "Power grows." (2 words).
# trade: "Free trade" (one phrase) + "tariffs" = 2; power: "soft power" (one phrase) + "Power" = 2.
TRADE_TEXT = "Q: Free trade?\n\nA: Free trade and tariffs build soft power. Power grows.\n"
# For tests/data/topics/tabs.dic (economy: trade, arms, market*; security: war, arms):
# "Trade and markets matter." (4) "War is bad." (3) "Arms trade too." (3): economy 4, security 2.
ARMS_TEXT = "Q: What about trade?\n\nA: Trade and markets matter. War is bad. Arms trade too.\n"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=ROOT, capture_output=True, text=True)


def expected(files: list[str], *, level: str = "answer", dictionary: topics.Dictionary | None = None) -> pd.DataFrame:
    parts = []
    for f in files:
        a = analyze(load(f), document=f, dictionary=dictionary or topics.load_dictionary())
        parts.append(a.answers if level == "answer" else a.sentences)
    return pd.concat(parts, ignore_index=True)


def same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    assert list(got.columns) == list(want.columns)
    pd.testing.assert_frame_equal(got, want, check_dtype=False, check_exact=False, rtol=1e-9, atol=1e-9)


@pytest.fixture
def trade_file(tmp_path: Path) -> str:
    path = tmp_path / "trade.txt"
    path.write_text(TRADE_TEXT, encoding="utf-8")
    return str(path)


@pytest.fixture
def tiny_yaml(tmp_path: Path) -> str:
    path = tmp_path / "tiny.yaml"
    path.write_text(TINY_YAML, encoding="utf-8")
    return str(path)


def test_csv_on_stdout_without_out(default_interview):
    out = run("analyze", str(default_interview))
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    got = pd.read_csv(io.StringIO(out.stdout))
    assert list(got.columns[:15]) == ANSWER_CONTRACT
    assert len(got) == 9 and got["pair"].tolist() == list(range(1, 10))
    assert (got["document"] == str(default_interview)).all()
    same(got, expected([str(default_interview)]))


def test_sentence_level_on_stdout(trade_file, tiny_yaml, capsys):
    assert main(["analyze", trade_file, "--level", "sentence", "--topics", tiny_yaml]) == 0
    got = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert list(got.columns[:10]) == SENTENCE_CONTRACT + ["topic_trade", "topic_power"]
    # one question sentence, two answer sentences
    assert got["role"].tolist() == ["question", "answer", "answer"]
    assert got["text"].tolist() == ["Free trade?", "Free trade and tariffs build soft power.", "Power grows."]
    assert got["n_words"].tolist() == [2, 7, 2]
    assert got["topic_trade_count"].tolist() == [1, 2, 0]
    assert got["topic_power_count"].tolist() == [0, 1, 1]
    same(got, expected([trade_file], level="sentence", dictionary=topics.load_dictionary(tiny_yaml)))


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet", ".CSV"])
def test_out_format_by_extension(default_interview, tmp_path, capsys, suffix):
    out = tmp_path / f"answers{suffix}"
    assert main(["analyze", str(default_interview), "--out", str(out)]) == 0
    assert capsys.readouterr().out == ""
    kind = suffix.lower()
    if kind == ".csv":
        got = pd.read_csv(out)
    elif kind == ".jsonl":
        lines = out.read_text(encoding="utf-8").splitlines()
        assert len(lines) == 9 and all(line.startswith("{") for line in lines)
        got = pd.read_json(out, lines=True)
    else:
        assert out.read_bytes()[:4] == b"PAR1"
        got = pd.read_parquet(out)
    same(got, expected([str(default_interview)]))


def test_sentence_level_to_parquet(default_interview, tmp_path):
    out = tmp_path / "sentences.parquet"
    assert main(["analyze", str(default_interview), "--level", "sentence", "--out", str(out)]) == 0
    got = pd.read_parquet(out)
    assert list(got.columns[:8]) == SENTENCE_CONTRACT
    same(got, expected([str(default_interview)], level="sentence"))


def test_custom_yaml_topics(trade_file, tiny_yaml, tmp_path):
    out = tmp_path / "a.csv"
    assert main(["analyze", trade_file, "--topics", tiny_yaml, "--out", str(out)]) == 0
    got = pd.read_csv(out)
    assert list(got.columns[:17]) == ANSWER_CONTRACT + ["topic_trade", "topic_power"]
    assert not any(c.startswith("topic_") and c.split("_")[1] not in ("trade", "power") for c in got.columns)
    row = got.iloc[0]
    assert (row["n_words"], row["n_sentences"]) == (9, 2)
    assert (row["topic_trade_count"], row["topic_power_count"]) == (2, 2)
    assert row["topic_trade"] == pytest.approx(2 * 1000 / 9)
    assert row["topic_power"] == pytest.approx(2 * 1000 / 9)
    assert row["coverage"] == pytest.approx(6 / 9)  # Free, trade, tariffs, soft, power, Power
    same(got, expected([trade_file], dictionary=topics.load_dictionary(tiny_yaml)))


def test_liwc_dic_topics(tmp_path, capsys):
    transcript = tmp_path / "arms.txt"
    transcript.write_text(ARMS_TEXT, encoding="utf-8")
    dic = TOPIC_FIXTURES / "tabs.dic"
    assert main(["analyze", str(transcript), "--topics", str(dic)]) == 0
    got = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert list(got.columns[:17]) == ANSWER_CONTRACT + ["topic_economy", "topic_security"]
    row = got.iloc[0]
    assert row["n_words"] == 10
    assert (row["topic_economy_count"], row["topic_security_count"]) == (4, 2)
    assert (row["topic_economy"], row["topic_security"]) == pytest.approx((400.0, 200.0))
    same(got, expected([str(transcript)], dictionary=topics.load_dictionary(dic)))


@pytest.mark.parametrize("name", ["answers.xlsx", "answers.json", "answers"])
def test_unsupported_out_extension_exits_2(default_interview, tmp_path, capsys, name):
    out = tmp_path / name
    assert main(["analyze", str(default_interview), "--out", str(out)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert str(out) in captured.err and ".csv" in captured.err and ".parquet" in captured.err
    assert not out.exists()


@pytest.mark.parametrize(
    "fixture, detail",
    [
        ("invalid.yaml", "not valid YAML"),
        ("unknown_key.yaml", "unknown key 'term'"),
        ("undefined_id.dic", "undefined category id '3'"),
        ("bad_wildcard.dic", "'*'"),
    ],
)
def test_malformed_dictionary_exits_2_naming_the_file(default_interview, capsys, fixture, detail):
    assert main(["analyze", str(default_interview), "--topics", str(TOPIC_FIXTURES / fixture)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: ") and fixture in captured.err and detail in captured.err


def test_missing_dictionary_exits_2(default_interview, tmp_path, capsys):
    missing = tmp_path / "nowhere.yaml"
    assert main(["analyze", str(default_interview), "--topics", str(missing)]) == 2
    assert "nowhere.yaml" in capsys.readouterr().err


def test_one_bad_file_among_several(default_interview, trade_file, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("A paragraph of prose without any speaker.", encoding="utf-8")
    out = tmp_path / "all.csv"
    good = [str(default_interview), trade_file]
    proc = run("analyze", good[0], str(bad), good[1], "--out", str(out))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "bad.txt" in proc.stderr and "1 of 3" in proc.stderr
    assert str(default_interview) not in proc.stderr and "trade.txt" not in proc.stderr
    assert proc.stdout == ""
    got = pd.read_csv(out)
    assert got["document"].drop_duplicates().tolist() == good
    same(got, expected(good))


def test_every_file_bad_writes_nothing(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    out = tmp_path / "none.csv"
    assert main(["analyze", str(empty), str(tmp_path / "missing.txt"), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "empty.txt" in err and "missing.txt" in err and "2 of 2" in err
    assert not out.exists()


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_unwritable_out_exits_2(default_interview, tmp_path, capsys, suffix):
    out = tmp_path / "no" / "such" / f"folder{suffix}"
    assert main(["analyze", str(default_interview), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert str(out) in err and "cannot write" in err

"""Batch analysis (analysis.pipeline.batch), its library cache, the ``analyze`` and ``library`` commands, and Dask.

The answers of a batch must equal ``analysis.pipeline.run.analyze`` file by file, whichever the engine, the
number of jobs or whether they came from the library; a bad file is reported and the run goes on.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest

from analysis.errors import DiscourseError
from analysis.pipeline import batch
from analysis.pipeline import run
from analysis.sentence import topics
from analysis.store.library import DEFAULT_ID, Library
from analysis.transcripts import load
from cli import main

GOOD = {
    "a.txt": b"Q: Free trade?\n\nA: Free trade and tariffs build soft power. Power grows.\n",
    "sub/b.md": b"---\ntitle: Briefing\n---\n\nQ: What about the war?\n\nMS. PSAKI: We are working on peace. It is hard.\n",
    "sub/deeper/c.csv": b"speaker,text,role\nHost,Why trade?,question\nGuest,Trade builds trust. Always.,answer\n",
}
BAD = {
    "bad.txt": (b"A paragraph of prose without any speaker.", "No speaker turns"),
    "sub/empty.txt": (b"", "empty"),
}
IGNORED = {".hidden/d.txt": GOOD["a.txt"], "notes.xlsx": b"PK", "sub/readme": b"Q: a?\n\nA: b.\n"}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    for rel, data in {**GOOD, **{k: v[0] for k, v in BAD.items()}, **IGNORED}.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(data)
    return root


@pytest.fixture
def good_files(corpus: Path) -> list[str]:
    return [str(corpus / rel) for rel in sorted(GOOD)]


def expected(files: list[str], *, level: str = "answer", dictionary: topics.Dictionary | None = None) -> pd.DataFrame:
    parts = []
    for f in files:
        a = run.analyze(load(f), document=f, dictionary=dictionary or topics.load_dictionary(), detail="summary")
        parts.append(a.answers if level == "answer" else a.sentences)
    return pd.concat(parts, ignore_index=True)


def same(got: pd.DataFrame, want: pd.DataFrame) -> None:
    assert list(got.columns) == list(want.columns)
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want, check_exact=False, rtol=1e-12, atol=1e-12)


# -- inputs -------------------------------------------------------------------------------------------


def test_collect_searches_folders_by_extension_skipping_hidden(corpus, tmp_path):
    (tmp_path / "nothing").mkdir()
    files, failures = batch.collect([corpus, tmp_path / "nothing", "given.xyz"])
    assert files == sorted(str(corpus / rel) for rel in [*GOOD, *BAD]) + ["given.xyz"]
    assert [f for f, _ in failures] == [str(tmp_path / "nothing")]
    assert "no transcript files" in failures[0][1] and ".txt" in failures[0][1]


def test_analyze_one_from_a_path_or_bytes(default_interview):
    want = run.analyze(load(default_interview), document="x.txt", detail="summary")
    for source in (default_interview, default_interview.read_bytes()):
        answers, sentences = batch.analyze_one(source, "x.txt")
        same(answers, want.answers)
        same(sentences, want.sentences)
    with pytest.raises(DiscourseError, match="empty"):
        batch.analyze_one(b"", "empty.txt")


# -- runs ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2])
def test_bad_and_empty_files_are_reported_and_the_run_goes_on(corpus, good_files, jobs):
    result = batch.run([corpus], jobs=jobs, progress=False)
    assert [Path(f).relative_to(corpus).as_posix() for f, _ in result.failures] == sorted(BAD)
    for (_, reason), rel in zip(result.failures, sorted(BAD)):
        assert BAD[rel][1] in reason and Path(rel).name in reason
    assert (result.n_analysed, result.n_cached) == (3, 0)
    same(result.answers, expected(good_files))


@pytest.mark.parametrize("level", ["answer", "sentence"])
def test_library_results_equal_fresh_ones(tmp_path, good_files, level):
    with Library(tmp_path / "lib.sqlite3") as lib:
        cold = batch.run(good_files, library=lib, level=level, progress=False)
        warm = batch.run(good_files, library=lib, level=level, progress=False)
    frame = (lambda r: r.answers) if level == "answer" else (lambda r: r.sentences)
    assert (cold.n_analysed, cold.n_cached, warm.n_analysed, warm.n_cached) == (3, 0, 0, 3)
    same(frame(cold), expected(good_files, level=level))
    same(frame(warm), expected(good_files, level=level))
    assert frame(warm).dtypes.equals(frame(cold).dtypes)


def test_cache_hit_avoids_reanalysis(tmp_path, corpus, good_files, monkeypatch):
    calls: list[str] = []
    real = batch._summary_columns  # what a batch (detail "summary") runs per document

    def counting(data, name, settings):
        calls.append(Path(name).name)
        return real(data, name, settings)

    monkeypatch.setattr(batch, "_summary_columns", counting)
    tiny = tmp_path / "tiny.yaml"
    tiny.write_text("name: Tiny\ntopics:\n  trade:\n    terms: [trade]\n", encoding="utf-8")
    with Library(tmp_path / "lib.sqlite3") as lib:
        first = batch.run([corpus], library=lib, progress=False)
        assert sorted(calls) == sorted(Path(p).name for p in [*GOOD, *BAD]) and first.n_analysed == 3
        calls.clear()
        second = batch.run([corpus], library=lib, progress=False)
        assert sorted(calls) == sorted(Path(p).name for p in BAD)  # only the failures are tried again
        assert (second.n_cached, second.n_analysed, len(second.failures)) == (3, 0, 2)
        same(second.answers, first.answers)
        calls.clear()
        other = batch.run(good_files, library=lib, dictionary=topics.load_dictionary(tiny), progress=False)
        assert len(calls) == 3 and other.n_cached == 0  # another dictionary: other settings, analysed again
        assert "topic_trade" in other.answers.columns
        calls.clear()
        copy = tmp_path / "renamed.txt"
        copy.write_bytes(GOOD["a.txt"])
        renamed = batch.run([copy], library=lib, progress=False)
        assert calls == [] and renamed.n_cached == 1  # same bytes under another name: from the library
        assert renamed.answers["document"].unique().tolist() == [str(copy)]


def test_changed_file_is_analysed_again(tmp_path, good_files):
    with Library(tmp_path / "lib.sqlite3") as lib:
        batch.run(good_files, library=lib, progress=False)
        Path(good_files[0]).write_bytes(GOOD["a.txt"].replace(b"Power grows.", b"Power grows fast."))
        again = batch.run(good_files, library=lib, progress=False)
    assert (again.n_analysed, again.n_cached) == (1, 2)
    same(again.answers, expected(good_files))


def test_progress_bar_only_on_a_terminal(good_files, capsys, monkeypatch):
    batch.run(good_files[:1], progress=True)
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    batch.run(good_files[:1], progress=True)
    err = capsys.readouterr().err
    assert "1/1" in err and "file" in err


@pytest.mark.parametrize(
    "kwargs, message",
    [({"jobs": 0}, "--jobs 0"), ({"engine": "threads"}, "engine 'threads'"), ({"scheduler": "tcp://x:1"}, "--scheduler")],
)
def test_bad_options(good_files, kwargs, message):
    with pytest.raises(DiscourseError, match=message):
        batch.run(good_files, progress=False, **kwargs)


# -- the analyze command ------------------------------------------------------------------------------


def test_cli_analyze_folder_to_parquet_with_two_jobs(corpus, good_files, tmp_path, capsys):
    out = tmp_path / "x.parquet"
    assert main(["analyze", str(corpus), "--out", str(out), "--jobs", "2"]) == 2
    err = capsys.readouterr().err
    assert "5 files: 3 analysed, 0 from the library, 2 failed" in err
    assert "2 of 5 files could not be analysed (3 written)" in err
    assert "bad.txt" in err and "empty.txt" in err and "No speaker turns" in err
    same(pd.read_parquet(out), expected(good_files))


def test_cli_analyze_with_a_library_twice(corpus, good_files, tmp_path, capsys):
    out, lib = tmp_path / "x.csv", tmp_path / "lib.sqlite3"
    args = ["analyze", *good_files, "--out", str(out), "--library", str(lib), "--jobs", "2"]
    assert main(args) == 0
    assert "3 analysed, 0 from the library" in capsys.readouterr().err
    assert main(args) == 0
    assert "0 analysed, 3 from the library" in capsys.readouterr().err
    same(pd.read_csv(out), expected(good_files))


def test_cli_analyze_cache_uses_the_default_library(good_files, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("DISCOURSE_LIBRARY", str(tmp_path / "env.sqlite3"))
    assert main(["analyze", good_files[0], "--cache"]) == 0
    assert main(["analyze", good_files[0], "--cache", "--level", "sentence"]) == 0
    out = capsys.readouterr().out
    assert out.count("document,pair,") == 2  # two CSVs on stdout
    with Library(tmp_path / "env.sqlite3") as lib:
        assert lib._con.execute("SELECT count(*) FROM analyses").fetchone()[0] == 1


# -- the library command ------------------------------------------------------------------------------


def test_cli_library_add_list_rename_tag_delete(corpus, tmp_path, capsys):
    lib = str(tmp_path / "lib.sqlite3")
    assert main(["library", "--library", lib, "add", str(corpus), "--tag", "Demo"]) == 2  # two bad files
    captured = capsys.readouterr()
    added = [line.split("\t") for line in captured.out.splitlines()]
    assert [a[0] for a in added] == ["added"] * 3 and [a[2] for a in added] == ["a.txt", "b.md", "c.csv"]
    assert "2 of 5 files could not be added (3 added)" in captured.err and "empty.txt" in captured.err
    assert main(["library", "add", str(corpus / "a.txt"), "--library", lib]) == 0  # --library after the action
    assert capsys.readouterr().out.startswith("present\t" + added[0][1])

    assert main(["library", "list", "--library", lib, "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["total"] == 4 and listed["documents"][0]["id"] == DEFAULT_ID
    assert [d["tags"] for d in listed["documents"][1:]] == [["demo"]] * 3

    a_id, b_id = added[0][1], added[1][1]
    assert main(["library", "rename", a_id, "Trade talk", "--library", lib]) == 0
    assert main(["library", "tag", b_id, "war", "Press", "--library", lib]) == 0
    assert main(["library", "untag", b_id, "demo", "--library", lib]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == f"{b_id}\tpress, war"
    assert main(["library", "list", "trade", "--library", lib]) == 0
    captured = capsys.readouterr()
    header = ["id", "date", "name", "pairs", "words", "format", "size", "added", "tags"]
    assert captured.out.splitlines()[0].split() == header
    assert a_id in captured.out and "Trade talk" in captured.out and "1-1 of 1" in captured.err
    assert main(["library", "list", "--tag", "war", "--limit", "1", "--offset", "0", "--library", lib]) == 0
    assert b_id in capsys.readouterr().out

    assert main(["library", "delete", a_id, "--library", lib]) == 0
    assert main(["library", "delete", DEFAULT_ID, "--library", lib]) == 2
    assert "cannot be deleted" in capsys.readouterr().err
    with Library(lib) as opened:
        assert opened.count() == 3 and opened.get(DEFAULT_ID).is_default


@pytest.mark.parametrize(
    "args, message",
    [
        (["rename", "nope", "x"], "no document 'nope'"),
        (["list", "--limit", "0"], "limit between 1"),
        (["tag", DEFAULT_ID, " "], "tag cannot be empty"),
    ],
)
def test_cli_library_user_errors_exit_2(tmp_path, capsys, args, message):
    assert main(["library", "--library", str(tmp_path / "lib.sqlite3"), *args]) == 2
    assert message in capsys.readouterr().err


def test_cli_library_refuses_a_foreign_file(tmp_path, capsys):
    other = tmp_path / "other.db"
    other.write_text("not a database", encoding="utf-8")
    assert main(["library", "--library", str(other), "list"]) == 2
    assert "not an SQLite database" in capsys.readouterr().err


# -- Dask -----------------------------------------------------------------------------------------------


def test_dask_local_cluster_gives_the_same_answers(corpus, good_files, tmp_path, monkeypatch):
    clusters = []
    real = batch._run_dask
    monkeypatch.setattr(batch, "_run_dask", lambda *args: clusters.append(args[3]) or real(*args))
    with Library(tmp_path / "lib.sqlite3") as lib:
        result = batch.run([corpus], engine="dask", jobs=2, library=lib, progress=False)
        assert clusters == [2]  # a LocalCluster of 2 workers ran the five files
        assert [Path(f).name for f, _ in result.failures] == ["bad.txt", "empty.txt"]
        assert result.n_analysed == 3
        same(result.answers, expected(good_files))
        warm = batch.run([corpus], engine="dask", jobs=2, library=lib, progress=False)
        assert (warm.n_cached, warm.n_analysed, len(warm.failures)) == (3, 0, 2)
        assert clusters == [2]  # two failures to try again: in this process, no cluster started for them


def test_dask_unreachable_scheduler_is_a_user_error(good_files, monkeypatch):
    monkeypatch.setattr(batch, "DASK_CONNECT_TIMEOUT", "1s")
    with pytest.raises(DiscourseError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        batch.run(good_files, engine="dask", scheduler="tcp://127.0.0.1:9", progress=False)


# -- the briefings corpus -------------------------------------------------------------------------------


@pytest.mark.corpus
def test_a_handful_of_briefings_cold_then_warm(briefings_dir, tmp_path):
    files = [str(f) for f in sorted(briefings_dir.rglob("*.md"))[:4]]
    with Library(tmp_path / "lib.sqlite3") as lib:
        cold = batch.run(files, jobs=2, library=lib, progress=False)
        warm = batch.run(files, jobs=2, library=lib, progress=False)
    assert cold.n_analysed + len(cold.failures) == 4 and cold.n_analysed >= 3
    assert (warm.n_cached, warm.n_analysed) == (cold.n_analysed, 0)
    ok = [f for f in files if f not in {name for name, _ in cold.failures}]
    same(warm.answers, expected(ok))
    assert warm.answers["n_words"].sum() > 1000

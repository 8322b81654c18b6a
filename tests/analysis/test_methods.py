"""analysis.methods: each measure described once, its constants read from the code, its validation
figures from the benchmark's recorded output."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from nltk.sentiment.vader import VaderConstants

from analysis import datafiles, methods
from analysis.sentence import sentiment

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def fresh_validation():
    datafiles.vader_validation.cache_clear()
    yield
    datafiles.vader_validation.cache_clear()


def test_the_negation_scalar_is_vaders_own_constant():
    assert sentiment.NEGATION_SCALAR == VaderConstants.N_SCALAR == -0.74
    assert "scales it by 0.74 (VADER's constant)" in methods.by_slug()["negation"].text


def test_a_changed_constant_changes_the_description(monkeypatch):
    monkeypatch.setattr(sentiment, "NEGATION_SCALAR", -0.5)
    monkeypatch.setattr(sentiment, "POSITIVE_THRESHOLD", 0.1)
    text = {m.slug: m.text for m in methods.describe()}
    assert "scales it by 0.5 " in text["negation"] and "0.74" not in text["negation"]
    assert "positive at ≥ 0.1," in text["sentiment"]


def test_the_validation_figures_are_read_from_the_recorded_file(tmp_path, monkeypatch, fresh_validation):
    record = {"command": "python benchmarks/vader_validation.py --write", "datasets": [
        {"dataset": "tweets", "label": "tweets", "n": 5, "r": 0.123, "paper_r": 0.881}]}
    path = tmp_path / "v.json"
    path.write_text(json.dumps(record), encoding="utf-8")
    monkeypatch.setattr(datafiles, "VADER_VALIDATION", path)
    text = methods.by_slug()["sentiment"].text
    assert "Pearson r 0.123 on tweets; the paper reports 0.881." in text
    assert "0.878" not in text


def test_the_shipped_figures_are_what_the_benchmark_prints_now(vader_benchmark, vader_data, tmp_path, fresh_validation):
    """The recorded file is the benchmark's output on the shipped scorer: re-running it gives the same r."""
    out = tmp_path / "written.json"
    assert vader_benchmark.main(["--data", str(vader_data), "--write", str(out)]) == 0
    written = json.loads(out.read_text(encoding="utf-8"))
    shipped = datafiles.vader_validation()
    assert [(d["dataset"], d["n"], d["r"]) for d in written["datasets"]] == [
        (d["dataset"], d["n"], d["r"]) for d in shipped["datasets"]
    ]
    assert shipped["lexicon_sha256"] == sentiment.lexicon().sha256


def test_no_page_or_renderer_retypes_a_constant_or_a_figure(fresh_validation):
    figures = [f"{d['r']:.3f}" for d in datafiles.vader_validation()["datasets"]]
    figures += [f"{d['paper_r']:.3f}" for d in datafiles.vader_validation()["datasets"]]
    figures.append(f"{abs(sentiment.NEGATION_SCALAR):g}")
    pattern = re.compile("|".join(re.escape(f) for f in figures))
    found = [
        f"{p.relative_to(ROOT)}:{n}"
        for folder in ("render", "dashboard", "cli")
        for p in sorted((ROOT / folder).rglob("*.py"))
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert found == []


def test_every_method_has_a_body_and_the_report_leaves_out_only_the_comparison_and_the_corpus():
    described = methods.describe()
    assert all(m.text.strip() for m in described)
    assert len({m.slug for m in described}) == len(described)
    assert [m.slug for m in described if "report" not in m.shown_in] == ["comparison", "corpus"]
    assert all("page" in m.shown_in for m in described)

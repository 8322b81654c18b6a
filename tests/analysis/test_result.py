"""The Analysis object: one unit's view equals the frames' rows, document measures are computed once and
kept (also through a pickle), and a changed copy never inherits what was measured on the original."""

from __future__ import annotations

import dataclasses
import pickle

import pandas as pd
import pytest

from analysis import analyze, load
from analysis.document import alignment as alignment_mod
from analysis.document import framing as framing_mod
from analysis.result import Analysis, UnitFrames
from analysis.transcripts import DEFAULT_DOCUMENT, parse_text


@pytest.fixture(scope="module")
def result() -> Analysis:
    return analyze(load(DEFAULT_DOCUMENT))


def _scan(frame: pd.DataFrame, pair: int, role: str) -> pd.DataFrame:
    return frame[(frame["pair"] == pair) & (frame["role"] == role)]


@pytest.mark.parametrize("role", ["answer", "question"])
def test_a_unit_holds_exactly_its_rows_of_every_frame(result, role):
    for pair in result.answers["pair"]:
        unit = result.unit(int(pair), role)
        assert isinstance(unit, UnitFrames) and unit.pair == pair and unit.role == role
        for name in ("sentences", "contributions", "terms", "markers"):
            pd.testing.assert_frame_equal(getattr(unit, name), _scan(getattr(result, name), pair, role))
        body = result.answers.set_index("pair").loc[pair, role]
        assert unit.text == (body if isinstance(body, str) else "")
        assert unit.row["pair"] == pair and unit.row["sentiment"] == result.answers.set_index("pair").loc[pair, "sentiment"]
        # every span points into the unit's own text
        for name in ("contributions", "terms", "markers"):
            f = getattr(unit, name)
            assert all(0 <= s < e <= len(unit.text) for s, e in zip(f["start"], f["end"])), name


def test_an_answer_carries_its_premise_spans_and_sentence_alignment(result):
    unit = result.unit(7)
    assert unit.premises["text"].tolist() == ["I have a problem with the premise of the question", "rather the opposite"]
    for start, end, written in unit.premises[["start", "end", "text"]].itertuples(index=False):
        assert unit.text[start:end] == written
    assert unit.alignment["sentence"].tolist() == unit.sentences["sentence"].tolist()
    question = result.unit(7, "question")
    assert question.premises.empty and question.alignment.empty


def test_document_measures_are_computed_once_and_kept(monkeypatch):
    calls = {"alignment": 0, "framing": 0}
    measure, frame = alignment_mod.measure, framing_mod.measure

    def counted_alignment(a):
        calls["alignment"] += 1
        return measure(a)

    def counted_framing(a, pair):
        calls["framing"] += 1
        return frame(a, pair)

    monkeypatch.setattr(alignment_mod, "measure", counted_alignment)
    monkeypatch.setattr(framing_mod, "measure", counted_framing)
    result = analyze(load(DEFAULT_DOCUMENT))
    for _ in range(3):
        result.alignment, result.unit(7), result.framing(2)
    assert calls == {"alignment": 1, "framing": 1}
    assert result.framing(3) is not result.framing(2) and calls["framing"] == 2

    # A pickle (st.cache_data, a batch's processes) takes the kept measures along and measures nothing again.
    copy = pickle.loads(pickle.dumps(result))
    assert copy.alignment.answers.equals(result.alignment.answers) and calls["alignment"] == 1
    copy.framing(4)  # and a copy can keep more
    assert calls["framing"] == 3


def test_a_changed_copy_does_not_inherit_the_measures_of_the_original():
    result = analyze(parse_text("Q: Why sanctions?\n\nA: Sanctions hurt. The premise is wrong.\n\nQ: And trade?\n\nA: Trade grows."))
    first = result.alignment.answers["alignment"].tolist()
    changed = dataclasses.replace(result, answers=result.answers.assign(answer=["Bananas.", "Trade grows."]))
    assert changed.alignment.answers["alignment"].tolist() != first
    assert result == dataclasses.replace(result)  # what was kept is not part of equality


def test_actors_are_kept_per_actor_list(result):
    from analysis.document import actors

    listed = actors.load_actors()
    assert result.actors(listed) is result.actors(listed)
    small = actors.parse_actors(b"actors:\n  nato:\n    label: NATO\n    kind: organisation\n    terms: [nato]\n", source="small.yaml")
    assert result.actors(small) is not result.actors(listed)
    assert set(result.actors(small).summary["actor"]) <= {"nato"}


def test_a_summary_analysis_has_empty_rows_where_it_kept_no_detail():
    result = analyze(load(DEFAULT_DOCUMENT), detail="summary")
    unit = result.unit(1)
    assert len(unit.sentences) == int(unit.row["n_sentences"]) > 0
    assert unit.contributions.empty and unit.terms.empty and unit.markers.empty

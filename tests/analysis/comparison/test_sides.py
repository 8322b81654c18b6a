"""Tests of analysis.comparison.sides: units, every selection kind on the default interview, side specs."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import text
from analysis.comparison.sides import Side, Unit, parse_spec, select, units_of
from analysis.errors import DiscourseError
from analysis.pipeline import run
from analysis.pipeline.side_spec import side_from_spec
from analysis.transcripts import DEFAULT_DOCUMENT, load, parse_text

NAME = DEFAULT_DOCUMENT.name
INTERVIEWEE = "Andrey Bezrukov"
PANEL = """\
INTERVIEWER: What now?

Jane Doe: One answer here.

John Roe: Two answers there.

Jane Doe: More from Jane.

INTERVIEWER: Next one?

John Roe: Three.
"""


@pytest.fixture(scope="module")
def doc():
    return load(DEFAULT_DOCUMENT)


@pytest.fixture(scope="module")
def answers(doc) -> pd.DataFrame:
    return run.analyze(doc, document=NAME, detail="summary").answers


def test_units_of_reading_order(doc) -> None:
    units = units_of(doc, document=NAME)
    assert len(units) == 18
    assert [(u.pair, u.role) for u in units[:4]] == [(1, "question"), (1, "answer"), (2, "question"), (2, "answer")]
    assert units[0] == Unit(NAME, 1, "question", "PICREADI", doc.pairs[0].question)
    assert units[1].speaker == INTERVIEWEE and units[1].text == doc.pairs[0].answer


def test_units_of_several_answerers() -> None:
    units = units_of(parse_text(PANEL), document="panel")
    assert [(u.pair, u.role, u.speaker) for u in units] == [
        (1, "question", "INTERVIEWER"), (1, "answer", "Jane Doe; John Roe"),
        (2, "question", "INTERVIEWER"), (2, "answer", "John Roe"),
    ]
    assert units[1].text == "One answer here.\n\nTwo answers there.\n\nMore from Jane."


def test_all_answers_and_questions(doc) -> None:
    a = select(doc, document=NAME, kind="all_answers")
    q = select(doc, document=NAME, kind="all_questions")
    assert [u.pair for u in a.units] == list(range(1, 10)) == [u.pair for u in q.units]
    assert {u.role for u in a.units} == {"answer"} and {u.role for u in q.units} == {"question"}
    assert {u.speaker for u in q.units} == {"PICREADI"}
    assert a.n_words == sum(text.count_words(p.answer) for p in doc.pairs)
    assert a.words() == [w for p in doc.pairs for w in text.words(p.answer)]
    assert [w for s in a.sentence_words for w in s] == a.words()
    assert a.label == f"{NAME}: all answers"


def test_pairs(doc) -> None:
    s = select(doc, document=NAME, kind="pairs", pairs=[6, 5, 5], label="Skripal")
    assert s.label == "Skripal"
    assert [(u.pair, u.role) for u in s.units] == [(5, "answer"), (6, "answer")]
    assert select(doc, document=NAME, kind="pairs", pairs=[1, 2, 3, 5]).label == f"{NAME}: pairs 1-3,5"


@pytest.mark.parametrize(("pairs", "message"), [((), "empty"), ((3, 42), "no pair 42"), ((0,), "has pairs 1-9")])
def test_pairs_errors(doc, pairs, message) -> None:
    with pytest.raises(DiscourseError, match=message):
        select(doc, document=NAME, kind="pairs", pairs=pairs)


def test_speaker(doc) -> None:
    s = select(doc, document=NAME, kind="speaker", speaker="andrey BEZRUKOV")
    assert len(s.units) == 9 and {u.speaker for u in s.units} == {INTERVIEWEE}
    with pytest.raises(DiscourseError, match="Answering speakers: Andrey Bezrukov"):
        select(doc, document=NAME, kind="speaker", speaker="Nobody")
    with pytest.raises(DiscourseError, match="speaker name"):
        select(doc, document=NAME, kind="speaker")


def test_speaker_takes_only_that_speakers_turns() -> None:
    s = select(parse_text(PANEL), document="panel", kind="speaker", speaker="Jane Doe")
    assert [(u.pair, u.speaker, u.text) for u in s.units] == [(1, "Jane Doe", "One answer here.\n\nMore from Jane.")]


def test_topic_above_and_below_split_at_the_median(doc, answers) -> None:
    rates = answers.set_index("pair")["topic_image"]
    above = select(doc, document=NAME, kind="topic_above", topic="image", answers=answers)
    below = select(doc, document=NAME, kind="topic_below", topic="image", answers=answers)
    pa, pb = {u.pair for u in above.units}, {u.pair for u in below.units}
    assert pa | pb == set(range(1, 10)) and not pa & pb
    assert pa == {p for p, r in rates.items() if r > rates.median()}
    assert f"> {rates.median():g}" in above.label


def test_topic_threshold_and_default_frame(doc, answers) -> None:
    rates = answers.set_index("pair")["topic_image"]
    s = side_from_spec(f"{DEFAULT_DOCUMENT}:topic=image<0")  # the pipeline measures the answers for it
    assert {u.pair for u in s.units} == {p for p, r in rates.items() if r <= 0}
    with pytest.raises(DiscourseError, match="needs the document's answers frame"):
        select(doc, document=NAME, kind="topic_below", topic="image", threshold=0.0)  # sides never measures
    with pytest.raises(DiscourseError, match="is empty"):
        select(doc, document=NAME, kind="topic_above", topic="image", threshold=1e9, answers=answers)
    with pytest.raises(DiscourseError, match="unknown topic 'weather'.*image"):
        select(doc, document=NAME, kind="topic_above", topic="weather", answers=answers)


def test_unknown_kind(doc) -> None:
    with pytest.raises(DiscourseError, match="all_answers"):
        select(doc, document=NAME, kind="everything")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("talk.txt", ("talk.txt", {"kind": "all_answers"})),
        ("dir/talk.txt:pairs=1-3,5", ("dir/talk.txt", {"kind": "pairs", "pairs": [1, 2, 3, 5]})),
        ("talk.txt:pairs= 2 ", ("talk.txt", {"kind": "pairs", "pairs": [2]})),
        ("talk.txt:speaker=Jane Doe", ("talk.txt", {"kind": "speaker", "speaker": "Jane Doe"})),
        ("talk.txt:role=question", ("talk.txt", {"kind": "all_questions"})),
        ("talk.txt:role=Answer", ("talk.txt", {"kind": "all_answers"})),
        ("talk.txt:topic=economy>10", ("talk.txt", {"kind": "topic_above", "topic": "economy", "threshold": 10.0})),
        ("talk.txt:topic=economy<5", ("talk.txt", {"kind": "topic_below", "topic": "economy", "threshold": 5.0})),
        ("talk.txt:topic=economy < 2.5", ("talk.txt", {"kind": "topic_below", "topic": "economy", "threshold": 2.5})),
        ("talk.txt:topic=economy>median", ("talk.txt", {"kind": "topic_above", "topic": "economy"})),
        ("talk.txt:topic=economy", ("talk.txt", {"kind": "topic_above", "topic": "economy"})),
        ("C:/data/talk.txt:pairs=4", ("C:/data/talk.txt", {"kind": "pairs", "pairs": [4]})),
    ],
)
def test_parse_spec(spec, expected) -> None:
    assert parse_spec(spec) == expected


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("", "empty"),
        ("talk.txt:pair=1", "unknown option 'pair'"),
        ("talk.txt:pairs=", "needs a value"),
        ("talk.txt:pairs=1-x", "not a pair number"),
        ("talk.txt:pairs=5-2", "runs backwards"),
        ("talk.txt:role=moderator", "question or answer"),
        ("talk.txt:topic=economy>", "give a number"),
        ("talk.txt:topic=economy>lots", "not a number"),
        ("talk.txt:topic=Economy!", "cannot read the topic"),
    ],
)
def test_parse_spec_errors(spec, message) -> None:
    with pytest.raises(DiscourseError, match=message) as err:
        parse_spec(spec)
    assert "FILE:pairs=1-3,5" in str(err.value)  # every message shows the syntax


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab.:=-,<>0123456789 pairsspeakerroletopicmedian", max_size=40))
def test_parse_spec_raises_only_the_projects_error(spec: str) -> None:
    try:
        path, options = parse_spec(spec)
    except DiscourseError:
        return
    assert path and options["kind"] in ("all_answers", "all_questions", "pairs", "speaker", "topic_above", "topic_below")


def test_side_from_spec() -> None:
    s = side_from_spec(f"{DEFAULT_DOCUMENT}:pairs=5-6")
    assert isinstance(s, Side) and [u.pair for u in s.units] == [5, 6]
    assert {u.document for u in s.units} == {NAME}
    with pytest.raises(DiscourseError, match="no such file"):
        side_from_spec(str(Path(DEFAULT_DOCUMENT).with_name("missing.txt")))

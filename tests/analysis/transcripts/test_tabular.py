"""Row formats: JSON (array / object with turns), JSON Lines and CSV."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.errors import DiscourseError
from analysis.transcripts.raw import RawDoc
from analysis.transcripts.tabular import read_csv, read_json

DATA = Path(__file__).resolve().parents[2] / "data"


def paras(raw: RawDoc) -> list[tuple[str | None, str | None, str]]:
    return [(p.label, p.role, p.text) for p in raw.paras]


CASES = {
    "json_turns.json": dict(
        format="json",
        title="Interview on soft power",
        date="2018-05-21",
        source="https://example.org/interview",
        paras=[
            ("Interviewer", "question", "What is soft power?"),
            ("Bezrukov", "answer", "It is the power of attraction."),
            (None, None, "It works slowly."),
            ("Interviewer", None, "Thank you."),
        ],
        metadata={"columns": ["Speaker", "Text", "role", "start"], "rows": 5, "speaker_column": "Speaker", "text_column": "Text"},
        warnings=["1 row(s) with an empty", "1 row(s) have no", "Role values not recognised"],
    ),
    "json_array.json": dict(
        format="json",
        title=None,
        date=None,
        source=None,
        paras=[(("Q"), None, "Where were you born?"), ("A", None, "In Moscow."), ("42", None, "7")],
        metadata={"columns": ["name", "content"], "rows": 3, "speaker_column": "name", "text_column": "content"},
        warnings=["Read the speaker from column 'name' and the text from 'content'."],
    ),
    "jsonl_turns.jsonl": dict(
        format="jsonl",
        title=None,
        date=None,
        source=None,
        paras=[
            ("MODERATOR", "other", "Welcome."),
            ("JANE DOE", "question", "Thank you \u2014 glad to be here."),
            ("MODERATOR", None, "Let us begin."),
        ],
        metadata={"columns": ["who", "utterance", "role"], "rows": 3, "speaker_column": "who", "text_column": "utterance"},
        warnings=["Read the speaker from column 'who' and the text from 'utterance'."],
    ),
    "csv_turns.csv": dict(
        format="csv",
        title=None,
        date=None,
        source=None,
        paras=[
            ("Interviewer", "question", "What is soft power, in short?"),
            ("Bezrukov", "answer", "It is attraction. Not coercion."),
            ("Bezrukov", None, 'He said "yes".'),
        ],
        metadata={"columns": ["Speaker", "Text", "Role", "Start"], "rows": 3, "speaker_column": "Speaker", "text_column": "Text"},
        warnings=[],
    ),
    "csv_semicolon.csv": dict(
        format="csv",
        title=None,
        date=None,
        source=None,
        paras=[("Q", None, "Is it so; really?"), ("A", None, "Yes.")],
        metadata={"columns": ["Author", "Transcript"], "rows": 2, "speaker_column": "Author", "text_column": "Transcript"},
        warnings=["Read the speaker from column 'Author' and the text from 'Transcript'."],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_fixture(case: str) -> None:
    expected = CASES[case]
    read = read_csv if case.endswith(".csv") else read_json
    raw = read((DATA / case).read_text(encoding="utf-8"))
    assert paras(raw) == expected["paras"]
    for key in ("format", "title", "date", "source", "metadata"):
        assert getattr(raw, key) == expected[key], key
    assert len(raw.warnings) == len(expected["warnings"])
    for got, start in zip(raw.warnings, expected["warnings"]):
        assert got.startswith(start)


@pytest.mark.parametrize(
    "role, expected",
    [("question", "question"), ("Q", "question"), ("q.", "question"), ("ANSWER", "answer"), ("a", "answer"),
     ("other", "other"), ("", None), (None, None)],
)
def test_role_values(role: str | None, expected: str | None) -> None:
    raw = read_json(json.dumps([{"speaker": "X", "text": "t", "role": role}]))
    assert raw.paras[0].role == expected
    assert raw.warnings == []


@pytest.mark.parametrize(
    "read, text, found, expected",
    [
        (read_json, '[{"person": "A", "text": "t"}]', "'person', 'text'", "speaker column (one of: speaker, name"),
        (read_json, '[{"speaker": "A", "said": "t"}]', "'speaker', 'said'", "text column (one of: text, content"),
        (read_csv, "a,b\n1,2\n", "'a', 'b'", "speaker column (one of: speaker"),
        (read_csv, "Who\tWhat\nA\tt\n", "'Who', 'What'", "text column (one of: text"),
    ],
)
def test_missing_columns_name_found_and_expected(read, text: str, found: str, expected: str) -> None:
    with pytest.raises(DiscourseError) as e:
        read(text)
    assert f"Columns found: {found}" in str(e.value)
    assert expected in str(e.value)


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "empty"),
        ("  \n", "empty"),
        ("\ufeff", "empty"),
        ("{", "not valid JSON"),
        ('{"speaker": "A"}\n{"speaker": ', "neither JSON .* nor JSON Lines \\(line 2"),
        ("42", "single int"),
        ('"text"', "single str"),
        ("[]", "no turns"),
        ("[1, 2]", "Turn 1 of the JSON is a int"),
        ('{"title": "x", "turns": "none"}', "no list of turns"),
        ('[{"speaker": "A", "text": "t"}, {"speaker": "B", "text": {"nested": 1}}]', "at item 2: the 'text' value is a nested dict"),
        ('[{"speaker": "A", "text": ""}]', "empty 'text'"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("1" * 5000, "could not be read"),
    ],
)
def test_json_errors(text: str, message: str) -> None:
    with pytest.raises(DiscourseError, match=message):
        read_json(text)


def test_json_object_with_one_turn_and_odd_date() -> None:
    raw = read_json('{"speaker": "A", "text": "Hi.", "date": "19 October 2017"}')
    assert paras(raw) == [("A", None, "Hi.")]
    assert raw.date is None
    assert raw.warnings and "not an ISO 8601 date" in raw.warnings[0]


@pytest.mark.parametrize(
    "text, message",
    [
        ("", "empty"),
        ("speaker,text\n", "no rows"),
        ('speaker,text\nA,"unclosed\n', None),  # the csv module reads to the end: one row, no error
        ("speaker,text\nA,\x00\n", None),
    ],
)
def test_csv_edge_cases(text: str, message: str | None) -> None:
    if message is None:
        try:
            read_csv(text)
        except DiscourseError:
            pass
        return
    with pytest.raises(DiscourseError, match=message):
        read_csv(text)


def test_csv_extra_fields_are_warned() -> None:
    raw = read_csv("speaker;text\nQ;Is it so; really?\n")
    assert paras(raw) == [("Q", None, "Is it so")]
    assert "more fields than the header" in raw.warnings[0]


def test_csv_field_too_long() -> None:
    with pytest.raises(DiscourseError, match="at most"):
        read_csv("speaker,text\nA," + "x" * 200_000 + "\n")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(
        st.sampled_from(["speaker", "Text", "role", "turns", "title", "date", "x"]), children, max_size=4
    ),
    max_leaves=20,
)


@settings(max_examples=100, deadline=None)
@given(
    st.one_of(
        st.text(max_size=200),
        JSON_VALUES.map(json.dumps),
        st.lists(JSON_VALUES.map(json.dumps), max_size=4).map("\n".join),
    )
)
def test_json_any_text_raises_only_discourse_error(text: str) -> None:
    try:
        raw = read_json(text)
    except DiscourseError:
        return
    assert raw.paras


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(list('abc,;\t|"\n\r \x00') + ["speaker", "text", "role", "q"]), max_size=60).map("".join)
    | st.text(max_size=200)
)
def test_csv_any_text_raises_only_discourse_error(text: str) -> None:
    try:
        raw = read_csv(text)
    except DiscourseError:
        return
    assert raw.paras

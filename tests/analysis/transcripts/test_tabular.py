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


# --- Columns named otherwise, found by name or by content (issue 13 item 7) -----------------------------

GARDEN = [
    ("Host", "Thanks for joining us today. How did the garden project begin?"),
    ("Guest", "It began with one empty lot and a dozen neighbours who wanted tomatoes."),
    ("Host", "What surprised you most?"),
    ("Guest", "How many people came to help once the first beds were built."),
]


def _csv(header: str, rows: list[str]) -> str:
    return "\n".join([header, *rows]) + "\n"


def _garden_json(speaker: str, text: str, **extra) -> list[dict]:
    return [{**{k: v(i) for k, v in extra.items()}, speaker: s, text: t} for i, (s, t) in enumerate(GARDEN)]


NAMING = {
    # an unnamed index column (pandas' to_csv), "Speaker" by name, "Response" by content, a time column
    "speaker-response-index-start": (
        read_csv,
        _csv(",Speaker,Response,start", [f'{i},{s},"{t}",00:00:{10 * i:02d}' for i, (s, t) in enumerate(GARDEN)]),
        "Speaker", "Response",
    ),
    "author-body": (read_csv, _csv("author,body", [f'{s},"{t}"' for s, t in GARDEN]), "author", "body"),
    "name-utterance-json": (read_json, json.dumps(_garden_json("name", "utterance")), "name", "utterance"),
    "participant-transcript-timestamp-jsonl": (
        read_json,
        "\n".join(json.dumps(r) for r in _garden_json("Participant", "Transcript", Timestamp=lambda i: f"2031-03-03T10:00:{i:02d}Z")),
        "Participant", "Transcript",
    ),
    # neither name is known: both by content (the numeric id and the time column are left out)
    "wer-was-by-content": (
        read_json,
        json.dumps(_garden_json("Wer", "Was", id=lambda i: i + 1, Zeit=lambda i: f"00:0{i}:15.250")),
        "Wer", "Was",
    ),
    "unnamed-index-by-content": (
        read_csv,
        _csv(",Who said it,What was said", [f'{i},{s},"{t}"' for i, (s, t) in enumerate(GARDEN)]),
        "Who said it", "What was said",
    ),
}


@pytest.mark.parametrize("case", sorted(NAMING))
def test_columns_named_otherwise_are_read_and_named(case: str) -> None:
    read, text, speaker_col, text_col = NAMING[case]
    raw = read(text)
    assert paras(raw) == [(s, None, t) for s, t in GARDEN]
    assert (raw.metadata["speaker_column"], raw.metadata["text_column"]) == (speaker_col, text_col)
    assert raw.warnings == [f"Read the speaker from column {speaker_col!r} and the text from {text_col!r}."]


BRIDGES = _csv("author,body,note,start", [
    'Mara Quinn,"Welcome to the program. What first drew you to bridges?",Opening question?,00:00:01',
    'Tom Reyes,"I grew up beside a wide river, and every crossing felt like a small miracle.",Answer one.,00:00:09',
])


def test_given_columns_win_any_case_and_need_no_word() -> None:
    raw = read_csv(BRIDGES, speaker_column="AUTHOR", text_column="note")
    assert paras(raw) == [("Mara Quinn", None, "Opening question?"), ("Tom Reyes", None, "Answer one.")]
    assert (raw.metadata["speaker_column"], raw.metadata["text_column"]) == ("author", "note")
    assert raw.warnings == []
    one = read_csv(BRIDGES, text_column="note")  # the other column still found, and said
    assert paras(one)[0] == ("Mara Quinn", None, "Opening question?")
    assert one.warnings == ["Read the speaker from column 'author' and the text from 'note'."]
    plain = read_csv(_csv("id,speaker,text", [f'{i},{s},"{t}"' for i, (s, t) in enumerate(GARDEN)]))
    assert paras(plain) == [(s, None, t) for s, t in GARDEN]
    assert plain.warnings == [] and plain.metadata["text_column"] == "text"  # plain names need no word either


@pytest.mark.parametrize(
    "read, text, options, message",
    [
        (read_csv, BRIDGES, {"text_column": "transcript"},
         "The CSV has no column 'transcript' for the text. Its columns are: 'author', 'body', 'note', 'start'."),
        (read_csv, BRIDGES, {"speaker_column": "who"},
         "The CSV has no column 'who' for the speaker. Its columns are: 'author', 'body', 'note', 'start'."),
        (read_json, json.dumps(_garden_json("name", "utterance")), {"speaker_column": "speaker"},
         "The JSON has no column 'speaker' for the speaker. Its columns are: 'name', 'utterance'."),
        (read_csv, BRIDGES, {"speaker_column": "note", "text_column": "note"},
         "The speaker and the text cannot both be read from the column 'note'."),
    ],
)
def test_a_given_column_that_is_not_there_names_the_columns(read, text: str, options: dict, message: str) -> None:
    with pytest.raises(DiscourseError) as e:
        read(text, **options)
    assert str(e.value) == message


def test_oyez_like_nested_turns_are_read() -> None:
    raw = read_json((DATA / "json_oyez_like.json").read_text(encoding="utf-8"))
    assert raw.title == "Oral Argument - March 03, 2031"
    assert paras(raw) == [
        ("Helen R. Okafor", None, "We will hear argument next in Doe against Millbrook. Ms. Lindqvist, whenever you are ready?"),
        ("Petra Lindqvist", None, "Thank you. The township closed the only footbridge without notice. That left forty "
                                  "families without a way to the school."),
        ("Samuel T. Brandt", None, "Was there any other crossing within a mile?"),
        ("Petra Lindqvist", None, "No, Your Honor. The next one is three miles away."),
        (None, None, "And it has no pavement."),  # a turn without a speaker continues the one before
    ]
    assert raw.metadata["rows_path"] == "transcript.sections[].turns[]"
    assert (raw.metadata["speaker_column"], raw.metadata["text_column"]) == ("speaker.name", "text_blocks.text")
    assert "speaker" not in raw.metadata["columns"] and "speaker.last_name" in raw.metadata["columns"]
    assert raw.warnings == [
        "Read the turns from 'transcript.sections[].turns[]': the speaker from column 'speaker.name' and the text "
        "from 'text_blocks.text'.",
        "1 row(s) with an empty 'text_blocks.text' value were skipped (first at item 6 of transcript.sections[].turns[]).",
        "1 row(s) have no 'speaker.name' value (first at item 5 of transcript.sections[].turns[]); their text "
        "continues the turn before them.",
    ]


def test_oyez_like_turns_with_a_given_speaker_column() -> None:
    raw = read_json((DATA / "json_oyez_like.json").read_text(encoding="utf-8"), speaker_column="speaker.last_name")
    assert [p.label for p in raw.paras] == ["Okafor", "Lindqvist", "Brandt", "Lindqvist", None]
    with pytest.raises(DiscourseError, match=r"no column 'speaker\.nom' for the speaker\. Its columns are: 'start', "):
        read_json((DATA / "json_oyez_like.json").read_text(encoding="utf-8"), speaker_column="speaker.nom")


def test_a_results_list_nested_in_an_export_is_found_and_odd_items_counted() -> None:
    raw = read_json((DATA / "json_results_nested.json").read_text(encoding="utf-8"))
    # results.utterances (speaker, transcript), not the top-level list of words, nor the words of each utterance
    assert paras(raw) == [
        ("Speaker 0", None, "So, tell me about the orchard. How old is it?"),
        ("Speaker 1", None, "It began with six trees my grandmother planted in nineteen fifty-two."),
        ("Speaker 0", None, "And what grows there now?"),
        ("Speaker 1", None, "Apples, mostly, and a few pears that nobody can name."),
    ]
    assert raw.metadata["rows_path"] == "results.utterances[]"
    assert raw.warnings == [
        "Read the turns from 'results.utterances[]': the speaker from column 'speaker' and the text from 'transcript'.",
        "1 item(s) of the JSON are not objects (first at item 3 of results.utterances[]), so not turns; they were skipped.",
    ]


def test_a_results_key_holding_speaker_and_text_objects() -> None:
    data = {"language": "en", "results": [{"speaker": "SPEAKER_00", "text": "Is it raining?", "start": 0.5},
                                           {"speaker": "SPEAKER_01", "text": "Not yet.", "start": 2.0}]}
    raw = read_json(json.dumps(data))
    assert paras(raw) == [("SPEAKER_00", None, "Is it raining?"), ("SPEAKER_01", None, "Not yet.")]
    assert raw.warnings == ["Read the turns from 'results[]': the speaker from column 'speaker' and the text from 'text'."]


# --- Silent drops made visible (issue 14 item 11) --------------------------------------------------------

def test_an_unterminated_quote_is_warned_with_its_line_and_the_rows_it_swallowed() -> None:
    text = (
        "speaker,text\n"                      # line 1
        "Ann,\"Where were you that night?\"\n"  # line 2
        "Ben,\"At home, I said \n"            # line 3: the quote opens and never closes
        "Ann,Alone?\n"                        # line 4
        "Ben,Yes.\n"                          # line 5
        "Ann,Thank you.\n"                    # line 6
    )
    raw = read_csv(text)
    assert paras(raw) == [
        ("Ann", None, "Where were you that night?"),
        ("Ben", None, "At home, I said Ann,Alone? Ben,Yes. Ann,Thank you."),
    ]
    assert raw.warnings == [
        "An unterminated quote at line 3 ran to the end of the file: 4 rows were read as one text. Check the quotes."
    ]
    # a quoted text over several lines, with doubled quotes, is no unterminated quote
    fine = read_csv('speaker,text\nAnn,"Two lines,\nof one answer."\nBen,"Yes ""really"" so."\n')
    assert paras(fine) == [("Ann", None, "Two lines, of one answer."), ("Ben", None, 'Yes "really" so.')]
    assert fine.warnings == []


def test_rows_without_text_or_speaker_are_counted_with_the_first_line() -> None:
    text = _csv("speaker,text", ["Ann,First question?", "Ben,", ",and more", "Ann,", "Ben,An answer.", ",again"])
    raw = read_csv(text)
    assert paras(raw) == [
        ("Ann", None, "First question?"), (None, None, "and more"), ("Ben", None, "An answer."), (None, None, "again"),
    ]
    assert raw.warnings == [
        "2 row(s) with an empty 'text' value were skipped (first at line 3).",
        "2 row(s) have no 'speaker' value (first at line 4); their text continues the turn before them.",
    ]


def test_csv_extra_fields_name_the_first_line() -> None:
    raw = read_csv("speaker;text\n\nQ;Fine.\nQ;Is it so; really?\n")
    assert paras(raw) == [("Q", None, "Fine."), ("Q", None, "Is it so")]
    assert raw.warnings[0].startswith("1 CSV row(s) (first at line 4) have more fields than the header")


@pytest.mark.parametrize(
    "text, warning",
    [
        ('[{"speaker": "A", "text": "Hi."}, 3, ["x"], {"speaker": "B", "text": "Hello."}]',
         "2 item(s) of the JSON are not objects (first at item 2), so not turns; they were skipped."),
        ('{"speaker": "A", "text": "Hi."}\n\n"stray"\n{"speaker": "B", "text": "Hello."}\n',
         "1 item(s) of the JSON are not objects (first at line 3), so not turns; they were skipped."),
        ('{"turns": [{"speaker": "A", "text": "Hi."}, null, {"speaker": "B", "text": "Hello."}]}',
         "1 item(s) of the JSON are not objects (first at item 2), so not turns; they were skipped."),
    ],
)
def test_json_items_of_another_shape_are_counted(text: str, warning: str) -> None:
    raw = read_json(text)
    assert paras(raw) == [("A", None, "Hi."), ("B", None, "Hello.")]
    assert raw.warnings == [warning]


def test_columns_of_a_table_whose_columns_were_not_found() -> None:
    from analysis.transcripts.tabular import MISSING_COLUMNS, columns_of

    numbered = "turn,spk,utt_text\n1,1,Where should it be built?\n2,2,Near the station.\n"
    with pytest.raises(DiscourseError, match=MISSING_COLUMNS):
        read_csv(numbered)  # speakers numbered 1 and 2: no column reads as names
    assert columns_of(numbered, "csv") == ["turn", "spk", "utt_text"]
    assert paras(read_csv(numbered, speaker_column="spk", text_column="utt_text")) == [
        ("Speaker 1", None, "Where should it be built?"), ("Speaker 2", None, "Near the station."),
    ]
    oyez = (DATA / "json_oyez_like.json").read_text(encoding="utf-8")
    assert columns_of(oyez, "json")[:6] == ["start", "stop", "byte_start", "byte_stop", "speaker.ID", "speaker.name"]
    assert columns_of("[1, 2]", "json") == [] and columns_of("{", "json") == []

"""Caption readers (SRT, WebVTT): cue text, YouTube rolling captions, speakers, paragraphs, metadata."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.errors import DiscourseError
from analysis.transcripts.captions import read_srt, read_vtt
from analysis.transcripts.model import Note
from analysis.transcripts.raw import RawDoc

DATA = Path(__file__).resolve().parents[2] / "data"
NO_SPEAKERS = "No speaker labels were found in the captions"


def paras(raw: RawDoc) -> list[tuple[str | None, str]]:
    return [(p.label, p.text) for p in raw.paras]


CASES = {
    "srt_labels.srt": dict(
        paras=[
            ("INTERVIEWER", "Good evening. Thank you for coming."),
            ("JANE DOE", "It is a pleasure to be here."),
            (None, "I have been waiting for this moment."),  # after a pause of 3 s: a new paragraph
            ("INTERVIEWER", "Why?"),
            ("JANE DOE", "Because & because."),
        ],
        title=None,
        notes=[Note("stage", "[Applause]")],
        metadata={"first_cue": "00:00:01.000", "last_cue": "00:00:15.000", "cues": 6, "rolling": False},
        role_hints={},
        warnings=[],
    ),
    "srt_no_speakers.srt": dict(
        paras=[
            ("Speaker", "Welcome back to the channel. Today we talk about soft power."),
            (None, "First, a definition."),
        ],
        title=None,
        notes=[],
        metadata={"first_cue": "00:00:00.500", "last_cue": "00:00:09.250", "cues": 3, "rolling": False},
        role_hints={},
        warnings=[NO_SPEAKERS],
    ),
    "vtt_voices.vtt": dict(
        paras=[
            ("Anna Lee", "Welcome to the panel. What is soft power?"),
            ("Boris Ivanov", "Soft power is attraction, not coercion. It works slowly."),
        ],
        title="Panel on soft power",
        notes=[],
        metadata={
            "kind": "captions", "language": "en", "first_cue": "00:00:01.000", "last_cue": "00:00:10.000",
            "cues": 4, "rolling": False,
        },
        role_hints={"Anna Lee": "moderator"},
        warnings=[],
    ),
    "vtt_youtube_rolling.vtt": dict(
        paras=[
            ("Speaker", "hello everyone and welcome to the show today we talk about power"),
            (None, "so let's begin"),
        ],
        title=None,
        notes=[Note("stage", "[Music]")],
        metadata={
            "kind": "captions", "language": "en", "first_cue": "00:00:00.000", "last_cue": "00:00:14.500",
            "cues": 8, "rolling": True,
        },
        role_hints={},
        warnings=[NO_SPEAKERS],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_fixture(case: str) -> None:
    expected = CASES[case]
    read = read_srt if case.endswith(".srt") else read_vtt
    raw = read((DATA / case).read_text(encoding="utf-8"))
    assert raw.format == case.rsplit(".", 1)[1]
    assert paras(raw) == expected["paras"]
    assert raw.title == expected["title"]
    assert raw.notes == expected["notes"]
    assert raw.metadata == expected["metadata"]
    assert raw.role_hints == expected["role_hints"]
    assert len(raw.warnings) == len(expected["warnings"])
    for got, start in zip(raw.warnings, expected["warnings"]):
        assert got.startswith(start)
        assert "question/answer" in got


def vtt(*cues: str, start: int = 0, step: int = 1) -> str:
    """WebVTT text with one cue per argument, ``step`` seconds each, back to back."""
    blocks = []
    for i, text in enumerate(cues):
        a, b = start + i * step, start + (i + 1) * step
        blocks.append(f"00:00:{a:02d}.000 --> 00:00:{b:02d}.000\n{text}")
    return "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"


@pytest.mark.parametrize(
    "cues, expected",
    [
        # a line said twice in a file that does not roll stays twice
        (["ANN: Yes.", "Yes.", "BOB: No."], [("ANN", "Yes. Yes."), ("BOB", "No.")]),
        # ">>" with a name
        ([">> ANN: Hi.", ">> BOB: Hello."], [("ANN", "Hi."), ("BOB", "Hello.")]),
        # ">>" without a name: a new paragraph, speaker unknown; the next named line opens a turn again
        (["ANN: Hi.", ">> Who is it?", "ANN: Me."], [("ANN", "Hi."), (None, "Who is it?"), ("ANN", "Me.")]),
        # a name-case label counts only when it recurs
        (["Vladimir Putin: Yes.", "Anna: No.", "Vladimir Putin: Fine."],
         [("Vladimir Putin", "Yes. Anna: No."), (None, "Fine.")]),
        # "Note:" is not a speaker
        (["ANN: Hi.", "Note: this is a test."], [("ANN", "Hi. Note: this is a test.")]),
        # two voices in one cue; a voice holds for the cue's later lines
        (["<v Ann>Hi.</v>\n<v Bob>Hello.\nHow are you?"], [("Ann", "Hi."), ("Bob", "Hello. How are you?")]),
        # text before the first label goes to "Speaker"
        (["Good evening.", "ANN: Hi."], [("Speaker", "Good evening."), ("ANN", "Hi.")]),
    ],
)
def test_speakers_and_paragraphs(cues: list[str], expected: list[tuple[str | None, str]]) -> None:
    assert paras(read_vtt(vtt(*cues))) == expected


def test_label_on_the_same_speaker_again_continues() -> None:
    raw = read_vtt(vtt("ANN: One.", "ANN: Two."))
    assert paras(raw) == [("ANN", "One."), (None, "Two.")]


def test_text_before_first_label_is_warned() -> None:
    raw = read_vtt(vtt("Good evening.", "ANN: Hi."))
    assert len(raw.warnings) == 1 and "before any speaker label" in raw.warnings[0]


def test_pause_over_two_seconds_starts_a_paragraph() -> None:
    text = "WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nOne.\n\n00:00:03.000 --> 00:00:04.000\nTwo.\n\n" \
           "00:00:06.500 --> 00:00:07.000\nThree.\n"
    assert paras(read_vtt(text)) == [("Speaker", "One. Two."), (None, "Three.")]


def test_srt_with_bom_and_leading_blank_lines() -> None:
    raw = read_srt("\ufeff\n\n1\n00:00:01,000 --> 00:00:02,000\nHello.\n")
    assert paras(raw) == [("Speaker", "Hello.")]


def test_rolling_captions_are_not_doubled() -> None:
    raw = read_vtt((DATA / "vtt_youtube_rolling.vtt").read_text(encoding="utf-8"))
    words = " ".join(p.text for p in raw.paras).split()
    assert words.count("welcome") == 1 and words.count("power") == 1
    assert not any("<" in p.text or ">" in p.text for p in raw.paras)


@pytest.mark.parametrize(
    "read, text, message",
    [
        (read_vtt, "", "empty"),
        (read_vtt, "\ufeff  \n", "empty"),
        (read_vtt, "Hello there", "not a valid WebVTT"),
        (read_vtt, "WEBVTT\n", "no cues"),
        (read_vtt, "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n[Music]\n", "only sound notes"),
        (read_vtt, "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<c> </c>\n", "no text"),
        (read_srt, "Hello there", "not a valid SubRip"),
        (read_srt, "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n", "not a valid SubRip"),
        (read_srt, "1\n00:00:01,000 --> xx\nhi\n", "no cues"),
    ],
)
def test_errors(read, text: str, message: str) -> None:
    with pytest.raises(DiscourseError, match=message):
        read(text)


CUE_BITS = st.sampled_from(
    ["WEBVTT\n\n", "1\n", "00:00:01.000 --> 00:00:02.000", "00:00:01,000 --> 00:00:02,500", " align:start", "\n",
     "\n\n", "<v Ann>", "</v>", "<00:00:01.500>", "<c>", "</c>", ">> ", "ANN: ", "Bob Ray: ", "- ", "[Music]",
     "hello", " world.", "&amp;", "{\\an8}", "<", "NOTE x\n\n", "STYLE\n::cue {}\n\n", "\ufeff", "99:99:99.999"]
)


@settings(max_examples=150, deadline=None)
@given(
    st.one_of(st.text(max_size=200), st.lists(CUE_BITS, max_size=40).map("".join)),
    st.sampled_from([read_srt, read_vtt]),
)
def test_any_text_raises_only_discourse_error(text: str, read) -> None:
    try:
        raw = read(text)
    except DiscourseError:
        return
    assert raw.paras and raw.paras[0].label


# --- Cues with unreadable time stamps are counted, not dropped silently (issue 14 item 11) ----------------

BAD_VTT = """WEBVTT

00:00:01.000 --> 00:00:03.000
<v Ann Lee>Where did the river flood first?

00:00:04.000 --> 00:00:07.000
<v Ben Ode>Below the mill, in the spring.

00:00:61.000 --> 00:00:09.000
<v Ann Lee>This cue is lost: 61 seconds.

00:00:10.000 -> 00:00:12.000
<v Ben Ode>This one too: a broken arrow.

00:00:13.000 --> 00:00:15.000
<v Ann Lee>And the second time?
"""

BAD_SRT = """1
00:00:01,000 --> 00:00:03,000
ANN LEE: Where did the river flood first?

2
00:00:04,000 --> 00:00:07,000
BEN ODE: Below the mill, in the spring.

3
00:00:x8,000 --> 00:00:09,000
ANN LEE: This cue is lost.

4
00:00:13,000 --> 00:00:15,000
ANN LEE: And the second time?
"""


def test_vtt_cues_with_bad_time_stamps_are_counted_with_the_first_line() -> None:
    raw = read_vtt(BAD_VTT)
    assert paras(raw) == [
        ("Ann Lee", "Where did the river flood first?"),
        ("Ben Ode", "Below the mill, in the spring."),
        ("Ann Lee", "And the second time?"),
    ]
    assert raw.warnings == [
        "2 cues with unreadable time stamps were skipped (first at line 9). A cue opens with a line such as "
        "00:01:02.500 --> 00:01:04.000."
    ]


def test_srt_cue_with_a_bad_time_stamp_is_counted_with_its_line() -> None:
    raw = read_srt(BAD_SRT)
    assert paras(raw) == [
        ("ANN LEE", "Where did the river flood first?"),
        ("BEN ODE", "Below the mill, in the spring."),
        ("ANN LEE", "And the second time?"),
    ]
    assert raw.warnings == [
        "1 cue with unreadable time stamps was skipped (first at line 10). A cue opens with a line such as "
        "00:01:02,500 --> 00:01:04,000."
    ]
    # SubRip's fields carry over (75 s) and WebVTT's hours are optional: both readable, no warning
    assert read_srt("1\n00:00:75,000 --> 00:01:20,000\nANN: Hello there.\n").warnings == []
    assert read_vtt("WEBVTT\n\n01:02.000 --> 01:04.000\n<v Ann>Hello there.\n").warnings == []

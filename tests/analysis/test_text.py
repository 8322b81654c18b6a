"""Tests for analysis.text: one sentence splitter and one tokenizer for every measure."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from nltk.tokenize import RegexpTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from analysis.text import (
    SENTENCE_STARTERS,
    TOKEN_PATTERN,
    count_words,
    load_abbreviations,
    split_sentences,
    tokenize,
    tokenize_sentences,
    words,
)
from analysis import text as text_module

DEFAULT_INTERVIEW = Path(__file__).resolve().parents[2] / "data" / "transcripts" / "bezrukov-soft-power-picreadi-2018.txt"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("  \n\n \t ", []),
        ("Hello world", ["Hello world"]),
        ("Not big enough of a role.", ["Not big enough of a role."]),
        ("Mr. Smith met Dr. Jones. They talked.", ["Mr. Smith met Dr. Jones.", "They talked."]),
        ("Mrs. Brown and Ms. Green left at 5 p.m. on Friday.", ["Mrs. Brown and Ms. Green left at 5 p.m. on Friday."]),
        ("We met at 10 a.m. The meeting was short.", ["We met at 10 a.m.", "The meeting was short."]),
        (
            "He moved to the U.S. in 1990. Then he moved to the U.K. last year.",
            ["He moved to the U.S. in 1990.", "Then he moved to the U.K. last year."],
        ),
        ("He lived in the U.S. Then he left.", ["He lived in the U.S.", "Then he left."]),
        ("They met on St. Patrick's Day near Main St. in Boston.", ["They met on St. Patrick's Day near Main St. in Boston."]),
        (
            "The concept was invented by J. Nye at Harvard. He was my dean.",
            ["The concept was invented by J. Nye at Harvard.", "He was my dean."],
        ),
        ("Joseph S. Nye Jr. taught there.", ["Joseph S. Nye Jr. taught there."]),
        ("E. A. Poe and T. S. Eliot wrote it.", ["E. A. Poe and T. S. Eliot wrote it."]),
        ("He said it in the U.S. It's true.", ["He said it in the U.S.", "It's true."]),
        ("Nobody saw you and I. Then we left.", ["Nobody saw you and I.", "Then we left."]),
        ("Growth was 3.5 percent. It rose to 4.25 later.", ["Growth was 3.5 percent.", "It rose to 4.25 later."]),
        ("It happened in 2018. The year after, too.", ["It happened in 2018.", "The year after, too."]),
        (
            "I am sure they are alive and well [as of the date of the interview]. From a technical point "
            "of view, it was improvised.",
            [
                "I am sure they are alive and well [as of the date of the interview].",
                "From a technical point of view, it was improvised.",
            ],
        ),
        ("He said, \"Go home.\" Then he left.", ["He said, \"Go home.\"", "Then he left."]),
        ("She asked, “Why now?” Nobody answered.", ["She asked, “Why now?”", "Nobody answered."]),
        ("(This is an aside.) Here we go.", ["(This is an aside.)", "Here we go."]),
        ("Is it true? Yes! Absolutely.", ["Is it true?", "Yes!", "Absolutely."]),
        ("Wait... The answer is no.", ["Wait...", "The answer is no."]),
        ("Use a tool, e.g. a hammer, i.e. something heavy.", ["Use a tool, e.g. a hammer, i.e. something heavy."]),
        ("The U.N. and the E.U. agreed. So did we.", ["The U.N. and the E.U. agreed.", "So did we."]),
        ("- *Is there a growing distrust?*", ["- *Is there a growing distrust?*"]),
        ("A rank of Colonel (ret.). He said so.", ["A rank of Colonel (ret.).", "He said so."]),
        ("First paragraph without a period\n\nSecond one.", ["First paragraph without a period", "Second one."]),
        # A blank line always ends a sentence: rejoining page breaks is the transcript parser's job.
        ("there is nothing wrong with this; it\n\nis the rule", ["there is nothing wrong with this; it", "is the rule"]),
        ("A line\nwrapped by hand. Next one.", ["A line\nwrapped by hand.", "Next one."]),
        ("One.\r\n\r\nTwo.\r\n", ["One.", "Two."]),
    ],
)
def test_split_sentences(text: str, expected: list[str]) -> None:
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    assert all(text[s.start : s.end] == s.text for s in sentences)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("Don't panic.", ["Don't", "panic", "."]),
        ("It isn’t so.", ["It", "isn’t", "so", "."]),
        ("3.5% of 100,000 people", ["3.5", "%", "of", "100,000", "people"]),
        ("the U.S. and a well-known case", ["the", "U.S", ".", "and", "a", "well-known", "case"]),
        ("at 10:30 a.m.", ["at", "10:30", "a.m", "."]),
        ("Hi, (you)!", ["Hi", ",", "(", "you", ")", "!"]),
        ("yes,no", ["yes", ",", "no"]),
        ("#soft_power @nye", ["#", "soft", "_", "power", "@", "nye"]),
        ("[as of the date]", ["[", "as", "of", "the", "date", "]"]),
        ("Россия и мир", ["Россия", "и", "мир"]),
        ("cafe\u0301 au lait", ["cafe\u0301", "au", "lait"]),
        # U+001C-U+001F are whitespace, as to str.split (and so to VADER and the sentence splitter)
        ("a\x1cb\x1d\x1e\x1fc", ["a", "b", "c"]),
        ("\x1f\x1b", ["\x1b"]),
        ("x \x1e:)\x1f y", ["x", ":)", "y"]),
        ("a\x85b\u2028c\u2029d", ["a", "b", "c", "d"]),
        # zero-width characters and the BOM are not whitespace (to str.split either)
        ("\ufeffa\u200bb", ["\ufeff", "a", "\u200b", "b"]),
    ],
)
def test_tokenize(text: str, expected: list[str]) -> None:
    tokens = tokenize(text)
    assert [t.text for t in tokens] == expected
    assert all(text[t.start : t.end] == t.text and t.lower == t.text.lower() for t in tokens)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0),
        ("   ", 0),
        ("Hello, world!", 2),
        ("It's 3.5% -- isn't it?", 4),
        ("— … !!", 0),
        ("Mr. Nye met Dr. Smith in the U.S.", 8),
        ("Not big enough of a role.", 6),
        ("I <3 it </3 <3x", 3),  # "<3" and "</3" are emoticons, not the word "3", as in tokenize
        ("a\x1cb", 2),
    ],
)
def test_count_words(text: str, expected: int) -> None:
    assert count_words(text) == expected


def test_word_flags() -> None:
    assert [(t.text, t.is_word) for t in tokenize("Yes -- 42!")] == [
        ("Yes", True),
        ("--", False),  # a free-standing run of symbols is one token (emoticons: see the next test)
        ("42", True),
        ("!", False),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Nice :) really", ["Nice", ":)", "really"]),
        ("Sad :-( today", ["Sad", ":-(", "today"]),
        ("I <3 it", ["I", "<3", "it"]),
        ("(see note 8) done", ["(", "see", "note", "8", ")", "done"]),
        ("end.)", ["end", ".", ")"]),
        ("Why?!", ["Why", "?", "!"]),
    ],
)
def test_emoticons_stay_whole(text: str, expected: list[str]) -> None:
    assert [t.text for t in tokenize(text)] == expected


def test_abbreviation_file() -> None:
    abbreviations = load_abbreviations()
    assert {"mr", "mrs", "dr", "u.s", "u.k", "a.m", "p.m", "st"} <= abbreviations
    assert all(a == a.lower() and not a.endswith(".") and " " not in a for a in abbreviations)
    assert not abbreviations & {"no", "sun", "sat"}
    assert "who" not in SENTENCE_STARTERS  # "Dr. Who" stays one sentence


def _default_interview_paragraphs() -> list[str]:
    text = DEFAULT_INTERVIEW.read_text(encoding="utf-8")
    return [p for p in re.split(r"\n[^\S\n]*\n", text) if p.strip()]


def test_agrees_with_nltk_punkt_on_default_interview() -> None:
    """Every paragraph splits as NLTK's own PunktSentenceTokenizer with the same parameters splits it,
    except where Punkt leaves a piece without a word (a stray "*" or ")." after the sentence end)."""
    params = PunktParameters()
    params.abbrev_types = set(load_abbreviations())
    params.sent_starters = set(SENTENCE_STARTERS)
    punkt = PunktSentenceTokenizer(params)
    compared = 0
    for paragraph in _default_interview_paragraphs():
        theirs = [paragraph[a:b].strip() for a, b in punkt.span_tokenize(paragraph)]
        theirs = [s for s in theirs if s]
        if all(any(ch.isalnum() for ch in s) for s in theirs):
            compared += 1
            assert [s.text for s in split_sentences(paragraph)] == theirs
    assert compared > 30


def test_default_interview_sentence_count() -> None:
    text = DEFAULT_INTERVIEW.read_text(encoding="utf-8")
    sentences = split_sentences(text)
    assert 150 < len(sentences) < 250
    assert sum(count_words(s.text) for s in sentences) == count_words(text)


# Text built from pieces that exercise the splitter's decisions (abbreviations, initials, numbers,
# quotes, brackets, ellipses) rather than only random characters.
_PIECES = st.sampled_from(
    [
        "Mr.", "Dr.", "U.S.", "a.m.", "p.m.", "St.", "J.", "I.", "3.5", "2018.", "...", "etc.", "e.g.",
        "word", "Word", "the", "The", "Then", "he", "it.", "end.", "end?", "end!", '"Quote."', "(aside.)",
        "[note].", "don't", "’", "-", "*", "\n", "\n\n", " ", "\t", "é.", "x.y.", ".", "?!",
    ]
)
_SENTENCE_LIKE = st.lists(_PIECES, max_size=40).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=200), _SENTENCE_LIKE))
def test_sentences_cover_the_text(text: str) -> None:
    sentences = split_sentences(text)
    assert "".join("".join(s.text.split()) for s in sentences) == "".join(text.split())
    previous_end = 0
    for s in sentences:
        assert text[s.start : s.end] == s.text
        assert s.text and s.text == s.text.strip()
        assert s.start >= previous_end
        previous_end = s.end


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=200), _SENTENCE_LIKE))
@example("<3")
@example("x </3 y")
@example("a\x1cb \x1f")
def test_tokens_cover_the_text_and_counts_agree(text: str) -> None:
    tokens = tokenize(text)
    # whitespace as str.split sees it (U+001C-U+001F included), as the sentence splitter and VADER do
    assert "".join(t.text for t in tokens) == "".join(text.split())
    assert all(text[t.start : t.end] == t.text for t in tokens)
    assert count_words(text) == sum(t.is_word for t in tokens) == len(words(text))
    assert words(text) == [t.lower for t in tokens if t.is_word]


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(max_size=120), _SENTENCE_LIKE))
def test_same_spans_as_nltk_regexp_tokenizer(text: str) -> None:
    assert [(t.start, t.end) for t in tokenize(text)] == list(RegexpTokenizer(TOKEN_PATTERN).span_tokenize(text))


# Characters where the standard library's re and the regex module read \w, \s or \d differently (so
# the tokenizer must use regex), mixed with those where they agree (so it may use re).
_TRICKY = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("ab Z9.,'’-—“”?!:/ \n\t\u00a0\u2028\x1c\x1f²¼\u0301\u0338éßİ<3_")),
        st.characters(max_codepoint=0x2100),
    ),
    max_size=120,
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(_TRICKY, _SENTENCE_LIKE))
def test_tokens_are_the_regex_engines_whichever_engine_runs(text: str) -> None:
    # tokenize() runs the pattern on re where re reads every character as regex does; the tokens
    # must be exactly those of the regex module (NLTK's engine).
    expected = [
        (m.group(), m.start(), m.end(), m.group().lower(), m.lastgroup is not None)
        for m in text_module._TOKEN_RE.finditer(text)
    ]
    assert [tuple(t) for t in tokenize(text)] == expected


def test_the_fast_engine_is_used_only_on_plain_text() -> None:
    unsafe = text_module._UNSAFE_FOR_RE
    assert unsafe.search("Plain text, “quoted” — don’t: café 3.5") is None
    for char in ["\u0301", "²", "¼", "\x1c", "\u200d", "\u4e00", "\U0001f600"]:
        assert unsafe.search(f"a{char}b"), repr(char)


# Control characters and separators where the splitter and the tokenizer once disagreed (U+001C-U+001F:
# space to str.strip, a symbol to the regex engine), and their neighbours that always agreed. A
# targeted search (these characters, U+0000-U+0020, U+007F, U+0085, U+00A0, U+2000-U+200F, U+2028,
# U+2029, U+2060, U+FEFF, tags, combining marks, mixed with abbreviations and emoticons; 50,000
# examples) found no other case.
@settings(max_examples=300, deadline=None)
@given(st.one_of(_TRICKY, _SENTENCE_LIKE, st.text(max_size=200)))
@example("\x1f\x1b")
@example("\x1f'")
@example("\x1e")
@example("end.\x1cThe next\x1d:)\x1f")
@example("a \x1f\x1b. b")
@example("\x85a.\u2028The\u2029\x0b\x0c b")
@example("\ufeffa. \u200bThe\u200d \u2060b")
def test_tokenize_sentences_is_tokenize_grouped_by_sentence(text: str) -> None:
    sentences = split_sentences(text)
    grouped = tokenize_sentences(text, sentences)
    whole = tokenize(text)
    assert grouped == [[t for t in whole if s.start <= t.start < s.end] for s in sentences]
    # Every token is in a sentence: what lies outside every sentence is whitespace to both.
    assert [t for ts in grouped for t in ts] == whole

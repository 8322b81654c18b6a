"""Tests of analysis.sentence.topics: loading dictionaries (YAML, .dic), matching rules, counts, the default dictionary."""

from __future__ import annotations

import functools
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import terms
from analysis.errors import DiscourseError
from analysis.sentence import topics
from analysis.sentence.topics import Match, load_dictionary, match, parse_dictionary, topic_counts

FIXTURES = Path(__file__).resolve().parents[2] / "data" / "topics"

EXPECTED_SLUGS = (
    "economy", "image", "diplomacy", "security", "terrorism",
    "justice", "history", "media", "law", "engagement",
)


def yaml_dictionary(text: str) -> topics.Dictionary:
    return parse_dictionary(text.encode("utf-8"), source="test.yaml", format="yaml")


# A dictionary built to exercise every matching rule; its topics overlap on purpose.
RULES = yaml_dictionary(
    """
topics:
  trade:
    terms: [trade, trade*, tra*, free trade, free trade agreement, free trade zone*, people-to-people]
  war:
    terms: [war, war*, cold war, cold war era, world war*, trade war*]
  people:
    terms: [people, public diplomacy, public*, cultural exchange*, exchange, co-operat*]
"""
)


@functools.cache
def default_dictionary() -> topics.Dictionary:
    return load_dictionary()


@pytest.fixture()
def default() -> topics.Dictionary:
    return default_dictionary()


# --------------------------------------------------------------------------------------------------
# Matching rules


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        pytest.param([], [], id="no words"),
        pytest.param(["peace"], [], id="no match"),
        pytest.param(
            ["trade"], [("trade", "trade", 0, 1, "exact")], id="exact before any wildcard"
        ),
        pytest.param(
            ["traders"], [("trade", "trade*", 0, 1, "wildcard")], id="longest wildcard prefix wins"
        ),
        pytest.param(["track"], [("trade", "tra*", 0, 1, "wildcard")], id="shorter wildcard when longer fails"),
        pytest.param(["TRADE"], [("trade", "trade", 0, 1, "exact")], id="case-insensitive"),
        pytest.param(
            ["warm"], [("war", "war*", 0, 1, "wildcard")], id="wildcard matches any continuation"
        ),
        pytest.param(["war"], [("war", "war", 0, 1, "exact")], id="exact beats its own wildcard"),
        pytest.param(
            ["free", "trade"], [("trade", "free trade", 0, 2, "phrase")],
            id="phrase tokens are not counted again by the same topic",
        ),
        pytest.param(
            ["free", "trade", "agreement"], [("trade", "free trade agreement", 0, 3, "phrase")],
            id="longest phrase first",
        ),
        pytest.param(
            ["free", "trade", "zones"], [("trade", "free trade zone*", 0, 3, "phrase")],
            id="phrase with a wildcard word",
        ),
        pytest.param(
            ["the", "cold", "war", "era"], [("war", "cold war era", 1, 4, "phrase")], id="phrase inside text"
        ),
        pytest.param(
            ["trade", "war"],
            [("trade", "trade", 0, 1, "exact"), ("war", "trade war*", 0, 2, "phrase")],
            id="a phrase of one topic does not hide the word from another topic",
        ),
        pytest.param(
            ["cold", "war", "world", "wars"],
            [("war", "cold war", 0, 2, "phrase"), ("war", "world war*", 2, 4, "phrase")],
            id="two phrases side by side",
        ),
        pytest.param(
            ["free", "trade", "wars"],
            [("trade", "free trade", 0, 2, "phrase"), ("war", "trade war*", 1, 3, "phrase")],
            id="overlapping phrases of different topics both count",
        ),
        pytest.param(
            ["public", "diplomacy", "public"],
            [("people", "public diplomacy", 0, 2, "phrase"), ("people", "public*", 2, 3, "wildcard")],
            id="word outside the phrase still matches singly",
        ),
        pytest.param(
            ["cultural", "exchanges", "exchange"],
            [("people", "cultural exchange*", 0, 2, "phrase"), ("people", "exchange", 2, 3, "exact")],
            id="phrase wildcard then exact",
        ),
        pytest.param(
            ["people-to-people"],
            [("trade", "people-to-people", 0, 1, "exact"), ("people", "people", 0, 1, "exact")],
            id="hyphenated term as one token; another topic matches a part",
        ),
        pytest.param(
            ["war-torn"], [("war", "war*", 0, 1, "wildcard")], id="hyphenated word matched whole first"
        ),
        pytest.param(
            ["free-trade"], [("trade", "free trade", 0, 1, "phrase")], id="hyphenated word matched by a phrase of its parts"
        ),
        pytest.param(
            ["people-diplomacy"], [("people", "people", 0, 1, "exact")], id="hyphenated word matched by a part"
        ),
        pytest.param(
            ["anti-trade-war"],
            [("trade", "trade", 0, 1, "exact"), ("war", "trade war*", 0, 1, "phrase")],
            id="hyphenated word: its parts' longest match per topic, counted once",
        ),
        pytest.param(
            ["peace-trade-trade"], [("trade", "trade", 0, 1, "exact")],
            id="a hyphenated word counts once per topic however many parts match",
        ),
        pytest.param(
            ["warlike"], [("war", "war*", 0, 1, "wildcard")], id="no part rule without a hyphen"
        ),
        pytest.param(["trade's"], [("trade", "trade", 0, 1, "exact")], id="possessive matched by its base"),
        pytest.param(["Trade’s"], [("trade", "trade", 0, 1, "exact")], id="curly possessive"),
        pytest.param(
            ["traders's"], [("trade", "trade*", 0, 1, "wildcard")], id="possessive of a wildcard word"
        ),
        pytest.param(
            ["free", "trade's"], [("trade", "free trade", 0, 2, "phrase")], id="possessive ends a phrase"
        ),
        pytest.param(
            ["cold's", "war"], [("war", "cold war", 0, 2, "phrase")], id="possessive starts a phrase"
        ),
        pytest.param(
            ["people", "to", "people"],
            [("trade", "people-to-people", 0, 3, "phrase"), ("people", "people", 0, 1, "exact"),
             ("people", "people", 2, 3, "exact")],
            id="hyphenated term split by the tokenizer",
        ),
        pytest.param(
            ["co", "operation"], [("people", "co-operat*", 0, 2, "phrase")], id="hyphenated wildcard split"
        ),
        pytest.param(
            ["co-operation"], [("people", "co-operat*", 0, 1, "wildcard")], id="hyphenated wildcard whole"
        ),
        pytest.param(["free"], [], id="first word of a phrase alone does not match"),
        pytest.param(["free", "trad"], [("trade", "tra*", 1, 2, "wildcard")], id="incomplete phrase"),
    ],
)
def test_match_rules(words: list[str], expected: list[tuple]) -> None:
    assert match(words, RULES) == [Match(*e) for e in expected]


def test_phrases_longest_first_over_the_whole_text() -> None:
    # "b c d" is longer than "a b" although it starts later: it takes "b", and "a" is left alone.
    d = yaml_dictionary("topics: {t: {terms: [a b, b c d, a]}}")
    assert match(["a", "b", "c", "d"], d) == [Match("t", "a", 0, 1, "exact"), Match("t", "b c d", 1, 4, "phrase")]


def test_equal_phrases_left_to_right() -> None:
    d = yaml_dictionary("topics: {t: {terms: [a b]}}")
    assert match(["a", "b", "a", "b"], d) == [Match("t", "a b", 0, 2, "phrase"), Match("t", "a b", 2, 4, "phrase")]
    d = yaml_dictionary("topics: {t: {terms: [a a]}}")
    assert match(["a", "a", "a"], d) == [Match("t", "a a", 0, 2, "phrase")]


def test_same_span_prefers_fewer_wildcards() -> None:
    d = yaml_dictionary("topics: {t: {terms: [human right*, human rights]}}")
    assert match(["human", "rights"], d) == [Match("t", "human rights", 0, 2, "phrase")]


def test_breaks_stop_phrases() -> None:
    assert match(["free", "trade"], RULES, breaks={1}) == [Match("trade", "trade", 1, 2, "exact")]
    assert match(["free", "trade"], RULES, breaks={0}) == [Match("trade", "free trade", 0, 2, "phrase")]


def test_phrase_at_the_end_of_the_words_is_not_read_past_the_end() -> None:
    assert match(["cold"], RULES) == []
    assert match(["free", "trade", "zone"][:2], RULES) == [Match("trade", "free trade", 0, 2, "phrase")]


def test_match_does_not_mutate_its_input() -> None:
    words = ["Free", "Trade"]
    match(words, RULES)
    assert words == ["Free", "Trade"]


# --------------------------------------------------------------------------------------------------
# Counts


def test_topic_counts() -> None:
    words = ["free", "trade", "and", "cold", "war", "traders", "x", "y", "z", "w"]
    counts = topic_counts(match(words, RULES), len(words), RULES)
    assert counts == {
        "n_words": 10,
        "topic_trade": 200.0, "topic_trade_count": 2,
        "topic_war": 100.0, "topic_war_count": 1,
        "topic_people": 0.0, "topic_people_count": 0,
        "topics_coverage": 0.5,
    }


def test_topic_counts_without_words() -> None:
    counts = topic_counts([], 0, RULES)
    assert counts["n_words"] == 0 and counts["topic_trade"] == 0.0 and counts["topics_coverage"] == 0.0


@pytest.mark.parametrize(
    ("matches", "n_words"),
    [
        ([Match("nope", "x", 0, 1, "exact")], 1),
        ([Match("trade", "trade", 0, 2, "exact")], 1),
        ([], -1),
    ],
)
def test_topic_counts_refuses_inconsistent_input(matches: list[Match], n_words: int) -> None:
    with pytest.raises(ValueError):
        topic_counts(matches, n_words, RULES)


@dataclass(frozen=True)
class Tok:
    text: str
    start: int
    end: int
    lower: str
    is_word: bool


def hand_tokens(text: str) -> list[Tok]:
    """Hand-made tokens for tests (the project's tokenizer is analysis.text)."""
    return [
        Tok(m.group(), m.start(), m.end(), m.group().lower(), m.group()[0].isalnum())
        for m in re.finditer(r"\w+|[^\w\s]", text)
    ]


def test_measure_frames() -> None:
    units = [hand_tokens("Free trade, and people-to-people ties."), hand_tokens("Free. Trade war!"), []]
    result = topics.measure(units, RULES)
    assert list(result.units.columns) == [
        "unit", "n_words", "topic_trade", "topic_trade_count", "topic_war", "topic_war_count",
        "topic_people", "topic_people_count", "topics_coverage",
    ]
    assert result.units["n_words"].tolist() == [7, 3, 0]
    assert result.units["topic_trade_count"].tolist() == [2, 1, 0]
    assert result.units["topic_people_count"].tolist() == [2, 0, 0]
    terms = result.terms.to_dict("records")
    first = terms[0]
    assert first == {
        "unit": 0, "topic": "trade", "entry": "free trade", "kind": "phrase", "word": 0, "word_end": 2,
        "token": 0, "token_end": 2, "start": 0, "end": 10, "text": "Free trade",
    }
    ptp = next(t for t in terms if t["entry"] == "people-to-people")
    # The hyphens are non-word tokens that join; the span covers the whole written term.
    assert (ptp["word"], ptp["word_end"], ptp["token"], ptp["token_end"]) == (3, 6, 4, 9)
    assert "Free trade, and people-to-people ties."[ptp["start"]:ptp["end"]] == "people-to-people"
    # In "Free. Trade war!" the full stop breaks "free trade"; "trade war" still matches.
    second = [(t["entry"], t["text"]) for t in terms if t["unit"] == 1]
    assert second == [("trade", "Trade"), ("trade war*", "Trade war")]


def test_measure_without_units() -> None:
    result = topics.measure([], RULES)
    assert result.units.empty and result.terms.empty
    assert str(result.units["topic_trade"].dtype) == "float64"
    assert str(result.units["topic_trade_count"].dtype) == "int64"


def test_topics_built_in_code_are_normalised() -> None:
    topic = topics.Topic("t", "T", "", ("Trade", "  FREE   trade ", "trade", "Exp*"))
    assert topic.terms == ("trade", "free trade", "exp*")
    assert (topic.exact, topic.wildcards) == ({"trade"}, {"exp"})
    d = topics.Dictionary("in code", "0", (topic,))
    assert [m.entry for m in match(["Free", "Trade", "Exports"], d)] == ["free trade", "exp*"]
    with pytest.raises(DiscourseError, match="lowercase identifier"):
        topics.Topic("Bad Slug", "", "", ("x",))


def test_measure_with_the_project_tokenizer(default: topics.Dictionary) -> None:
    text_module = pytest.importorskip("analysis.text")
    text = "Public diplomacy is about people-to-people diplomacy, not NATO’s propaganda. Soft. Power."
    result = topics.measure([text_module.tokenize(text)], default)
    found = [(row.topic, row.entry, text[row.start:row.end]) for row in result.terms.itertuples()]
    assert found == [
        ("engagement", "public diplomacy", "Public diplomacy"),
        ("diplomacy", "diplomacy", "diplomacy"),  # not taken by engagement's phrase: another topic
        ("engagement", "people-to-people", "people-to-people"),
        ("diplomacy", "diplomacy", "diplomacy"),
        ("diplomacy", "nato", "NATO’s"),
        ("security", "nato", "NATO’s"),
        ("media", "propagand*", "propaganda"),
    ]  # "Soft. Power." is no phrase: the full stop breaks it
    assert result.units.loc[0, "n_words"] == text_module.count_words(text)


# --------------------------------------------------------------------------------------------------
# The default dictionary


def test_default_dictionary_metadata(default: topics.Dictionary) -> None:
    path = topics.default_dictionary_path()
    assert load_dictionary(path) == default
    assert path.name == "foreign_policy.yaml" and default.path == path
    assert default.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert re.fullmatch(r"\d+\.\d+\.\d+", default.version)
    assert default.name and default.description
    assert default.slugs == EXPECTED_SLUGS


@pytest.mark.parametrize("slug", EXPECTED_SLUGS)
def test_default_topics_are_described_and_sized(default: topics.Dictionary, slug: str) -> None:
    topic = default.topic(slug)
    assert topic.label and len(topic.description) > 40
    assert 25 <= len(topic.terms) <= 60
    # No over-broad wildcard: at least four letters before the '*'.
    assert all(len(prefix.replace("-", "")) >= 4 for prefix in topic.wildcards), sorted(topic.wildcards)


@pytest.mark.parametrize(
    ("word", "slug", "matches"),
    [
        ("article", None, False),
        ("artillery", None, False),
        ("important", "economy", False),
        ("imports", "economy", True),
        ("company", "economy", True),
        ("companion", "economy", False),
        ("taxi", "economy", False),
        ("taxes", "economy", True),
        ("imagine", "image", False),
        ("image", "image", True),
        ("admiral", "image", False),
        ("admiration", "image", True),
        ("respectively", "image", False),
        ("diploma", "diplomacy", False),
        ("diplomats", "diplomacy", True),
        ("consultant", "diplomacy", False),
        ("consular", "diplomacy", True),
        ("according", "diplomacy", False),
        ("warrant", "security", False),
        ("warranted", "security", False),
        ("warm", "security", False),
        ("war", "security", True),
        ("warships", "security", True),
        ("determine", "security", False),
        ("deterrence", "security", True),
        ("defendant", "security", False),
        ("defend", "security", True),
        ("terrain", "terrorism", False),
        ("terrorists", "terrorism", True),
        ("social", "justice", False),
        ("colonel", "history", False),
        ("colonial", "history", True),
        ("identify", "history", False),
        ("identity", "history", True),
        ("tsarnaev", "history", False),
        ("memorandum", "history", False),
        ("pollution", "media", False),
        ("polls", "media", True),
        ("crimea", "law", False),
        ("crimes", "law", True),
        ("accustomed", "law", False),
        ("accused", "law", True),
        ("allegiance", "law", False),
        ("allegedly", "law", True),
        ("courtesy", "law", False),
        ("court", "law", True),
        ("lawn", "law", False),
        ("concerted", "engagement", False),
        ("concerts", "engagement", True),
    ],
)
def test_default_near_misses(default: topics.Dictionary, word: str, slug: str | None, matches: bool) -> None:
    found = {m.topic for m in match([word], default)}
    if slug is None:
        assert found == set()
    else:
        assert (slug in found) is matches


@pytest.mark.parametrize(
    ("text", "slug", "entry"),
    [
        ("soft power", "image", "soft power"),
        ("public diplomacy", "engagement", "public diplomacy"),
        ("people to people", "engagement", "people-to-people"),
        ("foreign ministry", "diplomacy", "foreign minist*"),
        ("international law", "law", "law"),
        ("press conferences", "media", "press conference*"),
        ("social justice", "justice", "social justice"),
        ("cold war", "history", "cold war"),
        ("9/11", "terrorism", "9/11"),
        ("9 11", "terrorism", "9/11"),
        ("foreign-policy", "diplomacy", "foreign policy"),
        ("security-obsessed", "security", "security"),
        ("NATO's allies", "diplomacy", "nato"),
    ],
)
def test_default_phrases(default: topics.Dictionary, text: str, slug: str, entry: str) -> None:
    assert (slug, entry) in {(m.topic, m.entry) for m in match(text.split(), default)}


def test_default_on_the_seed_interview(default: topics.Dictionary) -> None:
    seed = Path(__file__).resolve().parents[3] / "data" / "transcripts" / "bezrukov-soft-power-picreadi-2018.txt"
    if not seed.exists():
        pytest.skip("seed transcript not in data/transcripts")
    text_module = pytest.importorskip("analysis.text")
    words = text_module.words(seed.read_text(encoding="utf-8"))
    counts = topic_counts(match(words, default), len(words), default)
    # An interview on soft power and public diplomacy: image is the densest topic, all ten occur.
    assert all(counts[f"topic_{s}_count"] > 0 for s in EXPECTED_SLUGS)
    assert max(EXPECTED_SLUGS, key=lambda s: counts[f"topic_{s}"]) == "image"
    assert 0.05 < counts["topics_coverage"] < 0.3


# --------------------------------------------------------------------------------------------------
# Loading: YAML and .dic


def test_yaml_fixture() -> None:
    d = load_dictionary(FIXTURES / "small.yaml")
    assert (d.name, d.version, d.description) == ("Small test dictionary", "0.1", "Fixture for tests/analysis/test_topics.py.")
    trade = d.topic("trade")
    assert trade.label == "Trade" and trade.description == "Buying and selling across borders."
    assert trade.exact == {"trade"} and trade.wildcards == {"trade"}
    assert dict(trade.phrases) == {"free trade": ("free", "trade"), "free trade agreement": ("free", "trade", "agreement")}
    assert d.sha256 == hashlib.sha256((FIXTURES / "small.yaml").read_bytes()).hexdigest()


def test_yaml_scalars_stay_as_written() -> None:
    d = load_dictionary(FIXTURES / "literal_scalars.yaml")
    assert d.version == "1.10"
    assert d.topic("answers").terms == ("no", "yes", "on", "1.0")
    assert d.topic("answers").label == "Answers" and d.name == "literal_scalars"


def test_yaml_with_bom() -> None:
    assert load_dictionary(FIXTURES / "bom.yaml").slugs == ("trade",)


def test_yml_extension(tmp_path: Path) -> None:
    path = tmp_path / "x.yml"
    path.write_text("topics: {t: {terms: [a]}}", encoding="utf-8")
    assert load_dictionary(path).slugs == ("t",)


@pytest.mark.parametrize("name", ["tabs.dic", "spaces.dic"])
def test_dic_ids_by_tabs_or_spaces(name: str) -> None:
    d = load_dictionary(FIXTURES / name)
    first, second = d.topics
    assert "trade" in first.exact and "war" in second.exact
    assert "arms" in first.exact and "arms" in second.exact
    assert d.version == "" and d.name == name.removesuffix(".dic")


def test_dic_with_spaces_details() -> None:
    d = load_dictionary(FIXTURES / "spaces.dic")
    assert d.slugs == ("economy", "foreign_policy")
    assert d.topic("foreign_policy").label == "Foreign Policy"
    # A phrase term on a line without a tab; a wildcard with mixed tab and space ids.
    assert ("soft power", ("soft", "power")) in d.topic("foreign_policy").phrases
    assert "sanction" in d.topic("economy").wildcards and "sanction" in d.topic("foreign_policy").wildcards
    assert {m.topic for m in match(["Sanctions"], d)} == {"economy", "foreign_policy"}


def test_dic_same_term_on_several_lines_merges_categories() -> None:
    d = load_dictionary(FIXTURES / "merge.dic")
    assert [t.terms for t in d.topics] == [("bank",), ("bank",), ("bank",)]
    assert [m.topic for m in match(["bank"], d)] == ["one", "two", "three"]


def test_dic_cp1252() -> None:
    raw = (FIXTURES / "cp1252.dic").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    d = load_dictionary(FIXTURES / "cp1252.dic")
    assert d.topic("food").exact == {"café", "cafés"}
    assert d.topic("character").exact == {"naïve"} and d.topic("character").wildcards == {"naïv"}
    assert [m.entry for m in match(["Café", "naïvety", "naïve"], d)] == ["café", "naïv*", "naïve"]


def test_dic_crlf_line_ends() -> None:
    assert load_dictionary(FIXTURES / "crlf.dic").topic("economy").exact == {"trade"}


# --------------------------------------------------------------------------------------------------
# Bad input


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("empty.dic", r"empty.dic: the file is empty"),
        ("blank.dic", r"blank.dic: the file is empty"),
        ("no_header.dic", r"no_header.dic, line 1: no header"),
        ("unclosed_header.dic", r"unclosed_header.dic, line 1: the header .* never closed"),
        ("empty_header.dic", r"empty_header.dic, line 1: the header defines no categories"),
        ("header_no_name.dic", r"header_no_name.dic, line 3: .*no category name"),
        ("duplicate_id.dic", r"duplicate_id.dic, line 3: category id '1' is defined twice"),
        ("undefined_id.dic", r"undefined_id.dic, line 7: term 'spy': undefined category id '3'"),
        ("undefined_id_spaces.dic", r"undefined_id_spaces.dic, line 5: .*undefined category id '7'"),
        ("liwc2015_conditional.dic", r"liwc2015_conditional.dic, line 5: term 'like': undefined category id"),
        ("no_ids.dic", r"no_ids.dic, line 5: term 'war' has no category ids"),
        ("category_without_terms.dic", r"category_without_terms.dic, line 3: category 2 'security' has no terms"),
        ("slug_clash.dic", r"slug_clash.dic, line 3: .*topic_foreign_policy"),
        ("bad_wildcard.dic", r"bad_wildcard.dic, line 5: term '\*port': '\*' may only end a word"),
        ("bad_encoding.dic", r"bad_encoding.dic, line 5: byte 0x81 is neither UTF-8 nor cp1252"),
        ("utf16.dic", r"utf16.dic, line 1: .*UTF-16"),
        ("empty.yaml", r"empty.yaml: the file is empty"),
        ("not_mapping.yaml", r"not_mapping.yaml, line 1: the file must be a mapping"),
        ("invalid.yaml", r"invalid.yaml, line 4: not valid YAML"),
        ("no_topics.yaml", r"no_topics.yaml, line 1: no 'topics'"),
        ("empty_topics.yaml", r"empty_topics.yaml, line 2: 'topics' is empty"),
        ("topic_not_mapping.yaml", r"topic_not_mapping.yaml, line 3: topic 'trade' must be a mapping"),
        ("topic_without_terms.yaml", r"topic_without_terms.yaml, line 5: topic 'war' has no 'terms'"),
        ("empty_terms.yaml", r"empty_terms.yaml, line 3: topic 'trade': 'terms' must be a non-empty list"),
        ("term_not_string.yaml", r"term_not_string.yaml, line 5: topic 'trade': each term must be a string"),
        ("bad_slug.yaml", r"bad_slug.yaml, line 2: topic 'Foreign Policy': a slug must be"),
        ("unknown_key.yaml", r"unknown_key.yaml, line 4: topic 'trade': unknown key 'term'"),
        ("duplicate_topic.yaml", r"duplicate_topic.yaml, line 4: 'topics': 'trade' is repeated \(first on line 2\)"),
        ("bad_wildcard.yaml", r"bad_wildcard.yaml, line 5: topic 'trade': term 'ex\*port'"),
        ("bare_wildcard.yaml", r"bare_wildcard.yaml, line 5: .*needs letters before"),
        ("column_clash.yaml", r"column_clash.yaml: .*'topic_trade_count'"),
        ("bad_encoding.yaml", r"bad_encoding.yaml, line 5: byte 0x81"),
    ],
)
def test_malformed_dictionaries(name: str, expected: str) -> None:
    with pytest.raises(DiscourseError, match=expected):
        load_dictionary(FIXTURES / name)


def test_missing_file_and_unknown_extension(tmp_path: Path) -> None:
    with pytest.raises(DiscourseError, match=r"nothing.yaml: cannot read"):
        load_dictionary(tmp_path / "nothing.yaml")
    other = tmp_path / "terms.txt"
    other.write_text("trade\n", encoding="utf-8")
    with pytest.raises(DiscourseError, match=r"terms.txt: unknown dictionary format '.txt'"):
        load_dictionary(other)


# --------------------------------------------------------------------------------------------------
# Properties

VOCABULARY = ["free", "trade", "traders", "track", "war", "wars", "cold", "era", "world", "people", "to",
              "public", "diplomacy", "cultural", "exchange", "co", "operation", "people-to-people", "zone",
              "agreement", "the", "Trade", "WAR"]
word_lists = st.lists(st.sampled_from(VOCABULARY), max_size=40)


@given(word_lists)
@settings(max_examples=300, deadline=None)
def test_counts_add_up(words: list[str]) -> None:
    found = match(words, RULES)
    counts = topic_counts(found, len(words), RULES)
    per_topic: dict[str, list[Match]] = defaultdict(list)
    for m in found:
        assert 0 <= m.token_start < m.token_end <= len(words)
        assert m.entry in RULES.topic(m.topic).terms
        per_topic[m.topic].append(m)
    assert sum(counts[f"topic_{s}_count"] for s in RULES.slugs) == len(found)
    for slug in RULES.slugs:
        assert counts[f"topic_{slug}_count"] <= len(words)
        covered = [i for m in per_topic[slug] for i in range(m.token_start, m.token_end)]
        assert len(covered) == len(set(covered)), "a token counted twice in one topic"
    assert 0.0 <= counts["topics_coverage"] <= 1.0
    assert found == sorted(found, key=lambda m: (m.token_start, RULES.slugs.index(m.topic)))


@given(word_lists)
@settings(max_examples=100, deadline=None)
def test_matching_ignores_case(words: list[str]) -> None:
    assert match([w.upper() for w in words], RULES) == match([w.lower() for w in words], RULES)


@given(word_lists, st.integers(0, 39))
@settings(max_examples=100, deadline=None)
def test_a_match_never_spans_a_break(words: list[str], cut: int) -> None:
    for m in match(words, RULES, breaks={cut}):
        assert not m.token_start < cut < m.token_end


@given(st.binary(max_size=300), st.sampled_from(["yaml", "dic"]))
@settings(max_examples=300, deadline=None)
def test_parsing_raises_only_the_project_error(data: bytes, fmt: str) -> None:
    try:
        d = parse_dictionary(data, source=f"x.{fmt}", format=fmt)  # type: ignore[arg-type]
    except DiscourseError as e:
        assert "x." in str(e)
    else:
        assert d.topics and all(t.terms for t in d.topics)


dic_lines = st.lists(
    st.one_of(
        st.sampled_from(["%", "1\ta", "2 b", "", "x\t1", "y 1 2", "z*\t2", "a b\t1", "q\t3", "*", "w"]),
        st.text(alphabet="ab12 \t%*-", max_size=8),
    ),
    max_size=12,
)


@given(dic_lines)
@settings(max_examples=300, deadline=None)
def test_dic_parsing_raises_only_the_project_error(lines: list[str]) -> None:
    try:
        d = parse_dictionary("\n".join(lines).encode("utf-8"), source="x.dic", format="dic")
    except DiscourseError as e:
        assert str(e).startswith("x.dic")
    else:
        assert all(topics.SLUG_PATTERN.match(t.slug) for t in d.topics)


def _default_vocabulary() -> list[str]:
    """Words made from the default dictionary's own entries, with endings and near misses."""
    d = default_dictionary()
    words = {w.rstrip("*") for t in d.topics for term in t.terms for w in term.split()}
    return sorted(words | {w + "s" for w in words} | {w + "'s" for w in words} | {"the", "and", "-"})


@given(st.lists(st.sampled_from(_default_vocabulary()), max_size=60))
@settings(max_examples=200, deadline=None)
def test_default_dictionary_counts_add_up(words: list[str]) -> None:
    d = default_dictionary()
    found = match(words, d)
    counts = topic_counts(found, len(words), d)
    for slug in d.slugs:
        spans = [i for m in found if m.topic == slug for i in range(m.token_start, m.token_end)]
        assert len(spans) == len(set(spans)) == sum(m.token_end - m.token_start for m in found if m.topic == slug)
        assert counts[f"topic_{slug}_count"] <= len(words)
    assert 0.0 <= counts["topics_coverage"] <= 1.0


# --------------------------------------------------------------------------------------------------
# Shared preparation, the per-dictionary memo, spans


def _reference_measure(units, dictionary):
    """measure() rebuilt from match() and topic_counts(), unit by unit, with no shared state."""
    rows = []
    for u, tokens in enumerate(units):
        words = [t for t in tokens if t.is_word]
        positions = [i for i, t in enumerate(tokens) if t.is_word]
        breaks = {
            k for k, p in enumerate(positions)
            if k and any(not t.is_word and t.text.strip() not in topics.JOINERS for t in tokens[positions[k - 1] + 1 : p])
        }
        found = match([t.text for t in words], dictionary, breaks=breaks)
        rows.append({"unit": u, **topic_counts(found, len(words), dictionary)})
    return rows


_PHRASE_TEXT = st.lists(
    st.sampled_from(
        ["free", "Free", "trade", "trade’s", "traders", "war", "wars", "people", "to", "people-to-people",
         ",", ".", "-", "and", "TRADE", "cold", "Trade"]
    ),
    max_size=25,
).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PHRASE_TEXT, max_size=4))
def test_measure_agrees_with_match_and_counts_prepared_or_not(texts: list[str]) -> None:
    units = [hand_tokens(t) for t in texts]
    expected = _reference_measure(units, RULES)
    for given_units in (units, topics.prepare(units)):
        result = topics.measure(given_units, RULES)
        got = result.units.to_dict("records")
        assert len(got) == len(expected) and all(g == pytest.approx(e) for g, e in zip(got, expected))
        assert result.counts.tolist() == [[r[f"topic_{s}_count"] for s in RULES.slugs] for r in expected]
        spans = topics.spans(given_units, RULES)
        assert spans == [tuple(r) for r in result.terms[["unit", "topic", "entry", "kind", "start", "end", "text"]].itertuples(index=False)]
        quick = topics.measure(given_units, RULES, detail="summary")
        assert quick.terms.empty
        pd.testing.assert_frame_equal(quick.units, result.units)


def test_the_memo_is_shared_and_bounded(monkeypatch) -> None:
    d = yaml_dictionary("topics: {trade: {terms: [trade*, free trade]}}")
    units = [hand_tokens("Free trade and traders."), hand_tokens("Trade is free.")]
    first = topics.measure(units, d).terms
    assert {"free", "trade", "traders", "and"} <= set(d.index.memo)  # remembered for the next call
    # Past the bound, new words are resolved for the call only, and the results do not change.
    monkeypatch.setattr(terms, "MEMO_LIMIT", len(d.index.memo))
    again = topics.measure(units + [hand_tokens("Tradeoffs, free trade.")], d).terms
    pd.testing.assert_frame_equal(again[again["unit"] < 2].reset_index(drop=True), first)
    assert "tradeoffs" not in d.index.memo
    assert again[again["unit"] == 2]["entry"].tolist() == ["trade*", "free trade"]


def test_a_phrase_whose_second_word_is_a_possessive_or_a_wildcard() -> None:
    d = yaml_dictionary("topics: {p: {terms: [soft power, the west*, nato summit]}}")
    words = "Soft power’s reach , the Western view , NATO’s summit".split()
    found = [(m.entry, m.token_start) for m in match(words, d)]
    assert found == [("soft power", 0), ("the west*", 4), ("nato summit", 8)]

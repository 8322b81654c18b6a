"""Tests of analysis.document.actors: the loader, what counts as a mention, the aggregates, unlisted names.

Summary numbers are checked by hand on a small constructed interview: sentence compounds come
straight from the VADER analyzer on each sentence's text, and the aggregates are recomputed here
with :mod:`statistics`.
"""

from __future__ import annotations

import functools
import hashlib
import statistics
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.document import actors
from analysis.errors import DiscourseError
from analysis.pipeline import run
from analysis.sentence import sentiment
from analysis.transcripts import DEFAULT_DOCUMENT, load, parse_text

POSITIVE, NEGATIVE = 0.05, -0.05  # VADER's cut-offs (vaderSentiment README), restated


@functools.cache
def default_list() -> actors.ActorList:
    return actors.load_actors()


@functools.cache
def default_analysis() -> run.Analysis:
    return run.analyze(load(DEFAULT_DOCUMENT))


@functools.cache
def default_mentions() -> pd.DataFrame:
    return actors.mentions(default_analysis(), default_list())


def analyse(answer: str, question: str = "What do you think?") -> run.Analysis:
    return run.analyze(parse_text(f"Q: {question}\n\nA: {answer}\n"))


def answer_hits(answer: str) -> list[tuple[str, str]]:
    m = actors.mentions(analyse(answer), default_list())
    m = m[m["role"] == "answer"]
    return list(zip(m["actor"], m["text"]))


# --------------------------------------------------------------------------------------------------
# What counts as a mention


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        # near misses of Russia
        ("Russophobia is everywhere.", []),
        ("There is Russophobia of the elites.", []),
        ("Russia is big.", [("russia", "Russia")]),
        ("It was shoved in Russia's face.", [("russia", "Russia's")]),
        ("Russia’s image matters.", [("russia", "Russia’s")]),
        ("The Russian Federation and Russians.", [("russia", "Russian Federation"), ("russia", "Russians")]),
        ("An anti-Russian campaign.", [("russia", "anti-Russian")]),
        # the pronoun "us" is not the United States; the written forms are
        ("Let us talk about it.", []),
        ("Tell US about it.", [("united_states", "US")]),  # written capitals count (a known limit)
        ("The US and the USA.", [("united_states", "US"), ("united_states", "USA")]),
        ("He went to the U.S. last year.", [("united_states", "U.S")]),
        ("A US-led coalition.", [("united_states", "US")]),
        # a phrase counts once, and "States" alone is nothing
        ("The United States is far.", [("united_states", "United States")]),
        ("The United States of America.", [("united_states", "United States of America")]),
        ("Several states disagree.", []),
        ("The Baltic States and the United States.",
         [("baltic_states", "Baltic States"), ("united_states", "United States")]),
        ("As Americans would say.", [("united_states", "Americans")]),
        # the longer match of another actor wins
        ("Latin America is not America.", [("latin_america", "Latin America"), ("united_states", "America")]),
        ("The European Union is not Europe.", [("european_union", "European Union"), ("europe", "Europe")]),
        ("North Korea and Korea.", [("north_korea", "North Korea"), ("south_korea", "Korea")]),
        ("South Africa is in Africa.", [("south_africa", "South Africa"), ("africa", "Africa")]),
        ("The West Bank is not the West.", [("palestine", "West Bank"), ("the_west", "the West")]),
        # words that are names only when written so
        ("We ate turkey in Turkey.", [("turkey", "Turkey")]),
        ("Polish workers polish shoes.", [("poland", "Polish")]),
        ("You may go in May.", []),
        ("Theresa May and Mrs. May.", [("theresa_may", "Theresa May"), ("theresa_may", "Mrs. May")]),
        ("Trump's trump card.", [("trump", "Trump")]),
        ("The un-American UN.", [("united_states", "un-American"), ("united_nations", "UN")]),
        # side by side, both count; capitals are not their countries
        ("Foreign Minister Lavrov said so.", [("foreign_ministry", "Foreign Minister"), ("lavrov", "Lavrov")]),
        ("Moscow and Washington talked.", []),
        ("The Kremlin said no.", [("kremlin", "Kremlin")]),
        ("Mr. Skripal and his daughter.", [("skripal", "Skripal")]),
        ("Britain's reaction was British.", [("united_kingdom", "Britain's"), ("united_kingdom", "British")]),
    ],
)
def test_mentions_hits_and_near_misses(answer: str, expected: list[tuple[str, str]]) -> None:
    assert answer_hits(answer) == expected


@pytest.mark.parametrize(
    "word", ["us", "may", "turkey", "polish", "states", "state", "west", "western", "union", "house",
             "republic", "president", "trump", "un", "who", "china", "russophobia", "russified", "moscow"],
)
def test_common_words_in_lower_case_name_nobody(word: str) -> None:
    # "china" (porcelain) is the one accepted exception: China is common enough and the porcelain rare
    hits = answer_hits(f"They said {word} twice.")
    assert hits == ([("china", "china")] if word == "china" else [])


def test_mention_columns_and_spans_on_the_default_interview() -> None:
    a, m = default_analysis(), default_mentions()
    assert list(m.columns) == actors.MENTION_COLUMNS
    units = {(p, "question"): q for p, q in zip(a.answers["pair"], a.answers["question"])}
    units |= {(p, "answer"): t for p, t in zip(a.answers["pair"], a.answers["answer"])}
    for row in m.itertuples(index=False):
        assert units[(row.pair, row.role)][row.start : row.end] == row.text
    # each mention lies inside its sentence
    spans = a.sentences.set_index(["pair", "role", "sentence"])[["start", "end"]]
    for row in m.itertuples(index=False):
        s_start, s_end = spans.loc[(row.pair, row.role, row.sentence)]
        assert s_start <= row.start < row.end <= s_end
    assert set(m["kind"]) <= set(actors.KINDS)
    assert set(m["match"]) <= {"exact", "wildcard", "phrase", "written"}


def test_mentions_refuses_an_analysis_whose_spans_do_not_match_the_text() -> None:
    a = analyse("Russia is big. Britain is small.")
    broken = a.sentences.copy()
    broken.loc[broken.index[-1], "start"] += 1
    tampered = run.Analysis(a.answers, broken, a.tokens, a.contributions, a.terms, a.settings)
    with pytest.raises(ValueError, match="not the text"):
        actors.mentions(tampered, default_list())


def test_mentions_works_on_a_summary_analysis() -> None:
    doc = parse_text("Q: And Russia?\n\nA: Russia is big.\n")
    full = actors.mentions(run.analyze(doc), default_list())
    light = actors.mentions(run.analyze(doc, detail="summary"), default_list())
    pd.testing.assert_frame_equal(full, light)


WORDS = ["Russia", "Russia's", "Russophobia", "us", "US", "United", "States", "Latin", "America", "the",
         "West", "Bank", "European", "Union", "Europe", "North", "Korea", "and", ",", ".", "May", "Theresa"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=25))
def test_mentions_invariants(words: list[str]) -> None:
    answer = "Well " + " ".join(words) + "."
    a = analyse(answer)
    m = actors.mentions(a, default_list())
    m = m[m["role"] == "answer"]
    for row in m.itertuples(index=False):
        assert answer[row.start : row.end] == row.text
    # no match of one actor lies inside a longer match of another
    spans = list(zip(m["start"], m["end"], m["actor"]))
    for s, e, actor in spans:
        assert not any(o != actor and os <= s and e <= oe and oe - os > e - s for os, oe, o in spans)
    # "us" never counts, "Russophobia" never counts
    assert "us" not in set(m["text"]) and "Russophobia" not in set(m["text"])


# --------------------------------------------------------------------------------------------------
# Aggregates, by hand on a small interview

SMALL = """\
Q: What about Russia and the US?

A: Russia is a wonderful and generous friend. Russia and Russia again, said the Russians. Britain is terrible and cruel.

Q: And the United States?

A: Let us talk about the United States. The Russians hate this awful war.
"""


@functools.cache
def small() -> tuple[run.Analysis, pd.DataFrame]:
    a = run.analyze(parse_text(SMALL))
    return a, actors.mentions(a, default_list())


def vader(sentence: str) -> float:
    return sentiment.load_analyzer().polarity_scores(sentence)["compound"]


def test_small_mentions() -> None:
    _, m = small()
    got = list(zip(m["pair"], m["role"], m["sentence"], m["actor"], m["text"]))
    assert got == [
        (1, "question", 1, "russia", "Russia"),
        (1, "question", 1, "united_states", "US"),
        (1, "answer", 1, "russia", "Russia"),
        (1, "answer", 2, "russia", "Russia"),
        (1, "answer", 2, "russia", "Russia"),
        (1, "answer", 2, "russia", "Russians"),
        (1, "answer", 3, "united_kingdom", "Britain"),
        (2, "question", 1, "united_states", "United States"),
        (2, "answer", 1, "united_states", "United States"),
        (2, "answer", 2, "russia", "Russians"),
    ]


def test_small_summary_by_hand() -> None:
    a, m = small()
    s = actors.summary(a, m)
    assert list(s.columns) == actors.SUMMARY_COLUMNS
    assert list(s["actor"]) == ["russia", "united_kingdom", "united_states"]
    russia_sentences = [
        "Russia is a wonderful and generous friend.",
        "Russia and Russia again, said the Russians.",
        "The Russians hate this awful war.",
    ]
    compounds = [vader(t) for t in russia_sentences]
    assert compounds[0] > POSITIVE and compounds[2] < NEGATIVE  # the example is what it means to be
    r = s.iloc[0]
    assert (r["label"], r["kind"]) == ("Russia", "country")
    assert (r["mentions"], r["answers"], r["sentences"], r["question_mentions"]) == (5, 2, 3, 1)
    assert r["sentiment"] == pytest.approx(statistics.fmean(compounds))
    assert r["sentiment_min"] == pytest.approx(min(compounds))
    assert r["sentiment_max"] == pytest.approx(max(compounds))
    assert r["share_negative"] == pytest.approx(sum(c <= NEGATIVE for c in compounds) / 3)
    assert r["share_positive"] == pytest.approx(sum(c >= POSITIVE for c in compounds) / 3)
    uk = s.iloc[1]
    britain = vader("Britain is terrible and cruel.")
    assert (uk["mentions"], uk["answers"], uk["sentences"], uk["question_mentions"]) == (1, 1, 1, 0)
    assert uk["sentiment"] == pytest.approx(britain) and uk["share_negative"] == 1.0
    us = s.iloc[2]
    assert (us["mentions"], us["answers"], us["sentences"], us["question_mentions"]) == (1, 1, 1, 2)
    assert us["sentiment"] == pytest.approx(vader("Let us talk about the United States."))


def test_small_summary_agrees_with_the_sentence_frame() -> None:
    a, m = small()
    s = actors.summary(a, m).set_index("actor")
    answers = a.sentences[a.sentences["role"] == "answer"].set_index(["pair", "sentence"])["sentiment"]
    assert s.loc["russia", "sentiment"] == pytest.approx(
        statistics.fmean([answers[(1, 1)], answers[(1, 2)], answers[(2, 2)]])
    )


def test_small_by_answer() -> None:
    _, m = small()
    b = actors.by_answer(m)
    assert list(b.columns) == actors.BY_ANSWER_COLUMNS
    assert b.values.tolist() == [[1, "russia", 4], [1, "united_kingdom", 1], [2, "russia", 1], [2, "united_states", 1]]
    assert b["mentions"].sum() == (m["role"] == "answer").sum()


@pytest.mark.parametrize(
    ("actor", "role", "expected"),
    [
        ("russia", "answer", [(1, "answer", 1, 1), (1, "answer", 2, 3), (2, "answer", 2, 1)]),
        ("russia", "question", [(1, "question", 1, 1)]),
        ("united_states", "both", [(1, "question", 1, 1), (2, "question", 1, 1), (2, "answer", 1, 1)]),
        ("nato", "answer", []),
        ("no_such_actor", "both", []),
    ],
)
def test_small_sentences_for(actor: str, role: str, expected: list[tuple]) -> None:
    a, m = small()
    f = actors.sentences_for(a, m, actor, role=role)
    assert list(f.columns) == actors.SENTENCES_FOR_COLUMNS
    assert list(zip(f["pair"], f["role"], f["sentence"], f["mentions"])) == expected
    merged = f.merge(a.sentences, on=["pair", "role", "sentence"], suffixes=("", "_s"))
    assert (merged["text"] == merged["text_s"]).all() and (merged["sentiment"] == merged["sentiment_s"]).all()


def test_no_mentions_gives_empty_frames_with_the_columns() -> None:
    a = analyse("Nothing here at all.", question="Why?")
    m = actors.mentions(a, default_list())
    assert m.empty and list(m.columns) == actors.MENTION_COLUMNS
    s = actors.summary(a, m)
    assert s.empty and list(s.columns) == actors.SUMMARY_COLUMNS
    assert actors.by_answer(m).empty
    assert actors.sentences_for(a, m, "russia").empty


def test_summary_counts_answers_only() -> None:
    a = analyse("Nothing here.", question="What about Russia?")
    m = actors.mentions(a, default_list())
    assert len(m) == 1 and actors.summary(a, m).empty


# --------------------------------------------------------------------------------------------------
# The default interview


def test_default_interview_russia_is_most_mentioned() -> None:
    s = actors.summary(default_analysis(), default_mentions())
    assert s.iloc[0]["actor"] == "russia"
    assert s.iloc[0]["mentions"] > 2 * s.iloc[1]["mentions"]
    assert s["mentions"].is_monotonic_decreasing
    assert s["mentions"].sum() == (default_mentions()["role"] == "answer").sum()
    assert ((s["sentiment"] >= -1) & (s["sentiment"] <= 1)).all()
    assert (s["sentiment_min"] <= s["sentiment"]).all() and (s["sentiment"] <= s["sentiment_max"]).all()


def test_default_interview_skripal_and_britain_in_pair_6() -> None:
    b = actors.by_answer(default_mentions())
    pair6 = set(b.loc[b["pair"] == 6, "actor"])
    assert {"skripal", "united_kingdom", "russia", "boris_johnson", "theresa_may", "lavrov"} <= pair6
    assert "skripal" not in set(b.loc[b["pair"] != 6, "actor"])
    q = default_mentions()
    q = q[(q["pair"] == 6) & (q["role"] == "question")]
    assert list(q["text"]) == ["Britain's", "Skripal", "Britain", "Russia"]


def test_default_interview_russophobia_is_not_russia() -> None:
    m = default_mentions()
    assert not m["text"].str.contains("Russophob").any()


def test_default_interview_unlisted_names() -> None:
    u = actors.unlisted_names(default_analysis(), default_list())
    assert list(u.columns) == actors.UNLISTED_COLUMNS
    names = set(u["name"])
    # real names in the interview that the list does not hold
    assert {"Harvard", "Novichok", "Philip Morris", "Coca-Cola", "Rossotrudnichestvo"} <= names
    # sentence-initial common words and fillers are not names
    assert not names & {"Usually", "Frankly", "First", "Let", "Let's", "Then", "I", "I'm", "Mr", "May", "The"}
    # nothing the list matches
    assert not names & {"Russia", "Russian", "Britain", "Skripal", "Joseph Nye", "Middle East", "NATO"}
    row = u.set_index("name").loc["Novichok"]
    assert (row["count"], row["pairs"], row["roles"]) == (2, "6", "answer, question")
    assert u.set_index("name").loc["Rossotrudnichestvo", "roles"] == "question"
    assert u["count"].is_monotonic_decreasing


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("Usually, nobody asks.", []),
        ("Harvard is old. I studied at Harvard.", ["Harvard"]),  # capitalised elsewhere: kept at the start too
        ("Then Harvard called.", ["Harvard"]),  # the sentence-initial "Then" is dropped from the run
        ("He met Philip Morris and the Bank of England.", ["Bank of England", "Philip Morris"]),
        ("He met President Putin.", []),  # Putin listed, "President" a title
        ("He met Mr. Smith in May.", ["Smith"]),
        ("The October Revolution was long ago.", ["October Revolution"]),
        ("Harvard's dean and Harvard.", ["Harvard"]),  # the possessive goes
        ("I think I'm right.", []),
    ],
)
def test_unlisted_names_rules(answer: str, expected: list[str]) -> None:
    u = actors.unlisted_names(analyse(answer, question="Why?"), default_list(), role="answer")
    assert sorted(u["name"]) == expected


def test_unlisted_names_options() -> None:
    a = default_analysis()
    assert (actors.unlisted_names(a, default_list(), min_count=2)["count"] >= 2).all()
    questions = actors.unlisted_names(a, default_list(), role="question")
    assert set(questions["roles"]) == {"question"} and "Rossotrudnichestvo" in set(questions["name"])
    answers = actors.unlisted_names(a, default_list(), role="answer")
    assert "Rossotrudnichestvo" not in set(answers["name"]) and "Harvard" in set(answers["name"])


# --------------------------------------------------------------------------------------------------
# The shipped list


def test_default_list_shape() -> None:
    lst = default_list()
    assert 40 <= len(lst) <= 80
    assert lst.sha256 == hashlib.sha256(actors.default_actors_path().read_bytes()).hexdigest()
    assert lst.index.slugs == lst.slugs
    assert {a.kind for a in lst.actors} == set(actors.KINDS)
    for slug in ("russia", "united_states", "united_kingdom", "nato", "european_union", "putin", "skripal",
                 "joseph_nye", "zelensky", "baltic_states", "middle_east", "kremlin", "white_house"):
        assert slug in lst.slugs


def test_default_list_names_are_exact_words() -> None:
    for a in default_list().actors:
        assert not any("*" in t for t in a.terms), a.slug


def test_every_term_and_written_form_finds_its_actor_and_no_other() -> None:
    # One interview, one answer per actor, one paragraph (so one sentence) per term or written form.
    lst = default_list()
    forms = [[*a.terms, *a.written] for a in lst.actors]
    text = "".join(
        f"Q: And {a.slug}?\n\nA: " + "\n\n".join(f"They spoke of {form} today." for form in fs) + "\n\n"
        for a, fs in zip(lst.actors, forms)
    )
    m = actors.mentions(run.analyze(parse_text(text)), lst)
    m = m[m["role"] == "answer"]
    found = m.groupby(["pair", "sentence"])["actor"].agg(list).to_dict()
    for pair, (a, fs) in enumerate(zip(lst.actors, forms), start=1):
        for sentence, form in enumerate(fs, start=1):
            assert found.get((pair, sentence)) == [a.slug], (a.slug, form)


# --------------------------------------------------------------------------------------------------
# Loader errors

VALID = """\
name: Test
actors:
  russia:
    label: Russia
    kind: country
    terms: [russia]
"""


def parse(text: str) -> actors.ActorList:
    return actors.parse_actors(text.encode("utf-8"), source="test.yaml")


def test_parse_valid() -> None:
    lst = parse(VALID + "    written: [RU]\n")
    assert lst.name == "Test" and lst.slugs == ("russia",)
    assert lst.actor("russia").written == ("RU",)
    assert lst.sha256 == hashlib.sha256((VALID + "    written: [RU]\n").encode()).hexdigest()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (VALID + "extra: 1\n", r"line 7: unknown key 'extra'"),
        (VALID + "    term: [x]\n", r"line 7: actor 'russia': unknown key 'term'"),
        (VALID.replace("kind: country", "kind: nation"), r"line 5: actor 'russia': kind 'nation' is not one of"),
        (VALID.replace("    kind: country\n", ""), r"line 3: actor 'russia' has no 'kind'"),
        (VALID.replace("terms: [russia]", "terms: []"), r"line 6: actor 'russia': 'terms' must be a non-empty list"),
        (VALID.replace("    terms: [russia]\n", ""), r"line 3: actor 'russia' has no 'terms'"),
        (VALID.replace("terms: [russia]", "terms: [ru*ssia]"), r"line 6: .*'\*' may only end a word"),
        (VALID.replace("terms: [russia]", "terms: [russia, '']"), r"line 6: .*non-empty string"),
        (VALID.replace("  russia:", "  Russia:"), r"line 3: actor 'Russia': a slug must be"),
        (VALID + "    written: ['-RU']\n", r"line 7: .*written form '-RU' must start"),
        (VALID + "    written: RU\n", r"line 7: .*'written' must be a list"),
        (VALID + "  rus:\n    kind: country\n    terms: [rus]\n    written: [RU]\n", None),
        ("actors: []\n", r"line 1: 'actors' must be a mapping"),
        ("actors: {}\n", r"line 1: 'actors' is empty"),
        ("name: x\n", r"line 1: no 'actors' mapping"),
        ("# only a comment\n", r"empty"),
        ("", r"empty"),
        ("actors: [\n", r"not valid YAML"),
        (VALID + "  russia:\n    kind: country\n    terms: [x]\n", r"line 7: 'actors': 'russia' is repeated"),
    ],
)
def test_loader_errors(text: str, message: str | None) -> None:
    if message is None:  # a control: a second actor is fine
        assert len(parse(text)) == 2
        return
    with pytest.raises(DiscourseError, match=message) as info:
        parse(text)
    assert str(info.value).startswith("test.yaml")


def test_loader_refuses_a_written_form_shared_by_two_actors() -> None:
    text = VALID + "    written: [RU]\n  rus:\n    kind: country\n    terms: [rus]\n    written: [RU]\n"
    message = r"line 8: actor 'rus': the written form 'RU' is also .*'russia' \(line 3\)"
    with pytest.raises(DiscourseError, match=message):
        parse(text)


def test_loader_file_errors(tmp_path: Path) -> None:
    with pytest.raises(DiscourseError, match="cannot read"):
        actors.load_actors(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(VALID.encode() + b"# \xff\n")
    with pytest.raises(DiscourseError, match=r"bad.yaml, line 7: the file is not UTF-8"):
        actors.load_actors(bad)
    good = tmp_path / "good.yaml"
    good.write_text(VALID, encoding="utf-8")
    assert actors.load_actors(good).path == good


def test_sentence_mentions_skip_nothing_that_mentions_finds():
    # the pre-filter (no term's first word, no written form: not tokenised) must not lose a mention
    from analysis.pipeline.run import analyze
    from analysis.transcripts import DEFAULT_DOCUMENT, load

    a = analyze(load(DEFAULT_DOCUMENT))
    found = actors.mentions(a)
    texts = a.sentences["text"].tolist()
    hits = actors.sentence_mentions(texts + ["anti-Russian US-led talks", "Nobody at all."])
    keys = a.sentences[["pair", "role", "sentence"]].itertuples(index=False)
    flat = [(k.pair, k.role, k.sentence, h[2]) for k, hs in zip(keys, hits) for h in hs]
    assert flat == [tuple(r) for r in found[["pair", "role", "sentence", "actor"]].itertuples(index=False)]
    assert [h[2] for h in hits[-2]] == ["russia", "united_states"] and hits[-1] == []

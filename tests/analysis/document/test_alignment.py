"""Tests of analysis.document.alignment: TF-IDF cosine of question and answer, and premise challenges.

Expected values are worked out from the definitions (scikit-learn's smoothed IDF
``ln((1 + n) / (1 + df)) + 1``, sublinear TF ``1 + ln(tf)``, L2 norm) or read off the texts, never
copied from the module's output.
"""

from __future__ import annotations

import math
import subprocess
import sys

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.datafiles import stopwords
from analysis.document import alignment
from analysis.document.alignment import PremisePattern, load_premise_patterns, measure, premise_challenges, terms
from analysis.errors import DiscourseError
from analysis.pipeline.run import analyze
from analysis.transcripts import DEFAULT_DOCUMENT, load
from analysis.transcripts.model import Answer, Document, Pair


def document(*pairs: tuple[str | None, str], opening: str | None = None) -> Document:
    """A document of question-answer pairs (an empty answer string: no answer turn)."""
    built = []
    if opening is not None:
        built.append(Pair(1, "opening", None, None, (), (Answer("Host", 1, opening),)))
    for question, answer in pairs:
        n = len(built) + 1
        answers = (Answer("Guest", 2 * n, answer),) if answer else ()
        built.append(Pair(n, "qa", question, "Host", (2 * n - 1,), answers))
    return Document(None, None, None, None, "test", (), (), tuple(built))


def run(*pairs: tuple[str | None, str], opening: str | None = None) -> alignment.Alignment:
    return measure(analyze(document(*pairs, opening=opening), detail="summary"))


# sklearn's smoothed IDF for a term in df of n units
def idf(df: int, n: int) -> float:
    return math.log((1 + n) / (1 + df)) + 1


# --- terms ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("sanctions", "sanction"),
        ("companies", "company"),
        ("imposed", "imposing"),
        ("Russia's", "Russia"),
        ("Sanctions", "SANCTIONS"),
        ("image’s", "images"),  # typographic apostrophe, possessive and plural
    ],
)
def test_stemming_joins_inflections(a: str, b: str) -> None:
    assert terms(a) == terms(b)
    assert len(terms(a)) == 1


@pytest.mark.parametrize(
    "body",
    [
        "What is it about?",
        "It is what it is, and that is all there is.",
        "We don't, they can't, I'd... you're? No!",  # contractions and stop words
        "?! -- ...",
        "",
    ],
)
def test_function_words_give_no_terms(body: str) -> None:
    assert terms(body) == []


def test_terms_skip_the_project_stop_words() -> None:
    stop = stopwords()
    words = ["between", "through", "whether", "sanctions"]
    assert [w in stop for w in words] == [True, True, True, False]
    assert terms(" ".join(words)) == terms("sanctions")


# --- whole answers -------------------------------------------------------------------------------

ON_OFF = [
    (
        "What should be done about climate change and rising emissions?",
        "Climate change demands that emissions fall quickly; rising seas show it.",
        "Our football team won the cup after a long season of training.",
    ),
    (
        "How do sanctions affect Russian companies?",
        "Sanctions hurt companies that trade abroad, and Russian firms lose markets.",
        "The ballet performance in the capital was beautiful and the artists were warm.",
    ),
    (
        "Is soft power about the power of example?",
        "Soft power is the power of example: people imitate a country that works.",
        "Pipelines carry gas to Europe, and prices went up last winter.",
    ),
]


@pytest.mark.parametrize(("question", "on_topic", "off_topic"), ON_OFF)
def test_on_topic_answer_scores_above_off_topic(question: str, on_topic: str, off_topic: str) -> None:
    # The same question asked twice in one document, so both answers meet the same IDF weights.
    result = run((question, on_topic), (question, off_topic)).answers
    on, off = result["alignment"]
    assert on > off
    assert off == 0.0  # the off-topic answers share no content word with their question
    assert result.loc[1, "shared_terms"] == ""
    # The "other" question is the same text, so the baseline is the answer's own alignment.
    assert result["alignment_others"].tolist() == pytest.approx([on, off])


def test_hand_computed_cosine_with_stemming() -> None:
    # Units: Q = [sanction], A = [sanction, hurt]; n = 2. idf(sanction) = idf(2, 2) = 1,
    # idf(hurt) = idf(1, 2) = ln(3/2) + 1. Q = (1, 0); A = (1, w) / |(1, w)|; cosine = 1 / sqrt(1 + w^2).
    w = idf(1, 2)
    row = run(("Sanctions?", "The sanction hurt.")).answers.iloc[0]
    assert row["alignment"] == pytest.approx(1 / math.sqrt(1 + w * w), rel=1e-9)
    assert row["shared_terms"] == "sanctions"  # spelt as the question spells it
    assert (row["n_question_terms"], row["n_answer_terms"]) == (1, 2)


def test_sublinear_term_frequency() -> None:
    # "sanction" three times in the answer: tf weight 1 + ln 3, not 3.
    w = idf(1, 2)
    tf = 1 + math.log(3)
    row = run(("Sanctions?", "The sanction, the sanction, the sanction hurt.")).answers.iloc[0]
    assert row["alignment"] == pytest.approx(tf / math.sqrt(tf * tf + w * w), rel=1e-9)


def test_without_stemming_there_would_be_nothing_shared() -> None:
    # The surface words differ in every position; only the stems agree.
    row = run(("Were sanctions imposed on companies?", "A sanction was imposing on a company.")).answers.iloc[0]
    assert row["alignment"] == pytest.approx(1.0)  # same three stems, each once, in both units
    assert row["shared_terms"].split(", ") == sorted(["sanctions", "imposed", "companies"])  # equal weights: a-z


@pytest.mark.parametrize(
    ("question", "answer", "n_question_terms", "n_answer_terms"),
    [
        ("What is it about?", "It is what it is, and that is all there is.", 0, 0),  # no vocabulary at all
        ("What is it about?", "Sanctions hurt Russian companies.", 0, 4),
        ("How do sanctions affect Russian companies?", "Yes, it is, and that is all.", 4, 0),
    ],
)
def test_no_content_words_give_zero_not_nan(
    question: str, answer: str, n_question_terms: int, n_answer_terms: int
) -> None:
    row = run((question, answer)).answers.iloc[0]
    assert row["alignment"] == 0.0
    assert row["shared_terms"] == ""
    assert (row["n_question_terms"], row["n_answer_terms"]) == (n_question_terms, n_answer_terms)


def test_one_pair_has_no_baseline() -> None:
    result = run(("How do sanctions affect Russian companies?", "Sanctions hurt companies."))
    assert len(result.answers) == 1
    assert math.isnan(result.answers.loc[0, "alignment_others"])
    assert result.answers.loc[0, "alignment"] > 0


def test_baseline_is_the_mean_over_the_other_questions() -> None:
    # Answer 1 uses only "sanction"; question 2 shares it, question 3 shares nothing.
    qs = ["Sanctions?", "Sanctions and tariffs?", "Ballet?"]
    result = run((qs[0], "Sanctions."), (qs[1], "Tariffs."), (qs[2], "Ballet."))
    # Units (6): sanction in Q1, A1, Q2 (df 3); tariff in Q2, A2 (df 2); ballet in Q3, A3 (df 2).
    s, t = idf(3, 6), idf(2, 6)
    cos_a1_q2 = s / math.sqrt(s * s + t * t)
    row = result.answers.iloc[0]
    assert row["alignment"] == pytest.approx(1.0)
    assert row["alignment_others"] == pytest.approx((cos_a1_q2 + 0.0) / 2, rel=1e-9)


def test_unmeasured_pairs_keep_their_rows_with_nan() -> None:
    result = run(
        ("Sanctions?", ""),  # no answer turn
        ("Sanctions?", "   "),  # a blank answer
        ("Sanctions?", "The sanction hurt."),
        opening="Good morning. I reject the premise of every briefing.",
    )
    a = result.answers
    assert a["pair"].tolist() == [1, 2, 3, 4]
    assert a["alignment"].isna().tolist() == [True, True, True, False]
    assert a["alignment_others"].isna().tolist() == [True, True, True, False]
    assert a["shared_terms"].tolist()[:3] == ["", "", ""]
    # The opening answers no question: its "reject the premise" is not a premise challenge.
    assert not a["premise_challenge"].any()
    assert result.premises.empty
    s = result.sentences
    assert s[s["pair"] == 1]["alignment"].isna().all()  # the opening's sentences keep their rows
    assert s[s["pair"] == 4]["alignment"].notna().all()


def test_empty_document() -> None:
    result = run()
    assert [len(f) for f in result] == [0, 0, 0]
    assert list(result.answers.columns) == alignment.ANSWER_COLUMNS


def test_columns_and_types() -> None:
    result = run(("How do sanctions affect Russian companies?", "I reject the premise. Sanctions hurt companies."))
    assert list(result.answers.columns) == alignment.ANSWER_COLUMNS == [
        "document", "pair", "alignment", "alignment_others", "shared_terms", "premise_challenge",
        "n_question_terms", "n_answer_terms",
    ]
    assert list(result.sentences.columns) == ["document", "pair", "sentence", "alignment", "shared_terms"]
    assert list(result.premises.columns) == ["document", "pair", "sentence", "start", "end", "text", "pattern"]
    assert result.answers["premise_challenge"].dtype == bool
    assert result.answers.loc[0, "premise_challenge"]
    assert result.premises[["pair", "sentence", "start", "end"]].to_numpy().tolist() == [[1, 1, 2, 20]]


def test_inputs_are_not_mutated() -> None:
    a = analyze(document(("Sanctions?", "The sanction hurt.")), detail="summary")
    before = (a.answers.copy(), a.sentences.copy())
    measure(a)
    pd.testing.assert_frame_equal(a.answers, before[0])
    pd.testing.assert_frame_equal(a.sentences, before[1])


# --- sentences -----------------------------------------------------------------------------------


def test_on_topic_sentence_of_a_mixed_answer_scores_above_the_off_topic_one() -> None:
    question = "How do sanctions affect Russian companies?"
    answer = "The weather in Moscow was lovely yesterday. Sanctions hurt Russian companies badly."
    a = analyze(document((question, answer)), detail="summary")
    s = measure(a).sentences
    assert s["sentence"].tolist() == [1, 2]
    off, on = s["alignment"]
    assert off == 0.0 and on > 0.0
    assert s.loc[1, "shared_terms"].split(", ") == sorted(["sanctions", "russian", "companies"])
    # The whole answer holds the on-topic sentence plus unrelated words: it scores below that sentence.
    assert 0 < measure(a).answers.loc[0, "alignment"] < on


# --- premise challenges --------------------------------------------------------------------------

HITS = [
    (
        "First of all, I have a problem with the premise of the question.",
        "I have a problem with the premise of the question",
    ),
    ("I reject the premise of your question.", "reject the premise"),
    ("Well, I don’t accept the premise.", "don’t accept the premise"),
    ("I take issue with your framing here.", "I take issue with your framing"),
    ("That's not the right question to ask.", "That's not the right question"),
    ("Honestly, I wouldn't put it that way.", "I wouldn't put it that way"),
    ("That's not how I would put it.", "not how I would put it"),
    ("That is a false choice between war and peace.", "false choice"),
    ("Let me correct you on one point.", "Let me correct"),
    ("With all due respect, you have the numbers wrong.", "With all due respect"),
    ("The question assumes that Russia wants conflict.", "The question assumes"),
    ("You're assuming the sanctions worked.", "You're assuming"),
    ("That’s not true.", "That’s not true"),
    ("THAT IS NOT TRUE!", "THAT IS NOT TRUE"),
    ("This is simply untrue.", "This is simply untrue"),
    ("That's a myth spread by the press.", "That's a myth"),
    ("That's a loaded question.", "loaded question"),
    ("It is rather the opposite, especially in Asia.", "rather the opposite"),
    ("The premise of your question is wrong.", "The premise of your question is wrong"),
]

NEAR_MISSES = [
    "The October Revolution was built on the premise that injustice can be reduced.",  # bare "premise"
    "That is true only to a degree.",
    "It is not necessarily a question of charity.",
    "Let me explain why this is the case.",
    "Let me go through the background of the whole thing.",
    "But, they did the opposite.",
    "There is nothing wrong with this.",
    "I accept the premise of your question.",  # agreement
    "If that is not true, we would have heard of it.",  # conditional
    "With respect to sanctions, companies must adapt.",
    "The leading question of our time is climate.",
    "That is a good question.",
    "I have a problem with my knee.",
    "This is not their job.",
    "I am not even talking about the Cold War times.",
    "Not big enough of a role.",
]


@pytest.mark.parametrize(("answer", "expected"), HITS)
def test_premise_challenge_hits(answer: str, expected: str) -> None:
    found = premise_challenges(answer)
    assert [m.text for m in found] == [expected]
    m = found[0]
    assert answer[m.start : m.end] == m.text
    assert m.pattern in {p.pattern for p in load_premise_patterns()}


@pytest.mark.parametrize("answer", NEAR_MISSES)
def test_premise_challenge_near_misses(answer: str) -> None:
    assert premise_challenges(answer) == []


def test_overlapping_matches_keep_the_first_then_longest() -> None:
    import re

    patterns = [
        PremisePattern("premise", re.compile("premise", re.I), 1),
        PremisePattern("the premise is false", re.compile("the premise is false", re.I), 2),
        PremisePattern("false", re.compile("false", re.I), 3),
    ]
    found = premise_challenges("Sadly the premise is false. Also false.", patterns)
    assert [(m.text, m.start) for m in found] == [("the premise is false", 6), ("false", 33)]


def test_every_line_of_the_pattern_file_is_a_pattern_or_a_comment() -> None:
    lines = alignment.PREMISE_PATTERNS_FILE.read_text(encoding="utf-8").splitlines()
    expected = [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    assert [p.pattern for p in load_premise_patterns()] == expected
    assert len(expected) >= 15


def test_a_bad_pattern_names_its_line(tmp_path) -> None:
    bad = tmp_path / "patterns.txt"
    bad.write_text("# comment\n\n\\bfine\\b\n(unclosed\n", encoding="utf-8")
    with pytest.raises(DiscourseError, match="line 4"):
        load_premise_patterns(bad)


def test_premise_rows_point_into_the_answer_and_its_sentence() -> None:
    answer = "Sanctions hurt. But that's not true of every firm. I wouldn't put it that way either."
    a = analyze(document(("Do sanctions hurt?", answer)), detail="summary")
    p = measure(a).premises
    assert p["text"].tolist() == ["that's not true", "I wouldn't put it that way"]
    assert p["sentence"].tolist() == [2, 3]
    for start, end, body in p[["start", "end", "text"]].itertuples(index=False):
        assert answer[start:end] == body


# --- the default interview -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def interview():
    a = analyze(load(DEFAULT_DOCUMENT))
    return a, measure(a)


def test_interview_only_the_premise_answer_is_flagged(interview) -> None:
    a, result = interview
    flagged = result.answers.loc[result.answers["premise_challenge"], "pair"].tolist()
    # Read in data/transcripts/: the answer beginning "First of all, I have a problem with the premise
    # of the question" follows the seventh question (reverse the trend of bad relations with Russia).
    assert flagged == [7]
    question = a.answers.set_index("pair").loc[7, "question"]
    assert question.startswith("Do you believe that it is possible to reverse the trend")
    first = result.premises.iloc[0]
    expected = (7, 1, "I have a problem with the premise of the question")
    assert (first["pair"], first["sentence"], first["text"]) == expected
    assert set(result.premises["pair"]) == {7}


def test_interview_values_in_range_and_sentences_match(interview) -> None:
    a, result = interview
    answers = result.answers
    assert answers["pair"].tolist() == a.answers["pair"].tolist() == list(range(1, 10))
    for column in ("alignment", "alignment_others"):
        assert answers[column].between(0, 1).all()  # NaN would fail: all nine are answered questions
    mine = result.sentences
    theirs = a.sentences[a.sentences["role"] == "answer"]
    assert mine[["pair", "sentence"]].to_numpy().tolist() == theirs[["pair", "sentence"]].to_numpy().tolist()
    assert mine["alignment"].between(0, 1).all()
    # Premise spans lie inside the sentence they are attributed to (offsets into the same answer).
    spans = theirs.set_index(["pair", "sentence"])[["start", "end"]]
    for pair, sentence, start, end in result.premises[["pair", "sentence", "start", "end"]].itertuples(index=False):
        s_start, s_end = spans.loc[(pair, sentence)]
        assert s_start <= start < end <= s_end


def test_interview_answers_fit_their_own_questions_better_than_others(interview) -> None:
    _, result = interview
    answers = result.answers.set_index("pair")
    assert answers["alignment"].mean() > answers["alignment_others"].mean()
    # The Skripal answer names Skripal and Novichok, which only that question and answer use.
    shared = answers.loc[6, "shared_terms"].split(", ")
    assert {"skripal", "novichok"} <= set(shared)


# --- properties and import cost ------------------------------------------------------------------

words = st.sampled_from(["sanctions", "sanction", "the", "Russia's", "power", "soft", "it", "is", "why", "ballet"])
# Control characters are left out: frames.analyze itself raises IndexError on a unit that is only
# "\x1c".."\x1f" (str.strip calls them whitespace, so split_sentences gives no sentence, while the
# tokenizer gives a token), before alignment is reached.
texts = st.one_of(
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=80),
    st.lists(words, max_size=12).map(" ".join),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(texts, texts), min_size=1, max_size=3))
def test_values_within_unit_interval(pairs: list[tuple[str, str]]) -> None:
    result = run(*pairs)
    for frame in (result.answers, result.sentences):
        values = frame["alignment"].dropna()
        assert values.between(0, 1).all()
    others = result.answers["alignment_others"].dropna()
    assert others.between(0, 1).all()
    # NaN exactly where the question or the answer is blank
    blank = [not q.strip() or not x.strip() for q, x in pairs]
    assert result.answers["alignment"].isna().tolist() == blank


def test_import_does_not_load_scikit_learn() -> None:
    code = "import sys, analysis.document.alignment; print('sklearn' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

"""Marker families: hits and near misses per family, loading errors, counts and rates in the frames."""

from __future__ import annotations

import pytest

from analysis.errors import DiscourseError
from analysis.pipeline import run
from analysis.sentence import markers
from analysis.transcripts import DEFAULT_DOCUMENT, load, parse_text

MARKERS = markers.load_markers()


def families_in(sentence: str, *, role: str = "answer") -> dict[str, list[str]]:
    found = markers.match_text(sentence, MARKERS, role=role)
    out: dict[str, list[str]] = {}
    for family, written in found[["family", "text"]].itertuples(index=False):
        out.setdefault(family, []).append(written)
    return out


HITS = [
    ("hedges", "Perhaps the talks will resume.", "Perhaps"),
    ("hedges", "I think the sanctions failed.", "I think"),
    ("hedges", "It is sort of a compromise.", "sort of"),
    ("boosters", "Obviously, the plan works.", "Obviously"),
    ("boosters", "Of course nobody was there.", "Of course"),
    ("boosters", "The evidence is irrefutable.", "irrefutable"),
    ("in_group", "We will defend our interests.", "We"),
    ("in_group", "They told us nothing.", "us"),
    ("out_group", "They imposed their rules on them.", "They"),
    ("obligation", "You have to defend yourself.", "have to"),
    ("obligation", "Russia must be more active.", "must"),
    ("negation", "They didn't share any evidence.", "didn't"),
    ("negation", "No one is talking about them.", "No one"),
    ("intensifiers", "It is extremely important.", "extremely"),
    ("rhetorical_questions", "Where are they? They are happy somewhere.", "Where are they?"),
    ("authority", "As our Foreign Minister Lavrov was saying, it was an agent.", "As our Foreign Minister Lavrov was saying"),
    ("authority", "He was actually my dean at Harvard at that time.", "was actually my dean"),
    ("authority", "According to the report, prices rose.", "According to"),
    ("generalisations", "Everybody knows that nobody wins.", "Everybody"),
    ("generalisations", "They always blame us.", "always"),
    ("who_benefits", "First of all, look at who is profiting from this.", "who is profiting"),
    ("who_benefits", "It would be profitable for Britain.", "be profitable for"),
    ("who_benefits", "Cui bono?", "Cui bono"),
    ("dismissal", "It's a made-up story.", "made-up"),
    ("dismissal", "The whole incident is a purposefully fabricated thing.", "fabricated"),
    ("dismissal", "The evidence was just hearsay.", "hearsay"),
    ("deflection", "Russia is no better or worse than the United States.", "no better or worse than"),
    ("deflection", "What about the bombing of Belgrade?", "What about"),
    ("false_dilemma", "You are either with the law or against it.", "either with the law or"),
    ("false_dilemma", "This is the only way forward.", "the only way"),
]


@pytest.mark.parametrize("family, sentence, written", HITS)
def test_family_hits(family: str, sentence: str, written: str) -> None:
    assert written in families_in(sentence).get(family, [])


NEAR_MISSES = [
    ("in_group", "The US and the U.S. Navy."),  # the United States, not the pronoun
    ("hedges", "Theresa May resigned in May."),  # a name and a month, not the modal
    ("hedges", "They talked about the plan."),  # "about" is not on the list
    ("boosters", "The show went on."),
    ("rhetorical_questions", "He asked where they were."),  # reported question, no '?'
    ("authority", "As the sun was setting, we left."),  # "as ... was" without a verb of saying
    ("who_benefits", "Who is coming to dinner?"),
    ("dismissal", "He made up his mind."),  # phrasal verb, not "a made-up story"... see below
    ("deflection", "If you look at what happened after, you will see."),
    ("false_dilemma", "Either way, we go."),  # no "or" in the sentence
    ("generalisations", "Some people came."),
    ("obligation", "I have two cars."),
    ("intensifiers", "So it goes."),
]


@pytest.mark.parametrize("family, sentence", NEAR_MISSES)
def test_family_near_misses(family: str, sentence: str) -> None:
    found = families_in(sentence)
    if family == "dismissal":
        # "made up" is listed as a phrase: a known false positive that the scope states; guard that it
        # is at least reported as the phrase and nothing else of the family.
        assert found.get(family, []) in ([], ["made up"])
        return
    assert family not in found, found


def test_rhetorical_questions_only_in_answers() -> None:
    assert "rhetorical_questions" in families_in("Where are they?", role="answer")
    assert "rhetorical_questions" not in families_in("Where are they?", role="question")


def test_a_stretch_counts_once_per_family() -> None:
    # The phrase "with us or against us" and the pattern "either ... or" overlap: one match.
    found = families_in("Either you are with us or against us.")
    assert len(found["false_dilemma"]) == 1


def test_every_family_states_scope_and_sources() -> None:
    assert len(MARKERS.families) >= 12
    for f in MARKERS.families:
        assert f.label and f.description and f.scope and f.sources, f.slug
    named = {f.technique.split(" (")[0] for f in MARKERS.families if f.technique}
    assert {"Appeal to Authority", "Whataboutism", "Doubt", "Causal Oversimplification", "Black-and-White Fallacy"} <= named


def test_default_interview_frames() -> None:
    a = run.analyze(load(DEFAULT_DOCUMENT))
    row6 = a.answers.set_index("pair").loc[6]
    # Counts agree between the answers frame, the sentences frame and the matches frame.
    for f in MARKERS.families:
        answers_total = int(a.answers[f.count_column].sum())
        sentence_total = int(a.sentences.loc[a.sentences["role"] == "answer", f.count_column].sum())
        match_total = int(((a.markers["family"] == f.slug) & (a.markers["role"] == "answer")).sum())
        assert answers_total == sentence_total == match_total, f.slug
    # Rate = count per 1,000 words of the answer.
    assert row6["marker_dismissal"] == pytest.approx(row6["marker_dismissal_count"] * 1000 / row6["n_words"])
    # Answer 6 (the Skripal answer) has the "who benefits" line and the dismissals.
    m6 = a.markers[(a.markers["pair"] == 6) & (a.markers["role"] == "answer")]
    assert "who is profiting" in set(m6.loc[m6["family"] == "who_benefits", "text"])
    assert {"fabricated", "made-up", "hearsay"} <= set(m6.loc[m6["family"] == "dismissal", "text"])
    # Spans point at the words in the answer text.
    for r in a.markers.itertuples(index=False):
        unit = a.answers.set_index("pair").loc[r.pair, r.role]
        assert unit[r.start : r.end] == r.text
    assert a.settings["markers_sha256"] == MARKERS.sha256


def test_question_markers_are_kept_apart() -> None:
    doc = parse_text("Q: Surely you must agree?\nA: No.\n")
    a = run.analyze(doc)
    q = a.markers[a.markers["role"] == "question"]
    assert {"boosters", "obligation"} <= set(q["family"])
    assert int(a.answers.loc[0, "marker_boosters_count"]) == 0  # the answer's count excludes the question


FAMILY_OK = "label: L\ndescription: D\nscope: S\nsources: [X]\n"


@pytest.mark.parametrize(
    "body, message",
    [
        (FAMILY_OK + "terms: [a]\nterm: [b]\n", "unknown key 'term'"),
        ("label: L\ndescription: D\nscope: S\nterms: [a]\n", "no 'sources'"),
        (FAMILY_OK, "neither terms nor patterns"),
        (FAMILY_OK + "patterns: ['(unclosed']\n", "not a valid regular expression"),
        (FAMILY_OK + "patterns: ['a*']\n", "matches empty text"),
        (FAMILY_OK + "roles: [speaker]\nterms: [a]\n", "role 'speaker'"),
        (FAMILY_OK + "terms: ['*a']\n", "'*' may only end a word"),
    ],
)
def test_family_errors(body: str, message: str) -> None:
    with pytest.raises(DiscourseError, match=message.replace("(", r"\(").replace("*", r"\*")):
        markers.parse_family(body.encode(), source="f.yaml", slug="fam")


def test_load_a_folder_of_one_family(tmp_path) -> None:
    (tmp_path / "plain.yaml").write_text(FAMILY_OK + "terms: [plain]\n")
    m = markers.load_markers(tmp_path)
    assert m.slugs == ("plain",)
    a = run.analyze(parse_text("Q: Why?\nA: Plain words. Plain.\n"), markers=m)
    assert int(a.answers.loc[0, "marker_plain_count"]) == 2
    assert [c for c in a.answers.columns if c.startswith("marker_")] == ["marker_plain", "marker_plain_count"]
    with pytest.raises(DiscourseError):
        markers.load_markers(tmp_path / "missing")


def test_cli_analyze_writes_marker_columns(capsys) -> None:
    from cli import main

    assert main(["analyze", str(DEFAULT_DOCUMENT)]) == 0
    header = capsys.readouterr().out.splitlines()[0].split(",")
    assert {f"marker_{slug}" for slug in MARKERS.slugs} <= set(header)
    assert header.index("marker_hedges") > header.index("topic_economy")


def test_counts_only_and_shared_preparation_give_the_same_counts() -> None:
    from analysis import text
    from analysis.sentence import topics

    body = (
        "We will not, I think, say that they are wrong. Who is profiting? Either we act or they do. "
        "As our minister was saying, the US and us. No doubt, the fact is that we must."
    )
    sentences = text.split_sentences(body)
    tokens = text.tokenize_sentences(body, sentences)
    roles = ["answer"] * len(sentences)
    full = markers.measure(sentences, tokens, roles, markers.load_markers())
    assert full.counts.sum() == len(full.matches) > 10
    for given in (tokens, topics.prepare(tokens)):
        quick = markers.measure(sentences, given, roles, markers.load_markers(), detail="summary")
        assert quick.counts.tolist() == full.counts.tolist()
        assert quick.matches.empty and list(quick.matches.columns) == markers.MATCH_COLUMNS

"""Methods: how each number is computed, and its limits shown on the loaded document."""

from __future__ import annotations

import nltk
import streamlit as st

from analysis import methods
from analysis.sentence import sentiment
from dashboard import data, ui

src, doc, result = ui.current_document()
settings = result.settings
dictionary = data.dictionary()

st.markdown("## How the numbers are made, and where they fail")
st.markdown(
    "Every number on these pages comes from the words of the transcript and can be traced back to them: "
    "hover or click a highlighted word in the Reader to see what it contributed. The measures are **cues "
    "for discussion**. They do not tell whether a speaker is sincere, right or lying."
)

described = methods.by_slug()
numbered = iter(range(1, len(described) + 1))


def describe(slug: str) -> None:
    """One method's description, as analysis.methods writes it (the report's appendix renders the same)."""
    method = described[slug]
    if method.title:
        st.markdown(f"### {next(numbered)}. {method.title}")
    st.markdown(method.text)


describe("pairs")
st.markdown(f"This document: **{len(doc.qa_pairs)}** question–answer pairs, **{len(doc.turns)}** turns, "
            f"**{len(doc.notes)}** notes, format *{doc.format}*.")
if doc.warnings:
    ui.notice(list(doc.warnings))

describe("sentiment")
st.markdown(f"Lexicon: `{settings['sentiment_lexicon']}` ({sentiment.lexicon().n_entries:,} entries, sha256 "
            f"`{settings['sentiment_lexicon_sha256'][:16]}…`); NLTK {nltk.__version__}.")
describe("saturation")
st.markdown("On this document:")
limits = result.diagnostics  # measured once per document, kept with its analysis
sat = limits.saturation
st.dataframe(
    sat.rename(columns={"whole_answer": "VADER on the whole answer", "mean_of_sentences": "mean of sentences"}),
    hide_index=True, column_config={c: st.column_config.NumberColumn(format="%+.2f") for c in ("VADER on the whole answer", "mean of sentences", "gap")},
)
describe("irony")
st.markdown("The sentences of this document with a cue, with the score VADER gives them word by word:")
ui.table_or_note(limits.irony_candidates, "No sentence of this document contains one of the cues.", signed=["sentiment"])
describe("negation")
st.markdown("Negated words in this document:")
ui.table_or_note(limits.negations, "No negated sentiment word in this document.", signed=["valence_lexicon", "valence"])
examples = data.example_scores(
    ("The evidence is good.", "The evidence is not good.", "The evidence is not very good.", "The evidence is good, but the story is made up.")
)
st.markdown("Worked examples (scored now by the same code):")
st.dataframe(examples, hide_index=True, column_config={"sentiment": st.column_config.NumberColumn(format="%+.3f")})

describe("topics")
st.markdown(
    f"Dictionary **{dictionary.name}**, version {dictionary.version} (sha256 `{dictionary.sha256[:16]}…`), file "
    f"`{dictionary.path.name if dictionary.path else 'upload'}`: {len(dictionary.topics)} topics."
)
st.dataframe(
    [{"topic": t.label, "terms": len(t.terms), "scope": t.description} for t in dictionary.topics],
    hide_index=True,
)
cov = result.answers[["pair", "n_words", "coverage"]]
st.dataframe(cov, hide_index=True, column_config={"coverage": st.column_config.ProgressColumn(format="percent", min_value=0, max_value=1)})
st.markdown("The most frequent content words of the answers that no topic covers:")
st.dataframe(limits.uncovered_words, hide_index=True)

describe("markers")
marker_set = data.markers()
st.markdown(f"{len(marker_set.families)} families (sha256 of the set `{marker_set.sha256[:16]}…`):")
counts = result.markers[result.markers["role"] == "answer"].groupby("family").size()
st.dataframe(
    [
        {"family": f.label, "matches here": int(counts.get(f.slug, 0)), "resembles (SemEval-2020 Task 11)": f.technique,
         "entries": len(f.terms) + len(f.patterns), "scope": f.scope, "sources": "; ".join(f.sources)}
        for f in marker_set.families
    ],
    hide_index=True,
)

describe("actors")
actor_set = data.actor_list()
st.markdown(f"{len(actor_set.actors)} actors in the list (sha256 `{actor_set.sha256[:16]}…`).")

describe("alignment")
aligned = data.alignment(src)
ui.table_or_note(
    aligned.answers.drop(columns=["document"]).round(3), "No question-answer pair to compare.",
)
ui.table_or_note(aligned.premises.drop(columns=["document", "pattern"]), "No answer of this document challenges its question's premise.")

describe("comparison")
describe("corpus")
describe("limits")


def _setting(value) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return ", ".join(map(str, value))
    return str(value)


# Data files are named relative to the data folder (analysis.datafiles.recorded), never by a server path.
st.caption(
    "Settings of this analysis:\n"
    + "\n".join(f"- {ui.md_escape(key)}: {ui.md_escape(_setting(value))}" for key, value in settings.items())
)

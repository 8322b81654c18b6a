"""The report's sections on markers, question-answer alignment and actors (pure: no Streamlit).

Each function returns a :class:`render.report.Section` built from the same frames and charts the
dashboard shows; every cell of user text goes through :func:`render.report.table`, which escapes.
"""

from __future__ import annotations

import html

from analysis.document import actors as actors_mod
from analysis.document import alignment as alignment_mod
from analysis.result import Analysis
from analysis.sentence import markers as markers_mod

from . import charts
from .report import Section, table


def markers_section(analysis: Analysis, markers: markers_mod.Markers) -> Section:
    a = analysis.answers
    labels = {f.column: f.label for f in markers.families}
    found = analysis.markers[analysis.markers["role"] == "answer"].groupby("family").size()
    families = [
        {"family": f.label, "matches": int(found.get(f.slug, 0)), "resembles (SemEval-2020 Task 11)": f.technique,
         "scope": f.scope, "question for discussion": f.prompt}
        for f in markers.families
    ]
    import pandas as pd

    intro = (
        "<p>Words and patterns from editable lists (<code>data/markers/</code>), counted per 1,000 words. They are cues "
        "for discussion, not verdicts: a match says that certain words were used, not why. Where a family resembles a "
        "technique of the SemEval-2020 Task 11 propaganda taxonomy, the technique is named; the technique itself needs "
        "context and intent that a word list cannot see. The matches are underlined in the transcript above.</p>"
    )
    return Section(
        "Discourse markers",
        html=intro + table(pd.DataFrame(families)),
        figures=[charts.heatmap(a, labels, what="Discourse markers", scale="Oranges")],
    )


def alignment_section(aligned: alignment_mod.Alignment) -> Section:
    intro = (
        "<p>How much of each question's vocabulary comes back in its answer: TF-IDF cosine over Porter-stemmed content "
        "words, fitted on this document. The grey bar is the answer's mean similarity to the <em>other</em> questions, "
        "a baseline. A bag of words misses synonyms and paraphrase, and a high value does not mean that the question "
        "was answered.</p>"
    )
    answers = aligned.answers.drop(columns=["document"]).round(3)
    premises = aligned.premises[["pair", "sentence", "text"]]
    return Section(
        "Does the answer take up its question?",
        html=intro + table(answers) + "<h3>Challenges to a question's premise</h3>"
        + table(premises, empty="No answer challenges its question's premise."),
        figures=[charts.alignment_bars(aligned.answers)],
    )


def actors_section(analysis: Analysis, listed: actors_mod.ActorList) -> Section:
    found = analysis.actors(listed)  # kept on the analysis: the dashboard's Actors page reads the same
    summary = found.summary
    intro = (
        f"<p>Mentions of the {len(listed.actors)} actors in <code>data/actors/actors.yaml</code> (countries with their "
        "adjectives and demonyms, organisations, people), and the mean VADER compound of the answer sentences that "
        "mention each. That is the tone of the sentence, not necessarily the speaker's attitude to the actor.</p>"
    )
    figures = [charts.actor_dots(summary)] if len(summary) else []
    unlisted = found.unlisted
    return Section(
        "How each actor is talked about",
        html=intro + table(summary.drop(columns=["actor"]), signed=["sentiment", "sentiment_min", "sentiment_max"],
                           empty="No actor from the list is mentioned in the answers.")
        + "<h3>Capitalised names not on the list</h3>"
        + table(unlisted.head(30), empty="None found.") + f"<p class='muted'>{html.escape(listed.name)}, sha256 {listed.sha256}</p>",
        figures=figures,
    )


def standard(analysis: Analysis) -> list[Section]:
    """The three sections every report carries, with the default lists (or those of the analysis)."""
    markers = markers_mod.load_recorded(analysis.settings.get("markers"))
    return [
        markers_section(analysis, markers),
        alignment_section(analysis.alignment),
        actors_section(analysis, actors_mod.load_actors()),
    ]

"""Methods: how each number is computed, and its limits shown on the loaded document."""

from __future__ import annotations

import nltk
import streamlit as st

from analysis import diagnostics, sentiment
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

st.markdown("### 1. From file to question–answer pairs")
st.markdown(
    "The transcript is split into speaker turns; a question turn and every answer turn after it, up to the "
    "next question, form a pair. Statements before the first question form an *opening* segment. Stage "
    "directions, time stamps and footers are kept as notes and left out of the measured text; editorial "
    "brackets such as *[as of the date of the interview]* stay in the text."
)
st.markdown(
    "**Which turns are questions.** A turn of whoever asks (a `Q` reporter, the host, the moderator, the "
    "chair, a justice) is a question when it asks or invites an answer: it has a question mark (a greeting "
    "such as *Can you hear me?* set aside), it prompts (*Tell me about…*, *Walk us through…*, *Governor, "
    "your response.*), or it is cut off mid-sentence. A welcome, thanks, a time call (*That's time.*), the "
    "rules, giving the floor, a hand-off or *Okay.* opens no pair; the answers after it stay with the "
    "question before. Where it fails: a plain statement the guest takes as a question is missed (a `Q` "
    "reporter's or a justice's statement still counts), a host's rhetorical question counts, and what is said "
    "after a turn that only gives the floor (*Mr. Lutz.*) joins the question before it: right when the next "
    "candidate answers the same question, wrong when counsel begins a new argument. Mark a turn on the "
    "Upload page to correct it."
)
st.markdown(f"This document: **{len(doc.qa_pairs)}** question–answer pairs, **{len(doc.turns)}** turns, "
            f"**{len(doc.notes)}** notes, format *{doc.format}*.")
if doc.warnings:
    ui.notice(list(doc.warnings))

st.markdown("### 2. Sentiment: NLTK's VADER, sentence by sentence")
st.markdown(
    f"""
- Each sentence gets VADER's **compound** score in [-1, 1] (Hutto & Gilbert, ICWSM 2014): the valences of
  the lexicon words in it, adjusted for negation, boosters ("very"), "but", ALL CAPS and "!"/"?", summed and
  squashed.
- An answer's score is the **{settings['sentiment_aggregate']}**, shown with its range (most negative to most
  positive sentence) and spread. A sentence counts as positive at ≥ {sentiment.POSITIVE_THRESHOLD}, negative at
  ≤ {sentiment.NEGATIVE_THRESHOLD}, as VADER's authors recommend.
- Lexicon: `{settings['sentiment_lexicon']}` ({sentiment.lexicon().n_entries:,} entries, sha256
  `{settings['sentiment_lexicon_sha256'][:16]}…`); NLTK {nltk.__version__}.
- Validation (this project's scorer against human ratings, `benchmarks/vader_validation.py`): Pearson r 0.878
  on tweets, 0.422 on movie reviews, 0.571 on Amazon reviews, 0.490 on NYT editorials; the paper reports
  0.881, 0.451, 0.565, 0.492. VADER was built for short social-media text; on political speech it is weaker.
"""
)
st.markdown("**Why sentences, not whole answers.** VADER adds up word valences before squashing them, so a "
            "long text drifts towards ±1 whatever its tone. On this document:")
sat = diagnostics.saturation(result)
st.dataframe(
    sat.rename(columns={"whole_answer": "VADER on the whole answer", "mean_of_sentences": "mean of sentences"}),
    hide_index=True, column_config={c: st.column_config.NumberColumn(format="%+.2f") for c in ("VADER on the whole answer", "mean of sentences", "gap")},
)
st.markdown("**Irony and jokes are read literally.** Sentences of this document with a cue such as *joking* or "
            "*of course* (from `data/wordlists/irony_cues.txt`), with the score VADER gives them word by word:")
ui.table_or_note(diagnostics.irony_candidates(result), "No sentence of this document contains one of the cues.", signed=["sentiment"])
st.markdown("**Negation** flips a word's valence and scales it by 0.74, which works for *not good* but misses "
            "negation by meaning (*no one is talking about them*). Negated words in this document:")
ui.table_or_note(diagnostics.negations(result), "No negated sentiment word in this document.", signed=["valence_lexicon", "valence"])
examples = diagnostics.example_scores(
    ["The evidence is good.", "The evidence is not good.", "The evidence is not very good.", "The evidence is good, but the story is made up."]
)
st.markdown("Worked examples (scored now by the same code):")
st.dataframe(examples, hide_index=True, column_config={"sentiment": st.column_config.NumberColumn(format="%+.3f")})

st.markdown("### 3. Topics: counts from an editable dictionary")
st.markdown(
    f"""
- Dictionary **{dictionary.name}**, version {dictionary.version} (sha256 `{dictionary.sha256[:16]}…`), file
  `{dictionary.path.name if dictionary.path else 'upload'}`: {len(dictionary.topics)} topics.
- Case-insensitive; a word matches an exact entry before a wildcard (`econom*`), and the longest wildcard wins;
  phrases match first, longest first, and their words are not counted again by the same topic; a word counts at
  most once per topic (it may count for several topics).
- Rate = matches per 1,000 words of the answer. **Coverage** = share of words matched by any topic: what the
  dictionary does *not* match is invisible to it.
"""
)
st.dataframe(
    [{"topic": t.label, "terms": len(t.terms), "scope": t.description} for t in dictionary.topics],
    hide_index=True,
)
cov = result.answers[["pair", "n_words", "coverage"]]
st.dataframe(cov, hide_index=True, column_config={"coverage": st.column_config.ProgressColumn(format="percent", min_value=0, max_value=1)})
st.markdown("The most frequent content words of the answers that no topic covers:")
st.dataframe(diagnostics.uncovered_words(result), hide_index=True)

st.markdown("### 4. Discourse markers: cues for discussion, not verdicts")
marker_set = data.markers()
st.markdown(
    f"""
- {len(marker_set.families)} families, one editable YAML file each in `data/markers/` (sha256 of the set
  `{marker_set.sha256[:16]}…`). Each file states what it counts (*scope*) and where the list comes from (*sources*).
- Word and phrase entries match like topic terms (case-insensitive, `*` ends a word, a word counts once per family);
  *patterns* are regular expressions searched in each sentence, for constructions such as *as … was saying* or
  *either … or*. Rate = matches per 1,000 words.
- Where a family resembles a technique of the SemEval-2020 Task 11 propaganda taxonomy (Da San Martino et al. 2020),
  the technique is named. A match is not that technique: the technique needs intent and context that a word list
  cannot see. *We* may be the speaker's country or everyone in the room; *they* is mostly plain reference; *alleged*
  is also a careful journalist's word.
"""
)
counts = result.markers[result.markers["role"] == "answer"].groupby("family").size()
st.dataframe(
    [
        {"family": f.label, "matches here": int(counts.get(f.slug, 0)), "resembles (SemEval-2020 Task 11)": f.technique,
         "entries": len(f.terms) + len(f.patterns), "scope": f.scope, "sources": "; ".join(f.sources)}
        for f in marker_set.families
    ],
    hide_index=True,
)

st.markdown("### 5. Actors: who is talked about, in sentences of what tone")
actor_set = data.actor_list()
st.markdown(
    f"""
- {len(actor_set.actors)} actors in `data/actors/actors.yaml` (sha256 `{actor_set.sha256[:16]}…`): countries with their
  adjectives and demonyms, regions, organisations, groups and people. Names match as whole words (*Russophobia* is not
  *Russia*); case-sensitive forms such as *US* are listed apart so that the pronoun *us* never counts.
- An actor's tone is the mean VADER compound of the answer sentences that mention it. That is the tone of the
  sentence, not the speaker's attitude to the actor: *Russia was attacked unjustly* scores negative although it takes
  Russia's side. Pronouns (*they*, *the President*) are not traced back to an actor; capitals (*Moscow*) are not
  counted for their country.
- Capitalised names not on the list are shown on the Actors page, as candidates to add.
"""
)

st.markdown("### 6. Does the answer take up its question?")
aligned = data.alignment(src)
st.markdown(
    """
- **Method**: TF-IDF cosine similarity (scikit-learn's `TfidfVectorizer`, sublinear term frequency, IDF fitted on this
  document's questions and answers) over content words reduced by NLTK's Porter stemmer, so *sanction* and
  *sanctions* match; stop words from `data/wordlists/stopwords.txt` are left out. 0 means no shared content word.
- Each answer is compared with its own question and, as a **baseline**, with the other questions of the document
  (their mean): a long answer shares some words with any question, so only a value above the baseline says that the
  answer takes up *its* question more than the others. Each sentence is compared with the question too (the second
  panel of the Reader's sentence chart), which shows where an answer stays on the question and where it moves away.
- **Limits**: a bag of words. Synonyms and paraphrase are missed (answer 2 of the default interview speaks of
  *pressure*, the question of *sanctions*); *not X* counts as *X*; a short question gives few words to share; a
  high value does not mean that the question was answered, only that its words came back.
- **Challenges to the premise** (*I have a problem with the premise of the question*) are found by the patterns in
  `data/alignment/premise_challenges.txt` and underlined with the markers.
"""
)
ui.table_or_note(
    aligned.answers.drop(columns=["document"]).round(3), "No question-answer pair to compare.",
)
ui.table_or_note(aligned.premises.drop(columns=["document", "pattern"]), "No answer of this document challenges its question's premise.")

st.markdown("### 7. Comparing two sides")
st.markdown(
    "- **Distinctive terms**: the weighted log-odds ratio with an informative Dirichlet prior of Monroe, Colaresi "
    "and Quinn (2008, *Fightin' Words*, eq. 16-22). The prior is the pooled counts of both sides, so a term's score is "
    "shrunk towards zero when it is rare; the z-score divides the log-odds by its estimated standard error. "
    "|z| > 1.96 is marked, but with many terms some pass that line by chance, and small sides (a few hundred words) "
    "give small z for every term.\n"
    "- **Topic differences**: each side's matches per 1,000 words, with a 95% percentile bootstrap interval over "
    "sentences (1,000 resamples). Sentences of one answer are not independent, so these intervals are too narrow.\n"
    "- **Concordance** shows every occurrence with its context, so that a distinctive word can be read where it was said; "
    "**collocations** score the words near it with NLTK's log-likelihood ratio and PMI (PMI favours rare words)."
)

st.markdown("### 8. What the numbers cannot show")
st.markdown(
    "- A tone score is not a truth score: a calm sentence can be false, an angry one true.\n"
    "- Scores compare answers within one transcript well; across speakers, genres or translations they need care "
    "(the Valdai and White House texts are translations or edited transcripts).\n"
    "- A topic rate counts words, not stances: *sanctions* counts for the economy whether the speaker supports or opposes them."
)


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

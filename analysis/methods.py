"""How each measure is made and where it fails, written once: the Methods page and the report's appendix
both render these descriptions (the page as Markdown, the report through :mod:`render.methods`).

A description is Markdown with no raw HTML. Its constants are read from the code that uses them
(:data:`analysis.sentence.sentiment.NEGATION_SCALAR`, the thresholds, ...) and its validation figures from the
output of ``benchmarks/vader_validation.py --write`` (:func:`analysis.datafiles.vader_validation`), so
a figure on the page is the figure the code uses or the benchmark printed, never a retyped copy.

What belongs to one document (its counts, its tables, the settings it was measured with) is not a
method and stays with the page or the report that shows it.

>>> [m.slug for m in describe()]
['pairs', 'sentiment', 'saturation', 'irony', 'negation', 'topics', 'markers', 'actors', 'alignment', 'comparison', 'corpus', 'limits']
>>> by_slug()["negation"].text.count(negation_factor())
1
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from analysis import datafiles
from analysis.comparison import bootstrap
from analysis.sentence import sentiment, topics

Where = Literal["page", "report"]
BOTH: tuple[Where, ...] = ("page", "report")


@dataclass(frozen=True)
class Method:
    """One measure's description: ``title`` (a heading, or "" for a paragraph that continues the one
    above), ``text`` (Markdown) and where it is shown (``shown_in``: the report has no comparison)."""

    slug: str
    title: str
    text: str
    shown_in: tuple[Where, ...] = BOTH


def negation_factor() -> str:
    """VADER's negation scalar as the descriptions quote it (its size: the sign is the flip)."""
    return f"{abs(sentiment.NEGATION_SCALAR):g}"


def validation_text() -> str:
    """The validation sentence, from the figures that ``benchmarks/vader_validation.py --write`` recorded."""
    record = datafiles.vader_validation()
    rows = record["datasets"]
    ours = ", ".join(f"{d['r']:.3f} on {d['label']}" for d in rows)
    paper = ", ".join(f"{d['paper_r']:.3f}" for d in rows)
    return (
        f"Validation (this project's scorer against human ratings, `{record['command']}`): Pearson r {ours}; "
        f"the paper reports {paper}. VADER was built for short social-media text; on political speech it is weaker."
    )


def describe() -> tuple[Method, ...]:
    """Every method, in the order the Methods page shows them."""
    return (
        Method("pairs", "From file to question–answer pairs", (
            "The transcript is split into speaker turns; a question turn and every answer turn after it, up to the "
            "next question, form a pair. Statements before the first question form an *opening* segment. Stage "
            "directions, time stamps and footers are kept as notes and left out of the measured text; editorial "
            "brackets such as *[as of the date of the interview]* stay in the text.\n\n"
            "**Which turns are questions.** A turn of whoever asks (a `Q` reporter, the host, the moderator, the "
            "chair, a justice) is a question when it asks or invites an answer: it has a question mark (a greeting "
            "such as *Can you hear me?* set aside), it prompts (*Tell me about…*, *Walk us through…*, *Governor, "
            "your response.*), or it is cut off once a question has begun (*Senator, why --*). A welcome, thanks, "
            "a time call (*That's time.*), the rules, giving the floor (a name alone, *Senator Rubio?*, or the time "
            "given, *Governor, two minutes.*), a hand-off, a turn cut off before it asked (*Counsel --*; moderators "
            "are cut off as they take the floor back) or *Okay.* opens no pair; the answers after it stay with the "
            "question before. Where it fails: a plain statement the guest takes as a question is missed (a `Q` "
            "reporter's statement still counts; a justice's challenge with no question form does not), a host's "
            "rhetorical question counts, and what is said "
            "after a turn that only gives the floor (*Mr. Lutz.*) joins the question before it: right when the next "
            "candidate answers the same question, wrong when counsel begins a new argument. A voice the transcript "
            "does not name (*UNIDENTIFIED MALE*, *(UNKNOWN)*, *CROWD*) asks when it asks a question; its short "
            "turns (a shout, *Yes!*) are otherwise kept out of the answers, with a warning. A turn can be marked "
            "as a question, an answer or other on the Upload and Library pages, or with `library correct`."
        )),
        Method("sentiment", "Sentiment: NLTK's VADER, sentence by sentence", (
            "- Each sentence gets VADER's **compound** score in [-1, 1] (Hutto & Gilbert, ICWSM 2014): the valences of "
            "the lexicon words in it, adjusted for negation, boosters (\"very\"), \"but\", ALL CAPS and \"!\"/\"?\", summed "
            "and squashed.\n"
            f"- An answer's score is the **{sentiment.AGGREGATE} of its sentence compounds**, shown with its range (most "
            "negative to most positive sentence) and spread. A sentence counts as positive at "
            f"≥ {sentiment.POSITIVE_THRESHOLD}, negative at ≤ {sentiment.NEGATIVE_THRESHOLD}, as VADER's authors recommend.\n"
            f"- {validation_text()}"
        )),
        Method("saturation", "", (
            "**Why sentences, not whole answers.** VADER adds up word valences before squashing them, so a long text "
            "drifts towards ±1 whatever its tone."
        )),
        Method("irony", "", (
            "**Irony and jokes are read literally.** A sentence with a cue such as *joking* or *of course* (from "
            "`data/wordlists/irony_cues.txt`) is scored word by word like any other; such sentences are listed "
            "so that they can be read."
        )),
        Method("negation", "", (
            f"**Negation** flips a word's valence and scales it by {negation_factor()} (VADER's constant), which works "
            "for *not good* but misses negation by meaning (*no one is talking about them*)."
        )),
        Method("topics", "Topics: counts from an editable dictionary", (
            "- Case-insensitive; a word matches an exact entry before a wildcard (`econom*`), and the longest "
            "wildcard wins; phrases match first, longest first, and their words are not counted again by the same "
            "topic; a word counts at most once per topic (it may count for several topics). In a YAML dictionary "
            "this rule holds per topic; in a LIWC-style `.dic` file it holds for the whole dictionary, as LIWC "
            "reads it (a word takes the categories of the one entry it matches).\n"
            f"- Rate = matches per {_per_words()} words of the answer. **Coverage** = share of words matched by any "
            "topic: what the dictionary does *not* match is invisible to it."
        )),
        Method("markers", "Discourse markers: cues for discussion, not verdicts", (
            "- One editable YAML file a family in `data/markers/`. Each file states what it counts (*scope*) and "
            "where the list comes from (*sources*).\n"
            "- Word and phrase entries match like topic terms (case-insensitive, `*` ends a word, a word counts once "
            "per family); *patterns* are regular expressions searched in each sentence, for constructions such as "
            f"*as … was saying* or *either … or*. Rate = matches per {_per_words()} words.\n"
            "- Where a family resembles a technique of the SemEval-2020 Task 11 propaganda taxonomy (Da San Martino "
            "et al. 2020), the technique is named. A match is not that technique: the technique needs intent and "
            "context that a word list cannot see. *We* may be the speaker's country or everyone in the room; *they* "
            "is mostly plain reference; *alleged* is also a careful journalist's word."
        )),
        Method("actors", "Actors: who is talked about, in sentences of what tone", (
            "- Actors are listed in `data/actors/actors.yaml`: countries with their adjectives and demonyms, regions, "
            "organisations, groups and people. Names match as whole words (*Russophobia* is not *Russia*); "
            "case-sensitive forms such as *US* are listed apart so that the pronoun *us* never counts.\n"
            "- An actor's tone is the mean VADER compound of the answer sentences that mention it. That is the tone "
            "of the sentence, not the speaker's attitude to the actor: *Russia was attacked unjustly* scores negative "
            "although it takes Russia's side. Pronouns (*they*, *the President*) are not traced back to an actor; "
            "capitals (*Moscow*) are not counted for their country.\n"
            "- Capitalised names not on the list are shown on the Actors page, as candidates to add."
        )),
        Method("alignment", "Does the answer take up its question?", (
            "- **Method**: TF-IDF cosine similarity (scikit-learn's `TfidfVectorizer`, sublinear term frequency, IDF "
            "fitted on this document's questions and answers) over content words reduced by NLTK's Porter stemmer, "
            "so *sanction* and *sanctions* match; stop words from `data/wordlists/stopwords.txt` are left out. 0 means "
            "no shared content word.\n"
            "- Each answer is compared with its own question and, as a **baseline**, with the other questions of the "
            "document (their mean): a long answer shares some words with any question, so only a value above the "
            "baseline says that the answer takes up *its* question more than the others. Each sentence is compared "
            "with the question too (the second panel of the Reader's sentence chart), which shows where an answer "
            "stays on the question and where it moves away.\n"
            "- **Limits**: a bag of words. Synonyms and paraphrase are missed (answer 2 of the default interview "
            "speaks of *pressure*, the question of *sanctions*); *not X* counts as *X*; a short question gives few "
            "words to share; a high value does not mean that the question was answered, only that its words came back.\n"
            "- **Challenges to the premise** (*I have a problem with the premise of the question*) are found by the "
            "patterns in `data/alignment/premise_challenges.txt` and underlined with the markers."
        )),
        Method("comparison", "Comparing two sides", (
            "- **Distinctive terms**: the weighted log-odds ratio with an informative Dirichlet prior of Monroe, "
            "Colaresi and Quinn (2008, *Fightin' Words*, eq. 16-22). The prior is the pooled counts of both sides, so "
            "a term's score is shrunk towards zero when it is rare; the z-score divides the log-odds by its estimated "
            "standard error. |z| > 1.96 is marked, but with many terms some pass that line by chance, and small sides "
            "(a few hundred words) give small z for every term.\n"
            f"- **Topic differences**: each side's matches per {_per_words()} words, with a {bootstrap.LEVEL:.0%} "
            f"percentile bootstrap interval over sentences ({bootstrap.N_BOOT:,} resamples). Sentences of one answer are not independent, so these intervals are "
            "too narrow.\n"
            "- **Concordance** shows every occurrence with its context, so that a distinctive word can be read where "
            "it was said; **collocations** score the words near it with NLTK's log-likelihood ratio and PMI (PMI "
            "favours rare words)."
        ), shown_in=("page",)),
        Method("corpus", "A corpus: many documents over time, speakers and groups", (
            "- Every corpus value is a **ratio of sums over answers**: tone is the sum of the answers' sentence "
            "compounds over their number of sentences, a rate the matches over the answer words (per 1,000). Its "
            "95% interval is a t-interval over **answers** with the linearised standard error of a ratio (Cochran "
            "1977, *Sampling Techniques*, 6.3): sentences of one answer are not independent, answers are taken as "
            "the units. A period or a speaker with few answers has a wide interval, and fewer than two none.\n"
            "- The **trend** is an ordinary least-squares line through the marks (documents or periods), each "
            "weighing the same, with the 95% interval of its slope and band of its mean. It describes; it does not "
            "explain, and marks that are not independent (one event across weeks) make the band too narrow.\n"
            "- **Speakers** are merged across documents by their label written the same way (case and spaces "
            "aside, and after the corrections): *MS. PSAKI* and *JEN PSAKI* stay two speakers until a correction "
            "merges them. An answer given by several speakers counts for each.\n"
            "- **Groups** are compared as two sides are (above), with the topic intervals resampling answers, not "
            "sentences. Documents without a date are left out of everything over time and counted on the page."
        ), shown_in=("page",)),
        Method("limits", "What the numbers cannot show", (
            "- A tone score is not a truth score: a calm sentence can be false, an angry one true.\n"
            "- Scores compare answers within one transcript well; across speakers, genres or translations they need "
            "care (the Valdai and White House texts are translations or edited transcripts).\n"
            "- A topic rate counts words, not stances: *sanctions* counts for the economy whether the speaker "
            "supports or opposes them."
        )),
    )


def by_slug() -> dict[str, Method]:
    """The methods by their slug."""
    return {m.slug: m for m in describe()}


def _per_words() -> str:
    return f"{topics.RATE_PER_WORDS:,}"

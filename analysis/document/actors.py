"""Actors: who is talked about, how often, where, and in sentences of what tone.

An actor list (``data/actors/actors.yaml``) names countries, regions, organisations, groups and
people with the words that mention them. :func:`mentions` finds them in every question and answer,
:func:`summary` says per actor how often the answers mention it and the tone of those sentences,
:func:`by_answer` gives answer x actor counts, :func:`sentences_for` the sentences behind a number,
and :func:`unlisted_names` the capitalised names that the list does not know (what to add next).

YAML schema
-----------
::

    name: Actors in international affairs   # optional, default: the file name without extension
    version: "1.0.0"                        # optional string
    description: What the list is for.      # optional
    actors:                                 # required, a non-empty mapping slug -> actor
      united_states:                        # slug: [a-z][a-z0-9_]*
        label: United States                # optional, default: the slug in words
        kind: country                       # required: country, region, organisation, group, person
        description: Why the terms are so.  # optional
        terms: [united states, america, american, americans, u.s]   # required, non-empty
        written: [US]                       # optional: case-sensitive forms, see below

Other keys are refused (a misspelt ``term:`` is an error). Errors name the file and the line.
The file is read as UTF-8; its SHA-256 is kept (``ActorList.sha256``) for reproducibility.

What counts as a mention
------------------------
- ``terms`` use exactly the term syntax and matching rules of :mod:`analysis.terms` (each actor is
  an entry of the term engine, matched actor by actor as YAML topics are): case-insensitive, phrases first and longest
  first, a phrase counts once ("United States" is one mention, and "States" alone is no term), a
  possessive counts by its base ("Russia's"), a hyphenated word by its parts ("anti-Russian",
  "US-led"), ``*`` only at a word's end. Names are written as exact words, never wildcards, so
  "Russophobia" is not a mention of Russia.
- ``written`` forms are matched case-sensitively as written, between non-word characters: for the
  forms whose lower case is a common word. "US" counts and "us" (the pronoun) does not; "Turkey",
  "Polish", "UN", "Trump" likewise. A written form may hold several words ("Mrs. May"); spaces in it
  match any run of whitespace. A written form overlapping a term match of the same actor is dropped
  (no double count). Text in capitals throughout ("LET US KNOW") defeats this.
- Between actors, when two matches overlap, the longer one (in characters) wins and the shorter is
  dropped: "Latin America" is Latin America, not also the United States; "European Union" is the EU,
  not also Europe; "North Korea" is not also "Korea". Matches of equal length are both kept.
  Matches that merely sit side by side all count ("Foreign Minister Lavrov": the foreign ministry
  and Lavrov).

Limits (say them when showing the numbers)
------------------------------------------
- Pronouns and descriptions are not resolved: "they", "he", "the President", "our country" are
  mentions of nobody, however clear the reference is to a reader. Counts are of names, so an actor
  that is talked about at length under "they" is undercounted.
- Metonymy: capital cities are not counted as their governments ("Moscow", "Washington",
  "Beijing"). They name places as often as governments (an author's "Location: Moscow"; the
  Washington Post). They show up in :func:`unlisted_names`; add them to a country's terms when a
  document uses them for governments. The Kremlin and the White House are actors of their own.
- A surname counts for every bearer ("Skripal" for Sergei and Yulia, "Trump" for the family).
- **A sentence's sentiment is not the sentiment towards the actor.** VADER scores the sentence's
  words, whoever they are about: "Russia was attacked unjustly" is a negative sentence but a
  sympathetic one for Russia, and "the British have been living and traveling across the entire
  world" may be a neutral sentence in an argument against Britain. The ``sentiment`` columns of
  :func:`summary` are the tone of the sentences in which an actor is named, nothing more; read
  them with :func:`sentences_for`.

Unlisted names
--------------
:func:`unlisted_names` lists runs of capitalised words ("Philip Morris", "Coca-Cola", "Harvard"),
kept together across a lower-case "of" or "of the" between capitalised words ("Bank of England"),
broken by any punctuation and by any word the actor list matches. A run's first word at the start
of a sentence is dropped unless that word is also written capitalised somewhere not at the start of
a sentence ("Usually", "Frankly" go; "Russia" would stay). Stop words (``data/wordlists/stopwords.txt``:
"I", "May", "The"...) are dropped from the ends of a run, and a run made only of stop words, titles
("Mr", "President") and month and day names is no name ("October Revolution" stays). Names are
counted as written (case-sensitive), a final possessive 's removed. It is a list of candidates for
a person to judge, not of actors: "TV" and "Cold War" appear too.

Example
-------
>>> from analysis.transcripts import parse_text
>>> from analysis.pipeline.run import analyze
>>> a = analyze(parse_text("Q: And the US?\\n\\nA: Let us see. The United States and Russia's friends."))
>>> mentions(a)[["role", "actor", "text"]].values.tolist()
[['question', 'united_states', 'US'], ['answer', 'united_states', 'United States'], ['answer', 'russia', "Russia's"]]
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple

import pandas as pd
import yaml

from analysis import datafiles, text, yamlfile
from analysis import terms as engine
from analysis.errors import DiscourseError
from analysis.result import Analysis
from analysis.sentence import sentiment

# The YAML reading rules every data-file loader shares (line numbers in errors, repeated and unknown keys).
_line, _mapping, _reject_unknown = yamlfile.line, yamlfile.mapping, yamlfile.reject_unknown_keys

DEFAULT_ACTORS = datafiles.ACTORS
Kind = Literal["country", "region", "organisation", "group", "person"]
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]
Role = Literal["answer", "question", "both"]
YAML_TOP_KEYS = frozenset({"name", "version", "description", "actors"})
YAML_ACTOR_KEYS = frozenset({"label", "kind", "description", "terms", "written"})

MENTION_COLUMNS = [
    "document", "pair", "role", "sentence", "actor", "label", "kind", "entry", "start", "end", "text", "match",
]
SUMMARY_COLUMNS = [
    "actor", "label", "kind", "mentions", "answers", "sentences", "sentiment", "sentiment_min",
    "sentiment_max", "share_negative", "share_positive", "question_mentions",
]
BY_ANSWER_COLUMNS = ["pair", "actor", "mentions"]
SENTENCES_FOR_COLUMNS = ["document", "pair", "role", "sentence", "text", "sentiment", "mentions", "start", "end"]
UNLISTED_COLUMNS = ["name", "count", "pairs", "roles"]

# Inside a run of capitalised words, "of" and "of the" are allowed before a capitalised word
# ("Bank of England", "Ministry of the Interior"); "and" is not: it would join "Russia and Germany".
# Capitalised words that are not names by themselves: titles and calendar words (stop words come
# from data/wordlists/stopwords.txt). Dropped from the ends of a run of capitalised words.
NOT_NAMES = frozenset(
    """mr mrs ms dr sir madam mister president vice prime minister secretary senator ambassador
    general colonel chancellor professor king queen prince
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)
_POSSESSIVE = re.compile(r"['\u2019]s\Z")
_ROLE_ORDER = {"question": 0, "answer": 1}


# --------------------------------------------------------------------------------------------------
# Data model


@dataclass(frozen=True, kw_only=True)
class Actor(engine.Entry):
    """One actor: an entry of the term engine (its terms, lower-cased) with its kind and its
    case-sensitive written forms."""

    kind: Kind
    written: tuple[str, ...] = ()
    description: str = ""


class ActorList(engine.EntryList[Actor]):
    """A loaded actor list (an :class:`analysis.terms.EntryList` of actors, matched by its index)."""

    def __post_init__(self) -> None:
        if not self.entries:
            raise DiscourseError(f"actor list {self.name!r} has no actors.")
        for a in self.entries:
            if a.kind not in KINDS:
                raise DiscourseError(f"actor {a.slug!r}: kind {a.kind!r} is not one of {', '.join(KINDS)}.")
        super().__post_init__()
        written: dict[str, list[str]] = {}
        for a in self.entries:
            for form in a.written:
                written.setdefault(_spaced(form), []).append(a.slug)
        pattern = None
        if written:
            forms = sorted(written, key=lambda f: (-len(f), f))  # longest first: "U.S.A." before "U.S."
            alternatives = "|".join(r"\s+".join(map(re.escape, f.split())) for f in forms)
            pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
        object.__setattr__(self, "_written", {f: tuple(s) for f, s in written.items()})
        object.__setattr__(self, "_written_re", pattern)
        # Every match of a term starts with a token that is the first word of one of the term's variants
        # (or starts with a wildcard's stem; a possessive or a hyphenated word is the word and a
        # non-word character): a text in which none of them stands as a word (folded) mentions no actor
        # by its terms. A pre-filter only (sentence_mentions): the matching is the term engine's.
        words, stems = set(), set()
        for a in self.entries:
            for term in a.terms:
                for v in engine.variants(term, a.slug):
                    (stems if v[0].endswith(engine.WILDCARD) else words).add(v[0].rstrip(engine.WILDCARD))
        alternatives = [rf"{re.escape(w)}(?!\w)" for w in sorted(words, key=lambda f: (-len(f), f)) if w]
        alternatives += [re.escape(w) for w in sorted(stems, key=lambda f: (-len(f), f)) if w]
        first = re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})") if alternatives else None
        object.__setattr__(self, "_first_words_re", first)

    @property
    def actors(self) -> tuple[Actor, ...]:
        return self.entries

    def actor(self, slug: str) -> Actor:
        return self.get(slug)

    def written_forms(self, text: str) -> Iterator[tuple[int, int, str, tuple[str, ...]]]:
        """Each written form in ``text``, case-sensitively: start, end, the form, the actors it names."""
        if self._written_re is None:
            return
        for m in self._written_re.finditer(text):
            form = _spaced(m.group())
            yield m.start(), m.end(), form, self._written[form]


def _spaced(form: str) -> str:
    return " ".join(form.split())


# --------------------------------------------------------------------------------------------------
# Loading


def default_actors_path() -> Path:
    """The actor list the project ships: ``data/actors/actors.yaml``."""
    return DEFAULT_ACTORS


def load_actors(path: str | os.PathLike[str] | None = None) -> ActorList:
    """Read an actor list (the default one when ``path`` is None); errors name the file and line."""
    path = Path(path) if path is not None else DEFAULT_ACTORS
    data = datafiles.read(path, "actor list")
    return parse_actors(data, source=str(path), path=path)


def parse_actors(data: bytes, *, source: str, path: Path | None = None) -> ActorList:
    """Parse actor-list bytes (e.g. an upload); ``source`` names the file in error messages."""
    decoded = datafiles.decode(data, source, encodings=("utf-8-sig",))
    root = yamlfile.compose(decoded, source)
    top = _mapping(root, source, "the file")
    _reject_unknown(top, YAML_TOP_KEYS, source, "")
    if "actors" not in top:
        raise DiscourseError(f"{source}, line {_line(root)}: no 'actors' mapping.")
    actor_nodes = _mapping(top["actors"][1], source, "'actors'")
    if not actor_nodes:
        raise DiscourseError(f"{source}, line {_line(top['actors'][1])}: 'actors' is empty.")
    actors = [_actor(slug, key, value, source) for slug, (key, value) in actor_nodes.items()]
    seen: dict[str, tuple[str, int]] = {}
    for actor, (key, _value) in zip(actors, actor_nodes.values()):
        for form in actor.written:
            other = seen.get(_spaced(form))
            if other is not None and other[0] != actor.slug:
                raise DiscourseError(
                    f"{source}, line {_line(key)}: actor {actor.slug!r}: the written form {form!r} is also "
                    f"a written form of {other[0]!r} (line {other[1]}); a form may name one actor only."
                )
            seen[_spaced(form)] = (actor.slug, _line(key))
    try:
        return ActorList(
            name=_scalar(top, "name", source) or (Path(source).stem or source),
            version=_scalar(top, "version", source),
            description=_scalar(top, "description", source),
            entries=tuple(actors),
            sha256=hashlib.sha256(data).hexdigest(),
            path=path,
        )
    except DiscourseError as e:
        raise DiscourseError(f"{source}: {e}") from None


def _actor(slug: str, key: yaml.Node, value: yaml.Node, source: str) -> Actor:
    where = f"{source}, line {_line(key)}"
    if not engine.SLUG_PATTERN.match(slug):
        raise DiscourseError(
            f"{where}: actor {slug!r}: a slug must be lowercase letters, digits and underscores, "
            "starting with a letter."
        )
    fields = _mapping(value, source, f"actor {slug!r}")
    _reject_unknown(fields, YAML_ACTOR_KEYS, source, f"actor {slug!r}: ")
    kind = _scalar(fields, "kind", source, slug)
    if not kind:
        raise DiscourseError(f"{where}: actor {slug!r} has no 'kind' (one of {', '.join(KINDS)}).")
    if kind not in KINDS:
        raise DiscourseError(
            f"{source}, line {_line(fields['kind'][1])}: actor {slug!r}: kind {kind!r} is not one of "
            f"{', '.join(KINDS)}."
        )
    if "terms" not in fields:
        raise DiscourseError(f"{where}: actor {slug!r} has no 'terms' list.")
    terms = []
    for node, term in _strings(fields["terms"][1], source, slug, "terms", required=True):
        normalised = engine.normalise(term)  # the term syntax, exactly
        engine.variants(normalised, f"{source}, line {_line(node)}: actor {slug!r}")
        terms.append(normalised)
    written = []
    if "written" in fields:
        for node, form in _strings(fields["written"][1], source, slug, "written", required=False):
            form = _spaced(unicodedata.normalize("NFC", form))
            if not (form[:1].isalnum() and (form[-1].isalnum() or form[-1] == ".")):
                raise DiscourseError(
                    f"{source}, line {_line(node)}: actor {slug!r}: written form {form!r} must start with a "
                    "letter or digit and end with one or a period."
                )
            written.append(form)
    label = _scalar(fields, "label", source, slug) or slug.replace("_", " ").capitalize()
    return Actor(
        slug=slug, label=label, kind=kind, terms=tuple(dict.fromkeys(terms)),  # type: ignore[arg-type]
        written=tuple(dict.fromkeys(written)), description=_scalar(fields, "description", source, slug),
    )


def _strings(node: yaml.Node, source: str, slug: str, key: str, *, required: bool) -> list[tuple[yaml.Node, str]]:
    if not isinstance(node, yaml.SequenceNode) or (required and not node.value):
        need = "a non-empty list" if required else "a list"
        raise DiscourseError(f"{source}, line {_line(node)}: actor {slug!r}: {key!r} must be {need}.")
    out = []
    for item in node.value:
        if not isinstance(item, yaml.ScalarNode) or item.tag == "tag:yaml.org,2002:null" or not item.value.strip():
            raise DiscourseError(
                f"{source}, line {_line(item)}: actor {slug!r}: each of {key!r} must be a non-empty string."
            )
        out.append((item, item.value))
    return out


def _scalar(fields: yamlfile.Fields, key: str, source: str, slug: str | None = None) -> str:
    return yamlfile.scalar(fields, key, source, f"actor {slug!r}: " if slug else "")


# --------------------------------------------------------------------------------------------------
# Mentions


@dataclass(frozen=True)
class _Sentence:
    document: str
    pair: int
    role: str
    sentence: int
    text: str
    start: int  # in the unit's text


def _sentences(analysis: Analysis) -> list[_Sentence]:
    """The analysis' sentences, checked against the question/answer texts their spans point into."""
    units: dict[tuple[str, int, str], str] = {}
    answers = analysis.answers[["document", "pair", "question", "answer"]]
    for document, pair, question, answer in answers.itertuples(index=False):
        units[(document, pair, "question")] = question if isinstance(question, str) else ""
        units[(document, pair, "answer")] = answer if isinstance(answer, str) else ""
    columns = ["document", "pair", "role", "sentence", "text", "start", "end"]
    out = []
    for document, pair, role, number, body, start, end in analysis.sentences[columns].itertuples(index=False):
        unit = units.get((document, pair, role))
        if unit is None or unit[start:end] != body:
            raise ValueError(
                f"sentence {number} of the {role} of pair {pair} is not the text at {start}:{end} of that "
                "unit in analysis.answers; was the analysis changed after analysis.pipeline.run.analyze?"
            )
        out.append(_Sentence(document, int(pair), role, int(number), body, int(start)))
    return out


# One match inside a sentence: start, end (in the sentence), actor slug, entry, match kind.
_Hit = tuple[int, int, str, str, str]


def _sentence_hits(sentences: list[_Sentence], actors: ActorList) -> list[list[_Hit]]:
    """Per sentence, its mentions after the written-form and overlap rules, by position."""
    hits: list[list[_Hit]] = [[] for _ in sentences]
    for unit, slug, entry, kind, start, end, _text in engine.spans([text.tokenize(s.text) for s in sentences], actors):
        hits[unit].append((start, end, slug, entry, kind))
    for i, s in enumerate(sentences):
        for start, end, form, slugs in actors.written_forms(s.text):
            for slug in slugs:
                same = [h for h in hits[i] if h[2] == slug and h[0] < end and start < h[1]]
                if not same:
                    hits[i].append((start, end, slug, form, "written"))
    order = {slug: k for k, slug in enumerate(actors.slugs)}
    return [_resolve_overlaps(h, order) if len(h) > 1 else h for h in hits]


def _resolve_overlaps(hits: list[_Hit], order: dict[str, int]) -> list[_Hit]:
    """Drop a match overlapped by a longer match of another actor; sort by position, then list order."""
    kept = [
        h for h in hits
        if not any(g[2] != h[2] and g[0] < h[1] and h[0] < g[1] and g[1] - g[0] > h[1] - h[0] for g in hits)
    ]
    return sorted(kept, key=lambda h: (h[0], order[h[2]], h[1]))


def sentence_mentions(texts: Sequence[str], actors: ActorList | None = None) -> list[list[tuple]]:
    """For each text (one sentence), its mentions as :func:`mentions` finds them: ``(start, end, actor,
    entry, match)`` tuples, by position (``start``/``end`` in the text). For many sentences at once (a
    corpus): a text in which no term's first word starts a word and no written form occurs is not
    tokenised at all (about six times faster over the briefings, whose sentences mostly name nobody).

    >>> sentence_mentions(["Nobody here.", "Ask the United States."])
    [[], [(8, 21, 'united_states', 'united states', 'phrase')]]
    """
    actors = actors or load_actors()
    first, written = actors._first_words_re, actors._written_re
    wanted = [
        i for i, t in enumerate(texts)
        if (first is not None and first.search(engine.fold(t))) or (written is not None and written.search(t))
    ]
    found = _sentence_hits([_Sentence("", 0, "answer", 0, texts[i], 0) for i in wanted], actors) if wanted else []
    out: list[list[tuple]] = [[] for _ in texts]
    for i, hits in zip(wanted, found):
        out[i] = hits
    return out


def mentions(analysis: Analysis, actors: ActorList | None = None) -> pd.DataFrame:
    """One row per mention of an actor in the questions and answers of ``analysis``.

    Columns ``document, pair, role, sentence, actor, label, kind, entry, start, end, text, match``:
    ``start``/``end`` are the character span in the pair's question or answer text (the convention
    of ``analysis.sentences``), ``text`` the words as written (``unit_text[start:end]``), ``entry``
    the term or written form that matched and ``match`` how (``exact``, ``wildcard``, ``phrase``,
    ``written``). Rows are in reading order.

    >>> from analysis.transcripts import parse_text
    >>> from analysis.pipeline.run import analyze
    >>> a = analyze(parse_text("Q: Why?\\n\\nA: Russophobia is not Russia. Ask the United States."))
    >>> mentions(a)[["actor", "start", "end", "text"]].values.tolist()
    [['russia', 19, 25, 'Russia'], ['united_states', 35, 48, 'United States']]
    """
    actors = actors or load_actors()
    sentences = _sentences(analysis)
    by_slug = {a.slug: a for a in actors.actors}
    rows = []
    for s, found in zip(sentences, _sentence_hits(sentences, actors)):
        for start, end, slug, entry, kind in found:
            a = by_slug[slug]
            rows.append(
                (s.document, s.pair, s.role, s.sentence, slug, a.label, a.kind, entry,
                 s.start + start, s.start + end, s.text[start:end], kind)
            )
    frame = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    if frame.empty:
        frame = frame.astype({"pair": "int64", "sentence": "int64", "start": "int64", "end": "int64"})
    return frame


# --------------------------------------------------------------------------------------------------
# Aggregates


class Actors(NamedTuple):
    """The actors of one document (:func:`measure`): every mention, and the tables made from them."""

    mentions: pd.DataFrame  # :func:`mentions`
    summary: pd.DataFrame  # :func:`summary`
    by_answer: pd.DataFrame  # :func:`by_answer`
    unlisted: pd.DataFrame  # :func:`unlisted_names`, in questions and answers


def measure(analysis: Analysis, actors: ActorList | None = None) -> Actors:
    """The mentions of ``actors`` (default: the shipped list) in ``analysis`` and their tables (what
    ``Analysis.actors`` keeps)."""
    actors = actors or load_actors()
    found = mentions(analysis, actors)
    return Actors(found, summary(analysis, found), by_answer(found), unlisted_names(analysis, actors))


def summary(analysis: Analysis, mentions_frame: pd.DataFrame) -> pd.DataFrame:
    """One row per actor mentioned in the answers, most mentioned first.

    Columns ``actor, label, kind, mentions`` (in answers), ``answers`` (answers naming it),
    ``sentences`` (answer sentences naming it), ``sentiment`` (mean VADER compound of those
    sentences, each sentence once however often it names the actor), ``sentiment_min``,
    ``sentiment_max``, ``share_negative``/``share_positive`` (share of those sentences with compound
    <= -0.05 / >= 0.05, :mod:`analysis.sentence.sentiment`'s thresholds), then ``question_mentions`` (mentions
    in the questions). The sentiment is the tone of the sentences, not towards the actor.
    """
    m = mentions_frame[mentions_frame["role"] == "answer"]
    if m.empty:
        return pd.DataFrame({c: pd.Series(dtype=_SUMMARY_DTYPES.get(c, "object")) for c in SUMMARY_COLUMNS})
    keys = ["document", "pair", "sentence"]
    scores = analysis.sentences.loc[analysis.sentences["role"] == "answer", keys + ["sentiment"]]
    per_sentence = (
        m.groupby(["actor", *keys], sort=False).size().rename("n").reset_index().merge(scores, on=keys, how="left")
    )
    compound = per_sentence["sentiment"]
    per_sentence["negative"] = compound <= sentiment.NEGATIVE_THRESHOLD
    per_sentence["positive"] = compound >= sentiment.POSITIVE_THRESHOLD
    grouped = per_sentence.groupby("actor", sort=False)
    out = pd.DataFrame(
        {
            "mentions": grouped["n"].sum(),
            "answers": per_sentence.drop_duplicates(["actor", "document", "pair"]).groupby("actor", sort=False).size(),
            "sentences": grouped.size(),
            "sentiment": grouped["sentiment"].mean(),
            "sentiment_min": grouped["sentiment"].min(),
            "sentiment_max": grouped["sentiment"].max(),
            "share_negative": grouped["negative"].mean(),
            "share_positive": grouped["positive"].mean(),
        }
    )
    labels = mentions_frame.drop_duplicates("actor").set_index("actor")[["label", "kind"]]
    questions = mentions_frame.loc[mentions_frame["role"] == "question", "actor"].value_counts()
    out = out.join(labels)
    out["question_mentions"] = questions.reindex(out.index, fill_value=0)
    out = out.rename_axis("actor").reset_index()
    out = out.sort_values(["mentions", "sentences", "actor"], ascending=[False, False, True], kind="stable")
    return out[SUMMARY_COLUMNS].astype(_SUMMARY_DTYPES).reset_index(drop=True)


_SUMMARY_DTYPES = {
    "mentions": "int64", "answers": "int64", "sentences": "int64", "sentiment": "float64",
    "sentiment_min": "float64", "sentiment_max": "float64", "share_negative": "float64",
    "share_positive": "float64", "question_mentions": "int64",
}


def by_answer(mentions_frame: pd.DataFrame) -> pd.DataFrame:
    """Mentions per answer and actor, tidy: ``pair, actor, mentions`` (answers only; no zero rows).

    Ordered by pair, then most mentioned. For a heatmap:
    ``by_answer(m).pivot(index="pair", columns="actor", values="mentions").fillna(0)``.
    """
    m = mentions_frame[mentions_frame["role"] == "answer"]
    out = m.groupby(["pair", "actor"]).size().rename("mentions").reset_index()
    out = out.sort_values(["pair", "mentions", "actor"], ascending=[True, False, True], kind="stable")
    return out[BY_ANSWER_COLUMNS].astype({"pair": "int64", "mentions": "int64"}).reset_index(drop=True)


def sentences_for(
    analysis: Analysis, mentions_frame: pd.DataFrame, actor: str, *, role: Role = "answer"
) -> pd.DataFrame:
    """The sentences that name ``actor`` (a slug), in reading order, with their sentiment.

    Columns ``document, pair, role, sentence, text, sentiment, mentions`` (times the sentence names
    the actor), ``start, end`` (the sentence's span in its unit). ``role``: answers (default, as in
    :func:`summary`), questions or both. An actor never mentioned gives an empty frame.
    """
    m = mentions_frame[mentions_frame["actor"] == actor]
    if role != "both":
        m = m[m["role"] == role]
    keys = ["document", "pair", "role", "sentence"]
    counts = m.groupby(keys, sort=False).size().rename("mentions").reset_index()
    sentences = analysis.sentences[keys + ["text", "sentiment", "start", "end"]]
    out = sentences.merge(counts, on=keys, how="inner")
    out = out.sort_values(
        ["document", "pair", "role", "sentence"], key=lambda c: c.map(_ROLE_ORDER) if c.name == "role" else c,
        kind="stable",
    )
    return out[SENTENCES_FOR_COLUMNS].astype({"mentions": "int64"}).reset_index(drop=True)


# --------------------------------------------------------------------------------------------------
# Unlisted names


def unlisted_names(
    analysis: Analysis, actors: ActorList | None = None, *, min_count: int = 1, role: Role = "both"
) -> pd.DataFrame:
    """Capitalised names in the text that the actor list does not match (see the module docstring).

    Columns ``name`` (as written, without a final possessive 's), ``count``, ``pairs`` (the pairs
    where it occurs, sorted, as a string: ``"5, 6"``), ``roles`` (``answer``, ``question`` or
    ``answer, question``: where it was found). ``role`` chooses what is searched (default both).
    Names found fewer than ``min_count`` times are left out; most frequent first.
    """
    actors = actors or load_actors()
    sentences = _sentences(analysis)
    hits = _sentence_hits(sentences, actors)
    tokenised = [text.tokenize(s.text) for s in sentences]
    stop = datafiles.stopwords()

    def is_capitalised(token: text.Token) -> bool:
        return token.is_word and token.text[:1].isupper()

    # Words written capitalised somewhere other than at the start of a sentence (either role).
    known: set[str] = set()
    for tokens in tokenised:
        first = _first_word(tokens)
        known.update(_base(t.text) for k, t in enumerate(tokens) if k != first and is_capitalised(t))

    def is_filler(word: str) -> bool:
        lower = word.lower()
        return lower in stop or lower in NOT_NAMES or re.split(r"['\u2019]", lower)[0] in stop

    found: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for s, tokens, spans in zip(sentences, tokenised, hits):
        if role != "both" and s.role != role:
            continue
        first = _first_word(tokens)
        for run in _runs(tokens, spans, is_capitalised):
            if run[0] == first and _base(tokens[run[0]].text) not in known:
                run = run[1:]
            words = [tokens[k].text for k in run]
            while words and words[0].lower() in stop:
                words.pop(0)
            while words and words[-1].lower() in stop:
                words.pop()
            if words and not all(map(is_filler, words)):
                found[" ".join(words[:-1] + [_base(words[-1])])].append((s.pair, s.role))
    rows = [
        (name, len(where), ", ".join(map(str, sorted({p for p, _ in where}))),
         ", ".join(sorted({r for _, r in where})))
        for name, where in found.items()
        if len(where) >= min_count
    ]
    out = pd.DataFrame(rows, columns=UNLISTED_COLUMNS).astype({"count": "int64"})
    return out.sort_values(["count", "name"], ascending=[False, True], kind="stable").reset_index(drop=True)


def _base(word: str) -> str:
    return _POSSESSIVE.sub("", word)


def _first_word(tokens: list[text.Token]) -> int:
    return next((k for k, t in enumerate(tokens) if t.is_word), -1)


def _runs(
    tokens: list[text.Token], spans: Iterable[_Hit], is_capitalised: Callable[[text.Token], bool]
) -> list[list[int]]:
    """Token indices of runs of capitalised words not matched by an actor (connectors inside)."""
    matched = [(h[0], h[1]) for h in spans]
    free = [not any(a < t.end and t.start < b for a, b in matched) for t in tokens]
    runs: list[list[int]] = []
    k, n = 0, len(tokens)
    while k < n:
        if not (free[k] and is_capitalised(tokens[k])):
            k += 1
            continue
        run = [k]
        k += 1
        while k < n:
            if free[k] and is_capitalised(tokens[k]):
                run.append(k)
                k += 1
                continue
            # "of" or "of the" between capitalised words
            j = k + 1 if tokens[k].text == "of" else k
            if j > k and j < n and tokens[j].text == "the":
                j += 1
            if j > k and j < n and free[j] and is_capitalised(tokens[j]):
                run.extend(range(k, j))
                k = j
                continue
            break
        runs.append(run)
    return runs


"""Cached boundary between the pages and ``analysis``: parse and measure once per content.

Keys are the content hash (plus the interviewer override), so switching answers or pages never
re-parses or re-measures; the bytes themselves are passed unhashed (leading underscore).
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from analysis import actors as actors_mod
from analysis import alignment as alignment_mod
from analysis import frames, markers as markers_mod, profiles, sentiment, topics
from analysis import keyness as keyness_mod
from analysis import sides as sides_mod
from analysis.transcripts import Document, parse_bytes
from render import charts, highlight, topicbars
from render.badges import question_framing as ui_framing

from . import anonymise, sources
from .sources import Source


@st.cache_resource(show_spinner=False)
def dictionary() -> topics.Dictionary:
    return topics.load_dictionary()


@st.cache_resource(show_spinner=False)
def markers() -> markers_mod.Markers:
    return markers_mod.load_markers()


@st.cache_resource(show_spinner=False)
def actor_list() -> actors_mod.ActorList:
    return actors_mod.load_actors()


@st.cache_data(show_spinner=False, max_entries=64)
def _actor_mentions(digest: str, actors_sha: str, _src: Source):
    return actors_mod.mentions(analyze(_src), actor_list())


def actor_mentions(src: Source):
    """Every actor mention of the document (cached per content and actor list)."""
    return _actor_mentions(src.digest, actor_list().sha256, src)


@st.cache_data(show_spinner=False, max_entries=64)
def _actor_tables(digest: str, actors_sha: str, _src: Source):
    result, mentions = shared(_src), actor_mentions(_src)
    return actors_mod.summary(result, mentions), actors_mod.by_answer(mentions), actors_mod.unlisted_names(result, actor_list())


def actor_tables(src: Source):
    """(summary, mentions per answer, unlisted names) of the document's actors, cached like the mentions."""
    return _actor_tables(src.digest, actor_list().sha256, src)


@st.cache_data(show_spinner=False, max_entries=256)
def _actor_sentences(digest: str, actors_sha: str, actor: str, role: str, _src: Source):
    return actors_mod.sentences_for(shared(_src), actor_mentions(_src), actor, role=role)


def actor_sentences(src: Source, actor: str, *, role: actors_mod.Role = "answer"):
    """The sentences of ``role`` (answers, questions or both) that mention ``actor``."""
    return _actor_sentences(src.digest, actor_list().sha256, actor, role, src)


@st.cache_data(show_spinner=False, max_entries=64)
def _alignment(digest: str, markers_sha: str, _src: Source) -> alignment_mod.Alignment:
    return alignment_mod.measure(analyze(_src))


def alignment(src: Source) -> alignment_mod.Alignment:
    """Question-answer alignment of the document (cached per content)."""
    return _alignment(src.digest, markers().sha256, src)


@st.cache_data(show_spinner="Writing the report…", max_entries=16)
def _report_html(digest: str, markers_sha: str, _src: Source) -> str:
    from render import report, report_sections

    result = analyze(_src)
    return report.build(
        parse(_src), result, source_name=_src.name, document_sha256=digest, dictionary=dictionary(),
        extras=report_sections.standard(result),
    )


def report_html(src: Source) -> str:
    """The standalone HTML report of a document (built when first asked for, then cached)."""
    return _report_html(src.digest, markers().sha256, src)


def family_labels() -> dict[str, tuple[str, str]]:
    """Marker family slug -> (label, SemEval technique or "")."""
    return {f.slug: (f.label, f.technique) for f in markers().families}


@st.cache_resource(show_spinner=False)
def analyzer_ready() -> str:
    """Load VADER once per process; returns the lexicon's source for display."""
    sentiment.load_analyzer()
    return sentiment.lexicon().source


def release_memory() -> None:
    """Give the memory freed after a parse or an analysis back to the system: the analysis of a large
    document allocates some 120 bytes a character on its way (benchmarks/hostile_inputs.py) and keeps a
    fifth of it; without this, glibc keeps the rest and the server's size never comes down."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass


# ``digest`` covers the columns, the format and the corrections (Source.digest), so ``_corrections`` is
# passed unhashed.
@st.cache_data(show_spinner=False, max_entries=64)
def _parse(
    digest: str, _data: bytes, name: str, interviewer: tuple[str, ...],
    columns: tuple[str | None, str | None] = (None, None), format: str | None = None, _corrections: tuple = (),
) -> Document:
    try:
        return parse_bytes(
            _data, name=name, format=format, interviewer=list(interviewer) or None,
            speaker_column=columns[0], text_column=columns[1], corrections=_corrections,
        )
    finally:
        if len(_data) > LARGE_INPUT:
            release_memory()


# Inputs from this size (bytes) are followed by release_memory(): a small one frees too little to matter.
LARGE_INPUT = 1_000_000
# Analyses kept: a document has at most 2,000,000 characters (analysis.transcripts.MAX_DOCUMENT_CHARS),
# whose analysis is some 60 MB pickled here and as much again in _shared: 16 of them stay under 2 GB.
ANALYSES_KEPT = 16


@st.cache_data(show_spinner="Measuring every answer…", max_entries=ANALYSES_KEPT)
def _analyze(
    digest: str, _data: bytes, name: str, interviewer: tuple[str, ...], dictionary_sha: str, markers_sha: str,
    columns: tuple[str | None, str | None] = (None, None), format: str | None = None, _corrections: tuple = (),
) -> frames.Analysis:
    doc = _parse(digest, _data, name, interviewer, columns, format, _corrections)
    try:
        return frames.analyze(doc, document=name, dictionary=dictionary(), markers=markers())
    finally:
        if len(_data) > LARGE_INPUT:
            release_memory()


def parse(src: Source) -> Document:
    return _parse(src.digest, src.data, src.name, src.interviewer, src.columns, src.format, src.corrections)


def analyze(src: Source) -> frames.Analysis:
    analyzer_ready()
    return _analyze(
        src.digest, src.data, src.name, src.interviewer, dictionary().sha256, markers().sha256, src.columns, src.format,
        src.corrections,
    )


@st.cache_resource(show_spinner=False, max_entries=ANALYSES_KEPT)
def _shared(digest: str, markers_sha: str, _src: Source) -> frames.Analysis:
    return analyze(_src)


def shared(src: Source) -> frames.Analysis:
    """The analysis without the copy that ``st.cache_data`` makes on every read: for the per-answer
    builders below, which run on every new answer and only read it (never mutate a cached object)."""
    return _shared(src.digest, markers().sha256, src)


@st.cache_resource(show_spinner=False, max_entries=16)
def _shared_alignment(digest: str, markers_sha: str, _src: Source) -> alignment_mod.Alignment:
    return alignment(_src)


@st.cache_resource(show_spinner=False, max_entries=2048)
def _framing_html(digest: str, pair: int, _src: Source) -> str:
    result = shared(_src)
    return ui_framing(result.answers.set_index("pair").loc[pair], result, pair)


def framing_html(src: Source, pair: int) -> str:
    """The question's tone and loaded words beside the answer's (cached per answer)."""
    return _framing_html(src.digest, pair, src)


def alignment_row(src: Source, pair: int):
    """One answer's alignment (a row of the answers frame), read without copying the frames."""
    return _shared_alignment(src.digest, markers().sha256, src).answers.set_index("pair").loc[pair]


def parse_upload(
    data: bytes, name: str, interviewer: tuple[str, ...] = (), corrections: tuple = (), *,
    columns: tuple[str | None, str | None] = (None, None),
) -> Document:
    return parse(Source("", "", name, data, interviewer, columns=columns, corrections=tuple(corrections)))


def topic_labels() -> dict[str, str]:
    """``topic_<slug>`` column -> the topic's readable label, in dictionary order."""
    return {t.column: t.label for t in dictionary().topics}


# Figures and the highlighted text are kept per (document content, answer, options) for the life of
# the process: building a Plotly figure (validation) costs more than the rest of a rerun, and a
# workshop revisits the same answers many times. Cached objects are never mutated by the pages.
@st.cache_resource(show_spinner=False, max_entries=2048)
def _sentence_chart(digest: str, pair: int, selected: int | None, tag: str, _src: Source):
    unit = _answer_sentences(_src, pair)
    al = _shared_alignment(_src.digest, markers().sha256, _src).sentences
    return charts.sentence_bars(unit, selected=selected, tag=tag, alignment=al[al["pair"] == pair])


@st.cache_resource(show_spinner=False, max_entries=2048)
def _topic_html(digest: str, pair: int, found_only: bool, _src: Source) -> str:
    result = shared(_src)
    t = result.terms
    row = result.answers.set_index("pair").loc[pair]
    return topicbars.render(row, topic_labels(), t[(t["pair"] == pair) & (t["role"] == "answer")], found_only=found_only)


@st.cache_resource(show_spinner=False, max_entries=2048)
def _marker_html(digest: str, pair: int, _src: Source) -> str:
    result = shared(_src)
    m = result.markers
    row = result.answers.set_index("pair").loc[pair]
    labels = {f.column: f.label for f in markers().families}
    return topicbars.render(row, labels, m[(m["pair"] == pair) & (m["role"] == "answer")], kind="marker")


def marker_html(src: Source, pair: int) -> str:
    return _marker_html(src.digest, pair, src)


@st.cache_resource(show_spinner=False, max_entries=2048)
def _unit_html(
    digest: str, pair: int, role: str, layers: tuple[str, ...], selected: int | None, _src: Source,
    hide: tuple[tuple[str, str], ...] = (),
) -> str:
    result = shared(_src)
    c, t, m, s = result.contributions, result.terms, result.markers, result.sentences
    marks = highlight.spans(
        c[(c["pair"] == pair) & (c["role"] == role)],
        t[(t["pair"] == pair) & (t["role"] == role)],
        s[(s["pair"] == pair) & (s["role"] == role)],
        topic_labels={topic.slug: topic.label for topic in dictionary().topics},
        layers=layers,
        selected=selected,
        markers=m[(m["pair"] == pair) & (m["role"] == role)],
        families=family_labels(),
    )
    body = result.answers.set_index("pair").loc[pair, role]
    body = body if isinstance(body, str) else ""
    if "markers" in layers and role == "answer":  # challenges to the question's premise (analysis.alignment)
        premises = _shared_alignment(_src.digest, markers().sha256, _src).premises
        for start, end, written in premises.loc[premises["pair"] == pair, ["start", "end", "text"]].itertuples(index=False):
            marks.append(highlight.marker(int(start), int(end), PREMISE_LABEL, written))
    if hide:  # the workshop's hidden names: replaced in the rendering only
        marks += [highlight.redaction(s, e, alias) for s, e, alias in anonymise.name_spans(body, dict(hide))]
    return highlight.render(body, marks, numbers="numbers" in layers, role=role)


PREMISE_LABEL = "Challenge to the question's premise"


def _answer_sentences(src: Source, pair: int):
    s = shared(src).sentences
    return s[(s["pair"] == pair) & (s["role"] == "answer")]


def sentence_chart(src: Source, pair: int, selected: int | None):
    return _sentence_chart(src.digest, pair, selected, src.id, src)


def topic_html(src: Source, pair: int, *, found_only: bool = False) -> str:
    return _topic_html(src.digest, pair, found_only, src)


def answer_html(src: Source, pair: int, layers: list[str], selected: int | None) -> str:
    return _unit_html(src.digest, pair, "answer", tuple(sorted(layers)), selected, src)


def question_html(src: Source, pair: int, layers: list[str], hide: dict[str, str] | None = None) -> str:
    return _unit_html(src.digest, pair, "question", tuple(sorted(layers)), None, src, tuple(sorted((hide or {}).items())))


def workshop_html(src: Source, pair: int, layers: list[str], hide: dict[str, str] | None = None) -> str:
    """The answer for the workshop view (no sentence mark), names hidden when ``hide`` is given."""
    return _unit_html(src.digest, pair, "answer", tuple(sorted(layers)), None, src, tuple(sorted((hide or {}).items())))


# --- Compare -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class SideSpec:
    """A side as chosen on the Compare page (hashable, so results can be cached by it)."""

    doc: str
    kind: str
    pairs: tuple[int, ...] = ()
    speaker: str | None = None
    topic: str | None = None
    threshold: float | None = None


def side(spec: SideSpec) -> sides_mod.Side:
    src = sources.sources().get(spec.doc, sources.default_source())
    return _side(src.digest, spec, src)


@st.cache_data(show_spinner=False, max_entries=256)
def _side(digest: str, spec: SideSpec, _src: Source) -> sides_mod.Side:
    result = analyze(_src)
    return sides_mod.select(
        parse(_src), document=_src.id, kind=spec.kind, pairs=spec.pairs, speaker=spec.speaker,
        topic=spec.topic, threshold=spec.threshold, answers=result.answers,
    )


@st.cache_data(show_spinner="Comparing…", max_entries=128)
def keyness(a: SideSpec, b: SideSpec, digests: tuple[str, str], ngrams: str, stopwords: str, min_count: int):
    return keyness_mod.compare(side(a), side(b), ngrams=ngrams, stopwords=stopwords, min_count=min_count)


def side_sentences(spec: SideSpec, s: sides_mod.Side):
    src = sources.sources().get(spec.doc, sources.default_source())
    return profiles.side_sentences(analyze(src).sentences, ((u.pair, u.role) for u in s.units))

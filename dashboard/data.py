"""The one cache boundary between the pages and ``analysis``: parse and measure once per content.

Every cached call is keyed by :func:`key`: the document's content hash (``Source.digest``, which
covers its columns, format and corrections) and the hashes of the settings (topic dictionary,
marker families). The bytes themselves are passed unhashed (a leading underscore).

- :func:`parse` and :func:`analyze` (``st.cache_data``: each caller gets its own copy);
- :func:`shared`: the one :class:`~analysis.result.Analysis` of a document that every page reads
  without copying (``st.cache_resource``). Its document measures (alignment, actors, framing,
  diagnostics) are computed the first time a page asks and kept on it, so they are cached with it;
- the per-answer HTML and figure (:func:`unit_html`, :func:`sentence_chart`, :func:`topic_html`,
  :func:`marker_html`, :func:`framing_html`), built from ``Analysis.unit`` like the report;
- the Compare page's sides and what is computed from them (:class:`SideSpec`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from analysis.comparison import bootstrap, concordance
from analysis.comparison import keyness as keyness_mod
from analysis.comparison import sides as sides_mod
from analysis.document import actors as actors_mod
from analysis.document import diagnostics
from analysis.document.alignment import Alignment
from analysis.pipeline import run
from analysis.result import Analysis, Role
from analysis.sentence import markers as markers_mod
from analysis.sentence import sentiment, topics
from analysis.transcripts import Document, parse_bytes
from render import charts, highlight, topicbars
from render.badges import question_framing

from . import anonymise, memory, sources
from .sources import Source

# Analyses kept: a document has at most 2,000,000 characters (analysis.transcripts.MAX_DOCUMENT_CHARS),
# whose analysis is some 60 MB pickled here and as much again in shared(): 16 of them stay under 2 GB.
ANALYSES_KEPT = 16
# Per-answer pieces kept (HTML and figures): a workshop revisits the same answers many times.
PIECES_KEPT = 2048


# --- settings: what every result depends on ------------------------------------------------------
@st.cache_resource(show_spinner=False)
def dictionary() -> topics.Dictionary:
    return topics.load_dictionary()


@st.cache_resource(show_spinner=False)
def markers() -> markers_mod.Markers:
    return markers_mod.load_markers()


@st.cache_resource(show_spinner=False)
def actor_list() -> actors_mod.ActorList:
    return actors_mod.load_actors()


@st.cache_resource(show_spinner=False)
def analyzer_ready() -> str:
    """Load VADER once per process; returns the lexicon's source for display."""
    sentiment.load_analyzer()
    return sentiment.lexicon().source


def key(src: Source) -> tuple[str, str, str, str]:
    """What every cached result of ``src`` is keyed by: its content (bytes, who asks, columns, format,
    corrections: ``Source.digest``), its file name (it names the format and the document column) and
    the settings' hashes."""
    return src.digest, src.name, dictionary().sha256, markers().sha256


def topic_labels() -> dict[str, str]:
    """``topic_<slug>`` column -> the topic's readable label, in dictionary order."""
    return {t.column: t.label for t in dictionary().topics}


def family_labels() -> dict[str, tuple[str, str]]:
    """Marker family slug -> (label, SemEval technique or "")."""
    return {f.slug: (f.label, f.technique) for f in markers().families}


# --- parse and analyse ---------------------------------------------------------------------------
@st.cache_data(show_spinner=False, max_entries=64)
def _parse(digest: str, name: str, _src: Source) -> Document:
    with memory.released_after(len(_src.data)):
        return parse_bytes(
            _src.data, name=_src.name, format=_src.format, interviewer=list(_src.interviewer) or None,
            speaker_column=_src.columns[0], text_column=_src.columns[1], corrections=_src.corrections,
        )


@st.cache_data(show_spinner="Measuring every answer…", max_entries=ANALYSES_KEPT)
def _analyze(k: tuple[str, str, str, str], _src: Source) -> Analysis:
    doc = parse(_src)
    with memory.released_after(len(_src.data)):
        return run.analyze(doc, document=_src.name, dictionary=dictionary(), markers=markers())


def parse(src: Source) -> Document:
    return _parse(src.digest, src.name, src)


def analyze(src: Source) -> Analysis:
    """The analysis of ``src``, a copy of the cached one (the caller may change it)."""
    analyzer_ready()
    return _analyze(key(src), src)


@st.cache_resource(show_spinner=False, max_entries=ANALYSES_KEPT)
def _shared(k: tuple[str, str, str, str], _src: Source) -> Analysis:
    return analyze(_src)


def shared(src: Source) -> Analysis:
    """The one analysis of ``src`` that the pages read (never change it): no copy per read, and the
    document measures it computes when first asked (alignment, actors, ...) are kept on it."""
    return _shared(key(src), src)


def parse_upload(
    data: bytes, name: str, interviewer: tuple[str, ...] = (), corrections: tuple = (), *,
    columns: tuple[str | None, str | None] = (None, None),
) -> Document:
    return parse(Source("", "", name, data, interviewer, columns=columns, corrections=tuple(corrections)))


# --- document measures (kept on the shared analysis) ---------------------------------------------
def alignment(src: Source) -> Alignment:
    return shared(src).alignment


def alignment_row(src: Source, pair: int) -> pd.Series:
    """One answer's alignment (a row of the alignment's answers frame)."""
    return _by_pair(shared(src).alignment.answers).loc[pair]


def actors(src: Source) -> actors_mod.Actors:
    """The document's actor mentions and their tables, for the shipped actor list."""
    return shared(src).actors(actor_list())


@st.cache_data(show_spinner=False, max_entries=256)
def _actor_sentences(k: tuple, actors_sha: str, actor: str, role: str, _src: Source) -> pd.DataFrame:
    return actors_mod.sentences_for(shared(_src), actors(_src).mentions, actor, role=role)


def actor_sentences(src: Source, actor: str, *, role: actors_mod.Role = "answer") -> pd.DataFrame:
    """The sentences of ``role`` (answers, questions or both) that mention ``actor``."""
    return _actor_sentences(key(src), actor_list().sha256, actor, role, src)


@st.cache_data(show_spinner=False)
def example_scores(sentences: tuple[str, ...]) -> pd.DataFrame:
    """The Methods page's worked examples, scored by the same code."""
    return diagnostics.example_scores(list(sentences))


# --- one answer: HTML and figure (kept for the life of the process; never changed by the pages) ---
@st.cache_resource(show_spinner=False, max_entries=PIECES_KEPT)
def _unit_html(
    k: tuple, pair: int, role: Role, layers: tuple[str, ...], selected: int | None,
    hide: tuple[tuple[str, str], ...], _src: Source,
) -> str:
    unit = shared(_src).unit(pair, role)
    redactions = anonymise.name_spans(unit.text, dict(hide)) if hide else ()  # the workshop's hidden names
    return highlight.unit_html(
        unit, layers=layers, selected=selected, redactions=redactions, speakers=_answer_speakers(_src, pair, role, hide, unit.text),
        topic_labels={topic.slug: topic.label for topic in dictionary().topics}, families=family_labels(),
    )


def _answer_speakers(
    src: Source, pair: int, role: Role, hide: tuple[tuple[str, str], ...], text: str
) -> tuple[tuple[int, str], ...]:
    """Where each speaker's part of an answer by several begins (none for one speaker, or a question); in
    the workshop (``hide``), each named by their alias."""
    if role != "answer":
        return ()
    pairs = parse(src).pairs
    if not 1 <= pair <= len(pairs) or pairs[pair - 1].pair != pair:
        return ()
    aliases = dict(hide)
    return highlight.speaker_parts([(aliases.get(a.speaker, a.speaker), a.text) for a in pairs[pair - 1].answers], text)


def unit_html(
    src: Source, pair: int, *, role: Role = "answer", layers: list[str], selected: int | None = None,
    hide: dict[str, str] | None = None,
) -> str:
    """Pair ``pair``'s answer (or question) with the ``layers`` marked, sentence ``selected``
    highlighted and the names of ``hide`` replaced by their aliases (in the rendering only)."""
    return _unit_html(key(src), pair, role, tuple(sorted(layers)), selected, tuple(sorted((hide or {}).items())), src)


@st.cache_resource(show_spinner=False, max_entries=PIECES_KEPT)
def _sentence_chart(k: tuple, pair: int, selected: int | None, tag: str, _src: Source):
    unit = shared(_src).unit(pair)
    return charts.sentence_bars(unit.sentences, selected=selected, tag=tag, alignment=unit.alignment)


def sentence_chart(src: Source, pair: int, selected: int | None):
    return _sentence_chart(key(src), pair, selected, src.id, src)


@st.cache_resource(show_spinner=False, max_entries=PIECES_KEPT)
def _topic_html(k: tuple, pair: int, found_only: bool, _src: Source) -> str:
    unit = shared(_src).unit(pair)
    return topicbars.render(unit.row, topic_labels(), unit.terms, found_only=found_only)


def topic_html(src: Source, pair: int, *, found_only: bool = False) -> str:
    return _topic_html(key(src), pair, found_only, src)


@st.cache_resource(show_spinner=False, max_entries=PIECES_KEPT)
def _marker_html(k: tuple, pair: int, _src: Source) -> str:
    unit = shared(_src).unit(pair)
    labels = {f.column: f.label for f in markers().families}
    return topicbars.render(unit.row, labels, unit.markers, kind="marker")


def marker_html(src: Source, pair: int) -> str:
    return _marker_html(key(src), pair, src)


def framing_html(src: Source, pair: int) -> str:
    """The question's tone and loaded words beside the answer's (kept on the shared analysis)."""
    return question_framing(shared(src).framing(pair))


@st.cache_data(show_spinner="Writing the report…", max_entries=16)
def _report_html(k: tuple, _src: Source) -> str:
    from render import report, report_sections

    result = shared(_src)
    return report.build(
        parse(_src), result, source_name=_src.name, document_sha256=_src.digest, dictionary=dictionary(),
        extras=report_sections.standard(result),
    )


def report_html(src: Source) -> str:
    """The standalone HTML report of a document (built when first asked for, then cached)."""
    return _report_html(key(src), src)


def _by_pair(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.set_index("pair")


# --- Compare -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class SideSpec:
    """A side as chosen on the Compare page (hashable, so results can be cached by it)."""

    doc: str
    kind: str
    pairs: tuple[int, ...] = ()
    speaker: str | None = None
    topic: str | None = None
    threshold: float | None = None

    def source(self) -> Source:
        return sources.sources().get(self.doc, sources.default_source())


@st.cache_data(show_spinner=False, max_entries=256)
def _side(k: tuple, spec: SideSpec, _src: Source) -> sides_mod.Side:
    return sides_mod.select(
        parse(_src), document=_src.id, kind=spec.kind, pairs=spec.pairs, speaker=spec.speaker,
        topic=spec.topic, threshold=spec.threshold, answers=shared(_src).answers,
    )


def side(spec: SideSpec) -> sides_mod.Side:
    src = spec.source()
    return _side(key(src), spec, src)


def _keys(*specs: SideSpec) -> tuple:
    return tuple(key(s.source()) for s in specs)


@st.cache_data(show_spinner="Comparing…", max_entries=128)
def _keyness(keys: tuple, a: SideSpec, b: SideSpec, ngrams: str, stopwords: str, min_count: int) -> pd.DataFrame:
    return keyness_mod.compare(side(a), side(b), ngrams=ngrams, stopwords=stopwords, min_count=min_count)


def keyness(a: SideSpec, b: SideSpec, *, ngrams: str, stopwords: str, min_count: int) -> pd.DataFrame:
    """Distinctive terms of side ``a`` against side ``b`` (weighted log-odds)."""
    return _keyness(_keys(a, b), a, b, ngrams, stopwords, min_count)


@st.cache_data(show_spinner=False, max_entries=256)
def _side_sentences(keys: tuple, spec: SideSpec) -> pd.DataFrame:
    return bootstrap.side_sentences(shared(spec.source()).sentences, ((u.pair, u.role) for u in side(spec).units))


def side_sentences(spec: SideSpec) -> pd.DataFrame:
    """The sentences of a side's units (with their tone and topic rates)."""
    return _side_sentences(_keys(spec), spec)


@st.cache_data(show_spinner=False, max_entries=128)
def _topic_profile(keys: tuple, a: SideSpec, b: SideSpec) -> pd.DataFrame:
    return bootstrap.topic_profile(side_sentences(a), side_sentences(b), labels=topic_labels())


def topic_profile(a: SideSpec, b: SideSpec) -> pd.DataFrame:
    """Topic rates of both sides with bootstrap intervals (the same resamples on every rerun)."""
    return _topic_profile(_keys(a, b), a, b)


@st.cache_data(show_spinner=False, max_entries=256)
def _kwic(keys: tuple, spec: SideSpec, term: str, width: int) -> pd.DataFrame:
    return concordance.kwic(side(spec).units, term, width=width)


def kwic(spec: SideSpec, term: str, *, width: int) -> pd.DataFrame:
    return _kwic(_keys(spec), spec, term, width)


@st.cache_data(show_spinner=False, max_entries=256)
def _collocations(keys: tuple, a: SideSpec, b: SideSpec, term: str, measure: str) -> pd.DataFrame:
    return concordance.collocations(side(a).units + side(b).units, term, measure=measure)


def collocations(a: SideSpec, b: SideSpec, term: str, *, measure: concordance.Measure) -> pd.DataFrame:
    """Collocations of ``term`` in both sides together."""
    return _collocations(_keys(a, b), a, b, term, measure)

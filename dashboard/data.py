"""Cached boundary between the pages and ``analysis``: parse and measure once per content.

Keys are the content hash (plus the interviewer override), so switching answers or pages never
re-parses or re-measures; the bytes themselves are passed unhashed (leading underscore).
"""

from __future__ import annotations

import streamlit as st

from analysis import frames, sentiment, topics
from analysis.transcripts import Document, parse_bytes

from .sources import Source


@st.cache_resource(show_spinner=False)
def dictionary() -> topics.Dictionary:
    return topics.load_dictionary()


@st.cache_resource(show_spinner=False)
def analyzer_ready() -> str:
    """Load VADER once per process; returns the lexicon's source for display."""
    sentiment.load_analyzer()
    return sentiment.lexicon().source


@st.cache_data(show_spinner=False, max_entries=64)
def _parse(digest: str, _data: bytes, name: str, interviewer: tuple[str, ...]) -> Document:
    return parse_bytes(_data, name=name, interviewer=list(interviewer) or None)


@st.cache_data(show_spinner="Measuring every answer…", max_entries=64)
def _analyze(digest: str, _data: bytes, name: str, interviewer: tuple[str, ...], dictionary_sha: str) -> frames.Analysis:
    doc = _parse(digest, _data, name, interviewer)
    return frames.analyze(doc, document=name, dictionary=dictionary())


def parse(src: Source) -> Document:
    return _parse(src.digest, src.data, src.name, src.interviewer)


def analyze(src: Source) -> frames.Analysis:
    analyzer_ready()
    return _analyze(src.digest, src.data, src.name, src.interviewer, dictionary().sha256)


def parse_upload(data: bytes, name: str, interviewer: tuple[str, ...] = ()) -> Document:
    import hashlib

    return _parse(hashlib.sha256(data).hexdigest(), data, name, interviewer)


def topic_labels() -> dict[str, str]:
    """``topic_<slug>`` column -> the topic's readable label, in dictionary order."""
    return {t.column: t.label for t in dictionary().topics}

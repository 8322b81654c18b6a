"""Which documents this session can use: the default interview and the user's uploads.

Per-user UI state only (``st.session_state``): uploads live in the session that added them.
"""

from __future__ import annotations

import functools
import hashlib
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import streamlit as st

from analysis.transcripts import DEFAULT_DOCUMENT

DEFAULT_ID = "bezrukov-2018"
UPLOADS_KEY = "uploads"


@dataclass(frozen=True)
class Source:  # noqa: PLW1641 (digest is cached on the instance)
    id: str
    label: str
    name: str
    data: bytes
    interviewer: tuple[str, ...] = ()

    @functools.cached_property
    def digest(self) -> str:
        return hashlib.sha256(self.data + "\x00".join(self.interviewer).encode()).hexdigest()


@cache
def default_source() -> Source:
    return Source(DEFAULT_ID, "Bezrukov interview, PICREADI 2018 (default)", DEFAULT_DOCUMENT.name, DEFAULT_DOCUMENT.read_bytes())


def sources() -> dict[str, Source]:
    """The default interview, this session's uploads and, when one is chosen (``?doc=`` or the chooser),
    a document of the corpus library."""
    out = {DEFAULT_ID: default_source()}
    out.update(st.session_state.get(UPLOADS_KEY, {}))
    wanted = st.session_state.get("doc") or st.query_params.get("doc")
    if wanted and wanted not in out and (src := library_source(wanted)) is not None:
        out[wanted] = src
    return out


def library_source(doc_id: str) -> Source | None:
    """A document of the corpus library as a source (None if the library has no such id)."""
    from . import store

    found = store.document(doc_id)
    if found is None:
        return None
    record, data = found
    return Source(record.id, f"{record.name} (library)", record.name, data)


def add_upload(name: str, data: bytes, interviewer: tuple[str, ...]) -> Source:
    """Keep an upload for this session; its id is a prefix of its content hash (stable in links).
    Refused in read-only mode."""
    from . import store

    if store.read_only():
        from analysis.errors import DiscourseError

        raise DiscourseError("This dashboard is read-only: uploads are turned off.")
    digest = hashlib.sha256(data + "\x00".join(interviewer).encode()).hexdigest()
    slug = re.sub(r"[^a-z0-9]+", "-", Path(name).stem.lower()).strip("-")[:40] or "upload"
    src = Source(f"{slug}-{digest[:6]}", f"{name} (uploaded)", name, data, interviewer)
    uploads = dict(st.session_state.get(UPLOADS_KEY, {}))
    uploads[src.id] = src
    st.session_state[UPLOADS_KEY] = uploads
    return src


def current() -> Source:
    return sources().get(st.session_state.get("doc", DEFAULT_ID), default_source())

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
    for key in CHOOSERS:
        wanted = st.session_state.get(key) or st.query_params.get(key)
        if wanted and wanted not in out and (src := library_source(wanted)) is not None:
            out[wanted] = src
    return out


# The widgets (and URL parameters) that name a document: the sidebar's chooser, the Compare page's sides.
CHOOSERS = ("doc", "a-doc", "b-doc")


def library_source(doc_id: str) -> Source | None:
    """A document of the corpus library as a source (None if the library has no such id)."""
    from . import store

    found = store.document(doc_id)
    if found is None:
        return None
    record, data = found
    return Source(record.id, f"{record.title or record.name} (library)", record.name, data)


def add_upload(name: str, data: bytes, interviewer: tuple[str, ...], *, title: str | None = None) -> Source:
    """Keep an upload for this session; its id is a prefix of its content hash (stable in links) and
    its label the document's own title when the parser found one, else the file name.
    Refused in read-only mode."""
    from . import store

    if store.read_only():
        from analysis.errors import DiscourseError

        raise DiscourseError("This dashboard is read-only: uploads are turned off.")
    digest = hashlib.sha256(data + "\x00".join(interviewer).encode()).hexdigest()
    slug = re.sub(r"[^a-z0-9]+", "-", Path(name).stem.lower()).strip("-")[:40] or "upload"
    src = Source(f"{slug}-{digest[:6]}", f"{title or name} (uploaded)", name, data, interviewer)
    uploads = dict(st.session_state.get(UPLOADS_KEY, {}))
    uploads[src.id] = src
    st.session_state[UPLOADS_KEY] = uploads
    return src


def current() -> Source:
    return sources().get(st.session_state.get("doc", DEFAULT_ID), default_source())


MISSING_KEY = "missing-doc"


def missing() -> str | None:
    """The id of a document that a link (``?doc=``) or the session asks for but this session cannot
    open: an upload of a session that has ended, or an id the library does not have. Kept until the
    user chooses a document, so the notice outlives the chooser's fallback to the default."""
    wanted = st.session_state.get("doc") or st.query_params.get("doc")
    if wanted and wanted not in sources():
        st.session_state[MISSING_KEY] = wanted
    return st.session_state.get(MISSING_KEY)


def forget_missing() -> None:
    st.session_state.pop(MISSING_KEY, None)


def missing_notice(doc_id: str) -> None:
    """Say that ``doc_id`` cannot be opened and what to do, then stop the page: the default interview
    is never shown silently in its place."""
    from . import ui

    st.warning(
        f"The document **{ui.md_escape(doc_id)}** of this link is not available. An uploaded transcript lives only "
        "in the browser session that added it; this one has ended (or the link names a document this library does "
        "not have). Upload the file again (its link stays the same), and choose *Keep it in the library* on the "
        "Upload page so that the link keeps working in later sessions."
    )
    a, b = st.columns(2)
    a.page_link("views/upload.py", label="Upload it again")
    b.button("Open the default interview instead", key="missing-default", on_click=forget_missing)
    st.stop()

"""Which documents this session can use: the default interview, uploads and the library's documents.

An upload is kept in the session that added it and, so that a reload (a new Streamlit session) or the
link opened again on this server finds it, in a bounded store of the server process
(:class:`KeptUploads`: the most recent uploads, oldest dropped first, gone when the server restarts).
A document is found by its id: the upload's (a slug of its file name and a prefix of its content hash)
or the library's.
"""

from __future__ import annotations

import functools
import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import streamlit as st

from analysis.transcripts import DEFAULT_DOCUMENT, PASTED
from analysis.transcripts import pasted_name as numbered_paste
from analysis.transcripts import corrections as fixes

DEFAULT_ID = "bezrukov-2018"
UPLOADS_KEY = "uploads"


@dataclass(frozen=True)
class Source:  # noqa: PLW1641 (digest is cached on the instance)
    id: str
    label: str
    name: str
    data: bytes
    interviewer: tuple[str, ...] = ()
    # A table's speaker and text columns chosen on the Upload page ((None, None): found by the parser).
    columns: tuple[str | None, str | None] = (None, None)
    # A library document's stored format (documents.format): it is parsed as it was when added, whatever
    # its name is now (a rename to another extension must not change how it reads). None: by content
    # and the name's extension, as for an upload.
    format: str | None = None
    # The user's corrections (analysis.transcripts.corrections), applied wherever the document is parsed.
    corrections: tuple = ()

    @functools.cached_property
    def digest(self) -> str:
        """The cache key of everything made from this document: its bytes, who asks, the columns chosen,
        its stored format and its corrections."""
        tail = b"\x01" + self.format.encode() if self.format else b""
        return hashlib.sha256(
            self.data + _extra_key(self.interviewer, self.corrections) + _columns_key(self.columns) + tail
        ).hexdigest()


def _extra_key(interviewer: tuple[str, ...], corrections: tuple) -> bytes:
    return ("\x00".join(interviewer) + ("\x01" + fixes.key(corrections) if corrections else "")).encode()


def _columns_key(columns: tuple[str | None, str | None]) -> bytes:
    """Nothing for the parser's own columns (so digests and ids stay as they were), else the choice."""
    return b"" if columns == (None, None) else ("\x01" + "\x00".join(c or "" for c in columns)).encode()


@cache
def default_source() -> Source:
    return Source(DEFAULT_ID, "Bezrukov interview, PICREADI 2018 (default)", DEFAULT_DOCUMENT.name, DEFAULT_DOCUMENT.read_bytes())


class KeptUploads:
    """The server's most recent uploads by id, within ``max_count`` documents and ``max_bytes`` bytes
    (the least recently added or used go first). Shared by the sessions of one server process."""

    def __init__(self, *, max_count: int, max_bytes: int) -> None:
        self.max_count, self.max_bytes = max_count, max_bytes
        self._kept: OrderedDict[str, Source] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, src: Source) -> None:
        with self._lock:
            self._kept[src.id] = src
            self._kept.move_to_end(src.id)
            while len(self._kept) > self.max_count or self._bytes() > self.max_bytes:
                self._kept.popitem(last=False)

    def _bytes(self) -> int:
        """The bytes held: the corrected versions of an upload share its bytes, counted once."""
        return sum(len(d) for d in {id(k.data): k.data for k in self._kept.values()}.values())

    def all(self) -> list[Source]:
        with self._lock:
            return list(self._kept.values())

    def get(self, doc_id: str) -> Source | None:
        with self._lock:
            src = self._kept.get(doc_id)
            if src is not None:
                self._kept.move_to_end(doc_id)
            return src


# An upload is at most 20 MB (.streamlit/config.toml); 32 of them or 200 MB, whichever comes first, keep
# a workshop's or a newsroom's day of uploads without letting the server's memory grow without bound.
KEPT_UPLOADS = 32
KEPT_UPLOAD_BYTES = 200 * 2**20


@st.cache_resource(show_spinner=False)
def kept_uploads() -> KeptUploads:
    return KeptUploads(max_count=KEPT_UPLOADS, max_bytes=KEPT_UPLOAD_BYTES)


def sources() -> dict[str, Source]:
    """The default interview, this session's uploads and, when one is asked for (``?doc=``, the chooser or
    a Compare side), an upload the server still keeps or a document of the corpus library."""
    out = {DEFAULT_ID: _library_corrections(default_source())}  # the default interview corrected on the Library page
    out.update({k: _library_corrections(v) for k, v in st.session_state.get(UPLOADS_KEY, {}).items()})
    for key in CHOOSERS:
        wanted = st.session_state.get(key) or st.query_params.get(key)
        if wanted and wanted not in out:
            kept = kept_uploads().get(wanted)
            if (src := _library_corrections(kept) if kept is not None else library_source(wanted)) is not None:
                out[wanted] = src
    return out


def _library_corrections(src: Source) -> Source:
    """An uncorrected upload (or the default interview) that was kept in the library has the library's
    id (its name and content): the corrections made there apply to it too."""
    if src.corrections:
        return src
    from dataclasses import replace

    from . import store

    fixed = store.corrections(src.id)
    return replace(src, corrections=fixed) if fixed else src


# The widgets (and URL parameters) that name a document: the sidebar's chooser, the Compare page's sides.
CHOOSERS = ("doc", "a-doc", "b-doc")


def library_source(doc_id: str) -> Source | None:
    """A document of the corpus library as a source (None if the library has no such id)."""
    from analysis.store import library

    from . import store

    found = store.document(doc_id)
    if found is None:
        return None
    record, data, corrections = found
    return Source(
        record.id, f"{record.title or record.name} (library)", record.name, data,
        format=library.stored_format(record), corrections=corrections,
    )


def upload_id(
    name: str, data: bytes, interviewer: tuple[str, ...] = (), corrections: tuple = (),
    columns: tuple[str | None, str | None] = (None, None),
) -> str:
    """An upload's id: a slug of its name and a prefix of the hash of its content (stable in links), of
    the columns chosen and of its corrections, if any: a corrected upload is another document (the
    server's kept uploads are shared by every session, so one person's corrections never change what
    another's link shows)."""
    digest = hashlib.sha256(data + _extra_key(interviewer, corrections) + _columns_key(columns)).hexdigest()
    slug = re.sub(r"[^a-z0-9]+", "-", Path(name).stem.lower()).strip("-")[:40] or "upload"
    return f"{slug}-{digest[:6]}"


def add_upload(
    name: str, data: bytes, interviewer: tuple[str, ...], *, title: str | None = None, corrections: tuple = (),
    columns: tuple[str | None, str | None] = (None, None),
) -> Source:
    """Keep an upload for this session; its id is a prefix of its content hash (stable in links) and
    its label the document's own title when the parser found one, else the file name.
    Refused in read-only mode."""
    from . import store

    if store.read_only():
        from analysis.errors import DiscourseError

        raise DiscourseError("This dashboard is read-only: uploads are turned off.")
    src = Source(
        upload_id(name, data, interviewer, tuple(corrections), columns), f"{title or name} (uploaded)", name, data,
        interviewer, columns=columns, corrections=tuple(corrections),
    )
    uploads = dict(st.session_state.get(UPLOADS_KEY, {}))
    uploads[src.id] = src
    st.session_state[UPLOADS_KEY] = uploads
    kept_uploads().add(src)
    return src


def current() -> Source:
    return sources().get(st.session_state.get("doc", DEFAULT_ID), default_source())


MISSING_KEY = "missing-doc"


def missing() -> str | None:
    """The id of a document that a link (``?doc=``) or the session asks for but this session cannot
    open: an upload the server no longer keeps (it restarted, or newer uploads took its place), or an id
    the library does not have. Kept until the user chooses a document."""
    wanted = st.session_state.get("doc") or st.query_params.get("doc")
    if wanted and wanted not in sources():
        st.session_state[MISSING_KEY] = wanted
    return st.session_state.get(MISSING_KEY)


def forget_missing() -> None:
    st.session_state.pop(MISSING_KEY, None)


def missing_notice(doc_id: str) -> None:
    """Say that ``doc_id`` cannot be opened and what to do, then stop the page: the default interview
    is never shown silently in its place. Drawn before the document chooser, so that the link keeps
    naming the document (the chooser would put its own choice in the URL)."""
    from . import ui

    st.warning(
        f"The document **{ui.md_escape(doc_id)}** of this link is not available. An uploaded transcript is kept "
        "by the dashboard's server only for a while (the most recent uploads, until the server restarts), and "
        "this one is gone (or the link names a document this library does not have). Upload the file again "
        "(its link stays the same), and choose *Keep it in the library* on the Upload page so that the link "
        "keeps working."
    )
    a, b = st.columns(2)
    a.page_link("views/upload.py", label="Upload it again")
    b.button("Open the default interview instead", key="missing-default", on_click=_open_default)
    st.stop()


def _open_default() -> None:
    forget_missing()
    st.session_state["doc"] = DEFAULT_ID
    try:
        del st.query_params["doc"]  # not bound: the chooser was not drawn on the notice's runs
    except (KeyError, st.errors.StreamlitAPIException):
        pass


# -- the Upload page's document: a file or pasted text, kept by the server with its corrections -------

UPLOAD_PARAM = "upload"  # the Upload page's document in its URL (/upload?upload=ID): a reload shows it again


def read_upload(name: str, data: bytes) -> Source:
    """A file or pasted text read on the Upload page, kept by the server (:class:`KeptUploads`) so that
    a reload finds it with the corrections made to it; the same bytes again keep their corrections.
    Refused in read-only mode."""
    from . import store

    if store.read_only():
        from analysis.errors import DiscourseError

        raise DiscourseError("This dashboard is read-only: uploads are turned off.")
    src = Source(upload_id(name, data), f"{name} (uploaded)", name, data)
    kept_uploads().add(src)
    return src


def pasted_name(data: bytes) -> str:
    """"Pasted text N": the next free number among the server's kept uploads (the same text pasted
    again keeps its name)."""
    names = {s.name for s in kept_uploads().all()}
    for src in kept_uploads().all():
        if src.data == data and src.name.startswith(PASTED):
            return src.name
    n = 1
    while numbered_paste(n) in names:
        n += 1
    return numbered_paste(n)


def set_upload_corrections(doc_id: str, corrections: tuple) -> Source | None:
    """The kept upload ``doc_id`` with these corrections instead of its own: a new kept upload (its id
    names the corrections too), or None if the server no longer has ``doc_id``."""
    src = kept_uploads().get(doc_id)
    if src is None:
        return None
    from dataclasses import replace

    corrections = tuple(corrections)
    src = replace(src, id=upload_id(src.name, src.data, src.interviewer, corrections), corrections=corrections)
    kept_uploads().add(src)
    return src

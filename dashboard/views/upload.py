"""Upload: add a transcript (a file or pasted text), check how it was parsed, correct it, then analyse it."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from analysis.errors import DiscourseError
from analysis.transcripts import EXTENSIONS, MAX_DOCUMENT_CHARS
from dashboard import columns as table_columns
from dashboard import corrections_ui, data, navigate, sources, store, ui

MAX_UPLOAD_MB = 20
KNOWN_EXTENSIONS = ", ".join(sorted(e.lstrip(".") for e in EXTENSIONS))


CURRENT = "upload-current"  # the id of the upload shown (also in the URL: ?upload=ID), kept by the server


def _keep(src: sources.Source, columns=(None, None)) -> None:
    """Button callback: store the file in the corpus library with its corrections so far and the table
    columns chosen (it is then listed on the Library page)."""
    src = sources.kept_uploads().get(src.id) or src
    try:
        st.session_state["kept"] = store.keep(src.name, src.data, src.corrections, columns).id
    except DiscourseError as e:
        st.session_state["kept"] = f"error: {e}"


def _use(src: sources.Source, title: str | None, columns=(None, None)) -> None:
    """Button callback: keep the upload for this session, then open it in the Reader at its first answer."""
    src = sources.kept_uploads().get(src.id) or src
    opened = sources.add_upload(
        src.name, src.data, src.interviewer, title=title, corrections=src.corrections, columns=columns
    )
    navigate.open_reader(doc=opened.id, rerun=False)


def _show(src: sources.Source) -> None:
    st.session_state[CURRENT] = src.id
    st.query_params[sources.UPLOAD_PARAM] = src.id


def _read_file() -> None:
    """The file picker's callback: the file becomes the upload shown (kept by the server)."""
    f = st.session_state.get("upload_file")
    if f is not None:
        _show(sources.read_upload(f.name, f.getvalue()))


def _read_pasted() -> None:
    """*Read pasted text*: the text goes the way of a file named "Pasted text N"."""
    text = st.session_state.get("paste-text") or ""
    if not text.strip():
        st.session_state["paste-empty"] = True
        return
    data = text.encode("utf-8")
    _show(sources.read_upload(sources.pasted_name(data), data))


st.markdown("## Add a transcript")
if store.read_only():
    st.info("This dashboard is read-only: uploads are turned off. The Library page lists the documents you can read.")
    st.stop()
st.markdown(
    "Plain text or Markdown with speaker labels (`Q:`/`A:`, `NAME:`, or questions and answers starting with "
    "`- `), HTML pages, Word `.docx`, PDF with a text layer, SRT/WebVTT captions, or JSON/JSONL/CSV rows with "
    f"speaker and text columns; up to {MAX_UPLOAD_MB} MB and {MAX_DOCUMENT_CHARS:,} characters of text (about "
    f"{MAX_DOCUMENT_CHARS // 6:,} words). The server keeps the file for a while (its link works after a reload); "
    "keep it in the library to keep it for good."
)
pick, paste = st.columns(2, gap="large")
with pick:
    st.file_uploader(
        "Transcript file", key="upload_file", max_upload_size=MAX_UPLOAD_MB, on_change=_read_file,
        # Any name: the format is recognised by content, and a text file with another extension (or
        # none: a transcription service's .log or .text export) is read as text, with a warning.
        help=f"Recognised by content; known extensions: {KNOWN_EXTENSIONS}. "
        "A text file with another extension is read as text, with a warning.",
    )
with paste:
    st.text_area("Or paste a transcript", key="paste-text", height=120, max_chars=MAX_UPLOAD_MB * 2**20,
                 placeholder="Q: Your question?\n\nA: The answer.")
    st.button("Read pasted text", key="paste-read", on_click=_read_pasted)
    if st.session_state.pop("paste-empty", False):
        st.warning("There is no text to read: paste a transcript first.")
wanted = st.session_state.get(CURRENT) or st.query_params.get(sources.UPLOAD_PARAM)
if not wanted:
    st.stop()
current = sources.kept_uploads().get(wanted)
if current is None:
    st.info(
        f"The upload {ui.md_escape(wanted)} of this link is no longer kept by the server (it restarted, or newer "
        "uploads took its place). Upload the file again, or paste its text."
    )
    st.stop()

name = current.name
payload = current.data
digest = hashlib.sha256(payload).hexdigest()[:12]
error: DiscourseError | None = None
try:
    doc = data.parse(current)
except DiscourseError as e:
    doc, error = None, e
# A table: its speaker and text columns, shown and chosen (an error that is not about them stops the page).
doc, columns = table_columns.choose(doc, payload, name, digest, error=error, corrections=current.corrections)

# The summary is drawn here but written after the correction of who asks below, so that it counts the
# pairs of the document as corrected.
summary = st.empty()
warnings = st.container()

def _save(doc_id: str, items: tuple) -> None:
    """The corrections panel's save: the upload with these corrections becomes the one shown."""
    if (src := sources.set_upload_corrections(doc_id, items)) is None:
        raise DiscourseError("The server no longer keeps this upload: upload it again.")
    _show(src)


corrections_ui.panel(
    doc, current.corrections, key=f"upload-fix-{hashlib.sha256(current.data).hexdigest()[:12]}",
    save=lambda items, doc_id=current.id: _save(doc_id, items),
)
askers = any(c.kind == "asks" for c in current.corrections)

summary.markdown(
    f"**{ui.md_escape(doc.title or name)}** · format *{doc.format}* · date {ui.md_escape(doc.date or 'unknown')} · "
    f"{len(doc.turns)} turns · {len(doc.qa_pairs)} question–answer pairs"
    + (" and the opening statements (pair 1)" if len(doc.pairs) > len(doc.qa_pairs) else "")
    + (" (with the questioners chosen below)" if askers else "")
)
if doc.warnings:
    with warnings:
        ui.notice(list(doc.warnings))

speakers = pd.DataFrame(
    [{"speaker": s.name, "role": s.role, "turns": sum(t.speaker == s.name for t in doc.turns)} for s in doc.speakers]
)
st.dataframe(speakers, hide_index=True)
preview = pd.DataFrame(
    [
        {
            "pair": p.pair,
            "asked by": p.asked_by or "(opening)",
            "answered by": "; ".join(p.answered_by),
            "question": (p.question or "")[:120],
            "answer words": len(p.answer.split()),
        }
        for p in doc.pairs
    ]
)
st.markdown("##### Pairs as parsed")
# Fixed widths for the short columns, the question takes the rest: left to the grid, the question's 120
# characters pushed "answer words" out of view at 1280 px and cut "CLINTON; SANDERS" to "CLINTON; SAN".
st.dataframe(
    preview, hide_index=True, height=min(600, 40 + 35 * len(preview)),
    column_config={
        "pair": st.column_config.NumberColumn(width=50),
        "asked by": st.column_config.TextColumn(width=150),
        "answered by": st.column_config.TextColumn(width=200),
        "answer words": st.column_config.NumberColumn(width=110),
        "question": st.column_config.TextColumn(width="large"),
    },
    column_order=["pair", "asked by", "answered by", "answer words", "question"],
)
left, right = st.columns(2)
left.button(
    "Analyse and open in the Reader", type="primary", key="use-upload",
    on_click=_use, args=(current, doc.title, columns),
)
right.button("Keep it in the library", key="keep-upload", on_click=_keep, args=(current, columns),
             help="Stores the file on this machine with its corrections, so that it is listed on the Library page "
             "in later sessions.")
if kept := st.session_state.pop("kept", None):
    if kept.startswith("error: "):
        st.error(ui.md_escape(kept.removeprefix("error: ")))
    else:
        st.success(f"Kept in the library as {ui.md_escape(kept)}.")

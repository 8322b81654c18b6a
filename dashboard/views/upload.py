"""Upload: add a transcript, check how it was parsed, correct who asks, then analyse it."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from analysis.errors import DiscourseError
from analysis.transcripts import EXTENSIONS, MAX_DOCUMENT_CHARS
from dashboard import columns as table_columns
from dashboard import data, navigate, sources, store, ui

MAX_UPLOAD_MB = 20


def _keep(name: str, payload: bytes) -> None:
    """Button callback: store the file in the corpus library (it is then listed on the Library page)."""
    try:
        st.session_state["kept"] = store.add_many([(name, payload)])[0][0].id
    except (DiscourseError, IndexError) as e:
        st.session_state["kept"] = f"error: {e}"


def _use(name: str, payload: bytes, askers: tuple[str, ...], title: str | None, columns=(None, None)) -> None:
    """Button callback: keep the upload for this session, then open it in the Reader at its first answer."""
    src = sources.add_upload(name, payload, askers, title=title, columns=columns)
    navigate.open_reader(doc=src.id, rerun=False)


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
upload = st.file_uploader(
    "Transcript file", type=[e.lstrip(".") for e in EXTENSIONS], key="upload_file", max_upload_size=MAX_UPLOAD_MB,
)
if upload is None:
    st.stop()

payload = upload.getvalue()
digest = hashlib.sha256(payload).hexdigest()[:12]
error: DiscourseError | None = None
try:
    doc = data.parse_upload(payload, upload.name)
except DiscourseError as e:
    doc, error = None, e
# A table: its speaker and text columns, shown and chosen (an error that is not about them stops the page).
doc, columns = table_columns.choose(doc, payload, upload.name, digest, error=error)

# The summary is drawn here but written after the correction of who asks below, so that it counts the
# pairs of the document as corrected.
summary = st.empty()
warnings = st.container()

askers: tuple[str, ...] = ()
if doc.format != "web-interview":
    inferred = [s.name for s in doc.speakers if s.role in ("interviewer", "moderator")]
    chosen = st.multiselect(
        "Who asks the questions? (turns by these speakers open a pair)",
        [s.name for s in doc.speakers],
        default=inferred,
        key=f"askers-{digest}",
        help="Inferred from 'Q' labels, a named moderator, or who mostly ends turns with a question. Correct it here.",
    )
    if sorted(chosen) != sorted(inferred):
        askers = tuple(chosen)
        try:
            doc = data.parse_upload(payload, upload.name, askers, columns=columns)
        except DiscourseError as e:
            st.error(ui.md_escape(str(e)))
            st.stop()

summary.markdown(
    f"**{ui.md_escape(doc.title or upload.name)}** · format *{doc.format}* · date {ui.md_escape(doc.date or 'unknown')} · "
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
st.dataframe(preview, hide_index=True, height=min(600, 40 + 35 * len(preview)))
left, right = st.columns(2)
left.button(
    "Analyse and open in the Reader", type="primary", key="use-upload",
    on_click=_use, args=(upload.name, payload, askers, doc.title, columns),
)
right.button("Keep it in the library", key="keep-upload", on_click=_keep, args=(upload.name, payload),
             help="Stores the file on this machine, so that it is listed on the Library page in later sessions.")
if kept := st.session_state.pop("kept", None):
    if kept.startswith("error: "):
        st.error(ui.md_escape(kept.removeprefix("error: ")))
    else:
        st.success(f"Kept in the library as {ui.md_escape(kept)}.")

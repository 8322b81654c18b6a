"""The Upload page's choice of a table's speaker and text columns (JSON, JSON Lines, CSV).

The parser finds the columns by name, then by content (``analysis.transcripts.tabular``); this shows
which it used and lets the user choose others, or, when it found none, choose them. The choice
re-parses the upload and goes with it into the session's and the server's kept uploads
(``sources.Source.columns``), so the Reader, the other pages and a reload read the same columns.
"""

from __future__ import annotations

import streamlit as st

from analysis.errors import DiscourseError
from analysis.transcripts import Document, detect_format
from analysis.transcripts.decode import decode
from analysis.transcripts.tabular import MISSING_COLUMNS, columns_of
from dashboard import data, ui

Columns = tuple[str | None, str | None]
TABLES = {"csv": "csv", "json": "json", "jsonl": "json"}


def _label(column: str) -> str:
    return column if column.strip() else "(column without a name)"


def _table_columns(payload: bytes, name: str) -> list[str]:
    """The columns of an upload that is a table, else []."""
    try:
        kind = TABLES.get(detect_format(payload, name=name))
        return columns_of(decode(payload, name=name), kind) if kind else []  # type: ignore[arg-type]
    except DiscourseError:
        return []


def choose(
    doc: Document | None, payload: bytes, name: str, key: str, *, error: DiscourseError | None = None,
    corrections: tuple = (),
) -> tuple[Document, Columns]:
    """For a table, two selectboxes (speaker, text) defaulting to the parser's columns; returns the
    document read with the chosen columns and the choice ((None, None): the parser's own). Other
    formats: ``doc`` unchanged and (None, None).

    ``doc`` None: the upload could not be read (``error``). A table whose columns were not found gets
    the two selectboxes without defaults; anything else shows the error and stops the page."""
    if doc is None:
        columns = _table_columns(payload, name) if MISSING_COLUMNS in str(error) else []
        found: Columns = (None, None)
        if len(columns) < 2:
            st.error(f"This file could not be read: {ui.md_escape(str(error))}")
            st.stop()
        st.warning(f"{ui.md_escape(str(error))} Choose the speaker and the text columns below.")
    else:
        columns = [str(c) for c in doc.metadata.get("columns", [])]
        found = (doc.metadata.get("speaker_column"), doc.metadata.get("text_column"))
        if not columns or found[0] not in columns or found[1] not in columns:
            return doc, (None, None)
    st.markdown("##### Columns of the table")
    left, right = st.columns(2)
    speaker = left.selectbox(
        "Speaker column", columns, index=columns.index(found[0]) if found[0] else None,
        key=f"speaker-column-{key}", format_func=_label, placeholder="Choose a column",
        help="The column of short, repeated values: who speaks in each row.",
    )
    text = right.selectbox(
        "Text column", columns, index=columns.index(found[1]) if found[1] else None,
        key=f"text-column-{key}", format_func=_label, placeholder="Choose a column",
        help="The column of what was said.",
    )
    if doc is not None and (speaker, text) == found:
        st.caption(
            f"Read the speaker from the column **{ui.md_escape(_label(speaker))}** and the text from "
            f"**{ui.md_escape(_label(text))}**, as the parser found them. Choose others above."
        )
        return doc, (None, None)
    if speaker is None or text is None:
        st.stop()  # nothing to show until both are chosen
    try:
        chosen = data.parse_upload(payload, name, corrections=corrections, columns=(speaker, text))
    except DiscourseError as e:
        st.error(f"The table could not be read with these columns: {ui.md_escape(str(e))}")
        if doc is None:
            st.stop()
        return doc, (None, None)
    found_note = (
        f" (the parser found {ui.md_escape(_label(found[0]))} and {ui.md_escape(_label(found[1]))})"
        if found[0] and found[1] else ""
    )
    st.caption(
        f"Read the speaker from the column **{ui.md_escape(_label(speaker))}** and the text from "
        f"**{ui.md_escape(_label(text))}**, as chosen here{found_note}."
    )
    return chosen, (speaker, text)

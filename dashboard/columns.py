"""The Upload page's choice of a table's speaker and text columns (JSON, JSON Lines, CSV).

The parser finds the columns by name, then by content (``analysis.transcripts.tabular``); this shows
which it used and lets the user choose others. The choice re-parses the upload and goes with it into
the session's and the server's kept uploads (``sources.Source.columns``), so the Reader, the other
pages and a reload read the same columns.
"""

from __future__ import annotations

import streamlit as st

from analysis.errors import DiscourseError
from analysis.transcripts import Document
from dashboard import data, ui

Columns = tuple[str | None, str | None]


def _label(column: str) -> str:
    return column if column.strip() else "(column without a name)"


def choose(doc: Document, payload: bytes, name: str, key: str) -> tuple[Document, Columns]:
    """For a table, two selectboxes (speaker, text) defaulting to the parser's columns; returns the
    document read with the chosen columns and the choice ((None, None): the parser's own). Other
    formats: ``doc`` unchanged and (None, None)."""
    meta = doc.metadata
    columns = [str(c) for c in meta.get("columns", [])]
    found = (meta.get("speaker_column"), meta.get("text_column"))
    if not columns or found[0] not in columns or found[1] not in columns:
        return doc, (None, None)
    st.markdown("##### Columns of the table")
    left, right = st.columns(2)
    speaker = left.selectbox(
        "Speaker column", columns, index=columns.index(found[0]), key=f"speaker-column-{key}", format_func=_label,
        help="The column of short, repeated values: who speaks in each row.",
    )
    text = right.selectbox(
        "Text column", columns, index=columns.index(found[1]), key=f"text-column-{key}", format_func=_label,
        help="The column of what was said.",
    )
    if (speaker, text) == found:
        st.caption(
            f"Read the speaker from the column **{ui.md_escape(_label(speaker))}** and the text from "
            f"**{ui.md_escape(_label(text))}**, as the parser found them. Choose others above."
        )
        return doc, (None, None)
    try:
        chosen = data.parse_upload(payload, name, columns=(speaker, text))
    except DiscourseError as e:
        st.error(f"The table could not be read with these columns: {e}")
        return doc, (None, None)
    st.caption(
        f"Read the speaker from the column **{ui.md_escape(_label(speaker))}** and the text from "
        f"**{ui.md_escape(_label(text))}**, as chosen here (the parser found "
        f"{ui.md_escape(_label(found[0]))} and {ui.md_escape(_label(found[1]))})."
    )
    return chosen, (speaker, text)

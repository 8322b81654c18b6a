"""Library: the documents kept on this machine, searched and paged; import, rename, tag, delete."""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from analysis.errors import DiscourseError
from analysis.store import library
from analysis.transcripts import EXTENSIONS
from dashboard import corrections_ui, navigate, store, ui

MAX_IMPORT_MB = 20  # per file, as on the Upload page (.streamlit/config.toml caps a request at 20 MB)
IMPORTED_KEY = "lib-imported"  # the last import's outcome (added count, failures), shown on the run after it
writable = not store.read_only()


def _open(doc_id: str) -> None:
    """Button callback: open the document in the Reader at its first answer."""
    navigate.open_reader(doc=doc_id, rerun=False)


st.markdown("## Library")
# A public (read-only) dashboard does not tell its visitors where its files are on the server.
where = "on this server" if not writable else f"in {ui.md_escape(str(library.default_path()))} (set `DISCOURSE_LIBRARY` to use another file)"
st.caption(
    f"Documents kept {where}. Analyses are kept with them, keyed by the document's content and the analysis "
    "settings, so an unchanged document is never analysed twice."
)
if not writable:
    st.info("Read-only dashboard: importing, renaming, tagging and deleting are turned off.")

try:
    all_tags = store.tags()
except DiscourseError as e:
    st.error(ui.md_escape(str(e)))
    st.stop()

c1, c2 = st.columns([3, 2])
query = c1.text_input("Search (id, name, title or tag)", key="lib-query")
tag = c2.selectbox("Tag", [None] + [t for t, _ in all_tags], format_func=lambda t: "any tag" if t is None else t, key="lib-tag")
# A new search starts on page 1.
if st.session_state.get("lib-last") != (query, tag):
    st.session_state["lib-last"] = (query, tag)
    st.session_state["lib-page"] = 1
records, total = store.page(query, tag, 1)
pages = max(1, math.ceil(total / store.PAGE_SIZE))
if int(st.session_state.get("lib-page", 1)) > pages:  # fewer pages than before (a narrower search, a deletion)
    st.session_state["lib-page"] = pages
number = int(st.number_input(f"Page (of {pages})", min_value=1, max_value=pages, step=1, key="lib-page"))
if number != 1:
    records, total = store.page(query, tag, number)
st.caption(f"{total:,} document{'s' if total != 1 else ''} match · {store.PAGE_SIZE} per page")

# The title before the name: at 1280 px a long title is what a cut-off right edge would hide.
table = pd.DataFrame(
    [{"id": r.id, "title": r.title or "", "name": r.name, "format": r.format, "KB": round(r.size / 1024, 1),
      "tags": ", ".join(r.tags), "added": r.added_at[:16].replace("T", " ")} for r in records],
    columns=["id", "title", "name", "format", "KB", "tags", "added"],
)
picked = st.dataframe(table, hide_index=True, key="lib-table", on_select="rerun", selection_mode="single-row")
chosen = records[picked.selection.rows[0]] if picked and picked.selection.rows and picked.selection.rows[0] < len(records) else None

if chosen is not None:
    st.markdown(f"##### {ui.md_escape(chosen.title or chosen.name)} · `{chosen.id}`")
    a, b = st.columns(2)
    a.button("Open in the Reader", type="primary", key="lib-open", on_click=_open, args=(chosen.id,))
    if writable:
        with st.form(key=f"lib-edit-{chosen.id}"):
            new_name = st.text_input("Name", value=chosen.name)
            new_tags = st.text_input("Tags (comma-separated)", value=", ".join(chosen.tags))
            if st.form_submit_button("Save"):
                try:
                    if new_name.strip() and new_name != chosen.name:
                        store.rename(chosen.id, new_name.strip())
                    store.set_tags(chosen.id, [t.strip() for t in new_tags.split(",") if t.strip()])
                    st.rerun()
                except DiscourseError as e:
                    st.error(ui.md_escape(str(e)))
        if not chosen.is_default:
            confirm = b.checkbox("Yes, delete this document and its analyses", key=f"lib-confirm-{chosen.id}")
            if b.button("Delete", key="lib-delete", disabled=not confirm):
                store.delete(chosen.id)
                st.rerun()
        else:
            b.caption("The default interview is always in the library.")
    corrections_ui.library_panel(chosen.id, writable=writable)

if writable:
    st.markdown("##### Import transcripts")
    files = st.file_uploader(
        "Transcript files", type=[e.lstrip(".") for e in EXTENSIONS], accept_multiple_files=True,
        key="lib-files", max_upload_size=MAX_IMPORT_MB,
    )
    import_tags = st.text_input("Tags for these files (comma-separated)", key="lib-import-tags")
    if files and st.button(f"Add {len(files)} file{'s' if len(files) != 1 else ''} to the library", key="lib-import"):
        bar = st.progress(0.0, text="Importing…")

        def _progress(i: int, name: str) -> None:
            bar.progress(i / len(files), text=f"{i + 1} of {len(files)}: {ui.md_escape(name)}")

        added, failed = store.add_many(
            [(f.name, f.getvalue()) for f in files], tags=[t.strip() for t in import_tags.split(",") if t.strip()],
            progress=_progress,
        )
        # Run the page again so that the count and the table above already list the new documents;
        # the outcome is shown on that run.
        st.session_state[IMPORTED_KEY] = (len(added), [(name, str(reason)) for name, reason in failed])
        st.rerun()
    outcome = st.session_state.pop(IMPORTED_KEY, None)
    if outcome is not None:
        n_added, failed = outcome
        st.progress(1.0, text=f"Done: {n_added} added or already there, {len(failed)} could not be read.")
        if failed:
            ui.notice([f"{name}: {reason}" for name, reason in failed], kind="error")

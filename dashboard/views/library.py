"""Library: the documents kept on this machine, searched, filtered (tag, dates, speaker) and paged;
import, rename, tag, delete."""

from __future__ import annotations

import math
from datetime import date

import streamlit as st

from analysis.errors import DiscourseError
from analysis.store import library
from analysis.transcripts import EXTENSIONS
from dashboard import corrections_ui, navigate, store, ui

MAX_IMPORT_MB = 20  # per file, as on the Upload page (.streamlit/config.toml caps a request at 20 MB)
IMPORTED_KEY = "lib-imported"  # the last import's outcome (added count, failures), shown on the run after it
LAST_KEY = "lib-last"  # the filters of the last run: new filters start on page 1
# The filters and the page are bound to the URL (a filtered list is a link; a reload keeps it) and kept for
# the session, as on the Compare page: /library?lib-from=2021-03-01&lib-speaker=MS.+PSAKI&lib-page=2
KEEP = {"bind": "query-params", "persist_state": "session"}
# The dates the pickers offer (their default is ten years around today; transcripts are older).
EARLIEST, LATEST = date(1800, 1, 1), date(2100, 12, 31)
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
    if writable and not store.has_metadata():  # a library of an earlier version: upgraded once, here
        bar = st.progress(0.0, text="Upgrading the library (once): reading each document's date and speakers…")

        def _upgrading(done: int, n: int) -> None:
            bar.progress(done / n if n else 1.0, text=f"Upgrading the library (once): {done:,} of {n:,} documents read")

        store.upgrade(_upgrading)
        bar.empty()
    all_tags, all_speakers, dated = store.choices()
except DiscourseError as e:
    st.error(ui.md_escape(str(e)))
    st.stop()

# Two rows: what to find (text, tag, speaker), then when (from, to) beside the page number.
text_col, tag_col, speaker_col = st.columns([3, 2, 3])
from_col, to_col, page_col = st.columns(3)
query = text_col.text_input("Search (id, name, title or tag)", key="lib-query", **KEEP)
# Tags and names are shown as they are (a widget bound to the URL writes its option's displayed text
# there, and links must carry the tag or the name); only None has a label.
tag = tag_col.selectbox("Tag", [None] + [t for t, _ in all_tags], format_func=lambda t: "any tag" if t is None else t,
                   key="lib-tag", **KEEP)
date_from = from_col.date_input("From", value=None, min_value=EARLIEST, max_value=LATEST, format="YYYY-MM-DD",
                          key="lib-from", disabled=not dated, help="Documents dated on or after this day", **KEEP)
date_to = to_col.date_input("To", value=None, min_value=EARLIEST, max_value=LATEST, format="YYYY-MM-DD",
                        key="lib-to", disabled=not dated, help="Documents dated on or before this day", **KEEP)
speaker = speaker_col.selectbox("Speaker", [None] + [n for n, _ in all_speakers], key="lib-speaker", disabled=not dated,
                       format_func=lambda n: "any speaker" if n is None else n, **KEEP,
                       help="Documents where this speaker speaks (most documents first; type to find a name)")
if not dated:
    st.caption(
        "This library was made by an earlier version and is read-only here: it has no dates or speakers to filter by."
    )
# (A library without metadata, read-only: a link's dates and speaker are left aside, not an error.)
filters = store.Filters(query, tag, *((date_from, date_to, speaker) if dated else (None, None, None)))
if LAST_KEY not in st.session_state:  # a new session (a link, a reload): the URL's page stands
    st.session_state[LAST_KEY] = filters
elif st.session_state[LAST_KEY] != filters:  # a new search starts on page 1
    st.session_state[LAST_KEY] = filters
    st.session_state["lib-page"] = 1
try:
    records, total = store.page(filters, 1)
except DiscourseError as e:  # the dates the wrong way round
    st.error(ui.md_escape(str(e)))
    records, total = [], 0
pages = max(1, math.ceil(total / store.PAGE_SIZE))
if int(st.session_state.get("lib-page") or 1) > pages:  # fewer pages than before (a narrower search, a deletion)
    st.session_state["lib-page"] = pages
number = int(page_col.number_input(f"Page (of {pages})", min_value=1, max_value=pages, step=1, key="lib-page", **KEEP))
if number != 1:
    records, total = store.page(filters, number)
st.caption(f"{total:,} document{'s' if total != 1 else ''} match · {store.PAGE_SIZE} per page")

# Widths that keep the id, date, title, pairs and words in view at 1280 px (the id is a long slug).
WIDTHS = {"id": st.column_config.TextColumn(width=210), "title": st.column_config.TextColumn(width=330),
          "words": st.column_config.NumberColumn(format="localized")}
picked = st.dataframe(store.table(records), hide_index=True, key="lib-table", on_select="rerun",
                      selection_mode="single-row", column_config=WIDTHS)
chosen = records[picked.selection.rows[0]] if picked and picked.selection.rows and picked.selection.rows[0] < len(records) else None

if chosen is not None:
    st.markdown(f"##### {ui.md_escape(chosen.title or chosen.name)} · `{chosen.id}`")
    if chosen.speakers:
        st.caption(
            f"{ui.md_escape(chosen.date or 'date unknown')} · {chosen.pairs or 0:,} question–answer pairs · "
            f"{chosen.words or 0:,} words · speakers: "
            + "; ".join(f"{ui.md_escape(s.name)} ({ui.md_escape(s.role)}, {s.turns:,} turns)" for s in chosen.speakers)
        )
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

"""Entry point: page routing and the document chooser shared by every page.

    streamlit run dashboard/app.py

Document, page and answer live in the URL (``/overview?doc=...``, ``/?doc=...&pair=3``), bound to the
widgets with Streamlit's ``bind="query-params"``, so a copied link reopens the same view.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # `streamlit run dashboard/app.py` puts dashboard/, not the root, on the path
    sys.path.insert(0, str(ROOT))

from dashboard import navigate, sources, ui  # noqa: E402

# No page or page_icon icons: Streamlit turns the current page's icon into a favicon fetched from a CDN,
# and the dashboard must work with no network.
st.set_page_config(page_title="Discourse dashboard", layout="wide")

PAGES = [
    st.Page(str(ROOT / "dashboard" / "views" / "reader.py"), title="Reader", url_path="reader", default=True),
    st.Page(str(ROOT / "dashboard" / "views" / "overview.py"), title="Overview", url_path="overview"),
    st.Page(str(ROOT / "dashboard" / "views" / "actors.py"), title="Actors", url_path="actors"),
    st.Page(str(ROOT / "dashboard" / "views" / "compare.py"), title="Compare", url_path="compare"),
    st.Page(str(ROOT / "dashboard" / "views" / "corpus.py"), title="Corpus", url_path="corpus"),
    st.Page(str(ROOT / "dashboard" / "views" / "workshop.py"), title="Workshop", url_path="workshop"),
    st.Page(str(ROOT / "dashboard" / "views" / "methods.py"), title="Methods", url_path="methods"),
    st.Page(str(ROOT / "dashboard" / "views" / "upload.py"), title="Upload", url_path="upload"),
    st.Page(str(ROOT / "dashboard" / "views" / "library.py"), title="Library", url_path="library"),
]
page = st.navigation(PAGES, position="top")
# The workshop is for a projector: its sidebar starts collapsed (the answer and the room's guesses need the width).
st.set_page_config(initial_sidebar_state="collapsed" if page.url_path == "workshop" else "auto")
# Less empty space above the content, so that a 1280x720 projector shows text and charts together.
st.html("<style>.block-container, [data-testid='stMainBlockContainer'] {padding-top: 4rem;}</style>")

navigate.follow()  # a click on another page asked for the Reader: set the chooser and the answer first
if (missing := sources.missing()) is not None:  # a link's document that cannot be opened
    if page.url_path in ("upload", "library"):  # where the user can bring it back or choose another
        st.info(f"The link's document {ui.md_escape(missing)} is not available: upload it again, or open another.")
    else:
        sources.missing_notice(missing)  # stops the page, before the chooser: never another document instead
available = sources.sources()
# The workshop's "hide speakers' names" switch also hides the document chooser (its ids and labels name
# people): hidden with CSS rather than left out, so that the widget keeps its state and its URL binding.
anonymous = page.url_path == "workshop" and st.session_state.get("ws-anon", False)
st.sidebar.selectbox(
    "Document",
    options=list(available),
    key="doc",
    bind="query-params",
    on_change=sources.forget_missing,
    help="The default interview, a transcript uploaded on this server (Upload page) or one of the library.",
)
# No format_func: a widget bound to the URL writes its option's displayed text there, and links must
# carry the document's id (?doc=ID); its title is the caption below.
if anonymous:
    st.html("<style>.st-key-doc {display: none !important;}</style>")
    st.sidebar.caption(f"Document {list(available).index(sources.current().id) + 1} (names hidden)")
else:
    st.sidebar.caption(ui.md_escape(sources.current().label))  # a title or file name is user text
page.run()

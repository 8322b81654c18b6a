"""Where a click lands: opening a document, or one of its answers, in the Reader from any page.

The document chooser (key ``doc``, in the sidebar of every page) and the Reader's answer list (key
``pair``) are widgets bound to the URL (``bind="query-params"``). Two rules of Streamlit decide how a
click must set them:

- a parameter bound to a widget cannot be passed to ``st.switch_page`` (the chooser is bound in every
  run), so the document is set as the chooser's state, before the chooser is drawn;
- a bound widget's value in the session wins over the URL, so the answer list's state (from the answer
  last read) is dropped, and the answer is passed in the URL, where the Reader's list picks it up and
  keeps it: the link then names the answer, and a reload opens it again.

So a click only records its target (:func:`open_reader`); :func:`follow`, called by ``app.py`` at the
top of the next run, applies it and switches to the Reader. :func:`open_reader` may be called from a
widget callback (the rerun follows anyway) or inline in a page, where it reruns at once.
"""

from __future__ import annotations

import streamlit as st

DOC_KEY = "doc"  # the sidebar's document chooser (app.py)
PAIR_KEY = "pair"  # the Reader's answer list (views/reader.py)
PAIR_OF_KEY = "pair-of"  # the document that the answer list's value belongs to
TARGET_KEY = "open-in-reader"  # a pending (document, pair)
READER = "views/reader.py"


def open_reader(*, doc: str | None = None, pair: int | None = None, rerun: bool = True) -> None:
    """Open ``pair`` of ``doc`` (the chosen document if None; its first answer if ``pair`` is None) in
    the Reader. Pass ``rerun=False`` from a widget callback."""
    st.session_state[TARGET_KEY] = (doc, None if pair is None else int(pair))
    if rerun:
        st.rerun()


def follow() -> None:
    """If a click asked for the Reader, set the chooser and switch to the Reader at the answer asked for.
    Called by ``app.py`` before the document chooser is drawn."""
    target = st.session_state.pop(TARGET_KEY, None)
    if target is None:
        return
    doc, pair = target
    if doc is not None:
        from . import sources

        st.session_state[DOC_KEY] = doc
        sources.forget_missing()
    st.session_state.pop(PAIR_KEY, None)  # the answer last read; the URL's answer (or the first) is used
    st.session_state[PAIR_OF_KEY] = st.session_state.get(DOC_KEY)
    st.switch_page(READER, query_params={} if pair is None else {PAIR_KEY: str(pair)})


def answer_for(doc: str, options: list[str]) -> str:
    """The answer the Reader shows for ``doc``: the one in the session or the URL if it belongs to this
    document, else the first. Another document's answer number is never carried over to a new one."""
    wanted, of = st.session_state.get(PAIR_KEY), st.session_state.get(PAIR_OF_KEY)
    if wanted is None:  # a new session opened from a link: the widget is not registered yet
        wanted = st.query_params.get(PAIR_KEY)
    if wanted not in options or (of is not None and of != doc):
        wanted = options[0]
    st.session_state[PAIR_KEY] = wanted
    st.session_state[PAIR_OF_KEY] = doc
    return wanted

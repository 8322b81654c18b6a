"""The corrections panel of the Upload and Library pages: who asks, rename a speaker, merge look-alike
speakers (offered from the parser's warnings), mark a turn; the list of corrections, each removable,
and *Undo the last*.

Every change is made in a button's callback, which hands the new list to ``save`` (the library's
:func:`dashboard.store.set_corrections` or the server's kept upload,
:func:`dashboard.sources.set_upload_corrections`); the page's next run parses the document with it.
Speaker names are user text: shown escaped (widgets show text as text; Markdown goes through md_escape).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable

import streamlit as st

from analysis.errors import DiscourseError
from analysis.transcripts import Correction, Document
from analysis.transcripts import corrections as fixes

from . import ui

ALIAS = re.compile(r"^Speaker labels ('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\") and ('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\") look alike")
ROLES = list(fixes.TURN_ROLES)
Save = Callable[[tuple], object]


def look_alikes(doc: Document) -> list[tuple[str, str]]:
    """(label, into) for each "look alike" warning: the label with fewer turns goes into the other."""
    turns = {s.name: sum(t.speaker == s.name for t in doc.turns) for s in doc.speakers}
    out = []
    for w in doc.warnings:
        if m := ALIAS.match(w):
            a, b = ast.literal_eval(m.group(1)), ast.literal_eval(m.group(2))
            if a in turns and b in turns:
                out.append((b, a) if turns[a] >= turns[b] else (a, b))
    return out


def _said(key: str, message: str, kind: str = "success") -> None:
    st.session_state[f"{key}-said"] = (kind, message)


def _change(key: str, save: Save, items: tuple, message: str) -> None:
    try:
        save(fixes.validate(items))
    except DiscourseError as e:
        _said(key, str(e), "error")
        return
    st.session_state[f"{key}-v"] = st.session_state.get(f"{key}-v", 0) + 1  # widgets start again from the document
    _said(key, message)


def _asks(key: str, save: Save, current: tuple, widget: str) -> None:
    chosen = tuple(st.session_state.get(widget) or ())
    items = tuple(current)
    base = items[:-1] if items and items[-1].kind == "asks" else items  # one change of who asks: one entry
    if not chosen:
        _change(key, save, tuple(c for c in base if c.kind != "asks"), "Who asks: back to the parser's guess.")
        return
    _change(key, save, base + (Correction.asks(*chosen),), "Added: who asks: " + ", ".join(chosen) + ".")


def _rename(key: str, save: Save, current: tuple, doc: Document, ver: int) -> None:
    old = st.session_state.get(f"{key}-rename-from-{ver}")
    new = " ".join(str(st.session_state.get(f"{key}-rename-to-{ver}") or "").split())
    if not old or not new:
        _said(key, "Choose a speaker and type the new name.", "error")
        return
    try:
        kind = "merge" if new in {s.name for s in doc.speakers} else "rename"
        c = Correction.merge(old, new) if kind == "merge" else Correction.rename(old, new)
    except DiscourseError as e:
        _said(key, str(e), "error")
        return
    _change(key, save, tuple(current) + (c,), f"Added: {c.describe()}.")


def _mark(key: str, save: Save, current: tuple, doc: Document, ver: int) -> None:
    n = int(st.session_state.get(f"{key}-turn-{ver}") or 1)
    role = st.session_state.get(f"{key}-role-{ver}") or "question"
    turn = doc.turns[n - 1]
    c = Correction.mark(n, role, words=fixes.first_words(turn.text))
    _change(key, save, tuple(current) + (c,), f"Added: {c.describe()}.")


def panel(doc: Document, corrections: tuple, *, key: str, save: Save | None) -> None:
    """Draw the corrections of ``doc`` (already parsed with ``corrections``). ``save=None``: list only
    (a read-only dashboard)."""
    current = tuple(corrections)
    ver = st.session_state.get(f"{key}-v", 0)
    box = st.container(border=True, key=f"{key}-panel")
    box.markdown("##### Corrections")
    if said := st.session_state.pop(f"{key}-said", None):
        (box.error if said[0] == "error" else box.success)(ui.md_escape(said[1]))  # it quotes speaker names
    if save is not None:
        names = [s.name for s in doc.speakers]
        if doc.format != "web-interview":
            asks = next((c for c in reversed(current) if c.kind == "asks"), None)
            default = [n for n in (asks.names if asks else ()) if n in names] or [
                s.name for s in doc.speakers if s.role in ("interviewer", "moderator")
            ]
            widget = f"{key}-asks-{ver}"
            box.multiselect(
                "Who asks the questions? (turns by these speakers open a pair)", names, default=default, key=widget,
                placeholder="Nobody chosen: the parser guesses from the turns",
                on_change=_asks, args=(key, save, current, widget),
                help="Inferred from 'Q' labels, a named moderator, or who mostly ends turns with a question. "
                "Correct it here; the choice is kept with the document.",
            )
        left, right = box.columns(2, gap="large")
        with left.form(key=f"{key}-rename-form-{ver}", border=False):
            a, b = st.columns(2)
            a.selectbox("Rename a speaker", names, key=f"{key}-rename-from-{ver}")
            b.text_input("New name (an existing name merges them)", key=f"{key}-rename-to-{ver}", max_chars=fixes.MAX_LABEL_CHARS)
            st.form_submit_button("Rename", on_click=_rename, args=(key, save, current, doc, ver))
        with right:
            n = int(st.number_input("Mark a turn (number)", 1, max(1, len(doc.turns)), 1, key=f"{key}-turn-{ver}"))
            t = doc.turns[min(n, len(doc.turns)) - 1]
            st.caption(f"Turn {t.index} · {ui.md_escape(t.speaker)} · now *{t.role}*: “{ui.md_escape(fixes.first_words(t.text))}…”")
            a, b = st.columns([3, 2], vertical_alignment="bottom")
            a.selectbox("as", ROLES, index=ROLES.index(t.role) if t.role in ROLES else 0, key=f"{key}-role-{ver}")
            b.button("Mark turn", key=f"{key}-mark-{ver}", on_click=_mark, args=(key, save, current, doc, ver))
        for label, into in look_alikes(doc):
            c = Correction.merge(label, into)
            box.button(
                f"Merge “{ui.md_escape(label)}” into “{ui.md_escape(into)}”", key=f"{key}-merge-{label}-{into}-{ver}",
                on_click=_change, args=(key, save, current + (c,), f"Added: {c.describe()}."),
                help="The parser warned that these labels look alike and may be the same person.",
            )
    if not current:
        box.caption("No corrections yet: the document is shown as the parser read it.")
        return
    box.markdown(f"**{len(current)} correction{'s' if len(current) != 1 else ''}**, applied in this order:")
    for i, c in enumerate(current):
        a, b, _ = box.columns([5, 1, 2], vertical_alignment="center")  # Remove beside its line, also on a wide screen
        a.markdown(f"{i + 1}\\. {ui.md_escape(c.describe())}")  # the number as text, not a Markdown list
        if save is not None:
            b.button("Remove", key=f"{key}-rm-{i}-{ver}", on_click=_change,
                     args=(key, save, current[:i] + current[i + 1:], f"Removed: {c.describe()}."))
    if save is not None:
        box.button("Undo the last", key=f"{key}-undo-{ver}", on_click=_change,
                   args=(key, save, current[:-1], f"Undone: {current[-1].describe()}."))


def library_panel(doc_id: str, *, writable: bool) -> None:
    """The panel for a library document: its corrections are stored with it (every page then uses them)."""
    from . import data, sources, store

    src = sources.library_source(doc_id)
    if src is None:
        return
    try:
        doc = data.parse(src)
    except DiscourseError as e:
        st.error(ui.md_escape(str(e)))
        return
    if doc.warnings:
        ui.notice(list(doc.warnings))
    panel(doc, src.corrections, key=f"lib-fix-{doc_id}",
          save=(lambda items: store.set_corrections(doc_id, items)) if writable else None)

"""User text never reaches a Streamlit element that renders Markdown without ``ui.md_escape``.

``st.error``, ``st.progress(text=)``, captions, widget labels, radio options and captions, tabs,
expander titles, metric labels and toasts all read their text as Markdown: a file or document name
such as ``![x](http://host/beacon.png)`` becomes an image fetched from anywhere, ``www.x.com`` a live
link. An AST scan of ``dashboard/`` finds every such call whose text is built from something other
than literals, numbers and ``ui.md_escape(...)``; what is left is on the allow-list below, each entry
with the reason it cannot hold user text. New code that bypasses the helper fails here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from dashboard.ui import md_escape

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard"

# Element -> the positional arguments (by index) and keywords whose text Streamlit renders as Markdown.
MARKDOWN_ARGS: dict[str, tuple[tuple[int, ...], tuple[str, ...]]] = {
    **{name: ((0,), ("body", "help")) for name in (
        "markdown", "caption", "error", "warning", "info", "success", "toast", "write", "title", "header",
        "subheader", "expander", "popover", "status",
    )},
    "progress": ((), ("text",)),
    "tabs": ((0,), ()),
    "metric": ((0,), ("label", "help")),
    "radio": ((0, 1), ("label", "options", "captions", "help")),
    "pills": ((0, 1), ("label", "options", "help")),
    "segmented_control": ((0, 1), ("label", "options", "help")),
    **{name: ((0,), ("label", "help")) for name in (
        "button", "download_button", "link_button", "form_submit_button", "checkbox", "toggle", "text_input",
        "text_area", "number_input", "selectbox", "multiselect", "slider", "select_slider", "date_input",
        "time_input", "file_uploader", "color_picker", "page_link", "chat_input", "feedback",
    )},
}
ESCAPERS = {"md_escape", "badge"}  # ui.md_escape, and ui.badge (a number on a coloured badge)

# (file, source of an expression formatted into such a text) -> why it is not user text.
ALLOWED: dict[tuple[str, str], str] = {
    ("app.py", "list(available).index(sources.current().id)"): "a position (a number)",
    ("ui.py", "note"): "table_or_note's callers pass fixed sentences",
    ("views/reader.py", "options"): "the pair numbers as strings",
    ("views/reader.py", "_caption(n)"): "_caption escapes the question's words and adds ui.badge",
    ("views/reader.py", "where"): "built from pair numbers only",
    ("views/reader.py", "asker"): "'a reporter (Q)' or ui.md_escape(asked_by), just above",
    ("views/reader.py", "list(LAYERS)"): "fixed layer names",
    ("views/overview.py", "VIEWS"): "fixed tab titles",
    ("views/library.py", "where"): "'on this server' or the library path through ui.md_escape",
    ("views/library.py", "store.PAGE_SIZE"): "a number",
    ("views/library.py", "chosen.id"): "a library id: a slug of [a-z0-9-] and a hash prefix (library._free_id)",
    ("views/upload.py", "doc.format"): "one of analysis.transcripts.FORMATS",
    ("views/upload.py", "MAX_UPLOAD_MB"): "a number (a module constant)",
    ("views/upload.py", "MAX_DOCUMENT_CHARS"): "a number (analysis.transcripts' constant)",
    ("views/upload.py", "MAX_DOCUMENT_CHARS // 6"): "a number",
    ("corrections_ui.py", "t.index"): "a turn number",
    ("corrections_ui.py", "t.role"): "one of question / answer / other (model.TurnRole)",
    ("views/upload.py", "KNOWN_EXTENSIONS"): "the fixed list of known extensions (analysis.transcripts.EXTENSIONS)",
    ("columns.py", "found_note"): "built from column names through ui.md_escape, just above",
    ("views/methods.py", "doc.format"): "one of analysis.transcripts.FORMATS",
    ("views/workshop.py", "where"): "one of two fixed phrases",
    ("views/workshop.py", "ws"): "a workshop id, checked by workshop_store.valid_id ([A-Za-z0-9], 12 characters)",
    ("views/workshop.py", "t"): "one of guesses.TONES (fixed)",
    ("views/compare.py", "list(available)"): "document ids: slugs of [a-z0-9-] (sources.add_upload, library._slug)",
    ("views/compare.py", "name"): "the side's letter, a or b",
    ("views/compare.py", "name.upper()"): "the side's letter, A or B",
    ("views/compare.py", "list(KINDS)"): "fixed keys (shown through KINDS.get)",
    ("views/actors.py", "options"): "actor slugs from data/actors/actors.yaml (shown through a format_func)",
    ("views/actors.py", "where"): "one of two fixed phrases",
    ("views/corpus.py", "VIEWS"): "fixed tab titles",
    ("views/corpus.py", "list(BY)"): "fixed period names",
    ("views/corpus.py", "name"): "the group's letter, A or B",
    ("views/corpus.py", "per"): "one of two fixed phrases",
    # The Methods page describes the project's own data files and settings (never an upload's text).
    **{("views/methods.py", expr): "the project's data files and settings" for expr in (
        "settings['sentiment_lexicon']", "settings['sentiment_lexicon_sha256'][:16]", "nltk.__version__",
        "dictionary.name", "dictionary.version", "dictionary.sha256[:16]",
        "dictionary.path.name", "marker_set.sha256[:16]", "actor_set.sha256[:16]",
    )},
    # The method descriptions: the project's own Markdown (analysis.methods), never a transcript's text.
    ("views/methods.py", "method.text"): "analysis.methods' descriptions (the project's Markdown)",
    ("views/methods.py", "method.title"): "analysis.methods' headings (fixed)",
    ("views/methods.py", "next(numbered)"): "a section number",
}
# Names whose values are numbers wherever they are formatted into a label.
NUMBERS = {
    "pair", "pages", "total", "selected_sentence", "unanswered", "n_added", "in_questions", "n_mentions", "index", "i",
}


def _unsafe(node: ast.AST, file: str) -> list[str]:
    """The parts of a text expression that are not known to be safe (literals, numbers, escaped, allowed)."""
    if isinstance(node, ast.Constant):
        return []
    if isinstance(node, ast.JoinedStr):
        return [u for v in node.values for u in _unsafe(v, file)]
    if isinstance(node, ast.FormattedValue):
        # A format spec ({n:,} {x:.0%}) formats a number.
        return [] if node.format_spec is not None else _unsafe(node.value, file)
    if isinstance(node, ast.Call):
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name in ESCAPERS or name == "len":
            return []
        if name == "join" and isinstance(func.value, ast.Constant) and len(node.args) == 1:
            return _unsafe(node.args[0], file)
    if isinstance(node, (ast.ListComp, ast.GeneratorExp)):
        return _unsafe(node.elt, file)
    if isinstance(node, ast.BinOp):
        return _unsafe(node.left, file) + _unsafe(node.right, file)
    if isinstance(node, ast.BoolOp):
        return [u for v in node.values for u in _unsafe(v, file)]
    if isinstance(node, ast.IfExp):
        return _unsafe(node.body, file) + _unsafe(node.orelse, file)
    if isinstance(node, (ast.List, ast.Tuple)):
        return [u for e in node.elts for u in _unsafe(e, file)]
    if isinstance(node, ast.Name) and node.id in NUMBERS:
        return []
    source = ast.unparse(node)
    return [] if (file, source) in ALLOWED else [source]


def unescaped_calls(tree: ast.AST, file: str) -> list[str]:
    """``file:line element(expression)`` for every Markdown text argument that is not known to be safe."""
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        element = node.func.attr
        if element not in MARKDOWN_ARGS:
            continue
        positions, keywords = MARKDOWN_ARGS[element]
        args = [node.args[i] for i in positions if i < len(node.args) and not isinstance(node.args[i], ast.Starred)]
        args += [k.value for k in node.keywords if k.arg in keywords]
        for arg in args:
            found += [f"{file}:{node.lineno} {element}(... {part} ...)" for part in _unsafe(arg, file)]
    return found


def dashboard_files() -> list[Path]:
    return sorted(DASHBOARD.rglob("*.py"))


def test_every_markdown_text_in_the_dashboard_is_escaped_or_allowed():
    found = []
    for path in dashboard_files():
        file = path.relative_to(DASHBOARD).as_posix()
        found += unescaped_calls(ast.parse(path.read_text(encoding="utf-8")), file)
    assert not found, "user text into Markdown without ui.md_escape (or add it to ALLOWED with a reason):\n" + "\n".join(found)


def test_every_allow_list_entry_is_still_used():
    """A stale entry would let a new call with the same source through unseen."""
    used = set()
    for path in dashboard_files():
        file = path.relative_to(DASHBOARD).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.expr) and (file, ast.unparse(node)) in ALLOWED:
                used.add((file, ast.unparse(node)))
    assert set(ALLOWED) <= used, sorted(set(ALLOWED) - used)


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ("st.error(str(e))", True),
        ("st.error(f'could not be read: {e}')", True),
        ("bar.progress(0.5, text=f'{i + 1}: {name}')", True),
        ("st.sidebar.caption(src.label)", True),
        ("st.expander(f'About {doc.title}')", True),
        ("st.radio('Pick', names)", True),
        ("st.tabs([doc.title])", True),
        ("st.error(ui.md_escape(str(e)))", False),
        ("bar.progress(0.5, text=f'{i + 1} of {len(files)}: {ui.md_escape(name)}')", False),
        ("st.caption(f'{total:,} documents')", False),
        ("st.markdown('## Library')", False),
    ],
)
def test_the_scan_flags_what_bypasses_the_helper(source, flagged):
    assert bool(unescaped_calls(ast.parse(source), "views/new.py")) is flagged


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("**bold**", "**"),
        ("![x](http://127.0.0.1:9/beacon.png)", "!["),
        ("[link](http://example.com)", "]("),
        ("www.example.com", "www."),
        ("WWW.EXAMPLE.COM", "WWW."),
        ("https://example.org/a", "https:"),
        ("a@example.com", "a@"),
        (":red[text]", "[text]"),
    ],
)
def test_md_escape_breaks_markup_and_autolinks(text, absent):
    escaped = md_escape(text)
    assert absent not in escaped
    # What a reader sees: the backslashes are read by Markdown, the word joiner has no width.
    assert escaped.replace("\\", "").replace("\u2060", "") == text


@pytest.mark.parametrize("text", ["www.example.com", "WWW.EXAMPLE.COM", "https://example.org/a", "a@example.com", "mailto:b@x.net"])
def test_md_escape_puts_a_word_joiner_where_an_autolink_would_start(text):
    # A backslash before the dot or the colon is not enough: Streamlit's Markdown still links the text
    # (seen in Chromium; tests/browser/test_hostile_names_browser.py checks the page).
    assert "\u2060" in md_escape(text)

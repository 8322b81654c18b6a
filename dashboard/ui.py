"""Small rendering helpers shared by the pages: user text always escaped, numbers beside colours."""

from __future__ import annotations

import html
import re

import streamlit as st

from render.badges import alignment_line, guess_bars, question_framing, summary, swatch  # noqa: F401 (the pages' helpers)
from render.charts import CONFIG, number

BOX = (
    '<div style="border-left:4px solid {colour};padding:0.4rem 0.8rem;margin:0.3rem 0;'
    'background:{bg};font-size:1.05rem;line-height:1.6;white-space:pre-wrap">{body}</div>'
)


def html_block(markup: str) -> None:
    """``st.html`` for markup that may be empty (a builder with nothing to show returns ""): Streamlit
    raises StreamlitMissingRequiredParameterError on ``st.html("")``, so nothing is drawn then."""
    if markup and markup.strip():
        st.html(markup)


def boxed(inner_html: str, *, colour: str = "#999999", bg: str = "#fafafa") -> str:
    """Already-escaped HTML (from :mod:`render.highlight`) in the box that transcript text is shown in."""
    return (f'<div style="border-left:4px solid {colour};padding:0.4rem 0.8rem;margin:0.3rem 0;background:{bg}">'
            f"{inner_html}</div>")


def notice(lines: list[str], *, kind: str = "warning") -> None:
    """Parser warnings and similar messages that quote the user's text: escaped, in a coloured box."""
    colour = {"warning": "#e66101", "info": "#2166ac", "error": "#b2182b"}[kind]
    items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
    st.html(f'<div style="border-left:4px solid {colour};padding:0.3rem 0.8rem;margin:0.3rem 0"><ul style="margin:0">{items}</ul></div>')


def chart(fig, *, key: str, select: bool = False):
    """A Plotly chart with the toolbar's PNG download; ``select`` returns click selections."""
    if select:
        return st.plotly_chart(fig, key=key, on_select="rerun", selection_mode="points", config=CONFIG)
    st.plotly_chart(fig, key=key, config=CONFIG)
    return None


def standalone_html(fig) -> bytes:
    """The figure as one HTML file with Plotly's JavaScript embedded (opens with no network)."""
    return fig.to_html(include_plotlyjs=True, full_html=True, config=CONFIG).encode("utf-8")


def selected_customdata(event) -> list | None:
    """The customdata of the first clicked/selected point of a ``st.plotly_chart`` event, if any."""
    if not event:
        return None
    points = event.get("selection", {}).get("points", []) if isinstance(event, dict) else event.selection.points
    for p in points:
        data = p.get("customdata")
        if data is not None:
            return data if isinstance(data, list) else [data]
    return None


def md_escape(text: str) -> str:
    """User text for any Streamlit element that renders Markdown (``st.markdown``, ``st.caption``,
    ``st.error`` and the other alerts, ``st.progress`` text, widget labels and captions, radio options,
    tabs, expander titles, metric labels, toasts): shown literally, never as markup or a live link.

    Markdown punctuation is backslash-escaped (no bold, no ``[link](...)``, no ``![image](...)``), and a
    WORD JOINER (U+2060, invisible, zero width) breaks each GitHub-flavoured autolink that Streamlit's
    Markdown would otherwise make of a bare ``www.x.com``, ``https://x`` or ``a@x.com`` (a backslash or
    an HTML entity does not: the autolinks are found in the text after the escapes are read; seen in
    Chromium on Streamlit 1.67, tests/browser/test_hostile_names_browser.py). Whitespace runs become
    one space (a label is one line).

    ``md_escape("**a** www.x.com")`` is ``\\*\\*a\\*\\* www`` + U+2060 + ``\\.x\\.com``.
    """
    text = AUTOLINK_START.sub(WORD_JOINER, " ".join(str(text).split()))
    return "".join("\\" + c if c in MD_SPECIAL else c for c in text)


MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>:$~=")
WORD_JOINER = "\u2060"
# Where a word joiner goes: between "www" and its dot, before the "://" of any scheme, before an "@"
# (e-mail autolinks, with or without mailto: / xmpp:).
AUTOLINK_START = re.compile(r"(?i)(?<=www)(?=\.)|(?=://)|(?=@)")


def badge(value: float) -> str:
    """A Markdown badge for widget labels: the sign's colour (blue/red/grey) with the number on it."""
    if value != value:
        return ":gray-badge[n/a]"
    colour = "blue" if value >= 0.05 else "red" if value <= -0.05 else "gray"
    return f":{colour}-badge[{ui_number(value)}]"


ui_number = number


def html_escape(text: str) -> str:
    return html.escape(text)


def current_document():
    """``(source, document, analysis)`` of the chosen document; on a file that cannot be read, the
    message is shown and the page stops (never a traceback)."""
    from analysis.errors import DiscourseError

    from . import data, sources

    src = sources.current()
    try:
        return src, data.parse(src), data.shared(src)
    except DiscourseError as e:
        st.error(md_escape(str(e)))
        st.stop()


def table_or_note(frame, note: str, *, signed: list[str] = ()) -> None:
    """A table (``signed`` columns shown as +0.00), or ``note`` when the frame is empty."""
    if frame.empty:
        st.caption(note)
        return
    st.dataframe(frame, hide_index=True, column_config={c: st.column_config.NumberColumn(format="%+.2f") for c in signed})

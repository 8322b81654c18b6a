"""The method descriptions of :mod:`analysis.methods` as HTML, for the report's appendix.

The descriptions are Markdown; markdown-it-py renders them (CommonMark, raw HTML off, so any ``<`` in a
description is escaped, never markup). The Methods page gives the same Markdown to ``st.markdown``.
"""

from __future__ import annotations

import functools
import html

from markdown_it import MarkdownIt

from analysis.methods import Method


@functools.cache
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False})


def body(method: Method) -> str:
    """The description's text as HTML (paragraphs and lists)."""
    return _markdown().render(method.text)


def section(method: Method, number: int | None = None) -> str:
    """The description with its heading (``<h3>``, numbered when ``number`` is given) when it has one."""
    if not method.title:
        return body(method)
    label = f"{number}. {method.title}" if number is not None else method.title
    return f"<h3>{html.escape(label)}</h3>\n{body(method)}"

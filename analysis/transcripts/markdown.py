"""Markdown inline markup out of transcript text: links keep their text, emphasis marks go, escapes resolve,
entities (``Si&ocirc;n``) are decoded with the standard library's :func:`html.unescape`. A paragraph made
only of HTML tags (which Markdown allows: ``<center><img ...></center>``, ``<!--more-->``) is markup
(:func:`markup_only`); tags inside speech are left as text.

Hand-written (a few regular expressions) rather than a Markdown library: transcripts use only inline
markup, and a full renderer would produce HTML that would then have to be stripped again.
"""

from __future__ import annotations

import html
import re

MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
# ** and * anywhere; _ and __ only at word edges, as in CommonMark (snake_case stays as it is).
MD_EMPHASIS = re.compile(r"(\*\*|\*|(?<!\w)__|(?<!\w)_)(?=\S)(.+?)(?<=\S)\1(?!\w)")
MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")
# A paragraph made only of HTML tags and comments (a blog post's "<center><img ...></center>",
# "<!--more-->"): markup, not speech. Tags inside speech stay as the text they are, escaped wherever shown.
MARKUP_ONLY = re.compile(r"^(?:\s*(?:<!--.*?-->|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>))+\s*$", re.S)
MARKUP_MAX_CHARS = 2000
ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def strip_markdown(text: str) -> str:
    """``[a link](url)`` -> ``a link``; ``*italics*`` -> ``italics``; ``\\[note\\]`` -> ``[note]``."""
    if "](" in text:
        text = MD_LINK.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = MD_EMPHASIS.sub(r"\2", text)
    if "\\" in text:
        text = MD_ESCAPE.sub(r"\1", text)
    if "&" in text and ENTITY.search(text):
        text = html.unescape(text)
    return text


def markup_only(paragraph: str) -> bool:
    """``paragraph`` is nothing but HTML tags and comments."""
    # Bounded: a markup line is short, and a hostile run of unclosed "<!--" must not cost quadratic time.
    return paragraph[:1] == "<" and len(paragraph) <= MARKUP_MAX_CHARS and MARKUP_ONLY.match(paragraph) is not None

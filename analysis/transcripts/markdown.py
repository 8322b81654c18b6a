"""Markdown inline markup out of transcript text: links keep their text, emphasis marks go, escapes resolve,
inline HTML (which Markdown allows: ``<center><img ...></center>``, ``<!--more-->``) goes and its
entities (``Si&ocirc;n``) are decoded with the standard library's :func:`html.unescape`.

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
# Struck-out words go with their tags ("It's not an <s>action</s> [accident]": the transcriber's correction).
STRUCK = re.compile(r"<(s|del|strike)\b[^<>]*>.*?</\1\s*>", re.S | re.I)
# An HTML tag or comment: a letter after "<" (so "<3" and "a < b" stay).
HTML_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>", re.S)
ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def strip_markdown(text: str) -> str:
    """``[a link](url)`` -> ``a link``; ``*italics*`` -> ``italics``; ``\\[note\\]`` -> ``[note]``."""
    if "](" in text:
        text = MD_LINK.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = MD_EMPHASIS.sub(r"\2", text)
    if "<" in text:  # before the escapes: "\\<b\\>" is text, not a tag
        text = " ".join(HTML_TAG.sub("", STRUCK.sub("", text)).split())
    if "\\" in text:
        text = MD_ESCAPE.sub(r"\1", text)
    if "&" in text and ENTITY.search(text):
        text = html.unescape(text)
    return text

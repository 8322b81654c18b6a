"""Markdown inline markup out of transcript text: links keep their text, emphasis marks go, escapes resolve.

Hand-written (three regular expressions) rather than a Markdown library: transcripts use only inline
markup, and a full renderer would produce HTML that would then have to be stripped again.
"""

from __future__ import annotations

import re

MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
# ** and * anywhere; _ and __ only at word edges, as in CommonMark (snake_case stays as it is).
MD_EMPHASIS = re.compile(r"(\*\*|\*|(?<!\w)__|(?<!\w)_)(?=\S)(.+?)(?<=\S)\1(?!\w)")
MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>])")


def strip_markdown(text: str) -> str:
    """``[a link](url)`` -> ``a link``; ``*italics*`` -> ``italics``; ``\\[note\\]`` -> ``[note]``."""
    if "](" in text:
        text = MD_LINK.sub(r"\1", text)
    if "*" in text or "_" in text:
        text = MD_EMPHASIS.sub(r"\2", text)
    if "\\" in text:
        text = MD_ESCAPE.sub(r"\1", text)
    return text

"""Line-numbered transcripts: the court reporter's page, outside the Supreme Court.

State legislative hearings (the New York State Senate's, for one), depositions, trial and public-meeting
transcripts are typed on numbered pages: a page number alone on a line (often far to the right), then
lines numbered 1-25 (28 on pleading paper) down the left margin, labels such as ``SENATOR ROE:`` indented
at the start of a line and no blank line between turns. Read as they stand, the line numbers hide every
label, and the text is refused.

:func:`strip` takes the numbers out, so that the labelled reader sees the page as typed without them:
the line numbers become spaces (the indentation stays), a page number becomes a blank line, and a stage
direction that opens a line (``(Whereupon, the hearing concluded at 11:40 a.m.)``) stands in a paragraph
of its own, so that it becomes a note instead of the end of the last turn. The court reader
(:mod:`.court`) uses the same line-number rule.

The rule is the project's own (no library reads these pages): numbers are taken off only when at least
half of the non-blank lines start with one, so a transcript that merely has numbered paragraphs or time
stamps is left alone.
"""

from __future__ import annotations

import re
from collections import Counter

# A line number: 1-2 digits then white space and text ("12      beds are left"), or alone on its line.
LINE_NUMBER = re.compile(r"^([ \t]*)(\d{1,2})(?=[ \t]+\S|[ \t]*$)")
MAX_LINE_NUMBER = 28
# A page number: digits alone on a line (after the line numbers of a blank line are gone).
PAGE_NUMBER = re.compile(r"^[ \t]*\d{1,4}[ \t]*$")
# The share of the non-blank lines that must start with a line number.
NUMBERED_SHARE = 0.5
# A stage direction at a line's start, and where it ends.
STAGE_OPEN = re.compile(r"^[ \t]*\((?=[A-Z])")
# A paragraph's first line is indented more than this many columns deeper than the running text's margin,
# and at least this share of the lines are such first lines for indentation to be read as paragraphs.
INDENT_STEP = 2
PARAGRAPH_MIN_SHARE = 0.05
# The margin is an indentation at least this share of the lines have (a stray header further left is not).
MARGIN_MIN_SHARE = 0.2


def is_line_number(line: str) -> bool:
    """``line`` opens with a line number (1 to :data:`MAX_LINE_NUMBER`)."""
    m = LINE_NUMBER.match(line)
    return bool(m) and 1 <= int(m.group(2)) <= MAX_LINE_NUMBER


def numbered(lines: list[str]) -> bool:
    """Whether most non-blank lines open with a line number."""
    filled = [line for line in lines if line.strip()]
    hits = sum(1 for line in filled if is_line_number(line) and not PAGE_NUMBER.match(line))
    return bool(filled) and hits >= NUMBERED_SHARE * len(filled)


def strip(text: str) -> str | None:
    """``text`` without its line and page numbers; None when the text is not line-numbered."""
    lines = text.splitlines()
    if not numbered(lines):
        return None
    content: list[str] = []
    for line in lines:
        if is_line_number(line):
            m = LINE_NUMBER.match(line)
            line = m.group(1) + " " * len(m.group(2)) + line[m.end():]
        content.append("" if PAGE_NUMBER.match(line) else line)
    margin = _margin(content)
    out: list[str] = []
    in_stage = False
    for line in content:
        if not line.strip():
            if margin is None:  # no indented paragraphs: a blank line is the only paragraph break there is
                out.append("")
            continue
        if STAGE_OPEN.match(line) and not in_stage:
            out.append("")
            in_stage = True
        elif margin is not None and _indent(line) > margin + INDENT_STEP:
            out.append("")
        out.append(line)
        if in_stage and line.rstrip().endswith(")"):
            out.append("")
            in_stage = False
    return "\n".join(out)


def _indent(line: str) -> int:
    return len(line.expandtabs(8)) - len(line.expandtabs(8).lstrip())


def _margin(lines: list[str]) -> int | None:
    """The left margin of the running text (the least indentation that many lines share), when paragraphs are indented
    deeper than it; else None.

    A reporter's page marks a paragraph (and a turn: ``SENATOR ROE:`` at a paragraph's start) by its
    indentation, not by a blank line: pages are often double-spaced, a blank line between every two lines,
    and a page ends mid-sentence. Where paragraphs are indented, blank lines and page breaks are therefore
    not paragraph breaks (before, every line of a double-spaced hearing, "... the Elmira, Corning," among
    them, ended a paragraph of its own, and the sentence with it)."""
    indents = [_indent(line) for line in lines if line.strip()]
    if not indents:
        return None
    counts = Counter(indents)
    margin = min(i for i, n in counts.items() if n >= MARGIN_MIN_SHARE * len(indents) or n == max(counts.values()))
    deeper = sum(1 for i in indents if i > margin + INDENT_STEP)
    return margin if deeper >= PARAGRAPH_MIN_SHARE * len(indents) else None

"""Web-interview text or Markdown: paragraphs starting with ``- `` alternate question and answer.

The layout of the default interview (and of many interview pages copied from a site)::

    10.06.18                       <- date, day.month.year as on the source site
    SOFT POWER AND RUSSIA: ...     <- title
    Russian expert ... with X.     <- description
    - Question?                    <- a dash opens a turn; questions may be in *italics*
    - Answer ...
    Answer continues ...           <- paragraphs without a dash continue the current turn
    First published at [site](#)   <- footer: metadata, never an answer
    Source: [title](#)
    AUTHOR / name / role / Location: ... / bio

Markdown links keep their text; emphasis markers are removed. The rules are hand-written because
the layout is a convention of interview pages, not a format any library parses.
"""

from __future__ import annotations

import re

from .labelled import split_paragraphs
from .markdown import strip_markdown
from .model import Note
from .raw import Para, RawDoc

DASH = re.compile(r"^[-\u2013\u2014]\s+")
DASH_LINE = re.compile(r"(?:^|\n[ \t\u00a0]*\n)[ \t\u00a0]*[-\u2013\u2014][ \t\u00a0]+\S")
PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n(?=[ \t\u00a0]*\S)")
DATE_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$")
# Lines that open the footer: everything from the first of them on is metadata.
FOOTER_START = re.compile(
    r"^(First published (at|in|on)\b|Originally published\b|Source:|AUTHOR$|About the author\b|Read more\b)", re.I
)
INTERVIEW_WITH = re.compile(r"\binterview(?:ed)? with\s+(.+)$", re.I)
WITH_AT_END = re.compile(r"\bwith\s+([A-Z][\w.&'\- ]{1,40}?)\.?$")
# Two-digit years: 00-69 are 2000-2069, 70-99 are 1970-1999 (the POSIX strptime %y pivot).
TWO_DIGIT_YEAR_PIVOT = 69


def looks_like(text: str) -> bool:
    """True when at least four paragraphs open with a dash and they outnumber labelled ones."""
    dashes = len(DASH_LINE.findall(text))
    paras = len(PARAGRAPH_BREAK.findall(text)) + 1
    return dashes >= 4 and dashes >= paras // 4


def _is_italic(par: str) -> bool:
    body = DASH.sub("", par).strip()
    return len(body) > 2 and body[0] in "*_" and body[-1] in "*_"


def _iso_from_dmy(m: re.Match) -> str | None:
    day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
    y = int(year)
    if len(year) == 2:
        y += 2000 if y <= TWO_DIGIT_YEAR_PIVOT else 1900
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{y:04d}-{month:02d}-{day:02d}"


def _titlecase_name(name: str) -> str:
    name = name.strip(" .:")
    return name.title() if name.isupper() else name


def read_web_interview(text: str) -> RawDoc:
    paras = split_paragraphs(text, keep_markup=True)
    first_dash = next(i for i, p in enumerate(paras) if DASH.match(p))
    footer_at = next((i for i, p in enumerate(paras) if i > first_dash and FOOTER_START.match(p)), len(paras))
    raw = RawDoc(format="web-interview")

    header = [strip_markdown(p) for p in paras[:first_dash]]
    rest_header: list[str] = []
    for p in header:
        m = DATE_DMY.match(p)
        if m and raw.date is None:
            raw.date = _iso_from_dmy(m)
            raw.metadata["date_as_written"] = p
        elif raw.title is None:
            raw.title = p
        else:
            rest_header.append(p)
    raw.description = " ".join(rest_header) or None

    role = "answer"  # the first dash paragraph is a question
    for p in paras[first_dash:footer_at]:
        if DASH.match(p):
            role = "question" if role == "answer" else "answer"
            if _is_italic(p) and role != "question":
                raw.warnings.append(
                    f"A paragraph in italics was expected to be an answer by alternation: {p[:60]!r}"
                )
            raw.paras.append(Para(strip_markdown(DASH.sub("", p)), label=role, role=role))
        else:
            raw.paras.append(Para(strip_markdown(p)))

    footer = [strip_markdown(p) for p in paras[footer_at:]]
    raw.notes.extend(Note("footer", p) for p in footer)
    _footer_metadata(raw, footer)
    _name_speakers(raw, footer)
    return raw


def _footer_metadata(raw: RawDoc, footer: list[str]) -> None:
    for i, p in enumerate(footer):
        if m := re.match(r"^First published (?:at|in|on)\s+(.+)$", p, re.I):
            raw.source = m.group(1).strip()
        elif m := re.match(r"^Source:\s*(.+)$", p, re.I):
            raw.metadata["source_title"] = m.group(1).strip()
        elif p.strip().upper() == "AUTHOR" and i + 1 < len(footer):
            author: dict[str, str] = {"name": footer[i + 1]}
            if i + 2 < len(footer) and ":" not in footer[i + 2]:
                author["position"] = footer[i + 2]
            for q in footer[i + 1:]:
                if m := re.match(r"^([A-Z][\w ]{2,30}):\s*(.+)$", q):
                    author[m.group(1).strip().lower().replace(" ", "_")] = m.group(2).strip()
            raw.metadata["author"] = author


def _name_speakers(raw: RawDoc, footer: list[str]) -> None:
    """Replace the placeholder labels with names found in the title, description and footer."""
    interviewee = None
    if raw.title and (m := INTERVIEW_WITH.search(raw.title)):
        interviewee = _titlecase_name(m.group(1))
    elif "author" in raw.metadata:
        interviewee = raw.metadata["author"]["name"]
    interviewer = None
    if raw.description and (m := WITH_AT_END.search(raw.description)):
        interviewer = m.group(1).strip()
    elif raw.source:
        interviewer = raw.source
    names = {"question": interviewer or "Interviewer", "answer": interviewee or "Interviewee"}
    if interviewer is None or interviewee is None:
        raw.warnings.append(
            "The interviewer or interviewee could not be named from the title, description or footer; "
            "generic names are used (set them with --interviewer / --interviewee)."
        )
    for p in raw.paras:
        if p.label:
            p.label = names[p.label]
    raw.role_hints[names["question"]] = "interviewer"
    raw.role_hints[names["answer"]] = "interviewee"

"""Court transcripts: U.S. Supreme Court oral arguments (and transcripts laid out like them).

The layout, in a PDF's text layer or the same text pasted into a .txt file:

- every page has running furniture: ``Official - Subject to Final Review`` (or ``Official``) at the top,
  ``Heritage Reporting Corporation`` (earlier: ``Alderson Reporting Company``) at the bottom, a page
  number, and line numbers 1-25 at the start of the lines (or as a column of their own);
- a cover page (the case caption, ``Washington, D.C.``, the date), the ``APPEARANCES:`` of counsel and a
  ``C O N T E N T S`` table (``ORAL ARGUMENT OF:`` ... ``PAGE:``) come before ``P R O C E E D I N G S``;
- turns open with a label in capitals: ``CHIEF JUSTICE ROBERTS:``, ``JUSTICE KAGAN:``, ``MR. SMITH:``,
  ``MS. ROE:``, ``GENERAL PRELOGAR:``; a label after an interruption in the middle of a line
  (``... you know -- MR. ROE: No, no.``) opens a turn too;
- headings inside the argument (``ORAL ARGUMENT OF JANE ROE`` / ``ON BEHALF OF THE PETITIONER``,
  ``REBUTTAL ARGUMENT OF ...``) and the closing ``(Whereupon, at 11:02 a.m., the case ... was
  submitted.)`` are not speech;
- a word index follows: lines of words with counts and page:line references (``abandon [2] 14:3 22:7``).

The reader recognises the layout by its labels (:func:`looks_like`), takes the furniture, line numbers,
front matter and index out, and hands the builder labelled paragraphs with ``layout="court"`` and role
hints: the justices ask (``interviewer``), counsel answer (``interviewee``). The date, the docket number
and the appearances go to the metadata; the case caption becomes the title.

The rules are the project's own, written from the Court's published layout (no library reads it).
"""

from __future__ import annotations

import re
from datetime import datetime

from . import numbered
from .model import Note
from .raw import Para, RawDoc

_NAME = r"[A-Z][A-Z'\u2019\-]+"
# A speaker label: a justice, counsel (Mr./Ms./Mrs./Dr./General + surname), or the Court's officers.
LABEL = (
    rf"(?:CHIEF JUSTICE {_NAME}|JUSTICE {_NAME}|(?:MR|MS|MRS|DR)\. {_NAME}(?: {_NAME}){{0,2}}"
    rf"|GENERAL {_NAME}|THE (?:CLERK|MARSHAL))"
)
LABEL_AT_START = re.compile(rf"^({LABEL}):\s*")
# A label inside a line opens a turn after an interruption ("--") or after a sentence's end.
LABEL_INSIDE = re.compile(rf"(?:(?<=--)|(?<=[.?!)\]\"\u201d]))\s+(?=(?:{LABEL}):(?:\s|$))")
JUSTICE = re.compile(r"^(?:CHIEF )?JUSTICE ")
OFFICER = re.compile(r"^THE (?:CLERK|MARSHAL)$")
# For recognising the layout: labels at line starts (after a line number) or after an interruption.
_LOOK_JUSTICE = re.compile(rf"(?:^|\n|--\s)[ \t]*(?:\d{{1,2}}[ \t]+)?(?:CHIEF )?JUSTICE {_NAME}:", re.M)
_LOOK_COUNSEL = re.compile(
    rf"(?:^|\n|--\s)[ \t]*(?:\d{{1,2}}[ \t]+)?(?:(?:MR|MS|MRS)\. {_NAME}|GENERAL {_NAME}):", re.M
)
# A court transcript has at least this many justice labels and one counsel label.
MIN_JUSTICE_LABELS = 2

# Running furniture, removed wherever it stands in a line.
FURNITURE = re.compile(
    r"Official\s*-\s*Subject to Final Review|Heritage Reporting Corporation|Alderson Reporting Company"
    r"|\(202\)\s*628-4888|www\.hrccourtreporters\.com|www\.aldersonreporting\.com"
    r"|1220 L Street,? N\.?W\.?,?(?: Suite \d+)?(?: Washington,? D\.?C\.? \d{5})?"
    r"|1111 14th Street,? N\.?W\.?,?(?: Suite \d+)?(?: Washington,? D\.?C\.? \d{5})?"
)
# The newer pages' header: "Official" alone (or beside the page number) on its line.
OFFICIAL_ALONE = re.compile(r"^(?:\d{1,4}\s+)?Official(?:\s+\d{1,4})?$")
NUMBERS_ONLY = re.compile(r"^\d{1,4}(?:\s+\d{1,4})*$")
LINE_NUMBER = re.compile(r"^(\d{1,2})\s+(?=\S)")  # which lines have one, and how many must: numbered.py
PROCEEDINGS = re.compile(r"^P\s*R\s*O\s*C\s*E\s*E\s*D\s*I\s*N\s*G\s*S$")
CONTENTS = re.compile(r"^C\s*O\s*N\s*T\s*E\s*N\s*T\s*S$")
APPEARANCES = re.compile(r"^APPEARANCES:?$")
WHEREUPON = re.compile(r"^\(Whereupon\b", re.I)
# Index lines: "abandon [2] 14:3 22:7", or the page:line references of an entry wrapped over lines.
INDEX_LINE = re.compile(r"\[\d+\]\s*\d+:\d+|^\d+:\d+(?:\s+\d+:\d+)*$")
HEADING = re.compile(r"^(?:ORAL ARGUMENT OF|REBUTTAL ARGUMENT OF|ORAL REARGUMENT OF|REBUTTAL REARGUMENT OF)\b")
HEADING_CONTINUED = re.compile(r"^(?:ON BEHALF OF|FOR THE|AS AMICUS|SUPPORTING|IN SUPPORT OF)\b")
TIME_LINE = re.compile(r"^\(\d{1,2}:\d{2}\s*[ap]\.?\s?m\.?\)$", re.I)
DOCKET = re.compile(r"\bNo(?:s)?\.\s*(\d{2}-\d{1,5}[A-Z]?)")
DATE = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+((?:January|February|March|April|May|"
    r"June|July|August|September|October|November|December)\s+\d{1,2},\s+\d{4})"
)
# Marks a heading's Para while reading; headings become notes.
HEADING_MARK = "\0heading"
CAPTION_RULE = re.compile(r"^[-\u2013\u00ad\s]*-[-\u2013\u00ad\s]*x?\s*$")


def looks_like(text: str) -> bool:
    """Whether ``text`` reads like a court transcript: justices' labels and a counsel's label."""
    justices = 0
    for _ in _LOOK_JUSTICE.finditer(text):
        justices += 1
        if justices >= MIN_JUSTICE_LABELS:
            return _LOOK_COUNSEL.search(text) is not None
    return False


def read_text(text: str, *, format: str = "labelled") -> RawDoc | None:
    """Read a court transcript from plain text; None when the text is not laid out like one."""
    if not looks_like(text):
        return None
    return read_lines(text.splitlines(), format=format)


def read_lines(lines: list[str], *, format: str) -> RawDoc:
    """Read a court transcript from its lines (a PDF's text layer, in reading order)."""
    cleaned = _clean_lines(lines)
    front, body, closing, index = _sections(cleaned)
    raw = RawDoc(format=format, layout="court")
    _front_matter(front, raw)
    # Runs of text: a heading, a time line, or the lines from one line-start label to the next
    # (kept as lists of lines and joined once, so a long turn costs linear time).
    runs: list[tuple[str | None, list[str]]] = []
    open_run = False  # whether the next line continues runs[-1]
    for line in body:
        if HEADING.match(line) or (HEADING_CONTINUED.match(line) and runs and runs[-1][0] == HEADING_MARK):
            if runs and runs[-1][0] == HEADING_MARK:
                runs[-1][1].append(line)
            else:
                runs.append((HEADING_MARK, [line]))
            open_run = False
        elif TIME_LINE.match(line):
            runs.append((None, [line]))
            open_run = False
        elif open_run and not LABEL_AT_START.match(line):
            runs[-1][1].append(line)
        else:
            runs.append((None, [line]))
            open_run = True
    # A run splits where a label follows an interruption or a sentence's end (also over a line break).
    paras: list[Para] = []
    for mark, run_lines in runs:
        text = " ".join(run_lines)
        if mark == HEADING_MARK or TIME_LINE.match(text):
            paras.append(Para(text, label=mark))
            continue
        for piece in LABEL_INSIDE.split(text):
            if m := LABEL_AT_START.match(piece):
                label = m.group(1)
                paras.append(Para(piece[m.end():].strip(), label=label))
                raw.role_hints.setdefault(label, _role(label))
            elif piece.strip():
                paras.append(Para(piece.strip()))
    raw.paras = _headings_to_notes(paras, raw.notes)
    if closing:
        raw.notes.append(Note("stage", closing))
    if index:
        raw.metadata["index_lines"] = index
    return raw


def _role(label: str) -> str:
    if JUSTICE.match(label):
        return "interviewer"
    if OFFICER.match(label):
        return "other"
    return "interviewee"


def _clean_lines(lines: list[str]) -> list[str]:
    """The lines without furniture, page numbers and line numbers (blank lines dropped)."""
    flat = [" ".join(FURNITURE.sub(" ", line).split()) for line in lines]
    flat = [line for line in flat if line and not NUMBERS_ONLY.match(line) and not OFFICIAL_ALONE.match(line)]
    if numbered.numbered(flat):
        flat = [LINE_NUMBER.sub("", line, count=1) if numbered.is_line_number(line) else line for line in flat]
    return flat


def _sections(lines: list[str]) -> tuple[list[str], list[str], str | None, int]:
    """(front matter, argument, the closing "(Whereupon ...)" note, number of index lines left out)."""
    start = next((i + 1 for i, line in enumerate(lines) if PROCEEDINGS.match(line)), None)
    if start is None:
        start = next((i for i, line in enumerate(lines) if LABEL_AT_START.match(line)), 0)
    front = [line for line in lines[:start] if not PROCEEDINGS.match(line)]
    rest = lines[start:]
    closing: str | None = None
    end = next((i for i, line in enumerate(rest) if WHEREUPON.match(line)), None)
    if end is not None:
        stop = next((j for j in range(end, len(rest)) if ")" in rest[j]), len(rest) - 1)
        closing = " ".join(rest[end:stop + 1])
        body, after = rest[:end], rest[stop + 1:]
    else:
        last_label = max((i for i, line in enumerate(rest) if LABEL_AT_START.match(line)), default=-1)
        first_index = next((i for i in range(last_label + 1, len(rest)) if INDEX_LINE.search(rest[i])), len(rest))
        body, after = rest[:first_index], rest[first_index:]
        while body and (len(body[-1]) == 1 or body[-1] == "$"):
            after.insert(0, body.pop())  # an index's letter heading ("A") or "$" before its first entry
    body = [line for line in body if not INDEX_LINE.search(line)]
    return front, body, closing, len(after)


def _front_matter(front: list[str], raw: RawDoc) -> None:
    """Title (the caption), date, docket number and appearances from the lines before the argument."""
    text = " ".join(front)
    if m := DOCKET.search(text):
        raw.metadata["docket"] = m.group(1)
    if m := DATE.search(text):
        try:
            raw.date = datetime.strptime(m.group(1).replace(",", ""), "%B %d %Y").date().isoformat()
        except ValueError:
            pass
    if title := _caption(front):
        raw.title = title
    appearances: list[str] = []
    in_appearances = False
    for line in front:
        if APPEARANCES.match(line):
            in_appearances = True
        elif CONTENTS.match(line):
            in_appearances = False
        elif in_appearances:
            if appearances and not re.search(r"\bESQ\.|\bGENERAL\b|^[A-Z][A-Z.' ]+,", line):
                appearances[-1] += " " + line
            else:
                appearances.append(line)
    if appearances:
        raw.metadata["appearances"] = appearances
    section: list[str] = []
    for line in front + ["\0"]:
        if (APPEARANCES.match(line) or CONTENTS.match(line) or line == "\0") and section:
            raw.notes.append(Note("heading", " ".join(section)))  # the cover, the appearances, the contents
            section = []
        if line != "\0":
            section.append(line)


def _caption(front: list[str]) -> str | None:
    """"FIRST PARTY, Petitioner, v. SECOND PARTY, Respondent" from the caption between its rules."""
    rules = [i for i, line in enumerate(front) if CAPTION_RULE.match(line)]
    if len(rules) < 2:
        return None
    parts = [re.sub(r"\s*[:)]+\s*(?:No\.\s*\S+)?\s*$", "", line).strip() for line in front[rules[0] + 1:rules[1]]]
    parts = [p for p in parts if p]
    caption = " ".join(parts)
    return " ".join(caption.split()) or None


def _headings_to_notes(paras: list[Para], notes: list[Note]) -> list[Para]:
    out = []
    for p in paras:
        if p.label == HEADING_MARK:
            notes.append(Note("heading", p.text))
        else:
            out.append(p)
    return out

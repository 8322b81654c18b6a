"""Earnings calls: an Operator, executives' prepared remarks, analysts' questions.

Two layouts of the speaker lines are read, in plain text or a PDF's text layer:

- one line per speaker change, name and title joined by a double dash (The Motley Fool's style):
  ``Tim Cook -- Chief Executive Officer``, analysts with their firm: ``Jane Roe -- Big Bank -- Analyst``;
- a name line followed by a ``Firm - Title`` line (other providers): ``Jane Roe`` / ``Big Bank - Analyst``;
  a name line alone counts once the name is known from a participants list or an earlier speaker line.

``Operator`` on a line of its own opens the operator's turns. Section lines (``Prepared Remarks:``,
``Questions & Answers:``, ``Presentation``, ``Question-and-Answer Session``) become notes. The front
matter (the company and quarter, the date, the participants lists ``Corporate Participants`` /
``Conference Call Participants``) gives the title, the date and the participants' titles; the end matter
(``Duration: 48 minutes``, ``Call participants:``, ``More ... analysis``) is not speech.

Role hints: analysts ask (``interviewer``), executives answer (``interviewee``), the operator is
``other``; ``RawDoc.layout`` is ``"earnings"``. Titles go to ``metadata["titles"]`` and analysts' firms
to ``metadata["affiliations"]``, keyed by the label.

Recognised by content (:func:`looks_like`): an ``Operator`` line and at least two speaker lines.
The rules are the project's own (no library reads these layouts).
"""

from __future__ import annotations

import re
from datetime import datetime

from .model import Note
from .raw import Para, RawDoc

_WORD = r"(?:[A-Z][\w'\u2019.\-]*|de|da|van|von|der|del|la|le|bin|al)"
NAME = rf"[A-Z][\w'\u2019.\-]*(?: {_WORD}){{0,4}}"
NAME_ONLY = re.compile(rf"^({NAME})$")
DASHES = r"\s+(?:--|\u2014|\u2013)\s+"
# "Tim Cook -- Chief Executive Officer", "Jane Roe -- Big Bank -- Analyst".
DOUBLE_DASH_LINE = re.compile(rf"^({NAME}){DASHES}(.+?)$")
# "Big Bank - Analyst", "Northwind Robotics Inc - Chief Financial Officer".
FIRM_TITLE_LINE = re.compile(r"^(.{2,80}?)\s+[-\u2013]\s+([^-\u2013]{2,80})$")
TITLE_WORDS = re.compile(
    r"\b(?:Officer|President|Analyst|Director|Chief|CEO|CFO|COO|CTO|Head|Manager|Relations|Treasurer|"
    r"Chair(?:man|woman|person)?|Partner|VP|EVP|SVP|Vice|Founder|Secretary|Controller|Investor|Research|"
    r"Strategist|Economist|General Counsel|Associate|Principal|Executive)\b",
    re.I,
)
ANALYST = re.compile(r"\banalyst\b", re.I)
OPERATOR = re.compile(r"^(?:Operator|Conference Operator|Moderator)\s*:?$", re.I)
OPERATOR_SEARCH = re.compile(r"^[ \t]*(?:Conference )?(?:Operator|Moderator)[ \t]*:?[ \t]*$", re.I | re.M)
SECTION = re.compile(
    r"^(?:Prepared Remarks|Questions (?:and|&) Answers|Question-and-Answer Session|Questions and Answer Session|"
    r"Presentation|Q&A|Q & A)\s*:?$",
    re.I,
)
PARTICIPANTS = re.compile(
    r"^(?:\*\s*)?(?:Corporate Participants|Company Participants|Executives|Conference Call Participants|"
    r"Call Participants|Analysts|Participants)\s*:?$",
    re.I,
)
ANALYST_LIST = re.compile(r"^(?:\*\s*)?(?:Conference Call Participants|Analysts)\s*:?$", re.I)
END = re.compile(
    r"^(?:Duration:\s*\d+\s*minutes?|Call participants:|More [A-Z.]{1,6} analysis|All earnings call transcripts"
    r"|This article is a transcript of this conference call)",
    re.I,
)
BULLET = re.compile(r"^[*\u2022\-]\s+")
DATE = re.compile(
    r"\b((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4})"
)
# "(NWRB -2.10%)": the share price's move on the day, not part of the title.
PRICE_CHANGE = re.compile(r"\s+[-+]?\d+(?:\.\d+)?%(?=\))")
# At least this many speaker lines (besides the operator's) for the layout to count.
MIN_SPEAKER_LINES = 2


def looks_like(text: str) -> bool:
    """Whether ``text`` reads like an earnings call: an Operator line and speaker lines."""
    if not OPERATOR_SEARCH.search(text):
        return False
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return len(_headers(lines, _participants(lines))) >= MIN_SPEAKER_LINES


def read_text(text: str, *, format: str = "labelled") -> RawDoc | None:
    """Read an earnings call from plain text; None when the text is not laid out like one."""
    if not looks_like(text):
        return None
    return read_lines(text.splitlines(), format=format)


def read_lines(lines: list[str], *, format: str) -> RawDoc:
    """Read an earnings call from its lines (blank lines separate paragraphs)."""
    lines = [" ".join(line.split()) for line in lines]
    known = _participants(lines)
    headers = _headers(lines, known)
    raw = RawDoc(format=format, layout="earnings")
    titles: dict[str, str] = {}
    firms: dict[str, str] = {}
    for name, (title, firm) in known.items():
        _note_person(raw, titles, firms, name, title, firm)
    first = min(headers, default=len(lines))
    _front_matter(lines[:first], raw)
    paras: list[Para] = []
    pieces: list[list[str]] = []  # each paragraph's lines
    open_para = False
    i = first
    ended = False
    while i < len(lines):
        line = lines[i]
        if END.match(line):
            ended = True
            break
        if i in headers:
            name, title, firm, width = headers[i]
            _note_person(raw, titles, firms, name, title, firm)
            paras.append(Para("", label=name))
            pieces.append([])
            open_para = False
            i += width
            continue
        if SECTION.match(line):
            raw.notes.append(Note("heading", line.rstrip(":")))
            open_para = False
        elif not line:
            open_para = False
        elif open_para and paras:
            pieces[-1].append(line)
        elif paras and paras[-1].label and not pieces[-1]:
            pieces[-1].append(line)
            open_para = True
        else:
            paras.append(Para(""))
            pieces.append([line])
            open_para = True
        i += 1
    for para, lines_of in zip(paras, pieces):  # joined once: a long turn costs linear time
        para.text = " ".join(lines_of)
    raw.paras = paras
    if ended:
        raw.metadata["end_matter_lines"] = sum(1 for line in lines[i:] if line)
    if titles:
        raw.metadata["titles"] = titles
    if firms:
        raw.metadata["affiliations"] = firms
    return raw


def _note_person(raw: RawDoc, titles: dict, firms: dict, name: str, title: str | None, firm: str | None) -> None:
    if name == "Operator":
        raw.role_hints["Operator"] = "other"
        return
    if title:
        titles.setdefault(name, title)
    if firm:
        firms.setdefault(name, firm)
    if title and ANALYST.search(title):
        raw.role_hints[name] = "interviewer"
    elif title:
        raw.role_hints.setdefault(name, "interviewee")


def _split_title(rest: str) -> tuple[str, str | None]:
    """"Big Bank -- Analyst" -> ("Analyst", "Big Bank"); "Chief Executive Officer" -> (it, None)."""
    parts = re.split(DASHES, rest)
    if len(parts) >= 2:
        return parts[-1].strip(), " -- ".join(p.strip() for p in parts[:-1])
    return rest.strip(), None


def _person(line: str, next_line: str) -> tuple[str, str | None, str | None, int] | None:
    """(name, title, firm, lines used) when ``line`` (with ``next_line``) names a speaker."""
    if OPERATOR.match(line):
        return "Operator", None, None, 1
    if (m := DOUBLE_DASH_LINE.match(line)) and TITLE_WORDS.search(m.group(2)) and len(line) <= 120:
        title, firm = _split_title(m.group(2))
        return m.group(1), title, firm, 1
    if NAME_ONLY.match(line) and (f := FIRM_TITLE_LINE.match(next_line)) and TITLE_WORDS.search(f.group(2)):
        firm, title = f.group(1).strip(), f.group(2).strip()
        return line, title, (firm if ANALYST.search(title) else None), 2
    return None


def _participants(lines: list[str]) -> dict[str, tuple[str | None, str | None]]:
    """Names listed under participants headings (front or end matter): name -> (title, firm)."""
    out: dict[str, tuple[str | None, str | None]] = {}
    analysts = False
    listing = False
    i = 0
    while i < len(lines):
        line = BULLET.sub("", lines[i])
        if PARTICIPANTS.match(lines[i]) or END.match(lines[i]) and "participants" in lines[i].lower():
            listing, analysts = True, bool(ANALYST_LIST.match(lines[i]))
        elif listing and (SECTION.match(line) or OPERATOR.match(line)):
            listing = False
        elif listing and line:
            nxt = BULLET.sub("", lines[i + 1]) if i + 1 < len(lines) else ""
            if p := _person(line, nxt):
                name, title, firm, width = p
                if analysts and title and not ANALYST.search(title):
                    title = f"{title} (analyst)"
                out.setdefault(name, (title, firm))
                i += width
                continue
        i += 1
    return out


def _headers(lines: list[str], known: dict) -> dict[int, tuple[str, str | None, str | None, int]]:
    """Line index -> (name, title, firm, lines used) for every speaker line of the call itself."""
    out: dict[int, tuple[str, str | None, str | None, int]] = {}
    listing = False
    seen = set(known)
    i = 0
    while i < len(lines):
        line = lines[i]
        if PARTICIPANTS.match(line):
            listing = True
        elif SECTION.match(line) or OPERATOR.match(line):
            listing = False
        if END.match(line):
            break
        if not listing and line:
            nxt = next((x for x in lines[i + 1:i + 2]), "")
            if p := _person(line, nxt):
                out[i] = p
                seen.add(p[0])
                i += p[3]
                continue
            if line in seen and NAME_ONLY.match(line):  # a known speaker's name line without a title
                out[i] = (line, None, None, 1)
        i += 1
    return out


def _front_matter(front: list[str], raw: RawDoc) -> None:
    text = [line for line in front if line and not PARTICIPANTS.match(line)]
    for line in text:
        if m := DATE.search(line):
            value = m.group(1).replace(".", "").replace("Sept", "Sep")
            for fmt in ("%b %d, %Y", "%B %d, %Y"):
                try:
                    raw.date = datetime.strptime(value, fmt).date().isoformat()
                    break
                except ValueError:
                    continue
            if raw.date:
                break
    call = next((i for i, line in enumerate(text) if re.search(r"\bEarnings (?:Conference )?Call\b", line, re.I)), None)
    if call is not None:
        title = text[call]
        if call > 0 and len(title.split()) <= 4 and not DATE.search(text[call - 1]):
            title = f"{text[call - 1]} {title}"
        raw.title = " ".join(PRICE_CHANGE.sub("", title).split())
    for line in front:
        if line and not PARTICIPANTS.match(line):
            raw.notes.append(Note("heading", line.rstrip(":") if SECTION.match(line) else line))

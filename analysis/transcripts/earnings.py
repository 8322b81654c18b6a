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

- a label line with the role in parentheses (the layout of several transcript services), the text below:
  ``Operator (Operator)``, ``Jane Doe (Executives)``, ``John Roe (Analysts)`` (also ``Executive``,
  ``Analyst``, ``Corporate Participant``, ``Conference Call Participant``, ``Company Representative``),
  optionally a title after a dash on the same line (``Jane Doe (Executives) - Chief Financial Officer``,
  ``Jane Doe - Chief Financial Officer (Executives)``). The label is the name without the parenthesis;
  a line of that shape with another word in the parenthesis is reported in the warnings.

A paragraph that does not end a sentence joins the next one (a page break of the PDF the text came
from put a blank line inside it); a page-number line (``Page 3 of 12``) is left out.

Recognised by content (:func:`looks_like`): an ``Operator`` line and at least two speaker lines, or at
least ROLE_LINES_MIN role-in-parentheses lines of at least two different roles.
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
# (Motley Fool's newer pages glue the double hyphen: "Jacob Rode--Head of Investor Relations".)
DASHES = r"(?:\s+(?:--|\u2014|\u2013)\s+|--)"
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
OPERATOR_SEARCH_MD = re.compile(r"^[ \t#*_]*(?:Conference )?(?:Operator|Moderator)[ \t*_]*:?[ \t*_]*$", re.I | re.M)
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
# The role in parentheses on a label line: the role word -> the role hint.
ROLE_WORDS = {
    "operator": "other", "moderator": "other",
    "executive": "interviewee", "executives": "interviewee", "corporate participant": "interviewee",
    "corporate participants": "interviewee", "company representative": "interviewee",
    "company representatives": "interviewee", "company participant": "interviewee",
    "company participants": "interviewee",
    "analyst": "interviewer", "analysts": "interviewer", "conference call participant": "interviewer",
    "conference call participants": "interviewer",
}
_ROLE = "|".join(sorted((re.escape(w) for w in ROLE_WORDS), key=len, reverse=True))
_TITLE_DASH = r"\s*(?:--|[-\u2013\u2014])\s*"
# "Jane Doe (Executives)", "Jane Doe (Executives) - Chief Financial Officer", "Jane Doe - CFO (Executives)".
ROLE_LINE = re.compile(rf"^({NAME})\s*\(({_ROLE})\)(?:{_TITLE_DASH}(\S.{{0,100}}))?$", re.I)
ROLE_LINE_TITLE_FIRST = re.compile(rf"^({NAME}){_TITLE_DASH}([^()]{{2,100}}?)\s*\(({_ROLE})\)$", re.I)
ROLE_SEARCH = re.compile(
    rf"^[ \t]*{NAME}[ \t]*(?:(?:--|[-\u2013\u2014])[^()\n]{{2,100}})?\(({_ROLE})\)"
    r"(?:[ \t]*(?:--|[-\u2013\u2014])[^\n]{1,100})?[ \t]*$",
    re.I | re.M,
)
# A line of the same shape with a word the layout does not use ("Jane Doe (Guest)"): reported.
OTHER_ROLE_LINE = re.compile(rf"^({NAME})\s*\(([A-Z][\w .&\-]{{1,40}})\)$")
# A quick look for a role in parentheses before the line-by-line one.
ROLE_ANY = re.compile(rf"\((?:{_ROLE})\)", re.I)
# At least this many role-in-parentheses lines, of at least two roles, for that layout to count.
ROLE_LINES_MIN = 3
# A paragraph ending like this ended its sentence; any other joins the next one (a page break).
SENTENCE_END = re.compile(r"[.?!\u2026:;\"'\u201d\u2019)\]]$")
MD_WRAPPED = re.compile(r"^(?:#{1,6}\s+)?(?:\*\*|__)?([^*_].*?)(?:\*\*|__)?$")
PAGE_LINE = re.compile(r"^(?:Page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.I)


def looks_like(text: str) -> bool:
    """Whether ``text`` reads like an earnings call: an Operator line and speaker lines."""
    role = ROLE_ANY.search(text) is not None
    if role and _role_layout(text):
        return True
    # the Markdown form of the Operator line ("**Operator**", "## Operator") is searched at the same cost
    if not (role or OPERATOR_SEARCH_MD.search(text)):
        return False
    lines = [_line(line) for line in text.splitlines()]  # Markdown bold or heading marks left off
    text = "\n".join(lines)
    if role and _role_layout(text):
        return True
    if not OPERATOR_SEARCH.search(text):
        return False
    return len(_headers(lines, _participants(lines))) >= MIN_SPEAKER_LINES


def _line(line: str) -> str:
    """A line with its white space normalised; a Markdown heading mark or bold around the whole line
    (an earnings call saved as Markdown: ``**Jane Doe (Executives)**``, ``## Operator (Operator)``) is left off."""
    line = " ".join(line.split())
    if line[:1] in "#*_" and (m := MD_WRAPPED.match(line)):
        return m.group(1).strip()
    return line


def _role_layout(text: str) -> bool:
    """At least ROLE_LINES_MIN label lines with the role in parentheses, of at least two roles."""
    found = [ROLE_WORDS[m.group(1).lower()] for m in ROLE_SEARCH.finditer(text)]
    return len(found) >= ROLE_LINES_MIN and len(set(found)) >= 2


def read_text(text: str, *, format: str = "labelled") -> RawDoc | None:
    """Read an earnings call from plain text; None when the text is not laid out like one."""
    if not looks_like(text):
        return None
    return read_lines(text.splitlines(), format=format)


def read_lines(lines: list[str], *, format: str) -> RawDoc:
    """Read an earnings call from its lines (blank lines separate paragraphs)."""
    lines = [_line(line) for line in lines]
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
    odd: list[str] = []  # lines shaped like a role label with a role the layout does not use
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
            # a blank line ends the paragraph only after the end of a sentence (else: a page break)
            open_para = open_para and bool(pieces) and bool(pieces[-1]) and not SENTENCE_END.search(pieces[-1][-1])
        elif PAGE_LINE.match(line):
            raw.notes.append(Note("footer", line))
        elif (m := OTHER_ROLE_LINE.match(line)) and not (i and lines[i - 1]) and m.group(2).lower() not in ROLE_WORDS:
            odd.append(line)
            paras.append(Para(line))
            pieces.append([line])
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
    if odd and _role_layout("\n".join(lines)):
        shown = ", ".join(repr(x) for x in dict.fromkeys(odd[:4]))
        raw.warnings.append(
            f"Lines shaped like speaker lines were read as text, their role in parentheses being unknown: {shown}"
            f"{f' and {len(odd) - 4:,} more' if len(odd) > 4 else ''}. Rename the role to Executives, Analysts "
            "or Operator in the file, or merge the text with its speaker on the Upload page."
        )
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
    if "(" in line and (m := ROLE_LINE.match(line) or ROLE_LINE_TITLE_FIRST.match(line)):
        if m.re is ROLE_LINE:
            name, role, extra = m.group(1), m.group(2), m.group(3)
        else:
            name, extra, role = m.group(1), m.group(2), m.group(3)
        hint = ROLE_WORDS[role.lower()]
        if hint == "other":
            return ("Operator" if role.lower() == "operator" else name), None, None, 1
        if hint == "interviewer":  # an analyst's dash text is the firm
            return name, "Analyst", (extra.strip() if extra else None), 1
        return name, (extra.strip() if extra else role.strip()), None, 1
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

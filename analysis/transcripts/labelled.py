"""Plain-text transcripts with speaker labels: ``Q:``/``A:``, ``Q`` + spaces, ``NAME:`` and ``Name Name:``.

Handles the White House briefing style (hard-wrapped lines, paragraphs separated by blank lines,
``Q`` followed by non-breaking spaces, ``MS. PSAKI:`` in capitals, YAML front matter, a location
line and time stamps before the first turn) and name-case labels ("Vladimir Putin:"), and the layouts
people download (issue 13), recognised by content:

* time-stamped labels: Rev/Descript ``Jane Doe (00:01:23):`` and ``Speaker 1 (00:00):`` (text below or
  on the same line), Otter ``Jane Doe  0:01``, ``[00:01:02] Jane: text``, ``00:01:02 Jane Doe: text``,
  podcast Markdown ``0:00:12.9 **Jane Doe** text``; the time stamp becomes a note of its turn;
* single-line turns without blank lines (``NAME: text``, ``**Name:** text``), continuation lines
  belonging to the turn above, and a known capitals label after a sentence's end inside a line;
* U.S. congressional hearings (govinfo): indented ``Chairman Smith.`` / ``Mr. Doe.`` / ``The Chairman.``
  paragraphs, the printed cover and centred headings as notes, ``RawDoc.layout = "hearing"``;
* parentheticals (Hansard, UN): ``Mr. John Roe (Anytown) (Lab):`` -> label ``Mr. John Roe``,
  ``metadata["affiliations"]["Mr. John Roe"] = "Anytown; Lab"``;
* an office with its holder in parentheses (Hansard): ``The Secretary of State for ... (Mr William Hague):``
  -> label ``Mr William Hague`` (merged later with ``Mr Hague``), the office in the affiliations;
  ``Some hon. members:``; in a record with parenthetical labels, capitals headings between turns are notes,
  and a label with no speech followed by another label or a heading is no turn (a warning names it);
* CNN-style capitals with a title after a comma (``JAKE TAPPER, CNN MODERATOR:``, ``SEN. JANE ROE (D-OH),
  CANDIDATE:``; the title in the affiliations, a moderator's role in the role hints; the builder merges
  the later ``TAPPER:``), a delivery in parentheses (``COOPER (voice-over):``), and a warning for
  paragraphs that open like a capitals label but were not read as one;
* markers of the recording (``BREAK``, ``[MUSIC]``, ``(COMMERCIAL BREAK)``, ``INTERMISSION``,
  ``**Break:** [00:11:51.07]``) are notes, and a bracketed time stamp right after a label is the turn's;
* cover matter is no speaker: a label seen once before the recurring ones whose text reads like a title
  ("CPD: ... Debate Transcript", "WASHINGTON : 2021"), Markdown headings, a front-matter block that is
  not YAML, a transcription service's credit line.

A document whose turns are separated by blank lines keeps that convention (see SINGLE_LINE_SHARE):
the White House briefings parse exactly as before.

Label detection is hand-written: no library parses speaker labels, and the rules below are what
separate a label from a sentence that happens to start with a capitalised word and a colon.
"""

from __future__ import annotations

import re
from collections import Counter

import yaml

from ..errors import DiscourseError
from . import numbered
from .markdown import markup_only, strip_markdown
from .model import Note
from .raw import Para, RawDoc

# "Q", "Q." or "Q:" then text; "Q" must be followed by white space (incl. U+00A0) or a colon.
Q_LABEL = re.compile(r"^(?:Q|QUESTION)(?:\s*[:.]|(?=[\s\u00a0]))[\s\u00a0]*(?=\S)")
# "A:" / "ANSWER:" only with a colon: "A " starts too many ordinary sentences.
A_LABEL = re.compile(r"^(?:A|ANSWER)\s*:[\s\u00a0]*(?=\S)")
# Capitals: "MS. PSAKI:", "THE PRESIDENT:", "SECRETARY MAYORKAS:", "DR. SHERWOOD-RANDALL:".
CAPS_LABEL = re.compile(r"^([A-Z][A-Z0-9.'\u2019\- ]{0,58}[A-Z.)])[\s\u00a0]*:(?:[\s\u00a0]+|$)")
# Capitals with a title after a comma, as CNN prints a speaker the first time: "JAKE TAPPER, CNN MODERATOR:",
# "SEN. JANE ROE (D-OH), PRESIDENTIAL CANDIDATE:" (later "TAPPER:"). The label is the name; the party and
# the title go to the affiliations, and a title naming a role (moderator, host) to the role hints.
CAPS_TITLED = re.compile(
    r"^([A-Z][A-Z.'\u2019\-]*(?:[ \u00a0]+[A-Z][A-Z.'\u2019\-]*){1,4})"
    r"(?:[ \u00a0]+\(([A-Z][A-Z.\-]{0,12})\))?,[ \u00a0]+([A-Z][A-Z0-9.'\u2019&\- ]{1,60}?(?:,[ \u00a0]+[A-Z][A-Z0-9.'\u2019&\- ]{1,40}?)?)"
    r"(?:[ \u00a0]+\([a-z][a-z .\-]{1,30}\))?[\s\u00a0]*:(?:[\s\u00a0]+|$|(?=[A-Z]))"
)
# A capitals label with how the words were delivered, in lower case ("COOPER (voice-over):", "TAPPER (on
# camera):", "UNIDENTIFIED MALE (through translator):"): the label is the name.
CAPS_DELIVERY = re.compile(r"^([A-Z][A-Z0-9.'\u2019\- ]{0,58}[A-Z.])[ \u00a0]+\([a-z][a-z .\-]{1,30}\)[\s\u00a0]*:(?:[\s\u00a0]+|$)")
# Name case: up to six capitalised words, particles allowed inside ("Hans-Friedrich von Ploetz:"), and a
# number at the end for unnamed speakers ("Speaker 2:").
NAME_WORD = r"[A-Z][\w'\u2019.\-]*"
NAME = (
    rf"{NAME_WORD}(?:[ \u00a0]+(?:{NAME_WORD}|of|the|de|la|van|von|al|bin|da|del|der|du|le)){{0,5}}"
    r"(?:[ \u00a0]+\d{1,2})?"
)
NAME_LABEL = re.compile(rf"^({NAME})[\s\u00a0]*:(?:[\s\u00a0]+|$)")
# A time stamp as transcription services print it: m:ss, mm:ss, h:mm:ss, tenths or milliseconds allowed.
TS = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
# The label, then the time stamp in brackets (Rev, Descript, Fireflies): "Jane Doe (00:01:23):",
# "Speaker 1 (00:00):", "**Speaker 1 (00:00)**", "Jane Doe (00:00:00) text".
STAMP_AFTER = re.compile(
    rf"^(?:\*\*)?({NAME})(?:\*\*)?[ \u00a0]*[(\[]({TS})[)\]][ \u00a0]*(?:\*\*)?[ \u00a0]*(:?)(?:\*\*)?(?:[ \u00a0]+|$)"
)
# The label, a dash and the time stamp (btctranscripts, some Descript exports): "Jane Doe – 00:02:02:",
# the text on the same line or below it.
STAMP_DASH = re.compile(rf"^({NAME})[ \u00a0]+[-\u2013\u2014][ \u00a0]+({TS})[ \u00a0]*(?::(?:[ \u00a0]+|$)|$)")
# A voice the transcriber could not name, in brackets (CQ and Fox transcripts): "(UNKNOWN): Is this in the rules?".
UNKNOWN_LABEL = re.compile(
    r"^(\((?:UNKNOWN|UNIDENTIFIED(?:[ \u00a0](?:MALE|FEMALE|MAN|WOMAN|SPEAKER|PARTICIPANT|AUDIENCE MEMBER))?"
    r"|AUDIENCE MEMBER|OFF[- ]MIKE|OFF[- ]MIC)\))[ \u00a0]*:(?:[ \u00a0]+|$)"
)
# The time stamp, then the label: "[00:01:02] Jane: text", "00:01:02 Jane Doe: text", and podcast
# Markdown "0:00:12.9 **Jane Doe** text" (the bold marks the label's end when there is no colon).
STAMP_BEFORE = re.compile(
    rf"^[(\[]?({TS})[)\]]?[ \u00a0]*(?:[-\u2013\u2014|][ \u00a0]*)?(?![AaPp]\.?[ \u00a0]?[Mm]\b)"
    rf"(?:\*\*({NAME})(?::\*\*|\*\*[ \u00a0]*:?)|({NAME})[ \u00a0]*:)(?:[ \u00a0]+|$)"
)
# The label in brackets, then the time stamp in brackets (the Oxide and Friends transcripts, some Whisper
# exports): "[Speaker 1] [00:21] It's like, no."
BRACKET_STAMP = re.compile(rf"^\[({NAME})\][ \u00a0]*[(\[]({TS})[)\]][ \u00a0]*:?(?:[ \u00a0]+|$)")
# A time stamp in brackets right after a label ("**Jane Doe:** [00:00:04.10] text"): the turn's time stamp.
LEADING_STAMP = re.compile(rf"^[(\[]({TS})[)\]][ \u00a0]*")
# Markers of the recording that are not speech: a break, music, an intermission, alone or as a label with
# only a time stamp ("**Break:** [00:11:51.07]", "[MUSIC]", "BREAK", "(COMMERCIAL BREAK)", "INTERMISSION"):
# a note, never a speaker or a turn.
MARKER = re.compile(
    rf"^[(\[]?(?:(?:commercial|station|short|musical)[ \u00a0]+)?(?:break|intermission|interlude|recess|music|"
    rf"musical[ \u00a0]+interlude|end[ \u00a0]+of[ \u00a0]+(?:part|segment|tape)(?:[ \u00a0]+\w+)?)[)\]]?"
    rf"[ \u00a0]*:?[ \u00a0]*(?:[(\[]?{TS}[)\]]?)?[ \u00a0]*:?$",
    re.I,
)
MARKER_FIRST = "[(BbIiRrMmCcSsEe"
# Otter: the label and the time stamp alone on a line ("Jane Doe  0:01"), the text below it.
OTTER = re.compile(rf"^({NAME})[ \u00a0]+({TS})$")
# Parentheticals of place, party or country after the name (Hansard, UN records):
# "Mr. John Roe (Anytown) (Lab):", "Mr. Ivanov (Russian Federation):".
PAREN_LABEL = re.compile(rf"^({NAME})((?:[ \u00a0]*\([^()]{{1,80}}\))+)[ \u00a0]*:(?:[ \u00a0]+|$)")
PAREN_PART = re.compile(r"\(([^()]+)\)")
# An office with its holder's name in parentheses (Hansard): "The Secretary of State for Foreign and Commonwealth
# Affairs (Mr William Hague):", "The Minister of State, Foreign and Commonwealth Office (Alistair Burt):",
# "The Acting Speaker (Mr. McClelland):". The label is the person (who speaks later as "Mr Hague:"); the
# office goes to the affiliations.
OFFICE_WORDS = (
    r"Speaker|Minister|Secretary|Chair|Chairman|Chairwoman|Chairperson|President|Leader|Attorney|Solicitor|"
    r"Chancellor|Deputy|Advocate|Clerk|Whip|Parliamentary|Commissioner|Presiding"
)
PERSON = (
    r"(?:(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Baroness|Hon|Rt\.?[ \u00a0]+Hon)\.?[ \u00a0]+)?"
    r"[A-Z][\w'\u2019\-]+(?:[ \u00a0]+(?:[A-Z][\w'\u2019.\-]*|de|van|von|du|le|la)){0,3}"
)
OFFICE_LABEL = re.compile(
    rf"^((?:The|Madam|Mr\.?|Mister)[ \u00a0][^():\n]{{0,120}}?\b(?:{OFFICE_WORDS})\b[^():\n]{{0,120}}?)[ \u00a0]*"
    rf"\(({PERSON})\)[ \u00a0]*:(?:[ \u00a0]+|$)"
)
# The office of an office label, as kept in the affiliations ("The Acting Speaker").
OFFICE_ALONE = re.compile(rf"^(?:The|Madam|Mr\.?|Mister)[ \u00a0].{{0,120}}\b(?:{OFFICE_WORDS})$")
# The House's voices in Hansard: "Some hon. members:", "An hon. member:".
HOUSE_VOICES = re.compile(r"^((?:Some|An|Several|Many)[ \u00a0]+hon\.?[ \u00a0]+members?)[ \u00a0]*:(?:[ \u00a0]+|$)", re.I)
# In a parliamentary record (at least two labels with parentheticals), a short paragraph in capitals with no
# sentence end between turns is a section heading ("ORAL QUESTIONS", "RURAL BROADBAND"): a note.
HEADING_MAX_WORDS = 12
# U.S. congressional hearings (govinfo): an honorific or title and a name, then a period, at the start of
# an indented paragraph ("    Chairman Smith. The committee will come to order.", "Mrs. Smith of Ohio.",
# "The Chairman."). The text after it must start like a sentence ("Mr. Smith. was" is no label).
HONORIFICS = (
    r"Mr|Mrs|Ms|Miss|Dr|Chairman|Chairwoman|Chairperson|Chair|Senator|Representative|Delegate|Commissioner|"
    r"Ranking Member|Vice Chairman|Vice Chairwoman|Vice Chair|Secretary|Ambassador|General|Admiral|Governor|"
    r"Judge|Justice|Director|Mayor|Professor|Hon|Sheriff|Chief|Colonel|Captain|Major"
)
CHAIRS = (
    r"Chairman|Chairwoman|Chair|President|Speaker|Clerk|Presiding Officer|Vice Chairman|Acting Chairman|"
    r"CHAIRMAN|CHAIRWOMAN|PRESIDENT|SPEAKER|CLERK"
)
PERIOD_LABEL = re.compile(
    rf"^((?:{HONORIFICS})\.?(?:[ \u00a0]+[A-Z][A-Za-z'\u2019\-]+){{1,2}}"
    r"(?:[ \u00a0]+of[ \u00a0]+[A-Z][a-z]+(?:[ \u00a0]+[A-Z][a-z]+)?)?"
    rf"|The[ \u00a0]+(?:{CHAIRS}))\.[ \u00a0]+(?=[A-Z\"'\u201c\u2018\[(\d])"
)
# The same at the start of an indented line of plain text: how a hearing is recognised (at least
# HEARING_MIN_LABELS such lines, one label recurring).
HEARING_LINE = re.compile(r"\n[ \t\u00a0]{2,}(?=[A-Z])" + PERIOD_LABEL.pattern[1:])
HEARING_MIN_LABELS = 3
# In a hearing, a line indented this far is centred: a heading ("STATEMENT OF ..."), not a paragraph.
CENTRED_INDENT = 10
RULE_LINE = re.compile(r"^[\s_=\-*.~]+$")
# A capitals label inside a line, after the end of a sentence ("... thank you. SMITH: Well, ..."): a second
# turn, but only for a capitals label that opens paragraphs elsewhere in the document.
INLINE_CAPS = re.compile(
    r"(?:(?<![A-Z])[.?!\u2026]|[\"\u201d\u2019)\]]|--)[ \u00a0]*"
    r"([A-Z][A-Z.'\u2019\-]*(?:[ \u00a0][A-Z][A-Z.'\u2019\-]*){0,3}"
    # CNN's full label inside a line: "HILLARY CLINTON (D-NY), FORMER SECRETARY OF STATE, PRESIDENTIAL CANDIDATE:"
    r"(?:[ \u00a0]\([A-Z]{1,3}-[A-Z]{2}\))?(?:,[ \u00a0][A-Z][A-Z0-9 .,'\u2019\-]{1,90}?)?)[ \u00a0]*:\Z"
)
# How far back from a colon a label inside a line is looked for (the longest CNN label, with its titles).
INLINE_LOOKBACK = 140
# A capitals label seen only inside lines counts when it is seen there this often, with another one.
INLINE_MIN_REPEATS = 2
# Where labels inside lines are rare, a capitals label inside a line opens a turn when it opens at least
# this many paragraphs elsewhere.
INLINE_KNOWN_MIN = 2
# A line inside a paragraph that may open with a label (checked with the label rules): bold, a time
# stamp, or a capitalised word with a colon or a time stamp further on.
LINE_CANDIDATE = re.compile(
    r"\n[ \t\u00a0]*(?=\*\*|[\[(]?\d{1,2}:\d{2}|\[[A-Z][^\]\n]{0,40}\][ \t\u00a0]*[\[(]\d{1,2}:\d{2}|[A-Z][\w'\u2019.\-]*(?:[ \t\u00a0]+(?:[A-Z][\w'\u2019.\-]*|"
    r"of|the|de|la|van|von|al|bin|da|del|der|du|le|\d{1,2})){0,5}[ \t\u00a0]*(?:[:(\[]|[ \t\u00a0]\d{1,2}:\d{2}))"
)
MD_HEADING = re.compile(r"^#{1,6}[ \t]+([^\W_].*?)[ \t#]*$")  # "# # #" is an end mark, not a heading
# A transcription service's credit line, a paragraph of its own: a note, never a turn's text.
CREDIT_LINE = re.compile(r"^(?:Transcribed|Transcription|Transcript) (?:by|with|from) \S.{0,80}$")
# How a line that is nothing but a label ends (a time stamp, a colon, a bracket, bold).
LABEL_ONLY_ENDS = "0123456789:)]*"
# Labels at the start of lines inside paragraphs split them only when there is at least one such
# line for this many labels at paragraph starts (a briefing with one missing blank line keeps it).
SINGLE_LINE_SHARE = 4
# A label seen once, before the first recurring label, whose text reads like a title (no sentence end, at
# most this many words) is cover matter: "CPD: September 29, 2020 Debate Transcript", "WASHINGTON : 2021".
COVER_MAX_WORDS = 15
SENTENCE_END = ".?!\u2026\"'\u201d\u2019)"
# Words that open a line with a colon but are not speakers.
NOT_SPEAKERS = frozenset(
    s.lower()
    for s in (
        "Note", "Notes", "Source", "Sources", "Update", "Updated", "Correction", "Transcript", "Editor's Note",
        "Location", "Competence", "Field of expertise", "Work experience", "Date", "Time", "Title", "Subject",
        "Keywords", "Tags", "Topic", "Topics", "Summary", "Background", "First published at", "Read more",
        "See also", "Photo", "Video", "Audio", "Link", "Links", "Related", "Example", "For example", "Answer",
        "Question", "Warning", "Disclaimer", "Copyright", "Attribution", "Author", "Authors", "Contact", "Email",
        "Phone", "Address", "Website", "Where", "When", "Why", "How", "What", "Who", "Here", "There", "This",
        "That", "These", "Those", "It", "One", "Two", "Three", "First", "Second", "Third", "Finally", "Also",
        # stage directions are never speakers ("[Crosstalk]:", "INAUDIBLE:")
        "Laughter", "Applause", "Inaudible", "Crosstalk", "Cross-talk", "Unintelligible", "Indiscernible", "Music",
        "Silence", "Overlapping", "Background noise",
        # a transcript's cover lists ("SPEAKERS:  PAGE  QUESTIONS", "SENATORS PRESENT:", "APPEARANCES:")
        "Speakers", "Witnesses", "Witness", "Present", "Also present", "Presiding", "Appearances", "Index",
        "Senators present", "Members present", "Assemblymembers present", "Panelists", "Participants", "Contents",
        "Speakers (continued)", "Witnesses (continued)", "Appearances (continued)", "Index (continued)",
    )
)
# A name-case label must occur this often in the document to count (one "Vladimir Putin:" could be
# a sentence; labels of real turns recur) unless the document has other recurring name labels.
NAME_LABEL_MIN_REPEATS = 2
PARAGRAPH_SPLIT = re.compile(r"\n[ \t\u00a0]*\n")
# A line that opens with an explicit "Q:"/"A:" label starts a new turn even without a blank line before
# it ("Q: ...\nA: ..."). Only the colon forms: a wrapped line may start with a bare "Q" or a name.
LABEL_LINE = re.compile(r"\n(?=[ \t\u00a0]*(?:Q|A|QUESTION|ANSWER)[ \t\u00a0]*:)")
# Zero-width spaces and word joiners (U+200B, U+2060, U+FEFF) split words invisibly; they are removed.
ZERO_WIDTH = dict.fromkeys((0x200B, 0x2060, 0xFEFF))
# libyaml's safe loader when PyYAML was built with it (ten times faster), else the pure-Python one.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)


def _clean(par: str, *, keep_markup: bool = False) -> str:
    """Unwrap hard-wrapped lines and normalise white space (non-breaking spaces become spaces).

    ``str.split()`` splits on every Unicode space (U+00A0, U+2009, U+202F included) and is several
    times faster than a regular expression here, which matters over the 1,154-briefing corpus.
    """
    if "\u200b" in par or "\u2060" in par or "\ufeff" in par:  # str.translate is slow: only when needed
        par = par.translate(ZERO_WIDTH)
    text = " ".join(par.split())
    return text if keep_markup else strip_markdown(text)


def split_paragraphs(text: str, *, keep_markup: bool = False) -> list[str]:
    """Paragraphs (separated by blank lines), unwrapped; Markdown removed unless ``keep_markup``.

    A line inside a paragraph that opens with a speaker label starts a new paragraph when the label is
    a sure one (a time stamp beside it) or recurs in the document (single-line turns without blank
    lines between them); a line that is nothing but a label ("Jane Doe  0:01") is a paragraph of its own.
    """
    chunks = [c for p in PARAGRAPH_SPLIT.split(text) for c in (LABEL_LINE.split(p) if ":" in p else (p,))]
    chunks = _split_label_lines(chunks)
    return [p for p in (_clean(p, keep_markup=keep_markup) for p in chunks) if p]


def _split_label_lines(chunks: list[str]) -> list[str]:
    found: list[tuple[int, int, int, tuple]] = []  # (chunk, line start, line end, label)
    for i, c in enumerate(chunks):
        if "\n" not in c:
            continue
        c = chunks[i] = c.strip("\n")
        if "\n" not in c:
            continue
        starts = [m.start() + 1 for m in LINE_CANDIDATE.finditer(c)]
        end = c.find("\n")
        first = c[:end].rstrip()
        if first[-1:] in LABEL_ONLY_ENDS:  # "Jane Doe  0:01", "Speaker 1 (00:00):", "**Jane:**"
            starts.insert(0, 0)
        for start in starts:
            end = c.find("\n", start)
            end = len(c) if end < 0 else end
            f = _label_of(" ".join(c[start:end].split()), markup=True)
            if f is not None and f[0] not in ("q", "a"):
                found.append((i, start, end, f))
    if not found:
        return chunks
    # A document whose turns are separated by blank lines keeps that convention: a recurring label at
    # the start of a wrapped line is split off only where such lines are a good share of all paragraphs.
    inside = sum(1 for i, start, _, f in found if start > 0)
    single_lines = inside * SINGLE_LINE_SHARE >= sum(1 for c in chunks if c.strip())
    if single_lines:  # paragraph-start labels count towards recurrence too
        for c in chunks:
            if (f := _label_of(" ".join(c[:200].split("\n", 1)[0].split()), markup=True)) is not None:
                found.append((-1, 0, 0, f))
    labels = Counter(f[1] for *_, f in found)
    kinds = Counter(f[0] for *_, f in found)
    pairs = Counter((f[0], f[1]) for *_, f in found)
    cuts: dict[int, list[int]] = {}
    for i, start, end, f in found:
        if i < 0 or not _accepted(f, labels, kinds, pairs) or (not single_lines and f[0] in ("caps", "name", "paren")):
            continue
        cuts.setdefault(i, []).append(start)
        if not f[2]:  # a label alone on its line: the text below it is a paragraph
            cuts[i].append(end)
    out: list[str] = []
    for i, c in enumerate(chunks):
        if i not in cuts:
            out.append(c)
            continue
        edges = sorted({0, len(c), *cuts[i]})
        out.extend(c[x:y] for x, y in zip(edges, edges[1:]) if c[x:y].strip())
    return out


def _accepted(f: tuple, labels: Counter, kinds: Counter, pairs: Counter) -> bool:
    """Whether a label found at a line's start is sure enough to start a turn there."""
    kind, label = f[0], f[1]
    if kind == "stamp":
        return True
    if kind in ("stamp-text", "otter"):
        return kinds[kind] >= 2
    if kind == "paren":
        return labels[label] >= 2 or kinds["paren"] >= 2
    # caps, name: the label recurs, or two other labels of its kind do (a guest who speaks once)
    return labels[label] >= 2 or sum(1 for (k, n), c in pairs.items() if k == kind and c >= 2) >= 2


def _label_of(par: str, *, markup: bool = False) -> tuple | None:
    """(kind, label, rest, extra) for a paragraph that opens with a speaker label, else None.

    ``extra`` is the time stamp (kinds "stamp", "stamp-text", "otter") or the parentheticals ("paren").
    ``markup``: ``par`` still has its Markdown (the podcast "0:00:12.9 **Jane Doe** text" needs the bold).
    """
    first = par[:1]
    if first == "(" and (m := UNKNOWN_LABEL.match(par)):
        return "caps", m.group(1), par[m.end():], None
    if first.isdigit() or first in "[(":
        if m := STAMP_BEFORE.match(par):
            label = m.group(2) or m.group(3)
            if label.lower() not in NOT_SPEAKERS:
                rest = par[m.end():]
                return "stamp", label.strip(), strip_markdown(rest) if markup else rest, m.group(1)
        if first == "[" and (m := BRACKET_STAMP.match(par)) and m.group(1).lower() not in NOT_SPEAKERS:
            rest = par[m.end():]
            return "stamp", m.group(1).strip(), strip_markdown(rest) if markup else rest, m.group(2)
        return None
    if markup and ("*" in par or "_" in par):
        par = strip_markdown(par)
        par = STRAY_EMPHASIS.sub("", par) if par[:1] in "*_" or par[-1:] in "*_" else par
    if m := Q_LABEL.match(par):
        return "q", "Q", par[m.end():], None
    if m := A_LABEL.match(par):
        return "a", "A", par[m.end():], None
    if m := CAPS_LABEL.match(par):
        label = m.group(1).strip()
        if label.lower() not in NOT_SPEAKERS and (label[:2].isalpha() or sum(c.isalpha() for c in label) >= 2):
            return "caps", label, par[m.end():], None
    if par[1:2].isupper():  # capitals with a delivery or a title: "COOPER (voice-over):", "JAKE TAPPER, CNN MODERATOR:"
        if par.find("(", 0, 100) >= 0 and (m := CAPS_DELIVERY.match(par)):
            label = m.group(1).strip()
            if label.lower() not in NOT_SPEAKERS:
                return "caps", label, par[m.end():], None
        if par.find(",", 0, 140) >= 0 and (m := CAPS_TITLED.match(par)):
            label = m.group(1).strip()
            if label.lower() not in NOT_SPEAKERS:
                return "caps", label, par[m.end():], "; ".join(x for x in (m.group(2), m.group(3).strip()) if x)
    if m := NAME_LABEL.match(par):
        label = m.group(1).strip()
        if label.lower() not in NOT_SPEAKERS:
            return "name", label, par[m.end():], None
    if par[:1] in "TMS" and (
        par.find("):", 0, 300) >= 0 and (m := OFFICE_LABEL.match(par))
        or par.find("hon", 0, 12) >= 0 and (m := HOUSE_VOICES.match(par))
    ):
        if m.re is HOUSE_VOICES:
            return "voices", m.group(1), par[m.end():], None
        return "paren", " ".join(m.group(2).split()), par[m.end():], " ".join(m.group(1).split()).rstrip(",")
    head = par[:80]
    if (" \u2013 " in head or " - " in head or " \u2014 " in head) and (m := STAMP_DASH.match(par)):
        label = m.group(1).strip()
        if label.lower() not in NOT_SPEAKERS:
            return "stamp", label, par[m.end():], m.group(2)
    if "(" in par[:120] or "[" in par[:120]:
        if m := STAMP_AFTER.match(par):
            label = m.group(1).strip()
            if label.lower() not in NOT_SPEAKERS:
                rest = par[m.end():]
                kind = "stamp" if m.group(3) or not rest else "stamp-text"
                return kind, label, rest, m.group(2)
        if m := PAREN_LABEL.match(par):
            label = m.group(1).strip()
            if label.lower() not in NOT_SPEAKERS:
                return "paren", label, par[m.end():], "; ".join(PAREN_PART.findall(m.group(2)))
    if par[-1:].isdigit() and len(par) <= 80 and (m := OTTER.match(par)):
        label = m.group(1).strip()
        if label.lower() not in NOT_SPEAKERS and len(label.split()) <= 4:
            return "otter", label, "", m.group(2)
    return None


# A paragraph opening like a capitals label that was not read as one ("ANNA ROE, CNN ANCHOR (voice-over):"):
# in a document of capitals labels its words are counted for the speaker above, so a warning names it.
CAPS_LIKE = re.compile(r"^([A-Z][A-Z.'\u2019\-]+(?:[ \u00a0]+[A-Z][A-Z.'\u2019\-]*)*[ \u00a0,(][^:\n]{0,80}):[\s\u00a0]")
# Warnings name this many such openings, then count the rest.
MISSED_SHOWN = 4
QA_ROLES = {"q": "question", "a": "answer"}
ROLE_IN_TITLE = re.compile(r"\b(moderator|interviewer|host|anchor)\b", re.I)
def split_label(label: str) -> tuple[str, str | None, str | None]:
    """A label given apart from its text (bold in HTML) as (name, time stamp, parentheticals):
    ``"Jane Doe (00:01:23)"`` -> ``("Jane Doe", "00:01:23", None)``; ``"Mr. Ivanov (Russian Federation)"``
    -> ``("Mr. Ivanov", None, "Russian Federation")``; any other label is returned as it is."""
    f = _label_of(" ".join(label.split()).rstrip(":") + ":")
    if f is not None and not f[2].strip():
        if f[0] == "stamp":
            return f[1], TENTHS.sub("", f[3]), None
        if f[0] == "paren":
            return f[1], None, f[3]
    return label, None, None


# Tenths or milliseconds of a time stamp: not in the builder's time stamps, so left off the note.
TENTHS = re.compile(r"[.,]\d{1,3}$")
# Emphasis left unmatched by Markdown's rules ("*Q   I'm not on mute, no. *"): a run of * or _ glued to
# the paragraph's first or last word is not text.
STRAY_EMPHASIS = re.compile(r"^[*_]+(?=\S)|(?<=\S)\s*[*_]+$")


def read_paragraphs(paragraphs: list[str], *, format: str, clean: bool = True) -> RawDoc:
    """Find speaker labels at the start of paragraphs; unlabelled paragraphs continue a turn.

    Paragraphs may still carry Markdown (it is removed here). Recognised: ``Q``/``A``, ``NAME:``,
    ``Name Name:``, time stamps before or after the label (they become notes), ``Name (Place):``
    (the parenthetical goes to ``metadata["affiliations"]``), hearing labels ending in a period when
    the document has the hearing shape (``layout = "hearing"``), a second capitals label inside a line,
    and cover lines ("CPD: ...") that are not speakers. ``clean=False``: the paragraphs are already
    unwrapped and their white space normalised (as :func:`split_paragraphs` gives them).
    """
    if clean:
        kept = [_clean(p, keep_markup=True) for p in paragraphs]
    else:
        kept = paragraphs
    paras = [strip_markdown(p) for p in kept]
    paras = [STRAY_EMPHASIS.sub("", p) if p[:1] in "*_" or p[-1:] in "*_" else p for p in paras]
    credits = [p for p in paras if p[:1] == "T" and CREDIT_LINE.match(p)]  # "Transcribed by https://otter.ai"
    markers = {i for i, p in enumerate(paras) if len(p) <= 60 and p[:1] in MARKER_FIRST and MARKER.match(p)}  # "BREAK"
    marker_notes = [Note("stage", paras[i]) for i in sorted(markers)]
    keep = [i for i, p in enumerate(paras) if p and not (credits and p in credits) and i not in markers]
    kept = [kept[i] for i in keep]
    paras = [paras[i] for i in keep]
    found = [
        _label_of(k, markup=True) if k[:1].isdigit() or k[:1] == "[" else _label_of(p) for k, p in zip(kept, paras)
    ]
    hearing = _hearing_labels(paras, found)
    if hearing is not None:
        found = hearing
    labels = Counter(f[1] for f in found if f)
    kinds = Counter(f[0] for f in found if f)
    recurring = {n for n, c in labels.items() if c >= NAME_LABEL_MIN_REPEATS}
    name_recurring = {f[1] for f in found if f and f[0] == "name" and f[1] in recurring}
    # "Mr. Roe:" after "Mr. John Roe (Anytown) (Lab):": the short form of a parenthetical label
    surnames = {f[1].split()[-1] for f in found if f and f[0] == "paren"} if kinds["paren"] >= 2 else set()
    # ... and "The Speaker:" after "The Acting Speaker (Mr. Dorval):", whose office went to the affiliations
    surnames |= {f[3].split()[-1] for f in found if f and f[0] == "paren" and isinstance(f[3], str)
                 and OFFICE_ALONE.match(f[3])} if kinds["paren"] >= 2 else set()
    for i, f in enumerate(found):
        if f is None:
            continue
        kind = f[0]
        ok = (
            (kind != "name" or f[1] in name_recurring or len(name_recurring) >= 2 or f[1].split()[-1] in surnames)
            and (kind not in ("stamp-text", "otter") or kinds[kind] >= 2)
            and (kind != "paren" or f[1] in recurring or kinds["paren"] >= 2)
        )
        if not ok:
            found[i] = None
    _drop_cover(found, labels)
    raw = RawDoc(format=format)
    headings = kinds["paren"] >= 2  # a parliamentary record: capitals headings between turns are notes
    for i, f in enumerate(found):
        # A label with no speech, followed directly by another label or a heading, is not a turn.
        if f is not None and not f[2].strip() and f[0] in ("paren", "name", "caps") and i + 1 < len(found) and (
            found[i + 1] is not None or (headings and _is_heading(paras[i + 1]))
        ):
            raw.notes.append(Note("stage", paras[i]))
            found[i] = ("skip", f[1], "", None)
    if silent := [f[1] for f in found if f is not None and f[0] == "skip"]:
        shown = ", ".join(repr(x) for x in list(dict.fromkeys(silent))[:MISSED_SHOWN])
        raw.warnings.append(
            f"{len(silent):,} speaker label{'s' if len(silent) > 1 else ''} with no speech after "
            f"{'them' if len(silent) > 1 else 'it'} (another label or a heading follows) {'were' if len(silent) > 1 else 'was'} "
            f"not counted as turns: {shown}{f' and {len(silent) - MISSED_SHOWN:,} more' if len(silent) > MISSED_SHOWN else ''}. "
            "If their speech is missing from the file, add it there."
        )
    if kinds["caps"] >= 2 and not kinds["q"]:
        missed = [
            m.group(1) for p, f in zip(paras, found)
            if f is None and p[:1].isupper() and (m := CAPS_LIKE.match(p)) and m.group(1).lower() not in NOT_SPEAKERS
        ]
        if missed:
            shown = ", ".join(repr(x + ":") for x in list(dict.fromkeys(missed))[:MISSED_SHOWN])
            more = f" and {len(missed) - MISSED_SHOWN:,} more" if len(missed) > MISSED_SHOWN else ""
            raw.warnings.append(
                f"{len(missed):,} paragraph{'s' if len(missed) > 1 else ''} open{'' if len(missed) > 1 else 's'} like a "
                f"speaker label but {'were' if len(missed) > 1 else 'was'} read as part of the turn above: {shown}{more}. "
                "If they are turns, write their labels as 'NAME:' or 'NAME, TITLE:' in the file, or fix the speakers "
                "on the Upload page."
            )
    raw.notes.extend(Note("heading", p) for p in credits)
    raw.notes.extend(marker_notes)
    if hearing is not None:
        raw.layout = "hearing"
    inline: set[str] = set()
    if hearing is None:
        # as for lines (SINGLE_LINE_SHARE): only where labels inside paragraphs are the document's way
        hits = Counter(h[1] for t in (f[2] if f else p for p, f in zip(paras, found)) for h in _inline_hits(t))
        if hits:
            starts = {f[1] for f in found if f and f[0] == "caps"}
            again = {n for n, c in hits.items() if c >= INLINE_MIN_REPEATS}
            inline = starts | again if len(again) >= 2 else starts
            seen = sum(c for n, c in hits.items() if n in inline)
            if seen * SINGLE_LINE_SHARE < sum(1 for f in found if f) + seen:
                # Not the document's way, but a capitals label that opens paragraphs again and again
                # still opens a turn where a paragraph break was lost ("... in Iowa.HOLT: And New ...").
                inline = {n for n in starts if labels[n] >= INLINE_KNOWN_MIN}
    out: list[Para] = []
    stamp: str | None = None  # the current turn's time stamp: a paragraph at the turn's end (a note)
    for par, f in zip(paras, found):
        if f is not None and f[0] == "skip":
            continue
        if f is None and headings and _is_heading(par):
            raw.notes.append(Note("heading", par))
            continue
        if f is None:
            if inline:
                out.extend(_split_inline(par, None, None, inline))
            else:
                out.append(Para(par))
            continue
        kind, label, rest, extra = f
        if stamp:
            out.append(Para(stamp))
            stamp = None
        if kind in ("stamp", "stamp-text", "otter"):
            stamp = TENTHS.sub("", extra)
        elif kind in ("paren", "caps") and extra:
            raw.metadata.setdefault("affiliations", {})[label] = extra
            if kind == "caps" and (role_word := ROLE_IN_TITLE.search(extra)):
                raw.role_hints.setdefault(label, "interviewer" if role_word.group(1).lower() == "interviewer" else "moderator")
        if kind not in ("stamp", "stamp-text", "otter") and rest[:1] in "[(" and (m := LEADING_STAMP.match(rest)):
            stamp, rest = TENTHS.sub("", m.group(1)), rest[m.end():]  # "**Jane:** [00:00:04.10] text"
        role = QA_ROLES.get(kind)
        if inline:
            out.extend(_split_inline(rest.strip(), label, role, inline))
        else:
            out.append(Para(rest.strip(), label=label, role=role))
    if stamp:
        out.append(Para(stamp))
    raw.paras = out
    return raw


def _is_heading(par: str) -> bool:
    """A section heading of a parliamentary record: short, in capitals, not ending a sentence."""
    return (
        par.isupper() and len(par.split()) <= HEADING_MAX_WORDS and par[-1:] not in SENTENCE_END and ":" not in par
    )


def _hearing_labels(paras: list[str], found: list) -> list | None:
    """The labels of a hearing (period labels only) when the paragraphs have the hearing shape: at least
    HEARING_MIN_LABELS period labels, one recurring, more of them than colon labels. Else None."""
    periods = [PERIOD_LABEL.match(p) if p[:1] in "MDCSRVAGJHPOTL" else None for p in paras]
    names = Counter(m.group(1) for m in periods if m)
    if sum(names.values()) < HEARING_MIN_LABELS or max(names.values()) < 2:
        return None
    if sum(names.values()) <= sum(1 for f in found if f):
        return None
    return [("period", m.group(1), p[m.end():], None) if m else None for m, p in zip(periods, paras)]


def _drop_cover(found: list, labels: Counter) -> None:
    """Cover matter before the first recurring label is no speaker: a label seen once whose text reads
    like a title ("CPD: September 29, 2020 Debate Transcript", "WASHINGTON : 2021")."""
    for i, f in enumerate(found):
        if f is None:
            continue
        if labels[f[1]] >= 2 or f[0] not in ("caps", "name", "paren"):
            return
        rest = f[2].strip()
        if not rest or (len(rest.split()) <= COVER_MAX_WORDS and rest[-1] not in SENTENCE_END):
            found[i] = None


def _inline_hits(text: str) -> list[tuple[int, str, int]]:
    """(label start, label, text start) of each capitals label after a sentence's end inside ``text``.

    Found from the colons backwards: far fewer colons than sentence ends are in a text."""
    out = []
    i = text.find(": ", 1)
    while i >= 0:
        if m := INLINE_CAPS.search(text, max(0, i - INLINE_LOOKBACK), i + 1):
            j = i + 2
            while j < len(text) and text[j] in " \u00a0":
                j += 1
            out.append((m.start(1), m.group(1), j))
        i = text.find(": ", i + 2)
    return out


def _split_inline(text: str, label: str | None, role, inline: set[str]) -> list[Para]:
    """A paragraph as Paras, split where a known capitals label follows a sentence's end."""
    out: list[Para] = []
    pos = 0
    for start, name, rest in _inline_hits(text) if ": " in text else ():
        if name not in inline:
            # A full CNN label whose surname is a known label ("HILLARY CLINTON (D-NY), ..." and "CLINTON").
            surname = re.split(r"[ \u00a0]*[(,]", name, maxsplit=1)[0].split()[-1]
            if surname == name or surname not in inline:
                continue
            name = surname
        out.append(Para(text[pos:start].strip(), label=label, role=role))
        label, role, pos = name, None, rest
    out.append(Para(text[pos:].strip(), label=label, role=role))
    return [p for p in out if p.text or p.label]


def hearing_paragraphs(text: str) -> tuple[list[str], list[str]] | None:
    """A hearing's plain text (govinfo) as paragraphs and headings, or None when it has not the shape.

    Paragraphs start at an indented line (continuation lines are flush left) or after a blank line;
    centred lines are headings ("STATEMENT OF ..."), rules of underscores are dropped.
    """
    matches = HEARING_LINE.findall(text)
    if len(matches) < HEARING_MIN_LABELS or max(Counter(matches).values()) < 2:
        return None
    paras: list[str] = []
    headings: list[str] = []
    current: list[str] = []

    def flush() -> None:
        if current:
            par = " ".join(current)
            # a heading set flush or barely indented ("  STATEMENT OF ..."): capitals only
            (headings if par.upper() == par and any(c.isalpha() for c in par) else paras).append(par)
            current.clear()

    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            flush()
            continue
        indent = len(line) - len(line.lstrip(" \t\u00a0"))
        if RULE_LINE.match(stripped):
            flush()
        elif indent >= CENTRED_INDENT:
            flush()
            headings.append(" ".join(stripped.split()))
        else:
            if indent >= 2:
                flush()
            current.append(stripped)
    flush()
    return paras, headings


# The longest YAML front matter read (characters); a longer block between "---" lines is not front matter.
MAX_FRONT_MATTER_CHARS = 20_000


def _front_matter(text: str) -> tuple[dict, str, str | None]:
    """(metadata, body, block): YAML front matter read into metadata; a front-matter block that is not
    a YAML mapping is taken out of the body as ``block`` (a note), never read as turns. Aliases (``*name``)
    are refused: a few hundred bytes of nested aliases expand to gigabytes (a "billion laughs")."""
    m = FRONT_MATTER.match(text[: MAX_FRONT_MATTER_CHARS + 16])
    if not m:
        return {}, text, None
    try:
        if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(m.group(1), Loader=SAFE_LOADER)):
            raise DiscourseError(
                "The YAML front matter uses aliases (*name), which are not read: they can expand a few "
                "hundred bytes into gigabytes. Write each value out in full."
            )
        meta = yaml.load(m.group(1), Loader=SAFE_LOADER)
    except yaml.YAMLError:
        return {}, text[m.end():], m.group(1).strip() or None
    if not isinstance(meta, dict):
        return {}, text[m.end():], m.group(1).strip() or None
    return {str(k): v for k, v in meta.items()}, text[m.end():], None


def read_labelled(text: str, *, format: str = "labelled") -> RawDoc:
    """Read a plain-text or Markdown transcript with speaker labels (and optional YAML front matter)."""
    meta, body, block = _front_matter(text)
    if (unnumbered := numbered.strip(body)) is not None:  # a court reporter's numbered lines
        body = unnumbered
    raw = None
    if hearing := hearing_paragraphs(body):
        paragraphs, headings = hearing
        raw = read_paragraphs(paragraphs, format=format)
        if raw.layout == "hearing":
            first = next((i for i, p in enumerate(raw.paras) if p.label), len(raw.paras))
            raw.notes.extend(Note("heading", h) for h in headings)
            raw.notes.extend(Note("heading", p.text) for p in raw.paras[:first])
            raw.paras = raw.paras[first:]
        else:
            raw = None
    if raw is None:
        # Markdown is removed here and again in read_paragraphs, as it always was (an escaped "\\*" stays
        # a "*" twice undone); paragraphs opening with a time stamp keep theirs ("0:00:12.9 **Jane Doe**").
        paragraphs = split_paragraphs(body, keep_markup=True)
        paragraphs = [p if p[:1].isdigit() or p[:1] == "[" else strip_markdown(p) for p in paragraphs]
        markup = [p for p in paragraphs if markup_only(p)]  # "<center><img ...></center>", "<!--more-->"
        if markup:
            paragraphs = [p for p in paragraphs if not markup_only(p)]
        headings = [p for p in paragraphs if p[:1] == "#" and MD_HEADING.match(p)]
        if headings:  # Markdown headings ("# Episode 12") are notes wherever they stand
            paragraphs = [p for p in paragraphs if not (p[:1] == "#" and MD_HEADING.match(p))]
        raw = read_paragraphs(paragraphs, format=format, clean=False)
        raw.notes.extend(Note("heading", MD_HEADING.match(h).group(1)) for h in headings)
        raw.notes.extend(Note("heading", m) for m in markup)
    if not any(p.label for p in raw.paras):
        raise DiscourseError(
            "No speaker turns were recognised. Put each turn in its own paragraph, starting with a label "
            "such as 'Q:', 'A:', 'INTERVIEWER:' or 'Jane Doe:', or start questions and answers with '- '."
        )
    if block:
        raw.notes.insert(0, Note("front_matter", block))
    if meta:
        raw.metadata["front_matter"] = {k: str(v) for k, v in meta.items()}
        raw.title = _text_or_none(meta.get("title"))
        raw.date = _iso_date(meta.get("date") or meta.get("published_time"))
        raw.source = _text_or_none(meta.get("source_url") or meta.get("source") or meta.get("url"))
        raw.description = _text_or_none(meta.get("description"))
    return raw


def _text_or_none(value: object) -> str | None:
    if value is None:
        return None
    return _clean(str(value)) or None


def _iso_date(value: object) -> str | None:
    if value is None:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(value))
    return "-".join(m.groups()) if m else None

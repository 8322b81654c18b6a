"""Caption files (SubRip .srt and WebVTT .vtt, both parsed by webvtt-py) as speaker paragraphs.

What it handles:

* cue texts in time order, with cue tags removed: styling (``<i>``, ``<c.colour>``), YouTube's word
  timings (``<00:00:01.234><c> word</c>``), SubRip's ``{\\an8}`` positions; HTML entities decoded;
* YouTube's rolling auto-captions, where each cue repeats the previous cue's last line: when most
  cues start with the lines the previous cue ended with, the repeated lines are dropped, so no text is
  doubled (``metadata["rolling"]``). Other files keep every line, even one said twice;
* speakers from WebVTT voice tags (``<v Name>``, for the rest of the cue; a class naming a role,
  ``<v.moderator Name>``, goes to ``RawDoc.role_hints``), from a line opening with a
  label ("JOHN SMITH:", ">> JOHN SMITH:", "Vladimir Putin:" when that name recurs), and speaker
  changes without a name (">>", a dialogue dash "- ") as paragraph breaks;
* paragraphs: a new one at a change of speaker or after a pause longer than :data:`PAUSE_MS`;
* whole-cue sound notes ("[Music]", "(applause)", "♪ ... ♪") become ``Note(kind="stage")``;
* metadata: ``first_cue`` (start of the first cue), ``last_cue`` (end of the last), ``cues``, and a
  WebVTT header's title ("WEBVTT - Title") and ``Kind``/``Language`` lines.

Text before the first speaker label is given to :data:`UNLABELLED` ("Speaker"); a file without any
speaker label is one speaker's text, with a warning that no question/answer pairs can be formed
reliably. Limits: speakers distinguished only by position or colour are not recognised; cue order is
the file's order (cues are not re-sorted by time); SubRip's ``<font>`` colours are dropped.
"""

from __future__ import annotations

import html
import io
import re
from dataclasses import dataclass
from typing import Literal

import webvtt
from webvtt.errors import MalformedCaptionError, MalformedFileError

from ..errors import DiscourseError
from .labelled import NOT_SPEAKERS
from .model import Note
from .raw import Para, RawDoc

# 10 million characters: captions of a 3-hour talk have well under 1 million, and reading costs about
# 1 s per million characters, so hostile input is bounded to some seconds.
MAX_CHARS = 10_000_000
# A silence longer than this between cues starts a new paragraph (2 s: longer
# than the pause between sentences in fluent speech).
PAUSE_MS = 2_000
# Share of cues that must start with the previous cue's last line for the file to be read as
# rolling captions (YouTube's auto-captions: nearly every cue).
ROLLING_SHARE = 0.3
# A paragraph this long is closed at the next sentence end even without a pause (captions of a
# speech can run for minutes with no pause over 2 s).
MAX_PARAGRAPH_WORDS = 200
UNLABELLED = "Speaker"
TAG = re.compile(r"<[^<>]*>")  # linear: a "<" without ">" fails at the next "<"
# Bounded name and class lengths keep a search over a hostile line of many "<v " linear.
VOICE = re.compile(r"<v(?:\.([^\s>]{0,100}))?[ \t]+([^>]{0,200}?[^>\s])[ \t]*>")
# A voice class naming a role: <v.moderator Anna Lee>, <v.host Anna Lee>.
ROLE_CLASS = re.compile(r"(?:^|\.)(moderator|interviewer|host)(?:\.|$)", re.I)
ASS_TAG = re.compile(r"\{\\[^{}]*\}")
CHANGE = re.compile(r"^(?:>>+|-(?=\s))\s*")
CAPS_NAME = re.compile(r"^([A-Z][A-Z0-9.'\u2019\- ]{0,40}[A-Z0-9.)])\s*:(?:\s+|$)")
CASE_NAME = re.compile(
    r"^((?:[A-Z][\w'\u2019.\-]*)(?:[ ]+(?:[A-Z][\w'\u2019.\-]*|\d+|of|the|de|la|van|von|al|bin|da|del|der|du|le)){0,4})"
    r"\s*:(?:\s+|$)"
)
SOUND = re.compile(r"^(?:\[[^\[\]]{1,40}\]|\([^()]{1,40}\)|\u266a[^\u266a]{0,80}\u266a?)$")
SENTENCE_END = re.compile(r"[.?!\u2026][\"'\u201d\u2019)\]]*$")
SURROGATES = re.compile("[\ud800-\udfff]")
# The cue timing lines webvtt-py reads (its srt.py / vtt.py patterns): SubRip's hours are required and
# its milliseconds separator may be "," or "."; WebVTT's hours are optional and it needs a ".".
SRT_TIMING = re.compile(r"\s*(\d+:\d{1,2}:\d{1,2}[,.]\d+)\s*-->\s*(\d+:\d{1,2}:\d{1,2}[,.]\d+)")
VTT_TIMING = re.compile(r"\s*((?:\d+:)?\d{1,2}:\d{1,2}\.\d{1,3})\s*-->\s*((?:\d+:)?\d{1,2}:\d{1,2}\.\d{1,3})")
# A line that starts like a timing line but has no "-->" (a broken arrow: "->", "- ->", "=>", "—>").
BROKEN_TIMING = re.compile(r"^\s*(?:\d+:)?\d{1,2}:\d{1,2}[,.]\d+\s*(?:[-=\u2013\u2014]\s*)+>?\s*(?:\d+:)?\d{1,2}:\d")
# webvtt-py's largest time stamp (models._MAX_MILLISECONDS: hours of up to 10 digits).
MAX_MS = 10**10 * 3_600_000 - 1
# webvtt-py reports malformed files with its own errors, and a timestamp out of its range with ValueError.
ERRORS = (MalformedFileError, MalformedCaptionError, ValueError, TypeError, IndexError, OverflowError)


@dataclass
class _Line:
    start: int  # ms
    end: int
    text: str
    voice: str | None
    label: str | None = None  # "NAME:" at the line's start
    label_kind: Literal["caps", "case", "marked"] | None = None
    change: bool = False  # ">>" or "- ": another speaker, name unknown


def read_vtt(text: str) -> RawDoc:
    """Read WebVTT captions. See the module docstring for what is recognised."""
    return _read(text, "vtt")


def read_srt(text: str) -> RawDoc:
    """Read SubRip (.srt) captions. See the module docstring for what is recognised."""
    return _read(text, "srt")


def _read(text: str, fmt: Literal["srt", "vtt"]) -> RawDoc:
    captions = _parse(text, fmt)
    raw = RawDoc(format=fmt)
    if fmt == "vtt":
        title = captions.header_text.strip().lstrip("-\u2013\u2014 ").strip()
        raw.title = " ".join(title.split()) or None
        for line in captions.metadata:
            key, sep, value = line.partition(":")
            if sep and key.strip().lower() in ("kind", "language") and value.strip():
                raw.metadata[key.strip().lower()] = value.strip()
    if bad := _bad_timings(text, fmt):
        cues = "1 cue with unreadable time stamps was" if len(bad) == 1 else f"{len(bad)} cues with unreadable time stamps were"
        raw.warnings.append(
            f"{cues} skipped (first at line {bad[0]}). A cue opens with a line such as "
            f"{'00:01:02,500 --> 00:01:04,000' if fmt == 'srt' else '00:01:02.500 --> 00:01:04.000'}."
        )
    lines, rolling = _lines(captions, raw.role_hints)
    if not lines:
        raise DiscourseError(f"The {fmt.upper()} captions have cues but no text.")
    raw.metadata.update(
        first_cue=str(captions.captions[0].start_time),
        last_cue=str(captions.captions[-1].end_time),
        cues=len(captions.captions),
        rolling=rolling,
    )
    speech = []
    for line in lines:
        if SOUND.match(line.text):
            raw.notes.append(Note("stage", line.text))
        else:
            speech.append(line)
    _find_labels(speech)
    raw.paras = _paragraphs(speech)
    if not raw.paras:
        raise DiscourseError(f"The {fmt.upper()} captions hold only sound notes such as [Music], no speech.")
    _label_start(raw)
    return raw


def _bad_timings(text: str, fmt: Literal["srt", "vtt"]) -> list[int]:
    """The line numbers of the "-->" lines whose time stamps webvtt-py cannot read: it drops those
    cues without a word (a SubRip cue's text is then lost with it)."""
    timing = SRT_TIMING if fmt == "srt" else VTT_TIMING
    bad = []
    for n, line in enumerate(re.split(r"\r\n|\r|\n", text), start=1):
        if "-->" in line:
            if not ((m := timing.match(line)) and _in_range(m.group(1), fmt) and _in_range(m.group(2), fmt)):
                bad.append(n)
        elif BROKEN_TIMING.match(line):  # "00:00:04,000 -> 00:00:05,000": not a cue at all for webvtt-py
            bad.append(n)
    return bad


def _in_range(stamp: str, fmt: Literal["srt", "vtt"]) -> bool:
    """Whether webvtt-py reads the time stamp: SubRip's fields carry over (``00:00:75,000`` is 75 s),
    WebVTT's minutes and seconds must be below 60."""
    *hms, ms = re.split("[:,.]", stamp)
    h, m, s = [0] * (3 - len(hms)) + [int(x) for x in hms]
    if fmt == "vtt" and (m >= 60 or s >= 60):
        return False
    return ((h * 60 + m) * 60 + s) * 1000 + int(ms) <= MAX_MS


def _parse(text: str, fmt: Literal["srt", "vtt"]) -> webvtt.WebVTT:
    name = "WebVTT" if fmt == "vtt" else "SubRip (.srt)"
    if not isinstance(text, str):
        raise DiscourseError(f"The {name} reader needs decoded text; decode the file's bytes first.")
    if len(text) > MAX_CHARS:
        raise DiscourseError(f"The {name} file has {len(text):,} characters (at most {MAX_CHARS:,}). Split it first.")
    text = SURROGATES.sub("\ufffd", text.replace("\x00", "")).lstrip("\ufeff \t\r\n")
    if not text.strip():
        raise DiscourseError(f"The {name} file is empty: there are no captions to read.")
    try:
        if fmt == "vtt":
            captions = webvtt.from_string(text)
        else:
            captions = webvtt.from_buffer(io.StringIO(text), format="srt")
    except ERRORS as e:
        expected = (
            "a 'WEBVTT' first line, then cues of 'start --> end' and text"
            if fmt == "vtt"
            else "numbered cues: '1', then '00:00:01,000 --> 00:00:03,000', then the text"
        )
        raise DiscourseError(f"This is not a valid {name} file ({e}); expected {expected}.") from e
    if not captions.captions:
        raise DiscourseError(f"The {name} file has no cues (no 'start --> end' timing lines with text).")
    return captions


def _cue_lines(caption, hints: dict[str, str]) -> list[tuple[str, str | None]]:
    """(text, voice) for each line of a cue; a voice tag holds to the end of the cue or to ``</v>``.
    A voice class naming a role (``<v.moderator Name>``) is put in ``hints``."""
    out: list[tuple[str, str | None]] = []
    voice = None
    for raw_line in "\n".join(caption.lines).split("\n"):
        if m := VOICE.search(raw_line):
            voice = " ".join(m.group(2).split())
            if m.group(1) and (role := ROLE_CLASS.search(m.group(1))):
                hints[voice] = "interviewer" if role.group(1).lower() == "interviewer" else "moderator"
        text = " ".join(html.unescape(ASS_TAG.sub("", TAG.sub("", raw_line))).split())
        if text:
            out.append((text, voice))
        if "</v>" in raw_line:
            voice = None
    return out


def _lines(captions: webvtt.WebVTT, hints: dict[str, str]) -> tuple[list[_Line], bool]:
    """Every cue line in order; if the captions roll, without the repeated lines."""
    cues = [
        (c.start_time.in_milliseconds(), c.end_time.in_milliseconds(), _cue_lines(c, hints)) for c in captions.captions
    ]
    cues = [c for c in cues if c[2]]
    repeats = sum(1 for prev, cur in zip(cues, cues[1:]) if cur[2][0][0] == prev[2][-1][0])
    rolling = len(cues) > 2 and repeats >= ROLLING_SHARE * (len(cues) - 1)
    out: list[_Line] = []
    recent: list[str] = []
    for start, end, cue in cues:
        texts = [t for t, _ in cue]
        skip = 0
        if rolling:
            skip = next((k for k in range(min(len(texts), len(recent)), 0, -1) if texts[:k] == recent[-k:]), 0)
        for text, voice in cue[skip:]:
            out.append(_Line(start, end, text, voice))
        recent = (recent + texts[skip:])[-len(texts) - 2:] if rolling else texts
    return out, rolling


def _find_labels(lines: list[_Line]) -> None:
    """Set ``label`` for lines that open with a speaker label; name-case labels must recur."""
    for line in lines:
        if m := CHANGE.match(line.text):
            line.change = True
            line.text = line.text[m.end():]
        for kind, pattern in (("caps", CAPS_NAME), ("case", CASE_NAME)):
            m = pattern.match(line.text)
            if m and m.group(1).strip().lower() not in NOT_SPEAKERS and sum(c.isalpha() for c in m.group(1)) >= 2:
                line.label = " ".join(m.group(1).split())
                line.label_kind = "marked" if line.change else kind  # type: ignore[assignment]
                line.text = line.text[m.end():].strip()
                break
    counts: dict[str, int] = {}
    for line in lines:
        if line.label_kind == "case":
            counts[line.label] = counts.get(line.label, 0) + 1  # type: ignore[index]
    for line in lines:
        if line.label_kind == "case" and counts[line.label] < 2:  # type: ignore[index]
            line.text = f"{line.label}: {line.text}".rstrip()
            line.label = line.label_kind = None


def _paragraphs(lines: list[_Line]) -> list[Para]:
    paras: list[Para] = []
    words: list[str] = []
    speaker: str | None = None
    label: str | None = None
    last_end: int | None = None

    def close() -> None:
        nonlocal words, label
        if words:
            paras.append(Para(" ".join(words), label=label))
        words, label = [], None

    for line in lines:
        who = line.label or line.voice
        if who is not None and who != speaker:
            close()
            speaker = label = who
        elif line.change or (line.label and who == speaker):
            close()
            if who is None:  # another speaker, name unknown: the next named line opens a new turn
                speaker = None
        elif last_end is not None and line.start - last_end > PAUSE_MS:
            close()
        elif len(words) >= MAX_PARAGRAPH_WORDS and SENTENCE_END.search(words[-1]):
            close()
        last_end = max(line.end, last_end or 0)
        if line.text:
            words.extend(line.text.split())
    close()
    return paras


def _label_start(raw: RawDoc) -> None:
    """Give the text before the first speaker label to UNLABELLED, with a warning saying so."""
    first = next((i for i, p in enumerate(raw.paras) if p.label), None)
    if first is None:
        raw.paras[0].label = UNLABELLED
        raw.warnings.append(
            f"No speaker labels were found in the captions, so all text is given as one speaker's "
            f"('{UNLABELLED}') and no question/answer pairs can be formed reliably. Add voice tags "
            "(<v Name>) or 'NAME:' at the start of each speaker's first caption line to separate speakers."
        )
    elif first > 0:
        raw.paras[0].label = UNLABELLED
        raw.warnings.append(
            f"The first {first} paragraph(s) of the captions come before any speaker label; "
            f"they are given to '{UNLABELLED}'."
        )

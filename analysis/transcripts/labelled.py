"""Plain-text transcripts with speaker labels: ``Q:``/``A:``, ``Q`` + spaces, ``NAME:`` and ``Name Name:``.

Handles the White House briefing style (hard-wrapped lines, paragraphs separated by blank lines,
``Q`` followed by non-breaking spaces, ``MS. PSAKI:`` in capitals, YAML front matter, a location
line and time stamps before the first turn) and name-case labels ("Vladimir Putin:").

Label detection is hand-written: no library parses speaker labels, and the rules below are what
separate a label from a sentence that happens to start with a capitalised word and a colon.
"""

from __future__ import annotations

import re
from collections import Counter

import yaml

from ..errors import DiscourseError
from .markdown import strip_markdown
from .raw import Para, RawDoc

# "Q", "Q." or "Q:" then text; "Q" must be followed by white space (incl. U+00A0) or a colon.
Q_LABEL = re.compile(r"^(?:Q|QUESTION)(?:\s*[:.]|(?=[\s\u00a0]))[\s\u00a0]*(?=\S)")
# "A:" / "ANSWER:" only with a colon: "A " starts too many ordinary sentences.
A_LABEL = re.compile(r"^(?:A|ANSWER)\s*:[\s\u00a0]*(?=\S)")
# Capitals: "MS. PSAKI:", "THE PRESIDENT:", "SECRETARY MAYORKAS:", "DR. SHERWOOD-RANDALL:".
CAPS_LABEL = re.compile(r"^([A-Z][A-Z0-9.'\u2019\- ]{0,58}[A-Z.)])[\s\u00a0]*:(?:[\s\u00a0]+|$)")
# Name case: up to six capitalised words, particles allowed inside ("Hans-Friedrich von Ploetz:").
NAME_LABEL = re.compile(
    r"^((?:[A-Z][\w'\u2019.\-]*)(?:[ \u00a0]+(?:[A-Z][\w'\u2019.\-]*|of|the|de|la|van|von|al|bin|da|del|der|du|le)){0,5})"
    r"[\s\u00a0]*:(?:[\s\u00a0]+|$)"
)
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
    """Paragraphs (separated by blank lines), unwrapped; Markdown removed unless ``keep_markup``."""
    chunks = [c for p in PARAGRAPH_SPLIT.split(text) for c in (LABEL_LINE.split(p) if ":" in p else (p,))]
    return [p for p in (_clean(p, keep_markup=keep_markup) for p in chunks) if p]


def _label_of(par: str) -> tuple[str, str, str] | None:
    """(kind, label, rest) for a paragraph that opens with a speaker label, else None."""
    if m := Q_LABEL.match(par):
        return "q", "Q", par[m.end():]
    if m := A_LABEL.match(par):
        return "a", "A", par[m.end():]
    if m := CAPS_LABEL.match(par):
        label = m.group(1).strip()
        if label.lower() not in NOT_SPEAKERS and sum(c.isalpha() for c in label) >= 2:
            return "caps", label, par[m.end():]
    if m := NAME_LABEL.match(par):
        label = m.group(1).strip()
        if label.lower() not in NOT_SPEAKERS:
            return "name", label, par[m.end():]
    return None


# Emphasis left unmatched by Markdown's rules ("*Q   I'm not on mute, no. *"): a run of * or _ glued to
# the paragraph's first or last word is not text.
STRAY_EMPHASIS = re.compile(r"^[*_]+(?=\S)|(?<=\S)\s*[*_]+$")


def read_paragraphs(paragraphs: list[str], *, format: str) -> RawDoc:
    """Find speaker labels at the start of paragraphs; unlabelled paragraphs continue a turn."""
    paras = [_clean(p) for p in paragraphs]
    paras = [STRAY_EMPHASIS.sub("", p) if p[:1] in "*_" or p[-1:] in "*_" else p for p in paras]
    paras = [p for p in paras if p]
    found = [_label_of(p) for p in paras]
    name_counts = Counter(f[1] for f in found if f and f[0] == "name")
    recurring = {n for n, c in name_counts.items() if c >= NAME_LABEL_MIN_REPEATS}
    out: list[Para] = []
    for par, f in zip(paras, found):
        if f is None or (f[0] == "name" and f[1] not in recurring and len(recurring) < 2):
            out.append(Para(par))
            continue
        kind, label, rest = f
        role = {"q": "question", "a": "answer"}.get(kind)
        out.append(Para(rest.strip(), label=label, role=role))
    return RawDoc(format=format, paras=out)


# The longest YAML front matter read (characters); a longer block between "---" lines is not front matter.
MAX_FRONT_MATTER_CHARS = 20_000


def _front_matter(text: str) -> tuple[dict, str]:
    """The YAML front matter (a mapping) and the text after it. Aliases (``*name``) are refused: a few
    hundred bytes of nested aliases expand to gigabytes (a "billion laughs")."""
    m = FRONT_MATTER.match(text[: MAX_FRONT_MATTER_CHARS + 16])
    if not m:
        return {}, text
    try:
        if any(isinstance(event, yaml.AliasEvent) for event in yaml.parse(m.group(1), Loader=SAFE_LOADER)):
            raise DiscourseError(
                "The YAML front matter uses aliases (*name), which are not read: they can expand a few "
                "hundred bytes into gigabytes. Write each value out in full."
            )
        meta = yaml.load(m.group(1), Loader=SAFE_LOADER)
    except yaml.YAMLError:
        return {}, text
    if not isinstance(meta, dict):
        return {}, text
    return {str(k): v for k, v in meta.items()}, text[m.end():]


def read_labelled(text: str, *, format: str = "labelled") -> RawDoc:
    """Read a plain-text or Markdown transcript with speaker labels (and optional YAML front matter)."""
    meta, body = _front_matter(text)
    raw = read_paragraphs(split_paragraphs(body), format=format)
    if not any(p.label for p in raw.paras):
        raise DiscourseError(
            "No speaker turns were recognised. Put each turn in its own paragraph, starting with a label "
            "such as 'Q:', 'A:', 'INTERVIEWER:' or 'Jane Doe:', or start questions and answers with '- '."
        )
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

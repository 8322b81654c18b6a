"""Hide speakers' names in the workshop view, so that a room judges the words and not the person.

Pure (no Streamlit). A speaker's full name and each part of it of three or more letters ("Andrey",
"Bezrukov") are found as whole, case-sensitive words in a text and replaced, in the rendering only,
by an alias such as "Speaker A"; the measures are untouched. Hand-written because it is a few lines of
word-boundary matching over names the parser already found, not a general named-entity task: a name
spelt differently in the text (a nickname, a misspelling, "the minister") is not hidden, and the page
says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.transcripts.model import Document

MIN_PART = 3  # shorter name parts ("Li", "Al") would hide ordinary words


def aliases(doc: Document) -> dict[str, str]:
    """Speaker name -> alias: the interviewer(s) become "Interviewer", the others Speaker A, B, ..."""
    out: dict[str, str] = {}
    letters = iter("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    for s in doc.speakers:
        if s.role in ("interviewer", "moderator", "questioner"):
            out[s.name] = "Interviewer" if s.role == "interviewer" else s.role.capitalize()
        else:
            out[s.name] = f"Speaker {next(letters, '?')}"
    return out


def _pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    words: set[str] = set()
    for name in names:
        if name in ("Q", "A"):
            continue
        words.add(name)
        words.update(p for p in re.split(r"[\s.]+", name) if len(p) >= MIN_PART and p[:1].isupper())
    if not words:
        return None
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?:['’]s)?(?!\w)")


def name_spans(text: str, names: dict[str, str]) -> list[tuple[int, int, str]]:
    """``(start, end, alias)`` of every speaker name (or part of one) in ``text``."""
    pattern = _pattern(names)
    if pattern is None or not text:
        return []
    part_alias = {}
    for name, alias in names.items():
        part_alias[name] = alias
        for p in re.split(r"[\s.]+", name):
            part_alias.setdefault(p, alias)
    out = []
    for m in pattern.finditer(text):
        word = re.sub(r"['’]s$", "", m.group(0))
        out.append((m.start(), m.end(), part_alias.get(word, "[name]")))
    return out


def label(name: str, names: dict[str, str]) -> str:
    """A speaker label as shown: the alias when names are hidden."""
    return "; ".join(names.get(n.strip(), "[name]") for n in name.split(";")) if name else name


def hide(text: str, names: dict[str, str]) -> str:
    """``text`` with every speaker name (or part of one) replaced by its alias (for plain text, such as
    the question column of the workshop's CSV)."""
    out, last = [], 0
    for start, end, alias in name_spans(text, names):
        possessive = re.search(r"['’]s$", text[start:end])
        out += [text[last:start], alias + (possessive.group(0) if possessive else "")]
        last = end
    return "".join(out) + text[last:]

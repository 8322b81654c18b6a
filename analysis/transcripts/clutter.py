"""Web-page furniture in text copied from a news site: "Continue reading the main story", share bars, the
related-coverage box, a video's caption.

A transcript copied from a newspaper's page (the New York Times's debate transcripts, say) carries the page's
furniture between its paragraphs, with no blank line around it, and the labelled reader folds it into the turn
above: a candidate's answer then ends with "RELATED COVERAGE ... JAN. 17, 2016" and its headline's colon is
reported as a look-alike speaker label. The HTML reader leaves such boxes out by their markup
(:data:`.html.BOILERPLATE_WORDS`); plain text has no markup, so this module finds them by their words.

:func:`strip` takes out

- a line that is one of :data:`FURNITURE` (case aside, with a trailing "»" or "›"), or that ends with a
  link such as "Watch in Times Video »";
- the headline-like lines next to such a line (short, no sentence-ending mark: "NEWS ANALYSIS",
  "Key Moments in the 4th Democratic Debate", "... Policy Shifts JAN. 17, 2016", a byline with a clip's
  length), up to the next line that ends like a sentence or a label.

The lines become ``Note(kind="footer")`` notes and the parse's warnings say how many were taken out, so that
nothing is removed silently. A transcript without a furniture line is returned unchanged: speech that
merely lacks a full stop is never touched. The list is the project's own (no library names this furniture
for plain text); it is English and covers the news sites of the layouts the tests imitate.
"""

from __future__ import annotations

import re

from .model import Note

# Lines that are page furniture whatever surrounds them (compared case-folded, without a trailing » or ›).
FURNITURE = frozenset({
    "continue reading the main story", "continue reading", "continue reading below", "read more", "show more",
    "advertisement", "skip advertisement", "story continues below advertisement",
    "article continues below advertisement", "scroll to continue with content", "supported by",
    "related coverage", "related", "related articles", "related stories", "more on this story",
    "from our advertisers", "most popular", "trending", "recommended", "editors' picks", "editors’ picks",
    "embed", "share", "sharetweet", "share this", "share this article", "share on facebook",
    "share on twitter", "tweet", "email", "print", "video", "watch video", "watch in times video",
    "skip to content", "skip to main content", "subscribe", "log in", "sign in", "sign up", "image", "photo",
})
# A line that ends with a link into the site's video player.
LINK_END = re.compile(r"(?:watch in times video|watch video|watch more|watch the video|play video)\s*[»›]?\s*$", re.I)
# A headline-like line: at most this many words and no sentence-ending mark (nor a label's colon) at its end.
HEADLINE_MAX_WORDS = 20
SENTENCE_END = re.compile(r"[.?!…:;,\"”'’)\]\u2014\u2013-]\s*$")
# Otter's label line ("Jane Doe  0:01": two spaces, then the time) is a label, never a headline.
OTTER_LABEL = re.compile(r"^\S.*\S {2,}\d{1,2}:\d{2}(?::\d{2})?$")
# A line longer than this is never furniture (a paragraph of speech without its full stop is).
LINE_MAX_CHARS = 400


def _key(line: str) -> str:
    return line.strip().rstrip("»›").strip().casefold()


def _is_furniture(line: str) -> bool:
    return len(line) <= LINE_MAX_CHARS and (_key(line) in FURNITURE or bool(LINK_END.search(line)))


def _headline_like(line: str) -> bool:
    text = line.strip()
    return (
        bool(text) and len(text) <= LINE_MAX_CHARS and len(text.split()) <= HEADLINE_MAX_WORDS
        and not SENTENCE_END.search(text) and not OTTER_LABEL.match(text)
    )


# Any furniture line at all, looked for in the lower-cased text by patterns that open with a literal (which
# the regular-expression engine finds fast): most transcripts have none, and looking at each of their lines
# in Python cost 1.7 s over the 1,154 briefings (these three searches: about 0.3 s).
ANY_FURNITURE = (
    re.compile(r"\n[ \t]*(?:" + "|".join(re.escape(k) for k in sorted(FURNITURE, key=len, reverse=True)) + r")[ \t]*[»›]?[ \t]*(?:\n|$)"),
    re.compile(r"watch(?: in times video| video| more| the video)[ \t]*[»›]?[ \t]*$", re.M),
    re.compile(r"play video[ \t]*[»›]?[ \t]*$", re.M),
)


def strip(text: str) -> tuple[str, list[Note]]:
    """``text`` without its web-page furniture, and the furniture as notes (in reading order)."""
    lowered = "\n" + text.lower()
    if not any(pattern.search(lowered) for pattern in ANY_FURNITURE):
        return text, []
    lines = text.split("\n")
    marked = [_is_furniture(line) for line in lines]
    if not any(marked):
        return text, []
    gone = list(marked)
    for i, hit in enumerate(marked):
        if not hit:
            continue
        # The headline-like lines above and below, across blank lines, up to the next furniture line (which
        # takes its own neighbours: each run is walked at most twice, so the time stays linear).
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(lines) and not marked[j] and (not lines[j].strip() or _headline_like(lines[j])):
                if lines[j].strip():
                    gone[j] = True
                j += step
    notes = [Note("footer", line.strip()) for line, g in zip(lines, gone) if g and line.strip()]
    kept = ["" if g else line for line, g in zip(lines, gone)]
    return "\n".join(kept), notes


def warning(notes: list[Note]) -> str:
    """What the parse says about the furniture taken out."""
    n = len(notes)
    first = notes[0].text if len(notes[0].text) <= 60 else notes[0].text[:57] + "..."
    return (
        f"{n:,} line{'s' if n > 1 else ''} of web-page furniture (such as {first!r}) "
        f"{'were' if n > 1 else 'was'} taken out of the text as notes."
    )

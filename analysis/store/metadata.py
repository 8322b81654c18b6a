"""What the library keeps about a document besides its bytes: its date, speakers, pairs and words.

>>> from analysis.transcripts import parse_bytes
>>> doc = parse_bytes(b"Q: Free trade?\\n\\nA: Free trade builds soft power.\\n", name="2021-01-20-trade.txt")
>>> meta = of_document(doc, "2021-01-20-trade.txt")
>>> (meta.date, meta.pairs, meta.words, [(s.name, s.role, s.turns) for s in meta.speakers])
('2021-01-20', 1, 7, [('Q', 'interviewer', 1), ('A', 'interviewee', 1)])

The date is the parsed document's (YAML front matter, a web interview's date line, an HTML page's
``<time>``...), else the first date written ``YYYY-MM-DD`` (or with ``_`` or ``.``) in the file name, as
in ``2021-01-20-press-briefing-by-press-secretary-jen-psaki.md``; else None. Words are
:func:`analysis.text.count_words` of every turn (questions, answers and the rest), the ``n_words`` of
every measure. Speakers are the document's, with their roles and turn counts, after its corrections
(a rename or a merge changes them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from analysis.errors import DiscourseError

# A date in a file name: four digits, two, two, separated alike by "-", "_" or "."; not inside a longer
# run of digits (an id such as 120210120 is not a date).
NAME_DATE = re.compile(r"(?<!\d)(\d{4})([-_.])(\d{2})\2(\d{2})(?!\d)")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class SpeakerTurns:
    """One speaker of a document: the name (after corrections), the role and the number of turns."""

    name: str
    role: str
    turns: int


@dataclass(frozen=True)
class Metadata:
    date: str | None  # ISO 8601, YYYY-MM-DD
    title: str | None
    pairs: int | None  # question-answer pairs (the opening statements left out); None: not counted
    words: int | None  # word tokens in every turn; None: not counted
    speakers: tuple[SpeakerTurns, ...]


def of_document(doc, name: str | None = None) -> Metadata:
    """The metadata of a parsed :class:`~analysis.transcripts.Document` stored as ``name``."""
    from analysis.text import count_words

    turns: dict[str, int] = {}
    for t in doc.turns:
        turns[t.speaker] = turns.get(t.speaker, 0) + 1
    speakers = tuple(SpeakerTurns(s.name, s.role, turns.get(s.name, 0)) for s in doc.speakers)
    return Metadata(
        date=iso_date(doc.date) or date_in_name(name),
        title=doc.title,
        pairs=len(doc.qa_pairs),
        words=sum(count_words(t.text) for t in doc.turns),
        speakers=speakers,
    )


def iso_date(value: object) -> str | None:
    """``value`` as ``YYYY-MM-DD`` if it is a real date written so (or a ``datetime.date``), else None.

    >>> iso_date("2021-01-20"), iso_date("2021-02-30"), iso_date("20 January 2021"), iso_date(None)
    ('2021-01-20', None, None, None)
    """
    if isinstance(value, date):
        return value.isoformat()[:10]
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value.strip()):
        return None
    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return None


def date_in_name(name: str | None) -> str | None:
    """The first real date written ``YYYY-MM-DD`` (``_`` or ``.`` also) in a file name, as ISO; else None.

    >>> date_in_name("2021-01-20-press-briefing.md"), date_in_name("briefing_2023_12_31.txt")
    ('2021-01-20', '2023-12-31')
    >>> date_in_name("2021-13-01-notes.txt"), date_in_name("interview-2018.txt"), date_in_name(None)
    (None, None, None)
    """
    for m in NAME_DATE.finditer(name or ""):
        if found := iso_date(f"{m.group(1)}-{m.group(3)}-{m.group(4)}"):
            return found
    return None


def date_bound(value: object, what: str) -> str | None:
    """A date a user gave to filter by (``what`` names the option in the message), as ISO; None stays None.

    >>> date_bound("2021-01-20", "--from")
    '2021-01-20'
    >>> date_bound("20/01/2021", "--from")
    Traceback (most recent call last):
    ...
    analysis.errors.DiscourseError: --from '20/01/2021' is not a date: write it as YYYY-MM-DD, e.g. 2021-01-20.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    found = iso_date(value)
    if found is None:
        raise DiscourseError(f"{what} {str(value)!r} is not a date: write it as YYYY-MM-DD, e.g. 2021-01-20.")
    return found


def date_range(
    date_from: object, date_to: object, *, names: tuple[str, str] = ("date_from", "date_to")
) -> tuple[str | None, str | None]:
    """Both bounds of a date filter checked (:func:`date_bound`; ``names`` name them in messages), in order.

    >>> date_range("2021-01-01", None)
    ('2021-01-01', None)
    >>> date_range("2021-02-01", "2021-01-01", names=("--from", "--to"))
    Traceback (most recent call last):
    ...
    analysis.errors.DiscourseError: --from 2021-02-01 is after --to 2021-01-01: no date is in that range; swap them.
    """
    start, end = date_bound(date_from, names[0]), date_bound(date_to, names[1])
    if start and end and start > end:
        raise DiscourseError(f"{names[0]} {start} is after {names[1]} {end}: no date is in that range; swap them.")
    return start, end


def speaker_key(name: str) -> str:
    """How a speaker's name is matched: spaces collapsed, case folded (``'Ms.  Psaki'`` -> ``'ms. psaki'``)."""
    return " ".join(str(name).split()).casefold()

"""A date written out in English on a transcript's cover: "Date: October 3, 2049", "Tuesday 3 June 2031",
"CPD: October 9, 2030 Debate Transcript", "Oct. 10, 2017, at 4:00 p.m.", or ISO "2024-03-05".

A hearing's, a debate's or a parliament's transcript says its date on its cover, not in front matter, and a
corpus needs the date to put the document on a time line (issue 16). :func:`date_in_text` finds the first
such date in a line; the builder asks it of the cover's heading lines when the reader found no date.

Hand-written rather than ``dateutil.parser.parse(fuzzy=True)``: fuzzy parsing reads a date into any line
with a number ("Room 210" becomes the 210th of this month), while these three written forms are all a
cover uses. Numeric forms other than ISO (10/03/2049) are left alone: day and month cannot be told apart.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: n
    for n, names in enumerate(
        (("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
         ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"), ("october", "oct"),
         ("november", "nov"), ("december", "dec")),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|2[0-2])\d\d)"
# "October 3, 2049" / "Oct. 3 2049" / "3 June 2031" / "3rd of June, 2031" / "2024-03-05"
FORMS = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}\b", re.I),
    re.compile(r"\b(?P<year>(?:1[89]|2[0-2])\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
)


def date_in_text(text: str) -> str | None:
    """The first real date written in one of :data:`FORMS` in ``text``, as ``YYYY-MM-DD``; else None.

    >>> date_in_text("Date:   October 3, 2049"), date_in_text("Tuesday 3 June 2031"), date_in_text("Room 210")
    ('2049-10-03', '2031-06-03', None)
    >>> date_in_text("February 30, 2021"), date_in_text("Oct. 10, 2017, at 4:00 p.m.")
    (None, '2017-10-10')
    """
    found: list[tuple[int, str]] = []
    for form in FORMS:
        for m in form.finditer(text[:2000]):
            month = m.group("month")
            number = int(month) if month.isdigit() else MONTHS[month.lower()]
            try:
                found.append((m.start(), date(int(m.group("year")), number, int(m.group("day"))).isoformat()))
            except ValueError:
                continue
            break
    return min(found)[1] if found else None

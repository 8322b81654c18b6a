"""Which library documents a corpus holds: a :class:`Selection` (tag, text, date range, speaker, format)
and :func:`select`, every record that matches it (not one page).

>>> Selection.from_spec("tag=2021,from=2021-03-01,to=2021-03-31,speaker=MS. PSAKI")
Selection(tag='2021', query='', date_from=datetime.date(2021, 3, 1), date_to=datetime.date(2021, 3, 31), speaker='MS. PSAKI', format=None)

The spec is ``key=value`` pairs separated by commas, the keys ``tag``, ``q`` (text in the id, name,
title or a tag), ``from`` and ``to`` (``YYYY-MM-DD``, both days included; a document without a date is
left out once either is given), ``speaker`` (the whole name, case-insensitive) and ``format`` (the format
a document was read with, ``labelled``, ``html``..., or its file's extension, ``md``, ``txt``...). A
comma belongs to the value unless a key and ``=`` follow it (``q=war, peace`` is one query). The same
filters as ``library list`` and the Library page (:meth:`analysis.store.library.Library.search`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date

from analysis.errors import DiscourseError
from analysis.store.library import PAGE_LIMIT_MAX, Library, Record
from analysis.store.metadata import date_range

__all__ = ["SPEC_KEYS", "Selection", "select"]

# The keys of a spec and the Selection field each sets.
SPEC_KEYS = {"tag": "tag", "q": "query", "from": "date_from", "to": "date_to", "speaker": "speaker", "format": "format"}
_SPLIT = re.compile(r",(?=\s*(?:{})\s*=)".format("|".join(SPEC_KEYS)))
_SYNTAX = "write it as key=value pairs separated by commas, e.g. tag=2021,from=2023-01-01,to=2023-12-31,speaker=NAME"


@dataclass(frozen=True)
class Selection:
    """The filters of a corpus: every field left at its default keeps every document."""

    tag: str | None = None
    query: str = ""
    date_from: date | None = None
    date_to: date | None = None
    speaker: str | None = None
    format: str | None = None

    @classmethod
    def from_spec(cls, spec: str) -> Selection:
        """A selection from ``tag=2021,from=2023-01-01,to=2023-12-31,speaker=NAME,q=text,format=md`` (any of
        them, in any order; an empty spec selects everything). A bad key, a repeated key, a value that is
        not a date or a range the wrong way round is a :class:`DiscourseError` saying what to write."""
        values: dict[str, str] = {}
        for part in _SPLIT.split(spec or ""):
            if not part.strip():
                continue
            key, eq, value = part.partition("=")
            key = key.strip().lower()
            if not eq or key not in SPEC_KEYS:
                keys = ", ".join(SPEC_KEYS)
                raise DiscourseError(f"Selection {spec!r}: {part.strip()!r} is not one of {keys}; {_SYNTAX}.")
            if key in values:
                raise DiscourseError(f"Selection {spec!r}: {key}= is given twice; give it once.")
            if not value.strip():
                raise DiscourseError(f"Selection {spec!r}: {key}= needs a value; {_SYNTAX}.")
            values[key] = value.strip()
        start, end = date_range(values.get("from"), values.get("to"), names=("from=", "to="))
        return cls(
            tag=values.get("tag"),
            query=values.get("q", ""),
            date_from=date.fromisoformat(start) if start else None,
            date_to=date.fromisoformat(end) if end else None,
            speaker=values.get("speaker"),
            format=values.get("format"),
        )

    def to_spec(self) -> str:
        """The spec that gives this selection back (:meth:`from_spec`), its keys in a fixed order."""
        out = []
        for key, name in SPEC_KEYS.items():
            value = getattr(self, name)
            if value:
                out.append(f"{key}={value.isoformat() if isinstance(value, date) else value}")
        return ",".join(out)

    def __bool__(self) -> bool:  # an empty selection (every document) is falsy
        return any(getattr(self, f.name) for f in fields(self))


def select(lib: Library, selection: Selection) -> list[Record]:
    """Every record of ``lib`` that ``selection`` keeps, in the library's order (default interview first,
    then by name), read page by page through :meth:`Library.search`."""
    date_range(selection.date_from, selection.date_to, names=("from", "to"))  # checked before any query
    out: list[Record] = []
    while True:
        rows, total = lib.search(
            selection.query,
            tag=selection.tag,
            date_from=selection.date_from,
            date_to=selection.date_to,
            speaker=selection.speaker,
            format=selection.format,
            offset=len(out),
            limit=PAGE_LIMIT_MAX,
        )
        out.extend(rows)
        if not rows or len(out) >= total:
            return out

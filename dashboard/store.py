"""The corpus library (:mod:`analysis.store.library`) as the dashboard uses it, and the read-only setting.

A :class:`~analysis.store.library.Library` holds one sqlite3 connection, which may only be used by the thread
that opened it, and Streamlit runs each rerun of a session on whichever thread is free: so every call
here opens the library, does one thing and closes it (opening costs about a millisecond). Reads open
it read-only; writes are refused in read-only mode.

Read-only mode (for public deployments): set the environment variable ``DISCOURSE_READ_ONLY=1``
before ``streamlit run``. Uploads and every write to the library are then turned off; the library's
documents can still be read.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from analysis.errors import DiscourseError
from analysis.store import library
from analysis.transcripts import corrections as fixes

READ_ONLY_ENV = "DISCOURSE_READ_ONLY"
PAGE_SIZE = 20


def read_only() -> bool:
    """True when ``DISCOURSE_READ_ONLY`` is 1, true, yes or on (any case)."""
    return os.environ.get(READ_ONLY_ENV, "").strip().lower() in ("1", "true", "yes", "on")


@contextmanager
def opened(*, write: bool = False, progress: library.Progress | None = None) -> Iterator[library.Library]:
    """The library for one operation. In read-only mode a write raises DiscourseError, and a library
    file that does not exist yet is not created. Opened for writing, a library of an older version is
    upgraded first (``progress``: see :class:`~analysis.store.library.Library`)."""
    if write and read_only():
        raise DiscourseError("This dashboard is read-only: uploads and changes to the library are turned off.")
    readonly = read_only() or not write
    path = library.default_path()
    try:
        if readonly and not path.exists():
            if read_only():
                raise DiscourseError("There is no library on this server (a read-only dashboard does not create one).")
            with library.Library(path):  # create it (with the default interview) once
                pass
        # Read-only mode writes nothing beside the library; otherwise reads may run beside this server's
        # own imports, and read through SQLite's shared files (mode=ro, never a torn page).
        immutable = None if read_only() else False
        with library.Library(path, readonly=readonly, immutable=immutable, progress=progress) as lib:
            yield lib
    except DiscourseError as e:
        if not read_only():
            raise
        # A public dashboard never shows its visitors where its files are on the server.
        raise DiscourseError(str(e).replace(str(path), "the library file")) from None


@dataclass(frozen=True)
class Filters:
    """What the Library page lists: text in ids, names, titles and tags; a tag; a date range (both ends
    included; either may be open); a speaker (the whole name, case-insensitive)."""

    query: str = ""
    tag: str | None = None
    date_from: date | str | None = None
    date_to: date | str | None = None
    speaker: str | None = None


def page(filters: Filters = Filters(), number: int = 1) -> tuple[list[library.Record], int]:
    """Page ``number`` (from 1) of the documents matching ``filters``, and the total. Dates the wrong
    way round are a DiscourseError naming the page's fields (From, To)."""
    from analysis.store.metadata import date_range

    f = filters
    date_from, date_to = date_range(f.date_from, f.date_to, names=("From", "To"))
    with opened() as lib:
        return lib.search(
            f.query, tag=f.tag, date_from=date_from, date_to=date_to, speaker=f.speaker,
            offset=(max(number, 1) - 1) * PAGE_SIZE, limit=PAGE_SIZE,
        )


def table(records: Sequence[library.Record]):
    """The Library page's table of ``records``: the id, the date, the title, the pairs and words, then
    the name and the rest (the grid draws only the columns in view: at 1280 px these come first, and a
    long title is what a cut-off right edge would hide, so the title comes before the name)."""
    import pandas as pd

    return pd.DataFrame(
        [{"id": r.id, "date": r.date or "", "title": r.title or "", "pairs": r.pairs, "words": r.words,
          "name": r.name, "format": r.format, "KB": round(r.size / 1024, 1), "tags": ", ".join(r.tags),
          "added": r.added_at[:16].replace("T", " ")} for r in records],
        columns=["id", "date", "title", "pairs", "words", "name", "format", "KB", "tags", "added"],
    ).astype({"pairs": "Int64", "words": "Int64"})


def choices() -> tuple[list[tuple[str, int]], list[tuple[str, int]], bool]:
    """What the Library page's filters offer, from one opening: every tag and every speaker's name, each
    with its number of documents (most first), and whether the library has dates and speakers at all."""
    with opened() as lib:
        return lib.tags(), lib.speakers(), lib.has_metadata


def has_metadata() -> bool:
    """Whether the library holds the documents' dates and speakers (an older file, read-only, does not)."""
    with opened() as lib:
        return lib.has_metadata


def upgrade(progress: library.Progress | None = None) -> bool:
    """Upgrade a library file of an older version (``progress(done, total)`` as its documents are read);
    False in read-only mode or when there is nothing to upgrade."""
    if read_only() or has_metadata():
        return False
    with opened(write=True, progress=progress):  # the upgrade runs as the library opens for writing
        pass
    return True


def document(doc_id: str) -> tuple[library.Record, bytes, tuple] | None:
    """A stored document's record, bytes and corrections, or None if the library has no such id."""
    try:
        with opened() as lib:
            return lib.get(doc_id), lib.bytes_of(doc_id), lib.corrections(doc_id)
    except DiscourseError:
        return None


def corrections(doc_id: str) -> tuple:
    """A stored document's corrections (none if the library has no such id, or no library file)."""
    try:
        with opened() as lib:
            return lib.corrections(doc_id)
    except DiscourseError:
        return ()


def set_corrections(doc_id: str, corrections: Sequence) -> tuple:
    """Make the document's corrections exactly ``corrections``."""
    with opened(write=True) as lib:
        return lib.set_corrections(doc_id, corrections)


def keep(name: str, data: bytes, corrections: Sequence = (), columns: tuple = (None, None)) -> library.Record:
    """Add an upload to the library with the corrections made to it so far and the table columns the
    user chose (kept as a ``columns`` correction, so the library, the batch and every command read the
    same columns). They replace the stored corrections if the library had the document already."""
    with opened(write=True) as lib:
        return lib.add(name, data, corrections=fixes.with_columns(corrections, *columns))


def add_many(
    files: Sequence[tuple[str, bytes]], *, tags: Sequence[str] = (), progress: Callable[[int, str], None] | None = None
) -> tuple[list[library.Record], list[tuple[str, str]]]:
    """Add every file (each in its own transaction); a file that cannot be read is reported, not fatal.
    ``progress(i, name)`` is called before file ``i`` (from 0)."""
    added, failed = [], []
    with opened(write=True) as lib:
        for i, (name, data) in enumerate(files):
            if progress is not None:
                progress(i, name)
            try:
                added.append(lib.add(name, data, tags=tags))
            except DiscourseError as e:
                failed.append((name, str(e)))
    return added, failed


def rename(doc_id: str, name: str) -> library.Record:
    with opened(write=True) as lib:
        return lib.rename(doc_id, name)


def set_tags(doc_id: str, wanted: Sequence[str]) -> library.Record:
    """Make the document's tags exactly ``wanted``."""
    with opened(write=True) as lib:
        current = set(lib.get(doc_id).tags)
        if gone := current - set(wanted):
            lib.untag(doc_id, *gone)
        if new := set(wanted) - current:
            lib.tag(doc_id, *new)
        return lib.get(doc_id)


def delete(doc_id: str) -> None:
    with opened(write=True) as lib:
        lib.delete(doc_id)

"""Transcripts as rows: JSON (an array of objects, or rows nested anywhere in an object), JSON Lines, CSV.

Each row is one turn: ``Para(text, label=speaker, role=...)``. The speaker and the text columns are
found in this order:

1. given by the caller (``speaker_column=`` / ``text_column=``, any case; a name that is not a column
   is an error naming the columns there are);
2. by name, ignoring case and surrounding spaces: the speaker in one of :data:`SPEAKER_COLUMNS`, the
   text in one of :data:`TEXT_COLUMNS` (the first name present wins; a nested column such as
   ``speaker.name`` matches by its parts);
3. by content: among the columns whose values are mostly neither numbers nor times (an unnamed index
   column, ``start``, ``Timestamp`` are left out), the text is the column with the longest values and
   the speaker the one with the fewest distinct values (short, repeated names).

Which columns were used is in ``metadata["speaker_column"]`` / ``metadata["text_column"]`` and, unless
they are simply ``speaker`` and ``text`` or were given, said in a warning. An optional role is read
from :data:`ROLE_COLUMNS` with values question/answer/other or q/a (anything else: no preset role,
with a warning). A JSON object may carry ``title``, ``date`` (ISO 8601; other forms are ignored with
a warning), ``source`` and ``description`` beside its rows.

JSON rows: a top-level array, a list under one of :data:`ROW_KEYS`, or else the list of objects
anywhere in the object (at most :data:`MAX_DEPTH` levels down) that reads best as turns: Oyez's
``transcript.sections[].turns[]`` (``speaker.name``, ``text_blocks[].text`` joined), or the
``utterances`` / ``segments`` / ``results`` of speech-to-text exports. Inside a row, an object's
fields become ``key.field`` columns and a list of objects' text fields are joined (``key.field``).

Rows with an empty text are skipped, items of another shape (not objects) too, each with a warning
giving the count and the first position; a row without a speaker continues the previous turn. Other
columns (times, ids) are ignored; their names go to ``metadata["columns"]``.

CSV: a header row is required; the delimiter (comma, semicolon, tab or bar) is the one the header
row uses most. A quote left open runs to the end of the file (the csv module reads it as one field):
this is warned with its line. Limits: a CSV field longer than the csv module's limit (131,072
characters) is refused; rows are not re-sorted by any time column.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from ..errors import DiscourseError
from .model import TurnRole
from .raw import Para, RawDoc

# 30 million characters: 300 times the longest press briefing in ../shared (about 100,000 characters).
MAX_CHARS = 30_000_000
SPEAKER_COLUMNS = ("speaker", "name", "author", "who", "speaker_name", "participant")
TEXT_COLUMNS = ("text", "content", "utterance", "transcript", "body", "message")
ROLE_COLUMNS = ("role", "turn_role")
# An Oyez speaker role that makes a justice ("Chief Justice of the United States", type "scotus_justice").
JUSTICE_ROLE = re.compile(r"\bjustice\b|^scotus_justice$", re.I)
# Keys of a JSON object that hold the rows, in order of preference.
ROW_KEYS = ("turns", "utterances", "segments", "rows")
# How far down a JSON object rows are looked for (Oyez: transcript > sections > turns is 3 levels), and
# how many lists are looked at (bounds the work on a hostile file).
MAX_DEPTH = 6
MAX_CANDIDATES = 200
# Each list is judged on its first rows only (a speech-to-text export has lists of 100,000 words).
SAMPLE_ROWS = 200
# Columns are judged by content on their first rows only: 2,000 turns are more than an hour's talk.
STATS_ROWS = 2_000
# By content, a column is a number or time column when more than half of its values look like one
# ("12", "3.5", "00:01:02,500", "2024-05-01T10:00:00Z"): an index, a start or end time.
NUMERIC_SHARE = 0.5
# By content, the speaker's values are names: on average at most this many characters (the longest
# speaker labels of the press briefings in ../shared, "THE PRESS SECRETARY (KARINE JEAN-PIERRE)", are 40).
MAX_SPEAKER_CHARS = 60
# The words of the error raised when no speaker or no text column is found (a caller may then offer
# the columns to choose from).
MISSING_COLUMNS = "Name the columns to use"
ROLES: dict[str, TurnRole] = {
    "question": "question", "q": "question", "answer": "answer", "a": "answer", "other": "other",
}
ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")
NUMBER_OR_TIME = re.compile(
    r"^[-+]?(?:\d+(?:[.,]\d+)?(?:e[-+]?\d+)?|\d{1,2}(?::\d{1,2}){1,2}(?:[.,]\d+)?"
    r"|\d{4}-\d{2}-\d{2}(?:[T ][\d:.,]+)?(?:Z|[-+]\d{2}:?\d{2})?)$",
    re.I,
)
DELIMITERS = ",;\t|"
SURROGATES = re.compile("[\ud800-\udfff]")


@dataclass
class _Table:
    """Rows as dicts of column -> value, where each row is (``where``: "line 7", "item 3"), the
    column names in order, and the path of nested rows ("transcript.sections[].turns[]")."""

    rows: list[dict]
    where: list[str]
    columns: list[str]
    path: str | None = None


def read_json(text: str, *, speaker_column: str | None = None, text_column: str | None = None) -> RawDoc:
    """Read a JSON array of turn objects, an object with rows in it, or JSON Lines."""
    text = _check(text, "JSON")
    try:
        data = json.loads(text)
        fmt = "json"
        lines = None
    except json.JSONDecodeError as whole_error:
        data, lines = _json_lines(text, whole_error)
        fmt = "jsonl"
    except ValueError as e:  # e.g. an integer longer than Python's 4,300-digit limit
        raise DiscourseError(f"The JSON could not be read: {e}.") from e
    except RecursionError as e:
        raise DiscourseError("The JSON is nested too deeply to be a transcript (an array of turn objects).") from e
    raw = RawDoc(format=fmt)
    if isinstance(data, dict):
        _top_level(raw, data)
        table = _rows_of(data, raw, speaker_column, text_column)
    elif isinstance(data, list):
        where = [f"line {n}" for n in lines] if lines else [f"item {i}" for i in range(1, len(data) + 1)]
        table = _object_rows(data, where, raw)
    else:
        raise DiscourseError(
            f"The JSON holds a single {type(data).__name__}, not turns. Give an array of objects such as "
            '[{"speaker": "Q", "text": "..."}], or an object with a "turns" list.'
        )
    return _fill(raw, table, "JSON", speaker_column, text_column)


def read_csv(text: str, *, speaker_column: str | None = None, text_column: str | None = None) -> RawDoc:
    """Read a CSV file with a header row; see the module docstring for how the columns are found."""
    text = _check(text, "CSV")
    raw = RawDoc(format="csv")
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        header = None
        rows, where, extra = [], [], []
        last_line = start = 0
        for fields in reader:
            start, last_line = last_line + 1, reader.line_num
            if not fields:
                continue  # a blank line
            if header is None:
                header = [str(c) for c in fields]
                continue
            if len(fields) > len(header) and any(f.strip() for f in fields[len(header):]):
                extra.append(start)
            rows.append(dict(zip(header, fields)))
            where.append(f"line {start}")
    except csv.Error as e:
        raise DiscourseError(
            f"The CSV could not be read ({e}). Check the quotes around fields; a single field may hold at "
            f"most {csv.field_size_limit():,} characters."
        ) from e
    if not rows:
        raise DiscourseError(
            "The CSV has no rows below its header. The first row names the columns (e.g. speaker,text); "
            "each further row is one turn."
        )
    if extra:
        raw.warnings.append(
            f"{len(extra)} CSV row(s) (first at line {extra[0]}) have more fields than the header; the extra "
            "fields were ignored. Put text that contains the delimiter in double quotes."
        )
    if (swallowed := _unterminated(text, start, last_line)) is not None:
        raw.warnings.append(
            f"An unterminated quote at line {start} ran to the end of the file: {swallowed} rows were read as "
            "one text. Check the quotes."
        )
    return _fill(raw, _Table(rows, where, list(dict.fromkeys(header or []))), "CSV", speaker_column, text_column)


def columns_of(text: str, kind: Literal["csv", "json"]) -> list[str]:
    """The columns a speaker or a text could be read from, without choosing any: for offering a choice
    when neither is found. A CSV's header; the rows of a JSON as :func:`read_json` looks for them (a
    nested list: the longest one that holds text). Empty when the text is not such a table."""
    try:
        if kind == "csv":
            text = _check(text, "CSV")
            header = next(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text)), [])
            return list(dict.fromkeys(str(c) for c in header))
        data = json.loads(_check(text, "JSON"))
    except (DiscourseError, csv.Error, ValueError, RecursionError):
        try:  # JSON Lines
            data = [json.loads(line) for line in text.splitlines() if line.strip()]
        except (ValueError, RecursionError):
            return []
    scratch = RawDoc(format="json")
    lists: list[list] = []
    if isinstance(data, list):
        lists = [data]
    elif isinstance(data, dict):
        keys = {str(k).strip().lower(): k for k in data}
        lists = [data[keys[k]] for k in ROW_KEYS if k in keys and isinstance(data[keys[k]], list)]
        lists = lists[:1] or [items for _, items in sorted(_candidates(data), key=lambda c: -len(c[1]))]
    for items in lists:
        sample = [x for x in items[:SAMPLE_ROWS] if isinstance(x, dict)]
        if not sample:
            continue
        table = _object_rows(sample, ["" for _ in sample], scratch)
        texts = [c for c in table.columns if any(isinstance(row.get(c), str) and row[c].strip() for row in table.rows)]
        if len(texts) >= 2 or len(lists) == 1:
            return [c for c in table.columns if any((v := row.get(c)) is not None and _scalar(v) for row in table.rows)]
    return []


def _unterminated(text: str, start: int, end: int) -> int | None:
    """The number of lines the last row swallowed when a quote opened in it never closes, else None.

    The csv module reads an open quote to the end of the file as one field, without an error; the last
    row then spans several lines and holds an odd number of quote characters."""
    if end <= start:
        return None
    span = re.split(r"\r\n|\r|\n", text)[start - 1:end]
    if "".join(span).count('"') % 2 == 0:
        return None
    return sum(1 for line in span if line.strip())


def _delimiter(text: str) -> str:
    """The delimiter used most in the header row (comma on a tie or when there is none).

    The header is the one row whose fields are all short names, so counting there is more reliable
    than ``csv.Sniffer``, which is misled by delimiters inside the text of the rows below."""
    header = text.lstrip().split("\n", 1)[0]
    header = re.sub(r'"[^"]*"', "", header)  # a quoted column name may contain a delimiter
    return max(DELIMITERS, key=lambda d: (header.count(d), -DELIMITERS.index(d)))


def _check(text: str, kind: str) -> str:
    if not isinstance(text, str):
        raise DiscourseError(f"The {kind} reader needs decoded text; decode the file's bytes first.")
    if len(text) > MAX_CHARS:
        raise DiscourseError(f"The {kind} file has {len(text):,} characters (at most {MAX_CHARS:,}). Split it first.")
    text = SURROGATES.sub("\ufffd", text).lstrip("\ufeff")
    if not text.strip():
        raise DiscourseError(f"The {kind} file is empty: there are no turns to read.")
    return text


def _json_lines(text: str, whole_error: json.JSONDecodeError) -> tuple[list, list[int]]:
    lines = [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if len(lines) < 2:
        raise DiscourseError(
            f"The file is not valid JSON: {whole_error.msg} at line {whole_error.lineno}, "
            f"column {whole_error.colno}."
        ) from whole_error
    rows = []
    for n, line in lines:
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as e:
            raise DiscourseError(
                f"The file is neither JSON ({whole_error.msg} at line {whole_error.lineno}) nor JSON Lines "
                f"(line {n}: {e.msg}, column {e.colno}). Fix that line, or give one JSON array of turns."
            ) from e
        except ValueError as e:
            raise DiscourseError(f"Line {n} of the JSON Lines could not be read: {e}.") from e
        except RecursionError as e:
            raise DiscourseError(f"Line {n} of the JSON Lines is nested too deeply to be a turn.") from e
    return rows, [n for n, _ in lines]


def _object_rows(items: list, where: list[str], raw: RawDoc, path: str | None = None) -> _Table:
    """The objects of a JSON list as flat rows; other items are skipped with a warning (all of them
    not objects: an error)."""
    if not items:
        raise DiscourseError("The JSON has no turns (the list of rows is empty).")
    others = [i for i, item in enumerate(items) if not isinstance(item, dict)]
    if len(others) == len(items):
        raise DiscourseError(
            f"Turn 1 of the JSON is a {type(items[0]).__name__}, not an object. Each turn must be "
            'an object such as {"speaker": "Q", "text": "..."}.'
        )
    if others:
        raw.warnings.append(
            f"{len(others)} item(s) of the JSON are not objects (first at {where[others[0]]}), so not turns; "
            "they were skipped."
        )
    keep = [i for i, item in enumerate(items) if isinstance(item, dict)]
    # A column is one name whatever its case and surrounding spaces in each row: its first spelling.
    canon: dict[str, str] = {}
    rows = []
    for i in keep:
        row: dict = {}
        for k, v in _flatten(items[i]).items():
            row.setdefault(canon.setdefault(k.strip().lower(), k), v)
        rows.append(row)
    return _Table(rows, [where[i] for i in keep], list(canon.values()), path)


def _flatten(item: dict) -> dict:
    """A JSON object as one row: its values, an object's fields as ``key.field`` and a list of objects'
    text fields joined by spaces as ``key.field`` (two levels down at most). The nested value itself
    stays under its key, so that a column with text in some rows and an object in others is refused."""
    out: dict = {}

    def walk(obj: dict, prefix: str, depth: int) -> None:
        for k, v in obj.items():
            name = f"{prefix}{str(k).strip()}"
            out.setdefault(name, v)
            if depth >= 2:
                continue
            if isinstance(v, dict):
                walk(v, name + ".", depth + 1)
            elif isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
                joined: dict[str, list[str]] = {}
                for x in v:
                    for sk, sv in x.items():
                        if isinstance(sv, str) and sv.strip():
                            joined.setdefault(f"{name}.{sk}", []).append(sv)
                for col, parts in joined.items():
                    out.setdefault(col, " ".join(parts))

    walk(item, "", 0)
    return out


def _rows_of(data: dict, raw: RawDoc, speaker_column: str | None, text_column: str | None) -> _Table:
    keys = {str(k).strip().lower(): k for k in data}
    for name in ROW_KEYS:
        value = data.get(keys.get(name, object()))
        if isinstance(value, list) and any(isinstance(x, dict) for x in value):
            return _object_rows(value, [f"item {i}" for i in range(1, len(value) + 1)], raw)
    found = _best_rows(data, speaker_column, text_column)
    if found is None and (speaker_column or text_column):
        found = _best_rows(data, None, None)  # then the given column is refused, naming the columns there are
    if found is not None:
        path, items = found
        return _object_rows(items, [f"item {i} of {path}" for i in range(1, len(items) + 1)], raw, path)
    if _find(list(keys), SPEAKER_COLUMNS) and _find(list(keys), TEXT_COLUMNS):
        row = _flatten(data)
        return _Table([row], ["the object"], list(row))  # one turn on its own (also a one-line JSON Lines file)
    raise DiscourseError(
        f"The JSON object has no list of turns. Found the keys: {_names(list(data))}; expected a "
        f"list of objects with a speaker and a text, e.g. under one of: {', '.join(ROW_KEYS)}."
    )


def _best_rows(data: dict, speaker_column: str | None, text_column: str | None) -> tuple[str, list] | None:
    """The list of objects in ``data`` that reads best as turns: both columns found by name before one
    found by content, then the longer texts, then more rows."""
    best, best_score = None, None
    for path, items in _candidates(data):
        sample = items[:SAMPLE_ROWS]
        if not any(isinstance(x, dict) for x in sample):
            continue
        table = _object_rows(sample, ["" for _ in sample], RawDoc(format="json"), path)
        try:
            (speaker, how_s), (text, how_t), _ = _choose(table, "JSON", speaker_column, text_column)
        except DiscourseError:
            continue
        score = ((how_s != "content") + (how_t != "content"), _stats(table, text)[2], len(items))
        if best_score is None or score > best_score:
            best, best_score = (path, items), score
    return best


def _candidates(data: dict) -> list[tuple[str, list]]:
    """Every list of objects in ``data`` as (path, items); the lists at one path in the items of a list
    (``sections[].turns``) are joined in order."""
    out: list[tuple[str, list]] = []

    def walk(values: list[dict], path: str, depth: int) -> None:
        if depth > MAX_DEPTH or len(out) >= MAX_CANDIDATES:
            return
        keys: dict[str, None] = {}
        for v in values:
            keys.update(dict.fromkeys(k for k, x in v.items() if isinstance(x, (dict, list))))
        for k in keys:
            sub = path + ("." if path else "") + str(k)
            dicts, lists = [], []
            for v in values:
                x = v.get(k)
                if isinstance(x, dict):
                    dicts.append(x)
                elif isinstance(x, list):
                    lists.append(x)
            if dicts:
                walk(dicts, sub, depth + 1)
            items = [x for lst in lists for x in lst]
            objects = [x for x in items if isinstance(x, dict)]
            if objects:
                out.append((sub + "[]", items))
                walk(objects, sub + "[]", depth + 1)
            elif items and all(isinstance(x, list) for x in items):  # a list of lists: look one level in
                inner = [y for x in items for y in x if isinstance(y, dict)]
                if inner:
                    walk([{"": inner}], sub + "[]", depth + 1)

    walk([data], "", 0)
    return out


def _top_level(raw: RawDoc, data: dict) -> None:
    keys = {str(k).strip().lower(): k for k in data}
    for name in ("title", "source", "description"):
        value = data.get(keys.get(name, object()))
        if isinstance(value, (str, int, float)) and " ".join(str(value).split()):
            setattr(raw, name, " ".join(str(value).split()))
    value = data.get(keys.get("date", object()))
    if value is not None:
        if isinstance(value, str) and (iso := _iso(value)):
            raw.date = iso
        else:
            raw.warnings.append(f"The date {str(value)[:40]!r} is not an ISO 8601 date (YYYY-MM-DD); it was left out.")


def _iso(value: str) -> str | None:
    if not (m := ISO_DATE.match(value)):
        return None
    try:
        return date(*map(int, m.groups())).isoformat()
    except ValueError:
        return None


def _find(columns: list[str], wanted: tuple[str, ...]) -> str | None:
    """The first name in ``wanted`` that is a column, ignoring case and surrounding spaces."""
    present = {str(c).strip().lower() for c in columns}
    return next((w for w in wanted if w in present), None)


def _names(columns: list) -> str:
    shown = ", ".join(repr(str(c))[:40] for c in columns[:20])
    return (shown + (f" and {len(columns) - 20} more" if len(columns) > 20 else "")) or "none"


def _scalar(value: object) -> bool:
    return value is None or isinstance(value, (str, int, float, bool))


def _by_name(table: _Table, wanted: tuple[str, ...], taken: str | None) -> str | None:
    """The column named as one of ``wanted`` (the earliest name wins), else the nested column with the
    most parts so named (``speaker.name`` before ``speaker.id``); only columns holding text in some row."""
    usable = [
        c for c in table.columns
        if c != taken and any(c in row and _scalar(row[c]) and row[c] is not None for row in table.rows)
    ]
    lowered = {c.strip().lower(): c for c in reversed(usable)}
    for w in wanted:
        if w in lowered:
            return lowered[w]
    parts = [(sum(p.strip().lower() in wanted for p in c.split(".")), c) for c in usable if "." in c]
    best = max((n for n, _ in parts), default=0)
    return next((c for n, c in parts if n == best), None) if best else None


def _stats(table: _Table, column: str) -> tuple[float, float, float]:
    """(share of number or time values, share of distinct values, mean length) of a column's texts."""
    rows = table.rows[:STATS_ROWS]
    values = [" ".join(str(v).split()) for row in rows if (v := row.get(column)) is not None and _scalar(v)]
    values = [v for v in values if v]
    if not values:
        return 1.0, 1.0, 0.0
    numeric = sum(bool(NUMBER_OR_TIME.match(v)) for v in values) / len(values)
    return numeric, len(set(values)) / len(values), sum(map(len, values)) / len(values)


def _given(table: _Table, name: str, what: str, kind: str) -> str:
    lowered = {c.strip().lower(): c for c in reversed(table.columns)}
    found = name if name in table.columns else lowered.get(name.strip().lower())
    if found is None:
        raise DiscourseError(
            f"The {kind} has no column {name!r} for the {what}. Its columns are: {_names(table.columns)}."
        )
    return found


def _choose(
    table: _Table, kind: str, speaker_column: str | None, text_column: str | None
) -> tuple[tuple[str, str], tuple[str, str], str | None]:
    """((speaker column, how), (text column, how), role column); how is "given", "name" or "content"."""
    speaker = (_given(table, speaker_column, "speaker", kind), "given") if speaker_column else None
    text = (_given(table, text_column, "text", kind), "given") if text_column else None
    if text is None and (c := _by_name(table, TEXT_COLUMNS, speaker and speaker[0])):
        text = (c, "name")
    if speaker is None and (c := _by_name(table, SPEAKER_COLUMNS, text and text[0])):
        speaker = (c, "name")
    role = _by_name(table, ROLE_COLUMNS, None)
    if speaker is None or text is None:
        taken = {x[0] for x in (speaker, text) if x} | {role}
        stats = {c: _stats(table, c) for c in table.columns if c not in taken}
        usable = {c: s for c, s in stats.items() if s[0] <= NUMERIC_SHARE and s[2] > 0}
        if text is None and usable:
            c = max(usable, key=lambda c: usable[c][2])
            if speaker is None or usable[c][2] > _stats(table, speaker[0])[2]:
                text = (c, "content")
                usable.pop(c)
        if speaker is None and text is not None:
            names = {c: s for c, s in usable.items() if s[2] <= MAX_SPEAKER_CHARS and s[2] < _stats(table, text[0])[2]}
            if names:
                speaker = (min(names, key=lambda c: (names[c][1], names[c][2])), "content")
    if speaker is None or text is None:
        missing = " and ".join(
            f"a {what} column (one of: {', '.join(names)}, or a column of {hint})"
            for what, col, names, hint in (
                ("speaker", speaker, SPEAKER_COLUMNS, "short, repeated names"),
                ("text", text, TEXT_COLUMNS, "longer texts"),
            )
            if col is None
        )
        raise DiscourseError(
            f"The {kind} is missing {missing}. Columns found: {_names(table.columns)}. {MISSING_COLUMNS} "
            "(--speaker-column and --text-column, or on the Upload page), or rename them so that each row has a "
            "speaker and a text."
        )
    if speaker[0] == text[0]:
        raise DiscourseError(f"The speaker and the text cannot both be read from the column {speaker[0]!r}.")
    return speaker, text, role


def _cell(value: object, where: str, column: str, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise DiscourseError(
            f"The {kind} at {where}: the {column!r} value is a nested {type(value).__name__}; give text."
        )
    return " ".join(str(value).split())


def _fill(raw: RawDoc, table: _Table, kind: str, speaker_column: str | None, text_column: str | None) -> RawDoc:
    if not table.rows:
        raise DiscourseError(f"The {kind} has no turns (the list of rows is empty).")
    (speaker_col, how_s), (text_col, how_t), role_col = _choose(table, kind, speaker_column, text_column)
    # The columns that hold text or numbers somewhere (not those holding only objects or lists): the
    # ones a speaker or a text can be read from.
    raw.metadata["columns"] = [
        c for c in table.columns if any((v := row.get(c)) is not None and _scalar(v) for row in table.rows)
    ]
    raw.metadata["rows"] = len(table.rows)
    raw.metadata["speaker_column"] = speaker_col
    raw.metadata["text_column"] = text_col
    if table.path:
        raw.metadata["rows_path"] = table.path
    plain = speaker_col.strip().lower() == "speaker" and text_col.strip().lower() == "text"
    if (how_s, how_t) != ("given", "given") and not (plain and not table.path):
        where = f"Read the turns from {table.path!r}: the speaker" if table.path else "Read the speaker"
        raw.warnings.insert(0, f"{where} from column {speaker_col!r} and the text from {text_col!r}.")
    # Speech-to-text exports number their speakers (0, 1, ...): "Speaker 0" reads as a name.
    numbered = all(
        isinstance(v, int) or (isinstance(v, str) and v.strip().isdigit())
        for row in table.rows if (v := row.get(speaker_col)) is not None and str(v).strip()
    )
    # Oyez: a speaker's roles say who is a justice ("Associate Justice of the Supreme Court"): a court.
    prefix = speaker_col.rsplit(".", 1)[0].lower() + "." if "." in speaker_col else ""
    role_cols = [c for c in table.columns if c.lower() in (f"{prefix}roles.role_title", f"{prefix}roles.type")]
    justices: dict[str, None] = {}
    empty: list[str] = []
    unknown_speaker: list[str] = []
    odd_roles: dict[str, None] = {}
    for row, where in zip(table.rows, table.where):
        text = _cell(row.get(text_col), where, text_col, kind)
        speaker = _cell(row.get(speaker_col), where, speaker_col, kind)
        role_value = _cell(row.get(role_col), where, role_col, kind).lower() if role_col else ""
        if not text:
            empty.append(where)
            continue
        role = ROLES.get(role_value.rstrip("."))
        if role_value and role is None:
            odd_roles[role_value[:30]] = None
        if not speaker:
            unknown_speaker.append(where)
        if speaker and numbered:
            speaker = f"Speaker {speaker}"
        if speaker and any(JUSTICE_ROLE.search(str(row.get(c) or "")) for c in role_cols):
            justices[speaker] = None
        raw.paras.append(Para(text, label=speaker or None, role=role if speaker else None))
    if not raw.paras:
        raise DiscourseError(f"Every row of the {kind} has an empty {text_col!r} value: there is no text.")
    if justices:
        raw.layout = raw.layout or "court"
        for name in justices:
            raw.role_hints.setdefault(name, "interviewer")
    if empty:
        raw.warnings.append(f"{len(empty)} row(s) with an empty {text_col!r} value were skipped (first at {empty[0]}).")
    if unknown_speaker:
        raw.warnings.append(
            f"{len(unknown_speaker)} row(s) have no {speaker_col!r} value (first at {unknown_speaker[0]}); their "
            "text continues the turn before them."
        )
    if odd_roles:
        raw.warnings.append(
            f"Role values not recognised (expected question, answer, other, q or a): {', '.join(odd_roles)}; "
            "those rows get their role from the builder."
        )
    return raw

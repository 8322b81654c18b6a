"""Transcripts as rows: JSON (an array of objects, or an object with a "turns" list), JSON Lines, CSV.

Each row is one turn: ``Para(text, label=speaker, role=...)``. Columns are found by name, ignoring
case and surrounding spaces: the speaker in one of :data:`SPEAKER_COLUMNS`, the text in one of
:data:`TEXT_COLUMNS` (the first name present wins), an optional role in :data:`ROLE_COLUMNS` with
values question/answer/other or q/a (anything else: no preset role, with a warning). A JSON object
may carry ``title``, ``date`` (ISO 8601; other forms are ignored with a warning), ``source`` and
``description`` beside its rows. Rows with empty text are skipped; a row without a speaker continues
the previous turn. Other columns (times, ids) are ignored; their names go to ``metadata["columns"]``.

CSV: a header row is required; the delimiter (comma, semicolon, tab or bar) is the one the header
row uses most. Limits: a CSV field longer than the csv module's limit (131,072 characters) is refused; nested
values (objects, lists) in a JSON cell are refused; rows are not re-sorted by any time column.
"""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

from ..errors import DiscourseError
from .model import TurnRole
from .raw import Para, RawDoc

# 30 million characters: 300 times the longest press briefing in ../shared (about 100,000 characters).
MAX_CHARS = 30_000_000
SPEAKER_COLUMNS = ("speaker", "name", "author", "who", "speaker_name", "participant")
TEXT_COLUMNS = ("text", "content", "utterance", "transcript", "body", "message")
ROLE_COLUMNS = ("role", "turn_role")
# Keys of a JSON object that hold the rows, in order of preference.
ROW_KEYS = ("turns", "utterances", "segments", "rows")
ROLES: dict[str, TurnRole] = {
    "question": "question", "q": "question", "answer": "answer", "a": "answer", "other": "other",
}
ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")
DELIMITERS = ",;\t|"
SURROGATES = re.compile("[\ud800-\udfff]")


def read_json(text: str) -> RawDoc:
    """Read a JSON array of turn objects, an object with a "turns" list, or JSON Lines."""
    text = _check(text, "JSON")
    try:
        data = json.loads(text)
        fmt = "json"
    except json.JSONDecodeError as whole_error:
        data = _json_lines(text, whole_error)
        fmt = "jsonl"
    except ValueError as e:  # e.g. an integer longer than Python's 4,300-digit limit
        raise DiscourseError(f"The JSON could not be read: {e}.") from e
    except RecursionError as e:
        raise DiscourseError("The JSON is nested too deeply to be a transcript (an array of turn objects).") from e
    raw = RawDoc(format=fmt)
    if isinstance(data, dict):
        rows = _rows_of(data)
        _top_level(raw, data)
    elif isinstance(data, list):
        rows = data
    else:
        raise DiscourseError(
            f"The JSON holds a single {type(data).__name__}, not turns. Give an array of objects such as "
            '[{"speaker": "Q", "text": "..."}], or an object with a "turns" list.'
        )
    bad = next((i for i, row in enumerate(rows, start=1) if not isinstance(row, dict)), None)
    if bad is not None:
        raise DiscourseError(
            f"Turn {bad} of the JSON is a {type(rows[bad - 1]).__name__}, not an object. Each turn must be "
            'an object such as {"speaker": "Q", "text": "..."}.'
        )
    return _fill(raw, rows, "JSON")


def read_csv(text: str) -> RawDoc:
    """Read a CSV file with a header row naming a speaker and a text column."""
    text = _check(text, "CSV")
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        rows, extra = [], []
        for n, row in enumerate(reader, start=1):
            if row.get(None):  # DictReader puts fields beyond the header's under the key None
                extra.append(n)
            rows.append({k: v for k, v in row.items() if k is not None})
        columns = reader.fieldnames or []
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
    raw = RawDoc(format="csv")
    if extra:
        raw.warnings.append(
            f"{len(extra)} CSV row(s) (first: row {extra[0]}) have more fields than the header; the extra "
            "fields were ignored. Put text that contains the delimiter in double quotes."
        )
    return _fill(raw, rows, "CSV", columns=[str(c) for c in columns])


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


def _json_lines(text: str, whole_error: json.JSONDecodeError) -> list:
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
    return rows


def _rows_of(data: dict) -> list:
    keys = {str(k).strip().lower(): k for k in data}
    for name in ROW_KEYS:
        if name in keys and isinstance(data[keys[name]], list):
            return data[keys[name]]
    if _find(list(keys), SPEAKER_COLUMNS) and _find(list(keys), TEXT_COLUMNS):
        return [data]  # one turn on its own (also a one-line JSON Lines file)
    raise DiscourseError(
        f"The JSON object has no list of turns. Found the keys: {_names(list(data))}; expected a "
        f"list under one of: {', '.join(ROW_KEYS)}."
    )


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


def _cell(value: object, row: int, column: str, kind: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        raise DiscourseError(
            f"Row {row} of the {kind}: the {column!r} value is a nested {type(value).__name__}; give text."
        )
    return " ".join(str(value).split())


def _fill(raw: RawDoc, rows: list[dict], kind: str, *, columns: list[str] | None = None) -> RawDoc:
    if not rows:
        raise DiscourseError(f"The {kind} has no turns (the list of rows is empty).")
    if columns is None:
        seen: dict[str, str] = {}
        for row in rows:
            for k in row:
                seen.setdefault(str(k).strip().lower(), str(k))
        columns = list(seen.values())
    speaker_col, text_col = _find(columns, SPEAKER_COLUMNS), _find(columns, TEXT_COLUMNS)
    role_col = _find(columns, ROLE_COLUMNS)
    if speaker_col is None or text_col is None:
        missing = " and ".join(
            f"a {what} column (one of: {', '.join(names)})"
            for what, col, names in (("speaker", speaker_col, SPEAKER_COLUMNS), ("text", text_col, TEXT_COLUMNS))
            if col is None
        )
        raise DiscourseError(
            f"The {kind} is missing {missing}. Columns found: {_names(columns)}. Rename the columns "
            "(any case) so that each row has a speaker and a text."
        )
    raw.metadata["columns"] = columns
    raw.metadata["rows"] = len(rows)
    empty = unknown_speaker = 0
    odd_roles: dict[str, None] = {}
    for n, row in enumerate(rows, start=1):
        cells = {str(k).strip().lower(): v for k, v in row.items()}
        text = _cell(cells.get(text_col), n, text_col, kind)
        speaker = _cell(cells.get(speaker_col), n, speaker_col, kind)
        role_value = _cell(cells.get(role_col), n, role_col, kind).lower() if role_col else ""
        if not text:
            empty += 1
            continue
        role = ROLES.get(role_value.rstrip("."))
        if role_value and role is None:
            odd_roles[role_value[:30]] = None
        if not speaker:
            unknown_speaker += 1
        raw.paras.append(Para(text, label=speaker or None, role=role if speaker else None))
    if not raw.paras:
        raise DiscourseError(f"Every row of the {kind} has an empty {text_col!r} value: there is no text.")
    if empty:
        raw.warnings.append(f"{empty} row(s) with an empty {text_col!r} value were skipped.")
    if unknown_speaker:
        raw.warnings.append(
            f"{unknown_speaker} row(s) have no {speaker_col!r} value; their text continues the turn before them."
        )
    if odd_roles:
        raw.warnings.append(
            f"Role values not recognised (expected question, answer, other, q or a): {', '.join(odd_roles)}; "
            "those rows get their role from the builder."
        )
    return raw

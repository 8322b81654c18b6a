"""What the commands share: the parser class, printable messages, output files, the column options, the
corrections a library keeps for a file."""

from __future__ import annotations

import argparse
import re
import sys

from analysis.errors import DiscourseError

EXIT_USER_ERROR = 2
# Characters never written raw to the terminal in a message: C0 and C1 controls (ANSI escape sequences
# start with ESC, U+001B, or CSI, U+009B) but newline and tab, and the bidirectional overrides that
# reorder what a terminal shows.
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(message: str) -> str:
    """``message`` with every control character written as an escape (``\x1b``, ``\u202e``)."""
    return UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), message)


class Parser(argparse.ArgumentParser):
    """argparse's parser, whose usage errors escape control characters and say how to name a file
    that starts with ``-``."""

    argv: list[str] = []  # the arguments being parsed (set by main)

    def error(self, message: str):  # type: ignore[override]
        import os

        dashed = next((a for a in Parser.argv if a.startswith("-") and a != "-" and os.path.isfile(a)), None)
        if dashed:
            message += f" (to read the file {dashed}, write ./{dashed} or put -- before it)"
        super().error(printable(message))


OUTPUT_FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".parquet": "parquet"}


def write(frame, out: str | None) -> None:
    from pathlib import Path

    if out is None:
        frame.to_csv(sys.stdout, index=False)
        return
    kind = OUTPUT_FORMATS[Path(out).suffix.lower()]
    try:
        if kind == "csv":
            frame.to_csv(out, index=False)
        elif kind == "jsonl":
            frame.to_json(out, orient="records", lines=True, force_ascii=False)
        else:
            frame.to_parquet(out, index=False)
    except OSError as e:
        raise DiscourseError(f"--out {out}: cannot write there ({e.strerror or e}).") from e


def check_out(out: str | None) -> None:
    from pathlib import Path

    if out is not None and Path(out).suffix.lower() not in OUTPUT_FORMATS:
        raise DiscourseError(f"--out {out}: use a .csv, .jsonl or .parquet file name.")


def failure_lines(failures: list[tuple[str, str]]) -> list[str]:
    """``path: reason``, the reason's leading file name (readers name the file by its name) made the path."""
    from pathlib import Path

    lines = []
    for name, reason in failures:
        base = Path(name).name
        if reason.startswith(name):
            lines.append(reason)
        elif base and reason.startswith(base):
            lines.append(name + reason[len(base):])
        else:
            lines.append(f"{name}: {reason}")
    return lines


def open_library(path: str | None):
    """The library for writing; an older one is upgraded first, with its progress on stderr."""
    from analysis.store.library import Library

    return Library(path, progress=UpgradeProgress())


class UpgradeProgress:
    """``progress(done, total)`` of a library upgrade: one line on stderr saying what happens, then a
    progress bar when stderr is a terminal (tqdm, as the batch's)."""

    def __init__(self) -> None:
        self.bar = None
        self.started = False

    def __call__(self, done: int, total: int) -> None:
        if not self.started:
            from analysis.store.library import SCHEMA_VERSION

            self.started = True
            print(
                f"Upgrading the library to schema version {SCHEMA_VERSION} (once): reading the date, speakers, "
                f"pairs and words of its {total:,} document{'s' if total != 1 else ''}.", file=sys.stderr,
            )
            if sys.stderr.isatty():
                try:
                    from tqdm import tqdm
                except ImportError:  # tqdm is pinned in requirements.txt; without it, no bar
                    tqdm = None
                if tqdm is not None:
                    self.bar = tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True, leave=False)
        if self.bar is not None:
            self.bar.update(done - self.bar.n)
            if done >= total:
                self.bar.close()
                self.bar = None


def stored_corrections(path: str, library_path: str | None) -> tuple:
    """The corrections the library keeps for the document with this file's bytes (none without
    ``--library``, or when the library does not have those bytes)."""
    if library_path is None:
        return ()
    from analysis.store.library import Library, sha256_of
    from analysis.transcripts import read_file

    sha = sha256_of(read_file(path))
    with Library(library_path, readonly=True) as lib:
        return lib.corrections_by_sha([sha]).get(sha, ())


def column_options(args: argparse.Namespace) -> dict:
    """The ``speaker_column`` / ``text_column`` options of a command (for JSON, JSONL and CSV files)."""
    return {"speaker_column": args.speaker_column, "text_column": args.text_column}


def add_column_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--speaker-column", default=None, metavar="NAME",
        help="JSON/JSONL/CSV: the column to read speakers from (default: found by name, then by content)",
    )
    p.add_argument(
        "--text-column", default=None, metavar="NAME",
        help="JSON/JSONL/CSV: the column to read the text from (default: found by name, then by content)",
    )


WITH_CORRECTIONS = "apply the corrections this library keeps for the file's document (library correct)"

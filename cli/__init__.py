"""The command-line shell over ``analysis`` (and ``render`` for the report): one module a command, each
command's options beside its body.

    python -m analysis parse FILE [--format json|text] [--input-format FMT] [--interviewer NAME] [--library PATH]
        [--speaker-column NAME] [--text-column NAME]   (also for analyze, compare and report)
    python -m analysis analyze FILE_OR_DIR... [--out PATH] [--level answer|sentence] [--topics FILE]
        [--jobs N] [--engine process|dask] [--scheduler ADDRESS] [--library PATH | --cache]
    python -m analysis library [--library PATH] add|list|rename|tag|untag|delete|correct ...
    python -m analysis corpus [--library PATH] [--tag T] [--from DATE] [--to DATE] [--speaker NAME] [--query Q]
        [--format F] [--by document|week|month|quarter|speaker] [--measure KEY] [--out PATH] [--jobs N]
    python -m analysis compare A B [--out PATH] [--ngrams words|bigrams|both] [--min-count N] [--keep-stopwords] [--library PATH]
    python -m analysis kwic FILE_OR_DIR... --term WORD [--width N] [--out PATH]
    python -m analysis report FILE --out REPORT.html [--topics FILE] [--interviewer NAME] [--input-format FMT] [--library PATH]

(``python -m cli ...`` is the same.) User errors (bad file, unknown format) print one line to stderr and
exit with status 2; control characters in them (a file name's ANSI escape sequences) are shown escaped
(``\\x1b``), never sent to the terminal. A file whose name starts with ``-`` is given as ``./-x.txt`` or
after ``--`` (``python -m analysis parse -- -x.txt``).
Heavy modules are imported inside the commands so that ``parse`` starts fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from analysis.errors import DiscourseError

from . import analyze, compare, corpus, kwic, library, parse, report
from .common import EXIT_USER_ERROR, Parser, printable

COMMANDS = (parse, analyze, library, corpus, compare, kwic, report)  # in the order --help lists them


def build_parser() -> argparse.ArgumentParser:
    ap = Parser(prog="python -m analysis", description="Discourse dashboard: command-line tools.")
    sub = ap.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.register(sub)
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    Parser.argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    try:
        args.run(args)
    except DiscourseError as e:
        print(f"error: {printable(str(e))}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        return 0
    return 0

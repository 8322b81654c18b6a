"""The command-line shell over the library: each command parses its arguments and calls one function.

    python -m analysis parse FILE [--format json|text] [--input-format FMT] [--interviewer NAME]

User errors (bad file, unknown format) print one line to stderr and exit with status 2.
Heavy modules are imported inside the commands so that ``parse`` starts fast.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from .errors import DiscourseError

EXIT_USER_ERROR = 2


def _parse_command(args: argparse.Namespace) -> None:
    from .transcripts import load

    doc = load(args.file, format=args.input_format, interviewer=args.interviewer)
    if args.format == "json":
        json.dump(doc.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    print(_as_text(doc))


def _as_text(doc) -> str:
    lines = [doc.title or "(untitled)", f"date: {doc.date or 'unknown'}   source: {doc.source or 'unknown'}"]
    lines.append("speakers: " + ", ".join(f"{s.name} ({s.role})" for s in doc.speakers))
    for w in doc.warnings:
        lines.append(f"warning: {w}")
    for p in doc.pairs:
        lines.append("")
        if p.kind == "opening":
            lines.append(f"[{p.pair}] opening statements")
        else:
            lines.append(f"[{p.pair}] Q ({p.asked_by}): {p.question}")
        for a in p.answers:
            lines.append(f"    A ({a.speaker}): {a.text}")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    from .transcripts import FORMATS

    ap = argparse.ArgumentParser(prog="python -m analysis", description="Discourse dashboard: command-line tools.")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="parse a transcript into question-answer pairs")
    p.add_argument("file", help="transcript: txt, md, html, docx, pdf, srt, vtt, json, jsonl or csv")
    p.add_argument("--format", choices=["json", "text"], default="json", help="output format (default: json)")
    p.add_argument("--input-format", choices=FORMATS, default=None, help="override the recognised input format")
    p.add_argument(
        "--interviewer", action="append", default=None, metavar="NAME",
        help="speaker label whose turns are questions (repeatable); overrides the inferred interviewer",
    )
    p.set_defaults(run=_parse_command)
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        args.run(args)
    except DiscourseError as e:
        print(f"error: {e}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        return 0
    return 0

"""``parse FILE``: a transcript as question-answer pairs, JSON or text."""

from __future__ import annotations

import argparse
import json
import sys

from .common import WITH_CORRECTIONS, add_column_options, column_options, stored_corrections


def register(commands: argparse._SubParsersAction) -> None:
    from analysis.transcripts import FORMATS

    p = commands.add_parser("parse", help="parse a transcript into question-answer pairs")
    p.add_argument("file", help="transcript: txt, md, html, docx, pdf, srt, vtt, json, jsonl or csv")
    p.add_argument("--format", choices=["json", "text"], default="json", help="output format (default: json)")
    p.add_argument("--input-format", choices=FORMATS, default=None, help="override the recognised input format")
    p.add_argument(
        "--interviewer", action="append", default=None, metavar="NAME",
        help="speaker label whose turns are questions (repeatable); overrides the inferred interviewer",
    )
    add_column_options(p)
    p.add_argument("--library", default=None, metavar="PATH", help=WITH_CORRECTIONS)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> None:
    from analysis.transcripts import load

    doc = load(args.file, format=args.input_format, interviewer=args.interviewer, **column_options(args),
               corrections=stored_corrections(args.file, getattr(args, "library", None)))
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

"""The command-line shell over the library: each command parses its arguments and calls one function.

    python -m analysis parse FILE [--format json|text] [--input-format FMT] [--interviewer NAME]
    python -m analysis analyze FILE... [--out PATH] [--level answer|sentence] [--topics FILE]

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


OUTPUT_FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".parquet": "parquet"}


def _analyze_command(args: argparse.Namespace) -> None:
    from pathlib import Path

    import pandas as pd

    from . import frames, topics
    from .transcripts import load

    if args.out is not None and Path(args.out).suffix.lower() not in OUTPUT_FORMATS:
        raise DiscourseError(f"--out {args.out}: use a .csv, .jsonl or .parquet file name.")
    dictionary = topics.load_dictionary(args.topics) if args.topics else topics.load_dictionary()
    parts, failures = [], []
    for name in args.files:
        try:
            result = frames.analyze(load(name, interviewer=args.interviewer), document=name, dictionary=dictionary, detail="summary")
        except DiscourseError as e:
            failures.append(f"{name}: {e}")
            continue
        parts.append(result.answers if args.level == "answer" else result.sentences)
    if parts:
        _write(pd.concat(parts, ignore_index=True), args.out)
    if failures:
        done = len(args.files) - len(failures)
        raise DiscourseError(
            f"{len(failures)} of {len(args.files)} files could not be analysed ({done} written):\n  " + "\n  ".join(failures)
        )


def _write(frame, out: str | None) -> None:
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

    a = sub.add_parser("analyze", help="measure every answer: sentiment, topics (CSV on stdout without --out)")
    a.add_argument("files", nargs="+", metavar="FILE", help="one or more transcripts")
    a.add_argument("--out", default=None, help="output file: .csv, .jsonl or .parquet (by extension)")
    a.add_argument("--level", choices=["answer", "sentence"], default="answer", help="one row per answer or per sentence")
    a.add_argument("--topics", default=None, metavar="FILE", help="topic dictionary (.yaml or LIWC-style .dic)")
    a.add_argument("--interviewer", action="append", default=None, metavar="NAME", help="as for parse")
    a.set_defaults(run=_analyze_command)
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

"""``report FILE --out REPORT.html``: one self-contained HTML report (the ``render`` package writes it)."""

from __future__ import annotations

import argparse

from analysis.errors import DiscourseError

from .common import WITH_CORRECTIONS, add_column_options, column_options, stored_corrections

REPORT_SUFFIXES = (".html", ".htm")


def register(commands: argparse._SubParsersAction) -> None:
    from analysis.transcripts import FORMATS

    r = commands.add_parser("report", help="one self-contained HTML report of a transcript (charts, highlighted text, methods)")
    r.add_argument("file", metavar="FILE", help="transcript: txt, md, html, docx, pdf, srt, vtt, json, jsonl or csv")
    r.add_argument("--out", required=True, help="the HTML file to write")
    r.add_argument("--topics", default=None, metavar="FILE", help="topic dictionary (.yaml or LIWC-style .dic)")
    r.add_argument("--interviewer", action="append", default=None, metavar="NAME", help="as for parse")
    r.add_argument("--input-format", choices=FORMATS, default=None, help="override the recognised input format")
    add_column_options(r)
    r.add_argument("--library", default=None, metavar="PATH", help=WITH_CORRECTIONS)
    r.set_defaults(run=run)


def run(args: argparse.Namespace) -> None:
    import hashlib
    from pathlib import Path

    from analysis.pipeline.run import analyze
    from analysis.sentence import topics
    from analysis.transcripts import load

    out = Path(args.out)
    if out.suffix.lower() not in REPORT_SUFFIXES:
        raise DiscourseError(f"--out {args.out}: use an .html file name.")
    dictionary = topics.load_dictionary(args.topics) if args.topics else topics.load_dictionary()
    doc = load(args.file, format=args.input_format, interviewer=args.interviewer, **column_options(args),
               corrections=stored_corrections(args.file, getattr(args, "library", None)))
    name = Path(args.file).name
    result = analyze(doc, document=name, dictionary=dictionary)
    # Imported here: the report is the one command that loads plotly (the render package).
    from render import report, report_sections

    page = report.build(
        doc, result, source_name=name, document_sha256=hashlib.sha256(Path(args.file).read_bytes()).hexdigest(),
        dictionary=dictionary, extras=report_sections.standard(result),
    )
    try:
        size = report.write(out, page)
    except OSError as e:
        raise DiscourseError(f"--out {args.out}: cannot write there ({e.strerror or e}).") from e
    print(f"wrote {out} ({size:,} bytes, {size / 1e6:.1f} MB)")

"""``analyze FILE_OR_DIR...``: every answer (or sentence) measured, as CSV, JSONL or Parquet."""

from __future__ import annotations

import argparse
import sys

from analysis.errors import DiscourseError

from .common import add_column_options, check_out, failure_lines, open_library, write


def register(commands: argparse._SubParsersAction) -> None:
    a = commands.add_parser(
        "analyze", help="measure every answer: sentiment, topics (CSV on stdout without --out)",
        description="Files and folders (searched recursively for transcripts). A file that fails is reported at "
        "the end with its reason (exit status 2) and does not stop the run. A progress bar goes to stderr on a "
        "terminal.",
    )
    a.add_argument("files", nargs="+", metavar="FILE_OR_DIR", help="transcripts, or folders of transcripts")
    a.add_argument("--out", default=None, help="output file: .csv, .jsonl or .parquet (by extension)")
    a.add_argument("--level", choices=["answer", "sentence"], default="answer", help="one row per answer or per sentence")
    a.add_argument("--topics", default=None, metavar="FILE", help="topic dictionary (.yaml or LIWC-style .dic)")
    a.add_argument("--interviewer", action="append", default=None, metavar="NAME", help="as for parse")
    a.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (default 1: in this process)")
    a.add_argument("--engine", choices=["process", "dask"], default="process", help="process pool (default) or Dask")
    a.add_argument(
        "--scheduler", default=None, metavar="ADDRESS",
        help="with --engine dask: a running scheduler (tcp://HOST:8786); default: a local cluster of --jobs workers",
    )
    cache = a.add_mutually_exclusive_group()
    cache.add_argument("--library", default=None, metavar="PATH", help="reuse and keep results in this library file")
    cache.add_argument(
        "--cache", action="store_true",
        help="reuse and keep results in the default library ($DISCOURSE_LIBRARY or ~/.local/share/discourse-dashboard)",
    )
    add_column_options(a)
    a.set_defaults(run=run)


def run(args: argparse.Namespace) -> None:
    from contextlib import nullcontext

    from analysis.pipeline import batch
    from analysis.sentence import topics

    check_out(args.out)
    dictionary = topics.load_dictionary(args.topics) if args.topics else topics.load_dictionary()
    library = open_library(args.library) if args.library is not None or args.cache else nullcontext()
    with library as lib:
        result = batch.run(
            args.files, jobs=args.jobs, engine=args.engine, scheduler=args.scheduler, library=lib,
            level=args.level, dictionary=dictionary, interviewer=args.interviewer,
            columns=(args.speaker_column, args.text_column),
        )
    frame = result.answers if args.level == "answer" else result.sentences
    done = result.n_cached + result.n_analysed
    if done:
        write(frame, args.out)
    if args.out is not None:
        print(
            f"{done + len(result.failures):,} files: {result.n_analysed:,} analysed, {result.n_cached:,} from the "
            f"library, {len(result.failures):,} failed; {result.seconds:.1f} s"
            + (f"; wrote {args.out} ({len(frame):,} rows)" if done else ""),
            file=sys.stderr,
        )
    if result.failures:
        raise DiscourseError(
            f"{len(result.failures)} of {done + len(result.failures)} files could not be analysed ({done} written):\n  "
            + "\n  ".join(failure_lines(result.failures))
        )

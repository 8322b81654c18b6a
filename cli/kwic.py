"""``kwic FILE_OR_DIR... --term WORD``: concordance lines, every occurrence with its context."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from analysis.errors import DiscourseError

from .common import check_out, failure_lines, write


def register(commands: argparse._SubParsersAction) -> None:
    k = commands.add_parser(
        "kwic", help="concordance: every occurrence of a word or phrase with its context",
        description="Files and folders (searched recursively for transcripts, as for analyze); with more than one "
        "file, each line starts with its document. A file that cannot be read is reported at the end (exit status 2).",
    )
    k.add_argument(
        "files", nargs="+", metavar="FILE_OR_DIR",
        help="transcripts, or folders of transcripts (their questions and answers are searched)",
    )
    k.add_argument("--term", required=True, help="word or phrase, case-insensitive; a trailing * matches any ending")
    k.add_argument("--width", type=int, default=60, metavar="N", help="characters of context on each side")
    k.add_argument("--out", default=None, help="output file: .csv, .jsonl or .parquet (aligned text without it)")
    k.set_defaults(run=run)


def run(args: argparse.Namespace) -> None:
    from analysis.comparison import concordance
    from analysis.comparison.sides import units_of
    from analysis.pipeline.batch import collect
    from analysis.transcripts import load

    check_out(args.out)
    files, failures = collect(args.files)  # folders as for analyze: searched recursively for transcripts
    total = len(files) + len(failures)  # inputs: the files, and the folders that held none
    units = []
    for name in files:
        try:
            units.extend(units_of(load(name), document=name))  # the document column as analyze's: the path
        except DiscourseError as e:
            failures.append((name, str(e)))
    lines = concordance.kwic(units, args.term, width=args.width)
    searched = total - len(failures)
    if args.out is not None:
        write(lines, args.out)
    elif not lines.empty:
        print(_kwic_text(lines, args.width, documents=files if len(set(files)) > 1 else None))
    elif searched:
        print(f"no match for {args.term!r} in {searched} file(s)", file=sys.stderr)
    if len(failures) == total == 1:
        raise DiscourseError(failures[0][1])  # the one input given: its own message
    if failures:
        raise DiscourseError(
            f"{len(failures)} of {total} inputs could not be searched ({searched} searched):\n  "
            + "\n  ".join(failure_lines(failures))
        )


def _kwic_text(lines, width: int, *, documents: Sequence[str] | None = None) -> str:
    """Concordance lines: pair and speaker, right-aligned left context, the hit, the right context.

    With ``documents`` (the files searched), each line starts with the document it is from: its path
    from the folder all the searched files share (the same name whichever files matched)."""
    tags = [f"[{r.pair}{'Q' if r.role == 'question' else ''}] {r.speaker}" for r in lines.itertuples()]
    tag_width = min(max(map(len, tags)), 30)
    if documents:
        short = dict(zip(documents, _short_names(documents)))
        names = [short[d] for d in lines["document"]]
        doc_width = max(map(len, names))
        tags = [f"{n:<{doc_width}}  {t[:tag_width]}" for n, t in zip(names, tags)]
        tag_width += doc_width + 2
    hit_width = max(map(len, lines["hit"]))
    return "\n".join(
        f"{tag[:tag_width]:<{tag_width}}  {r.left:>{width}}  {r.hit:^{hit_width}}  {r.right}"
        for tag, r in zip(tags, lines.itertuples())
    )


def _short_names(paths) -> list[str]:
    """Each path relative to the folder all of them are in (``corpus/a/x.md``, ``corpus/b/y.md``: ``a/x.md``,
    ``b/y.md``): still one name per file, without the prefix every line would repeat."""
    import os

    paths = list(paths)
    try:
        common = os.path.commonpath([os.path.dirname(os.path.abspath(p)) for p in paths])
    except ValueError:  # paths on different drives
        return paths
    return [os.path.relpath(os.path.abspath(p), common) for p in paths]

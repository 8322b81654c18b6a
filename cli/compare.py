"""``compare A B``: the distinctive terms of one side against another."""

from __future__ import annotations

import argparse

from analysis.errors import DiscourseError

from .common import WITH_CORRECTIONS, add_column_options, check_out, column_options, stored_corrections, write


def register(commands: argparse._SubParsersAction) -> None:
    c = commands.add_parser(
        "compare", help="distinctive terms of side A against side B (weighted log-odds, Monroe et al. 2008)",
        description="A side is FILE (all answers), FILE:pairs=1-3,5, FILE:speaker=NAME, FILE:role=question, "
        "FILE:topic=SLUG>NUMBER or FILE:topic=SLUG<NUMBER; or the answers of library documents (--library, else the "
        "default library): library:tag=2021, library:speaker=NAME (that speaker's answers), "
        "library:from=2023-01-01,to=2023-12-31, also q=TEXT and format=F, the keys combined with commas "
        "(library:tag=2021,speaker=MS. PSAKI). Documents not analysed yet are analysed and kept in the library. "
        "Positive z: more typical of A.",
    )
    c.add_argument("side_a", metavar="A", help="side A, e.g. interview.txt:pairs=1-3")
    c.add_argument("side_b", metavar="B", help="side B, e.g. interview.txt:pairs=5-6")
    c.add_argument("--out", default=None, help="output file: .csv, .jsonl or .parquet (CSV on stdout without it)")
    c.add_argument("--ngrams", choices=["words", "bigrams", "both"], default="words", help="terms to count")
    c.add_argument(
        "--min-count", type=int, default=3, metavar="N",
        help="leave out terms used fewer than N times in A and B together",
    )
    c.add_argument("--keep-stopwords", action="store_true", help="count function words too (left out by default)")
    add_column_options(c)
    c.add_argument(
        "--library", default=None, metavar="PATH",
        help=WITH_CORRECTIONS + "; the library of library: sides (default: $DISCOURSE_LIBRARY or ~/.local/share/...)",
    )
    c.set_defaults(run=run)


def run(args: argparse.Namespace) -> None:
    from analysis.comparison import keyness

    check_out(args.out)
    if args.min_count < 1:
        raise DiscourseError(f"--min-count {args.min_count}: give a whole number of 1 or more.")
    side_a, side_b = (_side(spec, getattr(args, "library", None), **column_options(args)) for spec in (args.side_a, args.side_b))
    stopwords = "keep" if args.keep_stopwords else "drop"
    terms = keyness.compare(side_a, side_b, ngrams=args.ngrams, stopwords=stopwords, min_count=args.min_count)
    write(terms, args.out)


def _side(spec: str, library_path: str | None, *, speaker_column: str | None = None, text_column: str | None = None):
    """A Compare side (:func:`analysis.pipeline.side_spec.side_from_spec`) with its document's stored corrections."""
    from analysis.comparison.sides import parse_spec
    from analysis.corpus.compare import LIBRARY_PREFIX, library_side
    from analysis.pipeline.side_spec import side_from_spec

    if spec.startswith(LIBRARY_PREFIX):
        from .common import open_library

        with open_library(library_path) as lib:
            return library_side(lib, spec)
    path, _ = parse_spec(spec)
    return side_from_spec(
        spec, speaker_column=speaker_column, text_column=text_column, corrections=stored_corrections(path, library_path),
    )

"""``corpus``: library documents measured per document, per period or per speaker."""

from __future__ import annotations

import argparse
import sys
from typing import Self

from analysis.errors import DiscourseError

from .common import check_out, open_library, write

BY_CHOICES = ("document", "week", "month", "quarter", "speaker")
MEASURE_KINDS = ("tone", "topic", "marker", "actor", "actor_tone")

DESCRIPTION = """\
Without --by: one row per document (id, name, title, date, format, tags, pairs, words, answers,
answer_words, tone, share_negative, every topic_<slug> and marker_<slug> rate per 1,000 answer words).
--by document|week|month|quarter: one row per document or calendar period for --measure (period,
doc_ids, n_documents, n, n_answers, value, low, high, spread; 95% t-interval over answers); documents
without a date are left out and counted on stderr. --by speaker: one row per answering speaker (documents,
answers, words, tone with its interval, every rate).

Measures: tone (mean sentence compound), topic:SLUG, marker:SLUG (per 1,000 answer words), actor:SLUG
(mentions per 1,000 answer words), actor_tone:SLUG (tone of the answer sentences naming it); e.g.
topic:economy, marker:who_benefits, actor:russia.

Documents not analysed yet are analysed (--jobs N processes) and kept in the library; a progress bar
goes to stderr on a terminal. A bad date, an unknown measure or an empty selection exits with status 2.

  python -m analysis corpus --library lib.sqlite3 --tag 2021 --by month --measure topic:economy
  python -m analysis corpus --from 2023-01-01 --to 2023-12-31 --by speaker --out speakers.csv
"""


def register(commands: argparse._SubParsersAction) -> None:
    c = commands.add_parser(
        "corpus",
        help="library documents measured per document, period or speaker (CSV on stdout without --out)",
        description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    c.add_argument(
        "--library",
        default=None,
        metavar="PATH",
        help="library file (default: $DISCOURSE_LIBRARY or ~/.local/share/...)",
    )
    c.add_argument("--tag", default=None, metavar="TAG", help="only the documents with this tag")
    c.add_argument(
        "--from", dest="date_from", default=None, metavar="DATE", help="dated from DATE (YYYY-MM-DD, included)"
    )
    c.add_argument("--to", dest="date_to", default=None, metavar="DATE", help="dated up to DATE (YYYY-MM-DD, included)")
    c.add_argument(
        "--speaker", default=None, metavar="NAME", help="only the documents where NAME speaks (whole name, any case)"
    )
    c.add_argument(
        "--query", default="", metavar="Q", help="only the documents with Q in their id, name, title or a tag"
    )
    c.add_argument(
        "--format", default=None, metavar="F", help="only the documents of this format or extension (labelled, md...)"
    )
    c.add_argument(
        "--by",
        choices=BY_CHOICES,
        default=None,
        help="one row per document (default: the documents table), period or speaker",
    )
    c.add_argument(
        "--measure", default="tone", metavar="KEY", help="with --by a period or document: the measure (default tone)"
    )
    c.add_argument("--out", default=None, help="output file: .csv, .jsonl or .parquet (CSV on stdout without it)")
    c.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes for documents not analysed yet")
    c.set_defaults(run=run)


def check_measure(key: str) -> None:
    """The shape of a measure key, checked before anything is analysed (its slug is checked after)."""
    kind, colon, slug = key.partition(":")
    if kind not in MEASURE_KINDS or (kind == "tone") == bool(colon) or (colon and not slug):
        raise DiscourseError(
            f"--measure {key!r}: give tone, topic:SLUG, marker:SLUG, actor:SLUG or actor_tone:SLUG "
            "(e.g. topic:economy, marker:who_benefits, actor:russia)."
        )


def run(args: argparse.Namespace) -> None:
    from analysis.corpus import Selection, aggregate
    from analysis.store.metadata import date_range

    check_out(args.out)
    check_measure(args.measure)
    if args.jobs < 1:
        raise DiscourseError(f"--jobs {args.jobs}: give 1 or more worker processes.")
    start, end = date_range(args.date_from, args.date_to, names=("--from", "--to"))
    selection = Selection(
        tag=args.tag,
        query=args.query,
        date_from=_day(start),
        date_to=_day(end),
        speaker=args.speaker,
        format=args.format,
    )
    corpus = _from_library(args.library, selection, args.jobs)
    if corpus.failures:
        print(f"{len(corpus.failures):,} documents could not be analysed and are left out:", file=sys.stderr)
        for doc_id, reason in corpus.failures:
            print(f"  {doc_id}: {reason}", file=sys.stderr)
    if not len(corpus):
        raise DiscourseError("no document of the selection could be analysed.")
    if args.by is None:
        frame = aggregate.documents_table(corpus)
    elif args.by == "speaker":
        frame = aggregate.speakers(corpus)
    else:
        frame = aggregate.over_time(corpus, args.measure, args.by)
        if frame.attrs.get("undated"):
            print(f"{frame.attrs['undated']:,} documents without a date are left out.", file=sys.stderr)
        if args.out is None or not args.out.lower().endswith(".parquet"):
            frame = frame.assign(doc_ids=frame["doc_ids"].str.join(" "))
    write(frame, args.out)


def _day(value: str | None):
    from datetime import date

    return date.fromisoformat(value) if value else None


def _from_library(path: str | None, selection, jobs: int):
    from analysis.corpus import analyse, select

    with open_library(path) as lib:
        records = select(lib, selection)
        if not records:
            what = selection.to_spec() or "every document"
            raise DiscourseError(f"no document of library {lib.path} matches the selection ({what}).")
        with Bar(len(records)) as bar:
            return analyse(lib, records, jobs=jobs, progress=bar)


class Bar:
    """``progress(done, total)`` as a tqdm bar on stderr when it is a terminal; nothing otherwise."""

    def __init__(self, total: int) -> None:
        self.bar = None
        if sys.stderr.isatty():
            try:
                from tqdm import tqdm
            except ImportError:  # pinned in requirements.txt; without it, no bar
                return
            self.bar = tqdm(total=total, unit="doc", file=sys.stderr, dynamic_ncols=True, leave=False)

    def __call__(self, done: int, total: int) -> None:
        if self.bar is not None:
            self.bar.update(done - self.bar.n)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.close()

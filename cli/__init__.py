"""The command-line shell over the library: each command parses its arguments and calls one function.

    python -m analysis parse FILE [--format json|text] [--input-format FMT] [--interviewer NAME] [--library PATH]
        [--speaker-column NAME] [--text-column NAME]   (also for analyze, compare and report)
    python -m analysis analyze FILE_OR_DIR... [--out PATH] [--level answer|sentence] [--topics FILE]
        [--jobs N] [--engine process|dask] [--scheduler ADDRESS] [--library PATH | --cache]
    python -m analysis library [--library PATH] add|list|rename|tag|untag|delete|correct ...
    python -m analysis compare A B [--out PATH] [--ngrams words|bigrams|both] [--min-count N] [--keep-stopwords] [--library PATH]
    python -m analysis kwic FILE_OR_DIR... --term WORD [--width N] [--out PATH]
    python -m analysis report FILE --out REPORT.html [--topics FILE] [--interviewer NAME] [--input-format FMT] [--library PATH]

User errors (bad file, unknown format) print one line to stderr and exit with status 2; control
characters in them (a file name's ANSI escape sequences) are shown escaped (``\x1b``), never sent to the
terminal. A file whose name starts with ``-`` is given as ``./-x.txt`` or after ``--``
(``python -m analysis parse -- -x.txt``).
Heavy modules are imported inside the commands so that ``parse`` starts fast.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence

from .errors import DiscourseError

EXIT_USER_ERROR = 2
# Characters never written raw to the terminal in a message: C0 and C1 controls (ANSI escape sequences
# start with ESC, U+001B, or CSI, U+009B) but newline and tab, and the bidirectional overrides that
# reorder what a terminal shows.
UNPRINTABLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(message: str) -> str:
    """``message`` with every control character written as an escape (``\x1b``, ``\u202e``)."""
    return UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), message)


class _Parser(argparse.ArgumentParser):
    """argparse's parser, whose usage errors escape control characters and say how to name a file
    that starts with ``-``."""

    argv: list[str] = []  # the arguments being parsed (set by main)

    def error(self, message: str):  # type: ignore[override]
        import os

        dashed = next((a for a in _Parser.argv if a.startswith("-") and a != "-" and os.path.isfile(a)), None)
        if dashed:
            message += f" (to read the file {dashed}, write ./{dashed} or put -- before it)"
        super().error(printable(message))


def _parse_command(args: argparse.Namespace) -> None:
    from .transcripts import load

    doc = load(args.file, format=args.input_format, interviewer=args.interviewer, **_columns(args),
               corrections=_stored_corrections(args.file, getattr(args, "library", None)))
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
    from contextlib import nullcontext

    from . import batch, topics

    _check_out(args.out)
    dictionary = topics.load_dictionary(args.topics) if args.topics else topics.load_dictionary()
    library = _open_library(args.library) if args.library is not None or args.cache else nullcontext()
    with library as lib:
        result = batch.run(
            args.files, jobs=args.jobs, engine=args.engine, scheduler=args.scheduler, library=lib,
            level=args.level, dictionary=dictionary, interviewer=args.interviewer,
            columns=(args.speaker_column, args.text_column),
        )
    frame = result.answers if args.level == "answer" else result.sentences
    done = result.n_cached + result.n_analysed
    if done:
        _write(frame, args.out)
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
            + "\n  ".join(_failure_lines(result.failures))
        )


def _failure_lines(failures: list[tuple[str, str]]) -> list[str]:
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


def _open_library(path: str | None):
    from .library import Library

    return Library(path)


def _library_command(args: argparse.Namespace) -> None:
    with _open_library(getattr(args, "library", None)) as lib:
        args.action(lib, args)


def _library_add(lib, args: argparse.Namespace) -> None:
    from pathlib import Path

    from .batch import collect
    from .transcripts import read_file

    from .transcripts import corrections as fixes

    files, failures = collect(args.files)
    # Columns named on the command line are kept with each table as a correction (every use reads them).
    columns = fixes.with_columns((), args.speaker_column, args.text_column)
    if (args.speaker_column is None) != (args.text_column is None):
        raise DiscourseError("library add: give both --speaker-column and --text-column, or neither.")
    added = 0
    for f in files:
        try:
            data = read_file(f)
            # new: this run stored it
            rec, new = lib.add_new(Path(f).name, data, tags=args.tag or (), corrections=columns)
        except DiscourseError as e:
            failures.append((f, str(e)))
            continue
        added += new
        print(f"{'added' if new else 'present'}\t{rec.id}\t{rec.name}")
    if failures:
        raise DiscourseError(
            f"{len(failures)} of {len(files)} files could not be added ({added} added):\n  "
            + "\n  ".join(_failure_lines(failures))
        )


def _library_list(lib, args: argparse.Namespace) -> None:
    rows, total = lib.search(args.query, tag=args.tag, offset=args.offset, limit=args.limit)
    if args.format == "json":
        page = {"total": total, "offset": args.offset, "documents": [r.to_dict() for r in rows]}
        json.dump(page, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    table = [["id", "name", "format", "size", "added", "tags"]] + [
        [r.id, r.name, r.format, f"{r.size:,}", r.added_at[:10], ", ".join(r.tags)] for r in rows
    ]
    widths = [min(max(len(row[i]) for row in table), 48) for i in range(len(table[0]))]
    for row in table:
        print("  ".join(cell[:w].ljust(w) for cell, w in zip(row, widths)).rstrip())
    shown = f"{args.offset + 1}-{args.offset + len(rows)}" if rows else "none"
    print(f"{shown} of {total:,} in {lib.path}", file=sys.stderr)


def _library_rename(lib, args: argparse.Namespace) -> None:
    rec = lib.rename(args.id, args.name)
    print(f"{rec.id}\t{rec.name}")


def _library_tag(lib, args: argparse.Namespace) -> None:
    rec = lib.tag(args.id, *args.tags) if args.command_name == "tag" else lib.untag(args.id, *args.tags)
    print(f"{rec.id}\t{', '.join(rec.tags)}")


def _library_delete(lib, args: argparse.Namespace) -> None:
    for doc_id in args.ids:
        lib.delete(doc_id)
        print(f"deleted\t{doc_id}")


# -- corrections (library correct; --library on parse, compare and report) ---------------------------


def _stored_corrections(path: str, library_path: str | None) -> tuple:
    """The corrections the library keeps for the document with this file's bytes (none without
    ``--library``, or when the library does not have those bytes)."""
    if library_path is None:
        return ()
    from .library import Library, sha256_of
    from .transcripts import read_file

    sha = sha256_of(read_file(path))
    with Library(library_path, readonly=True) as lib:
        return lib.corrections_by_sha([sha]).get(sha, ())


def _side(spec: str, library_path: str | None, *, speaker_column: str | None = None, text_column: str | None = None):
    """A Compare side (:func:`analysis.sides.side_from_spec`) with its document's stored corrections."""
    from pathlib import Path

    from .sides import parse_spec, select
    from .transcripts import load

    path, options = parse_spec(spec)
    doc = load(
        path, speaker_column=speaker_column, text_column=text_column,
        corrections=_stored_corrections(path, library_path),
    )
    return select(doc, document=Path(path).name, **options)


def _library_correct(lib, args: argparse.Namespace) -> None:
    """Change (or list) a document's corrections. Order: --clear, --undo, then the new ones: renames,
    merges, who asks, turn marks (each applies to the document as the earlier ones left it)."""
    from .transcripts import parse_bytes
    from .transcripts import corrections as fixes

    rec = lib.get(args.id)
    data = lib.bytes_of(args.id)
    old = lib.corrections(args.id)
    items = [] if args.clear else list(old)
    if args.undo is not None:
        n = len(items) if args.undo == 0 else args.undo
        if not items or not 1 <= n <= len(items):
            raise DiscourseError(
                f"--undo {args.undo if args.undo else ''}".rstrip() + f": {rec.id} has {len(items)} correction(s); "
                "`library correct ID --list` numbers them."
            )
        del items[n - 1]
    items += [fixes.parse_rename(r) for r in args.rename or ()]
    items += [fixes.parse_rename(m, kind="merge") for m in args.merge or ()]
    if args.asks:
        items.append(fixes.Correction.asks(*args.asks))
    if (args.speaker_column is None) != (args.text_column is None):
        raise DiscourseError("library correct: give both --speaker-column and --text-column, or neither.")
    if args.speaker_column is not None:  # a table's columns: read before anything else, so first in the list
        items = list(fixes.with_columns(items, args.speaker_column, args.text_column))
    for spec in args.turn or ():
        index, role = fixes.parse_mark(spec)
        turns = parse_bytes(data, name=rec.name, corrections=items).turns
        if not 1 <= index <= len(turns):
            raise DiscourseError(f"--turn {spec}: {rec.id} has {len(turns)} turns (`parse` numbers them from 1).")
        items.append(fixes.Correction.mark(index, role, words=fixes.first_words(turns[index - 1].text)))
    items = list(fixes.validate(items))
    doc = parse_bytes(data, name=rec.name, corrections=items)
    if items != list(old):
        before = set(parse_bytes(data, name=rec.name, corrections=old).warnings) if old else set()
        stale = [w for w in doc.warnings if w.startswith("Correction skipped") and w not in before]
        if stale:  # a new correction that does not apply is refused, not stored
            raise DiscourseError(
                "nothing was changed: " + " ".join(stale)
                + f" Speakers: {', '.join(s.name for s in doc.speakers)}."
            )
        lib.set_corrections(args.id, items)
    if args.format == "json":
        out = {"id": rec.id, "corrections": [c.to_dict() for c in items],
               "speakers": [{"name": s.name, "role": s.role} for s in doc.speakers], "pairs": len(doc.qa_pairs)}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for i, c in enumerate(items, 1):
            print(f"{i}\t{c.describe()}")
    for w in doc.warnings:
        if w.startswith("Correction"):
            print(f"warning: {w}", file=sys.stderr)
    print(
        f"{rec.id}: {len(items)} correction(s); {len(doc.qa_pairs)} question-answer pairs; speakers: "
        + ", ".join(f"{s.name} ({s.role})" for s in doc.speakers),
        file=sys.stderr,
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


def _check_out(out: str | None) -> None:
    from pathlib import Path

    if out is not None and Path(out).suffix.lower() not in OUTPUT_FORMATS:
        raise DiscourseError(f"--out {out}: use a .csv, .jsonl or .parquet file name.")


def _compare_command(args: argparse.Namespace) -> None:
    from . import keyness

    _check_out(args.out)
    if args.min_count < 1:
        raise DiscourseError(f"--min-count {args.min_count}: give a whole number of 1 or more.")
    side_a, side_b = (_side(spec, getattr(args, "library", None), **_columns(args)) for spec in (args.side_a, args.side_b))
    stopwords = "keep" if args.keep_stopwords else "drop"
    terms = keyness.compare(side_a, side_b, ngrams=args.ngrams, stopwords=stopwords, min_count=args.min_count)
    _write(terms, args.out)


def _kwic_command(args: argparse.Namespace) -> None:
    from . import concordance
    from .batch import collect
    from .sides import units_of
    from .transcripts import load

    _check_out(args.out)
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
        _write(lines, args.out)
    elif not lines.empty:
        print(_kwic_text(lines, args.width, documents=files if len(set(files)) > 1 else None))
    elif searched:
        print(f"no match for {args.term!r} in {searched} file(s)", file=sys.stderr)
    if len(failures) == total == 1:
        raise DiscourseError(failures[0][1])  # the one input given: its own message
    if failures:
        raise DiscourseError(
            f"{len(failures)} of {total} inputs could not be searched ({searched} searched):\n  "
            + "\n  ".join(_failure_lines(failures))
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


REPORT_SUFFIXES = (".html", ".htm")


def _report_command(args: argparse.Namespace) -> None:
    import hashlib
    from pathlib import Path

    from . import frames, topics
    from .transcripts import load

    out = Path(args.out)
    if out.suffix.lower() not in REPORT_SUFFIXES:
        raise DiscourseError(f"--out {args.out}: use an .html file name.")
    dictionary = topics.load_dictionary(args.topics) if args.topics else topics.load_dictionary()
    doc = load(args.file, format=args.input_format, interviewer=args.interviewer, **_columns(args),
               corrections=_stored_corrections(args.file, getattr(args, "library", None)))
    name = Path(args.file).name
    result = frames.analyze(doc, document=name, dictionary=dictionary)
    # The report is a presentation-layer export (Plotly figures, highlighted HTML), so this is the only
    # command that reaches into dashboard/; imported here so that analysis/ never loads plotly otherwise.
    from dashboard import report, report_sections

    page = report.build(
        doc, result, source_name=name, document_sha256=hashlib.sha256(Path(args.file).read_bytes()).hexdigest(),
        dictionary=dictionary, extras=report_sections.standard(result),
    )
    try:
        size = report.write(out, page)
    except OSError as e:
        raise DiscourseError(f"--out {args.out}: cannot write there ({e.strerror or e}).") from e
    print(f"wrote {out} ({size:,} bytes, {size / 1e6:.1f} MB)")


def _columns(args: argparse.Namespace) -> dict:
    """The ``speaker_column`` / ``text_column`` options of a command (for JSON, JSONL and CSV files)."""
    return {"speaker_column": args.speaker_column, "text_column": args.text_column}


def _add_column_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--speaker-column", default=None, metavar="NAME",
        help="JSON/JSONL/CSV: the column to read speakers from (default: found by name, then by content)",
    )
    p.add_argument(
        "--text-column", default=None, metavar="NAME",
        help="JSON/JSONL/CSV: the column to read the text from (default: found by name, then by content)",
    )


_WITH_CORRECTIONS = "apply the corrections this library keeps for the file's document (library correct)"


def build_parser() -> argparse.ArgumentParser:
    from .transcripts import FORMATS

    ap = _Parser(prog="python -m analysis", description="Discourse dashboard: command-line tools.")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("parse", help="parse a transcript into question-answer pairs")
    p.add_argument("file", help="transcript: txt, md, html, docx, pdf, srt, vtt, json, jsonl or csv")
    p.add_argument("--format", choices=["json", "text"], default="json", help="output format (default: json)")
    p.add_argument("--input-format", choices=FORMATS, default=None, help="override the recognised input format")
    p.add_argument(
        "--interviewer", action="append", default=None, metavar="NAME",
        help="speaker label whose turns are questions (repeatable); overrides the inferred interviewer",
    )
    _add_column_options(p)
    p.add_argument("--library", default=None, metavar="PATH", help=_WITH_CORRECTIONS)
    p.set_defaults(run=_parse_command)

    a = sub.add_parser(
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
    _add_column_options(a)
    a.set_defaults(run=_analyze_command)

    lib = sub.add_parser(
        "library", help="the corpus library: add, list, rename, tag, untag, delete and correct documents",
        description="The library file: --library PATH, else $DISCOURSE_LIBRARY, else "
        "~/.local/share/discourse-dashboard/library.sqlite3. The default interview is always in it.",
    )
    lib.add_argument("--library", default=None, metavar="PATH", help="library file (see above)")
    lib.set_defaults(run=_library_command)
    where = argparse.ArgumentParser(add_help=False)  # --library after the action too
    where.add_argument("--library", default=argparse.SUPPRESS, metavar="PATH", help="library file")
    actions = lib.add_subparsers(dest="command_name", required=True)
    la = actions.add_parser(
        "add", parents=[where], help="add transcripts (files or folders); the same bytes are kept once"
    )
    la.add_argument("files", nargs="+", metavar="FILE_OR_DIR")
    la.add_argument("--tag", action="append", default=None, metavar="TAG", help="tag every added document (repeatable)")
    la.add_argument("--speaker-column", default=None, metavar="NAME",
                    help="a table's speaker column, kept with the document (with --text-column)")
    la.add_argument("--text-column", default=None, metavar="NAME",
                    help="a table's text column, kept with the document (with --speaker-column)")
    la.set_defaults(action=_library_add)
    ll = actions.add_parser("list", parents=[where], help="list documents: search id, name, title and tags")
    ll.add_argument("query", nargs="?", default="", help="text to find (case-insensitive)")
    ll.add_argument("--tag", default=None, help="only documents with this tag")
    ll.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N matches")
    ll.add_argument("--limit", type=int, default=20, metavar="N", help="show at most N (default 20)")
    ll.add_argument("--format", choices=["text", "json"], default="text", help="output format (default: text)")
    ll.set_defaults(action=_library_list)
    lr = actions.add_parser("rename", parents=[where], help="give a document a new name (its id stays)")
    lr.add_argument("id")
    lr.add_argument("name")
    lr.set_defaults(action=_library_rename)
    for verb, what in (("tag", "add tags to"), ("untag", "remove tags from")):
        lt = actions.add_parser(verb, parents=[where], help=f"{what} a document")
        lt.add_argument("id")
        lt.add_argument("tags", nargs="+", metavar="TAG")
        lt.set_defaults(action=_library_tag)
    ld = actions.add_parser("delete", parents=[where], help="delete documents (not the default interview)")
    ld.add_argument("ids", nargs="+", metavar="ID")
    ld.set_defaults(action=_library_delete)
    lc = actions.add_parser(
        "correct", parents=[where], help="correct a document: who asks, speaker names, turn roles (--list, --undo)",
        description="The corrections are kept with the document and applied wherever it is used (the dashboard, "
        "analyze --library, compare/report/parse --library). Order of one call: --clear, --undo, then --rename, "
        "--merge, --asks, --speaker-column/--text-column, --turn. A new correction that does not apply (no such speaker or turn) is refused. "
        "The list is printed after every call.",
        epilog='example: library correct ID --rename "SPKR 1=Jane Doe" --merge "Fydor Lukyanov=Fyodor Lukyanov" '
        '--asks "Fyodor Lukyanov" --turn 12=question',
    )
    lc.add_argument("id", metavar="ID")
    lc.add_argument("--asks", action="append", default=None, metavar="NAME",
                    help="a speaker who asks the questions (repeat for several; replaces the earlier choice)")
    lc.add_argument("--rename", action="append", default=None, metavar="OLD=NEW", help="give a speaker another name")
    lc.add_argument("--merge", action="append", default=None, metavar="OLD=INTO",
                    help="make two labels one speaker (the parser's 'look alike' warnings name them)")
    lc.add_argument("--turn", action="append", default=None, metavar="N=ROLE",
                    help="mark turn N (from 1, as `parse` numbers them) as question, answer or other")
    lc.add_argument("--speaker-column", default=None, metavar="NAME",
                    help="a table's speaker column (with --text-column; replaces the earlier choice)")
    lc.add_argument("--text-column", default=None, metavar="NAME", help="a table's text column (with --speaker-column)")
    lc.add_argument("--undo", nargs="?", type=int, const=0, default=None, metavar="N",
                    help="remove correction N of the list (default: the last)")
    lc.add_argument("--clear", action="store_true", help="remove every correction")
    lc.add_argument("--list", action="store_true", help="list the corrections (also printed after a change)")
    lc.add_argument("--format", choices=["text", "json"], default="text", help="output format (default: text)")
    lc.set_defaults(action=_library_correct)

    c = sub.add_parser(
        "compare", help="distinctive terms of side A against side B (weighted log-odds, Monroe et al. 2008)",
        description="A side is FILE (all answers), FILE:pairs=1-3,5, FILE:speaker=NAME, FILE:role=question, "
        "FILE:topic=SLUG>NUMBER or FILE:topic=SLUG<NUMBER. Positive z: more typical of A.",
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
    _add_column_options(c)
    c.add_argument("--library", default=None, metavar="PATH", help=_WITH_CORRECTIONS)
    c.set_defaults(run=_compare_command)

    k = sub.add_parser(
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
    k.set_defaults(run=_kwic_command)

    r = sub.add_parser("report", help="one self-contained HTML report of a transcript (charts, highlighted text, methods)")
    r.add_argument("file", metavar="FILE", help="transcript: txt, md, html, docx, pdf, srt, vtt, json, jsonl or csv")
    r.add_argument("--out", required=True, help="the HTML file to write")
    r.add_argument("--topics", default=None, metavar="FILE", help="topic dictionary (.yaml or LIWC-style .dic)")
    r.add_argument("--interviewer", action="append", default=None, metavar="NAME", help="as for parse")
    r.add_argument("--input-format", choices=FORMATS, default=None, help="override the recognised input format")
    _add_column_options(r)
    r.add_argument("--library", default=None, metavar="PATH", help=_WITH_CORRECTIONS)
    r.set_defaults(run=_report_command)
    return ap


def main(argv: Sequence[str] | None = None) -> int:
    _Parser.argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser().parse_args(argv)
    try:
        args.run(args)
    except DiscourseError as e:
        print(f"error: {printable(str(e))}", file=sys.stderr)
        return EXIT_USER_ERROR
    except BrokenPipeError:
        return 0
    return 0

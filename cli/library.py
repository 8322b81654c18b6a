"""``library add|list|rename|tag|untag|delete|correct``: the corpus library, each action's options beside it."""

from __future__ import annotations

import argparse
import json
import sys

from analysis.errors import DiscourseError

from .common import failure_lines, open_library


def _columns(args: argparse.Namespace, items, command: str) -> tuple:
    """``items`` with the table columns of --speaker-column/--text-column as their first correction (in
    place of an earlier choice); both or neither must be given."""
    from analysis.transcripts import corrections as fixes

    if (args.speaker_column is None) != (args.text_column is None):
        raise DiscourseError(f"{command}: give both --speaker-column and --text-column, or neither.")
    return fixes.with_columns(items, args.speaker_column, args.text_column)

def register(commands: argparse._SubParsersAction) -> None:
    lib = commands.add_parser(
        "library", help="the corpus library: add, list, rename, tag, untag, delete and correct documents",
        description="The library file: --library PATH, else $DISCOURSE_LIBRARY, else "
        "~/.local/share/discourse-dashboard/library.sqlite3. The default interview is always in it.",
    )
    lib.add_argument("--library", default=None, metavar="PATH", help="library file (see above)")
    lib.set_defaults(run=run)
    where = argparse.ArgumentParser(add_help=False)  # --library after the action too
    where.add_argument("--library", default=argparse.SUPPRESS, metavar="PATH", help="library file")
    actions = lib.add_subparsers(dest="command_name", required=True)
    for options in (_add_options, _list_options, _rename_options, _tag_options, _delete_options, _correct_options):
        options(actions, where)


def run(args: argparse.Namespace) -> None:
    with open_library(getattr(args, "library", None)) as lib:
        args.action(lib, args)


def _add_options(actions: argparse._SubParsersAction, where: argparse.ArgumentParser) -> None:
    la = actions.add_parser(
        "add", parents=[where], help="add transcripts (files or folders); the same bytes are kept once"
    )
    la.add_argument("files", nargs="+", metavar="FILE_OR_DIR")
    la.add_argument("--tag", action="append", default=None, metavar="TAG", help="tag every added document (repeatable)")
    la.add_argument("--speaker-column", default=None, metavar="NAME",
                    help="a table's speaker column, kept with the document (with --text-column)")
    la.add_argument("--text-column", default=None, metavar="NAME",
                    help="a table's text column, kept with the document (with --speaker-column)")
    la.set_defaults(action=add)


def add(lib, args: argparse.Namespace) -> None:
    from pathlib import Path

    from analysis.pipeline.batch import collect
    from analysis.transcripts import read_file

    # Columns named on the command line are kept with each table as a correction (every use reads them).
    columns = _columns(args, (), "library add")
    files, failures = collect(args.files)
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
            + "\n  ".join(failure_lines(failures))
        )


def _list_options(actions: argparse._SubParsersAction, where: argparse.ArgumentParser) -> None:
    ll = actions.add_parser(
        "list", parents=[where], help="list documents: search id, name, title and tags; filter by date and speaker",
        epilog='example: library list --from 2021-03-01 --to 2021-03-31 --speaker "ms. psaki" --tag press',
    )
    ll.add_argument("query", nargs="?", default="", help="text to find (case-insensitive)")
    ll.add_argument("--tag", default=None, help="only documents with this tag")
    ll.add_argument("--from", dest="date_from", default=None, metavar="DATE",
                    help="only documents dated on or after DATE (YYYY-MM-DD)")
    ll.add_argument("--to", dest="date_to", default=None, metavar="DATE",
                    help="only documents dated on or before DATE (YYYY-MM-DD)")
    ll.add_argument("--speaker", default=None, metavar="NAME",
                    help="only documents where NAME speaks (the whole name, case-insensitive)")
    ll.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N matches")
    ll.add_argument("--limit", type=int, default=20, metavar="N", help="show at most N (default 20)")
    ll.add_argument("--format", choices=["text", "json"], default="text", help="output format (default: text)")
    ll.set_defaults(action=list_documents)


def list_documents(lib, args: argparse.Namespace) -> None:
    from analysis.store.metadata import date_range

    date_from, date_to = date_range(args.date_from, args.date_to, names=("--from", "--to"))
    rows, total = lib.search(
        args.query, tag=args.tag, date_from=date_from, date_to=date_to, speaker=args.speaker,
        offset=args.offset, limit=args.limit,
    )
    if args.format == "json":
        page = {"total": total, "offset": args.offset, "documents": [r.to_dict() for r in rows]}
        json.dump(page, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        table = [["id", "date", "name", "pairs", "words", "format", "size", "added", "tags"]] + [
            [r.id, r.date or "-", r.name, _count(r.pairs), _count(r.words), r.format, f"{r.size:,}", r.added_at[:10],
             ", ".join(r.tags)] for r in rows
        ]
        widths = [min(max(len(row[i]) for row in table), 48) for i in range(len(table[0]))]
        for row in table:
            print("  ".join(cell[:w].ljust(w) for cell, w in zip(row, widths)).rstrip())
        shown = f"{args.offset + 1}-{args.offset + len(rows)}" if rows else "none"
        print(f"{shown} of {total:,} in {lib.path}", file=sys.stderr)
    if args.speaker and not total:
        _no_such_speaker(lib, args.speaker)


def _count(n: int | None) -> str:
    return "-" if n is None else f"{n:,}"


def _no_such_speaker(lib, name: str) -> None:
    """A hint on stderr when no document has a speaker of that name: the names that contain it."""
    from analysis.store.metadata import speaker_key

    wanted = speaker_key(name)
    like = [(n, k) for n, k in lib.speakers() if wanted in speaker_key(n)]
    if not any(speaker_key(n) == wanted for n, _ in like):
        found = "; ".join(f"{n} ({k:,} document{'s' if k != 1 else ''})" for n, k in like[:10]) or "none"
        print(f"No speaker is named {name!r} (the whole name is matched); names with it in them: {found}.",
              file=sys.stderr)


def _rename_options(actions: argparse._SubParsersAction, where: argparse.ArgumentParser) -> None:
    lr = actions.add_parser("rename", parents=[where], help="give a document a new name (its id stays)")
    lr.add_argument("id")
    lr.add_argument("name")
    lr.set_defaults(action=rename)


def rename(lib, args: argparse.Namespace) -> None:
    rec = lib.rename(args.id, args.name)
    print(f"{rec.id}\t{rec.name}")


def _tag_options(actions: argparse._SubParsersAction, where: argparse.ArgumentParser) -> None:
    for verb, what in (("tag", "add tags to"), ("untag", "remove tags from")):
        lt = actions.add_parser(verb, parents=[where], help=f"{what} a document")
        lt.add_argument("id")
        lt.add_argument("tags", nargs="+", metavar="TAG")
        lt.set_defaults(action=tag)


def tag(lib, args: argparse.Namespace) -> None:
    rec = lib.tag(args.id, *args.tags) if args.command_name == "tag" else lib.untag(args.id, *args.tags)
    print(f"{rec.id}\t{', '.join(rec.tags)}")


def _delete_options(actions: argparse._SubParsersAction, where: argparse.ArgumentParser) -> None:
    ld = actions.add_parser("delete", parents=[where], help="delete documents (not the default interview)")
    ld.add_argument("ids", nargs="+", metavar="ID")
    ld.set_defaults(action=delete)


def delete(lib, args: argparse.Namespace) -> None:
    for doc_id in args.ids:
        lib.delete(doc_id)
        print(f"deleted\t{doc_id}")


def _correct_options(actions: argparse._SubParsersAction, where: argparse.ArgumentParser) -> None:
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
    lc.set_defaults(action=correct)


def correct(lib, args: argparse.Namespace) -> None:
    """Change (or list) a document's corrections. Order: --clear, --undo, then the new ones: renames,
    merges, who asks, turn marks (each applies to the document as the earlier ones left it)."""
    from analysis.transcripts import corrections as fixes
    from analysis.transcripts import parse_bytes

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
    if args.speaker_column is not None or args.text_column is not None:
        items = list(_columns(args, items, "library correct"))  # read before anything else: first in the list
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

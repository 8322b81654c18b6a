"""Validate the project's VADER scorer against the human ratings of Hutto & Gilbert (ICWSM 2014).

For every ``*_GroundTruth.txt`` in the data folder (tab-separated: id, mean human rating on -4..+4,
text; UTF-8, CRLF line ends; see SOURCE.md there) each snippet is scored with
``analysis.sentence.sentiment.score_sentences`` **as one unit** (one snippet = one "sentence"), because the paper
scored each snippet whole (its Table 4 compares VADER's compound per snippet with the mean rating);
splitting a snippet into sentences first would measure something else. The script prints Pearson r
between the compound and the mean human rating per dataset beside the paper's figure.

    python benchmarks/vader_validation.py [--data DIR] [--limit N] [--write]

``--write`` also records the figures in ``data/methods/vader_validation.json``, which the Methods page
and the report quote (:mod:`analysis.methods`): the figures a user reads are this script's output.

``--data`` defaults to ``../shared/eval/vader_groundtruth`` relative to the repository root (CI runs
in a clone with ``shared/`` beside it). The reusable part is :func:`validate`, imported by
``tests/benchmarks/test_vader_validation_sample.py``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:  # run as a script: make `analysis` importable
    sys.path.insert(0, str(REPO_ROOT))

from analysis import datafiles  # noqa: E402
from analysis.sentence.sentiment import lexicon, score_sentences  # noqa: E402

DEFAULT_DATA = REPO_ROOT.parent / "shared" / "eval" / "vader_groundtruth"

# Pearson r of VADER's compound against the mean human rating: Hutto & Gilbert (2014), Table 4
# ("VADER" row; also quoted in /work/shared/DESIGN.md). Keyed by the file name's prefix.
PAPER_R = {
    "tweets": 0.881,
    "movieReviewSnippets": 0.451,
    "amazonReviewSnippets": 0.565,
    "nytEditorialSnippets": 0.492,
}
LABELS = {
    "tweets": "tweets",
    "movieReviewSnippets": "movie reviews",
    "amazonReviewSnippets": "Amazon reviews",
    "nytEditorialSnippets": "NYT editorials",
}
# How close to the paper each r should be (the project issue's target).
TOLERANCE = 0.03


@dataclass(frozen=True)
class Result:
    dataset: str
    n: int
    r: float
    paper_r: float

    @property
    def difference(self) -> float:
        return self.r - self.paper_r


def read_ground_truth(path: Path, *, limit: int | None = None) -> tuple[list[float], list[str]]:
    """(mean ratings, texts) of a ``*_GroundTruth.txt`` file, in file order, at most ``limit`` rows."""
    ratings: list[float] = []
    texts: list[str] = []
    # newline="" keeps the CRLF line ends, and only CRLF is split on: str.splitlines() would also
    # split inside a snippet at \x0b, \x1c, \u2028...
    with open(path, encoding="utf-8-sig", newline="") as handle:
        content = handle.read()
    for line in content.split("\r\n"):
        if not line.strip():
            continue
        _id, rating, text = line.split("\t", 2)
        ratings.append(float(rating))
        texts.append(text)
        if limit is not None and len(texts) >= limit:
            break
    return ratings, texts


def validate(data_dir: Path, *, limit: int | None = None, datasets: list[str] | None = None) -> list[Result]:
    """Pearson r of the project's compound vs the mean human rating, per dataset (first ``limit`` rows)."""
    results = []
    for name in datasets or list(PAPER_R):
        path = Path(data_dir) / f"{name}_GroundTruth.txt"
        ratings, texts = read_ground_truth(path, limit=limit)
        compound = score_sentences(texts)["sentiment"].tolist()
        results.append(Result(name, len(texts), statistics.correlation(compound, ratings), PAPER_R[name]))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="folder of *_GroundTruth.txt files")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N snippets of each file")
    parser.add_argument("--write", nargs="?", const=datafiles.VADER_VALIDATION, type=Path, default=None, metavar="FILE",
                        help="record the figures as JSON (default file: data/methods/vader_validation.json)")
    args = parser.parse_args(argv)
    if not args.data.is_dir():
        print(f"error: no data folder {args.data} (pass --data DIR)", file=sys.stderr)
        return 2
    lex = lexicon()
    print(f"lexicon: {lex.source} {lex.path} sha256={lex.sha256} ({lex.n_entries} entries)")
    started = time.perf_counter()
    results = validate(args.data, limit=args.limit)
    elapsed = time.perf_counter() - started
    print(f"{'dataset':<16}{'n':>7}{'r':>9}{'paper r':>9}{'diff':>9}  within {TOLERANCE}")
    for res in results:
        ok = "yes" if abs(res.difference) <= TOLERANCE else "NO"
        print(f"{LABELS[res.dataset]:<16}{res.n:>7}{res.r:>9.3f}{res.paper_r:>9.3f}{res.difference:>+9.3f}  {ok}")
    print(f"scored {sum(r.n for r in results)} snippets in {elapsed:.1f} s")
    if args.write is not None:
        write(args.write, results, lex)
        print(f"wrote {args.write}")
    return 0


def write(path: Path, results: list[Result], lex) -> None:
    """Record ``results`` as the JSON that :func:`analysis.datafiles.vader_validation` reads."""
    record = {
        "command": "python benchmarks/vader_validation.py --write",
        "lexicon": lex.source,
        "lexicon_sha256": lex.sha256,
        "datasets": [
            {"dataset": r.dataset, "label": LABELS[r.dataset], "n": r.n, "r": round(r.r, 3), "paper_r": r.paper_r}
            for r in results
        ],
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())

"""Time ``keyness.compare`` on two sides of one million words each (target: under 2 s).

Side A: the answers of the 2021 White House press briefings, side B: those of 2023, read in file order
with :func:`analysis.transcripts.load` until each side holds ``--words`` words (files that do not parse
are skipped and counted). Loading is not timed; one warm-up call on small sides loads the stop words.
Timed per ``ngrams`` setting, best (and worst) of ``--repeat``: a ``compare`` call on fresh sides
(tokenising the units with ``text.words``, and ``text.split_sentences`` for bigrams, then counting and
the log-odds: what the CLI does), and the same call again on the same sides, whose tokens are cached
on the ``Side`` (counting + log-odds only: what the dashboard does with a cached side).

    python benchmarks/keyness_speed.py [--corpus ../shared/corpus/wh-press-briefings] [--words 1000000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.comparison import keyness  # noqa: E402
from analysis.errors import DiscourseError  # noqa: E402
from analysis.comparison.sides import Side, Unit, select  # noqa: E402
from analysis.transcripts import load  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "wh-press-briefings"
TARGET_SECONDS = 2.0


def build_units(files: list[Path], words: int) -> tuple[list[Unit], int, int]:
    units: list[Unit] = []
    n = skipped = 0
    for f in files:
        if n >= words:
            break
        try:
            side = select(load(f), document=f.name, kind="all_answers")
        except DiscourseError:
            skipped += 1
            continue
        units.extend(side.units)
        n += side.n_words
    return units, n, skipped


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--words", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3, help="time each setting this many times, report the best")
    args = ap.parse_args()
    t0 = time.perf_counter()
    sides = []
    for year in ("2021", "2023"):
        files = sorted(args.corpus.glob(f"{year}-*/*.md"))
        units, n, skipped = build_units(files, args.words)
        sides.append((year, units, n))
        print(f"side {year}: {len(units):,} answers, {n:,} words ({skipped} files skipped: no turns)")
    print(f"loading: {time.perf_counter() - t0:.1f} s (not timed below)")
    (la, ua, _), (lb, ub, _) = sides
    keyness.compare(Side("x", tuple(ua[:20])), Side("y", tuple(ub[:20])))  # warm-up: imports, stop words
    for ngrams in ("words", "bigrams", "both"):
        cold, warm = [], []
        for _ in range(args.repeat):
            a, b = Side(la, tuple(ua)), Side(lb, tuple(ub))  # fresh: nothing tokenised yet
            t = time.perf_counter()
            frame = keyness.compare(a, b, ngrams=ngrams)
            cold.append(time.perf_counter() - t)
            t = time.perf_counter()  # the same sides again: their tokens are cached on the Side
            keyness.compare(a, b, ngrams=ngrams)
            warm.append(time.perf_counter() - t)
        print(
            f"compare ngrams={ngrams:<7} tokenise+count+log-odds {min(cold):5.2f} s "
            f"(worst {max(cold):.2f}) | count+log-odds {min(warm):5.2f} s (worst {max(warm):.2f})  "
            f"{len(frame):,} rows  [{'ok' if min(cold) < TARGET_SECONDS else 'over'}: target < {TARGET_SECONDS:g} s]"
        )
        top = frame.head(5)["term"].tolist(), frame.tail(5)["term"].tolist()[::-1]
        print(f"    top {la}: {', '.join(top[0])} | top {lb}: {', '.join(top[1])}")

if __name__ == "__main__":
    main()

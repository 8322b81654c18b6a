"""Time ``python -m analysis analyze DIR --jobs 2 --library ...`` over the White House briefings: cold, warm.

    python benchmarks/batch_briefings.py [--corpus DIR] [--jobs 2] [--limit N] [--engine process|dask|both]

Prints figures; it is not a test. For each engine, with a fresh library in a temporary folder:

1. cold: :func:`analysis.pipeline.batch.run` over the corpus folder with ``--jobs`` workers (every file parsed,
   analysed, its frames stored in the library), then the answers written to a Parquet file, as the
   ``analyze`` command does; target: at most 60 s with 2 jobs;
2. warm: the same again in this process: every file hashed, every result read from the library and
   stacked, the Parquet file written; target: at most 3 s;
3. warm command: ``python -m analysis analyze DIR --out ... --library ...`` in a subprocess, wall clock,
   interpreter start and imports included.

Memory: ``resource.getrusage`` maxrss of this (main) process and of its children (the worker
processes, once they have exited: RUSAGE_CHILDREN is the largest of them), read after each stage; both
are peaks so far and never go down. The machine's load average (``os.getloadavg``) is printed before
and after: the machine has 2 cores, and anything else running on it slows the cold run.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make `analysis` importable
    sys.path.insert(0, str(ROOT))

from analysis.pipeline import batch  # noqa: E402
from analysis.store.library import Library  # noqa: E402
from benchmarks.tables import table  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "wh-press-briefings"
# The targets, for 1,154 briefings with 2 jobs: the whole corpus cold in a minute, cached in 3 s.
TARGET_COLD = 60.0
TARGET_WARM = 3.0
MB = 1024


def maxrss_mb() -> tuple[float, float]:
    """Peak resident set (MB) of this process and of the largest child that has exited (Linux: KiB)."""
    return (
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / MB,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / MB,
    )


def cpu_seconds() -> float:
    """User + system CPU time of this process and its exited children so far."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def stage(
    inputs: list[str], lib: Library, out: Path, *, jobs: int, engine: str
) -> tuple[float, float, batch.BatchResult]:
    """Wall seconds, CPU seconds (this process and its workers) and the result of one run."""
    t0, c0 = time.perf_counter(), cpu_seconds()
    result = batch.run(inputs, jobs=jobs, engine=engine, library=lib, progress=False)
    result.answers.to_parquet(out, index=False)
    return time.perf_counter() - t0, cpu_seconds() - c0, result


def command(inputs: list[str], library: Path, out: Path, *, jobs: int, engine: str) -> float:
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "analysis", "analyze", *inputs, "--out", str(out), "--library", str(library),
         "--jobs", str(jobs), "--engine", engine],
        cwd=ROOT, capture_output=True, check=False,
    )
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="briefings folder (searched recursively)")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (default 2: the machine's cores)")
    ap.add_argument("--limit", type=int, default=0, help="first N files only, in name order (0: the whole folder)")
    ap.add_argument("--engine", choices=["process", "dask", "both"], default="process")
    args = ap.parse_args(argv)

    files, _ = batch.collect([args.corpus])
    if not files:
        sys.exit(f"no transcripts under {args.corpus}")
    # The whole folder as one input (as a user would type it), or the first N files by name.
    inputs = [str(args.corpus)] if not args.limit else files[: args.limit]
    n_files = len(files) if not args.limit else len(inputs)
    engines = ["process", "dask"] if args.engine == "both" else [args.engine]
    print(f"corpus: {args.corpus} ({n_files:,} files); jobs: {args.jobs}; cores: {os.cpu_count()}")
    print(f"load average before (1, 5, 15 min): {load()}\n")

    rows = []
    for engine in engines:
        with tempfile.TemporaryDirectory(prefix="batch-bench-") as tmp:
            library, out = Path(tmp) / "library.sqlite3", Path(tmp) / "answers.parquet"
            with Library(library) as lib:
                cold, cold_cpu, result = stage(inputs, lib, out, jobs=args.jobs, engine=engine)
                rss_cold = maxrss_mb()
                words = int(result.answers["n_words"].sum() + result.answers["question_n_words"].sum())
                n_rows = len(result.answers)
                result.answers = result.answers.iloc[:0]  # not held through the warm run's memory figure
                warm, warm_cpu, again = stage(inputs, lib, out, jobs=args.jobs, engine=engine)
                rss_warm = maxrss_mb()
            warm_cmd = command(inputs, library, out, jobs=args.jobs, engine=engine)
            size = library.stat().st_size / MB / MB
        assert again.n_analysed == 0 and again.n_cached == result.n_analysed, "the warm run analysed again"
        rows.append([f"{engine}: cold (fresh library)", f"{cold:.1f}", f"{cold_cpu:.1f}", f"<= {TARGET_COLD:g}",
                     f"{result.n_analysed:,}", f"{len(result.failures)}", f"{words / cold:,.0f}",
                     f"{rss_cold[0]:,.0f}", f"{rss_cold[1]:,.0f}"])
        rows.append([f"{engine}: warm, in process", f"{warm:.2f}", f"{warm_cpu:.2f}", f"<= {TARGET_WARM:g}",
                     f"{again.n_cached:,} cached", f"{len(again.failures)}", "-",
                     f"{rss_warm[0]:,.0f}", f"{rss_warm[1]:,.0f}"])
        rows.append([f"{engine}: warm, python -m analysis", f"{warm_cmd:.2f}", "-", f"<= {TARGET_WARM:g}",
                     *["-"] * 5])
        print(f"{engine}: {n_files:,} files, {words:,} words (questions + answers), {n_rows:,} answer rows, "
              f"{len(result.failures)} failures; library file {size:,.0f} MB")
        for name, reason in result.failures:
            print(f"  failed: {Path(name).name}: {reason.split(': ', 1)[-1][:100]}")
    print()
    header = ["stage", "seconds", "cpu s", "target", "documents", "failed", "words/s", "maxrss main MB",
              "maxrss child MB"]
    print(table(header, rows))
    print(f"\nload average after (1, 5, 15 min): {load()}")
    print("maxrss: resource.getrusage peak resident set so far (main: RUSAGE_SELF; child: RUSAGE_CHILDREN, the largest")
    print("        worker that has exited); the library's pages in the OS cache are not counted.")
    print("cpu s: user + system CPU of this process and its workers; on otherwise idle cores the cold run's wall")
    print(f"        time is about cpu s / {args.jobs} (the analysis is CPU-bound; the other processes on the machine")
    print("        stretch the wall time, not the CPU time, as long as the cores are not oversubscribed).")


if __name__ == "__main__":
    main()

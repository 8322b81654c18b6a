"""Time the whole analysis (``analysis.pipeline.run.analyze``) over the White House briefings, beside VADER alone.

    python benchmarks/analyze_corpus.py [--corpus DIR] [--limit N] [--runs K] [--trace-docs N]

Prints figures; it is not a test. On one core, in one process:

1. parses every file first (``analysis.transcripts.load``; timed separately, not counted as analysis);
2. times ``run.analyze(doc, detail="full")`` and ``detail="summary"`` over every parsed document
   (words/s counts the words of every question and answer, i.e. the sum of ``n_words`` over the
   sentence frames);
3. times NLTK's VADER alone, ``SentimentIntensityAnalyzer().polarity_scores`` (the analyzer of
   ``analysis.sentence.sentiment.load_analyzer()``), over the same sentences (the ``text`` of every row of the
   sentence frames), and prints the ratio whole analysis / VADER alone (target: at most 1.3);
4. measures memory in two ways, named in the output: the tracemalloc peak (Python allocations only,
   of the largest single ``analyze`` call, in a separate untimed pass over the ``--trace-docs``
   largest documents, since tracing slows allocation several-fold) and ``resource.getrusage`` maxrss
   (the process's peak resident set, everything included, monotonic: read after each stage);
5. times ``python -m analysis analyze`` on the default interview from a cold start in a subprocess
   (best and median of 5; target: under 2 s).

``--runs K`` repeats each timed pass K times and reports the fastest (default 1: the corpus is large).
"""

from __future__ import annotations

import argparse
import gc
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: make `analysis` importable
    sys.path.insert(0, str(ROOT))

from analysis.pipeline import run
from analysis.sentence import topics  # noqa: E402
from analysis.errors import DiscourseError  # noqa: E402
from analysis.sentence.sentiment import load_analyzer  # noqa: E402
from analysis.transcripts import DEFAULT_DOCUMENT, load  # noqa: E402
from benchmarks.tables import table  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "wh-press-briefings"
# The project's targets: analysis at most 1.3 x VADER alone; CLI cold start under 2 s.
TARGET_RATIO = 1.3
TARGET_COLD_START = 2.0
COLD_RUNS = 5
MB = 1024 * 1024


def maxrss_mb() -> float:
    """Peak resident set size of this process so far (Linux reports ru_maxrss in KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def parse_all(files: list[Path]) -> tuple[list[tuple[str, object]], list[str], float]:
    docs, failures = [], []
    t0 = time.perf_counter()
    for f in files:
        try:
            docs.append((f.name, load(f)))
        except DiscourseError as e:
            failures.append(f"{f.name}: {e}")
    return docs, failures, time.perf_counter() - t0


def time_analysis(docs, dictionary, detail: str, runs: int, collect: list | None = None) -> float:
    """Fastest of ``runs`` passes of analyze over every document; results are dropped as they come.

    With ``collect``, the sentence frames' ``text`` and ``n_words`` of the first pass are appended to it
    (outside the timed calls).
    """
    best = float("inf")
    for attempt in range(runs):
        gc.collect()
        elapsed = 0.0
        for name, doc in docs:
            t0 = time.perf_counter()
            result = run.analyze(doc, document=name, dictionary=dictionary, detail=detail)
            elapsed += time.perf_counter() - t0
            if collect is not None and attempt == 0:
                sentences = result.sentences
                collect.append((sentences["text"].tolist(), int(sentences["n_words"].sum()), len(result.answers)))
            del result
        best = min(best, elapsed)
    return best


def traced_peak(docs, dictionary, detail: str) -> float:
    """tracemalloc peak (MB) of the largest ``analyze`` call on ``docs``, above what was allocated before it."""
    worst = 0
    tracemalloc.start()
    try:
        for name, doc in docs:
            base = tracemalloc.get_traced_memory()[0]
            tracemalloc.reset_peak()
            run.analyze(doc, document=name, dictionary=dictionary, detail=detail)
            worst = max(worst, tracemalloc.get_traced_memory()[1] - base)
    finally:
        tracemalloc.stop()
    return worst / MB


def time_vader(sentences: list[str], runs: int) -> float:
    polarity_scores = load_analyzer().polarity_scores
    best = float("inf")
    for _ in range(runs):
        gc.collect()
        t0 = time.perf_counter()
        for s in sentences:
            polarity_scores(s)
        best = min(best, time.perf_counter() - t0)
    return best


def cold_start(runs: int = COLD_RUNS) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "analysis", "analyze", str(DEFAULT_DOCUMENT.relative_to(ROOT))],
            cwd=ROOT, check=True, capture_output=True,
        )
        times.append(time.perf_counter() - t0)
    return times


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="briefings folder (*.md, recursive)")
    ap.add_argument("--limit", type=int, default=0, help="first N files only (0: all)")
    ap.add_argument("--runs", type=int, default=1, help="repeat each timed pass and keep the fastest")
    ap.add_argument("--trace-docs", type=int, default=20, help="tracemalloc the N largest documents (0: skip)")
    args = ap.parse_args(argv)

    files = sorted(args.corpus.rglob("*.md"))
    if args.limit:
        files = files[: args.limit]
    if not files:
        sys.exit(f"no briefings under {args.corpus}")
    dictionary = topics.load_dictionary()
    load_analyzer()  # lexicon loaded before any timing

    docs, failures, t_parse = parse_all(files)
    rss_parse = maxrss_mb()

    for detail in ("summary", "full"):  # warm-up (memos, first-call costs), untimed
        for name, doc in docs[:5]:
            run.analyze(doc, document=name, dictionary=dictionary, detail=detail)
    # The summary pass also collects what the comparison needs (outside the timed calls): the text of
    # every sentence-frame row and the words.
    collected: list[tuple[list[str], int, int]] = []
    t_summary = time_analysis(docs, dictionary, "summary", args.runs, collect=collected)
    rss_summary = maxrss_mb()
    sentences = [s for texts, _, _ in collected for s in texts]
    n_words = sum(w for _, w, _ in collected)
    n_answers = sum(a for _, _, a in collected)
    del collected
    t_full = time_analysis(docs, dictionary, "full", args.runs)
    rss_full = maxrss_mb()
    t_vader = time_vader(sentences, args.runs)
    rss_vader = maxrss_mb()
    peak_full = peak_summary = None
    if args.trace_docs:
        # Tracing slows allocation several-fold, so only the largest documents are traced.
        largest = sorted(docs, key=lambda d: sum(len(t.text) for t in d[1].turns), reverse=True)[: args.trace_docs]
        peak_full = traced_peak(largest, dictionary, "full")
        peak_summary = traced_peak(largest, dictionary, "summary")
    cold = cold_start()

    mb = lambda x: "-" if x is None else f"{x:,.1f}"  # noqa: E731
    print(f"corpus: {args.corpus} ({len(files)} files, {len(docs)} parsed, {len(failures)} refused)")
    for line in failures:
        print(f"  refused: {line}")
    print(f"words (questions + answers, sum of n_words): {n_words:,}; rows (answers + openings): {n_answers:,}; "
          f"sentences: {len(sentences):,}")
    print(f"one core, {args.runs} run(s) per pass (fastest kept)\n")
    print(table(
        ["stage", "time s", "words/s", "tracemalloc peak MB", "maxrss MB after"],
        [
            ["parse (load, all files)", f"{t_parse:.2f}", f"{n_words / t_parse:,.0f}", "-", mb(rss_parse)],
            ['analyze detail="summary"', f"{t_summary:.2f}", f"{n_words / t_summary:,.0f}", mb(peak_summary),
             mb(rss_summary)],
            ['analyze detail="full"', f"{t_full:.2f}", f"{n_words / t_full:,.0f}", mb(peak_full), mb(rss_full)],
            ["VADER polarity_scores alone", f"{t_vader:.2f}", f"{n_words / t_vader:,.0f}", "-", mb(rss_vader)],
        ],
    ))
    print(
        f"\ntracemalloc peak: Python allocations of the largest single analyze() call, in a separate untimed\n"
        f"        pass over the {args.trace_docs} largest documents (tracing slows allocation several-fold).\n"
        "maxrss: resource.getrusage(RUSAGE_SELF).ru_maxrss, the process's peak resident memory so far\n"
        "        (parsed documents, sentence texts, libraries included; it never goes down).\n"
    )
    print(table(
        ["ratio", "value", "target"],
        [
            ["full / VADER alone", f"{t_full / t_vader:.2f}", f"<= {TARGET_RATIO}"],
            ["summary / VADER alone", f"{t_summary / t_vader:.2f}", f"<= {TARGET_RATIO}"],
        ],
    ))
    print()
    print(table(
        ["cold start: python -m analysis analyze <default interview>", "best s", "median s", "target"],
        [[f"{COLD_RUNS} runs", f"{min(cold):.2f}", f"{statistics.median(cold):.2f}", f"< {TARGET_COLD_START}"]],
    ))


if __name__ == "__main__":
    main()

"""Parse every White House briefing in ../shared/corpus/wh-press-briefings and print the speed.

    python benchmarks/parse_briefings.py [--corpus DIR] [--limit N]

Prints documents/s and words/s on one core (target: the whole set in under 10 s), and checks that
every paragraph that starts with a ``Q`` label, counted here with an independent regular expression,
came out as a question turn, or as "other" when it asks nothing ("Thank you.", "Hello, can you hear
me?", "(Inaudible.)"; see analysis/transcripts/asking.py). Also times ``python -m analysis parse`` on the default interview
(target: under 1 s, cold start).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.errors import DiscourseError  # noqa: E402
from analysis.transcripts import load  # noqa: E402

Q_PARAGRAPH = re.compile(r"(?:\A|\n[ \t\u00a0]*\n)[ \t\u00a0]*[*_]*Q(?:[ \t\u00a0]|:)")
# (italic "*Q    ...*" paragraphs are remote questioners in some briefings: they count too)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "wh-press-briefings")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    files = sorted(args.corpus.rglob("*.md"))
    if args.limit:
        files = files[: args.limit]
    if not files:
        sys.exit(f"no briefings under {args.corpus}")
    words = q_expected = q_found = q_notes = failed = 0
    failures = []
    start = time.perf_counter()
    docs = []
    for f in files:
        try:
            docs.append((f, load(f)))
        except DiscourseError as e:
            failed += 1
            failures.append(f"{f.name}: {e}")
    elapsed = time.perf_counter() - start
    for f, doc in docs:
        words += sum(len(t.text.split()) for t in doc.turns)
        body = f.read_text(encoding="utf-8").split("\n---", 1)[-1]
        q_expected += len(Q_PARAGRAPH.findall(body))
        q_found += sum(1 for t in doc.turns if t.speaker == "Q" and t.role == "question")
        # "Q (Inaudible.)", "Q Thank you.": a turn that is only a stage direction, or asks nothing, neither
        # asks nor answers (role "other").
        q_notes += sum(1 for t in doc.turns if t.speaker == "Q" and t.role == "other")
    print(f"documents: {len(files)} ({failed} refused with a message)")
    for line in failures:
        print(f"  refused: {line}")
    print(f"time: {elapsed:.2f} s  ->  {len(files) / elapsed:.0f} documents/s, {words / elapsed:,.0f} words/s")
    print(f"words in turns: {words:,}")
    print(
        f"Q paragraphs (independent regex): {q_expected:,}; Q turns found as questions: {q_found:,}, "
        f"as other (a stage direction only, or asking nothing): {q_notes:,} (together {q_found + q_notes:,})"
    )

    cold = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "analysis", "parse", str(ROOT / "data" / "transcripts" / "bezrukov-soft-power-picreadi-2018.txt")],
            cwd=ROOT, check=True, capture_output=True,
        )
        cold.append(time.perf_counter() - t0)
    print(f"python -m analysis parse (default interview), cold start: best {min(cold):.2f} s of {len(cold)}")


if __name__ == "__main__":
    main()

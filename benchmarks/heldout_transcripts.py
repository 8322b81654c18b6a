"""Held-out evaluation of the transcript parser (issue 13): real transcripts the project has never seen.

    python benchmarks/heldout_transcripts.py [--heldout DIR] [--repo REPO] [--json OUT] [-v]

The transcripts are third-party and are never committed: they live outside the repository, in
DIR/files/ (default DIR: /work/notes/heldout), with DIR/expected.json holding the counts made
independently of the project (turns, speakers, question turns, and how each was counted) and
DIR/SOURCES.md saying where each file came from. REPO (default: this checkout) is put first on
sys.path and ``analysis.transcripts.load`` is called on every file with no interviewer.

Verdicts (issue 13's target):
  ok                turns within 2 % (of the count, of its documented alternative turns_alt, or of
                    turns_merged: consecutive labels of one speaker counted as one turn, as the parser does),
                    speakers right, question turns within 10 %
  wrong but warned  not ok, and the parse has at least one warning
  silently wrong    not ok, and no warning
  refused           load() raised (DiscourseError or anything else)

Speakers are right when the parse's speakers and the expected people match one to one. A parsed name
matches an expected person when, after dropping case, punctuation and honorifics (Mr, Mrs, Ms, Hon, The,
Right, Dr), one name's words are all among the other's ("Mr. Werner Schmidt (Kelowna, Ref.)" matches
"Werner Schmidt"; "TAPPER" matches "JAKE TAPPER"). An expected person may list several aliases.
"speakers_optional" names may be present or absent.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import sys
import traceback
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HELDOUT = Path("/work/notes/heldout")
HONORIFICS = {"mr", "mrs", "ms", "hon", "the", "right", "dr", "sir", "rt"}


def words(name: str) -> frozenset[str]:
    # A counter may copy a name with the file's HTML entity ("Si&ocirc;n"): the same name as "Siôn".
    toks = re.findall(r"[^\W_]+(?:['’-][^\W_]+)*", html.unescape(name).lower())
    return frozenset(t for t in toks if t not in HONORIFICS)


def same(alias: str, got: str) -> bool:
    a, g = words(alias), words(got)
    return bool(a) and bool(g) and (a <= g or g <= a)


def match_speakers(expected: list, optional: list, got: list[str]) -> tuple[list[str], list[str]]:
    """(missing expected people, extra parsed names) under a one-to-one matching."""
    people = [[p] if isinstance(p, str) else list(p) for p in expected]
    opt = [[p] if isinstance(p, str) else list(p) for p in optional]
    everyone = people + opt
    owner: dict[int, int] = {}  # person index -> got index

    def augment(gi: int, seen: set[int]) -> bool:
        for pi, aliases in enumerate(everyone):
            if pi in seen or not any(same(a, got[gi]) for a in aliases):
                continue
            seen.add(pi)
            if pi not in owner or augment(owner[pi], seen):
                owner[pi] = gi
                return True
        return False

    # Required people first, so an optional alias never steals a name a required person needs.
    for gi in sorted(range(len(got)), key=lambda g: not any(any(same(a, got[g]) for a in al) for al in people)):
        augment(gi, set())
    matched_got = set(owner.values())
    missing = [people[pi][0] for pi in range(len(people)) if pi not in owner]
    extra = [got[gi] for gi in range(len(got)) if gi not in matched_got]
    return missing, extra


def pct(got: int, exp: int) -> str:
    if exp == 0:
        return "±0%" if got == 0 else "n/a"
    return f"{(got - exp) / exp * 100:+.0f}%"


def within(got: int, exp: int, tol: float) -> bool:
    return abs(got - exp) <= tol * exp + 1e-9


def evaluate(repo: Path, files: Path, expected: dict, verbose: bool = False) -> list[dict]:
    sys.path.insert(0, str(repo))
    from analysis.transcripts import load  # noqa: E402  (from the repo under test)

    rows = []
    for name, exp in expected.items():
        path = files / name
        row = {"file": name, "layout": exp["layout"], "exp_turns": exp["turns"], "exp_q": exp["question_turns"],
               "alt_turns": exp.get("turns_alt"), "merged_turns": exp.get("turns_merged")}
        try:
            with warnings.catch_warnings():  # library warnings (e.g. bs4's XMLParsedAsHTMLWarning) are not parse warnings
                warnings.simplefilter("ignore")
                doc = load(path)
        except Exception as e:  # DiscourseError or a crash: both are "refused" for the user
            row.update(verdict="refused", error=f"{type(e).__name__}: {e}")
            if verbose:
                traceback.print_exc()
            rows.append(row)
            continue
        names = [s.name for s in doc.speakers] or list(dict.fromkeys(t.speaker for t in doc.turns))
        missing, extra = match_speakers(exp["speakers"], exp.get("speakers_optional", []), names)
        got_q = sum(1 for t in doc.turns if t.role == "question")
        row.update(
            got_turns=len(doc.turns), got_q=got_q, warnings=list(doc.warnings), format=doc.format,
            speakers=names, missing=missing, extra=extra,
            question_speakers=sorted({t.speaker for t in doc.turns if t.role == "question"}),
        )
        # turns_alt is the counter's second defensible reading (see its how_counted): either counts.
        readings = (exp["turns"], exp.get("turns_alt"), exp.get("turns_merged"))
        turns_ok = any(within(len(doc.turns), n, 0.02) for n in readings if n is not None)
        ok = (turns_ok and not missing and not extra
              and within(got_q, exp["question_turns"], 0.10))
        row["verdict"] = "ok" if ok else ("wrong but warned" if doc.warnings else "silently wrong")
        rows.append(row)
    return rows


def table(rows: list[dict]) -> str:
    head = f"{'file':31} {'layout':14} {'turns exp/got':>15} {'speakers':26} {'questions exp/got':>19} {'warn':>4}  verdict"
    out = [head, "-" * len(head)]
    starred = False
    for r in rows:
        lay = r["layout"].split(" (")[0][:14]
        if r["verdict"] == "refused":
            out.append(f"{r['file'][:31]:31} {lay:14} {r['exp_turns']:>6}/{'-':<8} {'-':26} {r['exp_q']:>7}/{'-':<11} {'-':>4}  refused")
            out.append(f"{'':31}   {r['error'][:150]}")
            continue
        turns = f"{r['exp_turns']}/{r['got_turns']} ({pct(r['got_turns'], r['exp_turns'])})"
        if any(n is not None and within(r["got_turns"], n, 0.02) for n in (r.get("alt_turns"), r.get("merged_turns"))):
            turns += "*"
            starred = True
        if not r["missing"] and not r["extra"]:
            spk = "yes"
        else:
            spk = f"no -{len(r['missing'])} +{len(r['extra'])}"
        qs = f"{r['exp_q']}/{r['got_q']} ({pct(r['got_q'], r['exp_q'])})"
        out.append(f"{r['file'][:31]:31} {lay:14} {turns:>15} {spk:26} {qs:>19} {len(r['warnings']):>4}  {r['verdict']}")
        if r["missing"]:
            out.append(f"{'':31}   missing: {', '.join(r['missing'])[:160]}")
        if r["extra"]:
            out.append(f"{'':31}   extra:   {', '.join(r['extra'])[:160]}")
    n = len(rows)
    counts = {v: sum(r["verdict"] == v for r in rows) for v in ("ok", "wrong but warned", "silently wrong", "refused")}
    out.append("")
    if starred:
        out.append("* the parse matches the file's alternative turn count (turns_alt or turns_merged in expected.json;"
                   " see how_counted), which counts as right")
    out.append(f"ok {counts['ok']} of {n}; wrong but warned {counts['wrong but warned']}; "
               f"silently wrong {counts['silently wrong']}; refused {counts['refused']}")
    return "\n".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--heldout", default=HELDOUT, type=Path, help="folder with files/ and expected.json")
    ap.add_argument("--repo", default=ROOT, type=Path, help="checkout whose parser is measured")
    ap.add_argument("--json", type=Path, help="also write the rows (with warnings and speaker lists) here")
    ap.add_argument("-v", "--verbose", action="store_true", help="print tracebacks and every warning")
    a = ap.parse_args()
    expected = json.loads((a.heldout / "expected.json").read_text(encoding="utf-8"))
    rows = evaluate(a.repo.resolve(), a.heldout / "files", expected, a.verbose)
    print(f"repo: {a.repo}")
    print(table(rows))
    if a.verbose:
        for r in rows:
            for w in r.get("warnings", []):
                print(f"  [{r['file']}] warning: {w}")
    if a.json:
        a.json.write_text(json.dumps(rows, indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()

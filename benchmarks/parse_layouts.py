"""Every golden layout of issue 13, read with no flag: turns, speakers and question turns against the expected.

    python benchmarks/parse_layouts.py

The files are the small imitations in tests/data/layouts/ and tests/data/ (court, earnings calls;
invented names and text, the real layouts). Turns and speakers come from the golden tests
(tests/analysis/transcripts/test_layouts.py, test_layouts_more.py, test_court.py, test_earnings.py,
test_questioners.py), whose values were
worked out by reading each file. "Question turns" are counted here by reading each file: the turns
in which a questioner asks something (a host's welcome, a chair's "Thank you, counsel." and an
operator's hand-over are not questions; a guest's own question is). The parser decides the same
thing from each questioner's turn (analysis/transcripts/asking.py: a question mark, a prompt, a cue
or a cut-off asks; a welcome, thanks, a time call, rules or floor-giving do not), so a host's greeting
is "other" there too; where the two still differ (a questioner the parser does not infer, a cue the
reading did not count) the table shows it rather than hiding it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from analysis.transcripts import load  # noqa: E402

DATA = ROOT / "tests" / "data"
TESTS = ROOT / "tests" / "analysis" / "transcripts"

# file -> question turns, counted by reading the file (see the module's docstring).
QUESTION_TURNS = {
    "rev.txt": 3, "speaker_numbers.txt": 1, "otter.txt": 2, "stamp_before.txt": 2, "stamp_first.txt": 1,
    "stamp_same_line.txt": 2, "podcast.md": 2, "single_line_caps.txt": 2, "single_line_bold.md": 1,
    "roles.txt": 2, "debate.txt": 1, "hearing.txt": 2, "hansard.txt": 3, "un.txt": 0, "rev.html": 1,
    "bold_stamps.html": 1, "otter.docx": 1, "hearing_senate.docx": 1,
    "court_argument.txt": 7, "court_argument.pdf": 7, "earnings_fool_style.txt": 3,
    "earnings_firm_title_style.txt": 2,
    # the second round (tests/analysis/transcripts/test_layouts_more.py; how they are counted: its docstring)
    "earnings_roles.txt": 2, "hearing_gpo.html": 2, "hansard_commons.html": 4, "debate_cnn.txt": 3, "markers.md": 3,
    "hansard_ca.txt": 3, "hearing_numbered.txt": 4, "debate_cnn_full.txt": 2, "stamp_bracket_label.txt": 2,
    "earnings_glued.txt": 1,
    # who asks (tests/analysis/transcripts/test_questioners.py): moderators' hand-offs ("Thank you, Senator.
    # Sara?"), a host's welcome and goodbye, a justice's "Thank you, counsel. Mr. Lutz." are not counted; a
    # question from the chat (once, by "Unknown Speaker") is.
    "debate_three_moderators.txt": 6, "podcast_cohosts_otter.txt": 4, "hansard_question_period.txt": 4,
    "oyez_roles.json": 3, "debate_table.json": 2,
}


def _module(name: str):
    spec = importlib.util.spec_from_file_location(name, TESTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def _in_order(turns) -> list[str]:
    return list(dict.fromkeys(speaker for speaker, _ in turns))


def expectations() -> list[tuple[Path, int, list[str]]]:
    """(file, turns, speakers) from the golden tests."""
    layouts, court, earnings = _module("test_layouts"), _module("test_court"), _module("test_earnings")
    questioners = _module("test_questioners")
    out = [(DATA / "layouts" / name, n, speakers) for name, n, speakers, _ in layouts.GOLDEN]
    for name in ("court_argument.txt", "court_argument.pdf"):
        out.append((DATA / name, len(court.EXPECTED_TURNS), _in_order(court.EXPECTED_TURNS)))
    out.append((DATA / "earnings_fool_style.txt", len(earnings.FOOL_TURNS), _in_order(earnings.FOOL_TURNS)))
    out.append((DATA / "earnings_firm_title_style.txt", len(earnings.FIRM_TURNS), _in_order(earnings.FIRM_TURNS)))
    out += [(DATA / "layouts" / name, n, speakers) for name, n, speakers, *_ in _module("test_layouts_more").GOLDEN_MORE]
    out += [(DATA / "layouts" / name, n, speakers) for name, n, speakers, _ in questioners.FAMILIES]
    return out


def main() -> int:
    rows = []
    for path, n_turns, speakers in expectations():
        doc = load(path)
        got_speakers = [s.name for s in doc.speakers]
        got_q = sum(t.role == "question" for t in doc.turns)
        exp_q = QUESTION_TURNS[path.name]
        rows.append((
            path.name, f"{n_turns}/{len(doc.turns)}", "yes" if got_speakers == speakers else f"no: {got_speakers}",
            f"{exp_q}/{got_q}", len(doc.warnings),
            "ok" if len(doc.turns) == n_turns and got_speakers == speakers and got_q == exp_q else "differs",
        ))
    header = ("file", "turns exp/got", "speakers right", "question turns exp/got", "warnings", "")
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, *rows]:
        print("  ".join(str(v).ljust(w) for v, w in zip(r, widths)).rstrip())
    ok = sum(r[-1] == "ok" for r in rows)
    print(f"\n{ok} of {len(rows)} layouts read with the expected turns, speakers and question turns")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

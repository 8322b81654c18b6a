"""Make ``library_v2.sqlite3``: a version-2 library written by the library code of schema version 2.

    git show 53fba92:analysis/store/library.py > /tmp/library_v2.py
    python tests/data/library/make_v2.py /tmp/library_v2.py

It holds the default interview and three small transcripts of the project's own (no file of ../shared:
the repository ships only its own data): a press conference tagged ``press`` whose speaker was renamed
by a correction, a town hall dated only by its file name, and a panel dated by its YAML front matter;
and one stored analysis row. The upgrade test (tests/analysis/store/test_library_metadata.py) reads
their metadata after the upgrade to version 3.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PRESS = b"""Q: What about trade with Europe?

SPEAKER ONE: Trade with Europe is growing, and we welcome it.

Q: And the sanctions?

SPEAKER ONE: Sanctions hurt both sides.
"""
TOWN_HALL = b"""MODERATOR: Good evening. What will you do about the roads?

MAYOR LEE: We will fix the roads this summer, street by street.

MODERATOR: And the buses?

MAYOR LEE: More buses, and later at night.

MODERATOR: Thank you, Mayor.
"""
PANEL = b"""---
title: A panel on the harbour
date: '2020-11-03'
---

DR. OKAFOR: Welcome. Is the harbour ready for bigger ships?

MS. BRANDT: Not yet. The channel must be dredged first.
"""


def main(old_module: str) -> None:
    sys.path.insert(0, str(HERE.parents[2]))
    spec = importlib.util.spec_from_file_location("analysis.library_v2", old_module)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    assert mod.SCHEMA_VERSION == 2, mod.SCHEMA_VERSION
    from analysis.transcripts import Correction

    out = HERE / "library_v2.sqlite3"
    out.unlink(missing_ok=True)
    with mod.Library(out) as lib:
        press = lib.add("press.txt", PRESS, tags=["press"])
        lib.set_corrections(press.id, [Correction.rename("SPEAKER ONE", "Jane Doe")])
        lib.add("2019-05-14-town-hall.txt", TOWN_HALL, tags=["local"])
        lib.add("panel.md", PANEL)
        lib.store_blobs([(press.content_sha256, "0" * 64, 2, b"answers", b"sentences")])
        lib._con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # closing removes the empty -wal file
    print(out, out.stat().st_size)


if __name__ == "__main__":
    main(sys.argv[1])

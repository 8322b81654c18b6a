"""Make ``library_v1.sqlite3``: a version-1 library written by the library code of schema version 1.

    git show 7bb2bfd:analysis/store/library.py > /tmp/library_v1.py
    python tests/data/library/make_v1.py /tmp/library_v1.py

It holds the default interview, one small press conference (tagged ``press``) and one stored analysis
row, so that the upgrade test (tests/analysis/test_library.py) sees every table with data in it.
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


def main(old_module: str) -> None:
    sys.path.insert(0, str(HERE.parents[2]))
    spec = importlib.util.spec_from_file_location("analysis.library_v1", old_module)
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    assert mod.SCHEMA_VERSION == 1, mod.SCHEMA_VERSION
    out = HERE / "library_v1.sqlite3"
    out.unlink(missing_ok=True)
    with mod.Library(out) as lib:
        rec = lib.add("press.txt", PRESS, tags=["press"])
        lib.store_blobs([(rec.content_sha256, "0" * 64, 2, b"answers", b"sentences")])
        lib._con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # closing removes the empty -wal file
    print(out, out.stat().st_size)


if __name__ == "__main__":
    main(sys.argv[1])

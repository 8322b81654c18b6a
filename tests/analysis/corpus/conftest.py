"""A tiny library: three dated documents and one without a date, tagged "demo"."""

from __future__ import annotations

import pytest

from analysis.store.library import Library

DOCS = {
    "2021-01-04-one.txt": "Q: How is trade?\n\nMS. SMITH: Trade is good. Russia is a partner.\n",
    "2021-01-20-two.md": "Q: And the economy?\n\nMR. JONES: The economy is bad.\n",
    "2021-02-10-three.txt": "Q: Anything else?\n\nMS. SMITH: Nothing else.\n",
    "notes.txt": "Q: Why?\n\nMR. JONES: Because.\n",
}


@pytest.fixture
def library(tmp_path):
    with Library(tmp_path / "lib.sqlite3") as lib:
        for name, text in DOCS.items():
            lib.add(name, text.encode(), tags=["demo", "even" if "two" in name else "odd"])
        yield lib

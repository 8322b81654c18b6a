"""The Methods page under AppTest: every method described as analysis.methods writes it, once, numbered."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from analysis import methods

APP = Path(__file__).resolve().parents[3] / "dashboard" / "app.py"


def test_every_method_is_shown_once_in_order_with_numbered_headings():
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page("views/methods.py")
    at.run()
    assert not at.exception
    shown = [m.value for m in at.markdown]
    positions = []
    for method in methods.describe():
        assert shown.count(method.text) == 1, method.slug
        positions.append(shown.index(method.text))
    assert positions == sorted(positions)
    headings = [re.match(r"### (\d+)\. (.+)", s) for s in shown]
    headings = [h for h in headings if h]
    assert [h.group(2) for h in headings] == [m.title for m in methods.describe() if m.title]
    assert [int(h.group(1)) for h in headings] == list(range(1, len(headings) + 1))
    assert "9** question–answer pairs" in "\n".join(shown)

from __future__ import annotations

from datetime import date

import pytest

from analysis.corpus import Selection, select
from analysis.errors import DiscourseError


@pytest.mark.parametrize(
    "spec, expected",
    [
        ("", Selection()),
        ("tag=2021", Selection(tag="2021")),
        ("from=2023-01-01,to=2023-12-31", Selection(date_from=date(2023, 1, 1), date_to=date(2023, 12, 31))),
        ("speaker=MS. PSAKI, format=md", Selection(speaker="MS. PSAKI", format="md")),
        ("q=war, peace,tag=x", Selection(query="war, peace", tag="x")),  # a comma without key= stays in the value
    ],
)
def test_from_spec(spec, expected):
    assert Selection.from_spec(spec) == expected
    assert Selection.from_spec(expected.to_spec()) == expected


@pytest.mark.parametrize(
    "spec, message",
    [
        ("year=2021", "'year=2021' is not one of tag, q, from, to, speaker, format"),
        ("from=2021-02-30", "from= '2021-02-30' is not a date"),
        ("from=2021-03-01,to=2021-01-01", "is after to="),
        ("tag=a,tag=b", "tag= is given twice"),
        ("tag=", "tag= needs a value"),
    ],
)
def test_a_bad_spec_says_what_to_write(spec, message):
    with pytest.raises(DiscourseError, match=message):
        Selection.from_spec(spec)


def test_select_returns_every_match_not_one_page(library, monkeypatch):
    from analysis.corpus import selection

    monkeypatch.setattr(selection, "PAGE_LIMIT_MAX", 1)  # one record a page: select must page through
    assert len(select(library, Selection(tag="demo"))) == 4
    assert len(select(library, Selection())) == 5  # with the default interview


@pytest.mark.parametrize(
    "selection, names",
    [
        (Selection(tag="even"), ["2021-01-20-two.md"]),
        (Selection(date_from=date(2021, 1, 5)), ["2021-01-20-two.md", "2021-02-10-three.txt"]),
        (Selection(date_to=date(2021, 1, 20), tag="demo"), ["2021-01-04-one.txt", "2021-01-20-two.md"]),
        (Selection(speaker="ms. smith"), ["2021-01-04-one.txt", "2021-02-10-three.txt"]),
        (Selection(format="md"), ["2021-01-20-two.md"]),
        (Selection(query="notes"), ["notes.txt"]),
        (Selection(tag="nothing"), []),
    ],
)
def test_select_filters(library, selection, names):
    assert sorted(r.name for r in select(library, selection)) == names

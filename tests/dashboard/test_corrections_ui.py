"""The dashboard side of corrections: cache keys, the look-alike merge offers, the Upload page's pasted
text and who asks (AppTest), the Library page's panel and a document's corrections on every page."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.store import library
from analysis.transcripts import Correction, parse_text
from dashboard import corrections_ui, data, sources
from tests.dashboard.test_app import app, assert_clean, shown_text

PANEL = """\
Fyodor Lukyanov: Welcome to the session on trade. What changed this year?

SPEAKER ONE: Trade changed a lot. Companies are moving their supply chains to friendly markets.

Fydor Lukyanov: And the sanctions. Tell us about them.

SPEAKER ONE: Sanctions are a tool, but not a good one. Tariffs hurt the companies that trade.

Fydor Lukyanov: Thank you. Next, trust between the partners.

SPEAKER ONE: Trust matters more than tariffs, and trade builds trust.

Fyodor Lukyanov: Thank you all.
"""
RENAME = Correction.rename("SPEAKER ONE", "Jane Doe")


def test_the_cache_key_names_the_corrections():
    plain = sources.Source("x", "x", "x.txt", PANEL.encode())
    fixed = sources.Source("x", "x", "x.txt", PANEL.encode(), corrections=(RENAME,))
    assert plain.digest != fixed.digest
    assert fixed.digest == sources.Source("y", "y", "x.txt", PANEL.encode(), corrections=(RENAME,)).digest
    import hashlib

    assert plain.digest == hashlib.sha256(PANEL.encode()).hexdigest()  # uncorrected keys as before


def test_a_corrected_document_is_never_served_the_uncorrected_analysis():
    plain = sources.Source("x", "x", "x.txt", PANEL.encode())
    fixed = sources.Source("x", "x", "x.txt", PANEL.encode(), corrections=(RENAME,))
    assert "SPEAKER ONE" in " ".join(data.analyze(plain).answers["speaker"])
    assert "Jane Doe" in " ".join(data.analyze(fixed).answers["speaker"])
    assert "SPEAKER ONE" not in " ".join(data.analyze(fixed).answers["speaker"])
    assert "SPEAKER ONE" in {s.name for s in data.parse(plain).speakers}  # and the other way round


def test_upload_ids_name_the_corrections():
    assert sources.upload_id("a.txt", b"x") != sources.upload_id("a.txt", b"x", (), (RENAME,))
    assert sources.upload_id("a.txt", b"x") == sources.upload_id("a.txt", b"x", (), ())


@pytest.mark.parametrize(
    "labels, expected",
    [
        (("Fyodor Lukyanov", "Fydor Lukyanov"), [("Fydor Lukyanov", "Fyodor Lukyanov")]),
        (("O'Brien Kelly", "O'Brian Kelly"), [("O'Brian Kelly", "O'Brien Kelly")]),
    ],
)
def test_look_alike_warnings_offer_the_merge_into_the_speaker_with_more_turns(labels, expected):
    a, b = labels
    text = f"{a}: Why trade?\n\nJon Smith: Because.\n\n{a}: And?\n\nJon Smith: Trust.\n\n{b}: Thanks?\n\n{b}: Bye?\n\n{a}: End?\n"
    doc = parse_text(text)
    assert corrections_ui.look_alikes(doc) == expected


def test_pasted_text_is_read_and_who_asks_is_kept_as_a_correction():
    at = app("views/upload.py")
    at.text_area(key="paste-text").set_value(PANEL).run()
    at.button(key="paste-read").click().run()
    assert_clean(at)
    text = shown_text(at)
    assert "Pasted text" in text and "7 turns" in text
    assert "extension" not in text  # pasted text is no file: nothing to say about its name
    assert at.query_params["upload"].startswith("pasted-text-")
    (asks,) = [m for m in at.multiselect if m.key.endswith("-asks-0")]
    asks.set_value(["Fyodor Lukyanov", "Fydor Lukyanov"]).run()
    assert_clean(at)
    text = shown_text(at)
    assert "1\\. Who asks\\: Fyodor Lukyanov, Fydor Lukyanov" in text
    assert "3 question–answer pairs" in text  # "Thank you all." asks nothing (issue 13)


def test_an_empty_paste_says_so():
    at = app("views/upload.py")
    at.button(key="paste-read").click().run()
    assert [w.value for w in at.warning] == ["There is no text to read: paste a transcript first."]


@pytest.fixture()
def lib(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "lib.sqlite3"
    monkeypatch.setenv("DISCOURSE_LIBRARY", str(path))
    monkeypatch.delenv("DISCOURSE_READ_ONLY", raising=False)
    return path


def test_a_library_documents_corrections_reach_every_page(lib):
    with library.Library(lib) as l:
        rec = l.add("panel.txt", PANEL.encode())
        l.set_corrections(rec.id, [RENAME])
    reader = app(doc=rec.id)
    assert_clean(reader)
    assert "Answer · Jane Doe" in shown_text(reader)
    for page in ("views/overview.py", "views/actors.py", "views/methods.py"):
        at = app(page, doc=rec.id)
        assert_clean(at)
    overview = app("views/overview.py", doc=rec.id, view="Table")
    assert_clean(overview)
    frames = [d.value for d in overview.dataframe]
    speakers = " ".join(" ".join(map(str, f["speaker"])) for f in frames if "speaker" in f.columns)
    assert "Jane Doe" in speakers and "SPEAKER ONE" not in speakers


def test_the_default_interview_corrected_in_the_library_is_shown_corrected(lib):
    with library.Library(lib) as l:
        l.set_corrections(library.DEFAULT_ID, [Correction.rename("Andrey Bezrukov", "A. Bezrukov")])
    at = app()
    assert_clean(at)
    assert "Answer · A\\. Bezrukov" in shown_text(at)  # (escaped Markdown)
    with library.Library(lib) as l:
        l.set_corrections(library.DEFAULT_ID, [])
    assert "Answer · Andrey Bezrukov" in shown_text(app())

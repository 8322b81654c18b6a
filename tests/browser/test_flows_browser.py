"""Where every "open it" click lands, and what survives a reload: the flows of a trainer, a journalist and a
researcher (issue 12), each checked in a real browser.

Every click is checked on the answer or row it names, the first one included (a click on answer 1 used to
open the answer last read), and, where the state is meant to last, after ``page.reload()``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from analysis.comparison import concordance, sides
from analysis.document import actors
from analysis.pipeline import run
from analysis.store import library
from analysis.transcripts import parse_bytes
from tests.browser.test_dashboard_browser import (
    ANSWER,
    DEFAULT,
    N_DEFAULT,
    Q1,
    Q4,
    assert_no_errors,
    click_grid_row,
    main,
    nav,
    open_reader,
    radio_options,
    sidebar,
    upload,
)

pytestmark = pytest.mark.browser

# A press briefing in miniature: opening statements (pair 1), then two questions (pairs 2 and 3); the last
# answer ends with a question, so that naming MR. JONES as a questioner makes a third question.
BRIEFING = """---
title: "Trade briefing with Ms. Smith"
date: 2024-03-05
---

MS. SMITH: Good afternoon, everyone. I have two announcements today about the economy and our trade partners.

Q: Thank you. What about trade with Canada, and the tariffs announced last week?

MS. SMITH: Trade with Canada is strong and growing. The tariffs are a matter for the Commerce Department.

Q: And the budget? When will Congress see it?

MS. SMITH: The budget will be sent next week. It is a good budget for working families.

MR. JONES: If I may add one thing: the budget also cuts the deficit. Does that answer it?

MS. SMITH: Thank you, that is right.
"""
TITLE = "Trade briefing with Ms. Smith"


def query(page: Page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def wait_for_reader(page: Page) -> None:
    page.wait_for_url(lambda url: urlparse(url).path in ("/", "/reader"))
    page.locator(ANSWER).wait_for()


def assert_on_answer(page: Page, pair: int, n_pairs: int = N_DEFAULT, question: str | None = None) -> None:
    """The Reader shows ``pair``: its option is checked, the caption and the heading name it. The default
    interview has no opening statements (its pairs are its questions); the briefing here has."""
    expect(radio_options(page).nth(pair - 1)).to_be_checked()
    caption = f"question {pair} of {n_pairs}" if n_pairs == N_DEFAULT else f"pair {pair} of {n_pairs} · pair 1 is the opening"
    expect(main(page)).to_contain_text(caption)
    expect(main(page).locator("h5", has_text=re.compile(rf"^Question {pair} ·"))).to_have_count(1)
    if question:
        expect(main(page)).to_contain_text(question)


def briefing_file(tmp_path: Path) -> Path:
    path = tmp_path / "2024-03-05-press-briefing-by-press-secretary-ms-smith-on-trade-and-budget.md"
    path.write_text(BRIEFING, encoding="utf-8")
    return path




# --- chart marks and table rows land on the answer they show ---------------------------------------------


def test_overview_point_of_answer_1_opens_answer_1_not_the_last_one_read(page: Page, server: str):
    open_reader(page, server, "?pair=5")
    nav(page, "Overview")
    points = page.locator(".js-plotly-plot").first.locator(".scatterlayer .trace").first.locator("path.point")
    expect(points).to_have_count(N_DEFAULT)
    points.first.click(force=True)
    wait_for_reader(page)
    assert_on_answer(page, 1, question=Q1)
    assert query(page).get("pair", ["1"]) == ["1"]
    page.reload()
    page.locator(ANSWER).wait_for()
    assert_on_answer(page, 1, question=Q1)
    nav(page, "Overview")  # and another answer: it is in the link, so a reload keeps it
    points.nth(5).click(force=True)
    page.wait_for_url(re.compile(r"[?&]pair=6\b"))
    assert_on_answer(page, 6)
    page.reload()
    page.locator(ANSWER).wait_for()
    assert_on_answer(page, 6)
    assert_no_errors(page)


def test_overview_table_first_row_opens_answer_1_after_reading_another(page: Page, server: str):
    open_reader(page, server, "?pair=4")
    expect(main(page)).to_contain_text(Q4)
    nav(page, "Overview")
    page.get_by_role("tab", name="Table").click()
    grid = main(page).locator("[data-testid=stDataFrame]").first
    grid.wait_for()
    click_grid_row(page, grid, 0)
    wait_for_reader(page)
    assert_on_answer(page, 1, question=Q1)


def test_kwic_line_opens_its_own_answer(page: Page, server: str):
    """The first concordance line of side A (answers 1-3) opens the answer it was found in."""
    side_a = sides.select(DEFAULT, document="bezrukov-2018", kind="pairs", pairs=(1, 2, 3))
    lines = concordance.kwic(side_a.units, "image", width=70)
    assert len(lines) >= 2
    first_pair = int(lines.iloc[0]["pair"])
    open_reader(page, server, "?pair=8")  # the answer last read must not be the one opened
    nav(page, "Compare")
    term = main(page).get_by_label(re.compile("^Term or phrase"))
    term.fill("image")
    term.press("Enter")
    expect(main(page)).to_contain_text(f"A: {len(lines)} lines")
    grid = main(page).locator("[data-testid=stDataFrame]").filter(has=page.locator("canvas")).nth(2)
    click_grid_row(page, grid, 0)
    wait_for_reader(page)
    assert_on_answer(page, first_pair, question=" ".join(DEFAULT.pairs[first_pair - 1].question.split()[:6]))


def test_actor_sentence_first_row_opens_its_answer(page: Page, server: str):
    page.goto(server + "/?pair=7")
    page.locator(ANSWER).wait_for()
    nav(page, "Actors")
    heading = main(page).locator("h5", has_text="mention")
    heading.wait_for()
    grid = main(page).locator("[data-testid=stDataFrame]").first
    grid.wait_for()
    result = run.analyze(DEFAULT, document="bezrukov-2018")
    mentions = actors.mentions(result)
    top = actors.summary(result, mentions).iloc[0]
    rows = actors.sentences_for(result, mentions, top["actor"], role="answer")
    first_pair = int(rows.iloc[0]["pair"])
    assert first_pair != 7
    click_grid_row(page, grid, 0)
    wait_for_reader(page)
    assert_on_answer(page, first_pair)


# --- Library -> Reader --------------------------------------------------------------------------------------


def test_library_open_in_the_reader_opens_that_document_at_its_first_answer(page: Page, server: str, tmp_path: Path):
    with library.Library(Path(os.environ["DISCOURSE_LIBRARY"])) as lib:
        rec = lib.add(briefing_file(tmp_path).name, BRIEFING.encode())
    open_reader(page, server, "?pair=3")  # the last answer read: the new document must not open at 3
    nav(page, "Library")
    search = main(page).get_by_label("Search (id, name, title or tag)")
    search.fill(rec.id)
    search.press("Enter")
    expect(main(page)).to_contain_text("1 document match")
    click_grid_row(page, main(page).locator("[data-testid=stDataFrame]").first, 0)
    main(page).get_by_role("button", name="Open in the Reader").click()
    wait_for_reader(page)
    assert query(page)["doc"] == [rec.id]
    expect(main(page)).to_contain_text("opening statements (pair 1 of 3)")
    expect(radio_options(page).first).to_be_checked()
    expect(sidebar(page)).to_contain_text(f"{TITLE} (library)")  # its title, not its long file name
    assert_no_errors(page)
    page.reload()
    page.locator(ANSWER).wait_for()
    assert query(page)["doc"] == [rec.id]
    expect(main(page)).to_contain_text("opening statements (pair 1 of 3)")
    radio_options(page).nth(1).click(force=True)
    page.wait_for_url(re.compile(r"pair=2"))
    assert_on_answer(page, 2, n_pairs=3, question="What about trade with Canada")
    page.reload()
    page.locator(ANSWER).wait_for()
    assert_on_answer(page, 2, n_pairs=3, question="What about trade with Canada")


# --- Upload ---------------------------------------------------------------------------------------------


def test_upload_opens_at_its_first_answer_with_its_title_and_one_numbering(page: Page, server: str, tmp_path: Path):
    open_reader(page, server, "?pair=3")
    nav(page, "Upload")
    upload(page, briefing_file(tmp_path))
    page.get_by_role("button", name="Analyse and open in the Reader").click()
    wait_for_reader(page)
    expect(main(page)).to_contain_text("opening statements (pair 1 of 3)")
    expect(radio_options(page).first).to_be_checked()
    expect(sidebar(page)).to_contain_text(f"{TITLE} (uploaded)")
    expect(sidebar(page)).not_to_contain_text("press-briefing-by-press-secretary")
    radio_options(page).nth(2).click(force=True)
    page.wait_for_url(re.compile(r"pair=3"))
    # Heading, caption, list and URL all say 3 for the second question of a briefing.
    assert_on_answer(page, 3, n_pairs=3, question="And the budget?")
    expect(main(page)).to_contain_text("pair 3 of 3 · pair 1 is the opening statements")
    nav(page, "Overview")
    expect(main(page).locator("h4")).to_contain_text(f"{TITLE} (uploaded)")
    nav(page, "Compare")
    expect(main(page)).to_contain_text("Side A: document")


def test_correcting_who_asks_updates_the_summary_line(page: Page, server: str, tmp_path: Path):
    doc = parse_bytes(BRIEFING.encode(), name="b.md")
    corrected = parse_bytes(BRIEFING.encode(), name="b.md", interviewer=["Q", "MR. JONES"])
    assert len(corrected.qa_pairs) == len(doc.qa_pairs) + 1
    page.goto(server + "/upload")
    upload(page, briefing_file(tmp_path))
    expect(main(page)).to_contain_text(f"{len(doc.qa_pairs)} question–answer pairs and the opening statements (pair 1)")
    askers = main(page).locator("[data-testid=stMultiSelect]")
    askers.click()
    page.get_by_role("option", name="MR. JONES").click()
    page.keyboard.press("Escape")
    expect(main(page)).to_contain_text(f"{len(corrected.turns)} turns · {len(corrected.qa_pairs)} question–answer pairs")
    expect(main(page)).not_to_contain_text(f"· {len(doc.qa_pairs)} question–answer pairs")


def test_a_link_to_an_upload_of_an_ended_session_says_so(page: Page, server: str):
    page.goto(server + "/?doc=old-upload-123abc&pair=2")
    notice = main(page).locator("[data-testid=stAlertContentWarning]")
    expect(notice).to_contain_text("old-upload-123abc")
    expect(notice).to_contain_text("not available")
    expect(main(page).get_by_role("link", name="Upload it again")).to_be_visible()
    expect(page.locator(ANSWER)).to_have_count(0)  # the default interview is not shown in its place
    page.reload()  # the link keeps naming the document: a second look says the same, never the default
    expect(notice).to_contain_text("old-upload-123abc")
    assert query(page)["doc"] == ["old-upload-123abc"]
    expect(page.locator(ANSWER)).to_have_count(0)
    nav(page, "Overview")  # every page says it, not only the Reader
    expect(main(page).locator("[data-testid=stAlertContentWarning]")).to_contain_text("old-upload-123abc")
    main(page).get_by_role("button", name="Open the default interview instead").click()
    page.locator(".js-plotly-plot").first.wait_for()
    expect(main(page).locator("[data-testid=stAlertContentWarning]")).to_have_count(0)
    assert_no_errors(page)


def test_upload_it_again_leads_to_the_file_picker(page: Page, server: str):
    page.goto(server + "/?doc=old-upload-123abc")
    main(page).get_by_role("link", name="Upload it again").click()
    page.wait_for_url(re.compile(r"/upload"))
    expect(page.locator("[data-testid=stFileUploader]")).to_be_visible()
    expect(main(page)).to_contain_text("old-upload-123abc is not available")


def test_an_upload_survives_a_reload_and_its_link_opens_in_a_new_session(page: Page, server: str, tmp_path: Path):
    page.goto(server + "/upload")
    upload(page, briefing_file(tmp_path))
    page.get_by_role("button", name="Analyse and open in the Reader").click()
    wait_for_reader(page)
    radio_options(page).nth(2).click(force=True)
    page.wait_for_url(re.compile(r"pair=3"))
    doc_id = query(page)["doc"][0]
    page.reload()
    page.locator(ANSWER).wait_for()
    assert query(page)["doc"] == [doc_id]
    assert_on_answer(page, 3, n_pairs=3, question="And the budget?")
    expect(sidebar(page)).to_contain_text(f"{TITLE} (uploaded)")
    link = page.url
    other = page.context.browser.new_context(viewport={"width": 1280, "height": 720})
    try:  # a new session (another browser) on the same server opens the link too
        p2 = other.new_page()
        p2.goto(link)
        p2.locator(ANSWER).wait_for()
        assert_on_answer(p2, 3, n_pairs=3, question="And the budget?")
    finally:
        other.close()


# --- Compare keeps its sides ------------------------------------------------------------------------------


def test_compare_keeps_its_sides_and_term_across_pages_and_reloads(page: Page, server: str):
    page.goto(server + "/compare")
    kind_b = main(page).locator("[data-testid=stSelectbox]").filter(has_text="which text").nth(1)
    kind_b.click()
    page.get_by_role("option", name="all questions").click()
    expect(main(page)).to_contain_text("all questions")
    term = main(page).get_by_label(re.compile("^Term or phrase"))
    term.fill("russophob*")
    term.press("Enter")
    expect(main(page)).to_contain_text(re.compile(r"A: \d+ lines"))
    page.wait_for_url(re.compile(r"compare-term=russophob"))
    shared = page.url

    def assert_kept() -> None:
        expect(main(page).get_by_label(re.compile("^Term or phrase"))).to_have_value("russophob*")
        expect(main(page)).to_contain_text(re.compile(r"B: bezrukov-2018: all questions · "))
        expect(main(page)).to_contain_text("pairs 1-3")

    nav(page, "Overview")
    page.locator(".js-plotly-plot").first.wait_for()
    nav(page, "Compare")
    assert_kept()
    # Back on the page, the link holds the comparison again (Streamlit writes the bound widgets into the
    # address after the run; a reload before that, which no person is fast enough for, read an empty term).
    page.wait_for_url(re.compile(r"compare-term=russophob"))
    page.reload()
    assert_kept()
    other = page.context.browser.new_context(viewport={"width": 1280, "height": 720})
    try:  # the link is shareable: a new session opens the same comparison
        p2 = other.new_page()
        p2.goto(shared)
        expect(main(p2).get_by_label(re.compile("^Term or phrase"))).to_have_value("russophob*")
        expect(main(p2)).to_contain_text(re.compile(r"B: bezrukov-2018: all questions · "))
    finally:
        other.close()


def test_compare_term_tables_show_whole_terms_and_every_column(page: Page, server: str):
    """At 1280 px the two term tables fit their column: no horizontal scrolling, no term cut short
    ("security cou")."""
    from analysis.comparison import keyness

    side_a = sides.select(DEFAULT, document="bezrukov-2018", kind="pairs", pairs=(1, 2, 3))
    side_b = sides.select(DEFAULT, document="bezrukov-2018", kind="pairs", pairs=(5, 6))
    terms = keyness.compare(side_a, side_b, ngrams="words", stopwords="drop", min_count=3)
    shown = list(terms.head(12)["term"]) + list(terms.tail(12)["term"])
    page.goto(server + "/compare")
    tables = main(page).locator("[data-testid=stDataFrame]")
    expect(tables).to_have_count(2)
    for i in range(2):
        tables.nth(i).scroll_into_view_if_needed()
        scroller = tables.nth(i).locator(".dvn-scroller")
        expect(scroller).to_be_attached()
        over = scroller.evaluate("el => el.scrollWidth - el.clientWidth")
        assert over <= 1, f"table {i} scrolls sideways by {over} px: a column is hidden"
    # The widest term shown, measured in the grid's own font, fits the term column (150 px, 8 px padding a side).
    widest = page.evaluate(
        """terms => { const c = document.createElement('canvas').getContext('2d');
        const cell = getComputedStyle(document.querySelector('[data-testid=stDataFrame]'));
        c.font = `${cell.fontSize} ${cell.fontFamily}`;
        return Math.max(...terms.map(t => c.measureText(t).width)); }""",
        shown,
    )
    assert widest <= 150 - 16, (widest, max(shown, key=len))

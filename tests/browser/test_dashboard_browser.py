"""What only a browser shows: the pages drawn, clicks on chart marks, uploads, escaping, keyboard focus.

Run with ``python -m pytest tests/browser -q`` (about a minute). Uploads live in the Streamlit session,
so after an upload the tests move between pages by clicking the navigation, never by ``page.goto``
(a reload starts a new session).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect

from analysis.transcripts import DEFAULT_DOCUMENT, parse_bytes

pytestmark = pytest.mark.browser

BRIEFING = "2021-01/2021-01-20-press-briefing-by-press-secretary-jen-psaki-january-20-2021.md"
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
DEFAULT = parse_bytes(DEFAULT_DOCUMENT.read_bytes(), name=DEFAULT_DOCUMENT.name)
N_DEFAULT = len(DEFAULT.pairs)
Q1 = "What type of role do companies, particularly Russian companies"
Q4 = "Do you personally believe in soft power"
ANSWER = ".dd-text[data-role=answer]"  # the answer block (the question is highlighted too)
UPLOADER_INPUT = "[data-testid=stFileUploaderDropzoneInput]"


def main(page: Page):
    return page.locator("[data-testid=stMain]")


def sidebar(page: Page):
    return page.locator("[data-testid=stSidebar]")


def radio_options(page: Page):
    return sidebar(page).locator("[data-testid=stRadio] input[type=radio]")


def reader_url(pair: int | None = None, doc_prefix: str | None = None):
    """A predicate for ``page.wait_for_url``: the Reader (``/``), optionally at ``?pair=`` / ``?doc=``."""

    def match(url: str) -> bool:
        u = urlparse(url)
        q = parse_qs(u.query)
        return (
            u.path in ("/", "/reader")
            and (pair is None or q.get("pair") == [str(pair)])
            and (doc_prefix is None or q.get("doc", [""])[0].startswith(doc_prefix))
        )

    return match


def assert_no_errors(page: Page) -> None:
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    expect(page.locator("[data-testid=stAlertContentError]")).to_have_count(0)


def idle(page: Page) -> None:
    """Wait until the script run that the last action started has finished. Until then Streamlit keeps the
    previous run's elements on the page (stale) beside the new ones: a widget whose key changed is there twice."""
    expect(page.locator("[data-testid=stApp]")).to_have_attribute("data-test-script-state", "notRunning")


def click_grid_row(page: Page, grid, row: int = 0) -> None:
    """Select row ``row`` (from 0) of a Streamlit dataframe: a click in its first column (the row's selection
    box), below the 35 px header; rows are 35 px high. The grid is a canvas (glide-data-grid), so the click
    lands by position: only once the script run that drew it has ended (until then the previous run's grid
    can still be on the page, and a click on it is lost when the new one replaces it) and once the grid has
    stopped moving (a box read while a scroll or a rerun's layout settles misses the row)."""
    idle(page)
    grid.scroll_into_view_if_needed()
    page.wait_for_function(
        "el => new Promise(r => { const a = el.getBoundingClientRect().top;"
        " requestAnimationFrame(() => requestAnimationFrame(() => r(el.getBoundingClientRect().top === a))); })",
        arg=grid.element_handle(),
    )
    box = grid.bounding_box()
    header = row_height = 35  # Streamlit's default header and row heights, in CSS pixels
    page.mouse.click(box["x"] + 15, box["y"] + header + row * row_height + row_height / 2)


def open_reader(page: Page, base: str, query: str = "") -> None:
    page.goto(base + "/" + query)
    page.locator(ANSWER).wait_for()
    page.locator(".js-plotly-plot").first.wait_for()


def nav(page: Page, title: str) -> None:
    """Move to another page inside the same session (the top navigation's link)."""
    page.locator("[data-testid=stTopNavLink]", has_text=title).first.click()


def upload(page: Page, path: Path) -> None:
    page.locator("[data-testid=stFileUploader]").wait_for()
    page.set_input_files(UPLOADER_INPUT, str(path))
    main(page).get_by_text("Pairs as parsed").wait_for()


def analyse(page: Page, doc_prefix: str) -> None:
    page.get_by_role("button", name="Analyse and open in the Reader").click()
    page.wait_for_url(reader_url(doc_prefix=doc_prefix))
    page.locator(ANSWER).wait_for()
    page.locator(".js-plotly-plot").first.wait_for()


# --- 1. the default document ---------------------------------------------------------------------------


def test_reader_shows_the_nine_questions(page: Page, server: str, screenshot):
    open_reader(page, server)
    expect(radio_options(page)).to_have_count(N_DEFAULT)
    assert N_DEFAULT == 9
    expect(main(page)).to_contain_text(Q1)
    expect(main(page)).to_contain_text(f"question 1 of {N_DEFAULT}")
    assert page.locator(".js-plotly-plot").count() >= 1
    expect(page.locator(".dd-text .a").first).to_be_visible()
    assert_no_errors(page)
    screenshot(page, "reader")


def test_methods_page(page: Page, server: str, screenshot):
    page.goto(server + "/methods")
    expect(main(page)).to_contain_text("How the numbers are made")
    expect(main(page).locator("[data-testid=stDataFrame]").first).to_be_visible()
    assert_no_errors(page)
    screenshot(page, "methods")


# --- 2. chart marks lead into the Reader -----------------------------------------------------------------


def test_overview_tabs_draw_one_view_each_and_keep_it_in_the_url(page: Page, server: str, screenshot):
    page.goto(server + "/overview")
    charts = page.locator(".js-plotly-plot")
    expect(charts).to_have_count(1)  # only the open tab (the arc) is built and drawn
    for view, selector in (("Topics", ".scatterlayer .trace path.point"), ("Alignment", ".barlayer .trace path"),
                           ("Markers", ".scatterlayer .trace path.point")):
        page.get_by_role("tab", name=view).click()
        page.wait_for_url(re.compile(rf"view={view}"))
        expect(charts).to_have_count(1)
        expect(charts.first.locator(selector).first).to_be_attached()
    page.get_by_role("tab", name="Table").click()
    expect(charts).to_have_count(0)
    expect(main(page).locator("[data-testid=stDataFrame]")).to_have_count(1)
    page.goto(server + "/overview?view=Topics")  # a copied link reopens the tab
    expect(page.get_by_role("tab", name="Topics")).to_have_attribute("aria-selected", "true")
    expect(charts.first.locator(".scatterlayer .trace path.point").first).to_be_attached()
    assert_no_errors(page)


def test_overview_arc_point_opens_that_answer(page: Page, server: str, screenshot):
    page.goto(server + "/overview")
    charts = page.locator(".js-plotly-plot")
    points = charts.first.locator(".scatterlayer .trace").first.locator("path.point")
    expect(points).to_have_count(N_DEFAULT)
    assert_no_errors(page)
    screenshot(page, "overview")
    points.nth(3).click(force=True)
    page.wait_for_url(reader_url(pair=4))
    expect(main(page)).to_contain_text(Q4)
    expect(main(page)).to_contain_text(f"question 4 of {N_DEFAULT}")
    expect(radio_options(page).nth(3)).to_be_checked()


def test_overview_alignment_bar_opens_that_answer(page: Page, server: str):
    page.goto(server + "/overview?view=Alignment")
    chart = page.locator(".js-plotly-plot").first
    chart.scroll_into_view_if_needed()
    bars = chart.locator(".barlayer .trace").first.locator("path")
    expect(bars).to_have_count(N_DEFAULT)
    bars.nth(6).click(force=True)  # answer 7, which challenges its question's premise
    page.wait_for_url(reader_url(pair=7))
    expect(main(page)).to_contain_text("Challenges the question's premise")


def test_overview_heatmap_cell_opens_that_answer(page: Page, server: str):
    page.goto(server + "/overview?view=Topics")
    heat = page.locator(".js-plotly-plot").first
    cells = heat.locator(".scatterlayer .trace path.point")
    cells.first.wait_for(state="attached")
    per_answer = cells.count() // N_DEFAULT
    assert per_answer >= 2 and cells.count() == per_answer * N_DEFAULT
    cells.nth(6 * per_answer + 2).click(force=True)  # answer 7, third topic
    page.wait_for_url(reader_url(pair=7))
    expect(main(page)).to_contain_text(" ".join(DEFAULT.pairs[6].question.split()[:6]))
    expect(main(page)).to_contain_text(f"question 7 of {N_DEFAULT}")


# --- 3. upload a real press briefing ---------------------------------------------------------------------


def test_upload_briefing_and_read_it(page: Page, server: str, briefings_dir: Path, screenshot):
    path = briefings_dir / BRIEFING
    doc = parse_bytes(path.read_bytes(), name=path.name)
    page.goto(server + "/upload")
    upload(page, path)
    expect(main(page)).to_contain_text(f"{len(doc.turns)} turns · {len(doc.qa_pairs)} question–answer pairs")
    speakers = main(page).locator("[data-testid=stDataFrame]").first
    expect(speakers).to_contain_text("MS. PSAKI")
    assert_no_errors(page)
    screenshot(page, "upload")

    analyse(page, doc_prefix="2021-01-20-press-briefing")
    expect(sidebar(page)).to_contain_text(f"{doc.title} (uploaded)")  # its title, not its file name
    chooser = sidebar(page).get_by_role("combobox", name="Document")
    expect(chooser).to_have_value(re.compile(r"^2021-01-20-press-briefing"))
    expect(radio_options(page)).to_have_count(len(doc.pairs))
    expect(main(page)).to_contain_text("opening statements")  # pair 1 of a briefing: before any question
    expect(main(page)).to_contain_text("Opening statements (before the first question)")
    questions = sidebar(page).locator("[data-testid=stRadio]")
    expect(questions).to_contain_text("Opening statement…")  # the opening segment has no question
    expect(questions).not_to_contain_text("nan…")
    second = doc.pairs[1]
    sidebar(page).locator("[data-testid=stRadioOption]").nth(1).click()
    page.wait_for_url(reader_url(pair=second.pair))
    expect(main(page)).to_contain_text(" ".join(second.question.split()[:8]))
    expect(main(page)).to_contain_text(f"pair {second.pair} of {len(doc.pairs)} · pair 1 is the opening statements")
    expect(main(page).locator(ANSWER)).to_contain_text(" ".join(second.answer.split()[:5]))
    expect(main(page).locator(".js-plotly-plot")).to_have_count(1)  # the sentence chart
    expect(main(page).locator(".dd-topics").first).to_contain_text("per 1,000 words")  # the topic bars
    assert_no_errors(page)
    screenshot(page, "reader-upload")


# --- 4. hostile text is shown, never run -----------------------------------------------------------------


def _hostile_md() -> str:
    return (
        f'---\ntitle: "Talk {SCRIPT} {IMG}"\ndate: 2024-01-02\n---\n\n'
        f"Q: Is this {SCRIPT} safe? And {IMG} too? We wonder & ask.\n\n"
        f"A: It is {SCRIPT} fine, and {IMG} is good. We are happy & proud of the economy.\n\n"
        "Q: Second question, good or bad?\n\nA: Bad answer, really terrible.\n"
    )


def _hostile_json() -> str:
    asker, guest = f"Interviewer {SCRIPT}", f"Guest {IMG}"
    return json.dumps(
        [
            {"speaker": asker, "text": f"Is this {SCRIPT} safe? And {IMG} too?"},
            {"speaker": guest, "text": f"It is {SCRIPT} fine, and {IMG} is good. We are happy & proud of the economy."},
            {"speaker": asker, "text": "Second question, good or bad?"},
            {"speaker": guest, "text": "Bad answer, really terrible."},
        ]
    )


def _assert_nothing_ran(page: Page, dialogs: list[str]) -> None:
    assert page.evaluate("document.querySelectorAll('img[src=\"x\"]').length") == 0
    scripts = "[...document.querySelectorAll('script')].filter(s => s.textContent.includes('alert(1)')).length"
    assert page.evaluate(scripts) == 0
    assert page.evaluate("[...document.querySelectorAll('[onerror]')].length") == 0
    assert dialogs == []


@pytest.mark.parametrize(
    ("name", "content", "speaker_text"),
    [
        ("hostile.md", _hostile_md(), None),  # Q:/A: labels; the payload in the title, question and answer
        ("hostile.json", _hostile_json(), f"Guest {IMG}"),  # the payload in the speaker labels too
    ],
)
def test_hostile_upload_is_escaped(
    page: Page, server: str, tmp_path: Path, dialogs: list[str], screenshot, name, content, speaker_text
):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    page.goto(server + "/upload")
    upload(page, path)
    expect(main(page).get_by_text(SCRIPT).first).to_be_visible()  # as text: in the summary line or the askers
    _assert_nothing_ran(page, dialogs)

    analyse(page, doc_prefix="hostile")
    question = main(page).get_by_text(f"Is this {SCRIPT} safe? And {IMG} too?")
    expect(question).to_be_visible()
    expect(main(page).locator(ANSWER)).to_contain_text(f"It is {SCRIPT} fine, and {IMG} is good.")
    expect(sidebar(page)).to_contain_text(f"Is this {SCRIPT} safe?")  # the radio caption
    if speaker_text:
        expect(main(page)).to_contain_text(f"Answer · {speaker_text}")
    assert_no_errors(page)
    _assert_nothing_ran(page, dialogs)
    screenshot(page, f"reader-{name.replace('.', '-')}")

    # Plotly hover labels are HTML: hover the first answer of the arc and read the label as text.
    nav(page, "Overview")
    arc_points = page.locator(".js-plotly-plot").first.locator(".scatterlayer .trace").first.locator("path.point")
    expect(arc_points).to_have_count(2)
    arc_points.first.hover(force=True)
    expect(page.locator(".hoverlayer .hovertext").first).to_contain_text(SCRIPT)
    _assert_nothing_ran(page, dialogs)


# --- 5. the keyboard reaches the explained words ---------------------------------------------------------


def test_tab_reaches_a_highlighted_word_and_shows_its_explanation(page: Page, server: str):
    open_reader(page, server)
    first = page.locator(".dd-text .a").first
    assert first.evaluate("el => getComputedStyle(el, '::after').content") == "none"  # no tip before focus
    on_word = "document.activeElement.classList.contains('a') && !!document.activeElement.closest('.dd-text')"
    for presses in range(1, 201):
        page.keyboard.press("Tab")
        if page.evaluate(on_word):
            break
    else:
        pytest.fail("200 presses of Tab never reached a highlighted word")
    focused = page.evaluate_handle("document.activeElement")
    assert focused.evaluate("el => el.tabIndex") == 0
    tip = focused.evaluate("el => el.dataset.tip")
    assert tip and tip.strip()
    # The explanation is drawn by CSS (:focus::after { content: attr(data-tip) }).
    shown = focused.evaluate("el => getComputedStyle(el, '::after').content")
    assert shown != "none" and tip.splitlines()[0] in shown


# --- Compare: two sides, a clicked term, its lines --------------------------------------------------------


def test_compare_click_a_term_and_read_its_lines(page: Page, server: str, screenshot):
    page.goto(server + "/compare")
    charts = main(page).locator(".js-plotly-plot")
    expect(charts).to_have_count(3)  # sentiment boxes, topic differences, term plot
    # The default sides: answers 1-3 (image, companies) against answers 5-6 (Russophobia, Skripal).
    expect(main(page)).to_contain_text("pairs 1-3")
    expect(main(page)).to_contain_text("pairs 5-6")
    term_plot = charts.nth(2)
    labels = term_plot.locator(".textpoint text")
    expect(labels.first).to_be_attached()
    # Click the mark of the most distinctive term of side A (the highest point).
    points = term_plot.locator(".scatterlayer .trace").first.locator("path.point")
    top_term = page.evaluate(
        "(() => { const p = document.querySelectorAll('.js-plotly-plot')[2]; const d = p._fullData[0];"
        " const y = Array.from(d.y); let best = 0; y.forEach((z, i) => { if (z > y[best]) best = i; }); return [best, d.customdata[best][0]]; })()"
    )
    points.nth(top_term[0]).click(force=True)
    term_box = main(page).get_by_label(re.compile("^Term or phrase"))
    expect(term_box).to_have_value(top_term[1])
    expect(main(page)).to_contain_text(re.compile(r"A: [1-9]\d* lines"))
    expect(main(page)).to_contain_text(re.compile(r"B: \d+ lines"))
    assert_no_errors(page)
    screenshot(page, "compare")

"""The workshop as a trainer runs it on a 1280x720 projector: guess, reveal with V, walk with the arrows,
hide the names; and the Actors page's chart -> sentences -> Reader.

Run with ``python -m pytest tests/browser/test_workshop_browser.py -q``. The workshop's state (the answer
shown, the guesses, what is revealed) is kept on the server under the workshop id in the URL
(``?ws=...&answer=3``): a reload, and the same URL in a new browser context (a new session, as after a
dropped connection), must come back to it. Keys are pressed with the focus on the page body (never in an
input), after the previous rerun has finished.
"""

from __future__ import annotations

import csv
import re
import time
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from analysis.document import actors
from analysis.pipeline import run
from analysis.store import library
from analysis.transcripts import DEFAULT_DOCUMENT, load, parse_bytes
from render.highlight import contrast
from tests.browser.test_dashboard_browser import click_grid_row, idle

pytestmark = pytest.mark.browser

N = 9  # answers of the default interview
# A long briefing of the press-briefings corpus: 80 answers, answer 1 is 1,843 words (the longest found).
# (84 until a turn that is only "(Laughs.)" stopped counting as an answer of its own; 83, with that answer
# second, until the Q turns "Good afternoon.", "Thanks.", "Okay." and "Poland's Foreign Minister." stopped
# opening pairs, issue 13.)
LONG_BRIEFING = (
    "2024-03/2024-03-12-press-briefing-by-press-secretary-karine-jean-pierre-and-national-security-advisor-jake-sullivan-12.md"
)
SIZES = [(1280, 720), (1920, 1080)]  # the projectors the workshop is laid out for
NAMES = ("Bezrukov", "PICREADI")  # the interviewee's and the interviewer's names in the default interview


def _tone(value: float) -> str:
    """VADER's own bands (±0.05), written out here so that the page's reading is checked, not copied."""
    return "positive" if value >= 0.05 else "negative" if value <= -0.05 else "neutral"


@pytest.fixture(scope="module")
def analysed():
    """The default interview's analysis, as the dashboard makes it (the expected values come from here)."""
    return run.analyze(load(DEFAULT_DOCUMENT), document=DEFAULT_DOCUMENT.name)


@pytest.fixture(scope="module")
def measured(analysed) -> list[float]:
    """The mean sentence sentiment of each answer of the default interview, in order."""
    answers = analysed.answers
    qa = answers[answers["kind"] == "qa"].reset_index(drop=True)
    assert len(qa) == N
    return [float(v) for v in qa["sentiment"]]


# --- helpers (main, sidebar, reader_url, assert_no_errors as in test_dashboard_browser.py) ------------------


def main(page: Page):
    return page.locator("[data-testid=stMain]")


def sidebar(page: Page):
    return page.locator("[data-testid=stSidebar]")


def reader_url(pair: int | None = None):
    """A predicate for ``page.wait_for_url``: the Reader (``/``), optionally at ``?pair=``."""

    def match(url: str) -> bool:
        u = urlparse(url)
        return u.path in ("/", "/reader") and (pair is None or parse_qs(u.query).get("pair") == [str(pair)])

    return match


def assert_no_errors(page: Page) -> None:
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
    expect(page.locator("[data-testid=stAlertContentError]")).to_have_count(0)


def press(page: Page, key: str) -> None:
    """A key pressed with the focus on the page body, as a trainer would after clicking beside the text."""
    page.evaluate("document.activeElement && document.activeElement.blur()")
    assert page.evaluate("document.activeElement === document.body")
    page.keyboard.press(key)


def open_list(combobox) -> None:
    """Open a Streamlit selectbox's list. A click on its input does not always open it; ArrowDown does, but a
    rerun that lands at the same moment (a chart's selection event) can close it again, hence the retries."""
    for _ in range(4):
        combobox.focus()
        combobox.press("ArrowDown")
        try:
            expect(combobox).to_have_attribute("aria-expanded", "true", timeout=2_000)
            return
        except AssertionError:
            continue
    expect(combobox).to_have_attribute("aria-expanded", "true")


def choose(page: Page, combobox, option: str) -> None:
    """Choose the option whose text contains ``option`` (reopening the list if a rerun closed it)."""
    for _ in range(3):
        open_list(combobox)
        try:
            page.locator("[role=option]", has_text=option).first.click(timeout=3_000)
            return
        except PlaywrightTimeoutError:
            continue
    open_list(combobox)
    page.locator("[role=option]", has_text=option).first.click()


def guess_box(page: Page):
    return main(page).locator(".st-key-ws-guess")


def tone_button(page: Page, tone: str):
    return main(page).locator(f".st-key-ws-tone-{tone} button")


def expect_tone_chosen(page: Page, tone: str) -> None:
    """The chosen tone is the filled (primary) button, ticked; the other two are not."""
    for t in ("negative", "neutral", "positive"):
        expect(tone_button(page, t)).to_have_text(f"✓ {t}" if t == tone else t)
        kind = "primary" if t == tone else "secondary"
        expect(tone_button(page, t)).to_have_attribute("data-testid", f"stBaseButton-{kind}")


def add_guess(page: Page, tone: str, topic_index: int, people: int) -> str:
    """Enter one guess through the controls and add it; returns the topic's label."""
    box = guess_box(page)
    tone_button(page, tone).click()
    expect_tone_chosen(page, tone)
    idle(page)
    topic_box = box.get_by_role("combobox", name="Main topic")
    open_list(topic_box)
    options = page.locator("[role=option]")
    expect(options.first).to_be_visible()
    topic = options.nth(topic_index).inner_text().strip()
    assert topic and topic != "none of these"
    options.nth(topic_index).click()
    expect(topic_box).to_have_value(topic)
    idle(page)
    count = box.get_by_role("spinbutton", name="People")
    count.fill(str(people))
    count.press("Tab")  # commits the number, as leaving the field does
    idle(page)
    expect(count).to_have_value(str(people))
    box.get_by_role("button", name="Add guess").click()
    return topic


def answer_block(page: Page):
    return main(page).locator(".dd-big .dd-text")


def progress(page: Page):
    return main(page).locator("[data-testid=stProgress]")


def open_workshop(page: Page, base: str) -> None:
    page.goto(base + "/workshop")
    expect(progress(page)).to_contain_text(f"Question 1 (1 of {N})")
    expect(answer_block(page)).to_be_visible()
    idle(page)


def at_answer(page: Page, k: int, n: int = N, pair: int | None = None) -> None:
    """The workshop shows its ``k``-th answer of ``n``, numbered ``pair`` as in the Reader (``k`` by default)."""
    expect(progress(page)).to_contain_text(f"Question {k if pair is None else pair} ({k} of {n})")
    idle(page)


def open_expander(page: Page, label: str):
    """Open the expander ``label`` in the main area and wait until it has finished opening.

    Streamlit mounts an expander's elements as it opens (each a 40 px skeleton until its code has loaded;
    the table is 72 px) and animates the opening for 500 ms, restarted when the content's height changes,
    with the content clipped (and scrolled, when Playwright brings a button into view). Until then the
    elements inside move: a click whose mousedown and mouseup fall on either side of a move is a click on
    the block around the button (Playwright checks the target of the mousedown only), and a download
    button clicked so downloads nothing."""
    expander = main(page).locator("[data-testid=stExpander]", has_text=label)
    expander.get_by_text(label).click()
    expect(expander.locator("[data-testid=stSkeleton]")).to_have_count(0)
    expect(expander.locator("details")).not_to_have_attribute("style", re.compile("height"))
    return expander


def open_sidebar(page: Page) -> None:
    """The workshop starts with its sidebar collapsed (a projector needs the width): open it."""
    expand = page.locator("[data-testid=stExpandSidebarButton]")
    if expand.is_visible():
        expand.click()
    expect(sidebar(page).get_by_text("Hide speakers' names")).to_be_visible()


def expect_hidden(page: Page) -> None:
    """No measure on the page: no tone, no measured mark, no coloured word, no underlined marker."""
    expect(main(page)).not_to_contain_text("Measured:")
    expect(main(page)).not_to_contain_text("◀ measured")
    expect(main(page)).not_to_contain_text("Questions for discussion")
    expect(answer_block(page).locator(".a.s")).to_have_count(0)
    expect(answer_block(page).locator(".m")).to_have_count(0)
    expect(main(page).get_by_role("button", name="Reveal the measures")).to_be_visible()
    expect(main(page)).to_contain_text("What does the room think?")


def expect_revealed(page: Page, tone: str) -> None:
    expect(main(page)).to_contain_text(f"Measured: {tone}")
    expect(main(page)).to_contain_text("◀ measured")
    expect(answer_block(page).locator(".a.s").first).to_be_visible()
    expect(main(page).get_by_role("button", name="Hide the measures")).to_be_visible()
    expect(main(page)).not_to_contain_text("What does the room think?")


def visible_text(page: Page) -> str:
    """The text a room can read: the page's rendered text and the values shown in visible inputs (a selectbox
    shows its value in an input, which ``inner_text`` leaves out)."""
    values = page.evaluate(
        "[...document.querySelectorAll('input')].filter(e => e.checkVisibility() && e.type !== 'checkbox')"
        ".map(e => e.value)"
    )
    return page.inner_text("body") + "\n" + "\n".join(values)


def assert_no_names(page: Page, where: str) -> None:
    text = visible_text(page).lower()
    for name in NAMES:  # case-insensitive: the document id "bezrukov-2018" names him too
        assert name.lower() not in text, f"{name} shows {where} with the names hidden"


# --- 1-3. guess, reveal, walk through the nine answers -------------------------------------------------------


def test_workshop_guess_reveal_and_walk_the_nine_answers(page: Page, server: str, screenshot, measured):
    assert round(measured[0], 2) == 0.27 and _tone(measured[0]) == "positive"

    # 1. Question 1 (1 of 9), in large type, nothing measured on show.
    open_workshop(page, server)
    expect(answer_block(page)).to_contain_text("Not big enough of a role.")
    size = answer_block(page).evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
    assert size >= 24, f"the answer is in {size}px type, not projector-sized"
    expect_hidden(page)
    expect(main(page).get_by_role("button", name=re.compile(r"Previous"))).to_be_disabled()
    assert_no_errors(page)

    # 2. The room's guess through the form: negative, a topic, four people.
    topic = add_guess(page, "negative", 1, 4)  # the second topic: not the pre-selected first one
    expect(main(page)).to_contain_text("4 guesses so far")
    expect(main(page)).to_contain_text("negative 4")
    expect(main(page)).to_contain_text(f"{topic} 4")
    idle(page)
    expect_hidden(page)  # a guess reveals nothing

    # ... then V, on the page body.
    press(page, "v")
    expect_revealed(page, "positive")
    expect(answer_block(page).locator(".m").first).to_be_visible()
    expect(main(page)).to_contain_text("Questions for discussion")
    expect(main(page)).to_contain_text("Discourse markers in this answer")
    # The guess is set beside the measure: four people said negative; the measured row is "positive".
    tones = main(page).locator(".dd-guesses[data-name=tone]")  # label, bar, count: three cells an option
    expect(tones).to_contain_text(re.compile(r"negative\s*4\s*neutral"))
    expect(tones).to_contain_text(re.compile(r"positive\s*0 ◀ measured"))
    expect(main(page)).to_contain_text("mean of 13 sentences")
    idle(page)
    assert_no_errors(page)
    # What the room sees after V: the measures (scrolled to), and the answer with its marks (the top).
    main(page).get_by_role("heading", name="Tone").evaluate("el => el.scrollIntoView({block: 'start'})")
    screenshot(page, "workshop-revealed")
    main(page).get_by_role("button", name="Hide the measures").scroll_into_view_if_needed()
    screenshot(page, "workshop-revealed-top")

    # 3. → hides the measures of the next answer; ← comes back to answer 1, still revealed.
    press(page, "ArrowRight")
    at_answer(page, 2)
    expect_hidden(page)
    expect(main(page)).not_to_contain_text(re.compile(r"\d+ guess(es)? so far"))  # the guesses are per answer
    press(page, "ArrowLeft")
    at_answer(page, 1)
    expect_revealed(page, "positive")
    expect(main(page)).to_contain_text("Guesses and measures so far (1 answer)")

    # Predict-then-reveal over the nine: → then V on each; each shows its own measured tone.
    for k in range(2, N + 1):
        press(page, "ArrowRight")
        at_answer(page, k)
        expect_hidden(page)
        press(page, "v")
        expect_revealed(page, _tone(measured[k - 1]))
        idle(page)
    expect(main(page).get_by_role("button", name=re.compile(r"^Next"))).to_be_disabled()
    press(page, "ArrowRight")  # past the last answer: stays there
    idle(page)
    expect(progress(page)).to_contain_text(f"Question {N} ({N} of {N})")
    # V again hides the measures (a toggle), and shows the form again.
    press(page, "v")
    expect_hidden(page)
    assert_no_errors(page)


def test_workshop_topic_guess_bar_is_drawn(page: Page, server: str):
    open_workshop(page, server)
    topic = add_guess(page, "negative", 1, 4)
    expect(main(page)).to_contain_text("4 guesses so far")
    idle(page)
    press(page, "v")
    expect_revealed(page, "positive")
    idle(page)
    tone_bar = main(page).locator(".dd-guesses[data-name=tone] .gbar[data-option=negative]")
    topic_bar = main(page).locator(f".dd-guesses[data-name=topic] .gbar[data-option='{topic}']")
    tone_width, topic_width = tone_bar.bounding_box()["width"], topic_bar.bounding_box()["width"]
    assert tone_width > 100  # 4 of 4 people: a long bar
    # The same share (all the room) must read as a bar of comparable length on the projector.
    assert topic_width >= tone_width / 2, f"the topic bar for 4 of 4 people is {topic_width:.0f}px wide"


# --- 3b. a reload, a new browser, and the CSV ----------------------------------------------------------------


def query(page: Page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def wait_for_answer_in_url(page: Page, k: int) -> None:
    page.wait_for_url(lambda url: parse_qs(urlparse(url).query).get("answer") == [str(k)])


def expect_tally(page: Page, positive: int, neutral: int, negative: int) -> None:
    """The revealed tone bars: label, bar, count for each option, in the order negative, neutral, positive."""
    tones = main(page).locator(".dd-guesses[data-name=tone]")
    pattern = rf"negative\s*{negative}(?!\d).*neutral\s*{neutral}(?!\d).*positive\s*{positive}(?!\d)"
    expect(tones).to_contain_text(re.compile(pattern, re.DOTALL))


def test_workshop_survives_a_reload_and_a_new_browser(page: Page, server: str, browser, screenshot, measured, analysed):
    open_workshop(page, server)
    ws = query(page).get("ws", "")
    assert re.fullmatch(r"[A-Za-z0-9_-]{12}", ws), f"no workshop id in {page.url}"
    wait_for_answer_in_url(page, 1)
    for k in (2, 3):
        press(page, "ArrowRight")
        at_answer(page, k)
    wait_for_answer_in_url(page, 3)
    first = add_guess(page, "positive", 1, 5)
    expect(main(page)).to_contain_text("5 guesses so far")
    idle(page)
    second = add_guess(page, "neutral", 2, 3)
    expect(main(page)).to_contain_text("8 guesses so far")
    idle(page)
    press(page, "v")
    tone = _tone(measured[2])
    expect_revealed(page, tone)
    expect_tally(page, 5, 3, 0)
    idle(page)

    # A reload: a new session, the same answer, the same guesses, still revealed.
    page.reload()
    at_answer(page, 3)
    expect_revealed(page, tone)
    expect_tally(page, 5, 3, 0)
    assert query(page)["ws"] == ws and query(page)["answer"] == "3"

    # The same address in a new browser context (a dropped connection, another computer).
    url = page.url
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        other = context.new_page()
        other.goto(url)
        at_answer(other, 3)
        expect_revealed(other, tone)
        expect_tally(other, 5, 3, 0)
        # Back to answer 1 there: not revealed, no guesses; and a reload keeps answer 1.
        for k in (2, 1):
            press(other, "ArrowLeft")
            at_answer(other, k)
        expect_hidden(other)
        wait_for_answer_in_url(other, 1)
        other.reload()
        at_answer(other, 1)
        expect_hidden(other)
        expect(main(other)).not_to_contain_text(re.compile(r"\d+ guess(es)? so far"))
    finally:
        context.close()

    # The CSV: the full tally of answer 3, its question, the measures and the time of the last guess.
    idle(page)
    button = open_expander(page, "Guesses and measures so far (1 answer)").get_by_role("button", name="Download (CSV)")
    expect(button).to_be_visible()
    idle(page)
    with page.expect_download(timeout=60_000) as download:
        button.click()
    with open(download.value.path(), newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 1
    row = rows[0]
    qa = analysed.answers[analysed.answers["kind"] == "qa"].reset_index(drop=True)
    assert row["pair"] == "3" and row["question"] == qa.loc[2, "question"]
    tally = (row["guesses_positive"], row["guesses_neutral"], row["guesses_negative"], row["people"])
    assert tally == ("5", "3", "0", "8")
    assert row["topic_guesses"] == f"{first} 5; {second} 3"
    assert row["tone_measured"] == tone and float(row["sentiment"]) == round(measured[2], 3)
    assert float(row["tone_agreement"]) == {"positive": 5 / 8, "neutral": 3 / 8}.get(tone, 0.0)
    assert row["topic_measured"] and row["topic_agreement"] != ""
    last = datetime.strptime(row["last_guess"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert abs(datetime.now(UTC) - last) < timedelta(minutes=10)
    assert_no_errors(page)


# --- 3c. a projector: controls beside the answer, line length, contrast, arrow keys ----------------------


@pytest.fixture(scope="module")
def long_briefing(briefings_dir) -> tuple[str, int, int, int]:
    """(document id, pair number, its place among the questions, questions) of the long briefing's first
    answer, kept in the server's library. The briefing opens with statements (pair 1), so its first
    question is pair 2."""
    path = briefings_dir / LONG_BRIEFING
    with library.Library(library.default_path()) as lib:
        record = lib.add(path.name, path.read_bytes())
    questions = parse_bytes(path.read_bytes(), name=path.name).qa_pairs
    assert len(questions) == 80 and questions[0].pair == 2 and len(questions[0].answer.split()) == 1843
    return record.id, questions[0].pair, 1, 80


@pytest.fixture
def sized_page(browser, server):
    """``sized_page(width, height)``: a fresh page (its own session) at that size."""
    contexts = []

    def make(width: int, height: int) -> Page:
        context = browser.new_context(viewport={"width": width, "height": height})
        context.set_default_timeout(30_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for c in contexts:
        c.close()


def longest_answer(analysed) -> int:
    """The number (from 1) of the default interview's longest answer."""
    qa = analysed.answers[analysed.answers["kind"] == "qa"].reset_index(drop=True)
    return int(qa["n_words"].idxmax()) + 1


def assert_in_viewport(page: Page, locator, what: str) -> None:
    """``locator`` is wholly on the screen as it is (nothing scrolled)."""
    box = locator.bounding_box()
    size = page.viewport_size
    assert box is not None, f"{what} is not shown"
    right, bottom = box["x"] + box["width"], box["y"] + box["height"]
    inside = box["x"] >= 0 and box["y"] >= 0 and right <= size["width"] and bottom <= size["height"]
    assert inside, f"{what} at {box} is not within the {size['width']}x{size['height']} window"


def chars_per_line(page: Page) -> list[int]:
    """Characters on each rendered line of the answer's first paragraph but its last line (grouped by
    the top of each character's box: what a reader sees as a line)."""
    return page.evaluate(
        """() => {
          const text = document.querySelector('.dd-big .dd-text');
          const lines = new Map(); const range = document.createRange();
          const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT); let node, done = false;
          while (!done && (node = walker.nextNode())) {
            for (let i = 0; i < node.length; i++) {
              if (node.data[i] === '\\n') { if (lines.size) { done = true; break; } continue; }
              range.setStart(node, i); range.setEnd(node, i + 1);
              const r = range.getClientRects()[0]; if (!r) continue;
              const top = Math.round(r.top); lines.set(top, (lines.get(top) || 0) + 1);
            }
          }
          return [...lines.values()].slice(0, -1);
        }"""
    )


def word_contrasts(page: Page) -> list[tuple[str, float]]:
    """(word, WCAG contrast of its text on its background) for every coloured word of the answer."""
    found = page.evaluate(
        """() => [...document.querySelectorAll('.dd-big .a.s')].map(e => {
             const s = getComputedStyle(e); return [e.textContent, s.color, s.backgroundColor]; })"""
    )

    def hex_of(css: str) -> str:
        r, g, b = (int(v) for v in re.findall(r"\d+", css)[:3])
        return f"#{r:02x}{g:02x}{b:02x}"

    return [(word, contrast(hex_of(ink), hex_of(bg))) for word, ink, bg in found]


@pytest.mark.parametrize("which", ["default interview", "long briefing"])
def test_workshop_guess_controls_and_tally_are_beside_the_longest_answer(
    sized_page, server: str, screenshot, analysed, which, request
):
    if which == "default interview":
        doc, k, n = "", longest_answer(analysed), N
        pair = k
        assert k == 6  # 639 words
    else:
        doc, pair, k, n = request.getfixturevalue("long_briefing")
    for width, height in SIZES:
        page = sized_page(width, height)
        page.goto(f"{server}/workshop?answer={pair}" + (f"&doc={doc}" if doc else ""))
        at_answer(page, k, n, pair)
        expect(answer_block(page)).to_be_visible()
        words = len(answer_block(page).inner_text().split())
        assert words >= 280, f"answer {k} has {words} words: not a long answer"
        size = answer_block(page).evaluate("el => parseFloat(getComputedStyle(el).fontSize)")
        assert size >= (24 if width < 1600 else 30), f"the answer is in {size}px type at {width}x{height}"
        # The answer scrolls inside its own box, which ends within the window.
        scroller = main(page).locator(".dd-big")
        assert_in_viewport(page, scroller, "the answer's box")
        assert scroller.evaluate("el => el.scrollHeight > el.clientHeight + 10")
        # The guess controls, on the screen with the answer.
        for name in ("negative", "neutral", "positive"):
            assert_in_viewport(page, tone_button(page, name), f"the '{name}' button")
        assert_in_viewport(page, guess_box(page).get_by_role("combobox", name="Main topic"), "the topic chooser")
        assert_in_viewport(page, guess_box(page).get_by_role("spinbutton", name="People"), "the people count")
        assert_in_viewport(page, guess_box(page).get_by_role("button", name="Add guess"), "Add guess")
        add_guess(page, "negative", 1, 4)
        expect(main(page)).to_contain_text("4 guesses so far")
        idle(page)
        assert_in_viewport(page, main(page).locator("[data-testid=ws-tally]"), "the tally")
        assert_in_viewport(page, main(page).get_by_role("button", name="Clear this answer's guesses"), "Clear")
        screenshot(page, f"workshop-{which.replace(' ', '-')}-{width}")
        # Revealed: the room's guesses beside the measures, still on the screen with the answer.
        press(page, "v")
        expect(main(page)).to_contain_text("Measured tone:")
        idle(page)
        assert_in_viewport(page, main(page).get_by_text("Measured tone:"), "the measured tone")
        assert_in_viewport(page, main(page).locator(".dd-guesses[data-name=tone]"), "the tone tally")
        assert_in_viewport(page, main(page).get_by_role("button", name="Hide the measures"), "Hide the measures")
        assert_in_viewport(page, main(page).locator(".dd-big"), "the answer's box")
        # Every coloured word is readable: its text on its colour reaches WCAG's 4.5:1.
        contrasts = word_contrasts(page)
        assert len(contrasts) > 10
        low = [(w, round(c, 2)) for w, c in contrasts if c < 4.5]
        assert not low, f"words below 4.5:1 at {width}: {low[:8]}"
        screenshot(page, f"workshop-{which.replace(' ', '-')}-revealed-{width}")
        assert_no_errors(page)


def test_workshop_answer_lines_hold_about_80_characters(sized_page, server: str, analysed):
    k = longest_answer(analysed)
    for width, height in SIZES:
        page = sized_page(width, height)
        page.goto(f"{server}/workshop?answer={k}")
        at_answer(page, k)
        lines = chars_per_line(page)
        assert len(lines) >= 5, f"characters per line at {width}: {lines}"
        median = sorted(lines)[len(lines) // 2]
        assert all(60 <= c <= 95 for c in lines) and 70 <= median <= 90, f"characters per line at {width}: {lines}"


def test_arrow_keys_move_between_answers_after_a_tone_is_chosen(page: Page, server: str):
    open_workshop(page, server)
    tone_button(page, "negative").click()  # the mouse, as a trainer would; the focus stays where it lands
    expect_tone_chosen(page, "negative")
    idle(page)
    page.keyboard.press("ArrowRight")
    at_answer(page, 2)
    expect_tone_chosen(page, "negative")  # the key moved the answer, not the choice
    # With the keyboard focus on a tone button itself (the worst case).
    tone_button(page, "negative").focus()
    assert tone_button(page, "negative").evaluate("el => el === document.activeElement")
    page.keyboard.press("ArrowRight")
    at_answer(page, 3)
    expect_tone_chosen(page, "negative")
    tone_button(page, "positive").focus()
    page.keyboard.press("ArrowLeft")
    at_answer(page, 2)
    expect_tone_chosen(page, "negative")
    assert_no_errors(page)


def test_the_workshop_sidebar_starts_collapsed_and_the_readers_comes_back(page: Page, server: str):
    open_workshop(page, server)
    expect(page.locator("[data-testid=stExpandSidebarButton]")).to_be_visible()
    expect(sidebar(page).get_by_text("Hide speakers' names")).not_to_be_in_viewport()
    page.locator("[data-testid=stTopNavLink]", has_text="Reader").first.click()
    expect(sidebar(page).locator("[data-testid=stRadio] input[type=radio]")).to_have_count(N)
    expect(sidebar(page).locator("[data-testid=stRadio]")).to_be_in_viewport()


def test_the_tone_buttons_keep_their_words_with_the_sidebar_open(page: Page, server: str):
    """Opened beside the workshop at 1280 px, the sidebar must not squeeze the tone buttons to "ne…"."""
    open_workshop(page, server)
    open_sidebar(page)
    idle(page)
    for tone in ("negative", "neutral", "positive"):
        button = tone_button(page, tone)
        expect(button).to_contain_text(tone)
        # Cut off: the label's text is wider than the element that shows it (an ellipsis somewhere inside).
        clipped = button.evaluate(
            "b => [b, ...b.querySelectorAll('*')].some(e => e.scrollWidth > e.clientWidth + 1)"
            " || b.querySelector('p').getBoundingClientRect().right > b.getBoundingClientRect().right"
        )
        assert not clipped, f"the '{tone}' button's label is cut off"
        assert_in_viewport(page, tone_button(page, tone), f"the '{tone}' button")


# --- 4. the names hidden ---------------------------------------------------------------------------------------


def test_workshop_hides_the_speakers_names(page: Page, server: str, screenshot, measured):
    open_workshop(page, server)
    body = visible_text(page)
    assert all(name in body for name in NAMES), "the names should show before the switch is on"
    open_sidebar(page)
    sidebar(page).get_by_text("Hide speakers' names").click()
    expect(sidebar(page).get_by_role("switch", name="Hide speakers' names")).to_be_checked()
    expect(main(page)).to_contain_text("Answer by Speaker A")
    expect(main(page)).to_contain_text("asked by Interviewer")
    idle(page)
    # The document chooser names the speaker too (its value is the id "bezrukov-2018", its caption the label).
    assert "Document 1" in visible_text(page)  # the chooser's stand-in, as its caption or its shown value
    assert_no_names(page, "on answer 1")
    screenshot(page, "workshop-anonymous")

    # Revealed, and on the other answers, the names stay hidden (measures, markers, the table's title).
    press(page, "v")
    expect_revealed(page, _tone(measured[0]))
    idle(page)
    assert_no_names(page, "on the revealed answer 1")
    for k in range(2, N + 1):
        press(page, "ArrowRight")
        at_answer(page, k)
        expect(main(page)).to_contain_text("Answer by Speaker A")
        assert_no_names(page, f"on answer {k}")
    # Off again: the names come back.
    sidebar(page).get_by_text("Hide speakers' names").click()
    expect(main(page)).to_contain_text("Answer by Andrey Bezrukov")
    assert_no_errors(page)


# --- 5. Actors: a point of the chart, its sentences, a row opens the Reader ------------------------------------


def _actor_point(page: Page, slug: str):
    """The chart mark of actor ``slug`` (by the customdata Plotly drew it with)."""
    index = page.evaluate(
        "slug => { const d = document.querySelector('.js-plotly-plot')._fullData[0];"
        " return Array.from(d.customdata).findIndex(c => c[0] === slug); }",
        slug,
    )
    assert index >= 0, f"{slug} is not on the chart"
    return main(page).locator(".js-plotly-plot .scatterlayer .trace").first.locator("path.point").nth(index)


_last_chart_click: dict[int, float] = {}  # id(page) -> time.monotonic() of the last click on a chart


def _click_actor(page: Page, slug: str, label: str) -> None:
    """Click an actor's mark once Plotly's hover is on it (Plotly clicks the hovered point, and a click
    right after a move can still land on the point hovered before).

    Two clicks on a Plotly chart within its double-click delay (``doubleClickDelay``, 300 ms) are a double
    click, whatever points they land on, and a double click clears the selection: on a quiet machine the
    test clicked the second point that fast and the page kept the first actor. A person clicks slower, so
    the second click waits until the delay since the first has passed."""
    point = _actor_point(page, slug)
    delay = page.evaluate("() => document.querySelector('.js-plotly-plot')._context.doubleClickDelay") / 1000
    if (last := _last_chart_click.get(id(page))) is not None and (wait := last + delay + 0.05 - time.monotonic()) > 0:
        page.wait_for_timeout(wait * 1000)
    point.hover(force=True)
    expect(page.locator(".hoverlayer .hovertext").first).to_contain_text(label)
    point.click(force=True)
    _last_chart_click[id(page)] = time.monotonic()


def _heading(page: Page):
    return main(page).get_by_text(re.compile(r"^\d+ answer sentences? mentions? "))


def test_actors_point_lists_sentences_and_a_row_opens_the_reader(page: Page, server: str, screenshot, analysed):
    # The list shows the answers' sentences, as the count and the tone do.
    mentions = actors.mentions(analysed, actors.load_actors())
    russia = actors.sentences_for(analysed, mentions, "russia", role="answer")
    n_russia = int(russia["mentions"].sum())
    # The first row whose pair is not 1 (the Reader opens at pair 1 anyway, so pair 1 would prove nothing).
    row = int((russia["pair"] != 1).to_numpy().argmax())
    pair = int(russia["pair"].iloc[row])
    assert pair != 1 and row < 8  # a row the table shows without scrolling

    page.goto(server + "/actors")
    chart = main(page).locator(".js-plotly-plot").first
    expect(chart.locator(".main-svg").first).to_be_visible()
    expect(chart.locator(".scatterlayer .trace path.point").first).to_be_attached()
    idle(page)
    assert_no_errors(page)
    expect(_heading(page)).to_have_text(
        f"{len(russia)} answer sentences mention Russia {n_russia} times (select a row to read the answer)"
    )

    # Russia is the first actor (the most mentioned), so first click another one, then Russia.
    _click_actor(page, "united_kingdom", "United Kingdom")
    expect(_heading(page)).to_contain_text("mention United Kingdom")
    idle(page)
    _click_actor(page, "russia", "Russia (")
    expect(_heading(page)).to_contain_text("mention Russia")
    expect(main(page).get_by_role("combobox", name="Actor")).to_have_value(f"Russia ({n_russia} mentions in answers)")
    idle(page)
    screenshot(page, "actors")
    table = main(page).locator("[data-testid=stDataFrame]").first
    expect(table).to_be_visible()
    _heading(page).evaluate("el => el.scrollIntoView({block: 'start'})")
    screenshot(page, "actors-sentences")

    click_grid_row(page, table, row)  # once the scroll above has settled
    page.wait_for_url(reader_url(pair=pair))
    expect(main(page)).to_contain_text(f"question {pair} of {N}")
    assert f"pair={pair}" in page.url
    assert_no_errors(page)


def test_actors_selectbox_still_chooses_after_a_chart_click(page: Page, server: str):
    """A clicked point must not pin the actor: the selectbox chooses another one afterwards."""
    page.goto(server + "/actors")
    expect(main(page).locator(".js-plotly-plot .main-svg").first).to_be_visible()
    idle(page)
    _click_actor(page, "united_kingdom", "United Kingdom")
    expect(_heading(page)).to_contain_text("mention United Kingdom")
    idle(page)
    chooser = main(page).get_by_role("combobox", name="Actor")
    choose(page, chooser, "Russia (")
    expect(chooser).to_have_value(re.compile(r"^Russia \("), timeout=5_000)
    expect(_heading(page)).to_contain_text("mention Russia", timeout=5_000)
    idle(page)
    expect(chooser).to_have_value(re.compile(r"^Russia \("))  # and the rerun did not put the clicked actor back

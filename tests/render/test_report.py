"""render.report: one self-contained HTML file; every piece of user text escaped; the CLI command."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from datetime import datetime, timezone
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import plotly.offline
import pytest

from analysis.pipeline import run
from analysis.sentence import markers, topics
from analysis.transcripts import DEFAULT_DOCUMENT, load, parse_text
from cli import main
from render import highlight, report

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
PLOTLY_JS = plotly.offline.get_plotlyjs()
MAX_BYTES = 6_000_000
REMOTE = re.compile(r"""\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


class _Page(HTMLParser):
    """Tags with their attributes, and the visible text (outside <script> and <style>)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._hidden += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._hidden:
            self.text.append(data)


def parsed(page: str) -> _Page:
    p = _Page()
    p.feed(without_bundle(page))
    p.close()
    return p


def without_bundle(page: str) -> str:
    assert page.count(PLOTLY_JS) == 1
    return page.replace(PLOTLY_JS, "")


@pytest.fixture(scope="module")
def default():
    doc = load(DEFAULT_DOCUMENT)
    result = run.analyze(doc, document=DEFAULT_DOCUMENT.name)
    page = report.build(doc, result, source_name=DEFAULT_DOCUMENT.name, document_sha256="d" * 64)
    return doc, result, page


def test_one_utf8_document_with_the_plotly_bundle_once(default):
    _, _, page = default
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert page.count(PLOTLY_JS) == 1
    assert page.count("* plotly.js v") == 1  # the bundle's licence header: no second copy, minified or not
    head = page[: page.index("</head>")]
    assert PLOTLY_JS in head
    assert len(page.encode("utf-8")) < MAX_BYTES


def test_every_question_and_answer_is_in_the_text(default):
    doc, _, page = default
    text = "".join(parsed(page).text)
    for p in doc.pairs:
        assert p.question in text
        assert p.answer in text  # highlighted word by word, but whole once the markup is read
        assert html.escape(p.question) in page


def test_nothing_remote(default):
    _, _, page = default
    rest = without_bundle(page)
    assert REMOTE.search(rest) is None
    assert "<link" not in rest.lower() and "@import" not in rest and "url(" not in rest
    for tag, attrs in parsed(page).tags:
        assert tag not in ("link", "iframe", "img", "object", "embed")
        if tag == "script":
            assert "src" not in attrs
        if tag == "a":
            assert attrs["href"].startswith("#"), attrs


def test_contents(default):
    doc, result, page = default
    text = " ".join(parsed(page).text)
    assert report.PRODUCT in text and "cues for discussion, not verdicts" in text
    assert doc.title in text and "2018-06-10" in text and DEFAULT_DOCUMENT.name in text
    # The header, the summary table, the charts, the transcript, the methods and the settings, in order.
    anchors = ["summary", "charts", "transcript", "methods", "settings"]
    positions = [page.index(f'<section id="{a}"') for a in anchors]
    assert positions == sorted(positions)
    for p in doc.pairs:
        assert f'id="answer-{p.pair}"' in page
    # arc, heatmap and one sentence chart per answer
    assert page.count('class="plotly-graph-div"') == 2 + int((result.answers["n_sentences"] > 0).sum())
    assert 'id="fig-arc"' in page and 'id="fig-heatmap"' in page
    assert "VADER" in text and "per 1,000 words" in text and "Coverage" in text


def test_numbers_are_formatted_like_the_dashboard(default):
    _, result, page = default
    summary = page[page.index('<section id="summary"') : page.index('<section id="charts"')]
    for row in result.answers.itertuples():
        for value in (row.sentiment, row.sentiment_min, row.sentiment_max):
            assert report.charts.number(value) in summary
    assert "-0.00" not in summary


def test_settings_that_reproduce_the_numbers(default):
    _, result, page = default
    settings = page[page.index('<section id="settings"') :]
    s = result.settings
    for key in ("sentiment_lexicon_sha256", "dictionary", "dictionary_version", "dictionary_sha256"):
        assert html.escape(str(s[key])) in settings
    assert "d" * 64 in settings  # the document's hash as given
    for package in ("python", "nltk", "pandas", "plotly"):
        assert f"<th>{package} version</th>" in settings


def test_document_hash_without_a_file_is_labelled():
    doc = parse_text("Q: Why?\n\nA: Because it is good.\n")
    page = report.build(doc, run.analyze(doc))
    assert "parsed document sha256" in page


HOSTILE_LABELLED = f"Q: Why {SCRIPT} and {IMG} now?\n\nA: Because {SCRIPT} is good. {IMG} is terrible.\n\nQ: {IMG}\n\nA: {SCRIPT}\n"
HOSTILE_ROWS = json.dumps(
    {
        "title": f"Title {SCRIPT}",
        "source": IMG,
        "turns": [
            {"speaker": f"Host {SCRIPT}", "role": "question", "text": f"Is {IMG} safe?"},
            {"speaker": f"Guest {IMG}", "role": "answer", "text": f"Yes, {SCRIPT} is wonderful."},
            {"speaker": f"Guest {IMG}", "role": IMG, "text": "A warning quotes this role."},
        ],
    }
)


@pytest.mark.parametrize(
    "doc",
    [parse_text(HOSTILE_LABELLED), parse_text(HOSTILE_ROWS, format="json")],
    ids=["labelled-question-answer", "json-speakers-title-source-warning"],
)
def test_hostile_text_is_escaped(doc):
    page = report.build(
        doc, run.analyze(doc), title=f"{SCRIPT} {IMG}" if doc.title is None else None, source_name=f"{IMG}.txt"
    )
    rest = without_bundle(page)
    assert SCRIPT not in rest and IMG not in rest
    assert html.escape(SCRIPT) in rest and html.escape(IMG) in rest
    tree = parsed(page)
    assert not [t for t, _ in tree.tags if t == "img"]
    assert not [(t, a) for t, a in tree.tags for name in a if name.lower().startswith("on")]
    # the head's bundle, one per figure, the click-to-answer script: no other script element
    assert sum(t == "script" for t, _ in tree.tags) == 1 + page.count('class="plotly-graph-div"') + 1
    text = "".join(tree.text)
    for p in doc.pairs:  # the user's text is shown as text
        assert p.question in text and p.answer in text
        for speaker in p.answered_by:
            assert speaker in text
    for warning in doc.warnings:
        assert warning in text


def test_extras_come_before_the_methods(default):
    doc, result, _ = default
    fig = go.Figure(go.Bar(y=[1, 2, 3]))
    extras = [report.Section(f"Markers {SCRIPT}", html="<p>Hedges per 1,000 words.</p>", figures=[fig]), report.Section("Empty")]
    page = report.build(doc, result, extras=extras, generated_at=datetime(2024, 1, 2, 3, 4, tzinfo=timezone.utc))
    assert html.escape(f"Markers {SCRIPT}") in page and SCRIPT not in without_bundle(page)
    assert page.index("<p>Hedges per 1,000 words.</p>") < page.index('<section id="methods"')
    assert page.index('id="extras"') < page.index("<h2>Empty</h2>") < page.index('<section id="methods"')
    assert page.count('class="plotly-graph-div"') == 2 + int((result.answers["n_sentences"] > 0).sum()) + 1
    assert "2024-01-02 03:04 UTC" in page


def test_table_escapes_every_cell_and_heading():
    frame = pd.DataFrame({SCRIPT: [IMG, "ok"], "score": [0.271, -0.001], "n": [3, 12]})
    out = report.table(frame, signed=["score"])
    assert SCRIPT not in out and IMG not in out
    assert html.escape(SCRIPT) in out and html.escape(IMG) in out
    assert "+0.27" in out and "0.00" in out and "-0.00" not in out
    assert report.table(frame.iloc[:0], empty=f"none {IMG}") == f'<p class="muted">none {html.escape(IMG)}</p>'


def test_write_returns_the_size(tmp_path):
    path = tmp_path / "r.html"
    assert report.write(path, "<p>é</p>") == len("<p>é</p>".encode("utf-8"))
    assert path.read_text(encoding="utf-8") == "<p>é</p>"


# --- the CLI --------------------------------------------------------------------------------------


def test_cli_writes_the_report(tmp_path, capsys):
    out = tmp_path / "report.html"
    assert main(["report", str(DEFAULT_DOCUMENT), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.count(PLOTLY_JS) == 1 and "Question 9 · asked by" in page
    import hashlib

    assert hashlib.sha256(DEFAULT_DOCUMENT.read_bytes()).hexdigest() in page
    printed = capsys.readouterr().out
    assert str(out) in printed and "MB" in printed
    assert out.stat().st_size < MAX_BYTES
    # The markers, alignment and actors sections, with the words that produced them.
    for heading in ("Discourse markers", "Does the answer take up its question?", "How each actor is talked about"):
        assert f"<h2>{heading}" in page.replace("&#x27;", "'"), heading
    assert "I have a problem with the premise of the question" in page
    assert 'class="a m' in page or ' m"' in page  # marker underlines in the transcript
    assert "Appeal to Authority" in page and "Sergei Skripal" in page


@pytest.mark.parametrize(
    "args, message",
    [
        (["{tmp}/missing.txt", "--out", "{tmp}/r.html"], "no such file"),
        ([str(DEFAULT_DOCUMENT), "--out", "{tmp}/r.pdf"], "use an .html file name"),
        ([str(DEFAULT_DOCUMENT), "--out", "{tmp}/no/such/folder/r.html"], "cannot write there"),
        ([str(DEFAULT_DOCUMENT), "--out", "{tmp}/r.html", "--topics", "{tmp}/missing.yaml"], "cannot read the dictionary"),
    ],
)
def test_cli_user_errors_exit_2_with_one_line(tmp_path, capsys, args, message):
    assert main(["report", *(a.format(tmp=tmp_path) for a in args)]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and err.startswith("error: ")
    assert not (tmp_path / "r.html").exists()


def test_the_cli_does_not_load_plotly_render_or_dashboard_modules_report_does_not_load_streamlit():
    code = (
        "import sys, cli; cli.build_parser(); a = sorted(m for m in sys.modules if m.split('.')[0] in ('plotly', 'dashboard', 'render'));"
        "import render.report; print(a, 'streamlit' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[] False"


def _summary_cells(page: str) -> dict[int, str]:
    """The summary table's last cell (top topic) per answer, as text."""
    summary = page[page.index('<section id="summary"') : page.index('<section id="charts"')]
    rows = re.findall(r'<tr><td class="n"><a href="#answer-(\d+)">.*?</tr>', summary)
    cells = re.findall(r'<tr><td class="n"><a href="#answer-\d+">.*?<td>([^<]*(?:<span[^>]*>[^<]*</span>)?)</td></tr>', summary)
    return {int(p): html.unescape(re.sub("<[^>]+>", "", c)) for p, c in zip(rows, cells)}


def test_summary_top_topic_follows_the_workshop_rule_on_a_tie():
    # Answer 1 uses two topics' words equally often (3 each); answer 2 no topic word.
    doc = parse_text(
        "Q: What about trade?\n\nA: Trade and markets and business matter. Image and reputation and prestige too.\n\n"
        "Q: And then?\n\nA: We went home.\n"
    )
    result = run.analyze(doc)
    page = report.build(doc, result)
    labels = report._labels(result.answers, report._dictionary(result, None))
    from render import guesses

    rows = result.answers.set_index("pair")
    tied = guesses.top_topics(rows.loc[1], labels)
    assert len(tied) == 2  # the case: a tie
    assert guesses.top_topics(rows.loc[2], labels) == [guesses.NONE]
    cells = _summary_cells(page)
    rate = max(float(rows.loc[1][c]) for c in labels)
    assert cells[1] == f"{' / '.join(tied)} ({rate:.1f})"
    assert cells[2] == "none matched"


def test_summary_top_topic_of_the_default_interview_names_every_tied_topic(default):
    _, result, page = default
    from render import guesses

    labels = report._labels(result.answers, report._dictionary(result, None))
    cells = _summary_cells(page)
    for _, row in result.answers.iterrows():
        for label in guesses.top_topics(row, labels):
            assert (label if label != guesses.NONE else "none matched") in cells[int(row["pair"])]
    assert "Economy and business / Image, reputation and soft power" in cells[1]  # 35.5 each


def test_table_rounds_rates_to_two_decimals_counts_to_integers_and_scrolls_in_its_box():
    frame = pd.DataFrame({"share_negative": [0.3783783783783784, 0.0], "mentions": [1234, 2], "tone": [-0.0021, 0.5],
                          "missing": [float("nan"), 1.0]})
    out = report.table(frame, signed=["tone"])
    cells = re.findall(r'<td class="n">([^<]*)</td>', out)
    assert cells == ["0.38", "1,234", "0.00", "—", "0.00", "2", "+0.50", "1.00"]
    assert "<th>share negative</th>" in out  # a heading of words wraps
    assert out.startswith('<div class="table-wrap">') and ".table-wrap { max-width: 100%; overflow-x: auto;" in report.STYLE


def test_report_numbers_questions_by_their_pair_as_the_reader_does(tmp_path):
    """A briefing's opening statements are pair 1: its questions are 2 and 3 in the report as in the Reader,
    never "Question 3 of 2"."""
    src = tmp_path / "briefing.md"
    src.write_text(
        "MS. SMITH: Good afternoon. Two announcements today.\n\nQ: What about trade?\n\nMS. SMITH: Trade is good.\n\n"
        "Q: And the budget?\n\nMS. SMITH: Next week.\n",
        encoding="utf-8",
    )
    out = tmp_path / "report.html"
    assert main(["report", str(src), "--out", str(out)]) == 0
    page = out.read_text(encoding="utf-8")
    assert "1. Opening statements" in page
    assert "<h3>Question 2 · asked by" in page and "<h3>Question 3 · asked by" in page
    assert " of 2 · " not in page


def test_no_server_path_in_the_report(default):
    _, result, page = default
    assert str(ROOT) not in page
    settings = page[page.index('<section id="settings"') :]
    assert "<code>data/markers</code>" in settings and "<code>data/topics/foreign_policy.yaml</code>" in settings


def test_each_answer_is_the_unit_the_reader_renders_premise_marks_included(default):
    # The report and the Reader render one unit through highlight.unit_html: answer 7 challenges its
    # question's premise twice, and both marks are in the report's text of answer 7 (and in no other).
    doc, result, page = default
    families = {f.slug: (f.label, f.technique) for f in markers.load_markers().families}
    labels = {t.slug: t.label for t in topics.load_dictionary().topics}
    for pair in (1, 7):
        shown = highlight.unit_html(result.unit(pair), layers=["sentiment", "topics", "markers"],
                                    topic_labels=labels, families=families).removeprefix(highlight.STYLE)
        section = page.split(f'id="answer-{pair}"', 1)[1].split('<section class="pair"', 1)[0]
        assert shown in section
        assert (html.escape(highlight.PREMISE_LABEL, quote=True) in section) == (pair == 7)


def test_the_reports_answer_by_several_speakers_names_each_part():
    from analysis.pipeline import run as run_mod
    from analysis.transcripts import parse_text
    from render import report as report_mod

    doc = parse_text(
        "MODERATOR: Senator, what would you do about the cost of health care?\n\n"
        "SENATOR ROE: I would lower the price of drugs.\n\n"
        "GOVERNOR DOE: That plan costs too much.\n"
    )
    page = report_mod.build(doc, run_mod.analyze(doc), source_name="two.txt")
    assert "SENATOR ROE:</span> I would " in page and "GOVERNOR DOE:</span> That plan" in page

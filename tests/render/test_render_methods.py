"""render.methods and the report's appendix: the descriptions of analysis.methods, escaped, all of them."""

from __future__ import annotations

import html
import re

from analysis import methods
from analysis.pipeline import run
from analysis.transcripts import DEFAULT_DOCUMENT, load
from render import methods as render_methods
from render import report


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def test_markdown_becomes_html_and_raw_html_is_escaped():
    method = methods.Method("x", "A <title>", "**Bold** and *it* `code`; <script>alert(1)</script>\n\n- one\n- two")
    out = render_methods.section(method, 2)
    assert out.startswith("<h3>2. A &lt;title&gt;</h3>")
    assert "<strong>Bold</strong>" in out and "<em>it</em>" in out and "<code>code</code>" in out
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert out.count("<li>") == 2


def test_a_method_without_a_title_is_a_paragraph_of_the_one_above():
    assert not render_methods.section(methods.by_slug()["negation"]).startswith("<h3>")


def test_the_report_appendix_holds_every_report_method_in_order():
    doc = load(DEFAULT_DOCUMENT)
    page = report.build(doc, run.analyze(doc), source_name=DEFAULT_DOCUMENT.name)
    appendix = _text(page[page.index('<section id="methods"'):page.index("</section>", page.index('<section id="methods"'))])
    positions = []
    for method in methods.describe():
        body = _text(render_methods.body(method))
        if "report" in method.shown_in:
            assert body in appendix, method.slug
            positions.append(appendix.index(body))
        else:
            assert body not in appendix
    assert positions == sorted(positions)
    headings = re.findall(r"<h3>(\d+)\. ([^<]+)</h3>", page)
    assert [int(n) for n, _ in headings] == list(range(1, len(headings) + 1))
    assert "scales it by 0.74 (VADER's constant)" in appendix
    assert "the paper reports 0.881, 0.451, 0.565, 0.492" in appendix

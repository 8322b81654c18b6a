"""The workshop's reveal on an answer whose take-up of its question cannot be measured."""

from __future__ import annotations

import dataclasses

from analysis.transcripts import parse_bytes
from tests.dashboard.test_app import assert_clean

TEXT = (
    b"Q: What about the trade with China, in guard test 15?\n\nA: Trade with China is growing.\n\n"
    b"Q: PLACEHOLDER\n\nA: Sanctions hurt trade with China a lot.\n\nQ: Thank you.\n"
)


def _question_blanked(data: bytes, **kwargs):
    """The document as a reader that kept a question turn with no words would give it: pair 2 asked,
    its question empty (alignment is then not measured: NaN, and ui.alignment_line returns "")."""
    doc = parse_bytes(data, **kwargs)
    if b"PLACEHOLDER" not in data:
        return doc
    pairs = tuple(dataclasses.replace(p, question="") if p.pair == 2 else p for p in doc.pairs)
    return dataclasses.replace(doc, pairs=pairs)


def test_revealing_an_answer_with_no_measured_take_up_shows_no_traceback(monkeypatch):
    from streamlit.testing.v1 import AppTest

    from dashboard import data, sources
    from tests.dashboard.test_app import APP

    monkeypatch.setattr(data, "parse_bytes", _question_blanked)
    at = AppTest.from_file(str(APP), default_timeout=60)
    src = sources.Source("guard-15", "Guard 15 (uploaded)", "guard15.txt", TEXT)
    at.session_state[sources.UPLOADS_KEY] = {src.id: src}
    at.query_params["doc"] = src.id
    at.query_params["ws"] = "guard15test01"
    at.query_params["answer"] = "2"
    at.switch_page("views/workshop.py")
    at.run()
    assert_clean(at)
    at.button(key="ws-reveal").click().run()
    assert_clean(at)  # was: StreamlitMissingRequiredParameterError from st.html("")
    shown = "\n".join(m.value for m in at.markdown)
    assert "Topic rates" in shown and "Discourse markers in this answer" in shown
    assert all(h.proto.body.strip() for h in at.get("html"))


# Builders that return "" when they have nothing to show.
MAY_BE_EMPTY = {"alignment_line", "legend"}


def test_no_page_passes_a_builder_that_may_return_nothing_straight_to_st_html():
    import ast
    from pathlib import Path

    found = []
    for path in sorted((Path(__file__).resolve().parents[3] / "dashboard").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "html"
                    and node.args and isinstance(node.args[0], ast.Call)):
                inner = node.args[0].func
                name = inner.attr if isinstance(inner, ast.Attribute) else getattr(inner, "id", "")
                if name in MAY_BE_EMPTY:
                    found.append(f"{path.name}:{node.lineno} {ast.unparse(node)}")
    assert not found, "use ui.html_block (st.html('') raises):\n" + "\n".join(found)


def test_the_alignment_line_of_a_document_with_one_question_shows_no_nan():
    """With one question the baseline (mean similarity to the other questions) is not defined: the line
    says so instead of printing "nan"."""
    from render import badges

    row = {"alignment": 0.42, "alignment_others": float("nan"), "premise_challenge": False, "shared_terms": "tax"}
    line = badges.alignment_line(row)
    assert "nan" not in line.lower()
    assert "0.42" in line and "no other question to compare with" in line
    row["alignment_others"] = 0.1
    assert "to the other questions 0.10" in badges.alignment_line(row)

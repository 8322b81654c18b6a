"""The layers of DESIGN.md ("Layers and who may import whom"), read from the source with ``ast``.

``analysis`` imports neither ``render``, ``dashboard``, ``cli``, streamlit nor plotly; ``render`` imports
neither streamlit nor ``dashboard`` (nor ``cli``); ``cli`` imports neither streamlit nor ``dashboard``. Every
import counts, also one inside a function. The one exception is ``analysis/__main__.py``: ``python -m
analysis`` delegates to the ``cli`` package, and that file does nothing else.
"""

from __future__ import annotations

import pytest

from benchmarks.layers import PACKAGES, ROOT, imports, modules

NEVER = {
    "analysis": {"render", "dashboard", "cli", "streamlit", "plotly"},
    "render": {"streamlit", "dashboard", "cli"},
    "cli": {"streamlit", "dashboard"},
}
# The documented exception: the file and the one package it may import besides the rules.
DELEGATES = {"analysis/__main__.py": "cli"}
# Inside analysis/ (README "Layout"): the measures and the Analysis type sit below the pipeline and the
# store, the sentence measures below the document measures, and no measure imports comparison.
# analysis/result.py imports the document measures, inside the accessors that compute them lazily.
ROLES_NEVER = {
    "analysis/sentence": {"analysis.result", "analysis.document", "analysis.comparison", "analysis.pipeline", "analysis.store"},
    "analysis/result.py": {"analysis.sentence", "analysis.comparison", "analysis.pipeline", "analysis.store"},
    "analysis/document": {"analysis.comparison", "analysis.pipeline", "analysis.store"},
    "analysis/comparison": {"analysis.document", "analysis.pipeline", "analysis.store"},
    "analysis/store": {"analysis.sentence", "analysis.document", "analysis.comparison", "analysis.pipeline"},
}


def _crossings(package: str) -> list[str]:
    return [
        f"{i.module}:{i.line} imports {i.target}"
        for path in modules(package)
        for i in imports(path)
        if i.top in NEVER[package] and DELEGATES.get(i.module) != i.top
    ]


@pytest.mark.parametrize("package", sorted(NEVER))
def test_a_layer_never_imports_what_design_forbids(package):
    assert modules(package), f"no {package}/ package"
    assert _crossings(package) == []


def _role_crossings(role: str) -> list[str]:
    where = ROOT / role
    files = [where] if where.suffix == ".py" else modules(role)
    return [
        f"{i.module}:{i.line} imports {i.target}"
        for path in files
        for i in imports(path)
        if any(i.target == t or i.target.startswith(t + ".") for t in ROLES_NEVER[role])
    ]


@pytest.mark.parametrize("role", sorted(ROLES_NEVER))
def test_inside_analysis_no_measure_imports_the_pipeline_or_the_store(role):
    assert (ROOT / role).exists(), f"no {role}"
    assert _role_crossings(role) == []


def test_the_role_rules_see_a_crossing(monkeypatch):
    # the check above can fail: analysis/pipeline/run.py imports the sentence measures, so forbidding them there is seen
    monkeypatch.setitem(ROLES_NEVER, "analysis/pipeline", {"analysis.sentence"})
    assert any("analysis/pipeline/run.py" in c for c in _role_crossings("analysis/pipeline"))


def test_python_m_analysis_only_delegates_to_the_cli_package():
    (path,) = [p for p in modules("analysis") if p.relative_to(ROOT).as_posix() == "analysis/__main__.py"]
    assert [i.target for i in imports(path)] == ["cli"]
    assert "tests/test_layers.py" in path.read_text(encoding="utf-8")  # its docstring names this exception


def test_the_renderers_live_in_render_and_the_dashboard_keeps_the_streamlit_app():
    names = {p: {f.relative_to(ROOT / p).as_posix() for f in modules(p)} for p in PACKAGES}
    renderers = {"charts.py", "highlight.py", "badges.py", "topicbars.py", "report.py", "report_sections.py"}
    assert renderers <= names["render"]
    assert not renderers & names["dashboard"]  # one place: no copy or re-export left behind
    assert {"app.py", "data.py", "sources.py", "ui.py", "navigate.py"} <= names["dashboard"]
    assert "cli.py" not in names["analysis"] and {"__init__.py", "__main__.py"} <= names["cli"]


def test_the_scan_sees_lazy_and_relative_imports():
    # what the rules above rely on: an import inside a function, a relative one, "from package import module"
    def targets(name: str) -> set[str]:
        return {i.target for i in imports(ROOT / name)}

    assert "render.report" in targets("cli/report.py")  # inside run()
    assert "dashboard.data" in targets("dashboard/views/reader.py")  # from dashboard import data
    assert "render.charts" in targets("render/badges.py")  # from .charts import ...
    assert {"streamlit", "render.highlight"} <= targets("dashboard/views/reader.py")


@pytest.mark.parametrize(
    "source, expected",
    [
        ("import streamlit as st", ["streamlit"]),
        ("import plotly.graph_objects as go", ["plotly.graph_objects"]),
        ("from . import other", ["pkg.sub.other"]),
        ("from .. import top", ["pkg.top"]),
        ("from ..top import name", ["pkg.top"]),
        ("from pkg import top, NAME", ["pkg", "pkg.top"]),
        ("def f():\n    from dashboard import report", ["dashboard"]),
    ],
)
def test_imports_resolves_each_form(tmp_path, source, expected):
    (tmp_path / "pkg" / "sub").mkdir(parents=True)
    for name in ("pkg/__init__.py", "pkg/top.py", "pkg/sub/__init__.py", "pkg/sub/other.py"):
        (tmp_path / name).write_text("", encoding="utf-8")
    module = tmp_path / "pkg" / "sub" / "mod.py"
    module.write_text(source + "\n", encoding="utf-8")
    assert sorted(i.target for i in imports(module, tmp_path)) == expected

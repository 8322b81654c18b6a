"""The project installs (``pip install .`` and ``pip install -e .``) and ``import analysis`` then works from
outside the repository, with its data files; the README's Python API example runs there.

Everything is built offline: ``--no-build-isolation --no-index`` with the hatchling of requirements-dev.txt.
Each check runs in a subprocess whose working folder is a temporary one and whose ``sys.path`` does not
hold the repository.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from analysis.pipeline import run
from analysis.transcripts import DEFAULT_DOCUMENT, load, parse_bytes, parse_text

ROOT = Path(__file__).resolve().parents[2]
PIP = [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-build-isolation", "--no-index",
       "--disable-pip-version-check"]


def _python(code: str, cwd: Path, *, pythonpath: Path | None = None, python: str = sys.executable) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
    if pythonpath is not None:
        env["PYTHONPATH"] = str(pythonpath)
    proc = subprocess.run([python, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """``pip install --target`` of the repository: what ``pip install .`` puts in site-packages."""
    target = tmp_path_factory.mktemp("site-packages")
    proc = subprocess.run([*PIP, "--target", str(target), str(ROOT)], cwd=target, capture_output=True, text=True,
                          timeout=180)
    assert proc.returncode == 0, proc.stderr
    return target


@pytest.fixture()
def outside(tmp_path) -> Path:
    folder = tmp_path / "notebook"
    folder.mkdir()
    return folder


CHECK = """
import json, sys
from pathlib import Path
import analysis
from analysis import datafiles, text
from analysis.transcripts import DEFAULT_DOCUMENT, load
doc = load(DEFAULT_DOCUMENT)
dictionary = analysis.load_dictionary()
result = analysis.analyze(doc, detail="summary")
print(json.dumps({
    "package": analysis.__file__,
    "sys_path": sys.path,
    "document": str(DEFAULT_DOCUMENT),
    "name": doc.name,
    "title": doc.title,
    "pairs": len(doc.qa_pairs),
    "topics": len(dictionary.topics),
    "markers": len(analysis.load_markers().families),
    "actors": len(analysis.load_actors().actors),
    "abbreviations": len(text.load_abbreviations()),
    "stopwords": len(datafiles.stopwords()),
    "documents": sorted(set(result.answers["document"])),
}))
"""


def test_installed_package_imports_from_outside_the_repository(installed, outside) -> None:
    got = json.loads(_python(CHECK, outside, pythonpath=installed))
    # the installed copy, not the checkout: the repository is on no path, and the data are the wheel's
    assert Path(got["package"]).is_relative_to(installed)
    assert not any(p and Path(p).resolve().is_relative_to(ROOT) for p in got["sys_path"])
    assert got["document"] == str(installed / "analysis" / "data" / "transcripts" / DEFAULT_DOCUMENT.name)
    assert got["name"] == DEFAULT_DOCUMENT.name and got["title"].startswith("SOFT POWER AND RUSSIA")
    assert got["pairs"] == 9 and got["topics"] == 10 and got["markers"] == 14 and got["actors"] > 50
    assert got["abbreviations"] > 20 and got["stopwords"] > 100
    assert got["documents"] == [DEFAULT_DOCUMENT.name]


def test_the_wheel_ships_every_data_file(installed) -> None:
    data = ROOT / "data"
    shipped = {p.relative_to(installed / "analysis" / "data") for p in (installed / "analysis" / "data").rglob("*")
               if p.is_file()}
    assert shipped == {p.relative_to(data) for p in data.rglob("*") if p.is_file()}
    assert (installed / "render" / "report.py").is_file()  # python -m analysis report needs it
    assert (installed / "cli" / "__init__.py").is_file() and (installed / "dashboard" / "app.py").is_file()
    assert not (installed / "tests").exists() and not (installed / "benchmarks").exists()


def test_editable_install_reads_the_checkout(tmp_path, outside) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)], check=True,
                   timeout=60)
    python = str(venv / "bin" / "python")
    proc = subprocess.run([python, *PIP[1:], "-e", str(ROOT)], cwd=outside, capture_output=True, text=True,
                          timeout=180)
    assert proc.returncode == 0, proc.stderr
    code = ("import analysis, json; from analysis.transcripts import DEFAULT_DOCUMENT, load; "
            "print(json.dumps([analysis.__file__, str(DEFAULT_DOCUMENT), len(load(DEFAULT_DOCUMENT).qa_pairs)]))")
    package, document, pairs = json.loads(_python(code, outside, python=python))
    assert Path(package) == ROOT / "analysis" / "__init__.py"
    assert Path(document) == ROOT / "data" / "transcripts" / DEFAULT_DOCUMENT.name and pairs == 9


def _requirements(path: Path) -> dict[str, Requirement]:
    lines = [ln.split("#")[0].strip() for ln in path.read_text(encoding="utf-8").splitlines()]
    reqs = [Requirement(ln) for ln in lines if ln and not ln.startswith("-")]
    return {canonicalize_name(r.name): r for r in reqs}


def test_declared_dependencies_agree_with_the_pinned_requirements() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [Requirement(r) for r in project["dependencies"]]
    declared += [Requirement(r) for extra in project["optional-dependencies"].values() for r in extra]
    pinned = _requirements(ROOT / "requirements.txt")
    assert {canonicalize_name(r.name) for r in declared} == set(pinned)
    for r in declared:
        pin = pinned[canonicalize_name(r.name)]
        (version,) = [s.version for s in pin.specifier if s.operator == "=="]
        assert r.specifier.contains(version), f"{r} does not admit the pinned {pin}"
        assert r.extras == pin.extras, r


# --- the Python API: the document's own name, the README's example ---------------------------------


def test_analyze_names_the_document_by_its_file_name() -> None:
    doc = load(DEFAULT_DOCUMENT)
    assert doc.name == DEFAULT_DOCUMENT.name
    assert set(run.analyze(doc, detail="summary").answers["document"]) == {DEFAULT_DOCUMENT.name}
    answers, sentences = run.summary_columns(doc)
    assert set(answers["document"]) == set(sentences["document"]) == {DEFAULT_DOCUMENT.name}
    # an explicit name still wins; bytes take the name given with them
    assert set(run.analyze(doc, document="mine", detail="summary").answers["document"]) == {"mine"}
    uploaded = parse_bytes(b"Q: Why?\n\nA: Because it works.", name="upload.txt")
    assert uploaded.name == "upload.txt"
    assert list(run.analyze(uploaded, detail="summary").answers["document"]) == ["upload.txt"]


def test_a_document_without_a_file_is_named_by_its_title() -> None:
    titled = parse_text("---\ntitle: Press briefing\n---\n\nQ: Why?\n\nA: Because.\n")
    assert titled.name is None and titled.title == "Press briefing"
    assert list(run.analyze(titled, detail="summary").answers["document"]) == ["Press briefing"]
    untitled = parse_text("Q: Why?\n\nA: Because.")
    assert list(run.analyze(untitled, detail="summary").answers["document"]) == ["document"]
    # the name says where a document came from, not what it says
    assert parse_bytes(b"Q: Why?\n\nA: Because.", name="a.txt") == untitled


def _readme_python_api() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    headings = [m.start() for m in re.finditer(r"^## ", readme, flags=re.M)]
    start = readme.index("\n## Python API\n")
    section = readme[start : min(h for h in headings if h > start + 1)]
    blocks = re.findall(r"^```python\n(.*?)^```$", section, flags=re.M | re.S)
    assert len(blocks) == 1, "the Python API section holds one python example"
    return blocks[0]


def test_readme_python_api_section_follows_command_line() -> None:
    titles = re.findall(r"^## (.+)$", (ROOT / "README.md").read_text(encoding="utf-8"), flags=re.M)
    assert titles[titles.index("Command line") + 1] == "Python API"


def test_readme_python_api_example_runs_outside_the_repository(installed, outside) -> None:
    code = _readme_python_api()
    assert "analysis.analyze(doc)" in code and "analysis.run_batch(" in code and "load(" in code
    assert "result.unit(7)" in code  # the one accessor of an answer
    out = _python(code + "\nprint('document column:', sorted(set(answers['document'])))", outside,
                  pythonpath=installed)
    assert "SOFT POWER AND RUSSIA" in out and "9 questions" in out
    assert f"document column: ['{DEFAULT_DOCUMENT.name}']" in out
    # the batch over the installed data folder: its one file by its path, and no failures
    assert str(installed / "analysis" / "data" / "transcripts" / DEFAULT_DOCUMENT.name) in out
    assert "dtype: float64 []" in out
    assert "['I have a problem with the premise of the question', 'rather the opposite']" in out  # answer 7's unit


# --- licence and provenance -------------------------------------------------------------------------


def test_every_data_file_has_its_provenance_in_data_readme() -> None:
    readme = (ROOT / "data" / "README.md").read_text(encoding="utf-8")
    files = sorted(p.relative_to(ROOT / "data").as_posix() for p in (ROOT / "data").rglob("*") if p.is_file())
    assert len(files) > 20
    missing = [f for f in files if f"`{f}`" not in readme]
    assert missing == [], f"data files without a line in data/README.md (source and terms): {missing}"
    # the one third-party text says where it comes from
    interview = readme[readme.index("`transcripts/bezrukov-soft-power-picreadi-2018.txt`"):].split("\n")[0]
    assert "picreadi.com" in interview and "study and teaching" in interview and "Not written for this project" in interview


def test_mit_licence_with_the_year_and_holder(installed) -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert licence.startswith("MIT License\n\nCopyright (c) 2026 The discourse dashboard authors\n")
    assert "data/README.md" in licence  # what it does not cover is said there
    (dist,) = installed.glob("discourse_dashboard-*.dist-info")
    assert "License-Expression: MIT" in (dist / "METADATA").read_text(encoding="utf-8")
    assert (dist / "licenses" / "LICENSE").read_text(encoding="utf-8") == licence

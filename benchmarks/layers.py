"""The layers as the code has them: modules per package, and which top-level package imports which.

    python benchmarks/layers.py

Read with :mod:`ast` (nothing is imported or run): every ``import`` and ``from ... import`` of a module,
also those inside functions (the commands import their heavy modules lazily), relative ones resolved
against the module's package. tests/test_layers.py checks the rules of DESIGN.md with :func:`imports`.
"""

from __future__ import annotations

import ast
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.tables import table  # noqa: E402

# The project's code packages, in layer order (DESIGN.md: "Layers and who may import whom").
PACKAGES = ("analysis", "render", "dashboard", "cli")
# Third-party packages the rules name.
WATCHED = ("streamlit", "plotly")


@dataclass(frozen=True)
class Import:
    module: str  # the importing file, relative to the root: "render/report.py"
    line: int
    target: str  # the dotted name imported: "analysis.pipeline.run", "streamlit"

    @property
    def top(self) -> str:
        return self.target.split(".")[0]


def modules(package: str, root: Path = ROOT) -> list[Path]:
    """The ``.py`` files of a package (sub-packages included), sorted."""
    return sorted((root / package).rglob("*.py"))


def _dotted(path: Path, root: Path) -> list[str]:
    """``analysis/transcripts/model.py`` -> ``[analysis, transcripts, model]``; a package's ``__init__`` is it."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def _is_module(root: Path, package: str, name: str) -> bool:
    folder = root.joinpath(*package.split("."))
    return (folder / f"{name}.py").is_file() or (folder / name / "__init__.py").is_file()


def imports(path: Path, root: Path = ROOT) -> list[Import]:
    """Every import of one file, relative imports made absolute."""
    name = path.relative_to(root).as_posix()
    here = _dotted(path, root)
    package = here if path.name == "__init__.py" else here[:-1]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=name)):
        if isinstance(node, ast.Import):
            found += [Import(name, node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            prefix = ".".join([*base, node.module] if node.module else base)
            # from package import module: the module (when the tree has it), else the package
            found += [Import(name, node.lineno, f"{prefix}.{a.name}" if _is_module(root, prefix, a.name) else prefix)
                      for a in node.names]
    return sorted(found, key=lambda i: (i.line, i.target))


def package_graph(root: Path = ROOT) -> Counter:
    """``(importer, imported) -> number of modules of the importer that import it``, between the project's
    packages and towards the watched third-party ones."""
    edges: Counter = Counter()
    for package in PACKAGES:
        for path in modules(package, root):
            tops = {i.top for i in imports(path, root)} & set(PACKAGES + WATCHED)
            edges.update((package, top) for top in tops if top != package)
    return edges


def main() -> None:
    present = [p for p in PACKAGES if (ROOT / p).is_dir()]
    counts = [[p, str(len(modules(p))), f"{sum(len(f.read_text(encoding='utf-8').splitlines()) for f in modules(p)):,}",
               str(sum(any(i.top == "streamlit" for i in imports(f)) for f in modules(p)))] for p in present]
    print(table(["package", "modules (.py)", "lines", "import streamlit"], counts))
    print()
    edges = package_graph()
    print(table(["imports", "imported", "modules"], [[a, b, str(n)] for (a, b), n in sorted(edges.items())]))
    # Imports against the layer order (a package reaching into one listed after it), one line each.
    upward = [i for p in present for f in modules(p) for i in imports(f)
              if i.top in PACKAGES and PACKAGES.index(i.top) > PACKAGES.index(p)]
    print(f"\nimports against the layer order {' < '.join(PACKAGES)}: {len(upward)}")
    for i in upward:
        print(f"  {i.module}:{i.line} -> {i.target}")


if __name__ == "__main__":
    main()

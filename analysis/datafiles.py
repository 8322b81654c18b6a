"""Where the project's data files are: ``data/`` beside ``analysis/`` in a checkout, ``analysis/data/``
in an installed wheel.

The data files (the default interview, topic dictionaries, marker families, actors, word lists) live
in one top-level folder of the repository, ``data/``: that is where people edit them and where the
README and the dashboard point. A wheel can only install files inside its packages, so ``pip install
.`` ships that folder as ``analysis/data/`` (``force-include`` in pyproject.toml). An editable install
(``pip install -e .``) imports the checkout's own ``analysis/`` and so reads the checkout's ``data/``.
Every loader takes its default path from :data:`DATA_DIR`; none computes it itself.

>>> (DATA_DIR / "topics" / "foreign_policy.yaml").is_file()
True
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["DATA_DIR"]

_PACKAGE = Path(__file__).resolve().parent
# The wheel's copy when there is one (an installed package), else the checkout's folder.
DATA_DIR = _PACKAGE / "data" if (_PACKAGE / "data").is_dir() else _PACKAGE.parent / "data"

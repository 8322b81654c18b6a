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

Analysis settings name their data files with :func:`recorded` (``data/markers``, or a user's own
file by its name), never by a server path: the sha256 hashes beside them make them reproducible.

>>> recorded(DATA_DIR / "topics" / "foreign_policy.yaml")
'data/topics/foreign_policy.yaml'
>>> recorded("/home/someone/my_topics.yaml")
'my_topics.yaml'
>>> located("data/markers") == DATA_DIR / "markers"
True
"""

from __future__ import annotations

from pathlib import Path

import os

__all__ = ["DATA_DIR", "located", "recorded"]

_PACKAGE = Path(__file__).resolve().parent
# The wheel's copy when there is one (an installed package), else the checkout's folder.
DATA_DIR = _PACKAGE / "data" if (_PACKAGE / "data").is_dir() else _PACKAGE.parent / "data"


def recorded(path: str | os.PathLike[str]) -> str:
    """How settings name a data file or folder: ``data/…`` (POSIX) inside :data:`DATA_DIR`, else its name."""
    p = Path(path)
    try:
        return (Path("data") / p.resolve().relative_to(DATA_DIR.resolve())).as_posix()
    except ValueError:
        return p.name


def located(name: str) -> Path | None:
    """The file a :func:`recorded` name stands for when it is in the data folder, else None. (A name
    that is an absolute path, as settings made before held, is returned as it is.)"""
    p = Path(name)
    if p.is_absolute():
        return p
    parts = p.parts
    if parts and parts[0] == "data" and ".." not in parts:
        return DATA_DIR.joinpath(*parts[1:])
    return None

"""Import NLTK without the ``scipy.stats`` import its package ``__init__`` triggers.

``import nltk`` loads every sub-package, and ``nltk.metrics.association`` then imports
``scipy.stats`` when SciPy is installed (about 0.8 s of a 2.5 s cold start of
``python -m analysis analyze`` here). NLTK guards that import with ``try/except ImportError`` and
only its Fisher exact test and Gale-Church alignment need it; this project uses neither. So, while
NLTK is first imported, ``scipy.stats`` is made unimportable, then restored: SciPy itself stays
usable afterwards by anything else in the process.
"""

from __future__ import annotations

import sys

if "nltk" not in sys.modules:
    _blocked = "scipy.stats" not in sys.modules
    if _blocked:
        sys.modules["scipy.stats"] = None  # type: ignore[assignment]  # makes "import scipy.stats" raise
    try:
        import nltk  # noqa: F401
    finally:
        if _blocked:
            del sys.modules["scipy.stats"]

import nltk  # noqa: E402,F401

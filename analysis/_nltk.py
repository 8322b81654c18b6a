"""Import NLTK without the ``scipy.stats`` import its package ``__init__`` triggers.

``import nltk`` loads every sub-package, and ``nltk.metrics.association`` then imports
``scipy.stats`` when SciPy is installed (about 0.8 s of a 2.5 s cold start of
``python -m analysis analyze`` here). NLTK guards that import with ``try/except ImportError`` and
only its Fisher exact test and Gale-Church alignment need it; this project uses neither. So, while
NLTK is first imported, ``scipy.stats`` is made unimportable, then restored: SciPy itself stays
usable afterwards by anything else in the process. The same holds for ``sklearn``: NLTK's optional
``nltk.classify.scikitlearn`` starts importing it (0.3-0.4 s here) and this project never uses that
wrapper; :mod:`analysis.document.alignment` imports scikit-learn itself, when it is needed.
"""

from __future__ import annotations

import sys

OPTIONAL = ("scipy.stats", "sklearn")

if "nltk" not in sys.modules:
    _blocked = [name for name in OPTIONAL if name not in sys.modules]
    for name in _blocked:
        sys.modules[name] = None  # type: ignore[assignment]  # makes "import <name>" raise ImportError
    try:
        import nltk  # noqa: F401
    finally:
        for name in _blocked:
            del sys.modules[name]

import nltk  # noqa: E402,F401

"""``python -m analysis``: the command line, which lives in the ``cli`` package (``python -m cli`` is the same).

The one module of ``analysis/`` that imports another layer, and only to delegate; tests/test_layers.py
allows exactly this file.
"""

from cli import main

raise SystemExit(main())

"""``python -m cli``: the command line (``python -m analysis`` is the same)."""

from . import main

raise SystemExit(main())

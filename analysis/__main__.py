"""``python -m analysis``: the command-line interface (see analysis/cli.py)."""

from .cli import main

raise SystemExit(main())

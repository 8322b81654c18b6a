"""Give the memory that parsing or analysing a large input freed back to the system.

The analysis of a large document allocates some 120 bytes a character on its way
(benchmarks/hostile_inputs.py) and keeps a fifth of it; without this, glibc keeps the rest and the
server's size never comes down.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

# Inputs from this size (bytes) are followed by release(): a small one frees too little to matter.
LARGE_INPUT = 1_000_000


def release() -> None:
    """Collect garbage, then hand glibc's free pages back to the system (nothing to do elsewhere)."""
    import ctypes
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass


@contextlib.contextmanager
def released_after(size: int) -> Iterator[None]:
    """Run the block, then :func:`release` if it worked on an input of ``size`` bytes or more (also
    when the block fails: a refused upload has allocated as much)."""
    try:
        yield
    finally:
        if size >= LARGE_INPUT:
            release()

"""The store: the corpus library (SQLite) of documents, tags, corrections and cached results."""

from analysis._lazy import exports

__getattr__, __dir__ = exports(__name__, {"library": ".library", "Library": ".library", "default_path": ".library"})
__all__ = __dir__()

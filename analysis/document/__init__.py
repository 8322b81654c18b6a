"""Document-level measures: each reads the frames of one :class:`~analysis.result.Analysis`.

- :mod:`~analysis.document.alignment`: how much each answer takes up its question, and challenges to
  a question's premise;
- :mod:`~analysis.document.actors`: who and what the document names, and the tone around them;
- :mod:`~analysis.document.framing`: how a question frames its topic (its tone and loaded words);
- :mod:`~analysis.document.diagnostics`: where the sentiment measure is unsure on this document.

``Analysis.alignment``, ``Analysis.actors()``, ``Analysis.framing()`` and ``Analysis.diagnostics``
compute them once and keep them.
"""

from analysis._lazy import exports

__getattr__, __dir__ = exports(__name__, {
    "alignment": ".alignment", "actors": ".actors", "framing": ".framing", "diagnostics": ".diagnostics",
    "ActorList": ".actors", "load_actors": ".actors",
})
__all__ = __dir__()

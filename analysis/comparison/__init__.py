"""Comparison: two sides (sets of answers) set against each other.

- :mod:`~analysis.comparison.sides`: what a side is (pairs, a speaker, a topic, a whole document);
- :mod:`~analysis.comparison.keyness`: distinctive terms (weighted log-odds, Monroe et al. 2008);
- :mod:`~analysis.comparison.concordance`: keyword-in-context lines and collocations;
- :mod:`~analysis.comparison.bootstrap`: topic and tone profiles with bootstrap intervals over answers.
"""

from analysis._lazy import exports

__getattr__, __dir__ = exports(__name__, {
    "sides": ".sides", "keyness": ".keyness", "concordance": ".concordance", "bootstrap": ".bootstrap",
    "Side": ".sides", "select": ".sides", "compare": ".keyness", "kwic": ".concordance", "collocations": ".concordance",
})
__all__ = __dir__()

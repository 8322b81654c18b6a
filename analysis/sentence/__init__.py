"""Sentence-level measures: each scores every sentence of a document and says which words did it.

- :mod:`~analysis.sentence.sentiment`: NLTK's VADER per sentence, and each word's contribution;
- :mod:`~analysis.sentence.topics`: rates of the topic dictionary's terms per 1,000 words;
- :mod:`~analysis.sentence.markers`: discourse-marker families (cues for discussion);
- :mod:`~analysis.sentence.detail`: the one switch of their level of detail (``"full"`` or ``"summary"``).

They read the sentences and tokens of :mod:`analysis.text` and match terms with :mod:`analysis.terms`.
"""

from analysis._lazy import exports

__getattr__, __dir__ = exports(__name__, {
    "sentiment": ".sentiment", "topics": ".topics", "markers": ".markers", "detail": ".detail",
    "Detail": ".detail", "Dictionary": ".topics", "load_dictionary": ".topics", "parse_dictionary": ".topics",
    "Markers": ".markers", "load_markers": ".markers",
})
__all__ = __dir__()

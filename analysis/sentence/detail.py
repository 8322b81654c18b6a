"""How much a sentence measure returns: one switch, the same for sentiment, topics and markers.

``"full"``: the scores and what produced them (each sentiment word's contribution, each topic term,
each marker match), for reading one document. ``"summary"``: the scores only, for a batch over a
corpus, where the explanations are not shown and cost most of the time.
"""

from __future__ import annotations

from typing import Literal

Detail = Literal["full", "summary"]

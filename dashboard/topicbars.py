"""An answer's topic rates as light HTML bars, each with its number and the terms that matched.

Plain HTML rather than a second Plotly chart in the Reader: a Plotly chart costs about half a second
to draw on first view here, and these bars show more (the matched terms) in less space. Every piece of
text from the transcript or the dictionary is escaped.
"""

from __future__ import annotations

import html
from collections import Counter

import pandas as pd

BAR_COLOUR = "#4393c3"
STYLE = """
<style>
.dd-topics { font-size: 0.95rem; width: 100%; border-collapse: collapse; }
.dd-topics td { padding: 2px 4px; vertical-align: middle; }
.dd-topics .label { white-space: nowrap; text-align: right; color: #222; }
.dd-topics .track { width: 45%; }
.dd-topics .bar { height: 0.9rem; background: %s; border-radius: 2px; }
.dd-topics .num { white-space: nowrap; font-variant-numeric: tabular-nums; }
.dd-topics .terms { color: #555; font-size: 0.85rem; }
.dd-topics tr.zero { color: #888; }
</style>
""".replace("%s", BAR_COLOUR)


def render(row: pd.Series, labels: dict[str, str], terms: pd.DataFrame) -> str:
    """``row``: one answer of ``Analysis.answers``; ``labels``: ``topic_<slug>`` column -> label;
    ``terms``: that answer's matches (``topic`` slug, ``text``). Sorted by rate, highest first."""
    matched: dict[str, Counter] = {}
    for topic, text in zip(terms["topic"], terms["text"]):
        matched.setdefault(topic, Counter())[text.lower()] += 1
    rows = sorted(((float(row[c]), int(row[c + "_count"]), c) for c in labels), key=lambda r: -r[0])
    top = max([r[0] for r in rows] + [1e-9])
    body = []
    for rate, count, column in rows:
        slug = column.removeprefix("topic_")
        words = ", ".join(f"{w} ×{n}" if n > 1 else w for w, n in matched.get(slug, Counter()).most_common(6))
        width = 100 * rate / top if top else 0
        body.append(
            f'<tr class="{"zero" if count == 0 else ""}"><td class="label">{html.escape(labels[column])}</td>'
            f'<td class="track"><div class="bar" style="width:{width:.1f}%"></div></td>'
            f'<td class="num">{rate:.1f} ({count})</td></tr>'
            + (f'<tr><td></td><td colspan="2" class="terms">{html.escape(words)}</td></tr>' if words else "")
        )
    head = '<tr><td></td><td class="terms">per 1,000 words</td><td class="terms">rate (matches)</td></tr>'
    return STYLE + '<table class="dd-topics">' + head + "".join(body) + "</table>"

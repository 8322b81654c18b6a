"""An answer's topic (or marker) rates as light HTML bars, each with its number and the words that matched.

Plain HTML rather than a second Plotly chart in the Reader: a Plotly chart costs about half a second
to draw on first view here, and these bars show more (the matched terms) in less space. Every piece of
text from the transcript or the dictionary is escaped.
"""

from __future__ import annotations

import html
from collections import Counter

from typing import Literal

import pandas as pd

BAR_COLOUR = "#4393c3"
STYLE = """
<style>
.dd-topics { font-size: 0.95rem; width: 100%; border-collapse: collapse; table-layout: fixed; }
.dd-topics td { padding: 2px 4px; vertical-align: middle; overflow-wrap: anywhere; }
.dd-topics .label { text-align: right; color: #222; line-height: 1.25; }
.dd-topics .bar { height: 0.9rem; background: %s; border-radius: 2px; }
.dd-topics .bar.m { background: #e66101; }
.dd-topics .num { white-space: nowrap; font-variant-numeric: tabular-nums; }
.dd-topics .terms { color: #555; font-size: 0.85rem; }
.dd-topics tr.zero { color: #888; }
.dd-topics .head { white-space: nowrap; text-align: right; overflow-wrap: normal; }
</style>
""".replace("%s", BAR_COLOUR)


def render(
    row: pd.Series, labels: dict[str, str], terms: pd.DataFrame, *, kind: Literal["topic", "marker"] = "topic",
    found_only: bool = False,
) -> str:
    """``row``: one answer of ``Analysis.answers``; ``labels``: ``topic_<slug>`` (or ``marker_<slug>``)
    column -> label; ``terms``: that answer's matches (``topic`` or ``family`` slug, ``text``). Sorted
    by rate, highest first. Markers (and topics with ``found_only``) list only what was found, and name
the others in one line."""
    key, prefix = ("topic", "topic_") if kind == "topic" else ("family", "marker_")
    matched: dict[str, Counter] = {}
    for slug, text in zip(terms[key], terms["text"]):
        matched.setdefault(slug, Counter())[" ".join(text.lower().split()[:8])] += 1
    rows = sorted(((float(row[c]), int(row[c + "_count"]), c) for c in labels), key=lambda r: -r[0])
    found_only = found_only or kind == "marker"
    absent = [labels[c] for _, count, c in rows if count == 0] if found_only else []
    rows = [r for r in rows if r[1] > 0] if found_only else rows
    top = max([r[0] for r in rows] + [1e-9])
    body = []
    bar_class = "bar m" if kind == "marker" else "bar"
    for rate, count, column in rows:
        slug = column.removeprefix(prefix)
        words = ", ".join(f"{w} ×{n}" if n > 1 else w for w, n in matched.get(slug, Counter()).most_common(6))
        width = 100 * rate / top if top else 0
        body.append(
            f'<tr class="{"zero" if count == 0 else ""}"><td class="label">{html.escape(labels[column])}</td>'
            f'<td class="track"><div class="{bar_class}" style="width:{width:.1f}%"></div></td>'
            f'<td class="num">{rate:.1f} ({count})</td></tr>'
            + (f'<tr><td></td><td colspan="2" class="terms">{html.escape(words)}</td></tr>' if words else "")
        )
    # One header over the bar and its number: two headers over a narrow bar and a number wrapped into four
    # lines and ran past the column's edge at 1280 px.
    head = '<tr><td></td><td colspan="2" class="terms head">rate per 1,000 words (matches)</td></tr>'
    tail = f'<tr><td colspan="3" class="terms">none found: {html.escape(", ".join(absent))}</td></tr>' if absent else ""
    # Fixed columns (a long label wraps instead of pushing the numbers past the column's edge at 1280 px).
    cols = '<colgroup><col style="width:44%"><col style="width:30%"><col style="width:26%"></colgroup>'
    return STYLE + '<table class="dd-topics">' + cols + head + "".join(body) + tail + "</table>"

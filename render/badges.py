"""Small HTML blocks of our own numbers, shared by the dashboard pages and the standalone report.

Pure (no Streamlit): every piece of transcript text in them goes through :func:`html.escape`; the
colours are the RdBu sentiment colours of :mod:`render.charts`, always with the number on them.
"""

from __future__ import annotations

import html

from analysis.document.framing import Framing

from .charts import ink_for, number, sentiment_colour

ui_number = number


def swatch(value: float) -> str:
    """An inline HTML badge: the sentiment colour with the number on it."""
    bg = sentiment_colour(value)
    label = ui_number(value)
    return (
        f'<span style="background:{bg};color:{ink_for(bg)};padding:1px 7px;border-radius:4px;'
        f'font-variant-numeric:tabular-nums;border:1px solid #888;white-space:nowrap">{label}</span>'
    )


def summary(row) -> str:
    """An answer's figures as a compact HTML block (the numbers are ours; no user text)."""
    return (
        "<div style='font-size:1rem;line-height:1.9'>"
        f"<b style='font-size:1.5rem'>{ui_number(row['sentiment'])}</b> mean sentence sentiment {swatch(row['sentiment'])}"
        f"<br>{int(row['n_words']):,} words · {int(row['n_sentences'])} sentences"
        f"<br>sentences from {swatch(row['sentiment_min'])} to {swatch(row['sentiment_max'])} · spread (SD) {row['sentiment_std']:.2f}"
        f"<br>positive {row['share_positive']:.0%} · neutral {row['share_neutral']:.0%} · negative {row['share_negative']:.0%}"
        " <span style='color:#555'>(±0.05 thresholds)</span></div>"
    )


def question_framing(framing: Framing) -> str:
    """The question's tone and its loaded words beside the answer's: how the question frames the topic
    (:func:`analysis.document.framing.measure`)."""
    words = ", ".join(f"{w} ({v:+.1f})" for w, v in framing.words) or "none"
    cues = ", ".join(framing.cues) or "none"
    return (
        "<div style='font-size:0.95rem;color:#333;margin:0 0 0.6rem 0'>"
        f"Question tone {swatch(framing.question_sentiment)} · answer {swatch(framing.answer_sentiment)}"
        f"<br>Sentiment words in the question: {html.escape(words)}"
        f"<br>Markers in the question: {html.escape(cues)}</div>"
    )


def alignment_line(row) -> str:
    """An answer's similarity to its question, its baseline and the shared words (escaped)."""
    if row["alignment"] != row["alignment"]:
        return ""
    flag = "<br><b>Challenges the question's premise</b> (underlined with the markers)" if row["premise_challenge"] else ""
    others = row["alignment_others"]
    # With one question there are no other questions to compare with (the baseline is NaN).
    baseline = f" · to the other questions {others:.2f}" if others == others else " · no other question to compare with"
    return (
        "<div style='font-size:1rem;line-height:1.7;margin-top:0.3rem'>"
        f"Similarity to its question <b>{row['alignment']:.2f}</b>{baseline}"
        f"<br><span style='color:#444'>shared words: {html.escape(row['shared_terms'] or 'none')}</span>{flag}</div>"
    )


def guess_bars(counts, options: list[str], measured: str | list[str], *, name: str = "guess") -> str:
    """The room's guesses per option as bars, the measured option (or tied options) marked (labels
    escaped). A grid, so that a long label wraps and the bar keeps its width."""
    measured = [measured] if isinstance(measured, str) else measured
    total = sum(counts.values())
    cells = []
    for option in options:
        n = counts.get(option, 0)
        width = 100 * n / total if total else 0
        hit = option in measured
        mark = (" <b>◀ measured</b>" + (" (tie)" if len(measured) > 1 else "")) if hit else ""
        weight = "font-weight:600;" if hit else ""
        cells.append(
            f"<div style='text-align:right;{weight}'>{html.escape(option)}</div>"
            f"<div style='background:#f0f0f0;border-radius:2px'><div class='gbar' data-option='{html.escape(option, quote=True)}'"
            f" style='height:1.1rem;background:#4393c3;width:{width:.1f}%;border-radius:2px'></div></div>"
            f"<div style='white-space:nowrap'>{n}{mark}</div>"
        )
    note = "" if total else "<div style='color:#555'>No guesses were entered for this answer.</div>"
    return (
        f"<div class='dd-guesses' data-name='{html.escape(name, quote=True)}' style='display:grid;grid-template-columns:minmax(5rem,38%) minmax(6rem,1fr) auto;gap:4px 10px;"
        f"align-items:center;font-size:1.05rem'>{''.join(cells)}</div>{note}"
    )

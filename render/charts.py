"""Pure chart functions: a tidy frame in, a Plotly figure out (no Streamlit here).

Sentiment colours come from ColorBrewer's RdBu diverging scheme, which stays distinguishable for the
common colour-vision deficiencies (Brewer, colorbrewer2.org, "colorblind safe"); every coloured mark
also carries its number, so colour is never the only carrier. Marks that lead into the Reader carry
the pair number in ``customdata[0]``.
"""

from __future__ import annotations

import math
import textwrap

import pandas as pd
import plotly.graph_objects as go

# ColorBrewer RdBu (11 classes), negative -> positive.
RDBU = ["#67001f", "#b2182b", "#d6604d", "#f4a582", "#fddbc7", "#f7f7f7", "#d1e5f0", "#92c5de", "#4393c3", "#2166ac", "#053061"]
SENTIMENT_SCALE = [[i / (len(RDBU) - 1), c] for i, c in enumerate(RDBU)]
TOPIC_SCALE = "Blues"  # sequential ColorBrewer, for rates (no sign)
FONT = dict(family="Source Sans Pro, Arial, sans-serif", size=15)
QUESTION_COLOUR = "#7f7f7f"
ALIGNMENT_COLOUR = "#5e3c99"  # purple (PuOr's dark end): apart from the RdBu sentiment colours
# What the Plotly toolbar's camera button saves: a PNG at twice the screen size, for slides.
MODEBAR_ROOM = 30  # px at the top of a figure for Plotly's toolbar (its buttons are 26 px high in Chromium)
TITLE_LINE = 22  # px per line of a 17 px title (a <sup> subtitle line takes less, so this errs on the roomy side)
TITLE_PAD = 14  # px between the title and the plot area: the top y tick label reaches half a line above it
AXIS_TITLE_SIZE = 14  # px: an axis title under a narrow panel
AXIS_TITLE_STANDOFF = 8  # px between an axis's tick labels and its title
CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}


def sentiment_colour(value: float) -> str:
    """The RdBu colour for a compound score in [-1, 1] (NaN: neutral grey)."""
    if value != value:  # NaN
        return "#bdbdbd"
    i = round((max(-1.0, min(1.0, value)) + 1) / 2 * (len(RDBU) - 1))
    return RDBU[i]


# WCAG 2.x contrast for normal text (success criterion 1.4.3, level AA): a word's text on its colour.
MIN_CONTRAST = 4.5
INKS = ("#000000", "#ffffff")


def relative_luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of ``#rrggbb`` (sRGB channels linearised, weighted 0.2126/0.7152/0.0722)."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, from 1 to 21."""
    hi, lo = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def ink_for(background: str) -> str:
    """Black or white text, whichever has the higher WCAG contrast on ``background``: for highlighted
    words, number badges and chart labels alike. One of the two always reaches 4.58:1 (the two ratios
    multiply to 21), so every colour passes 4.5:1. A weighted sum of the channels, used before, chose
    white on the mid blue #4393c3 (3.4:1) and the mid red #d6604d (3.7:1); this rule chooses black
    there (6.2:1 and 5.6:1)."""
    return max(INKS, key=lambda ink: contrast(background, ink))


def number(value: float) -> str:
    """``+0.27``; a value that rounds to zero reads ``0.00`` (never ``-0.00``)."""
    if value != value:
        return "n/a"
    return "0.00" if abs(value) < 0.005 else f"{value:+.2f}"


def _wrap(text: str, width: int = 70, lines: int = 8) -> str:
    wrapped = textwrap.wrap(text, width=width)
    if len(wrapped) > lines:
        wrapped = wrapped[:lines] + ["…"]
    # Plotly hover labels are HTML: escape the user's text; <br> is ours.
    return "<br>".join(_escape(w) for w in wrapped)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _layout(fig: go.Figure, *, title: str, height: int, top_room: int = 0) -> go.Figure:
    # The title sits below a band kept free for the toolbar, which Plotly draws in the figure's
    # top-right corner (a title at the very top ran under its buttons on a narrow chart), and above the
    # plot area, or above ``top_room`` px kept for a top axis's labels. It is placed by its first line:
    # Plotly anchors a title's first line and hangs the others below it (it moves them up only when it
    # pushes the margin itself), so a "bottom"-anchored two-line title ran into the plot.
    lines = 1 + title.count("<br>")
    band = MODEBAR_ROOM + TITLE_LINE * lines + TITLE_PAD
    total = height + band - 50 + top_room  # the heights below were chosen with a 50 px top margin
    fig.update_layout(
        title=dict(text=title, x=0, xanchor="left", xref="container", yref="container", yanchor="bottom",
                   y=1 - (MODEBAR_ROOM + TITLE_LINE) / total, automargin=False, font=dict(size=17)),
        height=total,
        margin=dict(l=10, r=10, t=band + top_room, b=10),
        font=FONT,
        plot_bgcolor="white",
        hoverlabel=dict(font_size=14, align="left"),
        clickmode="event+select",
    )
    # Room for the tick labels and the axis titles, whatever the template: Streamlit makes its own
    # template the default once it is imported, and that one (unlike Plotly's) has no automargin, so a
    # figure built in the dashboard (the report download, a chart's HTML) drew its y title over its
    # tick labels and clipped them to the 10 px margin ("0.25" read "5").
    fig.update_xaxes(automargin=True, title_standoff=AXIS_TITLE_STANDOFF)
    fig.update_yaxes(automargin=True, title_standoff=AXIS_TITLE_STANDOFF)
    return fig


# The left end of the tone panel: room for the number left of a bar down to -1 ("-0.88" beside its bar), so
# that it never runs into the sentence labels ("S14-0.73"); a number inside a bar was shrunk by Plotly to
# fit the bar's height, below 9 px. tests/browser/test_legibility_browser.py checks the Reader's chart.
LEFT_END = -1.6
# The right end likewise: "+0.77" beside its bar ran up against the similarity panel's bars at 1280 px.
RIGHT_END = 1.6


def sentence_bars(
    sentences: pd.DataFrame, *, selected: int | None = None, tag: str = "", alignment: pd.DataFrame | None = None
) -> go.Figure:
    """One bar per sentence of an answer in reading order (top to bottom), length = VADER compound;
    with ``alignment`` (:func:`analysis.document.alignment.measure`'s sentences of this answer), a second panel
    on the same rows shows each sentence's similarity to the question.

    ``sentences``: rows of one answer from ``Analysis.sentences`` (``pair, sentence, text, sentiment``).
    Each bar's customdata is ``(sentence, hover text, pair, tag)``, so a click names its answer.
    """
    s = sentences.sort_values("sentence")
    colours = [sentiment_colour(v) for v in s["sentiment"]]
    widths = [3 if selected is not None and n == selected else 0.5 for n in s["sentence"]]
    rows = [f"S{n}" for n in s["sentence"]]
    custom = list(zip(s["sentence"], s["text"].map(_wrap), s["pair"], [tag] * len(s)))
    fig = go.Figure(
        go.Bar(
            x=s["sentiment"],
            y=rows,
            orientation="h",
            marker=dict(color=colours, line=dict(color="#000000", width=widths)),
            text=[number(v) for v in s["sentiment"]],
            textposition="outside",
            cliponaxis=False,
            customdata=custom,
            hovertemplate="<b>Sentence %{customdata[0]}</b>: %{x:+.3f}<br>%{customdata[1]}<extra></extra>",
            showlegend=False,
        )
    )
    fig.update_yaxes(autorange="reversed", title=None, tickfont=dict(size=12))
    fig.update_xaxes(range=[LEFT_END, RIGHT_END], zeroline=True, zerolinecolor="#444", title="VADER compound per sentence")
    if alignment is not None and len(alignment):
        # Two x axes side by side on the same rows (no make_subplots: its import costs ~0.1 s per cold start).
        # No text labels on these bars (their length is the value; the hover gives the number): labels on
        # both panels made switching answers ~0.25 s slower in Chromium (benchmarks/dashboard_speed.py).
        al = s[["sentence"]].merge(alignment[["sentence", "alignment", "shared_terms"]], on="sentence", how="left")
        fig.add_trace(
            go.Bar(
                x=al["alignment"], y=rows, xaxis="x2", orientation="h", marker=dict(color=ALIGNMENT_COLOUR),
                customdata=[(*c, _escape(w or "none")) for c, w in zip(custom, al["shared_terms"].fillna(""))],
                hovertemplate="<b>Sentence %{customdata[0]}</b>: similarity to the question %{x:.2f}"
                "<br>shared words: %{customdata[4]}<extra></extra>",
                showlegend=False,
            )
        )
        # Short axis titles (the subtitle says which panel is which): in the Reader's right column (about
        # 300 px at 1280 px) "VADER compound per sentence" and "similarity to the question" ran into each
        # other and past the chart's edge; these fit their panels down to about 250 px.
        fig.update_layout(
            xaxis=dict(domain=[0, 0.58], title=dict(text="VADER compound", font=dict(size=AXIS_TITLE_SIZE))),
            xaxis2=dict(domain=[0.7, 1], range=[0, 1.15], title=dict(text="similarity", font=dict(size=AXIS_TITLE_SIZE)),
                        showgrid=True, gridcolor="#eeeeee", anchor="y", tickvals=[0, 0.5, 1]),
        )
    height = max(260, 60 + 22 * len(s))
    title = ("Sentence by sentence<br><sup>tone (left) · similarity to the question (right)</sup>"
             if alignment is not None else "Sentiment sentence by sentence")
    return _layout(fig, title=title, height=height)


# Answers up to which a chart writes each answer's figure beside its mark and numbers every answer on
# the axis; a briefing's 60-100 labels overlap, and measuring them is most of the drawing time.
LABELS_MAX = 30


def arc(answers: pd.DataFrame) -> go.Figure:
    """Each answer's mean sentence sentiment with its range (min-max), and its question's, in order."""
    a = answers.sort_values("pair")
    x = a["pair"]
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=x,
            y=a["sentiment"],
            # The mean beside each marker while they fit (the default interview has 9 answers); a
            # briefing's 60-100 labels overlap and slow the drawing, and the hover gives each number.
            mode="markers+text+lines" if len(a) <= LABELS_MAX else "markers+lines",
            line=dict(color="#bbbbbb", width=1),
            marker=dict(size=16, color=[sentiment_colour(v) for v in a["sentiment"]], line=dict(color="#000", width=1)),
            error_y=dict(
                type="data",
                symmetric=False,
                array=a["sentiment_max"] - a["sentiment"],
                arrayminus=a["sentiment"] - a["sentiment_min"],
                color="#888",
                thickness=1.2,
            ),
            text=[number(v) for v in a["sentiment"]] if len(a) <= LABELS_MAX else None,
            textposition="middle right",
            name="answer (mean of sentences; bar: min to max)",
            customdata=list(
                zip(a["pair"], a["sentiment_min"], a["sentiment_max"], a["n_sentences"], a["answer"].map(lambda t: _wrap(t, 60, 4)))
            ),
            hovertemplate=(
                "<b>Answer %{customdata[0]}</b>: mean %{y:+.2f} over %{customdata[3]} sentences"
                "<br>range %{customdata[1]:+.2f} to %{customdata[2]:+.2f}<br>%{customdata[4]}<extra></extra>"
            ),
        )
    )
    q = a[a["question_sentiment"].notna()]
    fig.add_trace(
        go.Scatter(
            x=q["pair"],
            y=q["question_sentiment"],
            mode="markers",
            marker=dict(symbol="diamond-open", size=12, color=QUESTION_COLOUR, line=dict(width=2)),
            name="question (mean of sentences)",
            customdata=list(zip(q["pair"], q["question"].map(lambda t: _wrap(t, 60, 4)))),
            hovertemplate="<b>Question %{customdata[0]}</b>: %{y:+.2f}<br>%{customdata[1]}<extra></extra>",
        )
    )
    # Every pair numbered while they fit; beyond that Plotly picks round ticks (a label per answer of a
    # briefing overlaps, and measuring 74 rotated labels was most of the chart's drawing time).
    ticks = dict(tickmode="array", tickvals=list(x)) if len(a) <= LABELS_MAX else dict(tickmode="auto", tickformat="d")
    fig.update_xaxes(title="question-answer pair", range=[x.min() - 0.5, x.max() + 0.9], **ticks)
    fig.update_yaxes(range=[-1.05, 1.05], zeroline=True, zerolinecolor="#444", title="VADER compound")
    fig.update_layout(legend=dict(orientation="h", y=-0.25, x=0))
    return _layout(fig, title="Sentiment across the interview (click an answer to read it)", height=420)


# Heatmap rows: 22 px fits a 12 px answer label and the cell's number, and keeps a briefing of 116
# answers at about 2,900 px instead of 3,900; the topic names are on top (seen first) and, on a heatmap
# longer than HEATMAP_BOTH_AXES rows, at the bottom too.
HEATMAP_ROW = 22
HEATMAP_BOTH_AXES = 20
HEATMAP_TICK_SIZE = 13


def _slanted_label_room(labels: list[str], *, size: int = HEATMAP_TICK_SIZE, angle: float = 30) -> int:
    """Pixels a row of axis labels slanted by ``angle`` degrees takes (about 0.5 em per character)."""
    longest = max((len(t) for t in labels), default=0)
    return int(longest * 0.5 * size * math.sin(math.radians(angle)) + 1.6 * size)


def heatmap(
    answers: pd.DataFrame, labels: dict[str, str], *, what: str = "Topics", scale: str = TOPIC_SCALE
) -> go.Figure:
    """Answers (rows) x topics or marker families (columns, ``labels``: column -> label), cell = rate
    per 1,000 words, with the number in the cell (none where the rate is 0). The column names are on a
    top axis, and on a bottom one too when the heatmap is long."""
    a = answers.sort_values("pair")
    cols = list(labels)
    z = a[cols].to_numpy()
    counts = a[[c + "_count" for c in cols]].to_numpy()
    rows = [f"A{p}" for p in a["pair"]]
    names = [labels[c] for c in cols]
    both = len(rows) > HEATMAP_BOTH_AXES
    fig = go.Figure(
        go.Heatmap(
            z=z,
            x=names,
            y=rows,
            colorscale=scale,
            zmin=0,
            # Numbers in the cells that have matches; an empty cell is the lightest colour (the hover
            # says 0). Fewer labels also draw faster: a briefing has a thousand cells.
            text=[[f"{v:.1f}" if v else "" for v in row] for row in z],
            texttemplate="%{text}",
            textfont=dict(size=12),
            # A colour bar of its own height at the top, beside the names, however long the heatmap.
            colorbar=dict(title="per 1,000<br>words", lenmode="pixels", len=min(300, HEATMAP_ROW * max(len(rows), 8)),
                          y=1, yanchor="top", thickness=16),
            hoverinfo="skip",
        )
    )
    # Heatmap cells cannot be selected in Plotly; a transparent marker on each cell carries the click
    # (and the hover text) so that a cell leads to its answer in the Reader. On a long heatmap these
    # marks are on the bottom axis (the same columns as the top one), which then shows the names too.
    xs, ys, data, texts = [], [], [], []
    for (pair, name, crow, zrow) in zip(a["pair"], rows, counts, z):
        for c, n, v in zip(cols, crow, zrow):
            xs.append(labels[c])
            ys.append(name)
            data.append(int(pair))
            texts.append(f"Answer {pair} · {labels[c]}: {v:.1f} per 1,000 words ({int(n)} matches)")
    fig.add_trace(
        go.Scatter(
            x=xs, y=ys, mode="markers", customdata=data, text=texts, hovertemplate="%{text}<extra></extra>",
            xaxis="x2" if both else "x",
            marker=dict(symbol="square", size=HEATMAP_ROW - 2, color="rgba(0,0,0,0.01)"), showlegend=False,
            selected=dict(marker=dict(color="rgba(0,0,0,0.01)")), unselected=dict(marker=dict(opacity=1)),
        )
    )
    # Every answer labelled (an explicit list: Plotly skips labels it thinks are crowded), and the ranges
    # fixed to the cells: the marks' trace made Plotly pad them by 5%, six empty rows at each end of a
    # briefing.
    fig.update_yaxes(range=[len(rows) - 0.5, -0.5], tickmode="array", tickvals=rows, tickfont=dict(size=12))
    axis = dict(tickangle=-30, tickfont=dict(size=HEATMAP_TICK_SIZE), categoryorder="array", categoryarray=names,
                range=[-0.5, len(names) - 0.5])
    fig.update_layout(xaxis=dict(side="top", **axis))
    if both:
        fig.update_layout(xaxis2=dict(side="bottom", overlaying="x", matches="x", anchor="y", **axis))
    room = _slanted_label_room(names)
    plot = max(HEATMAP_ROW * len(rows), 140)
    height = 50 + plot + (room if both else 10)
    return _layout(fig, title=f"{what} per answer (click a cell to read the answer)", height=height, top_room=room)


# Okabe & Ito's colour-blind-safe palette (2008): one colour per side of a comparison.
SIDE_A = "#E69F00"  # orange
SIDE_B = "#0072B2"  # blue


def sentiment_boxes(a: pd.DataFrame, b: pd.DataFrame, *, label_a: str, label_b: str) -> go.Figure:
    """Each side's sentence compounds as a box with every sentence as a point (hover: the sentence)."""
    fig = go.Figure()
    for frame, label, colour in ((a, label_a, SIDE_A), (b, label_b, SIDE_B)):
        fig.add_trace(
            go.Box(
                x=frame["sentiment"],
                name=_escape(label),
                orientation="h",
                boxpoints="all",
                jitter=0.5,
                pointpos=0,
                marker=dict(color=colour, size=6, opacity=0.7),
                line=dict(color=colour),
                boxmean=True,
                customdata=list(zip(frame["pair"], frame["text"].map(lambda t: _wrap(t, 60, 4)))),
                hovertemplate="answer %{customdata[0]}: %{x:+.2f}<br>%{customdata[1]}<extra></extra>",
            )
        )
    fig.update_xaxes(range=[-1.05, 1.05], zeroline=True, zerolinecolor="#444", title="VADER compound per sentence")
    fig.update_yaxes(automargin=True)
    fig.update_layout(showlegend=False)
    return _layout(fig, title="Sentence sentiment per side (dashed: mean)", height=300)


def _topic_row_label(label: str, rate_a: float, rate_b: float, *, width: int = 24) -> str:
    """A topic's axis label on up to three short lines: its name (wrapped) and the two rates, so that
    the labels leave the plot half of a narrow chart (each of the Compare page's two columns)."""
    lines = [_escape(w) for w in textwrap.wrap(label, width=width)] or [""]
    rates = f"{rate_a:.1f} vs {rate_b:.1f}"
    if len(lines[-1]) + len(rates) + 3 <= width + 4:
        lines[-1] += f" <span style='color:#555'>({rates})</span>"
    else:
        lines.append(f"<span style='color:#555'>({rates})</span>")
    return "<br>".join(lines[:3])


def topic_difference(profile: pd.DataFrame, *, label_a: str, label_b: str) -> go.Figure:
    """Difference of topic rates (A - B) with its bootstrap interval, one row per topic."""
    p = profile.sort_values("difference")
    rows = [_topic_row_label(lab, ra, rb) for lab, ra, rb in zip(p["label"], p["rate_a"], p["rate_b"])]
    fig = go.Figure(
        go.Scatter(
            x=p["difference"],
            y=rows,
            mode="markers",
            marker=dict(size=11, color=[SIDE_A if d > 0 else SIDE_B for d in p["difference"]], line=dict(color="#000", width=1)),
            error_x=dict(type="data", symmetric=False, array=p["high"] - p["difference"], arrayminus=p["difference"] - p["low"], color="#666"),
            customdata=[_escape(lab) for lab in p["label"]],
            hovertemplate="%{customdata}: A - B = %{x:+.1f} per 1,000 words<extra></extra>",
        )
    )
    fig.add_vline(x=0, line_color="#444")
    title = _wrap(f"{label_a} minus {label_b}, per 1,000 words (95% interval)", width=30, lines=3)
    fig.update_xaxes(title=dict(text=title, font=dict(size=AXIS_TITLE_SIZE)), nticks=6, zeroline=False)
    fig.update_yaxes(automargin=True, tickfont=dict(size=13))
    n_lines = sum(1 + r.count("<br>") for r in rows)
    return _layout(fig, title="Topic rates (A vs B) and their difference", height=max(320, 110 + 17 * n_lines + 14 * len(rows)))


# The term plot's text labels: the plot area it is drawn for (the Compare page's left column at 1280 px;
# wider windows only spread the labels further apart), and the size of a 12 px label in Chromium.
TERM_PLOT_AREA = (390, 400)  # px, width x height
TERM_CHAR_PX, TERM_LABEL_PX = 7.0, 16.0


def _term_labels(x: list[float], y: list[float], names: list[str], order: list[int], *, x_range, y_range, keep: int):
    """Indices of the terms to label and each label's textposition: in ``order`` (most distinctive
    first), a label is kept when its box, above its point, below it or beside it, overlaps no kept label, up
    to ``keep``. A label near the left or right edge is drawn towards the inside, so that it is not cut off."""
    w, h = TERM_PLOT_AREA
    kept: dict[int, str] = {}
    boxes: list[tuple[float, float, float, float]] = []
    for i in order:
        if len(kept) >= keep:
            break
        px = (x[i] - x_range[0]) / (x_range[1] - x_range[0]) * w
        py = (y[i] - y_range[0]) / (y_range[1] - y_range[0]) * h
        width = TERM_CHAR_PX * len(names[i]) + 4
        if px - width / 2 < 0:
            side, x0 = "right", px
        elif px + width / 2 > w:
            side, x0 = "left", px - width
        else:
            side, x0 = "center", px - width / 2
        # Above the point, else below it, else beside it (y grows upwards here); else no label (the
        # hover remains).
        places = [("top " + side, x0, py + 4), ("bottom " + side, x0, py - 4 - TERM_LABEL_PX),
                  ("middle right", px + 6, py - TERM_LABEL_PX / 2), ("middle left", px - 6 - width, py - TERM_LABEL_PX / 2)]
        for position, bx, by in places:
            box = (bx, by, bx + width, by + TERM_LABEL_PX)
            if box[0] < 0 or box[2] > w:
                continue
            if not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
                boxes.append(box)
                kept[i] = position
                break
    return kept


def term_plot(terms: pd.DataFrame, *, label_a: str, label_b: str, highlight: str | None = None, top: int = 8) -> go.Figure:
    """Terms by frequency (x, log) and distinctiveness (y: the log-odds z-score), in the manner of
    Scattertext. The most distinctive terms of each side (``top`` each, |z| >= 1) are labelled where
    their labels do not overlap; every term has its hover. customdata[0] is the term."""
    t = terms.assign(total=terms["count_a"] + terms["count_b"]).reset_index(drop=True)
    x = [math.log10(v) for v in t["total"]]
    y = [float(v) for v in t["z"]]
    pad_x = max(0.05, 0.06 * (max(x, default=0) - min(x, default=0)))
    x_range = [min(x, default=0) - pad_x, max(x, default=1) + pad_x]
    # Room above the highest point for its label, and the +-1.96 lines always in view.
    y_range = [min(min(y, default=0), -2.2) - 0.3, max(max(y, default=0), 2.2) + 0.5]
    strong = t[t["z"].abs() >= 1]
    candidates = list(strong.nlargest(top, "z").index) + list(strong.nsmallest(top, "z").index)
    candidates = sorted(dict.fromkeys(candidates), key=lambda i: -abs(y[i]))
    names = [_escape(w) for w in t["term"]]
    if highlight is not None and highlight in set(t["term"]):
        candidates.insert(0, int(t.index[t["term"] == highlight][0]))
    labelled = _term_labels(x, y, list(t["term"]), list(dict.fromkeys(candidates)), x_range=x_range, y_range=y_range,
                            keep=2 * top + 1)
    colours = [SIDE_A if z > 1.96 else SIDE_B if z < -1.96 else "#bbbbbb" for z in t["z"]]
    fig = go.Figure(
        go.Scatter(
            x=t["total"],
            y=t["z"],
            mode="markers+text",
            marker=dict(color=colours, size=[14 if w == highlight else 7 for w in t["term"]], line=dict(color="#333", width=0.5)),
            text=[names[i] if i in labelled else "" for i in range(len(t))],
            textposition=[labelled.get(i, "top center") for i in range(len(t))],
            textfont=dict(size=12),
            cliponaxis=False,
            customdata=list(zip(names, t["count_a"], t["count_b"], t["rate_a"], t["rate_b"])),
            hovertemplate=(
                "<b>%{customdata[0]}</b> z = %{y:+.2f}<br>A: %{customdata[1]} (%{customdata[3]:.1f} per 1,000)"
                "<br>B: %{customdata[2]} (%{customdata[4]:.1f} per 1,000)<extra></extra>"
            ),
        )
    )
    fig.add_hline(y=1.96, line_dash="dot", line_color=SIDE_A)
    fig.add_hline(y=-1.96, line_dash="dot", line_color=SIDE_B)
    fig.update_xaxes(type="log", range=x_range, title="frequency on both sides (log scale)")
    fig.update_yaxes(range=y_range, title=f"z: more typical of {_escape(label_a)} (up) or {_escape(label_b)} (down)")
    return _layout(fig, title="Distinctive terms (click a point to read it in context)", height=520)


def actor_dots(summary: pd.DataFrame, *, top: int = 15) -> go.Figure:
    """Per actor, the mean sentiment of the answer sentences that mention it, with their range.

    ``summary``: :func:`analysis.document.actors.summary`. The most mentioned ``top`` actors, most mentioned on
    top; each point's customdata is ``(actor slug,)``, so a click selects the actor.
    """
    s = summary.head(top).iloc[::-1]
    labels = [f"{label} ({n})" for label, n in zip(s["label"], s["mentions"])]
    fig = go.Figure(
        go.Scatter(
            x=s["sentiment"],
            y=labels,
            mode="markers+text",
            marker=dict(size=15, color=[sentiment_colour(v) for v in s["sentiment"]], line=dict(color="#000", width=1)),
            error_x=dict(type="data", symmetric=False, array=s["sentiment_max"] - s["sentiment"],
                         arrayminus=s["sentiment"] - s["sentiment_min"], color="#888", thickness=1.2),
            text=[number(v) for v in s["sentiment"]],
            textposition="top center",
            customdata=list(zip(s["actor"], s["sentences"], s["answers"], s["sentiment_min"], s["sentiment_max"])),
            hovertemplate=(
                "<b>%{y}</b><br>mean %{x:+.2f} over %{customdata[1]} sentences in %{customdata[2]} answers"
                "<br>range %{customdata[3]:+.2f} to %{customdata[4]:+.2f}<extra></extra>"
            ),
        )
    )
    fig.update_xaxes(range=[-1.08, 1.08], zeroline=True, zerolinecolor="#444", title="mean VADER compound of the sentences that mention the actor")
    fig.update_yaxes(title=None, automargin=True)
    return _layout(fig, title="How each actor is talked about (label: mentions; click a point for its sentences)", height=max(260, 34 * len(s) + 110))


def alignment_bars(alignment: pd.DataFrame) -> go.Figure:
    """Each answer's similarity to its own question beside its mean similarity to the other questions.

    ``alignment``: :func:`analysis.document.alignment.measure`'s answers frame. customdata[0] is the pair.
    """
    a = alignment[alignment["alignment"].notna()].sort_values("pair")
    x = [f"A{p}" for p in a["pair"]]
    custom = list(zip(a["pair"], a["shared_terms"].fillna("").map(lambda w: _escape(w or "none")), a["premise_challenge"].map({True: "yes", False: "no"})))
    fig = go.Figure([
        go.Bar(x=x, y=a["alignment"], name="its own question", marker=dict(color=ALIGNMENT_COLOUR), customdata=custom,
               text=[f"{v:.2f}" for v in a["alignment"]] if len(a) <= LABELS_MAX else None, textposition="outside", cliponaxis=False,
               hovertemplate="<b>Answer %{customdata[0]}</b>: %{y:.2f} with its question<br>shared words: %{customdata[1]}"
               "<br>challenges the premise: %{customdata[2]}<extra></extra>"),
        go.Bar(x=x, y=a["alignment_others"], name="the other questions (mean)", marker=dict(color="#bdbdbd"), customdata=custom,
               hovertemplate="<b>Answer %{customdata[0]}</b>: %{y:.2f} with the other questions<extra></extra>"),
    ])
    for i, flagged in enumerate(a["premise_challenge"]):
        if flagged:
            fig.add_annotation(x=x[i], y=float(a["alignment"].iloc[i]), text="premise<br>challenged", showarrow=True, arrowhead=0, ay=-45, font=dict(size=12))
    top = max(0.3, float(a[["alignment", "alignment_others"]].max().max() or 0) * 1.35)
    fig.update_yaxes(range=[0, top], title="TF-IDF cosine")
    fig.update_layout(barmode="group", legend=dict(orientation="h", y=-0.2, x=0))
    return _layout(fig, title="Does the answer take up its question? (click a bar to read the answer)", height=380)


# --- a corpus over time ---------------------------------------------------------------------------------

TREND_COLOUR = "#5e3c99"  # the fitted line and its band (apart from the RdBu marks)
POINT_COLOUR = "#4393c3"  # a rate's points (no sign to colour)


def corpus_over_time(points: pd.DataFrame, trend: dict, *, label: str, unit: str, tone: bool, by: str) -> go.Figure:
    """A measure over time, one mark per document (``by="document"``) or per period: ``points`` is
    :func:`analysis.corpus.over_time`'s frame (``period, doc_ids, n_documents, n, value, low, high``),
    ``trend`` :func:`analysis.corpus.trend`'s result (a fitted line with its 95% band).

    Each mark's customdata is ``(first document id, number of documents, period as text, value)``, so a
    click names its document or its period. A tone's marks are coloured by sign (RdBu) and carry their
    number while they fit; a rate's are one colour. The interval is drawn as an error bar."""
    p = points[points["value"].notna()]
    fmt = "%Y-%m-%d" if by in ("document", "week") else ("%Y-%m" if by == "month" else "%Y-%m")
    when = p["period"].dt.strftime(fmt) if len(p) else pd.Series([], dtype=str)
    if by == "quarter" and len(p):
        when = p["period"].dt.year.astype(str) + " Q" + p["period"].dt.quarter.astype(str)
    colours = [sentiment_colour(v) for v in p["value"]] if tone else POINT_COLOUR
    few = len(p) <= LABELS_MAX
    fig = go.Figure()
    line = trend.get("line")
    if line is not None and len(line) and line["fit"].notna().any():
        band = line.dropna(subset=["low", "high"])
        if len(band):
            fig.add_trace(go.Scatter(
                x=list(band["period"]) + list(band["period"][::-1]), y=list(band["high"]) + list(band["low"][::-1]),
                fill="toself", fillcolor="rgba(94,60,153,0.15)", line=dict(width=0), hoverinfo="skip",
                name="95% band of the trend", showlegend=True,
            ))
        fig.add_trace(go.Scatter(
            x=line["period"], y=line["fit"], mode="lines", line=dict(color=TREND_COLOUR, width=2),
            name="trend (least squares)", hoverinfo="skip",
        ))
    what = "document" if by == "document" else by
    fig.add_trace(go.Scatter(
        x=p["period"], y=p["value"], mode="markers+text" if few else "markers",
        marker=dict(size=10 if by == "document" else 12, color=colours, line=dict(color="#000", width=1)),
        error_y=dict(type="data", symmetric=False, array=(p["high"] - p["value"]).fillna(0),
                     arrayminus=(p["value"] - p["low"]).fillna(0), color="#888", thickness=1.2),
        text=[number(v) if tone else f"{v:.1f}" for v in p["value"]] if few else None,
        textposition="middle right",
        name=f"one {what} (95% interval over answers)",
        customdata=list(zip([ids[0] for ids in p["doc_ids"]], p["n_documents"], when, p["value"], p["n"])),
        hovertemplate=(
            "<b>%{customdata[2]}</b>: %{customdata[3]:.2f}"
            + (" per 1,000 words" if not tone else "")
            + "<br>%{customdata[1]} document(s), n = %{customdata[4]}<br>click to read<extra></extra>"
        ),
    ))
    if tone:
        fig.update_yaxes(zeroline=True, zerolinecolor="#444")
    fig.update_yaxes(title=dict(text=_wrap(unit, width=28, lines=2), font=dict(size=AXIS_TITLE_SIZE)))
    fig.update_xaxes(title=dict(text="date" if by == "document" else f"{by} (its first day)", font=dict(size=AXIS_TITLE_SIZE)))
    fig.update_layout(legend=dict(orientation="h", y=-0.28, x=0))
    title = _wrap(f"{label}, by {what}", width=70, lines=2) + "<br><sup>click a mark to read its document</sup>"
    return _layout(fig, title=title, height=440)


def speaker_profiles(a: pd.Series, b: pd.Series, labels: dict[str, str]) -> go.Figure:
    """Two speakers of a corpus (rows of :func:`analysis.corpus.speakers`) side by side: each topic's and
    marker family's rate per 1,000 of their answer words, a bar each with its number; the title gives their
    tone with its 95% interval. Rows with neither speaker at a rate above 0 are left out."""
    rows = [c for c in labels if c in a.index and (float(a[c] or 0) > 0 or float(b[c] or 0) > 0)]
    rows.sort(key=lambda c: -max(float(a[c] or 0), float(b[c] or 0)))
    names = [_wrap(labels[c], width=34, lines=2) for c in rows]
    fig = go.Figure()
    for s, colour in ((a, SIDE_A), (b, SIDE_B)):
        values = [float(s[c] or 0) for c in rows]
        fig.add_trace(go.Bar(
            x=values, y=names, orientation="h", name=_escape(str(s["speaker"])), marker=dict(color=colour),
            text=[f"{v:.1f}" for v in values], textposition="outside", cliponaxis=False,
            hovertemplate="%{y}: %{x:.1f} per 1,000 words<extra>" + _escape(str(s["speaker"])) + "</extra>",
        ))
    fig.update_yaxes(autorange="reversed", automargin=True, tickfont=dict(size=13))
    top = max([float(a[c] or 0) for c in rows] + [float(b[c] or 0) for c in rows] + [1.0])
    fig.update_xaxes(range=[0, top * 1.25], title=dict(text="per 1,000 answer words", font=dict(size=AXIS_TITLE_SIZE)))
    fig.update_layout(barmode="group", legend=dict(orientation="h", y=-0.12, x=0))

    def tone(s: pd.Series) -> str:
        return f"{_escape(str(s['speaker']))} {number(float(s['tone']))} ({float(s['tone_low']):+.2f} to {float(s['tone_high']):+.2f})"

    title = f"Two speakers: topics and markers<br><sup>tone {tone(a)} · {tone(b)}</sup>"
    return _layout(fig, title=title, height=max(300, 120 + 44 * len(rows)))

"""The answer text as HTML with switchable highlight layers (pure: no Streamlit).

Every character of the user's text goes through :func:`html.escape`; the only markup is ours. The
text is cut into segments at every span boundary (sentiment word, topic term, sentence), and each
segment carries the classes and the explanation of every annotation that covers it. An annotated
segment is focusable (``tabindex="0"``), so its explanation shows on hover, on click and from the
keyboard, through CSS alone (no script).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from analysis.result import UnitFrames
from analysis.sentence.sentiment import NEGATION_SCALAR

from .charts import MIN_CONTRAST, RDBU, contrast, ink_for, relative_luminance, sentiment_colour  # noqa: F401 (colour rules live in charts)

Layer = Literal["sentiment", "topics", "markers", "numbers"]
PREMISE_LABEL = "Challenge to the question's premise"
MARKER_COLOUR = "#e66101"  # orange: apart from the RdBu sentiment scale and the purple topic line


def word_colour(valence: float) -> str:
    """The background of a sentiment word: the RdBu colour of its valence (VADER's lexicon runs from
    about -4 to +4; a third of it is the compound-score scale the charts use, clipped to [-1, 1])."""
    return sentiment_colour(max(-1.0, min(1.0, valence / 3)))


# Every background a sentiment word can get: ColorBrewer's RdBu (colour-blind safe, the charts' scale,
# so a word and its sentence bar share a colour) and the grey of a missing value.
WORD_COLOURS = (*RDBU, sentiment_colour(float("nan")))

STYLE = """
<style>
.dd-text { font-size: 1.12rem; line-height: 1.75; white-space: pre-wrap; max-width: 52rem; }
.dd-text .a { position: relative; border-radius: 3px; padding: 0 1px; cursor: help; }
.dd-text .a:focus { outline: 2px solid #000; outline-offset: 1px; }
.dd-text .t { border-bottom: 3px solid #5e3c99; }
.dd-text .m { text-decoration: underline dotted #e66101 3px; text-underline-offset: 6px; text-decoration-skip-ink: none; }
.dd-text .sel { background: #fff3b0; box-shadow: 0 0 0 2px #fff3b0; }
.dd-text mark.r { background: #e0e0e0; color: #000; padding: 0 3px; border-radius: 3px; }
.dd-text sup { font-size: 0.7em; color: #333; margin-left: 1px; }
.dd-text .a[data-tip]:hover::after, .dd-text .a[data-tip]:focus::after {
  content: attr(data-tip); position: absolute; left: 0; top: 1.9em; z-index: 10; width: max-content;
  max-width: 26rem; white-space: pre-line; background: #222; color: #fff; padding: 6px 9px;
  border-radius: 4px; font-size: 0.9rem; line-height: 1.35; }
.dd-text .who { font-weight: 700; font-size: 0.95rem; letter-spacing: 0.01em; color: #333; }
.dd-legend { font-size: 0.95rem; margin: 0.2rem 0 0.6rem 0; }
.dd-legend span { padding: 1px 6px; border-radius: 3px; margin-right: 8px; }
</style>
"""


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    kind: str  # "sentiment" | "topic" | "marker" | "sentence" | "redact" (tip = the replacement)
    tip: str = ""
    valence: float = 0.0


def explain_word(row) -> str:
    """Why a word moved the score: its lexicon valence, what the rules did, its final valence."""
    parts = [f"“{row['token']}” lexicon valence {row['valence_lexicon']:+.2f}"]
    if row["negated"]:
        parts.append(f"negated (a 'not'-type word before it flips and scales it by {NEGATION_SCALAR:g})")
    if row["booster"]:
        parts.append(f"intensity changed by “{row['booster']}”")
    if row["caps"]:
        parts.append("ALL CAPS emphasis")
    if row["but_weight"] != 1.0:
        side = "before" if row["but_weight"] < 1 else "after"
        parts.append(f"{side} 'but': weight x{row['but_weight']:g}")
    parts.append(f"counts {row['valence']:+.2f} in this sentence's score")
    return "\n".join(parts)


def explain_term(topic_label: str, entry: str, kind: str) -> str:
    how = {"exact": "exact entry", "wildcard": "wildcard entry", "phrase": "phrase"}.get(kind, kind)
    return f"Topic: {topic_label}\nmatched {how} “{entry}”"


def redaction(start: int, end: int, replacement: str) -> _Span:
    """Show ``replacement`` instead of ``text[start:end]`` (the workshop's hidden names)."""
    return _Span(start, end, "redact", replacement)


def marker(start: int, end: int, label: str, written: str) -> _Span:
    """A marker span from outside the marker families (e.g. a challenge to the question's premise)."""
    return _Span(start, end, "marker", explain_marker(label, written))


def explain_marker(label: str, written: str, technique: str = "") -> str:
    lines = [f"Marker: {label}", f"matched “{written if len(written) <= 60 else written[:57] + '…'}”"]
    if technique:
        lines.append(f"resembles: {technique}")
    lines.append("a cue for discussion, not a verdict")
    return "\n".join(lines)


def spans(
    contributions: pd.DataFrame,
    terms: pd.DataFrame,
    sentences: pd.DataFrame,
    *,
    topic_labels: dict[str, str],
    layers: Iterable[Layer],
    selected: int | None = None,
    markers: pd.DataFrame | None = None,
    families: dict[str, tuple[str, str]] | None = None,
) -> list[_Span]:
    """The annotations of one unit's text. ``markers`` are rows of ``Analysis.markers`` and
    ``families`` maps a family slug to its (label, technique)."""
    layers = set(layers)
    out: list[_Span] = []
    if "markers" in layers and markers is not None:
        families = families or {}
        for r in markers.to_dict("records"):
            label, technique = families.get(r["family"], (r["family"], ""))
            out.append(_Span(int(r["start"]), int(r["end"]), "marker", explain_marker(label, r["text"], technique)))
    if "sentiment" in layers or "numbers" in layers:  # the valence numbers sit on the sentiment words
        for r in contributions.to_dict("records"):
            out.append(_Span(int(r["start"]), int(r["end"]), "sentiment", explain_word(r), float(r["valence"])))
    if "topics" in layers:
        for r in terms.to_dict("records"):
            label = topic_labels.get(r["topic"], r["topic"])
            out.append(_Span(int(r["start"]), int(r["end"]), "topic", explain_term(label, r["entry"], r["kind"])))
    if selected is not None:
        for r in sentences[sentences["sentence"] == selected].to_dict("records"):
            out.append(_Span(int(r["start"]), int(r["end"]), "sentence"))
    return out


def unit_html(
    unit: UnitFrames,
    *,
    layers: Iterable[Layer],
    topic_labels: Mapping[str, str],
    families: Mapping[str, tuple[str, str]],
    selected: int | None = None,
    redactions: Iterable[tuple[int, int, str]] = (),
    speakers: Iterable[tuple[int, str]] = (),
) -> str:
    """One question or answer (:meth:`analysis.result.Analysis.unit`) as highlighted HTML: every layer
    of :func:`spans`, with the answer's challenges to the question's premise among the markers, and
    ``redactions`` (start, end, replacement) shown instead of the words they cover. ``speakers``
    (offset, name): where each speaker's part of an answer by several begins, named there. The Reader, the
    Workshop and the report all render a unit through here, so they show the same marks."""
    layers = set(layers)
    marks = spans(
        unit.contributions, unit.terms, unit.sentences, topic_labels=dict(topic_labels), layers=layers,
        selected=selected, markers=unit.markers, families=dict(families),
    )
    if "markers" in layers and unit.role == "answer":
        for start, end, written in unit.premises[["start", "end", "text"]].itertuples(index=False):
            marks.append(marker(int(start), int(end), PREMISE_LABEL, written))
    marks += [redaction(start, end, alias) for start, end, alias in redactions]
    return render(unit.text, marks, numbers="numbers" in layers, role=unit.role, speakers=speakers)


def speaker_parts(texts: Sequence[tuple[str, str]], joined: str | None = None) -> tuple[tuple[int, str], ...]:
    """(offset, speaker) where each part begins in the parts' texts joined by a blank line (a pair's answer
    text, :attr:`analysis.transcripts.model.Pair.answer`): empty unless several speakers answer, or when
    ``joined`` (the text shown) is not those parts."""
    if len({speaker for speaker, _ in texts}) < 2:
        return ()
    if joined is not None and joined != "\n\n".join(text for _, text in texts):
        return ()
    out, at = [], 0
    for speaker, text in texts:
        out.append((at, speaker))
        at += len(text) + 2
    return tuple(out)


def render(
    text: str, annotations: list[_Span], *, numbers: bool = False, role: str = "answer",
    speakers: Iterable[tuple[int, str]] = (),
) -> str:
    """``text`` as escaped HTML with ``annotations`` marked (see the module docstring); ``role``
    ("question" or "answer") becomes the block's ``data-role``; each of ``speakers`` (offset, name) is a
    bold "NAME:" before the text at its offset."""
    cuts = {0, len(text)}
    for a in annotations:
        cuts.update((max(0, a.start), min(len(text), a.end)))
    who = {int(at): name for at, name in speakers if 0 <= at < len(text)}
    cuts.update(who)
    points = sorted(cuts)
    pieces = []
    for lo, hi in zip(points, points[1:]):
        if lo in who:
            pieces.append(f"<span class='who' data-speaker='{html.escape(who[lo], quote=True)}'>{html.escape(who[lo])}:</span> ")
        covering = [a for a in annotations if a.start <= lo and hi <= a.end]
        chunk = html.escape(text[lo:hi])
        if redacted := [a for a in covering if a.kind == "redact"]:
            # A hidden name: its replacement once, at the start of the span; nothing of the original.
            chunk = f"<mark class='r'>{html.escape(redacted[0].tip)}</mark>" if redacted[0].start == lo else ""
            covering = [a for a in covering if a.kind == "sentence"]
            pieces.append(f"<span class='sel'>{chunk}</span>" if covering and chunk else chunk)
            continue
        if not covering:
            pieces.append(chunk)
            continue
        classes, styles, tips = [], [], []
        for a in covering:
            if a.kind == "sentence":
                classes.append("sel")
            elif a.kind == "topic":
                classes.append("a t")
                tips.append(a.tip)
            elif a.kind == "marker":
                classes.append("a m")
                tips.append(a.tip)
            elif a.kind == "sentiment":
                classes.append("a s")
                bg = word_colour(a.valence)
                styles.append(f"background:{bg};color:{ink_for(bg)}")
                tips.append(a.tip)
        attrs = f' class="{" ".join(dict.fromkeys(" ".join(classes).split()))}"'
        if styles:
            attrs += f' style="{styles[-1]}"'
        if tips:
            attrs += f' tabindex="0" data-tip="{html.escape(chr(10).join(tips), quote=True)}"'
        sup = ""
        if numbers and any(a.kind == "sentiment" and a.end == hi for a in covering):
            v = next(a.valence for a in covering if a.kind == "sentiment")
            sup = f"<sup>{v:+.1f}</sup>"
        pieces.append(f"<span{attrs}>{chunk}</span>{sup}")
    return STYLE + f'<div class="dd-text" data-role="{html.escape(role, quote=True)}">' + "".join(pieces) + "</div>"


def legend(layers: Iterable[Layer]) -> str:
    layers = set(layers)
    items = []
    if "sentiment" in layers or "numbers" in layers:  # the valence numbers sit on the sentiment words
        neg, pos = sentiment_colour(-0.8), sentiment_colour(0.8)
        items.append(f'<span style="background:{neg};color:{ink_for(neg)}">negative word</span>')
        items.append(f'<span style="background:{pos};color:{ink_for(pos)}">positive word</span>')
    if "topics" in layers:
        items.append('<span style="border-bottom:3px solid #5e3c99">topic term</span>')
    if "markers" in layers:
        items.append(f'<span style="text-decoration:underline dotted {MARKER_COLOUR} 3px;text-underline-offset:6px">discourse marker</span>')
    if not items:
        return ""
    return STYLE + '<div class="dd-legend">' + "".join(items) + " · hover, click or tab to a word to see why</div>"

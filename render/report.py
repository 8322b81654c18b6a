"""One transcript as one self-contained HTML file: header, summary table, charts, the highlighted
transcript, extra sections, a methods appendix and the settings that reproduce it (pure: no Streamlit).

The file opens with no network: Plotly's JavaScript is embedded once in the head, every figure is a
``<div>`` drawn by it, the styles are inline and the fonts are the reader's own. Every piece of text
from the transcript, the file name or the caller's title goes through :func:`html.escape`; the only
markup is ours (and the ``html`` of a :class:`Section`, which its caller must have escaped).

>>> from analysis.pipeline import run
>>> from analysis.transcripts import load, DEFAULT_DOCUMENT
>>> doc = load(DEFAULT_DOCUMENT)
>>> page = build(doc, run.analyze(doc), source_name=DEFAULT_DOCUMENT.name)
>>> page.startswith("<!DOCTYPE html>") and page.count("* plotly.js v") == 1
True
"""

from __future__ import annotations

import hashlib
import html
import json
import numbers
import platform
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.offline

from analysis import methods
from analysis.document import diagnostics
from analysis.result import Analysis
from analysis.sentence import markers as markers_mod
from analysis.sentence import sentiment, topics
from analysis.transcripts import Document

from . import badges, charts, guesses, highlight, topicbars
from . import methods as render_methods

PRODUCT = "Discourse dashboard"
READING_GUIDE = (
    "The measures below are cues for discussion, not verdicts: each number comes from the words of the "
    "transcript, and every highlighted word shows (on hover, click or tab) what it contributed."
)
# Packages whose versions change the numbers or the charts, as installed (not imported) names.
PACKAGES = ("nltk", "vaderSentiment", "pandas", "plotly", "PyYAML")
# The transcript's figures that lead to an answer on click: their customdata[0] is the pair number.
JUMP_FIGURES = ("fig-arc", "fig-heatmap")

STYLE = """
<style>
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: #1a1a1a; background: #fff; margin: 0; line-height: 1.5; }
main { max-width: 78rem; margin: 0 auto; padding: 1.5rem 2rem 4rem; }
header.dd-head { border-bottom: 3px solid #2166ac; padding-bottom: 0.8rem; margin-bottom: 1rem; }
header.dd-head .product { text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.8rem; color: #2166ac; font-weight: 600; }
header.dd-head h1 { font-size: 1.9rem; margin: 0.2rem 0 0.4rem; line-height: 1.25; }
.meta { color: #444; font-size: 0.95rem; margin: 0; }
.guide { background: #f3f7fb; border-left: 4px solid #2166ac; padding: 0.5rem 0.9rem; margin: 0.8rem 0 0; }
nav.toc { font-size: 0.95rem; margin: 0.6rem 0 1.2rem; }
nav.toc a { margin-right: 1rem; color: #2166ac; }
h2 { font-size: 1.45rem; margin: 2.2rem 0 0.6rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
h3 { font-size: 1.15rem; margin: 1.4rem 0 0.4rem; }
h4 { font-size: 1.02rem; margin: 0.9rem 0 0.3rem; }
.table-wrap { max-width: 100%; overflow-x: auto; margin: 0.4rem 0 1rem; }
table.dd-table { border-collapse: collapse; font-size: 0.93rem; margin: 0; }
table.dd-table th, table.dd-table td { border-bottom: 1px solid #e3e3e3; padding: 4px 8px; text-align: left; vertical-align: top; }
table.dd-table th { background: #f6f6f6; font-weight: 600; }
table.dd-table td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.dd-table code, .settings code { font-size: 0.85rem; word-break: break-all; }
.swatch { padding: 1px 7px; border-radius: 4px; font-variant-numeric: tabular-nums; border: 1px solid #888; white-space: nowrap; }
.warnings { border-left: 4px solid #e66101; padding: 0.3rem 0.8rem; margin: 0.6rem 0; }
.pair { border-top: 1px solid #ddd; padding-top: 0.4rem; margin-top: 1.6rem; }
.question { border-left: 4px solid #7f7f7f; background: #f3f3f3; padding: 0.4rem 0.8rem; font-size: 1.05rem;
  line-height: 1.6; white-space: pre-wrap; max-width: 52rem; }
.cols { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 2rem; align-items: start; }
@media (max-width: 900px) { .cols { grid-template-columns: minmax(0, 1fr); } }
.summary { font-size: 0.98rem; line-height: 1.9; }
.summary .big { font-size: 1.4rem; font-weight: 700; }
.muted { color: #555; }
.figure { margin: 0.6rem 0 1.2rem; }
.extra { margin-top: 1rem; }
.methods p, .methods li { max-width: 52rem; }
footer { margin-top: 3rem; color: #555; font-size: 0.9rem; border-top: 1px solid #ddd; padding-top: 0.6rem; }
@media print { .cols { grid-template-columns: minmax(0, 1fr); } nav.toc { display: none; } }
</style>
"""

# A click on a point of the arc or a cell of the heatmap scrolls to that answer (the figures'
# customdata[0] is the pair number; the anchor is ours).
JUMP_SCRIPT = """
<script>
window.addEventListener("load", function () {
  %s.forEach(function (id) {
    var gd = document.getElementById(id);
    if (!gd || !gd.on) return;
    gd.on("plotly_click", function (event) {
      var p = event && event.points && event.points[0];
      if (!p || p.customdata === undefined) return;
      var pair = Array.isArray(p.customdata) ? p.customdata[0] : p.customdata;
      var target = document.getElementById("answer-" + Number(pair));
      if (target) { target.scrollIntoView(); }
    });
  });
});
</script>
""" % json.dumps(list(JUMP_FIGURES))


@dataclass(frozen=True)
class Section:
    """A section appended before the methods appendix: a heading, some HTML, some figures.

    ``title`` is escaped here. ``html`` is inserted as it is: the caller must escape any user text in
    it (:func:`html.escape`, or :func:`table` for a frame). ``figures`` are drawn below it, each like
    the report's own charts. For example::

        Section("Discourse markers", html=table(rates, empty="No marker found."), figures=[fig])
    """

    title: str
    html: str | None = None
    figures: Sequence[go.Figure] = ()


def build(
    doc: Document,
    analysis: Analysis,
    *,
    title: str | None = None,
    source_name: str = "document",
    document_sha256: str | None = None,
    dictionary: topics.Dictionary | None = None,
    extras: Sequence[Section] = (),
    generated_at: datetime | None = None,
) -> str:
    """The report of ``doc`` measured as ``analysis`` (:func:`analysis.pipeline.run.analyze`), as one HTML page.

    ``title`` defaults to the document's title (else ``source_name``). ``document_sha256`` is the hash of
    the file that was read; without it the hash of the parsed document (its JSON) is shown, labelled so.
    ``dictionary`` gives the topic labels and the appendix's topic list; without it the default
    dictionary is used when its hash is the one in ``analysis.settings``, else labels are made from the
    column names. ``extras`` are appended before the methods appendix. ``generated_at`` defaults to now.
    """
    dictionary = _dictionary(analysis, dictionary)
    labels = _labels(analysis.answers, dictionary)
    title = title or doc.title or source_name
    generated_at = generated_at or datetime.now(timezone.utc)
    figures = _Figures()
    parts = [
        _header(doc, title, source_name, generated_at, bool(extras)),
        _summarytable(analysis.answers, labels),
        _charts(analysis.answers, labels, figures),
        _transcript(analysis, labels, figures, doc),
        *(_extra(i, s, figures) for i, s in enumerate(extras, start=1)),
        _methods(doc, analysis, dictionary),
        _settings(doc, analysis, source_name, document_sha256, generated_at),
    ]
    return (
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="{PRODUCT}">\n'
        f"<title>{_e(title)} · {PRODUCT} report</title>\n"
        f"{STYLE}{highlight.STYLE}{topicbars.STYLE}"
        f'<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>\n'
        "</head>\n<body>\n<main>\n"
        + "\n".join(parts)
        + f"\n<footer>{PRODUCT} · report generated {_e(_timestamp(generated_at))}</footer>\n</main>\n"
        + JUMP_SCRIPT
        + "</body>\n</html>\n"
    )


def write(path: str | Path, page: str) -> int:
    """Write ``page`` to ``path`` as UTF-8; returns the number of bytes written."""
    data = page.encode("utf-8")
    Path(path).write_bytes(data)
    return len(data)


# --- pieces ----------------------------------------------------------------------------------------


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _timestamp(t: datetime) -> str:
    return t.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


class _Figures:
    """Numbers the figures of one report and renders each as a ``<div>`` (Plotly's script is in the head)."""

    def __init__(self) -> None:
        self.count = 0

    def html(self, fig: go.Figure, *, div_id: str | None = None) -> str:
        self.count += 1
        div = fig.to_html(
            full_html=False, include_plotlyjs=False, config=charts.CONFIG, div_id=div_id or f"fig-{self.count}"
        )
        return f'<div class="figure">{div}</div>'


def _dictionary(analysis: Analysis, given: topics.Dictionary | None) -> topics.Dictionary | None:
    if given is not None:
        return given
    wanted = analysis.settings.get("dictionary_sha256")
    default = topics.load_dictionary()
    return default if wanted in (None, default.sha256) else None


def _labels(answers: pd.DataFrame, dictionary: topics.Dictionary | None) -> dict[str, str]:
    """``topic_<slug>`` column -> readable label, for the rate columns that are in ``answers``."""
    if dictionary is not None:
        return {t.column: t.label for t in dictionary.topics if t.column in answers.columns}
    return {
        c: c.removeprefix(topics.COLUMN_PREFIX).replace("_", " ").capitalize()
        for c in answers.columns
        if c.startswith(topics.COLUMN_PREFIX) and not c.endswith(topics.COUNT_SUFFIX) and c + topics.COUNT_SUFFIX in answers.columns
    }


_swatch = badges.swatch


def _header(doc: Document, title: str, source_name: str, generated_at: datetime, has_extras: bool) -> str:
    facts = [
        f"date: {_e(doc.date or 'unknown')}",
        f"source: {_e(doc.source or 'unknown')}",
        f"file: {_e(source_name)}",
        f"generated {_e(_timestamp(generated_at))}",
    ]
    speakers = ", ".join(f"{_e(s.name)} ({_e(s.role)})" for s in doc.speakers)
    toc = [("summary", "Summary"), ("charts", "Charts"), ("transcript", "Transcript")]
    toc += [("extras", "More measures")] if has_extras else []
    toc += [("methods", "Methods"), ("settings", "Settings")]
    warnings = ""
    if doc.warnings:
        items = "".join(f"<li>{_e(w)}</li>" for w in doc.warnings)
        warnings = f'<div class="warnings"><b>Parser warnings</b><ul>{items}</ul></div>'
    return (
        f'<header class="dd-head"><div class="product">{PRODUCT} · report</div>'
        f"<h1>{_e(title)}</h1>"
        f'<p class="meta">{" · ".join(facts)}</p>'
        + (f'<p class="meta">speakers: {speakers}</p>' if speakers else "")
        + (f'<p class="meta">{_e(doc.description)}</p>' if doc.description else "")
        + f'<p class="guide">{_e(READING_GUIDE)}</p></header>'
        + warnings
        + '<nav class="toc">' + "".join(f'<a href="#{a}">{t}</a>' for a, t in toc) + "</nav>"
    )


def _top_topic(row: pd.Series, labels: dict[str, str]) -> str:
    """The answer's main topic by the one rule (:func:`analysis.sentence.topics.top_topics`): every
    topic tied for the highest rate, or none when no topic term matched."""
    if not labels:
        return "—"
    top = guesses.top_topics(row, labels)
    if top == [guesses.NONE]:
        return '<span class="muted">none matched</span>'
    rate = max(float(row[c]) for c in labels)
    return f"{' / '.join(_e(t) for t in top)} ({rate:.1f})"


def _first_words(text: object, n: int = 9) -> str:
    if not isinstance(text, str) or not text.strip():
        return "Opening statement"
    words = text.split()
    return " ".join(words[:n]) + ("…" if len(words) > n else "")


def _summarytable(answers: pd.DataFrame, labels: dict[str, str]) -> str:
    head = (
        "<tr><th>#</th><th>question</th><th>speaker</th><th>words</th><th>sentences</th>"
        "<th>mean sentiment</th><th>min</th><th>max</th><th>coverage</th><th>top topic (per 1,000 words)</th></tr>"
    )
    rows = []
    for _, r in answers.sort_values("pair").iterrows():
        pair = int(r["pair"])
        rows.append(
            f'<tr><td class="n"><a href="#answer-{pair}">{pair}</a></td>'
            f"<td>{_e(_first_words(r['question']))}</td>"
            f"<td>{_e(r['speaker'] or '—')}</td>"
            f'<td class="n">{int(r["n_words"]):,}</td><td class="n">{int(r["n_sentences"])}</td>'
            f'<td class="n">{_swatch(r["sentiment"])}</td>'
            f'<td class="n">{charts.number(r["sentiment_min"])}</td><td class="n">{charts.number(r["sentiment_max"])}</td>'
            f'<td class="n">{r["coverage"]:.0%}</td>'
            f"<td>{_top_topic(r, labels)}</td></tr>"
        )
    return (
        '<section id="summary"><h2>Summary of every answer</h2>'
        '<p class="muted">Mean sentiment: the mean of the VADER compound scores of the answer\'s sentences '
        "(min and max: its most negative and most positive sentence). Coverage: the share of the answer's "
        "words that a topic term matched.</p>"
        f'<div class="table-wrap"><table class="dd-table">{head}{"".join(rows)}</table></div></section>'
    )


def _charts(answers: pd.DataFrame, labels: dict[str, str], figures: _Figures) -> str:
    parts = ['<section id="charts"><h2>The interview at a glance</h2>']
    if answers.empty:
        parts.append('<p class="muted">No answers to chart.</p>')
    else:
        parts.append(figures.html(charts.arc(answers), div_id=JUMP_FIGURES[0]))
        if labels:
            parts.append(figures.html(charts.heatmap(answers, labels), div_id=JUMP_FIGURES[1]))
    parts.append("</section>")
    return "".join(parts)


def _answer_summary(row: pd.Series) -> str:
    return badges.summary(row) + f'<div class="muted">dictionary coverage {row["coverage"]:.0%}</div>'


def _transcript(analysis: Analysis, labels: dict[str, str], figures: _Figures, doc: Document | None = None) -> str:
    slugs = {col.removeprefix(topics.COLUMN_PREFIX): label for col, label in labels.items()}
    layers = ["sentiment", "topics", "markers"]
    families = {f.slug: (f.label, f.technique) for f in _markers(analysis).families}
    parts = [
        '<section id="transcript"><h2>The transcript, answer by answer</h2>',
        highlight.legend(layers).removeprefix(highlight.STYLE),
    ]
    by_pair = {p.pair: p for p in doc.pairs} if doc is not None else {}  # who said which part of an answer
    for pair in sorted(int(p) for p in analysis.answers["pair"]):
        unit = analysis.unit(pair)  # what the Reader shows of this answer, premise marks included
        row = unit.row
        parts.append(f'<section class="pair" id="answer-{pair}">')
        if row["kind"] == "opening":
            parts.append(f"<h3>{pair}. Opening statements (before the first question)</h3>")
        else:
            asker = "a reporter (Q)" if row["asked_by"] == "Q" else _e(row["asked_by"])
            parts.append(f"<h3>Question {pair} · asked by {asker}</h3>")  # the pair number, as in the Reader
            parts.append(f'<div class="question">{_e(row["question"])}</div>')
            parts.append(badges.question_framing(analysis.framing(pair)))
        parts.append(f"<h4>Answer · {_e(row['speaker'] or 'no answer recorded')}</h4>")
        if not row["answer"]:
            parts.append('<p class="muted">No answer was recorded for this question.</p></section>')
            continue
        parts_of = [(a.speaker, a.text) for a in by_pair[pair].answers] if pair in by_pair else []
        speakers = highlight.speaker_parts(parts_of, unit.text)
        text = highlight.unit_html(unit, layers=layers, topic_labels=slugs, families=families, speakers=speakers)
        side = [_answer_summary(row)]
        if len(unit.sentences):
            side.append(figures.html(charts.sentence_bars(unit.sentences)))
        if labels:
            side.append("<h4>Topics in this answer</h4>" + topicbars.render(row, labels, unit.terms).removeprefix(topicbars.STYLE))
        marker_labels = {f"marker_{slug}": label for slug, (label, _) in families.items() if f"marker_{slug}" in row.index}
        if marker_labels:
            side.append("<h4>Discourse markers (cues for discussion)</h4>"
                        + topicbars.render(row, marker_labels, unit.markers, kind="marker").removeprefix(topicbars.STYLE))
        parts.append(
            f'<div class="cols"><div>{text.removeprefix(highlight.STYLE)}</div><div>{"".join(side)}</div></div></section>'
        )
    parts.append("</section>")
    return "".join(parts)


def _markers(analysis: Analysis) -> markers_mod.Markers:
    """The marker families the analysis was made with (its settings name their folder)."""
    return markers_mod.load_recorded(analysis.settings.get("markers"))


def _extra(number: int, section: Section, figures: _Figures) -> str:
    anchor = ' id="extras"' if number == 1 else ""
    body = "".join(figures.html(f) for f in section.figures)
    return f'<section class="extra"{anchor}><h2>{_e(section.title)}</h2>{section.html or ""}{body}</section>'


def table(frame: pd.DataFrame, *, signed: Sequence[str] = (), empty: str = "") -> str:
    """``frame`` as an HTML table in the report's style, every cell and heading escaped (for the ``html``
    of a :class:`Section`); ``signed`` columns read ``+0.27``, other numbers ``0.38`` (counts ``1,234``);
    ``empty`` is shown for an empty frame. The table scrolls sideways in its box when it is wider than the page."""
    if frame.empty:
        return f'<p class="muted">{_e(empty)}</p>'
    # Headings read as words ("share negative"), so that a wide table's headings wrap.
    head = "".join(f"<th>{_e(str(c).replace('_', ' '))}</th>" for c in frame.columns)
    rows = []
    for record in frame.itertuples(index=False):
        cells = []
        for col, v in zip(frame.columns, record):
            if col in signed:
                cells.append(f'<td class="n">{charts.number(float(v))}</td>')
            elif isinstance(v, numbers.Real) and not isinstance(v, (bool, np.bool_)):
                cells.append(f'<td class="n">{_cell_number(v)}</td>')
            else:
                cells.append(f"<td>{_e(v)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    # A wide table scrolls inside its box instead of pushing the page wider than the window.
    return f'<div class="table-wrap"><table class="dd-table"><tr>{head}</tr>{"".join(rows)}</table></div>'


def _cell_number(value: numbers.Real) -> str:
    """A count as an integer (``1,234``), any other number with 2 decimals (rates, tones, shares)."""
    if isinstance(value, numbers.Integral):
        return f"{int(value):,}"
    value = float(value)
    if value != value:
        return "—"
    return "0.00" if abs(value) < 0.005 else f"{value:.2f}"


def _methods(doc: Document, analysis: Analysis, dictionary: topics.Dictionary | None) -> str:
    """The appendix: each method as :mod:`analysis.methods` describes it (as on the Methods page), with
    what it shows on this document."""
    st = analysis.settings
    lex = sentiment.lexicon()
    sat = diagnostics.saturation(analysis).rename(
        columns={"whole_answer": "VADER on the whole answer", "mean_of_sentences": "mean of sentences"}
    )
    irony = diagnostics.irony_candidates(analysis)
    uncovered = diagnostics.uncovered_words(analysis, top=15)
    if dictionary is not None:
        topic_list = table(
            pd.DataFrame([{"topic": t.label, "terms": len(t.terms), "scope": t.description} for t in dictionary.topics])
        )
        dictionary_line = (
            f"Dictionary <b>{_e(dictionary.name)}</b>, version {_e(dictionary.version or 'none')} "
            f"(sha256 <code>{_e(dictionary.sha256[:16])}…</code>), file "
            f"<code>{_e(dictionary.path.name if dictionary.path else 'upload')}</code>: {len(dictionary.topics)} topics."
        )
    else:
        topic_list = ""
        dictionary_line = (
            f"Dictionary <b>{_e(st.get('dictionary', 'unknown'))}</b>, version {_e(st.get('dictionary_version') or 'none')}."
        )
    # What each method shows on this document, after its description.
    here = {
        "pairs": (
            f"<p>This document: <b>{len(doc.qa_pairs)}</b> question–answer pairs, <b>{len(doc.turns)}</b> turns, "
            f"<b>{len(doc.notes)}</b> notes, format <i>{_e(doc.format)}</i>.</p>"
        ),
        "sentiment": (
            f"<p>Lexicon: <code>{_e(st.get('sentiment_lexicon', lex.source))}</code> ({lex.n_entries:,} entries).</p>"
        ),
        "saturation": "<p>On this document:</p>"
        + table(sat, signed=["VADER on the whole answer", "mean of sentences", "gap"], empty="No answer has a sentence."),
        "irony": table(irony, signed=["sentiment"], empty="No sentence of this document contains one of the cues."),
        "topics": f"<p>{dictionary_line}</p>{topic_list}<p>The most frequent content words of the answers that no "
        f"topic covers:</p>{table(uncovered, empty='Every content word is covered.')}",
    }
    parts, number = [], 0
    for method in methods.describe():
        if "report" not in method.shown_in:
            continue
        number += bool(method.title)
        parts.append(render_methods.section(method, number if method.title else None) + here.get(method.slug, ""))
    body = "\n".join(parts)
    return f"""<section id="methods" class="methods"><h2>Methods: how the numbers are made, and where they fail</h2>
<p>Every number in this report comes from the words of the transcript and can be traced back to them. The measures
are <b>cues for discussion</b>. They do not tell whether a speaker is sincere, right or lying.</p>
{body}
</section>"""


def _versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    out["plotly.js"] = plotly.offline.get_plotlyjs_version()
    return out


def _settings(doc: Document, analysis: Analysis, source_name: str, document_sha256: str | None, generated_at: datetime) -> str:
    if document_sha256:
        doc_hash = ("document file sha256", document_sha256)
    else:
        parsed = json.dumps(doc.to_dict(), sort_keys=True, ensure_ascii=False).encode("utf-8")
        doc_hash = ("parsed document sha256 (its JSON; no file given)", hashlib.sha256(parsed).hexdigest())
    rows = [("document file", source_name), doc_hash, ("input format", doc.format)]
    if fixes := doc.metadata.get("corrections"):  # the user's corrections, applied in this order
        rows.append(("corrections", "; ".join(fixes)))
    for key, value in analysis.settings.items():
        rows.append((key, ", ".join(map(str, value)) if isinstance(value, (list, tuple)) else value))
    rows += [(f"{name} version", v) for name, v in _versions().items()]
    rows.append(("generated", _timestamp(generated_at)))
    body = "".join(f"<tr><th>{_e(k)}</th><td><code>{_e(v)}</code></td></tr>" for k, v in rows)
    return (
        '<section id="settings" class="settings"><h2>Settings used</h2>'
        "<p>The same file, lexicon, dictionary and package versions give the same numbers.</p>"
        f'<div class="table-wrap"><table class="dd-table">{body}</table></div></section>'
    )

"""A corpus measured per document, per period, per speaker: the frames the Corpus page draws.

Measures (:func:`measures`) are keyed ``tone``, ``topic:<slug>``, ``marker:<slug>``, ``actor:<slug>`` and
``actor_tone:<slug>``:

- ``tone``: the mean compound of the answers' sentences (each answer's ``sentiment`` is the mean of its
  sentences, so an answer adds ``sentiment x n_sentences`` and ``n_sentences``); its spread is the
  standard deviation of those sentences' compounds (pooled from each answer's ``sentiment_std``);
- ``topic:<slug>`` / ``marker:<slug>``: matches per 1,000 answer words (``<rate>_count`` over ``n_words``);
- ``actor:<slug>``: mentions of the actor (:func:`analysis.document.actors.sentence_mentions`, answers
  only) per 1,000 answer words; ``actor_tone:<slug>``: the mean compound of the answer sentences that
  name it. The mentions are found once per corpus (about 11 s for the 333,000 answer sentences of the
  1,153 briefings, 0.5 s for 60 of them: most sentences are skipped without being tokenised) and kept on
  the corpus.

Every value is a ratio of sums over answers, ``sum(y) / sum(x)`` (compounds over sentences, matches over
words). Its 95% interval is a t-interval over **answers** with the linearised (cluster-robust) standard
error of a ratio, ``se^2 = k/(k-1) * sum((y_i - v x_i)^2) / sum(x_i)^2`` over the ``k`` answers with
``x_i > 0`` and ``t`` of ``k - 1`` degrees of freedom (Cochran 1977, *Sampling Techniques*, 6.3 and
11.7): sentences of one answer are not independent, answers are taken as the units. Fewer than 2
answers give no interval.

:func:`trend` fits ordinary least squares of the points' values on time (in years) and gives the slope
per year with its 95% t-interval (``n - 2`` degrees of freedom) and the fitted line with the 95%
confidence band of the mean.

Why pandas: the aggregation is a group-by of sums over at most some 50,000 answers (the 1,153
briefings); pandas does each in about 10 ms and the data are pandas frames already, so DuckDB (not a
dependency) would add a conversion and a package for nothing measurable.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from analysis.corpus.model import COUNT_SUFFIX, Corpus, rate_columns
from analysis.errors import DiscourseError
from analysis.store.metadata import speaker_key

__all__ = [
    "BY",
    "LEVEL",
    "Measure",
    "actor_mentions",
    "documents_table",
    "measures",
    "over_time",
    "speakers",
    "trend",
]

By = Literal["document", "week", "month", "quarter"]
BY: tuple[str, ...] = By.__args__  # type: ignore[attr-defined]
LEVEL = 0.95  # every interval here
NEGATIVE = -0.05  # VADER's threshold (analysis.sentence.sentiment.NEGATIVE_THRESHOLD)
SPEAKER_SEPARATOR = "; "  # how the answers frame joins several answering speakers
OVER_TIME_COLUMNS = [
    "period",
    "doc_ids",
    "n_documents",
    "n",
    "n_answers",
    "value",
    "low",
    "high",
    "spread",
]


@dataclass(frozen=True)
class Measure:
    """A measure of a corpus: ``key`` (as :func:`over_time` takes it), a readable ``label`` and its ``unit``."""

    key: str
    label: str
    unit: str


def _labels(kind: str) -> dict[str, str]:
    """slug -> label of the shipped topic dictionary, marker families or actor list."""
    if kind == "topic":
        from analysis.sentence import topics

        return {t.slug: t.label for t in topics.load_dictionary().topics}
    if kind == "marker":
        from analysis.sentence import markers

        return {f.slug: f.label for f in markers.load_markers().families}
    from analysis.document import actors

    return {a.slug: a.label for a in actors.load_actors().actors}


def measures(corpus: Corpus) -> list[Measure]:
    """Every measure of ``corpus``: tone, its topics and marker families (the columns its answers have),
    and every actor of the shipped actor list (mentions, and the tone of the sentences naming it)."""
    out = [Measure("tone", "Tone (mean sentence compound)", "compound, -1 to 1")]
    for kind in ("topic", "marker"):
        labels = _labels(kind)
        for column in rate_columns(corpus.answers):
            if column.startswith(kind + "_"):
                slug = column[len(kind) + 1 :]
                label = labels.get(slug, slug.replace("_", " ").capitalize())
                out.append(Measure(f"{kind}:{slug}", label, "per 1,000 answer words"))
    for slug, label in _labels("actor").items():
        out.append(Measure(f"actor:{slug}", f"{label}: mentions", "per 1,000 answer words"))
        out.append(Measure(f"actor_tone:{slug}", f"{label}: tone of the sentences naming it", "compound, -1 to 1"))
    return out


def _measure(corpus: Corpus, key: str) -> Measure:
    every = measures(corpus)
    for m in every:
        if m.key == key:
            return m
    listed = ", ".join(m.key for m in every if not m.key.startswith("actor"))
    raise DiscourseError(
        f"unknown measure {key!r}: give one of {listed}, or actor:SLUG / actor_tone:SLUG with an actor of "
        "data/actors/actors.yaml (e.g. actor:russia)."
    )


def actor_mentions(corpus: Corpus) -> pd.DataFrame:
    """Every mention of an actor in the answers' sentences: ``doc_id, pair, sentence, actor, sentiment``
    (one row per mention), found once per corpus and kept on it."""

    def find() -> pd.DataFrame:
        from analysis.document import actors

        s = corpus.sentences
        s = s[s["role"] == "answer"]
        hits = actors.sentence_mentions(s["text"].tolist(), actors.load_actors())
        rows = [i for i, found in enumerate(hits) for _ in found]
        slugs = [h[2] for found in hits for h in found]
        picked = s.iloc[rows]
        return pd.DataFrame(
            {
                "doc_id": picked["doc_id"].to_numpy(),
                "pair": picked["pair"].to_numpy(),
                "sentence": picked["sentence"].to_numpy(),
                "actor": pd.array(slugs, dtype="str"),
                "sentiment": picked["sentiment"].to_numpy(),
            }
        )

    return corpus.kept("actor_mentions", find)


def _units(corpus: Corpus, key: str) -> tuple[pd.DataFrame, float, bool]:
    """Per answer: ``doc_id, date, y, x, z`` (value = sum y / sum x; z: sum of squared compounds, for the
    spread), the scale of the value (1,000 for rates) and whether ``n`` counts sentences (else answers)."""
    _measure(corpus, key)
    a = corpus.answers
    base = a[["doc_id", "date", "pair"]].copy()
    kind, _, slug = key.partition(":")
    if kind == "tone":
        m = a["n_sentences"].to_numpy(dtype="float64")
        mean = np.nan_to_num(a["sentiment"].to_numpy(dtype="float64"))
        std = np.nan_to_num(a["sentiment_std"].to_numpy(dtype="float64"))
        base["y"], base["x"], base["z"] = mean * m, m, m * (std**2 + mean**2)
        return base, 1.0, True
    if kind in ("topic", "marker"):
        base["y"] = a[f"{kind}_{slug}{COUNT_SUFFIX}"].to_numpy(dtype="float64")
        base["x"] = a["n_words"].to_numpy(dtype="float64")
        base["z"] = np.nan
        return base, 1000.0, False
    found = actor_mentions(corpus)
    found = found[found["actor"] == slug]
    if kind == "actor":
        per = found.groupby(["doc_id", "pair"]).size().rename("y")
        base = base.merge(per, left_on=["doc_id", "pair"], right_index=True, how="left")
        base["y"] = base["y"].fillna(0.0).astype("float64")
        base["x"] = a["n_words"].to_numpy(dtype="float64")
        base["z"] = np.nan
        return base, 1000.0, False
    sentences = found.drop_duplicates(["doc_id", "pair", "sentence"])  # a sentence naming it twice counts once
    sentences = sentences.assign(sq=sentences["sentiment"] ** 2, one=1.0)
    per = sentences.groupby(["doc_id", "pair"])[["sentiment", "one", "sq"]].sum()
    per.columns = ["y", "x", "z"]
    base = base.merge(per, left_on=["doc_id", "pair"], right_index=True, how="left")
    base[["y", "x", "z"]] = base[["y", "x", "z"]].fillna(0.0)
    return base, 1.0, True


def _ratio(units: pd.DataFrame, by: str | list[str]) -> pd.DataFrame:
    """Per group of ``units`` (y, x, z) by ``by``: ``n`` (sum x), ``n_answers`` (units with x > 0), ``value``
    (sum y / sum x), ``low``/``high`` (module docstring) and ``spread`` (from z), from sums only."""
    from scipy import stats

    u = units[units["x"] > 0]
    u = u.assign(yy=u["y"] ** 2, xy=u["x"] * u["y"], xx=u["x"] ** 2, k=1, zok=u["z"].notna())
    g = u.groupby(by, sort=True)[["y", "x", "z", "yy", "xy", "xx", "k", "zok"]].sum(min_count=0)
    k = g["k"].to_numpy(dtype="float64")
    sx, sy = g["x"].to_numpy(dtype="float64"), g["y"].to_numpy(dtype="float64")
    with np.errstate(invalid="ignore", divide="ignore"):
        value = sy / sx
        residual = g["yy"].to_numpy() - 2 * value * g["xy"].to_numpy() + value**2 * g["xx"].to_numpy()
        se = np.sqrt(np.maximum(residual, 0.0) * k / (k - 1)) / sx
        half = np.where(k >= 2, stats.t.ppf(0.5 + LEVEL / 2, np.maximum(k - 1, 1)) * se, np.nan)
        spread = np.sqrt(np.maximum(g["z"].to_numpy(dtype="float64") / sx - value**2, 0.0))
    spread = np.where(g["zok"].to_numpy() == g["k"].to_numpy(), spread, np.nan)
    return pd.DataFrame(
        {
            "n": sx,
            "n_answers": k.astype("int64"),
            "value": value,
            "low": value - half,
            "high": value + half,
            "spread": spread,
        },
        index=g.index,
    )


def over_time(corpus: Corpus, measure_key: str, by: By = "month") -> pd.DataFrame:
    """``measure_key`` per document (``by="document"``: one point per document at its date) or per calendar
    week (from Monday), month or quarter: :data:`OVER_TIME_COLUMNS` (``period`` the date or the period's
    first day; ``n`` the sentences behind the point for tone measures, else the answers; ``spread`` the
    standard deviation of the sentence compounds, tone measures only). In time order. Documents without a
    date are left out; ``frame.attrs["undated"]`` says how many."""
    if by not in BY:
        raise DiscourseError(f"by={by!r}: choose one of {', '.join(BY)}.")
    units, scale, of_sentences = _units(corpus, measure_key)
    undated = int(corpus.documents["date"].isna().sum())
    units = units[units["date"].notna()]
    docs = corpus.documents.loc[corpus.documents["date"].notna(), ["id", "date"]]
    if by == "document":
        units = units.assign(period=units["doc_id"])
        docs = docs.assign(period=docs["id"])
    else:
        freq = {"week": "W-SUN", "month": "M", "quarter": "Q"}[by]
        units = units.assign(period=units["date"].dt.to_period(freq).dt.start_time)
        docs = docs.assign(period=docs["date"].dt.to_period(freq).dt.start_time)
    if units.empty:
        frame = pd.DataFrame({c: [] for c in OVER_TIME_COLUMNS})
        frame.attrs["undated"] = undated
        return frame
    stats_ = _ratio(units, "period")
    ids = docs.sort_values(["date", "id"]).groupby("period", sort=True)["id"].agg(list)
    out = ids.rename("doc_ids").to_frame().join(stats_, how="left").reset_index()
    out[["n", "n_answers"]] = out[["n", "n_answers"]].fillna(0)
    if by == "document":
        out["period"] = out["period"].map(dict(zip(docs["id"], docs["date"])))
    out["n_documents"] = out["doc_ids"].str.len().astype("int64")
    for c in ("value", "low", "high"):
        out[c] = out[c] * scale
    out["n"] = out["n"].astype("int64") if of_sentences else out["n_answers"].astype("int64")
    out["n_answers"] = out["n_answers"].astype("int64")
    out = out.sort_values(["period", "doc_ids"], key=lambda s: s if s.name == "period" else s.str[0], kind="stable")
    out = out[OVER_TIME_COLUMNS].reset_index(drop=True)
    out["period"] = out["period"].astype("datetime64[ns]")
    out.attrs["undated"] = undated
    return out


def trend(frame: pd.DataFrame) -> dict:
    """OLS of ``value`` on time over the points of an :func:`over_time` frame (NaN values left out):
    ``slope`` (per year, 365.25 days) with ``low``/``high`` (95% t-interval, n - 2 degrees of freedom),
    ``intercept`` (the value at the first point), ``n_points``, and ``line``: a frame of ``period, fit, low,
    high`` at each point (the 95% confidence band of the fitted mean). Fewer than 2 points: NaNs."""
    from scipy import stats

    points = frame[np.isfinite(frame["value"].to_numpy(dtype="float64"))]
    n = len(points)
    empty = pd.DataFrame({"period": points["period"], "fit": np.nan, "low": np.nan, "high": np.nan})
    result = {"slope": np.nan, "low": np.nan, "high": np.nan, "intercept": np.nan, "n_points": n, "line": empty}
    if n < 2:
        return result
    t0 = points["period"].min()
    x = ((points["period"] - t0).dt.total_seconds() / (365.25 * 86400)).to_numpy(dtype="float64")
    y = points["value"].to_numpy(dtype="float64")
    sxx = ((x - x.mean()) ** 2).sum()
    if sxx == 0:
        return result
    slope = ((x - x.mean()) * (y - y.mean())).sum() / sxx
    intercept = y.mean() - slope * x.mean()
    fit = intercept + slope * x
    if n > 2:
        s = np.sqrt(((y - fit) ** 2).sum() / (n - 2))
        t = stats.t.ppf(0.5 + LEVEL / 2, n - 2)
        half_slope = t * s / np.sqrt(sxx)
        band = t * s * np.sqrt(1 / n + (x - x.mean()) ** 2 / sxx)
    else:
        half_slope, band = np.nan, np.full(n, np.nan)
    line = pd.DataFrame({"period": points["period"].to_numpy(), "fit": fit, "low": fit - band, "high": fit + band})
    return {
        "slope": slope,
        "low": slope - half_slope,
        "high": slope + half_slope,
        "intercept": intercept,
        "n_points": n,
        "line": line,
    }


def speakers(corpus: Corpus) -> pd.DataFrame:
    """Every answering speaker across the corpus, one row per name as the library keys it (spaces collapsed,
    case folded; shown in its most frequent spelling): ``speaker, documents, answers, words, tone, tone_low,
    tone_high`` (tone as :func:`over_time`'s, 95% t-interval over the speaker's answers), then every topic
    and marker rate per 1,000 of the speaker's answer words. An answer given by several speakers together
    counts for each of them. Most answers first."""
    a = corpus.answers
    rates = rate_columns(a)
    names = a["speaker"].fillna("").astype(str).str.split(SPEAKER_SEPARATOR)
    rows = a.loc[names.index.repeat(names.str.len())].copy()
    rows["name"] = [n.strip() for ns in names for n in ns]
    rows = rows[rows["name"] != ""]
    rows["key"] = rows["name"].map(speaker_key)
    m = rows["n_sentences"].to_numpy(dtype="float64")
    rows["y"] = np.nan_to_num(rows["sentiment"].to_numpy(dtype="float64")) * m
    rows["x"], rows["z"] = m, np.nan
    grouped = rows.groupby("key", sort=False)
    tone = _ratio(rows, "key")
    shown = rows.groupby(["key", "name"], sort=False).size().reset_index(name="k")
    shown = shown.sort_values(["key", "k", "name"], ascending=[True, False, True]).drop_duplicates("key")
    sums = grouped[["n_words", *[c + COUNT_SUFFIX for c in rates]]].sum()
    out = pd.DataFrame(
        {
            "speaker": shown.set_index("key")["name"],
            "documents": grouped["doc_id"].nunique(),
            "answers": grouped.size(),
            "words": sums["n_words"].astype("int64"),
            "tone": tone["value"],
            "tone_low": tone["low"],
            "tone_high": tone["high"],
        }
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        for c in rates:
            out[c] = sums[c + COUNT_SUFFIX] * 1000.0 / sums["n_words"].where(sums["n_words"] > 0)
    out = out.sort_values(["answers", "speaker"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)


def documents_table(corpus: Corpus) -> pd.DataFrame:
    """The documents frame (:mod:`analysis.corpus.model`: id, name, title, date, format, tags, pairs, words,
    answers, answer_words, tone, share_negative, every topic and marker rate), in date order (undated last)."""
    return corpus.documents.sort_values(["date", "id"], na_position="last", kind="stable").reset_index(drop=True)

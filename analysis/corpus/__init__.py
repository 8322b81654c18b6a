"""A corpus: many library documents (or a Parquet results folder) measured per document, per period, per
speaker, and two groups of documents compared. The API the Corpus page and ``python -m analysis corpus``
are built on (every name importable as ``from analysis.corpus import ...``)::

    Selection(tag=None, query="", date_from=None, date_to=None, speaker=None, format=None)   # frozen
    Selection.from_spec("tag=2021,from=2023-01-01,to=2023-12-31,speaker=NAME,q=text,format=md") -> Selection
    select(lib: Library, selection: Selection) -> list[Record]            # every match, not one page

    pending(lib, records) -> int         # how many have no stored analysis yet (analyse would analyse them)
    analyse(lib, records, *, jobs=1, progress=None, cancel=None, dictionary=None, markers=None) -> Corpus
        # progress(done: int, total: int); cancel.is_set() -> raises Cancelled(done, total) after the
        # chunk running; what was analysed stays stored in the library
    Corpus.documents   DataFrame: id, name, title, date (datetime64, NaT), format, tags, pairs, words,
                       answers, answer_words, tone, share_negative, topic_<slug>..., marker_<slug>...
    Corpus.answers     DataFrame: doc_id, date, then the batch's answer columns
    Corpus.sentences   DataFrame: doc_id, date, pair, sentence, role, text, sentiment, n_words, start, end
                       (read on first use, then kept)
    Corpus.failures    list[(doc_id, reason)]
    Corpus.undated     list of the ids without a date

    measures(corpus) -> list[Measure]     # Measure(key, label, unit): "tone", "topic:economy",
                                          # "marker:who_benefits", "actor:russia", "actor_tone:russia"
    over_time(corpus, measure_key, by="document"|"week"|"month"|"quarter") -> DataFrame
        # period, doc_ids, n_documents, n, n_answers, value, low, high, spread; attrs["undated"]
    trend(frame) -> dict                  # slope (per year), low, high, intercept, n_points,
                                          # line: DataFrame(period, fit, low, high)
    speakers(corpus) -> DataFrame         # speaker, documents, answers, words, tone, tone_low, tone_high, rates
    documents_table(corpus) -> DataFrame  # Corpus.documents in date order
    actor_mentions(corpus) -> DataFrame   # doc_id, pair, sentence, actor, sentiment (kept on the corpus)

    groups(corpus_a, corpus_b, *, label_a="A", label_b="B") -> Groups
    Groups.tone        DataFrame: side, label, documents, answers, sentences, tone, low, high, share_negative
    Groups.topics      DataFrame: topic, label, rate_a, rate_b, difference, low, high (bootstrap over answers)
    Groups.terms(ngrams="words", min_count=3) -> DataFrame   # term, count_a, count_b, rate_a, rate_b, log_odds, z
    Groups.kwic(side: "a"|"b", term, width=60) -> DataFrame  # doc_id, pair, role, speaker, left, hit, right, start, end

Not built yet: a Parquet results folder (``analyze FILES --out results/``, ``load_results``).

Modules: :mod:`~analysis.corpus.selection` (which documents), :mod:`~analysis.corpus.model` (the Corpus and
its documents frame), :mod:`~analysis.corpus.from_library` (library documents analysed or read back),
:mod:`~analysis.corpus.aggregate` (measures over time, speakers, documents; the intervals),
:mod:`~analysis.corpus.compare` (two groups compared).
"""

from analysis._lazy import exports

__getattr__, __dir__ = exports(__name__, {
    "selection": ".selection", "Selection": ".selection", "select": ".selection",
    "model": ".model", "Corpus": ".model",
    "from_library": ".from_library", "analyse": ".from_library", "Cancelled": ".from_library", "pending": ".from_library",
    "aggregate": ".aggregate", "Measure": ".aggregate", "measures": ".aggregate", "over_time": ".aggregate",
    "trend": ".aggregate", "speakers": ".aggregate", "documents_table": ".aggregate", "actor_mentions": ".aggregate",
    "compare": ".compare", "groups": ".compare", "Groups": ".compare",
})
__all__ = __dir__()

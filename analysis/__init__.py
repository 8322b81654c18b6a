"""Read transcripts into question/answer pairs and measure every answer and sentence.

The package is grouped by role (each sub-package's docstring lists its modules):

- :mod:`analysis.transcripts`: readers for every layout and format, one builder of speaker turns and
  pairs, the user's corrections;
- :mod:`analysis.text`, :mod:`analysis.terms`: sentences and tokens; the term engine (exact,
  wildcard, phrases, ``written:`` forms) that topics, markers and actors are definitions over;
- :mod:`analysis.sentence`: sentence-level measures (sentiment, topics, markers);
- :mod:`analysis.result`: :class:`Analysis`, one document's frames, and :meth:`Analysis.unit`;
- :mod:`analysis.document`: document-level measures of an Analysis (alignment, actors, framing,
  diagnostics);
- :mod:`analysis.comparison`: two sides compared (keyness, concordance, bootstrap profiles);
- :mod:`analysis.pipeline`: :func:`analyze` (one document) and the batch (a corpus);
- :mod:`analysis.store`: the corpus library;
- :mod:`analysis.datafiles` (the only module that knows ``data/``), :mod:`analysis.methods` (how each
  measure works, described once), :mod:`analysis.errors`.

The names most scripts need are here (imported when first used)::

    import analysis
    result = analysis.analyze(analysis.load(analysis.DEFAULT_DOCUMENT))
"""

from analysis._lazy import exports

__getattr__, __dir__ = exports(__name__, {
    # reading
    "load": ".transcripts", "parse_text": ".transcripts", "parse_bytes": ".transcripts",
    "Document": ".transcripts", "Correction": ".transcripts", "DEFAULT_DOCUMENT": ".transcripts",
    # measuring
    "analyze": ".pipeline.run", "Analysis": ".result", "UnitFrames": ".result", "Detail": ".sentence.detail",
    "load_dictionary": ".sentence.topics", "load_markers": ".sentence.markers", "load_actors": ".document.actors",
    "run_batch": ".pipeline.batch:run",
    "DiscourseError": ".errors",
})
__all__ = __dir__()

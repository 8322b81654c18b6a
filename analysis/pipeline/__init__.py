"""The pipeline: a document in, an :class:`~analysis.result.Analysis` out, and the same over a corpus.

- :mod:`~analysis.pipeline.run`: :func:`~analysis.pipeline.run.analyze` runs every sentence measure
  over one document and builds the tidy frames;
- :mod:`~analysis.pipeline.batch`: many files, in processes or on Dask, cached in the library;
- :mod:`~analysis.pipeline.side_spec`: a comparison side read from its command-line spec.
"""

from analysis._lazy import exports

__getattr__, __dir__ = exports(__name__, {
    "run": ".run", "batch": ".batch", "analyze": ".run", "summary_columns": ".run", "document_name": ".run",
    "side_spec": ".side_spec", "side_from_spec": ".side_spec",
})
__all__ = __dir__()

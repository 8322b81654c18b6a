"""The examples in the analysis modules' docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import analysis

MODULES = sorted(m.name for m in pkgutil.walk_packages(analysis.__path__, "analysis.") if not m.name.endswith("__main__"))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples in {name} failed (see the output above)"


def test_the_examples_are_found() -> None:
    # A module list that came back empty would make the test above pass by testing nothing.
    assert {"analysis.text", "analysis.sentence.topics", "analysis.sentence.sentiment", "analysis.pipeline.batch"} <= set(MODULES)
    assert doctest.testmod(importlib.import_module("analysis.text")).attempted >= 3

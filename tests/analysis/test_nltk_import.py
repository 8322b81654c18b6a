"""NLTK is imported without scipy.stats (cold-start time), and SciPy stays importable afterwards."""

from __future__ import annotations

import subprocess
import sys

CHECK = """
import sys
import analysis.sentence.sentiment, analysis.text
assert "nltk" in sys.modules
assert "scipy.stats" not in sys.modules, "NLTK pulled in scipy.stats"
assert "sklearn" not in sys.modules, "NLTK pulled in scikit-learn"
from analysis.sentence import sentiment
assert sentiment.score_sentences(["A good day."])["sentiment"][0] > 0
try:
    import scipy.stats
except ImportError:
    pass  # SciPy not installed: nothing to restore
else:
    assert callable(scipy.stats.fisher_exact)
from sklearn.feature_extraction.text import TfidfVectorizer  # usable after NLTK's import
assert TfidfVectorizer is not None
print("ok")
"""


def test_nltk_without_scipy_then_scipy_usable():
    out = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"

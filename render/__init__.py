"""Pure renderers: frames in, Plotly figures out; text and spans in, escaped HTML out; the standalone report.

No Streamlit here: the dashboard (``dashboard/``) and the command line (``cli/``, ``python -m analysis
report``) both call these functions. ``render`` imports ``analysis`` and plotly, never ``dashboard`` or
streamlit (tests/test_layers.py checks it).
"""

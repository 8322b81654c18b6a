"""The floor for benchmarks/dashboard_speed.py: a bare Streamlit page with one Plotly chart and a radio.

    streamlit run benchmarks/floor_app.py
"""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

choice = st.radio("Series", ["1", "2", "3", "4", "5", "6", "7", "8", "9"], horizontal=True, key="series")
n = int(choice)
st.markdown(f"Series {n}")
st.plotly_chart(go.Figure(go.Bar(y=[(i * n) % 7 + 1 for i in range(10 + n)])), key="chart")

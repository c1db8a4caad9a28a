"""Where the shipped SAMPLE network lives (kept apart so that naming it does not import its generator)."""

from __future__ import annotations

from pathlib import Path

DEFAULT_OUT = Path(__file__).parent / "data" / "sample"
GRAPH_FILE = "roads.graphml.gz"
STATIONS_FILE = "stations.csv"

"""What a map draws besides the plan: rivers and named crossings, where the data has them.

A road graph carries no rivers. For the shipped SAMPLE they come from its geography
(``data/wuhan_geo.yaml``, approximate, labelled sample); for a user's network the map shows the
crossings each route passes (from the graph's ``bridge``/``tunnel`` roads) and no rivers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from firedrill.stations.ranking import PreparedNetwork

Point = tuple[float, float]


@dataclass(frozen=True)
class Overlay:
    rivers: dict[str, tuple[Point, ...]] = field(default_factory=dict)
    crossings: tuple[tuple[str, float, float], ...] = ()


def overlay_for(prepared: PreparedNetwork) -> Overlay:
    """The sample's rivers and crossings, or nothing for a network without that data."""
    return sample_overlay() if prepared.network.is_sample else Overlay()


@cache
def sample_overlay() -> Overlay:
    from firedrill.stations.samplegraph import load_geo

    geo = load_geo()
    rivers = {name: tuple((float(x), float(y)) for x, y in line) for name, line in geo.rivers.items()}
    return Overlay(rivers, tuple((c.name, c.lon, c.lat) for c in geo.crossings))

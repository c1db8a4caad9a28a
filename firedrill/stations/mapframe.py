"""The part of the world a plan's map shows, and how a (lon, lat) lands on a page of a given size.

The frame holds the scene and every route of a unit sent, with a margin (units held are drawn
where they fall inside it: the map is about what drives to the scene); east-west is shrunk by
cos(latitude) so that a kilometre is as long both ways.
Units are numbered by arrival, as the order lists them.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from firedrill.stations.result import DispatchPlan, Unit

Point = tuple[float, float]
MARGIN = 0.06  # of the larger side
MIN_SPAN_DEG = 0.01  # about a kilometre: a scene with its unit next door still gets a readable map


@dataclass(frozen=True)
class Frame:
    west: float
    south: float
    span_x: float  # in "flat degrees" (longitude times cos(lat0))
    span_y: float
    cos0: float

    def fit(self, lon: float, lat: float, width: float, height: float) -> Point:
        """Page coordinates (x right, y down) in a width x height box, keeping the aspect ratio."""
        scale = min(width / self.span_x, height / self.span_y)
        off_x = (width - self.span_x * scale) / 2
        off_y = (height - self.span_y * scale) / 2
        x = off_x + (lon - self.west) * self.cos0 * scale
        y = height - off_y - (lat - self.south) * scale
        return x, y


def units_in_order(plan: DispatchPlan) -> list[Unit]:
    """Units sent, this order's and earlier ones', by arrival (the numbers on the map)."""
    return sorted((*plan.previously_sent, *plan.sent, *plan.offered), key=lambda u: (u.eta, u.distance_m, u.id))


def frame_for(plan: DispatchPlan, extra: Iterable[Point] = ()) -> Frame:
    scene = (plan.location.lon, plan.location.lat)
    points: list[Point] = [scene, *extra]
    for u in units_in_order(plan):
        points.extend(u.route or ([(u.lon, u.lat)] if u.lon is not None and u.lat is not None else []))
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    cos0 = math.cos(math.radians(scene[1]))
    span_x = max((max(lons) - min(lons)) * cos0, MIN_SPAN_DEG)
    span_y = max(max(lats) - min(lats), MIN_SPAN_DEG)
    pad = MARGIN * max(span_x, span_y)
    west = (min(lons) + max(lons)) / 2 - (span_x / 2 + pad) / cos0
    south = (min(lats) + max(lats)) / 2 - (span_y / 2 + pad)
    return Frame(west, south, span_x + 2 * pad, span_y + 2 * pad, cos0)

"""Where an incident is on the road network: a node id, or a point snapped to the nearest node.

A point farther than the set distance from every road node (settings ``positions.max_snap_m``,
1 km unless the config says otherwise), or a coordinate that cannot be a place, is refused with
the distance named: an order for a point 35 km from any road would count none of those 35 km.
"""

from __future__ import annotations

import math

from firedrill.errors import InputError
from firedrill.stations.ranking import PreparedNetwork
from firedrill.stations.result import Location
from firedrill.stations.settings import load_settings
from firedrill.stations.text import metres_down


def locate(prepared: PreparedNetwork, *, lon: float | None = None, lat: float | None = None,
           node: str | None = None, max_snap_m: float | None = None, address: str | None = None,
           field: str = "--lon") -> tuple[int, Location]:  # fmt: skip
    """The incident's road node, from a node id or a point snapped to the nearest node.

    A point farther than ``max_snap_m`` (default: settings ``positions.max_snap_m``) from every road
    node, or not a plausible coordinate, is an InputError naming the distance."""
    net = prepared.network
    if node is not None:
        index = net.node(node, field="node")
        return index, Location(node=node, lon=float(net.lon[index]), lat=float(net.lat[index]), address=address)
    if lon is None or lat is None:
        raise ValueError("give a node or both lon and lat")
    check_point(lon, lat, field)
    index, snap_m = net.snap(lon, lat)
    limit = max_snap_m if max_snap_m is not None else load_settings().positions.max_snap_m
    if snap_m > limit:
        raise InputError(f"({lon}, {lat}) is {snap_m:,.0f} m from the nearest road node {net.node_ids[index]} "
                         f"(limit {limit:,.0f} m): outside the road network", field=field)  # fmt: skip
    return index, Location(node=net.node_ids[index], lon=lon, lat=lat, snap_m=metres_down(snap_m), address=address)


def check_point(lon: float, lat: float, field: str = "--lon") -> None:
    """Refuse a coordinate that cannot be a place: out of range, not a number, or (0, 0)."""
    if not (math.isfinite(lon) and math.isfinite(lat)) or abs(lon) > 180 or abs(lat) > 90:
        raise InputError(f"({lon}, {lat}) is not a longitude/latitude", field=field)
    if lon == 0 and lat == 0:
        raise InputError("(0, 0) is not a plausible position (a missing coordinate written as zero?)", field=field)



"""How OSMnx writes a road graph, read back: merged tag values, river crossings, and hints for the user.

OSMnx simplifies a graph by merging the ways of an edge, and then writes a merged tag as the text
of a Python list (``"['横0路', '纵5街']"``). Which ``bridge``/``tunnel`` values mean a river crossing
is a reading kept in ``data/settings.yaml`` (``crossings``): a viaduct is an elevated road, not a
crossing of water.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from typing import Any

from firedrill.stations.settings import Crossings, load_settings

# The hints name OSMnx's own functions, so a user can fix the graph where it was made.
PROJECTED_HINT = "the graph looks projected (metres, not degrees); save it in longitude/latitude with " \
                 "ox.project_graph(G, to_latlong=True) before ox.save_graphml"
SPEEDS_HINT = "add speeds and travel times with ox.add_edge_speeds(G) and ox.add_edge_travel_times(G) " \
              "before ox.save_graphml"
UNDIRECTED_WARNING = "the road graph is undirected: every road is taken as two-way, so one-way streets " \
                     "are ignored (save the MultiDiGraph OSMnx builds, not ox.convert.to_undirected(G))"


def values(raw: Any) -> list[str]:
    """A tag's values: one, or the several OSMnx merged into the text of a list."""
    if raw is None:
        return []
    if isinstance(raw, list | tuple):
        return [str(v).strip() for v in raw if str(v).strip()]
    text = str(raw).strip()
    if text.startswith("[") and text.endswith("]"):
        try:
            parsed = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            return [text]
        if isinstance(parsed, list):
            return [str(v).strip() for v in parsed if str(v).strip()]
    return [text] if text else []


def display_name(raw: Any) -> str:
    """A road's name as people write it: merged names joined with a slash."""
    return "/".join(dict.fromkeys(values(raw)))


def is_crossing(data: Mapping[str, Any], rule: Crossings | None = None) -> bool:
    """Whether an edge's ``bridge``/``tunnel`` tags make it a river crossing."""
    rule = rule or load_settings().crossings
    for tag, excluded in (("bridge", rule.bridge_not), ("tunnel", rule.tunnel_not)):
        if any(v.lower() not in excluded for v in values(data.get(tag))):
            return True
    return False


def crossing_name(data: Mapping[str, Any], rule: Crossings | None = None) -> str:
    """The name an order shows for a crossing edge ('' when the edge is not one)."""
    if not is_crossing(data, rule):
        return ""
    unnamed = (rule or load_settings().crossings).unnamed
    return display_name(data.get("name")) or display_name(data.get("ref")) or unnamed


def looks_projected(x: float, y: float, crs: str | None) -> bool:
    """A coordinate out of degree range, or a graph ``crs`` that is not a geographic one."""
    if abs(x) > 180 or abs(y) > 90:
        return True
    return crs is not None and crs.strip().lower() not in ("", "epsg:4326", "wgs84", "crs84", "ogc:crs84")

"""Where the fire is, for the station planner: a longitude and latitude, or a district of Wuhan.

The form's 坐标/城区 field takes ``114.26,30.60`` (longitude first, as the planner and GeoJSON
want it) or a district's name in Chinese or English (江汉, 江汉区, Jianghan), which stands for
the district's centre as the sample network's geography gives it (approximate, hand-rounded;
``firedrill/stations/data/wuhan_geo.yaml``). Read with the C YAML loader, no pydantic, no Textual,
when a district is first typed (YAML is not imported for the console's first screen).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

GEO_FILE = Path(__file__).resolve().parents[1] / "stations" / "data" / "wuhan_geo.yaml"
DISTRICT_SUFFIX = "区"
LON_LIMIT, LAT_LIMIT = 180.0, 90.0  # degrees: what a longitude and a latitude can be at all
_PAIR = re.compile(r"^\s*([-+]?\d+(?:\.\d+)?)\s*[,，\s]\s*([-+]?\d+(?:\.\d+)?)\s*$")


class PlaceError(ValueError):
    """Neither a longitude,latitude pair in range nor a known district."""


def _key(name: str) -> str:
    return re.sub(r"[\s'’-]", "", name).lower()


@cache
def districts() -> dict[str, dict[str, Any]]:
    """Each district by every name it may be typed as: 江汉, 江汉区, jianghan, jiang'an → jiangan."""
    import yaml

    loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with GEO_FILE.open(encoding="utf-8") as handle:
        data = yaml.load(handle, Loader=loader)
    found: dict[str, dict[str, Any]] = {}
    for entry in data["districts"]:
        for name in (entry["zh"], entry["zh"] + DISTRICT_SUFFIX, entry["en"]):
            found[_key(name)] = {"lon": float(entry["lon"]), "lat": float(entry["lat"]), "district": entry["zh"]}
    return found


def parse_place(text: str) -> dict[str, Any] | None:
    """``{"lon", "lat"}`` (and ``district`` when a district was named), None for blank; PlaceError."""
    if not text.strip():
        return None
    pair = _PAIR.match(text)
    if pair:
        lon, lat = float(pair.group(1)), float(pair.group(2))
        if abs(lon) > LON_LIMIT or abs(lat) > LAT_LIMIT:
            raise PlaceError(text)
        return {"lon": lon, "lat": lat}
    found = districts().get(_key(text))
    if found is None:
        raise PlaceError(text)
    return dict(found)


def place_text(value: dict[str, Any]) -> str:
    """What to show for a recorded place: the district's name, or the pair."""
    if value.get("district"):
        return str(value["district"])
    return f"{value['lon']:g},{value['lat']:g}"

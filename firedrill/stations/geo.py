"""Great-circle distance and a local flat projection for snapping points to road nodes."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

# IUGG mean Earth radius (Moritz 1980, Geodetic Reference System 1980), the value OSMnx uses too.
EARTH_RADIUS_M = 6_371_008.8

FloatArray = NDArray[np.float64]


def haversine_m(lon1: float, lat1: float, lon2: FloatArray | float, lat2: FloatArray | float) -> FloatArray:
    """Great-circle distance in metres from one point to one or many points."""
    phi1, phi2 = np.radians(lat1), np.radians(lat2)
    dphi = phi2 - phi1
    dlmb = np.radians(np.asarray(lon2) - lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlmb / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_M * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))), dtype=np.float64)


def project(lon: FloatArray, lat: FloatArray, lat0: float) -> NDArray[np.float64]:
    """Equirectangular metres around latitude ``lat0``: good enough to find the nearest node in a city."""
    x = np.radians(lon) * EARTH_RADIUS_M * np.cos(np.radians(lat0))
    y = np.radians(lat) * EARTH_RADIUS_M
    return np.column_stack([x, y])

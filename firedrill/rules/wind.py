"""Wind speed to Beaufort force by GB/T 28591-2012 (the table lives in data/wind.yaml)."""

from __future__ import annotations

from firedrill.rules.schema import WindScale


def beaufort(speed_ms: float, scale: WindScale) -> int:
    """The highest force whose lower bound the speed reaches."""
    force = 0
    for level, lower in sorted(scale.lower_bounds_ms.items()):
        if speed_ms >= lower:
            force = level
    return force


def effective_force(force: int | None, speed_ms: float | None, scale: WindScale) -> int | None:
    """Take the stronger of a reported force and a measured speed; None when neither is known."""
    if speed_ms is None:
        return force
    measured = beaufort(speed_ms, scale)
    return measured if force is None else max(force, measured)

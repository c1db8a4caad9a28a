"""Small formatting helpers shared by the planner and the order renderer."""

from __future__ import annotations


def drive_values(seconds: float) -> dict[str, str]:
    """A drive time as 'M分S秒' and 'M min S s' (whole seconds, rounded down so 29:59.6 stays 29:59)."""
    whole = int(seconds)
    minutes, secs = divmod(whole, 60)
    return {"drive_zh": f"{minutes}分{secs:02d}秒", "drive_en": f"{minutes} min {secs:02d} s"}


def km(metres: float) -> str:
    return f"{metres / 1000:.1f}"

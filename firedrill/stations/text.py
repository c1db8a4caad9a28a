"""Small formatting helpers shared by the planner and the order renderer.

Times are shown and stored rounded up and distances rounded down, so a rounded number is on the
same side of the 4.4.1(5) limits ("超过30分钟", "30公里以上") as the exact one: 1800.4 s is shown as
30 min 01 s, never as 30 min 00 s beside "more than 30 min".
"""

from __future__ import annotations

import math


def seconds_up(seconds: float) -> float:
    """Rounded up to 0.1 s (JSON)."""
    return math.ceil(round(seconds * 10, 6)) / 10 if math.isfinite(seconds) else seconds


def metres_down(metres: float) -> float:
    """Rounded down to 0.1 m (JSON)."""
    return math.floor(round(metres * 10, 6)) / 10 if math.isfinite(metres) else metres


def drive_values(seconds: float) -> dict[str, str]:
    """A drive time as 'M分S秒' and 'M min S s', whole seconds rounded up (see the module docstring)."""
    whole = math.ceil(round(seconds, 6))
    minutes, secs = divmod(whole, 60)
    return {"drive_zh": f"{minutes}分{secs:02d}秒", "drive_en": f"{minutes} min {secs:02d} s"}


def km(metres: float) -> str:
    """Kilometres to one decimal, rounded down."""
    return f"{math.floor(round(metres / 100, 6)) / 10:.1f}"

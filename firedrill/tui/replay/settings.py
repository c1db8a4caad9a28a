"""Local settings of the replay and drill modes (the console's choices, not the plan's).

The plan gives no replay speeds and no refresh rate: these only decide how fast a script plays
on screen. Decision times for drills are in firedrill/replay/data/scoring.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Speed:
    id: str  # label key suffix and binding id suffix
    factor: int | None  # replay seconds per clock second; None = instant (to the end or the next prompt)


SPEEDS: tuple[Speed, ...] = (Speed("1", 1), Speed("10", 10), Speed("60", 60), Speed("instant", None))
DEFAULT_SPEED = SPEEDS[0]

TICK_SECONDS = 0.25  # how often the replay clock is read while playing
NOTICE_SECONDS = 8.0  # how long a notification (message, alert, level change) stays
REPORTS_FOLDER = "reports"  # under the data directory, when no folder is chosen

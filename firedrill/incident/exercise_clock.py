"""An exercise incident's clock (演练时间) as its journal holds it: an anchor.

At real time ``real_at`` the scenario time was ``scenario_at``, and it runs at ``rate`` (0 while
paused, ``speed`` while running): scenario time now = ``scenario_at + (real_now − real_at)·rate``.
The opened event's offset from real time is the first anchor (running, at speed 1); every
``clock`` event after it (pause, resume, a speed, a jump) sets a new one. Every screen that shows
the exercise reads the same anchor from the fold, so there is one exercise clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from firedrill.errors import InputError
from firedrill.journal import MAX_EXERCISE_RATE
from firedrill.timeutil import to_local


@dataclass(frozen=True)
class ExerciseAnchor:
    """Where the exercise clock stood at one real moment, and how fast it runs from there."""

    real_at: datetime
    scenario_at: datetime
    rate: float  # scenario seconds per real second: 0 while paused
    speed: float  # the rate while running (kept while paused, so resuming goes on at it)

    @property
    def running(self) -> bool:
        return self.rate > 0

    def at(self, real: datetime) -> datetime:
        """The scenario time at real time ``real``."""
        return self.scenario_at + timedelta(seconds=(real - self.real_at).total_seconds() * self.rate)


def first_anchor(opened_at: datetime, offset_s: float) -> ExerciseAnchor:
    """The clock an exercise incident was opened on: ``offset_s`` ahead of real time, in real time."""
    offset = timedelta(seconds=offset_s)
    return ExerciseAnchor(real_at=opened_at - offset, scenario_at=opened_at, rate=1.0, speed=1.0)


def anchor_of(payload: dict[str, Any]) -> ExerciseAnchor:
    """The anchor a ``clock`` event's payload (checked on the way in) sets."""
    rate = float(payload["rate"])
    speed = payload.get("speed")
    return ExerciseAnchor(real_at=to_local(datetime.fromisoformat(payload["real_at"])),
                          scenario_at=to_local(datetime.fromisoformat(payload["scenario_at"])), rate=rate,
                          speed=float(speed) if isinstance(speed, int | float) else rate or 1.0)  # fmt: skip


def scenario_now(anchor: ExerciseAnchor | None, real: datetime) -> datetime:
    """The incident's time now: its exercise clock's at real time ``real``, or ``real`` itself."""
    return real if anchor is None else anchor.at(real)


def clock_payload(anchor: ExerciseAnchor | None, incident_id: str, real_at: datetime, scenario_at: datetime,
                  rate: float, speed: float | None, change: str | None) -> dict[str, Any]:  # fmt: skip
    """The payload of a ``clock`` event setting a new anchor, or an InputError naming what is wrong.

    The clock goes on from where it stands (never back: the journal's times would run backwards);
    ``speed`` defaults to ``rate`` when running, else to the speed the clock had."""
    if anchor is None:
        raise InputError(f"incident {incident_id} is not an exercise: it has no exercise clock", field="exercise")
    if not isinstance(rate, int | float) or not 0 <= rate <= MAX_EXERCISE_RATE:
        raise InputError(f"the clock's rate is a number from 0 (paused) to {MAX_EXERCISE_RATE:g}, not {rate!r}",
                         field="rate")  # fmt: skip
    speed = speed if speed is not None else rate or anchor.speed
    if not isinstance(speed, int | float) or not 0 < speed <= MAX_EXERCISE_RATE:
        raise InputError(f"the speed is a number above 0 and at most {MAX_EXERCISE_RATE:g}, not {speed!r}",
                         field="speed")  # fmt: skip
    if rate not in (0, speed):
        raise InputError(f"the rate is 0 (paused) or the speed {speed:g}, not {rate:g}", field="rate")
    now = anchor.at(real_at)
    if scenario_at < now - timedelta(seconds=1):  # a second: the clocks are read to the second
        raise InputError(f"the exercise clock does not go back: {scenario_at.isoformat()} is before its time now "
                         f"{now.isoformat(timespec='seconds')}", field="scenario_at")  # fmt: skip
    return {"real_at": real_at, "scenario_at": scenario_at, "rate": float(rate), "speed": float(speed),
            "change": change}  # fmt: skip

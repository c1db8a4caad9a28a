"""The console's clock: the real one, or one that tests move by hand.

Every time the console uses (report time default, night trigger, collapse window, journal
times) comes from the injected clock, so a test can pass 22:00 without waiting for it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Shanghai")  # the same zone as firedrill.timeutil, without importing the engine

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    """Now, in Asia/Shanghai, to the second."""
    return datetime.now(LOCAL_TZ).replace(microsecond=0)


class ManualClock:
    """A clock that stands still until told to move (tests, demos, snapshots)."""

    def __init__(self, start: datetime) -> None:
        self._now = start if start.tzinfo is not None else start.replace(tzinfo=LOCAL_TZ)

    def __call__(self) -> datetime:
        return self._now

    def advance(self, **delta: float) -> datetime:
        """Move forward by ``timedelta(**delta)``; returns the new time."""
        self._now += timedelta(**delta)
        return self._now

    def set(self, when: datetime) -> None:
        self._now = when if when.tzinfo is not None else when.replace(tzinfo=LOCAL_TZ)


class ExerciseClock:
    """Scenario time for an exercise: a set start, advancing in real time from there (演练时间).

    Kept as an offset from the real clock, so that an exercise incident resumed after a restart
    goes on from the same scenario time it had."""

    def __init__(self, offset: timedelta, real: Clock = system_clock) -> None:
        self.offset = offset
        self.real = real

    @classmethod
    def starting(cls, start: datetime, real: Clock = system_clock) -> ExerciseClock:
        start = start if start.tzinfo is not None else start.replace(tzinfo=LOCAL_TZ)
        return cls(start - real(), real)

    def __call__(self) -> datetime:
        return (self.real() + self.offset).replace(microsecond=0)


def exercise_offset(clock: Clock) -> float | None:
    """The exercise clock's offset from real time in seconds, or None for real time."""
    return clock.offset.total_seconds() if isinstance(clock, ExerciseClock) else None


def elapsed(since: datetime, now: datetime) -> str:
    """+HH:MM:SS (negative shown with a minus: an event entered before the report time)."""
    seconds = int((now - since).total_seconds())
    sign = "-" if seconds < 0 else "+"
    seconds = abs(seconds)
    return f"{sign}{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"

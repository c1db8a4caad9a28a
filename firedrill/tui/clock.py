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
    """Scenario time for an exercise (演练时间): at real time ``real_at`` it was ``scenario_at``, and it
    runs at ``rate`` scenario seconds per real second from there (0: paused).

    A new exercise starts in real time at a set scenario time; an exercise incident's clock follows
    the anchor its journal holds (``follow``), so a pause, a speed or a jump at the controller's
    screen reaches this console when it next reads the incident."""

    def __init__(self, offset: timedelta, real: Clock = system_clock) -> None:
        self.real = real
        self.real_at = real()
        self.scenario_at = self.real_at + offset
        self.rate = 1.0

    @classmethod
    def starting(cls, start: datetime, real: Clock = system_clock) -> ExerciseClock:
        start = start if start.tzinfo is not None else start.replace(tzinfo=LOCAL_TZ)
        return cls(start - real(), real)

    @property
    def offset(self) -> timedelta:
        """How far ahead of real time the scenario time is now."""
        real = self.real()
        return self._at(real) - real

    @property
    def paused(self) -> bool:
        return self.rate == 0

    def follow(self, real_at: datetime, scenario_at: datetime, rate: float) -> None:
        """Run from a new anchor (the incident's journaled exercise clock)."""
        self.real_at, self.scenario_at, self.rate = real_at, scenario_at, rate

    def _at(self, real: datetime) -> datetime:
        return self.scenario_at + timedelta(seconds=(real - self.real_at).total_seconds() * self.rate)

    def __call__(self) -> datetime:
        return self._at(self.real()).replace(microsecond=0)


def exercise_offset(clock: Clock) -> float | None:
    """The exercise clock's offset from real time in seconds, or None for real time."""
    return clock.offset.total_seconds() if isinstance(clock, ExerciseClock) else None


def elapsed(since: datetime, now: datetime) -> str:
    """+HH:MM:SS (negative shown with a minus: an event entered before the report time)."""
    seconds = int((now - since).total_seconds())
    sign = "-" if seconds < 0 else "+"
    seconds = abs(seconds)
    return f"{sign}{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"

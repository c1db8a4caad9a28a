"""A live exercise's clock as the incident's journal holds it (``Desk.set_exercise_clock``).

The controller steers it like the terminal controller's own clock (pause, resume, speed, jump),
but each change is a ``clock`` event on the exercise incident and every reading folds the journal:
the trainee's console, which reads the same anchor, shows the same scenario time, and a controller
reopened on the data directory goes on at the clock where the last one left it. No second copy.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from firedrill.incident.desk import Desk
from firedrill.incident.exercise_clock import ExerciseAnchor
from firedrill.journal import ClockChange
from firedrill.replay.controller import check_speed


class JournalClock:
    """The exercise incident's clock, read from and written to its journal at the real time ``real``."""

    def __init__(self, desk: Desk, incident_id: str, real: Callable[[], datetime], actor: str) -> None:
        self.desk, self.incident_id, self.real, self.actor = desk, incident_id, real, actor

    def anchor(self) -> ExerciseAnchor:
        anchor = self.desk.load(self.incident_id).exercise_clock
        if anchor is None:  # the live exercise opens its incident on an exercise clock
            raise ValueError(f"incident {self.incident_id} has no exercise clock")
        return anchor

    @property
    def running(self) -> bool:
        return self.anchor().running

    @property
    def speed(self) -> float:
        return self.anchor().speed

    def now(self) -> datetime:
        return self.anchor().at(self.real()).replace(microsecond=0)

    def _set(self, change: ClockChange, running: bool | None = None, speed: float | None = None,
             delta: timedelta = timedelta()) -> None:  # fmt: skip
        """A new anchor from the clock's time now (read once, not rounded: no second lost per change)."""
        real, anchor = self.real(), self.anchor()
        speed = anchor.speed if speed is None else speed
        rate = speed if (anchor.running if running is None else running) else 0.0
        self.desk.set_exercise_clock(self.incident_id, anchor.at(real) + delta, rate, speed, real, change.value,
                                     self.actor)  # fmt: skip

    def pause(self) -> None:
        self._set(ClockChange.PAUSE, running=False)

    def resume(self) -> None:
        self._set(ClockChange.RESUME, running=True)

    def set_speed(self, speed: float) -> None:
        check_speed(speed)
        self._set(ClockChange.SPEED, speed=speed)

    def jump(self, delta: timedelta) -> None:
        self._set(ClockChange.JUMP, delta=delta)

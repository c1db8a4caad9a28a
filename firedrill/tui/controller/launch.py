"""Opening the controller screen: the exercise incident opened in the journal through the desk,
and the screen hosted in a small app with the console's styles.

The exercise clock reads the same injected clock as the screen's real time (a hand-moved clock in
tests), in seconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from firedrill.tui.clock import Clock, system_clock

if TYPE_CHECKING:
    from firedrill.journal import Journal
    from firedrill.replay.engine import Replay
    from firedrill.replay.live import LiveExercise
    from firedrill.tui.replay.app import ReplayApp


def live_exercise(replay: Replay, journal: Journal, clock: Clock = system_clock, *, roles: Sequence[str] = (),
                  lang: str = "zh", seat: str | None = None) -> LiveExercise:  # fmt: skip
    """The open exercise incident of ``replay`` in ``journal`` (a controller reopened goes on with it, at
    its journaled clock), else a new one; steered from here."""
    from firedrill.incident.desk import Desk
    from firedrill.replay.live import CONTROLLER_ACTOR, LiveExercise

    desk = Desk(journal, clock=clock, seat=seat or CONTROLLER_ACTOR, rules=replay.config)

    def seconds() -> float:
        return clock().timestamp()

    found = LiveExercise.take_up(replay, desk, clock, roles, seconds, lang)
    return found if found is not None else LiveExercise.open(replay, desk, clock, roles, seconds, lang)


def controller_app(live: LiveExercise, clock: Clock = system_clock, *, lang: str = "zh", trainee: str = "trainee",
                   out_dir: Path | None = None, refresh_seconds: float | None = None) -> ReplayApp:  # fmt: skip
    """An app hosting the controller screen; it exits with the screen's result."""
    from firedrill.tui.controller.screen import ControllerScreen
    from firedrill.tui.controller.settings import REFRESH_SECONDS
    from firedrill.tui.replay.app import ReplayApp

    every = REFRESH_SECONDS if refresh_seconds is None else refresh_seconds or None
    return ReplayApp(lambda app: ControllerScreen(live, lang, clock, trainee, out_dir, every), clock=clock, lang=lang,
                     blink=False)  # fmt: skip

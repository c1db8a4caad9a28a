"""Stepping through a replay's timeline one entry at a time (the console's replay mode)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from firedrill.replay.timeline import Entry

if TYPE_CHECKING:
    from firedrill.replay.engine import Replay, State


class Cursor:
    """Steps through a replay's timeline one entry at a time (the console's replay mode)."""

    def __init__(self, replay: Replay) -> None:
        self.replay = replay
        self.position = -1

    @property
    def done(self) -> bool:
        return self.position + 1 >= len(self.replay.timeline)

    def step(self) -> Entry | None:
        """The next entry, or None at the end."""
        if self.done:
            return None
        self.position += 1
        return self.replay.timeline[self.position]

    @property
    def now(self) -> datetime:
        return self.replay.start if self.position < 0 else self.replay.timeline[self.position].at

    def state(self) -> State:
        return self.replay.state_at(self.now)

"""The replay clock: where a script stands, driven by an injected wall clock at a chosen speed.

No Textual here. The screen calls ``tick()`` on a timer; each call reads the wall clock, moves the
replay clock by the elapsed wall time times the speed, and returns the timeline entries crossed,
in order, for the screen to show and announce. ``step()`` jumps to the next inject. In a drill the
player halts at each prompt (``halts``) until ``release()``: the next inject cannot arrive while
the trainee is deciding, as in the terminal drill.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from datetime import datetime

from firedrill.replay.engine import Replay
from firedrill.replay.timeline import Entry, EntryKind
from firedrill.tui.replay.settings import DEFAULT_SPEED, Speed

WallClock = Callable[[], datetime]


class Player:
    """One replay's clock. ``now`` is the replay time; entries at or before it have been returned."""

    def __init__(self, replay: Replay, wall: WallClock, halts: Iterable[datetime] = ()) -> None:
        self.replay = replay
        self.wall = wall
        self.entries = replay.timeline
        self._times = [e.at for e in self.entries]
        self.now = replay.start
        self.shown = 0  # entries returned so far
        self.speed: Speed = DEFAULT_SPEED
        self._anchor: tuple[datetime, datetime] | None = None  # (wall, replay) since the last play or re-anchor
        self.halts = sorted(set(halts))
        self.halted: datetime | None = None
        self._resume = False  # playing when the halt came: play on after ``release``

    @property
    def playing(self) -> bool:
        return self._anchor is not None

    @property
    def at_end(self) -> bool:
        return self.now >= self.replay.end and self.shown == len(self.entries)

    @property
    def injects_shown(self) -> int:
        return sum(len(e.injects) for e in self.entries[: self.shown])

    @property
    def injects_total(self) -> int:
        return len(self.replay.loaded.script.injects)

    def begin(self) -> list[Entry]:
        """The entries at the start time (the start itself, and any inject or prompt then)."""
        return self._advance_to(self.now)

    def play(self) -> None:
        if self.halted is not None:
            self._resume = True
        elif not self.at_end:
            self._anchor = (self.wall(), self.now)

    def pause(self) -> list[Entry]:
        """Stop the clock where it is now (entries reached meanwhile are returned)."""
        crossed = self.tick()
        self._anchor = None
        self._resume = False
        return crossed

    def toggle(self) -> list[Entry]:
        if self.playing or self._resume:
            return self.pause()
        self.play()
        return []

    def set_speed(self, speed: Speed) -> list[Entry]:
        """Change speed from now on: the time played so far counts at the old speed."""
        crossed = self.tick()
        self.speed = speed
        if self._anchor is not None:
            self._anchor = (self.wall(), self.now)
        return crossed

    def tick(self) -> list[Entry]:
        if self._anchor is None:
            return []
        wall_then, replay_then = self._anchor
        if self.speed.factor is None:
            target = self.replay.end
        else:
            target = replay_then + (self.wall() - wall_then) * self.speed.factor
        return self._advance_to(target)

    def step(self) -> list[Entry]:
        """Jump to the next entry with an inject (or the end); what lies between is crossed too."""
        following = (e.at for e in self.entries[self.shown :] if EntryKind.INJECT in e.kinds and e.at > self.now)
        target = next(following, self.replay.end)
        crossed = self._advance_to(target)
        if self._anchor is not None:
            self._anchor = (self.wall(), self.now)
        return crossed

    def release(self) -> None:
        """The trainee has answered the prompt the player halted at: go on (playing if it was)."""
        if self.halted is None:
            return
        self.halts.remove(self.halted)
        self.halted = None
        if self._resume:
            self._resume = False
            self._anchor = (self.wall(), self.now)

    def _advance_to(self, target: datetime) -> list[Entry]:
        if self.halted is not None:
            return []
        target = min(max(target, self.now), self.replay.end)
        if self.halts and self.halts[0] <= target:
            target = self.halts[0]
            self.halted = target
            self._resume = self._anchor is not None
            self._anchor = None
        self.now = target
        upto = bisect_right(self._times, target)
        crossed = list(self.entries[self.shown : upto])
        self.shown = max(self.shown, upto)
        if self.now >= self.replay.end:
            self._anchor = None
        return crossed

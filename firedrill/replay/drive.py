"""Playing a drill forward moment by moment, for the terminal drill and the controller: the
replay of the injects in force, rebuilt whenever a contingency fires or the controller sends an
inject now, and the next timeline entry after the last one shown.

A contingency is decided when the drill reaches its time (``drill_contingency.fires_now``), from
the trainee's answers and ticks so far; a sent inject keeps its number and moves to the time it
is sent (a contingency sent by the controller fires whatever its condition).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from firedrill.errors import InputError
from firedrill.replay.contingency import contingent
from firedrill.replay.drill_contingency import fires_now
from firedrill.replay.engine import Replay
from firedrill.replay.procedure_rating import Tick
from firedrill.replay.prompts import Prompt, prompts, window_ends
from firedrill.replay.roles import delivered
from firedrill.replay.timeline import Entry

ONE_SECOND = timedelta(seconds=1)


class Drive:
    def __init__(self, replay: Replay, roles: Sequence[str] = ()) -> None:
        self.source = replay.source
        self.rulebook, self.config = replay.rulebook, replay.config
        self.roles = tuple(roles)
        self.pending = contingent(self.source)
        self.decided: set[int] = set()
        self.fired: set[int] = set()
        self.moved: dict[int, datetime] = {}
        self.declared: dict[int, int] = {}  # prompt number → declared level rank
        self.ticks: list[Tick] = []
        self.shown: datetime | None = None
        self.current = replay if not self.pending else self._build()

    def _build(self) -> Replay:
        return Replay(self.source, self.rulebook, self.config, fired=self.fired, moved=self.moved)

    def _time(self, index: int) -> datetime:
        return self.moved.get(index, self.source.inject_times[index])

    def upcoming(self, until: datetime | None = None) -> Entry | None:
        """The next entry after the last one shown, without showing it (contingencies due by then decided).

        ``until``: decide no contingency after this moment (a live exercise, where the trainee acts
        between entries, decides each one only when the clock reaches it)."""
        while True:
            nxt = next((e for e in self.current.timeline if self.shown is None or e.at > self.shown), None)
            limit = nxt.at if nxt is not None else None
            if until is not None:
                limit = until if limit is None else min(limit, until)
            due = sorted((i for i in self.pending if i not in self.decided
                          and (limit is None or self._time(i) <= limit)), key=self._time)  # fmt: skip
            if not due:
                return nxt
            index = due[0]
            self.decided.add(index)
            if fires_now(self.current, index, self.fired, self.declared, self.ticks, self.roles):
                self.fired.add(index)
                self.current = self._build()

    def advance(self) -> Entry | None:
        """The next entry, now shown."""
        entry = self.upcoming()
        if entry is not None:
            self.shown = entry.at
        return entry

    def prompts_at(self, at: datetime) -> list[Prompt]:
        return [p for p in prompts(self.current, self.roles) if p.at == at]

    def deliveries_at(self, at: datetime) -> list[tuple[int, tuple[str, ...]]]:
        loaded = self.current.loaded
        return [(loaded.inject_number(i), mine) for i, mine in delivered(self.current, self.roles)
                if loaded.inject_times[i] == at]  # fmt: skip

    def window_end(self, prompt: Prompt) -> datetime:
        asked = list(prompts(self.current, self.roles))
        ends = dict(zip((p.number for p in asked), window_ends(self.current, asked), strict=True))
        return ends.get(prompt.number, self.current.end)

    def send_now(self, number: int, at: datetime) -> None:
        """The controller sends inject ``number`` at ``at`` (never before what was already shown)."""
        index = next((i for i in range(len(self.source.script.injects)) if self.source.inject_number(i) == number),
                     None)  # fmt: skip
        if index is None:
            raise InputError(f"no inject {number} in the script", field="send")
        if self.shown is not None and at <= self.shown:
            at = self.shown + ONE_SECOND
        if index in self.pending:
            self.decided.add(index)
            self.fired.add(index)
        self.moved[index] = at
        self.current = self._build()

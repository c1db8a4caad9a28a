"""A controller screen on a shipped script and a journal in a temporary folder, a hand-moved
clock, and a trainee who works the exercise incident through a desk of their own (as the
trainee's console does: another connection to the same journal)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from textual.pilot import Pilot

from firedrill.incident.desk import Desk
from firedrill.incident.state import IncidentState
from firedrill.journal import EventKind, Journal
from firedrill.replay.live import INJECT_TAG, LiveExercise
from firedrill.tui.clock import LOCAL_TZ, ManualClock
from firedrill.tui.controller.launch import controller_app, live_exercise
from firedrill.tui.controller.screen import ControllerScreen
from firedrill.tui.controller.widgets import ContingencyTable, InjectTable, RoleTable
from firedrill.tui.replay import load_replay
from firedrill.tui.replay.app import ReplayApp

SCENARIOS = Path(__file__).resolve().parents[3] / "scenarios"
WAREHOUSE = SCENARIOS / "warehouse-loss-revised-roles.yaml"  # #3 chases the report when nobody made it
REAL_START = datetime(2026, 4, 15, 10, 0, tzinfo=LOCAL_TZ)  # the real time the exercise begins at


@dataclass
class Exercise:
    clock: ManualClock
    journal: Journal
    live: LiveExercise
    app: ReplayApp
    trainee: Desk  # the trainee's console's desk: its own connection, on the incident's exercise clock

    def trainee_now(self) -> datetime:
        """The exercise incident's time now: its journaled clock, as the trainee's console reads it."""
        return self.live.control.clock.now()

    def folded(self) -> IncidentState:
        """The incident as the trainee's side reads it: the journal folded afresh."""
        with Journal.open(self.journal.path) as other:
            return Desk(other).load(self.live.incident_id)

    def delivered(self) -> list[str]:
        return [str(e.payload["text"]) for e in self.folded().events
                if e.kind is EventKind.NOTE and str(e.payload.get("text", "")).startswith(INJECT_TAG)]  # fmt: skip


def delivered_numbers(exercise: Exercise) -> set[int]:
    found = set()
    for text in exercise.delivered():
        for number in range(1, 10):
            if f"#{number} [" in text:
                found.add(number)
    return found


@contextmanager
def open_exercise(tmp_path: Path, *, roles: tuple[str, ...] = (), lang: str = "zh",
                  refresh_seconds: float = 0) -> Iterator[Exercise]:  # fmt: skip
    clock = ManualClock(REAL_START)
    journal = Journal.open(tmp_path / "journal.sqlite3")
    try:
        live = live_exercise(load_replay(WAREHOUSE), journal, clock, roles=roles, lang=lang, seat="导调员")
        app = controller_app(live, clock, lang=lang, trainee="张三", out_dir=tmp_path / "reports",
                             refresh_seconds=refresh_seconds)  # fmt: skip
        trainee_journal = Journal.open(journal.path)
        try:
            trainee = Desk(trainee_journal, clock=live.control.clock.now, seat="学员张三")
            yield Exercise(clock, journal, live, app, trainee)
        finally:
            trainee_journal.close()
    finally:
        journal.close()


def screen(pilot: Pilot[object]) -> ControllerScreen:
    found = pilot.app.screen
    assert isinstance(found, ControllerScreen)
    return found


def clock_text(pilot: Pilot[object]) -> str:
    return screen(pilot).query_one("#controller-clock").text  # type: ignore[attr-defined, no-any-return]


def rows(pilot: Pilot[object], table: type[InjectTable | ContingencyTable | RoleTable]) -> list[tuple[str, ...]]:
    found = screen(pilot).query_one(table)
    return [tuple(str(c) for c in found.get_row_at(i)) for i in range(found.row_count)]


async def later(pilot: Pilot[object], exercise: Exercise, **delta: float) -> None:
    """Move the clock on and let the screen read the journal and deliver what is due."""
    exercise.clock.advance(**delta)
    screen(pilot).refresh_live()
    await pilot.pause()

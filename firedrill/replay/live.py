"""A live exercise: the controller (``controller.Controller``: the exercise clock, send now, the
contingencies of ``drive.Drive``) steering a trainee who works an exercise incident in the
console, both on one data directory.

Everything passes through the incident core: the controller opens the exercise incident with
``Desk.open`` (on an exercise clock from the script's start, paused), steers that clock through
``Desk.set_exercise_clock`` (``live_clock.JournalClock``: the trainee's console reads the same
anchor) and delivers each inject the clock reaches as a note on it (``Desk.note``, the lines the
terminal drill shows, at the exercise time); a controller reopened on the same script takes the
open exercise incident up (``LiveExercise.take_up``) where the journal leaves it; what the trainee did
is read back with ``Desk.load`` (the fold): the steps ticked in the console are the drill's ticks,
and the level the incident records is the trainee's answer to the prompts in force. Readings
(docs/exercises.md, "A live exercise"): a tick counts at the exercise time the controller first
sees it; a prompt's answer is the level recorded when the next prompt is delivered (until then,
the level recorded now); an undone tick is taken back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from firedrill.incident.desk import Desk
from firedrill.incident.state import IncidentState
from firedrill.journal import ClockChange, EventKind, ProcedureState
from firedrill.replay.answers import Declaration
from firedrill.replay.controller import Controller
from firedrill.replay.drill import DrillResult, Mark, mark, result_of, times_for
from firedrill.replay.drill_contingency import fires_now
from firedrill.replay.engine import Replay
from firedrill.replay.live_clock import JournalClock
from firedrill.replay.procedure_rating import Tick
from firedrill.replay.prompts import Prompt
from firedrill.replay.render import entry_lines
from firedrill.replay.scoring import load_scoring
from firedrill.replay.timeline import Entry, EntryKind

CONTROLLER_ACTOR = "演练导调 / exercise controller"
INJECT_TAG = "【演练注入 / inject】"


def script_key(replay: Replay) -> str:
    """What names the script an exercise incident is steered by: its file, in full."""
    file = replay.source.file
    return str(Path(file).resolve()) if Path(file).is_file() else file


@dataclass(frozen=True)
class Pending:
    """An inject not delivered yet: its number, time, recipients and, for a contingency not yet
    decided, whether its condition holds with what the trainee has done so far (None: a plain
    inject, or a contingency already decided to fire)."""

    number: int
    at: datetime
    to: tuple[str, ...]
    contingency: bool
    holds: bool | None


@dataclass(frozen=True)
class Decided:
    """A contingency whose time has come: fired or not."""

    number: int
    at: datetime
    fired: bool


class LiveExercise:
    """The controller of one exercise incident: commands, deliveries, and the trainee's work read back."""

    def __init__(self, replay: Replay, desk: Desk, incident_id: str, real: Callable[[], datetime],
                 roles: Sequence[str] = (), clock: Callable[[], float] | None = None,
                 lang: str = "zh") -> None:  # fmt: skip
        """``real``: the real time; ``clock``: seconds for the exercise clock (default ``time.monotonic``)."""
        import time

        journaled = JournalClock(desk, incident_id, real, CONTROLLER_ACTOR)
        self.control = Controller(replay, roles, clock or time.monotonic, journaled)
        self.desk, self.incident_id, self.lang, self.roles = desk, incident_id, lang, tuple(roles)
        self.real = real
        self.scoring = load_scoring()
        self.times = times_for(replay, self.scoring)
        self.seen: dict[int, datetime] = {}  # journal event seq of a tick → exercise time first seen
        self.asked: list[Prompt] = []
        self.frozen: dict[int, Declaration | None] = {}  # answers closed by a later prompt

    @classmethod
    def open(cls, replay: Replay, desk: Desk, real: Callable[[], datetime], roles: Sequence[str] = (),
             clock: Callable[[], float] | None = None, lang: str = "zh") -> LiveExercise:  # fmt: skip
        """A new exercise incident in the journal, on an exercise clock paused at the script's start."""
        offset = (replay.start - real()).total_seconds()
        title = f"演练 {replay.loaded.script.title.in_lang(lang)}"
        change = desk.open(at=replay.start, actor=CONTROLLER_ACTOR, exercise_offset_s=offset, title=title,
                           exercise_script=script_key(replay))  # fmt: skip
        desk.set_exercise_clock(change.state.id, replay.start, 0.0, 1.0, real(), ClockChange.PAUSE.value,
                                CONTROLLER_ACTOR)  # fmt: skip
        return cls(replay, desk, change.state.id, real, roles, clock, lang)

    @classmethod
    def take_up(cls, replay: Replay, desk: Desk, real: Callable[[], datetime], roles: Sequence[str] = (),
                clock: Callable[[], float] | None = None, lang: str = "zh") -> LiveExercise | None:  # fmt: skip
        """The open exercise incident of this script, if the journal holds one, steered from here again:
        its clock where it stands, the injects delivered (their notes) not delivered again, the trainee's
        ticks at the exercise times they were recorded at. None when there is none to take up."""
        key = script_key(replay)
        found = [s for r in desk.journal.open_incidents() if (s := desk.load(r.id)).exercise_script == key]
        if not found:
            return None
        live = cls(replay, desk, found[-1].id, real, roles, clock, lang)
        live._catch_up()
        return live

    def _catch_up(self) -> None:
        state, drive, now = self.state(), self.control.drive, self.control.clock.now()
        notes = [e for e in state.events if e.kind is EventKind.NOTE and e.actor == CONTROLLER_ACTOR
                 and isinstance(e.payload.get("injects"), list)]  # fmt: skip
        scheduled = {drive.source.inject_number(i): t for i, t in enumerate(drive.source.inject_times)}
        for note in notes:
            for number in note.payload["injects"]:
                if number in scheduled and note.at < scheduled[number]:
                    drive.send_now(number, note.at)  # it was sent before its time
        self.seen |= {e.seq: min(e.at, now) for e in state.events if e.kind is EventKind.PROCEDURE}
        self._read_ticks(state)
        self._declare(state)
        if notes:
            self._deliver(state, max(note.at for note in notes), write=False)

    def state(self) -> IncidentState:
        return self.desk.load(self.incident_id)

    def now(self) -> datetime:
        replay = self.control.drive.current
        return min(max(self.control.clock.now(), replay.start), replay.end)

    def command(self, text: str) -> bool:
        """A controller's command (``controller.Controller.command``); False ends the exercise."""
        return self.control.command(text)

    @property
    def finished(self) -> bool:
        return self.control.drive.upcoming(until=self.control.clock.now()) is None

    def step(self) -> list[Entry]:
        """Read the trainee's ticks and level from the journal, then deliver every entry the clock has reached."""
        drive = self.control.drive
        state = self.state()
        self._read_ticks(state)
        self._declare(state)
        # An inject sent now is due now, even one second after the last entry shown with the clock paused.
        return self._deliver(state, max([self.control.clock.now(), *drive.moved.values()]))

    def _deliver(self, state: IncidentState, reached: datetime, write: bool = True) -> list[Entry]:
        """Each entry up to ``reached``: as a note on the incident (``write``), or only marked shown."""
        drive, delivered = self.control.drive, []
        while (entry := drive.upcoming(until=reached)) is not None and entry.at <= reached:
            drive.advance()
            asked = drive.prompts_at(entry.at)
            if asked:
                self.frozen |= {p.number: self._answer(state) for p in self.asked if p.number not in self.frozen}
                self.asked += asked
            if entry.kinds != (EntryKind.CHANGE,):  # a change of the plan's demand alone is nobody's news
                if write:
                    text = "\n".join([INJECT_TAG, *entry_lines(entry, self.lang, answers=False)])
                    self.desk.note(
                        self.incident_id,
                        text,
                        at=max(self.control.clock.now(), entry.at),
                        actor=CONTROLLER_ACTOR,
                        extra={"injects": [i.number for i in entry.injects]},
                    )
                delivered.append(entry)
            self._declare(state)
        return delivered

    def _read_ticks(self, state: IncidentState) -> None:
        now = self.now()
        done: dict[str, Tick] = {}
        for event in state.events:
            if event.kind is not EventKind.PROCEDURE or event.actor == CONTROLLER_ACTOR:
                continue
            at = self.seen.setdefault(event.seq, now)
            step, action = str(event.payload.get("step")), event.payload.get("state")
            if action == ProcedureState.UNDONE.value:
                done.pop(step, None)
            elif action == ProcedureState.DONE.value and step not in done:
                prompt = max((p.number for p in self.asked if p.at <= at), default=self._first_prompt())
                done[step] = Tick(step=step, at=at, prompt=prompt, by=event.actor)
        self.control.drive.ticks[:] = sorted(done.values(), key=lambda t: t.at)

    def _first_prompt(self) -> int:
        asked = self.asked or list(self.control.drive.prompts_at(self.control.drive.current.start))
        return asked[0].number if asked else 1

    def _answer(self, state: IncidentState) -> Declaration | None:
        recorded = state.recorded
        if recorded is None:
            return None
        return Declaration.model_validate({"level": recorded.level.value, "triggers": list(recorded.triggers)})

    def _declare(self, state: IncidentState) -> None:
        """The marks of the prompts delivered so far, and the declared ranks the contingencies read."""
        now_answer = self._answer(state)
        marks: list[Mark] = []
        for prompt in self.asked:
            declared = self.frozen.get(prompt.number, now_answer)
            if declared is not None:
                self.control.drive.declared[prompt.number] = declared.level.rank
            else:
                self.control.drive.declared.pop(prompt.number, None)
            marks.append(mark(prompt, declared, None, self.times, self.scoring))
        self.control.marks = marks

    def pending(self) -> list[Pending]:
        """The injects still to come, in time order: those in force, and the contingencies not yet decided."""
        drive = self.control.drive
        source, shown = drive.source, drive.shown
        out = []
        for index in range(len(source.script.injects)):
            contingency = index in drive.pending
            if contingency and index in drive.decided and index not in drive.fired:
                continue
            at = drive.moved.get(index, source.inject_times[index])
            if shown is not None and at <= shown:
                continue
            holds = None
            if contingency and index not in drive.fired:
                holds = fires_now(drive.current, index, drive.fired, drive.declared, drive.ticks, self.roles)
            out.append(Pending(source.inject_number(index), at, source.inject_roles[index] if source.inject_roles
                               else (), contingency, holds))  # fmt: skip
        return sorted(out, key=lambda p: (p.at, p.number))

    def decided(self) -> list[Decided]:
        drive = self.control.drive
        source = drive.source
        return [Decided(source.inject_number(i), source.inject_times[i], i in drive.fired)
                for i in sorted(drive.decided, key=lambda i: source.inject_times[i])]  # fmt: skip

    def result(self, trainee: str, recorded_at: datetime | None = None) -> DrillResult:
        """The exercise so far, marked as a drill (the after-action report's input)."""
        self._declare(self.state())
        return result_of(self.control.drive.current, self.control.marks, trainee, self.scoring,
                         ticks=self.control.drive.ticks, recorded_at=recorded_at, roles=self.roles)  # fmt: skip

"""The exercise controller in a terminal (``firedrill drill SCRIPT --controller``): the controller
steers the exercise clock (pause, resume, speed, jump) and sends injects now, while the players at
the table answer the prompts as they arrive; the board shows each role's declarations beside what
the plan demands at the clock, live.

The exercise clock runs on the injected ``clock`` (seconds, e.g. ``time.monotonic``) times the
speed while running; it halts while a prompt is answered, as in the terminal drill. Commands:
``p`` pause, ``r`` resume, ``x N`` speed N, ``+MM`` jump MM minutes (``+H:MM`` also), ``send N``
send inject N now, Enter show the board, ``q`` end the drill (the report is written as for a drill).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from typing import Protocol

from firedrill.errors import InputError
from firedrill.journal import MAX_EXERCISE_RATE
from firedrill.procedure import ProcedureSettings
from firedrill.replay.drill import DrillResult, Mark, procedure_settings, result_of, times_for
from firedrill.replay.drive import Drive
from firedrill.replay.engine import Replay
from firedrill.replay.interactive import Ask, Say, Session, answer_prompt, show_entry
from firedrill.replay.render import decision_text
from firedrill.replay.scoring import load_scoring
from firedrill.replay.timespec import parse_duration
from firedrill.replay.words import level_name, w


class ControlClock(Protocol):
    """What the controller steers: this process's ``ExerciseClock``, or a live exercise's journaled one."""

    @property
    def running(self) -> bool: ...

    @property
    def speed(self) -> float: ...

    def now(self) -> datetime: ...

    def pause(self) -> None: ...

    def resume(self) -> None: ...

    def set_speed(self, speed: float) -> None: ...

    def jump(self, delta: timedelta) -> None: ...


def check_speed(speed: float) -> None:
    if not 0 < speed <= MAX_EXERCISE_RATE:
        raise InputError(f"the speed is a number above 0 and at most {MAX_EXERCISE_RATE:g}", field="speed")


class ExerciseClock:
    """Exercise time from a wall clock: anchored at each change of speed or run state."""

    def __init__(self, start: datetime, clock: Callable[[], float]) -> None:
        self.clock, self.anchor, self.read_at = clock, start, clock()
        self.speed, self.running = 1.0, False

    def now(self) -> datetime:
        if not self.running:
            return self.anchor
        return self.anchor + timedelta(seconds=(self.clock() - self.read_at) * self.speed)

    def _reanchor(self) -> None:
        self.anchor, self.read_at = self.now(), self.clock()

    def pause(self) -> None:
        self._reanchor()
        self.running = False

    def resume(self) -> None:
        self._reanchor()
        self.running = True

    def set_speed(self, speed: float) -> None:
        check_speed(speed)
        self._reanchor()
        self.speed = speed

    def jump(self, delta: timedelta) -> None:
        self._reanchor()
        self.anchor += delta


class Controller:
    def __init__(self, replay: Replay, roles: Sequence[str], clock: Callable[[], float],
                 exercise_clock: ControlClock | None = None) -> None:  # fmt: skip
        self.drive = Drive(replay, roles)
        self.clock: ControlClock = exercise_clock or ExerciseClock(replay.start, clock)
        self.marks: list[Mark] = []

    def command(self, text: str) -> bool:
        """Apply one command; False when the controller ends the drill."""
        raw = text.strip()
        if raw == "q":
            return False
        if raw == "p":
            self.clock.pause()
        elif raw == "r":
            self.clock.resume()
        elif raw.startswith("x "):
            try:
                speed = float(raw[2:])
            except ValueError:
                raise InputError(f"not a speed: {raw[2:]!r}", field="speed") from None
            self.clock.set_speed(speed)  # out of bounds: refused with the bounds
        elif raw.startswith("+"):
            text = raw[1:] if ":" in raw else f"0:{int(raw[1:]):02d}" if raw[1:].isdigit() else raw[1:]
            try:
                self.clock.jump(parse_duration(text))
            except ValueError:
                raise InputError(f"not a time to jump: {raw!r} (e.g. +5, +1:30)", field="jump") from None
        elif raw.startswith("send "):
            number = raw[5:].strip()
            if not number.isdigit():
                raise InputError(f"not an inject number: {number!r}", field="send")
            self.drive.send_now(int(number), self.clock.now())
        elif raw:
            raise InputError(f"unknown command {raw!r} (p, r, x N, +MM, send N, q)", field="command")
        return True

    def board(self, lang: str) -> list[str]:
        """The clock, the next inject, and per role the last declaration beside the plan's demand now."""
        replay = self.drive.current
        now = min(max(self.clock.now(), replay.start), replay.end)
        state = w("word", "running" if self.clock.running else "paused", lang)
        lines = [f"== {now.strftime('%Y-%m-%d %H:%M:%S')} ({replay.loaded.offset(now)}) · {state} · "
                 f"{w('word', 'speed', lang)} {self.clock.speed:g}×"]  # fmt: skip
        upcoming = self.drive.upcoming()
        if upcoming is not None:
            numbers = ", ".join(f"#{i.number}" for i in upcoming.injects) or "-"
            lines.append(f"   {w('word', 'next', lang)} {upcoming.offset} {numbers}")
        demand = replay.state_at(now).decision
        lines.append(f"   {w('word', 'plan_demands', lang)}: {decision_text(demand, lang)}")
        for role, mark in self.last_by_role().items():
            name = replay.loaded.role_name(role, lang) if role else w("word", "all_roles", lang)
            said = "-" if mark.declared is None else level_name(mark.declared.level.value, lang)
            lines.append(f"   {name}: #{mark.number} {said} / {level_name(mark.required.level.value, lang)}"
                         f" · {mark.grade.value}")  # fmt: skip
        return lines

    def last_by_role(self) -> dict[str, Mark]:
        last: dict[str, Mark] = {}
        for m in self.marks:
            for role in self._roles_of(m.number) or ("",):
                last[role] = m
        return last

    def _roles_of(self, number: int) -> tuple[str, ...]:
        loaded = self.drive.current.loaded
        return next((loaded.inject_roles[i] for i in range(len(loaded.script.injects))
                     if loaded.inject_number(i) == number and loaded.inject_roles), ())  # fmt: skip


def run_controller(
    replay: Replay, trainee: str, ask: Ask, say: Say, clock: Callable[[], float], lang: str = "zh",
    settings: ProcedureSettings | None = None, *, roles: Sequence[str] = (), recorded_at: datetime | None = None,
) -> DrillResult:  # fmt: skip
    """The controller's loop: a command, then every entry the exercise clock has reached, each
    prompt answered by the players; the board after each command."""
    scoring = load_scoring()
    times = times_for(replay, scoring)
    targets = procedure_settings(replay, settings)
    control = Controller(replay, roles, clock)
    session = Session(replay, ask, say, lang, targets)
    control.drive.ticks = session.ticks
    try:
        while True:
            say("\n".join(control.board(lang)))
            try:
                if not control.command(ask(f"{w('word', 'control', lang)}> ")):
                    break
            except InputError as exc:
                say(f"? {exc.one_line()}")
                continue
            reached, was_running = control.clock.now(), control.clock.running
            control.clock.pause()  # the exercise clock halts while the players answer
            while (entry := control.drive.upcoming()) is not None and entry.at <= reached:
                control.drive.advance()
                session.replay = control.drive.current
                show_entry(entry, lang, say)
                for prompt in control.drive.prompts_at(entry.at):
                    control.marks.append(answer_prompt(prompt, None, session, control.drive, clock, times))
            if was_running:
                control.clock.resume()
            if control.drive.upcoming() is None:
                break
    except (KeyboardInterrupt, EOFError):
        say("")
        if session.stopped_mark is not None:
            control.marks.append(session.stopped_mark)
    return result_of(control.drive.current, control.marks, trainee, scoring, ticks=session.ticks, settings=targets,
                     recorded_at=recorded_at, roles=roles)  # fmt: skip

"""Read a scenario script: YAML → validated Script → times resolved and checked against the plan data.

Every problem is one InputError naming the file, the line and the field: unknown keys, wrong
types, times out of order, a playbook id not in the library, an unknown combat phase.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from pydantic import ValidationError

from firedrill.errors import InputError
from firedrill.models import Incident
from firedrill.playbook.loader import Library, load_library
from firedrill.playbook.phases import load_combat_phases
from firedrill.playbook.schema import Playbook
from firedrill.procedure.loader import load_catalogue
from firedrill.replay.schema import Inject, Script
from firedrill.replay.timespec import format_offset
from firedrill.replay.yamlload import PathKey, line_of, load_yaml
from firedrill.yamlio import describe_validation_error


@dataclass(frozen=True, eq=False)
class LoadedScript:
    """A script with every time resolved to a local date-time; what the replay engine reads."""

    script: Script
    file: str
    lines: dict[PathKey, int]
    playbook: Playbook
    initial: Incident
    ignition: datetime
    end: datetime
    inject_times: tuple[datetime, ...]
    call_times: tuple[tuple[datetime, ...], ...]  # per inject
    expect_times: tuple[datetime, ...]

    @property
    def start(self) -> datetime:
        return self.script.start

    def offset(self, at: datetime) -> str:
        return format_offset(at - self.start)

    def line(self, *path: str | int) -> int | None:
        return line_of(self.lines, *path)

    def inject_number(self, index: int) -> int:
        """An inject's number: its MSEL ``seq`` when given, else its 1-based position."""
        seq = self.script.injects[index].seq
        return seq if seq is not None else index + 1


class _Checker:
    def __init__(self, file: str, lines: dict[PathKey, int]) -> None:
        self.file, self.lines = file, lines

    def fail(self, message: str, *path: str | int) -> InputError:
        field = ".".join(str(p) for p in path)
        return InputError(message, field=field or None, file=self.file, line=line_of(self.lines, *path))


def _spread(inject: Inject, at: datetime) -> tuple[datetime, ...]:
    calls = inject.calls
    if calls is None or calls.count is None:
        return ()
    if calls.over is None:
        return (at,) * calls.count
    seconds = int(calls.over.total_seconds())
    # Evenly over [at, at + over), in whole seconds so that times print and round-trip exactly.
    return tuple(at + timedelta(seconds=seconds * i // calls.count) for i in range(calls.count))


def _initial(script: Script, playbook: Playbook, check: _Checker) -> Incident:
    given = script.incident.model_dump(exclude_unset=True)
    if given.get("scenario") not in (None, playbook.id):
        raise check.fail(f"scenario '{given['scenario']}' differs from the script's playbook '{playbook.id}'",
                         "incident", "scenario")  # fmt: skip
    data = {**given, "scenario": playbook.id}
    data.setdefault("reported_at", script.start)
    if data.get("site_category") is None:
        data["site_category"] = playbook.site_category
    try:
        return Incident.model_validate(data)
    except ValidationError as exc:
        problem = describe_validation_error(exc)
        raise check.fail(problem.message, "incident", *(problem.field or "").split(".")) from None


def _ordered(times: Sequence[datetime], start: datetime, key: str, check: _Checker) -> None:
    previous: datetime | None = None
    for index, at in enumerate(times):
        if at < start:
            raise check.fail(f"{format_offset(at - start)} is before the start of the script", key, index, "at")
        if previous is not None and at < previous:
            raise check.fail(
                f"out of order: {format_offset(at - start)} comes before the time above it "
                f"({format_offset(previous - start)})",
                key, index, "at",
            )  # fmt: skip
        previous = at


def resolve(script: Script, file: str, lines: dict[PathKey, int], library: Library | None = None) -> LoadedScript:
    """Resolve times and check everything the schema alone cannot see."""
    check = _Checker(file, lines)
    library = library if library is not None else load_library()
    if script.playbook not in library:
        raise check.fail(f"no playbook '{script.playbook}' in the library (known: {', '.join(library.ids())})",
                         "playbook")  # fmt: skip
    playbook = library.get(script.playbook)
    start = script.start
    inject_times = tuple(i.at.resolve(start) for i in script.injects)
    _ordered(inject_times, start, "injects", check)
    expect_times = tuple(e.at.resolve(start) for e in script.expect)
    _ordered(expect_times, start, "expect", check)

    phases = {p.id for p in load_combat_phases().phases}
    catalogue = load_catalogue()
    for index, expectation in enumerate(script.expect):
        for step in expectation.procedure or {}:
            if catalogue.step(step) is None:
                raise check.fail(f"unknown procedure step '{step}' (see 'firedrill procedure steps')",
                                 "expect", index, "procedure", step)  # fmt: skip
    numbers: dict[int, int] = {}
    call_times = []
    for index, (inject, at) in enumerate(zip(script.injects, inject_times, strict=True)):
        if inject.phase is not None and inject.phase not in phases:
            raise check.fail(f"unknown combat phase '{inject.phase}' (clause 4.5: {', '.join(sorted(phases))})",
                             "injects", index, "phase")  # fmt: skip
        for position, procedure_mark in enumerate(inject.procedure):
            if catalogue.step(procedure_mark.step) is None:
                raise check.fail(f"unknown procedure step '{procedure_mark.step}' (see 'firedrill procedure steps')",
                                 "injects", index, "procedure", position, "step")  # fmt: skip
        number = inject.seq if inject.seq is not None else index + 1
        if number in numbers:
            raise check.fail(f"inject number {number} is used twice (also inject {numbers[number] + 1})",
                             "injects", index, "seq")  # fmt: skip
        numbers[number] = index
        times = _spread(inject, at)
        if inject.calls is not None and inject.calls.at is not None:
            times = tuple(sorted(w.resolve(start) for w in inject.calls.at))
            if times[0] < at:
                raise check.fail("a call time is before its inject; move the call to an earlier inject",
                                 "injects", index, "calls", "at")  # fmt: skip
        call_times.append(times)

    ignition = script.ignition.resolve(start) if script.ignition is not None else start
    last = max((start, *inject_times, *expect_times, *(t for ts in call_times for t in ts)))
    end = script.end.resolve(start) if script.end is not None else last
    if end < last:
        raise check.fail(f"the script ends at {format_offset(end - start)}, before its last time "
                         f"({format_offset(last - start)})", "end")  # fmt: skip
    if ignition > end:
        raise check.fail("ignition is after the end of the script", "ignition")
    return LoadedScript(
        script=script, file=file, lines=lines, playbook=playbook, initial=_initial(script, playbook, check),
        ignition=ignition, end=end, inject_times=inject_times, call_times=tuple(call_times),
        expect_times=expect_times,
    )  # fmt: skip


def parse_script(text: str, file: str | Path, library: Library | None = None) -> LoadedScript:
    """Parse and check a script given as text; ``file`` names it in errors."""
    name = str(file)
    data, lines = load_yaml(text, name)
    if not isinstance(data, dict):
        raise InputError("expected a mapping at the top of the script", file=name, line=1)
    try:
        script = Script.model_validate(data)
    except ValidationError as exc:
        raise describe_validation_error(exc, name, lines) from None
    return resolve(script, name, lines, library)


def load_script(path: str | Path, library: Library | None = None) -> LoadedScript:
    """Read and check the script at ``path``."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read the script: {exc.strerror}", file=path) from None
    return parse_script(text, path, library)

"""Read a scenario script: YAML → validated Script → times resolved and checked against the plan data.

Every problem is one InputError naming the file, the line and the field: unknown keys, wrong
types, times out of order, a playbook id not in the library, an unknown combat phase.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from firedrill.adapters import validate
from firedrill.incident_plain import plain_incident
from firedrill.models import Incident
from firedrill.playbook.loader import Library, load_library
from firedrill.playbook.phases import load_combat_phases
from firedrill.playbook.schema import Playbook
from firedrill.procedure.loader import load_catalogue
from firedrill.replay.problems import Collector
from firedrill.replay.schema import Inject, Script
from firedrill.replay.script_roles import recipients
from firedrill.replay.states import changes_of, check_calls, fact_states, given_facts
from firedrill.replay.timespec import format_offset
from firedrill.replay.yamlload import PathKey, line_of, load_yaml
from firedrill.textfile import read_text_file


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
    inject_roles: tuple[tuple[str, ...], ...] = ()  # per inject: the role ids it goes to (none: everyone)
    rule_keys: tuple[str, ...] = ()  # the keys of ``rules:`` the script wrote (one given its default still wins)
    changes: tuple[Mapping[str, Any], ...] = ()  # per inject: the Incident fields it changes
    # The Incident of the facts after each number of injects, no call heard; given, the parser checked
    # them, every call time and their number. A copy with other injects, times or calls must leave it
    # empty (``contingency.activate`` does): the replay then builds and checks its own.
    states: tuple[Incident, ...] = ()

    @property
    def start(self) -> datetime:
        return self.script.start

    def offset(self, at: datetime) -> str:
        return format_offset(at - self.start)

    def line(self, *path: str | int) -> int | None:
        return line_of(self.lines, *path)

    def role_name(self, role_id: str, lang: str = "zh") -> str:
        role = next((r for r in self.script.roles if r.id == role_id), None)
        return role_id if role is None else role.name.in_lang(lang)

    def recipients(self, index: int, lang: str = "zh") -> str | None:
        """Who an inject goes to, as shown: the role names, else the free text of ``to``."""
        roles = self.inject_roles[index] if self.inject_roles else ()
        names = [self.role_name(r, lang) for r in roles] if roles else list(self.script.injects[index].to)
        return "、".join(names) or None

    def inject_number(self, index: int) -> int:
        """An inject's number: its MSEL ``seq`` when given, else its 1-based position."""
        seq = self.script.injects[index].seq
        return seq if seq is not None else index + 1


def _spread(inject: Inject, at: datetime) -> tuple[datetime, ...]:
    calls = inject.calls
    if calls is None or calls.count is None:
        return ()
    if calls.over is None:
        return (at,) * calls.count
    seconds = int(calls.over.total_seconds())
    # Evenly over [at, at + over), in whole seconds so that times print and round-trip exactly.
    return tuple([at + timedelta(seconds=seconds * i // calls.count) for i in range(calls.count)])


def _initial(script: Script, playbook: Playbook, check: Collector) -> Incident | None:
    given = given_facts(script.incident)
    if given.get("scenario") not in (None, playbook.id):
        check.add("scenario_differs", "incident", "scenario", scenario=given["scenario"], playbook=playbook.id)
        return None
    data = {**given, "scenario": playbook.id}
    data.setdefault("reported_at", script.start)
    if data.get("site_category") is None:
        data["site_category"] = playbook.site_category
    plain = plain_incident(data)
    if plain is not None:
        return plain
    try:
        return validate(Incident, data)
    except ValidationError as exc:
        check.pydantic(exc, data, "incident")
        return None


def _ordered(times: Sequence[datetime], start: datetime, key: str, check: Collector) -> None:
    previous: datetime | None = None
    for index, at in enumerate(times):
        if at < start:
            check.add("before_start", key, index, "at", offset=format_offset(at - start))
        elif previous is not None and at < previous:
            check.add("out_of_order", key, index, "at", offset=format_offset(at - start),
                      previous=format_offset(previous - start))  # fmt: skip
        previous = at if previous is None else max(at, previous)


def _steps_known(script: Script, check: Collector) -> None:
    catalogue = load_catalogue()
    for index, expectation in enumerate(script.expect):
        for step in expectation.procedure or {}:
            if catalogue.step(step) is None:
                check.add("unknown_step", "expect", index, "procedure", step, step=step)
    prompted = {inject.seq if inject.seq is not None else i + 1 for i, inject in enumerate(script.injects)
                if inject.prompt is not None}  # fmt: skip
    for index, inject in enumerate(script.injects):
        when = inject.when
        if when is None:
            continue
        for step in (*(when.step or {}), *(when.not_done or ())):
            if catalogue.step(step) is None:
                check.add("unknown_step", "injects", index, "when", step=step)
        if when.answer is not None and when.answer.inject not in prompted:
            check.add("no_prompt", "injects", index, "when", "answer", "inject", inject=when.answer.inject,
                      numbers=", ".join(map(str, sorted(prompted))) or "-")  # fmt: skip
    deadlines = script.drill.deadlines
    for step in deadlines.steps if deadlines is not None else {}:
        if catalogue.step(step) is None:
            check.add("unknown_step", "drill", "deadlines", "steps", step, step=step)
    for index, inject in enumerate(script.injects):
        for position, procedure_mark in enumerate(inject.procedure):
            if catalogue.step(procedure_mark.step) is None:
                check.add("unknown_step", "injects", index, "procedure", position, "step", step=procedure_mark.step)


def _call_times(script: Script, inject_times: Sequence[datetime], check: Collector) -> list[tuple[datetime, ...]]:
    phases = {p.id for p in load_combat_phases().phases}
    numbers: dict[int, int] = {}
    call_times = []
    for index, (inject, at) in enumerate(zip(script.injects, inject_times, strict=True)):
        if inject.phase is not None and inject.phase not in phases:
            check.add("unknown_phase", "injects", index, "phase", phase=inject.phase, known=", ".join(sorted(phases)))
        number = inject.seq if inject.seq is not None else index + 1
        if number in numbers:
            check.add("seq_twice", "injects", index, "seq", number=number, other=numbers[number] + 1)
        numbers.setdefault(number, index)
        times = _spread(inject, at)
        if inject.calls is not None and inject.calls.at is not None:
            times = tuple(sorted(w.resolve(script.start) for w in inject.calls.at))
            if times[0] < at:
                check.add("call_before_inject", "injects", index, "calls", "at")
        call_times.append(times)
    return call_times


def _clock(at: datetime) -> str:
    return at.strftime("%Y-%m-%d %H:%M:%S")


def _ignition_checks(script: Script, initial: Incident | None, ignition: datetime, check: Collector) -> None:
    """A fire is reported after it began: a given ignition may not be after any report time. (With no
    ignition the start stands for it, and a report time before the start is the script's to say.)"""
    if initial is None or script.ignition is None:
        return
    if ignition > initial.reported_at:
        check.add("ignition_after_report", "ignition", ignition=_clock(ignition), report=_clock(initial.reported_at))
    for index, inject in enumerate(script.injects):
        if inject.reported_at is not None and inject.reported_at < ignition:
            check.add("report_before_ignition", "injects", index, "reported_at", report=_clock(inject.reported_at),
                      ignition=_clock(ignition))  # fmt: skip


def resolve(
    script: Script, file: str, lines: Mapping[PathKey, int], library: Library | None = None,
    check: Collector | None = None, rule_keys: Sequence[str] = (),
) -> LoadedScript:  # fmt: skip
    """Resolve times and check everything the schema alone cannot see; every problem is collected
    and raised together (``FileProblems``). ``rule_keys``: the keys of ``rules:`` as written."""
    check = check or Collector(file, lines)
    library = library if library is not None else load_library()
    playbook = library.get(script.playbook) if script.playbook in library else None
    if playbook is None:
        check.add("no_playbook", "playbook", id=script.playbook, known=", ".join(library.ids()))
    start = script.start
    inject_times = tuple([i.at.resolve(start) for i in script.injects])
    _ordered(inject_times, start, "injects", check)
    expect_times = tuple([e.at.resolve(start) for e in script.expect])
    _ordered(expect_times, start, "expect", check)
    _steps_known(script, check)
    call_times = _call_times(script, inject_times, check)
    inject_roles = recipients(script, check)

    ignition = script.ignition.resolve(start) if script.ignition is not None else start
    last = max((start, *inject_times, *expect_times, *(t for ts in call_times for t in ts)))
    end = script.end.resolve(start) if script.end is not None else last
    if end < last:
        check.add("end_before_last", "end", end=format_offset(end - start), last=format_offset(last - start))
    if ignition > end:
        check.add("ignition_after_end", "ignition")
    initial = _initial(script, playbook, check) if playbook is not None else None
    _ignition_checks(script, initial, ignition, check)
    changes = tuple([changes_of(inject) for inject in script.injects])
    states: tuple[Incident, ...] = ()
    if initial is not None:
        states = fact_states(initial, script.injects, changes, check)
        check_calls(initial, call_times, check)
    check.raise_if_any()
    assert playbook is not None and initial is not None  # else a problem was raised above
    return LoadedScript(
        script=script, file=file, lines=dict(lines), playbook=playbook, initial=initial,
        ignition=ignition, end=end, inject_times=inject_times, call_times=tuple(call_times),
        expect_times=expect_times, inject_roles=inject_roles, rule_keys=tuple(rule_keys), changes=changes,
        states=states,
    )  # fmt: skip


def parse_script(text: str, file: str | Path, library: Library | None = None) -> LoadedScript:
    """Parse and check a script given as text; ``file`` names it in errors."""
    name = str(file)
    data, lines = load_yaml(text, name)
    check = Collector(name, lines, lines.flows)
    if not isinstance(data, dict):
        check.add("top_mapping")
        check.raise_if_any()
    try:
        script = Script.model_validate(data)
    except ValidationError as exc:
        check.pydantic(exc, data)
        check.raise_if_any()
    rules = data.get("rules")
    rule_keys = tuple(str(key) for key in rules) if isinstance(rules, dict) else ()
    return resolve(script, name, lines, library, check, rule_keys)


def load_script(path: str | Path, library: Library | None = None) -> LoadedScript:
    """Read and check the script at ``path``."""
    return parse_script(read_text_file(path), path, library)

"""What the procedure demands of a drill trainee by a given time, built on the procedure engine's API.

The procedure engine (firedrill/procedure) says which steps are *due now* given the ticks recorded.
A drill needs more: which steps the plan demands *by* a time, whatever the trainee has ticked, so
that a step the trainee never reached still counts. ``demanded`` is that closure: tick every due
step, evaluate again, until nothing new is due. The readings (docs/scenarios.md, "Procedure ticks"):

* the level is the plan's (the replay's assessment), never the trainee's;
* steps the plan asks for only as needed (``as_needed``) are never demanded;
* clause 5 (``requires_no_active_hazard``) is never demanded: it waits for the office to confirm
  the danger controlled, which no script fact says; clause 6 follows it through the dependencies;
* a 4.5 combat phase is demanded once the script has reported it (an inject's ``phase``), with the
  phases it depends on; the plan does not make every phase necessary;
* the script's own procedure marks are what others recorded: they count as done, for nobody's credit.

This lives in firedrill/replay because the procedure engine has no "demanded by" view; it uses only
the engine's public API (``evaluate``, ``applies``, the catalogue).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from functools import cache

from firedrill.journal import Event, EventKind, ProcedureState
from firedrill.models import Level, Trigger
from firedrill.playbook.phases import load_combat_phases
from firedrill.procedure import Catalogue, Grade, ProcedureSettings, Step, applies, evaluate, load_catalogue
from firedrill.replay.engine import Replay

DRILL_INCIDENT = "drill"


def tick_event(step: str, at: datetime, by: str | None, seq: int = 0) -> Event:
    """A procedure ``done`` event as the checklist engine reads it."""
    payload = {"step": step, "state": ProcedureState.DONE.value, "note": None}
    return Event(seq=seq, incident_id=DRILL_INCIDENT, at=at, kind=EventKind.PROCEDURE, actor=by, payload=payload)


def merged(*streams: Iterable[Event]) -> list[Event]:
    """Events of several sources in time order (earlier streams first at equal times), renumbered,
    so that the engine's "latest event wins" means the latest in time."""
    tagged = [(e.at, source, i, e) for source, events in enumerate(streams) for i, e in enumerate(events)]
    return [e.model_copy(update={"seq": n}) for n, (*_, e) in enumerate(sorted(tagged, key=lambda x: x[:3]), 1)]


@cache
def combat_steps() -> dict[str, str]:
    """Combat phase id → its checklist step id (the loader titles each phase step by the phase's name)."""
    catalogue = load_catalogue()
    return {p.id: s.id for p in load_combat_phases().phases for s in catalogue.steps if s.title == p.name}


def reported_phases(replay: Replay, until: datetime) -> set[str]:
    """The combat phases the script has reported at or before ``until``."""
    injects, times = replay.loaded.script.injects, replay.loaded.inject_times
    return {i.phase for i, at in zip(injects, times, strict=True) if i.phase is not None and at <= until}


def _with_dependencies(step_ids: set[str], catalogue: Catalogue) -> set[str]:
    found, todo = set(), list(step_ids)
    while todo:
        step_id = todo.pop()
        if step_id not in found:
            found.add(step_id)
            step = catalogue.step(step_id)
            todo += list(step.depends_on) if step else []
    return found


def _eligible(step: Step, combat: set[str], allowed_combat: set[str]) -> bool:
    if step.as_needed or step.requires_no_active_hazard:
        return False
    return step.id not in combat or step.id in allowed_combat


def demanded(
    replay: Replay, grade: Grade, at: datetime, background: Sequence[Event], settings: ProcedureSettings | None = None
) -> tuple[str, ...]:
    """The steps the procedure demands by ``at`` at ``grade`` that ``background`` has not done, in
    checklist order (dependencies first)."""
    catalogue = load_catalogue()
    combat = set(combat_steps().values())
    phases = reported_phases(replay, at)
    allowed = _with_dependencies({combat_steps()[p] for p in phases if p in combat_steps()}, catalogue)
    incident = replay.incident_at(at)
    events = list(background)
    added: list[str] = []
    while True:
        state = evaluate(grade, incident, events, at, settings=settings, catalogue=catalogue)
        new = [s.id for s in state.due() if _eligible(s.step, combat, allowed)]
        if not new:
            break
        events += [tick_event(step_id, at, None, len(events) + i + 1) for i, step_id in enumerate(new)]
        added += new
    order = {step_id: i for i, step_id in enumerate(catalogue.ids())}
    return tuple(sorted(added, key=order.__getitem__))


def recorded(events: Iterable[Event], at: datetime) -> set[str]:
    """Steps done or skipped by the events at or before ``at`` (the latest event of a step wins)."""
    state: dict[str, str] = {}
    for event in sorted((e for e in events if e.at <= at), key=lambda e: e.seq):
        state[str(event.payload["step"])] = str(event.payload["state"])
    return {step for step, value in state.items() if value != ProcedureState.UNDONE.value}


def offered(grade: Grade, done: set[str]) -> tuple[Step, ...]:
    """The steps a trainee may tick at ``grade``: every applicable step not yet recorded, in checklist order."""
    return tuple(s for s in load_catalogue().steps if applies(s, grade) and s.id not in done)


def declared_grade(level: Level, triggers: Sequence[Trigger]) -> Grade:
    """The trainee's own level as a checklist grade: escalated (4.3) when especially major with a
    trigger declared, the only way 4.3 can raise a fire."""
    return Grade(level=level, escalated=level is Level.ESPECIALLY_MAJOR and bool(triggers))

"""The response procedure (chapters 4–6) for one incident on the console: its checklist, ticks and closing.

A layer over ``firedrill.procedure``: the state of every step comes from ``evaluate`` on what the
screen shows (the last valid assessment and facts, and the journal's events); every tick, skip, undo
and step note is checked by the engine and written to the journal before the screen shows it. When
the emergency has been declared over (clause 5) and the aftermath steps (clause 6) are recorded, the
incident's journal record is closed. No Textual.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from firedrill.journal import Event, EventKind, ProcedureState
from firedrill.procedure import (
    ChecklistState,
    Grade,
    LevelChange,
    Step,
    StepState,
    evaluate,
    level_change,
    record,
    refusal,
)
from firedrill.procedure.state import ticks_from_events
from firedrill.tui.words import w

if TYPE_CHECKING:
    from firedrill.procedure import Catalogue, Refusal
    from firedrill.tui.session import Session

FINISHED = (StepState.DONE, StepState.SKIPPED, StepState.NOT_APPLICABLE)


def checklist(session: Session, now: datetime | None = None) -> ChecklistState | None:
    """The incident's checklist as the screen shows it, or None before the first valid assessment."""
    if session.assessment is None or session.incident is None:
        return None
    engine = session.engine
    return evaluate(session.assessment, session.incident, session.events, now or session.clock(),
                    settings=engine.config.procedure, catalogue=engine.catalogue)  # fmt: skip


def ending_step(catalogue: Catalogue) -> Step:
    """The step whose tick declares the emergency over (clause 5)."""
    return next(s for s in catalogue.steps if s.ends_emergency)


def after_ending(catalogue: Catalogue) -> tuple[Step, ...]:
    """The steps that follow the declaration (the aftermath of clause 6): they stay open after it."""
    later = {ending_step(catalogue).id}
    for step in catalogue.steps:
        if later.intersection(step.depends_on):
            later.add(step.id)
    return tuple(s for s in catalogue.steps if s.id in later and not s.ends_emergency)


def is_ended(events: list[Event], catalogue: Catalogue) -> bool:
    """Whether the journal holds the declaration that the emergency is over (and it was not taken back)."""
    tick = ticks_from_events(events).get(ending_step(catalogue).id)
    return tick is not None and tick.state is ProcedureState.DONE


def ready_to_close(state: ChecklistState) -> bool:
    """Declared over, and every aftermath step done, skipped or not asked for: the record is complete."""
    return state.terminated and all(state.status(s.id).state in FINISHED for s in after_ending(state.catalogue))


def refused(session: Session, step_id: str, action: ProcedureState, note: str | None) -> Refusal | None:
    """Why the engine would refuse this now (nothing is written), or None."""
    state = checklist(session)
    if state is None:
        return None
    return refusal(state, step_id, action, session.clock(), note)


def record_step(session: Session, step_id: str, action: ProcedureState, by: str | None,
                note: str | None) -> list[Event]:  # fmt: skip
    """Tick, skip or undo ``step_id`` now (the engine checks it, raising ProcedureRefused, and writes it).

    Returns the events recorded: the step's, and the closing of the record when this completes it.
    """
    engine = session.engine
    now = session.clock()
    event = record(engine.journal, session.id, step_id, action, now, by, note,
                   settings=engine.config.procedure, catalogue=engine.catalogue)  # fmt: skip
    session.events.append(event)
    session.ended = is_ended(session.events, engine.catalogue)
    state = checklist(session, now)
    if state is None or not ready_to_close(state):
        return [event]
    reason = f"{w('close_reason', 'zh')} / {w('close_reason', 'en')}"
    engine.journal.close_incident(session.id, now, reason=reason, actor=by)
    closing = engine.journal.events(session.id)[len(session.events) :]
    session.events.extend(closing)
    session.closed = True
    return [event, *closing]


def note_step(session: Session, step_id: str, text: str, by: str | None) -> Event:
    """A note on a step already recorded: a journal ``note`` event naming the step."""
    engine = session.engine
    step = engine.catalogue.step(step_id)
    payload = {"text": text.strip(), "step": step_id, "clause": step.clause if step else None}
    event = engine.journal.append(session.id, EventKind.NOTE, payload, session.clock(), by)
    session.events.append(event)
    return event


def step_notes(events: list[Event]) -> dict[str, list[str]]:
    """The notes written on each step after it was recorded, in order."""
    notes: dict[str, list[str]] = {}
    for event in events:
        if event.kind is EventKind.NOTE and event.payload.get("step"):
            notes.setdefault(str(event.payload["step"]), []).append(str(event.payload.get("text") or ""))
    return notes


def grade_of(payload: dict[str, object]) -> Grade:
    """The checklist's view of a recorded assessment: its level, and whether 4.3 raised it."""
    from firedrill.models import Level

    level, base = Level(str(payload["level"])), Level(str(payload.get("base_level") or payload["level"]))
    escalated = payload.get("escalated")
    return Grade(level=level, escalated=bool(escalated) if escalated is not None else level is not base)


def level_changes(events: list[Event], catalogue: Catalogue) -> dict[int, LevelChange]:
    """For each recorded assessment that changes what the checklist asks for: the steps added and removed."""
    changes: dict[int, LevelChange] = {}
    previous: Grade | None = None
    for event in events:
        if event.kind is not EventKind.ASSESSMENT:
            continue
        grade = grade_of(event.payload)
        if previous is not None and grade != previous:
            change = level_change(previous, grade, catalogue)
            if change.added or change.removed:
                changes[event.seq] = change
        previous = grade
    return changes


def actor_name(catalogue: Catalogue, step: Step) -> str:
    """Who the plan says does the step, in the plan's words: what a quick tick records as done by."""
    return catalogue.actor(step).zh

"""The response procedure (chapters 4–6) for one incident on the console: its checklist, ticks and closing.

A layer over the incident core: the state of every step comes from the desk's checklist of the
recorded incident; every tick, skip, undo and step note goes through the desk, which checks it,
records it before the screen shows it, and closes the record once the emergency is declared over
(clause 5) and the aftermath steps (clause 6) are recorded. No Textual.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from firedrill.journal import Event, EventKind, ProcedureState
from firedrill.procedure import ChecklistState, Grade, LevelChange, Step, ending_step, level_change, refusal
from firedrill.procedure.state import ticks_from_events

if TYPE_CHECKING:
    from firedrill.procedure import Catalogue, Refusal
    from firedrill.tui.session import Session



def checklist(session: Session, now: datetime | None = None) -> ChecklistState | None:
    """The incident's checklist as recorded (the level the journal holds), or None before a valid assessment."""
    return session.desk.checklist(session.state, now or session.clock())


def is_ended(events: list[Event], catalogue: Catalogue) -> bool:
    """Whether these events hold the declaration that the emergency is over (and it was not taken back)."""
    tick = ticks_from_events(events).get(ending_step(catalogue).id)
    return tick is not None and tick.state is ProcedureState.DONE


def refused(session: Session, step_id: str, action: ProcedureState, note: str | None) -> Refusal | None:
    """Why the engine would refuse this now (nothing is written), or None."""
    state = checklist(session)
    if state is None:
        return None
    return refusal(state, step_id, action, session.clock(), note)


def record_step(session: Session, step_id: str, action: ProcedureState, by: str | None,
                note: str | None) -> list[Event]:  # fmt: skip
    """Tick, skip or undo ``step_id`` now through the incident core (ProcedureRefused when it may not).

    Returns the events recorded: the step's, and the closing of the record when this completes it.
    """
    return session.took(session.writable_desk().step(session.id, step_id, action, session.clock(), by, note,
                                          expected_version=session.state.version))  # fmt: skip


def note_step(session: Session, step_id: str, text: str, by: str | None) -> Event:
    """A note on a step already recorded: a journal ``note`` event naming the step."""
    return session.took(session.writable_desk().note(session.id, text, step_id, session.clock(), by))[0]


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

"""The response procedure (chapters 4–6) for one incident on the console: its checklist, ticks and closing.

A layer over the incident core: the state of every step comes from the desk's checklist of the
recorded incident; every tick, skip, undo and step note goes through the desk, which checks it,
records it before the screen shows it, and closes the record once the emergency is declared over
(clause 5) and the aftermath steps (clause 6) are recorded. No Textual.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from firedrill.incident.state import RecordedLevel
from firedrill.journal import Event, ProcedureState
from firedrill.procedure import ChecklistState, Grade, LevelChange, Step, level_change, refusal

if TYPE_CHECKING:
    from firedrill.procedure import Catalogue, Refusal
    from firedrill.tui.session import Session



def checklist(session: Session, now: datetime | None = None) -> ChecklistState | None:
    """The incident's checklist as recorded (the level the journal holds), or None before a valid assessment."""
    return session.desk.checklist(session.state, now or session.clock())


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


def level_changes(levels: Sequence[RecordedLevel], catalogue: Catalogue) -> dict[int, LevelChange]:
    """For each recorded level that changes what the checklist asks for: the steps added and removed."""
    changes: dict[int, LevelChange] = {}
    previous: Grade | None = None
    for recorded in levels:
        grade = Grade(level=recorded.level, escalated=recorded.escalated)
        if previous is not None and grade != previous:
            change = level_change(previous, grade, catalogue)
            if change.added or change.removed:
                changes[recorded.seq] = change
        previous = grade
    return changes


def actor_name(catalogue: Catalogue, step: Step) -> str:
    """Who the plan says does the step, in the plan's words: what a quick tick records as done by."""
    return catalogue.actor(step).zh

"""The after-action view of a checklist, and the check a replay or drill script makes against it.

``timeline`` lists each done or skipped step with the time elapsed since the fire was reported;
``outstanding`` lists what the plan asked for and nobody did; ``check_expectation`` answers
"by +00:15 the city government has been notified" with a result a script can assert on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from firedrill.models import Text
from firedrill.procedure.state import ChecklistState, StepState, StepStatus
from firedrill.timeutil import format_elapsed, to_local


def elapsed_text(elapsed: timedelta) -> str:
    """``+HH:MM:SS`` like the journal export; ``-HH:MM:SS`` before the report time."""
    seconds = int(elapsed.total_seconds())
    text = format_elapsed(abs(seconds))
    return text if seconds >= 0 else "-" + text[1:]


@dataclass(frozen=True)
class TimelineEntry:
    step: str
    clause: str
    title: Text
    actor: Text  # who the plan (or our reading) says does it
    by: str | None  # who ticked it, as recorded
    at: datetime
    elapsed: timedelta  # since the report time
    state: StepState  # done or skipped
    note: str | None
    deadline: datetime | None  # local time target, if one is set
    late: bool

    @property
    def elapsed_text(self) -> str:
        return elapsed_text(self.elapsed)


def timeline(state: ChecklistState) -> tuple[TimelineEntry, ...]:
    """Done and skipped steps in time order (checklist order for equal times)."""
    entries = []
    for status in state.statuses:
        if status.tick is None:
            continue
        entries.append(
            TimelineEntry(
                step=status.id,
                clause=status.step.clause,
                title=status.step.title,
                actor=state.catalogue.actor(status.step),
                by=status.tick.by,
                at=status.tick.at,
                elapsed=status.tick.at - state.reported_at,
                state=status.state,
                note=status.tick.note,
                deadline=status.deadline,
                late=status.late,
            )
        )
    order = {s.id: i for i, s in enumerate(state.statuses)}
    return tuple(sorted(entries, key=lambda e: (e.at, order[e.step])))


def outstanding(state: ChecklistState) -> tuple[StepStatus, ...]:
    """Applicable steps neither done nor skipped, leaving out those the plan asks for only when needed."""
    open_states = (StepState.DUE, StepState.OVERDUE, StepState.WAITING)
    return tuple(s for s in state.in_state(*open_states) if not s.step.as_needed)


@dataclass(frozen=True)
class Expectation:
    """Whether ``step`` was done by ``deadline``. ``bool(result)`` is ``met``."""

    step: str
    deadline: datetime
    met: bool
    pending: bool  # not done, and the state is as of a time before the deadline: not yet decided
    done_at: datetime | None
    elapsed: timedelta | None  # report time to done
    reason: str

    def __bool__(self) -> bool:
        return self.met


def check_expectation(state: ChecklistState, step_id: str, by: timedelta | datetime) -> Expectation:
    """Was ``step_id`` done by ``by`` (an offset from the report time, or a time)?

    Evaluate ``state`` at or after the deadline to judge it; before, an undone step is ``pending``.
    An unknown step id is an InputError.
    """
    status = state.status(step_id)
    deadline = state.reported_at + by if isinstance(by, timedelta) else to_local(by)
    limit = elapsed_text(deadline - state.reported_at)
    tick = status.tick
    if status.state is StepState.DONE and tick is not None:
        met = tick.at <= deadline
        when = elapsed_text(tick.at - state.reported_at)
        reason = f"done at {when}" + ("" if met else f", after {limit}")
        return Expectation(step_id, deadline, met, False, tick.at, tick.at - state.reported_at, reason)
    if status.state is StepState.SKIPPED:
        reason = f"skipped: {tick.note}" if tick is not None and tick.note else "skipped"
    elif status.state is StepState.NOT_APPLICABLE:
        reason = f"not asked for at level {state.grade.level.value}"
    else:
        reason = f"not done by {limit}"
    pending = status.state not in (StepState.SKIPPED, StepState.NOT_APPLICABLE) and state.now < deadline
    if pending:
        reason = f"not done yet (state as of {elapsed_text(state.now - state.reported_at)}, deadline {limit})"
    return Expectation(step_id, deadline, False, pending, None, None, reason)

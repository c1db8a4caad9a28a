"""The procedure's part of an incident's after-action record (``firedrill journal export``).

The journal exports events as they were written; this adds the checklist rebuilt from them, as of
the incident's close (or its last event while open), so that the record reads the same whenever
it is exported: the steps done with their clock time and the time since the report, then those
not done, then those the level did not call for — by clause and title, never by step id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from firedrill.incident.export_values import moment
from firedrill.journal import Journal
from firedrill.journal.labels import render
from firedrill.procedure.labels import labels
from firedrill.procedure.report import state_data
from firedrill.procedure.state import ChecklistState, StepState


@dataclass(frozen=True)
class StepRow:
    """One step as the record shows it."""

    clause: str
    title: str
    state: str
    when: str | None  # the tick's clock time (and time since the report), for steps done or skipped
    by: str | None
    late: bool


@dataclass(frozen=True)
class Checklist:
    done: tuple[StepRow, ...]  # done or skipped, in the order they were recorded
    open: tuple[StepRow, ...]  # applicable and not done, in checklist order
    not_applicable: tuple[str, ...]


def _as_of(journal: Journal, incident_id: str) -> datetime:
    incident = journal.incident(incident_id)
    if incident.closed_at is not None:
        return incident.closed_at
    events = journal.events(incident_id)
    return events[-1].at if events else incident.opened_at


def _state(journal: Journal, incident_id: str) -> ChecklistState | None:
    """The checklist, or None when the record holds too little to grade (no report time yet)."""
    from firedrill.incident.desk import Desk

    desk = Desk(journal)
    return desk.checklist(desk.load(incident_id), _as_of(journal, incident_id))


def checklist(journal: Journal, incident_id: str, lang: str) -> Checklist | None:
    """The checklist's rows in ``lang``, or None when there is no level to grade it by."""
    state = _state(journal, incident_id)
    if state is None:
        return None
    words = labels()

    def row(status: Any) -> StepRow:
        tick = status.tick
        return StepRow(status.step.clause, render(status.step.title, lang), render(words.states[status.state], lang),
                       moment(tick.at, state.reported_at) if tick else None, tick.by if tick else None,
                       status.late)  # fmt: skip

    ticked = sorted((s for s in state.statuses if s.tick is not None), key=lambda s: s.tick.seq if s.tick else 0)
    open_steps = [s for s in state.statuses if s.applicable and s.state not in (StepState.DONE, StepState.SKIPPED)]
    skipped = [f"{s.step.clause} {render(s.step.title, lang)}" for s in state.statuses if not s.applicable]
    return Checklist(tuple(row(s) for s in ticked), tuple(row(s) for s in open_steps), tuple(skipped))


def procedure_markdown(journal: Journal, incident_id: str, lang: str) -> str:
    """A Markdown section: the steps done (clock time, time since the report), then those not done."""
    from firedrill.journal.labels import labels as record_labels

    names = record_labels()

    def h(key: str) -> str:
        return names.heading(key, lang)

    heading = render(labels().headings["checklist"], lang)
    rows = checklist(journal, incident_id, lang)
    if rows is None:
        return f"\n## {heading}\n\n{h('none')}\n"
    lines = ["", f"## {heading}", "", f"### {h('steps_done')}", ""]
    if rows.done:
        columns = (h("at"), h("clause"), h("step"), h("state"), h("by"))
        lines += ["| " + " | ".join(columns) + " |", "|" + " --- |" * len(columns)]
        for r in rows.done:
            late = f" ({h('late')})" if r.late else ""
            lines.append(f"| {r.when}{late} | {r.clause} | {_cell(r.title)} | {r.state} | {_cell(r.by or '')} |")
    else:
        lines.append(h("none"))
    lines += ["", f"### {h('steps_open')}", ""]
    lines += [f"- {r.clause} {r.title} · {r.state}" for r in rows.open] or [h("none")]
    if rows.not_applicable:
        lines += ["", f"{h('not_applicable')}: " + "; ".join(rows.not_applicable)]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", "<br>")


def procedure_data(journal: Journal, incident_id: str) -> dict[str, Any] | None:
    """The checklist as JSON data (the shape of ``firedrill procedure status --json``), or None."""
    state = _state(journal, incident_id)
    return None if state is None else state_data(state, incident_id)

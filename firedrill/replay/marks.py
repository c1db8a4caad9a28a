"""A script's own procedure marks as the journal events the checklist engine reads, each gated as
the console gates a tick (``firedrill.procedure.refusal``: the plan's level at the mark, the
dependencies, a reason for a skip): every mark the console would refuse is an error naming its
line and the reason, so a script cannot count as done what the console would not record."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from firedrill.journal import Event, EventKind
from firedrill.models import Assessment, Incident
from firedrill.procedure import refusal
from firedrill.procedure.state import Grade, evaluate
from firedrill.replay.parser import LoadedScript
from firedrill.replay.problems import Collector
from firedrill.replay.words import label


def gated_marks(
    loaded: LoadedScript, assess_at: Callable[[datetime], Assessment], incident_at: Callable[[datetime], Incident]
) -> list[Event]:
    events: list[Event] = []
    check = Collector(loaded.file, loaded.lines)
    for index, (inject, at) in enumerate(zip(loaded.script.injects, loaded.inject_times, strict=True)):
        if not inject.procedure:
            continue
        grade, incident = Grade.of(assess_at(at)), incident_at(at)
        for position, mark in enumerate(inject.procedure):
            state = evaluate(grade, incident, events, at)
            problem = refusal(state, mark.step, mark.state, at, mark.note)
            if problem is not None:
                check.add("mark_refused", "injects", index, "procedure", position, step=mark.step,
                          refused=problem.code.value, reason=label("refusal", problem.code.value))  # fmt: skip
                continue
            events.append(Event(
                seq=len(events) + 1, incident_id=loaded.script.id, at=at, kind=EventKind.PROCEDURE,
                actor=mark.by, payload={"step": mark.step, "state": mark.state.value, "note": mark.note},
            ))  # fmt: skip
    check.raise_if_any()
    return events

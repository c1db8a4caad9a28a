"""``assess``: an Incident in, the Assessment of the plan out, every part citing its clause."""

from __future__ import annotations

from datetime import datetime
from functools import cache

from firedrill.models import (
    Activation,
    Assessment,
    DispatchScale,
    Incident,
    Level,
    LinkedUnit,
    Source,
    TaskGroup,
    Text,
)
from firedrill.rules.escalation import calendar_warnings, find_triggers, trigger_reasons
from firedrill.rules.grading import deciding_readings, grade
from firedrill.rules.loader import Rulebook, load_rulebook
from firedrill.rules.response import (
    activation_for,
    dispatch_for,
    linked_units_for,
    silence_note,
    task_groups_for,
)
from firedrill.rulesconfig import RulesConfig
from firedrill.timeutil import to_local

DEFAULT_CONFIG = RulesConfig()


def assess(
    incident: Incident,
    at: datetime | None = None,
    config: RulesConfig | None = None,
    rulebook: Rulebook | None = None,
) -> Assessment:
    """Grade ``incident`` as of ``at`` under the plan's rules.

    Without ``at``, the moment assessed is the last thing known of the fire: its report or its latest
    call, whichever is later. Calls after ``at`` are not yet known at it and are left out.
    """
    rulebook = rulebook or load_rulebook()
    config = config or DEFAULT_CONFIG
    if at is not None:
        when = to_local(at)
    else:
        when = max(incident.reported_at, incident.calls[-1]) if incident.calls else incident.reported_at
    escalation = rulebook.escalation

    base_level, reasons = grade(incident, rulebook.grading)
    found = find_triggers(incident, when, escalation, rulebook.wind, config)
    escalated = base_level is escalation.applies_to and bool(found)
    level = escalation.raises_to if escalated else base_level

    source, level_note, activation, dispatch, groups, linked = _level_parts(level, bool(found) and not escalated,
                                                                          rulebook)  # fmt: skip
    return Assessment(
        plan=rulebook.plan,
        assessed_at=when,
        level=level,
        base_level=base_level,
        escalated=escalated,
        triggers=tuple([f.trigger for f in found]),
        reasons=(*reasons, *trigger_reasons(found, escalation, applied=escalated)) if found else tuple(reasons),
        level_source=source,
        level_note=level_note,
        activation=activation,
        dispatch=dispatch,
        task_groups=groups,
        linked_units=linked,
        warnings=calendar_warnings(incident, when, config),
        accident_grade=base_level,
        response_level=level,
        readings=deciding_readings(base_level, reasons),
    )


LevelParts = tuple[Source, Text | None, Activation, DispatchScale, tuple[TaskGroup, ...], tuple[LinkedUnit, ...]]


@cache
def _level_parts(level: Level, not_applied: bool, rulebook: Rulebook) -> LevelParts:
    """What follows from the response level alone (and whether a trigger held unapplied): built once."""
    source = Source.NATIONAL_STANDARD if level.rank < Level.MAJOR.rank else Source.PLAN
    notes = []
    if source is Source.NATIONAL_STANDARD:
        notes.append(rulebook.grading.national_standard.note)
    if not_applied:
        notes.append(rulebook.response.notes["escalation_not_applied"])
    extra = silence_note(level, rulebook)
    if extra is not None:
        notes.append(extra)
    level_note = Text(zh=" ".join(n.zh for n in notes), en=" ".join(n.en for n in notes)) if notes else None
    return (source, level_note, activation_for(level, rulebook), dispatch_for(level, rulebook),
            task_groups_for(level, rulebook), linked_units_for(level, rulebook))  # fmt: skip

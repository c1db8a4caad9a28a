"""What a level demands: activation (4.2), dispatch scale (4.4.2), task groups (2.4), linked units (4.4.3).

Each depends only on the level and the rulebook, so each is built once per pair and reused.
"""

from __future__ import annotations

from functools import cache

from firedrill.models import (
    Activation,
    DispatchPrinciple,
    DispatchScale,
    GroupMember,
    Level,
    LinkedUnit,
    TaskGroup,
    Text,
)
from firedrill.rules.loader import Rulebook


@cache
def activation_for(level: Level, rulebook: Rulebook) -> Activation:
    rules = rulebook.response.activation
    entry = rules.levels[level]
    if not entry.set_by_plan:
        return Activation(
            clause=rules.clause, set_by_plan=False, goes_to_scene=None, reports=(), notifications=(),
            quote="", note=entry.note,
        )
    return Activation(
        clause=rules.clause,
        set_by_plan=True,
        goes_to_scene=entry.goes_to_scene,
        reports=tuple(r.text for r in rules.reports),
        notifications=tuple(n.text for n in rules.notifications),
        quote=entry.quote,
        note=entry.note,
    )


@cache
def dispatch_for(level: Level, rulebook: Rulebook) -> DispatchScale:
    rules = rulebook.response.dispatch
    entry = rules.levels[level]
    principles = rulebook.response.principles
    return DispatchScale(
        clause="4.4.2",
        level=level,
        set_by_plan=entry.set_by_plan,
        stations=entry.stations,
        formations=entry.formations,
        engines=entry.engines,
        special_units=entry.special_units,
        leaders_respond=entry.leaders_respond,
        other_actions=entry.other_actions,
        quote=entry.quote,
        note=entry.note,
        stations_include=rules.stations_include.text if entry.stations is not None else None,
        clause_text=rules.clause_text,
        as_written=tuple(w.note for w in rules.as_written) if entry.leaders_respond else (),
        principles=tuple(
            DispatchPrinciple(id=p.id, clause=p.clause, title=p.title, quote=p.quote) for p in principles.items
        ),
    )


def field_organisation_applies(level: Level, rulebook: Rulebook) -> bool:
    """The headquarters, its field headquarters and groups act for major fires and above (2.1, 4.4.3)."""
    return level.rank >= rulebook.response.linked_units.applies_from.rank


@cache
def task_groups_for(level: Level, rulebook: Rulebook) -> tuple[TaskGroup, ...]:
    if not field_organisation_applies(level, rulebook):
        return ()
    return tuple(
        TaskGroup(
            id=group.id,
            name=group.name,
            clause=group.clause,
            members=tuple(GroupMember(unit=m.unit, duty=m.duty) for m in group.members),
            quote=group.quote,
        )
        for group in rulebook.organisation.groups
    )


@cache
def linked_units_for(level: Level, rulebook: Rulebook) -> tuple[LinkedUnit, ...]:
    rules = rulebook.response.linked_units
    if not field_organisation_applies(level, rulebook):
        return ()
    return tuple(LinkedUnit(id=u.id, name=u.name, clause=rules.clause, quote=u.quote) for u in rules.units)


def silence_note(level: Level, rulebook: Rulebook) -> Text | None:
    """Why task groups and linked units are empty below major."""
    if field_organisation_applies(level, rulebook):
        return None
    return rulebook.response.notes["field_organisation"]

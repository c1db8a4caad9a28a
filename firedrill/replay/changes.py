"""The difference between two moments of a replay, as timeline Changes citing their clauses."""

from __future__ import annotations

from functools import cache

from firedrill.models import Text
from firedrill.playbook.phases import combat_sequence, load_combat_phases
from firedrill.playbook.schema import Playbook
from firedrill.procedure.state import Grade, level_change
from firedrill.replay.timeline import Change, ChangeKind, Decision, Scale
from firedrill.replay.words import span
from firedrill.rules.loader import Rulebook

DISPATCH_CLAUSE = "4.4.2"


def scale_text(scale: Scale) -> str:
    """``6—9/11—20/21—40`` (stations/formations/engines), or ``-`` where the plan sets none."""
    if not scale.set_by_plan:
        return "-"
    return "/".join(span(r) for r in (scale.stations, scale.formations, scale.engines))


@cache
def _phase_cites(playbook: Playbook) -> dict[str, tuple[Text, tuple[str, ...]]]:
    """Each combat phase's name and the playbook items naming it (computed once per playbook)."""
    return {s.phase.id: (s.phase.name, tuple(e.citation for e in s.entries)) for s in combat_sequence(playbook)}


def _phase_change(before: str | None, after: str | None, playbook: Playbook) -> Change:
    found = _phase_cites(playbook).get(after or "")
    return Change(
        kind=ChangeKind.PHASE, before=before, after=after, clause=load_combat_phases().clause,
        detail=None if found is None else found[0], cites=() if found is None else found[1],
    )  # fmt: skip


def diff(
    previous: tuple[Decision, str | None], current: tuple[Decision, str | None], rulebook: Rulebook, playbook: Playbook
) -> tuple[Change, ...]:
    """Every change from ``previous`` to ``current`` (decision and combat phase)."""
    (old, old_phase), (new, new_phase) = previous, current
    escalation = rulebook.escalation
    changes: list[Change] = []
    if old.level != new.level:
        clause = "; ".join(new.level_clauses) or rulebook.grading.clause
        changes.append(Change(kind=ChangeKind.LEVEL, before=old.level.value, after=new.level.value, clause=clause))
    unescalated = old.level == old.base_level and new.level == new.base_level
    if old.base_level != new.base_level and not unescalated:
        changes.append(Change(kind=ChangeKind.BASE_LEVEL, before=old.base_level.value, after=new.base_level.value,
                              clause=rulebook.grading.clause))  # fmt: skip
    if old.escalated != new.escalated:
        after = ",".join(t.value for t in new.triggers) if new.escalated else None
        before = ",".join(t.value for t in old.triggers) if old.escalated else None
        changes.append(Change(kind=ChangeKind.ESCALATION, before=before, after=after, clause=escalation.clause))
    for trigger in new.triggers:
        if trigger not in old.triggers:
            rule = escalation.trigger(trigger)
            changes.append(Change(kind=ChangeKind.TRIGGER_ON, before=None, after=trigger.value, clause=rule.clause,
                                  detail=rule.description))  # fmt: skip
    for trigger in old.triggers:
        if trigger not in new.triggers:
            rule = escalation.trigger(trigger)
            changes.append(Change(kind=ChangeKind.TRIGGER_OFF, before=trigger.value, after=None, clause=rule.clause,
                                  detail=rule.description))  # fmt: skip
    if old.dispatch != new.dispatch:
        changes.append(Change(kind=ChangeKind.DISPATCH, before=scale_text(old.dispatch),
                              after=scale_text(new.dispatch), clause=DISPATCH_CLAUSE))  # fmt: skip
    if (old.activation_set_by_plan, old.goes_to_scene) != (new.activation_set_by_plan, new.goes_to_scene):
        activation = rulebook.response.activation
        changes.append(Change(
            kind=ChangeKind.ACTIVATION, before=None if old.goes_to_scene is None else old.goes_to_scene.zh,
            after=None if new.goes_to_scene is None else new.goes_to_scene.zh, clause=activation.clause,
            detail=new.goes_to_scene if new.goes_to_scene is not None else activation.levels[new.level].note,
        ))  # fmt: skip
    if old_phase != new_phase:
        changes.append(_phase_change(old_phase, new_phase, playbook))
    changes += _procedure_changes(old, new)
    return tuple(changes)


def _procedure_changes(old: Decision, new: Decision) -> list[Change]:
    """The checklist steps (firedrill/procedure) a change of level adds or removes."""
    before = Grade(level=old.level, escalated=old.escalated)
    after = Grade(level=new.level, escalated=new.escalated)
    if before == after:
        return []
    moved = level_change(before, after)
    changes = []
    for kind, steps in ((ChangeKind.PROCEDURE_ADDED, moved.added), (ChangeKind.PROCEDURE_REMOVED, moved.removed)):
        if steps:
            ids = ",".join(s.id for s in steps)
            clauses = "; ".join(dict.fromkeys(s.clause for s in steps))
            added = kind is ChangeKind.PROCEDURE_ADDED
            changes.append(Change(kind=kind, before=None if added else ids, after=ids if added else None,
                                  clause=clauses))  # fmt: skip
    return changes

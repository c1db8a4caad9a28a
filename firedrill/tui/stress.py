"""Which task groups (2.4) a playbook stresses: those its linked units name, by group or member unit.

A playbook names e.g. "现场警戒组(市公安局)" or "市卫健委(医疗救护组)"; a group is stressed when
one of its playbook units mentions the group's name or one of the group's member units. The
stressed groups come first in the panel, in the order the playbook names them. No Textual.
"""

from __future__ import annotations

from firedrill.models import TaskGroup
from firedrill.playbook.schema import Playbook


def _mentions(text: str, group: TaskGroup) -> bool:
    names = [group.name.zh, *(m.unit.zh for m in group.members)]
    return any(name in text for name in names)


def stressed_groups(groups: tuple[TaskGroup, ...], playbook: Playbook | None) -> list[str]:
    """Ids of the groups ``playbook`` stresses, in the order its linked units first name them."""
    if playbook is None:
        return []
    found: list[str] = []
    for unit in playbook.linked_units:
        for group in groups:
            if group.id not in found and _mentions(unit.name.zh, group):
                found.append(group.id)
    return found


def ordered_groups(groups: tuple[TaskGroup, ...], playbook: Playbook | None) -> list[tuple[TaskGroup, bool]]:
    """All groups, the stressed ones first; each with whether it is stressed."""
    stressed = stressed_groups(groups, playbook)
    by_id = {g.id: g for g in groups}
    first = [(by_id[i], True) for i in stressed]
    return first + [(g, False) for g in groups if g.id not in stressed]

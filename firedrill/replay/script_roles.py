"""A script's roles checked and each inject's ``to:`` read as role ids (docs/exercises.md).

A role's ``unit`` must be a body, post, 2.4 task group or member unit of chapter 2 (the command
graph of ``firedrill.rules.organisation``, as ``firedrill org`` shows it); with roles declared,
every ``to:`` entry must name one of them, by id or name.
"""

from __future__ import annotations

from functools import cache

from firedrill.replay.problems import Collector
from firedrill.replay.schema import Script


def recipients(script: Script, check: Collector) -> tuple[tuple[str, ...], ...]:
    """Each inject's ``to`` as role ids; with roles declared every entry must name one (id or name).
    A role's unit must be a body, group or unit of chapter 2."""
    known = organisation_names()
    ids: dict[str, str] = {}
    for index, role in enumerate(script.roles):
        if role.id in ids:
            check.add("role_twice", "roles", index, "id", role=role.id)
        for name in (role.id, role.name.zh, role.name.en):
            if name:
                ids.setdefault(name, role.id)
        if role.unit is not None and role.unit not in known:
            check.add("unknown_unit", "roles", index, "unit", unit=role.unit)
    if not script.roles:
        return tuple(() for _ in script.injects)
    found = []
    for index, inject in enumerate(script.injects):
        for position, name in enumerate(inject.to):
            if name not in ids:
                check.add("unknown_role", "injects", index, "to", position, role=name,
                          known=", ".join(r.id for r in script.roles))  # fmt: skip
        found.append(tuple(dict.fromkeys(ids[n] for n in inject.to if n in ids)))
    return tuple(found)


@cache
def organisation_names() -> frozenset[str]:
    """Every name of a body, post, 2.4 task group or member unit of chapter 2, Chinese and English."""
    from firedrill.rules.organisation import command_graph

    return frozenset(n for _, d in command_graph().nodes(data=True) if d.get("name") is not None
                     for n in (d["name"].zh, d["name"].en))  # fmt: skip

"""The roles of an exercise: which injects reach the trainee's roles, and each delivery's
acknowledgement, timed on the drill clock.

A script names its roles (``roles:``); each inject goes ``to:`` one or more of them. The trainee
plays one or more roles (``--role``, ``roles:`` in an answers file; none chosen: all of them); the
script plays the rest, so their prompts are not asked. Every inject delivered to a role the
trainee plays is acknowledged (in the terminal drill: Enter; in an answers file: ``acks:``) and the
seconds it took are kept. Acknowledgement is recorded and reported, never rated: the plan sets
no time for it. A script without roles has no deliveries to acknowledge.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime

from pydantic import BaseModel, ConfigDict

from firedrill.replay.engine import Replay
from firedrill.replay.schema import Method


class Delivery(BaseModel):
    """One inject delivered to the trainee's roles."""

    model_config = ConfigDict(frozen=True)

    number: int
    at: datetime
    offset: str
    to: tuple[str, ...]  # the trainee's roles among its recipients
    method: Method | None
    acknowledged: bool
    seconds: float | None  # from the delivery to the acknowledgement


def delivered(replay: Replay, roles: Collection[str]) -> list[tuple[int, tuple[str, ...]]]:
    """(inject index, the trainee's roles it goes to) for every inject addressed to them."""
    loaded = replay.loaded
    if not loaded.script.roles:
        return []
    played = set(roles) or {r.id for r in loaded.script.roles}
    found = []
    for index, to in enumerate(loaded.inject_roles):
        mine = tuple(r for r in to if r in played)
        if mine:
            found.append((index, mine))
    return found


def deliveries(
    replay: Replay, roles: Collection[str], acks: Mapping[int, float], until: datetime | None = None
) -> tuple[Delivery, ...]:
    """Every delivery up to ``until`` (the drill's reach), with its acknowledgement from ``acks``
    (inject number → seconds)."""
    loaded = replay.loaded
    out = []
    for index, mine in delivered(replay, roles):
        at = loaded.inject_times[index]
        if until is not None and at > until:
            continue
        number = loaded.inject_number(index)
        out.append(Delivery(
            number=number, at=at, offset=loaded.offset(at), to=mine, method=loaded.script.injects[index].method,
            acknowledged=number in acks, seconds=acks.get(number),
        ))  # fmt: skip
    return tuple(out)

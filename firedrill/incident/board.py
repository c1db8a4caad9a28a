"""The command centre's board: where every unit of the station set stands across all open incidents.

Folded from the journal's unit events (an order marks its units dispatched in the same write;
arrival, release and service changes are recorded with time and actor). A unit that serves an
incident which has since closed is available again. Dispatch plans against ``committed()``: a unit
committed to another open incident is never offered, and a unit already sent is never recalled.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from firedrill.errors import InputError
from firedrill.journal import Journal, UnitEvent, UnitStatus
from firedrill.journal.store import COMMITTED


class UnitAction(StrEnum):
    """What a dispatcher reports of a unit (``firedrill unit UNIT ACTION``)."""

    ARRIVED = "arrived"  # on scene
    RELEASED = "released"  # released by the incident: returning
    BACK = "back"  # back at its station: available
    STANDBY = "standby"  # held at its station (4.4.1(5))
    OUT_OF_SERVICE = "out-of-service"
    IN_SERVICE = "in-service"


ACTION_STATUS = {
    UnitAction.ARRIVED: UnitStatus.ON_SCENE,
    UnitAction.RELEASED: UnitStatus.RETURNING,
    UnitAction.BACK: UnitStatus.AVAILABLE,
    UnitAction.STANDBY: UnitStatus.STANDBY,
    UnitAction.OUT_OF_SERVICE: UnitStatus.OUT_OF_SERVICE,
    UnitAction.IN_SERVICE: UnitStatus.AVAILABLE,
}
# The statuses a unit must be in for an action to make sense (None: any).
ACTION_FROM: dict[UnitAction, frozenset[UnitStatus] | None] = {
    UnitAction.ARRIVED: frozenset({UnitStatus.DISPATCHED}),
    UnitAction.RELEASED: frozenset({UnitStatus.DISPATCHED, UnitStatus.ON_SCENE}),
    UnitAction.BACK: frozenset({UnitStatus.RETURNING}),
    UnitAction.STANDBY: frozenset({UnitStatus.AVAILABLE}),
    UnitAction.OUT_OF_SERVICE: None,
    UnitAction.IN_SERVICE: frozenset({UnitStatus.OUT_OF_SERVICE, UnitStatus.STANDBY}),
}


@dataclass(frozen=True)
class UnitPosition:
    unit_id: str
    status: UnitStatus
    incident_id: str | None  # the incident it serves (dispatched, on scene, returning from)
    since: datetime | None
    by: str | None


@dataclass(frozen=True)
class Board:
    units: dict[str, UnitPosition]

    def position(self, unit_id: str) -> UnitPosition:
        return self.units.get(unit_id) or UnitPosition(unit_id, UnitStatus.AVAILABLE, None, None, None)

    def committed(self, except_incident: str | None = None) -> dict[str, str]:
        """Units committed to an open incident (other than ``except_incident``): unit id → incident id."""
        return {u.unit_id: u.incident_id for u in self.units.values()
                if u.status in COMMITTED and u.incident_id not in (None, except_incident)}

    def unavailable(self) -> set[str]:
        """Units that may not be sent at all: out of service, on standby or committed."""
        return {u.unit_id for u in self.units.values() if u.status is not UnitStatus.AVAILABLE}


def fold_board(events: Iterable[UnitEvent], open_incidents: Iterable[str]) -> Board:
    """Every unit's latest status; a unit of a closed incident that was not freed is available."""
    still_open = set(open_incidents)
    units: dict[str, UnitPosition] = {}
    for event in events:
        serving = None if event.status in (UnitStatus.AVAILABLE, UnitStatus.OUT_OF_SERVICE, UnitStatus.STANDBY) \
            else event.incident_id  # fmt: skip
        units[event.unit_id] = UnitPosition(event.unit_id, event.status, serving, event.at, event.actor)
    for unit_id, position in list(units.items()):
        if position.status in COMMITTED and position.incident_id not in still_open:
            units[unit_id] = UnitPosition(unit_id, UnitStatus.AVAILABLE, None, position.since, position.by)
    return Board(units)


def read_board(journal: Journal) -> Board:
    return fold_board(journal.unit_events(), (r.id for r in journal.open_incidents()))


def report_unit(journal: Journal, unit_id: str, action: UnitAction | str, at: datetime,
                actor: str | None = None, known: Iterable[str] | None = None) -> UnitEvent:  # fmt: skip
    """Record what a dispatcher reports of a unit, if its status allows it; ``known``: the station set's ids."""
    try:
        wanted = UnitAction(action)
    except ValueError:
        names = ", ".join(a.value for a in UnitAction)
        raise InputError(f"unknown action {action!r}; use one of {names}", field="action") from None
    if known is not None and unit_id not in set(known):
        raise InputError(f"no unit {unit_id!r} in the station set; see 'firedrill board'", field="unit")
    position = read_board(journal).position(unit_id)
    allowed = ACTION_FROM[wanted]
    if allowed is not None and position.status not in allowed:
        expected = ", ".join(sorted(s.value for s in allowed))
        raise InputError(f"unit {unit_id!r} is {position.status.value}; '{wanted.value}' needs it {expected}",
                         field="action")  # fmt: skip
    status = ACTION_STATUS[wanted]
    # Only arrival and release concern the incident the unit serves; the others are the station's own.
    serving = position.incident_id if wanted in (UnitAction.ARRIVED, UnitAction.RELEASED) else None
    return journal.set_unit(unit_id, status, at, actor, serving)

"""One incident's state as its journal holds it: facts, calls, the level recorded, steps, orders, status.

Frozen and built only by ``firedrill.incident.fold``; every front end reads an incident through it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from firedrill.incident.exercise_clock import ExerciseAnchor
from firedrill.journal import Event, IncidentRecord
from firedrill.models import Incident, Level

# What decides whether an assessment is recorded again: the level, its base and the triggers.
LevelKey = tuple[str, str, tuple[str, ...]]


@dataclass(frozen=True)
class RecordedLevel:
    """The latest ``assessment`` event: the level the dispatcher was shown and the journal holds."""

    level: Level
    base_level: Level
    triggers: tuple[str, ...]
    escalated: bool
    at: datetime
    seq: int

    @property
    def key(self) -> LevelKey:
        return (self.level.value, self.base_level.value, self.triggers)


@dataclass(frozen=True)
class Order:
    """A dispatch order as recorded: every unit sent so far, and those this order added."""

    seq: int
    at: datetime
    units: tuple[str, ...]
    new_units: tuple[str, ...]
    level: str | None
    text: str


@dataclass(frozen=True)
class IncidentState:
    """Everything recorded about one incident, as of its latest event (``version`` events in all)."""

    record: IncidentRecord
    version: int
    events: tuple[Event, ...]
    facts: Mapping[str, Any]  # fact name → value (report and ignition times as datetimes)
    typed: Mapping[str, str]  # entry field → the text its recorded value was typed as (provenance, never parsed)
    calls: tuple[datetime, ...]
    incident: Incident | None  # None while the facts do not make a valid Incident
    problem: str | None  # why they do not
    recorded: RecordedLevel | None  # the latest of ``levels``
    levels: tuple[RecordedLevel, ...]  # every level recorded, in order
    step_notes: Mapping[str, tuple[str, ...]]  # notes written on each step after it was recorded
    alerted: frozenset[str]
    orders: tuple[Order, ...]
    ended: bool  # the emergency is declared over (clause 5): facts no longer change
    exercise: bool  # opened on an exercise clock (演练时间)
    exercise_offset_s: float | None  # that clock's distance from real time when it was opened
    exercise_clock: ExerciseAnchor | None  # that clock now: its latest anchor (pauses, speeds, jumps)
    exercise_script: str | None  # the exercise script a controller steers it by, when one does
    seat: str | None  # the seat that opened, resumed or took over the incident last

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def closed(self) -> bool:
        return self.record.closed_at is not None

    @property
    def reported_at(self) -> datetime:
        """The report time: the timeline's origin everywhere (the opening time until one is recorded)."""
        value = self.facts.get("reported_at")
        return value if isinstance(value, datetime) else self.record.opened_at

    @property
    def ignition_at(self) -> datetime | None:
        value = self.facts.get("ignition_at")
        return value if isinstance(value, datetime) else None

    @property
    def units_sent(self) -> tuple[str, ...]:
        """Every unit the recorded orders sent, in the order they were first sent."""
        sent: dict[str, None] = {}
        for order in self.orders:
            sent.update(dict.fromkeys(order.units))
        return tuple(sent)

    @property
    def place(self) -> Mapping[str, Any] | None:
        value = self.facts.get("scene")
        return value if isinstance(value, Mapping) else None

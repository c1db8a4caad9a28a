"""The journal's records: an incident, its events, and the payload each kind of event carries.

Payloads are checked on the way in so that an after-action record never holds an event it
cannot explain. Every payload model allows extra keys: the console may add context (a clause,
a station list) without a schema change, and the export shows those keys as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, JsonValue, ValidationError, field_validator, model_validator
from pydantic_core import PydanticSerializationError, to_jsonable_python

from firedrill.errors import InputError
from firedrill.facts import FACT_NAMES
from firedrill.models import Level, Trigger
from firedrill.timeutil import to_local
from firedrill.yamlio import describe_validation_error


class EventKind(StrEnum):
    """What an event records."""

    FACT = "fact"  # some of the incident's facts changed (firedrill.facts names)
    ASSESSMENT = "assessment"  # the rules gave a level
    ORDER = "order"  # a dispatch order was given
    NOTE = "note"  # free text from the dispatcher
    PROCEDURE = "procedure"  # a playbook step was ticked, unticked or skipped
    ALERT = "alert"  # the software warned (e.g. a time window)
    CALL = "call"  # another call reporting the same location
    STATUS = "status"  # the incident was opened, closed, resumed or taken over at a seat
    CLOCK = "clock"  # an exercise's clock was paused, resumed, sped up or slowed down, or moved on


class IncidentStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class StatusState(StrEnum):
    OPENED = "opened"
    CLOSED = "closed"
    RESUMED = "resumed"
    TAKEN_OVER = "taken_over"  # a seat took the incident over from another


class ClockChange(StrEnum):
    """What the controller did to an exercise's clock."""

    PAUSE = "pause"
    RESUME = "resume"
    SPEED = "speed"
    JUMP = "jump"


# A bound of the software, not of the plan: an hour of exercise per real second at most.
MAX_EXERCISE_RATE = 3600.0


class UnitStatus(StrEnum):
    """Where a unit of the station set stands on the command centre's board."""

    AVAILABLE = "available"
    DISPATCHED = "dispatched"
    ON_SCENE = "on_scene"
    RETURNING = "returning"
    STANDBY = "standby"
    OUT_OF_SERVICE = "out_of_service"


class UnitEvent(BaseModel):
    """One acknowledged change of a unit's status, with the incident it concerns."""

    model_config = ConfigDict(frozen=True)

    seq: int
    unit_id: str
    status: UnitStatus
    incident_id: str | None
    at: datetime
    actor: str | None
    note: str | None

    @field_validator("at")
    @classmethod
    def _in_local_time(cls, value: datetime) -> datetime:
        return to_local(value)


class ProcedureState(StrEnum):
    DONE = "done"
    UNDONE = "undone"  # a tick taken back
    SKIPPED = "skipped"


class IncidentRecord(BaseModel):
    """One incident as the journal holds it. Times are Asia/Shanghai with their offset."""

    model_config = ConfigDict(frozen=True)

    id: str
    title: str
    scenario: str | None
    opened_at: datetime
    closed_at: datetime | None
    status: IncidentStatus

    @field_validator("opened_at", "closed_at")
    @classmethod
    def _in_local_time(cls, value: datetime | None) -> datetime | None:
        return None if value is None else to_local(value)


class Event(BaseModel):
    """One acknowledged event: once an Event exists, it is committed to disk."""

    model_config = ConfigDict(frozen=True)

    seq: int
    incident_id: str
    at: datetime
    kind: EventKind
    actor: str | None
    payload: dict[str, Any]

    @field_validator("at")
    @classmethod
    def _in_local_time(cls, value: datetime) -> datetime:
        return to_local(value)


class _Payload(BaseModel):
    model_config = ConfigDict(frozen=True, extra="allow")


class FactPayload(_Payload):
    """Facts changed together, by their domain names and in the Incident's units.

    ``typed`` keeps what was typed, per entry field, as provenance only (no reader parses it
    again); ``previous`` is filled in by the journal: each changed fact's value before."""

    changes: dict[str, JsonValue] = Field(min_length=1)
    typed: dict[str, str] = {}
    previous: dict[str, JsonValue] = {}

    @field_validator("changes")
    @classmethod
    def _known_names(cls, value: dict[str, JsonValue]) -> dict[str, JsonValue]:
        unknown = sorted(set(value) - FACT_NAMES)
        if unknown:
            raise ValueError(f"unknown fact {unknown[0]!r}; facts are {', '.join(sorted(FACT_NAMES))}")
        return value


class AssessmentPayload(_Payload):
    """``previous_level`` is always set by the journal (the level of the assessment before)."""

    level: Level
    base_level: Level
    triggers: list[Trigger] = []
    previous_level: Level | None = None


class TextPayload(_Payload):
    text: str = Field(min_length=1)


class ProcedurePayload(_Payload):
    step: str = Field(min_length=1)
    state: ProcedureState
    note: str | None = None


class AlertPayload(_Payload):
    text: str = Field(min_length=1)
    code: str | None = None


class CallPayload(_Payload):
    call_at: datetime
    location: str | None = None

    @field_validator("call_at")
    @classmethod
    def _in_local_time(cls, value: datetime) -> datetime:
        return to_local(value)


class StatusPayload(_Payload):
    state: StatusState
    reason: str | None = None


class ClockPayload(_Payload):
    """An exercise clock's new anchor: at real time ``real_at`` the scenario time is ``scenario_at``,
    running at ``rate`` scenario seconds per real second (0: paused; ``speed``: the rate when running)."""

    real_at: datetime
    scenario_at: datetime
    rate: float = Field(ge=0, le=MAX_EXERCISE_RATE)
    speed: float = Field(gt=0, le=MAX_EXERCISE_RATE)
    change: ClockChange | None = None

    @field_validator("real_at", "scenario_at")
    @classmethod
    def _in_local_time(cls, value: datetime) -> datetime:
        return to_local(value)

    @model_validator(mode="after")
    def _rate_is_the_speed_or_paused(self) -> Self:
        if self.rate not in (0, self.speed):
            raise ValueError(f"rate {self.rate:g} is neither 0 (paused) nor the speed {self.speed:g}")
        return self


PAYLOAD_MODELS: dict[EventKind, type[_Payload]] = {
    EventKind.FACT: FactPayload,
    EventKind.ASSESSMENT: AssessmentPayload,
    EventKind.ORDER: TextPayload,
    EventKind.NOTE: TextPayload,
    EventKind.PROCEDURE: ProcedurePayload,
    EventKind.ALERT: AlertPayload,
    EventKind.CALL: CallPayload,
    EventKind.STATUS: StatusPayload,
    EventKind.CLOCK: ClockPayload,
}


def _localise(value: Any) -> Any:
    """Naive times in a payload are Asia/Shanghai, like every other time in firedrill."""
    if isinstance(value, datetime):
        return to_local(value)
    if isinstance(value, Mapping):
        return {k: _localise(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_localise(v) for v in value]
    return value


def validate_payload(kind: EventKind, payload: object) -> dict[str, Any]:
    """The payload as it will be stored (JSON types only), or an InputError naming the bad field."""
    if not isinstance(payload, Mapping):
        raise InputError("the payload must be a mapping", field="payload")
    try:
        data = to_jsonable_python(_localise(payload))
    except PydanticSerializationError:
        raise InputError("the payload holds a value that cannot be stored as JSON", field="payload") from None
    try:
        model = PAYLOAD_MODELS[kind].model_validate(data)
    except ValidationError as exc:
        problem = describe_validation_error(exc)
        field = f"payload.{problem.field}" if problem.field else "payload"
        raise InputError(problem.message, field=field) from None
    stored: dict[str, Any] = model.model_dump(mode="json")
    return stored

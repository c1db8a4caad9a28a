"""The journal's records: an incident, its events, and the payload each kind of event carries.

Payloads are checked on the way in so that an after-action record never holds an event it
cannot explain. Every payload model allows extra keys: the console may add context (a clause,
a station list) without a schema change, and the export shows those keys as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, JsonValue, ValidationError, field_validator
from pydantic_core import PydanticSerializationError, to_jsonable_python

from firedrill.errors import InputError
from firedrill.models import Level, Trigger
from firedrill.timeutil import to_local
from firedrill.yamlio import describe_validation_error


class EventKind(StrEnum):
    """What an event records."""

    FACT = "fact"  # a field of the incident form changed
    ASSESSMENT = "assessment"  # the rules gave a level
    ORDER = "order"  # a dispatch order was given
    NOTE = "note"  # free text from the dispatcher
    PROCEDURE = "procedure"  # a playbook step was ticked, unticked or skipped
    ALERT = "alert"  # the software warned (e.g. a time window)
    CALL = "call"  # another call reporting the same location
    STATUS = "status"  # the incident was opened, closed or resumed


class IncidentStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class StatusState(StrEnum):
    OPENED = "opened"
    CLOSED = "closed"
    RESUMED = "resumed"


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
    """``previous`` is filled in by the journal when the caller leaves it out."""

    field: str = Field(min_length=1)
    value: JsonValue
    previous: JsonValue = None


class AssessmentPayload(_Payload):
    """``previous_level`` is always set by the journal; ``change`` is set by it when the level
    differs from the previous assessment and the caller gave no text of its own."""

    level: Level
    base_level: Level
    triggers: list[Trigger] = []
    change: str | None = None
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


PAYLOAD_MODELS: dict[EventKind, type[_Payload]] = {
    EventKind.FACT: FactPayload,
    EventKind.ASSESSMENT: AssessmentPayload,
    EventKind.ORDER: TextPayload,
    EventKind.NOTE: TextPayload,
    EventKind.PROCEDURE: ProcedurePayload,
    EventKind.ALERT: AlertPayload,
    EventKind.CALL: CallPayload,
    EventKind.STATUS: StatusPayload,
}


class ResumeState(BaseModel):
    """What a restarted console needs to put an open incident back on screen as it was."""

    model_config = ConfigDict(frozen=True)

    incident: IncidentRecord
    facts: dict[str, Any]
    assessment: dict[str, Any] | None  # payload of the latest assessment event
    procedure: dict[str, ProcedureState]  # latest state of each step
    last_seq: int


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
